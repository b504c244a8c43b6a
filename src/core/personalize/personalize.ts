/**
 * The personalization layer over any base recommender: hard constraints filter the candidates, then
 * three components, each in [0, 1], are combined:
 *
 * - **intent** `I`: how much of what the shopper said the product matches (`intentScoring.ts`);
 * - **behaviour** `B`: the base score (max-normalised over the candidates) blended with the shopper's
 *   profile affinity (max-normalised; left out for a gift for someone else), `B = (b + β·a) / (1 + β)`,
 *   with β larger when an intent is stated (search candidates have no base score);
 * - **context** `C`: season, nearby holidays and recency (`seasonal.ts`), 0.5 when neutral.
 *
 * `score = wI·I + g·(wB·m·B + wC·C)`, where `m` is the intent type's multiplier of the base score and
 * `g = λ + (1 − λ)·I` gates behaviour and context by the intent when the shopper stated one (an item
 * that matches nothing of it keeps a share λ; with no stated entities `g = 1`). The gate is this
 * layer's refinement of a plain weighted sum: without it a shopper's strongest co-occurrence
 * neighbour outranks the hiking boots they just asked for (see docs/personalization.md for the
 * measurements). Without an intent the ranking is the base's, nudged by affinity and context. Two
 * orders hold before the score: with a size held, the products known to come in it before those that
 * list no sizes (unknown, noted: {@link SizeNotListedReason}); with a category held, the products of
 * the kind said before those only of a narrower kind of its family ("a top": tops, then shirts).
 *
 * Pure and deterministic: ties are broken by product id. What a candidate's entity match costs is
 * paid once per product and set of entities (`entityFacts.ts`), and reasons are built only for the
 * items returned: a request scores a few hundred candidates and returns ten. Over the catalog index,
 * candidates are worked with by position (the ids of a recurring frozen candidate list are looked
 * up once) and the profile's affinity comes from the index's scorer, kept with the profile view.
 */
import { minPrice, type Product } from '../catalog/product.ts';
import { titleKind } from '../intent/vocabularyFromCatalog.ts';
import { APPROXIMATE_TOLERANCE, convertBudget, type ConvertedBudget } from '../intent/budget.ts';
import type { Budget, Intent, IntentEntities } from '../intent/types.ts';
import type { Market } from '../markets/market.ts';
import { convertMoney, currencyExponent, formatMoney, toMajor } from '../money.ts';
import { profileAffinity, type AffinityScorer } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';
import type { BaseReason, RecommendedItem } from '../recommend/baseRecommender.ts';
import { topK } from '../recommend/rank.ts';
import { keepPositions, positionsOf } from '../recommend/listPositions.ts';
import { orderQuotableFirst } from '../recommend/reasonOrder.ts';
import type { KindGroups, KindPeople } from './askedKinds.ts';
import type { ProductAudience } from './productAudience.ts';
import { fitsPerson } from './wantedAudience.ts';
import { budgetText, checkedOutcomeFor, chooseRelaxation, constraintOutcome, kindsOutcome, missesText, namedOutcome, sizesText, statedConstraints, type ConstraintOutcome, type RelaxableConstraint, type Relaxation, type UncheckedNote } from './constraints.ts';
import { docFactsOf, entityFacts, factsOf, factsSlot, intentReasonsOf } from './entityFacts.ts';
import { NOT_SHOWN_MEETS } from './docFacts.ts';
import { budgetPrice, checkProduct, rateBetween, type ConstraintReason, type ExchangeRate } from './hardFilters.ts';
import { featureCandidates, featureIndexOf } from './featureIndex.ts';
import { byPriceEnd } from './priceEnds.ts';
import {
  hasPositiveEntities,
  intentMultiplier,
  matchFeaturesOf,
  MEETS_AUDIENCE,
  MEETS_BRAND,
  MEETS_CATEGORY,
  MEETS_COLOUR,
  MEETS_SIZE,
  MEETS_SIZE_UNLISTED,
  MEETS_FAMILY_ONLY,
  MEETS_KIND_ONLY,
  MEETS_KIN,
  MEETS_PLACE_ONLY,
  MEETS_SALE,
  matchCategory,
  type IntentReason,
  wishOf,
} from './intentScoring.ts';
import { contextFitInto, seasonFitsAt, type ContextFitValues, type HolidayName, type Season, type SeasonFitsAt, type TemporalContext } from './seasonal.ts';
import { isForAnother, type SessionContext } from './sessionContext.ts';

/** Weights of the three components. */
export interface PersonalizeWeights {
  readonly intent: number;
  readonly behaviour: number;
  readonly context: number;
}

/** A dated product is "new in the shop" up to this age, days. */
const NEW_ARRIVAL_DAYS = 60;
/**
 * Share of its base score a catalog filler keeps in behaviour when the shopper stated what they want.
 * A filler (a base item whose only reason is `catalog`: the shop has too little behaviour to rank it)
 * is ordered by the catalog, not by anything shoppers did, so next to a stated intent it only breaks
 * ties: "a wooden table for the garden" in a new shop must not put the newest garden pots before the
 * wooden garden table. Without a stated intent the base order is kept as it is.
 */
const FILLER_BEHAVIOUR_SHARE = 0.1;
/**
 * Weight of a price preference said without a number ("cheap jackets", "lo más barato", "premium"):
 * the candidates are ranked by price, and the end asked for gets up to this much, by rank (so close
 * prices are told apart as well as distant ones). Enough to order products the intent matches
 * equally, not to show a cheap product of another kind.
 */
const PRICE_PREFERENCE_WEIGHT = 0.3;

/** Default component weights. */
export const DEFAULT_PERSONALIZE_WEIGHTS: PersonalizeWeights = Object.freeze({ intent: 0.4, behaviour: 0.35, context: 0.25 });

/** Shape parameters (the defaults are what the offline evaluation chose; see docs/personalization.md). */
export interface PersonalizeParams {
  /**
   * β without a stated intent: weight of profile affinity next to the base score inside behaviour.
   * Set it to 0 over a base that already scores the profile's affinity (the hybrid does): counting it
   * twice cost accuracy offline. An external base that never sees the profile needs it.
   */
  readonly affinityShare: number;
  /**
   * β when the shopper stated an intent: candidates found by catalog search have no base score, so
   * the profile's affinity (vendors, types, tags, price band) is what orders them for this shopper.
   */
  readonly affinityShareIntent: number;
  /** λ: share of behaviour and context kept by an item matching none of the stated intent (1 = no gate). */
  readonly offIntent: number;
  /** Mix of the context component: season fit, holiday fit, recency. */
  readonly season: number;
  readonly holiday: number;
  readonly recency: number;
  /** Recency halves every this many days since `createdAt`. */
  readonly recencyHalfLifeDays: number;
}

/** Default shape. */
export const DEFAULT_PERSONALIZE_PARAMS: PersonalizeParams = Object.freeze({
  affinityShare: 0.25,
  affinityShareIntent: 0.1,
  offIntent: 0.5,
  season: 0.5,
  holiday: 0.35,
  recency: 0.15,
  recencyHalfLifeDays: 60,
});

/** What personalization needs from a catalog (the catalog index satisfies it). */
export interface PersonalizeCatalog {
  get(id: string): Product | undefined;
  featureKeys(id: string): readonly string[];
  priceMajor(id: string): number | undefined;
  /** How much a feature key tells products apart, in [0, 1] (`CatalogIndex.featureSpecificity`); 1 without. */
  featureSpecificity?(key: string): number;
  /** Every product (a stable array per catalog version): a stated colour finds its products through it (`featureIndex.ts`). */
  all?(): readonly Product[];
  /**
   * Position of a product in `all()`, -1 when unknown. With `all` and `affinityScorer` (the catalog
   * index has both), each candidate is looked up once and scored by position.
   */
  indexOf?(id: string): number;
  /**
   * A profile's affinity to products by position, equal to `profileAffinity` (see
   * `CatalogIndex.affinityScorer`, which keeps it while the profile view lives).
   */
  affinityScorer?(profile: ProfileView): AffinityScorer;
}

/** A catalog that scores by position (see {@link PersonalizeCatalog.indexOf}). */
type PositionalCatalog = PersonalizeCatalog & Required<Pick<PersonalizeCatalog, 'all' | 'indexOf' | 'affinityScorer'>>;

function isPositional(c: PersonalizeCatalog): c is PositionalCatalog {
  return typeof c.indexOf === 'function' && typeof c.all === 'function' && typeof c.affinityScorer === 'function';
}

/**
 * Positions of the ids of a frozen candidate list, per catalog (kept beside it, listPositions.ts):
 * catalog search answers and colour candidates are frozen arrays that come back request after
 * request, so their ids are looked up once.
 */
function docsOf(catalog: PositionalCatalog, ids: readonly string[]): Int32Array | undefined {
  if (!Object.isFrozen(ids)) return undefined;
  const held = positionsOf(ids, catalog);
  if (held !== undefined) return held;
  const docs = Int32Array.from(ids, (id) => catalog.indexOf(id));
  keepPositions(ids, catalog, docs);
  return docs;
}

/**
 * Candidates already considered by the running call, by position: `seenAt[doc] === pass` (scratch
 * shared by calls, which are synchronous; each call takes the next `pass`).
 */
let seenAt = new Int32Array(0);
let pass = 0;

/** Starts a call's set of considered positions for a catalog of `size` products. */
function nextPass(size: number): number {
  if (seenAt.length < size) seenAt = new Int32Array(size);
  if (pass === 0x7fffffff) {
    seenAt.fill(0);
    pass = 0;
  }
  return ++pass;
}

/**
 * Whether the product at each position of a catalog version (its `all()` array) has an available
 * variant (`MatchFeatures.available`): 0 not yet looked at, 1 available, 2 not. Read from an array by
 * the position a candidate already has, rather than looked up by product object.
 */
const inStock = new WeakMap<readonly Product[], Uint8Array>();

function inStockAt(products: readonly Product[]): Uint8Array {
  let at = inStock.get(products);
  if (at === undefined) {
    at = new Uint8Array(products.length);
    inStock.set(products, at);
  }
  return at;
}

/** Whether `product`, at `doc` of the catalog whose {@link inStockAt} is `stock`, has an available variant. */
function availableAt(stock: Uint8Array, doc: number, product: Product): boolean {
  let v = stock[doc];
  if (v === 0) {
    v = matchFeaturesOf(product).available ? 1 : 2;
    stock[doc] = v;
  }
  return v === 1;
}

/** The one currency the priced candidates are priced in (undefined: none is priced, or they are in several). */
function soleCurrency(cands: readonly { readonly product: Product | undefined }[]): string | undefined {
  let one: string | undefined;
  for (const c of cands) {
    const cur = c.product ? minPrice(c.product)?.currency : undefined;
    if (cur === undefined) continue;
    if (one === undefined) one = cur;
    else if (cur !== one) return undefined;
  }
  return one;
}

/** Whether a base item's reasons are all a catalog filler's (see {@link FILLER_BEHAVIOUR_SHARE}). */
function onlyFiller(reasons: readonly BaseReason[]): boolean {
  if (reasons.length === 0) return false;
  for (let i = 0; i < reasons.length; i++) if ((reasons[i] as BaseReason).source !== 'catalog') return false;
  return true;
}

/** Products added per request for a stated colour (within the stated categories), like a catalog search's hits. */
export const COLOUR_CANDIDATES = 40;

/** Everything one personalization needs. */
export interface PersonalizeInput {
  /** The base recommender's items, best first. */
  readonly base: readonly RecommendedItem[];
  /** The effective intent (already merged with the session's); defaults to the session's. */
  readonly intent?: Intent;
  readonly profile?: ProfileView;
  readonly session?: SessionContext;
  readonly catalog: PersonalizeCatalog;
  readonly temporal: TemporalContext;
  readonly weights?: PersonalizeWeights;
  readonly limit: number;
  readonly now: number;
  /** Extra candidates (catalog search for the intent's categories and brands), with a base score of 0. */
  readonly candidates?: readonly string[];
  /** Never returned (the current product, the cart). */
  readonly exclude?: ReadonlySet<string>;
  /**
   * The product the request is about (the one viewed or discussed, the request's `productId`): a price
   * the intent says relative to it ("cheaper than that": `IntentEntities.priceRelative`) holds every
   * product to its price ({@link relativeBudget}), unless the intent names the product it compares
   * with (`priceAnchor`: "cheaper than the Dainty Gold Necklace", or the conversation's anchor).
   */
  readonly productId?: string;
  /** Currency of a budget stated without one (the market's; default: `market`'s). */
  readonly currency?: string;
  readonly rate?: ExchangeRate;
  /**
   * The configured market the request names, if any: a product on its price list is held to a budget
   * at that price, the one the shopper is shown (hardFilters.ts `budgetPrice`).
   */
  readonly market?: Market;
  readonly params?: PersonalizeParams;
  /**
   * Products the shopper names to compare ("the Red Sports Tee or the Floral White Top?":
   * comparedPair.ts), or speaks of after comparing them ("the cheaper of the two"). They come first,
   * in the order said, whatever the conversation asked before (a size, a budget): each is shown with a
   * note of what it misses of it ({@link NamedMissReason}) and the outcome says so (constraints.ts
   * `namedOutcome`). Never when unavailable, ruled out or left out. `only`: the list is these products
   * alone; `pick`: the one at that end of the price range alone ("the cheaper of the two").
   */
  readonly named?: { readonly ids: readonly string[]; readonly only?: boolean; readonly pick?: 'low' | 'high' };
  /**
   * Kinds asked for together ("a ring and matching earrings": askedKinds.ts): the best product of each
   * comes first, and a kind the shop has nothing for (that fits what else was asked) is said in the
   * outcome (constraints.ts `kindsOutcome`).
   */
  readonly kinds?: KindGroups;
  /** Per group of `kinds`, whom its part of the request named ("… and a jacket for my husband"): that group's first product suits them. */
  readonly kindPeople?: KindPeople;
}

/**
 * A product the shopper named shown though it misses what was asked earlier: which kinds, and the
 * sentence to quote ("Shown as named, but not available in size M").
 */
export interface NamedMissReason {
  readonly source: 'constraint';
  readonly code: 'named_misses_asked';
  readonly kinds: readonly RelaxableConstraint[];
  readonly detail: string;
  readonly score: 0;
}

/**
 * An item shown for a size asked for though it does not list its sizes (a CSV export's "Default
 * Title" product): not known to miss it, shown after those that have it, with this note; the outcome
 * says `unchecked: ['size']` (constraints.ts `checkedOutcomeFor`).
 */
export interface SizeNotListedReason {
  readonly source: 'constraint';
  readonly code: 'size_not_listed';
  readonly sizes: readonly string[];
  readonly detail: string;
  readonly score: 0;
}

/** The profile affinity behind an item (same shape as the base ranker's affinity reason). */
export interface AffinityReason {
  readonly source: 'affinity';
  readonly feature: string;
  readonly score: number;
}

/** The product fits the season. */
export interface SeasonReason {
  readonly source: 'season';
  readonly season: Season;
  readonly term: string;
  readonly score: number;
}

/** A nearby holiday (its theme, a giftable product before a gifting holiday, a markdown before Black Friday). */
export interface HolidayReason {
  readonly source: 'holiday';
  readonly holiday: HolidayName;
  readonly daysUntil: number;
  readonly via: 'theme' | 'gift' | 'sale';
  readonly score: number;
}

/** A giftable product in a gift conversation. */
export interface GiftReason {
  readonly source: 'gift';
  readonly score: number;
}

/** A recently added product. */
export interface NewArrivalReason {
  readonly source: 'new_arrival';
  readonly ageDays: number;
  readonly score: number;
}

/**
 * An item within a price said relative to the product discussed ("cheaper than that"): an intent
 * reason on the price, with the sentence to quote ("Cheaper than Galaxy Earrings (37.99 USD), as asked").
 */
export type RelativePriceReason = IntentReason & { readonly field: 'price'; readonly detail: string };

/** Every reason a personalized item can carry. */
export type PersonalizeReason = BaseReason | IntentReason | AffinityReason | SeasonReason | HolidayReason | GiftReason | NewArrivalReason | ConstraintReason | NamedMissReason | SizeNotListedReason;

/** A personalized recommendation. */
export interface PersonalizedItem {
  readonly productId: string;
  readonly score: number;
  /** The base recommender's score (0 for candidates this layer added). */
  readonly baseScore: number;
  /** Each in [0, 1]. */
  readonly components: { readonly intent: number; readonly behaviour: number; readonly context: number };
  /** Every reason (the base's scaled to this score, and this layer's), strongest first; case-duplicates merged; constraint notes last. */
  readonly reasons: readonly PersonalizeReason[];
}

/** A candidate while it is scored (one object per candidate; reasons are built only for the items returned). */
interface Cand {
  readonly id: string;
  /** Position in a positional catalog (-1: unknown, or the catalog does not work by position). */
  readonly doc: number;
  readonly product: Product | undefined;
  readonly base: number;
  readonly baseReasons: readonly BaseReason[];
  /** Only a catalog filler in the base list (see {@link FILLER_BEHAVIOUR_SHARE}). */
  readonly filler: boolean;
  readonly notes: readonly ConstraintReason[];
  /** The intent score (0 when nothing stated can match, or the catalog does not know the product). */
  readonly intent: number;
  /** Bits ({@link MEET}) of the relaxable constraints this product meets. */
  readonly meets: number;
  /** Lists no sizes, a size being asked for: held as meeting it, shown after those known to ({@link SizeNotListedReason}). */
  readonly sizeUnlisted: boolean;
  affinity: number;
  affinityFeature: string | undefined;
  /**
   * The context's raw fit (season, holiday and recency mixed, before the 0.5 + 0.5·x of the score; 0 for
   * a product the catalog does not know) and the product's age in days (`undefined`: not dated). The fit
   * itself is worked out again for the items returned only (their reasons quote it).
   */
  contextRaw: number;
  ageDays: number | undefined;
  behaviour: number;
  context: number;
  gate: number;
  bw: number;
  /** What the stated price preference adds (0 without one). */
  priced: number;
  score: number;
}

/** Where each candidate's context fit is worked out in turn (a ranking runs to its end before the next). */
const FIT: ContextFitValues = { season: 0, seasonTerm: undefined, holiday: 0, holidayName: undefined, holidayWhy: undefined, recency: 0, ageDays: undefined };

/** A candidate's context fit, into {@link FIT}: by its catalog position where the season fits are kept so (`fitsAt`). */
function candidateFit(p: Product, doc: number, fitsAt: SeasonFitsAt | undefined, temporal: TemporalContext, now: number, gift: boolean, recencyHalfLifeDays: number): void {
  if (fitsAt && doc >= 0) fitsAt.into(FIT, doc, p, now, recencyHalfLifeDays);
  else contextFitInto(FIT, p, temporal, now, gift, recencyHalfLifeDays);
}

/** A candidate's notes when there are none (one array for all). */
const NO_NOTES: readonly ConstraintReason[] = Object.freeze([]);

/** Bit of each relaxable constraint in {@link Cand.meets}. */
const MEET: Readonly<Record<RelaxableConstraint, number>> = {
  budget: 16, // the others are the intent scorer's bits
  sale: MEETS_SALE,
  audience: MEETS_AUDIENCE,
  category: MEETS_CATEGORY,
  brand: MEETS_BRAND,
  colour: MEETS_COLOUR,
  size: MEETS_SIZE,
};

/**
 * How far a product's price is from a budget it misses, in the budget's currency (0 within it); a
 * product priced in another currency (no rate is applied here) or without a price is put last.
 * `readIn`: the currency a budget stated without one was read in.
 */
function budgetDistance(b: Pick<Budget, 'min' | 'max' | 'currency'>, readIn: string | undefined): (p: Product | undefined) => number {
  return (p) => {
    const price = p ? minPrice(p) : undefined;
    const want = (b.currency ?? readIn ?? price?.currency)?.toUpperCase();
    if (!price || price.currency !== want) return Number.POSITIVE_INFINITY;
    const v = toMajor(price);
    return b.max !== undefined && v > b.max ? v - b.max : b.min !== undefined && v < b.min ? b.min - v : 0;
  };
}

/**
 * The order of a list asked by price: candidates that match what was said first (when something was),
 * then by price, the `end` first; a candidate without a price after those with one.
 */
function priceOrder(end: 'low' | 'high', priceOf: (c: Cand) => number | undefined, stating: boolean): (x: Cand, y: Cand) => number {
  return (x, y) => (stating ? Number(y.intent > 0) - Number(x.intent > 0) : 0) || byPriceEnd(end, priceOf(x), priceOf(y));
}

/**
 * "Up to 30 EUR", then "cheaper than that" of a product priced in USD, with no rate between them: the
 * list is held to the product's price, not to the budget, and says so (`unchecked: ["budget"]`), as the
 * turn that stated the budget did.
 */
function unheldBudget(unheld: Budget, anchor: Product, readIn: string | undefined): UncheckedNote {
  const priced = minPrice(anchor)?.currency;
  const wanted = (unheld.currency ?? readIn ?? '').toUpperCase() || 'its currency';
  return { kind: 'budget', sentence: `These products were not checked against the budget (${budgetText(unheld, readIn)}): their prices are in ${priced ?? 'another currency'} and no exchange rate to ${wanted} is known.` };
}

/**
 * The order of a list asked as a step in price from a product: candidates that match what was said
 * first (when something was), then the prices nearest `from` first; a candidate without a price last.
 */
function stepOrder(from: number, priceOf: (c: Cand) => number | undefined, stating: boolean): (x: Cand, y: Cand) => number {
  const away = (c: Cand): number => {
    const p = priceOf(c);
    return p === undefined ? Number.POSITIVE_INFINITY : Math.abs(p - from);
  };
  return (x, y) => (stating ? Number(y.intent > 0) - Number(x.intent > 0) : 0) || away(x) - away(y);
}

/**
 * What the list is held to where the kind asked for must be let go, tried in turn ({@link Cand.meets}
 * bits): kin to the kind (its broader kind, one that stands in for it, the kind but not the narrower one
 * or not for the place: decision 0015), else a product for the place asked with the kind.
 */
const KIN_TIERS: readonly number[] = [MEETS_CATEGORY | MEETS_KIND_ONLY | MEETS_KIN, MEETS_PLACE_ONLY];

/** Meets the first, second fallback of a relative price that nothing meets ({@link RelativePrice.fallbacks}). */
const MEETS_FALLBACK: readonly number[] = [512, 1024];

/** The bits of a set of constraint kinds. */
function meetMask(kinds: ReadonlySet<RelaxableConstraint>): number {
  let m = 0;
  for (const k of kinds) m |= MEET[k];
  return m;
}

/** A personalized list and how it stands against the request's constraints. */
export interface PersonalizedList {
  readonly items: PersonalizedItem[];
  /** See `constraints.ts`: satisfied, or what was relaxed and why. */
  readonly constraints: ConstraintOutcome;
  /** The budget in the market's currency when the shopper named another (converted, estimated). */
  readonly budget?: ConvertedBudget;
}

/** The label two reasons are merged by when they share it in lower case (their term or feature), if any. */
function mergeLabel(r: PersonalizeReason): string | undefined {
  return 'term' in r && typeof r.term === 'string' ? r.term : 'feature' in r && typeof r.feature === 'string' ? r.feature : undefined;
}

/** Reasons that differ only in case (`Hiking Boots` and `hiking boots`) merged into the first, scores added. */
function mergeReasons(rs: PersonalizeReason[]): PersonalizeReason[] {
  // Most items have no two reasons of one source with a label: they are returned as they are.
  let shared = false;
  for (let i = 1; i < rs.length && !shared; i++) {
    const a = rs[i] as PersonalizeReason;
    if (mergeLabel(a) === undefined) continue;
    for (let j = 0; j < i; j++) {
      const b = rs[j] as PersonalizeReason;
      if (b.source === a.source && mergeLabel(b) !== undefined) {
        shared = true;
        break;
      }
    }
  }
  if (!shared) return rs;
  const out: PersonalizeReason[] = [];
  const at = new Map<string, number>();
  for (const r of rs) {
    const label = mergeLabel(r);
    const seed = 'seed' in r && typeof r.seed === 'string' ? r.seed : '';
    const k = label === undefined ? undefined : `${r.source}\u0000${label.toLowerCase()}\u0000${seed}`;
    const i = k === undefined ? undefined : at.get(k);
    if (i === undefined) {
      if (k !== undefined) at.set(k, out.length);
      out.push(r);
    } else {
      const prev = out[i] as PersonalizeReason;
      out[i] = { ...prev, score: prev.score + r.score } as PersonalizeReason;
    }
  }
  return out;
}

/** Re-ranks the base items (plus extra candidates) for the intent, profile and temporal context. */
export function personalize(input: PersonalizeInput): PersonalizedItem[] {
  return personalizeList(input).items;
}

/**
 * {@link personalize}, with the constraint outcome: the stated category, brand, colour, size and budget
 * hold unless no candidate meets them all, and then are relaxed in `RELAX_ORDER` (constraints.ts).
 */
export function personalizeList(asked: PersonalizeInput): PersonalizedList {
  // "The 2 cheapest necklaces": as many as said, when that is fewer than the request's limit.
  const howMany = (asked.intent ?? asked.session?.intent)?.entities.howMany;
  const input = howMany !== undefined && howMany < asked.limit ? { ...asked, limit: howMany } : asked;
  const w = input.weights ?? DEFAULT_PERSONALIZE_WEIGHTS;
  const prm = input.params ?? DEFAULT_PERSONALIZE_PARAMS;
  const intent = input.intent ?? input.session?.intent;
  const said = intent?.entities;
  const gift = isForAnother(intent, input.session);
  const currency = input.currency ?? input.market?.currency;
  // "under 50 euros" in a USD market: the budget in dollars, at the market's rate, marked estimated.
  const converted = said?.budget ? convertBudget(said.budget, currency, input.rate) : undefined;
  // "Cheaper than that": a budget below the product discussed (with a stated one in its currency, both).
  const relative = said?.priceRelative ? relativeBudget(said, said.priceAnchor ?? input.productId, input.catalog, input.market, converted ?? said.budget, currency, input.rate) : undefined;
  const entities = relative && said ? withAnchorKind(said, relative.anchor) : said;
  const budget: Budget | undefined = relative?.budget ?? converted ?? entities?.budget;
  const rejections = entities?.rejections ?? [];
  const stated = statedConstraints(entities, budget);
  const stating = hasPositiveEntities(entities);
  const exclude = input.exclude ?? new Set<string>();
  const checkOpts = { ...(currency ? { defaultCurrency: currency } : {}), ...(input.rate ? { rate: input.rate } : {}), ...(input.market ? { market: input.market } : {}) };
  const wanted = wishOf(entities);
  const budgetCheck = budget ? { budget, requireAvailable: false, ...(wanted ? { wanted } : {}) } : undefined;
  // The stated budget a relative one is held within: what a list that cannot be cheaper still keeps to.
  const fallbackChecks = (relative?.fallbacks ?? []).map((f) => ({ budget: f.budget, requireAvailable: false, ...(wanted ? { wanted } : {}) }));
  const mix = prm.season + prm.holiday + prm.recency;
  const facts = entities ? entityFacts(entities) : undefined;
  const catalog = isPositional(input.catalog) ? input.catalog : undefined;
  const products = catalog?.all();
  const stock = products ? inStockAt(products) : undefined;
  // Season fits by position: for a context shared by the requests of a market and day (temporalContext's, frozen).
  const fitsAt: SeasonFitsAt | undefined = products && Object.isFrozen(input.temporal) ? seasonFitsAt(input.temporal, gift, products) : undefined;

  // Candidates: base items in order, then extra ones. Availability and rejections always filter.
  // Products of a positional catalog are told apart by position, others (and unknown ids) by id.
  const all: Cand[] = [];
  const seen = new Set<string>();
  const at = products ? nextPass(products.length) : 0;
  // Excluded products of the catalog are marked as considered already: a candidate is then told
  // apart by position alone, without hashing its id.
  if (catalog) {
    for (const id of exclude) {
      const doc = catalog.indexOf(id);
      if (doc >= 0) seenAt[doc] = at;
    }
  }
  // The facts by position: read without touching the product object (docFacts.ts).
  const byDoc = facts && products ? docFactsOf(facts, products) : undefined;
  /** `known`: the id's position when already looked up (else -2). */
  const consider = (id: string, known: number, base: number, baseReasons: readonly BaseReason[]): void => {
    const doc = catalog ? (known === -2 ? catalog.indexOf(id) : known) : -1;
    if (doc >= 0) {
      if (seenAt[doc] === at) return;
      seenAt[doc] = at;
    } else {
      if (seen.has(id) || exclude.has(id)) return;
      seen.add(id);
    }
    const product = products ? (doc >= 0 ? products[doc] : undefined) : input.catalog.get(id);
    let notes: readonly ConstraintReason[] = NO_NOTES;
    let meets = MEET.budget;
    let intentScore = 0;
    let sizeUnlisted = false;
    if (product !== undefined) {
      // Availability, rejections and the intent match: kept per set of entities (entityFacts.ts).
      if (facts) {
        let met: number;
        if (byDoc !== undefined && doc >= 0) {
          const slot = factsSlot(facts, byDoc, doc);
          met = byDoc.meetsAt(slot);
          if (met === NOT_SHOWN_MEETS) return;
          intentScore = byDoc.scoreAt(slot);
        } else {
          const f = factsOf(facts, product);
          if (!f.shown) return;
          met = f.meets;
          intentScore = f.score;
        }
        meets |= met;
        // Not known to miss the size asked for: it meets it, as unchecked.
        if ((met & MEETS_SIZE_UNLISTED) !== 0) {
          meets |= MEETS_SIZE;
          sizeUnlisted = true;
        }
      } else if (stock ? !availableAt(stock, doc, product) : !matchFeaturesOf(product).available) return;
      if (budgetCheck) {
        const b = checkProduct(product, budgetCheck, checkOpts);
        if (b.keep) notes = b.reasons;
        else meets &= ~MEET.budget;
        for (const [k, check] of fallbackChecks.entries()) if (b.keep || checkProduct(product, check, checkOpts).keep) meets |= MEETS_FALLBACK[k] as number;
      }
    } else if (stated.length > 0 || rejections.length > 0) return; // cannot vouch for a product the catalog does not know
    all.push({
      id,
      doc,
      product,
      base: Math.max(0, base),
      baseReasons,
      filler: onlyFiller(baseReasons),
      notes,
      intent: intentScore,
      meets,
      sizeUnlisted,
      affinity: 0,
      affinityFeature: undefined,
      contextRaw: 0,
      ageDays: undefined,
      behaviour: 0,
      context: 0,
      gate: 0,
      bw: 0,
      priced: 0,
      score: 0,
    });
  };
  const extra = (ids: readonly string[]): void => {
    const docs = catalog ? docsOf(catalog, ids) : undefined;
    for (let k = 0; k < ids.length; k++) consider(ids[k] as string, docs ? (docs[k] as number) : -2, 0, []);
  };
  // The base list's positions, when its ranker kept them for this catalog (listPositions.ts).
  const baseDocs = catalog ? positionsOf(input.base, catalog) : undefined;
  for (let k = 0; k < input.base.length; k++) {
    const it = input.base[k] as RecommendedItem;
    consider(it.productId, baseDocs ? (baseDocs[k] as number) : -2, it.score, it.reasons);
  }
  extra(input.candidates ?? []);
  // A stated colour finds its products (within the stated categories) through the feature index: a
  // keyword search for the category may return none of them (40 gold necklaces, not the silver ones).
  if (stating && entities && entities.colours.length > 0 && input.catalog.all) {
    extra(featureCandidates(featureIndexOf(input.catalog.all()), entities, COLOUR_CANDIDATES));
  }
  // Products named to compare are shown whatever was asked before: they are not held to it, and the
  // others are judged without them.
  const named = input.named;
  if (named) extra(named.ids);
  const pinned = named ? named.ids.flatMap((id) => all.filter((c) => c.id === id)) : [];
  const pool = pinned.length > 0 ? all.filter((c) => !pinned.includes(c)) : all;

  /** The title of the request's product when it is available, not ruled out, and meets every stated constraint. */
  function discussedMeetingAll(): string | undefined {
    const id = input.productId;
    if (id === undefined || stated.length === 0 || !facts) return undefined;
    const product = input.catalog.get(id);
    if (!product) return undefined;
    const f = factsOf(facts, product);
    if (!f.shown) return undefined;
    const fits = !budgetCheck || checkProduct(product, budgetCheck, checkOpts).keep;
    const m = meetMask(new Set(stated));
    return ((f.meets | (fits ? MEET.budget : 0)) & m) === m ? product.title : undefined;
  }

  // Stated constraints hold unless nothing meets them all; then relax in order (constraints.ts).
  // Next to products named to compare, the others are alternatives: only those that meet everything
  // asked (none relaxed), so that the answer never says "nothing matches" of a named one that does.
  const others = named?.only && pinned.length > 0 ? [] : pool;
  const exact =
    pinned.length > 0
      ? { keep: new Set(stated), relaxed: [] as RelaxableConstraint[] }
      : chooseRelaxation(others, stated, (c, kinds) => {
          const m = meetMask(kinds);
          return (c.meets & m) === m;
        });
  // The kind let go ("a winter coat" in a shop of jackets, "a choker, not black" where every choker is
  // black, "gold studs under 30" where no earring is gold): its kin (a product of the broader kind, or of
  // one that stands in for it) are held, meeting what else can be kept, before products of any kind
  // (the leather bag for "a leather coat", the gold chokers for the studs).
  // Where no product is kin, those for the place asked with the kind are ("a rug for the living room": the
  // indoor things, not the garden pots a "cheap" after it put first).
  let found: { readonly held: Relaxation; readonly bits: number } | undefined;
  for (const bits of exact.relaxed.includes('category') ? KIN_TIERS : []) {
    const tried = chooseRelaxation(others, stated, (c, kinds) => {
      const m = meetMask(kinds) & ~MEET.category;
      return (c.meets & m) === m && (!kinds.has('category') || (c.meets & bits) !== 0);
    });
    if (tried.keep.has('category')) {
      found = { held: tried, bits };
      break;
    }
  }
  const byKin = found?.held;
  const kinBits = found?.bits ?? 0;
  const kin = (c: Cand): boolean => (c.meets & kinBits) !== 0;
  const kinHeld = byKin !== undefined;
  const keep = byKin ? new Set([...byKin.keep].filter((k) => k !== 'category')) : exact.keep;
  const relaxed = byKin ? stated.filter((k) => k === 'category' || byKin.relaxed.includes(k)) : exact.relaxed;
  // Nothing cheaper (dearer) than the product discussed: the stated budget still holds where anything meets it.
  const fallback = relaxed.includes('budget') ? fallbackChecks.findIndex((_, k) => others.some((c) => (c.meets & (MEETS_FALLBACK[k] as number)) !== 0)) : -1;
  const keepMask = meetMask(keep) | (fallback >= 0 ? (MEETS_FALLBACK[fallback] as number) : 0);
  const meetsKept = (c: Cand): boolean => (c.meets & keepMask) === keepMask;
  const held = kinHeld ? others.filter((c) => meetsKept(c) && kin(c)) : keepMask === 0 ? others : others.filter(meetsKept);
  // Then the items miss the relative price alone, and the outcome says only that.
  const fellBack = relative?.fallbacks?.[fallback];
  const outcomeBudget = fellBack && budget?.words ? { ...budget, words: { asked: budget.words.asked, miss: fellBack.miss } } : budget;
  const cands = pinned.length > 0 ? [...pinned, ...held] : held;
  // A budget stated without a currency was read in the market's: its sentence says so.
  // The product discussed is never in its own list: when it alone meets everything asked ("does it come
  // in silver?" of the one silver bracelet), the outcome says so instead of "nothing in this shop".
  const discussed = relaxed.length > 0 || held.length === 0 ? discussedMeetingAll() : undefined;
  // A budget said without a currency, in a request that names none, was held against each price in its
  // own currency (hardFilters.ts); where the products compared share one (a shop's catalog usually does),
  // the sentences name it ("up to 30 USD", as explain_recommendation says it), not "the products' own".
  const quotedIn = currency ?? (budget && budget.currency === undefined ? soleCurrency(pool) : undefined);
  // With products named to compare, the others' outcome is said only of others that are shown.
  const othersOutcome: ConstraintOutcome =
    pinned.length > 0 && held.length === 0 ? { satisfied: true } : constraintOutcome({ entities, budget: outcomeBudget, stated, relaxed, empty: held.length === 0, ...(quotedIn ? { currency: quotedIn } : {}), ...(discussed ? { discussed } : {}) });
  /** The stated kinds a named product misses. */
  const missesOf = (c: Cand): RelaxableConstraint[] => stated.filter((k) => (c.meets & MEET[k]) === 0);
  let constraints = othersOutcome;
  // Items whose price could not be held to the budget (another currency, no rate): the answer says so.
  // Items that list no sizes, a size being held: the answer says they were not checked for it.
  const sizesHeld = keep.has('size') && entities ? entities.sizes : undefined;
  const done = (items: PersonalizedItem[]): PersonalizedList => {
    const heldBudget = relative ? budget : (converted?.stated ?? budget);
    const notes = relative?.unheld ? [unheldBudget(relative.unheld, relative.anchor, currency)] : undefined;
    const held = { ...(heldBudget ? { budget: heldBudget } : {}), ...(sizesHeld ? { sizes: sizesHeld } : {}), ...(notes ? { notes } : {}) };
    return { items, constraints: checkedOutcomeFor(constraints, held, items), ...(!relative && converted ? { budget: converted } : {}) };
  };
  // Whether the kept items are all within the relative price (its reason says so of each).
  const relativeHeld = relative !== undefined && keep.has('budget');
  if (cands.length === 0) return done([]);

  // Behaviour: base score and profile affinity (not for a present for someone else).
  const profile = gift ? undefined : input.profile;
  // By position, the strongest feature is asked for only for the items returned.
  const scorer = catalog && profile && (profile.affinities.size > 0 || profile.priceBand) ? catalog.affinityScorer(profile) : undefined;
  if (scorer) for (const c of cands) c.affinity += scorer.score(c.doc);
  else if (profile && (profile.affinities.size > 0 || profile.priceBand)) {
    const specificity = input.catalog.featureSpecificity?.bind(input.catalog);
    for (const c of cands) {
      const m = profileAffinity(profile, input.catalog.featureKeys(c.id), profile.priceBand ? input.catalog.priceMajor(c.id) : undefined, specificity);
      c.affinity += m.score;
      if (m.feature !== undefined) c.affinityFeature = m.feature;
    }
  }
  let maxBase = 0;
  let maxAff = 0;
  // "New in the shop" only when it sets a product apart: not when most candidates are as new (a
  // catalog import or sync that dates every product the same day would otherwise make all of them "new").
  let recent = 0;
  for (const c of cands) {
    if (c.product) {
      candidateFit(c.product, c.doc, fitsAt, input.temporal, input.now, gift, prm.recencyHalfLifeDays);
      c.contextRaw = mix > 0 ? (prm.season * FIT.season + prm.holiday * FIT.holiday + prm.recency * FIT.recency) / mix : 0;
      c.ageDays = FIT.ageDays;
    }
    if (c.base > maxBase) maxBase = c.base;
    if (c.affinity > maxAff) maxAff = c.affinity;
    if (c.ageDays !== undefined && c.ageDays <= NEW_ARRIVAL_DAYS) recent++;
  }
  const newIsNews = recent > 0 && recent * 2 <= cands.length;

  // "Cheap" / "premium": each priced candidate's rank by price, the end asked for first. Said as a step
  // from a product ("a bit dearer", "something cheaper than that"), the prices nearest that product's
  // come first; a large step ("much cheaper") keeps the far end first.
  const preference = entities?.pricePreference;
  // The price a step is taken from: the compared product's, unless the step is a large one. "Around 45"
  // (an approximate budget, its cap the amount × APPROXIMATE_TOLERANCE): the prices nearest 45 first.
  const around = !preference && !relative && budget?.approximate && budget.max !== undefined ? budget.max / APPROXIMATE_TOLERANCE : undefined;
  const near = relative && !entities?.priceFar ? input.catalog.priceMajor(relative.anchor.id) : around;
  const aroundIn = around !== undefined ? (budget?.currency ?? currency)?.toUpperCase() : undefined;
  if (preference || around !== undefined) {
    const priced = cands.flatMap((c) => {
      // Said around an amount, only prices in its currency are compared with it.
      if (around !== undefined && aroundIn !== undefined && (c.product ? minPrice(c.product)?.currency : undefined) !== aroundIn) return [];
      const p = input.catalog.priceMajor(c.id);
      return p === undefined ? [] : [{ c, p }];
    });
    if (near !== undefined) priced.sort((a, b) => Math.abs(a.p - near) - Math.abs(b.p - near));
    else priced.sort((a, b) => (preference === 'low' ? a.p - b.p : b.p - a.p));
    const last = priced.length - 1;
    // Equal prices share the better rank; all equal, the preference orders nothing.
    const spread = last > 0 && (priced[0] as { p: number }).p !== (priced[last] as { p: number }).p;
    for (let k = 0, r = 0; k <= last && spread; k++) {
      const x = priced[k] as { c: Cand; p: number };
      if (k > 0 && x.p !== (priced[k - 1] as { p: number }).p) r = k;
      x.c.priced = PRICE_PREFERENCE_WEIGHT * (1 - r / last);
    }
  }
  const m = intentMultiplier(intent);
  const beta = stating ? prm.affinityShareIntent : prm.affinityShare;
  for (const c of cands) {
    const b = maxBase > 0 ? ((stating && c.filler ? FILLER_BEHAVIOUR_SHARE : 1) * c.base) / maxBase : 0;
    const a = maxAff > 0 ? c.affinity / maxAff : 0;
    const behaviour = (b + beta * a) / (1 + beta);
    const I = c.intent;
    const C = Math.max(0, Math.min(1, 0.5 + 0.5 * c.contextRaw));
    const gate = stating ? prm.offIntent + (1 - prm.offIntent) * I : 1;
    const bw = gate * w.behaviour * m;
    c.behaviour = behaviour;
    c.context = C;
    c.gate = gate;
    c.bw = bw;
    c.score = w.intent * I + bw * behaviour + gate * w.context * C + c.priced;
  }
  // No product is put first for its title words alone: "a winter jacket for my son", "a striped shirt"
  // or "something similar to the zipped jacket" name a sort or a comparison, not the product to show
  // (a regression review of such a rule, 2026-12-04). Title words rank through the intent score.
  // A size held: the products known to come in it before those that do not list their sizes (whose
  // size is unknown), whatever their scores ("a women's top, size M": the top in M, then the others).
  // A kind held: the products of the kind said before those only of a narrower kind of its family
  // ("a top": the tops, then the shirts and jumpers a best seller among them would otherwise lead).
  const kindHeld = keep.has('category');
  const memberOnly = (c: Cand): number => (kindHeld && (c.meets & MEETS_FAMILY_ONLY) !== 0 ? 1 : 0);
  // "The cheapest necklace", "sort by price": by price, the end asked for first, among the products
  // that match what was said (those that match nothing of it after), then by score.
  const priceOf = (c: Cand): number | undefined => input.catalog.priceMajor(c.id);
  const byPrice = entities?.byPrice && preference ? priceOrder(preference, priceOf, stating) : undefined;
  // "A bit cheaper than this", "much dearer": by price as the step asked (the nearest to the compared
  // product's first, or the far end for a large step), among the products that match what was said.
  const byStep = !byPrice && relative && preference ? (near !== undefined ? stepOrder(near, priceOf, stating) : priceOrder(preference, priceOf, stating)) : undefined;
  // A budget nothing meets: "the closest products are shown", so the nearest to it in price come first.
  const distance = relaxed.includes('budget') && fallback < 0 && budget ? budgetDistance(budget, currency) : undefined;
  const byDistance = distance ? (x: Cand, y: Cand): number => distance(x.product) - distance(y.product) : undefined;
  const order = (x: Cand, y: Cand): number =>
    (sizesHeld ? Number(x.sizeUnlisted) - Number(y.sizeUnlisted) : 0) ||
    memberOnly(x) - memberOnly(y) ||
    (byPrice ? byPrice(x, y) : 0) ||
    (byStep ? byStep(x, y) : 0) ||
    (byDistance ? byDistance(x, y) : 0) ||
    y.score - x.score ||
    (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  // Products named to compare first, in the order said; "the cheaper of the two" is that one alone.
  const picked = named?.pick && pinned.length > 1 ? pickByPrice(pinned, named.pick, input.catalog) : undefined;
  const head = picked ? [picked] : pinned;
  // Kinds asked for together: the best of each first; a kind with nothing that fits is said.
  const groups = input.kinds && input.kinds.length > 1 && head.length === 0 && keep.has('category') ? input.kinds : undefined;
  // Only the first `limit` after the products named are returned: the others need no order, unless
  // each kind asked for together takes its best from the whole list.
  const ordered = groups ? cands.sort(order) : topK(cands, Math.max(0, input.limit) + pinned.length, order);
  let ranked = head.length > 0 ? [...head, ...(named?.only ? [] : ordered.filter((c) => !pinned.includes(c)))] : ordered;
  if (groups) {
    const inGroup = (g: readonly string[], c: Cand) => c.product !== undefined && g.some((t) => matchCategory(c.product as Product, t) !== undefined);
    // "A shirt for my wife and a jacket for my husband": each group's first is one made for the person its
    // part named, else one that suits them (not made for the other sex), else the group's best.
    const madeFor = (c: Cand) => matchFeaturesOf(c.product as Product).madeFor;
    const firstOf = (g: readonly string[], person: ProductAudience | undefined): Cand | undefined =>
      (person !== undefined ? (ranked.find((c) => inGroup(g, c) && madeFor(c).has(person)) ?? ranked.find((c) => inGroup(g, c) && fitsPerson(madeFor(c), person))) : undefined) ??
      ranked.find((c) => inGroup(g, c));
    const firsts = groups.map((g, i) => firstOf(g, input.kindPeople?.[i]));
    const front = [...new Set(firsts.filter((c): c is Cand => c !== undefined))].sort((x, y) => ranked.indexOf(x) - ranked.indexOf(y));
    ranked = [...front, ...ranked.filter((c) => !front.includes(c))];
    constraints = kindsOutcome(constraints, groups.filter((_, i) => firsts[i] === undefined), groups.filter((_, i) => firsts[i] !== undefined));
  }

  // Reasons, for the items returned only.
  const top = ranked.slice(0, Math.max(0, input.limit));
  const shownNamed = top.filter((c) => head.includes(c));
  if (shownNamed.length > 0) {
    constraints = namedOutcome(othersOutcome, shownNamed.map((c) => ({ title: c.product?.title ?? c.id, misses: missesOf(c) })), entities, budget, quotedIn);
  }
  const pickReason = picked ? pickedReason(picked, pinned, named?.pick as 'low' | 'high') : undefined;
  const sameReason = named?.pick && pinned.length > 1 && !picked ? samePriceReason(pinned, named.pick) : undefined;
  const namedNote = (c: Cand): NamedMissReason[] => {
    if (!head.includes(c) || !entities) return [];
    const kinds = missesOf(c);
    return kinds.length === 0 ? [] : [{ source: 'constraint', code: 'named_misses_asked', kinds, detail: `Shown as named, but ${missesText(kinds, entities, budget, quotedIn)}`, score: 0 }];
  };
  const sizeNote = (c: Cand): SizeNotListedReason[] =>
    sizesHeld && c.sizeUnlisted ? [{ source: 'constraint', code: 'size_not_listed', sizes: sizesHeld, detail: `Its sizes are not listed: whether it comes in ${sizesText(sizesHeld)} is not known`, score: 0 }] : [];
  const items = top.map((c): PersonalizedItem => {
    const a = maxAff > 0 ? c.affinity / maxAff : 0;
    const { bw, gate } = c;
    // The context fit of a product returned (its reasons quote it), as the ranking worked it out.
    const fit = c.product ? FIT : undefined;
    if (c.product) candidateFit(c.product, c.doc, fitsAt, input.temporal, input.now, gift, prm.recencyHalfLifeDays);
    const reasons: PersonalizeReason[] = [];
    const scale = maxBase > 0 ? ((stating && c.filler ? FILLER_BEHAVIOUR_SHARE : 1) * bw) / (1 + beta) / maxBase : 0;
    for (const r of c.baseReasons) reasons.push({ ...r, score: r.score * scale });
    const matched = stating && c.product && facts ? intentReasonsOf(facts, c.product) : undefined;
    for (const r of matched ?? []) reasons.push({ ...r, score: w.intent * r.score });
    // Said only of the better half: the one just above the dearest is not "among the lower-priced".
    if (relativeHeld && c.notes.length === 0) reasons.push(relative.reason(c.priced));
    // "Cheaper than X" that nothing met: a product above X is no "lower price" (the outcome says none is cheaper).
    else if (c.priced >= PRICE_PREFERENCE_WEIGHT / 2 && !(relative !== undefined && !relativeHeld && !beyondAnchor(c, relative))) reasons.push({ source: 'intent', term: preference === 'low' ? 'lower price' : 'higher price', field: 'price', score: c.priced });
    const feature = scorer && a > 0 ? scorer.strongest(c.doc) : c.affinityFeature;
    if (a > 0 && feature && !c.baseReasons.some((r) => r.source === 'affinity' && 'feature' in r && r.feature === feature)) {
      reasons.push({ source: 'affinity', feature, score: (bw * beta * a) / (1 + beta) });
    }
    if (fit && mix > 0) {
      const cw = (gate * w.context * 0.5) / mix;
      if (fit.season > 0 && fit.seasonTerm) reasons.push({ source: 'season', season: input.temporal.season, term: fit.seasonTerm, score: cw * prm.season * fit.season });
      if (fit.holiday > 0) {
        const h = fit.holidayName ? input.temporal.holidays.find((x) => x.name === fit.holidayName) : undefined;
        if (h && fit.holidayWhy) reasons.push({ source: 'holiday', holiday: h.name, daysUntil: h.daysUntil, via: fit.holidayWhy, score: cw * prm.holiday * fit.holiday });
        else reasons.push({ source: 'gift', score: cw * prm.holiday * fit.holiday });
      }
      if (newIsNews && fit.ageDays !== undefined && fit.ageDays <= NEW_ARRIVAL_DAYS) reasons.push({ source: 'new_arrival', ageDays: Math.round(fit.ageDays), score: cw * prm.recency * fit.recency });
    }
    // Strongest first, whatever layer it came from (catalog fillers after the rest): the first is the one worth quoting.
    // A reason that added nothing to the score (an affinity or a base signal weighed at 0, as for a gift) is
    // none: quoted first, "price" explained a product it did not rank.
    const ordered = orderQuotableFirst(mergeReasons(reasons).filter(contributed));
    return {
      productId: c.id,
      score: c.score,
      baseScore: c.base,
      components: { intent: c.intent, behaviour: c.behaviour, context: c.context },
      reasons: [...(c === picked && pickReason ? [pickReason] : []), ...(sameReason && head.includes(c) ? [{ ...sameReason, score: PRICE_PREFERENCE_WEIGHT + c.score }] : []), ...ordered, ...c.notes, ...namedNote(c), ...sizeNote(c)],
    };
  });
  return done(items);
}

/** Whether a scored reason added to the product's score (a constraint's note says something whatever its score). */
function contributed(r: PersonalizeReason): boolean {
  return r.source === 'constraint' || r.score !== 0;
}

/** Of the products named to compare, the one at the `side` end of the price range (the first said on a tie). */
function pickByPrice(pinned: readonly Cand[], side: 'low' | 'high', catalog: Pick<PersonalizeCatalog, 'priceMajor'>): Cand | undefined {
  let best: { c: Cand; p: number } | undefined;
  let tied = false;
  for (const c of pinned) {
    const p = catalog.priceMajor(c.id);
    if (p === undefined) continue;
    if (best === undefined || (side === 'low' ? p < best.p : p > best.p)) [best, tied] = [{ c, p }, false];
    else if (p === best.p) tied = true;
  }
  // Two at the same price: neither is the cheaper (both are shown, and said to cost the same).
  return tied ? undefined : best?.c;
}

/** Of the products named to compare and asked for by price, the note that they cost the same (when {@link pickByPrice} picks none). */
function samePriceReason(pinned: readonly Cand[], side: 'low' | 'high'): RelativePriceReason | undefined {
  const prices = pinned.map((c) => (c.product ? minPrice(c.product) : undefined));
  const first = prices[0];
  if (!first || prices.some((m) => m === undefined || m.amount !== first.amount || m.currency !== first.currency)) return undefined;
  const titles = pinned.map((c) => c.product?.title ?? c.id);
  const detail = `${titles.slice(0, -1).join(', ')} and ${titles.at(-1) as string} cost the same (${formatMoney(first)}): neither is ${side === 'low' ? 'cheaper' : 'more expensive'}`;
  return { source: 'intent', term: 'same price', field: 'price', detail, score: PRICE_PREFERENCE_WEIGHT };
}

/** Why the product picked by price among those named is shown ("The cheaper of Boho Bangle Bracelet and Moon Charm Bracelet, as asked"). */
function pickedReason(picked: Cand, pinned: readonly Cand[], side: 'low' | 'high'): RelativePriceReason {
  const titles = pinned.map((c) => c.product?.title ?? c.id);
  const detail = `The ${side === 'low' ? 'cheaper' : 'more expensive'} of ${titles.slice(0, -1).join(', ')} and ${titles.at(-1) as string}, as asked`;
  return { source: 'intent', term: side === 'low' ? 'lower price' : 'higher price', field: 'price', detail, score: PRICE_PREFERENCE_WEIGHT + picked.score };
}

/** A price said relative to the product discussed, held as a budget. */
interface RelativePrice {
  /** The budget held: one minor unit below (above) the product's price, within a stated budget in the same currency. */
  readonly budget: Budget;
  /** The reason of an item within it (`score`: what the price preference added, as its reason would say). */
  reason(score: number): RelativePriceReason;
  /**
   * What the list keeps to when nothing meets the relative price within the budget stated with a
   * number, in order, each with how its items miss what was asked:
   * 1. the relative price without the stated bound on its other side ("at least 60", then "cheaper than
   *    that" of a 63.99 necklace: the necklaces under 63.99, "outside the budget (at least 60 USD)");
   * 2. the stated bound on its own side without the relative price ("under 20", then "anything
   *    cheaper?" of the 14.99 necklace: what is within 20, "not cheaper than …").
   * Never dearer products for "cheaper" or cheaper ones for "more expensive" over a bound the shopper set.
   */
  readonly fallbacks?: readonly { readonly budget: Budget; readonly miss: string }[];
  /** The product compared with, and which side of its price was asked for. */
  readonly anchor: Product;
  readonly side: 'below' | 'above';
  /** A budget stated with a number in a currency the product's prices are not in, which no rate converted: not held, and said so. */
  readonly unheld?: Budget;
}

/**
 * "Cheaper than that" / "more expensive than this one" (`IntentEntities.priceRelative`) as a budget:
 * only products priced strictly below (above) the product the request is about, so that the
 * constraint machinery holds it, relaxes it when the shop has nothing cheaper, and says so. The
 * product's price is the one a budget is held to (hardFilters.ts `budgetPrice`: in the request's
 * market its price list's, else its cheapest available variant; a sold-out product's cheapest
 * variant), in its currency; "below" is one minor unit less. A budget stated with a number in the
 * same currency (an earlier turn's "under 50") still holds: the tighter bound of the two. Reads
 * nothing when there is no product, the catalog does not know it, or it has no price: then the
 * comparative is only the `low`/`high` preference it also states.
 */
/**
 * "Something like that but cheaper", "anything cheaper?" with no kind named: products of the compared
 * product's kind first (its product type, else its category's last part, else the kind its title names:
 * a CSV export often has neither), as a preference (`soft`),
 * never a constraint: a cheaper product of another kind still fits what was asked. Entities that name
 * a kind, or a product with none, are returned as they are.
 */
/** Whether a candidate is on the asked side of the product "cheaper" / "more expensive" was said of (its cheapest available price, in the anchor's currency). */
function beyondAnchor(c: { readonly product?: Product | undefined }, relative: RelativePrice): boolean {
  const p = c.product ? minPrice(c.product) : undefined;
  const a = minPrice(relative.anchor);
  if (!p || !a || p.currency !== a.currency) return false;
  return relative.side === 'below' ? p.amount < a.amount : p.amount > a.amount;
}

export function withAnchorKind(e: IntentEntities, anchor: Product): IntentEntities {
  if (e.categories.length > 0) return e;
  const kind = anchor.productType.trim() || anchor.category?.split('>').at(-1)?.trim() || titleKind(anchor.title) || '';
  if (kind === '') return e;
  return { ...e, categories: [kind], soft: [...new Set([...(e.soft ?? []), 'category' as const])] };
}

export function relativeBudget(
  entities: IntentEntities,
  anchorId: string | undefined,
  catalog: Pick<PersonalizeCatalog, 'get'>,
  market: Market | undefined,
  stated: Budget | undefined,
  currency: string | undefined,
  rate?: ExchangeRate,
): RelativePrice | undefined {
  const side = entities.priceRelative;
  const anchor = anchorId === undefined ? undefined : catalog.get(anchorId);
  const price = anchor ? (budgetPrice(anchor, market) ?? minPrice(anchor)) : undefined;
  if (!side || !anchor || !price) return undefined;
  const unit = 10 ** currencyExponent(price.currency);
  const bound = (side === 'below' ? price.amount - 1 : price.amount + 1) / unit;
  // A stated budget in the same currency (its own, else the market's it was read in) is held too.
  const same = stated && (stated.min !== undefined || stated.max !== undefined) && (stated.currency ?? currency ?? price.currency).toUpperCase() === price.currency ? stated : undefined;
  const max = side === 'below' ? Math.min(bound, same?.max ?? Infinity) : same?.max;
  const min = side === 'above' ? Math.max(bound, same?.min ?? -Infinity) : same?.min;
  const than = `${side === 'below' ? 'cheaper' : 'more expensive'} than ${anchor.title}`;
  // Said in the shopper's currency too when a rate converts it ("37.99 USD ≈ 14,990.00 ARS"); held in the product's own.
  const r = currency && currency.toUpperCase() !== price.currency ? rateBetween(rate, price.currency, currency.toUpperCase()) : undefined;
  const shown = r === undefined ? formatMoney(price) : `${formatMoney(price)} ≈ ${formatMoney(convertMoney(price, r, (currency as string).toUpperCase()))}`;
  const phrase = `${than} at ${shown}`;
  const numeric = same ? budgetText(same, currency ?? price.currency) : undefined;
  // The constraint outcome says it in these words ("cheaper than Galaxy Earrings at 37.99 USD"), not "up to 37.98 USD".
  const words = { asked: numeric ? `${numeric}, ${phrase}` : phrase, miss: numeric ? `outside the budget (${numeric}) or not ${phrase}` : `not ${phrase}` };
  const budget: Budget = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), currency: price.currency, text: '', words };
  const detail = `${than.charAt(0).toUpperCase()}${than.slice(1)} (${shown}), as asked`;
  const fallbacks: { budget: Budget; miss: string }[] = [];
  const opposite = side === 'below' ? same?.min : same?.max;
  const ownSide = side === 'below' ? same?.max : same?.min;
  if (same && opposite !== undefined) {
    const dropped = side === 'below' ? { min: opposite } : { max: opposite };
    fallbacks.push({ budget: { ...(side === 'below' ? { max } : { min }), currency: price.currency, text: '' }, miss: `outside the budget (${budgetText(dropped, currency ?? price.currency)})` });
  }
  if (same && ownSide !== undefined) fallbacks.push({ budget: { ...(side === 'below' ? { max: ownSide } : { min: ownSide }), currency: price.currency, text: '' }, miss: `not ${phrase}` });
  const unheld = stated && (stated.min !== undefined || stated.max !== undefined) && !same ? stated : undefined;
  return {
    budget,
    reason: (score) => ({ source: 'intent', term: side === 'below' ? 'lower price' : 'higher price', field: 'price', detail, score }),
    ...(fallbacks.length > 0 ? { fallbacks } : {}),
    anchor,
    side,
    ...(unheld ? { unheld } : {}),
  };
}

