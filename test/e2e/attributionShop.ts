/**
 * The shop of the attribution tests (test/e2e/attribution.e2e.test.ts, test/dashboard/): a CSV catalog
 * keyed by handle, Shopify's numeric ids for it, the experiments file, the pixel payloads (numeric ids,
 * `aff_rec` in the landing URL; the theme block's view; cart and checkout lines without URLs), the
 * shoppers of each variant, and a seed through the real HTTP API.
 */
import assert from 'node:assert/strict';
import { ExperimentsFileSchema, variantOf } from '../../src/core/attribution/experiments.ts';
import type { Running } from './helpers.ts';

export const SHOP = 'jewels.myshopify.com';
export const CSV = [
  'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published on online store,Status,Option1 Name,Option1 Value,SKU,Price,Inventory policy,Image src',
  'gold-chain,Gold Chain,<p>14k</p>,Aurum,Jewelry > Necklaces,Necklace,gold,TRUE,Active,Title,Default Title,A1,89.00,deny,',
  'silver-pendant,Silver Pendant,<p>925</p>,Argent,Jewelry > Necklaces,Necklace,silver,TRUE,Active,Title,Default Title,A2,59.00,deny,',
  'pearl-choker,Pearl Choker,<p>pearls</p>,Aurum,Jewelry > Necklaces,Necklace,pearl,TRUE,Active,Title,Default Title,A3,120.00,deny,',
  'rose-ring,Rose Ring,<p>ring</p>,Aurum,Jewelry > Rings,Ring,gold,TRUE,Active,Title,Default Title,A4,149.00,deny,',
  'canvas-tote,Canvas Tote,<p>bag</p>,Carry,Bags > Totes,Bag,canvas,TRUE,Active,Title,Default Title,A5,35.00,deny,',
].join('\n');
export const IDS: Record<string, { product: string; variant: string; price: number }> = {
  'gold-chain': { product: '8001', variant: '45001', price: 89 },
  'silver-pendant': { product: '8002', variant: '45002', price: 59 },
  'pearl-choker': { product: '8003', variant: '45003', price: 120 },
  'rose-ring': { product: '8004', variant: '45004', price: 149 },
  'canvas-tote': { product: '8005', variant: '45005', price: 35 },
};
export const EXPERIMENTS = {
  experiments: [
    {
      id: 'recs-v1',
      variants: [
        { name: 'control', strategy: 'popular', weight: 50 },
        { name: 'affinity', strategy: 'personalized', weight: 50 },
      ],
    },
    // Another shop's experiment: not offered for SHOP.
    { id: 'other-shop-test', shops: ['other.myshopify.com'], variants: [{ name: 'a', strategy: 'popular', weight: 1 }] },
  ],
};
export const NOW = Date.now();
let seq = 0;
const ts = () => new Date(NOW - 600_000 + seq * 1000).toISOString();

/** A `product_viewed` variant as the pixel sends it. */
function variant(handle: string) {
  const ids = IDS[handle]!;
  return { id: ids.variant, price: { amount: ids.price, currencyCode: 'USD' }, product: { id: ids.product, title: handle, url: `/products/${handle}` }, title: 'Default Title' };
}
/** A `product_viewed` as the pixel sends it; `rec` puts `aff_rec` in the landing URL. */
export function viewed(clientId: string, handle: string, rec?: string) {
  const search = rec ? `?aff_rec=${rec}` : '';
  return {
    id: `v-${++seq}`,
    name: 'product_viewed',
    clientId,
    timestamp: ts(),
    context: { document: { location: { pathname: `/products/${handle}`, search, href: `https://jewels.example/products/${handle}${search}` } } },
    data: { productVariant: variant(handle) },
  };
}
export function listViewed(clientId: string, list: string) {
  return { id: `lv-${++seq}`, name: 'affinity:recommendations_viewed', clientId, timestamp: ts(), type: 'custom', customData: { list, sourceProductId: null, productIds: [] } };
}
/** Cart and checkout lines name numeric ids only (no URL). */
function line(handle: string) {
  const ids = IDS[handle]!;
  return { id: ids.variant, price: { amount: ids.price, currencyCode: 'USD' }, product: { id: ids.product, title: handle } };
}
export function added(clientId: string, handle: string) {
  return { id: `c-${++seq}`, name: 'product_added_to_cart', clientId, timestamp: ts(), data: { cartLine: { quantity: 1, merchandise: line(handle), cost: { totalAmount: { amount: IDS[handle]!.price, currencyCode: 'USD' } } } } };
}
export function ordered(clientId: string, handles: string[]) {
  return {
    id: `o-${++seq}`,
    name: 'checkout_completed',
    clientId,
    timestamp: ts(),
    data: {
      checkout: {
        currencyCode: 'USD',
        order: { id: `gid://shopify/Order/${seq}`, customer: null },
        lineItems: handles.map((h) => ({ quantity: 1, finalLinePrice: { amount: IDS[h]!.price, currencyCode: 'USD' }, variant: line(h) })),
      },
    },
  };
}

const experiment = ExperimentsFileSchema.parse(EXPERIMENTS).experiments[0]!;
/** Shopper ids of a variant (assignment is a pure hash: the tests know them in advance). */
export function shoppers(name: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n && i < 10_000; i++) if (variantOf(experiment, SHOP, `client-${i}`).name === name) out.push(`client-${i}`);
  return out;
}

/**
 * Catalog, popularity, lists for three control and four affinity shoppers on two surfaces (one asked by
 * an agent), clicks, a view, carts and orders, and one visitor buying through an affinity shopper's
 * shared link. Returns the shoppers by variant.
 */
export async function seedAttribution(s: Running, headers: Record<string, string>): Promise<{ control: string[]; affinity: string[] }> {
  const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body: CSV });
  assert.equal(res.status, 200, await res.text());
  const bg = [];
  for (let i = 0; i < 6; i++) bg.push(viewed(`bg-${i}`, 'gold-chain'), viewed(`bg-${i}`, 'silver-pendant'), viewed(`bg-${i}`, 'pearl-choker'));
  assert.equal((await s.post('/v1/events', { shop: SHOP, events: bg }, headers)).status, 202);
  await s.affinity.projector.flush();
  const control = shoppers('control', 3);
  const affinity = shoppers('affinity', 4);
  const lists = new Map<string, { recommendationId: string; items: { productId: string }[] }>();
  for (const [i, u] of [...control, ...affinity].entries()) {
    const body = { shop: SHOP, userId: u, limit: 3, surface: i % 2 === 0 ? 'product' : 'cart', ...(i === 1 ? { agent: 'shopping-assistant' } : {}) };
    const r = await s.post('/v1/recommendations', body, headers);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    lists.set(u, r.body);
  }
  const first = (u: string) => lists.get(u)!.items[0]!.productId;
  const rec = (u: string) => lists.get(u)!.recommendationId;
  const [c1, c2] = control as [string, string];
  const [a1, a2, a3] = affinity as [string, string, string];
  const step1 = [viewed(c1, first(c1), rec(c1)), listViewed(a1, rec(a1)), viewed(a1, first(a1), rec(a1)), listViewed(a2, rec(a2)), viewed(a2, first(a2), rec(a2)), listViewed(c2, rec(c2)), viewed(a3, first(a3), rec(a3))];
  assert.equal((await s.post('/v1/events', { shop: SHOP, events: step1 }, headers)).status, 202);
  await s.affinity.projector.flush();
  const other = Object.keys(IDS).find((h) => h !== first(a1))!;
  // a3 shares their list's link: another visitor opens it and buys (reported apart, in no list's own figures).
  const visitor = 'visitor-through-shared-link';
  const step2 = [added(c1, first(c1)), ordered(c1, [first(c1)]), added(a1, first(a1)), ordered(a1, [first(a1), other]), added(a2, first(a2)), ordered(a2, [first(a2)]), viewed(visitor, first(a3), rec(a3)), added(visitor, first(a3)), ordered(visitor, [first(a3)])];
  assert.equal((await s.post('/v1/events', { shop: SHOP, events: step2 }, headers)).status, 202);
  await s.affinity.projector.flush();
  return { control, affinity };
}
