/**
 * A list served just before an erasure is not written after it. Served lists wait up to a second in
 * the recorder's buffer (src/features/analytics/servedRecorder.ts); an erasure that ran in that second
 * used to find nothing to erase, and the list, naming the shopper, was written just after it.
 *
 * End to end over HTTP, on SQLite and on Redis, through the paths docs/privacy.md names: a list is
 * served to the shopper, at once the shopper is erased (a `customers/redact` webhook; a server-to-server
 * consent withdrawal), and once the flush interval has passed the whole store (every SQLite table;
 * every Redis key with its content) names nothing of them, nor does an export of their records.
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

const SHOP = 'served-erasure.myshopify.com';
const KEY = 'served-erasure-key-0123456789';
const SECRET = 'shpss_served_erasure_secret';
const CUSTOMER = '7700555123001';
const DEVICE = '3c2b1a00-device-77aa';
const OTHER = '3c2b1a00-other-88bb';
const OFF = { analyticsProcessingAllowed: false, preferencesProcessingAllowed: false, marketingAllowed: false, saleOfDataAllowed: false };
/** Longer than the recorder's flush interval (1 s). */
const PAST_FLUSH_MS = 1500;

for (const storeKind of ['sqlite', 'redis'] as const) {
  describe(`a list served just before an erasure is not written after it (${storeKind})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-served-erasure-'));
    const dbPath = join(dir, 'a.db');
    let affinity: Affinity;
    let url: string;
    let redis: RedisServerHandle | undefined;

    before(async () => {
      if (storeKind === 'redis') redis = await startRedis();
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        AFFINITY_DB: dbPath,
        AFFINITY_LOG_LEVEL: 'silent',
        AFFINITY_DEFAULT_SHOP: SHOP,
        AFFINITY_API_KEYS: `${SHOP}:read+ingest+admin:${KEY}`,
        SHOPIFY_API_SECRET: SECRET,
        ...(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {}),
      });
      affinity = await createAffinity(config);
      url = await affinity.listen();
      assert.equal((await post(`/v1/catalog/products?shop=${SHOP}`, SMALL_CATALOG)).status, 200);
    });
    after(async () => {
      await affinity?.close();
      await redis?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    async function post(path: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }) {
      const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    }
    const untilDone = (jobId: string) => untilJobDone(affinity, jobId);
    const serve = async (userId: string) => {
      const r = await post('/v1/recommendations', { shop: SHOP, userId, productId: '101' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    };
    const dump = async (): Promise<string[]> => (redis ? dumpRedis([{ host: '127.0.0.1', port: redis.port }]) : dumpSqlite(dbPath));
    /** The lists an export of the id holds. */
    const servedTo = async (userId: string) => (await affinity.privacy.store.exportUser(SHOP, userId)).attribution?.served ?? [];

    it('customers/redact right after a list was served: nothing of the customer is written afterwards', async () => {
      await serve(OTHER);
      await serve(CUSTOMER);
      const payload = JSON.stringify({ shop_id: 1, shop_domain: SHOP, customer: { id: Number(CUSTOMER), email: 'k@example.com', phone: null }, orders_to_redact: [] });
      const hook = await post('/webhooks/shopify/customers/redact', payload, { 'x-shopify-hmac-sha256': signShopifyBody(payload, SECRET), 'x-shopify-webhook-id': 'wh-served-erasure' });
      assert.equal(hook.status, 202, JSON.stringify(hook.body));
      await untilDone(hook.body.jobId);
      await new Promise((r) => setTimeout(r, PAST_FLUSH_MS));

      const lines = await dump();
      assert.deepEqual(findAny(lines, [CUSTOMER]), []);
      assert.ok(findAny(lines, [OTHER]).length > 0, 'the other shopper\'s list is written (and the dump does see it)');
      assert.deepEqual(await servedTo(CUSTOMER), []);
      assert.equal((await servedTo(OTHER)).length, 1, 'the export does see lists');
    });

    it('a consent withdrawal right after a list was served: nothing of the device is written afterwards', async () => {
      // A view stored for the device first: a withdrawal erases only where something is stored.
      const view = { id: 'served-erasure-view-1', type: 'view', userId: DEVICE, productId: '102', timestamp: new Date().toISOString() };
      assert.equal((await post('/v1/events', { shop: SHOP, events: [view] })).status, 202);
      await affinity.ctx.projector.flush();
      await serve(DEVICE);
      const off = await post('/v1/consent', { shop: SHOP, userId: DEVICE, consent: OFF });
      assert.equal(off.status, 202, JSON.stringify(off.body));
      await untilDone(off.body.erasure.jobId);
      await new Promise((r) => setTimeout(r, PAST_FLUSH_MS));

      assert.deepEqual(findAny(await dump(), [DEVICE]), []);
      assert.deepEqual(await servedTo(DEVICE), []);
    });
  });
}
