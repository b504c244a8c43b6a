import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { matchCategory } from '../personalize/intentScoring.ts';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import { titleKind, vocabularyFromProducts } from './vocabularyFromCatalog.ts';

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

  it('adds the kind a title names when the type names none (no type, or "Indoor" / "Outdoor"), after the tags', () => {
    const v = vocabularyFromProducts([
      { title: 'LED High Tops', category: '', productType: '', vendor: 'A', tags: ['men'] },
      { title: 'Navy Sports Jacket', category: '', productType: '', vendor: 'A', tags: ['men'] },
      { title: 'Zipped Jacket', category: '', productType: '', vendor: 'A', tags: ['men'] },
      { title: 'Copper Light', category: '', productType: 'Indoor', vendor: 'B', tags: ['Copper', 'Bedroom'] },
      { title: 'Brown Throw Pillows', category: '', productType: 'Indoor', vendor: 'B', tags: ['Pillows'] },
      { title: 'Wooden Fence', category: '', productType: 'Outdoor', vendor: 'B', tags: ['Garden'] },
      // A type that names a kind is the kind: the title's words are not read.
      { title: 'Choker with Gold Pendant', category: '', productType: 'Necklace', vendor: 'C', tags: [] },
      { title: 'Gold Chain Bracelet', category: 'Jewelry > Bracelets', productType: '', vendor: 'C', tags: [] },
    ]);
    assert.deepEqual(v.tags, ['men', 'Copper', 'Bedroom', 'Pillows', 'Garden', 'Jacket', 'High Tops', 'Light', 'Throw Pillows', 'Fence']);
    assert.deepEqual(v.categories, ['Jewelry > Bracelets', 'Indoor', 'Outdoor', 'Necklace']);
  });

  it('a title kind already said by a tag is not added again', () => {
    const v = vocabularyFromProducts([
      { title: 'Grey Sofa', category: '', productType: 'Indoor', vendor: '', tags: ['Sofa'] },
      { title: 'yellow sofa', category: '', productType: 'Indoor', vendor: '', tags: [] },
    ]);
    assert.deepEqual(v.tags, ['Sofa']);
  });

  it('a shop without product types: "shoes" reaches its high tops and "clothes" its garments through their titles', () => {
    const products = [
      product({ id: 'hi', title: 'LED High Tops', tags: ['men'] }),
      product({ id: 'shirt', title: 'Ocean Blue Shirt', tags: ['men'] }),
      product({ id: 'jumper', title: 'Yellow Wool Jumper', tags: ['women'] }),
      product({ id: 'bag', title: 'Black Leather Bag', tags: ['women'] }),
    ];
    const vocabulary = compileVocabulary(vocabularyFromProducts(products));
    const cats = (text: string, lang: 'en' | 'es') => extractEntities(text, lang, { vocabulary }).categories;
    const met = (text: string, lang: 'en' | 'es') => products.filter((p) => cats(text, lang).some((c) => matchCategory(p, c) !== undefined)).map((p) => p.id);
    assert.deepEqual(met('do you have shoes?', 'en'), ['hi']);
    assert.deepEqual(met('zapatos para hombre', 'es'), ['hi']);
    assert.deepEqual(met('clothes', 'en'), ['shirt', 'jumper']);
    assert.deepEqual(met('ropa', 'es'), ['shirt', 'jumper']);
    assert.deepEqual(met('sneakers', 'en'), ['hi']);
  });
});

describe('titleKind', () => {
  it('reads the head of the title: the last kind in English, the first in Spanish, before any connector', () => {
    const cases: [string, string | undefined][] = [
      ['Copper Light', 'Light'],
      ['LED High Tops', 'High Tops'],
      ['White Bed Clothes', 'Bed Clothes'],
      ['Gardening hand trowel', 'hand trowel'],
      ['Yellow watering can', 'watering can'],
      ['Anchor Bracelet Mens', 'Bracelet'],
      ['Choker with Gold Pendant', 'Choker'],
      ['Striped Skirt and Top', 'Skirt'],
      ['Hoodie - Black', 'Hoodie'],
      ['Light Grey Hoodie', 'Hoodie'],
      ['Lámpara de Cobre', 'Lámpara'],
      ['Pulsera Cadena Oro', 'Pulsera'],
      ['Camiseta Blanca Algodón', 'Camiseta'],
      // A top is a kind ("Denim" modifies it); "High Tops" above are sneakers.
      ['Dark Denim Top', 'Top'],
      ['Classic Varsity Top', 'Top'],
      // No kind at the head: "Shoe" modifies the word after it.
      ['Shoe Rack', undefined],
      ['Wooden outdoor slats', undefined],
    ];
    for (const [title, want] of cases) assert.equal(titleKind(title), want, title);
  });
});
