import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { after, before, describe, it } from 'node:test';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { attributionStoreContract } from '../../testing/attributionStoreContract.ts';
import { ServedRecorder } from '../../features/analytics/servedRecorder.ts';
import { dumpRedis, findAny } from '../../testing/storeDump.ts';
import { ERASED_KEEP_MS } from '../erasureTombstones.ts';
import { hashPart } from './keys.ts';
import { RedisAttribution } from './redisAttribution.ts';
import { RedisConnection } from './redisConnection.ts';
import { RedisPrivacy } from './redisPrivacy.ts';
import { RedisStore } from './redisStore.ts';

const TTL = 90 * 86_400_000;
let server: RedisServerHandle;
let cluster: RedisClusterHandle;
let raw: Redis;
before(async () => {
  [server, cluster] = await Promise.all([startRedis(), startRedisCluster()]);
  raw = new Redis(server.url);
});
after(async () => {
  raw?.disconnect();
  await Promise.all([server?.stop(), cluster?.stop()]);
});

/** Whether any key name or stored byte of the server holds `s`. */
async function rawContains(s: string): Promise<boolean> {
  const needle = Buffer.from(s, 'utf8');
  const has = (v: Buffer | string | null | undefined) => v !== null && v !== undefined && (typeof v === 'string' ? v.includes(s) : v.includes(needle));
  let cursor = '0';
  for (let guard = 0; guard < 10_000; guard++) {
    const [next, ks] = await raw.scan(cursor, 'COUNT', 1000);
    for (const k of ks) {
      if (k.includes(s) || k.includes(encodeURIComponent(s))) return true;
      const type = await raw.type(k);
      const values: (Buffer | string)[] =
        type === 'string'
          ? [(await raw.getBuffer(k)) as Buffer]
          : type === 'hash'
            ? Object.entries(await raw.hgetall(k)).flat()
            : type === 'set'
              ? await raw.smembers(k)
              : type === 'zset'
                ? await raw.zrange(k, 0, -1)
                : type === 'list'
                  ? await raw.lrange(k, 0, -1)
                  : [];
      if (values.some(has)) return true;
    }
    cursor = next;
    if (cursor === '0') break;
  }
  return false;
}

attributionStoreContract('redis', async () => ({
  store: await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'attribution' }),
  ttlMs: TTL,
  rawContains,
  withTtl: (ttlMs) => RedisStore.connect(server.url, { profileTtlMs: ttlMs, consumer: 'attribution-short' }),
}));

attributionStoreContract('redis-cluster', async () => ({
  store: await RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer: 'attribution' }),
  ttlMs: TTL,
  withTtl: (ttlMs) => RedisStore.connectCluster(cluster.nodes, { profileTtlMs: ttlMs, consumer: 'attribution-short' }),
}));

describe('Redis attribution records of an earlier version', () => {
  it('moves the lists of the shop hash to day buckets when first read, and erases them with the shopper', async () => {
    const shop = 'legacy.myshopify.com';
    const base = `aff:{${shop}}`;
    const doc = JSON.stringify({ s: 'product', h: 1, e: 'x', v: 'a', p: ['gold-chain'] });
    await raw.hset(`${base}:rs`, 'BBBBBBBBBBBBBBBB', `5000\u0001client-9\u0001${doc}`, 'CCCCCCCCCCCCCCCC', `6000\u0001\u0001${doc}`);
    await raw.zadd(`${base}:rs:ts`, 5000, 'BBBBBBBBBBBBBBBB', 6000, 'CCCCCCCCCCCCCCCC');
    await raw.sadd(`${base}:ru:client-9`, 's:BBBBBBBBBBBBBBBB');
    const a = new RedisAttribution(raw, TTL);
    const lists = await a.servedBetween(shop, 0, 10_000);
    assert.deepEqual(lists.map((l) => [l.id, l.ts, l.userId, l.items]), [
      ['BBBBBBBBBBBBBBBB', 5000, 'client-9', ['gold-chain']],
      ['CCCCCCCCCCCCCCCC', 6000, undefined, ['gold-chain']],
    ]);
    assert.equal(await raw.exists(`${base}:rs`, `${base}:rs:ts`), 0);
    assert.deepEqual(await raw.smembers(`${base}:ru:client-9`), []);
    assert.equal((await a.exportUser(shop, 'client-9')).served.length, 1);
    await a.eraseUser(shop, 'client-9');
    assert.deepEqual((await a.servedBetween(shop, 0, 10_000)).map((l) => l.id), ['CCCCCCCCCCCCCCCC']);
  });
});

describe('Redis outcome index expiry', () => {
  it('lives a grace past the sweep that drops its latest outcome, and never expires earlier than it did', async () => {
    const shop = 'outcome-expiry.myshopify.com';
    const grace = 3_600_000;
    const a = new RedisAttribution(raw, TTL, grace);
    const index = `aff:{${shop}}:ru:client-expiry`;
    const ts = Date.now();
    const outcome = (key: string, at: number) => ({ key, shop, recId: 'DDDDDDDDDDDDDDDD', kind: 'order' as const, ts: at, userId: 'client-expiry', productId: 'gold-chain' });
    await a.recordOutcomes([outcome('o-1', ts)]);
    assert.equal(await raw.pexpiretime(index), ts + TTL + grace);
    // An older outcome recorded late does not shorten it; a later one extends it.
    await a.recordOutcomes([outcome('o-2', ts - 86_400_000)]);
    assert.equal(await raw.pexpiretime(index), ts + TTL + grace);
    await a.recordOutcomes([outcome('o-3', ts + 86_400_000)]);
    assert.equal(await raw.pexpiretime(index), ts + 86_400_000 + TTL + grace);
  });
});

describe('Redis erasure tombstones', () => {
  it('drops a list another node served before an erasure and writes after it; the tombstone is a hash in the shop’s slot that expires', async () => {
    const shop = 'tombstones.myshopify.com';
    const other = new Redis(server.url);
    try {
      const a = new RedisAttribution(raw, TTL);
      const b = new RedisAttribution(other, TTL);
      const erasedAt = Date.now();
      await b.eraseUser(shop, 'client-x', erasedAt);
      const served = (id: string, ts: number, userId: string) => ({ id, shop, ts, surface: 'product' as const, actor: 'human' as const, userId, items: ['p-1'] });
      assert.equal(await a.recordServed([served('before', erasedAt, 'client-x'), served('other', erasedAt, 'client-y'), served('after', erasedAt + 1, 'client-x')]), 1);
      assert.deepEqual((await b.servedBetween(shop, 0, erasedAt + 10)).map((l) => [l.id, l.userId]), [
        ['other', 'client-y'],
        ['after', 'client-x'],
      ]);
      const [key, ...more] = await raw.keys(`aff:{${shop}}:rx:*`);
      assert.deepEqual(more, []);
      assert.equal(hashPart(key!), shop, 'in the slot of the shop’s attribution keys');
      assert.ok(!key!.includes('client-x'));
      assert.equal(await raw.get(key!), String(erasedAt));
      assert.equal(await raw.get(`aff:{${shop}}:rx`), String(erasedAt), 'the shop’s latest erasure');
      const ttl = await raw.pttl(key!);
      assert.ok(ttl > 0 && ttl <= ERASED_KEEP_MS, `expires within ERASED_KEEP_MS (${ttl})`);
    } finally {
      other.disconnect();
    }
  });
});

describe('Redis shop tombstone', () => {
  const shopper = 'shop-tomb-shopper-1';
  /** A product and an experiment only the erased shop's lists name (its dictionary must not come back). */
  const onlyTheirs = 'shop-tomb-only-product';
  const experiment = { id: 'shop-tomb-exp', variant: 'a' };

  for (const kind of ['redis', 'redis-cluster'] as const) {
    it(`a list one node still held when another erased its shop is not written and is counted; the reinstalled shop’s lists are (${kind})`, async () => {
      const shop = `shop-tomb-${kind}.myshopify.com`;
      const otherShop = `shop-tomb-other-${kind}.myshopify.com`;
      const list = (id: string, s: string, ts: number, userId?: string) => ({ id, shop: s, ts, surface: 'product' as const, actor: 'human' as const, experiment, items: [onlyTheirs], ...(userId ? { userId } : {}) });
      const click = (key: string, ts: number) => ({ key, shop, recId: 'shop-tomb-list-0', kind: 'click' as const, ts, userId: shopper, productId: onlyTheirs });
      const connect = (consumer: string) =>
        kind === 'redis' ? RedisStore.connect(server.url, { profileTtlMs: TTL, consumer }) : RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer });
      const nodes = kind === 'redis' ? [{ host: '127.0.0.1', port: server.port }] : cluster.nodes;
      // Two nodes on one store: A serves and buffers, B erases the shop (shop/redact).
      const [a, b] = await Promise.all([connect('shop-tomb-a'), connect('shop-tomb-b')]);
      let erased = 0;
      const recorder = new ServedRecorder({ store: a.attribution(), flushMs: 3_600_000, onErased: (n) => (erased += n) });
      try {
        const served = Date.now() - 1000;
        await b.attribution().recordServed([list('shop-tomb-list-0', shop, served - 1000, shopper)]);
        await b.attribution().recordOutcomes([click('shop-tomb-click-0', served - 500)]);
        recorder.record(list('shop-tomb-list-1', shop, served, shopper));
        recorder.record(list('shop-tomb-list-2', shop, served));
        recorder.record({ id: 'shop-tomb-list-3', shop: otherShop, ts: served, surface: 'product', actor: 'human', userId: 'shop-tomb-other-shopper', items: ['other-product'] });
        await b.eraseShop(shop);
        await recorder.flush();

        assert.equal(erased, 2, 'both lists of the erased shop are counted as dropped');
        assert.deepEqual(await b.attribution().servedBetween(shop, 0, Date.now()), []);
        assert.deepEqual((await b.attribution().servedBetween(otherShop, 0, Date.now())).map((l) => l.id), ['shop-tomb-list-3']);
        assert.equal(await a.attribution().recordOutcomes([click('shop-tomb-click-1', served)]), 0, 'an outcome of an event from before the erasure, projected late by another node');
        const lines = await dumpRedis(nodes);
        assert.deepEqual(findAny(lines, [shopper, onlyTheirs, 'shop-tomb-exp']), [], 'neither the shopper nor the shop’s dictionary comes back');
        const left = findAny(lines, [`{${shop}}`]);
        assert.deepEqual(left.map((l) => l.split(' => ')[0]), [`aff:{${shop}}:rx:shop`], 'the shop’s tombstone is its only key');
        assert.equal(findAny(lines, ['shop-tomb-other-shopper']).length > 0, true, 'the other shop’s list is written (and the dump does see it)');
        if (kind === 'redis') {
          const ttl = await raw.pttl(`aff:{${shop}}:rx:shop`);
          assert.ok(ttl > 0 && ttl <= ERASED_KEEP_MS, `expires within ERASED_KEEP_MS (${ttl})`);
        }

        // Reinstalled: served after the erasure, new data.
        const back = Date.now() + 1;
        recorder.record(list('shop-tomb-list-4', shop, back, shopper));
        await recorder.flush();
        assert.equal(erased, 2);
        assert.deepEqual((await b.attribution().servedBetween(shop, 0, back + 10)).map((l) => [l.id, l.userId, l.items]), [['shop-tomb-list-4', shopper, [onlyTheirs]]]);
        assert.equal(await a.attribution().recordOutcomes([click('shop-tomb-click-2', back + 1)]), 1);
        // A write holding lists from both sides of the erasure (a retried one): only the new one is written.
        assert.equal(await a.attribution().recordServed([list('shop-tomb-list-1', shop, served, shopper), list('shop-tomb-list-5', shop, back + 2, shopper)]), 1);
        assert.deepEqual((await b.attribution().servedBetween(shop, 0, back + 10)).map((l) => l.id), ['shop-tomb-list-4', 'shop-tomb-list-5']);
        assert.deepEqual((await b.attribution().outcomesBetween(shop, 0, back + 10)).map((o) => o.key), ['shop-tomb-click-2']);
      } finally {
        await recorder.stop();
        await Promise.all([a.close(), b.close()]);
      }
    });
  }
});

describe('Redis shop tombstone, an erasure between the steps of a write', () => {
  it('a list numbered before the shop’s erasure and appended after it is not written; nothing of the shop comes back', async () => {
    const shop = 'shop-tomb-between.myshopify.com';
    const shopper = 'shop-tomb-between-shopper';
    const eraser = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'shop-tomb-between' });
    const client = new Redis(server.url);
    // The writing node's client: the erasure runs on the other node just before the append is sent.
    let eraseFirst: (() => Promise<void>) | undefined = () => eraser.eraseShop(shop);
    const racing = new Proxy(client, {
      get(target, name) {
        if (name === 'multi') {
          return () => {
            const m = target.multi();
            const exec = m.exec.bind(m);
            m.exec = (async () => {
              const erase = eraseFirst;
              eraseFirst = undefined;
              await erase?.();
              return exec();
            }) as typeof m.exec;
            return m;
          };
        }
        const v = Reflect.get(target, name, target) as unknown;
        return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
      },
    });
    try {
      const served = Date.now() - 1000;
      const a = new RedisAttribution(racing, TTL);
      const lists = [
        { id: 'between-1', shop, ts: served, surface: 'product' as const, actor: 'human' as const, userId: shopper, items: ['between-product'] },
        { id: 'between-2', shop, ts: served, surface: 'cart' as const, actor: 'human' as const, items: ['between-product'] },
      ];
      assert.equal(await a.recordServed(lists), 2, 'dropped by the append, and counted');
      assert.equal(eraseFirst, undefined, 'the erasure ran between the numbering and the append');
      const lines = await dumpRedis([{ host: '127.0.0.1', port: server.port }]);
      assert.deepEqual(findAny(lines, [`{${shop}}`]).map((l) => l.split(' => ')[0]), [`aff:{${shop}}:rx:shop`], 'the shop’s tombstone is its only key');
      assert.deepEqual(findAny(lines, [shopper, 'between-product']), []);
    } finally {
      client.disconnect();
      await eraser.close();
    }
  });
});

describe('Redis shop tombstone, a write mixing lists from before and after the erasure', () => {
  for (const kind of ['redis', 'redis-cluster'] as const) {
    it(`numbers only the later lists’ products and labels: nothing of the dropped ones comes back (${kind})`, async () => {
      const shop = `shop-tomb-mixed-${kind}.myshopify.com`;
      const store = kind === 'redis' ? await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'shop-tomb-mixed' }) : await RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer: 'shop-tomb-mixed' });
      const nodes = kind === 'redis' ? [{ host: '127.0.0.1', port: server.port }] : cluster.nodes;
      try {
        const served = Date.now() - 1000;
        await store.eraseShop(shop);
        // A retried write: one list a node held while the shop was erased, one of the reinstalled shop.
        const old = { id: 'mixed-old', shop, ts: served, surface: 'product' as const, actor: 'agent' as const, agent: 'mixed-old-agent', experiment: { id: 'mixed-old-exp', variant: 'mixed-old-variant' }, intent: 'mixed-old-intent', market: 'mixed-old-market', userId: 'mixed-old-shopper', items: ['mixed-old-product'] };
        const back = { id: 'mixed-new', shop, ts: Date.now() + 1, surface: 'product' as const, actor: 'human' as const, userId: 'mixed-new-shopper', items: ['mixed-new-product', 'mixed-new-product-2'] };
        assert.equal(await store.attribution().recordServed([old, back]), 1, 'the old list is dropped and counted');
        assert.deepEqual((await store.attribution().servedBetween(shop, 0, back.ts + 10)).map((l) => [l.id, l.userId, l.items]), [['mixed-new', 'mixed-new-shopper', back.items]]);
        const lines = await dumpRedis(nodes);
        assert.deepEqual(findAny(lines, ['mixed-old-agent', 'mixed-old-exp', 'mixed-old-variant', 'mixed-old-intent', 'mixed-old-market', 'mixed-old-shopper', 'mixed-old-product']), [], 'the shop’s dictionary holds nothing of the dropped list');
        assert.equal(findAny(lines, ['mixed-new-product-2']).length > 0, true, 'the new list’s products are numbered (and the dump does see them)');
      } finally {
        await store.close();
      }
    });
  }
});

describe('Redis shop tombstone, a list served while the erasure runs', () => {
  /** A promise and its resolver: one step of the interleaving below. */
  const step = () => {
    let done!: () => void;
    const reached = new Promise<void>((resolve) => (done = resolve));
    return { reached, done };
  };

  for (const kind of ['redis', 'redis-cluster'] as const) {
    it(`numbered before the deletion and appended after it, it is not read under the reinstalled shop’s numbers (${kind})`, { timeout: 30_000 }, async () => {
      const shop = `shop-tomb-during-${kind}.myshopify.com`;
      const open = () => (kind === 'redis' ? RedisConnection.openStandalone(server.url) : RedisConnection.openCluster(cluster.nodes));
      const nodes = kind === 'redis' ? [{ host: '127.0.0.1', port: server.port }] : cluster.nodes;
      const [eraserClient, writerClient] = await Promise.all([open(), open()]);
      const store = kind === 'redis' ? await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'shop-tomb-during' }) : await RedisStore.connectCluster(cluster.nodes, { profileTtlMs: TTL, consumer: 'shop-tomb-during' });
      // The interleaving: the eraser leaves the tombstone; the writer numbers a list served just after it;
      // the eraser deletes the shop's keys; the writer appends; the eraser finishes.
      const tombstoned = step();
      const numbered = step();
      const deleted = step();
      const appended = step();
      let reading = false;
      let deleting = true;
      const eraserSide = new Proxy(eraserClient, {
        get(target, name) {
          const v = Reflect.get(target, name, target) as unknown;
          if (name !== 'call') return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
          return async (...args: unknown[]) => {
            const command = String(args[0]).toLowerCase();
            // The log is read after the tombstone, before any key goes; the registries are emptied after the keys went.
            if (command === 'xrange' && !reading) {
              reading = true;
              tombstoned.done();
              await numbered.reached;
            }
            if (command === 'srem' && deleting) {
              deleting = false;
              deleted.done();
              await appended.reached;
            }
            return (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        },
      });
      const writerSide = new Proxy(writerClient, {
        get(target, name) {
          if (name === 'multi') {
            return () => {
              const m = target.multi();
              const exec = m.exec.bind(m);
              m.exec = (async () => {
                numbered.done();
                await deleted.reached;
                const out = await exec();
                appended.done();
                return out;
              }) as typeof m.exec;
              return m;
            };
          }
          const v = Reflect.get(target, name, target) as unknown;
          return typeof v === 'function' ? (v as (...args: unknown[]) => unknown).bind(target) : v;
        },
      });
      try {
        const privacy = new RedisPrivacy(eraserSide, kind === 'redis-cluster', TTL);
        const writer = new RedisAttribution(writerSide, TTL);
        await Promise.all([
          privacy.eraseShop(shop),
          tombstoned.reached.then(() =>
            writer.recordServed([{ id: 'during-1', shop, ts: Date.now() + 1, surface: 'product', actor: 'human', userId: 'during-shopper-x', experiment: { id: 'during-exp-x', variant: 'a' }, items: ['during-product-x'] }]),
          ),
        ]);
        const lines = await dumpRedis(nodes);
        assert.deepEqual(findAny(lines, [`{${shop}}`]).map((l) => l.split(' => ')[0]), [`aff:{${shop}}:rx:shop`], 'the shop’s tombstone is its only key');

        // The reinstalled shop numbers another shopper and another product from 1 again.
        const back = Date.now() + 5;
        await store.attribution().recordServed([{ id: 'after-1', shop, ts: back, surface: 'product', actor: 'human', userId: 'during-shopper-y', experiment: { id: 'during-exp-y', variant: 'b' }, items: ['during-product-y'] }]);
        assert.deepEqual((await store.attribution().servedBetween(shop, 0, back + 10)).map((l) => [l.id, l.userId, l.items]), [['after-1', 'during-shopper-y', ['during-product-y']]]);
        assert.deepEqual((await store.attribution().exportUser(shop, 'during-shopper-y')).served.map((l) => l.id), ['after-1'], 'the other shopper’s export holds only their list');
        assert.deepEqual(findAny(await dumpRedis(nodes), ['during-shopper-x', 'during-product-x', 'during-exp-x']), []);
      } finally {
        eraserClient.disconnect();
        writerClient.disconnect();
        await store.close();
      }
    });
  }
});
