// Amounts a report could only partly add up (docs/dashboard.md, "What the revenue figures are"). Pure (no
// DOM): the page shows these texts and format.unit.test.ts holds them to the rule "nothing measured is
// unknown, not zero".
//
// A group's order lines in another currency than the report's are summed converted when the markets
// configure a rate (the amount is then an estimate, "≈"), else kept apart per currency
// (`orderLines.notSummed`): the group's revenue leaves them out and says so, and a group whose order lines
// were all left out has no revenue measured in the report's currency: "—", not $0.00.

import { count, money, UNKNOWN } from './format.js';

/** "1 order" / "2 orders". */
export const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;

/** Whether a group had order lines and none could be summed in the report's currency. */
export const nothingSummed = (g) => !!g.orderLines && g.orderLines.summed === 0 && g.orderLines.notSummed.length > 0;

/** "≈ " when some of the group's amounts were converted at a configured rate. */
const approx = (g) => (g.orderLines?.converted > 0 ? '≈ ' : '');

/** A group's amount (`revenue` or `influenced`): UNKNOWN when nothing could be summed, "≈ $59.78" when partly converted. */
export function amountText(g, field, currency) {
  if (nothingSummed(g)) return UNKNOWN;
  return `${approx(g)}${money(g[field], currency)}`;
}

/** What a group left out of one currency's amount: "€55.00", "no amount known", "€55.00 + 1 line without amount". */
function leftOut(n) {
  const unknown = n.withoutAmount ?? 0;
  if (unknown >= n.lines) return 'no amount known';
  return `${money(n.revenue, n.currency)}${unknown ? ` + ${plural(unknown, 'line', 'lines')} without amount` : ''}`;
}

/** What a group could not sum, per currency: "1 order in EUR not summed (€55.00)"; '' when nothing. */
export function notSummedText(g) {
  const parts = (g.orderLines?.notSummed ?? []).map((n) => `${plural(n.orders, 'order', 'orders')} in ${n.currency} not summed (${leftOut(n)})`);
  return parts.join('; ');
}

/** A group's conversions at a configured rate: "1 line converted at a market rate (estimate)"; '' when none. */
export function convertedText(g) {
  const n = g.orderLines?.converted ?? 0;
  return n ? `${plural(n, 'line', 'lines')} converted at a market rate (estimate)` : '';
}

/**
 * The report's currency note for the page's heading: "1 order line in EUR not summed", "3 order lines in
 * BDT, EUR not summed", "2 order lines converted at the markets' rates (EUR 1 = 1.087 USD)"; '' when every
 * line was in the report's currency.
 */
export function currencyNote(report) {
  const notes = [];
  if (report.otherCurrencyLines) {
    const currencies = [...new Set(report.groups.flatMap((g) => (g.orderLines?.notSummed ?? []).map((n) => n.currency)))].sort();
    notes.push(`${plural(report.otherCurrencyLines, 'order line', 'order lines')} in ${currencies.join(', ') || 'other currencies'} not summed (no exchange rate configured)`);
  }
  if (report.convertedLines) {
    const rates = Object.entries(report.exchangeRates ?? {}).map(([c, r]) => `${c} 1 = ${Number(r.toPrecision(4))} ${report.currency}`);
    notes.push(`${plural(report.convertedLines, 'order line', 'order lines')} converted at the markets’ rates${rates.length ? ` (${rates.join(', ')})` : ''}: amounts marked ≈ are estimates`);
  }
  return notes.join('; ');
}
