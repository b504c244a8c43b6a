import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import { DEFAULT_SOURCE_WEIGHTS } from '../../core/recommend/rank.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { product } from '../../testing/productFixture.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from '../projection/projector.ts';
import { HybridRecommender } from './hybridRecommender.ts';
import { changedNeighbourKeys } from './neighbourInvalidation.ts';

const DAY = 86_400_000;
const SHOP = 'lists.myshopify.com';
const NOW = Date.UTC(2026, 10, 1, 12);
const TTL = 5000;

const dir = mkdtempSync(join(tmpdir(), 'affinity-lists-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const KINDS = ['boot', 'mug', 'tent', 'lamp'] as const;

/**
 * A real SQLite store, catalog and projector, and two recommenders on them: one keeping its lists
 * (`cached`), one computing every list (`fresh`). Both drop the neighbour lists a projection changed.
 */
async function setUp(o: { sessionProfiles?: (shop: string, userId: string) => RawProfile | undefined } = {}) {
  const store = new SqliteStore({ path: join(dir, `${Math.random().toString(36).slice(2)}.db`), profileTtlMs: 400 * DAY });
  const catalogs = new CatalogRegistry(store);
  const products = KINDS.flatMap((k, n) =>
    ['a', 'b', 'c', 'd'].map((x) => product({ id: `${k}-${x}`, title: `${k} ${x}`, productType: k, category: `cat-${n}`, vendor: `v-${x}` })),
  );
  await catalogs.upsert(SHOP, products);
  const counts = { hits: 0, misses: 0 };
  const make = (baseListCacheMs?: number) =>
    new HybridRecommender({
      store,
      catalogs,
      profile: { halfLifeMs: 21 * DAY, sessionGapMs: 30 * 60_000 },
      weights: DEFAULT_SOURCE_WEIGHTS,
      popularHalfLifeMs: 7 * DAY,
      trendingHalfLifeMs: DAY,
      allowRepeat: false,
      topCacheMs: TTL,
      ...(baseListCacheMs !== undefined ? { baseListCacheMs } : {}),
      ...(o.sessionProfiles ? { sessionProfiles: o.sessionProfiles } : {}),
      onBaseListCache: (hits, misses) => {
        counts.hits += hits;
        counts.misses += misses;
      },
    });
  const cached = make();
  const fresh = make(0);
  const projector = new Projector({
    store,
    catalogs,
    params: { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * DAY }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 7 * DAY, trendingHalfLifeMs: DAY },
    onApplied: (batch) => {
      const keys = changedNeighbourKeys(batch);
      cached.invalidateNeighbours(keys);
      fresh.invalidateNeighbours(keys);
    },
  });
  const events = async (list: readonly [userId: string, productId: string, ts: number, type?: 'purchase'][]) => {
    await store.append(list.map(([userId, productId, ts, type]) => makeEvent({ shop: SHOP, userId, ts, ...(type ? { type } : {}), items: [{ productId, quantity: 1 }] })));
    await projector.flush();
  };
  return { store, catalogs, products, cached, fresh, counts, events, close: () => store.close() };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** Every request shape the storefront sends: with and without a shopper, product, cart, flags and market. */
const REQUESTS: readonly Omit<RecommendRequest, 'shop'>[] = [
  { userId: 'u1', limit: 5 },
  { userId: 'u1', productId: 'boot-a', limit: 5 },
  { userId: 'u2', productId: 'mug-b', cart: ['mug-c', 'tent-a'], limit: 8 },
  { userId: 'u2', limit: 3, excludeSeen: true },
  { userId: 'u3', limit: 10, allowRepeat: true },
  { userId: 'nobody', productId: 'lamp-a', limit: 6 },
  { userId: 'nobody-else', productId: 'lamp-a', limit: 6 },
  { productId: 'tent-b', limit: 4 },
  { limit: 12 },
];

/** What a list shows: its products in order, each with its reasons' sources and seeds. */
function shown(l: readonly RecommendedItem[] | undefined) {
  return l?.map((i) => [i.productId, ...i.reasons.map((r) => `${r.source}${'seed' in r && r.seed ? `:${r.seed}` : ''}`)]);
}

/**
 * Asks both recommenders everything at `now`: the kept answers must show what the computed ones show
 * (same items, same order, same reasons). A list kept from a moment earlier scores older seeds with
 * that moment's decay, a few parts per million apart: with `exact`, when nothing could have been
 * kept from another moment, the lists must be equal to the last digit.
 */
async function sameAnswers(t: Setup, now: number, why: string, exact = false): Promise<RecommendedItem[][]> {
  const reqs = REQUESTS.map((r) => ({ shop: SHOP, ...r }));
  const [kept, computed] = await Promise.all([t.cached.recommendBatch(reqs, now), t.fresh.recommendBatch(reqs, now)]);
  reqs.forEach((r, i) => {
    if (exact) assert.deepEqual(kept[i], computed[i], `${why}: ${JSON.stringify(r)}`);
    assert.deepEqual(shown(kept[i]), shown(computed[i]), `${why}: ${JSON.stringify(r)}`);
    kept[i]?.forEach((item, k) => assert.ok(Math.abs(item.score - (computed[i]?.[k]?.score ?? 0)) <= 1e-5 * item.score, `${why}: score of ${item.productId}`));
  });
  return kept;
}

async function history(t: Setup): Promise<void> {
  await t.events([
    ['u1', 'boot-a', NOW - 3 * DAY],
    ['u1', 'boot-b', NOW - 3 * DAY + 1000],
    ['u1', 'tent-a', NOW - 60_000],
    ['u2', 'mug-a', NOW - 2 * DAY],
    ['u2', 'mug-b', NOW - 2 * DAY + 1000],
    ['u2', 'mug-c', NOW - 120_000],
    ['u3', 'lamp-a', NOW - 10 * DAY, 'purchase'],
    ['u3', 'lamp-b', NOW - 5 * DAY],
    ['u4', 'boot-a', NOW - DAY],
    ['u4', 'tent-a', NOW - DAY + 1000],
    ['u4', 'lamp-a', NOW - DAY + 2000],
  ]);
}

describe('HybridRecommender: lists kept while nothing they were computed from changed', () => {
  it('answers a repeat request with the very list it computed, item for item what the ranker gives', async () => {
    const t = await setUp();
    await history(t);
    const first = await sameAnswers(t, NOW, 'first answers', true);
    assert.ok(first.every((l) => l.length > 0));
    const again = await sameAnswers(t, NOW, 'repeat, same time', true);
    // Nothing was ranked again: the same list objects came back.
    again.forEach((l, i) => assert.equal(l, first[i], `kept: ${JSON.stringify(REQUESTS[i])}`));
    // Shoppers with no profile share one list; a request with no shopper has its own.
    assert.equal(first[5], first[6]);
    assert.equal(t.counts.hits, REQUESTS.length + 1);
    const later = await sameAnswers(t, NOW + 1000, 'a second later');
    later.forEach((l, i) => assert.equal(l, first[i], 'still kept a second later'));
    await t.close();
  });

  it('computes a list again when the shopper, the statistics, the catalog or the time moved on', async () => {
    const t = await setUp();
    await history(t);
    const first = await sameAnswers(t, NOW, 'first answers', true);

    // u1 looks at a mug: u1's lists follow it; nobody else's profile changed.
    await t.events([['u1', 'mug-d', NOW + 500]]);
    const afterView = await sameAnswers(t, NOW + 1000, 'after a new view');
    assert.notEqual(afterView[0], first[0]);
    assert.ok(afterView[0]?.some((i) => i.productId.startsWith('mug-')), 'the new view shows at once');

    // Another shopper's events change the co-occurrence of lamp-a: the profile-less lamp-a list follows.
    await t.events([
      ['u5', 'lamp-a', NOW + 1000],
      ['u5', 'mug-d', NOW + 1100],
      ['u6', 'lamp-a', NOW + 1200],
      ['u6', 'mug-d', NOW + 1300],
    ]);
    const afterStats = await sameAnswers(t, NOW + 2000, 'after new co-occurrence');
    assert.notEqual(afterStats[5], first[5]);
    assert.ok(afterStats[5]?.some((i) => i.productId === 'mug-d'), 'the new neighbour of lamp-a shows');

    // The catalog changes (a product sold out): every list is computed again.
    await t.catalogs.upsert(SHOP, [product({ id: 'mug-d', title: 'mug d', productType: 'mug', category: 'cat-1', vendor: 'v-d', variants: [[10, false]] })]);
    const afterCatalog = await sameAnswers(t, NOW + 3000, 'after a catalog change', true);
    afterCatalog.forEach((l, i) => assert.notEqual(l, afterStats[i]));
    assert.ok(afterCatalog.every((l) => l.every((i) => i.productId !== 'mug-d')), 'the sold-out product is gone from every list');

    // Past the popular lists' refresh, nothing is reused.
    const afterTtl = await sameAnswers(t, NOW + 3000 + TTL, 'after the refresh period', true);
    afterTtl.forEach((l, i) => assert.notEqual(l, afterCatalog[i]));
    await t.close();
  });

  it('never keeps the list of a shopper whose profile is folded for the request only (session memory)', async () => {
    const held: RawProfile = { shop: SHOP, userId: 'guest', features: {}, recent: [{ productId: 'tent-a', type: 'view', ts: NOW - 1000 }], purchased: [], eventCount: 1, firstSeen: NOW - 1000, lastSeen: NOW - 1000 };
    const t = await setUp({ sessionProfiles: (_shop, userId) => (userId === 'guest' ? held : undefined) });
    await history(t);
    const req = { shop: SHOP, userId: 'guest', limit: 5 };
    const a = await t.cached.recommend(req, NOW);
    const b = await t.cached.recommend(req, NOW);
    assert.notEqual(a, b);
    assert.deepEqual(a, b);
    assert.deepEqual(a, await t.fresh.recommend(req, NOW));
    await t.close();
  });
});
