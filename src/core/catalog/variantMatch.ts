/**
 * Which of a product's variants a shopper's wish for an option value picks ("the gold one", "in
 * Large"), and the product as sold in those variants only.
 *
 * A wish counts only where the product's variant options tell it: some variant has an option of the
 * kind (a colour option for a colour, a size option for a size) with a wanted value. A colour the
 * title or tags name but no variant option does, a size of a product sold without a size option, or
 * a product with one variant: no variant is picked, and the product is what it was (its cheapest
 * available variant, as a shopper who asked nothing of its options sees it).
 *
 * What a value "means" (EN/ES colour names, size charts) is the caller's: a wish carries its own test,
 * so this file reads option names and values only.
 */
import type { Money } from '../money.ts';
import type { Product, Variant } from './product.ts';

/** One kind of option value wished for. */
export interface OptionWish {
  /** Normalised option names (`Product.options` keys) of the kind: `color`, `color de metal`, `size`, … */
  readonly names: RegExp;
  /** Whether an option value is one wished for. */
  readonly wants: (value: string) => boolean;
  /** Whether the variant's options together are one wished for (a jeans' waist and length, two options); absent: none are. */
  readonly together?: (v: Variant) => boolean;
}

/** Whether the variant has an option of the wish's kind with a wanted value (or its options together are one). */
export function variantHas(v: Variant, w: OptionWish): boolean {
  if (w.together?.(v)) return true;
  for (const name in v.options) {
    if (w.names.test(name) && w.wants(v.options[name] as string)) return true;
  }
  return false;
}

/** Whether the product's variant options tell the wish: some variant (available or not) has it. */
export function optionsTell(p: Product, w: OptionWish): boolean {
  return p.variants.length > 1 && p.variants.some((v) => variantHas(v, w));
}

/**
 * The available variants the wishes pick: those with every wish the product's options tell; when no
 * available variant has them all, those with the first such wish alone, then the next ("red in L":
 * the red ones when red L is sold out, else the L ones). `undefined` when the options tell none of the
 * wishes, or no available variant has any of them (the product is then priced as it is).
 */
export function pickVariants(p: Product, wishes: readonly OptionWish[]): readonly Variant[] | undefined {
  if (p.variants.length < 2 || wishes.length === 0) return undefined;
  const told = wishes.filter((w) => optionsTell(p, w));
  if (told.length === 0) return undefined;
  const tries = told.length > 1 ? [told, ...told.map((w) => [w])] : [told];
  for (const ws of tries) {
    const picked = p.variants.filter((v) => v.available && ws.every((w) => variantHas(v, w)));
    if (picked.length > 0) return picked;
  }
  return undefined;
}

/** The lowest price of the variants (`undefined` for none). */
export function cheapestOf(variants: readonly Variant[]): Money | undefined {
  let best: Money | undefined;
  for (const v of variants) if (!best || v.price.amount < best.amount) best = v.price;
  return best;
}

/**
 * The product as sold in `variants` only (a subset of its own): their prices, compare-at prices and
 * availability. A market price list holds one lowest price per product (`ProductMarketPrice`); it is
 * kept only when these variants are the ones that price is for (their lowest price is the product's
 * lowest available one). Else the list's price says nothing of them and is dropped (whether the
 * product is sold in the market is kept), so the product is priced from its base price.
 */
export function soldAs(p: Product, variants: readonly Variant[]): Product {
  if (variants.length === p.variants.length) return p;
  const own = cheapestOf(variants);
  const all = cheapestOf(p.variants.some((v) => v.available) ? p.variants.filter((v) => v.available) : p.variants);
  const sameLow = own !== undefined && all !== undefined && own.amount === all.amount;
  if (sameLow || !p.marketPrices) return { ...p, variants };
  const marketPrices = Object.fromEntries(
    Object.entries(p.marketPrices).map(([k, m]) => [k, m.included !== undefined ? { included: m.included } : {}]),
  );
  return { ...p, variants, marketPrices };
}
