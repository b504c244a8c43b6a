/**
 * Stateless nodes in one test process (docs/decisions/0003): an `ingest` node and two `recommend`
 * nodes wired by the composition root on one standalone Redis, sharing nothing but it.
 *
 * - An agent's conversation (its `sessionId`) is one conversation on every recommend node, and the
 *   ingest node marks the events of a gift conversation held by a recommend node, so buying for
 *   someone else does not teach the shopper's own profile.
 * - A privacy job queued on an ingest node is announced on the Redis bus, so a project node starts it
 *   at once instead of at its next poll.
 *
 * Every wait is a bounded poll; nothing asserts how long anything took.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { BUS_CHANNEL } from '../../src/adapters/redis/redisBus.ts';
import { conversationKey } from '../../src/adapters/redis/redisConversations.ts';
import type { SharedConversationRecommender } from '../../src/roles/sharedConversations.ts';
import { loadConfig } from '../../src/config.ts';
import { createAffinity, openStore, type Affinity } from '../../src/main.ts';
import type { AffinityStore } from '../../src/core/ports.ts';
import { startRedis, type RedisServerHandle } from '../../src/testing/redisServer.ts';

const SHOP = 'stateless-shop.myshopify.com';

const CATALOG_CSV = [
  'Title,URL handle,Vendor,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Price',
  'Ridge Boot,ridge-boot,Alpina,Boots,hiking,TRUE,Active,RB,Title,Default Title,149.00',
  'Summit Boot,summit-boot,Alpina,Boots,hiking,TRUE,Active,SB,Title,Default Title,179.00',
  'Trail Tent,trail-tent,Campco,Tents,camping,TRUE,Active,TT,Title,Default Title,299.00',
  'Camp Lamp,camp-lamp,Campco,Lamps,camping,TRUE,Active,CL,Title,Default Title,29.00',
  'Silk Scarf,silk-scarf,Maison,Scarves,gift,TRUE,Active,SS,Title,Default Title,49.00',
].join('\n');

async function node(redis: RedisServerHandle, role: string): Promise<Affinity> {
  return createAffinity(loadConfig({ AFFINITY_STORE: 'redis', REDIS_URL: redis.url, AFFINITY_ROLES: role, AFFINITY_LOG_LEVEL: 'silent', AFFINITY_DEFAULT_SHOP: SHOP }));
}

async function post(a: Affinity, url: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: any }> {
  const r = await a.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
}

describe('stateless nodes: conversations and privacy kicks through Redis', () => {
  let redis: RedisServerHandle;
  let ingest: Affinity;
  let rec1: Affinity;
  let rec2: Affinity;
  let raw: AffinityStore;

  before(async () => {
    redis = await startRedis();
    // One after the other: a recommend node trains its intent classifier on start-up, which holds the
    // event loop; started together, one node's training could outlast another's Redis command timeout.
    ingest = await node(redis, 'ingest');
    rec1 = await node(redis, 'recommend');
    rec2 = await node(redis, 'recommend');
    raw = await openStore(loadConfig({ AFFINITY_STORE: 'redis', REDIS_URL: redis.url }));
    const imp = await post(ingest, `/v1/catalog/products?shop=${SHOP}`, CATALOG_CSV, 'text/csv');
    assert.ok(imp.status < 300, JSON.stringify(imp.body));
    await Promise.all([rec1.ctx.catalogs.refresh(), rec2.ctx.catalogs.refresh()]);
  });

  after(async () => {
    await Promise.all([ingest?.close(), rec1?.close(), rec2?.close(), raw?.close()]);
    await redis?.stop();
  });

  it('the ingest node marks the events of a gift conversation held by a recommend node', async () => {
    assert.ok(rec1.stateless && rec2.stateless && ingest.stateless);
    const turn = await post(rec1, '/v1/recommendations', { shop: SHOP, userId: 'gifter', sessionId: 'conv-1', text: 'a birthday gift for my sister', limit: 3 });
    assert.equal(turn.status, 200, JSON.stringify(turn.body));
    assert.deepEqual(turn.body.session, { sessionId: 'conv-1', turns: 1, gift: true });

    // The shopper's storefront events go to the ingest node, which never saw the conversation.
    const view = {
      id: 'gift-view-1',
      name: 'product_viewed',
      clientId: 'gifter',
      timestamp: new Date(Date.now() - 1000).toISOString(),
      data: { productVariant: { id: 'silk-scarf-v', price: { amount: 49, currencyCode: 'USD' }, product: { id: 'silk-scarf', title: 'Silk Scarf', vendor: 'Maison', type: 'Scarves' } } },
    };
    const stored = await post(ingest, '/v1/events', { shop: SHOP, events: [view] });
    assert.equal(stored.status, 202, JSON.stringify(stored.body));
    const [event] = await raw.getUserEvents(SHOP, 'gifter', 10);
    assert.equal(event?.id, 'gift-view-1');
    assert.equal(event?.context?.gift, true, JSON.stringify(event));
    assert.equal(event?.context?.sessionId, 'conv-1');

    // A shopper with no conversation is not marked.
    const plain = await post(ingest, '/v1/events', { shop: SHOP, events: [{ ...view, id: 'plain-view-1', clientId: 'someone-else' }] });
    assert.equal(plain.status, 202);
    const [other] = await raw.getUserEvents(SHOP, 'someone-else', 10);
    assert.equal(other?.id, 'plain-view-1');
    assert.equal(other?.context?.gift, undefined);
  });

  it('the next turn on the other recommend node continues the same conversation', async () => {
    const next = await post(rec2, '/v1/recommendations', { shop: SHOP, userId: 'gifter', sessionId: 'conv-1', text: 'something under 60 dollars', limit: 3 });
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.deepEqual(next.body.session, { sessionId: 'conv-1', turns: 2, gift: true });
    // And back on the first node: three turns, one conversation.
    const third = await post(rec1, '/v1/recommendations', { shop: SHOP, userId: 'gifter', sessionId: 'conv-1', text: 'maybe a scarf', limit: 3 });
    assert.equal(third.status, 200, JSON.stringify(third.body));
    assert.equal(third.body.session.turns, 3);
  });

  it('a conversation Redis no longer holds (erased, expired) is not brought back from a node’s own copy', async () => {
    const first = await post(rec1, '/v1/recommendations', { shop: SHOP, userId: 'forgotten', sessionId: 'conv-gone', text: 'a present for my sister', limit: 3 });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.session.turns, 1);
    const sub = new Redis(redis.url);
    try {
      assert.equal(await sub.del(conversationKey(SHOP, 'conv-gone')), 1, 'the context was in Redis');
      const next = await post(rec1, '/v1/recommendations', { shop: SHOP, userId: 'forgotten', sessionId: 'conv-gone', text: 'something under 60 dollars', limit: 3 });
      assert.equal(next.status, 200, JSON.stringify(next.body));
      assert.equal(next.body.session.turns, 1, 'a new conversation, not the node’s copy of the erased one');
      assert.equal(JSON.parse((await sub.get(conversationKey(SHOP, 'conv-gone'))) ?? '{}').turns, 1, 'the erased context was not written back');
    } finally {
      sub.disconnect();
    }
  });

  it('a shop erasure announced on the bus clears the recommend nodes’ conversation contexts', async () => {
    const r = await post(rec2, '/v1/recommendations', { shop: SHOP, userId: 'erased-shop-user', sessionId: 'conv-shop', text: 'a present for my sister', limit: 3 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const personalizer = rec2.ctx.personalizer as SharedConversationRecommender;
    assert.ok(personalizer.session(SHOP, 'conv-shop', Date.now()), 'the node holds the conversation');
    const pub = new Redis(redis.url);
    try {
      await pub.publish(BUS_CHANNEL, JSON.stringify({ type: 'shopErased', shop: SHOP }));
      for (let i = 0; i < 400 && personalizer.session(SHOP, 'conv-shop', Date.now()); i++) await new Promise((res) => setTimeout(res, 25));
      assert.equal(personalizer.session(SHOP, 'conv-shop', Date.now()), undefined, 'the node forgot the erased shop’s conversation');
    } finally {
      pub.disconnect();
    }
  });

  it('a node that ingests and recommends marks gift events from Redis only, not from its own copy', async () => {
    const both = await node(redis, 'ingest,recommend');
    const sub = new Redis(redis.url);
    try {
      assert.ok(both.stateless);
      await both.ctx.catalogs.refresh();
      const turn = await post(both, '/v1/recommendations', { shop: SHOP, userId: 'both-gifter', sessionId: 'conv-both', text: 'a birthday gift for my sister', limit: 3 });
      assert.deepEqual(turn.body.session, { sessionId: 'conv-both', turns: 1, gift: true });
      // The conversation's context is gone from Redis (its pointer stays); this node still holds its copy.
      await sub.del(conversationKey(SHOP, 'conv-both'));
      const view = {
        id: 'both-view-1',
        name: 'product_viewed',
        clientId: 'both-gifter',
        timestamp: new Date(Date.now() - 1000).toISOString(),
        data: { productVariant: { id: 'silk-scarf-v', price: { amount: 49, currencyCode: 'USD' }, product: { id: 'silk-scarf', title: 'Silk Scarf', vendor: 'Maison', type: 'Scarves' } } },
      };
      const stored = await post(both, '/v1/events', { shop: SHOP, events: [view] });
      assert.equal(stored.status, 202, JSON.stringify(stored.body));
      const [event] = await raw.getUserEvents(SHOP, 'both-gifter', 10);
      assert.equal(event?.id, 'both-view-1');
      assert.equal(event?.context?.gift, undefined, JSON.stringify(event));
    } finally {
      sub.disconnect();
      await both.close();
    }
  });

  it('a privacy job queued on an ingest node is announced on the bus for the project nodes', async () => {
    const sub = new Redis(redis.url);
    try {
      const heard: unknown[] = [];
      sub.on('message', (channel: string, text: string) => channel === BUS_CHANNEL && heard.push(JSON.parse(text)));
      await sub.subscribe(BUS_CHANNEL);
      // Something stored about the shopper, so that withdrawing consent queues its erasure.
      const ev = { id: 'w-1', type: 'view', userId: 'withdrawer', productId: 'ridge-boot', timestamp: new Date(Date.now() - 1000).toISOString() };
      assert.equal((await post(ingest, '/v1/events', { shop: SHOP, events: [ev] })).status, 202);
      const r = await post(ingest, '/v1/consent', { shop: SHOP, userId: 'withdrawer', consent: { analytics: false }, market: 'US' });
      assert.ok(r.status === 202 && r.body.erasure?.jobId, JSON.stringify(r.body));
      for (let i = 0; i < 400 && !heard.some((m) => (m as { type?: string }).type === 'privacy'); i++) await new Promise((res) => setTimeout(res, 25));
      assert.ok(heard.some((m) => (m as { type?: string }).type === 'privacy'), JSON.stringify(heard));
    } finally {
      sub.disconnect();
    }
  });
});
