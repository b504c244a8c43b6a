/**
 * Storing events: the one use case behind `POST /v1/events` and the MCP tool `track_event`. The
 * transports only translate (read their input, call {@link recordEvents}, present the answer).
 *
 * A batch (`{body}`) is validated event by event (`core/events/ingest.ts`, docs/decisions/0006): an
 * invalid event is refused on its own and reported in `rejected` (index, id, code, message, issues),
 * counted in `affinity_events_invalid_total`, while the batch's valid events are stored: a pixel does not
 * resend a 4xx, so refusing the batch would lose every good event in it. A batch with nothing valid in
 * it (every event refused) is still refused whole, 400 `VALIDATION_FAILED`, as is a body that is not a
 * batch at all. Only the valid events' consent signals are recorded (`core/privacy/consentSignals.ts`,
 * read from the body without the refused events), before those events pass the consent gate on their
 * way into the store. Then, for a batch and for events a transport has already normalised (`{events}`)
 * alike: events of a gift conversation are marked → appended (the acknowledgement means stored) → a store
 * failure becomes `STORE_UNAVAILABLE` → metrics → the projector is kicked.
 * Where the consent recorder is a {@link UnitOfWork} (a stateless node), the consent signals and the
 * append are one unit: the shoppers' shared state is read once and written once per request.
 *
 * A keyless batch (`via: 'pixel'`: anyone can forge one, docs/security.md "The pixel path") is bounded:
 * - it may carry only Web Pixel events (`name`, `clientId`) for pixel client ids: a native event, or a
 *   client id shaped like a customer id, an order node or a market-scoped id (`pixelClientIdProblem`),
 *   refuses the whole batch with 403 `PIXEL_CONSENT_FORBIDDEN` before anything (consent included) is
 *   recorded, every offending event listed (a real pixel never sends such a batch); this is about who is
 *   calling, so it is checked on every event of the batch, valid or not, and wins over any validation;
 * - its event ids live in their own namespace ({@link KEYLESS_EVENT_ID_PREFIX}): a forged pixel event can
 *   never claim the id of a keyed caller's event (which would then count as a duplicate and be lost),
 *   while a pixel's retry (the same id, keyless again) still counts once.
 */
import { AffinityError, isAffinityError, type FieldIssue } from '../../core/errors.ts';
import { invalidBatchError, parseIngestBatch, type RejectedEvent } from '../../core/events/ingest.ts';
import type { ConsentFlags, UserEvent } from '../../core/events/userEvent.ts';
import type { MarketHints } from '../../core/markets/marketRegistry.ts';
import { consentSignals, type ConsentSignals } from '../../core/privacy/consentSignals.ts';
import { pixelClientIdProblem } from '../../core/privacy/pixelConsentScope.ts';
import type { AppendResult } from '../../core/ports.ts';
import type { Metrics } from '../operations/metrics.ts';

/** Who sent a batch: a storefront pixel (no secret) or a server with an ingest key (or open mode). */
export type IngestVia = 'pixel' | 'server';

/** Records a shopper's consent (the consent gate, `features/privacy/consentGate.ts`). */
export interface ConsentRecorder {
  /** @throws AffinityError `PIXEL_CONSENT_FORBIDDEN` when a pixel states consent for an id that is not a pixel client id */
  recordConsent(shop: string, userId: string, consent: ConsentFlags, where: MarketHints, source: { readonly via: IngestVia }, at?: number): Promise<unknown>;
}

/**
 * A consent recorder that can run a request's consent signals and append as one unit of work for
 * these shoppers (a stateless node: their shared state read once before, written once after;
 * `roles/sharedSessionState.ts`).
 */
export interface UnitOfWork {
  unit<T>(shoppers: readonly { readonly shop: string; readonly userId: string }[], work: () => Promise<T>): Promise<T>;
}

function isUnitOfWork(r: object | undefined): r is UnitOfWork {
  return typeof (r as Partial<UnitOfWork> | undefined)?.unit === 'function';
}

/** Marks events recorded during a gift conversation so that the projector learns no affinity from them. */
export interface GiftMarker {
  markEvents(events: readonly UserEvent[], now: number): UserEvent[];
}

/** What the use case needs (the transports' shared context satisfies it). */
export interface IngestContext {
  /** The store as the transports see it: appends pass the consent gate. */
  readonly store: { append(events: readonly UserEvent[]): Promise<AppendResult> };
  /** `eventsInvalid` counts events refused one by one (every app's metrics have it; a bare test context may not). */
  readonly metrics: Pick<Metrics, 'eventsIngested' | 'eventsDuplicate' | 'eventsIgnored' | 'eventsRejected'> & Partial<Pick<Metrics, 'eventsInvalid'>>;
  readonly projector: { kick(): void };
  /** Epoch ms. */
  readonly clock: () => number;
  readonly logError: (err: unknown, msg?: string) => void;
  /** The personalization layer: when it is a {@link GiftMarker}, every event passes it before the append. */
  readonly personalizer?: object;
}

/** A batch as a transport received it, or events it has already validated and normalised. */
export type RecordEventsInput =
  | {
      /** The request's one shop (a batch's own `shop` was held to it by access control). */
      readonly shop: string;
      /** One event, an array of events, or `{shop?, consent?, market?, country?, events}`. */
      readonly body: unknown;
      readonly via: IngestVia;
      /** Records the batch's consent signals; absent: consent signals are not read (privacy not wired). */
      readonly consent?: ConsentRecorder;
    }
  | { readonly events: readonly UserEvent[] };

/** What was stored. */
export interface RecordedEvents {
  /** Events stored now (or held in session-only memory). */
  readonly accepted: number;
  /** Events whose id was already stored (nothing changed). */
  readonly duplicates: number;
  /** Events valid but not used (unknown standard, DOM and custom pixel events). */
  readonly ignored: number;
  /** Events of the batch refused on their own (nothing of them is stored), in body order. */
  readonly rejected: readonly RejectedEvent[];
  /** The events as stored (after marking). */
  readonly stored: readonly UserEvent[];
}

function isGiftMarker(p: object | undefined): p is GiftMarker {
  return typeof (p as Partial<GiftMarker> | undefined)?.markEvents === 'function';
}

/**
 * Prefix of the stored id of an event that came keyless (`pixel:<the pixel's event id>`). Keyed callers'
 * ids are stored as sent; a keyed caller that itself names ids `pixel:…` shares the keyless namespace.
 */
export const KEYLESS_EVENT_ID_PREFIX = 'pixel:';

/**
 * What a keyless batch may not carry, one issue per offending event (empty: nothing): native events
 * (`type`, `userId`: a server's form, and it may name any user) and Web Pixel events whose `clientId`
 * cannot be a pixel client id (`pixelClientIdProblem`: a customer id's shape, an order node, a
 * market-scoped id). Reads the body the ingest parser has accepted, with the parser's paths.
 */
export function keylessBatchIssues(body: unknown): FieldIssue[] {
  const envelope = !Array.isArray(body) && body !== null && typeof body === 'object' && 'events' in body;
  const list: unknown[] = Array.isArray(body) ? body : envelope ? ((body as { events: unknown[] }).events ?? []) : [body];
  const issues: FieldIssue[] = [];
  list.forEach((ev, i) => {
    if (!ev || typeof ev !== 'object') return;
    const path = (field: string): string => [envelope ? 'events' : '', Array.isArray(body) || envelope ? String(i) : '', field].filter(Boolean).join('.');
    const o = ev as Record<string, unknown>;
    if ('name' in o && 'clientId' in o) {
      const problem = typeof o.clientId === 'string' ? pixelClientIdProblem(o.clientId) : undefined;
      if (problem) issues.push({ path: path('clientId'), message: `not a pixel client id: ${problem}` });
    } else if ('type' in o && 'userId' in o) {
      issues.push({ path: path('type'), message: 'a native event (type, userId) needs an ingest key; a storefront request may send only Web Pixel events' });
    }
  });
  return issues;
}

/** The 403 of a keyless batch that names what a storefront may not (nothing of it is recorded). */
function keylessForbidden(issues: readonly FieldIssue[]): AffinityError {
  const first = issues[0] as FieldIssue;
  return new AffinityError(
    'PIXEL_CONSENT_FORBIDDEN',
    `A storefront request (no API key) may send only Web Pixel events for its own pixel client id; ${first.path}: ${first.message}. Send customers' and native events server to server, with an ingest key.`,
    issues,
  );
}

/**
 * The body without its refused events, in the same form (what its consent signals are read from): an
 * invalid event states no consent, not even for its own client id.
 */
export function withoutRejected(body: unknown, rejected: readonly RejectedEvent[]): unknown {
  if (rejected.length === 0) return body;
  const refused = new Set(rejected.map((r) => r.index));
  const keep = (list: readonly unknown[]): unknown[] => list.filter((_, i) => !refused.has(i));
  if (Array.isArray(body)) return keep(body);
  if (body && typeof body === 'object' && Array.isArray((body as { events?: unknown }).events)) return { ...body, events: keep((body as { events: unknown[] }).events) };
  return []; // one event, refused
}

/**
 * Validates (a batch, event by event), records consent (of its valid events), and stores its valid events.
 * @throws AffinityError `VALIDATION_FAILED` (a body that is no batch, or one with no valid event: nothing is
 *   recorded, not even its consent) or `PAYLOAD_TOO_LARGE`, `PIXEL_CONSENT_FORBIDDEN` (a keyless batch naming
 *   what a storefront may not, or withdrawing for an id that is not a pixel client id), `STORE_UNAVAILABLE`
 *   (with `retryAfterS`: nothing was acknowledged, the sender keeps the events and retries)
 */
export async function recordEvents(ctx: IngestContext, input: RecordEventsInput): Promise<RecordedEvents> {
  const now = ctx.clock();
  let events: readonly UserEvent[];
  let ignored = 0;
  let rejected: readonly RejectedEvent[] = [];
  if ('events' in input) events = input.events;
  else {
    try {
      ({ events, ignored, rejected } = parseIngestBatch(input.body, { shop: input.shop, now, refuseReserved: true }));
      // Who is calling comes first: a forbidden keyless batch is refused whole, whatever else is wrong in it.
      if (input.via === 'pixel') {
        const issues = keylessBatchIssues(input.body);
        if (issues.length > 0) throw keylessForbidden(issues);
        events = events.map((e) => ({ ...e, id: `${KEYLESS_EVENT_ID_PREFIX}${e.id}` }));
      }
      for (const r of rejected) ctx.metrics.eventsInvalid?.inc({ code: r.code });
      if (rejected.length > 0 && events.length === 0 && ignored === 0) throw invalidBatchError(rejected);
    } catch (err) {
      if (isAffinityError(err)) ctx.metrics.eventsRejected.inc({ code: err.code });
      throw err;
    }
    const { consent } = input;
    if (consent) {
      const signals = consentSignals(withoutRejected(input.body, rejected));
      const record = (): Promise<RecordedEvents> => recordConsentSignals(consent, input.shop, signals, input.via).then(() => store(ctx, events, ignored, rejected, now));
      if (!isUnitOfWork(consent)) return record();
      const shoppers = [...signals.signals.map((s) => ({ shop: input.shop, userId: s.userId })), ...events.map((e) => ({ shop: e.shop, userId: e.userId }))];
      // Reading or writing the shared state failed: retryable, as a failed append.
      return consent.unit(shoppers, record).catch((err: unknown) => {
        throw isAffinityError(err) && err.code === 'STORE_UNAVAILABLE' && !('retryAfterS' in err) ? storeUnavailable(ctx, err) : err;
      });
    }
  }
  return store(ctx, events, ignored, rejected, now);
}

/** Marks, appends and counts events (the consent signals, if any, are recorded). */
async function store(ctx: IngestContext, events: readonly UserEvent[], ignored: number, rejected: readonly RejectedEvent[], now: number): Promise<RecordedEvents> {
  let result: AppendResult = { accepted: 0, duplicates: 0 };
  // Events of a gift conversation are marked so they do not teach the shopper's own tastes.
  const stored = events.length > 0 && isGiftMarker(ctx.personalizer) ? ctx.personalizer.markEvents(events, now) : events;
  if (stored.length > 0) {
    try {
      result = await ctx.store.append(stored);
    } catch (err) {
      throw storeUnavailable(ctx, err);
    }
  }
  for (const e of stored) ctx.metrics.eventsIngested.inc({ type: e.type, source: e.source });
  if (result.duplicates > 0) ctx.metrics.eventsDuplicate.inc(result.duplicates);
  if (ignored > 0) ctx.metrics.eventsIgnored.inc(ignored);
  if (result.accepted > 0) ctx.projector.kick();
  return { accepted: result.accepted, duplicates: result.duplicates, ignored, rejected, stored };
}

/** A failed store call as the sender's answer: `STORE_UNAVAILABLE`, retry after a second (logged). */
function storeUnavailable(ctx: IngestContext, err: unknown): AffinityError {
  ctx.logError(err, 'append failed');
  // Retry-After: the store is probed every 250 ms and reconnects within a second of coming back.
  return Object.assign(new AffinityError('STORE_UNAVAILABLE', 'The event store did not confirm the events (some may be stored already); send the same events again later: each id is counted once.', [], { cause: err }), { retryAfterS: 1 });
}

/** Records the consent signals of a validated batch, before its events are gated. */
async function recordConsentSignals(recorder: ConsentRecorder, shop: string, { signals, market, country }: ConsentSignals, via: IngestVia): Promise<void> {
  const where: MarketHints = { ...(market ? { market } : {}), ...(country ? { country } : {}) };
  for (const s of signals) await recorder.recordConsent(shop, s.userId, s.consent, where, { via }, s.at);
}
