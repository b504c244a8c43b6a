import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import type { UserEventStore } from '../../core/ports.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { product } from '../../testing/productFixture.ts';
import { MCPAwareRecommender } from './personalizedRecommender.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'repeat.myshopify.com';
const products = [product({ id: 'bought', title: 'Coffee beans' }), product({ id: 'other', title: 'Filter papers' })];
const catalog = { index: CatalogIndex.build(products), identity: ProductIdentity.build(products) };
const raw: RawProfile = { shop: SHOP, userId: 'u1', features: {}, recent: [], purchased: ['bought'], eventCount: 1, firstSeen: NOW - 1000, lastSeen: NOW - 1000 };

/** A base that proposes both products (as a base allowing repeat purchases does). */
const base: BaseRecommender = {
  name: 'stub',
  recommend: async () => [],
  recommendBatch: async (reqs: readonly RecommendRequest[]) =>
    reqs.map((): RecommendedItem[] => [
      { productId: 'bought', score: 2, reasons: [{ source: 'popular', score: 2 }] },
      { productId: 'other', score: 1, reasons: [{ source: 'popular', score: 1 }] },
    ]),
};

function layer(allowRepeat: boolean | undefined): MCPAwareRecommender {
  return new MCPAwareRecommender({
    base,
    catalogs: { get: () => catalog },
    store: { getProfiles: async (_shop: string, ids: readonly string[]) => ids.map((id) => (id === 'u1' ? raw : undefined)) } as Pick<UserEventStore, 'getProfiles'>,
    profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 },
    ...(allowRepeat === undefined ? {} : { allowRepeat }),
  });
}

const ids = async (l: MCPAwareRecommender, req: Partial<RecommendRequest> = {}) =>
  (await l.personalize({ shop: SHOP, userId: 'u1', limit: 5, ...req }, NOW)).items.map((i) => i.productId).sort();

describe('MCPAwareRecommender: repeat purchases', () => {
  it('honours the shop setting (AFFINITY_ALLOW_REPEAT_PURCHASES) when the request does not say', async () => {
    assert.deepEqual(await ids(layer(true)), ['bought', 'other'], 'the shop allows repeats: the bought product may come back');
    assert.deepEqual(await ids(layer(false)), ['other']);
    assert.deepEqual(await ids(layer(undefined)), ['other'], 'default: bought products stay out');
  });

  it('lets the request decide over the shop setting', async () => {
    assert.deepEqual(await ids(layer(true), { allowRepeat: false }), ['other']);
    assert.deepEqual(await ids(layer(false), { allowRepeat: true }), ['bought', 'other']);
  });
});
