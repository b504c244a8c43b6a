import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../../core/catalog/product.ts';
import { product } from '../../testing/productFixture.ts';
import { reconcileSynced } from './reconcileSync.ts';

/** A product as a CSV import holds it: keyed by handle, a category name, vendor and type. */
const csv = (handle: string, extra: Partial<Product> = {}): Product => ({
  ...product({ id: handle, title: handle, vendor: 'Atelier', productType: 'Shirts', category: 'Apparel & Accessories > Clothing > Shirts & Tops', createdAt: '2026-01-02T00:00:00Z' }),
  handle,
  ...extra,
});

/** A product as a sync brings it: numeric id, handle from the url, a taxonomy id, no vendor or type. */
const synced = (id: string, handle: string, category = 'aa-1-13', price = 42): Product => ({
  ...product({ id, title: `${handle} (live)`, category, price }),
  vendor: '',
  productType: '',
  handle,
  url: `https://shop.example/products/${handle}`,
});

describe('reconcileSynced', () => {
  it('keeps a CSV product one product: same catalog id, live data from the shop, the numeric id linked to the handle', () => {
    const r = reconcileSynced([csv('ocean-blue-shirt'), csv('leather-tote')], [synced('8001', 'ocean-blue-shirt')]);
    assert.equal(r.matchedByHandle, 1);
    assert.deepEqual(r.links, [['s:8001', 'ocean-blue-shirt']]);
    const [p] = r.products;
    assert.ok(p);
    assert.equal(p.id, 'ocean-blue-shirt');
    assert.equal(p.handle, 'ocean-blue-shirt');
    assert.equal(p.title, 'ocean-blue-shirt (live)');
    assert.equal(p.variants[0]?.price.amount, 4200, "the shop's price");
    assert.deepEqual([p.vendor, p.productType, p.createdAt], ['Atelier', 'Shirts', '2026-01-02T00:00:00Z'], 'kept where the shop says nothing');
    assert.equal(p.category, 'Apparel & Accessories > Clothing > Shirts & Tops', 'the name, not the taxonomy id');
    assert.deepEqual(r.categories, [['aa-1-13', 'Apparel & Accessories > Clothing > Shirts & Tops']]);
  });

  it('names the taxonomy ids of products without a CSV twin from what the twins taught (or earlier syncs)', () => {
    const r = reconcileSynced([csv('ocean-blue-shirt')], [synced('8001', 'ocean-blue-shirt'), synced('8002', 'new-shirt'), synced('8003', 'tote', 'lb-2')], (id) => (id === 'lb-2' ? 'Luggage & Bags > Tote Bags' : undefined));
    assert.deepEqual(r.products.map((p) => [p.id, p.category]), [
      ['ocean-blue-shirt', 'Apparel & Accessories > Clothing > Shirts & Tops'],
      ['8002', 'Apparel & Accessories > Clothing > Shirts & Tops'],
      ['8003', 'Luggage & Bags > Tote Bags'],
    ]);
    assert.deepEqual(r.links, [['s:8001', 'ocean-blue-shirt']], 'only the twin is linked');
  });

  it('updates a product it already holds under the same id, and leaves unknown taxonomy ids as they are', () => {
    const r = reconcileSynced([synced('8001', 'shirt', 'aa-9', 10)], [synced('8001', 'shirt', 'aa-9', 20)]);
    assert.deepEqual(r.products.map((p) => [p.id, p.category, p.variants[0]?.price.amount]), [['8001', 'aa-9', 2000]]);
    assert.deepEqual([r.links, r.matchedByHandle], [[], 0]);
  });

  it('prefers the handle twin over a duplicate an earlier sync made under the numeric id', () => {
    const r = reconcileSynced([csv('ocean-blue-shirt'), synced('8001', 'ocean-blue-shirt')], [synced('8001', 'Ocean-Blue-Shirt')]);
    assert.deepEqual(r.products.map((p) => p.id), ['ocean-blue-shirt']);
    assert.deepEqual(r.links, [['s:8001', 'ocean-blue-shirt']]);
  });
});
