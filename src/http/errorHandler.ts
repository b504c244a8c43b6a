/**
 * Maps every failure to one JSON error shape: `{ "error": { "code", "message", "issues"? } }` with the
 * code's HTTP status. Never leaks stack traces.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AffinityError, ERROR_CODES, isAffinityError, type ErrorCode } from '../core/errors.ts';

/** The wire form of an error. */
export function errorBody(code: ErrorCode, message: string, issues?: readonly { path: string; message: string }[]) {
  return { error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}) } };
}

/** Installs the error and not-found handlers. */
export function installErrorHandling(app: FastifyInstance, log: (err: unknown) => void): void {
  app.setErrorHandler((err: FastifyError | AffinityError | Error, _req, reply) => {
    if (isAffinityError(err)) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.issues));
    }
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is larger than allowed.'));
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(errorBody('VALIDATION_FAILED', 'Unsupported content type; send application/json.'));
    }
    if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return reply.status(400).send(errorBody('INVALID_JSON', `The request body is not valid JSON: ${fe.message}`));
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody('VALIDATION_FAILED', fe.message));
    }
    log(err);
    return reply.status(500).send(errorBody('INTERNAL', ERROR_CODES.INTERNAL.title));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });
}
