import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personalizeCatalogOf } from '../../testing/personalizeCatalog.ts';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex, featureKeysOf } from '../catalog/catalogIndex.ts';
import type { Product } from '../catalog/product.ts';
import { compileVocabulary } from '../intent/catalogVocabulary.ts';
import { extractEntities } from '../intent/entities.ts';
import type { Intent, IntentEntities, IntentType } from '../intent/types.ts';
import { vocabularyFromProducts } from '../intent/vocabularyFromCatalog.ts';
import { DEFAULT_MARKETS, type Market } from '../markets/market.ts';
import type { ProfileView } from '../profile/profileView.ts';
import type { RecommendedItem } from '../recommend/baseRecommender.ts';
import { emptyIntent, intentFromInput } from './intentInput.ts';
import { intentCandidates } from './intentScoring.ts';
import { marketRates } from './marketRates.ts';
import { personalize, personalizeList, type PersonalizeCatalog, type PersonalizeInput } from './personalize.ts';
import { temporalContext } from './seasonal.ts';
import { mergeIntent } from './sessionContext.ts';

const NOW = Date.UTC(2025, 0, 15, 12); // northern winter
const PRODUCTS: Product[] = [
  product({ id: 'tent', title: 'Trail Tent', productType: 'Tents', category: 'Outdoor > Camping > Tents', vendor: 'Campco', price: 299 }),
  product({ id: 'boot1', title: 'Ridge Hiking Boot', productType: 'Hiking Boots', category: 'Outdoor > Footwear > Hiking Boots', vendor: 'Alpina', price: 149 }),
  product({ id: 'boot2', title: 'Summit Leather Hiking Boot', productType: 'Hiking Boots', category: 'Outdoor > Footwear > Hiking Boots', vendor: 'Alpina', price: 179 }),
  product({ id: 'sweater', title: 'Merino Wool Sweater', productType: 'Knitwear', category: 'Apparel > Women > Sweaters', tags: ['women'], vendor: 'Loom', price: 90, createdAt: '2025-01-10T00:00:00Z' }),
  product({ id: 'necklace', title: 'Gold Pendant Necklace', productType: 'Necklaces', category: 'Jewelry > Necklaces', tags: ['gift', 'women'], vendor: 'Aurum', price: 45 }),
  product({ id: 'wallet', title: 'Leather Wallet', productType: 'Wallets', category: 'Accessories > Wallets', tags: ['men'], vendor: 'Hide', price: 40 }),
];
const catalog = personalizeCatalogOf(PRODUCTS);
const BASE: RecommendedItem[] = [
  { productId: 'tent', score: 2, reasons: [{ source: 'cooc', score: 2, seed: 'boot1' }] },
  { productId: 'wallet', score: 1.2, reasons: [{ source: 'popular', score: 1.2 }] },
  { productId: 'boot2', score: 1, reasons: [{ source: 'content', score: 1, seed: 'boot1' }] },
  { productId: 'sweater', score: 0.6, reasons: [{ source: 'popular', score: 0.6 }] },
  { productId: 'necklace', score: 0.4, reasons: [{ source: 'popular', score: 0.4 }] },
];

function intent(e: Partial<IntentEntities>, type: IntentType = 'browsing'): Intent {
  const b = emptyIntent();
  const scores = { high_purchase_intent: 0, comparison_shopping: 0, browsing: 0, research: 0, [type]: 1 };
  return { ...b, type, scores, entities: { ...b.entities, ...e } };
}

function input(over: Partial<PersonalizeInput> = {}): PersonalizeInput {
  return { base: BASE, catalog, temporal: temporalContext(NOW, 'US'), limit: 10, now: NOW, ...over };
}

const ids = (xs: readonly { productId: string }[]) => xs.map((x) => x.productId);

describe('personalize', () => {
  it('merges reasons of one source that differ only in case into the first, scores added', () => {
    const base: RecommendedItem[] = [
      { productId: 'tent', score: 2, reasons: [{ source: 'affinity', score: 1, feature: 'type:Hiking Boots' }, { source: 'cooc', score: 0.8, seed: 'boot1' }, { source: 'affinity', score: 0.5, feature: 'type:hiking boots' }] },
    ];
    const [tent] = personalize(input({ base }));
    const affinity = tent?.reasons.filter((r) => r.source === 'affinity') ?? [];
    assert.equal(affinity.length, 1);
    assert.equal((affinity[0] as { feature?: string }).feature, 'type:Hiking Boots');
    const cooc = tent?.reasons.find((r) => r.source === 'cooc');
    assert.ok(cooc && Math.abs((affinity[0] as { score: number }).score / cooc.score - 1.5 / 0.8) < 1e-9, 'the scores added, scaled as the others');
  });

  it('never shows a sold-out product of a catalog index, and reads stock per catalog version', () => {
    const soldOut = product({ id: 'sold', title: 'Sold Out Tent', productType: 'Tents', variants: [[120, false, {}]] });
    const restocked = product({ id: 'sold', title: 'Sold Out Tent', productType: 'Tents', price: 120 });
    const base: RecommendedItem[] = [{ productId: 'sold', score: 3, reasons: [{ source: 'popular', score: 3 }] }, ...BASE];
    const before = CatalogIndex.build([...PRODUCTS, soldOut]);
    for (let k = 0; k < 2; k++) assert.ok(!ids(personalize(input({ base, catalog: before }))).includes('sold'), `call ${k + 1}`);
    const after = CatalogIndex.build([...PRODUCTS, restocked]);
    assert.equal(ids(personalize(input({ base, catalog: after })))[0], 'sold', 'the new version has it in stock');
    assert.ok(!ids(personalize(input({ base, catalog: before }))).includes('sold'), 'the old version still does not');
  });

  it('without an intent, keeps the base order apart from context nudges, and is deterministic', () => {
    const a = personalize(input());
    assert.deepEqual(personalize(input()), a);
    assert.deepEqual(personalize(input({ base: [...BASE].reverse() })), a, 'input order does not matter');
    assert.equal(a[0]?.productId, 'tent');
    for (const it of a) {
      for (const v of Object.values(it.components)) assert.ok(v >= 0 && v <= 1);
    }
    assert.equal(a.find((x) => x.productId === 'tent')?.baseScore, 2);
  });

  it('puts what the shopper asked for first, with intent reasons, and adds catalog candidates', () => {
    const r = personalize(input({ intent: intent({ categories: ['hiking boots'] }), candidates: ['boot1'] }));
    assert.deepEqual(ids(r).slice(0, 2), ['boot2', 'boot1']);
    const first = r[0];
    assert.ok(first?.reasons.some((x) => x.source === 'intent' && x.term === 'hiking boots' && x.field === 'category'));
    assert.ok(first?.reasons.some((x) => x.source === 'content' && x.score > 0), 'base reasons kept, rescaled');
    assert.equal(r.find((x) => x.productId === 'boot1')?.baseScore, 0);
  });

  it('filters hard constraints: budget and rejections', () => {
    const r = personalize(input({
      intent: intent({ budget: { max: 100, currency: 'USD', text: 'under $100' }, rejections: [{ kind: 'material', value: 'leather' }] }),
    }));
    assert.deepEqual(ids(r).sort(), ['necklace', 'sweater']);
  });

  it('applies the intent type’s multiplier to the base score', () => {
    // No entities: only the type speaks. The tent leads on base score, the new in-season sweater on context.
    const buy = personalize(input({ intent: intent({}, 'high_purchase_intent') }));
    const research = personalize(input({ intent: intent({}, 'research') }));
    const tentBuy = buy.find((x) => x.productId === 'tent');
    const tentResearch = research.find((x) => x.productId === 'tent');
    assert.ok(tentBuy && tentResearch);
    const baseShare = (it: typeof tentBuy) => it.score - 0.25 * it.components.context;
    assert.ok(Math.abs(baseShare(tentBuy) / baseShare(tentResearch) - 1.5 / 0.8) < 1e-9);
    assert.ok(buy.findIndex((x) => x.productId === 'sweater') > research.findIndex((x) => x.productId === 'sweater'), 'a researcher sees the seasonal item higher');
  });

  it('gives seasonal and new-arrival reasons', () => {
    const s = personalize(input()).find((x) => x.productId === 'sweater');
    assert.ok(s?.reasons.some((r) => r.source === 'season' && r.season === 'winter'));
    assert.ok(s?.reasons.some((r) => r.source === 'new_arrival' && r.ageDays === 6));
  });

  it('uses the shopper’s affinity for themselves, but not for a present for someone else', () => {
    const profile: ProfileView = {
      userId: 'u', affinities: new Map([['vendor:hide', 1], ['type:wallets', 1]]), recent: [], session: [], purchased: new Set(), eventCount: 5, lastSeen: NOW,
    };
    const own = personalize(input({ profile }));
    const w = own.find((x) => x.productId === 'wallet');
    assert.ok(w && w.reasons.some((r) => r.source === 'affinity'));
    const giftIntent = intent({ recipient: 'mother', isGift: true });
    const gift = personalize(input({ profile, intent: giftIntent }));
    const noProfile = personalize(input({ intent: giftIntent }));
    assert.deepEqual(gift, noProfile, 'the shopper’s own tastes do not steer a gift');
    assert.equal(gift[0]?.productId, 'necklace');
    // The session context alone carries the gift too.
    const session = mergeIntent(undefined, giftIntent, NOW, { shop: 's', sessionId: 'c' });
    assert.deepEqual(personalize(input({ profile, session })), noProfile);
  });

  it('marks budgets in another currency as unknown instead of comparing', () => {
    const r = personalize(input({ intent: intent({ budget: { max: 50, currency: 'EUR', text: 'under 50 euros' } }) }));
    assert.equal(r.length, BASE.length);
    assert.ok(r.every((x) => x.reasons.some((y) => y.source === 'constraint' && y.code === 'budget_currency_unknown')));
  });

  it('quotes what was asked for before a catalog filler of a shop with no behaviour yet', () => {
    // A fresh install: the base list is catalog fillers, whose scaled score can exceed one matched term.
    const base: RecommendedItem[] = [
      { productId: 'necklace', score: 1, reasons: [{ source: 'catalog', score: 1 }] },
      { productId: 'wallet', score: 0.9, reasons: [{ source: 'catalog', score: 0.9 }] },
    ];
    const r = personalize(input({ base, intent: intent({ categories: ['necklaces'] }) }));
    const top = r.find((x) => x.productId === 'necklace');
    assert.ok(top && top.reasons.some((x) => x.source === 'catalog'), 'the filler reason is still given');
    assert.equal(top?.reasons[0]?.source, 'intent', JSON.stringify(top?.reasons));
  });

  it('does not call a budget it could not check satisfied, and says why', () => {
    const asked = intent({ budget: { max: 50, currency: 'EUR', text: 'under 50 euros' } });
    const unknown = personalizeList(input({ intent: asked }));
    assert.equal(unknown.items.length, BASE.length);
    assert.deepEqual(unknown.constraints.unchecked, ['budget']);
    assert.equal(unknown.constraints.satisfied, false);
    assert.deepEqual(unknown.constraints.relaxed, []);
    assert.equal(unknown.constraints.reason, 'These products are priced in USD and no exchange rate to EUR is known, so they were not checked against the budget (up to 50 EUR).');
    // With a rate the budget holds: what is over it goes, and the answer is satisfied.
    const rated = personalizeList(input({ intent: asked, currency: 'USD', rate: (from, to) => (from === 'EUR' && to === 'USD' ? 1.1 : from === 'USD' && to === 'EUR' ? 1 / 1.1 : undefined) }));
    assert.deepEqual(rated.constraints, { satisfied: true });
    assert.ok(rated.items.length > 0 && rated.items.every((x) => !x.reasons.some((y) => y.source === 'constraint')));
    assert.deepEqual(ids(rated.items).sort(), ['necklace', 'wallet']);
  });

  it('never returns excluded products and honours the limit', () => {
    const r = personalize(input({ exclude: new Set(['tent']), limit: 2 }));
    assert.equal(r.length, 2);
    assert.ok(!ids(r).includes('tent'));
  });
});

describe('personalizeList: constraints (issue 14)', () => {
  const JEWELS: Product[] = [
    product({ id: 'silver1', title: 'Sterling Silver Chain', productType: 'Necklaces', category: 'Jewelry > Necklaces', price: 45 }),
    product({ id: 'silver2', title: 'Bar Pendant', productType: 'Necklaces', category: 'Jewelry > Necklaces', variants: [[70, true, { Metal: 'Silver' }], [75, true, { Metal: 'Gold' }]] }),
    product({ id: 'choker', title: 'Gold Choker', productType: 'Necklaces', category: 'Jewelry > Necklaces', tags: ['gold'], price: 40 }),
    product({ id: 'tux', title: 'Classic Tuxedo', productType: 'Suits', category: 'Apparel > Tuxedos', price: 399 }),
    product({ id: 'boot', title: 'Rain Boot', productType: 'Boots', category: 'Shoes > Boots', price: 60, createdAt: '2025-01-01T00:00:00Z' }),
  ];
  const J = new Map(JEWELS.map((p) => [p.id, p]));
  const jc: PersonalizeCatalog = { get: (id) => J.get(id), featureKeys: (id) => (J.get(id) ? featureKeysOf(J.get(id) as Product) : []), priceMajor: () => undefined };
  const base: RecommendedItem[] = JEWELS.map((p, i) => ({ productId: p.id, score: 5 - i, reasons: [{ source: 'popular', score: 5 - i }] }));
  const run = (e: Partial<IntentEntities>, over: Partial<PersonalizeInput> = {}) => personalizeList(input({ base, catalog: jc, intent: intent(e), ...over }));

  it('holds a place said with no kind ("something for indoors under 20 euros"): no garden pot, and the budget gives way before it', () => {
    const HOME: Product[] = [
      product({ id: 'candle', title: 'Vanilla candle', productType: 'Indoor', price: 15.99 }),
      product({ id: 'pot', title: 'Clay Plant Pot', productType: 'Outdoor', price: 9.99 }),
      product({ id: 'pillow', title: 'Brown Throw Pillows', productType: 'Indoor', price: 19.99 }),
    ];
    const H = new Map(HOME.map((p) => [p.id, p]));
    const hc: PersonalizeCatalog = { get: (id) => H.get(id), featureKeys: (id) => (H.get(id) ? featureKeysOf(H.get(id) as Product) : []), priceMajor: (id) => H.get(id)?.variants[0]?.price.amount };
    const home: RecommendedItem[] = HOME.map((p, i) => ({ productId: p.id, score: 5 - i, reasons: [{ source: 'popular', score: 5 - i }] }));
    const under20 = personalizeList(input({ base: home, catalog: hc, intent: intent({ place: 'indoor', budget: { max: 20, currency: 'USD', text: 'under 20' } }) }));
    assert.deepEqual(ids(under20.items).sort(), ['candle', 'pillow']);
    assert.equal(under20.constraints.satisfied, true);
    const under12 = personalizeList(input({ base: home, catalog: hc, intent: intent({ place: 'indoor', budget: { max: 12, currency: 'USD', text: 'under 12' } }) }));
    assert.deepEqual(under12.constraints.relaxed, ['budget'], 'the place holds; the pot at 9.99 is for outdoors');
    assert.ok(!ids(under12.items).includes('pot'));
    assert.match(under12.constraints.reason ?? '', /for indoors, up to 12 USD/);
  });

  it('holds a stated colour: a silver necklace list has no gold chokers', () => {
    const r = run({ categories: ['necklaces'], colours: ['silver'] });
    assert.deepEqual(ids(r.items).sort(), ['silver1', 'silver2']);
    assert.deepEqual(r.constraints, { satisfied: true });
  });

  it('says so when nothing in the shop is what was asked, rather than passing a tuxedo off as running shoes', () => {
    const r = run({ categories: ['running shoes'] });
    assert.ok(r.items.length > 0, 'the closest products still come');
    assert.equal(r.constraints.satisfied, false);
    assert.deepEqual(r.constraints.relaxed, ['category']);
    assert.match(r.constraints.reason ?? '', /not running shoes/);
    // The colour goes before the category: gold necklaces when there is no copper one.
    const copper = run({ categories: ['necklaces'], colours: ['copper'] });
    assert.deepEqual(copper.constraints.relaxed, ['colour']);
    assert.ok(ids(copper.items).every((id) => ['silver1', 'silver2', 'choker'].includes(id)));
  });

  it('converts a budget in another currency with the rate and reports it estimated', () => {
    const rate = (from: string, to: string) => (from === 'EUR' && to === 'USD' ? 1.1 : undefined);
    const r = run({ categories: ['necklaces'], budget: { max: 40, currency: 'EUR', text: 'under 40 euros' } }, { currency: 'USD', rate });
    assert.deepEqual(r.budget, { max: 44, currency: 'USD', text: 'under 40 euros', estimated: true, stated: { max: 40, currency: 'EUR' }, rate: 1.1 });
    assert.deepEqual(ids(r.items), ['choker'], '40 USD fits 44 USD; 45 does not');
    assert.ok(!r.items[0]?.reasons.some((x) => x.source === 'constraint'), 'compared, not "unknown"');
  });

  it('holds the budget to the named market’s price list, read in the market’s currency', () => {
    const eu: Market = { ...(DEFAULT_MARKETS.markets[1] as Market), exchangeRates: { USD: 0.92 } };
    const necklace = (id: string, usd: number, eur: string) => ({ ...product({ id, title: 'Chain', productType: 'Necklaces', category: 'Jewelry > Necklaces', price: usd }), marketPrices: { eu: { price: eur } } });
    // 120 USD (110.40 EUR converted) listed at 95 EUR in the EU; 100 USD (92 EUR) listed at 109 EUR.
    const listed = [necklace('cheaper', 120, '95.00'), necklace('dearer', 100, '109.00')];
    const L = new Map(listed.map((p) => [p.id, p]));
    const lc: PersonalizeCatalog = { get: (id) => L.get(id), featureKeys: (id) => (L.get(id) ? featureKeysOf(L.get(id) as Product) : []), priceMajor: () => undefined };
    const lb: RecommendedItem[] = listed.map((p) => ({ productId: p.id, score: 1, reasons: [] }));
    const ask = (budget: IntentEntities['budget'], rates: Parameters<typeof marketRates>[0]) =>
      personalizeList(input({ base: lb, catalog: lc, intent: intent({ categories: ['necklaces'], budget }), rate: marketRates(rates), market: eu }));
    const euros = ask({ max: 100, text: 'under 100' }, [eu]);
    assert.deepEqual(ids(euros.items), ['cheaper']);
    assert.deepEqual(euros.constraints, { satisfied: true });
    // Pounds meet euros through the dollar; the budget shown in euros is an estimate.
    const pounds = ask({ max: 90, currency: 'GBP', text: 'menos de 90 libras' }, [eu, { currency: 'GBP', exchangeRates: { USD: 0.79 } }]);
    assert.deepEqual(ids(pounds.items), ['cheaper']);
    assert.deepEqual(pounds.budget && { max: pounds.budget.max, currency: pounds.budget.currency, estimated: pounds.budget.estimated }, { max: 104.81, currency: 'EUR', estimated: true });
  });

  it('quotes the strongest reason first, whatever layer gave it, and merges reasons differing only in case', () => {
    const r = run({ categories: ['Necklaces', 'necklaces'], colours: ['silver'] });
    for (const it of r.items) {
      const scores = it.reasons.filter((x) => x.source !== 'constraint').map((x) => x.score);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a), `${it.productId}: strongest first`);
      const terms = it.reasons.flatMap((x) => ('term' in x && typeof x.term === 'string' ? [x.term.toLowerCase()] : []));
      assert.equal(terms.length, new Set(terms).size, `${it.productId}: no case duplicates`);
    }
    const weak = base.map((b) => (b.productId === 'silver2' ? { ...b, score: 0.05, reasons: [{ source: 'popular' as const, score: 0.05 }] } : b));
    const w = run({ categories: ['necklaces'], colours: ['silver'] }, { base: weak });
    const s2 = w.items.find((x) => x.productId === 'silver2');
    assert.equal(s2?.reasons[0]?.source, 'intent', 'the match outweighs the weak popularity, and is quoted first');
    assert.ok(s2?.reasons.some((x) => x.source === 'popular'));
  });

  it('does not call every product new when the whole catalog is dated alike (an import or a sync)', () => {
    const now = Date.parse('2025-01-20T00:00:00Z');
    const fresh = JEWELS.map((p) => ({ ...p, createdAt: '2025-01-10T00:00:00Z' }));
    const F = new Map(fresh.map((p) => [p.id, p]));
    const fc: PersonalizeCatalog = { ...jc, get: (id) => F.get(id) };
    const all = personalizeList(input({ base, catalog: fc, now }));
    assert.ok(all.items.every((x) => !x.reasons.some((y) => y.source === 'new_arrival')));
    const one = personalizeList(input({ base, catalog: jc, now }));
    assert.deepEqual(one.items.filter((x) => x.reasons.some((y) => y.source === 'new_arrival')).map((x) => x.productId), ['boot'], 'one new product among old ones is news');
  });
});

describe('a stated colour finds its products', () => {
  // 100 gold necklaces and 2 silver ones, listed last: the keyword search for "necklaces" (40 hits,
  // as the layer asks) finds only gold ones. One silver necklace says so only in its colour option.
  const gold = Array.from({ length: 100 }, (_, i) =>
    product({ id: `gold-${String(i).padStart(3, '0')}`, title: `Gold Necklace ${i}`, productType: 'Necklaces', category: 'Jewelry > Necklaces', variants: [[40, true, { Color: 'Gold' }]] }),
  );
  const silver = [
    product({ id: 'zz-silver-1', title: 'Layered Charm Necklace With Lobster Clasp', productType: 'Necklaces', category: 'Jewelry > Necklaces', variants: [[45, true, { Color: 'Silver' }]] }),
    product({ id: 'zz-silver-2', title: 'Sterling Silver Chain Necklace', productType: 'Necklaces', category: 'Jewelry > Necklaces', price: 60 }),
  ];
  const earrings = product({ id: 'zz-earrings', title: 'Silver Hoops', productType: 'Earrings', category: 'Jewelry > Earrings', price: 30 });
  const index = CatalogIndex.build([...gold, ...silver, earrings]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  const shopperSays = (text: string, lang: 'en' | 'es') => {
    const entities = extractEntities(text, lang, { vocabulary });
    const stated: Intent = { ...intent(entities, 'high_purchase_intent'), language: lang };
    // What the layer adds from the catalog search (MCPAwareRecommender: 40 hits per query).
    const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
    return { entities, candidates, list: personalizeList({ base: [], intent: stated, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 10, now: NOW, candidates }) };
  };

  for (const [text, lang] of [['collar de plata', 'es'], ['silver necklace', 'en']] as const) {
    it(`"${text}" returns the silver necklaces, constraints satisfied`, () => {
      const { entities, candidates, list } = shopperSays(text, lang);
      assert.deepEqual(entities.colours, ['silver']);
      assert.ok(!candidates.includes('zz-silver-1'), 'the keyword search alone misses the option-only silver necklace');
      assert.deepEqual(list.constraints, { satisfied: true });
      assert.deepEqual(list.items.map((i) => i.productId).sort(), ['zz-silver-1', 'zz-silver-2']);
    });
  }
});

describe('a kind the shop names by another of its English names', () => {
  // The Shopify demo apparel export sells its only sneakers as "LED High Tops".
  const index = CatalogIndex.build([
    product({ id: 'led', title: 'LED High Tops', tags: ['men'], price: 80 }),
    product({ id: 'jacket', title: 'Soft Winter Jacket', tags: ['women'], price: 50 }),
    ...Array.from({ length: 30 }, (_, i) => product({ id: `shirt-${i}`, title: `Cotton Shirt ${i}`, tags: ['women'], price: 30 })),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  for (const [text, lang] of [['do you have sneakers?', 'en'], ['busco zapatillas', 'es']] as const) {
    it(`"${text}" finds the high tops`, () => {
      const entities = extractEntities(text, lang, { vocabulary });
      const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
      const list = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: lang }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 3, now: NOW, candidates });
      assert.deepEqual([list.constraints, list.items.map((i) => i.productId)], [{ satisfied: true }, ['led']]);
    });
  }
});

describe('"cheap", "the most expensive": the end of the price range asked for orders what matches', () => {
  const index = CatalogIndex.build([
    product({ id: 'bird', title: 'Gold Bird Necklace', productType: 'Necklace', tags: ['Gold'], price: 80 }),
    product({ id: 'bead', title: 'Choker with Bead', productType: 'Necklace', tags: ['Gold'], price: 15 }),
    product({ id: 'dainty', title: 'Dainty Gold Necklace', productType: 'Necklace', tags: ['Gold'], price: 64 }),
    product({ id: 'threader', title: 'Silver Threader Necklace', productType: 'Necklace', tags: ['Silver'], price: 14 }),
    product({ id: 'studs', title: 'Guardian Angel Earrings', productType: 'Earrings', tags: ['Silver'], price: 5 }),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  // The base list as a shop with behaviour would give it: its own order, not the price.
  const base: RecommendedItem[] = ['dainty', 'bird', 'bead', 'threader'].map((productId, i) => ({ productId, score: 1 - i * 0.1, reasons: [{ source: 'popular', score: 1 - i * 0.1 }] }));
  const ask = (text: string, lang: 'en' | 'es') => {
    const entities = extractEntities(text, lang, { vocabulary });
    return personalizeList({ base, intent: { ...intent(entities, 'browsing'), language: lang }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW });
  };
  for (const [text, lang] of [['the cheapest necklace you have', 'en'], ['un collar barato', 'es']] as const) {
    it(`"${text}": necklaces, cheapest first, and it says why`, () => {
      const list = ask(text, lang);
      assert.deepEqual(list.items.map((i) => i.productId), ['threader', 'bead', 'dainty', 'bird']);
      assert.ok(list.items[0]?.reasons.some((r) => r.source === 'intent' && 'field' in r && r.field === 'price'), JSON.stringify(list.items[0]?.reasons));
    });
  }
  it('"your most expensive necklace": dearest first', () => {
    assert.deepEqual(ask('your most expensive necklace', 'en').items.map((i) => i.productId), ['bird', 'dainty', 'bead', 'threader']);
  });
  it('without a preference the base order stands', () => {
    assert.deepEqual(ask('a necklace', 'en').items.map((i) => i.productId), ['dainty', 'bird', 'bead', 'threader']);
  });

  it('an agent can state it as structured intent (pricePreference), over the text', () => {
    const fromText = { ...intent(extractEntities('a necklace', 'en', { vocabulary }), 'browsing'), language: 'en' as const };
    const stated = intentFromInput({ pricePreference: 'low' }, fromText);
    const list = personalizeList({ base, intent: stated, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW });
    assert.deepEqual(list.items.map((i) => i.productId), ['threader', 'bead', 'dainty', 'bird']);
  });
});

describe("a kind's looser English names are only a fallback", () => {
  const index = CatalogIndex.build([
    product({ id: 'neck', title: 'Dainty Gold Necklace', productType: 'Necklace', price: 60 }),
    product({ id: 'chain-bracelet', title: 'Gold Chain Bracelet', productType: 'Bracelet', price: 20 }),
    product({ id: 'key-chain', title: 'Leather Key Chain', productType: 'Accessories', price: 9 }),
  ]);
  it('"a cheap necklace" finds the necklace, not chain bracelets or key chains', () => {
    const entities = extractEntities('a cheap necklace', 'en', { vocabulary: compileVocabulary(vocabularyFromProducts(index.all())) });
    const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
    const list = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: 'en' }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 3, now: NOW, candidates });
    assert.deepEqual(list.items.map((i) => i.productId), ['neck']);
  });
});

describe('an armchair is not a sofa', () => {
  // As the Shopify demo "home and garden" export has them: type Indoor, the kind in the tags and title.
  const index = CatalogIndex.build([
    product({ id: 'cream-sofa', title: 'Cream Sofa', productType: 'Indoor', tags: ['Couch', 'Wood'], price: 500 }),
    product({ id: 'grey-sofa', title: 'Grey Sofa', productType: 'Indoor', tags: ['Sofa'], price: 30 }),
    product({ id: 'pink-armchair', title: 'Pink Armchair', productType: 'Indoor', tags: ['Chair'], price: 750 }),
    product({ id: 'clay-pot', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['Pot', 'Plants'], price: 10 }),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  for (const [text, lang] of [['¿tienen sillones rosas?', 'es'], ['do you have pink armchairs?', 'en'], ['busco una butaca rosa', 'es']] as const) {
    it(`"${text}" finds the pink armchair, constraints satisfied`, () => {
      const entities = extractEntities(text, lang, { vocabulary });
      const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
      const list = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: lang }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 3, now: NOW, candidates });
      assert.equal(list.items[0]?.productId, 'pink-armchair', JSON.stringify(list.items.map((i) => i.productId)));
      assert.deepEqual(list.constraints, { satisfied: true });
    });
  }
});

describe('what the products are for nudges, what is asked for decides', () => {
  const index = CatalogIndex.build([
    product({ id: 'cream-sofa', title: 'Cream Sofa', productType: 'Indoor', tags: ['Couch', 'Wood'], price: 500 }),
    product({ id: 'grey-sofa', title: 'Grey Sofa', productType: 'Indoor', tags: ['Sofa'], price: 30 }),
    product({ id: 'brown-pillows', title: 'Brown Throw Pillows', productType: 'Indoor', tags: ['Pillows'], price: 20 }),
    product({ id: 'knitted-pillows', title: 'Knitted Throw Pillows', productType: 'Indoor', tags: ['Pillows', 'Sofa'], price: 20 }),
    product({ id: 'bed-pillow', title: 'Feather Bed Pillow', productType: 'Indoor', tags: ['Pillows', 'Bedroom'], price: 25 }),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  for (const [text, lang] of [['cojines para el sofá', 'es'], ['pillows for my sofa', 'en']] as const) {
    it(`"${text}": pillows only, the sofa pillows first`, () => {
      const entities = extractEntities(text, lang, { vocabulary });
      const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
      const list = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: lang }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 5, now: NOW, candidates });
      assert.deepEqual(list.constraints, { satisfied: true });
      assert.equal(list.items[0]?.productId, 'knitted-pillows', JSON.stringify(list.items.map((i) => i.productId)));
      assert.deepEqual(list.items.map((i) => i.productId).sort(), ['bed-pillow', 'brown-pillows', 'knitted-pillows'], 'no sofa: a sofa is not what was asked for');
    });
  }
});

describe("a men's bracelet: the audience said of the product", () => {
  // As the Shopify demo jewellery export has them: the audience only in the title ("Mens").
  const index = CatalogIndex.build([
    product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet', tags: ['Diamond', 'Gold'], price: 40 }),
    product({ id: 'shakra', title: '7 Shakra Bracelet', productType: 'Bracelet', tags: ['Beads'], price: 43 }),
    product({ id: 'anchor', title: 'Anchor Bracelet Mens', productType: 'Bracelet', tags: ['Anchor', 'Leather'], price: 70 }),
    product({ id: 'moon', title: 'Moon Charm Bracelet', productType: 'Bracelet', tags: ['Gold', 'Moon', 'women'], price: 48 }),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  for (const [text, lang] of [['pulsera de hombre', 'es'], ["a men's bracelet", 'en'], ['bracelets for men', 'en']] as const) {
    it(`"${text}": the men's bracelet first, the women's not at all`, () => {
      const entities = extractEntities(text, lang, { vocabulary });
      assert.equal(entities.audience, 'men');
      const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
      const list = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: lang }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW, candidates });
      assert.equal(list.items[0]?.productId, 'anchor', JSON.stringify(list.items.map((i) => i.productId)));
      // Tagged "women": made for someone else. The bracelets that say nothing of their audience stay.
      assert.deepEqual(list.items.map((i) => i.productId).sort(), ['anchor', 'bangle', 'shakra']);
      assert.deepEqual(list.constraints, { satisfied: true });
    });
  }

  it("\"a men's bracelet for my wife\" is a men's bracelet: the audience said of the product wins over the recipient's", () => {
    const entities = extractEntities("a men's bracelet for my wife", 'en', { vocabulary });
    assert.deepEqual([entities.audience, entities.recipient], ['men', 'wife']);
    const list = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: 'en' }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW, candidates: index.all().map((p) => p.id) });
    assert.equal(list.items[0]?.productId, 'anchor');
  });

  it('"a bracelet, not for men": the men\'s bracelet is left out, the others stay', () => {
    const entities = extractEntities('a bracelet, not for men', 'en', { vocabulary });
    assert.deepEqual([entities.audience, entities.notAudience], [undefined, 'men']);
    const list = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: 'en' }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW, candidates: index.all().map((p) => p.id) });
    assert.deepEqual(list.items.map((i) => i.productId).sort(), ['bangle', 'moon', 'shakra']);
    assert.deepEqual(list.constraints, { satisfied: true });
    // Only men's bracelets in the shop: nothing is shown, and the sentence says what was refused.
    const mensOnly = CatalogIndex.build([product({ id: 'anchor', title: 'Anchor Bracelet Mens', productType: 'Bracelet', price: 70 })]);
    const none = personalizeList({ base: [], intent: { ...intent(entities, 'browsing'), language: 'en' }, catalog: mensOnly, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW, candidates: ['anchor'] });
    assert.deepEqual(none.items, []);
    assert.equal(none.constraints.reason, 'Nothing available in this shop fits (bracelets, not for men).');
  });

  it('a structured intent sent with the text (an agent\'s budget) keeps the audience and purposes the text gave', () => {
    const fromText = { ...intent(extractEntities('pulsera de hombre para el verano', 'es', { vocabulary }), 'browsing'), language: 'es' as const };
    const merged = intentFromInput({ budget: { max: 80 } }, fromText);
    assert.equal(merged.entities.audience, 'men');
    assert.equal(merged.entities.budget?.max, 80);
    const cushions = intentFromInput({ budget: { max: 30 } }, { ...intent({ ...emptyIntent().entities, categories: ['Pillows'], purposes: ['Sofa'] }, 'browsing'), language: 'es' });
    assert.deepEqual(cushions.entities.purposes, ['Sofa']);
    assert.equal(intentFromInput({ categories: ['Lamps'] }, cushions).entities.purposes, undefined, 'the purposes went with the text\'s kinds');
    // Said of no kind ("a waterproof one" with the agent's category), they are said of the kind given.
    const waterproof = intentFromInput({ categories: ['jacket'] }, { ...intent({ ...emptyIntent().entities, purposes: ['waterproof'] }, 'browsing'), language: 'en' });
    assert.deepEqual(waterproof.entities.purposes, ['waterproof']);
  });

  it("a structured intent sent with the text keeps the text's materials, title words, several people and audience refused", () => {
    const fromText = { ...intent({ ...emptyIntent().entities, categories: ['Bracelet'], materials: ['leather'], terms: ['anchor'], recipient: 'boyfriend', severalRecipients: true, notAudience: 'kids', isGift: true }, 'browsing'), language: 'en' as const };
    const merged = intentFromInput({ budget: { max: 80 } }, fromText).entities;
    assert.deepEqual([merged.materials, merged.terms, merged.severalRecipients, merged.notAudience, merged.budget?.max], [['leather'], ['anchor'], true, 'kids', 80]);
    const own = intentFromInput({ categories: ['Necklace'], recipient: 'mother' }, fromText).entities;
    assert.deepEqual([own.terms, own.severalRecipients, own.materials], [undefined, undefined, ['leather']], 'title words go with the kinds, several people with the person');
  });
});

describe('a new shop: the catalog filler does not outrank what was asked for', () => {
  // No behaviour yet: the base list is the catalog, newest first (as the hybrid fills it).
  const index = CatalogIndex.build([
    product({ id: 'cardboard-pots', title: 'Biodegradable cardboard pots', productType: 'Outdoor', tags: ['Garden', 'Plants'], price: 10 }),
    product({ id: 'bedside-table', title: 'Bedside Table', productType: 'Indoor', tags: ['Wood', 'Bedroom'], price: 70 }),
    product({ id: 'wooden-fence', title: 'Wooden Fence', productType: 'Outdoor', tags: ['Garden', 'Wood'], price: 200 }),
    product({ id: 'outdoor-table', title: 'Wooden Outdoor Table', productType: 'Outdoor', tags: ['Wood', 'Garden'], price: 100 }),
  ]);
  const base: RecommendedItem[] = index.all().map((p, i) => ({ productId: p.id, score: 0.3 - 0.07 * i, reasons: [{ source: 'catalog', score: 0.3 - 0.07 * i }] }));
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  const ask = (text: string, lang: 'en' | 'es', stated = true) => {
    const entities = extractEntities(text, lang, { vocabulary });
    return personalizeList({ base, ...(stated ? { intent: { ...intent(entities, 'browsing'), language: lang } } : {}), catalog: index, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW });
  };

  it('"I need a wooden table for the garden": the table for the garden first, its reasons before the filler', () => {
    const list = ask('I need a wooden table for the garden', 'en');
    assert.equal(list.items[0]?.productId, 'outdoor-table', JSON.stringify(list.items.map((i) => [i.productId, i.score])));
    const filler = list.items[0]?.reasons.find((r) => r.source === 'catalog');
    assert.ok(filler && filler.score < 0.05, `the filler counts as little as it weighs: ${JSON.stringify(filler)}`);
  });

  it('"una mesa para el jardín" too', () => {
    assert.equal(ask('una mesa para el jardín', 'es').items[0]?.productId, 'outdoor-table');
  });

  it('without a stated intent the catalog order stands', () => {
    assert.deepEqual(ask('', 'en', false).items.map((i) => i.productId), index.all().map((p) => p.id));
  });
});

describe('personalizeList over the catalog index: by position, the same answer as by id', () => {
  const index = CatalogIndex.build(PRODUCTS);
  /** The same index seen only by id (no `indexOf`, no `affinityScorer`): every lookup as before positions. */
  const byId: PersonalizeCatalog = { get: (id) => index.get(id), featureKeys: (id) => index.featureKeys(id), priceMajor: (id) => index.priceMajor(id), featureSpecificity: (key) => index.featureSpecificity(key), all: () => index.all() };
  const profile: ProfileView = {
    userId: 'u',
    affinities: new Map([['vendor:alpina', 0.6], ['type:hiking boots', 0.3], ['vendor:hide', 0.4], ['tag:women', 0.2], ['cat:tents', 0.1]]),
    priceBand: { center: 120, low: 80, high: 180 },
    recent: [],
    session: [],
    purchased: new Set(),
    eventCount: 9,
    lastSeen: NOW,
  };
  const cases: [string, Partial<PersonalizeInput>][] = [
    ['no intent', {}],
    ['a category, from the search', { intent: intent({ categories: ['Hiking Boots'] }), candidates: Object.freeze(['boot1', 'boot2', 'unknown-id', 'boot1']) }],
    ['a colour (colour candidates)', { intent: intent({ colours: ['gold'] }), candidates: Object.freeze(['necklace']) }],
    ['a budget and a rejection', { intent: intent({ budget: { max: 150, currency: 'USD', text: 'under $150' }, rejections: [{ kind: 'material', value: 'leather' }] }) }],
    ['a present (no affinity)', { intent: intent({ isGift: true, recipient: 'mother' }), candidates: ['sweater', 'necklace'] }],
    ['excluded and repeated ids', { exclude: new Set(['tent']), base: [...BASE, ...BASE], candidates: Object.freeze(['wallet', 'nope']) }],
  ];
  for (const [name, over] of cases) {
    it(name, () => {
      const a = personalizeList(input({ ...over, catalog: byId, profile }));
      const b = personalizeList(input({ ...over, catalog: index, profile }));
      assert.deepEqual(b, a);
      assert.deepEqual(personalizeList(input({ ...over, catalog: index, profile })), a, 'again, from what was kept (scorer, positions)');
      assert.ok(a.items.length > 0);
    });
  }
});

describe('comparing two named products keeps both', () => {
  const index = CatalogIndex.build([
    product({ id: 'red-wool', title: 'Wool Scarf', vendor: 'Acme', productType: 'Scarves', variants: [[30, true, { Color: 'Red' }]] }),
    product({ id: 'blue-silk', title: 'Silk Scarf', vendor: 'Zenith', productType: 'Scarves', variants: [[40, true, { Color: 'Blue' }]] }),
    product({ id: 'green-cotton', title: 'Cotton Scarf', vendor: 'Acme', productType: 'Scarves', variants: [[20, true, { Color: 'Green' }]] }),
    product({ id: 'gold', title: 'Collar Luna', productType: 'Collares', variants: [[30, true, { Color: 'Dorado' }]] }),
    product({ id: 'pearl', title: 'Collar de Perlas', productType: 'Collares', variants: [[30, true, { Color: 'Blanco' }]] }),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  const listFor = (text: string, lang: 'en' | 'es') => {
    const entities = extractEntities(text, lang, { vocabulary });
    const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
    return personalizeList({ base: [], intent: { ...intent(entities, 'comparison_shopping'), language: lang }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 5, now: NOW, candidates });
  };

  for (const [text, lang, both] of [
    ['is the red scarf better than the silk one?', 'en', ['red-wool', 'blue-silk']],
    ['is the red scarf better than the Zenith one?', 'en', ['red-wool', 'blue-silk']],
    ['¿qué es mejor, el collar dorado o el collar de perlas?', 'es', ['gold', 'pearl']],
  ] as const) {
    it(`"${text}": both options are listed, and the list is satisfied`, () => {
      const list = listFor(text, lang);
      const got = list.items.map((i) => i.productId);
      for (const id of both) assert.ok(got.includes(id), `${id} in ${JSON.stringify(got)}`);
      assert.deepEqual(list.constraints, { satisfied: true });
    });
  }

  it('a colour every option names still filters: "the red one or the blue one" leaves the green scarf out', () => {
    const got = listFor('is the red scarf better than the blue one?', 'en').items.map((i) => i.productId);
    assert.deepEqual(got.sort(), ['blue-silk', 'red-wool']);
  });

  it('a colour stated outside a comparison still filters', () => {
    assert.deepEqual(listFor('red scarves please', 'en').items.map((i) => i.productId), ['red-wool']);
  });

  it("an agent's own colours are constraints even when the text compared", () => {
    const fromText = { ...intent(extractEntities('is the red scarf better than the silk one?', 'en', { vocabulary }), 'comparison_shopping'), language: 'en' as const };
    assert.deepEqual(fromText.entities.soft, ['colour']);
    assert.equal(intentFromInput({ colours: ['red'] }, fromText).entities.soft, undefined);
    assert.deepEqual(intentFromInput({ budget: { max: 80 } }, fromText).entities.soft, ['colour']);
  });

  it("an agent's own categories are constraints even when the text named one on one side only", () => {
    const fromText = { ...intent({ categories: ['Blouses'], soft: ['category', 'colour'] }, 'comparison_shopping'), language: 'en' as const };
    assert.deepEqual(intentFromInput({ categories: ['Blouses'] }, fromText).entities.soft, ['colour']);
    assert.deepEqual(intentFromInput({ colours: ['white'] }, fromText).entities.soft, ['category']);
  });
});

describe('comparing two products named by their titles, one side stating its category', () => {
  const index = CatalogIndex.build([
    product({ id: 'blouse', title: 'Striped Silk Blouse', productType: 'Blouses', variants: [[60, true, { Color: 'Blue' }]] }),
    product({ id: 'top', title: 'Floral White Top', productType: 'Tops', variants: [[35, true, { Color: 'White' }]] }),
    product({ id: 'blouse2', title: 'Linen Blouse', productType: 'Blouses', variants: [[50, true, { Color: 'Beige' }]] }),
    product({ id: 'scarf', title: 'Wool Scarf', productType: 'Scarves', variants: [[30, true, { Color: 'Red' }]] }),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  const listFor = (text: string, lang: 'en' | 'es') => {
    const entities = extractEntities(text, lang, { vocabulary });
    const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
    return personalizeList({ base: [], intent: { ...intent(entities, 'comparison_shopping'), language: lang }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 5, now: NOW, candidates: [...candidates, ...index.all().map((p) => p.id)] });
  };

  for (const [text, lang] of [
    ['the striped silk blouse or the floral white top?', 'en'],
    ['which is better, the silk blouse or the floral top?', 'en'],
    ['¿qué me recomiendas, la blusa de seda o el top floreado?', 'es'],
  ] as const) {
    it(`"${text}": the top stays beside the blouse`, () => {
      const got = listFor(text, lang).items.map((i) => i.productId);
      for (const id of ['blouse', 'top']) assert.ok(got.includes(id), `${id} in ${JSON.stringify(got)}`);
    });
  }

  it('a category stated plainly still filters: "silk blouses please" lists no top', () => {
    const got = listFor('silk blouses please', 'en').items.map((i) => i.productId);
    assert.ok(!got.includes('top') && !got.includes('scarf'), JSON.stringify(got));
  });
});

describe('the product discussed, when it alone meets what was asked', () => {
  // "does it come in gold?" asked of the gold necklace (productId): it is never in its own list.
  const asked = intent({ colours: ['gold'], categories: ['Necklaces'] });
  const base = BASE.filter((b) => b.productId !== 'necklace');

  it('says that only it fits, not that nothing in the shop does', () => {
    const r = personalizeList(input({ base, intent: asked, productId: 'necklace' }));
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /^Only Gold Pendant Necklace (matches everything asked for|fits) \(/, r.constraints.reason);
    assert.ok(!ids(r.items).includes('necklace'));
  });

  it('near misses: another product discussed, or none, keep "nothing in this shop"', () => {
    for (const over of [{ productId: 'wallet' }, {}]) {
      const r = personalizeList(input({ base, intent: asked, ...over }));
      assert.equal(r.constraints.satisfied, false);
      assert.match(r.constraints.reason ?? '', /^Nothing (in this shop matches|available in this shop fits)/, r.constraints.reason);
    }
  });
});

describe('"something like that but cheaper": the compared product\'s kind first', () => {
  const index = CatalogIndex.build([
    product({ id: 'leather-jacket', title: 'Classic Leather Jacket', productType: '', category: 'Apparel > Clothing > Outerwear > Coats & Jackets', price: 80 }),
    product({ id: 'bag', title: 'Black Leather Bag', category: 'Apparel > Handbags', price: 30 }),
    product({ id: 'shirt', title: 'White Cotton Shirt', category: 'Apparel > Clothing > Shirts & Tops', price: 30 }),
    product({ id: 'winter-jacket', title: 'Soft Winter Jacket', category: 'Apparel > Clothing > Outerwear > Coats & Jackets', price: 50 }),
    product({ id: 'tux', title: 'Blue Silk Tuxedo', category: 'Apparel > Clothing > Suits', price: 90 }),
  ]);
  // The shopper's history ranks the bag and the shirt first.
  const base: RecommendedItem[] = ['bag', 'shirt', 'winter-jacket', 'tux'].map((id, i) => ({ productId: id, score: 1 - 0.2 * i, reasons: [{ source: 'popular' as const, score: 1 - 0.2 * i }] }));
  const ask = (e: Partial<IntentEntities>) => personalizeList({ base, intent: intent({ priceRelative: 'below', priceAnchor: 'leather-jacket', ...e }), catalog: index, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW });

  it('ranks the cheaper jacket first, keeps the other cheaper products, and holds no kind as a constraint', () => {
    const list = ask({});
    assert.deepEqual(list.items.map((i) => i.productId), ['winter-jacket', 'bag', 'shirt'], JSON.stringify(list.items.map((i) => [i.productId, i.score])));
    assert.deepEqual(list.constraints, { satisfied: true });
  });

  it('reads the kind from the title when the catalog has no type or category (a CSV export)', () => {
    const bare = CatalogIndex.build([
      product({ id: 'leather-jacket', title: 'Classic Leather Jacket', productType: '', price: 80 }),
      product({ id: 'bag', title: 'Black Leather Bag', productType: '', price: 30 }),
      product({ id: 'winter-jacket', title: 'Soft Winter Jacket', productType: '', price: 50 }),
    ]);
    const list = personalizeList({ base: base.filter((b) => bare.get(b.productId)), intent: intent({ priceRelative: 'below', priceAnchor: 'leather-jacket' }), catalog: bare, temporal: temporalContext(NOW, 'US'), limit: 4, now: NOW });
    assert.deepEqual(list.items.map((i) => i.productId), ['winter-jacket', 'bag']);
  });

  it('a kind the shopper names wins over the compared product\'s', () => {
    const list = ask({ categories: ['Shirts & Tops'] });
    assert.equal(list.items[0]?.productId, 'shirt');
    assert.ok(!list.items.some((i) => i.productId === 'winter-jacket'), 'a stated kind is a constraint');
  });
});

describe('toddler and baby sizes held as any size is', () => {
  const index = CatalogIndex.build([
    product({ id: 'pj-small', title: 'Dino Pajamas', productType: 'Pajamas', variants: [[20, true, { Size: '2T' }], [20, true, { Size: '3T' }]] }),
    product({ id: 'pj-big', title: 'Star Pajamas', productType: 'Pajamas', variants: [[22, true, { Size: '3T' }], [22, true, { Size: '4T' }]] }),
    product({ id: 'onesie', title: 'Cotton Onesie', productType: 'Bodysuits', variants: [[15, true, { Size: '0-3 Months' }], [15, true, { Size: '6-12 Months' }]] }),
    product({ id: 'romper', title: 'Striped Romper', productType: 'Bodysuits', variants: [[18, true, { Size: '3M' }], [18, true, { Size: '6M' }]] }),
  ]);
  for (const [text, want] of [
    ['pajamas in 4T', ['pj-big']],
    ['a onesie for 6-12 months', ['onesie']],
    // One month, as US sizes say it: "3M" is the 0–3 months of a shop that writes ranges.
    ['a baby bodysuit in 3M', ['onesie', 'romper']],
    ['bodysuits, size 12 months', ['onesie']],
  ] as const) {
    it(`"${text}": only the products that come in it`, () => {
      const e = extractEntities(text, 'en');
      const list = personalizeList({ base: [], intent: { ...intent(e, 'browsing'), language: 'en' }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 3, now: NOW, candidates: index.all().map((p) => p.id) });
      assert.deepEqual([list.items.map((i) => i.productId).sort(), list.constraints], [[...want].sort(), { satisfied: true }]);
    });
  }
});

describe('a budget said around an amount: the prices nearest it first', () => {
  const necklaces = [14.99, 29.99, 53, 47.99, 44.95].map((p, i) => product({ id: `n${i}`, title: `Necklace ${i}`, productType: 'Necklace', price: p }));
  const index = CatalogIndex.build(necklaces);
  const base: RecommendedItem[] = necklaces.map((p, i) => ({ productId: p.id, score: 1 - i * 0.1, reasons: [{ source: 'popular', score: 1 - i * 0.1 }] }));
  const vocabulary = compileVocabulary(vocabularyFromProducts(necklaces));
  const ask = (text: string) => {
    const entities = extractEntities(text, 'en', { vocabulary });
    return personalizeList({ base, intent: { ...intent(entities, 'browsing'), language: 'en' }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 3, now: NOW });
  };
  it('"a necklace around 45 dollars": 44.95 and 47.99 before the cheap ones the cap of 54 also lets through', () => {
    assert.deepEqual(ask('a necklace around 45 dollars').items.map((i) => i.productId), ['n4', 'n3', 'n2']);
  });
  it('near miss: a cap ("under 54") keeps the order it had', () => {
    assert.deepEqual(ask('a necklace under 54 dollars').items.map((i) => i.productId), ['n0', 'n1', 'n2']);
  });
});
