/**
 * Wraps the base recommender so that recommendations respect the shopper's consent and market:
 *
 * - a shopper whose behaviour may not be merged across markets is recommended from their profile in
 *   the current market (`<userId>@<market>`), never from the merged one: from the consent ledger, or,
 *   for a shopper it does not hold (a restart, another worker), from what the store holds
 *   (`storedProfileKey.ts`), so the profile route and MCP tools (`profileUserId`) read the same one;
 * - when the user id may not go to other parties (CCPA sale of data refused, GDPR without marketing
 *   consent, session-only shoppers), an external recommender is bypassed for the local one, so the
 *   id never leaves Affinity;
 * - anonymous requests are answered from the market-segmented cache.
 * Everything else passes through unchanged.
 */
import { LRUCache } from 'lru-cache';
import type { Market } from '../../core/markets/market.ts';
import type { MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { MARKET_SCOPE_SEPARATOR } from '../../core/privacy/consentPolicy.ts';
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { firstItems } from '../recommend/hybridRecommender.ts';
import { MarketResponseCache } from '../recommend/marketResponseCache.ts';
import { isStoreUnavailable } from '../recommend/storeDown.ts';
import type { ConsentLedger, ConsentState } from './consentLedger.ts';
import { storedProfileUserId, type ProfileKeyStore } from './storedProfileKey.ts';

/**
 * The id a shopper's stored behaviour is read under, from their latest consent state: where it is
 * stored but may not be merged with other markets (CCPA sale of data refused, GDPR without
 * preferences), their own profile in the market they consented in, `<userId>@<market>` (as the
 * consent gate stores it: `storageUserId`); else the id itself (also for a session-only shopper, whose
 * session memory is keyed by it).
 */
export function readUserId(userId: string, state: ConsentState | undefined): string {
  return state?.decision.persist && !state.decision.consolidate ? `${userId}${MARKET_SCOPE_SEPARATOR}${state.market}` : userId;
}

/** Options of the wrapper. */
export interface PrivacyAwareOptions {
  /** The configured base recommender (the hybrid, or the external one with the hybrid as fallback). */
  readonly inner: BaseRecommender;
  /** Affinity's own recommender, used when the user id must not leave (only needed when `inner` is external). */
  readonly local?: BaseRecommender;
  readonly ledger: ConsentLedger;
  /**
   * The store, for a shopper the ledger does not hold: their market-scoped profile is found from the
   * links and activity stored (`storedProfileUserId`). Absent: such a shopper is read under the id itself.
   */
  readonly stored?: ProfileKeyStore;
  readonly markets: MarketRegistry;
  readonly cache?: MarketResponseCache;
}

/**
 * How long the id a shopper's behaviour is stored under, as read from the store, is reused (ms): the
 * storefront asks for the same shopper page after page, and the read is a store round trip on Redis. A
 * consent change this process records goes through the ledger, which is asked first; one recorded by
 * another process is seen here within this time.
 */
const STORED_KEY_TTL_MS = 30_000;

/** The consent- and market-aware base recommender. */
export class PrivacyAwareRecommender implements BaseRecommender {
  readonly name: string;
  readonly #o: PrivacyAwareOptions;
  readonly #storedKeys = new LRUCache<string, string>({ max: 100_000, ttl: STORED_KEY_TTL_MS });

  constructor(opts: PrivacyAwareOptions) {
    this.#o = opts;
    this.name = opts.inner.name;
  }

  async recommend(req: RecommendRequest, now: number): Promise<RecommendedItem[]> {
    const [r] = await this.recommendBatch([req], now);
    return r ?? [];
  }

  async recommendBatch(reqs: readonly RecommendRequest[], now: number): Promise<RecommendedItem[][]> {
    const out: RecommendedItem[][] = new Array(reqs.length);
    const toInner: { i: number; req: RecommendRequest; market?: Market }[] = [];
    const toLocal: { i: number; req: RecommendRequest }[] = [];
    // Shoppers the ledger does not hold: the id their behaviour is stored under, from the store.
    const states = reqs.map((req) => (req.userId === undefined ? undefined : this.#o.ledger.get(req.shop, req.userId)));
    const storedKeys = await Promise.all(
      reqs.map((req, i) => (req.userId !== undefined && states[i] === undefined ? this.#storedKey(req.shop, req.userId).catch(unlessStoreDown) : undefined)),
    );
    reqs.forEach((req, i) => {
      if (req.userId === undefined) {
        const market = this.#marketOf(req);
        if (this.#o.cache && MarketResponseCache.cacheable(req, market)) {
          const hit = this.#o.cache.get(req, market);
          if (hit) {
            out[i] = hit;
            return;
          }
          toInner.push({ i, req: MarketResponseCache.deep(req), market });
          return;
        }
        toInner.push({ i, req });
        return;
      }
      const state = states[i];
      const userId = storedKeys[i] ?? readUserId(req.userId, state);
      const r = userId === req.userId ? req : { ...req, userId };
      // Without a consent state, a market-scoped profile says the shopper refused the merge at their last
      // stored visit (under CCPA: the sale of their data): the id stays here too.
      const keepHere = state ? !state.decision.shareWithThirdParties : userId !== req.userId;
      if (keepHere && this.#o.local && this.#o.local !== this.#o.inner) toLocal.push({ i, req: r });
      else toInner.push({ i, req: r });
    });
    const [a, b] = await Promise.all([
      toInner.length > 0 ? this.#o.inner.recommendBatch(toInner.map((x) => x.req), now) : Promise.resolve([]),
      toLocal.length > 0 && this.#o.local ? this.#o.local.recommendBatch(toLocal.map((x) => x.req), now) : Promise.resolve([]),
    ]);
    toInner.forEach((x, j) => {
      const items = a[j] ?? [];
      const asked = reqs[x.i] as RecommendRequest;
      // A list computed deeper for the cache: the request gets its first `limit`.
      out[x.i] = firstItems(items, asked.limit);
      if (x.market && this.#o.cache) this.#o.cache.set(x.req, x.market, items);
    });
    toLocal.forEach((x, j) => (out[x.i] = b[j] ?? []));
    return out;
  }

  async profileUserId(shop: string, userId: string): Promise<string> {
    const state = this.#o.ledger.get(shop, userId);
    return state ? readUserId(userId, state) : ((await this.#storedKey(shop, userId)) ?? userId);
  }

  /** The id stored behaviour is read under for a shopper the ledger does not hold; `undefined` without a store. */
  async #storedKey(shop: string, userId: string): Promise<string | undefined> {
    if (!this.#o.stored) return undefined;
    const key = `${shop}\u0000${userId}`;
    const held = this.#storedKeys.get(key);
    if (held !== undefined) return held;
    const found = await storedProfileUserId(this.#o.stored, shop, userId);
    this.#storedKeys.set(key, found);
    return found;
  }

  #marketOf(req: RecommendRequest): Market {
    const m = req.market;
    return m !== undefined ? this.#o.markets.resolve({ market: m }) : this.#o.markets.default;
  }
}

/**
 * A recommendation goes on when the store does not answer the lookup (the id itself, as before it:
 * the profile read that follows meets the same store and degrades as it does); other errors are thrown.
 */
function unlessStoreDown(err: unknown): undefined {
  if (isStoreUnavailable(err)) return undefined;
  throw err;
}
