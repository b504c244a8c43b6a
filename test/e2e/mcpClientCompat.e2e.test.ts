/**
 * What MCP clients other than the newest need, found by a protocol explorer: the tool answers' text
 * content carries what the model must act on (clients on 2024-11-05 / 2025-03-26, and many current
 * ones, give the model only `content`); OAuth discovery paths answer 404 without a key (an OAuth-capable
 * client must learn there is no metadata, not be refused); the published input schemas refuse the
 * blank strings the server refuses; and `affinity mcp` fed by a pipe answers the requests it read
 * before stdin ended.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverOAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const KEY = 'compat-read-ingest-key-0123456789';
const SHOP = 'compat-test.myshopify.com';
/** A port of its own (0: any free one). */
const PORT = process.env.MCP_COMPAT_TEST_PORT ?? '0';
/** Handles make item links (`/products/<handle>?aff_rec=…`); extra boots make search_catalog page. */
const CATALOG = [
  ...SMALL_CATALOG,
  { id: '104', title: 'Canyon Hiking Boot', vendor: 'Alpina', productType: 'Boots', category: 'Outdoor > Footwear > Hiking Boots', tags: ['hiking'], price: '129.00' },
  { id: '105', title: 'Mesa Hiking Boot', vendor: 'Alpina', productType: 'Boots', category: 'Outdoor > Footwear > Hiking Boots', tags: ['hiking'], price: '119.00' },
].map((p) => ({ ...p, handle: p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-') }));

const texts = (r: CallToolResult): string[] => r.content.map((c) => (c.type === 'text' ? c.text : `<${c.type}>`));

describe('MCP for clients that show the model only content, with API keys', () => {
  let s: Running;
  let client: Client;
  let tools: Map<string, Tool>;

  before(async () => {
    s = await startAffinity({ PORT, AFFINITY_API_KEYS: `*:read+ingest+admin:${KEY}` });
    const imp = await s.post(`/v1/catalog/products?shop=${SHOP}`, CATALOG, { authorization: `Bearer ${KEY}` });
    assert.equal(imp.status, 200, JSON.stringify(imp.body));
    client = new Client({ name: 'compat-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${s.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${KEY}`, 'x-affinity-shop': SHOP } } }));
    tools = new Map((await client.listTools()).tools.map((t) => [t.name, t]));
  });
  after(async () => {
    await client?.close();
    s?.affinity.app.server.closeAllConnections();
    await s?.stop();
  });

  async function call(name: string, args: Record<string, unknown>): Promise<{ r: CallToolResult; out: any; summary: string }> {
    const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
    assert.ok(!r.isError, `${name}: ${JSON.stringify(r.content)}`);
    return { r, out: r.structuredContent, summary: texts(r)[0] ?? '' };
  }

  it('recommend_products: the summary gives each item its aff_rec link and the recommendation_id; the structured answer follows as JSON', async () => {
    const { r, out, summary } = await call('recommend_products', { user_id: 'compat-shopper', text: 'hiking boots please', limit: 3 });
    assert.ok(out.items.length > 0);
    assert.match(out.recommendation_id, /^[A-Za-z0-9_-]{16}$/);
    assert.ok(summary.includes(out.recommendation_id), summary);
    for (const i of out.items) {
      assert.ok(i.url.startsWith(`https://${SHOP}/products/`) && i.url.endsWith(`?aff_rec=${out.recommendation_id}`), i.url);
      assert.ok(summary.includes(`link: ${i.url}`), `${i.title}'s link is in the summary:\n${summary}`);
    }
    assert.equal(r.content.length, 2, 'a readable summary, then the structured answer');
    assert.deepEqual(JSON.parse(texts(r)[1] ?? ''), out);
  });

  it('search_catalog: the summary carries the links and the cursor of the next page', async () => {
    const { r, out, summary } = await call('search_catalog', { query: 'hiking boot', limit: 2 });
    assert.equal(out.has_next_page, true, JSON.stringify(out));
    assert.ok(out.next_cursor);
    assert.ok(summary.includes(`cursor "${out.next_cursor}"`), summary);
    for (const i of out.items) assert.ok(summary.includes(`link: ${i.url}`), summary);
    assert.deepEqual(JSON.parse(texts(r)[1] ?? ''), out);
    const last = await call('search_catalog', { query: 'hiking boot', limit: 2, cursor: out.next_cursor });
    if (!last.out.has_next_page) assert.match(last.summary, /has_next_page: false/);
  });

  it('every tool with an outputSchema serializes its structured answer in a second text block; errors stay one block', async () => {
    const calls: [string, Record<string, unknown>][] = [
      ['track_event', { event: 'viewed', product_id: '102', user_id: 'compat-shopper' }],
      ['get_shopper_profile', { user_id: 'compat-shopper' }],
      ['explain_recommendation', { product_id: '101', user_id: 'compat-shopper' }],
    ];
    for (const [name, args] of calls) {
      assert.ok(tools.get(name)?.outputSchema, name);
      const { r, out } = await call(name, args);
      assert.equal(r.content.length, 2, name);
      assert.deepEqual(JSON.parse(texts(r)[1] ?? ''), out, name);
    }
    const error = (await client.callTool({ name: 'track_event', arguments: { event: 'viewed' } })) as CallToolResult;
    assert.equal(error.isError, true);
    assert.equal(error.content.length, 1);
  });

  it('answers the OAuth discovery paths 404 without a key, in the API error shape, and /mcp still 401', async () => {
    const paths = [
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/mcp',
      '/.well-known/openid-configuration',
    ];
    for (const path of paths) {
      const res = await fetch(`${s.url}${path}`, { headers: { 'mcp-protocol-version': '2025-06-18' } });
      const body = (await res.json()) as { error?: { code?: string; message?: string } };
      assert.equal(res.status, 404, path);
      assert.equal(body.error?.code, 'NOT_FOUND', path);
      assert.match(body.error?.message ?? '', /API key.*Authorization: Bearer <key>/, path);
      const keyed = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${KEY}` } });
      assert.equal(keyed.status, 404, `${path} with a key`);
    }
    // What an RFC 9728 client concludes (the SDK's own discovery): no metadata, not an error about access.
    await assert.rejects(discoverOAuthProtectedResourceMetadata(`${s.url}/mcp`), /does not implement OAuth 2\.0 Protected Resource Metadata/);
    const keyless = await fetch(`${s.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    assert.equal(keyless.status, 401);
    assert.match(keyless.headers.get('www-authenticate') ?? '', /^Bearer /);
    // The endpoints the SDK's client assumes at the root when no metadata is found: no OAuth there either.
    for (const path of ['/register', '/token']) {
      const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(res.status, 404, path);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /does not use OAuth/, path);
    }
    // A wrong method on /mcp lists what /mcp allows, as GET and DELETE (which refuse) say it.
    const put = await fetch(`${s.url}/mcp`, { method: 'PUT', headers: { authorization: `Bearer ${KEY}` } });
    assert.deepEqual([put.status, put.headers.get('allow')], [405, 'OPTIONS, POST']);
    const get = await fetch(`${s.url}/mcp`, { headers: { authorization: `Bearer ${KEY}` } });
    assert.deepEqual([get.status, get.headers.get('allow')], [405, 'POST, OPTIONS']);
    // Other keyed routes keep their access rule.
    assert.equal((await fetch(`${s.url}/v1/users/x/profile`)).status, 401);
  });

  it('the published input schemas refuse strings that are only white space, as the server does', async () => {
    const ajv = new AjvJsonSchemaValidator();
    const cases: [tool: string, args: Record<string, unknown>, valid: boolean][] = [
      ['get_shopper_profile', { user_id: '   ' }, false],
      ['get_shopper_profile', { session_id: '\t ' }, false],
      ['get_shopper_profile', { user_id: ' compat-shopper ' }, true],
      ['search_catalog', { query: '   ' }, false],
      ['search_catalog', { query: 'boot' }, true],
      ['track_event', { event: 'viewed', product_id: '  ', user_id: 'u' }, false],
      ['track_event', { event: 'viewed', product_id: '101', user_id: 'u', event_id: ' ' }, false],
      ['recommend_products', { user_id: 'u', intent: { category: '  ' } }, false],
      ['recommend_products', { user_id: 'u', intent: { must_not: [' '] } }, false],
      ['explain_recommendation', { product_id: ' ', user_id: 'u' }, false],
      // Only invisible characters (a zero-width space, NEL, a byte-order mark) name nothing either.
      ['get_shopper_profile', { user_id: '\u200b' }, false],
      ['search_catalog', { query: '\u200b\u200b' }, false],
      ['search_catalog', { query: '\u0085' }, false],
      ['get_shopper_profile', { session_id: '\ufeff ' }, false],
    ];
    for (const [name, args, valid] of cases) {
      const schema = tools.get(name)?.inputSchema as Record<string, unknown>;
      const verdict = ajv.getValidator(schema)(args);
      assert.equal(verdict.valid, valid, `${name} ${JSON.stringify(args)}: the schema ${verdict.valid ? 'accepts' : 'refuses'}`);
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      const refused = r.isError === true && /^Invalid arguments/.test(texts(r)[0] ?? '');
      assert.equal(refused, !valid, `${name} ${JSON.stringify(args)}: the server ${refused ? 'refuses' : 'accepts'}: ${texts(r)[0]}`);
    }
 
    // What the schema cannot say, the server still refuses, naming the field: a control character in an
    // id, and a user_id in the namespace of anonymous conversations' profiles.
    for (const [name, args, field] of [
      ['get_shopper_profile', { user_id: 'x\u0000y' }, 'user_id'],
      ['track_event', { event: 'viewed', product_id: '101\u0000', user_id: 'u' }, 'product_id'],
      ['get_shopper_profile', { user_id: 'session:compat-1' }, 'user_id'],
      ['explain_recommendation', { user_id: 'u' }, 'product_id: required: a Shopify id'],
    ] as const) {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}: ${texts(r)[0]}`);
      assert.match(texts(r)[0] ?? '', new RegExp(`^Invalid arguments.*${field}`, 's'), JSON.stringify(args));
    }
  });
});

describe('affinity mcp on stdio, fed by a pipe', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-mcp-compat-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `affinity mcp` with `lines` (one message each) on stdin, then ends stdin; the JSON lines it wrote and its exit code. */
  function piped(lines: readonly unknown[], opts: { lastNewline?: boolean; args?: readonly string[] } = {}): Promise<{ answers: any[]; code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'affinity.mjs'), 'mcp', ...(opts.args ?? [])], {
      cwd: ROOT,
      env: { ...process.env, AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'silent' },
    });
    let out = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // Everything at once and the end of input right after, as `printf … | affinity mcp` does.
    const input = lines.map((l) => JSON.stringify(l)).join('\n');
    child.stdin.end(opts.lastNewline === false ? input : `${input}\n`);
    // Generous: on a busy machine the child compiles its TypeScript for many seconds before it reads a line.
    const killer = setTimeout(() => child.kill(), 120_000);
    return new Promise((resolve) =>
      child.once('close', (code) => {
        clearTimeout(killer);
        resolve({ answers: out.split('\n').filter(Boolean).map((l) => JSON.parse(l)), code, stderr });
      }),
    );
  }

  const initialize = (version: string) => ({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'pipe', version: '0' } } });
  const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };

  it('refuses a --shop that is no shop domain (exit 2, saying why) before serving anything', async () => {
    const r = await piped([initialize('2025-06-18')], { args: ['--shop', 'http://evil/'] });
    assert.equal(r.code, 2, r.stderr);
    assert.deepEqual(r.answers, []);
    assert.match(r.stderr, /--shop "http:\/\/evil\/": must be a shop domain/);
  });

  it('answers a track_event read before stdin ended, then exits 0', async () => {
    const track = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'track_event', arguments: { event: 'viewed', product_id: '101', user_id: 'piped-shopper', event_id: 'piped-1' } } };
    const { answers, code, stderr } = await piped([initialize('2025-06-18'), initialized, track]);
    assert.equal(code, 0, stderr);
    const answer = answers.find((a) => a.id === 2);
    assert.ok(answer, `no answer to track_event; got ${JSON.stringify(answers)}; stderr: ${stderr}`);
    assert.equal(answer.result?.structuredContent?.recorded, true, JSON.stringify(answer));
  });

  it('refuses each request of a batch with its own id (after negotiating 2025-03-26, which has batches), and keeps serving', async () => {
    const batch = [
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } },
      { jsonrpc: '2.0', id: 'three', method: 'ping' },
    ];
    // The last line has no newline: the end of input ends it.
    const { answers, code, stderr } = await piped([initialize('2025-03-26'), initialized, batch, { jsonrpc: '2.0', id: 4, method: 'ping' }], { lastNewline: false });
    assert.equal(code, 0, stderr);
    assert.equal(answers.find((a) => a.id === 1)?.result?.protocolVersion, '2025-03-26');
    const refusals = answers.find((a) => Array.isArray(a));
    assert.ok(refusals, JSON.stringify(answers));
    assert.deepEqual(refusals.map((a: any) => [a.id, a.error?.code]), [[2, -32600], ['three', -32600]]);
    assert.ok(!answers.some((a) => !Array.isArray(a) && a.id === null), `no answer without an id: ${JSON.stringify(answers)}`);
    assert.deepEqual(answers.find((a) => a.id === 4)?.result, {});
  });
});
