import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRedis } from '../../src/testing/redisServer.ts';
import { startAffinity, SMALL_CATALOG, type Running } from './helpers.ts';

const NOW = Date.now();
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

function viewed(id: string, clientId: string, productId: string, title: string, msAgo: number) {
  return {
    id,
    name: 'product_viewed',
    clientId,
    timestamp: iso(msAgo),
    data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title, vendor: 'x', type: 'y', url: '/p' }, sku: null, title: 'Default', untranslatedTitle: 'Default', image: null } },
    context: { document: { location: { pathname: '/p' } } },
  };
}

for (const store of ['sqlite', 'redis'] as const) describe(`HTTP API end to end (${store})`, () => {
  let s: Running;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  before(async () => {
    if (store === 'redis') redis = await startRedis();
    s = await startAffinity(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {});
    const imp = await s.post('/v1/catalog/products', SMALL_CATALOG);
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    assert.equal(imp.body.imported, SMALL_CATALOG.length);
    // Other shoppers: boots are looked at together with the tent; dresses together.
    const events = [];
    for (let i = 0; i < 20; i++) {
      events.push(viewed(`bg-${i}-a`, `bg-${i}`, '101', 'Ridge', 3_600_000 + 60_000));
      events.push(viewed(`bg-${i}-b`, `bg-${i}`, i % 2 ? '103' : '102', 'x', 3_600_000));
      events.push(viewed(`bg-d${i}-a`, `bgd-${i}`, '201', 'Linen', 3_600_000 + 60_000));
      events.push(viewed(`bg-d${i}-b`, `bgd-${i}`, '202', 'Silk', 3_600_000));
    }
    const r = await s.post('/v1/events', { events });
    assert.equal(r.status, 202, JSON.stringify(r.body));
    await s.affinity.ctx.projector.flush();
  });
  after(async () => {
    await s.stop();
    await redis?.stop();
  });

  it('says the store is up from the start, before any readiness check (an alert on affinity_store_up == 0 has a value)', async () => {
    assert.match((await s.get('/metrics')).text, new RegExp(`^affinity_store_up\\{store="${store}"\\} 1$`, 'm'));
  });

  it('accepts a pixel event, then reports the retry as a duplicate', async () => {
    const e = viewed('sh-1', 'hiker', '101', 'Ridge', 60_000);
    assert.deepEqual((await s.post('/v1/events', e)).body, { accepted: 1, duplicates: 0, ignored: 0 });
    assert.deepEqual((await s.post('/v1/events', e)).body, { accepted: 0, duplicates: 1, ignored: 0 });
  });

  it('accepts text/plain bodies as pixels send them with keepalive fetch', async () => {
    const r = await s.post('/v1/events', JSON.stringify(viewed('sh-2', 'hiker', '102', 'Summit', 30_000)), { 'content-type': 'text/plain;charset=UTF-8' });
    assert.equal(r.status, 202);
  });

  it('rejects an invalid event with a stable code and the offending field', async () => {
    const bad = viewed('sh-bad', 'x', '101', 'Ridge', 0) as any;
    delete bad.data.productVariant;
    const r = await s.post('/v1/events', [bad]);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
    assert.ok(r.body.error.issues.some((i: any) => i.path === '0.data.productVariant'));
  });

  it('rejects malformed JSON with INVALID_JSON', async () => {
    const r = await s.post('/v1/events', '{"id": ');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'INVALID_JSON');
  });

  it('answers unknown routes with NOT_FOUND', async () => {
    const r = await s.get('/v1/nope');
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'NOT_FOUND');
  });

  it('recommends what co-occurs with the shopper’s session, with reasons, never the current or unavailable product', async () => {
    await s.affinity.ctx.projector.flush();
    const r = await s.post('/v1/recommendations', { userId: 'hiker', productId: 'gid://shopify/Product/101', limit: 5 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const ids = r.body.items.map((i: any) => i.productId);
    assert.ok(!ids.includes('101'), 'current product excluded');
    assert.ok(!ids.includes('301'), 'unavailable product excluded');
    assert.ok(ids.indexOf('103') >= 0 && ids.indexOf('103') < 2, `tent ranks high: ${ids}`);
    const first = r.body.items[0];
    assert.ok(first.title && first.price.currency === 'USD' && Number.isInteger(first.price.amount));
    assert.ok(first.reasons.length > 0 && first.reasons.every((x: any) => typeof x.source === 'string'));
    assert.ok(r.body.items.some((i: any) => i.reasons.some((x: any) => x.source === 'cooc' && x.seed)));
  });

  it('gives different shoppers different lists', async () => {
    await s.post('/v1/events', [viewed('dr-1', 'dresser', '201', 'Linen', 20_000)]);
    await s.affinity.ctx.projector.flush();
    const a = (await s.post('/v1/recommendations', { userId: 'hiker', limit: 3 })).body.items.map((i: any) => i.productId);
    const b = (await s.post('/v1/recommendations', { userId: 'dresser', limit: 3 })).body.items.map((i: any) => i.productId);
    assert.notDeepEqual(a, b);
    assert.equal(b[0], '202');
  });

  it('serves a batch aligned with its requests', async () => {
    const r = await s.post('/v1/recommendations/batch', { requests: [{ userId: 'hiker', limit: 2 }, { userId: 'nobody', limit: 3 }, { productId: '201', limit: 1 }] });
    assert.equal(r.status, 200);
    assert.equal(r.body.results.length, 3);
    assert.equal(r.body.results[1].items.length, 3, 'cold start falls back to popularity');
    assert.equal(r.body.results[2].items[0].productId, '202');
  });

  it('validates recommendation requests', async () => {
    const r = await s.post('/v1/recommendations', { userId: 'x', limit: 1000 });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.issues[0].path, 'limit');
  });

  it('shows a live profile and 404s an unknown user', async () => {
    const p = await s.get('/v1/users/hiker/profile');
    assert.equal(p.status, 200);
    assert.ok(p.body.eventCount >= 2);
    assert.equal(p.body.affinities.productTypes[0].value, 'boots');
    assert.ok(p.body.session.length >= 2);
    const missing = await s.get('/v1/users/ghost/profile');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'USER_NOT_FOUND');
  });

  it('keeps shops apart', async () => {
    await s.post('/v1/events?shop=other-shop', viewed('o-1', 'hiker', '999', 'Other', 1000));
    await s.affinity.ctx.projector.flush();
    const p = await s.get('/v1/users/hiker/profile?shop=other-shop');
    assert.equal(p.body.eventCount, 1);
    const mine = await s.get('/v1/users/hiker/profile');
    assert.ok(mine.body.eventCount >= 2);
  });

  it('shows co-occurrence learned after a cached lookup at once (the projection invalidates the cache)', async () => {
    const shop = `fresh-${store}`;
    assert.equal((await s.post(`/v1/catalog/products?shop=${shop}`, SMALL_CATALOG)).status, 200);
    // With a user id (anonymous lists are cached per market, see docs/markets.md).
    const before = await s.post('/v1/recommendations', { shop, userId: 'new-visitor', productId: '201', limit: 3 });
    assert.ok(!before.body.items.some((i: any) => i.reasons.some((x: any) => x.source === 'cooc')), 'nothing learned yet');
    const events = [];
    for (let i = 0; i < 5; i++) {
      events.push(viewed(`fc-${store}-${i}-a`, `fc-${i}`, '201', 'Linen', 120_000));
      events.push(viewed(`fc-${store}-${i}-b`, `fc-${i}`, '103', 'Tent', 60_000));
    }
    assert.equal((await s.post(`/v1/events?shop=${shop}`, { events })).status, 202);
    await s.affinity.ctx.projector.flush();
    const after = await s.post('/v1/recommendations', { shop, userId: 'new-visitor', productId: '201', limit: 3 });
    const tent = after.body.items.find((i: any) => i.productId === '103');
    assert.ok(tent, JSON.stringify(after.body.items.map((i: any) => i.productId)));
    assert.ok(tent.reasons.some((x: any) => x.source === 'cooc' && x.seed === '201'), JSON.stringify(tent.reasons));
  });

  it('reports health, metrics and OpenAPI', async () => {
    assert.equal((await s.get('/health/live')).status, 200);
    const ready = await s.get('/health/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.checks.store.up, true);
    const m = await s.get('/metrics');
    assert.match(m.text, /affinity_events_ingested_total\{type="view",source="pixel"\} \d+/);
    assert.match(m.text, /affinity_http_request_duration_seconds_bucket/);
    const o = await s.get('/openapi.json');
    assert.equal(o.body.openapi, '3.1.0');
    assert.ok(o.body.paths['/v1/recommendations/batch']);
  });
});
