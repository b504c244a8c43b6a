import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import { createShopSim } from './shopSim.ts';
import type { ShopSim } from './shopSim.ts';

const PROFILE = 'https://affinity.example/ucp/agent-profile.json';
const META = { 'ucp-agent': { profile: PROFILE } };
const products = generateCatalog({ size: 120, seed: 3 });
const published = products.filter((p) => p.published);

type Json = Record<string, any>;
let nextId = 1;

async function rpc(url: string, method: string, params?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, ...(params !== undefined ? { params } : {}) }),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('application/json') ?? false;
  return { status: res.status, body: json && text ? (JSON.parse(text) as Json) : {} };
}

const call = (url: string, name: string, args: unknown) => rpc(url, 'tools/call', { name, arguments: args });

describe('shop simulator: UCP Storefront Catalog MCP', () => {
  let sim: ShopSim;
  before(async () => {
    sim = await createShopSim({ products, shopDomain: 'sim.example' });
  });
  after(() => sim.close());

  it('answers tools/list statelessly (no initialize) with the three UCP tools and input schemas', async () => {
    const { status, body } = await rpc(sim.url, 'tools/list');
    assert.equal(status, 200);
    const tools = body.result.tools as Json[];
    assert.deepEqual(tools.map((t) => t.name), ['search_catalog', 'lookup_catalog', 'get_product']);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.deepEqual(t.inputSchema.required, ['meta', 'catalog']);
    }
  });

  it('returns UCP products in structuredContent with no content field, prices in integer minor units', async () => {
    const { body } = await call(sim.url, 'search_catalog', { meta: META, catalog: { query: 'shoes', context: { address_country: 'US', currency: 'USD', language: 'en' } } });
    const result = body.result as Json;
    assert.equal('content' in result, false);
    const sc = result.structuredContent as Json;
    assert.equal(sc.ucp.version, '2026-04-08');
    assert.ok(sc.ucp.capabilities['dev.ucp.shopping.catalog.search']);
    assert.deepEqual(sc.messages, []);
    assert.ok(sc.products.length > 0 && sc.products.length <= 10, 'default page size is 10');
    const p = sc.products[0] as Json;
    assert.match(p.id, /^gid:\/\/shopify\/Product\/\d+$/);
    assert.equal(typeof p.description.plain, 'string');
    assert.match(p.url, /^https:\/\/sim\.example\/products\//);
    assert.equal(p.handle, undefined, 'no handle, as observed on Shopify');
    assert.ok(Number.isInteger(p.price_range.min.amount) && p.price_range.min.currency === 'USD');
    const v = p.variants[0] as Json;
    assert.match(v.id, /^gid:\/\/shopify\/ProductVariant\/\d+$/);
    assert.ok(Number.isInteger(v.price.amount));
    assert.equal(typeof v.availability.available, 'boolean');
    assert.ok(['in_stock', 'out_of_stock'].includes(v.availability.status));
    assert.ok(Array.isArray(v.options) && v.options.every((o: Json) => typeof o.name === 'string' && typeof o.label === 'string'));
    assert.deepEqual(p.categories[0].taxonomy, 'merchant');
    assert.ok(p.media.every((m: Json) => m.type === 'image' && typeof m.url === 'string'));
    assert.ok(Array.isArray(p.tags));
    // The match is real: every hit mentions the word somewhere searchable.
    for (const hit of sc.products as Json[]) {
      const src = published.find((x) => `gid://shopify/Product/${x.id}` === hit.id);
      assert.ok(src);
      assert.match([src.title, src.productType, src.vendor, src.category, ...src.tags].join(' ').toLowerCase(), /shoe/);
    }
    // Source prices survive unchanged.
    const src = published.find((x) => `gid://shopify/Product/${x.id}` === p.id);
    assert.equal(p.variants[0].price.amount, src?.variants[0]?.price.amount);
  });

  it('browses with filters and no query, pages with cursors through every published product exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { body } = await call(sim.url, 'search_catalog', {
        meta: META,
        catalog: { filters: { price: { min: 0 } }, pagination: { limit: 25, ...(cursor ? { cursor } : {}) } },
      });
      const sc = body.result.structuredContent as Json;
      assert.equal(sc.pagination.total_count, published.length);
      seen.push(...(sc.products as Json[]).map((p) => p.id as string));
      cursor = sc.pagination.has_next_page ? sc.pagination.cursor : undefined;
      pages++;
    } while (cursor);
    assert.equal(pages, Math.ceil(published.length / 25));
    assert.deepEqual(seen, published.map((p) => `gid://shopify/Product/${p.id}`));
    assert.ok(published.length < products.length, 'the generated catalog has unpublished products, which are not served');
  });

  it('applies category (OR, any path segment) and price (minor units) filters', async () => {
    const category = published[0]?.category as string;
    const leaf = category.split('>').at(-1)?.trim() as string;
    const max = 5000;
    const { body } = await call(sim.url, 'search_catalog', {
      meta: META,
      catalog: { filters: { categories: [leaf, 'No Such Category'], price: { max } }, pagination: { limit: 100 } },
    });
    const got = (body.result.structuredContent.products as Json[]).map((p) => p.id);
    const expected = published
      .filter((p) => p.category.split('>').map((s) => s.trim()).includes(leaf))
      .filter((p) => Math.min(...p.variants.map((v) => v.price.amount)) <= max)
      .map((p) => `gid://shopify/Product/${p.id}`);
    assert.deepEqual(got, expected);
  });

  it('rejects a call without meta["ucp-agent"].profile with JSON-RPC -32602 (UCP binding: protocol error)', async () => {
    const { status, body } = await call(sim.url, 'search_catalog', { catalog: { query: 'shoes' } });
    assert.equal(status, 200);
    assert.equal(body.error.code, -32602);
    assert.match(body.error.message, /ucp-agent/);
    const noUrl = await call(sim.url, 'search_catalog', { meta: { 'ucp-agent': { profile: 'not a url' } }, catalog: { query: 'shoes' } });
    assert.equal(noUrl.body.error.code, -32602);
  });

  it('rejects a search with neither query nor filters, a bad cursor and an unknown tool', async () => {
    assert.equal((await call(sim.url, 'search_catalog', { meta: META, catalog: {} })).body.error.code, -32602);
    const bad = await call(sim.url, 'search_catalog', { meta: META, catalog: { query: 'shoes', pagination: { cursor: 'nope' } } });
    assert.equal(bad.body.error.code, -32602);
    assert.equal((await call(sim.url, 'no_such_tool', { meta: META, catalog: {} })).body.error.code, -32602);
    assert.equal((await rpc(sim.url, 'resources/list')).body.error.code, -32601);
  });

  it('looks up products by product or variant GID, reporting unknown ids as not_found messages', async () => {
    const a = published[0];
    const b = published[1];
    assert.ok(a && b);
    const variant = b.variants.at(-1);
    assert.ok(variant);
    const { body } = await call(sim.url, 'lookup_catalog', {
      meta: META,
      catalog: { ids: [`gid://shopify/Product/${a.id}`, `gid://shopify/ProductVariant/${variant.id}`, 'gid://shopify/Product/1'] },
    });
    const sc = body.result.structuredContent as Json;
    assert.deepEqual(sc.products.map((p: Json) => p.id), [`gid://shopify/Product/${a.id}`, `gid://shopify/Product/${b.id}`]);
    assert.deepEqual(sc.products[0].variants[0].inputs, [{ id: `gid://shopify/Product/${a.id}`, match: 'featured' }]);
    const exact = (sc.products[1].variants as Json[]).find((v) => v.inputs);
    assert.deepEqual(exact?.inputs, [{ id: `gid://shopify/ProductVariant/${variant.id}`, match: 'exact' }]);
    assert.deepEqual(sc.messages, [{ type: 'info', code: 'not_found', content: 'gid://shopify/Product/1' }]);
    const tooMany = await call(sim.url, 'lookup_catalog', { meta: META, catalog: { ids: Array.from({ length: 51 }, (_, i) => String(i)) } });
    assert.equal(tooMany.body.error.code, -32602);
  });

  it('gets one product, and reports a missing one as a not_found message', async () => {
    const a = published[2];
    assert.ok(a);
    const ok = await call(sim.url, 'get_product', { meta: META, catalog: { id: `gid://shopify/Product/${a.id}` } });
    assert.equal(ok.body.result.structuredContent.product.title, a.title);
    const missing = await call(sim.url, 'get_product', { meta: META, catalog: { id: 'gid://shopify/Product/1' } });
    assert.equal(missing.body.result.structuredContent.product, undefined);
    assert.equal(missing.body.result.structuredContent.messages[0].code, 'not_found');
  });

  it('lets the official MCP SDK client connect (initialize) and call a tool without content', async () => {
    const client = new Client({ name: 'affinity-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(sim.url)));
    try {
      const tools = await client.listTools();
      assert.equal(tools.tools.length, 3);
      const r = await client.callTool({ name: 'search_catalog', arguments: { meta: META, catalog: { query: 'shoes' } } });
      assert.deepEqual(r.content, [], 'SDK 1.32 defaults a missing content to []');
      assert.ok(Array.isArray((r.structuredContent as Json).products));
    } finally {
      await client.close();
    }
  });

  it('serves no legacy endpoint unless asked to', async () => {
    assert.equal((await rpc(sim.legacyUrl, 'tools/list')).status, 404);
  });
});

describe('shop simulator: options and faults', () => {
  it('optionally mirrors structuredContent into a text content block and includes handles', async () => {
    const sim = await createShopSim({ products, includeTextContent: true, includeHandle: true });
    try {
      const { body } = await call(sim.url, 'search_catalog', { meta: META, catalog: { query: 'shoes' } });
      const result = body.result as Json;
      assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent);
      assert.equal(typeof result.structuredContent.products[0].handle, 'string');
    } finally {
      await sim.close();
    }
  });

  it('serves the legacy search_shop_catalog with a JSON string and decimal-string prices', async () => {
    const sim = await createShopSim({ products, legacy: true });
    try {
      const list = await rpc(sim.legacyUrl, 'tools/list');
      assert.deepEqual((list.body.result.tools as Json[]).map((t) => t.name), ['search_shop_catalog']);
      const { body } = await call(sim.legacyUrl, 'search_shop_catalog', { query: 'shoes', context: 'a hiker', limit: 5 });
      assert.equal(body.result.structuredContent, undefined);
      assert.equal(body.result.content[0].type, 'text');
      const data = JSON.parse(body.result.content[0].text as string) as Json;
      assert.equal(data.products.length, 5);
      const p = data.products[0] as Json;
      assert.match(p.product_id, /^gid:\/\/shopify\/Product\/\d+$/);
      assert.match(p.price_range.min, /^\d+\.\d{2}$/);
      assert.equal(p.price_range.currency, 'USD');
      assert.match(p.variants[0].variant_id, /^gid:\/\/shopify\/ProductVariant\/\d+$/);
      assert.match(p.variants[0].price, /^\d+\.\d{2}$/);
      const src = published.find((x) => `gid://shopify/Product/${x.id}` === p.product_id);
      assert.equal(Math.round(Number(p.variants[0].price) * 100), src?.variants[0]?.price.amount);
      assert.equal(data.pagination.hasNextPage, true);
      const next = await call(sim.legacyUrl, 'search_shop_catalog', { query: 'shoes', context: 'a hiker', limit: 5, after: data.pagination.endCursor });
      const page2 = JSON.parse(next.body.result.content[0].text as string) as Json;
      assert.notEqual(page2.products[0].product_id, p.product_id);
      assert.equal((await call(sim.legacyUrl, 'search_shop_catalog', { query: 'shoes' })).body.error.code, -32602, 'context is required');
      // The UCP endpoint keeps working next to it.
      assert.equal((await rpc(sim.url, 'tools/list')).body.result.tools.length, 3);
    } finally {
      await sim.close();
    }
  });

  it('injects HTTP 500 or JSON-RPC -32603 at the configured rate, and counts calls', async () => {
    const http = await createShopSim({ products, errorRate: 1, errorKind: 'http' });
    const json = await createShopSim({ products, errorRate: 1, errorKind: 'rpc' });
    try {
      assert.equal((await rpc(http.url, 'tools/list')).status, 500);
      const r = await rpc(json.url, 'tools/list');
      assert.equal(r.status, 200);
      assert.equal(r.body.error.code, -32603);
      await http.setFaults({ errorRate: 0 });
      assert.equal((await rpc(http.url, 'tools/list')).status, 200);
      assert.equal(http.calls, 2);
    } finally {
      await http.close();
      await json.close();
    }
  });

  it('fails a seeded share of requests, the same ones for the same seed', async () => {
    const outcomes = async (seed: number): Promise<boolean[]> => {
      const sim = await createShopSim({ products, errorRate: 0.3, seed });
      try {
        const out: boolean[] = [];
        for (let i = 0; i < 40; i++) {
          const r = await rpc(sim.url, 'tools/list');
          out.push(r.status === 200 && r.body.result !== undefined);
        }
        return out;
      } finally {
        await sim.close();
      }
    };
    const a = await outcomes(7);
    assert.deepEqual(await outcomes(7), a);
    const failures = a.filter((ok) => !ok).length;
    assert.ok(failures > 0 && failures < 40, `some but not all requests fail (${failures}/40)`);
  });

  it('refuses connections while down and comes back on the same port', async () => {
    const sim = await createShopSim({ products, down: true });
    try {
      await assert.rejects(fetch(sim.url, { method: 'POST', body: '{}' }), (e: Error & { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED');
      assert.equal(sim.calls, 0);
      await sim.setFaults({ down: false });
      assert.equal((await rpc(sim.url, 'tools/list')).status, 200);
      await sim.setFaults({ down: true });
      await assert.rejects(rpc(sim.url, 'tools/list'));
      await sim.setFaults({ down: false });
      assert.equal((await rpc(sim.url, 'tools/list')).status, 200);
      assert.equal(sim.calls, 2);
    } finally {
      await sim.close();
    }
  });

  it('can require an MCP session like a stateful Streamable HTTP server', async () => {
    const sim = await createShopSim({ products, requireSession: true });
    try {
      const r = await rpc(sim.url, 'tools/list');
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, -32000);
      const init = await fetch(sim.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } }),
      });
      const sid = init.headers.get('mcp-session-id');
      assert.ok(sid);
      assert.equal((await rpc(sim.url, 'tools/list', undefined, { 'mcp-session-id': sid })).body.result.tools.length, 3);
    } finally {
      await sim.close();
    }
  });
});
