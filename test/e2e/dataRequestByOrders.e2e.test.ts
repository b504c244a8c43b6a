/**
 * `customers/data_request` follows the orders it names the way `customers/redact` does (docs/privacy.md):
 * a customer Shopify knows only by email (a guest checkout, `customer.id` null) is exported through the
 * devices linked to the orders in `orders_requested`. End to end over HTTP: storefront pixel events,
 * signed compliance webhooks, the export read through the admin API; a redaction of the same orders
 * then removes the devices and the export. Near misses: an order nobody placed exports nothing, and
 * another shopper's order is never in the export.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { untilJobDone } from '../../src/testing/privacyJobs.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const SHOP = 'orders-only.myshopify.com';
const ORIGIN = 'https://orders-only.example';
const ADMIN = 'orders-only-admin-0123456789';
const SECRET = 'shpss_orders_only_secret';
const GUEST = '3c4d5e6f-guest-7a8b';
const OTHER = '9f8e7d6c-other-5b4a';
const GUEST_ORDER = 770;
const OTHER_ORDER = 771;

const variant = (productId: string) => ({ id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 'x', vendor: 'v', type: 't' } });
const viewed = (id: string, clientId: string, productId: string) => ({ id, name: 'product_viewed', clientId, timestamp: new Date().toISOString(), data: { productVariant: variant(productId) } });
const bought = (id: string, clientId: string, productId: string, orderId: number) => ({
  id,
  name: 'checkout_completed',
  clientId,
  timestamp: new Date().toISOString(),
  data: { checkout: { token: `tok-${id}`, currencyCode: 'USD', lineItems: [{ quantity: 1, variant: variant(productId) }], order: { id: String(orderId), customer: null } } },
});

describe('customers/data_request by orders (a customer known only by email)', () => {
  let s: Running;
  const admin = async (path: string) => {
    const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}`, 'x-affinity-shop': SHOP } });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
  };
  const deliver = async (topic: string, payload: unknown, webhookId: string) => {
    const raw = JSON.stringify(payload);
    const res = await fetch(`${s.url}/webhooks/shopify/${topic}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-hmac-sha256': signShopifyBody(raw, SECRET), 'x-shopify-webhook-id': webhookId, 'x-shopify-topic': topic },
      body: raw,
    });
    const body = (await res.json()) as any;
    assert.equal(res.status, 202, JSON.stringify(body));
    await untilJobDone(s.affinity, body.jobId);
    return body.jobId as string;
  };
  const dataRequest = (orders: number[], id: number) => ({ shop_id: 1, shop_domain: SHOP, orders_requested: orders, customer: { id: null, email: 'guest@example.com', phone: null }, data_request: { id } });

  before(async () => {
    s = await startAffinity({ AFFINITY_DEFAULT_SHOP: SHOP, AFFINITY_API_KEYS: `*:admin:${ADMIN}`, AFFINITY_PIXEL_ORIGINS: `${SHOP}=${ORIGIN}`, SHOPIFY_API_SECRET: SECRET });
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG, { authorization: `Bearer ${ADMIN}` })).status, 200);
    // Two guest checkouts from the storefront pixel: the shopper of order 770, and someone else's 771.
    const batch = [viewed('g-1', GUEST, '101'), bought('g-buy', GUEST, '102', GUEST_ORDER), viewed('o-1', OTHER, '201'), bought('o-buy', OTHER, '202', OTHER_ORDER)];
    const r = await s.post('/v1/events', { shop: SHOP, market: 'us', events: batch }, { origin: ORIGIN });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await s.affinity.ctx.projector.flush();
    assert.deepEqual(await s.affinity.privacy.store.linkedIds(SHOP, `order:${GUEST_ORDER}`), [GUEST], 'the checkout linked the device to its order');
  });
  after(async () => {
    await s.stop();
  });

  it("exports the devices of the orders requested, with the shopper's activity, and nobody else's", async () => {
    const jobId = await deliver('customers/data_request', dataRequest([GUEST_ORDER], 9101), 'dr-orders-1');
    const exp = await admin(`/v1/admin/exports/${jobId}`);
    assert.equal(exp.status, 200, exp.text);
    assert.equal(exp.body.export.records.length, 1, exp.text);
    assert.deepEqual(exp.body.export.ids, [`order:${GUEST_ORDER}`, GUEST]);
    assert.equal(exp.body.export.dataRequestId, '9101');
    assert.equal(exp.body.export.customerId, undefined);
    const guest = exp.body.export.records[0];
    assert.equal(guest.id, GUEST);
    // (The stored event id may carry a source prefix, `pixel:g-1`.)
    assert.deepEqual(guest.activity.map((e: any) => String(e.eventId).split(':').at(-1)).sort(), ['g-1', 'g-buy']);
    assert.doesNotMatch(exp.text, new RegExp(`${OTHER}|o-buy|guest@example\\.com`), "another shopper's data and the payload's email are not in it");
    const job = await admin(`/v1/admin/privacy/jobs/${jobId}`);
    assert.equal(job.body.result.records, 1);
  });

  it('near miss: an order nobody is linked to exports nothing (0 records), and says which request it answers', async () => {
    const jobId = await deliver('customers/data_request', dataRequest([999_999], 9102), 'dr-orders-2');
    const exp = await admin(`/v1/admin/exports/${jobId}`);
    assert.equal(exp.status, 200, exp.text);
    assert.deepEqual(exp.body.export.records, []);
    assert.equal(exp.body.export.dataRequestId, '9102');
  });

  it('customers/redact of the same orders (email only) erases the devices and the export made from them', async () => {
    const first = await deliver('customers/data_request', dataRequest([GUEST_ORDER], 9103), 'dr-orders-3');
    assert.equal((await admin(`/v1/admin/exports/${first}`)).status, 200);
    const redactId = await deliver('customers/redact', { shop_id: 1, shop_domain: SHOP, customer: { id: null, email: 'guest@example.com', phone: null }, orders_to_redact: [GUEST_ORDER] }, 'rd-orders-1');
    const job = await admin(`/v1/admin/privacy/jobs/${redactId}`);
    assert.equal(job.body.result.ids, 1, 'the guest device');
    assert.ok(job.body.result.exports >= 1, JSON.stringify(job.body.result));
    assert.equal((await admin(`/v1/admin/exports/${first}`)).status, 404, 'the export of the erased shopper is gone');
    assert.equal((await admin(`/v1/users/${GUEST}/profile`)).status, 404);
    assert.equal((await admin(`/v1/users/${OTHER}/profile`)).status, 200, 'the other shopper stays');
    const after_ = await deliver('customers/data_request', dataRequest([GUEST_ORDER], 9104), 'dr-orders-4');
    assert.deepEqual((await admin(`/v1/admin/exports/${after_}`)).body.export.records, [], 'nothing is left to export');
  });
});
