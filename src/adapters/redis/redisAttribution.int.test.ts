import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { after, before, describe, it } from 'node:test';
import { startRedis, startRedisCluster, type RedisClusterHandle, type RedisServerHandle } from '../../testing/redisServer.ts';
import { attributionStoreContract } from '../../testing/attributionStoreContract.ts';
import { ERASED_KEEP_MS } from '../erasureTombstones.ts';
import { hashPart } from './keys.ts';
import { RedisAttribution } from './redisAttribution.ts';
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
