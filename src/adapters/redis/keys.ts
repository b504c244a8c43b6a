/**
 * Key layout of the Redis store. Every key starts with `aff:` and carries a hash tag, so that all keys
 * one operation touches land in one Cluster slot:
 *
 * | key                                   | type       | content                                               |
 * |---------------------------------------|------------|-------------------------------------------------------|
 * | `aff:{<shop>:<user>}:p:feat`          | sorted set | feature → decay-forward sum (score)                   |
 * | `aff:{<shop>:<user>}:p:meta`          | hash       | `event_count`, `first_seen`, `last_seen`, `customer_id` |
 * | `aff:{<shop>:<user>}:p:recent`        | sorted set | `<productId>\|<type>` → latest ts, capped              |
 * | `aff:{<shop>:<user>}:p:bought`        | set        | product ids bought                                    |
 * | `aff:{<shop>:<user>}:p:doc`           | string     | the four `p:` keys above as one JSON document          |
 * | `aff:{<shop>:<user>}:events`          | sorted set | log position (padded stream id) → event ts, capped    |
 * | `aff:{<shop>:<user>}:events:body`     | hash       | log position → event JSON                             |
 * | `aff:{<shop>:<user>}:events:ids`      | set        | ids of the user's events whose dedupe markers may live |
 * | `aff:{<shop>:<user>}:links`           | set        | ids linked to this one (identity links, symmetric)    |
 * | `aff:{<shop>:<user>}:p:applied`       | sorted set | log entries in the profile → when (Cluster only, `redisProjectionWriter.ts`) |
 * | `aff:{<shop>:<user>}:sess`            | list       | session-only events (stateless nodes, `redisSessionState.ts`) |
 * | `aff:{<shop>:<user>}:conv`            | string     | the shopper's latest conversation id (`redisConversations.ts`) |
 * | `aff:{<shop>}:co:<productId>`         | sorted set | neighbour → co-occurrence weight, capped              |
 * | `aff:{<shop>}:cnt:<counter>:<epoch>`  | sorted set | product → counter weight                              |
 * | `aff:{<shop>}:products`               | hash       | product id → product JSON                             |
 * | `aff:{<shop>}:products:tombstones`    | sorted set | deleted product id → when its tombstone was written (pruning, `redisCatalog.ts`) |
 * | `aff:{<shop>}:product-links`          | hash       | learned product links (`p:<id>` → handle, `v:<id>` → id) |
 * | `aff:{<shop>}:last-seen`              | sorted set | user id → last event ts (per-market retention sweeps) |
 * | `aff:{<shop>}:applied`                | sorted set | log entries in the shop's statistics → when (Cluster only) |
 * | `aff:{<shop>}:rx:<hash>`              | string     | erasure time of a shopper id (tombstone, with a TTL; `redisAttribution.ts`) |
 * | `aff:{<shop>}:rx`                     | string     | time of the shop's latest shopper erasure (with the latest tombstone's TTL) |
 * | `aff:{<shop>}:rx:shop`                | string     | time the shop was erased (shop tombstone, with a TTL; outlives `eraseShop`) |
 * | `aff:{<shop>}:ck:<hash>`              | string     | kept consent state of a shopper who withdrew (JSON, with a TTL; `adapters/keptConsent.ts`) |
 * | `aff:{log}:events`                    | stream     | the global event log, consumer group `projector`      |
 * | `aff:{log}:seen:<shop>:<eventId>`     | string     | stream id of the event (dedupe marker, with a TTL)    |
 * | `aff:{log}:lease:<streamId>`          | string     | consumer applying the entry (Cluster only, with a TTL) |
 * | `aff:shops`, `aff:catalog-shops`      | set        | shop registries (raw shop ids)                         |
 *
 * Shop, user, product and event ids are encoded with `encodeURIComponent`, which escapes `{`, `}`, `:`,
 * `|` and `%`, so an id can neither end a hash tag early nor be confused with a key separator. The
 * features are a sorted set rather than a hash because `ZINCRBY` adds IEEE doubles exactly like the
 * SQLite store (`HINCRBYFLOAT` adds in long double and prints with a fixed 17 decimals).
 *
 * `p:doc` is derived: the projection rebuilds it (server-side, in the same transaction) from the four
 * profile structures it has just updated, so a profile read is one `GET` and one `JSON.parse` instead
 * of four commands whose replies the client parses element by element. The structures stay the
 * source of truth (the projection adds to them without reading); a missing document (data projected
 * before it existed) is read from them.
 */

/** Prefix of every key. */
export const PREFIX = 'aff:';
/** Consumer group the projector reads the event log with. */
export const PROJECTOR_GROUP = 'projector';
/** Global event log (a Redis Stream). */
export const LOG_KEY = `${PREFIX}{log}:events`;
/** Registry of shops that have events. */
export const SHOPS_KEY = `${PREFIX}shops`;
/** Registry of shops that have a catalog. */
export const CATALOG_SHOPS_KEY = `${PREFIX}catalog-shops`;
/** Hash shop → version of its learned product links (HINCRBY on every save). */
export const LINK_VERSIONS_KEY = `${PREFIX}link-versions`;
/** Hash shop → catalog version (HINCRBY on every upsert). */
export const CATALOG_VERSIONS_KEY = `${PREFIX}catalog-versions`;

/** Encodes an id for use inside a key: no `{`, `}`, `:` or `|` survive. Rejects empty ids. */
export function encodeId(what: string, id: string): string {
  if (typeof id !== 'string' || id.length === 0) throw new TypeError(`Redis key: ${what} must be a non-empty string.`);
  return encodeURIComponent(id);
}

/** The keys holding one user's state (all in one slot: tag `{<shop>:<user>}`). */
export interface UserKeys {
  /**
   * The profile as four structures (features, meta, recent items, purchases): how versions before the
   * profile document kept it. Read when a user has no document yet, removed by the user's next
   * projection, erased with the rest.
   */
  readonly feat: string;
  readonly meta: string;
  readonly recent: string;
  readonly bought: string;
  /** The profile, one JSON document (`core/profile/profileDoc.ts`) that the projector writes. */
  readonly doc: string;
  readonly events: string;
  readonly eventBodies: string;
  /**
   * Ids of the user's events, kept as long as their dedupe markers may live (the history is capped,
   * the markers are not), so that an erasure finds every marker.
   */
  readonly eventIds: string;
  /** Identity links of this id (a set of linked ids). */
  readonly links: string;
  /**
   * Log entries whose deltas the profile holds (Cluster: entry id → when applied, kept a day), so a
   * batch applied again after a failure elsewhere is not counted twice (`redisProjectionWriter.ts`).
   */
  readonly applied: string;
  /** Session-only events of a shopper who may not be stored (stateless nodes, `redisSessionState.ts`). */
  readonly session: string;
  /** The shopper's latest conversation id (`redisConversations.ts`; its context is keyed by that id). */
  readonly latestConversation: string;
}

/** Keys of one user. */
export function userKeys(shop: string, userId: string): UserKeys {
  const p = `${PREFIX}{${encodeId('shop', shop)}:${encodeId('userId', userId)}}`;
  return {
    feat: `${p}:p:feat`,
    meta: `${p}:p:meta`,
    recent: `${p}:p:recent`,
    bought: `${p}:p:bought`,
    doc: `${p}:p:doc`,
    events: `${p}:events`,
    eventBodies: `${p}:events:body`,
    eventIds: `${p}:events:ids`,
    links: `${p}:links`,
    applied: `${p}:p:applied`,
    session: `${p}:sess`,
    latestConversation: `${p}:conv`,
  };
}

/** Every key of one user's profile and history: what activity keeps alive (the projection refreshes their TTL). */
export function allUserKeys(k: UserKeys): string[] {
  return [k.doc, k.events, k.eventBodies];
}

/**
 * Every key of one user, for erasure (with the structures of earlier versions, the session-only
 * events and the latest-conversation pointer; the conversation's own context has another tag, so the
 * erasure deletes it apart). The consent state (`:consent`) stays: it records the withdrawal.
 */
export function erasableUserKeys(k: UserKeys): string[] {
  return [...allUserKeys(k), k.feat, k.meta, k.recent, k.bought, k.eventIds, k.links, k.session, k.latestConversation, k.applied];
}

/** Escapes glob characters for `SCAN … MATCH`. */
export function globEscape(s: string): string {
  return s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** `SCAN` patterns of every key of one shop: its users' keys, its shop keys, its dedupe markers. */
export function shopKeyPatterns(shop: string): string[] {
  const enc = globEscape(encodeId('shop', shop));
  return [`${PREFIX}{${enc}:*`, `${PREFIX}{${enc}}:*`, `${PREFIX}{log}:seen:${enc}:*`];
}

/** An id's hash (`adapters/erasureTombstones.ts`) as it names a key. */
function hex(idHash: Uint8Array): string {
  return Buffer.from(idHash.buffer, idHash.byteOffset, idHash.byteLength).toString('hex');
}

function shopPrefix(shop: string): string {
  return `${PREFIX}{${encodeId('shop', shop)}}`;
}

/** Co-occurrence neighbours of one item (sorted set, tag `{<shop>}`). */
export function coocKey(shop: string, productId: string): string {
  return `${shopPrefix(shop)}:co:${encodeId('productId', productId)}`;
}

/** One epoch of a decayed counter (sorted set, tag `{<shop>}`). */
export function counterKey(shop: string, counter: 'popular' | 'trending', epoch: number): string {
  if (!Number.isSafeInteger(epoch)) throw new TypeError(`Redis key: epoch must be an integer, got ${epoch}.`);
  return `${shopPrefix(shop)}:cnt:${counter}:${epoch}`;
}

/** Product links learned from events (hash alias → target, tag `{<shop>}`). */
export function productLinksKey(shop: string): string {
  return `${shopPrefix(shop)}:product-links`;
}

/** The shop's catalog (hash id → JSON, tag `{<shop>}`). */
export function productsKey(shop: string): string {
  return `${shopPrefix(shop)}:products`;
}

/** When each tombstone of the shop's catalog was written (sorted set id → epoch ms; the catalog's slot). */
export function tombstonesKey(shop: string): string {
  return `${productsKey(shop)}:tombstones`;
}

/**
 * Log entries whose deltas the shop's statistics (co-occurrence, counters, last-seen) hold (Cluster:
 * sorted set entry id → when applied, tag `{<shop>}`; see `redisProjectionWriter.ts`).
 */
export function appliedKey(shop: string): string {
  return `${shopPrefix(shop)}:applied`;
}

/** The shop's users by last activity (sorted set user id → last event ts, tag `{<shop>}`). */
export function lastSeenKey(shop: string): string {
  return `${shopPrefix(shop)}:last-seen`;
}

/**
 * Kept consent state of one shopper id (string: JSON, `adapters/keptConsent.ts`, with a TTL; tag
 * `{<shop>}`). Named by the id's hash (`adapters/erasureTombstones.ts`), never by the id.
 */
export function keptConsentKey(shop: string, idHash: Uint8Array): string {
  return `${shopPrefix(shop)}:ck:${hex(idHash)}`;
}

/**
 * Erasure tombstone of one shopper id (string: the erasure time in epoch ms, with a TTL; tag
 * `{<shop>}`, the slot of the shop's attribution keys, so that the script writing served lists reads
 * it). Named by the id's hash (`adapters/erasureTombstones.ts`), never by the id.
 */
export function erasedIdKey(shop: string, idHash: Uint8Array): string {
  return `${shopPrefix(shop)}:rx:${hex(idHash)}`;
}

/**
 * The time of the shop's latest shopper erasure (string, epoch ms, expiring with the latest tombstone;
 * tag `{<shop>}`): a list served after it names no erased id, so its ids need no tombstone lookup.
 */
export function lastErasureKey(shop: string): string {
  return `${shopPrefix(shop)}:rx`;
}

/**
 * The shop's tombstone (string: when the shop was last erased, epoch ms, with a TTL; tag `{<shop>}`,
 * so that the scripts writing served lists and outcomes read it): the one key `eraseShop` leaves.
 * Shopper tombstones are named by 32 hex digits, so the two never meet.
 */
export function erasedShopKey(shop: string): string {
  return `${shopPrefix(shop)}:rx:shop`;
}

/** Dedupe marker of one event, in the log's slot so that one script can check it and append. */
export function seenKey(shop: string, eventId: string): string {
  return `${PREFIX}{log}:seen:${encodeId('shop', shop)}:${encodeId('eventId', eventId)}`;
}

/**
 * Lease of one log entry while a projector applies it on a Cluster (value: the consumer's name, with a
 * TTL), in the log's slot so that one script can check the entry is pending and take the lease.
 */
export function leaseKey(streamId: string): string {
  return `${PREFIX}{log}:lease:${streamId}`;
}

/** Recent-items member: `<productId>|<type>` (the type never contains `|`; split on the last one). */
export function recentMember(productId: string, type: string): string {
  return `${productId}|${type}`;
}

/** Inverse of {@link recentMember}. */
export function parseRecentMember(member: string): { productId: string; type: string } {
  const i = member.lastIndexOf('|');
  if (i < 0) throw new Error(`Malformed recent-items member in Redis: ${JSON.stringify(member)}`);
  return { productId: member.slice(0, i), type: member.slice(i + 1) };
}

/**
 * The part of a key Redis Cluster hashes: the content of the first `{...}` when it is non-empty,
 * else the whole key. Keys with equal hash parts are in the same slot.
 */
export function hashPart(key: string): string {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

/** A stream id (`<ms>-<seq>`) padded so that string order is log order (used as a sorted-set member). */
export function padStreamId(id: string): string {
  const m = /^(\d+)-(\d+)$/.exec(id);
  if (!m) throw new Error(`Not a stream id: ${JSON.stringify(id)}`);
  return `${m[1]!.padStart(16, '0')}-${m[2]!.padStart(20, '0')}`;
}

/** Orders two stream ids (`<ms>-<seq>`). */
export function compareStreamIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  const ms = BigInt(am) - BigInt(bm);
  if (ms !== 0n) return ms < 0n ? -1 : 1;
  const sq = BigInt(as) - BigInt(bs);
  return sq === 0n ? 0 : sq < 0n ? -1 : 1;
}

/** Whether a string is a well-formed stream id. */
export function isStreamId(id: string): boolean {
  return /^\d+-\d+$/.test(id);
}
