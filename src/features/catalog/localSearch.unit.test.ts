import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOCAL_CURSOR_PREFIX, type LocalPricing } from '../../adapters/catalogMcp/localFallback.ts';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import type { Market } from '../../core/markets/market.ts';
import { product } from '../../testing/productFixture.ts';
import { localSearchPage, planCatalogSearch, type MatchList } from './localSearch.ts';
import { MatchMemo } from './matchMemo.ts';

const market = (handle: string, currency: string, rates?: Record<string, number>): Market => ({
  handle,
  countries: [handle.toUpperCase()],
  currency,
  language: 'en',
  cacheTtlSeconds: 60,
  privacy: 'none',
  priceInclusions: { duties: 'included', taxes: 'included' },
  ...(rates ? { exchangeRates: rates } : {}),
});
const DE = market('de', 'EUR', { USD: 0.5 });
const FR = market('fr', 'EUR', { USD: 0.5 });
/** The markets' rates (as `marketRatesOf` works them out): 0.5 EUR per USD. */
const rate = (from: string, to: string): number | undefined => (from === 'USD' && to === 'EUR' ? 0.5 : undefined);

/** Ten scarves in USD (10–100), the even ones not sold in DE. */
const SCARVES: Product[] = Array.from({ length: 10 }, (_, i) => ({
  ...product({ id: `scarf-${i}`, title: `Wool Scarf ${i}`, productType: 'Scarves', price: 10 * (i + 1) }),
  ...(i % 2 === 0 ? { marketPrices: { de: { included: false } } } : {}),
}));

function memo(): { memo: MatchMemo<MatchList>; computed: () => number } {
  const m = new MatchMemo<MatchList>({ entries: 10, ids: 1000 }, (l) => l.docs.length);
  let n = 0;
  const get = m.get.bind(m);
  m.get = (shop, catalog, key, compute) => get(shop, catalog, key, () => (n++, compute()));
  return { memo: m, computed: () => n };
}

/** Every page of a search, following the cursors. */
function pages(index: CatalogIndex, input: Parameters<typeof planCatalogSearch>[0], pricing: LocalPricing, m: MatchMemo<MatchList>) {
  const out: ReturnType<typeof localSearchPage>[] = [];
  let cursor: string | undefined;
  do {
    const p = localSearchPage('scarves.myshopify.com', index, planCatalogSearch({ ...input, ...(cursor ? { cursor } : {}) }), pricing, m);
    out.push(p);
    cursor = p.pagination?.cursor;
  } while (cursor);
  return out;
}

describe('planCatalogSearch', () => {
  it("takes a budget the query states in the range's currency as the price range, in minor units for the shop", () => {
    const plan = planCatalogSearch({ query: 'wool scarf under 30 dollars', currency: 'USD', limit: 10 });
    assert.deepEqual(plan.range, { max: 30 });
    assert.deepEqual(plan.request.filters?.price, { max: 3000 });
    assert.equal(plan.unusedBudget, undefined);
  });

  it('does not apply a budget in another currency, and says so; a given range wins over the query', () => {
    const plan = planCatalogSearch({ query: 'wool scarf under 30 dollars', currency: 'EUR', limit: 10 });
    assert.equal(plan.range, undefined);
    assert.equal(plan.request.filters, undefined);
    assert.match(plan.unusedBudget ?? '', /USD, not EUR/);
    const given = planCatalogSearch({ query: 'wool scarf under 30 dollars', price: { min: 5 }, currency: 'EUR', limit: 10 });
    assert.deepEqual(given.range, { min: 5 });
    assert.equal(given.unusedBudget, undefined);
  });
});

describe('localSearchPage', () => {
  it("pages the market's assortment within the range from one match list, each page with its own price check", () => {
    const index = CatalogIndex.build(SCARVES);
    const m = memo();
    const pricing: LocalPricing = { market: DE, soldIn: DE, rate };
    // 0.5 EUR per USD: scarves 1, 3, 5 (20, 40, 60 USD = 10, 20, 30 EUR) fit 30 EUR; 7 and 9 do not; the even ones are not sold in DE.
    const got = pages(index, { query: 'wool scarf', price: { max: 30 }, currency: 'EUR', limit: 2 }, pricing, m.memo);
    assert.equal(got.length, 2);
    assert.deepEqual(got.map((p) => p.products.map((x) => x.id)), [['scarf-1', 'scarf-3'], ['scarf-5']]);
    assert.deepEqual(got.map((p) => p.pagination?.totalCount), [3, 3]);
    assert.deepEqual(got[0]?.priceCheck, { currency: 'EUR', estimated: [{ id: 'scarf-1', currency: 'USD' }, { id: 'scarf-3', currency: 'USD' }], unchecked: [] });
    assert.deepEqual(got[1]?.priceCheck, { currency: 'EUR', estimated: [{ id: 'scarf-5', currency: 'USD' }], unchecked: [] });
    assert.deepEqual(got[0]?.constraints, { satisfied: true });
    assert.equal(m.computed(), 1);
  });

  it('answers another market, range or query from its own match list (near misses of a held search)', () => {
    const index = CatalogIndex.build(SCARVES);
    const m = memo();
    const input = { query: 'wool scarf', price: { max: 30 }, currency: 'EUR', limit: 10 } as const;
    const de = localSearchPage('s', index, planCatalogSearch(input), { market: DE, soldIn: DE, rate }, m.memo);
    const fr = localSearchPage('s', index, planCatalogSearch(input), { market: FR, soldIn: FR, rate }, m.memo);
    const wider = localSearchPage('s', index, planCatalogSearch({ ...input, price: { max: 40 } }), { market: DE, soldIn: DE, rate }, m.memo);
    assert.deepEqual(de.products.map((p) => p.id), ['scarf-1', 'scarf-3', 'scarf-5']);
    assert.deepEqual(fr.products.map((p) => p.id), ['scarf-0', 'scarf-1', 'scarf-2', 'scarf-3', 'scarf-4', 'scarf-5'], 'FR sells the even scarves');
    assert.deepEqual(wider.products.map((p) => p.id), ['scarf-1', 'scarf-3', 'scarf-5', 'scarf-7']);
    assert.equal(m.computed(), 3);
  });

  it('says a foreign cursor was not issued here and a page past the end is the end, without searching', () => {
    const index = CatalogIndex.build(SCARVES);
    const m = memo();
    const plan = (cursor: string) => planCatalogSearch({ query: 'wool scarf', currency: 'USD', limit: 5, cursor });
    const foreign = localSearchPage('s', index, plan('eyJzaG9wIjoxfQ'), {}, m.memo);
    assert.deepEqual(foreign.products, []);
    assert.match(foreign.note ?? '', /not issued by Affinity's catalog/);
    assert.equal(m.computed(), 0);
    const past = localSearchPage('s', index, plan(`${LOCAL_CURSOR_PREFIX}50`), {}, m.memo);
    assert.deepEqual(past.products, []);
    assert.equal(past.note, 'No more results.');
    assert.deepEqual(past.constraints, { satisfied: true, relaxed: [] });
    assert.equal(past.pagination?.totalCount, 10);
  });

  it('answers nothing, unheld, without a catalog', () => {
    const p = localSearchPage('s', undefined, planCatalogSearch({ query: 'wool scarf', currency: 'USD', limit: 5 }), {});
    assert.deepEqual(p.products, []);
    assert.equal(p.pagination?.totalCount, 0);
  });
});

describe('localSearchPage: words an English catalog does not hold', () => {
  /** An English jewellery and home shop: colours in titles, tags and a variant option; materials in tags; a word only a description has. */
  const SHOP: Product[] = [
    product({ id: 'blue-necklace', title: 'Gemstone Necklace', productType: 'Necklace', tags: ['blue', 'silver'] }),
    product({ id: 'gold-necklace', title: 'Pretty Gold Necklace', productType: 'Necklace', tags: ['gold'] }),
    product({ id: 'chakra', title: '7 Chakra Bracelet', productType: 'Bracelet', variants: [[42, true, { Color: 'Blue' }], [42, true, { Color: 'Black' }]] }),
    product({ id: 'earrings', title: 'Elephant Earrings', productType: 'Earrings', description: 'Cute earrings with opal ear detail and 14k gold hooks.' }),
    product({ id: 'table', title: 'Outdoor Table', productType: 'Table', tags: ['wood'] }),
    product({ id: 'pot', title: 'White Ceramic Pot', productType: 'Pot' }),
    product({ id: 'azulejo', title: 'Azulejo Tile Coaster', productType: 'Coaster' }),
    product({ id: 'collar-azul', title: 'Collar Azul Cielo', productType: 'Necklace' }),
  ];
  const index = CatalogIndex.build(SHOP);
  const search = (query: string, more: Partial<Parameters<typeof planCatalogSearch>[0]> = {}) =>
    localSearchPage('shop', index, planCatalogSearch({ query, currency: 'USD', limit: 20, ...more }), {}, memo().memo);
  const ids = (query: string) => search(query).products.map((p) => p.id);

  it('finds for a Spanish colour what its English name finds, satisfied (never "nothing fits")', () => {
    for (const [es, en] of [['azul', 'blue'], ['dorado', 'gold'], ['de oro', 'gold'], ['plateado', 'silver']] as const) {
      const got = search(es);
      assert.deepEqual(new Set(got.products.map((p) => p.id)), new Set(ids(en)), `${es} = ${en}`);
      assert.ok(got.products.length > 0, es);
      assert.deepEqual(got.constraints, { satisfied: true }, es);
    }
  });

  it('finds a product whose colour only a variant option says, after the products whose words say it', () => {
    // The Spanish title says it in words too ("azul", the English query's Spanish form: spanishSearchTerms.ts).
    assert.deepEqual(ids('blue'), ['blue-necklace', 'collar-azul', 'chakra'], 'a Spanish title shows its colour too');
    assert.deepEqual(ids('azul').slice(0, 1), ['collar-azul'], 'a Spanish title still matches the word itself, first');
    assert.ok(ids('azul').includes('chakra'));
    assert.deepEqual(ids('blue necklace'), ['blue-necklace', 'collar-azul'], 'the colour candidates are held to the category');
  });

  it('finds for a Spanish material what its English name finds', () => {
    assert.deepEqual(ids('madera'), ids('wood'));
    assert.deepEqual(ids('madera'), ['table']);
    assert.deepEqual(ids('cerámica'), ['pot']);
    assert.deepEqual(ids('oro'), ids('gold'));
  });

  it('finds a word only a description has, after every title or tag match', () => {
    assert.deepEqual(ids('opal'), ['earrings']);
    assert.deepEqual(ids('ópalo'), ['earrings']);
    assert.deepEqual(ids('14k'), ['earrings']);
    assert.deepEqual(ids('ceramic opal'), ['pot', 'earrings']);
    // Opal is a stone asked for, held with the colour: no product is both gold and opal (the hooks are no
    // gold product), so the page says so and shows the closest of each.
    const goldOpal = search('gold opal');
    assert.deepEqual(goldOpal.products.map((p) => p.id), ['gold-necklace', 'earrings']);
    assert.equal(goldOpal.constraints.satisfied, false);
    assert.deepEqual(search('opal', { price: { max: 5 } }).products, [], 'held to the price range as the rest');
  });

  it('expands no word that is not a colour or material (near misses)', () => {
    assert.deepEqual(ids('azulejo'), ['azulejo']);
    assert.deepEqual(ids('crema para la piel'), []);
    assert.deepEqual(ids('gemstone'), ['blue-necklace']);
  });
});

describe('localSearchPage: a colour or size the query wishes for prices the variant that has it', () => {
  // Gold 69.99, Silver 55: "gold bracelet under 60" is not met by the silver's price.
  const BRACELETS: Product[] = [
    product({ id: 'anchor', title: 'Anchor Bracelet', productType: 'Bracelet', tags: ['Gold', 'Silver'], variants: [[69.99, true, { color: 'Gold' }], [55, true, { color: 'Silver' }]] }),
    product({ id: 'bangle', title: 'Gold Bangle Bracelet', productType: 'Bracelet', price: 39.99 }),
    product({ id: 'cuff', title: 'Cuff Bracelet', productType: 'Bracelet', variants: [[80, true, { size: 'L' }], [45, true, { size: 'S' }]] }),
  ];
  const search = (query: string, price?: { min?: number; max?: number }, pricing: LocalPricing = {}, currency = 'USD') =>
    localSearchPage('bracelets.myshopify.com', CatalogIndex.build(BRACELETS), planCatalogSearch({ query, ...(price ? { price } : {}), currency, limit: 10 }), pricing, memo().memo);

  it("holds the range to the wished variant's price, either way, as the query's budget or a given range", () => {
    assert.deepEqual(search('gold bracelet under 60').products.map((p) => p.id), ['bangle']);
    assert.deepEqual(search('gold bracelet', { max: 60 }).products.map((p) => p.id), ['bangle']);
    assert.deepEqual(search('gold bracelet over 60').products.map((p) => p.id), ['anchor']);
    assert.deepEqual(search('silver bracelet under 60').products.map((p) => p.id), ['anchor']);
    assert.deepEqual(search('bracelet in L', { max: 60 }).products.map((p) => p.id).sort(), ['anchor', 'bangle']);
  });

  it('prices as before when the query wishes for nothing the options offer (near misses)', () => {
    assert.deepEqual(search('bracelet under 60').products.map((p) => p.id).sort(), ['anchor', 'bangle', 'cuff']);
    // A floor picks the variants above it: the cuff for its L at 80 (its S at 45 is under it), not the 39.99 bangle.
    assert.deepEqual(search('bracelet over 50').products.map((p) => p.id).sort(), ['anchor', 'cuff']);
    // A colour said of one compared option only is no wish of the options: the anchor at its silver's 55.
    assert.ok(search('the gold bracelet or the leather one?', { max: 60 }).products.some((p) => p.id === 'anchor'));
  });

  it("converts the wished variant's price with the market's rate (an estimate) and leaves a price no rate converts unchecked", () => {
    const inDe = search('gold bracelet', { max: 30 }, { market: DE, rate }, 'EUR');
    // 0.5 EUR per USD: the gold anchor is 35 EUR (out), the bangle 20 EUR (in).
    assert.deepEqual(inDe.products.map((p) => p.id), ['bangle']);
    assert.deepEqual(inDe.priceCheck, { currency: 'EUR', estimated: [{ id: 'bangle', currency: 'USD' }], unchecked: [] });
    const noRate = search('gold bracelet', { max: 30 }, {}, 'EUR');
    assert.deepEqual(noRate.priceCheck?.unchecked.map((u) => u.id).sort(), ['anchor', 'bangle']);
  });
});

describe('a search for products on sale', () => {
  const catalog = [
    product({ id: 'wool', title: 'Wool Scarf', productType: 'Scarves', price: 30, compareAt: 45 }),
    product({ id: 'silk', title: 'Silk Scarf', productType: 'Scarves', price: 50 }),
    product({ id: 'hat', title: 'Knit Hat', productType: 'Hats', price: 20, compareAt: 25 }),
  ];
  const index = CatalogIndex.build(catalog);
  const search = (query: string) => localSearchPage('sale.myshopify.com', index, planCatalogSearch({ query, currency: 'USD', limit: 10 }), {}, new MatchMemo<MatchList>({ entries: 10, ids: 1000 }, (l) => l.docs.length));
  it('"anything on sale": every product on sale, though no word of the query names one', () => {
    const r = search('anything on sale');
    assert.deepEqual([r.products.map((p) => p.id).sort(), r.constraints], [['hat', 'wool'], { satisfied: true }]);
  });
  it('"scarves on sale": the scarf on sale; "silk scarf on sale", none on sale: the silk scarf, said not to be', () => {
    assert.deepEqual(search('scarves on sale').products.map((p) => p.id), ['wool']);
    const none = search('silk scarf on sale');
    assert.deepEqual([none.products.map((p) => p.id), none.constraints.relaxed], [['silk'], ['sale']]);
  });
});

describe('localSearchPage: a price preference orders the results by price', () => {
  const NECKLACES: Product[] = [
    product({ id: 'dainty', title: 'Dainty Gold Necklace', productType: 'Necklace', price: 63.99 }),
    product({ id: 'threader', title: 'Silver Threader Necklace', productType: 'Necklace', price: 14.99 }),
    product({ id: 'gemstone', title: 'Gemstone Necklace', productType: 'Necklace', price: 27.99 }),
  ];
  const ids = (query: string) => localSearchPage('n.myshopify.com', CatalogIndex.build(NECKLACES), planCatalogSearch({ query, currency: 'USD', limit: 10 }), {}, memo().memo).products.map((p) => p.id);

  it('"cheap necklace" and "collar barato": cheapest first; "the most expensive necklace": dearest first (before, the same order as "necklace")', () => {
    assert.deepEqual(ids('cheap necklace'), ['threader', 'gemstone', 'dainty']);
    assert.deepEqual(ids('collar barato'), ['threader', 'gemstone', 'dainty']);
    assert.deepEqual(ids('the most expensive necklace'), ['dainty', 'gemstone', 'threader']);
  });
});
