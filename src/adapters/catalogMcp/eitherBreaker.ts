/**
 * A cockatiel breaker that opens when any of its parts would: here, N consecutive failures (a hard
 * outage) or a failure rate over a sampling window (a flaky upstream that still answers sometimes).
 */
import type { CircuitState, IBreaker } from 'cockatiel';

/** Opens when any of the given breakers says so; every part sees every outcome. */
export class EitherBreaker implements IBreaker {
  readonly #parts: readonly IBreaker[];

  constructor(...parts: IBreaker[]) {
    this.#parts = parts;
  }

  /** The parts' states, in order (for cockatiel's toJSON / initialState). */
  get state(): unknown {
    return this.#parts.map((p) => p.state);
  }

  set state(value: unknown) {
    if (!Array.isArray(value)) return;
    this.#parts.forEach((p, i) => {
      if (i < value.length) p.state = value[i];
    });
  }

  success(state: CircuitState): void {
    for (const p of this.#parts) p.success(state);
  }

  failure(state: CircuitState): boolean {
    let open = false;
    for (const p of this.#parts) open = p.failure(state) || open;
    return open;
  }
}
