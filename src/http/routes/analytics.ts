/**
 * `GET /v1/analytics?shop=&experiment=&from=&to=&by=`: served lists and what became of them (views,
 * clicks, add-to-carts, orders, revenue), per experiment variant or by surface, intent type, market or
 * agent, with 95 % intervals, uplift against the control and a sample-ratio check (docs/decisions/0002).
 * Read role. Outcomes are counted for lists served in `[from, to]`, up to the attribution window after `to`;
 * other visitors' outcomes through a storefront list's shared link are reported apart (`viaSharedLinks`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { analyticsReport, ANALYTICS_DIMENSIONS } from '../../core/attribution/analytics.ts';
import { catalogCurrency } from '../../core/attribution/reportCurrency.ts';
import { idsToLink } from '../../core/attribution/sharedLinks.ts';
import type { Product } from '../../core/catalog/product.ts';
import { AffinityError } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';

const When = z.union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)), z.iso.date().transform((s) => Date.parse(s))]);

export const AnalyticsQuery = z.object({
  shop: z.string().min(1).max(255).optional(),
  experiment: z.string().min(1).max(64).optional(),
  from: When.optional(),
  to: When.optional(),
  by: z.enum(ANALYTICS_DIMENSIONS).optional(),
});

const DAY = 86_400_000;

/** The shop's own currency per catalog version (its products array), worked out once. */
const CURRENCY = new WeakMap<readonly Product[], string | undefined>();

function shopCurrency(products: readonly Product[]): string | undefined {
  if (!CURRENCY.has(products)) CURRENCY.set(products, catalogCurrency(products));
  return CURRENCY.get(products);
}

export function analyticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/analytics', async (req) => {
    const q = parseBody(AnalyticsQuery, req.query);
    const a = ctx.analytics;
    if (!a) throw new AffinityError('NOT_FOUND', 'Analytics are not available in this process.');
    const shop = req.tenant;
    const now = ctx.clock();
    const to = q.to ?? now;
    const from = q.from ?? to - 30 * DAY;
    if (from > to) throw new AffinityError('VALIDATION_FAILED', '`from` must not be after `to`.', [{ path: 'from', message: 'after to' }]);
    const experiment = q.experiment ? a.experiments.find(q.experiment) : undefined;
    if (q.experiment && !experiment) throw new AffinityError('NOT_FOUND', `No experiment ${JSON.stringify(q.experiment)} is declared in AFFINITY_EXPERIMENTS_FILE.`);
    const by = q.by ?? (q.experiment ? 'variant' : 'surface');
    await a.flush?.();
    const served = (await a.store.servedBetween(shop, from, to)).filter((l) => !q.experiment || l.experiment?.id === q.experiment);
    const outcomes = await a.store.outcomesBetween(shop, from, to + a.windowMs);
    // A storefront list's outcomes under an id it was not served to: the shopper's other device, or another visitor through a shared link.
    const linked = new Map<string, ReadonlySet<string>>();
    if (a.links) for (const id of idsToLink(served, outcomes)) linked.set(id, new Set(await a.links(shop, id)));
    // Revenue in the shop's own currency (its catalog's), whatever currency most attributed lines are in.
    const report = analyticsReport(served, outcomes, by, experiment, shopCurrency(ctx.catalogs.get(shop).index.all()), linked);
    return {
      shop,
      experiment: q.experiment ?? null,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      attributionWindowDays: a.windowMs / DAY,
      ...report,
    };
  });
}
