/**
 * A pixel event whose name Affinity does not read (a standard event it does not use, a DOM, custom or
 * future event) is accepted and ignored whatever its payload: it is never a reason to refuse an event,
 * let alone a batch (docs/decisions/0006). Only its `clientId` is held to the id rules, since the
 * envelope's consent is recorded for it. Names of `Object.prototype`'s members are names like any other
 * (`constructor` used to find `Object` as its "type" and answer 500).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { parseIngest } from './ingest.ts';
import { isUsedPixelEvent } from './pixelEvent.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const TS = '2026-11-24T11:59:00.000Z';
const CLIENT = 'df1007bb-3f9d-4a3b-8f0a-111111111111';
const opts = { shop: 's', now: NOW };
const ev = (id: string, name: string, data: unknown, extra: Record<string, unknown> = {}) => ({ id, name, clientId: CLIENT, timestamp: TS, data, ...extra });
const viewed = ev('v-1', 'product_viewed', { productVariant: { id: '11', price: { amount: 10, currencyCode: 'USD' }, product: { id: '1', title: 'Tee' } } });

/** The paths of a refused body's issues. */
function refusedPaths(body: unknown): string[] {
  try {
    parseIngest(body, opts);
  } catch (err) {
    if (isAffinityError(err)) return err.issues.map((i) => i.path);
    throw err;
  }
  return [];
}

describe('pixel events Affinity does not read are ignored, whatever their payload', () => {
  it('ignores standard events it does not use, DOM, custom and future events, with payloads a used event could not have', () => {
    const events = [
      ev('u-1', 'checkout_shipping_info_submitted', null),
      ev('u-2', 'payment_info_submitted', { checkout: 'not an object' }),
      ev('u-3', 'clicked', { element: { id: 'buy' } }, { type: 'dom' }),
      { id: 'u-4', name: 'my-theme:banner_clicked', clientId: CLIENT, timestamp: TS, type: 'custom', customData: { banner: 'x' } },
      // A future event: data a list, timestamp a number, `seq` a string, `context` a string.
      { id: 'u-5', name: 'product_variant_selected', clientId: CLIENT, timestamp: 1764000000000, seq: '3', data: [1, 2], context: 'x' },
      // No id (nothing is stored under it).
      { name: 'alert_displayed', clientId: CLIENT },
      { id: 'u-7', name: 'ui_extension_errored', clientId: CLIENT, timestamp: 'not a date', data: { error: 'x' } },
      ev('u-8', 'visitorConsentCollected', {}, { customerPrivacy: { analyticsProcessingAllowed: true } }),
    ];
    const r = parseIngest({ events: [...events, viewed] }, opts);
    assert.equal(r.ignored, events.length);
    assert.deepEqual(r.events.map((e) => e.id), ['v-1']);
  });

  it('names of Object.prototype members are ordinary unused names (ignored, not a 500)', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      assert.equal(isUsedPixelEvent(name), false, name);
      assert.deepEqual(parseIngest([ev('p-1', name, {})], opts), { events: [], ignored: 1 }, name);
    }
  });

  it('near misses: used names keep their documented shapes, and an ignored event still needs a client id that can be a key', () => {
    assert.deepEqual(refusedPaths([ev('n-1', 'product_viewed', { productVariant: 'x' })]), ['0.data.productVariant']);
    assert.deepEqual(refusedPaths([ev('n-2', 'cart_viewed', [])]), ['0.data']);
    assert.deepEqual(refusedPaths([{ ...ev('n-3', 'affinity:recommendations_viewed', {}), timestamp: 12345 }]), ['0.timestamp']);
    assert.deepEqual(refusedPaths([{ ...ev('n-4', 'my-theme:banner_clicked', {}), clientId: 'c\ud800' }]), ['0.clientId']);
    assert.deepEqual(refusedPaths([{ ...ev('n-5', 'clicked', {}), clientId: '' }]), ['0.clientId']);
    assert.deepEqual(refusedPaths([{ ...ev('n-6', 'clicked', {}), clientId: 'c'.repeat(201) }]), ['0.clientId']);
    assert.deepEqual(refusedPaths([{ ...ev('n-7', 'clicked', {}), clientId: { id: 'x' } }]), ['0.clientId']);
    assert.deepEqual(refusedPaths([{ ...ev('n-8', 'clicked', {}), name: '' }]), ['0.name']);
    assert.equal(isUsedPixelEvent('affinity:recommendations_viewed'), true);
    assert.equal(isUsedPixelEvent('product_viewed'), true);
  });
});
