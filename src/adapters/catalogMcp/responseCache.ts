/**
 * The resilient catalog's answer cache: an LRU (lru-cache) of shop answers keyed by shop, market,
 * tool and the canonical JSON of the request. An entry is fresh for `ttlMs`; after that it is only
 * served when the shop cannot answer, for up to `staleIfErrorMs` more, then dropped.
 */
import { LRUCache } from 'lru-cache';

/** JSON with object keys sorted at every level and `undefined` members dropped, so equal requests give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const member = (v as Record<string, unknown>)[k];
      if (member !== undefined) sorted[k] = member;
    }
    return sorted;
  });
}

/** Cache key of one request. */
export function cacheKey(shop: string, market: string, tool: string, request: unknown): string {
  return `${shop}\u0000${market}\u0000${tool}\u0000${canonicalJson(request)}`;
}

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** How long an answer is fresh, ms. */
  readonly ttlMs: number;
  /** How much longer a stale answer may stand in while the shop fails, ms (0: never). */
  readonly staleIfErrorMs: number;
  readonly maxEntries: number;
  /** Clock (ms); default Date.now. */
  readonly now?: () => number;
}

/** Hit/miss counters of fresh lookups. */
export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  /** hits / (hits + misses), 0 before any lookup. */
  readonly hitRatio: number;
  /** Entries held (fresh or stale). */
  readonly size: number;
}

/** An LRU of answers with fresh and stale-if-error windows. */
export class ResponseCache<V extends {}> {
  readonly #o: ResponseCacheOptions;
  readonly #now: () => number;
  readonly #lru: LRUCache<string, { value: V; storedAt: number }>;
  #hits = 0;
  #misses = 0;

  constructor(opts: ResponseCacheOptions) {
    this.#o = opts;
    this.#now = opts.now ?? Date.now;
    this.#lru = new LRUCache({
      max: Math.max(1, opts.maxEntries),
      ttl: Math.max(1, opts.ttlMs + opts.staleIfErrorMs),
      ttlResolution: 0,
      perf: { now: this.#now },
    });
  }

  /** A fresh answer (counted as a hit or a miss). */
  fresh(key: string): V | undefined {
    const e = this.#lru.get(key);
    if (e && this.#now() - e.storedAt < this.#o.ttlMs) {
      this.#hits++;
      return e.value;
    }
    this.#misses++;
    return undefined;
  }

  /** Any answer still inside the stale-if-error window (not counted). */
  stale(key: string): V | undefined {
    if (this.#o.staleIfErrorMs <= 0) return undefined;
    return this.#lru.get(key)?.value;
  }

  set(key: string, value: V): void {
    this.#lru.set(key, { value, storedAt: this.#now() });
  }

  stats(): CacheStats {
    const total = this.#hits + this.#misses;
    return { hits: this.#hits, misses: this.#misses, hitRatio: total === 0 ? 0 : this.#hits / total, size: this.#lru.size };
  }
}
