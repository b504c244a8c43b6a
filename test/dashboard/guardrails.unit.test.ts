import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffProportions } from '../../src/core/attribution/stats.ts';
// The page's own module (plain JS, no DOM), imported as the browser does.
import { twoProportionP, worseGuardrails } from '../../src/dashboard/guardrails.js';

describe('dashboard guardrails (guardrails.js)', () => {
  const g = (served: number, errors: number, degraded: number, p50: number | null, p95: number | null, samples = 500) => ({
    served,
    guardrails: { errors, degraded, errorRate: { value: 0, low: 0, high: 0 }, latencyMs: { samples, p50, p95, max: p95 } },
  });
  it('tests failures like the analytics API tests conversion (pooled two-proportion z-test)', () => {
    for (const [k1, n1, k0, n0] of [[60, 1000, 40, 1000], [3, 50, 0, 70], [500, 5000, 430, 5100]] as const) {
      assert.ok(Math.abs(twoProportionP(k1, n1, k0, n0) - diffProportions(k1, n1, k0, n0).pValue) < 1e-5, `${k1}/${n1} vs ${k0}/${n0}`);
    }
    assert.equal(twoProportionP(0, 1000, 0, 1000), 1);
    assert.equal(twoProportionP(3, 0, 0, 10), 1);
  });
  it('names each guardrail the variant got worse on, and only those', () => {
    assert.deepEqual(worseGuardrails(g(1000, 60, 0, 10, 20), g(1000, 20, 0, 10, 20)), ['fails more (error rate 5.7 % vs 2.0 %, p < 0.001)']);
    assert.deepEqual(worseGuardrails(g(1000, 0, 0, 30, 80), g(1000, 0, 0, 10, 20)), ['is slower (p50 30 ms vs 10 ms, p95 80 ms vs 20 ms)']);
    // Better than the control, or the same, is never worse.
    assert.deepEqual(worseGuardrails(g(1000, 0, 0, 10, 20), g(1000, 60, 90, 30, 80)), []);
    assert.deepEqual(worseGuardrails(g(1000, 5, 5, 10, 20), g(1000, 5, 5, 10, 20)), []);
    // No guardrails in the report (an older one): nothing to say.
    assert.deepEqual(worseGuardrails({ served: 10 }, g(1000, 0, 0, 1, 2)), []);
  });
});
