/**
 * A token bucket, as a pure step function: `take(bucket, now)` refills by elapsed time and takes one
 * token when there is one. The HTTP guard keeps one bucket per pixel client and per IP.
 */

/** Rate and burst of a bucket. */
export interface BucketParams {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Capacity (largest burst). */
  readonly burst: number;
}

/** A bucket's state. */
export interface Bucket {
  readonly tokens: number;
  /** Epoch ms of the last refill. */
  readonly at: number;
}

/** A full bucket. */
export function fullBucket(p: BucketParams, now: number): Bucket {
  return { tokens: p.burst, at: now };
}

/**
 * Refills and takes one token.
 * @returns the new state, whether the request may pass, and when it could (ms from now) if not.
 */
export function take(b: Bucket, p: BucketParams, now: number): { bucket: Bucket; allowed: boolean; retryAfterMs: number } {
  const elapsed = Math.max(0, now - b.at);
  const tokens = Math.min(p.burst, b.tokens + (elapsed / 1000) * p.ratePerSecond);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, at: now }, allowed: true, retryAfterMs: 0 };
  return { bucket: { tokens, at: now }, allowed: false, retryAfterMs: Math.ceil(((1 - tokens) / p.ratePerSecond) * 1000) };
}
