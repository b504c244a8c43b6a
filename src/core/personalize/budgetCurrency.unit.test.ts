/**
 * A budget said without a currency ("earrings under 10"), in a request that names no market or
 * currency, is held against each price in its own currency (hardFilters.ts). The sentences quote the
 * currency the products share ("up to 10 USD"); only a shop priced in several says "in the products'
 * own currency", since no one currency was meant.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { extractEntities } from '../intent/entities.ts';
import type { Intent } from '../intent/types.ts';
import type { RecommendedItem } from '../recommend/baseRecommender.ts';
import { emptyIntent } from './intentInput.ts';
import { marketRates } from './marketRates.ts';
import { personalizeList } from './personalize.ts';
import { temporalContext } from './seasonal.ts';

const NOW = Date.UTC(2025, 0, 15, 12);

function outcome(currencies: readonly string[], text: string, currency?: string) {
  const index = CatalogIndex.build(currencies.map((c, i) => product({ id: `e${i}`, title: `Earrings ${i}`, productType: 'Earrings', price: 20 + i, currency: c })));
  const base: RecommendedItem[] = currencies.map((_, i) => ({ productId: `e${i}`, score: 1 / (i + 1), reasons: [{ source: 'popular', score: 1 / (i + 1) }] }));
  const intent: Intent = { ...emptyIntent('en'), entities: extractEntities(text, 'en') };
  return personalizeList({ base, intent, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 5, now: NOW, ...(currency ? { currency } : {}) }).constraints;
}

describe('a budget said without a currency, no market named', () => {
  it("is quoted in the currency the shop's products share", () => {
    const c = outcome(['USD', 'USD', 'USD'], 'earrings under 10');
    assert.equal(c.satisfied, false);
    assert.equal(c.reason, 'Nothing in this shop matches everything asked for (earrings, up to 10 USD). The closest products are shown, but they are outside the budget (up to 10 USD).');
    assert.match(outcome(['EUR', 'EUR'], 'earrings between 5 and 10').reason ?? '', /between 5 and 10 EUR/);
  });

  it("a shop priced in several currencies: 'in the products' own currency' (near miss)", () => {
    assert.match(outcome(['USD', 'EUR', 'USD'], 'earrings under 10').reason ?? '', /up to 10 in the products' own currency/);
  });

  it("the request's currency, or the budget's own, still wins", () => {
    assert.match(outcome(['USD', 'USD'], 'earrings under 10', 'CAD').reason ?? '', /up to 10 CAD/);
    assert.match(outcome(['USD', 'USD'], 'earrings under 10 euros').reason ?? '', /up to 10 EUR/);
  });
});

describe('a budget said with "$" in a market whose currency is no "$" one (QA probe: "under $15" in Spain was "up to 15 EUR")', () => {
  const eu = marketRates([{ currency: 'EUR', exchangeRates: { USD: 0.92 } }]);
  const necklaces = CatalogIndex.build([
    product({ id: 'n1', title: 'Silver Threader Necklace', productType: 'Necklace', price: 14.99, currency: 'EUR' }),
    product({ id: 'n2', title: 'Choker with Bead', productType: 'Necklace', price: 13.5, currency: 'EUR' }),
    product({ id: 'n3', title: 'Pretty Gold Necklace', productType: 'Necklace', price: 44.95, currency: 'EUR' }),
  ]);
  const ask = (text: string, hint: string, currency: string) => {
    const base: RecommendedItem[] = ['n1', 'n2', 'n3'].map((id, i) => ({ productId: id, score: 1 / (i + 1), reasons: [{ source: 'popular', score: 1 / (i + 1) }] }));
    const intent: Intent = { ...emptyIntent('en'), entities: extractEntities(text, 'en', { currencyHint: hint }) };
    return personalizeList({ base, intent, catalog: necklaces, temporal: temporalContext(NOW, 'ES'), limit: 5, now: NOW, currency, rate: eu });
  };

  it('is read in US dollars, converted at the market\'s rate and marked estimated, as "15 dollars" is', () => {
    const sign = ask('a necklace under $15', 'EUR', 'EUR');
    const word = ask('a necklace under 15 dollars', 'EUR', 'EUR');
    assert.deepEqual(sign.budget, { max: 13.8, currency: 'EUR', text: 'under $15', estimated: true, stated: { max: 15, currency: 'USD' }, rate: 0.92 });
    assert.deepEqual({ ...sign.budget, text: '' }, { ...word.budget, text: '' }, 'the sign as the word');
    // 15 USD ≈ 13.80 EUR: the 13.50 choker, not the 14.99 necklace.
    assert.deepEqual(sign.items.map((x) => x.productId), ['n2']);
  });

  it('in a market priced in a "$" currency it stays that currency, unconverted', () => {
    const r = ask('a necklace under $15', 'US', 'USD');
    assert.equal(r.budget, undefined, 'nothing to convert');
  });
});
