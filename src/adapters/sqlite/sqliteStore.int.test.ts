import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeEvent, userEventStoreContract } from '../../testing/userEventStoreContract.ts';
import { SqliteStore } from './sqliteStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

userEventStoreContract('sqlite', async () => {
  const path = join(dir, 'contract.db');
  const open = (): SqliteStore => new SqliteStore({ path, profileTtlMs: 90 * 86_400_000 });
  return { store: open(), reopen: async () => open() };
});

describe('SqliteStore retention', () => {
  it('sweep removes profiles and projected events older than the TTL, keeps fresh ones', async () => {
    const store = new SqliteStore({ path: join(dir, 'ttl.db'), profileTtlMs: 1000 });
    const oldEv = makeEvent({ shop: 's', userId: 'old', ts: 1000 });
    const newEv = makeEvent({ shop: 's', userId: 'new', ts: 10_000 });
    await store.append([oldEv, newEv]);
    const pending = await store.readUnprojected(10);
    const base = { features: { 'cat:x': 1 }, recent: [], purchased: [], events: 1 };
    await store.applyProjection({
      seqs: pending.map((p) => p.seq),
      profiles: [
        { shop: 's', userId: 'old', firstTs: 1000, lastTs: 1000, ...base },
        { shop: 's', userId: 'new', firstTs: 10_000, lastTs: 10_000, ...base },
      ],
      stats: [],
    });
    assert.equal(await store.sweep(10_500), 1);
    assert.equal(await store.getProfile('s', 'old'), undefined);
    assert.deepEqual(await store.getUserEvents('s', 'old', 5), []);
    assert.ok(await store.getProfile('s', 'new'));
    await store.close();
  });
});

describe('SqliteStore projection guard', () => {
  it('drops a batch another process already projected, so nothing is counted twice', async () => {
    const path = join(dir, 'guard.db');
    const a = new SqliteStore({ path, profileTtlMs: 86_400_000 });
    const b = new SqliteStore({ path, profileTtlMs: 86_400_000 });
    await a.append([makeEvent({ shop: 'g', userId: 'u' })]);
    const fromA = await a.readUnprojected(10);
    const fromB = await b.readUnprojected(10);
    assert.deepEqual(fromA.map((x) => x.seq), fromB.map((x) => x.seq));
    const batch = (seqs: string[]) => ({
      seqs,
      profiles: [{ shop: 'g', userId: 'u', features: { 'cat:x': 1 }, recent: [], purchased: [], events: 1, firstTs: 1, lastTs: 1 }],
      stats: [],
    });
    await a.applyProjection(batch(fromA.map((x) => x.seq)));
    await b.applyProjection(batch(fromB.map((x) => x.seq)));
    assert.equal((await a.getProfile('g', 'u'))?.eventCount, 1);
    assert.deepEqual((await a.getProfile('g', 'u'))?.features, { 'cat:x': 1 });
    await a.close();
    await b.close();
  });
});

describe('SqliteStore WAL checkpoints', () => {
  it('an append leaves its commit in the WAL (no checkpoint inside the request); checkpoint() copies it into the database file', async () => {
    const path = join(dir, 'wal.db');
    const store = new SqliteStore({ path, profileTtlMs: 86_400_000 });
    const marker = 'checkpoint-marker-0123456789';
    await store.append(Array.from({ length: 200 }, (_, i) => makeEvent({ shop: 's', userId: `u${i % 7}`, id: `${marker}-${i}` })));
    const inFile = (): boolean => readFileSync(path).includes(marker);
    assert.equal(inFile(), false, 'only in the WAL so far');
    assert.ok(readFileSync(`${path}-wal`).includes(marker));
    store.checkpoint();
    assert.equal(inFile(), true, 'copied into the database file');
    assert.equal((await store.readUnprojected(500)).length, 200, 'nothing lost on the way');
    await store.close();
  });
});

describe('SqliteStore appends while another connection writes', () => {
  it('wait for the write lock without blocking the event loop, join into one commit, and are acknowledged only after it', async () => {
    const path = join(dir, 'lock.db');
    const store = new SqliteStore({ path, profileTtlMs: 86_400_000 });
    await store.append([makeEvent({ shop: 'lock', userId: 'warm' })]);
    const other = new Database(path);
    other.pragma('busy_timeout = 5000');
    other.exec('BEGIN IMMEDIATE');
    try {
      let done = 0;
      const first = store.append([makeEvent({ shop: 'lock', userId: 'a' })]).then((r) => (done++, r));
      // The event loop keeps turning while the lock is held: timers fire, more appends arrive.
      await new Promise((r) => setTimeout(r, 30));
      const second = store.append([makeEvent({ shop: 'lock', userId: 'b' }), makeEvent({ shop: 'lock', userId: 'c' })]).then((r) => (done++, r));
      await new Promise((r) => setTimeout(r, 30));
      assert.equal(done, 0, 'nothing acknowledged while the lock is held');
      other.exec('COMMIT');
      assert.deepEqual(await first, { accepted: 1, duplicates: 0 });
      assert.deepEqual(await second, { accepted: 2, duplicates: 0 });
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
    const users = (await store.readUnprojected(10)).map((l) => l.event.userId);
    assert.deepEqual(users, ['warm', 'a', 'b', 'c']);
    await store.close();
  });
});
