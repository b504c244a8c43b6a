/**
 * Input that can never succeed gets a 4xx with a stable code, in the documented error shape, on both
 * stores: ids with a lone UTF-16 surrogate (Redis answered them 503 STORE_UNAVAILABLE, which a pixel
 * retries forever), every id ingestion accepts is readable back by URL (ids of 101 to 200 code units
 * hit Fastify's default 100-character parameter limit and its own 414 body), and the framework's own
 * answers (404, 405, 413, 414, 415, bad JSON, bad URL, not HTTP, headers too large, shutting down).
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { MAX_ENCODED_ID_LENGTH, MAX_ID_LENGTH } from '../../src/core/ids.ts';
import { MAX_CONVERSATION_CHARS } from '../../src/core/intent/transcript.ts';
import { MAX_UNIT_PRICE } from '../../src/core/money.ts';
import { ErrorResponse } from '../../src/http/openapiSchemas.ts';
import { createAffinity } from '../../src/main.ts';
import { startRedis, type RedisServerHandle } from '../../src/testing/redisServer.ts';
import { startAffinity, type Running } from './helpers.ts';

/** A lone high surrogate, spelled as JSON spells it (the body is sent as this exact text). */
const LONE = '\\ud800';

interface Answer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

async function send(url: string, method: string, body?: string, contentType = 'application/json'): Promise<Answer> {
  const res = await fetch(url, { method, ...(body !== undefined ? { body, headers: { 'content-type': contentType } } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Asserts the documented error shape (strict: nothing else in it), the status and the code; returns the issue paths. */
function assertError(a: Answer, status: number, code: string): string[] {
  assert.equal(a.status, status, JSON.stringify(a.body));
  const parsed = ErrorResponse.safeParse(a.body);
  assert.ok(parsed.success, `not the documented error shape: ${JSON.stringify(a.body)}`);
  assert.equal(a.body.error.code, code, JSON.stringify(a.body));
  return (a.body.error.issues ?? []).map((i: { path: string }) => i.path);
}

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(port: number, bytes: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('no answer within 10 s'));
    }, 10_000);
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      try {
        resolve({ status, body: JSON.parse(body) });
      } catch {
        reject(new Error(`not a JSON answer: ${JSON.stringify(text.slice(0, 300))}`));
      }
    });
    sock.write(bytes);
  });
}

for (const store of ['sqlite', 'redis'] as const) {
  describe(`ids that can never be stored are a 400, and every accepted id is readable (${store})`, () => {
    let s: Running;
    let redis: RedisServerHandle | undefined;
    before(async () => {
      if (store === 'redis') redis = await startRedis();
      s = await startAffinity(redis ? { AFFINITY_STORE: 'redis', REDIS_URL: redis.url } : {});
    });
    after(async () => {
      await s?.stop();
      await redis?.stop();
    });

    const pixel = (clientId: string, productId = '8') =>
      `{"id":"px-1","name":"product_viewed","clientId":"${clientId}","data":{"productVariant":{"id":"47","product":{"id":"${productId}","title":"Tee"}}}}`;

    it('refuses a lone surrogate in an ingested id with VALIDATION_FAILED naming the field', async () => {
      const cases: [string, string, string][] = [
        ['native userId', `{"id":"n-1","type":"view","userId":"${LONE}abc","productId":"8"}`, 'userId'],
        ['native event id', `{"id":"n${LONE}","type":"view","userId":"u-1","productId":"8"}`, 'id'],
        ['native product id', `{"id":"n-2","type":"view","userId":"u-1","productId":"8${LONE}"}`, 'productId'],
        ['native order id', `{"id":"n-3","type":"purchase","userId":"u-1","productId":"8","orderId":"${LONE}"}`, 'orderId'],
        ['pixel clientId', pixel(`${LONE}abc`), 'clientId'],
        ['pixel product id', pixel('c-1', `${LONE}8`), 'data.productVariant.product.id'],
        // The envelope's consent names the client id (consent is recorded only once the batch is valid).
        ['pixel clientId in an envelope with consent', `{"consent":{"analyticsProcessingAllowed":false},"events":[${pixel(`c${LONE}`)}]}`, 'events.0.clientId'],
      ];
      for (const [what, body, path] of cases) {
        for (const contentType of ['application/json', 'text/plain']) {
          const paths = assertError(await send(`${s.url}/v1/events`, 'POST', body, contentType), 400, 'VALIDATION_FAILED');
          assert.deepEqual(paths, [path], `${what} (${contentType})`);
        }
      }
      // The store is fine: the same events with well-formed ids are accepted.
      const ok = await send(`${s.url}/v1/events`, 'POST', `{"id":"n-ok","type":"view","userId":"\\ud83d\\ude00-shopper","productId":"8"}`);
      assert.equal(ok.status, 202, JSON.stringify(ok.body));
    });

    it('refuses a body that is not UTF-8 (it was decoded into U+FFFD: two events became one id, the second lost as a "duplicate")', async () => {
      const bytes = (text: string, bad: number[]) => Buffer.concat([Buffer.from(text.slice(0, text.indexOf('#'))), Buffer.from(bad), Buffer.from(text.slice(text.indexOf('#') + 1))]);
      const post = async (body: Buffer, contentType: string) => {
        const res = await fetch(`${s.url}/v1/events`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': contentType } });
        const text = await res.text();
        return { status: res.status, body: JSON.parse(text), headers: res.headers } as Answer;
      };
      for (const contentType of ['application/json', 'text/plain']) {
        const view = bytes('{"id":"u8-#","type":"view","userId":"u8-a","productId":"8"}', [0xff]);
        const a = assertError(await post(view, contentType), 400, 'INVALID_JSON');
        assert.deepEqual(a, []);
        const purchase = bytes('{"id":"u8-#","type":"purchase","userId":"u8-b","productId":"8","orderId":"o-1"}', [0xfe]);
        assertError(await post(purchase, contentType), 400, 'INVALID_JSON');
      }
      // A charset other than UTF-8 is not read as if it were.
      assertError(await post(Buffer.from('{"id":"cafe","type":"view","userId":"caf\u00e9","productId":"8"}'), 'application/json; charset=latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE');
      // UTF-8 text, declared or not, is read.
      const ok = await post(Buffer.from('{"id":"u8-ok","type":"view","userId":"café-ñ","productId":"8"}'), 'application/json; charset=UTF-8');
      assert.equal(ok.status, 202, JSON.stringify(ok.body));
    });

    it('refuses a product GID of another kind in a recommendation request (a collection was read as product 1)', async () => {
      assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations`, 'POST', '{"productId":"gid://shopify/Collection/1","limit":3}'), 400, 'VALIDATION_FAILED'), ['productId']);
      assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations`, 'POST', '{"cart":["8","gid://shopify/Customer/7"],"limit":3}'), 400, 'VALIDATION_FAILED'), ['cart.1']);
      // A product's or a variant's GID is read on (this shop has no catalog: 404, not the 400 above).
      const ok = await send(`${s.url}/v1/recommendations`, 'POST', '{"productId":"gid://shopify/ProductVariant/47","cart":["gid://shopify/Product/8"],"limit":3}');
      assert.equal(ok.status, 404, JSON.stringify(ok.body));
    });

    it('refuses a consent for a market the configuration does not know (it was taken as the default market and its privacy regime)', async () => {
      const paths = assertError(await send(`${s.url}/v1/consent`, 'POST', '{"userId":"mk-1","consent":{},"market":"eu1"}'), 400, 'VALIDATION_FAILED');
      assert.deepEqual(paths, ['market']);
      // A configured handle, and a country code (an unconfigured country is the default market's, as everywhere).
      const eu = await send(`${s.url}/v1/consent`, 'POST', '{"userId":"mk-1","consent":{},"market":"eu"}');
      assert.deepEqual([eu.status, eu.body.regime], [200, 'gdpr']);
      const de = await send(`${s.url}/v1/consent`, 'POST', '{"userId":"mk-1","consent":{},"market":"DE"}');
      assert.deepEqual([de.status, de.body.regime], [200, 'gdpr']);
    });

    it('refuses a recommendation market that is no configured handle and no country, currency or locale ("zz1" was read as country "ZZ1")', async () => {
      assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations`, 'POST', '{"userId":"mk-3","market":"XX"}'), 400, 'VALIDATION_FAILED'), ['market']);
      assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations`, 'POST', '{"userId":"mk-3","market":"nowhere"}'), 400, 'VALIDATION_FAILED'), ['market']);
      assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations`, 'POST', '{"userId":"mk-3","market":{"handle":"eu1"}}'), 400, 'VALIDATION_FAILED'), ['market']);
      assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations/batch`, 'POST', '{"requests":[{"userId":"mk-3"},{"userId":"mk-3","market":"XX"}]}'), 400, 'VALIDATION_FAILED'), ['requests.1.market']);
      // A configured handle, alone or as {handle} (markets.md), a country, a currency and a locale are read (this shop has no catalog: 404).
      for (const market of ['"eu"', '{"handle":"eu"}', '"DE"', '"EUR"', '"es-mx"']) {
        const ok = await send(`${s.url}/v1/recommendations`, 'POST', `{"userId":"mk-3","market":${market}}`);
        assert.equal(ok.status, 404, `${market}: ${JSON.stringify(ok.body)}`);
      }
    });

    it('refuses a country code that names no country ("XX" was taken as the default market and its privacy rules)', async () => {
      assert.deepEqual(assertError(await send(`${s.url}/v1/consent`, 'POST', '{"userId":"mk-2","consent":{},"country":"XX"}'), 400, 'VALIDATION_FAILED'), ['country']);
      assert.deepEqual(assertError(await send(`${s.url}/v1/consent`, 'POST', '{"userId":"mk-2","consent":{},"market":"xx"}'), 400, 'VALIDATION_FAILED'), ['market']);
      assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations`, 'POST', '{"userId":"mk-2","market":{"country":"XX"}}'), 400, 'VALIDATION_FAILED'), ['market.country']);
      assert.deepEqual(assertError(await send(`${s.url}/v1/events`, 'POST', '{"events":[{"id":"cc-1","type":"view","userId":"mk-2","productId":"1","country":"XX"}]}'), 400, 'VALIDATION_FAILED'), ['events.0.country']);
      const ok = await send(`${s.url}/v1/consent`, 'POST', '{"userId":"mk-2","consent":{},"country":"fr"}');
      assert.deepEqual([ok.status, ok.body.regime], [200, 'gdpr']);
    });

    it('refuses a shopper id written as a GID that is no customer’s ("gid://shopify/Customer/abc" became shopper "abc")', async () => {
      for (const id of ['gid://shopify/Customer/abc', 'gid://shopify/Product/1']) {
        assertError(await send(`${s.url}/v1/recommendations`, 'POST', JSON.stringify({ userId: id })), 400, 'VALIDATION_FAILED');
        assertError(await send(`${s.url}/v1/consent`, 'POST', JSON.stringify({ customerId: id, consent: {} })), 400, 'VALIDATION_FAILED');
        assertError(await send(`${s.url}/v1/users/${encodeURIComponent(id)}/profile`, 'GET'), 400, 'VALIDATION_FAILED');
        const ev = await send(`${s.url}/v1/events`, 'POST', JSON.stringify({ events: [{ id: `gid-user-${id.length}`, type: 'view', userId: id, productId: '1' }] }));
        assert.equal(ev.status, 400, JSON.stringify(ev.body));
      }
      // A customer's GID is taken (this server has no catalog: past validation, 404).
      const ok = await send(`${s.url}/v1/recommendations`, 'POST', '{"userId":"gid://shopify/Customer/7700042"}');
      assert.equal(ok.status, 404, JSON.stringify(ok.body));
      const consent = await send(`${s.url}/v1/consent`, 'POST', '{"customerId":"gid://shopify/Customer/7700042","consent":{}}');
      assert.equal(consent.status, 200, JSON.stringify(consent.body));
      // An agent's user_id too: a tool error that says what a customer's GID is.
      const body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_shopper_profile","arguments":{"user_id":"gid://shopify/Customer/abc"}}}';
      const res = await fetch(`${s.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body });
      const rpc = (await res.json()) as { result?: { isError?: boolean; content: { text: string }[] } };
      assert.equal(rpc.result?.isError, true, JSON.stringify(rpc));
      assert.match(rpc.result?.content[0]?.text ?? '', /not a customer GID/);
    });

    it('keeps a pixel event whose product title was cut inside an emoji (only ids must be well-formed)', async () => {
      const body = `{"id":"px-cut","name":"product_viewed","clientId":"c-cut","data":{"productVariant":{"id":"47","product":{"id":"8","title":"Tee \\ud83d"}}}}`;
      const r = await send(`${s.url}/v1/events`, 'POST', body, 'text/plain');
      assert.equal(r.status, 202, JSON.stringify(r.body));
      assert.equal(r.body.accepted, 1);
    });

    it('refuses a lone surrogate in the ids of MCP tool arguments (a tool error, nothing reaches the store)', async () => {
      for (const [tool, args] of [
        ['get_shopper_profile', `{"user_id":"${LONE}x"}`],
        ['recommend_products', `{"session_id":"s${LONE}"}`],
        ['explain_recommendation', `{"product_id":"p${LONE}","user_id":"u"}`],
      ] as const) {
        const body = `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${tool}","arguments":${args}}}`;
        const res = await fetch(`${s.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body });
        const rpc = (await res.json()) as { result?: { isError?: boolean; content: { text: string }[] } };
        assert.equal(rpc.result?.isError, true, `${tool}: ${JSON.stringify(rpc)}`);
        assert.match(rpc.result?.content[0]?.text ?? '', /well-formed Unicode/);
      }
    });

    it('refuses a lone surrogate in the ids of recommendation, batch and consent requests', async () => {
      const cases: [string, string, string][] = [
        ['/v1/recommendations', `{"userId":"${LONE}abc"}`, 'userId'],
        ['/v1/recommendations', `{"productId":"p${LONE}"}`, 'productId'],
        ['/v1/recommendations', `{"userId":"u","cart":["1","${LONE}"]}`, 'cart.1'],
        ['/v1/recommendations', `{"userId":"u","sessionId":"s${LONE}","text":"boots"}`, 'sessionId'],
        ['/v1/recommendations/batch', `{"requests":[{"userId":"${LONE}"}]}`, 'requests.0.userId'],
        ['/v1/consent', `{"clientId":"${LONE}abc","consent":{"analyticsProcessingAllowed":false}}`, 'clientId'],
      ];
      for (const [path, body, field] of cases) {
        assert.deepEqual(assertError(await send(`${s.url}${path}`, 'POST', body), 400, 'VALIDATION_FAILED'), [field], `${path} ${body}`);
      }
    });

    it(`reads back the profile of every id ingestion accepts (up to ${MAX_ID_LENGTH} code units, any script)`, async () => {
      const ids = ['u'.repeat(101), 'v'.repeat(MAX_ID_LENGTH), '字'.repeat(MAX_ID_LENGTH), '😀'.repeat(MAX_ID_LENGTH / 2), 'a/b?c#d%e f'];
      const events = ids.map((userId, i) => ({ id: `long-${i}`, type: 'view', userId, productId: '8' }));
      const r = await send(`${s.url}/v1/events`, 'POST', JSON.stringify(events));
      assert.equal(r.status, 202, JSON.stringify(r.body));
      await s.affinity.ctx.projector.flush();
      for (const id of ids) {
        const p = await send(`${s.url}/v1/users/${encodeURIComponent(id)}/profile`, 'GET');
        assert.equal(p.status, 200, `${id.length} code units: ${JSON.stringify(p.body).slice(0, 200)}`);
        assert.equal(p.body.userId, id);
      }
      const tooLong = { id: 'long-x', type: 'view', userId: 'w'.repeat(MAX_ID_LENGTH + 1), productId: '8' };
      assert.deepEqual(assertError(await send(`${s.url}/v1/events`, 'POST', JSON.stringify(tooLong)), 400, 'VALIDATION_FAILED'), ['userId']);
    });
  });
}

describe('the framework’s own answers use the documented error shape', () => {
  let s: Running;
  let port: number;
  before(async () => {
    s = await startAffinity();
    port = Number(new URL(s.url).port);
  });
  after(async () => {
    await s.stop();
  });

  it('404 for an unknown route, 405 (with Allow) for an unknown method of a known path', async () => {
    assertError(await send(`${s.url}/v1/nope`, 'GET'), 404, 'NOT_FOUND');
    const a = await send(`${s.url}/v1/events`, 'PUT', '{}');
    assertError(a, 405, 'METHOD_NOT_ALLOWED');
    assert.equal(a.headers.get('allow'), 'OPTIONS, POST');
    assertError(await send(`${s.url}/v1/users/x/profile`, 'POST', '{}'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('414 URI_TOO_LONG for a path parameter longer than the longest encoded id; 400 for a URL that is not UTF-8', async () => {
    assertError(await send(`${s.url}/v1/users/${'u'.repeat(MAX_ENCODED_ID_LENGTH + 1)}/profile`, 'GET'), 414, 'URI_TOO_LONG');
    assert.deepEqual(assertError(await send(`${s.url}/v1/users/%ED%A0%80/profile`, 'GET'), 400, 'VALIDATION_FAILED'), ['url']);
  });

  it(`takes a conversation of up to ${MAX_CONVERSATION_CHARS} characters in text, as the MCP tools do; a longer one is 400 naming text`, async () => {
    const turn = 'user: a warm jacket for my husband, under 150 please\n';
    const long = turn.repeat(Math.ceil(MAX_CONVERSATION_CHARS / turn.length)).slice(0, MAX_CONVERSATION_CHARS);
    const jacket = { id: '1', title: 'Quilted Jacket', vendor: 'Oxbow', productType: 'Jackets', tags: ['men'], price: '120.00' };
    assert.equal((await send(`${s.url}/v1/catalog/products?currency=USD`, 'POST', JSON.stringify([jacket]))).status, 200);
    const ok = await send(`${s.url}/v1/recommendations`, 'POST', JSON.stringify({ text: long, limit: 3 }));
    assert.equal(ok.status, 200, JSON.stringify(ok.body).slice(0, 300));
    assert.deepEqual(assertError(await send(`${s.url}/v1/recommendations`, 'POST', JSON.stringify({ text: `${long}x`, limit: 3 })), 400, 'VALIDATION_FAILED'), ['text']);
  });

  it(`refuses a unit price above ${MAX_UNIT_PRICE} major units in an event (400 naming the field), never summed into revenue`, async () => {
    const order = (price: number) => ({ id: `big-${price}`, type: 'purchase', userId: 'u-big', orderId: `o-${price}`, items: [{ productId: '1', quantity: 10, price, currency: 'USD' }] });
    assert.deepEqual(assertError(await send(`${s.url}/v1/events`, 'POST', JSON.stringify(order(1.7e308))), 400, 'VALIDATION_FAILED'), ['items.0.price']);
    assert.equal((await send(`${s.url}/v1/events`, 'POST', JSON.stringify(order(MAX_UNIT_PRICE)))).status, 202);
  });

  it('415 UNSUPPORTED_MEDIA_TYPE, 413 PAYLOAD_TOO_LARGE, 400 INVALID_JSON', async () => {
    assertError(await send(`${s.url}/v1/events`, 'POST', '<event/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertError(await send(`${s.url}/v1/recommendations`, 'POST', JSON.stringify({ text: 'x'.repeat(1024 * 1024) })), 413, 'PAYLOAD_TOO_LARGE');
    assertError(await send(`${s.url}/v1/events`, 'POST', '{"id": '), 400, 'INVALID_JSON');
    assertError(await send(`${s.url}/v1/events`, 'POST', '{"id": ', 'text/plain'), 400, 'INVALID_JSON');
    assertError(await send(`${s.url}/v1/events`, 'POST', ''), 400, 'INVALID_JSON');
    const proto = await send(`${s.url}/v1/events`, 'POST', '{"__proto__": {"x": 1}}');
    assertError(proto, 400, 'INVALID_JSON');
    assert.match(proto.body.error.message, /"__proto__" key/, 'valid JSON: the message says what is refused');
  });

  it('415 for a compressed body (a Content-Encoding other than identity), which would otherwise be read as its compressed bytes', async () => {
    const gz = gzipSync(JSON.stringify({ events: [] }));
    for (const [path, coding] of [['/v1/events', 'gzip'], ['/v1/recommendations', 'br'], ['/v1/recommendations', 'deflate']] as const) {
      const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': coding }, body: gz });
      const body = (await res.json()) as any;
      assertError({ status: res.status, body } as Answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(body.error.message, new RegExp(`^Content-Encoding ${coding} is not supported`));
    }
    // Near miss: identity is no encoding.
    const plain = await fetch(`${s.url}/v1/recommendations`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'identity' }, body: JSON.stringify({ limit: 1 }) });
    assert.notEqual(plain.status, 415);
    await plain.arrayBuffer();
  });

  it('400 for a request that is not HTTP, 431 HEADERS_TOO_LARGE', async () => {
    const notHttp = await raw(port, 'HELLO there\r\n\r\n');
    assert.equal(notHttp.status, 400);
    assert.ok(ErrorResponse.safeParse(notHttp.body).success, JSON.stringify(notHttp.body));
    assert.equal(notHttp.body.error.code, 'VALIDATION_FAILED');
    const big = await raw(port, `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    assert.equal(big.status, 431);
    assert.ok(ErrorResponse.safeParse(big.body).success, JSON.stringify(big.body));
    assert.equal(big.body.error.code, 'HEADERS_TOO_LARGE');
  });
});

describe('a request that reaches a closing server', () => {
  it('gets 503 SHUTTING_DOWN in the documented shape (not Fastify’s own 503 body)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'affinity-e2e-'));
    const affinity = await createAffinity(loadConfig({ PORT: '0', HOST: '127.0.0.1', AFFINITY_DB: join(dir, 'a.db'), AFFINITY_LOG_LEVEL: 'silent' }));
    // Hold the shutdown between "closing" and "stop listening", where a keep-alive or new request lands.
    let entered!: () => void;
    const inClose = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    affinity.app.addHook('preClose', async () => {
      entered();
      await released;
    });
    const url = await affinity.listen();
    const closing = affinity.close();
    try {
      await inClose;
      const a = await send(`${url}/health/live`, 'GET');
      assertError(a, 503, 'SHUTTING_DOWN');
      assert.equal(a.headers.get('connection'), 'close');
    } finally {
      release();
      await closing;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
