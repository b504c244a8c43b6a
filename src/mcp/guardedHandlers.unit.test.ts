/**
 * The handler guard on a bare SDK server that serves what Affinity's does not (resources, prompts,
 * logging, completion, a method of its own), spoken to in raw JSON-RPC over a linked in-memory pair:
 * params that do not fit are -32602 with a sentence, whatever the method; a failure inside a handler is
 * -32603 "Internal error" without its detail, and logged; errors that carry a code pass as they are.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  LATEST_PROTOCOL_VERSION,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { guardRequestHandlers } from './guardedHandlers.ts';

interface Answer {
  readonly id: number;
  readonly result?: any;
  readonly error?: { code: number; message: string; data?: unknown };
}

/** A guarded server and a raw JSON-RPC line to it. */
async function serve(register: (server: Server) => void, guardFirst = false) {
  const server = new Server({ name: 'bare', version: '1' }, { capabilities: { resources: {}, prompts: {}, logging: {}, completions: {}, tools: {} } });
  const logged: { err: unknown; method: string }[] = [];
  const guard = () => guardRequestHandlers(server, { onInternalError: (err, method) => void logged.push({ err, method }) });
  if (guardFirst) guard();
  register(server);
  if (!guardFirst) guard();
  const [client, end] = InMemoryTransport.createLinkedPair();
  const pending = new Map<number, (a: Answer) => void>();
  client.onmessage = (m) => pending.get((m as Answer).id)?.(m as Answer);
  await server.connect(end);
  await client.start();
  let id = 0;
  const send = (method: string, params?: unknown): Promise<Answer> =>
    new Promise((resolve) => {
      const i = ++id;
      pending.set(i, resolve);
      void client.send({ jsonrpc: '2.0', id: i, method, ...(params === undefined ? {} : { params }) } as JSONRPCMessage);
    });
  await send('initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '0' } });
  closers.push(() => server.close());
  return { send, logged };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function registerAll(server: Server): void {
  server.setRequestHandler(ReadResourceRequestSchema, (req) => ({ contents: [{ uri: req.params.uri, text: 'hello' }] }));
  server.setRequestHandler(GetPromptRequestSchema, (req) => ({ messages: [{ role: 'user', content: { type: 'text', text: req.params.name } }] }));
  server.setRequestHandler(SetLevelRequestSchema, () => ({}));
  server.setRequestHandler(CompleteRequestSchema, () => ({ completion: { values: [] } }));
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [] }));
}

describe('guarded request handlers', () => {
  it('answers params that do not fit with -32602 and a sentence naming the field, for every method served', async () => {
    const { send } = await serve(registerAll);
    const cases: [method: string, params: unknown, message: RegExp][] = [
      ['resources/read', {}, /^Invalid params for resources\/read: params\.uri is required \(a string\)\.$/],
      ['resources/read', { uri: 5 }, /^Invalid params for resources\/read: params\.uri must be a string, not a number\.$/],
      ['prompts/get', undefined, /^Invalid params for prompts\/get: params is required \(an object\)\.$/],
      ['prompts/get', {}, /^Invalid params for prompts\/get: params\.name is required \(a string\)\.$/],
      ['logging/setLevel', { level: 'loud' }, /^Invalid params for logging\/setLevel: params\.level must be one of "debug", .* not "loud"\.$/],
      ['completion/complete', {}, /^Invalid params for completion\/complete: params\.ref is required \(an object\); params\.argument is required \(an object\)\.$/],
      ['tools/list', { cursor: 5 }, /^Invalid params for tools\/list: params\.cursor must be a string, not a number\.$/],
      ['initialize', { protocolVersion: 5, capabilities: {}, clientInfo: { name: 'c', version: '1' } }, /^Invalid params for initialize: params\.protocolVersion must be a string/],
    ];
    for (const [method, params, message] of cases) {
      const a = await send(method, params);
      assert.equal(a.error?.code, ErrorCode.InvalidParams, `${method} ${JSON.stringify(params)}: ${JSON.stringify(a)}`);
      assert.match(a.error.message, message);
    }
    // The same methods with fitting params are served, and a method not served is still -32601.
    assert.equal((await send('resources/read', { uri: 'file:///a' })).result?.contents[0].text, 'hello');
    assert.equal((await send('logging/setLevel', { level: 'debug' })).error, undefined);
    assert.deepEqual((await send('tools/list', { cursor: 'abc' })).result, { tools: [] });
    assert.equal((await send('resources/list', {})).error?.code, ErrorCode.MethodNotFound);
  });

  it('guards handlers registered after it too', async () => {
    const { send } = await serve(registerAll, true);
    assert.equal((await send('resources/read', { uri: 5 })).error?.code, ErrorCode.InvalidParams);
  });

  it("uses a method's own check first, then the schema's", async () => {
    const server = new Server({ name: 'bare', version: '1' }, { capabilities: { resources: {} } });
    server.setRequestHandler(ReadResourceRequestSchema, () => ({ contents: [] }));
    guardRequestHandlers(server, { checks: { 'resources/read': (p) => ((p as { uri?: unknown })?.uri === 'forbidden:' ? 'Invalid params: that uri is not served.' : undefined) }, onInternalError: () => undefined });
    const [client, end] = InMemoryTransport.createLinkedPair();
    const answers: Answer[] = [];
    client.onmessage = (m) => void answers.push(m as Answer);
    await server.connect(end);
    closers.push(() => server.close());
    await client.start();
    await client.send({ jsonrpc: '2.0', id: 1, method: 'resources/read', params: { uri: 'forbidden:' } });
    await client.send({ jsonrpc: '2.0', id: 2, method: 'resources/read', params: { uri: 7 } });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(
      answers.map((a) => [a.id, a.error?.code, a.error?.message]),
      [
        [1, -32602, 'Invalid params: that uri is not served.'],
        [2, -32602, 'Invalid params for resources/read: params.uri must be a string, not a number.'],
      ],
    );
  });

  it('answers a failure inside a handler with -32603 "Internal error", logged, without its message or stack', async () => {
    const { send, logged } = await serve((server) => {
      server.setRequestHandler(ReadResourceRequestSchema, () => {
        throw new TypeError('secret path /var/lib/affinity/keys.json is unreadable');
      });
    });
    const a = await send('resources/read', { uri: 'file:///a' });
    assert.deepEqual(a.error, { code: ErrorCode.InternalError, message: 'Internal error' });
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.method, 'resources/read');
    assert.match(String(logged[0]?.err), /secret path/);
  });

  it('passes errors that carry a JSON-RPC code as they are (not logged as internal)', async () => {
    const { send, logged } = await serve((server) => {
      server.setRequestHandler(ReadResourceRequestSchema, () => {
        throw new McpError(-32002, 'Resource not found', { uri: 'file:///gone' });
      });
    });
    const a = await send('resources/read', { uri: 'file:///gone' });
    assert.equal(a.error?.code, -32002);
    assert.match(a.error?.message ?? '', /Resource not found/);
    assert.deepEqual(a.error?.data, { uri: 'file:///gone' });
    assert.equal(logged.length, 0);
  });

  it("answers a method MCP does not define with -32602 when its own schema refuses the params", async () => {
    const Custom = z.object({ method: z.literal('acme/echo'), params: z.object({ text: z.string() }) });
    const { send, logged } = await serve((server) => server.setRequestHandler(Custom as never, ((req: z.output<typeof Custom>) => ({ echo: req.params.text })) as never));
    assert.deepEqual((await send('acme/echo', { text: 'hi' })).result, { echo: 'hi' });
    const bad = await send('acme/echo', { text: 3 });
    assert.deepEqual(bad.error, { code: -32602, message: 'Invalid params for acme/echo: params.text must be a string, not a number.' });
    assert.equal(logged.length, 0);
  });
});
