/**
 * The contract every UserEventStore (and CatalogStore) adapter passes. Adapters call
 * `userEventStoreContract(name, factory)` from their integration test file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Product } from '../core/catalog/product.ts';
import type { TombstonePruning } from '../core/catalog/stampedChange.ts';
import type { UserEvent } from '../core/events/userEvent.ts';
import type { CatalogStore, UserEventStore } from '../core/ports.ts';
import { RECENT_CAP, type ProfileDelta } from '../core/profile/profileDelta.ts';

/** A store under test plus a way to open a second connection to the same data. */
export interface StoreHarness {
  readonly store: UserEventStore & CatalogStore;
  /** Opens a fresh store over the same data (after `store.close()`), to prove durability. */
  reopen(): Promise<UserEventStore & CatalogStore>;
  /**
   * The adapter's catalog over the same data as `store` (while it is open), with the clock, retention
   * and prune limit given: tombstone pruning is tested without waiting a week.
   */
  catalogWith(pruning: TombstonePruning): CatalogStore;
  /**
   * The ids of every record the store keeps for a shop's catalog (products, tombstones, and whatever it
   * keeps beside them, such as write times), sorted, one entry per record: what pruning must free.
   */
  catalogRecordIds(shop: string): Promise<string[]>;
}

let n = 0;
/** A minimal valid event. */
export function makeEvent(over: Partial<UserEvent> = {}): UserEvent {
  n += 1;
  return {
    v: 1,
    id: `ev-${n}-${Math.random().toString(36).slice(2)}`,
    shop: 'shop-a',
    userId: 'u1',
    type: 'view',
    name: 'product_viewed',
    ts: Date.UTC(2026, 10, 1, 12, 0, n % 60),
    items: [{ productId: 'p1', quantity: 1 }],
    source: 'api',
    ...over,
  };
}

function delta(over: Partial<ProfileDelta> = {}): ProfileDelta {
  return {
    shop: 'shop-a',
    userId: 'u1',
    features: {},
    recent: [],
    purchased: [],
    events: 1,
    firstTs: 1000,
    lastTs: 2000,
    ...over,
  };
}

function product(id: string, title: string): Product {
  return {
    id,
    handle: id,
    title,
    description: '',
    vendor: 'V',
    productType: 'T',
    category: '',
    tags: [],
    options: {},
    variants: [{ id: `${id}-v`, title: 'Default', price: { amount: 1000, currency: 'USD' }, available: true, options: {} }],
    images: [],
    published: true,
  };
}

/** Registers the contract suite for one adapter. `factory` gives a fresh, empty store per suite. */
export function userEventStoreContract(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`UserEventStore contract: ${name}`, () => {
    let h: StoreHarness;
    let store: UserEventStore & CatalogStore;
    before(async () => {
      h = await factory();
      store = h.store;
    });
    after(async () => {
      await store.close();
    });

    it('append is idempotent on (shop, event id) and isolates shops', async () => {
      const e = makeEvent({ shop: 'idem', userId: 'u' });
      assert.deepEqual(await store.append([e]), { accepted: 1, duplicates: 0 });
      assert.deepEqual(await store.append([e, e]), { accepted: 0, duplicates: 2 });
      assert.deepEqual(await store.append([{ ...e, shop: 'idem-2' }]), { accepted: 1, duplicates: 0 });
      const mine = await store.getUserEvents('idem', 'u', 10);
      assert.equal(mine.length, 1);
      assert.deepEqual(mine[0], e);
    });

    it('a duplicate inside one batch is stored once', async () => {
      const e = makeEvent({ shop: 'idem-batch' });
      assert.deepEqual(await store.append([e, makeEvent({ shop: 'idem-batch' }), e]), { accepted: 2, duplicates: 1 });
    });

    it('returns unprojected events in append order until they are projected', async () => {
      // Drain what earlier tests left.
      let pending = await store.readUnprojected(1000);
      await store.applyProjection({ seqs: pending.map((p) => p.seq), profiles: [], stats: [] });
      const a = makeEvent({ shop: 'proj' });
      const b = makeEvent({ shop: 'proj' });
      const c = makeEvent({ shop: 'proj' });
      await store.append([a, b]);
      await store.append([c]);
      pending = await store.readUnprojected(2);
      assert.deepEqual(pending.map((p) => p.event.id), [a.id, b.id]);
      await store.applyProjection({ seqs: pending.map((p) => p.seq), profiles: [], stats: [] });
      pending = await store.readUnprojected(10);
      assert.deepEqual(pending.map((p) => p.event.id), [c.id]);
      await store.applyProjection({ seqs: pending.map((p) => p.seq), profiles: [], stats: [] });
      assert.deepEqual(await store.readUnprojected(10), []);
    });

    it('applies a batch only when none of its events is projected yet, and names the ones still waiting', async () => {
      // Two projectors that read the same events: the one that applies second must not count them twice.
      const drain = await store.readUnprojected(1000);
      await store.applyProjection({ seqs: drain.map((p) => p.seq), profiles: [], stats: [] });
      await store.append([makeEvent({ shop: 'once' }), makeEvent({ shop: 'once' })]);
      const [a, b] = await store.readUnprojected(10);
      assert.ok(a && b);
      const one = (userId: string) => ({ seqs: [], profiles: [delta({ shop: 'once', userId })], stats: [{ kind: 'popular' as const, shop: 'once', epoch: 1, productId: userId, weight: 1 }] });
      assert.deepEqual(await store.applyProjection({ ...one('first'), seqs: [a.seq] }), { status: 'applied' });
      assert.deepEqual(await store.applyProjection({ ...one('both'), seqs: [a.seq, b.seq] }), { status: 'stale', unprojected: [b.seq] });
      assert.equal(await store.getProfile('once', 'both'), undefined, 'nothing of a stale batch is written');
      assert.deepEqual(await store.getTop('once', 'popular', 1, 10), [{ productId: 'first', weight: 1 }]);
      assert.deepEqual((await store.readUnprojected(10)).map((p) => p.seq), [b.seq], 'nor acknowledged');
      assert.deepEqual(await store.applyProjection({ ...one('second'), seqs: [b.seq] }), { status: 'applied' });
      assert.deepEqual(await store.applyProjection({ ...one('late'), seqs: [a.seq, b.seq] }), { status: 'stale', unprojected: [] });
      assert.equal(await store.getProfile('once', 'late'), undefined);
      assert.equal((await store.getProfile('once', 'second'))?.eventCount, 1);
      assert.deepEqual(await store.readUnprojected(10), []);
    });

    it('profile deltas add up: features, counts, first/last seen, recent and purchases', async () => {
      await store.applyProjection({
        seqs: [],
        profiles: [
          delta({
            shop: 'prof',
            features: { 'cat:shoes': 2, 'vendor:acme': 1 },
            recent: [
              { productId: 'p1', type: 'view', ts: 1000 },
              { productId: 'p2', type: 'view', ts: 1500 },
            ],
            events: 2,
            firstTs: 1000,
            lastTs: 1500,
          }),
        ],
        stats: [],
      });
      await store.applyProjection({
        seqs: [],
        profiles: [
          delta({
            shop: 'prof',
            features: { 'cat:shoes': 3, 'tag:red': 0.5 },
            recent: [
              { productId: 'p1', type: 'view', ts: 3000 },
              { productId: 'p1', type: 'purchase', ts: 3100 },
            ],
            purchased: ['p1'],
            events: 2,
            firstTs: 500,
            lastTs: 3100,
            customerId: 'c-9',
          }),
        ],
        stats: [],
      });
      const p = await store.getProfile('prof', 'u1');
      assert.ok(p);
      assert.deepEqual(p.features, { 'cat:shoes': 5, 'vendor:acme': 1, 'tag:red': 0.5 });
      assert.equal(p.eventCount, 4);
      assert.equal(p.firstSeen, 500);
      assert.equal(p.lastSeen, 3100);
      assert.equal(p.customerId, 'c-9');
      assert.deepEqual(p.purchased, ['p1']);
      assert.deepEqual(
        p.recent.map((r) => `${r.productId}:${r.type}:${r.ts}`),
        ['p1:purchase:3100', 'p1:view:3000', 'p2:view:1500'],
      );
      assert.equal(await store.getProfile('prof', 'nobody'), undefined);
      assert.equal(await store.getProfile('other-shop', 'u1'), undefined);
    });

    it(`keeps only the newest ${RECENT_CAP} recent items`, async () => {
      const recent = Array.from({ length: RECENT_CAP + 20 }, (_, i) => ({ productId: `p${i}`, type: 'view' as const, ts: 10_000 + i }));
      await store.applyProjection({ seqs: [], profiles: [delta({ shop: 'cap', recent })], stats: [] });
      const p = await store.getProfile('cap', 'u1');
      assert.equal(p?.recent.length, RECENT_CAP);
      assert.equal(p?.recent[0]?.productId, `p${RECENT_CAP + 19}`);
      assert.equal(p?.recent.at(-1)?.productId, 'p20');
    });

    it('getProfiles answers many users in order, undefined for unknown ones', async () => {
      await store.applyProjection({
        seqs: [],
        profiles: [delta({ shop: 'many', userId: 'a' }), delta({ shop: 'many', userId: 'c', events: 3 })],
        stats: [],
      });
      const got = await store.getProfiles('many', ['a', 'b', 'c']);
      assert.equal(got.length, 3);
      assert.equal(got[0]?.userId, 'a');
      assert.equal(got[1], undefined);
      assert.equal(got[2]?.eventCount, 3);
    });

    it('getRecentItems answers only the recent items of many users, in order, empty for unknown ones', async () => {
      await store.applyProjection({
        seqs: [],
        profiles: [
          delta({ shop: 'hist', userId: 'a', recent: [{ productId: 'p1', type: 'view', ts: 10 }, { productId: 'p2', type: 'add_to_cart', ts: 20 }] }),
          delta({ shop: 'hist', userId: 'c', recent: [{ productId: 'p3', type: 'purchase', ts: 5 }] }),
        ],
        stats: [],
      });
      const got = await store.getRecentItems('hist', ['a', 'b', 'c']);
      assert.deepEqual(got, [
        [{ productId: 'p2', type: 'add_to_cart', ts: 20 }, { productId: 'p1', type: 'view', ts: 10 }],
        [],
        [{ productId: 'p3', type: 'purchase', ts: 5 }],
      ]);
      assert.deepEqual(got[0], (await store.getProfile('hist', 'a'))?.recent, 'the same list the profile holds');
      assert.deepEqual(await store.getRecentItems('other-shop', ['a']), [[]]);
    });

    it('co-occurrence weights add up, come strongest first, honour the limit and stay per shop', async () => {
      await store.applyProjection({
        seqs: [],
        profiles: [],
        stats: [
          { kind: 'cooc', shop: 'co', from: 'a', to: 'b', weight: 1 },
          { kind: 'cooc', shop: 'co', from: 'a', to: 'c', weight: 2.5 },
          { kind: 'cooc', shop: 'co', from: 'a', to: 'd', weight: 0.5 },
          { kind: 'cooc', shop: 'co-other', from: 'a', to: 'z', weight: 9 },
        ],
      });
      await store.applyProjection({ seqs: [], profiles: [], stats: [{ kind: 'cooc', shop: 'co', from: 'a', to: 'b', weight: 2 }] });
      const n1 = await store.getNeighbours('co', ['a', 'x'], 2);
      assert.deepEqual(n1.get('a'), [
        { productId: 'b', weight: 3 },
        { productId: 'c', weight: 2.5 },
      ]);
      assert.deepEqual(n1.get('x'), []);
    });

    it('counters add up per epoch and come strongest first', async () => {
      await store.applyProjection({
        seqs: [],
        profiles: [],
        stats: [
          { kind: 'popular', shop: 'cnt', epoch: 7, productId: 'a', weight: 1 },
          { kind: 'popular', shop: 'cnt', epoch: 7, productId: 'b', weight: 2 },
          { kind: 'popular', shop: 'cnt', epoch: 8, productId: 'c', weight: 5 },
          { kind: 'trending', shop: 'cnt', epoch: 7, productId: 'c', weight: 1 },
          { kind: 'popular', shop: 'cnt', epoch: 7, productId: 'a', weight: 1.5 },
        ],
      });
      assert.deepEqual(await store.getTop('cnt', 'popular', 7, 10), [
        { productId: 'a', weight: 2.5 },
        { productId: 'b', weight: 2 },
      ]);
      assert.deepEqual(await store.getTop('cnt', 'trending', 7, 10), [{ productId: 'c', weight: 1 }]);
      assert.deepEqual(await store.getTop('cnt', 'popular', 9, 10), []);
      assert.ok((await store.listShops()).includes('cnt'));
    });

    it('lists a user’s events newest first', async () => {
      const old = makeEvent({ shop: 'hist', ts: 1000 });
      const mid = makeEvent({ shop: 'hist', ts: 2000 });
      const nu = makeEvent({ shop: 'hist', ts: 3000 });
      await store.append([mid, nu, old]);
      assert.deepEqual((await store.getUserEvents('hist', 'u1', 2)).map((e) => e.id), [nu.id, mid.id]);
    });

    it('stores and lists products per shop, replacing on upsert', async () => {
      const t0 = Date.now();
      await store.upsertProducts('cat-a', [product('1', 'One'), product('2', 'Two')]);
      const first = (await store.catalogVersions())['cat-a'] as number;
      await store.upsertProducts('cat-a', [product('2', 'Two v2')]);
      await store.upsertProducts('cat-b', [product('9', 'Nine')]);
      const a = await store.listProducts('cat-a');
      assert.deepEqual(a.map((p) => p.title).sort(), ['One', 'Two v2']);
      assert.deepEqual((await store.listProducts('cat-b')).map((p) => p.id), ['9']);
      assert.deepEqual(await store.listProducts('cat-none'), []);
      const shops = await store.listCatalogShops();
      assert.ok(shops.includes('cat-a') && shops.includes('cat-b'));
      const v = await store.catalogVersions();
      // A first version is the time of the first write, so an erased catalog written again never restarts at an old one's.
      assert.ok(first >= t0 && first <= Date.now(), `first version ${first}`);
      assert.equal(v['cat-a'], first + 1, 'every upsert bumps the version');
      assert.ok((v['cat-b'] as number) >= t0);
    });

    it('lists an unchanged product as the same object again (what is built from it is kept), a changed one as a new object', async () => {
      await store.upsertProducts('same-a', [product('1', 'One'), product('2', 'Two'), product('3', 'Three')]);
      const first = await store.listProducts('same-a');
      await store.upsertProducts('same-a', [product('2', 'Two v2')]);
      await store.removeProducts('same-a', ['3']);
      const second = await store.listProducts('same-a');
      assert.deepEqual(second.map((p) => p.title), ['One', 'Two v2']);
      assert.equal(second[0], first[0], 'unchanged: the same object');
      assert.notEqual(second[1], first[1]);
      assert.equal(first[1]?.title, 'Two', 'an object given out is never changed');
      // Erased: nothing of the shop is held; listed again, a product of the same id is decoded afresh.
      await store.upsertProducts('same-a', [product('1', 'One')]);
      await store.removeProducts('same-a', ['1', '2']);
      assert.deepEqual(await store.listProducts('same-a'), []);
      await store.upsertProducts('same-a', [product('1', 'One')]);
      const third = await store.listProducts('same-a');
      assert.notEqual(third[0], first[0]);
      assert.deepEqual(third[0], first[0]);
    });

    it('removes products by id: gone from every handle on the store, version bumped once, unknown ids skipped', async () => {
      await store.upsertProducts('rm-a', [product('1', 'One'), product('2', 'Two'), product('3', 'Three')]);
      await store.upsertProducts('rm-b', [product('1', 'Other shop')]);
      const v0 = (await store.catalogVersions())['rm-a'] ?? 0;
      assert.deepEqual(await store.removeProducts('rm-a', ['2', 'nope', '2']), ['2']);
      assert.equal((await store.catalogVersions())['rm-a'], v0 + 1);
      assert.deepEqual((await store.listProducts('rm-a')).map((p) => p.id), ['1', '3']);
      assert.deepEqual((await store.listProducts('rm-b')).map((p) => p.id), ['1'], 'another shop keeps its product of the same id');
      assert.deepEqual(await store.removeProducts('rm-a', ['2', 'nope']), [], 'nothing left to remove');
      assert.equal((await store.catalogVersions())['rm-a'], v0 + 1, 'no version bump when nothing was removed');
      const other = await h.reopen();
      try {
        assert.deepEqual((await other.listProducts('rm-a')).map((p) => p.id), ['1', '3']);
      } finally {
        if (other !== store) await other.close();
      }
      await store.upsertProducts('rm-a', [product('2', 'Two again')]);
      assert.deepEqual((await store.listProducts('rm-a')).map((p) => p.title), ['One', 'Two again', 'Three']);
    });

    it('applies stamped changes: an older one never overwrites a newer one, and a removal is not undone by an older update', async () => {
      const s = 'stamp-a';
      const at = (m: number) => `2025-01-01T00:0${m}:00.000Z`;
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '7', stamp: at(2), product: product('7', 'Seven v2') }]), ['7']);
      const v1 = (await store.catalogVersions())[s] ?? 0;
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '7', stamp: at(1), product: product('7', 'Seven v1') }]), [], 'older: dropped');
      assert.equal((await store.catalogVersions())[s], v1, 'a dropped change bumps nothing');
      assert.deepEqual((await store.listProducts(s)).map((p) => [p.title, p.updatedAt]), [['Seven v2', at(2)]]);
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '7', stamp: at(2), product: product('7', 'Seven v2 again') }]), ['7'], 'same stamp: a redelivery applies');
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '7', stamp: at(3) }]), ['7'], 'removed');
      assert.deepEqual(await store.listProducts(s), []);
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '7', stamp: at(2), product: product('7', 'late update') }]), [], 'an update older than the removal');
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '7', stamp: at(3), product: product('7', 'same second') }]), [], 'the removal wins a tie');
      assert.deepEqual(await store.listProducts(s), []);
      // A removal of an id never seen leaves a tombstone too: the create delivered after it stays out.
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '8', stamp: at(5) }]), []);
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '8', stamp: at(4), product: product('8', 'late create') }]), []);
      // A product stored without a stamp (an import) takes any stamped change; an import overwrites a tombstone.
      await store.upsertProducts(s, [product('9', 'imported')]);
      assert.deepEqual(await store.applyStampedChanges(s, [{ id: '9', stamp: at(1), product: product('9', 'from webhook') }]), ['9']);
      await store.upsertProducts(s, [product('7', 'imported again')]);
      assert.deepEqual((await store.listProducts(s)).map((p) => p.title), ['imported again', 'from webhook']);
      assert.deepEqual(await store.removeProducts(s, ['8']), [], 'a tombstone is not a product to remove');
    });

    it('drops a tombstone the retention after the store wrote it (not after its stamp), on a later write of its shop, a bounded number per write, and answers nothing differently', async () => {
      const t0 = Date.UTC(2031, 0, 1);
      const R = 7 * 86_400_000;
      let now = t0;
      const cat = h.catalogWith({ now: () => now, retentionMs: R, limit: 10 });
      const s = 'prune-a';
      const at = (m: number) => `2031-01-01T00:0${m}:00.000Z`;
      const kept = async (shop: string) => new Set(await h.catalogRecordIds(shop));
      // At t0: a product deleted (its tombstone), a deletion stamped in 2001 (a forged or odd stamp),
      // an imported product, a tombstone an import then overwrote; the same id deleted in another shop;
      // and a shop whose only product is deleted.
      await cat.applyStampedChanges(s, [{ id: 'gone', stamp: at(1), product: product('gone', 'Gone') }]);
      assert.deepEqual(await cat.applyStampedChanges(s, [{ id: 'gone', stamp: at(2) }]), ['gone']);
      assert.deepEqual(await cat.applyStampedChanges(s, [{ id: 'old-stamp', stamp: '2001-01-01T00:00:00.000Z' }]), []);
      await cat.upsertProducts(s, [product('imported', 'Imported')]);
      await cat.applyStampedChanges(s, [{ id: 'back', stamp: at(1) }]);
      await cat.upsertProducts(s, [product('back', 'Back by import')]);
      await cat.applyStampedChanges('prune-b', [{ id: 'gone', stamp: at(2) }]);
      await cat.applyStampedChanges('prune-d', [{ id: 'only', stamp: at(1), product: product('only', 'Only') }]);
      await cat.applyStampedChanges('prune-d', [{ id: 'only', stamp: at(2) }]);
      const listed = ['Back by import', 'Imported'];
      const titles = async () => (await store.listProducts(s)).map((p) => p.title).sort();
      assert.deepEqual(await titles(), listed);

      // Exactly the retention later a write prunes nothing: every tombstone still guards.
      now = t0 + R;
      assert.deepEqual(await cat.applyStampedChanges(s, [{ id: 'w1', stamp: at(1) }]), [], 'a write (a tombstone of an unknown id)');
      for (const id of ['gone', 'old-stamp']) assert.ok((await kept(s)).has(id), `${id} is kept until the retention has passed`);
      assert.deepEqual(await cat.applyStampedChanges(s, [{ id: 'old-stamp', stamp: '2000-01-01T00:00:00.000Z', product: product('old-stamp', 'late') }]), [], 'its tombstone still drops an older update');

      // A millisecond later, the next write of the shop drops the expired tombstones; no answer changes.
      now = t0 + R + 1;
      const versions = await store.catalogVersions();
      const shops = await store.listCatalogShops();
      assert.ok(shops.includes('prune-d'));
      assert.deepEqual(await cat.applyStampedChanges(s, [{ id: 'w2', stamp: at(1) }]), [], 'a write that changes no product');
      assert.deepEqual(await cat.applyStampedChanges('prune-d', [{ id: 'w', stamp: at(1) }]), []);
      let left = await kept(s);
      assert.ok(!left.has('gone') && !left.has('old-stamp'), `expired tombstones dropped: ${[...left].join(', ')}`);
      assert.ok(left.has('w1') && left.has('w2'), 'younger tombstones stay');
      assert.ok(left.has('imported') && left.has('back'), 'products stay, however old (and one written over a tombstone)');
      assert.ok(!(await kept('prune-d')).has('only'));
      assert.deepEqual(await titles(), listed);
      assert.deepEqual(await store.listProducts('prune-d'), []);
      assert.deepEqual(await store.catalogVersions(), versions, 'pruning bumps no version');
      assert.deepEqual(await store.listCatalogShops(), shops, 'nor changes the shops listed (a shop whose older records all went stays)');
      assert.deepEqual(await cat.removeProducts(s, ['gone', 'old-stamp']), [], 'nothing to remove, as before');
      assert.ok((await kept('prune-b')).has('gone'), 'another shop keeps its tombstone until a write of its own');
      assert.deepEqual(await store.listProducts('prune-b'), []);

      // A removal delivered again is written again: its tombstone is kept from that write on.
      now = t0 + R + 5;
      await cat.applyStampedChanges(s, [{ id: 'w1', stamp: at(1) }]);
      now = t0 + 2 * R + 2;
      await cat.applyStampedChanges(s, [{ id: 'w3', stamp: at(1) }]);
      left = await kept(s);
      assert.ok(left.has('w1') && !left.has('w2'), `w1 was written again after w2: ${[...left].join(', ')}`);

      // A bounded number per write: five expired tombstones go two by two (limit 2), oldest first.
      const bounded = h.catalogWith({ now: () => now, retentionMs: R, limit: 2 });
      const ids = ['b5', 'b4', 'b3', 'b2', 'b1'];
      for (const [i, id] of ids.entries()) {
        now = t0 + 3 * R + i;
        await bounded.applyStampedChanges('prune-c', [{ id, stamp: at(1) }]);
      }
      now = t0 + 5 * R;
      const steps: string[][] = [];
      for (const id of ['n1', 'n2', 'n3']) {
        await bounded.applyStampedChanges('prune-c', [{ id, stamp: at(1) }]);
        const held = await kept('prune-c');
        steps.push(ids.filter((b) => held.has(b)));
      }
      assert.deepEqual(steps, [['b3', 'b2', 'b1'], ['b1'], []]);
      // The space is freed: the three young tombstones are all the shop keeps.
      assert.deepEqual([...(await kept('prune-c'))].sort(), ['n1', 'n2', 'n3']);
    });

    it('keeps learned product links per shop (a storefront claim keeps its first value, a signed link replaces), versioned so other processes reload them', async () => {
      assert.deepEqual(await store.productLinks('links-a'), new Map());
      await store.saveProductLinks('links-a', [
        ['p:8001', 'gold-chain'],
        ['v:45001', '8001'],
        ['s:8002', 'old-handle'],
      ]);
      const first = (await store.productLinksVersions())['links-a'] as number;
      await store.saveProductLinks('links-a', [['p:8001', 'gold-chain-necklace'], ['v:45001', '9'], ['s:8002', 'new-handle']]);
      await store.saveProductLinks('links-b', [['p:9', 'nine']]);
      const firstB = (await store.productLinksVersions())['links-b'] as number;
      await store.saveProductLinks('links-b', []);
      assert.deepEqual(
        await store.productLinks('links-a'),
        new Map([
          ['p:8001', 'gold-chain'],
          ['v:45001', '8001'],
          ['s:8002', 'new-handle'],
        ]),
      );
      assert.deepEqual(await store.productLinks('links-b'), new Map([['p:9', 'nine']]));
      const v = await store.productLinksVersions();
      assert.equal(v['links-a'], first + 1, 'every save bumps the version');
      assert.equal(v['links-b'], firstB, 'an empty save changes nothing');
    });

    it('answers ping, and everything survives a reopen', async () => {
      assert.equal(await store.ping(), true);
      const e = makeEvent({ shop: 'durable', userId: 'd1' });
      await store.append([e]);
      await store.applyProjection({ seqs: [], profiles: [delta({ shop: 'durable', userId: 'd1', features: { 'cat:x': 1 } })], stats: [] });
      await store.close();
      assert.equal(await store.ping(), false);
      store = await h.reopen();
      assert.equal((await store.getUserEvents('durable', 'd1', 5))[0]?.id, e.id);
      assert.deepEqual((await store.getProfile('durable', 'd1'))?.features, { 'cat:x': 1 });
      assert.ok((await store.readUnprojected(1000)).some((p) => p.event.id === e.id));
    });
  });
}
