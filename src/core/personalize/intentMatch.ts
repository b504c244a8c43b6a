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
import { canonicalColour } from '../intent/colours.ts';
import type { Rejection } from '../intent/types.ts';
import type { Market } from '../markets/market.ts';
import { listedPrice } from '../markets/priceFor.ts';
import { currencyExponent, formatMoney, toMajor, type Money } from '../money.ts';
import { chooseRelaxation, constraintOutcome, list, statedConstraints, type ConstraintOutcome, type RelaxableConstraint } from './constraints.ts';
import { budgetPrice, checkProduct, everyVariantRuledOut, rateBetween, rejectionHit, rejectionOf, wantedProduct, type ExchangeRate, type ShopperWish } from './hardFilters.ts';
import { bandOf, colourField, hasSize, matchCategory, matchFeaturesOf } from './intentScoring.ts';
import { AUDIENCE_WORD, fitsAudience, heldAudience, refusedAudienceHit } from './wantedAudience.ts';
import { madeOfAny } from './materialMatch.ts';

/**
 * What the checks read of an intent (the MCP tools' resolved intent has this shape): the asked-for
 * categories and brands, what the shopper does not want, and the budget in major units.
 */
export interface CheckedIntent {
  readonly categories: readonly string[];
  readonly brands: readonly string[];
  readonly mustNot: readonly string[];
  readonly budget?: {
    readonly min?: number;
    readonly max?: number;
    readonly currency?: string;
    /** The budget as the shopper stated it, when min/max/currency restate it in another currency (a converted budget). */
    readonly stated?: { readonly min?: number; readonly max?: number; readonly currency: string };
  };
  /** The rejections `mustNot` lists, typed as the text read them (a colour, a material, a pattern): else each word is typed as an API caller's. */
  readonly rejections?: readonly Rejection[];
  /** Colours and sizes asked for: checked, and the budget is checked against the variants that have them. */
  readonly colours?: readonly string[];
  readonly sizes?: readonly string[];
  /** Materials and stones asked for ("leather", "diamond"): checked as the look, with the colours. */
  readonly materials?: readonly string[];
  /** Whom the products are for, said of them ("men") or through the person ("wife"): wantedAudience.ts. */
  readonly audience?: IntentEntities['audience'];
  readonly recipient?: string;
  /** Kinds said of only one of the options compared: preferences, not checked (IntentEntities.soft). */
  readonly soft?: IntentEntities['soft'];
  /** Products on sale were asked for: an available variant's compare-at price above its price. */
  readonly onSale?: boolean;
}

/** One check. */
export interface IntentCheck {
  readonly kind: 'category' | 'brand' | 'colour' | 'material' | 'size' | 'audience' | 'sale' | 'budget' | 'must_not';
  readonly term: string;
  /**
   * For category, brand, colour, material, size, audience: met; for budget: fits; for must_not: not
   * violated. A check that could not be made (a budget in a currency no rate converts the price to) is
   * not ok, and says so (`unchecked`): an agent must not tell the shopper it fits.
   */
  readonly ok: boolean;
  readonly detail: string;
  readonly unchecked?: true;
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

/** Where a check reads prices: the market the shopper is in, and the exchange rates a budget is converted with. */
export interface CheckContext {
  /** The configured market: a product on its price list is held to that price, as recommend_products holds it. */
  readonly market?: Market;
  /** Exchange rates: a price in another currency than the budget's is converted, as recommend_products converts it. */
  readonly rate?: ExchangeRate;
}

/** The typed rejection a `must_not` word stands for: the one read from the text when given, else as an API caller's word is typed. */
function rejectionFor(m: string, p: Product, typed: readonly Rejection[] | undefined): Rejection {
  const k = m.trim().toLowerCase();
  return typed?.find((r) => r.value.trim().toLowerCase() === k) ?? rejectionOf(m, [p.vendor], canonicalColour);
}

/** Where a refused thing was found, in words ("its description"). */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  title: 'its title',
  productType: 'its type',
  category: 'its category',
  tags: 'its tags',
  vendor: 'its vendor',
  options: 'its options',
  description: 'its description',
  variant: 'every available variant',
};

/**
 * Every check of `p` against `intent`, made the way recommend_products filters (hardFilters.ts), so
 * the two cannot disagree: a category as `matchCategory` meets it, and any category named meets the
 * kind (they are alternatives: "a sofa or a couch"); a `must_not` as `rejectionHit` reads the product
 * (title, type, category, tags, options, description, variants), with the rejection typed as the text
 * read it (`intent.rejections`); a budget against `budgetPrice` in `ctx.market`, converted with
 * `ctx.rate` when the currencies differ (said with "≈"), decided by `checkProduct` itself.
 */
export function checkIntent(p: Product, intent: CheckedIntent, ctx: CheckContext = {}): IntentCheck[] {
  const out: IntentCheck[] = [];
  const leafOf = (c: string) => c.split('>').at(-1)?.trim() || c;
  const met = intent.categories.filter((c) => matchCategory(p, c) !== undefined);
  for (const c of intent.categories) {
    const leaf = leafOf(c);
    const self = met.includes(c);
    const other = met[0];
    const detail = self ? `Matches "${leaf}"` : other !== undefined ? `A "${leafOf(other)}", one of the kinds asked for` : `Not a "${leaf}"`;
    out.push({ kind: 'category', term: c, ok: self || other !== undefined, detail });
  }
  for (const b of intent.brands) {
    const ok = p.vendor.toLowerCase() === b.toLowerCase() || containsAll(new Set(tokenize(p.vendor)), b);
    out.push({ kind: 'brand', term: b, ok, detail: ok ? `From ${p.vendor}, as asked` : `Not from ${b}` });
  }
  out.push(...lookChecks(p, intent));
  if (intent.onSale) {
    const ok = matchFeaturesOf(p).onSale;
    out.push({ kind: 'sale', term: 'on sale', ok, detail: ok ? 'On sale, as asked' : 'Not on sale' });
  }
  // "Nothing gold or silver" of a product sold in Gold and Silver: each variant is one ruled out.
  const typed = intent.mustNot.map((m) => rejectionFor(m, p, intent.rejections));
  const allVariants = everyVariantRuledOut(p, typed);
  intent.mustNot.forEach((m, i) => {
    const r = typed[i] as Rejection;
    const hit = rejectionHit(p, r) ?? (allVariants && (r.kind === 'colour' || r.kind === 'material') ? 'variant' : undefined);
    out.push({
      kind: 'must_not',
      term: m,
      ok: hit === undefined,
      detail: hit !== undefined ? `Contains "${m}" (${FIELD_WORDS[hit] ?? hit}), which the shopper does not want` : `No "${m}"`,
    });
  });
  const b = intent.budget;
  if (b && (b.min !== undefined || b.max !== undefined)) {
    // A range with a floor picks the variants inside it, as the list was priced (not one converted from another currency).
    const band = bandOf(b.stated ? undefined : b);
    const wish = { ...(intent.colours ? { colours: intent.colours } : {}), ...(intent.sizes ? { sizes: intent.sizes } : {}), ...(intent.rejections ? { rejections: intent.rejections.filter((r) => r.kind === 'colour' || r.kind === 'material') } : {}), ...(band ? { band } : {}) };
    const price = budgetPrice(p, ctx.market, wish) ?? minPrice(wantedProduct(p, wish));
    if (price) out.push(budgetCheck(p, b, price, wish, ctx));
  }
  return out;
}

/** Where a colour was found, in words. */
const COLOUR_FIELD_WORDS: Readonly<Record<string, string>> = { variant: 'an available variant', title: 'its title', tags: 'its tags', description: 'its description', options: 'its options' };

/**
 * The checks of what the product looks like and whom it is for, as recommend_products holds them
 * (entityFacts.ts, wantedAudience.ts): any colour asked for (an available variant, the title, tags or
 * description), any material asked for (madeOfAny), any size asked for (an available variant; a
 * product listing no sizes is said to be unknown), and
 * not made only for another audience. A kind said of one compared option only is a preference: not
 * checked. One check per kind, as any of its values meets it.
 */
function lookChecks(p: Product, intent: CheckedIntent): IntentCheck[] {
  const out: IntentCheck[] = [];
  const soft = intent.soft ?? [];
  const colours = soft.includes('colour') ? [] : (intent.colours ?? []);
  if (colours.length > 0) {
    const met = colours.map((c) => [c, colourField(p, c)] as const).find(([, f]) => f !== undefined);
    const term = colours.join(', ');
    out.push({ kind: 'colour', term, ok: met !== undefined, detail: met ? `In ${met[0]} (${COLOUR_FIELD_WORDS[met[1] as string] ?? met[1]})` : `Not in ${list(colours, 'or')}` });
  }
  const materials = intent.materials ?? [];
  if (materials.length > 0) {
    const at = madeOfAny(p, materials);
    const term = materials.join(', ');
    out.push({ kind: 'material', term, ok: at !== undefined, detail: at !== undefined ? `Made of or set with ${list(materials, 'or')} (${FIELD_WORDS[at] ?? at})` : `Not made of or set with ${list(materials, 'or')}` });
  }
  const sizes = soft.includes('size') ? [] : (intent.sizes ?? []);
  if (sizes.length > 0) {
    const met = sizes.find((z) => hasSize(p, z));
    // A product that lists no sizes is not known to miss one: not met, and said so (recommend_products
    // shows it after those that have the size, as unchecked).
    const detail = met !== undefined ? `Available in size ${met}` : matchFeaturesOf(p).sizesListed ? `Not available in size ${list(sizes, 'or')}` : `Its sizes are not listed: whether it comes in size ${list(sizes, 'or')} is not known`;
    out.push({ kind: 'size', term: sizes.join(', '), ok: met !== undefined, detail });
  }
  // As recommend_products holds it: an audience said of the products ("men's"), or a woman's or a man's recipient of a kind.
  const wanted = heldAudience(intent);
  if (wanted !== undefined) {
    const ok = fitsAudience(matchFeaturesOf(p).madeFor, intent);
    const who = AUDIENCE_WORD[wanted];
    out.push({ kind: 'audience', term: who, ok, detail: ok ? `Not made only for someone other than ${who}` : `Made for someone other than ${who}` });
  }
  return out;
}

/** The budget check of {@link checkIntent}: decided by `checkProduct` (the hard filter), worded with the price it compared. */
function budgetCheck(p: Product, b: NonNullable<CheckedIntent['budget']>, price: Money, wish: ShopperWish, ctx: CheckContext): IntentCheck {
  // A converted budget is for display: the filter holds the one the shopper stated, in its currency.
  const s = b.stated ?? b;
  const cur = s.currency?.toUpperCase() ?? price.currency;
  const range = budgetRange(s, cur);
  const rate = cur === price.currency ? 1 : rateBetween(ctx.rate, price.currency, cur);
  if (rate === undefined) {
    return { kind: 'budget', term: range, ok: false, unchecked: true, detail: `Budget is in ${cur} but the price is in ${price.currency}, and no exchange rate is configured; not compared (it may or may not fit)` };
  }
  const r = checkProduct(p, { budget: { ...s, currency: cur }, requireAvailable: false, wanted: wish }, { ...(ctx.market ? { market: ctx.market } : {}), ...(ctx.rate ? { rate: ctx.rate } : {}) });
  const listed = ctx.market ? listedPrice(wantedProduct(p, wish), ctx.market) : undefined;
  const where = listed && listed.currency === price.currency && listed.amount === price.amount ? ' in this market' : '';
  const shown = rate === 1 ? (where ? `; ${formatMoney(price)}${where}` : '') : `; ${formatMoney(price)}${where} ≈ ${(toMajor(price) * rate).toFixed(currencyExponent(cur))} ${cur}`;
  return { kind: 'budget', term: range, ok: r.keep, detail: `${r.keep ? 'Within' : 'Outside'} the budget (${range}${shown})` };
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
 * colour, material or audience ("men's") the query names ("leather bracelet"), products on sale ("earrings
 * on sale"), the price range, and what the query rules out ("boots, no leather", never shown).
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
    // "men's jacket": whom the products are for (wantedAudience.ts).
    ...(read?.audience ? { audience: read.audience } : {}),
    // "bracelets, not for men": the men's ones are left out (wantedAudience.ts `refusedAudienceHit`).
    ...(read?.notAudience ? { notAudience: read.notAudience } : {}),
    // "earrings on sale": those on sale (relaxed first, constraints.ts).
    ...(read?.onSale ? { onSale: true as const } : {}),
  };
  const budget = ask.price && (ask.price.min !== undefined || ask.price.max !== undefined) ? { ...ask.price, currency: ask.currency } : undefined;
  const stated = statedConstraints(entities, budget);
  const rows = products
    .filter((p) => !entities.rejections.some((r) => rejectionHit(p, r) !== undefined) && !refusedAudienceHit(matchFeaturesOf(p).madeFor, entities))
    .map((p) => {
      const meets = new Set<RelaxableConstraint>();
      if (entities.categories.some((c) => matchCategory(p, c) !== undefined)) meets.add('category');
      // The look: a colour asked for and a material asked for, both when both are (constraints.ts).
      const colourOk = entities.colours.length === 0 || (entities.soft ?? []).includes('colour') || entities.colours.some((c) => hasColour(p, c));
      const materialOk = !entities.materials || madeOfAny(p, entities.materials) !== undefined;
      if (colourOk && materialOk) meets.add('colour');
      if (entities.brands.some((b) => b.trim().toLowerCase() === p.vendor.trim().toLowerCase())) meets.add('brand');
      if (fitsAudience(matchFeaturesOf(p).madeFor, entities)) meets.add('audience');
      if (matchFeaturesOf(p).onSale) meets.add('sale');
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
