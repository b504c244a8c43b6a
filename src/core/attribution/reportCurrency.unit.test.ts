import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../catalog/product.ts';
import { catalogCurrency } from './reportCurrency.ts';

const product = (id: string, currencies: readonly string[]): Product => ({
  id,
  handle: id,
  title: id,
  description: '',
  vendor: '',
  productType: '',
  category: '',
  tags: [],
  options: {},
  variants: currencies.map((currency, i) => ({ id: `${id}-${i}`, title: '', price: { amount: 100, currency }, available: true, options: {} })),
  images: [],
  published: true,
});

describe('catalogCurrency: the shop’s own currency', () => {
  it('is the currency the catalog’s variants are priced in', () => {
    assert.equal(catalogCurrency([product('a', ['USD', 'USD']), product('b', ['USD'])]), 'USD');
  });

  it('is the one most variants are priced in, the first alphabetically on a tie', () => {
    assert.equal(catalogCurrency([product('a', ['eur', 'EUR']), product('b', ['USD'])]), 'EUR');
    assert.equal(catalogCurrency([product('a', ['USD']), product('b', ['EUR'])]), 'EUR');
  });

  it('near miss: an empty catalog says nothing', () => {
    assert.equal(catalogCurrency([]), undefined);
  });
});
