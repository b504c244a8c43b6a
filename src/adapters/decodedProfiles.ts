/**
 * The request path's decoded profiles, shared by the stores' profile reads: a profile document is
 * read from the store on every request, but decoded only when its text is not the one decoded last
 * time for that shopper (then the same frozen profile object is returned, which lets the recommender
 * keep what it derived from it; `features/recommend/profileViews.ts`).
 *
 * Bounded in bytes ({@link SHARED_PROFILE_TEXT_BUDGET}) and in time: an entry not used for
 * {@link DECODED_PROFILE_IDLE_MS} is dropped, so the decoded profile of a shopper erased through another
 * process leaves this process's memory within that time even if this process never reads the shopper
 * again (a read after the erasure finds no document and drops the entry at once). Nothing stale is ever
 * served: the stored text is compared on every read.
 */
import { LRUCache } from 'lru-cache';
import type { RawProfile } from '../core/profile/profileDelta.ts';
import { SHARED_PROFILE_TEXT_BUDGET } from '../core/profile/frozenProfile.ts';

/** How long an unused decoded profile stays in memory, ms. */
export const DECODED_PROFILE_IDLE_MS = 10 * 60_000;
/** How often entries past their idle time are swept out (on the next access), ms. */
const SWEEP_EVERY_MS = 60_000;

/** Decoded profiles by shop and user, each with the document text it was decoded from. */
export class DecodedProfiles {
  readonly #cache: LRUCache<string, { readonly doc: string; readonly profile: RawProfile }>;
  readonly #now: () => number;
  #sweptAt: number;

  /** `now`: a monotonic clock in ms (tests pass their own). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#sweptAt = now();
    this.#cache = new LRUCache({
      maxSize: SHARED_PROFILE_TEXT_BUDGET,
      sizeCalculation: (d) => d.doc.length + 64,
      ttl: DECODED_PROFILE_IDLE_MS,
      updateAgeOnGet: true,
      ttlResolution: 0,
      perf: { now },
    });
  }

  /** The profile decoded from exactly this text, if held. */
  get(shop: string, userId: string, doc: string): RawProfile | undefined {
    this.#sweep();
    const held = this.#cache.get(keyOf(shop, userId));
    return held !== undefined && held.doc === doc ? held.profile : undefined;
  }

  /** Holds a profile decoded from `doc` (frozen: callers share it). */
  set(shop: string, userId: string, doc: string, profile: RawProfile): void {
    this.#cache.set(keyOf(shop, userId), { doc, profile });
  }

  /** Drops a shopper whose document is gone. */
  delete(shop: string, userId: string): void {
    this.#cache.delete(keyOf(shop, userId));
  }

  /** How many profiles are held (for tests). */
  get size(): number {
    return this.#cache.size;
  }

  /** Drops the entries past their idle time, at most once per {@link SWEEP_EVERY_MS}. */
  #sweep(): void {
    const now = this.#now();
    if (now - this.#sweptAt < SWEEP_EVERY_MS) return;
    this.#sweptAt = now;
    this.#cache.purgeStale();
  }
}

function keyOf(shop: string, userId: string): string {
  return `${shop}\u0000${userId}`;
}
