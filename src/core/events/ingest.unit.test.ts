import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { parseIngest } from './ingest.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');

// Shapes as captured from live stores (docs/shopify.md §2.6), PII removed.
const productViewed = {
  id: 'sh-88cb2b9e-2d9a-4f0c-9f1e-0a1b2c3d4e5f',
  name: 'product_viewed',
  clientId: 'df1007bb-3f9d-4a3b-8f0a-111111111111',
  timestamp: '2023-12-20T19:54:25.023Z',
  data: {
    productVariant: {
      id: '47331074113812',
      sku: 'LW1BX7S_27574_4_Good as new',
      title: '4 / Good as new',
      untranslatedTitle: '4 / Good as new',
      image: { src: '//shop.example/cdn/shop/products/x.jpg?v=1' },
      price: { amount: 29, currencyCode: 'USD' },
      product: { id: '8896125829396', title: 'All Tied Up Tank Top - Resale', untranslatedTitle: 'x', url: '/products/all-tied-up', vendor: 'kittycats', type: 'LW1BX7S' },
    },
  },
  context: { document: { location: { pathname: '/products/all-tied-up', search: '?variant=47331074113812' }, referrer: 'https://shop.example/', title: 't', characterSet: 'UTF-8' }, navigator: { language: 'en-US' } },
};

const checkoutCompleted = {
  id: 'sh-cc-1',
  name: 'checkout_completed',
  clientId: 'df1007bb-3f9d-4a3b-8f0a-111111111111',
  timestamp: '2023-12-20T20:10:00.000Z',
  seq: 12,
  type: 'standard',
  data: {
    checkout: {
      token: 'c8612747',
      currencyCode: 'BDT',
      lineItems: [
        {
          id: '49490881675479',
          quantity: 5,
          title: 'Abingdon - Blue Preppy Stripe Shirt',
          finalLinePrice: { amount: 850, currencyCode: 'BDT' },
          discountAllocations: [],
          sellingPlanAllocation: null,
          properties: [],
          lineComponents: [],
          variant: { id: '49490881675479', sku: 'AW25', title: 'S', price: { amount: 170, currencyCode: 'BDT' }, product: { id: '9343705120983', title: 'Abingdon', vendor: 'Wax London', type: 'Long Sleeve Shirts', url: '/products/abingdon' } },
        },
      ],
      localization: { country: { isoCode: 'BD' }, language: { isoCode: 'en-BD' }, market: { id: 'gid://shopify/Market/39719698647', handle: 'bd' } },
      order: { id: '6807581753559', customer: { id: '9384230682839', isFirstOrder: false } },
      totalPrice: { amount: 3171, currencyCode: 'BDT' },
    },
  },
};

describe('parseIngest', () => {
  it('normalises a live product_viewed capture', () => {
    const { events, ignored } = parseIngest(productViewed, { shop: 'shop-1', now: NOW });
    assert.equal(ignored, 0);
    const [e] = events;
    assert.ok(e);
    assert.equal(e.type, 'view');
    assert.equal(e.userId, productViewed.clientId);
    assert.equal(e.ts, Date.parse('2023-12-20T19:54:25.023Z'));
    assert.deepEqual(e.items, [
      { productId: '8896125829396', variantId: '47331074113812', handle: 'all-tied-up', quantity: 1, price: { amount: 2900, currency: 'USD' }, title: 'All Tied Up Tank Top - Resale', vendor: 'kittycats', productType: 'LW1BX7S' },
    ]);
  });

  it('normalises checkout_completed into a purchase with order, customer and market', () => {
    const [e] = parseIngest([checkoutCompleted], { shop: 's', now: NOW }).events;
    assert.equal(e?.type, 'purchase');
    assert.equal(e?.orderId, '6807581753559');
    assert.equal(e?.customerId, '9384230682839');
    assert.equal(e?.market, 'bd');
    assert.equal(e?.country, 'BD');
    assert.deepEqual(e?.items[0]?.price, { amount: 17000, currency: 'BDT' });
    assert.equal(e?.items[0]?.quantity, 5);
  });

  it('joins GID and numeric ids', () => {
    const gid = structuredClone(productViewed);
    gid.id = 'other';
    gid.data.productVariant.product.id = 'gid://shopify/Product/8896125829396';
    const [e] = parseIngest(gid, { shop: 's', now: NOW }).events;
    assert.equal(e?.items[0]?.productId, '8896125829396');
  });

  it('accepts and ignores unknown standard, DOM and custom events', () => {
    const r = parseIngest(
      {
        events: [
          { id: 'a', name: 'alert_displayed', clientId: 'c', timestamp: '2026-01-01T00:00:00Z', data: { alert: {} } },
          { id: 'b', name: 'clicked', clientId: 'c', type: 'dom', data: {} },
          { id: 'c', name: 'my_custom_event', clientId: 'c', type: 'custom', customData: {} },
          productViewed,
        ],
      },
      { shop: 'default', now: NOW },
    );
    assert.equal(r.ignored, 3);
    assert.equal(r.events.length, 1);
    assert.equal(r.events[0]?.shop, 'default');
  });

  it('accepts the native form', () => {
    const [e] = parseIngest(
      { id: 'n1', type: 'purchase', userId: 'u', timestamp: 1_700_000_000_000, items: [{ productId: 'gid://shopify/Product/5', quantity: 2, price: 19.9, currency: 'eur' }] },
      { shop: 's', now: NOW },
    ).events;
    assert.deepEqual(e?.items, [{ productId: '5', quantity: 2, price: { amount: 1990, currency: 'EUR' } }]);
    assert.equal(e?.source, 'api');
  });

  it('refuses a price without its currency (it was dropped, and the line counted no revenue), names the field; the event\'s currency serves every item', () => {
    assert.throws(
      () => parseIngest({ id: 'n2', type: 'purchase', userId: 'u', orderId: '1012', items: [{ productId: '5', price: 30 }] }, { shop: 's', now: NOW }),
      (err: unknown) => isAffinityError(err) && err.status === 400 && err.issues.some((i) => i.path === 'items.0.price' && /needs its currency/.test(i.message)),
    );
    const [e] = parseIngest({ id: 'n3', type: 'purchase', userId: 'u', currency: 'usd', items: [{ productId: '5', price: 30 }, { productId: '6' }] }, { shop: 's', now: NOW }).events;
    assert.deepEqual(e?.items.map((i) => i.price), [{ amount: 3000, currency: 'USD' }, undefined]);
  });

  it('refuses a line whose price × quantity passes MAX_LINE_TOTAL (revenue would stop being an exact sum); the highest allowed line passes', () => {
    assert.throws(
      () => parseIngest({ id: 'n4', type: 'purchase', userId: 'u', currency: 'usd', items: [{ productId: '5', quantity: 100_000, price: 1_000_000_000 }] }, { shop: 's', now: NOW }),
      (err: unknown) => isAffinityError(err) && err.status === 400 && err.issues.some((i) => i.path === 'items.0.price' && /price × quantity must be at most 10,000,000,000/.test(i.message)),
    );
    const [e] = parseIngest({ id: 'n5', type: 'purchase', userId: 'u', currency: 'usd', items: [{ productId: '5', quantity: 10, price: 1_000_000_000 }] }, { shop: 's', now: NOW }).events;
    assert.deepEqual(e?.items[0]?.price, { amount: 100_000_000_000, currency: 'USD' });
  });

  it("keeps the caller's tenant: a body's shop never re-routes the events", () => {
    const { events } = parseIngest({ shop: 'other-shop.myshopify.com', events: [productViewed] }, { shop: 'mine.myshopify.com', now: NOW });
    assert.deepEqual(events.map((e) => e.shop), ['mine.myshopify.com']);
  });

  it('rejects the whole batch with the offending field path', () => {
    const bad = structuredClone(productViewed) as Record<string, unknown>;
    delete (bad.data as Record<string, unknown>).productVariant;
    try {
      parseIngest({ events: [productViewed, bad] }, { shop: 's', now: NOW });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(isAffinityError(err));
      assert.equal(err.code, 'VALIDATION_FAILED');
      assert.ok(err.issues.some((i) => i.path === 'events.1.data.productVariant'), JSON.stringify(err.issues));
    }
  });

  it('rejects a native event with an unknown type and names the field', () => {
    assert.throws(
      () => parseIngest({ id: 'x', type: 'teleported', userId: 'u' }, { shop: 's', now: NOW }),
      (err: unknown) => isAffinityError(err) && err.issues.some((i) => i.path === 'type'),
    );
  });

  it('rejects bad timestamps and clamps future ones', () => {
    assert.throws(() => parseIngest({ ...productViewed, timestamp: 'yesterday' }, { shop: 's', now: NOW }), (err: unknown) => isAffinityError(err) && err.issues[0]?.path === 'timestamp');
    const [e] = parseIngest({ ...productViewed, timestamp: '2099-01-01T00:00:00Z' }, { shop: 's', now: NOW }).events;
    assert.equal(e?.ts, NOW);
  });

  it('rejects non-objects', () => {
    assert.throws(() => parseIngest('hello', { shop: 's', now: NOW }), (err: unknown) => isAffinityError(err) && err.code === 'VALIDATION_FAILED');
    assert.throws(() => parseIngest([1], { shop: 's', now: NOW }), (err: unknown) => isAffinityError(err) && err.issues[0]?.path === '0');
  });
});
