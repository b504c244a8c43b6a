/**
 * Whether the Redis holding the shared state of stateless nodes answers, as this node's shared-state
 * operations see it (session memory, consent states, conversations: `sharedSessionState.ts`,
 * `sharedConversations.ts`). These go to Redis on their own client calls, not through the store's
 * operations, so they keep their own verdict: the up / suspect / down machine of
 * `adapters/resilience/availability.ts` (the store's too, `adapters/redis/redisHealth.ts`), driven
 * here by operations that fail or outlive their budget and by a probe read.
 *
 * What is this circuit's own: each operation runs within its budget, and passes a gate by path. A
 * read of the request path needs `up` (else it fails at once and the recommender answers from this
 * node's memory, as the single process does); a write-path operation waits for the verdict while Redis
 * is suspect and fails at once while it is down. Refusals are `STORE_UNAVAILABLE` (events get a 503
 * with `Retry-After`). On the healthy path this is a field read per operation.
 */
import { AffinityError, isAffinityError } from '../core/errors.ts';
import { within } from '../adapters/resilience/within.ts';
import { Availability, type AvailabilityState, type ProbeSettings } from '../adapters/resilience/availability.ts';
import { errMessage } from '../adapters/redis/replies.ts';
import { MasterUnreachable } from '../adapters/redis/clusterReach.ts';

export { DEFAULT_PROBE_EVERY_MS, DEFAULT_PROBE_TIMEOUT_MS } from '../adapters/resilience/availability.ts';

/** See `adapters/resilience/availability.ts`. */
export type CircuitState = AvailabilityState;

/** `p`, or a `STORE_UNAVAILABLE` error after `ms` or when it fails. */
export function withinBudget<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return within(p, ms, (err) => {
    if (err === undefined) throw new AffinityError('STORE_UNAVAILABLE', `Redis did not ${what} within ${ms} ms.`);
    if (isAffinityError(err)) throw err;
    throw new AffinityError('STORE_UNAVAILABLE', `Redis could not ${what}: ${errMessage(err)}`, [], { cause: err });
  });
}

/** Options of {@link StoreCircuit}. */
export interface StoreCircuitOptions extends ProbeSettings {
  /** A cheap round trip to the same Redis (a read of a key nobody writes). */
  readonly probe: () => Promise<unknown>;
}

/** The verdict on the shared-state Redis of one node, and the gate its operations pass. */
export class StoreCircuit {
  readonly #availability: Availability;

  constructor(opts: StoreCircuitOptions) {
    const { probe, ...settings } = opts;
    this.#availability = new Availability({ ...settings, name: 'Redis', probe: () => probe() });
  }

  get state(): CircuitState {
    return this.#availability.state;
  }

  /**
   * A read of the request path (hydrating a recommendation): runs `op` within `budgetMs` while Redis
   * is up, fails at once otherwise. A failure or a late answer makes Redis suspect.
   * @throws AffinityError `STORE_UNAVAILABLE`
   */
  read<T>(op: () => Promise<T>, budgetMs: number, what: string): Promise<T> {
    if (this.state !== 'up') return Promise.reject(this.#refusal(what));
    return this.#run(op, budgetMs, what);
  }

  /**
   * An operation of the write path (hydrating an event's shopper, writing the shared state): waits for
   * the probe's verdict while Redis is suspect, fails at once while it is down.
   * @throws AffinityError `STORE_UNAVAILABLE`
   */
  async write<T>(op: () => Promise<T>, budgetMs: number, what: string): Promise<T> {
    if (this.state === 'suspect') await this.#availability.decided();
    if (this.state === 'down') throw this.#refusal(what);
    return this.#run(op, budgetMs, what);
  }

  /** Stops probing (shutdown); pending waiters are released. */
  close(): void {
    this.#availability.close();
  }

  async #run<T>(op: () => Promise<T>, budgetMs: number, what: string): Promise<T> {
    try {
      return await withinBudget(Promise.resolve().then(op), budgetMs, what);
    } catch (err) {
      // One Cluster master gone is not Redis gone: the other masters' shoppers go on (clusterReach.ts).
      if (!((err as { cause?: unknown }).cause instanceof MasterUnreachable)) this.#availability.suspect(errMessage(err));
      throw err;
    }
  }

  #refusal(what: string): AffinityError {
    return new AffinityError('STORE_UNAVAILABLE', `${this.#availability.describe()}; did not ${what}.`);
  }
}
