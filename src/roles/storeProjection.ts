/**
 * Projection as a node without the `project` role sees it: the work runs on other nodes, the backlog
 * is counted by the shared store, and a kick after an append is a hint published to the project
 * nodes (they also poll the log, so a lost kick only delays projection by one poll).
 */
import type { BacklogCounter, ProjectionControl } from '../features/projection/projectionControl.ts';

/** Kicks at most this often, ms. */
const KICK_EVERY_MS = 5;

/** {@link ProjectionControl} of a node that does not project. */
export class StoreProjection implements ProjectionControl {
  readonly #store: Partial<BacklogCounter>;
  readonly #kick: () => void;
  #lag = 0;
  #last = 0;

  constructor(store: object, kick: () => void) {
    this.#store = store as Partial<BacklogCounter>;
    this.#kick = kick;
  }

  kick(): void {
    const now = performance.now();
    if (now - this.#last < KICK_EVERY_MS) return;
    this.#last = now;
    this.#kick();
  }

  get lag(): number {
    return this.#lag;
  }

  async measureLag(): Promise<number> {
    if (this.#store.backlog) this.#lag = await this.#store.backlog();
    return this.#lag;
  }

  async flush(): Promise<void> {
    throw new Error('flush() is only available where the projector runs (a node with the project role)');
  }
}
