/**
 * Words as shoppers type them: a Spanish kind after an English lead-in (QA probe: "do you have tenis
 * blancos?" showed the white sneakers but said the shop had "nothing called \"tenis blancos\""), and
 * full-width or zero-width characters ("ｓｉｌｖｅｒ　ｎｅｃｋｌａｃｅ", "sil\u200bver neck\u200dlace" read nothing).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../../core/catalog/product.ts';
import { conversationLayer, itemIds, shopWordsExtractor } from '../../testing/conversationLayer.ts';
import { product } from '../../testing/productFixture.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'moda.myshopify.com';

const products: Product[] = [
  product({ id: 'boots', title: 'Suede Chelsea Boots', productType: 'Boots', tags: ['suede', 'boots'], price: 90 }),
  product({ id: 'gold', title: 'Gold Chain Necklace', productType: 'Necklace', price: 60 }),
  product({ id: 'sneakers', title: 'Cotton Canvas Sneakers', productType: 'Sneakers', tags: ['sneakers'], variants: [[35, true, { Color: 'White', Size: '38' }], [35, true, { Color: 'Black', Size: '38' }]] }),
  product({ id: 'silver', title: 'Silver Threader Necklace', productType: 'Necklace', price: 15 }),
];
const layer = () => conversationLayer(products, undefined, shopWordsExtractor(products));
const ask = (text: string) => layer().personalize({ shop: SHOP, limit: 5, text }, NOW);

describe('a kind said in Spanish after English words', () => {
  for (const text of ['do you have tenis blancos?', 'do you have tenis blancos? talla 38 please', 'I need zapatillas blancas', 'got any tenis blancos?']) {
    it(`"${text}": the white sneakers, satisfied, no "nothing called"`, async () => {
      const r = await ask(text);
      assert.equal(itemIds(r)[0], 'sneakers');
      assert.deepEqual(r.constraints, { satisfied: true });
    });
  }

  it('as without the English lead-in; and a thing the shop has no word of is still said to be missing', async () => {
    assert.deepEqual((await ask('¿tienen tenis blancos?')).constraints, { satisfied: true });
    const gnome = await ask('do you have a garden gnome?');
    assert.equal(gnome.constraints.satisfied, false);
    assert.match(gnome.constraints.reason ?? '', /nothing called "garden gnome"/);
  });
});

describe('full-width letters and invisible characters', () => {
  for (const text of ['ｓｉｌｖｅｒ　ｎｅｃｋｌａｃｅ', 'sil\u200bver neck\u200dlace', '\ufeffsilver necklace\u2060']) {
    it(`${JSON.stringify(text)} reads as "silver necklace"`, async () => {
      const r = await ask(text);
      assert.deepEqual([(r.intent?.entities.categories.length ?? 0) > 0, r.intent?.entities.colours], [true, ['silver']]);
      assert.equal(itemIds(r)[0], 'silver');
      assert.ok(!itemIds(r).includes('gold'), 'no gold necklace for silver');
    });
  }

  it('plain text reads as before', async () => {
    const r = await ask('silver necklace');
    assert.deepEqual(r.intent?.entities.colours, ['silver']);
    assert.equal(itemIds(r)[0], 'silver');
  });
});
