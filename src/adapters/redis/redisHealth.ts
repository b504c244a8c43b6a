/**
 * Whether Redis answers, as the store's client sees it: the up / suspect / down machine of
 * `adapters/resilience/availability.ts` (what each state means for operations is said there), driven
 * here by the client's connection events, by operations that ran out of time (`redisConnection.ts`
 * reports them) and by probes that PING once the connection is ready.
 *
 * A killed server shows up as a closed connection (`suspect` at once, `down` when no reconnection is
 * ready within the probe's wait); a frozen one (SIGSTOP, a stalled host) keeps its connection, so only
 * the read budget reveals it.
 */
import type { Cluster, Redis } from 'ioredis';
import { Availability, type AvailabilityState, type ProbeSettings } from '../resilience/availability.ts';

export { DEFAULT_PROBE_EVERY_MS, DEFAULT_PROBE_TIMEOUT_MS } from '../resilience/availability.ts';

/** See `adapters/resilience/availability.ts`. */
export type RedisHealthState = AvailabilityState;

/** Options of {@link RedisHealth}: the probe's timeout and pause, and the listener of changes. */
export type RedisHealthOptions = ProbeSettings;

/** The availability of Redis as seen through one ioredis client (standalone or Cluster). */
export class RedisHealth {
  readonly #client: Redis | Cluster;
  readonly #availability: Availability;

  constructor(client: Redis | Cluster, opts: RedisHealthOptions = {}) {
    this.#client = client;
    // A client still connecting counts as up (commands wait in its offline queue, as before); one that
    // lost its connection is suspect until a probe decides.
    const lost = client.status === 'reconnecting' || client.status === 'close' || client.status === 'end';
    this.#availability = new Availability({
      ...opts,
      name: 'Redis',
      probe: (signal) => this.#ping(signal),
      // Still waiting for the connection, or for the PONG on a ready one.
      late: (ms) => (client.status === 'ready' ? `no PONG within ${ms} ms` : `connection ${client.status}`),
      ...(lost ? { suspectFromStart: `connection ${client.status}` } : {}),
    });
    // ioredis emits 'ready' once a (re)connection passed its ready check: Redis answers again.
    client.on('ready', () => this.#availability.answered('connection ready'));
    client.on('close', () => this.#availability.suspect('connection closed'));
  }

  /** The current state. */
  get state(): RedisHealthState {
    return this.#availability.state;
  }

  /** Whether operations may go to Redis (request-path reads need `up`). */
  get up(): boolean {
    return this.#availability.state === 'up';
  }

  /** Whether a probe found Redis unreachable (every operation fails at once). */
  get down(): boolean {
    return this.#availability.state === 'down';
  }

  /** A human description of the state, for error messages. */
  describe(): string {
    return this.#availability.describe();
  }

  /** Resolves once the state is not `suspect` (at once when it is not). */
  decided(): Promise<void> {
    return this.#availability.decided();
  }

  /** Something suggests Redis stopped answering: reads degrade at once and a probe decides. */
  suspect(reason: string): void {
    this.#availability.suspect(reason);
  }

  /** Stops probing (the client is being closed). */
  close(): void {
    this.#availability.close();
  }

  /**
   * PING on a ready connection. A command sent while reconnecting would sit in the offline queue: wait
   * for 'ready' instead (which brings the state up by itself), until the probe runs out of time.
   */
  async #ping(signal: AbortSignal): Promise<void> {
    if (this.#client.status !== 'ready') await this.#readyOrAborted(signal);
    if (signal.aborted) return;
    const pong = await this.#client.ping();
    if (pong !== 'PONG') throw new Error('no PONG');
  }

  #readyOrAborted(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.#client.off('ready', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#client.once('ready', done);
      signal.addEventListener('abort', done);
    });
  }
}
