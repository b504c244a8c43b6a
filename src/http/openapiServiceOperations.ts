/**
 * The OpenAPI operations around the shop-facing API: privacy administration, Shopify's compliance
 * webhooks, MCP, health, metrics and the documents. See `openapiOperations.ts`.
 */
import { z } from 'zod';
import type { ErrorCode } from '../core/errors.ts';
import { COMPLIANCE_SCHEMAS, COMPLIANCE_TOPICS, type ComplianceTopic } from '../core/privacy/complianceWebhook.ts';
import * as S from './openapiSchemas.ts';
import { json, PREFLIGHT_HEADERS, type AnswerSpec, type OperationSpec, type ParamSpec } from './openapiSpec.ts';

const JOB_ID_PARAM: ParamSpec = { name: 'id', in: 'path', required: true, description: 'A privacy job id (also the export id).', schema: z.string().min(1), example: 'no-such-job' };

const RPC_ERROR = { schema: S.JsonRpcErrorResponse } as const;

/** The component name of a compliance webhook payload (`WebhookCustomersDataRequest`). */
export function webhookComponent(topic: ComplianceTopic): string {
  return `Webhook${topic
    .split(/[/_]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')}`;
}

/** The compliance webhook payload of one topic (components `Webhook…`). */
function webhookBody(topic: ComplianceTopic): OperationSpec['body'] {
  return { required: true, description: `The ${topic} payload exactly as Shopify sends it (raw bytes: the signature covers them).`, content: { 'application/json': COMPLIANCE_SCHEMAS[topic] }, json: false };
}

const WEBHOOK_ANSWERS: Readonly<Record<string, AnswerSpec>> = {
  '202': { description: 'A new delivery: the work is queued (durable) and done by the privacy worker.', schema: S.WebhookReceipt },
  '200': { description: 'A delivery seen before (same webhook id, event id or signed body): no new job.', schema: S.WebhookReceipt },
};
/** The one URI also takes the product topics (docs/decisions/0007): 200 with what the change did. */
const ONE_URI_ANSWERS: Readonly<Record<string, AnswerSpec>> = {
  '202': WEBHOOK_ANSWERS['202'] as AnswerSpec,
  '200': {
    description:
      'A compliance delivery seen before (no new job), a product delivery applied to the catalog (its outcome), or a signed delivery of a topic not acted on (`app/uninstalled` and any other: acknowledged, nothing done, so Shopify does not retry it).',
    schema: z.union([S.WebhookReceipt, S.ProductWebhookReceipt, S.WebhookAcknowledged]),
  },
};
/** Each compliance topic's payload as Shopify sends it (shopify.dev, "Privacy law compliance" webhooks). */
const COMPLIANCE_EXAMPLES: Record<ComplianceTopic, Record<string, unknown>> = {
  'customers/data_request': {
    shop_id: 954889,
    shop_domain: 'shop.myshopify.com',
    orders_requested: [299938, 280263],
    customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
    data_request: { id: 9999 },
  },
  'customers/redact': {
    shop_id: 954889,
    shop_domain: 'shop.myshopify.com',
    customer: { id: 191167, email: 'john@example.com', phone: '555-625-1199' },
    orders_to_redact: [299938, 280263],
  },
  'shop/redact': { shop_id: 954889, shop_domain: 'shop.myshopify.com' },
};

const WEBHOOK_ERRORS: readonly ErrorCode[] = ['WEBHOOK_UNAUTHORIZED', 'WEBHOOK_STALE', 'WEBHOOK_TOPIC_MISMATCH', 'INVALID_JSON', 'VALIDATION_FAILED', 'INVALID_SHOP', 'PAYLOAD_TOO_LARGE', 'STORE_UNAVAILABLE'];
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

/** The operations around the shop-facing API. */
export const SERVICE_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/v1/admin/exports',
    operationId: 'listExports',
    tags: ['privacy', 'admin'],
    summary: "The exports of a customer's data requests, newest first (find the one to hand over).",
    params: [
      { name: 'customerId', in: 'query', required: true, description: 'Shopify customer id (digits) or its GID.', schema: z.string(), example: '7009009' },
      { name: 'shop', in: 'query', description: "The key's shop (a `*` admin key names it here or in X-Affinity-Shop).", schema: z.string() },
    ],
    answers: { '200': { description: "The customer's exports (none: an empty list).", schema: S.ExportList } },
    errors: ['VALIDATION_FAILED', 'STORE_UNAVAILABLE'],
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
    summary:
      'Shopify webhooks on one URI (`compliance_topics` and `topics` + `uri` in shopify.app.toml): the topic is in X-Shopify-Topic. The compliance topics queue a privacy job; the product topics change the catalog of the shop in X-Shopify-Shop-Domain at once (an older change never overwrites a newer one).',
    params: [
      {
        name: 'X-Shopify-Topic',
        in: 'header',
        required: true,
        description:
          'customers/data_request, customers/redact, shop/redact, or products/create, products/update, products/delete are acted on; any other topic (app/uninstalled…) is acknowledged with 200 and nothing is done.',
        schema: z.string().min(1),
        example: 'shop/redact',
      },
      ...WEBHOOK_HEADERS,
    ],
    body: {
      required: true,
      description: 'The payload of the topic, exactly as Shopify sends it.',
      content: {
        'application/json': json({
          oneOf: [
            ...(Object.keys(COMPLIANCE_TOPICS) as ComplianceTopic[]).map((t) => ({ $ref: `#/components/schemas/${webhookComponent(t)}` })),
            {
              type: 'object',
              description: 'products/create and products/update: the REST Admin product (id, handle, title, status, published_at, updated_at, variants…); products/delete: {id}.',
              properties: { id: { type: 'integer' } },
              required: ['id'],
              additionalProperties: true,
            },
          ],
        }),
      },
      json: false,
    },
    answers: ONE_URI_ANSWERS,
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
      example: COMPLIANCE_EXAMPLES[topic],
    }),
  ),
  {
    method: 'post',
    path: '/webhooks/shopify/app/uninstalled',
    operationId: 'shopifyWebhook_app_uninstalled',
    tags: ['webhooks'],
    summary: "Shopify's app/uninstalled webhook (its own URI): acknowledged, nothing done; the shop's data is erased when shop/redact arrives, 48 hours later.",
    params: WEBHOOK_HEADERS,
    body: { required: true, description: 'The shop, as Shopify sends it (not read).', content: { 'application/json': json({ type: 'object', additionalProperties: true }) }, json: false },
    answers: { '200': { description: 'Acknowledged; nothing is done.', schema: S.WebhookAcknowledged } },
    errors: ['WEBHOOK_UNAUTHORIZED', 'WEBHOOK_TOPIC_MISMATCH', 'PAYLOAD_TOO_LARGE'],
    signed: 'shopify-hmac',
    example: { id: 548380009, name: 'Super Toys', myshopify_domain: 'super-toys.myshopify.com' },
  },
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
        '405': { description: 'Method not allowed (-32000); `Allow: POST, OPTIONS`.', ...RPC_ERROR, headers: { Allow: 'POST, OPTIONS' } },
        '403': { description: 'A `Host` or `Origin` this server does not accept (-32000).', ...RPC_ERROR },
      },
      errors: [],
      }),
  ),
  {
    method: 'options',
    path: '/mcp',
    operationId: 'mcpPreflight',
    tags: ['mcp'],
    summary: 'CORS preflight of a browser-based MCP client on an origin listed in AFFINITY_MCP_ALLOWED_ORIGINS.',
    params: PREFLIGHT_HEADERS,
    answers: {
      '204': { description: 'For an allowed origin, the CORS headers (methods POST, GET, DELETE, OPTIONS; the request headers the MCP SDK client sends); without `Origin`, `Allow: POST, OPTIONS`.' },
      '403': { description: 'An `Origin` (or `Host`) this server does not accept (-32000); no CORS headers.', ...RPC_ERROR },
    },
    errors: [],
  },
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
