/**
 * Whether Redis answers, as one client sees it, kept without any cost per request: a field the store
 * reads before each operation, changed by the client's connection events, by operations that ran out
 * of time, and by background probes.
 *
 * - `up`: operations run normally.
 * - `suspect`: the connection dropped or a read ran out of its budget. Request-path reads fail at once
 *   (the recommender answers from memory, marked degraded); other operations wait for the probe that
 *   decides (at most twice `probeTimeoutMs`), so a reconnect of a few hundred milliseconds stays
 *   invisible to appends while a frozen server does not hold them for the client's command timeout.
 * - `down`: the probe failed. Every operation fails at once with `STORE_UNAVAILABLE` (events get a 503
 *   with `Retry-After` instead of waiting seconds for a server that is not there); probes continue
 *   every `probeEveryMs` and the state returns to `up` as soon as one succeeds, without a restart.
 *
 * A killed server shows up as a closed connection (`suspect` at once, `down` after the probe's wait);
 * a frozen one (SIGSTOP, a stalled host) keeps its connection, so only the read budget reveals it.
 */
import type { Cluster, Redis } from 'ioredis';
import { errMessage } from './replies.ts';
import { deadline } from './deadline.ts';

/** See the module comment. */
export type RedisHealthState = 'up' | 'suspect' | 'down';

/** Default: how long a probe waits for the connection to be ready, then for PONG, ms. */
export const DEFAULT_PROBE_TIMEOUT_MS = 500;
/** Default pause between two probes while Redis is not up, ms. */
export const DEFAULT_PROBE_EVERY_MS = 250;

/** Options of {@link RedisHealth}. */
export interface RedisHealthOptions {
  /** How long a probe waits for the connection to be ready, then for PONG, ms. Default 500. */
  readonly probeTimeoutMs?: number;
  /** Pause between two probes while Redis is not up, ms. Default 250. */
  readonly probeEveryMs?: number;
  /** Called on every change of state, with what caused it. */
  readonly onChange?: (state: RedisHealthState, reason: string) => void;
}

/** The availability of Redis as seen through one ioredis client (standalone or Cluster). */
export class RedisHealth {
  readonly #client: Redis | Cluster;
  readonly #probeTimeout: number;
  readonly #probeEvery: number;
  readonly #onChange: ((state: RedisHealthState, reason: string) => void) | undefined;
  #state: RedisHealthState;
  #since = Date.now();
  #reason = '';
  #probing = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Resolves the waiters of {@link decided} when the state leaves `suspect`. */
  #waiters: (() => void)[] = [];

  constructor(client: Redis | Cluster, opts: RedisHealthOptions = {}) {
    this.#client = client;
    this.#probeTimeout = opts.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.#probeEvery = opts.probeEveryMs ?? DEFAULT_PROBE_EVERY_MS;
    this.#onChange = opts.onChange;
    // A client still connecting counts as up (commands wait in its offline queue, as before); one that
    // lost its connection is suspect until a probe decides.
    const lost = client.status === 'reconnecting' || client.status === 'close' || client.status === 'end';
    this.#state = lost ? 'suspect' : 'up';
    if (lost) this.#schedule(0);
    // ioredis emits 'ready' once a (re)connection passed its ready check: Redis answers again.
    client.on('ready', () => this.#set('up', 'connection ready'));
    client.on('close', () => this.suspect('connection closed'));
  }

  /** The current state. */
  get state(): RedisHealthState {
    return this.#state;
  }

  /** Whether operations may go to Redis (request-path reads need `up`). */
  get up(): boolean {
    return this.#state === 'up';
  }

  /** Whether a probe found Redis unreachable (every operation fails at once). */
  get down(): boolean {
    return this.#state === 'down';
  }

  /** A human description of the state, for error messages. */
  describe(): string {
    if (this.#state === 'up') return 'Redis is up';
    return `Redis is ${this.#state === 'down' ? 'unreachable' : 'not answering'} (${this.#reason}, ${Date.now() - this.#since} ms ago)`;
  }

  /** Resolves once the state is not `suspect` (at once when it is not). */
  decided(): Promise<void> {
    if (this.#state !== 'suspect' || this.#closed) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Something suggests Redis stopped answering: reads degrade at once and a probe decides. */
  suspect(reason: string): void {
    if (this.#closed || this.#state !== 'up') return;
    this.#set('suspect', reason);
    this.#schedule(0);
  }

  /** Stops probing (the client is being closed). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#release();
  }

  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #set(state: RedisHealthState, reason: string): void {
    if (this.#closed || state === this.#state) return;
    this.#state = state;
    this.#since = Date.now();
    this.#reason = reason;
    if (state !== 'suspect') this.#release();
    this.#onChange?.(state, reason);
  }

  #schedule(ms: number): void {
    if (this.#closed || this.#probing || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#probe();
    }, ms);
    this.#timer.unref();
  }

  async #probe(): Promise<void> {
    if (this.#closed || this.#state === 'up') return;
    this.#probing = true;
    let ok = false;
    let why = 'no PONG';
    try {
      ok = await this.#ping();
    } catch (e) {
      why = errMessage(e);
    } finally {
      this.#probing = false;
    }
    if (ok) this.#set('up', 'probe answered');
    else if (!this.up) {
      // (A reconnection may have been reported while this probe waited: 'up' then stands.)
      this.#set('down', `probe failed: ${why}`);
      this.#schedule(this.#probeEvery);
    }
  }

  /** Waits up to the probe timeout for a ready connection, then up to the same for PONG. */
  async #ping(): Promise<boolean> {
    // A command sent while reconnecting would sit in the offline queue: wait for 'ready' instead.
    if (this.#client.status !== 'ready' && !(await this.#readyWithin(this.#probeTimeout))) {
      throw new Error(`connection ${this.#client.status}`);
    }
    let cancel: (() => void) | undefined;
    try {
      const pong = await Promise.race([
        this.#client.ping(),
        new Promise<never>((_, reject) => {
          cancel = deadline(this.#probeTimeout, () => reject(new Error(`no PONG within ${this.#probeTimeout} ms`)));
        }),
      ]);
      return pong === 'PONG';
    } finally {
      cancel?.();
    }
  }

  #readyWithin(ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#client.off('ready', onReady);
        resolve(false);
      }, ms);
      this.#client.once('ready', onReady);
    });
  }
}
