/**
 * `GET /v1/analytics?shop=&experiment=&from=&to=&by=`: served lists and what became of them (views,
 * clicks, add-to-carts, orders, revenue), per experiment variant or by surface, intent type, market or
 * agent, with 95 % intervals, uplift against the control and a sample-ratio check (docs/decisions/0002).
 * Read role. Outcomes are counted for lists served in `[from, to]`, up to the attribution window after `to`;
 * other visitors' outcomes through a storefront list's shared link are reported apart (`viaSharedLinks`).
 *
 * Dates are UTC (the API has no shop time zone): a date-only `from` starts at that day's 00:00 and a
 * date-only `to` includes the whole day, so `from=to=2026-12-04` is that one day. Other query
 * parameters are refused (400 `VALIDATION_FAILED`, naming them): a misspelt `by` must not answer a
 * report that silently ignored it. `format=csv` answers the same report as a CSV file
 * (core/attribution/analyticsCsv.ts).
 *
 * An experiment is read when it is declared in `AFFINITY_EXPERIMENTS_FILE` (running or `ended`), and
 * also when it no longer is but lists of it were served in the period (`experimentStatus: "undeclared"`:
 * its variants' figures, without uplift or sample-ratio check, since the control and the weights are
 * no longer known; storedExperiments.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { analyticsReport, ANALYTICS_DIMENSIONS } from '../../core/attribution/analytics.ts';
import { analyticsCsv } from '../../core/attribution/analyticsCsv.ts';
import { shopCurrency } from '../../core/attribution/reportCurrency.ts';
import { idsToLink } from '../../core/attribution/sharedLinks.ts';
import { AffinityError } from '../../core/errors.ts';
import { marketRates } from '../../core/personalize/marketRates.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';

const DAY = 86_400_000;

const EpochMs = z.coerce.number().int().nonnegative().describe('Epoch milliseconds.');
const DateTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** `from`: epoch ms, an ISO 8601 date-time, or a date (that day's 00:00 UTC). */
const From = z.union([EpochMs, DateTime, z.iso.date().transform((s) => Date.parse(s))]);
/** `to`: epoch ms, an ISO 8601 date-time, or a date (that whole day, up to 23:59:59.999 UTC: a date names a day, and the day is included). */
const To = z.union([EpochMs, DateTime, z.iso.date().transform((s) => Date.parse(s) + DAY - 1)]);

export const AnalyticsQuery = z.object({
  shop: z.string().min(1).max(255).optional().describe('The shop (a key scoped to one shop implies it).'),
  experiment: z.string().min(1).max(64).optional().describe('An experiment declared in AFFINITY_EXPERIMENTS_FILE (running or ended), or one no longer declared whose lists were served in the period.'),
  from: From.optional().describe('Start of the period, inclusive: epoch ms, ISO 8601 date-time, or a date (00:00 UTC of that day). Default: 30 days before `to`.'),
  to: To.optional().describe('End of the period, inclusive: epoch ms, ISO 8601 date-time, or a date (the whole day, UTC: `from=to=2026-12-04` is that day). Default: now.'),
  by: z.enum(ANALYTICS_DIMENSIONS).optional().describe('Grouping: `variant` (default with an experiment), else `surface`.'),
  format: z.enum(['json', 'csv']).optional().describe('`csv`: the report as a CSV file for a spreadsheet (one row per group and a total row; amounts in major units). Default `json`.'),
});

const KNOWN = new Set(Object.keys(AnalyticsQuery.shape));

/**
 * Parameters a client or a proxy adds to any URL and the report has no use for: a cache-buster (`_`,
 * jQuery's `cache: false`, Grafana) and campaign tags (`utm_*`). Ignored, not refused.
 */
const PASSING = /^(?:_|utm_[a-z_]+)$/;

/** Refuses query parameters the report does not read (their names in the issues), but those that only pass by. */
function refuseUnknown(query: unknown): void {
  const unknown = Object.keys((query as Record<string, unknown> | undefined) ?? {}).filter((k) => !KNOWN.has(k) && !PASSING.test(k));
  if (unknown.length === 0) return;
  const names = unknown.map((k) => `\`${k}\``).join(', ');
  throw new AffinityError(
    'VALIDATION_FAILED',
    `Unknown query parameter${unknown.length === 1 ? '' : 's'} ${names}: GET /v1/analytics reads ${[...KNOWN].join(', ')}.`,
    unknown.map((k) => ({ path: k, message: 'unknown query parameter' })),
  );
}


export function analyticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/v1/analytics', async (req, reply) => {
    refuseUnknown(req.query);
    const q = parseBody(AnalyticsQuery, req.query);
    const a = ctx.analytics;
    if (!a) throw new AffinityError('NOT_FOUND', 'Analytics are not available in this process.');
    const shop = req.tenant;
    const now = ctx.clock();
    const to = q.to ?? now;
    const from = q.from ?? to - 30 * DAY;
    if (from > to) throw new AffinityError('VALIDATION_FAILED', '`from` must not be after `to`.', [{ path: 'from', message: 'after to' }]);
    const experiment = q.experiment ? a.experiments.find(q.experiment) : undefined;
    const by = q.by ?? (q.experiment ? 'variant' : 'surface');
    await a.flush?.();
    const served = (await a.store.servedBetween(shop, from, to)).filter((l) => !q.experiment || l.experiment?.id === q.experiment);
    // An experiment taken out of the file is still read from its stored lists.
    if (q.experiment && !experiment && served.length === 0) {
      throw new AffinityError('NOT_FOUND', `No experiment ${JSON.stringify(q.experiment)} is declared in AFFINITY_EXPERIMENTS_FILE, and no list of it was served in this period.`);
    }
    const outcomes = await a.store.outcomesBetween(shop, from, to + a.windowMs);
    // A storefront list's outcomes under an id it was not served to: the shopper's other device, or another visitor through a shared link.
    const linked = new Map<string, ReadonlySet<string>>();
    if (a.links) for (const id of idsToLink(served, outcomes)) linked.set(id, new Set(await a.links(shop, id)));
    // Revenue in the shop's own currency (its catalog's), whatever currency most attributed lines are in;
    // lines in a market's currency converted at the markets' configured rates (estimates), else kept apart.
    const currency = shopCurrency(ctx.catalogs.get(shop).index.all());
    const markets = ctx.markets?.all() ?? [];
    const rate = markets.length ? marketRates(markets, currency ? { base: currency } : {}) : undefined;
    const report = analyticsReport(served, outcomes, by, experiment, currency, linked, rate ? { rate } : {});
    const period = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    if (q.format === 'csv') {
      const name = `affinity-analytics-${shop.replace(/[^A-Za-z0-9._-]/g, '_')}-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}${q.experiment ? `-${q.experiment.replace(/[^A-Za-z0-9._-]/g, '_')}` : ''}-by-${by}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(analyticsCsv(report, { shop, ...period, experiment: q.experiment ?? null }));
    }
    return {
      shop,
      experiment: q.experiment ?? null,
      ...(q.experiment ? { experimentStatus: experiment ? (experiment.status ?? 'running') : 'undeclared' } : {}),
      ...period,
      attributionWindowDays: a.windowMs / DAY,
      ...report,
    };
  });
}
