/**
 * Health and metrics: `GET /health/live`, `GET /health/ready` (store reachable) and `GET /metrics`.
 *
 * Readiness (`features/operations/readiness.ts`, the check the dashboard's sampler runs too) answers
 * within about a second whatever the store does, and stays honest: 503 while the
 * store does not answer (recommendations are then served degraded from memory, events refused), the
 * projection backlog counted by the store at the time of the request (`checks.projector.lag`; with
 * `checks.projector.failing: {since, error}` while this process's projector fails every drain), and,
 * for Redis, whether acknowledged events survive a crash of Redis (`checks.store.durability`:
 * `durable`, `volatile` or `unknown`, with the persistence settings read; docs/reliability.md).
 */
import type { FastifyInstance } from 'fastify';
import { checkReadiness } from '../../features/operations/index.ts';
import type { AppContext } from '../context.ts';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_req, reply) => {
    const { up, lag } = await checkReadiness({ store: ctx.store, projection: ctx.projector, metrics: ctx.metrics });
    const d = ctx.storeDurability?.();
    const durability = d
      ? {
          durability: d.level,
          persistence: {
            ...(d.aof !== undefined ? { aof: d.aof ? 'on' : 'off' } : {}),
            ...(d.appendfsync !== undefined ? { appendfsync: d.appendfsync } : {}),
            ...(d.rdb !== undefined ? { rdb: d.rdb === '' ? 'off' : d.rdb } : {}),
            source: d.source,
            ...(d.node ? { node: d.node } : {}),
            ...(d.warning ? { warning: d.warning } : {}),
          },
        }
      : {};
    const body = {
      status: up ? 'ok' : 'unavailable',
      checks: {
        store: { kind: ctx.store.kind, up, ...durability },
        // A projector here whose every drain fails since `since` (the store, or a fault no single event causes).
        projector: { lag, ...(ctx.projector.failing ? { failing: { since: new Date(ctx.projector.failing.since).toISOString(), error: ctx.projector.failing.error } } : {}) },
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
