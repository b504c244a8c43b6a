/**
 * Affinity's own base recommender: gathers what the pure ranker needs (profiles, co-occurrence
 * neighbours of the seeds, popular and trending items, the shop's catalog) with as few store round
 * trips as possible, then ranks.
 *
 * When the store does not answer (`STORE_UNAVAILABLE`: Redis down or frozen; the Redis store gives
 * these reads a short budget and fails them at once while Redis is not up), the answer comes from what
 * the process holds: the catalog, the last known popular/trending lists and neighbour lists (kept past
 * their TTL for this), the session-only profiles, but no stored profile. Such lists are marked: see
 * {@link isDegraded}. The healthy path is unchanged (no extra awaits or allocations).
 */
import { canonicalWeights } from '../../core/catalog/canonicalEvents.ts';
import type { Product } from '../../core/catalog/product.ts';
import { decayed, epochOf, epochStart } from '../../core/decay.ts';
import type { Neighbour, UserEventStore } from '../../core/ports.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import type { ProfileView, ProfileViewOptions } from '../../core/profile/profileView.ts';
import type { BaseRecommender, RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { buildExclusions, repeatAllowed } from '../../core/recommend/exclusions.ts';
import { buildSeeds, rank, type SourceWeights, type WeightedItem } from '../../core/recommend/rank.ts';
import { keepFirstPositions } from '../../core/recommend/listPositions.ts';
import { ItemFreshness, type FreshnessParams } from '../../core/recommend/freshness.ts';
import type { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { DEFAULT_NEIGHBOUR_CACHE_MS, DEFAULT_NEIGHBOUR_CACHE_SIZE, NeighbourLists, type NeighbourAnswer } from './neighbourLists.ts';
import { ProfileViews } from './profileViews.ts';
import { SecondHopLists, type SecondHopAnswer } from './secondHopLists.ts';
import { isStoreUnavailable } from './storeDown.ts';

/** Options of the hybrid recommender. */
export interface HybridOptions {
  readonly store: UserEventStore;
  readonly catalogs: CatalogRegistry;
  readonly profile: ProfileViewOptions;
  readonly weights: SourceWeights;
  readonly popularHalfLifeMs: number;
  readonly trendingHalfLifeMs: number;
  /** Shop default for letting bought products come back. */
  readonly allowRepeat: boolean;
  /** Neighbours read per seed. */
  readonly neighbourLimit?: number;
  /** How long popular/trending lists are cached per shop, ms. */
  readonly topCacheMs?: number;
  /**
   * How long an item's co-occurrence neighbours are cached in process, ms (0 disables). Neighbour
   * lists change slowly; the shopper's own profile is always read fresh.
   */
  readonly neighbourCacheMs?: number;
  /** Most neighbour lists cached. */
  readonly neighbourCacheSize?: number;
  /** Called with (hits, misses) of every neighbour lookup, for metrics. */
  readonly onNeighbourCache?: (hits: number, misses: number) => void;
  /**
   * Called with (hits, misses) of the stored profiles' scoring views (reused while the profile, the
   * catalog identity and the session state are unchanged: `profileViews.ts`), for metrics.
   */
  readonly onProfileViewCache?: (hits: number, misses: number) => void;
  /**
   * Session-only profiles of shoppers whose consent does not allow storage (held in memory, see
   * `features/privacy/sessionMemory.ts`), consulted for users the store has no profile of.
   */
  readonly sessionProfiles?: (shop: string, userId: string, now: number) => RawProfile | undefined;
  /**
   * Weights co-occurring candidates by how much of their demand is recent (`core/recommend/freshness.ts`),
   * from every counted item's popular and trending counts, read per shop once a minute. Absent: off.
   */
  readonly freshness?: FreshnessParams;
  /**
   * Products not sold in the market a request names (its `market` field, when the caller passes one);
   * they are left out like the current product.
   */
  readonly marketExclude?: (shop: string, market: unknown) => ReadonlySet<string> | undefined;
}

/** Default neighbours read per seed (the offline evaluation found 50 to 200 equivalent; fewer is faster). */
export const DEFAULT_NEIGHBOUR_LIMIT = 50;

/** While the store does not answer, a shop's popular/trending lists are asked for again after this, ms. */
const DEGRADED_TOPS_RETRY_MS = 1_000;

/** How often a shop's item freshness is read again, ms: in the background, no request waits for it but a shop's first. */
export const FRESHNESS_REFRESH_MS = 60_000;
/** Most items of each counter and epoch read for the freshness table (a shop's every counted item, up to this). */
export const FRESHNESS_ITEMS = 20_000;

/** A shop's freshness table, when it is to be read again, and the read under way. */
interface HeldFreshness {
  table?: ItemFreshness;
  next: number;
  loading?: Promise<ItemFreshness | undefined>;
}

interface TopLists {
  readonly at: number;
  readonly popular: Neighbour[];
  readonly trending: Neighbour[];
  /** The last known lists, served because the store did not answer. */
  readonly degraded?: boolean;
}

/** Lists answered without the store; see {@link isDegraded}. */
const DEGRADED = new WeakSet<object>();

/**
 * Whether a list returned by {@link HybridRecommender.recommendBatch} was answered from memory because
 * the store did not answer (no stored profile; popularity and neighbours as last known).
 */
export function isDegraded(items: readonly RecommendedItem[]): boolean {
  return DEGRADED.has(items);
}

/**
 * The first `n` items of a list returned by {@link HybridRecommender.recommendBatch}, as such a list:
 * answered from memory ({@link isDegraded}) and ranked with a profile view ({@link profileUsed}) as it was.
 */
export function firstItems(items: RecommendedItem[], n: number): RecommendedItem[] {
  if (items.length <= n) return items;
  const out = items.slice(0, n);
  if (DEGRADED.has(items)) DEGRADED.add(out);
  const used = PROFILE_USED.get(items);
  if (used !== undefined) PROFILE_USED.set(out, used);
  keepFirstPositions(items, out, n);
  return out;
}

/** The shopper's profile view each list was ranked with (`null`: the request had a shopper with no profile). */
const PROFILE_USED = new WeakMap<object, ProfileView | null>();

/**
 * The profile view a list returned by {@link HybridRecommender.recommendBatch} was ranked with: `null`
 * when its request named a shopper the store (and the session memory) had no profile of, `undefined`
 * when the list did not come from this recommender or its request named no shopper. A layer on top
 * uses it instead of reading the profile from the store a second time.
 */
export function profileUsed(items: readonly RecommendedItem[]): ProfileView | null | undefined {
  return PROFILE_USED.get(items);
}

/** The answer for a request with no seeds. */
const NO_NEIGHBOURS: NeighbourAnswer = Object.freeze({ lists: new Map<string, Neighbour[]>(), degraded: false });
const NO_SECOND_HOPS: SecondHopAnswer = Object.freeze({ lists: new Map<string, WeightedItem[]>(), degraded: false });

/** The hybrid base recommender (session kNN + content + affinity + popularity/trending). */
export class HybridRecommender implements BaseRecommender {
  readonly name = 'hybrid';
  readonly #o: HybridOptions;
  readonly #tops = new Map<string, TopLists | Promise<TopLists>>();
  readonly #freshness = new Map<string, HeldFreshness>();
  readonly #views: ProfileViews;
  readonly #neighbours: NeighbourLists;
  readonly #secondHops: SecondHopLists;

  constructor(opts: HybridOptions) {
    this.#o = opts;
    this.#views = new ProfileViews(opts.profile);
    this.#neighbours = new NeighbourLists({
      store: opts.store,
      catalogs: opts.catalogs,
      limit: opts.neighbourLimit ?? DEFAULT_NEIGHBOUR_LIMIT,
      ttlMs: opts.neighbourCacheMs ?? DEFAULT_NEIGHBOUR_CACHE_MS,
      maxLists: opts.neighbourCacheSize ?? DEFAULT_NEIGHBOUR_CACHE_SIZE,
      ...(opts.onNeighbourCache ? { onLookup: opts.onNeighbourCache } : {}),
    });
    this.#secondHops = new SecondHopLists({ neighbours: this.#neighbours, ttlMs: opts.neighbourCacheMs ?? DEFAULT_NEIGHBOUR_CACHE_MS });
  }

  /** Drops cached neighbour lists (keys from {@link neighbourKey}) that a projection changed. */
  invalidateNeighbours(keys: Iterable<string>): void {
    this.#neighbours.invalidate(keys);
  }

  async recommend(req: RecommendRequest, now: number): Promise<RecommendedItem[]> {
    const [r] = await this.recommendBatch([req], now);
    return r ?? [];
  }

  async recommendBatch(reqs: readonly RecommendRequest[], now: number): Promise<RecommendedItem[][]> {
    const out: RecommendedItem[][] = new Array(reqs.length);
    const byShop = new Map<string, number[]>();
    reqs.forEach((r, i) => byShop.set(r.shop, [...(byShop.get(r.shop) ?? []), i]));
    await Promise.all([...byShop].map(async ([shop, idx]) => {
      const userIds = [...new Set(idx.map((i) => reqs[i]?.userId).filter((u): u is string => !!u))];
      const profilesRead = userIds.length > 0 ? this.#o.store.getProfiles(shop, userIds) : Promise.resolve([]);
      const fresh = this.#freshTops(shop, now);
      const topsRead = fresh ?? this.#topLists(shop, now);
      let raws: (RawProfile | undefined)[];
      let tops: TopLists;
      let degraded = false;
      try {
        // Lists still fresh are not waited for (no promise of theirs on the request path).
        if (fresh) [raws, tops] = [await profilesRead, fresh];
        else [raws, tops] = await Promise.all([profilesRead, topsRead]);
      } catch (err) {
        if (!isStoreUnavailable(err)) throw err;
        // No stored profile (session-only ones still count); the lists never fail for this reason.
        degraded = true;
        raws = userIds.map(() => undefined);
        tops = await topsRead;
      }
      if (tops.degraded) degraded = true;
      const views = new Map<string, ProfileView>();
      const { identity } = this.#o.catalogs.get(shop);
      const changes = this.#o.catalogs.identityChanges(shop);
      raws.forEach((raw, i) => {
        const id = userIds[i] as string;
        // A stored profile is the same object while its document is unchanged (its view is reused);
        // a session-only one is folded afresh for each request.
        if (raw) views.set(id, this.#views.viewOf(raw, identity, changes, now));
        else {
          const held = this.#o.sessionProfiles?.(shop, id, now);
          if (held) views.set(id, this.#views.viewOf(held, identity, changes, now, false));
        }
      });
      if (this.#o.onProfileViewCache) {
        const { hits, misses } = this.#views.takeCounts();
        if (hits + misses > 0) this.#o.onProfileViewCache(hits, misses);
      }
      const plans = idx.map((i) => {
        const req = reqs[i] as RecommendRequest;
        const profile = req.userId ? views.get(req.userId) : undefined;
        const seeds = buildSeeds({
          ...(profile ? { profile } : {}),
          ...(req.productId ? { currentProductId: req.productId } : {}),
          ...(req.cart ? { cartProductIds: req.cart } : {}),
          now,
        });
        return { i, req, profile, seeds };
      });
      const seedIds = [...new Set(plans.flatMap((p) => p.seeds.map((s) => s.productId)))];
      const { lists: neighbours, degraded: oldLists } = seedIds.length > 0 ? await this.#neighbours.of(shop, seedIds) : NO_NEIGHBOURS;
      if (oldLists) degraded = true;
      // The first seed's second hop (what was viewed with what was viewed with it), when it has neighbours.
      const firsts = new Map<string, Neighbour[]>();
      if ((this.#o.weights.secondHop ?? 0) > 0) {
        for (const { seeds: [seed] } of plans) {
          const first = seed && neighbours.get(seed.productId);
          if (seed && first && first.length > 0) firsts.set(seed.productId, first);
        }
      }
      const hops = firsts.size > 0 ? await this.#secondHops.of(shop, firsts) : NO_SECOND_HOPS;
      if (hops.degraded) degraded = true;
      const heldFreshness = seedIds.length > 0 ? this.#freshnessOf(shop, now) : undefined;
      const freshness = heldFreshness instanceof Promise ? await heldFreshness : heldFreshness;
      const catalog = this.#o.catalogs.get(shop);
      for (const { i, req, profile, seeds } of plans) {
        const allowRepeat = repeatAllowed(req, this.#o.allowRepeat);
        const market = req.market;
        const exclude = buildExclusions(req, profile, this.#o.allowRepeat, market !== undefined ? this.#o.marketExclude?.(shop, market) : undefined);
        const first = seeds[0]?.productId;
        const hop = first === undefined ? undefined : hops.lists.get(first);
        const ranked = rank({
          now,
          seeds,
          neighbours,
          ...(hop && first !== undefined ? { secondHop: { seed: first, list: hop } } : {}),
          ...(freshness ? { freshness } : {}),
          popular: tops.popular,
          trending: tops.trending,
          ...(profile ? { profile } : {}),
          ...(catalog.index.size > 0 ? { catalog: catalog.index } : {}),
          exclude,
          allowRepeat,
          limit: req.limit,
          weights: this.#o.weights,
        });
        const list = ranked.length < req.limit ? [...ranked, ...this.#newArrivals(shop, req.limit - ranked.length, exclude, ranked, profile)] : ranked;
        out[i] = list;
        if (degraded) DEGRADED.add(list);
        if (req.userId) PROFILE_USED.set(list, profile ?? null);
      }
    }));
    return out;
  }

  /**
   * A shop with no behaviour yet (a fresh install) still gets a list: its available products, newest
   * first where the catalog dates them, after whatever the ranker found. The order is worked out once
   * per catalog version (`CatalogIndex.newestRecommendable`); a request walks it past the
   * products it must leave out, so its cost does not grow with the catalog. Only a product with its
   * own creation date is named as new (`createdAt` on the reason): a CSV export or a catalog sync dates
   * nothing, and its products are then catalog fillers, not "the newest".
   */
  #newArrivals(shop: string, n: number, exclude: ReadonlySet<string>, ranked: readonly RecommendedItem[], profile?: ProfileView): RecommendedItem[] {
    const { index } = this.#o.catalogs.get(shop);
    if (index.size === 0 || n <= 0) return [];
    const taken = new Set(ranked.map((r) => r.productId));
    const order = index.newestRecommendable();
    const products = index.all();
    const fresh: Product[] = [];
    for (let k = 0; k < order.length && fresh.length < n; k++) {
      const p = products[order[k] as number] as Product;
      if (!exclude.has(p.id) && !taken.has(p.id) && !profile?.purchased.has(p.id)) fresh.push(p);
    }
    // Scores stay below anything the ranker produced, so these only ever fill the end of a list.
    let floor = 1e-3;
    for (const r of ranked) if (r.score < floor) floor = r.score;
    floor /= 2;
    return fresh.map((p, k) => {
      const score = floor * (1 - k / (fresh.length + 1));
      return { productId: p.id, score, reasons: [{ source: 'catalog' as const, score, ...(p.createdAt ? { createdAt: p.createdAt } : {}) }] };
    });
  }

  /** The shop's popular and trending lists when the cached ones are still fresh at `now`, else undefined. */
  #freshTops(shop: string, now: number): TopLists | undefined {
    const cached = this.#tops.get(shop);
    return cached && !(cached instanceof Promise) && now - cached.at < (cached.degraded ? DEGRADED_TOPS_RETRY_MS : (this.#o.topCacheMs ?? 5000)) ? cached : undefined;
  }

  /**
   * Popular and trending lists of a shop, decayed to `now`, cached for a few seconds. When the store
   * does not answer: the last known lists (none before its first answer), marked degraded and asked
   * for again a second later. Rejects only for other failures.
   */
  async #topLists(shop: string, now: number): Promise<TopLists> {
    const fresh = this.#freshTops(shop, now);
    if (fresh) return fresh;
    const cached = this.#tops.get(shop);
    if (cached instanceof Promise) return cached;
    const p = (async (): Promise<TopLists> => {
      try {
        const [popular, trending] = await Promise.all([
          this.#merged(shop, 'popular', this.#o.popularHalfLifeMs, now),
          this.#merged(shop, 'trending', this.#o.trendingHalfLifeMs, now),
        ]);
        return { at: now, popular, trending };
      } catch (err) {
        if (!isStoreUnavailable(err)) throw err;
        return { at: now, popular: cached?.popular ?? [], trending: cached?.trending ?? [], degraded: true };
      }
    })();
    this.#tops.set(shop, p);
    try {
      const lists = await p;
      this.#tops.set(shop, lists);
      return lists;
    } catch (err) {
      this.#tops.delete(shop);
      throw err;
    }
  }

  /**
   * The shop's item freshness (`core/recommend/freshness.ts`): read when the shop is first ranked with
   * seeds (that request waits), then again in the background every {@link FRESHNESS_REFRESH_MS} (the
   * request that finds it older ranks with the one held). While the store does not answer: the table
   * held, or none, asked for again a second later.
   */
  #freshnessOf(shop: string, now: number): ItemFreshness | Promise<ItemFreshness | undefined> | undefined {
    const params = this.#o.freshness;
    if (!params || !(params.power > 0)) return undefined;
    let held = this.#freshness.get(shop);
    if (!held) this.#freshness.set(shop, (held = { next: 0 }));
    if (held.loading === undefined && now >= held.next) {
      const h = held;
      const loading = this.#readFreshness(shop, now, params).then(
        (table) => {
          h.table = table;
          h.next = now + FRESHNESS_REFRESH_MS;
          return table;
        },
        (err: unknown) => {
          h.next = now + DEGRADED_TOPS_RETRY_MS;
          // A request waiting for the first table fails as the top lists' read would; a refresh keeps the table held.
          if (h.table === undefined && !isStoreUnavailable(err)) throw err;
          return h.table;
        },
      );
      held.loading = loading.finally(() => {
        h.loading = undefined;
      });
      // Nobody may wait for a refresh: its failure is handled above, never left unhandled.
      held.loading.catch(() => {});
    }
    return held.table ?? held.loading;
  }

  /** Every counted item's popular and trending counts (decayed to `now`, by canonical id), as a freshness table. */
  async #readFreshness(shop: string, now: number, params: FreshnessParams): Promise<ItemFreshness> {
    const [popular, trending] = await Promise.all([
      this.#counts(shop, 'popular', this.#o.popularHalfLifeMs, now, FRESHNESS_ITEMS),
      this.#counts(shop, 'trending', this.#o.trendingHalfLifeMs, now, FRESHNESS_ITEMS),
    ]);
    // ItemFreshness sums an item's counts, whatever ids they were read under.
    const { identity } = this.#o.catalogs.get(shop);
    const canonical = (list: WeightedItem[]): WeightedItem[] => list.map((n) => ({ productId: identity.resolve(n.productId) ?? n.productId, weight: n.weight }));
    return new ItemFreshness(canonical(popular), canonical(trending), params);
  }

  /** A counter's strongest `limit` items of the current and the previous epoch, decayed to `now` and summed by stored id. */
  async #counts(shop: string, counter: 'popular' | 'trending', halfLife: number, now: number, limit: number): Promise<WeightedItem[]> {
    const e = epochOf(now);
    const [cur, prev] = await Promise.all([this.#o.store.getTop(shop, counter, e, limit), this.#o.store.getTop(shop, counter, e - 1, limit)]);
    const sum = new Map<string, number>();
    for (const [list, epoch] of [[cur, e], [prev, e - 1]] as const) {
      for (const n of list) sum.set(n.productId, (sum.get(n.productId) ?? 0) + decayed(n.weight, now, halfLife, epochStart(epoch)));
    }
    return [...sum].map(([productId, weight]) => ({ productId, weight }));
  }

  async #merged(shop: string, counter: 'popular' | 'trending', halfLife: number, now: number): Promise<Neighbour[]> {
    const counts = await this.#counts(shop, counter, halfLife, now, 100);
    // The identity as it is once the counts are in (a catalog reload may have come meanwhile).
    const { identity } = this.#o.catalogs.get(shop);
    return canonicalWeights(counts, identity)
      .sort((a, b) => b.weight - a.weight || (a.productId < b.productId ? -1 : 1))
      .slice(0, 100);
  }
}
