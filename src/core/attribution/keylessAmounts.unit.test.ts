import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../catalog/product.ts';
import type { EventItem, UserEvent } from '../events/userEvent.ts';
import { CONVERTED_CAP_SLACK, heldToCatalog, highestVariantPrice, isKeylessId, MAX_KEYLESS_QUANTITY } from './keylessAmounts.ts';

/** A catalog product with variants at these prices (minor units). */
function product(id: string, prices: readonly number[], currency = 'USD'): Product {
  return {
    id,
    handle: `h-${id}`,
    title: id,
    description: '',
    vendor: '',
    productType: '',
    category: '',
    tags: [],
    options: {},
    variants: prices.map((amount, i) => ({ id: `${id}-v${i}`, title: `v${i}`, price: { amount, currency }, available: true, options: {} })),
    images: [],
    published: true,
  };
}

const CATALOG = new Map([
  ['shirt', product('shirt', [6999, 4999])],
  ['free-gift', product('free-gift', [0])],
]);
const lookup = (id: string) => CATALOG.get(id);

function purchase(items: EventItem[]): UserEvent {
  return { v: 1, id: 'pixel:o1', shop: 's', userId: 'c1', type: 'purchase', name: 'checkout_completed', ts: 1, items, source: 'pixel', orderId: '1' };
}

describe('keyless amounts held to the catalog', () => {
  it('a forged unit price above every variant of the product counts at the highest variant price', () => {
    const e = heldToCatalog(purchase([{ productId: 'shirt', quantity: 1, price: { amount: 9_999_900, currency: 'USD' } }]), lookup);
    assert.deepEqual(e.items[0]?.price, { amount: 6999, currency: 'USD' });
  });

  it("a line's stated total is kept while the line counts as sent, at most the highest price times the units, and dropped with a capped price or quantity", () => {
    const total = (it: EventItem) => heldToCatalog(purchase([it]), lookup).items[0];
    assert.equal(total({ productId: 'shirt', quantity: 7, price: { amount: 1429, currency: 'USD' }, lineTotal: 10000 })?.lineTotal, 10000);
    assert.equal(total({ productId: 'shirt', quantity: 2, price: { amount: 6999, currency: 'USD' }, lineTotal: 99_999 })?.lineTotal, 13998);
    const capped = total({ productId: 'shirt', quantity: 3, price: { amount: 9_999_900, currency: 'USD' }, lineTotal: 29_999_701 });
    assert.deepEqual([capped?.price?.amount, capped?.lineTotal], [6999, undefined]);
    assert.equal(total({ productId: 'shirt', quantity: 100, price: { amount: 1000, currency: 'USD' }, lineTotal: 100_001 })?.lineTotal, undefined);
  });

  it('a forged quantity counts at most MAX_KEYLESS_QUANTITY units', () => {
    const e = heldToCatalog(purchase([{ productId: 'shirt', quantity: 100, price: { amount: 6999, currency: 'USD' } }]), lookup);
    assert.equal(e.items[0]?.quantity, MAX_KEYLESS_QUANTITY);
  });

  it('a product the catalog does not know, or a currency none of its variants is priced in, adds no amount (the line stays)', () => {
    const e = heldToCatalog(
      purchase([
        { productId: 'made-up', quantity: 1, price: { amount: 500, currency: 'USD' } },
        { productId: 'shirt', quantity: 1, price: { amount: 4600, currency: 'EUR' } },
      ]),
      lookup,
    );
    assert.deepEqual(
      e.items.map((it) => [it.productId, it.quantity, it.price]),
      [
        ['made-up', 1, undefined],
        ['shirt', 1, undefined],
      ],
    );
  });

  it("in a currency the catalog lists no price in, a line is held to the highest price converted at the markets' rates, with the slack", () => {
    // 1 USD = 0.92 EUR: the shirt's 69.99 USD is 64.39 EUR, 80.49 EUR with the slack.
    const rate = (from: string, to: string) => (from === 'USD' && to === 'EUR' ? 0.92 : undefined);
    const held = (amount: number, currency = 'EUR') => heldToCatalog(purchase([{ productId: 'shirt', quantity: 1, price: { amount, currency } }]), lookup, rate).items[0]?.price;
    assert.deepEqual(held(4600), { amount: 4600, currency: 'EUR' }, 'a real market price counts as sent');
    assert.deepEqual(held(6599), { amount: 6599, currency: 'EUR' }, 'a market price rounded up, above the plain conversion');
    assert.deepEqual(held(9_999_900), { amount: Math.ceil(6439 * (1 + CONVERTED_CAP_SLACK)), currency: 'EUR' }, 'a forged one is capped');
    assert.equal(held(4600, 'JPY'), undefined, 'no rate: no amount, as before');
  });

  it('a free product cannot be sold at a forged price', () => {
    const e = heldToCatalog(purchase([{ productId: 'free-gift', quantity: 1, price: { amount: 100, currency: 'USD' } }]), lookup);
    assert.deepEqual(e.items[0]?.price, { amount: 0, currency: 'USD' });
  });

  it('near miss: a real line (a discount, the cheaper variant, the top price, a few units) is left as sent: the same event', () => {
    const e = purchase([
      { productId: 'shirt', quantity: 2, price: { amount: 5599, currency: 'USD' } },
      { productId: 'shirt', quantity: MAX_KEYLESS_QUANTITY, price: { amount: 6999, currency: 'usd' } },
      { productId: 'shirt', quantity: 1 },
    ]);
    assert.equal(heldToCatalog(e, lookup), e);
  });

  it('highestVariantPrice reads only variants in the asked currency', () => {
    assert.equal(highestVariantPrice(product('p', [100, 300, 200]), 'usd'), 300);
    assert.equal(highestVariantPrice(product('p', [100]), 'EUR'), undefined);
  });

  it('tells a keyless event id (and an outcome key built on one) from a keyed one', () => {
    assert.equal(isKeylessId('pixel:sh-123'), true);
    assert.equal(isKeylessId('pixel:sh-123|order|shirt'), true);
    assert.equal(isKeylessId('order-1002'), false);
    assert.equal(isKeylessId('sh-pixel:1'), false);
  });
});
