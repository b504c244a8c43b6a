/**
 * Profiles shared between reads: a store adapter that decodes a stored document once and hands the
 * same object to every read of the same text (`adapters/sqlite/sqliteProfileReads.ts`,
 * `adapters/redis/redisProfileReads.ts`) freezes it, so no reader can change what the others see.
 */
import type { RawProfile } from './profileDelta.ts';

/** Document text an adapter keeps with its decoded profiles, in characters (the decoded objects take about as much again). */
export const SHARED_PROFILE_TEXT_BUDGET = 8 * 1024 * 1024;

/** Freezes a decoded profile and its lists (a reader that tried to change it would throw instead of corrupting others' answers). */
export function freezeProfile(p: RawProfile): RawProfile {
  Object.freeze(p.features);
  for (const r of p.recent) Object.freeze(r);
  Object.freeze(p.recent);
  Object.freeze(p.purchased);
  return Object.freeze(p);
}
