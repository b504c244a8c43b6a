/**
 * A Shopify customer named by GID (`gid://shopify/Customer/<id>`, how the Admin API and a Customer
 * Account MCP name one) is the same shopper as the numeric id a checkout stores: REST events,
 * recommendations, the profile route and the MCP tools read and write one profile whichever form the
 * caller uses. And a customer id does not read the storefront history of a browser that a (forgeable,
 * keyless) pixel checkout says is theirs (docs/decisions/0009). Real HTTP, the real MCP SDK, both stores.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startRedis } from '../../src/testing/redisServer.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const NOW = Date.now();
let seq = 0;
const at = () => new Date(NOW - 600_000 + ++seq * 1000).toISOString();
const line = (productId: string, type: string, price: number) => ({ id: `${productId}9`, price: { amount: price, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'v', type }, title: 'Default' });

for (const store of ['sqlite', 'redis'] as const) {
  describe(`a customer named by GID is the numeric id's shopper (${store})`, () => {
    let s: Running;
    let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
    let client: Client;
    const customer = '7700042';
    const gid = `gid://shopify/Customer/${customer}`;

    before(async () => {
      if (store === 'redis') redis = await startRedis();
      s = await startAffinity(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {});
      assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
      // The shop's server names the customer by GID (native events, an ingest key in production).
      const events = [
        { id: `cg-${++seq}`, type: 'view', userId: gid, productId: '202', timestamp: at() },
        { id: `cg-${++seq}`, type: 'purchase', userId: gid, productId: '201', timestamp: at() },
        // A storefront browser whose pixel checkout names the customer: a link, nothing read under the customer.
        { id: `cg-${++seq}`, name: 'product_viewed', clientId: 'phone-c42', timestamp: at(), data: { productVariant: line('103', 'Tents', 299) } },
        {
          id: `cg-${++seq}`,
          name: 'checkout_completed',
          clientId: 'phone-c42',
          timestamp: at(),
          data: { checkout: { currencyCode: 'USD', order: { id: 'gid://shopify/Order/88001', customer: { id: gid } }, lineItems: [{ quantity: 1, finalLinePrice: { amount: 299, currencyCode: 'USD' }, variant: line('103', 'Tents', 299) }] } },
        },
      ];
      assert.equal((await s.post('/v1/events', { events })).status, 202);
      await s.affinity.ctx.projector.flush();
      client = new Client({ name: 'customer-gid-e2e', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    });
    after(async () => {
      await client?.close();
      await s?.stop();
      await redis?.stop();
    });

    it('the profile route and get_shopper_profile answer the same by numeric id and by GID', async () => {
      const byNumber = await s.get(`/v1/users/${customer}/profile`);
      assert.equal(byNumber.status, 200, byNumber.text);
      assert.deepEqual(byNumber.body.purchased, ['201']);
      const byGid = await s.get(`/v1/users/${encodeURIComponent(gid)}/profile`);
      assert.equal(byGid.status, 200, byGid.text);
      assert.deepEqual(byGid.body.purchased, ['201']);
      // The GID as it is in the path (not percent-encoded), as clients often send it; and merged `//`.
      for (const path of [`/v1/users/${gid}/profile`, `/v1/users/gid:/shopify/Customer/${customer}/profile`]) {
        const raw = await s.get(path);
        assert.equal(raw.status, 200, `${path}: ${raw.text}`);
        assert.deepEqual(raw.body.purchased, ['201']);
      }
      // Near misses: another route under /v1/users is no route; an id with a slash that names nobody is unknown.
      assert.equal((await s.get('/v1/users/a/b/other')).body.error.code, 'NOT_FOUND');
      assert.equal((await s.get('/v1/users/a/b/profile')).body.error.code, 'USER_NOT_FOUND');
      for (const user_id of [customer, gid]) {
        const tool = (await client.callTool({ name: 'get_shopper_profile', arguments: { user_id } })) as CallToolResult;
        assert.ok(!tool.isError, JSON.stringify(tool.content));
        const p = tool.structuredContent as { found: boolean; purchased_count: number; recent: { product_id: string }[] };
        assert.equal(p.found, true, user_id);
        assert.equal(p.purchased_count, 1, user_id);
        // The browser's tent is not the customer's history.
        assert.ok(!p.recent.some((r) => r.product_id === '103'), `${user_id}: ${JSON.stringify(p.recent)}`);
      }
    });

    it('recommendations by GID are the numeric id’s', async () => {
      const ids = (b: { items: { productId: string }[] }) => b.items.map((x) => x.productId);
      const byNumber = await s.post('/v1/recommendations', { userId: customer, limit: 3 });
      const byGid = await s.post('/v1/recommendations', { userId: gid, limit: 3 });
      assert.equal(byGid.status, 200, JSON.stringify(byGid.body));
      assert.deepEqual(ids(byGid.body), ids(byNumber.body));
      assert.ok(!ids(byGid.body).includes('201'), 'the bought dress does not come back');
    });
  });
}
