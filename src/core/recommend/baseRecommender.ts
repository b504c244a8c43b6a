/**
 * The base recommender port. Affinity's own hybrid implements it, and so does the adapter that
 * calls a shop's existing recommender over HTTP, so personalization layers can sit on either.
 */
import type { Reason } from './rank.ts';
import type { MarketInput } from '../markets/shopperMarket.ts';

/** What to recommend for. */
export interface RecommendRequest {
  readonly shop: string;
  /** Pixel `clientId`, customer id or the caller's user id; absent for a fully anonymous request. */
  readonly userId?: string;
  /** Product being viewed. */
  readonly productId?: string;
  /** Products in the cart. */
  readonly cart?: readonly string[];
  readonly limit: number;
  /** Let already bought products come back (replenishment); defaults to the shop's setting. */
  readonly allowRepeat?: boolean;
  /**
   * Leave out what the shopper already looked at in the current session (a "discover more" widget).
   * By default such items may come back, because shoppers often return to them (see docs/evaluation.md).
   */
  readonly excludeSeen?: boolean;
  /**
   * The shopper's market as the caller named it: products not sold there are left out, and anonymous
   * answers are cached per market.
   */
  readonly market?: MarketInput;
}

/** Reason given for an item that came from an external recommender (its rank or score). */
export interface ExternalReason {
  readonly source: 'external';
  readonly score: number;
}

/**
 * Reason for a catalog filler in a shop without enough behaviour yet. With `createdAt` (the product's
 * own creation date, as the catalog gives it) it is one of the shop's newest products; without, the
 * catalog did not date it (a CSV export, a catalog sync) and nothing is claimed about its age.
 */
export interface CatalogFillReason {
  readonly source: 'catalog';
  readonly score: number;
  readonly createdAt?: string;
}

/** Why an item is recommended. */
export type BaseReason = Reason | ExternalReason | CatalogFillReason;

/** A recommended product with its base score and structured reasons. */
export interface RecommendedItem {
  readonly productId: string;
  readonly score: number;
  readonly reasons: readonly BaseReason[];
}

/** A source of base recommendations. */
export interface BaseRecommender {
  /** Name reported in responses and metrics (`hybrid`, `external`). */
  readonly name: string;
  recommend(req: RecommendRequest, now: number): Promise<RecommendedItem[]>;
  /** Many requests; implementations load profiles in one round trip. Results align with `reqs`. */
  recommendBatch(reqs: readonly RecommendRequest[], now: number): Promise<RecommendedItem[][]>;
  /**
   * The id whose stored profile and events answer for `userId` in its recommendations (a shopper whose
   * behaviour may not be merged across markets is stored as `<userId>@<market>`). Readers of a
   * shopper's profile (the profile route, `get_shopper_profile`) ask this so that they show what
   * recommendations use. Absent: the id itself.
   */
  profileUserId?(shop: string, userId: string): Promise<string>;
}
