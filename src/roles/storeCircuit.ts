/**
 * Whether the Redis holding the shared state of stateless nodes answers, as this node's shared-state
 * operations see it (session memory, consent states, conversations: `sharedSessionState.ts`,
 * `sharedConversations.ts`). These go to Redis on their own client calls, not through the store's
 * operations, so they keep their own verdict, with the store's rules (`adapters/redis/redisHealth.ts`):
 *
 * - `up`: operations run, each within its budget.
 * - `suspect`: an operation failed or ran out of its budget. Request-path reads fail at once (the
 *   recommender answers from this node's memory, as the single process does); write-path operations
 *   wait for the probe that decides (at most twice the probe timeout), so a blip stays invisible.
 * - `down`: the probe failed. Every operation fails at once with `STORE_UNAVAILABLE` (events get a 503
 *   with `Retry-After` instead of each waiting out a budget); probes go on every `probeEveryMs` and
 *   the state returns to `up` as soon as one answers, without a restart and without a request paying.
 *
 * On the healthy path this is a field read per operation.
 */
import { AffinityError, isAffinityError } from '../core/errors.ts';
import { within } from '../adapters/resilience/within.ts';
import { errMessage } from '../adapters/redis/replies.ts';

/** See the module comment. */
export type CircuitState = 'up' | 'suspect' | 'down';

/** Default: how long a probe may take, ms (the store's probe timeout). */
export const DEFAULT_PROBE_TIMEOUT_MS = 500;
/** Default pause between two probes while Redis is down, ms (the store's). */
export const DEFAULT_PROBE_EVERY_MS = 250;

/** `p`, or a `STORE_UNAVAILABLE` error after `ms` or when it fails. */
export function withinBudget<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return within(p, ms, (err) => {
    if (err === undefined) throw new AffinityError('STORE_UNAVAILABLE', `Redis did not ${what} within ${ms} ms.`);
    if (isAffinityError(err)) throw err;
    throw new AffinityError('STORE_UNAVAILABLE', `Redis could not ${what}: ${errMessage(err)}`, [], { cause: err });
  });
}

/** Options of {@link StoreCircuit}. */
export interface StoreCircuitOptions {
  /** A cheap round trip to the same Redis (a read of a key nobody writes). */
  readonly probe: () => Promise<unknown>;
  readonly probeTimeoutMs?: number;
  readonly probeEveryMs?: number;
  /** Called on every change of state, with what caused it. */
  readonly onChange?: (state: CircuitState, reason: string) => void;
}

/** The verdict on the shared-state Redis of one node, and the gate its operations pass. */
export class StoreCircuit {
  readonly #probe: () => Promise<unknown>;
  readonly #probeTimeout: number;
  readonly #probeEvery: number;
  readonly #onChange: ((state: CircuitState, reason: string) => void) | undefined;
  #state: CircuitState = 'up';
  #reason = '';
  #since = 0;
  #timer: NodeJS.Timeout | undefined;
  #probing = false;
  #waiters: (() => void)[] = [];
  #closed = false;

  constructor(opts: StoreCircuitOptions) {
    this.#probe = opts.probe;
    this.#probeTimeout = opts.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.#probeEvery = opts.probeEveryMs ?? DEFAULT_PROBE_EVERY_MS;
    this.#onChange = opts.onChange;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /**
   * A read of the request path (hydrating a recommendation): runs `op` within `budgetMs` while Redis
   * is up, fails at once otherwise. A failure or a late answer makes Redis suspect.
   * @throws AffinityError `STORE_UNAVAILABLE`
   */
  read<T>(op: () => Promise<T>, budgetMs: number, what: string): Promise<T> {
    if (this.#state !== 'up') return Promise.reject(this.#refusal(what));
    return this.#run(op, budgetMs, what);
  }

  /**
   * An operation of the write path (hydrating an event's shopper, writing the shared state): waits for
   * the probe's verdict while Redis is suspect, fails at once while it is down.
   * @throws AffinityError `STORE_UNAVAILABLE`
   */
  async write<T>(op: () => Promise<T>, budgetMs: number, what: string): Promise<T> {
    if (this.#state === 'suspect') await this.#decided();
    if (this.#state === 'down') throw this.#refusal(what);
    return this.#run(op, budgetMs, what);
  }

  /** Stops probing (shutdown); pending waiters are released. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#release();
  }

  async #run<T>(op: () => Promise<T>, budgetMs: number, what: string): Promise<T> {
    try {
      return await withinBudget(Promise.resolve().then(op), budgetMs, what);
    } catch (err) {
      this.#suspect(errMessage(err));
      throw err;
    }
  }

  #refusal(what: string): AffinityError {
    const how = this.#state === 'down' ? 'unreachable' : 'not answering';
    return new AffinityError('STORE_UNAVAILABLE', `Redis is ${how} (${this.#reason}, ${Date.now() - this.#since} ms ago); did not ${what}.`);
  }

  #suspect(reason: string): void {
    if (this.#state !== 'up') return;
    this.#set('suspect', reason);
    this.#schedule(0);
  }

  #decided(): Promise<void> {
    if (this.#state !== 'suspect' || this.#closed) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #set(state: CircuitState, reason: string): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#reason = reason;
    this.#since = Date.now();
    if (state !== 'suspect') this.#release();
    this.#onChange?.(state, reason);
  }

  #schedule(ms: number): void {
    if (this.#closed || this.#probing || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#runProbe();
    }, ms);
    this.#timer.unref();
  }

  async #runProbe(): Promise<void> {
    if (this.#state === 'up') return;
    this.#probing = true;
    let why: string | undefined;
    try {
      await withinBudget(Promise.resolve().then(this.#probe), this.#probeTimeout, 'answer the probe');
    } catch (err) {
      why = errMessage(err);
    } finally {
      this.#probing = false;
    }
    if (why === undefined) return this.#set('up', 'probe answered');
    this.#set('down', `probe failed: ${why}`);
    this.#schedule(this.#probeEvery);
  }
}
