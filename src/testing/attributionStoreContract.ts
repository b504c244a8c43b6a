/**
 * The contract every store's attribution records pass (docs/decisions/0002): served lists come back
 * as they were recorded (packed form, dictionaries), once when written twice, by period; a data
 * request exports a shopper's lists; erasure removes the lists served to the shopper or assigned on
 * their id and their outcomes, leaving no trace of the id; a list served to an erased id before its
 * erasure but written after it (another process's buffer) is dropped; retention and shop erasure drop
 * them.
 * Adapters call `attributionStoreContract(name, factory)` from an integration test file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Outcome, ServedList } from '../core/attribution/servedList.ts';
import type { AffinityStore } from '../core/ports.ts';
import { makeEvent } from './userEventStoreContract.ts';

const DAY = 86_400_000;

/** A store under test; `rawContains` (when the adapter can) says whether any stored byte sequence holds `s`. */
export interface AttributionHarness {
  readonly store: AffinityStore;
  readonly ttlMs: number;
  readonly rawContains?: (s: string) => Promise<boolean>;
  /** Another store on the same backend with a short retention (to see lists outlive it until the sweep). */
  readonly withTtl?: (ttlMs: number) => Promise<AffinityStore>;
}

let seq = 0;
/** A well-formed recommendation id (16 base64url characters). */
export const recId = (): string => `rec${String(++seq).padStart(5, '0')}AbCd_-xy`;

function list(over: Partial<ServedList> & Pick<ServedList, 'shop' | 'ts'>): ServedList {
  return { id: recId(), surface: 'product', actor: 'human', items: ['merino-wool-crew-sweater', 'gold-chain', '8001'], ...over };
}

const byTs = (a: ServedList, b: ServedList) => a.ts - b.ts || a.id.localeCompare(b.id);

export function attributionStoreContract(name: string, factory: () => Promise<AttributionHarness>): void {
  describe(`attribution records: ${name}`, () => {
    let h: AttributionHarness;
    const SHOP = `attr-${name}.myshopify.com`;
    const now = Date.now();
    const t0 = now - 2 * 3_600_000;
    before(async () => {
      h = await factory();
    });
    after(async () => {
      await h?.store.close();
    });

    it('gives back every field of a served list, in time order, for the period asked, once when written twice', async () => {
      const a = h.store.attribution();
      const lists: ServedList[] = [
        list({ shop: SHOP, ts: t0, userId: 'df1007bb-6c4d-4f1e-9a0b-2f3c4d5e6f70', experiment: { id: 'recs-v1', variant: 'affinity' }, intent: 'browsing', market: 'US/USD', tookMs: 12.3 }),
        list({ shop: SHOP, ts: t0 + 1000, surface: 'mcp', actor: 'agent', agent: 'claude-ai', userId: 'client-7', shopperKey: '8800123', experiment: { id: 'recs-v1', variant: 'control' }, status: 'degraded', tookMs: 0 }),
        list({ shop: SHOP, ts: t0 + 2000, surface: 'api', items: [], status: 'error', tookMs: 4000.5 }),
        list({ shop: SHOP, ts: t0 + 3000, id: 'not-a-standard-id', surface: 'cart', items: Array.from({ length: 60 }, (_, i) => `p-${i}`) }),
        list({ shop: SHOP, ts: t0 + 4000, surface: 'home', userId: 'client-8' }),
      ];
      await a.recordServed(lists.slice(0, 3));
      await a.recordServed(lists.slice(3));
      // A retried flush writes the same lists again: they are read once.
      await a.recordServed(lists.slice(0, 2));
      await a.recordServed([list({ shop: 'another.myshopify.com', ts: t0 })]);
      assert.deepEqual(await a.servedBetween(SHOP, t0 - 1, t0 + 10_000), [...lists].sort(byTs));
      assert.deepEqual((await a.servedBetween(SHOP, t0 + 1000, t0 + 2000)).map((l) => l.id), [lists[1]!.id, lists[2]!.id]);
      assert.deepEqual(await a.servedBetween(SHOP, t0 + 10_000, now), []);
      assert.deepEqual(await a.servedBetween('nobody.myshopify.com', 0, now), []);
    });

    it('gives back every list of a flush that names hundreds of products and labels (a busy second of a shop)', async () => {
      const a = h.store.attribution();
      const shop = `busy-${name}.myshopify.com`;
      const lists = Array.from({ length: 40 }, (_, i) =>
        list({ shop, ts: t0 + i, userId: `shopper-${i % 7}`, intent: i % 2 === 0 ? 'browsing' : 'research', market: `M${i % 5}/EUR`, items: Array.from({ length: 10 }, (_, j) => `busy-product-${(i * 10 + j) % 330}`) }),
      );
      await a.recordServed(lists);
      assert.deepEqual(await a.servedBetween(shop, t0 - 1, t0 + 1000), [...lists].sort(byTs));
      // The same products again, with new ones, in a later flush.
      const later = lists.map((l, i) => ({ ...l, id: recId(), ts: t0 + 100 + i, items: [...l.items.slice(0, 5), `busy-new-${i}`] }));
      await a.recordServed(later);
      assert.deepEqual(await a.servedBetween(shop, t0 + 100, t0 + 1000), [...later].sort(byTs));
    });

    it('exports a shopper’s lists and outcomes, and erases every list served to the id or assigned on it, with no trace of the id left', async () => {
      const a = h.store.attribution();
      const gone = 'c0ffee00-1111-4222-8333-444455556666';
      const customer = '99887766';
      const kept = 'client-kept';
      const mine = [
        list({ shop: SHOP, ts: t0 + 20_000, userId: gone, experiment: { id: 'recs-v1', variant: 'affinity' } }),
        list({ shop: SHOP, ts: t0 - 3 * DAY, userId: gone, intent: 'gift' }),
      ];
      // Another device of the same customer: assigned on the customer id.
      const viaCustomer = list({ shop: SHOP, ts: t0 + 21_000, userId: 'client-other-device', shopperKey: customer });
      const theirs = list({ shop: SHOP, ts: t0 + 22_000, userId: kept, shopperKey: 'cust-kept' });
      await a.recordServed([...mine, viaCustomer, theirs]);
      const click: Outcome = { key: `ev-gone|click|gold-chain`, shop: SHOP, recId: mine[0]!.id, kind: 'click', ts: t0 + 30_000, userId: gone, productId: 'gold-chain' };
      const order: Outcome = { key: `ev-gone-2|order|gold-chain`, shop: SHOP, recId: mine[0]!.id, kind: 'order', ts: t0 + 40_000, userId: gone, productId: 'gold-chain', amount: 8900, currency: 'USD', orderId: '5001' };
      assert.equal(await a.recordOutcomes([click, order]), 2);

      const x = await h.store.exportUser(SHOP, gone);
      assert.deepEqual(x.attribution?.served, [...mine].sort(byTs));
      // What erasing the customer removes, exporting the customer gives: the lists assigned on their id.
      assert.deepEqual((await h.store.exportUser(SHOP, customer)).attribution?.served, [viaCustomer]);
      assert.deepEqual(x.attribution?.outcomes.map((o) => o.key), [click.key, order.key]);
      if (h.rawContains) assert.ok(await h.rawContains(gone), 'the id is stored before the erasure');

      await h.store.eraseUser(SHOP, gone);
      await h.store.eraseUser(SHOP, customer);
      const after = await h.store.exportUser(SHOP, gone);
      assert.deepEqual(after.attribution, { served: [], outcomes: [] });
      const left = await a.servedBetween(SHOP, t0 - 10 * DAY, now);
      assert.ok(!left.some((l) => l.userId === gone || l.shopperKey === customer || l.id === viaCustomer.id), 'no list of the erased ids is left');
      assert.deepEqual(left.find((l) => l.id === theirs.id), theirs);
      assert.deepEqual((await a.outcomesBetween(SHOP, t0, now)).filter((o) => o.userId === gone), []);
      if (h.rawContains) {
        assert.equal(await h.rawContains(gone), false, 'no stored byte names the erased shopper');
        assert.equal(await h.rawContains(customer), false, 'no stored byte names the erased customer');
      }
    });

    it('drops a list written after the erasure of its shopper or assignment key but served before it, and writes lists served after it and other shoppers’', async () => {
      const a = h.store.attribution();
      const shop = `tomb-${name}.myshopify.com`;
      const otherShop = `tomb-other-${name}.myshopify.com`;
      const gone = 'tomb-client-gone';
      const customer = '7770001234';
      const device = 'tomb-client-device';
      const kept = 'tomb-client-kept';
      // Served before the erasures and still in another process's buffer while they ran.
      const served = Date.now() - 5_000;
      const late = [
        list({ shop, ts: served, userId: gone, experiment: { id: 'recs-v1', variant: 'affinity' } }),
        list({ shop, ts: served - DAY, userId: gone }),
        // Another device of the erased customer: assigned on the customer id.
        list({ shop, ts: served, userId: device, shopperKey: customer }),
      ];
      const theirs = list({ shop, ts: served, userId: kept });
      // The same id in another shop is another shopper.
      const elsewhere = list({ shop: otherShop, ts: served, userId: gone });
      await h.store.eraseUser(shop, gone);
      await h.store.eraseUser(shop, customer);
      assert.equal(await a.recordServed([...late, theirs, elsewhere]), late.length, 'the lists served to the erased ids are counted as dropped');
      assert.deepEqual(await a.servedBetween(shop, served - 2 * DAY, Date.now()), [theirs]);
      assert.deepEqual(await a.servedBetween(otherShop, served - 2 * DAY, Date.now()), [elsewhere]);
      for (const id of [gone, customer, device]) assert.deepEqual((await h.store.exportUser(shop, id)).attribution, { served: [], outcomes: [] }, `nothing of ${id} is exported`);
      if (h.rawContains) {
        for (const id of [customer, device]) assert.equal(await h.rawContains(id), false, `no stored byte names ${id}`);
        await h.store.eraseShop(otherShop);
        assert.equal(await h.rawContains(gone), false, 'no stored byte names the erased shopper');
      }

      // Served after the erasure (the shopper came back): new data, written.
      const back = Date.now() + 1;
      const again = [list({ shop, ts: back, userId: gone }), list({ shop, ts: back + 1, userId: device, shopperKey: customer })];
      assert.equal(await a.recordServed(again), 0);
      assert.deepEqual((await h.store.exportUser(shop, gone)).attribution?.served, [again[0]]);
      assert.deepEqual((await h.store.exportUser(shop, customer)).attribution?.served, [again[1]]);
      assert.deepEqual(await a.servedBetween(shop, served - 2 * DAY, back + 10), [theirs, ...again]);
      // A retried write of a list served before the erasure is still dropped, with the shopper stored again.
      assert.equal(await a.recordServed([late[0]!]), 1);
      assert.deepEqual((await h.store.exportUser(shop, gone)).attribution?.served, [again[0]]);
    });

    it('retention drops lists older than the profile TTL and keeps recent ones; erasing the shop drops all', async () => {
      const a = h.store.attribution();
      const shop = `ret-${name}.myshopify.com`;
      // The Redis sweep visits shops that have events.
      await h.store.append([makeEvent({ shop, userId: 'ret-recent', ts: now })]);
      const old = list({ shop, ts: now - h.ttlMs - 3 * DAY, userId: 'ret-old-shopper' });
      const recent = list({ shop, ts: now - 60_000, userId: 'ret-recent' });
      await a.recordServed([old, recent]);
      assert.equal((await a.servedBetween(shop, 0, now)).length, 2);
      await h.store.sweep(now);
      assert.deepEqual(await a.servedBetween(shop, 0, now), [recent]);
      if (h.rawContains) assert.equal(await h.rawContains('ret-old-shopper'), false, 'the id of a shopper whose lists all expired goes too');
      await h.store.eraseShop(shop);
      assert.deepEqual(await a.servedBetween(shop, 0, now), []);
    });

    it('exports and erases every list still stored, also once the retention has passed since it was served (until the sweep drops it)', async (t) => {
      if (!h.withTtl) return t.skip('no short-retention store');
      const ttlMs = 1500;
      const store = await h.withTtl(ttlMs);
      try {
        const a = store.attribution();
        const shop = `late-${name}.myshopify.com`;
        const shopper = 'late-client-1';
        const customer = '5550001';
        await store.append([makeEvent({ shop, userId: shopper, ts: Date.now() })]);
        const l = list({ shop, ts: Date.now(), userId: shopper, shopperKey: customer, experiment: { id: 'recs-v1', variant: 'affinity' } });
        await a.recordServed([l]);
        // Past the retention on the wall clock (whatever the machine's speed), then the sweep runs.
        await new Promise((r) => setTimeout(r, ttlMs + 500));
        await store.sweep(Date.now());
        const stored = (await a.servedBetween(shop, 0, Date.now())).filter((x) => x.id === l.id);
        for (const id of [shopper, customer]) assert.deepEqual((await store.exportUser(shop, id)).attribution?.served, stored, `export of ${id} gives the lists still stored`);
        await store.eraseUser(shop, customer);
        assert.deepEqual(await a.servedBetween(shop, 0, Date.now()), [], 'erasing the customer removed the list still stored');
      } finally {
        await store.close();
      }
    });

    it('exports and erases every outcome still stored, also once the retention has passed since it happened (until the sweep drops it)', async (t) => {
      if (!h.withTtl) return t.skip('no short-retention store');
      const ttlMs = 1500;
      const store = await h.withTtl(ttlMs);
      try {
        const a = store.attribution();
        const shop = `late-outcomes-${name}.myshopify.com`;
        const shopper = 'late-outcome-client-1';
        const swept = 'late-outcome-client-2';
        // The Redis sweep visits shops that have events (of another shopper: the swept one's id must go).
        await store.append([makeEvent({ shop, userId: 'late-outcome-visitor', ts: Date.now() })]);
        const ts = Date.now();
        const click: Outcome = { key: 'ev-late-1|click|gold-chain', shop, recId: recId(), kind: 'click', ts, userId: shopper, productId: 'gold-chain' };
        const order: Outcome = { key: 'ev-late-2|order|gold-chain', shop, recId: click.recId, kind: 'order', ts: ts + 1, userId: shopper, productId: 'gold-chain', amount: 8900, currency: 'USD', orderId: '5002' };
        const other: Outcome = { key: 'ev-late-3|order|8001', shop, recId: recId(), kind: 'order', ts, userId: swept, productId: '8001', amount: 100, currency: 'USD', orderId: '5003' };
        assert.equal(await a.recordOutcomes([click, order, other]), 3);
        // Past the retention on the wall clock (whatever the machine's speed); the sweep has not run yet.
        await new Promise((r) => setTimeout(r, ttlMs + 500));
        assert.deepEqual((await store.exportUser(shop, shopper)).attribution?.outcomes.map((o) => o.key), [click.key, order.key], 'export gives the outcomes still stored');
        await store.eraseUser(shop, shopper);
        assert.deepEqual((await a.outcomesBetween(shop, 0, Date.now())).map((o) => o.key), [other.key], 'erasure removed the outcomes still stored');
        await store.sweep(Date.now());
        assert.deepEqual(await a.outcomesBetween(shop, 0, Date.now()), []);
        assert.deepEqual((await store.exportUser(shop, swept)).attribution?.outcomes, []);
        if (h.rawContains) assert.equal(await h.rawContains(swept), false, 'the id of a shopper whose outcomes all went goes too');
      } finally {
        await store.close();
      }
    });
  });
}
