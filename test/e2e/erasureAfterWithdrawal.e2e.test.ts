/**
 * A consent withdrawal can never make a later erasure miss data, and a storefront pixel can withdraw
 * consent only for its own client id. End to end over HTTP, on SQLite and on Redis:
 *
 * 1. pixel events: laptop C and phone P buy as customer K (orders O1, O2), a guest device G buys
 *    without a customer id (order O3);
 * 2. keyless pixel withdrawals naming K (as `customerId`, `clientId`, `userId`, or in a
 *    `visitorConsentCollected` event) are refused with 403 `PIXEL_CONSENT_FORBIDDEN`;
 * 3. the keyless pixel withdrawal naming C is accepted: C's behaviour is erased, its links stay;
 * 4. C consents again and browses (stored);
 * 5. a server-to-server withdrawal naming K (ingest key) is accepted;
 * 6. `customers/redact` for K with O1, O2, O3;
 * 7. the whole store (every SQLite table; every Redis key with its content) names none of C, P, G,
 *    K, O1–O3 or their event ids, while another shopper's data is still there.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { loadConfig } from '../../src/config.ts';
import { createAffinity, type Affinity } from '../../src/main.ts';
import { untilJobDone } from '../../src/testing/privacyJobs.ts';
import { startRedis, type RedisServerHandle } from '../../src/testing/redisServer.ts';
import { dumpRedis, dumpSqlite, findAny } from '../../src/testing/storeDump.ts';
import { SMALL_CATALOG } from './helpers.ts';

const SHOP = 'erasure-shop.myshopify.com';
const ORIGIN = 'https://erasure-shop.com';
const INGEST = 'erasure-ingest-key-0123456789';
const ADMIN = 'erasure-admin-key-0123456789';
const SECRET = 'shpss_erasure_secret';
const LAPTOP = '5f0c2d1e-laptop-4a7b';
const PHONE = '9e8d7c6b-phone-1f2e';
const GUEST = '0a1b2c3d-guest-5e6f';
const OTHER = '77aa88bb-other-99cc';
const CUSTOMER = '7700123990011';
const ORDERS = ['6100201990021', '6100201990022', '6100201990023'];

const variant = (productId: string) => ({ id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 'x', vendor: 'v', type: 't' } });
const viewed = (id: string, clientId: string, productId: string) => ({ id, name: 'product_viewed', clientId, timestamp: new Date().toISOString(), data: { productVariant: variant(productId) } });
const bought = (id: string, clientId: string, productId: string, orderId: string, customerId: string | null) => ({
  id,
  name: 'checkout_completed',
  clientId,
  timestamp: new Date().toISOString(),
  data: { checkout: { token: `tok-${id}`, currencyCode: 'USD', lineItems: [{ quantity: 1, variant: variant(productId) }], order: { id: orderId, customer: customerId ? { id: customerId } : null } } },
});
const OFF = { analyticsProcessingAllowed: false, preferencesProcessingAllowed: false, marketingAllowed: false, saleOfDataAllowed: false };

for (const storeKind of ['sqlite', 'redis'] as const) {
  describe(`a withdrawal never makes a later redaction miss data (${storeKind})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-erasure-'));
    const dbPath = join(dir, 'a.db');
    let affinity: Affinity;
    let url: string;
    let redis: RedisServerHandle | undefined;
    const eventIds: string[] = [];
    before(async () => {
      if (storeKind === 'redis') redis = await startRedis();
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        AFFINITY_DB: dbPath,
        AFFINITY_LOG_LEVEL: 'silent',
        AFFINITY_DEFAULT_SHOP: SHOP,
        AFFINITY_API_KEYS: `${SHOP}:ingest:${INGEST},*:admin:${ADMIN}`,
        AFFINITY_PIXEL_ORIGINS: `${SHOP}=${ORIGIN}`,
        SHOPIFY_API_SECRET: SECRET,
        ...(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {}),
      });
      affinity = await createAffinity(config);
      url = await affinity.listen();
      assert.equal((await post(`/v1/catalog/products?shop=${SHOP}`, SMALL_CATALOG, { authorization: `Bearer ${ADMIN}` })).status, 200);
    });
    after(async () => {
      await affinity?.close();
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    const post = async (path: string, body: unknown, headers: Record<string, string>) => {
      const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const pixel = (path: string, body: unknown) => post(path, body, { origin: ORIGIN });
    const server = (path: string, body: unknown) => post(path, body, { authorization: `Bearer ${INGEST}` });
    const untilDone = (jobId: string) => untilJobDone(affinity, jobId);
    const dump = async (): Promise<string[]> => (storeKind === 'redis' ? dumpRedis([{ host: '127.0.0.1', port: redis!.port }]) : dumpSqlite(dbPath));

    it('runs the sequence and leaves nothing of the customer, its devices or its orders', async () => {
      // 1. Two devices of the customer and a guest checkout, all from the storefront pixel.
      const batch = [
        viewed('ea-c-1', LAPTOP, '101'),
        bought('ea-c-buy', LAPTOP, '101', ORDERS[0]!, CUSTOMER),
        viewed('ea-p-1', PHONE, '102'),
        bought('ea-p-buy', PHONE, '102', ORDERS[1]!, CUSTOMER),
        bought('ea-g-buy', GUEST, '103', ORDERS[2]!, null),
        viewed('ea-o-1', OTHER, '201'),
      ];
      eventIds.push(...batch.filter((e) => e.clientId !== OTHER).map((e) => e.id));
      assert.equal((await pixel('/v1/events', { shop: SHOP, market: 'us', events: batch })).status, 202);
      await affinity.ctx.projector.flush();
      assert.deepEqual(await affinity.privacy.store.linkedIds(SHOP, CUSTOMER), [LAPTOP, `order:${ORDERS[0]}`, `order:${ORDERS[1]}`, PHONE].sort());

      // 2. The pixel cannot withdraw for the customer id, however it names it.
      for (const body of [{ customerId: CUSTOMER }, { clientId: CUSTOMER }, { userId: CUSTOMER }, { clientId: `gid://shopify/Customer/${CUSTOMER}` }]) {
        const r = await pixel('/v1/consent', { shop: SHOP, ...body, consent: OFF, market: 'us' });
        assert.equal(r.status, 403, JSON.stringify(body));
        assert.equal(r.body.error.code, 'PIXEL_CONSENT_FORBIDDEN');
      }
      const inEvents = await pixel('/v1/events', { shop: SHOP, market: 'us', events: [{ id: 'ea-k-off', name: 'visitorConsentCollected', clientId: CUSTOMER, customerPrivacy: OFF }] });
      assert.equal(inEvents.status, 403);
      assert.equal(inEvents.body.error.code, 'PIXEL_CONSENT_FORBIDDEN');
      assert.equal(await affinity.privacy.queue.pendingCount(), 0, 'nothing queued');

      // 3. The pixel withdraws for its own client id: the laptop's behaviour goes, its links stay.
      const own = await pixel('/v1/consent', { shop: SHOP, clientId: LAPTOP, consent: OFF, market: 'us' });
      assert.equal(own.status, 202, JSON.stringify(own.body));
      await untilDone(own.body.erasure.jobId);
      assert.deepEqual(await affinity.privacy.store.getUserEvents(SHOP, LAPTOP, 10), []);
      assert.ok((await affinity.privacy.store.linkedIds(SHOP, CUSTOMER)).includes(LAPTOP), 'the customer still reaches the laptop');

      // 4. The laptop consents again and browses: stored again.
      eventIds.push('ea-c-2');
      assert.equal((await pixel('/v1/events', { shop: SHOP, market: 'us', consent: { analyticsProcessingAllowed: true }, events: [viewed('ea-c-2', LAPTOP, '103')] })).status, 202);
      await affinity.ctx.projector.flush();
      assert.equal((await affinity.privacy.store.getUserEvents(SHOP, LAPTOP, 10)).length, 1);

      // 5. Server to server, with an ingest key, the customer id may withdraw.
      const byKey = await server('/v1/consent', { shop: SHOP, customerId: CUSTOMER, consent: OFF, market: 'us' });
      assert.ok(byKey.status === 200 || byKey.status === 202, JSON.stringify(byKey.body));
      if (byKey.body.erasure) await untilDone(byKey.body.erasure.jobId);

      // 6. customers/redact for the customer and its three orders.
      const payload = JSON.stringify({ shop_id: 1, shop_domain: SHOP, customer: { id: Number(CUSTOMER), email: 'k@example.com', phone: null }, orders_to_redact: ORDERS.map(Number) });
      const hook = await post('/webhooks/shopify/customers/redact', payload, { 'x-shopify-hmac-sha256': signShopifyBody(payload, SECRET), 'x-shopify-webhook-id': `wh-ea-${storeKind}` });
      assert.equal(hook.status, 202, JSON.stringify(hook.body));
      await untilDone(hook.body.jobId);
      await affinity.ctx.projector.flush();
      const job = await affinity.privacy.queue.getJob(hook.body.jobId);
      assert.equal(job?.result?.ids, 4, 'the customer, both devices and the guest device');

      // 7. Nothing of them is left anywhere in the store.
      const lines = await dump();
      assert.deepEqual(findAny(lines, [CUSTOMER, LAPTOP, PHONE, GUEST, ...ORDERS, ...eventIds]), []);
      assert.ok(findAny(lines, [OTHER]).length > 0, 'the other shopper is kept (and the dump does see the data)');
    });
  });
}
