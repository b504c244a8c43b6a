import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import type { CatalogStore, Neighbour, UserEventStore } from '../../core/ports.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import type { CatalogFillReason, RecommendedItem } from '../../core/recommend/baseRecommender.ts';
import { DEFAULT_SOURCE_WEIGHTS } from '../../core/recommend/rank.ts';
import { DEFAULT_FRESHNESS_PARAMS } from '../../core/recommend/freshness.ts';
import { AffinityError } from '../../core/errors.ts';
import { product } from '../../testing/productFixture.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { HybridRecommender } from './hybridRecommender.ts';
import { intentDataWarmed } from '../catalog/shopVocabulary.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'cold.myshopify.com';

/** A store with no behaviour at all (a fresh install), except the profiles given. */
function emptyStore(profiles: Record<string, RawProfile> = {}): UserEventStore {
  return {
    getProfiles: async (_shop: string, ids: readonly string[]) => ids.map((id) => profiles[id]),
    getNeighbours: async () => new Map<string, Neighbour[]>(),
    getTop: async () => [],
  } as unknown as UserEventStore;
}

function catalogsOf(products: readonly Product[]) {
  const shopCatalog = { index: CatalogIndex.build(products), identity: ProductIdentity.build(products) };
  return { shopCatalog, catalogs: { get: () => shopCatalog, identityChanges: () => 0 } as unknown as CatalogRegistry };
}

function hybrid(catalogs: CatalogRegistry, store = emptyStore(), allowRepeat = false): HybridRecommender {
  return new HybridRecommender({
    store,
    catalogs,
    profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 },
    weights: DEFAULT_SOURCE_WEIGHTS,
    popularHalfLifeMs: 7 * 86_400_000,
    trendingHalfLifeMs: 86_400_000,
    allowRepeat,
  });
}

const catalogReason = (item: RecommendedItem) => item.reasons[0] as CatalogFillReason;

describe('HybridRecommender: a shop with no behaviour yet', () => {
  it('fills the list newest first by each product’s own date, and calls only dated products new', async () => {
    const { catalogs } = catalogsOf([
      product({ id: 'undated-b', title: 'B' }),
      product({ id: 'old', title: 'Old', createdAt: '2024-01-01T00:00:00Z' }),
      product({ id: 'undated-a', title: 'A' }),
      product({ id: 'new', title: 'New', createdAt: '2026-05-01T00:00:00Z' }),
      product({ id: 'gone', title: 'Sold out', createdAt: '2026-05-30T00:00:00Z', variants: [[10, false]] }),
      product({ id: 'draft', title: 'Draft', createdAt: '2026-05-31T00:00:00Z', published: false }),
    ]);
    const items = await hybrid(catalogs).recommend({ shop: SHOP, limit: 10 }, NOW);
    assert.deepEqual(items.map((i) => i.productId), ['new', 'old', 'undated-a', 'undated-b'], 'available only; dated newest first, then undated by id');
    assert.deepEqual(items.map((i) => catalogReason(i).source), ['catalog', 'catalog', 'catalog', 'catalog']);
    assert.equal(catalogReason(items[0] as RecommendedItem).createdAt, '2026-05-01T00:00:00Z');
    assert.equal(catalogReason(items[1] as RecommendedItem).createdAt, '2024-01-01T00:00:00Z');
    // A CSV export or a catalog sync dates nothing: such products are not claimed to be new.
    assert.equal(catalogReason(items[2] as RecommendedItem).createdAt, undefined);
    assert.equal(catalogReason(items[3] as RecommendedItem).createdAt, undefined);
    for (let k = 1; k < items.length; k++) assert.ok((items[k] as RecommendedItem).score < (items[k - 1] as RecommendedItem).score);
  });

  it('leaves out the current product, the cart and what the shopper bought', async () => {
    const products = Array.from({ length: 6 }, (_, i) => product({ id: `p${i}`, title: `P${i}`, createdAt: `2026-0${i + 1}-01T00:00:00Z` }));
    const raw: RawProfile = { shop: SHOP, userId: 'u1', features: {}, recent: [], purchased: ['p4'], eventCount: 1, firstSeen: NOW - 1000, lastSeen: NOW - 1000 };
    const { catalogs } = catalogsOf(products);
    const items = await hybrid(catalogs, emptyStore({ u1: raw })).recommend({ shop: SHOP, userId: 'u1', productId: 'p5', cart: ['p3'], limit: 2 }, NOW);
    assert.deepEqual(items.map((i) => i.productId), ['p2', 'p1']);
    const again = await hybrid(catalogs, emptyStore({ u1: raw }), true).recommend({ shop: SHOP, userId: 'u1', productId: 'p5', limit: 2 }, NOW);
    assert.deepEqual(again.map((i) => i.productId), ['p3', 'p2'], 'no cart this time; a filler is never a bought product, even where repeats are allowed');
  });

  it('does not look at every product of the catalog for each request', async () => {
    const products = Array.from({ length: 500 }, (_, i) => product({ id: `p${String(i).padStart(3, '0')}`, title: `P${i}` }));
    const { catalogs, shopCatalog } = catalogsOf(products);
    const index = shopCatalog.index as CatalogIndex & { isRecommendable(id: string): boolean };
    let checks = 0;
    const own = index.isRecommendable.bind(index);
    index.isRecommendable = (id: string) => {
      checks++;
      return own(id);
    };
    const h = hybrid(catalogs);
    for (let r = 0; r < 20; r++) {
      const items = await h.recommend({ shop: SHOP, productId: `p00${r % 10}`, limit: 5 }, NOW);
      assert.equal(items.length, 5);
    }
    assert.equal(checks, 0, 'availability comes from the order worked out once per catalog');
  });
});

/** An in-memory catalog store (one shop's products and learned links), for a real {@link CatalogRegistry}. */
function memoryCatalogStore(products: readonly Product[]): CatalogStore {
  const links = new Map<string, string>();
  let linkVersion = 0;
  return {
    upsertProducts: async () => undefined,
    listProducts: async () => [...products],
    removeProducts: async () => [],
    applyStampedChanges: async () => [],
    listCatalogShops: async () => [SHOP],
    catalogVersions: async () => ({ [SHOP]: 1 }),
    productLinks: async () => new Map(links),
    saveProductLinks: async (_shop, ls) => {
      for (const [k, v] of ls) links.set(k, v);
      linkVersion++;
    },
    productLinksVersions: async () => ({ [SHOP]: linkVersion }),
  };
}

describe('HybridRecommender: statistics recorded under a product’s numeric id', () => {
  it('merges them with the catalog id’s, and names their neighbours by links learned after the first answer', async () => {
    // A CSV catalog keys products by handle; the pixel named them by numeric ids.
    const products = [product({ id: 'boot-a', title: 'Boot A' }), product({ id: 'boot-b', title: 'Boot B' }), product({ id: 'boot-c', title: 'Boot C' })].map((p) => ({ ...p, handle: p.id }));
    const registry = new CatalogRegistry(memoryCatalogStore(products));
    await registry.loadAll();
    await registry.learn(SHOP, [['p:111', 'boot-a']]);
    const lists: Record<string, Neighbour[]> = { 'boot-a': [{ productId: 'boot-b', weight: 1 }], '111': [{ productId: '222', weight: 5 }] };
    const store = {
      ...emptyStore(),
      getNeighbours: async (_shop: string, ids: readonly string[]) => new Map(ids.map((id) => [id, lists[id] ?? []])),
    } as unknown as UserEventStore;
    const rec = hybrid(registry, store);
    const ids = async () => (await rec.recommend({ shop: SHOP, productId: 'boot-a', limit: 2 }, NOW)).map((i) => [i.productId, i.reasons[0]?.source]);
    // `222` is no product of the catalog yet: only boot-b comes through co-occurrence.
    assert.deepEqual((await ids())[0], ['boot-b', 'cooc']);
    const changes = registry.identityChanges(SHOP);
    await registry.learn(SHOP, [['p:222', 'boot-c']]);
    assert.equal(registry.identityChanges(SHOP), changes + 1);
    // The same cached lists, merged again now that 222 is boot-c (the stronger neighbour).
    assert.deepEqual(await ids(), [['boot-c', 'cooc'], ['boot-b', 'cooc']]);
    assert.deepEqual(await ids(), [['boot-c', 'cooc'], ['boot-b', 'cooc']]);
  });
});

describe('HybridRecommender: freshness', () => {
  const products = ['seed', 'steady', 'hot'].map((id) => ({ ...product({ id, title: id }), handle: id }));
  // Viewed with the seed about as often; 'steady' sells every day, 'hot' (counted under its numeric id) took off today.
  const lists: Record<string, Neighbour[]> = { seed: [{ productId: 'steady', weight: 5.2 }, { productId: 'hot', weight: 5 }] };
  const counts = { popular: [{ productId: 'steady', weight: 70 }, { productId: '333', weight: 12 }], trending: [{ productId: 'steady', weight: 10 }, { productId: '333', weight: 11 }] };
  /** Reads of every counted item (the freshness table's; the top lists read 100). */
  const reads = { all: 0, fail: false };
  const store = {
    ...emptyStore(),
    getNeighbours: async (_shop: string, ids: readonly string[]) => new Map(ids.map((id) => [id, lists[id] ?? []])),
    getTop: async (_shop: string, counter: 'popular' | 'trending', _epoch: number, limit: number) => {
      if (limit <= 100) return [];
      reads.all++;
      if (reads.fail) throw new AffinityError('STORE_UNAVAILABLE', 'Redis is down');
      return counts[counter];
    },
  } as unknown as UserEventStore;
  async function recommender(freshness: boolean) {
    const registry = new CatalogRegistry(memoryCatalogStore(products));
    await registry.loadAll();
    await registry.learn(SHOP, [['p:333', 'hot']]);
    const opts = { store, catalogs: registry, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 }, weights: DEFAULT_SOURCE_WEIGHTS, popularHalfLifeMs: 7 * 86_400_000, trendingHalfLifeMs: 86_400_000, allowRepeat: false };
    return new HybridRecommender(freshness ? { ...opts, freshness: DEFAULT_FRESHNESS_PARAMS } : opts);
  }
  const order = async (rec: HybridRecommender, now = NOW) => (await rec.recommend({ shop: SHOP, productId: 'seed', limit: 2 }, now)).map((i) => i.productId);

  it('puts the co-occurring item in demand now first (its counts read under the id the catalog knows it by)', async () => {
    reads.fail = false;
    assert.deepEqual(await order(await recommender(false)), ['steady', 'hot'], 'without it, the stronger co-occurrence first');
    assert.deepEqual(await order(await recommender(true)), ['hot', 'steady']);
  });

  it('reads every counted item once a minute, in the background after the first time', async () => {
    reads.fail = false;
    const rec = await recommender(true);
    reads.all = 0;
    await order(rec);
    assert.equal(reads.all, 4, 'both counters, both epochs');
    await order(rec, NOW + 30_000);
    assert.equal(reads.all, 4);
    assert.deepEqual(await order(rec, NOW + 61_000), ['hot', 'steady'], 'answered with the table held');
    await new Promise((r) => setImmediate(r));
    assert.equal(reads.all, 8);
  });

  it('ranks without it while the store does not answer, and reads again a second later', async () => {
    reads.fail = true;
    const rec = await recommender(true);
    reads.all = 0;
    assert.deepEqual(await order(rec), ['steady', 'hot']);
    await order(rec, NOW + 500);
    assert.equal(reads.all, 4, 'not asked again within the second');
    reads.fail = false;
    await order(rec, NOW + 1_500);
    assert.deepEqual(await order(rec, NOW + 1_600), ['hot', 'steady']);
  });
});

describe('CatalogRegistry warm-up', () => {
  it('builds the intent vocabulary and colour index after loading a catalog, before any text request', async () => {
    const products = Array.from({ length: 300 }, (_, i) => product({ id: `p${i}`, title: `Ring ${i}`, productType: 'Rings' }));
    const registry = new CatalogRegistry(memoryCatalogStore(products));
    await registry.loadAll();
    const index = registry.get(SHOP).index;
    // Bounded wait for the background slices (event-loop turns, not time).
    for (let turn = 0; turn < 100_000 && !intentDataWarmed(index); turn++) await new Promise((r) => setImmediate(r));
    assert.ok(intentDataWarmed(index), 'the warm-up built the shop intent data');
  });
});
