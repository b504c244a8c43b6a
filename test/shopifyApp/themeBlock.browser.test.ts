/**
 * The theme block in a real browser (Debian's chromium driven by playwright-core): a product page of a
 * Shopify storefront stand-in (test/shopifyApp/shopifyStorefront.ts) renders the block's Liquid, loads its
 * script, and the script asks a running Affinity through the stand-in's app proxy, which signs the request
 * as Shopify does. Checked: the cards show what Affinity answered; the viewed event is published only once
 * the list is scrolled into view, the clicked event on a click; when Affinity is slow, down or drops the
 * connection the block stays hidden and nothing is logged. Every wait is generous and no assertion is
 * about how long anything took.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAffinity, type Running } from '../e2e/helpers.ts';
import { startStorefront, type Storefront, type StorefrontProduct } from './shopifyStorefront.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOP = 'trailhead-outfitters.myshopify.com';
const SECRET = 'app-client-secret-for-theme-tests';
const ADMIN = { authorization: 'Bearer admin-key-0123456789abcdef' };
const WAIT = { timeout: 60_000 };

const PRODUCTS: (StorefrontProduct & { type: string; tags: string[]; available?: boolean; csvKeyed?: boolean })[] = [
  { id: 7001, handle: 'ridge-waterproof-hiking-boot', title: 'Ridge Waterproof Hiking Boot', price: '149.00', vendor: 'Alpina', type: 'Boots', tags: ['hiking', 'waterproof'] },
  { id: 7002, handle: 'summit-leather-hiking-boot', title: 'Summit Leather Hiking Boot', price: '179.00', vendor: 'Alpina', type: 'Boots', tags: ['hiking', 'leather'] },
  { id: 7003, handle: 'trail-two-person-tent', title: 'Trail Two-Person Tent', price: '299.00', vendor: 'Campco', type: 'Tents', tags: ['camping'] },
  { id: 7004, handle: 'merino-hiking-socks', title: 'Merino Hiking Socks', price: '24.00', vendor: 'Woolly', type: 'Socks', tags: ['hiking', 'merino'] },
  { id: 7005, handle: 'alpine-trekking-poles', title: 'Alpine Trekking Poles', price: '89.00', vendor: 'Alpina', type: 'Poles', tags: ['hiking'] },
  { id: 7006, handle: 'packable-rain-shell', title: 'Packable Rain Shell', price: '129.00', vendor: 'Northpeak', type: 'Jackets', tags: ['waterproof'] },
  { id: 7007, handle: 'titanium-camp-mug', title: 'Titanium Camp Mug', price: '34.00', vendor: 'Campco', type: 'Cookware', tags: ['camping'], available: false },
  // Known to Affinity by its handle only, as a product imported from a CSV export is.
  { id: 7010, handle: 'camp-lantern', title: 'Camp Lantern', price: '45.00', vendor: 'Campco', type: 'Lighting', tags: ['camping'], csvKeyed: true },
];
const BOOT = PRODUCTS[0]!;

const catalog = PRODUCTS.map((p) => ({
  id: p.csvKeyed ? p.handle : p.id,
  handle: p.handle,
  title: p.title,
  vendor: p.vendor,
  productType: p.type,
  tags: p.tags,
  price: p.price,
  currency: 'USD',
  images: [`/cdn/shop/files/${p.handle}.svg`],
  url: `/products/${p.handle}`,
  available: p.available ?? true,
}));

/** Many shoppers looked at the boot and then at the socks, poles, shell, tent or mug. */
function coViews(): object[] {
  const events: object[] = [];
  const then = [7004, 7005, 7006, 7003, 7007];
  for (let i = 0; i < 24; i++) {
    const other = then[i % then.length]!;
    for (const [j, id] of [BOOT.id, other].entries()) {
      events.push({
        id: `cv-${i}-${j}`,
        name: 'product_viewed',
        clientId: `crowd-${i}`,
        timestamp: new Date(Date.now() - (120 - j * 60) * 1000).toISOString(),
        data: { productVariant: { id: `${id}01`, price: { amount: 10, currencyCode: 'USD' }, product: { id: String(id), title: 't', vendor: 'v', type: 't' } } },
      });
    }
  }
  return events;
}

// Skipped on a developer machine without Debian's chromium; never in CI (.ci/run installs it), where a missing browser must fail.
const skip = existsSync(CHROMIUM) || process.env.CI ? false : `no ${CHROMIUM} (apt-get install chromium)`;

describe('theme block in Chromium against Affinity behind the app proxy', { skip }, () => {
  let affinity: Running;
  let store: Storefront;
  let browser: Browser;

  before(async () => {
    affinity = await startAffinity({ SHOPIFY_API_SECRET: SECRET, AFFINITY_API_KEYS: `*:admin:${ADMIN.authorization.slice(7)}` });
    assert.equal((await affinity.post(`/v1/catalog/products?shop=${SHOP}`, catalog, ADMIN)).status, 200);
    assert.equal((await affinity.post('/v1/events', { shop: SHOP, events: coViews() }, ADMIN)).status, 202);
    await affinity.affinity.ctx.projector.flush();
    store = await startStorefront({
      shop: SHOP,
      secret: SECRET,
      affinityUrl: affinity.url,
      products: PRODUCTS,
      cartProductIds: [7003],
      country: 'US',
      currency: 'USD',
      locale: 'en',
      blockSettings: { heading: '', kind: 'for_you', limit: 4, proxy_path: '/apps/affinity' },
      // The script's own 2.5 s limit is for shoppers; a busy CI machine must not fail the happy path.
      extraRootAttributes: 'data-timeout-ms="30000"',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    await store?.close();
    await affinity?.stop();
  });

  /** A fresh page whose console errors and uncaught exceptions are collected. */
  async function openPage(cookies: Record<string, string> = {}, viewport = { width: 1200, height: 800 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport });
    if (Object.keys(cookies).length > 0) await context.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: store.url })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()} @ ${m.location().url}`);
    });
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    return { context, page, errors };
  }

  /** Waits until the block has settled and says how (shown, empty or failed). */
  async function settled(page: Page): Promise<string> {
    const root = page.locator('[data-affinity-recommendations]');
    await page.waitForFunction(() => /^(shown|empty|failed)$/.test(document.querySelector('[data-affinity-recommendations]')?.getAttribute('data-affinity-state') ?? ''), undefined, WAIT);
    return (await root.getAttribute('data-affinity-state')) as string;
  }

  const published = (page: Page) => page.evaluate(() => (window as unknown as { __published: { name: string; data: any }[] }).__published);

  it('renders Affinity’s cards (title, price, quoted reason, link) and publishes the viewed event only when scrolled into view', async () => {
    const before = store.proxied.length;
    const { context, page, errors } = await openPage({ _affinity_cid: 'shopper-7f3a' });
    await page.goto(`${store.url}/products/${BOOT.handle}?spacer=2400`);
    assert.equal(await settled(page), 'shown');

    // What the script asked, and what Affinity answered through the signed proxy.
    const req = store.proxied[before]!;
    assert.deepEqual(Object.fromEntries(req.query), { product_id: String(BOOT.id), product_handle: BOOT.handle, cart: '7003', limit: '4', client_id: 'shopper-7f3a', country: 'US', currency: 'USD', locale: 'en' });
    assert.equal(req.status, 200, req.body);
    const answer = JSON.parse(req.body!) as { shop: string; recommendationId: string; items: { productId: string; title: string; url: string; image: string; price: { formatted: string }; reason: string; available: boolean }[] };
    assert.equal(answer.shop, SHOP);
    const expected = answer.items.filter((i) => i.available);
    assert.ok(expected.length >= 3, req.body);
    assert.ok(answer.items.some((i) => !i.available) || expected.length === answer.items.length);

    const cards = await page.$$eval('.affinity-card', (as) =>
      as.map((a) => ({
        href: a.getAttribute('href'),
        title: a.querySelector('.affinity-card__title')?.textContent,
        price: a.querySelector('.affinity-card__price')?.textContent,
        reason: a.querySelector('.affinity-card__reason')?.textContent,
        image: a.querySelector('img')?.getAttribute('src'),
      })),
    );
    assert.deepEqual(
      cards,
      expected.map((i) => ({ href: i.url, title: i.title, price: i.price.formatted, reason: i.reason, image: i.image })),
    );
    assert.ok(cards.some((c) => /also viewed this/.test(c.reason ?? '')), JSON.stringify(cards));
    assert.equal(await page.locator('[data-affinity-recommendations]').isVisible(), true);

    // Below the fold: only the storefront's country for the pixel yet (two frames give an observer every chance to fire).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const localization = { name: 'affinity:localization', data: { country: 'US' } };
    assert.deepEqual(await published(page), [localization]);
    await page.locator('.affinity-recs__list').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (window as unknown as { __published: unknown[] }).__published.length > 1, undefined, WAIT);
    assert.deepEqual(await published(page), [
      localization,
      // The list is named by the answer's recommendationId, so Affinity counts it as viewed.
      { name: 'affinity:recommendations_viewed', data: { list: answer.recommendationId, sourceProductId: String(BOOT.id), productIds: expected.map((i) => i.productId) } },
    ]);

    // A card is a link to the product (the published click is checked below, on a page that stays).
    await Promise.all([page.waitForURL(`**${expected[1]!.url}`, WAIT), page.locator('.affinity-card').nth(1).click()]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('publishes the clicked card, and names the shopper by _affinity_cid, else the legacy _shopify_y, else not at all', async () => {
    const cases: [Record<string, string>, string | undefined][] = [
      [{ _affinity_cid: 'pixel-client-1', _shopify_y: 'legacy-y' }, 'pixel-client-1'],
      [{ _shopify_y: 'legacy-y' }, 'legacy-y'],
      [{}, undefined],
    ];
    for (const [cookies, expected] of cases) {
      const before = store.proxied.length;
      const { context, page, errors } = await openPage(cookies);
      await page.goto(`${store.url}/products/${BOOT.handle}`);
      assert.equal(await settled(page), 'shown');
      assert.equal(store.proxied[before]!.query.get('client_id') ?? undefined, expected, JSON.stringify(cookies));
      const listId = (JSON.parse(store.proxied[before]!.body!) as { recommendationId: string }).recommendationId;
      // Keep the page: stop the navigation a click would start, then click.
      await page.evaluate(() => document.addEventListener('click', (e) => e.preventDefault()));
      await page.locator('.affinity-card').first().click();
      const events = await published(page);
      const clicked = events.find((e) => e.name === 'affinity:recommendation_clicked');
      const firstHref = await page.locator('.affinity-card').first().getAttribute('href');
      assert.deepEqual(clicked?.data, { list: listId, sourceProductId: String(BOOT.id), productId: await page.locator('.affinity-card').first().getAttribute('data-product-id'), position: 1, url: firstHref });
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  it('names the product by numeric id and handle in one request: Affinity finds a CSV catalog’s product by its handle, one list served', async () => {
    const before = store.proxied.length;
    const { context, page, errors } = await openPage({ _affinity_cid: 'shopper-7f3a' });
    await page.goto(`${store.url}/products/camp-lantern`);
    assert.equal(await settled(page), 'shown');
    const asked = store.proxied.slice(before);
    assert.deepEqual(
      asked.map((r) => [r.query.get('product_id'), r.query.get('product_handle'), JSON.parse(r.body!).productKnown]),
      [['7010', 'camp-lantern', true]],
    );
    const titles = await page.$$eval('.affinity-card__title', (els) => els.map((e) => e.textContent));
    assert.deepEqual(titles, JSON.parse(asked[0]!.body!).items.filter((i: { available: boolean }) => i.available).map((i: { title: string }) => i.title));
    assert.ok(!titles.includes('Camp Lantern'), 'not the product on the page');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('says what an estimated price is: converted into the shopper’s currency, or in another currency than the one they pay in', async () => {
    // The storefront's visitor pays in USD (data-currency); Affinity's answer as it comes for a EUR shop.
    const items = [
      { productId: 'p-eur', title: 'Shop currency', url: '/products/p-eur', available: true, price: { amount: 80, currency: 'EUR', formatted: '≈ €80.00', estimated: true } },
      { productId: 'p-conv', title: 'Converted', url: '/products/p-conv', available: true, price: { amount: 86, currency: 'USD', formatted: '≈ $86.00', estimated: true } },
      { productId: 'p-conv-lc', title: 'Converted, lower case', url: '/products/p-conv-lc', available: true, price: { amount: 86, currency: 'usd', formatted: '≈ $86.00', estimated: true } },
      { productId: 'p-exact', title: 'Market price', url: '/products/p-exact', available: true, price: { amount: 90, currency: 'USD', formatted: '$90.00' } },
      { productId: 'p-nocur', title: 'No currency', url: '/products/p-nocur', available: true, price: { amount: 80, formatted: '≈ 80.00', estimated: true } },
    ];
    const { context, page, errors } = await openPage({ _affinity_cid: 'shopper-7f3a' });
    await page.route(`${store.url}/apps/affinity/recommendations**`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ shop: SHOP, items }) }));
    await page.goto(`${store.url}/products/${BOOT.handle}`);
    assert.equal(await settled(page), 'shown');
    const notes = await page.$$eval('.affinity-card__price', (els) => els.map((e) => [e.textContent, e.getAttribute('title')]));
    assert.deepEqual(notes, [
      ['≈ €80.00', 'Price in EUR, not in your currency; checkout shows the price you pay in USD.'],
      ['≈ $86.00', 'Estimated in your currency; the final price is shown at checkout.'],
      ['≈ $86.00', 'Estimated in your currency; the final price is shown at checkout.'],
      ['$90.00', null],
      ['≈ 80.00', 'Estimated price; the final price is shown at checkout.'],
    ]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const mode of ['slow', 'down', 'reset'] as const) {
    it(`Affinity ${mode === 'slow' ? 'answering only after 10 s' : mode === 'down' ? 'down (the proxy answers 502)' : 'dropping the connection'}: nothing rendered, nothing published, no error`, async () => {
      store.mode = mode;
      try {
        const before = store.proxied.length;
        const { context, page, errors } = await openPage({ _affinity_cid: 'shopper-7f3a' });
        // The block's own limit (2.5 s), not the tests' longer one.
        await page.route(`${store.url}/products/**`, async (route) => {
          const res = await route.fetch();
          await route.fulfill({ response: res, body: (await res.text()).replace('data-timeout-ms="30000"', '') });
        });
        await page.goto(`${store.url}/products/${BOOT.handle}`);
        assert.equal(await settled(page), 'failed');
        if (mode === 'slow') {
          // The script gave up before the answer: the stand-in saw the request abandoned.
          for (let i = 0; i < 200 && !store.proxied[before]?.aborted; i++) await new Promise((r) => setTimeout(r, 50));
          assert.equal(store.proxied[before]?.aborted, true);
        }
        assert.equal(await page.locator('[data-affinity-recommendations]').isVisible(), false);
        assert.equal(await page.locator('.affinity-card').count(), 0);
        // Nothing about a list; the storefront's country for the pixel does not wait for Affinity.
        assert.deepEqual(await published(page), [{ name: 'affinity:localization', data: { country: 'US' } }]);
        // Chromium itself reports a failed request in the console ("Failed to load resource: …"), for any
        // fetch that gets an error status or no answer; no page script can prevent that line. Nothing else:
        // no exception, no message from the block's script.
        const own = errors.filter((e) => !/^console\.error: Failed to load resource: .* @ http:\/\/127\.0\.0\.1:\d+\/apps\/affinity\/recommendations\?/.test(e));
        assert.deepEqual(own, []);
        if (mode === 'slow') assert.deepEqual(errors, [], 'an abandoned request is not reported');
        await context.close();
      } finally {
        store.mode = 'up';
      }
    });
  }

  it('looks like part of the theme (screenshot; UPDATE_SCREENSHOTS=1 writes docs/screenshots/theme-block.png)', async () => {
    const { context, page, errors } = await openPage({ _affinity_cid: 'shopper-7f3a' }, { width: 1180, height: 900 });
    await page.goto(`${store.url}/products/${BOOT.handle}?spacer=8`);
    assert.equal(await settled(page), 'shown');
    await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0), undefined, WAIT);
    // Written into docs/ only when asked, so that a test run leaves the work tree as it was.
    const dir = process.env.UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url)) : mkdtempSync(join(tmpdir(), 'affinity-shot-'));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'theme-block.png');
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 10_000);
    if (process.env.UPDATE_SCREENSHOTS !== '1') rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
