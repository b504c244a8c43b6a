/**
 * Per-shop catalog indexes held in memory (a cache of the durable CatalogStore: losing it costs a
 * reload, nothing else).
 */
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Product } from '../core/catalog/product.ts';
import type { CatalogStore } from '../core/ports.ts';

/** Products whose content neighbours are precomputed per event-loop turn while warming an index. */
const WARM_BATCH = 200;

/** A shop's catalog index (also what the ranker reads: it implements `CatalogLike`). */
export interface ShopCatalog {
  readonly index: CatalogIndex;
}

/** Holds one {@link ShopCatalog} per shop. */
export class CatalogRegistry {
  readonly #store: CatalogStore;
  readonly #shops = new Map<string, ShopCatalog>();
  readonly #versions = new Map<string, number>();
  readonly #empty: ShopCatalog;

  constructor(store: CatalogStore) {
    this.#store = store;
    const index = CatalogIndex.build([]);
    this.#empty = { index };
  }

  /** Loads every shop's catalog from the store. */
  async loadAll(): Promise<void> {
    await this.refresh();
  }

  /**
   * Reloads the shops whose catalog changed in the store since this process last loaded it (an
   * import through another process or API node). Returns the shops reloaded.
   */
  async refresh(): Promise<string[]> {
    const versions = await this.#store.catalogVersions();
    const changed: string[] = [];
    // A shop whose catalog vanished from the store (shop redaction) is dropped here too.
    for (const shop of [...this.#versions.keys()]) {
      if (versions[shop] !== undefined) continue;
      this.#versions.delete(shop);
      this.#shops.delete(shop);
      changed.push(shop);
    }
    for (const [shop, v] of Object.entries(versions)) {
      if (this.#versions.get(shop) === v) continue;
      await this.reload(shop);
      this.#versions.set(shop, v);
      changed.push(shop);
    }
    return changed;
  }

  /** Re-reads one shop's catalog from the store. */
  async reload(shop: string): Promise<ShopCatalog> {
    const index = CatalogIndex.build(await this.#store.listProducts(shop));
    const c = { index };
    this.#shops.set(shop, c);
    this.#warm(shop, c);
    return c;
  }

  /**
   * Computes every product's content neighbours in the background, a few hundred per event-loop
   * turn, so that requests never pay for the first computation. Stops when the index is replaced.
   */
  #warm(shop: string, c: ShopCatalog): void {
    const products = c.index.all();
    let i = 0;
    const step = (): void => {
      if (this.#shops.get(shop) !== c) return;
      const end = Math.min(products.length, i + WARM_BATCH);
      for (; i < end; i++) c.index.contentNeighbours((products[i] as Product).id, 1);
      if (i < products.length) setImmediate(step).unref?.();
    };
    setImmediate(step).unref?.();
  }

  /** Stores products and rebuilds the shop's index. */
  async upsert(shop: string, products: readonly Product[]): Promise<ShopCatalog> {
    await this.#store.upsertProducts(shop, products);
    const version = (await this.#store.catalogVersions())[shop];
    const c = await this.reload(shop);
    if (version !== undefined) this.#versions.set(shop, version);
    return c;
  }

  /** The shop's catalog (empty when none was imported). */
  get(shop: string): ShopCatalog {
    return this.#shops.get(shop) ?? this.#empty;
  }

  shops(): string[] {
    return [...this.#shops.keys()];
  }

  /** Whether a catalog was imported or synced for `shop`. */
  has(shop: string): boolean {
    return this.#shops.has(shop);
  }
}
