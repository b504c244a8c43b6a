/**
 * Who a storefront request through the app proxy speaks for (docs/security.md, "The app proxy"): the
 * signed `logged_in_customer_id` is the only way to name a customer. `client_id` is unsigned, so:
 * - one shaped like a customer id (digits, a `gid://shopify/Customer/…`), an order node or a
 *   market-scoped id is a 400 `VALIDATION_FAILED` on `client_id` (it used to answer that customer's
 *   personalized list, reasons naming their history, to anyone on the storefront);
 * - the client ids the theme block sends (a UUID, `sh-…`) personalize as before;
 * - a logged-in customer sending the client id of a device the store knows as another customer's gets
 *   their own list, not that device's.
 * Real HTTP, Shopify's signature.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { namesEndingOthers, signProxyParams } from '../../src/adapters/shopify/appProxySignature.ts';
import { PROXY_QUERY_NAMES } from '../../src/http/routes/appProxy.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const SECRET = 'app-secret-for-proxy-identity';
const SHOP = 'proxy-identity.myshopify.com';
const ADMIN = 'proxy-identity-admin-key-0123';
/** A customer whose history is kept under the customer id (server to server). */
const ALICE = '8000000077';
/** Another customer, who checked out on the device {@link BOB_DEVICE}. */
const BOB = '8000000088';
const BOB_DEVICE = '3f9a1c2e-7b4d-4e8f-9a6b-bob000000001';
/** A device no checkout has named yet. */
const FRESH_DEVICE = 'sh-0c7d2b1a-5e6f-4a3b-8c9d-fresh0000001';

/** The query Shopify's proxy would send for a theme request with `params`. */
function signedQuery(params: Record<string, string>, customer = ''): string {
  const all = new Map<string, string[]>([
    ...Object.entries(params).map(([k, v]) => [k, [v]] as [string, string[]]),
    ['shop', [SHOP]],
    ['logged_in_customer_id', [customer]],
    ['path_prefix', ['/apps/affinity']],
    ['timestamp', [String(Math.floor(Date.now() / 1000))]],
  ]);
  all.set('signature', [signProxyParams(all, SECRET)]);
  const q = new URLSearchParams();
  for (const [k, vs] of all) for (const v of vs) q.append(k, v);
  return q.toString();
}

const NOW = Date.now();
const variant = (productId: string) => ({ id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'v', type: 't' } });
const viewed = (id: string, clientId: string, productId: string, msAgo: number) => ({ id, name: 'product_viewed', clientId, timestamp: new Date(NOW - msAgo).toISOString(), data: { productVariant: variant(productId) } });

describe('app proxy: the shopper is named by the signed customer id, never by an unsigned one', () => {
  let s: Running;
  const ask = async (params: Record<string, string>, customer = '') => {
    const res = await fetch(`${s.url}/shopify/proxy/recommendations?${signedQuery({ limit: '4', ...params }, customer)}`);
    return { status: res.status, body: (await res.json()) as any };
  };
  /** What a list says: its products and their reasons. */
  const shown = (body: any): [string, string][] => body.items.map((i: { productId: string; reason?: string }) => [i.productId, i.reason ?? '']);

  before(async () => {
    s = await startAffinity({ SHOPIFY_API_SECRET: SECRET, AFFINITY_DEFAULT_SHOP: SHOP, AFFINITY_API_KEYS: `*:admin:${ADMIN}` });
    const admin = { authorization: `Bearer ${ADMIN}` };
    assert.equal((await s.post(`/v1/catalog/products?shop=${SHOP}`, SMALL_CATALOG, admin)).status, 200);
    const events: unknown[] = [
      // Alice, server to server under her customer id: she bought the linen dress and looked at the necklace.
      { id: 'a-buy', type: 'purchase', userId: ALICE, orderId: '5001', timestamp: NOW - 300_000, items: [{ productId: '201', price: 89, currency: 'USD' }] },
      { id: 'a-view', type: 'view', userId: ALICE, productId: '301', timestamp: NOW - 200_000 },
      // Bob's device: boots viewed, then a checkout that names Bob.
      viewed('b-1', BOB_DEVICE, '102', 250_000),
      {
        id: 'b-buy',
        name: 'checkout_completed',
        clientId: BOB_DEVICE,
        timestamp: new Date(NOW - 240_000).toISOString(),
        data: { checkout: { currencyCode: 'USD', order: { id: 'gid://shopify/Order/7001', customer: { id: `gid://shopify/Customer/${BOB}` } }, lineItems: [{ quantity: 1, finalLinePrice: { amount: 299, currencyCode: 'USD' }, variant: variant('103') }] } },
      },
      // A device nobody checked out on yet: hiking boots.
      viewed('f-1', FRESH_DEVICE, '101', 100_000),
    ];
    // Co-views so that lists differ by history.
    for (let i = 0; i < 6; i++) events.push(viewed(`cv-${i}-a`, `cv-${i}`, '201', 90_000), viewed(`cv-${i}-b`, `cv-${i}`, '202', 80_000), viewed(`cv-${i}-c`, `cv-b-${i}`, '102', 90_000), viewed(`cv-${i}-d`, `cv-b-${i}`, '101', 80_000));
    const r = await s.post('/v1/events', events, admin);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await s.affinity.ctx.projector.flush();
  });
  after(async () => {
    await s?.stop();
  });

  it('refuses a client_id shaped like a customer id (or an order / market-scoped id) with 400 on client_id, logged in or not', async () => {
    for (const clientId of [ALICE, `gid://shopify/Customer/${ALICE}`, 'GID://shopify/Customer/1', 'order:5001', `${BOB_DEVICE}@eu`, 'session:an-agent-conversation']) {
      for (const customer of ['', BOB]) {
        const r = await ask({ client_id: clientId }, customer);
        assert.equal(r.status, 400, `${clientId} (customer ${customer || 'none'}): ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, 'VALIDATION_FAILED');
        assert.equal(r.body.error.issues[0].path, 'client_id');
        assert.equal(r.body.items, undefined, 'no list');
      }
    }
  });

  it('still names Alice when Shopify signs her in, and the client ids the theme block sends still personalize', async () => {
    const anonymous = await ask({});
    const alice = await ask({}, ALICE);
    assert.equal(alice.status, 200);
    assert.notDeepEqual(shown(alice.body), shown(anonymous.body), 'her own history shapes her list');
    for (const clientId of [FRESH_DEVICE, BOB_DEVICE, '5f0c2d1e-3b4a-4c5d-8e9f-0a1b2c3d4e5f']) {
      const r = await ask({ client_id: clientId });
      assert.equal(r.status, 200, `${clientId}: ${JSON.stringify(r.body)}`);
      assert.ok(r.body.items.length > 0);
    }
    assert.notDeepEqual(shown((await ask({ client_id: FRESH_DEVICE })).body), shown(anonymous.body), 'a device with history gets its own list');
  });

  it("a signed-in customer sending another customer's device id gets their own list, not that device's", async () => {
    const bobsDevice = await ask({ client_id: BOB_DEVICE });
    const aliceOwn = await ask({}, ALICE);
    const aliceWithBobsDevice = await ask({ client_id: BOB_DEVICE }, ALICE);
    assert.equal(aliceWithBobsDevice.status, 200);
    assert.notDeepEqual(shown(bobsDevice.body), shown(aliceOwn.body), 'the two lists differ (else the test proves nothing)');
    assert.deepEqual(shown(aliceWithBobsDevice.body), shown(aliceOwn.body), "Alice's list, not Bob's device's");
    // Bob signed in on his own device, and Alice on a device no checkout named yet, keep the device's list.
    assert.deepEqual(shown((await ask({ client_id: BOB_DEVICE }, BOB)).body), shown(bobsDevice.body));
    assert.deepEqual(shown((await ask({ client_id: FRESH_DEVICE }, ALICE)).body), shown((await ask({ client_id: FRESH_DEVICE })).body));
  });

  it("refuses a signed query regrouped to name a customer (Shopify's message does not separate pairs): 401, never her list", async () => {
    // The visitor asks the storefront for ?lo=x&logged_in_customer_id%3D<Alice>m=1; Shopify forwards it, signed.
    const ts = String(Math.floor(Date.now() / 1000));
    const asked = new Map<string, string[]>([['shop', [SHOP]], ['path_prefix', ['/apps/affinity']], ['timestamp', [ts]], ['logged_in_customer_id', ['']], ['lo', ['x']], [`logged_in_customer_id=${ALICE}m`, ['1']]]);
    const signature = signProxyParams(asked, SECRET);
    const forged = `shop=${SHOP}&timestamp=${ts}&lo=xlogged_in_customer_id%3D&logged_in_customer_id=${ALICE}&m=1path_prefix%3D%2Fapps%2Faffinity&signature=${signature}`;
    const askedQuery = new URLSearchParams([...[...asked].map(([k, [v]]) => [k, v as string]), ['signature', signature]]).toString();
    for (const query of [forged, askedQuery]) {
      const res = await fetch(`${s.url}/shopify/proxy/recommendations?${query}`);
      const body = (await res.json()) as { error?: { code: string; message: string }; items?: unknown };
      assert.equal(res.status, 401, JSON.stringify(body));
      assert.equal(body.error?.code, 'PROXY_UNAUTHORIZED');
      assert.match(body.error?.message ?? '', /does not separate parameters/);
      assert.equal(body.items, undefined);
    }
    // The route's names keep the signed message readable one way only: none ends another.
    assert.deepEqual(namesEndingOthers(PROXY_QUERY_NAMES), []);
    // The theme block's own queries are answered as before.
    assert.equal((await ask({ product_id: '1', text: 'silver rings' }, ALICE)).status, 200);
  });
});
