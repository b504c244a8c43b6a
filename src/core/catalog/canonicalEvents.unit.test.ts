import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserEvent } from '../events/userEvent.ts';
import { canonicalEvent } from './canonicalEvents.ts';
import type { Product } from './product.ts';
import { ProductIdentity } from './productIdentity.ts';

const product = { id: 'red-scarf', handle: 'red-scarf', title: 'Red Scarf', variants: [], tags: [], collections: [], available: true } as unknown as Product;

describe('canonicalEvent', () => {
  it('one product named by two ids in one order is one line: its quantity and price are what both lines cost', () => {
    const identity = ProductIdentity.build([product], new Map([['p:9001', 'red-scarf']]));
    const order: UserEvent = {
      id: 'o1',
      shop: 's',
      userId: 'u',
      type: 'purchase',
      ts: 1,
      items: [
        { productId: 'red-scarf', quantity: 1, price: { amount: 2000, currency: 'USD' } },
        { productId: '9001', quantity: 3, price: { amount: 1000, currency: 'USD' } },
      ],
    } as unknown as UserEvent;
    const [line, ...rest] = canonicalEvent(order, identity).items;
    assert.equal(rest.length, 0);
    assert.equal(line?.productId, 'red-scarf');
    assert.equal(line?.quantity, 4);
    // 20.00 + 3 × 10.00 over 4 units: 12.50 (it was the first line's 20.00, 80.00 for the order's 50.00).
    assert.deepEqual(line?.price, { amount: 1250, currency: 'USD' });
  });

  it('lines in two currencies keep the first line’s price (no sum across currencies)', () => {
    const identity = ProductIdentity.build([product], new Map([['p:9001', 'red-scarf']]));
    const order = { id: 'o2', shop: 's', userId: 'u', type: 'purchase', ts: 1, items: [
      { productId: 'red-scarf', quantity: 1, price: { amount: 2000, currency: 'USD' } },
      { productId: '9001', quantity: 1, price: { amount: 1800, currency: 'EUR' } },
    ] } as unknown as UserEvent;
    assert.deepEqual(canonicalEvent(order, identity).items[0]?.price, { amount: 2000, currency: 'USD' });
  });

  it('the same event when nothing changes', () => {
    const identity = ProductIdentity.build([product]);
    const e = { id: 'v', shop: 's', userId: 'u', type: 'view', ts: 1, items: [{ productId: 'red-scarf', quantity: 1 }] } as unknown as UserEvent;
    assert.equal(canonicalEvent(e, identity), e);
  });
});
