import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deliveryAgeMs, deliveryDedupeKeys, staleDeliveryAgeMs, WEBHOOK_BODY_TTL_BY_TOPIC, WEBHOOK_BODY_TTL_MS, WEBHOOK_ID_TTL_MS, WEBHOOK_MAX_AGE_MS } from './webhookReplay.ts';

const NOW = Date.UTC(2026, 10, 24, 12);
const HOUR = 3_600_000;

describe('compliance webhook replays', () => {
  it('keys a delivery by its body hash, and by its webhook and event ids when it has them', () => {
    assert.deepEqual(deliveryDedupeKeys('shop/redact', 'abc', {}), [{ key: 'shopify-body:abc', ttlMs: WEBHOOK_BODY_TTL_MS }]);
    assert.deepEqual(deliveryDedupeKeys('customers/data_request', 'abc', { webhookId: 'w-1', eventId: 'e-1' }), [
      { key: 'shopify-body:abc', ttlMs: WEBHOOK_BODY_TTL_MS },
      { key: 'shopify:w-1', ttlMs: WEBHOOK_ID_TTL_MS },
      { key: 'shopify-event:e-1', ttlMs: WEBHOOK_ID_TTL_MS },
    ]);
  });

  it('a customers/redact is not keyed by its body (a second redaction of the same customer has the same bytes and must run), only by its ids', () => {
    assert.deepEqual(deliveryDedupeKeys('customers/redact', 'abc', {}), []);
    assert.deepEqual(deliveryDedupeKeys('customers/redact', 'abc', { webhookId: 'w-1', eventId: 'e-1' }), [
      { key: 'shopify:w-1', ttlMs: WEBHOOK_ID_TTL_MS },
      { key: 'shopify-event:e-1', ttlMs: WEBHOOK_ID_TTL_MS },
    ]);
  });

  it('a shop/redact body is remembered no longer than Shopify’s 48 hours from uninstall to shop/redact (a longer memory could drop a needed one)', () => {
    assert.equal(WEBHOOK_BODY_TTL_BY_TOPIC['shop/redact'], 48 * HOUR);
    assert.ok(WEBHOOK_BODY_TTL_BY_TOPIC['customers/data_request']! > WEBHOOK_MAX_AGE_MS);
  });

  it('the window is longer than Shopify’s 4 hours of retries, and the body is remembered longer than the window', () => {
    assert.ok(WEBHOOK_MAX_AGE_MS >= 2 * 4 * HOUR);
    assert.ok(WEBHOOK_BODY_TTL_MS > WEBHOOK_MAX_AGE_MS);
  });

  it('reads X-Shopify-Triggered-At (any ISO 8601 precision); a missing or unreadable one is no age', () => {
    assert.equal(deliveryAgeMs(new Date(NOW - HOUR).toISOString(), NOW), HOUR);
    assert.equal(deliveryAgeMs('2026-11-24T11:00:00.000000000Z', NOW), HOUR);
    assert.equal(deliveryAgeMs(undefined, NOW), undefined);
    assert.equal(deliveryAgeMs('  ', NOW), undefined);
    assert.equal(deliveryAgeMs('yesterday', NOW), undefined);
  });

  it('is stale only past the window', () => {
    assert.equal(staleDeliveryAgeMs(new Date(NOW - 4 * HOUR).toISOString(), NOW), undefined, 'Shopify’s last retry');
    assert.equal(staleDeliveryAgeMs(new Date(NOW - WEBHOOK_MAX_AGE_MS).toISOString(), NOW), undefined);
    assert.equal(staleDeliveryAgeMs(new Date(NOW - WEBHOOK_MAX_AGE_MS - 1).toISOString(), NOW), WEBHOOK_MAX_AGE_MS + 1);
    assert.equal(staleDeliveryAgeMs(new Date(NOW + HOUR).toISOString(), NOW), undefined, 'a clock ahead of ours is not a replay');
    assert.equal(staleDeliveryAgeMs(undefined, NOW), undefined);
  });
});
