/**
 * What a keyless storefront request (`POST /v1/events` or `/v1/consent` with an allowed `Origin`, no
 * key: anyone can forge one) may do (docs/security.md, "The pixel path"):
 * - only Web Pixel events for pixel client ids: a native event (it used to write a purchase into any
 *   customer's profile) or a client id shaped like a customer id is 403 `PIXEL_CONSENT_FORBIDDEN`, and
 *   nothing of the batch is stored, its good events and consent included;
 * - consent for a pixel client id only (a grant too, not only a withdrawal);
 * - its event ids are its own: a forged pixel event can no longer make a keyed server purchase with the
 *   same id count as a duplicate and be lost, while a pixel's retry still counts once.
 * Real HTTP, text/plain bodies as the pixel sends them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const SHOP = 'keyless-pixel.myshopify.com';
const ORIGIN = 'https://keyless-pixel.example';
const INGEST = 'keyless-pixel-ingest-key-0123';
const ADMIN = 'keyless-pixel-admin-key-01234';
const CUSTOMER = '8000000077';
/** A customer who checks out on the pixel's device (the positive case). */
const SHOPPER = '8000000099';
const CLIENT = 'a1b2c3d4-0000-4000-8000-00000000c11e';

const variant = (productId: string) => ({ id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'v', type: 't' } });
const viewed = (id: string, clientId: string, productId = '103') => ({ id, name: 'product_viewed', clientId, timestamp: new Date().toISOString(), data: { productVariant: variant(productId) } });
const checkout = (id: string, clientId: string, orderId: string, customerId: string | null) => ({
  id,
  name: 'checkout_completed',
  clientId,
  timestamp: new Date().toISOString(),
  data: { checkout: { currencyCode: 'USD', order: { id: `gid://shopify/Order/${orderId}`, customer: customerId ? { id: `gid://shopify/Customer/${customerId}` } : null }, lineItems: [{ quantity: 1, finalLinePrice: { amount: 10, currencyCode: 'USD' }, variant: variant('202') }] } },
});

describe('keyless (pixel) requests: pixel events for pixel client ids only, in their own id namespace', () => {
  let s: Running;
  /** A request as the pixel sends it: text/plain, the storefront's Origin, no key. */
  const pixel = (path: string, body: unknown) => s.post(path, JSON.stringify(body), { 'content-type': 'text/plain', origin: ORIGIN });
  const server = (body: unknown) => s.post('/v1/events', body, { authorization: `Bearer ${INGEST}` });
  const profile = async (id: string) => {
    await s.affinity.ctx.projector.flush();
    return s.affinity.ctx.store.getProfile(SHOP, id);
  };

  before(async () => {
    s = await startAffinity({ AFFINITY_DEFAULT_SHOP: SHOP, AFFINITY_API_KEYS: `${SHOP}:ingest:${INGEST},*:admin:${ADMIN}`, AFFINITY_PIXEL_ORIGINS: `${SHOP}=${ORIGIN}` });
    assert.equal((await s.post(`/v1/catalog/products?shop=${SHOP}`, SMALL_CATALOG, { authorization: `Bearer ${ADMIN}` })).status, 200);
    // The customer's real history, server to server: one purchase.
    const r = await server([{ id: 'srv-buy-1', type: 'purchase', userId: CUSTOMER, orderId: '5001', items: [{ productId: '201', price: 89, currency: 'USD' }] }]);
    assert.deepEqual(r.body, { accepted: 1, duplicates: 0, ignored: 0 });
    assert.deepEqual((await profile(CUSTOMER))?.purchased, ['201']);
  });
  after(async () => {
    await s?.stop();
  });

  it('refuses native events and customer-shaped client ids with 403 PIXEL_CONSENT_FORBIDDEN, naming each offending event', async () => {
    const cases: [unknown, string][] = [
      [{ shop: SHOP, events: [viewed('f-1', CUSTOMER)] }, 'events.0.clientId'],
      [{ shop: SHOP, events: [viewed('f-2', `gid://shopify/Customer/${CUSTOMER}`)] }, 'events.0.clientId'],
      [{ shop: SHOP, events: [{ id: 'f-3', type: 'purchase', userId: CUSTOMER, orderId: '6001', items: [{ productId: '103', price: 299, currency: 'USD' }] }] }, 'events.0.type'],
      // A native event is a server's form whoever it names.
      [[{ id: 'f-4', type: 'view', userId: CLIENT, productId: '103' }], '0.type'],
      [{ id: 'f-5', type: 'add_to_cart', userId: CUSTOMER, productId: '103' }, 'type'],
      [{ shop: SHOP, events: [viewed('f-6', `order:5001`)] }, 'events.0.clientId'],
      // An agent conversation's profile (an MCP session_id) is not the storefront's to write.
      [{ shop: SHOP, events: [viewed('f-7', 'session:victim-conversation')] }, 'events.0.clientId'],
    ];
    for (const [body, path] of cases) {
      const r = await pixel('/v1/events', body);
      assert.equal(r.status, 403, JSON.stringify(body));
      assert.equal(r.body.error.code, 'PIXEL_CONSENT_FORBIDDEN');
      assert.equal(r.body.error.issues[0].path, path);
    }
    assert.deepEqual((await profile(CUSTOMER))?.purchased, ['201'], "the customer's profile is untouched");
    assert.equal(await profile(`gid://shopify/Customer/${CUSTOMER}`), undefined);
    assert.equal(await profile('session:victim-conversation'), undefined);
  });

  it('refuses a whole batch that mixes good and forbidden events: nothing of it is stored, not even its consent', async () => {
    // Another device with history, whose withdrawal rides in the refused batch.
    const other = 'b2c3d4e5-0000-4000-8000-0000000007e2';
    assert.deepEqual((await pixel('/v1/events', { shop: SHOP, events: [viewed('mix-other', other, '201')] })).body, { accepted: 1, duplicates: 0, ignored: 0 });
    assert.ok(await profile(other));
    const queued = await s.affinity.privacy.queue.pendingCount();
    const good = viewed('mix-good', CLIENT, '101');
    const withdrawal = { id: 'mix-off', name: 'visitorConsentCollected', clientId: other, customerPrivacy: { analyticsProcessingAllowed: false } };
    const r = await pixel('/v1/events', { shop: SHOP, events: [good, withdrawal, viewed('mix-bad', CUSTOMER), { id: 'mix-native', type: 'purchase', userId: CUSTOMER, productId: '103' }] });
    assert.equal(r.status, 403);
    assert.deepEqual(r.body.error.issues.map((i: { path: string }) => i.path), ['events.2.clientId', 'events.3.type']);
    assert.equal(await profile(CLIENT), undefined, 'the good event was not stored either (it was not acknowledged)');
    assert.equal(await s.affinity.privacy.queue.pendingCount(), queued, 'nor was its withdrawal recorded');
    assert.ok(await profile(other));
    // Sent alone, the good event is stored.
    assert.deepEqual((await pixel('/v1/events', { shop: SHOP, events: [good] })).body, { accepted: 1, duplicates: 0, ignored: 0 });
  });

  it('accepts what a real pixel sends: pixel events for its client id, a checkout that names the customer, consent', async () => {
    const r = await pixel('/v1/events', { shop: SHOP, consent: { analyticsProcessingAllowed: true }, events: [viewed('sh-real-1', CLIENT, '102'), checkout('sh-real-2', CLIENT, '7001', SHOPPER)] });
    assert.deepEqual(r.body, { accepted: 2, duplicates: 0, ignored: 0 });
    const p = await profile(CLIENT);
    assert.deepEqual(p?.purchased, ['202']);
    assert.equal(p?.customerId, SHOPPER, 'the checkout links the device to its customer');
    // With a key, a server may still write native events for a customer id.
    assert.deepEqual((await server([{ id: 'srv-buy-2', type: 'purchase', userId: SHOPPER, orderId: '7001', items: [{ productId: '202', price: 210, currency: 'USD' }] }])).body, { accepted: 1, duplicates: 0, ignored: 0 });
    assert.deepEqual((await profile(SHOPPER))?.purchased, ['202']);
  });

  it('keyless consent is for pixel client ids only: a grant for a customer-shaped id is refused too', async () => {
    for (const clientId of [CUSTOMER, `gid://shopify/Customer/${CUSTOMER}`]) {
      const r = await pixel('/v1/consent', { shop: SHOP, clientId, consent: { analyticsProcessingAllowed: true }, market: 'us' });
      assert.equal(r.status, 403, clientId);
      assert.equal(r.body.error.code, 'PIXEL_CONSENT_FORBIDDEN');
    }
    const own = await pixel('/v1/consent', { shop: SHOP, clientId: CLIENT, consent: { analyticsProcessingAllowed: true }, market: 'us' });
    assert.equal(own.status, 200, JSON.stringify(own.body));
  });

  it('a forged pixel event cannot pre-empt a keyed event id; a pixel retry still counts once', async () => {
    const forged = { shop: SHOP, events: [viewed('order-1002', CLIENT)] };
    assert.deepEqual((await pixel('/v1/events', forged)).body, { accepted: 1, duplicates: 0, ignored: 0 });
    assert.deepEqual((await pixel('/v1/events', forged)).body, { accepted: 0, duplicates: 1, ignored: 0 }, 'the same pixel event again: a duplicate');
    const purchase = [{ id: 'order-1002', type: 'purchase', userId: 'u-1002', orderId: '1002', items: [{ productId: '102', price: 179, currency: 'USD' }] }];
    assert.deepEqual((await server(purchase)).body, { accepted: 1, duplicates: 0, ignored: 0 }, 'the keyed purchase is stored');
    assert.deepEqual((await server(purchase)).body, { accepted: 0, duplicates: 1, ignored: 0 }, 'and its own retry is a duplicate');
    assert.deepEqual((await profile('u-1002'))?.purchased, ['102']);
    // A keyless event named like the keyed one's stored form is still its own.
    assert.deepEqual((await pixel('/v1/events', { shop: SHOP, events: [viewed('srv-buy-1', CLIENT)] })).body, { accepted: 1, duplicates: 0, ignored: 0 });
  });
});
