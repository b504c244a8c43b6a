/**
 * The OpenAPI 3.1 document served at `GET /openapi.json`, built from the operation table
 * (`openapiOperations.ts`) and the same zod schemas the handlers validate with. The security of each
 * operation is derived from `routeAccess()`, the function the access hook enforces, and the error
 * answers from the error registry (`core/errors.ts`), so neither can drift from what the server does.
 * The OpenAPI test holds the document to the routes the app registers.
 */
import { z } from 'zod';
import { SHOP_NAME_MAX } from '../core/access/shopName.ts';
import { ERROR_CODES, type ErrorCode } from '../core/errors.ts';
import { OPERATIONS, REQUEST_COMPONENTS, RESPONSE_COMPONENTS, type AnswerSpec, type OperationSpec, type SchemaSource } from './openapiOperations.ts';
import { routeAccess, type RouteAccess } from './requestGuard.ts';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

/** Converts a registry of named zod schemas into component schemas that refer to each other by `$ref`. */
function componentSchemas(named: Readonly<Record<string, z.ZodType>>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, strip(s as Json)]));
}

/** Drops what JSON Schema documents carry and OpenAPI components do not need. */
function strip(s: Json): Json {
  const { $schema: _schema, $id: _id, ...rest } = s;
  return rest;
}

/** The schema names by zod schema (requests and answers), for `$ref`s instead of copies. */
const COMPONENT_NAMES = new Map<z.ZodType, string>([
  ...Object.entries(REQUEST_COMPONENTS).map(([n, s]) => [s, n] as const),
  ...Object.entries(RESPONSE_COMPONENTS).map(([n, s]) => [s, n] as const),
]);

function schemaOf(src: SchemaSource, io: 'input' | 'output'): Json {
  if ('json' in src) return { ...src.json };
  const name = COMPONENT_NAMES.get(src);
  return name ? ref(name) : strip(z.toJSONSchema(src, { io, unrepresentable: 'any' }) as Json);
}

/** A concrete path for a template (`/v1/users/{id}/profile` → `/v1/users/x/profile`), to ask `routeAccess`. */
export function concretePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, 'x');
}

/** The access an operation needs, exactly as the access hook decides it. */
export function accessOf(op: Pick<OperationSpec, 'method' | 'path'>): RouteAccess | undefined {
  return routeAccess(op.method.toUpperCase(), concretePath(op.path));
}

/** The security requirement of an operation: a key with its role, Shopify's signature, or none. */
export function securityOf(op: Pick<OperationSpec, 'method' | 'path' | 'signed'>): Json[] {
  const access = accessOf(op);
  if (access?.proxy) return [{ shopifyAppProxy: [] }];
  if (access) return [{ bearerAuth: [access.role] }, { affinityKey: [access.role] }];
  return op.signed === 'shopify-hmac' ? [{ shopifyHmac: [] }] : [];
}

/** Every error code an operation can answer: its own, and those of its kind. */
export function errorCodesOf(op: OperationSpec): ErrorCode[] {
  const codes = new Set<ErrorCode>(op.errors);
  const access = accessOf(op);
  if (access?.proxy) for (const c of ['PROXY_UNAUTHORIZED', 'TENANT_MISMATCH'] as const) codes.add(c);
  else if (access) for (const c of ['UNAUTHORIZED', 'FORBIDDEN', 'TENANT_MISMATCH', 'INVALID_SHOP'] as const) codes.add(c);
  if (access?.pixel) for (const c of ['ORIGIN_NOT_ALLOWED', 'RATE_LIMITED'] as const) codes.add(c);
  if (op.body?.json) for (const c of ['INVALID_JSON', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const) codes.add(c);
  // A path parameter that is not valid percent-encoding (400) or longer than any id (414).
  if (op.params?.some((p) => p.in === 'path')) for (const c of ['VALIDATION_FAILED', 'URI_TOO_LONG'] as const) codes.add(c);
  codes.add('INTERNAL');
  codes.add('SHUTTING_DOWN');
  return [...codes];
}

const HEADER_DOCS: Readonly<Record<string, string>> = {
  'Retry-After': 'Seconds to wait before retrying.',
  Allow: 'The methods the path has.',
};

function headersOf(names: readonly string[]): Json | undefined {
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((n) => [n, { description: HEADER_DOCS[n] ?? n, schema: { type: 'string' } }]));
}

/** The responses of an operation: its answers, merged with the error codes by status. */
function responsesOf(op: OperationSpec): Json {
  const byStatus = new Map<string, ErrorCode[]>();
  for (const code of errorCodesOf(op)) {
    const status = String(ERROR_CODES[code].status);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const statuses = [...new Set([...Object.keys(op.answers), ...byStatus.keys()])].sort();
  const out: Json = {};
  for (const status of statuses) {
    const answer: AnswerSpec | undefined = op.answers[status];
    const codes = byStatus.get(status) ?? [];
    const lines = [
      ...(answer ? [answer.description] : []),
      ...codes.map((c) => `\`${c}\`: ${ERROR_CODES[c].title}`),
    ];
    const schemas = [...(answer?.schema ? [schemaOf(answer.schema, 'output')] : []), ...(codes.length > 0 ? [ref('Error')] : [])];
    const contentType = answer?.schema ? (answer.contentType ?? 'application/json') : 'application/json';
    const headerNames = [...Object.keys(answer?.headers ?? {}), ...(codes.includes('RATE_LIMITED') ? ['Retry-After'] : [])];
    const headers = headersOf(headerNames);
    out[status] = {
      description: lines.join('\n\n'),
      ...(headers ? { headers } : {}),
      ...(schemas.length > 0 ? { content: { [contentType]: { schema: schemas.length === 1 ? schemas[0] : { oneOf: schemas } } } } : {}),
    };
  }
  return out;
}

const TENANT_PARAMS: readonly Json[] = [
  { name: 'X-Affinity-Shop', in: 'header', required: false, description: 'The shop (tenant). Also `?shop=` or `shop` in the body; a key scoped to one shop is that shop. Default: AFFINITY_DEFAULT_SHOP.', schema: { type: 'string', maxLength: SHOP_NAME_MAX } },
  { name: 'shop', in: 'query', required: false, description: 'The shop (tenant), as X-Affinity-Shop.', schema: { type: 'string', maxLength: SHOP_NAME_MAX } },
];

function operationOf(op: OperationSpec): Json {
  const access = accessOf(op);
  const params = (op.params ?? []).map((p) => ({
    name: p.name,
    in: p.in,
    required: p.in === 'path' ? true : (p.required ?? false),
    description: p.description,
    schema: schemaOf(p.schema, 'input'),
    ...(p.example !== undefined ? { example: p.example } : {}),
  }));
  // An app proxy request's tenant is its signed `shop`; the others name theirs in a header or the query.
  // A parameter is unique by name and location (OpenAPI): an operation that declares `shop` itself keeps its own.
  const tenant = access && !access.proxy ? TENANT_PARAMS.filter((t) => !params.some((p) => p.name === t.name && p.in === t.in)) : [];
  const parameters = [...params, ...tenant];
  return {
    operationId: op.operationId,
    tags: op.tags,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required,
            description: op.body.description,
            content: Object.fromEntries(
              Object.entries(op.body.content).map(([type, schema]) => [
                type,
                { schema: schemaOf(schema, 'input'), ...(op.example !== undefined && type === Object.keys(op.body?.content ?? {})[0] ? { example: op.example } : {}) },
              ]),
            ),
          },
        }
      : {}),
    responses: responsesOf(op),
    security: securityOf(op),
    ...(access && !access.proxy ? { 'x-affinity-role': access.role } : {}),
    ...(access?.pixel ? { 'x-affinity-pixel': true } : {}),
  };
}

/** Builds the document. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operationOf(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Affinity',
      version,
      description: [
        'Real-time personalization for conversational commerce.',
        'Errors are `{"error": {"code", "message", "issues"?}}` with a stable code (docs/errors.md), including the framework’s own (unknown route 404, method 405, URL 400/414, content type 415, body 413/400, shutdown 503); only `/mcp` answers its protocol errors as JSON-RPC errors.',
        'Access: an API key (`Authorization: Bearer <key>` or `X-Affinity-Key`) scoped to a shop (or `*`) with roles `ingest`, `read`, `admin` (an admin key may do everything). Each operation lists the role it needs; public operations have no security; the compliance webhooks and the app proxy routes are signed by Shopify. With no key configured (`AFFINITY_API_KEYS` unset) the keyed operations run open.',
        'Every GET also answers HEAD (same access).',
      ].join('\n\n'),
    },
    tags: [
      { name: 'events', description: 'Behaviour in: Web Pixel and native events.' },
      { name: 'recommendations', description: 'Ranked products with reasons.' },
      { name: 'profiles', description: 'What Affinity knows about a shopper.' },
      { name: 'catalog', description: 'Products.' },
      { name: 'intent', description: 'Shopper utterances.' },
      { name: 'privacy', description: 'Consent, compliance webhooks, exports (docs/privacy.md).' },
      { name: 'webhooks', description: 'Shopify webhooks.' },
      { name: 'storefront', description: 'Called by the theme through Shopify’s app proxy.' },
      { name: 'admin', description: 'Needs the admin role.' },
      { name: 'mcp', description: 'Model Context Protocol (docs/mcp.md).' },
      { name: 'operations', description: 'Health, metrics, this document.' },
    ],
    components: {
      schemas: { ...componentSchemas(REQUEST_COMPONENTS, 'input'), ...componentSchemas(RESPONSE_COMPONENTS, 'output') },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An AFFINITY_API_KEYS key. The role an operation needs is in its security requirement (and `x-affinity-role`).' },
        affinityKey: { type: 'apiKey', in: 'header', name: 'X-Affinity-Key', description: 'The same key, in a header of its own.' },
        shopifyAppProxy: {
          type: 'apiKey',
          in: 'query',
          name: 'signature',
          description:
            'Shopify’s app proxy signature: hex HMAC-SHA256, keyed with the app’s client secret, of every other query parameter written `key=value` (the values of a repeated key joined with `,`), sorted and concatenated; `timestamp` within 5 minutes of now.',
        },
        shopifyHmac: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Shopify-Hmac-SHA256',
          description: 'Base64 HMAC-SHA256 of the raw request body with the Shopify app’s client secret (SHOPIFY_API_SECRET; several during a rotation).',
        },
      },
    },
    paths,
  };
}
