// Number formatting of the dashboard (en-US, fixed precision so figures read the same everywhere).

const nf = new Intl.NumberFormat('en-US');

/** An integer count: 1,234. */
export const count = (n) => (n === null || n === undefined ? '–' : nf.format(n));

/** A rate in [0, 1] as a percentage with one decimal: 12.3 %. */
export const pct = (x, digits = 1) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(digits)} %`);

/** An estimate with its 95 % interval: 12.3 % [10.1–14.6]. */
export const pctInterval = (e) => `${pct(e.value)} [${(e.low * 100).toFixed(1)}–${(e.high * 100).toFixed(1)}]`;

/** Minor units of `currency` as money: $1,234.50. */
export function money(minor, currency) {
  if (!currency) return count(minor);
  const f = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return f.format(minor / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2));
}

/** A signed relative change: +12.0 %. */
export const relative = (x) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

/** Milliseconds: 3.2 ms. */
export const millis = (x) => (x === null || x === undefined ? '–' : `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`);
