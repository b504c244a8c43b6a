import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventItem, UserEvent } from '../events/userEvent.ts';
import { outcomesOf } from './outcomes.ts';

const base = { v: 1 as const, shop: 's', source: 'pixel' as const };
const click = (id: string, userId: string, ts: number, productId: string, rec: string): UserEvent => ({ ...base, id, userId, ts, type: 'view', name: 'product_viewed', items: [{ productId, quantity: 1 }], rec });
const usd = (productId: string, major: number): EventItem => ({ productId, quantity: 1, price: { amount: major * 100, currency: 'USD' } });
const order = (id: string, userId: string, ts: number, items: EventItem[]): UserEvent => ({ ...base, id, userId, ts, type: 'purchase', name: 'checkout_completed', items, orderId: `o-${id}`, currency: 'USD' });
const noStored = () => undefined;

describe('outcomes: influenced revenue', () => {
  it('is credited once per order, to the list clicked last, when two lists win lines of it', () => {
    const out = outcomesOf([click('c1', 'u', 1, 'a', 'LIST_A'), click('c2', 'u', 2, 'b', 'LIST_B'), order('o', 'u', 3, [usd('a', 10), usd('b', 20), usd('x', 30)])], noStored);
    const lines = out.filter((o) => o.kind === 'order');
    assert.deepEqual(
      lines.map((o) => [o.recId, o.amount, o.influenced]),
      [
        ['LIST_A', 1000, undefined],
        ['LIST_B', 2000, 3000],
      ],
    );
    assert.equal(
      lines.reduce((s, o) => s + (o.influenced ?? 0), 0),
      3000,
    );
  });

  it('follows the click order, not the line order (the stored click is the later one)', () => {
    const stored = (_u: string, p: string) => (p === 'a' ? { recId: 'LIST_A', ts: 5 } : undefined);
    const out = outcomesOf([click('c2', 'u', 2, 'b', 'LIST_B'), order('o', 'u', 6, [usd('b', 20), usd('a', 10), usd('x', 30)])], stored);
    assert.deepEqual(
      out.filter((o) => o.kind === 'order').map((o) => [o.recId, o.influenced]),
      [
        ['LIST_B', undefined],
        ['LIST_A', 3000],
      ],
    );
  });

  it('near miss: one list winning two lines of an order records the rest once', () => {
    const out = outcomesOf([click('c1', 'u', 1, 'a', 'L'), click('c2', 'u', 2, 'b', 'L'), order('o', 'u', 3, [usd('a', 10), usd('b', 20), usd('x', 30)])], noStored);
    assert.equal(
      out.reduce((s, o) => s + (o.influenced ?? 0), 0),
      3000,
    );
  });

  it('near miss: an order with every line attributed has no influenced revenue', () => {
    const out = outcomesOf([click('c1', 'u', 1, 'a', 'L'), order('o', 'u', 3, [usd('a', 10)])], noStored);
    assert.equal(out.find((o) => o.kind === 'order')?.influenced, undefined);
  });
});

describe('outcomes: a shopper stored under several ids, in one batch', () => {
  const ids = (u: string) => (u === 'cid' || u === 'cid@us' ? ['cid', 'cid@us'] : [u]);

  it('a click under a linked id (the market-scoped one) counts for the purchase under the other', () => {
    const out = outcomesOf([click('c1', 'cid@us', 1, 'a', 'L'), order('o', 'cid', 2, [usd('a', 46)])], noStored, ids);
    assert.deepEqual(
      out.filter((o) => o.kind === 'order').map((o) => [o.recId, o.amount, o.userId]),
      [['L', 4600, 'cid']],
    );
  });

  it('near miss: a click of another shopper (not linked) does not', () => {
    const out = outcomesOf([click('c1', 'someone-else', 1, 'a', 'L'), order('o', 'cid', 2, [usd('a', 46)])], noStored, ids);
    assert.equal(out.filter((o) => o.kind === 'order').length, 0);
  });

  it('near miss: a click of this batch older than the window does not', () => {
    const out = outcomesOf([click('c1', 'cid@us', 1, 'a', 'L'), order('o', 'cid', 1000, [usd('a', 46)])], noStored, ids, 100);
    assert.equal(out.filter((o) => o.kind === 'order').length, 0);
  });

  it('near miss: a click after the purchase does not', () => {
    const out = outcomesOf([order('o', 'cid', 1, [usd('a', 46)]), click('c1', 'cid@us', 2, 'a', 'L')], noStored, ids);
    assert.equal(out.filter((o) => o.kind === 'order').length, 0);
  });
});
