/**
 * The OpenAPI 3.1 document served at `GET /openapi.json`, generated from the same zod schemas the
 * handlers validate with, so it cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { NativeEventSchema } from '../core/events/nativeEvent.ts';
import { PixelEventSchema } from '../core/events/pixelEvent.ts';
import { ConsentRequestSchema } from './routes/consent.ts';
import { RecommendationBatchSchema, RecommendationRequestSchema } from './routes/recommendations.ts';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const ErrorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } },
    },
  },
};

const errors = {
  '400': { description: 'Invalid request (code VALIDATION_FAILED or INVALID_JSON).', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
};

/** Builds the document. */
export function openApiDocument(version: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Affinity', version, description: 'Real-time personalization for conversational commerce.' },
    components: {
      schemas: {
        Error: ErrorSchema,
        PixelEvent: schema(PixelEventSchema),
        NativeEvent: schema(NativeEventSchema),
        RecommendationRequest: schema(RecommendationRequestSchema),
        RecommendationBatch: schema(RecommendationBatchSchema),
        ConsentRequest: schema(ConsentRequestSchema),
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'AFFINITY_API_KEYS key (roles ingest, read, admin); also accepted as X-Affinity-Key.' },
      },
    },
    paths: {
      '/v1/events': {
        post: {
          summary: 'Ingest Web Pixel or native events (one, an array, or {shop, consent, events}).',
          parameters: [{ name: 'shop', in: 'query', schema: { type: 'string' } }],
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { $ref: '#/components/schemas/PixelEvent' },
                    { $ref: '#/components/schemas/NativeEvent' },
                    { type: 'array', items: { oneOf: [{ $ref: '#/components/schemas/PixelEvent' }, { $ref: '#/components/schemas/NativeEvent' }] } },
                    { type: 'object', required: ['events'], properties: { shop: { type: 'string' }, consent: { type: 'object' }, events: { type: 'array' } } },
                  ],
                },
              },
            },
          },
          responses: { '202': { description: 'Every event durably stored (or a duplicate).' }, ...errors, '413': { description: 'Too many events.' } },
        },
      },
      '/v1/recommendations': {
        post: {
          summary: 'Recommendations for one shopper / page.',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/RecommendationRequest' } } } },
          responses: { '200': { description: 'Ranked products with reasons.' }, ...errors },
        },
      },
      '/v1/recommendations/batch': {
        post: {
          summary: 'Many recommendation requests in one call (profiles loaded in one round trip).',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/RecommendationBatch' } } } },
          responses: { '200': { description: 'One result per request, in order.' }, ...errors },
        },
      },
      '/v1/users/{id}/profile': {
        get: {
          summary: "A shopper's live profile.",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'shop', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'Profile.' }, '404': { description: 'USER_NOT_FOUND' } },
        },
      },
      '/v1/catalog/products': {
        post: {
          summary: 'Import a Shopify product CSV export (text/csv, both header dialects) or a JSON catalog.',
          parameters: [{ name: 'shop', in: 'query', schema: { type: 'string' } }, { name: 'currency', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'Import report with rejected rows.' }, ...errors },
        },
      },
      '/v1/consent': {
        post: {
          summary: "A shopper's consent (Customer Privacy flags); a withdrawal queues the erasure of what is stored (docs/privacy.md).",
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ConsentRequest' } } } },
          responses: { '200': { description: 'What the consent allows in the market.' }, '202': { description: 'Withdrawal: erasure queued (job id).' }, ...errors },
        },
      },
      '/v1/admin/exports/{id}': {
        get: {
          summary: 'The JSON export a customers/data_request produced (admin key).',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'shop', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'The export.' }, '202': { description: 'Being prepared.' }, '404': { description: 'NOT_FOUND (or expired after 30 days)' } },
        },
      },
      '/v1/admin/privacy/jobs/{id}': {
        get: {
          summary: 'Status and counts of a privacy job (admin key).',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'shop', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'The job.' }, '404': { description: 'NOT_FOUND' } },
        },
      },
      ...Object.fromEntries(
        ['customers/data_request', 'customers/redact', 'shop/redact'].map((topic) => [
          `/webhooks/shopify/${topic}`,
          {
            post: {
              summary: `Shopify compliance webhook ${topic} (HMAC-SHA256 of the raw body in X-Shopify-Hmac-SHA256; deduplicated by X-Shopify-Webhook-Id).`,
              responses: { '202': { description: 'Queued.' }, '200': { description: 'Duplicate delivery.' }, '401': { description: 'WEBHOOK_UNAUTHORIZED' } },
            },
          },
        ]),
      ),
      '/health/live': { get: { summary: 'Process is up.', responses: { '200': { description: 'ok' } } } },
      '/health/ready': { get: { summary: 'Store reachable.', responses: { '200': { description: 'ok' }, '503': { description: 'store down' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics.', responses: { '200': { description: 'text exposition format' } } } },
    },
  };
}
