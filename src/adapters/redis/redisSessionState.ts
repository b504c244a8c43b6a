/**
 * What a stateless node keeps in Redis instead of its own memory (docs/decisions/0003): the
 * session-only memory of shoppers who may not be stored, and the consent ledger. Both are keyed by
 * shopper under the shopper's hash tag (one slot with the shopper's profile, so a Cluster keeps
 * each shopper's keys on one shard and every command below touches one slot):
 *
 * | key                              | type   | content                                          | TTL                     |
 * |----------------------------------|--------|--------------------------------------------------|-------------------------|
 * | `aff:{<shop>:<user>}:sess`       | list   | session-only events (JSON), newest last, capped  | session memory TTL      |
 * | `aff:{<shop>:<user>}:consent`    | string | the latest consent state (JSON)                  | consent ledger TTL      |
 *
 * Neither key is read by the projection or written to the event log; a session-only shopper's
 * events live here only, until the TTL (refreshed by each event) ends them. Shop redaction removes
 * them with every other key of the shop (`shopKeyPatterns`); a shopper's erasure removes the
 * session-only events with the shopper's other keys (`keys.ts` `erasableUserKeys`, one `UNLINK`) and
 * keeps the consent state, which records the withdrawal that led to it.
 */
import type { Cluster, Redis } from 'ioredis';
import { encodeId, PREFIX, userKeys } from './keys.ts';
import { requireReachable } from './clusterReach.ts';

/** The two keys of one shopper. */
export function sessionKeys(shop: string, userId: string): { readonly events: string; readonly consent: string } {
  const p = `${PREFIX}{${encodeId('shop', shop)}:${encodeId('userId', userId)}}`;
  return { events: userKeys(shop, userId).session, consent: `${p}:consent` };
}

/** Options of {@link RedisSessionState}. */
export interface RedisSessionStateOptions {
  /** Session-only events live this long after the shopper's last one, ms. */
  readonly sessionTtlMs: number;
  /** A consent state lives this long after it was last recorded, ms. */
  readonly consentTtlMs: number;
  /** Events kept per session (the newest). */
  readonly eventCap: number;
}

/** One shopper's shared state as read. */
export interface SessionStateRead {
  /** Event JSON texts, oldest first (duplicates by id possible: the reader drops them). */
  readonly events: readonly string[];
  /** The consent state's JSON, or undefined. */
  readonly consent?: string;
}

/** Session-only memory and consent states in Redis (standalone or Cluster). */
export class RedisSessionState {
  readonly #c: Redis | Cluster;
  readonly #o: RedisSessionStateOptions;

  constructor(client: Redis | Cluster, opts: RedisSessionStateOptions) {
    this.#c = client;
    this.#o = opts;
  }

  /** Reads the state of several shoppers (one pipelined round trip per node). */
  async read(shoppers: readonly { readonly shop: string; readonly userId: string }[]): Promise<SessionStateRead[]> {
    if (shoppers.length === 0) return [];
    requireReachable(this.#c, shoppers.flatMap((s) => Object.values(sessionKeys(s.shop, s.userId))));
    const replies = await Promise.all(
      shoppers.map((s) => {
        const k = sessionKeys(s.shop, s.userId);
        return Promise.all([this.#c.lrange(k.events, 0, -1), this.#c.get(k.consent)]);
      }),
    );
    return replies.map(([events, consent]) => ({ events, ...(consent ? { consent } : {}) }));
  }

  /** Appends events (JSON texts) to a shopper's session, keeps the newest `eventCap`, refreshes the TTL. */
  async addEvents(shop: string, userId: string, events: readonly string[]): Promise<void> {
    if (events.length === 0) return;
    const k = sessionKeys(shop, userId).events;
    requireReachable(this.#c, [k]);
    await this.#c.multi().rpush(k, ...events).ltrim(k, -this.#o.eventCap, -1).pexpire(k, this.#o.sessionTtlMs).exec().then(failed);
  }

  /** Records a shopper's consent state (JSON). */
  async setConsent(shop: string, userId: string, state: string): Promise<void> {
    const k = sessionKeys(shop, userId).consent;
    requireReachable(this.#c, [k]);
    await this.#c.set(k, state, 'PX', this.#o.consentTtlMs);
  }

  /** Forgets a shopper's session and consent state. */
  async delete(shop: string, userId: string, what: 'session' | 'consent' | 'both' = 'both'): Promise<void> {
    const k = sessionKeys(shop, userId);
    const keys = what === 'session' ? [k.events] : what === 'consent' ? [k.consent] : [k.events, k.consent];
    requireReachable(this.#c, keys);
    await this.#c.unlink(...keys);
  }
}

/** Throws the first error of a MULTI's replies. */
function failed(res: [Error | null, unknown][] | null): void {
  if (!res) throw new Error('Redis transaction was aborted.');
  for (const [err] of res) if (err) throw err;
}
