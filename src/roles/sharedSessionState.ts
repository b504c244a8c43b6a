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
 * The local copies are a per-request scratch pad, never the truth: the next unit of work that touches
 * a shopper reads Redis again.
 */
import { AffinityError, isAffinityError } from '../core/errors.ts';
import type { UserEvent } from '../core/events/userEvent.ts';
import type { RedisSessionState } from '../adapters/redis/redisSessionState.ts';
import { ConsentLedger, type ConsentState } from '../app/privacy/consentLedger.ts';
import { SessionMemory, SESSION_EVENT_CAP, type SessionMemoryOptions } from '../app/privacy/sessionMemory.ts';

/** How long a hydration may take before the work goes on without it (or fails, on the write path), ms. */
export const HYDRATE_BUDGET_MS = 500;
/** How long a flush, or a hydration on the write path, may take, ms (the store's operation timeout). */
export const WRITE_PATH_BUDGET_MS = 5_000;

/** `p`, or a `STORE_UNAVAILABLE` error after `ms` or when it fails. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AffinityError('STORE_UNAVAILABLE', `Redis did not ${what} within ${ms} ms.`)), ms);
      }),
    ]);
  } catch (e) {
    if (isAffinityError(e)) throw e;
    throw new AffinityError('STORE_UNAVAILABLE', `Redis could not ${what}: ${e instanceof Error ? e.message : String(e)}`, [], { cause: e });
  } finally {
    clearTimeout(timer);
  }
}

/** A shopper. */
export interface Shopper {
  readonly shop: string;
  readonly userId: string;
}

/** Tracks writes in flight; `settle` waits for them and throws the first failure. */
class Pending {
  readonly #inFlight = new Set<Promise<void>>();
  #failure: unknown;

  track(p: Promise<void>): void {
    const t = p.catch((err) => {
      this.#failure ??= err;
    });
    this.#inFlight.add(t);
    void t.finally(() => this.#inFlight.delete(t));
  }

  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
    const f = this.#failure;
    this.#failure = undefined;
    if (f !== undefined) throw f;
  }
}

/** `SessionMemory` whose truth is in Redis. */
export class SharedSessionMemory extends SessionMemory {
  readonly #redis: RedisSessionState;
  readonly #pending = new Pending();

  constructor(opts: SessionMemoryOptions & { readonly redis: RedisSessionState }) {
    super(opts);
    this.#redis = opts.redis;
  }

  override add(events: readonly UserEvent[]): number {
    const fresh = new Map<string, { shop: string; userId: string; ids: Set<string>; bodies: string[] }>();
    for (const e of events) {
      const key = `${e.shop}\u0000${e.userId}`;
      let f = fresh.get(key);
      if (!f) fresh.set(key, (f = { shop: e.shop, userId: e.userId, ids: new Set(this.events(e.shop, e.userId).map((x) => x.id)), bodies: [] }));
      if (f.ids.has(e.id)) continue;
      f.ids.add(e.id);
      f.bodies.push(JSON.stringify(e));
    }
    for (const f of fresh.values()) this.#pending.track(this.#redis.addEvents(f.shop, f.userId, f.bodies));
    return super.add(events);
  }

  override delete(shop: string, userId: string): boolean {
    this.#pending.track(this.#redis.delete(shop, userId, 'session'));
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

  /** Waits for the writes made so far. @throws the first failed write (the store is unavailable) */
  flush(): Promise<void> {
    return this.#pending.settle();
  }
}

/** `ConsentLedger` whose truth is in Redis. */
export class SharedConsentLedger extends ConsentLedger {
  readonly #redis: RedisSessionState;
  readonly #pending = new Pending();

  constructor(opts: { ttlMs: number; max?: number; redis: RedisSessionState }) {
    super(opts);
    this.#redis = opts.redis;
  }

  /** States set since the last write, by shopper: a batch of events sets one shopper's state once per event. */
  readonly #dirty = new Map<string, { shop: string; userId: string; state: ConsentState }>();

  override set(shop: string, userId: string, state: Omit<ConsentState, 'stored'> & { stored?: boolean }): ConsentState {
    const next = super.set(shop, userId, state);
    if (this.#dirty.size === 0) {
      // Written once the synchronous work in hand is done: the latest state of each shopper, once.
      const written = new Promise<void>((resolve, reject) => queueMicrotask(() => this.#writeDirty().then(resolve, reject)));
      this.#pending.track(written);
    }
    this.#dirty.set(`${shop}\u0000${userId}`, { shop, userId, state: next });
    return next;
  }

  async #writeDirty(): Promise<void> {
    const states = [...this.#dirty.values()];
    this.#dirty.clear();
    await Promise.all(states.map((d) => this.#redis.setConsent(d.shop, d.userId, JSON.stringify(d.state))));
  }

  override delete(shop: string, userId: string): void {
    this.#dirty.delete(`${shop}\u0000${userId}`);
    this.#pending.track(this.#redis.delete(shop, userId, 'consent'));
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

  flush(): Promise<void> {
    return this.#pending.settle();
  }
}

/** The shared session memory and ledger, hydrated and flushed together. */
export class SharedSessionState {
  constructor(
    readonly redis: RedisSessionState,
    readonly sessions: SharedSessionMemory,
    readonly ledger: SharedConsentLedger,
  ) {}

  /** Reads these shoppers' sessions and consent states from Redis into the local copies. */
  async hydrate(shoppers: readonly Shopper[], budgetMs = HYDRATE_BUDGET_MS): Promise<void> {
    const unique = [...new Map(shoppers.map((s) => [`${s.shop}\u0000${s.userId}`, s])).values()];
    if (unique.length === 0) return;
    const read = await within(this.redis.read(unique), budgetMs, 'read the session and consent state');
    this.sessions.load(unique, read.map((r) => r.events));
    this.ledger.load(unique, read.map((r) => r.consent));
  }

  /** Waits until every write made so far is in Redis. @throws AffinityError `STORE_UNAVAILABLE` */
  async flush(): Promise<void> {
    await within(Promise.all([this.sessions.flush(), this.ledger.flush()]), WRITE_PATH_BUDGET_MS, 'write the session and consent state');
  }
}
