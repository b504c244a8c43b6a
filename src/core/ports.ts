/**
 * Ports: the interfaces the core owns and adapters implement. Each has an SQLite (embedded) and a
 * Redis implementation, and both pass one contract suite (`src/testing/userEventStoreContract.ts`).
 */
import type { Product } from './catalog/product.ts';
import type { UserEvent } from './events/userEvent.ts';
import type { ProfileDelta, RawProfile } from './profile/profileDelta.ts';
import type { StatsDelta } from './recommend/statsDelta.ts';

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
 * Durable storage of user events and the state derived from them.
 *
 * Writes come in two steps: `append` stores raw events durably (an HTTP 2xx is sent only after it
 * resolves), and the projector later reads them with `readUnprojected`, folds them into profiles and
 * item statistics and calls `applyProjection`, which must apply the deltas and mark the events as
 * projected atomically.
 */
export interface UserEventStore {
  /** Human-readable adapter name (`sqlite`, `redis`). */
  readonly kind: string;
  /** Durably stores events, ignoring ids already stored for the same shop. */
  append(events: readonly UserEvent[]): Promise<AppendResult>;
  /** Events appended but not yet projected, oldest first, at most `limit`. */
  readUnprojected(limit: number): Promise<LoggedEvent[]>;
  /** Applies profile and statistics deltas and marks `seqs` projected, atomically. */
  applyProjection(batch: ProjectionBatch): Promise<void>;
  /** Raw profile of one user (decayed-forward feature sums, recent items); `undefined` when unknown. */
  getProfile(shop: string, userId: string): Promise<RawProfile | undefined>;
  /** Raw profiles of many users in one round trip; the result is aligned with `userIds`. */
  getProfiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]>;
  /** Recent events of a user, newest first. */
  getUserEvents(shop: string, userId: string, limit: number): Promise<UserEvent[]>;
  /** Co-occurrence neighbours of several items in one round trip (strongest first, `limit` each). */
  getNeighbours(shop: string, productIds: readonly string[], limit: number): Promise<Map<string, Neighbour[]>>;
  /**
   * Top items of one epoch of a decayed counter (`popular` or `trending`), strongest first; weights are
   * decay-forward against the epoch's start (the caller merges the current and the previous epoch).
   */
  getTop(shop: string, counter: 'popular' | 'trending', epoch: number, limit: number): Promise<Neighbour[]>;
  /** Every shop that has events, for the demo and admin views. */
  listShops(): Promise<string[]>;
  /** Removes what has outlived its retention (stores with native TTLs may do nothing). Returns users removed. */
  sweep(now: number): Promise<number>;
  /** Whether the backing store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The deltas of a projected batch. */
export interface ProjectionBatch {
  readonly seqs: readonly string[];
  readonly profiles: readonly ProfileDelta[];
  readonly stats: readonly StatsDelta[];
}

/** Durable catalog storage, per shop. */
export interface CatalogStore {
  upsertProducts(shop: string, products: readonly Product[]): Promise<void>;
  listProducts(shop: string): Promise<Product[]>;
  /** Shops that have a catalog. */
  listCatalogShops(): Promise<string[]>;
  /**
   * A counter per shop that every upsert increases, so that other processes and API nodes notice a
   * catalog change and reload their in-memory index.
   */
  catalogVersions(): Promise<Record<string, number>>;
}
