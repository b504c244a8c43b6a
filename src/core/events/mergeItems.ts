/**
 * Two lines of one product in one event, as one line: their quantities added, and their unit price
 * what both lines cost over their units (two variants of a product at different prices, or one product
 * named by two ids). Pure.
 */
import { lineAmount, type EventItem } from './userEvent.ts';

/** `a` and `b` (the same product) as one line, named as `a` is. */
export function mergeItem(a: EventItem, b: EventItem): EventItem {
  const { lineTotal: _a, ...named } = a;
  return { ...named, quantity: a.quantity + b.quantity, ...mergedPrice(a, b) };
}

/**
 * The price of two lines of one product merged: when both are priced in one currency, their total over
 * their units, and the total itself when the rounded unit price times the units would miss it.
 */
function mergedPrice(a: EventItem, b: EventItem): Pick<EventItem, 'price' | 'lineTotal'> {
  // Otherwise the merged units all count at `a`'s unit price, as they did before totals were kept.
  if (!a.price || !b.price || a.price.currency !== b.price.currency) return a.price ? { price: a.price } : {};
  const total = lineAmount(a) + lineAmount(b);
  const units = a.quantity + b.quantity;
  const amount = Math.round(total / units);
  return { price: { amount, currency: a.price.currency }, ...(amount * units !== total ? { lineTotal: total } : {}) };
}
