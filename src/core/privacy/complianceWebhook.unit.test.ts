/**
 * A compliance webhook's `shop_domain` goes through the one shop-name parse: another case is the same
 * shop (the job is for the lower-case name), anything that is no shop domain is refused as
 * `INVALID_SHOP` and becomes no job.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complianceWork } from './complianceWebhook.ts';

const customer = { id: 7001, email: 'k@example.com', phone: null };

describe('complianceWork: the shop of a compliance webhook', () => {
  it('a shop_domain in another case is the lower-case shop, on every topic', () => {
    const redact = complianceWork('customers/redact', { shop_id: 1, shop_domain: 'HX-A.myshopify.com', customer, orders_to_redact: [770] });
    assert.ok('work' in redact);
    assert.deepEqual(redact.work, { shop: 'hx-a.myshopify.com', kind: 'customers/redact', payload: { customerId: '7001', orders: ['770'] } });
    const request = complianceWork('customers/data_request', { shop_id: 1, shop_domain: 'Hx-A.MyShopify.Com', customer, orders_requested: [], data_request: { id: 9 } });
    assert.ok('work' in request && request.work.shop === 'hx-a.myshopify.com');
    const shop = complianceWork('shop/redact', { shop_id: 1, shop_domain: 'HX-A.MYSHOPIFY.COM' });
    assert.ok('work' in shop && shop.work.shop === 'hx-a.myshopify.com');
    const same = complianceWork('shop/redact', { shop_id: 1, shop_domain: 'hx-a.myshopify.com' });
    assert.ok('work' in same && same.work.shop === 'hx-a.myshopify.com', 'a lower-case name is unchanged');
  });

  it('refuses a shop_domain that is no shop domain with INVALID_SHOP (a path, a URL, a port, a trailing slash)', () => {
    for (const shop_domain of ['../../etc', 'https://hx-a.myshopify.com', 'hx-a.myshopify.com:443', 'hx-a.myshopify.com/', 'hx-a.myshopify.com/admin', 'hx a.myshopify.com']) {
      const r = complianceWork('customers/redact', { shop_id: 1, shop_domain, customer, orders_to_redact: [] });
      assert.ok('issues' in r, shop_domain);
      assert.equal(r.code, 'INVALID_SHOP', shop_domain);
      assert.equal(r.issues[0]?.path, 'shop_domain');
    }
  });

  it('a missing or empty shop_domain, or a malformed payload, stays VALIDATION_FAILED', () => {
    for (const body of [{ customer }, { shop_domain: '', customer }, { shop_domain: 42, customer }, { shop_domain: 'hx-a.myshopify.com' }]) {
      const r = complianceWork('customers/redact', body);
      assert.ok('issues' in r, JSON.stringify(body));
      assert.equal(r.code, 'VALIDATION_FAILED', JSON.stringify(body));
    }
  });
});
