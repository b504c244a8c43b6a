/**
 * What the transports need from projection (trigger it, see its backlog, wait for it), and the
 * stand-in of a projection that runs in another process.
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
}

/** A store that counts its unprojected events (events logged and not projected yet, by any projector). */
export interface BacklogCounter {
  backlog(): Promise<number>;
}

/** Whether `store` can count its backlog. */
export function countsBacklog(store: object): store is BacklogCounter {
  return typeof (store as Partial<BacklogCounter>).backlog === 'function';
}

/**
 * Projection running in another process (the primary of `affinity serve` with several workers):
 * kicks are forwarded through `send`, throttled, and the lag is what the primary last reported.
 */
export class RemoteProjection implements ProjectionControl {
  #lag = 0;
  #last = 0;
  constructor(private readonly send: () => void) {}
  kick(): void {
    const now = performance.now();
    if (now - this.#last < 5) return;
    this.#last = now;
    this.send();
  }
  get lag(): number {
    return this.#lag;
  }
  /** Records the lag the projecting process reported. */
  setLag(lag: number): void {
    this.#lag = lag;
  }
  async flush(): Promise<void> {
    throw new Error('flush() is only available where the projector runs (single-process mode)');
  }
}
