import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProductIdentity } from '../catalog/productIdentity.ts';
import { canonicalEvent } from '../catalog/canonicalEvents.ts';
import type { Product } from '../catalog/product.ts';
import { parseIngest } from './ingest.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');

/** A variant as a pixel sends it when Shopify leaves both ids null (docs/shopify.md §2.3: `id: string|null`). */
function variant(url: string | null, ids: { product?: string | null; variant?: string | null } = {}) {
  return {
    id: ids.variant ?? null,
    price: { amount: '49.00', currencyCode: 'USD' },
    sku: null,
    title: 'Gold',
    product: { id: ids.product ?? null, title: 'Galaxy Earrings', type: 'Earrings', vendor: 'Nova', url },
  };
}

function viewed(url: string | null, pathname = '/', ids: { product?: string | null; variant?: string | null } = {}) {
  return {
    id: `pv-${String(url).length}-${pathname.length}`,
    name: 'product_viewed',
    clientId: 'c1',
    timestamp: '2026-11-24T11:00:00Z',
    data: { productVariant: variant(url, ids) },
    context: { document: { location: { pathname, search: '' } } },
  };
}

function itemsOf(raw: unknown) {
  const [e] = parseIngest(raw, { shop: 's', now: NOW }).events;
  assert.ok(e);
  return e.items;
}

describe('pixel events whose product and variant ids are null', () => {
  it('name the product by the handle of product.url', () => {
    assert.deepEqual(itemsOf(viewed('/products/galaxy-earrings')), [
      { productId: 'galaxy-earrings', quantity: 1, price: { amount: 4900, currency: 'USD' }, title: 'Galaxy Earrings', vendor: 'Nova', productType: 'Earrings' },
    ]);
  });

  it('read the handle from any storefront URL form the linker reads', () => {
    for (const url of [
      '/fr/products/galaxy-earrings',
      '/collections/jewellery/products/galaxy-earrings',
      'https://shop.example/products/galaxy-earrings?variant=1#top',
      '/products/Galaxy-Earrings/',
    ]) {
      assert.equal(itemsOf(viewed(url))[0]?.productId, 'galaxy-earrings', url);
    }
  });

  it("fall back to the product page's own path for a product view with no url", () => {
    assert.equal(itemsOf(viewed(null, '/en-us/products/galaxy-earrings'))[0]?.productId, 'galaxy-earrings');
  });

  it('still drop an item nothing names (no id, no product URL, a non-product page)', () => {
    assert.deepEqual(itemsOf(viewed(null, '/collections/all')), []);
    assert.deepEqual(itemsOf(viewed('/collections/jewellery')), []);
    assert.deepEqual(itemsOf(viewed('/pages/products-we-love')), []);
  });

  it('never key a product by a handle that cannot be a store key', () => {
    assert.deepEqual(itemsOf(viewed(`/products/${'h'.repeat(201)}`)), []);
  });

  it('keep the numeric ids first when the pixel sends them', () => {
    const [it1] = itemsOf(viewed('/products/galaxy-earrings', '/', { product: '8896125829396', variant: '47331074113812' }));
    assert.equal(it1?.productId, '8896125829396');
    assert.equal(it1?.handle, 'galaxy-earrings');
    const [it2] = itemsOf(viewed('/products/galaxy-earrings', '/', { variant: '47331074113812' }));
    assert.equal(it2?.productId, '47331074113812');
    assert.equal(it2?.handle, 'galaxy-earrings');
  });

  it('apply to cart lines, cart views and checkout line items', () => {
    const line = { quantity: 2, merchandise: variant('/products/galaxy-earrings'), cost: { totalAmount: { amount: 98, currencyCode: 'USD' } } };
    const added = { id: 'a1', name: 'product_added_to_cart', clientId: 'c1', data: { cartLine: line } };
    assert.deepEqual(itemsOf(added).map((i) => [i.productId, i.quantity]), [['galaxy-earrings', 2]]);
    const cart = { id: 'cv1', name: 'cart_viewed', clientId: 'c1', data: { cart: { lines: [line, { quantity: 1, merchandise: variant('/products/moon-ring') }] } } };
    assert.deepEqual(itemsOf(cart).map((i) => i.productId), ['galaxy-earrings', 'moon-ring']);
    const checkout = {
      id: 'cc1',
      name: 'checkout_completed',
      clientId: 'c1',
      data: { checkout: { currencyCode: 'USD', lineItems: [{ quantity: 1, variant: variant('/products/galaxy-earrings'), finalLinePrice: { amount: 49, currencyCode: 'USD' } }], order: { id: '1001' } } },
    };
    assert.deepEqual(itemsOf(checkout).map((i) => i.productId), ['galaxy-earrings']);
  });

  it("does not use the page path for a cart line (the page is not the product's)", () => {
    const added = {
      id: 'a2',
      name: 'product_added_to_cart',
      clientId: 'c1',
      data: { cartLine: { quantity: 1, merchandise: variant(null) } },
      context: { document: { location: { pathname: '/products/some-other-product' } } },
    };
    assert.deepEqual(itemsOf(added), []);
  });

  it('resolve to the catalog product, whatever id the catalog keys it by', () => {
    const product = (id: string): Product =>
      ({ id, handle: 'galaxy-earrings', title: 'Galaxy Earrings', variants: [], tags: [], collections: [], available: true }) as unknown as Product;
    const [e] = parseIngest(viewed('/fr/products/galaxy-earrings'), { shop: 's', now: NOW }).events;
    assert.ok(e);
    for (const key of ['galaxy-earrings', '8896125829396']) {
      const identity = ProductIdentity.build([product(key)]);
      assert.equal(canonicalEvent(e, identity).items[0]?.productId, key);
    }
  });
});

describe("the storefront's country the Affinity pixel adds to an event", () => {
  const first = (raw: unknown) => {
    const [e] = parseIngest(raw, { shop: 's', now: NOW }).events;
    assert.ok(e);
    return e;
  };

  it('is the country of a browsing event (which has none of its own)', () => {
    assert.equal(first({ ...viewed('/products/galaxy-earrings'), affinity: { country: 'de' } }).country, 'DE');
    const list = { id: 'lv-1', name: 'affinity:recommendations_viewed', clientId: 'c1', timestamp: '2026-11-24T11:00:00Z', customData: { list: 'AbCdEfGhIjKlMnOp', country: 'FR' }, affinity: { country: 'FR' } };
    assert.equal(first(list).country, 'FR');
  });

  it("near misses: a checkout's own localization wins; a value that is not a country code is ignored", () => {
    const checkout = {
      id: 'co-1',
      name: 'checkout_completed',
      clientId: 'c1',
      timestamp: '2026-11-24T11:00:00Z',
      affinity: { country: 'US' },
      data: { checkout: { currencyCode: 'EUR', lineItems: [], localization: { country: { isoCode: 'ES' }, market: { id: 'gid://shopify/Market/1', handle: 'eu' } }, order: { id: '1001' } } },
    };
    const e = first(checkout);
    assert.deepEqual([e.country, e.market], ['ES', 'eu']);
    for (const country of ['DEU', '', 'd', 42, null, '<b']) assert.equal(first({ ...viewed('/products/galaxy-earrings'), affinity: { country } }).country, undefined, String(country));
    assert.equal(first(viewed('/products/galaxy-earrings')).country, undefined);
  });
});
