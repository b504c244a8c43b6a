/**
 * Data-subject operations of the Redis store (erasure, export, identity links). `RedisStore`
 * delegates its {@link PrivacyStore} methods here, inside its deadline wrapper.
 *
 * Where a user's data lives, and how an erasure finds it:
 * - the per-user keys (`aff:{<shop>:<user>}:…`: profile, history, event ids, links, session-only
 *   events, latest conversation) are deleted in one `UNLINK` (one slot), and the context of the
 *   latest conversation after it (its own slot);
 * - events not projected yet are still in the global stream `aff:{log}:events`: the stream holds the
 *   backlog only (acknowledged entries are trimmed), so it is scanned and the user's entries are
 *   deleted and acknowledged in the projector group in one script (`affErase`): a projector on any
 *   node holding them in a batch finds them no longer pending, so its batch comes back `stale` and is
 *   folded again without them (the profile is not written back);
 * - the dedupe markers `aff:{log}:seen:<shop>:<eventId>` are found through the user's event-id set
 *   (the history is capped, the markers are not), the history and the stream;
 * - the ids linked to the user lose their link back to it (not with `keepLinks`: a consent withdrawal
 *   keeps the links, the index a later redaction follows).
 * Aggregates (co-occurrence, popularity) name no user and stay.
 *
 * Erasing a shop first leaves the shop's tombstone (`erasedShopKey`, `adapters/erasureTombstones.ts`),
 * then deletes the shop's log entries and every key of the shop but that one: a served list or an
 * outcome from before the erasure that another process writes afterwards is dropped by the script
 * writing it (`redisAttribution.ts`); one written before the tombstone is there for the deletion.
 * Then it moves the tombstone to the deletion's end and deletes the attribution keys once more, for
 * the lists served while the deletion ran (`eraseShop`).
 *
 * The privacy worker also erases while the local projector is paused (see `privacyWorker.ts`); other
 * nodes' projectors are held off by the acknowledgement above.
 */
import type { Cluster, Redis } from 'ioredis';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { EraseUserOptions, ErasureReport, KeptConsent, UserExport } from '../../core/ports.ts';
import type { RawProfile } from '../../core/profile/profileDelta.ts';
import { ERASED_KEEP_MS, erasedIdHash } from '../erasureTombstones.ts';
import { CONSENT_KEEP_MS, decodeKeptConsent, encodeKeptConsent } from '../keptConsent.ts';
import {
  CATALOG_SHOPS_KEY,
  CATALOG_VERSIONS_KEY,
  LINK_VERSIONS_KEY,
  LOG_KEY,
  PROJECTOR_GROUP,
  SHOPS_KEY,
  erasableUserKeys,
  erasedShopKey,
  keptConsentKey,
  lastSeenKey,
  seenKey,
  shopKeyPatterns,
  userKeys,
} from './keys.ts';
import { attributionKeysPattern } from './redisAttribution.ts';
import { conversationKey } from './redisConversations.ts';
import type { ScriptName } from './redisScripts.ts';

/** Most ids a transitive link walk visits. */
export const MAX_LINKED_IDS = 1000;
/** Entries read per XRANGE page and keys per SCAN page. */
const PAGE = 500;

type Client = Redis | Cluster;

/** A shop's tombstone (KEYS[1]), only ever later; ARGV: the erasure time, how long it lives (ms). */
const SHOP_ERASED_LUA = `
local last = redis.call('GET', KEYS[1])
local at = ARGV[1]
if last and tonumber(last) > tonumber(at) then at = last end
redis.call('SET', KEYS[1], at, 'PX', ARGV[2])
return 1`;

/** A stream entry of the event log, parsed. */
interface LogEntry {
  readonly streamId: string;
  readonly event: UserEvent | undefined;
}

/** Redis data-subject operations. */
export class RedisPrivacy {
  readonly #c: Client;
  readonly #cluster: boolean;
  readonly #ttl: number;

  constructor(client: Client, cluster: boolean, profileTtlMs: number) {
    this.#c = client;
    this.#cluster = cluster;
    this.#ttl = profileTtlMs;
  }

  async link(shop: string, a: string, b: string): Promise<void> {
    if (a === b) return;
    const ka = userKeys(shop, a).links;
    const kb = userKeys(shop, b).links;
    await Promise.all([
      this.#c.call('sadd', ka, b),
      this.#c.call('sadd', kb, a),
    ]);
    await Promise.all([this.#c.call('pexpire', ka, this.#ttl), this.#c.call('pexpire', kb, this.#ttl)]);
  }

  async linkedIds(shop: string, id: string): Promise<string[]> {
    const seen = new Set<string>([id]);
    let frontier = [id];
    while (frontier.length > 0 && seen.size < MAX_LINKED_IDS) {
      const replies = await Promise.all(frontier.map((x) => this.#c.call('smembers', userKeys(shop, x).links) as Promise<string[]>));
      frontier = [];
      for (const list of replies) {
        for (const next of list ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          frontier.push(next);
        }
      }
    }
    seen.delete(id);
    return [...seen].sort();
  }

  /** Ids linked to `id` by one link (its own link set, one read), without `id`, sorted. */
  async directLinks(shop: string, id: string): Promise<string[]> {
    const members = ((await this.#c.call('smembers', userKeys(shop, id).links)) as string[] | null) ?? [];
    return members.filter((x) => x !== id).sort();
  }

  /** Keeps an id's consent state (`adapters/keptConsent.ts`), replacing the one kept before. */
  async keepConsent(shop: string, userId: string, state: KeptConsent): Promise<void> {
    await this.#c.set(keptConsentKey(shop, erasedIdHash(shop, userId)), encodeKeptConsent(state), 'PX', CONSENT_KEEP_MS);
  }

  /** The kept consent states of `ids`, aligned: one MGET (the keys share the shop's slot). */
  async keptConsent(shop: string, ids: readonly string[]): Promise<(KeptConsent | undefined)[]> {
    if (ids.length === 0) return [];
    const got = await this.#c.mget(...ids.map((id) => keptConsentKey(shop, erasedIdHash(shop, id))));
    return got.map((raw) => decodeKeptConsent(raw));
  }

  /** Erases one id; with `keepLinks` its identity links (both directions) stay. */
  async eraseUser(shop: string, userId: string, opts: EraseUserOptions = {}): Promise<ErasureReport> {
    const k = userKeys(shop, userId);
    const [ids, bodies, links, hadProfile, conversation] = (await Promise.all([
      this.#c.call('smembers', k.eventIds),
      this.#c.call('hvals', k.eventBodies),
      this.#c.call('smembers', k.links),
      this.#c.call('exists', k.doc, k.meta),
      this.#c.call('get', k.latestConversation),
    ])) as [string[], string[], string[], number, string | null];
    const eventIds = new Set<string>(ids ?? []);
    for (const b of bodies ?? []) {
      const e = parseEvent(b);
      if (e) eventIds.add(e.id);
    }
    const inLog = await this.#logEntries((e) => e.shop === shop && e.userId === userId);
    for (const x of inLog) if (x.event) eventIds.add(x.event.id);
    await this.#xdel(inLog.map((x) => x.streamId));
    await this.#deleteMarkers(shop, [...eventIds]);
    if (!opts.keepLinks) for (const other of links ?? []) await this.#c.call('srem', userKeys(shop, other).links, userId);
    await this.#c.call('unlink', ...erasableUserKeys(k).filter((key) => !opts.keepLinks || key !== k.links));
    // The latest conversation's context (another slot): what the agent said this shopper wants.
    if (conversation) await this.#c.call('unlink', conversationKey(shop, conversation));
    await this.#c.call('zrem', lastSeenKey(shop), userId);
    return { events: eventIds.size, profiles: Number(hadProfile) > 0 ? 1 : 0, links: opts.keepLinks ? 0 : (links ?? []).length };
  }

  /**
   * Erases the whole tenant, leaving its tombstone (erased `now`, then moved to the end of the
   * deletion). A served list's steps are separate scripts, so one served while the keys go can be
   * numbered before the deletion reaches the shop's dictionary and appended after it passed the day's
   * key: a record naming numbers the reinstalled shop hands out again (another shopper's, another
   * product). Moving the tombstone makes every step that runs from then drop such a list, and what the
   * steps before wrote exists by then, so the second pass over the attribution keys removes it. Both
   * are keys of the shop's slot the list scripts read themselves, so this holds on Cluster too. Not
   * covered: a list served after the move whose steps straddle the second pass.
   */
  async eraseShop(shop: string, now = Date.now()): Promise<void> {
    const started = performance.now();
    const tombstone = erasedShopKey(shop);
    await this.#c.eval(SHOP_ERASED_LUA, 1, tombstone, now, ERASED_KEEP_MS);
    const inLog = await this.#logEntries((e) => e.shop === shop);
    await this.#xdel(inLog.map((x) => x.streamId));
    for (const pattern of shopKeyPatterns(shop)) await this.#unlinkMatching(pattern, tombstone);
    await Promise.all([
      this.#c.call('srem', SHOPS_KEY, shop),
      this.#c.call('srem', CATALOG_SHOPS_KEY, shop),
      this.#c.call('hdel', CATALOG_VERSIONS_KEY, shop),
      this.#c.call('hdel', LINK_VERSIONS_KEY, shop),
    ]);
    // `now` plus the time the deletion took (on the caller's clock, as `now` is).
    await this.#c.eval(SHOP_ERASED_LUA, 1, tombstone, now + Math.floor(performance.now() - started), ERASED_KEEP_MS);
    await this.#unlinkMatching(attributionKeysPattern(shop), tombstone);
  }

  async exportUser(shop: string, userId: string, profile: RawProfile | undefined): Promise<UserExport> {
    const k = userKeys(shop, userId);
    const bodies = ((await this.#c.call('hvals', k.eventBodies)) as string[] | null) ?? [];
    const byId = new Map<string, UserEvent>();
    for (const b of bodies) {
      const e = parseEvent(b);
      if (e) byId.set(e.id, e);
    }
    for (const x of await this.#logEntries((e) => e.shop === shop && e.userId === userId)) if (x.event) byId.set(x.event.id, x.event);
    const events = [...byId.values()].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
    return { shop, userId, linkedIds: await this.linkedIds(shop, userId), ...(profile ? { profile } : {}), events };
  }

  /** Entries of the event log (the unprojected backlog) whose event matches. */
  async #logEntries(match: (e: UserEvent) => boolean): Promise<LogEntry[]> {
    const out: LogEntry[] = [];
    let start = '-';
    for (;;) {
      const page = ((await this.#c.call('xrange', LOG_KEY, start, '+', 'COUNT', PAGE)) as [string, string[]][] | null) ?? [];
      for (const [streamId, fields] of page) {
        let body: string | undefined;
        for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'e') body = fields[i + 1];
        const event = body === undefined ? undefined : parseEvent(body);
        if (event && match(event)) out.push({ streamId, event });
      }
      if (page.length < PAGE) return out;
      start = `(${page[page.length - 1]![0]}`;
    }
  }

  /** Deletes and acknowledges log entries (`affErase`): another node's batch holding them comes back `stale`. */
  async #xdel(streamIds: readonly string[]): Promise<void> {
    const scripts = this.#c as unknown as Record<ScriptName, (...args: (string | number)[]) => Promise<unknown>>;
    for (let i = 0; i < streamIds.length; i += PAGE) await scripts.affErase(1, LOG_KEY, PROJECTOR_GROUP, ...streamIds.slice(i, i + PAGE));
  }

  /** Markers share the `{log}` tag, so one UNLINK per page works on Cluster too. */
  async #deleteMarkers(shop: string, eventIds: readonly string[]): Promise<void> {
    for (let i = 0; i < eventIds.length; i += PAGE) {
      const keys = eventIds.slice(i, i + PAGE).map((id) => seenKey(shop, id));
      if (keys.length > 0) await this.#c.call('unlink', ...keys);
    }
  }

  /** SCANs every master (one node when standalone) and unlinks the keys matching `pattern`, but `keep`. */
  async #unlinkMatching(pattern: string, keep: string): Promise<void> {
    const nodes: Redis[] = this.#cluster ? (this.#c as Cluster).nodes('master') : [this.#c as Redis];
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = (await node.call('scan', cursor, 'MATCH', pattern, 'COUNT', PAGE)) as [string, string[]];
        cursor = next;
        // Keys of one SCAN page may sit in different slots: one UNLINK each.
        await Promise.all(keys.filter((key) => key !== keep).map((key) => node.call('unlink', key)));
      } while (cursor !== '0');
    }
  }
}

function parseEvent(body: string): UserEvent | undefined {
  try {
    const e = JSON.parse(body) as UserEvent;
    return e && typeof e.id === 'string' && typeof e.userId === 'string' ? e : undefined;
  } catch {
    return undefined;
  }
}
