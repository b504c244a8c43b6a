import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { onePerOrder } from './orderReports.ts';
import type { Outcome } from './servedList.ts';

const line = (event: string, productId: string, orderId: string | undefined, ts = 2): Outcome => ({
  key: `${event}|order|${productId}`,
  shop: 's',
  recId: 'L',
  kind: 'order',
  ts,
  userId: 'u',
  productId,
  amount: 100,
  ...(orderId ? { orderId } : {}),
});

describe('onePerOrder', () => {
  it('keeps a keyed report’s lines over the pixel’s, whichever came first', () => {
    const out = onePerOrder([line('pixel:a', 'p', '1', 1), line('pixel:a', 'q', '1', 1), line('srv-1', 'p', '1', 5)]);
    assert.deepEqual(
      out.map((o) => o.key),
      ['srv-1|order|p'],
    );
  });

  it('of two keyless reports of one order, keeps the earliest one’s lines', () => {
    const out = onePerOrder([line('pixel:b', 'p', '1', 3), line('pixel:a', 'p', '1', 2), line('pixel:a', 'q', '1', 2)]);
    assert.deepEqual(
      out.map((o) => o.key),
      ['pixel:a|order|p', 'pixel:a|order|q'],
    );
  });

  it('a keyless report of a real order id by another shopper, backdated, does not take the order from the one who placed it', () => {
    const genuine = { ...line('pixel:g-buy', 'p', '5001', 2000), userId: 'c-real', recId: 'L-genuine', amount: 8000 };
    const forged = { ...line('pixel:f-buy', 'p', '5001', 1999), userId: 'c-forger', recId: 'L-forger', amount: 100 };
    const out = onePerOrder([genuine, forged]);
    assert.ok(out.includes(genuine), 'the genuine report still counts');
    // A keyed (server-relayed) report of the order is authoritative over both.
    assert.deepEqual(onePerOrder([genuine, forged, { ...line('srv-9', 'p', '5001', 3000), userId: 'c-real' }]).map((o) => o.key), ['srv-9|order|p']);
  });

  it('near miss: other orders, lines without an order id, and other outcome kinds pass untouched', () => {
    const view: Outcome = { key: 'pixel:v|view', shop: 's', recId: 'L', kind: 'view', ts: 1, userId: 'u' };
    const all = [view, line('pixel:a', 'p', '1'), line('pixel:b', 'p', '2'), line('pixel:c', 'p', undefined), line('pixel:d', 'p', undefined)];
    assert.deepEqual(onePerOrder(all), all);
  });
});
