import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import { createShopSim } from '../../sim/shopSim/shopSim.ts';
import type { ShopSim } from '../../sim/shopSim/shopSim.ts';
import { registerCatalogMcpMetrics } from './metrics.ts';
import { ResilientCatalog } from './resilientCatalog.ts';
import type { BreakerState, CatalogEvent, ResilientCatalogOptions } from './resilientCatalog.ts';
import { StorefrontMcpClient } from './storefrontMcpClient.ts';

const PROFILE = 'https://affinity.example/ucp/agent-profile.json';
const SHOP = 'sim.myshopify.com';
const catalog = generateCatalog({ size: 250, seed: 11 });
const byId = new Map(catalog.map((p) => [p.id, p]));
const localIndex = CatalogIndex.build(catalog);
/** Queries that match products in the generated catalog (distinct, so none is answered from the cache). */
const QUERIES = ['shoes', 'running', 'jacket', 'ring', 'necklace', 'tent', 'dress', 'moisturizer', 'backpack', 'charger', 'cookware', 'jeans', 'coat', 'sweater', 'earrings', 'bracelet', 'socks', 'cable', 'headphones', 'skirt'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value (bounded number of tries, no assertion on time). */
async function until<T>(fn: () => Promise<T | undefined | false>, what: string, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(25);
  }
  throw new Error(`gave up waiting for ${what}`);
}

function setup(sim: ShopSim, opts: Partial<ResilientCatalogOptions> & { profile?: string } = {}) {
  const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: opts.profile ?? PROFILE });
  const transitions: BreakerState[] = [];
  const events: CatalogEvent[] = [];
  const rc = new ResilientCatalog({
    client,
    localCatalog: (shop) => (shop === SHOP ? localIndex : undefined),
    retryInitialDelayMs: 5,
    retryMaxDelayMs: 20,
    // A call counts as late only where a test says so: the default (800 ms) is within what a first call
    // (session set-up) can take on a busy machine, which made the first answer a fallback.
    timeoutMs: 10_000,
    ...opts,
  });
  rc.onStateChange((s) => transitions.push(s));
  rc.onEvent((e) => events.push(e));
  return { rc, client, transitions, events };
}

describe('ResilientCatalog against the shop simulator', () => {
  let sim: ShopSim;
  before(async () => {
    sim = await createShopSim({ products: catalog, shopDomain: SHOP });
  });
  after(() => sim.close());

  it('answers from the shop, normalised, then serves the repeat from the cache', async () => {
    const { rc } = setup(sim);
    const first = await rc.search(SHOP, { query: 'running shoes', limit: 5, context: { country: 'US', currency: 'USD' } });
    assert.equal(first.source, 'shop');
    assert.equal(first.fallbackUsed, false);
    assert.equal(first.products.length, 5);
    assert.ok(first.pagination?.hasNextPage);
    for (const p of first.products) {
      const src = byId.get(p.id);
      assert.ok(src, `bare id ${p.id} of a catalog product`);
      assert.deepEqual(p.variants.map((v) => [v.id, v.price]), src.variants.map((v) => [v.id, v.price]));
      assert.equal(p.handle, src.handle, 'handle recovered from the product url');
    }
    const callsBefore = sim.calls;
    const again = await rc.search(SHOP, { context: { currency: 'USD', country: 'US' }, limit: 5, query: 'running shoes' });
    assert.equal(again.source, 'cache');
    assert.equal(again.fallbackUsed, false);
    assert.deepEqual(again.products.map((p) => p.id), first.products.map((p) => p.id));
    assert.equal(sim.calls, callsBefore, 'no upstream call for a cache hit (key is canonical JSON)');
    assert.deepEqual(
      { hits: rc.stats().hits, misses: rc.stats().misses, hitRatio: rc.stats().hitRatio },
      { hits: 1, misses: 1, hitRatio: 0.5 },
    );
    // A different market is a different cache entry.
    const other = await rc.search(SHOP, { query: 'running shoes', limit: 5, context: { country: 'US', currency: 'USD' } }, { market: 'eu' });
    assert.equal(other.source, 'shop');
  });

  it('looks up and gets products from the shop', async () => {
    const { rc } = setup(sim);
    const [a, b] = catalog.filter((p) => p.published);
    assert.ok(a && b);
    const found = await rc.lookup(SHOP, { ids: [a.id, `gid://shopify/ProductVariant/${b.variants[0]?.id}`, '1'] });
    assert.equal(found.source, 'shop');
    assert.deepEqual(found.products.map((p) => p.id), [a.id, b.id]);
    assert.deepEqual(found.messages, [{ type: 'info', code: 'not_found', content: 'gid://shopify/Product/1' }]);
    const one = await rc.getProduct(SHOP, { id: b.id });
    assert.equal(one.source, 'shop');
    assert.equal(one.products[0]?.title, b.title);
  });

  it('answers locally, without fallback, for a shop that has no MCP client', async () => {
    const rc = new ResilientCatalog({ client: () => undefined, localCatalog: () => localIndex });
    const r = await rc.search('other-shop', { query: 'necklace', limit: 3 });
    assert.equal(r.source, 'local');
    assert.equal(r.fallbackUsed, false);
    assert.equal(r.products.length, 3);
  });
});

describe('ResilientCatalog: lookups the way Shopify answers them', () => {
  it('looks up 50 ids from the shop (chunks of 10), not from the fallback', async () => {
    const sim = await createShopSim({ products: catalog, shopDomain: SHOP });
    try {
      const { rc } = setup(sim);
      const ids = catalog.filter((p) => p.published).slice(0, 50).map((p) => p.id);
      const r = await rc.lookup(SHOP, { ids, context: { country: 'US', currency: 'USD' } });
      assert.equal(r.source, 'shop', r.fallbackNote);
      assert.equal(r.fallbackUsed, false);
      assert.deepEqual(r.products.map((p) => p.id), ids);
      assert.equal(sim.toolCalls.lookup_catalog, 5);
    } finally {
      await sim.close();
    }
  });

  it('asks the shop for the GIDs behind catalog ids and answers under catalog ids; ids it cannot ask about come from the local catalog', async () => {
    const sim = await createShopSim({ products: catalog, shopDomain: SHOP });
    try {
      const [a, b, c] = catalog.filter((p) => p.published);
      assert.ok(a && b && c);
      // The catalog keys a and b by handle (a CSV import); a's numeric id is linked, b's is not.
      const asImported = catalog.map((p) => (p === a || p === b ? { ...p, id: p.handle } : p));
      const index = CatalogIndex.build(asImported);
      const linked = new Map([[a.handle, a.id]]);
      const identity = () => ({
        toShop: (id: string) => (linked.has(id) ? `gid://shopify/Product/${linked.get(id)}` : undefined),
        toCatalog: (id: string) => (id === a.id ? a.handle : id),
      });
      const rc = new ResilientCatalog({ client: new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }), localCatalog: () => index, identity });
      const r = await rc.lookup(SHOP, { ids: [a.handle, b.handle, c.id] });
      assert.equal(r.source, 'shop');
      assert.deepEqual(r.products.map((p) => p.id), [a.handle, c.id, b.handle]);
      assert.deepEqual(r.localIds, [b.handle], "b's handle could not be put to the shop");
      assert.equal(r.products[0]?.variants.length, 1, "a came from the shop (only its featured variant)");
      const one = await rc.getProduct(SHOP, { id: a.handle });
      assert.deepEqual([one.source, one.products[0]?.id], ['shop', a.handle]);
    } finally {
      await sim.close();
    }
  });
});

describe('ResilientCatalog under faults', () => {
  it('opens the breaker when the shop is down, answers locally without calling it, and closes after recovery', async () => {
    const sim = await createShopSim({ products: catalog, shopDomain: SHOP });
    try {
      const { rc, transitions } = setup(sim, { halfOpenAfterMs: 300 });
      assert.equal((await rc.search(SHOP, { query: QUERIES[0] as string })).source, 'shop');
      await sim.setFaults({ down: true });

      // 5 consecutive failures open it: calls of 2 attempts each (connection refused is transient).
      let q = 1;
      const failed = [];
      while (rc.state === 'closed' && q < 10) failed.push(await rc.search(SHOP, { query: QUERIES[q++] as string }));
      assert.equal(rc.state, 'open');
      assert.equal(rc.stateOf(SHOP), 'open');
      assert.deepEqual(transitions, ['open']);
      assert.equal(rc.stats().upstreamFailures, 5);
      assert.equal(failed.length, 3, 'two calls of two attempts, then the fifth failure on the third call');
      for (const r of failed) {
        assert.equal(r.source, 'local');
        assert.equal(r.fallbackUsed, true);
        assert.equal(r.fallbackReason, 'upstream-error');
        assert.match(r.fallbackNote ?? '', /^The shop's catalog could not be reached \(.*ECONNREFUSED/);
        assert.ok(r.products.length > 0, 'the local catalog answers');
      }

      // While open: answers come from the local catalog and the shop is not called at all.
      const upstream = rc.stats().upstreamCalls;
      for (let i = 0; i < 5; i++) {
        const r = await rc.search(SHOP, { query: QUERIES[q++] as string, limit: 2 });
        assert.equal(r.source, 'local');
        assert.equal(r.fallbackUsed, true);
        assert.equal(r.fallbackReason, 'breaker-open');
        assert.match(r.fallbackNote ?? '', /not being called .*after repeated failures \(last: it could not be reached/);
        assert.equal(r.products.length, 2);
      }
      assert.equal(rc.stats().upstreamCalls, upstream, 'no upstream attempt while the breaker is open');

      // Recovery: after the half-open delay a probe succeeds and the breaker closes.
      await sim.setFaults({ down: false });
      const back = await until(async () => {
        const r = await rc.search(SHOP, { query: QUERIES[q % QUERIES.length] as string, limit: 3 });
        q++;
        return r.source === 'shop' && r;
      }, 'the shop to answer again');
      assert.equal(back.fallbackUsed, false);
      assert.equal(rc.state, 'closed');
      assert.deepEqual(transitions, ['open', 'half-open', 'closed']);
    } finally {
      await sim.close();
    }
  });

  it('with every request failing (HTTP 500 / -32603), stops calling the shop once open', async () => {
    const sim = await createShopSim({ products: catalog, errorRate: 1, seed: 5 });
    try {
      const { rc } = setup(sim, { halfOpenAfterMs: 60_000, consecutiveFailures: 3 });
      let q = 0;
      while (rc.state !== 'open' && q < 10) {
        const r = await rc.search(SHOP, { query: QUERIES[q++] as string });
        assert.equal(r.source, 'local');
      }
      assert.equal(rc.state, 'open');
      assert.equal(sim.calls, 3, 'opened after the configured 3 failures');
      for (let i = 0; i < 10; i++) assert.equal((await rc.search(SHOP, { query: `${QUERIES[i]} gift` })).fallbackReason, 'breaker-open');
      assert.equal(sim.calls, 3, 'the upstream call count stops growing while open');
    } finally {
      await sim.close();
    }
  });

  it('retries transient errors once, and never retries or trips on a rejected request', async () => {
    const flaky = await createShopSim({ products: catalog, errorRate: 1, errorKind: 'http' });
    const healthy = await createShopSim({ products: catalog });
    try {
      const t = setup(flaky);
      const r = await t.rc.search(SHOP, { query: 'tent' });
      assert.equal(r.source, 'local');
      assert.equal(flaky.calls, 2, 'one retry after an HTTP 500');
      assert.equal(t.rc.stats().retries, 1);
      assert.ok(t.events.some((e) => e.type === 'retry'));

      // A profile the shop rejects (-32602 Invalid params) is our fault, not the shop's: no retry, no trip,
      // and the answer says the shop rejected the request, not that it could not be reached.
      const bad = setup(healthy, { profile: 'urn:affinity:not-a-url', consecutiveFailures: 2 });
      for (let i = 0; i < 6; i++) {
        const x = await bad.rc.search(SHOP, { query: QUERIES[i] as string });
        assert.equal(x.source, 'local');
        assert.equal(x.fallbackReason, 'upstream-rejected');
        assert.match(x.fallbackNote ?? '', /rejected the request .*-32602/);
        assert.doesNotMatch(x.fallbackNote ?? '', /could not be reached/);
      }
      assert.equal(healthy.toolCalls.search_catalog, 6, 'one attempt per call');
      assert.equal(bad.rc.stats().retries, 0);
      assert.equal(bad.rc.state, 'closed');
    } finally {
      await flaky.close();
      await healthy.close();
    }
  });

  it('a lookup with nothing the shop can be asked about (handles) neither calls the shop nor keeps a slow shop\'s breaker closed', async () => {
    const sim = await createShopSim({ products: catalog, shopDomain: SHOP });
    try {
      const { rc } = setup(sim, { timeoutMs: 300, halfOpenAfterMs: 60_000 });
      assert.equal((await rc.search(SHOP, { query: 'warm' })).source, 'shop'); // discovery done
      const handles = catalog.slice(0, 3).map((p) => p.handle);
      const before = sim.calls;
      const local = await rc.lookup(SHOP, { ids: handles });
      assert.equal(local.source, 'local');
      assert.equal(local.fallbackUsed, false, 'answering handles locally is the plan, not a fallback');
      assert.deepEqual(local.localIds, handles);
      assert.equal(sim.calls, before, 'nothing was sent');
      // The shop turns slow: searches time out; lookups of handles in between must not count as successes.
      await sim.setFaults({ latencyMs: 2_000 });
      for (let i = 0; i < 5; i++) {
        await rc.search(SHOP, { query: QUERIES[i] as string });
        await rc.lookup(SHOP, { ids: handles });
      }
      assert.equal(rc.state, 'open');
    } finally {
      await sim.close();
    }
  });

  it('times out a slow shop and falls back', async () => {
    const sim = await createShopSim({ products: catalog, latencyMs: 5_000 });
    try {
      const { rc, events } = setup(sim, { timeoutMs: 50, maxAttempts: 1 });
      const r = await rc.search(SHOP, { query: 'tent' });
      assert.equal(r.source, 'local');
      assert.equal(r.fallbackReason, 'upstream-error');
      await until(async () => events.some((e) => e.type === 'upstream' && !e.ok), 'the aborted attempt to settle');
      const attempt = events.find((e) => e.type === 'upstream');
      assert.equal(attempt?.type === 'upstream' && attempt.error, 'timeout');
    } finally {
      await sim.close();
    }
  });

  it('counts timeouts against the breaker: a shop answering after 2 s is cut off and answers come back fast', async (t) => {
    // Regression: cockatiel 3.2.1's isTaskCancelledError tests the wrong property, so timeouts were
    // neither retried nor counted; 80 consecutive timeouts left the breaker closed and every call
    // waited the full timeout. One HTTP request per attempt here (no tools/list discovery).
    const TIMEOUT_MS = 600;
    const sim = await createShopSim({ products: catalog, shopDomain: SHOP });
    try {
      let now = 1_000_000;
      const rc = new ResilientCatalog({
        client: new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE, protocol: 'ucp' }),
        localCatalog: () => localIndex,
        timeoutMs: TIMEOUT_MS,
        halfOpenAfterMs: 2_500,
        cacheTtlMs: 60_000,
        now: () => now,
      });
      const transitions: BreakerState[] = [];
      rc.onStateChange((s) => transitions.push(s));
      const cachedQuery = { query: 'backpack', limit: 2 };
      const fresh = await rc.search(SHOP, cachedQuery);
      assert.equal(fresh.source, 'shop');
      now += 61_000; // past the TTL: only a failing shop lets the entry stand in
      await sim.setFaults({ latencyMs: 2_000 });

      // Five consecutive timeouts (the default) open it, one attempt per call: a timeout is not retried.
      let q = 0;
      const slow = [];
      while (rc.state === 'closed' && q < 8) slow.push(await rc.search(SHOP, { query: QUERIES[q++] as string }));
      assert.equal(rc.state, 'open', `breaker open after ${q} timed-out calls`);
      assert.equal(slow.length, 5);
      assert.deepEqual(transitions, ['open']);
      assert.equal(rc.stats().upstreamCalls, 1 + 5, 'the cached answer, then one attempt per timed-out call');
      assert.equal(rc.stats().retries, 0, 'a timed-out attempt is not retried (no doubled wait)');
      for (const r of slow) assert.equal(r.fallbackReason, 'upstream-error');

      // Open: the slow shop is no longer called, and answers come from the stale cache or the local catalog.
      const callsWhenOpened = sim.calls;
      let slowest = 0;
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        const r = i % 2 === 0 ? await rc.search(SHOP, cachedQuery) : await rc.search(SHOP, { query: QUERIES[q++] as string });
        slowest = Math.max(slowest, performance.now() - t0);
        assert.equal(r.fallbackUsed, true);
        assert.equal(r.fallbackReason, 'breaker-open');
        assert.equal(r.source, i % 2 === 0 ? 'cache' : 'local');
        assert.ok(r.products.length > 0);
      }
      assert.equal(sim.calls, callsWhenOpened, 'no request reaches the slow shop while the breaker is open');
      t.diagnostic(`slowest answer while open: ${slowest.toFixed(1)} ms`);
      // Generous: a fallback answer takes about a millisecond; the point is that none waited for the shop.
      assert.ok(slowest < TIMEOUT_MS, `answers while open took at most ${slowest.toFixed(1)} ms, under the ${TIMEOUT_MS} ms timeout`);

      // The half-open probe times out too: the breaker opens again instead of closing.
      await sleep(2_600);
      const probe = await rc.search(SHOP, { query: 'tent' });
      assert.equal(probe.source, 'local');
      assert.equal(sim.calls, callsWhenOpened + 1, 'one probe');
      assert.deepEqual(transitions, ['open', 'half-open', 'open']);
      assert.equal(rc.state, 'open');
    } finally {
      await sim.close();
    }
  });

  it('serves a stale cached answer while the shop fails, within the stale-if-error window', async () => {
    const sim = await createShopSim({ products: catalog });
    try {
      let now = 1_000_000;
      const { rc } = setup(sim, { now: () => now, cacheTtlMs: 60_000, staleIfErrorMs: 120_000 });
      const fresh = await rc.search(SHOP, { query: 'backpack', limit: 2 });
      assert.equal(fresh.source, 'shop');
      now += 59_000;
      assert.equal((await rc.search(SHOP, { query: 'backpack', limit: 2 })).source, 'cache');
      now += 2_000; // past the TTL
      await sim.setFaults({ down: true });
      const stale = await rc.search(SHOP, { query: 'backpack', limit: 2 });
      assert.equal(stale.source, 'cache');
      assert.equal(stale.stale, true);
      assert.equal(stale.fallbackUsed, true);
      assert.deepEqual(stale.products.map((p) => p.id), fresh.products.map((p) => p.id));
      now += 120_000; // past the stale window too
      const local = await rc.search(SHOP, { query: 'backpack', limit: 2 });
      assert.equal(local.source, 'local');
      // The shop coming back refreshes the entry.
      await sim.setFaults({ down: false });
      assert.equal((await rc.search(SHOP, { query: 'backpack', limit: 2 })).source, 'shop');
    } finally {
      await sim.close();
    }
  });

  it('falls back to local lookups by product id and variant GID', async () => {
    const sim = await createShopSim({ products: catalog, down: true });
    try {
      const { rc } = setup(sim);
      const [a, b] = catalog;
      assert.ok(a && b);
      const r = await rc.lookup(SHOP, { ids: [a.id, `gid://shopify/ProductVariant/${b.variants[0]?.id}`, 'missing'] });
      assert.equal(r.source, 'local');
      assert.equal(r.fallbackUsed, true);
      assert.deepEqual(r.products.map((p) => p.id), [a.id, b.id]);
      assert.equal((await rc.getProduct(SHOP, { id: a.id })).products[0]?.id, a.id);
    } finally {
      await sim.close();
    }
  });

  it('exports breaker state, cache, upstream and fallback metrics on a prom-client registry', async () => {
    const sim = await createShopSim({ products: catalog });
    try {
      const { rc } = setup(sim, { consecutiveFailures: 2, halfOpenAfterMs: 60_000, maxAttempts: 1 });
      const registry = new Registry();
      const m = registerCatalogMcpMetrics(registry, rc);
      await rc.search(SHOP, { query: 'tent' });
      await rc.search(SHOP, { query: 'tent' });
      await sim.setFaults({ down: true });
      await rc.search(SHOP, { query: 'ring' });
      await rc.search(SHOP, { query: 'coat' });
      await rc.search(SHOP, { query: 'dress' });
      const text = await registry.metrics();
      assert.match(text, new RegExp(`affinity_catalog_mcp_breaker_state\\{shop="${SHOP}"\\} 2`));
      assert.match(text, /affinity_catalog_mcp_cache_hits_total\{tool="search"\} 1/);
      assert.match(text, /affinity_catalog_mcp_cache_misses_total\{tool="search"\} 4/);
      assert.match(text, /affinity_catalog_mcp_upstream_duration_seconds_count\{tool="search",outcome="ok"\} 1/);
      assert.match(text, /affinity_catalog_mcp_upstream_duration_seconds_count\{tool="search",outcome="error"\} 2/);
      assert.match(text, /affinity_catalog_mcp_fallback_total\{tool="search",source="local",reason="upstream-error"\} 2/);
      assert.match(text, /affinity_catalog_mcp_fallback_total\{tool="search",source="local",reason="breaker-open"\} 1/);
      m.dispose();
    } finally {
      await sim.close();
    }
  });
});
