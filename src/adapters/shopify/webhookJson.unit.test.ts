import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWebhookJson, quoteLongIntegers } from './webhookJson.ts';

describe('parseWebhookJson: ids beyond 2^53 kept exact', () => {
  it('reads Shopify\'s sample product id as its digits (JSON.parse made it …900)', () => {
    const body = parseWebhookJson('{"id":788032119674292922,"title":"Example T-Shirt","variants":[{"id":642667041472713922,"price":"19.99","position":1}]}') as { id: unknown; variants: { id: unknown; price: unknown; position: unknown }[] };
    assert.equal(body.id, '788032119674292922');
    assert.equal(body.variants[0]?.id, '642667041472713922');
    assert.deepEqual([body.variants[0]?.price, body.variants[0]?.position], ['19.99', 1]);
  });

  it('leaves safe integers, fractions, exponents, negatives and digits inside strings as JSON.parse reads them', () => {
    const text = '{"a":9007199254740991,"b":12345678901234567.5,"c":1e21,"d":-5,"e":"id 788032119674292922 \\" 99999999999999999","f":[-99999999999999999]}';
    const body = parseWebhookJson(text) as Record<string, unknown>;
    assert.equal(body.a, 9007199254740991);
    assert.equal(body.b, 12345678901234567.5);
    assert.equal(body.c, 1e21);
    assert.equal(body.d, -5);
    assert.equal(body.e, 'id 788032119674292922 " 99999999999999999');
    assert.deepEqual(body.f, ['-99999999999999999']);
    assert.equal(quoteLongIntegers('{"x":1}'), '{"x":1}');
  });

  it('still refuses what is not JSON', () => {
    assert.throws(() => parseWebhookJson('{"id":788032119674292922,'), SyntaxError);
  });
});
