import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

/** Affinity wired with AFFINITY_INTENT_MODEL_URL: the recommender reads intents through the model, else locally. */
describe('model-based intent extraction wired from the configuration', () => {
  const state = { fail: false, calls: 0 };
  const model: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      state.calls++;
      if (state.fail) return void res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { content: JSON.stringify({ type: 'research', confidence: 0.9, entities: { categories: ['tents'] } }) } }] }));
    });
  });
  let app: Running;

  before(async () => {
    await new Promise<void>((r) => model.listen(0, '127.0.0.1', r));
    const port = (model.address() as AddressInfo).port;
    // The timeout is not what this tests: far longer than a loopback call takes on any machine, so a slow
    // or busy one cannot turn the model's answer into a fallback (the failing model answers 500 at once).
    app = await startAffinity({ AFFINITY_INTENT_MODEL_URL: `http://127.0.0.1:${port}/v1`, AFFINITY_INTENT_MODEL: 'fake', AFFINITY_INTENT_MODEL_TIMEOUT_MS: '30000' });
  });
  after(async () => {
    await app.stop();
    await new Promise<void>((r) => model.close(() => r()));
  });

  it('the personalizer reports source model, then local with fallback_used when the model fails', async () => {
    const p = app.affinity.ctx.personalizer;
    assert.ok(p);
    const r = await p.personalize({ shop: 'default', text: 'how waterproof is the trail tent?', limit: 3 }, Date.now());
    assert.equal(r.intent?.source, 'model');
    assert.equal(r.intent?.fallbackUsed, false);
    assert.equal(state.calls, 1);
    state.fail = true;
    const f = await p.personalize({ shop: 'default', text: 'I want red sneakers', limit: 3 }, Date.now());
    assert.equal(f.intent?.source, 'local');
    assert.equal(f.intent?.fallbackUsed, true);
  });
});
