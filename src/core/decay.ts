/**
 * Time decay without rewriting stored data ("decay forward").
 *
 * An event of weight `w` at time `t` is stored as `w * 2^((t - ref) / halfLife)`; adding such values is
 * commutative (so HINCRBYFLOAT / UPSERT ... + ? from many writers stay correct), and at read time the
 * sum is multiplied by `2^(-(now - ref) / halfLife)`, which gives every contribution its decayed
 * weight `w * 2^(-(now - t) / halfLife)`.
 *
 * Values grow by 2^(elapsed / halfLife), so the reference must not lie too far in the past:
 * profiles and co-occurrence use a fixed reference with half-lives of a week or more (growth stays
 * far below the float range for decades); short-lived counters (popular, trending) are written into
 * epochs of {@link EPOCH_SPAN_MS} and each epoch has its own reference.
 */

/** Fixed reference for profiles and co-occurrence: 2024-01-01T00:00:00Z. */
export const DECAY_REFERENCE_MS = Date.UTC(2024, 0, 1);
/** Length of a counter epoch: 64 days. */
export const EPOCH_SPAN_MS = 64 * 86_400_000;
/** Shortest half-life allowed against the fixed reference (keeps values finite for decades). */
export const MIN_FIXED_HALF_LIFE_MS = 7 * 86_400_000;

const DAY = 86_400_000;

/** Stored increment for weight `w` at `ts`, relative to `ref`. */
export function forward(w: number, ts: number, halfLifeMs: number, ref: number = DECAY_REFERENCE_MS): number {
  return w * 2 ** ((ts - ref) / halfLifeMs);
}

/** Decayed value at `now` of a stored forward sum relative to `ref`. */
export function decayed(stored: number, now: number, halfLifeMs: number, ref: number = DECAY_REFERENCE_MS): number {
  return stored * 2 ** (-(now - ref) / halfLifeMs);
}

/** Epoch index containing `ts`. */
export function epochOf(ts: number): number {
  return Math.floor(ts / EPOCH_SPAN_MS);
}

/** Reference time (start) of an epoch. */
export function epochStart(epoch: number): number {
  return epoch * EPOCH_SPAN_MS;
}

/** Days, in milliseconds. */
export function days(n: number): number {
  return n * DAY;
}
