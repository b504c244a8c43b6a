import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import { AffinityError } from '../../core/errors.ts';
import type { Neighbour } from '../../core/ports.ts';
import { product } from '../../testing/productFixture.ts';
import type { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { neighbourKey, NeighbourLists } from './neighbourLists.ts';
import { SecondHopLists } from './secondHopLists.ts';

const SHOP = 'hops.myshopify.com';
const TTL = 1000;

/** a is viewed with b; b with c and a. */
const lists = (): Record<string, Neighbour[]> => ({ a: [{ productId: 'b', weight: 1 }], b: [{ productId: 'c', weight: 2 }, { productId: 'a', weight: 2 }] });

function setup(data: Record<string, Neighbour[]>) {
  const products = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ ...product({ id, title: id }), handle: id }));
  const identity = ProductIdentity.build(products, new Map());
  const catalogs = { get: () => ({ identity }), identityChanges: () => 0 } as unknown as Pick<CatalogRegistry, 'get' | 'identityChanges'>;
  const store = {
    asked: [] as string[],
    down: false,
    getNeighbours: async (_shop: string, ids: readonly string[]) => {
      if (store.down) throw new AffinityError('STORE_UNAVAILABLE', 'the store does not answer');
      store.asked.push(...ids);
      return new Map(ids.map((id) => [id, data[id] ?? []]));
    },
  };
  const clock = { t: 0 };
  const neighbours = new NeighbourLists({ store, catalogs, limit: 50, ttlMs: TTL, maxLists: 100, clock: () => clock.t });
  const hops = new SecondHopLists({ neighbours, ttlMs: TTL, clock: () => clock.t });
  /** The product's own list as the ranking has it, then its second hop. */
  const hopOf = async (id: string) => {
    const first = (await neighbours.of(SHOP, [id])).lists.get(id) as Neighbour[];
    return hops.of(SHOP, new Map([[id, first]]));
  };
  return { store, clock, neighbours, hopOf };
}

const text = (l: readonly { productId: string; weight: number }[] | undefined) => (l ?? []).map((n) => `${n.productId}:${n.weight}`);

describe('SecondHopLists', () => {
  it('works a product’s second hop out from its neighbours’ lists, then gives the same list without looking them up', async () => {
    const { store, hopOf } = setup(lists());
    const one = await hopOf('a');
    assert.deepEqual(text(one.lists.get('a')), ['c:0.5']);
    assert.equal(one.degraded, false);
    assert.deepEqual(store.asked, ['a', 'b']);
    const again = await hopOf('a');
    assert.equal(again.lists.get('a'), one.lists.get('a'), 'the very same list');
    assert.deepEqual(store.asked, ['a', 'b'], 'nothing read again');
  });

  it('works it out again at once when the product’s own list changed, and within the lists’ time when a neighbour’s did', async () => {
    const data = lists();
    const { clock, neighbours, hopOf } = setup(data);
    const before = (await hopOf('a')).lists.get('a');
    data.b = [{ productId: 'd', weight: 1 }];
    neighbours.invalidate([neighbourKey(SHOP, 'b')]);
    assert.equal((await hopOf('a')).lists.get('a'), before, 'a neighbour’s change: kept until its time is up');
    clock.t = TTL;
    assert.deepEqual(text((await hopOf('a')).lists.get('a')), ['d:1']);
    data.a = [{ productId: 'c', weight: 1 }];
    data.c = [{ productId: 'e', weight: 1 }];
    neighbours.invalidate([neighbourKey(SHOP, 'a')]);
    assert.deepEqual(text((await hopOf('a')).lists.get('a')), ['e:1'], 'its own list changed: at once');
  });

  it('answers from the last lists while the store is down, says so, and keeps nothing worked out then', async () => {
    const { store, clock, hopOf } = setup(lists());
    await hopOf('a');
    clock.t = 5 * TTL; // every list past its time
    store.down = true;
    const down = await hopOf('a');
    assert.equal(down.degraded, true);
    assert.deepEqual(text(down.lists.get('a')), ['c:0.5'], 'from the lists last read');
    store.down = false;
    const up = await hopOf('a');
    assert.equal(up.degraded, false);
    assert.notEqual(up.lists.get('a'), down.lists.get('a'), 'worked out again from fresh lists');
  });
});
