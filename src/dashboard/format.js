// Number formatting of the dashboard (en-US, fixed precision so figures read the same everywhere).
// A rate over nothing (0 of 0) is unknown, not 0 %: it reads UNKNOWN.

const nf = new Intl.NumberFormat('en-US');

/** What an unknown figure reads (a rate of 0 lists, an amount in no known currency). */
export const UNKNOWN = '—';

/** An integer count: 1,234. */
export const count = (n) => (n === null || n === undefined ? '–' : nf.format(n));

/** A rate in [0, 1] as a percentage with one decimal: 12.3 %. */
export const pct = (x, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)} %`);

/** An estimate with its 95 % interval, 12.3 % [10.1–14.6]; UNKNOWN when its denominator `n` is 0. */
export const pctInterval = (e, n) => (n === 0 ? UNKNOWN : `${pct(e.value)} [${(e.low * 100).toFixed(1)}–${(e.high * 100).toFixed(1)}]`);

/** Minor units of `currency` as money: $1,234.50. Without a currency: the bare number, UNKNOWN for 0 (no revenue, no currency). */
export function money(minor, currency) {
  if (!currency) return minor === 0 ? UNKNOWN : count(minor);
  const f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return f.format(minor / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2));
}

/**
 * A mean amount per list with its 95 % interval, $23.33 [$0.00–$52.30]. An amount per list cannot be
 * negative, so the t interval's lower bound is clamped at 0 (the page says so); UNKNOWN when `n` is 0.
 * One list has no interval (a t interval needs two): the amount with "[—]", not a zero-width interval
 * that would claim certainty.
 */
export const moneyInterval = (e, currency, n) =>
  n === 0 ? UNKNOWN : n === 1 ? `${money(e.value, currency)} [${UNKNOWN}]` : `${money(e.value, currency)} [${money(Math.max(0, e.low), currency)}–${money(e.high, currency)}]`;

/** A signed relative change: +12.0 %. */
export const relative = (x) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

/** Milliseconds: 3.2 ms. */
export const millis = (x) => (x === null || x === undefined ? '–' : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`);

/**
 * A group's viewed lists in words. A view is reported by the page that shows a list (the storefront
 * block; a chat widget on the storefront can too); an agent talking to the shopper elsewhere (over MCP)
 * never reports one. A group of agents' lists with no view reported is unknown ("—"), not 0; a group
 * with agents' lists says how many, as the count may leave them out. `note` is a second line, or none.
 */
export function viewedText(g) {
  if (g.served > 0 && g.agentLists === g.served && g.viewed === 0) return { text: UNKNOWN, note: 'agents do not report views' };
  return { text: count(g.viewed), note: g.agentLists > 0 ? `incl. ${count(g.agentLists)} agents’ lists, views may go unreported` : '' };
}
