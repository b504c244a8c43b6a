import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { exportDuringShopErasureSuite } from '../../testing/exportDuringShopErasure.ts';
import { dumpSqlite } from '../../testing/storeDump.ts';
import { SqliteStore } from './sqliteStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-sqlite-privacy-queue-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Two processes on one database file.
const path = join(dir, 'export-race.db');
exportDuringShopErasureSuite('sqlite', {
  connect: async () => {
    const store = new SqliteStore({ path, profileTtlMs: 90 * 86_400_000 });
    return { store, queue: store.privacyQueue() };
  },
  dump: async () => dumpSqlite(path),
});
