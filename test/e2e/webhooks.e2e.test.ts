/**
 * Shopify privacy compliance webhooks end to end: HMAC on the raw body (several secrets during a
 * rotation), 401 on a bad or missing signature, duplicates and replays recognised by the body hash,
 * X-Shopify-Webhook-Id and X-Shopify-Event-Id (also by another process, on SQLite and Redis), stale
 * deliveries refused, work done from the durable queue (also after a restart), exports readable
 * through the admin API.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { loadConfig } from '../../src/config.ts';
import { createAffinity } from '../../src/main.ts';
import { startRedis, type RedisServerHandle } from '../../src/testing/redisServer.ts';
import { startAffinity, SMALL_CATALOG, type Running } from './helpers.ts';

const SHOP = 'webhook-shop.myshopify.com';
const SECRETS = 'old-secret-123,new-secret-456';

async function deliver(
  url: string,
  topic: string,
  payload: unknown,
  opts: { secret?: string; webhookId?: string; signature?: string; singleUri?: boolean; raw?: string; headers?: Record<string, string> } = {},
) {
  const raw = opts.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-shopify-topic': topic, 'x-shopify-shop-domain': SHOP, ...opts.headers };
  const sig = opts.signature ?? (opts.secret ? signShopifyBody(raw, opts.secret) : undefined);
  if (sig) headers['x-shopify-hmac-sha256'] = sig;
  if (opts.webhookId) headers['x-shopify-webhook-id'] = opts.webhookId;
  const res = await fetch(opts.singleUri ? `${url}/webhooks/shopify` : `${url}/webhooks/shopify/${topic}`, { method: 'POST', headers, body: raw });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
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

describe('Shopify compliance webhooks', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({ SHOPIFY_API_SECRET: SECRETS, AFFINITY_DEFAULT_SHOP: SHOP });
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
  });
  after(async () => {
    await s.stop();
  });

  it('accepts every topic on one URI, by X-Shopify-Topic (as compliance_topics + uri deliver them)', async () => {
    const payload = { shop_id: 1, shop_domain: SHOP, customer: { id: 424242, email: 'x@example.com', phone: null }, orders_to_redact: [] };
    const ok = await deliver(s.url, 'customers/redact', payload, { secret: 'new-secret-456', webhookId: 'single-uri-1', singleUri: true });
    assert.equal(ok.status, 202, JSON.stringify(ok.body));
    const again = await deliver(s.url, 'customers/redact', payload, { secret: 'new-secret-456', webhookId: 'single-uri-1', singleUri: true });
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true);
    // A signed topic this service does not act on is acknowledged (Shopify retries any non-2xx), and does nothing.
    const unknown = await deliver(s.url, 'orders/create', payload, { secret: 'new-secret-456', singleUri: true });
    assert.equal(unknown.status, 200);
    assert.deepEqual(unknown.body, { received: true, handled: false, topic: 'orders/create' });
    const unsigned = await deliver(s.url, 'shop/redact', { shop_id: 1, shop_domain: SHOP }, { singleUri: true });
    assert.equal(unsigned.status, 401);
  });

  it('acknowledges app/uninstalled on the one URI and on its own path, keeps the shop\'s data for shop/redact, and still checks the signature', async () => {
    await s.post('/v1/events', { shop: SHOP, events: [view('un-1', 'client-un', '101')] });
    await s.affinity.ctx.projector.flush();
    const pending = await s.affinity.privacy.queue.pendingCount();
    const shopBody = { id: 548380009, name: 'Webhook Shop', email: 'owner@example.com', domain: null, myshopify_domain: SHOP, plan_name: 'basic' };
    for (const singleUri of [true, false]) {
      const r = await deliver(s.url, 'app/uninstalled', shopBody, { secret: 'new-secret-456', singleUri, webhookId: `uninstall-${singleUri}` });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body, { received: true, handled: false, topic: 'app/uninstalled' });
      const unsigned = await deliver(s.url, 'app/uninstalled', shopBody, { singleUri });
      assert.equal(unsigned.status, 401);
    }
    const mismatch = await deliver(s.url, 'app/uninstalled', shopBody, { secret: 'new-secret-456', headers: { 'x-shopify-topic': 'shop/redact' } });
    assert.equal(mismatch.status, 400);
    assert.equal(mismatch.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    assert.equal(await s.affinity.privacy.queue.pendingCount(), pending, 'no privacy job');
    assert.equal((await s.get(`/v1/users/client-un/profile?shop=${SHOP}`)).status, 200, 'the data stays until shop/redact');
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(metrics, /affinity_privacy_webhooks_total\{topic="app\/uninstalled",outcome="ignored"\} 2/);
    assert.match(metrics, /affinity_privacy_webhooks_total\{topic="unknown",outcome="ignored"\} 1/);
  });

  it('answers 401 WEBHOOK_UNAUTHORIZED to a missing or wrong signature, and queues nothing', async () => {
    const payload = { shop_id: 1, shop_domain: SHOP };
    const missing = await deliver(s.url, 'shop/redact', payload);
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'WEBHOOK_UNAUTHORIZED');
    const wrong = await deliver(s.url, 'shop/redact', payload, { secret: 'not-the-secret' });
    assert.equal(wrong.status, 401);
    const garbage = await deliver(s.url, 'shop/redact', payload, { signature: 'bm90IGJhc2U2NA==' });
    assert.equal(garbage.status, 401);
    assert.equal(await s.affinity.privacy.queue.pendingCount(), 0);
  });

  it('verifies the exact raw bytes: a re-serialised body does not match', async () => {
    const raw = '{"shop_id": 1,  "shop_domain": "x.myshopify.com"}';
    const sig = signShopifyBody(JSON.stringify(JSON.parse(raw)), 'new-secret-456');
    const res = await fetch(`${s.url}/webhooks/shopify/shop/redact`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': sig }, body: raw });
    assert.equal(res.status, 401);
  });

  it('customers/data_request: exports everything held about the customer, readable by the shop through the admin API', async () => {
    await s.post('/v1/events', { shop: SHOP, events: [view('dr-1', 'client-dr', '101'), view('dr-2', 'client-dr', '102')] });
    await s.affinity.ctx.projector.flush();
    await s.affinity.privacy.store.linkIdentity(SHOP, 'client-dr', '5550001');
    const payload = { shop_id: 1, shop_domain: SHOP, orders_requested: [], customer: { id: 5550001, email: 'x@example.com', phone: null }, data_request: { id: 9001 } };
    // Signed with the old secret: still accepted during the rotation.
    const r = await deliver(s.url, 'customers/data_request', payload, { secret: 'old-secret-123', webhookId: 'wh-dr-1' });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    const again = await deliver(s.url, 'customers/data_request', payload, { secret: 'new-secret-456', webhookId: 'wh-dr-1' });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { received: true, jobId: r.body.jobId, duplicate: true });
    const exp = await until('the export', async () => {
      const g = await s.get(`/v1/admin/exports/${r.body.jobId}?shop=${SHOP}`);
      return g.status === 200 ? g.body : undefined;
    });
    assert.equal(exp.status, 'ready');
    assert.equal(exp.export.customerId, '5550001');
    assert.equal(exp.export.dataRequestId, '9001');
    assert.deepEqual(exp.export.ids, ['5550001', 'client-dr']);
    const client = exp.export.records.find((x: any) => x.id === 'client-dr');
    assert.deepEqual(client.activity.map((e: any) => e.eventId).sort(), ['dr-1', 'dr-2']);
    // Readable by a merchant: actions, dates and product titles, not internal counters.
    assert.equal(client.activity[0].action, 'viewed a product');
    assert.match(client.activity[0].at, /^\d{4}-\d{2}-\d{2}T/);
    assert.ok(client.activity.every((e: any) => e.products.every((p: any) => typeof p.title === 'string')), JSON.stringify(client.activity));
    assert.equal(JSON.stringify(client).includes('features'), false);
    assert.equal(JSON.stringify(exp).includes('x@example.com'), false, 'the email of the payload is not kept');
    // Another shop cannot read it.
    assert.equal((await s.get(`/v1/admin/exports/${r.body.jobId}?shop=other.myshopify.com`)).status, 404);
    // The merchant finds it by the customer (Shopify keeps only the delivery's status, not the jobId of its answer), by id or GID.
    for (const customerId of ['5550001', 'gid://shopify/Customer/5550001']) {
      const list = await s.get(`/v1/admin/exports?shop=${SHOP}&customerId=${encodeURIComponent(customerId)}`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.deepEqual(list.body, { shop: SHOP, customerId: '5550001', exports: [{ id: r.body.jobId, href: `/v1/admin/exports/${r.body.jobId}` }] });
    }
    // Near misses: another shop's list of the same customer is empty; a customer with none, an empty list; no customer id or a client id, 400.
    assert.deepEqual((await s.get(`/v1/admin/exports?shop=other.myshopify.com&customerId=5550001`)).body.exports, []);
    assert.deepEqual((await s.get(`/v1/admin/exports?shop=${SHOP}&customerId=5550999`)).body.exports, []);
    for (const q of ['', '&customerId=client-dr', '&customerId=5550001&extra=1']) {
      const bad = await s.get(`/v1/admin/exports?shop=${SHOP}${q}`);
      assert.deepEqual([bad.status, bad.body.error?.code], [400, 'VALIDATION_FAILED'], q);
    }
  });

  it('customers/redact: removes the customer and every id linked to it, and its exports', async () => {
    await s.post('/v1/events', { shop: SHOP, events: [view('rd-1', 'client-rd', '201'), view('rd-2', 'client-keep', '201')] });
    await s.affinity.ctx.projector.flush();
    await s.affinity.privacy.store.linkIdentity(SHOP, 'client-rd', '5550002');
    const r = await deliver(s.url, 'customers/redact', { shop_id: 1, shop_domain: SHOP, customer: { id: 5550002, email: 'y@example.com', phone: null }, orders_to_redact: [] }, { secret: 'new-secret-456', webhookId: 'wh-rd-1' });
    assert.equal(r.status, 202);
    const job = await until('the redaction', async () => {
      const g = await s.get(`/v1/admin/privacy/jobs/${r.body.jobId}?shop=${SHOP}`);
      return g.body?.status === 'done' ? g.body : undefined;
    });
    assert.equal(job.kind, 'customers/redact');
    assert.equal(job.result.ids, 2);
    assert.equal((await s.get(`/v1/users/client-rd/profile?shop=${SHOP}`)).status, 404);
    assert.equal((await s.get(`/v1/users/client-keep/profile?shop=${SHOP}`)).status, 200);
  });

  it('shop/redact: removes the whole tenant', async () => {
    const r = await deliver(s.url, 'shop/redact', { shop_id: 1, shop_domain: SHOP }, { secret: 'new-secret-456', webhookId: 'wh-shop-1' });
    assert.equal(r.status, 202);
    await until('the shop redaction', async () => ((await s.get(`/v1/admin/privacy/jobs/${r.body.jobId}?shop=${SHOP}`)).body?.status === 'done' ? true : undefined));
    assert.deepEqual(await s.affinity.privacy.store.listProducts(SHOP), []);
    assert.equal((await s.get(`/v1/users/client-keep/profile?shop=${SHOP}`)).status, 404);
  });

  it('a signed body replayed with a new or missing X-Shopify-Webhook-Id makes no new job (200, the first job)', async () => {
    // A data request names its request (data_request.id): the same bytes are the same request.
    const payload = { shop_id: 1, shop_domain: SHOP, orders_requested: [], customer: { id: 5550003, email: null, phone: null }, data_request: { id: 9003 } };
    const first = await deliver(s.url, 'customers/data_request', payload, { secret: 'new-secret-456', webhookId: 'wh-replay-1' });
    assert.equal(first.status, 202);
    const newId = await deliver(s.url, 'customers/data_request', payload, { secret: 'new-secret-456', webhookId: 'wh-replay-forged' });
    assert.equal(newId.status, 200);
    assert.deepEqual(newId.body, { received: true, jobId: first.body.jobId, duplicate: true });
    const noId = await deliver(s.url, 'customers/data_request', payload, { secret: 'new-secret-456', singleUri: true });
    assert.equal(noId.status, 200, 'the one URI and the per-topic path are the same delivery (the key is the body, not the topic)');
    assert.deepEqual(noId.body, { received: true, jobId: first.body.jobId, duplicate: true });
    // The same body sent as another topic is no delivery of that topic: Shopify does not sign the topic.
    const otherTopic = await deliver(s.url, 'customers/redact', payload, { secret: 'new-secret-456' });
    assert.equal(otherTopic.status, 400);
    assert.equal(otherTopic.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
  });

  it('a shop/redact replayed with a new or missing webhook id makes no new job while its body is remembered', async () => {
    const other = 'webhook-shop-replay.myshopify.com';
    const payload = { shop_id: 2, shop_domain: other };
    const first = await deliver(s.url, 'shop/redact', payload, { secret: 'new-secret-456', webhookId: 'wh-shop-replay-1' });
    assert.equal(first.status, 202);
    for (const webhookId of ['wh-shop-replay-forged', undefined]) {
      const replay = await deliver(s.url, 'shop/redact', payload, { secret: 'new-secret-456', singleUri: true, ...(webhookId ? { webhookId } : {}) });
      assert.equal(replay.status, 200, String(webhookId));
      assert.equal(replay.body.jobId, first.body.jobId);
    }
  });

  it('X-Shopify-Event-Id: the copies of one event (other bytes, other webhook ids) make one job', async () => {
    const payload = { shop_id: 1, shop_domain: SHOP, customer: { id: 5550004 }, orders_to_redact: [] };
    const first = await deliver(s.url, 'customers/redact', payload, { secret: 'new-secret-456', webhookId: 'wh-ev-a', headers: { 'x-shopify-event-id': 'event-77' } });
    assert.equal(first.status, 202);
    const copy = await deliver(s.url, 'customers/redact', payload, { secret: 'new-secret-456', webhookId: 'wh-ev-b', raw: JSON.stringify(payload, null, 1), headers: { 'x-shopify-event-id': 'event-77' } });
    assert.equal(copy.status, 200);
    assert.equal(copy.body.jobId, first.body.jobId);
  });

  it('refuses a delivery triggered more than 12 hours ago with 400 WEBHOOK_STALE, and accepts a retry within Shopify’s 4 hours', async () => {
    const payload = { shop_id: 1, shop_domain: SHOP, customer: { id: 5550005 }, orders_to_redact: [] };
    const stale = await deliver(s.url, 'customers/redact', payload, { secret: 'new-secret-456', webhookId: 'wh-stale', headers: { 'x-shopify-triggered-at': new Date(Date.now() - 13 * 3_600_000).toISOString() } });
    assert.equal(stale.status, 400);
    assert.equal(stale.body.error.code, 'WEBHOOK_STALE');
    const retry = await deliver(s.url, 'customers/redact', payload, { secret: 'new-secret-456', webhookId: 'wh-stale', headers: { 'x-shopify-triggered-at': new Date(Date.now() - 3 * 3_600_000).toISOString() } });
    assert.equal(retry.status, 202, 'the stale delivery queued nothing');
    const unreadable = await deliver(s.url, 'customers/redact', { ...payload, customer: { id: 5550006 } }, { secret: 'new-secret-456', headers: { 'x-shopify-triggered-at': 'not a date' } });
    assert.equal(unreadable.status, 202, 'an unreadable header is ignored (the body hash still dedupes)');
  });

  it('rejects a payload without its shop with VALIDATION_FAILED (after the signature check)', async () => {
    const r = await deliver(s.url, 'customers/redact', { customer: { id: 1 } }, { secret: 'new-secret-456' });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
  });
});

describe('the privacy queue survives a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-webhook-restart-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a job acknowledged by an HTTP-only process is done by the next projector process', async () => {
    const config = loadConfig({ PORT: '0', AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'silent', SHOPIFY_API_SECRET: SECRETS, AFFINITY_DEFAULT_SHOP: SHOP });
    const httpOnly = await createAffinity(config, { role: 'http' });
    const url = await httpOnly.listen();
    const r = await deliver(url, 'customers/data_request', { shop_id: 1, shop_domain: SHOP, customer: { id: 42 }, data_request: { id: 7 } }, { secret: 'new-secret-456', webhookId: 'wh-restart' });
    assert.equal(r.status, 202);
    await httpOnly.close();

    const worker = await createAffinity(config, { role: 'projector' });
    try {
      await until('the job', async () => ((await worker.privacy.queue.getJob(r.body.jobId))?.status === 'done' ? true : undefined));
      assert.ok(await worker.privacy.queue.getExport(SHOP, r.body.jobId, Date.now()));
    } finally {
      await worker.close();
    }
  });
});

for (const storeKind of ['sqlite', 'redis'] as const) {
  describe(`webhook dedupe is kept in the store (${storeKind})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-webhook-dedupe-'));
    let redis: RedisServerHandle | undefined;
    before(async () => {
      if (storeKind === 'redis') redis = await startRedis();
    });
    after(async () => {
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a replay to another process (after a restart) is still a duplicate', async () => {
      const config = loadConfig({
        PORT: '0',
        AFFINITY_DB: join(dir, 'd.db'),
        AFFINITY_LOG_LEVEL: 'silent',
        SHOPIFY_API_SECRET: SECRETS,
        AFFINITY_DEFAULT_SHOP: SHOP,
        ...(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {}),
      });
      const payload = { shop_id: 1, shop_domain: SHOP, customer: { id: 5550101 }, data_request: { id: 31 } };
      const first = await createAffinity(config, { role: 'http' });
      const r = await deliver(await first.listen(), 'customers/data_request', payload, { secret: 'new-secret-456', webhookId: 'wh-dd-1' });
      assert.equal(r.status, 202);
      await first.close();
      const second = await createAffinity(config, { role: 'http' });
      try {
        const url = await second.listen();
        const replay = await deliver(url, 'customers/data_request', payload, { secret: 'new-secret-456', webhookId: 'wh-dd-forged' });
        assert.equal(replay.status, 200);
        assert.deepEqual(replay.body, { received: true, jobId: r.body.jobId, duplicate: true });
        const retry = await deliver(url, 'customers/data_request', payload, { secret: 'new-secret-456', webhookId: 'wh-dd-1' });
        assert.equal(retry.body.jobId, r.body.jobId);
        assert.equal(await second.privacy.queue.pendingCount(), 1, 'one job for the three deliveries');
      } finally {
        await second.close();
      }
    });
  });
}
