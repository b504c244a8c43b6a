import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pixelAllowOrigin, pixelOriginPolicy } from './pixelCors.ts';
import { RequestGuard } from './requestGuard.ts';

const guard = (keys: boolean) =>
  new RequestGuard({
    keys: keys ? [{ shop: 'a.myshopify.com', roles: ['ingest'], key: 'ingest-key-0123456789' }] : [],
    pixelOrigins: { 'a.myshopify.com': ['https://a.example'], 'b.myshopify.com': ['https://b.example', 'null'] },
    rate: { ratePerSecond: 1, burst: 1 },
    clock: () => 0,
  });
const ALL = ['https://a.example', 'https://b.example', 'null'];

describe('the Access-Control-Allow-Origin of a pixel endpoint', () => {
  const keyed = pixelOriginPolicy(guard(true), ALL);

  it("grants a shop's own origins when the shop is known, as sent", () => {
    assert.equal(pixelAllowOrigin(keyed, 'https://a.example', 'a.myshopify.com'), 'https://a.example');
    assert.equal(pixelAllowOrigin(keyed, 'https://A.example/', 'a.myshopify.com'), 'https://A.example/');
    assert.equal(pixelAllowOrigin(keyed, 'https://b.example', 'a.myshopify.com'), undefined);
    assert.equal(pixelAllowOrigin(keyed, 'https://a.example', 'c.myshopify.com'), undefined, 'a shop with no origins accepts none');
  });

  it('grants an origin of some shop when the shop is not known, and no other', () => {
    assert.equal(pixelAllowOrigin(keyed, 'https://b.example', undefined), 'https://b.example');
    assert.equal(pixelAllowOrigin(keyed, 'https://evil.example', undefined), undefined);
    assert.equal(pixelAllowOrigin(keyed, 'https://a.example.evil.example', undefined), undefined);
    assert.equal(pixelAllowOrigin(keyed, 'http://a.example', undefined), undefined, 'another scheme is another origin');
  });

  it('never answers null: * where null is accepted, nothing elsewhere', () => {
    assert.equal(pixelAllowOrigin(keyed, 'null', 'b.myshopify.com'), '*');
    assert.equal(pixelAllowOrigin(keyed, 'null', undefined), '*');
    assert.equal(pixelAllowOrigin(keyed, 'null', 'a.myshopify.com'), undefined);
    assert.equal(pixelAllowOrigin(pixelOriginPolicy(guard(true), ['https://a.example']), 'null', undefined), undefined);
    assert.equal(pixelAllowOrigin(keyed, 'NULL', undefined), undefined, 'only the serialized opaque origin is null');
  });

  it('open mode: a shop with origins keeps them; one without accepts any', () => {
    const open = pixelOriginPolicy(guard(false), ALL);
    assert.equal(pixelAllowOrigin(open, 'https://evil.example', 'a.myshopify.com'), undefined);
    assert.equal(pixelAllowOrigin(open, 'https://evil.example', 'c.myshopify.com'), 'https://evil.example');
    assert.equal(pixelAllowOrigin(open, 'https://evil.example', undefined), 'https://evil.example');
    assert.equal(pixelAllowOrigin(open, 'null', 'c.myshopify.com'), '*');
    assert.equal(pixelAllowOrigin(pixelOriginPolicy(undefined, []), 'null', 'a.myshopify.com'), '*', 'no guard: the API is open');
  });

  it('a request without Origin is no CORS request: *', () => {
    assert.equal(pixelAllowOrigin(keyed, undefined, 'a.myshopify.com'), '*');
  });
});
