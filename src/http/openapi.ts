/**
 * The OpenAPI 3.1 document served at `GET /openapi.json`, generated from the same zod schemas the
 * handlers validate with, so it cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { NativeEventSchema } from '../core/events/nativeEvent.ts';
import { PixelEventSchema } from '../core/events/pixelEvent.ts';
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
      '/health/live': { get: { summary: 'Process is up.', responses: { '200': { description: 'ok' } } } },
      '/health/ready': { get: { summary: 'Store reachable.', responses: { '200': { description: 'ok' }, '503': { description: 'store down' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics.', responses: { '200': { description: 'text exposition format' } } } },
    },
  };
}
