/**
 * Which variants the shop simulator's `get_product` returns, as UCP's catalog lookup specifies it
 * (`catalog/lookup.md` "Get Product", `catalog_lookup.json` `detail_product`):
 *
 * - **By variant id**: that variant first (featured); the effective selections are its options, and
 *   the rest are the variants with the same options. `selected` is ignored.
 * - **By product id**: the featured variant (the first available one matching the effective
 *   selections, else the first matching) and the other variants matching them. The effective
 *   selections are the request's `selected`, relaxed until some variant matches (the selections
 *   `preferences` does not name go first, from the last; then `preferences` from its end); with no
 *   selection (or none left), the featured variant's own options.
 *
 * So a product asked for without a selection comes with its featured variant alone, not every variant.
 * Each option value carries `exists` and `available` relative to the effective selections (the other
 * options held, this one set to the value). Pure.
 */
import type { Product, Variant } from '../../core/catalog/product.ts';

/** An option selection (`types/selected_option.json`). */
export interface SelectedOption {
  readonly name: string;
  readonly label: string;
}

/** An option value with UCP's availability signals (`types/detail_option_value.json`). */
export interface DetailOptionValue {
  readonly label: string;
  /** Some variant with this value and the other effective selections is available. */
  readonly available: boolean;
  /** Some variant has this value and the other effective selections. */
  readonly exists: boolean;
}

/** What `get_product` answers about a product's variants. */
export interface VariantSelection {
  /** The featured variant first, then the other variants matching {@link selected}. */
  readonly variants: readonly Variant[];
  /** The effective selections (empty for a product without options). */
  readonly selected: readonly SelectedOption[];
  /** The product's options, each value with availability signals relative to {@link selected}. */
  readonly options: readonly { readonly name: string; readonly values: readonly DetailOptionValue[] }[];
}

/** What the request asked: a variant id (it decides the selection), or selections and their relaxation order. */
export interface SelectionRequest {
  readonly variantId?: string;
  readonly selected?: readonly SelectedOption[];
  readonly preferences?: readonly string[];
}

function matches(v: Variant, selected: readonly SelectedOption[]): boolean {
  return selected.every((s) => v.options[s.name] === s.label);
}

/** A variant's options as selections, in the product's option order. */
function selectionsOf(p: Product, v: Variant): SelectedOption[] {
  return Object.keys(p.options).flatMap((name) => (v.options[name] !== undefined ? [{ name, label: v.options[name] as string }] : []));
}

/** The order selections are dropped in: those `preferences` does not name (last first), then `preferences` from its end. */
function relaxationOrder(selected: readonly SelectedOption[], preferences: readonly string[]): string[] {
  const named = new Set(preferences);
  const unnamed = selected.map((s) => s.name).filter((n) => !named.has(n)).reverse();
  return [...unnamed, ...[...preferences].reverse()];
}

/** The request's selections, relaxed until some variant matches them all (possibly none left). */
function relax(p: Product, selected: readonly SelectedOption[], preferences: readonly string[]): SelectedOption[] {
  let effective = [...selected];
  for (const name of relaxationOrder(selected, preferences)) {
    if (p.variants.some((v) => matches(v, effective))) break;
    effective = effective.filter((s) => s.name !== name);
  }
  return effective;
}

function featuredOf(candidates: readonly Variant[]): Variant | undefined {
  return candidates.find((v) => v.available) ?? candidates[0];
}

/** The variants, effective selections and option availability `get_product` answers for `p`. */
export function selectVariants(p: Product, req: SelectionRequest): VariantSelection {
  const exact = req.variantId === undefined ? undefined : p.variants.find((v) => v.id === req.variantId);
  let featured: Variant | undefined;
  let selected: SelectedOption[];
  if (exact) {
    featured = exact;
    selected = selectionsOf(p, exact);
  } else {
    const relaxed = relax(p, req.selected ?? [], req.preferences ?? []);
    featured = featuredOf(p.variants.filter((v) => matches(v, relaxed)));
    selected = relaxed.length > 0 || !featured ? relaxed : selectionsOf(p, featured);
  }
  const variants = featured ? [featured, ...p.variants.filter((v) => v !== featured && matches(v, selected))] : [];
  const options = Object.entries(p.options).map(([name, labels]) => {
    const others = selected.filter((s) => s.name !== name);
    return {
      name,
      values: labels.map((label) => {
        const combos = p.variants.filter((v) => v.options[name] === label && matches(v, others));
        return { label, available: combos.some((v) => v.available), exists: combos.length > 0 };
      }),
    };
  });
  return { variants, selected, options };
}
