/**
 * Privacy and market metrics, registered in the instance's Prometheus registry beside `Metrics`:
 * compliance webhooks, privacy jobs, consent decisions at ingest, rate-limited requests and the
 * market-segmented response cache (lookups and hit ratio per market).
 */
import { Counter, Gauge, type Registry } from 'prom-client';

/** Privacy and market metrics of one instance. */
export class PrivacyMetrics {
  readonly webhooks: Counter<'topic' | 'outcome'>;
  readonly jobs: Counter<'kind' | 'outcome'>;
  readonly consentDecisions: Counter<'regime' | 'decision'>;
  readonly rateLimited: Counter<'scope'>;
  readonly marketCache: Counter<'market' | 'result'>;
  readonly marketCacheHitRatio: Gauge<'market'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.webhooks = new Counter({ name: 'affinity_privacy_webhooks_total', help: 'Shopify compliance webhooks by topic and outcome (queued, duplicate, ignored: signed, of a topic not acted on; unauthorized, invalid).', labelNames: ['topic', 'outcome'] as const, registers });
    this.jobs = new Counter({ name: 'affinity_privacy_jobs_total', help: 'Privacy jobs processed by kind and outcome (done, failed).', labelNames: ['kind', 'outcome'] as const, registers });
    this.consentDecisions = new Counter({
      name: 'affinity_consent_events_total',
      help: 'Events at ingest by market privacy regime and decision (stored, session_only, stored_unlinked, stored_market_only; dropped_erased: from before an erasure of an id it names, stored nowhere).',
      labelNames: ['regime', 'decision'] as const,
      registers,
    });
    this.rateLimited = new Counter({ name: 'affinity_rate_limited_total', help: 'Requests refused with 429 RATE_LIMITED, by bucket scope (client, ip).', labelNames: ['scope'] as const, registers });
    this.marketCache = new Counter({ name: 'affinity_market_cache_lookups_total', help: 'Market-segmented recommendation cache lookups by market and result (hit, miss).', labelNames: ['market', 'result'] as const, registers });
    const lookups = this.marketCache;
    this.marketCacheHitRatio = new Gauge({
      name: 'affinity_market_cache_hit_ratio',
      help: 'Hit ratio of the market-segmented recommendation cache per market, since start.',
      labelNames: ['market'] as const,
      registers,
      async collect() {
        const byMarket = new Map<string, { hit: number; miss: number }>();
        for (const v of (await lookups.get()).values) {
          const m = String(v.labels.market);
          const e = byMarket.get(m) ?? { hit: 0, miss: 0 };
          if (v.labels.result === 'hit') e.hit += v.value;
          else e.miss += v.value;
          byMarket.set(m, e);
        }
        for (const [m, { hit, miss }] of byMarket) this.set({ market: m }, hit + miss > 0 ? hit / (hit + miss) : 0);
      },
    });
  }
}
