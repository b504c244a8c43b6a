/**
 * The error-code registry. Every error that crosses the wire has a stable machine-readable code,
 * an HTTP status and a human message. `docs/errors.md` lists them; a test keeps the two in step.
 */

/** Every stable error code Affinity returns. */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'The request body or query failed validation.' },
  INVALID_JSON: { status: 400, title: 'The request body is not valid JSON.' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body or batch is larger than allowed.' },
  NOT_FOUND: { status: 404, title: 'The resource does not exist.' },
  USER_NOT_FOUND: { status: 404, title: 'No profile is held for this user.' },
  CATALOG_IMPORT_FAILED: { status: 400, title: 'The catalog file could not be imported.' },
  STORE_UNAVAILABLE: { status: 503, title: 'The event store is not reachable.' },
  UPSTREAM_RECOMMENDER_FAILED: { status: 502, title: 'The external base recommender failed.' },
  WEBHOOK_UNAUTHORIZED: { status: 401, title: 'The webhook HMAC signature is missing or does not match.' },
  UNAUTHORIZED: { status: 401, title: 'An API key is required (Authorization: Bearer <key> or X-Affinity-Key).' },
  FORBIDDEN: { status: 403, title: 'The API key is not valid for this shop or role.' },
  TENANT_MISMATCH: { status: 403, title: "The request names a shop other than its API key's, or names two different shops." },
  PROXY_UNAUTHORIZED: { status: 401, title: "The app proxy request's Shopify signature is missing, does not match, or is stale." },
  ROLE_NOT_SERVED: { status: 404, title: 'This node does not run the role that serves this route (see the role named in the message).' },
  NO_CATALOG: { status: 404, title: 'Affinity holds no catalog for this shop (misspelt shop, or no catalog imported yet).' },
  INVALID_SHOP: { status: 400, title: 'The shop name is not a shop domain (letters, digits, hyphens and dots; no scheme, port or path).' },
  ORIGIN_NOT_ALLOWED: { status: 403, title: 'The request origin is not a configured storefront origin of this shop.' },
  PIXEL_CONSENT_FORBIDDEN: { status: 403, title: 'A storefront (pixel) request may send only Web Pixel events and consent, for its own pixel client id.' },
  WEBHOOK_STALE: { status: 400, title: 'The webhook was triggered too long ago to be acted on (a replay).' },
  WEBHOOK_TOPIC_MISMATCH: { status: 400, title: 'The signed webhook body is not a payload of the topic it was sent as (X-Shopify-Topic or the path).' },
  RATE_LIMITED: { status: 429, title: 'Too many requests from this client; retry after the indicated delay.' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'The path exists but not with this method (see the Allow header).' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request was not received in time.' },
  URI_TOO_LONG: { status: 414, title: 'A path parameter of the URL is longer than any accepted id.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body has a content type this endpoint does not take.' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are larger than allowed.' },
  SHUTTING_DOWN: { status: 503, title: 'The server is shutting down; retry (another instance will answer).' },
  INTERNAL: { status: 500, title: 'An unexpected error occurred.' },
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with a specific input field. */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `events.0.data.productVariant.id`. */
  readonly path: string;
  /** What is wrong with it. */
  readonly message: string;
}

const BRAND = Symbol.for('affinity.error');

/** The error type every Affinity component throws for expected failures. */
export class AffinityError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: readonly FieldIssue[];

  constructor(code: ErrorCode, message?: string, issues: readonly FieldIssue[] = [], options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code].title, options);
    this.name = 'AffinityError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.issues = issues;
  }
}

/** Brand-based type guard (works across module copies, unlike `instanceof`). */
export function isAffinityError(e: unknown): e is AffinityError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
