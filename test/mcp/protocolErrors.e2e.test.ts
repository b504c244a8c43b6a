/**
 * MCP protocol errors as a client sees them on both transports: a request whose params do not fit its
 * method is JSON-RPC -32602 Invalid params with a message naming the field (not -32603 and a dump of
 * zod issues, which the SDK answers), for every method the server serves and for `_meta`; a method it
 * does not serve is -32601. And `search_catalog` refuses, as a tool error, a cursor of another search,
 * of another shop (saying nothing of it) or one it never gave. Raw JSON-RPC over streamable HTTP on
 * 127.0.0.1 and over the stdio of `affinity mcp`, plus the real SDK client.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, ListToolsResultSchema, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SMALL_CATALOG, startAffinity, type Running } from '../e2e/helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
/** A port of its own (0: any free one). */
const PORT = process.env.MCP_PROTOCOL_ERRORS_TEST_PORT ?? '0';
const KEY_A = 'protocol-errors-key-a-0123456789';
const KEY_B = 'protocol-errors-key-b-0123456789';
const SHOP_A = 'alpha-outdoor.myshopify.com';
const SHOP_B = 'beta-outdoor.myshopify.com';
const BOOTS = [
  ...SMALL_CATALOG,
  { id: '104', title: 'Canyon Hiking Boot', vendor: 'Alpina', productType: 'Boots', category: 'Outdoor > Footwear > Hiking Boots', tags: ['hiking'], price: '129.00' },
  { id: '105', title: 'Mesa Hiking Boot', vendor: 'Alpina', productType: 'Boots', category: 'Outdoor > Footwear > Hiking Boots', tags: ['hiking'], price: '119.00' },
];

const INITIALIZE_PARAMS = { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '0' } };

/**
 * Malformed requests and what their -32602 message must say (the field path, what was expected).
 * Only methods this server serves: the others are -32601, checked below.
 */
const MALFORMED: [method: string, params: unknown, message: RegExp][] = [
  ['tools/list', { cursor: 5 }, /^Invalid params for tools\/list: params\.cursor must be a string, not a number\.$/],
  ['tools/list', { _meta: { progressToken: true } }, /^Invalid params for tools\/list: params\._meta\.progressToken must be a string or a number, not a boolean\.$/],
  ['ping', { _meta: 5 }, /^Invalid params for ping: params\._meta must be an object, not a number\.$/],
  ['initialize', {}, /^Invalid params for initialize: params\.protocolVersion is required \(a string\); params\.capabilities is required \(an object\); params\.clientInfo is required \(an object\)\.$/],
  ['initialize', { ...INITIALIZE_PARAMS, clientInfo: { name: 7 } }, /^Invalid params for initialize: params\.clientInfo\.name must be a string, not a number; params\.clientInfo\.version is required \(a string\)\.$/],
  ['tools/call', { name: 5 }, /^Invalid params: params\.name must be the tool's name as a string \(recommend_products, .*\), not a number\.$/],
  ['tools/call', { name: 'search_catalog', arguments: 'x' }, /^Invalid params: params\.arguments must be an object .*, not a string\.$/],
  ['tools/call', { name: 'search_catalog', arguments: { query: 'boot' }, task: 5 }, /^Invalid params for tools\/call: params\.task must be an object, not a number\.$/],
];
const NOT_SERVED: [method: string, params: unknown][] = [
  ['resources/read', {}],
  ['resources/read', { uri: 5 }],
  ['prompts/get', {}],
  ['logging/setLevel', { level: 'loud' }],
  ['completion/complete', {}],
];

interface Answer {
  readonly id: unknown;
  readonly result?: any;
  readonly error?: { code: number; message: string };
}

describe('MCP over HTTP: params that do not fit are -32602 with the field named', () => {
  let s: Running;
  let nextId = 100;

  before(async () => {
    s = await startAffinity({ PORT, AFFINITY_API_KEYS: `${SHOP_A}:read:${KEY_A},${SHOP_B}:read:${KEY_B},*:admin:protocol-errors-admin-0123456789` });
    for (const shop of [SHOP_A, SHOP_B]) {
      const imp = await s.post(`/v1/catalog/products?shop=${shop}`, BOOTS, { authorization: 'Bearer protocol-errors-admin-0123456789' });
      assert.equal(imp.status, 200, JSON.stringify(imp.body));
    }
  });
  after(async () => {
    s?.affinity.app.server.closeAllConnections();
    await s?.stop();
  });

  async function rpc(method: string, params: unknown, key = KEY_A): Promise<{ status: number; body: Answer; id: number }> {
    const id = nextId++;
    const res = await fetch(`${s.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${key}`, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION },
      body: JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }),
    });
    return { status: res.status, body: (await res.json()) as Answer, id };
  }

  it('answers each malformed request with -32602 for its id and a sentence naming the field', async () => {
    for (const [method, params, message] of MALFORMED) {
      const r = await rpc(method, params);
      const what = `${method} ${JSON.stringify(params)}: ${JSON.stringify(r.body)}`;
      assert.equal(r.status, 200, what);
      assert.deepEqual([r.body.id, r.body.error?.code], [r.id, -32602], what);
      assert.match(r.body.error?.message ?? '', message, what);
      assert.doesNotMatch(r.body.error?.message ?? '', /"code"|invalid_type|\n/, 'no zod dump');
    }
  });

  it('answers methods it does not serve with -32601, whatever their params', async () => {
    for (const [method, params] of NOT_SERVED) {
      const r = await rpc(method, params);
      assert.deepEqual([r.body.id, r.body.error?.code], [r.id, -32601], `${method}: ${JSON.stringify(r.body)}`);
    }
  });

  it('still serves the same methods with fitting params', async () => {
    assert.equal((await rpc('initialize', INITIALIZE_PARAMS)).body.result?.serverInfo?.name, 'affinity');
    assert.equal((await rpc('tools/list', { cursor: 'anything' })).body.result?.tools?.length, 5);
    assert.deepEqual((await rpc('ping', { _meta: { progressToken: 'p' } })).body.result, {});
  });

  it('gives the SDK client an McpError with code -32602 and the field in its message', async () => {
    const client = new Client({ name: 'protocol-errors-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${KEY_A}` } } }));
    try {
      await assert.rejects(
        client.request({ method: 'tools/list', params: { cursor: 5 as unknown as string } }, ListToolsResultSchema),
        (err: McpError) => err.code === -32602 && /params\.cursor must be a string, not a number/.test(err.message),
      );
    } finally {
      await client.close();
    }
  });

  describe('search_catalog cursors', () => {
    async function search(args: Record<string, unknown>, key = KEY_A): Promise<CallToolResult> {
      const r = await rpc('tools/call', { name: 'search_catalog', arguments: args }, key);
      assert.equal(r.body.error, undefined, JSON.stringify(r.body));
      return r.body.result as CallToolResult;
    }
    const text = (r: CallToolResult) => (r.content[0]?.type === 'text' ? r.content[0].text : '');

    it('pages the same search, and refuses a cursor of another search with a tool error that says to start again', async () => {
      const first = await search({ query: 'hiking boot', limit: 2 });
      const cursor = (first.structuredContent as { next_cursor?: string }).next_cursor;
      assert.ok(cursor, JSON.stringify(first.structuredContent));
      const next = await search({ query: 'hiking boot', limit: 2, cursor });
      assert.equal(next.isError, undefined, text(next));
      const other = await search({ query: 'tent', limit: 2, cursor });
      assert.equal(other.isError, true);
      assert.match(text(other), /^VALIDATION_FAILED: This cursor belongs to another search .*start again without cursor/);
    });

    it("refuses another shop's cursor with the same words, naming neither shop", async () => {
      const theirs = await search({ query: 'hiking boot', limit: 2 }, KEY_B);
      const cursor = (theirs.structuredContent as { next_cursor?: string }).next_cursor;
      assert.ok(cursor);
      const r = await search({ query: 'hiking boot', limit: 2, cursor }, KEY_A);
      assert.equal(r.isError, true);
      assert.match(text(r), /^VALIDATION_FAILED: This cursor belongs to another search/);
      assert.doesNotMatch(text(r), /beta|alpha|myshopify/);
      assert.equal(r.structuredContent, undefined, 'no page of either shop');
    });

    it('refuses a garbled cursor instead of answering an empty page', async () => {
      for (const cursor of ['garbage', 'affinity-local:2']) {
        const r = await search({ query: 'hiking boot', limit: 2, cursor });
        assert.equal(r.isError, true, cursor);
        assert.match(text(r), /^VALIDATION_FAILED: This cursor is not a next_cursor that search_catalog gave/, cursor);
      }
    });
  });
});

describe('MCP over stdio: the same -32602 answers (one server factory)', () => {
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let lines: AsyncIterator<string>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-mcp-protocol-errors-'));
    child = spawn(process.execPath, [join(ROOT, 'bin', 'affinity.mjs'), 'mcp'], {
      cwd: ROOT,
      env: { ...process.env, AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'silent' },
    });
    child.stderr.resume();
    lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  });
  after(() => {
    if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(id: number, method: string, params?: unknown): Promise<Answer> {
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) })}\n`);
    const r = await lines.next();
    assert.ok(!r.done, 'the server closed stdout');
    return JSON.parse(r.value) as Answer;
  }

  it('answers malformed params with -32602 naming the field, and keeps serving', async () => {
    assert.equal((await send(1, 'initialize', INITIALIZE_PARAMS)).result?.serverInfo?.name, 'affinity');
    let id = 2;
    // `_meta` that is not an object is refused by the SDK's stdio transport as a whole line (-32600, id null): left out here.
    for (const [method, params, message] of MALFORMED.filter(([, p]) => !('_meta' in (p as object)))) {
      const a = await send(id, method, params);
      assert.deepEqual([a.id, a.error?.code], [id, -32602], `${method}: ${JSON.stringify(a)}`);
      assert.match(a.error?.message ?? '', message);
      id++;
    }
    assert.deepEqual((await send(id, 'resources/read', { uri: 5 })).error?.code, -32601);
    assert.equal((await send(id + 1, 'tools/list')).result?.tools?.length, 5);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end();
    assert.equal(await exited, 0);
  });
});
