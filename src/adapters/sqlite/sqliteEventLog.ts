/**
 * The event log of the SQLite store: appends (group commit), each user's stored events, and the
 * projector's reads. `append` commits before it resolves, so an acknowledged event survives the
 * process being killed. Projection moves the `projected_seq` cursor (`sqliteProjectionWriter.ts`).
 */
import type Database from 'better-sqlite3';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { AppendResult, LoggedEvent } from '../../core/ports.ts';
import { BUSY_TIMEOUT_MS, isBusy, withoutWaiting } from './writeLock.ts';

type Row = Record<string, unknown>;

/** The SQLite event log (see the module comment). */
export class SqliteEventLog {
  readonly #db: Database.Database;
  readonly #assertOpen: () => void;
  readonly #stmts;
  #backlogCount: Database.Statement | undefined;
  #pending: { events: readonly UserEvent[]; resolve: (r: AppendResult) => void; reject: (e: unknown) => void }[] = [];
  /** A scheduled retry of the pending appends (the write lock was busy). */
  #retry: NodeJS.Timeout | undefined;
  /** When the pending appends first found the write lock busy. */
  #lockWaitSince: number | undefined;

  /** `assertOpen` throws `STORE_UNAVAILABLE` once the store is closed. */
  constructor(db: Database.Database, assertOpen: () => void) {
    this.#db = db;
    this.#assertOpen = assertOpen;
    this.#stmts = {
      insertEvent: db.prepare('INSERT OR IGNORE INTO events (shop, id, user_id, ts, body) VALUES (?, ?, ?, ?, ?)'),
      unprojected: db.prepare(`SELECT seq, body FROM events
        WHERE seq > coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projected_seq'), 0) ORDER BY seq LIMIT ?`),
      userEvents: db.prepare('SELECT body FROM events WHERE shop = ? AND user_id = ? ORDER BY ts DESC, seq DESC LIMIT ?'),
    };
  }

  /**
   * Group commit: appends that arrive in the same event-loop turn share one transaction, and every
   * caller is answered only after that transaction has committed. While another process holds the
   * write lock the group does not wait in SQLite's busy handler (which sleeps with the event loop
   * blocked, up to 100 ms at a time): it retries every millisecond, and appends arriving meanwhile
   * join it, so one commit carries what piled up during the wait.
   */
  append(events: readonly UserEvent[]): Promise<AppendResult> {
    try {
      this.#assertOpen();
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.#pending.push({ events, resolve, reject });
      if (this.#pending.length === 1 && !this.#retry) setImmediate(() => this.commitAppends(false));
    });
  }

  /**
   * Commits the pending appends. `block`: wait for the write lock here (erasure, export and close
   * must see every acknowledged append first); otherwise a busy lock schedules a retry.
   */
  commitAppends(block = true): void {
    if (this.#retry) {
      clearTimeout(this.#retry);
      this.#retry = undefined;
    }
    const group = this.#pending;
    if (group.length === 0) return;
    const insert = this.#stmts.insertEvent;
    const insertAll = (list: readonly UserEvent[]): number => {
      let accepted = 0;
      for (const e of list) accepted += insert.run(e.shop, e.id, e.userId, e.ts, JSON.stringify(e)).changes;
      return accepted;
    };
    const commit = (): number[] => this.#db.transaction(() => group.map((g) => insertAll(g.events)))();
    let counts: number[] | undefined;
    try {
      this.#assertOpen();
      counts = block ? commit() : withoutWaiting(this.#db, commit);
    } catch (err) {
      if (!block && isBusy(err)) {
        this.#lockWaitSince ??= Date.now();
        if (Date.now() - this.#lockWaitSince < BUSY_TIMEOUT_MS) {
          this.#retry = setTimeout(() => this.commitAppends(false), 1);
          return;
        }
      }
    }
    this.#lockWaitSince = undefined;
    this.#pending = [];
    if (counts) {
      group.forEach((g, i) => g.resolve({ accepted: counts[i] ?? 0, duplicates: g.events.length - (counts[i] ?? 0) }));
      return;
    }
    // One caller's failure must not fail the others: retry each in its own transaction.
    for (const g of group) {
      try {
        this.#assertOpen();
        const accepted = this.#db.transaction(() => insertAll(g.events))();
        g.resolve({ accepted, duplicates: g.events.length - accepted });
      } catch (err) {
        g.reject(err);
      }
    }
  }

  /** Events appended but not yet projected (after the cursor), oldest first, at most `limit`. */
  async readUnprojected(limit: number): Promise<LoggedEvent[]> {
    this.#assertOpen();
    return (this.#stmts.unprojected.all(limit) as Row[]).map((r) => ({
      seq: String(r.seq),
      event: JSON.parse(r.body as string) as UserEvent,
    }));
  }

  /** Events stored and not projected yet: the projector's lag (a count over the log's unprojected tail). */
  async backlog(): Promise<number> {
    this.#assertOpen();
    this.#backlogCount ??= this.#db
      .prepare(`SELECT count(*) FROM events WHERE seq > coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projected_seq'), 0)`)
      .pluck();
    return Number(this.#backlogCount.get());
  }

  /** Recent events of a user, newest first. */
  async getUserEvents(shop: string, userId: string, limit: number): Promise<UserEvent[]> {
    this.#assertOpen();
    return (this.#stmts.userEvents.all(shop, userId, limit) as Row[]).map((r) => JSON.parse(r.body as string) as UserEvent);
  }
}
