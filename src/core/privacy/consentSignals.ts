/**
 * The consent signals an events body carries: the envelope's `consent` (it applies to every client
 * id of the batch) and `visitorConsentCollected` events (`customerPrivacy` in the event or in its
 * `data`). Pure: the ingest use case (`features/ingest/recordEvents.ts`) reads them from a body the
 * ingest parser has already accepted, and records them before the events are gated and stored.
 */
import type { ConsentFlags } from '../events/userEvent.ts';

/** One shopper's consent as a body states it. */
export interface ConsentSignal {
  readonly userId: string;
  readonly consent: ConsentFlags;
  /**
   * When it was expressed, epoch ms, on the clock of the events: a consent event's `timestamp`, else
   * the latest `timestamp` among the shopper's events the envelope's consent came with. Absent when
   * none is readable.
   */
  readonly at?: number;
}

/** The consent signals of an events body, plus the envelope's market hints. */
export interface ConsentSignals {
  /** At most one per user id, in body order (a consent event wins over the envelope's consent). */
  readonly signals: readonly ConsentSignal[];
  readonly market?: string;
  readonly country?: string;
}

/** Customer Privacy flags (the long `analyticsProcessingAllowed`… or the short `analytics`… names) as Affinity's consent flags. */
export function toConsentFlags(c: Readonly<Record<string, unknown>>): ConsentFlags {
  const pick = (long: string, short: string): boolean | undefined => {
    const v = c[long] ?? c[short];
    return typeof v === 'boolean' ? v : undefined;
  };
  const analytics = pick('analyticsProcessingAllowed', 'analytics');
  const marketing = pick('marketingAllowed', 'marketing');
  const preferences = pick('preferencesProcessingAllowed', 'preferences');
  const saleOfData = pick('saleOfDataAllowed', 'saleOfData');
  return {
    ...(analytics !== undefined ? { analytics } : {}),
    ...(marketing !== undefined ? { marketing } : {}),
    ...(preferences !== undefined ? { preferences } : {}),
    ...(saleOfData !== undefined ? { saleOfData } : {}),
  };
}

/** Names of pixel consent events. */
const CONSENT_EVENTS: ReadonlySet<string> = new Set(['visitorConsentCollected', 'visitor_consent_collected']);

/** The consent signals of an events body (one event, an array, or `{consent?, market?, country?, events}`). */
export function consentSignals(body: unknown): ConsentSignals {
  const signals: ConsentSignal[] = [];
  if (!body || typeof body !== 'object') return { signals };
  const env = Array.isArray(body) ? undefined : (body as Record<string, unknown>);
  const events: unknown[] = Array.isArray(body) ? body : Array.isArray(env?.events) ? (env.events as unknown[]) : [body];
  const envConsent = env && env.consent && typeof env.consent === 'object' ? toConsentFlags(env.consent as Record<string, unknown>) : undefined;
  const seen = new Set<string>();
  // The envelope's consent is as old as the events it came with: the latest of each shopper's.
  const latest = new Map<string, number>();
  for (const e of events) {
    const u = userIdOf(e);
    const t = u === undefined ? undefined : timeOf(e);
    if (u !== undefined && t !== undefined) latest.set(u, Math.max(latest.get(u) ?? t, t));
  }
  for (const e of events) {
    const userId = userIdOf(e);
    if (!userId) continue;
    const o = e as Record<string, unknown>;
    const data = o.data && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : undefined;
    const cp = (o.customerPrivacy ?? data?.customerPrivacy) as Record<string, unknown> | undefined;
    if (typeof o.name === 'string' && CONSENT_EVENTS.has(o.name) && cp && typeof cp === 'object') {
      const at = timeOf(e);
      signals.push({ userId, consent: toConsentFlags(cp), ...(at !== undefined ? { at } : {}) });
      seen.add(userId);
    } else if (envConsent && !seen.has(userId)) {
      const at = latest.get(userId);
      signals.push({ userId, consent: envConsent, ...(at !== undefined ? { at } : {}) });
      seen.add(userId);
    }
  }
  return {
    signals,
    ...(typeof env?.market === 'string' ? { market: env.market } : {}),
    ...(typeof env?.country === 'string' ? { country: env.country } : {}),
  };
}

/** The shopper an event names (pixel `clientId`, native `userId`). */
function userIdOf(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const o = e as Record<string, unknown>;
  return typeof o.clientId === 'string' ? o.clientId : typeof o.userId === 'string' ? o.userId : undefined;
}

/** An event's `timestamp` (ISO 8601 or epoch ms), epoch ms; `undefined` when it has none or it does not parse. */
function timeOf(e: unknown): number | undefined {
  const raw = (e as Record<string, unknown>).timestamp;
  const t = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isFinite(t) ? t : undefined;
}
