/**
 * The operations panel's memory: every 10 s this process reads its own Prometheus registry (HTTP
 * requests and latency, cache lookups, catalog MCP breakers, projection lag, store health) into a
 * snapshot kept in a one-hour ring buffer. The figures are this process's only: with several
 * processes (AFFINITY_WORKERS) each keeps its own (docs/dashboard.md).
 *
 * Before each read `probe` refreshes what is only measured on demand (store ping, projection lag).
 */
import type { MetricObjectWithValues, MetricValue, MetricValueWithName, Registry } from 'prom-client';
import type { Bucket } from '../../core/operations/histogramQuantile.ts';
import { summarize, series, type CacheCounts, type OpsPoint, type OpsSnapshot, type OpsSummary } from '../../core/operations/operationsSeries.ts';
import { RingBuffer } from '../../core/operations/ringBuffer.ts';

/** How often a snapshot is taken, and how much history is kept. */
export const SAMPLE_EVERY_MS = 10_000;
export const WINDOW_MS = 3_600_000;

/** Routes left out of the request figures: the dashboard's own polling, health checks and scrapes. */
export function isOwnTraffic(route: string): boolean {
  return route === '/dashboard' || route.startsWith('/dashboard/') || route.startsWith('/health/') || route === '/metrics' || route === '/v1/admin/operations';
}

type Metric = MetricObjectWithValues<MetricValue<string> | MetricValueWithName<string>>;

function sum(m: Metric | undefined, pick: (labels: Record<string, string | number>) => boolean = () => true): number {
  let s = 0;
  for (const v of m?.values ?? []) if (pick(v.labels as Record<string, string | number>)) s += v.value;
  return s;
}

/** A snapshot from the registry's JSON form (exported for tests). */
export function snapshotOf(metrics: readonly Metric[], t: number): OpsSnapshot {
  const by = new Map(metrics.map((m) => [m.name, m]));
  let requests = 0;
  let serverErrors = 0;
  let clientErrors = 0;
  const buckets = new Map<number, number>();
  for (const v of (by.get('affinity_http_request_duration_seconds')?.values ?? []) as MetricValueWithName<string>[]) {
    const l = v.labels as Record<string, string | number>;
    if (isOwnTraffic(String(l.route ?? ''))) continue;
    if (v.metricName?.endsWith('_bucket')) {
      const le = l.le === '+Inf' ? Infinity : Number(l.le);
      buckets.set(le, (buckets.get(le) ?? 0) + v.value);
    } else if (v.metricName?.endsWith('_count')) {
      requests += v.value;
      const status = Number(l.status);
      if (status >= 500) serverErrors += v.value;
      else if (status >= 400) clientErrors += v.value;
    }
  }
  const latency: Bucket[] = [...buckets].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
  const caches: Record<string, CacheCounts> = {};
  const byResult = (name: string, cache: string) => {
    const m = by.get(name);
    if (m) caches[cache] = { hits: sum(m, (l) => l.result === 'hit'), misses: sum(m, (l) => l.result === 'miss') };
  };
  byResult('affinity_neighbour_cache_lookups_total', 'neighbours');
  byResult('affinity_market_cache_lookups_total', 'market responses');
  const mcpHits = by.get('affinity_catalog_mcp_cache_hits_total');
  if (mcpHits) caches['catalog MCP'] = { hits: sum(mcpHits), misses: sum(by.get('affinity_catalog_mcp_cache_misses_total')) };
  const breakers: Record<string, number> = {};
  for (const v of by.get('affinity_catalog_mcp_breaker_state')?.values ?? []) breakers[String(v.labels.shop)] = v.value;
  const up = by.get('affinity_store_up')?.values ?? [];
  return {
    t,
    requests,
    serverErrors,
    clientErrors,
    latency,
    caches,
    breakers,
    projectionLag: sum(by.get('affinity_projection_lag_events')),
    storeUp: up.length === 0 ? null : Math.min(...up.map((v) => v.value)),
  };
}

/** What the operations endpoint answers. */
export interface OperationsView {
  readonly sampleEverySeconds: number;
  readonly windowSeconds: number;
  readonly summary: OpsSummary;
  readonly series: readonly OpsPoint[];
}

export interface OperationsSamplerOptions {
  readonly registry: Registry;
  /** Epoch ms. */
  readonly clock: () => number;
  /** Refreshes on-demand gauges (store up, projection lag) before a read. */
  readonly probe?: () => Promise<void>;
  readonly onError?: (err: unknown) => void;
  readonly everyMs?: number;
  readonly windowMs?: number;
}

export class OperationsSampler {
  readonly #o: OperationsSamplerOptions;
  readonly #ring: RingBuffer<OpsSnapshot>;
  #timer: NodeJS.Timeout | undefined;
  #busy: Promise<OpsSnapshot> | undefined;

  constructor(opts: OperationsSamplerOptions) {
    this.#o = opts;
    // One more than the window holds intervals: the first is the base of the first interval.
    this.#ring = new RingBuffer(Math.ceil((opts.windowMs ?? WINDOW_MS) / (opts.everyMs ?? SAMPLE_EVERY_MS)) + 1);
  }

  /** Reads the registry now (concurrent calls share one read). */
  read(): Promise<OpsSnapshot> {
    this.#busy ??= (async () => {
      try {
        await this.#o.probe?.().catch((err) => this.#o.onError?.(err));
        return snapshotOf((await this.#o.registry.getMetricsAsJSON()) as Metric[], this.#o.clock());
      } finally {
        this.#busy = undefined;
      }
    })();
    return this.#busy;
  }

  /** Takes a snapshot into the ring buffer. */
  async sample(): Promise<void> {
    this.#ring.push(await this.read());
  }

  /** The kept snapshots, oldest first. */
  snapshots(): OpsSnapshot[] {
    return this.#ring.toArray();
  }

  /** The last hour: kept snapshots plus one read now, as a summary and a series. */
  async view(): Promise<OperationsView> {
    const snaps = [...this.#ring.toArray(), await this.read()];
    return {
      sampleEverySeconds: (this.#o.everyMs ?? SAMPLE_EVERY_MS) / 1000,
      windowSeconds: (this.#o.windowMs ?? WINDOW_MS) / 1000,
      summary: summarize(snaps) as OpsSummary,
      series: series(snaps),
    };
  }

  start(): void {
    if (this.#timer) return;
    void this.sample().catch((err) => this.#o.onError?.(err));
    this.#timer = setInterval(() => void this.sample().catch((err) => this.#o.onError?.(err)), this.#o.everyMs ?? SAMPLE_EVERY_MS);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
