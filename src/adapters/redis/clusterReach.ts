/**
 * Whether a Redis Cluster master that serves a key is reachable, as the Cluster client sees it. When a
 * master is killed, ioredis drops its connection from the pool at once but keeps routing its slots to
 * it until the Cluster's slot map changes (a failover, the master's return), so a command for such a
 * key waits in the offline queue for its whole budget. The callers ask first and fail that command at
 * once instead: a shopper whose keys live on the lost master gets the degraded answer (or the 503) at
 * once, and the others, on the live masters, are not held up or marked down with it. Only a lost
 * connection counts (absent from the pool, or reconnecting, closed, ended); one still connecting is
 * given its chance, and a frozen master (its connection open) is still found by the budgets.
 */
import { createRequire } from 'node:module';
import { Cluster, type Redis } from 'ioredis';

const calculateSlot = createRequire(import.meta.url)('cluster-key-slot') as (key: string) => number;

/** Connection states of a node that has gone away. */
const LOST: ReadonlySet<string> = new Set(['reconnecting', 'close', 'end']);

/** A command not sent because the master serving its key is unreachable (see the module comment). */
export class MasterUnreachable extends Error {
  readonly node: string;

  constructor(node: string, key: string) {
    super(`the Redis Cluster master ${node} serving ${key.slice(0, 120)} is unreachable`);
    this.name = 'MasterUnreachable';
    this.node = node;
  }
}

/**
 * Throws {@link MasterUnreachable} when the master serving one of `keys` is unreachable; nothing for a
 * standalone client. A map lookup per key on the healthy path.
 */
export function requireReachable(client: Redis | Cluster, keys: Iterable<string>): void {
  if (!(client instanceof Cluster)) return;
  let live: Map<string, string> | undefined;
  for (const key of keys) {
    const master = client.slots[calculateSlot(key)]?.[0];
    // No slot map yet (still connecting): nothing to judge by.
    if (master === undefined) continue;
    live ??= new Map(client.nodes('master').map((n) => [`${n.options.host}:${n.options.port}`, n.status]));
    const status = live.get(master);
    if (status === undefined || LOST.has(status)) throw new MasterUnreachable(master, key);
  }
}
