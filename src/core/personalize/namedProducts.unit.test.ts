import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { product } from '../../testing/productFixture.ts';
import { namedProducts } from './namedProducts.ts';

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
