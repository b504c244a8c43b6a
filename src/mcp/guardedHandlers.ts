/**
 * Every request handler of an SDK server behind one guard, so that what a request gets back says whose
 * fault a failure is, as JSON-RPC 2.0 means its codes:
 *
 * - params that do not fit the method (`tools/list` with `{"cursor": 5}`, `initialize` without
 *   `clientInfo`, `resources/read` without `uri` on a server that serves it): -32602 Invalid params
 *   with a sentence naming each field and what it should be (`requestParams.ts`). The SDK parses them
 *   with the same schemas, but throws zod's error, which it answers as -32603 with the issues as JSON;
 * - errors that already carry a JSON-RPC code (the SDK's `McpError`s, ours): as they are;
 * - anything else thrown inside a handler: logged, and -32603 with the bare "Internal error" (the SDK
 *   would send the exception's own message; a stack or an internal detail is never sent).
 *
 * Why the handler map: the SDK registers `initialize` and `ping` in its constructors and offers no
 * public way to wrap a handler; the SDK's `Server` itself overrides `setRequestHandler` for `tools/call`.
 * Replacing the entries of its (TypeScript-private) `_requestHandlers` map, and that map's `set` for
 * handlers registered later, needs no fork and keeps every method the SDK serves, now or after an
 * upgrade, behind the guard. An SDK without that map fails the server's creation loudly (and its tests)
 * rather than silently answering -32603 again.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { hasRpcCode, InternalProtocolError, InvalidParamsError } from './protocolErrors.ts';
import { invalidParamsMessage, isClientRequestMethod, requestParamsProblem } from './requestParams.ts';

/** A handler as the SDK keeps it: the whole JSON-RPC request, the request's context. */
type Handler = (request: JSONRPCRequest, extra: { readonly signal?: AbortSignal }) => Promise<unknown>;

/** How the guard is set up. */
export interface HandlerGuardOptions {
  /**
   * Per method, a check of its params that speaks before the schema's, in the method's own words
   * (`tools/call`: which tools exist); the schema's check follows when it finds nothing.
   */
  readonly checks?: Readonly<Record<string, (params: unknown) => string | undefined>>;
  /** Told each failure that is answered as -32603 (for the log; the caller gets no detail). */
  onInternalError(err: unknown, method: string): void;
}

/** A zod parse failure (`ZodError`, or `$ZodError` from the `zod/v4-mini` parse the SDK uses). */
function isZodError(err: unknown): err is { issues: z.core.$ZodIssue[] } {
  return err instanceof Error && /^\$?ZodError$/.test(err.name) && Array.isArray((err as { issues?: unknown }).issues);
}

/**
 * Puts every request handler `server` has, and every one registered on it later, behind the guard
 * described in the module comment.
 * @throws Error when the SDK keeps its handlers elsewhere (an SDK upgrade this guard does not know).
 */
export function guardRequestHandlers(server: Server, opts: HandlerGuardOptions): void {
  const handlers = (server as unknown as { _requestHandlers?: unknown })._requestHandlers;
  if (!(handlers instanceof Map)) throw new Error('MCP SDK: Server._requestHandlers is not a Map; the params guard (guardedHandlers.ts) must be updated for this SDK version.');
  const map = handlers as Map<string, Handler>;
  const guard = (method: string, handler: Handler): Handler =>
    async (request, extra) => {
      const problem = opts.checks?.[method]?.(request.params) ?? requestParamsProblem(request);
      if (problem) throw new InvalidParamsError(problem);
      try {
        return await handler(request, extra);
      } catch (err) {
        // A cancelled request is answered by nobody (the SDK drops it); a coded error says what it is.
        if (extra?.signal?.aborted || hasRpcCode(err)) throw err;
        // Only a method no MCP schema describes gets here with its params unchecked: the zod error is
        // then its registration's parse of the request.
        if (isZodError(err) && !isClientRequestMethod(method)) throw new InvalidParamsError(invalidParamsMessage(method, err.issues, request));
        opts.onInternalError(err, method);
        throw new InternalProtocolError();
      }
    };
  for (const [method, handler] of map) map.set(method, guard(method, handler));
  const set = map.set.bind(map);
  map.set = (method, handler) => set(method, guard(method, handler));
}

