import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Intent, IntentEntities } from '../intent/types.ts';
import { mergeEntities, mergeIntent } from './sessionContext.ts';

const e = (over: Partial<IntentEntities>): IntentEntities => ({ categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false, ...over });
const intent = (entities: IntentEntities): Intent => ({ type: 'browsing', confidence: 0.9, scores: {}, language: 'en', entities }) as unknown as Intent;
const KEY = { shop: 's', sessionId: 'c' };

describe('mergeEntities: a turn asking for something to go with the product discussed (complements)', () => {
  const chosen = e({ categories: ['trousers'], colours: ['navy'], materials: ['linen'], sizes: ['M'], brands: ['Acme'], budget: { max: 80, text: 'under 80' }, rejections: [{ kind: 'material', value: 'leather' }], pricePreference: 'low' });
  it('a new kind without the chosen one\'s look (navy trousers pass no navy on to shirts); budget and rejections stay', () => {
    const m = mergeEntities(chosen, e({ categories: ['shirts'] }), [], undefined, false, true);
    assert.deepEqual([m.categories, m.colours, m.soft, m.materials, m.sizes, m.brands, m.pricePreference], [['shirts'], [], undefined, undefined, [], [], undefined]);
    assert.equal(m.budget?.max, 80);
    assert.deepEqual(m.rejections, chosen.rejections);
  });
  it('"aretes plateados", then "y un collar que combine?": the metal carries as a preference; a colour said now replaces it', () => {
    const silver = e({ categories: ['Earrings'], colours: ['silver'] });
    const m = mergeEntities(silver, e({ categories: ['Necklace'] }), [], undefined, false, true);
    assert.deepEqual([m.categories, m.colours, m.soft], [['Necklace'], ['silver'], ['colour']]);
    const both = mergeEntities(e({ categories: ['Earrings'], colours: ['navy', 'plateado'] }), e({ categories: ['Necklace'] }), [], undefined, false, true);
    assert.deepEqual([both.colours, both.soft], [['plateado'], ['colour']], 'the metal only');
    const gold = mergeEntities(silver, e({ categories: ['Necklace'], colours: ['gold'] }), [], undefined, false, true);
    assert.deepEqual([gold.colours, gold.soft], [['gold'], undefined]);
  });
  it('naming no kind holds none', () => {
    assert.deepEqual(mergeEntities(e({ categories: ['watering cans'] }), e({}), [], undefined, false, true).categories, []);
  });
  it('without it, a turn naming no kind keeps the earlier one (unchanged)', () => {
    assert.deepEqual(mergeEntities(chosen, e({})).colours, ['navy']);
  });
});

describe('mergeEntities: a colour said later replaces an earlier material that is a colour', () => {
  it('"gold necklace" then "actually silver": no gold material left; leather stays', () => {
    const m = mergeEntities(e({ colours: ['gold'], materials: ['gold', 'leather'] }), e({ colours: ['silver'] }));
    assert.deepEqual([m.colours, m.materials], [['silver'], ['leather']]);
  });
  it('"silver is fine too" adds, and keeps gold', () => {
    const m = mergeEntities(e({ colours: ['gold'], materials: ['gold'] }), e({ colours: ['silver'] }), [], undefined, true);
    assert.deepEqual(m.materials, ['gold']);
  });
});

describe('mergeIntent: what the conversation is about, and the messages it heard', () => {
  it('a product named by title becomes the product, with its time; a productId wins', () => {
    const a = mergeIntent(undefined, intent(e({})), 1_000, KEY, { mentioned: 'named' });
    assert.deepEqual([a.product, a.productAt], ['named', 1_000]);
    const b = mergeIntent(a, intent(e({})), 2_000, KEY, { mentioned: 'named2', productId: 'pid' });
    assert.deepEqual([b.product, b.productAt], ['pid', 2_000]);
    const c = mergeIntent(b, intent(e({})), 3_000, KEY);
    assert.deepEqual([c.product, c.productAt], ['pid', 2_000], 'kept with its time');
  });
  it('heard fingerprints accumulate, once each', () => {
    let s = mergeIntent(undefined, intent(e({})), 1, KEY, { heard: 'a' });
    s = mergeIntent(s, intent(e({})), 2, KEY, { heard: 'b' });
    s = mergeIntent(s, intent(e({})), 3, KEY, { heard: 'a' });
    assert.deepEqual(s.heard, ['b', 'a']);
  });
  it('the products compared hold until another pair is compared or a new kind is sought', () => {
    let s = mergeIntent(undefined, intent(e({ categories: ['Bracelet'] })), 1, KEY, { compared: ['a', 'b'] });
    s = mergeIntent(s, intent(e({ pricePreference: 'low' })), 2, KEY);
    assert.deepEqual(s.compared, ['a', 'b']);
    assert.deepEqual(mergeIntent(s, intent(e({})), 3, KEY, { compared: ['c', 'd'] }).compared, ['c', 'd']);
    assert.equal(mergeIntent(s, intent(e({ categories: ['Sofa'] })), 3, KEY).compared, undefined);
  });
});

describe('mergeEntities: a turn saying only where the products are for', () => {
  const pots = e({ categories: ['Pot'], purposes: ['Plants'] });
  it('"for indoors" after "pots for my plants", in a shop whose kinds are "Indoor" and "Outdoor": indoor pots', () => {
    const m = mergeEntities(pots, e({ categories: ['Indoor'], place: 'indoor' }));
    assert.deepEqual([m.categories, m.purposes, m.place], [['Pot'], ['Plants'], 'indoor']);
  });
  it('a kind named with the place is a new search; a first turn keeps the shop\'s "Outdoor" as asked', () => {
    assert.deepEqual(mergeEntities(pots, e({ categories: ['Outdoor', 'Fence'], place: 'outdoor' })).categories, ['Outdoor', 'Fence']);
    assert.deepEqual(mergeEntities(e({}), e({ categories: ['Outdoor'], place: 'outdoor' })).categories, ['Outdoor']);
    const garden = e({ categories: ['Outdoor', 'Plants'], place: 'outdoor' });
    assert.deepEqual(mergeEntities(garden, e({ categories: ['Indoor'], place: 'indoor' })).categories, ['Indoor'], 'from the garden\'s things to the indoor ones');
    const forGarden = e({ categories: ['Outdoor', 'Plant Pot', 'Fence'], place: 'outdoor', terms: ['garden'], budget: { max: 30, text: 'under 30' } });
    const indoors = mergeEntities(forGarden, e({ purposes: ['Indoor'], place: 'indoor' }));
    assert.deepEqual([indoors.categories, indoors.terms, indoors.place, indoors.budget?.max], [[], undefined, 'indoor', 30], 'the other place starts the kinds anew; the budget stays');
    const table = mergeEntities(e({ categories: ['tables'], purposes: ['garden'], place: 'outdoor' }), e({ place: 'indoor' }));
    assert.deepEqual([table.categories, table.place], [['tables'], 'indoor'], '"a table for the garden", then "and for indoors?": indoor tables');
  });
});
