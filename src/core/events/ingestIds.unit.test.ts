/**
 * The ingest parser holds every string that becomes a store key to the id rules of `core/ids.ts`: a
 * lone UTF-16 surrogate or an over-long id is refused with VALIDATION_FAILED naming the field, for
 * pixel and native events alike (before these rules a lone surrogate reached the Redis store, which
 * failed with 503 on every retry).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { MAX_ID_LENGTH } from '../ids.ts';
import { parseIngest } from './ingest.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');
/** A lone high surrogate, as a JSON `\ud800` escape decodes. */
const LONE = '\ud800';

const variant = (productId: unknown, variantId: unknown = '47') => ({ id: variantId, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 'T' } });
const viewed = (over: Record<string, unknown> = {}, v = variant('8')) => ({ id: 'sh-1', name: 'product_viewed', clientId: 'c-1', data: { productVariant: v }, ...over });
const checkout = (order: Record<string, unknown>) => ({
  id: 'sh-2',
  name: 'checkout_completed',
  clientId: 'c-1',
  data: { checkout: { currencyCode: 'USD', lineItems: [{ quantity: 1, variant: variant('8') }], order } },
});
const native = (over: Record<string, unknown> = {}) => ({ id: 'n-1', type: 'purchase', userId: 'u-1', productId: '8', ...over });

/** The issue paths of a rejected body (fails the test when the body is accepted). */
function rejectedPaths(body: unknown): string[] {
  try {
    parseIngest(body, { shop: 's', now: NOW });
  } catch (err) {
    assert.ok(isAffinityError(err), String(err));
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.equal(err.status, 400);
    return err.issues.map((i) => i.path);
  }
  assert.fail(`accepted ${JSON.stringify(body)}`);
}

describe('parseIngest: ids that become keys', () => {
  const cases: [string, unknown, string][] = [
    ['pixel client id', viewed({ clientId: `${LONE}abc` }), 'clientId'],
    ['pixel event id', viewed({ id: `e${LONE}` }), 'id'],
    ['pixel product id', viewed({}, variant(`8${LONE}`)), 'data.productVariant.product.id'],
    ['pixel variant id', viewed({}, variant('8', `\udc00`)), 'data.productVariant.id'],
    ['pixel order id', checkout({ id: `o${LONE}` }), 'data.checkout.order.id'],
    ['pixel customer id', checkout({ id: '1', customer: { id: `\udfff` } }), 'data.checkout.order.customer.id'],
    ['native user id', native({ userId: `${LONE}abc` }), 'userId'],
    ['native event id', native({ id: `n${LONE}` }), 'id'],
    ['native product id', native({ productId: `${LONE}` }), 'productId'],
    ['native variant id', native({ variantId: `v${LONE}` }), 'variantId'],
    ['native item product id', native({ productId: undefined, items: [{ productId: `p${LONE}` }] }), 'items.0.productId'],
    ['native item variant id', native({ productId: undefined, items: [{ productId: 'p', variantId: `${LONE}` }] }), 'items.0.variantId'],
    ['native customer id', native({ customerId: `c${LONE}` }), 'customerId'],
    ['native order id', native({ orderId: `${LONE}1` }), 'orderId'],
  ];
  for (const [what, body, path] of cases) {
    it(`refuses a lone surrogate in the ${what} (${path})`, () => {
      assert.deepEqual(rejectedPaths(body), [path]);
    });
  }

  it('names the event inside an envelope and refuses a lone surrogate in the envelope shop', () => {
    assert.deepEqual(rejectedPaths({ events: [viewed(), native({ userId: `u${LONE}` })] }), ['events.1.userId']);
    assert.deepEqual(rejectedPaths({ shop: `s${LONE}`, events: [viewed()] }), ['shop']);
  });

  it('accepts well-formed astral characters (surrogate pairs) in ids', () => {
    const [e] = parseIngest(native({ userId: 'shopper-😀', productId: '𝔭-1' }), { shop: 's', now: NOW }).events;
    assert.equal(e?.userId, 'shopper-😀');
    assert.equal(e?.items[0]?.productId, '𝔭-1');
  });

  it(`accepts ids of ${MAX_ID_LENGTH} code units and refuses longer ones, pixel product ids included`, () => {
    const max = 'x'.repeat(MAX_ID_LENGTH);
    assert.equal(parseIngest(native({ userId: max, productId: max }), { shop: 's', now: NOW }).events[0]?.userId, max);
    assert.deepEqual(rejectedPaths(native({ userId: `${max}x` })), ['userId']);
    assert.deepEqual(rejectedPaths(viewed({}, variant(`${max}x`))), ['data.productVariant.product.id']);
  });

  it('keeps a GID whose id part is not valid percent-encoding instead of failing (was a 500)', () => {
    const [e] = parseIngest(viewed({}, variant('gid://shopify/Product/%ED%A0%80', 'gid://shopify/ProductVariant/%E0%A4%A')), { shop: 's', now: NOW }).events;
    assert.deepEqual(
      e?.items.map((i) => [i.productId, i.variantId]),
      [['%ED%A0%80', '%E0%A4%A']],
    );
  });

  it('leaves strings that are not keys alone (a title cut inside an emoji is stored as sent)', () => {
    const v = { ...variant('8'), product: { id: '8', title: `Tee ${LONE}` } };
    assert.equal(parseIngest(viewed({}, v), { shop: 's', now: NOW }).events[0]?.items[0]?.title, `Tee ${LONE}`);
  });
});

describe('a native event names ids of the kinds its fields are, and times that exist', () => {
  it('refuses a Shopify GID of another kind (it was read as its bare number: a collection as product 1)', () => {
    assert.deepEqual(rejectedPaths(native({ productId: 'gid://shopify/Collection/1' })), ['productId']);
    assert.deepEqual(rejectedPaths(native({ productId: 'gid://shopify/Customer/7' })), ['productId']);
    assert.deepEqual(rejectedPaths(native({ productId: '8', variantId: 'gid://shopify/Collection/9' })), ['variantId']);
    assert.deepEqual(rejectedPaths(native({ orderId: 'gid://shopify/Product/1' })), ['orderId']);
    assert.deepEqual(rejectedPaths(native({ customerId: 'gid://shopify/Order/1' })), ['customerId']);
    assert.deepEqual(rejectedPaths(native({ productId: undefined, items: [{ productId: 'gid://shopify/Collection/9', price: 1, currency: 'USD' }] })), ['items.0.productId']);
    // Near misses: GIDs of the right kinds, a variant's GID for the product, bare ids and handles.
    const ok = parseIngest(native({ productId: 'gid://shopify/ProductVariant/47', orderId: 'gid://shopify/Order/1002', customerId: 'gid://shopify/Customer/7' }), { shop: 's', now: NOW });
    assert.equal(ok.events.length, 1);
    assert.equal(parseIngest(native({ productId: 'black-leather-bag' }), { shop: 's', now: NOW }).events.length, 1);
  });

  it('refuses a date that does not exist or a date-time without its offset (Date.parse rolled "2026-02-30" over to March 2)', () => {
    assert.deepEqual(rejectedPaths(native({ timestamp: '2026-02-30T00:00:00Z' })), ['timestamp']);
    assert.deepEqual(rejectedPaths(native({ timestamp: '2026-11-24T10:00:00' })), ['timestamp']);
    assert.deepEqual(rejectedPaths(native({ timestamp: 'yesterday' })), ['timestamp']);
    const at = (timestamp: unknown) => parseIngest(native({ timestamp }), { shop: 's', now: NOW }).events[0]?.ts;
    assert.equal(at('2024-02-29T10:00:00Z'), Date.UTC(2024, 1, 29, 10));
    assert.equal(at('2026-11-24T10:00:00.500+01:00'), Date.UTC(2026, 10, 24, 9, 0, 0, 500));
    assert.equal(at('2026-11-24'), Date.UTC(2026, 10, 24));
    assert.equal(at(Date.UTC(2026, 10, 24, 8)), Date.UTC(2026, 10, 24, 8));
  });
});
