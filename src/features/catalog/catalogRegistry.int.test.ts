import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, mock } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { CatalogStore } from '../../core/ports.ts';
import { CatalogRegistry } from './catalogRegistry.ts';
import { importCatalog } from './importCatalog.ts';

const SHOP = 'registry.myshopify.com';

describe('CatalogRegistry: the index after stamped changes while the store does not answer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-registry-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('retries the rebuild less and less often, then catches up once the store answers', async () => {
    const store = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 86_400_000 });
    const elsewhere = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 86_400_000 });
    let broken = false;
    let asked = 0;
    // The store as this process sees it: its version reads fail while `broken`.
    const flaky = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'catalogVersions') {
          return async () => {
            asked++;
            if (broken) throw new Error('store unreachable');
            return target.catalogVersions();
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    }) as unknown as CatalogStore;
    const catalogs = new CatalogRegistry(flaky, { warm: false });
    const other = new CatalogRegistry(elsewhere, { warm: false });
    const product = (id: string, title: string) => ({ id, stamp: '2024-09-01T00:00:00.000Z', product: { ...catalogs.get(SHOP).index.all()[0]!, id, handle: id, title } });
    const flush = () => new Promise((r) => setImmediate(r));
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      await importCatalog(catalogs, SHOP, [{ id: 'a', title: 'A', price: '5.00', currency: 'EUR' }], { currency: 'EUR' });
      await other.refresh();
      // Another process writes, then this one: its next rebuild must read the catalog from the store.
      await other.applyStamped(SHOP, [product('b', 'B')]);
      await catalogs.applyStamped(SHOP, [product('c', 'C')]);
      broken = true;
      const tries: number[] = [];
      let at = 0;
      for (const step of [250, 500, 1_000, 2_000, 4_000]) {
        const before = asked;
        mock.timers.tick(step - 1);
        await flush();
        assert.equal(asked, before, `no attempt before ${at + step} ms`);
        mock.timers.tick(1);
        await flush();
        at += step;
        if (asked > before) tries.push(at);
      }
      assert.deepEqual(tries, [250, 750, 1_750, 3_750, 7_750], 'each retry waits twice as long as the one before');
      broken = false;
      const settled = catalogs.settled(SHOP);
      mock.timers.tick(8_000);
      await flush();
      await settled;
      assert.deepEqual(catalogs.get(SHOP).index.all().map((p) => p.id), ['a', 'b', 'c']);
    } finally {
      mock.timers.reset();
      await store.close();
      await elsewhere.close();
    }
  });
});

describe('CatalogRegistry with a catalog budget: the shops used longest ago are let go, and loaded again when asked for', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-registry-budget-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const rows = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, title: `${prefix} product ${i}`, price: '5.00', currency: 'EUR' }));

  it('holds at most the budget, evicts the least recently used shop, and answers it from the store when it is asked for again', async () => {
    const store = new SqliteStore({ path: join(dir, 'b.db'), profileTtlMs: 86_400_000 });
    try {
      const writer = new CatalogRegistry(store, { warm: false });
      for (const shop of ['a.myshopify.com', 'b.myshopify.com', 'c.myshopify.com']) await importCatalog(writer, shop, rows(shop[0] as string, 4), { currency: 'EUR' });
      // A node that holds 8 products (two of these shops), letting go at once of a shop not in use.
      const node = new CatalogRegistry(store, { warm: false, maxProducts: 8, evictIdleMs: 0 });
      await node.loadAll();
      assert.deepEqual(node.shops().sort(), ['a.myshopify.com', 'b.myshopify.com'], 'the third waits for a request');
      assert.deepEqual(node.knownShops().sort(), ['a.myshopify.com', 'b.myshopify.com', 'c.myshopify.com']);
      assert.equal(node.has('c.myshopify.com'), true, 'a shop not held still has a catalog');
      assert.equal(node.get('c.myshopify.com').index.size, 0);
      // Asked for: loaded; the shop used longest ago (a, never asked for since b was) goes.
      assert.equal(node.ensure('b.myshopify.com'), undefined, 'held: nothing to wait for');
      const heldBefore = node.get('a.myshopify.com').index.get('a-1');
      await node.ensure('c.myshopify.com');
      assert.equal(node.get('c.myshopify.com').index.size, 4);
      assert.deepEqual(node.shops().sort(), ['b.myshopify.com', 'c.myshopify.com']);
      // A change made elsewhere to a shop not held is read when the shop is loaded again, not before.
      await writer.upsert('a.myshopify.com', [{ ...writer.get('a.myshopify.com').index.all()[0]!, title: 'renamed' }]);
      await node.refresh();
      assert.deepEqual(node.shops().sort(), ['b.myshopify.com', 'c.myshopify.com'], 'refresh loads no shop it let go');
      await node.ensure('a.myshopify.com');
      assert.equal(node.get('a.myshopify.com').index.get('a-0')?.title, 'renamed');
      // Let go whole: not even the store's last listing kept its products (adapters/storedProducts.ts).
      assert.ok(heldBefore);
      assert.notEqual(node.get('a.myshopify.com').index.get('a-1'), heldBefore);
      assert.deepEqual(node.get('a.myshopify.com').index.get('a-1'), heldBefore);
      assert.ok(node.shops().length <= 2);
      // A shop erased from the store is forgotten, held or not.
      await store.eraseShop('b.myshopify.com');
      await store.eraseShop('a.myshopify.com');
      await node.refresh();
      assert.equal(node.has('a.myshopify.com') || node.has('b.myshopify.com'), false);
      assert.equal(node.ensure('b.myshopify.com'), undefined, 'nothing to load for a shop without a catalog');
    } finally {
      await store.close();
    }
  });

  it('never lets go of a shop used lately, nor one whose changes wait for its index, whatever the budget', async () => {
    const store = new SqliteStore({ path: join(dir, 'c.db'), profileTtlMs: 86_400_000 });
    try {
      const writer = new CatalogRegistry(store, { warm: false });
      for (const shop of ['d.myshopify.com', 'e.myshopify.com']) await importCatalog(writer, shop, rows(shop[0] as string, 4), { currency: 'EUR' });
      const busy = new CatalogRegistry(store, { warm: false, maxProducts: 4 });
      await busy.ensure('d.myshopify.com');
      await busy.loadAll();
      await busy.ensure('e.myshopify.com');
      assert.deepEqual(busy.shops().sort(), ['d.myshopify.com', 'e.myshopify.com'], 'both were used within the minute: over budget rather than pulled from under a request');
    } finally {
      await store.close();
    }
  });
});
