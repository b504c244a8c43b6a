import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import type { IntentEntities } from '../intent/types.ts';
import { product } from '../../testing/productFixture.ts';
import { emptyIntent } from './intentInput.ts';
import { namedProducts, namesProduct, singledOut } from './namedProducts.ts';

const index = CatalogIndex.build([
  product({ id: 'elephant', title: 'Gold Elephant Earrings', variants: [[54.99, false]] }),
  product({ id: 'collar', title: 'Collar de plata' }),
  product({ id: 'cap', title: 'Cap' }),
  product({ id: 'anchor', title: 'Anchor Bracelet Mens' }),
]);
const named = (text: string) => namedProducts(text, index).map((p) => p.id);

test('a product is named when its whole title is said, in any case, plural or accents aside', () => {
  assert.deepEqual(named('Do you still have the gold elephant earrings?'), ['elephant']);
  assert.deepEqual(named('¿Tienen el COLLAR DE PLATA en stock?'), ['collar']);
  assert.deepEqual(new Set(named('compare the anchor bracelet mens and the gold elephant earring')), new Set(['anchor', 'elephant']));
});

test('near misses: part of a title, a one-word title, words in another order name nothing', () => {
  assert.deepEqual(named('gold earrings'), []);
  assert.deepEqual(named('elephant earrings in gold'), []);
  assert.deepEqual(named('a cap for the sun'), []);
  assert.deepEqual(named(''), []);
});

describe('a product named by its distinctive title words (singledOut)', () => {
  const zipped = product({ id: 'zipped', title: 'Zipped Jacket', tags: ['men'] });
  const leather = product({ id: 'leather', title: 'Classic Leather Jacket', tags: ['women'] });
  const summer = product({ id: 'summer', title: 'Silk Summer Top', tags: ['women'] });
  const striped = ['Striped Shirt Red', 'Striped Shirt Blue', 'Striped Shirt Green', 'Striped Shirt White'].map((title, i) => product({ id: `s${i}`, title }));
  const e = (over: Partial<IntentEntities>): IntentEntities => ({ ...emptyIntent().entities, ...over });

  it('is named when its title has every title term and the intent says half its title or more', () => {
    // "the zipped jacket for my girlfriend": the term "zipped", the kind "Jacket".
    const said = e({ categories: ['Jacket'], terms: ['zipped'], recipient: 'girlfriend', isGift: true });
    assert.deepEqual(singledOut([zipped, leather, summer], said), [true, false, false]);
    // "the zipped one": one of its two words.
    assert.equal(namesProduct(zipped, e({ terms: ['zipped'] })), true);
  });

  it('near misses: a word that is one of three in a title, words a sort of product shares, no terms', () => {
    assert.equal(namesProduct(summer, e({ terms: ['summer'] })), false, '"something for summer"');
    assert.equal(namesProduct(leather, e({ terms: ['classic'] })), false, '"a classic look"');
    assert.deepEqual(singledOut(striped, e({ categories: ['Shirt'], terms: ['striped'] })), [false, false, false, false], 'four striped shirts: a sort, not one');
    assert.deepEqual(singledOut([zipped, undefined], e({ categories: ['Jacket'] })), [false, false]);
  });
});
