/**
 * The product a conversation was last about, for a price said relative to a product without naming
 * one ("something like the last one but cheaper", "something similar but cheaper?", "algo parecido
 * pero más barato"). The shopper means the product they were just looking at or talking about: the
 * one a turn discussed (`productId`) or named by its title (sessionContext.ts `product`), or the one
 * they viewed, added to the cart or bought in their current browsing session (recorded by track_event
 * or the pixel: the profile's session items), whichever came last. With none of them, "cheaper" has
 * nothing to be cheaper than: the answer must not claim it was held ({@link unanchoredOutcome}). Pure.
 * A conversation whose answer showed one product is about that product; after an answer of several,
 * "cheaper" compares with the cheapest of them (personalizedRecommender.ts, `SessionContext.shown`).
 */
import { isItemInterest, type EventType } from '../events/userEvent.ts';
import type { ConstraintOutcome } from './constraints.ts';

/** A product the shopper touched, as the profile's session items list them. */
export interface TouchedItem {
  readonly productId: string;
  readonly type: EventType;
  /** Epoch ms. */
  readonly ts: number;
}

/** What the conversation context says it is about ({@link SessionContext} `product`, `productAt`, `updatedAt`). */
export interface ConversationFocus {
  readonly product?: string;
  readonly productAt?: number;
  readonly updatedAt: number;
}

/**
 * The product the conversation was last about: the conversation's product or the shopper's latest
 * item of interest in their current session (`touched`: a view, a cart add, a checkout, a purchase; not
 * a rejection), whichever is more recent. `undefined`: none.
 */
export function conversationProduct(focus: ConversationFocus | undefined, touched: readonly TouchedItem[]): string | undefined {
  let best: { id: string; ts: number } | undefined;
  if (focus?.product !== undefined) best = { id: focus.product, ts: focus.productAt ?? focus.updatedAt };
  for (const t of touched) if (isItemInterest(t.type) && (best === undefined || t.ts > best.ts)) best = { id: t.productId, ts: t.ts };
  return best?.id;
}

/**
 * The outcome of a list for a price said relative to a product when there was no product to hold it
 * to: not satisfied, the price comparison `unchecked`, with a sentence saying so (added to the reason
 * of an outcome already relaxed). The list was ordered by price only, which "cheaper" alone does not
 * promise. `budgetHeld`: a budget said with a number ("entre 30 y 50 euros") was held to every item, so
 * it is not reported `unchecked`: only "cheaper" was not held, and the sentence says so.
 */
export function unanchoredOutcome(c: ConstraintOutcome, side: 'below' | 'above', budgetHeld = false): ConstraintOutcome {
  const word = side === 'below' ? 'cheaper' : 'more expensive';
  const sentence = `No product was discussed, named or viewed in this conversation to compare with, so "${word}" could not be held: these are only ordered by ${side === 'below' ? 'lower' : 'higher'} price. Name the product to compare with.`;
  // A budget said with a number that every item was held to is checked: only "cheaper" was not.
  const unchecked = budgetHeld ? (c.unchecked ?? []) : [...new Set([...(c.unchecked ?? []), 'budget' as const])];
  if (!c.satisfied) return { ...c, reason: c.reason ? `${c.reason} ${sentence}` : sentence, ...(unchecked.length > 0 ? { unchecked } : {}) };
  return { satisfied: false, relaxed: [], ...(unchecked.length > 0 ? { unchecked } : {}), reason: sentence };
}
