/**
 * Prometheus metrics of the resilient catalog, registered on a given prom-client registry:
 *
 * - `affinity_catalog_mcp_breaker_state{shop}` gauge: 0 closed, 1 half-open, 2 open (read at scrape time)
 * - `affinity_catalog_mcp_cache_hits_total{tool}` / `affinity_catalog_mcp_cache_misses_total{tool}` counters
 * - `affinity_catalog_mcp_upstream_duration_seconds{tool,outcome}` histogram of shop attempts (`ok`/`error`)
 * - `affinity_catalog_mcp_retries_total{tool}` counter
 * - `affinity_catalog_mcp_fallback_total{tool,source,reason}` counter (source `cache`|`local`, reason `breaker-open`|`upstream-error`)
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { BreakerState, ResilientCatalog } from './resilientCatalog.ts';

const STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** The metrics created by {@link registerCatalogMcpMetrics}, plus a way to detach them from the catalog. */
export interface CatalogMcpMetrics {
  readonly breakerState: Gauge<'shop'>;
  readonly cacheHits: Counter<'tool'>;
  readonly cacheMisses: Counter<'tool'>;
  readonly upstreamDuration: Histogram<'tool' | 'outcome'>;
  readonly retries: Counter<'tool'>;
  readonly fallbacks: Counter<'tool' | 'source' | 'reason'>;
  /** Stops listening to the catalog (the metrics stay registered). */
  dispose(): void;
}

/** Creates the catalog MCP metrics on `registry` and feeds them from `catalog`. Call once per registry. */
export function registerCatalogMcpMetrics(registry: Registry, catalog: ResilientCatalog): CatalogMcpMetrics {
  const registers = [registry];
  const breakerState = new Gauge({
    name: 'affinity_catalog_mcp_breaker_state',
    help: 'Circuit breaker of the shop catalog MCP: 0 closed, 1 half-open, 2 open.',
    labelNames: ['shop'] as const,
    registers,
    collect() {
      for (const [shop, state] of Object.entries(catalog.states())) this.set({ shop }, STATE_VALUE[state]);
    },
  });
  const cacheHits = new Counter({ name: 'affinity_catalog_mcp_cache_hits_total', help: 'Catalog MCP answers served from the fresh cache.', labelNames: ['tool'] as const, registers });
  const cacheMisses = new Counter({ name: 'affinity_catalog_mcp_cache_misses_total', help: 'Catalog MCP requests not in the fresh cache.', labelNames: ['tool'] as const, registers });
  const upstreamDuration = new Histogram({
    name: 'affinity_catalog_mcp_upstream_duration_seconds',
    help: 'Duration of calls to the shop catalog MCP (each attempt), by outcome.',
    labelNames: ['tool', 'outcome'] as const,
    buckets: [0.025, 0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2],
    registers,
  });
  const retries = new Counter({ name: 'affinity_catalog_mcp_retries_total', help: 'Retried catalog MCP attempts (transient errors).', labelNames: ['tool'] as const, registers });
  const fallbacks = new Counter({
    name: 'affinity_catalog_mcp_fallback_total',
    help: 'Catalog answers not from the shop: stale cache or local catalog, by reason.',
    labelNames: ['tool', 'source', 'reason'] as const,
    registers,
  });
  const dispose = catalog.onEvent((e) => {
    switch (e.type) {
      case 'cache':
        (e.hit ? cacheHits : cacheMisses).inc({ tool: e.tool });
        break;
      case 'upstream':
        upstreamDuration.observe({ tool: e.tool, outcome: e.ok ? 'ok' : 'error' }, e.durationMs / 1000);
        break;
      case 'retry':
        retries.inc({ tool: e.tool });
        break;
      case 'fallback':
        fallbacks.inc({ tool: e.tool, source: e.source, reason: e.reason });
        break;
    }
  });
  return { breakerState, cacheHits, cacheMisses, upstreamDuration, retries, fallbacks, dispose };
}
