/**
 * `POST /v1/recommendations` and `POST /v1/recommendations/batch`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { minPrice, type Product } from '../../core/catalog/product.ts';
import { AffinityError } from '../../core/errors.ts';
import { normalizeId } from '../../core/ids.ts';
import { formatMoney } from '../../core/money.ts';
import type { RecommendedItem, RecommendRequest } from '../../core/recommend/baseRecommender.ts';
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { shopOf, type AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';

const Id = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]);

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
  })
  .strict();

/** Body of a batch request. */
export const RecommendationBatchSchema = z
  .object({ shop: z.string().min(1).max(255).optional(), requests: z.array(RecommendationRequestSchema).min(1).max(100) })
  .strict();

type Body = z.infer<typeof RecommendationRequestSchema>;

function toRequest(b: Body, shop: string): RecommendRequest {
  const productId = normalizeId(b.productId);
  return {
    shop: b.shop ?? shop,
    ...(b.userId ? { userId: b.userId } : {}),
    ...(productId ? { productId } : {}),
    ...(b.cart ? { cart: b.cart.map((c) => normalizeId(c) as string) } : {}),
    limit: b.limit,
    ...(b.allowRepeat !== undefined ? { allowRepeat: b.allowRepeat } : {}),
    ...(b.excludeSeen !== undefined ? { excludeSeen: b.excludeSeen } : {}),
  };
}

/** Reasons returned per item (strongest first). */
const MAX_REASONS = 4;

/** Product facts shown with a recommendation. */
function present(item: RecommendedItem, index: CatalogIndex) {
  const p: Product | undefined = index.get(item.productId);
  const price = p ? minPrice(p) : undefined;
  return {
    productId: item.productId,
    ...(p
      ? {
          handle: p.handle,
          title: p.title,
          vendor: p.vendor,
          productType: p.productType,
          ...(p.url ? { url: p.url } : {}),
          ...(p.images[0] ? { image: p.images[0] } : {}),
          ...(price ? { price: { ...price, formatted: formatMoney(price) } } : {}),
          available: p.variants.some((v) => v.available),
        }
      : {}),
    score: Number(item.score.toFixed(6)),
    // The strongest reasons carry the explanation; the rest only add bytes to every response.
    reasons: item.reasons.slice(0, MAX_REASONS).map((r) => ({
      ...r,
      score: Number(r.score.toFixed(6)),
      ...('seed' in r && r.seed && index.get(r.seed) ? { seedTitle: index.get(r.seed)?.title } : {}),
    })),
  };
}

export function recommendationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const respond = (req: RecommendRequest, items: RecommendedItem[], tookMs: number) => {
    ctx.metrics.recommendations.inc({ recommender: ctx.recommender.name, personalized: String(!!req.userId) });
    const index = ctx.catalogs.get(req.shop).index;
    return {
      shop: req.shop,
      ...(req.userId ? { userId: req.userId } : {}),
      recommender: ctx.recommender.name,
      items: items.map((i) => present(i, index)),
      tookMs: Number(tookMs.toFixed(3)),
    };
  };

  app.post('/v1/recommendations', async (req) => {
    const t0 = performance.now();
    const body = parseBody(RecommendationRequestSchema, req.body);
    const r = toRequest(body, shopOf(req, ctx, body.shop));
    const items = await ctx.recommender.recommend(r, ctx.clock());
    return respond(r, items, performance.now() - t0);
  });

  app.post('/v1/recommendations/batch', async (req) => {
    const t0 = performance.now();
    const body = parseBody(RecommendationBatchSchema, req.body);
    const shop = shopOf(req, ctx, body.shop);
    const rs = body.requests.map((b) => toRequest(b, shop));
    const results = await ctx.recommender.recommendBatch(rs, ctx.clock());
    if (results.length !== rs.length) throw new AffinityError('INTERNAL', 'Recommender returned a misaligned batch.');
    const took = performance.now() - t0;
    return { results: rs.map((r, i) => respond(r, results[i] ?? [], took)), tookMs: Number(took.toFixed(3)) };
  });
}
