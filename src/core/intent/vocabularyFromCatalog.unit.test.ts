import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vocabularyFromProducts } from './vocabularyFromCatalog.ts';

describe('vocabularyFromProducts', () => {
  it('collects distinct paths, types that are not path leaves, vendors and tags by frequency', () => {
    const v = vocabularyFromProducts([
      { category: 'Apparel > Shoes > Running Shoes', productType: 'Running Shoes', vendor: 'Nike', tags: ['sale', 'vegan'] },
      { category: 'Apparel > Shoes > Running Shoes', productType: 'running shoe', vendor: 'Nike ', tags: ['vegan'] },
      { category: '', productType: 'Gift Card', vendor: 'Shop', tags: [' ', 'vegan'] },
      { category: 'Apparel > Clothing > Dresses', productType: '', vendor: '', tags: [] },
    ]);
    assert.deepEqual(v, {
      categories: ['Apparel > Shoes > Running Shoes', 'Apparel > Clothing > Dresses', 'Gift Card'],
      vendors: ['Nike', 'Shop'],
      tags: ['vegan', 'sale'],
    });
  });
});
