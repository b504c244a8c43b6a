/**
 * `recommend_products`: personalized products for the shopper in this conversation, with prices in
 * the market's currency, availability and reasons an agent can quote.
 */
import { recommend, unlessStoreDown } from '../../features/recommend/index.ts';
import { z } from 'zod';
import { MAX_CONVERSATION_CHARS } from '../../core/intent/transcript.ts';
import { normalizeId } from '../../core/ids.ts';
import { rejectedProducts, rejectionSources } from '../agentEvents.ts';
import { PRODUCT_GID_KINDS, requireGidKind } from '../gidArgs.ts';
import { askedOfVariants, asResolved, intentInputOf, intentOut } from '../intent.ts';
import { listConstraints } from '../../core/personalize/intentMatch.ts';
import { namedProducts } from '../../core/personalize/namedProducts.ts';
import { shopperTurns } from '../../core/intent/transcript.ts';
import { isAvailable } from '../../core/catalog/product.ts';
import { marketProducts, pricingMarket, toMarketCurrency } from '../marketProducts.ts';
import { itemSentence, productOut, reasonsOut } from '../present.ts';
import { AgentIntentSchema, ConstraintsOutSchema, IdSchema, IntentOutSchema, MarketSchema, ProductOutSchema, ReasonOutSchema, ShopperShape, ShopSchema } from '../schemas.ts';
import { linkConversation, shopperKey } from '../shopper.ts';
import { answerOf } from '../answer.ts';
import { defineTool } from '../tool.ts';
import { marketFields, marketLabel } from '../../core/markets/shopperMarket.ts';
import { AttributionOutShape, attributedUrl, recordMcpList } from '../attributedList.ts';
import { shopperLink } from '../answerText.ts';
import { constraintsView, forShownItems } from '../../core/personalize/constraints.ts';

/** Default number of products. */
export const DEFAULT_RECOMMEND_LIMIT = 8;

/** Arguments of `recommend_products`. */
export const RecommendProductsInput = z
  .object({
    ...ShopperShape,
    text: z
      .string()
      .max(MAX_CONVERSATION_CHARS)
      .optional()
      .describe("The conversation so far (at least the shopper's latest messages). Affinity reads budget, category, brand, exclusions and gift context from it."),
    intent: AgentIntentSchema.optional(),
    market: MarketSchema.optional(),
    product_id: IdSchema.optional().describe('Product the shopper is looking at or talking about (it is not recommended back).'),
    cart: z.array(IdSchema).max(100).optional().describe('Product ids in the cart.'),
    limit: z.number().int().min(1).max(50).default(DEFAULT_RECOMMEND_LIMIT).describe('How many products (1–50, default 8).'),
    shop: ShopSchema.optional(),
  })
  .strict();

/** Answer of `recommend_products`. */
export const RecommendProductsOutput = z.object({
  shop: z.string(),
  user_id: z.string().optional(),
  session_id: z.string().optional(),
  ...AttributionOutShape,
  items: z.array(
    ProductOutSchema.extend({
      rank: z.number().int(),
      score: z.number(),
      reason: z.string().describe('One sentence to quote to the shopper.'),
      reasons: z.array(ReasonOutSchema),
    }),
  ),
  intent: IntentOutSchema,
  constraints: ConstraintsOutSchema,
  fallback_used: z.boolean().describe('True when the shop or a model could not answer and a degraded path did.'),
  price_source: z.enum(['shop', 'cache', 'local']).describe("shop: the shop's live catalog for this market; cache: its cached answer; local: Affinity's catalog copy."),
  recommender: z.string(),
  notes: z.array(z.string()),
});

export const recommendProducts = defineTool({
  name: 'recommend_products',
  role: 'read',
  title: 'Recommend products',
  description: [
    'Personalized product recommendations for the shopper in this conversation, ranked from what Affinity has seen them do (views, carts, purchases, in the shop and in earlier conversations) combined with what they are asking for now.',
    'Call it whenever the shopper wants suggestions, alternatives or "something like this". Pass user_id (or session_id for an anonymous chat), the conversation so far in `text`, and `intent` if you already know budget, category, brand or exclusions (must_not). Pass `market` to get prices in the shopper\'s currency, `product_id` for the product being discussed and `cart` for what is in the cart.',
    'Returns up to `limit` products (default 8) with price (integer minor units + formatted), availability, a one-sentence `reason` you can quote (written in English: say it in the language the shopper writes in), structured `reasons`, the `intent` that was used, and `fallback_used`. Products the shopper rejected (track_event "rejected") are left out.',
    "Give the shopper each item's `url` as the link: it carries `aff_rec=<recommendation_id>`, so a click and a later order are attributed to this list.",
    'When `constraints.satisfied` is false the shop has nothing that meets everything asked for (or, with `constraints.unchecked`, Affinity could not tell: a budget in a currency it has no rate for): tell the shopper (quote `constraints.reason`) and do not present the items as matches.',
  ].join('\n\n'),
  inputSchema: RecommendProductsInput,
  outputSchema: RecommendProductsOutput,
  // Open world like search_catalog: with a market, prices and availability come from the shop's Storefront Catalog.
  annotations: { title: 'Recommend products', readOnlyHint: true, openWorldHint: true },
  async run(args, env) {
    const t0 = performance.now();
    const { ctx } = env;
    const shop = env.shop;
    const { index, identity } = ctx.catalogs.get(shop);
    // A GID of another kind (a collection, an order) names no product: refused, as the other tools do.
    requireGidKind('product_id', args.product_id, PRODUCT_GID_KINDS);
    for (const c of args.cart ?? []) requireGidKind('cart', c, PRODUCT_GID_KINDS);
    const key = shopperKey(args);
    const start = await ctx.attribution?.begin({ shop, surface: 'mcp', userId: key });
    try {
      let storeDown = false;
      const rejected = key ? await unlessStoreDown(rejectedProducts(rejectionSources(ctx), shop, key, (id) => ctx.catalogs.canonical(shop, id)), new Set<string>(), () => (storeDown = true)) : new Set<string>();
      const productId = ctx.catalogs.canonical(shop, args.product_id);
      const cart = args.cart?.map((c) => ctx.catalogs.canonical(shop, c)).filter((c): c is string => c !== undefined);
      const market = args.market ? marketFields(args.market) : undefined;
      const intent = intentInputOf(args.intent);
      const answer = await recommend(
        ctx,
        {
          shop,
          ...(key ? { userId: key } : {}),
          ...(args.session_id ? { sessionId: args.session_id } : {}),
          ...(args.text ? { text: args.text } : {}),
          ...(intent ? { intent } : {}),
          ...(market ? { market } : {}),
          ...(productId ? { productId } : {}),
          ...(cart ? { cart } : {}),
          // Left out before the list is chosen, so `constraints` judges what can be shown; a control
          // variant's base list (no layer) is filtered below, with room for it in the limit.
          ...(rejected.size > 0 ? { exclude: rejected } : {}),
          limit: Math.min(100, args.limit + rejected.size + Math.ceil(args.limit / 2)),
          // Of those, about `limit` are shown: "show me more" then skips only what the shopper saw.
          shows: args.limit,
        },
        start?.experiment?.strategy ?? 'personalized',
        ctx.clock(),
        'always',
      );
      const res = answerOf(answer);
      // After the answer (a stateless node has read the shopper's consent state by then); a read tool
      // still answers when the store does not take the link.
      await linkConversation(ctx, shop, args, market).catch((err: unknown) => ctx.logError(err, 'conversation not linked to its shopper'));
      const candidates = res.items.filter((i) => !rejected.has(i.productId) && i.productId !== productId);
      const mp = await marketProducts(ctx, shop, candidates.map((c) => c.productId), market, index);
      const titleOf = (id: string) => index.get(id)?.title ?? mp.byId.get(id)?.title;
      // Affinity's own copy is priced as the configured market shows it; the shop's answer already is.
      const pricing = mp.source === 'local' ? pricingMarket(ctx, market) : undefined;
      const convert = pricing ? toMarketCurrency(ctx, pricing) : undefined;
      // Priced as the colour, size or price range asked for (the variant the budget was held to).
      const asked = askedOfVariants(asResolved(res.intent), res.intent?.entities.rejections);
      const items = [];
      const shownCandidates: (typeof candidates)[number][] = [];
      for (const c of candidates) {
        const p = mp.byId.get(c.productId) ?? (mp.authoritative ? undefined : index.get(c.productId));
        if (!p) continue;
        const out = attributedUrl(productOut(p, identity.idsOf(p.id), pricing, convert, asked), start);
        if (!out.available) continue;
        const reasons = reasonsOut(c.reasons, titleOf, 4, index);
        items.push({ ...out, rank: items.length + 1, score: Number(c.score.toFixed(6)), reason: itemSentence(reasons), reasons });
        shownCandidates.push(c);
        if (items.length === args.limit) break;
      }
      const recommender = res.recommender;
      ctx.metrics.recommendations.inc({ recommender, personalized: String(key !== undefined) });
      const notes: string[] = [];
      if (storeDown) notes.push("Affinity's store did not answer: this list is not personalized from the shopper's history (rejections could not be checked).");
      if (mp.fallbackUsed) notes.push(mp.fallbackNote ?? "The shop's catalog could not be reached: prices and availability come from Affinity's copy and may be out of date.");
      const wanted = pricing?.currency ?? market?.currency;
      const off = wanted ? items.filter((i) => i.price && i.price.currency !== wanted) : [];
      const offCurrencies = [...new Set(off.map((i) => i.price?.currency as string))].join(', ');
      // The market the shopper's country belongs to prices in another currency ({"country": "US", "currency": "EUR"}), or none prices in it.
      const home = !pricing && mp.source === 'local' && market?.country ? ctx.markets?.find({ market }) : undefined;
      const unpriced = home && home.currency !== wanted ? `the ${home.handle} market, which ${market?.country} belongs to, prices in ${home.currency}, not ${wanted}, and the catalog lists no ${wanted} price` : `no market in ${wanted} is configured and the catalog lists no ${wanted} price`;
      if (off.length > 0) notes.push(`${off.length} price(s) could not be converted to ${wanted}: they are the shop's own prices in ${offCurrencies}, not estimates (${pricing ? `no exchange rate from ${offCurrencies} to ${wanted} is configured` : mp.source === 'local' ? unpriced : `the shop's catalog gave no ${wanted} price`}).`);
      const converted = items.filter((i) => i.price?.estimated && i.price.currency === wanted).length;
      if (converted > 0) notes.push(`${converted} price(s) were converted to ${wanted} with the configured exchange rates (marked ≈): the shop converts at checkout with its own rate.`);
      if (productId !== undefined && index.size > 0 && !index.has(productId)) notes.push(`Product ${String(args.product_id)} is not in Affinity's copy of this shop's catalog: the list is not based on it.`);
      if (rejected.size > 0) notes.push(`Left out the ${rejected.size} product(s) the shopper rejected earlier.`);
      // A product the shopper names by its title that cannot be shown: say so rather than show others silently.
      // In a transcript, the shopper's latest message: not the assistant's listed titles, nor a turn already answered.
      if (args.text) {
        const said = shopperTurns(args.text);
        for (const named of namedProducts(said ? (said.at(-1) ?? '') : args.text, index)) {
          const p = mp.byId.get(named.id) ?? named;
          if (isAvailable(p) || shownCandidates.some((c) => c.productId === named.id)) continue;
          notes.push(`${named.title} is ${p.published ? 'out of stock' : 'not for sale'} in this shop right now, so it is not in the list.`);
        }
      }
      if (items.length === 0) notes.push(index.size === 0 ? `No catalog is loaded for shop ${shop}.` : 'Nothing fits: consider relaxing the budget or exclusions.');
      // The intent the layer used (`none` when a control variant's base list answered: nothing was steered by it).
      const resolved = asResolved(res.intent);
      const used = intentOut(resolved);
      // The layer says whether its items meet what was asked; for a producer that does not, check the list.
      const shown = items.map((i) => mp.byId.get(i.product_id) ?? index.get(i.product_id)).filter((p) => p !== undefined);
      // The layer's outcome is for every item it ranked; only those shown count for a budget it could not check.
      const constraints = res.constraints ? forShownItems(res.constraints, shownCandidates) : listConstraints(shown, resolved);
      if (!constraints.satisfied && constraints.reason) notes.unshift(constraints.reason);
      const fallbackUsed = mp.fallbackUsed || res.fallbackUsed || storeDown;
      if (start) {
        const label = marketLabel(market);
        recordMcpList(env, start, {
          shop,
          ...(used.type ? { intent: used.type } : {}),
          ...(label ? { market: label } : {}),
          ...(key ? { userId: key } : {}),
          items: items.map((i) => i.product_id),
          tookMs: performance.now() - t0,
          status: fallbackUsed ? 'degraded' : 'ok',
        }, { categories: used.categories, brands: used.brands, ...(used.budget ? { budget: { min: used.budget.min, max: used.budget.max, currency: used.budget.currency } } : {}) });
      }
      const structured = {
        shop,
        ...(args.user_id ? { user_id: args.user_id } : {}),
        ...(args.session_id ? { session_id: args.session_id } : {}),
        ...(start ? { recommendation_id: start.id } : {}),
        ...(start?.experiment ? { experiment: { id: start.experiment.id, variant: start.experiment.variant } } : {}),
        items,
        intent: used,
        constraints: constraintsView(constraints),
        fallback_used: fallbackUsed,
        price_source: mp.source,
        recommender,
        notes,
      };
      // The summary carries what the agent must act on (the link to give, which carries aff_rec; the list's
      // id), for clients that show the model only text; the whole answer follows it as JSON (answerText.ts).
      const lines = items.map((i) => `${i.rank}. ${i.title} (id ${i.product_id})${i.price ? ` — ${i.price.formatted}` : ''} — ${i.reason}${i.url ? ` — link: ${shopperLink(i.url, shop)}` : ''}`);
      const head = `${items.length} recommendation(s) for ${key ?? 'an anonymous shopper'} in ${shop}${used.source !== 'none' ? ` (intent from ${used.source})` : ''}${start ? `, recommendation_id ${start.id}` : ''}:`;
      const linkHint = start && items.some((i) => i.url) ? ["Give the shopper each item's link as it is: it carries aff_rec, so a click and an order are attributed to this list."] : [];
      return { structured, text: [head, ...lines, ...notes.map((n) => `Note: ${n}`), ...linkHint].join('\n') };
    } catch (err) {
      if (start) recordMcpList(env, start, { shop, ...(key ? { userId: key } : {}), items: [], tookMs: performance.now() - t0, status: 'error' });
      throw err;
    }
  },
});
