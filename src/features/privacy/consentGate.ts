/**
 * The consent gate: every event passes it on its way into the store (HTTP ingest, MCP agent events),
 * and every consent signal goes through it. It applies the pure decisions of
 * `core/privacy/consentPolicy.ts` in the market each event comes from:
 *
 * - no storage allowed (GDPR without analytics consent, an explicit analytics refusal): the event goes
 *   to the session-only memory and nowhere else;
 * - no identity linking allowed: the customer and order ids are dropped from the event before it is
 *   stored; where allowed, the client id ↔ customer id and client id ↔ `order:<id>` links are stored
 *   so erasure finds everything;
 * - no cross-market merge allowed: the event is stored under `<userId>@<market>` (its own profile),
 *   linked to the plain id so that an erasure of the shopper still finds it;
 * - a withdrawal (analytics refused after the fact) queues the erasure of what is stored about the id
 *   (its identity links stay: they are what a later redaction follows). A storefront pixel may state
 *   consent (grant or withdraw) only for an id shaped like a pixel client id, and withdraw only for one
 *   the store does not know as a customer (`pixelConsentScope.ts`); 403 `PIXEL_CONSENT_FORBIDDEN`.
 *
 * An erasure holds for what came before it: an event naming an id (shopper, customer or order) erased at
 * or after the event's time, or of a shop erased since, is stored nowhere (a pixel's outbox, a server's
 * retry or backfill would otherwise bring the erased shopper back; the erasure also took the events'
 * dedupe markers). The store's erasure tombstones say when (`PrivacyStore.erasedAt`, kept a day).
 *
 * A withdrawal holds for what comes after it, whoever sends it: an event without consent of its own (an
 * agent's `track_event`, a keyed server's event) is judged by the shopper's latest recorded consent,
 * not by its market's default; an event seen before the shopper's latest withdrawal (a request that was
 * in flight, an outbox entry) is never stored, and a grant expressed before it is stale and changes
 * nothing (the ledger's `withdrawnAt`, on the clock the shopper's events carry).
 *
 * The ledger's `stored` flag lets a withdrawal skip the store: it is false only after a check found
 * nothing stored. Any other state this gate records for a shopper the ledger does not hold (a grant, a
 * session-only event, e.g. after a restart) says "may hold something", so the next withdrawal checks.
 */
import { LRUCache } from 'lru-cache';
import type { ConsentFlags, UserEvent } from '../../core/events/userEvent.ts';
import { eventMarketHints, type MarketHints, type MarketRegistry } from '../../core/markets/marketRegistry.ts';
import { AffinityError } from '../../core/errors.ts';
import type { AffinityStore, AppendResult, EventLog, KeptConsent, PrivacyJobQueue, PrivacyStore, ProfileReads } from '../../core/ports.ts';
import { decideConsent, isWithdrawal, MARKET_SCOPE_SEPARATOR, storageUserId, type ConsentDecision, type PrivacyRegime } from '../../core/privacy/consentPolicy.ts';
import { orderNode } from '../../core/privacy/orderNode.ts';
import { pixelClientIdProblem } from '../../core/privacy/pixelConsentScope.ts';
import type { ConsentLedger, ConsentState } from './consentLedger.ts';
import type { SessionMemory } from './sessionMemory.ts';

/** Options of the gate. */
export interface ConsentGateOptions {
  /** What the gate uses of the store: appends, a user's events and profiles, identity links. */
  readonly store: Pick<EventLog, 'append' | 'getUserEvents'> & Pick<ProfileReads, 'getProfile' | 'getProfiles'> & Pick<PrivacyStore, 'linkIdentity' | 'linkedIds' | 'exportUser' | 'erasedAt' | 'keepConsent' | 'keptConsent'>;
  readonly queue: PrivacyJobQueue;
  readonly markets: MarketRegistry;
  readonly sessions: SessionMemory;
  readonly ledger: ConsentLedger;
  readonly clock: () => number;
  readonly newId: () => string;
  /**
   * The ledger sees every store write for its shoppers (one writing process, or a ledger shared by
   * all): then a withdrawal may trust "nothing stored" from an earlier check. Default false: every
   * withdrawal asks the store (another worker may have stored events since; a reviewer found
   * withdrawals that erased nothing with `AFFINITY_WORKERS=2`).
   */
  readonly soleWriter?: boolean;
  /** Called after an erasure job was queued. */
  readonly onEnqueued?: () => void;
  /** Called per event with the regime and what happened to it, for metrics. */
  readonly onEvent?: (regime: PrivacyRegime, outcome: 'stored' | 'session_only' | 'stored_unlinked' | 'stored_market_only' | 'dropped_erased') => void;
}

/** The outcome of a consent signal. */
export interface ConsentOutcome {
  readonly market: string;
  readonly regime: PrivacyRegime;
  readonly decision: ConsentDecision;
  /** Set when stored data is being erased (a withdrawal). */
  readonly erasureJobId?: string;
}

/** Who sent a consent signal. */
export interface ConsentSource {
  /**
   * `pixel`: a storefront request without a key (it may withdraw only for a pixel client id);
   * `server`: a request with an ingest or admin key (or the open development mode).
   */
  readonly via: 'pixel' | 'server';
}

/** The consent an event seen before a withdrawal is judged by. */
const WITHDRAWN: ConsentFlags = Object.freeze({ analytics: false });

/** How many linked profiles the pixel check reads to see whether an id is a known customer id. */
const CUSTOMER_CHECK_LIMIT = 200;

/** Applies consent to events and consent signals. */
export class ConsentGate {
  readonly #o: ConsentGateOptions;
  /** Links written recently, so that a shopper's every batch does not rewrite the same link. */
  readonly #linked = new LRUCache<string, true>({ max: 100_000, ttl: 3_600_000 });

  constructor(opts: ConsentGateOptions) {
    this.#o = opts;
  }

  /** Stores what may be stored, keeps the rest in session memory. Session-only events count as accepted. */
  async append(events: readonly UserEvent[]): Promise<AppendResult> {
    const { markets, sessions, ledger, clock } = this.#o;
    const now = clock();
    const persisted: UserEvent[] = [];
    /** The regime and outcome of each persisted event, counted once the store has them. */
    const outcomes: [PrivacyRegime, 'stored' | 'stored_unlinked' | 'stored_market_only'][] = [];
    const sessionOnly: UserEvent[] = [];
    const links = new Map<string, [string, string, string]>();
    // The erasures of the ids the events name, and what the store kept of withdrawals this ledger does not hold (after a restart).
    const [erased] = await Promise.all([this.#erasedAt(events), this.#recallWithdrawals(events)]);
    let dropped = 0;
    const keeps = new Map<string, [string, string, KeptConsent]>();
    for (const e of events) {
      const market = markets.resolve(eventMarketHints(e));
      const state = ledger.get(e.shop, e.userId);
      // Seen before the shopper's latest withdrawal: never stored, whatever consent it came with.
      const beforeWithdrawal = state?.withdrawnAt !== undefined && e.ts <= state.withdrawnAt;
      const own = e.consent !== undefined && !beforeWithdrawal;
      // Without consent of its own, the shopper's latest recorded consent decides (a withdrawal holds for an agent's event too).
      const consent = beforeWithdrawal ? WITHDRAWN : (e.consent ?? state?.consent);
      const decision = decideConsent({ regime: market.privacy, ...(consent ? { consent } : {}) });
      // A shopper who withdrew states consent again with an event: the store keeps it too (a grant now holds after a restart).
      if (own && state?.withdrawnAt !== undefined && e.consent !== undefined && !sameFlags(state.consent, e.consent)) {
        keeps.set(`${e.shop}\u0000${e.userId}`, [e.shop, e.userId, { consent: e.consent, withdrawnAt: state.withdrawnAt, at: now }]);
      }
      if (own || state === undefined) {
        ledger.set(e.shop, e.userId, {
          ...(consent ? { consent } : {}),
          market: market.handle,
          regime: market.privacy,
          decision,
          at: now,
          stored: decision.persist || mayHold(state),
        });
      } else if (decision.persist && !state.stored) {
        ledger.set(e.shop, e.userId, { ...state, stored: true });
      }
      if (!decision.persist) {
        sessionOnly.push(e);
        this.#o.onEvent?.(market.privacy, 'session_only');
        continue;
      }
      // From at or before an erasure of an id it names (a replay, an outbox entry, a backfill): stored
      // nowhere, or the erasure would be undone.
      if (erasedBefore(e, erased)) {
        dropped++;
        this.#o.onEvent?.(market.privacy, 'dropped_erased');
        continue;
      }
      let ev = e;
      if (!decision.linkIdentity && (e.customerId !== undefined || e.orderId !== undefined)) {
        const { customerId: _c, orderId: _o, ...rest } = e;
        ev = rest;
      }
      const sid = storageUserId(e.userId, market.handle, decision);
      if (sid !== e.userId) {
        ev = { ...ev, userId: sid };
        links.set(`${e.shop}\u0000${sid}\u0000${e.userId}`, [e.shop, sid, e.userId]);
      }
      if (decision.linkIdentity && ev.customerId && ev.customerId !== sid) links.set(`${e.shop}\u0000${sid}\u0000${ev.customerId}`, [e.shop, sid, ev.customerId]);
      if (decision.linkIdentity && ev.orderId) links.set(`${e.shop}\u0000${sid}\u0000${orderNode(ev.orderId)}`, [e.shop, sid, orderNode(ev.orderId)]);
      persisted.push(ev);
      outcomes.push([market.privacy, sid !== e.userId ? 'stored_market_only' : ev !== e ? 'stored_unlinked' : 'stored']);
    }
    for (const [shop, userId, kept] of keeps.values()) await this.#o.store.keepConsent(shop, userId, kept);
    const held = sessionOnly.length > 0 ? sessions.add(sessionOnly) : 0;
    const r = persisted.length > 0 ? await this.#o.store.append(persisted) : { accepted: 0, duplicates: 0 };
    // Not before: events the store refused (503) were not stored.
    for (const [regime, outcome] of outcomes) this.#o.onEvent?.(regime, outcome);
    for (const [key, [shop, a, b]] of links) {
      if (this.#linked.has(key)) continue;
      await this.#o.store.linkIdentity(shop, a, b);
      this.#linked.set(key, true);
    }
    return { accepted: r.accepted + held, duplicates: r.duplicates + (sessionOnly.length - held) + dropped };
  }

  /**
   * Puts into the ledger what the store kept of the withdrawals of the events' shoppers it does not hold
   * (a restart, a deploy, another process, a redaction that dropped the ledger's state): one read per shop.
   */
  async #recallWithdrawals(events: readonly UserEvent[]): Promise<void> {
    const { ledger } = this.#o;
    const unknown = new Map<string, Map<string, UserEvent>>();
    for (const e of events) {
      if (ledger.get(e.shop, e.userId) !== undefined) continue;
      let users = unknown.get(e.shop);
      if (!users) unknown.set(e.shop, (users = new Map()));
      if (!users.has(e.userId)) users.set(e.userId, e);
    }
    for (const [shop, users] of unknown) {
      const ids = [...users.keys()];
      const kept = await this.#o.store.keptConsent(shop, ids);
      ids.forEach((id, i) => {
        const k = kept[i];
        if (k && ledger.get(shop, id) === undefined) this.#recall(shop, id, k, this.#o.markets.resolve(eventMarketHints(users.get(id) as UserEvent)));
      });
    }
  }

  /** The ledger's state for a kept withdrawal (it may hold something stored: the next withdrawal checks). */
  #recall(shop: string, userId: string, k: KeptConsent, market: { readonly handle: string; readonly privacy: PrivacyRegime }): ConsentState {
    const decision = decideConsent({ regime: market.privacy, consent: k.consent });
    return this.#o.ledger.set(shop, userId, { consent: k.consent, market: market.handle, regime: market.privacy, decision, at: k.at, stored: true, withdrawnAt: k.withdrawnAt });
  }

  /** When each id the events name (shopper, customer, order) was last erased, by shop and id; only erased ids are kept. */
  async #erasedAt(events: readonly UserEvent[]): Promise<ReadonlyMap<string, number>> {
    const byShop = new Map<string, Set<string>>();
    for (const e of events) {
      let ids = byShop.get(e.shop);
      if (!ids) byShop.set(e.shop, (ids = new Set()));
      for (const id of subjectIdsOf(e)) ids.add(id);
    }
    const out = new Map<string, number>();
    for (const [shop, ids] of byShop) {
      const list = [...ids];
      const at = await this.#o.store.erasedAt(shop, list);
      list.forEach((id, i) => {
        if ((at[i] as number) >= 0) out.set(`${shop}\u0000${id}`, at[i] as number);
      });
    }
    return out;
  }

  /**
   * Records a consent signal (the envelope's consent, a `visitorConsentCollected` event, or
   * `POST /v1/consent`). A withdrawal queues the erasure of whatever is stored about the id.
   * @throws AffinityError `PIXEL_CONSENT_FORBIDDEN` when a pixel states consent for an id that is not a pixel client id
   */
  async recordConsent(shop: string, userId: string, consent: ConsentFlags, where: MarketHints, source: ConsentSource = { via: 'server' }, at?: number): Promise<ConsentOutcome> {
    let prev = this.#o.ledger.get(shop, userId);
    if (prev === undefined) {
      // After a restart: a withdrawal the store kept still makes an earlier grant stale.
      const [kept] = await this.#o.store.keptConsent(shop, [userId]);
      if (kept) prev = this.#recall(shop, userId, kept, this.#o.markets.resolve(where));
    }
    // A grant is held to the id's shape (a forged one must not touch a customer's consent state); a
    // withdrawal also asks the store, once per shopper and process: a pixel re-sends a refusal with every batch.
    if (source.via === 'pixel') await this.#assertPixelClientId(shop, userId, isWithdrawal(consent) && this.#mayHold(prev));
    const now = this.#o.clock();
    // When the shopper expressed it: the signal's own time (never later than now), else now.
    const expressed = at !== undefined && at <= now ? at : now;
    if (prev && prev.withdrawnAt !== undefined && !isWithdrawal(consent) && expressed <= prev.withdrawnAt) {
      // A grant from before the latest withdrawal (a request in flight, an outbox entry): stale, changes nothing.
      return { market: prev.market, regime: prev.regime, decision: prev.decision };
    }
    const market = this.#o.markets.resolve(where);
    const decision = decideConsent({ regime: market.privacy, consent });
    const withdrawnAt = isWithdrawal(consent) ? Math.max(expressed, prev?.withdrawnAt ?? expressed) : undefined;
    this.#o.ledger.set(shop, userId, { consent, market: market.handle, regime: market.privacy, decision, at: now, stored: this.#mayHold(prev), ...(withdrawnAt !== undefined ? { withdrawnAt } : {}) });
    // A withdrawal, and any later change of a shopper who withdrew, is kept by the store: the ledger is
    // memory. A refusal restated (a pixel sends it with every batch) is not written again.
    const keptSince = withdrawnAt ?? prev?.withdrawnAt;
    if (keptSince !== undefined && (prev?.withdrawnAt === undefined || !sameFlags(prev.consent, consent))) {
      await this.#o.store.keepConsent(shop, userId, { consent, withdrawnAt: keptSince, at: now });
    }
    const base = { market: market.handle, regime: market.privacy, decision };
    if (!isWithdrawal(consent)) return base;
    // Known to have nothing stored since the last check: nothing to erase.
    if (!this.#mayHold(prev)) return base;
    if (!(await this.#holdsAnything(shop, userId))) {
      this.#o.ledger.set(shop, userId, { consent, market: market.handle, regime: market.privacy, decision, at: now, stored: false });
      return base;
    }
    const q = await this.#o.queue.enqueue({ id: this.#o.newId(), shop, kind: 'consent/withdraw', payload: { userId } }, now);
    this.#o.ledger.set(shop, userId, { consent, market: market.handle, regime: market.privacy, decision, at: now, stored: false });
    this.#o.onEnqueued?.();
    return { ...base, erasureJobId: q.id };
  }

  /**
   * Forgets which links this gate wrote for `ids` of `shop` (all of the shop's without `ids`): after an
   * erasure removed them, the shopper's next event writes them again (a redaction erases links too).
   */
  forgetLinks(shop: string, ids?: readonly string[]): void {
    const erased = ids ? new Set(ids) : undefined;
    const prefix = `${shop}\u0000`;
    for (const key of [...this.#linked.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const [, a, b] = key.split('\u0000');
      if (!erased || erased.has(a as string) || erased.has(b as string)) this.#linked.delete(key);
    }
  }

  /** {@link mayHold}, unless another process may have stored something since (`soleWriter` not set). */
  #mayHold(state: ConsentState | undefined): boolean {
    return this.#o.soleWriter !== true || mayHold(state);
  }

  /**
   * Whether the id or one of its market-scoped ids holds events or a profile, or the id has been
   * served recommendation lists or attributed outcomes (a shopper answered before any of their events
   * was stored). Links alone are kept by a withdrawal.
   */
  async #holdsAnything(shop: string, userId: string): Promise<boolean> {
    const { store } = this.#o;
    const scoped = (await store.linkedIds(shop, userId)).filter((id) => id.startsWith(`${userId}${MARKET_SCOPE_SEPARATOR}`));
    for (const id of [userId, ...scoped]) {
      const [profile, events] = await Promise.all([store.getProfile(shop, id), store.getUserEvents(shop, id, 1)]);
      if (profile !== undefined || events.length > 0) return true;
    }
    // Rare (nothing else is stored): the export is the one read that covers every attribution record.
    const attribution = (await store.exportUser(shop, userId)).attribution;
    return (attribution?.served.length ?? 0) > 0 || (attribution?.outcomes.length ?? 0) > 0;
  }

  /**
   * A pixel may state consent only for a pixel client id: not for an id shaped like a customer,
   * order or market-scoped id, nor (checked when `askStore`, for a withdrawal) for one the store knows
   * as a customer id (a linked profile names it as its customer).
   */
  async #assertPixelClientId(shop: string, userId: string, askStore: boolean): Promise<void> {
    const refuse = (why: string): never => {
      throw new AffinityError(
        'PIXEL_CONSENT_FORBIDDEN',
        `A storefront request may state consent only for its own pixel client id; ${JSON.stringify(userId)} is not one: ${why}. Send a customer's consent server to server, with an ingest key.`,
        [{ path: 'clientId', message: why }],
      );
    };
    const problem = pixelClientIdProblem(userId);
    if (problem) refuse(problem);
    if (!askStore) return;
    const linked = (await this.#o.store.linkedIds(shop, userId)).slice(0, CUSTOMER_CHECK_LIMIT);
    if (linked.length === 0) return;
    const profiles = await this.#o.store.getProfiles(shop, linked);
    for (const p of profiles) if (p?.customerId === userId) refuse('the store knows it as the customer id of a linked device');
  }
}

/**
 * Whether the store may hold something of a shopper, as far as the ledger knows: unless a withdrawal's
 * check found nothing stored since (`stored: false`), and always for a shopper it does not hold.
 */
function mayHold(state: ConsentState | undefined): boolean {
  return state === undefined || state.stored;
}

/**
 * The store as the HTTP and MCP layers see it: appends go through the consent gate; every other
 * member is the inner store's own (methods called on it), so members added to the port need no
 * forwarding here.
 */
export function gatedStore(inner: AffinityStore, gate: ConsentGate): AffinityStore {
  return withAppend(inner, (events) => gate.append(events));
}

/** `inner` with `append` replaced; every other property read goes to `inner` (its methods bound to it). */
function withAppend<S extends Pick<EventLog, 'append'>>(inner: S, append: EventLog['append']): S {
  const bound = new WeakMap<(...args: never[]) => unknown, unknown>();
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === 'append') return append;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: never[]) => unknown;
      let fn = bound.get(method);
      if (fn === undefined) bound.set(method, (fn = method.bind(target)));
      return fn;
    },
  });
}

/** The ids of a shopper an event names: its user id, and the customer and order it names. */
function subjectIdsOf(e: UserEvent): string[] {
  const ids = [e.userId];
  if (e.customerId !== undefined) ids.push(e.customerId);
  if (e.orderId !== undefined) ids.push(orderNode(e.orderId));
  return ids;
}

/** Whether an id the event names was erased at or after the event's time (`erased`: by shop and id). */
function erasedBefore(e: UserEvent, erased: ReadonlyMap<string, number>): boolean {
  if (erased.size === 0) return false;
  for (const id of subjectIdsOf(e)) {
    const at = erased.get(`${e.shop}\u0000${id}`);
    if (at !== undefined && e.ts <= at) return true;
  }
  return false;
}

/** Whether two consent states say the same (absent flags are absent in both). */
function sameFlags(a: ConsentFlags | undefined, b: ConsentFlags): boolean {
  return a !== undefined && a.analytics === b.analytics && a.marketing === b.marketing && a.preferences === b.preferences && a.saleOfData === b.saleOfData;
}
