/**
 * A number per loaded catalog of a shop: it changes whenever the shop's catalog is reloaded (a new
 * catalog object in the registry), so a cache of something computed from the catalog (market
 * exclusions, cached answers per market) keys its entries by it and never serves a stale one.
 */

/** Generations of the catalogs `current(shop)` returns. */
export class CatalogGenerations {
  readonly #current: (shop: string) => object;
  readonly #of = new WeakMap<object, number>();
  #next = 0;

  /** @param current the shop's catalog as loaded now (a new object after each reload) */
  constructor(current: (shop: string) => object) {
    this.#current = current;
  }

  /** The generation of the shop's current catalog. */
  of(shop: string): number {
    const c = this.#current(shop);
    let g = this.#of.get(c);
    if (g === undefined) this.#of.set(c, (g = ++this.#next));
    return g;
  }
}
