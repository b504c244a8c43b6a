import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import { compileVocabulary } from '../../core/intent/catalogVocabulary.ts';
import { extractEntities } from '../../core/intent/entities.ts';
import { detectLanguage } from '../../core/intent/language.ts';
import { vocabularyFromProducts } from '../../core/intent/vocabularyFromCatalog.ts';
import type { IntentExtractor } from '../../core/intent/intentExtractor.ts';
import { emptyIntent } from '../../core/personalize/intentInput.ts';
import type { UserEventStore } from '../../core/ports.ts';
import type { BaseRecommender, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { product } from '../../testing/productFixture.ts';
import { MCPAwareRecommender } from './personalizedRecommender.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'jewel.myshopify.com';
const products = [
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', price: 37.99 }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', price: 54.99 }),
  product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', price: 19.99 }),
  product({ id: 'crane', title: 'Origami Crane Necklace', productType: 'Necklace', price: 75.99 }),
];
const catalog = { index: CatalogIndex.build(products), identity: ProductIdentity.build(products) };
const base: BaseRecommender = {
  name: 'stub',
  recommend: async () => [],
  recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map(() => products.map((p, i) => ({ productId: p.id, score: 4 - i, reasons: [{ source: 'popular', score: 4 - i }] }))),
};
const extractor: IntentExtractor = { extract: async (text) => ({ ...emptyIntent('en'), entities: extractEntities(text, 'en'), source: 'local', fallbackUsed: false }) };
const layer = () => new MCPAwareRecommender({ base, extractor, catalogs: { get: () => catalog }, store: { getProfiles: async () => [] } as Pick<UserEventStore, 'getProfiles'>, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 } });

describe('MCPAwareRecommender: "cheaper than that" is held to the request\'s product', () => {
  it('only products below the productId; a later turn without one stays held to it', async () => {
    const l = layer();
    const ask = async (text: string, productId?: string) => (await l.personalize({ shop: SHOP, sessionId: 'c1', text, limit: 5, ...(productId ? { productId } : {}) }, NOW)).items.map((i) => i.productId);
    assert.deepEqual(await ask('cheaper than that', 'galaxy'), ['angel']);
    assert.deepEqual(await ask('show me more'), ['angel'], 'still below the Galaxy Earrings');
    assert.deepEqual((await ask('cheaper than that', 'crane')).sort(), ['angel', 'elephant', 'galaxy'], 're-anchored');
  });
});

describe('MCPAwareRecommender: "cheaper?" when nothing is, then "in gold?"', () => {
  const withColours = [
    product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', price: 19.99 }),
    product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', price: 54.99 }),
    product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', price: 37.99 }),
  ];
  const c = { index: CatalogIndex.build(withColours), identity: ProductIdentity.build(withColours) };
  const stub: BaseRecommender = { name: 'stub', recommend: async () => [], recommendBatch: async (reqs) => reqs.map(() => withColours.map((p, i) => ({ productId: p.id, score: 4 - i, reasons: [{ source: 'popular', score: 4 - i }] }))) };
  const l = new MCPAwareRecommender({ base: stub, extractor, catalogs: { get: () => c }, store: { getProfiles: async () => [] } as Pick<UserEventStore, 'getProfiles'>, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 } });
  const ask = (session: string, text: string) => l.personalize({ shop: SHOP, sessionId: session, text, limit: 5 }, NOW);

  it('the price that could not be held is let go: the gold pair, not "nothing cheaper in gold"', async () => {
    await ask('n1', 'earrings');
    const cheaper = await ask('n1', 'anything cheaper?');
    assert.deepEqual(cheaper.constraints.relaxed, ['budget'], 'nothing is cheaper than the Guardian Angel Earrings');
    const gold = await ask('n1', 'in gold?');
    assert.equal(gold.intent?.entities.priceRelative, undefined);
    assert.deepEqual(gold.items.map((i) => i.productId), ['elephant']);
    assert.deepEqual(gold.constraints, { satisfied: true });
  });

  it('a price that holds is kept ("cheaper than that" of the dearest, then "in gold?")', async () => {
    await l.personalize({ shop: SHOP, sessionId: 'n2', text: 'cheaper than that', productId: 'elephant', limit: 5 }, NOW);
    const next = await ask('n2', 'show me more');
    assert.equal(next.intent?.entities.priceRelative, 'below');
  });
});

describe('MCPAwareRecommender: the words of the product a price is held to are no wish', () => {
  // The shop's vocabulary reads its tags as kinds: "Galaxy" is one, said only inside the title here.
  const tagged = [
    product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Galaxy', 'Silver'], price: 37.99 }),
    product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', tags: ['Angel'], price: 19.99 }),
    product({ id: 'thread', title: 'Silver Threader Necklace', productType: 'Necklace', tags: ['Silver'], price: 14.99 }),
    product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'], price: 54.99 }),
  ];
  const vocabulary = compileVocabulary(vocabularyFromProducts(tagged));
  const shopWords: IntentExtractor = {
    extract: async (text) => {
      const lang = detectLanguage(text);
      return { ...emptyIntent(lang), entities: extractEntities(text, lang, { vocabulary }), source: 'local', fallbackUsed: false };
    },
  };
  const c = { index: CatalogIndex.build(tagged), identity: ProductIdentity.build(tagged) };
  const stub: BaseRecommender = { name: 'stub', recommend: async () => [], recommendBatch: async (reqs) => reqs.map(() => tagged.map((p, i) => ({ productId: p.id, score: 4 - i, reasons: [{ source: 'popular', score: 4 - i }] }))) };
  const ask = (text: string) =>
    new MCPAwareRecommender({ base: stub, extractor: shopWords, catalogs: { get: () => c }, store: { getProfiles: async () => [] } as Pick<UserEventStore, 'getProfiles'>, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 } }).personalize({ shop: SHOP, sessionId: `w-${text}`, text, limit: 5 }, NOW);

  it('"algo más barato que los Galaxy Earrings": cheaper ones, not "Galaxy" asked for and relaxed', async () => {
    const r = await ask('algo más barato que los Galaxy Earrings');
    assert.deepEqual(r.intent?.entities.categories, []);
    assert.deepEqual(new Set(r.items.map((i) => i.productId)), new Set(['angel', 'thread']));
    assert.deepEqual(r.constraints, { satisfied: true });
  });

  it('near miss: a kind said outside the title stays ("un collar más barato que los Galaxy Earrings")', async () => {
    const r = await ask('un collar más barato que los Galaxy Earrings');
    assert.deepEqual(r.items.map((i) => i.productId), ['thread']);
  });
});

describe('MCPAwareRecommender: a kind added after "cheaper than that"', () => {
  it('"also a necklace" after "cheaper than that" of the earrings shows the necklace (it was held below the earrings: none shown, called satisfied)', async () => {
    const l = layer();
    const ask = async (text: string, productId?: string) => l.personalize({ shop: SHOP, sessionId: 'also-1', text, limit: 5, ...(productId ? { productId } : {}) }, NOW);
    await ask('earrings please');
    assert.deepEqual((await ask('a bit cheaper than that', 'galaxy')).items.map((i) => i.productId), ['angel']);
    const also = await ask('also a necklace');
    assert.equal(also.intent?.entities.priceRelative, undefined);
    assert.ok(also.items.some((i) => i.productId === 'crane'), JSON.stringify(also.items.map((i) => i.productId)));
  });
});
