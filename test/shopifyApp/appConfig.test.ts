/**
 * The Shopify app configuration (shopify.app.toml) and the extensions' shopify.extension.toml files,
 * parsed with a TOML parser as Shopify CLI parses them: the keys Shopify needs, the scopes the extensions
 * need, and URLs that reach Affinity's real handlers (a running Affinity answers them).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'smol-toml';
import { startAffinity, type Running } from '../e2e/helpers.ts';
import { PRODUCT_WEBHOOK_TOPICS } from '../../src/features/catalog/index.ts';
import { blockSource } from './themeBlock.ts';

const root = new URL('../../', import.meta.url);
const toml = (path: string): Record<string, any> => parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, any>;

const app = toml('shopify.app.toml');
const pixel = toml('extensions/affinity-pixel/shopify.extension.toml');
const theme = toml('extensions/affinity-theme/shopify.extension.toml');

describe('shopify.app.toml', () => {
  it('names the app and its URLs on one https host', () => {
    assert.match(app.client_id, /^[0-9a-f]{32}$/);
    assert.equal(app.name, 'Affinity');
    assert.equal(app.embedded, false);
    const hosts = [app.application_url, app.app_proxy.url, app.webhooks.subscriptions[0].uri, ...app.auth.redirect_urls].map((u: string) => {
      const url = new URL(u);
      assert.equal(url.protocol, 'https:', u);
      return url.host;
    });
    assert.equal(new Set(hosts).size, 1, hosts.join(', '));
    assert.equal(app.build.automatically_update_urls_on_dev, false);
  });

  it('asks for the catalog scope and the ones its app proxy and web pixel need, nothing else', () => {
    const scopes = (app.access_scopes.scopes as string).split(',').map((s) => s.trim());
    assert.deepEqual(scopes.sort(), ['read_customer_events', 'read_products', 'write_app_proxy', 'write_pixels']);
  });

  it('subscribes the three mandatory compliance topics', () => {
    assert.match(app.webhooks.api_version, /^\d{4}-(01|04|07|10)$/);
    assert.equal(app.webhooks.subscriptions.length, 2);
    assert.deepEqual([...app.webhooks.subscriptions[0].compliance_topics].sort(), ['customers/data_request', 'customers/redact', 'shop/redact']);
  });

  it('subscribes the product topics on the same endpoint, and the endpoint serves them', () => {
    const products = app.webhooks.subscriptions[1];
    assert.deepEqual([...products.topics].sort(), ['products/create', 'products/delete', 'products/update']);
    assert.equal(products.uri, app.webhooks.subscriptions[0].uri);
    assert.deepEqual([...products.topics].sort(), [...PRODUCT_WEBHOOK_TOPICS].sort());
  });

  it('proxies /apps/affinity, the path the theme block calls by default', () => {
    assert.equal(app.app_proxy.prefix, 'apps');
    assert.equal(app.app_proxy.subpath, 'affinity');
    const storefrontPath = `/${app.app_proxy.prefix}/${app.app_proxy.subpath}`;
    assert.equal(blockSource().schema.settings.find((s) => s.id === 'proxy_path')?.default, storefrontPath);
    const script = readFileSync(new URL('extensions/affinity-theme/assets/affinity-recommendations.js', root), 'utf8');
    assert.ok(script.includes(`d.proxyPath || '${storefrontPath}'`));
  });
});

describe('extension configurations', () => {
  it('the web pixel: strict sandbox, the consent it needs, the settings its code reads', () => {
    assert.equal(pixel.type, 'web_pixel_extension');
    assert.equal(pixel.runtime_context, 'strict');
    assert.deepEqual({ ...pixel.customer_privacy }, { analytics: true, marketing: false, preferences: false, sale_of_data: 'disabled' });
    assert.equal(pixel.settings.type, 'object');
    const fields = Object.keys(pixel.settings.fields).sort();
    assert.deepEqual(fields, ['endpoint', 'shop']);
    for (const f of fields) {
      assert.equal(pixel.settings.fields[f].type, 'single_line_text_field');
      assert.ok(pixel.settings.fields[f].name && pixel.settings.fields[f].description, f);
    }
    const source = readFileSync(new URL('extensions/affinity-pixel/src/affinityPixel.ts', root), 'utf8');
    const read = [...new Set([...source.matchAll(/settings\.(\w+)/g)].map((m) => m[1]))].sort();
    assert.deepEqual(read, fields, 'the code reads exactly the declared settings');
  });

  it('the theme app extension', () => {
    assert.equal(theme.type, 'theme');
    assert.equal(theme.name, 'affinity-theme');
  });
});

describe('the configured URLs reach Affinity’s handlers', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({ SHOPIFY_API_SECRET: 'secret-for-config-test', AFFINITY_API_KEYS: '*:admin:admin-key-0123456789abcdef' });
  });
  after(async () => {
    await s.stop();
  });

  it('the compliance webhook URI: an unsigned delivery is refused by the webhook handler (401), not unknown (404)', async () => {
    const path = new URL(app.webhooks.subscriptions[0].uri).pathname;
    const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-topic': 'shop/redact' }, body: '{"shop_id":1,"shop_domain":"a.myshopify.com"}' });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as any).error.code, 'WEBHOOK_UNAUTHORIZED');
  });

  it('the app proxy URL: the block’s request, unsigned, is refused by the proxy handler (401), not unknown (404)', async () => {
    const path = new URL(app.app_proxy.url).pathname;
    const res = await fetch(`${s.url}${path}/recommendations?product_id=1&limit=4`);
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as any).error.code, 'PROXY_UNAUTHORIZED');
  });
});
