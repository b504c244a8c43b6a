/**
 * Turns a `POST /v1/events` body into normalised events. Accepted forms: one event, an array of
 * events, or `{shop?, consent?, events: [...]}`; each event is a Web Pixel event (has `name` and
 * `clientId`) or a native event (has `type` and `userId`).
 *
 * Validation is per event ({@link parseIngestBatch}, docs/decisions/0006): an invalid event is refused on
 * its own, with its index, id and every issue, and the rest of the batch goes on; only what concerns the
 * body as a whole (not an event, an array or an envelope; a bad envelope; too many events) refuses it
 * all. A pixel event whose name Affinity does not read (a standard event it does not use, a DOM, custom
 * or future event) is ignored whatever its `data`: only its `clientId` is checked, since the envelope's
 * consent is recorded for it. {@link parseIngest} is the strict form (one invalid event throws).
 * Every string that becomes a key (user, client, customer, product, variant, event and order ids, the
 * shop) is held to `core/ids.ts`: at most `MAX_ID_LENGTH` code units, no lone UTF-16 surrogate. Such an
 * id could never be stored, so it is refused here (400) rather than failing in a store (503, retried
 * forever by a pixel).
 */
import { toConsentFlags } from '../privacy/consentSignals.ts';
import { z } from 'zod';
import { AffinityError, type FieldIssue } from '../errors.ts';
import { IdStringSchema, isWellFormed, LONE_SURROGATE_MESSAGE } from '../ids.ts';
import { NativeEventSchema, normalizeNativeEvent } from './nativeEvent.ts';
import { reservedIdIssue } from './reservedIds.ts';
import { isUsedPixelEvent, PixelEventSchema, normalizePixelEvent } from './pixelEvent.ts';
import type { ConsentFlags, UserEvent } from './userEvent.ts';
import { CountryCode } from '../countryCode.ts';

/** Most events one request may carry. */
export const MAX_BATCH_EVENTS = 1000;
/** The earliest event time accepted (epoch ms): 2000-01-01. */
export const MIN_TS = Date.UTC(2000, 0, 1);
/** Clock skew tolerated before a future timestamp is clamped to the receipt time. */
const MAX_SKEW_MS = 5 * 60_000;

/** A flag of the Customer Privacy API: `null` (not yet known, as Shopify's nullable fields are) is no flag. */
const Flag = z.boolean().nullish();
const ConsentSchema = z
  .object({
    analyticsProcessingAllowed: Flag,
    marketingAllowed: Flag,
    preferencesProcessingAllowed: Flag,
    saleOfDataAllowed: Flag,
    // The short names of the same flags (`toConsentFlags` reads either).
    analytics: Flag,
    marketing: Flag,
    preferences: Flag,
    saleOfData: Flag,
  })
  .passthrough();

/**
 * The `{shop?, consent?, market?, country?, events}` form of an ingest body. No other key: a misspelt
 * `consent` ("consnet") would otherwise be dropped without a word, and the events of a shopper who refused
 * analytics stored as if nothing had been said.
 */
export const IngestEnvelopeSchema = z.strictObject({
  shop: z.string().min(1).max(255).refine(isWellFormed, LONE_SURROGATE_MESSAGE).optional(),
  /** `null`: no consent known (the events are taken as with none). */
  consent: ConsentSchema.nullish(),
  /** Market handle of the storefront the events come from (pixel events other than checkouts carry none). */
  market: z.string().min(1).max(100).optional(),
  /** ISO 3166-1 alpha-2 country of the shopper, when the storefront knows it. */
  country: CountryCode.optional(),
  events: z.array(z.unknown()),
});

/** Outcome of parsing a request body. */
export interface ParsedIngest {
  readonly events: UserEvent[];
  /** Events accepted but not used (unknown standard events, DOM and custom events). */
  readonly ignored: number;
}

/** An event of a batch refused on its own: the rest of the batch is not held back by it. */
export interface RejectedEvent {
  /** Position of the event in the batch (0 for a body that is one event). */
  readonly index: number;
  /** The event's `id` as sent, when it is a string that could be an id (a lone surrogate or an oversized id is left out). */
  readonly id?: string;
  /** Stable code (docs/errors.md): why this event was not stored. */
  readonly code: 'VALIDATION_FAILED';
  /** For humans: the first issue, with its path. */
  readonly message: string;
  /** Every offending field of the event, paths as in the body (`events.3.data.cart`). */
  readonly issues: readonly FieldIssue[];
}

/** Outcome of parsing a body event by event. */
export interface ParsedBatch extends ParsedIngest {
  /** The events refused, in body order (their issues are not in `events` nor in `ignored`). */
  readonly rejected: readonly RejectedEvent[];
}

/** A pixel event whose name Affinity does not read: only the client id matters (the envelope's consent is recorded for it). */
const UnusedPixelEventSchema = z.object({ name: z.string().min(1), clientId: IdStringSchema }).passthrough();

function issuesOf(err: z.ZodError, prefix: string): FieldIssue[] {
  return err.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

/**
 * The forms a timestamp string may take: an RFC 3339 date-time with its offset ("2026-11-24T10:00:00Z",
 * "…+01:00"), or a date alone (midnight UTC). Not a date that does not exist ("2026-02-30", which
 * `Date.parse` rolls over to March 2), nor a date-time without an offset (read in the server's own
 * time zone).
 */
const TIMESTAMP_TEXT = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

function tsParser(now: number, issues: FieldIssue[], path: string) {
  return (raw: string | number | undefined): number => {
    if (raw === undefined) return now;
    const t = typeof raw === 'number' ? raw : TIMESTAMP_TEXT.safeParse(raw).success ? Date.parse(raw) : Number.NaN;
    if (!Number.isFinite(t) || t < MIN_TS) {
      issues.push({ path: [path, 'timestamp'].filter(Boolean).join('.'), message: 'must be an RFC 3339 date-time with its offset ("2026-11-24T10:00:00Z"), a date ("2026-11-24") or epoch milliseconds, after 2000-01-01' });
      return now;
    }
    return t > now + MAX_SKEW_MS ? now : t;
  };
}

/** The event's own id, when it can be echoed back as one (what a sender matches its events by). */
function sentId(ev: unknown): string | undefined {
  const id = ev && typeof ev === 'object' ? (ev as Record<string, unknown>).id : undefined;
  return IdStringSchema.safeParse(id).success ? (id as string) : undefined;
}

/**
 * The 400 of a batch none of whose events could be taken: every rejected event's issues, as one list.
 * The message names the first one.
 */
export function invalidBatchError(rejected: readonly RejectedEvent[]): AffinityError {
  const issues = rejected.flatMap((r) => r.issues);
  return new AffinityError('VALIDATION_FAILED', `Invalid event payload: ${issues[0]?.path || 'body'}: ${issues[0]?.message}`, issues);
}

/**
 * Parses and normalises an ingest body, all or nothing: any invalid event throws.
 * @throws AffinityError `VALIDATION_FAILED` (with every offending field) or `PAYLOAD_TOO_LARGE`.
 */
export function parseIngest(body: unknown, opts: { shop: string; now: number }): ParsedIngest {
  const { events, ignored, rejected } = parseIngestBatch(body, opts);
  if (rejected.length > 0) throw invalidBatchError(rejected);
  return { events, ignored };
}

/**
 * Parses and normalises an ingest body event by event: an invalid event is returned in `rejected`
 * (with the issues of that event only) and the others are parsed as if it were not there.
 * @throws AffinityError `VALIDATION_FAILED` when the body as a whole is not one (an event, an array, an
 *   envelope with a valid `shop`, `consent`, `market`, `country` and an `events` array), or
 *   `PAYLOAD_TOO_LARGE` (more than {@link MAX_BATCH_EVENTS} events).
 */
/**
 * `refuseReserved`: the batch comes from a transport (`POST /v1/events`), which may not write the ids
 * only Affinity's own tools write (reservedIds.ts): such an event is refused on its own.
 */
export function parseIngestBatch(body: unknown, opts: { shop: string; now: number; refuseReserved?: boolean }): ParsedBatch {
  let raw: unknown[];
  const shop = opts.shop; // the tenant, resolved by the caller; a body's `shop` may only repeat it
  let consent: ConsentFlags | undefined;
  let where: { market?: string; country?: string } = {};
  let prefix = '';
  if (Array.isArray(body)) raw = body;
  else if (body && typeof body === 'object' && 'events' in body) {
    const env = IngestEnvelopeSchema.safeParse(body);
    if (!env.success) {
      const issues = issuesOf(env.error, '');
      const first = issues[0];
      throw new AffinityError('VALIDATION_FAILED', `Invalid event envelope${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''} (its keys: shop, consent, market, country, events).`, issues);
    }
    raw = env.data.events;
    where = { ...(env.data.market ? { market: env.data.market } : {}), ...(env.data.country ? { country: env.data.country.toUpperCase() } : {}) };
    const c = env.data.consent;
    // The flags stamped on the events, read as the consent ledger reads them (long or short names).
    if (c) consent = toConsentFlags(c);
    prefix = 'events';
  } else if (body && typeof body === 'object') raw = [body];
  else throw new AffinityError('VALIDATION_FAILED', 'The body must be an event, an array of events or {events: [...]}.', [{ path: '', message: 'expected an object or array' }]);

  if (raw.length > MAX_BATCH_EVENTS) {
    throw new AffinityError('PAYLOAD_TOO_LARGE', `At most ${MAX_BATCH_EVENTS} events per request (got ${raw.length}).`);
  }
  const rejected: RejectedEvent[] = [];
  const events: UserEvent[] = [];
  let ignored = 0;
  raw.forEach((ev, i) => {
    const path = Array.isArray(body) || prefix ? [prefix, String(i)].filter(Boolean).join('.') : '';
    // This event's issues only: any of them refuses this event, never its neighbours.
    const issues: FieldIssue[] = [];
    const outcome = parseOne(ev, path, issues, { shop, now: opts.now, ...(consent ? { consent } : {}) });
    if (outcome && opts.refuseReserved) {
      const reserved = reservedIdIssue(outcome, path, ev !== null && typeof ev === 'object' && 'clientId' in ev ? 'clientId' : 'userId');
      if (reserved) issues.push(reserved);
    }
    if (issues.length > 0) {
      const id = sentId(ev);
      rejected.push({ index: i, ...(id !== undefined ? { id } : {}), code: 'VALIDATION_FAILED', message: `${issues[0]?.path || 'body'}: ${issues[0]?.message}`, issues });
    } else if (outcome) events.push(outcome);
    else ignored += 1;
  });
  // The envelope's market and country apply to events that do not carry their own.
  const located = where.market || where.country ? events.map((e) => (e.market || e.country ? e : { ...e, ...where })) : events;
  return { events: located, ignored, rejected };
}

/**
 * One event of a body: the normalised event, or `undefined` for one that is valid but not used. What
 * is wrong with it goes to `issues` (then the answer is not used).
 */
function parseOne(ev: unknown, path: string, issues: FieldIssue[], ctx: { shop: string; now: number; consent?: ConsentFlags }): UserEvent | undefined {
  const at = (p: string): string => [path, p].filter(Boolean).join('.');
  if (!ev || typeof ev !== 'object') {
    issues.push({ path, message: 'expected an event object' });
    return undefined;
  }
  const o = ev as Record<string, unknown>;
  if ('name' in o && 'clientId' in o) {
    if (typeof o.name === 'string' && !isUsedPixelEvent(o.name)) {
      const unused = UnusedPixelEventSchema.safeParse(o);
      if (!unused.success) issues.push(...issuesOf(unused.error, path));
      return undefined;
    }
    const parsed = PixelEventSchema.safeParse(o);
    if (!parsed.success) {
      issues.push(...issuesOf(parsed.error, path));
      return undefined;
    }
    try {
      return normalizePixelEvent(parsed.data, ctx, tsParser(ctx.now, issues, path) as (r: string | undefined) => number);
    } catch (err) {
      if (err instanceof z.ZodError) issues.push(...issuesOf(err, at('data')));
      else throw err;
      return undefined;
    }
  }
  if ('type' in o && 'userId' in o) {
    const parsed = NativeEventSchema.safeParse(o);
    if (!parsed.success) {
      issues.push(...issuesOf(parsed.error, path));
      return undefined;
    }
    return normalizeNativeEvent(parsed.data, ctx.shop, tsParser(ctx.now, issues, path));
  }
  if ('name' in o) issues.push({ path: at('clientId'), message: 'a Web Pixel event needs clientId' });
  else issues.push({ path, message: 'not a Web Pixel event (name, clientId) nor a native event (type, userId)' });
  return undefined;
}
