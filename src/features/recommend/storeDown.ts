/**
 * Reads that degrade instead of failing: while the store does not answer (`STORE_UNAVAILABLE`: Redis
 * down or frozen), a recommendation is still given from what the process holds, without the shopper's
 * stored profile. Writes never take this path: an event is refused (503) rather than acknowledged
 * without durability.
 */
import { isAffinityError } from '../../core/errors.ts';

/** Whether a failure is the store being unreachable (and not a bug or bad input). */
export function isStoreUnavailable(err: unknown): boolean {
  return isAffinityError(err) && err.code === 'STORE_UNAVAILABLE';
}

/**
 * The read's value, or `fallback` when the store is unreachable (`onDown` is told, e.g. to mark the
 * answer degraded). Any other failure rejects as before.
 */
export async function unlessStoreDown<T>(read: Promise<T>, fallback: T, onDown?: () => void): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (!isStoreUnavailable(err)) throw err;
    onDown?.();
    return fallback;
  }
}
