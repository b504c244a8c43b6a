/**
 * `GET /v1/admin/operations` (admin role): the dashboard's operations panel. The last hour of this
 * process's own metrics, sampled every 10 s (`features/operations/operationsSampler.ts`): throughput, error rates,
 * latency p50/p95/p99, cache hit ratios, projection lag, store health, catalog MCP breakers. The
 * figures are per process (docs/dashboard.md) and platform-wide: the HTTP metrics carry no shop, so
 * requests, latency, error rates, caches, projection lag and store cover every shop this process serves,
 * whatever the key's shop, and the answer says so (`scope`). A key scoped to one shop sees that shop's
 * breaker only (the one per-shop figure).
 */
import type { FastifyInstance } from 'fastify';
import { AffinityError } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';

export function operationsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const started = ctx.clock();
  app.get('/v1/admin/operations', async (req) => {
    const sampler = ctx.operations;
    if (!sampler) throw new AffinityError('NOT_FOUND', 'Operations figures are not kept in this process.');
    const view = await sampler.view();
    const p = req.principal;
    const allShops = p.kind === 'open' || (p.kind === 'key' && p.key.shop === '*');
    const breakers = Object.fromEntries(Object.entries(view.summary.breakers).filter(([shop]) => allShops || shop === req.tenant));
    const durability = ctx.storeDurability?.().level;
    return {
      shop: req.tenant,
      // Whether the caller may choose the shop (a `*` key or open mode) or the key implies it.
      shopFixed: !allShops,
      // Every figure but the breakers counts all shops of this process: never to be read as the shop's own.
      scope: 'all-shops',
      process: { pid: process.pid, startedAt: new Date(started).toISOString() },
      store: { kind: ctx.store.kind, up: view.summary.storeUp, ...(durability ? { durability } : {}) },
      ...view,
      summary: { ...view.summary, breakers },
    };
  });
}
