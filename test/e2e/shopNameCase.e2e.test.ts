/**
 * Shop names are one thing wherever they come from, over real HTTP, the real MCP SDK client and signed
 * Shopify compliance webhooks: a Shopify domain is case-insensitive, so `HX-A.MYSHOPIFY.COM` is shop
 * `hx-a.myshopify.com` (in the X-Affinity-Shop header, `?shop=`, `shop` in a body or a batch entry, an
 * MCP `shop` argument, a webhook's `shop_domain`, and a key configured in upper case); anything that is
 * no shop domain is refused with 400 `INVALID_SHOP`, also on a signed webhook (nothing is queued).
 * Near misses stay refused: another shop, or a longer domain that starts with this one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { untilJobDone } from '../../src/testing/privacyJobs.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const A = 'hx-a.myshopify.com';
const UPPER = 'HX-A.MYSHOPIFY.COM';
const B = 'hx-b.myshopify.com';
const AGENT_A = 'agent-hx-a-0123456789abcdef';
const ADMIN_A = 'admin-hx-a-0123456789abcdef';
const READ_B = 'read-hx-b-0123456789abcdef';
const GLOBAL = 'global-hx-0123456789abcdef';
const SECRET = 'shpss_shop_name_case_secret';
const CUSTOMER = '8801';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function call(s: Running, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as any) : undefined };
}

/** A compliance webhook signed with the app secret, as Shopify sends it. */
function deliver(s: Running, topic: string, payload: unknown, webhookId: string) {
  const raw = JSON.stringify(payload);
  return call(s, 'POST', `/webhooks/shopify/${topic}`, raw, { 'x-shopify-hmac-sha256': signShopifyBody(raw, SECRET), 'x-shopify-webhook-id': webhookId, 'x-shopify-topic': topic });
}

const view = (id: string, clientId: string, productId: string) => ({
  id,
  name: 'product_viewed',
  clientId,
  timestamp: new Date().toISOString(),
  data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 'x', vendor: 'v', type: 't' } } },
});

async function mcpClient(s: Running, key: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'shop-case-agent', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`), { requestInit: { headers: { ...bearer(key), ...headers } } }));
  return client;
}
const tool = async (c: Client, name: string, args: Record<string, unknown>) => (await c.callTool({ name, arguments: args })) as CallToolResult;
const text = (r: CallToolResult) => (r.content[0]?.type === 'text' ? r.content[0].text : '');

describe('shop names are case-insensitive and validated the same way everywhere', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({
      // The shop's agent key is configured in upper case: it is still the key of hx-a.myshopify.com.
      AFFINITY_API_KEYS: [`HX-A.MyShopify.com:read+ingest:${AGENT_A}`, `${A}:admin:${ADMIN_A}`, `${B}:read:${READ_B}`, `*:admin:${GLOBAL}`].join(','),
      SHOPIFY_API_SECRET: SECRET,
    });
    assert.equal((await call(s, 'POST', '/v1/catalog/products', SMALL_CATALOG, { ...bearer(ADMIN_A), 'x-affinity-shop': UPPER })).status, 200);
    assert.equal((await call(s, 'POST', `/v1/catalog/products?shop=${B}`, SMALL_CATALOG, bearer(GLOBAL))).status, 200);
    // Two shoppers of shop A (one of them the customer), one of shop B with the same client id as the customer's device.
    const events = { shop: 'Hx-A.MyShopify.Com', events: [view('c-1', 'client-cust', '101'), view('c-2', 'client-cust', '102'), view('k-1', 'client-keep', '201')] };
    const ingest = await call(s, 'POST', '/v1/events', events, bearer(AGENT_A));
    assert.equal(ingest.status, 202, ingest.text);
    assert.equal((await call(s, 'POST', '/v1/events', { shop: B, events: [view('b-1', 'client-cust', '103')] }, bearer(GLOBAL))).status, 202);
    await s.affinity.ctx.projector.flush();
    await s.affinity.privacy.store.linkIdentity(A, 'client-cust', CUSTOMER);
  });
  after(async () => {
    await s.stop();
  });

  it('a key for its own shop, named in another case in the header, the query, the body or a batch entry, is answered (not 403)', async () => {
    const asked = [
      call(s, 'POST', '/v1/recommendations', { userId: 'client-cust', limit: 2 }, { ...bearer(AGENT_A), 'x-affinity-shop': UPPER }),
      call(s, 'POST', `/v1/recommendations?shop=${UPPER}`, { userId: 'client-cust', limit: 2 }, bearer(AGENT_A)),
      call(s, 'POST', '/v1/recommendations', { shop: 'Hx-A.myshopify.com', userId: 'client-cust', limit: 2 }, bearer(AGENT_A)),
      call(s, 'POST', '/v1/recommendations/batch', { requests: [{ shop: UPPER, userId: 'client-cust', limit: 2 }, { shop: A, limit: 2 }] }, bearer(AGENT_A)),
      call(s, 'POST', '/v1/recommendations', { shop: A, limit: 2 }, { ...bearer(AGENT_A), 'x-affinity-shop': UPPER }),
    ];
    for (const r of await Promise.all(asked)) {
      assert.equal(r.status, 200, r.text);
      for (const x of r.body.results ?? [r.body]) assert.equal(x.shop, A, 'the answer names the shop in its one form');
    }
    const profile = await call(s, 'GET', `/v1/users/client-cust/profile?shop=${UPPER}`, undefined, bearer(AGENT_A));
    assert.equal(profile.status, 200, profile.text);
    // A key for every shop reads the same shop's data, whatever the case it names it in.
    const global = await call(s, 'GET', '/v1/users/client-cust/profile', undefined, { ...bearer(GLOBAL), 'x-affinity-shop': UPPER });
    assert.equal(global.status, 200, global.text);
    assert.deepEqual(global.body, profile.body);
  });

  it('near misses stay refused: another shop (403 TENANT_MISMATCH), something that is no shop domain (400 INVALID_SHOP)', async () => {
    for (const other of [B, 'HX-B.MYSHOPIFY.COM', 'hx-a.myshopify.com.evil.example', 'hx-aa.myshopify.com']) {
      const r = await call(s, 'POST', '/v1/recommendations', { limit: 2 }, { ...bearer(AGENT_A), 'x-affinity-shop': other });
      assert.equal(r.status, 403, `${other}: ${r.text}`);
      assert.equal(r.body.error.code, 'TENANT_MISMATCH');
    }
    for (const bad of ['https://hx-a.myshopify.com', 'HX-A.MYSHOPIFY.COM:443', '../../etc', 'hx-a.myshopify.com/']) {
      const r = await call(s, 'POST', `/v1/recommendations?shop=${encodeURIComponent(bad)}`, { limit: 2 }, bearer(AGENT_A));
      assert.equal(r.status, 400, `${bad}: ${r.text}`);
      assert.equal(r.body.error.code, 'INVALID_SHOP');
    }
    const mixed = await call(s, 'POST', '/v1/recommendations', { shop: B, limit: 2 }, { ...bearer(GLOBAL), 'x-affinity-shop': UPPER });
    assert.equal(mixed.status, 403, 'two different shops in one request');
    assert.equal(mixed.body.error.code, 'TENANT_MISMATCH');
  });

  it('MCP: the shop argument in another case is the connection’s shop; another shop or a malformed one is refused', async () => {
    const agent = await mcpClient(s, AGENT_A, { 'x-affinity-shop': UPPER });
    try {
      const own = await tool(agent, 'get_shopper_profile', { user_id: 'client-cust', shop: UPPER });
      assert.equal(own.isError, undefined, text(own));
      assert.equal((own.structuredContent as { shop: string }).shop, A);
      assert.equal((own.structuredContent as { found: boolean }).found, true);
      const rec = await tool(agent, 'recommend_products', { user_id: 'client-cust', shop: 'Hx-A.MyShopify.com', limit: 2 });
      assert.equal(rec.isError, undefined, text(rec));
      const other = await tool(agent, 'get_shopper_profile', { user_id: 'client-cust', shop: 'HX-B.myshopify.com' });
      assert.equal(other.isError, true);
      assert.match(text(other), /^TENANT_MISMATCH/);
      const bad = await tool(agent, 'get_shopper_profile', { user_id: 'client-cust', shop: 'https://hx-a.myshopify.com' });
      assert.equal(bad.isError, true);
      assert.match(text(bad), /^INVALID_SHOP/);
    } finally {
      await agent.close();
    }
  });

  it('a signed webhook whose shop_domain is no shop domain is refused with 400 INVALID_SHOP and queues nothing', async () => {
    const before_ = await s.affinity.privacy.queue.pendingCount();
    let n = 0;
    for (const shop_domain of ['../../etc', 'https://hx-a.myshopify.com', 'HX-A.myshopify.com:443', 'hx-a.myshopify.com/', 'hx a.myshopify.com']) {
      for (const [topic, payload] of [
        ['customers/redact', { shop_id: 1, shop_domain, customer: { id: Number(CUSTOMER), email: 'k@example.com', phone: null }, orders_to_redact: [] }],
        ['customers/data_request', { shop_id: 1, shop_domain, customer: { id: Number(CUSTOMER), email: 'k@example.com', phone: null }, orders_requested: [], data_request: { id: 1 } }],
        ['shop/redact', { shop_id: 1, shop_domain }],
      ] as const) {
        const r = await deliver(s, topic, payload, `bad-shop-${++n}`);
        assert.equal(r.status, 400, `${topic} ${shop_domain}: ${r.text}`);
        assert.equal(r.body.error.code, 'INVALID_SHOP');
        assert.match(r.body.error.message, /shop_domain/);
      }
    }
    assert.equal(await s.affinity.privacy.queue.pendingCount(), before_, 'no job was queued');
  });

  it("customers/redact with the shop domain in upper case erases the customer's data in the real shop; the job is the shop's", async () => {
    const payload = { shop_id: 1, shop_domain: 'HX-A.myshopify.com', customer: { id: Number(CUSTOMER), email: 'k@example.com', phone: null }, orders_to_redact: [] };
    const r = await deliver(s, 'customers/redact', payload, 'upper-redact-1');
    assert.equal(r.status, 202, r.text);
    await untilJobDone(s.affinity, r.body.jobId);
    const job = await call(s, 'GET', `/v1/admin/privacy/jobs/${r.body.jobId}`, undefined, bearer(ADMIN_A));
    assert.equal(job.status, 200, "the shop's admin key sees the job");
    assert.equal(job.body.shop, A);
    assert.equal(job.body.result.ids, 2, 'the customer and its device');
    const byGlobal = await call(s, 'GET', `/v1/admin/privacy/jobs/${r.body.jobId}?shop=${UPPER}`, undefined, bearer(GLOBAL));
    assert.equal(byGlobal.status, 200, byGlobal.text);
    assert.equal((await call(s, 'GET', '/v1/users/client-cust/profile', undefined, bearer(AGENT_A))).status, 404, 'the shopper is erased');
    assert.deepEqual(await s.affinity.privacy.store.getUserEvents(A, 'client-cust', 10), []);
    assert.equal((await call(s, 'GET', '/v1/users/client-keep/profile', undefined, bearer(AGENT_A))).status, 200, 'another shopper stays');
    assert.equal((await call(s, 'GET', '/v1/users/client-cust/profile', undefined, bearer(READ_B))).status, 200, "shop B's shopper with the same client id stays");
  });

  it('shop/redact with the shop domain in another case erases that shop, and only it', async () => {
    const r = await deliver(s, 'shop/redact', { shop_id: 1, shop_domain: 'Hx-A.MyShopify.Com' }, 'upper-shop-redact-1');
    assert.equal(r.status, 202, r.text);
    await untilJobDone(s.affinity, r.body.jobId);
    assert.deepEqual(await s.affinity.privacy.store.listProducts(A), []);
    assert.equal((await call(s, 'GET', '/v1/users/client-keep/profile', undefined, bearer(AGENT_A))).status, 404);
    assert.ok((await s.affinity.privacy.store.listProducts(B)).length > 0, 'shop B is untouched');
  });
});
