/**
 * The MCP server end to end, with the SDK's own `Client`: over streamable HTTP against a running
 * Affinity (the shop's catalog served by the shop simulator behind the resilient catalog), and over
 * stdio by spawning the real `affinity mcp` process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { ResilientCatalog } from '../../src/adapters/catalogMcp/resilientCatalog.ts';
import { StorefrontMcpClient } from '../../src/adapters/catalogMcp/storefrontMcpClient.ts';
import { SqliteStore } from '../../src/adapters/sqlite/sqliteStore.ts';
import { CatalogRegistry } from '../../src/features/catalog/catalogRegistry.ts';
import { importCatalog } from '../../src/features/catalog/importCatalog.ts';
import { mcpHttpTransport } from '../../src/mcp/httpTransport.ts';
import { callerOf } from '../../src/http/tenant.ts';
import { createShopSim, type ShopSim } from '../../src/sim/shopSim/shopSim.ts';
import { installAccess } from '../../src/http/access.ts';
import { RequestGuard } from '../../src/http/requestGuard.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const AGENT = 'affinity-e2e-agent';
const NOW = Date.now();
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value (bounded tries; no assertion on time). */
async function until<T>(fn: () => Promise<T | undefined | false>, what: string, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await fn();
    if (v) return v;
    await sleep(25);
  }
  throw new Error(`gave up waiting for ${what}`);
}

function viewed(id: string, clientId: string, productId: string, msAgo: number) {
  return {
    id,
    name: 'product_viewed',
    clientId,
    timestamp: iso(msAgo),
    data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'x', type: 'y', url: '/p' }, sku: null, title: 'Default', untranslatedTitle: 'Default', image: null } },
    context: { document: { location: { pathname: '/p' } } },
  };
}

/** Calls a tool and returns its structured content, failing on `isError`. */
async function call(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.ok(!r.isError, `${name} failed: ${JSON.stringify(r.content)}`);
  assert.equal(r.content[0]?.type, 'text', 'a readable text block comes with the structured answer');
  return r.structuredContent;
}

/** Calls a tool that must fail; returns its error text. */
async function callError(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.equal(r.isError, true, `${name} should fail: ${JSON.stringify(r.structuredContent)}`);
  const first = r.content[0];
  assert.ok(first && first.type === 'text');
  return first.text;
}

async function httpClient(url: string): Promise<Client> {
  const client = new Client({ name: AGENT, version: '1.2.3' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return client;
}

describe('MCP over streamable HTTP', () => {
  let s: Running;
  let sim: ShopSim;
  let mcpApp: FastifyInstance;
  let mcpUrl: string;
  let client: Client;

  before(async () => {
    s = await startAffinity();
    const imp = await s.post('/v1/catalog/products', SMALL_CATALOG);
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    // Other shoppers look at the boots together with the tent, and at the two dresses together.
    const events = [];
    for (let i = 0; i < 20; i++) {
      events.push(viewed(`bg-${i}-a`, `bg-${i}`, '101', 3_660_000), viewed(`bg-${i}-b`, `bg-${i}`, i % 2 ? '103' : '102', 3_600_000));
      events.push(viewed(`bgd-${i}-a`, `bgd-${i}`, '201', 3_660_000), viewed(`bgd-${i}-b`, `bgd-${i}`, '202', 3_600_000));
    }
    events.push(viewed('h-1', 'hiker', '101', 120_000), viewed('h-2', 'hiker', '102', 60_000));
    assert.equal((await s.post('/v1/events', { events })).status, 202);
    await s.affinity.ctx.projector.flush();

    // The shop's Storefront Catalog MCP, played by the simulator with the same products.
    const ctx = s.affinity.ctx;
    sim = await createShopSim({ products: ctx.catalogs.get(ctx.defaultShop).index.all() });
    const shopCatalog = new ResilientCatalog({
      client: new StorefrontMcpClient({ url: sim.url, agentProfileUrl: 'https://affinity.example/agent-profile.json' }),
      localCatalog: (shop) => ctx.catalogs.get(shop).index,
      retryInitialDelayMs: 5,
      retryMaxDelayMs: 20,
      timeoutMs: 2000,
    });
    mcpApp = Fastify();
    installAccess(mcpApp, { guard: RequestGuard.open(), defaultShop: ctx.defaultShop });
    mcpHttpTransport({ ...ctx, shopCatalog })(mcpApp, callerOf);
    mcpUrl = `${await mcpApp.listen({ port: 0, host: '127.0.0.1' })}/mcp`;
    client = await httpClient(mcpUrl);
  });

  after(async () => {
    await client?.close();
    await mcpApp?.close();
    await sim?.close();
    await s?.stop();
  });

  it('lists the five tools with input and output schemas, and tells the model when to use them', async () => {
    assert.equal(client.getServerVersion()?.name, 'affinity');
    assert.match(client.getInstructions() ?? '', /recommend_products/);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['explain_recommendation', 'get_shopper_profile', 'recommend_products', 'search_catalog', 'track_event']);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.ok(t.outputSchema, `${t.name} has an output schema`);
      assert.ok((t.description ?? '').length > 100, `${t.name} is described for a model`);
    }
    const rec = tools.find((t) => t.name === 'recommend_products');
    assert.deepEqual(Object.keys(rec?.inputSchema.properties ?? {}).sort(), ['cart', 'intent', 'limit', 'market', 'product_id', 'session_id', 'shop', 'text', 'user_id']);
  });

  it('recommend_products: personalized items with market prices, availability and quotable reasons', async () => {
    const r = await call(client, 'recommend_products', { user_id: 'hiker', product_id: 'gid://shopify/Product/101', market: { country: 'US', currency: 'USD' }, limit: 4 });
    assert.equal(r.price_source, 'shop');
    assert.equal(r.fallback_used, false);
    const ids = r.items.map((i: any) => i.product_id);
    assert.ok(ids.length > 0 && ids.length <= 4);
    assert.ok(!ids.includes('101'), 'the current product is not recommended back');
    assert.ok(!ids.includes('301'), 'unavailable products are left out');
    assert.ok(ids.includes('103'), `the tent seen with the boots: ${ids}`);
    for (const i of r.items) {
      assert.ok(Number.isInteger(i.price.amount) && i.price.currency === 'USD' && /USD$/.test(i.price.formatted));
      assert.equal(i.available, true);
      assert.ok(i.reason.length > 10 && i.reasons.length > 0 && i.reasons.every((x: any) => x.text));
    }
    assert.ok(r.items.some((i: any) => i.reasons.some((x: any) => x.seed_title)), 'seed items are named');
    assert.equal(typeof r.intent.source, 'string');
  });

  it('recommend_products: the agent’s intent filters by budget and exclusions', async () => {
    const r = await call(client, 'recommend_products', {
      session_id: 'chat-1',
      text: 'I need hiking boots for a trip, nothing in leather',
      intent: { category: 'hiking boots', budget: { max: 160, currency: 'USD' }, must_not: ['leather'] },
      limit: 5,
    });
    assert.match(r.intent.source, /agent/);
    assert.ok(r.intent.budget.max === 160);
    const ids = r.items.map((i: any) => i.product_id);
    assert.ok(ids.includes('101'), `the waterproof boot fits: ${ids}`);
    assert.ok(!ids.includes('102'), 'the leather boot is excluded');
    for (const i of r.items) assert.ok(i.price.amount <= 16000, `${i.title} within budget`);
  });

  it('recommend_products: "on sale" (the agent\'s on_sale, or the text) where nothing is: given up first and said, within the published schema', async () => {
    const r = await call(client, 'recommend_products', { session_id: 'chat-sale', text: 'any hiking boots on sale?', limit: 3 });
    assert.equal(r.intent.on_sale, true);
    assert.deepEqual([r.constraints.satisfied, r.constraints.relaxed], [false, ['sale']]);
    assert.match(r.constraints.reason, /not on sale/);
    assert.ok(r.items.length > 0 && r.items.every((i: any) => /Hiking Boot/.test(i.title)), r.items.map((i: any) => i.title).join(', '));
    const stated = await call(client, 'recommend_products', { intent: { category: 'dresses', on_sale: true }, limit: 3 });
    assert.deepEqual([stated.intent.on_sale, stated.constraints.relaxed], [true, ['sale']]);
    const overridden = await call(client, 'recommend_products', { text: 'dresses on sale', intent: { on_sale: false }, limit: 3 });
    assert.equal(overridden.intent.on_sale, undefined, 'false overrides the text');
  });

  it('search_catalog: the shop answers, re-ranked for the shopper', async () => {
    const r = await call(client, 'search_catalog', { query: 'hiking boot', user_id: 'hiker', limit: 5 });
    assert.equal(r.source, 'shop');
    assert.equal(r.fallback_used, false);
    assert.equal(r.personalized, true);
    const ids = r.items.map((i: any) => i.product_id);
    assert.ok(ids.includes('101') && ids.includes('102'), `${ids}`);
    assert.ok(r.items.some((i: any) => i.personal_match.length > 0), 'profile matches are reported');
    const anonymous = await call(client, 'search_catalog', { category: 'Dresses', limit: 5 });
    assert.equal(anonymous.personalized, false);
  });

  it('search_catalog: a brand the shop does not sell is said, as recommend_products says it (MCP probe: "Pandora bracelet" was answered satisfied)', async () => {
    const r = await call(client, 'search_catalog', { query: 'Pandora hiking boots', limit: 5 });
    assert.equal(r.constraints.satisfied, false);
    assert.ok(r.constraints.relaxed.includes('brand'), JSON.stringify(r.constraints));
    assert.match(r.constraints.reason, /This shop sells nothing by Pandora/);
    const sold = await call(client, 'search_catalog', { query: 'hiking boots', limit: 5 });
    assert.ok(!(sold.constraints.relaxed ?? []).includes('brand'));
  });

  it('track_event: stored as an agent event named after the MCP client, idempotent on event_id, visible in the profile', async () => {
    const first = await call(client, 'track_event', { event: 'viewed', product_id: 'gid://shopify/Product/103', user_id: 'camper', event_id: 'turn-1' });
    assert.deepEqual([first.recorded, first.duplicate, first.source, first.agent, first.type, first.user_id], [true, false, 'agent', AGENT, 'view', 'camper']);
    const again = await call(client, 'track_event', { event: 'viewed', product_id: 103, user_id: 'camper', event_id: 'turn-1' });
    assert.deepEqual([again.recorded, again.duplicate], [false, true]);
    await call(client, 'track_event', { event: 'added_to_cart', product_id: '103', user_id: 'camper', quantity: 2 });
    const profile = await until(async () => {
      const p = await call(client, 'get_shopper_profile', { user_id: 'camper' });
      return p.event_count === 2 && p;
    }, 'the profile to include both agent events');
    assert.equal(profile.found, true);
    assert.deepEqual(profile.signals, { agent: 2, storefront: 0 });
    assert.ok(profile.recent_events.every((e: any) => e.source === 'agent' && e.agent === AGENT));
    assert.equal(profile.recent[0].title, 'Trail Two-Person Tent');
    assert.equal(profile.top_product_types[0].value, 'tents');
    assert.equal('customer_id' in profile, false);
  });

  it('track_event: "rejected" is kept apart from cart removals and keeps the product out of recommendations', async () => {
    const before = await call(client, 'recommend_products', { user_id: 'hiker', limit: 10 });
    const rejectedId = before.items[0].product_id;
    const t = await call(client, 'track_event', { event: 'rejected', product_id: rejectedId, user_id: 'hiker', agent: 'named-agent' });
    assert.deepEqual([t.type, t.name, t.agent], ['remove_from_cart', 'rejected', 'named-agent']);
    const after = await call(client, 'recommend_products', { user_id: 'hiker', limit: 10 });
    assert.ok(!after.items.some((i: any) => i.product_id === rejectedId), 'the rejected product is not offered again');
    assert.ok(after.notes.some((n: string) => /rejected/.test(n)));
    const profile = await call(client, 'get_shopper_profile', { user_id: 'hiker' });
    assert.ok(profile.recent_events.some((e: any) => e.name === 'rejected' && e.type === 'remove_from_cart' && e.source === 'agent'));
    assert.ok(profile.signals.storefront >= 2 && profile.signals.agent >= 1, 'agent and storefront signals are told apart');
  });

  it('track_event: a product rejected under another of its ids (handle, GID) is left out too, and explain_recommendation says it was rejected', async () => {
    const user = 'rejects-by-other-ids';
    const before = await call(client, 'recommend_products', { user_id: user, limit: 10 });
    const [byHandle, byGid] = before.items.filter((i: any) => i.handle && i.gid).slice(0, 2);
    assert.ok(byHandle && byGid, JSON.stringify(before.items.map((i: any) => [i.product_id, i.handle, i.gid])));
    await call(client, 'track_event', { event: 'rejected', product_id: byHandle.handle, user_id: user });
    await call(client, 'track_event', { event: 'rejected', product_id: byGid.gid, user_id: user });
    const after = await call(client, 'recommend_products', { user_id: user, limit: 10 });
    const shown = after.items.map((i: any) => i.product_id);
    assert.ok(!shown.includes(byHandle.product_id) && !shown.includes(byGid.product_id), JSON.stringify(shown));
    assert.ok(after.notes.includes('Left out the 2 product(s) the shopper rejected earlier.'), JSON.stringify(after.notes));
    const why = await call(client, 'explain_recommendation', { user_id: user, product_id: byHandle.product_id });
    assert.equal(why.recommended, false);
    assert.match(why.summary, /rejected it earlier/);
  });

  it('explain_recommendation: a product the shopper bought is said to be left out for that (MCP probe: "not among the top 20")', async () => {
    const user = 'bought-it';
    const [first] = (await call(client, 'recommend_products', { user_id: user, limit: 5 })).items;
    await call(client, 'track_event', { event: 'purchased', product_id: first.product_id, user_id: user, price: 50, quantity: 1, order_id: '6800000000999' });
    await s.affinity.ctx.projector.flush();
    const why = await call(client, 'explain_recommendation', { user_id: user, product_id: first.product_id });
    assert.equal(why.recommended, false);
    assert.match(why.summary, /they bought it already/);
  });

  it('track_event: when the shopper rejected every product that meets the request, the list says it is not satisfied (not an empty "satisfied" list)', async () => {
    const user = 'rejects-every-dress';
    const ask = { user_id: user, intent: { category: 'dresses' }, limit: 5 };
    const first = await call(client, 'recommend_products', ask);
    const dresses = first.items.map((i: any) => i.product_id);
    assert.deepEqual([...dresses].sort(), ['201', '202'], JSON.stringify(first.items));
    assert.equal(first.constraints.satisfied, true);
    for (const id of dresses) await call(client, 'track_event', { event: 'rejected', product_id: id, user_id: user });
    const after = await call(client, 'recommend_products', ask);
    assert.ok(!after.items.some((i: any) => dresses.includes(i.product_id)), JSON.stringify(after.items));
    assert.equal(after.constraints.satisfied, false, JSON.stringify(after.constraints));
    assert.ok(after.constraints.reason, 'a reason the agent can quote');
    assert.ok(after.notes.includes('Left out the 2 product(s) the shopper rejected earlier.'), JSON.stringify(after.notes));
  });

  it('track_event: a rejection by a shopper whose consent allows no storage (EU market, GDPR, no consent) holds for the visit', async () => {
    const user = 'eu-visitor-without-consent';
    const market = { country: 'ES', currency: 'EUR' };
    const first = await call(client, 'recommend_products', { user_id: user, market, limit: 10 });
    const rejectedId = first.items[0].product_id;
    assert.equal((await call(client, 'track_event', { event: 'rejected', product_id: rejectedId, user_id: user, market })).kept, 'session');
    const profile = await call(client, 'get_shopper_profile', { user_id: user });
    assert.deepEqual([profile.found, profile.session_only], [true, true], 'nothing was stored: the visit is held in session memory, and said so');
    const after = await call(client, 'recommend_products', { user_id: user, market, limit: 10 });
    assert.ok(!after.items.some((i: any) => i.product_id === rejectedId), JSON.stringify(after.items.map((i: any) => i.product_id)));
    assert.ok(after.notes.includes('Left out the 1 product(s) the shopper rejected earlier.'), JSON.stringify(after.notes));
  });

  it('get_shopper_profile: says so when the shopper is unknown (not an error)', async () => {
    const p = await call(client, 'get_shopper_profile', { session_id: 'never-seen' });
    assert.equal(p.found, false);
    assert.equal(p.user_id, 'session:never-seen');
    assert.match(p.message, /no data/);
  });

  it('explain_recommendation: rank, sources, seed titles and matched affinities; unknown products are a tool error', async () => {
    const e = await call(client, 'explain_recommendation', { product_id: '103', user_id: 'hiker' });
    assert.equal(e.recommended, true);
    assert.ok(e.rank >= 1);
    assert.ok(e.sources.length > 0);
    assert.ok(e.seeds.some((x: any) => x.title), JSON.stringify(e.seeds));
    assert.equal(e.profile_found, true);
    assert.match(e.summary, /Trail Two-Person Tent/);
    const withIntent = await call(client, 'explain_recommendation', { product_id: '102', user_id: 'hiker', intent: { must_not: ['leather'] } });
    assert.ok(withIntent.intent_checks.some((c: any) => c.kind === 'must_not' && c.ok === false));
    assert.ok(withIntent.matched_affinities.length > 0);
    // What speaks against it is its own sentence; left out by it, it is said so (not "not among the top 100" of a small shop).
    assert.match(withIntent.summary, /\. Against it: [^.]*leather[^]*\.$/, withIntent.summary);
    assert.equal(withIntent.recommended, false);
    assert.match(withIntent.summary, /^Summit Leather Hiking Boot is not in this list: it does not meet all that was asked/, withIntent.summary);
    assert.match(await callError(client, 'explain_recommendation', { product_id: '999999', user_id: 'hiker' }), /NOT_FOUND.*999999/);
    // A product no list may show says why, rather than "not among the top 100" of a six-product shop.
    const soldOut = await call(client, 'explain_recommendation', { product_id: '301', user_id: 'hiker' });
    assert.equal(soldOut.recommended, false);
    assert.match(soldOut.summary, /^Gold Pendant Necklace is not recommended to anyone: it is out of stock/, soldOut.summary);
    // Asked for by name, the sold-out product is not silently replaced: the answer says it is out of stock.
    for (const text of ['do you still have the gold pendant necklace?', '¿tienen el Gold Pendant Necklace?']) {
      const asked = await call(client, 'recommend_products', { user_id: 'hiker', text, limit: 3 });
      assert.ok(asked.notes.includes('Gold Pendant Necklace is out of stock in this shop right now, so it is not in the list.'), `${text}: ${JSON.stringify(asked.notes)}`);
    }
    // A material asked for is in the intent the agent sees, not only in a reason.
    const leather = await call(client, 'recommend_products', { user_id: 'hiker', text: 'leather hiking boots', limit: 3 });
    assert.deepEqual(leather.intent.materials, ['leather'], JSON.stringify(leather.intent));
    assert.equal((await call(client, 'recommend_products', { user_id: 'hiker', text: 'hiking boots', limit: 3 })).intent.materials, undefined);
    // In a whole conversation, the shopper's latest message: a title the assistant listed is no question.
    const transcript = 'User: something for hiking\nAssistant: The Gold Pendant Necklace is sold out; how about the Trail Two-Person Tent?\nUser: show me boots';
    assert.ok(!(await call(client, 'recommend_products', { user_id: 'hiker', text: transcript, limit: 3 })).notes.some((n: string) => n.includes('out of stock')));
    const askedLast = await call(client, 'recommend_products', { user_id: 'hiker', text: 'User: show me boots\nAssistant: Here are boots.\nUser: do you still have the Gold Pendant Necklace?', limit: 3 });
    assert.ok(askedLast.notes.some((n: string) => n.startsWith('Gold Pendant Necklace is out of stock')), JSON.stringify(askedLast.notes));
    // Near misses: a product shown, or words that are not a whole title, get no such note.
    for (const text of ['a gold necklace please', 'the trail two-person tent', 'pendant']) {
      const other = await call(client, 'recommend_products', { user_id: 'hiker', text, limit: 3 });
      assert.ok(!other.notes.some((n: string) => n.includes('out of stock')), `${text}: ${JSON.stringify(other.notes)}`);
    }
  });

  it("reads the product an agent just said the shopper viewed: 'something like that but cheaper' right after track_event", async () => {
    const user = 'fast-viewer';
    await call(client, 'track_event', { user_id: user, session_id: 'fast-1', event: 'viewed', product_id: '202' });
    // No wait: the agent's next call comes at once.
    const r = await call(client, 'recommend_products', { user_id: user, session_id: 'fast-1', text: 'something like that but cheaper', market: { country: 'US', currency: 'USD' }, limit: 5 });
    assert.deepEqual(r.constraints, { satisfied: true }, JSON.stringify(r.constraints));
    assert.ok(r.items.length > 0);
    for (const it of r.items) {
      assert.notEqual(it.product_id, '202');
      assert.ok(it.price.amount < 21_000, `${it.title} ${it.price.amount}`);
    }
  });

  it('bad arguments come back as isError results with the offending field, and the server keeps answering', async () => {
    assert.match(await callError(client, 'recommend_products', { user_id: 'hiker', limit: 500 }), /recommend_products: limit: /);
    assert.match(await callError(client, 'recommend_products', { userId: 'hiker' }), /Unrecognized key: "userId" \(did you mean user_id\?\)/);
    assert.match(await callError(client, 'track_event', { event: 'viewed', product_id: '101' }), /user_id or session_id/);
    assert.match(await callError(client, 'track_event', { event: 'liked', product_id: '101', user_id: 'x' }), /event: /);
    assert.match(await callError(client, 'track_event', { event: 'viewed', product_id: '101', user_id: 'x', occurred_at: 'yesterday' }), /occurred_at/);
    assert.match(await callError(client, 'search_catalog', {}), /query, category or price/);
    assert.match(await callError(client, 'search_catalog', { price: { min: 50, max: 10 } }), /min must not exceed max/);
    assert.match(await callError(client, 'recommend_products', { market: { currency: 'euro' } }), /market\.currency/);
    // A GID of another kind names no product (as track_event and explain_recommendation say too).
    assert.match(await callError(client, 'recommend_products', { product_id: 'gid://shopify/Collection/1' }), /product_id/);
    assert.match(await callError(client, 'recommend_products', { cart: ['gid://shopify/Order/5'] }), /cart/);
    const unknown = await call(client, 'recommend_products', { product_id: '987654321' });
    assert.ok(unknown.notes.some((n: string) => /987654321 is not in Affinity's copy/.test(n)), JSON.stringify(unknown.notes));
    const { tools } = await client.listTools();
    assert.equal(tools.length, 5);
  });

  it('an unknown tool is a JSON-RPC error', async () => {
    await assert.rejects(client.callTool({ name: 'delete_everything', arguments: {} }), (err: any) => err.code === -32602 && /Unknown tool "delete_everything"/.test(err.message));
  });

  it('answers malformed JSON with a JSON-RPC parse error, and GET/DELETE with 405', async () => {
    const bad = await fetch(mcpUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).error.code, -32700);
    const get = await fetch(mcpUrl, { headers: { accept: 'text/event-stream' } });
    assert.equal(get.status, 405);
    assert.equal((await fetch(mcpUrl, { method: 'DELETE' })).status, 405);
  });

  it('falls back to Affinity’s catalog when the shop is down, and says so', async () => {
    await sim.setFaults({ down: true });
    try {
      const r = await call(client, 'search_catalog', { query: 'tent', limit: 3 });
      assert.equal(r.fallback_used, true);
      assert.equal(r.source, 'local');
      assert.equal(r.items[0].product_id, '103');
      const rec = await call(client, 'recommend_products', { user_id: 'camper', market: { country: 'US', currency: 'USD' }, limit: 3 });
      assert.equal(rec.fallback_used, true);
      assert.ok(rec.items.length > 0);
      assert.ok(rec.notes.some((n: string) => /could not be reached/.test(n)));
    } finally {
      await sim.setFaults({ down: false });
    }
  });

  it('is mounted on the API itself at /mcp', async () => {
    const probe = await fetch(`${s.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.notEqual(probe.status, 404, 'the API serves /mcp');
    await probe.arrayBuffer();
    const c = await httpClient(`${s.url}/mcp`);
    try {
      const r = await call(c, 'search_catalog', { query: 'dress', limit: 2 });
      assert.equal(r.source, 'local', 'no shop catalog configured: Affinity answers');
      assert.equal(r.fallback_used, false);
    } finally {
      await c.close();
    }
  });
});

describe('MCP over stdio (affinity mcp)', () => {
  let dir: string;
  let client: Client;
  let stderr = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-mcp-stdio-'));
    const db = join(dir, 'a.db');
    const store = new SqliteStore({ path: db, profileTtlMs: 86_400_000 });
    await importCatalog(new CatalogRegistry(store), 'default', JSON.stringify(SMALL_CATALOG), { format: 'json', currency: 'USD' });
    await store.close();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, 'bin', 'affinity.mjs'), 'mcp'],
      cwd: ROOT,
      env: { ...(process.env as Record<string, string>), AFFINITY_DB: db, AFFINITY_LOG_LEVEL: 'info' },
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    client = new Client({ name: 'desktop-agent', version: '0.0.1' });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the tools and keeps logs off stdout', async () => {
    const { tools } = await client.listTools();
    assert.equal(tools.length, 5);
    assert.match(stderr, /serving on stdio/);
  });

  it('records events under the client name and recommends from them', async () => {
    const t = await call(client, 'track_event', { event: 'viewed', product_id: '101', user_id: 'desk' });
    assert.deepEqual([t.recorded, t.agent, t.known_product], [true, 'desktop-agent', true]);
    const similar = await until(async () => {
      const x = await call(client, 'recommend_products', { user_id: 'desk', limit: 3 });
      // Before the view is projected, 102 may already be listed as a catalog filler; wait for the real reason.
      return x.items.find((i: any) => i.product_id === '102' && /Similar to/.test(i.reason));
    }, 'recommendations seeded by the tracked view');
    assert.match(similar.reason, /Similar to Ridge Waterproof Hiking Boot/);
  });
});
