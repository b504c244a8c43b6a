import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import { createShopSim } from '../../sim/shopSim/shopSim.ts';
import type { ShopSim } from '../../sim/shopSim/shopSim.ts';
import { CatalogMcpError } from './errors.ts';
import { StorefrontMcpClient, storefrontMcpUrl } from './storefrontMcpClient.ts';

const PROFILE = 'https://affinity.example/ucp/agent-profile.json';
const catalog = generateCatalog({ size: 150, seed: 21 });
const byId = new Map(catalog.map((p) => [p.id, p]));

/** A fetch that answers every POST with one canned body, counting calls. */
function cannedFetch(body: string, contentType = 'application/json', status = 200): typeof fetch & { calls: number } {
  const f = (async () => {
    f.calls++;
    return new Response(body, { status, headers: { 'content-type': contentType } });
  }) as unknown as typeof fetch & { calls: number };
  f.calls = 0;
  return f;
}

const UCP_PRODUCT = {
  id: 'gid://shopify/Product/42',
  title: 'Canned Tee',
  description: { html: '<p>Soft</p>' },
  url: 'https://shop.example/products/canned-tee',
  price_range: { min: { amount: 1999, currency: 'EUR' }, max: { amount: 1999, currency: 'EUR' } },
  variants: [{ id: 'gid://shopify/ProductVariant/7', title: 'M', price: { amount: 1999, currency: 'EUR' }, availability: { available: true } }],
};

describe('StorefrontMcpClient against the shop simulator', () => {
  let sim: ShopSim;
  before(async () => {
    sim = await createShopSim({ products: catalog, legacy: true });
  });
  after(() => sim.close());

  it('discovers the UCP tools once and normalises search results into products', async () => {
    const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE });
    const before = sim.calls;
    assert.deepEqual(await client.discover(), { protocol: 'ucp', tools: ['search_catalog', 'lookup_catalog', 'get_product'] });
    const page = await client.search({ query: 'shoes', limit: 4, context: { country: 'US', currency: 'USD', language: 'en' } });
    const page2 = await client.search({ query: 'shoes', limit: 4, cursor: page.pagination?.cursor as string });
    assert.equal(sim.calls - before, 3, 'tools/list once, then one call per search');
    assert.equal(page.products.length, 4);
    assert.equal(page.pagination?.hasNextPage, true);
    assert.ok((page.pagination?.totalCount ?? 0) > 4);
    assert.equal(page.invalid.length, 0);
    const ids = [...page.products, ...page2.products].map((p) => p.id);
    assert.equal(new Set(ids).size, 8, 'the cursor moves on');
    for (const p of page.products) {
      const src = byId.get(p.id);
      assert.ok(src, `${p.id} is a bare catalog id`);
      assert.equal(p.title, src.title);
      assert.equal(p.category, src.category);
      assert.deepEqual(p.tags, src.tags);
      assert.deepEqual(p.variants, src.variants, 'variants survive the round trip: ids, prices, compare-at, options, availability');
    }
  });

  it('browses with filters and no query, in minor units', async () => {
    const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE });
    const page = await client.search({ filters: { price: { max: 3000 } }, limit: 100 });
    assert.ok(page.products.length > 0);
    for (const p of page.products) assert.ok(Math.min(...p.variants.map((v) => v.price.amount)) <= 3000);
  });

  it('looks up by id in batches of 50 and gets one product', async () => {
    const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE });
    const published = catalog.filter((p) => p.published);
    const ids = published.slice(0, 60).map((p) => p.id);
    const before = { ...sim.toolCalls };
    const page = await client.lookup({ ids });
    assert.deepEqual(page.products.map((p) => p.id), ids);
    assert.equal((sim.toolCalls.lookup_catalog ?? 0) - (before.lookup_catalog ?? 0), 2);
    const one = await client.getProduct({ id: ids[3] as string });
    assert.deepEqual(one.products.map((p) => p.id), [ids[3]]);
    const none = await client.getProduct({ id: '1' });
    assert.deepEqual(none.products, []);
    assert.equal(none.messages[0]?.code, 'not_found');
  });

  it('speaks the legacy search_shop_catalog, converting decimal-string prices to minor units', async () => {
    const client = new StorefrontMcpClient({ url: sim.legacyUrl, agentProfileUrl: PROFILE });
    assert.equal((await client.discover()).protocol, 'legacy');
    const page = await client.search({ query: 'shoes', limit: 5, filters: { price: { min: 5000 } } });
    assert.equal(page.products.length, 5);
    for (const p of page.products) {
      const src = byId.get(p.id);
      assert.ok(src);
      assert.deepEqual(p.variants.map((v) => [v.id, v.price, v.available]), src.variants.map((v) => [v.id, v.price, v.available]));
      assert.ok(Math.min(...p.variants.map((v) => v.price.amount)) >= 5000);
    }
    const next = await client.search({ query: 'shoes', limit: 5, cursor: page.pagination?.cursor as string });
    assert.notDeepEqual(next.products.map((p) => p.id), page.products.map((p) => p.id));
    await assert.rejects(client.lookup({ ids: ['1'] }), (e: CatalogMcpError) => e.kind === 'unsupported' && !e.transient);
  });

  it('passes the shop\'s -32602 for a bad profile as a non-transient rpc error', async () => {
    const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: 'nope' });
    await assert.rejects(client.search({ query: 'shoes' }), (e: CatalogMcpError) => e.kind === 'rpc' && e.rpcCode === -32602 && !e.transient);
  });

  it('performs the initialize handshake only when a server demands a session', async () => {
    const stateful = await createShopSim({ products: catalog, requireSession: true });
    try {
      const client = new StorefrontMcpClient({ url: stateful.url, agentProfileUrl: PROFILE });
      const page = await client.search({ query: 'shoes', limit: 2 });
      assert.equal(page.products.length, 2);
      const calls = stateful.calls;
      await client.search({ query: 'ring', limit: 2 });
      assert.equal(stateful.calls - calls, 1, 'the session is reused');
    } finally {
      await stateful.close();
    }
  });
});

describe('StorefrontMcpClient reply handling', () => {
  it('reads JSON from a text content block when there is no structuredContent', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: JSON.stringify({ products: [UCP_PRODUCT] }) }] } });
    const client = new StorefrontMcpClient({ url: 'http://x/api/ucp/mcp', agentProfileUrl: PROFILE, protocol: 'ucp', fetch: cannedFetch(body) });
    const page = await client.search({ query: 'tee' });
    assert.deepEqual(page.products.map((p) => [p.id, p.handle, p.description, p.variants[0]?.id, p.variants[0]?.price]), [
      ['42', 'canned-tee', 'Soft', '7', { amount: 1999, currency: 'EUR' }],
    ]);
  });

  it('reads a JSON-RPC response delivered as a server-sent event', async () => {
    // JsonRpcHttp numbers requests from 1, so the first call's reply has id 1.
    const sse = `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: 1, result: { structuredContent: { products: [UCP_PRODUCT] } } })}\n\n`;
    const client = new StorefrontMcpClient({ url: 'http://x/api/ucp/mcp', agentProfileUrl: PROFILE, protocol: 'ucp', fetch: cannedFetch(sse, 'text/event-stream') });
    assert.equal((await client.search({ query: 'tee' })).products[0]?.id, '42');
  });

  it('classifies failures: tool errors, HTTP statuses, garbage and refused connections', async () => {
    const url = 'http://x/api/ucp/mcp';
    const isErr = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { isError: true, content: [{ type: 'text', text: 'bad filter' }] } });
    await assert.rejects(
      new StorefrontMcpClient({ url, agentProfileUrl: PROFILE, protocol: 'ucp', fetch: cannedFetch(isErr) }).search({ query: 'x' }),
      (e: CatalogMcpError) => e.kind === 'tool' && !e.transient && /bad filter/.test(e.message),
    );
    for (const [status, transient] of [[503, true], [429, true], [404, false], [401, false]] as const) {
      await assert.rejects(
        new StorefrontMcpClient({ url, agentProfileUrl: PROFILE, protocol: 'ucp', fetch: cannedFetch('oops', 'text/plain', status) }).search({ query: 'x' }),
        (e: CatalogMcpError) => e.kind === 'http' && e.status === status && e.transient === transient,
      );
    }
    await assert.rejects(
      new StorefrontMcpClient({ url, agentProfileUrl: PROFILE, protocol: 'ucp', fetch: cannedFetch('<html>hi</html>', 'text/html') }).search({ query: 'x' }),
      (e: CatalogMcpError) => e.kind === 'protocol',
    );
    const sim = await createShopSim({ products: catalog, down: true });
    try {
      await assert.rejects(
        new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE }).search({ query: 'x' }),
        (e: CatalogMcpError) => e.kind === 'network' && e.transient && /ECONNREFUSED/.test(e.message),
      );
    } finally {
      await sim.close();
    }
  });

  it('builds the Storefront Catalog MCP URL of a shop domain', () => {
    assert.equal(storefrontMcpUrl('cool-shop.myshopify.com'), 'https://cool-shop.myshopify.com/api/ucp/mcp');
    assert.equal(storefrontMcpUrl('https://shop.example.com/'), 'https://shop.example.com/api/ucp/mcp');
  });
});
