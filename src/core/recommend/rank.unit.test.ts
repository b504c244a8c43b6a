import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { generateCatalog } from '../catalog/demoCatalog.ts';
import type { RecentItem } from '../profile/profileDelta.ts';
import { affinityScorerOf } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';
import {
  buildSeeds,
  DEFAULT_RANK_PARAMS,
  DEFAULT_SEED_PARAMS,
  DEFAULT_SOURCE_WEIGHTS,
  rank,
  type CatalogLike,
  type RankInput,
  type WeightedItem,
} from './rank.ts';

const NOW = Date.UTC(2025, 5, 1, 12);
const MIN = 60_000;
const DAY = 86_400_000;

function profile(over: Partial<ProfileView> = {}): ProfileView {
  return {
    userId: 'u1',
    affinities: new Map(),
    recent: [],
    session: [],
    purchased: new Set(),
    eventCount: 0,
    lastSeen: NOW,
    ...over,
  };
}

const items = (...pairs: [string, number][]): WeightedItem[] => pairs.map(([productId, weight]) => ({ productId, weight }));

function input(over: Partial<RankInput>): RankInput {
  return {
    now: NOW,
    seeds: [],
    neighbours: new Map(),
    popular: [],
    trending: [],
    exclude: new Set(),
    allowRepeat: false,
    limit: 10,
    weights: DEFAULT_SOURCE_WEIGHTS,
    ...over,
  };
}

function catalog(products: Record<string, { keys?: string[]; price?: number; recommendable?: boolean; similar?: [string, number][] }>): CatalogLike {
  const ids = Object.keys(products);
  const at = (doc: number) => products[ids[doc] as string];
  return {
    indexOf: (id) => ids.indexOf(id),
    isRecommendableAt: (doc) => at(doc)?.recommendable ?? true,
    affinityScorer: (profile) => affinityScorerOf(profile, (doc) => at(doc)?.keys ?? [], (doc) => at(doc)?.price),
    contentNeighbours: (id, k) => items(...(products[id]?.similar ?? [])).slice(0, k),
  };
}

describe('buildSeeds', () => {
  it('puts the current product first, then cart, then the session newest first, one seed per product', () => {
    const session: RecentItem[] = [
      { productId: 'cur', type: 'view', ts: NOW - 1 * MIN },
      { productId: 's1', type: 'view', ts: NOW - 2 * MIN },
      { productId: 's2', type: 'view', ts: NOW - 3 * MIN },
      { productId: 's1', type: 'view', ts: NOW - 4 * MIN },
    ];
    const old: RecentItem = { productId: 'h1', type: 'view', ts: NOW - 3 * DAY };
    const seeds = buildSeeds({ profile: profile({ session, recent: [...session, old] }), currentProductId: 'cur', cartProductIds: ['c1'], now: NOW });
    assert.deepEqual(
      seeds.map((s) => [s.productId, s.role]),
      [
        ['cur', 'current'],
        ['c1', 'cart'],
        ['s1', 'session'],
        ['s2', 'session'],
        ['h1', 'history'],
      ],
    );
    const s1 = seeds.find((s) => s.productId === 's1');
    const s2 = seeds.find((s) => s.productId === 's2');
    assert.ok(s1 && s2 && s2.weight < s1.weight && s1.weight < 1);
  });

  it('weights purchases by recency and caps the number of seeds', () => {
    const recent: RecentItem[] = Array.from({ length: 30 }, (_, i) => ({ productId: `p${i}`, type: 'purchase' as const, ts: NOW - (i + 1) * DAY }));
    const seeds = buildSeeds({ profile: profile({ recent }), now: NOW });
    assert.equal(seeds.length, DEFAULT_SEED_PARAMS.maxSeeds);
    assert.equal(seeds[0]?.productId, 'p0');
    assert.ok(seeds.every((s) => s.role === 'purchase'));
    assert.ok((seeds[0]?.weight ?? 0) > (seeds[1]?.weight ?? 0));
  });

  it('returns no seeds without context', () => {
    assert.deepEqual(buildSeeds({ now: NOW }), []);
    assert.deepEqual(buildSeeds({ profile: profile(), now: NOW }), []);
  });
});

describe('rank', () => {
  const seeds = [
    { productId: 'a', weight: 1, role: 'current' as const },
    { productId: 'b', weight: 0.5, role: 'session' as const },
  ];
  const neighbours = new Map([
    ['a', items(['x', 10], ['y', 5], ['z', 1])],
    ['b', items(['y', 8], ['w', 2])],
  ]);

  it('ranks co-occurrence neighbours of weighted seeds and says which seed each came through', () => {
    const out = rank(input({ seeds, neighbours, exclude: new Set(['a']), weights: { ...DEFAULT_SOURCE_WEIGHTS, revisit: 0, popular: 0, trending: 0 } }));
    assert.deepEqual(
      out.map((o) => o.productId),
      // max-normalised, square root: y = 1·√0.5 + 0.5·1, x = 1, z = √0.1, w = 0.5·√0.25.
      ['y', 'x', 'z', 'w'],
    );
    for (const o of out) {
      assert.ok(o.reasons.length > 0);
      assert.equal(o.reasons[0]?.source, 'cooc');
      assert.ok(o.reasons[0]?.seed === 'a' || o.reasons[0]?.seed === 'b');
      assert.ok(Math.abs(o.reasons.reduce((t, r) => t + r.score, 0) - o.score) < 1e-9, 'reasons add up to the score');
    }
    assert.equal(out.find((o) => o.productId === 'x')?.reasons[0]?.seed, 'a');
    assert.equal(out.find((o) => o.productId === 'w')?.reasons[0]?.seed, 'b');
  });

  it('never returns excluded items, and respects the limit', () => {
    const out = rank(input({ seeds, neighbours, exclude: new Set(['a', 'x', 'y']), limit: 2 }));
    assert.equal(out.length, 2);
    for (const o of out) assert.ok(!['a', 'x', 'y'].includes(o.productId));
  });

  it('brings session items back as re-visits (the current product only when not excluded)', () => {
    const withCurrent = rank(input({ seeds, neighbours }));
    assert.equal(withCurrent[0]?.productId, 'a');
    assert.equal(withCurrent[0]?.reasons[0]?.source, 'revisit');
    const excluded = rank(input({ seeds, neighbours, exclude: new Set(['a']) }));
    assert.ok(!excluded.some((o) => o.productId === 'a'));
    const b = excluded.find((o) => o.productId === 'b');
    assert.ok(b?.reasons.some((r) => r.source === 'revisit' && r.seed === 'b'));
    assert.notEqual(excluded[0]?.productId, 'b', 'an older session item does not jump to the top');
  });

  it('drops purchased items unless repeats are allowed, then ranks them by buy-again recency', () => {
    const recent: RecentItem[] = [
      { productId: 'x', type: 'purchase', ts: NOW - 2 * DAY },
      { productId: 'old', type: 'purchase', ts: NOW - 200 * DAY },
    ];
    const p = profile({ recent, purchased: new Set(['x', 'old', 'ancient']) });
    const pseeds = buildSeeds({ profile: p, now: NOW });
    const nb = new Map([
      ['x', items(['y', 3], ['ancient', 1])],
      ['old', items(['z', 1])],
    ]);
    const noRepeat = rank(input({ seeds: pseeds, neighbours: nb, profile: p }));
    assert.deepEqual(
      noRepeat.map((o) => o.productId),
      ['y', 'z'],
    );
    const repeat = rank(input({ seeds: pseeds, neighbours: nb, profile: p, allowRepeat: true }));
    const ids = repeat.map((o) => o.productId);
    assert.ok(ids.includes('x') && ids.includes('old') && ids.includes('ancient'));
    assert.ok(ids.indexOf('x') < ids.indexOf('old'), 'recent purchase before old one');
    assert.ok(repeat.find((o) => o.productId === 'x')?.reasons.some((r) => r.source === 'buy_again' && r.seed === 'x'));
    assert.ok(repeat.find((o) => o.productId === 'ancient')?.reasons.some((r) => r.source === 'buy_again'), 'older purchases get a floor');
  });

  it('falls back to popularity without seeds, shaped by affinities when a profile and catalog exist', () => {
    const popular = items(['p1', 100], ['p2', 80], ['p3', 60], ['p4', 10]);
    const cold = rank(input({ popular }));
    assert.deepEqual(
      cold.map((o) => o.productId),
      ['p1', 'p2', 'p3', 'p4'],
    );
    assert.equal(cold[0]?.reasons[0]?.source, 'popular');

    const cat = catalog({ p1: { keys: ['cat:shoes'] }, p2: { keys: ['cat:shoes'] }, p3: { keys: ['cat:hats'] }, p4: { keys: ['cat:bags'] } });
    const shaped = rank(input({ popular, catalog: cat, profile: profile({ affinities: new Map([['cat:hats', 1]]) }) }));
    assert.equal(shaped[0]?.productId, 'p3');
    assert.deepEqual(
      shaped[0]?.reasons.map((r) => [r.source, r.feature]).sort(),
      [
        ['affinity', 'cat:hats'],
        ['popular', undefined],
      ],
    );
    assert.deepEqual(
      shaped.slice(1).map((o) => o.productId),
      ['p1', 'p2', 'p4'],
    );
  });

  it('with a catalog, returns only recommendable known items and adds content neighbours', () => {
    const cat = catalog({
      a: { similar: [['c1', 0.9], ['gone', 0.8]] },
      x: {},
      y: { recommendable: false },
      c1: {},
      gone: { recommendable: false },
      w: {},
    });
    const out = rank(input({ seeds, neighbours, catalog: cat, exclude: new Set(['a']) }));
    const ids = out.map((o) => o.productId);
    assert.ok(!ids.includes('y') && !ids.includes('gone'), 'not recommendable');
    assert.ok(!ids.includes('z'), 'unknown to the catalog');
    assert.ok(ids.includes('c1'));
    assert.deepEqual(out.find((o) => o.productId === 'c1')?.reasons[0], { source: 'content', score: DEFAULT_SOURCE_WEIGHTS.content, seed: 'a' });
  });

  it('is deterministic: ties by product id, independent of input order', () => {
    const nb1 = new Map([['a', items(['m', 1], ['k', 1], ['l', 1])]]);
    const nb2 = new Map([['a', items(['l', 1], ['m', 1], ['k', 1])]]);
    const s = [{ productId: 'a', weight: 1, role: 'current' as const }];
    const one = rank(input({ seeds: s, neighbours: nb1, exclude: new Set(['a']) }));
    const two = rank(input({ seeds: s, neighbours: nb2, exclude: new Set(['a']) }));
    assert.deepEqual(
      one.map((o) => o.productId),
      ['k', 'l', 'm'],
    );
    assert.deepEqual(one, two);
  });

  it('ranks ~300 candidates from 20 seeds into the top 20, best first, the same every time', () => {
    // How fast this is belongs in a benchmark, not in a test: a test's outcome must not depend on the machine.
    const manySeeds = Array.from({ length: 20 }, (_, i) => ({ productId: `s${i}`, weight: 1 / (i + 1), role: 'session' as const }));
    const nb = new Map(manySeeds.map((s, i) => [s.productId, Array.from({ length: 50 }, (_, j) => ({ productId: `n${(i * 13 + j) % 250}`, weight: 50 - j }))]));
    const popular = Array.from({ length: 100 }, (_, i) => ({ productId: `n${200 + i}`, weight: 100 - i }));
    const inp = input({ seeds: manySeeds, neighbours: nb, popular, trending: popular, limit: 20 });
    const out = rank(inp);
    assert.equal(out.length, 20);
    assert.equal(new Set(out.map((o) => o.productId)).size, 20, 'no product twice');
    for (let i = 1; i < out.length; i++) assert.ok((out[i - 1]?.score ?? 0) >= (out[i]?.score ?? 0), `sorted at ${i}`);
    assert.deepEqual(rank(inp), out);
  });
});

describe('rank over a catalog index', () => {
  it('ranks the same whether the catalog reads whole lists by position (resolveList, idAt) or id by id', () => {
    const products = generateCatalog({ size: 300, seed: 3, currency: 'USD', now: NOW });
    const index = CatalogIndex.build(products);
    // The same catalog without `resolveList` (and its memo) or `idAt`: every id resolved on its own.
    const byId: CatalogLike = {
      indexOf: (id) => index.indexOf(id),
      isRecommendableAt: (doc) => index.isRecommendableAt(doc),
      affinityScorer: (p) => index.affinityScorer(p),
      contentNeighbours: (id, k) => index.contentNeighbours(id, k),
    };
    const ids = products.map((p) => p.id);
    const seedsOf = (k: number) => Array.from({ length: 8 }, (_, i) => ({ productId: ids[(k * 31 + i * 7) % ids.length] as string, weight: 1 / (i + 1), role: i === 0 ? ('current' as const) : ('session' as const) }));
    // Lists with ids the catalog does not have, the seed itself, and weights of 0 (skipped).
    const nb = new Map(
      ids.map((id, i) => [
        id,
        Array.from({ length: 40 }, (_, j) => ({ productId: j === 3 ? id : j % 9 === 0 ? `unknown-${j}` : (ids[(i * 17 + j * 5) % ids.length] as string), weight: j % 13 === 12 ? 0 : 40 - j })),
      ]),
    );
    const popular = ids.slice(0, 100).map((productId, i) => ({ productId, weight: 100 - i }));
    const trending = ids.slice(50, 150).map((productId, i) => ({ productId, weight: 100 - i }));
    const p = profile({ affinities: new Map([[index.featureKeys(ids[5] as string)[0] as string, 1]]) });
    for (let k = 0; k < 12; k++) {
      const inp = input({ seeds: seedsOf(k), neighbours: nb, popular, trending, profile: p, exclude: new Set([ids[k] as string]), limit: 20 });
      const fast = rank({ ...inp, catalog: index });
      assert.deepEqual(fast, rank({ ...inp, catalog: byId }), `request ${k}`);
      assert.deepEqual(rank({ ...inp, catalog: index }), fast, 'again, from the memoised lists');
      assert.ok(fast.length > 0);
    }
  });
});

describe('topK', () => {
  it('returns the same first k as a full sort, ties included', async () => {
    const { topK } = await import('./rank.ts');
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 50; round++) {
      const items = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, score: Math.floor(rnd() * 20) }));
      const order = (a: { id: string; score: number }, b: { id: string; score: number }) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const k = 1 + (round % 15);
      assert.deepEqual(topK(items, k, order), [...items].sort(order).slice(0, k));
    }
    assert.deepEqual(topK([], 3, () => 0), []);
    assert.deepEqual(topK([{ id: 'a', score: 1 }], 0, () => 0), []);
  });
});

describe('rank: session-kNN source and IDF (optional inputs)', () => {
  const seeds = [{ productId: 'a', weight: 1, role: 'current' as const }];
  const neighbours = new Map([['a', items(['x', 10], ['y', 5])]]);
  const noRevisit = { ...DEFAULT_SOURCE_WEIGHTS, revisit: 0, popular: 0, trending: 0 };

  it('adds session-kNN items as candidates, scored by weight · score / max, reported as co-occurrence', () => {
    const out = rank(input({ seeds, neighbours, weights: { ...noRevisit, sessionKnn: 2 }, sessionNeighbours: items(['z', 4], ['y', 2]) }));
    const score = Object.fromEntries(out.map((o) => [o.productId, o.score]));
    // x: cooc 1; y: cooc sqrt(5/10) + 2 · 2/4; z: 2 · 4/4.
    assert.deepEqual(out.map((o) => o.productId), ['z', 'y', 'x']);
    assert.ok(Math.abs((score['y'] ?? 0) - (Math.sqrt(0.5) + 1)) < 1e-12);
    assert.equal(score['z'], 2);
    assert.deepEqual(out[0]?.reasons, [{ source: 'cooc', score: 2 }]);
  });

  it('ignores session-kNN items without a weight for them (production passes none)', () => {
    const out = rank(input({ seeds, neighbours, weights: noRevisit, sessionNeighbours: items(['z', 4]) }));
    assert.deepEqual(out.map((o) => o.productId), ['x', 'y']);
  });

  it('boosts rare co-occurring items by 1 + idfWeight · idf when an IDF is given', () => {
    const idf = new Map([['x', 0], ['y', 2]]);
    const plain = rank(input({ seeds, neighbours, weights: noRevisit, idf }));
    assert.deepEqual(plain.map((o) => o.productId), ['x', 'y'], 'no idfWeight: IDF unused');
    const out = rank(input({ seeds, neighbours, weights: noRevisit, idf, params: { ...DEFAULT_RANK_PARAMS, idfWeight: 1 } }));
    // x: 1 · (1 + 0); y: sqrt(0.5) · (1 + 2) ≈ 2.12; normalised by the maximum.
    assert.deepEqual(out.map((o) => o.productId), ['y', 'x']);
    assert.ok(Math.abs((out[1]?.score ?? 0) - 1 / (3 * Math.sqrt(0.5))) < 1e-12);
  });
});
