/**
 * The Redis store's answers to faults, against real redis-server processes: it reads the server's
 * persistence settings (also where CONFIG is renamed away), counts the projection backlog exactly
 * (including entries pending at other consumers), and takes over the pending entries of dead
 * consumers without touching those of live ones.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { startRedis, type RedisServerHandle } from '../../testing/redisServer.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { LOG_KEY, PROJECTOR_GROUP } from './keys.ts';
import { RedisStore } from './redisStore.ts';

const TTL = 86_400_000;

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  assert.ok(child.pid);
  return child.pid;
}

async function consumers(redis: Redis): Promise<Map<string, number>> {
  const reply = (await redis.call('xinfo', 'consumers', LOG_KEY, PROJECTOR_GROUP)) as unknown[][];
  return new Map(reply.map((c) => [String(c[1]), Number(c[3])]));
}

describe('RedisStore reads the server’s persistence settings', () => {
  const servers: RedisServerHandle[] = [];
  const stores: RedisStore[] = [];
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(servers.map((s) => s.stop()));
  });
  async function durabilityOf(args: readonly string[]) {
    const server = await startRedis({ args });
    servers.push(server);
    const store = await RedisStore.connect(server.url, { profileTtlMs: TTL });
    stores.push(store);
    return store.durability();
  }

  it('no AOF and no RDB: volatile, with the settings and a warning', async () => {
    const d = await durabilityOf(['--appendonly', 'no', '--save', '']);
    assert.equal(d.level, 'volatile');
    assert.deepEqual({ aof: d.aof, appendfsync: d.appendfsync, rdb: d.rdb, source: d.source }, { aof: false, appendfsync: 'everysec', rdb: '', source: 'config' });
    assert.match(d.warning ?? '', /acknowledged events are lost when Redis crashes/);
  });

  it('RDB snapshots only: still volatile (everything since the last snapshot is lost)', async () => {
    const d = await durabilityOf(['--appendonly', 'no', '--save', '60 1']);
    assert.equal(d.level, 'volatile');
    assert.equal(d.rdb, '60 1');
    assert.match(d.warning ?? '', /RDB snapshots only/);
  });

  it('AOF on: durable, no warning (appendfsync as configured)', async () => {
    const d = await durabilityOf(['--appendonly', 'yes', '--appendfsync', 'everysec']);
    assert.deepEqual({ level: d.level, aof: d.aof, appendfsync: d.appendfsync, warning: d.warning }, { level: 'durable', aof: true, appendfsync: 'everysec', warning: undefined });
  });

  it('CONFIG renamed away (as managed services do): falls back to INFO persistence', async () => {
    const off = await durabilityOf(['--appendonly', 'no', '--rename-command', 'CONFIG', '']);
    assert.deepEqual({ level: off.level, aof: off.aof, source: off.source }, { level: 'volatile', aof: false, source: 'info' });
    const on = await durabilityOf(['--appendonly', 'yes', '--rename-command', 'CONFIG', '']);
    assert.deepEqual({ level: on.level, aof: on.aof, source: on.source }, { level: 'durable', aof: true, source: 'info' });
    assert.match(on.warning ?? '', /CONFIG GET failed/);
  });
});

describe('RedisStore names a database the server has, or does not start', () => {
  let server: RedisServerHandle;
  before(async () => {
    server = await startRedis({ args: ['--databases', '4'] });
  });
  after(async () => {
    await server?.stop();
  });

  it('REDIS_URL …/9 on a server with 4 databases: refused with the reason, nothing written in database 0', async () => {
    await assert.rejects(RedisStore.connect(`${server.url}/9`, { profileTtlMs: TTL }), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'STORE_UNAVAILABLE');
      assert.match(err.message, /has no database 9 \(ERR DB index is out of range\)/);
      return true;
    });
    const db0 = new Redis(server.url);
    assert.equal(await db0.dbsize(), 0);
    db0.disconnect();
    const three = await RedisStore.connect(`${server.url}/3`, { profileTtlMs: TTL });
    await three.append([makeEvent({ shop: 'db-three', userId: 'u' })]);
    await three.close();
    const db3 = new Redis(`${server.url}/3`);
    assert.ok((await db3.dbsize()) > 0, 'a database it has is used');
    db3.disconnect();
  });
});

describe('RedisStore projection backlog and dead consumers', () => {
  let server: RedisServerHandle;
  let redis: Redis;
  before(async () => {
    server = await startRedis();
    redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  });
  after(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('counts undelivered entries plus those pending at any consumer, exactly, beyond a batch', async () => {
    await redis.flushall();
    const a = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'a' });
    const b = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'b' });
    try {
      assert.equal(await a.backlog(), 0);
      for (let k = 0; k < 3; k++) await a.append(Array.from({ length: 1_000 }, () => makeEvent({ shop: 'backlog' })));
      assert.equal(await a.backlog(), 3_000);
      const held = await b.readUnprojected(1_000); // pending at b
      assert.equal(held.length, 1_000);
      assert.equal(await a.backlog(), 3_000);
      const got = await a.readUnprojected(1_000);
      await a.applyProjection({ seqs: got.map((p) => p.seq), profiles: [], stats: [] });
      assert.equal(await a.backlog(), 2_000);
      await b.applyProjection({ seqs: held.map((p) => p.seq), profiles: [], stats: [] });
      assert.equal(await a.backlog(), 1_000);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a new store takes over, at its first read, the batch of a dead process of this host, never that of a live consumer', async () => {
    await redis.flushall();
    const gone = `${hostname()}-${await deadPid()}`;
    // The live one is this very process (its pid runs) and keeps polling, as a projector does.
    const alive = `${hostname()}-${process.pid}`;
    const setup = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'setup' });
    const deadStore = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: gone });
    const liveStore = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: alive });
    const fresh = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'fresh', claimIdleMs: 1_500 });
    let polling = true;
    try {
      const liveEvents = Array.from({ length: 20 }, () => makeEvent({ shop: 'live' }));
      await setup.append(liveEvents);
      assert.equal((await liveStore.readUnprojected(100)).length, 20);
      const deadEvents = Array.from({ length: 30 }, () => makeEvent({ shop: 'dead' }));
      await setup.append(deadEvents);
      assert.equal((await deadStore.readUnprojected(100)).length, 30);
      await deadStore.close(); // abandoned, never acknowledged
      const poll = (async () => {
        while (polling) {
          await liveStore.readUnprojected(100);
          await new Promise((r) => setTimeout(r, 100));
        }
      })();

      // Its first read: the dead process's 30, not the live consumer's 20 (nothing else is unread).
      const first = await fresh.readUnprojected(1_000);
      assert.deepEqual(first.map((p) => p.event.id).sort(), deadEvents.map((e) => e.id).sort());
      assert.equal((await consumers(redis)).has(gone), false, 'the dead consumer is removed from the group');
      // Well past claimIdleMs, the live consumer (it keeps polling) still has its entries.
      const until = Date.now() + 3_000;
      while (Date.now() < until) {
        const got = await fresh.readUnprojected(1_000);
        assert.ok(got.every((p) => p.event.shop === 'dead'), `took a live consumer's entries: ${got.map((p) => p.event.shop).join(',')}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal((await consumers(redis)).get(alive), 20);
      polling = false;
      await poll;
    } finally {
      polling = false;
      await Promise.all([setup.close(), liveStore.close(), fresh.close()]);
    }
  });

  it('a consumer of another host that stopped touching the group for claimIdleMs is taken over', async () => {
    await redis.flushall();
    const setup = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'setup' });
    const other = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'other-host-1' });
    const fresh = await RedisStore.connect(server.url, { profileTtlMs: TTL, consumer: 'fresh', claimIdleMs: 300 });
    try {
      const events = Array.from({ length: 10 }, () => makeEvent({ shop: 'idle' }));
      await setup.append(events);
      assert.equal((await other.readUnprojected(100)).length, 10);
      await other.close();
      await new Promise((r) => setTimeout(r, 400));
      assert.equal((await fresh.readUnprojected(100)).length, 10);
      assert.equal((await consumers(redis)).has('other-host-1'), false);
    } finally {
      await Promise.all([setup.close(), fresh.close()]);
    }
  });
});
