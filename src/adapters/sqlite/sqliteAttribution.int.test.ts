import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { attributionStoreContract } from '../../testing/attributionStoreContract.ts';
import { SqliteAttribution } from './sqliteAttribution.ts';
import { SqliteStore } from './sqliteStore.ts';

const dir = mkdtempSync(join(tmpdir(), 'affinity-sqlite-attribution-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Whether any cell of any table holds `s` (text or bytes). */
function rawContains(path: string, s: string): boolean {
  const db = new Database(path, { readonly: true });
  try {
    const needle = Buffer.from(s, 'utf8');
    for (const { name } of db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]) {
      for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate() as IterableIterator<unknown[]>) {
        for (const v of row) if ((typeof v === 'string' && v.includes(s)) || (Buffer.isBuffer(v) && v.includes(needle))) return true;
      }
    }
    return false;
  } finally {
    db.close();
  }
}

const TTL = 90 * 86_400_000;
attributionStoreContract('sqlite', async () => {
  const path = join(dir, 'attribution.db');
  return { store: new SqliteStore({ path, profileTtlMs: TTL }), ttlMs: TTL, rawContains: async (s) => rawContains(path, s) };
});

describe('SQLite attribution records of an earlier version', () => {
  it('converts the JSON rows of rec_served to packed rows once, and drops the old table', async () => {
    const db = new Database(join(dir, 'legacy.db'));
    db.exec(`CREATE TABLE rec_served (shop TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, user_id TEXT, doc TEXT NOT NULL, PRIMARY KEY (shop, id)) WITHOUT ROWID;`);
    db.prepare('INSERT INTO rec_served VALUES (?, ?, ?, ?, ?)').run('old.myshopify.com', 'AAAAAAAAAAAAAAAA', 1000, 'client-1', JSON.stringify({ s: 'cart', h: 1, e: 'x', v: 'b', p: ['gold-chain', 'p2'], t: 3.5, x: 'd' }));
    const a = new SqliteAttribution(db);
    assert.deepEqual(await a.servedBetween('old.myshopify.com', 0, 2000), [
      { id: 'AAAAAAAAAAAAAAAA', shop: 'old.myshopify.com', ts: 1000, surface: 'cart', actor: 'human', experiment: { id: 'x', variant: 'b' }, items: ['gold-chain', 'p2'], tookMs: 3.5, status: 'degraded', userId: 'client-1' },
    ]);
    assert.equal(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'rec_served'").get(), undefined);
    db.close();
  });
});
