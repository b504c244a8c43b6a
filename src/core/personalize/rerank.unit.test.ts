import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogIndex, featureKeysOf } from '../catalog/catalogIndex.ts';
import { profileAffinity } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';
import { product } from '../../testing/productFixture.ts';
import { affinityOf, rerankForShopper } from './rerank.ts';

const page = [
  product({ id: 'a', title: 'Road Runner', vendor: 'Strideline', productType: 'Running Shoes', price: 300 }),
  product({ id: 'b', title: 'Trail Boot', vendor: 'Alpina', productType: 'Hiking Boots', price: 200 }),
  product({ id: 'c', title: 'Camp Mug', vendor: 'Kiln', productType: 'Mugs', price: 15 }),
  product({ id: 'd', title: 'Summit Boot', vendor: 'Alpina', productType: 'Hiking Boots', price: 120 }),
];
const hiker: ProfileView = {
  userId: 'h',
  affinities: new Map([['vendor:alpina', 0.8], ['type:hiking boots', 0.9]]),
  priceBand: { center: 120, low: 90, high: 160 },
  recent: [],
  session: [],
  purchased: new Set(),
  eventCount: 5,
  lastSeen: 0,
};

describe('rerankForShopper', () => {
  it('keeps the search order without a profile', () => {
    assert.deepEqual(rerankForShopper(page, undefined).map((r) => r.product.id), ['a', 'b', 'c', 'd']);
  });

  it("moves the shopper's brands, types and price range up within the page, search order still first, saying what matched", () => {
    const ranked = rerankForShopper(page, hiker);
    // b passes a (one place down, strong match); d, last in the search, passes c but not a.
    assert.deepEqual(ranked.map((r) => r.product.id), ['b', 'a', 'd', 'c']);
    assert.deepEqual(ranked[2]?.matches, ['hiking boots', 'Alpina', 'usual price range']);
    assert.deepEqual(ranked[1]?.matches, []);
  });

  it("in a one-brand shop, neither reorders nor lists the brand every product shares", () => {
    // The shop's catalog: everything by Alpina; two of three are hiking boots.
    const shop = CatalogIndex.build([
      product({ id: 'b', title: 'Trail Boot', vendor: 'Alpina', productType: 'Hiking Boots', price: 200 }),
      product({ id: 'd', title: 'Summit Boot', vendor: 'Alpina', productType: 'Hiking Boots', price: 120 }),
      product({ id: 'm', title: 'Camp Mug', vendor: 'Alpina', productType: 'Mugs', price: 15 }),
    ]);
    const fan: ProfileView = { ...hiker, affinities: new Map([['vendor:alpina', 0.9]]), priceBand: undefined };
    const ranked = rerankForShopper(shop.all(), fan, (key) => shop.featureSpecificity(key));
    assert.deepEqual(ranked.map((r) => r.product.id), ['b', 'd', 'm'], 'search order kept');
    assert.deepEqual(ranked.map((r) => r.matches), [[], [], []], 'Alpina is no match worth saying');
    assert.deepEqual(rerankForShopper(shop.all(), fan).map((r) => r.matches[0]), ['Alpina', 'Alpina', 'Alpina'], 'without the catalog it is');
  });

  it('scores affinity as the ranker does (profileAffinity)', () => {
    for (const p of page) {
      const price = p.variants[0]?.price.amount;
      assert.equal(affinityOf(p, hiker).affinity, profileAffinity(hiker, featureKeysOf(p), price === undefined ? undefined : price / 100).score);
    }
  });
});
