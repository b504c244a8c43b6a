/**
 * Conversations that compare products by name, speak of the two compared, ask for several kinds
 * together, ask for something matching, or for something cheaper after one product was shown
 * (comparedPair.ts, askedKinds.ts, intent/turns.ts, sessionContext.ts, personalize.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import { compileVocabulary } from '../../core/intent/catalogVocabulary.ts';
import { extractEntities } from '../../core/intent/entities.ts';
import type { ClassifyContext, Intent } from '../../core/intent/types.ts';
import { emptyIntent } from '../../core/personalize/intentInput.ts';
import type { UserEventStore } from '../../core/ports.ts';
import type { BaseRecommender, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { product } from '../../testing/productFixture.ts';
import { MCPAwareRecommender } from './personalizedRecommender.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'compare.myshopify.com';

/** Reads entities as the local classifier does (Spanish when the words say so), with the shop's vocabulary. */
const classifier = {
  classify(text: string, ctx?: ClassifyContext): Intent {
    const lang = /[¿¡ñáéíóú]|\b(?:el|la|los|las|una|unos|que|y|de)\b/iu.test(text) ? 'es' : 'en';
    const vocabulary = ctx?.taxonomy ? compileVocabulary(ctx.taxonomy) : undefined;
    return { ...emptyIntent(), type: 'browsing', language: lang, entities: extractEntities(text, lang, vocabulary ? { vocabulary } : {}) };
  },
};

function layer(products: Product[]): MCPAwareRecommender {
  // A new shop's base: its catalog, as fillers.
  const base: BaseRecommender = {
    name: 'stub',
    recommend: async () => [],
    recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map(() => products.map((p, i) => ({ productId: p.id, score: 1 / (i + 1), reasons: [{ source: 'catalog', score: 1 / (i + 1) }] }))),
  };
  const catalog = { index: CatalogIndex.build(products), identity: ProductIdentity.build(products) };
  return new MCPAwareRecommender({
    base,
    catalogs: { get: () => catalog },
    store: { getProfiles: async (_s: string, ids: readonly string[]) => ids.map(() => undefined) } as Pick<UserEventStore, 'getProfiles'>,
    profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 },
    classifier,
  });
}

async function talk(l: MCPAwareRecommender, sessionId: string, ...turns: (string | { text: string; productId: string })[]) {
  let last;
  for (const t of turns) last = await l.personalize({ shop: SHOP, limit: 5, sessionId, ...(typeof t === 'string' ? { text: t } : t) }, NOW);
  return last as NonNullable<typeof last>;
}
const ids = (r: { items: readonly { productId: string }[] }) => r.items.map((i) => i.productId);

const sized = (id: string, title: string, price: number, sizes: string[]) => product({ id, title, productType: 'Tops', variants: sizes.map((s) => [price, true, { Size: s }] as const) });
const APPAREL = [
  sized('varsity', 'Classic Varsity Top', 60, ['S', 'M', 'L']),
  sized('red-tee', 'Red Sports Tee', 50, ['S']),
  sized('floral', 'Floral White Top', 75, ['L']),
];
const HOME = [
  product({ id: 'yellow-sofa', title: 'Yellow Sofa', productType: 'Indoor', price: 99.99, currency: 'EUR' }),
  product({ id: 'grey-sofa', title: 'Grey Sofa', productType: 'Indoor', price: 29.99, currency: 'EUR' }),
  product({ id: 'cream-sofa', title: 'Cream Sofa', productType: 'Indoor', price: 500, currency: 'EUR' }),
  product({ id: 'can', title: 'Yellow watering can', productType: 'Outdoor', tags: ['plants'], price: 40.99, currency: 'EUR' }),
  product({ id: 'pot', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['plants'], price: 9.99, currency: 'EUR' }),
  product({ id: 'bedside', title: 'Bedside Table', productType: 'Indoor', price: 69.99, currency: 'EUR' }),
];
const JEWELLERY = [
  product({ id: 'boho-bangle', title: 'Boho Bangle Bracelet', productType: 'Bracelet', price: 42.99 }),
  product({ id: 'moon', title: 'Moon Charm Bracelet', productType: 'Bracelet', price: 47.99 }),
  product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet', price: 39.99 }),
  product({ id: 'silver-studs', title: 'Silver Studs', productType: 'Earrings', tags: ['silver'], price: 20 }),
  product({ id: 'gold-hoops', title: 'Gold Hoops', productType: 'Earrings', tags: ['gold'], price: 25 }),
  product({ id: 'gold-chain', title: 'Gold Chain Necklace', productType: 'Necklace', tags: ['gold'], price: 30 }),
  product({ id: 'silver-chain', title: 'Silver Chain Necklace', productType: 'Necklace', tags: ['silver'], price: 35 }),
];

describe('comparing two products by name while a remembered constraint rules them out', () => {
  it('shows both, first, each with a note of what it misses; their titles are no wishes; not satisfied', async () => {
    const r = await talk(layer(APPAREL), 'a', 'a top in size M for my girlfriend', 'which is better for summer, the Red Sports Tee or the Floral White Top?');
    assert.deepEqual(ids(r).slice(0, 2), ['red-tee', 'floral']);
    assert.deepEqual([r.intent?.entities.colours, r.intent?.entities.sizes], [[], ['M']], 'no "red" from the title; the size is still asked');
    assert.equal(r.constraints.satisfied, false);
    assert.deepEqual(r.constraints.relaxed, ['size']);
    assert.match(r.constraints.reason ?? '', /Red Sports Tee and Floral White Top are not available in size M/);
    for (const it of r.items.slice(0, 2)) assert.ok(it.reasons.some((x) => x.source === 'constraint' && 'detail' in x && /size M/.test(String(x.detail))), it.productId);
    assert.deepEqual(ids(r).slice(2), ['varsity'], 'the others shown meet everything asked');
  });

  it('"the cream sofa or the grey one?": both shown, and "grey" names one of them: no wish the other is said to miss', async () => {
    const r = await talk(layer(HOME), 'g', "what's better for a small living room, the cream sofa or the grey one?");
    assert.deepEqual(ids(r).slice(0, 2), ['cream-sofa', 'grey-sofa']);
    assert.deepEqual(r.intent?.entities.colours, []);
    assert.equal(r.constraints.satisfied, true, r.constraints.reason);
  });

  it('a budget: the one outside it is shown too, and said to be outside', async () => {
    const r = await talk(layer(HOME), 'b', 'sofa between 80 and 120 euros', 'the yellow sofa or the grey sofa?');
    assert.deepEqual(ids(r), ['yellow-sofa', 'grey-sofa']);
    assert.match(r.constraints.reason ?? '', /Grey Sofa is outside the budget \(between 80 and 120 EUR\)/);
  });

  it('"the cheaper of the two" / "la más barata de las dos" is the cheaper of those two only', async () => {
    const l = layer(JEWELLERY);
    const en = await talk(l, 'c', 'compare the Boho Bangle Bracelet and the Moon Charm Bracelet', 'the cheaper of the two');
    assert.deepEqual(ids(en), ['boho-bangle'], 'not the Bangle Bracelet, cheaper but not compared');
    const es = await talk(l, 'd', '¿qué es mejor, el Boho Bangle Bracelet o el Moon Charm Bracelet?', 'la más barata de las dos');
    assert.deepEqual(ids(es), ['boho-bangle']);
    const dear = await talk(l, 'e', 'the Moon Charm Bracelet or the Boho Bangle Bracelet?', 'which of the two is more expensive?');
    assert.deepEqual(ids(dear), ['moon']);
  });

  it('"which is cheaper?", "and the more expensive one?", "¿cuál es la más barata?" right after a comparison pick from the two', async () => {
    const l = layer(JEWELLERY);
    await talk(l, 'w1', 'compare the Boho Bangle Bracelet and the Moon Charm Bracelet');
    assert.deepEqual(ids(await talk(l, 'w1', 'which is cheaper?')), ['boho-bangle'], 'the cheaper of the two, not the shop\'s cheapest');
    assert.deepEqual(ids(await talk(l, 'w1', 'and the more expensive one?')), ['moon']);
    await talk(l, 'w2', '¿qué es mejor, el Boho Bangle Bracelet o el Moon Charm Bracelet?');
    assert.deepEqual(ids(await talk(l, 'w2', '¿y cuál es la más cara?')), ['moon']);
    await talk(l, 'w5', "I'm deciding between the Moon Charm Bracelet and the Boho Bangle Bracelet");
    assert.deepEqual(ids(await talk(l, 'w5', 'which one is cheaper?')), ['boho-bangle']);
  });

  it('near miss: after a comparison, "something cheaper", or a choice naming another kind, is a new wish, not a pick of the two', async () => {
    const l = layer(JEWELLERY);
    await talk(l, 'w3', 'compare the Boho Bangle Bracelet and the Moon Charm Bracelet');
    assert.ok(ids(await talk(l, 'w3', 'something cheaper')).length > 1);
    await talk(l, 'w4', 'compare the Boho Bangle Bracelet and the Moon Charm Bracelet');
    const rings = await talk(l, 'w4', 'which earrings are cheaper?');
    assert.ok(ids(rings).length > 1, JSON.stringify(ids(rings)));
  });

  it('"the cheaper of the two" of two at the same price shows both, said to cost the same', async () => {
    const SHIRTS = [
      product({ id: 'ocean', title: 'Ocean Blue Shirt', productType: 'Shirts', price: 50 }),
      product({ id: 'chequered', title: 'Chequered Red Shirt', productType: 'Shirts', price: 50 }),
      product({ id: 'white', title: 'White Cotton Shirt', productType: 'Shirts', price: 30 }),
    ];
    const r = await talk(layer(SHIRTS), 'sp', 'ocean blue shirt vs chequered red shirt, which one is warmer?', 'ok the cheaper of the two');
    assert.deepEqual(ids(r).sort(), ['chequered', 'ocean'], 'both, not one of them as "cheaper", nor the shop\'s cheapest');
    const first = r.items[0]?.reasons[0] as { term?: string; detail?: string } | undefined;
    assert.equal(first?.term, 'same price');
    assert.match(first?.detail ?? '', /cost the same \(50\.00 USD\): neither is cheaper/);
  });

  it('"and matching earrings?" after choosing one of the pair by price: the chosen one\'s metal first', async () => {
    const SHOP = [
      product({ id: 'dainty', title: 'Dainty Gold Necklace', productType: 'Necklace', tags: ['Gold'], price: 63.99 }),
      product({ id: 'pretty', title: 'Pretty Gold Necklace', productType: 'Necklace', tags: ['Gold'], price: 44.95 }),
      product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', tags: ['Silver'], price: 19.99 }),
      product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Silver'], price: 37.99 }),
      product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'], price: 54.99 }),
    ];
    const r = await talk(layer(SHOP), 'me', 'which is better for everyday, the dainty gold necklace or the pretty gold necklace?', 'the cheaper of the two', 'and matching earrings?');
    assert.equal(ids(r)[0], 'elephant', JSON.stringify(ids(r)));
    assert.deepEqual([r.intent?.entities.colours, r.intent?.entities.soft], [['gold'], ['colour']]);
    assert.ok(ids(r).includes('angel'), 'a preference: the silver ones stay');
  });

  it('near miss: "cheaper" with no pair compared is not held to two products', async () => {
    const r = await talk(layer(JEWELLERY), 'f', 'a bracelet', 'the cheaper of the two');
    assert.ok(ids(r).length > 1);
  });
});

describe('two of the list shown, pointed at by their places', () => {
  it('"I like the first two, which one is cheaper?", "entre el primero y el tercero, ¿cuál me conviene si quiero gastar menos?": the cheaper of those two first', async () => {
    const l = layer(JEWELLERY);
    const price = new Map(JEWELLERY.map((p) => [p.id, p.variants[0]?.price.amount ?? 0]));
    for (const [first, then, places] of [
      ['bracelets', 'I like the first two, which one is cheaper?', [0, 1]],
      ['pulseras', 'entre el primero y el tercero, ¿cuál me conviene si quiero gastar menos?', [0, 2]],
    ] as const) {
      const shown = ids(await talk(l, `pl-${first}`, first));
      const pair = places.map((i) => shown[i] as string);
      const cheaper = [...pair].sort((a, b) => (price.get(a) ?? 0) - (price.get(b) ?? 0))[0];
      const r = await talk(l, `pl-${first}`, then);
      assert.equal(ids(r)[0], cheaper, `${then}: ${JSON.stringify(shown)} → ${JSON.stringify(ids(r))}`);
    }
  });
});

describe('products refused by their place in the list', () => {
  it('"I don\'t like the first one", then "not the second one either": both stay out while the search goes on, and no word "first" is refused', async () => {
    const l = layer(JEWELLERY);
    const shown = ids(await talk(l, 'rf', 'bracelets'));
    const one = await talk(l, 'rf', "I don't like the first one");
    assert.ok(!ids(one).includes(shown[0] as string), JSON.stringify(ids(one)));
    assert.deepEqual(one.intent?.entities.rejections, []);
    const second = ids(one)[1] as string;
    const two = await talk(l, 'rf', 'not the second one either');
    assert.ok(!ids(two).includes(shown[0] as string) && !ids(two).includes(second), JSON.stringify(ids(two)));
    // A new search lets them go: bracelets asked for again show the one refused.
    assert.ok(ids(await talk(l, 'rf', 'earrings')).length > 0);
    assert.ok(ids(await talk(l, 'rf', 'bracelets')).includes(shown[0] as string));
  });
});

describe('any kind at all, said instead of the kind asked before', () => {
  it('"anything for women under 40 instead?", "cualquier cosa por menos de 40": the earlier kind is let go, the budget held', async () => {
    for (const [first, then] of [
      ['necklaces', 'anything under 40 instead?'],
      ['collares', 'cualquier cosa por menos de 40'],
    ] as const) {
      const l = layer(JEWELLERY);
      await talk(l, `any-${first}`, first);
      const r = await talk(l, `any-${first}`, then);
      assert.deepEqual([r.intent?.entities.categories, r.intent?.entities.budget?.max], [[], 40], then);
    }
  });
});

describe('a product the shopper says they own already', () => {
  it('"I already have the silver chain one", "ya compré el Gold Chain Necklace": left out, what names it no wish', async () => {
    for (const [said, owned] of [
      ['I already have the silver chain one', 'silver-chain'],
      ['ya compré el Gold Chain Necklace, ¿qué más tienen?', 'gold-chain'],
    ] as const) {
      const l = layer(JEWELLERY);
      await talk(l, `own-${owned}`, 'necklaces');
      const r = await talk(l, `own-${owned}`, said);
      assert.ok(!ids(r).includes(owned), `${said}: ${JSON.stringify(ids(r))}`);
      assert.deepEqual(r.intent?.entities.colours, [], said);
    }
  });
});

describe('a question whether a product of the list is so', () => {
  it('"el segundo tiene piedras?", "is the first one gold?": asked of that product, no wish kept for the next turn', async () => {
    for (const [first, question] of [
      ['pulseras', '¿la segunda es de oro?'],
      ['bracelets', 'is the first one gold?'],
      ['earrings', 'does the first one have stones?'],
    ] as const) {
      const l = layer(JEWELLERY);
      await talk(l, `wh-${first}`, first);
      const r = await talk(l, `wh-${first}`, question);
      assert.deepEqual([r.intent?.entities.colours, r.intent?.entities.materials ?? []], [[], []], question);
    }
  });
});

describe('kinds asked for together', () => {
  it('a kind the shop lacks is said, not satisfied', async () => {
    const r = await talk(layer(JEWELLERY), 'k1', 'a ring and matching earrings for my wife');
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /no ring/);
    const es = await talk(layer(HOME), 'k2', 'una lamparita de noche y una mesita de noche');
    assert.equal(es.constraints.satisfied, false);
    assert.deepEqual(ids(es), ['bedside']);
  });
  it('each kind the shop has comes first, and a later refinement keeps them', async () => {
    const l = layer(JEWELLERY);
    const r = await talk(l, 'k3', 'a necklace and earrings for my mom');
    assert.equal(r.constraints.satisfied, true);
    const kinds = (x: typeof r) => x.items.slice(0, 2).map((i) => JEWELLERY.find((p) => p.id === i.productId)?.productType).sort();
    assert.deepEqual(kinds(r), ['Earrings', 'Necklace']);
    assert.deepEqual(kinds(await talk(l, 'k3', 'under 40')), ['Earrings', 'Necklace']);
  });
});

describe('something matching what was chosen', () => {
  for (const [first, next] of [['aretes plateados', 'y un collar que combine?'], ['silver earrings please', 'a matching necklace']] as const)
    it(`${first} → ${next}: necklaces, silver first (a preference)`, async () => {
      const r = await talk(layer(JEWELLERY), `m-${next}`, first, next);
      assert.deepEqual(r.intent?.entities.colours, ['silver']);
      assert.ok(r.intent?.entities.soft?.includes('colour'));
      assert.equal(ids(r)[0], 'silver-chain');
      assert.ok(ids(r).includes('gold-chain'), 'the other necklaces still shown');
    });
});

describe('"something cheaper" after one product was shown', () => {
  it('is held to the product shown; the budget with a number is not reported unchecked', async () => {
    const r = await talk(layer(HOME), 'p1', 'cosas para las plantas, entre 30 y 50 euros', '¿no tenéis algo más barato?');
    assert.equal(r.intent?.entities.priceAnchor, 'can');
    assert.equal(r.constraints.unchecked, undefined);
    assert.doesNotMatch(r.constraints.reason ?? '', /No product was discussed/);
  });
  it('"cheaper than the second one" after a list answered "cheaper than the first one" anchors on that list\'s second (it stayed on the first)', async () => {
    const jackets = [100, 80, 60, 40, 20].map((p) => product({ id: `j${p}`, title: `Jacket ${p}`, productType: 'Jackets', price: p }));
    const l = layer(jackets);
    const price = new Map(jackets.map((p) => [p.id, p.variants[0]?.price.amount ?? 0]));
    await talk(l, 'p3', 'jackets');
    const second = await talk(l, 'p3', 'cheaper than the first one');
    const anchor = ids(second)[1] as string;
    const r = await talk(l, 'p3', 'anything cheaper than the second one?');
    assert.equal(r.intent?.entities.priceAnchor, anchor, JSON.stringify(ids(second)));
    for (const id of ids(r)) assert.ok((price.get(id) ?? 0) < (price.get(anchor) ?? 0), `${id} is cheaper than ${anchor}`);
  });
  it('"cheaper than the third?", "more expensive than the second": a place said without "one" anchors on that product of the list (the list came back as it was)', async () => {
    const jackets = [100, 80, 60, 40, 20].map((p) => product({ id: `j${p}`, title: `Jacket ${p}`, productType: 'Jackets', price: p }));
    const price = new Map(jackets.map((p) => [p.id, p.variants[0]?.price.amount ?? 0]));
    for (const [text, place, side] of [
      ['anything cheaper than the third?', 2, -1],
      ['more expensive than the second', 1, 1],
    ] as const) {
      const l = layer(jackets);
      const shown = ids(await talk(l, 'p4', 'jackets'));
      const anchor = shown[place] as string;
      const r = await talk(l, 'p4', text);
      assert.equal(r.intent?.entities.priceAnchor, anchor, `${text}: ${JSON.stringify(shown)}`);
      assert.ok(r.constraints.satisfied, r.constraints.reason);
      assert.ok(ids(r).length > 0);
      for (const id of ids(r)) assert.ok(Math.sign((price.get(id) ?? 0) - (price.get(anchor) ?? 0)) === side, `${text}: ${id} against ${anchor}`);
    }
  });
  it('"más barato que la regadera" of the watering can asks for no watering cans', async () => {
    const r = await talk(layer(HOME), 'p2', { text: '¿tenéis algo más barato que la regadera?', productId: 'can' });
    assert.ok(!(r.intent?.entities.categories ?? []).some((c) => /watering/i.test(c)), String(r.intent?.entities.categories));
    assert.ok(r.constraints.satisfied, r.constraints.reason);
    assert.equal(ids(r)[0], 'pot', 'cheaper than the watering can, of its kind first');
  });
});

describe('where the products are for, held by the conversation', () => {
  const garden = [
    product({ id: 'bedside', title: 'Bedside Table', productType: 'Indoor', tags: ['Wood', 'Bedroom'], price: 69.99, currency: 'EUR' }),
    product({ id: 'outdoor-table', title: 'Wooden Outdoor Table', productType: 'Outdoor', tags: ['Wood', 'Garden'], price: 99.99, currency: 'EUR' }),
    product({ id: 'sofa', title: 'Grey Sofa', productType: 'Indoor', tags: ['Sofa'], price: 29.99, currency: 'EUR' }),
    product({ id: 'pot', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['Plants'], price: 9.99, currency: 'EUR' }),
  ];
  it('"estoy armando mi terraza" → "necesito una mesa": the outdoor table, not the bedside one', async () => {
    const r = await talk(layer(garden), 'p1', 'hola, estoy armando mi terraza', 'necesito una mesa');
    assert.equal(r.intent?.entities.place, 'outdoor');
    assert.deepEqual([ids(r), r.constraints.satisfied], [['outdoor-table'], true]);
  });
  it('→ "y algo para sentarme" where only indoor seating is: said not to be for outdoors', async () => {
    const r = await talk(layer(garden), 'p2', 'hola, estoy armando mi terraza', 'y algo para sentarme');
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /not .* for outdoors/);
  });
  it('near miss: "a table" with no place said holds both tables', async () => {
    const r = await talk(layer(garden), 'p3', 'a table');
    assert.deepEqual(ids(r).sort(), ['bedside', 'outdoor-table']);
  });
  it('"a table for indoors" → "and for outdoors?" / "¿y de exterior?": the table moves outside (the garden\'s pots were shown)', async () => {
    for (const [first, then] of [
      ['a table for indoors', 'and for outdoors?'],
      ['una mesa de interior', '¿y de exterior?'],
      // The place alone, with no "and" (shopper probe: the garden's pots, fence and slats came back).
      ['I need a table', 'for the garden'],
      ['necesito una mesa', 'para el jardín'],
    ] as const) {
      const r = await talk(layer(garden), `p4-${first}`, first, then);
      assert.deepEqual([r.intent?.entities.place, ids(r)], ['outdoor', ['outdoor-table']], then);
    }
  });
});
