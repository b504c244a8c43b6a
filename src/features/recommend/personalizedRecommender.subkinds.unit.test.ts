/**
 * A narrower kind asked for ("a choker", "hoop earrings", "una gargantilla", "a tank top") is held as
 * the kind: only products whose type, tags or title say it meet it, in either language, and a shop with
 * none says so instead of calling its other necklaces a match (shopper and MCP probes, 2026-12-07).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../../core/catalog/product.ts';
import { extractEntities } from '../../core/intent/entities.ts';
import { conversationLayer, itemIds, shopWordsExtractor } from '../../testing/conversationLayer.ts';
import { product } from '../../testing/productFixture.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'subkinds.myshopify.com';

const products: Product[] = [
  product({ id: 'gold-necklace', title: 'Dainty Gold Necklace', productType: 'Necklace', price: 40 }),
  product({ id: 'choker-bead', title: 'Choker with Bead', productType: 'Necklace', description: 'Black leather choker.', tags: ['black'], price: 15 }),
  product({ id: 'choker-triangle', title: 'Choker with Triangle', productType: 'Necklace', description: 'Black leather choker, silver pendant.', tags: ['black'], price: 48 }),
  product({ id: 'studs', title: 'Galaxy Stud Earrings', productType: 'Earrings', price: 38 }),
  product({ id: 'elephant', title: 'Gold Elephant Earrings', productType: 'Earrings', price: 55 }),
];

/** One layer (its conversations) for every test: each asks in its own session. */
const layer = conversationLayer(products, undefined, shopWordsExtractor(products));
const ask = (sessionId: string, text: string, at = NOW) => layer.personalize({ shop: SHOP, limit: 5, sessionId, text }, at);

describe('the narrower kinds a message names', () => {
  it('are read as said, when every kind asked for is named so ("a necklace or a choker" asks for any necklace)', () => {
    const subkindsOf = (t: string, lang: 'en' | 'es' = 'en') => extractEntities(t, lang).subkinds;
    assert.deepEqual(subkindsOf('a choker'), ['choker']);
    assert.deepEqual(subkindsOf('gold hoop earrings'), ['hoop'], 'the kind after a narrower one of it is named by that one');
    assert.deepEqual(subkindsOf('unas argollas de plata', 'es'), ['argollas']);
    assert.deepEqual(subkindsOf('una esclava de oro', 'es'), ['esclava'], 'a bangle in Spanish (re-probe: the Anchor Bracelet led)');
    assert.deepEqual(subkindsOf('unos pendientes de aro dorados', 'es'), ['pendientes de aro']);
    assert.deepEqual(subkindsOf('pulsera rígida dorada', 'es'), ['pulsera rígida'], 'as said, accents kept');
    assert.deepEqual(subkindsOf('a red tank top'), ['tank top']);
    // Nor a chain, which most necklaces hang on, said of them in descriptions (re-probe: "gold chain" was "not chains").
    for (const t of ['a necklace or a choker', 'chokers and earrings', 'a necklace', 'earrings but not hoops', 'a gold chain']) assert.equal(subkindsOf(t), undefined, t);
  });
});

describe('a narrower kind asked for', () => {
  it('"a choker": the chokers alone meet it; "una gargantilla" finds them by their English name', async () => {
    const r = await ask('a', 'a choker');
    assert.deepEqual(itemIds(r).slice(0, 2).sort(), ['choker-bead', 'choker-triangle']);
    assert.equal(r.constraints.satisfied, true);
    const es = await ask('b', 'busco una gargantilla');
    assert.deepEqual(itemIds(es).slice(0, 2).sort(), ['choker-bead', 'choker-triangle']);
    assert.equal(es.constraints.satisfied, true);
  });

  it('"a choker, not black" where every choker is black: not satisfied, the kind let go and said as asked; a turn later, still the choker', async () => {
    const r = await ask('c', 'a choker, not black');
    assert.equal(r.constraints.satisfied, false);
    assert.deepEqual(r.constraints.relaxed, ['category']);
    assert.equal(r.constraints.reason, 'Nothing in this shop matches everything asked for (chokers, without black). The closest products are shown, but they are not chokers.');
    assert.equal(itemIds(r)[0], 'gold-necklace', 'a necklace of the broader kind first');
    await ask('d', 'a choker');
    const later = await ask('d', 'not black', NOW + 1000);
    assert.deepEqual([later.constraints.satisfied, later.constraints.relaxed], [false, ['category']], 'the choker asked for holds across turns');
  });

  it('"hoop earrings" in a shop with no hoops: not satisfied, its earrings shown as the closest (they were called a match)', async () => {
    const r = await ask('e', 'gold hoop earrings');
    assert.equal(r.constraints.satisfied, false);
    assert.deepEqual(r.constraints.relaxed, ['category']);
    assert.match(r.constraints.reason ?? '', /\(hoops, in gold\)/);
    assert.equal(itemIds(r)[0], 'elephant', 'the gold earrings first');
  });

  it('"a tennis bracelet" in a shop of bangles: not satisfied, named in the plural; "a tank top" too (they were called a match: re-probe)', async () => {
    const shop = conversationLayer(
      [product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet', price: 40 }), product({ id: 'tee', title: 'Red Sports Tee', productType: 'Tee', price: 20 })],
      undefined,
      shopWordsExtractor([]),
    );
    const r = await shop.personalize({ shop: SHOP, limit: 3, sessionId: 't1', text: 'a tennis bracelet' }, NOW);
    assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['category']]);
    assert.match(r.constraints.reason ?? '', /\(tennis bracelets\)/);
    assert.equal(itemIds(r)[0], 'bangle', 'still a bracelet first');
  });
});

describe('a narrower kind said in Spanish of several words', () => {
  it('"pulsera rígida" finds the Bangle Bracelet by its English name; "pendientes de aro" in a shop with no hoops is said so (re-probe)', async () => {
    const shop = conversationLayer(
      [product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet', price: 40 }), product({ id: 'anchor', title: 'Anchor Bracelet', productType: 'Bracelet', price: 60 }), product({ id: 'studs', title: 'Galaxy Stud Earrings', productType: 'Earrings', price: 30 })],
      undefined,
      shopWordsExtractor([]),
    );
    const rigid = await shop.personalize({ shop: SHOP, limit: 3, sessionId: 'r1', text: 'busco una pulsera rígida' }, NOW);
    assert.deepEqual([itemIds(rigid)[0], rigid.constraints.satisfied], ['bangle', true]);
    const hoops = await shop.personalize({ shop: SHOP, limit: 3, sessionId: 'r2', text: 'unos pendientes de aro' }, NOW);
    assert.deepEqual([hoops.constraints.satisfied, hoops.constraints.relaxed], [false, ['category']]);
    assert.match(hoops.constraints.reason ?? '', /\(hoops\)\. The closest products are shown, but they are not hoops\./);
  });
});
