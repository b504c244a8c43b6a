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
    assert.equal(rate('EUR', 'MXN'), undefined);
    assert.equal(marketRates([])('EUR', 'USD'), undefined);
  });
});
