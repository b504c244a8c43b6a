import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSizes, sizeKey, sizeKeys } from './sizes.ts';

describe('sizeKey: one key for a size however a shop or a shopper writes it', () => {
  const same: [string, string[]][] = [
    ['xl', ['XL', 'X-Large', 'XLarge', 'Extra Large', 'x large', '1X', 'EG', 'XG', 'Extra Grande']],
    ['xxl', ['XXL', '2XL', 'XX-Large', 'XXLarge', '2X', 'EEG']],
    ['xs', ['XS', 'X-Small', 'XSmall', 'Extra Small', 'Extra Chico']],
    ['s', ['S', 'Small', 'CH', 'Chico', 'Chica']],
    ['m', ['M', 'Medium', 'Mediano', 'Size M', 'Talla M']],
    ['l', ['L', 'Large', 'G', 'Grande']],
    ['42', ['42', '42.0', 'EU 42', '42 EU', 'Talla 42', 'EUR 42', 'eu42']],
    ['8', ['8', 'Size 8', 'US 8', '8 US', 'UK 8', 'No. 8']],
    ['10.5', ['10.5', '10,5', '10 1/2', 'US 10.5', '10½']],
    ['one size', ['One Size', 'one-size', 'One Size Fits All', 'OS', 'O/S', 'OSFA', 'Talla Única', 'Unitalla', 'Talle Único', 'Tamaño Único', 'Talla Universal']],
  ];
  for (const [key, values] of same) {
    it(`${values.join(', ')} → ${key}`, () => {
      for (const v of values) assert.equal(sizeKey(v), key, v);
    });
  }

  it('leaves other values as they are (no system word read inside a word)', () => {
    assert.equal(sizeKey('Regular'), 'regular');
    assert.equal(sizeKey('Normal'), 'normal', 'not "no" + "rmal"');
    assert.equal(sizeKey('Usual'), 'usual');
    assert.equal(sizeKey('Petite'), 'petite');
    assert.notEqual(sizeKey('EU 42'), sizeKey('EU 43'));
    assert.notEqual(sizeKey('XL'), sizeKey('XXL'));
    assert.notEqual(sizeKey('G'), sizeKey('EG'), 'grande is not extra grande');
  });
});

describe('sizeKeys: a value naming two sizes matches either', () => {
  it('reads "S/M" and "EU 42 / US 9" apart, and keeps the whole', () => {
    assert.deepEqual(sizeKeys('S/M'), ['s/m', 's', 'm']);
    assert.ok(sizeKeys('EU 42 / US 9').includes('42') && sizeKeys('EU 42 / US 9').includes('9'));
  });
  it('does not split one size, a fraction or a waist / length', () => {
    assert.deepEqual(sizeKeys('O/S'), ['one size']);
    assert.deepEqual(sizeKeys('10 1/2'), ['10.5']);
    assert.deepEqual(sizeKeys('32/34'), ['32/34'], 'waist 32, length 34: not size 34');
  });
});

describe('extractSizes: the size formats shoppers write', () => {
  const cases: [string, string[]][] = [
    ['zapatillas EU 42', ['42']],
    ['sneakers size 8', ['8']],
    ['playera talla CH', ['S']],
    ['camisa talla EG por favor', ['XL']],
    ['talla G', ['L']],
    ['hoodie in XLarge', ['XL']],
    ['hoodie in X-Large', ['XL']],
    ['leggings size 2X', ['XXL']],
    ['gorro talla única', ['One Size']],
    ['a one size hat', ['One Size']],
    ['one-size-fits-all beanie', ['One Size']],
    ['¿hay unitalla?', ['One Size']],
    ['size 10 1/2 boots', ['10.5']],
  ];
  for (const [text, want] of cases) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractSizes(text), want));

  it('reads "US" before a size in capitals or after a size word, never the pronoun or a currency', () => {
    assert.deepEqual(extractSizes('Nike US 9 sneakers'), ['9']);
    assert.deepEqual(extractSizes('shoe size us 9'), ['9']);
    assert.deepEqual(extractSizes('uk 7 boots'), ['7']);
    for (const text of ['can you send us 3 scarves?', 'give us 2 options', 'boots under 50 US dollars', 'a scarf under 40 UK pounds']) assert.deepEqual(extractSizes(text), [], text);
  });

  it('reads no size in near misses', () => {
    for (const text of ['do you have it one size up?', 'is it one size too small?', 'una talla más grande?', 'CH please', 'the G-Shock watch', 'buy 2x candles', 'eg a scarf']) {
      assert.deepEqual(extractSizes(text), [], text);
    }
  });
});
