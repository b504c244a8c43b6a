/**
 * Affinity configured against a shop's Storefront Catalog MCP (the local stand-in speaking the real
 * /api/ucp/mcp protocol): on-demand sync fills Affinity's catalog, readiness shows the breaker, and
 * MCP search answers from the shop, then from the fallback when the shop is down, never an error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parseShopifyCsv } from '../../src/core/catalog/csvImport.ts';
import { generateCatalog } from '../../src/core/catalog/demoCatalog.ts';
import { createShopSim, type ShopSim } from '../../src/sim/shopSim/shopSim.ts';
import { startAffinity, type Running } from './helpers.ts';

describe('shop catalog over Storefront Catalog MCP (end to end)', () => {
  let sim: ShopSim;
  let s: Running;
  before(async () => {
    sim = await createShopSim({ products: generateCatalog({ size: 120, seed: 3 }) });
    s = await startAffinity({
      AFFINITY_UCP_AGENT_PROFILE_URL: 'https://affinity.example.com/.well-known/ucp-agent.json',
      SHOPIFY_STOREFRONT_MCP_URL: sim.url,
      // Not what this tests: far longer than a loopback call takes on any machine, so a slow or busy one
      // cannot fail the sync or send a search to the fallback (the shop being down refuses connections at once).
      AFFINITY_CATALOG_MCP_TIMEOUT_MS: '30000',
    });
  });
  after(async () => {
    await s.stop();
    await sim.close();
  });

  it('syncs the shop catalog on demand', async () => {
    const r = await s.post('/v1/admin/catalog/sync', {});
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.ok, true);
    assert.ok(r.body.catalogSize > 100, JSON.stringify(r.body));
    const ready = await s.get('/health/ready');
    assert.equal(ready.body.checks.shopCatalog.breaker, 'closed');
  });

  it('searches through the shop, then falls back to the local catalog when the shop is down', async () => {
    const client = new Client({ name: 'e2e-agent', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    try {
      const call = async (query: string) => (await client.callTool({ name: 'search_catalog', arguments: { query, limit: 5 } })).structuredContent as any;
      const up = await call('boot');
      assert.equal(up.source, 'shop');
      assert.equal(up.fallback_used, false);
      await sim.setFaults({ down: true });
      const down = await call('jacket');
      assert.equal(down.fallback_used, true);
      assert.ok(down.items.length > 0, 'the local catalog answers');
      const ready = await s.get('/health/ready');
      assert.equal(ready.status, 200, 'an unreachable shop does not make Affinity unready');
    } finally {
      await sim.setFaults({ down: false });
      await client.close();
    }
  });
});

/** A shop's product CSV export: handles, no ids. */
const CSV = `Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Price,Product Category
ocean-blue-shirt,Ocean Blue Shirt,<p>Cotton shirt</p>,Partners,Shirts,men,true,Size,S,OBS-S,50.00,Apparel & Accessories > Clothing > Shirts & Tops
ocean-blue-shirt,,,,,,,,M,OBS-M,50.00,
yellow-wool-jumper,Yellow Wool Jumper,Wool jumper,Partners,Sweaters,women,true,Title,Default Title,YWJ,80.00,Apparel & Accessories > Clothing > Sweaters
leather-tote,Leather Tote,A tote,Atelier,Bags,bags,true,Title,Default Title,LT,120.00,Luggage & Bags > Tote Bags
`;

describe('a CSV-imported shop synced over its Storefront Catalog MCP (end to end)', () => {
  it('keeps one product per product: the sync of GID-named products leaves the catalog size as imported', async () => {
    const sim = await createShopSim({ products: parseShopifyCsv(CSV, { currency: 'USD' }).products });
    const s = await startAffinity({
      AFFINITY_UCP_AGENT_PROFILE_URL: 'https://affinity.example.com/.well-known/ucp-agent.json',
      SHOPIFY_STOREFRONT_MCP_URL: sim.url,
      AFFINITY_CATALOG_MCP_TIMEOUT_MS: '30000',
    });
    try {
      const imp = await s.post('/v1/catalog/products', CSV, { 'content-type': 'text/csv' });
      assert.equal(imp.status, 200, JSON.stringify(imp.body));
      assert.equal(imp.body.catalogSize, 3);
      const r = await s.post('/v1/admin/catalog/sync', {});
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual([r.body.ok, r.body.products, r.body.matchedByHandle, r.body.catalogSize], [true, 3, 3, 3]);
      // The numeric id the shop (and its pixel) uses finds the product the CSV keyed by handle.
      const numeric = sim.products.find((p) => p.handle === 'leather-tote')?.id as string;
      assert.match(numeric, /^\d+$/);
      const got = await s.get(`/v1/catalog/products/${numeric}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.id, 'leather-tote', 'stored once, under the handle; found by its numeric id');
      assert.equal((await s.get('/v1/catalog/products/leather-tote')).body.title, 'Leather Tote');
    } finally {
      await s.stop();
      await sim.close();
    }
  });
});
