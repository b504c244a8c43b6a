/**
 * The personalizer's conversation contexts in Redis, for stateless nodes (docs/decisions/0003): the
 * accumulated intent of an agent's conversation (by the `sessionId` it passes), and each shopper's
 * latest conversation, so that an ingest node marks the events of a gift conversation held by a
 * recommend node, and a conversation spread over several recommend nodes is one conversation.
 *
 * | key                                    | type   | content                                  | TTL                       |
 * |----------------------------------------|--------|------------------------------------------|---------------------------|
 * | `aff:{<shop>:=conv:<sessionId>}:ctx`   | string | the conversation's context (JSON)        | conversation TTL (15 min) |
 * | `aff:{<shop>:<user>}:conv`             | string | the shopper's latest conversation id     | conversation TTL          |
 *
 * Both are under the shop's key prefix, so shop redaction removes them (`shopKeyPatterns`); `=` never
 * starts an encoded user id (`encodeId` escapes it), so a conversation key is never a shopper's.
 * Every command touches one key. A shopper's erasure removes the pointer and the context it names
 * (`redisPrivacy.ts`); otherwise only the TTL removes them.
 */
import type { Cluster, Redis } from 'ioredis';
import { encodeId, PREFIX, userKeys } from './keys.ts';
import { requireReachable } from './clusterReach.ts';

/** The key of a conversation's context. */
export function conversationKey(shop: string, sessionId: string): string {
  return `${PREFIX}{${encodeId('shop', shop)}:=conv:${encodeId('sessionId', sessionId)}}:ctx`;
}

/** The key of a shopper's latest conversation id. */
export function latestConversationKey(shop: string, userId: string): string {
  return userKeys(shop, userId).latestConversation;
}

/** Conversation contexts in Redis (standalone or Cluster). */
export class RedisConversations {
  readonly #c: Redis | Cluster;
  readonly #ttlMs: number;

  /** @param ttlMs how long a context lives after its last turn */
  constructor(client: Redis | Cluster, ttlMs: number) {
    this.#c = client;
    this.#ttlMs = ttlMs;
  }

  /** The contexts (JSON) of these conversations, undefined where none lives. */
  async contexts(ids: readonly { readonly shop: string; readonly sessionId: string }[]): Promise<(string | undefined)[]> {
    const keys = ids.map((c) => conversationKey(c.shop, c.sessionId));
    requireReachable(this.#c, keys);
    const replies = await Promise.all(keys.map((k) => this.#c.get(k)));
    return replies.map((r) => r ?? undefined);
  }

  /** The latest conversation id of these shoppers, undefined where none lives. */
  async latest(shoppers: readonly { readonly shop: string; readonly userId: string }[]): Promise<(string | undefined)[]> {
    const keys = shoppers.map((s) => latestConversationKey(s.shop, s.userId));
    requireReachable(this.#c, keys);
    const replies = await Promise.all(keys.map((k) => this.#c.get(k)));
    return replies.map((r) => r ?? undefined);
  }

  /** Writes a conversation's context and, when it is a known shopper's, makes it their latest. */
  async write(shop: string, sessionId: string, context: string, userId?: string): Promise<void> {
    const key = conversationKey(shop, sessionId);
    const latest = userId === undefined ? undefined : latestConversationKey(shop, userId);
    requireReachable(this.#c, latest === undefined ? [key] : [key, latest]);
    await Promise.all([
      this.#c.set(key, context, 'PX', this.#ttlMs),
      latest === undefined ? undefined : this.#c.set(latest, sessionId, 'PX', this.#ttlMs),
    ]);
  }
}
