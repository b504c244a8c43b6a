import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TaskCancelledError } from 'cockatiel';
import { classifierExtractor, type SyncClassifier } from '../../core/intent/intentExtractor.ts';
import type { Intent } from '../../core/intent/types.ts';
import { ModelAnswerError, parseModelIntent } from './modelIntent.ts';
import { OpenAiIntentExtractor } from './openAiIntentExtractor.ts';

/** A local classifier stand-in: always browsing. */
const localClassifier: SyncClassifier = {
  classify(): Intent {
    return {
      type: 'browsing',
      confidence: 0.5,
      language: 'en',
      scores: { high_purchase_intent: 0.1, comparison_shopping: 0.1, browsing: 0.5, research: 0.3 },
      entities: { categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false },
    };
  },
};
const local = classifierExtractor(localClassifier);

const MODEL_ANSWER = {
  type: 'high_purchase_intent',
  confidence: 1.7,
  entities: {
    budget: { max: 120, currency: 'usd' },
    categories: ['hiking boots'],
    brands: ['acme'],
    colours: ['Brown'],
    sizes: ['42'],
    rejections: [{ kind: 'material', value: 'leather' }, { kind: 'nonsense', value: 'suede' }],
    recipient: 'Boyfriend',
    occasion: 'birthday',
    isGift: true,
  },
};

type Mode = 'ok' | '500' | 'invalid' | 'hang';

/** One request the fake received. */
interface Seen {
  readonly body: Record<string, unknown>;
  readonly auth?: string;
  readonly path?: string;
}

/**
 * A fake OpenAI-compatible chat completions server. Requests are kept by model name and every test
 * names its own model, so a request that reaches the fake late (one a timeout already gave up on)
 * cannot be counted in another test.
 */
function fakeOpenAi() {
  const state = { mode: 'ok' as Mode, seen: [] as Seen[] };
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.seen.push({ body: JSON.parse(body) as Record<string, unknown>, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), ...(req.url ? { path: req.url } : {}) });
      if (state.mode === 'hang') return; // never answers
      if (state.mode === '500') return void res.writeHead(500).end('boom');
      const content = state.mode === 'invalid' ? 'sure! here is {not json' : JSON.stringify(MODEL_ANSWER);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  /** The requests for `model`. */
  const seen = (model: string): Seen[] => state.seen.filter((r) => r.body.model === model);
  return { server, state, seen };
}

/**
 * Timeout of the tests that are not about the timeout: far longer than a loopback call takes on any
 * machine, so a slow or busy one cannot turn a model answer into a fallback.
 */
const NO_TIMEOUT_MS = 30_000;

describe('OpenAiIntentExtractor (OpenAI-compatible model, breaker, cache, local fallback)', () => {
  const fake = fakeOpenAi();
  let baseUrl = '';
  const vocabulary = () => ({ categories: ['Hiking Boots', 'Sandals'], vendors: ['ACME', 'Zed'] });
  const make = (model: string) =>
    new OpenAiIntentExtractor({ baseUrl, model, apiKey: 'sk-test', fallback: local, vocabulary, timeoutMs: NO_TIMEOUT_MS, halfOpenAfterMs: 3_600_000 });

  before(async () => {
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1/`;
  });
  after(async () => {
    fake.server.closeAllConnections();
    await new Promise<void>((r) => fake.server.close(() => r()));
  });
  beforeEach(() => {
    fake.state.mode = 'ok';
  });

  it('maps the model answer (source model, no fallback) and serves the same text from the cache', async () => {
    const x = make('test-model');
    const r = await x.extract('Birthday gift for my boyfriend: acme hiking boots under $120, no leather', { shop: 's1', currencyHint: 'US' });
    assert.equal(r.source, 'model');
    assert.equal(r.fallbackUsed, false);
    assert.equal(r.type, 'high_purchase_intent');
    assert.equal(r.confidence, 1, 'confidence clamped to [0, 1]');
    assert.equal(r.language, 'en', 'language detected locally when the model omits it');
    assert.deepEqual(r.entities.budget, { max: 120, currency: 'USD', text: 'max 120 USD' });
    assert.deepEqual(r.entities.categories, ['Hiking Boots'], 'spelled as the shop does');
    assert.deepEqual(r.entities.brands, ['ACME']);
    assert.deepEqual(r.entities.colours, ['brown']);
    assert.deepEqual(r.entities.sizes, ['42']);
    assert.deepEqual(r.entities.rejections, [{ kind: 'material', value: 'leather' }, { kind: 'term', value: 'suede' }]);
    assert.equal(r.entities.recipient, 'boyfriend');
    assert.equal(r.entities.occasion, 'birthday');
    assert.equal(r.entities.isGift, true);
    const sum = Object.values(r.scores).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9);
    // The request: path, auth, JSON mode, temperature 0, the shop's vocabulary in the prompt.
    assert.equal(fake.seen('test-model').length, 1);
    const sent = fake.seen('test-model')[0];
    assert.equal(sent?.path, '/v1/chat/completions');
    assert.equal(sent?.auth, 'Bearer sk-test');
    assert.equal(sent?.body.model, 'test-model');
    assert.deepEqual(sent?.body.response_format, { type: 'json_object' });
    assert.equal(sent?.body.temperature, 0);
    const messages = sent?.body.messages as { role: string; content: string }[];
    assert.equal(messages[0]?.role, 'system');
    assert.match(messages[0]?.content ?? '', /comparison_shopping/);
    assert.match(messages[0]?.content ?? '', /Hiking Boots; Sandals/);
    assert.match(messages[1]?.content ?? '', /hiking boots under \$120/);

    const again = await x.extract('  birthday gift for my boyfriend: ACME hiking boots under $120, no leather ', { shop: 's1', currencyHint: 'US' });
    assert.equal(again.source, 'model');
    assert.equal(fake.seen('test-model').length, 1, 'served from the cache');
    await x.extract('Birthday gift for my boyfriend: acme hiking boots under $120, no leather', { shop: 's2', currencyHint: 'US' });
    assert.equal(fake.seen('test-model').length, 2, 'the cache is per shop');
  });

  for (const mode of ['500', 'invalid'] as const) {
    it(`falls back to the local classifier when the model ${mode === '500' ? 'answers 500' : 'answers invalid JSON'}`, async () => {
      fake.state.mode = mode;
      const errors: unknown[] = [];
      const model = `fails-${mode}`;
      const x = new OpenAiIntentExtractor({ baseUrl, model, fallback: local, timeoutMs: NO_TIMEOUT_MS, onFallback: (e) => errors.push(e) });
      const r = await x.extract('red sneakers', { shop: 's1' });
      assert.equal(r.source, 'local');
      assert.equal(r.fallbackUsed, true);
      assert.equal(r.type, 'browsing');
      assert.equal(fake.seen(model).length, 1);
      assert.equal(errors.length, 1);
      // The answer itself was the failure, not a timeout.
      if (mode === '500') assert.match(String(errors[0]), /HTTP 500/);
      else assert.ok(errors[0] instanceof ModelAnswerError, String(errors[0]));
      assert.equal(fake.seen(model)[0]?.auth, undefined, 'no Authorization without a key');
    });
  }

  it('falls back to the local classifier when the model hangs past the timeout', async () => {
    // The fake never answers, so the timeout fires however slow the machine is; nothing here has to
    // happen within it (not even the request reaching the fake: x.calls counts the call made).
    fake.state.mode = 'hang';
    const errors: unknown[] = [];
    const x = new OpenAiIntentExtractor({ baseUrl, model: 'hangs', fallback: local, timeoutMs: 200, onFallback: (e) => errors.push(e) });
    const r = await x.extract('red sneakers', { shop: 's1' });
    assert.equal(r.source, 'local');
    assert.equal(r.fallbackUsed, true);
    assert.equal(r.type, 'browsing');
    assert.equal(x.calls, 1, 'the model was called');
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof TaskCancelledError, `a timeout: ${String(errors[0])}`);
  });

  it('opens the breaker after 5 consecutive failures: the model is not called any more', async () => {
    fake.state.mode = '500';
    const x = make('breaker');
    for (let i = 0; i < 5; i++) {
      const r = await x.extract(`query ${i}`, { shop: 's1' });
      assert.equal(r.fallbackUsed, true);
    }
    assert.equal(fake.seen('breaker').length, 5);
    fake.state.mode = 'ok';
    const r = await x.extract('another query', { shop: 's1' });
    assert.equal(r.source, 'local');
    assert.equal(r.fallbackUsed, true);
    assert.equal(fake.seen('breaker').length, 5, 'breaker open: no call');
  });

  it('a model answer without a valid type is a failure', () => {
    assert.throws(() => parseModelIntent({ type: 'shopping' }, 'x'), ModelAnswerError);
    const es = parseModelIntent({ type: 'research' }, '¿de qué material es la chaqueta?');
    assert.equal(es.language, 'es');
    assert.equal(es.confidence, 0.7);
    assert.deepEqual(es.entities.categories, []);
  });
});
