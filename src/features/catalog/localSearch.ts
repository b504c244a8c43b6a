/**
 * The catalog search use case (`search_catalog`): what a search asks of a catalog, worked out once
 * ({@link planCatalogSearch}: the query read the shop's way, a budget it states, the price filter in
 * minor units), and Affinity's own catalog answering it when the shop's catalog MCP is not configured
 * or cannot answer ({@link localSearchPage}).
 *
 * Affinity's catalog answers with every match held to what was asked before paging: the query's words
 * plus the English names of the categories, colours and materials it names (a shop whose titles are
 * English finds its necklaces for "collar", its blue ones for "azul", its wooden ones for "madera"),
 * then the products that show a colour it names where no indexed word says so (a variant's colour
 * option), then those only a description finds (descriptionMatch.ts), each after the one before; held
 * to the category, the market's assortment and price list (`LocalPricing`), the
 * price range (converted prices are estimates, prices no rate converts are unchecked), then what the
 * query names or rules out (`searchConstraints`), so that a page is never short of what the next one
 * holds and a relaxation is the whole answer's. That match list is worked out once per (catalog, search)
 * and kept, compactly, in a bounded memo (matchMemo.ts): the next page costs the page, not the catalog.
 *
 * A colour or size the query wishes for that a product's variant options offer ("gold bracelet under
 * 60": Gold 69.99, Silver 55) prices the product at the cheapest available variant that has it, as
 * `recommend_products` does (`wishOf`, hardFilters.ts `wantedProduct`): the price range is held to that
 * price, and the tool shows it (`CatalogSearchPlan.wanted`). A query naming none prices as before.
 */
import { comparedPrice, LOCAL_CURSOR_PREFIX, searchLocal, type LocalPricing } from '../../adapters/catalogMcp/localFallback.ts';
import type { LocalAnswer } from '../../adapters/catalogMcp/resilientCatalog.ts';
import type { CatalogSearchRequest } from '../../adapters/catalogMcp/storefrontMcpClient.ts';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../../core/catalog/product.ts';
import type { CatalogVocabulary, IntentEntities } from '../../core/intent/types.ts';
import { priceFor } from '../../core/markets/priceFor.ts';
import { convertMoney, toMajor, toMinorUnits, type Money } from '../../core/money.ts';
import type { ConstraintOutcome } from '../../core/personalize/constraints.ts';
import { rateBetween, wantedProduct } from '../../core/personalize/hardFilters.ts';
import { readSearchQuery, searchConstraints, type SearchAsk } from '../../core/personalize/intentMatch.ts';
import { categorySearchTerms, wishOf, type VariantWish } from '../../core/personalize/intentScoring.ts';
import { onSaleProducts } from '../../core/personalize/onSaleProducts.ts';
import { byPriceEnd } from '../../core/personalize/priceEnds.ts';
import { sizeWordKeys } from '../../core/intent/sizes.ts';
import { featureCandidates, featureIndexOf } from '../../core/personalize/featureIndex.ts';
import { descriptionHas, descriptionWords, indexedFieldsHave } from './descriptionMatch.ts';
import { englishSearchTerms } from './englishSearchTerms.ts';
import { catalogReadsSpanish, spanishSearchTerms } from './spanishSearchTerms.ts';
import { MATCH_MEMO_LIMITS, MatchMemo, type MatchMemoStats } from './matchMemo.ts';

/** A price range in major units. */
export interface MajorRange {
  readonly min?: number;
  readonly max?: number;
}

/** A catalog search as the caller gives it. */
export interface CatalogSearchInput {
  readonly query?: string;
  /** Only products of this category. */
  readonly category?: string;
  /** Price range in major units of `currency`. */
  readonly price?: MajorRange;
  /** The currency of the range and of the shopper's prices (the market's, else the shop's). */
  readonly currency: string;
  /** The shopper's country, when known. */
  readonly country?: string;
  /** The shop's vocabulary, to read the query the shop's way. */
  readonly vocabulary?: CatalogVocabulary;
  readonly limit: number;
  readonly cursor?: string;
}

/** A catalog search worked out: what the shop's catalog is asked and what the answer is held to. */
export interface CatalogSearchPlan {
  /** The request for the shop's catalog (and, paged by `localSearchPage`, for Affinity's). */
  readonly request: CatalogSearchRequest;
  /** What the answer is held to (category, what the query names or rules out, the price range). */
  readonly ask: SearchAsk;
  /** What the query says (undefined for no query or `*`). */
  readonly read?: IntentEntities;
  /** The price range applied, in major units of `ask.currency` (given, or the query's budget). */
  readonly range?: MajorRange;
  /** A sentence when the query states a budget in another currency: it was not applied. */
  readonly unusedBudget?: string;
  /**
   * The colours and sizes the query wishes of the products' variant options (not one said of a compared
   * option only): a product that offers them is priced, held to the range and shown at the cheapest
   * available variant that has them (hardFilters.ts `wantedProduct`).
   */
  readonly wanted?: VariantWish;
}

/**
 * Works a search out. A budget the query states ("gold necklace under 30 dollars") is the price range
 * when none is given and it is in the range's currency (or names none); one in another currency is not
 * applied, and `unusedBudget` says so.
 */
export function planCatalogSearch(input: CatalogSearchInput): CatalogSearchPlan {
  const { currency } = input;
  const read = readSearchQuery(input.query, input.vocabulary);
  const wanted = keywordSizes(wishOf(read), read, input.query);
  const said = read?.budget && (read.budget.min !== undefined || read.budget.max !== undefined) ? read.budget : undefined;
  const range = input.price ?? (said && (!said.currency || said.currency === currency) ? { ...(said.min !== undefined ? { min: said.min } : {}), ...(said.max !== undefined ? { max: said.max } : {}) } : undefined);
  const unusedBudget = !input.price && said?.currency && said.currency !== currency ? `The budget in the query ("${said.text}") is in ${said.currency}, not ${currency}: it was not applied; pass price in ${currency} or a market in ${said.currency}.` : undefined;
  const minor = (v: number | undefined) => (v === undefined ? undefined : toMinorUnits(v, currency));
  const price = range ? { ...(range.min !== undefined ? { min: minor(range.min) } : {}), ...(range.max !== undefined ? { max: minor(range.max) } : {}) } : undefined;
  const request: CatalogSearchRequest = {
    ...(input.query ? { query: input.query } : {}),
    ...(input.category || price ? { filters: { ...(input.category ? { categories: [input.category] } : {}), ...(price ? { price } : {}) } } : {}),
    context: { ...(input.country ? { country: input.country } : {}), currency, ...(input.query ? { intent: input.query } : {}) },
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  };
  const ask: SearchAsk = {
    ...(input.query ? { query: input.query } : {}),
    ...(input.category ? { category: input.category } : {}),
    ...(range ? { price: range } : {}),
    currency,
    ...(input.vocabulary ? { vocabulary: input.vocabulary } : {}),
    ...(read ? { read } : {}),
    // The price a shop's answer is held to as well: the wished variant's.
    ...(wanted ? { priceOf: (p: Product) => minPrice(wantedProduct(p, wanted)) } : {}),
  };
  return { request, ask, ...(read ? { read } : {}), ...(range ? { range } : {}), ...(unusedBudget ? { unusedBudget } : {}), ...(wanted ? { wanted } : {}) };
}

/**
 * The wish of a search whose keywords name a size the query's reading does not ("clay pot large",
 * "maceta grande"): search keywords are no sentence, so a size word among them is that size, priced as
 * one said in a sentence is (the cheapest available variant that has it, where the options offer it;
 * a product sold in no size option is priced as it is).
 */
function keywordSizes(wish: VariantWish | undefined, read: IntentEntities | undefined, query: string | undefined): VariantWish | undefined {
  if (!query || !read || read.sizes.length > 0 || read.soft?.includes('size')) return wish;
  const sizes = sizeWordKeys(query);
  return sizes.length === 0 ? wish : { ...wish, sizes };
}

/** A page of Affinity's catalog: products, paging, the price check of the page, and how the whole answer stands against what was asked. */
export interface LocalSearchPage extends LocalAnswer {
  readonly constraints: ConstraintOutcome;
  /** A sentence for the shopper (a cursor not issued here, past the last page). */
  readonly note?: string;
}

/** Price-check marks of a match (see {@link MatchList}). */
const ESTIMATED = 1;
const UNCHECKED = 2;

/**
 * Every match of a search of one catalog, in answer order, as positions in the catalog (`index.all()`),
 * about 7 bytes a match: with a price filter, per match whether its price was converted (estimated) or
 * could not be compared (unchecked), and in which currency.
 */
export interface MatchList {
  readonly docs: Int32Array;
  readonly constraints: ConstraintOutcome;
  readonly check?: {
    readonly currency: string;
    readonly marks: Uint8Array;
    readonly currencyOf: Uint16Array;
    readonly currencies: readonly string[];
  };
}

/** The match lists of recent searches, all shops together (bounded; see matchMemo.ts). */
const MATCHES = new MatchMemo<MatchList>(MATCH_MEMO_LIMITS, (m) => m.docs.length);

/** What the default memo holds (for the benchmark and operators). */
export function localSearchMemoStats(): MatchMemoStats {
  return MATCHES.stats();
}

/** A number per object (market, rates), for memo keys; the objects are not held. */
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;
function idOf(o: object | undefined): number {
  if (o === undefined) return 0;
  let id = objectIds.get(o);
  if (id === undefined) objectIds.set(o, (id = ++nextObjectId));
  return id;
}

/**
 * The price the answer shows for a product in the configured market (its price list, else the base
 * price at the markets' rates, as the tool shows it): what the price range is held to.
 */
function marketPriceOf(pricing: LocalPricing): ((p: Product) => Money | undefined) | undefined {
  const market = pricing.market;
  if (!market) return undefined;
  const convert = (base: Money): Money | undefined => {
    const r = rateBetween(pricing.rate, base.currency.toUpperCase(), market.currency);
    return r === undefined ? undefined : convertMoney(base, r, market.currency);
  };
  return (p) => priceFor(p, market, convert);
}

/**
 * The query Affinity's catalog searches: the words, plus the English names of the categories, colours
 * and materials the query names (englishSearchTerms.ts), and their Spanish names (spanishSearchTerms.ts;
 * in a catalog whose text does not read Spanish, none that is an English word of another meaning:
 * "necklace" must not find a shirt's "collar").
 */
function expandedQuery(plan: CatalogSearchPlan, index: CatalogIndex | undefined): string | undefined {
  const query = plan.request.query;
  const spanish = spanishSearchTerms(query, plan.read, index === undefined || catalogReadsSpanish(index.all()));
  const names = [...(plan.read?.categories ?? []).flatMap((c) => categorySearchTerms(c)), ...englishSearchTerms(query, plan.read), ...spanish];
  // The query's own words count twice, so a title that says them stays ahead of the added names.
  return query && names.length > 0 ? [query, query, ...new Set(names)].join(' ') : query;
}

/**
 * Products the words of `query` do not find that the search still asks for, in this order: those
 * showing a colour the query names (as a constraint, not of one compared option only), of the
 * category asked when one is (the feature index: a variant's colour option, Spanish product text),
 * those on sale when it asks for them, every product when it asks only whom they are for ("for her"),
 * then those whose descriptions have a word no indexed field of the catalog holds (descriptionMatch.ts).
 */
function unindexedCandidates(index: CatalogIndex, plan: CatalogSearchPlan, query: string | undefined, matched: readonly Product[]): string[] {
  const read = plan.read;
  const found = new Set(matched.map((p) => p.id));
  const out = new Set<string>();
  if (read && read.colours.length > 0 && !read.soft?.includes('colour')) {
    const categories = [...new Set([...(plan.ask.category ? [plan.ask.category] : []), ...read.categories])];
    for (const id of featureCandidates(featureIndexOf(index.all()), { colours: read.colours, categories }, index.size)) if (!found.has(id)) out.add(id);
  }
  // "Anything on sale": the products on sale, which no word of the query names (held to the rest of the ask after).
  if (read?.onSale) for (const id of onSaleProducts(index)) if (!found.has(id)) out.add(id);
  // "For her", "gift for women", "regalo para mujer" naming nothing else: every product, held to whom it is for
  // after (one that says nothing of its audience is for her too, as recommend_products holds it). The words
  // "women" or "her" are in few products' text: they found nothing in a shop of women's jewellery (MCP probe).
  if (read?.audience !== undefined && read.categories.length === 0 && (read.terms?.length ?? 0) === 0 && read.brands.length === 0 && !plan.ask.category) {
    for (const p of index.all()) if (!found.has(p.id)) out.add(p.id);
  }
  // A word the index holds is in a product the words found (all of them, in the request's assortment).
  const words = query ? descriptionWords(query, read, (w) => matched.some((p) => indexedFieldsHave(p, w))) : [];
  if (words.length > 0) for (const p of index.all()) if (!found.has(p.id) && !out.has(p.id) && descriptionHas(p, words)) out.add(p.id);
  return [...out];
}

/**
 * The price range held to the price of the variants the search wishes for (`wanted`), as `searchLocal`
 * holds it to the product's (localFallback.ts): the configured market's price list when it prices those
 * variants, else their cheapest available price; converted with a configured rate when in another
 * currency (an estimate), never compared when no rate converts it (kept, `unchecked`). A product with
 * no price is left out. `range` in minor units of `currency`.
 */
function wishedPriceFilter(
  found: ReturnType<typeof searchLocal>,
  range: { readonly min?: number; readonly max?: number },
  currency: string | undefined,
  pricing: LocalPricing,
  wanted: VariantWish,
): ReturnType<typeof searchLocal> {
  const estimated: { id: string; currency: string }[] = [];
  const unchecked: { id: string; currency: string }[] = [];
  const products = found.products.filter((p) => {
    // Priced as localFallback prices a product for a range (its `comparedPrice`), at the wished variant.
    const c = comparedPrice(wantedProduct(p, wanted), currency, pricing);
    if (c.kind === 'none') return false;
    if (c.kind === 'unchecked') return unchecked.push({ id: p.id, currency: c.currency }) > 0;
    const fits = (range.min === undefined || c.amount >= range.min) && (range.max === undefined || c.amount <= range.max);
    if (fits && c.estimated) estimated.push({ id: p.id, currency: c.estimated });
    return fits;
  });
  return {
    products,
    pagination: { hasNextPage: false, totalCount: products.length },
    ...(currency === undefined ? {} : { priceCheck: { currency, estimated, unchecked } }),
  };
}

/** Every match of the search in `index`, held to what was asked (the whole catalog's work, done once per memo entry). */
function matchList(index: CatalogIndex | undefined, plan: CatalogSearchPlan, pricing: LocalPricing, query: string | undefined): MatchList {
  const { cursor: _paged, query: _words, ...asked } = plan.request;
  const wanted = plan.wanted;
  const shownPrice = marketPriceOf(pricing);
  // The price shown, of the variants the search wishes for when it names a colour or size.
  const priceOf = wanted ? (p: Product) => (shownPrice ?? minPrice)(wantedProduct(p, wanted)) : shownPrice;
  // With such a wish, the price range is held here to those variants' price, not by searchLocal to the product's cheapest.
  const range = asked.filters?.price;
  const byWish = wanted !== undefined && range !== undefined && (range.min !== undefined || range.max !== undefined) ? range : undefined;
  const { price: _range, ...unpriced } = asked.filters ?? {};
  const whole = byWish ? { ...asked, filters: unpriced } : asked;
  const limit = Math.max(1, index?.size ?? 1);
  const found = searchLocal(index, { ...whole, ...(query ? { query } : {}), limit }, pricing);
  const more = index && query ? unindexedCandidates(index, plan, query, found.products) : [];
  const matched = more.length > 0 ? withCandidates(found, searchLocal(index, { ...whole, limit }, pricing), more) : found;
  const all = byWish && wanted ? wishedPriceFilter(matched, byWish, whole.context?.currency?.trim().toUpperCase() || undefined, pricing, wanted) : matched;
  const held = searchConstraints(all.products, { ...plan.ask, ...(priceOf ? { priceOf } : {}) });
  // "Cheap necklace", "el collar más barato", "sort by price": the results by price, the end asked for first (stable: relevance breaks ties).
  const end = plan.read?.pricePreference;
  const products = end ? orderedByPrice(held.products, end, priceOf ?? minPrice) : held.products;
  const docs = Int32Array.from(products, (p) => index?.indexOf(p.id) ?? -1);
  const check = all.priceCheck;
  if (!check) return { docs, constraints: held.constraints };
  const currencies: string[] = [];
  const marked = new Map<string, readonly [number, number]>();
  const mark = (kind: number, id: string, currency: string): void => {
    let c = currencies.indexOf(currency);
    if (c < 0) c = currencies.push(currency) - 1;
    marked.set(id, [kind, c]);
  };
  for (const e of check.estimated) mark(ESTIMATED, e.id, e.currency);
  for (const u of check.unchecked) mark(UNCHECKED, u.id, u.currency);
  const marks = new Uint8Array(docs.length);
  const currencyOf = new Uint16Array(docs.length);
  products.forEach((p, i) => {
    const m = marked.get(p.id);
    if (m) [marks[i], currencyOf[i]] = m;
  });
  return { docs, constraints: held.constraints, check: { currency: check.currency, marks, currencyOf, currencies } };
}

/** `products` by the price shown, the `end` asked for first; unpriced ones last, and prices in two currencies not compared, in their order. */
function orderedByPrice(products: readonly Product[], end: 'low' | 'high', priceOf: (p: Product) => Money | undefined): Product[] {
  const priced = products.map((p, at) => ({ p, at, price: priceOf(p) }));
  const major = (m: Money | undefined) => (m ? toMajor(m) : undefined);
  priced.sort((a, b) => (a.price && b.price && a.price.currency !== b.price.currency ? 0 : byPriceEnd(end, major(a.price), major(b.price))) || a.at - b.at);
  return priced.map((x) => x.p);
}

/**
 * `found` followed by the `more` candidates (in their order) that pass the request's filters, as
 * `filtered` (the whole catalog under the same filters) says, with their price checks.
 */
function withCandidates(found: ReturnType<typeof searchLocal>, filtered: ReturnType<typeof searchLocal>, more: readonly string[]): ReturnType<typeof searchLocal> {
  const passing = new Map(filtered.products.map((p) => [p.id, p]));
  const added = more.flatMap((id) => passing.get(id) ?? []);
  if (added.length === 0) return found;
  const ids = new Set(added.map((p) => p.id));
  const fc = found.priceCheck;
  const ac = filtered.priceCheck;
  return {
    products: [...found.products, ...added],
    pagination: { hasNextPage: false, totalCount: found.products.length + added.length },
    ...(fc || ac
      ? {
          priceCheck: {
            currency: (fc ?? ac)?.currency as string,
            estimated: [...(fc?.estimated ?? []), ...(ac?.estimated ?? []).filter((e) => ids.has(e.id))],
            unchecked: [...(fc?.unchecked ?? []), ...(ac?.unchecked ?? []).filter((u) => ids.has(u.id))],
          },
        }
      : {}),
  };
}

/**
 * The page the cursor asks for of Affinity's own catalog's answer to `plan` (see the file comment). A
 * cursor this catalog did not issue (a shop's, or none at all) gives an empty page with a note, never
 * "nothing fits"; past the last page, an empty page that says so. The match list comes from `memo`
 * when this shop's current catalog answered the same search before (keyed by the expanded query, the
 * filters, the price range, what the query says and the market and rates objects).
 */
export function localSearchPage(shop: string, index: CatalogIndex | undefined, plan: CatalogSearchPlan, pricing: LocalPricing, memo: MatchMemo<MatchList> = MATCHES): LocalSearchPage {
  const req = plan.request;
  const limit = Math.max(1, req.limit ?? 10);
  // A cursor this catalog issued is its prefix and a whole number; anything else was not issued here.
  const at = req.cursor?.startsWith(LOCAL_CURSOR_PREFIX) ? req.cursor.slice(LOCAL_CURSOR_PREFIX.length) : undefined;
  const offset = req.cursor === undefined ? 0 : at !== undefined && /^\d{1,9}$/.test(at) ? Number(at) : -1;
  if (offset < 0) return { products: [], pagination: { hasNextPage: false }, constraints: { satisfied: true, relaxed: [] }, note: "This cursor was not issued by Affinity's catalog (a shop's cursor cannot be continued here): search again without it." };
  const query = expandedQuery(plan, index);
  const key = JSON.stringify([query ?? null, req.filters ?? null, req.context?.currency ?? null, plan.ask.query ?? null, plan.ask.category ?? null, plan.ask.price ?? null, plan.ask.currency, plan.read ?? null, idOf(pricing.market), idOf(pricing.soldIn), idOf(pricing.rate)]);
  const list = index ? memo.get(shop, index, key, () => matchList(index, plan, pricing, query)) : matchList(index, plan, pricing, query);
  const total = list.docs.length;
  const end = Math.min(total, offset + limit);
  const catalog = index?.all() ?? [];
  const products: Product[] = [];
  const estimated: { id: string; currency: string }[] = [];
  const unchecked: { id: string; currency: string }[] = [];
  for (let i = offset; i < end; i++) {
    const p = catalog[list.docs[i] as number] as Product;
    products.push(p);
    const mark = list.check?.marks[i];
    if (!mark || !list.check) continue;
    const currency = list.check.currencies[list.check.currencyOf[i] as number] as string;
    (mark === ESTIMATED ? estimated : unchecked).push({ id: p.id, currency });
  }
  const next = offset + products.length;
  const more = next < total;
  const empty = products.length === 0 && offset > 0;
  return {
    products,
    pagination: { hasNextPage: more, totalCount: total, ...(more ? { cursor: `${LOCAL_CURSOR_PREFIX}${next}` } : {}) },
    ...(list.check ? { priceCheck: { currency: list.check.currency, estimated, unchecked } } : {}),
    // Past the last page: nothing more, not "nothing fits".
    constraints: empty ? { satisfied: true, relaxed: [] } : list.constraints,
    ...(empty ? { note: 'No more results.' } : {}),
  };
}
