/**
 * Ingest on a stateless node: a batch whose consent signals name several shoppers reads their shared
 * state from Redis once and writes it in one flush at the end of the request (not one read and one
 * flush per signal, then again for the append). Real redis-server, real SQLite store, real use case.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { SqliteStore } from '../adapters/sqlite/sqliteStore.ts';
import { RedisSessionState, type SessionStateRead } from '../adapters/redis/redisSessionState.ts';
import { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import type { Metrics } from '../features/operations/metrics.ts';
import { gatedStore } from '../features/privacy/consentGate.ts';
import { DEFAULT_MARKETS } from '../core/markets/market.ts';
import { MarketRegistry } from '../core/markets/marketRegistry.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../core/profile/fold.ts';
import { recordEvents } from '../features/ingest/recordEvents.ts';
import { startRedis, type RedisServerHandle } from '../testing/redisServer.ts';
import { SharedConsentLedger, SharedSessionMemory, SharedSessionState } from './sharedSessionState.ts';
import { StatelessConsentGate } from './statelessGate.ts';

const NOW = 1_800_000_000_000;
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

/** Counts reads of the shared state. */
class Counting extends RedisSessionState {
  reads = 0;
  override read(shoppers: readonly { shop: string; userId: string }[]): Promise<SessionStateRead[]> {
    this.reads++;
    return super.read(shoppers);
  }
}

describe('stateless consent gate: one unit of work per ingest request', () => {
  it('three consent signals and their events: one read of the shared state, everything in Redis when answered', async () => {
    const store = new SqliteStore({ path: ':memory:', profileTtlMs: 86_400_000 });
    try {
      const redis = new Counting(client, { sessionTtlMs: 60_000, consentTtlMs: 60_000, eventCap: 50 });
      const catalogs = new CatalogRegistry(store);
      const shared = new SharedSessionState(
        redis,
        new SharedSessionMemory({ catalogs, fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 }, redis }),
        new SharedConsentLedger({ ttlMs: 60_000, redis }),
      );
      let ids = 0;
      const gate = new StatelessConsentGate({ store, queue: store.privacyQueue(), markets: new MarketRegistry(DEFAULT_MARKETS), sessions: shared.sessions, ledger: shared.ledger, clock: () => NOW, newId: () => `job-${++ids}`, shared });
      const counter = { inc: () => {} };
      const ctx = {
        store: gatedStore(store, gate),
        metrics: { eventsIngested: counter, eventsDuplicate: counter, eventsIgnored: counter, eventsRejected: counter } as unknown as Pick<Metrics, 'eventsIngested' | 'eventsDuplicate' | 'eventsIgnored' | 'eventsRejected'>,
        projector: { kick: () => {} },
        clock: () => NOW,
        logError: () => {},
      };
      const users = ['eu-1', 'eu-2', 'eu-3'];
      const events = users.map((userId, i) => ({ id: `ev-${i}`, type: 'view', userId, productId: 'p1', timestamp: new Date(NOW - 60_000 + i).toISOString() }));
      const r = await recordEvents(ctx, { shop: 's', body: { shop: 's', market: 'EU', consent: { analytics: false }, events }, via: 'server', consent: gate });
      assert.equal(r.accepted, 3, JSON.stringify(r));
      assert.equal(redis.reads, 1, 'the shoppers were read once for the whole request');
      const read = await redis.read(users.map((userId) => ({ shop: 's', userId })));
      for (const [i, s] of read.entries()) {
        assert.ok(s.consent, `${users[i]}: consent state in Redis when the request was answered`);
        assert.equal(s.events.length, 1, `${users[i]}: its session-only event in Redis when the request was answered`);
      }
    } finally {
      store.close();
    }
  });
});
