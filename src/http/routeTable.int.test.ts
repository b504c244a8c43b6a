/**
 * A wrong method on a path that has routes is 405 with `Allow`, before authentication (the `Allow` list
 * is the path's shape only, which /openapi.json publishes): the app proxy's POST included. It reveals
 * nothing a 401 would not: the answer is the same with or without a key, for a shopper that exists or
 * not. A path that is no route keeps the access rule (401 without a key, 404 with one), and a right
 * method without credentials is still 401.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestHarness, INGEST_SHOP } from '../testing/ingestHarness.ts';
import { buildApp } from './app.ts';
import { RequestGuard } from './requestGuard.ts';

const READ = 'read-key-0123456789abcdef';

describe('405 before authentication', () => {
  const h = ingestHarness();
  const guard = new RequestGuard({ keys: [{ shop: INGEST_SHOP, roles: ['read'], key: READ }], pixelOrigins: {}, rate: { ratePerSecond: 100, burst: 100 }, clock: h.ctx.clock });
  const app = buildApp(h.ctx, { privacy: { ...h.privacy, webhookSecrets: ['proxy-secret'], guard } });
  const send = async (method: string, url: string, key?: string) => {
    const r = await app.inject({ method: method as 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {}, ...(method === 'POST' || method === 'PUT' ? { payload: {} } : {}) });
    return { status: r.statusCode, allow: r.headers.allow, body: r.json() as { error: { code: string; message: string } } };
  };
  before(() => app.ready());
  after(async () => {
    await app.close();
    h.close();
  });

  it("answers the app proxy's POST (or PUT, DELETE) 405 Allow: GET, HEAD, signed or not", async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const url of ['/shopify/proxy/recommendations', `/shopify/proxy/recommendations?shop=${INGEST_SHOP}&signature=abc&timestamp=1`]) {
        const r = await send(method, url);
        assert.equal(r.status, 405, `${method} ${url}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.error.code, 'METHOD_NOT_ALLOWED');
        assert.equal(r.allow, 'GET, HEAD');
      }
    }
  });

  it('answers a wrong method on a protected route the same with or without a key', async () => {
    for (const [method, url, allow] of [
      ['PUT', '/v1/recommendations', 'POST'],
      ['GET', '/v1/recommendations/batch', 'POST'],
      ['POST', '/v1/users/someone/profile', 'GET, HEAD'],
      ['POST', '/v1/users/nobody-ever/profile', 'GET, HEAD'],
      ['PUT', '/v1/catalog/products/101', 'DELETE, GET, HEAD'],
      ['PUT', '/v1/catalog/products/gid://shopify/Product/101', 'DELETE, GET, HEAD'],
      ['DELETE', '/v1/admin/exports', 'GET, HEAD'],
      ['GET', '/v1/events', 'OPTIONS, POST'],
    ] as const) {
      const without = await send(method, url);
      const withKey = await send(method, url, READ);
      assert.equal(without.status, 405, `${method} ${url}: ${JSON.stringify(without.body)}`);
      assert.equal(without.allow, allow, `${method} ${url}`);
      assert.deepEqual(withKey, without, `${method} ${url}: a key changes nothing in a 405`);
    }
  });

  it('keeps authentication for the right method and for paths that are no route', async () => {
    const proxy = await send('GET', '/shopify/proxy/recommendations');
    assert.equal(proxy.status, 401);
    assert.equal(proxy.body.error.code, 'PROXY_UNAUTHORIZED');
    assert.equal((await send('POST', '/v1/recommendations')).status, 401);
    assert.equal((await send('GET', '/v1/users/someone/profile')).status, 401);
    const nope = await send('PUT', '/v1/nope');
    assert.equal(nope.status, 401, 'a path that is no route is not confirmed to a caller without a key');
    assert.equal(nope.allow, undefined);
    assert.equal((await send('PUT', '/v1/nope', READ)).status, 404);
    assert.equal((await send('GET', '/v1/recommendations/', READ)).status, 404, 'a trailing slash is another path');
  });
});
