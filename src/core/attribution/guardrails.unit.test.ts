import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyticsReport } from './analytics.ts';
import { GuardrailAcc, quantile } from './guardrails.ts';
import type { ServedList } from './servedList.ts';

const list = (id: string, variant: string, extra: Partial<ServedList> = {}): ServedList => ({
  id,
  shop: 's',
  ts: 1,
  surface: 'api',
  actor: 'human',
  experiment: { id: 'e', variant },
  userId: `u-${id}`,
  items: ['a', 'b'],
  ...extra,
});

describe('guardrails', () => {
  it('takes nearest-rank quantiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(quantile(xs, 0.95), 95);
    assert.equal(quantile(xs, 0.5), 50);
    assert.equal(quantile([7], 0.95), 7);
    assert.equal(quantile([], 0.95), null);
  });

  it('counts errors apart from served lists, degraded answers and the latency of every list', () => {
    const acc = new GuardrailAcc();
    for (let i = 0; i < 18; i++) acc.add(list(`${i}`, 'a', { tookMs: i + 1 }));
    acc.add(list('d', 'a', { tookMs: 40, status: 'degraded' }));
    acc.add(list('x', 'a', { tookMs: 900, status: 'error', items: [] }));
    acc.add(list('old', 'a')); // recorded before latencies were: no sample
    const g = acc.result();
    assert.equal(g.errors, 1);
    assert.equal(g.degraded, 1);
    assert.equal(g.errorRate.value, 0.047619); // 1 / 21, rounded to 6 places
    assert.deepEqual(g.latencyMs, { samples: 20, p50: 10, p95: 40, max: 900 });
  });

  it('gives each variant its own guardrails in the analytics report, and failed lists are not served', () => {
    const served = [list('1', 'control', { tookMs: 5 }), list('2', 'control', { tookMs: 7 }), list('3', 'treat', { tookMs: 50 }), list('4', 'treat', { tookMs: 60, status: 'error', items: [] })];
    const r = analyticsReport(served, [], 'variant', { id: 'e', variants: [{ name: 'control', strategy: 'popular', weight: 1 }, { name: 'treat', strategy: 'personalized', weight: 1 }] });
    const [c, t] = r.groups;
    assert.equal(c?.served, 2);
    assert.equal(c?.guardrails.errors, 0);
    assert.equal(c?.guardrails.latencyMs.p95, 7);
    assert.equal(t?.served, 1);
    assert.equal(t?.guardrails.errors, 1);
    assert.equal(t?.guardrails.errorRate.value, 0.5);
    assert.equal(t?.guardrails.latencyMs.p95, 60);
  });
});
