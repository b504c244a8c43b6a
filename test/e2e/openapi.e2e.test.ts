/**
 * The OpenAPI document is complete and true, held to the real app:
 * - every route the app registers (in every plugin scope) is documented, and every documented
 *   operation is registered;
 * - each operation documents its path parameters, its request body (POST), its answers with schemas
 *   (errors in the documented error shape), and the security the access hook enforces (derived here
 *   from `routeAccess()` independently of the document's builder);
 * - every example the document gives is sent to the app, and the answer's status is documented and
 *   its body parses with the documented schema (the strict zod schemas the document is generated from).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { z } from 'zod';
import { signProxyParams } from '../../src/adapters/shopify/appProxySignature.ts';
import { COMPLIANCE_SCHEMAS } from '../../src/core/privacy/complianceWebhook.ts';
import { RESPONSE_COMPONENTS } from '../../src/http/openapiOperations.ts';
import { routeAccess } from '../../src/http/requestGuard.ts';
import { registeredRoutes, type RegisteredRoute } from '../../src/http/routeTable.ts';
import { SMALL_CATALOG, startAffinity, type Running } from './helpers.ts';

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head'];

/** `/v1/users/:id/profile` → `/v1/users/{id}/profile`. */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Registered routes the document does not describe (a GET's implicit HEAD twin is described by the GET). */
function undocumented(routes: readonly RegisteredRoute[], doc: Json): string[] {
  return routes.filter((r) => !r.implicitHead && !doc.paths?.[openApiPath(r.url)]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.url}`);
}

/** Documented operations the app does not register. */
function unregistered(routes: readonly RegisteredRoute[], doc: Json): string[] {
  const have = new Set(routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`));
  const out: string[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths)) for (const m of Object.keys(item)) if (METHODS.includes(m) && !have.has(`${m} ${path}`)) out.push(`${m.toUpperCase()} ${path}`);
  return out;
}

function operations(doc: Json): { path: string; method: string; op: Json }[] {
  return Object.entries<Json>(doc.paths).flatMap(([path, item]) => Object.entries<Json>(item).filter(([m]) => METHODS.includes(m)).map(([method, op]) => ({ path, method, op })));
}

/** The security the access hook enforces for a route, as the document must state it. */
function expectedSecurity(method: string, path: string): Json[] {
  const access = routeAccess(method.toUpperCase(), path.replace(/\{[^}]+\}/g, 'sample'));
  if (access?.proxy) return [{ shopifyAppProxy: [] }];
  if (access) return [{ bearerAuth: [access.role] }, { affinityKey: [access.role] }];
  return path.startsWith('/webhooks/') ? [{ shopifyHmac: [] }] : [];
}

/** The component names a response schema refers to (directly or through `oneOf`). */
function refsOf(schema: Json | undefined): string[] {
  if (!schema) return [];
  if (typeof schema.$ref === 'string') return [schema.$ref.replace('#/components/schemas/', '')];
  return (schema.oneOf ?? []).flatMap((s: Json) => refsOf(s));
}

function allRefs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) allRefs(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else allRefs(v, out);
    }
  }
  return out;
}

/** The Shopify app secret of the instance (signs app proxy queries; the examples' signatures are not valid). */
const SECRET = 'openapi-test-app-secret';

describe('OpenAPI document', () => {
  let s: Running;
  let doc: Json;
  let routes: readonly RegisteredRoute[];
  before(async () => {
    s = await startAffinity({ SHOPIFY_API_SECRET: SECRET });
    for (const shop of ['default', 'shop.myshopify.com']) assert.equal((await s.post(`/v1/catalog/products?shop=${shop}`, SMALL_CATALOG)).status, 200);
    routes = registeredRoutes(s.affinity.app);
    const r = await s.get('/openapi.json');
    assert.equal(r.status, 200);
    doc = r.body;
  });
  after(async () => {
    await s.stop();
  });

  it('documents every registered route, and registers every documented operation', () => {
    assert.ok(routes.length >= 25, `only ${routes.length} routes recorded`);
    assert.deepEqual(undocumented(routes, doc), []);
    assert.deepEqual(unregistered(routes, doc), []);
  });

  it('catches a route added without its documentation', () => {
    const route = { method: 'POST', url: '/shopify/proxy/undocumented', implicitHead: false };
    assert.deepEqual(undocumented([...routes, route], doc), [...undocumented(routes, doc), 'POST /shopify/proxy/undocumented']);
  });

  it('states for every operation the security the access hook enforces', () => {
    for (const { path, method, op } of operations(doc)) {
      assert.deepEqual(op.security, expectedSecurity(method, path), `${method} ${path}`);
      for (const req of op.security) for (const name of Object.keys(req)) assert.ok(doc.components.securitySchemes[name], `${method} ${path}: scheme ${name}`);
    }
    // The bearer scheme is applied: every keyed route names its role.
    const roles = new Set(operations(doc).flatMap(({ op }) => op.security.flatMap((r: Json) => r.bearerAuth ?? [])));
    assert.deepEqual([...roles].sort(), ['admin', 'ingest', 'read']);
  });

  it('documents each operation’s parameters, request body and answers with schemas', () => {
    for (const { path, method, op } of operations(doc)) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(op.summary && op.operationId, `${where}: summary and operationId`);
      // OpenAPI: a parameter is unique by name and location.
      const keys = (op.parameters ?? []).map((x: Json) => `${x.in}:${x.name}`);
      assert.deepEqual(keys, [...new Set(keys)], `${where}: a parameter declared twice`);
      for (const name of path.match(/\{([^}]+)\}/g) ?? []) {
        const p = (op.parameters ?? []).find((x: Json) => x.in === 'path' && `{${x.name}}` === name);
        assert.ok(p?.required && p.schema, `${where}: path parameter ${name}`);
      }
      if (method === 'post') {
        const content = op.requestBody?.content ?? {};
        assert.ok(Object.keys(content).length > 0, `${where}: request body`);
        for (const [type, media] of Object.entries<Json>(content)) assert.ok(media.schema, `${where}: ${type} schema`);
      }
      const statuses = Object.keys(op.responses);
      assert.ok(statuses.some((st) => /^2\d\d$/.test(st)) || statuses.includes('405'), `${where}: a success answer`);
      assert.ok(statuses.includes('500'), `${where}: 500`);
      for (const [status, res] of Object.entries<Json>(op.responses)) {
        assert.ok(res.description, `${where} ${status}: description`);
        if (status === '204' || (status === '202' && path === '/mcp')) continue;
        const media = Object.values<Json>(res.content ?? {});
        assert.equal(media.length, 1, `${where} ${status}: one content type`);
        assert.ok(media[0]?.schema, `${where} ${status}: schema`);
        if (Number(status) >= 400) {
          const refs = refsOf(media[0]?.schema);
          assert.ok(refs.includes('Error') || refs.includes('JsonRpcError'), `${where} ${status}: error shape (${refs.join(', ')})`);
        }
      }
    }
  });

  it('gives each compliance webhook an example of its own topic, as Shopify sends it', () => {
    for (const topic of Object.keys(COMPLIANCE_SCHEMAS) as (keyof typeof COMPLIANCE_SCHEMAS)[]) {
      const example = doc.paths[`/webhooks/shopify/${topic}`]?.post?.requestBody?.content?.['application/json']?.example;
      assert.ok(example, topic);
      assert.ok(COMPLIANCE_SCHEMAS[topic].safeParse(example).success, `${topic}: ${JSON.stringify(example)}`);
      if (topic !== 'shop/redact') assert.ok('customer' in example, `${topic}: names the customer`);
    }
  });

  it('resolves every $ref', () => {
    for (const r of allRefs(doc)) {
      const name = r.replace('#/components/schemas/', '');
      assert.ok(r.startsWith('#/components/schemas/') && doc.components.schemas[name], `dangling ${r}`);
    }
  });

  it('documents the conversational answers of the recommendation routes too', async () => {
    const body = { userId: 'shopper-1', text: 'a linen dress for my mother under 100 dollars', market: 'US', sessionId: 'conv-1', limit: 3 };
    const one = await s.post('/v1/recommendations', body);
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.ok('intent' in one.body && 'context' in one.body, 'the conversational path answered');
    const r1 = RESPONSE_COMPONENTS.Recommendations?.safeParse(one.body);
    assert.ok(r1?.success, JSON.stringify(r1?.error?.issues));
    const batch = await s.post('/v1/recommendations/batch', { requests: [body, { userId: 'shopper-1' }] });
    assert.equal(batch.status, 200, JSON.stringify(batch.body));
    const r2 = RESPONSE_COMPONENTS.RecommendationBatchResult?.safeParse(batch.body);
    assert.ok(r2?.success, JSON.stringify(r2?.error?.issues));
  });

  it('documents the storefront answer of the app proxy route', async () => {
    const params = new Map([
      ['shop', ['shop.myshopify.com']],
      ['path_prefix', ['/apps/affinity']],
      ['timestamp', [String(Math.floor(Date.now() / 1000))]],
      ['limit', ['4']],
    ]);
    const query = new URLSearchParams([...params].map(([k, [v]]) => [k, v as string]));
    query.set('signature', signProxyParams(params, SECRET));
    const res = await s.get(`/shopify/proxy/recommendations?${query}`);
    assert.equal(res.status, 200, res.text);
    const r = RESPONSE_COMPONENTS.ProxyRecommendations?.safeParse(res.body);
    assert.ok(r?.success, JSON.stringify(r?.error?.issues));
  });

  it('answers every documented example with a documented status and body', async () => {
    let sent = 0;
    for (const { path, method, op } of operations(doc)) {
      const params: Json[] = op.parameters ?? [];
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(params.find((p) => p.in === 'path' && p.name === name)?.example ?? 'x'));
      const headers: Record<string, string> = {};
      for (const p of params) if (p.in === 'header' && p.example !== undefined) headers[p.name.toLowerCase()] = p.example;
      const query = new URLSearchParams(params.filter((p) => p.in === 'query' && p.example !== undefined).map((p) => [p.name, p.example]));
      const [contentType, media] = Object.entries<Json>(op.requestBody?.content ?? {})[0] ?? [];
      if (media?.example !== undefined) headers['content-type'] = contentType as string;
      await s.affinity.ctx.projector.flush();
      const res = await fetch(`${s.url}${url}${query.size > 0 ? `?${query}` : ''}`, {
        method: method.toUpperCase(),
        headers,
        ...(media?.example !== undefined ? { body: JSON.stringify(media.example) } : {}),
      });
      const text = await res.text();
      const where = `${method.toUpperCase()} ${url} → ${res.status} ${text.slice(0, 300)}`;
      const documented = op.responses[String(res.status)];
      assert.ok(documented, `${where}: status not documented`);
      const [type, answer] = Object.entries<Json>(documented.content ?? {})[0] ?? [];
      if (!answer) {
        assert.equal(text, '', where);
        continue;
      }
      assert.ok(res.headers.get('content-type')?.startsWith(type as string), `${where}: content type ${res.headers.get('content-type')}`);
      const schemas = refsOf(answer.schema).map((n) => RESPONSE_COMPONENTS[n] as z.ZodType | undefined);
      if (schemas.length === 0) continue; // a literal schema (text/plain metrics)
      const body = JSON.parse(text);
      const results = schemas.map((schema) => schema?.safeParse(body));
      assert.ok(results.some((r) => r?.success), `${where}: ${JSON.stringify(results.map((r) => r?.error?.issues))}`);
      sent++;
    }
    assert.ok(sent >= 20, `only ${sent} answers checked`);
  });
});
