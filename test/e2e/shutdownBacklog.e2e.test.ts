/**
 * Shutdown with a backlog: close() leaves the unprojected events in the durable log, and the next
 * start projects each of them once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SqliteStore } from '../../src/adapters/sqlite/sqliteStore.ts';
import { loadConfig } from '../../src/config.ts';
import { createAffinity } from '../../src/main.ts';
import { makeEvent } from '../../src/testing/userEventStoreContract.ts';

describe('shutdown with a backlog', () => {
  it('close() finishes the batch in hand and leaves the rest in the log; the next start projects it, each event once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-shutdown-'));
    try {
      const config = loadConfig({ PORT: '0', AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'silent' });
      const first = await createAffinity(config);
      // A burst the projector has not caught up with (5 batches of its default 1,000).
      await first.ctx.store.append(Array.from({ length: 5_000 }, (_, i) => makeEvent({ shop: 'burst', userId: `u${i % 50}` })));
      await first.close();
      const store = new SqliteStore({ path: join(dir, 'a.db'), profileTtlMs: 86_400_000 });
      const left = (await store.readUnprojected(10_000)).length;
      await store.close();
      assert.ok(left >= 3_000, `${left} of 5,000 events left in the log at shutdown`);

      const second = await createAffinity(config);
      await second.projector.flush();
      const profile = await second.ctx.store.getProfile('burst', 'u0');
      await second.close();
      assert.equal(profile?.eventCount, 100, 'every event of u0 projected once');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
