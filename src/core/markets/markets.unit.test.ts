import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShopifyCsv } from '../catalog/csvImport.ts';
import type { Product } from '../catalog/product.ts';
import { DEFAULT_MARKETS, type Market } from './market.ts';
import { eventMarketHints, MarketRegistry } from './marketRegistry.ts';
import { parseMarketsConfig } from './parseMarkets.ts';
import { attachMarketPrices, isSoldIn, notSoldIn, presentPrice, priceFor } from './priceFor.ts';

function ok(r: ReturnType<typeof parseMarketsConfig>) {
  if ('problems' in r) assert.fail(r.problems.join('\n'));
  return r.config;
}

describe('markets configuration', () => {
  it('has built-in defaults: US 3600 s, EU 7200 s (GDPR), APAC 1800 s', () => {
    const c = ok(parseMarketsConfig(undefined, {}));
    assert.equal(c.defaultMarket, 'us');
    assert.deepEqual(c.markets.map((m) => [m.handle, m.cacheTtlSeconds, m.privacy]), [['us', 3600, 'ccpa'], ['eu', 7200, 'gdpr'], ['apac', 1800, 'none']]);
    assert.ok(Object.isFrozen(c.markets[0]));
  });

  it('applies environment overrides per handle', () => {
    const c = ok(parseMarketsConfig(undefined, { AFFINITY_MARKET_EU_CACHE_TTL_S: '60', AFFINITY_MARKET_US_PRIVACY: 'none', AFFINITY_MARKET_EU_TAXES: 'add_at_checkout', AFFINITY_MARKET_APAC_RETENTION_DAYS: '30', AFFINITY_DEFAULT_MARKET: 'eu' }));
    const eu = c.markets.find((m) => m.handle === 'eu')!;
    assert.equal(eu.cacheTtlSeconds, 60);
    assert.deepEqual(eu.priceInclusions, { duties: 'add_at_checkout', taxes: 'add_at_checkout' });
    assert.equal(c.markets.find((m) => m.handle === 'us')?.privacy, 'none');
    assert.equal(c.markets.find((m) => m.handle === 'apac')?.retentionDays, 30);
    assert.equal(c.defaultMarket, 'eu');
  });

  it('reads a markets file', () => {
    const file = JSON.stringify({
      defaultMarket: 'mx',
      markets: [{ handle: 'mx', countries: ['MX'], currency: 'MXN', language: 'es-MX', cacheTtlSeconds: 900, privacy: 'none', priceInclusions: { duties: 'included', taxes: 'included' }, exchangeRates: { USD: 17.1 } }],
    });
    const c = ok(parseMarketsConfig(file, {}));
    assert.equal(c.markets.length, 1);
    assert.equal(c.markets[0]?.exchangeRates?.USD, 17.1);
  });

  it('lists every problem at once', () => {
    const file = JSON.stringify({
      defaultMarket: 'nowhere',
      markets: [
        { handle: 'US', countries: ['us'], currency: 'usd', language: 'english', cacheTtlSeconds: -1, privacy: 'hipaa', priceInclusions: { duties: 'sometimes', taxes: 'included' } },
        { handle: 'ca', countries: ['CA'], currency: 'CAD', language: 'en', cacheTtlSeconds: 60, privacy: 'none', priceInclusions: { duties: 'included', taxes: 'included' }, color: 'red' },
        { handle: 'ca2', countries: ['CA'], currency: 'CAD', language: 'en', cacheTtlSeconds: 60, privacy: 'none', priceInclusions: { duties: 'included', taxes: 'included' } },
      ],
    });
    const r = parseMarketsConfig(file, { AFFINITY_MARKET_XX_CACHE_TTL_S: '5', AFFINITY_MARKET_CA_COLOR: 'x' }, 'markets.json');
    assert.ok('problems' in r);
    const text = r.problems.join('\n');
    for (const needle of ['handle', 'countries.0', 'currency', 'language', 'cacheTtlSeconds', 'privacy', 'priceInclusions.duties', 'color', 'country CA already belongs', 'AFFINITY_MARKET_XX_CACHE_TTL_S', 'AFFINITY_MARKET_CA_COLOR', 'default market "nowhere"']) {
      assert.ok(text.includes(needle), `missing "${needle}" in:\n${text}`);
    }
    assert.ok(r.problems.length >= 12);
    const bad = parseMarketsConfig('{not json', {}, 'markets.json');
    assert.ok('problems' in bad && bad.problems[0]?.startsWith('markets.json: not valid JSON'));
  });
});

describe('market resolution', () => {
  const reg = new MarketRegistry(DEFAULT_MARKETS);
  it('takes an explicit market, then the pixel localization, then the country, else the default', () => {
    assert.equal(reg.resolve({ market: 'eu' }).handle, 'eu');
    assert.equal(reg.resolve({ market: 'DE' }).handle, 'eu');
    assert.equal(reg.resolve({ market: { country: 'AU' } }).handle, 'apac');
    assert.equal(reg.resolve({ localization: { market: { handle: 'apac' }, country: { isoCode: 'DE' } } }).handle, 'apac');
    assert.equal(reg.resolve({ localization: { market: { handle: 'bd' }, country: { isoCode: 'FR' } } }).handle, 'eu');
    assert.equal(reg.resolve({ country: 'jp' }).handle, 'apac');
    assert.equal(reg.resolve({ country: 'BR' }).handle, 'us');
    assert.equal(reg.find({ country: 'BR' }), undefined);
    assert.equal(reg.resolve({}).handle, 'us');
  });

  it('reads the currency prices were shown in when nothing else names a market: a storefront pixel sends no market for browsing', () => {
    assert.equal(reg.resolve({ currency: 'EUR' }).handle, 'eu');
    assert.equal(reg.resolve({ currency: 'aud' }).handle, 'apac');
    assert.equal(reg.resolve({ currency: 'USD' }).handle, 'us');
    assert.equal(reg.find({ currency: 'BDT' }), undefined);
    assert.equal(reg.resolve({ country: 'US', currency: 'EUR' }).handle, 'us', 'a country wins');
    assert.equal(reg.resolve({ country: 'BR', currency: 'EUR' }).handle, 'eu', 'a country no market has does not hide the currency');
    // Several markets in one currency: none of them is named by it.
    const euros = new MarketRegistry({ ...DEFAULT_MARKETS, markets: [...DEFAULT_MARKETS.markets, { ...(DEFAULT_MARKETS.markets[1] as Market), handle: 'de', countries: ['DE'] }] });
    assert.equal(euros.find({ currency: 'EUR' }), undefined);
    // The hints of an event: its own market and country, else its prices' currency.
    assert.deepEqual(eventMarketHints({ items: [{}, { price: { currency: 'EUR' } }] }), { currency: 'EUR' });
    assert.deepEqual(eventMarketHints({ market: 'eu', country: 'DE', currency: 'EUR' }), { market: 'eu', country: 'DE', currency: 'EUR' });
    assert.deepEqual(eventMarketHints({}), {});
  });
});

describe('prices per market', () => {
  const CSV = [
    'Title,URL handle,Vendor,Type,Published on online store,Status,SKU,Option1 name,Option1 value,Price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Price / EU,Included / EU,Price / APAC,Included / APAC',
    'Trail Boot,trail-boot,Northpeak,Boots,TRUE,Active,TB-1,Size,42,129.00,,,FALSE,119.00,TRUE,,TRUE',
    ',trail-boot,,,,,TB-2,,43,129.00,,,FALSE,115.50,,,',
    'Camp Mug,camp-mug,Cairn,Mugs,TRUE,Active,CM-1,Title,Default Title,12.50,,,FALSE,,FALSE,,FALSE',
  ].join('\n');
  const parsed = parseShopifyCsv(CSV, { currency: 'USD' });
  const [boot, mug] = attachMarketPrices(parsed.products, parsed.marketPrices) as [Product, Product];
  const reg = new MarketRegistry(DEFAULT_MARKETS);
  const us = reg.byHandle('us')!;
  const eu = reg.byHandle('eu')!;
  const apac = reg.byHandle('apac')!;

  it('stores the lowest variant price and availability per market on the product', () => {
    assert.deepEqual(boot.marketPrices, { eu: { price: '115.50', included: true }, apac: { included: true } });
    assert.deepEqual(mug.marketPrices, { eu: { included: false }, apac: { included: false } });
  });

  it('uses the market’s own price list: not an estimate, with the market’s tax and duty inclusions', () => {
    assert.deepEqual(priceFor(boot, eu), {
      amount: 11550,
      currency: 'EUR',
      formatted: priceFor(boot, eu)?.formatted,
      estimated: false,
      includesTaxes: true,
      includesDuties: false,
      source: 'market_price',
      market: 'eu',
    });
    assert.match(priceFor(boot, eu)!.formatted, /115\.50/);
    const q = priceFor(boot, us)!;
    assert.equal(q.amount, 12900);
    assert.equal(q.estimated, false);
    assert.equal(q.includesTaxes, false);
    assert.equal(q.formatted, '$129.00');
  });

  it('marks converted prices as estimates and never claims inclusions for a foreign-currency price', () => {
    const withRate: Market = { ...apac, exchangeRates: { USD: 1.5 } };
    const est = priceFor(boot, withRate)!;
    assert.equal(est.amount, 19350);
    assert.equal(est.currency, 'AUD');
    assert.equal(est.estimated, true);
    assert.equal(est.source, 'exchange_rate');
    assert.ok(est.formatted.startsWith('≈ '));
    const foreign = priceFor(boot, apac)!;
    assert.deepEqual([foreign.currency, foreign.estimated, foreign.includesTaxes, foreign.includesDuties], ['USD', true, false, false]);
    assert.ok(!foreign.formatted.includes('≈'), `nothing converted, so no "≈": ${foreign.formatted}`);
  });

  it('knows which products a market does not sell', () => {
    assert.equal(isSoldIn(boot, eu), true);
    assert.equal(isSoldIn(mug, eu), false);
    assert.equal(isSoldIn(mug, us), true, 'no column for the market: sold');
    assert.deepEqual([...notSoldIn([boot, mug], apac)], ['camp-mug']);
  });

  it('presents a price for a request that names a market', () => {
    assert.deepEqual(presentPrice(boot, undefined), {});
    assert.equal(presentPrice(boot, eu).price?.currency, 'EUR');
  });
});
