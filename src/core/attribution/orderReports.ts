/**
 * One order, one report: the order lines an analytics period counts when the same order was reported
 * by several events. Pure.
 *
 * A shop may send an order twice: the storefront pixel's `checkout_completed` (keyless, its amounts held
 * to the catalog, keylessAmounts.ts) and a server relaying Shopify's orders webhook with a key (the
 * authoritative amounts). Their event ids differ (keyless ids have their own namespace), so each
 * produced its own attributed lines, and summing both would count the order's revenue twice. Per order
 * id, only one event's lines count: a keyed event's over a keyless one's, else the earliest (time,
 * then event id). Orders without an order id are named by their event id and never collide.
 */
import { isKeylessId } from './keylessAmounts.ts';
import type { Outcome } from './servedList.ts';

/** The id of the event an order line came from (its key is `<event id>|order|<product id>`, outcomes.ts), if it has that form. */
function eventOf(o: Outcome): string | undefined {
  const suffix = `|order|${o.productId ?? ''}`;
  return o.kind === 'order' && o.orderId !== undefined && o.key.endsWith(suffix) ? o.key.slice(0, -suffix.length) : undefined;
}

/**
 * `outcomes` without the order lines of an order's other reports (everything else as it is, in order).
 * A line whose key does not name its event is kept as it is.
 */
export function onePerOrder(outcomes: readonly Outcome[]): Outcome[] {
  const chosen = new Map<string, { event: string; keyed: boolean; ts: number }>();
  for (const o of outcomes) {
    const event = eventOf(o);
    if (event === undefined || o.orderId === undefined) continue;
    const c = { event, keyed: !isKeylessId(event), ts: o.ts };
    const best = chosen.get(o.orderId);
    if (!best || (c.keyed && !best.keyed) || (c.keyed === best.keyed && (c.ts < best.ts || (c.ts === best.ts && c.event < best.event)))) chosen.set(o.orderId, c);
  }
  return outcomes.filter((o) => {
    const event = eventOf(o);
    return event === undefined || o.orderId === undefined || chosen.get(o.orderId)?.event === event;
  });
}
