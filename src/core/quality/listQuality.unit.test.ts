import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clickMatchesIntent, intraListDiversity, jaccard, variationBetweenShoppers } from './listQuality.ts';

/** A deterministic rng cycling through `xs`. */
const cycle = (xs: number[]) => {
  let i = 0;
  return () => xs[i++ % xs.length] as number;
};

describe('list quality', () => {
  it('diversity: 0 when every item shares category and vendor, 1 when none do, in between otherwise', () => {
    const same = { category: 'Boots', vendor: 'Alpina' };
    assert.equal(intraListDiversity([same, same, same]), 0);
    assert.equal(intraListDiversity([{ category: 'Boots', vendor: 'A' }, { category: 'Tents', vendor: 'B' }]), 1);
    // Pairs: (1,2) same category → 0.5; (1,3) nothing → 0; (2,3) nothing → 0. Mean 1/6.
    assert.equal(intraListDiversity([{ category: 'boots', vendor: 'A' }, { category: 'Boots ', vendor: 'B' }, { category: 'Tents', vendor: 'C' }]), 1 - 0.5 / 3);
    assert.equal(intraListDiversity([same]), null);
  });

  it('jaccard', () => {
    assert.equal(jaccard(['a', 'b'], ['b', 'c']), 1 / 3);
    assert.equal(jaccard([], []), 1);
  });

  it('variation between shoppers: 0 when everyone gets the same list, pairs of one shopper skipped', () => {
    const same = [{ userId: 'u1', items: ['a', 'b'] }, { userId: 'u2', items: ['a', 'b'] }, { userId: 'u3', items: ['b', 'a'] }];
    assert.equal(variationBetweenShoppers(same, 10, cycle([0, 0.5, 0.9])), 0);
    const lists = [{ userId: 'u1', items: ['a', 'b'] }, { userId: 'u1', items: ['x', 'y'] }, { userId: 'u2', items: ['b', 'c'] }];
    // Draws (0,0.4) = lists 0,1: same shopper, skipped; (0,0.7) = lists 0,2: jaccard 1/3.
    assert.equal(variationBetweenShoppers(lists, 1, cycle([0, 0.4, 0, 0.7])), 1 - 1 / 3);
    assert.equal(variationBetweenShoppers([{ userId: 'u', items: ['a'] }], 5, Math.random), null);
  });

  it('intent accuracy: the clicked product matches the asked category, brand and budget', () => {
    const boot = { categoryTerms: ['Outdoor > Footwear > Hiking Boots', 'Boots'], vendor: 'Alpina', price: 149 };
    assert.equal(clickMatchesIntent(boot, { categories: ['hiking boots'], brands: [], budget: { max: 200 } }), true);
    assert.equal(clickMatchesIntent(boot, { categories: ['boot'], brands: ['alpina'] }), true);
    assert.equal(clickMatchesIntent(boot, { categories: ['Tents'], brands: [] }), false);
    assert.equal(clickMatchesIntent(boot, { categories: [], brands: [], budget: { max: 100 } }), false);
    assert.equal(clickMatchesIntent(boot, { categories: [], brands: ['Campco'] }), false);
    assert.equal(clickMatchesIntent(boot, { categories: [], brands: [] }), undefined);
  });
});
