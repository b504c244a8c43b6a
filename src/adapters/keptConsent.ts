/**
 * Kept consent (docs/privacy.md, "A withdrawal outlives the process"): the consent state of a shopper
 * who withdrew, kept by the store under the same 16-byte hash of `shop \0 id` as an erasure tombstone
 * (`erasureTombstones.ts`), never the id. The consent gate's ledger is memory (per process, or an hour
 * in Redis): without this, a restart, a deploy or a redaction forgot the withdrawal, and an event
 * without consent of its own (a keyed server's, an agent's) was stored under the market's default.
 *
 * Stores: `sqlite/sqlitePrivacy.ts` (`consent_kept`), `redis/redisPrivacy.ts` (`aff:{<shop>}:ck:<hash>`).
 */
import type { ConsentFlags } from '../core/events/userEvent.ts';
import type { KeptConsent } from '../core/ports.ts';

/**
 * How long a kept consent state lasts after its last change: 400 days. A withdrawal holds until the
 * shopper grants again (the pixel states consent on every batch, which replaces it); CCPA asks that an
 * opt-out be respected for at least twelve months before the shopper is asked again.
 */
export const CONSENT_KEEP_MS = 400 * 86_400_000;

const FLAGS = ['analytics', 'marketing', 'preferences', 'saleOfData'] as const;

/** The stored form: `{"c": flags, "w": withdrawnAt, "t": at}`. */
export function encodeKeptConsent(state: KeptConsent): string {
  return JSON.stringify({ c: state.consent, w: state.withdrawnAt, t: state.at });
}

/** Reads a stored form back; `undefined` when it is not one (never throws on a damaged value). */
export function decodeKeptConsent(raw: string | null | undefined): KeptConsent | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const v = JSON.parse(raw) as { c?: Record<string, unknown>; w?: unknown; t?: unknown };
    if (typeof v.w !== 'number' || typeof v.t !== 'number' || typeof v.c !== 'object' || v.c === null) return undefined;
    const consent: { -readonly [K in keyof ConsentFlags]: boolean } = {};
    for (const f of FLAGS) if (typeof v.c[f] === 'boolean') consent[f] = v.c[f] as boolean;
    return { consent, withdrawnAt: v.w, at: v.t };
  } catch {
    return undefined;
  }
}
