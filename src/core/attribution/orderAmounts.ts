/**
 * The amounts of attributed order lines in a report's one currency: a line in the report's currency
 * counts as it is; a line in another currency counts converted when the configured markets state a
 * rate for it (`Market.exchangeRates`, composed by `marketRates`), and is then an estimate (Shopify
 * converts at checkout with its own rate); a line in a currency no rate converts is not summed, and
 * its amounts are kept apart per currency, so a group can say what it could not add ("1 order in EUR
 * not summed: €55.00") instead of reporting less revenue as if it were measured. Pure.
 *
 * An order is an order in any currency (orders, conversion and uplift count it, analytics.ts): only
 * its amounts depend on the currency.
 *
 * A line in another currency with no amount is not converted to a measured $0: the storefront pixel's
 * lines are held to the catalog (keylessAmounts.ts), and a line priced in a currency no variant of its
 * product is priced in keeps no amount. Such a line is kept apart as `withoutAmount`: its amount is
 * unknown, not zero.
 */
import { convertMoney } from '../money.ts';
import type { Outcome } from './servedList.ts';

/** Units of `to` per unit of `from` (the markets' configured rates); undefined when none is known. */
export type ExchangeRate = (from: string, to: string) => number | undefined;

/** Amounts of a group's order lines in one currency the report could not sum (minor units of `currency`). */
export interface NotSummed {
  readonly currency: string;
  /** Order lines in that currency. */
  readonly lines: number;
  /** Distinct orders those lines belong to. */
  readonly orders: number;
  /** Their attributed amount, minor units of `currency`. */
  readonly revenue: number;
  /** The influenced rest of those orders, minor units of `currency`. */
  readonly influenced: number;
  /** Of `lines`, those that state no amount (unknown, not 0): `revenue` leaves them out. */
  readonly withoutAmount: number;
}

/** How a group's attributed order lines entered `revenue` and `influenced`. */
export interface OrderLineAmounts {
  /** Lines whose amounts are in `revenue` (in the report's currency, or converted). */
  readonly summed: number;
  /** Of those, lines converted at a configured rate: `revenue` is then an estimate. */
  readonly converted: number;
  /** Lines in currencies no configured rate converts, per currency (none: empty). */
  readonly notSummed: readonly NotSummed[];
}

/** A line's amounts in the report's currency, or why they are not. */
export type LineAmounts = { readonly amount: number; readonly influenced: number; readonly converted: boolean; readonly rate?: number } | { readonly currency: string; readonly rate?: undefined };

/**
 * An order line's amount and influenced rest in `currency` (minor units): as they are when the line
 * states no currency or the report's (or the report has none); converted at `rate` when it knows the
 * pair; else the line's own currency, to be kept apart.
 */
export function lineAmounts(o: Outcome, currency: string | null, rate?: ExchangeRate): LineAmounts {
  const amount = o.amount ?? 0;
  const influenced = o.influenced ?? 0;
  const from = o.currency?.toUpperCase();
  if (!from || !currency || from === currency) return { amount, influenced, converted: false };
  // No amount to convert (the pixel's price was not in the catalog's currencies): unknown, kept apart.
  if (!(amount > 0)) return { currency: from };
  const r = rate?.(from, currency);
  if (r === undefined || !(r > 0) || !Number.isFinite(r)) return { currency: from };
  const to = (minor: number) => convertMoney({ amount: minor, currency: from }, r, currency).amount;
  return { amount: to(amount), influenced: to(influenced), converted: true, rate: r };
}

/** Collects one group's order lines that could not be summed, and counts those that were. */
export class OrderAmountsAcc {
  #summed = 0;
  #converted = 0;
  readonly #other = new Map<string, { lines: number; orders: Set<string>; revenue: number; influenced: number; withoutAmount: number }>();

  /** Counts a line whose amounts are in the report's sums (converted or not). */
  summed(converted: boolean): void {
    this.#summed += 1;
    if (converted) this.#converted += 1;
  }

  /** Keeps a line in `currency` apart (its order named `orderId`). */
  notSummed(o: Outcome, currency: string, orderId: string): void {
    let c = this.#other.get(currency);
    if (!c) this.#other.set(currency, (c = { lines: 0, orders: new Set(), revenue: 0, influenced: 0, withoutAmount: 0 }));
    c.lines += 1;
    if (!((o.amount ?? 0) > 0)) c.withoutAmount += 1;
    c.orders.add(orderId);
    c.revenue += o.amount ?? 0;
    c.influenced += o.influenced ?? 0;
  }

  /** Whether the group had order lines and none of them could be summed: its revenue is unknown, not 0. */
  get nothingSummed(): boolean {
    return this.#summed === 0 && this.#other.size > 0;
  }

  result(): OrderLineAmounts {
    const notSummed = [...this.#other]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([currency, c]) => ({ currency, lines: c.lines, orders: c.orders.size, revenue: c.revenue, influenced: c.influenced, withoutAmount: c.withoutAmount }));
    return { summed: this.#summed, converted: this.#converted, notSummed };
  }
}
