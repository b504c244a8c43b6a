/**
 * Errors of the Storefront Catalog MCP client. They never cross Affinity's own API (the resilient
 * catalog turns every upstream failure into a fallback answer); they carry what the resilience
 * policies need: whether a retry may help and whether the failure says the upstream is unhealthy.
 */
import { BrokenCircuitError, TaskCancelledError } from 'cockatiel';

/** What went wrong talking to the shop's MCP endpoint. */
export type CatalogMcpErrorKind =
  /** Connection refused/reset, DNS failure: nothing came back. */
  | 'network'
  /** The call took longer than allowed. */
  | 'timeout'
  /** A non-2xx HTTP status without a JSON-RPC error body. */
  | 'http'
  /** A JSON-RPC `error` object. */
  | 'rpc'
  /** A `tools/call` result with `isError: true`. */
  | 'tool'
  /** A reply that is not the JSON-RPC/MCP shape we expect. */
  | 'protocol'
  /** The endpoint does not offer a tool we need. */
  | 'unsupported';

/** JSON-RPC codes of server-side faults worth retrying: -32603 Internal error and the -32000..-32099 server range. */
function transientRpc(code: number): boolean {
  return code === -32603 || (code <= -32000 && code >= -32099);
}

/**
 * A lookup with no id the shop can be asked about (handles, when its lookups take none): nothing was
 * sent. Not a failure of the shop (the breaker does not count it) and not a success either (a shop that
 * is down must not look healthy because such calls returned at once): the answer is the local catalog's.
 */
export class NothingToAsk extends Error {
  constructor(readonly ids: readonly string[]) {
    super(`none of the ${ids.length} id(s) can be looked up at this shop (it takes no handles)`);
    this.name = 'NothingToAsk';
  }
}

/** A failed call to the shop's catalog MCP. */
export class CatalogMcpError extends Error {
  readonly kind: CatalogMcpErrorKind;
  /** HTTP status, when there was one. */
  readonly status?: number;
  /** JSON-RPC error code, for `rpc`. */
  readonly rpcCode?: number;
  /** A retry may succeed: network errors, timeouts, HTTP 408/429/5xx, JSON-RPC -32603 and -32000..-32099. */
  readonly transient: boolean;

  constructor(kind: CatalogMcpErrorKind, message: string, opts: { status?: number; rpcCode?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CatalogMcpError';
    this.kind = kind;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.rpcCode !== undefined) this.rpcCode = opts.rpcCode;
    this.transient =
      kind === 'network' ||
      kind === 'timeout' ||
      (kind === 'http' && opts.status !== undefined && (opts.status === 408 || opts.status === 429 || opts.status >= 500)) ||
      (kind === 'rpc' && opts.rpcCode !== undefined && transientRpc(opts.rpcCode));
  }
}

/** Whether `e` is an instance of `cls` or carries cockatiel's brand property `brand: true` (another copy of cockatiel). */
function branded(e: unknown, cls: abstract new (...args: never[]) => Error, brand: string): boolean {
  return e instanceof cls || (e instanceof Error && (e as unknown as Record<string, unknown>)[brand] === true);
}

/**
 * Whether the call ran out of time: cockatiel's timeout policy ({@link TaskCancelledError}) or our own
 * `timeout` {@link CatalogMcpError} (the fetch aborted by that policy's signal).
 *
 * Not cockatiel's `isTaskCancelledError`: in 3.2.1 it tests the property `isBulkheadRejectedError`,
 * so it is false for every timeout (and `isIsolatedCircuitError` has the same slip). Detected here by
 * class, or by the brand property the error sets, in case two copies of cockatiel are loaded.
 */
export function isTimeout(e: unknown): boolean {
  if (e instanceof CatalogMcpError) return e.kind === 'timeout';
  return branded(e, TaskCancelledError, 'isTaskCancelledError');
}

/** Whether the circuit breaker refused the call without running it (open or isolated). */
export function isBreakerRejection(e: unknown): boolean {
  // IsolatedCircuitError extends BrokenCircuitError, so it carries that brand too.
  return branded(e, BrokenCircuitError, 'isBrokenCircuitError');
}

/**
 * Whether a later attempt may succeed: transient {@link CatalogMcpError}s and timeouts; never a call
 * the breaker refused. Used where there is no per-call time budget (the background catalog sync,
 * whose timeouts come only from its caller's signal, and cockatiel stops retrying once that aborts).
 */
export function isTransient(e: unknown): boolean {
  if (isBreakerRejection(e)) return false;
  if (isTimeout(e)) return true;
  return e instanceof CatalogMcpError && e.transient;
}

/**
 * Whether a call on the request path should be retried: transient failures except timeouts. A
 * timed-out attempt has spent the call's time budget; retrying it would multiply the wait (a slow shop
 * would cost every call `attempts × timeout`), and a slow shop is what the breaker is for.
 */
export function isRetryable(e: unknown): boolean {
  return isTransient(e) && !isTimeout(e);
}

/**
 * Whether a failure counts against the shop's circuit breaker: timeouts, other transient failures and
 * unreadable replies (the upstream is unhealthy). Requests the shop rejected as invalid, tool errors and
 * missing tools do not: they say nothing about availability and would not be fixed by backing off.
 */
export function isUpstreamFault(e: unknown): boolean {
  return isTransient(e) || (e instanceof CatalogMcpError && e.kind === 'protocol');
}
