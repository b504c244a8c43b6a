/**
 * The projector: drains unprojected events from the store in batches, folds them (pure
 * `project()`), and writes the deltas back. Runs right after each append (so profiles are fresh
 * within milliseconds) and on an interval (to pick up work left by a crash or another node).
 *
 * Its `lag` is the store's whole backlog when the store can count it (`backlog()`: both stores do),
 * measured after every batch and every idle poll: not the size of the last batch (which capped it at
 * the batch size), and including events another (possibly dead) projector holds.
 */
import { canonicalEvent, linksIn } from '../core/catalog/canonicalEvents.ts';
import type { UserEvent } from '../core/events/userEvent.ts';
import type { LoggedEvent, ProjectionBatch, UserEventStore } from '../core/ports.ts';
import type { FactsLookup } from '../core/profile/fold.ts';
import type { RecentItem } from '../core/profile/profileDelta.ts';
import { project, userKey, type ProjectionParams } from '../core/projection.ts';
import type { CatalogRegistry } from './catalogRegistry.ts';
import { catalogFactsLookup } from './factsLookup.ts';

/** Options of the projector. */
export interface ProjectorOptions {
  readonly store: UserEventStore;
  readonly catalogs: CatalogRegistry;
  readonly params: ProjectionParams;
  /** Events per batch. */
  readonly batchSize?: number;
  /** Poll interval, ms. */
  readonly intervalMs?: number;
  /** Delay that lets kicks from concurrent appends share one drain, ms. */
  readonly coalesceMs?: number;
  readonly onError?: (err: unknown) => void;
  readonly onBatch?: (events: number, ms: number) => void;
  /** Called with every batch once it is applied (caches of derived data drop what it changed). */
  readonly onApplied?: (batch: ProjectionBatch) => void;
  /**
   * Sees every batch's canonical events before they are marked projected (attribution of served
   * lists, docs/decisions/0002); a failure fails the batch, which is read again (observers are idempotent).
   */
  readonly observe?: (events: readonly UserEvent[]) => Promise<void>;
  /**
   * With a backlog, pause between batches for as long as the last one took, up to this many ms (0:
   * no pause). For a store with one write lock (SQLite): a projector that starts its next transaction
   * at once leaves the lock to the appends only by chance. Measured when appends still waited in
   * SQLite's busy handler (sleeps of up to 100 ms): acknowledgements stalled for seconds under
   * concurrent batched posts; appends now retry every millisecond, the pause was kept.
   */
  readonly maxPauseMs?: number;
}

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

function countsBacklog(store: object): store is BacklogCounter {
  return typeof (store as Partial<BacklogCounter>).backlog === 'function';
}

/** While projection keeps failing (a store outage), `onError` hears of it once per this, ms. */
const ERROR_REPORT_EVERY_MS = 10_000;

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

/** Drains and projects events. */
export class Projector implements ProjectionControl {
  readonly #o: Required<Omit<ProjectorOptions, 'onError' | 'onBatch' | 'onApplied' | 'observe'>> & Pick<ProjectorOptions, 'onError' | 'onBatch' | 'onApplied' | 'observe'>;
  #timer: NodeJS.Timeout | undefined;
  #scheduled: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #paused = 0;
  #lag = 0;
  /** When the current run of failures was last reported (0: not failing). */
  #failingSince = 0;

  constructor(opts: ProjectorOptions) {
    this.#o = { batchSize: 1000, intervalMs: 250, coalesceMs: 20, maxPauseMs: 0, ...opts };
  }

  /** Starts polling. */
  start(): void {
    this.#stopped = false;
    this.#timer = setInterval(() => this.#run(), this.#o.intervalMs);
    this.#timer.unref();
    this.#run();
  }

  /** Asks for a drain soon: calls within `coalesceMs` share one drain, so batches stay worth their cost. */
  kick(): void {
    if (this.#stopped || this.#scheduled) return;
    this.#scheduled = setTimeout(() => {
      this.#scheduled = undefined;
      this.#run();
    }, this.#o.coalesceMs);
  }

  #run(): void {
    if (this.#stopped) return;
    if (this.#running || this.#paused > 0) {
      this.#again = true;
      return;
    }
    this.#running = this.#drain()
      .then(
        () => {
          this.#failingSince = 0;
        },
        (err) => {
          // A store outage fails every poll (4 a second): report the first failure, then one in a while.
          const now = performance.now();
          if (this.#failingSince > 0 && now - this.#failingSince < ERROR_REPORT_EVERY_MS) return;
          this.#failingSince = now;
          this.#o.onError?.(err);
        },
      )
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          setImmediate(() => this.#run());
        }
      });
  }

  /**
   * Runs `fn` while no batch is being projected in this process: waits for the batch in flight, holds
   * new ones back until `fn` settles, then resumes. Erasures use it so that a batch read before the
   * erasure cannot write the erased user's profile back.
   */
  async pauseWhile<T>(fn: () => Promise<T>): Promise<T> {
    this.#paused += 1;
    try {
      while (this.#running) await this.#running;
      return await fn();
    } finally {
      this.#paused -= 1;
      if (this.#paused === 0 && this.#again) {
        this.#again = false;
        setImmediate(() => this.#run());
      }
    }
  }

  /** Drains everything pending now; resolves when the store has no unprojected event. */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
    await this.#drain();
  }

  /** Events waiting at the last check. */
  get lag(): number {
    return this.#lag;
  }

  /**
   * Counts the events waiting now (the store's backlog) and records it as `lag`; with a store that
   * cannot count, or does not answer, resolves with the last value.
   */
  async measureLag(): Promise<number> {
    const { store } = this.#o;
    if (!countsBacklog(store)) return this.#lag;
    try {
      this.#lag = await store.backlog();
    } catch {
      // The store does not answer: keep the last value (readiness reports the store itself).
    }
    return this.#lag;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    if (this.#scheduled) clearTimeout(this.#scheduled);
    while (this.#running) await this.#running;
  }

  /**
   * The batch with every product named by its catalog id (a pixel's numeric id resolved to a CSV
   * catalog's handle, a variant id to its product), after recording the links its events teach.
   */
  async #canonical(batch: LoggedEvent[]): Promise<LoggedEvent[]> {
    const { catalogs } = this.#o;
    const byShop = new Map<string, UserEvent[]>();
    for (const { event } of batch) {
      const list = byShop.get(event.shop);
      if (list) list.push(event);
      else byShop.set(event.shop, [event]);
    }
    for (const [shop, events] of byShop) {
      const links = linksIn(events, catalogs.get(shop).identity);
      if (links.length > 0) await catalogs.learn(shop, links);
    }
    return batch.map((b) => {
      const event = canonicalEvent(b.event, catalogs.get(b.event.shop).identity);
      return event === b.event ? b : { seq: b.seq, event };
    });
  }

  async #drain(): Promise<void> {
    const { store, batchSize } = this.#o;
    // A stopped projector finishes the batch in hand and leaves the rest of a backlog in the log for
    // the next start (stopping used to wait for the whole backlog: tens of seconds after a burst).
    while (!this.#stopped) {
      const started = performance.now();
      const read = await store.readUnprojected(batchSize);
      if (read.length === 0) {
        // Nothing for this projector; the backlog may still hold events another one has (or had).
        this.#lag = 0;
        await this.measureLag();
        return;
      }
      const batch = await this.#canonical(read);
      if (this.#o.observe) await this.#o.observe(batch.map((b) => b.event));
      this.#lag = Math.max(this.#lag, batch.length);
      const users = new Map<string, { shop: string; ids: Set<string> }>();
      for (const { event } of batch) {
        const s = users.get(event.shop) ?? { shop: event.shop, ids: new Set<string>() };
        s.ids.add(event.userId);
        users.set(event.shop, s);
      }
      const histories = new Map<string, readonly RecentItem[]>();
      for (const { shop, ids } of users.values()) {
        const list = [...ids];
        const recent = await store.getRecentItems(shop, list);
        recent.forEach((items, i) => {
          if (items.length > 0) histories.set(userKey(shop, list[i] as string), items);
        });
      }
      const lookupFor = (shop: string): FactsLookup => catalogFactsLookup(this.#o.catalogs.get(shop).index);
      // Project shop by shop so each lookup is bound to its shop's catalog.
      const byShop = new Map<string, typeof batch>();
      for (const b of batch) {
        const list = byShop.get(b.event.shop) ?? [];
        list.push(b);
        byShop.set(b.event.shop, list);
      }
      const seqs: string[] = [];
      const profiles = [];
      const stats = [];
      for (const [shop, part] of byShop) {
        const r = project(part, histories, lookupFor(shop), this.#o.params);
        seqs.push(...r.seqs);
        profiles.push(...r.profiles);
        stats.push(...r.stats);
      }
      const applied = { seqs, profiles, stats };
      await store.applyProjection(applied);
      this.#o.onApplied?.(applied);
      this.#o.onBatch?.(batch.length, performance.now() - started);
      if (batch.length < batchSize) {
        this.#lag = 0;
        await this.measureLag();
        return;
      }
      await this.measureLag();
      const pause = Math.min(this.#o.maxPauseMs, performance.now() - started);
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
  }
}
