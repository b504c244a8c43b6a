/**
 * SQLite schema of the embedded store. Every table is keyed by shop first (tenant isolation).
 */
export const SCHEMA_VERSION = 1;

/**
 * Events are projected in `seq` order; `meta.projected_seq` is the last projected seq (a cursor, so
 * marking a batch projected is one write, not one per event).
 */
/**
 * Privacy tables (additive): identity links (stored in both directions), the durable privacy job
 * queue (compliance webhooks, consent withdrawals) and the data exports it produces.
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
CREATE TABLE IF NOT EXISTS privacy_exports (
  shop TEXT NOT NULL, id TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, expires_at INTEGER NOT NULL,
  PRIMARY KEY (shop, id)
);
CREATE INDEX IF NOT EXISTS privacy_exports_subject ON privacy_exports (shop, subject);
`;

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
CREATE TABLE IF NOT EXISTS profile_meta (
  shop TEXT NOT NULL, user_id TEXT NOT NULL,
  event_count INTEGER NOT NULL, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, customer_id TEXT,
  PRIMARY KEY (shop, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS profile_meta_last_seen ON profile_meta (last_seen);
CREATE TABLE IF NOT EXISTS profile_features (
  shop TEXT NOT NULL, user_id TEXT NOT NULL, key TEXT NOT NULL, value REAL NOT NULL,
  PRIMARY KEY (shop, user_id, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS profile_recent (
  shop TEXT NOT NULL, user_id TEXT NOT NULL, product_id TEXT NOT NULL, type TEXT NOT NULL, ts INTEGER NOT NULL,
  PRIMARY KEY (shop, user_id, product_id, type)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS profile_purchased (
  shop TEXT NOT NULL, user_id TEXT NOT NULL, product_id TEXT NOT NULL,
  PRIMARY KEY (shop, user_id, product_id)
) WITHOUT ROWID;
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
${PRIVACY_SCHEMA_SQL}`;
