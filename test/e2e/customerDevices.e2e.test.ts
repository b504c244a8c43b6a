/**
 * A customer's devices are read with the customer (docs/decisions/0009): an agent (or a server) that
 * names a Shopify customer id sees what the customer did on the storefront from the browsers that
 * checked out as them, as the storefront itself does per browser. Before, `recommend_products` and
 * `get_shopper_profile` with the customer id answered as for a stranger. Real HTTP, the real MCP SDK,
 * both stores: the pixel's payloads (numeric ids, the checkout naming the customer by GID).
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

function viewed(clientId: string, productId: string, type: string, price: number) {
  return { id: `cd-${seq + 1}`, name: 'product_viewed', clientId, timestamp: at(), data: { productVariant: line(productId, type, price) } };
}
function checkout(clientId: string, customer: string | undefined, productId: string, type: string, price: number) {
  return {
    id: `cd-${seq + 1}`,
    name: 'checkout_completed',
    clientId,
    timestamp: at(),
    data: {
      checkout: {
        currencyCode: 'USD',
        order: { id: `gid://shopify/Order/${8000 + seq}`, ...(customer ? { customer: { id: `gid://shopify/Customer/${customer}` } } : {}) },
        lineItems: [{ quantity: 1, finalLinePrice: { amount: price, currencyCode: 'USD' }, variant: line(productId, type, price) }],
      },
    },
  };
}

for (const store of ['sqlite', 'redis'] as const) {
  describe(`a customer id reads the storefront history of the customer's devices (${store})`, () => {
    let s: Running;
    let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
    let client: Client;
    const customer = '7700042';

    before(async () => {
      if (store === 'redis') redis = await startRedis();
      s = await startAffinity(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {});
      assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
      const events = [
        // Others' behaviour: dresses bought together, boots and tents together.
        ...[0, 1, 2].flatMap((i) => [viewed(`bg-${i}`, '201', 'Dresses', 89), viewed(`bg-${i}`, '202', 'Dresses', 210)]),
        ...[0, 1, 2].flatMap((i) => [viewed(`bh-${i}`, '101', 'Boots', 149), viewed(`bh-${i}`, '103', 'Tents', 299)]),
        // The customer's phone: browses dresses, checks out one as the customer.
        viewed('phone-c42', '202', 'Dresses', 210),
        checkout('phone-c42', customer, '201', 'Dresses', 89),
        // Another customer's device, and a guest checkout: neither is this customer's.
        viewed('other-device', '101', 'Boots', 149),
        checkout('other-device', '7700099', '101', 'Boots', 149),
      ];
      assert.equal((await s.post('/v1/events', { events })).status, 202);
      await s.affinity.ctx.projector.flush();
      client = new Client({ name: 'customer-devices-e2e', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    });
    after(async () => {
      await client?.close();
      await s?.stop();
      await redis?.stop();
    });

    it("the profile route and get_shopper_profile show the device's history under the customer id", async () => {
      const r = await s.get(`/v1/users/${customer}/profile`);
      assert.equal(r.status, 200, r.text);
      const recent = (r.body.recent as { productId: string; type: string }[]).map((x) => `${x.productId}:${x.type}`);
      assert.ok(!recent.some((x) => x.startsWith('101:')), `not the other customer's device: ${JSON.stringify(recent)}`);
      assert.ok(recent.some((x) => x.startsWith('202:view')), JSON.stringify(recent));
      assert.ok(recent.some((x) => x.startsWith('201:purchase')), JSON.stringify(recent));
      assert.deepEqual(r.body.purchased, ['201']);
      assert.equal(r.body.affinities.productTypes[0].value, 'dresses');
      const tool = (await client.callTool({ name: 'get_shopper_profile', arguments: { user_id: customer } })) as CallToolResult;
      assert.ok(!tool.isError, JSON.stringify(tool.content));
      const p = tool.structuredContent as { found: boolean; top_product_types: { value: string }[]; purchased_count: number };
      assert.equal(p.found, true);
      assert.equal(p.top_product_types[0]?.value.toLowerCase(), 'dresses');
      assert.equal(p.purchased_count, 1);
      // Named by GID (how the Admin API and a Customer Account MCP name a customer): the same shopper.
      const byGid = (await client.callTool({ name: 'get_shopper_profile', arguments: { user_id: `gid://shopify/Customer/${customer}` } })) as CallToolResult;
      assert.equal((byGid.structuredContent as { found: boolean; purchased_count: number }).purchased_count, 1);
      const rest = await s.get(`/v1/users/${encodeURIComponent(`gid://shopify/Customer/${customer}`)}/profile`);
      assert.equal(rest.status, 200, rest.text);
      assert.deepEqual(rest.body.purchased, ['201']);
      // The other customer is still only theirs.
      const other = (await s.get('/v1/users/7700099/profile')).body as { recent: { productId: string }[] };
      assert.deepEqual([...new Set(other.recent.map((x) => x.productId))], ['101']);
    });

    it("recommendations for the customer id follow the device's history, as the device's own do", async () => {
      const forCustomer = await s.post('/v1/recommendations', { userId: customer, limit: 3 });
      const forDevice = await s.post('/v1/recommendations', { userId: 'phone-c42', limit: 3 });
      assert.equal(forCustomer.status, 200, JSON.stringify(forCustomer.body));
      const ids = (b: { items: { productId: string }[] }) => b.items.map((x) => x.productId);
      assert.deepEqual(ids(forCustomer.body), ids(forDevice.body));
      // The bought dress does not come back; the one browsed and its co-viewed items lead.
      assert.ok(!ids(forCustomer.body).includes('201'));
      assert.equal(ids(forCustomer.body)[0], '202');
      const byGid = await s.post('/v1/recommendations', { userId: `gid://shopify/Customer/${customer}`, limit: 3 });
      assert.deepEqual(ids(byGid.body), ids(forDevice.body));
      const tool = (await client.callTool({ name: 'recommend_products', arguments: { user_id: `gid://shopify/Customer/${customer}`, limit: 3 } })) as CallToolResult;
      assert.ok(!tool.isError, JSON.stringify(tool.content));
      const items = (tool.structuredContent as { items: { product_id: string }[] }).items.map((x) => x.product_id);
      assert.equal(items[0], '202');
      assert.ok(!items.includes('201'));
    });
  });
}
