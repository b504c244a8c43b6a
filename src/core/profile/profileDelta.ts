/**
 * What the projector writes about one user, and what the store gives back.
 * Feature values are decay-forward sums (see `decay.ts`), so deltas from any number of writers add up.
 */
import type { EventType } from '../events/userEvent.ts';

/** A product the user touched recently. */
export interface RecentItem {
  readonly productId: string;
  readonly type: EventType;
  /** Epoch ms of the latest such event. */
  readonly ts: number;
}

/** Increments for one user, produced by folding a batch of that user's events. */
export interface ProfileDelta {
  readonly shop: string;
  readonly userId: string;
  /**
   * Feature increments, decay-forward against `DECAY_REFERENCE_MS`. Keys are namespaced:
   * `cat:<category>`, `type:<product type>`, `vendor:<vendor>`, `tag:<tag>`, `price:sum` (weighted log
   * price), `price:w` (its weight), `n:<event type>` (weighted counts).
   */
  readonly features: Readonly<Record<string, number>>;
  /** Recent items to record (the store keeps the latest ts per product and type, and caps the list). */
  readonly recent: readonly RecentItem[];
  /** Products bought. */
  readonly purchased: readonly string[];
  /** Number of events folded. */
  readonly events: number;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly customerId?: string;
}

/** A user's stored state as the store returns it. */
export interface RawProfile {
  readonly shop: string;
  readonly userId: string;
  readonly features: Readonly<Record<string, number>>;
  /** Newest first, at most {@link RECENT_CAP}. */
  readonly recent: readonly RecentItem[];
  readonly purchased: readonly string[];
  readonly eventCount: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly customerId?: string;
}

/** How many recent (product, type) entries a profile keeps. */
export const RECENT_CAP = 100;
