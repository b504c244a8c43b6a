/**
 * The process that projects checkpoints the SQLite WAL by itself (src/wiring/nodeWork.ts →
 * SqliteStore.startCheckpoints, on a thread of their own): committed events reach the database file
 * while the service runs, not only when its last connection closes. SQLite's own automatic checkpoint
 * waits for 50,000 pages, which a few events never reach, so only the service's checkpoints copy them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createAffinity } from '../../src/main.ts';
import { makeEvent } from '../../src/testing/userEventStoreContract.ts';

describe('WAL checkpoints of a running service (SQLite)', () => {
  it('events appended are copied into the database file while the service runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-wal-'));
    const path = join(dir, 'a.db');
    const a = await createAffinity(loadConfig({ PORT: '0', AFFINITY_DB: path, AFFINITY_LOG_LEVEL: 'silent' }));
    try {
      const marker = 'wal-service-marker-0123456789';
      await a.ctx.store.append(Array.from({ length: 5 }, (_, i) => makeEvent({ shop: 'wal', userId: `u${i}`, id: `${marker}-${i}` })));
      // Bounded: a loaded machine is slow, never wrong (the checkpoints run every second).
      for (let i = 0; i < 300 && !readFileSync(path).includes(marker); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(readFileSync(path).includes(marker), 'the appended events are in the database file, the service still running');
    } finally {
      await a.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
