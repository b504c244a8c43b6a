/**
 * The bad-input barrage of the fault suite: malformed requests of every class against a running
 * Affinity. None of them can ever succeed, so none may get a 5xx; each should be refused with a 4xx
 * and the documented problem document `{"error":{"code","message"}}` (on `/mcp`: a JSON-RPC error, or
 * a tool result with `isError`). Cases marked `any-non-5xx` are ones where accepting is also fine
 * (e.g. unknown fields in a pixel event, which the pixel's schema allows).
 */
import { createConnection } from 'node:net';
import { MCP_PROTOCOL_VERSION } from './load.ts';

/** What a case should get. */
export type Expect = '4xx' | 'rejected' | 'any-non-5xx';

/** Keys the barrage uses. */
export interface BarrageKeys {
  /** read+ingest for `shop`. */
  readonly shop: string;
  /** read only for `shop`. */
  readonly readOnly: string;
  /** read+ingest for `otherShop`. */
  readonly other: string;
  /** admin for every shop. */
  readonly admin: string;
}

/** The target of the barrage. */
export interface BarrageTarget {
  readonly url: string;
  readonly shop: string;
  readonly otherShop: string;
  readonly keys: BarrageKeys;
  /** A product id of the shop's catalog. */
  readonly productId: string;
}

interface Answer {
  readonly status: number | 'timeout' | 'conn-error';
  readonly body: string;
}

interface Case {
  readonly cls: string;
  readonly name: string;
  readonly expect: Expect;
  readonly send: (t: BarrageTarget) => Promise<Answer>;
}

/** How an answer was shaped. */
export type Shape = 'problem' | 'json-rpc error' | 'tool isError' | 'other' | 'none';

/** One case's outcome. */
export interface CaseResult {
  readonly cls: string;
  readonly name: string;
  readonly expect: Expect;
  readonly status: string;
  readonly code?: string;
  readonly shape: Shape;
  /** The answer met the expectation (right status class and documented shape). */
  readonly ok: boolean;
  readonly fivexx: boolean;
}

const TIMEOUT_MS = 15_000;

async function http(t: BarrageTarget, method: string, path: string, o: { headers?: Record<string, string>; body?: string | Uint8Array; key?: string | null } = {}): Promise<Answer> {
  const key = o.key === undefined ? t.keys.shop : o.key;
  try {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(o.headers ?? {}) },
      ...(o.body !== undefined ? { body: o.body as NonNullable<RequestInit['body']> } : {}),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    const name = (e as { name?: string })?.name;
    return { status: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'conn-error', body: String((e as Error)?.message ?? e) };
  }
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': MCP_PROTOCOL_VERSION };

const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = JSON_HEADERS, key?: string | null) => (t: BarrageTarget) =>
  http(t, 'POST', path, { body, headers, ...(key !== undefined ? { key } : {}) });
const postJson = (path: string, body: (t: BarrageTarget) => unknown, key?: (t: BarrageTarget) => string | null) => (t: BarrageTarget) =>
  http(t, 'POST', path, { body: JSON.stringify(body(t)), headers: JSON_HEADERS, ...(key ? { key: key(t) } : {}) });
const mcpCall = (args: (t: BarrageTarget) => unknown, o: { tool?: string; key?: (t: BarrageTarget) => string | null; query?: (t: BarrageTarget) => string } = {}) => (t: BarrageTarget) =>
  http(t, 'POST', `/mcp${o.query ? o.query(t) : `?shop=${encodeURIComponent(t.shop)}`}`, {
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: o.tool ?? 'recommend_products', arguments: args(t) } }),
    headers: MCP_HEADERS,
    ...(o.key ? { key: o.key(t) } : {}),
  });

/** Writes `bytes` on a fresh TCP connection and reads the answer until the server closes it (or a timeout). */
function raw(t: BarrageTarget, bytes: string | Buffer): Promise<Answer> {
  const u = new URL(t.url);
  return new Promise((resolve) => {
    const sock = createConnection({ host: u.hostname, port: Number(u.port) });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (fallback?: Answer['status']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      const sep = text.indexOf('\r\n\r\n');
      let body = sep >= 0 ? text.slice(sep + 4) : '';
      if (/\r\ntransfer-encoding: *chunked/i.test(text.slice(0, sep))) body = dechunk(body);
      resolve({ status: m ? Number(m[1]) : (fallback ?? 'conn-error'), body });
    };
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
    sock.on('data', (c: Buffer) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString('utf8');
      const sep = text.indexOf('\r\n\r\n');
      const len = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, sep));
      if (sep >= 0 && len && Buffer.byteLength(text.slice(sep + 4)) >= Number(len[1])) finish();
    });
    sock.on('error', () => finish());
    sock.on('close', () => finish());
    sock.write(bytes);
  });
}

function dechunk(s: string): string {
  let out = '';
  let rest = s;
  for (let i = 0; i < 1000; i++) {
    const eol = rest.indexOf('\r\n');
    if (eol < 0) break;
    const n = parseInt(rest.slice(0, eol), 16);
    if (!(n > 0)) break;
    out += rest.slice(eol + 2, eol + 2 + n);
    rest = rest.slice(eol + 2 + n + 2);
  }
  return out;
}

function pixelEvent(id: string, clientId: unknown, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: 'product_viewed',
    clientId,
    timestamp: new Date().toISOString(),
    data: { productVariant: { id: '1', price: { amount: 10, currencyCode: 'USD' }, product: { id: 'p1', title: 'P', vendor: 'V', type: 'T', url: '/p' }, sku: null, title: null, untranslatedTitle: null, image: null } },
    ...extra,
  };
}

const big = (n: number, c = 'x') => c.repeat(n);
let uniq = 0;
const bid = () => `barrage-${process.pid}-${Date.now()}-${uniq++}`;

/** Every case, by class. */
export const CASES: readonly Case[] = [
  // Invalid JSON
  { cls: 'invalid JSON', name: 'events: truncated document', expect: '4xx', send: post('/v1/events', '{"events": [') },
  { cls: 'invalid JSON', name: 'recommendations: JS object literal', expect: '4xx', send: post('/v1/recommendations', "{userId: 'a'}") },
  { cls: 'invalid JSON', name: 'recommendations: empty body', expect: '4xx', send: post('/v1/recommendations', '') },
  { cls: 'invalid JSON', name: 'events: text/plain (pixel type), not JSON', expect: '4xx', send: post('/v1/events', '{"id":', { 'content-type': 'text/plain' }) },
  { cls: 'invalid JSON', name: 'batch: trailing garbage', expect: '4xx', send: post('/v1/recommendations/batch', '{"requests":[{"userId":"a"}]}}}') },
  { cls: 'invalid JSON', name: 'intent: unterminated array', expect: '4xx', send: post('/v1/intent', '[1,2,') },
  { cls: 'invalid JSON', name: 'mcp: not JSON', expect: 'rejected', send: (t) => http(t, 'POST', `/mcp?shop=${t.shop}`, { body: '{"jsonrpc":"2.0",', headers: MCP_HEADERS }) },
  // Wrong types
  { cls: 'wrong types', name: 'recommendations: userId is a number', expect: '4xx', send: postJson('/v1/recommendations', () => ({ userId: 123 })) },
  { cls: 'wrong types', name: 'recommendations: limit is a string', expect: '4xx', send: postJson('/v1/recommendations', () => ({ userId: 'a', limit: 'ten' })) },
  { cls: 'wrong types', name: 'recommendations: limit 1e9', expect: '4xx', send: postJson('/v1/recommendations', () => ({ userId: 'a', limit: 1e9 })) },
  { cls: 'wrong types', name: 'recommendations: cart is a string', expect: '4xx', send: postJson('/v1/recommendations', () => ({ userId: 'a', cart: 'abc' })) },
  { cls: 'wrong types', name: 'batch: requests is a string', expect: '4xx', send: postJson('/v1/recommendations/batch', () => ({ requests: 'all' })) },
  { cls: 'wrong types', name: 'events: events is a string', expect: '4xx', send: postJson('/v1/events', () => ({ events: 'x' })) },
  { cls: 'wrong types', name: 'events: pixel clientId object, timestamp number', expect: '4xx', send: postJson('/v1/events', () => ({ events: [{ ...pixelEvent(bid(), {}), timestamp: 12345 }] })) },
  { cls: 'wrong types', name: 'events: native event of wrong types', expect: '4xx', send: postJson('/v1/events', () => ({ id: 5, type: 'view', userId: [], productId: {}, timestamp: 'yesterday' })) },
  { cls: 'wrong types', name: 'events: body is a number', expect: '4xx', send: post('/v1/events', '42') },
  { cls: 'wrong types', name: 'events: body is null', expect: '4xx', send: post('/v1/events', 'null') },
  { cls: 'wrong types', name: 'intent: text is a number', expect: '4xx', send: postJson('/v1/intent', () => ({ text: 5 })) },
  { cls: 'wrong types', name: 'mcp: recommend_products limit "x"', expect: 'rejected', send: mcpCall(() => ({ limit: 'x' })) },
  { cls: 'wrong types', name: 'mcp: params is a string', expect: 'rejected', send: (t) => http(t, 'POST', `/mcp?shop=${t.shop}`, { body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: 'x' }), headers: MCP_HEADERS }) },
  // Huge ids
  { cls: 'huge ids', name: 'recommendations: userId of 10,000 chars', expect: '4xx', send: postJson('/v1/recommendations', () => ({ userId: big(10_000) })) },
  { cls: 'huge ids', name: 'recommendations: productId of 100,000 chars', expect: '4xx', send: postJson('/v1/recommendations', () => ({ productId: big(100_000) })) },
  { cls: 'huge ids', name: 'recommendations: productId 2^64', expect: 'any-non-5xx', send: post('/v1/recommendations', '{"productId":18446744073709551616}') },
  { cls: 'huge ids', name: 'events: event id of 100,000 chars', expect: '4xx', send: postJson('/v1/events', () => ({ events: [pixelEvent(big(100_000, 'e'), 'c1')] })) },
  { cls: 'huge ids', name: 'events: clientId of 50,000 chars', expect: '4xx', send: postJson('/v1/events', () => ({ events: [pixelEvent(bid(), big(50_000, 'c'))] })) },
  { cls: 'huge ids', name: 'profile: user id of 3,000 chars in the path', expect: '4xx', send: (t) => http(t, 'GET', `/v1/users/${big(3_000)}/profile`) },
  { cls: 'huge ids', name: 'mcp: user_id of 10,000 chars', expect: 'rejected', send: mcpCall(() => ({ user_id: big(10_000) })) },
  // Lone UTF-16 surrogates
  { cls: 'lone surrogates', name: 'events: clientId "\\ud800"', expect: '4xx', send: (t) => post('/v1/events', JSON.stringify({ events: [pixelEvent(bid(), 'SURR')] }).replace('"SURR"', '"\\ud800"'))(t) },
  { cls: 'lone surrogates', name: 'events: event id "\\udfff"', expect: '4xx', send: (t) => post('/v1/events', JSON.stringify({ events: [pixelEvent('SURR', 'c1')] }).replace('"SURR"', '"x\\udfffy"'))(t) },
  { cls: 'lone surrogates', name: 'recommendations: userId "\\ud83d"', expect: '4xx', send: post('/v1/recommendations', '{"userId":"a\\ud83d"}') },
  { cls: 'lone surrogates', name: 'recommendations: invalid UTF-8 bytes (decoded as U+FFFD)', expect: 'any-non-5xx', send: post('/v1/recommendations', Buffer.concat([Buffer.from('{"userId":"'), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}')])) },
  { cls: 'lone surrogates', name: 'profile: %ED%A0%80 in the path', expect: '4xx', send: (t) => http(t, 'GET', '/v1/users/%ED%A0%80/profile') },
  { cls: 'lone surrogates', name: 'intent: text "\\udc00"', expect: '4xx', send: post('/v1/intent', '{"text":"boots \\udc00"}') },
  { cls: 'lone surrogates', name: 'mcp: user_id "\\ud800"', expect: 'rejected', send: (t) => http(t, 'POST', `/mcp?shop=${t.shop}`, { body: '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"recommend_products","arguments":{"user_id":"\\ud800"}}}', headers: MCP_HEADERS }) },
  // Unknown fields
  { cls: 'unknown fields', name: 'recommendations: unknown top-level field', expect: '4xx', send: postJson('/v1/recommendations', () => ({ userId: 'a', bogus: true })) },
  { cls: 'unknown fields', name: 'batch: unknown field in an entry', expect: '4xx', send: postJson('/v1/recommendations/batch', () => ({ requests: [{ userId: 'a', bogus: 1 }] })) },
  { cls: 'unknown fields', name: 'events: unknown field in a pixel event', expect: 'any-non-5xx', send: postJson('/v1/events', () => ({ events: [pixelEvent(bid(), 'barrage-user', { bogus: { deep: [1, 2] } })] })) },
  { cls: 'unknown fields', name: 'events: unknown envelope field', expect: '4xx', send: postJson('/v1/events', () => ({ events: [pixelEvent(bid(), 'barrage-user')], bogus: 1 })) },
  { cls: 'unknown fields', name: 'events: misspelt consent in the envelope', expect: '4xx', send: postJson('/v1/events', () => ({ consnet: { analyticsProcessingAllowed: false }, events: [pixelEvent(bid(), 'barrage-user')] })) },
  { cls: 'unknown fields', name: 'intent: unknown field', expect: 'any-non-5xx', send: postJson('/v1/intent', () => ({ text: 'red shoes', bogus: 1 })) },
  { cls: 'unknown fields', name: 'mcp: unknown tool argument', expect: 'rejected', send: mcpCall(() => ({ bogus: 1 })) },
  { cls: 'unknown fields', name: 'mcp: unknown tool', expect: 'rejected', send: mcpCall(() => ({}), { tool: 'drop_database' }) },
  // Wrong content types
  { cls: 'content types', name: 'recommendations: text/xml', expect: '4xx', send: post('/v1/recommendations', '<userId>a</userId>', { 'content-type': 'text/xml' }) },
  { cls: 'content types', name: 'recommendations: form-urlencoded', expect: '4xx', send: post('/v1/recommendations', 'userId=a', { 'content-type': 'application/x-www-form-urlencoded' }) },
  { cls: 'content types', name: 'events: multipart/form-data', expect: '4xx', send: post('/v1/events', '--x\r\n\r\n{}\r\n--x--', { 'content-type': 'multipart/form-data; boundary=x' }) },
  { cls: 'content types', name: 'recommendations: no content type', expect: '4xx', send: post('/v1/recommendations', new TextEncoder().encode('{"userId":"a"}'), {}) },
  { cls: 'content types', name: 'catalog import: application/octet-stream (admin key)', expect: '4xx', send: (t) => http(t, 'POST', `/v1/catalog/products?shop=${t.shop}`, { body: 'Handle,Title\nx,y\n', headers: { 'content-type': 'application/octet-stream' }, key: t.keys.admin }) },
  { cls: 'content types', name: 'mcp: text/plain', expect: 'rejected', send: (t) => http(t, 'POST', `/mcp?shop=${t.shop}`, { body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', headers: { ...MCP_HEADERS, 'content-type': 'text/plain' } }) },
  // Oversize bodies
  { cls: 'oversize', name: 'recommendations: 2 MB body', expect: '4xx', send: postJson('/v1/recommendations', () => ({ userId: 'a', text: big(2_000_000) })) },
  { cls: 'oversize', name: 'events: 9 MB body', expect: '4xx', send: postJson('/v1/events', () => ({ events: [pixelEvent(bid(), 'c1', { pad: big(9_000_000) })] })) },
  { cls: 'oversize', name: 'events: 1,001 events in one batch', expect: '4xx', send: postJson('/v1/events', () => ({ events: Array.from({ length: 1001 }, () => pixelEvent(bid(), 'barrage-user')) })) },
  { cls: 'oversize', name: 'batch: 101 requests', expect: '4xx', send: postJson('/v1/recommendations/batch', () => ({ requests: Array.from({ length: 101 }, () => ({ userId: 'a' })) })) },
  { cls: 'oversize', name: 'recommendations: cart of 101 products', expect: '4xx', send: postJson('/v1/recommendations', (t) => ({ userId: 'a', cart: Array.from({ length: 101 }, () => t.productId) })) },
  { cls: 'oversize', name: 'mcp: 2 MB body', expect: 'rejected', send: mcpCall(() => ({ text: big(2_000_000) })) },
  { cls: 'oversize', name: 'headers: 20 KB header (raw socket)', expect: '4xx', send: (t) => raw(t, `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${big(20_000)}\r\n\r\n`) },
  // Invalid shop names
  { cls: 'invalid shop', name: 'query shop "../../etc/passwd" (admin key)', expect: '4xx', send: (t) => http(t, 'POST', '/v1/recommendations?shop=../../etc/passwd', { body: '{"userId":"a"}', headers: JSON_HEADERS, key: t.keys.admin }) },
  { cls: 'invalid shop', name: 'header shop "127.0.0.1:6379" (admin key)', expect: '4xx', send: (t) => http(t, 'POST', '/v1/recommendations', { body: '{"userId":"a"}', headers: { ...JSON_HEADERS, 'x-affinity-shop': '127.0.0.1:6379' }, key: t.keys.admin }) },
  { cls: 'invalid shop', name: 'body shop of 300 chars (admin key)', expect: '4xx', send: postJson('/v1/recommendations', () => ({ shop: `${big(300, 'a')}.com`, userId: 'a' }), (t) => t.keys.admin) },
  { cls: 'invalid shop', name: 'body shop "evil shop!"', expect: '4xx', send: postJson('/v1/recommendations', () => ({ shop: 'evil shop!', userId: 'a' })) },
  { cls: 'invalid shop', name: 'body shop is a number', expect: '4xx', send: postJson('/v1/recommendations', () => ({ shop: 42, userId: 'a' })) },
  { cls: 'invalid shop', name: 'query shop "%00" (admin key)', expect: '4xx', send: (t) => http(t, 'GET', '/v1/users/a/profile?shop=%00', { key: t.keys.admin }) },
  { cls: 'invalid shop', name: 'events envelope shop "x/../y" (admin key)', expect: '4xx', send: postJson('/v1/events', () => ({ shop: 'x/../y', events: [pixelEvent(bid(), 'c1')] }), (t) => t.keys.admin) },
  { cls: 'invalid shop', name: 'mcp ?shop=http://localhost (admin key)', expect: 'rejected', send: mcpCall(() => ({}), { key: (t) => t.keys.admin, query: () => '?shop=http://localhost' }) },
  // Wrong or missing API keys
  { cls: 'API keys', name: 'recommendations: no key', expect: '4xx', send: (t) => http(t, 'POST', '/v1/recommendations', { body: '{"userId":"a"}', headers: JSON_HEADERS, key: null }) },
  { cls: 'API keys', name: 'recommendations: unknown key', expect: '4xx', send: (t) => http(t, 'POST', '/v1/recommendations', { body: '{"userId":"a"}', headers: JSON_HEADERS, key: 'not-a-configured-key-0000' }) },
  { cls: 'API keys', name: 'recommendations: "Authorization: Bearer" (empty)', expect: '4xx', send: (t) => http(t, 'POST', '/v1/recommendations', { body: '{"userId":"a"}', headers: { ...JSON_HEADERS, authorization: 'Bearer' }, key: null }) },
  { cls: 'API keys', name: 'recommendations: Basic auth', expect: '4xx', send: (t) => http(t, 'POST', '/v1/recommendations', { body: '{"userId":"a"}', headers: { ...JSON_HEADERS, authorization: 'Basic dXNlcjpwYXNz' }, key: null }) },
  { cls: 'API keys', name: 'recommendations: wrong X-Affinity-Key', expect: '4xx', send: (t) => http(t, 'POST', '/v1/recommendations', { body: '{"userId":"a"}', headers: { ...JSON_HEADERS, 'x-affinity-key': 'x'.repeat(40) }, key: null }) },
  { cls: 'API keys', name: 'events: read-only key', expect: '4xx', send: (t) => http(t, 'POST', '/v1/events', { body: JSON.stringify({ events: [pixelEvent(bid(), 'c1')] }), headers: JSON_HEADERS, key: t.keys.readOnly }) },
  { cls: 'API keys', name: 'events: no key, no Origin', expect: '4xx', send: (t) => http(t, 'POST', '/v1/events', { body: JSON.stringify({ events: [pixelEvent(bid(), 'c1')] }), headers: JSON_HEADERS, key: null }) },
  { cls: 'API keys', name: 'events: no key, foreign Origin', expect: '4xx', send: (t) => http(t, 'POST', '/v1/events', { body: JSON.stringify({ events: [pixelEvent(bid(), 'c1')] }), headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, key: null }) },
  { cls: 'API keys', name: 'catalog import: shop key (not admin)', expect: '4xx', send: (t) => http(t, 'POST', `/v1/catalog/products?shop=${t.shop}`, { body: 'Handle,Title\nx,y\n', headers: { 'content-type': 'text/csv' } }) },
  { cls: 'API keys', name: 'mcp: no key', expect: 'rejected', send: mcpCall(() => ({}), { key: () => null }) },
  { cls: 'API keys', name: 'mcp: track_event with a read-only key', expect: 'rejected', send: mcpCall((t) => ({ user_id: 'a', type: 'product_viewed', product_id: t.productId }), { tool: 'track_event', key: (t) => t.keys.readOnly }) },
  // Another shop's key
  { cls: "another shop's key", name: 'recommendations: body names the shop', expect: '4xx', send: postJson('/v1/recommendations', (t) => ({ shop: t.shop, userId: 'a' }), (t) => t.keys.other) },
  { cls: "another shop's key", name: 'events: ?shop= names the shop', expect: '4xx', send: (t) => http(t, 'POST', `/v1/events?shop=${t.shop}`, { body: JSON.stringify({ events: [pixelEvent(bid(), 'c1')] }), headers: JSON_HEADERS, key: t.keys.other }) },
  { cls: "another shop's key", name: 'profile: X-Affinity-Shop names the shop', expect: '4xx', send: (t) => http(t, 'GET', '/v1/users/load-1/profile', { headers: { 'x-affinity-shop': t.shop }, key: t.keys.other }) },
  { cls: "another shop's key", name: 'batch: an entry names the shop', expect: '4xx', send: postJson('/v1/recommendations/batch', (t) => ({ requests: [{ userId: 'a' }, { shop: t.shop, userId: 'b' }] }), (t) => t.keys.other) },
  { cls: "another shop's key", name: 'mcp: ?shop= names the shop', expect: 'rejected', send: mcpCall(() => ({ user_id: 'a' }), { key: (t) => t.keys.other }) },
  { cls: "another shop's key", name: 'mcp: tool argument names the shop', expect: 'rejected', send: mcpCall((t) => ({ user_id: 'a', shop: t.shop }), { key: (t) => t.keys.other, query: (t) => `?shop=${t.otherShop}` }) },
  // Protocol
  { cls: 'protocol', name: 'not HTTP at all (raw socket)', expect: '4xx', send: (t) => raw(t, 'HELLO THERE\r\n\r\n') },
  { cls: 'protocol', name: 'unknown route', expect: '4xx', send: (t) => http(t, 'GET', '/v1/nope') },
  { cls: 'protocol', name: 'PUT /v1/recommendations', expect: '4xx', send: (t) => http(t, 'PUT', '/v1/recommendations', { body: '{}', headers: JSON_HEADERS }) },
  { cls: 'protocol', name: 'bad percent-encoding in the path', expect: '4xx', send: (t) => http(t, 'GET', '/v1/users/%E0%A4%A/profile') },
];

function shapeOf(body: string, mcp: boolean): { shape: Shape; code?: string } {
  if (body.trim() === '') return { shape: 'none' };
  let json: any;
  try {
    json = JSON.parse(body);
  } catch {
    return { shape: 'other' };
  }
  const e = json?.error;
  if (e && typeof e === 'object' && typeof e.code === 'string' && typeof e.message === 'string' && json.jsonrpc === undefined) return { shape: 'problem', code: e.code };
  if (mcp && json?.jsonrpc === '2.0' && e && typeof e.code === 'number' && typeof e.message === 'string') return { shape: 'json-rpc error', code: `rpc ${e.code}` };
  if (mcp && json?.result?.isError === true) return { shape: 'tool isError' };
  return { shape: 'other' };
}

/** Sends every case (`concurrency` at a time) and classifies the answers. */
export async function runBarrage(t: BarrageTarget, concurrency = 4): Promise<CaseResult[]> {
  const out: CaseResult[] = new Array(CASES.length);
  let next = 0;
  const worker = async () => {
    while (next < CASES.length) {
      const i = next++;
      const c = CASES[i] as Case;
      const a = await c.send(t);
      const mcp = c.expect === 'rejected';
      const { shape, code } = shapeOf(a.body, mcp);
      const status = String(a.status);
      const fivexx = /^5\d\d$/.test(status);
      const is4xx = /^4\d\d$/.test(status);
      let ok: boolean;
      if (c.expect === '4xx') ok = is4xx && shape === 'problem';
      else if (c.expect === 'rejected') ok = (is4xx && (shape === 'problem' || shape === 'json-rpc error')) || (status === '200' && (shape === 'json-rpc error' || shape === 'tool isError'));
      else ok = !fivexx && a.status !== 'timeout' && a.status !== 'conn-error' && (!is4xx || shape === 'problem');
      out[i] = { cls: c.cls, name: c.name, expect: c.expect, status, ...(code ? { code } : {}), shape, ok, fivexx };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
