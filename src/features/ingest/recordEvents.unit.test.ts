/**
 * The keyless bounds of the ingest use case: what a storefront (pixel) batch may carry, and the id
 * namespace its events are stored in. An in-memory store that dedupes on the event id, as both real
 * stores do.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError, type AffinityError } from '../../core/errors.ts';
import type { ConsentFlags, UserEvent } from '../../core/events/userEvent.ts';
import { Metrics } from '../operations/metrics.ts';
import { KEYLESS_EVENT_ID_PREFIX, keylessBatchIssues, recordEvents, type IngestContext, type IngestVia } from './recordEvents.ts';

const NOW = Date.UTC(2026, 10, 24, 12);
const CLIENT = 'df1007bb-5b2e-4b43-a3a0-4d3f4c5e6a7b';
const pixelEvent = (id: string, clientId = CLIENT) => ({ id, name: 'product_viewed', clientId, timestamp: new Date(NOW - 1000).toISOString(), data: { productVariant: { id: '19', product: { id: '1', title: 't' } } } });
const nativeEvent = (id: string, userId: string) => ({ id, type: 'purchase', userId, orderId: '1002', items: [{ productId: '1', price: 10, currency: 'USD' }] });

function harness() {
  const byId = new Map<string, UserEvent>();
  let failAppends = false;
  const consents: { userId: string; consent: ConsentFlags }[] = [];
  const ctx: IngestContext = {
    store: {
      async append(events) {
        if (failAppends) throw new Error('store down');
        let accepted = 0;
        for (const e of events) {
          const key = `${e.shop}\u0000${e.id}`;
          if (byId.has(key)) continue;
          byId.set(key, e);
          accepted += 1;
        }
        return { accepted, duplicates: events.length - accepted };
      },
    },
    metrics: new Metrics(),
    projector: { kick() {} },
    clock: () => NOW,
    logError: () => undefined,
  };
  const consent = { async recordConsent(_shop: string, userId: string, c: ConsentFlags) { consents.push({ userId, consent: c }); } };
  const send = (body: unknown, via: IngestVia) => recordEvents(ctx, { shop: 's', body, via, consent });
  return { byId, consents, send, ctx, failStore: () => void (failAppends = true) };
}

/** A counter's value for one code (0 when never counted). */
async function count(c: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> }, code: string): Promise<number> {
  return (await c.get()).values.find((v) => v.labels.code === code)?.value ?? 0;
}

describe('keylessBatchIssues', () => {
  it('names native events and customer-shaped client ids, with the ingest parser’s paths', () => {
    assert.deepEqual(
      keylessBatchIssues({ events: [pixelEvent('a'), pixelEvent('b', '8800123'), nativeEvent('c', CLIENT), pixelEvent('d', 'gid://shopify/Customer/1'), pixelEvent('e', `${CLIENT}@eu`), pixelEvent('f', 'order:1')] }).map((i) => i.path),
      ['events.1.clientId', 'events.2.type', 'events.3.clientId', 'events.4.clientId', 'events.5.clientId'],
    );
    assert.deepEqual(keylessBatchIssues([pixelEvent('a'), nativeEvent('b', 'u-1')]).map((i) => i.path), ['1.type']);
    assert.deepEqual(keylessBatchIssues(nativeEvent('b', 'u-1')).map((i) => i.path), ['type']);
    assert.deepEqual(keylessBatchIssues(pixelEvent('a', '42')).map((i) => i.path), ['clientId']);
  });

  it('lets through what a real pixel sends (near misses of a customer id included)', () => {
    for (const clientId of [CLIENT, 'sh-88d3b3c8-1f2e-4a3b', 'client-8800123', '8800123a', 'a-gid://x']) {
      assert.deepEqual(keylessBatchIssues({ shop: 's', consent: { analyticsProcessingAllowed: true }, events: [pixelEvent('x', clientId), { id: 'y', name: 'visitorConsentCollected', clientId, customerPrivacy: {} }] }), [], clientId);
    }
  });
});

describe('recordEvents: keyless batches', () => {
  it('refuses a native or customer-shaped keyless batch whole, before recording its consent: 403 PIXEL_CONSENT_FORBIDDEN', async () => {
    const { byId, consents, send, ctx } = harness();
    for (const body of [{ consent: { analyticsProcessingAllowed: true }, events: [pixelEvent('ok'), pixelEvent('bad', '8800123')] }, [pixelEvent('ok'), nativeEvent('n', CLIENT)], nativeEvent('n', '8800123')]) {
      await assert.rejects(send(body, 'pixel'), (e: AffinityError) => isAffinityError(e) && e.code === 'PIXEL_CONSENT_FORBIDDEN' && e.status === 403 && e.issues.length === 1);
    }
    assert.equal(byId.size, 0, 'nothing stored');
    assert.deepEqual(consents, [], 'no consent recorded');
    assert.equal((await ctx.metrics.eventsRejected.get()).values.find((v) => v.labels.code === 'PIXEL_CONSENT_FORBIDDEN')?.value, 3);
  });

  it('a server (key) may send native events for any user id, customer ids included', async () => {
    const { byId, send } = harness();
    assert.equal((await send([nativeEvent('n-1', '8800123'), pixelEvent('p-1', '8800123')], 'server')).accepted, 2);
    assert.deepEqual([...byId.values()].map((e) => e.id), ['n-1', 'p-1'], 'stored under the ids as sent');
  });

  it('stores keyless events under their own id namespace: a forged id never pre-empts a keyed one, a pixel retry still dedupes', async () => {
    const { byId, send } = harness();
    assert.deepEqual(await send({ events: [pixelEvent('order-1002')] }, 'pixel').then(({ accepted, duplicates }) => ({ accepted, duplicates })), { accepted: 1, duplicates: 0 });
    assert.deepEqual(await send({ events: [pixelEvent('order-1002')] }, 'pixel').then(({ accepted, duplicates }) => ({ accepted, duplicates })), { accepted: 0, duplicates: 1 }, 'the retry');
    assert.deepEqual(await send([nativeEvent('order-1002', 'u-1')], 'server').then(({ accepted, duplicates }) => ({ accepted, duplicates })), { accepted: 1, duplicates: 0 }, 'the keyed purchase is not lost');
    assert.deepEqual([...byId.values()].map((e) => e.id).sort(), ['order-1002', `${KEYLESS_EVENT_ID_PREFIX}order-1002`]);
    assert.equal(byId.get(`s\u0000order-1002`)?.type, 'purchase');
  });
});

describe("recordEvents: the ids only Affinity's own tools write", () => {
  it('refuses an event id in the MCP namespace and a shopper in the conversations\' (each on its own), and stores the rest', async () => {
    const h = harness();
    const r = await h.send({ events: [nativeEvent('mcp:turn-1', 'u-1'), nativeEvent('ok-1', 'session:conv-b'), pixelEvent('px-1', 'session:conv-c'), nativeEvent('ok-2', 'u-2')] }, 'server');
    assert.deepEqual(r.rejected.map((x) => [x.index, x.issues?.[0]?.path]), [[0, 'events.0.id'], [1, 'events.1.userId'], [2, 'events.2.clientId']]);
    assert.deepEqual([...h.byId.values()].map((e) => e.id), ['ok-2']);
    // Near misses: the prefixes elsewhere in an id are ids like any other.
    const near = await h.send({ events: [nativeEvent('order-mcp:1', 'u-session:1')] }, 'server');
    assert.deepEqual(near.rejected, []);
  });
});

describe('recordEvents: one invalid event does not lose the batch', () => {
  const CLIENT_B = 'b2c3d4e5-0000-4000-8000-0000000000b2';
  /** A pixel event whose data lacks what its name documents (`productVariant`). */
  const broken = (id: string, clientId = CLIENT) => ({ id, name: 'product_viewed', clientId, data: {} });

  for (const via of ['pixel', 'server'] as const) {
    it(`stores the valid events and reports each invalid one (${via})`, async () => {
      const { byId, send, ctx } = harness();
      const r = await send({ consent: { analyticsProcessingAllowed: true }, events: [pixelEvent('ok-1'), broken('bad-1'), { id: 'x', name: 'some_future_event', clientId: CLIENT, data: [1] }, pixelEvent('ok-2'), broken('bad-2')] }, via);
      assert.equal(r.accepted, 2);
      assert.equal(r.ignored, 1);
      assert.deepEqual(
        r.rejected.map(({ index, id, code }) => ({ index, id, code })),
        [
          { index: 1, id: 'bad-1', code: 'VALIDATION_FAILED' },
          { index: 4, id: 'bad-2', code: 'VALIDATION_FAILED' },
        ],
        'refused events are named by the id the sender gave them',
      );
      assert.deepEqual(r.rejected[0]?.issues.map((i) => i.path), ['events.1.data.productVariant']);
      // What the answer says was accepted is in the store; nothing of the refused ones is.
      const prefix = via === 'pixel' ? KEYLESS_EVENT_ID_PREFIX : '';
      assert.deepEqual([...byId.values()].map((e) => e.id).sort(), [`${prefix}ok-1`, `${prefix}ok-2`]);
      assert.equal(await count(ctx.metrics.eventsInvalid!, 'VALIDATION_FAILED'), 2, 'each refused event counted');
      assert.equal(await count(ctx.metrics.eventsRejected, 'VALIDATION_FAILED'), 0, 'the request was not refused');
    });
  }

  it('records consent only for the client ids of valid events (an invalid event states nothing)', async () => {
    const { consents, send } = harness();
    await send({ consent: { analyticsProcessingAllowed: false }, events: [pixelEvent('ok-1'), broken('bad-1', CLIENT_B), { id: 'c', name: 'visitorConsentCollected', clientId: 'c\ud800', customerPrivacy: { analyticsProcessingAllowed: false } }] }, 'pixel');
    assert.deepEqual(consents, [{ userId: CLIENT, consent: { analytics: false } }]);
    // An array body: a consent event whose client id could never be a key is refused, and states nothing.
    await send([{ id: 'c1', name: 'visitorConsentCollected', clientId: CLIENT_B, customerPrivacy: { analyticsProcessingAllowed: true } }, { id: 'c2', name: 'visitorConsentCollected', clientId: 'x'.repeat(201), customerPrivacy: { analyticsProcessingAllowed: false } }, broken('bad-2')], 'pixel');
    assert.deepEqual(consents.slice(1), [{ userId: CLIENT_B, consent: { analytics: true } }]);
  });

  it('a batch with nothing valid is refused whole: 400 VALIDATION_FAILED with every issue, nothing stored, no consent', async () => {
    const { byId, consents, send, ctx } = harness();
    await assert.rejects(
      send({ consent: { analyticsProcessingAllowed: false }, events: [broken('bad-1'), broken('bad-2', CLIENT_B)] }, 'pixel'),
      (e: AffinityError) => isAffinityError(e) && e.code === 'VALIDATION_FAILED' && e.status === 400 && e.issues.map((i) => i.path).join() === 'events.0.data.productVariant,events.1.data.productVariant',
    );
    assert.equal(byId.size, 0);
    assert.deepEqual(consents, []);
    assert.equal(await count(ctx.metrics.eventsRejected, 'VALIDATION_FAILED'), 1, 'the request counted as refused');
    assert.equal(await count(ctx.metrics.eventsInvalid!, 'VALIDATION_FAILED'), 2, 'and its events as invalid');
  });

  it('a batch of only ignored and invalid events is taken (its ignored events are valid): nothing to store, consent of the valid ones', async () => {
    const { byId, consents, send } = harness();
    const r = await send({ events: [broken('bad-1'), { id: 'c', name: 'visitorConsentCollected', clientId: CLIENT_B, customerPrivacy: { analyticsProcessingAllowed: false } }] }, 'pixel');
    assert.deepEqual({ accepted: r.accepted, ignored: r.ignored, rejected: r.rejected.length }, { accepted: 0, ignored: 1, rejected: 1 });
    assert.equal(byId.size, 0);
    assert.deepEqual(consents, [{ userId: CLIENT_B, consent: { analytics: false } }]);
  });

  it('who is calling still refuses the whole batch: a keyless forbidden event wins over an invalid one (403, nothing stored)', async () => {
    const { byId, consents, send } = harness();
    for (const events of [
      [pixelEvent('ok-1'), broken('bad-1'), pixelEvent('cust', '8800123')],
      [broken('bad-1'), nativeEvent('n', CLIENT)],
      [broken('bad-1', '8800123')],
    ]) {
      await assert.rejects(send({ consent: { analyticsProcessingAllowed: true }, events }, 'pixel'), (e: AffinityError) => isAffinityError(e) && e.code === 'PIXEL_CONSENT_FORBIDDEN' && e.status === 403, JSON.stringify(events));
    }
    assert.equal(byId.size, 0);
    assert.deepEqual(consents, []);
  });

  it('a store failure acknowledges nothing of a partly valid batch (retryable 503)', async () => {
    const { send, failStore } = harness();
    failStore();
    await assert.rejects(send([pixelEvent('ok-1'), broken('bad-1')], 'pixel'), (e: AffinityError) => isAffinityError(e) && e.code === 'STORE_UNAVAILABLE' && (e as AffinityError & { retryAfterS?: number }).retryAfterS === 1);
  });
});
