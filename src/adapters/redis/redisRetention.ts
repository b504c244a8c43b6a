/**
 * Retention on Redis: every user key gets a TTL of `profileTtlMs`, refreshed whenever the user's
 * events are appended or projected, so Redis expires users by itself. What is left is the per-shop
 * last-seen index (`aff:{<shop>}:last-seen`, written by the projection): `sweep` trims the users that
 * have expired from it, and `usersLastSeenBefore` reads it for per-market retention. Note that the TTL
 * runs from the last write (wall clock), whereas the SQLite sweep compares the events' `last_seen`.
 */
import { SHOPS_KEY, lastSeenKey } from './keys.ts';
import type { RedisAttribution } from './redisAttribution.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd, positiveInt } from './redisOps.ts';

/** The last-seen index and the sweep (see the module comment). */
export class RedisRetention {
  readonly #c: RedisConnection;
  readonly #attribution: RedisAttribution;
  readonly #ttl: number;

  constructor(connection: RedisConnection, attribution: RedisAttribution, profileTtlMs: number) {
    this.#c = connection;
    this.#attribution = attribution;
    this.#ttl = positiveInt('profileTtlMs', profileTtlMs);
  }

  /**
   * Redis expires user keys by itself (TTL `profileTtlMs`, refreshed on activity); the sweep only
   * trims the per-shop last-seen index of users that have expired. Returns 0 (no user removed here).
   */
  async sweep(now: number): Promise<number> {
    return this.#c.run('sweep', async () => {
      const [shops] = await this.#c.exec([cmd(SHOPS_KEY, 'smembers', SHOPS_KEY)]);
      const ops = ((shops as string[] | null) ?? []).map((shop) => {
        const key = lastSeenKey(String(shop));
        return cmd(key, 'zremrangebyscore', key, '-inf', `(${now - this.#ttl}`);
      });
      if (ops.length > 0) await this.#c.exec(ops);
      // Attribution records live as long as profiles do.
      await this.#attribution.sweep(((shops as string[] | null) ?? []).map(String), now - this.#ttl);
      return 0;
    });
  }

  /** Users of a shop last active before `before` (epoch ms), oldest first: `limit` of them after `offset`. */
  async usersLastSeenBefore(shop: string, before: number, limit: number, offset = 0): Promise<string[]> {
    return this.#c.run('usersLastSeenBefore', async () => {
      const key = lastSeenKey(shop);
      const [res] = await this.#c.exec([cmd(key, 'zrangebyscore', key, '-inf', `(${before}`, 'LIMIT', Math.max(0, Math.floor(offset)), Math.max(1, Math.floor(limit)))]);
      return ((res as string[] | null) ?? []).map(String);
    });
  }
}
