/**
 * CORS of the pixel endpoints through the real app: a preflight grants exactly the origins the POST
 * accepts (the shop's own when `?shop=` names it, else those of some shop), grants nothing else, and
 * never echoes `Origin: null` (a shop that lists `null` gets `*`). Checked in keyed mode and in open
 * mode (where a shop with configured origins still accepts only those).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ingestHarness } from '../testing/ingestHarness.ts';
import { buildApp } from './app.ts';
import { RequestGuard } from './requestGuard.ts';

const A = 'shop-a.myshopify.com';
const B = 'shop-b.myshopify.com';
const ORIGINS = { [A]: ['https://shop-a.example'], [B]: ['https://shop-b.example', 'null'] };

function appWith(keys: boolean) {
  const h = ingestHarness();
  const guard = new RequestGuard({
    keys: keys ? [{ shop: A, roles: ['ingest'], key: 'ingest-key-0123456789' }] : [],
    pixelOrigins: ORIGINS,
    rate: { ratePerSecond: 1000, burst: 1000 },
    clock: h.ctx.clock,
  });
  const app = buildApp(h.ctx, { privacy: { ...h.privacy, guard }, pixelOrigins: Object.values(ORIGINS).flat() });
  const preflight = async (origin: string, query = '', path = '/v1/events') => {
    const r = await app.inject({ method: 'OPTIONS', url: `${path}${query}`, headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    return { status: r.statusCode, allow: r.headers['access-control-allow-origin'], methods: r.headers['access-control-allow-methods'] };
  };
  const post = async (origin: string, shop: string) => {
    const r = await app.inject({ method: 'POST', url: '/v1/events', headers: { origin, 'content-type': 'text/plain' }, payload: JSON.stringify({ shop, events: [] }) });
    return { status: r.statusCode, code: r.statusCode >= 400 ? (r.json() as { error: { code: string } }).error.code : undefined, allow: r.headers['access-control-allow-origin'] };
  };
  return { app, h, preflight, post };
}

for (const keys of [true, false]) {
  describe(`pixel CORS (${keys ? 'API keys' : 'open mode'})`, () => {
    const t = appWith(keys);
    after(async () => {
      await t.app.close();
      t.h.close();
    });

    it('never echoes Origin: null; grants it as * only where a shop lists null', async () => {
      const any = await t.preflight('null');
      assert.equal(any.allow, '*', 'shop-b lists null');
      assert.equal((await t.preflight('null', `?shop=${B}`)).allow, '*');
      const refused = await t.preflight('null', `?shop=${A}`);
      assert.equal(refused.allow, undefined, 'shop-a does not list null: the POST is refused, so is the preflight');
      assert.equal(refused.methods, undefined, 'a refused preflight carries no CORS grant at all');
      assert.equal((await t.post('null', A)).code, 'ORIGIN_NOT_ALLOWED');
      const accepted = await t.post('null', B);
      assert.equal(accepted.status, 202, 'shop-b accepts a pixel posting from null');
      assert.equal(accepted.allow, '*');
    });

    it("grants a shop's origin only for that shop when the URL names it", async () => {
      assert.equal((await t.preflight('https://shop-a.example', `?shop=${A}`)).allow, 'https://shop-a.example');
      assert.equal((await t.preflight('https://shop-b.example', `?shop=${A}`)).allow, undefined);
      assert.equal((await t.preflight('https://shop-b.example', `?shop=${A.toUpperCase()}`)).allow, undefined, 'the shop name is read in lower case');
      assert.equal((await t.preflight('https://shop-b.example', '/', '/v1/consent')).allow, undefined, 'another path is no pixel path');
      assert.equal((await t.preflight('https://shop-b.example', `?shop=${A}`, '/v1/consent')).allow, undefined);
      // Without a shop in the URL, an origin some shop accepts is granted; the POST then holds it to its shop.
      assert.equal((await t.preflight('https://shop-b.example')).allow, 'https://shop-b.example');
      assert.equal((await t.post('https://shop-b.example', A)).code, 'ORIGIN_NOT_ALLOWED');
      assert.equal((await t.post('https://shop-a.example', A)).allow, 'https://shop-a.example');
    });

    it('grants no origin that no shop accepts (keyed) and echoes an accepted one as sent', async () => {
      const evil = await t.preflight('https://evil.example', `?shop=${A}`);
      assert.equal(evil.allow, undefined);
      assert.equal((await t.post('https://evil.example', A)).code, 'ORIGIN_NOT_ALLOWED');
      assert.equal((await t.preflight('https://evil.example')).allow, keys ? undefined : 'https://evil.example', 'open mode: a shop without configured origins accepts any');
      assert.equal((await t.preflight('https://SHOP-A.example', `?shop=${A}`)).allow, 'https://SHOP-A.example');
    });

    if (!keys) {
      it('takes text/plain on the pixel endpoints only: elsewhere it is 415 naming the route', async () => {
        const body = JSON.stringify({ shop: A, userId: 'u-1', limit: 3 });
        for (const url of ['/v1/recommendations', '/v1/catalog/products']) {
          const r = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: body });
          assert.equal(r.statusCode, 415, `${url}: ${r.body}`);
          const error = (r.json() as { error: { code: string; message: string } }).error;
          assert.equal(error.code, 'UNSUPPORTED_MEDIA_TYPE');
          assert.match(error.message, new RegExp(`POST ${url} takes application/json`));
        }
        assert.equal((await t.post('https://shop-a.example', A)).status, 202, 'the pixel endpoint still takes it');
      });
    }
  });
}
