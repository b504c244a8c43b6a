/**
 * The conversation events an agent can record, and how they map onto Affinity's event types.
 *
 * `rejected` ("not that one") has no event type of its own. It is stored as `remove_from_cart`, the one
 * mildly negative type (profile weight -1, no co-occurrence, not a recent item), with the event `name`
 * `rejected` so that it stays distinguishable from a real cart removal; `recommend_products` also
 * leaves rejected products out for that shopper. See docs/mcp.md ("How rejections are stored").
 */
import type { EventType, UserEvent } from '../core/events/userEvent.ts';
import type { UserEventStore } from '../core/ports.ts';
import type { AppContext } from '../features/appContext.ts';

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

/** What {@link rejectedProducts} reads: the stored events, where the shopper's are stored, and the session-only memory. */
export interface RejectionSources {
  readonly store: UserEventStore;
  /** The id the shopper's events are stored under (`<id>@<market>` when their consent keeps markets apart). */
  readonly storedKey?: (shop: string, userId: string) => Promise<string>;
  /** Events held in memory for a shopper whose consent does not allow storage. */
  readonly sessionEvents?: (shop: string, userId: string) => readonly UserEvent[];
}

/**
 * Products the agent recorded as rejected for this shopper (newest {@link REJECTION_LOOKBACK} events),
 * by catalog id: `canonical` resolves the id the event was recorded under (numeric, GID, variant,
 * handle: as the agent named it) to the id lists are made of. Read wherever the shopper's consent put
 * them: stored under the id or its market-scoped form, or held in session-only memory (a GDPR shopper
 * without consent: "not that one" holds for the visit).
 */
export async function rejectedProducts(sources: RejectionSources, shop: string, userId: string, canonical: (id: string) => string | undefined): Promise<Set<string>> {
  const stored = (await sources.storedKey?.(shop, userId)) ?? userId;
  const ids = stored === userId ? [userId] : [userId, stored];
  const lists = await Promise.all(ids.map((id) => sources.store.getUserEvents(shop, id, REJECTION_LOOKBACK)));
  const out = new Set<string>();
  for (const e of [...lists.flat(), ...(sources.sessionEvents?.(shop, userId) ?? [])]) {
    if (e.source === 'agent' && e.name === REJECTED_EVENT_NAME) for (const it of e.items) out.add(canonical(it.productId) ?? it.productId);
  }
  return out;
}

/** The rejection sources of the app's context. */
export function rejectionSources(ctx: Pick<AppContext, 'store' | 'recommender' | 'sessionEvents'>): RejectionSources {
  const storedKey = ctx.recommender.profileUserId?.bind(ctx.recommender);
  return { store: ctx.store, ...(storedKey ? { storedKey } : {}), ...(ctx.sessionEvents ? { sessionEvents: ctx.sessionEvents } : {}) };
}
