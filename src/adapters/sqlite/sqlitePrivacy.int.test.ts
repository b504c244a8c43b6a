import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { privacyStoreContract } from '../../testing/privacyStoreContract.ts';
import { SqliteStore } from './sqliteStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-sqlite-privacy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

privacyStoreContract('sqlite', async () => {
  const store = new SqliteStore({ path: join(dir, 'privacy.db'), profileTtlMs: 90 * 86_400_000 });
  return { store, queue: store.privacyQueue() };
});
