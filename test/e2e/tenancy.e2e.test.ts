/**
 * Tenant isolation, end to end over real HTTP and the real MCP SDK client: a key for one shop never
 * reads or writes another shop, wherever the request names the other shop (header, query, body, batch
 * entry, MCP tool argument), HEAD is authenticated like GET, roles hold for MCP tools, and shop names
 * are validated. Each case here reached the other shop before the access hook resolved one tenant
 * per request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startAffinity, type Running } from './helpers.ts';

const A = 'shop-a.myshopify.com';
const B = 'shop-b.myshopify.com';
const READ_A = 'read-a-0123456789abcdef';
const INGEST_A = 'ingest-a-0123456789abcdef';
const ADMIN_A = 'admin-a-0123456789abcdef';
const AGENT_A = 'agent-a-0123456789abcdef';
const READ_B = 'read-b-0123456789abcdef';
const GLOBAL = 'global-admin-0123456789ab';

const catalog = (prefix: string, title: string) =>
  [1, 2, 3, 4].map((n) => ({ id: `${prefix}${n}`, title: `${title} ${n}`, vendor: `${title} Co`, productType: 'Thing', category: 'Things', price: '10.00' }));

const view = (id: string, clientId: string, productId: string, msAgo: number) => ({
  id,
  name: 'product_viewed',
  clientId,
  timestamp: new Date(Date.now() - msAgo).toISOString(),
  data: { productVariant: { id: `${productId}0`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'v', type: 'Thing' } } },
});

async function call(s: Running, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as any) : undefined };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function mcpClient(s: Running, key: string, query = ''): Promise<Client> {
  const client = new Client({ name: 'tenancy-agent', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp${query}`), { requestInit: { headers: bearer(key) } }));
  return client;
}

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const text = (r: CallToolResult) => (r.content[0]?.type === 'text' ? r.content[0].text : '');

describe('tenant isolation: a credential reaches its own shop only', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({
      AFFINITY_API_KEYS: [
        `${A}:read:${READ_A}`,
        `${A}:ingest:${INGEST_A}`,
        `${A}:admin:${ADMIN_A}`,
        `${A}:read+ingest:${AGENT_A}`,
        `${B}:read:${READ_B}`,
        `*:admin:${GLOBAL}`,
      ].join(','),
    });
    assert.equal((await call(s, 'POST', `/v1/catalog/products?shop=${A}`, catalog('a', 'Alpha'), bearer(GLOBAL))).status, 200);
    assert.equal((await call(s, 'POST', `/v1/catalog/products?shop=${B}`, catalog('b', 'Bravo'), bearer(GLOBAL))).status, 200);
    // Bob is a shopper of shop B only: he viewed b1 and b2.
    const events = { shop: B, events: [view('bob-1', 'bob', 'b1', 60_000), view('bob-2', 'bob', 'b2', 30_000)] };
    assert.equal((await call(s, 'POST', '/v1/events', events, bearer(GLOBAL))).status, 202);
    await s.affinity.ctx.projector.flush();
  });
  after(async () => {
    await s.stop();
  });

  it("a shop-scoped key's requests are for its shop, without naming it", async () => {
    const r = await call(s, 'POST', '/v1/recommendations', { limit: 3 }, bearer(READ_A));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.shop, A);
    assert.ok(r.body.items.length > 0, r.text);
    assert.ok(r.body.items.every((i: { productId: string }) => i.productId.startsWith('a')), r.text);
  });

  it('naming another shop in the header, the query or the body is refused with 403 TENANT_MISMATCH', async () => {
    const attempts = [
      call(s, 'POST', '/v1/recommendations', { userId: 'bob', limit: 3 }, { ...bearer(READ_A), 'x-affinity-shop': B }),
      call(s, 'POST', `/v1/recommendations?shop=${B}`, { userId: 'bob', limit: 3 }, bearer(READ_A)),
      call(s, 'POST', '/v1/recommendations', { shop: B, userId: 'bob', limit: 3 }, bearer(READ_A)),
      call(s, 'GET', `/v1/users/bob/profile?shop=${B}`, undefined, bearer(READ_A)),
      call(s, 'GET', '/v1/catalog/products/b1', undefined, { ...bearer(READ_A), 'x-affinity-shop': B }),
      call(s, 'POST', '/v1/intent', { text: 'running shoes under 50', shop: B }, bearer(READ_A)),
      call(s, 'POST', '/v1/events', { shop: B, events: [view('x-1', 'eve', 'b1', 1000)] }, bearer(INGEST_A)),
    ];
    for (const r of await Promise.all(attempts)) {
      assert.equal(r.status, 403, r.text);
      assert.equal(r.body.error.code, 'TENANT_MISMATCH');
      assert.doesNotMatch(r.text, /Bravo|b1|b2/, 'nothing of shop B leaks into the refusal');
    }
  });

  it("a batch entry naming another shop is refused; nothing of the other shop's shoppers is answered", async () => {
    const r = await call(s, 'POST', '/v1/recommendations/batch', { requests: [{ limit: 2 }, { shop: B, userId: 'bob', productId: 'b1', limit: 3 }] }, bearer(READ_A));
    assert.equal(r.status, 403, r.text);
    assert.equal(r.body.error.code, 'TENANT_MISMATCH');
    assert.match(r.body.error.message, /body\.requests\.1\.shop/);
    assert.doesNotMatch(r.text, /Bravo|"b[12]"/);
    const top = await call(s, 'POST', '/v1/recommendations/batch', { shop: B, requests: [{ userId: 'bob', limit: 3 }] }, bearer(READ_A));
    assert.equal(top.status, 403);
    // Two names that disagree are refused even for a key that may read every shop.
    const both = await call(s, 'POST', '/v1/recommendations/batch', { shop: A, requests: [{ shop: B, limit: 2 }] }, bearer(GLOBAL));
    assert.equal(both.status, 403);
    assert.equal(both.body.error.code, 'TENANT_MISMATCH');
    // The owner of shop B sees Bob's session at work.
    const own = await call(s, 'POST', '/v1/recommendations/batch', { requests: [{ userId: 'bob', productId: 'b1', limit: 3 }] }, bearer(READ_B));
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body.results[0].shop, B);
    const items = own.body.results[0].items as { productId: string; reasons: { source: string }[] }[];
    assert.ok(!items.some((i) => i.productId === 'b1'), 'not the product on the page');
    assert.equal(items[0]?.productId, 'b2', "Bob's session: the product viewed with b1");
  });

  it("a catalog import cannot overwrite another shop's products, whoever names it where", async () => {
    const evil = catalog('b', 'Hacked');
    const scoped = await call(s, 'POST', `/v1/catalog/products?shop=${B}`, evil, bearer(ADMIN_A));
    assert.equal(scoped.status, 403);
    assert.equal(scoped.body.error.code, 'TENANT_MISMATCH');
    // The guard and the route used to read the shop from different places (body vs header).
    const split = await call(s, 'POST', '/v1/catalog/products', { shop: A, products: evil }, { ...bearer(GLOBAL), 'x-affinity-shop': B });
    assert.equal(split.status, 403);
    assert.equal(split.body.error.code, 'TENANT_MISMATCH');
    const b1 = await call(s, 'GET', '/v1/catalog/products/b1', undefined, bearer(READ_B));
    assert.equal(b1.status, 200);
    assert.equal(b1.body.title, 'Bravo 1', "shop B's catalog is untouched");
  });

  it('HEAD is authenticated and scoped like GET (it tells whether a shopper exists)', async () => {
    const path = '/v1/users/bob/profile';
    assert.equal((await fetch(`${s.url}${path}?shop=${B}`, { method: 'HEAD' })).status, 401, 'no key');
    assert.equal((await fetch(`${s.url}${path}?shop=${B}`, { method: 'HEAD', headers: bearer(READ_A) })).status, 403, "another shop's key");
    assert.equal((await fetch(`${s.url}${path}`, { method: 'HEAD', headers: bearer(READ_A) })).status, 404, 'Bob is no shopper of shop A');
    assert.equal((await fetch(`${s.url}${path}`, { method: 'HEAD', headers: bearer(READ_B) })).status, 200);
  });

  it('a shop without a catalog is 404 NO_CATALOG, not an empty list; a key for every shop is told the near name', async () => {
    const typo = await call(s, 'POST', '/v1/recommendations', { shop: 'shop-a.myshopify.co', limit: 2 }, bearer(GLOBAL));
    assert.equal(typo.status, 404, typo.text);
    assert.equal(typo.body.error.code, 'NO_CATALOG');
    assert.match(typo.body.error.message, /Did you mean shop-a\.myshopify\.com\?/);
    const far = await call(s, 'POST', '/v1/recommendations/batch', { shop: 'elsewhere.example', requests: [{ limit: 2 }] }, bearer(GLOBAL));
    assert.equal(far.status, 404);
    assert.doesNotMatch(far.body.error.message, /Did you mean/);
  });

  it('shop names are validated wherever they appear: 400 INVALID_SHOP', async () => {
    const cases = [
      call(s, 'POST', '/v1/recommendations', { limit: 1 }, { ...bearer(GLOBAL), 'x-affinity-shop': 'a'.repeat(10_000) }),
      call(s, 'POST', '/v1/recommendations?shop=127.0.0.1:6379', { limit: 1 }, bearer(GLOBAL)),
      call(s, 'POST', '/v1/recommendations', { shop: 'https://evil.example/x', limit: 1 }, bearer(GLOBAL)),
      call(s, 'POST', '/v1/recommendations/batch', { requests: [{ shop: 'shop b', limit: 1 }] }, bearer(GLOBAL)),
      call(s, 'POST', '/v1/recommendations', { shop: 42, limit: 1 }, bearer(GLOBAL)),
    ];
    for (const r of await Promise.all(cases)) {
      assert.equal(r.status, 400, r.text);
      assert.equal(r.body.error.code, 'INVALID_SHOP');
      assert.ok(r.text.length < 2000, 'the refusal does not echo a huge name');
    }
  });

  it('a shop named in the query under another spelling (?shop[]=, ?Shop=) is refused, not read as absent: it sent a `*` key to the default shop and a shop key to its own', async () => {
    const event = { events: [{ id: 'lookalike-1', type: 'view', userId: 'lookalike', productId: 'b1' }] };
    for (const q of [`shop[]=${B}`, `shop%5B%5D=${B}`, `shop[0]=${B}`, `Shop=${B}`, `SHOP=${B}`]) {
      for (const [key, path, body] of [[GLOBAL, `/v1/events?${q}`, event], [READ_A, `/v1/recommendations?${q}`, { limit: 1 }], [GLOBAL, `/v1/analytics?${q}`, undefined]] as const) {
        const r = await call(s, body === undefined ? 'GET' : 'POST', path, body, bearer(key));
        assert.deepEqual([r.status, r.body?.error?.code], [400, 'INVALID_SHOP'], `${path}: ${r.text}`);
        assert.match(r.body.error.message, /name the shop with \?shop=/);
      }
    }
    assert.equal((await call(s, 'GET', `/v1/users/lookalike/profile?shop=default`, undefined, bearer(GLOBAL))).status, 404, 'nothing was stored under the default shop');
    // Near misses: the one spelling, and other parameters that merely start with the word, are read as before.
    assert.equal((await call(s, 'POST', `/v1/recommendations?shop=${A}`, { limit: 1 }, bearer(READ_A))).status, 200);
    const other = await call(s, 'GET', `/v1/analytics?shop=${A}&shopper=x`, undefined, bearer(GLOBAL));
    assert.notEqual(other.body?.error?.code, 'INVALID_SHOP', other.text);
  });

  it('MCP over HTTP: the connection has one shop; tool arguments cannot name another', async () => {
    const client = await mcpClient(s, READ_A);
    try {
      const profile = await tool(client, 'get_shopper_profile', { user_id: 'bob', shop: B });
      assert.equal(profile.isError, true);
      assert.match(text(profile), /^TENANT_MISMATCH/);
      assert.doesNotMatch(JSON.stringify(profile), /Bravo|b1|b2/);
      for (const [name, args] of [
        ['recommend_products', { user_id: 'bob', shop: B }],
        ['search_catalog', { query: 'bravo', shop: B }],
        ['explain_recommendation', { product_id: 'b1', user_id: 'bob', shop: B }],
      ] as const) {
        const r = await tool(client, name, args);
        assert.equal(r.isError, true, `${name}: ${JSON.stringify(r)}`);
        assert.match(text(r), /^TENANT_MISMATCH/, name);
      }
      const own = await tool(client, 'get_shopper_profile', { user_id: 'bob' });
      assert.equal(own.isError, undefined);
      assert.equal((own.structuredContent as { shop: string; found: boolean }).shop, A);
      assert.equal((own.structuredContent as { found: boolean }).found, false, "Bob's shop B profile is not visible from shop A");
    } finally {
      await client.close();
    }
    // The connection itself cannot name another shop either.
    const res = await fetch(`${s.url}/mcp?shop=${B}`, {
      method: 'POST',
      headers: { ...bearer(READ_A), 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    assert.equal(res.status, 403);
  });

  it('MCP roles: a read key cannot record events (track_event needs ingest); read+ingest can, in its own shop only', async () => {
    const reader = await mcpClient(s, READ_A);
    const agent = await mcpClient(s, AGENT_A);
    try {
      const denied = await tool(reader, 'track_event', { event: 'purchased', product_id: 'a1', user_id: 'mallory', event_id: 'ro-1' });
      assert.equal(denied.isError, true);
      assert.match(text(denied), /^FORBIDDEN/);
      const cross = await tool(agent, 'track_event', { event: 'purchased', product_id: 'b1', user_id: 'bob', event_id: 'x-1', shop: B });
      assert.equal(cross.isError, true);
      assert.match(text(cross), /^TENANT_MISMATCH/);
      const ok = await tool(agent, 'track_event', { event: 'viewed', product_id: 'a1', user_id: 'carol', event_id: 'ok-1' });
      assert.equal(ok.isError, undefined, text(ok));
      assert.equal((ok.structuredContent as { shop: string }).shop, A);
    } finally {
      await reader.close();
      await agent.close();
    }
    await s.affinity.ctx.projector.flush();
    const store = s.affinity.ctx.store;
    assert.equal(await store.getProfile(A, 'mallory'), undefined, 'the read key wrote nothing');
    const bob = await store.getUserEvents(B, 'bob', 50);
    assert.equal(bob.length, 2, "nothing was written into shop B's shopper");
    assert.ok(await store.getProfile(A, 'carol'));
  });
});
