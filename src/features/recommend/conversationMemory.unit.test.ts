import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import type { UserEventStore } from '../../core/ports.ts';
import { conversationLayer, itemIds } from '../../testing/conversationLayer.ts';
import { product } from '../../testing/productFixture.ts';
import { asksForMore } from '../../core/intent/turns.ts';
import { MCPAwareRecommender, type PersonalizeRequest } from './personalizedRecommender.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'conv.myshopify.com';
const products = [
  product({ id: 'pretty', title: 'Pretty Gold Necklace', productType: 'Necklaces', tags: ['gold'], price: 79.99 }),
  product({ id: 'summer', title: 'Stylish Summer Necklace', productType: 'Necklaces', tags: ['gold'], price: 45 }),
  product({ id: 'moon', title: 'Silver Moon Necklace', productType: 'Necklaces', tags: ['silver'], price: 39 }),
  product({ id: 'cord', title: 'Silver Leather Cord Necklace', productType: 'Necklaces', tags: ['silver', 'leather'], price: 29 }),
  product({ id: 'trousers', title: 'Navy Chino Trousers', productType: 'Trousers', tags: ['navy'], price: 49 }),
  product({ id: 'navyshirt', title: 'Navy Oxford Shirt', productType: 'Shirts', tags: ['navy'], price: 39 }),
  product({ id: 'whiteshirt', title: 'White Linen Shirt', productType: 'Shirts', tags: ['white'], price: 35 }),
  product({ id: 'can', title: 'Green Metal Watering Can', productType: 'Watering Cans', tags: ['green'], price: 25 }),
  product({ id: 'gloves', title: 'Garden Gloves', productType: 'Gloves', price: 12 }),
];
/** A profile store holding what the shopper touched (track_event, the pixel). */
const storeWith = (recent: RawProfile['recent']): Pick<UserEventStore, 'getProfiles'> =>
  ({
    getProfiles: async (shop: string, ids: readonly string[]) =>
      ids.map((userId) => ({ shop, userId, features: {}, recent, purchased: [], eventCount: recent.length, firstSeen: NOW - 60_000, lastSeen: NOW - 30_000 })),
  }) as unknown as Pick<UserEventStore, 'getProfiles'>;
const layer = (store = storeWith([])) => conversationLayer(products, store);
const ids = itemIds;
const ask = (l: MCPAwareRecommender, req: Omit<PersonalizeRequest, 'shop' | 'limit'>, at = NOW) => l.personalize({ shop: SHOP, limit: 20, ...req }, at);

describe('"cheaper than the yellow one" after a list: the product of the list the words name', () => {
  it('is held below it, and no yellow is wished for (before: the yellow one itself came back, "satisfied")', async () => {
    const sofas = conversationLayer(
      [
        product({ id: 'cream-sofa', title: 'Cream Sofa', productType: 'Sofa', price: 500 }),
        product({ id: 'grey-sofa', title: 'Grey Sofa', productType: 'Sofa', price: 29.99 }),
        product({ id: 'yellow-sofa', title: 'Yellow Sofa', productType: 'Sofa', price: 99.99 }),
      ],
      storeWith([]),
    );
    for (const [session, first, then] of [
      ['y-en', 'I need a sofa', 'something cheaper than the yellow one'],
      ['y-es', 'necesito un sofá', 'una más barata que la amarilla'],
    ] as const) {
      await ask(sofas, { sessionId: session, text: first }, NOW);
      const r = await ask(sofas, { sessionId: session, text: then }, NOW + 1000);
      assert.equal(r.intent?.entities.priceAnchor, 'yellow-sofa', then);
      assert.deepEqual(r.intent?.entities.colours, [], then);
      assert.deepEqual(ids(r), ['grey-sofa'], then);
      assert.equal(r.constraints.satisfied, true, then);
    }
  });
});

describe('a product of the last list pointed at by its colour ("the grey one", "la plateada")', () => {
  const sofas = () =>
    conversationLayer(
      [
        product({ id: 'cream-sofa', title: 'Cream Sofa', productType: 'Sofa', price: 500 }),
        product({ id: 'grey-sofa', title: 'Grey Sofa', productType: 'Sofa', price: 29.99 }),
        product({ id: 'pillows', title: 'Brown Throw Pillows', productType: 'Pillows', price: 19.99 }),
        product({ id: 'grey-pillows', title: 'Grey Knitted Pillows', productType: 'Pillows', price: 24.99 }),
      ],
      storeWith([]),
    );

  it('"what goes with the grey one?": things for the grey sofa, not the grey sofa (before: grey was a wish, the sofa came back)', async () => {
    const l = sofas();
    await ask(l, { sessionId: 'c1', text: 'show me sofas' }, NOW);
    const r = await ask(l, { sessionId: 'c1', text: 'what goes with the grey one?' }, NOW + 1000);
    assert.deepEqual(r.intent?.entities.colours, []);
    assert.ok(!ids(r).includes('grey-sofa'), JSON.stringify(ids(r)));
  });

  it('"how much is the grey one?": that product first', async () => {
    const l = sofas();
    await ask(l, { sessionId: 'c2', text: 'show me sofas' }, NOW);
    const r = await ask(l, { sessionId: 'c2', text: 'how much is the grey one?' }, NOW + 1000);
    assert.equal(ids(r)[0], 'grey-sofa');
  });

  it('"I\'ll take the gold one. Earrings to match?" after two compared: the gold one of the two is chosen, gold earrings first (MCP probe: silver ones, of the other)', async () => {
    const l = conversationLayer(
      [
        product({ id: 'bird', title: 'Gold Bird Necklace', productType: 'Necklace', tags: ['Gold'], price: 79.99 }),
        product({ id: 'crane', title: 'Origami Crane Necklace', productType: 'Necklace', tags: ['Silver'], price: 75.99 }),
        product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Silver'], price: 37.99 }),
        product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'], price: 54.99 }),
      ],
      storeWith([]),
    );
    await ask(l, { sessionId: 'c4', text: "I'm torn between the Gold Bird Necklace and the Origami Crane Necklace" }, NOW);
    const r = await ask(l, { sessionId: 'c4', text: "I'll take the gold one. Earrings to match?" }, NOW + 1000);
    assert.equal(ids(r)[0], 'elephant', JSON.stringify([ids(r), r.intent?.entities]));
  });

  it('"¿y la plateada, cuánto cuesta?" after gold necklaces: none shown is silver, so silver ones are asked for', async () => {
    const l = layer();
    await ask(l, { sessionId: 'c3', text: 'collares dorados' }, NOW);
    const r = await ask(l, { sessionId: 'c3', text: '¿y la plateada, cuánto cuesta?' }, NOW + 1000);
    assert.deepEqual(r.intent?.entities.colours, ['silver']);
    assert.ok(['moon', 'cord'].includes(ids(r)[0] as string), JSON.stringify(ids(r)));
  });
});

describe('"does it come in silver?" of the product discussed', () => {
  it('is asked of it as of "the second one": it first, said not to be in silver, the silver ones after (before: the list again, satisfied)', async () => {
    for (const [session, first, then] of [
      ['it-en', 'the pretty gold necklace', 'does it come in silver?'],
      ['it-es', 'el pretty gold necklace', '¿lo tienen en plateado?'],
    ] as const) {
      const l = layer();
      await ask(l, { sessionId: session, text: first }, NOW);
      const r = await ask(l, { sessionId: session, text: then }, NOW + 1000);
      assert.equal(ids(r)[0], 'pretty', then);
      assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['colour']], then);
      assert.match(r.constraints.reason ?? '', /Pretty Gold Necklace is shown because it was asked about, but it is not in silver/, then);
      assert.ok(['moon', 'cord'].includes(ids(r)[1] as string), `${then}: ${JSON.stringify(ids(r))}`);
    }
  });

  it('near miss: "is it gold?" asks whether it is so, and wishes for nothing', async () => {
    const l = layer();
    await ask(l, { sessionId: 'it-q', text: 'the silver moon necklace' }, NOW);
    const r = await ask(l, { sessionId: 'it-q', text: 'is it gold?' }, NOW + 1000);
    assert.deepEqual(r.intent?.entities.colours, []);
  });
});

describe('a read of the conversation with the message of its latest turn (explain_recommendation)', () => {
  it('explains that turn: "cheaper than the first one" is not compared again with the first item of its own answer', async () => {
    const l = layer();
    const first = await ask(l, { sessionId: 'x', text: 'a gold necklace' }, NOW);
    const firstOne = ids(first)[0] as string;
    const turn = await ask(l, { sessionId: 'x', text: 'anything cheaper than the first one?' }, NOW + 1000);
    assert.equal(turn.intent?.entities.priceAnchor, firstOne);
    const read = await ask(l, { sessionId: 'x', text: 'anything cheaper than the first one?', rememberTurn: false }, NOW + 2000);
    assert.equal(read.intent?.entities.priceAnchor, firstOne);
    assert.deepEqual(ids(read), ids(turn));
    // Near miss: another message is read as a turn of its own (not merged: rememberTurn false).
    const other = await ask(l, { sessionId: 'x', text: 'and in silver?', rememberTurn: false }, NOW + 3000);
    assert.deepEqual(other.intent?.entities.colours, ['silver']);
  });
});

describe('a price said relative to no product is held to what the conversation was last about', () => {
  it('the product discussed with productId in an earlier turn: below it, and not it', async () => {
    const l = layer();
    await ask(l, { sessionId: 'd', text: 'tell me about this necklace', productId: 'pretty' });
    const r = await ask(l, { sessionId: 'd', text: 'something similar but cheaper?' }, NOW + 1000);
    assert.equal(r.intent?.entities.priceAnchor, 'pretty');
    assert.ok(!ids(r).includes('pretty'), JSON.stringify(ids(r)));
    assert.ok(ids(r).length > 0 && ids(r).every((id) => (products.find((p) => p.id === id)?.variants[0]?.price.amount ?? 0) < 7999));
    assert.equal(r.constraints.satisfied, true);
  });

  it('the product named by its title earlier (Spanish follow-up)', async () => {
    const l = layer();
    await ask(l, { sessionId: 'n', text: 'I like the Pretty Gold Necklace' });
    const r = await ask(l, { sessionId: 'n', text: 'algo parecido pero más barato' }, NOW + 1000);
    assert.equal(r.intent?.entities.priceAnchor, 'pretty');
    assert.ok(!ids(r).includes('pretty'));
  });

  it('the product viewed in the session (track_event, pixel), when it came after what the conversation discussed', async () => {
    const l = layer(storeWith([{ productId: 'pretty', type: 'view', ts: NOW - 30_000 }]));
    const r = await ask(l, { sessionId: 'v', userId: 'session:v', text: 'something like the last one but cheaper' });
    assert.equal(r.intent?.entities.priceAnchor, 'pretty');
    assert.ok(!ids(r).includes('pretty'));
    assert.equal(r.constraints.satisfied, true);
    const more = await ask(l, { sessionId: 'v', userId: 'session:v', text: 'show me more' }, NOW + 1000);
    assert.equal(more.intent?.entities.priceAnchor, 'pretty', 'the conversation remembers the anchor');
  });

  it('a list of several shown: "anything cheaper?" is below the cheapest of them, and not any of them', async () => {
    const l = layer();
    const shown = await l.personalize({ shop: SHOP, limit: 2, sessionId: 'l', text: 'a necklace' }, NOW);
    assert.deepEqual(ids(shown).sort(), ['pretty', 'summer']);
    const r = await ask(l, { sessionId: 'l', text: 'anything cheaper?' }, NOW + 1000);
    assert.equal(r.intent?.entities.priceAnchor, 'summer', 'the cheapest shown (45.00)');
    assert.deepEqual(ids(r).sort(), ['cord', 'moon']);
    assert.equal(r.constraints.satisfied, true);
  });

  it('a list shown after the product discussed is what "cheaper" compares with; nothing cheaper is said so', async () => {
    const l = layer();
    await ask(l, { sessionId: 'ld', text: 'tell me about this necklace', productId: 'pretty' });
    const silver = await ask(l, { sessionId: 'ld', text: 'show me silver necklaces' }, NOW + 1000);
    assert.deepEqual(ids(silver).slice(0, 2).sort(), ['cord', 'moon']);
    const r = await ask(l, { sessionId: 'ld', text: 'anything cheaper?' }, NOW + 2000);
    assert.equal(r.intent?.entities.priceAnchor, 'cord', 'the cheapest silver necklace shown (29.00), not the one discussed before');
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /Silver Leather Cord Necklace/);
  });

  it('a product viewed after the list is what "cheaper" compares with', async () => {
    const l = layer(storeWith([{ productId: 'moon', type: 'view', ts: NOW + 500 }]));
    await l.personalize({ shop: SHOP, limit: 2, sessionId: 'lv', userId: 'session:lv', text: 'a necklace' }, NOW);
    const r = await ask(l, { sessionId: 'lv', userId: 'session:lv', text: 'anything cheaper?' }, NOW + 1000);
    assert.equal(r.intent?.entities.priceAnchor, 'moon');
    assert.deepEqual(ids(r), ['cord']);
  });

  it('with nothing to compare with, the answer does not claim the comparison was held', async () => {
    const r = await ask(layer(), { sessionId: 'e', text: 'something similar but cheaper?' });
    assert.equal(r.constraints.satisfied, false);
    assert.deepEqual(r.constraints.unchecked, ['budget']);
    assert.match(r.constraints.reason ?? '', /No product was discussed, named or viewed/);
  });
});

describe('a product of the last list pointed at by its place ("the second one", "el último")', () => {
  it('"show me the second one": that product first; "cheaper than the first one": below the first, and not it', async () => {
    const l = layer();
    const shown = await l.personalize({ shop: SHOP, limit: 4, sessionId: 'o', text: 'a necklace' }, NOW);
    const [first, second] = ids(shown) as [string, string];
    const r = await ask(l, { sessionId: 'o', text: 'show me the second one' }, NOW + 1000);
    assert.equal(ids(r)[0], second);
    const again = await l.personalize({ shop: SHOP, limit: 4, sessionId: 'o2', text: 'a necklace' }, NOW);
    assert.equal(ids(again)[0], first);
    const cheaper = await ask(l, { sessionId: 'o2', text: 'something cheaper than the first one' }, NOW + 1000);
    assert.equal(cheaper.intent?.entities.priceAnchor, first);
    assert.ok(!ids(cheaper).includes(first));
  });

  it('"cheaper than the second one", "than the 3rd one", "más barato que el segundo": below that one, and not it', async () => {
    for (const [text, place] of [['something cheaper than the second one', 1], ['cheaper than the 3rd one?', 2], ['¿algo más barato que el segundo?', 1]] as const) {
      const l = layer();
      const shown = await l.personalize({ shop: SHOP, limit: 4, sessionId: 'o3', text: 'a necklace' }, NOW);
      const anchor = ids(shown)[place] as string;
      const r = await ask(l, { sessionId: 'o3', text }, NOW + 1000);
      assert.equal(r.intent?.entities.priceRelative, 'below', text);
      assert.equal(r.intent?.entities.priceAnchor, anchor, text);
      assert.ok(!ids(r).includes(anchor), text);
      const price = (id: string) => products.find((p) => p.id === id)?.variants[0]?.price.amount ?? 0;
      for (const id of ids(r).filter((id) => products.find((p) => p.id === id)?.productType === 'Necklaces')) assert.ok(price(id) < price(anchor), `${text}: ${id}`);
    }
  });

  it('in Spanish, and a question about it is about that product', async () => {
    const l = layer();
    const shown = await l.personalize({ shop: SHOP, limit: 4, sessionId: 'e', text: 'un collar' }, NOW);
    const last = ids(shown).at(-1) as string;
    const r = await ask(l, { sessionId: 'e', text: '¿el último viene en plata?' }, NOW + 1000);
    assert.equal(ids(r)[0], last);
  });

  it('after a list shown with a product ("similar items" on its page): "the second one" is of that list, "anything cheaper?" still of the product (MCP probe: the page\'s product was the anchor)', async () => {
    const l = layer();
    const similar = await ask(l, { sessionId: 'pp', productId: 'pretty', text: 'similar items' }, NOW);
    const second = ids(similar)[1] as string;
    const r = await ask(l, { sessionId: 'pp', text: 'cheaper than the second one' }, NOW + 1000);
    assert.equal(r.intent?.entities.priceAnchor, second);
    await ask(l, { sessionId: 'pp2', productId: 'pretty', text: 'similar items' }, NOW);
    const cheaper = await ask(l, { sessionId: 'pp2', text: 'anything cheaper?' }, NOW + 1000);
    assert.equal(cheaper.intent?.entities.priceAnchor, 'pretty');
  });

  it('no list shown, or no such place: no product is pointed at', async () => {
    const l = layer();
    const r = await ask(l, { sessionId: 'n1', text: 'show me the second one' }, NOW);
    assert.equal(r.intent?.entities.priceAnchor, undefined);
    const two = await l.personalize({ shop: SHOP, limit: 2, sessionId: 'n2', text: 'a necklace' }, NOW);
    const past = await ask(l, { sessionId: 'n2', text: 'show me the fifth one' }, NOW + 1000);
    assert.deepEqual(ids(past).slice(0, 2), ids(two), 'the list had two: nothing is pinned');
  });
});

describe('a request of its own for something not named ("something light to wear in the summer") after a kind', () => {
  it('lets go of the kind sought so far and what was said of it', async () => {
    const l = layer();
    await ask(l, { sessionId: 'an', text: 'do you have navy sunglasses?' });
    const r = await ask(l, { sessionId: 'an', text: 'actually, I need something light to wear in the summer' }, NOW + 1000);
    assert.deepEqual([r.intent?.entities.categories, r.intent?.entities.colours], [[], []]);
    assert.equal(r.constraints.satisfied, true, 'no longer "nothing called sunglasses"');
    const es = layer();
    await ask(es, { sessionId: 'an-es', text: 'busco unas gafas de sol' });
    const rs = await ask(es, { sessionId: 'an-es', text: 'mejor algo fresquito para el verano' }, NOW + 1000);
    assert.deepEqual(rs.intent?.entities.categories, []);
  });

  it('near miss: a refinement without a kind keeps it ("something cheaper", "something in white", "something fancy")', async () => {
    for (const t of ['something cheaper', 'something in white', 'something fancy', 'algo más barato']) {
      const l = layer();
      await ask(l, { sessionId: 'ar', text: 'navy shirts' });
      const r = await ask(l, { sessionId: 'ar', text: t }, NOW + 1000);
      assert.ok((r.intent?.entities.categories.length ?? 0) > 0, t);
    }
  });
});

describe('"show me more", "¿hay otros?": others than those shown', () => {
  it('leaves out the list just shown, and those before it while the shopper keeps asking', async () => {
    const l = layer();
    const first = await l.personalize({ shop: SHOP, limit: 2, sessionId: 'm', text: 'a necklace' }, NOW);
    const more = await l.personalize({ shop: SHOP, limit: 2, sessionId: 'm', text: 'show me more' }, NOW + 1000);
    assert.equal(ids(more).filter((id) => ids(first).includes(id)).length, 0, JSON.stringify([ids(first), ids(more)]));
    const again = await l.personalize({ shop: SHOP, limit: 2, sessionId: 'm', text: '¿hay otros?' }, NOW + 2000);
    assert.equal(ids(again).filter((id) => [...ids(first), ...ids(more)].includes(id)).length, 0, JSON.stringify([ids(first), ids(more), ids(again)]));
  });

  it('a caller that shows fewer than it asked for (the MCP tool) has only those left out', async () => {
    const l = layer();
    const asked = await l.personalize({ shop: SHOP, limit: 4, shows: 2, sessionId: 'ms', text: 'a necklace' }, NOW);
    const more = await l.personalize({ shop: SHOP, limit: 4, shows: 2, sessionId: 'ms', text: 'show me more' }, NOW + 1000);
    assert.deepEqual(ids(more).slice(0, 2), ids(asked).slice(2, 4), 'the two not shown come next');
  });

  it('"more expensive", "one more", a new kind and "other colours" are no "more"', () => {
    for (const t of ['more expensive', 'one more', 'algo más barato', 'show me more necklaces', 'do you have any other colours?', 'other sizes?']) assert.equal(asksForMore(t), false, t);
    for (const t of ['show me more', 'any others?', 'what else do you have?', 'otros', '¿qué más tienes?', '¿qué más tenéis?', '¿tenéis otros?', '¿qué más?', 'any other candles?', '¿algo más?']) assert.equal(asksForMore(t), true, t);
    // Said alone (shopper probe: the same list came back, called satisfied).
    for (const t of ['any other?', 'and another?', 'another one?', 'otra cosa', '¿otra opción?', 'otra más?']) assert.equal(asksForMore(t), true, t);
    for (const t of ['another color?', 'otra talla']) assert.equal(asksForMore(t), false, t);
  });

  it('"any other watering cans?" when the one shown is the only one: says so, not "nothing in this shop matches"', async () => {
    const l = layer();
    await ask(l, { sessionId: 'm3', text: 'a watering can' }, NOW);
    const r = await ask(l, { sessionId: 'm3', text: 'any other watering cans?' }, NOW + 1000);
    assert.ok(!ids(r).includes('can'));
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /^No other watering cans than Green Metal Watering Can, already shown: the closest products are shown instead\.$/);
  });

  it('after one product shown, or a question about one of the list, leaves out that product and the list', async () => {
    const l = layer();
    const one = await l.personalize({ shop: SHOP, limit: 1, sessionId: 'm1', text: 'a silver necklace' }, NOW);
    const [shown] = ids(one) as [string];
    const more = await ask(l, { sessionId: 'm1', text: 'any other necklaces?' }, NOW + 1000);
    assert.ok(!ids(more).includes(shown), JSON.stringify([shown, ids(more)]));
    const listed = await l.personalize({ shop: SHOP, limit: 2, sessionId: 'm2', text: 'a necklace' }, NOW);
    await ask(l, { sessionId: 'm2', text: 'does the second one come in gold?' }, NOW + 1000);
    const others = await ask(l, { sessionId: 'm2', text: '¿algo más?' }, NOW + 2000);
    assert.equal(ids(others).filter((id) => ids(listed).includes(id)).length, 0, JSON.stringify([ids(listed), ids(others)]));
  });
});

describe('a transcript in text is read as the shopper\'s turns', () => {
  const transcript =
    'User: I want a gold necklace for my mum, under 50\nAssistant: Here are some gold necklaces: Pretty Gold Necklace, Stylish Summer Necklace.\nUser: actually she prefers silver, and nothing with leather';
  it('the latest turn decides; the assistant\'s titles are not the shopper\'s words', async () => {
    for (const sessionId of [undefined, 't']) {
      const r = await ask(layer(), { ...(sessionId ? { sessionId } : {}), text: transcript });
      const e = r.intent?.entities;
      assert.deepEqual(e?.colours, ['silver'], sessionId);
      assert.equal(e?.materials, undefined);
      assert.equal(e?.terms, undefined, 'no title matched from the assistant');
      assert.equal(e?.budget?.max, 50);
      assert.equal(e?.recipient, 'mother');
      assert.deepEqual(e?.rejections.map((x) => x.value), ['leather']);
      assert.deepEqual(ids(r), ['moon']);
    }
  });

  it('resent with one more turn, earlier messages are not merged again over what changed', async () => {
    const l = layer();
    await ask(l, { sessionId: 'r', text: 'User: a gold necklace' });
    await ask(l, { sessionId: 'r', intent: { colours: [] } }, NOW + 1000);
    const r = await ask(l, { sessionId: 'r', text: 'User: a gold necklace\nAssistant: here you are\nUser: under 50 please' }, NOW + 2000);
    assert.deepEqual(r.intent?.entities.colours, [], 'the colour cleared in between stays cleared');
    assert.equal(r.intent?.entities.budget?.max, 50);
  });
});

describe('one of a pair chosen by price, and something to go with it', () => {
  it('"I\'ll take the cheaper of the two. Now trousers to go with it": trousers, not the pair', async () => {
    const l = layer();
    await ask(l, { sessionId: 'p2', text: 'which is better, the Navy Oxford Shirt or the White Linen Shirt?' });
    const r = await ask(l, { sessionId: 'p2', text: "ok I'll take the cheaper of the two. Now trousers to go with it" }, NOW + 1000);
    assert.equal(ids(r)[0], 'trousers', JSON.stringify(ids(r)));
    assert.ok(!ids(r).includes('whiteshirt'), 'the chosen one (35.00) is what they go with');
  });
});

describe('an item picked does not pass its look on to what should go with it', () => {
  it('"which shirt goes with it?" after the navy one: shirts in any colour, not the trousers', async () => {
    const l = layer();
    await ask(l, { sessionId: 'g', text: 'the navy one', productId: 'trousers' });
    for (const text of ['which shirt goes with it?', '¿qué camisa le combina?']) {
      const r = await ask(l, { sessionId: 'g', text }, NOW + 1000);
      assert.deepEqual(r.intent?.entities.colours, [], text);
      assert.deepEqual(ids(r).sort(), ['navyshirt', 'whiteshirt'], text);
    }
  });

  it('"what else would go well with it?" after the watering can holds no category, and leaves the can out', async () => {
    const l = layer(storeWith([{ productId: 'can', type: 'add_to_cart', ts: NOW - 10_000 }]));
    await ask(l, { sessionId: 'w', userId: 'session:w', text: 'a watering can' }, NOW - 20_000);
    const r = await ask(l, { sessionId: 'w', userId: 'session:w', text: 'what else would go well with it?' });
    assert.deepEqual(r.intent?.entities.categories, []);
    assert.equal(r.constraints.satisfied, true);
    assert.ok(ids(r).length > 1 && !ids(r).includes('can'), JSON.stringify(ids(r)));
  });

  it('"what would go with it?" right after viewing a necklace (no turn named it): other kinds first, as for one named (MCP probe: more necklaces)', async () => {
    const l = layer(storeWith([{ productId: 'summer', type: 'view', ts: NOW - 5_000 }]));
    const r = await ask(l, { sessionId: 'v1', userId: 'session:v1', text: 'what would go with it?' });
    const kinds = ids(r).map((id) => (['pretty', 'moon', 'cord', 'summer'].includes(id) ? 'necklace' : 'other'));
    assert.equal(kinds[0], 'other', JSON.stringify(ids(r)));
    assert.ok(!ids(r).includes('summer'));
  });

  it('"what goes with it?" of a necklace: other kinds first, the other necklaces after them', async () => {
    for (const text of ['what goes with it?', '¿qué le combina?']) {
      const r = await ask(conversationLayer(products), { sessionId: `o-${text}`, text, productId: 'summer' });
      const kinds = ids(r).map((id) => (['pretty', 'moon', 'cord'].includes(id) ? 'necklace' : 'other'));
      assert.deepEqual(kinds, [...kinds].sort((a, b) => (a === b ? 0 : a === 'other' ? -1 : 1)), `${text}: ${JSON.stringify(ids(r))}`);
      assert.ok(kinds[0] === 'other' && kinds.includes('necklace'), JSON.stringify(ids(r)));
    }
  });

  it('"I like the Navy Oxford Shirt, what goes with it?": its title\'s words name it, they wish for no navy shirt', async () => {
    const r = await ask(conversationLayer(products), { sessionId: 'named-goes', text: 'I like the Navy Oxford Shirt, what goes with it?' });
    assert.deepEqual([r.intent?.entities.categories, r.intent?.entities.colours], [[], []]);
    assert.equal(r.constraints.satisfied, true);
    assert.ok(!ids(r).includes('navyshirt'), JSON.stringify(ids(r)));
  });

  it('"a silver necklace", then "show me all the necklaces": every necklace, the silver let go', async () => {
    const l = layer();
    await ask(l, { sessionId: 'all', text: 'a silver necklace' });
    const r = await ask(l, { sessionId: 'all', text: 'show me all the necklaces' }, NOW + 1000);
    assert.deepEqual(r.intent?.entities.colours, []);
    assert.deepEqual(ids(r).sort(), ['cord', 'moon', 'pretty', 'summer']);
  });

  it('"algo que combine con ellos" after navy trousers: no kind, no colour carried over', async () => {
    const l = layer();
    await ask(l, { sessionId: 'p', text: 'pantalones azul marino' });
    const r = await ask(l, { sessionId: 'p', text: 'algo que combine con ellos' }, NOW + 1000);
    assert.deepEqual([r.intent?.entities.categories, r.intent?.entities.colours], [[], []]);
  });
});

describe('a turn that only says whom the products are for, after turns that named nobody', () => {
  it('"gold necklace", then "for my mom": the gold necklaces, for her (the gold was dropped as another person\'s taste: shopper probe)', async () => {
    const l = layer();
    await ask(l, { sessionId: 'w1', text: 'gold necklace' });
    const r = await ask(l, { sessionId: 'w1', text: 'for my mom' }, NOW + 1000);
    assert.deepEqual([r.intent?.entities.colours, r.intent?.entities.recipient], [['gold'], 'mother']);
    assert.deepEqual(ids(r).slice(0, 2).sort(), ['pretty', 'summer']);
  });

  it('a new request for someone else still starts without the earlier tastes ("now something for my mother-in-law")', async () => {
    const l = layer();
    await ask(l, { sessionId: 'w2', text: 'gold necklace' });
    const r = await ask(l, { sessionId: 'w2', text: 'now something for my mother-in-law' }, NOW + 1000);
    assert.deepEqual(r.intent?.entities.colours, []);
  });
});

describe('others like a product of the list shown ("what else is similar?", "more like the first one")', () => {
  it('leave that product out (it came first: MCP probe)', async () => {
    const l = layer();
    const shown = ids(await ask(l, { sessionId: 'sim', text: 'show me necklaces' }));
    const r = await ask(l, { sessionId: 'sim', text: 'I like the first one. What else is similar?' }, NOW + 1000);
    assert.ok(ids(r).length > 0);
    assert.ok(!ids(r).includes(shown[0] as string), `${shown[0]} left out: ${ids(r).join(', ')}`);
    const more = await ask(l, { sessionId: 'sim', text: 'more like the first one' }, NOW + 2000);
    assert.ok(!ids(more).includes(ids(r)[0] as string), 'the first of the list shown last');
  });

  it('"I like the first one" alone points at it, as before (the verb, not a comparison)', async () => {
    const l = layer();
    const shown = ids(await ask(l, { sessionId: 'sim2', text: 'show me necklaces' }));
    const r = await ask(l, { sessionId: 'sim2', text: 'I like the first one' }, NOW + 1000);
    assert.equal(ids(r)[0], shown[0]);
  });
});

describe('a new person after a price said relative to a product', () => {
  it('"cheaper than that one" of a necklace for mom, then "and for my dad? something for men": no longer held below it (MCP probe)', async () => {
    const l = layer();
    await ask(l, { sessionId: 'np', text: 'a necklace for my mom' });
    const cheaper = await ask(l, { sessionId: 'np', text: 'something cheaper than that one', productId: 'summer' }, NOW + 1000);
    assert.equal(cheaper.intent?.entities.priceRelative, 'below');
    const dad = await ask(l, { sessionId: 'np', text: 'and for my dad? something for men' }, NOW + 2000);
    assert.equal(dad.intent?.entities.priceRelative, undefined);
  });
});

describe('"on sale" let go in words', () => {
  it('"it doesn\'t need to be on sale", "no importa si no está en oferta": on sale no longer held (it stayed: MCP probe)', async () => {
    for (const [i, text] of ["it doesn't need to be on sale", 'no importa si no está en oferta', 'no hace falta que esté rebajado', 'da igual si no tiene descuento'].entries()) {
      const l = layer();
      const first = await ask(l, { sessionId: `sale${i}`, text: 'any necklaces on sale?' });
      assert.equal(first.intent?.entities.onSale, true);
      const r = await ask(l, { sessionId: `sale${i}`, text }, NOW + 1000);
      assert.equal(r.intent?.entities.onSale, undefined, text);
      assert.deepEqual(r.intent?.entities.categories, first.intent?.entities.categories, 'the kind stays');
    }
  });
});

describe('a size said alone in a conversation about a kind', () => {
  it('"plant pot", then "large" or "la grande": the large one, priced as it (read alone, the word named no size: shopper probe)', async () => {
    const pots = [product({ id: 'clay', title: 'Clay Plant Pot', productType: 'Plant Pots', variants: [[9.99, true, { Size: 'Regular' }], [15.99, true, { Size: 'Large' }]] })];
    for (const [i, text] of ['large', 'la grande'].entries()) {
      const l = conversationLayer(pots);
      await ask(l, { sessionId: `lg${i}`, text: 'plant pot' });
      const r = await ask(l, { sessionId: `lg${i}`, text }, NOW + 1000);
      assert.deepEqual(r.intent?.entities.sizes, ['L'], text);
      assert.equal(r.intent?.entities.terms?.includes('large') ?? false, false, 'the size, not a title word');
      assert.equal(r.items[0]?.productId, 'clay');
    }
    const first = await ask(conversationLayer(pots), { sessionId: 'lg-first', text: 'large' });
    assert.deepEqual(first.intent?.entities.sizes ?? [], [], 'a first message "large" names no size');
  });
});

describe('a colour pointed at after one product shown', () => {
  it('"gold necklaces", "the cheapest", then "¿y la plateada?": a silver one (the colour was dropped as a question about the gold one: shopper probe)', async () => {
    const l = layer();
    await ask(l, { sessionId: 'cp1', text: 'gold necklaces' });
    const one = await ask(l, { sessionId: 'cp1', text: 'the cheapest one', shows: 1 }, NOW + 1000);
    assert.equal(ids(one)[0], 'summer');
    const r = await ask(l, { sessionId: 'cp1', text: '¿y la plateada?' }, NOW + 2000);
    assert.deepEqual(r.intent?.entities.colours, ['silver']);
    assert.ok(['moon', 'cord'].includes(ids(r)[0] as string), ids(r).join(', '));
  });
});

describe('"otra cosa" after a kind', () => {
  it('asks for others of it, as "something else" does (it showed other kinds: re-probe)', async () => {
    const l = layer();
    const first = await ask(l, { sessionId: 'oc', text: 'gold necklaces' });
    const r = await ask(l, { sessionId: 'oc', text: 'otra cosa' }, NOW + 1000);
    assert.deepEqual(r.intent?.entities.categories, first.intent?.entities.categories);
  });
});
