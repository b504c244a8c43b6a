import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ServedRecorder } from '../../features/analytics/servedRecorder.ts';
import { attributionStoreContract } from '../../testing/attributionStoreContract.ts';
import { dumpSqlite, findAny } from '../../testing/storeDump.ts';
import { ERASED_KEEP_MS } from '../erasureTombstones.ts';
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
  return {
    store: new SqliteStore({ path, profileTtlMs: TTL }),
    ttlMs: TTL,
    rawContains: async (s) => rawContains(path, s),
    withTtl: async (ttlMs) => new SqliteStore({ path: join(dir, 'attribution-short.db'), profileTtlMs: ttlMs }),
  };
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

describe('SQLite attribution reads what it needs', () => {
  /** A database that logs every statement it runs. */
  function logged(name: string): { db: Database.Database; sql: string[] } {
    const sql: string[] = [];
    return { db: new Database(join(dir, name), { verbose: (s) => sql.push(String(s)) }), sql };
  }

  it('decodes an export and a period with the shopper ids and dictionary values their rows name, not the whole shop’s', async () => {
    const { db, sql } = logged('decode.db');
    const a = new SqliteAttribution(db);
    const shop = 'many.myshopify.com';
    const lists = Array.from({ length: 300 }, (_, i) => ({ id: `list-${i}`, shop, ts: 1000 + i, surface: 'product' as const, actor: 'human' as const, userId: `client-${i}`, items: [`p-${i}`] }));
    await a.recordServed([...lists, { ...lists[0]!, id: 'mine-2', ts: 5000, shopperKey: '4200', items: ['p-7'] }]);
    sql.length = 0;
    assert.deepEqual(a.exportUser(shop, 'client-0').served.map((l) => [l.id, l.userId, l.shopperKey, l.items]), [
      ['list-0', 'client-0', undefined, ['p-0']],
      ['mine-2', 'client-0', '4200', ['p-7']],
    ]);
    assert.deepEqual((await a.servedBetween(shop, 1001, 1002)).map((l) => [l.userId, l.items]), [
      ['client-1', ['p-1']],
      ['client-2', ['p-2']],
    ]);
    const whole = sql.filter((s) => /FROM rec_(shoppers|dict) WHERE s = (\?|[\d.]+)\s*$/.test(s));
    assert.deepEqual(whole, [], 'no statement reads every shopper or dictionary value of the shop');
    db.close();
  });

  it('converts legacy lists a page at a time (never every row at once), all of them', async () => {
    const { db, sql } = logged('legacy-pages.db');
    db.exec(`CREATE TABLE rec_served (shop TEXT NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, user_id TEXT, doc TEXT NOT NULL, PRIMARY KEY (shop, id)) WITHOUT ROWID;`);
    const insert = db.prepare('INSERT INTO rec_served VALUES (?, ?, ?, ?, ?)');
    const doc = JSON.stringify({ s: 'product', h: 1, p: ['gold-chain'] });
    db.transaction(() => {
      for (let i = 0; i < 1201; i++) insert.run(i % 3 === 0 ? 'a.myshopify.com' : 'b.myshopify.com', `legacy-${String(i).padStart(5, '0')}`, 1000 + i, `client-${i}`, doc);
    })();
    sql.length = 0;
    const a = new SqliteAttribution(db);
    const reads = sql.filter((s) => /FROM rec_served/.test(s));
    assert.ok(reads.length > 1 && reads.every((s) => /LIMIT/.test(s)), reads.join('\n'));
    const all = [...(await a.servedBetween('a.myshopify.com', 0, 10_000)), ...(await a.servedBetween('b.myshopify.com', 0, 10_000))];
    assert.equal(all.length, 1201);
    assert.equal(new Set(all.map((l) => l.id)).size, 1201);
    assert.equal(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'rec_served'").get(), undefined);
    db.close();
  });
});

describe('SQLite attribution dictionary numbers kept in memory', () => {
  const served = (shop: string, id: string, ts: number, items: string[]) => ({ id, shop, ts, surface: 'product' as const, actor: 'human' as const, userId: 'client-1', items });

  it('does not read the dictionary again for values it has written', async () => {
    const sql: string[] = [];
    const db = new Database(join(dir, 'dict-memo.db'), { verbose: (s) => sql.push(String(s)) });
    const a = new SqliteAttribution(db);
    const shop = 'memo.myshopify.com';
    await a.recordServed([served(shop, 'l-1', 1000, ['p-1', 'p-2', 'p-3'])]);
    sql.length = 0;
    await a.recordServed([served(shop, 'l-2', 1001, ['p-3', 'p-2', 'p-1'])]);
    assert.deepEqual(sql.filter((s) => /rec_dict/.test(s)), []);
    assert.deepEqual((await a.servedBetween(shop, 0, 2000)).map((l) => l.items), [['p-1', 'p-2', 'p-3'], ['p-3', 'p-2', 'p-1']]);
    db.close();
  });

  it('looks each shopper up once per write, whatever number of its lists the write holds, and keeps shops’ dictionaries apart', async () => {
    const sql: string[] = [];
    const db = new Database(join(dir, 'shopper-once.db'), { verbose: (s) => sql.push(String(s)) });
    const a = new SqliteAttribution(db);
    const lists = [1, 2, 3].flatMap((i) => [served('one.myshopify.com', `one-${i}`, 1000 + i, ['p-1', `p-${i}`]), served('two.myshopify.com', `two-${i}`, 1000 + i, [`p-${i}`, 'p-1'])]);
    await a.recordServed(lists);
    sql.length = 0;
    await a.recordServed([4, 5, 6].map((i) => served('one.myshopify.com', `one-${i}`, 1000 + i, ['p-2', 'p-1'])));
    assert.equal(sql.filter((s) => /FROM rec_shoppers WHERE/.test(s)).length, 1, sql.join('\n'));
    assert.deepEqual(sql.filter((s) => /rec_dict/.test(s)), [], 'dictionary numbers of both shops are remembered');
    assert.deepEqual((await a.servedBetween('one.myshopify.com', 0, 2000)).map((l) => l.items), [['p-1', 'p-1'], ['p-1', 'p-2'], ['p-1', 'p-3'], ['p-2', 'p-1'], ['p-2', 'p-1'], ['p-2', 'p-1']]);
    assert.deepEqual((await a.servedBetween('two.myshopify.com', 0, 2000)).map((l) => l.items), [['p-1', 'p-1'], ['p-2', 'p-1'], ['p-3', 'p-1']]);
    db.close();
  });

  it('stays right when another process erases the shop and serves it again (a shop number is never reused)', async () => {
    const path = join(dir, 'dict-two-processes.db');
    const dbA = new Database(path);
    const dbB = new Database(path);
    const a = new SqliteAttribution(dbA);
    const b = new SqliteAttribution(dbB);
    const shop = 'reinstalled.myshopify.com';
    await a.recordServed([served(shop, 'before', 1000, ['p-1', 'p-2'])]);
    b.eraseShop(shop, 1500);
    // The shop comes back: its dictionary starts again, 'p-2' first.
    await b.recordServed([served(shop, 'after-b', 2000, ['p-2'])]);
    await a.recordServed([served(shop, 'after-a', 2001, ['p-1', 'p-2'])]);
    assert.deepEqual((await b.servedBetween(shop, 0, 3000)).map((l) => [l.id, l.items]), [
      ['after-b', ['p-2']],
      ['after-a', ['p-1', 'p-2']],
    ]);
    assert.equal(dbB.prepare('SELECT count(*) FROM rec_shops WHERE shop = ?').pluck().get(shop), 1);
    dbA.close();
    dbB.close();
  });

  it('forgets the numbers written by a transaction that rolled back', async () => {
    const db = new Database(join(dir, 'dict-rollback.db'));
    const a = new SqliteAttribution(db);
    const shop = 'rollback.myshopify.com';
    assert.throws(() =>
      db.transaction(() => {
        void a.recordServed([served(shop, 'undone', 1000, ['p-1', 'p-2'])]);
        throw new Error('caller fails');
      })(),
    );
    await a.recordServed([served(shop, 'kept', 1001, ['p-2'])]);
    assert.deepEqual((await a.servedBetween(shop, 0, 2000)).map((l) => [l.id, l.items]), [['kept', ['p-2']]]);
    db.close();
  });
});

describe('SQLite erasure tombstones', () => {
  const served = (shop: string, id: string, ts: number, userId: string) => ({ id, shop, ts, surface: 'product' as const, actor: 'human' as const, userId, items: ['p-1'] });

  it('drops a list another process served before an erasure and writes after it, keeps no id, and lets the tombstone go with the sweep a day later', async () => {
    const path = join(dir, 'tombstones-two-processes.db');
    const dbA = new Database(path);
    const dbB = new Database(path);
    const a = new SqliteAttribution(dbA);
    const b = new SqliteAttribution(dbB);
    const shop = 'tombstones.myshopify.com';
    const erasedAt = 1_000_000;
    b.eraseUser(shop, 'client-x', erasedAt);
    assert.equal(await a.recordServed([served(shop, 'before', erasedAt, 'client-x'), served(shop, 'other', erasedAt, 'client-y')]), 1);
    assert.deepEqual((await b.servedBetween(shop, 0, 2 * erasedAt)).map((l) => l.id), ['other']);
    assert.equal(rawContains(path, 'client-x'), false, 'the tombstone is a hash, not the id');
    const tombstones = () => dbB.prepare('SELECT count(*) FROM rec_erased').pluck().get();
    assert.equal(tombstones(), 1);
    b.sweep(0, erasedAt + ERASED_KEEP_MS);
    assert.equal(tombstones(), 1, 'kept for ERASED_KEEP_MS');
    b.sweep(0, erasedAt + ERASED_KEEP_MS + 1);
    assert.equal(tombstones(), 0, 'swept once older');
    assert.equal(await a.recordServed([served(shop, 'before', erasedAt, 'client-x')]), 0);
    dbA.close();
    dbB.close();
  });

  it('looks an id’s tombstone up only for lists served before the shop’s latest erasure, once per write', async () => {
    const sql: string[] = [];
    const db = new Database(join(dir, 'tombstone-reads.db'), { verbose: (s) => sql.push(String(s)) });
    const a = new SqliteAttribution(db);
    const shop = 'erased.myshopify.com';
    const erasedAt = 1_000_000;
    a.eraseUser(shop, 'client-gone', erasedAt);
    const lookups = () => sql.filter((s) => /rec_erased WHERE s = \S+ AND h/.test(s)).length;
    sql.length = 0;
    await a.recordServed([1, 2, 3].map((i) => served('clean.myshopify.com', `clean-${i}`, erasedAt - i, 'client-1')));
    assert.equal(lookups(), 0, 'a shop without tombstones');
    await a.recordServed([1, 2, 3].map((i) => served(shop, `after-${i}`, erasedAt + i, 'client-1')));
    assert.equal(lookups(), 0, 'lists served after the shop’s latest erasure');
    assert.equal(await a.recordServed([1, 2, 3].flatMap((i) => [served(shop, `before-${i}`, erasedAt - i, 'client-1'), served(shop, `gone-${i}`, erasedAt - i, 'client-gone')])), 3);
    assert.equal(lookups(), 2, 'each id served before it, once');
    db.close();
  });
});

describe('SQLite shop tombstone', () => {
  const shop = 'shop-tomb.myshopify.com';
  const otherShop = 'shop-tomb-other.myshopify.com';
  const shopper = 'shop-tomb-shopper-1';
  /** A product only the erased shop's lists name (its dictionary must not come back). */
  const onlyTheirs = 'shop-tomb-only-product';
  const list = (id: string, s: string, ts: number, userId?: string) => ({ id, shop: s, ts, surface: 'product' as const, actor: 'human' as const, experiment: { id: 'shop-tomb-exp', variant: 'a' }, items: [onlyTheirs], ...(userId ? { userId } : {}) });
  const click = (key: string, ts: number) => ({ key, shop, recId: 'shop-tomb-list-0', kind: 'click' as const, ts, userId: shopper, productId: onlyTheirs });

  it('a list one process still held when another erased its shop is not written and is counted; the reinstalled shop’s lists are', async () => {
    const path = join(dir, 'shop-tombstone.db');
    // Two processes on one file: A serves and buffers, B erases the shop (shop/redact).
    const a = new SqliteStore({ path, profileTtlMs: TTL });
    const b = new SqliteStore({ path, profileTtlMs: TTL });
    let erased = 0;
    const recorder = new ServedRecorder({ store: a.attribution(), flushMs: 3_600_000, onErased: (n) => (erased += n) });
    try {
      const served = Date.now() - 1000;
      await b.attribution().recordServed([list('shop-tomb-list-0', shop, served - 1000, shopper)]);
      recorder.record(list('shop-tomb-list-1', shop, served, shopper));
      recorder.record(list('shop-tomb-list-2', shop, served));
      recorder.record({ id: 'shop-tomb-list-3', shop: otherShop, ts: served, surface: 'product', actor: 'human', userId: 'shop-tomb-other-shopper', items: ['other-product'] });
      await b.eraseShop(shop);
      await recorder.flush();

      assert.equal(erased, 2, 'both lists of the erased shop are counted as dropped');
      assert.deepEqual(await b.attribution().servedBetween(shop, 0, Date.now()), []);
      assert.deepEqual((await b.attribution().servedBetween(otherShop, 0, Date.now())).map((l) => l.id), ['shop-tomb-list-3']);
      assert.equal(await a.attribution().recordOutcomes([click('shop-tomb-click-1', served)]), 0, 'an outcome of an event from before the erasure, projected late');
      const lines = dumpSqlite(path);
      assert.deepEqual(findAny(lines, [shopper, onlyTheirs, 'shop-tomb-exp']), [], 'neither the shopper nor the shop’s dictionary comes back');
      assert.deepEqual(findAny(lines, [shop]).map((l) => l.split(':')[0]), ['rec_erased_shops'], 'the shop is named by its tombstone only');
      assert.equal(findAny(lines, ['shop-tomb-other-shopper', 'other-product']).length, 2, 'the other shop’s list is written (and the dump does see it)');

      // Reinstalled: served after the erasure, new data.
      const back = Date.now() + 1;
      recorder.record(list('shop-tomb-list-4', shop, back, shopper));
      await recorder.flush();
      assert.equal(erased, 2);
      assert.deepEqual((await b.attribution().servedBetween(shop, 0, back + 10)).map((l) => [l.id, l.userId, l.items]), [['shop-tomb-list-4', shopper, [onlyTheirs]]]);
      assert.equal(await a.attribution().recordOutcomes([click('shop-tomb-click-2', back + 1)]), 1);
      // A write holding lists from both sides of the erasure (a retried one): only the new one is written.
      assert.equal(await a.attribution().recordServed([list('shop-tomb-list-1', shop, served, shopper), list('shop-tomb-list-5', shop, back + 2, shopper)]), 1);
      assert.deepEqual((await b.attribution().servedBetween(shop, 0, back + 10)).map((l) => l.id), ['shop-tomb-list-4', 'shop-tomb-list-5']);
    } finally {
      await recorder.stop();
      await a.close();
      await b.close();
    }
  });

  it('is kept ERASED_KEEP_MS, then swept, and erasing the shop again only moves it later', async () => {
    const db = new Database(join(dir, 'shop-tombstone-sweep.db'));
    const attribution = new SqliteAttribution(db);
    const erasedAt = 1_000_000;
    attribution.eraseShop(shop, erasedAt);
    attribution.eraseShop(shop, erasedAt - 10);
    const at = () => db.prepare('SELECT at FROM rec_erased_shops WHERE shop = ?').pluck().get(shop);
    assert.equal(at(), erasedAt);
    assert.equal(await attribution.recordServed([list('late', shop, erasedAt, shopper)]), 1);
    attribution.sweep(0, erasedAt + ERASED_KEEP_MS);
    assert.equal(at(), erasedAt, 'kept for ERASED_KEEP_MS');
    attribution.sweep(0, erasedAt + ERASED_KEEP_MS + 1);
    assert.equal(at(), undefined, 'swept once older');
    db.close();
  });
});
