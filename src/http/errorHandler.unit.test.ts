import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AffinityError, ERROR_CODES } from '../core/errors.ts';
import { clientErrorResponse, toWireError } from './errorHandler.ts';
import { ErrorResponse } from './openapiSchemas.ts';

const fastifyError = (code: string, statusCode: number, message = 'x') => Object.assign(new Error(message), { code, statusCode });

describe('toWireError', () => {
  it('gives each framework answer its own code, with the status the registry gives that code', () => {
    const cases: [unknown, string][] = [
      [fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), 'UNSUPPORTED_MEDIA_TYPE'],
      [fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), 'PAYLOAD_TOO_LARGE'],
      [fastifyError('FST_ERR_MAX_PARAM_LENGTH', 414), 'URI_TOO_LONG'],
      [fastifyError('FST_ERR_BAD_URL', 400), 'VALIDATION_FAILED'],
      [fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400), 'INVALID_JSON'],
      [fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400), 'INVALID_JSON'],
      [fastifyError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400), 'VALIDATION_FAILED'],
      [Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 }), 'INVALID_JSON'],
      [fastifyError('SOME_FUTURE_ERROR', 405), 'METHOD_NOT_ALLOWED'],
      [fastifyError('SOME_FUTURE_ERROR', 418), 'VALIDATION_FAILED'],
      [new AffinityError('USER_NOT_FOUND'), 'USER_NOT_FOUND'],
    ];
    for (const [err, code] of cases) {
      const w = toWireError(err);
      assert.equal(w.body.error.code, code, String(err));
      assert.equal(w.status, ERROR_CODES[code as keyof typeof ERROR_CODES].status, String(err));
      assert.equal(w.internal, false);
      assert.ok(ErrorResponse.safeParse(w.body).success);
    }
  });

  it('hides bugs behind INTERNAL, a SyntaxError thrown by a handler included (it was answered as INVALID_JSON)', () => {
    for (const err of [new TypeError('x is undefined'), new SyntaxError('bad regexp'), 'a string', undefined]) {
      const w = toWireError(err);
      assert.deepEqual([w.status, w.body.error.code, w.internal], [500, 'INTERNAL', true]);
      assert.equal(w.body.error.message, ERROR_CODES.INTERNAL.title);
    }
  });
});

describe('clientErrorResponse', () => {
  it('answers connection-level errors (before Fastify) in the documented shape', () => {
    for (const [code, status, errorCode] of [
      ['HPE_HEADER_OVERFLOW', 431, 'HEADERS_TOO_LARGE'],
      ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
      ['HPE_INVALID_METHOD', 400, 'VALIDATION_FAILED'],
    ] as const) {
      const raw = clientErrorResponse({ code });
      assert.match(raw, new RegExp(`^HTTP/1\\.1 ${status} `));
      const [head, body] = raw.split('\r\n\r\n');
      assert.match(head ?? '', /content-length: \d+/i);
      assert.equal(Buffer.byteLength(body ?? ''), Number(/content-length: (\d+)/i.exec(head ?? '')?.[1]));
      const parsed = JSON.parse(body ?? '');
      assert.ok(ErrorResponse.safeParse(parsed).success);
      assert.equal(parsed.error.code, errorCode);
    }
  });
});
