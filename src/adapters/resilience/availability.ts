/**
 * Whether a dependency answers (Redis, as one client sees it), kept without any cost per request: a
 * field its users read before each operation, changed by what they report (a failure, a late answer, a
 * connection event) and by background probes.
 *
 * - `up`: operations run normally.
 * - `suspect`: something suggests it stopped answering. Request-path reads fail at once (the
 *   recommender answers from memory, marked degraded); other operations wait for the probe that
 *   decides ({@link Availability.decided}, one probe: at most `probeTimeoutMs`), so a blip of a few
 *   hundred milliseconds stays invisible to them while a frozen server does not hold them for long.
 * - `down`: the probe failed. Every operation fails at once (events get a 503 with `Retry-After`
 *   instead of each waiting out a budget for a server that is not there); probes go on every
 *   `probeEveryMs` and the state returns to `up` as soon as one answers, without a restart and
 *   without a request paying for the check.
 *
 * Only `up` becomes `suspect`; only a probe (or {@link Availability.answered}) leaves `suspect` or
 * `down`. Nothing holds a process up once closed: the pause between probes is unref'd, and `close()`
 * ends a probe in flight.
 */
import { deadline } from './deadline.ts';

/** See the module comment. */
export type AvailabilityState = 'up' | 'suspect' | 'down';

/** Default: how long a probe may take, ms. */
export const DEFAULT_PROBE_TIMEOUT_MS = 500;
/** Default pause between two probes while the dependency is down, ms. */
export const DEFAULT_PROBE_EVERY_MS = 250;

/** The settings a user of {@link Availability} passes through from its own options. */
export interface ProbeSettings {
  /** How long a probe may take, ms; one that has not answered by then failed. Default 500. */
  readonly probeTimeoutMs?: number;
  /** Pause between two probes while the dependency is down, ms. Default 250. */
  readonly probeEveryMs?: number;
  /** Called on every change of state, with what caused it. */
  readonly onChange?: (state: AvailabilityState, reason: string) => void;
}

/** Options of {@link Availability}. */
export interface AvailabilityOptions extends ProbeSettings {
  /** What {@link Availability.describe} calls the dependency (`Redis`). */
  readonly name: string;
  /**
   * A cheap round trip: resolves when the dependency answered, rejects (with why) when it did not.
   * `signal` aborts when the probe ran out of time: stop waiting and release what it holds.
   */
  readonly probe: (signal: AbortSignal) => Promise<unknown>;
  /** Why a probe that ran out of `timeoutMs` failed. Default: `no answer within <timeoutMs> ms`. */
  readonly late?: (timeoutMs: number) => string;
  /** Starts `suspect` for this reason (a probe runs at once) instead of `up`. */
  readonly suspectFromStart?: string;
}

/** The up / suspect / down verdict on one dependency, its probes and the operations waiting for it. */
export class Availability {
  readonly #name: string;
  readonly #probe: (signal: AbortSignal) => Promise<unknown>;
  readonly #probeTimeout: number;
  readonly #probeEvery: number;
  readonly #late: (timeoutMs: number) => string;
  readonly #onChange: ((state: AvailabilityState, reason: string) => void) | undefined;
  #state: AvailabilityState = 'up';
  #reason = '';
  #since = Date.now();
  #probing = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Ends the probe in flight, if any: cancels its deadline and aborts its signal (on close). */
  #endProbe: (() => void) | undefined;
  /** Resolves the waiters of {@link decided} when the state leaves `suspect`. */
  #waiters: (() => void)[] = [];

  constructor(opts: AvailabilityOptions) {
    this.#name = opts.name;
    this.#probe = opts.probe;
    this.#probeTimeout = opts.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    this.#probeEvery = opts.probeEveryMs ?? DEFAULT_PROBE_EVERY_MS;
    this.#late = opts.late ?? ((ms) => `no answer within ${ms} ms`);
    this.#onChange = opts.onChange;
    if (opts.suspectFromStart !== undefined) {
      this.#state = 'suspect';
      this.#reason = opts.suspectFromStart;
      this.#schedule(0);
    }
  }

  /** The current state. */
  get state(): AvailabilityState {
    return this.#state;
  }

  /** `<name> is up`, or why it is not and since when, for error messages. */
  describe(): string {
    if (this.#state === 'up') return `${this.#name} is up`;
    return `${this.#name} is ${this.#state === 'down' ? 'unreachable' : 'not answering'} (${this.#reason}, ${Date.now() - this.#since} ms ago)`;
  }

  /** Resolves once the state is not `suspect` (at once when it is not, or once closed). */
  decided(): Promise<void> {
    if (this.#state !== 'suspect' || this.#closed) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Something suggests the dependency stopped answering: `up` becomes `suspect` and a probe decides. */
  suspect(reason: string): void {
    if (this.#closed || this.#state !== 'up') return;
    this.#set('suspect', reason);
    this.#schedule(0);
  }

  /** Something other than a probe shows the dependency answers (a connection became ready): `up`. */
  answered(reason: string): void {
    this.#set('up', reason);
  }

  /** Stops probing and changing state (the client is being closed); pending waiters are released. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#endProbe?.();
    this.#release();
  }

  #release(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  #set(state: AvailabilityState, reason: string): void {
    if (this.#closed || state === this.#state) return;
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
    if (this.#closed || this.#state === 'up') return;
    this.#probing = true;
    let why: string | undefined;
    try {
      await this.#boundedProbe();
    } catch (err) {
      why = err instanceof Error ? err.message : String(err);
    } finally {
      this.#probing = false;
    }
    if (why === undefined) this.#set('up', 'probe answered');
    else if (this.state !== 'up') {
      // (Something may have shown the dependency answering while this probe waited: `up` then stands.
      // The getter, since the field's type is still narrowed by the check before the wait.)
      this.#set('down', `probe failed: ${why}`);
      this.#schedule(this.#probeEvery);
    }
  }

  /** The probe, failed with {@link AvailabilityOptions.late} when it has not settled in time. */
  async #boundedProbe(): Promise<void> {
    const abort = new AbortController();
    let cancel: (() => void) | undefined;
    this.#endProbe = () => {
      cancel?.();
      abort.abort();
    };
    try {
      await Promise.race([
        Promise.resolve(abort.signal).then(this.#probe),
        new Promise<never>((_, reject) => {
          // Not fooled by a busy event loop: an answer that arrived in time is read first (deadline.ts).
          cancel = deadline(this.#probeTimeout, () => {
            reject(new Error(this.#late(this.#probeTimeout)));
            abort.abort();
          });
        }),
      ]);
    } finally {
      cancel?.();
      this.#endProbe = undefined;
    }
  }
}
