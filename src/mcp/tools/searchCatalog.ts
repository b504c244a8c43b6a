/**
 * `search_catalog`: the shop's own catalog search (Storefront Catalog MCP, through the resilient
 * catalog) re-ranked for this shopper; Affinity's catalog search when the shop is not configured or
 * cannot answer. Affinity's catalog compares its prices with the price range in the range's currency
 * (the market's price list, else the configured exchange rates): a converted comparison is reported
 * in `estimated_prices`, and prices no rate converts leave the budget `unchecked`, never satisfied.
 * A colour or size the query names that a product's variant options offer ("gold bracelet under 60")
 * prices it, holds it to the range and shows it at the cheapest available variant that has it
 * (`CatalogSearchPlan.wanted`), as `recommend_products` does.
 *
 * `next_cursor` continues this search only (`searchCursor.ts`): a cursor of another query, price range,
 * market or shop, or one cut short, is a tool error (`VALIDATION_FAILED` on `cursor`, "start again
 * without cursor") before anything is searched, not an empty page a client takes for the end.
 */
import { unlessStoreDown } from '../../features/recommend/index.ts';
import { z } from 'zod';
import { type CatalogResult, type LocalAnswer, type LocalSearchPage, localSearchPage, planCatalogSearch } from '../../features/catalog/index.ts';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { buildProfileView } from '../../core/profile/profileView.ts';
import { productOut } from '../present.ts';
import { marketRatesOf, pricingMarket, toMarketCurrency } from '../marketProducts.ts';
import { searchConstraints } from '../../core/personalize/intentMatch.ts';
import { rerankForShopper } from '../../core/personalize/rerank.ts';
import { unknownBrandOutcome } from '../../core/personalize/unknownBrand.ts';
import { ConstraintsOutSchema, MarketSchema, nonBlankString, ProductOutSchema, requireOneOf, ShopperShape, ShopSchema } from '../schemas.ts';
import { shopperKey } from '../shopper.ts';
import { defineTool } from '../tool.ts';
import { cursorError, openCursor, sealCursor, searchFingerprint } from '../searchCursor.ts';
import { newRecommendationId } from '../../features/analytics/index.ts';
import { marketFields, marketLabel, namesMarket } from '../../core/markets/shopperMarket.ts';
import { AttributionOutShape, attributedUrl, recordMcpList } from '../attributedList.ts';
import { shopperLink } from '../answerText.ts';
import { budgetOutcomeFor, constraintsView, type ConstraintOutcome } from '../../core/personalize/constraints.ts';

/** Arguments of `search_catalog`. */
export const SearchCatalogInput = z
  .object({
    query: nonBlankString(500).optional().describe('Keywords, e.g. "waterproof hiking boots".'),
    category: nonBlankString(200).optional().describe('Only products of this category (e.g. "Hiking Boots").'),
    price: z
      .object({ min: z.number().nonnegative().optional(), max: z.number().nonnegative().optional() })
      .strict()
      .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, { message: 'min must not exceed max' })
      .optional()
      .describe("Price range in major units of the market's currency (else the shop's)."),
    market: MarketSchema.optional(),
    ...ShopperShape,
    limit: z.number().int().min(1).max(50).default(10).describe('Page size (1–50, default 10).'),
    // A shop's own cursor, sealed for its search (searchCursor.ts), is longer than the shop's.
    cursor: z.string().min(1).max(2000).optional().describe('next_cursor of a previous answer, for its next page: pass it with the same query, category, price and market (limit may change).'),
    shop: ShopSchema.optional(),
  })
  .strict()
  .apply((s) => requireOneOf(s, ['query', 'category', 'price'], 'give at least one of query, category or price'));

/** Answer of `search_catalog`. */
export const SearchCatalogOutput = z.object({
  shop: z.string(),
  query: z.string().optional(),
  searched_as: z
    .string()
    .optional()
    .describe('Only when the query as given found nothing and the query with its misspellings read past did ("neckalce" → "necklace"): the query these results are for. Tell the shopper.'),
  ...AttributionOutShape,
  source: z.enum(['shop', 'cache', 'local']).describe("shop: the shop answered now; cache: a cached shop answer; local: Affinity's catalog."),
  fallback_used: z.boolean().describe('True when the shop was asked but could not answer.'),
  personalized: z.boolean(),
  items: z.array(ProductOutSchema.extend({ rank: z.number().int(), search_rank: z.number().int(), personal_match: z.array(z.string()) })),
  constraints: ConstraintsOutSchema,
  estimated_prices: z
    .object({
      product_ids: z.array(z.string()),
      note: z.string().describe('A sentence to tell the shopper.'),
    })
    .optional()
    .describe(
      "Only when Affinity's catalog answered a price range: items priced in another currency whose prices were converted with the configured exchange rates to be compared with the range. Whether they fit is an estimate (the shop converts at checkout with its own rate).",
    ),
  next_cursor: z.string().optional(),
  has_next_page: z.boolean(),
  total_count: z.number().int().optional(),
});

/** The price range that bounds something: without a lower bound of 0, and none when nothing is left. */
function boundsOf(price: { min?: number | undefined; max?: number | undefined } | undefined): { min?: number; max?: number } | undefined {
  if (!price) return undefined;
  const bounds = { ...(price.min ? { min: price.min } : {}), ...(price.max !== undefined ? { max: price.max } : {}) };
  return bounds.min === undefined && bounds.max === undefined ? undefined : bounds;
}

export const searchCatalog = defineTool({
  name: 'search_catalog',
  role: 'read',
  title: 'Search the catalog',
  description: [
    "Searches the shop's catalog by keywords, category and price, and orders the page for this shopper (their preferred categories, brands and price range move matching products up).",
    'Call it when the shopper asks for something specific ("waterproof boots under 150"). Pass user_id or session_id to personalize the order, `market` for prices in their currency, and `cursor` to page.',
    "Uses the shop's live Storefront Catalog when configured; when it is not, or cannot be reached, Affinity's own catalog answers: `source` and `fallback_used` say which.",
    "Give the shopper each item's `url` as the link: it carries `aff_rec=<recommendation_id>`, so a click and a later order are attributed to this answer.",
    'When `constraints.satisfied` is false nothing on the page is what was asked for, or (`unchecked: ["budget"]`) some prices could not be compared with the price range: say so (quote `constraints.reason`). With `estimated_prices`, say those items fit the range only by an estimate (quote its `note`).',
  ].join('\n\n'),
  inputSchema: SearchCatalogInput,
  outputSchema: SearchCatalogOutput,
  annotations: { title: 'Search the catalog', readOnlyHint: true, openWorldHint: true },
  async run(args, env) {
    const t0 = performance.now();
    const { ctx } = env;
    const shop = env.shop;
    // A lower bound of 0 bounds nothing (prices are not negative): `{min: 0}` is the search without a
    // price filter (a budget the query states still counts), so a cursor of either continues the other.
    const price = boundsOf(args.price);
    // "neckalce": the query as the recommendation path reads it ("necklace"), searched when the query as given finds nothing.
    // Read only when the query as given found nothing, or a cursor is not of it (most searches never need it).
    let spelling: { readonly text: string | undefined } | undefined;
    const respelled = (): string | undefined => {
      if (spelling === undefined) {
        const spelled = args.query ? ctx.personalizer?.spelled(shop, args.query) : undefined;
        spelling = { text: spelled !== undefined && spelled.toLowerCase() !== args.query?.toLowerCase() ? spelled : undefined };
      }
      return spelling.text;
    };
    // A cursor continues only the search that gave it (on this shop): anything else is refused before any search.
    const fingerprintOf = (query: string | undefined) =>
      searchFingerprint({ shop, ...(query ? { query } : {}), ...(args.category ? { category: args.category } : {}), ...(price ? { price } : {}), ...(args.market ? { market: args.market } : {}) });
    let query = args.query;
    let fingerprint = fingerprintOf(query);
    let opened = args.cursor === undefined ? undefined : openCursor(args.cursor, fingerprint);
    // The next page of a search that was answered for the respelled query continues that one.
    const asRead = args.cursor !== undefined && opened && 'problem' in opened && opened.problem === 'other_search' ? respelled() : undefined;
    if (args.cursor !== undefined && asRead !== undefined) {
      const again = openCursor(args.cursor, fingerprintOf(asRead));
      if (!('problem' in again)) [opened, query, fingerprint] = [again, asRead, fingerprintOf(asRead)];
    }
    if (opened && 'problem' in opened) throw cursorError(opened.problem);
    const { index, identity } = ctx.catalogs.get(shop);
    const market = marketFields(args.market);
    // The configured market the shopper buys in: Affinity's own catalog is priced, filtered on price and
    // shown by its price list and rates, and what it does not sell is left out.
    const configured = pricingMarket(ctx, market);
    const currency = market.currency ?? configured?.currency ?? (index.all()[0]?.variants[0]?.price.currency ?? 'USD').toUpperCase();
    const vocabulary = ctx.personalizer?.vocabulary(shop);
    // How Affinity's catalog prices its products for the range, when it answers: the configured market's price list, the markets' rates.
    // Where the shopper buys, also when they ask for another currency: what that market does not sell is left out.
    const where = namesMarket(market) ? ctx.markets?.find({ market }) : undefined;
    const pricing = { ...(configured ? { market: configured } : {}), ...(where ? { soldIn: where } : {}), ...(ctx.markets ? { rate: marketRatesOf(ctx.markets) } : {}) };
    const find = async (q: string | undefined) => {
      // What the search asks (the query read the shop's way, a budget it states, the price filter), worked out by the catalog use case.
      const plan = planCatalogSearch({
        ...(q ? { query: q } : {}),
        ...(args.category ? { category: args.category } : {}),
        ...(price ? { price } : {}),
        currency,
        ...(market.country ? { country: market.country } : {}),
        ...(vocabulary ? { vocabulary } : {}),
        limit: args.limit,
        ...(opened ? { cursor: opened.inner } : {}),
      });
      // Affinity's own catalog holds every match before paging (features/catalog/localSearch.ts); a shop's page is held as it comes.
      let local: LocalSearchPage | undefined;
      const localSearch = (i: CatalogIndex | undefined): LocalAnswer => (local = localSearchPage(shop, i, plan, pricing));
      const r: CatalogResult = ctx.shopCatalog ? await ctx.shopCatalog.search(shop, plan.request, { pricing, localSearch }) : { ...localSearch(index), source: 'local', fallbackUsed: false };
      return { plan, r, local: local as LocalSearchPage | undefined };
    };
    let found = await find(query);
    // A first page with nothing on it, of a query with a slip the shopper's messages are read past: the query as read.
    const retry = opened === undefined && found.r.products.length === 0 ? respelled() : undefined;
    if (retry !== undefined) {
      const again = await find(retry);
      if (again.r.products.length > 0) [found, query, fingerprint] = [again, retry, fingerprintOf(retry)];
    }
    const { plan, r, local } = found;
    const { ask, range, unusedBudget, wanted } = plan;
    const key = shopperKey(args);
    // The profile recommendations read (`<id>@<market>` for a shopper whose markets may not be merged).
    const stored = key ? ((await ctx.recommender.profileUserId?.(shop, key)) ?? key) : undefined;
    const raw = stored ? await unlessStoreDown(ctx.store.getProfile(shop, stored), undefined) : undefined;
    const view = raw ? buildProfileView(raw, ctx.clock(), ctx.profileView) : undefined;
    const held = r.source === 'local' && local ? { products: [...r.products], constraints: local.constraints } : searchConstraints(r.products, ask);
    const searchPosition = new Map(r.products.map((p, i) => [p, i]));
    const ranked = rerankForShopper(held.products, view, (key) => index.featureSpecificity(key)).map((x) => ({ ...x, position: searchPosition.get(x.product) ?? -1 }));
    const budget = range ? { ...range, currency } : undefined;
    const compared = priceComparison(r, held.constraints, budget, ranked.map((x) => x.product.id));
    // A budget the query states in another currency was not applied: not checked, never satisfied.
    const unpriced = unusedBudget ? { ...compared, constraints: { satisfied: false, relaxed: compared.constraints.relaxed ?? [], unchecked: [...(compared.constraints.unchecked ?? []).filter((k) => k !== 'budget'), 'budget' as const], reason: [compared.constraints.satisfied ? undefined : compared.constraints.reason, unusedBudget].filter(Boolean).join(' ') } } : compared;
    // "Pandora bracelet" in a shop that sells nothing by Pandora: said, as recommend_products says it (unknownBrand.ts).
    const maker = query ? ctx.personalizer?.unknownBrandIn(shop, query) : undefined;
    const told = maker !== undefined ? { ...unpriced, constraints: unknownBrandOutcome(unpriced.constraints, maker, ranked.length > 0) } : unpriced;
    // A first page with nothing on it found nothing: not "satisfied" (an agent would tell the shopper the shop has it).
    const priced = ranked.length === 0 && opened === undefined && told.constraints.satisfied ? { ...told, constraints: nothingFound(args.query, args.category) } : told;
    // Searches are attributable but in no experiment: a variant does not change what a search finds.
    const start = ctx.attribution ? { id: newRecommendationId() } : undefined;
    // Affinity's own copy is priced as the configured market shows it; the shop's answer already is.
    const shown = r.source === 'local' ? configured : undefined;
    // At the price of the variants the query wishes for (a colour or size the options offer), the one the range was held to.
    const items = ranked.map((x, i) => ({ ...attributedUrl(productOut(x.product, identity.idsOf(x.product.id), shown, shown ? toMarketCurrency(ctx, shown) : undefined, wanted), start), rank: i + 1, search_rank: x.position + 1, personal_match: [...x.matches] }));
    if (start) {
      const label = marketLabel(args.market ? { ...market, currency } : undefined);
      recordMcpList(env, start, {
        shop,
        ...(label ? { market: label } : {}),
        ...(key ? { userId: key } : {}),
        items: ranked.map((x) => ctx.catalogs.canonical(shop, x.product.id) ?? x.product.id),
        tookMs: performance.now() - t0,
        status: r.fallbackUsed ? 'degraded' : 'ok',
      });
    }
    const structured = {
      shop,
      ...(args.query ? { query: args.query } : {}),
      ...(query !== args.query && query ? { searched_as: query } : {}),
      ...(start ? { recommendation_id: start.id } : {}),
      source: r.source,
      fallback_used: r.fallbackUsed,
      personalized: view !== undefined,
      items,
      constraints: constraintsView(priced.constraints),
      ...(priced.estimated ? { estimated_prices: priced.estimated } : {}),
      ...(r.pagination?.cursor ? { next_cursor: sealCursor(r.pagination.cursor, fingerprint) } : {}),
      has_next_page: r.pagination?.hasNextPage ?? false,
      ...(r.pagination?.totalCount !== undefined ? { total_count: r.pagination.totalCount } : {}),
    };
    // The summary carries what the agent must act on (each link, which carries aff_rec; the cursor of the
    // next page), for clients that show the model only text; the whole answer follows it as JSON (answerText.ts).
    const lines = items.map((i) => `${i.rank}. ${i.title} (id ${i.product_id})${i.price ? ` — ${i.price.formatted}` : ''}${i.available ? '' : ' — out of stock'}${i.personal_match.length > 0 ? ` — matches: ${i.personal_match.join(', ')}` : ''}${i.url ? ` — link: ${shopperLink(i.url, shop)}` : ''}`);
    const from = r.source === 'local' ? "Affinity's catalog" : r.source === 'cache' ? "the shop's catalog (cached)" : "the shop's catalog";
    const head = `${items.length} result(s)${structured.total_count !== undefined ? ` of ${structured.total_count}` : ''} from ${from}${r.fallbackUsed ? ` (${r.fallbackNote ?? 'the shop could not be reached'})` : ''}${view ? ', ordered for this shopper' : ''}${start ? `, recommendation_id ${start.id}` : ''}:`;
    const page = structured.has_next_page
      ? [structured.next_cursor ? `More results: call search_catalog again with the same arguments and cursor "${structured.next_cursor}" (has_next_page: true).` : 'More results exist (has_next_page: true).']
      : items.length > 0
        ? ['This is the last page (has_next_page: false).']
        : [];
    const note = [
      ...(query !== args.query ? [`Note: nothing in this shop matches "${args.query}"; these are the results for "${query}".`] : []),
      ...(local?.note ? [`Note: ${local.note}`] : []),
      ...(priced.constraints.satisfied ? [] : [`Note: ${priced.constraints.reason ?? 'Not every result matches what was asked for.'}`]),
      ...(priced.estimated ? [`Note: ${priced.estimated.note}`] : []),
      ...unconvertedNote(items, shown?.currency),
    ];
    return { structured, text: [head, ...lines, ...note, ...page].join('\n') };
  },
});

/** The outcome of a search that found nothing: not satisfied, with a sentence to quote. */
function nothingFound(query: string | undefined, category: string | undefined): ConstraintOutcome {
  const what = [query ? `"${query}"` : undefined, category ? `in ${category}` : undefined].filter(Boolean).join(' ');
  return { satisfied: false, relaxed: [], reason: `Nothing in this shop matches this search${what ? ` (${what})` : ''}.` };
}

/** Prices no configured rate converts to the market's currency: the shop's own, shown as they are (not estimated). */
function unconvertedNote(items: readonly { readonly price?: { readonly currency: string } }[], wanted: string | undefined): string[] {
  const off = wanted ? items.filter((i) => i.price && i.price.currency !== wanted) : [];
  if (off.length === 0) return [];
  const currencies = listOf([...new Set(off.map((i) => i.price?.currency as string))]);
  return [`Note: ${off.length} price(s) could not be converted to ${wanted}: they are the shop's own prices in ${currencies}, not estimates (no exchange rate from ${currencies} to ${wanted} is configured).`];
}

function listOf(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1) as string}`;
}

function rangeText(b: { readonly min?: number; readonly max?: number; readonly currency: string }): string {
  if (b.min !== undefined && b.max !== undefined) return `between ${b.min} and ${b.max} ${b.currency}`;
  if (b.max !== undefined) return `up to ${b.max} ${b.currency}`;
  return `from ${b.min ?? 0} ${b.currency}`;
}

/**
 * How the shown items (`shown`, product ids) stand against the price range when Affinity's catalog
 * answered it (`r.priceCheck`): items whose price no rate converts leave the budget unchecked (not
 * satisfied, with a quotable reason, as `recommend_products` says it); items compared after conversion
 * are listed with a note that the comparison is an estimate. `outcome` as it is for a shop's answer.
 */
function priceComparison(
  r: CatalogResult,
  outcome: ConstraintOutcome,
  budget: { readonly min?: number; readonly max?: number; readonly currency: string } | undefined,
  shown: readonly string[],
): { constraints: ConstraintOutcome; estimated?: { product_ids: string[]; note: string } } {
  const check = r.priceCheck;
  if (!check || !budget || (budget.min === undefined && budget.max === undefined)) return { constraints: outcome };
  const unchecked = new Map(check.unchecked.map((u) => [u.id, u.currency]));
  const constraints = budgetOutcomeFor(
    outcome,
    budget,
    shown.map((id) => {
      const priceCurrency = unchecked.get(id);
      return { reasons: priceCurrency ? [{ source: 'constraint', code: 'budget_currency_unknown', priceCurrency, budgetCurrency: check.currency }] : [] };
    }),
  );
  const converted = new Map(check.estimated.map((e) => [e.id, e.currency]));
  const ids = shown.filter((id) => converted.has(id));
  if (ids.length === 0) return { constraints };
  const currencies = [...new Set(ids.map((id) => converted.get(id) as string))];
  const which = ids.length === shown.length ? (ids.length === 1 ? 'This product is' : 'These products are') : ids.length === 1 ? 'One of these products is' : `${ids.length} of these products are`;
  const note = `${which} priced in ${listOf(currencies)}; ${ids.length === 1 ? 'its price was' : 'their prices were'} converted to ${check.currency} with the configured exchange rate to compare with the price range (${rangeText(budget)}), so whether ${ids.length === 1 ? 'it fits' : 'they fit'} is an estimate.`;
  return { constraints, estimated: { product_ids: ids, note } };
}

