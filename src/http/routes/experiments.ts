/**
 * `GET /v1/analytics/experiments` (read role, like the analytics): the experiments declared in
 * `AFFINITY_EXPERIMENTS_FILE` that apply to the request's shop, with their variants (the first is the
 * control) — what the dashboard offers to analyse.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export function experimentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/analytics/experiments', async (req) => {
    const shop = req.tenant;
    const declared = ctx.analytics?.experiments.experiments ?? [];
    return {
      shop,
      experiments: declared
        .filter((e) => !e.shops || e.shops.includes(shop))
        .map((e) => ({ id: e.id, variants: e.variants.map((v) => ({ name: v.name, strategy: v.strategy, weight: v.weight })), ...(e.surfaces ? { surfaces: e.surfaces } : {}) })),
    };
  });
}
