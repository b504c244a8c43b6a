/**
 * The consent gate of a stateless node: the shoppers' session memory and consent states are read
 * from Redis before the gate decides, and its writes are in Redis before the caller is answered
 * (`sharedSessionState.ts`), so an event or consent signal acknowledged by one node is seen by all.
 * Events of a gift conversation held by any node (`sharedConversations.ts`) are marked on the way in.
 */
import type { ConsentFlags, UserEvent } from '../core/events/userEvent.ts';
import type { MarketHints } from '../core/markets/marketRegistry.ts';
import type { AppendResult } from '../core/ports.ts';
import { ConsentGate, type ConsentGateOptions, type ConsentOutcome, type ConsentSource } from '../features/privacy/consentGate.ts';
import type { SharedConversations } from './sharedConversations.ts';
import { WRITE_PATH_BUDGET_MS, type SharedSessionState } from './sharedSessionState.ts';

/** {@link ConsentGate} over state shared through Redis. */
export class StatelessConsentGate extends ConsentGate {
  readonly #shared: SharedSessionState;
  readonly #conversations: SharedConversations | undefined;
  readonly #clock: () => number;

  constructor(opts: ConsentGateOptions & { readonly shared: SharedSessionState; readonly conversations?: SharedConversations }) {
    super({ ...opts, sessions: opts.shared.sessions, ledger: opts.shared.ledger });
    this.#shared = opts.shared;
    this.#conversations = opts.conversations;
    this.#clock = opts.clock;
  }

  /** Runs `work` (consent signals, appends) as one unit for these shoppers: one read, one flush (`recordEvents.ts`). */
  unit<T>(shoppers: readonly { readonly shop: string; readonly userId: string }[], work: () => Promise<T>): Promise<T> {
    return this.#shared.unit(shoppers, work);
  }

  override async append(events: readonly UserEvent[]): Promise<AppendResult> {
    // On the write path a shopper's state must be read: a stale `stored` flag would skip an erasure.
    // The conversations are read while the shoppers are hydrated.
    const conversations = this.#conversations;
    const marked = conversations ? conversations.circuit.write(() => conversations.markEvents(events, this.#clock()), WRITE_PATH_BUDGET_MS, 'read the conversations') : Promise.resolve(events);
    marked.catch(() => {}); // a failure is the unit's, below
    return this.#shared.unit(
      events.map((e) => ({ shop: e.shop, userId: e.userId })),
      async () => super.append(await marked),
    );
  }

  override async recordConsent(shop: string, userId: string, consent: ConsentFlags, where: MarketHints, source?: ConsentSource, at?: number): Promise<ConsentOutcome> {
    return this.#shared.unit([{ shop, userId }], () => super.recordConsent(shop, userId, consent, where, source, at));
  }
}
