/**
 * Requests that arrive together are answered with one batch (features/recommend/turnBatcher.ts): the
 * answers must be exactly those each request gets on its own, on both stores, for shoppers with
 * histories, shoppers the store does not know, anonymous requests, a market's, and conversations; two
 * turns of one conversation that arrive together are answered one after the other.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RecommendedItem, RecommendRequest } from '../../src/core/recommend/baseRecommender.ts';
import { isDegraded, profileUsed } from '../../src/features/recommend/hybridRecommender.ts';
import type { MCPAwareRecommender, PersonalizedResult, PersonalizeRequest } from '../../src/features/recommend/personalizedRecommender.ts';
import { startRedis } from '../../src/testing/redisServer.ts';
import { startAffinity, SMALL_CATALOG, type Running } from './helpers.ts';

const NOW = Date.now();
const SHOP = 'together.myshopify.com';

function viewed(id: string, clientId: string, productId: string, msAgo: number) {
  return {
    id,
    name: 'product_viewed',
    clientId,
    timestamp: new Date(NOW - msAgo).toISOString(),
    data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'USD' }, product: { id: productId, title: 'x', vendor: 'x', type: 'y', url: '/p' }, sku: null, title: 'Default', untranslatedTitle: 'Default', image: null } },
    context: { document: { location: { pathname: '/p' } } },
  };
}

const PRODUCTS = ['101', '102', '103', '201', '202'];

/** Shoppers with different histories, one the store never saw, an anonymous request, a market's. */
const REQUESTS: RecommendRequest[] = [
  ...Array.from({ length: 8 }, (_, u) => ({ shop: SHOP, userId: `shopper-${u}`, ...(u % 2 ? { productId: PRODUCTS[u % 5] as string } : {}), limit: 4 })),
  { shop: SHOP, userId: 'never-seen', productId: '101', limit: 4 },
  { shop: SHOP, productId: '201', limit: 3 },
  { shop: SHOP, userId: 'shopper-3', limit: 5, market: 'MX' },
];

/** What a list says: its products, scores and reasons (the same object graph, compared by value). */
const view = (items: readonly RecommendedItem[]) => items.map((i) => ({ id: i.productId, score: i.score, reasons: i.reasons }));

for (const store of ['sqlite', 'redis'] as const) describe(`Requests answered together (${store})`, () => {
  let s: Running;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  before(async () => {
    if (store === 'redis') redis = await startRedis();
    s = await startAffinity({ AFFINITY_DEFAULT_SHOP: SHOP, ...(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {}) });
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
    const events = [];
    for (let u = 0; u < 8; u++) {
      for (let k = 0; k <= u % 3; k++) events.push(viewed(`e-${u}-${k}`, `shopper-${u}`, PRODUCTS[(u + k) % 5] as string, 600_000 - 60_000 * k));
    }
    for (let i = 0; i < 12; i++) {
      events.push(viewed(`bg-${i}-a`, `bg-${i}`, '101', 3_660_000), viewed(`bg-${i}-b`, `bg-${i}`, i % 2 ? '103' : '102', 3_600_000));
    }
    assert.equal((await s.post('/v1/events', { events })).status, 202);
    await s.affinity.ctx.projector.flush();
  });
  after(async () => {
    await s.stop();
    await redis?.stop();
  });

  it('gives each request of a turn the list it gets alone, with its profile and state', async () => {
    const { recommender } = s.affinity.ctx;
    const alone: RecommendedItem[][] = [];
    for (const r of REQUESTS) alone.push(await recommender.recommend(r, NOW));
    // Asked for in one turn: answered as one batch.
    const together = await Promise.all(REQUESTS.map((r) => recommender.recommend(r, NOW)));
    assert.deepEqual(alone.map((l) => l.length > 0), REQUESTS.map(() => true), 'every request has a list');
    assert.deepEqual(together.map(view), alone.map(view));
    assert.deepEqual(together.map((l) => profileUsed(l)?.userId ?? profileUsed(l)), alone.map((l) => profileUsed(l)?.userId ?? profileUsed(l)), 'the profile each was ranked with');
    assert.deepEqual(together.map(isDegraded), alone.map(isDegraded));
    // The turn's batch is counted: the requests alone as batches of one, the turn as one of all of them.
    const metrics = (await s.get('/metrics')).text;
    assert.match(metrics, new RegExp(`^affinity_recommend_batch_size_sum\\{layer="base"\\} ${2 * REQUESTS.length}$`, 'm'));
    assert.match(metrics, new RegExp(`^affinity_recommend_batch_size_count\\{layer="base"\\} ${REQUESTS.length + 1}$`, 'm'));
  });

  it('answers concurrent HTTP requests as it answers them one at a time', async () => {
    const body = (r: RecommendRequest) => ({ ...(r.userId ? { userId: r.userId } : {}), ...(r.productId ? { productId: r.productId } : {}), limit: r.limit });
    const plain = REQUESTS.filter((r) => r.market === undefined);
    const items = (b: { items: { productId: string; score: number }[] }) => b.items.map((i) => [i.productId, i.score]);
    const one: unknown[] = [];
    for (const r of plain) one.push(items((await s.post('/v1/recommendations', body(r))).body));
    const all = await Promise.all(plain.map((r) => s.post('/v1/recommendations', body(r))));
    assert.deepEqual(all.map((a) => a.status), plain.map(() => 200));
    assert.deepEqual(all.map((a) => items(a.body)), one);
  });

  /** What a conversational answer says: its products and scores, the intent used, the constraints. */
  const said = (r: PersonalizedResult) => ({ items: r.items.map((i) => [i.productId, i.score]), intent: r.intent && { type: r.intent.type, entities: r.intent.entities, source: r.intent.source }, constraints: r.constraints });
  const talk = (run: string): PersonalizeRequest[] => [
    { shop: SHOP, userId: 'shopper-1', text: 'a silk dress for an evening party', limit: 3 },
    { shop: SHOP, userId: 'shopper-2', sessionId: `${run}-a`, text: 'busco botas de montaña impermeables', limit: 3 },
    { shop: SHOP, sessionId: `${run}-b`, text: 'something for camping under 400 dollars', limit: 3 },
    { shop: SHOP, userId: 'shopper-5', productId: '101', text: 'cheaper than this one', limit: 3 },
    { shop: SHOP, text: 'a gold necklace for my mother', limit: 3 },
  ];

  it('gives each conversational request of a turn the answer it gets alone', async () => {
    const personalizer = s.affinity.ctx.personalizer as MCPAwareRecommender;
    const alone: PersonalizedResult[] = [];
    for (const r of talk('alone')) alone.push(await personalizer.personalize(r, NOW));
    const together = await Promise.all(talk('together').map((r) => personalizer.personalize(r, NOW)));
    assert.ok(alone.every((r) => r.intent !== null), 'every request was read');
    assert.deepEqual(together.map(said), alone.map(said));
  });

  it('answers two turns of one conversation that arrive together one after the other: the second hears the first', async () => {
    const personalizer = s.affinity.ctx.personalizer as MCPAwareRecommender;
    const turns = (sessionId: string): PersonalizeRequest[] => [
      { shop: SHOP, sessionId, text: 'I need hiking boots', limit: 3 },
      { shop: SHOP, sessionId, text: 'in leather please', limit: 3 },
    ];
    const alone: PersonalizedResult[] = [];
    for (const r of turns('one-by-one')) alone.push(await personalizer.personalize(r, NOW));
    const together = await Promise.all(turns('together').map((r) => personalizer.personalize(r, NOW)));
    assert.deepEqual(together.map(said), alone.map(said));
    assert.deepEqual(together[1]?.items.map((i) => i.productId)[0], '102', 'the leather hiking boot: boots from the first turn, leather from the second');
  });
});
