/**
 * The co-occurrence neighbours of a ranking's seeds: read from the store, kept in process, and named by
 * catalog ids.
 *
 * Statistics recorded before a product's link was known sit under the pixel's numeric id, so a product
 * may have lists under several ids. They are read and merged into one list named by catalog ids
 * (read-time resolution; nothing in the store is rewritten).
 *
 * Two layers:
 * - **Raw lists**, one per id the store knows, in an LRU. A list is fresh for `ttlMs` after it was
 *   read. A projection that changes a list drops it at once (`invalidate`). A list past its time stays
 *   until it is replaced or evicted: it is what is served while the store does not answer.
 * - **Resolved lists**, one per catalog id asked for: the merged list, and the raw entries it was made
 *   of. A resolved list is used while each of its raw entries is still held and fresh, and while the
 *   identity is the same and has learned no link since; it is dropped with any of its raw entries, so
 *   the resolved lists are never more than the raw ones. A ranking's seeds then cost one lookup each.
 *   Without this layer they cost several: every id of the product, in a cache of tens of thousands of
 *   entries.
 */
import { LRUCache } from 'lru-cache';
import { canonicalWeights } from '../../core/catalog/canonicalEvents.ts';
import type { ProductIdentity } from '../../core/catalog/productIdentity.ts';
import type { Neighbour, UserEventStore } from '../../core/ports.ts';
import type { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { isStoreUnavailable } from './storeDown.ts';

/** Cache key of an item's neighbour list (what a projection names when it changes one). */
export function neighbourKey(shop: string, productId: string): string {
  return `${shop}\u0000${productId}`;
}

/** Options of {@link NeighbourLists}. */
export interface NeighbourListsOptions {
  readonly store: Pick<UserEventStore, 'getNeighbours'>;
  readonly catalogs: Pick<CatalogRegistry, 'get' | 'identityChanges'>;
  /** Neighbours read per id. */
  readonly limit: number;
  /** How long a list read from the store is used without reading it again, ms (0: nothing is kept). */
  readonly ttlMs: number;
  /** Most raw lists kept. */
  readonly maxLists: number;
  /** Called with (hits, misses) of every raw list asked for (a resolved list counts its raw lists as hits). */
  readonly onLookup?: (hits: number, misses: number) => void;
  /** The clock of freshness, ms (tests pass their own). */
  readonly clock?: () => number;
}

/**
 * How long co-occurrence neighbour lists are reused in process: item-to-item statistics move slowly,
 * while the shopper's own profile and session are always read fresh. Lists a projection changes are
 * dropped at once, here and on the other processes and nodes (IPC, the Redis bus:
 * `neighbourInvalidation.ts`), so the TTL only bounds staleness when such a message is lost; a longer
 * one means fewer re-reads of lists nothing changed (each a store round trip of 50 rows).
 */
export const DEFAULT_NEIGHBOUR_CACHE_MS = 60_000;

/** Most raw neighbour lists kept in process, by default. */
export const DEFAULT_NEIGHBOUR_CACHE_SIZE = 50_000;

/** Shops whose keys and resolved lists are held at once (all are dropped beyond). */
const MAX_SHOPS = 1_000;

/** One raw list as kept: `held` turns false when the LRU lets it go (replaced, evicted, invalidated). */
interface RawEntry {
  readonly list: Neighbour[];
  /** When it was read from the store ({@link NeighbourListsOptions.clock}). */
  readonly at: number;
  held: boolean;
  /** The resolved lists made from it (their shop's, by catalog id): dropped with it. */
  usedBy?: { readonly resolved: Map<string, Resolved>; readonly ids: string[] };
}

/** A catalog id's merged list and what it was made of. */
interface Resolved {
  readonly list: Neighbour[];
  readonly parts: readonly RawEntry[];
  readonly identity: ProductIdentity;
  readonly changes: number;
}

/** What one shop's lookups reuse: the LRU keys made for its ids, and its resolved lists. */
interface ShopLists {
  readonly keys: Map<string, string>;
  readonly resolved: Map<string, Resolved>;
}

/** Lists answered from what the store last gave, because it did not answer now. */
export interface NeighbourAnswer {
  readonly lists: Map<string, Neighbour[]>;
  readonly degraded: boolean;
}

export class NeighbourLists {
  readonly #o: NeighbourListsOptions;
  readonly #raw: LRUCache<string, RawEntry> | undefined;
  readonly #shops = new Map<string, ShopLists>();
  readonly #clock: () => number;

  constructor(o: NeighbourListsOptions) {
    this.#o = o;
    this.#clock = o.clock ?? (() => performance.now());
    // No TTL of the LRU's own: freshness is checked here, and a stale list stays as the fallback.
    if (o.ttlMs > 0) {
      this.#raw = new LRUCache<string, RawEntry>({
        max: o.maxLists,
        dispose: (entry) => {
          entry.held = false;
          const used = entry.usedBy;
          if (used === undefined) return;
          for (const id of used.ids) if (used.resolved.get(id)?.parts.includes(entry)) used.resolved.delete(id);
        },
      });
    }
  }

  /** Drops the lists (keys from {@link neighbourKey}) a projection changed; what was resolved from them is not used again. */
  invalidate(keys: Iterable<string>): void {
    if (!this.#raw) return;
    for (const k of keys) this.#raw.delete(k);
  }

  /**
   * The neighbours of products named by catalog ids, strongest first, named by catalog ids: from what
   * is held where it is fresh, one store round trip for the rest. When the store does not answer, the
   * last lists it gave, however old (or none), and `degraded`.
   */
  async of(shop: string, ids: readonly string[]): Promise<NeighbourAnswer> {
    const { identity } = this.#o.catalogs.get(shop);
    const changes = this.#o.catalogs.identityChanges(shop);
    const now = this.#clock();
    const lists = new Map<string, Neighbour[]>();
    const mine = this.#raw ? this.#shop(shop) : undefined;
    let rest: string[] | undefined;
    let hits = 0;
    for (const id of ids) {
      const r = mine?.resolved.get(id);
      if (r !== undefined && r.identity === identity && r.changes === changes && this.#fresh(r.parts, now)) {
        lists.set(id, r.list);
        hits += r.parts.length;
      } else (rest ??= []).push(id);
    }
    if (rest === undefined) {
      this.#o.onLookup?.(hits, 0);
      return { lists, degraded: false };
    }
    // Every id each product's statistics may sit under (itself first).
    const names = new Map<string, readonly string[]>();
    const wanted = new Set<string>();
    for (const id of rest) {
      const a = identity.aliasesOf(id);
      names.set(id, a);
      for (const x of a) wanted.add(x);
    }
    const raw = await this.#rawLists(shop, [...wanted], identity, now, hits);
    for (const id of rest) {
      const parts = (names.get(id) as readonly string[]).map((x) => raw.entries.get(x) as RawEntry);
      const list = parts.length === 1 ? (parts[0] as RawEntry).list : canonicalWeights(parts.flatMap((p) => p.list), identity);
      lists.set(id, list);
      if (!raw.degraded && mine && parts.every((p) => p.held)) {
        this.#keep(mine.resolved, id, { list, parts, identity, changes });
        for (const p of parts) {
          // A shop's maps made anew (too many shops held) start the list of what a raw entry is used by anew.
          if (p.usedBy?.resolved !== mine.resolved) p.usedBy = { resolved: mine.resolved, ids: [] };
          if (!p.usedBy.ids.includes(id)) p.usedBy.ids.push(id);
        }
      }
    }
    return { lists, degraded: raw.degraded };
  }

  /** Whether every raw entry is still held and was read less than the TTL ago. */
  #fresh(parts: readonly RawEntry[], now: number): boolean {
    for (const p of parts) if (!p.held || !(now - p.at < this.#o.ttlMs)) return false;
    return true;
  }

  /** The raw lists of `ids`: held and fresh ones, the rest from the store (or, when it does not answer, as last held). */
  async #rawLists(shop: string, ids: readonly string[], identity: ProductIdentity, now: number, hits: number): Promise<{ entries: Map<string, RawEntry>; degraded: boolean }> {
    const entries = new Map<string, RawEntry>();
    const missing: string[] = [];
    for (const id of ids) {
      const held = this.#raw?.get(this.#keyOf(shop, id));
      if (held !== undefined && now - held.at < this.#o.ttlMs) entries.set(id, held);
      else missing.push(id);
    }
    this.#o.onLookup?.(hits + ids.length - missing.length, missing.length);
    if (missing.length === 0) return { entries, degraded: false };
    let got: Map<string, Neighbour[]>;
    try {
      got = await this.#o.store.getNeighbours(shop, missing, this.#o.limit);
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
      for (const id of missing) entries.set(id, this.#raw?.get(this.#keyOf(shop, id)) ?? { list: [], at: now, held: false });
      return { entries, degraded: true };
    }
    for (const id of missing) {
      const entry: RawEntry = { list: canonicalWeights(got.get(id) ?? [], identity), at: now, held: this.#raw !== undefined };
      entries.set(id, entry);
      this.#raw?.set(this.#keyOf(shop, id), entry);
    }
    return { entries, degraded: false };
  }

  #shop(shop: string): ShopLists {
    let s = this.#shops.get(shop);
    if (s === undefined) {
      if (this.#shops.size >= MAX_SHOPS) this.#shops.clear();
      s = { keys: new Map(), resolved: new Map() };
      this.#shops.set(shop, s);
    }
    return s;
  }

  /**
   * {@link neighbourKey}`(shop, id)`, the same string each time: a key made anew for each lookup is a
   * new string, hashed again by the cache's map.
   */
  #keyOf(shop: string, id: string): string {
    const keys = this.#shop(shop).keys;
    let key = keys.get(id);
    if (key === undefined) {
      key = neighbourKey(shop, id);
      this.#keep(keys, id, key);
    }
    return key;
  }

  /** Sets `k` in a per-shop map, which is emptied when it holds as many entries as the LRU may. */
  #keep<V>(m: Map<string, V>, k: string, v: V): void {
    if (m.size >= this.#o.maxLists) m.clear();
    m.set(k, v);
  }
}
