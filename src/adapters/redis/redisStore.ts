/**
 * The shared store: Redis (standalone or Cluster) through ioredis. Same semantics as the SQLite store
 * (both pass `src/testing/userEventStoreContract.ts`); the key layout is in `keys.ts`.
 *
 * `RedisStore` is a thin facade over one slice per concern, each usable on its own over one
 * {@link RedisConnection} (port methods that a slice serves unchanged are listed once and installed on
 * the store by `../forwardMethods.ts`; the others are written here):
 * - `redisConnection.ts`: the client, deadlines, health hooks (`redisHealth.ts`), durability
 *   (`redisDurability.ts`), batching per slot;
 * - `redisScripts.ts`: the Lua scripts; `redisOps.ts`: the commands of a batch;
 * - `redisEventLog.ts`: append, each user's events, the projector's reads, the backlog;
 * - `redisProjectionWriter.ts`: `applyProjection` (each event counted once, on a Cluster too: every
 *   slot records the log entries it holds);
 * - `redisProfileReads.ts`: profiles, recent items, neighbours, counters;
 * - `redisCatalog.ts`: products, product links, versions;
 * - `redisRetention.ts`: the sweep and the last-seen index;
 * - `redisPrivacy.ts`, `redisAttribution.ts`, `redisPrivacyQueue.ts`: data-subject operations,
 *   served lists and outcomes, the privacy job queue.
 *
 * How durable "acknowledged by Redis" is depends on the server's persistence (run production Redis
 * with `appendonly yes`; `appendfsync always` for fsync-per-write): the store reads it at connect and
 * on every reconnection (`durability()`).
 */
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import type { CatalogStore, EraseUserOptions, ErasureReport, KeptConsent, PrivacyJobQueue, PrivacyStore, UserEventStore, UserExport } from '../../core/ports.ts';
import { forwardMethods, type Forwarded } from '../forwardMethods.ts';
import { RedisAttribution } from './redisAttribution.ts';
import { RedisCatalog } from './redisCatalog.ts';
import { RedisConnection, type RedisConnectionOptions } from './redisConnection.ts';
import type { RedisDurability } from './redisDurability.ts';
import { RedisEventLog, type RedisEventLogOptions } from './redisEventLog.ts';
import type { RedisHealthState } from './redisHealth.ts';
import { RedisPrivacy } from './redisPrivacy.ts';
import { RedisPrivacyQueue } from './redisPrivacyQueue.ts';
import { RedisProfileReads } from './redisProfileReads.ts';
import { RedisProjectionWriter } from './redisProjectionWriter.ts';
import { RedisRetention } from './redisRetention.ts';

export { DEFAULT_READ_TIMEOUT_MS } from './redisConnection.ts';

/** Options of the Redis store: the connection's and the event log's. */
export interface RedisStoreOptions extends RedisConnectionOptions, RedisEventLogOptions {}

/** Options of {@link RedisStore.connect} and {@link RedisStore.connectCluster}. */
export interface RedisConnectOptions extends Omit<RedisStoreOptions, 'client'> {
  /** How long to wait for the first connection before failing, ms. Default 5000. */
  readonly connectTimeoutMs?: number;
  /** Per-command timeout of the client, ms. Default 2000. */
  readonly commandTimeoutMs?: number;
}

/** Port methods the event log serves as they are: appends, users' events, the projector's reads, the backlog. */
const FROM_LOG = ['append', 'readUnprojected', 'backlog', 'getUserEvents', 'listShops'] as const;
/** `applyProjection`, from the projection writer. */
const FROM_WRITER = ['applyProjection'] as const;
/** Profiles and item statistics, from the profile reads. */
const FROM_READS = ['getProfile', 'getProfiles', 'getRecentItems', 'getNeighbours', 'getTop'] as const;
/** Products, product links and their versions, from the catalog. */
const FROM_CATALOG = ['upsertProducts', 'listProducts', 'removeProducts', 'applyStampedChanges', 'productLinks', 'saveProductLinks', 'productLinksVersions', 'listCatalogShops', 'catalogVersions', 'forgetListing'] as const;

/** The methods {@link RedisStore} serves from its concerns as they are (installed by its constructor). */
export interface RedisStore
  extends Forwarded<RedisEventLog, typeof FROM_LOG>,
    Forwarded<RedisProjectionWriter, typeof FROM_WRITER>,
    Forwarded<RedisProfileReads, typeof FROM_READS>,
    Forwarded<RedisCatalog, typeof FROM_CATALOG> {}

/** Redis (standalone or Cluster) implementation of {@link UserEventStore}, {@link CatalogStore} and {@link PrivacyStore}. */
export class RedisStore implements UserEventStore, CatalogStore, PrivacyStore {
  readonly kind = 'redis';
  /** The connection every slice shares. */
  readonly conn: RedisConnection;
  /** Appends, users' events, the projector's reads and the backlog. */
  readonly log: RedisEventLog;
  /** Profiles and item statistics. */
  readonly reads: RedisProfileReads;
  /** `applyProjection`. */
  readonly writer: RedisProjectionWriter;
  /** Products, product links and their versions. */
  readonly catalog: RedisCatalog;
  readonly #retention: RedisRetention;
  readonly #privacy: RedisPrivacy;
  readonly #attribution: RedisAttribution;
  #queue: RedisPrivacyQueue | undefined;

  constructor(opts: RedisStoreOptions) {
    this.conn = new RedisConnection(opts);
    this.log = new RedisEventLog(this.conn, opts);
    this.reads = new RedisProfileReads(this.conn);
    // A lease outlives both the claim of idle entries and any apply the client still waits for.
    const leaseMs = Math.max(this.log.claimIdleMs, this.conn.opTimeoutMs);
    this.writer = new RedisProjectionWriter(this.conn, this.reads, { profileTtlMs: opts.profileTtlMs, consumer: this.log.consumer, leaseMs });
    this.catalog = new RedisCatalog(this.conn);
    this.#privacy = new RedisPrivacy(this.conn.client, this.conn.cluster, opts.profileTtlMs);
    this.#attribution = new RedisAttribution(this.conn.client, opts.profileTtlMs);
    this.#retention = new RedisRetention(this.conn, this.#attribution, opts.profileTtlMs);
    forwardMethods(this, this.log, FROM_LOG);
    forwardMethods(this, this.writer, FROM_WRITER);
    forwardMethods(this, this.reads, FROM_READS);
    forwardMethods(this, this.catalog, FROM_CATALOG);
  }

  /** ioredis options for a standalone client: bounded waits everywhere, reconnect forever in the background. */
  static clientOptions(commandTimeoutMs = 2_000): RedisOptions {
    return RedisConnection.clientOptions(commandTimeoutMs);
  }

  /** Connects to a standalone Redis (`redis://[:password@]host:port[/db]`) and waits for the first connection. */
  static async connect(url: string, opts: RedisConnectOptions): Promise<RedisStore> {
    const client = await RedisConnection.openStandalone(url, opts.connectTimeoutMs, opts.commandTimeoutMs);
    const store = new RedisStore({ ...opts, client });
    await store.refreshDurability();
    return store;
  }

  /** Connects to a Redis Cluster through any of its nodes and waits until it is ready. */
  static async connectCluster(nodes: readonly { readonly host: string; readonly port: number }[], opts: RedisConnectOptions): Promise<RedisStore> {
    const client = await RedisConnection.openCluster(nodes, opts.connectTimeoutMs, opts.commandTimeoutMs);
    const store = new RedisStore({ ...opts, client });
    await store.refreshDurability();
    return store;
  }

  /** The server's persistence settings as last read (see `redisDurability.ts`). */
  durability(): RedisDurability {
    return this.conn.durability();
  }

  /** Reads the persistence settings again (never throws; `unknown` when they cannot be read). */
  refreshDurability(): Promise<RedisDurability> {
    return this.conn.refreshDurability();
  }

  /** Whether Redis is up, suspect (reads degrade) or down (everything fails at once), see `redisHealth.ts`. */
  get health(): RedisHealthState {
    return this.conn.health;
  }

  // ---- retention and data-subject operations (redisRetention.ts, redisPrivacy.ts) --------------

  sweep(now: number): Promise<number> {
    return this.#retention.sweep(now);
  }
  usersLastSeenBefore(shop: string, before: number, limit: number, offset = 0): Promise<string[]> {
    return this.#retention.usersLastSeenBefore(shop, before, limit, offset);
  }

  async eraseUser(shop: string, userId: string, opts?: EraseUserOptions): Promise<ErasureReport> {
    return this.conn.run('eraseUser', async () => {
      await this.#attribution.eraseUser(shop, userId, opts?.at);
      return this.#privacy.eraseUser(shop, userId, opts);
    });
  }

  async eraseShop(shop: string, at?: number): Promise<void> {
    return this.conn.run('eraseShop', async () => {
      await this.#privacy.eraseShop(shop, at);
      this.catalog.forgetListing(shop);
    });
  }

  async keepConsent(shop: string, userId: string, state: KeptConsent): Promise<void> {
    return this.conn.run('keepConsent', () => this.#privacy.keepConsent(shop, userId, state));
  }

  async keptConsent(shop: string, ids: readonly string[]): Promise<(KeptConsent | undefined)[]> {
    return this.conn.run('keptConsent', () => this.#privacy.keptConsent(shop, ids));
  }

  async erasedAt(shop: string, ids: readonly string[]): Promise<number[]> {
    return this.conn.run('erasedAt', () => this.#attribution.erasedAt(shop, ids));
  }

  async exportUser(shop: string, userId: string): Promise<UserExport> {
    const profile = await this.getProfile(shop, userId);
    return this.conn.run('exportUser', async () => ({ ...(await this.#privacy.exportUser(shop, userId, profile)), attribution: await this.#attribution.exportUser(shop, userId) }));
  }

  async linkIdentity(shop: string, a: string, b: string): Promise<void> {
    return this.conn.run('linkIdentity', () => this.#privacy.link(shop, a, b));
  }

  async linkedIds(shop: string, id: string): Promise<string[]> {
    return this.conn.run('linkedIds', () => this.#privacy.linkedIds(shop, id));
  }

  async directLinks(shop: string, id: string): Promise<string[]> {
    return this.conn.run('directLinks', () => this.#privacy.directLinks(shop, id));
  }

  /** Served lists and attributed outcomes (docs/decisions/0002). */
  attribution(): RedisAttribution {
    return this.#attribution;
  }

  /** The connection, for the state nodes share through this Redis (session memory, consent, the bus; src/roles/). */
  connection(): Redis | Cluster {
    return this.conn.client;
  }

  /** The durable privacy job queue on this Redis (keys tagged `{privacy}`). */
  privacyQueue(): PrivacyJobQueue {
    return (this.#queue ??= new RedisPrivacyQueue(this.conn.client));
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  ping(): Promise<boolean> {
    return this.conn.ping();
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
