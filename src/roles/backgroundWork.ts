/**
 * The timers of a node, by role: retention sweeps (hourly, `project`), SQLite WAL checkpoints (where
 * projection runs, off the HTTP processes' event loops), and the catalog refresh every node runs (a
 * catalog imported through another node shows up here within `catalogRefreshMs`).
 */
import { runsWork, type RoleName } from './roles.ts';

/** How often retention sweeps run, ms. */
export const RETENTION_SWEEP_MS = 3_600_000;

/** Options of {@link startBackgroundWork}. */
export interface BackgroundWorkOptions {
  readonly roles: readonly RoleName[];
  /** Checkpoints the SQLite WAL (absent: not a SQLite store). */
  readonly checkpoint?: () => void;
  readonly checkpointMs: number;
  /** One retention sweep (the store's TTLs, then the markets' shorter retention). */
  readonly sweep: () => Promise<void>;
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
  const { checkpoint } = o;
  if (checkpoint && runsWork(o.roles, 'projection')) every(o.checkpointMs, checkpoint);
  if (runsWork(o.roles, 'retention')) every(RETENTION_SWEEP_MS, () => void o.sweep().catch((err) => o.onError('retention sweep', err)));
  every(o.catalogRefreshMs, () => void o.refreshCatalogs().catch((err) => o.onError('catalog refresh', err)));
  return {
    stop() {
      for (const t of timers) clearInterval(t);
      timers.length = 0;
    },
  };
}
