/**
 * `customers/data_request` follows the orders it names the way `customers/redact` does (both start
 * from `identityGraph`): a customer known only by email (a guest checkout, no customer id) is exported
 * through the devices linked to its orders, and the export is kept where a later redaction of those
 * orders (or of the customer) finds and removes it. Real SQLite store, real worker.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import { orderNode } from '../../core/privacy/orderNode.ts';
import { PrivacyWorker } from './privacyWorker.ts';

const SHOP = 'orders-shop.myshopify.com';
const GUEST = 'client-guest-4411';
const OTHER = 'client-other-9922';
const T0 = Date.UTC(2026, 10, 20, 12);

const ev = (id: string, userId: string, productId: string): UserEvent => ({ v: 1, id, shop: SHOP, userId, type: 'view', name: 'product_viewed', ts: T0 - 60_000, items: [{ productId, quantity: 1 }], source: 'pixel' });

async function setup() {
  const store = new SqliteStore({ path: ':memory:', profileTtlMs: 90 * 86_400_000 });
  const queue = store.privacyQueue();
  await store.append([ev('e-g-1', GUEST, 'p1'), ev('e-g-2', GUEST, 'p2'), ev('e-o-1', OTHER, 'p3')]);
  // The guest's checkout of order 770 linked the device to the order (no customer id).
  await store.linkIdentity(SHOP, GUEST, orderNode('770'));
  const worker = new PrivacyWorker({ store, queue, clock: () => T0 });
  let n = 0;
  const run = async (kind: 'customers/data_request' | 'customers/redact', payload: Record<string, unknown>) => {
    const id = `job-${++n}`;
    await queue.enqueue({ id, shop: SHOP, kind, payload }, T0);
    assert.equal(await worker.drain(), 1);
    const job = await queue.getJob(id);
    assert.equal(job?.status, 'done', JSON.stringify(job));
    return { id, result: job!.result as Record<string, unknown>, doc: (await queue.getExport(SHOP, id, T0)) as any };
  };
  return { store, run };
}

describe('privacy worker: customers/data_request by orders', () => {
  it('exports the devices of the orders named when the request has no customer id, and a redaction of the orders removes the export', async () => {
    const { run } = await setup();
    const exp = await run('customers/data_request', { orders: ['770'], dataRequestId: '9001' });
    assert.equal(exp.result.records, 1);
    assert.deepEqual(exp.doc.ids, [orderNode('770'), GUEST]);
    assert.equal(exp.doc.records[0].id, GUEST);
    assert.deepEqual(exp.doc.records[0].activity.map((e: any) => e.eventId).sort(), ['e-g-1', 'e-g-2']);
    assert.equal(exp.doc.customerId, undefined, 'no customer id is invented');
    assert.equal(exp.doc.dataRequestId, '9001');
    assert.equal(JSON.stringify(exp.doc).includes(OTHER), false, 'another shopper is not in it');

    const redact = await run('customers/redact', { orders: ['770'] });
    assert.equal(redact.result.exports, 1, 'the export of the request is removed with the data');
    assert.equal((await run('customers/data_request', { orders: ['770'] })).result.records, 0, 'nothing is left to export');
  });

  it('near misses: an order nobody is linked to, or no customer id and no order, export nothing (and say which request)', async () => {
    const { run } = await setup();
    const unknown = await run('customers/data_request', { orders: ['771'] });
    assert.equal(unknown.result.records, 0);
    assert.deepEqual(unknown.doc.ids, []);
    const nothing = await run('customers/data_request', { dataRequestId: '9002' });
    assert.equal(nothing.result.records, 0);
    assert.equal(nothing.doc.dataRequestId, '9002');
  });

  it('with a customer id the export still starts from the customer, and adds the devices of the orders', async () => {
    const { store, run } = await setup();
    await store.append([ev('e-k-1', 'client-k-1', 'p4')]);
    await store.linkIdentity(SHOP, 'client-k-1', '5550007');
    const exp = await run('customers/data_request', { customerId: '5550007', orders: ['770'] });
    assert.equal(exp.doc.customerId, '5550007');
    assert.deepEqual(exp.doc.records.map((r: any) => r.id).sort(), ['5550007', GUEST, 'client-k-1'].sort());
    const redact = await run('customers/redact', { customerId: '5550007' });
    assert.equal(redact.result.exports, 1);
  });
});
