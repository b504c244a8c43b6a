/**
 * The timers of a node, by role: retention sweeps (hourly, `project`; one node per period when the
 * store is shared, `claimSweep`), SQLite WAL checkpoints (where projection runs, on a thread of their
 * own: adapters/sqlite/walCheckpointer.ts), and the catalog refresh every node runs (a catalog imported
 * through another node shows up here within `catalogRefreshMs`).
 */
import { runsWork, type RoleName } from './roles.ts';

/** How often retention sweeps run, ms. */
export const RETENTION_SWEEP_MS = 3_600_000;
/**
 * How long a node's claim on the sweep holds, ms: most of a period, so that one node of a shared store
 * sweeps per hour whatever the offsets of the nodes' timers (it is never released early).
 */
export const SWEEP_CLAIM_MS = RETENTION_SWEEP_MS - 5 * 60_000;

/** Options of {@link startBackgroundWork}. */
export interface BackgroundWorkOptions {
  readonly roles: readonly RoleName[];
  /** Starts the SQLite WAL checkpoints (`SqliteStore.startCheckpoints`; absent: not a SQLite store). */
  readonly startCheckpoints?: () => { stop(): Promise<void> };
  /** One retention sweep (the store's TTLs, then the markets' shorter retention). */
  readonly sweep: () => Promise<void>;
  /**
   * Claims this period's sweep for this node (a shared store: `adapters/redis/redisLock.ts`, for
   * {@link SWEEP_CLAIM_MS}); false: another node sweeps. Absent: the node always sweeps.
   */
  readonly claimSweep?: () => Promise<boolean>;
  readonly refreshCatalogs: () => Promise<unknown>;
  readonly catalogRefreshMs: number;
  readonly onError: (what: 'retention sweep' | 'catalog refresh', err: unknown) => void;
}

/** Starts the node's timers (unref'd: they never keep a process alive); `stop` clears them. */
export function startBackgroundWork(o: BackgroundWorkOptions): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => void): void => {
    const t = setInterval(fn, ms);
    t.unref();
    timers.push(t);
  };
  const checkpoints = o.startCheckpoints && runsWork(o.roles, 'projection') ? o.startCheckpoints() : undefined;
  const sweep = async (): Promise<void> => {
    if (o.claimSweep && !(await o.claimSweep())) return;
    await o.sweep();
  };
  if (runsWork(o.roles, 'retention')) every(RETENTION_SWEEP_MS, () => void sweep().catch((err) => o.onError('retention sweep', err)));
  every(o.catalogRefreshMs, () => void o.refreshCatalogs().catch((err) => o.onError('catalog refresh', err)));
  return {
    stop() {
      for (const t of timers) clearInterval(t);
      timers.length = 0;
      // The checkpoint thread closes its connection by itself; nothing here waits for it.
      void checkpoints?.stop();
    },
  };
}
