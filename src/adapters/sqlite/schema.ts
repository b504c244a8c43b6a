/**
 * SQLite schema of the embedded store. Every table is keyed by shop first (tenant isolation).
 */
export const SCHEMA_VERSION = 1;

/**
 * Events are projected in `seq` order; `meta.projected_seq` is the last projected seq (a cursor, so
 * marking a batch projected is one write, not one per event).
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
`;
