import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { checkIntent, listConstraints, searchConstraints } from './intentMatch.ts';

const silver = product({ id: 's', title: 'Sterling Silver Necklace', productType: 'Necklaces', category: 'Jewelry > Necklaces', price: 45 });
const gold = product({ id: 'g', title: 'Gold Choker', productType: 'Necklaces', category: 'Jewelry > Necklaces', price: 40 });
const earring = product({ id: 'e', title: 'Silver Hoops', productType: 'Earrings', category: 'Jewelry > Earrings', tags: ['silver'], price: 30 });
const tux = product({ id: 't', title: 'Patent Leather Tuxedo Shoes', productType: 'Dress Shoes', category: 'Shoes > Dress Shoes', price: 150 });
const vocabulary = { categories: ['Jewelry > Necklaces', 'Jewelry > Earrings', 'Shoes > Dress Shoes'], vendors: [], tags: ['silver'] };

describe('search pages held to what was asked', () => {
  it('keeps the products that meet the query’s category and colour, and the price range', () => {
    const r = searchConstraints([gold, silver, earring], { query: 'silver necklace', currency: 'USD', vocabulary });
    assert.deepEqual(r.products.map((p) => p.id), ['s']);
    assert.deepEqual(r.constraints, { satisfied: true });
    const cheap = searchConstraints([gold, silver], { category: 'Necklaces', price: { max: 42 }, currency: 'USD' });
    assert.deepEqual(cheap.products.map((p) => p.id), ['g']);
  });

  it('relaxes and says so when nothing on the page is what was asked', () => {
    const r = searchConstraints([tux], { query: 'running shoes', currency: 'USD', vocabulary });
    assert.deepEqual(r.products.map((p) => p.id), ['t']);
    assert.equal(r.constraints.satisfied, false);
    assert.deepEqual(r.constraints.relaxed, ['category']);
    assert.match(r.constraints.reason ?? '', /not running shoes/);
  });

  it('never shows what the query rules out', () => {
    const r = searchConstraints([tux], { query: 'shoes, no leather', currency: 'USD', vocabulary });
    assert.deepEqual(r.products, []);
    assert.equal(r.constraints.satisfied, false);
    assert.match(r.constraints.reason ?? '', /without leather/);
  });

  it('checks a list from a producer that does not check itself', () => {
    const intent = { source: 'agent' as const, categories: ['necklace'], brands: [], mustNot: [] };
    assert.deepEqual(listConstraints([silver, gold], intent), { satisfied: true });
    const off = listConstraints([silver, tux], intent);
    assert.equal(off.satisfied, false);
    assert.deepEqual(off.relaxed, ['category']);
  });
});

describe('budget checks quote their currency', () => {
  it('a budget stated without one is quoted in the price’s, in the term and the detail; one in another currency names its own', () => {
    const none = { categories: [], brands: [], mustNot: [], budget: { max: 0 } };
    assert.deepEqual(checkIntent(silver, none).find((c) => c.kind === 'budget'), { kind: 'budget', term: 'up to 0 USD', ok: false, detail: 'Outside the budget (up to 0 USD)' });
    const range = { categories: [], brands: [], mustNot: [], budget: { min: 20, max: 50, currency: 'usd' } };
    assert.equal(checkIntent(silver, range).find((c) => c.kind === 'budget')?.term, '20–50 USD');
    const euros = { categories: [], brands: [], mustNot: [], budget: { min: 20, currency: 'EUR' } };
    // Not compared (no rate): not ok, and said to be unchecked (an agent read `ok: true` as "within the budget").
    assert.deepEqual(checkIntent(silver, euros).find((c) => c.kind === 'budget'), {
      kind: 'budget',
      term: 'from 20 EUR',
      ok: false,
      unchecked: true,
      detail: 'Budget is in EUR but the price is in USD, and no exchange rate is configured; not compared (it may or may not fit)',
    });
  });
});

describe('explain’s checks agree with the hard filter (checkIntent)', () => {
  const boho = product({ id: 'boho', title: 'Boho Earrings', productType: 'Earrings', description: 'Handmade earrings on 14k gold hooks.', price: 20 });
  const jacket = product({ id: 'j', title: 'Navy Sports Jacket', productType: 'Jacket', description: 'Light polyester shell.', price: 60 });
  const clay = product({ id: 'clay', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['Pot', 'Plants'], price: 10 });
  const sofa = product({ id: 'sofa', title: 'Grey Sofa', productType: 'Indoor', tags: ['Sofa'], price: 300 });
  const blouse = product({ id: 'b', title: 'Striped Silk Blouse', price: 50 });
  const none = { categories: [], brands: [] };

  it('reads a refused word where the filter reads it (description, any form of a pattern)', () => {
    assert.deepEqual(checkIntent(boho, { ...none, mustNot: ['gold'], rejections: [{ kind: 'material', value: 'gold' }] })[0], { kind: 'must_not', term: 'gold', ok: false, detail: 'Contains "gold" (its description), which the shopper does not want' });
    assert.equal(checkIntent(jacket, { ...none, mustNot: ['polyester'] })[0]?.ok, false);
    assert.equal(checkIntent(blouse, { ...none, mustNot: ['stripes'] })[0]?.ok, false);
    assert.equal(checkIntent(blouse, { ...none, mustNot: ['floral'] })[0]?.ok, true);
    // Typed as the text read it: a colour refused is a colour, not the word's letters.
    assert.equal(checkIntent(jacket, { ...none, mustNot: ['black'], rejections: [{ kind: 'colour', value: 'black' }] })[0]?.ok, true);
  });

  it('meets a category as the filter does, and any one of several named meets the kind', () => {
    assert.equal(checkIntent(clay, { categories: ['Plant Pot'], brands: [], mustNot: [] })[0]?.ok, true);
    const checks = checkIntent(sofa, { categories: ['Sofa', 'Armchair'], brands: [], mustNot: [] });
    assert.deepEqual(checks.map((c) => c.ok), [true, true]);
    assert.equal(checks[1]?.detail, 'A "Sofa", one of the kinds asked for');
  });

  it('converts a budget in another currency at the rate the filter uses, and says it is approximate', () => {
    const rate = (from: string, to: string) => (from === 'USD' && to === 'MXN' ? 17 : undefined);
    const budget = { max: 500, currency: 'MXN' };
    assert.deepEqual(checkIntent(jacket, { ...none, mustNot: [], budget }, { rate }).at(-1), { kind: 'budget', term: 'up to 500 MXN', ok: false, detail: 'Outside the budget (up to 500 MXN; 60.00 USD ≈ 1020.00 MXN)' });
    assert.equal(checkIntent(boho, { ...none, mustNot: [], budget }, { rate }).at(-1)?.ok, true, '20 USD ≈ 340 MXN');
  });
});

describe('on sale, as asked', () => {
  it('checks it: a product with a compare-at price above its price is on sale; one without is "Not on sale" (explain said nothing of it)', () => {
    const sale = product({ id: 'o', title: 'Bangle Bracelet', price: 39.99, compareAt: 43.99 });
    const asked = { categories: [], brands: [], mustNot: [], onSale: true };
    assert.deepEqual(checkIntent(sale, asked).find((c) => c.kind === 'sale'), { kind: 'sale', term: 'on sale', ok: true, detail: 'On sale, as asked' });
    assert.deepEqual(checkIntent(silver, asked).find((c) => c.kind === 'sale'), { kind: 'sale', term: 'on sale', ok: false, detail: 'Not on sale' });
    // Near miss: not asked, not checked.
    assert.equal(checkIntent(silver, { categories: [], brands: [], mustNot: [] }).find((c) => c.kind === 'sale'), undefined);
  });
});
