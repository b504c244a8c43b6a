/**
 * `explain_recommendation`: why a product was (or would be) recommended to a shopper: its rank among
 * the personalized candidates, the reasons with seed items, the shopper's affinities it matches,
 * its price against the shopper's usual range, and how it fits the conversation's intent.
 *
 * It asks the recommend use case exactly as `recommend_products` does (same shopper, text, intent,
 * `market`, product and cart), so ranks and budget checks agree with what that tool answers, but it
 * only reads: the turn's intent is not added to the `session_id`'s conversation (`rememberTurn: false`).
 * A price said relative to the product discussed ("cheaper than that", "that's too expensive") is
 * checked as that tool holds it: below (above) the price of `current_product_id`, else of the product
 * the conversation said it of ({@link relativeCheck}).
 */
import { recommend, unlessStoreDown } from '../../features/recommend/index.ts';
import { z } from 'zod';
import { MAX_CONVERSATION_CHARS } from '../../core/intent/transcript.ts';
import { featureKeysOf } from '../../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../../core/catalog/product.ts';
import { AffinityError } from '../../core/errors.ts';
import { normalizeId } from '../../core/ids.ts';
import { formatMoney, toMajor } from '../../core/money.ts';
import type { IntentEntities } from '../../core/intent/types.ts';
import type { Market } from '../../core/markets/market.ts';
import { marketFields } from '../../core/markets/shopperMarket.ts';
import { buildProfileView } from '../../core/profile/profileView.ts';
import { askedOfVariants, asResolved, fromInput, intentInputOf, intentOut } from '../intent.ts';
import { answerOf } from '../answer.ts';
import { checkIntent, type IntentCheck } from '../../core/personalize/intentMatch.ts';
import { budgetPrice, checkProduct, type ExchangeRate } from '../../core/personalize/hardFilters.ts';
import { wishOf } from '../../core/personalize/intentScoring.ts';
import { relativeBudget } from '../../core/personalize/personalize.ts';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { PRODUCT_GID_KINDS, requireGidKind } from '../gidArgs.ts';
import { marketRatesOf, pricingMarket, toMarketCurrency } from '../marketProducts.ts';
import { featureLabel, productOut, reasonsOut } from '../present.ts';
import { AgentIntentSchema, IdSchema, IntentOutSchema, MarketSchema, ProductOutSchema, ReasonOutSchema, ShopperShape, ShopSchema } from '../schemas.ts';
import { shopperKey } from '../shopper.ts';
import { rejectedProducts, rejectionSources } from '../agentEvents.ts';
import { defineTool } from '../tool.ts';

/** How many candidates are ranked to find the product. */
export const EXPLAIN_DEPTH = 100;

/**
 * The check of a price said relative to the product discussed ("cheaper than that", "more expensive
 * than this one": `IntentEntities.priceRelative`), held as `recommend_products` holds it
 * (personalize.ts `relativeBudget`, hardFilters.ts `checkProduct`): strictly below (above) the price
 * of the anchor (the request's `current_product_id`, else the conversation's `priceAnchor`) in the
 * market, against the price of the variants the shopper wished for. A price in another currency no
 * rate converts is not compared (not ok, said so). `undefined` when nothing is said relative to a
 * product, or the anchor is unknown or has no price: then no such check was made there either.
 */
export function relativeCheck(
  p: Product,
  entities: IntentEntities | undefined,
  anchorId: string | undefined,
  catalog: Pick<CatalogIndex, 'get'>,
  market: Market | undefined,
  rate: ExchangeRate | undefined,
): IntentCheck | undefined {
  if (!entities?.priceRelative) return undefined;
  const relative = relativeBudget(entities, anchorId, catalog, market, undefined, market?.currency, rate);
  const words = relative?.budget.words;
  if (!relative || !words) return undefined;
  const wanted = wishOf(entities);
  const price = budgetPrice(p, market, wanted) ?? minPrice(p);
  if (!price) return undefined;
  const shown = formatMoney(price);
  const r = checkProduct(p, { budget: relative.budget, requireAvailable: false, ...(wanted ? { wanted } : {}) }, { ...(market ? { market } : {}), ...(rate ? { rate } : {}) });
  const unknown = r.keep && r.reasons.some((x) => x.code === 'budget_currency_unknown');
  const upper = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;
  const detail = unknown
    ? `Not compared with "${words.asked}": its price (${shown}) is in another currency and no exchange rate is configured`
    : r.keep
      ? `${upper(words.asked)}, as asked (${shown})`
      : `${upper(words.miss)} (${shown})`;
  return { kind: 'budget', term: words.asked, ok: r.keep && !unknown, detail };
}

/** Arguments of `explain_recommendation`. */
export const ExplainRecommendationInput = z
  .object({
    product_id: IdSchema.describe('The product to explain.'),
    ...ShopperShape,
    text: z.string().max(MAX_CONVERSATION_CHARS).optional().describe('The conversation so far, as given to recommend_products.'),
    intent: AgentIntentSchema.optional(),
    market: MarketSchema.optional().describe('The market you gave recommend_products: ranks, budget checks and the price shown are for it, as there.'),
    current_product_id: IdSchema.optional().describe("The product being discussed when the recommendation was made: the product_id you gave recommend_products. A price relative to it (\"cheaper than this one\") is checked against it."),
    cart: z.array(IdSchema).max(100).optional().describe('The cart you gave recommend_products.'),
    shop: ShopSchema.optional(),
  })
  .strict();

/** Answer of `explain_recommendation`. */
export const ExplainRecommendationOutput = z.object({
  shop: z.string(),
  user_id: z.string().optional(),
  product: ProductOutSchema,
  recommended: z.boolean().describe(`Whether it ranks among the top ${EXPLAIN_DEPTH} candidates for this shopper now.`),
  rank: z.number().int().optional(),
  score: z.number().optional(),
  summary: z.string().describe('The explanation in one or two sentences.'),
  sources: z.array(z.string()).describe('Signals that contributed: cooc, content, affinity, popular, trending, buy_again, revisit, intent, …'),
  reasons: z.array(ReasonOutSchema),
  seeds: z.array(z.object({ product_id: z.string(), title: z.string().optional(), via: z.string() })),
  matched_affinities: z
    .array(z.object({ kind: z.string(), value: z.string(), weight: z.number() }))
    .describe("The shopper's interests this product matches, weighted as the ranker counts them: the affinity times how much the feature sets products apart in this shop (one every product shares, such as a one-brand shop's vendor, counts nothing and is left out)."),
  price_fit: z.object({ price: z.number(), currency: z.string(), low: z.number(), high: z.number(), position: z.enum(['below', 'within', 'above']) }).optional(),
  session_items: z.array(z.object({ product_id: z.string(), title: z.string().optional(), type: z.string() })),
  intent: IntentOutSchema.optional(),
  intent_checks: z.array(
    z.object({
      kind: z.string(),
      term: z.string(),
      ok: z.boolean(),
      detail: z.string(),
      unchecked: z.literal(true).optional().describe('The check could not be made (a budget in a currency no configured rate converts): ok is false, and the product may or may not fit.'),
    }),
  ),
  profile_found: z.boolean(),
});

export const explainRecommendation = defineTool({
  name: 'explain_recommendation',
  role: 'read',
  title: 'Explain a recommendation',
  description: [
    'Explains why a product was, or would be, recommended to this shopper: its rank, the signals behind it (items viewed together, similar items, the shopper\'s favourite categories and brands, popularity, the conversation\'s intent), the seed products with titles, and how its price compares with what the shopper usually pays.',
    'Call it when the shopper asks "why this?" or before you justify a suggestion. Pass the product_id and the same user_id/session_id, text, intent and market you gave recommend_products; pass the product_id you gave recommend_products (the product discussed) as current_product_id, and the same cart: "cheaper than this one" is checked against it. It only reads: the text and intent you pass here are not remembered for the session_id.',
  ].join('\n\n'),
  inputSchema: ExplainRecommendationInput,
  outputSchema: ExplainRecommendationOutput,
  annotations: { title: 'Explain a recommendation', readOnlyHint: true, openWorldHint: false },
  async run(args, env) {
    const { ctx } = env;
    const shop = env.shop;
    const { index, identity } = ctx.catalogs.get(shop);
    requireGidKind('product_id', args.product_id, PRODUCT_GID_KINDS);
    requireGidKind('current_product_id', args.current_product_id, PRODUCT_GID_KINDS);
    for (const c of args.cart ?? []) requireGidKind('cart', c, PRODUCT_GID_KINDS);
    const id = ctx.catalogs.canonical(shop, args.product_id) as string;
    const product = index.get(id);
    if (!product) throw new AffinityError('NOT_FOUND', `No product ${id} in the catalog of ${shop}; use an id returned by recommend_products or search_catalog.`);
    const key = shopperKey(args);
    const now = ctx.clock();
    const current = ctx.catalogs.canonical(shop, args.current_product_id);
    const cart = args.cart?.map((c) => ctx.catalogs.canonical(shop, c)).filter((c): c is string => c !== undefined);
    const agentIntent = intentInputOf(args.intent);
    // As recommend_products reads it (and prices Affinity's own products for it).
    const market = args.market ? marketFields(args.market) : undefined;
    const pricing = pricingMarket(ctx, market);
    // Rejections first: recommend_products leaves them out before its list is chosen.
    const rejected = key ? await unlessStoreDown(rejectedProducts(rejectionSources(ctx), shop, key, (x) => ctx.catalogs.canonical(shop, x)), new Set<string>()) : new Set<string>();
    const [answer, raw] = await Promise.all([
      recommend(
        ctx,
        {
          shop,
          ...(key ? { userId: key } : {}),
          ...(args.session_id ? { sessionId: args.session_id } : {}),
          ...(args.text ? { text: args.text } : {}),
          ...(agentIntent ? { intent: agentIntent } : {}),
          ...(market ? { market } : {}),
          ...(current ? { productId: current } : {}),
          ...(cart ? { cart } : {}),
          ...(rejected.size > 0 ? { exclude: rejected } : {}),
          limit: EXPLAIN_DEPTH,
          rememberTurn: false,
        },
        'personalized',
        now,
        'always',
      ),
      key ? unlessStoreDown(ctx.store.getProfile(shop, key), undefined) : Promise.resolve(undefined),
    ]);
    // Ranked as recommend_products shows them: without the products the shopper rejected or is looking at.
    const ranked = answerOf(answer);
    const res = { ...ranked, items: ranked.items.filter((i) => !rejected.has(i.productId) && i.productId !== current) };
    const refused = rejected.has(id);
    const view = raw ? buildProfileView(raw, now, ctx.profileView) : undefined;
    const title = (pid: string) => index.get(pid)?.title;
    const pos = res.items.findIndex((i) => i.productId === id);
    const hit = pos >= 0 ? res.items[pos] : undefined;
    const reasons = reasonsOut(hit?.reasons ?? [], title, 8, index);
    const seeds = [...new Map((hit?.reasons ?? []).filter((r) => r.seed).map((r) => [r.seed as string, { product_id: r.seed as string, ...(title(r.seed as string) ? { title: title(r.seed as string) } : {}), via: r.source }])).values()];
    // As the ranker counts them: a feature every product shares (a one-brand shop's vendor) explains nothing.
    const matched = view
      ? featureKeysOf(product)
          .map((k) => ({ ...featureLabel(k, index), weight: Number(((view.affinities.get(k) ?? 0) * index.featureSpecificity(k)).toFixed(4)) }))
          .filter((m) => m.weight > 0)
          .sort((a, b) => b.weight - a.weight)
      : [];
    const price = minPrice(product);
    const band = view?.priceBand;
    // Held to the band as shown (two decimals): a price at the band's shown end is within it, not above.
    const [low, high] = band ? [Number(band.low.toFixed(2)), Number(band.high.toFixed(2))] : [0, 0];
    const priceFit =
      price && band
        ? { price: toMajor(price), currency: price.currency, low, high, position: toMajor(price) < low ? ('below' as const) : toMajor(price) > high ? ('above' as const) : ('within' as const) }
        : undefined;
    const used = res.intent ? asResolved(res.intent) : fromInput(agentIntent);
    const intent = intentOut(used);
    // Checked as recommend_products filters: the rejections typed as the text read them, the budget at
    // the market's price or converted at the markets' rates (intentMatch.ts checkIntent).
    const rates = ctx.markets ? marketRatesOf(ctx.markets) : undefined;
    const checks = checkIntent(product, { ...used, ...(res.intent ? { rejections: res.intent.entities.rejections, ...(res.intent.entities.soft ? { soft: res.intent.entities.soft } : {}) } : {}) }, { ...(pricing ? { market: pricing } : {}), ...(rates ? { rate: rates } : {}) });
    // "Cheaper than that" / "that's too expensive": held to the product discussed, as recommend_products holds it.
    const relative = relativeCheck(product, res.intent?.entities, current ?? res.intent?.entities.priceAnchor, index, pricing, rates);
    if (relative) checks.push(relative);
    const failed = checks.filter((c) => !c.ok);
    /** Why the product is not in this shopper's list, the most telling first. */
    const notShown = (): string => {
      if (refused) return `${product.title} is left out of this shopper's recommendations: they rejected it earlier`;
      // As recommend_products leaves out what a shopper bought (MCP probe: "not among the top 20" was said of it).
      if (view?.purchased.has(id)) return `${product.title} is left out of this shopper's recommendations: they bought it already`;
      if (!index.isRecommendable(product.id)) return `${product.title} is not recommended to anyone: ${product.published ? 'it is out of stock' : 'it is not published on the online store (a draft, archived or hidden product)'}`;
      if (failed.some((c) => !c.unchecked)) return `${product.title} is not in this list: it does not meet all that was asked`;
      return `${product.title} is not among the top ${Math.min(EXPLAIN_DEPTH, index.size)} products for this shopper right now`;
    };
    const summaryParts: string[] = [hit ? `${product.title} ranks #${pos + 1} for this shopper` : notShown()];
    if (reasons.length > 0) summaryParts.push(`because: ${[...new Set(reasons.slice(0, 3).map((r) => r.text))].join('; ')}`);
    if (!hit && matched.length > 0) summaryParts.push(`though it matches their interest in ${matched.slice(0, 2).map((m) => m.value).join(' and ')}`);
    // Two sentences when something speaks against it: what it is, then what is against it.
    const summary = `${summaryParts.join(' ')}.${failed.length > 0 ? ` Against it: ${failed.map((c) => c.detail).join('; ')}.` : ''}`;
    const structured = {
      shop,
      ...(args.user_id ? { user_id: args.user_id } : {}),
      product: productOut(product, identity.idsOf(product.id), pricing, pricing ? toMarketCurrency(ctx, pricing) : undefined, askedOfVariants(used, res.intent?.entities.rejections)),
      recommended: hit !== undefined,
      ...(hit ? { rank: pos + 1, score: Number(hit.score.toFixed(6)) } : {}),
      summary,
      sources: [...new Set((hit?.reasons ?? []).map((r) => r.source))],
      reasons,
      seeds,
      matched_affinities: matched,
      ...(priceFit ? { price_fit: priceFit } : {}),
      session_items: (view?.session ?? []).slice(0, 10).map((s) => ({ product_id: s.productId, ...(title(s.productId) ? { title: title(s.productId) } : {}), type: s.type })),
      ...(intent.source !== 'none' ? { intent } : {}),
      intent_checks: checks,
      profile_found: raw !== undefined,
    };
    const lines = [summary];
    if (seeds.length > 0) lines.push(`Seed products: ${seeds.map((s) => s.title ?? s.product_id).join(', ')}`);
    if (matched.length > 0) lines.push(`Matches the shopper's ${matched.map((m) => `${m.kind} ${m.value}`).join(', ')}`);
    if (priceFit) lines.push(`Price ${priceFit.price} ${priceFit.currency} is ${priceFit.position} the usual range ${priceFit.low}–${priceFit.high}.`);
    return { structured, text: lines.join('\n') };
  },
});
