/**
 * Units of work on a stateless node track their own writes: one request's flush does not wait for
 * another request's write, and a failed write fails the request that made it. Real redis-server;
 * request B's write to Redis is held (then failed) by a gate, no timing involved.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../core/profile/fold.ts';
import { RedisSessionState } from '../adapters/redis/redisSessionState.ts';
import { startRedis, type RedisServerHandle } from '../testing/redisServer.ts';
import { makeEvent } from '../testing/userEventStoreContract.ts';
import { SharedConsentLedger, SharedSessionMemory, SharedSessionState } from './sharedSessionState.ts';
import { EMPTY_CATALOG_STORE } from '../testing/emptyCatalogStore.ts';

let server: RedisServerHandle;
let client: Redis;
before(async () => {
  server = await startRedis();
  client = new Redis(server.url);
});
after(async () => {
  client?.disconnect();
  await server?.stop();
});

const noCatalog = EMPTY_CATALOG_STORE;

/** Redis session state whose writes for shopper `held` wait for `gate` and then fail. */
class HeldFor extends RedisSessionState {
  constructor(
    c: Redis,
    readonly held: string,
    readonly gate: Promise<void>,
  ) {
    super(c, { sessionTtlMs: 60_000, consentTtlMs: 60_000, eventCap: 50 });
  }
  override async addEvents(shop: string, userId: string, events: readonly string[]): Promise<void> {
    if (userId !== this.held) return super.addEvents(shop, userId, events);
    await this.gate;
    throw new Error('write of the held shopper failed');
  }
}

describe('shared session state: units of work', () => {
  it("request A's flush resolves while request B's write is in flight; B's failure reaches B, not A", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const redis = new HeldFor(client, 'b', gate);
    const fold = { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 };
    const shared = new SharedSessionState(redis, new SharedSessionMemory({ catalogs: new CatalogRegistry(noCatalog), fold, redis }), new SharedConsentLedger({ ttlMs: 60_000, redis }));
    let bSettled = false;
    const b = shared.unit([{ shop: 's', userId: 'b' }], async () => shared.sessions.add([makeEvent({ shop: 's', userId: 'b', ts: 1 })]));
    b.then(
      () => (bSettled = true),
      () => (bSettled = true),
    );
    // Let B's unit start its (held) write before A runs.
    await new Promise((r) => setImmediate(r));
    const a = await shared.unit([{ shop: 's', userId: 'a' }], async () => shared.sessions.add([makeEvent({ shop: 's', userId: 'a', ts: 1 })]));
    assert.equal(a, 1, "A's event was added and its unit resolved");
    assert.equal(bSettled, false, "B's write is still in flight");
    assert.equal((await client.lrange('aff:{s:a}:sess', 0, -1)).length, 1, "A's write is in Redis");
    release();
    await assert.rejects(b, (err: Error & { code?: string }) => err.code === 'STORE_UNAVAILABLE' && /held shopper failed/.test(err.message));
    // A later unit is not handed B's failure.
    assert.equal(await shared.unit([{ shop: 's', userId: 'c' }], async () => shared.sessions.add([makeEvent({ shop: 's', userId: 'c', ts: 1 })])), 1);
  });
});
