/**
 * When the pixel sends a batch again that Affinity did not take (unreachable, 429 or 5xx): exponential
 * backoff with jitter, never sooner than the answer's `Retry-After`, and a bounded number of tries per
 * page (a page must not retry forever; what is still unsent waits in the outbox for the next page,
 * outbox.ts). Pure: the caller passes the clock and the random source.
 */

/** First backoff step, ms: the n-th retry (n ≥ 1) waits `RETRY_BASE_MS · 2^(n−1)`, capped. */
export const RETRY_BASE_MS = 1000;
/** Longest backoff step, ms. */
export const RETRY_MAX_BACKOFF_MS = 30_000;
/** Retries of one batch on one page (the first send not counted): 1 + 2 + 4 + 8 + 16 + 30 s ≈ one minute. */
export const MAX_RETRIES = 6;
/** Longest `Retry-After` waited for on the page, ms; a longer one is left to a later page. */
export const MAX_RETRY_AFTER_MS = 120_000;
/** Jitter added on top of a wait, as a fraction of it (spreads the retries of many shoppers after a restart). */
export const RETRY_JITTER = 0.25;

/**
 * `Retry-After` in ms from `now` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date), or `undefined` when
 * absent or unreadable. A date in the past is 0.
 */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (typeof header !== 'string') return undefined;
  const v = header.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/**
 * The wait before retry `attempt` (1-based), ms: the larger of the backoff step and `Retry-After`, plus
 * up to {@link RETRY_JITTER} of it (`random` in [0, 1)). `undefined` when the page should stop trying:
 * past {@link MAX_RETRIES}, or told to wait longer than {@link MAX_RETRY_AFTER_MS}.
 */
export function retryDelay(attempt: number, retryAfter: number | undefined, random: number): number | undefined {
  if (attempt < 1 || attempt > MAX_RETRIES) return undefined;
  if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) return undefined;
  const backoff = Math.min(RETRY_MAX_BACKOFF_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
  const wait = Math.max(backoff, retryAfter ?? 0);
  return Math.round(wait * (1 + RETRY_JITTER * Math.min(Math.max(random, 0), 1)));
}

/** Whether an answer's status means "send the same events again later": 408, 429 or 5xx. */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
