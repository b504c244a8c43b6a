/**
 * The event log of the Redis store: appends, each user's stored events, and the projector's reads.
 *
 * - `append` runs one Lua script in the `{log}` slot that, per event, checks the dedupe marker
 *   `aff:{log}:seen:<shop>:<id>` and, when absent, `XADD`s the event to the stream `aff:{log}:events`
 *   and sets the marker (value: the stream id, TTL `dedupeTtlMs`). Check and append are one atomic step
 *   and all keys share the `{log}` tag, so this works on Cluster. Then the user's event history
 *   (`getUserEvents`) is written idempotently (`ZADD NX` / `HSETNX` keyed by the stream id), for new
 *   and duplicate events alike, so a retry after a failed second step repairs the history. `append`
 *   resolves only after both steps were acknowledged by Redis (a standalone server runs both in one
 *   script); it rejects (never hangs) after `opTimeoutMs`. On a Cluster, an append writes only the
 *   `{log}` slot and its shoppers' slots: the shops registry (`aff:shops`, one key on one master) is
 *   written in the background once per shop per process, so losing that master stops no append. When
 *   the log step succeeded and a history write failed, the error says so (the events are logged).
 * - The projector reads the stream with the consumer group `projector` (`readUnprojected`); entries
 *   stay pending until the projection writer acknowledges them (`redisProjectionWriter.ts`), which
 *   also trims acknowledged entries, so the stream holds the backlog only; the per-user history keeps
 *   the events for `getUserEvents`.
 */
import { LRUCache } from 'lru-cache';
import { hostname } from 'node:os';
import { AffinityError } from '../../core/errors.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { AppendResult, LoggedEvent } from '../../core/ports.ts';
import { DEFAULT_CLAIM_IDLE_MS, deadConsumers, parseConsumers } from './deadConsumers.ts';
import { LOG_KEY, PROJECTOR_GROUP, SHOPS_KEY, compareStreamIds, padStreamId, seenKey, userKeys } from './keys.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd, finite, positiveInt, script, type Arg, type Op } from './redisOps.ts';
import { errMessage, pairs, parseJson } from './replies.ts';

/**
 * How long a process trusts that a shop is in the shops registry (Cluster) before writing it again: a
 * shop erased meanwhile (`eraseShop` removes it) and sending events again must be back on the list the
 * retention sweeps walk. One SADD per shop and minute.
 */
const REGISTERED_TTL_MS = 60_000;

/** Options of {@link RedisEventLog}. */
export interface RedisEventLogOptions {
  /** User keys expire this long after the user's last append or projection, ms. */
  readonly profileTtlMs: number;
  /**
   * Largest backlog of unprojected events the log may hold. An `append` that would exceed it rejects
   * with `STORE_UNAVAILABLE` (back-pressure: nothing is ever dropped). Default: unbounded.
   */
  readonly streamMaxLen?: number;
  /** How long an event id is remembered for deduplication, ms. Default: `profileTtlMs`. */
  readonly dedupeTtlMs?: number;
  /** Events kept per user for `getUserEvents` (oldest trimmed first). Default 500. */
  readonly eventsPerUser?: number;
  /**
   * Consumer name in the `projector` group; must differ between processes projecting at the same
   * time. Entries delivered to a consumer stay pending until acknowledged; a store with the same
   * name gets them back first, others take them over once the consumer is dead (see
   * `deadConsumers.ts`). Default: `<hostname>-<pid>` (unique among live processes; stable across
   * restarts of a container, where the pid is 1; a dead process of this host is recognised at once).
   */
  readonly consumer?: string;
  /**
   * A consumer that has not touched the group for this long is dead, and so are entries pending
   * this long: their entries are claimed, ms. Default 30 000 (a live projector touches the group
   * every 250 ms while idle and at every batch).
   */
  readonly claimIdleMs?: number;
}

const DEFAULT_EVENTS_PER_USER = 500;
/** How often the projector's reads look for dead consumers, ms (the first read always does). */
const DEAD_CONSUMER_CHECK_MS = 5_000;
/** Entries claimed from dead consumers per read, at most. */
const RECLAIM_MAX = 10_000;

/** Counts of an append from the append script's reply (`{{isNew, streamId}…}`, one per event). */
function appendResult(reply: unknown, events: number): AppendResult {
  if (!Array.isArray(reply) || reply.length !== events) throw new Error(`Unexpected reply of the append script: ${JSON.stringify(reply)}`);
  let accepted = 0;
  for (const [isNew] of reply as [unknown, unknown][]) if (Number(isNew) === 1) accepted += 1;
  return { accepted, duplicates: events - accepted };
}

/** Parsed stream entry reply `[id, [field, value, …] | null]`. */
interface RawEntry {
  readonly id: string;
  readonly body: string | undefined;
  readonly deleted: boolean;
}

/** Entries of an `XRANGE`-shaped list (`XAUTOCLAIM`'s second element); a deleted entry has no fields. */
function parseEntries(list: unknown): RawEntry[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) => {
    const [id, fields] = entry as [string, unknown];
    if (!Array.isArray(fields)) return { id, body: undefined, deleted: true };
    let body: string | undefined;
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'e') body = String(fields[i + 1]);
    return { id, body, deleted: false };
  });
}

/** Entries of an XREADGROUP reply (`[[stream, entries]]` or null). */
function readGroupEntries(reply: unknown): RawEntry[] {
  if (!Array.isArray(reply)) return [];
  return reply.flatMap((s) => parseEntries((s as [string, unknown])[1]));
}

/** The Redis event log (see the module comment). */
export class RedisEventLog {
  readonly #c: RedisConnection;
  readonly #ttl: number;
  readonly #dedupeTtl: number;
  readonly #maxBacklog: number;
  readonly #eventsPerUser: number;
  readonly #consumer: string;
  readonly #claimIdle: number;
  #nextDeadCheck = 0;
  /** Shops this process wrote to the shops registry (Cluster), or is writing, in the last {@link REGISTERED_TTL_MS}. */
  readonly #registered = new LRUCache<string, true>({ max: 100_000, ttl: REGISTERED_TTL_MS });
  #groupReady: Promise<void> | undefined;

  constructor(connection: RedisConnection, opts: RedisEventLogOptions) {
    this.#c = connection;
    this.#ttl = positiveInt('profileTtlMs', opts.profileTtlMs);
    this.#dedupeTtl = positiveInt('dedupeTtlMs', opts.dedupeTtlMs ?? opts.profileTtlMs);
    this.#maxBacklog = opts.streamMaxLen === undefined ? 0 : positiveInt('streamMaxLen', opts.streamMaxLen);
    this.#eventsPerUser = positiveInt('eventsPerUser', opts.eventsPerUser ?? DEFAULT_EVENTS_PER_USER);
    this.#consumer = opts.consumer ?? `${hostname() || 'affinity'}-${process.pid}`;
    this.#claimIdle = positiveInt('claimIdleMs', opts.claimIdleMs ?? DEFAULT_CLAIM_IDLE_MS);
  }

  /** This store's consumer name in the `projector` group. */
  get consumer(): string {
    return this.#consumer;
  }

  /** How long entries pending at a consumer that does not touch the group are left to it, ms. */
  get claimIdleMs(): number {
    return this.#claimIdle;
  }

  /** Durably stores events, ignoring ids already stored for the same shop (see the module comment). */
  async append(events: readonly UserEvent[]): Promise<AppendResult> {
    return this.#c.run('append', async () => {
      if (events.length === 0) return { accepted: 0, duplicates: 0 };
      // Everything that can be refused is checked before the first write.
      const keys = events.map((e) => {
        finite('event ts', e.ts);
        return userKeys(e.shop, e.userId);
      });
      const seen = events.map((e) => seenKey(e.shop, e.id));
      const bodies = events.map((e) => JSON.stringify(e));
      const shops = [...new Set(events.map((e) => e.shop))];
      const historyTtls = [this.#eventsPerUser, this.#ttl, Math.max(this.#ttl, this.#dedupeTtl)];
      // Per-user history, keyed by log position. Written for duplicates too: a retry after a failed
      // history write must still complete it; ZADD NX / HSETNX make it idempotent.
      if (!this.#c.cluster) {
        // One round trip: the log and the histories in one script (a standalone server has no slots).
        const users = new Map<string, number>();
        const userKeyList: string[] = [];
        const perEvent: Arg[] = [];
        events.forEach((e, i) => {
          const k = keys[i]!;
          let u = users.get(k.events);
          if (u === undefined) {
            users.set(k.events, (u = users.size + 1));
            userKeyList.push(k.events, k.eventBodies, k.eventIds);
          }
          perEvent.push(u, e.ts, e.id);
        });
        const [logged] = await this.#c.exec([
          script('affAppendWithHistory', [LOG_KEY, ...seen, ...userKeyList], [PROJECTOR_GROUP, this.#dedupeTtl, this.#maxBacklog, ...historyTtls, events.length, ...bodies, ...perEvent]),
          cmd(SHOPS_KEY, 'sadd', SHOPS_KEY, ...shops),
        ]);
        return appendResult(logged, events.length);
      }
      const [logged] = await this.#c.exec([script('affAppend', [LOG_KEY, ...seen], [PROJECTOR_GROUP, this.#dedupeTtl, this.#maxBacklog, ...bodies])]);
      const result = appendResult(logged, events.length);
      const perUser = new Map<string, { keys: ReturnType<typeof userKeys>; args: Arg[] }>();
      events.forEach((e, i) => {
        const k = keys[i]!;
        let u = perUser.get(k.events);
        if (!u) perUser.set(k.events, (u = { keys: k, args: [] }));
        u.args.push(padStreamId(String((logged as [number, string][])[i]![1])), e.ts, bodies[i]!, e.id);
      });
      const ops: Op[] = [];
      for (const { keys: k, args } of perUser.values()) ops.push(script('affHistoryAdd', [k.events, k.eventBodies, k.eventIds], [...historyTtls, ...args]));
      this.#register(shops);
      try {
        await this.#c.exec(ops);
      } catch (e) {
        // The events are in the log (they will be projected); only some shoppers' histories are missing.
        throw new AffinityError(
          'STORE_UNAVAILABLE',
          `Redis append: the events are logged (${result.accepted} new, ${result.duplicates} already logged) but the event history of some shoppers was not written (${errMessage(e)}); sending the same events again completes it without counting them twice.`,
          [],
          { cause: e },
        );
      }
      return result;
    });
  }

  /**
   * Cluster: adds shops to the shops registry once per process, in the background: the registry is
   * one key on one master, so an append must not wait for it (nor fail with it). A failed write is
   * tried again by the next append of the shop; the projector also writes the registry before it
   * acknowledges a shop's first events (`redisProjectionWriter.ts`).
   */
  #register(shops: readonly string[]): void {
    const fresh = shops.filter((s) => !this.#registered.has(s));
    if (fresh.length === 0) return;
    for (const s of fresh) this.#registered.set(s, true);
    this.#c.exec([cmd(SHOPS_KEY, 'sadd', SHOPS_KEY, ...fresh)]).catch(() => {
      for (const s of fresh) this.#registered.delete(s);
    });
  }

  /**
   * Unprojected events, oldest first. First takes over the entries of dead consumers (at the first
   * call, then every few seconds; see `deadConsumers.ts`). Returns, in this order of priority: entries
   * already delivered to this consumer but not acknowledged (a restart after a crash re-projects them,
   * and so does one that took them over from a dead consumer), entries pending for longer than
   * `claimIdleMs` at other consumers (claimed with XAUTOCLAIM), then new entries (`XREADGROUP ... >`).
   * Entries stay pending until `applyProjection` acknowledges them, so repeated calls return them again.
   */
  async readUnprojected(limit: number): Promise<LoggedEvent[]> {
    return this.#c.run('readUnprojected', async () => {
      const n = Math.floor(limit);
      if (!(n > 0)) return [];
      try {
        return await this.#readUnprojected(n);
      } catch (e) {
        // The group vanished (Redis restarted without persistence, FLUSHALL): recreate it and retry.
        if (!errMessage(e).includes('NOGROUP')) throw e;
        this.#groupReady = undefined;
        return await this.#readUnprojected(n);
      }
    });
  }

  async #readUnprojected(limit: number): Promise<LoggedEvent[]> {
    await this.#ensureGroup();
    await this.#takeOverDeadConsumers();
    const g = PROJECTOR_GROUP;
    const c = this.#consumer;
    const [mine, claimed] = await this.#c.exec([
      cmd(LOG_KEY, 'xreadgroup', 'GROUP', g, c, 'COUNT', limit, 'STREAMS', LOG_KEY, '0'),
      cmd(LOG_KEY, 'xautoclaim', LOG_KEY, g, c, this.#claimIdle, '0-0', 'COUNT', limit),
    ]);
    const found = new Map<string, RawEntry>();
    for (const e of [...readGroupEntries(mine), ...parseEntries((claimed as unknown[] | null)?.[1])]) found.set(e.id, e);
    const live = (): number => [...found.values()].filter((e) => !e.deleted).length;
    if (live() < limit) {
      const [fresh] = await this.#c.exec([cmd(LOG_KEY, 'xreadgroup', 'GROUP', g, c, 'COUNT', limit - live(), 'STREAMS', LOG_KEY, '>')]);
      for (const e of readGroupEntries(fresh)) found.set(e.id, e);
    }
    // Pending entries whose body was trimmed away cannot be projected; acknowledge them so they go.
    const gone = [...found.values()].filter((e) => e.deleted).map((e) => e.id);
    if (gone.length > 0) await this.#c.exec([cmd(LOG_KEY, 'xack', LOG_KEY, g, ...gone)]);
    return [...found.values()]
      .filter((e) => !e.deleted)
      .sort((a, b) => compareStreamIds(a.id, b.id))
      .slice(0, limit)
      .map((e) => {
        if (e.body === undefined) throw new AffinityError('INTERNAL', `Event log entry ${e.id} in Redis has no event body (field "e").`);
        return { seq: e.id, event: parseJson<UserEvent>(`event log entry ${e.id}`, e.body) };
      });
  }

  /** Moves the pending entries of dead consumers to this one and drops the dead from the group (when due). */
  async #takeOverDeadConsumers(): Promise<void> {
    if (Date.now() < this.#nextDeadCheck) return;
    const [info] = await this.#c.exec([cmd(LOG_KEY, 'xinfo', 'CONSUMERS', LOG_KEY, PROJECTOR_GROUP)]);
    const dead = deadConsumers(parseConsumers(info), this.#consumer, this.#claimIdle);
    if (dead.length > 0) await this.#c.exec([script('affReclaim', [LOG_KEY], [PROJECTOR_GROUP, this.#consumer, RECLAIM_MAX, ...dead])]);
    this.#nextDeadCheck = Date.now() + DEAD_CONSUMER_CHECK_MS;
  }

  /**
   * Events logged but not projected yet, exactly: the entries not delivered to the projector group
   * yet (XINFO GROUPS `lag`, Redis 7) plus those delivered and not acknowledged (`pending`, at every
   * consumer, a dead one's included). Where `lag` is not available (Redis 6, or Redis 7 after an
   * erasure deleted entries the group has not reached), the stream's length, an upper bound: the
   * stream holds the backlog plus acknowledged entries not yet trimmed behind an older pending one.
   */
  async backlog(): Promise<number> {
    return this.#c.run('backlog', async () => {
      let groups: unknown;
      try {
        [groups] = await this.#c.exec([cmd(LOG_KEY, 'xinfo', 'GROUPS', LOG_KEY)]);
      } catch (e) {
        if (/no such key/i.test(errMessage(e))) return 0;
        throw e;
      }
      const group = (Array.isArray(groups) ? groups : [])
        .map((g) => new Map(pairs(g).map(([k, v]) => [k, v] as const)))
        .find((g) => g.get('name') === PROJECTOR_GROUP);
      const lag = group?.get('lag');
      if (group && lag !== undefined && lag !== '' && lag !== 'null' && Number.isFinite(Number(lag))) {
        return Number(lag) + Number(group.get('pending') ?? 0);
      }
      const [len] = await this.#c.exec([cmd(LOG_KEY, 'xlen', LOG_KEY)]);
      return Number(len);
    });
  }

  /** Creates the projector group once (again after it vanished). */
  #ensureGroup(): Promise<void> {
    this.#groupReady ??= (async () => {
      try {
        await this.#c.exec([cmd(LOG_KEY, 'xgroup', 'CREATE', LOG_KEY, PROJECTOR_GROUP, '0', 'MKSTREAM')]);
      } catch (e) {
        if (!errMessage(e).includes('BUSYGROUP')) throw e;
      }
    })().catch((e: unknown) => {
      this.#groupReady = undefined;
      throw e;
    });
    return this.#groupReady;
  }

  /** A user's stored events, newest first (at most `eventsPerUser` are kept). */
  async getUserEvents(shop: string, userId: string, limit: number): Promise<UserEvent[]> {
    return this.#c.run('getUserEvents', async () => {
      const n = Math.floor(limit);
      if (!(n > 0)) return [];
      const k = userKeys(shop, userId);
      const [bodies] = await this.#c.exec([script('affHistoryGet', [k.events, k.eventBodies], [Math.min(n, this.#eventsPerUser)])]);
      return ((bodies as (string | null)[] | null) ?? [])
        .filter((b): b is string => typeof b === 'string')
        .map((b) => parseJson<UserEvent>(`event of ${shop}/${userId}`, b));
    });
  }

  /** Every shop that has events (or projected state), sorted. */
  async listShops(): Promise<string[]> {
    return this.#c.run('listShops', async () => {
      const [res] = await this.#c.exec([cmd(SHOPS_KEY, 'smembers', SHOPS_KEY)]);
      return ((res as string[] | null) ?? []).map(String).sort();
    });
  }
}
