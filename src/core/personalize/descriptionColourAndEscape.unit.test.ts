/**
 * A product's colours are the union of what its title, tags, options and description say (the
 * description read as before: its opening phrase), and a colour or material ruled out is part of the
 * wish the list is shown and priced by (`wishOf`): a product kept for a variant that escapes "not
 * silver" is shown as that variant. Materials asked for stay through a refinement turn.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { extractEntities } from '../intent/entities.ts';
import { checkProduct, wantedProduct } from './hardFilters.ts';
import { colourField, colourRejection, wishOf } from './intentScoring.ts';
import { mergeEntities } from './sessionContext.ts';

// jewelery.csv: Choker with Bead, tags Gold, Leather; "Black choker necklace with 14k gold bead."
const choker = product({ id: 'choker-with-bead', title: 'Choker with Bead', productType: 'Necklace', tags: ['Gold', 'Leather'], description: 'Black choker necklace with 14k gold bead.', price: 14.99 });
const anchor = product({ id: 'leather-anchor', title: 'Anchor Bracelet Mens', productType: 'Bracelet', tags: ['Anchor', 'Gold', 'Leather', 'Silver'], variants: [[69.99, true, { color: 'Gold' }], [55, true, { color: 'Silver' }]] });

describe('description colours and rejected variants', () => {
  it('a colour the description opens with counts though a tag names another ("a black choker")', () => {
    assert.equal(colourField(choker, 'black'), 'description');
    assert.equal(colourField(choker, 'gold'), 'tags');
    assert.equal(colourRejection(choker, 'black'), 'description');
    // Near miss: a colour after "with" in the description is what it has, not its colour.
    assert.equal(colourField(product({ id: 'x', title: 'Linen Shirt', tags: ['White'], description: 'Linen shirt with black buttons.' }), 'black'), undefined);
  });

  it('a cream or oatmeal product meets the shopper\'s "cream" and "oatmeal" (read as cream and beige)', () => {
    assert.deepEqual(extractEntities('chunky knit cardigans, oatmeal or cream', 'en').colours, ['beige', 'cream']);
    assert.equal(colourField(product({ id: 'c', title: 'Cream Cable Cardigan' }), 'cream'), 'title');
    assert.equal(colourField(product({ id: 'o', title: 'Chunky Cardigan', variants: [[80, true, { color: 'Oatmeal' }]] }), 'beige'), 'variant');
    assert.equal(colourField(product({ id: 'n', title: 'Navy Cardigan' }), 'beige'), undefined);
  });

  it('"not silver" shows the anchor bracelet as its Gold variant (the wish carries the rejection)', () => {
    const wish = wishOf(extractEntities('a bracelet, not silver', 'en'));
    assert.deepEqual(wantedProduct(anchor, wish).variants.map((v) => v.options.color), ['Gold']);
    assert.equal(wishOf(extractEntities('a bracelet', 'en')), undefined);
  });

  it('a material asked for stays through a refinement, and goes with a new search', () => {
    const first = extractEntities('a leather bracelet', 'en');
    assert.deepEqual(mergeEntities(first, extractEntities('under 50 dollars', 'en')).materials, ['leather']);
    assert.equal(mergeEntities(first, extractEntities('now a sofa', 'en')).materials, undefined);
  });

  it('"nothing gold or silver" rules out a bracelet sold in Gold and Silver (each variant is one of them); either alone keeps the other', () => {
    const both = extractEntities('a bracelet, nothing gold or silver', 'en').rejections;
    assert.deepEqual(checkProduct(anchor, { rejections: both }), { keep: false, drop: 'rejected', detail: 'material:gold+material:silver@variant' });
    assert.equal(checkProduct(anchor, { rejections: extractEntities('a bracelet, not gold', 'en').rejections }).keep, true);
    assert.equal(checkProduct(anchor, { rejections: extractEntities('a bracelet, not silver', 'en').rejections }).keep, true);
  });
});
