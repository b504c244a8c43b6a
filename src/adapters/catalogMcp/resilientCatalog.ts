/**
 * The shop's catalog, made safe to call on the request path. Each call goes
 *
 *   fresh cache → retry (transient errors except timeouts) → per-shop circuit breaker → timeout → shop MCP
 *
 * and when the shop cannot answer (breaker open, timeout, error) it falls back to a stale cached
 * answer if one is young enough, else to Affinity's own catalog index. Callers always get products
 * and are told where they came from; upstream failures never throw.
 *
 * Defaults: 800 ms per attempt; 2 attempts (one retry) with exponential backoff and decorrelated
 * jitter. A timeout counts against the breaker like any upstream fault but is not retried: the attempt
 * spent the call's budget, so a slow shop costs a call one timeout, not one per attempt. The breaker
 * opens after 5 consecutive upstream faults or when more than 50 % of calls fail
 * over 10 s at ≥ 1 call/s, probes again after 5 s (half-open) and closes on a successful probe;
 * answers are cached 5 minutes (LRU, 5000 entries) and may stand in for another 30 minutes while the
 * shop fails. Breakers are per shop, so one shop's outage does not cut off the others. A fallback
 * answer carries its reason and a sentence saying what happened (`fallbackNote`).
 *
 * With `identity`, ids cross the boundary in the shop's terms: a lookup asks for the shop's ids of the
 * catalog's products (the GID behind a CSV handle, once a sync or an event linked them), and the shop's
 * products come back under the catalog's ids. Ids the shop cannot be asked about (a handle it does not
 * look up) are answered from the local catalog and listed in `localIds`.
 */
import {
  ConsecutiveBreaker,
  ExponentialBackoff,
  SamplingBreaker,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  CircuitState,
} from 'cockatiel';
import type { IPolicy, RetryPolicy } from 'cockatiel';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import { EitherBreaker } from './eitherBreaker.ts';
import { CatalogMcpError, isRetryable, isUpstreamFault, NothingToAsk } from './errors.ts';
import { fallbackNote, fallbackReason } from './fallbackNote.ts';
import type { FallbackReason } from './fallbackNote.ts';
import { lookupLocal, searchLocal } from './localFallback.ts';
import type { LocalPriceCheck, LocalPricing } from './localFallback.ts';
import { ResponseCache, cacheKey } from './responseCache.ts';
import type {
  CatalogCallOptions,
  CatalogContext,
  CatalogLookupRequest,
  CatalogMessage,
  CatalogPage,
  CatalogPagination,
  CatalogSearchRequest,
  CatalogSource,
  GetProductRequest,
} from './storefrontMcpClient.ts';

/** Circuit breaker state of a shop. */
export type BreakerState = 'closed' | 'half-open' | 'open';

/** The operations of the catalog. */
export type CatalogTool = 'search' | 'lookup' | 'get_product';

export type { FallbackReason };

/** How one shop names the catalog's products (see {@link ResilientCatalogOptions.identity}). */
export interface ShopIds {
  /** The id to ask the shop for (e.g. a product's GID), or undefined to ask with the catalog id as it is. */
  toShop(catalogId: string): string | undefined;
  /** The catalog id of an id the shop answers with (its numeric product id). */
  toCatalog(shopId: string): string;
}

/** An answer of the resilient catalog. */
export interface CatalogResult {
  readonly products: readonly Product[];
  /** True when the shop could not answer and a stale cache entry or the local catalog did. */
  readonly fallbackUsed: boolean;
  /** `shop`: answered now; `cache`: a cached shop answer; `local`: Affinity's own catalog. */
  readonly source: 'shop' | 'cache' | 'local';
  readonly pagination?: CatalogPagination;
  /** UCP messages of the shop's answer (e.g. `not_found`). */
  readonly messages?: readonly CatalogMessage[];
  /** Set with `fallbackUsed`. */
  readonly fallbackReason?: FallbackReason;
  /** Set with `fallbackUsed`: what happened, in a sentence (e.g. "The shop's catalog rejected the request (…)"). */
  readonly fallbackNote?: string;
  /** The cached answer is past its TTL (served only because the shop failed). */
  readonly stale?: boolean;
  /** Lookup ids answered from the local catalog because the shop cannot be asked about them. */
  readonly localIds?: readonly string[];
  /** A search Affinity's catalog answered with a price filter: which prices were estimated or not compared ({@link searchLocal}). */
  readonly priceCheck?: LocalPriceCheck;
}

/** Something observable happened (for metrics and logs). */
export type CatalogEvent =
  | { readonly type: 'cache'; readonly shop: string; readonly tool: CatalogTool; readonly hit: boolean }
  | { readonly type: 'upstream'; readonly shop: string; readonly tool: CatalogTool; readonly ok: boolean; readonly durationMs: number; readonly error?: string }
  | { readonly type: 'retry'; readonly shop: string; readonly tool: CatalogTool; readonly attempt: number }
  | { readonly type: 'fallback'; readonly shop: string; readonly tool: CatalogTool; readonly source: 'cache' | 'local'; readonly reason: FallbackReason };

/** Options of {@link ResilientCatalog}. */
export interface ResilientCatalogOptions {
  /** The shop's catalog client, or one per shop (undefined: the shop has no MCP endpoint; answer locally). */
  readonly client: CatalogSource | ((shop: string) => CatalogSource | undefined);
  /** Affinity's own catalog of a shop, the fallback (e.g. `shop => registry.get(shop).index`). */
  readonly localCatalog: (shop: string) => CatalogIndex | undefined;
  /** How a shop names the catalog's products (default: the same ids on both sides). */
  readonly identity?: (shop: string) => ShopIds | undefined;
  /** Per-attempt timeout, ms (default 800). */
  readonly timeoutMs?: number;
  /** Attempts per call including the first (default 2); only transient errors are retried, never a timeout. */
  readonly maxAttempts?: number;
  /** First retry delay, ms (default 50; exponential with decorrelated jitter). */
  readonly retryInitialDelayMs?: number;
  /** Longest retry delay, ms (default 400). */
  readonly retryMaxDelayMs?: number;
  /** Consecutive upstream faults that open the breaker (default 5). */
  readonly consecutiveFailures?: number;
  /** Failure rate in (0,1) over the sampling window that opens the breaker (default 0.5). */
  readonly failureRateThreshold?: number;
  /** Sampling window of the failure rate, ms (default 10 000). */
  readonly samplingWindowMs?: number;
  /** Minimum calls per second over the window before the rate may open the breaker (default 1). */
  readonly minimumRps?: number;
  /** Time the breaker stays open before a half-open probe, ms (default 5000). */
  readonly halfOpenAfterMs?: number;
  /** How long a shop answer is fresh, ms (default 300 000). */
  readonly cacheTtlMs?: number;
  /** How much longer a cached answer may stand in while the shop fails, ms (default 1 800 000; 0 disables). */
  readonly staleIfErrorMs?: number;
  /** Most cached answers (default 5000). */
  readonly cacheMaxEntries?: number;
  /** Clock of the cache, ms (default Date.now; cockatiel's breaker always uses Date.now). */
  readonly now?: () => number;
}

/** Per-call options. */
export interface ResilientCallOptions {
  /** Market (e.g. a Shopify market handle) answers are cached under; default: context country/currency/language. */
  readonly market?: string;
  /** How a search answered locally prices products for its price filter (market price list, exchange rates). */
  readonly pricing?: LocalPricing;
  /**
   * How Affinity's catalog answers this search when it has to (no shop configured, or the shop failed
   * with nothing cached); default `searchLocal(index, req, pricing)`.
   */
  readonly localSearch?: (index: CatalogIndex | undefined) => LocalAnswer;
}

/** An answer of Affinity's own catalog to a search ({@link ResilientCallOptions.localSearch}). */
export interface LocalAnswer {
  readonly products: readonly Product[];
  readonly pagination?: CatalogPagination;
  readonly priceCheck?: LocalPriceCheck;
}

/** Counters of {@link ResilientCatalog.stats}. */
export interface ResilientCatalogStats {
  readonly hits: number;
  readonly misses: number;
  readonly hitRatio: number;
  /** Answers from a stale cache entry or the local catalog. */
  readonly fallbacks: number;
  /** Upstream attempts made (retries included) and how many failed. */
  readonly upstreamCalls: number;
  readonly upstreamFailures: number;
  readonly retries: number;
}

interface Answer {
  readonly products: readonly Product[];
  readonly pagination?: CatalogPagination;
  readonly messages?: readonly CatalogMessage[];
  readonly localIds?: readonly string[];
  readonly priceCheck?: LocalPriceCheck;
}

interface Circuit {
  readonly policy: IPolicy;
  state: BreakerState;
  /** The last upstream failure (what the breaker opened on). */
  lastError?: unknown;
}

const SAME_IDS: ShopIds = { toShop: () => undefined, toCatalog: (id) => id };

const ORDER: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

function toState(s: CircuitState): BreakerState {
  return s === CircuitState.Closed ? 'closed' : s === CircuitState.HalfOpen ? 'half-open' : 'open';
}

function marketOf(context: CatalogContext | undefined): string {
  return [context?.country ?? '', context?.currency ?? '', context?.language ?? ''].join('|');
}

/** The shop's catalog behind timeout, retry, circuit breaker, cache and local fallback. */
export class ResilientCatalog {
  readonly #o: ResilientCatalogOptions;
  readonly #cache: ResponseCache<Answer>;
  readonly #retry: RetryPolicy;
  readonly #circuits = new Map<string, Circuit>();
  readonly #stateListeners = new Set<(state: BreakerState, shop: string) => void>();
  readonly #eventListeners = new Set<(e: CatalogEvent) => void>();
  #fallbacks = 0;
  #upstreamCalls = 0;
  #upstreamFailures = 0;
  #retries = 0;

  constructor(opts: ResilientCatalogOptions) {
    this.#o = opts;
    this.#cache = new ResponseCache({
      ttlMs: opts.cacheTtlMs ?? 300_000,
      staleIfErrorMs: opts.staleIfErrorMs ?? 1_800_000,
      maxEntries: opts.cacheMaxEntries ?? 5000,
      ...(opts.now ? { now: opts.now } : {}),
    });
    this.#retry = retry(handleWhen(isRetryable), {
      maxAttempts: Math.max(0, (opts.maxAttempts ?? 2) - 1),
      backoff: new ExponentialBackoff({ initialDelay: opts.retryInitialDelayMs ?? 50, maxDelay: opts.retryMaxDelayMs ?? 400 }),
    });
  }

  /** Searches (or, with filters and no query, browses) a shop's catalog. Never throws for upstream failures. */
  search(shop: string, req: CatalogSearchRequest, opts: ResilientCallOptions = {}): Promise<CatalogResult> {
    const ids = this.#ids(shop);
    return this.#run(shop, 'search', req, opts, async (c, o) => this.#fromShop(ids, await c.search(req, o)), opts.localSearch ?? ((index) => searchLocal(index, req, opts.pricing)));
  }

  /** Products by id (the catalog's ids, or any the shop uses). Never throws for upstream failures. */
  lookup(shop: string, req: CatalogLookupRequest, opts: ResilientCallOptions = {}): Promise<CatalogResult> {
    const ids = this.#ids(shop);
    const shopReq: CatalogLookupRequest = { ...req, ids: req.ids.map((id) => ids.toShop(id) ?? id) };
    const local = (index: CatalogIndex | undefined, wanted: readonly string[]): Product[] => lookupLocal(index, wanted.map((id) => ids.toCatalog(id)));
    return this.#run(
      shop,
      'lookup',
      req,
      opts,
      async (c, o) => {
        const page = this.#fromShop(ids, await c.lookup(shopReq, o));
        if (!page.unsent || page.unsent.length === 0) return page;
        const have = new Set(page.products.map((p) => p.id));
        const extra = local(this.#o.localCatalog(shop), page.unsent).filter((p) => !have.has(p.id));
        return { ...page, products: [...page.products, ...extra] };
      },
      (index) => ({ products: local(index, req.ids) }),
    );
  }

  /** One product. Never throws for upstream failures. */
  getProduct(shop: string, req: GetProductRequest, opts: ResilientCallOptions = {}): Promise<CatalogResult> {
    const ids = this.#ids(shop);
    const shopReq: GetProductRequest = { ...req, id: ids.toShop(req.id) ?? req.id };
    return this.#run(
      shop,
      'get_product',
      req,
      opts,
      async (c, o) => this.#fromShop(ids, await c.getProduct(shopReq, o)),
      (index) => ({ products: lookupLocal(index, [ids.toCatalog(req.id)]) }),
    );
  }

  #ids(shop: string): ShopIds {
    return this.#o.identity?.(shop) ?? SAME_IDS;
  }

  /** The shop's products under the catalog's ids. */
  #fromShop(ids: ShopIds, page: CatalogPage): CatalogPage {
    if (ids === SAME_IDS) return page;
    return {
      ...page,
      products: page.products.map((p) => {
        const id = ids.toCatalog(p.id);
        return id === p.id ? p : { ...p, id };
      }),
    };
  }

  /** The most severe breaker state over all shops seen (`closed` before any call). */
  get state(): BreakerState {
    let worst: BreakerState = 'closed';
    for (const c of this.#circuits.values()) if (ORDER[c.state] > ORDER[worst]) worst = c.state;
    return worst;
  }

  /** Breaker state of one shop. */
  stateOf(shop: string): BreakerState {
    return this.#circuits.get(shop)?.state ?? 'closed';
  }

  /** Breaker state of every shop seen. */
  states(): Record<string, BreakerState> {
    return Object.fromEntries([...this.#circuits].map(([shop, c]) => [shop, c.state]));
  }

  /** Calls `listener` on every breaker transition; returns an unsubscribe function. */
  onStateChange(listener: (state: BreakerState, shop: string) => void): () => void {
    this.#stateListeners.add(listener);
    return () => void this.#stateListeners.delete(listener);
  }

  /** Calls `listener` on cache lookups, upstream attempts, retries and fallbacks; returns an unsubscribe function. */
  onEvent(listener: (e: CatalogEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => void this.#eventListeners.delete(listener);
  }

  /** Cache hit/miss counters and upstream counters. */
  stats(): ResilientCatalogStats {
    const c = this.#cache.stats();
    return {
      hits: c.hits,
      misses: c.misses,
      hitRatio: c.hitRatio,
      fallbacks: this.#fallbacks,
      upstreamCalls: this.#upstreamCalls,
      upstreamFailures: this.#upstreamFailures,
      retries: this.#retries,
    };
  }

  #emit(e: CatalogEvent): void {
    for (const l of this.#eventListeners) l(e);
  }

  #client(shop: string): CatalogSource | undefined {
    const c = this.#o.client;
    return typeof c === 'function' ? c(shop) : c;
  }

  #circuit(shop: string): Circuit {
    let c = this.#circuits.get(shop);
    if (c) return c;
    const o = this.#o;
    const breaker = circuitBreaker(handleWhen(isUpstreamFault), {
      halfOpenAfter: o.halfOpenAfterMs ?? 5000,
      breaker: new EitherBreaker(
        new ConsecutiveBreaker(o.consecutiveFailures ?? 5),
        new SamplingBreaker({ threshold: o.failureRateThreshold ?? 0.5, duration: o.samplingWindowMs ?? 10_000, minimumRps: o.minimumRps ?? 1 }),
      ),
    });
    const circuit: Circuit = { policy: wrap(breaker, timeout(o.timeoutMs ?? 800, TimeoutStrategy.Aggressive)), state: 'closed' };
    breaker.onStateChange((s) => {
      circuit.state = toState(s);
      for (const l of this.#stateListeners) l(circuit.state, shop);
    });
    this.#circuits.set(shop, circuit);
    return circuit;
  }

  async #run(
    shop: string,
    tool: CatalogTool,
    req: object,
    opts: ResilientCallOptions,
    call: (client: CatalogSource, o: CatalogCallOptions) => Promise<CatalogPage>,
    local: (index: CatalogIndex | undefined) => Answer,
  ): Promise<CatalogResult> {
    const client = this.#client(shop);
    if (!client) return { ...local(this.#o.localCatalog(shop)), source: 'local', fallbackUsed: false };
    const key = cacheKey(shop, opts.market ?? marketOf((req as { context?: CatalogContext }).context), tool, req);
    const cached = this.#cache.fresh(key);
    this.#emit({ type: 'cache', shop, tool, hit: cached !== undefined });
    if (cached) return { ...cached, source: 'cache', fallbackUsed: false };

    const circuit = this.#circuit(shop);
    let attempted = false;
    let failure: unknown;
    try {
      const page = await this.#retry.execute(async ({ attempt }) => {
        if (attempt > 0) {
          this.#retries++;
          this.#emit({ type: 'retry', shop, tool, attempt });
        }
        return circuit.policy.execute(({ signal }) => {
          attempted = true;
          return this.#attempt(shop, tool, () => call(client, { signal })).catch((e: unknown) => {
            failure = e;
            if (isUpstreamFault(e)) circuit.lastError = e;
            throw e;
          });
        });
      });
      const answer: Answer = {
        products: page.products,
        ...(page.pagination ? { pagination: page.pagination } : {}),
        ...(page.messages.length > 0 ? { messages: page.messages } : {}),
        ...(page.unsent && page.unsent.length > 0 ? { localIds: page.unsent } : {}),
      };
      this.#cache.set(key, answer);
      return { ...answer, source: 'shop', fallbackUsed: false };
    } catch (err) {
      // `breaker-open` only when the shop was not tried at all (an attempt that failed and then found
      // the breaker open on retry is an upstream error, described by that attempt's failure).
      if (err instanceof NothingToAsk) {
        // Nothing could be sent (ids the shop cannot look up): Affinity's catalog answers, as intended.
        return { ...local(this.#o.localCatalog(shop)), source: 'local', fallbackUsed: false, localIds: err.ids };
      }
      const reason = fallbackReason(err, attempted);
      const cause = reason === 'breaker-open' ? circuit.lastError : attempted && failure !== undefined ? failure : err;
      this.#fallbacks++;
      const stale = this.#cache.stale(key);
      if (stale) {
        this.#emit({ type: 'fallback', shop, tool, source: 'cache', reason });
        return { ...stale, source: 'cache', fallbackUsed: true, fallbackReason: reason, fallbackNote: fallbackNote(reason, cause, true), stale: true };
      }
      this.#emit({ type: 'fallback', shop, tool, source: 'local', reason });
      return { ...local(this.#o.localCatalog(shop)), source: 'local', fallbackUsed: true, fallbackReason: reason, fallbackNote: fallbackNote(reason, cause, false) };
    }
  }

  async #attempt(shop: string, tool: CatalogTool, fn: () => Promise<CatalogPage>): Promise<CatalogPage> {
    const t0 = performance.now();
    this.#upstreamCalls++;
    try {
      const page = await fn();
      this.#emit({ type: 'upstream', shop, tool, ok: true, durationMs: performance.now() - t0 });
      return page;
    } catch (e) {
      this.#upstreamFailures++;
      const error = e instanceof CatalogMcpError ? e.kind : (e as Error)?.name ?? 'error';
      this.#emit({ type: 'upstream', shop, tool, ok: false, durationMs: performance.now() - t0, error });
      throw e;
    }
  }
}
