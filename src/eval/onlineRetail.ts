/**
 * Online Retail (UCI) time-split evaluation: a UK gift-ware wholesaler, 2010-12 … 2011-12.
 *
 * Protocol: invoices before 2011-11-01 train, November–December 2011 test. Cancellations (`C…`),
 * non-positive quantities and lines without a CustomerID are dropped. Every customer with at least one
 * train and one test purchase is a test case: HR@20 counts a hit when any StockCode the customer bought
 * in the test period is in the top 20, MRR@20 is the reciprocal rank of the first such item. The hybrid
 * is trained by feeding each train invoice, in time order, as one multi-item purchase event through
 * the production code (`coocIncrements`, `foldEvents`, `buildProfileView`, `buildSeeds`, `rank`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Product } from '../core/catalog/product.ts';
import type { UserEvent } from '../core/events/userEvent.ts';
import { DEFAULT_EVENT_WEIGHTS, DEFAULT_PROFILE_HALF_LIFE_MS, foldEvents, type ProductFacts } from '../core/profile/fold.ts';
import { RECENT_CAP, type RawProfile, type RecentItem } from '../core/profile/profileDelta.ts';
import { buildProfileView, type ProfileView } from '../core/profile/profileView.ts';
import { coocIncrements } from '../core/recommend/cooccurrence.ts';
import { ItemFreshness } from '../core/recommend/freshness.ts';
import { buildSeeds, rank, type ScoredItem, type WeightedItem } from '../core/recommend/rank.ts';
import { CoocMap, Counter, DecayedCounter } from './memoryStats.ts';
import { HitRateMrr, variation } from './metrics.ts';
import type { EvalResult, MethodScore } from './result.ts';
import { DEFAULT_HYBRID, secondHopOf, type HybridConfig } from './yoochoose.ts';

const FILE_RE = /^online_retail_\d{4}-\d{2}\.csv\.gz$/;

/** Whether `dir` holds the monthly Online Retail files. */
export function isOnlineRetailDir(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => FILE_RE.test(f));
}

/** One invoice (a purchase event with several lines). */
export interface Invoice {
  readonly id: string;
  readonly customer: string;
  readonly country: string;
  /** Epoch ms of the invoice date (UK wall clock read as UTC). */
  readonly ts: number;
  /** Distinct StockCodes in line order, with summed quantities. */
  readonly items: readonly { readonly code: string; readonly quantity: number; readonly price: number }[];
}

/** Splits one CSV line (RFC 4180 quoting, as R's `write.csv` writes it). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          v += line.slice(i);
          i = line.length;
          break;
        }
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      i++; // the comma
    } else {
      let c = line.indexOf(',', i);
      if (c < 0) c = line.length;
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
  return out;
}

/** The loaded dataset: valid invoices in time order and the latest description of each StockCode. */
export interface RetailData {
  readonly invoices: readonly Invoice[];
  readonly descriptions: ReadonlyMap<string, string>;
}

/** Loads every monthly file of `dir`, keeping valid purchase lines only. */
export function loadOnlineRetail(dir: string): RetailData {
  const files = readdirSync(dir).filter((f) => FILE_RE.test(f)).sort();
  const byInvoice = new Map<string, { customer: string; country: string; ts: number; items: Map<string, { quantity: number; price: number }> }>();
  const descriptions = new Map<string, string>();
  for (const f of files) {
    const text = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
    let start = 0;
    let header = true;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const line = text.slice(start, end).replace(/\r$/, '');
      start = end + 1;
      if (header) {
        header = false;
        continue;
      }
      if (!line) continue;
      const [invoice, code, description, qty, date, price, customer, country] = parseCsvLine(line);
      if (!invoice || !code || !date || invoice.startsWith('C') || !customer || customer === 'NA') continue;
      const quantity = Number(qty);
      if (!(quantity > 0)) continue;
      if (description) descriptions.set(code, description);
      let inv = byInvoice.get(invoice);
      if (!inv) {
        inv = { customer, country: country ?? '', ts: Date.parse(`${date}Z`), items: new Map() };
        byInvoice.set(invoice, inv);
      }
      const prev = inv.items.get(code);
      if (prev) prev.quantity += quantity;
      else inv.items.set(code, { quantity, price: Number(price) || 0 });
    }
  }
  const invoices: Invoice[] = [...byInvoice].map(([id, v]) => ({
    id,
    customer: v.customer,
    country: v.country,
    ts: v.ts,
    items: [...v.items].map(([code, x]) => ({ code, quantity: x.quantity, price: x.price })),
  }));
  invoices.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
  return { invoices, descriptions };
}

/** Train/test boundary: 2011-11-01T00:00 (UK wall clock). */
export const RETAIL_SPLIT_MS = Date.UTC(2011, 10, 1);

/** A minimal catalog from StockCodes and descriptions (title only: no vendor, type or tags exist). */
export function retailCatalog(data: RetailData, invoices: readonly Invoice[]): CatalogIndex {
  const price = new Map<string, number>();
  for (const inv of invoices) for (const it of inv.items) if (it.price > 0) price.set(it.code, it.price);
  const products: Product[] = [];
  for (const [code, description] of data.descriptions) {
    const p = price.get(code);
    products.push({
      id: code,
      handle: code.toLowerCase(),
      title: description,
      description: '',
      vendor: '',
      productType: '',
      category: '',
      tags: [],
      options: {},
      variants: [{ id: code, title: 'Default', price: { amount: Math.round((p ?? 0) * 100), currency: 'GBP' }, available: true, options: {} }],
      images: [],
      published: true,
    });
  }
  return CatalogIndex.build(products);
}


function purchaseEvent(inv: Invoice): UserEvent {
  return {
    v: 1,
    id: inv.id,
    shop: 'online-retail',
    userId: inv.customer,
    customerId: inv.customer,
    type: 'purchase',
    name: 'checkout_completed',
    ts: inv.ts,
    items: inv.items.map((it) => ({ productId: it.code, quantity: it.quantity })),
    source: 'api',
    orderId: inv.id,
    country: inv.country,
  };
}

/** Options of one Online Retail run. */
export interface RetailOptions {
  /** Use the description-only catalog for content similarity. */
  readonly catalog?: boolean;
  readonly baselines?: boolean;
  /** End of the test period (exclusive); default: the end of the data. */
  readonly until?: number;
}

/** What the store would hold after projecting the train invoices, plus the baselines' counts. */
export interface RetailModel {
  readonly split: number;
  readonly neighbours: Map<string, WeightedItem[]>;
  readonly popular: WeightedItem[];
  readonly trending: WeightedItem[];
  readonly eventsOf: ReadonlyMap<string, UserEvent[]>;
  readonly countryOf: ReadonlyMap<string, string>;
  readonly globalPop: Counter;
  readonly countryPop: ReadonlyMap<string, Counter>;
  /** Per customer: invoices per StockCode and the latest purchase time (repeat baseline). */
  readonly own: ReadonlyMap<string, Map<string, { n: number; last: number }>>;
  /** Test targets of customers with train history. */
  readonly targets: ReadonlyMap<string, Set<string>>;
  readonly index?: CatalogIndex;
  /** Every counted item's freshness at the split, when configured. */
  readonly freshness?: ItemFreshness;
}

/** Feeds every train invoice, in time order, through the production co-occurrence counting. */
export function trainRetail(data: RetailData, cfg: HybridConfig, split: number = RETAIL_SPLIT_MS, opts: RetailOptions = {}): RetailModel {
  const train = data.invoices.filter((i) => i.ts < split);
  const until = opts.until ?? Infinity;
  const test = data.invoices.filter((i) => i.ts >= split && i.ts < until);
  const cooc = new CoocMap();
  const ref = train[0]?.ts ?? 0;
  const popular = new DecayedCounter(cfg.popularHalfLifeMs, ref);
  const trending = new DecayedCounter(cfg.trendingHalfLifeMs, ref);
  const history = new Map<string, RecentItem[]>();
  const eventsOf = new Map<string, UserEvent[]>();
  const globalPop = new Counter();
  const countryPop = new Map<string, Counter>();
  const own = new Map<string, Map<string, { n: number; last: number }>>();
  const countryOf = new Map<string, string>();
  let n = 0;
  for (const inv of train) {
    let h = history.get(inv.customer);
    if (!h) history.set(inv.customer, (h = []));
    const items = inv.items.map((it) => ({ productId: it.code }));
    for (const inc of coocIncrements(h, items, 'purchase', inv.ts, cfg.cooc)) cooc.add(inc.from, inc.to, inc.weight);
    let o = own.get(inv.customer);
    if (!o) own.set(inv.customer, (o = new Map()));
    let cp = countryPop.get(inv.country);
    if (!cp) countryPop.set(inv.country, (cp = new Counter()));
    for (const it of inv.items) {
      const i = h.findIndex((r) => r.productId === it.code);
      if (i >= 0) h.splice(i, 1);
      h.unshift({ productId: it.code, type: 'purchase', ts: inv.ts });
      popular.add(it.code, 1, inv.ts);
      trending.add(it.code, 1, inv.ts);
      globalPop.add(it.code);
      cp.add(it.code);
      const e = o.get(it.code);
      if (e) {
        e.n++;
        e.last = Math.max(e.last, inv.ts);
      } else o.set(it.code, { n: 1, last: inv.ts });
    }
    if (h.length > RECENT_CAP) h.length = RECENT_CAP;
    countryOf.set(inv.customer, inv.country);
    let ev = eventsOf.get(inv.customer);
    if (!ev) eventsOf.set(inv.customer, (ev = []));
    ev.push(purchaseEvent(inv));
    if (++n % cfg.batch === 0) cooc.trim();
  }
  cooc.trim();
  const targets = new Map<string, Set<string>>();
  for (const inv of test) {
    if (!eventsOf.has(inv.customer)) continue;
    let t = targets.get(inv.customer);
    if (!t) targets.set(inv.customer, (t = new Set()));
    for (const it of inv.items) t.add(it.code);
  }
  const index = opts.catalog ? retailCatalog(data, train) : undefined;
  return {
    split,
    neighbours: cooc.snapshot(cfg.neighbourLimit),
    popular: popular.top(split, cfg.popularLimit),
    trending: trending.top(split, cfg.popularLimit),
    ...(cfg.freshness ? { freshness: new ItemFreshness(popular.top(split, Infinity), trending.top(split, Infinity), cfg.freshness) } : {}),
    eventsOf,
    countryOf,
    globalPop,
    countryPop,
    own,
    targets,
    ...(index ? { index } : {}),
  };
}

/** The customer's read model at the split, built as the service builds it (fold → raw → view). */
export function retailProfile(model: RetailModel, customer: string, sessionGapMs: number): ProfileView | undefined {
  const events = model.eventsOf.get(customer);
  if (!events) return undefined;
  const index = model.index;
  const facts = (id: string): ProductFacts | undefined => {
    if (!index?.has(id)) return undefined;
    const price = index.priceMajor(id);
    return { featureKeys: index.featureKeys(id), ...(price !== undefined ? { priceMajor: price } : {}) };
  };
  const delta = foldEvents(events, facts, { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: DEFAULT_PROFILE_HALF_LIFE_MS });
  if (!delta) return undefined;
  const raw: RawProfile = {
    shop: delta.shop,
    userId: delta.userId,
    features: delta.features,
    recent: [...delta.recent].sort((a, b) => b.ts - a.ts).slice(0, RECENT_CAP),
    purchased: delta.purchased,
    eventCount: delta.events,
    firstSeen: delta.firstTs,
    lastSeen: delta.lastTs,
  };
  return buildProfileView(raw, model.split, { halfLifeMs: DEFAULT_PROFILE_HALF_LIFE_MS, sessionGapMs });
}

/**
 * The hybrid's scored top `k` for a customer at the split, with the profile it was ranked from;
 * `undefined` for a customer with no history before the split.
 */
export function rankRetail(model: RetailModel, customer: string, cfg: HybridConfig, k: number): { items: ScoredItem[]; profile: ProfileView; now: number } | undefined {
  const profile = retailProfile(model, customer, cfg.cooc.sessionGapMs);
  if (!profile) return undefined;
  const now = model.split;
  const seeds = buildSeeds({ profile, now, params: cfg.seeds });
  const nb = new Map<string, readonly WeightedItem[]>();
  for (const s of seeds) {
    const l = model.neighbours.get(s.productId);
    if (l) nb.set(s.productId, l);
  }
  // The first seed's second hop, as the service gives it (yoochoose.ts `secondHopOf`).
  const first = seeds[0];
  const hop = first && (cfg.weights.secondHop ?? 0) > 0 ? { seed: first.productId, list: secondHopOf(model.neighbours, first.productId) } : undefined;
  const items = rank({
    now,
    seeds,
    neighbours: nb,
    ...(hop ? { secondHop: hop } : {}),
    ...(model.freshness ? { freshness: model.freshness } : {}),
    popular: model.popular,
    trending: model.trending,
    profile,
    ...(model.index ? { catalog: model.index } : {}),
    exclude: new Set(),
    allowRepeat: true,
    limit: k,
    weights: cfg.weights,
    params: cfg.rank,
  });
  return { items, profile, now };
}

/** The hybrid's top `k` product ids for a customer at the split. */
export function recommendRetail(model: RetailModel, customer: string, cfg: HybridConfig, k: number): string[] {
  return rankRetail(model, customer, cfg, k)?.items.map((r) => r.productId) ?? [];
}

/** Scores the hybrid and the baselines (global and per-country popularity, repeat purchases). */
export function scoreRetail(model: RetailModel, cfg: HybridConfig, opts: RetailOptions = {}): { cases: number; methods: Record<string, MethodScore> } {
  const K = 20;
  const m = { hybrid: new HitRateMrr(K), popularity: new HitRateMrr(K), country_popularity: new HitRateMrr(K), repeat_purchases: new HitRateMrr(K) };
  const lists: Record<keyof typeof m, string[][]> = { hybrid: [], popularity: [], country_popularity: [], repeat_purchases: [] };
  const globalTop = model.globalPop.top(K);
  const countryTop = new Map<string, string[]>();
  const baselines = opts.baselines !== false;
  for (const customer of [...model.targets.keys()].sort()) {
    const t = model.targets.get(customer) as Set<string>;
    const hybrid = recommendRetail(model, customer, cfg, K);
    const many = (model.eventsOf.get(customer)?.length ?? 0) >= 3;
    m.hybrid.add(hybrid, t);
    if (many) lists.hybrid.push(hybrid.slice(0, 10));
    if (!baselines) continue;
    const country = model.countryOf.get(customer) ?? '';
    let ct = countryTop.get(country);
    if (!ct) countryTop.set(country, (ct = model.countryPop.get(country)?.top(K) ?? []));
    // The customer's most bought items (invoices), ties broken by the most recent purchase.
    const repeat = [...(model.own.get(customer) ?? [])]
      .sort((a, b) => b[1].n - a[1].n || b[1].last - a[1].last || (a[0] < b[0] ? -1 : 1))
      .slice(0, K)
      .map(([code]) => code);
    m.popularity.add(globalTop, t);
    m.country_popularity.add(ct, t);
    m.repeat_purchases.add(repeat, t);
    if (many) {
      lists.popularity.push(globalTop.slice(0, 10));
      lists.country_popularity.push(ct.slice(0, 10));
      lists.repeat_purchases.push(repeat.slice(0, 10));
    }
  }
  const methods: Record<string, MethodScore> = {};
  for (const k of Object.keys(m) as (keyof typeof m)[]) {
    if (k !== 'hybrid' && !baselines) continue;
    methods[k] = { hr: m[k].hitRate, mrr: m[k].mrr, variation: variation(lists[k]) };
  }
  return { cases: m.hybrid.count, methods };
}

/** Trains at `split` and scores. */
export function evaluateRetail(
  data: RetailData,
  cfg: HybridConfig = DEFAULT_HYBRID,
  split: number = RETAIL_SPLIT_MS,
  opts: RetailOptions = {},
): { cases: number; methods: Record<string, MethodScore> } {
  return scoreRetail(trainRetail(data, cfg, split, opts), cfg, opts);
}

/** Validation split the parameters were tuned on: train before 2011-09-01, test September–October 2011. */
export const RETAIL_VALIDATION_SPLIT_MS = Date.UTC(2011, 8, 1);

/** Runs the Online Retail evaluation in `dir` (or, with `validation`, the earlier validation split). */
export function runOnlineRetail(dir: string, cfg: HybridConfig = DEFAULT_HYBRID, opts: RetailOptions = {}, validation = false): EvalResult {
  const t0 = performance.now();
  const data = loadOnlineRetail(dir);
  const split = validation ? RETAIL_VALIDATION_SPLIT_MS : RETAIL_SPLIT_MS;
  if (validation) opts = { ...opts, until: RETAIL_SPLIT_MS };
  const { cases, methods } = evaluateRetail(data, cfg, split, opts);
  // Variant: the same hybrid with a catalog built from the descriptions (content similarity on).
  if (opts.catalog === undefined) {
    const withCatalog = evaluateRetail(data, cfg, split, { ...opts, catalog: true, baselines: false }).methods['hybrid'];
    if (withCatalog) methods['hybrid_with_catalog'] = withCatalog;
  }
  return {
    dataset: validation ? 'online-retail-uci (validation: < 2011-09-01 → Sep–Oct 2011)' : 'online-retail-uci',
    k: 20,
    cases,
    methods,
    variation: methods['hybrid']?.variation ?? 0,
    seconds: (performance.now() - t0) / 1000,
  };
}
