/**
 * Why the shop's answer was not used, as a reason code (for metrics and callers that branch) and as a
 * sentence a person or an agent can read. The sentence says what happened: a shop that rejected the
 * request (JSON-RPC -32602, a tool error, HTTP 4xx) was reached, so it is never described as
 * unreachable, and a request the shop cannot be asked at all says so.
 */
import { CatalogMcpError, isBreakerRejection, isTimeout, isUpstreamFault } from './errors.ts';

/**
 * Why the shop's answer was not used: `breaker-open` (the shop was not called: its breaker is open),
 * `upstream-error` (it could not be reached, timed out, failed or answered unreadably),
 * `upstream-rejected` (it answered that the request is invalid: JSON-RPC -32602, a tool error, HTTP 4xx),
 * `unsupported` (the request cannot be put to this shop, e.g. a lookup on the legacy endpoint).
 */
export type FallbackReason = 'breaker-open' | 'upstream-error' | 'upstream-rejected' | 'unsupported';

/** The reason of a failure; `attempted` says whether the shop was called during the failed call. */
export function fallbackReason(err: unknown, attempted: boolean): FallbackReason {
  if (isBreakerRejection(err)) return attempted ? 'upstream-error' : 'breaker-open';
  if (isUpstreamFault(err) || !(err instanceof CatalogMcpError)) return 'upstream-error';
  return err.kind === 'unsupported' ? 'unsupported' : 'upstream-rejected';
}

function what(err: unknown): string {
  if (isTimeout(err)) return 'did not answer in time';
  if (!(err instanceof CatalogMcpError)) return `failed (${(err as Error)?.message ?? String(err)})`;
  const detail = err.message.slice(0, 200);
  switch (err.kind) {
    case 'network':
      return `could not be reached (${detail})`;
    case 'http':
      return err.transient ? `failed (HTTP ${err.status})` : `rejected the request (HTTP ${err.status})`;
    case 'rpc':
      return err.transient ? `failed (${detail})` : `rejected the request (${detail})`;
    case 'tool':
      return `rejected the request (tool error: ${detail})`;
    case 'protocol':
      return `sent an answer Affinity cannot read (${detail})`;
    case 'unsupported':
      return `cannot be asked this (${detail})`;
    default:
      return `failed (${detail})`;
  }
}

/**
 * A sentence for an answer that is not the shop's live one. `err` is the failure (for `breaker-open`,
 * the one that opened the breaker, when known); `stale` says a cached answer of the shop stood in.
 */
export function fallbackNote(reason: FallbackReason, err: unknown, stale: boolean): string {
  const head = reason === 'breaker-open' ? `The shop's catalog is not being called for a few seconds after repeated failures${err ? ` (last: it ${what(err)})` : ''}` : `The shop's catalog ${what(err)}`;
  return stale ? `${head}: this is its earlier answer (cached), which may be out of date.` : `${head}: prices and availability come from Affinity's copy and may be out of date.`;
}
