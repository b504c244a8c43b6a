import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration: markets, API keys, pixel origins, webhook secrets', () => {
  it('defaults: built-in markets, open mode, no webhook secret', () => {
    const c = loadConfig({});
    assert.deepEqual(c.markets.markets.map((m) => m.handle), ['us', 'eu', 'apac']);
    assert.deepEqual(c.apiKeys, []);
    assert.deepEqual(c.shopifyApiSecrets, []);
    assert.ok(Object.isFrozen(c.markets));
  });

  it('reads keys, origins, secrets and a markets file with overrides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-config-'));
    try {
      const file = join(dir, 'markets.json');
      writeFileSync(file, JSON.stringify({ markets: [{ handle: 'mx', countries: ['MX'], currency: 'MXN', language: 'es-MX', cacheTtlSeconds: 900, privacy: 'none', priceInclusions: { duties: 'included', taxes: 'included' } }] }));
      const c = loadConfig({
        AFFINITY_MARKETS_FILE: file,
        AFFINITY_MARKET_MX_CACHE_TTL_S: '60',
        AFFINITY_API_KEYS: 'a:read:0123456789abcdef0',
        AFFINITY_PIXEL_ORIGINS: 'a=https://a.com',
        SHOPIFY_API_SECRET: 'new, old',
      });
      assert.equal(c.markets.defaultMarket, 'mx');
      assert.equal(c.markets.markets[0]?.cacheTtlSeconds, 60);
      assert.deepEqual(c.apiKeys[0]?.roles, ['read']);
      assert.deepEqual(c.pixelOrigins, { a: ['https://a.com'] });
      assert.deepEqual(c.shopifyApiSecrets, ['new', 'old']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every problem at once, across variables', () => {
    try {
      loadConfig({ PORT: 'x', AFFINITY_MARKET_EU_CACHE_TTL_S: '-5', AFFINITY_MARKET_MARS_PRIVACY: 'none', AFFINITY_API_KEYS: 'a:root:short', AFFINITY_PIXEL_ORIGINS: 'a=ftp://x' });
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      const text = e.problems.join('\n');
      for (const needle of ['PORT', 'market "eu": cacheTtlSeconds', 'AFFINITY_MARKET_MARS_PRIVACY', 'role "root"', 'at least 16', 'ftp://x']) assert.ok(text.includes(needle), `missing ${needle} in\n${text}`);
    }
    assert.throws(() => loadConfig({ AFFINITY_MARKETS_FILE: '/nonexistent/markets.json' }), /cannot read \/nonexistent\/markets.json/);
  });
});
