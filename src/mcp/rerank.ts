/**
 * Re-ranking a page of search results for one shopper: relevance order stays the main signal and
 * the shopper's decayed affinities (categories, types, brands, tags) and price band move products
 * within the page. Pure.
 */
import { featureKeysOf } from '../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../core/catalog/product.ts';
import { toMajor } from '../core/money.ts';
import type { ProfileView } from '../core/profile/profileView.ts';
import { featureLabel } from './present.ts';

/** Share of the final score that comes from the shopper (the rest is the search order). */
export const PERSONAL_WEIGHT = 0.3;
/** Affinity added when the price falls within the shopper's usual band. */
export const PRICE_BAND_BONUS = 0.25;
/** Smallest affinity weight reported as a match. */
const MIN_MATCH = 0.05;

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

/** Affinity of a profile to one product, and what matched. */
export function affinityOf(p: Product, view: ProfileView): { affinity: number; matches: string[] } {
  let affinity = 0;
  const matches: string[] = [];
  for (const k of featureKeysOf(p)) {
    const w = view.affinities.get(k) ?? 0;
    affinity += w;
    if (w >= MIN_MATCH) matches.push(k.startsWith('vendor:') ? p.vendor : featureLabel(k).value);
  }
  const price = minPrice(p);
  const band = view.priceBand;
  if (band && price) {
    const v = toMajor(price);
    if (v >= band.low && v <= band.high) {
      affinity += PRICE_BAND_BONUS;
      matches.push('usual price range');
    }
  }
  return { affinity, matches };
}

/** The page in personalized order (search order when there is no profile). */
export function rerankForShopper(products: readonly Product[], view: ProfileView | undefined): RerankedProduct[] {
  const rows = products.map((product, position) => ({ product, position, ...(view ? affinityOf(product, view) : { affinity: 0, matches: [] }) }));
  const max = Math.max(0, ...rows.map((r) => r.affinity));
  if (!view || max <= 0) return rows;
  const n = rows.length;
  const score = (r: RerankedProduct) => (1 - PERSONAL_WEIGHT) * (1 - r.position / n) + PERSONAL_WEIGHT * (r.affinity / max);
  return [...rows].sort((a, b) => score(b) - score(a) || a.position - b.position);
}
