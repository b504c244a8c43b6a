/**
 * A first message of one word that no product of the shop mentions ("hammock", "¿paraguas?"), read by
 * the real classifier: the answer says so, instead of calling its best-sellers a match. Talk the
 * classifier learned from shoppers ("thanks", "mom", "verano") is no such word.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import type { BaseRecommender, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import type { UserEventStore } from '../../core/ports.ts';
import { product } from '../../testing/productFixture.ts';
import { loadIntentClassifier } from './intentClassifier.ts';
import { MCPAwareRecommender } from './personalizedRecommender.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'garden.myshopify.com';
const products: Product[] = [
  product({ id: 'pots', title: 'Clay Plant Pots', productType: 'Outdoor', tags: ['Garden', 'Plants'], price: 12 }),
  product({ id: 'bench', title: 'Wooden Garden Bench', productType: 'Outdoor', tags: ['Furniture'], price: 140 }),
  product({ id: 'candle', title: 'Vanilla Candle', productType: 'Indoor', tags: ['Home'], price: 9 }),
];

describe('one word alone, read by the classifier', () => {
  let layer: MCPAwareRecommender;
  before(async () => {
    const catalog = { index: CatalogIndex.build(products), identity: ProductIdentity.build(products) };
    const base: BaseRecommender = {
      name: 'stub',
      recommend: async () => [],
      recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map(() => products.map((p, i) => ({ productId: p.id, score: 20 - i, reasons: [{ source: 'popular', score: 20 - i }] }))),
    };
    const store = { getProfiles: async () => [] } as unknown as Pick<UserEventStore, 'getProfiles'>;
    layer = new MCPAwareRecommender({ base, classifier: await loadIntentClassifier(), catalogs: { get: () => catalog }, store, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 } });
  });
  const ask = (sessionId: string, text: string) => layer.personalize({ shop: SHOP, limit: 3, sessionId, text }, NOW);

  it('"hammock", "¿paraguas?": not satisfied, a sentence naming the word, the shop\'s products still shown', async () => {
    for (const [i, [text, name]] of [['hammock', 'hammock'], ['¿paraguas?', 'paraguas']].entries()) {
      const r = await ask(`h${i}`, text as string);
      assert.equal(r.constraints.satisfied, false, text);
      assert.deepEqual(r.constraints.relaxed, ['category'], text);
      assert.equal(r.constraints.reason, `No product of this shop mentions "${name}": the products shown are other products.`);
      assert.equal(r.items.length, 3, 'the shop\'s products are still shown');
    }
  });

  it('a word of the shop, talk the classifier learned, chat, a purchase: nothing is said missing', async () => {
    for (const [i, text] of ['bench', 'candles', 'thanks', 'mom', 'verano', 'idk', 'checkout', 'cart', 'warranty?', 'shipping?', 'eta?'].entries()) {
      const r = await ask(`t${i}`, text);
      assert.equal(r.constraints.satisfied, true, text);
    }
  });

  it('one word later in a conversation names nothing (there it is more often a reaction than a thing)', async () => {
    await ask('c', 'a garden bench');
    const r = await ask('c', 'kerfuffle');
    assert.equal(r.constraints.satisfied, true);
  });
});
