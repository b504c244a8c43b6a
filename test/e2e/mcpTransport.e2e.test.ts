/**
 * The MCP transports at their edges: which HTTP requests `/mcp` refuses before any tool runs (foreign
 * `Origin`, DNS-rebound `Host`, JSON that is not JSON-RPC, batches under protocols that removed them),
 * what the stdio server answers to lines it cannot read, and whether the tools' published JSON Schemas
 * say what the server enforces. The real SDK client where a client is involved; raw HTTP and raw stdin
 * for what a client would never send.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ACCEPT = 'application/json, text/event-stream';

interface RawAnswer {
  readonly status: number;
  /** The parsed JSON body (`undefined` for another content type). */
  readonly body: any;
  readonly type: string;
  readonly text: string;
}

/** A POST to `/mcp` with exactly these headers (including `Host`, which fetch does not let a caller set). */
function rawPost(base: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const url = new URL('/mcp', base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', accept: ACCEPT, 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const type = String(res.headers['content-type'] ?? '');
          resolve({ status: res.statusCode ?? 0, body: text && type.startsWith('application/json') ? JSON.parse(text) : undefined, type, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const rpc = (id: number, method: string, params?: unknown) => ({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
const INITIALIZE = rpc(1, 'initialize', { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '0' } });

/**
 * Stops an instance without waiting for sockets an SDK client opened and never used: after
 * `client.close()` aborts its SSE GET, such a socket can hold `app.close()` for about a minute (seen on
 * the code before this suite too; reported, not fixed here).
 */
async function stop(s: Running | undefined): Promise<void> {
  s?.affinity.app.server.closeAllConnections();
  await s?.stop();
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'transport-e2e', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

describe('MCP over HTTP: Origin and Host', () => {
  let s: Running;
  let port: string;

  before(async () => {
    s = await startAffinity({ AFFINITY_MCP_ALLOWED_ORIGINS: 'https://agent.example', AFFINITY_MCP_ALLOWED_HOSTS: 'mcp.example.com' });
    port = new URL(s.url).port;
  });
  after(async () => {
    await stop(s);
  });

  it('serves clients that send no Origin (server-side agents)', async () => {
    const client = await connect(`${s.url}/mcp`);
    try {
      assert.equal((await client.listTools()).tools.length, 5);
    } finally {
      await client.close();
    }
  });

  it('refuses a browser page from an origin that is not listed, with 403 and a JSON-RPC error', async () => {
    await assert.rejects(connect(`${s.url}/mcp`, { Origin: 'https://evil.example' }), (err: Error & { code?: number }) => {
      assert.equal(err.code, 403, err.message);
      assert.match(err.message, /Invalid Origin header: https:\/\/evil\.example\./);
      return true;
    });
    const raw = await rawPost(s.url, JSON.stringify(rpc(1, 'tools/list')), { origin: 'https://evil.example' });
    assert.equal(raw.status, 403);
    assert.equal(raw.body.jsonrpc, '2.0');
    assert.equal(raw.body.error.code, -32000);
    assert.match(raw.body.error.message, /AFFINITY_MCP_ALLOWED_ORIGINS/);
    const get = await fetch(`${s.url}/mcp`, { headers: { origin: 'null', accept: 'text/event-stream' } });
    assert.equal(get.status, 403, 'every method of /mcp checks the Origin (an opaque "null" origin too)');
    await get.arrayBuffer();
  });

  it('serves a listed origin', async () => {
    const client = await connect(`${s.url}/mcp`, { Origin: 'https://agent.example' });
    try {
      assert.equal((await client.listTools()).tools.length, 5);
    } finally {
      await client.close();
    }
  });

  it('refuses a DNS-rebound Host and accepts the loopback names and listed hosts, whatever the port', async () => {
    const body = JSON.stringify(rpc(1, 'tools/list'));
    const rebound = await rawPost(s.url, body, { host: `attacker.example:${port}` });
    assert.equal(rebound.status, 403);
    assert.equal(rebound.body.error.code, -32000);
    assert.match(rebound.body.error.message, /^Invalid Host header: attacker\.example:\d+\. .*AFFINITY_MCP_ALLOWED_HOSTS/);
    // The page's own origin is what a rebinding page sends: refused on both counts.
    const page = await rawPost(s.url, body, { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` });
    assert.equal(page.status, 403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'mcp.example.com', 'MCP.example.com:443']) {
      const ok = await rawPost(s.url, body, { host });
      assert.equal(ok.status, 200, `${host}: ${JSON.stringify(ok.body)}`);
      assert.equal(ok.body.result.tools.length, 5);
    }
  });
});

describe('MCP over HTTP: JSON-RPC conformance', () => {
  let s: Running;

  before(async () => {
    s = await startAffinity();
  });
  after(async () => {
    await stop(s);
  });

  it('answers JSON that is not a JSON-RPC 2.0 message with -32600 Invalid Request (not -32700 Parse error)', async () => {
    for (const body of ['{"jsonrpc":"1.0","id":1,"method":"tools/list"}', '{"id":1,"method":"tools/list"}', '42', '"tools/list"', '[]', '[1]']) {
      const r = await rawPost(s.url, body);
      assert.equal(r.status, 400, body);
      assert.equal(r.body.error.code, -32600, `${body}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.id, null);
      assert.match(r.body.error.message, /^Invalid Request: /);
    }
    const notJson = await rawPost(s.url, '{"jsonrpc":');
    assert.equal(notJson.body.error.code, -32700, 'text that is not JSON is still a parse error');
    // Bytes that are not UTF-8 are a parse error, not a method named "ping\uFFFD" (-32601).
    const notUtf8 = await rawPost(s.url, Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping'), Buffer.from([0xff]), Buffer.from('"}')]));
    assert.deepEqual([notUtf8.status, notUtf8.body.error.code, notUtf8.body.id], [400, -32700, null], JSON.stringify(notUtf8.body));
  });

  it('answers params by position (valid JSON-RPC, not what MCP methods take) with -32602 for that id, and keeps serving', async () => {
    for (const [id, method] of [[7, 'tools/call'], ['q-1', 'tools/list']] as const) {
      const r = await rawPost(s.url, JSON.stringify({ jsonrpc: '2.0', id, method, params: ['recommend_products', { limit: 3 }] }));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual([r.body.id, r.body.error?.code], [id, -32602], JSON.stringify(r.body));
      assert.match(r.body.error.message, new RegExp(`^Invalid params: ${method} takes its params by name`));
    }
    // Near misses: an array body is a batch, and a request without an id or method is still an Invalid Request.
    for (const body of [{ jsonrpc: '2.0', method: 'tools/list', params: [] }, { jsonrpc: '1.0', id: 1, method: 'tools/list', params: [] }]) {
      const r = await rawPost(s.url, JSON.stringify(body));
      assert.notEqual(r.body.error?.code, -32602, JSON.stringify(body));
    }
    const ok = await rawPost(s.url, JSON.stringify(rpc(8, 'tools/list')));
    assert.equal(ok.body.result.tools.length, 5);
  });

  it("answers every client whose Accept allows JSON or an event stream, not only those listing both: JSON-only and */* clients get JSON, an event-stream-only client (Claude.ai's remote proxy) an SSE stream of the one answer", async () => {
    const list = JSON.stringify(rpc(3, 'tools/list'));
    for (const accept of ['application/json', '*/*', 'application/json, text/event-stream']) {
      const r = await rawPost(s.url, list, { accept });
      assert.deepEqual([r.status, r.type.split(';')[0]], [200, 'application/json'], accept);
      assert.equal(r.body.result.tools.length, 5, accept);
    }
    const none = await rawPost(s.url, list, { accept: '' });
    assert.equal(none.body?.result?.tools?.length, 5, `no Accept at all: ${none.text.slice(0, 200)}`);
    const sse = await rawPost(s.url, list, { accept: 'text/event-stream' });
    assert.deepEqual([sse.status, sse.type.split(';')[0]], [200, 'text/event-stream'], sse.text.slice(0, 200));
    const data = sse.text.split('\n').find((l) => l.startsWith('data: '));
    assert.ok(data, sse.text.slice(0, 200));
    const message = JSON.parse(data.slice('data: '.length));
    assert.deepEqual([message.id, message.result.tools.length], [3, 5]);
    // Near miss: a client that accepts neither is refused, with a JSON-RPC error that says what to send.
    const html = await rawPost(s.url, list, { accept: 'text/html' });
    assert.equal(html.status, 406);
    assert.match(html.body.error.message, /^Not Acceptable: accept application\/json or text\/event-stream/);
  });

  it("answers the API's own refusals before the transport (a content type it does not read, a body too large) with JSON-RPC errors too", async () => {
    const form = await rawPost(s.url, 'a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.deepEqual([form.status, form.body?.jsonrpc, form.body?.id, form.body?.error?.data?.code], [415, '2.0', null, 'UNSUPPORTED_MEDIA_TYPE'], form.text.slice(0, 300));
    const huge = await rawPost(s.url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(6 * 1024 * 1024) } }));
    assert.deepEqual([huge.status, huge.body?.error?.data?.code], [413, 'PAYLOAD_TOO_LARGE'], huge.text.slice(0, 300));
    assert.match(huge.body.error.message, /^PAYLOAD_TOO_LARGE: /);
  });

  it('refuses batches from clients on protocol 2025-06-18 or later, which removed them', async () => {
    const client = await connect(`${s.url}/mcp`);
    let negotiated: string | undefined;
    try {
      negotiated = (client.transport as StreamableHTTPClientTransport).protocolVersion;
    } finally {
      await client.close();
    }
    assert.equal(negotiated, LATEST_PROTOCOL_VERSION, 'the SDK client negotiates the latest protocol');
    const batch = JSON.stringify([rpc(1, 'ping'), rpc(2, 'tools/list')]);
    for (const version of ['2025-06-18', LATEST_PROTOCOL_VERSION]) {
      const r = await rawPost(s.url, batch, { 'mcp-protocol-version': version });
      assert.equal(r.status, 400, version);
      assert.equal(r.body.error.code, -32600);
      assert.match(r.body.error.message, /batches are not part of MCP protocol/);
    }
    // Protocol 2025-03-26 had batches (and a request without the header is assumed to be 2025-03-26).
    for (const headers of [{ 'mcp-protocol-version': '2025-03-26' }, {}] as Record<string, string>[]) {
      const r = await rawPost(s.url, batch, headers);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.map((m: any) => m.id).sort(), [1, 2]);
    }
  });

  it('refuses initialize inside a batch, even alone', async () => {
    for (const batch of [[INITIALIZE], [INITIALIZE, { jsonrpc: '2.0', method: 'notifications/initialized' }]]) {
      const r = await rawPost(s.url, JSON.stringify(batch));
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, -32600);
      assert.match(r.body.error.message, /initialize must not be part of a JSON-RPC batch/);
    }
    const alone = await rawPost(s.url, JSON.stringify(INITIALIZE));
    assert.equal(alone.status, 200);
    assert.equal(alone.body.result.serverInfo.name, 'affinity');
  });
});

describe('MCP over stdio: lines it cannot read', () => {
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let lines: AsyncIterator<string>;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-mcp-stdio-raw-'));
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

  /** The next stdout line as JSON (the stream ends only if the process does). */
  async function next(): Promise<any> {
    const r = await lines.next();
    assert.ok(!r.done, 'the server closed stdout');
    return JSON.parse(r.value);
  }

  it('answers a line that is not JSON with -32700 and id null, one that is not JSON-RPC with -32600, and keeps serving', async () => {
    // Each bad line is followed by a good request: the first answer must be the error, not the result.
    child.stdin.write('this is not json\n');
    child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
    const parse = await next();
    assert.deepEqual([parse.jsonrpc, parse.id, parse.error?.code], ['2.0', null, -32700], JSON.stringify(parse));
    const init = await next();
    assert.equal(init.id, 1);
    assert.equal(init.result.serverInfo.name, 'affinity');

    child.stdin.write('{"jsonrpc":"1.0","id":2,"method":"ping"}\n');
    child.stdin.write(`${JSON.stringify(rpc(3, 'ping'))}\n`);
    const invalid = await next();
    assert.deepEqual([invalid.id, invalid.error?.code], [null, -32600], JSON.stringify(invalid));
    const pong = await next();
    assert.deepEqual([pong.id, pong.result], [3, {}]);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdin.end();
    assert.equal(await exited, 0, 'the server ends cleanly when stdin closes');
  });
});

describe('MCP tool schemas say what the server enforces', () => {
  let s: Running;
  let client: Client;
  let tools: Map<string, Tool>;
  const ajv = new AjvJsonSchemaValidator();

  before(async () => {
    s = await startAffinity();
    assert.equal((await s.post('/v1/catalog/products', SMALL_CATALOG)).status, 200);
    client = await connect(`${s.url}/mcp`);
    tools = new Map((await client.listTools()).tools.map((t) => [t.name, t]));
  });
  after(async () => {
    await client?.close();
    await stop(s);
  });

  it('track_event is not declared idempotent (without event_id every call records an event)', async () => {
    const t = tools.get('track_event');
    assert.equal(t?.annotations?.idempotentHint, false);
    assert.match(t?.description ?? '', /event_id/);
    const args = { event: 'viewed', product_id: '101', user_id: 'twice' };
    const first = (await client.callTool({ name: 'track_event', arguments: args })) as CallToolResult;
    const second = (await client.callTool({ name: 'track_event', arguments: args })) as CallToolResult;
    assert.equal((first.structuredContent as any).recorded, true);
    assert.equal((second.structuredContent as any).recorded, true, 'the same call again is a second event');
  });

  it('no tool has anyOf, oneOf or allOf at the top of its input schema (model APIs refuse them there)', () => {
    for (const t of tools.values()) for (const k of ['anyOf', 'oneOf', 'allOf']) assert.ok(!(k in t.inputSchema), `${t.name}: top-level ${k}`);
  });

  it('the published schema and the server accept and refuse the same arguments', async () => {
    const cases: [tool: string, args: Record<string, unknown>][] = [
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u' }],
      ['track_event', { event: 'viewed', product_id: '101', session_id: 's' }],
      ['track_event', { event: 'viewed', product_id: '101' }],
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u', occurred_at: '2026-03-01T14:05:00Z' }],
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u', occurred_at: '2026-03-01T14:05:00.250+02:00' }],
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u', occurred_at: Date.UTC(2026, 2, 1) }],
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u', occurred_at: 'yesterday' }],
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u', occurred_at: '2026-03-01' }],
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u', occurred_at: Date.UTC(1999, 11, 31) }],
      ['get_shopper_profile', { user_id: 'u' }],
      ['get_shopper_profile', { session_id: 's' }],
      ['get_shopper_profile', {}],
      ['search_catalog', { query: 'boot' }],
      ['search_catalog', { price: { max: 200 } }],
      ['search_catalog', { user_id: 'u' }],
      ['recommend_products', {}],
    ];
    for (const [name, args] of cases) {
      const tool = tools.get(name);
      assert.ok(tool, name);
      const schemaSays = ajv.getValidator(tool.inputSchema as Record<string, unknown>)(args);
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      const text = r.content[0]?.type === 'text' ? r.content[0].text : '';
      const serverRefused = r.isError === true && /^(Invalid arguments|VALIDATION_FAILED)/.test(text);
      assert.equal(schemaSays.valid, !serverRefused, `${name} ${JSON.stringify(args)}: schema ${schemaSays.valid ? 'accepts' : `refuses (${schemaSays.errorMessage})`}, server ${serverRefused ? `refuses (${text})` : 'accepts'}`);
    }
  });

  it('occurred_at is declared as a date-time or epoch milliseconds', () => {
    const occurredAt = (tools.get('track_event')?.inputSchema.properties as any)?.occurred_at;
    assert.deepEqual(occurredAt.anyOf.map((b: any) => b.format ?? b.type), ['date-time', 'integer']);
    assert.equal(occurredAt.anyOf[1].minimum, Date.UTC(2000, 0, 1));
  });
});
