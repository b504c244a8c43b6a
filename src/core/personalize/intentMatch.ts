/**
 * Checks of one product against a resolved intent: does it match the asked-for category and brand,
 * fit the budget, and avoid what the shopper does not want. Used by the base fallback to filter and
 * boost, and by `explain_recommendation` to say why.
 */
import { tokenize } from '../catalog/catalogIndex.ts';
import { minPrice, type Product } from '../catalog/product.ts';
import { extractEntities } from '../intent/entities.ts';
import { detectLanguage } from '../intent/language.ts';
import { compileVocabulary, type CompiledVocabulary } from '../intent/catalogVocabulary.ts';
import type { CatalogVocabulary, IntentEntities } from '../intent/types.ts';
import { toMajor, type Money } from '../money.ts';
import { chooseRelaxation, constraintOutcome, statedConstraints, type ConstraintOutcome, type RelaxableConstraint } from './constraints.ts';
import { rejectionHit, wantedProduct } from './hardFilters.ts';
import { colourField, matchCategory } from './intentScoring.ts';
import { madeOfAny } from './materialMatch.ts';

/**
 * What the checks read of an intent (the MCP tools' resolved intent has this shape): the asked-for
 * categories and brands, what the shopper does not want, and the budget in major units.
 */
export interface CheckedIntent {
  readonly categories: readonly string[];
  readonly brands: readonly string[];
  readonly mustNot: readonly string[];
  readonly budget?: { readonly min?: number; readonly max?: number; readonly currency?: string };
  /** Colours and sizes asked for: the budget is checked against the variants that have them. */
  readonly colours?: readonly string[];
  readonly sizes?: readonly string[];
}

/** One check. */
export interface IntentCheck {
  readonly kind: 'category' | 'brand' | 'budget' | 'must_not';
  readonly term: string;
  /** For category/brand: matched; for budget: fits; for must_not: not violated. */
  readonly ok: boolean;
  readonly detail: string;
}

function words(p: Product): Set<string> {
  return new Set(tokenize([p.title, p.productType, p.category, p.vendor, ...p.tags].join(' ')));
}

function containsAll(have: ReadonlySet<string>, phrase: string): boolean {
  const t = tokenize(phrase);
  return t.length > 0 && t.every((w) => have.has(w));
}

/** A budget in words with its currency ("up to 50 USD", "20–50 EUR", "from 20 USD"). */
export function budgetRange(b: { readonly min?: number; readonly max?: number }, currency: string): string {
  const range = b.min !== undefined && b.max !== undefined ? `${b.min}–${b.max}` : b.max !== undefined ? `up to ${b.max}` : `from ${b.min ?? 0}`;
  return `${range} ${currency}`;
}

/** Every check of `p` against `intent`. */
export function checkIntent(p: Product, intent: CheckedIntent): IntentCheck[] {
  const have = words(p);
  const out: IntentCheck[] = [];
  for (const c of intent.categories) {
    const ok = containsAll(have, c);
    const leaf = c.split('>').at(-1)?.trim() || c;
    out.push({ kind: 'category', term: c, ok, detail: ok ? `Matches "${leaf}"` : `Not a "${leaf}"` });
  }
  for (const b of intent.brands) {
    const ok = p.vendor.toLowerCase() === b.toLowerCase() || containsAll(new Set(tokenize(p.vendor)), b);
    out.push({ kind: 'brand', term: b, ok, detail: ok ? `From ${p.vendor}, as asked` : `Not from ${b}` });
  }
  for (const m of intent.mustNot) {
    const hit = p.vendor.toLowerCase() === m.toLowerCase() || containsAll(have, m);
    out.push({ kind: 'must_not', term: m, ok: !hit, detail: hit ? `Contains "${m}", which the shopper does not want` : `No "${m}"` });
  }
  const b = intent.budget;
  const price = minPrice(wantedProduct(p, intent));
  if (b && (b.min !== undefined || b.max !== undefined) && price) {
    const cur = b.currency?.toUpperCase();
    if (cur && cur !== price.currency) {
      out.push({ kind: 'budget', term: budgetRange(b, cur), ok: true, detail: `Budget is in ${cur} but the price is in ${price.currency}; not compared` });
    } else {
      const v = toMajor(price);
      const ok = (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max);
      // A budget stated without a currency is compared in the price's: it is quoted in it.
      const range = budgetRange(b, price.currency);
      out.push({ kind: 'budget', term: range, ok, detail: ok ? `Within the budget (${range})` : `Outside the budget (${range})` });
    }
  }
  return out;
}

/** Hard constraints: a budget miss or something the shopper does not want. */
export function violatesIntent(checks: readonly IntentCheck[]): boolean {
  return checks.some((c) => !c.ok && (c.kind === 'budget' || c.kind === 'must_not'));
}

/**
 * How a list from a producer that does not check constraints itself (the base fallback) stands against
 * the resolved intent: not satisfied when some item is not of the asked-for category or brand.
 */
export function listConstraints(products: readonly Product[], intent: CheckedIntent): ConstraintOutcome {
  if (products.length === 0) return { satisfied: true };
  const relaxed: RelaxableConstraint[] = [];
  for (const kind of ['brand', 'category'] as const) {
    const wanted = kind === 'brand' ? intent.brands : intent.categories;
    if (wanted.length === 0) continue;
    const misses = products.filter((p) => !checkIntent(p, intent).some((c) => c.kind === kind && c.ok));
    if (misses.length > 0) relaxed.push(kind);
  }
  if (relaxed.length === 0) return { satisfied: true };
  const asked = [...intent.categories.map((c) => c.split('>').at(-1)?.trim() || c), ...intent.brands.map((b) => `from ${b}`)].join(', ');
  return { satisfied: false, relaxed, reason: `Not every product shown matches what was asked for (${asked}); some are other products from the shop.` };
}

/** Whether the product shows the colour (an available variant, the title or the tags; worked out once per product). */
function hasColour(p: Product, colour: string): boolean {
  return colourField(p, colour) !== undefined;
}

/** What a catalog search asked for. */
export interface SearchAsk {
  readonly query?: string;
  readonly category?: string;
  /** Major units of `currency`. */
  readonly price?: { readonly min?: number; readonly max?: number };
  readonly currency: string;
  /** The shop's vocabulary, to read the query's categories the shop's way (else the synonym table's terms). */
  readonly vocabulary?: CatalogVocabulary;
  /** The price the answer shows for a product (default: its cheapest available variant's, `minPrice`). */
  readonly priceOf?: (p: Product) => Money | undefined;
  /** What the query says, when the caller read it already ({@link readSearchQuery}). */
  readonly read?: IntentEntities;
}

/** What a search query names (categories, brands, colours, rejections, a budget), read the shop's way; `undefined` for no query or `*`. */
export function readSearchQuery(query: string | undefined, vocabulary?: CatalogVocabulary): IntentEntities | undefined {
  const q = query?.trim() ?? '';
  return q !== '' && q !== '*' ? extractEntities(q, detectLanguage(q), vocabulary ? { vocabulary: compiledOf(vocabulary) } : {}) : undefined;
}

const compiled = new WeakMap<CatalogVocabulary, CompiledVocabulary>();

/** The compiled vocabulary, once per vocabulary object (the shop's cache keeps one per catalog version). */
function compiledOf(v: CatalogVocabulary): CompiledVocabulary {
  let c = compiled.get(v);
  if (!c) {
    c = compileVocabulary(v);
    compiled.set(v, c);
  }
  return c;
}

/**
 * A search page held to what was asked: the category (the argument, or one the query names), a brand,
 * colour or material the query names ("leather bracelet"), the price range, and what the query rules out ("boots, no leather", never shown).
 * Products that miss are left out while others meet everything; when none does, kinds are relaxed in
 * `RELAX_ORDER` and the outcome says so (core/personalize/constraints.ts).
 */
export function searchConstraints(products: readonly Product[], ask: SearchAsk): { products: Product[]; constraints: ConstraintOutcome } {
  const read = ask.read ?? readSearchQuery(ask.query, ask.vocabulary);
  const entities: IntentEntities = {
    categories: [...new Set([...(ask.category ? [ask.category] : []), ...(read?.categories ?? [])])],
    brands: read?.brands ?? [],
    colours: read?.colours ?? [],
    ...(read?.materials ? { materials: read.materials } : {}),
    sizes: [],
    // A colour or brand the query says of one compared option only is no filter ("red scarf vs silk scarf").
    ...(read?.soft ? { soft: read.soft } : {}),
    rejections: read?.rejections ?? [],
    isGift: false,
  };
  const budget = ask.price && (ask.price.min !== undefined || ask.price.max !== undefined) ? { ...ask.price, currency: ask.currency } : undefined;
  const stated = statedConstraints(entities, budget);
  const rows = products
    .filter((p) => !entities.rejections.some((r) => rejectionHit(p, r) !== undefined))
    .map((p) => {
      const meets = new Set<RelaxableConstraint>();
      if (entities.categories.some((c) => matchCategory(p, c) !== undefined)) meets.add('category');
      // The look: a colour asked for and a material asked for, both when both are (constraints.ts).
      const colourOk = entities.colours.length === 0 || (entities.soft ?? []).includes('colour') || entities.colours.some((c) => hasColour(p, c));
      const materialOk = !entities.materials || madeOfAny(p, entities.materials) !== undefined;
      if (colourOk && materialOk) meets.add('colour');
      if (entities.brands.some((b) => b.trim().toLowerCase() === p.vendor.trim().toLowerCase())) meets.add('brand');
      const price = (ask.priceOf ?? minPrice)(p);
      if (budget && price) {
        const v = toMajor(price);
        // A price in another currency is not compared (the shop filtered it in its own).
        if (price.currency !== budget.currency || ((budget.min === undefined || v >= budget.min - 0.005) && (budget.max === undefined || v <= budget.max + 0.005))) meets.add('budget');
      }
      return { p, meets };
    });
  const fits = (r: (typeof rows)[number], kinds: ReadonlySet<RelaxableConstraint>) => [...kinds].every((k) => r.meets.has(k));
  const { keep, relaxed } = chooseRelaxation(rows, stated, fits);
  const kept = rows.filter((r) => fits(r, keep)).map((r) => r.p);
  const constraints = constraintOutcome({ entities, budget, stated, relaxed, empty: kept.length === 0 });
  return { products: kept, constraints };
}
