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
import { SqliteStore } from '../adapters/sqlite/sqliteStore.ts';
import { product } from '../testing/productFixture.ts';
import { CatalogRegistry } from './catalogRegistry.ts';
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
      configuredShops: new Set(['default']),
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
