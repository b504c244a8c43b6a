import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyticsReport } from './analytics.ts';
import { ANALYTICS_CSV_COLUMNS, analyticsCsv } from './analyticsCsv.ts';
import type { Outcome, ServedList } from './servedList.ts';

const experiment = { id: 'recs', variants: [{ name: 'control', strategy: 'popular' as const, weight: 50 }, { name: 'affinity', strategy: 'personalized' as const, weight: 50 }] };
const META = { shop: 's.myshopify.com', from: '2026-12-01T00:00:00.000Z', to: '2026-12-04T23:59:59.999Z', experiment: 'recs' };

function list(id: string, variant: string, userId: string, agent?: string): ServedList {
  return { id, shop: 's', ts: 1, surface: 'product', actor: agent ? 'agent' : 'human', ...(agent ? { agent } : {}), experiment: { id: 'recs', variant }, userId, items: ['p1', 'p2'] };
}

/** Reads the CSV back (quoted fields with commas, quotes and line breaks included). */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i] as string;
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && csv[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('analyticsCsv: the report for a spreadsheet', () => {
  const served = [list('c1', 'control', 'u1'), list('c2', 'control', 'u2'), list('a1', 'affinity', 'u3'), list('a2', 'affinity', 'u4')];
  const outcomes: Outcome[] = [
    { key: 'k1', shop: 's', recId: 'a1', kind: 'click', ts: 2, userId: 'u3', productId: 'p1' },
    { key: 'k2', shop: 's', recId: 'a1', kind: 'order', ts: 3, userId: 'u3', productId: 'p1', amount: 4990, currency: 'USD', orderId: 'o1' },
  ];
  const report = analyticsReport(served, outcomes, 'variant', experiment, 'USD');
  const rows = parse(analyticsCsv(report, META));
  const col = (row: string[], name: (typeof ANALYTICS_CSV_COLUMNS)[number]) => row[ANALYTICS_CSV_COLUMNS.indexOf(name)];

  it('has a header, a row per group in the report’s order and a total row, every row as wide as the header, CRLF line ends', () => {
    assert.deepEqual(rows[0], [...ANALYTICS_CSV_COLUMNS]);
    assert.deepEqual(rows.slice(1).map((r) => col(r, 'group')), ['control', 'affinity', 'total']);
    for (const r of rows) assert.equal(r.length, ANALYTICS_CSV_COLUMNS.length);
    assert.ok(analyticsCsv(report, META).endsWith('\r\n'));
  });

  it('writes amounts in major units of the report’s currency, counts and rates as the report has them', () => {
    const affinity = rows[2] as string[];
    assert.deepEqual([col(affinity, 'served'), col(affinity, 'clicks'), col(affinity, 'orders'), col(affinity, 'currency'), col(affinity, 'revenue')], ['2', '1', '1', 'USD', '49.9']);
    const g = report.groups[1]!;
    assert.equal(Number(col(affinity, 'click_through_rate')), g.clickThroughRate.value);
    assert.equal(Number(col(affinity, 'revenue_per_served')), g.revenuePerServed.value / 100);
    assert.ok(g.revenuePerServed.low < 0, 'two lists, one order: the interval reaches below 0');
    assert.equal(col(affinity, 'revenue_per_served_low'), '0', 'and is clamped at 0, as the dashboard shows it');
    assert.equal(Number(col(affinity, 'uplift_conversion_rate_p_value')), g.uplift!.conversionRate.pValue);
    assert.equal(col(rows[1] as string[], 'uplift_conversion_rate'), '', 'the first variant has no uplift');
    const total = rows[3] as string[];
    assert.deepEqual([col(total, 'served'), col(total, 'orders'), col(total, 'revenue'), col(total, 'shoppers_served'), col(total, 'click_through_rate')], ['4', '1', '49.9', '4', '']);
  });

  it("says per group how many lists agents asked for, and what other visitors bought through a list's shared link", () => {
    const shared = [
      ...served,
      list('x1', 'affinity', 'u5', 'claude'),
    ];
    const through: Outcome[] = [
      ...outcomes,
      // Another visitor opens u4's list link and buys: in no other column (sharedLinks.ts).
      { key: 'k3', shop: 's', recId: 'a2', kind: 'click', ts: 2, userId: 'visitor', productId: 'p2' },
      { key: 'k4', shop: 's', recId: 'a2', kind: 'order', ts: 3, userId: 'visitor', productId: 'p2', amount: 1500, currency: 'USD', orderId: 'o2' },
    ];
    const r = parse(analyticsCsv(analyticsReport(shared, through, 'variant', experiment, 'USD'), META));
    const affinity = r[2] as string[];
    assert.deepEqual(
      (['agent_lists', 'shared_link_clicks', 'shared_link_add_to_carts', 'shared_link_orders', 'shared_link_revenue'] as const).map((c) => col(affinity, c)),
      ['1', '1', '0', '1', '15'],
    );
    assert.deepEqual([col(affinity, 'orders'), col(affinity, 'revenue')], ['1', '49.9'], "the visitor's order is not the list's");
    const total = r[3] as string[];
    assert.deepEqual([col(total, 'agent_lists'), col(total, 'shared_link_orders')], ['1', ''], 'shared-link figures are per group only');
  });

  it('shows a name a spreadsheet would run as a formula as text, and quotes commas and quotes', () => {
    const agents = [list('x1', 'control', 'u1', '=HYPERLINK("http://evil.example","x")'), list('x2', 'control', 'u2', 'claude, "pro"'), list('x3', 'control', 'u3', '-2+3')];
    const r = parse(analyticsCsv(analyticsReport(agents, [], 'agent', undefined, 'USD'), { ...META, experiment: null }));
    const keys = r.slice(1, -1).map((row) => col(row, 'group')).sort();
    assert.deepEqual(keys, [`'-2+3`, `'=HYPERLINK("http://evil.example","x")`, 'claude, "pro"']);
    assert.equal(col(r[1] as string[], 'experiment'), '');
  });

  it('keeps minor units, with no currency, when the report has none; writes no NaN', () => {
    // No shop currency and an order line that states none: the report has no currency.
    const r = analyticsReport(served, [outcomes[0]!, { ...outcomes[1]!, currency: undefined }], 'variant', experiment);
    assert.equal(r.currency, null);
    const csv = analyticsCsv(r, META);
    assert.ok(!/NaN|Infinity|undefined/.test(csv));
    const affinity = parse(csv)[2] as string[];
    assert.deepEqual([col(affinity, 'currency'), col(affinity, 'revenue')], ['', '4990']);
  });
});
