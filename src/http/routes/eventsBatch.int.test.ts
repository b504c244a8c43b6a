/**
 * One bad event must not lose a pixel's batch (docs/decisions/0006), over real HTTP on loopback with a
 * guarded app (API keys, a storefront origin) and the real consent gate on in-memory SQLite: a batch
 * shaped as Shopify's Web Pixel sends it (docs/shopify.md §2.2–2.6), with one event of a shape Affinity
 * refuses and events it does not use, is answered 202; every event the answer counts as accepted is in
 * the store, each refused one is listed (index, id, code, message, issues) and counted in
 * `affinity_events_invalid_total`; a retry changes nothing. Refusals about the caller or the body as a
 * whole stay whole: a keyless batch with a customer-shaped client id (403), a key of another shop (403),
 * a bad key (401), malformed JSON (400), a batch with nothing valid (400).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseApiKeys, parsePixelOrigins } from '../../core/access/apiKeys.ts';
import { INGEST_SHOP, ingestHarness } from '../../testing/ingestHarness.ts';
import { buildApp } from '../app.ts';
import { ErrorResponse, EventsAccepted } from '../openapiSchemas.ts';
import { RequestGuard } from '../requestGuard.ts';

const ORIGIN = 'https://ingest-test.example';
const INGEST_KEY = 'batch-test-ingest-key-0001';
const OTHER_KEY = 'batch-test-other-shop-key-01';
const CLIENT = 'df1007bb-5b2e-4b43-a3a0-4d3f4c5e6a7b';
const TS = new Date(Date.UTC(2026, 10, 24, 11, 59)).toISOString();

const context = (path: string) => ({ document: { location: { pathname: path, search: '', href: `${ORIGIN}${path}` }, referrer: ORIGIN, title: 't', characterSet: 'UTF-8' } });
const variant = (productId: string, variantId: string, title: string, amount: number) => ({
  id: variantId,
  sku: 'SKU',
  title: 'M',
  untranslatedTitle: 'M',
  image: { src: '//cdn.example/x.jpg' },
  price: { amount, currencyCode: 'USD' },
  product: { id: productId, title, untranslatedTitle: title, url: `/products/${title.toLowerCase().replace(/ /g, '-')}`, vendor: 'kittycats', type: 'Tops' },
});

/** A storefront session as the pixel batches it: used events, one refused (`cart_viewed` without `cart`), events Affinity does not use. */
function pixelBatch(tag: string, clientId = CLIENT) {
  const ev = (n: number, name: string, data: unknown, extra: Record<string, unknown> = {}) => ({ id: `sh-${tag}-${n}`, name, clientId, timestamp: TS, data, ...extra });
  const tank = variant('8896125829396', '47331074113812', 'All Tied Up Tank', 29);
  return {
    shop: INGEST_SHOP,
    consent: { analyticsProcessingAllowed: true, marketingAllowed: true, preferencesProcessingAllowed: true, saleOfDataAllowed: true },
    events: [
      ev(0, 'page_viewed', {}, { context: context('/') }),
      ev(1, 'product_viewed', { productVariant: tank }, { context: context('/products/all-tied-up-tank') }),
      ev(2, 'collection_viewed', { collection: { id: '42', title: 'Tops', productVariants: [variant('1', '11', 'Linen Tee', 19)] } }),
      ev(3, 'search_submitted', { searchResult: { query: 'yoga', productVariants: [variant('2', '21', 'Yoga Pant', 49)] } }),
      ev(4, 'cart_viewed', {}), // refused: `cart` is required (null when empty)
      ev(5, 'product_added_to_cart', { cartLine: { quantity: 1, merchandise: tank, cost: { totalAmount: { amount: 29, currencyCode: 'USD' } } } }),
      ev(6, 'checkout_shipping_info_submitted', { checkout: { token: 'x' } }), // a standard event Affinity does not use
      ev(7, 'product_variant_selected', [1, 2]), // one Shopify may add later
      { id: `sh-${tag}-8`, name: 'my-theme:banner_clicked', clientId, timestamp: TS, type: 'custom', customData: { banner: 'x' } },
      ev(9, 'checkout_completed', {
        checkout: {
          token: `c-${tag}`,
          currencyCode: 'USD',
          lineItems: [{ id: 'l1', quantity: 1, title: 'All Tied Up Tank', variant: tank, finalLinePrice: { amount: 29, currencyCode: 'USD' } }],
          order: { id: '6807581753559', customer: null },
        },
      }),
    ],
  };
}

interface Answer {
  readonly status: number;
  readonly body: any;
}

describe('POST /v1/events: one bad event does not lose the batch', () => {
  const h = ingestHarness();
  const keys = parseApiKeys(`${INGEST_SHOP}:ingest:${INGEST_KEY},other-shop.myshopify.com:ingest:${OTHER_KEY}`);
  const origins = parsePixelOrigins(`${INGEST_SHOP}=${ORIGIN}`);
  if (!('keys' in keys) || !('origins' in origins)) throw new Error('test configuration');
  const guard = new RequestGuard({ keys: keys.keys, pixelOrigins: origins.origins, rate: { ratePerSecond: 1e6, burst: 1e6 }, clock: h.ctx.clock });
  const app = buildApp(h.ctx, { privacy: { ...h.privacy, guard }, pixelOrigins: [ORIGIN] });
  let url = '';
  before(async () => {
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await app.close();
    h.close();
  });

  async function send(body: string, headers: Record<string, string>): Promise<Answer> {
    const res = await fetch(`${url}/v1/events`, { method: 'POST', headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  /** As the pixel sends it: text/plain, the storefront's Origin, no key. */
  const pixel = (body: unknown) => send(JSON.stringify(body), { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN });
  const server = (body: unknown, key = INGEST_KEY) => send(JSON.stringify(body), { 'content-type': 'application/json', authorization: `Bearer ${key}` });
  const stored = (userId: string) => h.store.getUserEvents(INGEST_SHOP, userId, 100);
  const invalidCount = async () => (await h.metrics.eventsInvalid.get()).values.find((v) => v.labels.code === 'VALIDATION_FAILED')?.value ?? 0;

  it('stores and acknowledges the valid events of a pixel batch, lists the refused one, ignores what it does not use', async () => {
    const r = await pixel(pixelBatch('a'));
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.ok(EventsAccepted.safeParse(r.body).success, `not the documented answer: ${JSON.stringify(r.body)}`);
    assert.deepEqual({ accepted: r.body.accepted, duplicates: r.body.duplicates, ignored: r.body.ignored }, { accepted: 6, duplicates: 0, ignored: 3 });
    assert.equal(r.body.rejected.length, 1);
    const [bad] = r.body.rejected;
    assert.deepEqual({ index: bad.index, id: bad.id, code: bad.code }, { index: 4, id: 'sh-a-4', code: 'VALIDATION_FAILED' });
    assert.match(bad.message, /^events\.4\.data\.cart: /);
    assert.deepEqual(bad.issues.map((i: { path: string }) => i.path), ['events.4.data.cart']);
    // An event acknowledged is an event stored: the six the answer counts, under the keyless namespace.
    const ids = (await stored(CLIENT)).map((e) => e.id).sort();
    assert.deepEqual(ids, ['pixel:sh-a-0', 'pixel:sh-a-1', 'pixel:sh-a-2', 'pixel:sh-a-3', 'pixel:sh-a-5', 'pixel:sh-a-9']);
    assert.equal(await invalidCount(), 1);
  });

  it('a retry of the same batch changes nothing: the stored events are duplicates, the refused one is refused again', async () => {
    const r = await pixel(pixelBatch('a'));
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual({ accepted: r.body.accepted, duplicates: r.body.duplicates, ignored: r.body.ignored, refused: r.body.rejected.map((x: { id: string }) => x.id) }, { accepted: 0, duplicates: 6, ignored: 3, refused: ['sh-a-4'] });
    assert.equal((await stored(CLIENT)).length, 6);
  });

  it('a server batch (ingest key) is taken in part the same way; a fully valid answer keeps its three counts only', async () => {
    const body = pixelBatch('s', 'srv-client-1');
    const r = await server({ ...body, events: [...body.events, { id: 'n-bad', type: 'view', userId: 'u-1', productId: '' }] });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(r.body.rejected.map((x: { index: number; id: string }) => [x.index, x.id]), [[4, 'sh-s-4'], [10, 'n-bad']]);
    assert.equal((await stored('srv-client-1')).length, r.body.accepted);
    const ok = await server([{ id: 'n-ok', type: 'view', userId: 'u-2', productId: '8' }]);
    assert.deepEqual(ok.body, { accepted: 1, duplicates: 0, ignored: 0 });
  });

  it('a batch with nothing valid is still refused whole, 400 VALIDATION_FAILED, in the documented error shape', async () => {
    const r = await pixel({ shop: INGEST_SHOP, events: [{ id: 'z-1', name: 'cart_viewed', clientId: 'c-none', data: {} }, { id: 'z-2', name: 'product_viewed', clientId: 'c-none', data: { productVariant: 'x' } }] });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.ok(ErrorResponse.safeParse(r.body).success, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(r.body.error.issues.map((i: { path: string }) => i.path), ['events.0.data.cart', 'events.1.data.productVariant']);
    assert.deepEqual(await stored('c-none'), []);
  });

  it('refusals about the caller stay whole: customer-shaped keyless ids (403), another shop’s key (403), a bad key (401)', async () => {
    const before = await invalidCount();
    const forged = pixelBatch('f', 'c-forged');
    const cases: [Promise<Answer>, number, string][] = [
      [pixel({ ...forged, events: [...forged.events, { ...forged.events[1], id: 'sh-f-x', clientId: '8800123' }] }), 403, 'PIXEL_CONSENT_FORBIDDEN'],
      [pixel({ ...forged, events: [...forged.events, { id: 'sh-f-n', type: 'purchase', userId: 'c-forged', orderId: '1', items: [{ productId: '1' }] }] }), 403, 'PIXEL_CONSENT_FORBIDDEN'],
      [server(forged, OTHER_KEY), 403, 'TENANT_MISMATCH'],
      [server(forged, 'not-a-key-of-this-server-0000'), 401, 'UNAUTHORIZED'],
    ];
    for (const [answer, status, code] of cases) {
      const r = await answer;
      assert.equal(r.status, status, JSON.stringify(r.body));
      assert.equal(r.body.error.code, code);
    }
    assert.deepEqual(await stored('c-forged'), [], 'nothing of a batch refused for its caller is stored');
    assert.equal(await invalidCount(), before, 'nor counted as invalid events');
  });

  it('an event whose id or client id could never be a key (a lone surrogate) is refused on its own, the batch is stored', async () => {
    // Sent as raw JSON text: a `\ud800` escape is the only way a body can carry a lone surrogate.
    const good = JSON.stringify(pixelBatch('ls', 'c-lone').events[1]);
    const body = `{"shop":"${INGEST_SHOP}","events":[${good},{"id":"sh-ls-x\\ud800","name":"page_viewed","clientId":"c-lone","data":{}},{"id":"sh-ls-y","name":"page_viewed","clientId":"c\\ud800","data":{}}]}`;
    const r = await send(body, { 'content-type': 'text/plain', origin: ORIGIN });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(r.body.rejected.map((x: { index: number; id?: string; issues: { path: string }[] }) => [x.index, x.id, x.issues.map((i) => i.path)]), [
      [1, undefined, ['events.1.id']],
      [2, 'sh-ls-y', ['events.2.clientId']],
    ]);
    assert.deepEqual((await stored('c-lone')).map((e) => e.id), ['pixel:sh-ls-1']);
  });

  it('a product id of white space alone is refused on its own (it names no product, and could hold up projection)', async () => {
    const r = await server([
      { id: 'w-1', type: 'view', userId: 'u-w', productId: ' ' },
      { id: 'w-2', type: 'purchase', userId: 'u-w', orderId: '7', items: [{ productId: '\t' }] },
      { id: 'w-3', type: 'view', userId: '   ', productId: '8' },
      { id: 'w-4', type: 'view', userId: 'u-w', productId: '\u200b' },
      { id: 'w-5', type: 'view', userId: 'u\u0000w', productId: '8' },
      { id: 'w-ok', type: 'view', userId: 'u-w', productId: '8' },
    ]);
    assert.equal(r.status, 202, JSON.stringify(r.body));
    assert.deepEqual(
      // A body that is a bare array names its events by index.
      r.body.rejected.map((x: { id: string; issues: { path: string }[] }) => [x.id, x.issues.map((i) => i.path)]),
      [
        ['w-1', ['0.productId']],
        ['w-2', ['1.items.0.productId']],
        ['w-3', ['2.userId']],
        ['w-4', ['3.productId']],
        ['w-5', ['4.userId']],
      ],
    );
    assert.deepEqual((await stored('u-w')).map((e) => e.id), ['w-ok']);
  });

  it('a CSV is the wrong type here (415), and a pixel body is parsed as strictly as JSON (no __proto__)', async () => {
    const csv = await send('id,type,userId,productId\ncsv-1,view,u-csv,8\n', { 'content-type': 'text/csv', authorization: `Bearer ${INGEST_KEY}` });
    assert.equal(csv.status, 415, JSON.stringify(csv.body));
    assert.equal(csv.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
    const proto = await send(`{"shop":"${INGEST_SHOP}","__proto__":{"x":1},"events":[]}`, { 'content-type': 'text/plain', origin: ORIGIN });
    assert.equal(proto.status, 400, JSON.stringify(proto.body));
    assert.equal(proto.body.error.code, 'INVALID_JSON');
  });

  it('malformed JSON stays 400 INVALID_JSON', async () => {
    const r = await send('{"events": [', { 'content-type': 'text/plain', origin: ORIGIN });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'INVALID_JSON');
  });

  it('GET /metrics counts the refused events by code', async () => {
    const res = await fetch(`${url}/metrics`);
    const text = await res.text();
    assert.match(text, /^affinity_events_invalid_total\{code="VALIDATION_FAILED"\} \d+$/m);
  });
});
