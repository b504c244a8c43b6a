import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from './sqliteStore.ts';
import { whenWriteLockFree } from './writeLock.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-writelock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Counts timer turns of the event loop until stopped; `reached(n)` resolves after `n` of them. */
function ticker(): { reached(n: number): Promise<void>; stop(): void } {
  let turns = 0;
  const t = setInterval(() => void turns++, 5);
  return {
    async reached(n) {
      while (turns < n) await new Promise((r) => setTimeout(r, 5));
    },
    stop: () => clearInterval(t),
  };
}

function table(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS t (v INTEGER)');
  return db;
}

describe('whenWriteLockFree', () => {
  it('waits for another connection’s write lock on a timer, the event loop turning, and writes once it is free', async () => {
    const path = join(dir, 'wait.db');
    const db = table(path);
    const other = table(path);
    other.exec('BEGIN IMMEDIATE');
    const turns = ticker();
    let written = false;
    const write = whenWriteLockFree(db, () => db.prepare('INSERT INTO t VALUES (1)').run()).then(() => (written = true));
    // The event loop turns while the lock is held (in SQLite's busy handler it would not, for 5 s).
    await turns.reached(5);
    assert.equal(written, false);
    other.exec('COMMIT');
    await write;
    turns.stop();
    assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 1);
    db.close();
    other.close();
  });

  it('fails with SQLITE_BUSY once it has waited as long as it may', async () => {
    const path = join(dir, 'busy.db');
    const db = table(path);
    const other = table(path);
    other.exec('BEGIN IMMEDIATE');
    await assert.rejects(
      whenWriteLockFree(db, () => db.prepare('INSERT INTO t VALUES (1)').run(), 50),
      (err: { code?: string }) => err.code === 'SQLITE_BUSY',
    );
    other.exec('ROLLBACK');
    db.close();
    other.close();
  });

  it('inside a caller’s transaction, writes at once', () => {
    const db = table(join(dir, 'inside.db'));
    db.transaction(() => {
      void whenWriteLockFree(db, () => db.prepare('INSERT INTO t VALUES (1)').run());
      assert.equal(db.prepare('SELECT count(*) FROM t').pluck().get(), 1);
    })();
    db.close();
  });
});

describe('SqliteStore writes on the event loop while another connection holds the write lock', () => {
  it('a projection batch and a served list wait on a timer and are written once the lock is free', async () => {
    const path = join(dir, 'store.db');
    const store = new SqliteStore({ path, profileTtlMs: 86_400_000 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const turns = ticker();
    let done = 0;
    const profile = { shop: 's', userId: 'u', features: { 'cat:x': 1 }, recent: [], purchased: [], events: 1, firstTs: 1, lastTs: 1 };
    const projected = store.applyProjection({ seqs: [], profiles: [profile], stats: [] }).then((r) => (done++, r));
    const served = store
      .attribution()
      .recordServed([{ id: 'list-1', shop: 's', ts: 1000, surface: 'product', actor: 'human', userId: 'u', items: ['p-1'] }])
      .then((r) => (done++, r));
    await turns.reached(5);
    assert.equal(done, 0, 'nothing written while the lock is held');
    other.exec('COMMIT');
    assert.deepEqual(await projected, { status: 'applied' });
    assert.equal(await served, 0);
    turns.stop();
    assert.deepEqual((await store.getProfile('s', 'u'))?.features, { 'cat:x': 1 });
    assert.deepEqual((await store.attribution().servedBetween('s', 0, 2000)).map((l) => l.id), ['list-1']);
    other.close();
    await store.close();
  });
});
