/**
 * The amounts of an event nobody vouches for, held to the catalog before they are attributed. Pure.
 *
 * A keyless batch (the storefront pixel path, docs/security.md) can be sent by anyone who copies a
 * shop's origin: its prices and quantities are whatever the sender wrote. Revenue is the merchant's
 * decision figure, so such an event's lines count at most what the shop could have charged:
 *
 * - a line's unit price is at most the highest price of a variant of that product in the line's
 *   currency, as the catalog lists it (a lower price, a discount, counts as sent);
 * - in a currency no variant is priced in (a market's order, a CSV catalog with one currency), at most
 *   that highest price converted at the markets' rates, with {@link CONVERTED_CAP_SLACK} more for the
 *   shop's own rate, rounding and market price adjustments;
 * - a line of a product the catalog does not know, or in a currency neither listed nor convertible,
 *   adds no amount (the line, and its order, still count);
 * - a line's quantity counts at most {@link MAX_KEYLESS_QUANTITY} units.
 *
 * What a forger can still do (count fake orders at real prices) is in docs/security.md, "What is not
 * defended". Events sent with a key (a server relaying Shopify's orders webhook, an agent) are trusted
 * as sent and never pass here.
 */
import type { Product } from '../catalog/product.ts';
import type { EventItem, UserEvent } from '../events/userEvent.ts';
import { convertMoney } from '../money.ts';
import type { ExchangeRate } from './orderAmounts.ts';

/**
 * The prefix of a keyless event's id: recordEvents.ts (`KEYLESS_EVENT_ID_PREFIX`, the same string,
 * pinned by a test) stores a keyless batch's events in this namespace, so the core can tell them apart.
 */
export const KEYLESS_ID_PREFIX = 'pixel:';

/** Whether an event id (or an outcome key, which starts with its event's id) is a keyless event's. */
export function isKeylessId(id: string): boolean {
  return id.startsWith(KEYLESS_ID_PREFIX);
}

/**
 * Most units of one line a keyless event counts. A storefront order line above it is rare (a real
 * bulk order is better reported by the orders webhook, with a key); a forged line is bounded to it.
 */
export const MAX_KEYLESS_QUANTITY = 20;

/**
 * How far above the catalog's converted price a line in another currency may be: Shopify converts at its
 * own rate, rounds market prices (to .99, say) and may raise a market's prices by a percentage.
 */
export const CONVERTED_CAP_SLACK = 0.25;

/** Highest price of a variant of `p` in `currency` (minor units), when a variant is priced in it. */
export function highestVariantPrice(p: Product, currency: string): number | undefined {
  const c = currency.toUpperCase();
  let best: number | undefined;
  for (const v of p.variants) if (v.price.currency.toUpperCase() === c && (best === undefined || v.price.amount > best)) best = v.price.amount;
  return best;
}

/**
 * One item held to the catalog (the same object when nothing changes). A line total the payload
 * stated is kept while the line is counted as sent, and at most the capped price times the units.
 */
function heldItem(it: EventItem, product: (id: string) => Product | undefined, rate?: ExchangeRate): EventItem {
  const quantity = Math.min(it.quantity, MAX_KEYLESS_QUANTITY);
  let price = it.price;
  let cap: number | undefined;
  if (price) {
    const p = product(it.productId);
    cap = p ? (highestVariantPrice(p, price.currency) ?? convertedCap(p, price.currency, rate)) : undefined;
    if (cap === undefined) price = undefined;
    else if (price.amount > cap) price = { amount: cap, currency: price.currency };
  }
  const lineTotal = price === it.price && quantity === it.quantity && it.lineTotal !== undefined && cap !== undefined ? Math.min(it.lineTotal, cap * quantity) : undefined;
  if (quantity === it.quantity && price === it.price && lineTotal === it.lineTotal) return it;
  const { price: _dropped, lineTotal: _total, ...rest } = it;
  return { ...rest, quantity, ...(price ? { price } : {}), ...(lineTotal !== undefined ? { lineTotal } : {}) };
}

/** The cap of a line in a currency no variant is priced in: the highest variant price converted, with the slack. */
function convertedCap(p: Product, currency: string, rate: ExchangeRate | undefined): number | undefined {
  if (!rate) return undefined;
  const to = currency.toUpperCase();
  let best: number | undefined;
  for (const v of p.variants) {
    const r = rate(v.price.currency.toUpperCase(), to);
    if (r === undefined || !(r > 0) || !Number.isFinite(r)) continue;
    const c = convertMoney(v.price, r, to).amount;
    if (best === undefined || c > best) best = c;
  }
  return best === undefined ? undefined : Math.ceil(best * (1 + CONVERTED_CAP_SLACK));
}

/**
 * `e` with every item's unit price and quantity held to the catalog (`product` looks a canonical
 * product id up in the event's shop's catalog; `rate`, the markets' rates, for lines in a currency
 * the catalog lists no price in). The same object when nothing changes.
 */
export function heldToCatalog(e: UserEvent, product: (id: string) => Product | undefined, rate?: ExchangeRate): UserEvent {
  let changed = false;
  const items = e.items.map((it) => {
    const h = heldItem(it, product, rate);
    if (h !== it) changed = true;
    return h;
  });
  return changed ? { ...e, items } : e;
}

