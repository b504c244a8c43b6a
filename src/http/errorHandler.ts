/**
 * Maps every failure to one JSON error shape: `{ "error": { "code", "message", "issues"? } }` with the
 * code's HTTP status. Never leaks stack traces.
 *
 * That includes what Fastify and Node answer on their own, before any route or hook runs: a URL that
 * is not valid percent-encoding (400) or whose path parameter is too long (414), an unknown route
 * (404) or method (405), a content type no parser takes (415), a body too large (413) or not JSON
 * (400), a request that is not HTTP at all (400), headers too large (431), a client too slow (408),
 * and requests that arrive while the server shuts down (503 with `Retry-After`, after a graceful drain:
 * `installShutdownDrain`). `frameworkOptions()` gives Fastify the
 * hooks for the ones it answers before routing; `installErrorHandling()` the rest.
 */
import type { IncomingMessage } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AffinityError, ERROR_CODES, isAffinityError, type ErrorCode, type FieldIssue } from '../core/errors.ts';
import { bearerChallenge } from '../core/access/bearerChallenge.ts';
import { pathOf } from './requestGuard.ts';
import { allowedMethods } from './routeTable.ts';

/** The wire form of an error. */
export function errorBody(code: ErrorCode, message: string, issues?: readonly FieldIssue[]) {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

/** An error as it goes on the wire. */
export interface WireError {
  readonly status: number;
  readonly body: ReturnType<typeof errorBody>;
  /** An unexpected failure (logged; its message is not shown). */
  readonly internal: boolean;
}

/** Codes of the framework's own 4xx answers, by status (anything else 4xx is a validation failure). */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'HEADERS_TOO_LARGE',
};

const wire = (code: ErrorCode, message: string, issues?: readonly FieldIssue[]): WireError => ({
  status: ERROR_CODES[code].status,
  body: errorBody(code, message, issues),
  internal: false,
});

/** Maps any thrown value (ours, Fastify's, a parser's, a bug) to its wire form. */
export function toWireError(err: unknown): WireError {
  if (isAffinityError(err)) return { status: err.status, body: errorBody(err.code, err.message, err.issues), internal: false };
  const fe = (err ?? {}) as Partial<FastifyError>;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return wire('PAYLOAD_TOO_LARGE', 'The request body is larger than allowed.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return wire('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type: send application/json (text/plain with a JSON body from a pixel; text/csv for a catalog export).');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return wire('INVALID_JSON', 'The request body is empty; send a JSON document.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // Fastify's parser drops the cause: either the text is no JSON, or it names a prototype (refused).
      return wire('INVALID_JSON', 'The request body is not valid JSON, or it has a "__proto__" key or a "constructor" with "prototype", which are refused.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return wire('VALIDATION_FAILED', 'The request body does not match its Content-Length.', [{ path: 'content-length', message: 'does not match the body' }]);
    case 'FST_ERR_BAD_URL':
      return wire('VALIDATION_FAILED', 'The URL is not valid percent-encoded UTF-8.', [{ path: 'url', message: 'not valid percent-encoding' }]);
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return wire('URI_TOO_LONG', 'A path parameter of the URL is longer than any accepted id.', [{ path: 'url', message: 'path parameter too long' }]);
    default:
      break;
  }
  // JSON body parsers (Fastify's and the text/plain one in app.ts) fail with a SyntaxError marked 400.
  if (err instanceof SyntaxError && fe.statusCode === 400) return wire('INVALID_JSON', `The request body is not valid JSON: ${err.message}`);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = CODE_BY_STATUS[fe.statusCode] ?? 'VALIDATION_FAILED';
    return { status: fe.statusCode === ERROR_CODES[code].status ? fe.statusCode : ERROR_CODES[code].status, body: errorBody(code, fe.message ?? ERROR_CODES[code].title), internal: false };
  }
  return { status: 500, body: errorBody('INTERNAL', ERROR_CODES.INTERNAL.title), internal: true };
}

/**
 * Sends a mapped error (with `Retry-After` when the error carries one). A 401 for a missing or wrong API
 * key says how to authenticate (`WWW-Authenticate: Bearer`, which HTTP asks of every 401).
 */
function send(err: unknown, reply: FastifyReply, log: (err: unknown) => void, req?: FastifyRequest): FastifyReply {
  const w = toWireError(err);
  if (w.internal) log(err);
  const retry = (err as { retryAfterS?: unknown } | undefined)?.retryAfterS;
  if (typeof retry === 'number') reply.header('retry-after', String(retry));
  if (req && w.body.error.code === 'UNAUTHORIZED' && !reply.hasHeader('www-authenticate')) reply.header('www-authenticate', bearerChallenge(req.headers));
  return reply.status(w.status).send(w.body);
}

/** The raw HTTP/1.1 answer to a connection-level client error (Node's HTTP parser, before Fastify). */
export function clientErrorResponse(err: { code?: string }): string {
  const w =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? wire('HEADERS_TOO_LARGE', 'The request headers are larger than allowed.')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? wire('REQUEST_TIMEOUT', 'The request was not received in time.')
        : wire('VALIDATION_FAILED', 'The request is not valid HTTP/1.1.');
  const body = JSON.stringify(w.body);
  const reason = w.status === 431 ? 'Request Header Fields Too Large' : w.status === 408 ? 'Request Timeout' : 'Bad Request';
  return `HTTP/1.1 ${w.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * Fastify options that route the framework's own early answers through the same mapping:
 * `frameworkErrors` (a URL that is not valid percent-encoding, a too long path parameter),
 * `clientErrorHandler` (not HTTP, headers too large, timeouts) and `return503OnClosing: false` (the
 * shutdown answer comes from `installErrorHandling`).
 */
export function frameworkOptions(log: (err: unknown) => void): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler' | 'return503OnClosing'> {
  return {
    frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      send(err, reply, log);
    },
    clientErrorHandler: (err: Error & { code?: string }, socket: Socket) => {
      // A reset connection has nobody to answer.
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      if (socket.writable) socket.write(clientErrorResponse(err));
      socket.destroy(err);
    },
    return503OnClosing: false,
  };
}

/** Installs the error, not-found (404/405) and shutting-down (503) handlers. */
export function installErrorHandling(app: FastifyInstance, log: (err: unknown) => void): void {
  app.setErrorHandler((err: FastifyError | AffinityError | Error, req, reply) => send(err, reply, log, req));
  app.setNotFoundHandler((req, reply) => {
    const path = pathOf(req.url);
    const allow = allowedMethods(app, path);
    if (allow.length > 0) {
      return reply
        .status(405)
        .header('allow', allow.join(', '))
        .send(errorBody('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; allowed: ${allow.join(', ')}.`));
    }
    return reply.status(404).send(errorBody('NOT_FOUND', `No route ${req.method} ${path}.`));
  });
  installShutdownDrain(app);
}

/** How long a shutdown keeps busy keep-alive connections open for a request already on its way, ms. */
export const SHUTDOWN_LINGER_MS = 500;
/** A connection with no request for this long is idle: closed at once by a shutdown, ms. */
export const SHUTDOWN_QUIET_MS = 100;
/**
 * `Retry-After` of a request refused because the server is shutting down, s (another instance answers).
 * Longer than {@link SHUTDOWN_LINGER_MS}: a client that waits as told does not come back to this
 * server while it stops listening (a connection caught in that instant is reset by the kernel).
 */
export const SHUTDOWN_RETRY_AFTER_S = 1;
/** Longest wait for the body of a request refused during shutdown before answering it, ms. */
const BODY_DRAIN_MS = 1_000;

/** Resolves once `req`'s body was read to its end (discarded), it failed, or after `ms`. */
function drainBody(req: IncomingMessage, ms: number): Promise<void> {
  if (req.complete || req.readableEnded || req.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    req.once('end', done).once('error', done).once('close', done);
    req.resume();
  });
}

/**
 * Graceful shutdown of the HTTP side (Fastify's `preClose`, before the server stops listening):
 *
 * - requests already received finish, and their responses carry `Connection: close`, so the client
 *   does not send its next request on a connection about to go;
 * - a request arriving while the server closes gets 503 `SHUTTING_DOWN` with `Retry-After` and
 *   `Connection: close`, once its body was read (answering before it and closing would reset the
 *   connection under the client, which then sees no answer at all);
 * - idle keep-alive connections are closed, so their clients reconnect elsewhere: at once when idle
 *   for {@link SHUTDOWN_QUIET_MS}, otherwise once quiet (a client that just got an answer may be
 *   sending its next request: closing under it would lose that request);
 * - after at most {@link SHUTDOWN_LINGER_MS} (at once when no connection is open), when Fastify closes
 *   the server, it first only stops listening (a new connection is refused: the client knows it was not
 *   received), and the connections accepted until then get the same treatment for at most as long
 *   again; only then does Node's close drop what is left idle (at once, it would drop a connection
 *   accepted an instant before, whose request is on its way) and wait for the requests in flight (the
 *   composition root bounds that wait: `main.ts`).
 */
export function installShutdownDrain(app: FastifyInstance, lingerMs = SHUTDOWN_LINGER_MS, quietMs = SHUTDOWN_QUIET_MS): void {
  /** Open connections: requests in progress on each, and since when it has had none. */
  const connections = new Map<Socket, { active: number; idleSince: number }>();
  app.server.on('connection', (socket: Socket) => {
    connections.set(socket, { active: 0, idleSince: performance.now() });
    socket.once('close', () => connections.delete(socket));
  });
  app.server.on('request', (req: IncomingMessage, res: { once(e: 'close', f: () => void): unknown }) => {
    const c = connections.get(req.socket);
    if (!c) return;
    c.active++;
    res.once('close', () => {
      c.active--;
      c.idleSince = performance.now();
    });
  });
  /** Closes the quiet connections until none is left or `ms` passed. */
  const drain = async (ms: number): Promise<void> => {
    const end = performance.now() + ms;
    for (;;) {
      const now = performance.now();
      for (const [socket, c] of connections) if (c.active === 0 && now - c.idleSince >= quietMs) socket.destroy();
      if (connections.size === 0 || now >= end) return;
      await new Promise((r) => setTimeout(r, Math.min(20, quietMs)));
    }
  };
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    await drain(lingerMs);
  });
  // Fastify closes the server after every preClose hook: stop listening, drain, then Node's close.
  const server = app.server;
  const httpClose = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    if (!closing || !server.listening) return httpClose(cb);
    NetServer.prototype.close.call(server);
    void drain(lingerMs).then(() => httpClose(cb));
    return server;
  }) as typeof server.close;
  // Both hooks run on every request: callback style, so an open server pays no promise for them.
  // A response sent while closing ends its connection (Node closes it once the response is written).
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  // Requests that reach a closing server (a keep-alive connection, a pipelined request) get our shape
  // (answered from the hook: `done` is not called then).
  app.addHook('onRequest', (req, reply, done) => {
    if (!closing) return done();
    void drainBody(req.raw, BODY_DRAIN_MS).then(() =>
      reply
        .header('connection', 'close')
        .header('retry-after', String(SHUTDOWN_RETRY_AFTER_S))
        .status(503)
        .send(errorBody('SHUTTING_DOWN', ERROR_CODES.SHUTTING_DOWN.title)),
    );
  });
}
