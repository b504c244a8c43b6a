/**
 * The embedded store: SQLite through better-sqlite3, one file on disk, WAL journal. Same semantics as
 * the Redis store (both pass `src/testing/userEventStoreContract.ts`).
 *
 * `SqliteStore` opens the database and composes one slice per concern over the one connection (port
 * methods that a slice serves unchanged are listed once and installed on the store by
 * `../forwardMethods.ts`):
 * - `sqliteEventLog.ts`: appends (group commit; an acknowledged event survives the process being
 *   killed), users' events, the projector's reads and the backlog;
 * - `sqliteProjectionWriter.ts`: `applyProjection` (each event counted once) and neighbour trims;
 * - `sqliteProfileReads.ts`: profiles, recent items, neighbours, counters, shops;
 * - `sqliteCatalog.ts`: products, product links, versions;
 * - `sqlitePrivacy.ts`, `sqliteAttribution.ts`, `sqlitePrivacyQueue.ts`: data-subject operations,
 *   served lists and outcomes, the privacy job queue;
 * and keeps retention (`sweep`), WAL checkpoints and the connection's lifecycle itself.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AffinityError } from '../../core/errors.ts';
import type { CatalogStore, EraseUserOptions, ErasureReport, KeptConsent, PrivacyJobQueue, PrivacyStore, UserEventStore, UserExport } from '../../core/ports.ts';
import { CONSENT_KEEP_MS } from '../keptConsent.ts';
import { forwardMethods, type Forwarded } from '../forwardMethods.ts';
import { SCHEMA_SQL, upgradeSchema } from './schema.ts';
import { SqliteAttribution } from './sqliteAttribution.ts';
import { SqliteCatalog } from './sqliteCatalog.ts';
import { SqliteEventLog } from './sqliteEventLog.ts';
import { SqlitePrivacy } from './sqlitePrivacy.ts';
import { SqlitePrivacyQueue } from './sqlitePrivacyQueue.ts';
import { SqliteProfileReads } from './sqliteProfileReads.ts';
import { SqliteProjectionWriter } from './sqliteProjectionWriter.ts';
import { startWalCheckpoints, type WalCheckpoints } from './walCheckpointer.ts';
import { BUSY_TIMEOUT_MS } from './writeLock.ts';

/** Options of the SQLite store. */
export interface SqliteStoreOptions {
  /** Database file, or `:memory:`. */
  readonly path: string;
  /** Profiles (and their events) not touched for this long are removed by `sweep`, ms. */
  readonly profileTtlMs: number;
}

type Row = Record<string, unknown>;

/** WAL size (pages) at which a commit checkpoints by itself (SQLite's default is 1,000). */
const WAL_AUTOCHECKPOINT_PAGES = 50_000;
/** How often the projecting process checkpoints the WAL, ms. */
export const WAL_CHECKPOINT_MS = 1_000;

/**
 * How long opening the database waits for another process's schema set-up: an upgrade rewrites every
 * profile (about 5 s per 100,000 users, see `upgradeSchema`), ms.
 */
const SCHEMA_LOCK_WAIT_MS = 10 * 60_000;

/** Port methods the event log serves as they are: appends (group commit), users' events, the projector's reads, the backlog. */
const FROM_LOG = ['append', 'readUnprojected', 'backlog', 'getUserEvents'] as const;
/** `applyProjection` and the neighbour trims, from the projection writer. */
const FROM_WRITER = ['applyProjection', 'trimNeighbours'] as const;
/** Profiles, item statistics and shops, from the profile reads. */
const FROM_READS = ['getProfile', 'getProfiles', 'getRecentItems', 'getNeighbours', 'getTop', 'listShops'] as const;
/** Products, product links and their versions, from the catalog. */
const FROM_CATALOG = ['upsertProducts', 'listProducts', 'removeProducts', 'applyStampedChanges', 'productLinks', 'saveProductLinks', 'productLinksVersions', 'listCatalogShops', 'catalogVersions', 'forgetListing'] as const;

/** The methods {@link SqliteStore} serves from its concerns as they are (installed by its constructor). */
export interface SqliteStore
  extends Forwarded<SqliteEventLog, typeof FROM_LOG>,
    Forwarded<SqliteProjectionWriter, typeof FROM_WRITER>,
    Forwarded<SqliteProfileReads, typeof FROM_READS>,
    Forwarded<SqliteCatalog, typeof FROM_CATALOG> {}

/** SQLite implementation of {@link UserEventStore}, {@link CatalogStore} and {@link PrivacyStore}. */
export class SqliteStore implements UserEventStore, CatalogStore, PrivacyStore {
  readonly kind = 'sqlite';
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #ttl: number;
  /** Appends, users' events, the projector's reads and the backlog. */
  readonly log: SqliteEventLog;
  /** `applyProjection` and neighbour trims. */
  readonly writer: SqliteProjectionWriter;
  /** Profiles, item statistics and shops. */
  readonly reads: SqliteProfileReads;
  /** Products, product links and their versions. */
  readonly catalog: SqliteCatalog;
  readonly #privacy: SqlitePrivacy;
  readonly #attribution: SqliteAttribution;
  #queue: SqlitePrivacyQueue | undefined;
  #closed = false;

  constructor(opts: SqliteStoreOptions) {
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
    this.#db = new Database(opts.path);
    this.#path = opts.path;
    // Processes opening one file wait for one another's set-up, however long a schema upgrade takes.
    this.#db.pragma(`busy_timeout = ${SCHEMA_LOCK_WAIT_MS}`);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    // Erased rows are overwritten with zeros, not merely unlinked (see sqlitePrivacy.ts).
    this.#db.pragma('secure_delete = ON');
    // Checkpoints copy the WAL back into the database file. Left to SQLite's default (every 1,000
    // pages) they run inside whichever commit crosses the mark, often an HTTP request's append; with a
    // higher mark, the process that projects checkpoints on a clock instead (see `startCheckpoints`,
    // which also starts the WAL over past 4,000 pages), and this is only the backstop.
    this.#db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    this.#db.exec(SCHEMA_SQL);
    upgradeSchema(this.#db);
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.#ttl = opts.profileTtlMs;
    const assertOpen = (): void => this.#assertOpen();
    this.log = new SqliteEventLog(this.#db, assertOpen);
    this.writer = new SqliteProjectionWriter(this.#db, assertOpen);
    this.reads = new SqliteProfileReads(this.#db, assertOpen);
    this.catalog = new SqliteCatalog(this.#db, assertOpen);
    this.#privacy = new SqlitePrivacy(this.#db);
    this.#attribution = new SqliteAttribution(this.#db);
    forwardMethods(this, this.log, FROM_LOG);
    forwardMethods(this, this.writer, FROM_WRITER);
    forwardMethods(this, this.reads, FROM_READS);
    forwardMethods(this, this.catalog, FROM_CATALOG);
  }

  // ---- retention ------------------------------------------------------------------------------

  /** Removes profiles (and their events) not seen for longer than the TTL. Returns how many users were removed. */
  async sweep(now: number): Promise<number> {
    this.#assertOpen();
    const expired = this.#db.prepare('SELECT shop, user_id FROM profiles WHERE last_seen < ?').all(now - this.#ttl) as Row[];
    // Attribution records live as long as profiles do; a kept consent state, CONSENT_KEEP_MS after its last change.
    this.#attribution.sweep(now - this.#ttl, now);
    this.#privacy.sweepConsent(now - CONSENT_KEEP_MS);
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
    const cursor = projectedOnly ? this.writer.cursor() : Number.MAX_SAFE_INTEGER;
    db.prepare('DELETE FROM events WHERE shop = ? AND user_id = ? AND seq <= ?').run(shop, userId, cursor);
    db.prepare('DELETE FROM identity_links WHERE shop = ? AND (a = ? OR b = ?)').run(shop, userId, userId);
  }

  // ---- data-subject operations (PrivacyStore) ---------------------------------------------------

  async eraseUser(shop: string, userId: string, opts?: EraseUserOptions): Promise<ErasureReport> {
    this.#assertOpen();
    this.log.commitAppends();
    // Before the privacy erasure, whose WAL truncation then also covers these rows.
    this.#attribution.eraseUser(shop, userId, opts?.at);
    return this.#privacy.eraseUser(shop, userId, opts);
  }

  async eraseShop(shop: string, at?: number): Promise<void> {
    this.#assertOpen();
    this.log.commitAppends();
    this.#attribution.eraseShop(shop, at);
    this.#privacy.eraseShop(shop);
    this.catalog.forgetListing(shop);
  }

  async keepConsent(shop: string, userId: string, state: KeptConsent): Promise<void> {
    this.#assertOpen();
    this.#privacy.keepConsent(shop, userId, state);
  }

  async keptConsent(shop: string, ids: readonly string[]): Promise<(KeptConsent | undefined)[]> {
    this.#assertOpen();
    return this.#privacy.keptConsent(shop, ids);
  }

  async erasedAt(shop: string, ids: readonly string[]): Promise<number[]> {
    this.#assertOpen();
    return this.#attribution.erasedAt(shop, ids);
  }

  async exportUser(shop: string, userId: string): Promise<UserExport> {
    this.#assertOpen();
    this.log.commitAppends();
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

  async directLinks(shop: string, id: string): Promise<string[]> {
    this.#assertOpen();
    return this.#privacy.directLinks(shop, id);
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

  // ---- lifecycle -------------------------------------------------------------------------------

  /**
   * Starts copying committed WAL frames into the database file every `everyMs` on a thread of its own
   * (walCheckpointer.ts), off this process's event loop; the projecting process does, every
   * {@link WAL_CHECKPOINT_MS}. Where no thread starts, {@link checkpoint} runs on the event loop instead.
   */
  startCheckpoints(everyMs: number, onError?: (err: unknown) => void): WalCheckpoints {
    return startWalCheckpoints({ path: this.#path, everyMs, fallback: () => this.checkpoint(), ...(onError ? { onError } : {}) });
  }

  /**
   * Copies committed WAL frames into the database file without waiting for readers or writers
   * (a PASSIVE checkpoint), on the event loop ({@link startCheckpoints} runs them off it).
   */
  checkpoint(): void {
    if (this.#closed) return;
    try {
      this.#db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy: the next one catches up.
    }
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
    this.log.commitAppends(true);
    this.#closed = true;
    this.#db.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new AffinityError('STORE_UNAVAILABLE', 'The SQLite store is closed.');
  }
}
