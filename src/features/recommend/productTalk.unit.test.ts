/**
 * Conversations through MCPAwareRecommender: a question about a named product keeps the conversation's
 * constraints, a turn that closes one product and asks for another is a new request, a new recipient
 * does not inherit the earlier person's tastes, and a budget range said of one kind stays with it
 * (core/personalize/productTalk.ts, core/personalize/sessionContext.ts, core/intent/turns.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationLayer, itemIds } from '../../testing/conversationLayer.ts';
import { product } from '../../testing/productFixture.ts';
import { MCPAwareRecommender, type PersonalizeRequest } from './personalizedRecommender.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'talk.myshopify.com';
const products = [
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Blue', 'Silver'], price: 37.99 }),
  product({ id: 'angel', title: 'Guardian Angel Earrings', productType: 'Earrings', tags: ['Silver'], price: 19.99 }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'], price: 54.99 }),
  product({ id: 'pretty', title: 'Pretty Gold Necklace', productType: 'Necklace', tags: ['Gold'], price: 44.95 }),
  product({ id: 'moon', title: 'Silver Moon Necklace', productType: 'Necklace', tags: ['Silver'], price: 39 }),
  product({ id: 'yellow', title: 'Yellow Sofa', productType: 'Sofa', price: 99.99, currency: 'EUR' }),
  product({ id: 'grey', title: 'Grey Sofa', productType: 'Sofa', price: 299, currency: 'EUR' }),
  product({ id: 'brown', title: 'Brown Throw Pillows', productType: 'Pillows', price: 19.99, currency: 'EUR' }),
  product({ id: 'knit', title: 'Knitted Throw Pillows', productType: 'Pillows', price: 24.99, currency: 'EUR' }),
];
const layer = () => conversationLayer(products);
const ids = itemIds;
const ask = (l: MCPAwareRecommender, req: Omit<PersonalizeRequest, 'shop' | 'limit'>, at = NOW) => l.personalize({ shop: SHOP, limit: 20, ...req }, at);
/** The turns of one conversation, the answer to the last. */
async function conversation(...texts: string[]) {
  const l = layer();
  const sessionId = `c-${Math.random()}`;
  let r = await ask(l, { sessionId, text: texts[0] as string });
  for (const [i, text] of texts.slice(1).entries()) r = await ask(l, { sessionId, text }, NOW + (i + 1) * 1000);
  return r;
}
const must = (r: Awaited<ReturnType<typeof conversation>>) => r.intent?.entities.rejections.map((x) => x.value) ?? [];

describe('a question whether a product named by its title is so asks about it, from the first turn on', () => {
  it('"is the Pretty Gold Necklace real gold?", then "cheaper necklaces": gold was no wish', async () => {
    const first = await conversation('is the Pretty Gold Necklace real gold?');
    assert.equal(ids(first)[0], 'pretty');
    assert.deepEqual(first.intent?.entities.colours, []);
    const next = await conversation('is the Pretty Gold Necklace real gold?', 'ok, show me some cheaper necklaces');
    assert.ok(ids(next).includes('moon'), JSON.stringify(ids(next)));
    const es = await conversation('¿es de oro de verdad el Pretty Gold Necklace?');
    assert.deepEqual(es.intent?.entities.colours, []);
  });

  it('near miss: "is there a gold Pretty Gold Necklace?" and "do you have the Pretty Gold Necklace in gold?" ask as said', async () => {
    for (const t of ['is there a gold Pretty Gold Necklace?', 'do you have the Pretty Gold Necklace in gold?']) {
      const r = await conversation(t);
      assert.deepEqual(r.intent?.entities.colours, ['gold'], t);
    }
  });
});

describe('a question about a product named by its title keeps the conversation\'s constraints', () => {
  for (const [first, question] of [
    ['silver earrings, no gold please', 'do the Galaxy Earrings have any gold in them?'],
    ['pendientes plateados, nada de oro', '¿los Galaxy Earrings llevan algo de oro?'],
    ['silver earrings, no gold please', 'how much are the Galaxy Earrings? and are they gold?'],
  ] as const) {
    it(`"${first}" → "${question}": silver earrings without gold, not gold earrings`, async () => {
      const r = await conversation(first, question);
      const e = r.intent?.entities;
      assert.deepEqual(e?.colours, ['silver']);
      assert.deepEqual(must(r), ['gold']);
      assert.ok(!ids(r).includes('elephant'), JSON.stringify(ids(r)));
      assert.ok(ids(r).includes('galaxy'));
    });
  }
  it('"the silver ones" points at what was shown: no wish for gold', async () => {
    const r = await conversation('silver earrings, no gold please', 'do the silver ones have any gold in them?');
    assert.deepEqual([r.intent?.entities.colours, must(r)], [['silver'], ['gold']]);
  });
  it('near miss: a question about a kind the shop sells is still a request ("do the necklaces come in gold?")', async () => {
    const r = await conversation('silver earrings', 'do the necklaces come in gold?');
    assert.deepEqual(r.intent?.entities.colours, ['gold']);
  });
});

describe('a turn that closes one product and asks for another is a new request', () => {
  for (const [first, close] of [
    ['silver earrings, no gold please', 'great, I will take them. Now a nice necklace for my mother-in-law, she does like gold'],
    ['pendientes plateados, nada de oro', 'genial, me los quedo. Ahora un collar elegante para mi suegra'],
  ] as const) {
    it(`after a question about the Galaxy Earrings: "${close}" asks for necklaces`, async () => {
      const r = await conversation(first, first.startsWith('silver') ? 'do the Galaxy Earrings have any gold in them?' : '¿los Galaxy Earrings llevan algo de oro?', close);
      const e = r.intent?.entities;
      assert.deepEqual(e?.categories.map((c) => c.toLowerCase().replace(/s$/, '')), ['necklace']);
      assert.equal(e?.recipient, 'mother_in_law');
      assert.deepEqual(must(r), [], 'the earlier person\'s "no gold" is not the mother-in-law\'s');
      assert.ok(ids(r).length > 0 && ids(r).every((id) => id === 'pretty' || id === 'moon'), JSON.stringify(ids(r)));
    });
  }
  it('"I\'ll take the silver ones. Now a necklace": the closed product\'s words are no wish for the necklace', async () => {
    const r = await conversation('earrings please', "I'll take the silver ones. Now a necklace");
    assert.deepEqual(r.intent?.entities.colours, []);
  });
});

describe('a new recipient does not inherit the earlier person\'s tastes; the newest statement wins', () => {
  it('"pendientes plateados, nada de oro" → "Ahora algo para mi suegra, que ella sí quiere oro, un collar elegante": gold necklaces', async () => {
    const r = await conversation('pendientes plateados, nada de oro', 'Ahora algo para mi suegra, que ella sí quiere oro, un collar elegante');
    const e = r.intent?.entities;
    assert.deepEqual([e?.colours, must(r), e?.recipient], [[], [], 'mother_in_law']);
    assert.equal(r.constraints.satisfied, true, JSON.stringify(r.constraints));
    assert.ok(ids(r).includes('pretty'));
  });
});

describe('a budget range said of one kind stays with it', () => {
  it('"sofa between 80 and 120 euros" → "neither tbh. show me some pillows instead": pillows, no range', async () => {
    const r = await conversation('sofa between 80 and 120 euros', 'neither tbh. show me some pillows instead');
    assert.equal(r.intent?.entities.budget, undefined);
    assert.equal(r.constraints.satisfied, true, JSON.stringify(r.constraints));
    assert.deepEqual(ids(r).sort(), ['brown', 'knit']);
  });
  it('a cap alone carries: "a sofa under 300 euros" → "show me some pillows instead"', async () => {
    const r = await conversation('a sofa under 300 euros', 'show me some pillows instead');
    assert.equal(r.intent?.entities.budget?.max, 300);
  });
});
