/**
 * Redaction really erases: after a `customers/redact` job, a scan of the WHOLE Redis keyspace (every
 * node) and of EVERY SQLite table (and the raw database and WAL files) finds neither the customer id,
 * nor the client ids linked to it, nor their event or order ids. Other shoppers' data stays.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RedisStore } from '../../adapters/redis/redisStore.ts';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { AffinityStore, PrivacyJobQueue } from '../../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { dumpRedis, dumpSqlite, findAny } from '../../testing/storeDump.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from '../projection/projector.ts';
import { PrivacyWorker } from './privacyWorker.ts';

const SHOP = 'scan-shop.myshopify.com';
const CUSTOMER = 'cust-7770013';
const CLIENT_A = 'client-aaa1119';
const CLIENT_B = 'client-bbb2228';
const ORDER = 'order-5550142';
const OTHER = 'client-other9993';
const T0 = Date.UTC(2026, 10, 20, 12);

function ev(id: string, userId: string, over: Partial<UserEvent> = {}): UserEvent {
  return { v: 1, id, shop: SHOP, userId, type: 'view', name: 'product_viewed', ts: T0 + Number(id.replace(/\D/g, '')) * 1000, items: [{ productId: 'p1', quantity: 1 }, { productId: 'p2', quantity: 1 }].slice(0, 1 + (id.length % 2)), source: 'pixel', ...over };
}

/** Fills the store through the real projector, redacts through the real worker, returns the needles. */
async function populateAndRedact(store: AffinityStore, queue: PrivacyJobQueue): Promise<string[]> {
  const catalogs = new CatalogRegistry(store);
  const projector = new Projector({
    store,
    catalogs,
    params: { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 7 * 86_400_000, trendingHalfLifeMs: 86_400_000 },
  });
  const projected = [
    ev('evt-a-1001', CLIENT_A),
    ev('evt-a-1002', CLIENT_A, { items: [{ productId: 'p2', quantity: 1 }] }),
    ev('evt-b-1003', CLIENT_B),
    ev('evt-a-1004', CLIENT_A, { type: 'purchase', name: 'checkout_completed', customerId: CUSTOMER, orderId: ORDER, items: [{ productId: 'p2', quantity: 1 }] }),
    ev('evt-c-1005', CUSTOMER, { source: 'api', name: 'view' }),
    ev('evt-o-1006', OTHER),
    ev('evt-o-1007', OTHER, { items: [{ productId: 'p2', quantity: 1 }] }),
  ];
  await store.append(projected);
  await projector.flush();
  await store.linkIdentity(SHOP, CLIENT_A, CUSTOMER);
  await store.linkIdentity(SHOP, CLIENT_B, CUSTOMER);
  // Still in the log (not projected) when the redaction runs.
  const unprojected = [ev('evt-b-1008', CLIENT_B), ev('evt-a-1009', CLIENT_A, { type: 'add_to_cart', name: 'product_added_to_cart' })];
  await store.append(unprojected);
  await queue.putExport(SHOP, 'export-of-customer', CUSTOMER, { ids: [CUSTOMER, CLIENT_A] }, Date.now() + 3_600_000, Date.now());

  const worker = new PrivacyWorker({ store, queue, clock: () => T0, exclusive: (fn) => projector.pauseWhile(fn) });
  await queue.enqueue({ id: 'job-redact-1', shop: SHOP, kind: 'customers/redact', payload: { customerId: CUSTOMER, orders: [ORDER] }, dedupe: [{ key: 'webhook-redact-1', ttlMs: 86_400_000 }] }, T0);
  assert.equal(await worker.drain(), 1);
  const job = await queue.getJob('job-redact-1');
  assert.equal(job?.status, 'done');
  assert.equal(job?.result?.ids, 3);
  await projector.flush();
  await projector.stop();
  return [CUSTOMER, CLIENT_A, CLIENT_B, ORDER, ...[...projected, ...unprojected].filter((e) => e.userId !== OTHER).map((e) => e.id)];
}

describe('customers/redact erases every record of the customer (SQLite: every table and the raw files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-redact-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no trace of the customer, its client ids, events or order', async () => {
    const path = join(dir, 'a.db');
    const store = new SqliteStore({ path, profileTtlMs: 90 * 86_400_000 });
    const needles = await populateAndRedact(store, store.privacyQueue());
    const lines = dumpSqlite(path);
    assert.deepEqual(findAny(lines, needles), []);
    assert.ok(findAny(lines, [OTHER]).length > 0, 'other shoppers are kept (and the dump does see rows)');
    await store.close();
    // Deleted rows are zeroed (secure_delete) and the WAL was truncated: the bytes are gone too.
    for (const f of [path, `${path}-wal`]) {
      if (!existsSync(f)) continue;
      const raw = readFileSync(f).toString('latin1');
      assert.deepEqual(needles.filter((n) => raw.includes(n)), [], f);
    }
  });
});

for (const topology of ['standalone', 'cluster'] as const) {
  describe(`customers/redact erases every record of the customer (Redis ${topology}: whole keyspace)`, () => {
    let server: RedisServerHandle | undefined;
    let cluster: RedisClusterHandle | undefined;
    let nodes: { host: string; port: number }[];
    before(async () => {
      if (topology === 'standalone') {
        server = await startRedis();
        nodes = [{ host: '127.0.0.1', port: server.port }];
      } else {
        cluster = await startRedisCluster();
        nodes = cluster.nodes;
      }
    });
    after(async () => {
      await server?.stop();
      await cluster?.stop();
    });

    it('leaves no trace of the customer, its client ids, events or order', async () => {
      const opts = { profileTtlMs: 90 * 86_400_000, consumer: 'redact-test' };
      const store = topology === 'standalone' ? await RedisStore.connect(server!.url, opts) : await RedisStore.connectCluster(nodes, opts);
      const needles = await populateAndRedact(store, store.privacyQueue());
      const lines = await dumpRedis(nodes);
      assert.deepEqual(findAny(lines, needles), []);
      assert.ok(findAny(lines, [OTHER]).length > 0, 'other shoppers are kept (and the dump does see keys)');
      await store.close();
    });
  });
}
