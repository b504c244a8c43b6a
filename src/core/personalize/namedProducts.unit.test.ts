import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { product } from '../../testing/productFixture.ts';
import { namedProducts, wantedByName } from './namedProducts.ts';

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

test('a product asked for by its title is the one wanted, in English and Spanish', () => {
  const wanted = (text: string) => wantedByName(text, index);
  assert.equal(wanted('I want the Gold Elephant Earrings for my sister'), 'elephant');
  assert.equal(wanted('quiero el collar de plata para mi madre'), 'collar');
  assert.equal(wanted('I would like the Gold Elephant Earrings'), 'elephant', '"like" as a verb is no comparison');
  assert.equal(wanted('can I have the Gold Elephant Earrings?'), 'elephant');
  assert.equal(wanted("I'd like the gold elephant earrings please"), 'elephant');
});

test('near misses: a title just after a word that makes it another product is not the one wanted', () => {
  const wanted = (text: string) => wantedByName(text, index);
  for (const text of [
    'something like the gold elephant earrings',
    'similar to the Gold Elephant Earrings but cheaper',
    'not the gold elephant earrings',
    "I don't want the gold elephant earrings",
    'I really don’t want the Gold Elephant Earrings',
    'algo parecido al collar de plata',
    'en vez del collar de plata',
    'otro que no sea el collar de plata',
    'I bought the Gold Elephant Earrings last year',
    'ya tengo el collar de plata, ahora quiero aretes',
  ]) assert.equal(wanted(text), undefined, text);
  assert.equal(wanted('gold earrings'), undefined, 'no title said');
  assert.equal(wanted('I need a collar de plata and a gold elephant earring'), undefined, 'said as kinds, not as names');
  assert.equal(wanted('Gold Elephant Earrings for my sister'), 'elephant', 'written as its title is');
});

test('a message asked again of one catalog is read once; another catalog reads it for itself', () => {
  const text = 'Do you still have the gold elephant earrings?';
  assert.equal(namedProducts(text, index), namedProducts(text, index));
  assert.ok(Object.isFrozen(namedProducts(text, index)));
  const other = CatalogIndex.build([product({ id: 'elephant-2', title: 'Gold Elephant Earrings' })]);
  assert.deepEqual(namedProducts(text, other).map((p) => p.id), ['elephant-2']);
});
