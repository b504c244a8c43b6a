/**
 * Online quality of served lists, computed from real traffic (exported by features/analytics/qualityMonitor.ts):
 *
 * - diversity within a list: 1 − mean pairwise similarity of its items, where two items are
 *   similar by half for the same category and by half for the same vendor (0: all alike, 1: all differ);
 * - variation between shoppers: 1 − mean Jaccard overlap of sampled pairs of recent lists served to
 *   different shoppers (0: everybody gets the same list);
 * - intent accuracy: whether a clicked item matches what the list's intent asked for (category,
 *   brand, budget), i.e. the intent extraction validated by the shopper's own choice.
 *
 * Pure: randomness comes in as `rng`.
 */

/** What the similarity of two items looks at. */
export interface ItemFeatures {
  readonly category?: string | undefined;
  readonly vendor?: string | undefined;
}

const norm = (s: string | undefined) => s?.trim().toLowerCase() || undefined;

function similarity(a: ItemFeatures, b: ItemFeatures): number {
  const ca = norm(a.category);
  const va = norm(a.vendor);
  return ((ca !== undefined && ca === norm(b.category) ? 1 : 0) + (va !== undefined && va === norm(b.vendor) ? 1 : 0)) / 2;
}

/** 1 − mean pairwise similarity; null for lists of fewer than two items. */
export function intraListDiversity(items: readonly ItemFeatures[]): number | null {
  if (items.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      sum += similarity(items[i] as ItemFeatures, items[j] as ItemFeatures);
      pairs += 1;
    }
  }
  return 1 - sum / pairs;
}

/** |a ∩ b| / |a ∪ b| (1 for two empty lists). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter += 1;
  return inter / (sa.size + sb.size - inter);
}

/** A recent list for {@link variationBetweenShoppers}. */
export interface ShopperList {
  readonly userId: string;
  readonly items: readonly string[];
}

/**
 * 1 − mean Jaccard of up to `pairs` random pairs of non-empty lists of different shoppers (tries at most
 * 4 × `pairs` draws); null when no such pair was found.
 */
export function variationBetweenShoppers(lists: readonly ShopperList[], pairs: number, rng: () => number): number | null {
  const usable = lists.filter((l) => l.items.length > 0);
  if (usable.length < 2) return null;
  let sum = 0;
  let n = 0;
  for (let tries = 0; tries < pairs * 4 && n < pairs; tries++) {
    const a = usable[Math.floor(rng() * usable.length)] as ShopperList;
    const b = usable[Math.floor(rng() * usable.length)] as ShopperList;
    if (a === b || a.userId === b.userId) continue;
    sum += jaccard(a.items, b.items);
    n += 1;
  }
  return n === 0 ? null : 1 - sum / n;
}

/** What a list's intent asked for (the extracted or stated entities). */
export interface IntentWant {
  readonly categories: readonly string[];
  readonly brands: readonly string[];
  /** Major units; the caller leaves out a budget in another currency than the product's. */
  readonly budget?: { readonly min?: number | undefined; readonly max?: number | undefined; readonly currency?: string | undefined } | undefined;
}

/** The clicked product as the check sees it. */
export interface ClickedProduct {
  /** Category path, product type and tags, any of which may name the category. */
  readonly categoryTerms: readonly string[];
  readonly vendor?: string | undefined;
  /** Lowest price, major units. */
  readonly price?: number | undefined;
}

/**
 * Whether the clicked product is what the intent asked for: every asked category (some term contains
 * it), brand (the vendor) and budget bound holds. `undefined` when the intent asked for none of these
 * (nothing to validate).
 */
export function clickMatchesIntent(p: ClickedProduct, want: IntentWant): boolean | undefined {
  const hasBudget = want.budget !== undefined && (want.budget.min !== undefined || want.budget.max !== undefined);
  if (want.categories.length === 0 && want.brands.length === 0 && !hasBudget) return undefined;
  const terms = p.categoryTerms.map((t) => t.toLowerCase());
  const catOk = want.categories.every((c) => {
    const leaf = (c.split('>').at(-1) ?? c).trim().toLowerCase();
    return terms.some((t) => t.includes(leaf) || (leaf.endsWith('s') && t.includes(leaf.slice(0, -1))));
  });
  const vendor = norm(p.vendor);
  const brandOk = want.brands.every((b) => vendor !== undefined && vendor === norm(b));
  const budgetOk = !hasBudget || p.price === undefined || ((want.budget?.min === undefined || p.price >= want.budget.min) && (want.budget?.max === undefined || p.price <= want.budget.max));
  return catOk && brandOk && budgetOk;
}
