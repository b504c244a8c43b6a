import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { compileVocabulary } from '../intent/catalogVocabulary.ts';
import { extractEntities } from '../intent/entities.ts';
import type { Intent, IntentEntities, IntentLanguage } from '../intent/types.ts';
import { clearedByText } from '../intent/turns.ts';
import { vocabularyFromProducts } from '../intent/vocabularyFromCatalog.ts';
import { DEFAULT_MARKETS, type Market } from '../markets/market.ts';
import type { RecommendedItem } from '../recommend/baseRecommender.ts';
import { emptyIntent, intentFromInput } from './intentInput.ts';
import { forShownItems } from './constraints.ts';
import { personalizeList, type PersonalizeInput } from './personalize.ts';
import { temporalContext } from './seasonal.ts';
import { mergeIntent, type SessionContext } from './sessionContext.ts';

const NOW = Date.UTC(2025, 0, 15, 12);
// A jewellery shop like the Shopify sample export: earrings and necklaces between 14.99 and 79.99.
const index = CatalogIndex.build([
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Silver'], price: 37.99 }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'], price: 54.99 }),
  product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', tags: ['Silver'], price: 19.99 }),
  product({ id: 'boho', title: 'Boho Earrings', productType: 'Earrings', tags: ['Silver'], price: 27.99 }),
  product({ id: 'crane', title: 'Origami Crane Necklace', productType: 'Necklace', tags: ['Silver'], price: 75.99 }),
  product({ id: 'threader', title: 'Silver Threader Necklace', productType: 'Necklace', tags: ['Silver'], price: 14.99 }),
  product({ id: 'bird', title: 'Gold Bird Necklace', productType: 'Necklace', tags: ['Gold'], price: 79.99 }),
  product({ id: 'twin', title: 'Galaxy Studs', productType: 'Earrings', tags: ['Silver'], price: 37.99 }),
  product({ id: 'soldout', title: 'Moon Earrings', productType: 'Earrings', variants: [[44.99, false]] }),
]);
const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
// The base list as a product page gives it: similar products, dearest first (not the price order).
const BASE: RecommendedItem[] = ['crane', 'elephant', 'bird', 'boho', 'angel', 'galaxy', 'twin', 'threader'].map((productId, i) => ({ productId, score: 1 - i * 0.05, reasons: [{ source: 'popular', score: 1 - i * 0.05 }] }));

function intentOf(text: string, lang: IntentLanguage = 'en'): Intent {
  const b = emptyIntent(lang);
  return { ...b, type: 'comparison_shopping', entities: extractEntities(text, lang, { vocabulary }) };
}

function ask(intent: Intent, over: Partial<PersonalizeInput> = {}) {
  const exclude = new Set(over.productId ? [over.productId] : []);
  return personalizeList({ base: BASE, intent, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 10, now: NOW, exclude, ...over });
}

const priceOf = (id: string): number => (index.priceMajor(id) as number);

describe('"cheaper than that" holds the list below the product discussed', () => {
  for (const [text, lang] of [
    ['cheaper than that', 'en'],
    ['do you have something cheaper?', 'en'],
    ['anything less expensive?', 'en'],
    ['algo más barato que ese', 'es'],
    ['¿tienes uno más económico?', 'es'],
  ] as const) {
    it(`"${text}" about the Galaxy Earrings (37.99): only products below 37.99, earrings first, the nearest its price first, and each says why`, () => {
      const list = ask(intentOf(text, lang), { productId: 'galaxy' });
      assert.ok(list.items.length > 0);
      for (const item of list.items) assert.ok(priceOf(item.productId) < 37.99, `${item.productId} at ${priceOf(item.productId)}`);
      assert.ok(!list.items.some((i) => i.productId === 'twin'), 'the same price is not cheaper');
      assert.deepEqual(list.constraints, { satisfied: true });
      // Of the compared product's kind first (a preference: the cheaper necklace still shows), each kind the
      // step nearest the compared price first: a cheaper one, not the cheapest.
      assert.deepEqual(list.items.map((i) => i.productId), ['boho', 'angel', 'threader'], JSON.stringify(list.items.map((i) => [i.productId, i.score])));
      const reason = list.items[0]?.reasons.find((r) => 'detail' in r);
      assert.deepEqual(reason && 'detail' in reason ? reason.detail : undefined, 'Cheaper than Galaxy Earrings (37.99 USD), as asked');
    });
  }

  it("in an Argentine market with a rate, the product's price is said in pesos too (held in its own currency)", () => {
    const rate = (from: string, to: string) => (from === 'USD' && to === 'ARS' ? 1000 : undefined);
    const list = ask(intentOf('algo más barato que ese', 'es'), { productId: 'galaxy', currency: 'ARS', rate });
    assert.deepEqual(list.items.map((i) => i.productId), ['boho', 'angel', 'threader']);
    const reason = list.items[0]?.reasons.find((r) => 'detail' in r);
    assert.equal(reason && 'detail' in reason ? reason.detail : undefined, 'Cheaper than Galaxy Earrings (37.99 USD ≈ 37990.00 ARS), as asked');
  });

  it('a step from the product: "a bit dearer" and "algo más caro" nearest its price first; "much cheaper", "way more expensive" and "mucho más barato" the far end first', () => {
    const order = (text: string, lang: IntentLanguage, productId: string) => ask(intentOf(text, lang), { productId }).items.map((i) => i.productId);
    // Above the Boho Earrings (27.99): the Galaxy pair (37.99) before the Gold Elephant (54.99), then the necklaces.
    assert.deepEqual(order('a bit dearer', 'en', 'boho'), ['galaxy', 'twin', 'elephant', 'crane', 'bird'], 'each kind by its step from 27.99, whatever the base list says');
    assert.deepEqual(order('algo más caro', 'es', 'boho').slice(0, 3), ['galaxy', 'twin', 'elephant']);
    assert.deepEqual(order('way more expensive than that', 'en', 'boho')[0], 'elephant');
    // Below the Gold Elephant Earrings (54.99): the Galaxy pair first for "cheaper", the Guardian Angel (19.99) for "much cheaper".
    assert.deepEqual(order('something cheaper', 'en', 'elephant').slice(0, 2).sort(), ['galaxy', 'twin']);
    assert.deepEqual(order('much cheaper please', 'en', 'elephant'), ['angel', 'boho', 'galaxy', 'twin', 'threader'], 'the earrings cheapest first, then the cheaper necklace');
    assert.deepEqual(order('algo mucho más barato', 'es', 'elephant')[0], 'angel');
    // However strongly the behaviour prefers another: the best-seller at 54.99 after the nearer 37.99 pairs.
    const skewed: RecommendedItem[] = ['elephant', 'bird', 'crane', 'galaxy', 'twin'].map((productId, i) => ({ productId, score: i === 0 ? 1 : 0.01, reasons: [{ source: 'popular', score: i === 0 ? 1 : 0.01 }] }));
    assert.deepEqual(ask(intentOf('a bit dearer'), { productId: 'boho', base: skewed }).items.map((i) => i.productId), ['galaxy', 'twin', 'elephant', 'crane', 'bird']);
    assert.equal(intentOf('much cheaper please').entities.priceFar, true);
    assert.equal(intentOf('a bit cheaper').entities.priceFar, undefined);
  });

  it('says so when the shop has nothing cheaper than the product discussed, and names it', () => {
    const list = ask(intentOf('anything cheaper than this one?'), { productId: 'threader' });
    assert.equal(list.constraints.satisfied, false);
    assert.deepEqual(list.constraints.relaxed, ['budget']);
    assert.equal(
      list.constraints.reason,
      'Nothing in this shop matches everything asked for (cheaper than Silver Threader Necklace at 14.99 USD). The closest products are shown, but they are not cheaper than Silver Threader Necklace at 14.99 USD.',
    );
    assert.ok(!list.items.some((i) => i.reasons.some((r) => 'detail' in r)), 'no item claims to be cheaper');
    assert.ok(!list.items.some((i) => i.reasons.some((r) => 'term' in r && r.term === 'lower price')), 'nor to have a lower price');
  });

  it('"more expensive than that" / "más caro que ese": only products above it', () => {
    for (const [text, lang] of [['something more expensive than that', 'en'], ['algo más caro que ese', 'es']] as const) {
      const list = ask(intentOf(text, lang), { productId: 'galaxy' });
      assert.deepEqual(list.items.map((i) => i.productId).sort(), ['bird', 'crane', 'elephant'], text);
      assert.match(String(list.items[0]?.reasons.map((r) => ('detail' in r ? r.detail : '')).join('')), /More expensive than Galaxy Earrings \(37\.99 USD\)/);
    }
    const top = ask(intentOf('more expensive than this one'), { productId: 'bird' });
    assert.match(String(top.constraints.reason), /not more expensive than Gold Bird Necklace at 79\.99 USD/);
  });

  it('a number in the same text wins: "cheaper, under 20" is a budget of 20', () => {
    const list = ask(intentOf('cheaper than that, under 20'), { productId: 'galaxy' });
    assert.deepEqual(list.items.map((i) => i.productId).sort(), ['angel', 'threader']);
    assert.deepEqual(list.constraints, { satisfied: true });
  });

  it('without a product in the request it only orders (the low preference): nothing is left out', () => {
    const list = ask(intentOf('something cheaper'));
    assert.ok(list.items.some((i) => priceOf(i.productId) > 50));
    assert.equal(list.items[0]?.productId, 'threader');
  });

  it('near misses do not cap: a competitor, a question whether it is cheaper, a superlative, a negation, no comparative', () => {
    for (const text of ['cheaper than Amazon?', 'is this cheaper than the gold one?', 'the cheapest earrings', 'not cheaper, better quality', 'cheap earrings']) {
      const e = intentOf(text).entities;
      assert.equal(e.priceRelative, undefined, text);
      const list = ask(intentOf(text), { productId: 'galaxy' });
      assert.ok(!list.items.some((i) => i.reasons.some((r) => 'detail' in r)), text);
    }
    const list = ask(intentOf('cheaper than Amazon?'), { productId: 'galaxy' });
    assert.ok(list.items.some((i) => priceOf(i.productId) > 37.99));
  });

  it("the product's price is the one a budget is held to: its market's price list", () => {
    const eu: Market = DEFAULT_MARKETS.markets[1] as Market;
    const listed = CatalogIndex.build([
      { ...product({ id: 'a', title: 'Anchor Ring', productType: 'Rings', price: 50 }), marketPrices: { [eu.handle]: { price: '40.00' } } },
      { ...product({ id: 'b', title: 'Band Ring', productType: 'Rings', price: 45 }), marketPrices: { [eu.handle]: { price: '42.00' } } },
      { ...product({ id: 'c', title: 'Coil Ring', productType: 'Rings', price: 60 }), marketPrices: { [eu.handle]: { price: '39.00' } } },
    ]);
    const base = ['a', 'b', 'c'].map((productId) => ({ productId, score: 1, reasons: [] }));
    const list = personalizeList({ base, intent: intentOf('cheaper than that'), catalog: listed, temporal: temporalContext(NOW, 'US'), limit: 5, now: NOW, productId: 'a', exclude: new Set(['a']), market: eu, currency: eu.currency });
    assert.deepEqual(list.items.map((i) => i.productId), ['c'], 'below 40.00 EUR: the coil ring at 39.00 EUR, not the band ring at 42.00 EUR (45 USD)');
  });

  it('a sold-out product discussed is held to its cheapest variant', () => {
    const list = ask(intentOf('cheaper than that'), { productId: 'soldout' });
    assert.ok(list.items.every((i) => priceOf(i.productId) < 44.99));
    assert.ok(list.items.some((i) => i.productId === 'galaxy'));
  });
});

describe('the conversation remembers it like a budget', () => {
  const KEY = { shop: 's', sessionId: 'conv-j5' };
  const say = (prev: SessionContext | undefined, text: string, productId: string | undefined, at: number) => {
    const turn = intentOf(text);
    const cleared = clearedByText(text, turn.entities.budget);
    return mergeIntent(prev, turn, NOW + at, KEY, { ...(productId ? { productId } : {}), ...(cleared.length > 0 ? { cleared } : {}) });
  };
  const shown = (s: SessionContext, productId?: string) => ask(s.intent, productId ? { productId } : {}).items.map((i) => i.productId);

  it('holds it to the product it was said of on later turns without one, re-anchors on another product, and "forget the budget" clears it', () => {
    let s = say(undefined, 'earrings, something cheaper than that', 'elephant', 0);
    assert.deepEqual([s.intent.entities.priceRelative, s.intent.entities.priceAnchor], ['below', 'elephant']);
    s = say(s, 'in silver?', undefined, 60_000);
    assert.deepEqual([s.intent.entities.priceRelative, s.intent.entities.priceAnchor], ['below', 'elephant']);
    assert.ok(!shown(s).includes('elephant'), 'the product it was said of is not cheaper than itself');
    assert.ok(shown(s).every((id) => priceOf(id) < 54.99));
    s = say(s, 'show me more', 'galaxy', 120_000);
    assert.equal(s.intent.entities.priceAnchor, 'galaxy');
    assert.ok(shown(s, 'galaxy').every((id) => priceOf(id) < 37.99), 'held to the product this turn is about');
    s = say(s, 'forget the budget', undefined, 180_000);
    assert.equal(s.intent.entities.priceRelative, undefined);
    assert.equal(s.intent.entities.priceAnchor, undefined);
  });

  it('a choice ends it: "me lo quedo" about another product is no "cheaper than" that product', () => {
    let s = say(undefined, 'necklaces, something much cheaper than that', 'bird', 0);
    assert.equal(s.intent.entities.priceRelative, 'below');
    s = say(s, 'me lo quedo', 'threader', 60_000);
    assert.deepEqual([s.intent.entities.priceRelative, s.intent.entities.priceAnchor], [undefined, undefined]);
    const list = ask(s.intent, { productId: 'threader' });
    assert.ok(!/cheaper than/i.test(list.constraints.reason ?? ''), JSON.stringify(list.constraints));
  });

  it('a number said later replaces it; a new search leaves it behind', () => {
    let s = say(undefined, 'cheaper than that', 'galaxy', 0);
    s = say(s, 'under 30 then', undefined, 60_000);
    assert.equal(s.intent.entities.priceRelative, undefined);
    assert.equal(s.intent.entities.budget?.max, 30);
    let t = say(undefined, 'earrings cheaper than these', 'galaxy', 0);
    t = say(t, 'now a necklace', undefined, 60_000);
    assert.equal(t.intent.entities.priceRelative, undefined);
  });

  it('a budget said earlier with a number holds too: the tighter of the two', () => {
    let s = say(undefined, 'earrings under 30', undefined, 0);
    s = say(s, 'something cheaper than that', 'galaxy', 60_000);
    assert.deepEqual([s.intent.entities.budget?.max, s.intent.entities.priceRelative], [30, 'below']);
    assert.deepEqual(shown(s, 'galaxy').sort(), ['angel', 'boho']);
    s = say(undefined, 'earrings under 20', undefined, 0);
    s = say(s, 'something cheaper than that', 'galaxy', 60_000);
    const list = ask(s.intent, { productId: 'galaxy' });
    assert.deepEqual(list.items.map((i) => i.productId), ['angel']);
  });

  it('"earrings up to 30 euros", then "cheaper than that" of 37.99 USD earrings: with a rate the budget holds too; without one the answer says it was not checked (it said satisfied)', () => {
    let s = say(undefined, 'earrings up to 30 euros', undefined, 0);
    s = say(s, 'something cheaper than that', 'galaxy', 60_000);
    const rate = (from: string, to: string) => (from === 'EUR' && to === 'USD' ? 1.1 : undefined);
    // 30 EUR is 33 USD: the Boho Earrings at 27.99 and the Guardian Angel at 19.99, not the 37.99 twin.
    const held = ask(s.intent, { productId: 'galaxy', currency: 'USD', rate });
    assert.deepEqual(held.items.map((i) => i.productId).filter((id) => priceOf(id) > 33), []);
    assert.deepEqual(held.constraints, { satisfied: true });
    const unrated = ask(s.intent, { productId: 'galaxy', currency: 'USD' });
    assert.ok(unrated.items.length > 0);
    assert.deepEqual([unrated.constraints.satisfied, unrated.constraints.unchecked], [false, ['budget']]);
    assert.match(unrated.constraints.reason ?? '', /not checked against the budget \(up to 30 EUR\): their prices are in USD and no exchange rate to EUR is known/);
    // An agent shown fewer of the items (MCP answers only the available ones) is told the same.
    assert.deepEqual(forShownItems(unrated.constraints, unrated.items.slice(0, 1)).unchecked, ['budget']);
  });
});

describe('an agent states it as structured intent', () => {
  it('priceRelative holds the list below the product of the request, over a text that says nothing of it', () => {
    const stated = intentFromInput({ priceRelative: 'below' }, intentOf('earrings please'));
    assert.equal(stated.entities.priceRelative, 'below');
    const list = ask(stated, { productId: 'galaxy' });
    assert.deepEqual(list.items.map((i) => i.productId).sort(), ['angel', 'boho']);
  });

  it("a budget with a number the agent states replaces the text's comparative", () => {
    const stated = intentFromInput({ budget: { max: 60 } }, intentOf('cheaper than that'));
    assert.equal(stated.entities.priceRelative, undefined);
    const kept = intentFromInput({ categories: ['Earrings'] }, intentOf('cheaper than that'));
    assert.equal(kept.entities.priceRelative, 'below');
  });

  it('the entities carry it only when no number was given', () => {
    const e = (text: string): IntentEntities => extractEntities(text, 'en');
    assert.equal(e('cheaper than that').priceRelative, 'below');
    assert.equal(e('cheaper than that').pricePreference, 'low');
    assert.equal(e('cheaper than that, under 20').priceRelative, undefined);
    assert.equal(e('cheaper than that, under 20').budget?.max, 20);
    assert.equal(extractEntities('más caro que ese', 'es').priceRelative, 'above');
  });
});

describe('with a budget said with a number, nothing meets both', () => {
  it('names both in the reason: the number and the product', () => {
    const e = { ...intentOf('something cheaper than that').entities, budget: { max: 10, text: 'under 10' } };
    const list = ask({ ...intentOf('something cheaper than that'), entities: e }, { productId: 'galaxy' });
    assert.equal(list.constraints.satisfied, false);
    assert.equal(
      list.constraints.reason,
      'Nothing in this shop matches everything asked for (up to 10 USD, cheaper than Galaxy Earrings at 37.99 USD). The closest products are shown, but they are outside the budget (up to 10 USD) or not cheaper than Galaxy Earrings at 37.99 USD.',
    );
  });

  it('nothing cheaper, but something within the number: the list keeps to the number and says only what it misses', () => {
    // "necklaces under 20", then "anything cheaper?" of the 14.99 Silver Threader: nothing is cheaper.
    const e = { ...intentOf('anything cheaper than this one?').entities, budget: { max: 20, currency: 'USD', text: 'under 20 dollars' } };
    const list = ask({ ...intentOf('anything cheaper than this one?'), entities: e }, { productId: 'threader' });
    assert.deepEqual(list.items.map((i) => i.productId), ['angel'], 'the 19.99 earrings; nothing dearer than 20');
    assert.deepEqual([list.constraints.satisfied, list.constraints.relaxed], [false, ['budget']]);
    assert.equal(
      list.constraints.reason,
      'Nothing in this shop matches everything asked for (up to 20 USD, cheaper than Silver Threader Necklace at 14.99 USD). The closest products are shown, but they are not cheaper than Silver Threader Necklace at 14.99 USD.',
    );
  });

  it('"at least 60", then "cheaper than that" of a 75.99 necklace: the floor gives way, never the dearer products', () => {
    const e = { ...intentOf('something cheaper than that').entities, budget: { min: 60, currency: 'USD', text: 'at least 60' } };
    const list = ask({ ...intentOf('something cheaper than that'), entities: e }, { productId: 'crane' });
    assert.ok(list.items.length > 0);
    for (const item of list.items) assert.ok(priceOf(item.productId) < 75.99, `${item.productId} at ${priceOf(item.productId)}`);
    assert.match(list.constraints.reason ?? '', /The closest products are shown, but they are outside the budget \(from 60 USD\)\.$/);
  });

  it('"under 25", then "more expensive than this" of the 19.99 earrings: dearer ones over the cap, said so (not cheaper ones)', () => {
    const e = { ...intentOf('something more expensive than this').entities, budget: { max: 25, currency: 'USD', text: 'under 25' } };
    const list = ask({ ...intentOf('something more expensive than this'), entities: e }, { productId: 'angel' });
    assert.ok(list.items.length > 0);
    for (const item of list.items) assert.ok(priceOf(item.productId) > 19.99, `${item.productId} at ${priceOf(item.productId)}`);
    assert.match(list.constraints.reason ?? '', /outside the budget \(up to 25 USD\)\.$/);
  });
});
