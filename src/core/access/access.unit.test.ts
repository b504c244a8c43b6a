import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grants, normalizeOrigin, parseApiKeys, parsePixelOrigins } from './apiKeys.ts';
import { fullBucket, take } from './tokenBucket.ts';

describe('API keys and pixel origins', () => {
  it('parses keys per shop and role; admin may do everything, * is every shop', () => {
    const r = parseApiKeys('shop-a:ingest:KEY1-0123456789abcdef, shop-a:read:KEY2-0123456789abcdef,*:admin:KEY3-0123456789abcdef');
    assert.ok('keys' in r);
    const [ingest, read, admin] = r.keys as [any, any, any];
    assert.equal(grants(ingest, 'shop-a', 'ingest'), true);
    assert.equal(grants(ingest, 'shop-a', 'read'), false);
    assert.equal(grants(ingest, 'shop-b', 'ingest'), false);
    assert.equal(grants(read, 'shop-a', 'read'), true);
    assert.equal(grants(admin, 'shop-z', 'read'), true);
    assert.equal(grants(admin, 'shop-z', 'admin'), true);
  });

  it('keys and pixel origins configured with an upper-case shop name are for the lower-case shop (domains are case-insensitive)', () => {
    const r = parseApiKeys('HX-A.MyShopify.com:read+ingest:KEY1-0123456789abcdef,*:admin:KEY3-0123456789abcdef');
    assert.ok('keys' in r);
    const [agent, admin] = r.keys as [any, any];
    assert.equal(agent.shop, 'hx-a.myshopify.com');
    assert.equal(grants(agent, 'hx-a.myshopify.com', 'read'), true);
    assert.equal(grants(agent, 'hx-b.myshopify.com', 'read'), false);
    assert.equal(admin.shop, '*');
    const o = parsePixelOrigins('HX-A.myshopify.com=https://hx-a.com');
    assert.deepEqual('origins' in o && o.origins, { 'hx-a.myshopify.com': ['https://hx-a.com'] });
    // Still refused in any case: not a shop domain.
    assert.ok('problems' in parseApiKeys('HTTPS//HX-A.com:read:KEY1-0123456789abcdef'));
  });

  it('lists every malformed key entry', () => {
    const r = parseApiKeys('nocolon,shopA:owner:KEY1-0123456789abcdef,shopA:read:short,shopB:read:KEY1-0123456789abcdef');
    assert.ok('problems' in r);
    assert.equal(r.problems.length, 4);
  });

  it('parses pixel origins and rejects paths and other schemes', () => {
    const r = parsePixelOrigins('shop-a=https://shop-a.com|https://Shop-A.myshopify.com/,shop-b=http://localhost:3000');
    assert.ok('origins' in r);
    assert.deepEqual(r.origins, { 'shop-a': ['https://shop-a.com', 'https://shop-a.myshopify.com'], 'shop-b': ['http://localhost:3000'] });
    const bad = parsePixelOrigins('shopA=https://a.com/path|ftp://x,oops');
    assert.ok('problems' in bad && bad.problems.length === 3);
    assert.equal(normalizeOrigin('null'), undefined);
  });

  it("accepts a shop's explicit `null` origin (Shopify custom pixels run in a sandboxed iframe)", () => {
    const r = parsePixelOrigins('shop-a.myshopify.com=https://shop-a.com|null');
    assert.ok('origins' in r);
    assert.deepEqual(r.origins, { 'shop-a.myshopify.com': ['https://shop-a.com', 'null'] });
  });

  it('parses several roles per key and refuses a malformed shop', () => {
    const r = parseApiKeys('shop-a.myshopify.com:read+ingest:KEY1-0123456789abcdef');
    assert.ok('keys' in r);
    const [k] = r.keys as [any];
    assert.equal(grants(k, 'shop-a.myshopify.com', 'read'), true);
    assert.equal(grants(k, 'shop-a.myshopify.com', 'ingest'), true);
    assert.equal(grants(k, 'shop-a.myshopify.com', 'admin'), false);
    const bad = parseApiKeys('127.0.0.1:6379:read:KEY1-0123456789abcdef,shop b:read:KEY2-0123456789abcdef,a:read+owner:KEY3-0123456789abcdef');
    assert.ok('problems' in bad && bad.problems.length >= 3, JSON.stringify(bad));
  });
});

describe('token bucket', () => {
  it('allows a burst, then one request per 1/rate seconds', () => {
    const p = { ratePerSecond: 2, burst: 3 };
    let b = fullBucket(p, 0);
    const results: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = take(b, p, 0);
      b = r.bucket;
      results.push(r.allowed);
    }
    assert.deepEqual(results, [true, true, true, false]);
    const denied = take(b, p, 0);
    assert.equal(denied.retryAfterMs, 500);
    assert.equal(take(b, p, 500).allowed, true);
  });
});
