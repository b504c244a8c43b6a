/**
 * `GET /v1/analytics/experiments` (read role, like the analytics): the experiments declared in
 * `AFFINITY_EXPERIMENTS_FILE` that apply to the request's shop, with their variants (the first is the
 * control) and their status (`running`, or `ended`: assigns nobody, results kept), then the experiments
 * no longer declared whose lists were served in the last 90 days (`undeclared`: variant names only,
 * from the stored lists; storedExperiments.ts) — what the dashboard offers to analyse.
 */
import type { FastifyInstance } from 'fastify';
import { experimentsInLists, experimentsOfShop } from '../../core/attribution/storedExperiments.ts';
import type { AppContext } from '../context.ts';

/** How far back stored lists are read for experiments no longer declared: the dashboard's longest period. */
export const STORED_EXPERIMENTS_DAYS = 90;

export function experimentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/analytics/experiments', async (req) => {
    const shop = req.tenant;
    const a = ctx.analytics;
    const declared = experimentsOfShop(a?.experiments.experiments ?? [], shop);
    const listed = declared.map((e) => ({
      id: e.id,
      status: e.status ?? ('running' as const),
      variants: e.variants.map((v) => ({ name: v.name, strategy: v.strategy, weight: v.weight })),
      ...(e.surfaces ? { surfaces: e.surfaces } : {}),
    }));
    if (!a) return { shop, experiments: listed };
    await a.flush?.();
    const now = ctx.clock();
    const skip = new Set(declared.map((e) => e.id));
    const stored = experimentsInLists(await a.store.servedBetween(shop, now - STORED_EXPERIMENTS_DAYS * 86_400_000, now), skip);
    return {
      shop,
      experiments: [
        ...listed,
        ...stored.map((e) => ({ id: e.id, status: 'undeclared' as const, variants: e.variants.map((name) => ({ name })), lastServed: new Date(e.lastServed).toISOString() })),
      ],
    };
  });
}
