/**
 * Health and metrics: `GET /health/live`, `GET /health/ready` (store reachable) and `GET /metrics`.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_req, reply) => {
    const up = await Promise.race([ctx.store.ping(), new Promise<boolean>((r) => setTimeout(() => r(false), 1000).unref())]);
    ctx.metrics.storeUp.set({ store: ctx.store.kind }, up ? 1 : 0);
    const body = {
      status: up ? 'ok' : 'unavailable',
      checks: {
        store: { kind: ctx.store.kind, up },
        projector: { lag: ctx.projector.lag },
        // An open breaker degrades answers to the local catalog; it does not make Affinity unready.
        ...(ctx.shopCatalog ? { shopCatalog: { breaker: ctx.shopCatalog.state, ...ctx.shopCatalog.stats() } } : {}),
      },
    };
    return reply.status(up ? 200 : 503).send(body);
  });
  app.get('/metrics', async (_req, reply) => {
    ctx.metrics.projectionLag.set(ctx.projector.lag);
    reply.header('content-type', ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
