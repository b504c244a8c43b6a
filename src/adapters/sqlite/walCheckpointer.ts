/**
 * SQLite WAL checkpoints on a thread of their own.
 *
 * A checkpoint copies the WAL's committed pages into the database file. On the event loop it held every
 * request in flight: under the storefront benchmark's conversational load (3,500–3,800 requests a second,
 * each recording its served list) a PASSIVE checkpoint every second took 5–15 ms of the main thread, and
 * the ~50 requests in flight then, 1.3 % of a second's answers, waited that long: the slowest 1 % were
 * those (docs/benchmarks.md, 2026-12-07, second session). A worker thread with its own connection to the
 * file checkpoints instead; in WAL mode that is what SQLite expects of a second connection (PASSIVE: it
 * waits for no reader or writer, and copies what it can).
 *
 * A PASSIVE checkpoint alone never finishes under steady writes: frames arrive while it copies, so the
 * WAL is never all copied back and never starts over. It then grew to the mark at which a commit
 * checkpoints by itself (`wal_autocheckpoint`), and that commit, on the event loop, synced the WAL and
 * the database file: 20–35 ms every 0.7 s under the storefront benchmark's mixed load (one request in
 * five a pixel event, 78 MB/s written). So when the WAL still holds {@link RESTART_FRAMES} frames after
 * the PASSIVE pass, a RESTART follows: it waits for the transaction writing now, copies the rest, and
 * waits for readers to leave the WAL, so that the next write starts it over. Writers wait meanwhile on
 * a timer (writeLock.ts), not in SQLite's busy handler with their event loop held; the rare writes that
 * still use the busy handler (catalog imports, erasures) wait in it. A reader that keeps the WAL longer
 * than {@link RESTART_WAIT_MS} (a long export in another process) makes the RESTART give up, after it
 * held the writers that long; the next is tried after 2, 4, … up to 32 checkpoint intervals, until one
 * finishes.
 *
 * The worker runs plain JavaScript (no TypeScript loader, no app): better-sqlite3 and a timer. Where it
 * cannot start (the module does not load in a worker, the file cannot be opened) or fails later, the
 * checkpoints fall back to the event loop (`fallback`), as before, and `onError` says why once.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What runs in the worker: its own connection, a PASSIVE checkpoint every `everyMs` (then a RESTART past `restartFrames`), closed on 'stop'. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// SQLite's errors lose their message on the way to the parent thread: passed on as plain errors.
const fail = (err) => {
  throw new Error(String((err && err.message) || err) + (err && err.code ? ' (' + err.code + ')' : ''));
};
let db;
try {
  db = new (require(workerData.module))(workerData.path, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
} catch (err) {
  fail(err);
}
const busy = (err) => err && (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED');
// RESTARTs that gave up in a row (a reader kept the WAL, or writers never left the lock free), and none until restartAfter.
let failures = 0;
let restartAfter = 0;
const timer = setInterval(() => {
  try {
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log < workerData.restartFrames || Date.now() < restartAfter) return;
    // The parent's writers wait on a timer meanwhile (writeLock.ts); this thread waits for the one writing now.
    db.pragma('busy_timeout = ' + workerData.restartWaitMs);
    let done = false;
    try {
      done = db.pragma('wal_checkpoint(RESTART)')[0].busy === 0;
    } catch (err) {
      if (!busy(err)) throw err;
    } finally {
      db.pragma('busy_timeout = 0');
    }
    // One that gave up may have held the writers all that time: the next waits 2, 4, … 32 intervals.
    if (done) failures = 0;
    else {
      failures = Math.min(failures + 1, 5);
      restartAfter = Date.now() + workerData.everyMs * 2 ** failures;
    }
  } catch (err) {
    if (busy(err)) return;
    clearInterval(timer);
    fail(err);
  }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * WAL frames (pages) past which a checkpoint also restarts the WAL: 4,000 frames, 16 MB of 4 KB pages
 * (see the module comment).
 */
export const RESTART_FRAMES = 4_000;

/** How long a RESTART checkpoint waits for the transaction writing now (and for readers of the WAL), ms. */
const RESTART_WAIT_MS = 200;

/** How long {@link WalCheckpoints.stop} waits for the worker to close its connection before ending it, ms. */
const STOP_WAIT_MS = 2_000;

/** Checkpoints running; `stop` ends them (the worker closes its connection first). */
export interface WalCheckpoints {
  /** Where they run: `worker` (a thread of their own) or `event-loop` (the fallback). */
  readonly where: () => 'worker' | 'event-loop';
  stop(): Promise<void>;
}

/** Options of {@link startWalCheckpoints}. */
export interface WalCheckpointsOptions {
  /** The database file (`:memory:` has no WAL: the fallback runs, a no-op). */
  readonly path: string;
  readonly everyMs: number;
  /** One checkpoint on the event loop (`SqliteStore.checkpoint`), what runs where the worker cannot. */
  readonly fallback: () => void;
  /** Why the worker could not start, or stopped (said once). */
  readonly onError?: (err: unknown) => void;
  /** WAL frames past which a checkpoint also restarts the WAL (default {@link RESTART_FRAMES}). */
  readonly restartFrames?: number;
}

/** Starts checkpointing the WAL of `path` every `everyMs`, on a worker thread where one starts. */
export function startWalCheckpoints(o: WalCheckpointsOptions): WalCheckpoints {
  let timer: NodeJS.Timeout | undefined;
  let worker: Worker | undefined;
  let stopped = false;
  const onEventLoop = (): void => {
    if (stopped || timer) return;
    timer = setInterval(o.fallback, o.everyMs);
    timer.unref();
  };
  if (o.path === ':memory:') onEventLoop();
  else {
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        // Plain JavaScript: none of the parent's loaders (tsx), none of its flags.
        execArgv: [],
        workerData: { module: createRequire(import.meta.url).resolve('better-sqlite3'), path: o.path, everyMs: o.everyMs, restartFrames: o.restartFrames ?? RESTART_FRAMES, restartWaitMs: RESTART_WAIT_MS },
      });
      worker.unref();
      const failed = (err: unknown): void => {
        worker = undefined;
        if (stopped) return;
        o.onError?.(err);
        onEventLoop();
      };
      worker.once('error', failed);
      worker.once('exit', (code) => {
        if (worker !== undefined && !stopped) failed(new Error(`the WAL checkpoint thread exited (code ${code})`));
      });
    } catch (err) {
      worker = undefined;
      o.onError?.(err);
      onEventLoop();
    }
  }
  return {
    where: () => (worker !== undefined ? 'worker' : 'event-loop'),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      const w = worker;
      worker = undefined;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      // Waited for: held by the event loop until it has closed its connection and ended.
      w.ref();
      w.postMessage('stop');
      const bound = setTimeout(() => void w.terminate(), STOP_WAIT_MS);
      bound.unref();
      await exited;
      clearTimeout(bound);
    },
  };
}
