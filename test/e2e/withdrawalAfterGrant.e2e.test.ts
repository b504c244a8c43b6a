/**
 * A consent grant must not make a later withdrawal skip the erasure. The consent ledger lets a
 * withdrawal skip the store when a check found nothing stored; a grant recorded for a shopper the
 * ledger did not hold (a process that has not seen their events: after a restart, on another node) used
 * to count as such a check, so the withdrawal that followed erased nothing, whether the grant came with
 * a key or forged by a keyless request. Real HTTP, two processes on one SQLite file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { untilJobDone } from '../../src/testing/privacyJobs.ts';
import { startAffinity, type Running } from './helpers.ts';

const SHOP = 'grant-then-withdraw.myshopify.com';
const ORIGIN = 'https://grant-then-withdraw.example';
const INGEST = 'grant-withdraw-ingest-key-0123';
const CLIENT = 'c0ffee00-0000-4000-8000-00000000a11c';
const ON = { analyticsProcessingAllowed: true };
const OFF = { analyticsProcessingAllowed: false };

describe('a withdrawal after a grant erases what an earlier process stored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-grant-withdraw-'));
  const env = { AFFINITY_DB: join(dir, 'a.db'), AFFINITY_DEFAULT_SHOP: SHOP, AFFINITY_API_KEYS: `${SHOP}:ingest:${INGEST}`, AFFINITY_PIXEL_ORIGINS: `${SHOP}=${ORIGIN}` };
  let s: Running;
  const server = (path: string, body: unknown) => s.post(path, body, { authorization: `Bearer ${INGEST}` });
  const pixel = (path: string, body: unknown) => s.post(path, JSON.stringify(body), { 'content-type': 'text/plain', origin: ORIGIN });
  const stored = async (id: string) => (await s.affinity.ctx.store.getUserEvents(SHOP, id, 10)).length;

  before(async () => {
    // The first process stores a customer's and a device's behaviour, then stops.
    s = await startAffinity(env);
    assert.equal((await server('/v1/events', [{ id: 'c-1', type: 'view', userId: '8000000011', productId: '101' }, { id: 'c-2', type: 'view', userId: '8000000022', productId: '101' }])).status, 202);
    assert.equal((await pixel('/v1/events', { shop: SHOP, events: [{ id: 'p-1', name: 'page_viewed', clientId: CLIENT, timestamp: new Date().toISOString() }] })).status, 202);
    await s.affinity.ctx.projector.flush();
    await s.stop();
    // A second process on the same store: its ledger holds nobody.
    s = await startAffinity(env);
  });
  after(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const withdraws = async (body: Record<string, string>, send: typeof server) => {
    const r = await send('/v1/consent', { shop: SHOP, ...body, consent: OFF, market: 'us' });
    assert.equal(r.status, 202, `the withdrawal queues an erasure: ${JSON.stringify(r.body)}`);
    await untilJobDone(s.affinity, r.body.erasure.jobId);
  };

  it('a keyed grant, then a keyed withdrawal', async () => {
    assert.equal((await server('/v1/consent', { shop: SHOP, customerId: '8000000011', consent: ON, market: 'us' })).status, 200);
    await withdraws({ customerId: '8000000011' }, server);
    assert.equal(await stored('8000000011'), 0);
  });

  it('a keyless grant forged for a customer id is refused, and the keyed withdrawal erases', async () => {
    assert.equal((await pixel('/v1/consent', { shop: SHOP, clientId: '8000000022', consent: ON, market: 'us' })).status, 403);
    await withdraws({ customerId: '8000000022' }, server);
    assert.equal(await stored('8000000022'), 0);
  });

  it("the pixel's own grant, then its withdrawal", async () => {
    assert.equal((await pixel('/v1/consent', { shop: SHOP, clientId: CLIENT, consent: ON, market: 'us' })).status, 200);
    await withdraws({ clientId: CLIENT }, pixel);
    assert.equal(await stored(CLIENT), 0);
  });
});
