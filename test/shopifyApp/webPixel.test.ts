/**
 * The web pixel extension (extensions/affinity-pixel) and the README's custom pixel, run as Shopify runs
 * them (test/shopifyApp/pixelHarness.ts): the real events of docs/shopify.md §2.6 replayed on a fake
 * clock, every request they make checked byte for byte, then those same requests sent to a running
 * Affinity, which must store the events.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startAffinity, type Running } from '../e2e/helpers.ts';
import type { EventsBody } from '../../extensions/affinity-pixel/src/affinityPixel.ts';
import { KEYLESS_EVENT_ID_PREFIX } from '../../src/features/ingest/recordEvents.ts';
import { COUNTRY_KEY } from '../../extensions/affinity-pixel/src/country.ts';
import { OUTBOX_KEY, OUTBOX_MAX_AGE_MS, OUTBOX_MAX_CHARS, OUTBOX_MAX_EVENTS } from '../../extensions/affinity-pixel/src/outbox.ts';
import { MAX_RETRIES, MAX_RETRY_AFTER_MS, RETRY_JITTER } from '../../extensions/affinity-pixel/src/retry.ts';
import {
  CHECKOUT_COMPLETED,
  CLIENT_ID,
  CONSENT_ALL,
  PAGE_VIEWED,
  PRODUCT_VIEWED,
  RECOMMENDATIONS_VIEWED,
  SEARCH_SUBMITTED,
  STOREFRONT,
  VISIT,
} from './fixtures/pixelEvents.ts';
import { FakeLocalStorage, replay, runAppPixel, runCustomPixel, type Answer, type Posted } from './pixelHarness.ts';

const ENDPOINT = 'https://affinity.example.com/v1/events';
const SHOP = 'kittycats-resale.myshopify.com';
const SETTINGS = { endpoint: ENDPOINT, shop: SHOP };
const HEADERS = { 'content-type': 'text/plain' };

type Event = Readonly<Record<string, unknown>> & { readonly name: string };

/**
 * What the pixel must send of an event (the spec, written out): the envelope as Shopify gave it, with
 * `context` reduced to `context.document` and the checkout's contact and address fields left out.
 */
function sentForm(e: Event): Event {
  const out: Record<string, unknown> = { ...e };
  const ctx = e.context as { document?: unknown } | undefined;
  if (ctx) out.context = { document: ctx.document };
  const data = e.data as { checkout?: Record<string, unknown> } | undefined;
  if (data?.checkout) {
    const { email: _e, phone: _p, smsMarketingPhone: _s, billingAddress: _b, shippingAddress: _a, ...checkout } = data.checkout;
    out.data = { ...data, checkout };
  }
  return out as Event;
}

const names = (p: Posted): string[] => (JSON.parse(p.body) as EventsBody).events.map((e) => e.name);
const ids = (p: Posted): string[] => (JSON.parse(p.body) as EventsBody).events.map((e) => e.id as string);
/** Ids of the events in the visitor's outbox. */
const kept = (storage: FakeLocalStorage): string[] => {
  const raw = storage.items.get(OUTBOX_KEY);
  return raw ? (JSON.parse(raw) as { entries: { event: { id: string } }[] }).entries.map((e) => e.event.id) : [];
};
/** A recommendation id as Affinity mints them (16 base64url characters). */
const REC_ID = 'Q2xpY2tlZExpc3Qx';
/** The landing page of a click on a recommendation: its URL carries `aff_rec`. */
const landing = (id: string, search: string, name = 'product_viewed', base: Event = PRODUCT_VIEWED): Event => {
  const ctx = base.context as { document: { location: Record<string, unknown> } };
  return { ...base, id, name, context: { ...ctx, document: { ...ctx.document, location: { ...ctx.document.location, search } } } };
};

describe('web pixel extension: what it sends', () => {
  it('subscribes to the standard events Affinity learns from and to the theme block’s custom events', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    assert.deepEqual(p.analytics.names, [
      'page_viewed',
      'product_viewed',
      'collection_viewed',
      'search_submitted',
      'product_added_to_cart',
      'product_removed_from_cart',
      'cart_viewed',
      'checkout_started',
      'checkout_completed',
      'affinity:recommendations_viewed',
      'affinity:recommendation_clicked',
      'affinity:localization',
    ]);
  });

  /** The theme block's event naming the storefront's country. */
  const localization = (id: string, country: string): Event => ({ id, name: 'affinity:localization', clientId: CLIENT_ID, type: 'custom', customData: { country } });

  it("adds the storefront's country the theme block names to every event after it, and keeps it for the visit's next pages with consent only", async () => {
    const storage = new FakeLocalStorage();
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage });
    p.analytics.publish(PAGE_VIEWED);
    p.analytics.publish(localization('loc-1', 'de'));
    p.analytics.publish(PRODUCT_VIEWED);
    await p.clock.advance(1000);
    const sent = (JSON.parse(p.posted[0]!.body) as EventsBody).events;
    // The localization event itself is learned, not sent; the events before it go as they were.
    assert.deepEqual(sent.map((e) => [e.name, (e as { affinity?: unknown }).affinity]), [
      ['page_viewed', undefined],
      ['product_viewed', { country: 'DE' }],
    ]);
    assert.equal(storage.items.get(COUNTRY_KEY), 'DE');
    // The next page: its events carry DE before any block speaks.
    const next = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, startAt: p.clock.now + 5000 });
    await next.clock.advance(0);
    next.analytics.publish(PRODUCT_VIEWED);
    await next.clock.advance(1000);
    assert.deepEqual((JSON.parse(next.posted.at(-1)!.body) as EventsBody).events.map((e) => (e as { affinity?: unknown }).affinity), [{ country: 'DE' }]);
    // A withdrawal forgets it; without analytics consent it is never written; a value that is not a country is ignored.
    next.privacy.publish({ ...CONSENT_ALL, analyticsProcessingAllowed: false });
    await next.clock.advance(0);
    assert.equal(storage.items.has(COUNTRY_KEY), false);
    const denied = new FakeLocalStorage();
    const q = await runAppPixel({ settings: SETTINGS, customerPrivacy: { ...CONSENT_ALL, analyticsProcessingAllowed: false }, storage: denied });
    q.analytics.publish(localization('loc-2', 'FR'));
    await q.clock.advance(0);
    assert.equal(denied.items.has(COUNTRY_KEY), false);
    const odd = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    odd.analytics.publish(localization('loc-3', 'Deutschland'));
    odd.analytics.publish(PRODUCT_VIEWED);
    await odd.clock.advance(1000);
    assert.equal((JSON.parse(odd.posted[0]!.body) as EventsBody).events[0]!.affinity, undefined);
  });

  it('replays a real visit as these exact batches: 1 s windows, at once before a navigation or a purchase', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    const t0 = p.clock.now;
    await replay(p, VISIT);
    const byId = new Map(VISIT.map((v) => [v.event.id as string, v.event]));
    const expected: [number, string[]][] = [
      [1000, ['sh-fixture-page-viewed', 'sh-88cb2b9e-…']],
      [1800, ['sh-fixture-recs-viewed', 'sh-fixture-rec-clicked']],
      [4000, ['sh-fixture-collection-viewed', 'sh-fixture-search-submitted']],
      [5000, ['sh-fixture-added-to-cart']],
      [7000, ['sh-fixture-cart-viewed', 'sh-fixture-removed-from-cart']],
      [8000, ['sh-fixture-checkout-started']],
      [9000, ['sh-fixture-checkout-completed']],
    ];
    assert.equal(p.posted.length, expected.length, p.posted.map(names).join(' | '));
    expected.forEach(([at, ids], i) => {
      const sent = p.posted[i]!;
      const body = { shop: SHOP, consent: CONSENT_ALL, events: ids.map((id) => sentForm(byId.get(id) as Event)) };
      assert.equal(sent.at - t0, at, `batch ${i} time`);
      assert.equal(sent.url, ENDPOINT);
      assert.equal(sent.method, 'POST');
      assert.equal(sent.keepalive, true);
      assert.deepEqual(sent.headers, HEADERS);
      assert.deepEqual(JSON.parse(sent.body), body, `batch ${i}`);
      assert.equal(sent.body, JSON.stringify(body), `batch ${i} bytes`);
    });
    const all = p.posted.map((x) => x.body).join('\n');
    assert.ok(!all.includes('<redacted>') && !all.includes('userAgent') && !all.includes('billingAddress'), 'no contact, address or browser data leaves the pixel');
    assert.equal(p.clock.pending, 0, 'no timer left running');
  });

  it('sends at most 10 events per request', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    const visit = Array.from({ length: 12 }, (_, i) => ({ at: i, event: { ...PRODUCT_VIEWED, id: `burst-${i}` } }));
    await replay(p, visit);
    assert.deepEqual(
      p.posted.map((x) => [x.at - p.posted[0]!.at, (JSON.parse(x.body) as EventsBody).events.map((e) => e.id)]),
      [
        [0, visit.slice(0, 10).map((v) => v.event.id)],
        // The 10th event (t = 9 ms) sends the first ten; the 11th (t = 10 ms) opens a window that closes 1 s later.
        [1001, ['burst-10', 'burst-11']],
      ],
    );
  });

  it('retries with growing waits until Affinity is back (a restart longer than 5 s), then stops; never after another 4xx', async () => {
    // Affinity restarting for about 20 s: unreachable, then 503 with Retry-After: 1, then up.
    const T0 = Date.UTC(2026, 11, 2, 12);
    const restart = (r: Posted): Answer => (r.at - T0 < 8000 ? 'network-error' : r.at - T0 < 20_000 ? { status: 503, headers: { 'Retry-After': '1' } } : { status: 202 });
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, startAt: T0, answer: restart });
    await replay(p, [{ at: 0, event: CHECKOUT_COMPLETED }], 120_000);
    assert.ok(p.posted.length >= 4, `${p.posted.length} tries`);
    assert.ok(p.posted.at(-1)!.at - T0 >= 20_000, 'the last try reached Affinity once it was back');
    assert.ok(p.posted.every((x) => x.body === p.posted[0]!.body), 'the same events each time, idempotent on their ids');
    const gaps = p.posted.slice(1).map((x, i) => x.at - p.posted[i]!.at);
    gaps.forEach((g, i) => assert.ok(g >= 1000 * 2 ** i && g <= 1000 * 2 ** i * (1 + RETRY_JITTER) + 1, `gap ${i}: ${gaps.join(', ')}`));
    assert.deepEqual(kept(p.storage), [], 'taken: out of the outbox');
    assert.equal(p.clock.pending, 0);

    for (const [answer, posts] of [
      [{ status: 400 }, 1],
      [{ status: 403 }, 1],
      [{ status: 413 }, 1],
      [{ status: 202 }, 1],
    ] as const) {
      const q = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, answer: () => answer });
      await replay(q, [{ at: 0, event: CHECKOUT_COMPLETED }], 120_000);
      assert.equal(q.posted.length, posts, JSON.stringify(answer));
      assert.deepEqual(kept(q.storage), [], `${answer.status}: not kept (it would fail again)`);
    }
  });

  it('waits at least the Retry-After Affinity asks for, in seconds or as a date', async () => {
    for (const header of ['7', new Date(Date.UTC(2026, 11, 2, 12, 0, 7)).toUTCString()]) {
      const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, random: () => 0, answer: (_r, n) => (n === 1 ? { status: 429, headers: { 'retry-after': header } } : { status: 202 }) });
      await replay(p, [{ at: 0, event: CHECKOUT_COMPLETED }], 60_000);
      assert.equal(p.posted.length, 2, header);
      assert.equal(p.posted[1]!.at - p.posted[0]!.at, 7000, header);
    }
  });

  it('gives up on the page after a bounded number of tries, keeping the events for the next page', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, answer: () => ({ status: 503 }) });
    await replay(p, [{ at: 0, event: CHECKOUT_COMPLETED }], 3600_000);
    assert.equal(p.posted.length, 1 + MAX_RETRIES);
    assert.equal(p.clock.pending, 0, 'no timer left running');
    assert.deepEqual(kept(p.storage), [CHECKOUT_COMPLETED.id]);
  });

  it('an outage longer than a page: the next page sends what the last one could not, once, with the consent it was seen under', async () => {
    const storage = new FakeLocalStorage();
    const partial = { ...CONSENT_ALL, marketingAllowed: false };
    const first = await runAppPixel({ settings: SETTINGS, customerPrivacy: partial, storage, answer: () => 'network-error' });
    await replay(first, VISIT.slice(0, 4), 600_000);
    const lost = VISIT.slice(0, 4).map((v) => v.event.id as string);
    assert.deepEqual(kept(storage), lost);

    // Ten minutes later, Affinity is back; the visitor opens another page.
    const next = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, startAt: first.clock.now + 600_000 });
    await next.clock.advance(0);
    assert.deepEqual(next.posted.map(ids), [lost]);
    assert.deepEqual(JSON.parse(next.posted[0]!.body).consent, partial, 'the consent they were seen under');
    assert.deepEqual(JSON.parse(next.posted[0]!.body).events, VISIT.slice(0, 4).map((v) => sentForm(v.event)));
    assert.deepEqual(kept(storage), []);
    // A third page has nothing left to resend.
    const third = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, startAt: next.clock.now + 1000 });
    await third.clock.advance(10_000);
    assert.deepEqual(third.posted, []);
  });

  it('a page left before its batch went: the next page sends the events it queued', async () => {
    const storage = new FakeLocalStorage();
    const first = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage });
    first.analytics.publish(PAGE_VIEWED);
    first.analytics.publish(PRODUCT_VIEWED);
    await first.clock.advance(300);
    // The shopper leaves: the page (and its 1 s timer) is gone; nothing was sent.
    assert.deepEqual(first.posted, []);
    const next = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, startAt: first.clock.now + 2000 });
    await next.clock.advance(0);
    assert.deepEqual(next.posted.map(ids), [[PAGE_VIEWED.id, PRODUCT_VIEWED.id]]);
  });

  it('sends at once an event that carries a recommendation id (the landing after a click), not its near misses', async () => {
    for (const search of [`?aff_rec=${REC_ID}`, `?variant=47331074113812&aff_rec=${REC_ID}`, `?aff_rec=${REC_ID}#reviews`]) {
      const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
      p.analytics.publish(landing('land-1', search));
      await p.clock.advance(0);
      assert.deepEqual(p.posted.map(ids), [['land-1']], search);
    }
    // The block's viewed event naming its list by id.
    const v = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    const viewed: Event = { ...RECOMMENDATIONS_VIEWED, customData: { ...RECOMMENDATIONS_VIEWED.customData, list: REC_ID } };
    v.analytics.publish(viewed);
    await v.clock.advance(0);
    assert.equal(v.posted.length, 1);
    // Near misses wait for their batch: no aff_rec, another parameter, a value that is not an id, a list named by its kind.
    for (const event of [
      landing('n-1', '?variant=47331074113812'),
      landing('n-2', `?xaff_rec=${REC_ID}`),
      landing('n-3', '?aff_rec=for_you'),
      landing('n-4', `?aff_rec=${REC_ID}x`),
      { ...RECOMMENDATIONS_VIEWED, customData: { ...RECOMMENDATIONS_VIEWED.customData, list: 'bought_together' } },
    ]) {
      const q = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
      q.analytics.publish(event);
      await q.clock.advance(500);
      assert.deepEqual(q.posted, [], event.id as string);
      await q.clock.advance(500);
      assert.equal(q.posted.length, 1, event.id as string);
    }
  });

  it('a Retry-After longer than a page waits is honoured by the next page', async () => {
    const storage = new FakeLocalStorage();
    const long = MAX_RETRY_AFTER_MS / 1000 + 180;
    const first = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, answer: () => ({ status: 503, headers: { 'retry-after': String(long) } }) });
    await replay(first, [{ at: 0, event: CHECKOUT_COMPLETED }], 60_000);
    assert.equal(first.posted.length, 1, 'not retried on this page');
    const t0 = first.posted[0]!.at;
    const next = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, startAt: t0 + 60_000 });
    await next.clock.advance(long * 1000 - 60_000 - 1);
    assert.deepEqual(next.posted, [], 'not before Retry-After');
    await next.clock.advance(1);
    assert.deepEqual(next.posted.map(ids), [[CHECKOUT_COMPLETED.id]]);
  });

  it('keeps the outbox bounded: count, size and age', async () => {
    const storage = new FakeLocalStorage();
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, answer: () => 'network-error' });
    const searches = Array.from({ length: 150 }, (_, i) => ({ at: i * 10, event: { ...SEARCH_SUBMITTED, id: `s-${i}` } }));
    await replay(p, searches, 600_000);
    const raw = storage.items.get(OUTBOX_KEY)!;
    assert.ok(raw.length <= OUTBOX_MAX_CHARS, `${raw.length} characters`);
    const left = kept(storage);
    assert.ok(left.length > 0 && left.length <= OUTBOX_MAX_EVENTS, `${left.length} events`);
    assert.deepEqual(left, searches.slice(-left.length).map((s) => s.event.id), 'the newest kept');
    // A visitor back after more than a day: nothing that old is sent, and the storage is emptied.
    const late = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, startAt: p.clock.now + OUTBOX_MAX_AGE_MS + 1 });
    await late.clock.advance(10_000);
    assert.deepEqual(late.posted, []);
    assert.equal(storage.items.has(OUTBOX_KEY), false);
  });

  it('keeps nothing on the device without analytics consent, and a withdrawal empties the outbox', async () => {
    const refused = { ...CONSENT_ALL, analyticsProcessingAllowed: false };
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: refused, answer: () => 'network-error' });
    await replay(p, [{ at: 0, event: PRODUCT_VIEWED }], 600_000);
    assert.ok(p.posted.length > 1, 'still sent (and retried) from the page');
    assert.equal(p.storage.writes, 0);

    const storage = new FakeLocalStorage();
    const q = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage, answer: () => 'network-error' });
    await replay(q, [{ at: 0, event: PRODUCT_VIEWED }], 600_000);
    assert.deepEqual(kept(storage), [PRODUCT_VIEWED.id]);
    q.privacy.publish(refused);
    await q.clock.advance(0);
    assert.deepEqual(kept(storage), []);

    // Withdrawn on a page where the pixel did not run: the next page, loaded with the refusal, sends none of them.
    const again = new FakeLocalStorage();
    const r = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage: again, answer: () => 'network-error' });
    await replay(r, [{ at: 0, event: PRODUCT_VIEWED }], 600_000);
    const s = await runAppPixel({ settings: SETTINGS, customerPrivacy: refused, storage: again, startAt: r.clock.now + 1000 });
    await s.clock.advance(10_000);
    assert.deepEqual(s.posted, []);
    assert.deepEqual(kept(again), []);
  });

  it('stops retrying events seen under a consent that was withdrawn since (Affinity has erased them)', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, answer: (r) => (names(r).includes('visitorConsentCollected') ? { status: 202 } : 'network-error') });
    await replay(p, [{ at: 0, event: CHECKOUT_COMPLETED }], 500);
    assert.equal(p.posted.length, 1);
    p.privacy.publish({ ...CONSENT_ALL, analyticsProcessingAllowed: false });
    await p.clock.advance(600_000);
    assert.deepEqual(p.posted.slice(1).map(names), [['visitorConsentCollected']]);
  });

  it('sends as before when the storage is blocked or full', async () => {
    const storage = new FakeLocalStorage();
    storage.failing = true;
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, storage });
    await replay(p, VISIT);
    assert.equal(p.posted.length, 7);
  });

  it('splits a batch bigger than a keepalive request may be, and sends an oversized event without keepalive', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    const searches = Array.from({ length: 10 }, (_, i) => ({ at: i, event: { ...SEARCH_SUBMITTED, id: `search-${i}` } }));
    await replay(p, searches);
    const bytes = p.posted.map((x) => Buffer.byteLength(x.body));
    assert.ok(p.posted.length > 1, `split (${bytes.join(', ')} bytes)`);
    assert.ok(bytes.every((b) => b <= 32 * 1024), bytes.join(', '));
    assert.ok(p.posted.every((x) => x.keepalive === true));
    assert.deepEqual(p.posted.flatMap((x) => (JSON.parse(x.body) as EventsBody).events.map((e) => e.id)), searches.map((s) => s.event.id), 'each once, in order');

    const q = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    await replay(q, [{ at: 0, event: { ...CHECKOUT_COMPLETED, id: 'huge', data: { checkout: { ...CHECKOUT_COMPLETED.data.checkout, note: 'x'.repeat(40_000) } } } }]);
    assert.equal(q.posted.length, 1);
    assert.equal(q.posted[0]!.keepalive, false);
  });

  it('follows consent: a withdrawal drops what was not sent, tells Affinity and removes the client id cookie', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    p.analytics.publish(PRODUCT_VIEWED);
    assert.deepEqual(p.cookies, [`_affinity_cid=${encodeURIComponent(CLIENT_ID)}; path=/; max-age=31536000; samesite=lax; secure`]);
    const withdrawn = { ...CONSENT_ALL, analyticsProcessingAllowed: false };
    await p.clock.advance(300);
    p.privacy.publish(withdrawn);
    await p.clock.advance(10_000);
    assert.equal(p.posted.length, 1, 'only the consent signal: the pending product view is dropped');
    const signal = JSON.parse(p.posted[0]!.body) as EventsBody;
    assert.deepEqual(signal, {
      shop: SHOP,
      consent: withdrawn,
      events: [{ id: `affinity-consent-${CLIENT_ID}-${p.clock.now - 10_000}`, name: 'visitorConsentCollected', clientId: CLIENT_ID, timestamp: new Date(p.clock.now - 10_000).toISOString(), customerPrivacy: withdrawn }],
    });
    assert.equal(p.cookies.at(-1), '_affinity_cid=; path=/; max-age=0; samesite=lax; secure');
    // Later events still go, marked with the refusal (Affinity keeps them in session memory only).
    p.analytics.publish(CHECKOUT_COMPLETED);
    await p.clock.advance(0);
    assert.equal(p.posted.length, 2);
    assert.deepEqual(JSON.parse(p.posted[1]!.body).consent, withdrawn);
    assert.deepEqual(names(p.posted[1]!), ['checkout_completed'], 'the dropped product view never leaves');
  });

  it('sends the events seen before a consent change with the consent they were seen under', async () => {
    const partial = { ...CONSENT_ALL, marketingAllowed: false };
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: partial });
    p.analytics.publish(PRODUCT_VIEWED);
    p.privacy.publish(CONSENT_ALL);
    await p.clock.advance(5000);
    assert.deepEqual(
      p.posted.map((x) => [JSON.parse(x.body).consent, names(x)]),
      [
        [partial, ['product_viewed']],
        [CONSENT_ALL, ['visitorConsentCollected']],
      ],
    );
  });

  it('writes no client id cookie without analytics consent', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: { ...CONSENT_ALL, analyticsProcessingAllowed: false } });
    p.analytics.publish(PRODUCT_VIEWED);
    assert.deepEqual(p.cookies, ['_affinity_cid=; path=/; max-age=0; samesite=lax; secure']);
  });

  it('names the shop it runs on when the shop setting is empty, and stays silent without an https endpoint', async () => {
    const p = await runAppPixel({ settings: { endpoint: ENDPOINT, shop: '' }, customerPrivacy: CONSENT_ALL, shopDomain: 'other-shop.myshopify.com' });
    await replay(p, [{ at: 0, event: CHECKOUT_COMPLETED }]);
    assert.equal(JSON.parse(p.posted[0]!.body).shop, 'other-shop.myshopify.com');
    for (const endpoint of ['', 'http://affinity.example.com/v1/events', '/v1/events', 'javascript:alert(1)']) {
      const q = await runAppPixel({ settings: { endpoint, shop: SHOP }, customerPrivacy: CONSENT_ALL });
      assert.deepEqual(q.analytics.names, [], endpoint);
    }
  });
});

/** The custom pixel snippet of README.md ("Plugging Affinity into a Shopify shop", step 4). */
function readmeSnippet(): { code: string; endpoint: string } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Plugging Affinity into a Shopify shop'));
  const m = /\n( *)```js\n([\s\S]*?)\n *```/.exec(section);
  assert.ok(m, 'README has a ```js custom pixel snippet under "Plugging Affinity into a Shopify shop"');
  const indent = m[1]!.length;
  const code = m[2]!
    .split('\n')
    .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
    .join('\n');
  const endpoint = /const AFFINITY = '([^']+)'/.exec(code)?.[1];
  assert.ok(endpoint, 'the snippet names its endpoint in const AFFINITY');
  return { code, endpoint };
}

describe('README custom pixel snippet: what it sends', () => {
  it('posts every standard event of the visit at once, with the consent, as text/plain keepalive requests', async () => {
    const { code, endpoint } = readmeSnippet();
    const p = runCustomPixel(code, { customerPrivacy: CONSENT_ALL });
    const t0 = p.clock.now;
    await replay(p, VISIT);
    const standard = VISIT.filter((v) => !v.event.name.startsWith('affinity:'));
    assert.equal(p.posted.length, standard.length);
    standard.forEach((v, i) => {
      const sent = p.posted[i]!;
      assert.equal(sent.at - t0, v.at);
      assert.equal(sent.url, endpoint);
      assert.equal(sent.method, 'POST');
      assert.equal(sent.keepalive, true);
      assert.deepEqual(sent.headers, HEADERS);
      assert.equal(sent.body, JSON.stringify({ events: [v.event], consent: CONSENT_ALL }));
    });
  });
});

describe('README custom pixel snippet: an outage', () => {
  it('a 503 with Retry-After, a 429 and a network error are tried again (after Retry-After, else 1, 2, 4, 8 s), 5 tries at most', async () => {
    const { code } = readmeSnippet();
    const view = VISIT.find((v) => v.event.name === 'product_viewed')!.event;
    const answers: Answer[] = [{ status: 503, headers: { 'retry-after': '3' } }, { status: 429 }, 'network-error', { status: 202 }];
    const p = runCustomPixel(code, { customerPrivacy: CONSENT_ALL, answer: (_r, n) => answers[n - 1] ?? { status: 202 } });
    const t0 = p.clock.now;
    p.analytics.publish(view);
    await p.clock.advance(60_000);
    assert.deepEqual(p.posted.map((r) => r.at - t0), [0, 3_000, 5_000, 9_000], 'after Retry-After 3 s, then 2 s, then 4 s');
    assert.equal(new Set(p.posted.map((r) => r.body)).size, 1, 'the same event each time (counted once)');
    const down = runCustomPixel(code, { customerPrivacy: CONSENT_ALL, answer: () => ({ status: 503 }) });
    down.analytics.publish(view);
    await down.clock.advance(60_000);
    assert.equal(down.posted.length, 5);
    const refused = runCustomPixel(code, { customerPrivacy: CONSENT_ALL, answer: () => ({ status: 400 }) });
    refused.analytics.publish(view);
    await refused.clock.advance(60_000);
    assert.equal(refused.posted.length, 1, 'a refusal is final: never tried again');
  });
});

describe('pixel requests reach a running Affinity and are stored', () => {
  let s: Running;
  const README_SHOP = 'my-shop.myshopify.com';
  const README_ORIGIN = 'https://my-shop.example';
  before(async () => {
    // API keys on (production mode): keyless requests are accepted only from the shops' storefront origins.
    s = await startAffinity({
      AFFINITY_API_KEYS: '*:admin:admin-key-0123456789abcdef',
      AFFINITY_PIXEL_ORIGINS: `${SHOP}=${STOREFRONT},${README_SHOP}=${README_ORIGIN}`,
    });
  });
  after(async () => {
    await s.stop();
  });

  /** Sends a recorded request to the local Affinity as the browser would: same path, body and headers, plus Origin. */
  async function deliver(req: Posted, origin: string): Promise<{ status: number; body: any }> {
    const url = new URL(req.url);
    const res = await fetch(`${s.url}${url.pathname}${url.search}`, { method: req.method ?? 'GET', headers: { ...req.headers, origin }, body: req.body });
    return { status: res.status, body: await res.json() };
  }

  const storedIds = async (shop: string): Promise<string[]> => (await s.affinity.ctx.store.getUserEvents(shop, CLIENT_ID, 100)).map((e) => e.id).sort();
  // Keyless (storefront) events are stored in their own id namespace (features/ingest/recordEvents.ts).
  const standardIds = VISIT.filter((v) => !v.event.name.startsWith('affinity:'))
    .map((v) => `${KEYLESS_EVENT_ID_PREFIX}${v.event.id as string}`)
    .sort();

  it('the app pixel’s batches: 202, every standard event stored once, the custom events accepted and ignored', async () => {
    const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL });
    await replay(p, VISIT);
    let accepted = 0;
    let ignored = 0;
    for (const req of p.posted) {
      const r = await deliver(req, STOREFRONT);
      assert.equal(r.status, 202, JSON.stringify(r.body));
      accepted += r.body.accepted;
      ignored += r.body.ignored;
    }
    assert.equal(accepted, standardIds.length);
    assert.equal(ignored, 2, 'affinity:recommendations_viewed and affinity:recommendation_clicked');
    assert.deepEqual(await storedIds(SHOP), standardIds);
    // Sent again (the pixel's retry): nothing new.
    const again = await deliver(p.posted[0]!, STOREFRONT);
    assert.equal(again.status, 202);
    assert.equal(again.body.duplicates, 2);
    // The same request from a page that is not the shop's storefront is refused.
    assert.equal((await deliver(p.posted[0]!, 'https://evil.example')).status, 403);
  });

  it('the README snippet’s requests: 202 each, every standard event stored', async () => {
    const { code } = readmeSnippet();
    const p = runCustomPixel(code, { customerPrivacy: CONSENT_ALL });
    await replay(p, VISIT);
    for (const req of p.posted) {
      const r = await deliver(req, README_ORIGIN);
      assert.equal(r.status, 202, JSON.stringify(r.body));
      assert.equal(r.body.accepted, 1);
    }
    assert.deepEqual(await storedIds(README_SHOP), standardIds);
  });
});
