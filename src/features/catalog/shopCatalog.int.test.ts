/**
 * The SSRF guard of the shop catalog client: with an agent profile configured, a shop's own endpoint
 * `https://<shop>/api/ucp/mcp` is contacted only for known tenants with public host names. A request
 * naming `127.0.0.1` or a private host is answered from Affinity's own catalog, and no connection is
 * opened (a real listener on 127.0.0.1:443 counts connections, when this machine lets the test bind it).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import { parseShopifyCsv } from '../../core/catalog/csvImport.ts';
import { createShopSim } from '../../sim/shopSim/shopSim.ts';
import { product } from '../../testing/productFixture.ts';
import { CatalogRegistry } from './catalogRegistry.ts';
import { importCatalog } from './importCatalog.ts';
import { createShopCatalog } from './shopCatalog.ts';

const SETTINGS = { agentProfileUrl: 'https://affinity.example/agent.json', timeoutMs: 300, cacheTtlMs: 1000, cacheMaxEntries: 10, syncMinutes: 0 };

describe('shop catalog client: which shops may be contacted', () => {
  let store: SqliteStore;
  let catalogs: CatalogRegistry;
  let listener: Server | undefined;
  let connections = 0;
  before(async () => {
    store = new SqliteStore({ path: ':memory:', profileTtlMs: 86_400_000 });
    catalogs = new CatalogRegistry(store);
    await catalogs.upsert('imported.myshopify.com', [product({ id: '1', title: 'Lamp' })]);
    listener = await new Promise<Server | undefined>((resolve) => {
      const srv = createServer((sock) => {
        connections++;
        sock.destroy();
      });
      srv.once('error', () => resolve(undefined));
      srv.listen(443, '127.0.0.1', () => resolve(srv));
    });
  });
  after(async () => {
    await new Promise<void>((r) => (listener ? listener.close(() => r()) : r()));
    await store.close();
  });

  it('contacts configured or imported public shops only; never IP literals, localhost or unknown shops', () => {
    const wiring = createShopCatalog(SETTINGS, {
      catalogs,
      registry: new Registry(),
      defaultShop: 'default',
      configuredShops: new Set(['default', 'configured.myshopify.com', '10.0.0.5', 'localhost']),
      warn: () => {},
      info: () => {},
    });
    assert.equal(wiring.mayContact('configured.myshopify.com'), true);
    assert.equal(wiring.mayContact('imported.myshopify.com'), true, 'a shop Affinity holds a catalog for');
    for (const shop of ['127.0.0.1', '10.0.0.5', 'localhost', 'default', 'metadata.internal', 'unknown.myshopify.com', '169.254.169.254']) {
      assert.equal(wiring.mayContact(shop), false, shop);
    }
  });

  it('answers a request naming 127.0.0.1 from the local catalog without opening a connection', async () => {
    const wiring = createShopCatalog(SETTINGS, {
      catalogs,
      registry: new Registry(),
      defaultShop: 'default',
      // Even configured as a tenant: an IP literal is never contacted (the host check, not the tenant check, refuses it).
      configuredShops: new Set(['default', '127.0.0.1']),
      warn: () => {},
      info: () => {},
    });
    const events: string[] = [];
    wiring.catalog.onEvent((e) => events.push(e.type));
    const r = await wiring.catalog.search('127.0.0.1', { query: 'lamp' });
    assert.equal(r.source, 'local');
    assert.deepEqual(events, [], 'no call to the shop was even attempted');
    if (listener) assert.equal(connections, 0, 'nothing connected to 127.0.0.1:443');
  });
});

/** A product CSV export: keyed by handle, no numeric ids. */
const CSV = `Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Price,Product Category
ocean-blue-shirt,Ocean Blue Shirt,<p>Cotton shirt</p>,Partners,Shirts,men,true,Size,S,OBS-S,50.00,Apparel & Accessories > Clothing > Shirts & Tops
ocean-blue-shirt,,,,,,,,M,OBS-M,50.00,
classic-varsity-top,Classic Varsity Top,Varsity top,Partners,Tops,women,true,Size,S,CVT-S,60.00,Apparel & Accessories > Clothing > Shirts & Tops
yellow-wool-jumper,Yellow Wool Jumper,Wool jumper,Partners,Sweaters,women,true,Title,Default Title,YWJ,80.00,Apparel & Accessories > Clothing > Sweaters
leather-tote,Leather Tote,A tote,Atelier,Bags,bags,true,Title,Default Title,LT,120.00,Luggage & Bags > Tote Bags
`;

describe('shop catalog client: one product identity across a CSV import and a catalog sync', () => {
  it('syncs GID-named products into the handle-keyed catalog without duplicates, linking numeric ids to handles', async () => {
    const shop = 'apparel.myshopify.com';
    const store = new SqliteStore({ path: ':memory:', profileTtlMs: 86_400_000 });
    // The shop sells the same products, at new prices, under the numeric ids Shopify gives them.
    const live = parseShopifyCsv(CSV, { currency: 'USD' }).products.map((p) => ({ ...p, variants: p.variants.map((v) => ({ ...v, price: { ...v.price, amount: v.price.amount + 500 } })) }));
    const sim = await createShopSim({ products: live, shopDomain: shop });
    try {
      const catalogs = new CatalogRegistry(store);
      const imported = await importCatalog(catalogs, shop, CSV, { format: 'csv', currency: 'USD' });
      assert.equal(imported.catalogSize, 4);
      const wiring = createShopCatalog({ ...SETTINGS, url: sim.url, timeoutMs: 30_000 }, {
        catalogs,
        registry: new Registry(),
        defaultShop: shop,
        configuredShops: new Set([shop]),
        warn: () => {},
        info: () => {},
      });

      const report = await wiring.sync.syncNow(shop);
      assert.deepEqual([report.ok, report.products, report.matchedByHandle], [true, 4, 4], JSON.stringify(report));
      assert.equal(catalogs.get(shop).index.size, 4, 'no product came back a second time under its numeric id');
      for (const p of sim.products) {
        assert.match(p.id, /^\d+$/);
        assert.equal(catalogs.canonical(shop, p.id), p.handle, `numeric id ${p.id} → ${p.handle}`);
        assert.equal(catalogs.canonical(shop, `gid://shopify/Product/${p.id}`), p.handle);
      }
      const shirt = catalogs.get(shop).index.get('ocean-blue-shirt');
      assert.ok(shirt);
      assert.equal(shirt.variants[0]?.price.amount, 5500, "the shop's live price");
      assert.equal(shirt.category, 'Apparel & Accessories > Clothing > Shirts & Tops', 'the category name is kept, not the taxonomy id');
      assert.equal(shirt.vendor, 'Partners');

      // Lookups by catalog id (handles) ask the shop for the GIDs and answer under the handles.
      const before = sim.toolCalls.lookup_catalog ?? 0;
      const found = await wiring.catalog.lookup(shop, { ids: ['leather-tote', 'ocean-blue-shirt'] });
      assert.equal(found.source, 'shop', found.fallbackNote);
      assert.deepEqual(found.products.map((p) => p.id), ['leather-tote', 'ocean-blue-shirt']);
      assert.equal(found.localIds, undefined, 'every id was put to the shop');
      assert.equal((sim.toolCalls.lookup_catalog ?? 0) - before, 1);

      // The sync taught the taxonomy: a category name filter goes to the shop as its taxonomy id.
      const sweaters = await wiring.catalog.search(shop, { filters: { categories: ['Sweaters'] }, limit: 10 });
      assert.equal(sweaters.source, 'shop', sweaters.fallbackNote);
      assert.deepEqual(sweaters.products.map((p) => p.id), ['yellow-wool-jumper']);
      const hats = await wiring.catalog.search(shop, { filters: { categories: ['Hats'] }, limit: 10 });
      assert.deepEqual([hats.source, hats.fallbackReason], ['local', 'unsupported']);
      assert.match(hats.fallbackNote ?? '', /none is known yet for "Hats"/);

      // A second sync changes nothing in the shape of the catalog.
      await wiring.sync.syncNow(shop);
      assert.equal(catalogs.get(shop).index.size, 4);
      await wiring.stop();
    } finally {
      await sim.close();
      await store.close();
    }
  });
});
