/**
 * What a redaction reaches of an agent's conversation (docs/privacy.md, "Agent conversations"), single
 * process on SQLite (the README's default deployment), with the real MCP SDK client and signed
 * compliance webhooks:
 * - `customers/redact`, a consent withdrawal's erasure and `shop/redact` drop the conversation context
 *   the personalizer holds in memory (recipient, budget, colours the agent was told): a later turn
 *   naming only the conversation no longer answers from it; another shopper's conversation stays;
 * - a call naming both `user_id` and `session_id` links the conversation's profile key (`session:<id>`)
 *   to the shopper where consent allows linking, so the events and lists of later calls naming only the
 *   conversation are in the shopper's data request and go with their redaction; near misses: a call
 *   naming only the conversation links nothing, and a shopper who withdrew consent is not linked;
 * - the data request names a storefront event's product (the pixel's numeric id) by its catalog title.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { untilJobDone } from '../../src/testing/privacyJobs.ts';
import { callOk } from './mcpCall.ts';
import { startAffinity, type Running } from './helpers.ts';

const SHOP = 'conv-redact.myshopify.com';
const OTHER_SHOP = 'conv-gone.myshopify.com';
const AGENT = 'conv-agent-key-0123456789';
const ADMIN = 'conv-admin-key-0123456789';
const SECRET = 'shpss_conversation_redact_secret';
/** Keyed by handle, as a product CSV import keys a catalog; the storefront names them by numeric id. */
const CATALOG = [
  { id: 'navy-sport-jacket', handle: 'navy-sport-jacket', title: 'Navy Sport Jacket', vendor: 'Harbor', productType: 'Jackets', category: 'Apparel > Men > Jackets', tags: ['navy'], price: '65.00' },
  { id: 'navy-wool-scarf', handle: 'navy-wool-scarf', title: 'Navy Wool Scarf', vendor: 'Harbor', productType: 'Scarves', category: 'Apparel > Accessories > Scarves', tags: ['navy', 'wool'], price: '35.00' },
  { id: 'red-silk-tie', handle: 'red-silk-tie', title: 'Red Silk Tie', vendor: 'Harbor', productType: 'Ties', category: 'Apparel > Men > Ties', tags: ['red'], price: '45.00' },
  { id: 'grey-wool-coat', handle: 'grey-wool-coat', title: 'Grey Wool Coat', vendor: 'Harbor', productType: 'Coats', category: 'Apparel > Men > Coats', tags: ['grey'], price: '180.00' },
];
const NUMERIC: Record<string, string> = { 'navy-sport-jacket': '8800000000001', 'navy-wool-scarf': '8800000000002' };
const GIFT = "it's a gift for my husband, navy, under 70 dollars";

const variant = (handle: string) => ({
  id: `${NUMERIC[handle] ?? '1'}9`,
  price: { amount: 50, currencyCode: 'USD' },
  product: { id: NUMERIC[handle] ?? handle, title: handle, vendor: 'Harbor', type: 't', url: `/products/${handle}` },
});
const viewed = (id: string, clientId: string, handle: string) => ({ id, name: 'product_viewed', clientId, timestamp: new Date().toISOString(), data: { productVariant: variant(handle) }, context: { document: { location: { href: `https://conv.example/products/${handle}`, pathname: `/products/${handle}` } } } });
const bought = (id: string, clientId: string, handle: string, orderId: string, customerId: string) => ({
  id,
  name: 'checkout_completed',
  clientId,
  timestamp: new Date().toISOString(),
  data: { checkout: { token: `tok-${id}`, currencyCode: 'USD', lineItems: [{ quantity: 1, finalLinePrice: { amount: 50, currencyCode: 'USD' }, variant: variant(handle) }], order: { id: orderId, customer: { id: customerId } } } },
});

async function connect(url: string, shop: string): Promise<Client> {
  const client = new Client({ name: 'conversation-redact-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${AGENT}`, 'x-affinity-shop': shop } } }));
  return client;
}

const call = callOk;

describe('a redaction reaches the agent conversation (single process, SQLite)', () => {
  let s: Running;
  let mcp: Client;
  let gone: Client;
  const admin = async (path: string, shop = SHOP) => {
    const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}`, 'x-affinity-shop': shop } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
  };
  let n = 0;
  const deliver = async (topic: string, payload: Record<string, unknown>) => {
    const raw = JSON.stringify(payload);
    const res = await fetch(`${s.url}/webhooks/shopify/${topic}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': signShopifyBody(raw, SECRET), 'x-shopify-webhook-id': `conv-${++n}`, 'x-shopify-topic': topic, 'x-shopify-shop-domain': String(payload.shop_domain) },
      body: raw,
    });
    const body = (await res.json()) as any;
    assert.equal(res.status, 202, JSON.stringify(body));
    await untilJobDone(s.affinity, body.jobId);
    return body.jobId as string;
  };
  const redact = (customer: string, shop = SHOP) => deliver('customers/redact', { shop_id: 1, shop_domain: shop, customer: { id: Number(customer), email: null, phone: null }, orders_to_redact: [] });
  const dataRequest = async (customer: string) => {
    const jobId = await deliver('customers/data_request', { shop_id: 1, shop_domain: SHOP, orders_requested: [], customer: { id: Number(customer), email: null, phone: null }, data_request: { id: 1 } });
    const exp = await admin(`/v1/admin/exports/${jobId}`);
    assert.equal(exp.status, 200, exp.text);
    return exp.body.export;
  };
  /** Starts a gift conversation for `user` and checks that a turn naming only the conversation answers from it. */
  const giftConversation = async (client: Client, user: string, session: string) => {
    await call(client, 'track_event', { user_id: user, session_id: session, event: 'viewed', product_id: 'navy-sport-jacket' });
    await call(client, 'recommend_products', { user_id: user, session_id: session, text: GIFT, limit: 2 });
    const r = await call(client, 'recommend_products', { session_id: session, limit: 2 });
    assert.equal(r.intent.source, 'session', JSON.stringify(r.intent));
    assert.equal(r.intent.recipient, 'husband', JSON.stringify(r.intent));
  };
  const links = (id: string) => s.affinity.privacy.store.directLinks(SHOP, id);

  before(async () => {
    s = await startAffinity({ AFFINITY_DEFAULT_SHOP: SHOP, AFFINITY_API_KEYS: `*:read+ingest:${AGENT},*:admin:${ADMIN}`, SHOPIFY_API_SECRET: SECRET });
    for (const shop of [SHOP, OTHER_SHOP]) assert.equal((await s.post(`/v1/catalog/products?shop=${shop}`, CATALOG, { authorization: `Bearer ${ADMIN}` })).status, 200);
    mcp = await connect(`${s.url}/mcp`, SHOP);
    gone = await connect(`${s.url}/mcp`, OTHER_SHOP);
  });
  after(async () => {
    await mcp?.close();
    await gone?.close();
    s?.affinity.app.server.closeAllConnections();
    await s?.stop();
  });

  it("customers/redact drops the customer's conversation context; another customer's conversation stays", async () => {
    await giftConversation(mcp, '7009009', 'chat-77');
    await giftConversation(mcp, '7009010', 'chat-78');
    await redact('7009009');
    const r = await call(mcp, 'recommend_products', { session_id: 'chat-77', limit: 2 });
    assert.notEqual(r.intent.source, 'session', JSON.stringify(r.intent));
    assert.doesNotMatch(JSON.stringify(r.intent), /husband|navy/);
    assert.equal(r.intent.budget, undefined, JSON.stringify(r.intent));
    const other = await call(mcp, 'recommend_products', { session_id: 'chat-78', limit: 2 });
    assert.equal(other.intent.source, 'session', 'near miss: the other customer keeps their conversation');
    assert.equal(other.intent.recipient, 'husband');
  });

  it("a consent withdrawal's erasure drops the shopper's conversation context", async () => {
    await giftConversation(mcp, '7009020', 'chat-withdraw');
    const res = await fetch(`${s.url}/v1/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}`, 'x-affinity-shop': SHOP },
      body: JSON.stringify({ shop: SHOP, customerId: '7009020', consent: { analyticsProcessingAllowed: false } }),
    });
    const body = (await res.json()) as any;
    assert.equal(res.status, 202, JSON.stringify(body));
    await untilJobDone(s.affinity, body.erasure.jobId);
    const r = await call(mcp, 'recommend_products', { session_id: 'chat-withdraw', limit: 2 });
    assert.notEqual(r.intent.source, 'session', JSON.stringify(r.intent));
  });

  it('shop/redact drops the conversations of the shop', async () => {
    await giftConversation(gone, '7009030', 'chat-shop');
    await deliver('shop/redact', { shop_id: 2, shop_domain: OTHER_SHOP });
    const r = await call(gone, 'recommend_products', { session_id: 'chat-shop', limit: 2 });
    assert.notEqual(r.intent.source, 'session', JSON.stringify(r.intent));
  });

  it("links the conversation to the shopper a call names with it: its later session-only events and lists are in the shopper's data request and go with the redaction", async () => {
    const C = '7009040';
    await call(mcp, 'track_event', { user_id: C, session_id: 'chat-link', event: 'viewed', product_id: 'navy-sport-jacket' });
    assert.deepEqual(await links('session:chat-link'), [C]);
    // Later turns name only the conversation: stored under its own key.
    const t = await call(mcp, 'track_event', { session_id: 'chat-link', event: 'added_to_cart', product_id: 'navy-wool-scarf', event_id: 'sess-only-1' });
    assert.equal(t.user_id, 'session:chat-link');
    await call(mcp, 'recommend_products', { session_id: 'chat-link', limit: 2 });
    await s.affinity.ctx.projector.flush();
    await s.affinity.ctx.analytics?.flush?.();
    const exp = await dataRequest(C);
    assert.ok(exp.ids.includes('session:chat-link'), JSON.stringify(exp.ids));
    const conv = exp.records.find((r: any) => r.id === 'session:chat-link');
    assert.ok(conv, JSON.stringify(exp.records.map((r: any) => r.id)));
    assert.ok(conv.activity.some((a: any) => String(a.eventId).endsWith('sess-only-1')), JSON.stringify(conv.activity));
    assert.ok(conv.recommendations.length >= 1, 'the list served to the conversation is exported');
    await redact(C);
    const left = await s.affinity.privacy.store.exportUser(SHOP, 'session:chat-link');
    assert.deepEqual(left.events, []);
    assert.equal(left.profile, undefined);
    assert.equal(left.attribution?.served.length ?? 0, 0);
  });

  it('recommend_products naming both links too; near misses: a call naming only the conversation, or a shopper who withdrew consent, links nothing', async () => {
    await call(mcp, 'recommend_products', { user_id: '7009050', session_id: 'chat-rec', text: 'a navy scarf', limit: 2 });
    assert.deepEqual(await links('session:chat-rec'), ['7009050']);
    await call(mcp, 'track_event', { session_id: 'chat-anon', event: 'viewed', product_id: 'navy-sport-jacket' });
    await call(mcp, 'recommend_products', { session_id: 'chat-anon', limit: 2 });
    assert.deepEqual(await links('session:chat-anon'), []);
    const res = await fetch(`${s.url}/v1/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}`, 'x-affinity-shop': SHOP },
      body: JSON.stringify({ shop: SHOP, customerId: '7009060', consent: { analyticsProcessingAllowed: false } }),
    });
    assert.ok(res.status === 200 || res.status === 202, await res.text());
    await call(mcp, 'track_event', { user_id: '7009060', session_id: 'chat-refused', event: 'viewed', product_id: 'navy-sport-jacket' });
    await call(mcp, 'recommend_products', { user_id: '7009060', session_id: 'chat-refused', limit: 2 });
    assert.deepEqual(await links('session:chat-refused'), []);
  });

  it("the data request names a storefront event's product (the pixel's numeric id) by its catalog title", async () => {
    const device = 'c0ffee01-aaaa-4bbb-8ccc-000000000009';
    const r = await s.post('/v1/events', { shop: SHOP, events: [viewed('px-1', device, 'navy-sport-jacket'), bought('px-buy', device, 'navy-wool-scarf', '9100009', '7009070')] }, { authorization: `Bearer ${ADMIN}` });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await s.affinity.ctx.projector.flush();
    const exp = await dataRequest('7009070');
    const rec = exp.records.find((x: any) => x.id === device);
    assert.ok(rec, JSON.stringify(exp.ids));
    const products = rec.activity.flatMap((a: any) => a.products);
    assert.ok(products.length >= 2, JSON.stringify(rec.activity));
    for (const p of products) assert.ok(p.title === 'Navy Sport Jacket' || p.title === 'Navy Wool Scarf', JSON.stringify(p));
    assert.deepEqual(products.map((p: any) => p.productId).sort(), ['8800000000001', '8800000000002'], 'the ids stay as the storefront sent them');
  });
});
