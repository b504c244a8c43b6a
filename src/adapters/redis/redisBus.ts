/**
 * Messages between the nodes of one deployment over Redis pub/sub (channel `aff:bus`): what used to
 * travel over `node:cluster` IPC, for nodes that share nothing but Redis. PUBLISH reaches every
 * subscriber of the Cluster, whichever node it is sent to.
 *
 * Only hints travel here: each message makes a node drop a cache entry or start work early, and each
 * cache also has a TTL or a poll behind it, so a message lost while a node reconnects costs freshness
 * for at most that TTL, never correctness.
 *
 * Each bus has a node id that its messages carry, and it does not hand its own messages back: a node
 * does the work of a message itself before it publishes it (drops the neighbour lists its projection
 * changed, forgets the shop it erased), or publishes it because it has no such work here (a kick from a
 * node that does not project, a privacy kick from a node without the privacy worker), so hearing its
 * own would only repeat the work or do nothing.
 */
import { randomUUID } from 'node:crypto';
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

/** A message as it travels: the message and the node id of its sender. */
type Envelope = BusMessage & { readonly from: string };

/** Publisher and subscriber of {@link BUS_CHANNEL}. */
export class RedisBus {
  /** This node's id on the bus (unique per bus: two buses in one process are two nodes). */
  readonly nodeId: string;
  readonly #pub: Redis | Cluster;
  readonly #sub: Redis | Cluster;
  readonly #listeners = new Set<(m: BusMessage) => void>();
  #closed = false;

  private constructor(pub: Redis | Cluster, sub: Redis | Cluster, nodeId: string) {
    this.#pub = pub;
    this.#sub = sub;
    this.nodeId = nodeId;
    sub.on('message', (channel: string, text: string) => {
      if (channel !== BUS_CHANNEL) return;
      const received = parse(text);
      if (received && received.from !== this.nodeId) for (const l of this.#listeners) l(received.message);
    });
  }

  /**
   * Subscribes on a connection of its own (a subscribed connection can do nothing else); `client`
   * publishes. Resolves once subscribed; the subscription is renewed by the client after a reconnection.
   * @param nodeId this node's id on the bus (default: a random UUID)
   */
  static async open(client: Redis | Cluster, nodeId: string = randomUUID()): Promise<RedisBus> {
    const sub = client.duplicate();
    // A subscriber that cannot reach Redis keeps retrying in the background; errors are not fatal here.
    sub.on('error', () => {});
    const bus = new RedisBus(client, sub, nodeId);
    await sub.subscribe(BUS_CHANNEL);
    return bus;
  }

  /** Hears the messages of the other nodes (never this bus's own, see the module's comment). */
  on(listener: (m: BusMessage) => void): void {
    this.#listeners.add(listener);
  }

  /** Publishes to the other nodes; never throws (a lost hint is covered by TTLs and polls). */
  publish(m: BusMessage): void {
    if (this.#closed) return;
    this.#pub.publish(BUS_CHANNEL, JSON.stringify({ ...m, from: this.nodeId } satisfies Envelope)).catch(() => {});
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

/** A message of the bus and its sender (none from an older node: another node), or undefined. */
function parse(text: string): { readonly from: unknown; readonly message: BusMessage } | undefined {
  try {
    const { from, ...m } = JSON.parse(text) as Envelope;
    const message = m as BusMessage;
    if (message.type === 'kick' || message.type === 'privacy') return { from, message };
    if (message.type === 'neighbours' && Array.isArray(message.keys)) return { from, message };
    if (message.type === 'shopErased' && typeof message.shop === 'string') return { from, message };
  } catch {
    // not ours
  }
  return undefined;
}
