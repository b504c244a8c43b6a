/**
 * Wiring of a node's own timed work, by role: the shop's catalog MCP connection (every node) and its
 * sync (where `project` runs), the operations sampler behind the dashboard's panel (`recommend`), and
 * the background timers (retention sweeps, SQLite WAL checkpoints, the catalog refresh every node runs).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { MarketRegistry } from '../core/markets/marketRegistry.ts';
import type { AffinityStore } from '../core/ports.ts';
import { claimTurn } from '../adapters/redis/redisLock.ts';
import { SqliteStore, WAL_CHECKPOINT_MS } from '../adapters/sqlite/sqliteStore.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import { createShopCatalog, type ShopCatalog } from '../features/catalog/shopCatalog.ts';
import type { Metrics } from '../features/operations/metrics.ts';
import { OperationsSampler } from '../features/operations/operationsSampler.ts';
import { operationsProbe } from '../features/operations/readiness.ts';
import { sweepRetention } from '../features/privacy/retentionSweep.ts';
import type { ProjectionControl } from '../features/projection/projectionControl.ts';
import type { Projector } from '../features/projection/projector.ts';
import { startBackgroundWork, SWEEP_CLAIM_MS } from '../roles/backgroundWork.ts';
import { runsWork, type RoleName } from '../roles/roles.ts';
import type { NodeState } from './nodeState.ts';

/** How often every process checks the store for catalog changes, ms. */
export const CATALOG_REFRESH_MS = 2000;

/** A node's timed work. */
export interface NodeWork {
  /** The shop's Storefront Catalog MCP (configured with `SHOPIFY_STOREFRONT_MCP*`). */
  readonly shopCatalog?: ShopCatalog;
  /** The last hour of this process's metrics (where `recommend` runs). */
  readonly operations?: OperationsSampler;
  /** Starts the catalog sync, the sampler and the timers this node's roles run. */
  start(): void;
  /** Stops the timers (the catalog connection stops with {@link stopCatalog}). */
  stop(): void;
  stopCatalog(): Promise<void>;
}

/** Options of {@link wireNodeWork}. */
export interface NodeWorkOptions {
  readonly config: Config;
  readonly store: AffinityStore;
  readonly roles: readonly RoleName[];
  readonly catalogs: CatalogRegistry;
  readonly markets: MarketRegistry;
  readonly metrics: Metrics;
  readonly node: NodeState;
  readonly projector: Projector;
  readonly projection: ProjectionControl;
  readonly clock: () => number;
  readonly log: Logger;
}

/** Wires the catalog connection, the operations sampler and the background timers this node's roles run (started by `start`). */
export function wireNodeWork(o: NodeWorkOptions): NodeWork {
  const { config, store, roles, catalogs, log } = o;
  const shopCatalog = config.shopCatalog
    ? createShopCatalog(config.shopCatalog, {
        catalogs,
        registry: o.metrics.registry,
        defaultShop: config.defaultShop,
        configuredShops: new Set([config.defaultShop, ...config.apiKeys.map((k) => k.shop).filter((s) => s !== '*'), ...Object.keys(config.pixelOrigins)]),
        warn: (obj, msg) => log.warn(obj, msg),
        info: (obj, msg) => log.info(obj, msg),
      })
    : undefined;
  // The dashboard's operations panel: this process's own metrics every 10 s, one hour kept.
  const operations = !runsWork(roles, 'operations')
    ? undefined
    : new OperationsSampler({
        registry: o.metrics.registry,
        clock: o.clock,
        probe: operationsProbe({ store, projection: o.projection, metrics: o.metrics }),
        onError: (err) => log.warn({ err }, 'operations sample failed'),
      });
  // The process that projects also checkpoints the SQLite WAL, on a thread of its own (off every event loop);
  // with a shared store, one node per period sweeps.
  const sweepOwner = randomUUID();
  const { redisConnection } = o.node;
  const timers = (): { stop(): void } => startBackgroundWork({
    roles,
    ...(store instanceof SqliteStore ? { startCheckpoints: () => store.startCheckpoints(WAL_CHECKPOINT_MS, (err) => log.warn({ err }, 'WAL checkpoints run on the event loop: their thread did not start or stopped')) } : {}),
    ...(redisConnection ? { claimSweep: () => claimTurn(redisConnection, 'retention-sweep', sweepOwner, SWEEP_CLAIM_MS) } : {}),
    sweep: () =>
      sweepRetention(
        { store, markets: o.markets, globalTtlMs: config.profileTtlMs, exclusive: (fn) => o.projector.pauseWhile(fn), onError: (what, err) => log.error({ err }, `${what} failed`) },
        o.clock(),
      ),
    refreshCatalogs: () => catalogs.refresh(),
    catalogRefreshMs: CATALOG_REFRESH_MS,
    onError: (what, err) => log.warn({ err }, `${what} failed`),
  });
  let background: { stop(): void } | undefined;
  return {
    ...(shopCatalog ? { shopCatalog } : {}),
    ...(operations ? { operations } : {}),
    start() {
      if (shopCatalog && runsWork(roles, 'catalogSync') && config.shopCatalog && config.shopCatalog.syncMinutes > 0) {
        shopCatalog.sync.start();
        // A first sync at start-up, then every AFFINITY_CATALOG_SYNC_MINUTES.
        setImmediate(() => void shopCatalog.sync.syncAll());
      }
      operations?.start();
      background ??= timers();
    },
    stop() {
      background?.stop();
      operations?.stop();
    },
    stopCatalog: async () => {
      await shopCatalog?.stop();
    },
  };
}
