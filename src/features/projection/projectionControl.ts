/**
 * What the transports need from projection (trigger it, see its backlog, wait for it), and the
 * stand-in of a projection that runs in other processes (the primary of several HTTP workers, or the
 * `project` nodes).
 */

/** What the HTTP layer needs from projection: trigger it, see its backlog, wait for it. */
export interface ProjectionControl {
  /** Asks for a drain soon. */
  kick(): void;
  /** Events waiting at the last check. */
  readonly lag: number;
  /** Counts the events waiting now, where the store can (else resolves with `lag`). */
  measureLag?(): Promise<number>;
  /** Resolves when everything stored so far is projected (single-process mode only). */
  flush(): Promise<void>;
  /**
   * Where this process projects: since when (epoch ms) every drain has failed, and the last error's
   * message; `undefined` while drains succeed (or where projection runs in another process).
   */
  readonly failing?: ProjectionFailing | undefined;
}

/** A projector whose drains keep failing ({@link ProjectionControl.failing}). */
export interface ProjectionFailing {
  readonly since: number;
  readonly error: string;
}

/** A store that counts its unprojected events (events logged and not projected yet, by any projector). */
export interface BacklogCounter {
  backlog(): Promise<number>;
}

/** Whether `store` can count its backlog. */
export function countsBacklog(store: object): store is BacklogCounter {
  return typeof (store as Partial<BacklogCounter>).backlog === 'function';
}

/** Kicks at most this often, ms. */
const KICK_EVERY_MS = 5;

/**
 * Projection running in other processes, as a process that does not project sees it: the primary of
 * `affinity serve` with several HTTP workers (kicks go over IPC; the lag is what the primary reports
 * through {@link setLag}), or the `project` nodes (kicks are published on the bus; the lag is counted
 * by the shared store). A kick is a hint, throttled: the projecting side also polls, so a lost kick
 * only delays projection by one poll.
 */
export class RemoteProjection implements ProjectionControl {
  readonly #send: () => void;
  readonly #counter: BacklogCounter | undefined;
  #lag = 0;
  #last = 0;

  /**
   * @param send asks the projecting side for a drain
   * @param store the shared store, whose backlog {@link measureLag} counts when it can (see {@link countsBacklog});
   *   without one, the lag is what {@link setLag} last recorded
   */
  constructor(send: () => void, store?: object) {
    this.#send = send;
    this.#counter = store && countsBacklog(store) ? store : undefined;
  }

  kick(): void {
    const now = performance.now();
    if (now - this.#last < KICK_EVERY_MS) return;
    this.#last = now;
    this.#send();
  }

  get lag(): number {
    return this.#lag;
  }

  /** Records the lag the projecting process reported. */
  setLag(lag: number): void {
    this.#lag = lag;
  }

  /** Counts the store's backlog when it can, else resolves with the lag last recorded. */
  async measureLag(): Promise<number> {
    if (this.#counter) this.#lag = await this.#counter.backlog();
    return this.#lag;
  }

  async flush(): Promise<void> {
    throw new Error('flush() is only available where the projector runs (one process, or a node with the project role)');
  }
}
