/**
 * `parseIngestBatch`: a batch is validated event by event (docs/decisions/0006). One invalid event is
 * refused on its own, with its index, id, code and issues, and never holds back its neighbours; what
 * concerns the body as a whole still refuses it all (events Affinity does not read:
 * pixelUnusedEvents.unit.test.ts). Payloads have the shapes of docs/shopify.md §2.2–2.6.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { invalidBatchError, MAX_BATCH_EVENTS, parseIngest, parseIngestBatch } from './ingest.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const TS = '2026-11-24T11:59:00.000Z';
const CLIENT = 'df1007bb-3f9d-4a3b-8f0a-111111111111';
const opts = { shop: 's', now: NOW };

const variant = (productId: string, variantId: string, title: string) => ({
  id: variantId,
  sku: 'SKU-1',
  title: 'M',
  untranslatedTitle: 'M',
  image: { src: '//shop.example/cdn/x.jpg' },
  price: { amount: 29, currencyCode: 'USD' },
  product: { id: productId, title, untranslatedTitle: title, url: `/products/${title.toLowerCase()}`, vendor: 'kittycats', type: 'Tops' },
});
const ev = (id: string, name: string, data: unknown, extra: Record<string, unknown> = {}) => ({ id, name, clientId: CLIENT, timestamp: TS, type: 'standard', data, ...extra });

/** One page of a storefront session as the pixel batches it. */
function session(): Record<string, unknown>[] {
  return [
    ev('sh-1', 'page_viewed', {}, { context: { document: { location: { pathname: '/', search: '' } } } }),
    ev('sh-2', 'product_viewed', { productVariant: variant('8896125829396', '47331074113812', 'Tank') }),
    ev('sh-3', 'collection_viewed', { collection: { id: '42', title: 'Tops', productVariants: [variant('1', '11', 'A')] } }),
    ev('sh-4', 'search_submitted', { searchResult: { query: 'yoga', productVariants: [variant('2', '21', 'B')] } }),
    ev('sh-5', 'product_added_to_cart', { cartLine: { quantity: 1, merchandise: variant('8896125829396', '47331074113812', 'Tank'), cost: { totalAmount: { amount: 29, currencyCode: 'USD' } } } }),
    ev('sh-6', 'checkout_completed', {
      checkout: {
        token: 'c86',
        currencyCode: 'USD',
        lineItems: [{ id: 'l1', quantity: 1, title: 'Tank', variant: variant('8896125829396', '47331074113812', 'Tank'), finalLinePrice: { amount: 29, currencyCode: 'USD' } }],
        order: { id: '6807581753559', customer: { id: '9384230682839', isFirstOrder: false } },
      },
    }),
  ];
}

describe('parseIngestBatch: one invalid event is refused on its own', () => {
  it('stores the rest of a real session around an invalid event, and names it by index, id, code and issues', () => {
    const events = session();
    events.splice(3, 0, ev('sh-bad', 'cart_viewed', {})); // no `cart`: not the documented shape
    const r = parseIngestBatch({ shop: 's', consent: { analyticsProcessingAllowed: true }, events }, opts);
    assert.deepEqual(
      r.events.map((e) => [e.id, e.type]),
      [
        ['sh-1', 'page_view'],
        ['sh-2', 'view'],
        ['sh-3', 'collection_view'],
        ['sh-4', 'search'],
        ['sh-5', 'add_to_cart'],
        ['sh-6', 'purchase'],
      ],
    );
    assert.equal(r.ignored, 0);
    assert.equal(r.rejected.length, 1);
    const [bad] = r.rejected;
    assert.equal(bad?.index, 3);
    assert.equal(bad?.id, 'sh-bad');
    assert.equal(bad?.code, 'VALIDATION_FAILED');
    assert.deepEqual(bad?.issues.map((i) => i.path), ['events.3.data.cart']);
    assert.match(bad?.message ?? '', /^events\.3\.data\.cart: /);
    // The envelope's consent still reaches the valid events.
    assert.deepEqual(r.events[0]?.consent, { analytics: true });
    // In the short names too (`analytics`…, as the consent ledger reads them): before, the events were
    // stamped with no consent and a GDPR shopper's batch went to session-only memory.
    const short = parseIngestBatch({ shop: 's', consent: { analytics: true, preferences: true, marketing: false, saleOfData: true }, events: session() }, opts);
    assert.deepEqual(short.events[0]?.consent, { analytics: true, marketing: false, preferences: true, saleOfData: true });
  });

  it('refuses only the events at fault, whatever is wrong with them, each with its own issues', () => {
    const events: unknown[] = [
      ev('a', 'product_viewed', { productVariant: variant('1', '11', 'A') }),
      { ...ev('b', 'product_viewed', { productVariant: variant('2', '21', 'B') }), timestamp: 'yesterday' },
      ev('c', 'search_submitted', { searchResult: { productVariants: [] } }),
      { id: 'd', type: 'teleported', userId: 'u-1' },
      'not an event',
      { id: 'f', name: 'product_viewed', data: {} },
      { id: 'g', something: true },
      ev('h', 'product_viewed', { productVariant: variant('3', '31', 'C') }),
    ];
    const r = parseIngestBatch(events, opts);
    assert.deepEqual(r.events.map((e) => e.id), ['a', 'h']);
    assert.deepEqual(
      r.rejected.map((x) => [x.index, x.id, x.issues.map((i) => i.path)]),
      [
        [1, 'b', ['1.timestamp']],
        [2, 'c', ['2.data.searchResult.query']],
        [3, 'd', ['3.type']],
        [4, undefined, ['4']],
        [5, 'f', ['5.clientId']],
        [6, 'g', ['6']],
      ],
    );
    assert.ok(r.rejected.every((x) => x.code === 'VALIDATION_FAILED'));
  });

  it('names a refused event by its id only when that id could be one (no lone surrogate, not oversized, a string)', () => {
    const bad = (id: unknown) => ({ id, name: 'product_viewed', clientId: CLIENT, data: {} });
    const r = parseIngestBatch([bad('ok-id'), bad('x\ud800'), bad('y'.repeat(201)), bad(42), bad('')], opts);
    assert.deepEqual(r.rejected.map((x) => x.id), ['ok-id', undefined, undefined, undefined, undefined]);
  });

  it('a single event body that is invalid is refused as index 0 with the paths it always had', () => {
    const r = parseIngestBatch({ id: 'n', type: 'view', userId: 'u\ud800', productId: '8' }, opts);
    assert.deepEqual(r.rejected.map((x) => [x.index, x.issues.map((i) => i.path)]), [[0, ['userId']]]);
    assert.deepEqual(r.events, []);
  });
});

describe('parseIngestBatch: what concerns the body as a whole still refuses it all', () => {
  it('throws for a body that is no batch, a bad envelope, or too many events', () => {
    const code = (body: unknown) => {
      try {
        parseIngestBatch(body, opts);
        return 'none';
      } catch (err) {
        return isAffinityError(err) ? err.code : 'other';
      }
    };
    assert.equal(code('hello'), 'VALIDATION_FAILED');
    assert.equal(code(null), 'VALIDATION_FAILED');
    assert.equal(code({ events: 'x' }), 'VALIDATION_FAILED');
    assert.equal(code({ country: 'Germany', events: session() }), 'VALIDATION_FAILED');
    assert.equal(code({ consent: { analyticsProcessingAllowed: 'yes' }, events: session() }), 'VALIDATION_FAILED');
    assert.equal(code({ consent: { analytics: 'yes' }, events: session() }), 'VALIDATION_FAILED');
    assert.equal(code(Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => session()[0])), 'PAYLOAD_TOO_LARGE');
    assert.equal(code({ events: [] }), 'none');
  });

  it('refuses an envelope key it does not know, naming it: a misspelt consent must not store a refusing shopper\'s events', () => {
    for (const key of ['consnet', 'Consent', 'market_id']) {
      assert.throws(
        () => parseIngestBatch({ [key]: { analyticsProcessingAllowed: false }, events: session() }, opts),
        (err: unknown) => isAffinityError(err) && err.code === 'VALIDATION_FAILED' && err.message.includes(`"${key}"`),
        key,
      );
    }
  });

  it('a cart or checkout line of -1 or 1.5 units, or an amount that is no number, refuses that event on its own (they were stored as 1 unit, no amount)', () => {
    const tank = variant('8896125829396', '47331074113812', 'Tank');
    const events = [
      ev('q-1', 'product_added_to_cart', { cartLine: { quantity: -1, merchandise: tank, cost: { totalAmount: { amount: 29, currencyCode: 'USD' } } } }),
      ev('q-2', 'product_added_to_cart', { cartLine: { quantity: 1, merchandise: tank, cost: { totalAmount: { amount: 'x', currencyCode: 'USD' } } } }),
      ev('q-3', 'checkout_completed', { checkout: { currencyCode: 'USD', lineItems: [{ quantity: 1.5, variant: tank, finalLinePrice: { amount: 29, currencyCode: 'USD' } }] } }),
      ev('q-4', 'product_added_to_cart', { cartLine: { quantity: 2, merchandise: tank, cost: { totalAmount: { amount: '58.00', currencyCode: 'USD' } } } }),
    ];
    const r = parseIngestBatch({ shop: 's', events }, opts);
    assert.deepEqual(r.rejected.map((x) => [x.id, x.issues.map((i) => i.path)]), [
      ['q-1', ['events.0.data.cartLine.quantity']],
      ['q-2', ['events.1.data.cartLine.cost.totalAmount.amount']],
      ['q-3', ['events.2.data.checkout.lineItems.0.quantity']],
    ]);
    assert.deepEqual(r.events.map((e) => e.id.replace(/^.*:/, '')), ['q-4']);
  });

  it('a consent of null, or flags of null (Shopify\'s nullable fields), is no consent known: the events are kept', () => {
    for (const consent of [null, { analyticsProcessingAllowed: null, marketingAllowed: null, preferencesProcessingAllowed: null, saleOfDataAllowed: null }]) {
      const r = parseIngestBatch({ shop: 's', consent, events: session() }, opts);
      assert.equal(r.rejected.length, 0, JSON.stringify(consent));
      assert.ok(r.events.length > 0);
      assert.deepEqual(Object.keys(r.events[0]?.consent ?? {}), [], 'no flag read');
    }
    const some = parseIngestBatch({ shop: 's', consent: { analyticsProcessingAllowed: true, marketingAllowed: null }, events: session() }, opts);
    assert.deepEqual(some.events[0]?.consent, { analytics: true });
  });

  it('parseIngest stays all or nothing, with every issue of every refused event (invalidBatchError)', () => {
    const events = [...session(), ev('x-1', 'cart_viewed', {}), { id: 'x-2', type: 'view', userId: '' }];
    assert.throws(
      () => parseIngest({ events }, opts),
      (err: unknown) => isAffinityError(err) && err.code === 'VALIDATION_FAILED' && err.issues.map((i) => i.path).join() === 'events.6.data.cart,events.7.userId' && err.message.startsWith('Invalid event payload: events.6.data.cart: '),
    );
    const { rejected } = parseIngestBatch({ events }, opts);
    assert.deepEqual(invalidBatchError(rejected).issues.map((i) => i.path), ['events.6.data.cart', 'events.7.userId']);
  });
});
