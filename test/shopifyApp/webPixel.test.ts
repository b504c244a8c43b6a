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
import {
  CHECKOUT_COMPLETED,
  CLIENT_ID,
  CONSENT_ALL,
  PRODUCT_VIEWED,
  SEARCH_SUBMITTED,
  STOREFRONT,
  VISIT,
} from './fixtures/pixelEvents.ts';
import { replay, runAppPixel, runCustomPixel, type Posted } from './pixelHarness.ts';

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
    ]);
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

  it('retries a batch once when Affinity is unreachable or busy, and never after another 4xx', async () => {
    for (const [first, then, posts] of [
      ['network-error', { status: 202 }, 2],
      [{ status: 503 }, { status: 503 }, 2],
      [{ status: 429 }, { status: 202 }, 2],
      [{ status: 400 }, { status: 202 }, 1],
      [{ status: 403 }, { status: 202 }, 1],
    ] as const) {
      const p = await runAppPixel({ settings: SETTINGS, customerPrivacy: CONSENT_ALL, answer: (_r, n) => (n === 1 ? first : then) });
      await replay(p, [{ at: 0, event: CHECKOUT_COMPLETED }], 60_000);
      assert.equal(p.posted.length, posts, JSON.stringify(first));
      if (posts === 2) {
        assert.equal(p.posted[1]!.at - p.posted[0]!.at, 5000);
        assert.equal(p.posted[1]!.body, p.posted[0]!.body, 'the same events, idempotent on their ids');
      }
    }
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

/** The custom pixel snippet of README.md ("Plugging Affinity into a Shopify shop", step 2). */
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
