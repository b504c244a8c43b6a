/**
 * The durable privacy job queue and export storage on Redis. Every key shares the `{privacy}` hash
 * tag (one Cluster slot), so the enqueue and claim scripts are atomic on Cluster too:
 *
 * | key                                          | type       | content                                   |
 * |----------------------------------------------|------------|-------------------------------------------|
 * | `aff:{privacy}:job:<id>`                     | hash       | shop, kind, payload, status, attempts, …  |
 * | `aff:{privacy}:due`                          | sorted set | pending job id → due time (ms)            |
 * | `aff:{privacy}:dedupe:<key>`                 | string     | job id (per-key TTL: webhook id, body hash) |
 * | `aff:{privacy}:jobs-of:<shop>`               | set        | job ids of a shop                         |
 * | `aff:{privacy}:export:<shop>:<id>`           | string     | `{subject, doc}` JSON, expires            |
 * | `aff:{privacy}:exports-of:<shop>:<subject>`  | set        | export ids of a subject                   |
 * | `aff:{privacy}:exports:<shop>`               | set        | export ids of a shop                      |
 *
 * A claim moves the job's due time to the end of its lease: a worker that dies leaves it due again.
 * Redis persistence decides how durable a queued job is (run with `appendonly yes`).
 *
 * An export whose shop was erased at or after its reads began is not kept. The shop's tombstone
 * (`aff:{<shop>}:rx:shop`, `redisPrivacy.ts`) lives in the shop's slot, not this one, so no script can
 * read it and write the export at once on Cluster. `putExport` therefore writes the export (one script:
 * the export and both of its set entries) and then reads the tombstone, and deletes what it wrote when
 * the shop was erased meanwhile. `shop/redact` writes the tombstone before `purgeShop` runs: a re-check
 * that finds no tombstone ran before it was written, so the export was complete before `purgeShop`
 * listed the shop's exports and is deleted by it; otherwise the re-check sees the tombstone.
 * (The tombstone is read once before the write as well, so an export that starts late writes nothing.)
 */
import type { Cluster, Redis } from 'ioredis';
import type { NewPrivacyJob, PrivacyJob, PrivacyJobKind, PrivacyJobQueue } from '../../core/ports.ts';
import { PREFIX, encodeId, erasedShopKey } from './keys.ts';

const P = `${PREFIX}{privacy}:`;
const DUE = `${P}due`;
const JOB = `${P}job:`;

const jobKey = (id: string): string => `${JOB}${encodeId('jobId', id)}`;
const jobsOf = (shop: string): string => `${P}jobs-of:${encodeId('shop', shop)}`;
const exportKey = (shop: string, id: string): string => `${P}export:${encodeId('shop', shop)}:${encodeId('exportId', id)}`;
const exportsOf = (shop: string, subject: string): string => `${P}exports-of:${encodeId('shop', shop)}:${encodeId('subject', subject)}`;
const exportsOfShop = (shop: string): string => `${P}exports:${encodeId('shop', shop)}`;

const dedupeKey = (key: string): string => `${P}dedupe:${encodeId('dedupeKey', key)}`;

/**
 * KEYS: job, due, jobs-of, then the dedupe keys; ARGV: id, shop, kind, payload, now, the dedupe keys
 * joined by newlines (kept on the job for `purgeShop`), then one TTL (ms) per dedupe key → {id, duplicate}.
 */
const ENQUEUE_LUA = `
for i = 4, #KEYS do
  local prev = redis.call('GET', KEYS[i])
  if prev then return {prev, 1} end
end
for i = 4, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[i + 3])
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'shop', ARGV[2], 'kind', ARGV[3], 'payload', ARGV[4], 'status', 'pending',
  'attempts', 0, 'created_at', ARGV[5], 'updated_at', ARGV[5], 'dedupe', ARGV[6])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('SADD', KEYS[3], ARGV[1])
return {ARGV[1], 0}
`;

/** KEYS: due; ARGV: now, lease end, job key prefix → job hash fields or false. */
const CLAIM_LUA = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1)
if #ids == 0 then return false end
local id = ids[1]
local jk = ARGV[3] .. id
if redis.call('EXISTS', jk) == 0 then
  redis.call('ZREM', KEYS[1], id)
  return false
end
redis.call('ZADD', KEYS[1], ARGV[2], id)
redis.call('HINCRBY', jk, 'attempts', 1)
redis.call('HSET', jk, 'updated_at', ARGV[1])
return redis.call('HGETALL', jk)
`;

/** KEYS: export, exports of its subject, exports of its shop; ARGV: export id, `{subject, doc}` JSON, TTL (ms). */
const PUT_EXPORT_LUA = `
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
for i = 2, 3 do
  redis.call('SADD', KEYS[i], ARGV[1])
  -- The index lives as long as its longest-lived export: an export with a shorter TTL never shortens it.
  local left = redis.call('PTTL', KEYS[i])
  if left < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return 1
`;

/** KEYS: export, exports of its subject, exports of its shop; ARGV: export id. Undoes {@link PUT_EXPORT_LUA}. */
const DROP_EXPORT_LUA = `
redis.call('UNLINK', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
return 1
`;

function toJob(flat: string[] | Record<string, string>): PrivacyJob {
  const h: Record<string, string> = {};
  if (Array.isArray(flat)) for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i]!] = flat[i + 1]!;
  else Object.assign(h, flat);
  return {
    id: h.id ?? '',
    shop: h.shop ?? '',
    kind: h.kind as PrivacyJobKind,
    payload: JSON.parse(h.payload ?? '{}') as Record<string, unknown>,
    status: h.status === 'done' ? 'done' : 'pending',
    attempts: Number(h.attempts ?? 0),
    createdAt: Number(h.created_at ?? 0),
    updatedAt: Number(h.updated_at ?? 0),
    ...(h.result ? { result: JSON.parse(h.result) as Record<string, unknown> } : {}),
    ...(h.last_error ? { lastError: h.last_error } : {}),
  };
}

/** Redis implementation of {@link PrivacyJobQueue}. */
export class RedisPrivacyQueue implements PrivacyJobQueue {
  readonly #c: Redis | Cluster;

  constructor(client: Redis | Cluster) {
    this.#c = client;
  }

  async enqueue(job: NewPrivacyJob, now: number): Promise<{ id: string; duplicate: boolean }> {
    const dedupe = (job.dedupe ?? []).map((d) => ({ key: dedupeKey(d.key), ttl: Math.max(1, Math.round(d.ttlMs)) }));
    const [id, dup] = (await this.#c.eval(
      ENQUEUE_LUA,
      3 + dedupe.length,
      jobKey(job.id),
      DUE,
      jobsOf(job.shop),
      ...dedupe.map((d) => d.key),
      encodeId('jobId', job.id),
      job.shop,
      job.kind,
      JSON.stringify(job.payload),
      now,
      dedupe.map((d) => d.key).join('\n'),
      ...dedupe.map((d) => d.ttl),
    )) as [string, number];
    return { id: decodeURIComponent(id), duplicate: Number(dup) === 1 };
  }

  async claim(now: number, leaseMs: number): Promise<PrivacyJob | undefined> {
    const flat = (await this.#c.eval(CLAIM_LUA, 1, DUE, now, now + leaseMs, JOB)) as string[] | null;
    if (!flat) return undefined;
    const job = toJob(flat);
    return { ...job, id: decodeURIComponent(job.id) };
  }

  async complete(id: string, result: Readonly<Record<string, unknown>>, now: number): Promise<void> {
    const k = jobKey(id);
    if (!(await this.#c.exists(k))) return;
    await this.#c.hset(k, 'status', 'done', 'payload', '{}', 'result', JSON.stringify(result), 'last_error', '', 'updated_at', now);
    await this.#c.zrem(DUE, encodeId('jobId', id));
  }

  async fail(id: string, error: string, retryAt: number, now: number): Promise<void> {
    const k = jobKey(id);
    if ((await this.#c.hget(k, 'status')) !== 'pending') return;
    await this.#c.hset(k, 'last_error', error.slice(0, 500), 'updated_at', now);
    await this.#c.zadd(DUE, 'XX', retryAt, encodeId('jobId', id));
  }

  async getJob(id: string): Promise<PrivacyJob | undefined> {
    const h = await this.#c.hgetall(jobKey(id));
    if (!h || Object.keys(h).length === 0) return undefined;
    return { ...toJob(h), id };
  }

  async pendingCount(): Promise<number> {
    return this.#c.zcard(DUE);
  }

  async putExport(shop: string, id: string, subject: string, doc: unknown, expiresAt: number, readsBegan: number): Promise<boolean> {
    if (await this.#erasedSince(shop, readsBegan)) return false;
    const keys = [exportKey(shop, id), exportsOf(shop, subject), exportsOfShop(shop)];
    const ttl = Math.max(1, Math.round(expiresAt - Date.now()));
    await this.#c.eval(PUT_EXPORT_LUA, keys.length, ...keys, id, JSON.stringify({ subject, doc }), ttl);
    if (!(await this.#erasedSince(shop, readsBegan))) return true;
    await this.#c.eval(DROP_EXPORT_LUA, keys.length, ...keys, id);
    return false;
  }

  /** Whether the shop was erased at or after `since` (its tombstone, kept `ERASED_KEEP_MS`). */
  async #erasedSince(shop: string, since: number): Promise<boolean> {
    const at = await this.#c.get(erasedShopKey(shop));
    return at !== null && Number(at) >= since;
  }

  async getExport(shop: string, id: string, _now: number): Promise<unknown | undefined> {
    const raw = await this.#c.get(exportKey(shop, id));
    return raw ? (JSON.parse(raw) as { doc: unknown }).doc : undefined;
  }

  async exportIdsOf(shop: string, subject: string, _now: number): Promise<string[]> {
    // The set outlives exports that expired (each export key has its own TTL): only those still there, newest (longest to live) first.
    const ids = await this.#c.smembers(exportsOf(shop, subject));
    const ttls = await Promise.all(ids.map((id) => this.#c.pttl(exportKey(shop, id))));
    return ids
      .map((id, i) => ({ id, ttl: ttls[i] as number }))
      .filter((x) => x.ttl > 0)
      .sort((a, b) => b.ttl - a.ttl || (a.id < b.id ? -1 : 1))
      .map((x) => x.id);
  }

  async deleteExportsOf(shop: string, subject: string): Promise<number> {
    const ids = await this.#c.smembers(exportsOf(shop, subject));
    let n = 0;
    for (const id of ids) n += await this.#c.unlink(exportKey(shop, id));
    if (ids.length > 0) await this.#c.srem(exportsOfShop(shop), ...ids);
    await this.#c.unlink(exportsOf(shop, subject));
    return n;
  }

  async purgeShop(shop: string, keepJobId?: string): Promise<void> {
    for (const id of await this.#c.smembers(exportsOfShop(shop))) {
      const raw = await this.#c.get(exportKey(shop, id));
      if (raw) await this.#c.unlink(exportsOf(shop, (JSON.parse(raw) as { subject: string }).subject));
      await this.#c.unlink(exportKey(shop, id));
    }
    await this.#c.unlink(exportsOfShop(shop));
    const keep = keepJobId === undefined ? undefined : encodeId('jobId', keepJobId);
    for (const enc of await this.#c.smembers(jobsOf(shop))) {
      if (enc === keep) continue;
      const k = `${JOB}${enc}`;
      // One key per line (a single key in earlier versions).
      const dedupe = (await this.#c.hget(k, 'dedupe'))?.split('\n').filter((d) => d.length > 0) ?? [];
      if (dedupe.length > 0) await this.#c.unlink(...dedupe);
      await this.#c.unlink(k);
      await this.#c.zrem(DUE, enc);
      await this.#c.srem(jobsOf(shop), enc);
    }
  }
}
