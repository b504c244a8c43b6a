/**
 * A data request and a redaction cover the subject's own ids only (`subjectIds.ts`): a laptop both
 * customers checked out on is linked to both, and a transitive walk from one of them reaches the
 * other customer and the other customer's phone. The export of customer A names nothing of B; A's
 * redaction erases the shared laptop but neither B's customer-id profile nor B's phone. SQLite,
 * Redis and Redis Cluster, the same assertions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { RedisStore } from '../../adapters/redis/redisStore.ts';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { AffinityStore } from '../../core/ports.ts';
import { orderNode } from '../../core/privacy/orderNode.ts';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { exportCustomer, redactCustomer } from './redaction.ts';
import { sameBrowser, subjectIds } from './subjectIds.ts';

const SHOP = 'shared-device.myshopify.com';
const T0 = Date.UTC(2026, 11, 3, 12);
// Customer A: the shared laptop (and its EU market-scoped id), A's phone, A's order 1 (on the laptop).
const A = 'cust-a-4401';
const LAPTOP = 'client-laptop-shared';
const PHONE_A = 'client-phone-a';
// Customer B: the shared laptop too, B's phone (and its EU id), B's order 2 (on B's phone).
const B = 'cust-b-5502';
const PHONE_B = 'client-phone-b';
// A guest device that only placed A's order 3 (found through the order, as a guest checkout is).
const GUEST_A = 'client-guest-a';
// Someone who merely shares a prefix with the laptop (never linked as the same browser).
const LOOKALIKE = 'client-laptop-shared-2';

let n = 0;
const ev = (userId: string, over: Partial<UserEvent> = {}): UserEvent => ({ v: 1, id: `sd-${++n}`, shop: SHOP, userId, type: 'view', name: 'product_viewed', ts: T0 + n * 1000, items: [{ productId: 'p1', quantity: 1 }], source: 'pixel', ...over });

async function populate(store: AffinityStore): Promise<void> {
  await store.append([
    ev(LAPTOP),
    ev(`${LAPTOP}@eu`),
    ev(PHONE_A),
    ev(PHONE_B),
    ev(`${PHONE_B}@eu`),
    ev(GUEST_A),
    ev(LOOKALIKE),
    // Server-to-server events under the customer ids themselves.
    ev(A, { source: 'api' }),
    ev(B, { source: 'api' }),
  ]);
  for (const [a, b] of [
    [LAPTOP, A],
    [LAPTOP, B],
    [LAPTOP, `${LAPTOP}@eu`],
    [LAPTOP, orderNode('1')],
    [PHONE_A, A],
    [PHONE_B, B],
    [PHONE_B, `${PHONE_B}@eu`],
    [PHONE_B, orderNode('2')],
    [GUEST_A, orderNode('3')],
    [LOOKALIKE, B],
  ] as const) {
    await store.linkIdentity(SHOP, a, b);
  }
}

const B_SIDE = [B, PHONE_B, `${PHONE_B}@eu`, orderNode('2'), LOOKALIKE];

function suite(name: string, open: () => Promise<AffinityStore>): void {
  describe(`a device shared by two customers (${name})`, () => {
    it('the export of A names A, its devices (the shared laptop with its EU id) and its orders, nothing of B', async () => {
      const store = await open();
      try {
        await populate(store);
        const exp = await exportCustomer(store, SHOP, A, T0, ['1', '3']);
        assert.deepEqual([...exp.ids].sort(), [A, GUEST_A, LAPTOP, `${LAPTOP}@eu`, PHONE_A, orderNode('1'), orderNode('3')].sort());
        assert.deepEqual(exp.records.map((r) => r.id).sort(), [A, GUEST_A, LAPTOP, `${LAPTOP}@eu`, PHONE_A].sort());
        const json = JSON.stringify(exp);
        for (const id of B_SIDE) assert.equal(json.includes(id), false, `${id} is not in A's export`);
        // The laptop's own record lists its links within the export only (not B).
        assert.deepEqual([...(exp.records.find((r) => r.id === LAPTOP)?.linkedIds ?? [])].sort(), [A, `${LAPTOP}@eu`, orderNode('1'), PHONE_A].sort());
        // The store's transitive walk still reaches B (the premise of the defect).
        assert.ok((await store.linkedIds(SHOP, A)).includes(PHONE_B));
      } finally {
        await store.close();
      }
    });

    it("A's redaction erases the shared laptop but not B's customer-id profile, B's phone or B's links", async () => {
      const store = await open();
      try {
        await populate(store);
        const report = await redactCustomer(store, undefined, SHOP, A, ['1', '3']);
        assert.equal(report.ids, 5, 'A, the laptop and its EU id, A phone, the guest device');
        for (const id of [A, LAPTOP, `${LAPTOP}@eu`, PHONE_A, GUEST_A]) {
          assert.deepEqual(await store.getUserEvents(SHOP, id, 5), [], `${id} erased`);
          assert.deepEqual(await store.directLinks(SHOP, id), [], `${id} unlinked`);
        }
        for (const id of [B, PHONE_B, `${PHONE_B}@eu`, LOOKALIKE]) assert.equal((await store.getUserEvents(SHOP, id, 5)).length, 1, `${id} kept`);
        assert.deepEqual(await store.directLinks(SHOP, B), [LOOKALIKE, PHONE_B].sort(), "B keeps its other links (its erasure index)");
        assert.deepEqual(await store.directLinks(SHOP, orderNode('2')), [PHONE_B]);
      } finally {
        await store.close();
      }
    });

    it("a redaction errs towards more: an order linked to the customer id itself leads to its devices, and an export by an erased device's order goes", async () => {
      const store = await open();
      try {
        await populate(store);
        // A server event named A as the user of order 9, which a guest device also checked out.
        await store.append([ev('client-guest-9')]);
        await store.linkIdentity(SHOP, A, orderNode('9'));
        await store.linkIdentity(SHOP, 'client-guest-9', orderNode('9'));
        // An earlier data request by order 1 (the laptop's order, no customer id) is kept under that order.
        const queue = store.privacyQueue();
        assert.equal(await queue.putExport(SHOP, 'export-by-order-1', orderNode('1'), { ids: [LAPTOP] }, Date.now() + 3_600_000, Date.now()), true);
        // The export reads one link deep: order 9 is A's, its guest device is not named.
        const exp = await exportCustomer(store, SHOP, A, T0);
        assert.ok(exp.ids.includes(orderNode('9')) && !exp.ids.includes('client-guest-9'), JSON.stringify(exp.ids));
        const report = await redactCustomer(store, queue, SHOP, A);
        assert.deepEqual(await store.getUserEvents(SHOP, 'client-guest-9', 5), [], "the device of A's own order is erased");
        assert.equal(report.exports, 1, 'the export kept under the erased laptop order went with the data');
        assert.equal((await store.getUserEvents(SHOP, B, 5)).length, 1, 'B is kept');
      } finally {
        await store.close();
      }
    });

    it('a request naming B finds B and its devices, with the laptop but not A', async () => {
      const store = await open();
      try {
        await populate(store);
        assert.deepEqual([...(await subjectIds(store, SHOP, B, ['2']))].sort(), [B, LAPTOP, `${LAPTOP}@eu`, LOOKALIKE, PHONE_B, `${PHONE_B}@eu`, orderNode('2')].sort());
        // Orders only (a guest known by email): the order's device and its browser, not the customer it is linked to.
        assert.deepEqual(await subjectIds(store, SHOP, undefined, ['2']), [orderNode('2'), PHONE_B, `${PHONE_B}@eu`]);
        assert.deepEqual(await subjectIds(store, SHOP, undefined, ['404']), [], 'an order nobody is linked to');
      } finally {
        await store.close();
      }
    });
  });
}

describe('sameBrowser: a client id and its market-scoped ids only', () => {
  it('pairs an id with `<id>@<market>`, in either order; near misses do not pair', () => {
    assert.equal(sameBrowser('laptop', 'laptop@eu'), true);
    assert.equal(sameBrowser('laptop@eu', 'laptop'), true);
    for (const [a, b] of [
      ['laptop', 'laptop-2'],
      ['laptop', 'laptop2@eu'],
      ['laptop@eu', 'laptop@us'],
      ['laptop', 'cust-1'],
      ['laptop', 'order:1'],
    ]) {
      assert.equal(sameBrowser(a!, b!), false, `${a} / ${b}`);
    }
  });
});

suite('sqlite', async () => new SqliteStore({ path: ':memory:', profileTtlMs: 90 * 86_400_000 }));

let server: RedisServerHandle;
let cluster: RedisClusterHandle;
let db = 0;
before(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
});
after(async () => {
  await Promise.all([server?.stop(), cluster?.stop()]);
});
// Each test starts from an empty keyspace (the shop is the same).
suite('redis', async () => {
  const store = await RedisStore.connect(server.url, { profileTtlMs: 90 * 86_400_000, consumer: `sd-${++db}` });
  await store.eraseShop(SHOP);
  return store;
});
suite('redis-cluster', async () => {
  const store = await RedisStore.connectCluster(cluster.nodes, { profileTtlMs: 90 * 86_400_000, consumer: `sdc-${++db}` });
  await store.eraseShop(SHOP);
  return store;
});
