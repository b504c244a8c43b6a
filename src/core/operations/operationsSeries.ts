/**
 * The operations panel's figures from snapshots of a process's own metrics (cumulative counters and
 * histogram buckets read every few seconds): per interval between two snapshots, and over a whole
 * window (first to last snapshot): throughput, error rates, latency quantiles, cache hit ratios, and
 * the last projection lag, store health and breaker states. Pure.
 */
import { bucketDelta, histogramQuantile, type Bucket } from './histogramQuantile.ts';

/** Cumulative lookups of one cache. */
export interface CacheCounts {
  readonly hits: number;
  readonly misses: number;
}

/** What the sampler read at time `t` (counters cumulative since the process started). */
export interface OpsSnapshot {
  /** Epoch ms. */
  readonly t: number;
  /** HTTP requests answered (the dashboard's own and health/metrics scrapes excluded). */
  readonly requests: number;
  /** … of which answered 5xx. */
  readonly serverErrors: number;
  /** … of which answered 4xx. */
  readonly clientErrors: number;
  /** Cumulative latency histogram of those requests, seconds. */
  readonly latency: readonly Bucket[];
  readonly caches: Readonly<Record<string, CacheCounts>>;
  /** Shop → breaker state of its catalog MCP (0 closed, 1 half-open, 2 open). */
  readonly breakers: Readonly<Record<string, number>>;
  /** Events waiting to be projected. */
  readonly projectionLag: number;
  /** 1 store answered the last check, 0 it did not, null never checked. */
  readonly storeUp: number | null;
}

/** Figures of one interval (or of a window). Rates per second; latencies in ms (null: no request). */
export interface OpsFigures {
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Share of requests answered 5xx (0 with no request). */
  readonly errorRate: number;
  /** Share answered 4xx. */
  readonly clientErrorRate: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  /** Cache → hits / lookups in the interval (null: no lookup). */
  readonly cacheHitRatio: Readonly<Record<string, number | null>>;
}

/** One point of the series: the interval ending at `t`. */
export interface OpsPoint extends OpsFigures {
  readonly t: number;
  readonly projectionLag: number;
}

const BREAKER_NAMES = ['closed', 'half-open', 'open'] as const;
export type BreakerName = (typeof BREAKER_NAMES)[number];

/** The name of a breaker gauge value. */
export function breakerName(v: number): BreakerName {
  return BREAKER_NAMES[Math.max(0, Math.min(2, Math.round(v)))] as BreakerName;
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 1e6) / 1e6 : 0;
}

function ms(s: number | null): number | null {
  return s === null ? null : Math.round(s * 1e6) / 1e3;
}

/** A non-negative counter difference (a reset reads as the later value). */
function delta(later: number, earlier: number): number {
  return later >= earlier ? later - earlier : later;
}

/** The figures between `from` (absent: the process start) and `to`. */
export function figuresBetween(from: OpsSnapshot | undefined, to: OpsSnapshot): OpsFigures {
  const requests = delta(to.requests, from?.requests ?? 0);
  const seconds = from ? Math.max(0.001, (to.t - from.t) / 1000) : 0;
  const lat = bucketDelta(to.latency, from?.latency);
  const cacheHitRatio: Record<string, number | null> = {};
  for (const [name, c] of Object.entries(to.caches)) {
    const before = from?.caches[name];
    const hits = delta(c.hits, before?.hits ?? 0);
    const lookups = hits + delta(c.misses, before?.misses ?? 0);
    cacheHitRatio[name] = lookups > 0 ? ratio(hits, lookups) : null;
  }
  return {
    requests,
    requestsPerSecond: seconds > 0 ? Math.round((requests / seconds) * 1000) / 1000 : 0,
    errorRate: ratio(delta(to.serverErrors, from?.serverErrors ?? 0), requests),
    clientErrorRate: ratio(delta(to.clientErrors, from?.clientErrors ?? 0), requests),
    p50Ms: ms(histogramQuantile(0.5, lat)),
    p95Ms: ms(histogramQuantile(0.95, lat)),
    p99Ms: ms(histogramQuantile(0.99, lat)),
    cacheHitRatio,
  };
}

/** The series of consecutive snapshots (oldest first): one point per interval. */
export function series(snapshots: readonly OpsSnapshot[]): OpsPoint[] {
  const out: OpsPoint[] = [];
  for (let i = 1; i < snapshots.length; i++) {
    const cur = snapshots[i] as OpsSnapshot;
    out.push({ t: cur.t, projectionLag: cur.projectionLag, ...figuresBetween(snapshots[i - 1], cur) });
  }
  return out;
}

/** The window's summary: figures from its first to its last snapshot, and the current state. */
export interface OpsSummary extends OpsFigures {
  readonly from: number;
  readonly to: number;
  readonly projectionLag: number;
  readonly storeUp: boolean | null;
  readonly breakers: Readonly<Record<string, BreakerName>>;
}

/** Summarizes snapshots (oldest first); `undefined` with none. */
export function summarize(snapshots: readonly OpsSnapshot[]): OpsSummary | undefined {
  const last = snapshots[snapshots.length - 1];
  if (!last) return undefined;
  const first = snapshots.length > 1 ? snapshots[0] : undefined;
  return {
    from: (first ?? last).t,
    to: last.t,
    ...figuresBetween(first, last),
    projectionLag: last.projectionLag,
    storeUp: last.storeUp === null ? null : last.storeUp > 0,
    breakers: Object.fromEntries(Object.entries(last.breakers).map(([shop, v]) => [shop, breakerName(v)])),
  };
}
