/**
 * The conversation events an agent can record, and how they map onto Affinity's event types.
 *
 * `rejected` ("not that one") has no event type of its own. It is stored as `remove_from_cart`, the one
 * mildly negative type (profile weight -1, no co-occurrence, not a recent item), with the event `name`
 * `rejected` so that it stays distinguishable from a real cart removal; `recommend_products` also
 * leaves rejected products out for that shopper. See docs/mcp.md ("How rejections are stored").
 */
import type { EventType } from '../core/events/userEvent.ts';
import type { UserEventStore } from '../core/ports.ts';

/** The verbs `track_event` accepts. */
export const AGENT_EVENTS = ['viewed', 'added_to_cart', 'purchased', 'rejected'] as const;

/** One of {@link AGENT_EVENTS}. */
export type AgentEvent = (typeof AGENT_EVENTS)[number];

/** Stored event type of each verb. */
export const AGENT_EVENT_TYPE: Readonly<Record<AgentEvent, EventType>> = Object.freeze({
  viewed: 'view',
  added_to_cart: 'add_to_cart',
  purchased: 'purchase',
  rejected: 'remove_from_cart',
});

/** Event `name` of a stored rejection. */
export const REJECTED_EVENT_NAME = 'rejected';

/** How many of a shopper's newest events are searched for rejections. */
export const REJECTION_LOOKBACK = 200;

/**
 * Products the agent recorded as rejected for this shopper (newest {@link REJECTION_LOOKBACK} events),
 * by catalog id: `canonical` resolves the id the event was recorded under (numeric, GID, variant,
 * handle: as the agent named it) to the id lists are made of.
 */
export async function rejectedProducts(store: UserEventStore, shop: string, userId: string, canonical: (id: string) => string | undefined): Promise<Set<string>> {
  const out = new Set<string>();
  for (const e of await store.getUserEvents(shop, userId, REJECTION_LOOKBACK)) {
    if (e.source === 'agent' && e.name === REJECTED_EVENT_NAME) for (const it of e.items) out.add(canonical(it.productId) ?? it.productId);
  }
  return out;
}
