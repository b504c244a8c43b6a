/**
 * One order, one report: the order lines an analytics period counts when the same order was reported
 * by several events. Pure.
 *
 * A shop may send an order twice: the storefront pixel's `checkout_completed` (keyless, its amounts held
 * to the catalog, keylessAmounts.ts) and a server relaying Shopify's orders webhook with a key (the
 * authoritative amounts). Their event ids differ (keyless ids have their own namespace), so each
 * produced its own attributed lines, and summing both would count the order's revenue twice. Per order
 * id, only one event's lines count: a keyed event's over a keyless one's, else the earliest (time,
 * then event id). Keyless reports collapse only per shopper (a thank-you page shown twice): anyone can
 * send a keyless event with a real order's id and a backdated time, and it must not take the order
 * from the shopper who placed it. Orders without an order id are named by their event id and never
 * collide.
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
  const keyed = new Map<string, { event: string; ts: number }>();
  const keyless = new Map<string, { event: string; ts: number }>();
  const earlier = (c: { event: string; ts: number }, best: { event: string; ts: number } | undefined) => !best || c.ts < best.ts || (c.ts === best.ts && c.event < best.event);
  for (const o of outcomes) {
    const event = eventOf(o);
    if (event === undefined || o.orderId === undefined) continue;
    const c = { event, ts: o.ts };
    const [map, k] = isKeylessId(event) ? [keyless, `${o.orderId}\u0000${o.userId}`] : [keyed, o.orderId];
    if (earlier(c, map.get(k))) map.set(k, c);
  }
  return outcomes.filter((o) => {
    const event = eventOf(o);
    if (event === undefined || o.orderId === undefined) return true;
    const authoritative = keyed.get(o.orderId);
    if (authoritative) return authoritative.event === event;
    return keyless.get(`${o.orderId}\u0000${o.userId}`)?.event === event;
  });
}
