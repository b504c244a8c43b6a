/**
 * The price an item shows is that of the colour or size the shopper asked for, where the variant
 * options offer it (the variant the budget was held to); otherwise the cheapest available variant's.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../testing/productFixture.ts';
import { DEFAULT_MARKETS, type Market } from '../core/markets/market.ts';
import { askedOfVariants, fromClassifier } from './intent.ts';
import { extractEntities } from '../core/intent/entities.ts';
import { emptyIntent } from '../core/personalize/intentInput.ts';
import { productOut } from './present.ts';

// jewelery.csv's Anchor Bracelet Mens: Color Gold 69.99, Silver 55.
const anchor = product({ id: 'leather-anchor', title: 'Anchor Bracelet Mens', tags: ['Gold', 'Silver'], variants: [[69.99, true, { color: 'Gold' }], [55, true, { color: 'Silver' }]] });

describe('productOut for a colour or size asked for', () => {
  it('shows the asked colour’s price: gold 69.99, silver 55', () => {
    assert.deepEqual(productOut(anchor, undefined, undefined, undefined, { colours: ['gold'], sizes: [] }).price, { amount: 6999, currency: 'USD', formatted: '69.99 USD' });
    assert.deepEqual(productOut(anchor, undefined, undefined, undefined, { colours: ['silver'] }).price, { amount: 5500, currency: 'USD', formatted: '55.00 USD' });
  });

  it('in a market, converts the asked colour’s price, and drops a price list that is not its own', () => {
    const [us, euBase] = DEFAULT_MARKETS.markets as [Market, Market];
    const eu: Market = { ...euBase, exchangeRates: { USD: 0.9 } };
    assert.deepEqual(productOut(anchor, undefined, eu, undefined, { colours: ['gold'] }).price, { amount: 6299, currency: 'EUR', formatted: '≈ 62.99 EUR', estimated: true });
    const listed = { ...anchor, marketPrices: { eu: { price: '50.00' } } };
    assert.equal(productOut(listed, undefined, eu, undefined, { colours: ['silver'] }).price?.formatted, '50.00 EUR', 'the list price is silver’s');
    assert.equal(productOut(listed, undefined, eu, undefined, { colours: ['gold'] }).price?.formatted, '≈ 62.99 EUR');
    assert.equal(productOut(anchor, undefined, us, undefined, { colours: ['gold'] }).price?.formatted, '69.99 USD');
  });

  it('near misses: nothing asked, a colour the options lack, or a sold-out one, show the cheapest available variant', () => {
    assert.equal(productOut(anchor).price?.formatted, '55.00 USD');
    assert.equal(productOut(anchor, undefined, undefined, undefined, { colours: ['red'] }).price?.formatted, '55.00 USD');
    assert.equal(productOut(anchor, undefined, undefined, undefined, { sizes: ['M'] }).price?.formatted, '55.00 USD');
    const goldGone = product({ id: 'a2', title: 'Anchor', variants: [[69.99, false, { color: 'Gold' }], [55, true, { color: 'Silver' }]] });
    const out = productOut(goldGone, undefined, undefined, undefined, { colours: ['gold'] });
    assert.equal(out.price?.formatted, '55.00 USD');
    assert.equal(out.available, true);
  });

  it('a price range with a floor shows the variant inside it: "between 60 and 80 dollars" is gold 69.99', () => {
    const said = (text: string) => askedOfVariants(fromClassifier({ ...emptyIntent(), entities: extractEntities(text, 'en') }));
    assert.equal(productOut(anchor, undefined, undefined, undefined, said('a bracelet between 60 and 80 dollars')).price?.formatted, '69.99 USD');
    assert.equal(productOut(anchor, undefined, undefined, undefined, said('a bracelet over 60 dollars')).price?.formatted, '69.99 USD');
    // Near misses: a cap, or a range both variants are in.
    assert.equal(productOut(anchor, undefined, undefined, undefined, said('a bracelet under 80 dollars')).price?.formatted, '55.00 USD');
    assert.equal(productOut(anchor, undefined, undefined, undefined, said('a bracelet between 50 and 80 dollars')).price?.formatted, '55.00 USD');
  });

  it('a colour ruled out shows the variant that escapes it: "not silver" is gold 69.99 (recommend_products keeps it for that variant)', () => {
    const said = fromClassifier({ ...emptyIntent(), entities: extractEntities('a bracelet, not silver', 'en') });
    assert.equal(productOut(anchor, undefined, undefined, undefined, askedOfVariants(said, extractEntities('a bracelet, not silver', 'en').rejections)).price?.formatted, '69.99 USD');
    // Near miss: without the rejections the cheapest available variant, 55.
    assert.equal(productOut(anchor, undefined, undefined, undefined, askedOfVariants(said)).price?.formatted, '55.00 USD');
  });
});
