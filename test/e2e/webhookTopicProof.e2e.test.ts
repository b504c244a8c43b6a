/**
 * A signed compliance body does its own topic's work and nothing more (docs/privacy.md, "Shopify privacy
 * webhooks"). Shopify signs the body but not `X-Shopify-Topic` nor the path, so whoever holds one signed
 * body (a log, a proxy) could send it as another topic: a `customers/redact` body as `shop/redact` would
 * erase the whole shop, a `customers/data_request` body as `customers/redact` a customer who only asked
 * for an export. The body proves its topic; a mismatch is 400 `WEBHOOK_TOPIC_MISMATCH` and queues nothing.
 * Also: a second `customers/redact` of the same customer (the same bytes: its body has no request id)
 * runs again, and the signature is checked before the topic.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { startAffinity, SMALL_CATALOG, type Running } from './helpers.ts';

const SHOP = 'topic-proof.myshopify.com';
const SECRET = 'topic-proof-secret-1';

/** POSTs raw bytes signed with the app secret (or `signature`), with only the headers given. */
async function send(s: Running, path: string, raw: string, headers: Record<string, string> = {}, signature = signShopifyBody(raw, SECRET)) {
  const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': signature, ...headers }, body: raw });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const view = (id: string, clientId: string, productId: string) => ({
  id,
  name: 'product_viewed',
  clientId,
  timestamp: new Date().toISOString(),
  data: { productVariant: { id: `${productId}1`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 'x', vendor: 'v', type: 't' } } },
});

const customerRedact = (id: number) => JSON.stringify({ shop_id: 1, shop_domain: SHOP, customer: { id, email: 'k@example.com', phone: null }, orders_to_redact: [] });
const dataRequest = (id: number, requestId: number) =>
  JSON.stringify({ shop_id: 1, shop_domain: SHOP, orders_requested: [], customer: { id, email: 'k@example.com', phone: null }, data_request: { id: requestId } });

describe('a signed compliance body must prove its topic', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({ SHOPIFY_API_SECRET: SECRET, AFFINITY_DEFAULT_SHOP: SHOP });
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
    await s.post('/v1/events', { shop: SHOP, events: [view('tp-1', 'client-a', '101'), view('tp-2', 'client-b', '102')] });
    await s.affinity.ctx.projector.flush();
    await s.affinity.privacy.store.linkIdentity(SHOP, 'client-a', '7001');
    await s.affinity.privacy.store.linkIdentity(SHOP, 'client-b', '7002');
  });
  after(async () => {
    await s.stop();
  });

  async function shopIntact() {
    assert.equal(await s.affinity.privacy.queue.pendingCount(), 0, 'nothing queued');
    assert.equal((await s.affinity.privacy.store.listProducts(SHOP)).length, SMALL_CATALOG.length, 'the catalog is kept');
    assert.equal((await s.get(`/v1/users/client-a/profile?shop=${SHOP}`)).status, 200, 'client-a is kept');
    assert.equal((await s.get(`/v1/users/client-b/profile?shop=${SHOP}`)).status, 200, 'client-b is kept');
  }

  it('a captured customers/redact body re-sent as shop/redact, with no webhook, event or trigger headers, is refused and the shop keeps everything', async () => {
    const raw = customerRedact(7001);
    const sig = signShopifyBody(raw, SECRET);
    const viaHeader = await send(s, '/webhooks/shopify', raw, { 'x-shopify-topic': 'shop/redact' }, sig);
    assert.equal(viaHeader.status, 400, JSON.stringify(viaHeader.body));
    assert.equal(viaHeader.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    assert.match(viaHeader.body.error.message, /customers\/redact payload/);
    const viaPath = await send(s, '/webhooks/shopify/shop/redact', raw, {}, sig);
    assert.equal(viaPath.status, 400);
    assert.equal(viaPath.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    const viaPathAndHeader = await send(s, '/webhooks/shopify/shop/redact', raw, { 'x-shopify-topic': 'shop/redact', 'x-shopify-webhook-id': 'tp-forged-1' }, sig);
    assert.equal(viaPathAndHeader.status, 400);
    await shopIntact();
  });

  it('a customers/data_request body re-sent as customers/redact is refused: the customer keeps their data; as itself it is accepted', async () => {
    const raw = dataRequest(7002, 4401);
    for (const [path, headers] of [
      ['/webhooks/shopify', { 'x-shopify-topic': 'customers/redact' }],
      ['/webhooks/shopify/customers/redact', {}],
      ['/webhooks/shopify', { 'x-shopify-topic': 'shop/redact' }],
    ] as const) {
      const r = await send(s, path, raw, headers);
      assert.equal(r.status, 400, `${path} ${JSON.stringify(headers)}`);
      assert.equal(r.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    }
    await shopIntact();
    const asItself = await send(s, '/webhooks/shopify', raw, { 'x-shopify-topic': 'customers/data_request' });
    assert.equal(asItself.status, 202, JSON.stringify(asItself.body));
    await until('the export', async () => ((await s.affinity.privacy.queue.getJob(asItself.body.jobId))?.status === 'done' ? true : undefined));
    assert.equal((await s.get(`/v1/users/client-b/profile?shop=${SHOP}`)).status, 200, 'an export erases nothing');
  });

  it('a shop/redact body sent as a customer topic, or with a customer key added, is refused', async () => {
    const other = 'topic-proof-other.myshopify.com';
    const bare = JSON.stringify({ shop_id: 2, shop_domain: other });
    for (const topic of ['customers/redact', 'customers/data_request']) {
      const r = await send(s, `/webhooks/shopify/${topic}`, bare);
      assert.equal(r.status, 400, topic);
      assert.equal(r.body.error.code, 'WEBHOOK_TOPIC_MISMATCH', topic);
    }
    for (const extra of [{ customer: null }, { orders_to_redact: [] }, { data_request: { id: 1 } }]) {
      const r = await send(s, '/webhooks/shopify/shop/redact', JSON.stringify({ shop_id: 2, shop_domain: other, ...extra }));
      assert.equal(r.status, 400, JSON.stringify(extra));
      assert.equal(r.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    }
    assert.equal(await s.affinity.privacy.queue.pendingCount(), 0);
  });

  it('a per-topic path and an X-Shopify-Topic that disagree are refused, even when the body fits the path; agreeing ones are accepted', async () => {
    const raw = customerRedact(7999);
    const disagree = await send(s, '/webhooks/shopify/customers/redact', raw, { 'x-shopify-topic': 'shop/redact' });
    assert.equal(disagree.status, 400);
    assert.equal(disagree.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    const unknownHeader = await send(s, '/webhooks/shopify/customers/redact', raw, { 'x-shopify-topic': 'orders/create' });
    assert.equal(unknownHeader.status, 400);
    assert.equal(unknownHeader.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    assert.equal(await s.affinity.privacy.queue.pendingCount(), 0);
    const agree = await send(s, '/webhooks/shopify/customers/redact', raw, { 'x-shopify-topic': 'customers/redact' });
    assert.equal(agree.status, 202, JSON.stringify(agree.body));
  });

  it('fields a newer API version may add are accepted when the topic keys agree', async () => {
    const raw = JSON.stringify({ shop_id: 1, shop_domain: SHOP, customer: { id: 7998, email: null, phone: null, tags: ['x'] }, orders_to_redact: [], redaction_reason: 'gdpr' });
    const r = await send(s, '/webhooks/shopify', raw, { 'x-shopify-topic': 'customers/redact' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
  });

  it('a second customers/redact of the same customer (the same bytes, no ids) runs again and erases what was collected since; a retry of one delivery is still a duplicate', async () => {
    await s.post('/v1/events', { shop: SHOP, events: [view('tp-c1', 'client-c', '201')] });
    await s.affinity.ctx.projector.flush();
    await s.affinity.privacy.store.linkIdentity(SHOP, 'client-c', '7003');
    const raw = customerRedact(7003);
    const first = await send(s, '/webhooks/shopify/customers/redact', raw);
    assert.equal(first.status, 202);
    await until('the first redaction', async () => ((await s.affinity.privacy.queue.getJob(first.body.jobId))?.status === 'done' ? true : undefined));
    assert.equal((await s.get(`/v1/users/client-c/profile?shop=${SHOP}`)).status, 404);
    // The customer comes back on another device, signs in, browses; then asks again to be erased.
    await s.post('/v1/events', { shop: SHOP, events: [view('tp-c2', 'client-c2', '202')] });
    await s.affinity.ctx.projector.flush();
    await s.affinity.privacy.store.linkIdentity(SHOP, 'client-c2', '7003');
    assert.equal((await s.get(`/v1/users/client-c2/profile?shop=${SHOP}`)).status, 200);
    const second = await send(s, '/webhooks/shopify/customers/redact', raw, { 'x-shopify-webhook-id': 'tp-redact-2' });
    assert.equal(second.status, 202, JSON.stringify(second.body));
    assert.notEqual(second.body.jobId, first.body.jobId);
    const retry = await send(s, '/webhooks/shopify/customers/redact', raw, { 'x-shopify-webhook-id': 'tp-redact-2' });
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.body, { received: true, jobId: second.body.jobId, duplicate: true });
    await until('the second redaction', async () => ((await s.affinity.privacy.queue.getJob(second.body.jobId))?.status === 'done' ? true : undefined));
    assert.equal((await s.get(`/v1/users/client-c2/profile?shop=${SHOP}`)).status, 404, 'what was collected since the first is erased');
    assert.equal((await s.get(`/v1/users/client-b/profile?shop=${SHOP}`)).status, 200);
  });

  it('checks the signature before the topic: an unknown or missing topic with a bad signature is 401; with a good one, an unknown topic is acknowledged and a missing one 400', async () => {
    const raw = JSON.stringify({ id: 1 });
    for (const headers of [{ 'x-shopify-topic': 'orders/create' }, {}] as Record<string, string>[]) {
      const bad = await send(s, '/webhooks/shopify', raw, headers, signShopifyBody(raw, 'not-the-secret'));
      assert.equal(bad.status, 401, JSON.stringify(headers));
      assert.equal(bad.body.error.code, 'WEBHOOK_UNAUTHORIZED');
    }
    const unknown = await send(s, '/webhooks/shopify', raw, { 'x-shopify-topic': 'orders/create' });
    assert.equal(unknown.status, 200);
    assert.equal(unknown.body.handled, false);
    // A handled topic spelt with other case or a hyphen is that topic, never "not acted on": a redaction is not dropped.
    const cased = await send(s, '/webhooks/shopify', customerRedact(990001), { 'x-shopify-topic': 'Customers/Redact', 'x-shopify-webhook-id': 'tp-cased-1' });
    assert.equal(cased.status, 202, JSON.stringify(cased.body));
    assert.ok(cased.body.jobId);
    const hyphen = await send(s, '/webhooks/shopify', dataRequest(990002, 77), { 'x-shopify-topic': 'customers/data-request', 'x-shopify-webhook-id': 'tp-cased-2' });
    assert.equal(hyphen.status, 202, JSON.stringify(hyphen.body));
    const missing = await send(s, '/webhooks/shopify', raw, {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, 'VALIDATION_FAILED');
    const badOnPath = await send(s, '/webhooks/shopify/shop/redact', customerRedact(1), { 'x-shopify-topic': 'customers/redact' }, 'bm90IGJhc2U2NA==');
    assert.equal(badOnPath.status, 401, 'a bad signature is 401 before the path and header are compared');
  });
});
