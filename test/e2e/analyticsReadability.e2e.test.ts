/**
 * What a merchant reads in `GET /v1/analytics`, through the real HTTP API: a date-only `to` includes
 * its day; unknown query parameters are refused; `format=csv` is the same report as a CSV file; an EUR order on a USD shop's list is an order whose
 * amount is summed converted at the markets' rate (marked) or said apart, not $0; the dashboard's
 * Preview lists are in no figure; an experiment declared `ended` assigns nobody and keeps its report;
 * one taken out of the experiments file stays readable from its stored lists and listed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CSV, EXPERIMENTS, IDS, SHOP, shoppers, viewed } from './attributionShop.ts';
import { startAffinity, type Running } from './helpers.ts';

const MARKETS = {
  defaultMarket: 'us',
  markets: [
    { handle: 'us', countries: ['US'], currency: 'USD', language: 'en-US', cacheTtlSeconds: 60, privacy: 'ccpa', priceInclusions: { duties: 'add_at_checkout', taxes: 'add_at_checkout' } },
    // Opt-out here, so the test needs no consent events (GDPR's opt-in is docs/privacy.md's business, not this test's).
    { handle: 'eu', countries: ['DE'], currency: 'EUR', language: 'de', cacheTtlSeconds: 60, privacy: 'ccpa', priceInclusions: { duties: 'included', taxes: 'included' }, exchangeRates: { USD: 0.8 } },
  ],
};

/** A checkout in EUR (55.00) of one product, sent by a server (its amount as sent). */
function orderedInEur(clientId: string, handle: string, orderId: string) {
  const ids = IDS[handle]!;
  return {
    id: `eur-${orderId}`,
    name: 'checkout_completed',
    clientId,
    timestamp: new Date().toISOString(),
    data: {
      checkout: {
        currencyCode: 'EUR',
        order: { id: `gid://shopify/Order/${orderId}`, customer: null },
        lineItems: [{ quantity: 1, finalLinePrice: { amount: 55, currencyCode: 'EUR' }, variant: { id: ids.variant, price: { amount: 55, currencyCode: 'EUR' }, product: { id: ids.product, title: handle } } }],
      },
    },
  };
}

describe('analytics a merchant can read', () => {
  let s: Running;
  let dir: string;
  let file: string;
  const [c1] = shoppers('control', 1) as [string];
  const [a1] = shoppers('affinity', 1) as [string];
  const lists = new Map<string, { recommendationId: string; items: { productId: string }[]; experiment?: { id: string } }>();
  const today = () => new Date().toISOString().slice(0, 10);
  const writeExperiments = (doc: unknown) => {
    writeFileSync(file, JSON.stringify(doc));
    // A distinct modification time, so the watcher sees the change whatever the file system's resolution.
    const t = new Date(Date.now() + Math.floor(Math.random() * 1e6));
    utimesSync(file, t, t);
  };
  const waitForExperiment = async (status: string) => {
    for (let i = 0; i < 100; i++) {
      const r = await s.get(`/v1/analytics/experiments?shop=${SHOP}`);
      if ((r.body as any).experiments.find((e: any) => e.id === 'recs-v1')?.status === status) return (r.body as any).experiments;
      await new Promise((res) => setTimeout(res, 200));
    }
    assert.fail(`recs-v1 never became ${status}`);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-readable-'));
    file = join(dir, 'experiments.json');
    const markets = join(dir, 'markets.json');
    writeFileSync(markets, JSON.stringify(MARKETS));
    writeExperiments(EXPERIMENTS);
    s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: file, AFFINITY_MARKETS_FILE: markets });
    const res = await fetch(`${s.url}/v1/catalog/products?shop=${SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: CSV });
    assert.equal(res.status, 200, await res.text());
    for (const [u, market] of [[c1, 'us'], [a1, 'eu']] as const) {
      const r = await s.post('/v1/recommendations', { shop: SHOP, userId: u, limit: 3, surface: 'product', market });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      lists.set(u, r.body);
    }
    const first = (u: string) => lists.get(u)!.items[0]!.productId;
    // The German shopper sees euro prices on the product page too (the same market as the order).
    const click = viewed(a1, first(a1), lists.get(a1)!.recommendationId);
    click.data.productVariant.price.currencyCode = 'EUR';
    assert.equal((await s.post('/v1/events', { shop: SHOP, events: [click] })).status, 202);
    await s.affinity.projector.flush();
    assert.equal((await s.post('/v1/events', { shop: SHOP, events: [orderedInEur(a1, first(a1), '990001')] })).status, 202);
    await s.affinity.projector.flush();
  });
  after(async () => {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a date-only `to` includes that day (UTC): from=to=today holds today’s lists', async () => {
    const r = await s.get(`/v1/analytics?shop=${SHOP}&from=${today()}&to=${today()}&by=surface`);
    assert.equal(r.status, 200, r.text);
    const body = r.body as any;
    assert.equal(body.totals.served, 2);
    assert.equal(body.to, `${today()}T23:59:59.999Z`);
    assert.equal(body.from, `${today()}T00:00:00.000Z`);
  });

  it('refuses unknown query parameters with 400 VALIDATION_FAILED naming them (near misses: the known ones, a cache-buster and utm_* pass)', async () => {
    const r = await s.get(`/v1/analytics?shop=${SHOP}&groupBy=market`);
    assert.equal(r.status, 400, r.text);
    assert.equal((r.body as any).error.code, 'VALIDATION_FAILED');
    assert.match((r.body as any).error.message, /Unknown query parameter `groupBy`/);
    assert.equal((await s.get(`/v1/analytics?shop=${SHOP}&format=xlsx`)).status, 400, 'a format it does not write');
    assert.equal((await s.get(`/v1/analytics?shop=${SHOP}&by=market&from=0`)).status, 200);
    // What clients and proxies add to any URL passes: a cache-buster, campaign tags.
    assert.equal((await s.get(`/v1/analytics?shop=${SHOP}&_=1733350000000&utm_source=grafana`)).status, 200);
  });

  it('the EUR order is summed converted at the markets’ rate, marked as converted, not shown as $0', async () => {
    const r = await s.get(`/v1/analytics?shop=${SHOP}&by=market&from=0`);
    const body = r.body as any;
    const eu = body.groups.find((g: any) => g.key === 'eu');
    assert.equal(body.currency, 'USD');
    assert.equal(eu.orders, 1);
    // 55.00 EUR at 1 / 0.8 USD per EUR.
    assert.equal(eu.revenue, 6875);
    assert.deepEqual(eu.orderLines, { summed: 1, converted: 1, notSummed: [] });
    assert.deepEqual([body.convertedLines, body.otherCurrencyLines, body.exchangeRates], [1, 0, { EUR: 1.25 }]);
  });

  it('format=csv answers the same report as a CSV file a spreadsheet opens: a row per group, a total row, amounts in major units', async () => {
    const res = await fetch(`${s.url}/v1/analytics?shop=${SHOP}&by=market&from=0&format=csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="affinity-analytics-[\w.-]+-by-market\.csv"$/);
    // An experiment's export is named by the experiment: two experiments' files do not share a name.
    const exp = await fetch(`${s.url}/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=0&format=csv`);
    assert.equal(exp.status, 200, await exp.clone().text());
    assert.match(exp.headers.get('content-disposition') ?? '', /-recs-v1-by-variant\.csv"$/);
    const rows = (await res.text()).trimEnd().split('\r\n').map((line) => line.split(','));
    const header = rows[0]!;
    const at = (row: string[], name: string) => row[header.indexOf(name)];
    const json = (await s.get(`/v1/analytics?shop=${SHOP}&by=market&from=0`)).body as any;
    assert.deepEqual(rows.slice(1).map((r) => at(r, 'group')), [...json.groups.map((g: any) => g.key), 'total']);
    const eu = rows.find((r) => at(r, 'group') === 'eu')!;
    // 55.00 EUR at 1.25 USD per EUR, as the JSON's 6875 minor units; converted, so an estimate.
    assert.deepEqual([at(eu, 'orders'), at(eu, 'currency'), at(eu, 'revenue'), at(eu, 'revenue_estimated')], ['1', 'USD', '68.75', 'true']);
    const total = rows.at(-1)!;
    assert.deepEqual([at(total, 'served'), at(total, 'orders')], [String(json.totals.served), String(json.totals.orders)]);
  });

  it('a Preview list is recorded but in no figure; the report says how many there were', async () => {
    const before = (await s.get(`/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=0`)).body as any;
    const p = await s.post('/v1/recommendations', { shop: SHOP, userId: c1, limit: 3, agent: 'dashboard-preview' });
    assert.equal(p.status, 200);
    assert.equal(p.body.experiment?.id, 'recs-v1', 'the Preview still shows the shopper’s variant');
    const afterIt = (await s.get(`/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=0`)).body as any;
    assert.deepEqual(afterIt.groups.map((g: any) => [g.key, g.served]), before.groups.map((g: any) => [g.key, g.served]));
    assert.equal(afterIt.previewLists, before.previewLists + 1);
    const byAgent = (await s.get(`/v1/analytics?shop=${SHOP}&by=agent&from=0`)).body as any;
    assert.ok(!byAgent.groups.some((g: any) => g.key === 'dashboard-preview'));
  });

  it('an experiment declared ended assigns nobody and keeps its report (control, uplift, sample-ratio check)', async () => {
    writeExperiments({ experiments: [{ ...EXPERIMENTS.experiments[0], status: 'ended' }] });
    await waitForExperiment('ended');
    const r = await s.post('/v1/recommendations', { shop: SHOP, userId: c1, limit: 3 });
    assert.equal(r.body.experiment, undefined);
    const report = (await s.get(`/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=0`)).body as any;
    assert.equal(report.experimentStatus, 'ended');
    assert.deepEqual(report.groups.map((g: any) => [g.key, g.served]), [['control', 1], ['affinity', 1]]);
    assert.ok(report.groups[1].uplift && report.sampleRatio);
  });

  it('an experiment taken out of the file is still listed and readable from its stored lists (near miss: one never served is 404)', async () => {
    writeExperiments({ experiments: [] });
    const listed = await waitForExperiment('undeclared');
    assert.deepEqual(listed.find((e: any) => e.id === 'recs-v1').variants, [{ name: 'control' }, { name: 'affinity' }]);
    const r = await s.get(`/v1/analytics?shop=${SHOP}&experiment=recs-v1&from=0`);
    assert.equal(r.status, 200, r.text);
    const report = r.body as any;
    assert.equal(report.experimentStatus, 'undeclared');
    assert.deepEqual(report.groups.map((g: any) => [g.key, g.served, g.orders]), [['affinity', 1, 1], ['control', 1, 0]]);
    assert.equal(report.sampleRatio, undefined);
    assert.equal((await s.get(`/v1/analytics?shop=${SHOP}&experiment=never-ran&from=0`)).status, 404);
  });
});
