import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyticsReport } from './analytics.ts';
import type { ServedList } from './servedList.ts';

const experiment = { id: 'aa', variants: [{ name: 'a', strategy: 'personalized' as const, weight: 50 }, { name: 'b', strategy: 'personalized' as const, weight: 50 }] };

/** `shoppers` shoppers of variant `v`, each shown `m` lists. */
function lists(v: string, shoppers: number, m: number): ServedList[] {
  const out: ServedList[] = [];
  for (let u = 0; u < shoppers; u++) {
    for (let k = 0; k < m; k++) out.push({ id: `${v}-${u}-${k}`, shop: 's', ts: 1, surface: 'product', actor: 'human', experiment: { id: 'aa', variant: v }, userId: `${v}-${u}`, items: ['p'] });
  }
  return out;
}

describe('analytics: the sample-ratio check', () => {
  it('counts shoppers (the unit of assignment), not lists: many lists per shopper raise no false alarm', () => {
    // 60/40 shoppers is an ordinary draw at 50/50 (p ≈ 0.046); counted as 20 lists each it looked like 1200/800 (p ≈ 0).
    const r = analyticsReport([...lists('a', 60, 20), ...lists('b', 40, 20)], [], 'variant', experiment);
    assert.equal(r.groups[0]?.served, 1200);
    assert.equal(r.sampleRatio?.mismatch, false);
    assert.ok((r.sampleRatio?.pValue ?? 0) > 0.01, JSON.stringify(r.sampleRatio));
  });

  it('still flags a real mismatch of shoppers', () => {
    const r = analyticsReport([...lists('a', 700, 1), ...lists('b', 300, 1)], [], 'variant', experiment);
    assert.equal(r.sampleRatio?.mismatch, true);
  });
});
