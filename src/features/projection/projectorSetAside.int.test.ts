import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { EventItem } from '../../core/events/userEvent.ts';
import type { LoggedEvent, ProjectionBatch, UserEventStore } from '../../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from './projector.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-set-aside-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Polls `done` every few ms until it holds; bounded by tries (not by time), no assertion on time. */
async function until(done: () => boolean, what: string, tries = 6_000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`gave up waiting for ${what}`);
}

const params = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 };

/** An item with no product id: what `POST /v1/events` stored for `"productId": " "` before ids had to show something. */
const NAMELESS = { quantity: 1 } as unknown as EventItem;

describe('Projector: an event that cannot be projected', () => {
  it('is set aside, and the events after it, of its shop and of others, are projected', async () => {
    const store = new SqliteStore({ path: join(dir, 'poison.db'), profileTtlMs: 86_400_000 });
    const poison = makeEvent({ shop: 'shop-a', userId: 'x', items: [NAMELESS] });
    await store.append([poison, makeEvent({ shop: 'shop-a', userId: 'a1' }), makeEvent({ shop: 'shop-b', userId: 'b1', items: [{ productId: '101', quantity: 1 }] })]);
    const setAside: { entry: LoggedEvent; err: unknown }[] = [];
    const projector = new Projector({ store, catalogs: new CatalogRegistry(store), params, onUnprojectable: (entry, err) => setAside.push({ entry, err }) });
    await projector.flush();
    assert.deepEqual(
      setAside.map((s) => s.entry.event.id),
      [poison.id],
    );
    assert.ok(setAside[0]?.err instanceof Error);
    assert.equal((await store.readUnprojected(10)).length, 0, 'nothing left waiting');
    assert.equal((await store.getProfile('shop-a', 'a1'))?.eventCount, 1);
    assert.equal((await store.getProfile('shop-b', 'b1'))?.eventCount, 1);
    assert.equal(await store.getProfile('shop-a', 'x'), undefined, 'no profile changed by it');
    assert.deepEqual(
      (await store.getUserEvents('shop-a', 'x', 10)).map((e) => e.id),
      [poison.id],
      'kept in the event log',
    );
    // Projected once: a later drain does not report it again.
    await store.append([makeEvent({ shop: 'shop-a', userId: 'a1' })]);
    await projector.flush();
    assert.equal(setAside.length, 1);
    assert.equal((await store.getProfile('shop-a', 'a1'))?.eventCount, 2);
    await store.close();
  });

  it('is not what a store failure makes: the batch fails, nothing is set aside, and the next drain projects it all', async () => {
    const store = new SqliteStore({ path: join(dir, 'outage.db'), profileTtlMs: 86_400_000 });
    await store.append([makeEvent({ userId: 'u1' }), makeEvent({ userId: 'u2' })]);
    let down = true;
    const flaky: UserEventStore = Object.assign(Object.create(store) as UserEventStore, {
      readUnprojected: (limit: number) => store.readUnprojected(limit),
      getRecentItems: (shop: string, ids: readonly string[]) => store.getRecentItems(shop, ids),
      applyProjection: async (batch: ProjectionBatch) => {
        if (down) throw new Error('store down');
        return store.applyProjection(batch);
      },
    });
    const setAside: LoggedEvent[] = [];
    const projector = new Projector({ store: flaky, catalogs: new CatalogRegistry(store), params, onUnprojectable: (entry) => setAside.push(entry) });
    await assert.rejects(projector.flush(), /store down/);
    assert.equal(setAside.length, 0);
    assert.equal((await store.readUnprojected(10)).length, 2, 'still waiting');
    // Polling, it reports since when every drain has failed (readiness shows it), until one succeeds.
    const at = Date.UTC(2026, 11, 7, 23, 0);
    const polling = new Projector({ store: flaky, catalogs: new CatalogRegistry(store), params, intervalMs: 5, wallNow: () => at });
    polling.start();
    await until(() => polling.failing !== undefined, 'a failed drain');
    assert.deepEqual(polling.failing, { since: at, error: 'store down' });
    down = false;
    await until(() => polling.failing === undefined, 'a drain that succeeds');
    await polling.stop();
    await projector.flush();
    assert.equal(setAside.length, 0);
    assert.equal((await store.readUnprojected(10)).length, 0);
    assert.equal((await store.getProfile('shop-a', 'u1'))?.eventCount, 1);
    await store.close();
  });
});
