/**
 * Attribution records in the SQLite store (docs/decisions/0002): `rec_served` (one row per served
 * list) and `rec_outcomes` (one row per attributed outcome, keyed for idempotency), in the store's
 * database so that erasure, export and retention reach them in the same transactions.
 */
import type Database from 'better-sqlite3';
import { decodeOutcome, decodeServed, encodeOutcome, encodeServed } from '../../core/attribution/recordCodec.ts';
import type { Outcome, ServedList } from '../../core/attribution/servedList.ts';
import type { AttributionStore } from '../../core/ports.ts';

export const ATTRIBUTION_SQL = `
CREATE TABLE IF NOT EXISTS rec_served (
  shop TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, user_id TEXT, doc TEXT NOT NULL,
  PRIMARY KEY (shop, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rec_served_ts ON rec_served (shop, ts);
CREATE INDEX IF NOT EXISTS rec_served_user ON rec_served (shop, user_id);
CREATE TABLE IF NOT EXISTS rec_outcomes (
  shop TEXT NOT NULL, key TEXT NOT NULL, ts INTEGER NOT NULL, user_id TEXT NOT NULL, kind TEXT NOT NULL, product_id TEXT, doc TEXT NOT NULL,
  PRIMARY KEY (shop, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rec_outcomes_ts ON rec_outcomes (shop, ts);
CREATE INDEX IF NOT EXISTS rec_outcomes_user ON rec_outcomes (shop, user_id, kind, product_id, ts);
`;

type Row = Record<string, unknown>;

export class SqliteAttribution implements AttributionStore {
  readonly #db: Database.Database;
  readonly #st;

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(ATTRIBUTION_SQL);
    this.#st = {
      served: db.prepare('INSERT OR IGNORE INTO rec_served (shop, id, ts, user_id, doc) VALUES (?, ?, ?, ?, ?)'),
      outcome: db.prepare('INSERT OR IGNORE INTO rec_outcomes (shop, key, ts, user_id, kind, product_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      servedBetween: db.prepare('SELECT id, ts, user_id, doc FROM rec_served WHERE shop = ? AND ts BETWEEN ? AND ? ORDER BY ts, id'),
      outcomesBetween: db.prepare('SELECT key, ts, user_id, doc FROM rec_outcomes WHERE shop = ? AND ts BETWEEN ? AND ? ORDER BY ts, key'),
      clicks: db.prepare(`SELECT product_id, ts, doc FROM rec_outcomes WHERE shop = ? AND user_id = ? AND kind = 'click' AND product_id = ? AND ts BETWEEN ? AND ? ORDER BY ts DESC LIMIT 1`),
      servedOf: db.prepare('SELECT id, ts, user_id, doc FROM rec_served WHERE shop = ? AND user_id = ? ORDER BY ts, id'),
      outcomesOf: db.prepare('SELECT key, ts, user_id, doc FROM rec_outcomes WHERE shop = ? AND user_id = ? ORDER BY ts, key'),
      eraseServed: db.prepare('DELETE FROM rec_served WHERE shop = ? AND user_id = ?'),
      eraseOutcomes: db.prepare('DELETE FROM rec_outcomes WHERE shop = ? AND user_id = ?'),
      shopServed: db.prepare('DELETE FROM rec_served WHERE shop = ?'),
      shopOutcomes: db.prepare('DELETE FROM rec_outcomes WHERE shop = ?'),
      sweepServed: db.prepare('DELETE FROM rec_served WHERE ts < ?'),
      sweepOutcomes: db.prepare('DELETE FROM rec_outcomes WHERE ts < ?'),
    };
  }

  async recordServed(lists: readonly ServedList[]): Promise<void> {
    if (lists.length === 0) return;
    this.#db.transaction(() => {
      for (const l of lists) this.#st.served.run(l.shop, l.id, l.ts, l.userId ?? null, encodeServed(l));
    })();
  }

  async recordOutcomes(outcomes: readonly Outcome[]): Promise<number> {
    if (outcomes.length === 0) return 0;
    return this.#db.transaction(() => {
      let n = 0;
      for (const o of outcomes) n += this.#st.outcome.run(o.shop, o.key, o.ts, o.userId, o.kind, o.productId ?? null, encodeOutcome(o)).changes;
      return n;
    })();
  }

  async lastClicks(shop: string, userIds: readonly string[], productIds: readonly string[], since: number, until: number): Promise<Map<string, { recId: string; ts: number }>> {
    const out = new Map<string, { recId: string; ts: number }>();
    for (const p of productIds) {
      for (const u of userIds) {
        const r = this.#st.clicks.get(shop, u, p, since, until) as Row | undefined;
        if (!r) continue;
        const prev = out.get(p);
        if (!prev || (r.ts as number) > prev.ts) out.set(p, { recId: (JSON.parse(r.doc as string) as { r: string }).r, ts: r.ts as number });
      }
    }
    return out;
  }

  async servedBetween(shop: string, from: number, to: number): Promise<ServedList[]> {
    return (this.#st.servedBetween.all(shop, from, to) as Row[]).map((r) => decodeServed(shop, r.id as string, r.ts as number, (r.user_id as string | null) ?? undefined, r.doc as string));
  }

  async outcomesBetween(shop: string, from: number, to: number): Promise<Outcome[]> {
    return (this.#st.outcomesBetween.all(shop, from, to) as Row[]).map((r) => decodeOutcome(shop, r.key as string, r.ts as number, r.user_id as string, r.doc as string));
  }

  /** Everything recorded about one id (inside the caller's transaction or not). */
  exportUser(shop: string, userId: string): { served: ServedList[]; outcomes: Outcome[] } {
    return {
      served: (this.#st.servedOf.all(shop, userId) as Row[]).map((r) => decodeServed(shop, r.id as string, r.ts as number, userId, r.doc as string)),
      outcomes: (this.#st.outcomesOf.all(shop, userId) as Row[]).map((r) => decodeOutcome(shop, r.key as string, r.ts as number, userId, r.doc as string)),
    };
  }

  /** Removes one id's records; returns how many rows. */
  eraseUser(shop: string, userId: string): number {
    return this.#st.eraseServed.run(shop, userId).changes + this.#st.eraseOutcomes.run(shop, userId).changes;
  }

  eraseShop(shop: string): void {
    this.#st.shopServed.run(shop);
    this.#st.shopOutcomes.run(shop);
  }

  /** Removes records older than `before` (retention). */
  sweep(before: number): number {
    return this.#st.sweepServed.run(before).changes + this.#st.sweepOutcomes.run(before).changes;
  }
}
