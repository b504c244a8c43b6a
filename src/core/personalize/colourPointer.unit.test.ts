/**
 * A product of the list shown pointed at by its colour ("the grey one", "la dorada"): which one, and
 * when the words point at none.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { colourPointer } from './colourPointer.ts';

const shown = [
  product({ id: 'cream', title: 'Cream Sofa', productType: 'Sofa' }),
  product({ id: 'grey', title: 'Grey Sofa', productType: 'Sofa' }),
  product({ id: 'dreamcatcher', title: 'Dreamcatcher Pendant Necklace', productType: 'Necklace', tags: ['Silver'] }),
  product({ id: 'bird', title: 'Gold Bird Necklace', productType: 'Necklace' }),
  product({ id: 'dainty', title: 'Dainty Gold Necklace', productType: 'Necklace' }),
];
const get = (id: string) => shown.find((p) => p.id === id);
const ids = shown.map((p) => p.id);

describe('colourPointer: a shown product pointed at by its colour', () => {
  it('"the grey one", "that silver one", "la plateada": the one shown product of that colour, by its title, else its tags', () => {
    assert.deepEqual(colourPointer('how much is the grey one?', ids, get), { words: 'the grey one', colour: 'grey', id: 'grey', none: false });
    assert.equal(colourPointer('what goes with that silver one?', ids, get)?.id, 'dreamcatcher', 'by its tags');
    assert.equal(colourPointer('y la plateada, ¿cuánto cuesta?', ids, get)?.id, 'dreamcatcher');
    assert.equal(colourPointer('el gris tiene garantía?', ids, get)?.id, 'grey');
  });

  it('several of that colour: none is pointed at; none of it: the colour is asked for', () => {
    const gold = colourPointer('is the gold one real?', ids, get);
    assert.equal(gold?.id, undefined);
    assert.equal(gold?.none, false);
    assert.deepEqual(colourPointer('y la negra cuánto cuesta?', ids, get), { words: 'la negra', colour: 'black', none: true });
  });

  it('no colour in the place of one, or plural words, point at nothing', () => {
    for (const t of ['the other one', 'show me the green ones', 'las verdes', 'la mejor', 'the big one', 'a grey sofa']) assert.equal(colourPointer(t, ids, get), undefined, t);
  });

  it('words compared with are left to the comparison ("cheaper than the grey one", "más barata que la gris")', () => {
    for (const t of ['anything cheaper than the grey one?', 'una más barata que la gris']) assert.equal(colourPointer(t, ids, get), undefined, t);
  });
});
