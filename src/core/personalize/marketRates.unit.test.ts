import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { marketRates } from './marketRates.ts';

describe('marketRates', () => {
  const rate = marketRates([
    { currency: 'USD', exchangeRates: { EUR: 1.1, MXN: 0.05 } },
    { currency: 'EUR', exchangeRates: { USD: 0.5 } },
    { currency: 'MXN' },
  ]);

  it('reads a market’s rates (its currency per unit of another), and their inverses', () => {
    assert.equal(rate('EUR', 'USD'), 1.1);
    assert.equal(rate('MXN', 'USD'), 0.05);
    assert.equal(rate('USD', 'MXN'), 20);
    assert.equal(rate('usd', 'eur'), 0.5, 'the EUR market’s own rate wins over the USD market’s inverse');
    assert.equal(rate('GBP', 'GBP'), 1);
  });

  it('never guesses a pair nobody configured', () => {
    assert.equal(rate('GBP', 'USD'), undefined);
    assert.equal(rate('GBP', 'EUR'), undefined, 'no market knows pounds at all');
    assert.equal(marketRates([])('EUR', 'USD'), undefined);
  });
});

describe('marketRates through a shared currency', () => {
  // EUR and GBP markets that each know the dollar only: 0.92 EUR and 0.79 GBP per USD.
  const eu = { currency: 'EUR', exchangeRates: { USD: 0.92 } };
  const gb = { currency: 'GBP', exchangeRates: { USD: 0.79 } };
  const close = (actual: number | undefined, expected: number, why = '') => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected} ${why}`);

  it('composes GBP→EUR as GBP→USD→EUR, and back', () => {
    const rate = marketRates([eu, gb]);
    close(rate('GBP', 'EUR'), 0.92 / 0.79);
    close(rate('EUR', 'GBP'), 0.79 / 0.92);
    close(rate('gbp', 'eur'), 0.92 / 0.79);
    assert.equal(rate('USD', 'EUR'), 0.92, 'a stated pair is as stated');
  });

  it('goes one hop only, and leaves a pair with no pivot unknown', () => {
    // CHF→GBP is stated; EUR→CHF would need two hops (EUR→USD→GBP→CHF).
    const rate = marketRates([eu, gb, { currency: 'CHF', exchangeRates: { GBP: 1.12 } }]);
    close(rate('CHF', 'USD'), (1 / 1.12) * (1 / 0.79));
    assert.equal(rate('EUR', 'CHF'), undefined);
    assert.equal(rate('CHF', 'EUR'), undefined);
    assert.equal(rate('JPY', 'EUR'), undefined);
    assert.equal(rate('EUR', 'JPY'), undefined);
  });

  it('prefers the shop’s base currency as the pivot, else the first in configuration order', () => {
    // GBP→EUR is known through USD (0.92 / 0.79) and through CHF (0.95 / 0.84).
    const markets = [
      { currency: 'EUR', exchangeRates: { USD: 0.92, CHF: 0.95 } },
      { currency: 'GBP', exchangeRates: { USD: 0.79, CHF: 0.84 } },
    ];
    close(marketRates(markets)('GBP', 'EUR'), 0.92 / 0.79);
    close(marketRates(markets, { base: 'CHF' })('GBP', 'EUR'), 0.95 / 0.84);
    close(marketRates(markets, { base: 'chf' })('GBP', 'EUR'), 0.95 / 0.84);
    close(marketRates(markets, { base: 'JPY' })('GBP', 'EUR'), 0.92 / 0.79, 'a base that is no pivot changes nothing');
  });
});
