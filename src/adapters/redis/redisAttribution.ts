/**
 * Attribution records in Redis (docs/decisions/0002), every key in the shop's slot (tag `{<shop>}`, so
 * `eraseShop`'s key patterns remove them):
 *
 * | key                          | type       | content                                              |
 * |------------------------------|------------|------------------------------------------------------|
 * | `aff:{<shop>}:rs`            | hash       | list id → `<ts>\x01<user>\x01<compact doc>`           |
 * | `aff:{<shop>}:rs:ts`         | sorted set | list id → ts (time range, retention)                 |
 * | `aff:{<shop>}:ro`            | hash       | outcome key → `<ts>\x01<user>\x01<compact doc>` (HSETNX) |
 * | `aff:{<shop>}:ro:ts`         | sorted set | outcome key → ts                                     |
 * | `aff:{<shop>}:ru:<user>`     | set        | `s:<list id>`, `o:<outcome key>` of the user (erasure, export) |
 * | `aff:{<shop>}:rc:<user>`     | hash       | product id → `<ts>\x01<list id>` of the user's last click |
 */
import type { Cluster, Redis } from 'ioredis';
import { decodeOutcome, decodeServed, encodeOutcome, encodeServed } from '../../core/attribution/recordCodec.ts';
import type { Outcome, ServedList } from '../../core/attribution/servedList.ts';
import type { AttributionStore } from '../../core/ports.ts';
import { encodeId, PREFIX } from './keys.ts';

type Client = Redis | Cluster;
const SEP = '\u0001';

function base(shop: string): string {
  return `${PREFIX}{${encodeId('shop', shop)}}`;
}
const keys = (shop: string) => ({ served: `${base(shop)}:rs`, servedTs: `${base(shop)}:rs:ts`, out: `${base(shop)}:ro`, outTs: `${base(shop)}:ro:ts` });
const userIndex = (shop: string, user: string) => `${base(shop)}:ru:${encodeId('userId', user)}`;
const clicksKey = (shop: string, user: string) => `${base(shop)}:rc:${encodeId('userId', user)}`;

function split(v: string): [number, string, string] {
  const a = v.indexOf(SEP);
  const b = v.indexOf(SEP, a + 1);
  return [Number(v.slice(0, a)), v.slice(a + 1, b), v.slice(b + 1)];
}

export class RedisAttribution implements AttributionStore {
  readonly #c: Client;
  readonly #ttl: number;

  /** `ttlMs`: how long per-user indexes live after their last write (the profile retention). */
  constructor(client: Client, ttlMs: number) {
    this.#c = client;
    this.#ttl = ttlMs;
  }

  async recordServed(lists: readonly ServedList[]): Promise<void> {
    if (lists.length === 0) return;
    const byShop = new Map<string, ServedList[]>();
    for (const l of lists) {
      const list = byShop.get(l.shop);
      if (list) list.push(l);
      else byShop.set(l.shop, [l]);
    }
    for (const [shop, ls] of byShop) {
      const k = keys(shop);
      const m = this.#c.multi();
      for (const l of ls) {
        m.hsetnx(k.served, l.id, `${l.ts}${SEP}${l.userId ?? ''}${SEP}${encodeServed(l)}`);
        m.zadd(k.servedTs, 'NX', l.ts, l.id);
        if (l.userId) {
          m.sadd(userIndex(shop, l.userId), `s:${l.id}`);
          m.pexpire(userIndex(shop, l.userId), this.#ttl);
        }
      }
      await m.exec();
    }
  }

  async recordOutcomes(outcomes: readonly Outcome[]): Promise<number> {
    let added = 0;
    for (const o of outcomes) {
      const k = keys(o.shop);
      const isNew = (await this.#c.hsetnx(k.out, o.key, `${o.ts}${SEP}${o.userId}${SEP}${encodeOutcome(o)}`)) === 1;
      if (!isNew) continue;
      added += 1;
      const m = this.#c.multi();
      m.zadd(k.outTs, o.ts, o.key);
      m.sadd(userIndex(o.shop, o.userId), `o:${o.key}`);
      m.pexpire(userIndex(o.shop, o.userId), this.#ttl);
      if (o.kind === 'click' && o.productId) {
        const ck = clicksKey(o.shop, o.userId);
        const prev = (await this.#c.hget(ck, o.productId)) ?? undefined;
        if (!prev || Number(prev.slice(0, prev.indexOf(SEP))) <= o.ts) m.hset(ck, o.productId, `${o.ts}${SEP}${o.recId}`);
        m.pexpire(ck, this.#ttl);
      }
      await m.exec();
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
    const k = keys(shop);
    const ids = await this.#c.zrangebyscore(k.servedTs, from, to);
    if (ids.length === 0) return [];
    const vals = await this.#c.hmget(k.served, ...ids);
    const out: ServedList[] = [];
    vals.forEach((v, i) => {
      if (!v) return;
      const [ts, user, doc] = split(v);
      out.push(decodeServed(shop, ids[i] as string, ts, user || undefined, doc));
    });
    return out;
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
    const k = keys(shop);
    const members = await this.#c.smembers(userIndex(shop, userId));
    const sIds = members.filter((m) => m.startsWith('s:')).map((m) => m.slice(2)).sort();
    const oIds = members.filter((m) => m.startsWith('o:')).map((m) => m.slice(2)).sort();
    const served: ServedList[] = [];
    const outcomes: Outcome[] = [];
    if (sIds.length > 0) {
      (await this.#c.hmget(k.served, ...sIds)).forEach((v, i) => {
        if (!v) return;
        const [ts, , doc] = split(v);
        served.push(decodeServed(shop, sIds[i] as string, ts, userId, doc));
      });
    }
    if (oIds.length > 0) {
      (await this.#c.hmget(k.out, ...oIds)).forEach((v, i) => {
        if (!v) return;
        const [ts, , doc] = split(v);
        outcomes.push(decodeOutcome(shop, oIds[i] as string, ts, userId, doc));
      });
    }
    return { served: served.sort((a, b) => a.ts - b.ts), outcomes: outcomes.sort((a, b) => a.ts - b.ts) };
  }

  /** Removes one id's records; returns how many. */
  async eraseUser(shop: string, userId: string): Promise<number> {
    const k = keys(shop);
    const members = await this.#c.smembers(userIndex(shop, userId));
    const sIds = members.filter((m) => m.startsWith('s:')).map((m) => m.slice(2));
    const oIds = members.filter((m) => m.startsWith('o:')).map((m) => m.slice(2));
    const m = this.#c.multi();
    if (sIds.length > 0) m.hdel(k.served, ...sIds).zrem(k.servedTs, ...sIds);
    if (oIds.length > 0) m.hdel(k.out, ...oIds).zrem(k.outTs, ...oIds);
    m.unlink(userIndex(shop, userId), clicksKey(shop, userId));
    await m.exec();
    return sIds.length + oIds.length;
  }

  /** Removes records older than `before` in every shop of `shops` (retention). */
  async sweep(shops: readonly string[], before: number): Promise<number> {
    let n = 0;
    for (const shop of shops) {
      const k = keys(shop);
      const s = await this.#c.zrangebyscore(k.servedTs, '-inf', `(${before}`);
      const o = await this.#c.zrangebyscore(k.outTs, '-inf', `(${before}`);
      const m = this.#c.multi();
      if (s.length > 0) m.hdel(k.served, ...s).zrem(k.servedTs, ...s);
      if (o.length > 0) m.hdel(k.out, ...o).zrem(k.outTs, ...o);
      await m.exec();
      n += s.length + o.length;
    }
    return n;
  }
}
