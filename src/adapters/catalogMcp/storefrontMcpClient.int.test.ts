import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import { createShopSim } from '../../sim/shopSim/shopSim.ts';
import type { ShopSim } from '../../sim/shopSim/shopSim.ts';
import { CatalogMcpError, NothingToAsk } from './errors.ts';
import { ShopTaxonomy } from './shopTaxonomy.ts';
import { StorefrontMcpClient, storefrontMcpUrl } from './storefrontMcpClient.ts';

const PROFILE = 'https://affinity.example/ucp/agent-profile.json';
const catalog = generateCatalog({ size: 150, seed: 21 });
const byId = new Map(catalog.map((p) => [p.id, p]));

type Json = Record<string, any>;

/** The global fetch, recording each request's method, path and JSON body. */
function recordingFetch(): typeof fetch & { requests: { method: string; path: string; body?: Json }[] } {
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    f.requests.push({ method: init?.method ?? 'GET', path: url.pathname, ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) as Json } : {}) });
    return fetch(input, init);
  }) as typeof fetch & { requests: { method: string; path: string; body?: Json }[] };
  f.requests = [];
  return f;
}

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
    const d = await client.discover();
    assert.deepEqual([d.protocol, d.tools, d.lookupByHandle, d.ucpVersion], ['ucp', ['search_catalog', 'lookup_catalog', 'get_product'], false, '2026-08-25']);
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
      assert.equal(p.category, sim.taxonomyIds.get(src.category), "the shop's taxonomy id (Shopify gives no category names)");
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

  it('looks up 60 ids in chunks of at most 10 (Shopify rejects more), answers merged in request order', async () => {
    const f = recordingFetch();
    const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE, fetch: f });
    const published = catalog.filter((p) => p.published);
    // Request order differs from catalog order, and repeats an id.
    const ids = [...published.slice(0, 60).map((p) => p.id).reverse(), published[5]?.id as string];
    const before = { ...sim.toolCalls };
    const page = await client.lookup({ ids });
    assert.deepEqual(page.products.map((p) => p.id), ids.slice(0, 60));
    assert.equal((sim.toolCalls.lookup_catalog ?? 0) - (before.lookup_catalog ?? 0), 6);
    const sent = f.requests.filter((r) => r.body?.params?.name === 'lookup_catalog').map((r) => r.body?.params.arguments.catalog.ids as string[]);
    assert.ok(sent.every((chunk) => chunk.length <= 10));
    assert.equal(sent.flat().length, 60, 'each id once');
    // Only the featured variant of each product comes back (a lookup is not a full product).
    assert.ok(page.products.every((p) => p.variants.length === 1));
    const one = await client.getProduct({ id: ids[3] as string });
    assert.deepEqual(one.products.map((p) => p.id), [ids[3]]);
    const none = await client.getProduct({ id: '1' });
    assert.deepEqual(none.products, []);
    assert.equal(none.messages[0]?.code, 'not_found');
  });

  it('reads get_product answers that carry only the featured variant and those matching the selection', async () => {
    const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE });
    // A product with two options, one of them with several values.
    const shirt = sim.products.find((p) => {
      const names = Object.keys(p.options);
      return names.length >= 2 && (p.options[names[0] as string]?.length ?? 0) >= 2 && p.variants.length > 2;
    });
    assert.ok(shirt, 'the demo catalog has a product with two options');
    const featured = shirt.variants.find((v) => v.available) ?? shirt.variants[0];
    const one = await client.getProduct({ id: shirt.id });
    const got = one.products[0];
    assert.ok(got);
    assert.deepEqual(got.variants.map((v) => v.id), [featured?.id], 'the featured variant only');
    assert.deepEqual(got.options, shirt.options, "the product's options, not only the featured variant's");
    const [name, values] = Object.entries(shirt.options)[0] as [string, string[]];
    const label = values.find((l) => l !== featured?.options[name]) as string;
    const picked = (await client.getProduct({ id: shirt.id, selected: [{ name, label }] })).products[0];
    assert.deepEqual(picked?.variants.map((v) => v.id).sort(), shirt.variants.filter((v) => v.options[name] === label).map((v) => v.id).sort());
    assert.deepEqual(picked?.options, shirt.options);
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

  it('sends the agent profile in params.arguments.meta (and params._meta) on tools/list and tools/call, and reads the business profile', async () => {
    const f = recordingFetch();
    const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE, fetch: f });
    assert.equal((await client.discover()).tools.length, 3, 'the shop accepted tools/list');
    await client.search({ query: 'shoes', limit: 2 });
    const agent = { 'ucp-agent': { profile: PROFILE } };
    const list = f.requests.find((r) => r.body?.method === 'tools/list');
    assert.deepEqual(list?.body?.params, { arguments: { meta: agent }, _meta: agent });
    const call = f.requests.find((r) => r.body?.method === 'tools/call');
    assert.deepEqual(call?.body?.params.arguments.meta, agent);
    assert.deepEqual(call?.body?.params._meta, agent);
    assert.deepEqual(f.requests.filter((r) => r.method === 'GET').map((r) => r.path), ['/.well-known/ucp']);
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

describe('StorefrontMcpClient: UCP versions', () => {
  it('negotiates 2026-08-25 when the shop offers it, and sends 2026-08-25 fields only then', async () => {
    const both = await createShopSim({ products: catalog });
    const old = await createShopSim({ products: catalog, ucpVersions: ['2026-04-08'] });
    try {
      for (const [sim, version] of [[both, '2026-08-25'], [old, '2026-04-08']] as const) {
        const f = recordingFetch();
        const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE, fetch: f });
        const d = await client.discover();
        assert.equal(d.ucpVersion, version);
        assert.deepEqual(d.profile?.mcpVersions, version === '2026-08-25' ? ['2026-08-25', '2026-04-08'] : ['2026-04-08']);
        assert.equal(d.profile?.keyIds.length, 1, 'keys[] and signing_keys[] both read');
        const page = await client.search({ query: 'shoes', limit: 1, context: { country: 'US', location: 'gid://shopify/Location/1' } });
        assert.equal(page.ucpVersion, version, 'the answer is in the negotiated version');
        const context = f.requests.find((r) => r.body?.method === 'tools/call')?.body?.params.arguments.catalog.context;
        assert.deepEqual(context, version === '2026-08-25' ? { address_country: 'US', location: 'gid://shopify/Location/1' } : { address_country: 'US' });
      }
    } finally {
      await both.close();
      await old.close();
    }
  });

  it('reads 2026-08-25 answers (policies, actions, quantity_unit) and 2026-04-08 ones', async () => {
    const v0825 = {
      ucp: { version: '2026-08-25', capabilities: { 'dev.ucp.shopping.catalog.search': [{ version: '2026-08-25' }] } },
      products: [{ ...UCP_PRODUCT, variants: [{ ...UCP_PRODUCT.variants[0], quantity_unit: { unit: 'kg', value: 1 }, unit_price: { amount: 1999, currency: 'EUR' } }] }],
      policies: [{ type: 'dev.ucp.policy.return', description: { plain: '30-day returns' }, url: 'https://shop.example/policies/refund-policy' }],
      actions: { 'dev.ucp.shopping.cart.create': { url: 'https://shop.example/cart' } },
      messages: [],
    };
    const v0408 = { ucp: { version: '2026-04-08', capabilities: {} }, products: [UCP_PRODUCT], messages: [] };
    for (const [sc, version] of [[v0825, '2026-08-25'], [v0408, '2026-04-08']] as const) {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { structuredContent: sc } });
      const page = await new StorefrontMcpClient({ url: 'http://x/api/ucp/mcp', agentProfileUrl: PROFILE, protocol: 'ucp', fetch: cannedFetch(body) }).search({ query: 'tee' });
      assert.equal(page.ucpVersion, version);
      assert.deepEqual(page.invalid, []);
      assert.deepEqual(page.products.map((p) => [p.id, p.variants[0]?.price.amount]), [['42', 1999]]);
      assert.deepEqual(page.policies, version === '2026-08-25' ? [{ type: 'dev.ucp.policy.return', description: '30-day returns', url: 'https://shop.example/policies/refund-policy' }] : undefined);
    }
  });
});

describe('StorefrontMcpClient: lookups by handle and category filters', () => {
  it('sends handles only to a shop whose lookup takes them; others come back in unsent', async () => {
    const strict = await createShopSim({ products: catalog });
    const lenient = await createShopSim({ products: catalog, lookupByHandle: true });
    try {
      const [a, b] = catalog.filter((p) => p.published);
      assert.ok(a && b);
      const f = recordingFetch();
      const s = new StorefrontMcpClient({ url: strict.url, agentProfileUrl: PROFILE, fetch: f });
      const page = await s.lookup({ ids: [a.handle, b.id] });
      assert.deepEqual(page.products.map((p) => p.id), [b.id]);
      assert.deepEqual(page.unsent, [a.handle]);
      assert.deepEqual(f.requests.filter((r) => r.body?.params?.name === 'lookup_catalog').map((r) => r.body?.params.arguments.catalog.ids), [[`gid://shopify/Product/${b.id}`]]);
      // Nothing to ask: no call, and no answer that a breaker could count as the shop being healthy.
      await assert.rejects(s.lookup({ ids: [a.handle] }), (e: NothingToAsk) => e instanceof NothingToAsk && e.ids[0] === a.handle);
      assert.equal(f.requests.filter((r) => r.body?.params?.name === 'lookup_catalog').length, 1, 'nothing to ask: no call');
      await assert.rejects(s.getProduct({ id: a.handle }), (e: CatalogMcpError) => e.kind === 'unsupported');

      const l = new StorefrontMcpClient({ url: lenient.url, agentProfileUrl: PROFILE });
      assert.equal((await l.discover()).lookupByHandle, true, 'learned from the lookup_catalog input schema');
      const found = await l.lookup({ ids: [a.handle, b.id] });
      assert.deepEqual(found.products.map((p) => p.id), [a.id, b.id]);
      assert.equal(found.unsent, undefined);
    } finally {
      await strict.close();
      await lenient.close();
    }
  });

  it('filters categories by the taxonomy ids learned for their names; without one it does not ask the shop', async () => {
    const sim = await createShopSim({ products: catalog });
    try {
      const published = catalog.filter((p) => p.published);
      const path = published[0]?.category as string;
      const leaf = path.split('>').at(-1)?.trim() as string;
      const id = sim.taxonomyIds.get(path) as string;
      const taxonomy = new ShopTaxonomy();
      const client = new StorefrontMcpClient({ url: sim.url, agentProfileUrl: PROFILE, taxonomy });
      const calls = sim.calls;
      await assert.rejects(client.search({ filters: { categories: [leaf] }, limit: 100 }), (e: CatalogMcpError) => e.kind === 'unsupported' && e.message.includes(leaf));
      const expected = published.filter((p) => p.category === path).map((p) => p.id);
      assert.deepEqual((await client.search({ filters: { categories: [id] }, limit: 100 })).products.map((p) => p.id), expected, 'an id goes as it is');
      taxonomy.learn(id, path);
      assert.deepEqual((await client.search({ filters: { categories: [leaf] }, limit: 100 })).products.map((p) => p.id), expected, 'a name goes as its id');
      assert.equal(sim.toolCalls.search_catalog, 2);
      assert.ok(sim.calls - calls <= 3, 'tools/list and two searches');
    } finally {
      await sim.close();
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
