/**
 * Which stored (canonical) events say something about a served list:
 *
 * - `affinity:recommendations_viewed` (the theme block's custom event, `rec` = its `list`): the list was seen;
 * - a product view whose page URL carried `aff_rec` (`rec`): a click on that product of that list;
 * - add-to-cart and purchase lines of a product the same shopper clicked in a list within the window:
 *   attributed to the last such click; a purchase's other lines (its unattributed rest) are
 *   "influenced" revenue, counted once per order: for the list of the latest click among the order's
 *   attributed lines (two lists that each won a line do not both claim the rest).
 *
 * The same shopper may be stored under several ids (a client id and its market-scoped id, a customer
 * id linked to it): a click counts for the purchases of every id linked to the one it was made under,
 * whether or not the click and the purchase arrive in one batch.
 *
 * Pure: the clicks stored before the batch come in as `lastClick`, looked up by the caller.
 */
import { lineAmount, type UserEvent } from '../events/userEvent.ts';
import type { Outcome } from './servedList.ts';

/** Custom pixel event the theme block publishes when a list enters the viewport. */
export const LIST_VIEWED_EVENT = 'affinity:recommendations_viewed';

/** A click as the attribution needs it. */
export interface Click {
  readonly recId: string;
  readonly ts: number;
}

/** Products of cart and order events, by shopper, whose last click the caller must look up. */
export function productsToAttribute(events: readonly UserEvent[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of events) {
    if (e.type !== 'add_to_cart' && e.type !== 'purchase') continue;
    const s = out.get(e.userId) ?? new Set<string>();
    for (const it of e.items) s.add(it.productId);
    out.set(e.userId, s);
  }
  return out;
}

/**
 * Outcomes of a batch. `lastClick(userId, productId, before)` is the latest stored click within the
 * window before `before` (of `userId` and the ids linked to it); `idsOf(userId)` are the ids the
 * shopper behind `userId` is stored under (itself included; default: only itself), so that a click of
 * this batch under one of them counts for a purchase under another. `windowMs` bounds those clicks too.
 */
export function outcomesOf(
  events: readonly UserEvent[],
  lastClick: (userId: string, productId: string, before: number) => Click | undefined,
  idsOf: (userId: string) => readonly string[] = (u) => [u],
  windowMs = Number.POSITIVE_INFINITY,
): Outcome[] {
  const out: Outcome[] = [];
  // Clicks of this batch count for the carts and orders that follow them in it.
  const fresh = new Map<string, Click>();
  const clickOf = (u: string, p: string, ts: number): Click | undefined => {
    let best = lastClick(u, p, ts);
    for (const id of idsOf(u)) {
      const a = fresh.get(`${id}\u0000${p}`);
      if (a && a.ts <= ts && a.ts >= ts - windowMs && (!best || a.ts >= best.ts)) best = a;
    }
    return best;
  };
  for (const e of [...events].sort((x, y) => x.ts - y.ts)) {
    const base = { shop: e.shop, ts: e.ts, userId: e.userId };
    if (e.name === LIST_VIEWED_EVENT && e.rec) {
      out.push({ ...base, key: `${e.id}|view`, recId: e.rec, kind: 'view' });
    } else if (e.type === 'view' && e.rec && e.items[0]) {
      const productId = e.items[0].productId;
      out.push({ ...base, key: `${e.id}|click|${productId}`, recId: e.rec, kind: 'click', productId });
      fresh.set(`${e.userId}\u0000${productId}`, { recId: e.rec, ts: e.ts });
    } else if (e.type === 'add_to_cart' || e.type === 'purchase') {
      const kind = e.type === 'purchase' ? 'order' : 'cart';
      const lines: Outcome[] = [];
      let rest = 0;
      // The line whose click was the latest: its list alone is credited with the order's rest.
      let last = -1;
      let lastTs = Number.NEGATIVE_INFINITY;
      for (const it of e.items) {
        const amount = lineAmount(it);
        const click = clickOf(e.userId, it.productId, e.ts);
        if (!click) {
          rest += amount;
          continue;
        }
        if (click.ts >= lastTs) {
          last = lines.length;
          lastTs = click.ts;
        }
        const currency = it.price?.currency ?? e.currency;
        lines.push({
          ...base,
          key: `${e.id}|${kind}|${it.productId}`,
          recId: click.recId,
          kind,
          productId: it.productId,
          amount,
          ...(currency ? { currency } : {}),
          ...(kind === 'order' ? { orderId: e.orderId ?? e.id } : {}),
        });
      }
      if (kind === 'order' && rest > 0 && last >= 0) {
        // The order's other lines were influenced by the list clicked last: recorded once, on its line.
        lines[last] = { ...(lines[last] as Outcome), influenced: rest };
      }
      out.push(...lines);
    }
  }
  return out;
}
