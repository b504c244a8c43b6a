/**
 * Products not sold in a market, per shop and market, recomputed when the shop's catalog is reloaded
 * (its generation changes). Every recommender excludes them from a request that names the market.
 */
import type { MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { notSoldIn } from '../../core/markets/priceFor.ts';
import type { Product } from '../../core/catalog/product.ts';

/** What the exclusions are computed from. */
export interface MarketExclusionsOptions {
  readonly markets: Pick<MarketRegistry, 'find'>;
  /** The shop's current products. */
  readonly products: (shop: string) => Iterable<Product>;
  /** The generation of the shop's current catalog (`features/catalog/catalogGenerations.ts`). */
  readonly generation: (shop: string) => number;
}

/** Cached "not sold in" sets. */
export class MarketExclusions {
  readonly #o: MarketExclusionsOptions;
  readonly #unsold = new Map<string, { gen: number; ids: ReadonlySet<string> }>();

  constructor(opts: MarketExclusionsOptions) {
    this.#o = opts;
  }

  /** Ids of the shop's products not sold in the market `input` names, or undefined for no known market. */
  exclude(shop: string, input: unknown): ReadonlySet<string> | undefined {
    const market = this.#o.markets.find({ market: input as string });
    if (!market) return undefined;
    const key = `${shop}\u0000${market.handle}`;
    const gen = this.#o.generation(shop);
    const hit = this.#unsold.get(key);
    if (hit && hit.gen === gen) return hit.ids;
    const ids = notSoldIn(this.#o.products(shop), market);
    this.#unsold.set(key, { gen, ids });
    return ids;
  }
}
