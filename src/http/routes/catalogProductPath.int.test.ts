/**
 * `GET` and `DELETE /v1/catalog/products/<id>` with the id as clients send it: a GID percent-encoded or
 * not (its `/` as path separators), its `//` merged by a proxy, its scheme in capitals; a catalog id that
 * holds a `/`. An id that can name no product is 400 `VALIDATION_FAILED`; a well-formed id of no product
 * (a variant GID included) stays 404. The wildcard twin of the route is not a second documented route.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestHarness } from '../../testing/ingestHarness.ts';
import { buildApp } from '../app.ts';
import { registeredRoutes } from '../routeTable.ts';

const CATALOG = [
  { id: 'gid://shopify/Product/101', handle: 'ridge-boot', title: 'Ridge Boot', price: '149.00', variants: [{ id: 'gid://shopify/ProductVariant/901', price: '149.00' }] },
  { id: '102', handle: 'summit-boot', title: 'Summit Boot', price: '179.00' },
  { id: 'sku/7', handle: 'slash-product', title: 'Slash Product', price: '5.00' },
  { id: '103', handle: 'trail-tent', title: 'Trail Tent', price: '299.00' },
];

describe('a product id in the catalog path', () => {
  const h = ingestHarness();
  const app = buildApp(h.ctx, { privacy: h.privacy });
  const get = async (path: string) => {
    const r = await app.inject({ method: 'GET', url: `/v1/catalog/products/${path}` });
    return { status: r.statusCode, body: r.json() };
  };
  before(async () => {
    const r = await app.inject({ method: 'POST', url: '/v1/catalog/products', payload: CATALOG });
    assert.equal(r.statusCode, 200, r.body);
  });
  after(async () => {
    await app.close();
    h.close();
  });

  it('finds a product by its GID sent unencoded, merged by a proxy, in capitals, or encoded', async () => {
    for (const path of [
      'gid://shopify/Product/101',
      'gid:/shopify/Product/101',
      'GID://Shopify/product/101',
      'gid%3A%2F%2Fshopify%2FProduct%2F101',
      'gid:%2F%2Fshopify/Product%2F101',
      'gid://shopify/Product/102',
      '101',
      'ridge-boot',
    ]) {
      const r = await get(path);
      assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.title, path.endsWith('102') ? 'Summit Boot' : 'Ridge Boot', path);
    }
  });

  it('finds a catalog id that holds a "/", sent as it is or encoded', async () => {
    for (const path of ['sku/7', 'sku%2F7']) assert.equal((await get(path)).body.title, 'Slash Product', path);
  });

  it('answers 400 VALIDATION_FAILED for an id that can name no product', async () => {
    for (const path of ['gid://shopify/Product/', 'gid://shopify/Product/101/extra', 'gid:shopify/Product/101', 'gid://', '101/', 'a//b', '%20', '', 'x'.repeat(201)]) {
      const r = await get(path);
      assert.equal(r.status, 400, `${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'VALIDATION_FAILED', path);
      assert.equal(r.body.error.issues[0].path, 'id', path);
    }
  });

  it('keeps 404 for a well-formed id of no product: unknown ids, a variant GID, another kind of GID', async () => {
    for (const path of ['999', 'gid://shopify/Product/999', 'gid://shopify/ProductVariant/901', 'gid%3A%2F%2Fshopify%2FProductVariant%2F901', 'gid://shopify/Collection/101', 'no-such-handle', 'a/b']) {
      const r = await get(path);
      assert.equal(r.status, 404, `${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'NOT_FOUND', path);
    }
  });

  it('HEAD answers as GET does for an unencoded GID', async () => {
    assert.equal((await app.inject({ method: 'HEAD', url: '/v1/catalog/products/gid://shopify/Product/101' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'HEAD', url: '/v1/catalog/products/gid://shopify/Product/999' })).statusCode, 404);
  });

  it('DELETE removes a product named by an unencoded GID, and 400s a malformed one', async () => {
    const bad = await app.inject({ method: 'DELETE', url: '/v1/catalog/products/gid://shopify/Product/103/' });
    assert.equal(bad.statusCode, 400, bad.body);
    const del = await app.inject({ method: 'DELETE', url: '/v1/catalog/products/gid://shopify/Product/103' });
    assert.equal(del.statusCode, 200, del.body);
    assert.equal(del.json().removed.id, '103');
    assert.equal((await get('103')).status, 404);
  });

  it('documents one operation per method: the wildcard twin is recorded under /v1/catalog/products/:id', () => {
    const urls = registeredRoutes(app).filter((r) => r.url.startsWith('/v1/catalog/products/')).map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(urls, ['DELETE /v1/catalog/products/:id', 'GET /v1/catalog/products/:id', 'HEAD /v1/catalog/products/:id']);
  });
});
