import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KEYLESS_ID_PREFIX, MAX_KEYLESS_QUANTITY } from '../../core/attribution/keylessAmounts.ts';
import type { Outcome } from '../../core/attribution/servedList.ts';
import type { Product } from '../../core/catalog/product.ts';
import type { EventItem, UserEvent } from '../../core/events/userEvent.ts';
import type { AttributionStore } from '../../core/ports.ts';
import { KEYLESS_EVENT_ID_PREFIX } from '../ingest/recordEvents.ts';
import { attributionObserver } from './attributionObserver.ts';

const SHIRT: Product = {
  id: '8001',
  handle: 'ocean-blue-shirt',
  title: 'Ocean Blue Shirt',
  description: '',
  vendor: '',
  productType: '',
  category: '',
  tags: [],
  options: {},
  variants: [{ id: '45001', title: 'M', price: { amount: 6999, currency: 'USD' }, available: true, options: {} }],
  images: [],
  published: true,
};

/** An observer over an in-memory attribution store and event log; `links` are the linked ids of each id. */
function harness(links: Record<string, string[]> = {}) {
  const recorded: Outcome[] = [];
  const log: UserEvent[] = [];
  const store: AttributionStore = {
    recordServed: async () => 0,
    recordOutcomes: async (o) => {
      recorded.push(...o);
      return o.length;
    },
    // Clicks are read back from what was recorded (as a real store does).
    lastClicks: async (_shop, userIds, productIds, since, until) => {
      const out = new Map<string, { recId: string; ts: number }>();
      for (const o of recorded) {
        if (o.kind !== 'click' || !o.productId || !userIds.includes(o.userId) || !productIds.includes(o.productId) || o.ts < since || o.ts > until) continue;
        const prev = out.get(o.productId);
        if (!prev || o.ts >= prev.ts) out.set(o.productId, { recId: o.recId, ts: o.ts });
      }
      return out;
    },
    servedBetween: async () => [],
    outcomesBetween: async () => recorded,
  };
  const observer = attributionObserver({
    store,
    // Events are in the log when the projector sees them (append comes first).
    events: { getUserEvents: async (_shop, userId, limit) => log.filter((e) => e.userId === userId).reverse().slice(0, limit) },
    links: { linkedIds: async (_shop, id) => links[id] ?? [] },
    catalog: () => ({ get: (id: string) => (id === SHIRT.id ? SHIRT : undefined) }),
    windowMs: 7 * 86_400_000,
  });
  const observe = async (events: readonly UserEvent[]) => {
    log.push(...events);
    await observer(events);
  };
  return { observe, recorded, orders: () => recorded.filter((o) => o.kind === 'order') };
}

const base = { v: 1 as const, shop: 's', source: 'pixel' as const };
const click = (id: string, userId: string, ts: number): UserEvent => ({ ...base, id, userId, ts, type: 'view', name: 'product_viewed', items: [{ productId: '8001', quantity: 1 }], rec: 'LISTAAAAAAAAAAAA' });
const purchase = (id: string, userId: string, ts: number, items: EventItem[]): UserEvent => ({ ...base, id, userId, ts, type: 'purchase', name: 'checkout_completed', items, orderId: '1', currency: 'USD' });
const forged: EventItem[] = [
  { productId: '8001', quantity: 100, price: { amount: 9_999_900, currency: 'USD' } },
  { productId: 'not-in-catalog', quantity: 1, price: { amount: 50_000, currency: 'USD' } },
];

describe('attributionObserver: keyless amounts', () => {
  it('a keyless (pixel) purchase counts at most the catalog price, at most MAX_KEYLESS_QUANTITY units; an unknown product adds nothing', async () => {
    const h = harness();
    await h.observe([click(`${KEYLESS_ID_PREFIX}v1`, 'c1', 1)]);
    await h.observe([purchase(`${KEYLESS_ID_PREFIX}o1`, 'c1', 2, forged)]);
    assert.deepEqual(
      h.orders().map((o) => [o.amount, o.influenced]),
      [[6999 * MAX_KEYLESS_QUANTITY, undefined]],
    );
  });

  it('near miss: a keyed (server) purchase counts as sent', async () => {
    const h = harness();
    await h.observe([click(`${KEYLESS_ID_PREFIX}v1`, 'c1', 1)]);
    await h.observe([purchase('order-1', 'c1', 2, forged)]);
    assert.deepEqual(
      h.orders().map((o) => [o.amount, o.influenced]),
      [[9_999_900 * 100, 50_000]],
    );
  });

  it('the keyless prefix the core reads is the one ingest writes', () => {
    assert.equal(KEYLESS_ID_PREFIX, KEYLESS_EVENT_ID_PREFIX);
  });
});

describe('attributionObserver: batch boundaries', () => {
  const links = { c1: ['c1@us'], 'c1@us': ['c1'] };
  const order = [{ productId: '8001', quantity: 1, price: { amount: 4600, currency: 'EUR' } }];

  it('a click and a purchase under linked ids in one batch: the order is attributed', async () => {
    const h = harness(links);
    await h.observe([click('v1', 'c1@us', 1), purchase('o1', 'c1', 2, order)]);
    assert.deepEqual(
      h.orders().map((o) => [o.recId, o.amount]),
      [['LISTAAAAAAAAAAAA', 4600]],
    );
  });

  it('the same events in two batches give the same outcomes', async () => {
    const one = harness(links);
    await one.observe([click('v1', 'c1@us', 1), purchase('o1', 'c1', 2, order)]);
    const two = harness(links);
    await two.observe([click('v1', 'c1@us', 1)]);
    await two.observe([purchase('o1', 'c1', 2, order)]);
    assert.deepEqual(one.recorded, two.recorded);
  });

  it('a click delivered after the order it led to (its time before the order\'s) credits the order when it comes, once', async () => {
    const inOne = harness(links);
    await inOne.observe([purchase('o1', 'c1', 2, order), click('v1', 'c1@us', 1)]);
    const late = harness(links);
    await late.observe([purchase('o1', 'c1', 2, order)]);
    assert.equal(late.orders().length, 0);
    await late.observe([click('v1', 'c1@us', 1)]);
    await late.observe([click('v1', 'c1@us', 1)]);
    assert.deepEqual(late.orders().map((o) => [o.key, o.recId, o.amount]), inOne.orders().map((o) => [o.key, o.recId, o.amount]));
    assert.equal(new Set(late.recorded.map((o) => o.key)).size, late.orders().length + 1, 'the retried click adds nothing new');
  });

  it('near miss: a click after the order in time, or outside the window, credits nothing', async () => {
    const h = harness(links);
    await h.observe([purchase('o1', 'c1', 2, order)]);
    await h.observe([click('v1', 'c1@us', 3)]);
    await h.observe([click('v2', 'c1@us', 2 - 8 * 86_400_000)]);
    assert.equal(h.orders().length, 0);
  });

  it('near miss: a click of an unlinked shopper in the same batch does not attribute the order', async () => {
    const h = harness(links);
    await h.observe([click('v1', 'someone', 1), purchase('o1', 'c1', 2, order)]);
    assert.equal(h.orders().length, 0);
  });
});
