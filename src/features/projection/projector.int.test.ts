import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { ProjectionBatch, UserEventStore } from '../../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { product } from '../../testing/productFixture.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from './projector.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-projector-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A batch as the store saw it. */
interface Applied {
  /** When the store was asked to apply it, and when it was done (`performance.now()`). */
  readonly start: number;
  readonly end: number;
  /** Whether the event loop took a turn since the previous batch (a `setImmediate` queued at its end ran). */
  readonly turnBefore: boolean;
}

/** Polls `done` every few ms until it holds; bounded (the test timeout is not the bound), no assertion on time. */
async function until(done: () => boolean | Promise<boolean>, what: string, tries = 6_000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`gave up waiting for ${what}`);
}

/** Projects 25 events in batches of 10 (each held at least 15 ms by the store); returns the batches. */
async function projectBacklog(name: string, maxPauseMs: number): Promise<Applied[]> {
  const store = new SqliteStore({ path: join(dir, `${name}.db`), profileTtlMs: 86_400_000 });
  await store.append(Array.from({ length: 25 }, (_, i) => makeEvent({ userId: `u${i % 5}` })));
  const applied: Applied[] = [];
  let turned = true;
  const timed: UserEventStore = Object.assign(Object.create(store) as UserEventStore, {
    readUnprojected: (limit: number) => store.readUnprojected(limit),
    getRecentItems: (shop: string, ids: readonly string[]) => store.getRecentItems(shop, ids),
    applyProjection: async (batch: ProjectionBatch) => {
      const start = performance.now();
      const turnBefore = turned;
      const outcome = await store.applyProjection(batch);
      while (performance.now() - start < 15);
      applied.push({ start, end: performance.now(), turnBefore });
      turned = false;
      setImmediate(() => (turned = true));
      return outcome;
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
  await until(() => applied.length >= 3, 'three batches');
  await projector.stop();
  assert.equal((await store.readUnprojected(100)).length, 0, 'everything projected');
  await store.close();
  assert.equal(applied.length, 3);
  return applied;
}

describe('Projector with a backlog', () => {
  it('pauses between batches for as long as a batch took, up to maxPauseMs, so other writers get the lock', async () => {
    // Each batch takes at least 15 ms, so the pause is at least that (less 1 ms of timer rounding);
    // a slow machine only makes batches and pauses longer.
    const applied = await projectBacklog('pause', 30);
    for (let i = 1; i < applied.length; i++) {
      const gap = (applied[i] as Applied).start - (applied[i - 1] as Applied).end;
      assert.ok(gap >= 14, `gap ${gap.toFixed(1)} ms`);
      assert.equal(applied[i]?.turnBefore, true);
    }
  });

  it('runs batches back to back without maxPauseMs: the next one starts before the event loop takes another turn', async () => {
    // Not a measured gap (how long it is depends on the machine): no timer, no I/O turn in between.
    const applied = await projectBacklog('nopause', 0);
    assert.deepEqual(applied.map((b) => b.turnBefore), [true, false, false]);
  });

  it('stops after the batch in hand, leaving the rest of the backlog for the next start', async () => {
    const store = new SqliteStore({ path: join(dir, 'stop.db'), profileTtlMs: 86_400_000 });
    await store.append(Array.from({ length: 100 }, (_, i) => makeEvent({ userId: `u${i % 7}` })));
    let batches = 0;
    const slow: UserEventStore = Object.assign(Object.create(store) as UserEventStore, {
      readUnprojected: (limit: number) => store.readUnprojected(limit),
      getRecentItems: (shop: string, ids: readonly string[]) => store.getRecentItems(shop, ids),
      applyProjection: async (batch: ProjectionBatch) => {
        const outcome = await store.applyProjection(batch);
        await new Promise((r) => setTimeout(r, 20));
        batches++;
        return outcome;
      },
    });
    const params = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 };
    const first = new Projector({ store: slow, catalogs: new CatalogRegistry(store), params, batchSize: 10 });
    first.start();
    // Polls more often than a batch takes (20 ms): timers run in due order, so however busy the
    // machine, the poll that sees the first batch runs before the second batch can end.
    for (let i = 0; i < 30_000 && batches < 1; i++) await new Promise((r) => setTimeout(r, 2));
    await first.stop();
    assert.ok(batches <= 2, `stopped after ${batches} batches`);
    const left = (await store.readUnprojected(1000)).length;
    assert.ok(left >= 80, `${left} events left for the next start`);
    const second = new Projector({ store, catalogs: new CatalogRegistry(store), params, batchSize: 10 });
    second.start();
    await until(async () => (await store.readUnprojected(1000)).length === 0, 'the next start to project the rest');
    await second.stop();
    assert.equal((await store.readUnprojected(1000)).length, 0, 'the next start projected the rest');
    assert.equal((await store.getProfile('shop-a', 'u0'))?.eventCount, 15, 'every event of u0 projected once');
    await store.close();
  });
});

describe('Projector and a catalog another process imported', () => {
  const params = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 };
  const catalog = [product({ id: 'linen-dress', title: 'Linen Dress', productType: 'Dresses', category: 'Apparel > Dresses', vendor: 'Mira', tags: ['linen'] })];

  /** Imports through one registry (an HTTP worker), then projects a view of the product with another (the primary) loaded before it. */
  async function projectAfterImport(name: string, refresh: boolean): Promise<Readonly<Record<string, number>> | undefined> {
    const store = new SqliteStore({ path: join(dir, `${name}.db`), profileTtlMs: 86_400_000 });
    try {
      const primary = new CatalogRegistry(store);
      await primary.loadAll();
      await new CatalogRegistry(store).upsert('shop-a', catalog);
      await store.append([makeEvent({ userId: 'just-after', items: [{ productId: 'linen-dress', quantity: 1 }] })]);
      await new Projector({ store, catalogs: primary, params, ...(refresh ? { refreshCatalogs: () => primary.refresh() } : {}) }).flush();
      return (await store.getProfile('shop-a', 'just-after'))?.features;
    } finally {
      await store.close();
    }
  }

  it("learns the product's facts before folding an event that names it (affinities were lost for good when the event came first)", async () => {
    const features = await projectAfterImport('imported-elsewhere', true);
    assert.ok(features && 'cat:dresses' in features && 'vendor:mira' in features && 'tag:linen' in features, JSON.stringify(Object.keys(features ?? {})));
  });

  it('near miss: without a refresh the projector folds it with what it held (no facts)', async () => {
    const features = await projectAfterImport('not-refreshed', false);
    assert.ok(features && !('vendor:mira' in features), JSON.stringify(Object.keys(features ?? {})));
  });
});
