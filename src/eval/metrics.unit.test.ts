import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstHitRank, HitRateMrr, jaccard, variation } from './metrics.ts';

describe('firstHitRank', () => {
  it('gives the 1-based rank of the first target within k, else 0', () => {
    assert.equal(firstHitRank(['a', 'b', 'c'], new Set(['c', 'b']), 3), 2);
    assert.equal(firstHitRank(['a', 'b', 'c'], new Set(['c']), 2), 0);
    assert.equal(firstHitRank([], new Set(['a']), 20), 0);
  });
});

describe('HitRateMrr', () => {
  it('averages hits and reciprocal ranks over all predictions, misses included', () => {
    const m = new HitRateMrr(3);
    m.add(['a', 'b', 'c'], 'a'); // rank 1
    m.add(['a', 'b', 'c'], 'c'); // rank 3
    m.add(['a', 'b', 'c', 'd'], 'd'); // beyond k: miss
    m.add(['x', 'y'], new Set(['y', 'x'])); // first hit at rank 1
    assert.equal(m.count, 4);
    assert.equal(m.hitRate, 3 / 4);
    assert.ok(Math.abs(m.mrr - (1 + 1 / 3 + 0 + 1) / 4) < 1e-12);
  });

  it('is 0 with no predictions', () => {
    const m = new HitRateMrr(20);
    assert.equal(m.hitRate, 0);
    assert.equal(m.mrr, 0);
  });
});

describe('variation', () => {
  it('is 0 for identical lists and 1 for disjoint ones', () => {
    assert.equal(variation([['a', 'b'], ['b', 'a'], ['a', 'b']]), 0);
    assert.equal(variation([['a'], ['b'], ['c']]), 1);
  });

  it('is the mean pairwise 1 − Jaccard', () => {
    const lists = [['a', 'b', 'c'], ['a', 'b', 'd'], ['x']];
    // pairs: (1,2) J = 2/4, (1,3) J = 0, (2,3) J = 0
    assert.ok(Math.abs(variation(lists) - (0.5 + 1 + 1) / 3) < 1e-12);
    assert.equal(jaccard(['a', 'b', 'c'], ['a', 'b', 'd']), 0.5);
    assert.equal(jaccard([], []), 1);
  });

  it('needs two lists and subsamples deterministically', () => {
    assert.equal(variation([['a']]), 0);
    const many = Array.from({ length: 50 }, (_, i) => [`i${i % 7}`]);
    assert.equal(variation(many, 10), variation(many, 10));
    assert.ok(variation(many, 10) > 0);
  });
});

describe('HitRateMrr per case', () => {
  it('keeps each prediction’s hit and reciprocal rank, in order, for paired comparisons', () => {
    const m = new HitRateMrr(2);
    m.add(['a', 'b'], 'b');
    m.add(['a', 'b'], 'c');
    m.add(['c', 'b', 'd'], 'd');
    m.add(['x'], 'x');
    assert.deepEqual(m.hitPerCase, [1, 0, 0, 1]);
    assert.deepEqual(m.rrPerCase, [0.5, 0, 0, 1]);
  });
});
