/**
 * The one parse of a shop name (`parseShopName`): Shopify domains are case-insensitive, so a name is
 * used in lower case; anything that is not a host name is refused, whatever its case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShopName } from './shopName.ts';

describe('parseShopName', () => {
  it('gives the lower-case form of a shop domain in any case', () => {
    for (const s of ['HX-A.myshopify.com', 'hx-a.MYSHOPIFY.COM', 'Hx-A.MyShopify.Com', 'hx-a.myshopify.com']) {
      assert.deepEqual(parseShopName(s), { shop: 'hx-a.myshopify.com' }, s);
    }
    assert.deepEqual(parseShopName('Default'), { shop: 'default' });
    assert.deepEqual(parseShopName('shop-b.example'), { shop: 'shop-b.example' });
  });

  it('refuses what is not a shop domain, in any case (a path, a URL, a port, a trailing slash or dot, spaces)', () => {
    for (const s of ['../../etc', 'https://hx-a.myshopify.com', 'HTTPS://HX-A.MYSHOPIFY.COM', 'hx-a.myshopify.com:443', 'hx-a.myshopify.com/', 'hx-a.myshopify.com.', ' hx-a.myshopify.com', 'hx a.myshopify.com', '', 'x'.repeat(254)]) {
      const r = parseShopName(s);
      assert.ok('problem' in r, `${JSON.stringify(s)} → ${JSON.stringify(r)}`);
    }
    for (const v of [42, null, undefined, ['hx-a.myshopify.com'], { shop: 'hx-a.myshopify.com' }]) assert.ok('problem' in parseShopName(v), JSON.stringify(v));
  });
});
