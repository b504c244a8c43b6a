/**
 * A forged Web Pixel event cannot take over a product's identity (a probe found it could). Anyone can
 * post a pixel event, so the numeric id ↔ handle link it carries is a claim: the first claim for an id
 * stands, a later different one only disputes it, and a signed product webhook (Shopify's word) replaces
 * it. Here, in a shop whose CSV catalog keys products by handle, over real HTTP:
 * - a fake id claimed for a handle: Shopify's signed update of the real product still applies to it;
 * - a real product's id claimed for another product's page: once real shoppers' views dispute it, a
 *   signed deletion of the real product removes nothing else, and the update of each product moves the
 *   ids where Shopify says they belong;
 * - a restart reads the links back to the same answers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';
import { deliverWebhook, restProduct } from './productWebhookDelivery.ts';

const SHOP = 'forged-links.myshopify.com';
const SECRET = 'forged-links-secret-1';
const CSV = `Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Status
yellow-jumper,Yellow Jumper,<p>Wool</p>,Acme,Jumpers,winter,true,Title,Default Title,YJ-1,5,deny,40.00,active
led-high-tops,LED High Tops,<p>Shoes</p>,Acme,Shoes,,true,Title,Default Title,LED-1,5,deny,80.00,active
striped-skirt,Striped Skirt,<p>Skirt</p>,Acme,Skirts,,true,Title,Default Title,SK-1,5,deny,30.00,active
`;
const JUMPER = 8896125829777;
const LED = 8896125820001;
const SKIRT = 8896125820002;

let seq = 0;
/** A product view as the pixel sends it: the numeric ids and the page's URL. */
const view = (clientId: string, productId: number, handle: string) => ({
  id: `fv-${++seq}`,
  name: 'product_viewed',
  clientId,
  timestamp: new Date(Date.now() - 600_000 + seq * 1000).toISOString(),
  data: { productVariant: { id: String(productId * 10), price: { amount: 1, currencyCode: 'USD' }, product: { id: String(productId), title: 'x', url: `/products/${handle}` } } },
});

/** A product payload updated a minute ago (a later delivery of the same product is newer). */
const recentPayload = (id: number, handle: string, title: string, over: Record<string, unknown> = {}) => restProduct(id, handle, title, { product_type: 'Shoes', updated_at: new Date(Date.now() - 60_000).toISOString(), ...over });

const deliver = async (s: Running, topic: string, body: unknown) => (await deliverWebhook(s, SHOP, SECRET, topic, body)) as { status: number; body: { outcome: string; id?: string; reason?: string } };

describe('a forged pixel event cannot take over product identity', () => {
  let s: Running;
  const dir = mkdtempSync(join(tmpdir(), 'affinity-forged-'));
  const env = { SHOPIFY_API_SECRET: SECRET, AFFINITY_DEFAULT_SHOP: SHOP, AFFINITY_DB: join(dir, 'a.db') };
  const product = async (name: string | number) => {
    const r = await fetch(`${s.url}/v1/catalog/products/${encodeURIComponent(String(name))}?shop=${SHOP}`);
    return r.status === 200 ? ((await r.json()) as { id: string; title: string; published: boolean }) : undefined;
  };
  const pixel = async (...events: unknown[]) => {
    const r = await s.post('/v1/events', { shop: SHOP, events });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await s.affinity.projector.flush();
  };

  before(async () => {
    s = await startAffinity(env);
    const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
  });
  after(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a fake id claimed for a product's page: Shopify's signed update still applies to the product, under its real id", async () => {
    await pixel(view('forger', 1000, 'yellow-jumper'));
    assert.equal((await product(1000))?.id, 'yellow-jumper', 'the claim is followed while nothing contradicts it');
    await pixel(view('real-shopper', JUMPER, 'yellow-jumper'));
    const archived = await deliver(s, 'products/update', recentPayload(JUMPER, 'yellow-jumper', 'Yellow Jumper', { status: 'archived' }));
    assert.deepEqual([archived.status, archived.body.outcome, archived.body.id], [200, 'written', 'yellow-jumper'], JSON.stringify(archived.body));
    assert.equal((await product(JUMPER))?.id, 'yellow-jumper');
    assert.equal((await product(JUMPER))?.published, false, 'archived: no longer recommended');
    assert.equal(await product(1000), undefined, 'the forged id names nothing once Shopify said which id the product has');
  });

  it("a real product's id claimed for another page: a disputed claim removes nothing, and signed updates put each id where it belongs", async () => {
    await pixel(view('forger', LED, 'striped-skirt'));
    // Real shoppers: LED High Tops' own page disputes the claim.
    await pixel(view('real-1', LED, 'led-high-tops'), view('real-2', SKIRT, 'striped-skirt'));
    const gone = await deliver(s, 'products/delete', { id: LED });
    assert.equal(gone.body.outcome, 'ignored', JSON.stringify(gone.body));
    assert.match(gone.body.reason ?? '', /storefront events disagree/);
    assert.equal((await product('striped-skirt'))?.id, 'striped-skirt', 'the skirt stays');
    // Shopify's word on each product moves the ids.
    assert.equal((await deliver(s, 'products/update', recentPayload(LED, 'led-high-tops', 'LED High Tops'))).body.id, 'led-high-tops');
    assert.equal((await deliver(s, 'products/update', recentPayload(SKIRT, 'striped-skirt', 'Striped Skirt'))).body.id, 'striped-skirt');
    assert.equal((await product(LED))?.id, 'led-high-tops');
    assert.equal((await product(SKIRT))?.id, 'striped-skirt');
    // Now a deletion of LED High Tops removes LED High Tops.
    const removed = await deliver(s, 'products/delete', { id: LED });
    assert.deepEqual([removed.body.outcome, removed.body.id], ['removed', 'led-high-tops'], JSON.stringify(removed.body));
    assert.equal((await product('striped-skirt'))?.id, 'striped-skirt');
  });

  it('a restart reads the links back to the same answers', async () => {
    await s.stop();
    s = await startAffinity(env);
    assert.equal((await product(JUMPER))?.id, 'yellow-jumper');
    assert.equal(await product(1000), undefined);
    assert.equal((await product(SKIRT))?.id, 'striped-skirt');
  });
});
