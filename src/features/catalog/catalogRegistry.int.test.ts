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
