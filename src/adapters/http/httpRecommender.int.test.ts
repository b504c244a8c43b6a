import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { BaseRecommender, RecommendedItem } from '../../core/recommend/baseRecommender.ts';
import { isAffinityError } from '../../core/errors.ts';
import { HttpRecommender } from './httpRecommender.ts';

/** A shop's existing recommender: answers with GIDs, or fails when told to. */
function externalRecommender() {
  const state = { fail: false, calls: 0, lastBody: undefined as unknown };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      state.calls++;
      state.lastBody = JSON.parse(body);
      if (state.fail) {
        res.writeHead(500).end('boom');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [{ id: 'gid://shopify/Product/11', score: 0.9 }, { productId: 12 }, { nothing: true }] }));
    });
  });
  return { server, state };
}

const fallback: BaseRecommender = {
  name: 'hybrid',
  async recommend(): Promise<RecommendedItem[]> {
    return [{ productId: 'local-1', score: 1, reasons: [{ source: 'popular', score: 1 }] }];
  },
  async recommendBatch(reqs) {
    return reqs.map(() => [{ productId: 'local-1', score: 1, reasons: [{ source: 'popular', score: 1 }] }]);
  },
};

describe('HttpRecommender (external base recommender over HTTP)', () => {
  const ext = externalRecommender();
  let url = '';
  before(async () => {
    await new Promise<void>((r) => ext.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(ext.server.address() as AddressInfo).port}/recommend`;
  });
  after(() => new Promise<void>((r) => ext.server.close(() => r())));

  it('passes the request and normalises ids and scores', async () => {
    const r = new HttpRecommender({ url, timeoutMs: 1000 });
    const items = await r.recommend({ shop: 's', userId: 'u', productId: '5', cart: ['6'], limit: 5 }, Date.now());
    assert.deepEqual(ext.state.lastBody, { shop: 's', userId: 'u', productId: '5', cart: ['6'], limit: 5 });
    assert.deepEqual(items.map((i) => i.productId), ['11', '12']);
    assert.equal(items[0]?.score, 0.9);
    assert.equal(items[1]?.score, 1 / 2, 'rank-based score when none is given');
    assert.deepEqual(items[0]?.reasons, [{ source: 'external', score: 0.9 }]);
  });

  it('answers from the fallback when the external recommender fails, and opens its breaker', async () => {
    const states: string[] = [];
    const r = new HttpRecommender({ url, timeoutMs: 1000, fallback, breakerThreshold: 2, halfOpenAfterMs: 60_000, onStateChange: (s) => states.push(s) });
    ext.state.fail = true;
    const before = ext.state.calls;
    for (let i = 0; i < 5; i++) {
      const items = await r.recommend({ shop: 's', limit: 3 }, Date.now());
      assert.equal(items[0]?.productId, 'local-1');
    }
    assert.equal(ext.state.calls - before, 2, 'the open breaker stops calling the failing recommender');
    assert.ok(states.length > 0);
    ext.state.fail = false;
  });

  it('without a fallback, fails with UPSTREAM_RECOMMENDER_FAILED', async () => {
    const r = new HttpRecommender({ url: 'http://127.0.0.1:1/nothing-listens-here', timeoutMs: 500 });
    await assert.rejects(r.recommend({ shop: 's', limit: 3 }, Date.now()), (err: unknown) => isAffinityError(err) && err.code === 'UPSTREAM_RECOMMENDER_FAILED');
  });
});
