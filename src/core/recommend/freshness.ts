/**
 * How much of an item's demand is recent: its trending count (events halved every day) against its
 * popular count (halved every week), both smoothed, to a power:
 *
 *     factor = ((trending + trendingPrior) / (popular + popularPrior)) ^ power
 *
 * An item in steady demand for weeks has a ratio near 1/7; one that took off today, near 1; one
 * never counted, `trendingPrior / popularPrior`. The ranker multiplies each co-occurring candidate's
 * score by it (`rank.ts`), so that among the items viewed with a product, those in demand now come
 * first. Only the ratio between candidates matters: co-occurrence is normalised by its maximum
 * after it.
 *
 * Measured on the YooChoose validation split beside the second hop (docs/evaluation.md, "Freshness"):
 * what lifts the ranking is the items taking off, chiefly new to the session.
 */
import type { WeightedItem } from './rank.ts';

export interface FreshnessParams {
  /** Exponent of the smoothed ratio (0: every item 1, off). */
  readonly power: number;
  /** Added to an item's trending count. */
  readonly trendingPrior: number;
  /** Added to an item's popular count. */
  readonly popularPrior: number;
}

/** The shape the offline evaluation chose (validation split). */
export const DEFAULT_FRESHNESS_PARAMS: FreshnessParams = Object.freeze({ power: 0.25, trendingPrior: 0.3, popularPrior: 1 });

/** Per-item freshness factors of one shop at one time; an item it never counted gets the prior's. */
export class ItemFreshness {
  readonly #factors = new Map<string, number>();
  readonly #unknown: number;

  /**
   * @param popular every counted item's popular count, decayed to the same time as `trending`
   * @param trending every counted item's trending count
   */
  constructor(popular: Iterable<WeightedItem>, trending: Iterable<WeightedItem>, params: FreshnessParams = DEFAULT_FRESHNESS_PARAMS) {
    const { power, trendingPrior, popularPrior } = params;
    if (!(popularPrior > 0) || !(trendingPrior >= 0) || !(power >= 0)) {
      throw new RangeError(`freshness: popularPrior must be > 0, trendingPrior and power >= 0 (got ${popularPrior}, ${trendingPrior}, ${power})`);
    }
    const factor = (t: number, p: number): number => ((t + trendingPrior) / (p + popularPrior)) ** power;
    this.#unknown = factor(0, 0);
    // Counts of one item under several ids (read before the catalog knew it) are summed.
    const sum = (list: Iterable<WeightedItem>): Map<string, number> => {
      const m = new Map<string, number>();
      for (const { productId, weight } of list) if (weight > 0) m.set(productId, (m.get(productId) ?? 0) + weight);
      return m;
    };
    const trend = sum(trending);
    for (const [productId, p] of sum(popular)) this.#factors.set(productId, factor(trend.get(productId) ?? 0, p));
    // A trending count with no popular one (a popular list cut shorter): the trending count is a lower bound of it.
    for (const [productId, t] of trend) if (!this.#factors.has(productId)) this.#factors.set(productId, factor(t, t));
  }

  /** The factor of `productId` (the prior's when it was never counted). */
  of(productId: string): number {
    return this.#factors.get(productId) ?? this.#unknown;
  }

  /** How many items were counted. */
  get size(): number {
    return this.#factors.size;
  }
}
