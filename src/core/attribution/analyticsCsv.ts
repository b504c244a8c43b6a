/**
 * The analytics report as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, a quote
 * or a line break quoted) for a merchant's spreadsheet: a header, one row per group, then a `total` row
 * (each order and shopper counted once across groups; its rates are left empty, as the report gives
 * none). Amounts are in major units of the report's currency (`49.90`, as a spreadsheet sums them),
 * unlike the JSON answer's integer minor units; with no currency (a catalog without prices) they stay
 * minor units and the `currency` column is empty. Rates are fractions (0.125 = 12.5 %) with their 95 %
 * interval (revenue per list's lower bound at least 0, as the dashboard shows it); uplifts (variant grouping, not on the first variant) are relative to the first variant,
 * with their p-value.
 *
 * Text a shop or a caller chose (the group's key: an agent's name, a market handle; the shop; the
 * experiment id) that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage
 * return first) is prefixed with `'`, so a name like `=HYPERLINK(…)` is shown, not evaluated (OWASP's
 * CSV injection advice). Numbers the report computed are written as they are.
 */
import { currencyExponent } from '../money.ts';
import type { AnalyticsReport, GroupStats } from './analytics.ts';
import type { Difference, Estimate } from './stats.ts';

/** What the CSV says about the report besides its groups. */
export interface AnalyticsCsvMeta {
  readonly shop: string;
  /** ISO 8601 instants of the period. */
  readonly from: string;
  readonly to: string;
  readonly experiment: string | null;
}

/** The columns, in order. */
export const ANALYTICS_CSV_COLUMNS = [
  'shop', 'from', 'to', 'experiment', 'by', 'group',
  'served', 'viewed', 'clicks', 'add_to_carts', 'orders',
  'currency', 'revenue', 'influenced', 'revenue_estimated', 'order_lines_not_summed',
  'click_through_rate', 'click_through_rate_low', 'click_through_rate_high',
  'conversion_rate', 'conversion_rate_low', 'conversion_rate_high',
  'revenue_per_served', 'revenue_per_served_low', 'revenue_per_served_high',
  'shoppers_served', 'shoppers_clicked', 'shoppers_ordered',
  'uplift_click_through_rate', 'uplift_click_through_rate_p_value',
  'uplift_conversion_rate', 'uplift_conversion_rate_p_value',
  'uplift_revenue_per_served', 'uplift_revenue_per_served_p_value',
  // Last, so that earlier columns keep their places: of `served`, the lists agents asked for (no view reported),
  // and other visitors' outcomes through links of the group's lists (in no other column; per group only).
  'agent_lists',
  'shared_link_clicks', 'shared_link_add_to_carts', 'shared_link_orders', 'shared_link_revenue',
] as const;

type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell: guarded against formulas, quoted when it must be. */
function text(v: string): string {
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return text(v);
}

/** The report as CSV text (see the module comment). */
export function analyticsCsv(report: AnalyticsReport, meta: AnalyticsCsvMeta): string {
  const currency = report.currency;
  const digits = currency ? currencyExponent(currency) : 0;
  const major = (minor: number): number => (currency ? Number((minor / 10 ** digits).toFixed(digits)) : minor);
  const majorPer = (minor: number): number => (currency ? Number((minor / 10 ** digits).toFixed(digits + 4)) : minor);
  const rate = (e: Estimate | undefined): Cell[] => (e ? [e.value, e.low, e.high] : ['', '', '']);
  // Revenue per list is at least 0: the interval's lower bound is clamped there, as the dashboard shows it.
  const money = (e: Estimate | undefined): Cell[] => (e ? [majorPer(e.value), majorPer(Math.max(0, e.low)), majorPer(e.high)] : ['', '', '']);
  const uplift = (d: Difference | undefined): Cell[] => (d ? [d.relative, d.pValue] : ['', '']);
  const lead: Cell[] = [meta.shop, meta.from, meta.to, meta.experiment, report.by];
  const row = (g: GroupStats): Cell[] => [
    ...lead,
    g.key,
    g.served,
    g.viewed,
    g.clicks,
    g.addToCarts,
    g.orders,
    currency,
    major(g.revenue),
    major(g.influenced),
    g.orderLines.converted > 0,
    g.orderLines.notSummed.reduce((n, x) => n + x.lines, 0),
    ...rate(g.clickThroughRate),
    ...rate(g.conversionRate),
    ...money(g.revenuePerServed),
    g.shoppers.served,
    g.shoppers.clicked,
    g.shoppers.ordered,
    ...uplift(g.uplift?.clickThroughRate),
    ...uplift(g.uplift?.conversionRate),
    ...uplift(g.uplift?.revenuePerServed),
    g.agentLists,
    g.viaSharedLinks.clicks,
    g.viaSharedLinks.addToCarts,
    g.viaSharedLinks.orders,
    major(g.viaSharedLinks.revenue),
  ];
  const t = report.totals;
  const total: Cell[] = [
    ...lead,
    'total',
    t.served,
    t.viewed,
    t.clicks,
    t.addToCarts,
    t.orders,
    currency,
    major(t.revenue),
    major(t.influenced),
    report.convertedLines > 0,
    report.otherCurrencyLines,
    ...rate(undefined),
    ...rate(undefined),
    ...money(undefined),
    t.shoppers,
    '',
    '',
    ...uplift(undefined),
    ...uplift(undefined),
    ...uplift(undefined),
    t.agentLists,
    // An order through shared links of lists of two groups would count twice: left to the group rows.
    '',
    '',
    '',
    '',
  ];
  const lines = [ANALYTICS_CSV_COLUMNS.join(','), ...report.groups.map((g) => row(g).map(cell).join(',')), total.map(cell).join(',')];
  return `${lines.join('\r\n')}\r\n`;
}
