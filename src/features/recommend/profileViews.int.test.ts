import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_SOURCE_WEIGHTS } from '../../core/recommend/rank.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { product } from '../../testing/productFixture.ts';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { Projector } from '../projection/projector.ts';
import { HybridRecommender } from './hybridRecommender.ts';

const DAY = 86_400_000;
const SHOP = 'views.myshopify.com';
const NOW = Date.UTC(2026, 10, 1, 12);
const GAP = 30 * 60_000;

const dir = mkdtempSync(join(tmpdir(), 'affinity-views-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A real SQLite store, catalog, projector and recommender; the recommender counts its profile view reuse. */
async function setUp() {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const store = new SqliteStore({ path, profileTtlMs: 400 * DAY });
  const catalogs = new CatalogRegistry(store);
  const products = [
    ...['a', 'b', 'c'].map((x) => product({ id: `boot-${x}`, title: `Hiking boot ${x}`, productType: 'Boots', category: 'Shoes', vendor: 'Peak' })),
    ...['a', 'b', 'c'].map((x) => product({ id: `mug-${x}`, title: `Coffee mug ${x}`, productType: 'Mugs', category: 'Kitchen', vendor: 'Brew' })),
  ];
  await catalogs.upsert(SHOP, products);
  const projector = new Projector({
    store,
    catalogs,
    params: { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 21 * DAY }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 7 * DAY, trendingHalfLifeMs: DAY },
  });
  const counts = { hits: 0, misses: 0 };
  const hybrid = new HybridRecommender({
    store,
    catalogs,
    profile: { halfLifeMs: 21 * DAY, sessionGapMs: GAP },
    weights: DEFAULT_SOURCE_WEIGHTS,
    popularHalfLifeMs: 7 * DAY,
    trendingHalfLifeMs: DAY,
    allowRepeat: false,
    onProfileViewCache: (hits, misses) => {
      counts.hits += hits;
      counts.misses += misses;
    },
  });
  const view = async (userId: string, productId: string, ts: number) => {
    await store.append([makeEvent({ shop: SHOP, userId, ts, items: [{ productId, quantity: 1 }] })]);
    await projector.flush();
  };
  const ids = async (userId: string, now: number) => (await hybrid.recommend({ shop: SHOP, userId, limit: 3 }, now)).map((i) => i.productId);
  return { path, store, view, ids, counts, close: () => store.close() };
}

describe('HybridRecommender: a shopper’s profile view is reused only while nothing it was built from changed', () => {
  it('answers from the reused view, and a new event changes the next answer at once', async () => {
    const t = await setUp();
    await t.view('u1', 'boot-a', NOW - 60_000);
    const first = await t.ids('u1', NOW);
    assert.ok(first.every((id) => id.startsWith('boot-')), `boots for a shopper who looked at boots: ${first}`);
    assert.deepEqual(await t.ids('u1', NOW + 1000), first, 'the same answer from the reused view');
    assert.deepEqual(t.counts, { hits: 1, misses: 1 });

    // The shopper now looks at a mug: the very next answer follows it.
    await t.view('u1', 'mug-a', NOW + 2000);
    const next = await t.ids('u1', NOW + 3000);
    assert.ok(next.some((id) => id.startsWith('mug-')), `the mug and its neighbours come in: ${next}`);
    assert.notDeepEqual(next, first);
    assert.deepEqual(t.counts, { hits: 1, misses: 2 });
    await t.close();
  });

  it('sees a profile another process wrote (the document is read every time, decoded only when its text changed)', async () => {
    const t = await setUp();
    await t.view('u2', 'boot-a', NOW - 60_000);
    const before = await t.ids('u2', NOW);
    const other = new Database(t.path);
    // Another process records a newer mug view in the stored document.
    other.prepare(`UPDATE profiles SET doc = json_set(doc, '$[1]', json(?)) WHERE shop = ? AND user_id = ?`).run(JSON.stringify([['mug-b', 'view', NOW - 1000], ['boot-a', 'view', NOW - 60_000]]), SHOP, 'u2');
    other.close();
    const after = await t.ids('u2', NOW + 1000);
    assert.ok(after.some((id) => id.startsWith('mug-')), `the other process's write counts: ${after}`);
    assert.notDeepEqual(after, before);
    assert.equal(t.counts.misses, 2);
    await t.close();
  });

  it('builds the view again when the session closes', async () => {
    const t = await setUp();
    await t.view('u3', 'boot-a', NOW - 60_000);
    await t.ids('u3', NOW);
    await t.ids('u3', NOW + 1000);
    assert.deepEqual(t.counts, { hits: 1, misses: 1 });
    // Past the session gap the viewed boot is history, no longer the session: a new view.
    const later = await t.ids('u3', NOW + GAP + 1000);
    assert.deepEqual(t.counts, { hits: 1, misses: 2 });
    assert.ok(later.length > 0);
    await t.close();
  });
});
