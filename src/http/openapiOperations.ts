/**
 * Every HTTP operation Affinity serves, as the OpenAPI document describes it: parameters, request
 * body (the routes' own zod schemas where they have one), answers with their schemas
 * (`openapiSchemas.ts`), the error codes particular to the route, and an example request that the
 * OpenAPI test sends to a real app. What is common is added by `openapi.ts`: the security (derived from
 * `routeAccess()`, the function the access hook enforces), the tenant parameters, and the error codes
 * every route of a kind can answer (access, body parsing, path parameters, shutdown).
 *
 * The OpenAPI test fails when a registered route is missing here, or one listed here is not registered.
 */
import { z } from 'zod';
import { IngestEnvelopeSchema } from '../core/events/ingest.ts';
import { NativeEventSchema } from '../core/events/nativeEvent.ts';
import { PixelEventSchema } from '../core/events/pixelEvent.ts';
import type { ErrorCode } from '../core/errors.ts';
import { IdStringSchema } from '../core/ids.ts';
import { COMPLIANCE_SCHEMAS, COMPLIANCE_TOPICS, type ComplianceTopic } from '../core/privacy/complianceWebhook.ts';
import * as S from './openapiSchemas.ts';
import { ConsentRequestSchema } from './routes/consent.ts';
import { IntentRequestSchema } from './routes/intent.ts';
import { RecommendationBatchSchema, RecommendationRequestSchema } from './routes/recommendations.ts';

/** An HTTP method as OpenAPI spells it. */
export type Method = 'get' | 'post' | 'delete' | 'options';

/** A schema: a zod schema (converted, named when it is a component) or a literal JSON Schema. */
export type SchemaSource = z.ZodType | { readonly json: Readonly<Record<string, unknown>> };

/** One parameter (path, query or header). */
export interface ParamSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly description: string;
  readonly schema: SchemaSource;
  readonly example?: string;
}

/** One answer of an operation (a success, or an answer particular to it such as `/mcp`'s JSON-RPC errors). */
export interface AnswerSpec {
  readonly description: string;
  /** Absent: no body. */
  readonly schema?: SchemaSource;
  /** Default `application/json`. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One operation. */
export interface OperationSpec {
  readonly method: Method;
  /** OpenAPI path (`/v1/users/{id}/profile`). */
  readonly path: string;
  readonly operationId: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description?: string;
  readonly params?: readonly ParamSpec[];
  readonly body?: {
    readonly required: boolean;
    readonly description: string;
    /** Content type → schema. */
    readonly content: Readonly<Record<string, SchemaSource>>;
    /** Parsed as JSON by Affinity (adds INVALID_JSON, VALIDATION_FAILED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE). */
    readonly json: boolean;
  };
  /** Status → answer (successes, and answers particular to the route). */
  readonly answers: Readonly<Record<string, AnswerSpec>>;
  /** Error codes particular to the route (the common ones are added). */
  readonly errors: readonly ErrorCode[];
  /** Authenticated by Shopify's HMAC signature rather than an API key. */
  readonly signed?: 'shopify-hmac';
  /**
   * The example body (in the first content type), published in the document. With the examples of the
   * parameters it makes a request the route answers with a documented status on a fresh app: the
   * OpenAPI test sends every one of them.
   */
  readonly example?: unknown;
}

const json = (schema: Readonly<Record<string, unknown>>): SchemaSource => ({ json: schema });

/** The request body forms of `POST /v1/events`. */
const EVENTS_BODY = json({
  oneOf: [
    { $ref: '#/components/schemas/PixelEvent' },
    { $ref: '#/components/schemas/NativeEvent' },
    { type: 'array', maxItems: 1000, items: { oneOf: [{ $ref: '#/components/schemas/PixelEvent' }, { $ref: '#/components/schemas/NativeEvent' }] } },
    { $ref: '#/components/schemas/IngestEnvelope' },
  ],
});

/** The JSON catalog forms (`core/catalog/jsonImport.ts`): compact products or UCP catalog products. */
const CatalogJson = z
  .union([
    z.array(z.record(z.string(), z.unknown())),
    z.object({ products: z.array(z.record(z.string(), z.unknown())) }).loose(),
  ])
  .describe(
    'An array of products, or {"products": [...]}. Compact form: {id, handle?, title, description?, vendor?, productType? (or type), category?, tags? (array or comma-separated), currency?, images?, url?, published?, available?, createdAt?, price? (decimal major units) | variants: [{id, title?, sku?, price, compareAtPrice?, available?, options?}]}; UCP catalog products (Storefront Catalog MCP) are detected per item.',
  );

const ID_PARAM: ParamSpec = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The id, percent-encoded: up to 200 UTF-16 code units of well-formed Unicode (every id ingestion accepts).',
  schema: IdStringSchema,
  example: 'shopper-1',
};

const JOB_ID_PARAM: ParamSpec = { name: 'id', in: 'path', required: true, description: 'A privacy job id (also the export id).', schema: z.string().min(1), example: 'no-such-job' };

const ORIGIN_NOTE =
  'A storefront pixel may post without a key from one of the shop’s `AFFINITY_PIXEL_ORIGINS` (its `Origin` header), rate-limited per client id and per IP.';

const RPC_ERROR = { schema: S.JsonRpcErrorResponse } as const;

/** What a browser sends in a CORS preflight. */
const PREFLIGHT_HEADERS: readonly ParamSpec[] = [
  { name: 'Origin', in: 'header', required: true, description: 'The storefront page’s origin.', schema: z.string(), example: 'https://shop.example' },
  { name: 'Access-Control-Request-Method', in: 'header', required: true, description: 'POST.', schema: z.literal('POST'), example: 'POST' },
];

/** The compliance webhook payload of one topic (components `Webhook…`). */
function webhookBody(topic: ComplianceTopic): OperationSpec['body'] {
  return { required: true, description: `The ${topic} payload exactly as Shopify sends it (raw bytes: the signature covers them).`, content: { 'application/json': COMPLIANCE_SCHEMAS[topic] }, json: false };
}

const WEBHOOK_ANSWERS: Readonly<Record<string, AnswerSpec>> = {
  '202': { description: 'A new delivery: the work is queued (durable) and done by the privacy worker.', schema: S.WebhookReceipt },
  '200': { description: 'A delivery seen before (same webhook id, event id or signed body): no new job.', schema: S.WebhookReceipt },
};
const WEBHOOK_ERRORS: readonly ErrorCode[] = ['WEBHOOK_UNAUTHORIZED', 'WEBHOOK_STALE', 'INVALID_JSON', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'STORE_UNAVAILABLE'];
const WEBHOOK_HEADERS: readonly ParamSpec[] = [
  {
    name: 'X-Shopify-Hmac-SHA256',
    in: 'header',
    required: true,
    description: 'Base64 HMAC-SHA256 of the raw body with the app’s client secret (`SHOPIFY_API_SECRET`).',
    schema: z.string(),
    example: 'bm90IGEgc2lnbmF0dXJl',
  },
  { name: 'X-Shopify-Webhook-Id', in: 'header', description: 'Deduplicates redeliveries.', schema: z.string() },
  { name: 'X-Shopify-Event-Id', in: 'header', description: 'Deduplicates one event delivered to several subscriptions.', schema: z.string() },
  { name: 'X-Shopify-Triggered-At', in: 'header', description: 'When Shopify triggered it; too old a delivery is refused as a replay (WEBHOOK_STALE).', schema: z.string() },
];

/** Every operation. */
export const OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'post',
    path: '/v1/events',
    operationId: 'ingestEvents',
    tags: ['events'],
    summary: 'Ingest Web Pixel or native events (one, an array, or {shop, consent, events}).',
    description: `Idempotent on (shop, event id). All or nothing: one invalid event rejects the request with every issue listed, so a 202 means every event is durably stored. Ids that become keys are held to at most 200 UTF-16 code units of well-formed Unicode. ${ORIGIN_NOTE}`,
    body: {
      required: true,
      description: 'Pixels send `text/plain` (a CORS "simple" request) with the same JSON.',
      content: { 'application/json': EVENTS_BODY, 'text/plain': EVENTS_BODY },
      json: true,
    },
    answers: { '202': { description: 'Every event stored (or a duplicate of one stored before).', schema: S.EventsAccepted } },
    errors: ['STORE_UNAVAILABLE'],
    example: { id: 'openapi-example-1', type: 'view', userId: 'shopper-1', productId: '101' },
  },
  {
    method: 'options',
    path: '/v1/events',
    operationId: 'eventsPreflight',
    tags: ['events'],
    summary: 'CORS preflight of the pixel endpoint.',
    params: PREFLIGHT_HEADERS,
    answers: { '204': { description: 'CORS headers for an allowed storefront origin.' } },
    errors: [],
  },
  {
    method: 'post',
    path: '/v1/recommendations',
    operationId: 'recommend',
    tags: ['recommendations'],
    summary: 'Recommendations for one shopper and page.',
    description: 'With `text`, `intent`, `market` or `sessionId` the request is conversational: items also carry `baseScore` and `components`, and the answer the `intent` used and its `context`.',
    body: { required: true, description: 'What to recommend for.', content: { 'application/json': RecommendationRequestSchema }, json: true },
    answers: { '200': { description: 'Ranked products with their facts, score and reasons.', schema: S.Recommendations } },
    errors: ['STORE_UNAVAILABLE', 'UPSTREAM_RECOMMENDER_FAILED'],
    example: { userId: 'shopper-1', limit: 3 },
  },
  {
    method: 'post',
    path: '/v1/recommendations/batch',
    operationId: 'recommendBatch',
    tags: ['recommendations'],
    summary: 'Up to 100 recommendation requests in one call (profiles loaded in one round trip).',
    body: { required: true, description: 'The requests.', content: { 'application/json': RecommendationBatchSchema }, json: true },
    answers: { '200': { description: 'One result per request, in order.', schema: S.RecommendationBatchResult } },
    errors: ['STORE_UNAVAILABLE', 'UPSTREAM_RECOMMENDER_FAILED'],
    example: { requests: [{ userId: 'shopper-1', limit: 2 }, { limit: 2 }] },
  },
  {
    method: 'get',
    path: '/v1/users/{id}/profile',
    operationId: 'getProfile',
    tags: ['profiles'],
    summary: "A shopper's live profile: affinities, price band, session, recent items, purchases.",
    params: [ID_PARAM],
    answers: { '200': { description: 'The profile, decayed to now.', schema: S.Profile } },
    errors: ['USER_NOT_FOUND', 'STORE_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/v1/catalog/products',
    operationId: 'importCatalog',
    tags: ['catalog'],
    summary: 'Import a Shopify product CSV export (both header dialects) or a JSON catalog (up to 64 MiB).',
    params: [{ name: 'currency', in: 'query', description: 'ISO 4217 currency of the prices (default USD).', schema: z.string().regex(/^[A-Za-z]{3}$/) }],
    body: {
      required: true,
      description: 'The catalog document.',
      content: { 'application/json': CatalogJson, 'text/csv': json({ type: 'string', description: 'A Shopify product CSV export.' }), 'application/csv': json({ type: 'string' }) },
      json: true,
    },
    answers: { '200': { description: 'What was imported, and every rejected row or item.', schema: S.ImportReport } },
    errors: ['CATALOG_IMPORT_FAILED', 'STORE_UNAVAILABLE'],
    example: [{ id: '101', title: 'Ridge Waterproof Hiking Boot', vendor: 'Alpina', productType: 'Boots', price: '149.00' }],
  },
  {
    method: 'get',
    path: '/v1/catalog/products/{id}',
    operationId: 'getProduct',
    tags: ['catalog'],
    summary: 'One product as Affinity holds it (id bare, numeric or GID).',
    params: [{ ...ID_PARAM, example: '101' }],
    answers: { '200': { description: 'The product.', schema: S.Product } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/v1/admin/catalog/sync',
    operationId: 'syncCatalog',
    tags: ['catalog', 'admin'],
    summary: "Sync the shop's catalog from its Storefront Catalog MCP now.",
    description: 'NOT_FOUND when no Storefront Catalog MCP is configured (`AFFINITY_UCP_AGENT_PROFILE_URL` or `SHOPIFY_STOREFRONT_MCP_URL`).',
    body: { required: false, description: 'None: a JSON body is parsed and ignored.', content: { 'application/json': json({ type: 'object' }) }, json: true },
    answers: { '200': { description: 'The sync report (failures are in it, not errors).', schema: S.CatalogSyncReport } },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/v1/intent',
    operationId: 'classifyIntent',
    tags: ['intent'],
    summary: 'Classify a shopper utterance (English or Spanish) and extract its entities.',
    body: { required: true, description: 'The utterance.', content: { 'application/json': IntentRequestSchema }, json: true },
    answers: { '200': { description: 'Intent, calibrated confidence, language and entities.', schema: S.IntentResult } },
    errors: [],
    example: { text: 'running shoes under 100 dollars, not Nike' },
  },
  {
    method: 'post',
    path: '/v1/consent',
    operationId: 'recordConsent',
    tags: ['privacy'],
    summary: "Record a shopper's consent (Customer Privacy flags); a withdrawal queues the erasure of what is stored.",
    description: `${ORIGIN_NOTE} A storefront request may name only a pixel clientId.`,
    body: { required: true, description: 'Exactly one of clientId, customerId, userId.', content: { 'application/json': ConsentRequestSchema, 'text/plain': ConsentRequestSchema }, json: true },
    answers: {
      '200': { description: 'Recorded; what the consent allows in the market.', schema: S.ConsentOutcome },
      '202': { description: 'A withdrawal: the erasure of what is stored is queued (its job id).', schema: S.ConsentOutcome },
    },
    errors: ['PIXEL_CONSENT_FORBIDDEN', 'STORE_UNAVAILABLE'],
    example: { clientId: 'shopper-2', consent: { analyticsProcessingAllowed: true } },
  },
  {
    method: 'options',
    path: '/v1/consent',
    operationId: 'consentPreflight',
    tags: ['privacy'],
    summary: 'CORS preflight of the consent endpoint.',
    params: PREFLIGHT_HEADERS,
    answers: { '204': { description: 'CORS headers for an allowed storefront origin.' } },
    errors: [],
  },
  {
    method: 'get',
    path: '/v1/admin/exports/{id}',
    operationId: 'getExport',
    tags: ['privacy', 'admin'],
    summary: 'The JSON export a customers/data_request produced (kept 30 days).',
    params: [JOB_ID_PARAM],
    answers: {
      '200': { description: 'The export.', schema: S.ExportReady },
      '202': { description: 'Being prepared.', schema: S.ExportPending },
    },
    errors: ['NOT_FOUND', 'STORE_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/v1/admin/privacy/jobs/{id}',
    operationId: 'getPrivacyJob',
    tags: ['privacy', 'admin'],
    summary: 'Status and counts of a privacy job (never its identifiers).',
    params: [JOB_ID_PARAM],
    answers: { '200': { description: 'The job.', schema: S.PrivacyJobStatus } },
    errors: ['NOT_FOUND', 'STORE_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/webhooks/shopify',
    operationId: 'shopifyComplianceWebhook',
    tags: ['privacy', 'webhooks'],
    summary: 'Shopify compliance webhooks on one URI (`compliance_topics` + `uri` in shopify.app.toml): the topic is in X-Shopify-Topic.',
    params: [
      {
        name: 'X-Shopify-Topic',
        in: 'header',
        required: true,
        description: 'customers/data_request, customers/redact or shop/redact.',
        schema: z.enum(Object.keys(COMPLIANCE_TOPICS) as [ComplianceTopic, ...ComplianceTopic[]]),
        example: 'shop/redact',
      },
      ...WEBHOOK_HEADERS,
    ],
    body: {
      required: true,
      description: 'The payload of the topic, exactly as Shopify sends it.',
      content: { 'application/json': json({ oneOf: (Object.keys(COMPLIANCE_TOPICS) as ComplianceTopic[]).map((t) => ({ $ref: `#/components/schemas/${webhookComponent(t)}` })) }) },
      json: false,
    },
    answers: WEBHOOK_ANSWERS,
    errors: WEBHOOK_ERRORS,
    signed: 'shopify-hmac',
    example: { shop_id: 1, shop_domain: 'shop.myshopify.com' },
  },
  ...(Object.keys(COMPLIANCE_TOPICS) as ComplianceTopic[]).map(
    (topic): OperationSpec => ({
      method: 'post',
      path: `/webhooks/shopify/${topic}`,
      operationId: `shopifyWebhook_${topic.replace('/', '_')}`,
      tags: ['privacy', 'webhooks'],
      summary: `Shopify compliance webhook ${topic} (its own URI).`,
      params: WEBHOOK_HEADERS,
      body: webhookBody(topic),
      answers: WEBHOOK_ANSWERS,
      errors: WEBHOOK_ERRORS,
      signed: 'shopify-hmac',
      example: { shop_id: 1, shop_domain: 'shop.myshopify.com' },
    }),
  ),
  {
    method: 'post',
    path: '/mcp',
    operationId: 'mcp',
    tags: ['mcp'],
    summary: "Affinity's MCP server (streamable HTTP, stateless, JSON responses).",
    description:
      'Tools: recommend_products, search_catalog, track_event (needs the ingest role), get_shopper_profile, explain_recommendation (docs/mcp.md). `Host` and `Origin` are checked first (403, JSON-RPC error). Protocol errors are JSON-RPC errors; access errors are Affinity errors.',
    params: [
      { name: 'Accept', in: 'header', required: true, description: 'Must accept both `application/json` and `text/event-stream`.', schema: z.string(), example: 'application/json, text/event-stream' },
      { name: 'Mcp-Session-Id', in: 'header', description: 'The session id `initialize` answered (names the client; nothing is held on the server).', schema: z.string() },
      { name: 'MCP-Protocol-Version', in: 'header', description: 'The negotiated protocol version (batches only before 2025-06-18).', schema: z.string() },
    ],
    body: {
      required: true,
      description: 'A JSON-RPC 2.0 message (or a batch, protocol 2025-03-26).',
      content: { 'application/json': json({ oneOf: [{ $ref: '#/components/schemas/JsonRpcMessage' }, { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/JsonRpcMessage' } }] }) },
      json: false,
    },
    answers: {
      '200': { description: 'The JSON-RPC response(s); `initialize` also answers an `Mcp-Session-Id` header.', schema: json({ oneOf: [{ $ref: '#/components/schemas/JsonRpcMessage' }, { type: 'array', items: { $ref: '#/components/schemas/JsonRpcMessage' } }] }) },
      '202': { description: 'Only notifications or responses were sent: nothing to answer.' },
      '400': { description: 'Not JSON (-32700) or not a valid JSON-RPC request (-32600).', ...RPC_ERROR },
      '403': { description: 'A `Host` or `Origin` this server does not accept (-32000).', ...RPC_ERROR },
      '406': { description: 'The Accept header does not accept both application/json and text/event-stream (-32000).', ...RPC_ERROR },
      '415': { description: 'Content-Type is text/plain rather than application/json (-32000).', ...RPC_ERROR },
    },
    errors: ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
    example: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'openapi-example', version: '1.0.0' } } },
  },
  ...(['get', 'delete'] as const).map(
    (method): OperationSpec => ({
      method,
      path: '/mcp',
      operationId: `mcp_${method}`,
      tags: ['mcp'],
      summary: `${method.toUpperCase()} /mcp: not offered (stateless server: no server-initiated stream, no session to delete).`,
      answers: {
        '405': { description: 'Method not allowed (-32000); `Allow: POST`.', ...RPC_ERROR, headers: { Allow: 'POST' } },
        '403': { description: 'A `Host` or `Origin` this server does not accept (-32000).', ...RPC_ERROR },
      },
      errors: [],
      }),
  ),
  {
    method: 'get',
    path: '/health/live',
    operationId: 'live',
    tags: ['operations'],
    summary: 'The process is up.',
    answers: { '200': { description: 'Up.', schema: S.Live } },
    errors: [],
  },
  {
    method: 'get',
    path: '/health/ready',
    operationId: 'ready',
    tags: ['operations'],
    summary: 'Ready: the store is reachable.',
    answers: {
      '200': { description: 'Ready.', schema: S.Ready },
      '503': { description: 'Not ready: the store is not reachable (the same body, `status: "unavailable"`).', schema: S.Ready },
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    tags: ['operations'],
    summary: 'Prometheus metrics.',
    answers: { '200': { description: 'Prometheus text exposition format.', contentType: 'text/plain', schema: json({ type: 'string' }) } },
    errors: [],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openapi',
    tags: ['operations'],
    summary: 'This document.',
    answers: { '200': { description: 'The OpenAPI 3.1 document.', schema: S.OpenApiDocument } },
    errors: [],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'serviceInfo',
    tags: ['operations'],
    summary: 'Name, version and where the document, health and metrics are.',
    answers: { '200': { description: 'The service.', schema: S.ServiceInfo } },
    errors: [],
  },
];

/** The component name of a compliance webhook payload (`WebhookCustomersDataRequest`). */
export function webhookComponent(topic: ComplianceTopic): string {
  return `Webhook${topic
    .split(/[/_]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')}`;
}

/** Request schemas published as components (name → schema, read as input). */
export const REQUEST_COMPONENTS: Readonly<Record<string, z.ZodType>> = {
  PixelEvent: PixelEventSchema,
  NativeEvent: NativeEventSchema,
  IngestEnvelope: IngestEnvelopeSchema,
  RecommendationRequest: RecommendationRequestSchema,
  RecommendationBatch: RecommendationBatchSchema,
  ConsentRequest: ConsentRequestSchema,
  IntentRequest: IntentRequestSchema,
  CatalogJson,
  ...Object.fromEntries((Object.keys(COMPLIANCE_TOPICS) as ComplianceTopic[]).map((t) => [webhookComponent(t), COMPLIANCE_SCHEMAS[t]])),
};

/** Answer schemas published as components (name → schema, read as output). */
export const RESPONSE_COMPONENTS: Readonly<Record<string, z.ZodType>> = {
  Error: S.ErrorResponse,
  JsonRpcError: S.JsonRpcErrorResponse,
  JsonRpcMessage: S.JsonRpcMessage,
  EventsAccepted: S.EventsAccepted,
  Recommendations: S.Recommendations,
  RecommendationBatchResult: S.RecommendationBatchResult,
  Profile: S.Profile,
  ImportReport: S.ImportReport,
  CatalogSyncReport: S.CatalogSyncReport,
  Product: S.Product,
  IntentResult: S.IntentResult,
  ConsentOutcome: S.ConsentOutcome,
  ExportReady: S.ExportReady,
  ExportPending: S.ExportPending,
  PrivacyJobStatus: S.PrivacyJobStatus,
  WebhookReceipt: S.WebhookReceipt,
  Live: S.Live,
  Ready: S.Ready,
  ServiceInfo: S.ServiceInfo,
  OpenApiDocument: S.OpenApiDocument,
};
