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
    ['around 60', { min: 48, max: 72, approximate: true }],
    ['something for about 100 dollars', { min: 80, max: 120, currency: 'USD', approximate: true }],
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

describe('extractBudget: Spanish', () => {
  const cases: [string, Record<string, unknown> | undefined][] = [
    ['menos de 50 €', { max: 50, currency: 'EUR' }],
    ['hasta 800 pesos', { max: 800, currency: 'MXN' }],
    ['entre 20 y 40 euros', { min: 20, max: 40, currency: 'EUR' }],
    ['no más de 100', { max: 100 }],
    ['un portátil por 1.299,99 €', { max: 1299.99, currency: 'EUR' }],
    ['unos 60 euros', { min: 48, max: 72, currency: 'EUR', approximate: true }],
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
  it('does not apply a non-dollar hint to $', () => {
    assert.deepEqual(b('under $500', 'ES'), { max: 500 });
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
