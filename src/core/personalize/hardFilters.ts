/**
 * Hard constraints are filters, not nudges: a product over budget, of a rejected brand, material,
 * colour, category or term, or not available, is not recommended however well it scores.
 *
 * Budget: the product's price is its cheapest *available* variant. When the budget's currency differs
 * from the price's and no exchange rate is known, the two are never compared: the product is kept and
 * carries a `budget_currency_unknown` reason, so the caller can tell "within budget" from "unknown".
 *
 * Rejections match accent-folded English and Spanish words: "no leather" / "sin cuero" drop products
 * whose title, type, category, tags, options or description say leather or cuero (but not "vegan
 * leather"), or a leather of the family (suede, ante, gamuza, nubuck); "not Nike" drops the vendor; "not red" drops products whose title or tags say red or whose
 * every available colour is red.
 */
import type { Product } from '../catalog/product.ts';
import { isAvailable } from '../catalog/product.ts';
import { materialFamily, MATERIALS } from '../intent/materials.ts';
import type { Rejection } from '../intent/types.ts';
import { toMajor, type Money } from '../money.ts';
import { availableColours, colourKeys, matchCategory, valueHasColour } from './intentScoring.ts';
import { mayContain, phrase, productText, type TextField } from './productText.ts';

/** A price range in major units; `currency` is the one the shopper meant (ISO 4217), if known. */
export interface BudgetConstraint {
  readonly min?: number;
  readonly max?: number;
  readonly currency?: string;
}

/** Converts one unit of `from` into `to`; `undefined` when the rate is not known. */
export type ExchangeRate = (from: string, to: string) => number | undefined;

/** The constraints of one request. */
export interface HardConstraints {
  readonly budget?: BudgetConstraint;
  readonly rejections?: readonly Rejection[];
  /** Drop unpublished and sold-out products (default true). */
  readonly requireAvailable?: boolean;
}

/** Why a product was dropped. */
export type DropReason = 'unavailable' | 'over_budget' | 'under_budget' | 'rejected';

/** A note attached to a kept product. */
export interface ConstraintReason {
  readonly source: 'constraint';
  readonly code: 'budget_currency_unknown';
  readonly budgetCurrency: string;
  readonly priceCurrency: string;
  readonly score: 0;
}

/** The outcome for one product. */
export type FilterResult =
  | { readonly keep: true; readonly reasons: readonly ConstraintReason[] }
  | { readonly keep: false; readonly drop: DropReason; readonly detail?: string };

/** The cheapest available variant's price (undefined when nothing is available). */
export function cheapestAvailablePrice(p: Product): Money | undefined {
  let best: Money | undefined;
  for (const v of p.variants) if (v.available && (!best || v.price.amount < best.amount)) best = v.price;
  return best;
}

/**
 * Canonical material → the forms that say a product is made of it. The canonical name is not added
 * by itself: "down" names the material but, alone in product text, is mostly a direction.
 */
const MATERIAL_KEYS = new Map<string, readonly string[]>(
  Object.entries(MATERIALS).map(([k, m]) => [k, [...new Set([...m.forms, ...(m.written ?? [])].map(phrase))]]),
);
const MATERIAL_BY_FORM = new Map<string, string>();
for (const [k, forms] of MATERIAL_KEYS) for (const f of [phrase(k), ...forms]) if (!MATERIAL_BY_FORM.has(f)) MATERIAL_BY_FORM.set(f, k);

/** A shopper's words for a material, including the ones read only in requests ("piel", "ante"). */
const SPOKEN_BY_FORM = new Map<string, string>();
for (const [k, m] of Object.entries(MATERIALS)) for (const f of [...m.forms, ...(m.spoken ?? [])]) if (!SPOKEN_BY_FORM.has(phrase(f))) SPOKEN_BY_FORM.set(phrase(f), k);

/** Canonical material of a word or phrase in either language ("cuero" → "leather"), if known. */
export function canonicalMaterial(text: string): string | undefined {
  return MATERIAL_BY_FORM.get(phrase(text));
}

/** Words before a material that make it something else ("vegan leather" is not leather). */
const NEGATING_PREFIX: Readonly<Record<string, readonly string[]>> = {
  leather: ['faux', 'vegan', 'pu', 'imitation', 'synthetic', 'fake', 'leather-free', 'sintetico', 'sintetica', 'vegano', 'vegana', 'imitacion'],
  fur: ['faux', 'fake', 'sintetico', 'sintetica'],
  suede: ['faux', 'vegan', 'imitation', 'synthetic', 'fake', 'micro', 'sintetico', 'sintetica', 'vegano', 'vegana', 'imitacion'],
  nubuck: ['faux', 'vegan', 'imitation', 'synthetic', 'fake', 'sintetico', 'sintetica', 'imitacion'],
};
/** Words after a material that make it something else ("cuero sintético", "leather-look"). */
const NEGATING_SUFFIX: Readonly<Record<string, readonly string[]>> = {
  leather: ['look', 'effect', 'free', 'sintetico', 'sintetica', 'vegano', 'vegana'],
};

/** Whether the field contains the key as whole words, not negated by a neighbouring word. */
function containsMaterial(field: string, key: string, material: string): boolean {
  const pre = NEGATING_PREFIX[material] ?? [];
  const post = NEGATING_SUFFIX[material] ?? [];
  const needle = ` ${key} `;
  let at = field.indexOf(needle);
  while (at >= 0) {
    const before = field.slice(0, at).trimEnd().split(' ').at(-1) ?? '';
    const after = field.slice(at + needle.length).trimStart().split(' ')[0] ?? '';
    if (!pre.includes(before) && !post.includes(after)) return true;
    at = field.indexOf(needle, at + 1);
  }
  return false;
}

const TEXT_FIELDS: readonly TextField[] = ['title', 'productType', 'category', 'tags', 'options', 'description'];

/** The field of the product a rejection hits, or `undefined` when the product is acceptable. */
export function rejectionHit(p: Product, r: Rejection): TextField | 'variant' | undefined {
  const t = productText(p);
  switch (r.kind) {
    case 'brand': {
      const v = phrase(p.vendor);
      const b = phrase(r.value);
      return b !== '' && (v === b || ` ${v} `.includes(` ${b} `)) ? 'vendor' : undefined;
    }
    case 'colour': {
      for (const f of ['title', 'tags'] as const) if (colourKeys(r.value).some((k) => t.fields[f].includes(` ${k} `))) return f;
      const colours = availableColours(p);
      if (colours.length > 0 && colours.every((c) => valueHasColour(c, r.value))) return 'variant';
      return undefined;
    }
    case 'category':
      return matchCategory(p, r.value, ['category', 'productType', 'tags']);
    case 'material':
    case 'term': {
      const material = MATERIAL_KEYS.has(r.value) ? r.value : canonicalMaterial(r.value);
      if (!material) {
        const k = phrase(r.value);
        if (k === '') return undefined;
        for (const f of TEXT_FIELDS) if (t.fields[f].includes(` ${k} `)) return f;
        return undefined;
      }
      // "No leather" rules out suede and nubuck too (materials.ts MATERIAL_FAMILIES).
      for (const m of materialFamily(material)) {
        // Only the forms whose words the product has at all (a set lookup each) are searched for.
        const keys = (MATERIAL_KEYS.get(m) ?? []).filter((k) => mayContain(t, k));
        if (keys.length === 0) continue;
        for (const f of TEXT_FIELDS) {
          for (const k of keys) if (containsMaterial(t.fields[f], k, m)) return f;
        }
      }
      return undefined;
    }
  }
}

/** Options of {@link checkProduct}. */
export interface CheckOptions {
  /** Currency a budget without one is read in (the market's); default: the product's own. */
  readonly defaultCurrency?: string;
  readonly rate?: ExchangeRate;
}

/** Applies the hard constraints to one product. */
export function checkProduct(p: Product, c: HardConstraints, opts: CheckOptions = {}): FilterResult {
  if (c.requireAvailable !== false && !isAvailable(p)) return { keep: false, drop: 'unavailable' };
  for (const r of c.rejections ?? []) {
    const hit = rejectionHit(p, r);
    if (hit) return { keep: false, drop: 'rejected', detail: `${r.kind}:${r.value}@${hit}` };
  }
  const reasons: ConstraintReason[] = [];
  const b = c.budget;
  if (b && (b.max !== undefined || b.min !== undefined)) {
    const price = cheapestAvailablePrice(p);
    if (price) {
      const want = (b.currency ?? opts.defaultCurrency ?? price.currency).toUpperCase();
      let value: number | undefined = toMajor(price);
      if (want !== price.currency) {
        const rate = opts.rate?.(price.currency, want);
        value = rate !== undefined && rate > 0 ? value * rate : undefined;
      }
      if (value === undefined) {
        reasons.push({ source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: want, priceCurrency: price.currency, score: 0 });
      } else {
        // A cent of rounding slack: "under 50" keeps 49.995 converted prices.
        if (b.max !== undefined && value > b.max + 0.005) return { keep: false, drop: 'over_budget', detail: `${value.toFixed(2)} ${want}` };
        if (b.min !== undefined && value < b.min - 0.005) return { keep: false, drop: 'under_budget', detail: `${value.toFixed(2)} ${want}` };
      }
    }
  }
  return { keep: true, reasons };
}

/**
 * Types a free "must not" term from an API caller: a vendor of the shop → brand, a colour → colour, a
 * material in either language → material, else a term.
 */
export function rejectionOf(term: string, vendors: readonly string[], isColour: (t: string) => string | undefined): Rejection {
  const k = phrase(term);
  const vendor = vendors.find((v) => phrase(v) === k);
  if (vendor) return { kind: 'brand', value: vendor };
  const colour = isColour(term);
  if (colour) return { kind: 'colour', value: colour };
  const material = canonicalMaterial(term) ?? SPOKEN_BY_FORM.get(k);
  if (material) return { kind: 'material', value: material };
  return { kind: 'term', value: k };
}
