/**
 * What a merchant reads in a report: amounts in other currencies (said per group, or converted at the
 * markets' rates as estimates), the dashboard's Preview lists (in no figure), and totals that count an
 * order or a shopper of several groups once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyticsReport } from './analytics.ts';
import { lineAmounts } from './orderAmounts.ts';
import { PREVIEW_AGENT } from './previewLists.ts';
import type { Outcome, ServedList } from './servedList.ts';

const experiment = { id: 'aa', variants: [{ name: 'a', strategy: 'personalized' as const, weight: 50 }, { name: 'b', strategy: 'popular' as const, weight: 50 }] };

const list = (id: string, userId: string, over: Partial<ServedList> = {}): ServedList => ({ id, shop: 's', ts: 1, surface: 'product', actor: 'human', userId, items: ['p', 'q'], ...over });
const order = (key: string, l: ServedList, orderId: string, amount: number, currency: string, productId = 'p', influenced = 0): Outcome => ({
  key,
  shop: 's',
  recId: l.id,
  kind: 'order',
  ts: 2,
  userId: l.userId as string,
  productId,
  amount,
  currency,
  orderId,
  influenced,
});

describe('analytics: a group says what it could not sum, and in which currency', () => {
  // A USD shop; the DE market's shopper pays in EUR.
  const us = list('US1', 'u1', { market: 'us' });
  const us2 = list('US2', 'u2', { market: 'us' });
  const de = list('DE1', 'u3', { market: 'eu' });
  const outcomes = [order('o1', us, '1', 8900, 'USD'), order('o2', us2, '2', 5900, 'USD'), order('o3', de, '3', 5500, 'EUR', 'p', 1200)];

  it('without a rate: the EUR order counts as an order, its amounts are kept apart per currency, not reported as $0 revenue', () => {
    const r = analyticsReport([us, us2, de], outcomes, 'market', undefined, 'USD');
    const byKey = Object.fromEntries(r.groups.map((g) => [g.key, g]));
    assert.equal(r.otherCurrencyLines, 1);
    assert.equal(r.convertedLines, 0);
    assert.deepEqual(byKey.eu?.orderLines, { summed: 0, converted: 0, notSummed: [{ currency: 'EUR', lines: 1, orders: 1, revenue: 5500, influenced: 1200, withoutAmount: 0 }] });
    assert.equal(byKey.eu?.orders, 1);
    // The US row measured its revenue fully.
    assert.deepEqual(byKey.us?.orderLines, { summed: 2, converted: 0, notSummed: [] });
    assert.equal(byKey.us?.revenue, 14_800);
  });

  it('with the markets’ rate: the EUR line is summed converted, counted as converted (an estimate), and the rate is reported', () => {
    const rate = (from: string, to: string) => (from === 'EUR' && to === 'USD' ? 1.08 : undefined);
    const r = analyticsReport([us, us2, de], outcomes, 'market', undefined, 'USD', new Map(), { rate });
    const eu = r.groups.find((g) => g.key === 'eu');
    assert.deepEqual([eu?.revenue, eu?.influenced], [5940, 1296]);
    assert.deepEqual(eu?.orderLines, { summed: 1, converted: 1, notSummed: [] });
    assert.deepEqual([r.otherCurrencyLines, r.convertedLines, r.exchangeRates], [0, 1, { EUR: 1.08 }]);
    assert.equal(r.totals.revenue, 14_800 + 5940);
  });

  it('a line in another currency that states no amount (the pixel’s price held to the catalog) is not converted to a measured $0', () => {
    const rate = () => 1.08;
    const r = analyticsReport([us, de], [order('o1', us, '1', 8900, 'USD'), order('o3', de, '3', 0, 'EUR')], 'market', undefined, 'USD', new Map(), { rate });
    const eu = r.groups.find((g) => g.key === 'eu');
    assert.deepEqual(eu?.orderLines, { summed: 0, converted: 0, notSummed: [{ currency: 'EUR', lines: 1, orders: 1, revenue: 0, influenced: 0, withoutAmount: 1 }] });
    assert.deepEqual([r.otherCurrencyLines, r.convertedLines], [1, 0]);
  });

  it('near misses: a line in the report’s currency or without one is never converted; a rate into another currency does not apply', () => {
    const rate = (from: string, to: string) => (from === 'EUR' && to === 'GBP' ? 0.85 : undefined);
    assert.deepEqual(lineAmounts(order('k', us, '1', 100, 'usd'), 'USD', rate), { amount: 100, influenced: 0, converted: false });
    assert.deepEqual(lineAmounts({ ...order('k', us, '1', 100, 'USD'), currency: undefined }, 'USD', rate), { amount: 100, influenced: 0, converted: false });
    assert.deepEqual(lineAmounts(order('k', de, '3', 5500, 'EUR'), 'USD', rate), { currency: 'EUR' });
    // JPY has no minor digits: ¥1000 at 0.0067 is $6.70.
    assert.deepEqual(lineAmounts(order('k', de, '3', 1000, 'JPY'), 'USD', () => 0.0067), { amount: 670, influenced: 0, converted: true, rate: 0.0067 });
  });
});

describe('analytics: the dashboard’s Preview lists are in no figure', () => {
  const shoppers = ['s1', 's2', 's3', 's4'];
  const real = shoppers.map((u, i) => list(`R${i}`, u, { experiment: { id: 'aa', variant: i % 2 ? 'b' : 'a' } }));
  // The operator previews shopper s1 ten times (s1 is in variant a), and someone new once.
  const previews = [...Array.from({ length: 10 }, (_, i) => list(`P${i}`, 's1', { actor: 'agent', agent: PREVIEW_AGENT, experiment: { id: 'aa', variant: 'a' } })), list('P-new', 'new', { actor: 'agent', agent: PREVIEW_AGENT, experiment: { id: 'aa', variant: 'b' }, ts: 0 })];

  it('leaves them out of served, shoppers, the sample-ratio check and every breakdown, and says how many there were', () => {
    const without = analyticsReport(real, [], 'variant', experiment);
    const withPreviews = analyticsReport([...previews, ...real], [{ key: 'c', shop: 's', recId: 'P0', kind: 'click', ts: 2, userId: 's1', productId: 'p' }], 'variant', experiment);
    assert.deepEqual(
      withPreviews.groups.map((g) => [g.key, g.served, g.shoppers.served, g.clicks, g.reassignedLists]),
      without.groups.map((g) => [g.key, g.served, g.shoppers.served, g.clicks, g.reassignedLists]),
    );
    assert.deepEqual(withPreviews.sampleRatio, without.sampleRatio);
    assert.equal(withPreviews.previewLists, 11);
    assert.equal(without.previewLists, 0);
    const byAgent = analyticsReport([...previews, ...real], [], 'agent');
    assert.deepEqual(byAgent.groups.map((g) => g.key), ['(human)']);
  });

  it('near miss: another agent’s lists count as before', () => {
    const r = analyticsReport([...real, list('A1', 's9', { actor: 'agent', agent: 'shopping-assistant' })], [], 'agent');
    assert.deepEqual(r.groups.map((g) => [g.key, g.served]), [['(human)', 4], ['shopping-assistant', 1]]);
    assert.equal(r.previewLists, 0);
  });
});

describe('analytics: totals count an order or a shopper of several groups once', () => {
  it('an order with lines from a product-page list and a cart list is an order of both surfaces, and one order in the totals', () => {
    const product = list('L1', 'u1');
    const cart = list('L2', 'u1', { surface: 'cart', items: ['q'] });
    const other = list('L3', 'u2', { surface: 'cart', items: ['q'] });
    const outcomes = [order('e1|order|p', product, '100', 1000, 'USD', 'p', 300), order('e1|order|q', cart, '100', 2000, 'USD', 'q'), order('e2|order|q', other, '101', 2000, 'USD', 'q')];
    const r = analyticsReport([product, cart, other], outcomes, 'surface', undefined, 'USD');
    assert.deepEqual(r.groups.map((g) => [g.key, g.orders, g.shoppers.served, g.revenue]), [['cart', 2, 2, 4000], ['product', 1, 1, 1000]]);
    assert.deepEqual(r.totals, { served: 3, viewed: 0, agentLists: 0, clicks: 0, addToCarts: 0, orders: 2, revenue: 5000, influenced: 300, shoppers: 2 });
  });
});
