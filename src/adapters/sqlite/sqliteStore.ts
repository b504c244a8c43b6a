/**
 * The embedded store: SQLite through better-sqlite3, one file on disk, WAL journal. `append` commits
 * before it resolves, so an acknowledged event survives the process being killed.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Product } from '../../core/catalog/product.ts';
import { AffinityError } from '../../core/errors.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type {
  AppendResult,
  CatalogStore,
  EraseUserOptions,
  ErasureReport,
  LoggedEvent,
  Neighbour,
  PrivacyJobQueue,
  PrivacyStore,
  ProjectionBatch,
  UserEventStore,
  UserExport,
} from '../../core/ports.ts';
import type { RawProfile, RecentItem } from '../../core/profile/profileDelta.ts';
import { NEIGHBOUR_CAP } from '../../core/recommend/statsDelta.ts';
import { applyDelta, decodeProfile, decodeRecent } from '../../core/profile/profileDoc.ts';
import { SCHEMA_SQL, upgradeSchema } from './schema.ts';
import { SqlitePrivacy } from './sqlitePrivacy.ts';
import { SqlitePrivacyQueue } from './sqlitePrivacyQueue.ts';
import { SqliteAttribution } from './sqliteAttribution.ts';

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** Database file, or `:memory:`. */
  readonly path: string;
  /** Profiles (and their events) not touched for this long are removed by `sweep`, ms. */
  readonly profileTtlMs: number;
}

type Row = Record<string, unknown>;

/** WAL size (pages) at which a commit checkpoints by itself (SQLite's default is 1,000). */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;
/** How often the projecting process checkpoints the WAL, ms. */
export const WAL_CHECKPOINT_MS = 1_000;

/** How often over-long co-occurrence lists are trimmed to {@link NEIGHBOUR_CAP}, ms. */
const NEIGHBOUR_TRIM_INTERVAL_MS = 60_000;

/**
 * How long opening the database waits for another process's schema set-up: an upgrade rewrites every
 * profile (about 5 s per 100,000 users, see `upgradeSchema`), ms.
 */
const SCHEMA_LOCK_WAIT_MS = 10 * 60_000;

/** How long a write waits for the write lock before failing with SQLITE_BUSY, ms. */
const BUSY_TIMEOUT_MS = 5_000;

/** Whether an error is SQLite's "the write lock is held by another connection". */
function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** SQLite implementation of {@link UserEventStore}, {@link CatalogStore} and {@link PrivacyStore}. */
export class SqliteStore implements UserEventStore, CatalogStore, PrivacyStore {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #ttl: number;
  readonly #stmts;
  readonly #privacy: SqlitePrivacy;
  readonly #attribution: SqliteAttribution;
  #queue: SqlitePrivacyQueue | undefined;
  #backlogCount: Database.Statement | undefined;
  #closed = false;
  #trimmedAt = Date.now();
  #pending: { events: readonly UserEvent[]; resolve: (r: AppendResult) => void; reject: (e: unknown) => void }[] = [];
  /** A scheduled retry of the pending appends (the write lock was busy). */
  #retry: NodeJS.Timeout | undefined;
  /** When the pending appends first found the write lock busy. */
  #lockWaitSince: number | undefined;

  constructor(opts: SqliteStoreOptions) {
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
    this.#db = new Database(opts.path);
    // Processes opening one file wait for one another's set-up, however long a schema upgrade takes.
    this.#db.pragma(`busy_timeout = ${SCHEMA_LOCK_WAIT_MS}`);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    // Erased rows are overwritten with zeros, not merely unlinked (see sqlitePrivacy.ts).
    this.#db.pragma('secure_delete = ON');
    // Checkpoints copy the WAL back into the database file. Left to SQLite's default (every 1,000
    // pages) they run inside whichever commit crosses the mark, often an HTTP request's append; with a
    // higher mark, the process that projects checkpoints on a clock instead (see `checkpoint`), and
    // this is only the backstop.
    this.#db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    this.#db.exec(SCHEMA_SQL);
    upgradeSchema(this.#db);
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.#ttl = opts.profileTtlMs;
    this.#privacy = new SqlitePrivacy(this.#db);
    this.#attribution = new SqliteAttribution(this.#db);
    const db = this.#db;
    this.#stmts = {
      insertEvent: db.prepare('INSERT OR IGNORE INTO events (shop, id, user_id, ts, body) VALUES (?, ?, ?, ?, ?)'),
      unprojected: db.prepare(`SELECT seq, body FROM events
        WHERE seq > coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'projected_seq'), 0) ORDER BY seq LIMIT ?`),
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
      recent: db.prepare(`SELECT json_extract(doc, '$[1]') FROM profiles WHERE shop = ? AND user_id = ?`).pluck(),
      userEvents: db.prepare('SELECT body FROM events WHERE shop = ? AND user_id = ? ORDER BY ts DESC, seq DESC LIMIT ?'),
      neighbours: db.prepare('SELECT to_id, weight FROM cooc WHERE shop = ? AND from_id = ? ORDER BY weight DESC LIMIT ?'),
      top: db.prepare('SELECT product_id, weight FROM counters WHERE shop = ? AND counter = ? AND epoch = ? ORDER BY weight DESC LIMIT ?'),
      shops: db.prepare('SELECT DISTINCT shop FROM profiles UNION SELECT DISTINCT shop FROM counters ORDER BY 1'),
      upsertProduct: db.prepare(`INSERT INTO products (shop, id, body, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (shop, id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`),
      products: db.prepare('SELECT body FROM products WHERE shop = ? ORDER BY id'),
      productShops: db.prepare('SELECT DISTINCT shop FROM products ORDER BY shop'),
      bumpCatalog: db.prepare(`INSERT INTO meta (key, value) VALUES (?, '1')
        ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`),
      productLinks: db.prepare('SELECT alias, target FROM product_links WHERE shop = ?'),
      saveProductLink: db.prepare('INSERT INTO product_links (shop, alias, target) VALUES (?, ?, ?) ON CONFLICT (shop, alias) DO UPDATE SET target = excluded.target'),
      productLinksVersions: db.prepare(`SELECT substr(key, 15) AS shop, CAST(value AS INTEGER) AS v FROM meta WHERE key LIKE 'links_version:%'`),
      catalogVersions: db.prepare(`SELECT substr(key, 17) AS shop, CAST(value AS INTEGER) AS v FROM meta WHERE key LIKE 'catalog_version:%'`),
      trimCooc: db.prepare(`DELETE FROM cooc WHERE shop = ? AND from_id = ? AND to_id IN (
        SELECT to_id FROM cooc WHERE shop = ? AND from_id = ? ORDER BY weight DESC LIMIT -1 OFFSET ?)`),
      coocFanout: db.prepare('SELECT shop, from_id FROM cooc GROUP BY shop, from_id HAVING count(*) > ?'),
      expiredUsers: db.prepare('SELECT shop, user_id FROM profiles WHERE last_seen < ?'),
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
      if (this.#pending.length === 1 && !this.#retry) setImmediate(() => this.#commitAppends(false));
    });
  }

  /**
   * Commits the pending appends. `block`: wait for the write lock here (erasure, export and close
   * must see every acknowledged append first); otherwise a busy lock schedules a retry.
   */
  #commitAppends(block = true): void {
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
      if (block) counts = commit();
      else {
        this.#db.pragma('busy_timeout = 0');
        try {
          counts = commit();
        } finally {
          this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
        }
      }
    } catch (err) {
      if (!block && isBusy(err)) {
        this.#lockWaitSince ??= Date.now();
        if (Date.now() - this.#lockWaitSince < BUSY_TIMEOUT_MS) {
          this.#retry = setTimeout(() => this.#commitAppends(false), 1);
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

  async applyProjection(batch: ProjectionBatch): Promise<void> {
    this.#assertOpen();
    const s = this.#stmts;
    // The new profile documents are worked out before the write lock is taken (JSON work held it
    // long enough to slow every HTTP worker's append), from the documents as they are now; under the
    // lock each is read again and, in the rare case another writer changed it meanwhile, redone.
    const read = batch.profiles.map((d) => s.profileDoc.get(d.shop, d.userId) as string | undefined);
    const next = batch.profiles.map((d, i) => applyDelta(read[i], d));
    // IMMEDIATE: the write lock is taken (waiting for it) at BEGIN. A deferred transaction starts by
    // reading the cursor; when an HTTP worker commits an append before its first write, SQLite cannot
    // upgrade the stale read snapshot and fails at once with SQLITE_BUSY, without waiting (22–51
    // "database is locked" retries per 20 s of event load before this).
    this.#db.transaction(() => {
      // Another process (an `affinity mcp` beside `affinity serve`) may have projected this batch
      // already: then applying it again would count it twice, so it is dropped.
      if (batch.seqs.length > 0) {
        let min = Number.MAX_SAFE_INTEGER;
        for (const seq of batch.seqs) min = Math.min(min, Number(seq));
        if (min <= ((s.cursor.get() as Row).seq as number)) return;
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
    }).immediate();
    // Neighbour lists are trimmed now and then rather than on every write: reads use LIMIT, so the
    // extra rows only cost disk until the next trim. The trim scans the whole table (tens of ms on a
    // large shop), so it runs on a clock, not every N batches: a stream of small batches (one event per
    // request) would otherwise pay it every few hundred milliseconds.
    const now = Date.now();
    if (now - this.#trimmedAt >= NEIGHBOUR_TRIM_INTERVAL_MS) {
      this.#trimmedAt = now;
      this.trimNeighbours();
    }
  }

  /**
   * Copies committed WAL frames into the database file without waiting for readers or writers
   * (a PASSIVE checkpoint); the projecting process calls it every {@link WAL_CHECKPOINT_MS}.
   */
  checkpoint(): void {
    if (this.#closed) return;
    try {
      this.#db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy: the next one catches up.
    }
  }

  /** Keeps only the strongest {@link NEIGHBOUR_CAP} neighbours of every item. */
  trimNeighbours(): void {
    const s = this.#stmts;
    this.#db.transaction(() => {
      for (const r of s.coocFanout.all(NEIGHBOUR_CAP) as Row[]) s.trimCooc.run(r.shop, r.from_id, r.shop, r.from_id, NEIGHBOUR_CAP);
    })();
  }

  async getProfile(shop: string, userId: string): Promise<RawProfile | undefined> {
    this.#assertOpen();
    const doc = this.#stmts.profileDoc.get(shop, userId) as string | undefined;
    return doc === undefined ? undefined : decodeProfile(shop, userId, doc);
  }

  async getProfiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]> {
    const out: (RawProfile | undefined)[] = [];
    for (const id of userIds) out.push(await this.getProfile(shop, id));
    return out;
  }

  async getRecentItems(shop: string, userIds: readonly string[]): Promise<(readonly RecentItem[])[]> {
    this.#assertOpen();
    return userIds.map((id) => {
      const recent = this.#stmts.recent.get(shop, id) as string | undefined;
      return recent === undefined ? [] : decodeRecent(recent);
    });
  }

  async getUserEvents(shop: string, userId: string, limit: number): Promise<UserEvent[]> {
    this.#assertOpen();
    return (this.#stmts.userEvents.all(shop, userId, limit) as Row[]).map((r) => JSON.parse(r.body as string) as UserEvent);
  }

  async getNeighbours(shop: string, productIds: readonly string[], limit: number): Promise<Map<string, Neighbour[]>> {
    this.#assertOpen();
    const out = new Map<string, Neighbour[]>();
    for (const id of productIds) {
      if (out.has(id)) continue;
      out.set(
        id,
        (this.#stmts.neighbours.all(shop, id, limit) as Row[]).map((r) => ({ productId: r.to_id as string, weight: r.weight as number })),
      );
    }
    return out;
  }

  async getTop(shop: string, counter: 'popular' | 'trending', epoch: number, limit: number): Promise<Neighbour[]> {
    this.#assertOpen();
    return (this.#stmts.top.all(shop, counter, epoch, limit) as Row[]).map((r) => ({
      productId: r.product_id as string,
      weight: r.weight as number,
    }));
  }

  async listShops(): Promise<string[]> {
    this.#assertOpen();
    return (this.#stmts.shops.all() as Row[]).map((r) => r.shop as string);
  }

  /** Removes profiles (and their events) not seen for longer than the TTL. Returns how many users were removed. */
  async sweep(now: number): Promise<number> {
    this.#assertOpen();
    const expired = this.#stmts.expiredUsers.all(now - this.#ttl) as Row[];
    // Attribution records live as long as profiles do.
    this.#attribution.sweep(now - this.#ttl);
    // Links between ids that no longer have a profile on either side go when they are as old as the TTL.
    this.#db
      .prepare(`DELETE FROM identity_links WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.shop = identity_links.shop AND p.user_id IN (identity_links.a, identity_links.b))`)
      .run(now - this.#ttl);
    if (expired.length === 0) return 0;
    this.#db.transaction(() => {
      for (const r of expired) this.#deleteUser(r.shop as string, r.user_id as string, true);
    })();
    return expired.length;
  }

  #deleteUser(shop: string, userId: string, projectedOnly: boolean): void {
    const db = this.#db;
    db.prepare('DELETE FROM profiles WHERE shop = ? AND user_id = ?').run(shop, userId);
    const cursor = projectedOnly ? ((this.#stmts.cursor.get() as Row).seq as number) : Number.MAX_SAFE_INTEGER;
    db.prepare('DELETE FROM events WHERE shop = ? AND user_id = ? AND seq <= ?').run(shop, userId, cursor);
    db.prepare('DELETE FROM identity_links WHERE shop = ? AND (a = ? OR b = ?)').run(shop, userId, userId);
  }

  async upsertProducts(shop: string, products: readonly Product[]): Promise<void> {
    this.#assertOpen();
    const now = Date.now();
    this.#db.transaction(() => {
      for (const p of products) this.#stmts.upsertProduct.run(shop, p.id, JSON.stringify(p), now);
      this.#stmts.bumpCatalog.run(`catalog_version:${shop}`);
    })();
  }

  async productLinks(shop: string): Promise<Map<string, string>> {
    this.#assertOpen();
    const rows = this.#stmts.productLinks.all(shop) as Row[];
    return new Map(rows.map((r) => [r.alias as string, r.target as string]));
  }

  async saveProductLinks(shop: string, links: readonly (readonly [string, string])[]): Promise<void> {
    this.#assertOpen();
    if (links.length === 0) return;
    this.#db.transaction(() => {
      for (const [alias, target] of links) this.#stmts.saveProductLink.run(shop, alias, target);
      this.#stmts.bumpCatalog.run(`links_version:${shop}`);
    })();
  }

  async productLinksVersions(): Promise<Record<string, number>> {
    this.#assertOpen();
    const rows = this.#stmts.productLinksVersions.all() as Row[];
    return Object.fromEntries(rows.map((r) => [r.shop as string, r.v as number]));
  }

  async listProducts(shop: string): Promise<Product[]> {
    this.#assertOpen();
    return (this.#stmts.products.all(shop) as Row[]).map((r) => JSON.parse(r.body as string) as Product);
  }

  async catalogVersions(): Promise<Record<string, number>> {
    this.#assertOpen();
    return Object.fromEntries((this.#stmts.catalogVersions.all() as Row[]).map((r) => [r.shop as string, r.v as number]));
  }

  async listCatalogShops(): Promise<string[]> {
    this.#assertOpen();
    return (this.#stmts.productShops.all() as Row[]).map((r) => r.shop as string);
  }

  // ---- data-subject operations (PrivacyStore) ---------------------------------------------------

  async eraseUser(shop: string, userId: string, opts?: EraseUserOptions): Promise<ErasureReport> {
    this.#assertOpen();
    this.#commitAppends();
    // Before the privacy erasure, whose WAL truncation then also covers these rows.
    this.#attribution.eraseUser(shop, userId);
    return this.#privacy.eraseUser(shop, userId, opts);
  }

  async eraseShop(shop: string): Promise<void> {
    this.#assertOpen();
    this.#commitAppends();
    this.#attribution.eraseShop(shop);
    this.#privacy.eraseShop(shop);
  }

  async exportUser(shop: string, userId: string): Promise<UserExport> {
    this.#assertOpen();
    this.#commitAppends();
    const doc = this.#privacy.exportUser(shop, userId, await this.getProfile(shop, userId));
    return { ...doc, attribution: this.#attribution.exportUser(shop, userId) };
  }

  async linkIdentity(shop: string, a: string, b: string): Promise<void> {
    this.#assertOpen();
    this.#privacy.link(shop, a, b, Date.now());
  }

  async linkedIds(shop: string, id: string): Promise<string[]> {
    this.#assertOpen();
    return this.#privacy.linkedIds(shop, id);
  }

  async usersLastSeenBefore(shop: string, before: number, limit: number, offset = 0): Promise<string[]> {
    this.#assertOpen();
    return (
      this.#db.prepare('SELECT user_id FROM profiles WHERE shop = ? AND last_seen < ? ORDER BY last_seen, user_id LIMIT ? OFFSET ?').all(shop, before, limit, offset) as Row[]
    ).map((r) => r.user_id as string);
  }

  /** Served lists and attributed outcomes (docs/decisions/0002). */
  attribution(): SqliteAttribution {
    this.#assertOpen();
    return this.#attribution;
  }

  /** The durable privacy job queue on this database. */
  privacyQueue(): PrivacyJobQueue {
    this.#assertOpen();
    return (this.#queue ??= new SqlitePrivacyQueue(this.#db));
  }

  async ping(): Promise<boolean> {
    if (this.#closed) return false;
    try {
      this.#db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#commitAppends(true);
    this.#closed = true;
    this.#db.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new AffinityError('STORE_UNAVAILABLE', 'The SQLite store is closed.');
  }
}
