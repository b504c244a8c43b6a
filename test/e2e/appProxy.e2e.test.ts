/**
 * The storefront's way in: `GET /shopify/proxy/recommendations`, as Shopify's app proxy forwards a
 * theme's request to `https://<shop>/apps/affinity/recommendations` — query signed with the app's
 * client secret, tenant taken from the signed `shop` only. Real HTTP against a running Affinity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signProxyParams } from '../../src/adapters/shopify/appProxySignature.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const SECRET = 'app-secret-for-proxy-tests';
const SHOP = 'boots-and-tents.myshopify.com';
const OTHER = 'other-shop.myshopify.com';

/** The query Shopify's proxy would send for a theme request with `params`. */
function signedQuery(params: Record<string, string | string[]>, opts: { shop?: string; customer?: string; at?: number; secret?: string } = {}): string {
  const all = new Map<string, string[]>([
    ...Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v : [v]] as [string, string[]]),
    ['shop', [opts.shop ?? SHOP]],
    ['logged_in_customer_id', [opts.customer ?? '']],
    ['path_prefix', ['/apps/affinity']],
    ['timestamp', [String(Math.floor((opts.at ?? Date.now()) / 1000))]],
  ]);
  all.set('signature', [signProxyParams(all, opts.secret ?? SECRET)]);
  const q = new URLSearchParams();
  for (const [k, vs] of all) for (const v of vs) q.append(k, v);
  return q.toString();
}

const view = (id: string, clientId: string, productId: string, msAgo: number) => ({
  id,
  name: 'product_viewed',
  clientId,
  timestamp: new Date(Date.now() - msAgo).toISOString(),
  data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 't', vendor: 'v', type: 'Boots' } } },
});

describe('app proxy: storefront recommendations signed by Shopify', () => {
  let s: Running;
  const get = async (query: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${s.url}/shopify/proxy/recommendations?${query}`, { headers });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as any, headers: res.headers };
  };
  before(async () => {
    // API keys on: the proxy route needs none, its signature is the credential.
    s = await startAffinity({ SHOPIFY_API_SECRET: `old-secret-rotating-out,${SECRET}`, AFFINITY_API_KEYS: `*:admin:admin-key-0123456789abcdef,${OTHER}:read:other-key-0123456789abcdef,${SHOP}:read:own-key-0123456789abcdef` });
    const admin = { authorization: 'Bearer admin-key-0123456789abcdef' };
    for (const shop of [SHOP, OTHER]) assert.equal((await s.post(`/v1/catalog/products?shop=${shop}`, SMALL_CATALOG, admin)).status, 200);
    const events = [];
    for (let i = 0; i < 12; i++) events.push(view(`c-${i}-a`, `c-${i}`, '101', 120_000), view(`c-${i}-b`, `c-${i}`, '103', 60_000));
    events.push(view('me-1', 'shopper-1', '101', 30_000));
    assert.equal((await s.post('/v1/events', { shop: SHOP, events }, admin)).status, 202);
    await s.affinity.ctx.projector.flush();
  });
  after(async () => {
    await s.stop();
  });

  it('answers a signed request with product cards for the signed shop, co-viewed products first', async () => {
    const r = await get(signedQuery({ product_id: '101', client_id: 'shopper-1', limit: '3' }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.shop, SHOP);
    assert.equal(r.body.productKnown, true);
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
    const first = r.body.items[0];
    assert.equal(first.productId, '103', 'the tent is what shoppers viewed with these boots');
    assert.equal(first.title, 'Trail Two-Person Tent');
    assert.match(first.reason, /viewed Ridge Waterproof Hiking Boot also viewed this/);
    assert.deepEqual(Object.keys(first.price).sort(), ['amount', 'currency', 'formatted']);
    assert.ok(r.body.items.every((i: { productId: string }) => i.productId !== '101'), 'not the product on the page');
  });

  it('prices for the shopper’s market when the widget sends the localization', async () => {
    const plain = await get(signedQuery({ product_id: '101', limit: '2' }));
    const r = await get(signedQuery({ product_id: '101', country: 'ES', currency: 'EUR', limit: '2' }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.items.length > 0);
    // The catalog has USD prices only and no EUR rate is configured: the USD price is shown, marked estimated
    // (the shopper pays in euros), with no "≈": the amount shown was not converted.
    for (const i of r.body.items) {
      assert.equal(i.price.currency, 'USD', JSON.stringify(i.price));
      assert.equal(i.price.estimated, true);
      assert.doesNotMatch(i.price.formatted, /≈/);
    }
    assert.equal(plain.status, 200);
    assert.ok(plain.body.items.length > 0);
    for (const i of plain.body.items) assert.equal(i.price.estimated, undefined);
  });

  it('refuses unsigned, tampered, stale, wrongly keyed and re-targeted requests with 401 PROXY_UNAUTHORIZED', async () => {
    const good = signedQuery({ product_id: '101' });
    const cases = [
      'product_id=101&shop=' + SHOP,
      good.replace('product_id=101', 'product_id=102'),
      good.replace(`shop=${SHOP}`, `shop=${OTHER}`),
      `${good}&limit=20`,
      signedQuery({ product_id: '101' }, { at: Date.now() - 10 * 60_000 }),
      signedQuery({ product_id: '101' }, { secret: 'not-the-app-secret' }),
    ];
    for (const q of cases) {
      const r = await get(q);
      assert.equal(r.status, 401, q);
      assert.equal(r.body.error.code, 'PROXY_UNAUTHORIZED');
      assert.equal(r.body.items, undefined);
    }
  });

  it('the tenant is the signed shop only: another shop named in a header is refused', async () => {
    const r = await get(signedQuery({ product_id: '101' }), { 'x-affinity-shop': OTHER });
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'TENANT_MISMATCH');
  });

  it('an API key sent along is held to its shop: another shop\'s key is refused, a wrong key is 401, the shop\'s own passes', async () => {
    const other = await get(signedQuery({ product_id: '101' }), { authorization: 'Bearer other-key-0123456789abcdef' });
    assert.deepEqual([other.status, other.body.error?.code, other.body.items], [403, 'TENANT_MISMATCH', undefined]);
    const wrong = await get(signedQuery({ product_id: '101' }), { authorization: 'Bearer not-a-key-0123456789abcdef' });
    assert.deepEqual([wrong.status, wrong.body.error?.code], [401, 'UNAUTHORIZED']);
    const own = await get(signedQuery({ product_id: '101' }), { authorization: 'Bearer own-key-0123456789abcdef' });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.equal(own.body.shop, SHOP);
  });

  it('says when the product on the page is unknown, and still answers', async () => {
    const r = await get(signedQuery({ product_id: '999999', limit: '2' }));
    assert.equal(r.status, 200);
    assert.equal(r.body.productKnown, false);
    assert.ok(r.body.items.length > 0);
  });

  it("a cart as the theme block sends it (ids comma-joined) answers at any real size: 16 products' ids are over 200 characters", async () => {
    const cart = [102, ...Array.from({ length: 15 }, (_, i) => 7_000_000_000_000 + i)].join(',');
    assert.ok(cart.length > 200);
    const r = await get(signedQuery({ cart, surface: 'cart', limit: '3' }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.items.every((i: { productId: string }) => i.productId !== '102'), 'not a product in the cart');
  });

  it('a signed request for a path the app does not serve is a 404, not a 401 asking for an API key', async () => {
    for (const path of ['/shopify/proxy', '/shopify/proxy/', '/shopify/proxy/nothing-here']) {
      const res = await fetch(`${s.url}${path}?${signedQuery({})}`);
      assert.equal(res.status, 404, path);
    }
    assert.equal((await fetch(`${s.url}/shopify/proxy/nothing-here?shop=${SHOP}`)).status, 401, 'unsigned: still refused first');
  });

  it("writes the reasons in the storefront's language: Spanish for an es locale, English otherwise; a malformed locale is a 400", async () => {
    const es = await get(signedQuery({ product_id: '101', client_id: 'shopper-1', limit: '3', locale: 'es-MX' }));
    assert.equal(es.status, 200, JSON.stringify(es.body));
    assert.match(es.body.items[0].reason, /^Quienes vieron Ridge Waterproof Hiking Boot también vieron esto$/);
    const en = await get(signedQuery({ product_id: '101', client_id: 'shopper-1', limit: '3', locale: 'en' }));
    assert.deepEqual(en.body.items.map((i: { productId: string }) => i.productId), es.body.items.map((i: { productId: string }) => i.productId), 'the same list');
    assert.match(en.body.items[0].reason, /viewed Ridge Waterproof Hiking Boot also viewed this/);
    const bad = await get(signedQuery({ product_id: '101', locale: '<script>' }));
    assert.deepEqual([bad.status, bad.body.error?.code], [400, 'VALIDATION_FAILED']);
  });

  it('the path written with a trailing slash is answered the same, and refused unsigned the same', async () => {
    const query = signedQuery({ product_id: '101', client_id: 'shopper-1', limit: '3' });
    const res = await fetch(`${s.url}/shopify/proxy/recommendations/?${query}`);
    const body = (await res.json()) as { items: { productId: string }[] };
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.items.map((i) => i.productId), (await get(query)).body.items.map((i: { productId: string }) => i.productId));
    assert.equal((await fetch(`${s.url}/shopify/proxy/recommendations/?shop=${SHOP}&product_id=101`)).status, 401);
  });

  it('bad parameters are a 400 with the field, after the signature is checked', async () => {
    const r = await get(signedQuery({ limit: '500' }));
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
    assert.equal(r.body.error.issues[0].path, 'limit');
    // Near misses: an id over 200 characters, or more than 100 ids, are still refused.
    for (const cart of ['9'.repeat(201), Array.from({ length: 101 }, (_, i) => String(i + 1)).join(',')]) {
      const bad = await get(signedQuery({ cart, surface: 'cart' }));
      assert.deepEqual([bad.status, String(bad.body.error?.issues?.[0]?.path).split('.')[0]], [400, 'cart'], JSON.stringify(bad.body));
    }
  });
});
