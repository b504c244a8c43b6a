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
  for (const e of events) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    const userId = typeof o.clientId === 'string' ? o.clientId : typeof o.userId === 'string' ? o.userId : undefined;
    if (!userId) continue;
    const data = o.data && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : undefined;
    const cp = (o.customerPrivacy ?? data?.customerPrivacy) as Record<string, unknown> | undefined;
    if (typeof o.name === 'string' && CONSENT_EVENTS.has(o.name) && cp && typeof cp === 'object') {
      signals.push({ userId, consent: toConsentFlags(cp) });
      seen.add(userId);
    } else if (envConsent && !seen.has(userId)) {
      signals.push({ userId, consent: envConsent });
      seen.add(userId);
    }
  }
  return {
    signals,
    ...(typeof env?.market === 'string' ? { market: env.market } : {}),
    ...(typeof env?.country === 'string' ? { country: env.country } : {}),
  };
}
