/**
 * A compliance webhook's `shop_domain` goes through the one shop-name parse: another case is the same
 * shop (the job is for the lower-case name), anything that is no shop domain is refused as
 * `INVALID_SHOP` and becomes no job.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complianceTopicOf, complianceWork } from './complianceWebhook.ts';

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
    // (`{shop_domain}` alone is no malformed customers/redact but a shop/redact body: WEBHOOK_TOPIC_MISMATCH, below.)
    for (const body of [{ customer }, { shop_domain: '', customer }, { shop_domain: 42, customer }, { shop_domain: 'hx-a.myshopify.com', customer: 'x', orders_to_redact: [] }]) {
      const r = complianceWork('customers/redact', body);
      assert.ok('issues' in r, JSON.stringify(body));
      assert.equal(r.code, 'VALIDATION_FAILED', JSON.stringify(body));
    }
  });
});

/**
 * Shopify signs the body, not the topic: a signed body sent as another topic must not do that topic's
 * work. The body's topic-defining keys prove its topic (docs/shopify.md §3).
 */
describe('complianceWork: the body proves its topic', () => {
  const SHOP = 'hx-a.myshopify.com';
  const dataRequest = { shop_id: 1, shop_domain: SHOP, orders_requested: [11], customer, data_request: { id: 9 } };
  const customerRedact = { shop_id: 1, shop_domain: SHOP, customer, orders_to_redact: [11] };
  const shopRedact = { shop_id: 1, shop_domain: SHOP };
  const topics = ['customers/data_request', 'customers/redact', 'shop/redact'] as const;

  it('each of Shopify’s payloads is its own topic, and is refused as either other topic with WEBHOOK_TOPIC_MISMATCH', () => {
    const bodies = { 'customers/data_request': dataRequest, 'customers/redact': customerRedact, 'shop/redact': shopRedact };
    for (const own of topics) {
      assert.equal(complianceTopicOf(bodies[own]), own);
      for (const claimed of topics) {
        const r = complianceWork(claimed, bodies[own]);
        if (claimed === own) {
          assert.ok('work' in r, `${own} as itself`);
          assert.equal(r.work.kind, own);
        } else {
          assert.ok('issues' in r, `${own} sent as ${claimed}`);
          assert.equal(r.code, 'WEBHOOK_TOPIC_MISMATCH', `${own} sent as ${claimed}`);
          assert.match(r.issues[0]!.message, new RegExp(`it is a ${own} payload`));
        }
      }
    }
  });

  it('a shop/redact that carries any customer key is refused, also with a null value', () => {
    for (const extra of [{ customer }, { customer: null }, { orders_to_redact: [] }, { data_request: { id: 1 } }, { orders_requested: null }]) {
      const r = complianceWork('shop/redact', { ...shopRedact, ...extra });
      assert.ok('issues' in r && r.code === 'WEBHOOK_TOPIC_MISMATCH', JSON.stringify(extra));
    }
  });

  it('a body with the keys of both customer topics, or a customer and neither, proves no topic and is refused as each', () => {
    const both = { ...customerRedact, data_request: { id: 9 } };
    const neither = { shop_id: 1, shop_domain: SHOP, customer };
    for (const body of [both, neither]) {
      assert.equal(complianceTopicOf(body), undefined);
      for (const claimed of topics) {
        const r = complianceWork(claimed, body);
        assert.ok('issues' in r && r.code === 'WEBHOOK_TOPIC_MISMATCH', `${JSON.stringify(body)} as ${claimed}`);
      }
    }
  });

  it('near misses that stay accepted: unknown extra fields (a newer API version), a null or empty orders list, one data request key of two', () => {
    const cases: [(typeof topics)[number], unknown][] = [
      ['shop/redact', { ...shopRedact, shop_plan: 'basic', api_version: '2027-01', customers_count: 3 }],
      ['customers/redact', { ...customerRedact, orders_to_redact: null, redacted_at: '2026-01-01' }],
      ['customers/redact', { ...customerRedact, orders_to_redact: [], customer: { ...customer, tags: ['vip'] } }],
      ['customers/data_request', { shop_id: 1, shop_domain: SHOP, customer, data_request: { id: 9 } }],
      ['customers/data_request', { shop_id: 1, shop_domain: SHOP, customer, orders_requested: [], requested_at: 'x' }],
    ];
    for (const [topic, body] of cases) {
      const r = complianceWork(topic, body);
      assert.ok('work' in r, `${topic} ${JSON.stringify(body)}: ${'issues' in r ? r.issues[0]?.message : ''}`);
    }
  });

  it('a body without its shop, or no JSON object, stays VALIDATION_FAILED on every topic', () => {
    for (const body of [{ customer, orders_to_redact: [] }, {}, [], 'shop/redact', null]) {
      for (const claimed of topics) {
        const r = complianceWork(claimed, body);
        assert.ok('issues' in r && r.code === 'VALIDATION_FAILED', `${JSON.stringify(body)} as ${claimed}`);
      }
    }
    assert.equal(complianceTopicOf([]), undefined);
    assert.equal(complianceTopicOf(null), undefined);
  });
});
