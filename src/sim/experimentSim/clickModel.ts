/**
 * The simulated shopper of `affinity simulate-experiment`: a hidden taste, and the known click and
 * purchase model that turns a shown list into clicks, add-to-carts and orders (docs/experiments.md).
 * Pure: the randomness comes in as `rng`.
 *
 * - Taste: a department, one product type in it and a price band (the type's lower, middle or upper
 *   third of prices).
 * - Match of a product: 1 (the type, in the band), 0.6 (the type, outside the band), 0.3 (the
 *   department), 0 (anything else).
 * - Click (position-based model): P(click at position k, from 0) = examine(k) · attract(match), with
 *   examine(k) = 1 / √(k + 1) and attract(m) = 0.02 + 0.38 · m.
 * - Cart after a click: 0.05 + 0.45 · match; order after a cart: 0.6.
 */
import type { Product } from '../../core/catalog/product.ts';
import { departmentOf } from '../shopperSim.ts';

/** What a shopper likes; never sent to Affinity, only shown through their behaviour. */
export interface Taste {
  readonly department: string;
  readonly productType: string;
  /** Price band, minor units, inclusive. */
  readonly low: number;
  readonly high: number;
}

/** The parameters of the model (docs/experiments.md quotes them). */
export const CLICK_MODEL = {
  attractBase: 0.02,
  attractPerMatch: 0.38,
  cartBase: 0.05,
  cartPerMatch: 0.45,
  orderAfterCart: 0.6,
} as const;

/** Price a shopper pays: the first available variant's (what the pixel payloads send), minor units. */
export function priceOf(p: Product): number {
  return (p.variants.find((v) => v.available) ?? p.variants[0])?.price.amount ?? 0;
}

/** How well `p` fits `t`, in [0, 1]. */
export function matchOf(t: Taste, p: Product): number {
  if (p.productType === t.productType) {
    const price = priceOf(p);
    return price >= t.low && price <= t.high ? 1 : 0.6;
  }
  return departmentOf(p) === t.department ? 0.3 : 0;
}

/** Probability that a shopper examining a list clicks the item at `position` (0-based) with this match. */
export function clickProbability(match: number, position: number): number {
  return (CLICK_MODEL.attractBase + CLICK_MODEL.attractPerMatch * match) / Math.sqrt(position + 1);
}

/** Probability that a click on an item with this match ends in the cart. */
export function cartProbability(match: number): number {
  return CLICK_MODEL.cartBase + CLICK_MODEL.cartPerMatch * match;
}

/** Product types with at least `min` available products, by department: where tastes are drawn from. */
function typesOf(products: readonly Product[], min: number): { department: string; productType: string; prices: number[] }[] {
  const byType = new Map<string, { department: string; productType: string; prices: number[] }>();
  for (const p of products) {
    if (!p.variants.some((v) => v.available)) continue;
    const key = `${departmentOf(p)}\u0000${p.productType}`;
    const e = byType.get(key) ?? { department: departmentOf(p), productType: p.productType, prices: [] };
    e.prices.push(priceOf(p));
    byType.set(key, e);
  }
  return [...byType.values()].filter((e) => e.prices.length >= min).sort((a, b) => (a.department + a.productType < b.department + b.productType ? -1 : 1));
}

/** A random taste: a product type (with at least 6 products) and one third of its price range. */
export function drawTaste(products: readonly Product[], rng: () => number): Taste {
  const types = typesOf(products, 6);
  if (types.length === 0) throw new RangeError('the catalog has no product type with 6 available products');
  const t = types[Math.floor(rng() * types.length)] as (typeof types)[number];
  const prices = [...t.prices].sort((a, b) => a - b);
  const third = Math.floor(rng() * 3);
  const at = (q: number) => prices[Math.min(prices.length - 1, Math.floor(q * prices.length))] as number;
  const low = third === 0 ? 0 : at(third / 3);
  const high = third === 2 ? Number.MAX_SAFE_INTEGER : at((third + 1) / 3) - 1;
  return { department: t.department, productType: t.productType, low, high };
}

/** Products a shopper with this taste browses: the best matches first, then the department. */
export function browsePool(products: readonly Product[], t: Taste): Product[] {
  const available = products.filter((p) => p.variants.some((v) => v.available));
  const best = available.filter((p) => matchOf(t, p) === 1);
  return best.length >= 3 ? best : available.filter((p) => matchOf(t, p) >= 0.6);
}
