import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../random.ts';
import { orderQuotableFirst, quotableFirst } from './reasonOrder.ts';

describe('quotableFirst', () => {
  it('puts the strongest reason about the product first, catalog fillers after them and constraint notes last', () => {
    const reasons = [
      { source: 'constraint', score: 0 },
      { source: 'catalog', score: 0.31 },
      { source: 'intent', score: 0.25 },
      { source: 'season', score: 0.02 },
      { source: 'intent', score: 0.135 },
    ];
    assert.deepEqual(
      [...reasons].sort(quotableFirst).map((r) => `${r.source}:${r.score}`),
      ['intent:0.25', 'intent:0.135', 'season:0.02', 'catalog:0.31', 'constraint:0'],
    );
  });

  it('keeps a filler first when it is the only reason, and puts reasons without a score after scored ones', () => {
    assert.deepEqual([{ source: 'constraint', score: 0 }, { source: 'catalog', score: 0.1 }].sort(quotableFirst)[0]?.source, 'catalog');
    assert.deepEqual([{ source: 'external' }, { source: 'cooc', score: 0.1 }].sort(quotableFirst).map((r) => r.source), ['cooc', 'external']);
  });
});

describe('orderQuotableFirst', () => {
  it('orders as the stable Array#sort with quotableFirst does, ties kept in their order, in place', () => {
    const rnd = mulberry32(5);
    const sources = ['intent', 'cooc', 'catalog', 'constraint', 'season'];
    for (let k = 0; k < 2000; k++) {
      const rs = Array.from({ length: Math.floor(rnd() * 12) }, (_, i) => ({
        source: sources[Math.floor(rnd() * sources.length)] as string,
        ...(rnd() < 0.1 ? {} : { score: Math.floor(rnd() * 4) / 4 }),
        i,
      }));
      const want = [...rs].sort(quotableFirst);
      const got = orderQuotableFirst(rs);
      assert.equal(got, rs);
      assert.deepEqual(got, want, `case ${k}`);
    }
  });
});
