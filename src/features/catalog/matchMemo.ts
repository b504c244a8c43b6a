/**
 * A bounded memo of search match lists, per shop and catalog version: what a search of Affinity's own
 * catalog matched, worked out once and then paged from (see localSearch.ts), so that the next page of
 * a search costs the page, not the catalog.
 *
 * Bounded twice: in entries, and in the ids the entries hold together (each entry says its size,
 * `weigh`), so that a few broad searches of a large catalog cannot hold much memory; the least recently
 * used entries go first, and an entry larger than the whole id bound is not kept. A shop's entries are
 * dropped as soon as the shop is asked about with another catalog than the one they were worked out
 * from (a catalog change builds a new, immutable index object). The memo holds no reference to a
 * catalog (only a number per catalog object, in a WeakMap), so a replaced catalog is freed at once.
 */

/** Bounds of a {@link MatchMemo}. */
export interface MatchMemoLimits {
  /** Most entries held (all shops together). */
  readonly entries: number;
  /** Most ids held by all entries together (see the memo's `weigh`). */
  readonly ids: number;
}

/** Default bounds: 256 searches, 2,000,000 ids together (a few bytes per id, see localSearch.ts). */
export const MATCH_MEMO_LIMITS: MatchMemoLimits = { entries: 256, ids: 2_000_000 };

interface Held<V> {
  readonly shop: string;
  readonly value: V;
  readonly weight: number;
}

/** What a memo holds now. */
export interface MatchMemoStats {
  readonly entries: number;
  readonly ids: number;
}

/** Least-recently-used memo of match lists keyed by (shop, catalog object, key). */
export class MatchMemo<V> {
  readonly #limits: MatchMemoLimits;
  readonly #weigh: (value: V) => number;
  /** A number per catalog object (never holds the catalog). */
  readonly #versions = new WeakMap<object, number>();
  #nextVersion = 0;
  /** Per shop, the catalog version its entries were worked out from and their keys. */
  readonly #shops = new Map<string, { version: number; keys: Set<string> }>();
  /** Entries by `shop \0 key`, least recently used first. */
  readonly #entries = new Map<string, Held<V>>();
  #ids = 0;

  constructor(limits: MatchMemoLimits, weigh: (value: V) => number) {
    this.#limits = limits;
    this.#weigh = weigh;
  }

  /**
   * The value for `key` in the shop's catalog `catalog`: the held one, else `compute()`'s (held when it
   * fits the bounds). Asking with another catalog than the shop's entries were made from drops them.
   */
  get(shop: string, catalog: object, key: string, compute: () => V): V {
    const version = this.#versionOf(catalog);
    const mine = this.#shops.get(shop);
    if (mine && mine.version !== version) {
      for (const k of [...mine.keys]) this.#drop(`${shop}\u0000${k}`);
      this.#shops.delete(shop);
    }
    const id = `${shop}\u0000${key}`;
    const hit = this.#entries.get(id);
    if (hit) {
      // Most recently used last.
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit.value;
    }
    const value = compute();
    const weight = Math.max(0, this.#weigh(value));
    if (weight > this.#limits.ids || this.#limits.entries < 1) return value;
    while (this.#entries.size >= this.#limits.entries || this.#ids + weight > this.#limits.ids) {
      const oldest = this.#entries.keys().next().value as string;
      this.#drop(oldest);
    }
    this.#entries.set(id, { shop, value, weight });
    this.#ids += weight;
    // Looked up again: evicting the shop's last entries above forgot the shop.
    let keys = this.#shops.get(shop)?.keys;
    if (!keys) this.#shops.set(shop, { version, keys: (keys = new Set()) });
    keys.add(key);
    return value;
  }

  /** How many entries and ids are held. */
  stats(): MatchMemoStats {
    return { entries: this.#entries.size, ids: this.#ids };
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
    this.#shops.clear();
    this.#ids = 0;
  }

  #versionOf(catalog: object): number {
    let v = this.#versions.get(catalog);
    if (v === undefined) this.#versions.set(catalog, (v = ++this.#nextVersion));
    return v;
  }

  #drop(id: string): void {
    const held = this.#entries.get(id);
    if (!held) return;
    this.#entries.delete(id);
    this.#ids -= held.weight;
    const mine = this.#shops.get(held.shop);
    if (!mine) return;
    mine.keys.delete(id.slice(held.shop.length + 1));
    if (mine.keys.size === 0) this.#shops.delete(held.shop);
  }
}
