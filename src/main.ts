/**
 * The composition root: the only place that turns configuration into wired components. Used by
 * `affinity serve`, the demo, the benchmarks and the end-to-end tests.
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { HttpRecommender } from './adapters/http/httpRecommender.ts';
import { SqliteStore } from './adapters/sqlite/sqliteStore.ts';
import { CatalogRegistry } from './app/catalogRegistry.ts';
import { HybridRecommender } from './app/hybridRecommender.ts';
import { loadIntentClassifier } from './app/intentClassifier.ts';
import { MCPAwareRecommender } from './app/personalizedRecommender.ts';
import { Metrics } from './app/metrics.ts';
import { Projector, RemoteProjection, type ProjectionControl } from './app/projector.ts';
import type { Config } from './config.ts';
import { DEFAULT_EVENT_WEIGHTS } from './core/profile/fold.ts';
import type { CatalogStore, UserEventStore } from './core/ports.ts';
import type { ProjectionParams } from './core/projection.ts';
import { DEFAULT_COOC_PARAMS } from './core/recommend/cooccurrence.ts';
import { DEFAULT_SOURCE_WEIGHTS } from './core/recommend/rank.ts';
import { buildApp } from './http/app.ts';
import type { AppContext } from './http/context.ts';

/** Popularity half-life: 7 days. */
export const POPULAR_HALF_LIFE_MS = 7 * 86_400_000;
/** How often every process checks the store for catalog changes, ms. */
export const CATALOG_REFRESH_MS = 2000;
/** Trending half-life: 1 day. */
export const TRENDING_HALF_LIFE_MS = 86_400_000;

/**
 * What a process does: `all` (HTTP and projection, the default), `http` (HTTP only; projection runs
 * elsewhere and is kicked through `kickRemote`), or `projector` (projection, retention, catalog
 * refresh; no HTTP). `affinity serve` with `AFFINITY_WORKERS` > 1 runs one `projector` primary and
 * N `http` workers.
 */
export type Role = 'all' | 'http' | 'projector';

/** A wired Affinity instance. */
export interface Affinity {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  /** The projection running in this process (`all` and `projector` roles). */
  readonly projector: Projector;
  /** Set in the `http` role: records the lag the projecting process reports. */
  readonly remoteProjection?: RemoteProjection;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful shutdown: stop taking requests, drain the projector, close the store. */
  close(): Promise<void>;
}

/** Opens the configured store. */
export async function openStore(config: Config): Promise<UserEventStore & CatalogStore> {
  if (config.store === 'redis') {
    const { RedisStore } = await import('./adapters/redis/redisStore.ts');
    return RedisStore.connect(config.redisUrl, { profileTtlMs: config.profileTtlMs });
  }
  return new SqliteStore({ path: config.sqlitePath, profileTtlMs: config.profileTtlMs });
}

/** Wires every component from the configuration. */
export async function createAffinity(
  config: Config,
  opts: { clock?: () => number; store?: UserEventStore & CatalogStore; role?: Role; kickRemote?: () => void } = {},
): Promise<Affinity> {
  const role = opts.role ?? 'all';
  const log = pino({ level: config.logLevel, base: { service: 'affinity' } }, pino.destination(2));
  const clock = opts.clock ?? Date.now;
  const store = opts.store ?? (await openStore(config));
  const metrics = new Metrics();
  const catalogs = new CatalogRegistry(store);
  await catalogs.loadAll();
  const params: ProjectionParams = {
    fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: config.profileHalfLifeMs },
    cooc: { ...DEFAULT_COOC_PARAMS, sessionGapMs: config.sessionGapMs },
    popularHalfLifeMs: POPULAR_HALF_LIFE_MS,
    trendingHalfLifeMs: TRENDING_HALF_LIFE_MS,
  };
  const projector = new Projector({
    store,
    catalogs,
    params,
    onError: (err) => log.error({ err }, 'projection failed; will retry'),
    onBatch: (n, ms) => {
      metrics.projected.inc(n);
      metrics.projectionBatch.observe(ms / 1000);
    },
  });
  const profileView = { halfLifeMs: config.profileHalfLifeMs, sessionGapMs: config.sessionGapMs };
  const hybrid = new HybridRecommender({
    store,
    catalogs,
    profile: profileView,
    weights: DEFAULT_SOURCE_WEIGHTS,
    popularHalfLifeMs: POPULAR_HALF_LIFE_MS,
    trendingHalfLifeMs: TRENDING_HALF_LIFE_MS,
    allowRepeat: config.allowRepeatPurchases,
    onNeighbourCache: (hits, misses) => {
      if (hits > 0) metrics.neighbourCache.inc({ result: 'hit' }, hits);
      if (misses > 0) metrics.neighbourCache.inc({ result: 'miss' }, misses);
    },
  });
  const recommender = config.externalRecommender
    ? new HttpRecommender({
        url: config.externalRecommender.url,
        timeoutMs: config.externalRecommender.timeoutMs,
        fallback: hybrid,
        onStateChange: (state) => log.warn({ state }, 'external recommender circuit breaker changed state'),
      })
    : hybrid;
  // The intent classifier trains from the repo corpus in about a second; only HTTP processes need it.
  const intent = role === 'projector' ? undefined : await loadIntentClassifier();
  // Conversational personalization on top of whichever base recommender is configured.
  const personalizer = intent
    ? new MCPAwareRecommender({
        base: recommender,
        catalogs,
        store,
        profile: profileView,
        classifier: intent,
        onExtractError: (err) => log.warn({ err }, 'intent extraction failed'),
      })
    : undefined;
  const remote = role === 'http' ? new RemoteProjection(opts.kickRemote ?? (() => {})) : undefined;
  const projection: ProjectionControl = remote ?? projector;
  const ctx: AppContext = {
    store,
    catalogs,
    recommender,
    projector: projection,
    metrics,
    profileView,
    defaultShop: config.defaultShop,
    clock,
    logError: (err, msg) => log.error({ err }, msg ?? 'error'),
    ...(intent ? { intentClassifier: intent } : {}),
    ...(personalizer ? { personalizer } : {}),
  };
  const app = buildApp(ctx);
  if (role !== 'http') projector.start();
  const sweep = setInterval(() => {
    if (role !== 'http') store.sweep(clock()).catch((err) => log.error({ err }, 'retention sweep failed'));
  }, 3_600_000);
  sweep.unref();
  // Catalog imports through another process or API node show up here within a few seconds.
  const refresh = setInterval(() => {
    catalogs.refresh().catch((err) => log.warn({ err }, 'catalog refresh failed'));
  }, CATALOG_REFRESH_MS);
  refresh.unref();
  let closed = false;
  return {
    app,
    ctx,
    projector,
    ...(remote ? { remoteProjection: remote } : {}),
    async listen() {
      const url = await app.listen({ port: config.port, host: config.host });
      log.info({ url, store: store.kind }, 'affinity listening');
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweep);
      clearInterval(refresh);
      await app.close();
      if (role !== 'http') {
        await projector.flush().catch((err) => log.error({ err }, 'final projection failed'));
        await projector.stop();
      }
      await store.close();
    },
  };
}
