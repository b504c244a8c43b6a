import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_FRESHNESS_PARAMS, ItemFreshness } from './freshness.ts';
import { DEFAULT_SOURCE_WEIGHTS, rank, type Seed } from './rank.ts';

const w = (productId: string, weight: number) => ({ productId, weight });

describe('ItemFreshness: how much of an item’s demand is recent', () => {
  it('ranks an item taking off today above one in steady demand, and one never counted between them', () => {
    // Steady for weeks: a day's count is about a seventh of a week's. Taking off: nearly all of it today.
    const f = new ItemFreshness([w('steady', 70), w('hot', 12)], [w('steady', 10), w('hot', 11)]);
    assert.ok(f.of('hot') > f.of('unknown') && f.of('unknown') > f.of('steady'), `${f.of('hot')} ${f.of('unknown')} ${f.of('steady')}`);
    const { power, trendingPrior, popularPrior } = DEFAULT_FRESHNESS_PARAMS;
    assert.equal(f.of('steady'), ((10 + trendingPrior) / (70 + popularPrior)) ** power);
    assert.equal(f.of('unknown'), (trendingPrior / popularPrior) ** power);
  });

  it('sums the counts of an id given twice, reads a trending count with no popular one as its own lower bound, and is 1 everywhere at power 0', () => {
    const f = new ItemFreshness([w('a', 4), w('a', 6)], [w('a', 2), w('b', 5)]);
    const { power, trendingPrior, popularPrior } = DEFAULT_FRESHNESS_PARAMS;
    assert.equal(f.of('a'), ((2 + trendingPrior) / (10 + popularPrior)) ** power);
    assert.equal(f.of('b'), ((5 + trendingPrior) / (5 + popularPrior)) ** power);
    assert.equal(f.size, 2);
    const off = new ItemFreshness([w('a', 4)], [w('a', 4)], { ...DEFAULT_FRESHNESS_PARAMS, power: 0 });
    assert.equal(off.of('a'), 1);
    assert.throws(() => new ItemFreshness([], [], { ...DEFAULT_FRESHNESS_PARAMS, popularPrior: 0 }), RangeError);
  });
});

describe('rank() with freshness', () => {
  const seeds: Seed[] = [{ productId: 'seed', weight: 1, role: 'current' } as Seed];
  const base = {
    now: 0,
    seeds,
    // Viewed with the seed about as often, 'steady' a little more.
    neighbours: new Map([['seed', [w('steady', 5.2), w('hot', 5)]]]),
    popular: [],
    trending: [],
    exclude: new Set(['seed']),
    allowRepeat: false,
    limit: 5,
    weights: DEFAULT_SOURCE_WEIGHTS,
  };
  it('puts the co-occurring item in demand now first; the reason is still the co-occurrence', () => {
    assert.deepEqual(rank(base).map((r) => r.productId), ['steady', 'hot'], 'without it, the stronger co-occurrence first');
    const freshness = new ItemFreshness([w('steady', 70), w('hot', 12)], [w('steady', 10), w('hot', 11)]);
    const ranked = rank({ ...base, freshness });
    assert.deepEqual(ranked.map((r) => r.productId), ['hot', 'steady'], 'freshness outweighs a slightly stronger co-occurrence');
    assert.equal(ranked[0]?.reasons[0]?.source, 'cooc');
    assert.equal(ranked[0]?.reasons[0]?.seed, 'seed');
  });
});
