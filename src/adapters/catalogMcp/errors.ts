/**
 * Errors of the Storefront Catalog MCP client. They never cross Affinity's own API (the resilient
 * catalog turns every upstream failure into a fallback answer); they carry what the resilience
 * policies need: whether a retry may help and whether the failure says the upstream is unhealthy.
 */
import { isBrokenCircuitError, isTaskCancelledError } from 'cockatiel';

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

/** Whether a retry may help: transient {@link CatalogMcpError}s and cockatiel timeouts; never an open breaker. */
export function isTransient(e: unknown): boolean {
  if (isBrokenCircuitError(e)) return false;
  if (isTaskCancelledError(e)) return true;
  return e instanceof CatalogMcpError && e.transient;
}

/**
 * Whether a failure counts against the shop's circuit breaker: transient failures and unreadable
 * replies (the upstream is unhealthy). Requests the shop rejected as invalid, tool errors and missing
 * tools do not: they say nothing about availability and would not be fixed by backing off.
 */
export function isUpstreamFault(e: unknown): boolean {
  return isTransient(e) || (e instanceof CatalogMcpError && e.kind === 'protocol');
}
