import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import type { Product } from '../../core/catalog/product.ts';
import { createShopSim } from '../../sim/shopSim/shopSim.ts';
import { CatalogSyncScheduler, syncCatalog } from './catalogSync.ts';
import type { SyncReport } from './catalogSync.ts';
import { CatalogMcpError } from './errors.ts';
import { StorefrontMcpClient } from './storefrontMcpClient.ts';
import type { CatalogPage, CatalogSearchRequest, CatalogSource } from './storefrontMcpClient.ts';

const PROFILE = 'https://affinity.example/ucp/agent-profile.json';
const catalog = generateCatalog({ size: 250, seed: 31 });
const published = catalog.filter((p) => p.published);

/** id → variant prices, the part of a product that must survive the sync exactly. */
const fingerprint = (ps: readonly Product[]) =>
  new Map(ps.map((p) => [p.id, p.variants.map((v) => `${v.id}=${v.price.amount} ${v.price.currency}`).join(',')]));

describe('syncCatalog', () => {
  it('pages through the whole catalog (250 products, pages of 40) with ids and minor-unit prices intact', async () => {
    const sim = await createShopSim({ products: catalog });
    try {
      const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE });
      const r = await syncCatalog(client, { shop: 'sim', pageSize: 40 });
      assert.equal(r.strategy, 'browse');
      assert.equal(r.complete, true);
      assert.equal(r.pages, Math.ceil(published.length / 40));
      assert.equal(sim.toolCalls.search_catalog, r.pages);
      assert.equal(r.products.length, published.length);
      assert.deepEqual(fingerprint(r.products), fingerprint(published));
      assert.ok(r.products.every((p) => Number.isInteger(p.variants[0]?.price.amount)));
    } finally {
      await sim.close();
    }
  });

  it('stops at maxPages and says the copy is incomplete', async () => {
    const sim = await createShopSim({ products: catalog });
    try {
      const r = await syncCatalog(new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }), { shop: 'sim', pageSize: 40, maxPages: 2 });
      assert.deepEqual([r.pages, r.products.length, r.complete], [2, 80, false]);
    } finally {
      await sim.close();
    }
  });

  it('follows a server that clamps the page size', async () => {
    const sim = await createShopSim({ products: catalog, maxPageSize: 25 });
    try {
      const r = await syncCatalog(new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }), { shop: 'sim', pageSize: 100 });
      assert.equal(r.pages, Math.ceil(published.length / 25));
      assert.equal(r.products.length, published.length);
    } finally {
      await sim.close();
    }
  });

  it('retries transient page failures (seeded 30 % error rate) and still copies everything', async () => {
    const sim = await createShopSim({ products: catalog, errorRate: 0.3, seed: 4 });
    try {
      const r = await syncCatalog(new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }), { shop: 'sim', pageSize: 40, pageAttempts: 6 });
      assert.equal(r.products.length, published.length);
      assert.ok(sim.calls > r.pages + 1, 'some pages needed a retry');
    } finally {
      await sim.close();
    }
  });

  it('syncs over the legacy endpoint', async () => {
    const sim = await createShopSim({ products: catalog, legacy: true });
    try {
      const r = await syncCatalog(new StorefrontMcpClient({ url: sim.legacyUrl, agentProfileUrl: PROFILE }), { shop: 'sim', pageSize: 40 });
      assert.equal(r.complete, true);
      assert.deepEqual(fingerprint(r.products), fingerprint(published));
    } finally {
      await sim.close();
    }
  });

  it('falls back to a wildcard query when the server rejects a query-less browse', async () => {
    const seen: CatalogSearchRequest[] = [];
    const products = published.slice(0, 3);
    const strict: CatalogSource = {
      async search(req): Promise<CatalogPage> {
        seen.push(req);
        if (!req.query) throw new CatalogMcpError('rpc', 'search_catalog: Invalid params: catalog.query is required (-32602)', { rpcCode: -32602 });
        return { products, messages: [], invalid: [], pagination: { hasNextPage: false } };
      },
      lookup: () => Promise.reject(new Error('unused')),
      getProduct: () => Promise.reject(new Error('unused')),
    };
    const r = await syncCatalog(strict, { shop: 'strict' });
    assert.equal(r.strategy, 'wildcard');
    assert.equal(r.products.length, 3);
    assert.deepEqual(seen.map((q) => q.query ?? null), [null, '*']);
  });

  it('does not mask an outage as a strategy problem', async () => {
    const sim = await createShopSim({ products: catalog, down: true });
    try {
      await assert.rejects(
        syncCatalog(new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }), { shop: 'sim', pageAttempts: 1 }),
        (e: CatalogMcpError) => e.kind === 'network',
      );
    } finally {
      await sim.close();
    }
  });
});

describe('CatalogSyncScheduler', () => {
  it('syncs on demand and on every tick, upserting into the callback', async () => {
    const sim = await createShopSim({ products: catalog });
    try {
      const written: { shop: string; count: number }[] = [];
      const reports: SyncReport[] = [];
      let tick: (() => void) | undefined;
      let every = 0;
      let cancelled = false;
      const scheduler = new CatalogSyncScheduler({
        shops: () => ['sim', 'no-mcp'],
        client: (shop) => (shop === 'sim' ? new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }) : undefined),
        upsert: async (shop, products) => void written.push({ shop, count: products.length }),
        everyMinutes: 15,
        pageSize: 60,
        onReport: (r) => reports.push(r),
        schedule: (fn, ms) => {
          tick = fn;
          every = ms;
          return { cancel: () => void (cancelled = true) };
        },
      });

      // Concurrent on-demand requests share one run.
      const [a, b] = await Promise.all([scheduler.syncNow('sim'), scheduler.syncNow('sim')]);
      assert.equal(a, b);
      assert.deepEqual(a, { shop: 'sim', ok: true, products: published.length, pages: Math.ceil(published.length / 60), complete: true, strategy: 'browse' });
      assert.deepEqual(written, [{ shop: 'sim', count: published.length }]);

      scheduler.start();
      assert.equal(every, 15 * 60_000);
      assert.ok(tick);
      const before = reports.length;
      tick();
      await (async () => {
        for (let i = 0; i < 200 && reports.length < before + 2; i++) await new Promise((r) => setTimeout(r, 10));
      })();
      assert.deepEqual(
        reports.slice(before).map((r) => [r.shop, r.ok]),
        [
          ['sim', true],
          ['no-mcp', false],
        ],
      );
      assert.equal(written.length, 2);

      await sim.setFaults({ down: true });
      const failed = await scheduler.syncNow('sim');
      assert.equal(failed.ok, false);
      assert.match(failed.error ?? '', /ECONNREFUSED/);
      assert.equal(written.length, 2, 'nothing is written when the sync fails');

      await scheduler.stop();
      assert.equal(cancelled, true);
    } finally {
      await sim.close();
    }
  });
});

describe('CatalogSyncScheduler removals', () => {
  /** A scheduler over `sim` writing into an in-memory catalog that starts as `held`. */
  function over(sim: { url: string }, held: Product[], opts: { maxPages?: number } = {}) {
    const catalog = new Map(held.map((p) => [p.id, p]));
    const removedCalls: string[][] = [];
    const scheduler = new CatalogSyncScheduler({
      shops: () => ['sim'],
      client: () => new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }),
      upsert: (_shop, products) => void products.forEach((p) => catalog.set(p.id, p)),
      existing: () => [...catalog.values()],
      remove: (_shop, ids) => {
        removedCalls.push([...ids]);
        for (const id of ids) catalog.delete(id);
        return ids;
      },
      pageSize: 40,
      ...opts,
    });
    return { catalog, removedCalls, scheduler };
  }

  it('a complete sync removes the products the shop no longer lists (also one held under its handle), nothing else', async () => {
    const listed = published.slice(0, 30);
    const gone = published[30] as Product;
    const goneByHandle = { ...(published[31] as Product), id: (published[31] as Product).handle };
    const keptByHandle = { ...(published[0] as Product), id: (published[0] as Product).handle };
    const sim = await createShopSim({ products: listed });
    try {
      const { catalog, removedCalls, scheduler } = over(sim, [gone, goneByHandle, keptByHandle]);
      const report = await scheduler.syncNow('sim');
      assert.equal(report.complete, true);
      assert.equal(report.removed, 2);
      assert.equal(removedCalls.length, 1, 'one removal call');
      assert.deepEqual(new Set(removedCalls[0]), new Set([gone.id, goneByHandle.id]));
      assert.ok(!catalog.has(gone.id) && !catalog.has(goneByHandle.id));
      assert.ok(catalog.has(keptByHandle.id), 'a product the shop lists under its GID, held under its handle, stays');
      assert.equal(catalog.size, listed.length);
    } finally {
      await sim.close();
    }
  });

  it('an incomplete sync (pages cut), a failed one, or one that listed nothing removes nothing', async () => {
    const gone = published[100] as Product;
    const sim = await createShopSim({ products: published.slice(0, 90) });
    const empty = await createShopSim({ products: [] });
    try {
      const cut = over(sim, [gone], { maxPages: 1 });
      const r = await cut.scheduler.syncNow('sim');
      assert.equal(r.complete, false);
      assert.equal(r.removed, undefined);
      assert.deepEqual(cut.removedCalls, []);
      assert.ok(cut.catalog.has(gone.id));

      const nothing = over(empty, [gone]);
      const e = await nothing.scheduler.syncNow('sim');
      assert.equal(e.ok, true);
      assert.deepEqual(nothing.removedCalls, []);
      assert.ok(nothing.catalog.has(gone.id));

      await sim.setFaults({ down: true });
      const down = over(sim, [gone]);
      assert.equal((await down.scheduler.syncNow('sim')).ok, false);
      assert.deepEqual(down.removedCalls, []);
    } finally {
      await Promise.all([sim.close(), empty.close()]);
    }
  });
});
