/**
 * Ports: the interfaces the core owns and adapters implement. Each has an SQLite (embedded) and a
 * Redis implementation, and both pass one contract suite (`src/testing/userEventStoreContract.ts`).
 */
import type { Product } from './catalog/product.ts';
import type { StampedChange } from './catalog/stampedChange.ts';
import type { ConsentFlags, UserEvent } from './events/userEvent.ts';
import type { ProfileDelta, RawProfile, RecentItem } from './profile/profileDelta.ts';
import type { StatsDelta } from './recommend/statsDelta.ts';
import type { Outcome, ServedList } from './attribution/servedList.ts';

/** Result of an append. */
export interface AppendResult {
  /** Events newly stored. */
  readonly accepted: number;
  /** Events whose id was already stored for this shop (ignored, idempotency). */
  readonly duplicates: number;
}

/** One stored event with its position in the shop's log. */
export interface LoggedEvent {
  /** Monotonic position in the store's log (opaque string, ordered per store). */
  readonly seq: string;
  readonly event: UserEvent;
}

/** A neighbour of an item with its (decayed-forward) weight. */
export interface Neighbour {
  readonly productId: string;
  readonly weight: number;
}

/**
 * The event log: durable appends, each user's stored events, and the projector's two steps.
 *
 * Writes come in two steps: `append` stores raw events durably (an HTTP 2xx is sent only after it
 * resolves), and the projector later reads them with `readUnprojected`, folds them into profiles and
 * item statistics and calls `applyProjection`, which applies the deltas and marks the events as
 * projected atomically, and only if none of them was projected meanwhile (by another projector that
 * held the same events): each event is counted once.
 */
export interface EventLog {
  /** Durably stores events, ignoring ids already stored for the same shop. */
  append(events: readonly UserEvent[]): Promise<AppendResult>;
  /** Events appended but not yet projected, oldest first, at most `limit`. */
  readUnprojected(limit: number): Promise<LoggedEvent[]>;
  /**
   * Applies profile and statistics deltas and marks `seqs` projected, atomically, when every one of
   * `seqs` is still unprojected; otherwise writes nothing and names the seqs still unprojected (the
   * caller folds those again without the others). A batch without seqs is applied as it is.
   */
  applyProjection(batch: ProjectionBatch): Promise<ProjectionOutcome>;
  /** Recent events of a user, newest first. */
  getUserEvents(shop: string, userId: string, limit: number): Promise<UserEvent[]>;
  /** Every shop that has events, for the demo and admin views. */
  listShops(): Promise<string[]>;
}

/** What the request path and the projector read: profiles and item statistics. */
export interface ProfileReads {
  /** Raw profile of one user (decayed-forward feature sums, recent items); `undefined` when unknown. */
  getProfile(shop: string, userId: string): Promise<RawProfile | undefined>;
  /** Raw profiles of many users in one round trip; the result is aligned with `userIds`. */
  getProfiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]>;
  /**
   * Only the recent items of many users (newest first, empty when unknown), aligned with `userIds`:
   * what the projector needs to link new events to earlier ones, without reading whole profiles.
   */
  getRecentItems(shop: string, userIds: readonly string[]): Promise<(readonly RecentItem[])[]>;
  /** Co-occurrence neighbours of several items in one round trip (strongest first, `limit` each). */
  getNeighbours(shop: string, productIds: readonly string[], limit: number): Promise<Map<string, Neighbour[]>>;
  /**
   * Top items of one epoch of a decayed counter (`popular` or `trending`), strongest first; weights are
   * decay-forward against the epoch's start (the caller merges the current and the previous epoch).
   */
  getTop(shop: string, counter: 'popular' | 'trending', epoch: number, limit: number): Promise<Neighbour[]>;
}

/** The life of a store: its name, retention, health and shutdown. */
export interface StoreLifecycle {
  /** Human-readable adapter name (`sqlite`, `redis`). */
  readonly kind: string;
  /** Removes what has outlived its retention (stores with native TTLs may do nothing). Returns users removed. */
  sweep(now: number): Promise<number>;
  /** Whether the backing store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Durable storage of user events and the state derived from them: the {@link EventLog}, the
 * {@link ProfileReads} and the {@link StoreLifecycle}.
 */
export interface UserEventStore extends EventLog, ProfileReads, StoreLifecycle {}

/**
 * What {@link EventLog.applyProjection} did: `applied` (deltas written, seqs marked projected), or
 * `stale` (nothing written: some seqs had been projected already; `unprojected` are those still
 * waiting, in the batch's order, possibly none).
 */
export type ProjectionOutcome = { readonly status: 'applied' } | { readonly status: 'stale'; readonly unprojected: readonly string[] };

/** The deltas of a projected batch. */
export interface ProjectionBatch {
  readonly seqs: readonly string[];
  readonly profiles: readonly ProfileDelta[];
  readonly stats: readonly StatsDelta[];
}

/** Durable catalog storage, per shop. */
export interface CatalogStore {
  upsertProducts(shop: string, products: readonly Product[]): Promise<void>;
  /** The shop's products, by id (never a removed one). */
  listProducts(shop: string): Promise<Product[]>;
  /**
   * Removes products of a shop by catalog id and, when one was there, bumps its version (every process
   * drops them at its next refresh). Returns the ids removed, in the order given (unknown ids skipped).
   */
  removeProducts(shop: string, ids: readonly string[]): Promise<string[]>;
  /**
   * Applies changes stamped with the time the shop made them (product webhooks), atomically per call:
   * an older change never overwrites a newer one, and a removal leaves a tombstone that an older update
   * cannot undo (the rule: `core/catalog/stampedChange.ts`). Bumps the version when a product was
   * written or removed. A call that wrote also drops the shop's tombstones written longer than
   * `TOMBSTONE_RETENTION_MS` ago (a bounded number, oldest first). Returns the ids whose product was
   * written or removed.
   */
  applyStampedChanges(shop: string, changes: readonly StampedChange[]): Promise<string[]>;
  /** Shops that have a catalog. */
  listCatalogShops(): Promise<string[]>;
  /**
   * Lets go of what the store keeps in memory of the shop's last {@link listProducts} (the products it
   * gives back again when their stored text is unchanged): the caller no longer holds the catalog.
   */
  forgetListing?(shop: string): void;
  /**
   * A counter per shop that every upsert increases, so that other processes and API nodes notice a
   * catalog change and reload their in-memory index. A shop's first version is the time it was first
   * written (ms), not 1: a catalog erased (shop/redact) and written again never restarts at a version
   * a process may still hold for the old one.
   */
  catalogVersions(): Promise<Record<string, number>>;
  /** Product links learned from events (`p:<numeric id>` → handle, `v:<variant id>` → product id; see core/catalog/productIdentity.ts). */
  productLinks(shop: string): Promise<Map<string, string>>;
  /** Adds or replaces learned product links. Not personal data: removed with the shop (shop/redact). */
  saveProductLinks(shop: string, links: readonly (readonly [string, string])[]): Promise<void>;
  /** A counter per shop that every {@link saveProductLinks} increases (other processes reload the links). */
  productLinksVersions(): Promise<Record<string, number>>;
}

/** What an erasure removed. */
export interface ErasureReport {
  /** Stored events removed (projected or not). */
  readonly events: number;
  /** 1 when a profile was removed, else 0 (summed over users by callers). */
  readonly profiles: number;
  /** Identity links removed (each link counted once). */
  readonly links: number;
}

/** Options of {@link PrivacyStore.eraseUser}. */
export interface EraseUserOptions {
  /** Keep the id's identity links (both directions); erase everything else. */
  readonly keepLinks?: boolean;
  /** When the erasure happens, epoch ms (its tombstone's time: see {@link PrivacyStore.erasedAt}); default now. */
  readonly at?: number;
}

/** A withdrawn shopper's consent as the store keeps it beyond any process (see {@link PrivacyStore.keepConsent}). */
export interface KeptConsent {
  /** The latest consent flags (a grant after the withdrawal replaces the refusal, and keeps `withdrawnAt`). */
  readonly consent: ConsentFlags;
  /** When the latest withdrawal was expressed, epoch ms. */
  readonly withdrawnAt: number;
  /** When this state was recorded, epoch ms. */
  readonly at: number;
}

/** Everything a store holds about one user id (a data-subject export). */
export interface UserExport {
  readonly shop: string;
  readonly userId: string;
  /** Ids linked to this one (directly or through other links), without `userId` itself. */
  readonly linkedIds: readonly string[];
  readonly profile?: RawProfile;
  /** Every stored event of the user, projected or not, oldest first. */
  readonly events: readonly UserEvent[];
  /** Recommendation lists served to the id and the outcomes attributed to it (docs/decisions/0002). */
  readonly attribution?: { readonly served: readonly ServedList[]; readonly outcomes: readonly Outcome[] };
}

/**
 * Data-subject operations: erasure, export and identity links. Both stores implement it and pass
 * `src/testing/privacyStoreContract.ts`.
 *
 * An erasure removes everything that names the user: events (also those not projected yet), profile
 * keys (features, recent items, purchases, meta), the per-user history, the deduplication markers of
 * the user's event ids and every identity link touching the id. Aggregates that name no user
 * (co-occurrence, popularity) are kept: they cannot be traced back to a shopper.
 */
export interface PrivacyStore {
  /**
   * Removes every record of one user id in one shop. Idempotent. With `keepLinks` (a consent
   * withdrawal), the id's identity links stay: they are the erasure index a later redaction of a
   * linked customer follows, and name no behaviour.
   */
  eraseUser(shop: string, userId: string, opts?: EraseUserOptions): Promise<ErasureReport>;
  /**
   * Removes the whole tenant: events, profiles, links, statistics, catalog, dedupe markers, and leaves
   * the shop's tombstone (erased `at`, default now). Idempotent.
   */
  eraseShop(shop: string, at?: number): Promise<void>;
  /**
   * When each of `ids` was last erased (`eraseUser`), or the whole shop (`eraseShop`) if later, epoch
   * ms, from the erasure tombstones (adapters/erasureTombstones.ts, kept a day); -1 when neither was.
   * Aligned with `ids`. The consent gate drops an event from before its shopper's erasure (a replay, an
   * outbox entry) instead of storing it again.
   */
  erasedAt(shop: string, ids: readonly string[]): Promise<number[]>;
  /**
   * Keeps the consent state of an id that withdrew consent (under a hash of shop and id, for
   * adapters/keptConsent.ts `CONSENT_KEEP_MS` after its last change), replacing the one kept before.
   * An erasure of the id keeps it (it names no behaviour, and it is what keeps the shopper's later
   * events out); erasing the shop removes it.
   */
  keepConsent(shop: string, userId: string, state: KeptConsent): Promise<void>;
  /** The kept consent states of `ids` (undefined: none kept), aligned with `ids`. */
  keptConsent(shop: string, ids: readonly string[]): Promise<(KeptConsent | undefined)[]>;
  /** Everything held about one user id. */
  exportUser(shop: string, userId: string): Promise<UserExport>;
  /**
   * Records that two ids are the same shopper (an anonymous client id and a customer id). Symmetric;
   * linking twice is a no-op. Links expire with the store's profile retention.
   */
  linkIdentity(shop: string, a: string, b: string): Promise<void>;
  /** Every id linked to `id`, transitively, without `id` itself, sorted. */
  linkedIds(shop: string, id: string): Promise<string[]>;
  /**
   * The ids linked to `id` by one link of its own (no walk: not the ids those are linked to), without
   * `id` itself, sorted. What a data request may disclose and what follows a shopper's own
   * market-scoped ids read, where a transitive walk would cross a device shared with another customer.
   */
  directLinks(shop: string, id: string): Promise<string[]>;
  /**
   * Users of a shop whose profile was last active before `before` (epoch ms), oldest first: `limit`
   * of them after skipping `offset` (for per-market retention sweeps).
   */
  usersLastSeenBefore(shop: string, before: number, limit: number, offset?: number): Promise<string[]>;
}

/** A store that also hosts the durable privacy job queue. */
export interface PrivacyQueueHost {
  /** The privacy job queue kept in the same database. */
  privacyQueue(): PrivacyJobQueue;
}

/**
 * Served recommendation lists and their attributed outcomes (docs/decisions/0002). Tenant data: the
 * owning store's `eraseUser`, `eraseShop`, `exportUser` and `sweep` cover it too. Writes are idempotent
 * (a list by its id, an outcome by its key), so a batch retried after a crash counts once.
 */
export interface AttributionStore {
  /**
   * Stores served lists; drops (and counts) each list served to an id, or assigned on one, that was
   * erased at or after the list's time (a list written late from another process's buffer).
   */
  recordServed(lists: readonly ServedList[]): Promise<number>;
  /** Stores outcomes whose key is new; returns how many were new. */
  recordOutcomes(outcomes: readonly Outcome[]): Promise<number>;
  /** The latest click of any of `userIds` on each of `productIds` with `since <= ts <= until`. */
  lastClicks(shop: string, userIds: readonly string[], productIds: readonly string[], since: number, until: number): Promise<Map<string, { recId: string; ts: number }>>;
  /** Lists served in `[from, to]`, oldest first. */
  servedBetween(shop: string, from: number, to: number): Promise<ServedList[]>;
  /** Outcomes that happened in `[from, to]`. */
  outcomesBetween(shop: string, from: number, to: number): Promise<Outcome[]>;
}

/** A store that also keeps attribution records. */
export interface AttributionHost {
  attribution(): AttributionStore;
}

/** The store `main.ts` wires: events, catalog, data-subject operations and the privacy queue. */
export type AffinityStore = UserEventStore & CatalogStore & PrivacyStore & PrivacyQueueHost & AttributionHost;

/** Kinds of queued privacy work. */
export const PRIVACY_JOB_KINDS = ['customers/data_request', 'customers/redact', 'shop/redact', 'consent/withdraw'] as const;
export type PrivacyJobKind = (typeof PRIVACY_JOB_KINDS)[number];

/** A queued piece of privacy work (a compliance webhook or a consent withdrawal). */
export interface PrivacyJob {
  readonly id: string;
  readonly shop: string;
  readonly kind: PrivacyJobKind;
  /** What to act on; emptied (`{}`) once the job is done, so no identifier outlives the work. */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly status: 'pending' | 'done';
  readonly attempts: number;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Summary written on completion (counts only, never identifiers). */
  readonly result?: Readonly<Record<string, unknown>>;
  /** Last failure message, when a run failed and the job waits for a retry. */
  readonly lastError?: string;
}

/** A new job. */
export interface NewPrivacyJob {
  readonly id: string;
  readonly shop: string;
  readonly kind: PrivacyJobKind;
  readonly payload: Readonly<Record<string, unknown>>;
  /**
   * Deduplication keys (a webhook id, a hash of the signed body…): while any of them is remembered, a
   * second job that names it is not queued. Each is remembered for its own `ttlMs`.
   */
  readonly dedupe?: readonly JobDedupeKey[];
}

/** A deduplication key of a job and how long the queue remembers it. */
export interface JobDedupeKey {
  readonly key: string;
  readonly ttlMs: number;
}

/**
 * A durable queue of privacy jobs plus the data exports they produce. A claimed job is leased: if the
 * worker dies, the job becomes claimable again when the lease ends (at-least-once; jobs are idempotent).
 */
export interface PrivacyJobQueue {
  /** Queues a job; `duplicate` when a job named one of its `dedupe` keys within that key's TTL (its id is returned). */
  enqueue(job: NewPrivacyJob, now: number): Promise<{ readonly id: string; readonly duplicate: boolean }>;
  /** Takes the oldest due job and leases it for `leaseMs`. */
  claim(now: number, leaseMs: number): Promise<PrivacyJob | undefined>;
  /** Marks a job done, stores its summary and empties its payload. */
  complete(id: string, result: Readonly<Record<string, unknown>>, now: number): Promise<void>;
  /** Records a failure; the job is due again at `retryAt`. */
  fail(id: string, error: string, retryAt: number, now: number): Promise<void>;
  getJob(id: string): Promise<PrivacyJob | undefined>;
  /** Jobs not done yet. */
  pendingCount(): Promise<number>;
  /**
   * Stores a data export (JSON) of `subject` (e.g. a customer id), readable by the shop until `expiresAt`.
   * `readsBegan` is when the export's reads began (epoch ms): if the shop was erased at or after it
   * (its shop tombstone, docs/privacy.md), the export was read before or during the erasure and is
   * dropped, nothing of it kept. Returns whether it was written.
   */
  putExport(shop: string, id: string, subject: string, doc: unknown, expiresAt: number, readsBegan: number): Promise<boolean>;
  /** An export, when it exists and belongs to `shop`. */
  getExport(shop: string, id: string, now: number): Promise<unknown | undefined>;
  /**
   * The ids of a subject's exports in `shop` that have not expired at `now`, newest first (how a merchant
   * finds the export of a customer's data request without the webhook's answer).
   */
  exportIdsOf(shop: string, subject: string, now: number): Promise<string[]>;
  /** Removes the exports of a subject (a redacted customer). Returns how many. */
  deleteExportsOf(shop: string, subject: string): Promise<number>;
  /** Removes every export and every finished job of a shop (shop redaction), except job `keepJobId`. */
  purgeShop(shop: string, keepJobId?: string): Promise<void>;
}
