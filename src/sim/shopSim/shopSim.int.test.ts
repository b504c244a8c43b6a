import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { parseShopifyCsv } from '../../core/catalog/csvImport.ts';
import { generateCatalog } from '../../core/catalog/demoCatalog.ts';
import type { Product } from '../../core/catalog/product.ts';
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
/** `tools/list` with the agent profile where Shopify documents it. */
const listTools = (url: string, headers: Record<string, string> = {}) => rpc(url, 'tools/list', { arguments: { meta: META } }, headers);
const gid = (id: string) => `gid://shopify/Product/${id}`;
const vgid = (id: string) => `gid://shopify/ProductVariant/${id}`;

/** A shirt in red (S, M out of stock, L) and blue (S out of stock, M); there is no blue L. */
function optionProduct(): Product {
  const variant = (id: string, color: string, size: string, amount: number, available: boolean) => ({ id, title: `${color} / ${size}`, price: { amount, currency: 'USD' }, available, options: { color, size } });
  return {
    id: '9001',
    handle: 'oxford-shirt',
    title: 'Oxford Shirt',
    description: 'A cotton shirt',
    vendor: 'Loom',
    productType: 'Shirts',
    category: 'Apparel > Shirts',
    tags: [],
    options: { color: ['Red', 'Blue'], size: ['S', 'M', 'L'] },
    variants: [variant('90011', 'Red', 'S', 3000, true), variant('90012', 'Red', 'M', 3000, false), variant('90013', 'Red', 'L', 3500, true), variant('90014', 'Blue', 'S', 3000, false), variant('90015', 'Blue', 'M', 3000, true)],
    images: [],
    published: true,
  };
}

describe('shop simulator: UCP Storefront Catalog MCP', () => {
  let sim: ShopSim;
  before(async () => {
    sim = await createShopSim({ products, shopDomain: 'sim.example' });
  });
  after(() => sim.close());

  it('answers tools/list statelessly (no initialize) with the three UCP tools and input schemas', async () => {
    const { status, body } = await listTools(sim.url);
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
    assert.equal(sc.ucp.version, '2026-08-25', 'the newest version, as the profile is not one the shop knows an older version for');
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
    const categoryId = sim.taxonomyIds.get(published.find((x) => gid(x.id) === p.id)?.category ?? '') as string;
    assert.match(categoryId, /^[a-z]{2}(-\d+)*$/, 'a Shopify-shaped taxonomy id, not a name');
    assert.deepEqual(p.categories, [{ value: categoryId, taxonomy: 'shopify' }]);
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

  it('matches category filters against taxonomy ids (or their GIDs), never names, and applies price filters in minor units', async () => {
    const category = published[0]?.category as string;
    const other = published.find((p) => p.category !== category)?.category as string;
    const [id, otherId] = [sim.taxonomyIds.get(category) as string, sim.taxonomyIds.get(other) as string];
    const max = 5000;
    const search = async (categories: string[]) =>
      ((await call(sim.url, 'search_catalog', { meta: META, catalog: { filters: { categories, price: { max } }, pagination: { limit: 100 } } })).body.result.structuredContent.products as Json[]).map(
        (p) => p.id,
      );
    const expected = published
      .filter((p) => p.category === category || p.category === other)
      .filter((p) => Math.min(...p.variants.map((v) => v.price.amount)) <= max)
      .map((p) => gid(p.id));
    assert.ok(expected.length > 0);
    assert.deepEqual(await search([id, `gid://shopify/TaxonomyCategory/${otherId}`]), expected);
    assert.deepEqual(await search([category, category.split('>').at(-1)?.trim() as string]), [], 'names match no category value');
  });

  it('rejects a call without meta["ucp-agent"].profile with JSON-RPC -32602 (UCP binding: protocol error)', async () => {
    const { status, body } = await call(sim.url, 'search_catalog', { catalog: { query: 'shoes' } });
    assert.equal(status, 200);
    assert.equal(body.error.code, -32602);
    assert.match(body.error.message, /ucp-agent/);
    const noUrl = await call(sim.url, 'search_catalog', { meta: { 'ucp-agent': { profile: 'not a url' } }, catalog: { query: 'shoes' } });
    assert.equal(noUrl.body.error.code, -32602);
    // MCP's own `_meta` is not where Shopify reads the profile.
    const onlyMeta = await rpc(sim.url, 'tools/call', { name: 'search_catalog', arguments: { catalog: { query: 'shoes' } }, _meta: META });
    assert.equal(onlyMeta.body.error.code, -32602);
  });

  it('requires the agent profile in params.arguments.meta on tools/list too ("the returned tools depend on the capabilities your agent advertises")', async () => {
    for (const params of [undefined, {}, { _meta: META }, { arguments: { meta: { 'ucp-agent': {} } } }]) {
      const r = await rpc(sim.url, 'tools/list', params);
      assert.equal(r.body.error?.code, -32602, JSON.stringify(params));
      assert.match(r.body.error.message, /ucp-agent/);
    }
    assert.equal((await listTools(sim.url)).body.result.tools.length, 3);
    // initialize and ping need no profile (MCP's handshake).
    assert.deepEqual((await rpc(sim.url, 'ping')).body.result, {});
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
    const b = published.find((p) => p.variants.length > 1);
    assert.ok(a && b);
    const variant = b.variants.at(-1);
    assert.ok(variant);
    const { body } = await call(sim.url, 'lookup_catalog', {
      meta: META,
      catalog: { ids: [gid(a.id), vgid(variant.id), 'gid://shopify/Product/1', String(a.id)] },
    });
    const sc = body.result.structuredContent as Json;
    assert.deepEqual(sc.products.map((p: Json) => p.id), [gid(a.id), gid(b.id)]);
    const featured = a.variants.find((v) => v.available) ?? a.variants[0];
    assert.deepEqual(sc.products[0].variants.map((v: Json) => [v.id, v.inputs]), [[vgid(featured?.id as string), [{ id: gid(a.id), match: 'featured' }]]]);
    assert.deepEqual(sc.products[1].variants.map((v: Json) => [v.id, v.inputs]), [[vgid(variant.id), [{ id: vgid(variant.id), match: 'exact' }]]]);
    assert.deepEqual(sc.messages, [
      { type: 'info', code: 'not_found', content: 'gid://shopify/Product/1' },
      { type: 'info', code: 'not_found', content: String(a.id) },
    ], 'a bare number is not a Shopify id');
  });

  it('returns only the matched or featured variants, each with inputs; a product once however many ids name it', async () => {
    const b = published.find((p) => p.variants.length > 2);
    assert.ok(b);
    const [v0, v1] = [b.variants[1], b.variants[2]];
    assert.ok(v0 && v1);
    const { body } = await call(sim.url, 'lookup_catalog', { meta: META, catalog: { ids: [vgid(v0.id), gid(b.id), vgid(v1.id), vgid(v0.id)] } });
    const sc = body.result.structuredContent as Json;
    assert.equal(sc.products.length, 1);
    const variants = sc.products[0].variants as Json[];
    assert.ok(variants.length < b.variants.length, 'not every variant');
    assert.ok(variants.every((v) => Array.isArray(v.inputs) && v.inputs.length > 0), 'variants without inputs must not appear');
    const featured = (b.variants.find((v) => v.available) ?? b.variants[0])?.id as string;
    const expected = new Map<string, Json[]>([[vgid(v0.id), [{ id: vgid(v0.id), match: 'exact' }]]]);
    expected.set(vgid(featured), [...(expected.get(vgid(featured)) ?? []), { id: gid(b.id), match: 'featured' }]);
    expected.set(vgid(v1.id), [...(expected.get(vgid(v1.id)) ?? []), { id: vgid(v1.id), match: 'exact' }]);
    assert.deepEqual(new Map(variants.map((v) => [v.id, v.inputs])), expected);
  });

  it('rejects more than 10 ids per lookup with JSON-RPC -32602, as Shopify Storefront Catalog does', async () => {
    const ids = published.slice(0, 11).map((p) => gid(p.id));
    const tooMany = await call(sim.url, 'lookup_catalog', { meta: META, catalog: { ids } });
    assert.equal(tooMany.body.error.code, -32602);
    assert.match(tooMany.body.error.message, /at most 10 ids/);
    const ten = await call(sim.url, 'lookup_catalog', { meta: META, catalog: { ids: ids.slice(0, 10) } });
    assert.equal(ten.body.result.structuredContent.products.length, 10);
    const tools = (await listTools(sim.url)).body.result.tools as Json[];
    assert.equal(tools.find((t) => t.name === 'lookup_catalog')?.inputSchema.properties.catalog.properties.ids.maxItems, 10);
  });

  it('looks up handles only when configured to, and says so in the lookup input schema', async () => {
    const a = published[3];
    assert.ok(a);
    const strict = await call(sim.url, 'lookup_catalog', { meta: META, catalog: { ids: [a.handle] } });
    assert.deepEqual(strict.body.result.structuredContent.products, []);
    assert.deepEqual(strict.body.result.structuredContent.messages, [{ type: 'info', code: 'not_found', content: a.handle }]);
    const idsSchema = (t: Json[]) => t.find((x) => x.name === 'lookup_catalog')?.inputSchema.properties.catalog.properties.ids.description as string;
    assert.doesNotMatch(idsSchema((await listTools(sim.url)).body.result.tools), /handle/);
    const lenient = await createShopSim({ products, lookupByHandle: true });
    try {
      const r = await call(lenient.url, 'lookup_catalog', { meta: META, catalog: { ids: [a.handle] } });
      assert.deepEqual(r.body.result.structuredContent.products.map((p: Json) => p.id), [gid(a.id)]);
      assert.equal(r.body.result.structuredContent.products[0].variants[0].inputs[0].match, 'featured');
      assert.match(idsSchema((await listTools(lenient.url)).body.result.tools), /handle/);
    } finally {
      await lenient.close();
    }
  });

  it('gets one product, and reports a missing one as a not_found message', async () => {
    const a = published[2];
    assert.ok(a);
    const ok = await call(sim.url, 'get_product', { meta: META, catalog: { id: gid(a.id) } });
    assert.equal(ok.body.result.structuredContent.product.title, a.title);
    const missing = await call(sim.url, 'get_product', { meta: META, catalog: { id: 'gid://shopify/Product/1' } });
    assert.equal(missing.body.result.structuredContent.product, undefined);
    assert.equal(missing.body.result.structuredContent.messages[0].code, 'not_found');
  });

  it('get_product returns the featured variant and those matching the selection, never every variant', async () => {
    const shirt = optionProduct();
    const small = await createShopSim({ products: [shirt], shopDomain: 'sim.example' });
    try {
      const get = async (catalog: Json) => (await call(small.url, 'get_product', { meta: META, catalog })).body;
      const ids = (b: Json) => (b.result.structuredContent.product.variants as Json[]).map((v) => v.id);
      const values = (b: Json, name: string) => (b.result.structuredContent.product.options as Json[]).find((o) => o.name === name)?.values;

      // A product id alone: the featured variant (the first available), anchored by its own options.
      const plain = await get({ id: gid('9001') });
      assert.deepEqual(ids(plain), [vgid('90011')]);
      assert.deepEqual(plain.result.structuredContent.product.selected, [{ name: 'color', label: 'Red' }, { name: 'size', label: 'S' }]);
      assert.deepEqual(values(plain, 'size'), [
        { label: 'S', available: true, exists: true },
        { label: 'M', available: false, exists: true },
        { label: 'L', available: true, exists: true },
      ]);
      assert.deepEqual(values(plain, 'color'), [
        { label: 'Red', available: true, exists: true },
        { label: 'Blue', available: false, exists: true },
      ]);
      assert.equal(plain.result.structuredContent.product.price_range.max.amount, 3500, 'the price range is still the whole product’s');

      // A partial selection: the variants of that colour, the available one first; signals relative to it.
      const blue = await get({ id: gid('9001'), selected: [{ name: 'color', label: 'Blue' }] });
      assert.deepEqual(ids(blue), [vgid('90015'), vgid('90014')]);
      assert.deepEqual(blue.result.structuredContent.product.selected, [{ name: 'color', label: 'Blue' }]);
      assert.deepEqual(values(blue, 'size'), [
        { label: 'S', available: false, exists: true },
        { label: 'M', available: true, exists: true },
        { label: 'L', available: false, exists: false },
      ]);

      // No blue L: relaxed from the end of `preferences` (or, without them, the last selection first).
      const keepColour = await get({ id: gid('9001'), selected: [{ name: 'color', label: 'Blue' }, { name: 'size', label: 'L' }], preferences: ['color', 'size'] });
      assert.deepEqual(keepColour.result.structuredContent.product.selected, [{ name: 'color', label: 'Blue' }]);
      assert.deepEqual(ids(keepColour), [vgid('90015'), vgid('90014')]);
      const keepSize = await get({ id: gid('9001'), selected: [{ name: 'color', label: 'Blue' }, { name: 'size', label: 'L' }], preferences: ['size', 'color'] });
      assert.deepEqual(keepSize.result.structuredContent.product.selected, [{ name: 'size', label: 'L' }]);
      assert.deepEqual(ids(keepSize), [vgid('90013')]);

      // A variant id decides the selection: it comes first, and `selected` is ignored.
      const byVariant = await get({ id: vgid('90014'), selected: [{ name: 'color', label: 'Red' }] });
      assert.deepEqual(ids(byVariant), [vgid('90014')]);
      assert.deepEqual(byVariant.result.structuredContent.product.selected, [{ name: 'color', label: 'Blue' }, { name: 'size', label: 'S' }]);

      const twice = await call(small.url, 'get_product', { meta: META, catalog: { id: gid('9001'), selected: [{ name: 'color', label: 'Red' }, { name: 'color', label: 'Blue' }] } });
      assert.equal(twice.body.error.code, -32602, 'each option name at most once');
      const missing = await get({ id: gid('1') });
      assert.equal(missing.result.structuredContent.ucp.status, 'error');
    } finally {
      await small.close();
    }
  });

  it('lets the official MCP SDK client connect (initialize) and call a tool without content', async () => {
    const client = new Client({ name: 'affinity-test', version: '0.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(sim.url)));
    try {
      await assert.rejects(client.listTools(), /ucp-agent/, 'the profile is required on tools/list');
      const tools = await client.request({ method: 'tools/list', params: { arguments: { meta: META } } }, ListToolsResultSchema);
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

describe('shop simulator: UCP versions', () => {
  const V1 = 'https://agents.example/profile-2026-04-08.json';

  it('publishes its business profile at /.well-known/ucp: both versions over MCP, keys[] (2026-08-25)', async () => {
    const sim = await createShopSim({ products });
    try {
      const res = await fetch(sim.url.replace('/api/ucp/mcp', '/.well-known/ucp'));
      assert.equal(res.status, 200);
      const doc = (await res.json()) as Json;
      assert.equal(doc.ucp.version, '2026-08-25');
      assert.deepEqual(doc.ucp.services['dev.ucp.shopping'].map((e: Json) => [e.version, e.transport, e.endpoint]), [
        ['2026-08-25', 'mcp', sim.url],
        ['2026-04-08', 'mcp', sim.url],
      ]);
      assert.ok(doc.ucp.capabilities['dev.ucp.shopping.catalog.lookup']);
      assert.equal(doc.keys[0].kty, 'OKP');
      assert.equal(doc.signing_keys, undefined, 'renamed keys[] in 2026-08-25');
      assert.equal(sim.profileCalls, 1);
      assert.equal(sim.calls, 0, 'calls counts MCP requests only');
    } finally {
      await sim.close();
    }
  });

  it('answers in the version negotiated with the agent profile; a 2026-04-08 shop publishes signing_keys[]', async () => {
    const sim = await createShopSim({ products, agentVersions: { [V1]: '2026-04-08', 'https://agents.example/old.json': '2026-01-11' } });
    const old = await createShopSim({ products, ucpVersions: ['2026-04-08'] });
    try {
      const version = async (url: string, profile: string) => (await call(url, 'search_catalog', { meta: { 'ucp-agent': { profile } }, catalog: { query: 'shoes' } })).body;
      assert.equal((await version(sim.url, PROFILE)).result.structuredContent.ucp.version, '2026-08-25');
      assert.equal((await version(sim.url, V1)).result.structuredContent.ucp.version, '2026-04-08');
      const none = await version(sim.url, 'https://agents.example/old.json');
      assert.equal(none.error.code, -32602);
      assert.match(none.error.message, /version_unsupported/);
      assert.equal((await version(old.url, PROFILE)).result.structuredContent.ucp.version, '2026-04-08');
      const doc = (await (await fetch(old.url.replace('/api/ucp/mcp', '/.well-known/ucp'))).json()) as Json;
      assert.equal(doc.ucp.version, '2026-04-08');
      assert.equal(doc.keys, undefined);
      assert.equal(doc.signing_keys.length, 1);
    } finally {
      await sim.close();
      await old.close();
    }
  });
});

/** A product CSV export: handles, no ids (variant ids become the SKUs). */
const CSV = `Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Price,Product Category
ocean-blue-shirt,Ocean Blue Shirt,<p>Cotton shirt</p>,Partners,Shirts,men,true,Size,S,OBS-S,50.00,Apparel & Accessories > Clothing > Shirts & Tops
ocean-blue-shirt,,,,,,,,M,OBS-M,50.00,
yellow-wool-jumper,Yellow Wool Jumper,Wool jumper,Partners,Sweaters,women,true,Title,Default Title,YWJ,80.00,Apparel & Accessories > Clothing > Sweaters
leather-tote,Leather Tote,A tote,Atelier,Bags,bags,true,Title,Default Title,LT,120.00,Luggage & Bags > Tote Bags
`;

describe('shop simulator: Shopify ids for any catalog', () => {
  it('serves a CSV-imported catalog (handles as ids) under numeric product and variant ids, its handles in the urls', async () => {
    const imported = parseShopifyCsv(CSV, { currency: 'USD' }).products;
    assert.equal(imported.length, 3);
    const sim = await createShopSim({ products: imported, shopDomain: 'apparel.example' });
    try {
      assert.equal(sim.products.length, imported.length);
      assert.ok(sim.products.every((p) => /^\d+$/.test(p.id) && p.variants.every((v) => /^\d+$/.test(v.id))));
      assert.deepEqual(sim.products.map((p) => p.handle), imported.map((p) => p.handle));
      assert.equal(new Set(sim.products.map((p) => p.id)).size, imported.length);
      const first = sim.products[0];
      assert.ok(first);
      const { body } = await call(sim.url, 'lookup_catalog', { meta: META, catalog: { ids: [gid(first.id)] } });
      const p = body.result.structuredContent.products[0] as Json;
      assert.equal(p.url, `https://apparel.example/products/${first.handle}`);
      // The same catalog gives the same ids every time.
      const again = await createShopSim({ products: imported });
      try {
        assert.deepEqual(again.products.map((x) => x.id), sim.products.map((x) => x.id));
      } finally {
        await again.close();
      }
    } finally {
      await sim.close();
    }
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
      assert.equal((await listTools(sim.url)).body.result.tools.length, 3);
    } finally {
      await sim.close();
    }
  });

  it('injects HTTP 500 or JSON-RPC -32603 at the configured rate, and counts calls', async () => {
    const http = await createShopSim({ products, errorRate: 1, errorKind: 'http' });
    const json = await createShopSim({ products, errorRate: 1, errorKind: 'rpc' });
    try {
      assert.equal((await listTools(http.url)).status, 500);
      const r = await listTools(json.url);
      assert.equal(r.status, 200);
      assert.equal(r.body.error.code, -32603);
      await http.setFaults({ errorRate: 0 });
      assert.equal((await listTools(http.url)).status, 200);
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
          const r = await listTools(sim.url);
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
      assert.equal((await listTools(sim.url)).status, 200);
      await sim.setFaults({ down: true });
      await assert.rejects(listTools(sim.url));
      await sim.setFaults({ down: false });
      assert.equal((await listTools(sim.url)).status, 200);
      assert.equal(sim.calls, 2);
    } finally {
      await sim.close();
    }
  });

  it('can require an MCP session like a stateful Streamable HTTP server', async () => {
    const sim = await createShopSim({ products, requireSession: true });
    try {
      const r = await listTools(sim.url);
      assert.equal(r.status, 400);
      assert.equal(r.body.error.code, -32000);
      const init = await fetch(sim.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } }),
      });
      const sid = init.headers.get('mcp-session-id');
      assert.ok(sid);
      assert.equal((await listTools(sim.url, { 'mcp-session-id': sid })).body.result.tools.length, 3);
    } finally {
      await sim.close();
    }
  });
});
