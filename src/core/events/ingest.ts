/**
 * Turns a `POST /v1/events` body into normalised events. Accepted forms: one event, an array of
 * events, or `{shop?, consent?, events: [...]}`; each event is a Web Pixel event (has `name` and
 * `clientId`) or a native event (has `type` and `userId`). Validation is all-or-nothing: one invalid
 * event rejects the batch with every issue listed, so a 2xx always means every event was stored.
 * Every string that becomes a key (user, client, customer, product, variant, event and order ids, the
 * shop) is held to `core/ids.ts`: at most `MAX_ID_LENGTH` code units, no lone UTF-16 surrogate. Such an
 * id could never be stored, so it is refused here (400) rather than failing in a store (503, retried
 * forever by a pixel).
 */
import { z } from 'zod';
import { AffinityError, type FieldIssue } from '../errors.ts';
import { isWellFormed, LONE_SURROGATE_MESSAGE } from '../ids.ts';
import { NativeEventSchema, normalizeNativeEvent } from './nativeEvent.ts';
import { PixelEventSchema, normalizePixelEvent } from './pixelEvent.ts';
import type { ConsentFlags, UserEvent } from './userEvent.ts';

/** Most events one request may carry. */
export const MAX_BATCH_EVENTS = 1000;
/** Earliest accepted event time (2000-01-01). */
/** The earliest event time accepted (epoch ms): 2000-01-01. */
export const MIN_TS = Date.UTC(2000, 0, 1);
/** Clock skew tolerated before a future timestamp is clamped to the receipt time. */
const MAX_SKEW_MS = 5 * 60_000;

const ConsentSchema = z
  .object({
    analyticsProcessingAllowed: z.boolean().optional(),
    marketingAllowed: z.boolean().optional(),
    preferencesProcessingAllowed: z.boolean().optional(),
    saleOfDataAllowed: z.boolean().optional(),
  })
  .passthrough();

/** The `{shop?, consent?, market?, country?, events}` form of an ingest body. */
export const IngestEnvelopeSchema = z.object({
  shop: z.string().min(1).max(255).refine(isWellFormed, LONE_SURROGATE_MESSAGE).optional(),
  consent: ConsentSchema.optional(),
  /** Market handle of the storefront the events come from (pixel events other than checkouts carry none). */
  market: z.string().min(1).max(100).optional(),
  /** ISO 3166-1 alpha-2 country of the shopper, when the storefront knows it. */
  country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code').optional(),
  events: z.array(z.unknown()),
});

/** Outcome of parsing a request body. */
export interface ParsedIngest {
  readonly events: UserEvent[];
  /** Events accepted but not used (unknown standard events, DOM and custom events). */
  readonly ignored: number;
}

function issuesOf(err: z.ZodError, prefix: string): FieldIssue[] {
  return err.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

function tsParser(now: number, issues: FieldIssue[], path: string) {
  return (raw: string | number | undefined): number => {
    if (raw === undefined) return now;
    const t = typeof raw === 'number' ? raw : Date.parse(raw);
    if (!Number.isFinite(t) || t < MIN_TS) {
      issues.push({ path: [path, 'timestamp'].filter(Boolean).join('.'), message: 'must be an ISO 8601 date or epoch milliseconds after 2000-01-01' });
      return now;
    }
    return t > now + MAX_SKEW_MS ? now : t;
  };
}

/**
 * Parses and normalises an ingest body.
 * @throws AffinityError `VALIDATION_FAILED` (with every offending field) or `PAYLOAD_TOO_LARGE`.
 */
export function parseIngest(body: unknown, opts: { shop: string; now: number }): ParsedIngest {
  let raw: unknown[];
  const shop = opts.shop; // the tenant, resolved by the caller; a body's `shop` may only repeat it
  let consent: ConsentFlags | undefined;
  let where: { market?: string; country?: string } = {};
  let prefix = '';
  if (Array.isArray(body)) raw = body;
  else if (body && typeof body === 'object' && 'events' in body) {
    const env = IngestEnvelopeSchema.safeParse(body);
    if (!env.success) throw new AffinityError('VALIDATION_FAILED', 'Invalid event envelope.', issuesOf(env.error, ''));
    raw = env.data.events;
    where = { ...(env.data.market ? { market: env.data.market } : {}), ...(env.data.country ? { country: env.data.country.toUpperCase() } : {}) };
    const c = env.data.consent;
    if (c) {
      consent = {
        ...(c.analyticsProcessingAllowed !== undefined ? { analytics: c.analyticsProcessingAllowed } : {}),
        ...(c.marketingAllowed !== undefined ? { marketing: c.marketingAllowed } : {}),
        ...(c.preferencesProcessingAllowed !== undefined ? { preferences: c.preferencesProcessingAllowed } : {}),
        ...(c.saleOfDataAllowed !== undefined ? { saleOfData: c.saleOfDataAllowed } : {}),
      };
    }
    prefix = 'events';
  } else if (body && typeof body === 'object') raw = [body];
  else throw new AffinityError('VALIDATION_FAILED', 'The body must be an event, an array of events or {events: [...]}.', [{ path: '', message: 'expected an object or array' }]);

  if (raw.length > MAX_BATCH_EVENTS) {
    throw new AffinityError('PAYLOAD_TOO_LARGE', `At most ${MAX_BATCH_EVENTS} events per request (got ${raw.length}).`);
  }
  const issues: FieldIssue[] = [];
  const events: UserEvent[] = [];
  let ignored = 0;
  raw.forEach((ev, i) => {
    const path = Array.isArray(body) || prefix ? [prefix, String(i)].filter(Boolean).join('.') : '';
    const at = (p: string): string => [path, p].filter(Boolean).join('.');
    if (!ev || typeof ev !== 'object') {
      issues.push({ path, message: 'expected an event object' });
      return;
    }
    const o = ev as Record<string, unknown>;
    if ('name' in o && 'clientId' in o) {
      const parsed = PixelEventSchema.safeParse(o);
      if (!parsed.success) {
        issues.push(...issuesOf(parsed.error, path));
        return;
      }
      try {
        const e = normalizePixelEvent(parsed.data, { shop, now: opts.now, ...(consent ? { consent } : {}) }, tsParser(opts.now, issues, path) as (r: string | undefined) => number);
        if (e) events.push(e);
        else ignored += 1;
      } catch (err) {
        if (err instanceof z.ZodError) issues.push(...issuesOf(err, at('data')));
        else throw err;
      }
    } else if ('type' in o && 'userId' in o) {
      const parsed = NativeEventSchema.safeParse(o);
      if (!parsed.success) {
        issues.push(...issuesOf(parsed.error, path));
        return;
      }
      events.push(normalizeNativeEvent(parsed.data, shop, tsParser(opts.now, issues, path)));
    } else if ('name' in o) {
      issues.push({ path: at('clientId'), message: 'a Web Pixel event needs clientId' });
    } else {
      issues.push({ path, message: 'not a Web Pixel event (name, clientId) nor a native event (type, userId)' });
    }
  });
  if (issues.length > 0) throw new AffinityError('VALIDATION_FAILED', `Invalid event payload: ${issues[0]?.path || 'body'}: ${issues[0]?.message}`, issues);
  // The envelope's market and country apply to events that do not carry their own.
  if (where.market || where.country) {
    return { events: events.map((e) => (e.market || e.country ? e : { ...e, ...where })), ignored };
  }
  return { events, ignored };
}
