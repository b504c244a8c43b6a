/**
 * `POST /v1/events` over real HTTP on loopback, through the ingest use case and the real consent gate
 * (in-memory SQLite): a batch's consent is recorded only for its valid events, and not at all when none
 * is valid; the events of a gift conversation are marked by whatever personalization layer can mark them;
 * one invalid event in a pixel's batch is refused on its own while every good event of the batch is
 * stored and acknowledged (docs/decisions/0006), and refusals about who is calling stay whole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { giftMarker, INGEST_SHOP, ingestHarness } from '../../testing/ingestHarness.ts';
import { buildApp } from '../app.ts';

const pixel = (clientId: string, id: string) => ({ id, name: 'product_viewed', clientId, data: { productVariant: { id: '47', product: { id: '8', title: 'Tee' } } } });
const INVALID = { id: 'n-bad', type: 'not-a-type', userId: 'u-bad' };
/** A pixel event without what its name documents (`productVariant`). */
const BROKEN = (clientId: string, id: string) => ({ id, name: 'product_viewed', clientId, data: {} });

async function serve(app: FastifyInstance): Promise<string> {
  return app.listen({ host: '127.0.0.1', port: 0 });
}

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('POST /v1/events: consent after validation', () => {
  const h = ingestHarness();
  const app = buildApp(h.ctx, { privacy: h.privacy });
  let url = '';
  before(async () => {
    url = await serve(app);
  });
  after(async () => {
    await app.close();
    h.close();
  });

  it('a batch with no valid event records no consent, not even a withdrawal', async () => {
    // c-stored holds events, so a withdrawal for it would queue an erasure.
    assert.equal((await post(url, [pixel('c-stored', 'px-0')])).status, 202);
    const before = await h.queue.pendingCount();
    const r = await post(url, { consent: { analyticsProcessingAllowed: false }, events: [BROKEN('c-new', 'px-1'), BROKEN('c-stored', 'px-2'), INVALID] });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      r.body.error.issues.map((i: { path: string }) => i.path),
      ['events.0.data.productVariant', 'events.1.data.productVariant', 'events.2.type'],
    );
    assert.equal(h.ledger.get(INGEST_SHOP, 'c-new'), undefined, 'no consent recorded for a client id of the refused batch');
    assert.equal(h.ledger.get(INGEST_SHOP, 'c-stored')?.consent, undefined, 'the stored shopper keeps the state of its stored events');
    assert.equal(await h.queue.pendingCount(), before, 'no erasure queued by a refused batch');
  });

  it('a partly valid batch records the consent of its valid events only', async () => {
    const before = await h.queue.pendingCount();
    const r = await post(url, { consent: { analyticsProcessingAllowed: true }, events: [pixel('c-partial', 'px-p1'), BROKEN('c-broken', 'px-p2'), INVALID] });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(r.body.rejected.map((x: { index: number }) => x.index), [1, 2]);
    assert.deepEqual(h.ledger.get(INGEST_SHOP, 'c-partial')?.consent, { analytics: true });
    assert.equal(h.ledger.get(INGEST_SHOP, 'c-broken'), undefined, 'an invalid event states no consent');
    assert.equal(await h.queue.pendingCount(), before);
  });

  it('a valid batch records its consent before its events are gated', async () => {
    const r = await post(url, { consent: { analyticsProcessingAllowed: false }, events: [pixel('c-new', 'px-3'), pixel('c-stored', 'px-4')] });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(h.ledger.get(INGEST_SHOP, 'c-new')?.consent, { analytics: false });
    // The withdrawal for the shopper with stored events queued its erasure.
    assert.equal(await h.queue.pendingCount(), 1);
  });

  it('counts a refused batch by its code', async () => {
    const metric = await h.metrics.eventsRejected.get();
    const count = metric.values.find((v) => v.labels.code === 'VALIDATION_FAILED')?.value ?? 0;
    assert.equal(count, 1);
  });
});

describe('POST /v1/events: one gift marker for every transport', () => {
  const h = ingestHarness({ personalizer: giftMarker });
  const app = buildApp(h.ctx, { privacy: h.privacy });
  after(async () => {
    await app.close();
    h.close();
  });

  it('marks the events with any personalization layer that can mark them (as track_event does)', async () => {
    const url = await serve(app);
    const r = await post(url, [pixel('c-gift', 'px-g')]);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(r.body, { accepted: 1, duplicates: 0, ignored: 0 });
    assert.equal(h.appended.at(-1)?.[0]?.context?.gift, true);
    assert.equal(h.kicks.count, 1);
  });
});
