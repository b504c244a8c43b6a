/**
 * Wiring of what a node remembers between requests: session-only memory (shoppers who may not be
 * stored), the latest consent per shopper, conversation contexts, and the bus that carries cache
 * invalidations. On one process they live in its memory; on a stateless node (one of several on a
 * shared Redis, docs/decisions/0003) they go through Redis.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { AffinityStore } from '../core/ports.ts';
import type { FoldParams } from '../core/profile/fold.ts';
import { DEFAULT_SESSION_TTL_MS } from '../core/personalize/sessionContext.ts';
import type { RedisStore } from '../adapters/redis/redisStore.ts';
import { RedisBus } from '../adapters/redis/redisBus.ts';
import { RedisConversations } from '../adapters/redis/redisConversations.ts';
import { RedisSessionState } from '../adapters/redis/redisSessionState.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import { ConsentLedger } from '../features/privacy/consentLedger.ts';
import { SESSION_EVENT_CAP, SessionMemory } from '../features/privacy/sessionMemory.ts';
import { SharedConversations } from '../roles/sharedConversations.ts';
import { describeRoles, type RoleName } from '../roles/roles.ts';
import { SharedConsentLedger, SharedSessionMemory, SharedSessionState } from '../roles/sharedSessionState.ts';

/** What a node remembers between requests, and how it tells the other nodes. */
export interface NodeState {
  /** Session memory, consent states, conversation contexts and cache invalidations go through Redis. */
  readonly stateless: boolean;
  /** The Redis connection every node shares (a Redis store only). */
  readonly redisConnection?: ReturnType<RedisStore['connection']>;
  /** The bus between nodes (stateless nodes only). */
  readonly bus?: RedisBus;
  /** The shared session and consent state (stateless nodes only). */
  readonly shared?: SharedSessionState;
  readonly sessions: SessionMemory;
  readonly ledger: ConsentLedger;
  /**
   * What this node's consent ledger learnt ("nothing stored for this shopper") stays true until it
   * stores something itself: it is the only process writing events to its store (SQLite, one process,
   * every role), or the ledger is shared by every node (Redis). With workers on one SQLite file, or
   * processes on one Redis that keep their own ledgers, it may not (consentGate.ts).
   */
  readonly soleWriter: boolean;
  /** Conversation contexts in Redis (stateless nodes only; otherwise the personalizer keeps them). */
  readonly conversations?: SharedConversations;
}

/** Options of {@link wireNodeState}. */
export interface NodeStateOptions {
  readonly config: Config;
  readonly store: AffinityStore;
  readonly roles: readonly RoleName[];
  readonly catalogs: CatalogRegistry;
  readonly fold: FoldParams;
  /** A process of the one-machine worker layout (`affinity serve` with workers): its processes talk over IPC. */
  readonly workerLayout: boolean;
  /** Overrides the default (stateless whenever the store is Redis and this process is one of several). */
  readonly stateless?: boolean;
  readonly log: Logger;
}

/** Wires the node's memory: in this process, or in Redis when the node is one of several. */
export async function wireNodeState(o: NodeStateOptions): Promise<NodeState> {
  const { config, store, roles, log } = o;
  const redisConnection = (store as Partial<Pick<RedisStore, 'connection'>>).connection?.call(store);
  const stateless = redisConnection !== undefined && (o.stateless ?? (describeRoles(roles) !== 'all' || config.redisCluster !== undefined));
  // The consent ledger outlives a session: a withdrawal must hold for longer than the memory it guards.
  const ledgerTtlMs = Math.max(config.sessionMemoryTtlMs, 3_600_000);
  if (!stateless || !redisConnection) {
    if (!o.workerLayout && describeRoles(roles) !== 'all' && !redisConnection) {
      // The CLI refuses this (src/roles/roleStoreProblem.ts); a program that wires it anyway is told.
      log.warn(
        { roles: describeRoles(roles), store: store.kind },
        'roles split over processes on a SQLite file: session-only memory, consent states and caches stay in each process (use a Redis store for nodes that behave as one; docs/operations.md)',
      );
    }
    return {
      stateless: false,
      ...(redisConnection ? { redisConnection } : {}),
      sessions: new SessionMemory({ catalogs: o.catalogs, fold: o.fold, ttlMs: config.sessionMemoryTtlMs }),
      ledger: new ConsentLedger({ ttlMs: ledgerTtlMs }),
      soleWriter: !redisConnection && !o.workerLayout && describeRoles(roles) === 'all',
    };
  }
  const bus = await RedisBus.open(redisConnection);
  const redis = new RedisSessionState(redisConnection, { sessionTtlMs: config.sessionMemoryTtlMs, consentTtlMs: ledgerTtlMs, eventCap: SESSION_EVENT_CAP });
  const shared = new SharedSessionState(
    redis,
    new SharedSessionMemory({ catalogs: o.catalogs, fold: o.fold, ttlMs: config.sessionMemoryTtlMs, redis }),
    new SharedConsentLedger({ ttlMs: ledgerTtlMs, redis }),
  );
  return {
    stateless: true,
    redisConnection,
    bus,
    shared,
    sessions: shared.sessions,
    ledger: shared.ledger,
    // Every node's ledger is the one in Redis: what one learns, all know.
    soleWriter: true,
    conversations: new SharedConversations(new RedisConversations(redisConnection, DEFAULT_SESSION_TTL_MS), DEFAULT_SESSION_TTL_MS),
  };
}
