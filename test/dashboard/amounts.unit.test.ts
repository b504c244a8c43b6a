import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// The page's own module (plain JS, no DOM), imported as the browser does.
import { amountText, convertedText, currencyNote, notSummedText, nothingSummed } from '../../src/dashboard/amounts.js';

const lines = (summed: number, converted: number, notSummed: { currency: string; lines: number; orders: number; revenue: number; influenced: number; withoutAmount?: number }[] = []) => ({ summed, converted, notSummed });
const EUR = { currency: 'EUR', lines: 1, orders: 1, revenue: 5500, influenced: 0 };

describe('dashboard: amounts a report could only partly sum', () => {
  it('a row whose orders were all in a currency it could not sum reads “—” and says what it left out, not $0.00', () => {
    const g = { revenue: 0, influenced: 0, orderLines: lines(0, 0, [EUR]) };
    assert.equal(nothingSummed(g), true);
    assert.equal(amountText(g, 'revenue', 'USD'), '—');
    assert.equal(amountText(g, 'influenced', 'USD'), '—');
    assert.equal(notSummedText(g), '1 order in EUR not summed (€55.00)');
  });

  it('a row with dollars and a euro order shows the dollars and names the euro order it left out', () => {
    const g = { revenue: 123_400, influenced: 0, orderLines: lines(12, 0, [EUR, { currency: 'GBP', lines: 3, orders: 2, revenue: 9000, influenced: 0 }]) };
    assert.equal(amountText(g, 'revenue', 'USD'), '$1,234.00');
    assert.equal(notSummedText(g), '1 order in EUR not summed (€55.00); 2 orders in GBP not summed (£90.00)');
  });

  it('a euro line whose amount is not known says so, not €0.00', () => {
    const g = { revenue: 0, influenced: 0, orderLines: lines(0, 0, [{ ...EUR, revenue: 0, withoutAmount: 1 }]) };
    assert.equal(notSummedText(g), '1 order in EUR not summed (no amount known)');
    assert.equal(notSummedText({ ...g, orderLines: lines(0, 0, [{ ...EUR, lines: 2, withoutAmount: 1 }]) }), '1 order in EUR not summed (€55.00 + 1 line without amount)');
  });

  it('converted amounts are marked as estimates', () => {
    const g = { revenue: 5940, influenced: 0, orderLines: lines(1, 1) };
    assert.equal(amountText(g, 'revenue', 'USD'), '≈ $59.40');
    assert.equal(convertedText(g), '1 line converted at a market rate (estimate)');
  });

  it('near misses: a row without orders reads $0.00 (measured: nothing sold), and a report without `orderLines` as before', () => {
    assert.equal(amountText({ revenue: 0, influenced: 0, orderLines: lines(0, 0) }, 'revenue', 'USD'), '$0.00');
    assert.equal(amountText({ revenue: 1500, influenced: 0 }, 'revenue', 'USD'), '$15.00');
    assert.equal(notSummedText({ revenue: 0, influenced: 0 }), '');
  });

  it('the heading’s note is grammatical and names the currencies', () => {
    const g = (notSummed: (typeof EUR)[]) => ({ revenue: 0, influenced: 0, orderLines: lines(0, 0, notSummed) });
    assert.equal(currencyNote({ currency: 'USD', otherCurrencyLines: 1, groups: [g([EUR])] }), '1 order line in EUR not summed (no exchange rate configured)');
    assert.equal(currencyNote({ currency: 'USD', otherCurrencyLines: 3, groups: [g([EUR]), g([{ ...EUR, currency: 'BDT', lines: 2 }])] }), '3 order lines in BDT, EUR not summed (no exchange rate configured)');
    assert.equal(currencyNote({ currency: 'USD', otherCurrencyLines: 0, convertedLines: 2, exchangeRates: { EUR: 1.0869565 }, groups: [] }), '2 order lines converted at the markets’ rates (EUR 1 = 1.087 USD): amounts marked ≈ are estimates');
    assert.equal(currencyNote({ currency: 'USD', otherCurrencyLines: 0, groups: [] }), '');
  });
});
