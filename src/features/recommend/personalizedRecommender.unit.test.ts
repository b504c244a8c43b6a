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

describe('MCPAwareRecommender: what an erasure makes it forget', () => {
  const turn = (l: MCPAwareRecommender, sessionId: string, userId?: string, shop = SHOP) =>
    l.personalize({ shop, limit: 2, sessionId, ...(userId ? { userId } : {}), intent: { recipient: 'husband', colours: ['navy'] } }, NOW);
  const live = (l: MCPAwareRecommender, sessionId: string, shop = SHOP) => l.session(shop, sessionId, NOW) !== undefined;

  it("forgets the erased shoppers' conversations (named, latest, and by the conversation's own key), and no one else's", async () => {
    const l = layer(undefined);
    await turn(l, 'chat-a', 'cust-a');
    await turn(l, 'chat-a2', 'cust-a');
    await turn(l, 'chat-anon', 'session:chat-anon');
    await turn(l, 'chat-b', 'cust-b');
    await turn(l, 'chat-a', 'cust-a', 'other.myshopify.com');
    l.forgetShoppers(SHOP, ['cust-a', 'session:chat-anon']);
    assert.equal(live(l, 'chat-a'), false);
    assert.equal(live(l, 'chat-a2'), false, 'an earlier conversation of the same shopper too');
    assert.equal(live(l, 'chat-anon'), false);
    assert.equal(live(l, 'chat-b'), true, "near miss: another shopper's conversation stays");
    assert.equal(live(l, 'chat-a', 'other.myshopify.com'), true, 'near miss: the same ids in another shop stay');
    // The erased shopper's events are no longer marked from the forgotten gift conversation.
    const [e] = l.markEvents([{ v: 1, id: 'e1', shop: SHOP, userId: 'cust-a', type: 'view', name: 'viewed', ts: NOW, items: [{ productId: 'other', quantity: 1 }], source: 'agent' }], NOW);
    assert.equal(e?.context?.gift, undefined);
  });

  it('forgets every conversation of an erased shop, only of that shop', async () => {
    const l = layer(undefined);
    await turn(l, 'chat-1', 'cust-a');
    await turn(l, 'chat-1', 'cust-a', 'other.myshopify.com');
    l.forgetShopConversations(SHOP);
    assert.equal(live(l, 'chat-1'), false);
    assert.equal(live(l, 'chat-1', 'other.myshopify.com'), true);
  });

  it('links a conversation to the shopper named with it through the option; a call naming the conversation as the shopper links nothing', async () => {
    const linked: string[][] = [];
    const l = new MCPAwareRecommender({
      base,
      catalogs: { get: () => catalog },
      store: { getProfiles: async () => [] } as Pick<UserEventStore, 'getProfiles'>,
      profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 },
      linkConversation: async (shop, key, userId) => void linked.push([shop, key, userId]),
    });
    await l.linkConversation(SHOP, 'chat-9', 'cust-9');
    await l.linkConversation(SHOP, 'chat-9', 'session:chat-9');
    await l.linkConversation(SHOP, 'chat-9', '');
    assert.deepEqual(linked, [[SHOP, 'session:chat-9', 'cust-9']]);
  });
});
