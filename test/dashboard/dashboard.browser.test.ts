/**
 * The dashboard in a real browser (Debian's chromium driven by playwright-core) against a running
 * Affinity with API keys, seeded through the HTTP API (served lists, pixel clicks, carts, orders):
 * the page loads without console errors, asks for the admin key, and once signed in shows business
 * figures equal to the analytics API's for the same query (per variant and per breakdown), the
 * operations panel, and previews. Screenshots go to docs/screenshots/dashboard-*.png only with
 * UPDATE_SCREENSHOTS=1. Every wait is generous and no assertion is about how long anything took.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAffinity, type Running } from '../e2e/helpers.ts';
import { EXPERIMENTS, SHOP, seedAttribution } from '../e2e/attributionShop.ts';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN_KEY = 'dashboard-admin-key-0123456789';
const ADMIN = { authorization: `Bearer ${ADMIN_KEY}` };
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
    s = await startAffinity({ AFFINITY_EXPERIMENTS_FILE: file, AFFINITY_API_KEYS: `*:admin:${ADMIN_KEY}` });
    shoppers = await seedAttribution(s, ADMIN);
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

  async function analytics(query: string): Promise<any> {
    const res = await fetch(`${s.url}/v1/analytics?shop=${SHOP}&${query}`, { headers: ADMIN });
    assert.equal(res.status, 200);
    return res.json();
  }

  function assertSame(shown: Record<string, Record<string, string>>, report: any): void {
    assert.deepEqual(Object.keys(shown), report.groups.map((g: any) => g.key));
    for (const g of report.groups) {
      for (const f of FIELDS) assert.equal(Number(shown[g.key]![f]), g[f], `${g.key} ${f}`);
      for (const f of RATES) assert.equal(Number(shown[g.key]![f]), g[f].value, `${g.key} ${f}`);
    }
  }

  it('serves the page and its assets without a key, and asks for the admin key', async () => {
    for (const p of ['/dashboard', '/dashboard/dashboard.js', '/dashboard/uplot.js', '/dashboard/uplot.css']) assert.equal((await fetch(`${s.url}${p}`)).status, 200, p);
    assert.equal((await fetch(`${s.url}/v1/admin/operations`)).status, 401);
    await page.goto(`${s.url}/dashboard`);
    await page.locator('#login').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.locator('#panels').isVisible(), false);
    await shot('login');
    // A wrong key is refused with the server's message.
    await page.fill('#key', 'not-a-key');
    await page.click('#login-form button');
    await page.waitForFunction(() => document.getElementById('login-error')?.textContent?.includes('not valid'), undefined, WAIT);
    assert.deepEqual(errors.filter((e) => !e.includes('401')), []);
    errors.length = 0;
  });

  it('signs in with the admin key, chooses the shop, and shows the analytics API’s figures', async () => {
    await page.fill('#key', ADMIN_KEY);
    await page.click('#login-form button');
    await page.locator('#panels').waitFor({ state: 'visible', ...WAIT });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('affinity.dashboard.key')), ADMIN_KEY);
    // A `*` key: the shop is chosen in the page.
    await page.fill('#shop', SHOP);
    await page.dispatchEvent('#shop', 'change');
    await page.waitForFunction(() => document.querySelectorAll('#variants tbody tr').length === 2 && document.getElementById('experiment')?.textContent?.includes('recs-v1'), undefined, WAIT);
    assert.deepEqual(await page.$$eval('#experiment option', (os) => os.map((o) => (o as HTMLOptionElement).value)), ['', 'recs-v1']);
    const query = (await page.getAttribute('#business', 'data-loaded'))!;
    assert.match(query, /experiment=recs-v1/);
    const byVariant = await analytics(`${query}&by=variant`);
    assert.equal(byVariant.shop, SHOP);
    assertSame(await tableValues('#variants'), byVariant);
    // The seed: control 3 lists / 1 order, affinity 4 lists / 2 orders.
    assert.deepEqual(byVariant.groups.map((g: any) => [g.key, g.served, g.orders]), [['control', 3, 1], ['affinity', 4, 2]]);
    const uplift = await tableValues('#uplift');
    assert.deepEqual(Object.keys(uplift), ['affinity']);
    for (const f of RATES) assert.equal(Number(uplift.affinity![f]), byVariant.groups[1].uplift[f].value, `uplift ${f}`);
    assert.equal(uplift.affinity!.status, 'collecting');
    assert.equal(await page.getAttribute('#verdict', 'data-state'), 'collecting');
    assert.match((await page.textContent('#rule'))!, /1,000 served lists.*p < 0\.05/);
    assertSame(await tableValues('#breakdown'), await analytics(`${query}&by=surface`));
    await shot('business', '#business');

    for (const by of ['agent', 'intent', 'market']) {
      await page.selectOption('#by', by);
      await page.waitForFunction((b) => document.getElementById('breakdown-title')?.textContent?.startsWith(`By ${b}`) && document.getElementById('business')?.dataset.loaded, by, WAIT);
      const q = (await page.getAttribute('#business', 'data-loaded'))!;
      assertSame(await tableValues('#breakdown'), await analytics(`${q}&by=${by}`));
    }
    assert.ok(Object.keys(await tableValues('#breakdown')).length > 0);
    assert.deepEqual(errors, []);
  });

  it('shows the operations of this process', async () => {
    await page.waitForFunction(() => document.querySelectorAll('#ops-tiles .tile').length >= 9 && document.querySelectorAll('#chart-latency canvas').length === 1, undefined, WAIT);
    assert.match((await page.textContent('#ops-note'))!, /this process’s own \(pid \d+/);
    const tiles = await page.$$eval('#ops-tiles .tile', (ts) => Object.fromEntries(ts.map((t) => [(t as HTMLElement).dataset.field, t.querySelector('.value')?.textContent])));
    assert.match(tiles.requests!, /^\d[\d,]*$/);
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
});
