/**
 * Re-ranking a page of search results for one shopper: relevance order stays the main signal and
 * the shopper's decayed affinities (categories, types, brands, tags) and price band move products
 * within the page. Pure.
 */
import { featureKeysOf } from '../catalog/catalogIndex.ts';
import { minPrice, type Product } from '../catalog/product.ts';
import { toMajor } from '../money.ts';
import { profileAffinity } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';

/** Share of the final score that comes from the shopper (the rest is the search order). */
export const PERSONAL_WEIGHT = 0.3;
/** Smallest affinity weight reported as a match. */
const MIN_MATCH = 0.05;

/** The readable part of a profile feature key (`cat:hiking boots` → `hiking boots`). */
function featureValue(feature: string): string {
  return feature.slice(feature.indexOf(':') + 1);
}

/** A product of the page with its personal signal. */
export interface RerankedProduct {
  readonly product: Product;
  /** Position in the search answer, 0-based. */
  readonly position: number;
  /** Raw affinity of the shopper to the product (0 when no profile). */
  readonly affinity: number;
  /** What matched, readable ("hiking boots", "Alpina", "usual price range"). */
  readonly matches: readonly string[];
}

/**
 * Affinity of a profile to one product (`profileAffinity`, as the ranker scores it, each feature times
 * its `specificity` in the shop's catalog when given), and what matched.
 */
export function affinityOf(p: Product, view: ProfileView, specificity?: (key: string) => number): { affinity: number; matches: string[] } {
  const keys = featureKeysOf(p);
  const price = minPrice(p);
  const priceMajor = price ? toMajor(price) : undefined;
  const matches: string[] = [];
  for (const k of keys) if ((view.affinities.get(k) ?? 0) * (specificity?.(k) ?? 1) >= MIN_MATCH) matches.push(k.startsWith('vendor:') ? p.vendor : featureValue(k));
  const band = view.priceBand;
  if (band && priceMajor !== undefined && priceMajor >= band.low && priceMajor <= band.high) matches.push('usual price range');
  return { affinity: profileAffinity(view, keys, priceMajor, specificity).score, matches };
}

/**
 * The page in personalized order (search order when there is no profile). `specificity`: the shop
 * catalog's `CatalogIndex.featureSpecificity`, so that what every product shares neither reorders the
 * page nor is listed as a match.
 */
export function rerankForShopper(products: readonly Product[], view: ProfileView | undefined, specificity?: (key: string) => number): RerankedProduct[] {
  const rows = products.map((product, position) => ({ product, position, ...(view ? affinityOf(product, view, specificity) : { affinity: 0, matches: [] }) }));
  const max = Math.max(0, ...rows.map((r) => r.affinity));
  if (!view || max <= 0) return rows;
  const n = rows.length;
  const score = (r: RerankedProduct) => (1 - PERSONAL_WEIGHT) * (1 - r.position / n) + PERSONAL_WEIGHT * (r.affinity / max);
  return [...rows].sort((a, b) => score(b) - score(a) || a.position - b.position);
}
