import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../../adapters/sqlite/sqliteStore.ts';
import type { ServedList } from '../../core/attribution/servedList.ts';
import type { AttributionStore } from '../../core/ports.ts';
import { newRecommendationId } from './listAttribution.ts';
import { ServedRecorder } from './servedRecorder.ts';

const SHOP = 'served.myshopify.com';
const T0 = Date.UTC(2026, 10, 1, 12);

const dir = mkdtempSync(join(tmpdir(), 'affinity-served-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function list(k: number): ServedList {
  return { id: newRecommendationId(), shop: SHOP, ts: T0 + k, surface: 'product', actor: 'human', userId: `u${k % 7}`, items: [`p${k}`, `p${k + 1}`], tookMs: 1 };
}

/** The real SQLite attribution store, watched: the size of every write, whether it ran inside `record`, and a write that fails on demand. */
function watched() {
  const store = new SqliteStore({ path: join(dir, `${Math.random().toString(36).slice(2)}.db`), profileTtlMs: 86_400_000 });
  const real = store.attribution();
  const seen = { writes: [] as number[], insideRecord: 0, failNext: false };
  let recording = false;
  const attribution: AttributionStore = {
    recordOutcomes: (os) => real.recordOutcomes(os),
    lastClicks: (...a) => real.lastClicks(...a),
    servedBetween: (...a) => real.servedBetween(...a),
    outcomesBetween: (...a) => real.outcomesBetween(...a),
    recordServed: async (lists) => {
      if (recording) seen.insideRecord++;
      seen.writes.push(lists.length);
      if (seen.failNext) {
        seen.failNext = false;
        throw new Error('store down');
      }
      return real.recordServed(lists);
    },
  };
  const recorder = (o: { sliceSize?: number } = {}) => {
    const r = new ServedRecorder({ store: attribution, flushMs: 60_000, ...o });
    const record = r.record.bind(r);
    r.record = (l) => {
      recording = true;
      try {
        record(l);
      } finally {
        recording = false;
      }
    };
    return r;
  };
  return { store, real, seen, recorder };
}

describe('ServedRecorder', () => {
  it('writes a full buffer in slices, none of them inside the request that filled it, and loses nothing', async () => {
    const w = watched();
    const r = w.recorder({ sliceSize: 100 });
    const lists = Array.from({ length: 520 }, (_, k) => list(k));
    for (const l of lists) r.record(l);
    assert.equal(w.seen.insideRecord, 0, 'no store write runs inside record()');
    await r.stop();
    assert.ok(w.seen.writes.every((n) => n <= 100), `slices of at most 100: ${w.seen.writes}`);
    assert.equal(w.seen.writes.reduce((a, b) => a + b, 0), 520);
    const stored = await w.real.servedBetween(SHOP, T0, T0 + 1000);
    assert.deepEqual(stored.map((l) => l.id), lists.map((l) => l.id));
    w.store.close();
  });

  it('keeps the lists a failed slice did not write, and writes them with the next flush', async () => {
    const w = watched();
    const r = w.recorder({ sliceSize: 50 });
    const lists = Array.from({ length: 120 }, (_, k) => list(k));
    for (const l of lists.slice(0, 60)) r.record(l);
    w.seen.failNext = true;
    await r.flush();
    for (const l of lists.slice(60)) r.record(l);
    await r.stop();
    const stored = await w.real.servedBetween(SHOP, T0, T0 + 1000);
    assert.deepEqual(stored.map((l) => l.id).sort(), lists.map((l) => l.id).sort(), 'every list written once');
    w.store.close();
  });
});

describe('ServedRecorder and erasures elsewhere', () => {
  it('tells how many buffered lists the store dropped because their shopper was erased after they were served', async () => {
    const w = watched();
    const erased: number[] = [];
    const r = new ServedRecorder({ store: w.real, flushMs: 60_000, onErased: (n) => erased.push(n) });
    // u0 is served twice, then erased (by another process, as far as this recorder knows) before the flush.
    const lists = Array.from({ length: 14 }, (_, k) => list(k));
    for (const l of lists) r.record(l);
    await w.store.eraseUser(SHOP, 'u0');
    await r.stop();
    assert.deepEqual(erased, [2]);
    const stored = await w.real.servedBetween(SHOP, T0, T0 + 1000);
    assert.deepEqual(stored.map((l) => l.userId).sort(), lists.filter((l) => l.userId !== 'u0').map((l) => l.userId).sort());
  });
});

describe('ServedRecorder and consent withdrawn meanwhile', () => {
  it('writes only the buffered lists `keep` still accepts when it writes them', async () => {
    const w = watched();
    const withdrawn = new Set<string>();
    const r = new ServedRecorder({ store: w.real, flushMs: 60_000, keep: (l) => !l.userId || !withdrawn.has(l.userId) });
    const lists = Array.from({ length: 14 }, (_, k) => list(k));
    for (const l of lists) r.record(l);
    withdrawn.add('u3');
    await r.stop();
    const stored = await w.real.servedBetween(SHOP, T0, T0 + 1000);
    assert.deepEqual(stored.map((l) => l.id), lists.filter((l) => l.userId !== 'u3').map((l) => l.id));
  });
});
