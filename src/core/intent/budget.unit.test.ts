import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertBudget, extractBudget, hintCurrency, parseAmount } from './budget.ts';
import type { Budget } from './types.ts';

/** Budget without the matched text, for compact expectations. */
function b(text: string, hint?: string): Record<string, unknown> | undefined {
  const r = extractBudget(text, hint);
  if (!r) return undefined;
  const { text: _t, ...rest } = r;
  return rest;
}

describe('parseAmount', () => {
  it('reads both decimal conventions and thousands separators', () => {
    assert.equal(parseAmount('1,299.99'), 1299.99);
    assert.equal(parseAmount('1.299,99'), 1299.99);
    assert.equal(parseAmount('1.299'), 1299);
    assert.equal(parseAmount('1,299'), 1299);
    assert.equal(parseAmount('49,90'), 49.9);
    assert.equal(parseAmount('49.5'), 49.5);
    assert.equal(parseAmount('2k'), 2000);
    assert.equal(parseAmount('1.234.567,8'), 1234567.8);
    assert.equal(parseAmount("1'500.000"), 1500000);
  });
});

describe('hintCurrency', () => {
  it('accepts currency codes and markets', () => {
    assert.equal(hintCurrency('mxn'), 'MXN');
    assert.equal(hintCurrency('MX'), 'MXN');
    assert.equal(hintCurrency('ES'), 'EUR');
    assert.equal(hintCurrency('US'), 'USD');
    assert.equal(hintCurrency(undefined), undefined);
    assert.equal(hintCurrency('ZZ'), undefined);
    assert.equal(hintCurrency('CU'), 'CUP');
  });
});

describe('extractBudget: English', () => {
  const cases: [string, Record<string, unknown> | undefined][] = [
    ['running shoes under $50', { max: 50 }],
    ['less than 50 euros', { max: 50, currency: 'EUR' }],
    ['below 100', { max: 100 }],
    ['max 30', { max: 30 }],
    ['between 20 and 40', { min: 20, max: 40 }],
    ['$20-$40', { min: 20, max: 40 }],
    ['$20 - $40 please', { min: 20, max: 40 }],
    ['around 60', { max: 72, approximate: true }],
    ['something for about 100 dollars', { max: 120, currency: 'USD', approximate: true }],
    ['50 bucks', { max: 50, currency: 'USD' }],
    ['a laptop under 1,299.99', { max: 1299.99 }],
    ['no more than £40', { max: 40, currency: 'GBP' }],
    ['£40 or less', { max: 40, currency: 'GBP' }],
    ['over 20 but under 50 dollars', { min: 20, max: 50, currency: 'USD' }],
    ['at least 200 usd', { min: 200, currency: 'USD' }],
    ['¥5000 max', { max: 5000, currency: 'JPY' }],
    ['up to 3000 yen', { max: 3000, currency: 'JPY' }],
    ['nothing over 40 euros', { max: 40, currency: 'EUR' }],
    ["I don't want to spend more than $80", { max: 80 }],
    ['my budget is 200', { max: 200 }],
    ['100 pounds or more', { min: 100, currency: 'GBP' }],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(b(text), want));

  it('keeps the matched text', () => {
    assert.equal(extractBudget('red shoes under $50 please')?.text, 'under $50');
    assert.equal(extractBudget('entre 20 y 40 euros, talla M')?.text, 'entre 20 y 40 euros');
  });
});

describe('extractBudget: an approximate amount is the money the shopper has, a cap with a 20 % tolerance and no floor', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['unos 40 dólares', { max: 48, currency: 'USD', approximate: true }],
    ['got about 50 bucks', { max: 60, currency: 'USD', approximate: true }],
    ['tengo como veinte dólares', { max: 24, currency: 'USD', approximate: true }],
    ['roughly £30', { max: 36, currency: 'GBP', approximate: true }],
    ['something 50ish', { max: 60, approximate: true }],
    ['alrededor de 100 euros', { max: 120, currency: 'EUR', approximate: true }],
    // "A couple" is two: "a couple hundred" with money around it (roughAmounts.ts).
    ['a couple hundred dollars max', { max: 200, currency: 'USD', approximate: true }],
    ['under a couple hundred bucks', { max: 200, currency: 'USD', approximate: true }],
    ["I've got a couple of hundred quid", { max: 200, currency: 'GBP', approximate: true }],
    ['my budget is a couple hundred', { max: 200, approximate: true }],
    ['at least a couple thousand dollars', { min: 2000, currency: 'USD', approximate: true }],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(b(text), want));

  it('keeps products a little above the amount said loosely, rounded to cents', () => {
    // "around 60 bucks" keeps the 65 jacket; "unos 40 dólares" keeps a 47.99 choker.
    assert.ok((b('around 60 bucks')?.max as number) >= 65);
    assert.ok((b('unos 40 dólares')?.max as number) >= 47.99);
    assert.deepEqual(b('como 20'), { max: 24, approximate: true });
    assert.deepEqual(b('about 49.99 dollars'), { max: 59.99, currency: 'USD', approximate: true });
    // An exact cap keeps no tolerance.
    assert.deepEqual(b('under 60 bucks'), { max: 60, currency: 'USD' });
  });

  it('keeps explicit ranges and floors, and a floor said with an approximate cap', () => {
    assert.deepEqual(b('between 30 and 50 dollars'), { min: 30, max: 50, currency: 'USD' });
    assert.deepEqual(b('entre 30 y 50 dólares'), { min: 30, max: 50, currency: 'USD' });
    assert.deepEqual(b('at least 30 dollars'), { min: 30, currency: 'USD' });
    assert.deepEqual(b('más de 30 dólares'), { min: 30, currency: 'USD' });
    assert.deepEqual(b('over 20 but about 50 dollars'), { min: 20, max: 60, currency: 'USD' });
  });
});

describe('extractBudget: Spanish', () => {
  const cases: [string, Record<string, unknown> | undefined][] = [
    ['menos de 50 €', { max: 50, currency: 'EUR' }],
    ['hasta 800 pesos', { max: 800, currency: 'MXN' }],
    // Argentina's "verdes": dollars as an amount; "2 verdes" are two green ones.
    ['una campera que no pase de 45 verdes', { max: 45, currency: 'USD' }],
    ['tengo 100 verdes', { max: 100, currency: 'USD' }],
    ['dame 2 verdes', undefined],
    ['entre 20 y 40 euros', { min: 20, max: 40, currency: 'EUR' }],
    ['no más de 100', { max: 100 }],
    ['un portátil por 1.299,99 €', { max: 1299.99, currency: 'EUR' }],
    ['unos 60 euros', { max: 72, currency: 'EUR', approximate: true }],
    ['de 20 a 40 dólares', { min: 20, max: 40, currency: 'USD' }],
    ['presupuesto de 300 pesos', { max: 300, currency: 'MXN' }],
    ['más de 100 euros', { min: 100, currency: 'EUR' }],
    ['no quiero gastar más de 100', { max: 100 }],
    ['como máximo 70 €', { max: 70, currency: 'EUR' }],
    ['por debajo de 25 euros', { max: 25, currency: 'EUR' }],
    ['a partir de 500 pesos', { min: 500, currency: 'MXN' }],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(b(text), want));
});

describe('extractBudget: currency of "$"', () => {
  it('leaves an ambiguous $ undefined without a hint', () => {
    assert.deepEqual(b('menos de $500'), { max: 500 });
  });
  it('resolves $ with a market or currency hint', () => {
    assert.deepEqual(b('menos de $500', 'MX'), { max: 500, currency: 'MXN' });
    assert.deepEqual(b('under $500', 'USD'), { max: 500, currency: 'USD' });
    assert.deepEqual(b('under $500', 'CA'), { max: 500, currency: 'CAD' });
  });
  it('reads $ as US dollars in a market whose currency is no $ one ("a necklace under $15" in Spain was "up to 15 EUR")', () => {
    assert.deepEqual(b('under $500', 'ES'), { max: 500, currency: 'USD' });
    assert.deepEqual(b('a necklace under $15', 'EUR'), { max: 15, currency: 'USD' });
    assert.deepEqual(b('un collar por menos de $30', 'ES'), { max: 30, currency: 'USD' });
    assert.deepEqual(b('earrings under 30$', 'GB'), { max: 30, currency: 'USD' });
    assert.deepEqual(b('a sofa for $105', 'PE'), { max: 105, currency: 'USD' });
    // As "dólares" is there.
    assert.deepEqual(b('menos de 30 dólares', 'ES'), { max: 30, currency: 'USD' });
  });
  it('keeps $ the market\'s own currency where that is written with $', () => {
    for (const [hint, currency] of [['US', 'USD'], ['MX', 'MXN'], ['AR', 'ARS'], ['CO', 'COP'], ['CL', 'CLP'], ['CA', 'CAD'], ['AU', 'AUD'], ['MXN', 'MXN'], ['USD', 'USD']] as const) {
      assert.deepEqual(b('menos de $500', hint), { max: 500, currency }, hint);
    }
    assert.deepEqual(b('menos de $500'), { max: 500 }, 'no market: still unknown');
  });
  it('reads pesos as the hinted peso currency', () => {
    assert.deepEqual(b('hasta 20000 pesos', 'CO'), { max: 20000, currency: 'COP' });
  });
});

describe('extractBudget: things that are not budgets', () => {
  for (const text of [
    'size 8-9',
    'talla 42',
    'de 2 a 3 días',
    'toys for kids under 10 years',
    'I need it in 2 days',
    'hasta el 15 de mayo',
    'a 55 inch TV',
    '1,299.99',
    'iPhone 15 or Galaxy S24',
    'pack of 3',
    'within 2 weeks',
    'quiero 2',
  ]) {
    it(text, () => assert.equal(extractBudget(text), undefined));
  }
});

describe('extractBudget: multipliers and thousands separators', () => {
  const cases: [string, string | undefined, Record<string, unknown>][] = [
    ['collar hasta 50 mil pesos colombianos', undefined, { max: 50000, currency: 'COP' }],
    ['collar por menos de 200 mil', 'CO', { max: 200000 }],
    ['algo de menos de 100 mil para mi papá', undefined, { max: 100000 }],
    ['hasta 50mil pesos', 'CO', { max: 50000, currency: 'COP' }],
    ['hasta $50 mil', 'CO', { max: 50000, currency: 'COP' }],
    ['hasta $50.000', 'CO', { max: 50000, currency: 'COP' }],
    ['menos de 50,000 pesos', 'CO', { max: 50000, currency: 'COP' }],
    ["un celular de máximo $1'500.000", 'CO', { max: 1500000, currency: 'COP' }],
    ['hasta 2 millones de pesos', 'CO', { max: 2000000, currency: 'COP' }],
    ['presupuesto de 1,5 millones', 'CL', { max: 1500000 }],
    ['hasta 2 mil 500 pesos', 'MX', { max: 2500, currency: 'MXN' }],
    ['under 50k', undefined, { max: 50000 }],
    ['under 50 thousand yen', undefined, { max: 50000, currency: 'JPY' }],
    ['a sofa under 2.5 thousand dollars', undefined, { max: 2500, currency: 'USD' }],
    ['entre 20 y 30 mil pesos', 'CO', { min: 20000, max: 30000, currency: 'COP' }],
    ['de 500 a 2 mil pesos', 'MX', { min: 500, max: 2000, currency: 'MXN' }],
    ['between 20 and 30 thousand', undefined, { min: 20000, max: 30000 }],
  ];
  for (const [text, hint, want] of cases) it(`${text}${hint ? ` (${hint})` : ''}`, () => assert.deepEqual(b(text, hint), want));

  it('quotes the amount as the shopper wrote it', () => {
    assert.equal(extractBudget('collar hasta 50 mil pesos colombianos, dorado')?.text, 'hasta 50 mil pesos colombianos');
    assert.equal(extractBudget('entre 20 y 30 mil pesos', 'CO')?.text, 'entre 20 y 30 mil pesos');
  });
});

describe('extractBudget: pesos', () => {
  it('a nationality names the peso whatever the market', () => {
    assert.deepEqual(b('hasta 20000 pesos argentinos'), { max: 20000, currency: 'ARS' });
    assert.deepEqual(b('5000 pesos chilenos'), { max: 5000, currency: 'CLP' });
    assert.deepEqual(b('hasta 800 pesos uruguayos', 'MX'), { max: 800, currency: 'UYU' });
    assert.deepEqual(b('under 300 colombian pesos', 'US'), { max: 300, currency: 'COP' });
    assert.deepEqual(b('under 300 Mexican pesos', 'CO'), { max: 300, currency: 'MXN' });
    assert.deepEqual(b('menos de 2000 pesos dominicanos'), { max: 2000, currency: 'DOP' });
  });
  it('bare "pesos" is the market’s peso, market or currency hint', () => {
    for (const [hint, currency] of [['CO', 'COP'], ['AR', 'ARS'], ['CL', 'CLP'], ['UY', 'UYU'], ['MX', 'MXN'], ['CU', 'CUP'], ['ARS', 'ARS']] as const) {
      assert.deepEqual(b('hasta 800 pesos', hint), { max: 800, currency }, hint);
    }
  });
  it('bare "pesos" without a peso market is MXN (a named currency is converted or left unchecked, never compared as the shop’s)', () => {
    assert.deepEqual(b('hasta 800 pesos'), { max: 800, currency: 'MXN' });
    assert.deepEqual(b('hasta 800 pesos', 'US'), { max: 800, currency: 'MXN' });
  });
  it('reads other written currencies: u$s, COP, dollars of a country', () => {
    assert.deepEqual(b('hasta 500 u$s', 'AR'), { max: 500, currency: 'USD' });
    assert.deepEqual(b('50.000 COP'), { max: 50000, currency: 'COP' });
    assert.deepEqual(b('COP 50.000'), { max: 50000, currency: 'COP' });
    assert.deepEqual(b('under 80 canadian dollars', 'US'), { max: 80, currency: 'CAD' });
  });
  it('reads "US" ending a phrase after an amount as US dollars where it is no US size', () => {
    assert.deepEqual(b('sneakers for 90 US'), { max: 90, currency: 'USD' });
    assert.deepEqual(b('sneakers under 90 US.'), { max: 90, currency: 'USD' });
    assert.deepEqual(b('chaqueta 120 US'), { max: 120, currency: 'USD' });
    for (const text of ['Nike 9 US', 'size 40 US', 'I wear a 9 US', 'a map of the 50 US states', 'US 9 sneakers']) assert.equal(b(text), undefined, text);
  });
});

describe('extractBudget: money slang', () => {
  const cases: [string, string | undefined, Record<string, unknown>][] = [
    ['50 lucas', 'AR', { max: 50000, currency: 'ARS' }],
    ['algo por una luca', 'AR', { max: 1000, currency: 'ARS' }],
    ['hasta 20 lucas', 'CL', { max: 20000, currency: 'CLP' }],
    ['entre 30 y 50 lucas', 'AR', { min: 30000, max: 50000, currency: 'ARS' }],
    ['hasta 2 palos', 'AR', { max: 2000000, currency: 'ARS' }],
    ['un palo y medio máximo', 'CO', { max: 1500000, currency: 'COP' }],
    ['hasta 50 barras', 'CO', { max: 50000, currency: 'COP' }],
    ['500 varos', undefined, { max: 500, currency: 'MXN' }],
    ['hasta 300 baros', 'MX', { max: 300, currency: 'MXN' }],
    ['a laptop under 2 grand', 'US', { max: 2000, currency: 'USD' }],
    ['under a grand', 'GB', { max: 1000, currency: 'GBP' }],
    ['under 2 grand', undefined, { max: 2000 }],
  ];
  for (const [text, hint, want] of cases) it(`${text}${hint ? ` (${hint})` : ''}`, () => assert.deepEqual(b(text, hint), want));

  it('reads no amount from slang outside its market, rather than the bare number', () => {
    assert.equal(b('hasta 50 lucas'), undefined);
    assert.equal(b('hasta 50 lucas', 'MX'), undefined);
    assert.equal(b('hasta 50 barras', 'AR'), undefined);
  });
  it('slang words naming things are not money', () => {
    assert.equal(b('quiero 2 palos de golf', 'AR'), undefined);
    assert.equal(b('un palo de selfie', 'AR'), undefined);
    assert.equal(b('2 barras de chocolate', 'CO'), undefined);
    assert.equal(b('quiero 2 barras', 'CO'), undefined);
    assert.equal(b('regalo para Lucas de 5 años', 'AR'), undefined);
    assert.equal(b('a grand piano', 'US'), undefined);
    assert.equal(b('tickets for 2 grand slams', 'US'), undefined);
  });
});

describe('extractBudget: amounts in words', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['less than fifty dollars', { max: 50, currency: 'USD' }],
    ['under twenty bucks', { max: 20, currency: 'USD' }],
    ['something under twenty-five bucks', { max: 25, currency: 'USD' }],
    ['under a hundred and fifty', { max: 150 }],
    ['two hundred euros', { max: 200, currency: 'EUR' }],
    ['between a hundred and two hundred dollars', { min: 100, max: 200, currency: 'USD' }],
    ['under fifteen hundred', { max: 1500 }],
    ['less than two thousand five hundred euros', { max: 2500, currency: 'EUR' }],
    ['ten dollars', { max: 10, currency: 'USD' }],
    ['show me what is under fifty', { max: 50 }],
    ['around forty quid', { max: 48, currency: 'GBP', approximate: true }],
    ['menos de cincuenta dólares', { max: 50, currency: 'USD' }],
    ['cien euros', { max: 100, currency: 'EUR' }],
    ['hasta doscientos', { max: 200 }],
    ['menos de treinta y cinco euros', { max: 35, currency: 'EUR' }],
    ['entre veinte y cuarenta euros', { min: 20, max: 40, currency: 'EUR' }],
    ['de cincuenta a cien euros', { min: 50, max: 100, currency: 'EUR' }],
    ['ciento cincuenta euros', { max: 150, currency: 'EUR' }],
    ['veintiún euros', { max: 21, currency: 'EUR' }],
    ['menos de cinco euros', { max: 5, currency: 'EUR' }],
    ['hasta mil pesos', { max: 1000, currency: 'MXN' }],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(b(text), want));

  it('reads Spanish thousands and millions in words, with the market’s pesos', () => {
    assert.deepEqual(b('hasta dos mil quinientos pesos', 'MX'), { max: 2500, currency: 'MXN' });
    assert.deepEqual(b('treinta y un mil pesos', 'CO'), { max: 31000, currency: 'COP' });
    assert.deepEqual(b('hasta medio millón', 'CO'), { max: 500000 });
    assert.deepEqual(b('un millón y medio de pesos', 'CO'), { max: 1500000, currency: 'COP' });
    assert.deepEqual(b('de dos a tres mil pesos', 'MX'), { min: 2000, max: 3000, currency: 'MXN' });
  });
});

describe('extractBudget: a bare range right after a product', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['necklace 30-50', { min: 30, max: 50 }],
    ['necklace 30 to 50', { min: 30, max: 50 }],
    ['collar 30 a 50', { min: 30, max: 50 }],
    ['collar de plata 30 a 50', { min: 30, max: 50 }],
    ['aretes dorados 20-40', { min: 20, max: 40 }],
    ['un regalo 100-200 para mi mamá', { min: 100, max: 200 }],
  ];
  for (const [text, want] of cases) it(text, () => assert.deepEqual(b(text), want));
  it('takes the market’s multiplier and the hint as usual', () => {
    assert.deepEqual(b('collar 30 a 50 mil', 'CO'), { min: 30000, max: 50000 });
  });
});

describe('extractBudget: near misses that are not budgets', () => {
  for (const text of [
    'mil gracias',
    'a thousand thanks',
    'hasta mil veces',
    'talle 38-40',
    'size 8-10',
    'zapatos 38-40',
    'shoes 30-50',
    'talla 42',
    'iPhone 15',
    'iphone 13-15',
    '2 for 1',
    'two for one',
    'more than once',
    'less than five minutes',
    '2-3 pieces',
    'necklace 40-45',
    'necklace 30-50 cm',
    'perfume 50-100',
    'toys for kids 10-20',
    'bracelet 10:30-11:30',
    'modelos de 2020 a 2023',
    'colección 2024 desde 2020 hasta 2023',
    'libros 2019-2021',
    'dos mil veinticuatro',
    '2024',
    'llamame al 3001234567',
    'mi número es 555-1234',
    'more than 1000 reviews',
    'I run about twenty miles a week',
    'a puppy needs about a hundred things',
    'un router para unos veinte aparatos',
    'más de 2 millones de visitas',
    'un millón de gracias',
    '2 cop cars',
    'a couple hundred reviews',
    'a couple of dollars',
  ]) {
    it(text, () => assert.equal(extractBudget(text), undefined));
  }
});

describe('convertBudget', () => {
  const rate = (from: string, to: string) => (from === 'EUR' && to === 'USD' ? 1.08 : from === 'MXN' && to === 'USD' ? 0.0512 : undefined);

  it('restates a budget in another currency in the market’s, marked estimated with what was said', () => {
    const b = extractBudget('under 50 euros') as Budget;
    assert.deepEqual(convertBudget(b, 'USD', rate), { max: 54, currency: 'USD', text: 'under 50 euros', estimated: true, stated: { max: 50, currency: 'EUR' }, rate: 1.08 });
    const pesos = extractBudget('entre 500 y 1000 pesos', 'US') as Budget;
    assert.equal(pesos.currency, 'MXN');
    assert.deepEqual(convertBudget(pesos, 'USD', rate), { min: 25.6, max: 51.2, currency: 'USD', text: 'entre 500 y 1000 pesos', estimated: true, stated: { min: 500, max: 1000, currency: 'MXN' }, rate: 0.0512 });
  });

  it('rounds to the minor unit of the currency it converts into: whole yen, three decimals of a dinar', () => {
    const eur = { max: 50, currency: 'EUR', text: 'under 50 euros' };
    assert.equal(convertBudget(eur, 'JPY', () => 161.237)?.max, 8062);
    assert.equal(convertBudget({ ...eur, max: 100 }, 'KWD', () => 0.33333)?.max, 33.333);
    assert.equal(convertBudget(eur, 'USD', () => 1.08337)?.max, 54.17);
  });

  it('converts nothing it should not: same currency, no currency, no rate', () => {
    assert.equal(convertBudget({ max: 50, currency: 'USD', text: 'under $50' }, 'USD', rate), undefined);
    assert.equal(convertBudget({ max: 50, text: 'under 50' }, 'USD', rate), undefined);
    assert.equal(convertBudget({ max: 50, currency: 'GBP', text: 'under £50' }, 'USD', rate), undefined);
    assert.equal(convertBudget({ max: 50, currency: 'EUR', text: 'under 50 euros' }, 'USD', undefined), undefined);
  });
});

describe('a cap said of a loose amount is a hard cap; "sobre" is "about"', () => {
  const caps: [string, number, string?][] = [
    ['máximo unos 150 euros', 150, 'EUR'],
    ['como mucho unos 100 euros', 100, 'EUR'],
    ['at most about 80 dollars', 80, 'USD'],
    ['max around 70 bucks', 70, 'USD'],
    ['max ~50 bucks', 50, 'USD'],
    ['hasta unos 200 euros', 200, 'EUR'],
    ['no more than about 40 dollars', 40, 'USD'],
    ['unos 150 euros como máximo', 150, 'EUR'],
  ];
  for (const [text, max, currency] of caps) it(`${text} → max ${max}, not approximate`, () => assert.deepEqual(b(text), { max, currency }));

  it('the quoted text keeps the cap word', () => assert.equal(extractBudget('una lámpara, máximo unos 150 euros')?.text, 'máximo unos 150 euros'));

  it('"sobre 60 dólares" reads as "around 60": a cap 20 % above, no floor', () => {
    assert.deepEqual(b('sobre 60 dólares'), b('around 60 dollars'));
    assert.deepEqual(b('sobre 60 dólares'), { max: 72, currency: 'USD', approximate: true });
    assert.deepEqual(b('sobre los 60 euros'), { max: 72, currency: 'EUR', approximate: true });
    assert.deepEqual(b('algo sobre 50€'), { max: 60, currency: 'EUR', approximate: true });
  });
  it('"por sobre" is a floor', () => assert.deepEqual(b('por sobre los 60 dólares'), { min: 60, currency: 'USD' }));
  it('a bare "sobre" with no currency is a subject, no money', () => assert.equal(extractBudget('un libro sobre 50 recetas'), undefined));
});

describe('a range said as the shopper\'s own money is marked `spending`', () => {
  const spending = [
    'tengo entre 30 y 50 dólares para gastar, unos pendientes',
    'my budget is 20-45 dollars total, a bracelet',
    'I want to spend 50 to 100 on the garden. a watering can',
    'mi presupuesto es de 40 a 80 euros',
    'we have between 100 and 200 for the whole thing',
    '20 to 45 dollars in total for a bracelet',
    'my price range is 30-60',
  ];
  for (const text of spending) it(`"${text}"`, () => assert.equal(extractBudget(text)?.spending, true, JSON.stringify(extractBudget(text))));
  const item = [
    'a sofa between 80 and 120 euros',
    'a sofa between 80 and 120, I do not want to spend much on pillows',
    'earrings 30-50 dollars',
    "I'd pay 30 to 50 for earrings",
    'un collar de 30 a 50 dólares',
  ];
  for (const text of item) it(`said of the item: "${text}"`, () => assert.equal(extractBudget(text)?.spending, undefined));
  it('a cap is not marked (it goes on to another kind anyway)', () => assert.equal(extractBudget('my budget is under 50 dollars')?.spending, undefined));
});

describe('extractBudget: the other currencies of Spanish-speaking markets', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['tengo un presupuesto de 200 soles', { max: 200, currency: 'PEN' }],
    ['unas zapatillas de S/ 250', { max: 250, currency: 'PEN' }],
    ['hasta S/.300', { max: 300, currency: 'PEN' }],
    ['menos de 500 quetzales', { max: 500, currency: 'GTQ' }],
    ['no más de 20.000 colones', { max: 20000, currency: 'CRC' }],
    ['un bolso de ₡15.000', { max: 15000, currency: 'CRC' }],
    ['hasta 300 mil guaraníes', { max: 300000, currency: 'PYG' }],
    ['menos de 100 bolivianos', { max: 100, currency: 'BOB' }],
  ];
  for (const [text, want] of cases) it(`"${text}"`, () => assert.deepEqual(b(text), want));
  it('their markets resolve "$" and a bare amount as any market does', () => {
    assert.equal(hintCurrency('PE'), 'PEN');
    assert.equal(hintCurrency('GT'), 'GTQ');
    assert.equal(hintCurrency('CR'), 'CRC');
  });
  it('not the soles of a shoe, nor a size before another', () => {
    assert.deepEqual(b('shoes with thick soles under 100 dollars'), { max: 100, currency: 'USD' });
    assert.equal(extractBudget('zapatos con suela gruesa, para el sol'), undefined);
    assert.equal(extractBudget('una blusa talla S/M'), undefined);
  });
});

describe('extractBudget: a new amount said in a conversation, without a currency', () => {
  for (const [text, max] of [
    ['make it 60', 60],
    ['raise the budget to 70', 70],
    ["let's say 20", 20],
    ['can we go to 100?', 100],
    ['subo el presupuesto a 60', 60],
    ['subo a 120', 120],
    ['y si subo a 60?', 60],
    ['y si gasto 70?', 70],
    ['digamos 30', 30],
    ['go back to 55', 55],
    ['mejor volvamos a 30', 30],
    ['raise it to 60', 60],
    ['ok I can stretch to 60', 60],
    ['bump it to 80', 80],
    ['dale, subilo a 50', 50],
    ['súbelo a 50', 50],
    ['bájalo a 30', 30],
  ] as const) {
    it(`"${text}" → up to ${max}`, () => assert.equal(extractBudget(text)?.max, max));
  }

  it('near misses: a quantity, a colour, a floor of a building', () => {
    for (const text of ['make it 2 please', 'make it in red', "let's say 2 of them", 'subo a la 2da planta', 'I want to go back to 2010', 'volvamos a la 2', 'I go to 5 stores', 'subilo a la 2da planta']) assert.equal(extractBudget(text), undefined, text);
  });
});

describe('extractBudget: "pavos" (Spain: euros)', () => {
  it('"unos pendientes por 20 pavos" is up to 20 EUR; near miss: "2 pavos reales" (peacocks)', () => {
    assert.deepEqual(b('unos pendientes por 20 pavos'), { max: 20, currency: 'EUR' });
    assert.deepEqual(b('un cojín de 30 pavos como mucho'), { max: 30, currency: 'EUR' });
    assert.equal(extractBudget('2 pavos reales'), undefined);
  });
});

describe('extractBudget: a range from 0 after a product', () => {
  it('"necklace 0-15" is up to 15; near miss: a sized kind ("shoes 0-10")', () => {
    assert.deepEqual(b('necklace 0-15'), { min: 0, max: 15 });
    assert.equal(extractBudget('shoes 0-10'), undefined);
  });
});
