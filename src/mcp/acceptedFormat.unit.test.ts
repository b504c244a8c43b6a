import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerFormat } from './acceptedFormat.ts';

describe('answerFormat', () => {
  it('answers JSON whenever the client accepts it: both listed (the specification), JSON alone, wildcards, no header', () => {
    for (const accept of ['application/json, text/event-stream', 'text/event-stream, application/json', 'application/json', 'Application/JSON; charset=utf-8', 'application/*', '*/*', 'text/html, */*;q=0.8', undefined, '', '  '])
      assert.equal(answerFormat(accept), 'json', String(accept));
  });

  it("answers SSE to a client that accepts only an event stream (Claude.ai's remote MCP proxy)", () => {
    for (const accept of ['text/event-stream', 'text/event-stream; charset=utf-8', 'text/*', 'text/event-stream, application/json;q=0']) assert.equal(answerFormat(accept), 'sse', accept);
  });

  it('refuses a client that accepts neither (near misses: other types, a weight of 0)', () => {
    for (const accept of ['text/html', 'application/xml', 'image/*', 'application/json;q=0', 'application/json;q=0, text/event-stream;q=0.0', 'application/jsonl']) assert.equal(answerFormat(accept), undefined, accept);
  });
});
