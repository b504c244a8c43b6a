/**
 * Wiring of projection: the projector that folds the event log into profiles and statistics where the
 * `project` role runs, and how every other process asks for it (a kick over IPC or the bus) and reads
 * its lag. Neighbour lists a batch changed are announced, here and to the other nodes.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { AffinityStore } from '../core/ports.ts';
import type { ProjectionParams } from '../core/projection.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../core/recommend/cooccurrence.ts';
import type { RedisBus } from '../adapters/redis/redisBus.ts';
import { SqliteStore } from '../adapters/sqlite/sqliteStore.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import type { Metrics } from '../features/operations/metrics.ts';
import { Projector, type ProjectorOptions } from '../features/projection/projector.ts';
import { RemoteProjection, type ProjectionControl } from '../features/projection/projectionControl.ts';
import { changedNeighbourKeys } from '../features/recommend/neighbourInvalidation.ts';

/** Popularity half-life: 7 days. */
export const POPULAR_HALF_LIFE_MS = 7 * 86_400_000;
/** Trending half-life: 1 day. */
export const TRENDING_HALF_LIFE_MS = 86_400_000;
/** Longest pause between projection batches on SQLite, ms (see `ProjectorOptions.maxPauseMs`). */
const PROJECTION_MAX_PAUSE_MS = 50;

/** The projection parameters of a configuration. */
export function projectionParams(config: Config): ProjectionParams {
  return {
    fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: config.profileHalfLifeMs },
    cooc: { ...DEFAULT_COOC_PARAMS, sessionGapMs: config.sessionGapMs },
    popularHalfLifeMs: POPULAR_HALF_LIFE_MS,
    trendingHalfLifeMs: TRENDING_HALF_LIFE_MS,
  };
}

/** Projection as this process sees it. */
export interface ProjectionWiring {
  /** The projector (it runs only where {@link projects}). */
  readonly projector: Projector;
  /** Whether this process projects. */
  readonly projects: boolean;
  /** What the routes kick and read the lag of: the local projector, or the projecting processes. */
  readonly control: ProjectionControl;
  /** Set in a worker of the one-machine layout: records the lag the projecting process reports over IPC. */
  readonly remote?: RemoteProjection;
  /** Subscribes to the neighbour lists this process's projection changes. */
  onNeighboursChanged(listener: (keys: readonly string[]) => void): void;
  /** Starts projecting (where this process projects) and listening for kicks. */
  start(): void;
  /** Finishes the batch in hand; a backlog stays in the durable log for the next start. */
  stop(): Promise<void>;
}

/** Options of {@link wireProjection}. */
export interface ProjectionOptions {
  readonly store: AffinityStore;
  readonly catalogs: CatalogRegistry;
  readonly params: ProjectionParams;
  readonly metrics: Metrics;
  /** Whether this process runs the `project` role. */
  readonly projects: boolean;
  /** This process is an HTTP worker of the one-machine layout: projection runs in another process. */
  readonly worker: boolean;
  /** How a worker reaches the projecting process (IPC); default: the bus. */
  readonly kickRemote?: () => void;
  readonly bus?: RedisBus;
  readonly observe: ProjectorOptions['observe'];
  readonly log: Logger;
}

/** Wires the projector and the way this process reaches it. */
export function wireProjection(o: ProjectionOptions): ProjectionWiring {
  const { store, bus, log } = o;
  const listeners = new Set<(keys: readonly string[]) => void>();
  const projector = new Projector({
    store,
    catalogs: o.catalogs,
    params: o.params,
    // SQLite has one write lock, shared with the HTTP workers' appends.
    maxPauseMs: store instanceof SqliteStore ? PROJECTION_MAX_PAUSE_MS : 0,
    // A product another process imported since this one's last refresh (on its clock) is not unknown for long.
    refreshCatalogs: () => o.catalogs.refresh(),
    onError: (err) => log.error({ err }, 'projection failed; will retry'),
    onUnprojectable: ({ seq, event }, err) => {
      o.metrics.unprojectable.inc();
      log.error({ err, shop: event.shop, eventId: event.id, seq }, 'event set aside: it cannot be projected (kept in the event log; no profile changed)');
    },
    ...(o.observe ? { observe: o.observe } : {}),
    onBatch: (n, ms) => {
      o.metrics.projected.inc(n);
      o.metrics.projectionBatch.observe(ms / 1000);
    },
    // Neighbour lists the batch changed are dropped from the caches here and on the other processes.
    onApplied: (batch) => {
      const keys = changedNeighbourKeys(batch);
      if (keys.length === 0) return;
      for (const l of listeners) l(keys);
      bus?.publish({ type: 'neighbours', keys });
    },
  });
  const kickBus = (): void => bus?.publish({ type: 'kick' });
  const remote = o.worker ? new RemoteProjection(o.kickRemote ?? kickBus) : undefined;
  // Without the project role, projection runs on other nodes: they hear kicks on the bus and poll.
  const control: ProjectionControl = remote ?? (o.projects ? projector : new RemoteProjection(kickBus, store));
  return {
    projector,
    projects: o.projects,
    control,
    ...(remote ? { remote } : {}),
    onNeighboursChanged: (listener) => void listeners.add(listener),
    start() {
      if (!o.projects) return;
      projector.start();
      // Kicks from the nodes that append (a hint: the projector also polls).
      bus?.on((m) => {
        if (m.type === 'kick') projector.kick();
      });
    },
    async stop() {
      if (o.projects) await projector.stop();
    },
  };
}
