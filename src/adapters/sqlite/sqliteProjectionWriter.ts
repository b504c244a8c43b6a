/**
 * The projection writer of the SQLite store: a batch's profile and statistics deltas and the move of
 * the `projected_seq` cursor past its events, in one IMMEDIATE transaction, and only when none of its
 * events is projected yet (another process, an `affinity mcp` beside `affinity serve`, may have read
 * and projected the same events): each event is counted once. Over-long neighbour lists are trimmed
 * on a clock.
 */
import type Database from 'better-sqlite3';
import type { ProjectionBatch, ProjectionOutcome } from '../../core/ports.ts';
import { applyDelta } from '../../core/profile/profileDoc.ts';
import { NEIGHBOUR_CAP } from '../../core/recommend/statsDelta.ts';
import { whenWriteLockFree } from './writeLock.ts';

/** How often over-long co-occurrence lists are trimmed to {@link NEIGHBOUR_CAP}, ms. */
const NEIGHBOUR_TRIM_INTERVAL_MS = 60_000;

type Row = Record<string, unknown>;

/** Writes projection batches to SQLite (see the module comment). */
export class SqliteProjectionWriter {
  readonly #db: Database.Database;
  readonly #assertOpen: () => void;
  readonly #stmts;
  #trimmedAt = Date.now();

  /** `assertOpen` throws `STORE_UNAVAILABLE` once the store is closed. */
  constructor(db: Database.Database, assertOpen: () => void) {
    this.#db = db;
    this.#assertOpen = assertOpen;
    this.#stmts = {
      setCursor: db.prepare(`INSERT INTO meta (key, value) VALUES ('projected_seq', ?)
        ON CONFLICT (key) DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`),
      cursor: db.prepare(`SELECT coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projected_seq'), 0) AS seq`),
      profileDoc: db.prepare('SELECT doc FROM profiles WHERE shop = ? AND user_id = ?').pluck(),
      upsertProfile: db.prepare(`INSERT INTO profiles (shop, user_id, last_seen, doc) VALUES (?, ?, ?, ?)
        ON CONFLICT (shop, user_id) DO UPDATE SET last_seen = excluded.last_seen, doc = excluded.doc`),
      upsertCooc: db.prepare(`INSERT INTO cooc (shop, from_id, to_id, weight) VALUES (?, ?, ?, ?)
        ON CONFLICT (shop, from_id, to_id) DO UPDATE SET weight = weight + excluded.weight`),
      upsertCounter: db.prepare(`INSERT INTO counters (shop, counter, epoch, product_id, weight) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (shop, counter, epoch, product_id) DO UPDATE SET weight = weight + excluded.weight`),
      trimCooc: db.prepare(`DELETE FROM cooc WHERE shop = ? AND from_id = ? AND to_id IN (
        SELECT to_id FROM cooc WHERE shop = ? AND from_id = ? ORDER BY weight DESC LIMIT -1 OFFSET ?)`),
      coocFanout: db.prepare('SELECT shop, from_id FROM cooc GROUP BY shop, from_id HAVING count(*) > ?'),
    };
  }

  /** The projected cursor: every event with a seq up to it is projected. */
  cursor(): number {
    return (this.#stmts.cursor.get() as Row).seq as number;
  }

  /**
   * Applies the deltas and moves the projected cursor past `seqs`, in one IMMEDIATE transaction, when
   * none of `seqs` is projected yet; otherwise (another process, an `affinity mcp` beside `affinity
   * serve`, projected some of them first) writes nothing and names those still unprojected.
   */
  async applyProjection(batch: ProjectionBatch): Promise<ProjectionOutcome> {
    this.#assertOpen();
    const s = this.#stmts;
    // The new profile documents are worked out before the write lock is taken (JSON work held it
    // long enough to slow every HTTP worker's append), from the documents as they are now; under the
    // lock each is read again and, in the rare case another writer changed it meanwhile, redone.
    const read = batch.profiles.map((d) => s.profileDoc.get(d.shop, d.userId) as string | undefined);
    const next = batch.profiles.map((d, i) => applyDelta(read[i], d));
    // IMMEDIATE: the write lock is taken at BEGIN. A deferred transaction starts by reading the cursor;
    // when an HTTP worker commits an append before its first write, SQLite cannot upgrade the stale
    // read snapshot and fails at once with SQLITE_BUSY, without waiting (22–51 "database is locked"
    // retries per 20 s of event load before this). While another connection holds the lock (an
    // append, the checkpoint thread's RESTART), the batch waits on a timer, not in SQLite's busy
    // handler with the event loop held (writeLock.ts).
    const transaction = this.#db.transaction((): ProjectionOutcome => {
      // Applying a batch some of whose events are projected already would count those twice.
      if (batch.seqs.length > 0) {
        const cursor = this.cursor();
        const unprojected = batch.seqs.filter((seq) => Number(seq) > cursor);
        if (unprojected.length < batch.seqs.length) return { status: 'stale', unprojected };
      }
      batch.profiles.forEach((d, i) => {
        const current = s.profileDoc.get(d.shop, d.userId) as string | undefined;
        const doc = current === read[i] ? (next[i] as { doc: string; lastSeen: number }) : applyDelta(current, d);
        s.upsertProfile.run(d.shop, d.userId, doc.lastSeen, doc.doc);
      });
      for (const d of batch.stats) {
        if (d.kind === 'cooc') s.upsertCooc.run(d.shop, d.from, d.to, d.weight);
        else s.upsertCounter.run(d.shop, d.kind, d.epoch, d.productId, d.weight);
      }
      // Batches are prefixes of what readUnprojected returned, so the largest seq is the new cursor.
      let max = 0;
      for (const seq of batch.seqs) max = Math.max(max, Number(seq));
      if (max > 0) s.setCursor.run(String(max));
      return { status: 'applied' };
    });
    const outcome = await whenWriteLockFree(this.#db, () => transaction.immediate());
    if (outcome.status === 'stale') return outcome;
    // Neighbour lists are trimmed now and then rather than on every write: reads use LIMIT, so the
    // extra rows only cost disk until the next trim. The trim scans the whole table (tens of ms on a
    // large shop), so it runs on a clock, not every N batches: a stream of small batches (one event per
    // request) would otherwise pay it every few hundred milliseconds.
    const now = Date.now();
    if (now - this.#trimmedAt >= NEIGHBOUR_TRIM_INTERVAL_MS) {
      this.#trimmedAt = now;
      this.trimNeighbours();
    }
    return outcome;
  }

  /** Keeps only the strongest {@link NEIGHBOUR_CAP} neighbours of every item. */
  trimNeighbours(): void {
    const s = this.#stmts;
    this.#db.transaction(() => {
      for (const r of s.coocFanout.all(NEIGHBOUR_CAP) as Row[]) s.trimCooc.run(r.shop, r.from_id, r.shop, r.from_id, NEIGHBOUR_CAP);
    })();
  }
}
