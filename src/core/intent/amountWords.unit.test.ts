import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spellAmounts } from './amountWords.ts';
import { fold } from './text.ts';

const MONEY = /^\s*(?:dollars?|bucks|euros?|pesos?|€|\$)(?!\p{L})/u;

/** The rewritten folded text. */
function spell(text: string, currency?: string): string {
  return spellAmounts(fold(text), { ...(currency ? { currency } : {}), moneyAfter: MONEY }).text;
}

describe('spellAmounts', () => {
  it('writes English number words as digits', () => {
    assert.equal(spell('under fifty'), 'under 50');
    assert.equal(spell('a hundred and fifty dollars'), '150 dollars');
    assert.equal(spell('between a hundred and two hundred'), 'between 100 and 200');
    assert.equal(spell('fifteen hundred'), '1500');
    assert.equal(spell('twenty-five bucks'), '25 bucks');
    assert.equal(spell('two thousand five hundred'), '2500');
    assert.equal(spell('a million'), '1000000');
  });

  it('writes Spanish number words as digits', () => {
    assert.equal(spell('treinta y cinco'), '35');
    assert.equal(spell('entre veinte y cuarenta'), 'entre 20 y 40');
    assert.equal(spell('doscientos cincuenta mil'), '250000');
    assert.equal(spell('mil doscientos'), '1200');
    assert.equal(spell('cien mil'), '100000');
    assert.equal(spell('un millón y medio'), '1500000');
    assert.equal(spell('medio millón'), '500000');
    assert.equal(spell('veintiún mil'), '21000');
  });

  it('multiplies digits by mil, millones, thousand and million', () => {
    assert.equal(spell('50 mil'), '50000');
    assert.equal(spell('50mil'), '50000');
    assert.equal(spell('1,5 millones'), '1500000');
    assert.equal(spell('2.5 million'), '2500000');
    assert.equal(spell('2 mil 500 pesos'), '2500 pesos');
    assert.equal(spell('2 millones de pesos'), '2000000 pesos');
    assert.equal(spell('entre 20 y 30 mil'), 'entre 20000 y 30000');
    assert.equal(spell('20-30 mil'), '20000-30000');
    assert.equal(spell('de 500 a 2 mil'), 'de 500 a 2000');
  });

  it('writes money slang with the currency it means, only where it is money', () => {
    assert.equal(spell('50 lucas', 'ARS'), '50000 ars');
    assert.equal(spell('50 lucas', 'CLP'), '50000 clp');
    assert.equal(spell('25 luquitas', 'ARS'), '25000 ars', 'the diminutive too');
    assert.equal(spell('50 lucas'), '50 lucas');
    assert.equal(spell('50 lucas', 'MXN'), '50 lucas');
    assert.equal(spell('2 palos', 'ARS'), '2000000 ars');
    assert.equal(spell('2 palos de golf', 'ARS'), '2 palos de golf');
    assert.equal(spell('20 barras', 'COP'), '20000 cop');
    assert.equal(spell('20 barras', 'ARS'), '20 barras');
    assert.equal(spell('500 varos'), '500 mxn');
    assert.equal(spell('2 grand'), '2000 ¤');
  });

  it('leaves words that are not amounts alone', () => {
    for (const text of ['more than once', 'two for one', 'a lot', 'un regalo', 'dos o tres', 'about twenty miles', 'unos veinte aparatos', 'a las cinco y media', 'un millón de gracias']) {
      assert.equal(spell(text), fold(text), text);
    }
    assert.equal(spell('ten dollars'), '10 dollars');
    assert.equal(spell('ten'), 'ten');
    assert.equal(spell('twenty-thirty dollars'), '20-30 dollars');
  });

  it('maps spans of the rewritten text back to the input', () => {
    const input = fold('hasta 50 mil pesos colombianos');
    const s = spellAmounts(input, { moneyAfter: MONEY });
    assert.equal(s.text, 'hasta 50000 pesos colombianos');
    const [a, b] = s.span(s.text.indexOf('50000'), s.text.indexOf('50000') + 5);
    assert.equal(input.slice(a, b), '50 mil');
    const [c, d] = s.span(0, s.text.length);
    assert.equal(input.slice(c, d), input);
  });
});
