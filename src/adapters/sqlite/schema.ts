/**
 * SQLite schema of the embedded store. Every table is keyed by shop first (tenant isolation).
 */
import type Database from 'better-sqlite3';
import { RECENT_CAP } from '../../core/profile/profileDelta.ts';

export const SCHEMA_VERSION = 2;

/**
 * Privacy tables (additive): identity links (stored in both directions), the durable privacy job
 * queue (compliance webhooks, consent withdrawals), its deduplication keys (each with its expiry;
 * `privacy_jobs.dedupe_key` is the single key of earlier versions, still honoured), the data
 * exports it produces, and the kept consent of shoppers who withdrew (`adapters/keptConsent.ts`).
 */
export const PRIVACY_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS identity_links (
  shop TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (shop, a, b)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS privacy_jobs (
  id TEXT PRIMARY KEY, shop TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  result TEXT, last_error TEXT, dedupe_key TEXT UNIQUE
);
CREATE INDEX IF NOT EXISTS privacy_jobs_due ON privacy_jobs (status, due_at);
CREATE TABLE IF NOT EXISTS privacy_dedupe (
  key TEXT PRIMARY KEY, job_id TEXT NOT NULL, expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS privacy_dedupe_expiry ON privacy_dedupe (expires_at);
CREATE TABLE IF NOT EXISTS privacy_exports (
  shop TEXT NOT NULL, id TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (shop, id)
);
CREATE INDEX IF NOT EXISTS privacy_exports_subject ON privacy_exports (shop, subject);
CREATE TABLE IF NOT EXISTS consent_kept (
  shop TEXT NOT NULL, h BLOB NOT NULL, state TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY (shop, h)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS consent_kept_at ON consent_kept (at);
`;

/**
 * Events are projected in `seq` order; `meta.projected_seq` is the last projected seq (a cursor, so
 * marking a batch projected is one write, not one per event).
 *
 * A profile is one row: its JSON document (see `profileDoc.ts`) and, as a column, when the user was
 * last seen (for the retention sweep). The projection reads the document, adds the batch's delta and
 * writes it back in its transaction; a read is one indexed lookup. A rowid table, because documents
 * run to kilobytes (SQLite advises against WITHOUT ROWID for rows over a twentieth of a page).
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  shop TEXT NOT NULL,
  id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (shop, id)
);
CREATE INDEX IF NOT EXISTS events_by_user ON events (shop, user_id, ts);
CREATE TABLE IF NOT EXISTS profiles (
  id INTEGER PRIMARY KEY,
  shop TEXT NOT NULL, user_id TEXT NOT NULL, last_seen INTEGER NOT NULL, doc TEXT NOT NULL,
  UNIQUE (shop, user_id)
);
CREATE INDEX IF NOT EXISTS profiles_last_seen ON profiles (last_seen);
CREATE TABLE IF NOT EXISTS cooc (
  shop TEXT NOT NULL, from_id TEXT NOT NULL, to_id TEXT NOT NULL, weight REAL NOT NULL,
  PRIMARY KEY (shop, from_id, to_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cooc_by_weight ON cooc (shop, from_id, weight DESC);
CREATE TABLE IF NOT EXISTS counters (
  shop TEXT NOT NULL, counter TEXT NOT NULL, epoch INTEGER NOT NULL, product_id TEXT NOT NULL, weight REAL NOT NULL,
  PRIMARY KEY (shop, counter, epoch, product_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS counters_by_weight ON counters (shop, counter, epoch, weight DESC);
CREATE TABLE IF NOT EXISTS products (
  shop TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, updated_at INTEGER NOT NULL,
  PRIMARY KEY (shop, id)
) WITHOUT ROWID;
-- Each shop's tombstones by write time (products are not in it): pruning reads only these. Its condition
-- is repeated word for word by the query that prunes (sqliteCatalog.ts), which is how SQLite knows it may use it.
CREATE INDEX IF NOT EXISTS products_tombstones ON products (shop, updated_at) WHERE json_extract(body, '$.removed') = 1;
CREATE TABLE IF NOT EXISTS product_links (
  shop TEXT NOT NULL, alias TEXT NOT NULL, target TEXT NOT NULL,
  PRIMARY KEY (shop, alias)
) WITHOUT ROWID;
${PRIVACY_SCHEMA_SQL}`;

/**
 * Brings a database created by an earlier version up to {@link SCHEMA_VERSION} (run after
 * {@link SCHEMA_SQL}). Several processes open one file at start-up, so the check and the change
 * happen under the write lock.
 *
 * Version 1 kept a profile in four tables (`profile_meta`, `profile_features`, `profile_recent`,
 * `profile_purchased`); version 2 folds each user's rows into one document and drops them.
 */
export function upgradeSchema(db: Database.Database): void {
  db.transaction(() => {
    const hasV1Profiles = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'profile_meta'").get() !== undefined;
    if (hasV1Profiles) {
      db.exec(`INSERT OR IGNORE INTO profiles (shop, user_id, last_seen, doc)
        SELECT m.shop, m.user_id, m.last_seen, json_array(
          (SELECT json_group_object(key, value) FROM profile_features f WHERE f.shop = m.shop AND f.user_id = m.user_id),
          (SELECT json_group_array(json_array(product_id, type, ts)) FROM
            (SELECT product_id, type, ts FROM profile_recent r WHERE r.shop = m.shop AND r.user_id = m.user_id
              ORDER BY ts DESC, product_id, type LIMIT ${RECENT_CAP})),
          (SELECT json_group_array(product_id) FROM profile_purchased b WHERE b.shop = m.shop AND b.user_id = m.user_id),
          m.event_count, m.first_seen, m.last_seen, m.customer_id)
        FROM profile_meta m;
        DROP TABLE profile_meta; DROP TABLE profile_features; DROP TABLE profile_recent; DROP TABLE profile_purchased;`);
    }
    db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(String(SCHEMA_VERSION));
  }).immediate();
}
