/**
 * A stateless node during a Redis outage (real redis-server, the production client options): once
 * Redis is known unreachable (killed) or not answering (frozen with SIGSTOP), hydrating a
 * recommendation and an event's unit of work fail at once without sending anything to Redis, as the
 * single process does; when Redis answers again, they use it again without a restart. Redis calls
 * are counted; nothing depends on how long anything takes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../core/profile/fold.ts';
import { RedisConnection } from '../adapters/redis/redisConnection.ts';
import { RedisSessionState, type SessionStateRead } from '../adapters/redis/redisSessionState.ts';
import { startRedis, type RedisServerHandle } from '../testing/redisServer.ts';
import { makeEvent } from '../testing/userEventStoreContract.ts';
import { SharedConsentLedger, SharedSessionMemory, SharedSessionState } from './sharedSessionState.ts';
import { EMPTY_CATALOG_STORE } from '../testing/emptyCatalogStore.ts';

const noCatalog = EMPTY_CATALOG_STORE;

/** Counts the reads of shoppers' state (the probe's reads are not counted). */
class Counting extends RedisSessionState {
  reads = 0;
  override read(shoppers: readonly { readonly shop: string; readonly userId: string }[]): Promise<SessionStateRead[]> {
    if (shoppers.some((s) => s.shop !== 'affinity-probe')) this.reads++;
    return super.read(shoppers);
  }
}

let server: RedisServerHandle;
let client: Redis;
before(async () => {
  server = await startRedis({ appendonly: true });
  client = new Redis(server.url, RedisConnection.clientOptions());
});
after(async () => {
  client?.disconnect();
  await server?.stop();
});

function node() {
  const redis = new Counting(client, { sessionTtlMs: 60_000, consentTtlMs: 60_000, eventCap: 50 });
  const fold = { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 };
  const shared = new SharedSessionState(redis, new SharedSessionMemory({ catalogs: new CatalogRegistry(noCatalog), fold, redis }), new SharedConsentLedger({ ttlMs: 60_000, redis }));
  return { redis, shared };
}

/** Polls `cond` (bounded: a generous deadline, not a timing assertion). */
async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`not reached within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const unavailable = (err: Error & { code?: string }) => err.code === 'STORE_UNAVAILABLE';
const shopper = { shop: 's', userId: 'u1' };

describe('stateless node during a Redis outage', () => {
  it('killed: once known down, hydrations and units fail without reaching Redis; back to normal by itself', async () => {
    const { redis, shared } = node();
    await shared.unit([shopper], async () => shared.sessions.add([makeEvent({ ...shopper, ts: 1 })]));
    await server.kill('SIGKILL');
    // The first request after the crash finds out (within its budget).
    await assert.rejects(shared.hydrate([shopper]), unavailable);
    await until(() => shared.circuit?.state === 'down', 'the circuit found Redis down');
    const before = redis.reads;
    for (let i = 0; i < 10; i++) {
      await assert.rejects(shared.hydrate([{ shop: 's', userId: `r${i}` }]), unavailable);
      await assert.rejects(
        shared.unit([{ shop: 's', userId: `w${i}` }], async () => shared.sessions.add([makeEvent({ shop: 's', userId: `w${i}`, ts: 2 })])),
        unavailable,
      );
    }
    assert.equal(redis.reads, before, 'no request waited on Redis while it was known down');
    await server.restart();
    await until(() => shared.circuit.state === 'up', 'a probe found Redis back');
    await shared.hydrate([shopper]);
    assert.equal(shared.sessions.events('s', 'u1').length, 1, 'the session written before the crash is read again');
    await shared.unit([shopper], async () => shared.sessions.add([makeEvent({ ...shopper, ts: 3 })]));
    assert.equal((await client.lrange('aff:{s:u1}:sess', 0, -1)).length, 2, 'and written to again');
  });

  it('frozen (SIGSTOP): after the first late answer, the following requests are answered at once; SIGCONT brings it back', async () => {
    const { redis, shared } = node();
    await shared.hydrate([shopper]);
    process.kill(server.pid, 'SIGSTOP');
    try {
      await assert.rejects(shared.hydrate([shopper]), (err: Error & { code?: string }) => unavailable(err) && /within/.test(err.message));
      await until(() => shared.circuit.state === 'down', 'the probe found Redis not answering');
      const before = redis.reads;
      for (let i = 0; i < 10; i++) {
        await assert.rejects(shared.hydrate([{ shop: 's', userId: `f${i}` }]), unavailable);
        await assert.rejects(shared.unit([{ shop: 's', userId: `g${i}` }], async () => 0), unavailable);
      }
      assert.equal(redis.reads, before, 'no request waited on the frozen server');
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    await until(() => shared.circuit.state === 'up', 'a probe found Redis answering again');
    await shared.hydrate([shopper]);
    assert.ok(redis.reads > 0);
  });
});
