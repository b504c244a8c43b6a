/**
 * The storefront scenario of issue 14: the path shops actually use.
 *
 * - A 10,000-product catalog exported as a Shopify product CSV (`bench/faults/catalogCsv.ts`: legacy
 *   header, one row per variant, extra image rows) and imported through `POST /v1/catalog/products`
 *   (`text/csv`, the real import path). A CSV carries no product id: the handle is the catalog id.
 * - 2,000 shoppers whose history arrives as real Web Pixel payloads (`src/sim/pixelPayloads.ts`)
 *   naming products by their numeric Shopify ids, as a storefront's pixel does; the projector learns
 *   the numeric id → handle links from them.
 * - A second shop with the same CSV catalog and no behaviour at all (a fresh install).
 *
 * Used by `npm run bench` (bench/run.ts, `--scenario storefront`) and by the in-process profiler
 * (bench/profileStorefront.ts), so both measure the same requests.
 */
import { signProxyParams } from '../src/adapters/shopify/appProxySignature.ts';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import type { Product } from '../src/core/catalog/product.ts';
import { productViewed } from '../src/sim/pixelPayloads.ts';
import { prng, simulateSessions } from '../src/sim/shopperSim.ts';
import { moduleNotice } from './args.ts';
import { toShopifyCsv } from './faults/catalogCsv.ts';

/** The shop with no behaviour yet. */
export const COLD_SHOP = 'cold-bench.myshopify.com';

/**
 * The Shopify app's client secret the server under test is given (`SHOPIFY_API_SECRET`): the theme
 * block's requests come through Shopify's app proxy, signed with it.
 */
export const STOREFRONT_APP_SECRET = 'storefront-bench-app-secret';

/** The default shop's name as the app proxy signs it (the server's `AFFINITY_DEFAULT_SHOP` default). */
const PROXY_SHOP = 'default';

/** Shopper messages, English and Spanish (each request picks one). */
export const STOREFRONT_TEXTS_EN = [
  'I need a gift for my mother under 50 dollars, nothing in leather',
  'show me some hiking boots',
  'which is better for running, cushioned or lightweight shoes?',
  'looking for a black leather jacket in size M',
  'just browsing for something for the kitchen',
] as const;
export const STOREFRONT_TEXTS_ES = [
  'busco un regalo para mi novia, menos de 40 dólares',
  'quiero comprar unos auriculares inalámbricos hoy',
  '¿qué diferencia hay entre estos dos sérums?',
  'un collar de plata para mi hermana',
  'zapatillas para correr sin cuero',
] as const;

/**
 * Shopper messages in English, each one new: the `n`-th of a walk through openers × kinds × looks ×
 * budgets (34,560 different messages before one comes back), so that no memo of a message seen before
 * (the classifier's, the message rules') answers it, as for a shop whose shoppers seldom say the
 * same words. The repeated messages above measure the other case.
 */
export function newMessageEn(n: number): string {
  const openers = ['looking for', 'do you have', 'I want', 'show me', 'I need', 'any good'] as const;
  const kinds = ['a jacket', 'hiking boots', 'a dress', 'a backpack', 'a scarf', 'running shoes', 'a sweater', 'a watch', 'a lamp', 'a mug', 'a candle', 'a wallet'] as const;
  const looks = ['in black', 'in wool', 'for my sister', 'for winter', 'in leather', 'in blue', 'that is waterproof', 'for a gift'] as const;
  let k = n;
  const part = <T>(xs: readonly T[]): T => {
    const x = xs[k % xs.length] as T;
    k = Math.floor(k / xs.length);
    return x;
  };
  const opener = part(openers);
  const kind = part(kinds);
  const look = part(looks);
  return `${opener} ${kind} ${look} under ${20 + (k % 60)} dollars`;
}

/** New messages sent by this process's scenarios (each request's is the next of {@link newMessageEn}). */
let newMessages = 0;

/** What the seeding made, for building requests. */
export interface StorefrontData {
  /** The generated catalog (numeric ids; the server holds it under handles). */
  readonly catalog: readonly Product[];
  /** Pixel `clientId`s of the shoppers with history. */
  readonly userIds: readonly string[];
  readonly events: number;
  readonly csvBytes: number;
}

async function post(url: string, body: string, contentType: string, shop?: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...(shop ? { 'x-affinity-shop': shop } : {}) }, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url} -> ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/**
 * Imports the CSV into the default shop and into {@link COLD_SHOP}, replays the shoppers' pixel
 * events into the default shop, and waits for projection to finish.
 */
export async function seedStorefront(url: string, o: { products: number; users: number; serverCpuMs: () => number }): Promise<StorefrontData> {
  const now = Date.now();
  const catalog = generateCatalog({ size: o.products, seed: 1, currency: 'USD', now });
  const csv = toShopifyCsv(catalog);
  for (const shop of [undefined, COLD_SHOP]) {
    const r = (await post(`${url}/v1/catalog/products`, csv, 'text/csv', shop)) as { imported: number; errors: unknown[] };
    if (r.imported !== catalog.length) throw new Error(`CSV import: ${r.imported} of ${catalog.length} products (${JSON.stringify(r.errors).slice(0, 300)})`);
  }
  // Each shopper's one session ended an hour ago: no shopper is in a live session (see startSessions).
  const evs = simulateSessions(catalog, { sessions: o.users, seed: 7, now: now - 3_600_000, prefix: 'sf' });
  // The server warms each new catalog in the background (cold-start order, content neighbours, match
  // features; see CatalogRegistry): settling also waits for that, so it is not measured.
  await postAndSettle(url, evs, o.serverCpuMs);
  const userIds = Array.from({ length: o.users }, (_, s) => `sf-7-${s}`);
  return { catalog, userIds, events: evs.length, csvBytes: Buffer.byteLength(csv) };
}

/** Product views each shopper makes right before the "browsing now" scenario ({@link startSessions}). */
export const LIVE_SESSION_VIEWS = 5;

/**
 * Puts every shopper in a live session: {@link LIVE_SESSION_VIEWS} product views each over the last
 * five minutes, sent as pixel payloads, then waits as seeding does. A shopper browsing the shop right now
 * has a session as well as a history, so a recommendation for them has more seeds than one for a
 * shopper whose last visit ended an hour ago (what the seeding leaves).
 */
export async function startSessions(url: string, d: StorefrontData, serverCpuMs: () => number): Promise<void> {
  const now = Date.now();
  const rnd = prng(LIVE_SESSION_VIEWS);
  const evs = d.userIds.flatMap((user, u) =>
    Array.from({ length: LIVE_SESSION_VIEWS }, (_, k) => {
      const p = d.catalog[Math.floor(rnd() * d.catalog.length)] as Product;
      return productViewed(`sf-live-${process.pid}-${u}-${k}`, user, now - (LIVE_SESSION_VIEWS - k) * 60_000, p);
    }),
  );
  await postAndSettle(url, evs, serverCpuMs);
}

/**
 * Posts pixel events in batches of 500, four at a time, then waits until the projector has no backlog
 * and the server's CPU stays under 5 % of a core for a second ({@link waitIdle}).
 */
async function postAndSettle(url: string, evs: readonly Record<string, unknown>[], serverCpuMs: () => number): Promise<void> {
  const batches: (readonly Record<string, unknown>[])[] = [];
  for (let i = 0; i < evs.length; i += 500) batches.push(evs.slice(i, i + 500));
  for (let i = 0; i < batches.length; i += 4) {
    await Promise.all(batches.slice(i, i + 4).map((b) => post(`${url}/v1/events`, JSON.stringify({ events: b }), 'application/json')));
  }
  for (let i = 0; i < 600; i++) {
    const ready = (await (await fetch(`${url}/health/ready`)).json()) as { checks: { projector: { lag: number } } };
    if (ready.checks.projector.lag === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await waitIdle(serverCpuMs);
}

/** Resolves once `cpuMs` (CPU time used so far, ms) grows by less than 5 % of the wall time for a second. */
export async function waitIdle(cpuMs: () => number, maxMs = 120_000): Promise<void> {
  const start = performance.now();
  let before = cpuMs();
  while (performance.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs();
    if (now - before < 50) return;
    before = now;
  }
}

/** One scenario: a name, the shop it targets and a request body built per request. */
export interface StorefrontScenario {
  readonly name: string;
  readonly shop?: string;
  readonly body: () => unknown;
  /**
   * When set, the request is the theme block's instead: `GET /shopify/proxy/recommendations` with these
   * parameters (built per request) and the ones Shopify's app proxy adds and signs (`shop`,
   * `logged_in_customer_id`, `path_prefix`, `timestamp`, `signature`).
   */
  readonly proxyQuery?: () => Record<string, string>;
  /**
   * When set, every `eventEvery`-th request of a connection is a pixel event (`POST /v1/events`, a
   * `product_viewed` of one of the same shoppers, built per request) instead of a recommendation:
   * their profiles keep changing while they are recommended to, so what the server keeps per
   * shopper is measured with its invalidation, not only its hits.
   */
  readonly event?: () => unknown;
  readonly eventEvery?: number;
  /** Run once before the scenario is measured (its repeats included), against the server at `url`. */
  readonly before?: (url: string, serverCpuMs: () => number) => Promise<void>;
}

/** One request of a scenario, as `autocannon` and `app.inject` both take it (path and body built per request). */
export interface StorefrontRequest {
  readonly method: 'GET' | 'POST';
  readonly path: () => string;
  readonly headers: Record<string, string>;
  readonly body: () => string | undefined;
}

/** The path Shopify's app proxy sends for the theme block's `params`, signed with {@link STOREFRONT_APP_SECRET}. */
function proxyPath(params: Record<string, string>): string {
  const all = new Map<string, string[]>(Object.entries(params).map(([k, v]) => [k, [v]]));
  all.set('shop', [PROXY_SHOP]);
  all.set('logged_in_customer_id', ['']);
  all.set('path_prefix', ['/apps/affinity']);
  all.set('timestamp', [String(Math.floor(Date.now() / 1000))]);
  const q = new URLSearchParams();
  for (const [k, [v]] of all) q.set(k, v as string);
  q.set('signature', signProxyParams(all, STOREFRONT_APP_SECRET));
  return `/shopify/proxy/recommendations?${q}`;
}

/** The requests a connection of `sc` cycles through (see {@link StorefrontScenario.eventEvery}). */
export function storefrontRequests(sc: StorefrontScenario): StorefrontRequest[] {
  const query = sc.proxyQuery;
  if (query) return [{ method: 'GET', path: () => proxyPath(query()), headers: {}, body: () => undefined }];
  const headers = { 'content-type': 'application/json', ...(sc.shop ? { 'x-affinity-shop': sc.shop } : {}) };
  const rec: StorefrontRequest = { method: 'POST', path: () => '/v1/recommendations', headers, body: () => JSON.stringify(sc.body()) };
  const event = sc.event;
  if (!event || !sc.eventEvery || sc.eventEvery < 2) return [rec];
  return [...Array.from({ length: sc.eventEvery - 1 }, () => rec), { method: 'POST', path: () => '/v1/events', headers, body: () => JSON.stringify(event()) }];
}

/** {@link storefrontRequests} in `autocannon`'s shape. */
export function autocannonRequests(sc: StorefrontScenario): { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; setupRequest: (req: object) => object }[] {
  return storefrontRequests(sc).map((r) => ({
    method: r.method,
    path: r.path(),
    headers: r.headers,
    setupRequest: (req: object) => {
      const body = r.body();
      return { ...req, path: r.path(), ...(body !== undefined ? { body } : {}) };
    },
  }));
}

/** Pixel events sent per recommendation in the mixed scenario: one request in this many is an event. */
export const MIXED_EVENT_EVERY = 5;

/** Events the mixed scenario made in this process (their ids stay unique however often the scenarios are built). */
let mixedEvents = 0;

/**
 * The measured requests: plain `POST /v1/recommendations` for a shopper with history (a numeric
 * product id half of the time, as a theme block sends it); the same with one request in
 * {@link MIXED_EVENT_EVERY} a pixel `product_viewed` of one of those shoppers (mixed); the plain request
 * with the shopper's words in English and in Spanish; and plain requests to the shop with no behaviour.
 */
export function storefrontScenarios(d: StorefrontData, seed = 99): StorefrontScenario[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const plain = () => {
    const p = rnd() < 0.5 ? pick(d.catalog) : undefined;
    return { userId: pick(d.userIds), ...(p ? { productId: p.id } : {}), limit: 10 };
  };
  const viewed = () => productViewed(`sf-mixed-${process.pid}-${mixedEvents++}`, pick(d.userIds), Date.now(), pick(d.catalog));
  return [
    { name: 'storefront plain POST /v1/recommendations', body: plain },
    { name: `storefront mixed (${MIXED_EVENT_EVERY - 1} recommendations, then 1 pixel event)`, body: plain, event: viewed, eventEvery: MIXED_EVENT_EVERY },
    { name: 'storefront text EN POST /v1/recommendations', body: () => ({ userId: pick(d.userIds), text: pick(STOREFRONT_TEXTS_EN), limit: 10 }) },
    { name: 'storefront text ES POST /v1/recommendations', body: () => ({ userId: pick(d.userIds), text: pick(STOREFRONT_TEXTS_ES), limit: 10 }) },
    { name: 'storefront new messages EN POST /v1/recommendations (every message unseen)', body: () => ({ userId: pick(d.userIds), text: newMessageEn(newMessages++), limit: 10 }) },
    {
      // What a shop's product page asks: the theme block through the app proxy, the product on the page
      // by its numeric id, the pixel's client id, and the storefront's country and currency (Liquid's
      // `localization`, always sent), which takes the personalization layer's path.
      name: 'storefront theme block GET /shopify/proxy/recommendations (product page, market)',
      body: () => undefined,
      // As the block asks: the page's product by numeric id and handle (the CSV catalog knows the handle).
      proxyQuery: () => {
        const p = pick(d.catalog);
        return { product_id: p.id, product_handle: p.handle, client_id: pick(d.userIds), country: 'US', currency: 'USD', limit: '8' };
      },
    },
    {
      name: 'storefront cold shop (no behaviour) POST /v1/recommendations',
      shop: COLD_SHOP,
      body: () => {
        const p = rnd() < 0.5 ? pick(d.catalog) : undefined;
        return { userId: `new-${Math.floor(rnd() * 1e6)}`, ...(p ? { productId: p.id } : {}), limit: 10 };
      },
    },
    {
      // Last: the sessions it starts would change what the scenarios after it measure.
      name: `storefront browsing now: POST /v1/recommendations as plain, every shopper in a live session (${LIVE_SESSION_VIEWS} views)`,
      body: plain,
      before: (url, serverCpuMs) => startSessions(url, d, serverCpuMs),
    },
  ];
}

// This file is the scenario, not a runner: run by itself it says which scripts run it.
moduleNotice(import.meta.url, {
  run: 'node --import tsx bench/storefront.ts --help',
  summary: `The storefront scenario (issue 14): a 10,000-product Shopify CSV export imported through the real import
path, 2,000 shoppers whose history arrives as Web Pixel payloads, plain, text EN/ES, theme block and cold-shop
requests, and plain ones once every shopper is in a live session. This file only defines it; two scripts run it:
  npm run bench -- --scenario storefront [--duration S] [--storefront-workers N] [--storefront-store redis] [--only TEXT] [--repeat N]   (bench/run.ts; --help)
  node --import tsx bench/profileStorefront.ts [--scenario plain|mixed|en|es|fresh|proxy|cold|live]   (in process; --help)`,
  options: [],
  writes: 'nothing (it runs nothing by itself).',
});
