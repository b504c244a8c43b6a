/**
 * Two lines of one product in one event, as one line: their quantities added, and their unit price
 * what both lines cost over their units (two variants of a product at different prices, or one product
 * named by two ids). Pure.
 */
import type { EventItem } from './userEvent.ts';

/** `a` and `b` (the same product) as one line, named as `a` is. */
export function mergeItem(a: EventItem, b: EventItem): EventItem {
  return { ...a, quantity: a.quantity + b.quantity, ...mergedPrice(a, b) };
}

/** The unit price of two lines of one product merged: their total over their units, when both are priced in one currency. */
function mergedPrice(a: EventItem, b: EventItem): Pick<EventItem, 'price'> {
  if (!a.price || !b.price || a.price.currency !== b.price.currency) return a.price ? { price: a.price } : {};
  const total = a.price.amount * a.quantity + b.price.amount * b.quantity;
  return { price: { amount: Math.round(total / (a.quantity + b.quantity)), currency: a.price.currency } };
}
