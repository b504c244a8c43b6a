import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Product } from '../core/catalog/product.ts';
import { DEFAULT_MARKETS, type Market } from '../core/markets/market.ts';
import { featureLabel, itemSentence, productOut, reasonsOut, reasonSentence } from './present.ts';

const boot: Product = {
  id: '101',
  handle: 'ridge',
  title: 'Ridge Boot',
  description: '',
  vendor: 'Alpina Outdoor',
  productType: 'Boots',
  category: 'Outdoor > Hiking Boots',
  tags: [],
  options: {},
  variants: [
    { id: '1', title: 'A', price: { amount: 14900, currency: 'USD' }, compareAtPrice: { amount: 19900, currency: 'USD' }, available: true, options: {} },
    { id: '2', title: 'B', price: { amount: 9900, currency: 'USD' }, available: false, options: {} },
  ],
  images: [],
  published: true,
};
const index = CatalogIndex.build([boot]);
const titleOf = (id: string) => index.get(id)?.title;

describe('presenting products and reasons', () => {
  it('prices the cheapest available variant in minor units with its compare-at price', () => {
    const p = productOut(boot);
    assert.deepEqual(p.price, { amount: 14900, currency: 'USD', formatted: '149.00 USD' });
    assert.equal(p.compare_at_price?.amount, 19900);
    assert.equal(p.gid, 'gid://shopify/Product/101');
    assert.equal(p.available, true);
  });

  it('gives a gid only when it is a real GID: none for a product known by its handle alone', () => {
    const csv: Product = { ...boot, id: 'choker-with-bead', handle: 'choker-with-bead' };
    const out = productOut(csv);
    assert.equal(out.product_id, 'choker-with-bead');
    assert.ok(!('gid' in out), JSON.stringify(out));
    // Once an event has shown its numeric id, the identity's GID is given.
    assert.equal(productOut(csv, { gid: 'gid://shopify/Product/8896125829396' }).gid, 'gid://shopify/Product/8896125829396');
  });

  it("prices Affinity's own copy as the shopper's market shows it: its price list exactly, else converted and marked estimated", () => {
    const eu = DEFAULT_MARKETS.markets.find((m) => m.handle === 'eu') as Market;
    const listed: Product = { ...boot, marketPrices: { eu: { price: '129.00', compareAtPrice: '169.00' } } };
    assert.deepEqual(productOut(listed, undefined, eu).price, { amount: 12900, currency: 'EUR', formatted: '129.00 EUR' });
    assert.deepEqual(productOut(listed, undefined, eu).compare_at_price, { amount: 16900, currency: 'EUR', formatted: '169.00 EUR' });
    const withRate: Market = { ...eu, exchangeRates: { USD: 0.92 } };
    const converted = productOut(boot, undefined, withRate);
    assert.deepEqual(converted.price, { amount: 13708, currency: 'EUR', formatted: '≈ 137.08 EUR', estimated: true });
    assert.equal(converted.compare_at_price, undefined, 'a converted price has no "was" price beside it');
    // No price list entry and no rate: the shop's own dollar price, exact, so not estimated (the tool's notes say it could not be converted).
    const noRate = productOut(boot, undefined, eu);
    assert.deepEqual(noRate.price, { amount: 14900, currency: 'USD', formatted: '149.00 USD' });
    assert.equal(noRate.compare_at_price?.amount, 19900);
    // The market's own currency: the base price as it is.
    const us = DEFAULT_MARKETS.markets.find((m) => m.handle === 'us') as Market;
    assert.deepEqual(productOut(boot, undefined, us).price, { amount: 14900, currency: 'USD', formatted: '149.00 USD' });
    assert.equal(productOut(boot, undefined, us).compare_at_price?.amount, 19900);
  });

  it('marks a price estimated exactly when a configured rate converted it, whatever the market', () => {
    const eu = DEFAULT_MARKETS.markets.find((m) => m.handle === 'eu') as Market;
    const us = DEFAULT_MARKETS.markets.find((m) => m.handle === 'us') as Market;
    const euro: Product = { ...boot, variants: boot.variants.map((v) => ({ ...v, price: { ...v.price, currency: 'EUR' }, ...(v.compareAtPrice ? { compareAtPrice: { ...v.compareAtPrice, currency: 'EUR' } } : {}) })) };
    const own = { amount: 14900, currency: 'EUR', formatted: '149.00 EUR' };
    // A configured US market with no EUR rate, and no configured market at all (a JPY request): the same euro price, not estimated.
    assert.deepEqual(productOut(euro, undefined, { ...us, exchangeRates: {} }).price, own);
    assert.deepEqual(productOut(euro, undefined, undefined).price, own);
    assert.deepEqual(productOut(euro, undefined, { ...eu, exchangeRates: {} }).price, own, "the market's own currency");
    // A rate, stated or derived: converted, estimated.
    assert.deepEqual(productOut(euro, undefined, { ...us, exchangeRates: { EUR: 1.1 } }).price, { amount: 16390, currency: 'USD', formatted: '≈ 163.90 USD', estimated: true });
    const derived = productOut(euro, undefined, { ...us, exchangeRates: {} }, (m) => ({ amount: Math.round(m.amount * 1.1), currency: 'USD' }));
    assert.deepEqual(derived.price, { amount: 16390, currency: 'USD', formatted: '≈ 163.90 USD', estimated: true });
  });

  it('phrases every reason source as a sentence, naming seeds and brands as the shop spells them', () => {
    assert.equal(reasonSentence({ source: 'cooc', seed: '101' }, titleOf), 'Shoppers who looked at Ridge Boot also looked at this');
    assert.equal(reasonSentence({ source: 'content', seed: '101' }, titleOf), 'Similar to Ridge Boot');
    assert.equal(reasonSentence({ source: 'affinity', feature: 'vendor:alpina outdoor' }, titleOf, index), 'From Alpina Outdoor, a brand the shopper has shown interest in');
    assert.equal(reasonSentence({ source: 'affinity', feature: 'price' }, titleOf), "Close to the shopper's usual price range");
    // A tag naming whom products are for is not an interest to quote ("interest in women").
    assert.equal(reasonSentence({ source: 'affinity', feature: 'tag:women' }, titleOf), 'For women, like the products the shopper looks at');
    assert.equal(reasonSentence({ source: 'affinity', feature: 'tag:linen' }, titleOf), "Matches the shopper's interest in linen");
    assert.equal(reasonSentence({ source: 'intent', term: 'Alpina', field: 'vendor' }, titleOf), 'From Alpina, as asked');
    assert.equal(reasonSentence({ source: 'intent', term: 'on sale', field: 'price' }, titleOf), 'On sale, as asked');
    // Whom it is made for: the audience said, or the person it is for (was: 'Matches "husband"').
    assert.equal(reasonSentence({ source: 'intent', term: 'men', field: 'tags', audience: 'men' }, titleOf), 'Made for men');
    assert.equal(reasonSentence({ source: 'intent', term: 'husband', field: 'tags', audience: 'men' }, titleOf), 'Made for men, for your husband');
    assert.equal(reasonSentence({ source: 'intent', term: 'sister_in_law', field: 'title', audience: 'women' }, titleOf), 'Made for women, for your sister-in-law');
    assert.equal(reasonSentence({ source: 'holiday', holiday: 'mothers_day', daysUntil: 3, via: 'gift' }, titleOf), 'A gift idea for mothers day, in 3 days');
    assert.equal(reasonSentence({ source: 'whatever', detail: 'Given by the producer' }, titleOf), 'Given by the producer');
    assert.equal(reasonSentence({ source: 'brand_new_source' }, titleOf), 'Ranked by brand new source');
    assert.deepEqual(featureLabel('cat:hiking boots'), { kind: 'category', value: 'hiking boots' });
  });

  it('quotes the two strongest distinct reasons, never a budget note', () => {
    const rs = reasonsOut([{ source: 'constraint', budgetCurrency: 'EUR', priceCurrency: 'USD', score: 0 }, { source: 'popular', score: 0.1 }, { source: 'trending', score: 0.05 }, { source: 'revisit', score: 0.01 }], titleOf);
    assert.equal(itemSentence(rs), 'Popular in this shop. Trending in this shop right now.');
    assert.equal(itemSentence([]), 'A popular pick in this shop.');
  });

  it('quotes the strongest reason, not the first in the producer’s order, and merges reasons differing only in case', () => {
    const rs = reasonsOut(
      [
        { source: 'popular', score: 0.02 },
        { source: 'intent', term: 'Hiking Boots', field: 'category', score: 0.3 },
        { source: 'intent', term: 'hiking boots', field: 'productType', score: 0.1 },
        { source: 'season', season: 'winter', score: 0.05 },
      ],
      titleOf,
    );
    assert.deepEqual(rs.map((r) => r.text), ['Matches "Hiking Boots"', 'In season for winter', 'Popular in this shop']);
    assert.equal(rs[0]?.score, 0.4, 'the merged reason adds up its contributions');
    assert.equal(itemSentence(rs), 'Matches "Hiking Boots". In season for winter.');
    assert.equal(itemSentence([{ source: 'a', text: 'Matches "Boots"' }, { source: 'b', text: 'matches "boots"' }, { source: 'c', text: 'Popular' }]), 'Matches "Boots". Popular.');
  });

  it('quotes what the product matches before a catalog filler, whatever their scores', () => {
    const rs = reasonsOut([{ source: 'catalog', score: 0.31 }, { source: 'intent', term: 'Necklace', field: 'productType', score: 0.25 }], titleOf);
    assert.deepEqual(rs.map((r) => r.source), ['intent', 'catalog']);
    assert.match(itemSentence(rs), /^Matches "Necklace"\./);
  });

  it('keeps constraint notes within the reasons shown: the weakest others give way, one reason why it fits stays', () => {
    const fits = [
      { source: 'intent', term: 'Top', field: 'title', score: 0.3 },
      { source: 'intent', term: 'women', field: 'tags', score: 0.2 },
      { source: 'season', season: 'summer', score: 0.1 },
      { source: 'popular', score: 0.05 },
      { source: 'catalog', score: 0.01 },
    ];
    const named = { source: 'constraint', detail: 'Shown as named, but not available in size M', score: 0 };
    const unlisted = { source: 'constraint', detail: 'Its sizes are not listed: whether it comes in size M is not known', score: 0 };
    const one = reasonsOut([...fits, named], titleOf);
    assert.deepEqual(one.map((r) => r.text), ['Matches "Top"', 'Matches "women"', 'In season for summer', named.detail]);
    const two = reasonsOut([named, ...fits, unlisted], titleOf);
    assert.deepEqual(two.map((r) => r.source), ['intent', 'intent', 'constraint', 'constraint']);
    assert.equal(itemSentence(two), 'Matches "Top". Matches "women".');
    const tight = reasonsOut([...fits, named, unlisted], titleOf, 2);
    assert.deepEqual(tight.map((r) => r.text), ['Matches "Top"', named.detail], 'one reason why it fits stays');
    // Near miss: within the limit nothing is dropped or moved.
    assert.deepEqual(reasonsOut([named, fits[0] as (typeof fits)[number]], titleOf).map((r) => r.source), ['intent', 'constraint']);
  });

  it('calls a catalog filler new only when the product has its own creation date', () => {
    assert.match(reasonSentence({ source: 'catalog', score: 0.001 }, titleOf), /^From the shop's catalog/);
    assert.match(reasonSentence({ source: 'catalog', score: 0.001, createdAt: '2026-11-30T00:00:00Z' }, titleOf), /newest/);
  });
});
