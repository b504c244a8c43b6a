/**
 * `/mcp`: the MCP server over streamable HTTP, stateless. Each POST gets its own McpServer and
 * transport (`sessionIdGenerator: undefined`), so any API node can answer any request
 * and nothing is held between requests. The `initialize` answer still carries a self-contained
 * `Mcp-Session-Id` naming the client (see `sessionToken.ts`), which is how later `track_event`
 * calls know the agent. GET (server-initiated SSE stream) and DELETE (session termination) answer
 * 405, as the specification allows for servers without streams or sessions.
 *
 * Before the body is read, the `Host` and `Origin` headers are checked (DNS rebinding and browser
 * pages; see `httpAccess.ts`) and refused with 403. A page on an allowed origin gets the CORS answer
 * a browser needs: `OPTIONS /mcp` (the preflight) answers 204 with the methods and headers allowed,
 * and every other answer, errors included, names the origin and exposes `Mcp-Session-Id`. A body
 * that is JSON but not a valid JSON-RPC request for the client's protocol version (see
 * `jsonRpcBody.ts`) gets -32600. The answer is JSON, or an SSE stream of the one message for a client
 * that accepts only that (`acceptedFormat.ts`). A 401 (no or wrong API key) carries `WWW-Authenticate: Bearer`, as
 * RFC 9110 requires of every 401 and the MCP authorization specification expects.
 *
 * A plugin of the HTTP app: the composition root (`src/main.ts`) hands it to `buildApp`, which mounts
 * it after its access hook and tells it each request's caller (the tenant and what the credential may
 * do there). The HTTP layer does not know MCP, and this module knows HTTP only as Fastify.
 */
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, type Implementation } from '@modelcontextprotocol/sdk/types.js';
import type { Role } from '../core/access/apiKeys.ts';
import { bearerChallenge } from '../core/access/bearerChallenge.ts';
import type { McpContext } from './context.ts';
import { corsHeaders, LOOPBACK_MCP_ACCESS, preflightHeaders, refusal, type McpHttpAccess } from './httpAccess.ts';
import { answerFormat } from './acceptedFormat.ts';
import { invalidRequest, paramsRefusal } from './jsonRpcBody.ts';
import { createMcpServer } from './server.ts';
import { decodeSessionId, encodeSessionId } from './sessionToken.ts';

/** Who calls: the request's one shop and whether the caller may act as a role there (resolved by the HTTP access hook). */
export interface McpHttpCaller {
  readonly shop: string;
  may(role: Role): boolean;
}

/** Mounts the transport on an app; `callerOf` reads a request's caller once access control has run. */
export type McpHttpPlugin = (app: FastifyInstance, callerOf: (req: FastifyRequest) => McpHttpCaller) => void;

/** Marks a body that was not valid JSON (answered with JSON-RPC -32700 instead of a problem document). */
const INVALID_JSON = Symbol('invalid-json');

function rpcError(reply: FastifyReply, status: number, code: number, message: string) {
  return reply.status(status).header('content-type', 'application/json').send({ jsonrpc: '2.0', error: { code, message }, id: null });
}

/** The clientInfo of an `initialize` request (never part of a batch: see `invalidRequest`). */
function initializeClient(body: unknown): Implementation | undefined {
  return isInitializeRequest(body) ? body.params.clientInfo : undefined;
}

function header(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * A refusal of the HTTP API (`{"error": {"code", "message"}}`, `http/errorHandler.ts`) as a JSON-RPC error
 * with `id: null` (the request was not read): its code and message in `message`, the code in `data`.
 * Anything else (already JSON-RPC, not JSON) is sent as it is.
 */
function asJsonRpcError(payload: unknown): unknown {
  if (typeof payload !== 'string' || !payload.startsWith('{"error":')) return payload;
  try {
    const { error } = JSON.parse(payload) as { error?: { code?: unknown; message?: unknown } };
    if (typeof error?.code !== 'string' || typeof error.message !== 'string') return payload;
    return JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message: `${error.code}: ${error.message}`, data: { code: error.code } }, id: null });
  } catch {
    return payload;
  }
}

/** Rewrites a request's `Accept` to the specification's, in the parsed and the raw headers (the SDK reads either). */
function acceptBoth(raw: FastifyRequest['raw']): void {
  const both = 'application/json, text/event-stream';
  raw.headers.accept = both;
  const rest: string[] = [];
  for (let i = 0; i + 1 < raw.rawHeaders.length; i += 2) if ((raw.rawHeaders[i] as string).toLowerCase() !== 'accept') rest.push(raw.rawHeaders[i] as string, raw.rawHeaders[i + 1] as string);
  raw.rawHeaders.splice(0, raw.rawHeaders.length, ...rest, 'Accept', both);
}


/**
 * The POST/GET/DELETE `/mcp` routes over `ctx`; `access` says which Host names and Origins may call
 * them (default: loopback, no browser page).
 */
export function mcpHttpTransport(ctx: McpContext, access: McpHttpAccess = LOOPBACK_MCP_ACCESS): McpHttpPlugin {
  return (app, callerOf) =>
    void app.register(async (scope) => {
      // Before the body is read, as the SDK's own DNS rebinding check does; 403 with a JSON-RPC error body like the SDK's.
      scope.addHook('onRequest', (req, reply, done) => {
        const origin = header(req.headers.origin);
        const why = refusal(access, header(req.headers.host), origin);
        if (why) return void rpcError(reply, 403, -32000, why);
        const cors = corsHeaders(access, origin);
        if (cors) reply.headers(cors);
        done();
      });
      // The access hook's 401 (no key, or a key that is not valid) says how to authenticate.
      scope.addHook('onSend', (req, reply, payload, done) => {
        if (reply.statusCode === 401 && !reply.hasHeader('www-authenticate')) reply.header('www-authenticate', bearerChallenge(req.headers));
        // The API's refusals before the transport (no key, a body too large, a content type it does not read)
        // reach an MCP client as JSON-RPC errors, as the transport's own do, so it can show their message.
        done(null, reply.statusCode >= 400 ? asJsonRpcError(payload) : payload);
      });

      scope.removeContentTypeParser('application/json');
      // Bytes that are not UTF-8 are a parse error too, never decoded into U+FFFD (as the API refuses them, http/utf8Body.ts).
      scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
        if (!isUtf8(body as Buffer)) return done(null, INVALID_JSON);
        try {
          done(null, JSON.parse((body as Buffer).toString('utf8')));
        } catch {
          done(null, INVALID_JSON);
        }
      });

      scope.post('/mcp', async (req, reply) => {
        if (req.body === INVALID_JSON) return rpcError(reply, 400, -32700, 'Parse error: the body is not valid JSON (UTF-8 text).');
        // A request whose params are by position, or whose `_meta` MCP does not allow: -32602 for its id.
        const refused = paramsRefusal(req.body);
        if (refused) return reply.status(200).header('content-type', 'application/json').send({ jsonrpc: '2.0', id: refused.id, error: { code: -32602, message: refused.message } });
        const invalid = invalidRequest(req.body, header(req.headers['mcp-protocol-version']));
        if (invalid) return rpcError(reply, 400, -32600, invalid);
        const format = answerFormat(header(req.headers.accept));
        if (!format) return rpcError(reply, 406, -32000, 'Not Acceptable: accept application/json or text/event-stream (the specification asks for both).');
        // The SDK insists on both; what this request accepts was decided above.
        acceptBoth(req.raw);
        const init = initializeClient(req.body);
        const clientInfo = init ?? decodeSessionId(header(req.headers['mcp-session-id']));
        const caller = callerOf(req);
        const server = createMcpServer(ctx, { shop: caller.shop, may: (role) => caller.may(role), ...(clientInfo ? { clientInfo } : {}) });
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: init ? () => encodeSessionId(init) : undefined,
          enableJsonResponse: format === 'json',
        });
        // The SDK writes the answer on the raw response: the headers set so far (CORS) go with it.
        for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) reply.raw.setHeader(name, value);
        reply.hijack();
        reply.raw.on('close', () => {
          void transport.close();
          void server.close();
        });
        try {
          await server.connect(transport);
          await transport.handleRequest(req.raw, reply.raw, req.body);
        } catch (err) {
          ctx.logError(err, 'MCP request failed');
          if (!reply.raw.headersSent) {
            reply.raw.writeHead(500, { 'content-type': 'application/json' });
            reply.raw.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
          }
        }
        return reply;
      });

      const notAllowed = async (_req: unknown, reply: FastifyReply) =>
        rpcError(reply.header('allow', 'POST, OPTIONS'), 405, -32000, 'Method not allowed: this server is stateless (no SSE stream, no session to delete); POST JSON-RPC messages to /mcp.');
      // Listed in no `Allow` header (routeTable.ts): `PUT /mcp` answers `Allow: OPTIONS, POST` as these do.
      scope.get('/mcp', { config: { refusesMethod: true } }, notAllowed);
      scope.delete('/mcp', { config: { refusesMethod: true } }, notAllowed);
      // The CORS preflight of a browser page (an origin not allowed was refused above); without `Origin`, what the resource offers.
      scope.options('/mcp', async (req, reply) => {
        const preflight = preflightHeaders(access, header(req.headers.origin));
        return reply.headers(preflight ?? { allow: 'POST, OPTIONS' }).status(204).send();
      });
    });
}
