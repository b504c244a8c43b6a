/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core) against a running
 * Affinity with API keys, seeded through the HTTP API (served lists, pixel clicks, carts, orders):
 * the page loads without console errors, asks for the admin key, and once signed in shows business
 * figures equal to the analytics API's for the same query (per variant and per breakdown), the
 * operations panel, and previews. Screenshots go to docs/screenshots/dashboard-*.png only with
 * UPDATE_SCREENSHOTS=1. Every wait is generous and no assertion is about how long anything took.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAffinity, type Running } from '../e2e/helpers.ts';
import { CSV, EXPERIMENTS, SHOP, seedAttribution } from '../e2e/attributionShop.ts';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN_KEY = 'dashboard-admin-key-0123456789';
const SHOP_ADMIN_KEY = 'dashboard-shop-admin-key-0123456789';
const ADMIN = { authorization: `Bearer ${ADMIN_KEY}` };
const EMPTY_SHOP = 'nothing-yet.myshopify.com';
const CATALOG_ONLY_SHOP = 'catalog-only.myshopify.com';
const WAIT = { timeout: 60_000 };
const FIELDS = ['served', 'viewed', 'clicks', 'addToCarts', 'orders', 'revenue', 'influenced'] as const;
const RATES = ['clickThroughRate', 'conversionRate', 'revenuePerServed'] as const;

// Skipped on a developer machine without Debian's chromium; never in CI (.ci/run installs it), where a missing browser must fail.
const skip = existsSync(CHROMIUM) || process.env.CI ? false : `no ${CHROMIUM} (apt-get install chromium)`;

const shotDir = process.env.UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)) : mkdtempSync(join(tmpdir(), 'affinity-shot-'));

describe('dashboard in Chromium', { skip }, () => {
  let s: Running;
  let browser: Browser;
  let shoppers: { control: string[]; affinity: string[] };
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  let dir: string | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-dash-'));
    const file = join(dir, 'experiments.json');
    writeFileSync(file, JSON.stringify(EXPERIMENTS));
    s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: file, AFFINITY_API_KEYS: `*:admin:${ADMIN_KEY},${SHOP}:admin:${SHOP_ADMIN_KEY}` });
    shoppers = await seedAttribution(s, ADMIN);
    // A shop with a catalog (USD) and no list served yet.
    const csv = await fetch(`${s.url}/v1/catalog/products?shop=${CATALOG_ONLY_SHOP}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...ADMIN }, body: CSV });
    assert.equal(csv.status, 200, await csv.text());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()} @ ${m.location().url}`);
    });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await s?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    // The screenshots were only looked at by the test (docs/screenshots/ keeps them with UPDATE_SCREENSHOTS=1).
    if (process.env.UPDATE_SCREENSHOTS !== '1') rmSync(shotDir, { recursive: true, force: true });
  });

  async function shot(name: string, selector?: string): Promise<void> {
    mkdirSync(shotDir, { recursive: true });
    const path = join(shotDir, `dashboard-${name}.png`);
    if (selector) await page.locator(selector).screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
    assert.ok(statSync(path).size > 5_000);
  }

  /** What the page shows in a table: group → field → the cell's value. */
  function tableValues(selector: string): Promise<Record<string, Record<string, string>>> {
    return page.$$eval(`${selector} tbody tr`, (trs) =>
      Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.group, Object.fromEntries([...tr.querySelectorAll('td[data-field]')].map((td) => [(td as HTMLElement).dataset.field, (td as HTMLElement).dataset.value]))])),
    );
  }

  /** What a person reads in a table: group → field → the cell's text. */
  function tableTexts(selector: string): Promise<Record<string, Record<string, string>>> {
    return page.$$eval(`${selector} tbody tr`, (trs) =>
      Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.group, Object.fromEntries([...tr.querySelectorAll('td[data-field]')].map((td) => [(td as HTMLElement).dataset.field, td.textContent]))])),
    );
  }

  /** Chooses the shop in the page's Shop field (a `*` key) and waits for its business figures. */
  async function chooseShop(shop: string): Promise<void> {
    await page.fill('#shop', shop);
    await page.dispatchEvent('#shop', 'change');
    await page.waitForFunction((sh) => document.getElementById('business')?.dataset.shop === sh && document.getElementById('business-meta')?.textContent?.startsWith(`${sh} ·`), shop, WAIT);
  }

  async function analytics(query: string, shop = SHOP): Promise<any> {
    const res = await fetch(`${s.url}/v1/analytics?shop=${shop}&${query}`, { headers: ADMIN });
    assert.equal(res.status, 200);
    return res.json();
  }

  function assertSame(shown: Record<string, Record<string, string>>, report: any): void {
    assert.deepEqual(Object.keys(shown), report.groups.map((g: any) => g.key));
    for (const g of report.groups) {
      for (const f of FIELDS) assert.equal(Number(shown[g.key]![f]), g[f], `${g.key} ${f}`);
      for (const f of RATES) assert.equal(Number(shown[g.key]![f]), g[f].value, `${g.key} ${f}`);
      assert.equal(Number(shown[g.key]!.sharedOrders), g.viaSharedLinks.orders, `${g.key} via shared links`);
    }
  }

  it('serves the page and its assets without a key, and asks for the admin key', async () => {
    for (const p of ['/dashboard', '/dashboard/dashboard.js', '/dashboard/uplot.js', '/dashboard/uplot.css']) assert.equal((await fetch(`${s.url}${p}`)).status, 200, p);
    assert.equal((await fetch(`${s.url}/v1/admin/operations`)).status, 401);
    await page.goto(`${s.url}/dashboard`);
    await page.locator('#login').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.locator('#panels').isVisible(), false);
    // Asked for a key before any call that a key-less page would have refused: no console error.
    assert.equal(errors.length, 0, errors.join('\n'));
    await shot('login');
    // A wrong key is refused with the server's message.
    await page.fill('#key', 'not-a-key');
    await page.click('#login-form button');
    await page.waitForFunction(() => document.getElementById('login-error')?.textContent?.includes('not valid'), undefined, WAIT);
    assert.deepEqual(errors.filter((e) => !e.includes('401')), []);
    errors.length = 0;
  });

  it('signs in with the admin key, chooses the shop, and shows the analytics API’s figures', async () => {
    // The default shop's analytics answers are held until the chosen shop's figures are painted: the late
    // answers of the first load (a `*` key starts on the default shop) must not paint over them.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const held: Promise<void>[] = [];
    await page.route('**/v1/analytics?*', async (route) => {
      if (route.request().headers()['x-affinity-shop'] === SHOP) return route.continue();
      let done!: () => void;
      held.push(new Promise<void>((r) => (done = r)));
      await released;
      await route.continue();
      done();
    });
    await page.fill('#key', ADMIN_KEY);
    await page.click('#login-form button');
    await page.locator('#panels').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('affinity.dashboard.key')), ADMIN_KEY);
    // A `*` key: the shop is chosen in the page.
    await page.fill('#shop', SHOP);
    await page.dispatchEvent('#shop', 'change');
    await page.waitForFunction((sh) => document.getElementById('business')?.dataset.shop === sh, SHOP, WAIT);
    assert.ok(held.length > 0, 'the first load asked for the default shop');
    release();
    await Promise.all(held);
    await page.unroute('**/v1/analytics?*');
    // The late answers arrived; give the page a moment to (wrongly) paint them.
    await page.waitForTimeout(300);
    assert.equal(await page.getAttribute('#business', 'data-shop'), SHOP);
    // Signing in with a `*` key first shows the default shop; wait for the chosen shop's figures.
    await page.waitForFunction(
      (sh) => document.getElementById('business')?.dataset.shop === sh && document.querySelectorAll('#variants tbody tr').length === 2 && document.getElementById('experiment')?.textContent?.includes('recs-v1'),
      SHOP,
      WAIT,
    );
    assert.deepEqual(await page.$$eval('#experiment option', (os) => os.map((o) => (o as HTMLOptionElement).value)), ['', 'recs-v1']);
    const query = (await page.getAttribute('#business', 'data-loaded'))!;
    assert.match(query, /experiment=recs-v1/);
    const byVariant = await analytics(`${query}&by=variant`);
    assert.equal(byVariant.shop, SHOP);
    assertSame(await tableValues('#variants'), byVariant);
    // The seed: control 3 lists / 1 order, affinity 4 lists / 2 orders, and one visitor's order through an affinity shopper's shared link.
    assert.deepEqual(byVariant.groups.map((g: any) => [g.key, g.served, g.orders, g.viaSharedLinks.orders]), [['control', 3, 1, 0], ['affinity', 4, 2, 1]]);
    const sharedText = await tableTexts('#variants');
    assert.equal(sharedText.control!.sharedOrders, 'none');
    assert.match(sharedText.affinity!.sharedOrders!, /^1 order · \$\d+\.\d\d · 1 click$/);
    assert.match((await page.textContent('#rule'))!, /Via shared links: other visitors/);
    const uplift = await tableValues('#uplift');
    assert.deepEqual(Object.keys(uplift), ['affinity']);
    for (const f of RATES) assert.equal(Number(uplift.affinity![f]), byVariant.groups[1].uplift[f].value, `uplift ${f}`);
    assert.equal(uplift.affinity!.status, 'collecting');
    assert.equal(Number(uplift.affinity!.shopperConversionRate), byVariant.groups[1].uplift.shopperConversionRate.value);
    // Per shopper and guardrails: the API's figures, in cells a person reads.
    const perShopper = await tableValues('#variant-shoppers');
    const perShopperText = await tableTexts('#variant-shoppers');
    const guardrails = await tableValues('#variant-guardrails');
    const guardrailsText = await tableTexts('#variant-guardrails');
    assert.equal(await page.textContent('#variant-shoppers caption'), 'Per shopper');
    assert.match((await page.textContent('#variant-guardrails caption'))!, /^Guardrails/);
    for (const g of byVariant.groups) {
      assert.equal(Number(perShopper[g.key]!.shoppers), g.shoppers.served, `${g.key} shoppers`);
      assert.equal(Number(perShopper[g.key]!.shoppersOrdered), g.shoppers.ordered, `${g.key} ordered`);
      assert.equal(Number(perShopper[g.key]!.switched), g.shoppers.switched, `${g.key} switched`);
      assert.equal(Number(perShopper[g.key]!.shopperConversionRate), g.shoppers.conversionRate.value);
      assert.equal(perShopperText[g.key]!.shopperConversionRate, `${(g.shoppers.conversionRate.value * 100).toFixed(1)} % [${(g.shoppers.conversionRate.low * 100).toFixed(1)}–${(g.shoppers.conversionRate.high * 100).toFixed(1)}]`);
      assert.equal(Number(guardrails[g.key]!.errors), g.guardrails.errors, `${g.key} errors`);
      assert.equal(Number(guardrails[g.key]!.degraded), g.guardrails.degraded, `${g.key} degraded`);
      assert.equal(Number(guardrails[g.key]!.latencySamples), g.guardrails.latencyMs.samples, `${g.key} timed lists`);
      assert.ok(g.guardrails.latencyMs.samples > 0);
      assert.match(guardrailsText[g.key]!.latencyP95!, /^\d+(\.\d)? ms$/);
      assert.equal(guardrailsText[g.key]!.errorRate, `${(g.guardrails.errorRate.value * 100).toFixed(1)} % [${(g.guardrails.errorRate.low * 100).toFixed(1)}–${(g.guardrails.errorRate.high * 100).toFixed(1)}]`);
      // Revenue per list is never below 0: the interval's lower bound is clamped (and the page says so).
      assert.match((await tableTexts('#variants'))[g.key]!.revenuePerServed!, /^\$\d+\.\d\d \[\$\d+\.\d\d–\$\d+\.\d\d\]$/);
    }
    assert.ok(byVariant.groups.some((g: any) => g.revenuePerServed.low < 0), 'the seed has a t interval below 0, which the page clamps');
    assert.match((await page.textContent('#rule'))!, /clamped at 0/);
    // 3 and 4 timed lists: errors and fallbacks compared, latency not (and the page says so).
    assert.equal((await tableTexts('#uplift')).affinity!.guardrails, 'none worse (latency not compared: too few timed lists)');
    assert.equal(await page.getAttribute('#verdict', 'data-state'), 'collecting');
    assert.match((await page.textContent('#rule'))!, /1,000 served lists.*p < 0\.05/);
    assertSame(await tableValues('#breakdown'), await analytics(`${query}&by=surface`));
    await shot('business', '#business');

    for (const by of ['agent', 'intent', 'market']) {
      await page.selectOption('#by', by);
      await page.waitForFunction((b) => document.getElementById('breakdown-title')?.textContent?.startsWith(`By ${b}`) && document.getElementById('business')?.dataset.loaded, by, WAIT);
      const q = (await page.getAttribute('#business', 'data-loaded'))!;
      const report = await analytics(`${q}&by=${by}`);
      assertSame(await tableValues('#breakdown'), report);
      if (by === 'agent') {
        // The seed's one agent list, shown on a page that reported its view: counted, and said to be an agent's.
        const agent = report.groups.find((g: any) => g.key === 'shopping-assistant');
        assert.deepEqual([agent?.served, agent?.agentLists, agent?.viewed], [1, 1, 1]);
        assert.equal((await tableTexts('#breakdown'))['shopping-assistant']!.viewed, '1incl. 1 agents’ lists, views may go unreported');
        assert.equal(report.totals.agentLists, 1);
      }
    }
    assert.ok(Object.keys(await tableValues('#breakdown')).length > 0);
    assert.deepEqual(errors, []);
  });

  it('shows every column of every table on a laptop screen (1280 px) and wider, without scrolling sideways', async () => {
    for (const width of [1920, 1440, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const hidden = await page.$$eval('.scroll', (ds) => ds.filter((d) => d.scrollWidth > d.clientWidth + 1).map((d) => `${d.firstElementChild?.id}: ${d.scrollWidth} px in ${d.clientWidth}`));
      assert.deepEqual(hidden, [], `${width} px wide`);
    }
    await shot('business-1280', '#business'); // at 1280 px, the last width
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  it('shows the operations of this process', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#ops-tiles .tile').length >= 9 && document.querySelectorAll('#chart-latency canvas').length === 1, undefined, WAIT);
    assert.match((await page.textContent('#ops-note'))!, /this process’s own \(pid \d+/);
    // Platform-wide figures are never presented as the shop's own.
    assert.match((await page.textContent('#operations h2'))!, /all shops · this process/);
    assert.match((await page.textContent('#ops-note'))!, new RegExp(`^Platform-wide: these figures count the requests of every shop this Affinity process serves, not only ${SHOP}’s \\(the Shop field does not filter them\\)`));
    const tiles = await page.$$eval('#ops-tiles .tile', (ts) => Object.fromEntries(ts.map((t) => [(t as HTMLElement).dataset.field, t.querySelector('.value')?.textContent])));
    assert.match(tiles.requests!, /^\d[\d,]*$/);
    assert.equal(await page.textContent('#ops-tiles [data-field="requests"] .label'), 'Requests, all shops');
    assert.ok(Number(tiles.requests!.replace(/,/g, '')) >= 10, `requests ${tiles.requests}`);
    assert.match(tiles.store!, /^sqlite up/);
    assert.match(tiles.p95!, /ms$/);
    assert.ok('cache:neighbours' in tiles, JSON.stringify(tiles));
    assert.equal(tiles.breakers, 'not configured');
    await shot('operations', '#operations');
    assert.deepEqual(errors, []);
  });

  it('previews a shopper’s list with its reasons and variant, for a product id in any form and a sentence', async () => {
    const a1 = shoppers.affinity[0]!;
    await page.fill('#p-user', a1);
    await page.fill('#p-product', '8001'); // the pixel's numeric id of the CSV's gold-chain
    await page.click('#preview-form button');
    await page.waitForFunction(() => document.querySelectorAll('#preview-result li').length > 0, undefined, WAIT);
    assert.equal(await page.textContent('#preview-meta [data-field="variant"]'), 'recs-v1: affinity');
    const items = await page.$$eval('#preview-result li', (ls) => ls.map((l) => ({ id: (l as HTMLElement).dataset.product, reasons: l.querySelector('.reasons')?.textContent })));
    assert.ok(!items.some((i) => i.id === 'gold-chain'), 'the viewed product is not recommended to itself');
    assert.ok(items.every((i) => i.reasons && i.reasons !== 'no reasons'), JSON.stringify(items));
    await page.fill('#p-product', '');
    await page.fill('#p-text', 'a gold necklace for my mother under 100 dollars');
    await page.click('#preview-form button');
    await page.locator('#preview-meta [data-field="intent"]').waitFor(WAIT);
    assert.match((await page.textContent('#preview-meta [data-field="intent"]'))!, /^intent \w+/);
    await shot('preview', '#preview');
    await shot('page');
    assert.deepEqual(errors, []);
  });

  it('leaves the Preview’s lists out and says so; a total row and a note keep orders of several groups from being added', async () => {
    // Another period reloads the business panel after the previews above.
    await page.selectOption('#period', '7');
    await page.waitForFunction(() => document.getElementById('business')?.dataset.loaded?.includes('from=') && /Preview lists? of this dashboard not counted/.test(document.getElementById('business-meta')?.textContent ?? ''), undefined, WAIT);
    const q = (await page.getAttribute('#business', 'data-loaded'))!;
    const byVariant = await analytics(`${q}&by=variant`);
    assert.ok(byVariant.previewLists >= 2, `previewLists ${byVariant.previewLists}`);
    assert.deepEqual(byVariant.groups.map((g: any) => [g.key, g.served]), [['control', 3], ['affinity', 4]], 'the previews are in no variant');
    assert.match((await page.textContent('#business-meta'))!, new RegExp(`${byVariant.previewLists} Preview lists of this dashboard not counted`));
    const total = await page.$$eval('#variants tfoot td[data-total]', (tds) => Object.fromEntries(tds.map((td) => [(td as HTMLElement).dataset.total, (td as HTMLElement).dataset.value])));
    assert.equal(Number(total.orders), byVariant.totals.orders);
    assert.equal(Number(total.served), byVariant.totals.served);
    assert.match((await page.textContent('#breakdown-note'))!, /counts in each group’s orders.*The total row counts each once/);
    assert.deepEqual(errors, []);
  });

  it('downloads the breakdown shown as a CSV file: the API’s groups and a total row, with the key sent', async () => {
    const q = (await page.getAttribute('#business', 'data-loaded'))!;
    const by = await page.inputValue('#by');
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), page.click('#csv')]);
    assert.match(download.suggestedFilename(), new RegExp(`^affinity-analytics-${SHOP.replaceAll('.', '\\.')}-.*-by-${by}\\.csv$`));
    const rows = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n').map((line) => line.split(','));
    const header = rows[0]!;
    const report = await analytics(`${q}&by=${by}`);
    assert.deepEqual(rows.slice(1).map((r) => r[header.indexOf('group')]), [...report.groups.map((g: any) => g.key), 'total']);
    assert.deepEqual(rows.slice(1, -1).map((r) => Number(r[header.indexOf('served')])), report.groups.map((g: any) => g.served));
    assert.equal(await page.textContent('#business-error'), '');
    assert.deepEqual(errors, []);
  });

  it('a market row whose only order was in euros reads “—” and names the order it could not sum, not $0.00', async () => {
    // The API's answer for a USD shop with one German order in EUR and no rate configured (core/attribution tests hold the API to it).
    const lines = (summed: number, notSummed: unknown[] = []) => ({ summed, converted: 0, notSummed });
    const est = { value: 0, low: 0, high: 0 };
    const group = (key: string, served: number, orders: number, revenue: number, orderLines: unknown) => ({
      key, served, viewed: 0, clicks: orders, addToCarts: 0, orders, revenue, influenced: 0, orderLines,
      clickThroughRate: est, conversionRate: { value: orders / served, low: 0, high: 1 }, revenuePerServed: { value: revenue / served, low: 0, high: revenue },
      guardrails: { errors: 0, errorRate: est, degraded: 0, latencyMs: { samples: 0, p50: null, p95: null, max: null } },
      shoppers: { served, clicked: orders, ordered: orders, clickRate: est, conversionRate: est }, viaSharedLinks: { clicks: 0, addToCarts: 0, orders: 0, revenue: 0 },
    });
    const report = {
      shop: SHOP, experiment: null, from: new Date().toISOString(), to: new Date().toISOString(), attributionWindowDays: 7, by: 'market', currency: 'USD',
      otherCurrencyLines: 1, convertedLines: 0, exchangeRates: {}, previewLists: 0,
      groups: [group('eu', 4, 1, 0, lines(0, [{ currency: 'EUR', lines: 1, orders: 1, revenue: 5500, influenced: 0, withoutAmount: 0 }])), group('us', 10, 2, 14_800, lines(2))],
      totals: { served: 14, viewed: 0, clicks: 3, addToCarts: 0, orders: 3, revenue: 14_800, influenced: 0, shoppers: 14 },
    };
    await page.route('**/v1/analytics?*', (route) => (route.request().url().includes('by=market') ? route.fulfill({ json: report }) : route.continue()));
    await page.selectOption('#by', 'market');
    await page.waitForFunction(() => document.querySelector('#breakdown tbody tr[data-group="eu"]'), undefined, WAIT);
    const shown = await tableTexts('#breakdown');
    assert.equal(shown.eu!.revenue, '—1 order in EUR not summed (€55.00)');
    assert.equal(shown.eu!.revenuePerServed, '—');
    assert.equal(shown.us!.revenue, '$148.00');
    assert.match((await page.textContent('#business-meta'))!, /\(1 order line in EUR not summed \(no exchange rate configured\)\)/);
    await page.unroute('**/v1/analytics?*');
    await page.selectOption('#by', 'surface');
    await page.waitForFunction(() => document.getElementById('breakdown-title')?.textContent?.startsWith('By surface'), undefined, WAIT);
    assert.deepEqual(errors, []);
  });

  it('an empty shop reads “—” and “no lists served yet”, not 0 % [0.0–0.0] and p = 1.000', async () => {
    for (const shop of [EMPTY_SHOP, CATALOG_ONLY_SHOP]) {
      await chooseShop(shop);
      await page.waitForFunction(() => document.querySelectorAll('#variants tbody tr').length === 2, undefined, WAIT);
      const q = (await page.getAttribute('#business', 'data-loaded'))!;
      const report = await analytics(`${q}&by=variant`, shop);
      assert.deepEqual(report.groups.map((g: any) => [g.key, g.served]), [['control', 0], ['affinity', 0]]);
      // No revenue: 0 in the report's currency when one is known, else unknown (not a bare "0").
      const revenue = report.currency ? new Intl.NumberFormat('en-US', { style: 'currency', currency: report.currency }).format(0) : '—';
      assert.match((await page.textContent('#business-meta'))!, report.currency ? new RegExp(`revenue in ${report.currency}`) : /no revenue currency known yet/);
      const shown = await tableTexts('#variants');
      for (const key of ['control', 'affinity']) {
        assert.deepEqual(
          [shown[key]!.served, shown[key]!.clickThroughRate, shown[key]!.conversionRate, shown[key]!.revenue, shown[key]!.revenuePerServed],
          ['0', '—', '—', revenue, '—'],
          `${shop} ${key}`,
        );
        assert.equal((await tableTexts('#variant-shoppers'))[key]!.shopperConversionRate, '—');
        assert.equal((await tableTexts('#variant-guardrails'))[key]!.latencyP95, '—');
      }
      const uplift = await tableTexts('#uplift');
      for (const f of ['clickThroughRate', 'conversionRate', 'shopperConversionRate', 'revenuePerServed']) assert.equal(uplift.affinity![f], '—no lists served yet', f);
      assert.doesNotMatch((await page.textContent('#uplift'))!, /p = 1\.000|0\.00 pt/);
      assert.equal(await page.getAttribute('#verdict', 'data-state'), 'collecting');
      assert.match((await page.textContent('#verdict'))!, /^No lists served yet/);
      for (const t of ['#breakdown', '#breakdown-shoppers', '#breakdown-guardrails']) {
        assert.deepEqual(await page.$$eval(`${t} tbody tr`, (trs) => trs.map((tr) => tr.textContent)), ['No lists served yet in this period.'], t);
      }
    }
    assert.deepEqual(errors, []);
  });

  it('a key scoped to one shop is told its operations figures count every shop', async () => {
    // The Shop field was just edited: clicking Sign out blurs it (a change, so a load starts) and signs
    // out; the load finishing afterwards must not reopen the panels.
    await page.click('#signout');
    await page.locator('#login').waitFor({ state: 'visible', ...WAIT });
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await page.evaluate(() => [document.getElementById('login')!.hidden, document.getElementById('panels')!.hidden]), [false, true]);
    // Nothing the `*` key was shown stays in the page for the next key.
    assert.deepEqual(await page.evaluate(() => [document.querySelectorAll('#panels td').length, document.getElementById('business-meta')!.textContent, document.getElementById('ops-note')!.textContent]), [0, '', '']);
    await page.fill('#key', SHOP_ADMIN_KEY);
    await page.click('#login-form button');
    await page.waitForFunction(() => document.getElementById('ops-note')?.textContent?.startsWith('Platform-wide') && document.getElementById('business')?.dataset.shop, undefined, WAIT);
    assert.equal(await page.inputValue('#shop'), SHOP);
    assert.equal(await page.isDisabled('#shop'), true);
    assert.match((await page.textContent('#ops-note'))!, new RegExp(`not only ${SHOP}’s \\(your key’s shop\\); only the catalog MCP breaker is per shop`));
    assert.match((await page.textContent('#operations h2'))!, /all shops/);
    const ops = await (await fetch(`${s.url}/v1/admin/operations`, { headers: { authorization: `Bearer ${SHOP_ADMIN_KEY}` } })).json();
    assert.deepEqual([ops.shop, ops.shopFixed, ops.scope], [SHOP, true, 'all-shops']);
    assert.deepEqual(errors, []);
  });
});
