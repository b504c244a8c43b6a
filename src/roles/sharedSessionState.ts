/**
 * Session-only memory and the consent ledger shared by every node through Redis (stateless nodes;
 * docs/decisions/0003). The consumers (consent gate, recommenders, attribution) keep the synchronous
 * in-memory API of `SessionMemory` and `ConsentLedger`; around each unit of work the node
 *
 * 1. `hydrate`s the shoppers it is about to touch: their state is read from Redis and replaces the
 *    local copy (a shopper with nothing in Redis has nothing locally either);
 * 2. runs the work against the local copies, whose writes (`add`, `set`, `delete`) also go to Redis;
 * 3. `flush`es: waits until those writes are acknowledged, so that whatever the node answered is
 *    what any other node reads next.
 *
 * On the write path the three steps are one `unit` of work: the writes a unit makes are tracked in its
 * own `WriteScope` (found along its async calls through `AsyncLocalStorage`), so its flush waits for
 * its own writes only, and a failed write fails the unit that made it, not whichever flushes next.
 *
 * The local copies are a per-request scratch pad, never the truth: the next unit of work that touches
 * a shopper reads Redis again.
 *
 * Every read and write passes the node's {@link StoreCircuit} (`storeCircuit.ts`): once Redis is known
 * to be unreachable, a recommendation answers at once from this node's memory and an event is refused
 * at once (503), instead of each waiting out its budget, and both go back to Redis as soon as a probe
 * answers again.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserEvent } from '../core/events/userEvent.ts';
import type { RedisSessionState } from '../adapters/redis/redisSessionState.ts';
import { ConsentLedger, type ConsentState } from '../features/privacy/consentLedger.ts';
import { SessionMemory, SESSION_EVENT_CAP, type SessionMemoryOptions } from '../features/privacy/sessionMemory.ts';
import { StoreCircuit, withinBudget } from './storeCircuit.ts';

/** How long a hydration may take before the work goes on without it (or fails, on the write path), ms. */
export const HYDRATE_BUDGET_MS = 500;
/** How long a flush, or a hydration on the write path, may take, ms (the store's operation timeout). */
export const WRITE_PATH_BUDGET_MS = 5_000;

/** The shopper the circuit's probe reads (keys nobody writes): a round trip to the same Redis. */
const PROBE_SHOPPER: Shopper = { shop: 'affinity-probe', userId: 'probe' };

/** A write of the shared state through `circuit` (directly when none is attached yet). */
function guardedWrite(circuit: StoreCircuit | undefined, op: () => Promise<void>, what: string): Promise<void> {
  return circuit ? circuit.write(op, WRITE_PATH_BUDGET_MS, what) : op();
}

/** A shopper. */
export interface Shopper {
  readonly shop: string;
  readonly userId: string;
}

/**
 * The writes of one unit of work (a request): its flush waits for these only, and a failed write is
 * reported to this unit alone. Writes made outside any unit (shutdown, background work) go to the
 * node's own scope, settled by {@link SharedSessionState.flush}.
 */
export class WriteScope {
  readonly #inFlight = new Set<Promise<void>>();
  #failure: unknown;
  /** Shoppers hydrated in this unit (a nested unit reads only the others). */
  readonly hydrated = new Set<string>();

  track(p: Promise<void>): void {
    const t = p.catch((err) => {
      this.#failure ??= err;
    });
    this.#inFlight.add(t);
    void t.finally(() => this.#inFlight.delete(t));
  }

  /** Waits for this scope's writes (bounded: a write tracked while settling is awaited in the next round). @throws the first failure */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
    const f = this.#failure;
    this.#failure = undefined;
    if (f !== undefined) throw f;
  }
}

/** The unit of work in hand, along the async calls it makes. */
const units = new AsyncLocalStorage<WriteScope>();

/** The scope writes are tracked in now: the current unit's, else `fallback`. */
function currentScope(fallback: WriteScope): WriteScope {
  return units.getStore() ?? fallback;
}

/** One key per shopper of a shop (a NUL cannot occur in either part). */
export const shopperKey = (shop: string, userId: string): string => `${shop}\u0000${userId}`;

/** `SessionMemory` whose truth is in Redis. */
export class SharedSessionMemory extends SessionMemory {
  readonly #redis: RedisSessionState;
  readonly #unscoped = new WriteScope();
  #circuit: StoreCircuit | undefined;

  constructor(opts: SessionMemoryOptions & { readonly redis: RedisSessionState }) {
    super(opts);
    this.#redis = opts.redis;
  }

  /** Sends the writes through `circuit` (set by {@link SharedSessionState}). */
  useCircuit(circuit: StoreCircuit): void {
    this.#circuit = circuit;
  }

  override add(events: readonly UserEvent[]): number {
    const fresh = new Map<string, { shop: string; userId: string; ids: Set<string>; bodies: string[] }>();
    for (const e of events) {
      const key = shopperKey(e.shop, e.userId);
      let f = fresh.get(key);
      if (!f) fresh.set(key, (f = { shop: e.shop, userId: e.userId, ids: new Set(this.events(e.shop, e.userId).map((x) => x.id)), bodies: [] }));
      if (f.ids.has(e.id)) continue;
      f.ids.add(e.id);
      f.bodies.push(JSON.stringify(e));
    }
    const scope = currentScope(this.#unscoped);
    for (const f of fresh.values()) scope.track(guardedWrite(this.#circuit, () => this.#redis.addEvents(f.shop, f.userId, f.bodies), 'write the session state'));
    return super.add(events);
  }

  override delete(shop: string, userId: string): boolean {
    currentScope(this.#unscoped).track(guardedWrite(this.#circuit, () => this.#redis.delete(shop, userId, 'session'), 'delete the session state'));
    return super.delete(shop, userId);
  }

  /** Replaces the local copies of these shoppers' sessions with what `read` found in Redis. */
  load(shoppers: readonly Shopper[], events: readonly (readonly string[])[]): void {
    shoppers.forEach((s, i) => {
      super.delete(s.shop, s.userId);
      const list: UserEvent[] = [];
      for (const text of events[i] ?? []) {
        try {
          list.push(JSON.parse(text) as UserEvent);
        } catch {
          // A corrupt entry is dropped: it is session-only data, and it expires with the session.
        }
      }
      if (list.length > 0) super.add(list.slice(-SESSION_EVENT_CAP));
    });
  }

  /** Waits for the writes made outside any unit of work. @throws the first failed write (the store is unavailable) */
  flush(): Promise<void> {
    return this.#unscoped.settle();
  }
}

/** `ConsentLedger` whose truth is in Redis. */
export class SharedConsentLedger extends ConsentLedger {
  readonly #redis: RedisSessionState;
  readonly #unscoped = new WriteScope();
  #circuit: StoreCircuit | undefined;

  constructor(opts: { ttlMs: number; max?: number; redis: RedisSessionState }) {
    super(opts);
    this.#redis = opts.redis;
  }

  /** Sends the writes through `circuit` (set by {@link SharedSessionState}). */
  useCircuit(circuit: StoreCircuit): void {
    this.#circuit = circuit;
  }

  /** States set in a unit and not written yet, by shopper: a batch of events sets one shopper's state once per event. */
  readonly #dirty = new WeakMap<WriteScope, Map<string, { shop: string; userId: string; state: ConsentState }>>();

  override set(shop: string, userId: string, state: Omit<ConsentState, 'stored'> & { stored?: boolean }): ConsentState {
    const next = super.set(shop, userId, state);
    const scope = currentScope(this.#unscoped);
    let dirty = this.#dirty.get(scope);
    if (!dirty) this.#dirty.set(scope, (dirty = new Map()));
    if (dirty.size === 0) {
      // Written once the synchronous work in hand is done: the latest state of each shopper, once.
      const pending = dirty;
      scope.track(new Promise<void>((resolve, reject) => queueMicrotask(() => this.#write(pending).then(resolve, reject))));
    }
    dirty.set(shopperKey(shop, userId), { shop, userId, state: next });
    return next;
  }

  async #write(dirty: Map<string, { shop: string; userId: string; state: ConsentState }>): Promise<void> {
    const states = [...dirty.values()];
    dirty.clear();
    await guardedWrite(this.#circuit, async () => void (await Promise.all(states.map((d) => this.#redis.setConsent(d.shop, d.userId, JSON.stringify(d.state))))), 'write the consent state');
  }

  override delete(shop: string, userId: string): void {
    const scope = currentScope(this.#unscoped);
    this.#dirty.get(scope)?.delete(shopperKey(shop, userId));
    scope.track(guardedWrite(this.#circuit, () => this.#redis.delete(shop, userId, 'consent'), 'delete the consent state'));
    super.delete(shop, userId);
  }

  /** Replaces the local copies of these shoppers' states with what `read` found in Redis. */
  load(shoppers: readonly Shopper[], states: readonly (string | undefined)[]): void {
    shoppers.forEach((s, i) => {
      const text = states[i];
      let state: ConsentState | undefined;
      try {
        state = text ? (JSON.parse(text) as ConsentState) : undefined;
      } catch {
        state = undefined;
      }
      if (state) super.set(s.shop, s.userId, state);
      else super.delete(s.shop, s.userId);
    });
  }

  /** Waits for the writes made outside any unit of work. */
  flush(): Promise<void> {
    return this.#unscoped.settle();
  }
}

/** The shared session memory and ledger, hydrated and flushed together. */
export class SharedSessionState {
  /** Whether Redis answers this node's shared-state operations (every read and write passes it). */
  readonly circuit: StoreCircuit;

  /** @param circuit default: one of its own, probing with a read of a key nobody writes */
  constructor(
    readonly redis: RedisSessionState,
    readonly sessions: SharedSessionMemory,
    readonly ledger: SharedConsentLedger,
    circuit?: StoreCircuit,
  ) {
    this.circuit = circuit ?? new StoreCircuit({ probe: () => redis.read([PROBE_SHOPPER]) });
    sessions.useCircuit(this.circuit);
    ledger.useCircuit(this.circuit);
  }

  /**
   * Reads these shoppers' sessions and consent states from Redis into the local copies. On the request
   * path (the default) it fails at once unless Redis is up; on the write path it waits for the
   * circuit's verdict while Redis is suspect (see `storeCircuit.ts`).
   * @throws AffinityError `STORE_UNAVAILABLE`
   */
  async hydrate(shoppers: readonly Shopper[], budgetMs = HYDRATE_BUDGET_MS, path: 'read' | 'write' = 'read'): Promise<void> {
    const unique = [...new Map(shoppers.map((s) => [shopperKey(s.shop, s.userId), s])).values()];
    if (unique.length === 0) return;
    const what = 'read the session and consent state';
    const read = path === 'read' ? await this.circuit.read(() => this.redis.read(unique), budgetMs, what) : await this.circuit.write(() => this.redis.read(unique), budgetMs, what);
    this.sessions.load(unique, read.map((r) => r.events));
    this.ledger.load(unique, read.map((r) => r.consent));
  }

  /**
   * One unit of work on the write path: hydrates `shoppers`, runs `work`, then waits until the writes
   * `work` made (and only those) are in Redis; a failed write fails this unit only. Inside a unit
   * already running (a request that records consent, then appends), only the shoppers not hydrated yet
   * are read, and the outer unit flushes once at its end.
   * @throws AffinityError `STORE_UNAVAILABLE` (a read or a write of this unit failed or timed out)
   */
  async unit<T>(shoppers: readonly Shopper[], work: () => Promise<T>): Promise<T> {
    const outer = units.getStore();
    if (outer) {
      await this.#hydrateIn(outer, shoppers);
      return work();
    }
    const scope = new WriteScope();
    return units.run(scope, async () => {
      await this.#hydrateIn(scope, shoppers);
      let out: T;
      try {
        out = await work();
      } catch (err) {
        // The unit failed already: its writes still finish before the caller hears of it.
        await withinBudget(scope.settle(), WRITE_PATH_BUDGET_MS, 'write the session and consent state').catch(() => {});
        throw err;
      }
      await withinBudget(scope.settle(), WRITE_PATH_BUDGET_MS, 'write the session and consent state');
      return out;
    });
  }

  async #hydrateIn(scope: WriteScope, shoppers: readonly Shopper[]): Promise<void> {
    const fresh = shoppers.filter((s) => !scope.hydrated.has(shopperKey(s.shop, s.userId)));
    await this.hydrate(fresh, WRITE_PATH_BUDGET_MS, 'write');
    for (const s of fresh) scope.hydrated.add(shopperKey(s.shop, s.userId));
  }

  /** Waits until the writes made outside any unit of work are in Redis (shutdown). @throws AffinityError `STORE_UNAVAILABLE` */
  async flush(): Promise<void> {
    await withinBudget(Promise.all([this.sessions.flush(), this.ledger.flush()]), WRITE_PATH_BUDGET_MS, 'write the session and consent state');
  }
}
