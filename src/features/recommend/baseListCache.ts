/**
 * Base lists kept while nothing they were computed from changed, so a repeat request (a page reload,
 * a second widget, every profile-less shopper of a fresh shop) does no scoring.
 *
 * A list of the hybrid recommender is a pure function of the shopper's scoring view, the request
 * (product, cart, limit, repeat and seen flags, market), the shop's catalog and product identity, its
 * popular and trending lists, the co-occurrence lists of the seeds, the products the market does not
 * sell, and `now`. Everything but `now` is compared by identity, as the recommender holds it:
 * - the profile view is the same object while the stored profile, the identity and the session state
 *   are unchanged (`profileViews.ts`); lists are held per view, so a new view starts empty. A shopper
 *   with no profile at all shares the shop's profile-less lists (the answer does not depend on the id);
 * - the catalog object is replaced on every import or sync, and the identity's learned links are
 *   counted (`CatalogRegistry.identityChanges`);
 * - popular and trending lists are one object per refresh (every `topCacheMs`);
 * - neighbour lists are the very lists the neighbour cache holds: one read again (expired, invalidated
 *   by a projection) or merged again is a new object;
 * - the market's exclusions are one set per catalog generation (`marketExclusions.ts`).
 * `now` moves the ranking only through the decay of older seeds and purchases, which shifts scores by
 * a few parts per million over seconds: a list is reused for at most `ttlMs` (by default the popular
 * lists' own refresh period), like the popular lists themselves. With equal inputs and the same `now`
 * the reused list is exactly the one the ranker would return (`baseListCache.int.test.ts`).
 *
 * At most `max` lists are held (all shops together, the oldest let go first), and none past `ttlMs`
 * once another list is kept. Lists answered from memory while the store is down are never kept.
 * Callers must not modify a returned list (the market response cache shares lists the same way).
 */
import type { Neighbour } from '../../core/ports.ts';
import type { ProfileView } from '../../core/profile/profileView.ts';
import type { RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import type { Seed } from '../../core/recommend/rank.ts';

/** What a list was computed from, besides the profile view and the request (compared by identity). */
export interface BaseListInputs {
  /** The shop's catalog (index and identity) object. */
  readonly catalog: object;
  /** The identity's count of learned links (`CatalogRegistry.identityChanges`). */
  readonly identityChanges: number;
  /** The popular and trending lists' object. */
  readonly tops: object;
  /** Products the request's market does not sell (undefined without a market). */
  readonly notInMarket: ReadonlySet<string> | undefined;
  /** The request's seeds, strongest first (held as they are: not to be modified). */
  readonly seeds: readonly Seed[];
  /** Neighbour lists by seed id (those of the seeds are compared; held as it is: not to be modified). */
  readonly neighbours: ReadonlyMap<string, readonly Neighbour[]>;
}

/** Key of a profile-less list. */
function profileLessKey(shop: string, key: string): string {
  return `${shop}\u0000${key}`;
}

/** A kept list and what it was computed from (the seeds' ids and roles and their neighbour lists are compared). */
interface Entry extends BaseListInputs {
  readonly at: number;
  readonly items: RecommendedItem[];
}

/** Options of the cache. */
export interface BaseListCacheOptions {
  /** How long a list may be reused, ms (0 disables the cache). */
  readonly ttlMs: number;
  /** Most lists held at once, all shops and shoppers together (the oldest go first). */
  readonly max?: number;
}

/**
 * Default bound on the lists held: a few seconds of a busy node's answers, about 25 MB of lists of
 * ten items. Lists past `ttlMs` are let go too, so a quiet node holds almost none.
 */
export const DEFAULT_BASE_LISTS = 5_000;

/** The request's part of a key: everything of it a base list depends on, besides the shopper. */
export function requestKey(req: RecommendRequest): string {
  const market = req.market === undefined ? '' : typeof req.market === 'string' ? req.market : JSON.stringify(req.market);
  return `${req.productId ?? ''}\u0000${req.cart ? req.cart.join('\u0001') : ''}\u0000${req.limit}\u0000${req.allowRepeat ?? ''}\u0000${req.excludeSeen ?? ''}\u0000${market}`;
}

/** A list held, where it is held (to let it go in the order lists were made). */
interface Held {
  readonly lists: Map<string, Entry>;
  readonly key: string;
  readonly entry: Entry;
}

/** Base lists per profile view (and per shop for shoppers without one); see the module comment. */
export class BaseListCache {
  readonly #ttlMs: number;
  readonly #max: number;
  /** A view's lists by request key: they go with the view (a new profile document, an erasure). */
  readonly #byView = new WeakMap<ProfileView, Map<string, Entry>>();
  /** Profile-less lists by shop and request key. */
  readonly #profileLess = new Map<string, Entry>();
  /** Every list held, oldest first, from `#head` on. */
  #order: Held[] = [];
  #head = 0;
  #hits = 0;
  #misses = 0;

  constructor(o: BaseListCacheOptions) {
    this.#ttlMs = o.ttlMs;
    this.#max = Math.max(1, o.max ?? DEFAULT_BASE_LISTS);
  }

  /** Whether lists are kept at all. */
  get enabled(): boolean {
    return this.#ttlMs > 0;
  }

  /** The list kept for these inputs at `now`, if every input is the same and it is recent enough. */
  get(shop: string, view: ProfileView | undefined, key: string, inputs: BaseListInputs, now: number): RecommendedItem[] | undefined {
    const e = view ? this.#byView.get(view)?.get(key) : this.#profileLess.get(profileLessKey(shop, key));
    if (e && this.#valid(e, inputs, now)) {
      this.#hits++;
      return e.items;
    }
    this.#misses++;
    return undefined;
  }

  /** Keeps a list computed at `now` from these inputs. */
  set(shop: string, view: ProfileView | undefined, key: string, inputs: BaseListInputs, now: number, items: RecommendedItem[]): void {
    if (!this.enabled) return;
    const entry: Entry = {
      at: now,
      catalog: inputs.catalog,
      identityChanges: inputs.identityChanges,
      tops: inputs.tops,
      notInMarket: inputs.notInMarket,
      seeds: inputs.seeds,
      neighbours: inputs.neighbours,
      items,
    };
    let lists = this.#profileLess;
    let at = profileLessKey(shop, key);
    if (view) {
      const held = this.#byView.get(view);
      if (held) lists = held;
      else this.#byView.set(view, (lists = new Map()));
      at = key;
    }
    lists.set(at, entry);
    this.#order.push({ lists, key: at, entry });
    this.#letGo(now);
  }

  /** Drops a shop's profile-less lists (shop redaction; per-shopper lists go with their views). */
  deleteShop(shop: string): void {
    const prefix = profileLessKey(shop, '');
    for (const k of [...this.#profileLess.keys()]) if (k.startsWith(prefix)) this.#profileLess.delete(k);
  }

  /** Lists reused and computed since the last call (for metrics), then zeroed. */
  takeCounts(): { hits: number; misses: number } {
    const out = { hits: this.#hits, misses: this.#misses };
    this.#hits = 0;
    this.#misses = 0;
    return out;
  }

  /** Lets go of the oldest lists while more than `max` are held or the oldest is past its time. */
  #letGo(now: number): void {
    const order = this.#order;
    while (this.#head < order.length) {
      const h = order[this.#head] as Held;
      if (order.length - this.#head <= this.#max && now - h.entry.at < this.#ttlMs) break;
      // A list set again since is the newer one: left alone.
      if (h.lists.get(h.key) === h.entry) h.lists.delete(h.key);
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > order.length) {
      this.#order = order.slice(this.#head);
      this.#head = 0;
    }
  }

  #valid(e: Entry, x: BaseListInputs, now: number): boolean {
    if (now < e.at || now - e.at >= this.#ttlMs) return false;
    if (e.catalog !== x.catalog || e.identityChanges !== x.identityChanges || e.tops !== x.tops || e.notInMarket !== x.notInMarket) return false;
    if (e.seeds.length !== x.seeds.length) return false;
    for (let k = 0; k < e.seeds.length; k++) {
      const was = e.seeds[k] as Seed;
      const s = x.seeds[k] as Seed;
      if (was.productId !== s.productId || was.role !== s.role || e.neighbours.get(s.productId) !== x.neighbours.get(s.productId)) return false;
    }
    return true;
  }
}
