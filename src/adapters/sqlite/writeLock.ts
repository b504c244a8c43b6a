/**
 * Waiting for SQLite's write lock without holding the event loop.
 *
 * SQLite's busy handler waits for another connection's write lock by sleeping on the calling thread:
 * on the event loop, every request in flight waits with it. The connection that holds the lock is
 * another process (an HTTP worker appending, an `affinity mcp` beside `affinity serve`) or this
 * process's WAL checkpoint thread, which takes the lock for a RESTART checkpoint (walCheckpointer.ts).
 * A write on a hot path (appends, projection batches, served lists) is therefore tried with the busy
 * handler off and, while the lock is held, tried again on a timer; the event loop serves requests
 * meanwhile.
 */
import type Database from 'better-sqlite3';

/** How long a write waits for the write lock before failing with SQLITE_BUSY, ms. */
export const BUSY_TIMEOUT_MS = 5_000;

/** Whether an error is SQLite's "the write lock is held by another connection". */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Runs `write` once with SQLite's busy handler off: a held write lock fails it at once with SQLITE_BUSY. */
export function withoutWaiting<T>(db: Database.Database, write: () => T): T {
  db.pragma('busy_timeout = 0');
  try {
    return write();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Runs `write` (one transaction: it takes the write lock at its start, as an IMMEDIATE transaction
 * does) with the busy handler off. While another connection holds the lock it is run again every
 * millisecond on a timer, for up to {@link BUSY_TIMEOUT_MS} in all, as long as the busy handler would
 * have waited; then the SQLITE_BUSY error is thrown. Inside a caller's transaction the lock is held
 * already: `write` runs at once.
 */
export async function whenWriteLockFree<T>(db: Database.Database, write: () => T, waitMs = BUSY_TIMEOUT_MS): Promise<T> {
  if (db.inTransaction) return write();
  const since = performance.now();
  for (;;) {
    try {
      return withoutWaiting(db, write);
    } catch (err) {
      if (!isBusy(err) || performance.now() - since >= waitMs) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
