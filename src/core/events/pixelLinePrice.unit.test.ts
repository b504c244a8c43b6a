import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIngest } from './ingest.ts';

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
});
