/**
 * What an agent developer meets with the real MCP SDK client over HTTP, beyond the happy path: the
 * CORS answers a browser-based client needs (preflight, exposed `Mcp-Session-Id`, readable errors) and
 * none for other origins; -32602 with a sentence for malformed `tools/call` params; a 401 that says how
 * to authenticate; a `tools` capability that promises no list-change notification it cannot send; `gid`
 * only when it is a real GID; absolute product links on the shop's domain; GIDs of the wrong kind
 * refused; and `explain_recommendation` as a read-only twin of `recommend_products`, market included.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, LATEST_PROTOCOL_VERSION, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startAffinity, type Running } from './helpers.ts';

const ALLOWED = 'http://localhost:6274';
const READ = 'read-ingest-key-0123456789';
const ADMIN = 'admin-key-0123456789abcdef';
const LINK_SHOP = 'hx-a.myshopify.com';
const EU_SHOP = 'hx-eu.myshopify.com';
const ACCEPT = 'application/json, text/event-stream';

const market = (handle: string, country: string, currency: string, exchangeRates?: Record<string, number>) => ({
  handle,
  countries: [country],
  currency,
  language: 'en',
  cacheTtlSeconds: 60,
  privacy: 'none',
  priceInclusions: { duties: 'add_at_checkout', taxes: 'included' },
  ...(exchangeRates ? { exchangeRates } : {}),
});
const MARKETS = { defaultMarket: 'us', markets: [market('us', 'US', 'USD'), market('eu', 'DE', 'EUR', { USD: 0.92 })] };

// A Shopify CSV export: products keyed by handle. Ridge is 95 EUR on the EU list, Summit 109 EUR, Trail not listed (80 USD).
const EU_CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Price / EU',
  'Ridge Hiking Boot,ridge-boot,Alpina,Hiking Boots,hiking,TRUE,active,RB-1,Title,Default Title,120.00,,,,95.00',
  'Summit Hiking Boot,summit-boot,Alpina,Hiking Boots,hiking,TRUE,active,SB-1,Title,Default Title,100.00,,,,109.00',
  'Trail Hiking Boot,trail-boot,Campco,Hiking Boots,hiking,TRUE,active,TB-1,Title,Default Title,80.00,,,,',
].join('\n');

// One product with a numeric id, one known by its handle only, one whose catalog gives an absolute link.
const LINK_CATALOG = [
  { id: '101', handle: 'ridge-waterproof-hiking-boot', title: 'Ridge Waterproof Hiking Boot', vendor: 'Alpina', productType: 'Boots', tags: ['hiking'], price: '149.00' },
  { id: 'choker-with-bead', handle: 'choker-with-bead', title: 'Choker with Bead', vendor: 'Aurum', productType: 'Necklace', tags: ['jewelry'], price: '39.00' },
  { id: '103', handle: 'trail-two-person-tent', title: 'Trail Two-Person Tent', vendor: 'Campco', productType: 'Tents', tags: ['camping'], price: '299.00', url: 'https://outfitters.example/products/trail-two-person-tent' },
];

function rawPost(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: ACCEPT, ...headers }, body: JSON.stringify(body) });
}

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'agent-contract-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.ok(!r.isError, `${name} failed: ${JSON.stringify(r.content)}`);
  return r.structuredContent;
}

async function callError(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.equal(r.isError, true, `${name} should fail: ${JSON.stringify(r.structuredContent)}`);
  return r.content[0]?.type === 'text' ? r.content[0].text : '';
}

describe('MCP for agent developers (SDK client over HTTP)', () => {
  let s: Running;
  let dir: string;
  let client: Client;
  const auth = { authorization: `Bearer ${READ}` };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-mcp-contract-'));
    const file = join(dir, 'markets.json');
    writeFileSync(file, JSON.stringify(MARKETS));
    s = await startAffinity({ AFFINITY_MCP_ALLOWED_ORIGINS: ALLOWED, AFFINITY_API_KEYS: `*:read+ingest:${READ},*:admin:${ADMIN}`, AFFINITY_MARKETS_FILE: file });
    const admin = { authorization: `Bearer ${ADMIN}` };
    assert.equal((await s.post(`/v1/catalog/products?shop=${LINK_SHOP}`, LINK_CATALOG, admin)).status, 200);
    const csv = await fetch(`${s.url}/v1/catalog/products?shop=${EU_SHOP}&currency=USD`, { method: 'POST', headers: { 'content-type': 'text/csv', ...admin }, body: EU_CSV });
    assert.equal(csv.status, 200, await csv.text());
    client = await connect(`${s.url}/mcp`, { ...auth, 'x-affinity-shop': LINK_SHOP });
  });
  after(async () => {
    await client?.close();
    s?.affinity.app.server.closeAllConnections();
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('browsers (CORS)', () => {
    it('answers the preflight of an allowed origin with 204, the methods and the request headers the SDK sends', async () => {
      const r = await fetch(`${s.url}/mcp`, {
        method: 'OPTIONS',
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,mcp-protocol-version' },
      });
      assert.equal(r.status, 204, await r.text());
      assert.equal(r.headers.get('access-control-allow-origin'), ALLOWED);
      assert.deepEqual(r.headers.get('access-control-allow-methods')?.split(', '), ['POST', 'GET', 'DELETE', 'OPTIONS']);
      const allowed = r.headers.get('access-control-allow-headers')?.split(', ') ?? [];
      for (const h of ['content-type', 'authorization', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id', 'accept']) assert.ok(allowed.includes(h), h);
      assert.match(r.headers.get('vary') ?? '', /origin/i);
    });

    it('gives an allowed origin readable answers: the session id of initialize, tool results, 405s and 401s', async () => {
      const init = await rawPost(s.url, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'inspector', version: '1' } } }, { ...auth, origin: ALLOWED });
      assert.equal(init.status, 200);
      assert.equal(init.headers.get('access-control-allow-origin'), ALLOWED);
      const exposed = init.headers.get('access-control-expose-headers')?.toLowerCase().split(', ') ?? [];
      for (const h of ['mcp-session-id', 'mcp-protocol-version', 'www-authenticate']) assert.ok(exposed.includes(h), h);
      assert.ok(init.headers.get('mcp-session-id'));
      await init.arrayBuffer();
      const get = await fetch(`${s.url}/mcp`, { headers: { ...auth, origin: ALLOWED, accept: 'text/event-stream' } });
      assert.equal(get.status, 405);
      assert.equal(get.headers.get('access-control-allow-origin'), ALLOWED, 'the SDK client must be able to read the 405 to go on without a stream');
      await get.arrayBuffer();
      const noKey = await rawPost(s.url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { origin: ALLOWED });
      assert.equal(noKey.status, 401);
      assert.equal(noKey.headers.get('access-control-allow-origin'), ALLOWED);
      await noKey.arrayBuffer();
    });

    it('gives an origin that is not listed nothing but the 403, preflight included', async () => {
      for (const origin of ['https://evil.example', 'http://localhost:6275', 'http://127.0.0.1:6274']) {
        const pre = await fetch(`${s.url}/mcp`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
        assert.equal(pre.status, 403, origin);
        assert.equal(pre.headers.get('access-control-allow-origin'), null, origin);
        assert.equal((await pre.json()).error.code, -32000);
        const post = await rawPost(s.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { ...auth, origin });
        assert.equal(post.status, 403, origin);
        assert.equal(post.headers.get('access-control-allow-origin'), null, origin);
        await post.arrayBuffer();
      }
      const agent = await rawPost(s.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, auth);
      assert.equal(agent.status, 200, 'a server-side agent (no Origin) is served as before');
      assert.equal(agent.headers.get('access-control-allow-origin'), null, 'and gets no CORS headers');
      await agent.arrayBuffer();
    });
  });

  describe('protocol', () => {
    it('answers a 401 with a Bearer challenge (invalid_token only when a key was presented)', async () => {
      const none = await rawPost(s.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="affinity"');
      // A JSON-RPC error an MCP client can show, like the transport's own refusals.
      const body = (await none.json()) as any;
      assert.deepEqual([body.jsonrpc, body.id, body.error.code, body.error.data.code], ['2.0', null, -32000, 'UNAUTHORIZED'], JSON.stringify(body));
      assert.match(body.error.message, /^UNAUTHORIZED: /);
      const wrong = await rawPost(s.url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { authorization: 'Bearer not-a-key-0123456789' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.headers.get('www-authenticate'), 'Bearer realm="affinity", error="invalid_token"');
      await wrong.arrayBuffer();
      await assert.rejects(connect(`${s.url}/mcp`, {}), (err: Error & { code?: number }) => err.code === 401);
    });

    it('does not promise tools/list_changed notifications (the tools never change; stateless HTTP could not send one)', () => {
      assert.notEqual(client.getServerCapabilities()?.tools?.listChanged, true);
      assert.ok(client.getServerCapabilities()?.tools, 'tools are still offered');
    });

    it('answers tools/call with malformed params with -32602 Invalid params and a sentence, not -32603 and a zod dump', async () => {
      const cases: [params: unknown, message: RegExp][] = [
        [undefined, /^Invalid params: tools\/call needs params \{"name": "recommend_products", "arguments": \{…\}\}; the request has none\.$/],
        [{ name: 'recommend_products', arguments: null }, /^Invalid params: params\.arguments must be an object .*, not null\.$/],
        [{ name: 'recommend_products', arguments: [1] }, /^Invalid params: params\.arguments must be an object .*, not an array\.$/],
        [{ name: 5 }, /^Invalid params: params\.name must be the tool's name as a string \(recommend_products, .*\), not a number\.$/],
        [{ arguments: {} }, /^Invalid params: params\.name .* and it is missing\.$/],
      ];
      for (const [params, message] of cases) {
        const request = { method: 'tools/call', ...(params !== undefined ? { params } : {}) } as never;
        await assert.rejects(client.request(request, CallToolResultSchema), (err: unknown) => {
          assert.ok(err instanceof McpError, String(err));
          assert.equal(err.code, -32602, `${JSON.stringify(params)}: ${err.message}`);
          assert.match(err.message.replace(/^MCP error -32602: /, ''), message);
          assert.doesNotMatch(err.message, /invalid_type|"path"/, 'no zod dump');
          return true;
        });
      }
      // Near misses: no arguments at all is a valid call; an unknown tool is still -32602 by name.
      const noArgs = (await client.request({ method: 'tools/call', params: { name: 'recommend_products' } }, CallToolResultSchema)) as CallToolResult;
      assert.notEqual(noArgs.isError, true, JSON.stringify(noArgs.content));
      await assert.rejects(client.request({ method: 'tools/call', params: { name: 'nope', arguments: {} } }, CallToolResultSchema), (err: McpError) => err.code === -32602 && /Unknown tool "nope"/.test(err.message));
    });
  });

  describe('product ids and links', () => {
    it('gives gid only when it is a real GID: a numeric id has one, a product known by its handle has none', async () => {
      const r = await call(client, 'recommend_products', { user_id: 'gid-shopper', limit: 10 });
      const byId = new Map<string, any>(r.items.map((i: any) => [i.product_id, i]));
      assert.equal(byId.get('101')?.gid, 'gid://shopify/Product/101');
      const choker = byId.get('choker-with-bead');
      assert.ok(choker, JSON.stringify(r.items.map((i: any) => i.product_id)));
      assert.ok(!('gid' in choker), `a handle is no GID: ${JSON.stringify(choker)}`);
      const explained = await call(client, 'explain_recommendation', { user_id: 'gid-shopper', product_id: 'choker-with-bead' });
      assert.ok(!('gid' in explained.product), JSON.stringify(explained.product));
    });

    it("gives absolute links on the shop's domain (aff_rec kept) and keeps a catalog's own absolute link", async () => {
      const r = await call(client, 'recommend_products', { user_id: 'link-shopper', limit: 10 });
      assert.ok(r.recommendation_id);
      const byId = new Map<string, any>(r.items.map((i: any) => [i.product_id, i]));
      assert.equal(byId.get('101')?.url, `https://${LINK_SHOP}/products/ridge-waterproof-hiking-boot?aff_rec=${r.recommendation_id}`);
      assert.equal(byId.get('choker-with-bead')?.url, `https://${LINK_SHOP}/products/choker-with-bead?aff_rec=${r.recommendation_id}`);
      assert.equal(byId.get('103')?.url, `https://outfitters.example/products/trail-two-person-tent?aff_rec=${r.recommendation_id}`);
      for (const i of r.items) assert.ok(URL.canParse(i.url), i.url);
      const found = await call(client, 'search_catalog', { query: 'boot', user_id: 'link-shopper' });
      for (const i of found.items) assert.match(i.url, /^https:\/\//, i.url);
    });

    it('track_event refuses a GID of another kind than Product/ProductVariant with VALIDATION_FAILED, and records nothing for it', async () => {
      const shopper = 'gid-kind-shopper';
      for (const [arg, value] of [['product_id', 'gid://shopify/Collection/101'], ['product_id', 'gid://shopify/Customer/101'], ['variant_id', 'gid://shopify/Product/101'], ['order_id', 'gid://shopify/Customer/5']]) {
        const args = { event: 'purchased', product_id: '101', user_id: shopper, [arg as string]: value };
        const text = await callError(client, 'track_event', args);
        assert.match(text, new RegExp(`^VALIDATION_FAILED: ${arg}: ${value!.replace(/[/.]/g, '\\$&')} is a \\w+ GID, not a`), text);
      }
      // Written as a GID and not one (no id, or letters where Shopify's ids are numbers): refused, not stored as a product no catalog names.
      for (const product_id of ['gid://shopify/Product/', 'gid://shopify/Product/abc', 'gid://shopify/ProductVariant/1/2']) {
        const text = await callError(client, 'track_event', { event: 'viewed', product_id, user_id: shopper });
        assert.match(text, /product_id: .*is not a Shopify GID: write gid:\/\/shopify\/<Kind>\/<numeric id>/, text);
      }
      // Near misses: the product's own GID, a variant's GID, the bare id and the handle are recorded.
      for (const product_id of ['gid://shopify/Product/101', 'gid://shopify/ProductVariant/10101', '101', 'choker-with-bead']) {
        const r = await call(client, 'track_event', { event: 'viewed', product_id, user_id: shopper });
        assert.equal(r.recorded, true, product_id);
      }
      await s.affinity.ctx.projector.flush();
      const profile = await call(client, 'get_shopper_profile', { user_id: shopper });
      assert.equal(profile.event_count, 4, 'the refused calls stored nothing');
    });

    it('explain_recommendation refuses a product_id that is a GID of another kind instead of explaining another product', async () => {
      const text = await callError(client, 'explain_recommendation', { user_id: 'x', product_id: 'gid://shopify/Collection/101' });
      assert.match(text, /^VALIDATION_FAILED: product_id: gid:\/\/shopify\/Collection\/101 is a Collection GID/);
      const ok = await call(client, 'explain_recommendation', { user_id: 'x', product_id: 'gid://shopify/Product/101' });
      assert.equal(ok.product.product_id, '101');
    });
  });

  describe('explain_recommendation reads only, and for the market recommend_products was given', () => {
    let eu: Client;
    before(async () => {
      eu = await connect(`${s.url}/mcp`, { ...auth, 'x-affinity-shop': EU_SHOP });
    });
    after(async () => {
      await eu?.close();
    });

    it('is declared read-only and leaves the session_id’s conversation as it was', async () => {
      const tools = await eu.listTools();
      assert.equal(tools.tools.find((t) => t.name === 'explain_recommendation')?.annotations?.readOnlyHint, true);
      await call(eu, 'explain_recommendation', { session_id: 'conv-explained', product_id: 'ridge-boot', text: 'hiking boots under 110 dollars' });
      const after = await call(eu, 'recommend_products', { session_id: 'conv-explained' });
      assert.notEqual(after.intent.source, 'session', `explain wrote the session: ${JSON.stringify(after.intent)}`);
      assert.equal(after.intent.budget, undefined);
    });

    it('still reads the conversation recommend_products built (the same turn there is remembered)', async () => {
      await call(eu, 'recommend_products', { session_id: 'conv-recommended', text: 'hiking boots under 110 dollars' });
      const remembered = await call(eu, 'recommend_products', { session_id: 'conv-recommended' });
      assert.equal(remembered.intent.source, 'session');
      assert.equal(remembered.intent.budget?.max, 110);
      const explained = await call(eu, 'explain_recommendation', { session_id: 'conv-recommended', product_id: 'ridge-boot' });
      assert.equal(explained.intent?.source, 'session');
      assert.equal(explained.intent?.budget?.max, 110);
      const checks = explained.intent_checks.filter((c: any) => c.kind === 'budget');
      assert.deepEqual(checks.map((c: any) => c.ok), [false], 'Ridge is 120 USD, over the remembered 110');
    });

    it('takes market as recommend_products does: the same ranks, the market’s price, and budget checks against it', async () => {
      const args = { user_id: 'eu-shopper', text: 'hiking boots under 100 euros', market: { country: 'DE' } };
      const rec = await call(eu, 'recommend_products', { ...args, limit: 10 });
      const ranks = new Map<string, number>(rec.items.map((i: any) => [i.product_id, i.rank]));
      assert.deepEqual([...ranks.keys()].sort(), ['ridge-boot', 'trail-boot'], 'Summit is 109 EUR on the EU list');
      for (const [id, rank] of ranks) {
        const e = await call(eu, 'explain_recommendation', { ...args, product_id: id });
        assert.equal(e.recommended, true, id);
        assert.equal(e.rank, rank, `${id}: explain ranks it #${e.rank}, recommend_products #${rank}`);
      }
      const ridge = await call(eu, 'explain_recommendation', { ...args, product_id: 'ridge-boot' });
      assert.deepEqual(ridge.product.price, { amount: 9500, currency: 'EUR', formatted: '95.00 EUR' });
      assert.deepEqual(ridge.intent_checks.filter((c: any) => c.kind === 'budget').map((c: any) => c.ok), [true]);
      const summit = await call(eu, 'explain_recommendation', { ...args, product_id: 'summit-boot' });
      assert.equal(summit.recommended, false, 'left out for the budget, as recommend_products leaves it out');
      const budget = summit.intent_checks.filter((c: any) => c.kind === 'budget');
      assert.deepEqual(budget.map((c: any) => c.ok), [false], JSON.stringify(budget));
      assert.match(budget[0].detail, /109\.00 EUR/);
      // Without a market, the dollar price is the one shown (the argument changes the answer).
      const plain = await call(eu, 'explain_recommendation', { user_id: 'eu-shopper', product_id: 'ridge-boot' });
      assert.equal(plain.product.price.currency, 'USD');
    });

    it('converts a price as recommend_products does, also with a rate only the other way round (a euro shop, a dollar market)', async () => {
      const admin = { authorization: `Bearer ${ADMIN}` };
      const euroShop = 'hx-euro.myshopify.com';
      const csv = await fetch(`${s.url}/v1/catalog/products?shop=${euroShop}&currency=EUR`, { method: 'POST', headers: { 'content-type': 'text/csv', ...admin }, body: EU_CSV });
      assert.equal(csv.status, 200, await csv.text());
      const euro = await connect(`${s.url}/mcp`, { ...auth, 'x-affinity-shop': euroShop });
      try {
        const args = { user_id: 'us-shopper', text: 'hiking boots', market: { country: 'US' } };
        const rec = await call(euro, 'recommend_products', { ...args, limit: 10 });
        const trail = rec.items.find((i: any) => i.product_id === 'trail-boot');
        assert.deepEqual([trail?.price.currency, trail?.price.estimated], ['USD', true], JSON.stringify(trail?.price));
        const explained = await call(euro, 'explain_recommendation', { ...args, product_id: 'trail-boot' });
        assert.deepEqual(explained.product.price, trail.price, '80.00 EUR at 1 / 0.92');
      } finally {
        await euro.close();
      }
    });
  });
});
