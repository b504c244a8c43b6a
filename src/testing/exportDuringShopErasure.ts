/**
 * A customer export written while its shop is erased does not survive the erasure (docs/privacy.md,
 * "Other writes in flight when a shop is erased"). Two processes on one store: A's privacy worker
 * runs a `customers/data_request` job, and between the export's reads and its write B's worker runs
 * `shop/redact`. Adapters call `exportDuringShopErasureSuite(name, harness)` from an integration test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AffinityStore, PrivacyJob, PrivacyJobQueue } from '../core/ports.ts';
import { PrivacyWorker } from '../features/privacy/privacyWorker.ts';
import { findAny } from './storeDump.ts';
import { makeEvent } from './userEventStoreContract.ts';

/** One process's view of the store under test. */
export interface ExportErasureProcess {
  readonly store: AffinityStore;
  readonly queue: PrivacyJobQueue;
}

/** The store under test: a second process on it, and a dump of everything it holds. */
export interface ExportErasureHarness {
  /** A new process (connection) on the one store; closed by the suite. */
  connect(name: string): Promise<ExportErasureProcess>;
  /** Every row or key of the store with its content, one line each (`storeDump.ts`). */
  dump(): Promise<string[]>;
}

const DAY = 86_400_000;

/** Waits until the clock has passed `t` (so that a reinstall's job starts after the erasure). */
async function clockPast(t: number): Promise<void> {
  while (Date.now() <= t) await new Promise((r) => setTimeout(r, 1));
}

/** Registers the suite for one adapter. */
export function exportDuringShopErasureSuite(name: string, harness: ExportErasureHarness): void {
  describe(`an export written while its shop is erased (${name})`, () => {
    it('is dropped and reported, nothing of the customer is left; the reinstalled shop’s export is written', async () => {
      const shop = `export-race-${name}.myshopify.com`;
      const customer = `cust-xr-${name}-4417`;
      const client = `client-xr-${name}-9931`;
      const a = await harness.connect('export-race-a');
      const b = await harness.connect('export-race-b');
      try {
        const before = [makeEvent({ shop, userId: client, id: `evt-xr-${name}-before-1` }), makeEvent({ shop, userId: customer, id: `evt-xr-${name}-before-2` })];
        await a.store.append(before);
        await a.store.linkIdentity(shop, client, customer);
        const needles = [customer, client, ...before.map((e) => e.id)];

        // A: the data_request worker. Its store runs B's shop/redact right after the export's first read.
        let eraseDuringReads: (() => Promise<void>) | undefined;
        let readRecords = 0;
        const readingStore = new Proxy(a.store, {
          get(target, prop) {
            if (prop === 'exportUser') {
              return async (s: string, id: string) => {
                const x = await target.exportUser(s, id);
                readRecords += x.events.length;
                const erase = eraseDuringReads;
                eraseDuringReads = undefined;
                await erase?.();
                return x;
              };
            }
            const v = Reflect.get(target, prop, target) as unknown;
            return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
          },
        });
        const results = new Map<string, Readonly<Record<string, unknown>>>();
        const recordingQueue = new Proxy(a.queue, {
          get(target, prop) {
            if (prop === 'complete') {
              return (id: string, result: Readonly<Record<string, unknown>>, now: number) => {
                results.set(id, result);
                return target.complete(id, result, now);
              };
            }
            const v = Reflect.get(target, prop, target) as unknown;
            return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
          },
        });
        const outcomes: PrivacyJob['kind'][] = [];
        const workerA = new PrivacyWorker({ store: readingStore, queue: recordingQueue, clock: Date.now, onJob: (kind, outcome) => outcome === 'failed' && outcomes.push(kind) });
        const workerB = new PrivacyWorker({ store: b.store, queue: b.queue, clock: Date.now });
        const dataRequest = (id: string) => ({ id, shop, kind: 'customers/data_request' as const, payload: { customerId: customer }, dedupe: [{ key: `wh-${id}`, ttlMs: DAY }] });

        // An export made before the erasure: the erasure removes it (purgeShop).
        await a.queue.enqueue(dataRequest(`xr-${name}-done`), Date.now());
        assert.equal(await workerA.drain(), 1);
        assert.ok(await b.queue.getExport(shop, `xr-${name}-done`, Date.now()), 'the earlier export is readable');

        // The race: A reads, B erases the shop, A writes.
        eraseDuringReads = async () => {
          await b.queue.enqueue({ id: `xr-${name}-shop-redact`, shop, kind: 'shop/redact', payload: {} }, Date.now());
          assert.equal(await workerB.drain(), 1, 'B takes the shop/redact job (A holds the data_request)');
        };
        const racing = `xr-${name}-racing`;
        await a.queue.enqueue(dataRequest(racing), Date.now());
        assert.equal(await workerA.drain(), 1);
        assert.equal(eraseDuringReads, undefined, 'the shop was erased between the reads and the write');
        const erasedBy = Date.now();
        assert.ok(readRecords > 0, 'the export read the customer’s events before the erasure');
        assert.deepEqual(outcomes, []);
        assert.deepEqual(results.get(racing), { skipped: 'shop erased during the export', droppedRecords: 2 }, 'the job reports the dropped export (a record per id)');

        for (const q of [a.queue, b.queue]) {
          assert.equal(await q.getExport(shop, racing, Date.now()), undefined, 'the racing export is not readable');
          assert.equal(await q.getExport(shop, `xr-${name}-done`, Date.now()), undefined, 'the earlier export went with the shop');
        }
        assert.deepEqual(findAny(await harness.dump(), needles), [], 'the store holds none of the customer’s ids or events');

        // Reinstalled: the shop sends events again, and a data_request started after the erasure is exported.
        await clockPast(erasedBy);
        const again = makeEvent({ shop, userId: customer, id: `evt-xr-${name}-after-1` });
        await a.store.append([again]);
        const fresh = `xr-${name}-reinstalled`;
        await a.queue.enqueue(dataRequest(fresh), Date.now());
        assert.equal(await workerA.drain(), 1);
        assert.deepEqual(results.get(fresh), { exportId: fresh, records: 1 });
        const doc = (await b.queue.getExport(shop, fresh, Date.now())) as { records: { activity: { eventId: string }[] }[] } | undefined;
        assert.deepEqual(doc?.records.flatMap((r) => r.activity.map((e) => e.eventId)), [again.id], 'the new data only');
      } finally {
        await Promise.all([a.store.close(), b.store.close()]);
      }
    });
  });
}
