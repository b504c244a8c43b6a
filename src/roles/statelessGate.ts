/**
 * The consent gate of a stateless node: the shoppers' session memory and consent states are read
 * from Redis before the gate decides, and its writes are in Redis before the caller is answered
 * (`sharedSessionState.ts`), so an event or consent signal acknowledged by one node is seen by all.
 * Events of a gift conversation held by any node (`sharedConversations.ts`) are marked on the way in.
 */
import type { ConsentFlags, UserEvent } from '../core/events/userEvent.ts';
import type { MarketHints } from '../core/markets/marketRegistry.ts';
import type { AppendResult } from '../core/ports.ts';
import { ConsentGate, type ConsentGateOptions, type ConsentOutcome, type ConsentSource } from '../app/privacy/consentGate.ts';
import type { SharedConversations } from './sharedConversations.ts';
import { within, WRITE_PATH_BUDGET_MS, type SharedSessionState } from './sharedSessionState.ts';

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

  override async append(events: readonly UserEvent[]): Promise<AppendResult> {
    // On the write path a shopper's state must be read: a stale `stored` flag would skip an erasure.
    const [, marked] = await Promise.all([
      this.#shared.hydrate(events.map((e) => ({ shop: e.shop, userId: e.userId })), WRITE_PATH_BUDGET_MS),
      this.#conversations ? within(this.#conversations.markEvents(events, this.#clock()), WRITE_PATH_BUDGET_MS, 'read the conversations') : events,
    ]);
    try {
      return await super.append(marked);
    } finally {
      await this.#shared.flush();
    }
  }

  override async recordConsent(shop: string, userId: string, consent: ConsentFlags, where: MarketHints, source?: ConsentSource): Promise<ConsentOutcome> {
    await this.#shared.hydrate([{ shop, userId }], WRITE_PATH_BUDGET_MS);
    try {
      return await super.recordConsent(shop, userId, consent, where, source);
    } finally {
      await this.#shared.flush();
    }
  }
}
