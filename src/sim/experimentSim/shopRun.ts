/**
 * One simulated shop driven through Affinity's real HTTP API: its catalog imported, background
 * traffic, shoppers with hidden tastes and a browsing history (pixel events), then sessions in which
 * each shopper is shown a list on a product page and clicks, carts and buys by the click model
 * (clickModel.ts), every action posted as the pixel would post it. Returns the simulator's own
 * ground truth per experiment variant, to be compared with `GET /v1/analytics`.
 *
 * Deterministic with the seed as far as the simulator goes (catalog, tastes, histories, every draw);
 * `settle` (the projector's flush) is awaited before each list is asked for, so each list is computed
 * from every event posted before it.
 */
import type { Product } from '../../core/catalog/product.ts';
import { toMajor } from '../../core/money.ts';
import { mulberry32 } from '../../core/random.ts';
import { addedToCart, checkoutCompleted, productViewed } from '../pixelPayloads.ts';
import { simulateSessions } from '../shopperSim.ts';
import { browsePool, cartProbability, clickProbability, CLICK_MODEL, drawTaste, matchOf, priceOf, type Taste } from './clickModel.ts';

/** Ground truth of one variant, counted by the simulator as it acts. */
export interface VariantTruth {
  served: number;
  clicks: number;
  addToCarts: number;
  orders: number;
  /** Minor units. */
  revenue: number;
  /** Sum over served lists of the items' match with the shopper's taste, divided by the items: how well lists fit. */
  matchSum: number;
  items: number;
}

/** Options of {@link runShop}. */
export interface ShopRunOptions {
  /** Affinity's base URL (`http://127.0.0.1:port`). */
  readonly base: string;
  readonly shop: string;
  readonly catalog: readonly Product[];
  readonly seed: number;
  readonly shoppers: number;
  readonly sessions: number;
  /** Background sessions (the shop's popularity and co-occurrence). */
  readonly background: number;
  /** Items per list (default 8). */
  readonly limit?: number;
  /** Resolves once every event acknowledged so far is projected (the in-process projector's flush). */
  readonly settle: () => Promise<void>;
  /** Whether to import the catalog (false when it is already there). */
  readonly importCatalog?: boolean;
}

/** A product as the JSON catalog import takes it (compact form, major-unit decimal prices). */
export function compactProduct(p: Product) {
  return {
    id: p.id,
    handle: p.handle,
    title: p.title,
    description: p.description,
    vendor: p.vendor,
    productType: p.productType,
    category: p.category,
    tags: [...p.tags],
    images: [...p.images],
    published: p.published,
    ...(p.createdAt ? { createdAt: p.createdAt } : {}),
    variants: p.variants.map((v) => ({ id: v.id, title: v.title, ...(v.sku ? { sku: v.sku } : {}), price: toMajor(v.price).toFixed(2), currency: v.price.currency, available: v.available, options: v.options })),
  };
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** GET/POST against Affinity, throwing on any non-2xx answer. */
export const api = {
  get: (base: string, path: string) => call(base, 'GET', path),
  post: (base: string, path: string, body: unknown) => call(base, 'POST', path, body),
};

interface Shopper {
  readonly id: string;
  readonly taste: Taste;
  readonly pool: Product[];
}

/** Runs the shop; resolves with the ground truth by variant name (as the answers named it). */
export async function runShop(o: ShopRunOptions): Promise<Map<string, VariantTruth>> {
  const rng = mulberry32(o.seed);
  const { base, shop } = o;
  const limit = o.limit ?? 8;
  const byId = new Map(o.catalog.map((p) => [p.id, p]));
  const q = `?shop=${encodeURIComponent(shop)}`;
  // Ids carry the shop's first label: event ids are unique across the simulated shops.
  const tag = shop.split('.')[0] as string;
  if (o.importCatalog !== false) await api.post(base, `/v1/catalog/products${q}`, { products: o.catalog.map(compactProduct) });

  let clock = Date.now() - 3 * 3_600_000;
  const postEvents = async (events: unknown[]) => {
    for (let i = 0; i < events.length; i += 500) await api.post(base, '/v1/events', { shop, events: events.slice(i, i + 500) });
  };
  // Background shoppers (no experiment: they never ask for a list).
  await postEvents(simulateSessions(o.catalog, { sessions: o.background, seed: o.seed, now: clock, spanMs: 2 * 86_400_000, prefix: `bg-${tag}` }));

  // Shoppers with a hidden taste, and a history that shows it: 4-6 product views, sometimes a cart.
  const shoppers: Shopper[] = [];
  const history: unknown[] = [];
  let n = 0;
  for (let i = 0; i < o.shoppers; i++) {
    const taste = drawTaste(o.catalog, rng);
    const s: Shopper = { id: `${tag}-shopper-${i}`, taste, pool: browsePool(o.catalog, taste) };
    shoppers.push(s);
    const views = 4 + Math.floor(rng() * 3);
    for (let j = 0; j < views; j++) {
      const p = s.pool[Math.floor(rng() * s.pool.length)] as Product;
      history.push(productViewed(`h-${s.id}-${n++}`, s.id, (clock += 1000), p));
      if (rng() < 0.15) history.push(addedToCart(`h-${s.id}-${n++}`, s.id, (clock += 1000), p));
    }
  }
  await postEvents(history);
  await o.settle();

  const truth = new Map<string, VariantTruth>();
  const truthOf = (v: string): VariantTruth => {
    let t = truth.get(v);
    if (!t) truth.set(v, (t = { served: 0, clicks: 0, addToCarts: 0, orders: 0, revenue: 0, matchSum: 0, items: 0 }));
    return t;
  };
  let ts = Date.now();
  const tick = () => (ts = Math.max(ts + 1, Date.now()));
  for (let k = 0; k < o.sessions; k++) {
    const s = shoppers[k % shoppers.length] as Shopper;
    // The shopper lands on a product page of their taste (most of the time), and the block asks for a list.
    const page = (rng() < 0.8 ? s.pool[Math.floor(rng() * s.pool.length)] : o.catalog[Math.floor(rng() * o.catalog.length)]) as Product;
    const events: unknown[] = [productViewed(`s-${s.id}-${k}-page`, s.id, tick(), page)];
    await o.settle();
    const answer = await api.post(base, '/v1/recommendations', { shop, userId: s.id, productId: page.id, surface: 'product', limit });
    const variant: string = answer.experiment?.variant ?? '(none)';
    const t = truthOf(variant);
    t.served += 1;
    const bought: Product[] = [];
    (answer.items as { productId: string }[]).forEach((item, position) => {
      const p = byId.get(item.productId);
      const match = p ? matchOf(s.taste, p) : 0;
      t.matchSum += match;
      t.items += 1;
      if (!p || rng() >= clickProbability(match, position)) return;
      t.clicks += 1;
      events.push(productViewed(`s-${s.id}-${k}-c${position}`, s.id, tick(), p, answer.recommendationId));
      if (rng() >= cartProbability(match)) return;
      t.addToCarts += 1;
      events.push(addedToCart(`s-${s.id}-${k}-a${position}`, s.id, tick(), p));
      if (rng() < CLICK_MODEL.orderAfterCart) bought.push(p);
    });
    if (bought.length > 0) {
      t.orders += 1;
      t.revenue += bought.reduce((sum, p) => sum + priceOf(p), 0);
      events.push(checkoutCompleted(`s-${s.id}-${k}-o`, s.id, tick(), bought, `${tag}-order-${k}`));
    }
    await postEvents(events);
  }
  await o.settle();
  return truth;
}
