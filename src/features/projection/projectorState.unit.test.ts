/**
 * The projector's drain loop over a fake store (only what the projector calls, plus a backlog count):
 * an idle poll does not count a backlog known to be empty more than once per `IDLE_LAG_EVERY_MS`
 * (monotonic clock injected), a backlog another projector holds is counted until it is empty, and
 * kicks made while `pauseWhile` holds the loop run once, after it lets go.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import type { LoggedEvent, UserEventStore } from '../../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { IDLE_LAG_EVERY_MS, Projector } from './projector.ts';

const PARAMS = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 30 * 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 };

/** A log of `pending` events plus a backlog other projectors hold (`held`). */
function fakeStore() {
  const s = {
    pending: [] as LoggedEvent[],
    held: 0,
    reads: 0,
    counts: 0,
    applied: 0,
  };
  const store = {
    kind: 'fake',
    readUnprojected: async (limit: number) => {
      s.reads += 1;
      return s.pending.splice(0, limit);
    },
    getRecentItems: async (_shop: string, ids: readonly string[]) => ids.map(() => []),
    applyProjection: async () => {
      s.applied += 1;
      return { status: 'applied' as const };
    },
    backlog: async () => {
      s.counts += 1;
      return s.held + s.pending.length;
    },
    listProducts: async () => [],
    productLinks: async () => [],
  };
  return { s, store: store as unknown as UserEventStore };
}

function projector(store: UserEventStore, now: { t: number }) {
  return new Projector({ store, catalogs: new CatalogRegistry(store as never), params: PARAMS, monotonicNow: () => now.t, coalesceMs: 1 });
}

/** Polls until `done` holds; bounded, no assertion on time. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3_000; i++) {
    if (done()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.fail(`gave up waiting for ${what}`);
}

describe('projector lag on idle polls', () => {
  it('counts an empty backlog once per IDLE_LAG_EVERY_MS, not on every poll', async () => {
    const { s, store } = fakeStore();
    const now = { t: 1_000 };
    const p = projector(store, now);
    await p.flush();
    assert.equal(s.counts, 1, 'the first idle poll counts');
    await p.flush();
    await p.flush();
    assert.equal(s.counts, 1, 'known empty: not counted again');
    now.t += IDLE_LAG_EVERY_MS;
    await p.flush();
    assert.equal(s.counts, 2, 'counted again once the interval passed');
    assert.equal(p.lag, 0);
  });

  it('counts a backlog another projector holds on every idle poll until it is empty', async () => {
    const { s, store } = fakeStore();
    const now = { t: 1_000 };
    const p = projector(store, now);
    s.held = 3;
    await p.flush();
    assert.equal(p.lag, 3);
    await p.flush();
    assert.equal([s.counts, p.lag].join(), '2,3');
    s.held = 0;
    await p.flush();
    assert.equal([s.counts, p.lag].join(), '3,0');
    await p.flush();
    assert.equal(s.counts, 3);
  });

  it('readiness counts on demand whatever the idle polls do', async () => {
    const { s, store } = fakeStore();
    const p = projector(store, { t: 1_000 });
    await p.flush();
    s.held = 7;
    assert.equal(await p.measureLag(), 7);
  });
});

describe('projector drain states', () => {
  it('holds kicks back while paused and runs them once when the last holder lets go', async () => {
    const { s, store } = fakeStore();
    const p = projector(store, { t: 1_000 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inner!: Promise<void>;
    const outer = p.pauseWhile(async () => {
      inner = p.pauseWhile(() => held);
      await held;
    });
    s.pending.push({ seq: '1', event: makeEvent({ userId: 'u1' }) });
    p.kick();
    p.kick();
    // Let the coalesced kick fire: it must not read while paused.
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(s.reads, 0);
    release();
    await outer;
    await inner;
    await until(() => s.applied === 1, 'the held-back drain');
    assert.equal(s.pending.length, 0);
    await p.stop();
  });

  it('stop lets the batch in hand finish and ignores later kicks', async () => {
    const { s, store } = fakeStore();
    const p = projector(store, { t: 1_000 });
    s.pending.push({ seq: '1', event: makeEvent({ userId: 'u1' }) });
    p.kick();
    await until(() => s.reads > 0, 'the first read');
    await p.stop();
    const reads = s.reads;
    s.pending.push({ seq: '2', event: makeEvent({ userId: 'u2' }) });
    p.kick();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(s.reads, reads);
    assert.equal(s.pending.length, 1);
  });
});

describe('flush', () => {
  it('is a drain in flight: a kick during it runs after it, never beside it', async () => {
    const { s, store } = fakeStore();
    const p = projector(store, { t: 1_000 });
    let reading = 0;
    let overlapped = false;
    const read = store.readUnprojected.bind(store);
    (store as { readUnprojected: typeof read }).readUnprojected = async (limit: number) => {
      reading += 1;
      if (reading > 1) overlapped = true;
      try {
        // Hold the read for a few turns so that a kick has every chance to start a second drain.
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
        await new Promise((r) => setTimeout(r, 5));
        return await read(limit);
      } finally {
        reading -= 1;
      }
    };
    s.pending.push({ seq: '1', event: makeEvent({ userId: 'u1' }) });
    const flushed = p.flush();
    p.kick();
    await flushed;
    await until(() => s.reads >= 2, 'the kicked drain');
    await p.stop();
    assert.equal(overlapped, false);
  });
});
