/**
 * Budgets in a market with its own price list, end to end: a shop imported from a Shopify CSV with a
 * `Price / EU` column is asked, in the EU market, for boots under a budget. Each product is held to the
 * price the answer shows (the EU list's, in euros), not its dollar price converted; a budget in pounds
 * meets euro prices through the dollar (the only currency both the EU and GB markets state a rate for).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

const market = (handle: string, country: string, currency: string, exchangeRates?: Record<string, number>) => ({
  handle,
  countries: [country],
  currency,
  language: 'en',
  cacheTtlSeconds: 60,
  privacy: 'none',
  priceInclusions: { duties: 'add_at_checkout', taxes: 'included' },
  ...(exchangeRates ? { exchangeRates } : {}),
});

/** 0.92 EUR and 0.79 GBP per USD; no market states a rate between EUR and GBP. */
const MARKETS = { defaultMarket: 'us', markets: [market('us', 'US', 'USD'), market('eu', 'DE', 'EUR', { USD: 0.92 }), market('gb', 'GB', 'GBP', { USD: 0.79 })] };

// Ridge: 120 USD (110.40 EUR at the rate) but 95 EUR on the EU list; Summit: 100 USD (92 EUR) but 109 EUR
// on the list; Trail: 80 USD, not on the list (73.60 EUR at the rate).
const CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Price / EU',
  'Ridge Hiking Boot,ridge-boot,Alpina,Hiking Boots,hiking,TRUE,active,RB-1,Title,Default Title,120.00,,,,95.00',
  'Summit Hiking Boot,summit-boot,Alpina,Hiking Boots,hiking,TRUE,active,SB-1,Title,Default Title,100.00,,,,109.00',
  'Trail Hiking Boot,trail-boot,Campco,Hiking Boots,hiking,TRUE,active,TB-1,Title,Default Title,80.00,,,,',
].join('\n');

interface Item {
  readonly productId: string;
  readonly price?: { readonly amount: number; readonly currency: string; readonly estimated: boolean };
}

describe('budgets against a market’s price list, end to end', () => {
  let s: Running;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-market-budgets-'));
    const file = join(dir, 'markets.json');
    writeFileSync(file, JSON.stringify(MARKETS));
    s = await startAffinity({ AFFINITY_MARKETS_FILE: file });
    const res = await fetch(`${s.url}/v1/catalog/products?currency=USD`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
  });
  after(async () => {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (text: string) => {
    const r = await s.post('/v1/recommendations', { market: 'eu', text, limit: 10 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return { body: r.body, ids: (r.body.items as Item[]).map((i) => i.productId).sort() };
  };

  it('holds each boot to the euro price it is shown, not its dollar price converted', async () => {
    const { body, ids } = await ask('hiking boots under 100 euros');
    assert.deepEqual(ids, ['ridge-boot', 'trail-boot'], 'Ridge is 95 EUR on the list; Summit is 109 EUR');
    const ridge = (body.items as Item[]).find((i) => i.productId === 'ridge-boot');
    assert.deepEqual(ridge?.price && { amount: ridge.price.amount, currency: ridge.price.currency, estimated: ridge.price.estimated }, { amount: 9500, currency: 'EUR', estimated: false });
    assert.deepEqual(body.constraints, { satisfied: true });
  });

  it('compares a budget in pounds with euro prices through the dollar, and marks the euro budget estimated', async () => {
    // 95 EUR ≈ 81.58 GBP and 80 USD = 63.20 GBP fit; 109 EUR ≈ 93.60 GBP does not.
    const { body, ids } = await ask('hiking boots under 90 pounds');
    assert.deepEqual(ids, ['ridge-boot', 'trail-boot']);
    const budget = body.intent.entities.budget;
    assert.deepEqual({ ...budget, rate: undefined }, { max: 104.81, currency: 'EUR', text: 'under 90 pounds', estimated: true, stated: { max: 90, currency: 'GBP' }, rate: undefined });
    assert.ok(Math.abs(budget.rate - 0.92 / 0.79) < 1e-9, String(budget.rate));
    assert.deepEqual(body.constraints, { satisfied: true });
  });
});
