/**
 * A market-segmented cache of anonymous recommendation lists (no user id: the same answer for every
 * shopper in a market). Keys carry the shop, the market and the request (product, cart, options) plus
 * the generation of the shop's catalog, so a catalog change is never served stale; each entry lives for
 * its market's `cacheTtlSeconds` (0 disables caching in that market). The limit is no part of the key:
 * one list of at least {@link CACHED_DEPTH} items is kept and each request gets its first `limit`, so
 * that `limit: 3` is the top three of `limit: 10` (lists cached at different moments for each limit
 * disagreed, the most popular product missing from the short one). Lookups are
 * counted per market (`affinity_market_cache_lookups_total`, `affinity_market_cache_hit_ratio`).
 *
 * Personalized requests are never cached: their answer depends on the shopper's live profile. Nor is
 * a list answered from memory while the store was down (`isDegraded`): it would be served, marked
 * degraded, for the market's whole TTL after the store is back. A list with no behaviour in it (a shop
 * with no shopping activity yet: catalog fillers only) is kept {@link COLD_LIST_TTL_MS} at most, so
 * the shop's first views and orders show in its anonymous lists within seconds, not after an hour.
 */
import { LRUCache } from 'lru-cache';
import type { Market } from '../../core/markets/market.ts';
import type { RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { firstItems, isDegraded } from './hybridRecommender.ts';

/** Items of a cached list: the request's limit is served from its start. */
export const CACHED_DEPTH = 50;

/** Longest a list made only of catalog fillers is kept (about as long as the popular lists it waits for are cached). */
export const COLD_LIST_TTL_MS = 10_000;

/** Whether no item of the list came from behaviour: every reason of every item is the catalog's. */
function isCold(items: readonly RecommendedItem[]): boolean {
  return items.every((it) => it.reasons.every((r) => r.source === 'catalog'));
}

/** Options of the cache. */
export interface MarketResponseCacheOptions {
  /** Most lists held across markets. */
  readonly max?: number;
  /** A number that changes whenever the shop's catalog is reloaded. */
  readonly catalogGeneration: (shop: string) => number;
  readonly onLookup?: (market: string, hit: boolean) => void;
  /** Milliseconds on a monotonic clock (default `performance.now`): when entries expire. */
  readonly clock?: () => number;
}

/** Anonymous recommendation lists per shop and market. */
export class MarketResponseCache {
  readonly #o: MarketResponseCacheOptions;
  readonly #lists: LRUCache<string, { readonly items: RecommendedItem[]; readonly depth: number }>;

  constructor(opts: MarketResponseCacheOptions) {
    this.#o = opts;
    this.#lists = new LRUCache({ max: opts.max ?? 10_000, ...(opts.clock ? { perf: { now: opts.clock }, ttlResolution: 0 } : {}) });
  }

  /** Whether a request may be answered from (and stored in) the cache. */
  static cacheable(req: RecommendRequest, market: Market): boolean {
    return req.userId === undefined && market.cacheTtlSeconds > 0;
  }

  /** The key of a request in a market. */
  key(req: RecommendRequest, market: Market): string {
    return JSON.stringify([
      req.shop,
      market.handle,
      this.#o.catalogGeneration(req.shop),
      req.productId ?? null,
      [...(req.cart ?? [])].sort(),
      req.allowRepeat ?? null,
      req.excludeSeen ?? null,
    ]);
  }

  /** The request's first `limit` items of the cached list, when it was computed that deep. */
  get(req: RecommendRequest, market: Market): RecommendedItem[] | undefined {
    const hit = this.#lists.get(this.key(req, market));
    const items = hit && hit.depth >= req.limit ? firstItems(hit.items, req.limit) : undefined;
    this.#o.onLookup?.(market.handle, items !== undefined);
    return items;
  }

  /** The request to compute for the cache: the same, at least {@link CACHED_DEPTH} deep. */
  static deep(req: RecommendRequest): RecommendRequest {
    return req.limit >= CACHED_DEPTH ? req : { ...req, limit: CACHED_DEPTH };
  }

  /**
   * Keeps a list computed for {@link deep}`(req)` for the market's TTL (a cold one for
   * {@link COLD_LIST_TTL_MS} at most; a degraded one not at all).
   */
  set(req: RecommendRequest, market: Market, items: RecommendedItem[]): void {
    if (isDegraded(items)) return;
    const ttl = market.cacheTtlSeconds * 1000;
    this.#lists.set(this.key(req, market), { items, depth: Math.max(req.limit, CACHED_DEPTH) }, { ttl: isCold(items) ? Math.min(ttl, COLD_LIST_TTL_MS) : ttl });
  }

  /** Drops a shop's lists (shop redaction). */
  deleteShop(shop: string): void {
    const prefix = JSON.stringify([shop]).slice(0, -1);
    for (const k of [...this.#lists.keys()]) if (k.startsWith(`${prefix},`)) this.#lists.delete(k);
  }

  get size(): number {
    return this.#lists.size;
  }
}
