/**
 * Attribution records in Redis (docs/decisions/0002), every key in the shop's slot (tag `{<shop>}`, so
 * `eraseShop`'s key patterns remove them).
 *
 * Served lists are kept per shop and UTC day, packed (core/attribution/recordCodec.ts), so a busy
 * shop's 90 days fit in RAM (about 45 bytes per list of 8 products instead of ~700,
 * bench/attributionBytes.ts) and retention drops whole days:
 *
 * | key                          | type       | content                                              |
 * |------------------------------|------------|------------------------------------------------------|
 * | `aff:{<shop>}:rl:<day>`      | string     | the day's lists, appended: `varint(len)` + record (below) |
 * | `aff:{<shop>}:rl:<day>:u`    | hash       | the day's shopper numbers → shopper id (`#`: the counter) |
 * | `aff:{<shop>}:rl:days`       | sorted set | days holding lists (score = day number since 1970)   |
 * | `aff:{<shop>}:rl:open`       | sorted set | days appended to since they were last sealed          |
 * | `aff:{<shop>}:rd` / `:rd:r`  | hash       | the shop's dictionary: product id or label ↔ number (`#` in `rd:r`: the counter) |
 * | `aff:{<shop>}:rh:<user>`     | hash       | day → the shopper's number that day (erasure, export; expires after the sweep drops its last day) |
 * | `aff:{<shop>}:ro`            | hash       | outcome key → `<ts>\x01<user>\x01<compact doc>` (HSETNX) |
 * | `aff:{<shop>}:ro:ts`         | sorted set | outcome key → ts                                     |
 * | `aff:{<shop>}:ru:<user>`     | set        | `o:<outcome key>` of the user (erasure, export; expires after the sweep drops its last outcome) |
 * | `aff:{<shop>}:rc:<user>`     | hash       | product id → `<ts>\x01<list id>` of the user's last click (expires the retention after its last write) |
 * | `aff:{<shop>}:rx:<hash>`     | string     | erasure time of a shopper id (tombstone, `adapters/erasureTombstones.ts`; expires after `ERASED_KEEP_MS`) |
 * | `aff:{<shop>}:rx`            | string     | the shop's latest shopper erasure time (expires with its latest tombstone) |
 * | `aff:{<shop>}:rx:shop`       | string     | when the shop itself was erased (shop tombstone, left by `eraseShop`, `redisPrivacy.ts`; expires after `ERASED_KEEP_MS`) |
 *
 * A record: tag byte (1 a list, 0 erased), `varint(id length)` + id (length 0: the 12 bytes of a
 * well-formed id), `varint(ms since the day began)`, the shopper's and the assignment key's numbers of
 * the day (`varint(n)`, 0 none), then the packed list. Records never move (appends only), so erasure
 * overwrites a record's bytes with zeros in place (SETRANGE) without racing the appends. A list
 * appended twice (a retried write) is read once (by id). Appending leaves Redis's string preallocation
 * (up to 1 MB or the string's size) behind; the sweep seals finished days (rewrites them at their size).
 *
 * A shopper's day index must outlive every day bucket it points to, or erasure and export would miss
 * lists still stored: the sweep drops day `d` once `(d + 1) days + ttl` has passed (on its next run) and
 * removes `d` from the indexes its table names; the index's own expiry is only the safety net, set to
 * that time plus `sweepGraceMs` (more than the sweep's interval), never earlier than it already was.
 * A shopper's outcome index likewise: the sweep drops an outcome once `ts + ttl` has passed (on its next
 * run) and removes it from its shopper's index; the index expires a grace after the latest such time.
 * (The click hash finds nothing: export does not read it, erasure removes it by name.)
 *
 * Erasure first leaves the id's tombstone (and the shop's latest erasure time); the script that
 * numbers a day's shoppers drops every list served to an erased id at or before its erasure, in the
 * same step (so a list buffered by another process while the erasure ran is not written, or, numbered
 * before the tombstone, is found and removed by the erasure; one appended after the erasure then names
 * a number the day's table no longer maps to an id). Ids are hashed, and tombstones read, only when
 * a list was served at or before the shop's latest erasure (the script asks for them then).
 *
 * Erasing the shop (`redisPrivacy.ts`) leaves the shop's tombstone, then deletes every other key of the
 * shop. Each script that writes lists (dictionary, shopper numbers, the append) and the one that
 * writes an outcome drops what was served, or happened, at or before the shop's erasure: whatever step
 * of a write runs after the tombstone writes nothing of such a list (the dictionary numbers only the
 * values of later lists, so a write mixing both adds nothing of the dropped ones), and what the steps
 * before it wrote is there for the deletion that follows. A list served while the deletion runs can
 * have its numbers deleted and its record appended after the deletion passed the day's key (a record
 * the shop's next numbers would misread), so the erasure then moves the tombstone to the deletion's
 * end and deletes these keys ({@link attributionKeysPattern}) once more: what such a list wrote before
 * the move goes, any step after it drops the list. What comes after the erasure is the reinstalled
 * shop's new data, and is written.
 *
 * Lists stored by earlier versions (`rs` hash, `rs:ts`, `s:` members of `ru:<user>`) are converted
 * to day buckets the first time the shop's lists are read, exported, erased or swept.
 */
import type { Cluster, Redis } from 'ioredis';
import { ByteReader, ByteWriter, decodeLegacyServed, decodeOutcome, dictionaryValues, encodeOutcome, idOfRaw, packServed, rawId, unpackServed } from '../../core/attribution/recordCodec.ts';
import type { Outcome, ServedList } from '../../core/attribution/servedList.ts';
import type { AttributionStore } from '../../core/ports.ts';
import { ERASED_KEEP_MS, erasedIdHash } from '../erasureTombstones.ts';
import { encodeId, erasedIdKey, erasedShopKey, globEscape, lastErasureKey, PREFIX } from './keys.ts';

type Client = Redis | Cluster;
const SEP = '\u0001';
const DAY = 86_400_000;

function base(shop: string): string {
  return `${PREFIX}{${encodeId('shop', shop)}}`;
}
const keys = (shop: string) => ({
  served: `${base(shop)}:rs`,
  servedTs: `${base(shop)}:rs:ts`,
  out: `${base(shop)}:ro`,
  outTs: `${base(shop)}:ro:ts`,
  days: `${base(shop)}:rl:days`,
  open: `${base(shop)}:rl:open`,
  dict: `${base(shop)}:rd`,
  dictRev: `${base(shop)}:rd:r`,
});
/**
 * A SCAN pattern matching every attribution key of `shop` (all named `aff:{<shop>}:r…`; no other key of
 * the shop's slot starts so), the shop's tombstone among them: the second pass of `eraseShop`.
 */
export function attributionKeysPattern(shop: string): string {
  return `${PREFIX}{${globEscape(encodeId('shop', shop))}}:r*`;
}
const dayKey = (shop: string, day: number) => `${base(shop)}:rl:${day}`;
const dayUsersKey = (shop: string, day: number) => `${base(shop)}:rl:${day}:u`;
const userIndex = (shop: string, user: string) => `${base(shop)}:ru:${encodeId('userId', user)}`;
const userDays = (shop: string, user: string) => `${base(shop)}:rh:${encodeId('userId', user)}`;
const clicksKey = (shop: string, user: string) => `${base(shop)}:rc:${encodeId('userId', user)}`;

/**
 * Numbers of values in a dictionary (KEYS: value → n, n → value with the counter `#`; the shop's
 * tombstone), assigned when new. ARGV: per value, the value and the latest time of the lists naming
 * it. A value only lists served at or before the shop's erasure name gets no number (0) and is not
 * written: those lists are dropped, and their products and labels must not come back with the lists
 * of the same write served after it.
 */
const INTERN_LUA = `
local gone = tonumber(redis.call('GET', KEYS[3]) or '-1')
local out = {}
for i = 1, #ARGV, 2 do
  local n = 0
  if tonumber(ARGV[i + 1]) > gone then
    n = redis.call('HGET', KEYS[1], ARGV[i])
    if not n then
      n = redis.call('HINCRBY', KEYS[2], '#', 1)
      redis.call('HSET', KEYS[1], ARGV[i], n)
      redis.call('HSET', KEYS[2], n, ARGV[i])
    end
  end
  out[#out + 1] = tonumber(n)
end
return out`;

/** Values numbered per script call of {@link INTERN_LUA} (~0.5 µs of Redis time each). */
const INTERN_CHUNK = 100;

/**
 * Which of a day's lists are kept, and the day numbers of the shoppers they name. KEYS: the day's
 * table, the shop's latest shopper erasure time, the shop's tombstone, the day index of each of the n
 * shoppers, then (when given) each one's tombstone. ARGV: day, the epoch ms until which an index must
 * live, n, the n shopper ids, then per list its time and the positions (1-based, 0 none) of its
 * shopper and assignment key among the ids. A list served at or before the shop's erasure, or naming
 * an id erased at or after its time, is dropped (0), others kept (1); only the ids of kept lists get
 * a number. Returns the n numbers (0: not numbered), then the lists' flags; or `{-1}`, writing
 * nothing, when a list after the shop's erasure was served at or before its latest shopper erasure
 * and the tombstones were not given (call again with them). An index only ever lives longer: its
 * expiry is the latest of its days' (PEXPIRETIME, Redis 7).
 */
const SHOPPERS_LUA = `
local at = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local first = 4 + n
local lists = (#ARGV - first + 1) / 3
local erased = {}
for i = 1, n do erased[i] = -1 end
local gone = tonumber(redis.call('GET', KEYS[3]) or '-1')
local last = tonumber(redis.call('GET', KEYS[2]) or '-1')
local earliest = math.huge
for j = 0, lists - 1 do
  local ts = tonumber(ARGV[first + 3 * j])
  if ts > gone then earliest = math.min(earliest, ts) end
end
if earliest <= last then
  if #KEYS < 3 + 2 * n then return {-1} end
  for i = 1, n do
    local t = redis.call('GET', KEYS[3 + n + i])
    if t then erased[i] = tonumber(t) end
  end
end
local out = {}
local need = {}
for j = 0, lists - 1 do
  local ts = tonumber(ARGV[first + 3 * j])
  local u = tonumber(ARGV[first + 3 * j + 1])
  local k = tonumber(ARGV[first + 3 * j + 2])
  local drop = ts <= gone or (u > 0 and erased[u] >= ts) or (k > 0 and erased[k] >= ts)
  out[n + j + 1] = drop and 0 or 1
  if not drop then
    if u > 0 then need[u] = true end
    if k > 0 then need[k] = true end
  end
end
for i = 1, n do
  out[i] = 0
  if need[i] then
    local key = KEYS[3 + i]
    local num = redis.call('HGET', key, ARGV[1])
    if not num then
      num = redis.call('HINCRBY', KEYS[1], '#', 1)
      redis.call('HSET', KEYS[1], num, ARGV[3 + i])
      redis.call('HSET', key, ARGV[1], num)
    end
    local cur = redis.call('PEXPIRETIME', key)
    if cur < 0 or cur < at then redis.call('PEXPIREAT', key, at) end
    out[i] = tonumber(num)
  end
end
return out`;

/**
 * An erasure's tombstone (KEYS[1]) and the shop's latest erasure time (KEYS[2], only ever later);
 * ARGV: the erasure time, how long both live (ms).
 */
const ERASED_LUA = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local last = redis.call('GET', KEYS[2])
if not last or tonumber(last) < tonumber(ARGV[1]) then last = ARGV[1] end
redis.call('SET', KEYS[2], last, 'PX', ARGV[2])
return 1`;

/**
 * Appends a day's records (KEYS: the day bucket, the shop's days, its open days, the shop's
 * tombstone) but those served at or before the shop's erasure, and marks the day. ARGV: the day, the
 * records (each `varint(len)` + record), then per record its time and its length in that string.
 * Returns how many were dropped.
 */
const APPEND_LUA = `
local gone = tonumber(redis.call('GET', KEYS[4]) or '-1')
local bytes = ARGV[2]
local dropped = 0
if gone >= 0 then
  local kept = {}
  local from = 1
  for i = 3, #ARGV, 2 do
    local len = tonumber(ARGV[i + 1])
    if tonumber(ARGV[i]) <= gone then dropped = dropped + 1 else kept[#kept + 1] = string.sub(bytes, from, from + len - 1) end
    from = from + len
  end
  bytes = table.concat(kept)
end
if #bytes > 0 then
  redis.call('APPEND', KEYS[1], bytes)
  redis.call('ZADD', KEYS[2], 'NX', ARGV[1], ARGV[1])
  redis.call('ZADD', KEYS[3], ARGV[1], ARGV[1])
end
return dropped`;

/**
 * Records one outcome unless it is known already or happened at or before the shop's erasure. KEYS:
 * the outcomes, their times, the shopper's outcome index, the shopper's last clicks, the shop's
 * tombstone. ARGV: outcome key, stored value, time, the epoch ms until which the index must live
 * (only ever later), then for a click its product id, the stored click and how long the clicks live
 * (ms). Returns 1 when written, 0 when known, -1 when the shop was erased since.
 */
const OUTCOME_LUA = `
local gone = redis.call('GET', KEYS[5])
if gone and tonumber(gone) >= tonumber(ARGV[3]) then return -1 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('SADD', KEYS[3], 'o:' .. ARGV[1])
local cur = redis.call('PEXPIRETIME', KEYS[3])
if cur < 0 or cur < tonumber(ARGV[4]) then redis.call('PEXPIREAT', KEYS[3], ARGV[4]) end
if ARGV[5] then
  local prev = redis.call('HGET', KEYS[4], ARGV[5])
  -- The stored click is \`<ts>\\1<list id>\`.
  if not prev or tonumber(string.sub(prev, 1, string.find(prev, '\\1', 1, true) - 1)) <= tonumber(ARGV[3]) then
    redis.call('HSET', KEYS[4], ARGV[5], ARGV[6])
  end
  redis.call('PEXPIRE', KEYS[4], ARGV[7])
end
return 1`;

/** Rewrites a string at its exact size (drops the append preallocation). */
const SEAL_LUA = `
local v = redis.call('GET', KEYS[1])
if v then redis.call('SET', KEYS[1], v) end
return 1`;

function split(v: string): [number, string, string] {
  const a = v.indexOf(SEP);
  const b = v.indexOf(SEP, a + 1);
  return [Number(v.slice(0, a)), v.slice(a + 1, b), v.slice(b + 1)];
}

/** One record of a day bucket, as read. */
interface DayRecord {
  /** Where its tag byte is, and how many bytes follow the length. */
  readonly at: number;
  readonly len: number;
  readonly id: string;
  readonly ts: number;
  readonly u: number;
  readonly k: number;
  /** Reads the packed list. */
  readonly body: ByteReader;
}

/** The live records of a day bucket (erased ones skipped; a damaged tail ends the walk). */
function dayRecords(buf: Buffer, day: number): DayRecord[] {
  const out: DayRecord[] = [];
  const all = new ByteReader(buf);
  while (all.left > 0) {
    let len: number;
    let at: number;
    try {
      len = all.uint();
      at = all.at;
      all.bytes(len);
    } catch {
      break;
    }
    if (buf[at] !== 1) continue;
    try {
      const r = new ByteReader(buf, at + 1, at + len);
      const idLen = r.uint();
      const id = idLen === 0 ? idOfRaw(r.bytes(12)) : buf.toString('utf8', r.at, r.at + idLen);
      if (idLen > 0) r.bytes(idLen);
      const ts = day * DAY + r.uint();
      const u = r.uint();
      const k = r.uint();
      out.push({ at, len, id, ts, u, k, body: r });
    } catch {
      continue;
    }
  }
  return out;
}

/** How long a shopper's day index outlives its last day's retention: the hourly retention sweep (roles/backgroundWork.ts) with room for missed runs. */
export const SWEEP_GRACE_MS = DAY;

export class RedisAttribution implements AttributionStore {
  readonly #c: Client;
  readonly #ttl: number;
  readonly #grace: number;

  /**
   * `ttlMs`: the retention (the profile TTL): day buckets live until the sweep after their day ended
   * that long ago, outcomes until the sweep after they happened that long ago, click hashes that long
   * after their last write. `sweepGraceMs`: how long after that a shopper's day or outcome index still
   * lives (more than the sweep's interval).
   */
  constructor(client: Client, ttlMs: number, sweepGraceMs = SWEEP_GRACE_MS) {
    this.#c = client;
    this.#ttl = ttlMs;
    this.#grace = sweepGraceMs;
  }

  /**
   * Until when a shopper's index of a record that ends at `end` (a day's end, an outcome's time) must
   * live: past the sweep that drops the record (which also removes it from the index), and at least a
   * grace from `now` (a record written already past the retention, an old one converted, waits for the
   * next sweep).
   */
  #indexUntil(end: number, now: number): number {
    return Math.max(end + this.#ttl, now) + this.#grace;
  }

  /** Removes a day from the day index of every shopper its table names (before the sweep drops the day). */
  async #unindexDay(shop: string, day: number): Promise<void> {
    let cursor = '0';
    for (let guard = 0; guard < 1_000_000; guard++) {
      const [next, flat] = await this.#c.hscan(dayUsersKey(shop, day), cursor, 'COUNT', 1000);
      const users: string[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) if (flat[i] !== '#') users.push(flat[i + 1] as string);
      if (users.length > 0) {
        const m = this.#c.multi();
        for (const u of users) m.hdel(userDays(shop, u), String(day));
        await m.exec();
      }
      cursor = next;
      if (cursor === '0') break;
    }
  }

  /**
   * Numbers of values in the shop's dictionary (`latest`: each value → the latest time of the lists
   * naming it, in order); 0 for a value only lists served at or before the shop's erasure name.
   */
  async #intern(shop: string, latest: ReadonlyMap<string, number>): Promise<number[]> {
    if (latest.size === 0) return [];
    const k = keys(shop);
    const pairs = [...latest];
    // In scripts of at most INTERN_CHUNK values: Redis runs a script to its end, and one of a whole
    // flush's values (~1,000) held every other command, the request path's profile reads among them,
    // for up to 1.4 ms. A shop erased between two of them is as if erased right after the one before.
    const out: number[] = [];
    for (let at = 0; at < pairs.length; at += INTERN_CHUNK) {
      const nums = (await this.#c.eval(INTERN_LUA, 3, k.dict, k.dictRev, erasedShopKey(shop), ...pairs.slice(at, at + INTERN_CHUNK).flat())) as number[];
      for (const n of nums) out.push(n);
    }
    return out;
  }

  async recordServed(lists: readonly ServedList[]): Promise<number> {
    if (lists.length === 0) return 0;
    let dropped = 0;
    const byShop = new Map<string, ServedList[]>();
    for (const l of lists) {
      const list = byShop.get(l.shop);
      if (list) list.push(l);
      else byShop.set(l.shop, [l]);
    }
    for (const [shop, given] of byShop) {
      const k = keys(shop);
      const tombstone = erasedShopKey(shop);
      // Whole milliseconds (the record keeps the time as a varint offset into its day).
      const whole = given.map((l) => (Number.isInteger(l.ts) ? l : { ...l, ts: Math.round(l.ts) }));
      const named = whole.map(dictionaryValues);
      // Each value with the latest time of the lists naming it: the script numbers only values of lists after the shop's erasure.
      const latest = new Map<string, number>();
      whole.forEach((l, i) => {
        for (const v of named[i] as string[]) latest.set(v, Math.max(latest.get(v) ?? -Infinity, l.ts));
      });
      const nums = await this.#intern(shop, latest);
      const ref = new Map([...latest.keys()].map((v, i) => [v, nums[i] as number]));
      // A list with a value left unnumbered was served at or before the shop's erasure (the later scripts drop the others that were).
      const ls = whole.filter((_, i) => (named[i] as string[]).every((v) => (ref.get(v) as number) > 0));
      dropped += whole.length - ls.length;
      if (ls.length === 0) continue;
      const byDay = new Map<number, ServedList[]>();
      for (const l of ls) {
        const d = Math.floor(l.ts / DAY);
        const list = byDay.get(d);
        if (list) list.push(l);
        else byDay.set(d, [l]);
      }
      const m = this.#c.multi();
      const now = Date.now();
      for (const [day, all] of byDay) {
        const ids = [...new Set(all.flatMap((l) => [l.userId, l.shopperKey]).filter((x): x is string => !!x))];
        const who = new Map<string, number>();
        let dl = all;
        if (ids.length > 0) {
          const pos = new Map(ids.map((u, i) => [u, i + 1]));
          const refs = all.flatMap((l) => [l.ts, l.userId ? (pos.get(l.userId) as number) : 0, l.shopperKey ? (pos.get(l.shopperKey) as number) : 0]);
          const args = [day, this.#indexUntil((day + 1) * DAY, now), ids.length, ...ids, ...refs];
          const indexes = ids.map((u) => userDays(shop, u));
          let got = (await this.#c.eval(SHOPPERS_LUA, 3 + ids.length, dayUsersKey(shop, day), lastErasureKey(shop), tombstone, ...indexes, ...args)) as number[];
          // Served before the shop's latest shopper erasure: again, with the ids' tombstones.
          if (got[0] === -1) {
            const tombstones = ids.map((u) => erasedIdKey(shop, erasedIdHash(shop, u)));
            got = (await this.#c.eval(SHOPPERS_LUA, 3 + 2 * ids.length, dayUsersKey(shop, day), lastErasureKey(shop), tombstone, ...indexes, ...tombstones, ...args)) as number[];
          }
          ids.forEach((u, i) => who.set(u, got[i] as number));
          dl = all.filter((_, j) => got[ids.length + j] === 1);
          dropped += all.length - dl.length;
          if (dl.length === 0) continue;
        }
        const w = new ByteWriter();
        // Per record: its time and its length in the appended bytes (the append drops those served before the shop's erasure).
        const sizes: number[] = [];
        for (const l of dl) {
          const start = w.length;
          const body = new ByteWriter().uint(1);
          const raw = rawId(l.id);
          if (raw) body.uint(0).bytes(raw);
          else {
            const text = Buffer.from(l.id, 'utf8');
            body.uint(text.length).bytes(text);
          }
          body.uint(l.ts - day * DAY).uint(l.userId ? (who.get(l.userId) as number) : 0);
          body.uint(l.shopperKey && l.shopperKey !== l.userId ? (who.get(l.shopperKey) as number) : 0);
          const bytes = packServed(l, (v) => ref.get(v) as number, body).done();
          w.uint(bytes.length).bytes(bytes);
          sizes.push(l.ts, w.length - start);
        }
        m.eval(APPEND_LUA, 4, dayKey(shop, day), k.days, k.open, tombstone, day, Buffer.from(w.done()), ...sizes);
      }
      for (const [err, n] of (await m.exec()) ?? []) {
        if (err) throw err;
        dropped += n as number;
      }
    }
    return dropped;
  }

  /** The lists of one day bucket that `keep` accepts, with their shopper ids. */
  async #readDay(shop: string, day: number, keep: (r: DayRecord) => boolean, dict: () => Promise<Map<number, string>>): Promise<ServedList[]> {
    const [buf, users] = await Promise.all([this.#c.getBuffer(dayKey(shop, day)), this.#c.hgetall(dayUsersKey(shop, day))]);
    if (!buf) return [];
    const out: ServedList[] = [];
    const records = dayRecords(buf, day).filter(keep);
    if (records.length === 0) return out;
    const values = await dict();
    for (const r of records) {
      const fields = unpackServed(r.body, (n) => values.get(n));
      const userId = r.u ? users[String(r.u)] : undefined;
      const shopperKey = r.k ? users[String(r.k)] : undefined;
      out.push({ id: r.id, shop, ts: r.ts, ...fields, ...(userId ? { userId } : {}), ...(shopperKey ? { shopperKey } : {}) });
    }
    return out;
  }

  /** The shop's dictionary by number (read once per call that needs it). */
  #dictOf(shop: string): () => Promise<Map<number, string>> {
    let p: Promise<Map<number, string>> | undefined;
    return () =>
      (p ??= this.#c.hgetall(keys(shop).dictRev).then((h) => {
        const m = new Map<number, string>();
        for (const [n, v] of Object.entries(h)) if (n !== '#') m.set(Number(n), v);
        return m;
      }));
  }

  /** Lists of earlier versions (one hash per shop) are moved to day buckets, a chunk at a time. */
  async #upgradeLegacy(shop: string): Promise<void> {
    const k = keys(shop);
    if ((await this.#c.exists(k.served)) === 0) return;
    let cursor = '0';
    for (let guard = 0; guard < 1_000_000; guard++) {
      const [next, flat] = await this.#c.hscan(k.served, cursor, 'COUNT', 500);
      const lists: ServedList[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [ts, user, doc] = split(flat[i + 1] as string);
        lists.push(decodeLegacyServed(shop, flat[i] as string, ts, user || undefined, doc));
      }
      await this.recordServed(lists);
      if (lists.length > 0) {
        const m = this.#c.multi();
        m.hdel(k.served, ...lists.map((l) => l.id)).zrem(k.servedTs, ...lists.map((l) => l.id));
        for (const l of lists) if (l.userId) m.srem(userIndex(shop, l.userId), `s:${l.id}`);
        await m.exec();
      }
      cursor = next;
      if (cursor === '0') break;
    }
    await this.#c.unlink(k.served, k.servedTs);
  }

  /**
   * Writes outcomes not recorded yet (returns how many), each in one script with its indexes; one of
   * an event at or before its shop's erasure (a batch projected late by another node) is not written.
   */
  async recordOutcomes(outcomes: readonly Outcome[]): Promise<number> {
    let added = 0;
    const now = Date.now();
    for (const o of outcomes) {
      const k = keys(o.shop);
      const value = `${o.ts}${SEP}${o.userId}${SEP}${encodeOutcome(o)}`;
      const until = this.#indexUntil(o.ts, now);
      const click = o.kind === 'click' && o.productId ? [o.productId, `${o.ts}${SEP}${o.recId}`, this.#ttl] : [];
      const keysOf = [k.out, k.outTs, userIndex(o.shop, o.userId), clicksKey(o.shop, o.userId), erasedShopKey(o.shop)];
      if ((await this.#c.eval(OUTCOME_LUA, keysOf.length, ...keysOf, o.key, value, o.ts, until, ...click)) === 1) added += 1;
    }
    return added;
  }

  async lastClicks(shop: string, userIds: readonly string[], productIds: readonly string[], since: number, until: number): Promise<Map<string, { recId: string; ts: number }>> {
    const out = new Map<string, { recId: string; ts: number }>();
    if (productIds.length === 0) return out;
    for (const u of userIds) {
      const vals = await this.#c.hmget(clicksKey(shop, u), ...productIds);
      vals.forEach((v, i) => {
        if (!v) return;
        const cut = v.indexOf(SEP);
        const ts = Number(v.slice(0, cut));
        if (ts < since || ts > until) return;
        const p = productIds[i] as string;
        const prev = out.get(p);
        if (!prev || ts > prev.ts) out.set(p, { recId: v.slice(cut + 1), ts });
      });
    }
    return out;
  }

  async servedBetween(shop: string, from: number, to: number): Promise<ServedList[]> {
    await this.#upgradeLegacy(shop);
    const days = (await this.#c.zrangebyscore(keys(shop).days, Math.floor(from / DAY), Math.floor(to / DAY))).map(Number);
    const dict = this.#dictOf(shop);
    const seen = new Set<string>();
    const out: ServedList[] = [];
    for (const day of days) {
      for (const l of await this.#readDay(shop, day, (r) => r.ts >= from && r.ts <= to && !seen.has(r.id) && !!seen.add(r.id), dict)) out.push(l);
    }
    return out.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async outcomesBetween(shop: string, from: number, to: number): Promise<Outcome[]> {
    const k = keys(shop);
    const ids = await this.#c.zrangebyscore(k.outTs, from, to);
    if (ids.length === 0) return [];
    const vals = await this.#c.hmget(k.out, ...ids);
    const out: Outcome[] = [];
    vals.forEach((v, i) => {
      if (!v) return;
      const [ts, user, doc] = split(v);
      out.push(decodeOutcome(shop, ids[i] as string, ts, user, doc));
    });
    return out;
  }

  async exportUser(shop: string, userId: string): Promise<{ served: ServedList[]; outcomes: Outcome[] }> {
    await this.#upgradeLegacy(shop);
    const k = keys(shop);
    const days = await this.#c.hgetall(userDays(shop, userId));
    const dict = this.#dictOf(shop);
    const seen = new Set<string>();
    const served: ServedList[] = [];
    for (const [day, n] of Object.entries(days)) {
      // Served to the id, or assigned on it (the customer id of another device): erasure removes both.
      const ref = Number(n);
      for (const l of await this.#readDay(shop, Number(day), (r) => (r.u === ref || r.k === ref) && !seen.has(r.id) && !!seen.add(r.id), dict)) served.push(l);
    }
    const members = await this.#c.smembers(userIndex(shop, userId));
    const oIds = members.filter((m) => m.startsWith('o:')).map((m) => m.slice(2)).sort();
    const outcomes: Outcome[] = [];
    if (oIds.length > 0) {
      (await this.#c.hmget(k.out, ...oIds)).forEach((v, i) => {
        if (!v) return;
        const [ts, , doc] = split(v);
        outcomes.push(decodeOutcome(shop, oIds[i] as string, ts, userId, doc));
      });
    }
    return { served: served.sort((a, b) => a.ts - b.ts), outcomes: outcomes.sort((a, b) => a.ts - b.ts) };
  }

  /**
   * When each of `ids` was last erased, or the shop if later (their tombstones, which expire after
   * `ERASED_KEEP_MS`), epoch ms; -1 when neither. One round trip (the keys share the shop's slot).
   */
  async erasedAt(shop: string, ids: readonly string[]): Promise<number[]> {
    const got = await this.#c.mget(erasedShopKey(shop), ...ids.map((id) => erasedIdKey(shop, erasedIdHash(shop, id))));
    const base = got[0] == null ? -1 : Number(got[0]);
    return ids.map((_, i) => {
      const at = got[i + 1];
      return at == null ? base : Math.max(Number(at), base);
    });
  }

  /**
   * Removes one id's records: the lists served to it or assigned on it (their bytes overwritten with
   * zeros in place), its numbers in the day tables, its outcomes and indexes. Its tombstone (erased
   * `now`) is left first, so that a list served to it before and written later is dropped. Returns how
   * many records.
   */
  async eraseUser(shop: string, userId: string, now = Date.now()): Promise<number> {
    await this.#c.eval(ERASED_LUA, 2, erasedIdKey(shop, erasedIdHash(shop, userId)), lastErasureKey(shop), now, ERASED_KEEP_MS);
    await this.#upgradeLegacy(shop);
    const k = keys(shop);
    let n = 0;
    const days = await this.#c.hgetall(userDays(shop, userId));
    for (const [d, ref] of Object.entries(days)) {
      const day = Number(d);
      const buf = await this.#c.getBuffer(dayKey(shop, day));
      const m = this.#c.multi();
      for (const r of buf ? dayRecords(buf, day) : []) {
        if (r.u !== Number(ref) && r.k !== Number(ref)) continue;
        m.setrange(dayKey(shop, day), r.at, Buffer.alloc(r.len));
        n += 1;
      }
      m.hdel(dayUsersKey(shop, day), ref);
      await m.exec();
    }
    const members = await this.#c.smembers(userIndex(shop, userId));
    const oIds = members.filter((x) => x.startsWith('o:')).map((x) => x.slice(2));
    const m = this.#c.multi();
    if (oIds.length > 0) m.hdel(k.out, ...oIds).zrem(k.outTs, ...oIds);
    m.unlink(userIndex(shop, userId), clicksKey(shop, userId), userDays(shop, userId));
    await m.exec();
    return n + oIds.length;
  }

  /**
   * Retention: drops the day buckets of every shop of `shops` that ended before `before` (a list may
   * outlive the retention by less than a day), those days from the day indexes of the shoppers they
   * name, and outcomes older than `before` (and from their shoppers' indexes); seals the days before
   * `now`'s. Returns how many day buckets and outcomes went.
   */
  async sweep(shops: readonly string[], before: number, now = Date.now()): Promise<number> {
    let n = 0;
    for (const shop of shops) {
      await this.#upgradeLegacy(shop);
      const k = keys(shop);
      const days = await this.#c.zrangebyscore(k.days, '-inf', Math.floor(before / DAY) - 1);
      const o = await this.#c.zrangebyscore(k.outTs, '-inf', `(${before}`);
      for (const d of days) await this.#unindexDay(shop, Number(d));
      const owners = o.length > 0 ? await this.#c.hmget(k.out, ...o) : [];
      const m = this.#c.multi();
      owners.forEach((v, i) => {
        if (v) m.srem(userIndex(shop, split(v)[1]), `o:${o[i] as string}`);
      });
      for (const d of days) m.unlink(dayKey(shop, Number(d)), dayUsersKey(shop, Number(d)));
      if (days.length > 0) m.zrem(k.days, ...days);
      if (o.length > 0) m.hdel(k.out, ...o).zrem(k.outTs, ...o);
      await m.exec();
      n += days.length + o.length;
      for (const d of await this.#c.zrangebyscore(k.open, '-inf', Math.floor(now / DAY) - 1)) {
        if (!days.includes(d)) await this.#c.eval(SEAL_LUA, 1, dayKey(shop, Number(d)));
        await this.#c.zrem(k.open, d);
      }
    }
    return n;
  }
}
