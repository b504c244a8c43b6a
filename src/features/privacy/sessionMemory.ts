/**
 * Session-only memory: the behaviour of shoppers whose consent does not allow storage (a GDPR market
 * without analytics consent), held in this process's memory for a short time and never written
 * anywhere. The recommender folds it into an anonymous, in-memory profile, so such a shopper still
 * gets recommendations that follow the current session.
 *
 * It is per process: with several HTTP workers a shopper's events may land in different memories
 * (route a client id to one worker, or accept the thinner session).
 */
import { LRUCache } from 'lru-cache';
import type { UserEvent } from '../../core/events/userEvent.ts';
import { foldEvents, type FactsLookup, type FoldParams } from '../../core/profile/fold.ts';
import { RECENT_CAP, type RawProfile } from '../../core/profile/profileDelta.ts';
import type { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import { catalogFactsLookup } from '../catalog/factsLookup.ts';

/** Default time a session is held after its last event: 30 minutes. */
export const DEFAULT_SESSION_MEMORY_TTL_MS = 30 * 60_000;
/** Events kept per session (the newest). */
export const SESSION_EVENT_CAP = 50;

/** Options of the session memory. */
export interface SessionMemoryOptions {
  readonly catalogs: CatalogRegistry;
  readonly fold: FoldParams;
  readonly ttlMs?: number;
  /** Most sessions held. */
  readonly maxSessions?: number;
}

/** In-memory, short-lived behaviour of shoppers who did not consent to storage. */
export class SessionMemory {
  readonly #o: SessionMemoryOptions;
  readonly #sessions: LRUCache<string, UserEvent[]>;

  constructor(opts: SessionMemoryOptions) {
    this.#o = opts;
    this.#sessions = new LRUCache({ max: opts.maxSessions ?? 100_000, ttl: opts.ttlMs ?? DEFAULT_SESSION_MEMORY_TTL_MS, updateAgeOnGet: false });
  }

  /** Adds events (all of one shop and user, or mixed); duplicates by id are ignored. Returns how many were new. */
  add(events: readonly UserEvent[]): number {
    let added = 0;
    for (const e of events) {
      const key = `${e.shop}\u0000${e.userId}`;
      const list = this.#sessions.get(key) ?? [];
      if (list.some((x) => x.id === e.id)) continue;
      list.push(e);
      if (list.length > SESSION_EVENT_CAP) list.splice(0, list.length - SESSION_EVENT_CAP);
      // Setting refreshes the TTL: the session lives while the shopper is active.
      this.#sessions.set(key, list);
      added += 1;
    }
    return added;
  }

  /** The events held for a shopper, oldest first. */
  events(shop: string, userId: string): readonly UserEvent[] {
    return this.#sessions.get(`${shop}\u0000${userId}`) ?? [];
  }

  /** An in-memory profile folded from the session, or `undefined` when nothing is held. */
  profile(shop: string, userId: string): RawProfile | undefined {
    const events = this.events(shop, userId);
    if (events.length === 0) return undefined;
    const d = foldEvents(events, this.#lookup(shop), this.#o.fold);
    if (!d) return undefined;
    return {
      shop,
      userId,
      features: d.features,
      recent: [...d.recent].sort((a, b) => b.ts - a.ts).slice(0, RECENT_CAP),
      purchased: d.purchased,
      eventCount: d.events,
      firstSeen: d.firstTs,
      lastSeen: d.lastTs,
    };
  }

  /** Forgets a shopper. */
  delete(shop: string, userId: string): boolean {
    return this.#sessions.delete(`${shop}\u0000${userId}`);
  }

  /** Forgets every shopper of a shop (shop redaction). */
  deleteShop(shop: string): void {
    for (const key of [...this.#sessions.keys()]) if (key.startsWith(`${shop}\u0000`)) this.#sessions.delete(key);
  }

  /** Sessions held. */
  get size(): number {
    return this.#sessions.size;
  }

  /** Product facts from the shop's catalog, else from the event payload (as the projector does). */
  #lookup(shop: string): FactsLookup {
    return catalogFactsLookup(this.#o.catalogs.get(shop).index);
  }
}
