/**
 * An event answered with 2xx is durable: the server process is SIGKILLed right after the last
 * acknowledgement, and every acknowledged event is still there, then projected after a restart.
 * (Redis: `durabilityRedis.e2e.test.ts`; shutdown with a backlog: `shutdownBacklog.e2e.test.ts`.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SqliteStore } from '../../src/adapters/sqlite/sqliteStore.ts';
import { postAll, serve, stop } from './serveProcess.ts';

describe('durability under SIGKILL (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-kill-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged event', async () => {
    const db = join(dir, 'kill.db');
    const { child, url } = await serve({ AFFINITY_DB: db });
    const N = 300;
    let acked: string[];
    try {
      acked = await postAll(url, N, 'kill');
    } finally {
      await stop(child, 'SIGKILL');
    }
    assert.equal(acked.length, N);

    const store = new SqliteStore({ path: db, profileTtlMs: 86_400_000 });
    const stored = new Set<string>();
    for (let u = 0; u < 5; u++) for (const e of await store.getUserEvents('default', `shopper-${u}`, 1000)) stored.add(e.id);
    await store.close();
    const lost = acked.filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], `${lost.length} acknowledged events lost`);

    // After a restart the projector catches up with whatever the killed process had not projected.
    const again = await serve({ AFFINITY_DB: db });
    try {
      let total = 0;
      // Polled: bounded, generous (a minute) so a loaded machine has time, no assertion on how long it took.
      for (let tries = 0; tries < 600; tries++) {
        total = 0;
        for (let u = 0; u < 5; u++) {
          const r = await fetch(`${again.url}/v1/users/shopper-${u}/profile`);
          if (r.status === 200) total += ((await r.json()) as { eventCount: number }).eventCount;
          else await r.arrayBuffer();
        }
        if (total === N) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(total, N);
    } finally {
      await stop(again.child, 'SIGTERM');
    }
  });
});
