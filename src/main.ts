/**
 * The composition root: the only place that turns configuration into wired components. Used by
 * `affinity serve`, the demo, the benchmarks and the end-to-end tests.
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Server as McpLowLevelServer } from '@modelcontextprotocol/sdk/server/index.js';
import type { RedisStore } from './adapters/redis/redisStore.ts';
import { SqliteStore } from './adapters/sqlite/sqliteStore.ts';
import type { Config } from './config.ts';
import { MarketRegistry } from './core/markets/marketRegistry.ts';
import type { AffinityStore } from './core/ports.ts';
import { CatalogRegistry } from './features/catalog/catalogRegistry.ts';
import { Metrics } from './features/operations/metrics.ts';
import { PrivacyMetrics } from './features/privacy/privacyMetrics.ts';
import type { PrivacyWorker } from './features/privacy/privacyWorker.ts';
import type { Projector } from './features/projection/projector.ts';
import type { RemoteProjection } from './features/projection/projectionControl.ts';
import type { AppContext } from './http/context.ts';
import type { PrivacyHttpContext } from './http/privacyContext.ts';
import { describeRoles, runsWork, type RoleName } from './roles/roles.ts';
import { wireAnalytics } from './wiring/analytics.ts';
import { wireHttp } from './wiring/http.ts';
import { wireNodeState } from './wiring/nodeState.ts';
import { wireNodeWork } from './wiring/nodeWork.ts';
import { type Erasure, wirePrivacy } from './wiring/privacy.ts';
import { projectionParams, wireProjection } from './wiring/projection.ts';
import { wireRecommend } from './wiring/recommend.ts';

export type { Erasure };

/**
 * How long a shutdown waits for requests in flight before it closes every connection, ms: longer than
 * the HTTP drain (`http/errorHandler.ts` `installShutdownDrain`, 1 s) plus the longest a request
 * waits on the store (5 s on the write path of a stateless node), so that a request received is
 * answered, not reset.
 */
const CLOSE_GRACE_MS = 10_000;

/**
 * The process layout of `affinity serve` with `AFFINITY_WORKERS` > 1 on one machine: one `projector`
 * primary (the `project` role) and N `http` workers (`ingest` and `recommend`, kicking projection
 * through `kickRemote`, IPC). `all`: the roles of the configuration (`AFFINITY_ROLES`, `--role`;
 * src/roles/roles.ts), every role by default.
 */
export type Role = 'all' | 'http' | 'projector';

/** The roles a process of the worker layout runs (`all`: the configured ones). */
const LAYOUT_ROLES: Readonly<Record<Exclude<Role, 'all'>, readonly RoleName[]>> = { http: ['ingest', 'recommend'], projector: ['project'] };

/** A wired Affinity instance. */
export interface Affinity {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  /** The projection running in this process (`all` and `projector` roles). */
  readonly projector: Projector;
  /** Set in the `http` role: records the lag the projecting process reports. */
  readonly remoteProjection?: RemoteProjection;
  /** Drops cached neighbour lists another process's projection changed. */
  invalidateNeighbours(keys: readonly string[]): void;
  /** Subscribes to the neighbour lists this process's projection changes (to tell other processes). */
  onNeighboursChanged(listener: (keys: readonly string[]) => void): void;
  /** Drops what this process holds of an erasure another process's privacy worker ran. */
  forgetErased(e: Erasure): void;
  /** Subscribes to the erasures this process's privacy worker runs (to tell other processes). */
  onErased(listener: (e: Erasure) => void): void;
  /** The roles this process runs. */
  readonly roles: readonly RoleName[];
  /** Session memory, consent states, conversation contexts and cache invalidations go through Redis (docs/decisions/0003). */
  readonly stateless: boolean;
  /** The privacy worker (compliance webhooks, consent withdrawals), where the `project` role runs. */
  readonly privacyWorker?: PrivacyWorker;
  /** What the privacy routes were given (queue, session memory, consent ledger, markets, guard). */
  readonly privacy: PrivacyHttpContext;
  /** Starts listening; resolves with the base URL. */
  listen(): Promise<string>;
  /** Graceful shutdown: stop taking requests, drain the projector, close the store. */
  close(): Promise<void>;
}

/** Opens the configured store; `onStoreHealth` hears when Redis becomes unreachable and reachable again. */
export async function openStore(config: Config, onStoreHealth?: (state: 'up' | 'suspect' | 'down', reason: string) => void): Promise<AffinityStore> {
  if (config.store === 'redis') {
    const { RedisStore } = await import('./adapters/redis/redisStore.ts');
    const opts = { profileTtlMs: config.profileTtlMs, ...(onStoreHealth ? { onHealthChange: onStoreHealth } : {}) };
    return config.redisCluster ? RedisStore.connectCluster(config.redisCluster, opts) : RedisStore.connect(config.redisUrl, opts);
  }
  return new SqliteStore({ path: config.sqlitePath, profileTtlMs: config.profileTtlMs });
}

/** Wires every component from the configuration. */
export async function createAffinity(
  config: Config,
  opts: {
    clock?: () => number;
    store?: AffinityStore;
    role?: Role;
    kickRemote?: () => void;
    /** The MCP session's server (stdio): enables intent extraction through MCP sampling when `config.intentSampling`. */
    samplingServer?: () => McpLowLevelServer | undefined;
    /**
     * Keep session-only memory, consent states, conversation contexts and cache invalidations in
     * Redis (stateless nodes; docs/decisions/0003). Default: with a Redis store, whenever this process is one of several
     * (roles other than all, HTTP workers, a Redis Cluster).
     */
    stateless?: boolean;
  } = {},
): Promise<Affinity> {
  const role = opts.role ?? 'all';
  // Roles are data (src/roles/roles.ts): what this process serves and which background work it runs.
  const roles = role === 'all' ? config.roles : LAYOUT_ROLES[role];
  const log = pino({ level: config.logLevel, base: { service: 'affinity' } }, pino.destination(2));
  const clock = opts.clock ?? Date.now;
  const metrics = new Metrics();
  const store =
    opts.store ??
    (await openStore(config, (state, reason) => {
      // The gauge follows the connection's own verdicts too, not only readiness checks (a node nobody probes).
      if (state !== 'suspect') metrics.storeUp.set({ store: 'redis' }, state === 'up' ? 1 : 0);
      if (state === 'up') log.info({ reason }, 'Redis answers again: recommendations and events are back to normal');
      else if (state === 'down') log.warn({ reason }, 'Redis is unreachable: recommendations are served degraded from memory, events are refused (503)');
    }));
  // Opened: it answered (an alert on the gauge sees a value from the start, not after the first readiness check).
  metrics.storeUp.set({ store: store.kind }, 1);
  // Whether an acknowledged event survives a crash of Redis (docs/reliability.md, "Redis durability").
  const storeDurability = (store as Partial<Pick<RedisStore, 'durability'>>).durability?.bind(store);
  const durability = storeDurability?.();
  if (durability?.warning) log.warn({ durability }, durability.warning);
  const privacyMetrics = new PrivacyMetrics(metrics.registry);
  // Only a node that answers prepares each catalog for answering (match features, vocabulary).
  const catalogs = new CatalogRegistry(store, { warm: roles.includes('recommend'), maxProducts: config.catalogMaxProducts });
  await catalogs.loadAll();
  const params = projectionParams(config);
  const markets = new MarketRegistry(config.markets);
  const profileView = { halfLifeMs: config.profileHalfLifeMs, sessionGapMs: config.sessionGapMs };

  // Each use case is wired in its own module (src/wiring/); this function only joins them.
  const node = await wireNodeState({ config, store, roles, catalogs, fold: params.fold, workerLayout: role !== 'all', ...(opts.stateless !== undefined ? { stateless: opts.stateless } : {}), log });
  const { bus } = node;
  const analytics = wireAnalytics({ config, store, catalogs, metrics, ledger: node.ledger, clock, log });
  const projection = wireProjection({
    store,
    catalogs,
    params,
    metrics,
    projects: runsWork(roles, 'projection'),
    worker: role === 'http',
    ...(opts.kickRemote ? { kickRemote: opts.kickRemote } : {}),
    ...(bus ? { bus } : {}),
    observe: analytics.observe,
    log,
  });
  // affinity_projection_lag_events is counted when scraped, on every node (docs/operations.md).
  const lagControl = projection.control;
  metrics.measureLagOnScrape(() => lagControl.measureLag?.() ?? lagControl.lag);
  const recommend = await wireRecommend({
    config,
    store,
    catalogs,
    markets,
    node,
    metrics,
    privacyMetrics,
    profileView,
    answers: roles.includes('recommend'),
    ...(opts.samplingServer ? { samplingServer: opts.samplingServer } : {}),
    log,
  });
  const neighbourListeners = new Set<(keys: readonly string[]) => void>();
  projection.onNeighboursChanged((keys) => {
    recommend.hybrid.invalidateNeighbours(keys);
    for (const l of neighbourListeners) l(keys);
  });
  const privacyWiring = wirePrivacy({
    store,
    roles,
    catalogs,
    markets,
    node,
    projector: projection.projector,
    privacyMetrics,
    forgetShop: (shop) => recommend.forgetShop(shop),
    forgetShoppers: (shop, userIds) => recommend.forgetShoppers(shop, userIds),
    clock,
    log,
  });
  const work = wireNodeWork({ config, store, roles, catalogs, markets, metrics, node, projector: projection.projector, projection: projection.control, clock, log });
  const { app, ctx, privacy: privacyHttp } = wireHttp({
    config,
    store,
    roles,
    guardRoutes: role === 'all',
    ...(storeDurability ? { storeDurability } : {}),
    catalogs,
    markets,
    metrics,
    privacyMetrics,
    profileView,
    node,
    analytics,
    recommend,
    privacyWiring,
    projection: projection.control,
    work,
    clock,
    log,
  });
  const privacyWorker = privacyWiring.worker;
  // Everything is wired: the timers and background work start.
  analytics.start();
  work.start();
  projection.start();
  privacyWorker?.start();
  let closed = false;
  return {
    app,
    ctx,
    projector: projection.projector,
    ...(projection.remote ? { remoteProjection: projection.remote } : {}),
    roles,
    stateless: node.stateless,
    invalidateNeighbours: (keys) => recommend.hybrid.invalidateNeighbours(keys),
    onNeighboursChanged: (listener) => void neighbourListeners.add(listener),
    forgetErased: (e) => privacyWiring.forgetErased(e),
    onErased: (listener) => privacyWiring.onErased(listener),
    ...(privacyWorker ? { privacyWorker } : {}),
    privacy: privacyHttp,
    async listen() {
      const url = await app.listen({ port: config.port, host: config.host });
      log.info({ url, store: store.kind, roles: describeRoles(roles), stateless: node.stateless }, 'affinity listening');
      return url;
    },
    async close() {
      if (closed) return;
      closed = true;
      work.stop();
      // First, so that nothing is projected while the rest closes: the projector finishes the batch
      // in hand, and a backlog stays in the durable log for the next start (draining it here made a
      // shutdown after a burst take as long as projecting the burst).
      await projection.stop();
      await work.stopCatalog();
      // Requests in flight finish (answered with Connection: close), requests arriving meanwhile get 503
      // with Retry-After, idle connections are closed (http/errorHandler.ts, installShutdownDrain); a
      // request still running after the grace period has its connection closed.
      const force = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS);
      force.unref();
      await app.close();
      clearTimeout(force);
      await privacyWorker?.stop();
      await analytics.stop();
      await node.shared?.flush().catch((err) => log.warn({ err }, 'session state not written at shutdown'));
      await node.bus?.close();
      await store.close();
    },
  };
}
