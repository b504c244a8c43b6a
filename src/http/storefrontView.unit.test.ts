import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Product } from '../core/catalog/product.ts';
import { storefrontItem } from './storefrontView.ts';

const boot: Product = {
  id: 'boot',
  handle: 'ridge-boot',
  title: 'Ridge Waterproof Hiking Boot',
  description: '',
  vendor: ' Northpeak Outfitters ',
  productType: 'Hiking Boots',
  category: 'Apparel & Accessories > Shoes > Trail Shoes',
  tags: ['partners-demo', 'sale-2024'],
  options: {},
  variants: [{ id: 'boot-1', title: 'Default Title', price: { amount: 12000, currency: 'USD' }, available: true, options: {} }],
  images: [],
  published: true,
};
const index = CatalogIndex.build([boot]);
const reasonFor = (feature: string) => storefrontItem('boot', { source: 'affinity', feature }, index)?.reason;

describe('storefront reasons for a liked feature', () => {
  it('spells a brand, a product type and a category as the shop does', () => {
    assert.equal(reasonFor('vendor:northpeak outfitters'), 'From Northpeak Outfitters, a brand you like');
    assert.equal(reasonFor('type:hiking boots'), 'Because you like Hiking Boots');
    assert.equal(reasonFor('cat:trail shoes'), 'Because you like Trail Shoes');
  });

  it("never quotes a merchant's tag to the shopper", () => {
    assert.equal(reasonFor('tag:partners-demo'), 'Picked for your taste');
    assert.equal(reasonFor('tag:sale-2024'), 'Picked for your taste');
  });

  it('keeps the price band and the fallback sentences', () => {
    assert.equal(reasonFor('price'), 'Close to your usual price range', 'the fit is strongest at the band\'s centre and falls off around it: near, not always inside');
    assert.equal(storefrontItem('boot', { source: 'affinity' }, index)?.reason, 'Picked for your taste');
  });
});
