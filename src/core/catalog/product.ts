/**
 * The catalog model every source (CSV import, JSON import, Storefront Catalog MCP sync) normalises into.
 */
import type { Money } from '../money.ts';

/** One purchasable variant of a product. */
export interface Variant {
  /** Normalised variant id (bare numeric id for Shopify, else the source's id). */
  readonly id: string;
  readonly title: string;
  readonly sku?: string;
  readonly price: Money;
  readonly compareAtPrice?: Money;
  readonly available: boolean;
  /** Option values by normalised option name, e.g. `{ color: "Blue", size: "M" }`. */
  readonly options: Readonly<Record<string, string>>;
}

/**
 * A product's values in one market, from the CSV's `Price / <Market>`, `Compare At Price / <Market>`
 * and `Included / <Market>` columns. Prices stay decimal strings: the CSV does not say which currency
 * a market uses, the market configuration does (see src/core/markets/priceFor.ts).
 */
export interface ProductMarketPrice {
  /** Lowest variant price in the market, major-unit decimal string (e.g. `"27.50"`). */
  readonly price?: string;
  readonly compareAtPrice?: string;
  /** `Included / <Market>`: false when the product is not sold in the market. */
  readonly included?: boolean;
}

/** A product, the unit Affinity recommends (variants of one product are never listed twice). */
export interface Product {
  /** Normalised product id. */
  readonly id: string;
  readonly handle: string;
  readonly title: string;
  /** Plain-text description (HTML stripped). */
  readonly description: string;
  readonly vendor: string;
  readonly productType: string;
  /** Shopify/Google product category path, e.g. "Apparel & Accessories > Clothing > Shirts". */
  readonly category: string;
  readonly tags: readonly string[];
  /** Normalised option names with every value seen across variants. */
  readonly options: Readonly<Record<string, readonly string[]>>;
  readonly variants: readonly Variant[];
  readonly images: readonly string[];
  readonly url?: string;
  /** Published on the online store and not archived. */
  readonly published: boolean;
  /** ISO timestamp the product was first seen or created; used for recency. */
  readonly createdAt?: string;
  /** Per-market prices and availability, keyed by the market's name in the CSV header, lower-cased. */
  readonly marketPrices?: Readonly<Record<string, ProductMarketPrice>>;
  /**
   * Who the product is made for, as the shop's data says it (CSV `Google Shopping / Gender` and
   * `Age Group`, or the `shopify.target-gender` / `shopify.age-group` category metafields): `women`,
   * `men` (a unisex product is both), `kids`. Absent: only its words tell (tags, type, title).
   */
  readonly audiences?: readonly ('women' | 'men' | 'kids')[];
  /**
   * When the shop last changed the product (UTC ISO, e.g. Shopify's `updated_at` in a product webhook),
   * when the source said: a change stamped earlier never overwrites it (see `stampedChange.ts`).
   */
  readonly updatedAt?: string;
}

/** Lowest variant price of a product (available variants first). */
export function minPrice(p: Product): Money | undefined {
  const pool = p.variants.some((v) => v.available) ? p.variants.filter((v) => v.available) : p.variants;
  let best: Money | undefined;
  for (const v of pool) if (!best || v.price.amount < best.amount) best = v.price;
  return best;
}

/** A product can be recommended when it is published and at least one variant is available. */
export function isAvailable(p: Product): boolean {
  return p.published && p.variants.some((v) => v.available);
}
