/**
 * The JSON-RPC errors the MCP server answers with itself (wire errors, not `AffinityError`s, which
 * tools turn into `isError` results). The SDK sends any thrown error that has an integer `code` as
 * `{code, message}`; these carry the message as it is (the SDK's `McpError` would prefix it with
 * "MCP error -32602:", which clients then prefix again).
 */
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';

/** A request whose params are not what its method takes: JSON-RPC -32602 with this message. */
export class InvalidParamsError extends Error {
  readonly code = ErrorCode.InvalidParams;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidParamsError';
  }
}

/**
 * A failure inside a request handler that no caller could have caused or fixed: JSON-RPC -32603 with
 * the bare "Internal error" (what failed is logged on the server, never sent: no stack, no message of
 * an internal exception).
 */
export class InternalProtocolError extends Error {
  readonly code = ErrorCode.InternalError;
  constructor() {
    super('Internal error');
    this.name = 'InternalProtocolError';
  }
}

/** Whether `err` already says which JSON-RPC error it is (an integer `code`, as the SDK reads it). */
export function hasRpcCode(err: unknown): boolean {
  return typeof err === 'object' && err !== null && Number.isSafeInteger((err as { code?: unknown }).code);
}

/** How a JSON value is called in a message: `null`, `an array`, `a number`, … */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'undefined') return 'missing';
  return `a ${typeof v}`;
}
