/**
 * The personalizer's conversation contexts shared by every node through Redis (stateless nodes;
 * docs/decisions/0003, `adapters/redis/redisConversations.ts`). A conversation is an agent's
 * `sessionId`: its accumulated intent decides, among other things, whether it is about a present for
 * someone else, and the events recorded during a gift conversation teach the shopper's own profile
 * nothing (`core/personalize/sessionContext.ts`).
 *
 * - A recommend node reads the request's conversations from Redis before it personalizes (so turns
 *   answered by another recommend node count) and writes the conversations the request advanced
 *   back before answering ({@link SharedConversationRecommender}).
 * - Every node marks the events it appends from what Redis holds ({@link SharedConversations.markEvents},
 *   called by the stateless consent gate): an ingest node marks the events of a gift conversation
 *   held by a recommend node.
 *
 * As with session memory, the local copies only serve the request in hand; Redis is the truth. Every
 * read and write passes a {@link StoreCircuit} (`storeCircuit.ts`): once Redis is known unreachable,
 * they fail at once instead of each waiting out its budget.
 */
import { LRUCache } from 'lru-cache';
import type { UserEvent } from '../core/events/userEvent.ts';
import { DEFAULT_SESSION_TTL_MS, markGiftEvents, type SessionContext } from '../core/personalize/sessionContext.ts';
import type { RedisConversations } from '../adapters/redis/redisConversations.ts';
import { MCPAwareRecommender, type MCPAwareOptions, type PersonalizedResult, type PersonalizeRequest } from '../features/recommend/personalizedRecommender.ts';
import { HYDRATE_BUDGET_MS, WRITE_PATH_BUDGET_MS, shopperKey } from './sharedSessionState.ts';
import { StoreCircuit } from './storeCircuit.ts';

/** Most conversation copies a node keeps between requests (a scratch pad: each request reads Redis again). */
const MAX_COPIES = 10_000;

const keyOf = shopperKey;

/** One conversation. */
export interface ConversationId {
  readonly shop: string;
  readonly sessionId: string;
}

function parse(text: string | undefined): SessionContext | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(text) as SessionContext;
    return c && typeof c.updatedAt === 'number' && typeof c.sessionId === 'string' && c.intent?.entities ? c : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and writes conversation contexts in Redis. */
export class SharedConversations {
  readonly #redis: RedisConversations;
  /** How long a context lives after its last turn, ms (the personalizer's). */
  readonly ttlMs: number;
  /** Whether Redis answers: the callers pass their reads and writes through it. */
  readonly circuit: StoreCircuit;

  /** @param circuit default: one of its own, probing with a read of a key nobody writes */
  constructor(redis: RedisConversations, ttlMs: number = DEFAULT_SESSION_TTL_MS, circuit?: StoreCircuit) {
    this.#redis = redis;
    this.ttlMs = ttlMs;
    this.circuit = circuit ?? new StoreCircuit({ probe: () => redis.latest([{ shop: 'affinity-probe', userId: 'probe' }]) });
  }

  /** The live contexts of these conversations, by `shop\0sessionId`. */
  async read(ids: readonly ConversationId[], now: number): Promise<Map<string, SessionContext>> {
    const unique = [...new Map(ids.map((c) => [keyOf(c.shop, c.sessionId), c])).values()];
    const out = new Map<string, SessionContext>();
    if (unique.length === 0) return out;
    const texts = await this.#redis.contexts(unique);
    unique.forEach((c, i) => {
      const s = parse(texts[i]);
      if (s && s.shop === c.shop && s.sessionId === c.sessionId && now - s.updatedAt <= this.ttlMs) out.set(keyOf(c.shop, c.sessionId), s);
    });
    return out;
  }

  /** Writes a conversation's context (and makes it its shopper's latest). */
  write(context: SessionContext): Promise<void> {
    return this.#redis.write(context.shop, context.sessionId, JSON.stringify(context), context.userId);
  }

  /**
   * Marks events recorded during a live gift conversation held by any node: by the event's
   * `context.sessionId`, else its shopper's latest conversation (as the personalizer's own marking).
   * Events already marked keep their marking; nothing is read when every event is.
   */
  async markEvents(events: readonly UserEvent[], now: number): Promise<UserEvent[]> {
    const open = events.filter((e) => e.context?.gift === undefined);
    if (open.length === 0) return [...events];
    const unnamed = [...new Map(open.filter((e) => !e.context?.sessionId).map((e) => [keyOf(e.shop, e.userId), { shop: e.shop, userId: e.userId }])).values()];
    const latest = new Map<string, string>();
    if (unnamed.length > 0) {
      const ids = await this.#redis.latest(unnamed);
      unnamed.forEach((s, i) => {
        const id = ids[i];
        if (id) latest.set(keyOf(s.shop, s.userId), id);
      });
    }
    const sessionOf = (e: UserEvent): string | undefined => e.context?.sessionId ?? latest.get(keyOf(e.shop, e.userId));
    const wanted = open.flatMap((e) => {
      const sessionId = sessionOf(e);
      return sessionId ? [{ shop: e.shop, sessionId }] : [];
    });
    if (wanted.length === 0) return [...events];
    const contexts = await this.read(wanted, now);
    return markGiftEvents(events, (e) => {
      const sessionId = sessionOf(e);
      return sessionId ? contexts.get(keyOf(e.shop, sessionId)) : undefined;
    });
  }
}

/** Options of {@link SharedConversationRecommender}. */
export interface SharedConversationOptions extends MCPAwareOptions {
  readonly conversations: SharedConversations;
  /** Redis did not answer in time: the request goes on with this node's copies. */
  readonly onDegraded?: (err: unknown) => void;
}

/** The MCP-aware personalizer of a stateless node: its conversations are read from and written to Redis. */
export class SharedConversationRecommender extends MCPAwareRecommender {
  readonly #conversations: SharedConversations;
  readonly #copies: LRUCache<string, SessionContext>;
  readonly #onDegraded: (err: unknown) => void;

  constructor(opts: SharedConversationOptions) {
    super({ ...opts, sessionTtlMs: opts.sessionTtlMs ?? opts.conversations.ttlMs });
    this.#conversations = opts.conversations;
    this.#copies = new LRUCache({ max: MAX_COPIES, ttl: opts.sessionTtlMs ?? opts.conversations.ttlMs, ttlAutopurge: false });
    this.#onDegraded = opts.onDegraded ?? (() => {});
  }

  /** The newest of this node's context and the one last read from Redis. */
  override session(shop: string, sessionId: string, now: number): SessionContext | undefined {
    const local = super.session(shop, sessionId, now);
    const copy = this.#copies.get(keyOf(shop, sessionId));
    const read = copy && now - copy.updatedAt <= this.#conversations.ttlMs ? copy : undefined;
    if (!read) return local;
    if (!local) return read;
    return read.updatedAt > local.updatedAt || (read.updatedAt === local.updatedAt && read.turns > local.turns) ? read : local;
  }

  override forget(shop: string, sessionId: string): void {
    this.#copies.delete(keyOf(shop, sessionId));
    super.forget(shop, sessionId);
  }

  /**
   * Leaves the events as they are: on a stateless node the consent gate marks them from what Redis
   * holds (`statelessGate.ts`, {@link SharedConversations.markEvents}); this node's copies are not
   * the truth, and marking twice would read them for nothing.
   */
  override markEvents(events: readonly UserEvent[]): UserEvent[] {
    return [...events];
  }

  /** Forgets this node's contexts of a shop (the shop was erased). */
  forgetShop(shop: string): void {
    const prefix = keyOf(shop, '');
    for (const k of [...this.#copies.keys()]) if (k.startsWith(prefix)) this.forget(shop, k.slice(prefix.length));
  }

  override async personalizeBatch(reqs: readonly PersonalizeRequest[], now: number): Promise<PersonalizedResult[]> {
    const ids = [...new Map(reqs.flatMap((r) => (r.sessionId ? [[keyOf(r.shop, r.sessionId), { shop: r.shop, sessionId: r.sessionId }] as const] : []))).values()];
    if (ids.length === 0) return super.personalizeBatch(reqs, now);
    try {
      const read = await this.#conversations.circuit.read(() => this.#conversations.read(ids, now), HYDRATE_BUDGET_MS, 'read the conversations');
      for (const c of ids) {
        const k = keyOf(c.shop, c.sessionId);
        const s = read.get(k);
        if (s) this.#copies.set(k, s);
        // Redis answered and holds nothing (erased, expired): this node's copy is not the truth either.
        else this.forget(c.shop, c.sessionId);
      }
    } catch (err) {
      this.#onDegraded(err);
    }
    const before = ids.map((c) => this.session(c.shop, c.sessionId, now));
    const out = await super.personalizeBatch(reqs, now);
    // The conversations this batch advanced (a turn merged) are in Redis before the caller is answered.
    const writes = ids.flatMap((c, i) => {
      const after = super.session(c.shop, c.sessionId, now);
      const prev = before[i];
      if (!after || (prev && after.updatedAt <= prev.updatedAt && after.turns <= prev.turns)) return [];
      this.#copies.set(keyOf(c.shop, c.sessionId), after);
      return [after];
    });
    if (writes.length > 0) {
      await this.#conversations.circuit
        .write(async () => void (await Promise.all(writes.map((w) => this.#conversations.write(w)))), WRITE_PATH_BUDGET_MS, 'write the conversations')
        .catch(this.#onDegraded);
    }
    return out;
  }
}
