import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { vocabularyFromProducts } from '../../core/intent/vocabularyFromCatalog.ts';
import { featureCandidates, featureIndexOf } from '../../core/personalize/featureIndex.ts';
import { product } from '../../testing/productFixture.ts';
import { ShopVocabularyCache, warmIntentData } from './shopVocabulary.ts';

const products = Array.from({ length: 1200 }, (_, i) =>
  product({ id: `p${String(i).padStart(4, '0')}`, title: `Item ${i}`, vendor: `Vendor ${i % 7}`, productType: i % 2 ? 'Necklaces' : 'Rings', category: 'Jewelry', tags: [`tag${i % 5}`], variants: [[10, true, { Color: i % 3 ? 'Gold' : 'Silver' }]] }),
);

describe('ShopVocabularyCache and warmIntentData', () => {
  it('warms the vocabulary and the feature index of a catalog in slices; get then uses them', async () => {
    const index = CatalogIndex.build(products);
    // sliceMs 0: one step per event-loop turn, and it still finishes.
    await warmIntentData(index, () => true, 0);
    const cache = new ShopVocabularyCache();
    const v = cache.get('shop', index);
    assert.deepEqual(v, vocabularyFromProducts(index.all()));
    assert.equal(cache.get('shop', index), v);
    const silver = featureCandidates(featureIndexOf(index.all()), { colours: ['silver'], categories: [] }, 1000);
    assert.equal(silver.length, 400);
  });

  it('stops when the index was replaced, and get still builds the same vocabulary', async () => {
    const index = CatalogIndex.build(products);
    await warmIntentData(index, () => false);
    assert.deepEqual(new ShopVocabularyCache().get('shop', index), vocabularyFromProducts(index.all()));
  });
});
