/**
 * The projector's lag is the store's whole backlog, not the size of the batch in hand: with 2,500
 * events waiting and batches of 1,000, it reports 2,500 while the first batch is being applied
 * (`measureLag`, what readiness calls) and exactly 1,500 once it is (`lag`, what `/metrics` and the
 * HTTP workers see). Real SQLite file and real redis-server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { RedisStore } from '../../adapters/redis/redisStore.ts';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { AffinityStore, ProjectionBatch, UserEventStore } from '../../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { startRedis } from '../../testing/redisServer.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from './projector.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-lag-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let dbg = (): string => '';
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3_000; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`gave up waiting for ${what} ${dbg()}`);
}

async function reportsWholeBacklog(store: AffinityStore & { backlog(): Promise<number> }): Promise<void> {
  for (let k = 0; k < 5; k++) await store.append(Array.from({ length: 500 }, (_, i) => makeEvent({ shop: 'lag', userId: `u${i % 40}` })));
  // Each batch is held at the store until the test lets it through.
  const gates: (() => void)[] = [];
  let applied = 0;
  const errors: unknown[] = [];
  // Only what the projector uses (plus the backlog count it reports).
  const held = {
    kind: store.kind,
    readUnprojected: (limit: number) => store.readUnprojected(limit),
    getRecentItems: (shop: string, ids: readonly string[]) => store.getRecentItems(shop, ids),
    applyProjection: async (batch: ProjectionBatch) => {
      await new Promise<void>((r) => gates.push(r));
      const outcome = await store.applyProjection(batch);
      applied += 1;
      return outcome;
    },
    backlog: () => store.backlog(),
  } as unknown as UserEventStore;
  const projector = new Projector({
    store: held,
    catalogs: new CatalogRegistry(store),
    params: { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 30 * 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 },
    batchSize: 1_000,
    onError: (err) => errors.push(err),
  });
  dbg = () => JSON.stringify({ applied, gates: gates.length, lag: projector.lag, errors: errors.map(String) });
  projector.start();
  try {
    await until(() => gates.length === 1, 'the first batch');
    assert.equal((await projector.measureLag?.()) ?? projector.lag, 2_500);
    gates.shift()?.();
    await until(() => applied === 1 && gates.length === 1, 'the second batch');
    assert.equal(projector.lag, 1_500);
    gates.shift()?.();
    await until(() => applied === 2 && gates.length === 1, 'the third batch');
    assert.equal(projector.lag, 500);
    gates.shift()?.();
    await until(() => applied === 3 && projector.lag === 0, 'the end of the backlog');
    assert.deepEqual(errors, []);
  } finally {
    for (const g of gates) g();
    await projector.stop();
    await store.close();
  }
}

describe('Projection lag counts the whole backlog', () => {
  it('on SQLite', async () => {
    await reportsWholeBacklog(new SqliteStore({ path: join(dir, 'lag.db'), profileTtlMs: 86_400_000 }));
  });

  it('on Redis', async () => {
    const redis = await startRedis();
    try {
      await reportsWholeBacklog(await RedisStore.connect(redis.url, { profileTtlMs: 86_400_000 }));
    } finally {
      await redis.stop();
    }
  });
});
