import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyticsReport } from './analytics.ts';
import { idsToLink } from './sharedLinks.ts';
import type { ServedList } from './servedList.ts';

const experiment = { id: 'aa', variants: [{ name: 'a', strategy: 'personalized' as const, weight: 50 }, { name: 'b', strategy: 'personalized' as const, weight: 50 }] };

/** `shoppers` shoppers of variant `v`, each shown `m` lists. */
function lists(v: string, shoppers: number, m: number): ServedList[] {
  const out: ServedList[] = [];
  for (let u = 0; u < shoppers; u++) {
    for (let k = 0; k < m; k++) out.push({ id: `${v}-${u}-${k}`, shop: 's', ts: 1, surface: 'product', actor: 'human', experiment: { id: 'aa', variant: v }, userId: `${v}-${u}`, items: ['p'] });
  }
  return out;
}

describe('analytics: the sample-ratio check', () => {
  it('counts shoppers (the unit of assignment), not lists: many lists per shopper raise no false alarm', () => {
    // 60/40 shoppers is an ordinary draw at 50/50 (p ≈ 0.046); counted as 20 lists each it looked like 1200/800 (p ≈ 0).
    const r = analyticsReport([...lists('a', 60, 20), ...lists('b', 40, 20)], [], 'variant', experiment);
    assert.equal(r.groups[0]?.served, 1200);
    assert.equal(r.sampleRatio?.mismatch, false);
    assert.ok((r.sampleRatio?.pValue ?? 0) > 0.01, JSON.stringify(r.sampleRatio));
  });

  it('still flags a real mismatch of shoppers', () => {
    const r = analyticsReport([...lists('a', 700, 1), ...lists('b', 300, 1)], [], 'variant', experiment);
    assert.equal(r.sampleRatio?.mismatch, true);
  });
});

describe('analytics: the shopper as the unit', () => {
  const l = (id: string, ts: number, variant: string, userId?: string, shopperKey?: string): ServedList => ({
    id,
    shop: 's',
    ts,
    surface: 'product',
    actor: 'human',
    experiment: { id: 'aa', variant },
    ...(userId ? { userId } : {}),
    ...(shopperKey ? { shopperKey } : {}),
    items: ['p1', 'p2'],
  });

  it('counts a shopper whose identity was linked mid-experiment once, under their first variant, with all their lists', () => {
    const served = [
      // Client A before the link (assigned on its own id: variant a), then after (on customer 42: variant b).
      l('A1', 1, 'a', 'client-a'),
      l('A2', 5, 'b', 'client-a', '42'),
      // The customer's other device: before the link on its own id (b), after on the customer id (b).
      l('B1', 2, 'b', 'client-b'),
      l('B2', 6, 'b', 'client-b', '42'),
      // An agent acting for the customer.
      l('C1', 7, 'b', '42'),
      // Someone else, in b throughout.
      l('D1', 3, 'b', 'client-d'),
    ];
    const outcomes = [
      { key: 'k1', shop: 's', recId: 'A2', kind: 'click' as const, ts: 8, userId: 'client-a', productId: 'p1' },
      { key: 'k2', shop: 's', recId: 'A2', kind: 'order' as const, ts: 9, userId: 'client-a', productId: 'p1', amount: 1000, currency: 'USD', orderId: 'o1' },
    ];
    const r = analyticsReport(served, outcomes, 'variant', experiment);
    const [a, b] = r.groups as [any, any];
    assert.deepEqual([a.key, a.served, a.clicks, a.orders, a.reassignedLists], ['a', 5, 1, 1, 4]);
    assert.deepEqual([a.shoppers.served, a.shoppers.clicked, a.shoppers.ordered, a.shoppers.switched], [1, 1, 1, 1]);
    assert.deepEqual([b.key, b.served, b.clicks, b.reassignedLists, b.shoppers.served, b.shoppers.switched], ['b', 1, 0, 0, 1, 0]);
    // The ratio check sees two shoppers, one per variant.
    assert.equal(r.sampleRatio?.chiSquare, 0);
  });

  it('leaves a failed request’s list out of the shopper’s first variant and of the reassigned and switched counts', () => {
    // Client E's first list failed (variant a, never shown); every list shown to them was b.
    const failed: ServedList = { ...l('E0', 1, 'a', 'client-e'), items: [], status: 'error' };
    const served = [failed, l('E1', 2, 'b', 'client-e', '77'), l('E2', 3, 'b', 'client-e', '77'), l('F1', 4, 'a', 'client-f')];
    const r = analyticsReport(served, [], 'variant', experiment);
    const [a, b] = r.groups as [any, any];
    assert.deepEqual([b.key, b.served, b.reassignedLists, b.shoppers.served, b.shoppers.switched], ['b', 2, 0, 1, 0]);
    assert.deepEqual([a.key, a.served, a.reassignedLists, a.shoppers.served, a.shoppers.switched], ['a', 1, 0, 1, 0]);
    // The failed list still counts as a failure of the variant it was grouped under.
    assert.equal(b.guardrails.errors, 1);
  });

  it('gives per-shopper counts and rates next to the per-list ones, and their uplift', () => {
    const served = [...lists('a', 4, 3), ...lists('b', 4, 3)];
    // One shopper of b clicks in all three of their lists; one shopper of a clicks in one.
    const click = (recId: string, i: number) => ({ key: `c${i}`, shop: 's', recId, kind: 'click' as const, ts: 2, userId: recId.slice(0, recId.lastIndexOf('-')), productId: 'p' });
    const r = analyticsReport(served, [click('b-0-0', 1), click('b-0-1', 2), click('b-0-2', 3), click('a-1-0', 4)], 'variant', experiment);
    const [a, b] = r.groups as [any, any];
    assert.equal(b.clickThroughRate.value, 3 / 12);
    assert.deepEqual([b.shoppers.served, b.shoppers.clicked, b.shoppers.clickRate.value], [4, 1, 0.25]);
    assert.deepEqual([a.shoppers.served, a.shoppers.clicked], [4, 1]);
    assert.equal(b.uplift.shopperClickRate.value, 0);
    assert.ok(b.uplift.clickThroughRate.value > 0.1);
  });
});

describe('analytics: orders in a second currency', () => {
  const served = [...lists('a', 3, 1), ...lists('b', 3, 1)];
  const order = (key: string, recId: string, orderId: string, amount: number, currency?: string) => ({
    key,
    shop: 's',
    recId,
    kind: 'order' as const,
    ts: 2,
    // The shopper the list was served to (`lists`: `<variant>-<shopper>-<k>`).
    userId: recId.slice(0, recId.lastIndexOf('-')),
    productId: 'p',
    amount,
    ...(currency ? { currency } : {}),
    orderId,
    influenced: 700,
  });

  it('count as orders, conversions and ordering shoppers; only their amount stays out of the revenue', () => {
    // Two USD orders in a, one BDT order in b: the report is in USD.
    const outcomes = [order('o1', 'a-0-0', '1001', 2500, 'USD'), order('o2', 'a-1-0', '1002', 1500, 'USD'), order('o3', 'b-0-0', '1003', 300_000, 'BDT')];
    const r = analyticsReport(served, outcomes, 'variant', experiment);
    const [a, b] = r.groups as [any, any];
    assert.equal(r.currency, 'USD');
    assert.equal(r.otherCurrencyLines, 1);
    const near = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-4, `${x} ≠ ${y}`);
    // Neither the BDT line nor its influenced rest (money too) is added to the dollars.
    assert.deepEqual([b.orders, b.shoppers.ordered, b.influenced, b.revenue, b.revenuePerServed.value], [1, 1, 0, 0, 0]);
    near(b.conversionRate.value, 1 / 3);
    near(b.shoppers.conversionRate.value, 1 / 3);
    assert.deepEqual([a.orders, a.revenue, a.influenced], [2, 4000, 1400]);
    // The experiment compares conversions over both currencies: b converts 1/3, a 2/3.
    near(b.uplift.conversionRate.value, 1 / 3 - 2 / 3);
    near(b.uplift.shopperConversionRate.value, 1 / 3 - 2 / 3);
  });

  it('one order with lines in two currencies is one order', () => {
    const r = analyticsReport(served, [order('x1', 'a-0-0', '2001', 1000, 'USD'), order('x2', 'a-0-0', '2001', 90_000, 'BDT'), order('x3', 'a-1-0', '2002', 1000, 'USD')], 'surface');
    const [g] = r.groups as [any];
    assert.deepEqual([g.orders, g.revenue, r.otherCurrencyLines], [2, 2000, 1]);
  });

  it('an order in the report currency, or without a currency, is summed as before (near miss)', () => {
    const r = analyticsReport(served, [order('y1', 'a-0-0', '3001', 1000, 'USD'), order('y2', 'a-1-0', '3002', 500)], 'surface');
    const [g] = r.groups as [any];
    assert.deepEqual([g.orders, g.revenue, r.otherCurrencyLines], [2, 1500, 0]);
  });
});

describe('analytics: the report currency is the shop’s', () => {
  const served: ServedList[] = [
    { id: 'L1', shop: 's', ts: 1, surface: 'product', actor: 'human', userId: 'u1', items: ['p'] },
    { id: 'L2', shop: 's', ts: 1, surface: 'product', actor: 'human', userId: 'u2', items: ['p'] },
    { id: 'L3', shop: 's', ts: 1, surface: 'product', actor: 'human', userId: 'u3', items: ['p'] },
  ];
  const line = (recId: string, amount: number, currency: string, orderId: string) => ({ key: `${orderId}|order|p`, shop: 's', recId, kind: 'order' as const, ts: 2, userId: `u${recId.slice(1)}`, productId: 'p', amount, currency, orderId });
  // A USD shop with more EUR order lines than USD ones.
  const outcomes = [line('L1', 4600, 'EUR', 'o1'), line('L2', 4600, 'EUR', 'o2'), line('L3', 6999, 'USD', 'o3')];

  it('a USD shop with more EUR lines reports its USD revenue; the EUR lines count as orders, not in the sum', () => {
    const r = analyticsReport(served, outcomes, 'surface', undefined, 'USD');
    assert.equal(r.currency, 'USD');
    assert.equal(r.otherCurrencyLines, 2);
    assert.deepEqual([r.groups[0]?.orders, r.groups[0]?.revenue], [3, 6999]);
  });

  it('near miss: a shop whose currency is not known still reports in the most common one', () => {
    const r = analyticsReport(served, outcomes, 'surface');
    assert.equal(r.currency, 'EUR');
    assert.deepEqual([r.groups[0]?.revenue, r.otherCurrencyLines], [9200, 1]);
  });
});

describe('analytics: an order reported by the pixel and by a keyed server counts once', () => {
  const served: ServedList[] = [{ id: 'L1', shop: 's', ts: 1, surface: 'product', actor: 'human', userId: 'u1', items: ['p'] }];
  const line = (event: string, amount: number, orderId: string, influenced?: number) => ({
    key: `${event}|order|p`,
    shop: 's',
    recId: 'L1',
    kind: 'order' as const,
    ts: 2,
    userId: 'u1',
    productId: 'p',
    amount,
    currency: 'USD',
    orderId,
    ...(influenced ? { influenced } : {}),
  });

  it('the keyed report’s amounts, once', () => {
    const r = analyticsReport(served, [line('pixel:sh-1', 6999, '6811', 1000), line('order-6811', 5600, '6811', 900)], 'surface', undefined, 'USD');
    assert.deepEqual([r.groups[0]?.orders, r.groups[0]?.revenue, r.groups[0]?.influenced], [1, 5600, 900]);
  });

  it('near miss: two different orders of the same product both count', () => {
    const r = analyticsReport(served, [line('pixel:sh-1', 6999, '6811'), line('pixel:sh-2', 6999, '6812')], 'surface', undefined, 'USD');
    assert.deepEqual([r.groups[0]?.orders, r.groups[0]?.revenue], [2, 13998]);
  });
});

describe('analytics: other visitors through a shared link', () => {
  const list = (id: string, o: Partial<ServedList> = {}): ServedList => ({ id, shop: 's', ts: 1, surface: 'product', actor: 'human', userId: `u-${id}`, items: ['p1', 'p2'], ...o });
  const click = (recId: string, userId: string, n: number) => ({ key: `c${n}`, shop: 's', recId, kind: 'click' as const, ts: 2, userId, productId: 'p1' });
  const cart = (recId: string, userId: string, n: number) => ({ key: `a${n}`, shop: 's', recId, kind: 'cart' as const, ts: 3, userId, productId: 'p1', amount: 2000, currency: 'USD' });
  const order = (recId: string, userId: string, n: number) => ({ key: `o${n}`, shop: 's', recId, kind: 'order' as const, ts: 4, userId, productId: 'p1', amount: 2000, currency: 'USD', orderId: `order-${n}`, influenced: 500 });

  it('a storefront list served to a shopper counts that shopper; four visitors buying through the link are reported apart', () => {
    const served = [list('L1'), list('L2')];
    const outcomes = [click('L1', 'u-L1', 1), ...[2, 3, 4, 5].flatMap((n) => [click('L1', `visitor-${n}`, n), cart('L1', `visitor-${n}`, n), order('L1', `visitor-${n}`, n)])];
    const [g] = analyticsReport(served, outcomes, 'surface', undefined, 'USD').groups as [any];
    assert.deepEqual([g.served, g.clicks, g.addToCarts, g.orders, g.revenue, g.influenced], [2, 1, 0, 0, 0, 0]);
    assert.equal(g.conversionRate.value, 0);
    assert.deepEqual([g.shoppers.clicked, g.shoppers.ordered], [1, 0]);
    assert.deepEqual(g.viaSharedLinks, { clicks: 4, addToCarts: 4, orders: 4, revenue: 8000 });
  });

  it('near misses: the shopper under a market-scoped id, another device of the same customer, a store link, an agent list, an anonymous list', () => {
    const served = [
      list('M', { userId: 'client-m' }),
      // One customer on two devices: both lists carry the customer id as their shopper key.
      list('D1', { userId: 'client-d1', shopperKey: 'cust-9' }),
      list('D2', { userId: 'client-d2', shopperKey: 'cust-9' }),
      list('K', { userId: 'client-k' }),
      list('A', { userId: 'session:abc', actor: 'agent', surface: 'mcp', agent: 'claude' }),
      list('N', { userId: undefined }),
    ];
    const outcomes = [
      order('M', 'client-m@eu', 1),
      order('D1', 'client-d2', 2),
      order('K', 'client-k-laptop', 3),
      order('A', 'storefront-visitor', 4),
      order('N', 'anyone', 5),
    ];
    const linked = new Map([['client-k', new Set(['client-k-laptop', 'cust-12'])]]);
    const r = analyticsReport(served, outcomes, 'surface', undefined, 'USD', linked);
    const total = r.groups.reduce((n, g) => n + g.orders, 0);
    assert.equal(total, 5);
    for (const g of r.groups) assert.deepEqual(g.viaSharedLinks, { clicks: 0, addToCarts: 0, orders: 0, revenue: 0 }, g.key);
    // Without the store's link the laptop is another visitor.
    const unlinked = analyticsReport(served, outcomes, 'surface', undefined, 'USD');
    assert.equal(unlinked.groups.reduce((n, g) => n + g.viaSharedLinks.orders, 0), 1);
  });

  it('idsToLink names only the lists with an outcome under an id they were not served to', () => {
    const served = [list('L1', { shopperKey: 'cust-1' }), list('L2'), list('A', { actor: 'agent', surface: 'mcp' })];
    assert.deepEqual(idsToLink(served, [click('L1', 'someone', 1), click('L2', 'u-L2', 2), click('L2', 'u-L2@eu', 3), click('A', 'visitor', 4)]), ['u-L1', 'cust-1']);
  });
});

describe('analytics: only a product of the list counts for it', () => {
  it('a landing with aff_rec on another product, and the cart and order after it, count for no list', () => {
    const served: ServedList[] = [{ id: 'L1', shop: 's', ts: 1, surface: 'product', actor: 'human', userId: 'u1', items: ['p1', 'p2'] }];
    const o = (key: string, kind: 'click' | 'cart' | 'order', productId: string) => ({ key, shop: 's', recId: 'L1', kind, ts: 2, userId: 'u1', productId, amount: 1000, currency: 'USD', orderId: `order-${key}` });
    const [g] = analyticsReport(served, [o('a', 'click', 'p9'), o('b', 'cart', 'p9'), o('c', 'order', 'p9')], 'surface', undefined, 'USD').groups as [any];
    assert.deepEqual([g.clicks, g.addToCarts, g.orders, g.revenue], [0, 0, 0, 0]);
    // Near miss: the list's own product counts.
    const [h] = analyticsReport(served, [o('a', 'click', 'p2'), o('b', 'cart', 'p2'), o('c', 'order', 'p2')], 'surface', undefined, 'USD').groups as [any];
    assert.deepEqual([h.clicks, h.addToCarts, h.orders, h.revenue], [1, 1, 1, 1000]);
  });
});

describe('analytics: lists agents asked for report no view', () => {
  const list = (id: string, o: Partial<ServedList> = {}): ServedList => ({ id, shop: 's', ts: 1, surface: 'product', actor: 'human', userId: `u-${id}`, items: ['p1'], ...o });
  const view = (recId: string, n: number) => ({ key: `v${n}`, shop: 's', recId, kind: 'view' as const, ts: 2, userId: `u-${recId}` });

  it('says of each group and in the totals how many of its lists were an agent\'s, next to the views of the others', () => {
    const served = [list('S1'), list('S2'), list('A1', { actor: 'agent', surface: 'mcp', agent: 'claude' }), list('A2', { actor: 'agent', surface: 'mcp', agent: 'claude' })];
    const r = analyticsReport(served, [view('S1', 1)], 'surface', undefined, 'USD');
    const by = Object.fromEntries(r.groups.map((g) => [g.key, [g.served, g.viewed, g.agentLists]]));
    assert.deepEqual(by, { product: [2, 1, 0], mcp: [2, 0, 2] });
    assert.deepEqual([r.totals.served, r.totals.viewed, r.totals.agentLists], [4, 1, 2]);
  });

  it('near miss: a failed agent request served nothing, so it is no agent list', () => {
    const r = analyticsReport([list('A1', { actor: 'agent', surface: 'mcp', status: 'error' })], [], 'surface', undefined, 'USD');
    assert.deepEqual(r.groups.map((g) => [g.served, g.agentLists]), [[0, 0]]);
  });
});
