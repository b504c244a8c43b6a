/**
 * API keys per shop and role, pixel origins and the per-client rate limit, end to end. (Every other
 * end-to-end suite runs without keys: the open development mode.)
 */
import assert from 'node:assert/strict';
import { createConnection } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from './helpers.ts';

const INGEST = 'shopA-ingest-0123456789';
const READ = 'shopA-read-0123456789ab';
const ADMIN = 'global-admin-0123456789';

const view = (id: string, clientId: string) => ({
  id,
  name: 'product_viewed',
  clientId,
  data: { productVariant: { id: '11', price: { amount: 10, currencyCode: 'USD' }, product: { id: '1', title: 'x', vendor: 'v', type: 't' } } },
});

async function call(s: Running, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe('API keys, pixel origins and rate limits', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity({
      AFFINITY_API_KEYS: `shopA:ingest:${INGEST},shopA:read:${READ},*:admin:${ADMIN}`,
      AFFINITY_PIXEL_ORIGINS: 'shopA=https://shop-a.com|https://shop-a.myshopify.com',
      AFFINITY_PIXEL_RATE_PER_MIN: '1',
      AFFINITY_PIXEL_BURST: '3',
    });
    const imp = await call(s, 'POST', '/v1/catalog/products?shop=shopA', [{ id: '1', title: 'x', price: '10.00' }], { authorization: `Bearer ${ADMIN}` });
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
  });
  after(async () => {
    await s.stop();
  });

  it('server-to-server ingest needs an ingest key for the shop', async () => {
    const body = { shop: 'shopA', events: [view('k-1', 'c-1')] };
    const none = await call(s, 'POST', '/v1/events', body);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'UNAUTHORIZED');
    // Every 401 says how to authenticate (RFC 9110 §15.5.2); a key that is not valid is named so (RFC 6750 §3.1).
    assert.equal(none.headers.get('www-authenticate'), 'Bearer realm="affinity"');
    const wrong = await call(s, 'POST', '/v1/events', body, { authorization: 'Bearer wrong-key-0123456789' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), 'Bearer realm="affinity", error="invalid_token"');
    const wrongHeader = await call(s, 'POST', '/v1/recommendations', { shop: 'shopA' }, { 'x-affinity-key': 'wrong-key-0123456789' });
    assert.equal(wrongHeader.headers.get('www-authenticate'), 'Bearer realm="affinity", error="invalid_token"');
    const readKey = await call(s, 'POST', '/v1/events', body, { 'x-affinity-key': READ });
    assert.equal(readKey.status, 403);
    assert.equal(readKey.body.error.code, 'FORBIDDEN');
    assert.equal((await call(s, 'POST', '/v1/events', { ...body, shop: 'shopB' }, { authorization: `Bearer ${INGEST}` })).status, 403, 'keys are per shop');
    assert.equal((await call(s, 'POST', '/v1/events', body, { authorization: `Bearer ${INGEST}` })).status, 202);
    assert.equal((await call(s, 'POST', '/v1/events', { ...body, shop: 'shopB' }, { authorization: `Bearer ${ADMIN}` })).status, 202, 'admin may do everything');
    // Two different keys in one request: refused, whichever would have been read.
    const two = await call(s, 'POST', '/v1/events', body, { authorization: `Bearer ${INGEST}`, 'x-affinity-key': ADMIN });
    assert.deepEqual([two.status, two.body.error.code], [401, 'UNAUTHORIZED']);
    assert.match(two.body.error.message, /two different API keys/);
    // Near miss: the same key in both headers is one credential.
    assert.equal((await call(s, 'POST', '/v1/events', body, { authorization: `Bearer ${INGEST}`, 'x-affinity-key': INGEST })).status, 202);
  });

  it('refuses two Authorization headers (Node kept the first: the reverse order acted as the other key) and two Host headers', async () => {
    const url = new URL(s.url);
    const raw = (lines: string[]) =>
      new Promise<string>((resolve, reject) => {
        const sock = createConnection({ host: url.hostname, port: Number(url.port) });
        let out = '';
        sock.on('data', (d) => (out += d));
        sock.on('end', () => resolve(out));
        sock.on('error', reject);
        sock.write(`${lines.join('\r\n')}\r\n\r\n`);
      });
    const twoKeys = await raw(['GET /v1/users/u-1/profile?shop=shopA HTTP/1.1', `Host: ${url.host}`, `Authorization: Bearer ${READ}`, `Authorization: Bearer ${ADMIN}`, 'Connection: close']);
    assert.match(twoKeys, /^HTTP\/1\.1 401 /);
    assert.match(twoKeys, /two Authorization headers/);
    const twoHosts = await raw(['GET /v1/users/u-1/profile?shop=shopA HTTP/1.1', `Host: ${url.host}`, 'Host: evil.example', `Authorization: Bearer ${READ}`, 'Connection: close']);
    assert.match(twoHosts, /^HTTP\/1\.1 400 /);
    // Near miss: one of each is read as before.
    const one = await raw(['GET /v1/users/u-1/profile?shop=shopA HTTP/1.1', `Host: ${url.host}`, `Authorization: Bearer ${READ}`, 'Connection: close']);
    assert.doesNotMatch(one, /^HTTP\/1\.1 (400|401) /);
  });

  it('reads need a read key; admin endpoints need admin', async () => {
    const rec = { shop: 'shopA', limit: 2 };
    assert.equal((await call(s, 'POST', '/v1/recommendations', rec)).status, 401);
    assert.equal((await call(s, 'POST', '/v1/recommendations', rec, { authorization: `Bearer ${INGEST}` })).status, 403);
    assert.equal((await call(s, 'POST', '/v1/recommendations', rec, { authorization: `Bearer ${READ}` })).status, 200);
    assert.equal((await call(s, 'GET', '/v1/admin/privacy/jobs/nope?shop=shopA', undefined, { authorization: `Bearer ${READ}` })).status, 403);
    assert.equal((await call(s, 'GET', '/v1/admin/privacy/jobs/nope?shop=shopA', undefined, { authorization: `Bearer ${ADMIN}` })).status, 404);
    assert.equal((await call(s, 'POST', '/v1/catalog/products?shop=shopA', [], { authorization: `Bearer ${READ}` })).status, 403);
    // A path spelled with percent-encoding is the path the router reads: the same access (a read key reached
    // admin routes through /v1/%61dmin/… and /v1/catalog/%70roducts).
    for (const [method, path] of [
      ['GET', '/v1/%61dmin/operations?shop=shopA'],
      ['GET', '/v1/%61dmin/privacy/jobs/nope?shop=shopA'],
      ['DELETE', '/v1/catalog/%70roducts/1?shop=shopA'],
      ['POST', '/v1/catalog/%70roducts?shop=shopA&mode=replace'],
    ] as const) {
      const r = await call(s, method, path, method === 'POST' ? [] : undefined, { authorization: `Bearer ${READ}` });
      assert.equal(r.status, 403, `${method} ${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'FORBIDDEN');
    }
    assert.equal((await call(s, 'GET', '/health/live', undefined)).status, 200, 'health stays public');
  });

  it('pixel requests (with an Origin, no key) are accepted only from the shop’s storefront origins', async () => {
    const body = { shop: 'shopA', events: [view('p-1', 'pix-1')] };
    const ok = await call(s, 'POST', '/v1/events', body, { origin: 'https://shop-a.myshopify.com' });
    assert.equal(ok.status, 202);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://shop-a.myshopify.com');
    const evil = await call(s, 'POST', '/v1/events', body, { origin: 'https://evil.example' });
    assert.equal(evil.status, 403);
    assert.equal(evil.body.error.code, 'ORIGIN_NOT_ALLOWED');
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const otherShop = await call(s, 'POST', '/v1/events', { ...body, shop: 'shopB' }, { origin: 'https://shop-a.com' });
    assert.equal(otherShop.status, 403, 'an origin is allowed for its own shop only');
    const consent = await call(s, 'POST', '/v1/consent', { shop: 'shopA', userId: 'pix-1', consent: { analyticsProcessingAllowed: true } }, { origin: 'https://shop-a.com' });
    assert.equal(consent.status, 200);
  });

  it('rate-limits a pixel client with 429 RATE_LIMITED and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await call(s, 'POST', '/v1/events', { shop: 'shopA', events: [view(`rl-${i}`, 'busy-client')] }, { origin: 'https://shop-a.com' });
      statuses.push(last.status);
    }
    assert.deepEqual(statuses, [202, 202, 202, 429, 429]);
    assert.equal(last?.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(last?.headers.get('retry-after')) >= 1);
    assert.equal(last?.headers.get('access-control-expose-headers'), 'retry-after', 'the pixel script may read it');
    // Another client of the same shop is not affected.
    assert.equal((await call(s, 'POST', '/v1/events', { shop: 'shopA', events: [view('rl-x', 'calm-client')] }, { origin: 'https://shop-a.com' })).status, 202);
  });
});

describe('behind a TLS proxy (AFFINITY_TRUST_PROXY): the per-address pixel limit is per shopper address, not per proxy', () => {
  const burst = (s: Running, prefix: string, forwardedFor: (i: number) => string) =>
    Promise.all(
      Array.from({ length: 35 }, async (_, i) =>
        (await call(s, 'POST', '/v1/events', { shop: 'shopA', events: [view(`${prefix}-${i}`, `${prefix}-client-${i}`)] }, { origin: 'https://shop-a.com', 'x-forwarded-for': forwardedFor(i) })).status,
      ),
    );
  const env = { AFFINITY_PIXEL_ORIGINS: 'shopA=https://shop-a.com,shopB=https://shop-b.com', AFFINITY_PIXEL_RATE_PER_MIN: '1', AFFINITY_PIXEL_BURST: '3' };

  it('trusting the proxy (here loopback), 35 shoppers behind it are 35 addresses; one address sending as much is limited', async () => {
    const s = await startAffinity({ ...env, AFFINITY_TRUST_PROXY: 'loopback' });
    try {
      assert.deepEqual(new Set(await burst(s, 'many', (i) => `203.0.113.${i + 1}`)), new Set([202]));
      const same = await burst(s, 'one', () => '198.51.100.7');
      // The address's burst is 30 (ten times a client's 3); a token comes back every 6 s, so a slow run may let one more in.
      const passed = same.filter((st) => st === 202).length;
      assert.ok(same.includes(429) && passed >= 30 && passed <= 31, JSON.stringify(same));
      // The address's limit is per shop: its shoppers on another shop still get through.
      const other = await call(s, 'POST', '/v1/events', { shop: 'shopB', events: [view('one-b', 'one-b-client')] }, { origin: 'https://shop-b.com', 'x-forwarded-for': '198.51.100.7' });
      assert.equal(other.status, 202, JSON.stringify(other.body));
    } finally {
      await s.stop();
    }
  });

  it('not trusting it (unset), X-Forwarded-For names nobody: every shopper behind the proxy shares its address', async () => {
    const s = await startAffinity(env);
    try {
      const shared = await burst(s, 'spoof', (i) => `203.0.113.${i + 1}`);
      const passed = shared.filter((st) => st === 202).length;
      assert.ok(shared.includes(429) && passed >= 30 && passed <= 31, JSON.stringify(shared));
    } finally {
      await s.stop();
    }
  });
});
