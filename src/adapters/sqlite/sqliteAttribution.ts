/**
 * Attribution records in the SQLite store (docs/decisions/0002), in the store's database so that
 * erasure, export and retention reach them in the same transactions:
 *
 * - `rec_lists`: one row per served list, packed (core/attribution/recordCodec.ts): the shop as a
 *   number (`rec_shops`), the time, the id as its 12 bytes, the shopper and the id the variant was
 *   assigned on as numbers of `rec_shoppers`, and the rest as bytes whose product ids and labels are
 *   numbers of the shop's dictionary `rec_dict`. Ordered by (shop, time), so a period is one range.
 * - `rec_shoppers`: the shop's shopper ids by number (personal data: a shopper's row goes with their
 *   erasure, and with retention once no list names it);
 * - `rec_outcomes`: one row per attributed outcome, keyed for idempotency;
 * - `rec_erased`: erasure tombstones (adapters/erasureTombstones.ts), the hash of an erased shopper id
 *   and when it was erased, kept `ERASED_KEEP_MS`: a list naming the id served at or before that time
 *   (buffered by another process while the erasure ran) is dropped, not written. The write that checks
 *   holds the write lock, so an erasure commits either before it (the list is dropped) or after it (the
 *   erasure removes the list).
 * - `rec_erased_shops`: shop tombstones, the time a shop was erased (`eraseShop`, shop/redact), kept
 *   `ERASED_KEEP_MS`: a list of the shop served at or before that time (buffered by another process
 *   while the shop was erased) is dropped, as is an outcome of an event at or before it (projected
 *   late); a list or outcome after it is the reinstalled shop's new data. Checked in the writing
 *   transaction, which holds the write lock, like the shopper tombstones.
 *
 * About 60 bytes per list of 8 products instead of 616 (bench/attributionBytes.ts).
 *
 * Dictionary numbers are kept in memory (bounded): a shop's `rec_dict` rows are only ever added
 * (unique per value) until the shop is erased, and an erased shop's number is never given to another
 * shop (its `rec_shops` row stays as a tombstone without the shop's name), so a remembered number stays
 * right even when another process shares the file. Shopper numbers are not remembered across calls:
 * another process may erase a shopper, and a list must never be attached to an erased shopper's number.
 */
import type Database from 'better-sqlite3';
import {
  ByteReader,
  ByteWriter,
  decodeLegacyServed,
  decodeOutcome,
  encodeOutcome,
  idOfRaw,
  labelValue,
  packServedBy,
  productValue,
  rawId,
  unpackServed,
  type DictionaryRefs,
} from '../../core/attribution/recordCodec.ts';
import type { Outcome, ServedList } from '../../core/attribution/servedList.ts';
import type { AttributionStore } from '../../core/ports.ts';
import { ERASED_KEEP_MS, erasedIdHash } from '../erasureTombstones.ts';
import { whenWriteLockFree } from './writeLock.ts';

export const ATTRIBUTION_SQL = `
CREATE TABLE IF NOT EXISTS rec_shops (shop TEXT PRIMARY KEY, n INTEGER NOT NULL UNIQUE) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rec_dict (s INTEGER NOT NULL, v TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (s, v)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS rec_dict_n ON rec_dict (s, n);
CREATE TABLE IF NOT EXISTS rec_shoppers (s INTEGER NOT NULL, id TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (s, id)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS rec_shoppers_n ON rec_shoppers (s, n);
CREATE TABLE IF NOT EXISTS rec_lists (
  s INTEGER NOT NULL, ts INTEGER NOT NULL, id BLOB NOT NULL, u INTEGER, k INTEGER, doc BLOB NOT NULL,
  PRIMARY KEY (s, ts, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rec_lists_u ON rec_lists (s, u) WHERE u IS NOT NULL;
CREATE INDEX IF NOT EXISTS rec_lists_k ON rec_lists (s, k) WHERE k IS NOT NULL;
CREATE TABLE IF NOT EXISTS rec_outcomes (
  shop TEXT NOT NULL, key TEXT NOT NULL, ts INTEGER NOT NULL, user_id TEXT NOT NULL, kind TEXT NOT NULL, product_id TEXT, doc TEXT NOT NULL,
  PRIMARY KEY (shop, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rec_outcomes_ts ON rec_outcomes (shop, ts);
CREATE INDEX IF NOT EXISTS rec_outcomes_user ON rec_outcomes (shop, user_id, kind, product_id, ts);
CREATE TABLE IF NOT EXISTS rec_erased (s INTEGER NOT NULL, h BLOB NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (s, h)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rec_erased_at ON rec_erased (s, at);
CREATE TABLE IF NOT EXISTS rec_erased_shops (shop TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;
`;

type Row = Record<string, unknown>;

/** Legacy rows converted per page. */
const LEGACY_PAGE = 500;

/**
 * Dictionary numbers remembered (a few shops' catalogues and labels); past this many, all are
 * forgotten at once and read again as lists name them (an LRU's bookkeeping cost more than the reads).
 */
const DICT_CACHE_ENTRIES = 200_000;

/** A shop's dictionary numbers, products by id and labels by label (the stored values are `productValue(id)`, `labelValue(s)`). */
interface Dict {
  readonly products: Map<string, number>;
  readonly labels: Map<string, number>;
}

const emptyDict = (): Dict => ({ products: new Map(), labels: new Map() });
const dictSize = (d: Dict): number => d.products.size + d.labels.size;

/** `get` with each number looked up once. */
function memo(get: (n: number) => string | undefined): (n: number) => string | undefined {
  const seen = new Map<number, string | undefined>();
  return (n) => {
    if (seen.has(n)) return seen.get(n);
    const v = get(n);
    seen.set(n, v);
    return v;
  };
}

/** One shop's numbers during an {@link SqliteAttribution} write. */
interface ShopRefs {
  readonly s: number;
  readonly dict: DictionaryRefs;
  /** Shopper numbers already looked up by this write. */
  readonly shoppers: Map<string, number>;
  /** The shop's latest erasure (-1: none): a list served after it names no erased id. */
  readonly lastErased: number;
  /** The erasure time of each id this write looked up (-1: not erased). */
  readonly erased: Map<string, number>;
}

export class SqliteAttribution implements AttributionStore {
  readonly #db: Database.Database;
  readonly #st;
  /** Per shop number, dictionary numbers of rows committed (see `#settle`). */
  readonly #dict = new Map<number, Dict>();
  #dictEntries = 0;
  /** Per shop number, numbers read or added by the transaction in progress; remembered once it commits. */
  #pending = new Map<number, Dict>();
  /** Packs every list (reused: `done()` copies what a list wrote). */
  readonly #writer = new ByteWriter();

  constructor(db: Database.Database) {
    this.#db = db;
    db.exec(ATTRIBUTION_SQL);
    this.#st = {
      shopRef: db.prepare('SELECT n FROM rec_shops WHERE shop = ?').pluck(),
      newShop: db.prepare('INSERT INTO rec_shops (shop, n) VALUES (?, (SELECT COALESCE(MAX(n), 0) + 1 FROM rec_shops))'),
      shops: db.prepare('SELECT n FROM rec_shops').pluck(),
      dictRef: db.prepare('SELECT n FROM rec_dict WHERE s = ? AND v = ?').pluck(),
      newDict: db.prepare('INSERT INTO rec_dict (s, v, n) VALUES (?, ?, (SELECT COALESCE(MAX(n), 0) + 1 FROM rec_dict WHERE s = ?))'),
      dictValue: db.prepare('SELECT v FROM rec_dict WHERE s = ? AND n = ?').pluck(),
      shopperRef: db.prepare('SELECT n FROM rec_shoppers WHERE s = ? AND id = ?').pluck(),
      newShopper: db.prepare('INSERT INTO rec_shoppers (s, id, n) VALUES (?, ?, (SELECT COALESCE(MAX(n), 0) + 1 FROM rec_shoppers WHERE s = ?))'),
      shopperId: db.prepare('SELECT id FROM rec_shoppers WHERE s = ? AND n = ?').pluck(),
      list: db.prepare('INSERT OR IGNORE INTO rec_lists (s, ts, id, u, k, doc) VALUES (?, ?, ?, ?, ?, ?)'),
      listsBetween: db.prepare('SELECT ts, id, u, k, doc FROM rec_lists WHERE s = ? AND ts BETWEEN ? AND ? ORDER BY ts, id'),
      // Served to the shopper or assigned on their id (the lists erasure removes).
      listsOf: db.prepare('SELECT ts, id, u, k, doc FROM rec_lists WHERE s = ? AND u = ? UNION SELECT ts, id, u, k, doc FROM rec_lists WHERE s = ? AND k = ? ORDER BY ts, id'),
      eraseLists: db.prepare('DELETE FROM rec_lists WHERE s = ? AND (u = ? OR k = ?)'),
      eraseShopper: db.prepare('DELETE FROM rec_shoppers WHERE s = ? AND n = ?'),
      sweepLists: db.prepare('DELETE FROM rec_lists WHERE s = ? AND ts < ?'),
      // Shopper ids no list names any more (their lists expired) go too.
      sweepShoppers: db.prepare(
        'DELETE FROM rec_shoppers WHERE s = ? AND NOT EXISTS (SELECT 1 FROM rec_lists l WHERE l.s = rec_shoppers.s AND l.u = rec_shoppers.n) AND NOT EXISTS (SELECT 1 FROM rec_lists l WHERE l.s = rec_shoppers.s AND l.k = rec_shoppers.n)',
      ),
      outcome: db.prepare('INSERT OR IGNORE INTO rec_outcomes (shop, key, ts, user_id, kind, product_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      outcomesBetween: db.prepare('SELECT key, ts, user_id, doc FROM rec_outcomes WHERE shop = ? AND ts BETWEEN ? AND ? ORDER BY ts, key'),
      clicks: db.prepare(`SELECT product_id, ts, doc FROM rec_outcomes WHERE shop = ? AND user_id = ? AND kind = 'click' AND product_id = ? AND ts BETWEEN ? AND ? ORDER BY ts DESC LIMIT 1`),
      outcomesOf: db.prepare('SELECT key, ts, user_id, doc FROM rec_outcomes WHERE shop = ? AND user_id = ? ORDER BY ts, key'),
      eraseOutcomes: db.prepare('DELETE FROM rec_outcomes WHERE shop = ? AND user_id = ?'),
      shopLists: db.prepare('DELETE FROM rec_lists WHERE s = ?'),
      shopDict: db.prepare('DELETE FROM rec_dict WHERE s = ?'),
      shopShoppers: db.prepare('DELETE FROM rec_shoppers WHERE s = ?'),
      // The row stays without the shop's name, so that its number is never given to another shop.
      shopRow: db.prepare("UPDATE rec_shops SET shop = '#' || n WHERE n = ?"),
      shopOutcomes: db.prepare('DELETE FROM rec_outcomes WHERE shop = ?'),
      sweepOutcomes: db.prepare('DELETE FROM rec_outcomes WHERE ts < ?'),
      lastErased: db.prepare('SELECT MAX(at) FROM rec_erased WHERE s = ?').pluck(),
      erasedAt: db.prepare('SELECT at FROM rec_erased WHERE s = ? AND h = ?').pluck(),
      erased: db.prepare('INSERT INTO rec_erased (s, h, at) VALUES (?, ?, ?) ON CONFLICT (s, h) DO UPDATE SET at = MAX(at, excluded.at)'),
      shopErased: db.prepare('DELETE FROM rec_erased WHERE s = ?'),
      sweepErased: db.prepare('DELETE FROM rec_erased WHERE at < ?'),
      shopErasedAt: db.prepare('SELECT at FROM rec_erased_shops WHERE shop = ?').pluck(),
      shopTombstone: db.prepare('INSERT INTO rec_erased_shops (shop, at) VALUES (?, ?) ON CONFLICT (shop) DO UPDATE SET at = MAX(at, excluded.at)'),
      sweepErasedShops: db.prepare('DELETE FROM rec_erased_shops WHERE at < ?'),
    };
    this.#upgradeLegacy();
  }

  /**
   * Lists stored by versions before the packed form (`rec_served`, JSON) are converted once, then the
   * table is dropped: read a page at a time in key order (memory stays at one page, however many lists).
   */
  #upgradeLegacy(): void {
    const db = this.#db;
    const legacy = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'rec_served'");
    if (legacy.get() === undefined) return;
    // Several processes open the file at start-up: the check is repeated under the write lock.
    db.transaction(() => {
      if (legacy.get() === undefined) return;
      const first = db.prepare('SELECT shop, id, ts, user_id, doc FROM rec_served ORDER BY shop, id LIMIT ?');
      const next = db.prepare('SELECT shop, id, ts, user_id, doc FROM rec_served WHERE (shop, id) > (?, ?) ORDER BY shop, id LIMIT ?');
      let rows = first.all(LEGACY_PAGE) as Row[];
      // Bounded: every page moves past the last key read.
      while (rows.length > 0) {
        this.#insert(rows.map((r) => decodeLegacyServed(r.shop as string, r.id as string, r.ts as number, (r.user_id as string | null) ?? undefined, r.doc as string)));
        if (rows.length < LEGACY_PAGE) break;
        const last = rows[rows.length - 1] as Row;
        rows = next.all(last.shop, last.id, LEGACY_PAGE) as Row[];
      }
      db.exec('DROP TABLE rec_served');
    }).immediate();
    this.#settle(false);
  }

  #shopRef(shop: string, create: true): number;
  #shopRef(shop: string, create: false): number | undefined;
  #shopRef(shop: string, create: boolean): number | undefined {
    const n = this.#st.shopRef.get(shop) as number | undefined;
    if (n !== undefined || !create) return n;
    this.#st.newShop.run(shop);
    return this.#st.shopRef.get(shop) as number;
  }

  /**
   * Dictionary numbers of shop `s` for a write: remembered, or read, or added (and then kept in the
   * transaction's pending numbers until it settles).
   */
  #refsOf(s: number): DictionaryRefs {
    const known = this.#dict.get(s) ?? emptyDict();
    let pending = this.#pending.get(s);
    if (!pending) this.#pending.set(s, (pending = emptyDict()));
    const { products, labels } = pending;
    return {
      product: (id) => known.products.get(id) ?? products.get(id) ?? this.#dictRead(s, products, id, productValue(id)),
      label: (l) => known.labels.get(l) ?? labels.get(l) ?? this.#dictRead(s, labels, l, labelValue(l)),
    };
  }

  /** Reads or adds the number of `value` (`key` in `pending`). */
  #dictRead(s: number, pending: Map<string, number>, key: string, value: string): number {
    let n = this.#st.dictRef.get(s, value) as number | undefined;
    if (n === undefined) {
      this.#st.newDict.run(s, value, s);
      n = this.#st.dictRef.get(s, value) as number;
    }
    pending.set(key, n);
    return n;
  }

  /** After a transaction: its dictionary numbers are remembered if it committed, forgotten if not. */
  #settle(committed: boolean): void {
    if (committed) {
      for (const [s, pending] of this.#pending) {
        if (this.#dictEntries + dictSize(pending) > DICT_CACHE_ENTRIES) {
          this.#dict.clear();
          this.#dictEntries = 0;
        }
        let known = this.#dict.get(s);
        if (!known) this.#dict.set(s, (known = emptyDict()));
        for (const [from, to] of [[pending.products, known.products], [pending.labels, known.labels]] as const) {
          for (const [v, n] of from) {
            if (!to.has(v)) this.#dictEntries += 1;
            to.set(v, n);
          }
        }
      }
    }
    if (this.#pending.size > 0) this.#pending = new Map();
  }

  #shopperRef(s: number, id: string): number {
    const n = this.#st.shopperRef.get(s, id) as number | undefined;
    if (n !== undefined) return n;
    this.#st.newShopper.run(s, id, s);
    return this.#st.shopperRef.get(s, id) as number;
  }

  /**
   * Writes lists (inside the caller's transaction): each shop's number, dictionary and shopper numbers
   * are looked up once per call (a shopper named by several lists once: no other process can erase it
   * while this transaction holds the write lock). Lists served at or before their shop's erasure, or
   * to an id erased since, are dropped (ids are hashed and looked up only for lists served before the
   * shop's latest shopper erasure); returns how many.
   */
  #insert(lists: readonly ServedList[]): number {
    const shops = new Map<string, ShopRefs>();
    const shopErased = new Map<string, number>();
    let dropped = 0;
    for (const l of lists) {
      if (l.ts <= this.#shopErasedAt(l.shop, shopErased)) {
        dropped += 1;
        continue;
      }
      let refs = shops.get(l.shop);
      if (!refs) {
        const s = this.#shopRef(l.shop, true);
        refs = { s, dict: this.#refsOf(s), shoppers: new Map(), lastErased: (this.#st.lastErased.get(s) as number | null) ?? -1, erased: new Map() };
        shops.set(l.shop, refs);
      }
      if (l.ts <= refs.lastErased && this.#servedBeforeErasure(l, refs.s, refs.erased)) {
        dropped += 1;
        continue;
      }
      const doc = packServedBy(l, refs.dict, this.#writer.reset()).done();
      const u = l.userId ? this.#shopperOnce(refs, l.userId) : null;
      const k = l.shopperKey && l.shopperKey !== l.userId ? this.#shopperOnce(refs, l.shopperKey) : null;
      const raw = rawId(l.id);
      // Buffers over the bytes as they are (no copy).
      this.#st.list.run(refs.s, l.ts, raw ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) : l.id, u, k, Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength));
    }
    return dropped;
  }

  /** When `shop` was last erased (-1: not within `ERASED_KEEP_MS`), read once per write (`seen`: times read, by shop). */
  #shopErasedAt(shop: string, seen: Map<string, number>): number {
    let at = seen.get(shop);
    if (at === undefined) seen.set(shop, (at = (this.#st.shopErasedAt.get(shop) as number | undefined) ?? -1));
    return at;
  }

  /** Whether the shopper or the assignment key of `l` was erased at or after `l` was served (`erased`: times looked up, by id). */
  #servedBeforeErasure(l: ServedList, s: number, erased: Map<string, number>): boolean {
    for (const id of [l.userId, l.shopperKey]) {
      if (!id) continue;
      let at = erased.get(id);
      if (at === undefined) erased.set(id, (at = (this.#st.erasedAt.get(s, erasedIdHash(l.shop, id)) as number | undefined) ?? -1));
      if (at >= l.ts) return true;
    }
    return false;
  }

  /** A shopper's number, looked up once per {@link #insert} call. */
  #shopperOnce(refs: ShopRefs, id: string): number {
    let n = refs.shoppers.get(id);
    if (n === undefined) refs.shoppers.set(id, (n = this.#shopperRef(refs.s, id)));
    return n;
  }

  async recordServed(lists: readonly ServedList[]): Promise<number> {
    if (lists.length === 0) return 0;
    // Inside a caller's transaction the write is not committed yet: nothing is remembered then.
    const outer = this.#db.inTransaction;
    // The write lock from the start: no erasure commits between the tombstone check and the write.
    const transaction = this.#db.transaction(() => this.#insert(lists));
    const write = (): number => {
      try {
        const dropped = transaction.immediate();
        this.#settle(!outer);
        return dropped;
      } catch (err) {
        this.#settle(false);
        throw err;
      }
    };
    // A held write lock is waited for on a timer, not with the event loop held; inside a caller's
    // transaction `write` runs at once, before the caller goes on (writeLock.ts).
    return whenWriteLockFree(this.#db, write);
  }

  /** Rows of `rec_lists` as lists: only the dictionary values and shopper ids the rows name are read (each once). */
  #decode(shop: string, s: number, rows: readonly Row[]): ServedList[] {
    if (rows.length === 0) return [];
    const dict = memo((n) => this.#st.dictValue.get(s, n) as string | undefined);
    const shoppers = memo((n) => this.#st.shopperId.get(s, n) as string | undefined);
    return rows.map((r) => {
      const doc = r.doc as Buffer;
      const fields = unpackServed(new ByteReader(doc), dict);
      const userId = r.u !== null ? shoppers(r.u as number) : undefined;
      const shopperKey = r.k !== null ? shoppers(r.k as number) : undefined;
      return {
        id: typeof r.id === 'string' ? r.id : idOfRaw(r.id as Buffer),
        shop,
        ts: r.ts as number,
        ...fields,
        ...(userId ? { userId } : {}),
        ...(shopperKey ? { shopperKey } : {}),
      };
    });
  }

  /**
   * Writes outcomes not recorded yet (returns how many); one of an event at or before its shop's
   * erasure (a batch projected late) is not written.
   */
  async recordOutcomes(outcomes: readonly Outcome[]): Promise<number> {
    if (outcomes.length === 0) return 0;
    // The write lock from the start, as for lists: no shop erasure commits between the check and the write.
    return this.#db.transaction(() => {
      const shopErased = new Map<string, number>();
      let n = 0;
      for (const o of outcomes) if (o.ts > this.#shopErasedAt(o.shop, shopErased)) n += this.#st.outcome.run(o.shop, o.key, o.ts, o.userId, o.kind, o.productId ?? null, encodeOutcome(o)).changes;
      return n;
    }).immediate();
  }

  async lastClicks(shop: string, userIds: readonly string[], productIds: readonly string[], since: number, until: number): Promise<Map<string, { recId: string; ts: number }>> {
    const out = new Map<string, { recId: string; ts: number }>();
    for (const p of productIds) {
      for (const u of userIds) {
        const r = this.#st.clicks.get(shop, u, p, since, until) as Row | undefined;
        if (!r) continue;
        const prev = out.get(p);
        if (!prev || (r.ts as number) > prev.ts) out.set(p, { recId: (JSON.parse(r.doc as string) as { r: string }).r, ts: r.ts as number });
      }
    }
    return out;
  }

  async servedBetween(shop: string, from: number, to: number): Promise<ServedList[]> {
    const s = this.#shopRef(shop, false);
    if (s === undefined) return [];
    return this.#decode(shop, s, this.#st.listsBetween.all(s, from, to) as Row[]);
  }

  async outcomesBetween(shop: string, from: number, to: number): Promise<Outcome[]> {
    return (this.#st.outcomesBetween.all(shop, from, to) as Row[]).map((r) => decodeOutcome(shop, r.key as string, r.ts as number, r.user_id as string, r.doc as string));
  }

  /**
   * When each of `ids` was last erased, or the shop if later (their tombstones, kept until `sweep`
   * removes those older than `ERASED_KEEP_MS`), epoch ms; -1 when neither. A look-up per id only when the
   * shop has a shopper tombstone at all.
   */
  erasedAt(shop: string, ids: readonly string[]): number[] {
    const base = (this.#st.shopErasedAt.get(shop) as number | undefined) ?? -1;
    const s = this.#shopRef(shop, false);
    if (s === undefined || this.#st.lastErased.get(s) == null) return ids.map(() => base);
    return ids.map((id) => Math.max((this.#st.erasedAt.get(s, erasedIdHash(shop, id)) as number | undefined) ?? -1, base));
  }

  /** Everything recorded about one id (inside the caller's transaction or not). */
  exportUser(shop: string, userId: string): { served: ServedList[]; outcomes: Outcome[] } {
    const s = this.#shopRef(shop, false);
    const u = s === undefined ? undefined : (this.#st.shopperRef.get(s, userId) as number | undefined);
    return {
      served: s === undefined || u === undefined ? [] : this.#decode(shop, s, this.#st.listsOf.all(s, u, s, u) as Row[]),
      outcomes: (this.#st.outcomesOf.all(shop, userId) as Row[]).map((r) => decodeOutcome(shop, r.key as string, r.ts as number, userId, r.doc as string)),
    };
  }

  /**
   * Removes one id's records (lists served to it or assigned on it, its outcomes, its shopper number)
   * and leaves its tombstone (erased `now`), so that a list served to it before and written later is
   * dropped; returns how many rows went.
   */
  eraseUser(shop: string, userId: string, now = Date.now()): number {
    return this.#db.transaction(() => {
      const s = this.#shopRef(shop, true);
      this.#st.erased.run(s, erasedIdHash(shop, userId), now);
      let n = this.#st.eraseOutcomes.run(shop, userId).changes;
      const u = this.#st.shopperRef.get(s, userId) as number | undefined;
      if (u !== undefined) {
        n += this.#st.eraseLists.run(s, u, u).changes;
        this.#st.eraseShopper.run(s, u);
      }
      return n;
    }).immediate();
  }

  /**
   * Removes every record of a shop and leaves the shop's tombstone (erased `now`; its shopper
   * tombstones go, the shop's covers them), so that a list served before and written later, by any
   * process, is dropped. One transaction under the write lock: a write commits before it (and is
   * removed) or after it (and finds the tombstone).
   */
  eraseShop(shop: string, now = Date.now()): void {
    const s = this.#db.transaction(() => {
      this.#st.shopTombstone.run(shop, now);
      const s = this.#shopRef(shop, false);
      if (s !== undefined) {
        this.#st.shopLists.run(s);
        this.#st.shopDict.run(s);
        this.#st.shopShoppers.run(s);
        this.#st.shopErased.run(s);
        this.#st.shopRow.run(s);
      }
      this.#st.shopOutcomes.run(shop);
      return s;
    }).immediate();
    if (s !== undefined) this.#forgetShop(s);
  }

  /** Forgets the dictionary numbers of an erased shop (its number is not used again; this frees memory). */
  #forgetShop(s: number): void {
    const known = this.#dict.get(s);
    if (known) this.#dictEntries -= dictSize(known);
    this.#dict.delete(s);
  }

  /**
   * Removes records older than `before` (retention), the shopper ids no remaining list names, and
   * tombstones older than `ERASED_KEEP_MS` at `now` (not counted).
   */
  sweep(before: number, now = Date.now()): number {
    return this.#db.transaction(() => {
      this.#st.sweepErased.run(now - ERASED_KEEP_MS);
      this.#st.sweepErasedShops.run(now - ERASED_KEEP_MS);
      let n = this.#st.sweepOutcomes.run(before).changes;
      for (const s of this.#st.shops.all() as number[]) {
        const gone = this.#st.sweepLists.run(s, before).changes;
        if (gone > 0) this.#st.sweepShoppers.run(s);
        n += gone;
      }
      return n;
    })();
  }
}
