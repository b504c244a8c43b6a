/**
 * Per-shop catalog indexes held in memory (a cache of the durable CatalogStore: losing it costs a
 * reload, nothing else), with each shop's product identity: the resolver from any id a shop uses
 * (numeric, GID, handle, variant id, SKU) to the catalog's id, and the links learned from events.
 */
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { isReplacingLink, ProductIdentity } from '../../core/catalog/productIdentity.ts';
import type { Product } from '../../core/catalog/product.ts';
import { isTombstone, resolveStamped, type StampedChange } from '../../core/catalog/stampedChange.ts';
import { normalizeId } from '../../core/ids.ts';
import { prepareForMatching } from '../../core/personalize/intentScoring.ts';
import { warmIntentData } from './shopVocabulary.ts';
import type { CatalogStore } from '../../core/ports.ts';

/**
 * Longest stretch of warming work per event-loop turn, ms: requests arriving meanwhile wait at most
 * about this long (a fixed 200 products per turn held the loop for up to ~370 ms on a busy 2-core
 * machine with a 10,000-product catalog).
 */
const WARM_SLICE_MS = 5;

/**
 * Product webhooks come one product per delivery, and a merchant's bulk edit sends thousands of them
 * within minutes. Rebuilding a 10,000-product index costs about 0.3 s of CPU and warming it again about
 * 2 s more, so each delivery's changes are written to the store at once (that is what the delivery's
 * answer waits for) and the index catches up in batches: the first rebuild waits this long (ms) for more
 * changes to join it, ...
 */
const REBUILD_DELAY_MS = 250;
/** ... and the next rebuild of the same shop waits at least this many times as long as the last one took. */
const REBUILD_SPACING = 4;
/**
 * How long after a rebuild for stamped changes the new index starts warming, ms: while a bulk edit
 * goes on, each warming would be abandoned for the next index (requests meanwhile compute what they
 * read, as they do on an index that is not warmed yet).
 */
const WARM_AFTER_CHANGES_MS = 2_000;
/** Longest wait between two attempts to rebuild while the store does not answer, ms. */
const RETRY_MAX_MS = 60_000;
/** A reload this soon after the shop's last load (ms) is taken for one of a series: its warming waits too. */
const RELOADED_SOON_MS = 10_000;

/**
 * A shop used this recently (ms) is never evicted, whatever the budget ({@link CatalogRegistry.ensure}):
 * a request or a projection batch that made sure of it still reads it.
 */
const EVICT_IDLE_MS = 60_000;

/** A shop's stamped changes written to the store and not yet in its index (see {@link CatalogRegistry.applyStamped}). */
interface PendingChanges {
  /** Catalog id → the product as stored (`null`: removed), with the write's sequence number. */
  changes: Map<string, { readonly product: Product | null; readonly seq: number }>;
  /** Someone else wrote the shop's catalog meanwhile: the next rebuild reads it whole from the store. */
  reload: boolean;
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  lastBuildMs: number;
  /** Rebuilds that failed in a row (the store did not answer): the next retry waits longer. */
  failures: number;
  /** Resolved when the index holds every change written so far ({@link CatalogRegistry.settled}). */
  waiters: (() => void)[];
}

/** Moves the waiting changes into `products` (by catalog id). */
function takePending(p: PendingChanges, products: Map<string, Product>): void {
  for (const [id, ch] of p.changes) {
    if (ch.product) products.set(id, ch.product);
    else products.delete(id);
  }
  p.changes.clear();
}

/** A shop's catalog index (also what the ranker reads: it implements `CatalogLike`). */
export interface ShopCatalog {
  readonly index: CatalogIndex;
  /** Any id of the shop's products → the catalog's id (see core/catalog/productIdentity.ts). */
  readonly identity: ProductIdentity;
}

/** Holds one {@link ShopCatalog} per shop. */
export class CatalogRegistry {
  readonly #store: CatalogStore;
  readonly #warmOnLoad: boolean;
  readonly #shops = new Map<string, ShopCatalog>();
  readonly #versions = new Map<string, number>();
  /** Learned product links per shop (shops without a catalog too: the links wait for one). */
  readonly #links = new Map<string, Map<string, string>>();
  readonly #linkVersions = new Map<string, number>();
  /** Per shop, how many times links were added to its identity in place (see {@link identityChanges}). */
  readonly #identityChanges = new Map<string, number>();
  /** Per shop, stamped changes waiting for the index (see {@link applyStamped}). */
  readonly #pending = new Map<string, PendingChanges>();
  /** Per shop, the stamped write in progress (one at a time, so each sees the version its own write made). */
  readonly #writing = new Map<string, Promise<unknown>>();
  /** Per shop, when its index was last built (performance.now()). */
  readonly #loadedAt = new Map<string, number>();
  /** Numbers the stamped writes of this process, in the order they were committed. */
  #writeSeq = 0;
  readonly #empty: ShopCatalog;
  /** Most products held across shops (0: no bound); see {@link ensure}. */
  readonly #maxProducts: number;
  /** A shop used this recently (ms) is not let go ({@link EVICT_IDLE_MS}). */
  readonly #evictIdleMs: number;
  /** Per held shop, when it was last made sure of (performance.now()). */
  readonly #usedAt = new Map<string, number>();
  /** Shops with a catalog in the store that this process does not hold (evicted, or never loaded for the budget), with the version last seen. */
  readonly #unloaded = new Map<string, number>();
  /** Per shop, the load {@link ensure} started (one at a time). */
  readonly #loading = new Map<string, Promise<void>>();

  /**
   * `warm`: prepare each catalog for answering as soon as it is loaded (see {@link #warm}); false on a
   * node that never answers (the ingest and project roles), which then builds only what it reads.
   * `maxProducts`: most products this process holds across shops (0, the default: every shop's); the
   * shops used longest ago are let go beyond it and loaded again when asked for ({@link ensure}), none
   * used in the last `evictIdleMs` ({@link EVICT_IDLE_MS}).
   */
  constructor(store: CatalogStore, opts: { readonly warm?: boolean; readonly maxProducts?: number; readonly evictIdleMs?: number } = {}) {
    this.#store = store;
    this.#warmOnLoad = opts.warm ?? true;
    this.#maxProducts = opts.maxProducts ?? 0;
    this.#evictIdleMs = opts.evictIdleMs ?? EVICT_IDLE_MS;
    const index = CatalogIndex.build([]);
    this.#empty = { index, identity: ProductIdentity.build([]) };
  }

  /** Loads every shop's catalog from the store. */
  async loadAll(): Promise<void> {
    await this.refresh();
  }

  /**
   * Reloads the shops whose catalog changed in the store since this process last loaded it (an
   * import through another process or API node). Returns the shops reloaded.
   *
   * `soon`: a shop this process holds already is reloaded by the next batched rebuild (within about a
   * second, as its own stamped changes are, see {@link applyStamped}) instead of now; a shop it does not
   * hold yet is loaded now. For a caller that must answer fast and needs only to know which shops have
   * a catalog (a product webhook: with several processes each delivery would otherwise read the whole
   * catalog while Shopify waits).
   */
  async refresh(opts: { readonly soon?: boolean } = {}): Promise<string[]> {
    const versions = await this.#store.catalogVersions();
    const changed: string[] = [];
    // A shop whose catalog vanished from the store (shop redaction) is dropped here too.
    for (const shop of [...this.#versions.keys(), ...this.#unloaded.keys()]) {
      if (versions[shop] !== undefined) continue;
      this.#versions.delete(shop);
      this.#shops.delete(shop);
      this.#unloaded.delete(shop);
      this.#usedAt.delete(shop);
      this.#store.forgetListing?.(shop);
      changed.push(shop);
    }
    for (const [shop, v] of Object.entries(versions)) {
      if (this.#versions.get(shop) === v) continue;
      // Not held: loaded when asked for (ensure), from the store as it is then.
      if (this.#unloaded.has(shop) || (!this.#shops.has(shop) && this.#full())) {
        this.#unloaded.set(shop, v);
        continue;
      }
      if (opts.soon && this.#shops.has(shop)) {
        const pending = this.#pendingOf(shop);
        pending.reload = true;
        this.#rebuildSoon(shop, pending);
      } else await this.reload(shop);
      this.#versions.set(shop, v);
      changed.push(shop);
    }
    // Links another process (the projector) learned: the identity is rebuilt, the index is not.
    for (const [shop, v] of Object.entries(await this.#store.productLinksVersions())) {
      if (this.#linkVersions.get(shop) === v) continue;
      this.#linkVersions.set(shop, v);
      const stored = await this.#store.productLinks(shop);
      const known = this.#links.get(shop) ?? new Map<string, string>();
      const fresh = [...stored].filter(([k, t]) => known.get(k) !== t);
      // Another process's first claim of a key this process also claimed (differently) is the stored
      // one: the identity is built again from the store rather than kept with its own.
      if (this.#shops.has(shop) && fresh.some(([k]) => known.has(k) && !isReplacingLink(k))) {
        await this.reload(shop);
        this.#identityChanges.set(shop, (this.#identityChanges.get(shop) ?? 0) + 1);
        continue;
      }
      for (const [k, t] of fresh) known.set(k, t);
      this.#links.set(shop, known);
      this.#addLinks(shop, fresh);
    }
    return changed;
  }

  /** Re-reads one shop's catalog (and its learned links) from the store. */
  async reload(shop: string): Promise<ShopCatalog> {
    // Stamped writes committed before this read are in it: they no longer wait for the index.
    const seen = this.#writeSeq;
    const [products, links] = await Promise.all([this.#store.listProducts(shop), this.#store.productLinks(shop)]);
    this.#links.set(shop, links);
    const pending = this.#pending.get(shop);
    if (pending) for (const [id, ch] of pending.changes) if (ch.seq <= seen) pending.changes.delete(id);
    const index = CatalogIndex.build(products);
    const c = { index, identity: this.#shops.get(shop)?.identity.withProducts(products, links) ?? ProductIdentity.build(products, links) };
    this.#hold(shop, c);
    // Reloaded again soon after the last load (another process applying a bulk edit, seen at each
    // refresh): warming waits, as it does after this process's own batches.
    const last = this.#loadedAt.get(shop);
    const now = performance.now();
    this.#loadedAt.set(shop, now);
    this.#warmSoon(shop, c, last !== undefined && now - last < RELOADED_SOON_MS ? WARM_AFTER_CHANGES_MS : 0);
    return c;
  }

  /**
   * Records product links learned from events (only those not known yet are written) and rebuilds the
   * shop's identity when it has a catalog. Returns how many links were new.
   */
  async learn(shop: string, links: readonly (readonly [string, string])[]): Promise<number> {
    const known = this.#links.get(shop) ?? new Map<string, string>();
    // A key held already keeps its value unless the new link is signed (as the stores keep it).
    const fresh = links.filter(([k, v]) => known.get(k) !== v && (!known.has(k) || isReplacingLink(k)));
    if (fresh.length === 0) return 0;
    await this.#store.saveProductLinks(shop, fresh);
    for (const [k, v] of fresh) known.set(k, v);
    this.#links.set(shop, known);
    // This save is one version step; a refresh that sees more reloads what other processes learned.
    this.#linkVersions.set(shop, (this.#linkVersions.get(shop) ?? 0) + 1);
    this.#addLinks(shop, fresh);
    return fresh.length;
  }

  #addLinks(shop: string, links: readonly (readonly [string, string])[]): void {
    const held = this.#shops.get(shop);
    if (!held || links.length === 0) return;
    held.identity.addLinks(links);
    this.#identityChanges.set(shop, (this.#identityChanges.get(shop) ?? 0) + 1);
  }

  /**
   * A number that changes whenever the shop's identity (`get(shop).identity`, the same object) learns
   * links in place: what is derived from the identity stays valid while the object and this number
   * are the same.
   */
  identityChanges(shop: string): number {
    return this.#identityChanges.get(shop) ?? 0;
  }

  /**
   * Computes in the background, a few hundred products per event-loop turn, what requests would
   * otherwise pay for on first use: the shop's cold-start order (newest available products), every
   * product's content neighbours, and its match features for conversational requests (folded text in
   * both languages, category path, vendor, available colours and sizes, season and gift signals; see
   * `prepareForMatching`), then the shop's intent vocabulary and colour index (`warmIntentData`). Runs again whenever the index is replaced (a catalog change, picked up by
   * `refresh` on its clock), and stops when it is.
   */
  #warm(shop: string, c: ShopCatalog): void {
    const products = c.index.all();
    if (products.length === 0) return;
    let i = 0;
    const step = (): void => {
      if (this.#shops.get(shop) !== c) return;
      const until = performance.now() + WARM_SLICE_MS;
      if (i === 0) c.index.newestRecommendable();
      // At least one product per turn, so warming always finishes.
      do {
        const p = products[i] as Product;
        c.index.contentNeighbours(p.id, 1);
        prepareForMatching(p);
        i++;
      } while (i < products.length && performance.now() < until);
      if (i < products.length) setImmediate(step).unref?.();
      // Then the shop's intent vocabulary and colour index, in slices too (else the first text request pays).
      else void warmIntentData(c.index, () => this.#shops.get(shop) === c);
    };
    setImmediate(step).unref?.();
  }

  /** Stores products and rebuilds the shop's index. */
  async upsert(shop: string, products: readonly Product[]): Promise<ShopCatalog> {
    const before = this.#versions.get(shop);
    await this.#store.upsertProducts(shop, products);
    return this.#rebuilt(shop, before, (merged) => {
      for (const p of products) merged.set(p.id, p);
    });
  }

  /**
   * Removes products (catalog ids) from the store and from this process's index at once; other
   * processes drop them at their next {@link refresh} (the store bumps the shop's version). Returns the
   * ids removed (unknown ones skipped).
   */
  async remove(shop: string, ids: readonly string[]): Promise<string[]> {
    const before = this.#versions.get(shop);
    const removed = await this.#store.removeProducts(shop, ids);
    if (removed.length > 0) {
      await this.#rebuilt(shop, before, (merged) => {
        for (const id of removed) merged.delete(id);
      });
    }
    return removed;
  }

  /**
   * Applies changes stamped with the shop's modification time (product webhooks; an older change never
   * overwrites a newer one, see core/catalog/stampedChange.ts). Returns the ids whose product was
   * written or removed, once the store holds them; this process's index follows within about a second
   * (batched with the changes that arrive meanwhile, see {@link REBUILD_DELAY_MS}; {@link settled}
   * waits for it), other processes' at their next {@link refresh}.
   */
  async applyStamped(shop: string, changes: readonly StampedChange[]): Promise<string[]> {
    if (changes.length === 0) return [];
    const prior = this.#writing.get(shop) ?? Promise.resolve();
    const write = prior.catch(() => undefined).then(() => this.#writeStamped(shop, changes));
    this.#writing.set(shop, write);
    try {
      return await write;
    } finally {
      if (this.#writing.get(shop) === write) this.#writing.delete(shop);
    }
  }

  async #writeStamped(shop: string, changes: readonly StampedChange[]): Promise<string[]> {
    const before = this.#versions.get(shop);
    // Which of the changes won is the store's decision.
    const changed = await this.#store.applyStampedChanges(shop, changes);
    if (changed.length === 0) return changed;
    const version = (await this.#store.catalogVersions())[shop];
    const pending = this.#pendingOf(shop);
    const won = new Set(changed);
    // An id with several changes in this call: which one the store kept is its decision, read back by
    // the next rebuild (nothing is assumed for it meanwhile).
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const c of changes) (seen.has(c.id) ? repeated : seen).add(c.id);
    const seq = ++this.#writeSeq;
    for (const change of changes) {
      if (!won.has(change.id)) continue;
      if (repeated.has(change.id)) {
        pending.changes.delete(change.id);
        continue;
      }
      // What the store now holds for it (the product as written, or a tombstone).
      const held = resolveStamped(undefined, change);
      pending.changes.set(change.id, { product: held === undefined || isTombstone(held) ? null : held, seq });
    }
    // The version moved by exactly this write: the index is the held one with the pending changes.
    // Else another process wrote too, and the next rebuild reads the shop's catalog from the store.
    if (before === undefined || version !== before + 1 || !this.#shops.has(shop) || repeated.size > 0) pending.reload = true;
    if (version !== undefined) this.#versions.set(shop, version);
    this.#rebuildSoon(shop, pending);
    return changed;
  }

  /**
   * Resolves once this process's index of `shop` (every shop, without one) holds every stamped change
   * written so far ({@link applyStamped}).
   */
  async settled(shop?: string): Promise<void> {
    const shops = shop === undefined ? [...this.#pending.keys()] : [shop];
    await Promise.all(
      shops.map(async (s) => {
        await this.#writing.get(s)?.catch(() => undefined);
        const p = this.#pending.get(s);
        if (!p || (!p.timer && !p.running && p.changes.size === 0 && !p.reload)) return;
        await new Promise<void>((resolve) => p.waiters.push(resolve));
      }),
    );
  }

  #pendingOf(shop: string): PendingChanges {
    let p = this.#pending.get(shop);
    if (!p) {
      p = { changes: new Map(), reload: false, timer: undefined, running: false, lastBuildMs: 0, failures: 0, waiters: [] };
      this.#pending.set(shop, p);
    }
    return p;
  }

  /**
   * Schedules the shop's next rebuild for its pending changes (one at a time, spaced by the last one's
   * cost). The timer keeps the process alive (a change is not left out of the index at shutdown),
   * except a retry after the store failed (a closed store must not hold the process forever).
   */
  #rebuildSoon(shop: string, p: PendingChanges, retry = false): void {
    if (p.timer || p.running) return;
    // After failures, each retry waits twice as long as the one before, up to a minute.
    const wait = retry ? Math.min(RETRY_MAX_MS, REBUILD_DELAY_MS * 2 ** Math.min(p.failures, 16)) : Math.max(REBUILD_DELAY_MS, REBUILD_SPACING * p.lastBuildMs);
    p.timer = setTimeout(() => void this.#rebuildPending(shop, p), wait);
    if (retry) p.timer.unref?.();
  }

  async #rebuildPending(shop: string, p: PendingChanges): Promise<void> {
    p.timer = undefined;
    p.running = true;
    const t0 = performance.now();
    let failed = false;
    try {
      const held = this.#shops.get(shop);
      if (p.reload || !held) {
        p.reload = false;
        const version = (await this.#store.catalogVersions())[shop];
        if (version === undefined) {
          // The shop's catalog is gone from the store (a shop redaction): so is its index.
          p.changes.clear();
          this.#shops.delete(shop);
          this.#versions.delete(shop);
          this.#unloaded.delete(shop);
          this.#store.forgetListing?.(shop);
        } else {
          await this.reload(shop);
          this.#versions.set(shop, version);
        }
      } else if (p.changes.size > 0) {
        const merged = new Map(held.index.all().map((x) => [x.id, x] as const));
        takePending(p, merged);
        this.#install(shop, merged, WARM_AFTER_CHANGES_MS, held.identity);
      }
    } catch {
      // The store did not answer: the changes stay pending and the next rebuild reads the whole catalog.
      p.reload = true;
      failed = true;
      p.failures++;
    } finally {
      p.running = false;
      p.lastBuildMs = performance.now() - t0;
    }
    if (!failed) p.failures = 0;
    if (p.reload || p.changes.size > 0) this.#rebuildSoon(shop, p, failed);
    else {
      this.#pending.delete(shop);
      for (const w of p.waiters.splice(0)) w();
    }
  }

  /**
   * Builds and installs the shop's index from `products` (by id), warming it after `warmAfterMs`.
   * `previous`: the identity being replaced, whose tables are kept when no product's ids changed.
   */
  #install(shop: string, products: Map<string, Product>, warmAfterMs = 0, previous?: ProductIdentity): ShopCatalog {
    const all = [...products.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const c: ShopCatalog = { index: CatalogIndex.build(all), identity: previous?.withProducts(all) ?? ProductIdentity.build(all, this.#links.get(shop)) };
    this.#hold(shop, c);
    this.#loadedAt.set(shop, performance.now());
    this.#warmSoon(shop, c, warmAfterMs);
    return c;
  }

  /** Warms `c` after `ms` if it is still the shop's index then (at once for 0; never without warming). */
  #warmSoon(shop: string, c: ShopCatalog, ms: number): void {
    if (!this.#warmOnLoad) return;
    if (ms <= 0) this.#warm(shop, c);
    else setTimeout(() => this.#shops.get(shop) === c && this.#warm(shop, c), ms).unref?.();
  }

  /**
   * The shop's index after this process's own write: when nobody else changed the catalog meanwhile
   * (the version moved by exactly this write), the store holds what this process held with `change`
   * applied, so the index is built from that instead of re-reading a large catalog; else reloaded.
   */
  async #rebuilt(shop: string, before: number | undefined, change: (merged: Map<string, Product>) => void): Promise<ShopCatalog> {
    const version = (await this.#store.catalogVersions())[shop];
    let c: ShopCatalog;
    const held = this.#shops.get(shop);
    const pending = this.#pending.get(shop);
    if (held && before !== undefined && version === before + 1 && !pending?.reload) {
      const merged = new Map(held.index.all().map((p) => [p.id, p] as const));
      // Stamped changes written before this one and not yet in the index come first.
      if (pending) takePending(pending, merged);
      change(merged);
      c = this.#install(shop, merged, 0, held.identity);
    } else c = await this.reload(shop);
    if (version !== undefined) this.#versions.set(shop, version);
    return c;
  }

  /**
   * The shop's catalog (empty when none was imported). A caller that may be the first in a while to
   * ask for a shop makes sure of it first ({@link ensure}): a process with a budget holds only the
   * shops used lately.
   */
  get(shop: string): ShopCatalog {
    return this.#shops.get(shop) ?? this.#empty;
  }

  /** The shops whose catalog this process holds now. */
  shops(): string[] {
    return [...this.#shops.keys()];
  }

  /** Every shop with a catalog, held or not. */
  knownShops(): string[] {
    return [...this.#shops.keys(), ...this.#unloaded.keys()];
  }

  /**
   * Makes sure this process holds the shop's catalog, when it has one: `undefined` at once when it is
   * held (or the shop has none), else a promise of loading it from the store. Entry points call it once
   * per request (HTTP, an MCP tool call, a projection batch); it also records the shop as used, which
   * keeps it from being let go for {@link EVICT_IDLE_MS}.
   * @throws (the promise) what the store throws when it does not answer: the request cannot be answered
   * from a catalog this process does not hold.
   */
  ensure(shop: string): Promise<void> | undefined {
    if (this.#shops.has(shop)) {
      this.#usedAt.set(shop, performance.now());
      return undefined;
    }
    if (!this.#unloaded.has(shop)) return undefined;
    let loading = this.#loading.get(shop);
    if (!loading) {
      loading = (async () => {
        try {
          const version = (await this.#store.catalogVersions())[shop];
          if (version === undefined) {
            this.#unloaded.delete(shop);
            return;
          }
          this.#usedAt.set(shop, performance.now());
          await this.reload(shop);
          this.#versions.set(shop, version);
        } finally {
          this.#loading.delete(shop);
        }
      })();
      this.#loading.set(shop, loading);
    }
    return loading;
  }

  /** Installs `c` as the shop's catalog and lets go of the shops used longest ago beyond the budget. */
  #hold(shop: string, c: ShopCatalog): void {
    this.#shops.set(shop, c);
    this.#unloaded.delete(shop);
    if (!this.#usedAt.has(shop)) this.#usedAt.set(shop, performance.now());
    this.#evictBeyondBudget(shop);
  }

  /** Products held across shops. */
  #held(): number {
    let n = 0;
    for (const c of this.#shops.values()) n += c.index.size;
    return n;
  }

  /** Whether the budget is used up (never without one). */
  #full(): boolean {
    return this.#maxProducts > 0 && this.#held() >= this.#maxProducts;
  }

  /**
   * Lets go of held shops, used longest ago first, until the products held fit the budget: never
   * `keep` (the one just installed), a shop used in the last {@link EVICT_IDLE_MS}, or one with changes
   * waiting for its index or a write in progress (their index must follow the store).
   */
  #evictBeyondBudget(keep: string): void {
    if (this.#maxProducts <= 0) return;
    let held = this.#held();
    if (held <= this.#maxProducts) return;
    const now = performance.now();
    const candidates = [...this.#shops.keys()]
      .filter((s) => s !== keep && now - (this.#usedAt.get(s) ?? 0) >= this.#evictIdleMs && !this.#pending.has(s) && !this.#writing.has(s))
      .sort((a, b) => (this.#usedAt.get(a) ?? 0) - (this.#usedAt.get(b) ?? 0));
    for (const s of candidates) {
      if (held <= this.#maxProducts) break;
      held -= this.get(s).index.size;
      this.#unloaded.set(s, this.#versions.get(s) ?? 0);
      this.#shops.delete(s);
      this.#versions.delete(s);
      this.#usedAt.delete(s);
      this.#loadedAt.delete(s);
      // The store's last listing holds the products too (adapters/storedProducts.ts).
      this.#store.forgetListing?.(s);
    }
  }

  /**
   * The catalog id of a product named by any of the shop's ids (numeric, GID, handle, variant id,
   * SKU); ids the catalog does not know come back normalised, unchanged.
   */
  canonical(shop: string, raw: unknown): string | undefined {
    const id = normalizeId(raw);
    return id === undefined ? undefined : (this.get(shop).identity.resolve(id) ?? id);
  }

  /**
   * The catalog id of the product `raw` names by one of the product's own ids: its catalog id, its
   * numeric id or GID (`gid://shopify/Product/…`), or its handle. A variant id, a variant GID or a SKU
   * names no product here (what acts on a whole product, such as a removal, must not take it for one
   * of its variants). `undefined` when the shop's catalog has no such product.
   */
  productOf(shop: string, raw: unknown): string | undefined {
    if (typeof raw === 'string' && /^gid:\/\//i.test(raw.trim()) && !/^gid:\/\/shopify\/Product\//i.test(raw.trim())) return undefined;
    const id = normalizeId(raw);
    if (id === undefined) return undefined;
    const c = this.get(shop);
    // A product written by a delivery and not in the index yet is found under its own id.
    const canonical = c.identity.resolve(id) ?? (this.#pending.get(shop)?.changes.has(id) ? id : undefined);
    const p = canonical === undefined ? undefined : this.current(shop, canonical);
    if (!p || canonical === undefined) return undefined;
    const named = canonical === id || p.handle.toLowerCase() === id.toLowerCase() || c.identity.idsOf(canonical).numericId === id;
    return named ? canonical : undefined;
  }

  /**
   * {@link productOf} for a removal: `undefined` also when the id names the product only through a
   * disputed storefront claim (`ProductIdentity.resolveForRemoval`), which a forged event could have made.
   */
  productToRemove(shop: string, raw: unknown): string | undefined {
    const canonical = this.productOf(shop, raw);
    const id = normalizeId(raw);
    if (canonical === undefined || id === undefined) return canonical;
    const { identity } = this.get(shop);
    // A product written by a delivery and not in the index yet is found under its own id, not by a link.
    return identity.resolve(id) === undefined || identity.resolveForRemoval(id) !== undefined ? canonical : undefined;
  }

  /**
   * The product the store holds under the catalog id `id`, as this process last wrote or read it: a
   * stamped change waiting for the index ({@link applyStamped}) first, else the index's.
   */
  current(shop: string, id: string): Product | undefined {
    const pending = this.#pending.get(shop)?.changes.get(id);
    return pending ? (pending.product ?? undefined) : this.get(shop).index.get(id);
  }

  /** Whether a catalog was imported or synced for `shop` (held by this process or not). */
  has(shop: string): boolean {
    return this.#shops.has(shop) || this.#unloaded.has(shop);
  }
}
