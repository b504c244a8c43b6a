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
    assert.deepEqual(sizeKeys('32/34'), ['32x34', '32'], 'waist 32, length 34: not size 34');
    assert.deepEqual(sizeKeys('42/43'), ['42/43'], 'no waist and length: one value');
  });
  it('keys jeans by waist and length however the shop writes them, and by the waist alone', () => {
    for (const value of ['32x30', '32 x 30', '32/30', 'W32 L30', 'W32/L30', 'w32 x l30', '32W x 30L', '32w30l']) assert.deepEqual(sizeKeys(value), ['32x30', '32'], value);
    assert.equal(sizeKey('34 X 32'), '34x32');
    assert.equal(sizeKey('10x12'), '10x12', 'out of a waist and a length range: the value as written');
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
    // A size asked after, alone: a turn of a conversation.
    ['what about large?', ['L']],
    ['how about a medium?', ['M']],
    ['¿y la L?', ['L']],
    ['¿qué tal una M?', ['M']],
    ['what about black?', []],
  ];
  for (const [text, want] of cases) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractSizes(text), want));

  it('reads "US" before a size in capitals or after a size word, never the pronoun or a currency', () => {
    assert.deepEqual(extractSizes('Nike US 9 sneakers'), ['9']);
    assert.deepEqual(extractSizes('shoe size us 9'), ['9']);
    assert.deepEqual(extractSizes('uk 7 boots'), ['7']);
    for (const text of ['can you send us 3 scarves?', 'give us 2 options', 'boots under 50 US dollars', 'a scarf under 40 UK pounds']) assert.deepEqual(extractSizes(text), [], text);
  });

  it('reads no size in near misses', () => {
    for (const text of ['do you have it one size up?', 'is it one size too small?', 'una talla más grande?', 'CH please', 'the G-Shock watch', 'buy 2x candles', 'eg a scarf', 'un collar con la inicial M', 'a necklace with the letter L', 'initial M necklace']) {
      assert.deepEqual(extractSizes(text), [], text);
    }
  });
});

describe('extractSizes: a number after a system is a size only in that system\'s range and without money before it', () => {
  it('reads sizes with the system before or after, in range', () => {
    for (const [text, want] of [
      ['Nike US 9', ['9']],
      ['size 9 US', ['9']],
      ['talla 42 EU', ['42']],
      ['EU 42 sneakers', ['42']],
      ['UK 12 dress', ['12']],
      ['boots 38 EU', ['38']],
    ] as const) {
      assert.deepEqual(extractSizes(text), want, text);
    }
  });
  it('reads no size in a price in US dollars or a number no system has', () => {
    for (const text of ['sneakers for 90 US', 'sneakers for 45 US', 'boots under 60 UK', 'zapatos por 80 US', 'a jacket for $90 US', 'EU 120 please', 'US 75 sneakers', 'hasta 40 EU']) {
      assert.deepEqual(extractSizes(text), [], text);
    }
  });
});

describe('extractSizes: every size the shopper accepts', () => {
  const cases: [string, string[]][] = [
    ['EU 42 or 43', ['42', '43']],
    ['talla M o L', ['M', 'L']],
    ['talla m o l', ['M', 'L']],
    ['size s or m', ['S', 'M']],
    ['size 8 or 9', ['8', '9']],
    ['talla 42/43', ['42', '43']],
    ['42 or 43 EU', ['42', '43']],
    ['UK 8 or 9 boots', ['8', '9']],
    ['US 9 or 9.5', ['9', '9.5']],
    ['size 8, 9 or 10', ['8', '9', '10']],
    ['sizes 8 and 9', ['8', '9']],
    ['tallas 38 y 39', ['38', '39']],
    ['in a medium or large', ['M', 'L']],
    ['en mediana o grande', ['M', 'L']],
    ['size 8 to 9', ['8', '8.5', '9']],
    ['talla 38 a 40', ['38', '39', '40']],
    ['talla 38-40', ['38', '39', '40']],
  ];
  for (const [text, want] of cases) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractSizes(text), want));

  it('reads one size in near misses: a count, money, an age, a far number, words after the size', () => {
    for (const [text, want] of [
      ['size 9 and 2 pairs of socks', ['9']],
      ['size 10 or 12 dollars', ['10']],
      ['talla 9 o 10 años', ['9']],
      ['size 9 or 20', ['9']],
      ['size 8, 3 colours', ['8']],
      ['size 8 - 2 pack', ['8']],
      ['size M and a scarf', ['M']],
      ['talla M a buen precio', ['M']],
      ['EU 42 for 90 US', ['42']],
    ] as const) {
      assert.deepEqual(extractSizes(text), want, text);
    }
  });

  it('reads no size from a bare pair of numbers that is no waist and length (a date, EU alternatives)', () => {
    for (const text of ['shoes 42/43', 'delivery by 12/15', 'order 32/34 arrived']) assert.deepEqual(extractSizes(text), [], text);
    assert.deepEqual(extractSizes('talla 38/40'), ['38', '40'], 'either size');
  });

  it('reads a waist and a length as shoppers write them', () => {
    for (const [text, want] of [
      ['jeans 32x30', '32x30'],
      ['jeans 32/34', '32x34'],
      ['I need jeans in W32 L34', '32x34'],
      ['pants 32W 30L', '32x30'],
      ['waist 32 length 30', '32x30'],
      ['unos vaqueros cintura 32 largo 30', '32x30'],
      ['size 32x30', '32x30'],
      ['chinos 34 x 32 please', '34x32'],
    ] as const)
      assert.deepEqual(extractSizes(text), [want], text);
  });

  it('reads no waist and length from dimensions', () => {
    for (const text of ['a 30x30 cm cushion cover', '8x10 frames', '30x30 pillow', 'jeans poster 30x40 cm', 'a 24x36 poster']) assert.deepEqual(extractSizes(text), [], text);
  });
});

describe('extractSizes: a bare number after "in" / "en" is a size when nothing makes it a count, money, a date or a time', () => {
  const cases: [string, string[]][] = [
    ['do you have these in 42/43?', ['42', '43']],
    ['¿lo tienes en 42?', ['42']],
    ['in a 9.5', ['9.5']],
    ['do these come in 10 or 11', ['10', '11']],
    ['¿las tienen en un 40 o 41 por favor?', ['40', '41']],
    ['the white one in 6, order it', ['6']],
    ['hold the boots in 39 for me', ['39']],
    ['trail shoes in 11 wide', ['11']],
    ['los blancos en 25 y los negros en 27', ['25', '27']],
    ['las zapatillas en 42, ¿las puedo pagar en 3 cuotas?', ['42']],
    // Spain: the size with its article, or "del".
    ['¿las tenéis en el 42?', ['42']],
    ['un vestido en la 40', ['40']],
    ['zapatillas de deporte del 38', ['38']],
  ];
  for (const [text, want] of cases) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractSizes(text), want));

  it('reads no size in a duration, a date, a count, money, payments or "2 in 1"', () => {
    for (const text of [
      'can it be here in 2 days?',
      'en 3 cuotas',
      'ready in 10 minutes',
      'new collection in 2026',
      'comes in 42 colours',
      'in 2-3 days',
      'can it arrive in 2?',
      'se puede pagar en 6?',
      'mine lasted 15 years, hers died in 2',
      'in 42.99 dollars',
      'in 20%',
      'in 80?',
      '2 in 1 shampoo',
      'un cargador 3 en 1',
      'in 10 for $50',
      'llega en el 2',
      'del 15 al 20 de diciembre',
      'el modelo del 2023',
    ]) {
      assert.deepEqual(extractSizes(text), [], text);
    }
  });
});

describe('extractSizes: "tamaño" before a size word', () => {
  const cases: [string, string[]][] = [
    ['¿tenés en tamaño grande?', ['L']],
    ['¿lo tienen en tamaño mediano?', ['M']],
    ['una maceta de tamaño chico o mediano', ['S', 'M']],
    ['tamaño XL', ['XL']],
    ['tamaño único', ['One Size']],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(extractSizes(text), want));

  it('reads no size from a measure or a size said of nothing', () => {
    for (const text of ['tamaño 30 x 40', 'de buen tamaño', 'el tamaño me da igual']) assert.deepEqual(extractSizes(text), [], text);
  });
});

describe('extractSizes: a person said to be, wear or take a size', () => {
  const cases: [string, string[]][] = [
    ["he's a medium", ['M']],
    ['hes a medium', ['M']],
    ["I'm a large", ['L']],
    ['she is an XS', ['XS']],
    ['he wears a large', ['L']],
    ['she usually takes a small', ['S']],
    ["my son's a medium in shirts", ['M']],
    ['he is usually a medium', ['M']],
    ["he's a medium or large", ['M', 'L']],
    ['a hoodie for my dad, he wears an XL', ['XL']],
    // A size asked for by "need" / "want" alone: "any hoodies in green? need a large".
    ['any hoodies in forest green? need a large', ['L']],
    ['I want a medium or large', ['M', 'L']],
  ];
  for (const [text, want] of cases) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(extractSizes(text), want));
  for (const text of ["she's a small woman", "I'm a large family", 'I am a small business owner', "it's a small", 'we need a small favour', 'I want a large family tent']) {
    it(`${text} → no size`, () => assert.deepEqual(extractSizes(text), []));
  }
});

describe("extractSizes: Peru's sol sign is no size S", () => {
  it('"S/ 250" and "S/.300" are money (budget.ts), "S/M" still two sizes', () => {
    assert.deepEqual(extractSizes('unas zapatillas de S/ 250'), []);
    assert.deepEqual(extractSizes('hasta S/.300'), []);
    assert.deepEqual(extractSizes('una chaqueta talla S/M de 200 soles'), ['S', 'M']);
    assert.deepEqual(extractSizes('una blusa S, por favor'), ['S']);
  });
});

describe('toddler, baby, bra and age sizes', () => {
  it('a shopper says them as shops write them: one key for both', () => {
    for (const [said, value] of [['4T', '4 T'], ['6-12M', '6-12 Months'], ['0-3M', '0-3 mo'], ['6-12M', '6 a 12 meses'], ['34B', '34 B'], ['85B', '85B'], ['10', '10 años'], ['10', '10Y'], ['7T', '7T']] as const) {
      assert.equal(sizeKey(said), sizeKey(value), `${said} ~ ${value}`);
    }
    assert.deepEqual(sizeKeys('3T/4T'), ['3t/4t', '3t', '4t']);
  });
  it('read from what shoppers write', () => {
    assert.deepEqual(extractSizes('pajamas in 4T'), ['4T']);
    assert.deepEqual(extractSizes('toddler shoes size 7T'), ['7T']);
    assert.deepEqual(extractSizes('a onesie for 6-12 months'), ['6-12M']);
    assert.deepEqual(extractSizes('ropa de bebé de 3 a 6 meses'), ['3-6M']);
    assert.deepEqual(extractSizes('bra 34B'), ['34B']);
    assert.deepEqual(extractSizes('sujetador 85B'), ['85B']);
  });
  it('a baby size by one month: "3M" of a baby\'s things or after a size word, spelled out after a size word', () => {
    for (const [text, size] of [['a onesie in 3M', '3M'], ['baby romper 12m', '12M'], ['size 6 months', '6M'], ['talla 3 meses', '3M'], ['un mameluco 9m', '9M']] as const) {
      assert.deepEqual(extractSizes(text), [size], text);
    }
    // US sizing: "3M" is 0–3 months, so a shop's "0-3M" comes in it, and its "3-6M" in "6M".
    assert.deepEqual(sizeKeys('0-3M'), ['0-3m', '3m']);
    assert.ok(sizeKeys('3-6 Months').includes(sizeKey('6M')));
    assert.equal(sizeKey('12 meses'), sizeKey('12M'));
  });
  it('not a time, a temperature, a weight, a length, an age or a range of sizes', () => {
    for (const text of ['in 2 to 3 months', 'dentro de 3 a 6 meses', 'I will wear it for 2 to 3 months', 'it is 32C outside, need a light jacket', '100g of coffee', 'a 3m cable', 'a gift for a 6 month old baby', 'a 12 month subscription', 'in 3 months I will buy']) assert.deepEqual(extractSizes(text), [], text);
    assert.deepEqual(extractSizes('talla 38 a 40'), ['38', '39', '40']);
  });
});

describe('extractSizes: a size said before whom the product is for', () => {
  it('"a jumper in medium for my girlfriend", "una chaqueta en M para mi hijo" (the size was lost when a recipient followed)', () => {
    assert.deepEqual(extractSizes('a jumper in medium for my girlfriend'), ['M']);
    assert.deepEqual(extractSizes('a top in small for my wife'), ['S']);
    assert.deepEqual(extractSizes('una chaqueta en M para mi hijo'), ['M']);
    assert.deepEqual(extractSizes('cook it in medium for a while'), []);
  });
});
