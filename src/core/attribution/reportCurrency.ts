/**
 * The currency revenue is reported in: the shop's own, as its catalog states it. Pure.
 */
import type { Product } from '../catalog/product.ts';

/**
 * The shop's own currency as its catalog states it (its base currency: the CSV import's `--currency`,
 * the price of every variant): the currency most variants are priced in, the alphabetically first on a
 * tie; undefined for an empty catalog. Revenue is reported in it (analytics.ts).
 */
export function catalogCurrency(products: Iterable<Product>): string | undefined {
  const n = new Map<string, number>();
  for (const p of products) for (const v of p.variants) n.set(v.price.currency.toUpperCase(), (n.get(v.price.currency.toUpperCase()) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Catalog versions' currencies, worked out once per products array (a catalog version is immutable). */
const MEMO = new WeakMap<readonly Product[], string | undefined>();

/** {@link catalogCurrency} of a catalog version, worked out once for it. */
export function shopCurrency(products: readonly Product[]): string | undefined {
  if (!MEMO.has(products)) MEMO.set(products, catalogCurrency(products));
  return MEMO.get(products);
}
