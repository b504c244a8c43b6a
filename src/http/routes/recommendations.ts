/**
 * `POST /v1/recommendations` and `POST /v1/recommendations/batch`.
 *
 * The route translates: the body becomes the recommend use case's one request, and the use case
 * (`features/recommend/recommendations.ts`) says what answers it. A request that carries conversational
 * context (`text`, `intent`, `market` or `sessionId`) is answered by the personalization layer: its
 * items carry `components` and the intent/affinity/season reasons, and the response says which intent
 * was used. Requests without those fields take the base recommender's path.
 */
import type { FastifyInstance } from 'fastify';
import { CONTROL, gidKindProblem, IdStringSchema, isWellFormed, NOT_BLANK, PRODUCT_GID_KINDS, refineShopperId, shopperIdOf } from '../../core/ids.ts';
import { AffinityError } from '../../core/errors.ts';
import { z } from 'zod';
import type { CatalogRegistry } from '../../features/catalog/index.ts';
import type { RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { INTENT_TYPES } from '../../core/intent/types.ts';
import { MAX_CONVERSATION_CHARS } from '../../core/intent/transcript.ts';
import { type Answer, isDegraded, type PersonalizedResult, type PersonalizeRequest, recommend, recommendBatch } from '../../features/recommend/index.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';
import { requireCatalog } from '../requireCatalog.ts';
import { constraintsView } from '../../core/personalize/constraints.ts';
import { wishOf } from '../../core/personalize/intentScoring.ts';
import type { PersonalizedItem } from '../../core/personalize/personalize.ts';
import { presentListInto, presentPersonalizedInto } from '../recommendationView.ts';
import { SURFACES, type ListStatus, type Surface } from '../../core/attribution/servedList.ts';
import { marketFields, marketLabel } from '../../core/markets/shopperMarket.ts';
import type { Strategy } from '../../core/attribution/experiments.ts';
import { experimentOut, type ListStart } from '../../features/analytics/index.ts';
import { CurrencyCode } from '../../core/currencyCode.ts';
import { CountryCode, isCountryCode } from '../../core/countryCode.ts';
import type { MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { isKnownCurrency } from '../../core/money.ts';

const Id = z.union([IdStringSchema, z.number().int().nonnegative()]);
const Terms = z.array(z.string().trim().min(1).max(200)).max(20);
const Currency = CurrencyCode;

/** A structured intent, as an agent or an API caller states it. */
export const IntentInputSchema = z
  .object({
    type: z.enum(INTENT_TYPES).optional(),
    budget: z
      .object({ min: z.number().nonnegative().optional(), max: z.number().nonnegative().optional(), currency: Currency.optional() })
      .strict()
      .optional()
      .describe('Price range in major units, e.g. {"max": 50, "currency": "EUR"}; the cheapest available variant must fit.'),
    categories: Terms.optional().describe('Categories, product types or tags wanted (English or Spanish).'),
    brands: Terms.optional(),
    colours: Terms.optional(),
    sizes: Terms.optional(),
    exclude: Terms.optional().describe('Must-not terms: brands, materials, colours, categories or words ("leather", "Nike", "cuero").'),
    recipient: z.string().min(1).max(50).optional().describe('Who it is for ("mother", "self").'),
    occasion: z.string().min(1).max(50).optional(),
    gift: z.boolean().optional(),
    pricePreference: z.enum(['low', 'high']).optional().describe('The end of the price range wanted without a number ("cheap": low, "premium": high); orders the answer, not a budget.'),
    onSale: z.boolean().optional().describe('Products on sale are wanted ("anything on sale?"): held like a constraint, relaxed first (constraints.relaxed: "sale"); false overrides an "on sale" read from the text.'),
    priceRelative: z
      .enum(['below', 'above'])
      .optional()
      .describe('"cheaper than this one" (below) or "more expensive" (above): only products priced below (above) the request\'s productId (else the product the sessionId\'s comparative was said of); held like a budget. Read from text too ("cheaper than that", "más barato que ese").'),
    language: z.enum(['en', 'es']).optional(),
  })
  .strict();

const MarketSchema = z.union([
  z.string().min(1).max(50),
  z.object({ handle: z.string().min(1).max(50).optional(), country: CountryCode.optional(), currency: Currency.optional() }).strict(),
]);

/** Body of one recommendation request. */
export const RecommendationRequestSchema = z
  .object({
    shop: z.string().min(1).max(255).optional(),
    userId: IdStringSchema.superRefine(refineShopperId).optional().describe('Pixel clientId, customer id or your own user id.'),
    productId: Id.optional().describe('Product being viewed (numeric id or GID).'),
    cart: z.array(Id).max(100).optional().describe('Products in the cart.'),
    limit: z.number().int().min(1).max(100).default(10),
    allowRepeat: z.boolean().optional().describe('Let already bought products come back.'),
    excludeSeen: z.boolean().optional().describe("Leave out products the shopper already looked at in this session."),
    text: z.string().trim().min(1).max(MAX_CONVERSATION_CHARS).optional().describe('The conversation so far or its last message (English or Spanish).'),
    intent: IntentInputSchema.optional(),
    market: MarketSchema.optional().describe('Market country/currency ("MX", {"country": "ES", "currency": "EUR"}).'),
    sessionId: z.string().min(1).max(200).optional().describe('Conversation id: turns with the same id accumulate their intent for 15 minutes.'),
    surface: z.enum(SURFACES).optional().describe('Where the list is shown (product, cart, home, search, api; default api), for analytics.'),
    agent: z.string().min(1).max(100).optional().describe('Name of the AI agent asking on the shopper\'s behalf, if any (analytics count it as an agent request).'),
  })
  .strict();

/** Body of a batch request. */
export const RecommendationBatchSchema = z
  .object({ shop: z.string().min(1).max(255).optional(), requests: z.array(RecommendationRequestSchema).min(1).max(100) })
  .strict();

type Body = z.infer<typeof RecommendationRequestSchema>;

const SURFACE_SET: ReadonlySet<string> = new Set(SURFACES);

/** A string `IdStringSchema` takes. */
function isShortString(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 200 && NOT_BLANK.test(v) && !CONTROL.test(v) && isWellFormed(v);
}

/**
 * The body of a plain storefront request (`userId`, `productId`, `limit`, `surface`, nothing else),
 * checked by hand: exactly what {@link RecommendationRequestSchema} would answer for it, without the
 * schema's per-request work. Anything else (another field, a value the schema might refuse) is left to
 * the schema: `undefined`.
 */
export function plainBody(b: unknown): Body | undefined {
  if (typeof b !== 'object' || b === null || Object.getPrototypeOf(b) !== Object.prototype) return undefined;
  let userId: string | undefined;
  let productId: string | number | undefined;
  let limit = 10;
  let surface: Surface | undefined;
  for (const key in b) {
    if (!Object.hasOwn(b, key)) return undefined;
    const v = (b as Record<string, unknown>)[key];
    if (key === 'userId') {
      // A GID-looking id is left to the schema, which holds it to a customer's (`shopperIdProblem`).
      if (!isShortString(v) || (v.charCodeAt(0) | 32) === 103) return undefined;
      userId = v;
    } else if (key === 'productId') {
      if (!isShortString(v) && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) return undefined;
      productId = v as string | number;
    } else if (key === 'limit') {
      if (!(typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 && v <= 100)) return undefined;
      limit = v;
    } else if (key === 'surface') {
      if (typeof v !== 'string' || !SURFACE_SET.has(v)) return undefined;
      surface = v as Surface;
    } else return undefined;
  }
  return { ...(userId !== undefined ? { userId } : {}), ...(productId !== undefined ? { productId } : {}), limit, ...(surface !== undefined ? { surface } : {}) };
}

/** A request of the tenant `shop` (a `shop` in the body or a batch entry was held to it by the access hook). */
/** Refuses a product id that is a GID of another kind: it would name the product with its number (a collection's as product 1). */
function requireProductIds(b: Body, at = ''): void {
  const wrongKind = (path: string, id: unknown): void => {
    const problem = gidKindProblem(id, PRODUCT_GID_KINDS);
    if (problem) throw new AffinityError('VALIDATION_FAILED', `${at}${path}: ${problem}`, [{ path: `${at}${path}`, message: problem }]);
  };
  wrongKind('productId', b.productId);
  b.cart?.forEach((c, i) => wrongKind(`cart.${i}`, c));
}

/**
 * The request's market as the personalization layer reads it (a country and a currency): a configured
 * market's handle ("eu", alone or as `{handle}`) gives its currency, and its country when it serves
 * one; a country code stays one. A string that is neither, or a handle no market has, is refused: it
 * would be read as a country that is none ("zz-unknown" answered as country "ZZ").
 */
function marketOf(m: Body['market'], markets: MarketRegistry | undefined, at: string): Body['market'] {
  if (m === undefined) return undefined;
  const handle = typeof m === 'string' ? m.trim() : m.handle?.trim();
  const configured = handle !== undefined ? markets?.byHandle(handle) : undefined;
  // A string that is no handle: a country ("DE"), a currency ("EUR") or a locale ("es-mx") as before.
  if (typeof m === 'string' && configured === undefined && readableMarket(m)) return m;
  if (handle !== undefined && configured === undefined) {
    const known = markets?.all().map((x) => x.handle).join(', ') ?? '';
    const message = `"${handle.slice(0, 50)}" is no configured market${known ? ` (${known})` : ''} and no ISO country code such as "DE"`;
    throw new AffinityError('VALIDATION_FAILED', `${at}market: ${message}.`, [{ path: `${at}market`, message }]);
  }
  if (configured === undefined) return m;
  const own = typeof m === 'string' ? {} : { ...(m.country ? { country: m.country } : {}), ...(m.currency ? { currency: m.currency } : {}) };
  return { handle: configured.handle, ...(configured.countries.length === 1 ? { country: configured.countries[0] } : {}), currency: configured.currency, ...own };
}

/** Whether what `marketFields` reads of a market string (a country, a currency, a locale's country) names one that exists. */
function readableMarket(s: string): boolean {
  const f = marketFields(s);
  return f.country !== undefined ? isCountryCode(f.country) : f.currency !== undefined && isKnownCurrency(f.currency);
}

/** `b`'s market already read by {@link marketOf}. */
function toRequest(b: Body, shop: string, catalogs: CatalogRegistry): PersonalizeRequest {
  // Any id the shop uses (numeric, GID, handle, variant) names the catalog's product.
  const productId = catalogs.canonical(shop, b.productId);
  const intent = b.intent;
  return {
    shop,
    // A customer named by GID is the customer's numeric id, as their checkouts stored it.
    ...(b.userId ? { userId: shopperIdOf(b.userId) } : {}),
    ...(productId ? { productId } : {}),
    ...(b.cart ? { cart: b.cart.map((c) => catalogs.canonical(shop, c) as string) } : {}),
    limit: b.limit,
    ...(b.allowRepeat !== undefined ? { allowRepeat: b.allowRepeat } : {}),
    ...(b.excludeSeen !== undefined ? { excludeSeen: b.excludeSeen } : {}),
    ...(b.text ? { text: b.text } : {}),
    ...(intent ? { intent } : {}),
    ...(b.market ? { market: b.market } : {}),
    ...(b.sessionId ? { sessionId: b.sessionId } : {}),
  };
}

/** What Fastify would send for a JSON body (the plain answers are serialised here, see `respond`). */
const JSON_TYPE = 'application/json; charset=utf-8';


export function recommendationRoutes(app: FastifyInstance, ctx: AppContext): void {
  /**
   * The personalized answer as JSON text, joined once from its parts: the items written from memoised
   * product fragments (`presentPersonalizedInto`), the envelope's small parts serialised as they are.
   * The order of the fields is the API's (docs/api.md): shop, userId, recommendationId, experiment,
   * recommender, productKnown, items, constraints, intent, session, context, degraded, tookMs.
   */
  const respondPersonalized = (req: PersonalizeRequest, r: PersonalizedResult, name: string, tookMs: number, start?: ListStart): string => {
    ctx.metrics.recommendations.inc({ recommender: name, personalized: 'true' });
    if (r.degraded) ctx.metrics.recommendationsDegraded.inc();
    const { index, identity } = ctx.catalogs.get(req.shop);
    const i = r.intent;
    const experiment = start ? experimentOut(start) : undefined;
    const market = req.market !== undefined ? ctx.markets?.find({ market: req.market as never }) : undefined;
    // Priced as the colour or size asked for (the variant the budget was held to).
    const wish = wishOf(i?.entities);
    const head = {
      shop: req.shop,
      ...(req.userId ? { userId: req.userId } : {}),
      ...(start ? { recommendationId: start.id } : {}),
      ...(experiment ? { experiment } : {}),
      recommender: name,
      ...(req.productId !== undefined && !index.has(req.productId) ? { productKnown: false } : {}),
    };
    const out: string[] = [JSON.stringify(head).slice(0, -1), ',"items":['];
    for (let k = 0; k < r.items.length; k++) {
      if (k > 0) out.push(',');
      presentPersonalizedInto(out, r.items[k] as PersonalizedItem, index, market, identity, start?.id, wish);
    }
    const intent = i
      ? { type: i.type, confidence: Number(i.confidence.toFixed(4)), language: i.language, entities: i.entities, source: i.source, fallbackUsed: i.fallbackUsed }
      : null;
    out.push('],"constraints":', JSON.stringify(constraintsView(r.constraints)), ',"intent":', JSON.stringify(intent));
    if (r.session) out.push(',"session":', JSON.stringify(r.session));
    out.push(',"context":', JSON.stringify({ ...r.market, season: r.temporal.season, hemisphere: r.temporal.hemisphere, holidays: r.temporal.holidays }));
    if (r.degraded) out.push(',"degraded":true');
    out.push(',"tookMs":', JSON.stringify(Number(tookMs.toFixed(3))), '}');
    return out.join('');
  };

  /**
   * The plain answer as JSON text (assembled from memoised product fragments, see recommendationView.ts),
   * joined once from its parts: no string per item to copy again into the answer.
   * `"degraded": true` when the store did not answer and the list came from memory (hybridRecommender.ts).
   */
  const respond = (req: RecommendRequest, items: RecommendedItem[], tookMs: number, start?: ListStart): string => {
    ctx.metrics.recommendations.inc({ recommender: ctx.recommender.name, personalized: String(!!req.userId) });
    const { index, identity } = ctx.catalogs.get(req.shop);
    const experiment = start ? experimentOut(start) : undefined;
    const user = `${req.userId ? `"userId":${JSON.stringify(req.userId)},` : ''}${start ? `"recommendationId":${JSON.stringify(start.id)},` : ''}${experiment ? `"experiment":${JSON.stringify(experiment)},` : ''}`;
    // A product the catalog does not know under any of its ids is said so, not silently replaced.
    const unknown = req.productId !== undefined && !index.has(req.productId) ? ',"productKnown":false' : '';
    const out: string[] = [`{"shop":${JSON.stringify(req.shop)},${user}"recommender":${JSON.stringify(ctx.recommender.name)}${unknown},"items":[`];
    presentListInto(out, items, index, identity, start?.id);
    let degraded = '';
    if (isDegraded(items)) {
      degraded = ',"degraded":true';
      ctx.metrics.recommendationsDegraded.inc();
    }
    out.push(`]${degraded},"tookMs":${JSON.stringify(Number(tookMs.toFixed(3)))}}`);
    return out.join('');
  };

  /** Records what a list served (buffered, off the request path). */
  const served = (start: ListStart, r: PersonalizeRequest, b: Body, surface: Surface, items: readonly { productId: string }[], how: { tookMs: number; status: ListStatus }, intent?: string) => {
    const market = marketLabel(r.market as string | { country?: string; currency?: string } | undefined);
    ctx.attribution?.served(start, {
      shop: r.shop,
      surface,
      actor: b.agent ? 'agent' : 'human',
      ...(b.agent ? { agent: b.agent } : {}),
      ...(intent ? { intent } : b.intent?.type ? { intent: b.intent.type } : {}),
      ...(market ? { market } : {}),
      ...(r.userId ? { userId: r.userId } : {}),
      items: items.map((x) => x.productId),
      tookMs: how.tookMs,
      ...(how.status !== 'ok' ? { status: how.status } : {}),
    });
  };
  const status = (degraded: boolean): ListStatus => (degraded ? 'degraded' : 'ok');

  app.post('/v1/recommendations', async (req, reply) => {
    const t0 = performance.now();
    const body = plainBody(req.body) ?? parseBody(RecommendationRequestSchema, req.body);
    requireProductIds(body);
    const market = marketOf(body.market, ctx.markets, '');
    requireCatalog(ctx.catalogs, req.tenant, req.principal);
    const r = toRequest({ ...body, market }, req.tenant, ctx.catalogs);
    const surface: Surface = body.surface ?? 'api';
    const start = await ctx.attribution?.begin({ shop: r.shop, surface, userId: r.userId });
    const strategy = start?.experiment?.strategy ?? 'personalized';
    try {
      const a = await recommend(ctx, r, strategy, ctx.clock(), 'conversational');
      if (a.route === 'personalized') {
        const result = a.result;
        if (start) served(start, r, body, surface, result.items, { tookMs: performance.now() - t0, status: status(result.intent?.fallbackUsed === true || result.degraded === true) }, result.intent?.type);
        return reply.type(JSON_TYPE).send(respondPersonalized(r, result, a.recommender, performance.now() - t0, start));
      }
      const items = a.route === 'base' ? a.items : [];
      if (start) served(start, r, body, surface, items, { tookMs: performance.now() - t0, status: status(a.route === 'base' && a.degraded) });
      return reply.type(JSON_TYPE).send(respond(r, items, performance.now() - t0, start));
    } catch (err) {
      // The variant's failures are a guardrail of the experiment (analytics `guardrails.errorRate`).
      if (start) served(start, r, body, surface, [], { tookMs: performance.now() - t0, status: 'error' });
      throw err;
    }
  });

  app.post('/v1/recommendations/batch', async (req, reply) => {
    const t0 = performance.now();
    const body = parseBody(RecommendationBatchSchema, req.body);
    body.requests.forEach((b, i) => requireProductIds(b, `requests.${i}.`));
    const markets = body.requests.map((b, i) => marketOf(b.market, ctx.markets, `requests.${i}.`));
    requireCatalog(ctx.catalogs, req.tenant, req.principal);
    const rs = body.requests.map((b, i) => toRequest({ ...b, market: markets[i] }, req.tenant, ctx.catalogs));
    const now = ctx.clock();
    const starts = await Promise.all(rs.map((r, i) => ctx.attribution?.begin({ shop: r.shop, surface: body.requests[i]?.surface ?? 'api', userId: r.userId })));
    const strategies = starts.map((s): Strategy => s?.experiment?.strategy ?? 'personalized');
    const answers = await recommendBatch(ctx, rs, strategies, now, 'conversational');
    const took = performance.now() - t0;
    const out = rs.map((r, i) => {
      const start = starts[i];
      const b = body.requests[i] as Body;
      const surface = b.surface ?? 'api';
      const a = answers[i] as Answer;
      if (a.route === 'personalized') {
        if (start) served(start, r, b, surface, a.result.items, { tookMs: took, status: status(a.result.intent?.fallbackUsed === true || a.result.degraded === true) }, a.result.intent?.type);
        return respondPersonalized(r, a.result, a.recommender, took, start);
      }
      const items = a.route === 'base' ? a.items : [];
      if (start) served(start, r, b, surface, items, { tookMs: took, status: status(a.route === 'base' && a.degraded) });
      return respond(r, items, took, start);
    });
    const degraded = answers.some((a) => (a.route === 'base' && a.degraded) || (a.route === 'personalized' && a.result.degraded === true)) ? ',"degraded":true' : '';
    return reply.type(JSON_TYPE).send(`{"results":[${out.join(',')}]${degraded},"tookMs":${JSON.stringify(Number(took.toFixed(3)))}}`);
  });
}
