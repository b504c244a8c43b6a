import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outcomesOf } from '../attribution/outcomes.ts';
import { parseIngest } from './ingest.ts';
import { lineAmount } from './userEvent.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');

/** A variant as a pixel sends it: numeric ids, the list price in `price`. */
function variant(product: string, id: string, listPrice: number | string, currencyCode = 'USD') {
  return { id, price: { amount: listPrice, currencyCode }, sku: null, title: 'M', product: { id: product, title: 'Linen Shirt', type: 'Shirts', vendor: 'Ocean', url: `/products/p${product}` } };
}

function checkout(lines: unknown[], name = 'checkout_completed') {
  return { id: `co-${lines.length}`, name, clientId: 'c1', timestamp: '2026-11-24T11:00:00Z', data: { checkout: { currencyCode: 'USD', lineItems: lines, order: { id: '6811111111111', customer: null } } } };
}

function cartAdded(line: unknown) {
  return { id: 'ca-1', name: 'product_added_to_cart', clientId: 'c1', timestamp: '2026-11-24T11:00:00Z', data: { cartLine: line } };
}

function itemsOf(raw: unknown) {
  const [e] = parseIngest(raw, { shop: 's', now: NOW }).events;
  assert.ok(e);
  return e.items.map((it) => ({ productId: it.productId, quantity: it.quantity, price: it.price }));
}

describe('pixel line prices: what the shopper paid on the line', () => {
  it('a discounted checkout line counts at its finalLinePrice per unit, not the list price', () => {
    const line = { quantity: 1, variant: variant('8001', '45001', 70), finalLinePrice: { amount: 56, currencyCode: 'USD' }, discountAllocations: [{ amount: { amount: 14, currencyCode: 'USD' }, discountApplication: { title: 'SAVE20' } }] };
    assert.deepEqual(itemsOf(checkout([line])), [{ productId: '8001', quantity: 1, price: { amount: 5600, currency: 'USD' } }]);
  });

  it('a line of several units: finalLinePrice divided by the quantity (also on checkout_started)', () => {
    const line = { quantity: 3, variant: variant('8001', '45001', '25.00'), finalLinePrice: { amount: '60.00', currencyCode: 'USD' } };
    for (const name of ['checkout_completed', 'checkout_started']) {
      assert.deepEqual(itemsOf(checkout([line], name)), [{ productId: '8001', quantity: 3, price: { amount: 2000, currency: 'USD' } }], name);
    }
  });

  it('a free line (100 % off) counts at zero', () => {
    const line = { quantity: 1, variant: variant('8001', '45001', 70), finalLinePrice: { amount: 0, currencyCode: 'USD' } };
    assert.deepEqual(itemsOf(checkout([line]))[0]?.price, { amount: 0, currency: 'USD' });
  });

  it('a discounted cart line counts at its cost.totalAmount per unit', () => {
    const line = { quantity: 2, merchandise: variant('8001', '45001', 70), cost: { totalAmount: { amount: 112, currencyCode: 'USD' } } };
    assert.deepEqual(itemsOf(cartAdded(line)), [{ productId: '8001', quantity: 2, price: { amount: 5600, currency: 'USD' } }]);
  });

  it('near miss: a line without its own amount still counts at the variant list price', () => {
    assert.deepEqual(itemsOf(checkout([{ quantity: 2, variant: variant('8001', '45001', 70) }])), [{ productId: '8001', quantity: 2, price: { amount: 7000, currency: 'USD' } }]);
    assert.deepEqual(itemsOf(cartAdded({ quantity: 1, merchandise: variant('8001', '45001', 70) })), [{ productId: '8001', quantity: 1, price: { amount: 7000, currency: 'USD' } }]);
  });

  it('near miss: an undiscounted line counts at its price as before', () => {
    const line = { quantity: 1, variant: variant('8001', '45001', 70), finalLinePrice: { amount: 70, currencyCode: 'USD' } };
    assert.deepEqual(itemsOf(checkout([line]))[0]?.price, { amount: 7000, currency: 'USD' });
  });

  it('two variants of one product at different prices: one item whose price × quantity is what the lines cost', () => {
    const lines = [
      { quantity: 1, variant: variant('8001', '45001', 10), finalLinePrice: { amount: 10, currencyCode: 'USD' } },
      { quantity: 2, variant: variant('8001', '45002', 25), finalLinePrice: { amount: 50, currencyCode: 'USD' } },
    ];
    const [it] = itemsOf(checkout(lines));
    assert.equal(it?.quantity, 3);
    assert.equal((it?.price?.amount ?? 0) * (it?.quantity ?? 0), 6000);
  });

  it('a line whose total does not divide into cents counts at its total, to the cent (7 for 100.00, 3 for 134.99)', () => {
    for (const [quantity, total, unit, cents] of [
      [7, '100.00', 1429, 10000],
      [3, 134.99, 4500, 13499],
    ] as const) {
      const [e] = parseIngest(checkout([{ quantity, variant: variant('8001', '45001', 40), finalLinePrice: { amount: total, currencyCode: 'USD' } }]), { shop: 's', now: NOW }).events;
      const it = e?.items[0];
      assert.equal(it?.price?.amount, unit, 'the unit price, rounded, as before');
      assert.equal(it && lineAmount(it), cents);
    }
    // Two lines of one product, each with such a total: the merged line keeps their sum.
    const lines = [
      { quantity: 7, variant: variant('8001', '45001', 40), finalLinePrice: { amount: 100, currencyCode: 'USD' } },
      { quantity: 3, variant: variant('8001', '45002', 40), finalLinePrice: { amount: 134.99, currencyCode: 'USD' } },
    ];
    const [e] = parseIngest(checkout(lines), { shop: 's', now: NOW }).events;
    assert.equal(e?.items.length, 1);
    assert.equal(e && lineAmount(e.items[0]!), 23499);
  });

  it('revenue credits a clicked line its total, not the rounded unit price times the units', () => {
    const order = checkout([{ quantity: 7, variant: variant('8001', '45001', 40), finalLinePrice: { amount: 100, currencyCode: 'USD' } }]);
    const events = parseIngest(order, { shop: 's', now: NOW }).events;
    const clicked = () => ({ recId: 'LIST', ts: 0 });
    const line = outcomesOf(events, clicked).find((o) => o.kind === 'order');
    assert.equal(line?.amount, 10000);
  });

  it('a checkout without an order is named by its token: sent twice under two event ids, it is one order', () => {
    const noOrder = (id: string) => ({ ...checkout([{ quantity: 1, variant: variant('8001', '45001', 30), finalLinePrice: { amount: 30, currencyCode: 'USD' } }]), id, data: { checkout: { token: 'c8612747a1b2', currencyCode: 'USD', lineItems: [{ quantity: 1, variant: variant('8001', '45001', 30) }], order: null } } });
    const [a, b] = parseIngest({ events: [noOrder('co-a'), noOrder('co-b')] }, { shop: 's', now: NOW }).events;
    assert.equal(a?.orderId, 'checkout:c8612747a1b2');
    assert.equal(b?.orderId, a?.orderId);
  });
});
