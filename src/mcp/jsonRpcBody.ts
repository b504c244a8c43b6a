/**
 * Which POST bodies `/mcp` accepts as JSON-RPC, checked before the SDK transport sees them (the SDK
 * answers a well-formed JSON value that is not a JSON-RPC message with -32700 "Parse error", where
 * JSON-RPC 2.0 says -32600 "Invalid Request", and accepts batches whatever the protocol version).
 *
 * - A message must be a JSON-RPC 2.0 request, notification or response (`"jsonrpc": "2.0"`).
 * - Batches (arrays) were added in protocol 2025-03-26 and removed in 2025-06-18. The HTTP server is
 *   stateless, so the version is the request's `MCP-Protocol-Version` header (which clients send on
 *   every request after `initialize`; without it, 2025-03-26 is assumed, as the specification says).
 * - `initialize` must never be part of a batch, and a batch must not be empty.
 * - A request with its params by position (an array: valid JSON-RPC 2.0, but every MCP method takes
 *   them by name), or with params by name whose `_meta` is not what MCP allows there (`"_meta": 5`, a
 *   `progressToken` that is neither a string nor a number), is a well-formed request with invalid
 *   params: -32602, answered with its id ({@link paramsRefusal}). The SDK's message schema refuses such
 *   a request as a whole, which would make it an Invalid Request with `id: null`.
 */
import { JSONRPCMessageSchema, RequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { invalidParamsMessage } from './requestParams.ts';

/** The first protocol version without JSON-RPC batching. */
export const NO_BATCH_PROTOCOL_VERSION = '2025-06-18';

const DATE_VERSION = /^\d{4}-\d{2}-\d{2}$/;

function messageProblem(m: unknown): string | undefined {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'a JSON-RPC message must be an object';
  if ((m as { jsonrpc?: unknown }).jsonrpc !== '2.0') return '"jsonrpc" must be "2.0"';
  if (!JSONRPCMessageSchema.safeParse(m).success) return 'not a JSON-RPC 2.0 request, notification or response';
  return undefined;
}

/**
 * Why `body` (already parsed JSON) is not a valid JSON-RPC request for a client speaking
 * `protocolVersion` (the `MCP-Protocol-Version` header), as the message of a -32600 error; `undefined`
 * when it is valid.
 */
export function invalidRequest(body: unknown, protocolVersion: string | undefined): string | undefined {
  if (!Array.isArray(body)) {
    const p = messageProblem(body);
    return p ? `Invalid Request: ${p}.` : undefined;
  }
  if (protocolVersion !== undefined && DATE_VERSION.test(protocolVersion) && protocolVersion >= NO_BATCH_PROTOCOL_VERSION) {
    return `Invalid Request: JSON-RPC batches are not part of MCP protocol ${protocolVersion} (removed in ${NO_BATCH_PROTOCOL_VERSION}); send one message per POST.`;
  }
  if (body.length === 0) return 'Invalid Request: the batch is empty.';
  for (const [i, m] of body.entries()) {
    const p = messageProblem(m);
    if (p) return `Invalid Request: batch message ${i + 1}: ${p}.`;
    if ((m as { method?: unknown }).method === 'initialize') return 'Invalid Request: initialize must not be part of a JSON-RPC batch.';
  }
  return undefined;
}

/**
 * The -32602 answer (id and message) a single, otherwise well-formed JSON-RPC request gets for its
 * params: by position (JSON-RPC 2.0 allows it, MCP's methods all take an object, so this is Invalid
 * params for that id, not an Invalid Request), or by name with a `_meta` that is not what MCP allows.
 * `undefined` for anything else (valid params, or a body that is not such a request).
 */
export function paramsRefusal(body: unknown): { id: string | number; method: string; message: string } | undefined {
  const m = paramsOf(body);
  if (!m || m.params === undefined) return undefined;
  if (Array.isArray(m.params)) return { id: m.id, method: m.method, message: `Invalid params: ${m.method} takes its params by name (a JSON object), not by position (an array).` };
  if (typeof m.params !== 'object' || m.params === null) return undefined;
  const parsed = RequestSchema.safeParse({ method: m.method, params: m.params });
  return parsed.success ? undefined : { id: m.id, method: m.method, message: invalidParamsMessage(m.method, parsed.error.issues, { params: m.params }) };
}

/** A single request whose every member but `params` makes it a valid JSON-RPC request, with those params. */
function paramsOf(body: unknown): { id: string | number; method: string; params: unknown } | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const m = body as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
  if (m.jsonrpc !== '2.0' || typeof m.method !== 'string') return undefined;
  if (typeof m.id !== 'string' && typeof m.id !== 'number') return undefined;
  const { params, ...rest } = m;
  return messageProblem(rest) === undefined ? { id: m.id, method: m.method, params } : undefined;
}
