/**
 * One shopper, one variant, whichever way they come (docs/decisions/0002, "Which shopper"): once the
 * store links a pixel client id to a customer id (the checkout of a logged-in shopper), the storefront
 * (REST recommendations and the app proxy, with or without the signed customer) and an agent (MCP
 * `recommend_products` through the SDK, with the client id or the customer id) all assign the variant
 * of the customer id; before the link the client id had its own. Analytics count the shopper once,
 * under their first variant. Real HTTP, real MCP SDK, both stores.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { signProxyParams } from '../../src/adapters/shopify/appProxySignature.ts';
import { ExperimentsFileSchema, variantOf } from '../../src/core/attribution/experiments.ts';
import { startRedis } from '../../src/testing/redisServer.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const SECRET = 'app-secret-for-linked-shopper';
const EXPERIMENTS = {
  experiments: [
    {
      id: 'link-v1',
      variants: [
        { name: 'control', strategy: 'popular', weight: 50 },
        { name: 'affinity', strategy: 'personalized', weight: 50 },
      ],
    },
  ],
};
const experiment = ExperimentsFileSchema.parse(EXPERIMENTS).experiments[0]!;
const NOW = Date.now();
let seq = 0;

function viewed(clientId: string, productId: string) {
  return {
    id: `lv-${++seq}`,
    name: 'product_viewed',
    clientId,
    timestamp: new Date(NOW - 600_000 + seq * 1000).toISOString(),
    data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'v', type: 'Boots' }, title: 'Default' } },
  };
}
/** The pixel's checkout of a logged-in shopper: names the customer, so the store links the client id to it. */
function checkout(clientId: string, customer: string, productId: string) {
  return {
    id: `lo-${++seq}`,
    name: 'checkout_completed',
    clientId,
    timestamp: new Date(NOW - 600_000 + seq * 1000).toISOString(),
    data: {
      checkout: {
        currencyCode: 'USD',
        order: { id: `gid://shopify/Order/${9000 + seq}`, customer: { id: `gid://shopify/Customer/${customer}` } },
        lineItems: [{ quantity: 1, finalLinePrice: { amount: 10, currencyCode: 'USD' }, variant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't' } } }],
      },
    },
  };
}

/** The query Shopify's app proxy sends for a theme request. */
function signedQuery(shop: string, params: Record<string, string>, customer = ''): string {
  const all = new Map<string, string[]>([
    ...Object.entries(params).map(([k, v]) => [k, [v]] as [string, string[]]),
    ['shop', [shop]],
    ['logged_in_customer_id', [customer]],
    ['path_prefix', ['/apps/affinity']],
    ['timestamp', [String(Math.floor(Date.now() / 1000))]],
  ]);
  all.set('signature', [signProxyParams(all, SECRET)]);
  const q = new URLSearchParams();
  for (const [k, vs] of all) for (const v of vs) q.append(k, v);
  return q.toString();
}

/** The shop under test (the default shop of the running Affinity). */
let shop = '';
const variant = (id: string) => variantOf(experiment, shop, id).name;

/** An id with the prefix whose variant is not `not` (so a test can tell which id was hashed). */
function idNotIn(prefix: string, not: string): string {
  for (let i = 0; i < 10_000; i++) if (variant(`${prefix}${i}`) !== not) return `${prefix}${i}`;
  throw new Error('no id');
}

for (const store of ['sqlite', 'redis'] as const) {
  describe(`a linked shopper gets one variant on every surface (${store})`, () => {
    let s: Running;
    let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
    let client: Client;
    let customer: string;
    let phone: string;
    let laptop: string;
    const before_: Record<string, string> = {};

    const rest = async (userId: string) => {
      const r = await s.post('/v1/recommendations', { userId, limit: 3, surface: 'product' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.experiment.variant as string;
    };
    const proxy = async (clientId: string, signedCustomer = '') => {
      const res = await fetch(`${s.url}/shopify/proxy/recommendations?${signedQuery(shop, { client_id: clientId, limit: '3' }, signedCustomer)}`);
      const body = (await res.json()) as { experiment: { variant: string } };
      assert.equal(res.status, 200, JSON.stringify(body));
      return body.experiment.variant;
    };
    const mcp = async (userId: string) => {
      const r = (await client.callTool({ name: 'recommend_products', arguments: { user_id: userId, limit: 3 } })) as CallToolResult;
      assert.ok(!r.isError, JSON.stringify(r.content));
      return (r.structuredContent as { experiment: { variant: string } }).experiment.variant;
    };

    let dir: string | undefined;
    before(async () => {
      if (store === 'redis') redis = await startRedis();
      dir = mkdtempSync(join(tmpdir(), 'affinity-linked-'));
      const file = join(dir, 'experiments.json');
      writeFileSync(file, JSON.stringify(EXPERIMENTS));
      s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: file, SHOPIFY_API_SECRET: SECRET, ...(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {}) });
      shop = s.affinity.ctx.defaultShop;
      customer = '7700001';
      // Two devices whose own ids hash to the other variant than the customer's: a test that passes
      // can only pass because the customer id was hashed.
      phone = idNotIn('phone-client-', variant(customer));
      laptop = idNotIn('laptop-client-', variant(customer));
      assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
      const events = [];
      for (let i = 0; i < 6; i++) events.push(viewed(`bg-${i}`, '101'), viewed(`bg-${i}`, '103'));
      assert.equal((await s.post('/v1/events', { events })).status, 202);
      await s.affinity.ctx.projector.flush();
      client = new Client({ name: 'linked-shopper-e2e', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`)));
    });
    after(async () => {
      await client?.close();
      await s?.stop();
      await redis?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('before the link, each device is assigned on its own client id', async () => {
      before_.phone = await rest(phone);
      before_.laptop = await proxy(laptop);
      assert.equal(before_.phone, variant(phone));
      assert.equal(before_.laptop, variant(laptop));
      assert.notEqual(before_.phone, variant(customer));
    });

    it('after checkouts link both devices to the customer, storefront, app proxy and agent all serve the customer’s variant', async () => {
      const events = [checkout(phone, customer, '101'), checkout(laptop, customer, '103')];
      assert.equal((await s.post('/v1/events', { events })).status, 202);
      await s.affinity.ctx.projector.flush();
      assert.ok((await s.affinity.privacy.store.linkedIds(shop, phone)).includes(customer), 'the store linked the phone to the customer');
      const want = variant(customer);
      const seen = {
        restPhone: await rest(phone),
        restLaptop: await rest(laptop),
        proxyPhone: await proxy(phone),
        proxyLaptopSignedIn: await proxy(laptop, customer),
        proxySignedInOnly: await proxy('fresh-device-never-linked', customer),
        mcpPhone: await mcp(phone),
        mcpCustomer: await mcp(customer),
      };
      assert.deepEqual(seen, Object.fromEntries(Object.keys(seen).map((k) => [k, want])));
    });

    it('analytics count the shopper once, under the variant of their first list', async () => {
      await s.affinity.ctx.projector.flush();
      const r = await s.get(`/v1/analytics?experiment=link-v1&from=${NOW - 3_600_000}&to=${Date.now() + 60_000}`);
      assert.equal(r.status, 200, r.text);
      const body = r.body as { groups: { key: string; served: number; reassignedLists: number; shoppers: { served: number; switched: number } }[]; sampleRatio: { df: number } };
      const first = body.groups.find((g) => g.key === before_.phone)!;
      const other = body.groups.find((g) => g.key !== before_.phone)!;
      // The phone's first list came before the laptop's: one shopper (phone, laptop, customer, the fresh
      // signed-in device), in the phone's first variant, with every list of theirs.
      assert.deepEqual([first.shoppers.served, first.shoppers.switched, first.served], [1, 1, 9]);
      assert.equal(first.reassignedLists, 7);
      assert.deepEqual([other.shoppers.served, other.served], [0, 0]);
    });
  });
}
