import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, parseTrustProxy, SETTINGS, type Config } from './config.ts';

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

describe('configuration: one declaration per setting', () => {
  const agent = { AFFINITY_UCP_AGENT_PROFILE_URL: 'https://agent.example/profile' };
  const model = { AFFINITY_INTENT_MODEL_URL: 'http://127.0.0.1:9/v1', AFFINITY_INTENT_MODEL: 'm' };
  /** For each setting: a valid value other than its default, and what it needs beside it to show in the configuration. */
  const SAMPLES: Readonly<Record<string, readonly [string, Record<string, string>?]>> = {
    PORT: ['9000'],
    HOST: ['0.0.0.0'],
    AFFINITY_MCP_ALLOWED_ORIGINS: ['https://agent.example'],
    AFFINITY_MCP_ALLOWED_HOSTS: ['api.example.com'],
    AFFINITY_TRUST_PROXY: ['loopback, 10.0.0.0/8'],
    AFFINITY_STORE: ['redis'],
    AFFINITY_DB: ['other.db'],
    REDIS_URL: ['redis://10.0.0.5:6379'],
    AFFINITY_REDIS_CLUSTER: ['10.0.0.5:7000'],
    AFFINITY_ROLES: ['ingest'],
    AFFINITY_WORKERS: ['2'],
    AFFINITY_LOG_LEVEL: ['warn'],
    AFFINITY_CATALOG_MAX_PRODUCTS: ['5000'],
    AFFINITY_DEFAULT_SHOP: ['a.myshopify.com'],
    AFFINITY_PROFILE_TTL_DAYS: ['30'],
    AFFINITY_PROFILE_HALF_LIFE_DAYS: ['14'],
    AFFINITY_SESSION_GAP_MINUTES: ['10'],
    AFFINITY_SESSION_MEMORY_MINUTES: ['10'],
    AFFINITY_ALLOW_REPEAT_PURCHASES: ['1'],
    AFFINITY_EXPERIMENTS_FILE: ['experiments.json'],
    AFFINITY_ATTRIBUTION_WINDOW_DAYS: ['3'],
    AFFINITY_EXTERNAL_RECOMMENDER_URL: ['http://127.0.0.1:9/recs'],
    AFFINITY_EXTERNAL_RECOMMENDER_TIMEOUT_MS: ['50', { AFFINITY_EXTERNAL_RECOMMENDER_URL: 'http://127.0.0.1:9/recs' }],
    AFFINITY_UCP_AGENT_PROFILE_URL: ['https://agent.example/profile'],
    SHOPIFY_STOREFRONT_MCP_URL: ['http://127.0.0.1:9/mcp', agent],
    AFFINITY_CATALOG_MCP_TIMEOUT_MS: ['100', agent],
    AFFINITY_CATALOG_CACHE_TTL_SECONDS: ['10', agent],
    AFFINITY_CATALOG_CACHE_MAX_ENTRIES: ['10', agent],
    AFFINITY_CATALOG_SYNC_MINUTES: ['5', agent],
    AFFINITY_API_KEYS: ['a.myshopify.com:read:0123456789abcdef'],
    AFFINITY_PIXEL_ORIGINS: ['a.myshopify.com=https://a.com'],
    AFFINITY_PIXEL_RATE_PER_MIN: ['60'],
    AFFINITY_PIXEL_BURST: ['5'],
    SHOPIFY_API_SECRET: ['s'],
    AFFINITY_MARKETS_FILE: ['(a markets file, written below)'],
    AFFINITY_DEFAULT_MARKET: ['eu'],
    AFFINITY_INTENT_MODEL_URL: ['http://127.0.0.1:9/v1', { AFFINITY_INTENT_MODEL: 'm' }],
    AFFINITY_INTENT_MODEL: ['m2', model],
    AFFINITY_INTENT_MODEL_KEY: ['k', model],
    AFFINITY_INTENT_MODEL_TIMEOUT_MS: ['100'],
    AFFINITY_INTENT_SAMPLING: ['true'],
  };

  it('every declared setting reaches the configuration (none declared and then ignored)', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), Object.keys(SETTINGS).sort(), 'a sample for every declared setting');
    const dir = mkdtempSync(join(tmpdir(), 'affinity-config-'));
    try {
      const markets = join(dir, 'markets.json');
      writeFileSync(markets, JSON.stringify({ markets: [{ handle: 'mx', countries: ['MX'], currency: 'MXN', language: 'es-MX', cacheTtlSeconds: 900, privacy: 'none', priceInclusions: { duties: 'included', taxes: 'included' } }] }));
      for (const [name, [value, beside = {}]] of Object.entries(SAMPLES)) {
        const env = { ...beside, [name]: name === 'AFFINITY_MARKETS_FILE' ? markets : value };
        assert.notDeepEqual(loadConfig(env), loadConfig(beside), `${name} changes nothing`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deep-frozen, every nested list and object', () => {
    const c = loadConfig({
      AFFINITY_API_KEYS: 'a.myshopify.com:read+ingest:0123456789abcdef',
      AFFINITY_PIXEL_ORIGINS: 'a.myshopify.com=https://a.com',
      AFFINITY_REDIS_CLUSTER: '127.0.0.1:7000',
      AFFINITY_UCP_AGENT_PROFILE_URL: 'https://agent.example/profile',
      AFFINITY_EXTERNAL_RECOMMENDER_URL: 'http://127.0.0.1:9/recs',
      AFFINITY_INTENT_MODEL_URL: 'http://127.0.0.1:9/v1',
      AFFINITY_INTENT_MODEL: 'm',
      SHOPIFY_API_SECRET: 'a,b',
    });
    const thawed: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (v === null || typeof v !== 'object') return;
      if (!Object.isFrozen(v)) thawed.push(path);
      for (const [k, child] of Object.entries(v)) walk(child, `${path}.${k}`);
    };
    walk(c, 'config');
    assert.deepEqual(thawed, []);
    assert.throws(() => (c.apiKeys[0]!.roles as string[]).push('admin'), TypeError);
  });

  it('a Cluster implies Redis; AFFINITY_STORE=sqlite beside it is a contradiction, reported even when the nodes are wrong', () => {
    assert.equal(loadConfig({ AFFINITY_REDIS_CLUSTER: '127.0.0.1:7000' }).store, 'redis');
    assert.equal(loadConfig({ AFFINITY_REDIS_CLUSTER: '127.0.0.1:7000', AFFINITY_STORE: 'redis' }).store, 'redis');
    assert.equal(loadConfig({ AFFINITY_STORE: 'redis' }).redisCluster, undefined);
    const contradiction = 'AFFINITY_REDIS_CLUSTER: the store is Redis on a Cluster; AFFINITY_STORE=sqlite contradicts it (unset one of them)';
    assert.throws(() => loadConfig({ AFFINITY_REDIS_CLUSTER: '127.0.0.1:7000', AFFINITY_STORE: 'sqlite' }), (e: unknown) => e instanceof ConfigError && e.problems.length === 1 && e.problems[0] === contradiction);
    assert.throws(() => loadConfig({ AFFINITY_REDIS_CLUSTER: 'nohost', AFFINITY_STORE: 'sqlite' }), (e: unknown) => e instanceof ConfigError && e.problems.includes(contradiction) && e.problems.includes('AFFINITY_REDIS_CLUSTER: "nohost" is not host:port (e.g. 10.0.0.5:7000)'));
  });

  it('a fixed Storefront Catalog MCP endpoint needs the agent profile URL: alone it would start a client that never runs', () => {
    assert.throws(
      () => loadConfig({ SHOPIFY_STOREFRONT_MCP_URL: 'http://127.0.0.1:9/mcp' }),
      (e: unknown) => e instanceof ConfigError && e.problems.length === 1 && /^AFFINITY_UCP_AGENT_PROFILE_URL: required when SHOPIFY_STOREFRONT_MCP_URL is set/.test(e.problems[0] as string),
    );
    const both = loadConfig({ SHOPIFY_STOREFRONT_MCP_URL: 'http://127.0.0.1:9/mcp', AFFINITY_UCP_AGENT_PROFILE_URL: 'https://agent.example/profile' });
    assert.equal(both.shopCatalog?.url, 'http://127.0.0.1:9/mcp');
    assert.equal(loadConfig({}).shopCatalog, undefined);
  });

  it('lists one problem from every group at once, each worded as before', () => {
    let problems: readonly string[] = [];
    try {
      loadConfig({
        PORT: '70000',
        AFFINITY_MCP_ALLOWED_HOSTS: 'bad host',
        AFFINITY_STORE: 'postgres',
        AFFINITY_ROLES: 'recommend',
        AFFINITY_WORKERS: '2',
        AFFINITY_PROFILE_HALF_LIFE_DAYS: '3',
        AFFINITY_ATTRIBUTION_WINDOW_DAYS: '100',
        AFFINITY_EXTERNAL_RECOMMENDER_URL: 'not a url',
        AFFINITY_CATALOG_SYNC_MINUTES: '-1',
        AFFINITY_API_KEYS: 'a.myshopify.com:read:short',
        AFFINITY_MARKETS_FILE: '/nonexistent/markets.json',
        AFFINITY_INTENT_MODEL_URL: 'http://127.0.0.1:9/v1',
      });
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      problems = e.problems;
    }
    const expected = [
      /^PORT: /,
      /^AFFINITY_MCP_ALLOWED_HOSTS: "bad host" is not a host name/,
      /^AFFINITY_STORE: .*"sqlite"\|"redis"/,
      /^AFFINITY_WORKERS: more than one worker runs every role on this machine/,
      /^AFFINITY_PROFILE_HALF_LIFE_DAYS: /,
      /^AFFINITY_ATTRIBUTION_WINDOW_DAYS: /,
      /^AFFINITY_EXTERNAL_RECOMMENDER_URL: /,
      /^AFFINITY_CATALOG_SYNC_MINUTES: /,
      /^AFFINITY_API_KEYS entry 1 \(a\.myshopify\.com:read\): the key must be at least 16 characters$/,
      /^AFFINITY_MARKETS_FILE: cannot read \/nonexistent\/markets\.json \(ENOENT\)$/,
      /^AFFINITY_INTENT_MODEL: required when AFFINITY_INTENT_MODEL_URL is set$/,
    ];
    for (const re of expected) assert.ok(problems.some((p) => re.test(p)), `missing ${re} in\n${problems.join('\n')}`);
    assert.equal(problems.length, expected.length, problems.join('\n'));
  });

  it('the type is the schema\'s output: renamed, converted, grouped', () => {
    const c: Config = loadConfig({ AFFINITY_PROFILE_TTL_DAYS: '2', AFFINITY_PIXEL_RATE_PER_MIN: '120', AFFINITY_CATALOG_CACHE_TTL_SECONDS: '7', AFFINITY_UCP_AGENT_PROFILE_URL: 'https://agent.example/p' });
    assert.equal(c.profileTtlMs, 2 * 86_400_000);
    assert.deepEqual(c.pixelRateLimit, { ratePerSecond: 2, burst: 120 });
    assert.deepEqual(c.shopCatalog, { agentProfileUrl: 'https://agent.example/p', timeoutMs: 800, cacheTtlMs: 7000, cacheMaxEntries: 5000, syncMinutes: 0 });
    assert.equal('AFFINITY_PROFILE_TTL_DAYS' in c, false);
  });
});

describe('AFFINITY_TRUST_PROXY', () => {
  it('takes addresses, CIDR ranges, range names or a number of proxies, and refuses true and anything else', () => {
    assert.deepEqual(parseTrustProxy('10.0.0.1, 10.1.0.0/16,loopback,::1,fd00::/8'), { trust: ['10.0.0.1', '10.1.0.0/16', 'loopback', '::1', 'fd00::/8'] });
    assert.deepEqual(parseTrustProxy('2'), { trust: 2 });
    assert.deepEqual(parseTrustProxy(undefined), {});
    for (const bad of ['true', 'TRUE', 'false', '0', '11', 'proxy.example.com', '10.0.0.0/33', '10.0.0.1/8/1', '*']) assert.ok('problem' in parseTrustProxy(bad), bad);
  });
});
