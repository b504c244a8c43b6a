import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSizes, sizeWordKeys } from './sizes.ts';

describe('sizes said as adjectives of a product', () => {
  it('reads them before an English noun and after a Spanish one', () => {
    for (const [text, want] of [
      ['a large clay pot for my lemon tree', ['L']],
      ["I'm looking for a small rug", ['S']],
      ['the small one please', ['S']],
      ['two medium candles', ['M']],
      ['an extra large hoodie', ['XL']],
      ['una maceta grande', ['L']],
      ['una maceta de barro grande, máximo 12 dólares', ['L']],
      ['un buzo negro chico', ['S']],
      ['unas remeras medianas para mi hijo', ['M']],
      ['una mesa pequeña', ['S']],
    ] as const) assert.deepEqual(extractSizes(text), want, text);
  });

  it('not of amounts, thanks, people, places, presents, nor a predicate or a phrase under a preposition', () => {
    for (const text of [
      'a large selection of pots please',
      'a big thank you',
      'a large number of candles',
      'a small gift for my mum',
      'a rug for a large room',
      'it is too large',
      'una gran variedad de macetas',
      'un abrazo grande',
      'una chica grande',
      'para una casa grande',
      'la grande',
      'a pendant with a small stone',
    ]) assert.deepEqual(extractSizes(text), [], text);
  });

  it('sizeWordKeys reads size words anywhere, as keywords and titles have them', () => {
    assert.deepEqual(sizeWordKeys('clay pot large'), ['l']);
    assert.deepEqual(sizeWordKeys('Maceta Grande'), ['l']);
    assert.deepEqual(sizeWordKeys('Extra Large Tote'), ['xl']);
    assert.deepEqual(sizeWordKeys('Largo Tote'), []);
  });
});
