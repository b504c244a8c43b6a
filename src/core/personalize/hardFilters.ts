/**
 * Hard constraints are filters, not nudges: a product over budget, of a rejected brand, material,
 * colour, category or term, or not available, is not recommended however well it scores.
 *
 * Budget: the product's price is the one the shopper is shown: in a market with a price list for the
 * product (CSV `Price / <Market>`), that price, in the market's currency (exact, no rate); else its
 * cheapest *available* variant. When the shopper asked for a colour or size the variant options offer
 * ("gold bracelet under 60": Gold 69.99, Silver 55), it is the price of the cheapest available variant
 * of that colour or size (`wantedVariants`), and a market's price list holds for it only when that
 * variant is the one the list's lowest price is for (`soldAs`). It is compared in the currency the
 * shopper stated (a converted budget's `stated`): as it is when the price is in that currency, else
 * converted once with the rate.
 * When the currencies differ and no exchange rate is known, the two are never compared: the product is
 * kept and carries a `budget_currency_unknown` reason, so the caller can tell "within budget" from
 * "unknown". A drop's detail and that reason name the price (`139.00 EUR`).
 *
 * Rejections match accent-folded English and Spanish words: "no leather" / "sin cuero" drop products
 * whose title, type, category, tags, options or description say leather or cuero (but not "vegan
 * leather"), or a leather of the family (suede, ante, gamuza, nubuck); "no stripes" / "sin rayas" drop
 * products whose same fields say striped, stripy, rayas or a pattern of the family (patternMatch.ts);
 * "not Nike" drops the vendor; "not red" drops products whose title or tags say red or whose
 * every available colour is red. A colour or metal ruled out that the colour options tell apart ("not
 * gold" of a product in Gold and Silver) drops the product only when no available variant escapes it;
 * one that does is the variant it is shown and priced as ({@link escapingVariants}).
 */
import type { Product, Variant } from '../catalog/product.ts';
import { dollarSignIn } from '../intent/budget.ts';
import { COLOURS, withShades } from '../intent/colours.ts';
import { materialFamily, MATERIALS } from '../intent/materials.ts';
import type { Rejection } from '../intent/types.ts';
import { englishFeatureWords } from '../intent/featureWords.ts';
import type { Market } from '../markets/market.ts';
import { listedPrice } from '../markets/priceFor.ts';
import { currencyExponent, toMajor, type Money } from '../money.ts';
import { cheapestOf, soldAs } from '../catalog/variantMatch.ts';
import { colourRejection, matchCategory, matchFeaturesOf, titleIsOf, valueHasColour, wantedVariants, type PriceBand, type VariantWish } from './intentScoring.ts';
import { MATERIAL_KEYS, MATERIAL_TEXT_FIELDS, materialFields } from './materialMatch.ts';
import { canonicalPattern, patternHit } from './patternMatch.ts';
import { mayContain, phrase, productText, type TextField } from './productText.ts';
import { boundedMemo } from '../boundedMemo.ts';
import { KeptTables, type KeptTable } from '../keptTables.ts';

/** A price range in major units; `currency` is the one the shopper meant (ISO 4217), if known. */
export interface BudgetConstraint {
  readonly min?: number;
  readonly max?: number;
  readonly currency?: string;
  /**
   * The budget as the shopper stated it, when `min`/`max`/`currency` restate it in another currency for
   * display (budget.ts `ConvertedBudget`): products are then filtered against this one, not the restatement.
   */
  readonly stated?: { readonly min?: number; readonly max?: number; readonly currency: string };
  /** The words it was said in: "under $100" with no currency is in dollars unless the prices' currency is written with "$" (budget.ts `dollarSignIn`). */
  readonly text?: string;
}

/**
 * What a shopper asked of a product's variants: the colours and sizes wished for, and what they ruled
 * out ("not gold"): a product whose silver variant escapes a rejection of gold is sold as that variant.
 */
export type ShopperWish = VariantWish & { readonly rejections?: readonly Rejection[] };

/** Converts one unit of `from` into `to`; `undefined` when the rate is not known. */
export type ExchangeRate = (from: string, to: string) => number | undefined;

/** The constraints of one request. */
export interface HardConstraints {
  readonly budget?: BudgetConstraint;
  readonly rejections?: readonly Rejection[];
  /** Drop unpublished and sold-out products (default true). */
  readonly requireAvailable?: boolean;
  /** The colours and sizes asked for (and what was ruled out): a budget holds for the variants that have them ({@link budgetPrice}). */
  readonly wanted?: ShopperWish;
}

/** Why a product was dropped. */
export type DropReason = 'unavailable' | 'over_budget' | 'under_budget' | 'rejected';

/** A note attached to a kept product. */
export interface ConstraintReason {
  readonly source: 'constraint';
  readonly code: 'budget_currency_unknown';
  readonly budgetCurrency: string;
  readonly priceCurrency: string;
  /** The price that could not be compared, as a drop's detail shows one (`139.00 EUR`). */
  readonly price?: string;
  readonly score: 0;
}

/** The outcome for one product. */
export type FilterResult =
  | { readonly keep: true; readonly reasons: readonly ConstraintReason[] }
  | { readonly keep: false; readonly drop: DropReason; readonly detail?: string };

/** The cheapest available variant's price (undefined when nothing is available). */
export function cheapestAvailablePrice(p: Product): Money | undefined {
  return matchFeaturesOf(p).cheapest;
}

/**
 * The price a budget is held to: in `market`, the product's entry in the market's price list (in the
 * market's currency, as `priceFor` shows it); else, or without a market, the cheapest available
 * variant's. With `wanted` colours or sizes the variant options offer, the product as sold in the
 * available variants that have them ({@link wantedProduct}). `undefined` when it has no price.
 */
export function budgetPrice(p: Product, market?: Market, wanted?: ShopperWish): Money | undefined {
  const picked = pickedVariants(p, wanted);
  if (picked) {
    const shown = soldAs(p, picked);
    return (market && shown.marketPrices ? listedPrice(shown, market) : undefined) ?? cheapestOf(picked);
  }
  return (market && p.marketPrices ? listedPrice(p, market) : undefined) ?? cheapestAvailablePrice(p);
}

/**
 * The product as the shopper who asked for `wanted` colours or sizes would buy it: sold in the
 * available variants that have them (`soldAs`), so its shown price is theirs; the product itself
 * when nothing asked picks a variant (no wish, or one the options do not tell: a tag's colour). A
 * colour or metal ruled out that some variants' options name ("not gold": Gold and Silver variants)
 * leaves the variants that escape it ({@link escapingVariants}).
 */
export function wantedProduct(p: Product, wanted: ShopperWish | undefined): Product {
  if (wanted === undefined || p.variants.length < 2) return p;
  // The same object each time (the answer's memoised product facts are kept per product object).
  const pick = pickOf(p, wanted);
  if (pick.picked === undefined) return p;
  pick.sold ??= soldAs(p, pick.picked);
  return pick.sold;
}

/** What a wish picks of one product: the variants, and the product as sold in them (made when first asked). */
interface WishPick {
  readonly picked: readonly Variant[] | undefined;
  sold: Product | undefined;
}

/** The pick of a product the wish picks nothing of (most products: their options do not tell it); one object for all. */
const NOTHING_PICKED: WishPick = Object.freeze({ picked: undefined, sold: undefined });

/** The picks of one wish; `size` and `kept` are its bounds' (keptTables.ts). */
interface WishPicks extends KeptTable {
  readonly byProduct: WeakMap<Product, WishPick>;
}

/** The kept picks: 256 wishes, and 200,000 picks over all of them (104,000 measured 1.7 MB of heap). */
const PICKS = new KeptTables<WishPicks>(256, 200_000);
/** Picks by the wish object a request passes to every candidate (no key to build again). */
const PICKS_BY_WISH = new WeakMap<ShopperWish, WishPicks>();

/**
 * The picks of one wish, kept across requests: what a wish picks depends only on the product object
 * (immutable; a catalog reload brings new ones) and on the colours, sizes and colour or material
 * rejections the wish holds, which make the key. The budget check, the intent score's reasons and the
 * price shown all ask it of the same products; the size and colour options were read for each.
 */
function picksOf(w: ShopperWish): WishPicks {
  const held = PICKS_BY_WISH.get(w);
  // Picks let go are not found through the wish object either: they would grow again, uncounted.
  if (held !== undefined && held.kept) return held;
  const rs = (w.rejections ?? []).filter((r) => r.kind === 'colour' || r.kind === 'material').map((r) => [r.kind, r.value]);
  const band = w.band ? [w.band.min, w.band.max ?? null, w.band.currency ?? null] : null;
  const t = PICKS.get(JSON.stringify([w.colours ?? [], w.sizes ?? [], rs, band]), () => ({ byProduct: new WeakMap(), size: 0, kept: true }));
  PICKS_BY_WISH.set(w, t);
  return t;
}

/** How many picks are kept, over every wish. */
export function keptWishPicks(): number {
  return PICKS.answers;
}

function pickOf(p: Product, w: ShopperWish): WishPick {
  const t = picksOf(w);
  let pick = t.byProduct.get(p);
  if (pick === undefined) {
    const picked = pickVariantsNow(p, w);
    pick = picked === undefined ? NOTHING_PICKED : { picked, sold: undefined };
    t.byProduct.set(p, pick);
    PICKS.count(t);
  }
  return pick;
}

/** The available variants the wish picks, without those a rejection rules out; `undefined` when it picks none of its own. */
function pickedVariants(p: Product, wanted: ShopperWish | undefined): readonly Variant[] | undefined {
  return wanted === undefined || p.variants.length < 2 ? undefined : pickOf(p, wanted).picked;
}

function pickVariantsNow(p: Product, wanted: ShopperWish): readonly Variant[] | undefined {
  const picked = escapingPick(p, wanted, wantedVariants(p, wanted));
  return wanted.band ? inBand(p, wanted.band, picked) : picked;
}

/** `picked` without the variants a rejection rules out, when some escape it. */
function escapingPick(p: Product, wanted: ShopperWish, picked: readonly Variant[] | undefined): readonly Variant[] | undefined {
  const rs = wanted.rejections;
  if (!rs || rs.length === 0) return picked;
  const escaping = escapingVariants(p, rs);
  if (!escaping) return picked;
  const both = picked ? picked.filter((v) => escaping.includes(v)) : escaping;
  return both.length > 0 ? both : picked;
}

/**
 * Of the variants picked so far (else the available ones), those priced inside the band, when some
 * are and others are not ("a clay pot between 12 and 20 euros": the 15.99 Large, not the 9.99 Small).
 * Prices are compared as they are, in the band's currency: a variant priced in another (a band said
 * in dollars in a euro shop) leaves the pick as it was, and the budget check converts the cheapest.
 */
function inBand(p: Product, band: PriceBand, picked: readonly Variant[] | undefined): readonly Variant[] | undefined {
  const pool = picked ?? p.variants.filter((v) => v.available);
  let inside = 0;
  for (const v of pool) {
    if (band.currency !== undefined && v.price.currency !== band.currency) return picked;
    if (priceInBand(v.price, band)) inside += 1;
  }
  if (inside === 0 || inside === pool.length) return picked;
  return pool.filter((v) => priceInBand(v.price, band));
}

function priceInBand(m: Money, band: PriceBand): boolean {
  const value = toMajor(m);
  return value >= band.min && (band.max === undefined || value <= band.max);
}

/**
 * The values of a product's colour options (`Color`, `Metal`, …; available variants or not): the
 * values a rejection of a colour or metal is read in, variant by variant.
 */
function colourValues(p: Product): ReadonlySet<string> {
  const mf = matchFeaturesOf(p);
  return new Set([...mf.colours, ...mf.soldOutColours]);
}

/** Whether a colour option value names what the rejection rules out (the colour, or the material: "Gold", "Sterling Silver", "Leather"). */
function valueRejected(value: string, r: Rejection): boolean {
  if (r.kind === 'colour') return withShades(r.value).some((c) => valueHasColour(value, c));
  if (r.kind !== 'material') return false;
  const material = MATERIAL_KEYS.has(r.value) ? r.value : canonicalMaterial(r.value);
  if (!material) return false;
  // A metal is also a colour ("dorado", "golden" name gold).
  if (Object.hasOwn(COLOURS, material) && valueHasColour(value, material)) return true;
  const v = ` ${termKey(value)} `;
  return materialFamily(material).some((m) => (MATERIAL_KEYS.get(m) ?? []).some((k) => v.includes(` ${k} `)));
}

/**
 * The available variants that escape the rejections which the product's colour options tell apart
 * ("not gold" of a product in Gold and Silver: the Silver ones), or `undefined` when no rejection is
 * told by the options (none names it, or every variant does): then the product stands or falls whole.
 * A variant escapes when none of its colour option values names what is ruled out.
 */
export function escapingVariants(p: Product, rejections: readonly Rejection[]): readonly Variant[] | undefined {
  if (p.variants.length < 2) return undefined;
  const values = colourValues(p);
  if (values.size === 0) return undefined;
  const told = rejections.filter((r) => (r.kind === 'colour' || r.kind === 'material') && [...values].some((v) => valueRejected(v, r)));
  if (told.length === 0) return undefined;
  const hit = (v: Variant): boolean => Object.values(v.options).some((x) => values.has(x) && told.some((r) => valueRejected(x, r)));
  return p.variants.filter((v) => v.available && !hit(v));
}

const MATERIAL_BY_FORM = new Map<string, string>();
for (const [k, forms] of MATERIAL_KEYS) for (const f of [phrase(k), ...forms]) if (!MATERIAL_BY_FORM.has(f)) MATERIAL_BY_FORM.set(f, k);

/** A shopper's words for a material, including the ones read only in requests ("piel", "ante"). */
const SPOKEN_BY_FORM = new Map<string, string>();
for (const [k, m] of Object.entries(MATERIALS)) for (const f of [...m.forms, ...(m.spoken ?? [])]) if (!SPOKEN_BY_FORM.has(phrase(f))) SPOKEN_BY_FORM.set(phrase(f), k);

/** Canonical material of a word or phrase in either language ("cuero" → "leather"), if known. */
export function canonicalMaterial(text: string): string | undefined {
  return MATERIAL_BY_FORM.get(phrase(text));
}

/**
 * Rejected terms and variant option values as phrases (a request names a few terms, a catalog has few
 * distinct option values; each was folded once per candidate).
 */
const termKey = boundedMemo(phrase, 10_000);

/**
 * The field of the product a rejection hits, or `undefined` when the product is acceptable. A colour
 * or metal ruled out ("not gold") that the product's text says (its tags: "Gold, Silver") but that
 * its colour options tell apart does not hit it while an available variant escapes it (a Silver one):
 * the product is shown as that variant ({@link wantedProduct}). When every available variant is of it,
 * the hit is `variant`.
 */
export function rejectionHit(p: Product, r: Rejection): TextField | 'variant' | undefined {
  const hit = textRejectionHit(p, r);
  if (hit === undefined || (r.kind !== 'colour' && r.kind !== 'material')) return hit;
  const escaping = escapingVariants(p, [r]);
  if (escaping === undefined) return hit;
  return escaping.length > 0 ? undefined : 'variant';
}

/**
 * Whether the colours and materials ruled out leave no variant between them, though each alone does:
 * "nothing gold or silver" of a bracelet sold in Gold and Silver (each variant escapes one rejection,
 * none escapes both), which each {@link rejectionHit} lets through.
 */
export function everyVariantRuledOut(p: Product, rejections: readonly Rejection[]): boolean {
  let n = 0;
  for (const r of rejections) if (r.kind === 'colour' || r.kind === 'material') n += 1;
  if (n < 2) return false;
  const escaping = escapingVariants(p, rejections);
  return escaping !== undefined && escaping.length === 0;
}

/** {@link rejectionHit} read from the product's text and options as a whole (no variant escapes). */
function textRejectionHit(p: Product, r: Rejection): TextField | 'variant' | undefined {
  switch (r.kind) {
    case 'brand': {
      const v = matchFeaturesOf(p).vendorKey;
      const b = termKey(r.value);
      return b !== '' && (v === b || ` ${v} `.includes(` ${b} `)) ? 'vendor' : undefined;
    }
    case 'colour':
      // A metal's colour ruled out ("sin dorado", "nothing golden") rules out the metal too: gold hooks
      // are golden whatever the tags say, as "no gold" reads the colour options (valueRejected).
      return colourRejection(p, r.value) ?? (MATERIAL_KEYS.has(r.value) ? madeOfHit(p, r.value) : undefined);
    case 'category':
      return matchCategory(p, r.value, REJECT_CATEGORY_FIELDS) ?? (titleIsOf(p, r.value) ? 'title' : undefined);
    case 'material':
    case 'term': {
      const material = MATERIAL_KEYS.has(r.value) ? r.value : canonicalMaterial(r.value);
      // A refused pattern ("no stripes", "sin rayas", an agent's must_not "striped") in any of its
      // forms and its family's, in the fields a material is read in (patternMatch.ts).
      const pattern = material ? undefined : canonicalPattern(r.value);
      if (pattern) return patternHit(p, pattern);
      if (!material) {
        const k = termKey(r.value);
        if (k === '') return undefined;
        const t = productText(p);
        // A Spanish word refused is refused in the English shop's words too ("sin mangas": sleeves).
        for (const key of [k, ...englishFeatureWords(k)]) {
          if (!mayContain(t, key)) continue;
          for (const f of MATERIAL_TEXT_FIELDS) if (t.fields[f].includes(` ${key} `)) return f;
        }
        return undefined;
      }
      // A metal or stone that is a colour too ("no gold", "sin oro", "nada de plata", "not turquoise") rules
      // out what is that colour by its words ("Collar Dorado", a "Gold Tone" option), as "que no sea dorado" does.
      return madeOfHit(p, material) ?? (r.kind === 'material' && Object.hasOwn(COLOURS, material) ? colourRejection(p, material) : undefined);
    }
  }
}

/**
 * The field saying the product is made of `material` or one of its family ("no leather" rules out
 * suede and nubuck too: materials.ts MATERIAL_FAMILIES); what each product is made of was worked out
 * once (materialMatch.ts).
 */
function madeOfHit(p: Product, material: string): TextField | undefined {
  const made = materialFields(p);
  for (const m of materialFamily(material)) {
    const f = made.get(m);
    if (f) return f;
  }
  return undefined;
}

/**
 * Where a rejection looks for a category: not anywhere in the title ("boots" rejects Hiking Boots, not a
 * Boot-Shaped Mug), only at the title's head (`titleIsOf`).
 */
const REJECT_CATEGORY_FIELDS: readonly TextField[] = ['category', 'productType', 'tags'];

/** Options of {@link checkProduct}. */
export interface CheckOptions {
  /** Currency a budget without one is read in (the market's); default: the product's own. */
  readonly defaultCurrency?: string;
  readonly rate?: ExchangeRate;
  /**
   * The configured market the request names: a product on its price list is held to that price, the
   * one the shopper is shown ({@link budgetPrice}).
   */
  readonly market?: Market;
}

/** `rate(from, to)`, else the inverse of `rate(to, from)` (a rate known one way only); `undefined` when neither is. */
export function rateBetween(rate: ExchangeRate | undefined, from: string, to: string): number | undefined {
  const ok = (r: number | undefined): r is number => r !== undefined && r > 0 && Number.isFinite(r);
  const direct = rate?.(from, to);
  if (ok(direct)) return direct;
  const inverse = rate?.(to, from);
  return ok(inverse) ? 1 / inverse : undefined;
}

/**
 * The shop's vendor a caller's brand names: the vendor as written, else the one vendor whose name
 * starts with it ("Rustic" of "Rustic LTD", "sterling" of "Sterling Ltd"); `undefined` when none or
 * several do.
 */
export function vendorNamed(brand: string, vendors: readonly string[]): string | undefined {
  const k = phrase(brand);
  if (k === '') return undefined;
  const exact = vendors.find((v) => phrase(v) === k);
  if (exact !== undefined) return exact;
  const starting = [...new Set(vendors.filter((v) => phrase(v).startsWith(`${k} `)))];
  return starting.length === 1 ? starting[0] : undefined;
}

/** Applies the hard constraints to one product. */
export function checkProduct(p: Product, c: HardConstraints, opts: CheckOptions = {}): FilterResult {
  if (c.requireAvailable !== false && !matchFeaturesOf(p).available) return { keep: false, drop: 'unavailable' };
  for (const r of c.rejections ?? []) {
    const hit = rejectionHit(p, r);
    if (hit) return { keep: false, drop: 'rejected', detail: `${r.kind}:${r.value}@${hit}` };
  }
  if (c.rejections && everyVariantRuledOut(p, c.rejections)) return { keep: false, drop: 'rejected', detail: `${c.rejections.map((r) => `${r.kind}:${r.value}`).join('+')}@variant` };
  const reasons: ConstraintReason[] = [];
  // A converted budget is for display: filter in the currency the shopper stated.
  const b = c.budget?.stated ?? c.budget;
  if (b && (b.max !== undefined || b.min !== undefined)) {
    const price = budgetPrice(p, opts.market, c.wanted);
    if (price) {
      // "Under $100" with no currency named: the market's, or the price's, when it is written with "$"; else dollars.
      const readIn = opts.defaultCurrency ?? price.currency;
      const want = (b.currency ?? (c.budget?.text?.includes('$') ? dollarSignIn(readIn) : readIn)).toUpperCase();
      // A price in the budget's currency is compared as it is; another is converted once, with
      // half a minor unit of slack for the rate's rounding ("under 50" keeps 49.995 converted prices).
      let value: number | undefined = toMajor(price);
      let slack = 0;
      if (want !== price.currency) {
        const rate = rateBetween(opts.rate, price.currency, want);
        value = rate === undefined ? undefined : value * rate;
        slack = 0.5 / 10 ** currencyExponent(want);
      }
      if (value === undefined) {
        reasons.push({ source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: want, priceCurrency: price.currency, price: shownPrice(toMajor(price), price.currency), score: 0 });
      } else {
        // The price as shown in a drop's detail is written only for a product dropped.
        if (b.max !== undefined && value > b.max + slack) return { keep: false, drop: 'over_budget', detail: shownPrice(value, want) };
        if (b.min !== undefined && value < b.min - slack) return { keep: false, drop: 'under_budget', detail: shownPrice(value, want) };
      }
    }
  }
  return { keep: true, reasons };
}

/** A price in major units as a drop's detail shows it (`49.99 USD`). */
function shownPrice(value: number, currency: string): string {
  return `${value.toFixed(currencyExponent(currency))} ${currency}`;
}

/**
 * Types a free "must not" term from an API caller: a vendor of the shop → brand, a material in either
 * language → material (a metal before its colour), a colour → colour, a pattern → the pattern's
 * canonical term ("stripes" → `striped`), else a term.
 */
export function rejectionOf(term: string, vendors: readonly string[], isColour: (t: string) => string | undefined): Rejection {
  const k = phrase(term);
  const vendor = vendorNamed(term, vendors);
  if (vendor) return { kind: 'brand', value: vendor };
  // A material before a colour, as the shopper's text reads a refusal (rejections.ts): "gold" refused
  // is the metal, which a description names too ("on 14k gold hooks"), not only a colour option.
  const material = canonicalMaterial(term) ?? SPOKEN_BY_FORM.get(k);
  if (material) return { kind: 'material', value: material };
  const colour = isColour(term);
  if (colour) return { kind: 'colour', value: colour };
  // "stripes", "rayas", "Polka Dots": the pattern by its canonical name, as the shopper's text reads it.
  const pattern = canonicalPattern(term);
  if (pattern) return { kind: 'term', value: pattern };
  return { kind: 'term', value: k };
}
