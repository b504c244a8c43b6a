import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import { AffinityError } from '../../core/errors.ts';
import type { Neighbour } from '../../core/ports.ts';
import { product } from '../../testing/productFixture.ts';
import type { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { neighbourKey, NeighbourLists, type NeighbourListsOptions } from './neighbourLists.ts';

const SHOP = 'boots.myshopify.com';

/** A CSV shop: products keyed by handle, `boot-a` also known by the pixel's numeric id 111. */
function shop() {
  const products = ['boot-a', 'boot-b', 'boot-c'].map((id) => ({ ...product({ id, title: id }), handle: id }));
  const identity = ProductIdentity.build(products, new Map([['p:111', 'boot-a']]));
  let changes = 0;
  const catalogs = { get: () => ({ identity }), identityChanges: () => changes } as unknown as Pick<CatalogRegistry, 'get' | 'identityChanges'>;
  return { identity, catalogs, learn: (links: [string, string][]) => (identity.addLinks(links), changes++) };
}

/** A store whose lists can change, counting what it is asked for; `down` makes it fail as an unreachable store does. */
function store(lists: Record<string, Neighbour[]>) {
  const asked: string[] = [];
  const s = {
    asked,
    down: false,
    getNeighbours: async (_shop: string, ids: readonly string[]) => {
      if (s.down) throw new AffinityError('STORE_UNAVAILABLE', 'the store does not answer');
      asked.push(...ids);
      return new Map(ids.map((id) => [id, lists[id] ?? []]));
    },
  };
  return s;
}

function lists(o: Partial<NeighbourListsOptions> & Pick<NeighbourListsOptions, 'store' | 'catalogs'>, clock: { t: number }) {
  return new NeighbourLists({ limit: 50, ttlMs: 1000, maxLists: 100, clock: () => clock.t, ...o });
}

/** A list as text, in no particular order (the ranker normalises by the strongest; merged lists are not sorted). */
const ids = (l: readonly Neighbour[] | undefined) => (l ?? []).map((n) => `${n.productId}:${n.weight}`).sort();

describe('NeighbourLists', () => {
  it("merges a product's lists under its numeric id and its handle, named by catalog ids", async () => {
    const { catalogs } = shop();
    const s = store({ 'boot-a': [{ productId: 'boot-b', weight: 1 }], '111': [{ productId: 'boot-c', weight: 3 }] });
    const n = lists({ store: s, catalogs }, { t: 0 });
    const got = await n.of(SHOP, ['boot-a', 'boot-b']);
    assert.deepEqual(ids(got.lists.get('boot-a')), ['boot-b:1', 'boot-c:3']);
    assert.deepEqual(ids(got.lists.get('boot-b')), []);
    assert.equal(got.degraded, false);
    assert.deepEqual([...s.asked].sort(), ['111', 'boot-a', 'boot-b']);
  });

  it('answers again from memory, the very same lists, until a list is older than the TTL', async () => {
    const { catalogs } = shop();
    const s = store({ 'boot-a': [{ productId: 'boot-b', weight: 1 }] });
    const clock = { t: 0 };
    const seen: [number, number][] = [];
    const n = lists({ store: s, catalogs, onLookup: (h, m) => seen.push([h, m]) }, clock);
    const first = (await n.of(SHOP, ['boot-a'])).lists.get('boot-a');
    clock.t = 999;
    assert.equal((await n.of(SHOP, ['boot-a'])).lists.get('boot-a'), first, 'the same object (positions memoised per list stay valid)');
    assert.equal(s.asked.length, 2, 'boot-a and 111, once');
    clock.t = 1000;
    await n.of(SHOP, ['boot-a']);
    assert.equal(s.asked.length, 4, 'both read again');
    // Misses, then a hit of both raw lists, then misses again.
    assert.deepEqual(seen, [[0, 2], [2, 0], [0, 2]]);
  });

  it('reads a list again at once when a projection changed it, and the merged list with it', async () => {
    const { catalogs } = shop();
    const data: Record<string, Neighbour[]> = { 'boot-a': [{ productId: 'boot-b', weight: 1 }], '111': [] };
    const n = lists({ store: store(data), catalogs }, { t: 0 });
    assert.deepEqual(ids((await n.of(SHOP, ['boot-a'])).lists.get('boot-a')), ['boot-b:1']);
    data['111'] = [{ productId: 'boot-c', weight: 5 }];
    assert.deepEqual(ids((await n.of(SHOP, ['boot-a'])).lists.get('boot-a')), ['boot-b:1'], 'not told yet: the held list');
    n.invalidate([neighbourKey(SHOP, '111')]);
    assert.deepEqual(ids((await n.of(SHOP, ['boot-a'])).lists.get('boot-a')), ['boot-b:1', 'boot-c:5']);
  });

  it('merges again when the identity learns a link, from the lists it holds', async () => {
    const { catalogs, learn } = shop();
    const s = store({ 'boot-a': [{ productId: '222', weight: 4 }, { productId: 'boot-b', weight: 1 }] });
    const n = lists({ store: s, catalogs }, { t: 0 });
    assert.deepEqual(ids((await n.of(SHOP, ['boot-a'])).lists.get('boot-a')), ['222:4', 'boot-b:1']);
    learn([['p:222', 'boot-c']]);
    assert.deepEqual(ids((await n.of(SHOP, ['boot-a'])).lists.get('boot-a')), ['boot-b:1', 'boot-c:4']);
  });

  it('serves the last lists, however old, while the store does not answer, and says so', async () => {
    const { catalogs } = shop();
    const s = store({ 'boot-a': [{ productId: 'boot-b', weight: 1 }] });
    const clock = { t: 0 };
    const n = lists({ store: s, catalogs }, clock);
    await n.of(SHOP, ['boot-a']);
    clock.t = 60_000;
    s.down = true;
    const got = await n.of(SHOP, ['boot-a', 'boot-c']);
    assert.equal(got.degraded, true);
    assert.deepEqual(ids(got.lists.get('boot-a')), ['boot-b:1']);
    assert.deepEqual(ids(got.lists.get('boot-c')), [], 'never read: none');
    s.down = false;
    const after = await n.of(SHOP, ['boot-a']);
    assert.equal(after.degraded, false);
    assert.equal(s.asked.filter((x) => x === 'boot-a').length, 2, 'read again once the store answers');
  });

  it('keeps no more lists than it may: an evicted list is read again, and so is what was merged from it', async () => {
    const { catalogs } = shop();
    const s = store({ 'boot-a': [{ productId: 'boot-b', weight: 1 }], 'boot-b': [{ productId: 'boot-c', weight: 1 }] });
    const n = lists({ store: s, catalogs, maxLists: 2 }, { t: 0 });
    await n.of(SHOP, ['boot-a']);
    await n.of(SHOP, ['boot-b']);
    assert.deepEqual(s.asked, ['boot-a', '111', 'boot-b'], 'boot-b evicted the least recently used raw list');
    await n.of(SHOP, ['boot-a']);
    assert.deepEqual(s.asked.slice(3), ['boot-a'], 'boot-a resolved again, its list under 111 still held');
  });

  it('keeps nothing when the TTL is 0: every ask reads the store', async () => {
    const { catalogs } = shop();
    const s = store({ 'boot-b': [{ productId: 'boot-c', weight: 1 }] });
    const n = lists({ store: s, catalogs, ttlMs: 0 }, { t: 0 });
    await n.of(SHOP, ['boot-b']);
    await n.of(SHOP, ['boot-b']);
    assert.deepEqual(s.asked, ['boot-b', 'boot-b']);
  });
});
