/**
 * The consent ledger: the latest consent state of each shopper this process has seen (at ingest or
 * through `POST /v1/consent`), with the market it was given in and what it allows. The recommender
 * wrapper reads it to keep unmergeable behaviour apart and the user id away from other parties.
 *
 * In memory, per process, bounded and expiring with the session: consent is re-sent by the pixel on
 * every batch, so a miss only means "decide from the request" (the default market's rules).
 */
import { LRUCache } from 'lru-cache';
import type { ConsentFlags } from '../../core/events/userEvent.ts';
import type { ConsentDecision, PrivacyRegime } from '../../core/privacy/consentPolicy.ts';

/** A shopper's consent state. */
export interface ConsentState {
  readonly consent?: ConsentFlags;
  /** Market handle the consent was given in. */
  readonly market: string;
  readonly regime: PrivacyRegime;
  readonly decision: ConsentDecision;
  /** Epoch ms. */
  readonly at: number;
  /** Whether something was stored since the last check that nothing is stored (withdrawals skip the check otherwise). */
  readonly stored: boolean;
  /**
   * When the shopper's latest withdrawal was expressed, epoch ms, on the clock their events carry (the
   * consent event's time, or the latest event of the batch that withdrew; receipt time without one). It
   * outlives a later grant: an event seen before it is never stored, and a grant expressed before it
   * (a request still in flight, an outbox entry) is stale (consentGate.ts).
   */
  readonly withdrawnAt?: number;
}

/** Latest consent states, keyed by shop and user id. */
export class ConsentLedger {
  readonly #states: LRUCache<string, ConsentState>;

  constructor(opts: { ttlMs: number; max?: number }) {
    this.#states = new LRUCache({ max: opts.max ?? 200_000, ttl: opts.ttlMs });
  }

  get(shop: string, userId: string): ConsentState | undefined {
    return this.#states.get(`${shop}\u0000${userId}`);
  }

  /** Records a state; `stored` sticks until a withdrawal check clears it, `withdrawnAt` until a later withdrawal. */
  set(shop: string, userId: string, state: Omit<ConsentState, 'stored'> & { stored?: boolean }): ConsentState {
    const prev = this.get(shop, userId);
    const withdrawnAt = state.withdrawnAt ?? prev?.withdrawnAt;
    const next: ConsentState = { ...state, stored: state.stored ?? prev?.stored ?? false, ...(withdrawnAt !== undefined ? { withdrawnAt } : {}) };
    this.#states.set(`${shop}\u0000${userId}`, next);
    return next;
  }

  delete(shop: string, userId: string): void {
    this.#states.delete(`${shop}\u0000${userId}`);
  }
}
