/**
 * Work one node of many does: a node claims a named turn with `SET NX PX` (`aff:lock:<name>`, holding
 * the claimer's name until the TTL ends it); the other nodes find it taken and skip their turn. Never
 * released early: the TTL is the turn (a node that dies mid-way leaves the next turn to whichever node
 * claims it first).
 */
import type { Cluster, Redis } from 'ioredis';
import { PREFIX } from './keys.ts';

/** The key of a named lock. */
export function lockKey(name: string): string {
  return `${PREFIX}lock:${name}`;
}

/** Claims `name` for `ms` as `owner`: true when this call took it, false when another holds it. */
export async function claimTurn(client: Redis | Cluster, name: string, owner: string, ms: number): Promise<boolean> {
  return (await client.set(lockKey(name), owner, 'PX', ms, 'NX')) === 'OK';
}
