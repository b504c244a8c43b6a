/**
 * Conversations through MCPAwareRecommender, on what one turn carries from the turns before it: a
 * fragment naming a kind after closing a product is a new request ("I'll take the X. And earrings to
 * match?"), a product pointed at by title words comes first ("the dreamcatcher one"), the earlier
 * person's tastes go to a new one when the shopper says so ("same for my mum", "and one for my
 * husband", "my family only wears silver"), a range said as the shopper's money goes on to the
 * next kind, and "let's start over" drops it all (core/personalize/productTalk.ts, core/personalize/sessionContext.ts, core/intent/turns.ts,
 * core/intent/budget.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conversationLayer, itemIds, shopWordsExtractor } from '../../testing/conversationLayer.ts';
import { product } from '../../testing/productFixture.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'carry.myshopify.com';
const sized = (price: number) => (['S', 'M', 'L'] as const).map((size) => [price, true, { Size: size }] as const);
const products = [
  product({ id: 'choker', title: 'Choker with Bead', productType: 'Necklace', tags: ['Black'], price: 14.99 }),
  product({ id: 'gold-pendant', title: 'Choker with Gold Pendant', productType: 'Necklace', tags: ['Gold'], price: 29.99 }),
  product({ id: 'dainty', title: 'Dainty Gold Necklace', productType: 'Necklace', tags: ['Gold'], price: 31.99 }),
  product({ id: 'dream', title: 'Dreamcatcher Pendant Necklace', productType: 'Necklace', tags: ['Dreamcatcher', 'Silver'], price: 39.99 }),
  product({ id: 'galaxy', title: 'Galaxy Earrings', productType: 'Earrings', tags: ['Silver'], price: 37.99 }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', tags: ['Gold'], price: 54.99 }),
  product({ id: 'anchor', title: 'Anchor Bracelet', productType: 'Bracelet', tags: ['Silver'], price: 24.99 }),
  product({ id: 'leather-jacket', title: 'Classic Leather Jacket', productType: 'Jacket', tags: ['Leather'], variants: sized(80) }),
  product({ id: 'zip-jacket', title: 'Zipped Jacket', productType: 'Jacket', variants: sized(60) }),
];
const layer = () => conversationLayer(products);
const ids = itemIds;

/** The turns of one conversation, the answer to the last. */
async function conversation(...texts: string[]) {
  const l = layer();
  const sessionId = `c-${Math.random()}`;
  let r = await l.personalize({ shop: SHOP, limit: 20, sessionId, text: texts[0] as string }, NOW);
  for (const [i, text] of texts.slice(1).entries()) r = await l.personalize({ shop: SHOP, limit: 20, sessionId, text }, NOW + (i + 1) * 1000);
  return r;
}

describe('after closing a product, a fragment naming a kind is a new request', () => {
  for (const [first, next] of [
    ['a gold necklace for my wife', "I'll take the Dainty Gold Necklace. And earrings to match?"],
    ['a gold necklace for my wife', "I'll take it. Earrings too?"],
    ['a gold necklace for my wife', 'Great, I will take the dainty gold necklace. Matching earrings?'],
  ] as const) {
    it(`"${first}" → "${next}": earrings`, async () => {
      const r = await conversation(first, next);
      assert.deepEqual(r.intent?.entities.categories.map((c) => c.toLowerCase()), ['earrings']);
      assert.ok(ids(r).every((id) => ['galaxy', 'elephant'].includes(id)), JSON.stringify(ids(r)));
    });
  }
  it('a remark after it names no kind: still about the product ("It\'s for her birthday")', async () => {
    const r = await conversation('a gold necklace for my wife', "I'll take the Dainty Gold Necklace. It's for her birthday.");
    assert.deepEqual(r.intent?.entities.categories.map((c) => c.toLowerCase().replace(/s$/, '')), ['necklace']);
  });
});

describe('a product shown pointed at by words of its title comes first', () => {
  it('"necklaces" → "do you have the dreamcatcher one in gold?": the Dreamcatcher Pendant Necklace first', async () => {
    const r = await conversation('necklaces', 'do you have the dreamcatcher one in gold?');
    assert.equal(ids(r)[0], 'dream', JSON.stringify(ids(r)));
  });
});

describe("a kind for a woman or a man is held to products not made for the other sex; one asked for by its title is shown as named", () => {
  const gendered = [
    product({ id: 'blouse', title: 'Striped Silk Blouse', productType: 'Shirt', tags: ['women'], price: 50 }),
    product({ id: 'white', title: 'White Cotton Shirt', productType: 'Shirt', tags: ['women'], price: 30 }),
    product({ id: 'ocean', title: 'Ocean Blue Shirt', productType: 'Shirt', tags: ['men'], price: 50 }),
    product({ id: 'plain', title: 'Plain Linen Shirt', productType: 'Shirt', price: 40 }),
    product({ id: 'zipped', title: 'Zipped Jacket', productType: 'Jacket', tags: ['men'], price: 65 }),
    product({ id: 'winter', title: 'Soft Winter Jacket', productType: 'Jacket', tags: ['women'], price: 50 }),
    product({ id: 'tux', title: 'Blue Silk Tuxedo', productType: 'Tuxedo', tags: ['men'], price: 70 }),
  ];
  const ask = (text: string) => conversationLayer(gendered).personalize({ shop: SHOP, limit: 20, sessionId: `g-${Math.random()}`, text }, NOW);
  it('"busco una camisa para mi novio", "a shirt for my husband": the men\'s shirt and the one for anyone, satisfied', async () => {
    for (const text of ['busco una camisa para mi novio', 'a shirt for my husband']) {
      const r = await ask(text);
      assert.deepEqual(new Set(ids(r)), new Set(['ocean', 'plain']), text);
      assert.equal(r.constraints.satisfied, true, text);
    }
  });
  it('"a shirt for my wife and a jacket for my husband": neither person held over the other; first a shirt for her and a jacket for him', async () => {
    for (const text of ['a shirt for my wife and a jacket for my husband', 'una chaqueta para mi esposo y una blusa para mi esposa']) {
      const r = await ask(text);
      const [a, b] = ids(r);
      assert.ok(a === 'zipped' || b === 'zipped', `${text}: ${JSON.stringify(ids(r))}`);
      assert.ok(['blouse', 'white'].includes(a as string) || ['blouse', 'white'].includes(b as string), `${text}: a women's shirt first for her: ${JSON.stringify(ids(r))}`);
      assert.equal(r.constraints.satisfied, true);
    }
  });
  it('"show me more" after them: the next shirt is again one made for her, though he was named first', async () => {
    const l = conversationLayer(gendered);
    const sessionId = `more-${Math.random()}`;
    const first = await l.personalize({ shop: SHOP, limit: 2, sessionId, text: 'una chaqueta para mi esposo y una blusa para mi esposa' }, NOW);
    assert.deepEqual(new Set(ids(first)), new Set(['zipped', 'blouse']));
    const more = await l.personalize({ shop: SHOP, limit: 2, sessionId, text: 'show me more' }, NOW + 1000);
    assert.ok(ids(more).includes('white'), `the other women's shirt, not his preference's: ${JSON.stringify(ids(more))}`);
  });
  it('"a shirt for my partner, he…", "una camisa para mi amiga": the person\'s sex said by a pronoun or a Spanish form is held as "my husband" is', async () => {
    for (const text of ['a shirt for my partner, he wears a medium', 'una camisa para mi pareja, él es alto']) assert.deepEqual(new Set(ids(await ask(text))), new Set(['ocean', 'plain']), text);
    const hers = await ask('una camisa para mi amiga');
    assert.ok(!ids(hers).includes('ocean'), `not the men's shirt: ${JSON.stringify(ids(hers))}`);
    const anyone = await ask('a shirt for my partner');
    assert.ok(ids(anyone).includes('ocean') && ids(anyone).includes('blouse'), 'nothing says who: no one is left out');
  });
  it('near miss: "a shirt and a jacket for my husband" names one person for both: his shirt and his jacket', async () => {
    const r = await ask('a shirt and a jacket for my husband');
    assert.ok(!ids(r).includes('blouse') && !ids(r).includes('winter'), JSON.stringify(ids(r)));
  });
  it('"a gift for my boyfriend" names no kind: still nothing made for women (decision 0016), the rest shown, satisfied', async () => {
    const r = await ask('a gift for my boyfriend');
    assert.ok(!ids(r).includes('blouse'), JSON.stringify(ids(r)));
    assert.ok(ids(r).includes('ocean'), JSON.stringify(ids(r)));
    assert.equal(r.constraints.satisfied, true, r.constraints.reason);
  });
  it('"a gift for my girlfriend" in a shop of men\'s things only: shown, the audience relaxed and said of her', async () => {
    const menOnly = [product({ id: 'tux', title: 'Black Tuxedo', productType: 'Suits', tags: ['men'], price: 90 })];
    const r = await conversationLayer(menOnly).personalize({ shop: SHOP, limit: 20, sessionId: 'g-men-only', text: 'a gift for my girlfriend' }, NOW);
    assert.deepEqual(ids(r), ['tux']);
    assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['audience']]);
    assert.match(r.constraints.reason ?? '', /your girlfriend/);
  });
  it('"a tuxedo for my girlfriend", the shop having only a men\'s one: shown, the audience relaxed', async () => {
    const r = await ask('a tuxedo for my girlfriend');
    assert.deepEqual(ids(r), ['tux']);
    assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['audience']]);
  });
  it('near miss: a product named as one the shopper has, with another kind asked for, is not shown as named', async () => {
    for (const text of ['I bought the Zipped Jacket last year, now I need a shirt', 'the Zipped Jacket is great, now I need a shirt', 'quiero la Zipped Jacket y una camisa']) {
      const r = await ask(text);
      assert.doesNotMatch(r.constraints.reason ?? '', /because it was asked about/, text);
      assert.ok(!r.items.some((i) => i.reasons.some((x) => 'code' in x && x.code === 'named_misses_asked')), text);
    }
  });
  it('"I want the Zipped Jacket for my girlfriend": that jacket first, said to be made for someone else; the other jackets hers', async () => {
    const r = await ask('I want the Zipped Jacket for my girlfriend');
    assert.deepEqual(ids(r), ['zipped', 'winter']);
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /Zipped Jacket is shown because it was asked about, but it is made for someone other than women/);
  });
});

describe('a new person keeps the earlier tastes when the shopper carries them over', () => {
  const rejected = (r: Awaited<ReturnType<typeof conversation>>) => r.intent?.entities.rejections.map((x) => x.value) ?? [];
  it('"earrings for my wife, no gold" → "same for my mum": still no gold', async () => {
    const r = await conversation('earrings for my wife, no gold', 'same for my mum');
    assert.deepEqual(rejected(r), ['gold']);
    assert.ok(!ids(r).includes('elephant'), JSON.stringify(ids(r)));
  });
  it('"lo mismo para mi madre" and "igual para mi hermana" too', async () => {
    assert.deepEqual(rejected(await conversation('pendientes para mi esposa, nada de oro', 'lo mismo para mi madre')), ['gold']);
    assert.deepEqual(rejected(await conversation('pendientes para mi esposa, nada de oro', 'igual para mi hermana')), ['gold']);
  });
  it('"a jacket in M for my sister" → "actually for my girlfriend, she is the same size": M', async () => {
    const r = await conversation('a jacket in M for my sister', 'actually for my girlfriend, she is the same size');
    assert.deepEqual([r.intent?.entities.sizes, r.intent?.entities.recipient], [['M'], 'girlfriend']);
  });
  it('"a leather jacket for my wife" → "and one for my husband" (or "y otra para mi marido"): leather', async () => {
    assert.deepEqual((await conversation('a leather jacket for my wife', 'and one for my husband')).intent?.entities.materials, ['leather']);
    assert.deepEqual((await conversation('una chaqueta de cuero para mi esposa', 'y otra para mi marido')).intent?.entities.materials, ['leather']);
  });
  it('"everything silver please, my family only wears silver. earrings for my wife" → "now something for my mum": silver', async () => {
    const r = await conversation('everything silver please, my family only wears silver. earrings for my wife', 'now something for my mum');
    assert.deepEqual([r.intent?.entities.colours, r.intent?.entities.recipient], [['silver'], 'mother']);
  });
  it('near miss: without such words a new person starts afresh ("now something for my mum")', async () => {
    const r = await conversation('earrings for my wife, no gold', 'now something for my mum');
    assert.deepEqual(rejected(r), []);
  });
});

describe('a range said as the shopper\'s money goes on to the next kind', () => {
  for (const [first, next] of [
    ['tengo entre 30 y 50 dólares para gastar, unos pendientes', 'mejor un collar'],
    ['my budget is 20-45 dollars total, a bracelet', 'what about a necklace then'],
  ] as const) {
    it(`"${first}" → "${next}": the range holds`, async () => {
      const r = await conversation(first, next);
      const b = r.intent?.entities.budget;
      assert.ok(b?.min !== undefined && b.max !== undefined, JSON.stringify(r.intent?.entities));
      assert.deepEqual(r.intent?.entities.categories.map((c) => c.toLowerCase().replace(/s$/, '')), ['necklace']);
    });
  }
  it('near miss: a range said of the item goes with it ("earrings between 30 and 50", then "a necklace")', async () => {
    const r = await conversation('earrings between 30 and 50 dollars', 'now a necklace');
    assert.equal(r.intent?.entities.budget, undefined);
  });
});

describe('starting over drops what the conversation held', () => {
  it('"silver earrings for my wife, no gold, under 40" → "Let\'s start over. A necklace": necklaces, gold no longer refused, no budget', async () => {
    const r = await conversation('silver earrings for my wife, no gold, under 40', "Let's start over. A necklace");
    assert.deepEqual(r.intent?.entities.categories.map((c) => c.toLowerCase().replace(/s$/, '')), ['necklace']);
    assert.deepEqual([r.intent?.entities.rejections, r.intent?.entities.budget, r.intent?.entities.colours], [[], undefined, []]);
    assert.ok(ids(r).includes('dainty') && ids(r).includes('gold-pendant'), JSON.stringify(ids(r)));
  });

  it('near miss: "forget the budget" drops the budget alone (still earrings, gold still refused)', async () => {
    const r = await conversation('silver earrings for my wife, no gold, under 40', 'forget the budget');
    assert.deepEqual(r.intent?.entities.categories.map((c) => c.toLowerCase()), ['earrings']);
    assert.equal(r.intent?.entities.budget, undefined);
    assert.ok(r.intent?.entities.rejections.some((x) => x.value === 'gold'), JSON.stringify(r.intent?.entities.rejections));
  });

  it('a resent transcript: turns before the fresh start are not merged again, later ones build on it', async () => {
    const l = layer();
    const sessionId = 'resent';
    const turns = ['User: gold earrings under 50', "User: let's start over, a necklace", 'User: in silver'];
    let r = await l.personalize({ shop: SHOP, limit: 20, sessionId, text: turns[0] as string }, NOW);
    r = await l.personalize({ shop: SHOP, limit: 20, sessionId, text: turns.slice(0, 2).join('\nAssistant: here you are\n') }, NOW + 1000);
    r = await l.personalize({ shop: SHOP, limit: 20, sessionId, text: turns.join('\nAssistant: here you are\n') }, NOW + 2000);
    const e = r.intent?.entities;
    assert.deepEqual(e?.categories.map((c) => c.toLowerCase().replace(/s$/, '')), ['necklace']);
    assert.deepEqual([e?.colours, e?.budget], [['silver'], undefined]);
    assert.equal(ids(r)[0], 'dream', JSON.stringify(ids(r)));
  });
});

describe('a product asked about by its title, outside a conversation, is the one answered with', () => {
  it('"does the Galaxy Earrings come in gold?": the Galaxy Earrings first, said not to be gold; the gold earrings after', async () => {
    const r = await conversation('does the Galaxy Earrings come in gold?');
    assert.deepEqual(ids(r), ['galaxy', 'elephant']);
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /Galaxy Earrings is shown because it was asked about, but it is not in gold/);
  });
  it('"is the dreamcatcher necklace available in gold?": words only its title has name it as its title would', async () => {
    const r = await conversation('is the dreamcatcher necklace available in gold?');
    assert.equal(ids(r)[0], 'dream');
    assert.deepEqual(r.intent?.entities.colours, ['gold'], 'whether it is to be had in gold asks for gold');
    assert.match(r.constraints.reason ?? '', /Dreamcatcher Pendant Necklace is shown because it was asked about, but it is not in gold/);
  });
  it('"do you have the leather jacket in black?": its material is how it was named, no wish it is said to miss', async () => {
    const r = await conversation('do you have the leather jacket in black?');
    assert.equal(ids(r)[0], 'leather-jacket');
    assert.deepEqual([r.intent?.entities.colours, r.intent?.entities.materials], [['black'], undefined]);
    assert.match(r.constraints.reason ?? '', /Classic Leather Jacket is shown because it was asked about, but it is not in black, which/);
  });
  it('in a conversation about other things: "gold necklaces under 40", then "is the Galaxy Earrings in stock?" answers with them', async () => {
    const r = await conversation('gold necklaces under 40', 'is the Galaxy Earrings in stock?');
    assert.equal(ids(r)[0], 'galaxy', JSON.stringify(ids(r)));
    assert.match(r.constraints.reason ?? '', /Galaxy Earrings is shown because it was asked about/);
  });
  it('"¿tienen el Anchor Bracelet en plateado?": it is, and it is the answer', async () => {
    const r = await conversation('¿tienen el Anchor Bracelet en plateado?');
    assert.equal(ids(r)[0], 'anchor');
    assert.equal(r.constraints.satisfied, true);
  });
});

describe("the colours of a named product's title are no wish", () => {
  it('"i want the dainty gold necklace in silver" (as typed): silver only, so the necklace is said not to be silver', async () => {
    const r = await conversation('i want the dainty gold necklace in silver');
    assert.equal(ids(r)[0], 'dainty');
    assert.deepEqual(r.intent?.entities.colours, ['silver']);
    assert.match(r.constraints.reason ?? '', /Dainty Gold Necklace is shown because it was asked about, but it is not in silver/);
  });
  it('"does the Gold Elephant Earrings come in gold?": asked outside the title, gold is asked, and met', async () => {
    const r = await conversation('does the gold elephant earrings come in gold?');
    assert.deepEqual([ids(r)[0], r.intent?.entities.colours, r.constraints.satisfied], ['elephant', ['gold'], true]);
  });
});

describe('what goes with a product made for one audience is for it too', () => {
  it('"what goes with it?" of a women\'s top: women\'s things, not the men\'s shirt', async () => {
    const shop = [
      product({ id: 'top', title: 'Classic Varsity Top', productType: 'Tops', tags: ['women'] }),
      product({ id: 'mens', title: 'Chequered Red Shirt', productType: 'Shirts', tags: ['men'] }),
      product({ id: 'bag', title: 'Black Leather Bag', productType: 'Bags', tags: ['women'] }),
      product({ id: 'skirt', title: 'Striped Skirt', productType: 'Skirts', tags: ['women'] }),
    ];
    const r = await conversationLayer(shop).personalize({ shop: SHOP, sessionId: 'aud', text: 'what goes with it?', productId: 'top', limit: 5 }, NOW);
    assert.equal(r.intent?.entities.audience, 'women');
    assert.deepEqual(ids(r).sort(), ['bag', 'skirt']);
  });
});

describe('the product bought comes first', () => {
  it('"necklaces" → "is the second one real silver?" → "perfect, I\'ll take it": that necklace first', async () => {
    const first = await conversation('necklaces');
    const second = ids(first)[1] as string;
    for (const last of ["perfect, I'll take it", 'listo, me lo llevo']) {
      const r = await conversation('necklaces', 'is the second one real silver?', last);
      assert.equal(ids(r)[0], second, `${last}: ${JSON.stringify(ids(r))}`);
    }
  });
});

describe('a product named in a shop whose words read one kind as several', () => {
  // The shop's own vocabulary reads "top" as its tops, tees, shirts and blouses: the word of the title
  // still names the product, not those kinds asked for.
  const tops = [
    product({ id: 'varsity', title: 'Classic Varsity Top', productType: 'Top', variants: sized(60) }),
    product({ id: 'tee', title: 'Red Sports Tee', productType: 'Tee', variants: [[50, true, { Size: 'XL' }]] }),
    product({ id: 'shirt', title: 'Chequered Red Shirt', productType: 'Shirt', variants: [[50, true, { Size: 'XL' }]] }),
    product({ id: 'blouse', title: 'Striped Silk Blouse', productType: 'Blouse', variants: [[50, true, { Size: 'XL' }]] }),
    product({ id: 'grey-sofa', title: 'Grey Sofa', productType: 'Sofa', price: 29.99 }),
    product({ id: 'pillows', title: 'Knitted Throw Pillows', productType: 'Pillows', price: 19.99 }),
  ];
  const ask = (text: string) => conversationLayer(tops, undefined, shopWordsExtractor(tops)).personalize({ shop: SHOP, sessionId: `t-${text}`, text, limit: 5 }, NOW);

  it('"do you have the varsity top in XL?": the Classic Varsity Top first, said not to come in XL', async () => {
    const r = await ask('do you have the varsity top in XL?');
    assert.equal(ids(r)[0], 'varsity', JSON.stringify(ids(r)));
    assert.match(r.constraints.reason ?? '', /Classic Varsity Top is shown because it was asked about, but it is not available in size XL/);
  });
  it('"the Grey Sofa looks nice, now I need pillows": a remark on the sofa, then pillows alone', async () => {
    for (const text of ['the Grey Sofa looks nice, now I need pillows', 'The Grey Sofa looks nice. Now I need pillows', 'el Grey Sofa se ve bien, ahora necesito cojines']) {
      const r = await ask(text);
      assert.deepEqual(ids(r), ['pillows'], text);
      assert.deepEqual(r.intent?.entities.colours, [], `${text}: the sofa's grey is no wish`);
    }
  });
});

describe('a look said instead of one the shop has none of', () => {
  it('"a pearl necklace" (none), then "silver then", "silver instead", "mejor en plata": the silver necklace, satisfied (it asked for silver and pearl)', async () => {
    for (const [first, second] of [
      ['a pearl necklace', 'silver then'],
      ['a pearl necklace', 'silver instead'],
      ['un collar de perlas', 'mejor en plata'],
    ] as const) {
      const r = await conversation(first, second);
      assert.deepEqual(ids(r), ['dream'], `${first} → ${second}`);
      assert.equal(r.constraints.satisfied, true, r.constraints.reason);
    }
  });
});

describe('"the black one" of the one product shown, which comes in blue and black', () => {
  const bracelets = [
    product({ id: 'chakra', title: '7 Chakra Bracelet', productType: 'Bracelet', tags: ['Beads'], variants: [[42.99, true, { Color: 'Blue' }], [42.99, true, { Color: 'Black' }]] }),
    product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet', tags: ['Gold'], price: 39.99 }),
    product({ id: 'charm', title: 'Moon Charm Bracelet', productType: 'Bracelet', tags: ['Gold'], price: 47.99 }),
  ];
  it('lets the blue asked before go: "cheaper" then shows the cheaper bracelet, satisfied, and says nothing of blue (it held blue)', async () => {
    const l = conversationLayer(bracelets);
    const sessionId = `black-${Math.random()}`;
    const turn = (text: string, i: number) => l.personalize({ shop: SHOP, limit: 20, sessionId, text }, NOW + i * 1000);
    assert.deepEqual(ids(await turn('a bracelet in blue', 0)), ['chakra']);
    const black = await turn('the black one', 1);
    assert.equal(ids(black)[0], 'chakra');
    const cheaper = await turn('cheaper', 2);
    assert.deepEqual(ids(cheaper), ['bangle']);
    assert.equal(cheaper.constraints.satisfied, true, cheaper.constraints.reason);
    assert.deepEqual(cheaper.intent?.entities.colours, []);
  });
});
