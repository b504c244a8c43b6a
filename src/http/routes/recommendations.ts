/**
 * `POST /v1/recommendations` and `POST /v1/recommendations/batch`.
 *
 * A request that carries conversational context (`text`, `intent`, `market` or `sessionId`) is
 * answered by the MCP-aware personalization layer when one is wired (`ctx.personalizer`): its items
 * carry `components` and the intent/affinity/season reasons, and the response says which intent was
 * used. Requests without those fields take the base recommender's path, unchanged.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AffinityError } from '../../core/errors.ts';
import type { CatalogRegistry } from '../../app/catalogRegistry.ts';
import type { RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import { INTENT_TYPES } from '../../core/intent/types.ts';
import { isDegraded } from '../../app/hybridRecommender.ts';
import { isMCPAware, type PersonalizedResult, type PersonalizeRequest } from '../../app/personalizedRecommender.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';
import { requireCatalog } from '../requireCatalog.ts';
import { presentJson, presentPersonalized } from '../recommendationView.ts';

const Id = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]);
const Terms = z.array(z.string().trim().min(1).max(200)).max(20);
const Currency = z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code');

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
    language: z.enum(['en', 'es']).optional(),
  })
  .strict();

const MarketSchema = z.union([
  z.string().min(1).max(50),
  z.object({ country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 code').optional(), currency: Currency.optional() }).strict(),
]);

/** Body of one recommendation request. */
export const RecommendationRequestSchema = z
  .object({
    shop: z.string().min(1).max(255).optional(),
    userId: z.string().min(1).max(200).optional().describe('Pixel clientId, customer id or your own user id.'),
    productId: Id.optional().describe('Product being viewed (numeric id or GID).'),
    cart: z.array(Id).max(100).optional().describe('Products in the cart.'),
    limit: z.number().int().min(1).max(100).default(10),
    allowRepeat: z.boolean().optional().describe('Let already bought products come back.'),
    excludeSeen: z.boolean().optional().describe("Leave out products the shopper already looked at in this session."),
    text: z.string().trim().min(1).max(4000).optional().describe('The conversation so far or its last message (English or Spanish).'),
    intent: IntentInputSchema.optional(),
    market: MarketSchema.optional().describe('Market country/currency ("MX", {"country": "ES", "currency": "EUR"}).'),
    sessionId: z.string().min(1).max(200).optional().describe('Conversation id: turns with the same id accumulate their intent for 15 minutes.'),
  })
  .strict();

/** Body of a batch request. */
export const RecommendationBatchSchema = z
  .object({ shop: z.string().min(1).max(255).optional(), requests: z.array(RecommendationRequestSchema).min(1).max(100) })
  .strict();

type Body = z.infer<typeof RecommendationRequestSchema>;

/** A request of the tenant `shop` (a `shop` in the body or a batch entry was held to it by the access hook). */
function toRequest(b: Body, shop: string, catalogs: CatalogRegistry): PersonalizeRequest {
  // Any id the shop uses (numeric, GID, handle, variant) names the catalog's product.
  const productId = catalogs.canonical(shop, b.productId);
  const intent = b.intent;
  return {
    shop,
    ...(b.userId ? { userId: b.userId } : {}),
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

/** Whether a request carries conversational context (and so goes to the personalization layer). */
function isConversational(r: PersonalizeRequest): boolean {
  return r.text !== undefined || r.intent !== undefined || r.market !== undefined || r.sessionId !== undefined;
}

export function recommendationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const respondPersonalized = (req: PersonalizeRequest, r: PersonalizedResult, name: string, tookMs: number) => {
    ctx.metrics.recommendations.inc({ recommender: name, personalized: 'true' });
    const { index, identity } = ctx.catalogs.get(req.shop);
    const i = r.intent;
    return {
      shop: req.shop,
      ...(req.userId ? { userId: req.userId } : {}),
      recommender: name,
      ...(req.productId !== undefined && !index.has(req.productId) ? { productKnown: false } : {}),
      items: r.items.map((x) => presentPersonalized(x, index, req.market !== undefined ? ctx.markets?.find({ market: req.market as never }) : undefined, identity)),
      intent: i
        ? {
            type: i.type,
            confidence: Number(i.confidence.toFixed(4)),
            language: i.language,
            entities: i.entities,
            source: i.source,
            fallbackUsed: i.fallbackUsed,
          }
        : null,
      ...(r.session ? { session: r.session } : {}),
      context: { ...r.market, season: r.temporal.season, hemisphere: r.temporal.hemisphere, holidays: r.temporal.holidays },
      tookMs: Number(tookMs.toFixed(3)),
    };
  };

  /**
   * The plain answer as JSON text (assembled from memoised product fragments, see recommendationView.ts).
   * `"degraded": true` when the store did not answer and the list came from memory (hybridRecommender.ts).
   */
  const respond = (req: RecommendRequest, items: RecommendedItem[], tookMs: number): string => {
    ctx.metrics.recommendations.inc({ recommender: ctx.recommender.name, personalized: String(!!req.userId) });
    const { index, identity } = ctx.catalogs.get(req.shop);
    const user = req.userId ? `"userId":${JSON.stringify(req.userId)},` : '';
    const list = items.map((i) => presentJson(i, index, identity)).join(',');
    let degraded = '';
    if (isDegraded(items)) {
      degraded = ',"degraded":true';
      ctx.metrics.recommendationsDegraded.inc();
    }
    // A product the catalog does not know under any of its ids is said so, not silently replaced.
    const unknown = req.productId !== undefined && !index.has(req.productId) ? ',"productKnown":false' : '';
    return `{"shop":${JSON.stringify(req.shop)},${user}"recommender":${JSON.stringify(ctx.recommender.name)}${unknown},"items":[${list}]${degraded},"tookMs":${JSON.stringify(Number(tookMs.toFixed(3)))}}`;
  };

  app.post('/v1/recommendations', async (req, reply) => {
    const t0 = performance.now();
    const body = parseBody(RecommendationRequestSchema, req.body);
    requireCatalog(ctx.catalogs, req.tenant, req.principal);
    const r = toRequest(body, req.tenant, ctx.catalogs);
    const personalizer = isMCPAware(ctx.personalizer) ? ctx.personalizer : undefined;
    if (personalizer && isConversational(r)) {
      const result = await personalizer.personalize(r, ctx.clock());
      return respondPersonalized(r, result, personalizer.name, performance.now() - t0);
    }
    const items = await ctx.recommender.recommend(r, ctx.clock());
    return reply.type(JSON_TYPE).send(respond(r, items, performance.now() - t0));
  });

  app.post('/v1/recommendations/batch', async (req, reply) => {
    const t0 = performance.now();
    const body = parseBody(RecommendationBatchSchema, req.body);
    requireCatalog(ctx.catalogs, req.tenant, req.principal);
    const rs = body.requests.map((b) => toRequest(b, req.tenant, ctx.catalogs));
    const now = ctx.clock();
    const personalizer = isMCPAware(ctx.personalizer) ? ctx.personalizer : undefined;
    const conv = personalizer ? rs.map(isConversational) : rs.map(() => false);
    const plain = rs.filter((_, i) => !conv[i]);
    const talk = rs.filter((_, i) => conv[i]);
    const [results, personalized] = await Promise.all([
      plain.length > 0 ? ctx.recommender.recommendBatch(plain, now) : Promise.resolve([]),
      personalizer && talk.length > 0 ? personalizer.personalizeBatch(talk, now) : Promise.resolve([]),
    ]);
    if (results.length !== plain.length || personalized.length !== talk.length) {
      throw new AffinityError('INTERNAL', 'Recommender returned a misaligned batch.');
    }
    const took = performance.now() - t0;
    let p = 0;
    let t = 0;
    const out = rs.map((r, i) =>
      conv[i] && personalizer
        ? JSON.stringify(respondPersonalized(r, personalized[t++] as PersonalizedResult, personalizer.name, took))
        : respond(r, results[p++] ?? [], took),
    );
    const degraded = results.some(isDegraded) ? ',"degraded":true' : '';
    return reply.type(JSON_TYPE).send(`{"results":[${out.join(',')}]${degraded},"tookMs":${JSON.stringify(Number(took.toFixed(3)))}}`);
  });
}
