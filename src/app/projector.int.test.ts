import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../adapters/sqlite/sqliteStore.ts';
import type { ProjectionBatch, UserEventStore } from '../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../core/recommend/cooccurrence.ts';
import { makeEvent } from '../testing/userEventStoreContract.ts';
import { CatalogRegistry } from './catalogRegistry.ts';
import { Projector } from './projector.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-projector-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Projects 25 events in batches of 10 (each batch held ~15 ms); returns the gaps between batches, ms. */
async function gapsBetweenBatches(name: string, maxPauseMs: number): Promise<number[]> {
  const store = new SqliteStore({ path: join(dir, `${name}.db`), profileTtlMs: 86_400_000 });
  await store.append(Array.from({ length: 25 }, (_, i) => makeEvent({ userId: `u${i % 5}` })));
  const spans: [number, number][] = [];
  const timed: UserEventStore = Object.assign(Object.create(store) as UserEventStore, {
    readUnprojected: (limit: number) => store.readUnprojected(limit),
    getRecentItems: (shop: string, ids: readonly string[]) => store.getRecentItems(shop, ids),
    applyProjection: async (batch: ProjectionBatch) => {
      const start = performance.now();
      await store.applyProjection(batch);
      while (performance.now() - start < 15);
      spans.push([start, performance.now()]);
    },
  });
  const projector = new Projector({
    store: timed,
    catalogs: new CatalogRegistry(store),
    params: { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 },
    batchSize: 10,
    maxPauseMs,
  });
  projector.start();
  while (spans.length < 3) await new Promise((r) => setTimeout(r, 5));
  await projector.stop();
  assert.equal((await store.readUnprojected(100)).length, 0, 'everything projected');
  await store.close();
  return spans.slice(1).map(([start], i) => start - (spans[i] as [number, number])[1]);
}

describe('Projector with a backlog', () => {
  it('pauses between batches for as long as a batch took, up to maxPauseMs, so other writers get the lock', async () => {
    for (const gap of await gapsBetweenBatches('pause', 30)) assert.ok(gap >= 14, `gap ${gap.toFixed(1)} ms`);
  });

  it('runs batches back to back without maxPauseMs', async () => {
    for (const gap of await gapsBetweenBatches('nopause', 0)) assert.ok(gap < 10, `gap ${gap.toFixed(1)} ms`);
  });

  it('stops after the batch in hand, leaving the rest of the backlog for the next start', async () => {
    const store = new SqliteStore({ path: join(dir, 'stop.db'), profileTtlMs: 86_400_000 });
    await store.append(Array.from({ length: 100 }, (_, i) => makeEvent({ userId: `u${i % 7}` })));
    let batches = 0;
    const slow: UserEventStore = Object.assign(Object.create(store) as UserEventStore, {
      readUnprojected: (limit: number) => store.readUnprojected(limit),
      getRecentItems: (shop: string, ids: readonly string[]) => store.getRecentItems(shop, ids),
      applyProjection: async (batch: ProjectionBatch) => {
        await store.applyProjection(batch);
        await new Promise((r) => setTimeout(r, 20));
        batches++;
      },
    });
    const params = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 };
    const first = new Projector({ store: slow, catalogs: new CatalogRegistry(store), params, batchSize: 10 });
    first.start();
    while (batches < 1) await new Promise((r) => setTimeout(r, 2));
    await first.stop();
    assert.ok(batches <= 2, `stopped after ${batches} batches`);
    const left = (await store.readUnprojected(1000)).length;
    assert.ok(left >= 80, `${left} events left for the next start`);
    const second = new Projector({ store, catalogs: new CatalogRegistry(store), params, batchSize: 10 });
    second.start();
    for (let i = 0; i < 500 && (await store.readUnprojected(1000)).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await second.stop();
    assert.equal((await store.readUnprojected(1000)).length, 0, 'the next start projected the rest');
    assert.equal((await store.getProfile('shop-a', 'u0'))?.eventCount, 15, 'every event of u0 projected once');
    await store.close();
  });
});
