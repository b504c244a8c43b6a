import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketDelta, histogramQuantile } from './histogramQuantile.ts';
import { figuresBetween, series, summarize, type OpsSnapshot } from './operationsSeries.ts';
import { RingBuffer } from './ringBuffer.ts';

describe('RingBuffer', () => {
  it('keeps the newest `capacity` entries, oldest first', () => {
    const r = new RingBuffer<number>(3);
    assert.deepEqual(r.toArray(), []);
    assert.equal(r.last(), undefined);
    for (let i = 1; i <= 7; i++) r.push(i);
    assert.deepEqual(r.toArray(), [5, 6, 7]);
    assert.equal(r.size, 3);
    assert.equal(r.last(), 7);
  });
  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new RingBuffer(0), RangeError);
    assert.throws(() => new RingBuffer(1.5), RangeError);
  });
});

describe('histogramQuantile', () => {
  const b = (pairs: [number, number][]) => pairs.map(([le, count]) => ({ le, count }));
  it('interpolates inside the bucket the rank falls in, as Prometheus does', () => {
    // 100 observations: 50 ≤ 0.01, 40 in (0.01, 0.1], 10 in (0.1, 1].
    const h = b([[0.01, 50], [0.1, 90], [1, 100], [Infinity, 100]]);
    assert.equal(histogramQuantile(0.5, h), 0.01);
    assert.ok(Math.abs((histogramQuantile(0.7, h) as number) - 0.055) < 1e-12);
    assert.ok(Math.abs((histogramQuantile(0.95, h) as number) - 0.55) < 1e-12);
    assert.equal(histogramQuantile(0.25, h), 0.005);
  });
  it('answers the largest finite bound for a rank in +Inf, and null with no observation', () => {
    assert.equal(histogramQuantile(0.99, b([[0.5, 1], [1, 1], [Infinity, 10]])), 1);
    assert.equal(histogramQuantile(0.5, b([[1, 0], [Infinity, 0]])), null);
    assert.equal(histogramQuantile(0.5, []), null);
  });
  it('subtracts an earlier histogram bucket by bucket', () => {
    assert.deepEqual(bucketDelta(b([[1, 5], [Infinity, 9]]), b([[1, 2], [Infinity, 3]])), b([[1, 3], [Infinity, 6]]));
    // A reset (counts went down) reads as the later counts.
    assert.deepEqual(bucketDelta(b([[1, 1], [Infinity, 1]]), b([[1, 2], [Infinity, 3]])), b([[1, 1], [Infinity, 1]]));
  });
});

const snap = (t: number, requests: number, over: Partial<OpsSnapshot> = {}): OpsSnapshot => ({
  t,
  requests,
  serverErrors: 0,
  clientErrors: 0,
  latency: [
    { le: 0.01, count: requests },
    { le: Infinity, count: requests },
  ],
  caches: {},
  breakers: {},
  projectionLag: 0,
  storeUp: 1,
  ...over,
});

describe('operations figures', () => {
  it('computes throughput, error rates, latency and cache hit ratios of an interval', () => {
    const a = snap(0, 100, {
      serverErrors: 1,
      clientErrors: 2,
      latency: [
        { le: 0.01, count: 100 },
        { le: 0.1, count: 100 },
        { le: Infinity, count: 100 },
      ],
      caches: { neighbours: { hits: 10, misses: 10 }, idle: { hits: 1, misses: 0 } } });
    const b = snap(10_000, 300, {
      serverErrors: 5,
      clientErrors: 22,
      latency: [
        { le: 0.01, count: 200 },
        { le: 0.1, count: 300 },
        { le: Infinity, count: 300 },
      ],
      caches: { neighbours: { hits: 40, misses: 20 }, idle: { hits: 1, misses: 0 } },
    });
    const f = figuresBetween(a, b);
    assert.equal(f.requests, 200);
    assert.equal(f.requestsPerSecond, 20);
    assert.equal(f.errorRate, 0.02);
    assert.equal(f.clientErrorRate, 0.1);
    // 100 of the 200 in the interval took ≤ 10 ms, the other 100 up to 100 ms.
    assert.equal(f.p50Ms, 10);
    assert.equal(f.p95Ms, 91);
    assert.deepEqual(f.cacheHitRatio, { neighbours: 0.75, idle: null });
  });

  it('makes one point per interval and a summary of the window with the current state', () => {
    const snaps = [snap(0, 0), snap(10_000, 50, { projectionLag: 3 }), snap(20_000, 50, { projectionLag: 0, storeUp: 0, breakers: { 'a.myshopify.com': 2 } })];
    const pts = series(snaps);
    assert.deepEqual(pts.map((p) => [p.t, p.requestsPerSecond, p.projectionLag, p.p50Ms === null]), [[10_000, 5, 3, false], [20_000, 0, 0, true]]);
    const s = summarize(snaps)!;
    assert.deepEqual([s.from, s.to, s.requests, s.requestsPerSecond, s.storeUp, s.breakers], [0, 20_000, 50, 2.5, false, { 'a.myshopify.com': 'open' }]);
    assert.equal(summarize([]), undefined);
    assert.equal(summarize([snap(5, 7, { storeUp: null })])!.storeUp, null);
  });
});
