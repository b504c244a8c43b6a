/**
 * A brand the shop does not sell, asked for in a conversation ("anything by Pandora?"): the answer is
 * other makers' products, said not to be by it, not the shop's best-sellers called a match. And the
 * word said of a kind the shop names by several entries ("blouses": Blouse and Shirt) puts that very
 * kind first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../../core/catalog/product.ts';
import { conversationLayer, itemIds, shopWordsExtractor } from '../../testing/conversationLayer.ts';
import { product } from '../../testing/productFixture.ts';

const NOW = Date.UTC(2026, 5, 1, 12);
const SHOP = 'brands.myshopify.com';

const products: Product[] = [
  product({ id: 'red-shirt', title: 'Chequered Red Shirt', productType: '', vendor: 'partners-demo', tags: ['men'], price: 50 }),
  product({ id: 'blue-shirt', title: 'Ocean Blue Shirt', productType: '', vendor: 'partners-demo', tags: ['men'], price: 50 }),
  product({ id: 'blouse', title: 'Striped Silk Blouse', productType: '', vendor: 'partners-demo', tags: ['women'], price: 50 }),
  product({ id: 'bangle', title: 'Bangle Bracelet', productType: 'Bracelet', vendor: 'Rustic LTD', price: 40 }),
  product({ id: 'anchor', title: 'Anchor Bracelet', productType: 'Bracelet', vendor: 'Company 123', price: 70 }),
];

/** The layer over `products` with the shop's own words (its titles name Blouse and Shirt), its base proposing every product in catalog order. */
const ask = (sessionId: string, text: string) => conversationLayer(products, undefined, shopWordsExtractor(products)).personalize({ shop: SHOP, limit: 5, sessionId, text }, NOW);

describe('a brand the shop does not sell', () => {
  it('"Pandora bracelets?": the bracelets, not satisfied, the brand relaxed, a sentence saying so', async () => {
    const r = await ask('a', 'do you have Pandora bracelets?');
    assert.deepEqual(itemIds(r).sort(), ['anchor', 'bangle']);
    assert.equal(r.constraints.satisfied, false);
    assert.deepEqual(r.constraints.relaxed, ['brand']);
    assert.equal(r.constraints.reason, 'This shop sells nothing by Pandora: the products shown are by other makers.');
  });

  it('a vendor of the shop, or a brand refused, is no such brand', async () => {
    const sold = await ask('b', 'anything by Rustic?');
    assert.equal(sold.constraints.satisfied, true);
    const refused = await ask('c', 'a bracelet, nothing from Pandora');
    assert.equal(refused.constraints.satisfied, true);
  });
});

describe('the word said of a kind the shop names by several entries', () => {
  it('"blouses": the blouse before the shirts of its synonym group; "a shirt": the shirts before the blouse', async () => {
    assert.equal(itemIds(await ask('d', 'blouses'))[0], 'blouse');
    assert.notEqual(itemIds(await ask('e', 'a shirt')).at(0), 'blouse');
    assert.equal(itemIds(await ask('e2', 'a shirt')).indexOf('blouse'), 2, 'after both shirts');
  });
});
