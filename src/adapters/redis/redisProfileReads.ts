/**
 * Profile and item-statistics reads of the Redis store: profiles (one JSON document per user, see
 * `core/profile/profileDoc.ts`; documents of earlier versions and the structures before documents are
 * read too), recent items, co-occurrence neighbours and decayed counters. The reads of the request
 * path (`getProfiles`, `getNeighbours`, `getTop`) get the connection's short read budget.
 */
import type { Neighbour } from '../../core/ports.ts';
import { RECENT_CAP, type RawProfile, type RecentItem } from '../../core/profile/profileDelta.ts';
import { freezeProfile } from '../../core/profile/frozenProfile.ts';
import { DecodedProfiles } from '../decodedProfiles.ts';
import { profileOfDoc, PROFILE_DOC_LENGTH, toProfileDoc, type ProfileDoc } from '../../core/profile/profileDoc.ts';
import { coocKey, counterKey, parseRecentMember, userKeys } from './keys.ts';
import type { RedisConnection } from './redisConnection.ts';
import { cmd } from './redisOps.ts';
import { pairs, parseJson } from './replies.ts';

/** A user's profile document as stored (see `RedisProfileReads.readDocs`). */
export interface StoredDoc {
  /** The document's text as read ('' is sent for none). */
  readonly read?: string;
  /** The profile in today's document form (parsed); absent for a new user. */
  readonly doc?: ProfileDoc;
  /** The profile came from an earlier version's document or structures (removed on the next write). */
  readonly legacy: boolean;
}

/** A user's recent items from the `WITHSCORES` reply of their recent sorted set. */
function recentItems(reply: unknown): RecentItem[] {
  return pairs(reply).map(([m, score]) => {
    const { productId, type } = parseRecentMember(m);
    return { productId, type: type as RecentItem['type'], ts: Number(score) };
  });
}

/**
 * A profile from the replies of HGETALL meta, ZRANGE features, ZREVRANGE recent (both WITHSCORES)
 * and SMEMBERS bought, or from the same four in a profile document; undefined when there is none.
 */
function rawProfile(shop: string, userId: string, metaReply: unknown, featReply: unknown, recentReply: unknown, boughtReply: unknown): RawProfile | undefined {
  const meta = Object.fromEntries(pairs(metaReply));
  if (meta.event_count === undefined && meta.last_seen === undefined) return undefined;
  const features: Record<string, number> = {};
  for (const [f, v] of pairs(featReply)) features[f] = Number(v);
  return {
    shop,
    userId,
    features,
    recent: recentItems(recentReply),
    purchased: (Array.isArray(boughtReply) ? boughtReply : []).map(String).sort(),
    eventCount: Number(meta.event_count ?? 0),
    firstSeen: Number(meta.first_seen ?? 0),
    lastSeen: Number(meta.last_seen ?? 0),
    ...(meta.customer_id ? { customerId: meta.customer_id } : {}),
  };
}

/** Redis profile and statistics reads (see the module comment). */
export class RedisProfileReads {
  readonly #c: RedisConnection;
  /** Decoded request-path profiles by shop and user, reused while the stored document is the same text. */
  readonly #decoded = new DecodedProfiles();

  constructor(connection: RedisConnection) {
    this.#c = connection;
  }

  /** Raw profile of one user; `undefined` when unknown. */
  async getProfile(shop: string, userId: string): Promise<RawProfile | undefined> {
    return (await this.getProfiles(shop, [userId]))[0];
  }

  /** Raw profiles of many users, aligned with `userIds` (a request-path read: short budget). */
  async getProfiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]> {
    return this.#c.run('getProfiles', () => this.#sharedProfiles(shop, userIds), true);
  }

  /** Only the recent items of many users (the projector's read), aligned with `userIds`. */
  async getRecentItems(shop: string, userIds: readonly string[]): Promise<(readonly RecentItem[])[]> {
    // The projector's read: the ordinary deadline, not the request path's budget.
    return this.#c.run('getRecentItems', async () => (await this.#profiles(shop, userIds)).map((p) => p?.recent ?? []));
  }

  async #profiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]> {
    return (await this.readDocs(userIds.map((userId) => ({ shop, userId })))).map((d, i) => (d.doc ? profileOfDoc(shop, userIds[i] as string, d.doc) : undefined));
  }

  /**
   * The request path's profiles: every document is read now, and decoded only when its text is not
   * the one decoded last time for that user (then the same frozen profile object is returned; see
   * `features/recommend/profileViews.ts`). Documents of earlier versions are decoded every time.
   */
  async #sharedProfiles(shop: string, userIds: readonly string[]): Promise<(RawProfile | undefined)[]> {
    const users = userIds.map((userId) => ({ shop, userId }));
    const texts = await this.#readTexts(users);
    const out: (RawProfile | undefined)[] = new Array(users.length);
    const rest: number[] = [];
    texts.forEach((text, i) => {
      const userId = userIds[i] as string;
      const held = typeof text === 'string' ? this.#decoded.get(shop, userId, text) : undefined;
      if (held !== undefined) out[i] = held;
      else {
        if (typeof text !== 'string') this.#decoded.delete(shop, userId);
        rest.push(i);
      }
    });
    if (rest.length > 0) {
      const docs = await this.#docsOf(rest.map((i) => users[i] as { shop: string; userId: string }), rest.map((i) => texts[i]));
      rest.forEach((i, j) => {
        const d = docs[j] as StoredDoc;
        const userId = userIds[i] as string;
        const profile = d.doc ? freezeProfile(profileOfDoc(shop, userId, d.doc)) : undefined;
        out[i] = profile;
        if (profile && !d.legacy && typeof d.read === 'string') this.#decoded.set(shop, userId, d.read, profile);
      });
    }
    return out;
  }

  /**
   * Users' profile documents as stored, parsed once. A document of an earlier version (four elements:
   * meta, features, recent, bought) or, before documents, the four structures are read too, and
   * given in today's form.
   */
  async readDocs(users: readonly { readonly shop: string; readonly userId: string }[]): Promise<StoredDoc[]> {
    if (users.length === 0) return [];
    return this.#docsOf(users, await this.#readTexts(users));
  }

  /** The stored document text of each user (not a string when there is none). */
  async #readTexts(users: readonly { readonly shop: string; readonly userId: string }[]): Promise<unknown[]> {
    if (users.length === 0) return [];
    return this.#c.exec(users.map(({ shop, userId }) => {
      const key = userKeys(shop, userId).doc;
      return cmd(key, 'get', key);
    }));
  }

  /** {@link readDocs} of documents already read (`docs`: {@link #readTexts}'s answer). */
  async #docsOf(users: readonly { readonly shop: string; readonly userId: string }[], docs: readonly unknown[]): Promise<StoredDoc[]> {
    const out = users.map(({ shop, userId }, i): StoredDoc => {
      const read = docs[i];
      if (typeof read !== 'string') return { legacy: false };
      const parts = parseJson<unknown[]>(`profile document of ${shop}/${userId}`, read);
      if (parts.length === PROFILE_DOC_LENGTH) return { read, doc: parts as ProfileDoc, legacy: false };
      const profile = rawProfile(shop, userId, parts[0], parts[1], parts[2], parts[3]);
      return { read, ...(profile ? { doc: toProfileDoc(profile) } : {}), legacy: true };
    });
    // No document: a profile projected before documents existed is in the structures.
    const missing = users.flatMap((_, i) => (typeof docs[i] === 'string' ? [] : [i]));
    if (missing.length > 0) {
      const res = await this.#c.exec(missing.flatMap((i) => {
        const k = userKeys(users[i]!.shop, users[i]!.userId);
        return [
          cmd(k.meta, 'hgetall', k.meta),
          cmd(k.feat, 'zrange', k.feat, 0, -1, 'WITHSCORES'),
          cmd(k.recent, 'zrevrange', k.recent, 0, RECENT_CAP - 1, 'WITHSCORES'),
          cmd(k.bought, 'smembers', k.bought),
        ];
      }));
      missing.forEach((i, j) => {
        const profile = rawProfile(users[i]!.shop, users[i]!.userId, res[j * 4], res[j * 4 + 1], res[j * 4 + 2], res[j * 4 + 3]);
        if (profile) out[i] = { doc: toProfileDoc(profile), legacy: true };
      });
    }
    return out;
  }

  /** Co-occurrence neighbours of several items, strongest first (a request-path read). */
  async getNeighbours(shop: string, productIds: readonly string[], limit: number): Promise<Map<string, Neighbour[]>> {
    return this.#c.run('getNeighbours', async () => {
      const ids = [...new Set(productIds)];
      const n = Math.floor(limit);
      const out = new Map<string, Neighbour[]>();
      if (!(n > 0)) {
        for (const id of ids) out.set(id, []);
        return out;
      }
      const res = await this.#c.exec(ids.map((id) => {
        const key = coocKey(shop, id);
        return cmd(key, 'zrevrange', key, 0, n - 1, 'WITHSCORES');
      }));
      ids.forEach((id, i) => out.set(id, pairs(res[i]).map(([productId, w]) => ({ productId, weight: Number(w) }))));
      return out;
    }, true);
  }

  /** Top items of one epoch of a decayed counter, strongest first (a request-path read). */
  async getTop(shop: string, counter: 'popular' | 'trending', epoch: number, limit: number): Promise<Neighbour[]> {
    return this.#c.run('getTop', async () => {
      const n = Math.floor(limit);
      if (!(n > 0)) return [];
      const key = counterKey(shop, counter, epoch);
      const [res] = await this.#c.exec([cmd(key, 'zrevrange', key, 0, n - 1, 'WITHSCORES')]);
      return pairs(res).map(([productId, w]) => ({ productId, weight: Number(w) }));
    }, true);
  }
}
