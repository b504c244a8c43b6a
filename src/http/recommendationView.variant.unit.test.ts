/** A personalized item's price is that of the colour or size asked for, where the variant options offer it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { PersonalizedItem } from '../core/personalize/personalize.ts';
import { product } from '../testing/productFixture.ts';
import { presentPersonalized } from './recommendationView.ts';

// home-and-garden.csv's Clay Plant Pot: Size Regular 9.99, Large 15.99.
const pot = product({ id: 'clay-plant-pot', title: 'Clay Plant Pot', currency: 'EUR', variants: [[9.99, true, { size: 'Regular' }], [15.99, true, { size: 'Large' }]] });
const index = CatalogIndex.build([pot]);
const item: PersonalizedItem = { productId: pot.id, score: 0.5, baseScore: 0.5, components: { intent: 1, behaviour: 0, context: 0 }, reasons: [] } as unknown as PersonalizedItem;
const price = (x: ReturnType<typeof presentPersonalized>) => (x as unknown as { price: { amount: number; formatted: string } }).price;

describe('presentPersonalized for a size asked for', () => {
  it('shows the Large pot at 15.99, and the pot at 9.99 when no size (or one it lacks) is asked', () => {
    assert.equal(price(presentPersonalized(item, index, undefined, undefined, undefined, { sizes: ['Large'] })).amount, 1599);
    assert.equal(price(presentPersonalized(item, index)).amount, 999);
    assert.equal(price(presentPersonalized(item, index, undefined, undefined, undefined, { sizes: ['XS'] })).amount, 999);
    assert.equal(price(presentPersonalized(item, index, undefined, undefined, undefined, { colours: ['red'] })).amount, 999);
  });
});
