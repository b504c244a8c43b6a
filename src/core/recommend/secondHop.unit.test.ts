import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RANK_PARAMS, DEFAULT_SOURCE_WEIGHTS, rank, type WeightedItem } from './rank.ts';
import { secondHop } from './secondHop.ts';

const w = (productId: string, weight: number): WeightedItem => ({ productId, weight });

describe('secondHop', () => {
  // a is viewed with b (3) and c (1); b with d (1) and a; c with d (1) and e (1).
  const lists: Record<string, WeightedItem[]> = {
    a: [w('b', 3), w('c', 1)],
    b: [w('d', 1), w('a', 1)],
    c: [w('d', 1), w('e', 1)],
  };
  const listOf = (id: string) => lists[id];

  it('is the square of the row shares on the product’s row, without the product itself', () => {
    // d: 3/4 · 1/2 + 1/4 · 1/2 = 0.5; e: 1/4 · 1/2 = 0.125; a (itself) left out.
    assert.deepEqual(secondHop('a', lists.a as WeightedItem[], listOf), [w('d', 0.5), w('e', 0.125)]);
  });

  it('keeps the strongest, ties by product id, at most `keep`; a neighbour without a list adds nothing', () => {
    const first = [w('x', 1), w('y', 1), w('gone', 5)];
    const more: Record<string, WeightedItem[]> = { x: [w('q', 1), w('p', 1)], y: [w('p', 1), w('r', 1)] };
    // Shares: x and y 1/7 each (gone has no list); p: 2 · 1/7 · 1/2, q and r: 1/7 · 1/2.
    assert.deepEqual(secondHop('s', first, (id) => more[id]).map((n) => n.productId), ['p', 'q', 'r']);
    assert.deepEqual(secondHop('s', first, (id) => more[id], 2).map((n) => n.productId), ['p', 'q']);
    assert.deepEqual(secondHop('s', [], (id) => more[id]), []);
    assert.deepEqual(secondHop('s', [w('x', 0)], (id) => more[id]), []);
  });
});

describe('rank with a second hop', () => {
  const seeds = [{ productId: 'a', weight: 1, role: 'current' as const }];
  const neighbours = new Map([['a', [w('b', 1)]]]);
  const input = (secondHopWeight: number) => ({
    now: 0,
    seeds,
    neighbours,
    popular: [],
    trending: [],
    exclude: new Set(['a']),
    allowRepeat: false,
    limit: 10,
    weights: { ...DEFAULT_SOURCE_WEIGHTS, revisit: 0, popular: 0, trending: 0, secondHop: secondHopWeight },
    params: DEFAULT_RANK_PARAMS,
    secondHop: { seed: 'a', list: [w('d', 0.5), w('b', 0.25)] },
  });

  it('adds the list to co-occurrence at its share of the seed, naming no seed for what only it reached', () => {
    const out = rank(input(0.4));
    assert.deepEqual(out.map((r) => r.productId), ['b', 'd']);
    const [b, d] = out;
    // b: 1 (its own list) + 0.4 · √0.5; d: 0.4 · √1, normalised by b's.
    assert.ok(Math.abs((b?.score ?? 0) - 1) < 1e-9);
    assert.ok(Math.abs((d?.score ?? 0) - 0.4 / (1 + 0.4 * Math.sqrt(0.5))) < 1e-9);
    assert.deepEqual(b?.reasons.map((r) => [r.source, 'seed' in r ? r.seed : undefined]), [['cooc', 'a']]);
    assert.deepEqual(d?.reasons.map((r) => [r.source, 'seed' in r ? r.seed : undefined]), [['cooc', undefined]]);
  });

  it('is not read at weight 0', () => {
    assert.deepEqual(rank(input(0)).map((r) => r.productId), ['b']);
  });
});
