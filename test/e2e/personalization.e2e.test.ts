import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadIntentClassifier } from '../../src/features/recommend/intentClassifier.ts';
import { startAffinity, SMALL_CATALOG, type Running } from './helpers.ts';

const NOW = Date.now();
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

function viewed(id: string, clientId: string, productId: string, msAgo: number) {
  return {
    id,
    name: 'product_viewed',
    clientId,
    timestamp: iso(msAgo),
    data: { productVariant: { id: `${productId}9`, price: { amount: 10, currencyCode: 'EUR' }, product: { id: productId, title: 't', vendor: 'x', type: 'y', url: '/p' }, sku: null, title: 'Default', untranslatedTitle: 'Default', image: null } },
    context: { document: { location: { pathname: '/p' } } },
  };
}

/** A small EUR shop: presents (one in leather, one over budget) and running gear. */
const EU_CATALOG = [
  { id: '101', title: 'Soft Leather Tote Bag', vendor: 'Hide & Co', productType: 'Bags', category: 'Accessories > Bags', tags: ['women', 'gift'], price: '45.00' },
  { id: '102', title: 'Silk Scarf', vendor: 'Mira', productType: 'Scarves', category: 'Accessories > Scarves', tags: ['women', 'gift'], price: '39.00' },
  { id: '103', title: 'Gold Pendant Necklace', vendor: 'Aurum', productType: 'Necklaces', category: 'Jewelry > Necklaces', tags: ['women', 'gift', 'jewelry'], price: '49.00' },
  { id: '104', title: 'Cashmere Wrap', vendor: 'Mira', productType: 'Scarves', category: 'Accessories > Scarves', tags: ['women', 'gift'], price: '129.00' },
  { id: '105', title: 'Scented Candle Set', vendor: 'Kiln', productType: 'Candles', category: 'Home > Candles', tags: ['gift', 'home'], price: '29.00' },
  { id: '201', title: 'Tempo Trail Running Shoe', vendor: 'Strideline', productType: 'Running Shoes', category: 'Shoes > Running Shoes', tags: ['running', 'men'], price: '120.00' },
  { id: '202', title: 'Carbon Racer', vendor: 'Strideline', productType: 'Running Shoes', category: 'Shoes > Running Shoes', tags: ['running', 'men'], price: '180.00' },
  { id: '203', title: 'Crew Running Sock', vendor: 'Pacewell', productType: 'Running Socks', category: 'Clothing > Socks', tags: ['running'], price: '15.00' },
  { id: '204', title: 'Leather Belt', vendor: 'Hide & Co', productType: 'Belts', category: 'Accessories > Belts', tags: ['men'], price: '35.00' },
  { id: '205', title: 'Sport Watch', vendor: 'Pacewell', productType: 'Watches', category: 'Accessories > Watches', tags: ['running'], price: '89.00' },
];
const PRICE = new Map(EU_CATALOG.map((p) => [p.id, Number(p.price)]));

describe('conversational personalization end to end', () => {
  let s: Running;
  before(async () => {
    s = await startAffinity();
    const ctx = s.affinity.ctx;
    // The composition root wires the personalization layer in every process that serves requests.
    assert.ok(ctx.personalizer);
    assert.equal((await s.post('/v1/catalog/products?shop=eu&currency=EUR', EU_CATALOG)).status, 200);
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
    const eu = [];
    for (let i = 0; i < 15; i++) {
      eu.push(viewed(`eu-${i}-a`, `bg-${i}`, '201', 3_600_000 + 60_000));
      eu.push(viewed(`eu-${i}-b`, `bg-${i}`, i % 2 ? '202' : '203', 3_600_000));
      eu.push(viewed(`eu-${i}-c`, `bg-${i}`, '204', 3_500_000));
    }
    // The runner's own history: running gear.
    eu.push(viewed('r-1', 'runner', '201', 120_000), viewed('r-2', 'runner', '202', 90_000), viewed('r-3', 'runner', '203', 60_000));
    assert.equal((await s.post('/v1/events?shop=eu', { events: eu })).status, 202);
    // The US shop: dresses are what everybody looks at.
    const us = [];
    for (let i = 0; i < 20; i++) {
      us.push(viewed(`us-${i}-a`, `u-${i}`, '201', 3_600_000 + 60_000));
      us.push(viewed(`us-${i}-b`, `u-${i}`, '202', 3_600_000));
    }
    assert.equal((await s.post('/v1/events', { events: us })).status, 202);
    await ctx.projector.flush();
  });
  after(async () => {
    await s.stop();
  });

  const ids = (body: any): string[] => body.items.map((i: any) => i.productId);

  it('gives the same shopper a different list for a gift for their mother than for browsing, honouring budget and “no leather”', async () => {
    const browse = await s.post('/v1/recommendations', { shop: 'eu', userId: 'runner', limit: 4 });
    assert.equal(browse.status, 200, JSON.stringify(browse.body));
    assert.equal(browse.body.intent, undefined, 'a plain request keeps the base response');
    const gift = await s.post('/v1/recommendations', {
      shop: 'eu',
      userId: 'runner',
      limit: 4,
      text: 'gift for my mother under 50 euros, nothing in leather',
    });
    assert.equal(gift.status, 200, JSON.stringify(gift.body));
    const a = ids(browse.body);
    const b = ids(gift.body);
    assert.notDeepEqual(b, a);
    assert.ok(b.length > 0);
    for (const id of b) {
      assert.ok((PRICE.get(id) ?? Infinity) <= 50, `${id} within 50 EUR`);
      assert.ok(!['101', '204'].includes(id), `${id} is not leather`);
    }
    assert.ok(['102', '103'].includes(b[0] as string), `a present for her first: ${b}`);
    const intent = gift.body.intent;
    assert.equal(intent.source, 'local');
    assert.equal(intent.language, 'en');
    assert.equal(intent.fallbackUsed, false);
    assert.equal(intent.entities.budget.max, 50);
    assert.equal(intent.entities.budget.currency, 'EUR');
    assert.deepEqual(intent.entities.rejections, [{ kind: 'material', value: 'leather' }]);
    assert.equal(intent.entities.recipient, 'mother');
    const first = gift.body.items[0];
    assert.ok(first.components.intent > 0 && first.components.intent <= 1);
    assert.ok(first.reasons.some((r: any) => r.source === 'intent' && r.term === 'mother'));
  });

  it('accumulates a conversation’s constraints across turns (Spanish follow-up)', async () => {
    const t1 = await s.post('/v1/recommendations', { shop: 'eu', userId: 'runner', limit: 5, sessionId: 'conv-7', text: 'busco un regalo para mi madre, menos de 50 euros' });
    assert.equal(t1.status, 200, JSON.stringify(t1.body));
    const t2 = await s.post('/v1/recommendations', { shop: 'eu', userId: 'runner', limit: 5, sessionId: 'conv-7', text: 'sin cuero, por favor' });
    assert.equal(t2.status, 200, JSON.stringify(t2.body));
    assert.equal(t2.body.session.turns, 2);
    assert.equal(t2.body.session.gift, true);
    assert.equal(t2.body.intent.entities.budget.max, 50, 'the first turn’s budget still applies');
    for (const id of ids(t2.body)) {
      assert.ok((PRICE.get(id) ?? Infinity) <= 50);
      assert.ok(!['101', '204'].includes(id));
    }
  });

  it('takes a structured intent from an agent', async () => {
    const r = await s.post('/v1/recommendations', {
      shop: 'eu',
      userId: 'runner',
      limit: 3,
      intent: { type: 'high_purchase_intent', categories: ['running shoes'], exclude: ['Strideline'], budget: { max: 150 } },
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.intent.source, 'agent');
    assert.ok(!ids(r.body).some((id) => id === '201' || id === '202'), 'the excluded brand is gone');
  });

  it('answers a brand-new shopper asking for hiking boots with hiking boots', async () => {
    const plain = await s.post('/v1/recommendations', { userId: 'newbie', limit: 3 });
    assert.equal(plain.status, 200);
    const r = await s.post('/v1/recommendations', { userId: 'newbie', limit: 3, text: 'hiking boots under $200' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const got = ids(r.body);
    assert.deepEqual(got.slice(0, 2).sort(), ['101', '102'], `boots first: ${got}`);
    assert.notDeepEqual(got, ids(plain.body));
    for (const item of r.body.items) assert.ok(item.price.amount <= 20_000);
    const es = await s.post('/v1/recommendations', { userId: 'nuevo', limit: 2, text: 'botas de montaña por menos de 200 dólares', market: 'US' });
    assert.deepEqual(ids(es.body).sort(), ['101', '102']);
    assert.equal(es.body.intent.language, 'es');
  });

  it('serves mixed batches in order', async () => {
    const r = await s.post('/v1/recommendations/batch', {
      requests: [{ userId: 'newbie', limit: 2 }, { userId: 'newbie', limit: 2, text: 'hiking boots' }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.results[0].intent, undefined);
    assert.equal(r.body.results[1].intent.entities.categories.length > 0, true);
    assert.deepEqual(ids(r.body.results[1]).sort(), ['101', '102']);
  });

  it('validates the conversational fields', async () => {
    const r = await s.post('/v1/recommendations', { limit: 2, intent: { budget: { max: -1 } } });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'VALIDATION_FAILED');
  });
});
