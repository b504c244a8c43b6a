import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Neighbour } from '../../core/ports.ts';
import type { ProfileView } from '../../core/profile/profileView.ts';
import type { RecommendedItem } from '../../core/recommend/baseRecommender.ts';
import { BaseListCache, type BaseListInputs } from './baseListCache.ts';

const SHOP = 'bound.myshopify.com';
const T = 1_000_000;

function inputs(over: Partial<BaseListInputs> = {}): BaseListInputs {
  const list: Neighbour[] = [{ productId: 'b', weight: 1 }];
  return { catalog: CATALOG, identityChanges: 0, tops: TOPS, notInMarket: undefined, seeds: [{ productId: 'a', weight: 1, role: 'current' }], neighbours: new Map([['a', list]]), ...over };
}
const CATALOG = {};
const TOPS = {};
const items = (id: string): RecommendedItem[] => [{ productId: id, score: 1, reasons: [] }];

describe('BaseListCache', () => {
  it('holds at most `max` lists, the oldest let go first, and none past their time', () => {
    const c = new BaseListCache({ ttlMs: 5000, max: 2 });
    const x = inputs();
    const view = {} as ProfileView;
    const [l1, l2, l3] = [items('1'), items('2'), items('3')];
    c.set(SHOP, undefined, 'k1', x, T, l1);
    c.set(SHOP, view, 'k2', x, T, l2);
    assert.equal(c.get(SHOP, undefined, 'k1', x, T), l1);
    assert.equal(c.get(SHOP, view, 'k2', x, T), l2);
    c.set(SHOP, view, 'k3', x, T + 1, l3);
    assert.equal(c.get(SHOP, undefined, 'k1', x, T + 1), undefined, 'the oldest went');
    assert.equal(c.get(SHOP, view, 'k2', x, T + 1), l2);
    // Keeping another list past the first ones' time lets them go (a quiet node holds almost none).
    c.set(SHOP, undefined, 'k4', x, T + 6000, items('4'));
    assert.equal(c.get(SHOP, view, 'k2', x, T + 1), undefined);
    assert.equal(c.get(SHOP, view, 'k3', x, T + 1), undefined);
  });

  it('answers only while every input is the very same', () => {
    const c = new BaseListCache({ ttlMs: 5000 });
    const x = inputs();
    const l = items('1');
    c.set(SHOP, undefined, 'k', x, T, l);
    assert.equal(c.get(SHOP, undefined, 'k', x, T + 4999), l);
    assert.equal(c.get(SHOP, undefined, 'k', x, T + 5000), undefined, 'too old');
    assert.equal(c.get(SHOP, undefined, 'k', x, T - 1), undefined, 'clock went back');
    assert.equal(c.get('other.myshopify.com', undefined, 'k', x, T), undefined, 'another shop');
    assert.equal(c.get(SHOP, {} as ProfileView, 'k', x, T), undefined, 'a shopper with a profile');
    for (const change of [
      { catalog: {} },
      { identityChanges: 1 },
      { tops: {} },
      { notInMarket: new Set<string>() },
      { seeds: [{ productId: 'a', weight: 1, role: 'session' as const }] },
      { seeds: [...x.seeds, { productId: 'c', weight: 0.5, role: 'history' as const }] },
      { neighbours: new Map([['a', [{ productId: 'b', weight: 1 }]]]) },
    ]) assert.equal(c.get(SHOP, undefined, 'k', inputs(change), T), undefined, JSON.stringify(Object.keys(change)));
    // Seed weights move with time; the list is the one of its moment (see the module comment).
    assert.equal(c.get(SHOP, undefined, 'k', inputs({ seeds: [{ productId: 'a', weight: 0.9, role: 'current' }], neighbours: x.neighbours }), T), l);
    c.deleteShop(SHOP);
    assert.equal(c.get(SHOP, undefined, 'k', x, T), undefined);
  });
});
