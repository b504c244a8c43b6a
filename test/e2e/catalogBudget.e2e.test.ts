/**
 * A node with a catalog budget (AFFINITY_CATALOG_MAX_PRODUCTS) holds only some shops' catalogs: a
 * request for a shop it does not hold is answered from that shop's catalog all the same (loaded on the
 * request), never with NO_CATALOG or an empty list. Over real HTTP on 127.0.0.1, SQLite.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const SHOPS = ['first-shop.myshopify.com', 'second-shop.myshopify.com', 'third-shop.myshopify.com'];

describe('a node with a catalog budget answers every shop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-budget-'));
  let s: Running;

  before(async () => {
    // The shops' catalogs are in the store before the node starts (imported through another node).
    const importer = await startAffinity({ AFFINITY_DB: join(dir, 'a.db') });
    try {
      for (const shop of SHOPS) assert.equal((await importer.post('/v1/catalog/products', SMALL_CATALOG, { 'x-affinity-shop': shop })).status, 200);
    } finally {
      await importer.stop();
    }
    // Room for one shop's six products.
    s = await startAffinity({ AFFINITY_DB: join(dir, 'a.db'), AFFINITY_CATALOG_MAX_PRODUCTS: String(SMALL_CATALOG.length), AFFINITY_DEFAULT_SHOP: SHOPS[2] as string });
  });

  after(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds one shop at start, loads the others on their first request, and answers each from its own catalog', async () => {
    assert.equal(s.affinity.ctx.catalogs.shops().length, 1);
    const held = s.affinity.ctx.catalogs.shops()[0];
    // Health checks and metric scrapes (public routes, the default shop as their tenant) load no catalog.
    for (const path of ['/health/ready', '/health/live', '/metrics', '/openapi.json']) assert.equal((await s.get(path)).status, 200, path);
    assert.deepEqual(s.affinity.ctx.catalogs.shops(), [held]);
    for (const shop of SHOPS) {
      const headers = { 'x-affinity-shop': shop };
      const r = await s.post('/v1/recommendations', { userId: `shopper-of-${shop}`, productId: '102', limit: 3 }, headers);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.shop, shop);
      assert.equal(r.body.productKnown, undefined, 'the viewed product is known: the catalog was there');
      assert.ok(r.body.items.length > 0);
      const res = await fetch(`${s.url}/v1/catalog/products/103`, { headers });
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { title: string }).title, 'Trail Two-Person Tent');
      const ev = await s.post('/v1/events', [{ id: `e-${shop}`, type: 'view', userId: `shopper-of-${shop}`, productId: '101' }], headers);
      assert.equal(ev.status, 202, JSON.stringify(ev.body));
    }
    // Every shop was used within the minute: none was let go from under its requests.
    assert.equal(s.affinity.ctx.catalogs.shops().length, SHOPS.length);
  });

  it('still says NO_CATALOG for a shop that has none', async () => {
    const r = await s.post('/v1/recommendations', { limit: 3 }, { 'x-affinity-shop': 'no-catalog.myshopify.com' });
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'NO_CATALOG');
  });
});
