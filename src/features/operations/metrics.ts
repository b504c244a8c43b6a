/**
 * Prometheus metrics (prom-client), one registry per app instance so tests can run several apps.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { within } from '../../adapters/resilience/within.ts';

/** A scrape counts the projection backlog again at most this often, ms (more scrapes reuse the count). */
export const LAG_MEASURE_EVERY_MS = 1_000;
/** How long a scrape waits for the backlog count before it reports the last one, ms. */
export const LAG_MEASURE_BUDGET_MS = 500;

/** The metric set of one Affinity instance. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'affinity_http_request_duration_seconds',
    help: 'HTTP request duration by route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly eventsIngested = new Counter({
    name: 'affinity_events_ingested_total',
    help: 'Valid events received (stored or duplicate), by type and source.',
    labelNames: ['type', 'source'] as const,
    registers: [this.registry],
  });
  readonly eventsDuplicate = new Counter({ name: 'affinity_events_duplicate_total', help: 'Events ignored because their id was already stored.', registers: [this.registry] });
  readonly eventsIgnored = new Counter({ name: 'affinity_events_ignored_total', help: 'Events accepted but not used (unknown standard, DOM and custom events).', registers: [this.registry] });
  readonly eventsRejected = new Counter({ name: 'affinity_events_rejected_total', help: 'Event requests rejected, by error code.', labelNames: ['code'] as const, registers: [this.registry] });
  readonly eventsInvalid = new Counter({
    name: 'affinity_events_invalid_total',
    help: 'Events refused one by one (not stored), by code: the valid events of their batch were stored, unless none was valid (then the request also counts in affinity_events_rejected_total).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly projected = new Counter({ name: 'affinity_events_projected_total', help: 'Events folded into profiles and item statistics.', registers: [this.registry] });
  readonly unprojectable = new Counter({
    name: 'affinity_events_unprojectable_total',
    help: 'Stored events set aside because projecting them fails on their own (kept in the event log, folded into no profile; each is logged with its shop and id).',
    registers: [this.registry],
  });
  readonly projectionBatch = new Histogram({
    name: 'affinity_projection_batch_seconds',
    help: 'Time to project one batch of events.',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  /** Counts the backlog for {@link projectionLag} on each scrape (see {@link measureLagOnScrape}). */
  #lagSource: (() => Promise<number> | number) | undefined;
  #lagMeasuredAt = -Infinity;
  #lagMeasuring: Promise<void> | undefined;
  readonly projectionLag: Gauge = new Gauge({
    name: 'affinity_projection_lag_events',
    help: 'Events waiting to be projected (logged by any node, not projected yet), counted when scraped (at most once a second; the last count when the store does not answer).',
    registers: [this.registry],
    collect: () => this.#refreshLag(),
  });
  readonly recommendations = new Counter({
    name: 'affinity_recommendations_total',
    help: 'Recommendation lists served, by recommender and whether the user had a profile.',
    labelNames: ['recommender', 'personalized'] as const,
    registers: [this.registry],
  });
  readonly recommendBatch = new Histogram({
    name: 'affinity_recommend_batch_size',
    help: 'Requests answered together in one batch (the single requests of one event-loop turn, docs/decisions/0012), by layer: base (the base recommender) or personalized (the personalization layer).',
    labelNames: ['layer'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });
  readonly recommendationsDegraded = new Counter({
    name: 'affinity_recommendations_degraded_total',
    help: 'Recommendation lists answered from memory (catalog, last known popularity and neighbours, no stored profile) because the store did not answer.',
    registers: [this.registry],
  });
  readonly neighbourCache = new Counter({
    name: 'affinity_neighbour_cache_lookups_total',
    help: 'Co-occurrence neighbour lookups by result (hit: served from the in-process cache).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly profileViewCache = new Counter({
    name: 'affinity_profile_view_cache_lookups_total',
    help: "Stored profiles' scoring views by result (hit: reused, the profile, catalog identity and session state unchanged; miss: built).",
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  /** Online list quality (features/analytics/qualityMonitor.ts; cache hit ratio: affinity_neighbour_cache_lookups_total). */
  readonly listsServed = new Counter({
    name: 'affinity_lists_served_total',
    help: 'Recorded recommendation lists by surface and status (ok, degraded: a fallback answered, error). Fallback coverage = degraded / all.',
    labelNames: ['surface', 'status'] as const,
    registers: [this.registry],
  });
  readonly listDiversity = new Histogram({
    name: 'affinity_list_diversity',
    help: 'Diversity within a served list: 1 - mean pairwise similarity of its items (same category: 0.5, same vendor: 0.5).',
    labelNames: ['surface'] as const,
    buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    registers: [this.registry],
  });
  readonly listVariation = new Gauge({
    name: 'affinity_list_variation_between_shoppers',
    help: "1 - mean Jaccard overlap of sampled pairs of a shop's recent lists served to different shoppers (0: everyone gets the same list).",
    labelNames: ['shop'] as const,
    registers: [this.registry],
  });
  readonly intentClicks = new Counter({
    name: 'affinity_intent_validated_clicks_total',
    help: "Clicks on a list whose intent asked for a category, brand or budget, by whether the clicked item matched it (intent accuracy = match / all).",
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly storeUp = new Gauge({ name: 'affinity_store_up', help: '1 when the event store answered its last check (at start, each readiness check, and for Redis the connection\'s own probes).', labelNames: ['store'] as const, registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'affinity_' });
  }

  /**
   * Makes `affinity_projection_lag_events` current when the registry is read (a scrape, the
   * operations sampler): `measure` counts the backlog (on Redis, one `XINFO GROUPS`), at most once per
   * {@link LAG_MEASURE_EVERY_MS} and within {@link LAG_MEASURE_BUDGET_MS}; concurrent reads share one
   * count, and a store that does not answer leaves the last count. Without it the gauge shows what
   * the last readiness check set.
   */
  measureLagOnScrape(measure: () => Promise<number> | number): void {
    this.#lagSource = measure;
  }

  #refreshLag(): Promise<void> | void {
    const measure = this.#lagSource;
    if (!measure) return;
    if (this.#lagMeasuring) return this.#lagMeasuring;
    if (performance.now() - this.#lagMeasuredAt < LAG_MEASURE_EVERY_MS) return;
    this.#lagMeasuring = (async () => {
      try {
        const lag = await within(Promise.resolve().then(measure), LAG_MEASURE_BUDGET_MS, () => undefined);
        if (typeof lag === 'number' && Number.isFinite(lag)) {
          this.projectionLag.set(lag);
          this.#lagMeasuredAt = performance.now();
        }
      } finally {
        this.#lagMeasuring = undefined;
      }
    })();
    return this.#lagMeasuring;
  }
}
