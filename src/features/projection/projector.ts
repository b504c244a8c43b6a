/**
 * The projector: drains unprojected events from the store in batches, folds them (pure
 * `project()`), and writes the deltas back. Runs right after each append (so profiles are fresh
 * within milliseconds) and on an interval (to pick up work left by a crash or another node).
 *
 * Its `lag` is the store's whole backlog when the store can count it (`backlog()`: both stores do),
 * measured after every batch: not the size of the last batch (which capped it at the batch size), and
 * including events another (possibly dead) projector holds. An idle poll counts it again only while it
 * is not known to be empty, else once per {@link IDLE_LAG_EVERY_MS}; readiness counts it on demand.
 *
 * Where the drain loop is lives in one explicit state ({@link DrainState}); only the two timers
 * (the poll and a coalesced kick) are kept beside it.
 */
import { canonicalEvent, linksIn, namesUnknownProduct } from '../../core/catalog/canonicalEvents.ts';
import type { UserEvent } from '../../core/events/userEvent.ts';
import type { LoggedEvent, ProjectionBatch, UserEventStore } from '../../core/ports.ts';
import type { FactsLookup } from '../../core/profile/fold.ts';
import type { RecentItem } from '../../core/profile/profileDelta.ts';
import { project, userKey, type ProjectionParams } from '../../core/projection.ts';
import type { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { catalogFactsLookup } from '../catalog/factsLookup.ts';
import { countsBacklog, type ProjectionControl, type ProjectionFailing } from './projectionControl.ts';

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
  /**
   * Hears of each event set aside because it cannot be projected ({@link Projector}'s class comment):
   * it stays in the event log, and is marked projected without changing a profile.
   */
  readonly onUnprojectable?: (event: LoggedEvent, err: unknown) => void;
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
  /** Monotonic milliseconds (default `performance.now`): paces idle lag counts and failure reports. */
  readonly monotonicNow?: () => number;
  /** Epoch milliseconds (default `Date.now`): when a run of failures began, as readiness reports it. */
  readonly wallNow?: () => number;
  /**
   * Brings the catalogs up to date with the store, before a batch that names a product its shop's
   * catalog does not know: another process (an HTTP worker, an API node, `affinity import`) may have
   * imported it since this one last looked, and events folded without their product's facts would
   * never get its affinities. Absent: the catalogs are taken as they are.
   */
  readonly refreshCatalogs?: () => Promise<unknown>;
}

/** While projection keeps failing (a store outage), `onError` hears of it once per this, ms. */
const ERROR_REPORT_EVERY_MS = 10_000;
/** How often a batch is folded again when other projectors keep projecting parts of it first (then the rest waits for the next drain). */
const MAX_REFOLDS = 4;
/** With a backlog known to be empty, an idle poll counts it again at most once per this, ms. */
export const IDLE_LAG_EVERY_MS = 5_000;

/**
 * Where the drain loop is. Each variant carries only its own data; the transitions are in `#run`,
 * `#settled`, `pauseWhile`, `start` and `stop`.
 */
type DrainState =
  /** Nothing in flight. */
  | { readonly kind: 'idle' }
  /** A drain in flight; `again`: a run was asked for meanwhile (it starts once this one settles). */
  | { readonly kind: 'draining'; readonly done: Promise<void>; readonly again: boolean }
  /**
   * Held back by `holders` callers of `pauseWhile`: `inFlight` is the drain they wait for, `again`
   * says a run was asked for meanwhile (it starts when the last holder lets go).
   */
  | { readonly kind: 'paused'; readonly holders: number; readonly inFlight: Promise<void> | undefined; readonly again: boolean }
  /** Stopped: polls and kicks are ignored; `inFlight` is the batch being finished. */
  | { readonly kind: 'stopped'; readonly inFlight: Promise<void> | undefined };

type Defaults = 'batchSize' | 'intervalMs' | 'coalesceMs' | 'maxPauseMs' | 'monotonicNow' | 'wallNow';

/**
 * Drains and projects events.
 *
 * **An event that cannot be projected does not hold up the others.** A batch that fails is read again,
 * which outlasts a store outage; but an event whose own projection throws (a stored event of a shape
 * this code cannot fold: one accepted before a validation rule existed) would fail every batch it is in,
 * for every shop, forever. So when a batch fails, its events are tried one by one through the pure
 * steps (links, catalog ids, the fold, with the shopper's stored history read first): those that throw
 * there are set aside (`onUnprojectable`; marked projected with no delta, and kept in the event log,
 * where exports and erasure still see them), and the rest is read again. A failure no event causes on
 * its own (the store, the catalog, an observer) is retried as before, and sets nothing aside.
 */
export class Projector implements ProjectionControl {
  readonly #o: Required<Pick<ProjectorOptions, Defaults>> & Omit<ProjectorOptions, Defaults>;
  #state: DrainState = { kind: 'idle' };
  /** The poll (between `start` and `stop`) and a kick waiting for `coalesceMs`: timer handles, not state. */
  readonly #timers: { poll?: NodeJS.Timeout; kick?: NodeJS.Timeout } = {};
  #lag = 0;
  /** When the backlog was last counted (monotonic ms). */
  #lagCountedAt = -Infinity;
  /** When the current run of failures was last reported (undefined: not failing). */
  #failingSince: number | undefined;
  /** The current run of failures, as readiness reports it (undefined: the last drain succeeded). */
  #failing: ProjectionFailing | undefined;

  constructor(opts: ProjectorOptions) {
    this.#o = { batchSize: 1000, intervalMs: 250, coalesceMs: 20, maxPauseMs: 0, monotonicNow: () => performance.now(), wallNow: () => Date.now(), ...opts };
  }

  /** Starts polling (again, after `stop`). */
  start(): void {
    const s = this.#state;
    if (s.kind === 'stopped') this.#state = s.inFlight ? { kind: 'draining', done: s.inFlight, again: false } : { kind: 'idle' };
    clearInterval(this.#timers.poll);
    this.#timers.poll = setInterval(() => this.#run(), this.#o.intervalMs);
    this.#timers.poll.unref();
    this.#run();
  }

  /** Asks for a drain soon: calls within `coalesceMs` share one drain, so batches stay worth their cost. */
  kick(): void {
    if (this.#state.kind === 'stopped' || this.#timers.kick) return;
    this.#timers.kick = setTimeout(() => {
      delete this.#timers.kick;
      this.#run();
    }, this.#o.coalesceMs);
  }

  /** The drain the state waits for, if any. */
  #inFlight(): Promise<void> | undefined {
    const s = this.#state;
    return s.kind === 'draining' ? s.done : s.kind === 'paused' || s.kind === 'stopped' ? s.inFlight : undefined;
  }

  #run(): void {
    const s = this.#state;
    switch (s.kind) {
      case 'stopped':
        return;
      case 'draining':
      case 'paused':
        this.#state = { ...s, again: true };
        return;
      case 'idle': {
        const done: Promise<void> = this.#drain()
          .then(
            () => {
              this.#failingSince = undefined;
              this.#failing = undefined;
            },
            (err) => {
              this.#failing = { since: this.#failing?.since ?? this.#o.wallNow(), error: err instanceof Error ? err.message : String(err) };
              // A store outage fails every poll (4 a second): report the first failure, then one in a while.
              const now = this.#o.monotonicNow();
              if (this.#failingSince !== undefined && now - this.#failingSince < ERROR_REPORT_EVERY_MS) return;
              this.#failingSince = now;
              this.#o.onError?.(err);
            },
          )
          .finally(() => this.#settled(done));
        this.#state = { kind: 'draining', done, again: false };
      }
    }
  }

  /** The drain `done` has settled. */
  #settled(done: Promise<void>): void {
    const s = this.#state;
    switch (s.kind) {
      case 'draining':
        if (s.done !== done) return;
        this.#state = { kind: 'idle' };
        if (s.again) setImmediate(() => this.#run());
        return;
      case 'paused':
      case 'stopped':
        if (s.inFlight === done) this.#state = { ...s, inFlight: undefined };
        return;
      case 'idle':
        return;
    }
  }

  /**
   * Runs `fn` while no batch is being projected in this process: waits for the batch in flight, holds
   * new ones back until `fn` settles, then resumes. Erasures use it so that a batch read before the
   * erasure cannot write the erased user's profile back.
   */
  async pauseWhile<T>(fn: () => Promise<T>): Promise<T> {
    const s = this.#state;
    if (s.kind === 'idle') this.#state = { kind: 'paused', holders: 1, inFlight: undefined, again: false };
    else if (s.kind === 'draining') this.#state = { kind: 'paused', holders: 1, inFlight: s.done, again: s.again };
    else if (s.kind === 'paused') this.#state = { ...s, holders: s.holders + 1 };
    try {
      for (let p = this.#inFlight(); p; p = this.#inFlight()) await p;
      return await fn();
    } finally {
      this.#release();
    }
  }

  /** One `pauseWhile` caller lets go; the last one resumes the loop. */
  #release(): void {
    const s = this.#state;
    if (s.kind !== 'paused') return;
    if (s.holders > 1) {
      this.#state = { ...s, holders: s.holders - 1 };
      return;
    }
    this.#state = s.inFlight ? { kind: 'draining', done: s.inFlight, again: s.again } : { kind: 'idle' };
    if (!s.inFlight && s.again) setImmediate(() => this.#run());
  }

  /** Drains everything pending now; resolves when the store has no unprojected event. */
  async flush(): Promise<void> {
    for (let p = this.#inFlight(); p; p = this.#inFlight()) await p;
    if (this.#state.kind !== 'idle') return this.#drain();
    // In flight like any drain: a kick meanwhile runs after it instead of beside it (two drains of one
    // consumer would both read its pending entries and project them twice), and `pauseWhile` waits for it.
    const drained = this.#drain();
    const done: Promise<void> = drained.then(
      () => {},
      () => {},
    ).finally(() => this.#settled(done));
    this.#state = { kind: 'draining', done, again: false };
    return drained;
  }

  /** Events waiting at the last check. */
  get lag(): number {
    return this.#lag;
  }

  /** Since when every drain has failed, and why (readiness shows it); `undefined` while drains succeed. */
  get failing(): ProjectionFailing | undefined {
    return this.#failing;
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
      this.#lagCountedAt = this.#o.monotonicNow();
    } catch {
      // The store does not answer: keep the last value (readiness reports the store itself).
    }
    return this.#lag;
  }

  async stop(): Promise<void> {
    this.#state = { kind: 'stopped', inFlight: this.#inFlight() };
    clearInterval(this.#timers.poll);
    clearTimeout(this.#timers.kick);
    delete this.#timers.poll;
    delete this.#timers.kick;
    for (let p = this.#inFlight(); p; p = this.#inFlight()) await p;
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
    let refreshed = false;
    for (const [shop, events] of byShop) {
      // Held while the batch is projected (a node with a catalog budget lets idle shops go; see CatalogRegistry.ensure).
      await catalogs.ensure(shop);
      if (!refreshed && this.#o.refreshCatalogs && namesUnknownProduct(events, catalogs.get(shop).identity)) {
        refreshed = true;
        await this.#o.refreshCatalogs();
        await catalogs.ensure(shop);
      }
      const links = linksIn(events, catalogs.get(shop).identity);
      if (links.length > 0) await catalogs.learn(shop, links);
    }
    return batch.map((b) => {
      const event = canonicalEvent(b.event, catalogs.get(b.event.shop).identity);
      return event === b.event ? b : { seq: b.seq, event };
    });
  }

  /** The recent items of the users of `batch` as stored now, by `userKey` (one store read per shop). */
  async #histories(batch: readonly LoggedEvent[]): Promise<Map<string, readonly RecentItem[]>> {
    const users = new Map<string, Set<string>>();
    for (const { event } of batch) {
      let ids = users.get(event.shop);
      if (!ids) users.set(event.shop, (ids = new Set()));
      ids.add(event.userId);
    }
    const histories = new Map<string, readonly RecentItem[]>();
    for (const [shop, ids] of users) {
      const list = [...ids];
      const recent = await this.#o.store.getRecentItems(shop, list);
      recent.forEach((items, i) => {
        if (items.length > 0) histories.set(userKey(shop, list[i] as string), items);
      });
    }
    return histories;
  }

  /** The deltas of `batch`, from the users' histories as stored now. */
  async #fold(batch: readonly LoggedEvent[]): Promise<ProjectionBatch> {
    const histories = await this.#histories(batch);
    const lookupFor = (shop: string): FactsLookup => catalogFactsLookup(this.#o.catalogs.get(shop).index);
    // Project shop by shop so each lookup is bound to its shop's catalog.
    const byShop = new Map<string, LoggedEvent[]>();
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
    return { seqs, profiles, stats };
  }

  /**
   * Folds `batch` and applies it. Another projector (another node, or one that took these entries over)
   * may have projected some of them meanwhile: the store then writes nothing, and what is still waiting
   * is folded again.
   */
  async #apply(batch: LoggedEvent[]): Promise<void> {
    let part: LoggedEvent[] = batch;
    for (let round = 0; round < MAX_REFOLDS && part.length > 0; round += 1) {
      const applied = await this.#fold(part);
      const outcome = await this.#o.store.applyProjection(applied);
      if (outcome.status === 'applied') {
        this.#o.onApplied?.(applied);
        return;
      }
      const waiting = new Set(outcome.unprojected);
      part = part.filter((b) => waiting.has(b.seq));
    }
  }

  /**
   * After a failed batch: tries each of `read` alone through the pure steps of projection (the I/O they
   * need, the catalog and the shopper's stored history, is done first and may fail as the batch did),
   * marks those that throw there projected with no delta, and reports each. Whether any was set aside.
   */
  async #setAside(read: readonly LoggedEvent[]): Promise<boolean> {
    const { catalogs, store, params } = this.#o;
    // The I/O first, as a fold does it: a store that fails here fails as the batch did.
    for (const shop of new Set(read.map((b) => b.event.shop))) await catalogs.ensure(shop);
    const histories = await this.#histories(read);
    const failing: { entry: LoggedEvent; err: unknown }[] = [];
    for (const entry of read) {
      try {
        const { identity, index } = catalogs.get(entry.event.shop);
        linksIn([entry.event], identity);
        namesUnknownProduct([entry.event], identity);
        const event = canonicalEvent(entry.event, identity);
        project([{ seq: entry.seq, event }], histories, catalogFactsLookup(index), params);
      } catch (err) {
        failing.push({ entry, err });
      }
    }
    if (failing.length === 0) return false;
    const outcome = await store.applyProjection({ seqs: failing.map((f) => f.entry.seq), profiles: [], stats: [] });
    // Another projector held them too and projected them first: nothing of them to report here.
    if (outcome.status === 'applied') for (const f of failing) this.#o.onUnprojectable?.(f.entry, f.err);
    return true;
  }

  async #drain(): Promise<void> {
    const { store, batchSize } = this.#o;
    // A stopped projector finishes the batch in hand and leaves the rest of a backlog in the log for
    // the next start (stopping used to wait for the whole backlog: tens of seconds after a burst).
    while (this.#state.kind !== 'stopped') {
      const started = performance.now();
      const read = await store.readUnprojected(batchSize);
      if (read.length === 0) {
        // Nothing for this projector; the backlog may still hold events another one has (or had):
        // counted while it is not known to be empty, else once in a while (readiness counts on demand).
        const known = this.#lag;
        this.#lag = 0;
        if (known > 0 || this.#o.monotonicNow() - this.#lagCountedAt >= IDLE_LAG_EVERY_MS) await this.measureLag();
        return;
      }
      let batch: LoggedEvent[];
      try {
        batch = await this.#canonical(read);
        if (this.#o.observe) await this.#o.observe(batch.map((b) => b.event));
        await this.#apply(batch);
      } catch (err) {
        // Set aside the events that fail on their own, and read the rest again; else it is the store's doing.
        if (await this.#setAside(read)) continue;
        throw err;
      }
      this.#lag = Math.max(this.#lag, batch.length);
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
