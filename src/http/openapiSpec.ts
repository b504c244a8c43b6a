/**
 * The shape of the operation table the OpenAPI document is built from (`openapiOperations.ts`): what
 * each operation states, and how a schema is given (a zod schema, or literal JSON Schema).
 */
import { z } from 'zod';
import type { ErrorCode } from '../core/errors.ts';
import { IdStringSchema } from '../core/ids.ts';

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

/** A literal JSON Schema. */
export const json = (schema: Readonly<Record<string, unknown>>): SchemaSource => ({ json: schema });

/** A path parameter that is an id (user, product): what every id ingestion accepts. */
export const ID_PARAM: ParamSpec = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The id, percent-encoded: up to 200 UTF-16 code units of well-formed Unicode (every id ingestion accepts).',
  schema: IdStringSchema,
  example: 'shopper-1',
};

/** What a storefront pixel may do without a key (the operations it applies to say it). */
export const ORIGIN_NOTE =
  'A storefront pixel may post without a key from one of the shop’s `AFFINITY_PIXEL_ORIGINS` (its `Origin` header), rate-limited per client id and per IP.';

/** What a browser sends in a CORS preflight. */
export const PREFLIGHT_HEADERS: readonly ParamSpec[] = [
  { name: 'Origin', in: 'header', required: true, description: 'The storefront page’s origin.', schema: z.string(), example: 'https://shop.example' },
  { name: 'Access-Control-Request-Method', in: 'header', required: true, description: 'POST.', schema: z.literal('POST'), example: 'POST' },
];
