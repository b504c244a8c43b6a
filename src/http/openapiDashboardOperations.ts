/**
 * The OpenAPI operations of the dashboard (docs/dashboard.md): its page and static assets (public),
 * the operations panel's figures (admin) and the declared experiments (read). See `openapiOperations.ts`.
 */
import { z } from 'zod';
import { json, type OperationSpec } from './openapiSpec.ts';
import { DASHBOARD_ASSETS } from './routes/dashboard.ts';

const Figures = {
  requests: z.number().describe('HTTP requests answered (the dashboard’s own, health checks and metric scrapes excluded).'),
  requestsPerSecond: z.number(),
  errorRate: z.number().describe('Share answered 5xx.'),
  clientErrorRate: z.number().describe('Share answered 4xx.'),
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
  cacheHitRatio: z.record(z.string(), z.number().nullable()).describe('Cache → hits / lookups (null: no lookup).'),
};

/** 200 of `GET /v1/admin/operations`. */
export const OperationsReport = z
  .object({
    shop: z.string(),
    shopFixed: z.boolean().describe('True when the key implies the shop (a key scoped to one shop).'),
    scope: z
      .literal('all-shops')
      .describe('The figures (requests, latency, errors, caches, projection lag, store) count every shop this process serves, whatever the key’s shop; only `summary.breakers` is filtered to the key’s shop.'),
    process: z.object({ pid: z.number().int(), startedAt: z.string() }).strict().describe('Figures are this process’s own.'),
    store: z.object({ kind: z.string(), up: z.boolean().nullable(), durability: z.enum(['durable', 'volatile', 'unknown']).optional() }).strict(),
    sampleEverySeconds: z.number(),
    windowSeconds: z.number(),
    summary: z
      .object({
        from: z.number(),
        to: z.number(),
        ...Figures,
        projectionLag: z.number(),
        storeUp: z.boolean().nullable(),
        breakers: z.record(z.string(), z.enum(['closed', 'half-open', 'open'])).describe('Shop → its catalog MCP circuit breaker.'),
      })
      .strict(),
    series: z.array(z.object({ t: z.number(), projectionLag: z.number(), ...Figures }).strict()).describe('One point per 10 s interval, oldest first.'),
  })
  .strict();

/** 200 of `GET /v1/analytics/experiments`. */
export const ExperimentList = z
  .object({
    shop: z.string(),
    experiments: z.array(
      z
        .object({
          id: z.string(),
          status: z
            .enum(['running', 'ended', 'undeclared'])
            .describe('`running`: assigns shoppers; `ended`: declared `"status": "ended"`, assigns nobody, results kept; `undeclared`: no longer in the file but lists of it were served in the last 90 days (read from them).'),
          variants: z
            .array(z.object({ name: z.string(), strategy: z.string().optional(), weight: z.number().optional() }).strict())
            .describe('The first is the control. An undeclared experiment has its variant names only (in the order first served): no strategy, weight or control is known.'),
          surfaces: z.array(z.string()).optional(),
          lastServed: z.string().optional().describe('Undeclared: when its last list in the 90 days was served.'),
        })
        .strict(),
    ),
  })
  .strict();

/** The dashboard's operations. */
export const DASHBOARD_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/v1/admin/operations',
    operationId: 'getOperations',
    tags: ['operations', 'admin'],
    summary: 'The last hour of this process’s own metrics, sampled every 10 s: throughput, errors, latency p50/p95/p99, cache hit ratios, projection lag, store health, breakers.',
    description: 'Per process and platform-wide: with AFFINITY_WORKERS > 1 each HTTP worker answers with its own figures, and they count every shop the process serves (`scope`), also for a key scoped to one shop, which sees only that shop’s breaker. See docs/dashboard.md.',
    answers: { '200': { description: 'The figures.', schema: OperationsReport } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/v1/analytics/experiments',
    operationId: 'listExperiments',
    tags: ['recommendations'],
    summary: 'The experiments of AFFINITY_EXPERIMENTS_FILE that apply to the shop (running or ended), with their variants, then those no longer declared whose lists were served in the last 90 days.',
    answers: { '200': { description: 'The experiments.', schema: ExperimentList } },
    errors: [],
  },
  ...DASHBOARD_ASSETS.map(
    (a): OperationSpec => ({
      method: 'get',
      path: a.path,
      operationId: `dashboard_${a.path.replace(/^\/dashboard\/?/, '').replace(/\W+/g, '_') || 'page'}`,
      tags: ['operations'],
      summary: a.summary,
      answers: { '200': { description: 'The file (public; no CDN needed).', contentType: a.contentType.split(';')[0] as string, schema: json({ type: 'string' }) } },
      errors: [],
    }),
  ),
];
