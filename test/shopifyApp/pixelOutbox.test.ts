/**
 * The web pixel's pure parts: when to retry (extensions/affinity-pixel/src/retry.ts), what its outbox
 * keeps (outbox.ts) and which events carry a recommendation id (affinityPixel.ts). The pixel's behaviour
 * with them, run as Shopify runs it, is in webPixel.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carriesRecommendation } from '../../extensions/affinity-pixel/src/affinityPixel.ts';
import { OUTBOX_MAX_AGE_MS, OUTBOX_MAX_EVENTS, parseOutbox, pruneOutbox, withEntries, withoutEvents, withoutShop, type OutboxEntry } from '../../extensions/affinity-pixel/src/outbox.ts';
import { isRetryable, MAX_RETRIES, MAX_RETRY_AFTER_MS, RETRY_MAX_BACKOFF_MS, retryAfterMs, retryDelay } from '../../extensions/affinity-pixel/src/retry.ts';

const NOW = Date.UTC(2026, 11, 2, 12);
const SHOP = 'kittycats-resale.myshopify.com';
const entry = (id: string, savedAt = NOW, shop = SHOP): OutboxEntry => ({ shop, consent: { analyticsProcessingAllowed: true }, event: { id, name: 'page_viewed' }, savedAt });

describe('pixel retries', () => {
  it('reads Retry-After as seconds or an HTTP date, and nothing else', () => {
    assert.equal(retryAfterMs('3', NOW), 3000);
    assert.equal(retryAfterMs(' 0 ', NOW), 0);
    assert.equal(retryAfterMs(new Date(NOW + 9000).toUTCString(), NOW), 9000);
    assert.equal(retryAfterMs(new Date(NOW - 9000).toUTCString(), NOW), 0, 'a date in the past: now');
    for (const h of [null, undefined, '', '-1', '1.5', 'soon', '12 s']) assert.equal(retryAfterMs(h, NOW), undefined, String(h));
  });

  it('backs off exponentially up to a cap, never sooner than Retry-After, and stops after the last try or a Retry-After too long', () => {
    assert.deepEqual(
      Array.from({ length: MAX_RETRIES }, (_, i) => retryDelay(i + 1, undefined, 0)),
      Array.from({ length: MAX_RETRIES }, (_, i) => Math.min(RETRY_MAX_BACKOFF_MS, 1000 * 2 ** i)),
    );
    assert.equal(retryDelay(1, 7000, 0), 7000);
    assert.equal(retryDelay(4, 1000, 0), 8000, 'a short Retry-After does not shorten the backoff');
    assert.ok(retryDelay(1, undefined, 0.999)! > 1000 && retryDelay(1, undefined, 0.999)! <= 1250, 'jitter on top');
    assert.equal(retryDelay(MAX_RETRIES + 1, undefined, 0), undefined);
    assert.equal(retryDelay(1, MAX_RETRY_AFTER_MS + 1, 0), undefined);
    assert.equal(retryDelay(1, MAX_RETRY_AFTER_MS, 0), MAX_RETRY_AFTER_MS);
  });

  it('retries 408, 429 and 5xx only', () => {
    assert.deepEqual(
      [200, 202, 400, 401, 403, 404, 408, 413, 422, 429, 500, 502, 503, 504].filter(isRetryable),
      [408, 429, 500, 502, 503, 504],
    );
  });
});

describe('pixel outbox', () => {
  it('keeps each event id once, the newest within the count, nothing older than its age limit', () => {
    const o = withEntries({ entries: [entry('a'), entry('b')] }, [entry('b'), entry('c')], NOW);
    assert.deepEqual(o.entries.map((e) => e.event.id), ['a', 'b', 'c']);
    const many = pruneOutbox({ entries: Array.from({ length: OUTBOX_MAX_EVENTS + 5 }, (_, i) => entry(`e${i}`)) }, NOW);
    assert.equal(many.entries.length, OUTBOX_MAX_EVENTS);
    assert.equal(many.entries[0]!.event.id, 'e5');
    const aged = pruneOutbox({ entries: [entry('old', NOW - OUTBOX_MAX_AGE_MS - 1), entry('ok', NOW - OUTBOX_MAX_AGE_MS), entry('future', NOW + OUTBOX_MAX_AGE_MS + 1)] }, NOW);
    assert.deepEqual(aged.entries.map((e) => e.event.id), ['ok']);
  });

  it('drops a notBefore once past, and forgets it when Affinity answered', () => {
    assert.equal(pruneOutbox({ entries: [], notBefore: NOW - 1 }, NOW).notBefore, undefined);
    assert.equal(pruneOutbox({ entries: [], notBefore: NOW + 5000 }, NOW).notBefore, NOW + 5000);
    const o = withoutEvents({ entries: [entry('a'), entry('b'), entry('a', NOW, 'other.myshopify.com')], notBefore: NOW + 5000 }, SHOP, new Set(['a']));
    assert.deepEqual(o, { entries: [entry('b'), entry('a', NOW, 'other.myshopify.com')] }, "another shop's event of the same id stays");
    assert.deepEqual(withoutShop({ entries: [entry('a'), entry('z', NOW, 'other.myshopify.com')] }, SHOP).entries.map((e) => e.event.id), ['z']);
  });

  it('reads garbage as empty and skips malformed entries', () => {
    for (const raw of [null, '', 'not json', '[]', '{"entries":"x"}', '42']) assert.deepEqual(parseOutbox(raw, NOW), { entries: [] }, String(raw));
    const raw = JSON.stringify({ entries: [entry('a'), { shop: SHOP }, { ...entry('b'), event: { name: 'x' } }, null] });
    assert.deepEqual(parseOutbox(raw, NOW).entries.map((e) => e.event.id), ['a']);
  });
});

describe('events that carry a recommendation id', () => {
  const at = (location: Record<string, unknown>) => ({ name: 'product_viewed', context: { document: { location } } });
  it('reads aff_rec from the page query or URL, and a list named by id', () => {
    assert.equal(carriesRecommendation(at({ search: '?aff_rec=Q2xpY2tlZExpc3Qx' })), true);
    assert.equal(carriesRecommendation(at({ search: '', href: 'https://shop.example/products/x?aff_rec=Q2xpY2tlZExpc3Qx#top' })), true);
    assert.equal(carriesRecommendation({ name: 'affinity:recommendations_viewed', customData: { list: 'Q2xpY2tlZExpc3Qx' } }), true);
  });
  it('not its near misses', () => {
    for (const e of [
      at({ search: '?variant=1' }),
      at({ search: '?aff_rec=' }),
      at({ search: '?aff_rec=short' }),
      at({ search: '?aff_rec=Q2xpY2tlZExpc3Qx%' }),
      at({ search: '?utm_aff_rec=Q2xpY2tlZExpc3Qx' }),
      at({ href: 'https://shop.example/products/aff_rec=Q2xpY2tlZExpc3Qx' }),
      { name: 'affinity:recommendations_viewed', customData: { list: 'bought_together' } },
      { name: 'page_viewed' },
    ]) {
      assert.equal(carriesRecommendation(e), false, JSON.stringify(e));
    }
  });
});
