/**
 * The theme app extension's block rendered as Liquid (liquidjs, test/shopifyApp/themeBlock.ts): its schema
 * is what the theme editor offers, and the HTML carries what the page knows for the script. The browser
 * side is themeBlock.browser.test.ts.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { blockSource, renderBlock, rootAttributes, THEME_DIR } from './themeBlock.ts';

const settings = (s: Record<string, unknown> = {}) => ({ heading: '', kind: 'for_you', limit: 4, proxy_path: '/apps/affinity', ...s });

describe('theme block: schema', () => {
  const { schema } = blockSource();

  it('is an app block for sections, loading its script and stylesheet from the extension’s assets', () => {
    assert.equal(schema.name, 'Affinity recommendations');
    assert.equal(schema.target, 'section');
    for (const file of [schema.javascript, schema.stylesheet]) {
      assert.ok(file && existsSync(new URL(`assets/${file}`, THEME_DIR)), `assets/${file}`);
    }
  });

  it('offers heading, the kind of list, how many products and the proxy path', () => {
    assert.deepEqual(
      schema.settings.map((s) => [s.id, s.type]),
      [
        ['heading', 'text'],
        ['kind', 'select'],
        ['limit', 'range'],
        ['proxy_path', 'text'],
      ],
    );
    const kind = schema.settings.find((s) => s.id === 'kind')!;
    assert.deepEqual(kind.options, [
      { value: 'for_you', label: 'Recommended for you' },
      { value: 'bought_together', label: 'Frequently bought together' },
      { value: 'also_like', label: 'You may also like' },
    ]);
    assert.equal(kind.default, 'for_you');
    const limit = schema.settings.find((s) => s.id === 'limit')!;
    // The app proxy route accepts 1–24.
    assert.ok(limit.min! >= 1 && limit.max! <= 24 && (limit.default as number) >= limit.min! && (limit.default as number) <= limit.max!);
    assert.equal(schema.settings.find((s) => s.id === 'proxy_path')!.default, '/apps/affinity');
  });
});

describe('theme block: rendered HTML', () => {
  it('on a product page: the product, the cart’s products once each, the shopper’s country and currency, a logged-in customer', async () => {
    const html = await renderBlock({
      block: { id: 'AbC123', settings: settings({ kind: 'bought_together', limit: 6 }), shopify_attributes: 'data-shopify-editor-block="{&quot;id&quot;:&quot;AbC123&quot;}"' },
      product: { id: 8896125829396, handle: 'all-tied-up-tank-top-resale_lw1bx7s_27574' },
      cart: { items: [{ product_id: 7003 }, { product_id: 7003 }, { product_id: 7005 }], currency: { iso_code: 'USD' } },
      localization: { country: { iso_code: 'ES', currency: { iso_code: 'EUR' } } },
      customer: { id: 9384230682839 },
      request: { locale: { iso_code: 'es-MX' } },
    });
    const a = rootAttributes(html);
    assert.deepEqual(
      {
        id: a.id,
        proxy: a['data-proxy-path'],
        kind: a['data-kind'],
        limit: a['data-limit'],
        product: a['data-product-id'],
        handle: a['data-product-handle'],
        cart: a['data-cart'],
        country: a['data-country'],
        currency: a['data-currency'],
        locale: a['data-locale'],
        loggedIn: a['data-logged-in'],
        editor: a['data-shopify-editor-block'],
      },
      {
        id: 'affinity-recs-AbC123',
        proxy: '/apps/affinity',
        kind: 'bought_together',
        limit: '6',
        product: '8896125829396',
        handle: 'all-tied-up-tank-top-resale_lw1bx7s_27574',
        cart: '7003,7005',
        country: 'ES',
        currency: 'EUR',
        locale: 'es-MX',
        loggedIn: 'true',
        editor: '{&quot;id&quot;:&quot;AbC123&quot;}',
      },
    );
    assert.ok('data-affinity-recommendations' in a && 'hidden' in a, 'hidden until the script fills it');
    // A Spanish storefront (es-MX): the list's own title from locales/es.json.
    assert.match(html, /<h2 class="affinity-recs__heading" id="affinity-recs-AbC123-heading">Se compran juntos con frecuencia<\/h2>/);
    assert.equal(a['data-note-other-currency'], 'Precio en [shown], no en tu moneda; al pagar verás el precio en [theirs].');
    assert.match(html, /<ul class="affinity-recs__list" role="list"><\/ul>/);
    assert.doesNotMatch(html, /schema|"settings"/, 'the schema stays out of the page');
  });

  it('elsewhere: no product, an empty cart, nobody logged in, the currency from the cart when localization has none', async () => {
    const a = rootAttributes(await renderBlock({ block: { id: 'home', settings: settings() }, product: null, cart: { items: [], currency: { iso_code: 'CAD' } }, localization: null, customer: null }));
    assert.equal(a['data-product-id'], '');
    assert.equal(a['data-product-handle'], '');
    assert.equal(a['data-cart'], '');
    assert.equal(a['data-country'], '');
    assert.equal(a['data-currency'], 'CAD');
    assert.equal(a['data-locale'], '');
    assert.equal(a['data-logged-in'], 'false');
  });

  it("writes its own words in the storefront's language: every key of the default locale has its Spanish one", async () => {
    const keys = (tree: unknown, at = ''): string[] =>
      tree && typeof tree === 'object' ? Object.entries(tree).flatMap(([k, v]) => keys(v, at ? `${at}.${k}` : k)) : [at];
    const read = (f: string) => JSON.parse(readFileSync(new URL(`locales/${f}`, THEME_DIR), 'utf8')) as unknown;
    assert.deepEqual(keys(read('es.json')).sort(), keys(read('en.default.json')).sort());
    const html = (iso?: string) => renderBlock({ block: { id: 'b', settings: settings({ kind: 'also_like' }) }, ...(iso ? { request: { locale: { iso_code: iso } } } : {}) });
    assert.match(await html('es'), />También te puede gustar<\/h2>/);
    assert.match(await html('en'), />You may also like<\/h2>/);
    assert.match(await html('fr'), />You may also like<\/h2>/, 'a language the extension has no file for: the default');
    assert.match(await html(), /data-note-estimated="Estimated price; the final price is shown at checkout."/);
    assert.doesNotMatch(await html('es'), /translation missing/);
  });

  it('titles the list by its kind unless the merchant wrote a heading, which is escaped', async () => {
    const heading = async (s: Record<string, unknown>) => /<h2[^>]*>([^<]*)<\/h2>/.exec(await renderBlock({ block: { id: 'b', settings: settings(s) } }))![1];
    assert.equal(await heading({ kind: 'for_you' }), 'Recommended for you');
    assert.equal(await heading({ kind: 'bought_together' }), 'Frequently bought together');
    assert.equal(await heading({ kind: 'also_like' }), 'You may also like');
    assert.equal(await heading({ heading: 'Complete the look <b>now</b> & save' }), 'Complete the look &lt;b&gt;now&lt;/b&gt; &amp; save');
  });

  it('keeps a merchant’s proxy path, escaped, and falls back to /apps/affinity when it is blank', async () => {
    const path = async (p: unknown) => rootAttributes(await renderBlock({ block: { id: 'b', settings: settings({ proxy_path: p }) } }))['data-proxy-path'];
    assert.equal(await path('/tools/recs'), '/tools/recs');
    assert.equal(await path(''), '/apps/affinity');
    // Shopify writes &quot;, liquidjs &#34;: either way the value cannot leave its attribute.
    assert.match((await path('/a"><script>'))!, /^\/a(&quot;|&#34;)&gt;&lt;script&gt;$/);
  });
});

describe('theme block: script', () => {
  const script = readFileSync(new URL('assets/affinity-recommendations.js', THEME_DIR), 'utf8');

  it('never writes to the console and never builds HTML from strings', () => {
    assert.doesNotMatch(script, /console\./);
    assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });

  it('calls the proxy path the block names, with a 2.5 s limit', () => {
    assert.match(script, /var TIMEOUT_MS = 2500;/);
    assert.match(script, /path \+ '\/recommendations\?'/);
  });
});
