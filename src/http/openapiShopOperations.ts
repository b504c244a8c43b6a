/**
 * The OpenAPI operations of the shop-facing API: catalog, events, recommendations (the API's and the
 * storefront's through the app proxy), profiles, intent and consent. See `openapiOperations.ts`.
 */
import { z } from 'zod';
import * as S from './openapiSchemas.ts';
import { ID_PARAM, json, ORIGIN_NOTE, PREFLIGHT_HEADERS, type OperationSpec, type ParamSpec } from './openapiSpec.ts';
import { ProxyRecommendationQuery } from './routes/appProxy.ts';
import { ConsentRequestSchema } from './routes/consent.ts';
import { IntentRequestSchema } from './routes/intent.ts';
import { RecommendationBatchSchema, RecommendationRequestSchema } from './routes/recommendations.ts';
import { AnalyticsQuery } from './routes/analytics.ts';

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
export const CatalogJson = z
  .union([
    z.array(z.record(z.string(), z.unknown())),
    z.object({ products: z.array(z.record(z.string(), z.unknown())) }).loose(),
  ])
  .describe(
    'An array of products, or {"products": [...]}. Compact form: {id, handle?, title, description?, vendor?, productType? (or type), category?, tags? (array or comma-separated), currency?, images?, url?, published?, available?, createdAt?, price? (decimal major units) | variants: [{id, title?, sku?, price, compareAtPrice?, available?, options?}]}; UCP catalog products (Storefront Catalog MCP) are detected per item.',
  );

/** The storefront parameters of `GET /shopify/proxy/recommendations`. */
const PROXY_PARAM_DOCS: Readonly<Record<string, string>> = {
  product_id: 'The product on the page: numeric id, GID or handle.',
  product_handle: 'The same product’s handle (Liquid `product.handle`): read when the catalog does not know `product_id` (a catalog imported from a CSV export is keyed by handle), so one request finds it.',
  cart: 'Product ids in the cart, comma-separated or repeated.',
  limit: 'How many (1 to 24, default 8).',
  client_id: "The Web Pixel client id (the shopper's browsing history is kept under it). Unsigned, so never a customer id: one shaped like a customer id (digits, a GID) is a 400; the signed `logged_in_customer_id` names the customer.",
  text: 'What the shopper typed (a search-like block).',
  country: 'Storefront country (ISO 3166-1 alpha-2), for prices in the shopper’s currency.',
  currency: 'Storefront currency (ISO 4217).',
  surface: 'Where the block is (product, cart, home, search); by default guessed from the other parameters.',
  locale: 'Storefront locale (Liquid `request.locale.iso_code`: `es`, `es-MX`, `en`): the reasons are written in Spanish for a Spanish locale, else in English.',
};

/** The operations of the shop-facing API (the catalog import first: the examples of the others need a catalog). */
export const SHOP_OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'post',
    path: '/v1/catalog/products',
    operationId: 'importCatalog',
    tags: ['catalog'],
    summary: 'Import a Shopify product CSV export (both header dialects) or a JSON catalog (up to 64 MiB).',
    description:
      'Admin key. `mode=merge` (the default) adds and updates the products of the file and keeps the others; `mode=replace` makes the file the whole catalog (a full export: Products > Export > All products): the products it names neither by id nor by handle are removed. A replace changes nothing (400 `CATALOG_IMPORT_FAILED`) when the file has no product or any row is rejected.',
    params: [
      { name: 'currency', in: 'query', description: 'ISO 4217 currency of the prices (default USD).', schema: z.string().regex(/^[A-Za-z]{3}$/) },
      { name: 'mode', in: 'query', description: '`merge` (default) or `replace`.', schema: z.enum(['merge', 'replace']) },
    ],
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
    method: 'post',
    path: '/v1/events',
    operationId: 'ingestEvents',
    tags: ['events'],
    summary: 'Ingest Web Pixel or native events (one, an array, or {shop, consent, events}).',
    description: `Idempotent on (shop, event id). Validated event by event (docs/decisions/0006): an invalid event is refused on its own and listed in the 202's \`rejected\` (index, id, code, message, issues), while the batch's valid events are stored, so a 202 means every event counted as accepted or duplicate is durably stored. Events Affinity does not use (a standard event it ignores, DOM, custom or future events) are counted as \`ignored\` whatever their payload (only their \`clientId\` is checked: the envelope's consent is recorded for it). A batch with no valid event, or a body that is no batch (not an event, an array or an envelope; a bad envelope; more than 1,000 events), is refused whole (400 \`VALIDATION_FAILED\` with every issue, 413). Ids that become keys are held to at most 200 UTF-16 code units of well-formed Unicode. ${ORIGIN_NOTE} A storefront request may send only Web Pixel events for pixel client ids (a native event, or a clientId shaped like a customer id, refuses the whole batch, valid events included), and its event ids are kept apart from keyed callers' (stored as \`pixel:<id>\`).`,
    body: {
      required: true,
      description: 'Pixels send `text/plain` (a CORS "simple" request) with the same JSON.',
      content: { 'application/json': EVENTS_BODY, 'text/plain': EVENTS_BODY },
      json: true,
    },
    answers: { '202': { description: 'Every valid event stored (or a duplicate of one stored before); invalid ones, if any, listed in `rejected`.', schema: S.EventsAccepted } },
    errors: ['PIXEL_CONSENT_FORBIDDEN', 'STORE_UNAVAILABLE'],
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
    errors: ['NO_CATALOG', 'STORE_UNAVAILABLE', 'UPSTREAM_RECOMMENDER_FAILED'],
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
    errors: ['NO_CATALOG', 'STORE_UNAVAILABLE', 'UPSTREAM_RECOMMENDER_FAILED'],
    example: { requests: [{ userId: 'shopper-1', limit: 2 }, { limit: 2 }] },
  },
  {
    method: 'get',
    path: '/shopify/proxy/recommendations',
    operationId: 'storefrontRecommendations',
    tags: ['recommendations', 'storefront'],
    summary: "Recommendations for the storefront's theme block, through Shopify's app proxy (`https://<shop>/apps/affinity/recommendations`).",
    description:
      'Shopify adds `shop`, `logged_in_customer_id`, `path_prefix`, `timestamp` and `signature` to the query and signs it; the tenant is the signed shop. The answer is private (`Cache-Control: private, no-store`).',
    params: [
      { name: 'shop', in: 'query', required: true, description: 'The shop (signed by Shopify).', schema: z.string(), example: 'shop.myshopify.com' },
      { name: 'timestamp', in: 'query', required: true, description: 'Epoch seconds (signed; refused when more than 5 minutes from now).', schema: z.string().regex(/^\d{1,12}$/), example: '1700000000' },
      { name: 'signature', in: 'query', required: true, description: 'Hex HMAC-SHA256 of the other parameters (see the shopifyAppProxy scheme).', schema: z.string(), example: '00' },
      { name: 'logged_in_customer_id', in: 'query', description: 'The logged-in customer, if any (signed).', schema: z.string() },
      { name: 'path_prefix', in: 'query', description: 'The proxy path prefix (signed).', schema: z.string() },
      ...Object.entries(ProxyRecommendationQuery.shape).map(([name, schema]): ParamSpec => ({ name, in: 'query', description: PROXY_PARAM_DOCS[name] ?? name, schema })),
    ],
    answers: { '200': { description: 'Product cards, best first.', schema: S.ProxyRecommendations } },
    errors: ['PROXY_UNAUTHORIZED', 'TENANT_MISMATCH', 'VALIDATION_FAILED', 'NO_CATALOG', 'STORE_UNAVAILABLE', 'UPSTREAM_RECOMMENDER_FAILED'],
  },
  {
    method: 'get',
    path: '/v1/analytics',
    operationId: 'getAnalytics',
    tags: ['recommendations'],
    summary: 'What served lists became: views, clicks, add-to-carts, orders, revenue, per experiment variant or by surface, intent, market or agent.',
    description:
      'Counts are exact; rates carry 95 % intervals; per variant, the uplift against the first (control) variant with its interval and p-value, and a sample-ratio-mismatch check against the declared weights. `from`/`to`: epoch ms, ISO 8601, or a date (UTC; a date-only `to` includes its whole day; default: the last 30 days). Amounts are integer minor units of `currency`. `format=csv`: the same report as a CSV file (a row per group and a total row, amounts in major units; docs/dashboard.md). Another query parameter is 400 `VALIDATION_FAILED`. `by` defaults to `variant` with an experiment, else `surface`. See docs/decisions/0002-attribution-and-experiments.md.',
    params: Object.entries(AnalyticsQuery.shape).map(([name, schema]): ParamSpec => ({ name, in: 'query', description: schema.description ?? name, schema })),
    answers: { '200': { description: 'The report.', schema: S.Analytics } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'STORE_UNAVAILABLE'],
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
    method: 'get',
    path: '/v1/catalog/products/{id}',
    operationId: 'getProduct',
    tags: ['catalog'],
    summary: 'One product as Affinity holds it (named by its catalog id, numeric id, GID or handle; a GID percent-encoded, gid%3A%2F%2Fshopify%2FProduct%2F101, or as it is; not a variant id or SKU).',
    params: [{ ...ID_PARAM, example: '101' }],
    answers: { '200': { description: 'The product.', schema: S.Product } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/v1/catalog/products/{id}',
    operationId: 'removeProduct',
    tags: ['catalog'],
    summary: 'Remove one product (named by its catalog id, numeric id, GID or handle; a GID percent-encoded, gid%3A%2F%2Fshopify%2FProduct%2F101, or as it is; not a variant id or SKU).',
    description:
      'Admin key, its shop only. The product stops being recommended at once on the node that removed it and on every other node at its next catalog refresh. Statistics recorded for it are kept (a product imported again under the same id finds them).',
    params: [{ ...ID_PARAM, example: '101' }],
    answers: { '200': { description: 'What was removed.', schema: S.ProductRemoved } },
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'STORE_UNAVAILABLE'],
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
];
