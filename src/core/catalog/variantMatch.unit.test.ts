import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import type { Product } from './product.ts';
import { cheapestOf, optionsTell, pickVariants, soldAs, type OptionWish } from './variantMatch.ts';

const wish = (names: RegExp, ...values: string[]): OptionWish => ({ names, wants: (v) => values.includes(v.toLowerCase()) });
const colour = (...v: string[]) => wish(/colou?r|metal/, ...v);
const size = (...v: string[]) => wish(/size/, ...v);
const titles = (p: Product, w: readonly OptionWish[]) => pickVariants(p, w)?.map((v) => v.title);

const anchor = product({ id: 'anchor', title: 'Anchor Bracelet Mens', tags: ['Gold', 'Silver'], variants: [[69.99, true, { color: 'Gold' }], [55, true, { color: 'Silver' }]] });
const tee = product({
  id: 'tee',
  title: 'Tee',
  variants: [[20, true, { color: 'Black', size: 'S' }], [22, false, { color: 'Black', size: 'M' }], [25, true, { color: 'White', size: 'M' }], [30, true, { color: 'White', size: 'L' }]],
});

describe('pickVariants', () => {
  it('picks the available variants whose option has a wished value', () => {
    assert.deepEqual(titles(anchor, [colour('gold')]), ['Gold']);
    assert.deepEqual(titles(anchor, [colour('gold', 'silver')]), ['Gold', 'Silver']);
    assert.deepEqual(titles(tee, [colour('white'), size('m')]), ['White / M']);
  });

  it('picks nothing when the options do not tell the wish (a tag colour, another kind of option, one variant)', () => {
    assert.equal(pickVariants(anchor, [colour('red')]), undefined, 'no variant is red');
    assert.equal(pickVariants(anchor, [size('m')]), undefined, 'no size option');
    assert.equal(pickVariants(anchor, []), undefined);
    const one = product({ id: 'one', title: 'Ring', variants: [[10, true, { color: 'Gold' }]] });
    assert.equal(pickVariants(one, [colour('gold')]), undefined);
    assert.equal(optionsTell(one, colour('gold')), false);
    assert.equal(optionsTell(anchor, colour('gold')), true);
  });

  it('never picks a sold-out variant; when no available variant has every wish, the first wish alone, then the next', () => {
    // Black M is sold out: the black ones.
    assert.deepEqual(titles(tee, [colour('black'), size('m')]), ['Black / S']);
    // No red at all (the options do not tell red): M alone.
    assert.deepEqual(titles(tee, [colour('red'), size('m')]), ['White / M']);
    const soldOutGold = product({ id: 'a2', title: 'Anchor', variants: [[69.99, false, { color: 'Gold' }], [55, true, { color: 'Silver' }]] });
    assert.equal(pickVariants(soldOutGold, [colour('gold')]), undefined, 'told, but none to be had');
    const sizes = product({ id: 's', title: 'Pot', variants: [[9.99, true, { size: 'Regular' }], [15.99, false, { size: 'Large' }], [18, true, { size: 'XL', color: 'Red' }]] });
    assert.deepEqual(titles(sizes, [colour('blue'), size('large', 'xl')]), ['XL / Red']);
  });
});

describe('soldAs', () => {
  it('is the product in the picked variants; the same object when all are picked', () => {
    const picked = pickVariants(anchor, [colour('gold')]) ?? [];
    const gold = soldAs(anchor, picked);
    assert.deepEqual(gold.variants.map((v) => v.title), ['Gold']);
    assert.deepEqual(cheapestOf(gold.variants), { amount: 6999, currency: 'USD' });
    assert.equal(soldAs(anchor, anchor.variants), anchor);
  });

  it('keeps a market price list only for the variants its lowest price is for', () => {
    const listed: Product = { ...anchor, marketPrices: { eu: { price: '50.00', included: true } } };
    const silver = soldAs(listed, pickVariants(listed, [colour('silver')]) ?? []);
    assert.deepEqual(silver.marketPrices, listed.marketPrices, 'silver is the cheapest: the list price is its');
    const gold = soldAs(listed, pickVariants(listed, [colour('gold')]) ?? []);
    assert.deepEqual(gold.marketPrices, { eu: { included: true } }, "the list's lowest price is not gold's; still sold there");
  });
});
