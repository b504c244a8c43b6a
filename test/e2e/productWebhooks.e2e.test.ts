/**
 * Shopify's product webhooks over HTTP, as Shopify delivers them (docs/decisions/0007): one endpoint,
 * `POST /webhooks/shopify`, the topic in `X-Shopify-Topic`, the shop in `X-Shopify-Shop-Domain`, the body
 * signed with the app secret. A shop whose catalog came from its CSV export (products keyed by handle):
 * a product set to draft stops being recommended, a price change shows, a deletion by numeric id removes
 * the product the CSV named by handle, and an update delivered late does not bring it back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';
import { signShopifyBody } from '../../src/adapters/shopify/webhookHmac.ts';
import { deliverWebhook, restProduct } from './productWebhookDelivery.ts';

const SHOP = 'hooks-products.myshopify.com';
const SECRET = 'product-hooks-secret-1';
const CSV = `Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Status
red-scarf,Red Scarf,<p>A red scarf</p>,Acme,Scarves,winter,true,Title,Default Title,RS-1,5,deny,20.00,active
blue-scarf,Blue Scarf,<p>A blue scarf</p>,Acme,Scarves,winter,true,Title,Default Title,BS-1,5,deny,22.00,active
green-hat,Green Hat,<p>A green hat</p>,Acme,Hats,winter,true,Title,Default Title,GH-1,5,deny,15.00,active
`;

const deliver = (s: Running, topic: string, body: unknown, headers: Record<string, string> = {}, secret = SECRET) => deliverWebhook(s, SHOP, secret, topic, body, headers);

describe('product webhooks keep a CSV-imported catalog current', () => {
  let s: Running;
  const listed = async () => {
    const r = await s.post('/v1/recommendations', { shop: SHOP, limit: 10 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return new Map<string, { price?: { amount: number } }>(r.body.items.map((i: { productId: string; price?: { amount: number } }) => [i.productId, i]));
  };
  /**
   * The list once it shows what `ready` waits for: a delivery is answered when the store holds it, and
   * the index the recommendations read catches up within about a second (batched, see
   * CatalogRegistry.applyStamped). Gives up after 15 s and returns the last list (the asserts then say what is wrong).
   */
  const listedWhen = async (ready: (m: Awaited<ReturnType<typeof listed>>) => boolean) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const m = await listed();
      if (ready(m) || Date.now() > deadline) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  before(async () => {
    s = await startAffinity({ SHOPIFY_API_SECRET: SECRET, AFFINITY_DEFAULT_SHOP: SHOP });
    const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
    assert.deepEqual([...(await listed()).keys()].sort(), ['blue-scarf', 'green-hat', 'red-scarf']);
  });
  after(async () => {
    await s?.stop();
  });

  it('a product set to draft leaves recommendations; a price change shows', async () => {
    const draft = await deliver(s, 'products/update', restProduct(9001, 'red-scarf', 'Red Scarf', { status: 'draft' }));
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    assert.equal(draft.body.outcome, 'written');
    const cheaper = await deliver(s, 'products/update', restProduct(9002, 'blue-scarf', 'Blue Scarf', { variants: [{ id: 90020, price: '12.50', inventory_quantity: 5, inventory_policy: 'deny' }] }));
    assert.equal(cheaper.body.outcome, 'written');
    // The catalog route shows what the store holds at once, before the recommendations' index caught up.
    // The catalog route shows it by its Shopify id too (the delivery taught the link to the CSV's handle).
    for (const name of ['blue-scarf', '9002', 'gid://shopify/Product/9002']) {
      const held = await fetch(`${s.url}/v1/catalog/products/${encodeURIComponent(name)}?shop=${SHOP}`);
      assert.equal(held.status, 200, name);
      const p = (await held.json()) as { id: string; variants: { price: { amount: number } }[] };
      assert.deepEqual([p.id, p.variants[0]?.price.amount], ['blue-scarf', 1250], name);
    }
    const now = await listedWhen((m) => !m.has('red-scarf') && m.get('blue-scarf')?.price?.amount === 1250);
    assert.equal(now.has('red-scarf'), false, 'the draft is not recommended');
    assert.equal(now.get('blue-scarf')?.price?.amount, 1250, 'minor units');
  });

  it('a deletion by numeric id removes the product the CSV named by handle; a late update does not bring it back', async () => {
    assert.equal((await deliver(s, 'products/update', restProduct(9003, 'green-hat', 'Green Hat', { product_type: 'Hats' }))).body.outcome, 'written');
    const gone = await deliver(s, 'products/delete', { id: 9003 }, { 'x-shopify-triggered-at': '2026-12-01T11:00:00Z' });
    assert.equal(gone.status, 200);
    assert.equal(gone.body.outcome, 'removed');
    assert.equal((await listedWhen((m) => !m.has('green-hat'))).has('green-hat'), false);
    const late = await deliver(s, 'products/update', restProduct(9003, 'green-hat', 'Green Hat', { updated_at: '2026-12-01T10:30:00Z' }));
    assert.equal(late.status, 200);
    assert.equal(late.body.outcome, 'stale');
    const after = await listed();
    assert.equal(after.has('green-hat'), false);
    assert.equal(after.has('9003'), false, 'nor under its numeric id');
  });

  it('a signed body does only its own topic, at no time later than now, for a shop whose catalog knows the product', async () => {
    // A whole product's signed body re-sent as products/delete is another topic's body.
    const blue = restProduct(9002, 'blue-scarf', 'Blue Scarf');
    const swapped = await deliver(s, 'products/delete', blue);
    assert.equal(swapped.status, 400);
    assert.equal(swapped.body.error.code, 'WEBHOOK_TOPIC_MISMATCH');
    assert.equal((await listed()).has('blue-scarf'), true);
    // Another shop's body sent under this shop's name: the handle's product is known here by another id.
    const foreign = await deliver(s, 'products/update', restProduct(5555, 'blue-scarf', 'Blue Scarf (another shop)', { variants: [{ id: 55550, price: '1.00', inventory_quantity: 5 }] }));
    assert.equal(foreign.status, 200);
    assert.equal(foreign.body.outcome, 'ignored', JSON.stringify(foreign.body));
    assert.equal((await listed()).get('blue-scarf')?.price?.amount, 1250, 'the price stays this shop’s');
    // A shop with no catalog gets none from a delivery naming it.
    const stranger = await deliver(s, 'products/update', restProduct(9002, 'blue-scarf', 'Blue Scarf'), { 'x-shopify-shop-domain': 'never-installed.myshopify.com' });
    assert.equal(stranger.body.outcome, 'ignored');
    assert.equal((await s.post('/v1/recommendations', { shop: 'never-installed.myshopify.com', limit: 3 })).status, 404);
    // An unsigned trigger time in the future stamps the deletion now: a genuine later edit still applies.
    assert.equal((await deliver(s, 'products/delete', { id: 9002 }, { 'x-shopify-triggered-at': '9999-01-01T00:00:00Z' })).body.outcome, 'removed');
    const back = await deliver(s, 'products/update', restProduct(9002, 'blue-scarf', 'Blue Scarf', { updated_at: new Date(Date.now() + 60_000).toISOString() }));
    assert.equal(back.body.outcome, 'written', JSON.stringify(back.body));
    // Created again after its deletion, it is named by its Shopify id (the CSV's handle was removed with it).
    assert.equal((await listedWhen((m) => m.has('9002'))).has('9002'), true);
  });

  it('keeps an id beyond 2^53 exact (Shopify\'s sample payload, what `shopify app webhook trigger` sends)', async () => {
    // JSON.stringify cannot write such a number: the body is written as Shopify writes it.
    const raw = JSON.stringify(restProduct(1, 'example-t-shirt', 'Example T-Shirt', { variants: [{ id: 2, price: '19.99', inventory_quantity: 5, inventory_policy: 'deny' }] }))
      .replace('"id":1,', '"id":788032119674292922,')
      .replace('"id":2,', '"id":642667041472713922,');
    const res = await fetch(`${s.url}/webhooks/shopify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'products/create', 'x-shopify-shop-domain': SHOP, 'x-shopify-hmac-sha256': signShopifyBody(raw, SECRET) },
      body: raw,
    });
    assert.equal(res.status, 200, await res.text());
    assert.equal((await listedWhen((m) => m.has('788032119674292922'))).has('788032119674292922'), true, 'named by its exact id (it was 788032119674292900)');
    const one = await fetch(`${s.url}/v1/catalog/products/788032119674292922?shop=${SHOP}`);
    assert.equal(one.status, 200, await one.text());
  });

  it('refuses what is not Shopify: a wrong signature (401), a malformed shop header (400), a body that is not JSON (400)', async () => {
    assert.equal((await deliver(s, 'products/delete', { id: 9002 }, {}, 'not-the-secret')).status, 401);
    const badShop = await deliver(s, 'products/delete', { id: 9002 }, { 'x-shopify-shop-domain': 'https://evil.example/x' });
    assert.equal(badShop.status, 400);
    assert.equal(badShop.body.error.code, 'INVALID_SHOP');
    assert.equal((await listed()).has('9002'), true, 'nothing was removed');
  });
});
