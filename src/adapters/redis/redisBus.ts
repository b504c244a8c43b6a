/**
 * Messages between the nodes of one deployment over Redis pub/sub (channel `aff:bus`): what used to
 * travel over `node:cluster` IPC, for nodes that share nothing but Redis. PUBLISH reaches every
 * subscriber of the Cluster, whichever node it is sent to.
 *
 * Only hints travel here: each message makes a node drop a cache entry or start work early, and each
 * cache also has a TTL or a poll behind it, so a message lost while a node reconnects costs freshness
 * for at most that TTL, never correctness.
 */
import type { Cluster, Redis } from 'ioredis';
import { PREFIX } from './keys.ts';

/** The channel every node publishes and listens on. */
export const BUS_CHANNEL = `${PREFIX}bus`;

/** A message on the bus. */
export type BusMessage =
  /** Co-occurrence lists the projection changed (`neighbourKey`s). */
  | { readonly type: 'neighbours'; readonly keys: readonly string[] }
  /** Events were appended: a projecting node may start at once instead of at its next poll. */
  | { readonly type: 'kick' }
  /** A privacy job was queued: a node running the privacy worker may start at once instead of at its next poll. */
  | { readonly type: 'privacy' }
  /** A shop was erased: drop its cached answers and session copies. */
  | { readonly type: 'shopErased'; readonly shop: string };

/** Publisher and subscriber of {@link BUS_CHANNEL}. */
export class RedisBus {
  readonly #pub: Redis | Cluster;
  readonly #sub: Redis | Cluster;
  readonly #listeners = new Set<(m: BusMessage) => void>();
  #closed = false;

  private constructor(pub: Redis | Cluster, sub: Redis | Cluster) {
    this.#pub = pub;
    this.#sub = sub;
    sub.on('message', (channel: string, text: string) => {
      if (channel !== BUS_CHANNEL) return;
      const m = parse(text);
      if (m) for (const l of this.#listeners) l(m);
    });
  }

  /**
   * Subscribes on a connection of its own (a subscribed connection can do nothing else); `client`
   * publishes. Resolves once subscribed; the subscription is renewed by the client after a reconnection.
   */
  static async open(client: Redis | Cluster): Promise<RedisBus> {
    const sub = client.duplicate();
    // A subscriber that cannot reach Redis keeps retrying in the background; errors are not fatal here.
    sub.on('error', () => {});
    const bus = new RedisBus(client, sub);
    await sub.subscribe(BUS_CHANNEL);
    return bus;
  }

  /** Hears every message (its own included). */
  on(listener: (m: BusMessage) => void): void {
    this.#listeners.add(listener);
  }

  /** Publishes; never throws (a lost hint is covered by TTLs and polls). */
  publish(m: BusMessage): void {
    if (this.#closed) return;
    this.#pub.publish(BUS_CHANNEL, JSON.stringify(m)).catch(() => {});
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    try {
      await this.#sub.quit();
    } catch {
      // already gone
    }
    this.#sub.disconnect();
  }
}

function parse(text: string): BusMessage | undefined {
  try {
    const m = JSON.parse(text) as BusMessage;
    if (m?.type === 'kick' || m?.type === 'privacy') return m;
    if (m?.type === 'neighbours' && Array.isArray(m.keys)) return m;
    if (m?.type === 'shopErased' && typeof m.shop === 'string') return m;
  } catch {
    // not ours
  }
  return undefined;
}
