import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRequire } from 'node:module';
import { Cluster, Redis } from 'ioredis';
import { isAffinityError } from '../../core/errors.ts';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { makeEvent, userEventStoreContract, type StoreHarness } from '../../testing/userEventStoreContract.ts';
import { LOG_KEY, allUserKeys, coocKey, erasableUserKeys, counterKey, hashPart, productsKey, seenKey, tombstonesKey, userKeys } from './keys.ts';
import { RedisCatalog } from './redisCatalog.ts';
import { RedisStore } from './redisStore.ts';

/** ioredis' own slot function (its dependency; untyped). */
const calculateSlot = createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number;
const TTL = 90 * 86_400_000;

let server: RedisServerHandle;
let cluster: RedisClusterHandle;
before(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
});
after(async () => {
  await Promise.all([server?.stop(), cluster?.stop()]);
});

/** The contract's harness over a Redis store that `open` connects (standalone or Cluster). */
async function harness(open: () => Promise<RedisStore>): Promise<StoreHarness> {
  const store = await open();
  return {
    store,
    reopen: open,
    catalogWith: (pruning) => new RedisCatalog(store.conn, pruning),
    // The products hash and the tombstones' write times: a record left in either is not freed.
    catalogRecordIds: async (shop) => {
      const [fields, times] = await Promise.all([store.conn.client.hkeys(productsKey(shop)), store.conn.client.zrange(tombstonesKey(shop), 0, -1)]);
      return [...fields, ...times].sort();
    },
  };
}

userEventStoreContract('redis', () => harness(() => RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'contract' })));

userEventStoreContract('redis-cluster', () => harness(() => RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer: 'contract' })));


describe('RedisStore keys', () => {
  it('puts every key of one user in one slot, even for ids with braces, colons and pipes', () => {
    for (const [shop, user] of [
      ['shop.myshopify.com', 'u1'],
      ['a{b}c', 'x:{y}'],
      ['{', '}'],
      ['s:1', 'u|2%'],
    ] as const) {
      const keys = erasableUserKeys(userKeys(shop, user));
      const slots = new Set(keys.map((k) => calculateSlot(k)));
      assert.equal(slots.size, 1, `${shop}/${user}: ${keys.join(', ')}`);
      for (const k of keys) assert.equal(hashPart(k), `${encodeURIComponent(shop)}:${encodeURIComponent(user)}`);
    }
    // Different users spread; a user's keys never collide with another (shop, user) split.
    assert.notEqual(userKeys('a:b', 'c').meta, userKeys('a', 'b:c').meta);
    // Shop-level keys share the shop slot; the log and its dedupe markers share theirs.
    const shop = 'we{ird}:shop';
    const shopSlots = new Set([coocKey(shop, 'p{1}'), counterKey(shop, 'popular', 3), productsKey(shop), tombstonesKey(shop)].map((k) => calculateSlot(k)));
    assert.equal(shopSlots.size, 1);
    assert.equal(calculateSlot(seenKey(shop, 'ev:{1}')), calculateSlot(LOG_KEY));
    assert.throws(() => userKeys('', 'u'), /shop must be a non-empty string/);
  });

  it('agrees with the server on the slot of a user key (CLUSTER KEYSLOT)', async () => {
    const c = new Cluster(cluster.nodes);
    try {
      for (const key of erasableUserKeys(userKeys('a{b}c', 'x:{y}'))) {
        assert.equal(await c.cluster('KEYSLOT', key), calculateSlot(key));
      }
    } finally {
      c.disconnect();
    }
  });
});

describe('RedisStore on a standalone server', () => {
  // A server of its own: the stream assertions below need a log no other suite writes to.
  let own: RedisServerHandle;
  let store: RedisStore;
  let redis: Redis;
  /** A plain client, for inspecting what the store wrote or for handing to a store. */
  const inspector = (): Redis => new Redis(own.url, { maxRetriesPerRequest: 1 });
  before(async () => {
    own = await startRedis();
    store = await RedisStore.connect(own.url, { profileTtlMs: 60_000, consumer: 'main' });
    redis = inspector();
  });
  after(async () => {
    await store?.close();
    redis?.disconnect();
    await own?.stop();
  });

  it('keeps each tombstone’s write time beside the products hash, erased with the shop', async () => {
    await store.applyStampedChanges('tomb-erase', [{ id: '1', stamp: '2031-01-01T00:00:00.000Z' }]);
    assert.deepEqual(await redis.zrange(tombstonesKey('tomb-erase'), 0, -1), ['1']);
    await store.eraseShop('tomb-erase');
    assert.equal(await redis.exists(productsKey('tomb-erase'), tombstonesKey('tomb-erase')), 0);
  });

  it('sets a TTL on every user key, refreshed by activity; sweep has nothing to do', async () => {
    const e = makeEvent({ shop: 'ttl', userId: 'tu' });
    await store.append([e]);
    await store.applyProjection({
      seqs: [],
      profiles: [
        {
          shop: 'ttl',
          userId: 'tu',
          features: { 'cat:x': 1 },
          recent: [{ productId: 'p1', type: 'view', ts: 5 }],
          purchased: ['p1'],
          events: 1,
          firstTs: 5,
          lastTs: 5,
        },
      ],
      stats: [],
    });
    for (const key of allUserKeys(userKeys('ttl', 'tu'))) {
      const pttl = await redis.pttl(key);
      assert.ok(pttl > 50_000 && pttl <= 60_000, `${key}: PTTL ${pttl}`);
    }
    await redis.pexpire(userKeys('ttl', 'tu').doc, 1_000);
    await store.applyProjection({
      seqs: [],
      profiles: [{ shop: 'ttl', userId: 'tu', features: {}, recent: [], purchased: [], events: 1, firstTs: 6, lastTs: 6 }],
      stats: [],
    });
    assert.ok((await redis.pttl(userKeys('ttl', 'tu').doc)) > 50_000);
    assert.ok((await redis.pttl(seenKey('ttl', e.id))) > 50_000, 'dedupe markers expire too');
    assert.equal(await store.sweep(Date.now()), 0);
  });

  it('reads profiles from the document the projector writes', async () => {
    const profile = {
      shop: 'doc',
      userId: 'du',
      features: { 'cat:shoes': 1.5, 'tag:señal': 0.25 },
      recent: [
        { productId: 'p|1', type: 'view' as const, ts: 10 },
        { productId: 'p2', type: 'add_to_cart' as const, ts: 20 },
      ],
      purchased: ['p2', 'p1'],
      events: 2,
      firstTs: 10,
      lastTs: 20,
      customerId: 'c-9',
    };
    await store.applyProjection({ seqs: [], profiles: [profile], stats: [] });
    await store.applyProjection({ seqs: [], profiles: [{ ...profile, features: { 'cat:shoes': 0.5 }, recent: [], purchased: [], events: 1, firstTs: 30, lastTs: 30 }], stats: [] });
    const k = userKeys('doc', 'du');
    const doc = JSON.parse((await redis.get(k.doc)) as string) as unknown[];
    assert.equal(doc.length, 7, 'features, recent, purchased, event count, first seen, last seen, customer id');
    assert.deepEqual(await store.getProfile('doc', 'du'), {
      shop: 'doc',
      userId: 'du',
      features: { 'cat:shoes': 2, 'tag:señal': 0.25 },
      recent: [
        { productId: 'p2', type: 'add_to_cart', ts: 20 },
        { productId: 'p|1', type: 'view', ts: 10 },
      ],
      purchased: ['p2', 'p1'],
      eventCount: 3,
      firstSeen: 10,
      lastSeen: 30,
      customerId: 'c-9',
    });
    // Reads come from the document: an edit to it shows.
    doc[3] = 41;
    await redis.set(k.doc, JSON.stringify(doc));
    assert.equal((await store.getProfile('doc', 'du'))?.eventCount, 41);
    const [one, none] = await store.getProfiles('doc', ['du', 'nobody']);
    assert.equal(one?.userId, 'du');
    assert.equal(none, undefined);
    assert.equal(await redis.exists(k.feat, k.meta, k.recent, k.bought), 0, 'no structures are written');
  });

  it('reads profiles an earlier version wrote (its four-part document, or the structures before it) and folds them into a document on the next projection', async () => {
    const delta = { shop: 'old', features: { 'cat:shoes': 1 }, recent: [{ productId: 'p3', type: 'view' as const, ts: 50 }], purchased: ['p3'], events: 1, firstTs: 50, lastTs: 50 };
    const expected = (userId: string) => ({
      shop: 'old',
      userId,
      features: { 'cat:shoes': 3, 'tag:red': 0.5 },
      recent: [
        { productId: 'p3', type: 'view', ts: 50 },
        { productId: 'p2', type: 'add_to_cart', ts: 20 },
        { productId: 'p|1', type: 'view', ts: 10 },
      ],
      purchased: ['p2', 'p3'],
      eventCount: 3,
      firstSeen: 10,
      lastSeen: 50,
      customerId: 'c-1',
    });
    const before = (userId: string) => ({
      ...expected(userId),
      features: { 'cat:shoes': 2, 'tag:red': 0.5 },
      recent: expected(userId).recent.slice(1),
      purchased: ['p2'],
      eventCount: 2,
      lastSeen: 20,
    });
    // The earlier document: HGETALL meta, ZRANGE features and ZREVRANGE recent WITHSCORES, SMEMBERS bought.
    const a = userKeys('old', 'a');
    await redis.set(
      a.doc,
      JSON.stringify([
        ['event_count', '2', 'first_seen', '10', 'last_seen', '20', 'customer_id', 'c-1'],
        ['tag:red', '0.5', 'cat:shoes', '2'],
        ['p2|add_to_cart', '20', 'p|1|view', '10'],
        ['p2'],
      ]),
    );
    // The structures, before documents.
    const b = userKeys('old', 'b');
    await redis.hset(b.meta, 'event_count', '2', 'first_seen', '10', 'last_seen', '20', 'customer_id', 'c-1');
    await redis.zadd(b.feat, 2, 'cat:shoes', 0.5, 'tag:red');
    await redis.zadd(b.recent, 20, 'p2|add_to_cart', 10, 'p|1|view');
    await redis.sadd(b.bought, 'p2');
    for (const userId of ['a', 'b']) assert.deepEqual(await store.getProfile('old', userId), before(userId));

    await store.applyProjection({ seqs: [], profiles: [{ ...delta, userId: 'a' }, { ...delta, userId: 'b' }], stats: [] });
    for (const [userId, k] of [['a', a], ['b', b]] as const) {
      assert.deepEqual(await store.getProfile('old', userId), expected(userId));
      assert.equal((JSON.parse((await redis.get(k.doc)) as string) as unknown[]).length, 7);
      assert.equal(await redis.exists(k.feat, k.meta, k.recent, k.bought), 0, 'the structures went with the upgrade');
    }
  });

  it('projectors racing on one profile lose no delta (a document changed after it was read is merged in Redis)', async () => {
    const other = await RedisStore.connect(own.url, { profileTtlMs: 60_000, consumer: 'race' });
    const delta = (i: number) => ({
      shop: 'race',
      userId: 'r',
      features: { 'cat:x': 1, [`tag:t${i % 3}`]: 0.5 },
      recent: [{ productId: `p${i % 4}`, type: 'view' as const, ts: 1_000 + i }],
      purchased: i % 10 === 0 ? [`b${i}`] : [],
      events: 1,
      firstTs: 1_000 + i,
      lastTs: 1_000 + i,
    });
    // Fifty projections in flight at once from two stores: most read the document before others wrote it.
    await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? other : store).applyProjection({ seqs: [], profiles: [delta(i)], stats: [] })));
    const p = await store.getProfile('race', 'r');
    assert.ok(p);
    assert.equal(p.eventCount, 50);
    assert.deepEqual(p.features, { 'cat:x': 50, 'tag:t0': 8.5, 'tag:t1': 8.5, 'tag:t2': 8 });
    assert.deepEqual(p.recent.map((r) => `${r.productId}:${r.ts}`), ['p1:1049', 'p0:1048', 'p3:1047', 'p2:1046']);
    assert.deepEqual([...p.purchased].sort(), ['b0', 'b10', 'b20', 'b30', 'b40']);
    assert.equal(p.firstSeen, 1_000);
    assert.equal(p.lastSeen, 1_049);
    await other.close();
  });

  it('expired users are gone', async () => {
    const short = new RedisStore({ client: inspector(), profileTtlMs: 50, consumer: 'short' });
    try {
      await short.append([makeEvent({ shop: 'exp', userId: 'gone' })]);
      await short.applyProjection({
        seqs: [],
        profiles: [{ shop: 'exp', userId: 'gone', features: { a: 1 }, recent: [], purchased: [], events: 1, firstTs: 1, lastTs: 1 }],
        stats: [],
      });
      assert.ok(await short.getProfile('exp', 'gone'));
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(await short.getProfile('exp', 'gone'), undefined);
      assert.deepEqual(await short.getUserEvents('exp', 'gone', 5), []);
    } finally {
      await short.close();
    }
  });

  it('trims projected entries from the stream but keeps unprojected ones', async () => {
    const pending = await store.readUnprojected(10_000);
    await store.applyProjection({ seqs: pending.map((p) => p.seq), profiles: [], stats: [] });
    assert.equal(await redis.xlen(LOG_KEY), 0);
    await store.append([makeEvent({ shop: 'trim' }), makeEvent({ shop: 'trim' }), makeEvent({ shop: 'trim' })]);
    const [a] = await store.readUnprojected(1);
    assert.ok(a);
    await store.applyProjection({ seqs: [a.seq], profiles: [], stats: [] });
    assert.equal(await redis.xlen(LOG_KEY), 2);
    const rest = await store.readUnprojected(10);
    assert.equal(rest.length, 2);
    // A bogus or repeated acknowledgement trims nothing.
    await store.applyProjection({ seqs: [a.seq, '99999999999999-0'], profiles: [], stats: [] });
    assert.equal(await redis.xlen(LOG_KEY), 2);
    await store.applyProjection({ seqs: rest.map((p) => p.seq), profiles: [], stats: [] });
    assert.equal(await redis.xlen(LOG_KEY), 0);
  });

  it('re-delivers entries read but not acknowledged: after a restart, and from a dead consumer', async () => {
    const drain = await store.readUnprojected(10_000);
    await store.applyProjection({ seqs: drain.map((p) => p.seq), profiles: [], stats: [] });
    const e1 = makeEvent({ shop: 'crash' });
    const e2 = makeEvent({ shop: 'crash' });
    await store.append([e1, e2]);
    const a = await RedisStore.connect(own.url, { profileTtlMs: TTL, consumer: 'worker-a', claimIdleMs: 200 });
    assert.deepEqual((await a.readUnprojected(10)).map((p) => p.event.id), [e1.id, e2.id]);
    await a.close(); // crashed before applyProjection
    const a2 = await RedisStore.connect(own.url, { profileTtlMs: TTL, consumer: 'worker-a', claimIdleMs: 200 });
    assert.deepEqual((await a2.readUnprojected(10)).map((p) => p.event.id), [e1.id, e2.id], 'same consumer gets its pending entries back');
    await a2.close();
    // Fresh and idle are measured against each consumer's own claimIdleMs: one that waits a minute
    // cannot see them idle however slow this machine is, one that waits 50 ms does after 150 ms.
    const patient = await RedisStore.connect(own.url, { profileTtlMs: TTL, consumer: 'worker-b', claimIdleMs: 60_000 });
    try {
      assert.deepEqual(await patient.readUnprojected(10), [], 'entries pending elsewhere are not stolen while fresh');
    } finally {
      await patient.close();
    }
    const b = await RedisStore.connect(own.url, { profileTtlMs: TTL, consumer: 'worker-c', claimIdleMs: 50 });
    try {
      await new Promise((r) => setTimeout(r, 150));
      const got = await b.readUnprojected(10);
      assert.deepEqual(got.map((p) => p.event.id), [e1.id, e2.id], 'idle entries of a dead consumer are claimed');
      await b.applyProjection({ seqs: got.map((p) => p.seq), profiles: [], stats: [] });
      assert.deepEqual(await b.readUnprojected(10), []);
    } finally {
      await b.close();
    }
  });

  it('refuses a bad delta before sending anything: nothing applied, nothing acknowledged', async () => {
    const drain = await store.readUnprojected(10_000);
    await store.applyProjection({ seqs: drain.map((p) => p.seq), profiles: [], stats: [] });
    await store.append([makeEvent({ shop: 'atomic' })]);
    const [p] = await store.readUnprojected(10);
    assert.ok(p);
    await assert.rejects(
      store.applyProjection({
        seqs: [p.seq],
        profiles: [],
        stats: [
          { kind: 'cooc', shop: 'atomic', from: 'a', to: 'b', weight: 1 },
          { kind: 'cooc', shop: 'atomic', from: 'a', to: 'c', weight: Number.NaN },
        ],
      }),
      /finite number/,
    );
    assert.deepEqual((await store.getNeighbours('atomic', ['a'], 5)).get('a'), []);
    assert.deepEqual((await store.readUnprojected(10)).map((x) => x.seq), [p.seq]);
    await store.applyProjection({ seqs: [p.seq], profiles: [], stats: [{ kind: 'cooc', shop: 'atomic', from: 'a', to: 'b', weight: 1 }] });
    assert.deepEqual(await store.readUnprojected(10), []);
  });

  it('keeps only the strongest neighbours and a bounded per-user history', async () => {
    const stats = Array.from({ length: 230 }, (_, i) => ({ kind: 'cooc' as const, shop: 'fan', from: 'hub', to: `n${i}`, weight: i + 1 }));
    await store.applyProjection({ seqs: [], profiles: [], stats });
    assert.equal(await redis.zcard(coocKey('fan', 'hub')), 200);
    const top = (await store.getNeighbours('fan', ['hub'], 1)).get('hub');
    assert.deepEqual(top, [{ productId: 'n229', weight: 230 }]);

    const small = new RedisStore({ client: inspector(), profileTtlMs: TTL, eventsPerUser: 3, consumer: 'small' });
    try {
      const evs = Array.from({ length: 5 }, (_, i) => makeEvent({ shop: 'histcap', userId: 'h', ts: 1000 + i }));
      await small.append(evs);
      assert.deepEqual((await small.getUserEvents('histcap', 'h', 10)).map((e) => e.id), [evs[4]!.id, evs[3]!.id, evs[2]!.id]);
      const k = userKeys('histcap', 'h');
      assert.equal(await redis.hlen(k.eventBodies), 3);
    } finally {
      await small.close();
    }
  });

  it('refuses appends beyond streamMaxLen with a clear error instead of dropping events', async () => {
    const drain = await store.readUnprojected(10_000);
    await store.applyProjection({ seqs: drain.map((p) => p.seq), profiles: [], stats: [] });
    const capped = new RedisStore({ client: inspector(), profileTtlMs: TTL, streamMaxLen: 2, consumer: 'capped' });
    try {
      await capped.append([makeEvent({ shop: 'cap2' }), makeEvent({ shop: 'cap2' })]);
      await assert.rejects(capped.append([makeEvent({ shop: 'cap2' })]), (e: unknown) => {
        assert.ok(isAffinityError(e) && e.code === 'STORE_UNAVAILABLE');
        assert.match(e.message, /2 unprojected events \(limit 2\); is the projector running\?/);
        return true;
      });
      const got = await capped.readUnprojected(10);
      await capped.applyProjection({ seqs: got.map((p) => p.seq), profiles: [], stats: [] });
      assert.deepEqual(await capped.append([makeEvent({ shop: 'cap2' })]), { accepted: 1, duplicates: 0 });
    } finally {
      await capped.close();
    }
  });

  it('recovers when the data vanished under it (FLUSHALL): the consumer group is recreated', async () => {
    await store.readUnprojected(1); // the store now knows the group exists
    await redis.flushall();
    assert.deepEqual(await store.readUnprojected(10), []);
    await redis.flushall();
    const e = makeEvent({ shop: 'flushed' });
    await store.append([e]);
    assert.deepEqual((await store.readUnprojected(10)).map((p) => p.event.id), [e.id]);
  });

  it('fails connect with a clear error when nothing listens', async () => {
    const t0 = Date.now();
    await assert.rejects(RedisStore.connect('redis://:secret@127.0.0.1:1', { profileTtlMs: TTL, connectTimeoutMs: 500 }), (e: unknown) => {
      assert.ok(isAffinityError(e) && e.code === 'STORE_UNAVAILABLE');
      assert.match(e.message, /Could not connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
      assert.doesNotMatch(e.message, /secret/);
      return true;
    });
    assert.ok(Date.now() - t0 < 2_000);
  });
});

describe('RedisStore when Redis goes away', () => {
  let own: RedisServerHandle;
  let store: RedisStore;
  before(async () => {
    own = await startRedis({ appendonly: true });
    store = await RedisStore.connect(own.url, { profileTtlMs: TTL, consumer: 'outage' });
  });
  after(async () => {
    await store?.close();
    await own?.stop();
  });

  async function timed<T>(p: Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
    const t0 = Date.now();
    const [result] = await Promise.allSettled([p]);
    return { ms: Date.now() - t0, result: result! };
  }

  it('a hung server (SIGSTOP): ping is false and append rejects within a couple of seconds', async () => {
    assert.equal(await store.ping(), true);
    process.kill(own.pid, 'SIGSTOP');
    try {
      const ping = await timed(store.ping());
      assert.deepEqual(ping.result, { status: 'fulfilled', value: false });
      assert.ok(ping.ms < 1_500, `ping took ${ping.ms} ms`);
      const app = await timed(store.append([makeEvent({ shop: 'outage' })]));
      assert.equal(app.result.status, 'rejected');
      const reason = (app.result as PromiseRejectedResult).reason as unknown;
      assert.ok(isAffinityError(reason) && reason.code === 'STORE_UNAVAILABLE', String(reason));
      assert.ok(app.ms < 3_000, `append took ${app.ms} ms`);
    } finally {
      process.kill(own.pid, 'SIGCONT');
    }
    // Back by itself: the store's probes (every 250 ms) find the server again.
    const deadline = Date.now() + 10_000;
    while (!(await store.ping())) {
      assert.ok(Date.now() < deadline, 'store did not find the continued server within 10 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(store.health, 'up');
  });

  it('a dead server: ping is false, append rejects fast; after a restart both work again and acknowledged events survived', async () => {
    const kept = makeEvent({ shop: 'outage', userId: 'kept' });
    assert.deepEqual(await store.append([kept]), { accepted: 1, duplicates: 0 });
    await own.kill('SIGKILL');
    const ping = await timed(store.ping());
    assert.deepEqual(ping.result, { status: 'fulfilled', value: false });
    const app = await timed(store.append([makeEvent({ shop: 'outage' })]));
    assert.equal(app.result.status, 'rejected');
    const reason = (app.result as PromiseRejectedResult).reason as unknown;
    assert.ok(isAffinityError(reason) && reason.code === 'STORE_UNAVAILABLE', String(reason));
    assert.ok(app.ms < 3_000, `append took ${app.ms} ms`);

    await own.restart(); // same port and dir: the AOF (appendfsync always) is replayed
    const deadline = Date.now() + 5_000;
    while (!(await store.ping())) {
      assert.ok(Date.now() < deadline, 'store did not reconnect within 5 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal((await store.getUserEvents('outage', 'kept', 5))[0]?.id, kept.id);
    assert.ok((await store.readUnprojected(100)).some((p) => p.event.id === kept.id));
    assert.deepEqual(await store.append([kept]), { accepted: 0, duplicates: 1 });
    assert.deepEqual(await store.append([makeEvent({ shop: 'outage' })]), { accepted: 1, duplicates: 0 });
  });
});

describe('RedisStore on Cluster', () => {
  let store: RedisStore;
  before(async () => {
    store = await RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer: 'cluster-extra' });
  });
  after(async () => {
    await store.close();
  });

  it('round-trips many users (spread over all masters) in one call, with awkward ids', async () => {
    const users = Array.from({ length: 40 }, (_, i) => `user:{${i}}|x`);
    const events = users.map((u) => makeEvent({ shop: 'cl{shop}', userId: u }));
    assert.deepEqual(await store.append(events), { accepted: 40, duplicates: 0 });
    const logged = (await store.readUnprojected(10_000)).filter((p) => p.event.shop === 'cl{shop}');
    assert.equal(logged.length, 40);
    await store.applyProjection({
      seqs: logged.map((p) => p.seq),
      profiles: users.map((u, i) => ({
        shop: 'cl{shop}',
        userId: u,
        features: { [`cat:${i}`]: i + 0.5 },
        recent: [{ productId: `p|${i}`, type: 'view' as const, ts: 100 + i }],
        purchased: [],
        events: 1,
        firstTs: 100 + i,
        lastTs: 100 + i,
      })),
      stats: [{ kind: 'cooc', shop: 'cl{shop}', from: 'a:{1}', to: 'b', weight: 2 }],
    });
    const got = await store.getProfiles('cl{shop}', [...users, 'nobody']);
    assert.equal(got.length, 41);
    users.forEach((u, i) => {
      assert.equal(got[i]?.userId, u);
      assert.deepEqual(got[i]?.features, { [`cat:${i}`]: i + 0.5 });
      assert.deepEqual(got[i]?.recent, [{ productId: `p|${i}`, type: 'view', ts: 100 + i }]);
    });
    assert.equal(got[40], undefined);
    assert.deepEqual((await store.getNeighbours('cl{shop}', ['a:{1}'], 5)).get('a:{1}'), [{ productId: 'b', weight: 2 }]);
    assert.equal((await store.getUserEvents('cl{shop}', users[7]!, 5))[0]?.id, events[7]!.id);
    assert.deepEqual(await store.readUnprojected(10_000).then((l) => l.filter((p) => p.event.shop === 'cl{shop}')), []);
    // The users really are spread over the cluster's masters.
    const slots = new Set(users.map((u) => calculateSlot(userKeys('cl{shop}', u).meta)));
    assert.ok(slots.size > 20);
  });
});
