/**
 * Web Pixel events whose `productVariant.id` and `productVariant.product.id` are null (docs/shopify.md
 * §2.3: both are `string|null`) still name the product by `product.url` (`/products/<handle>`, §0): the
 * view, the cart line and the checkout line reach the shopper's profile as the catalog's product, in a
 * shop whose CSV catalog is keyed by handle. Real HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CSV, SHOP } from './attributionShop.ts';
import { startAffinity, type Running } from './helpers.ts';

let seq = 0;
const ts = () => new Date(Date.now() - 600_000 + ++seq * 1000).toISOString();

/** A variant as the pixel sends it without ids. */
const variant = (url: string | null) => ({ id: null, price: { amount: 120, currencyCode: 'USD' }, sku: null, title: 'Default Title', product: { id: null, title: 'x', type: null, vendor: 'Aurum', url } });

describe('pixel events with null ids are named by their product URL', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity();
    const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
  });
  after(async () => {
    await s?.stop();
  });

  it('a product view, a cart line and a checkout line land in the profile as the catalog products', async () => {
    const events = [
      { id: `h-${++seq}`, name: 'product_viewed', clientId: 'null-ids', timestamp: ts(), data: { productVariant: variant('/fr/products/pearl-choker') }, context: { document: { location: { pathname: '/fr/products/pearl-choker' } } } },
      { id: `h-${++seq}`, name: 'product_added_to_cart', clientId: 'null-ids', timestamp: ts(), data: { cartLine: { quantity: 1, merchandise: variant('https://jewels.example/collections/rings/products/rose-ring?variant=1'), cost: { totalAmount: { amount: 149, currencyCode: 'USD' } } } } },
      {
        id: `h-${++seq}`,
        name: 'checkout_completed',
        clientId: 'null-ids',
        timestamp: ts(),
        data: { checkout: { currencyCode: 'USD', order: { id: '5550001', customer: null }, lineItems: [{ quantity: 1, finalLinePrice: { amount: 59, currencyCode: 'USD' }, variant: variant('/products/silver-pendant') }] } },
      },
    ];
    const r = await s.post('/v1/events', { shop: SHOP, events });
    assert.deepEqual([r.status, r.body.accepted], [202, 3]);
    await s.affinity.projector.flush();
    const p = await s.get(`/v1/users/null-ids/profile?shop=${SHOP}`);
    assert.equal(p.status, 200, p.text);
    const recent = new Map(p.body.recent.map((x: { productId: string; type: string; title?: string }) => [`${x.productId}:${x.type}`, x.title]));
    assert.equal(recent.get('pearl-choker:view'), 'Pearl Choker', JSON.stringify(p.body.recent));
    assert.equal(recent.get('rose-ring:add_to_cart'), 'Rose Ring', JSON.stringify(p.body.recent));
    assert.deepEqual(p.body.purchased, ['silver-pendant']);
  });

  it('a view that names no product (no ids, no product URL, a non-product page) is accepted and adds nothing', async () => {
    const e = { id: `h-${++seq}`, name: 'product_viewed', clientId: 'nothing-named', timestamp: ts(), data: { productVariant: variant(null) }, context: { document: { location: { pathname: '/collections/all' } } } };
    const r = await s.post('/v1/events', { shop: SHOP, events: [e] });
    assert.deepEqual([r.status, r.body.accepted], [202, 1]);
    await s.affinity.projector.flush();
    const p = await s.get(`/v1/users/nothing-named/profile?shop=${SHOP}`);
    assert.deepEqual(p.status === 200 ? p.body.recent : [], []);
  });
});
