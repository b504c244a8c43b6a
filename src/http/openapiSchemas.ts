/**
 * The shapes of Affinity's HTTP answers, as zod schemas: the OpenAPI document is generated from them
 * (`openapi.ts`), and the OpenAPI test parses real answers with them, so a route that changes its
 * answer without its documentation fails that test. Objects whose every field is listed are
 * `.strict()`; parts that carry open-ended data (reasons, entities, an export) are `.loose()`.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../core/errors.ts';
import { INTENT_TYPES } from '../core/intent/types.ts';
import { RELAX_ORDER } from '../core/personalize/constraints.ts';
import { PRIVACY_JOB_KINDS } from '../core/ports.ts';

const Iso = z.string().describe('ISO 8601 timestamp');

/** `{"error": {"code", "message", "issues"?}}`: every error Affinity answers (outside `/mcp`'s JSON-RPC). */
export const ErrorResponse = z
  .object({
    error: z
      .object({
        code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES, ...(keyof typeof ERROR_CODES)[]]).describe('Stable code (docs/errors.md).'),
        message: z.string().describe('For humans.'),
        issues: z
          .array(z.object({ path: z.string().describe('Dotted path of the field, e.g. `events.0.clientId`.'), message: z.string() }).strict())
          .optional()
          .describe('Every offending field, when there are any.'),
      })
      .strict(),
  })
  .strict();

/** A JSON-RPC 2.0 error (what `/mcp` answers for protocol errors). */
export const JsonRpcErrorResponse = z
  .object({
    jsonrpc: z.literal('2.0'),
    error: z.object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() }).loose(),
    id: z.union([z.string(), z.number(), z.null()]),
  })
  .strict();

/** A JSON-RPC 2.0 message or batch (`/mcp`): requests, notifications and responses of the MCP protocol. */
export const JsonRpcMessage = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number()]).optional(),
    method: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    result: z.unknown().optional(),
    error: z.object({ code: z.number().int(), message: z.string() }).loose().optional(),
  })
  .loose();

/** An event of a `POST /v1/events` batch refused on its own (`core/events/ingest.ts` `RejectedEvent`). */
const RejectedEvent = z
  .object({
    index: z.number().int().nonnegative().describe('Position of the event in the batch (0 for a body that is one event).'),
    id: z.string().optional().describe('The event id as sent (without the `pixel:` prefix of stored keyless events), when it is a usable id.'),
    code: z.enum(['VALIDATION_FAILED']).describe('Stable code (docs/errors.md).'),
    message: z.string().describe('For humans: the first issue, with its path.'),
    issues: z
      .array(z.object({ path: z.string().describe('Dotted path in the body, e.g. `events.4.data.cart`.'), message: z.string() }).strict())
      .describe('Every offending field of the event.'),
  })
  .strict();

/** 202 of `POST /v1/events`. */
export const EventsAccepted = z
  .object({
    accepted: z.number().int().nonnegative().describe('Events stored now.'),
    duplicates: z.number().int().nonnegative().describe('Events stored before (same shop and event id): nothing changed.'),
    ignored: z.number().int().nonnegative().describe('Valid events Affinity does not use (DOM, custom, unknown or future standard events), whatever their payload (only their `clientId` is checked).'),
    rejected: z
      .array(RejectedEvent)
      .optional()
      .describe('Present only when some events were refused: each one, in body order. Nothing of them is stored; resending them unchanged fails again (fix them first). The other events were handled as counted above.'),
  })
  .strict();

const Price = z.object({ amount: z.number(), currency: z.string(), formatted: z.string().optional() }).loose().describe('Amount in minor units.');

/** Why an item is recommended (`source` is `cooc`, `content`, `affinity`, `popular`, `trending`, `buy_again`, `revisit`, `external`, `catalog`, or a personalization source). */
const Reason = z.object({ source: z.string(), score: z.number(), seed: z.string().optional(), seedTitle: z.string().optional() }).loose();

/** The shopper's experiment variant, when an experiment applies (docs/decisions/0002). */
const Experiment = z.object({ id: z.string(), variant: z.string() }).strict().describe("The shopper's experiment and variant.");

const itemShape = {
  productId: z.string().describe("The catalog's id of the product (the handle for a catalog imported from a CSV export)."),
  numericId: z.string().optional().describe("Shopify's numeric product id, when known (from the catalog or learned from pixel events)."),
  gid: z.string().optional().describe('`gid://shopify/Product/<numericId>`.'),
  handle: z.string().optional(),
  title: z.string().optional(),
  vendor: z.string().optional(),
  productType: z.string().optional(),
  url: z.string().optional().describe('The product link; with `aff_rec=<recommendationId>` so that a click is attributed to the list.'),
  image: z.string().optional(),
  price: Price.optional(),
  available: z.boolean().optional().describe('Product facts are present when the product is in the catalog.'),
  score: z.number(),
  reasons: z.array(Reason),
  baseScore: z.number().optional().describe('Conversational requests: the base recommender’s score.'),
  components: z.object({ intent: z.number(), behaviour: z.number(), context: z.number() }).strict().optional().describe('Conversational requests: each in [0, 1].'),
};

/** One recommended product. */
export const RecommendedItem = z.object(itemShape).strict();

/** How a conversational answer stands against what was asked (docs/personalization.md, "Hard constraints"). */
const Constraints = z
  .object({
    satisfied: z.boolean().describe('True when every item meets every stated constraint (category, audience, brand, colour, size, budget; rejections and availability always hold).'),
    relaxed: z
      .array(z.enum(RELAX_ORDER))
      .optional()
      .describe('Only when not satisfied: what was relaxed to give an answer, in relaxation order (empty when nothing could be returned, or when only `unchecked` kept it from being satisfied). `audience`: whom the products are for, said of them ("men\'s", "de mujer"); some items are made for someone else.'),
    reason: z.string().optional().describe('Only when not satisfied: a sentence to show or read to the shopper.'),
    unchecked: z
      .array(z.enum(RELAX_ORDER))
      .optional()
      .describe('Only when not satisfied: stated constraints some items could not be checked against (a budget in another currency than their prices, with no exchange rate known); reason says which.'),
  })
  .strict()
  .describe('Conversational requests: whether the shop has products that meet everything asked for; when not, the items are the closest and must not be presented as matches.');

/** 200 of `POST /v1/recommendations` (and each result of the batch). */
export const Recommendations = z
  .object({
    shop: z.string(),
    userId: z.string().optional(),
    recommendationId: z.string().optional().describe('Id of this list (also the `aff_rec` of its links); analytics follow it to views, clicks and orders.'),
    experiment: Experiment.optional(),
    recommender: z.string().describe('Which recommender answered (`hybrid`, `external`, or the personalization layer).'),
    productKnown: z.literal(false).optional().describe('Present when `productId` names no product of the catalog under any of its ids; the list is the best without it.'),
    items: z.array(RecommendedItem),
    constraints: Constraints.optional(),
    intent: z
      .object({
        type: z.enum(INTENT_TYPES),
        confidence: z.number(),
        language: z.string(),
        entities: z
          .record(z.string(), z.unknown())
          .describe(
            'As `POST /v1/intent`; a budget in another currency than the market\'s is converted with the market\'s `exchangeRates` and carries `estimated: true`, `stated` (what the shopper said) and `rate`.',
          ),
        source: z.string(),
        fallbackUsed: z.boolean(),
      })
      .loose()
      .nullable()
      .optional()
      .describe('Conversational requests: the intent used (null when none).'),
    session: z.object({ sessionId: z.string(), turns: z.number().int(), gift: z.boolean() }).loose().optional(),
    context: z.record(z.string(), z.unknown()).optional().describe('Conversational requests: market, season, hemisphere, holidays.'),
    degraded: z
      .literal(true)
      .optional()
      .describe('The store did not answer: the list comes from memory (catalog, last known popularity and neighbours, no stored profile). See docs/reliability.md.'),
    tookMs: z.number(),
  })
  .strict();

/** 200 of `GET /shopify/proxy/recommendations`: product cards for the storefront, each with one sentence for the shopper. */
export const ProxyRecommendations = z
  .object({
    shop: z.string(),
    productKnown: z.boolean().optional().describe('False when `product_id` names a product the catalog does not hold.'),
    recommendationId: z.string().optional().describe('Id of this list: its links carry it (`aff_rec`) and the block publishes it in `affinity:recommendations_viewed`.'),
    experiment: Experiment.optional(),
    items: z.array(
      z
        .object({
          productId: z.string(),
          handle: z.string().optional(),
          title: z.string(),
          url: z.string().optional(),
          image: z.string().optional(),
          price: z.object({ amount: z.number(), currency: z.string(), formatted: z.string(), estimated: z.boolean().optional() }).strict().optional(),
          available: z.boolean(),
          reason: z.string().describe('For the shopper ("Because you viewed …"); never a score.'),
        })
        .strict(),
    ),
  })
  .strict();

/** 200 of `POST /v1/recommendations/batch`. */
export const RecommendationBatchResult = z
  .object({
    results: z.array(Recommendations).describe('One per request, in order.'),
    degraded: z.literal(true).optional().describe('At least one result is degraded (the store did not answer).'),
    tookMs: z.number(),
  })
  .strict();

const Weighted = z.array(z.object({ value: z.string(), weight: z.number() }).strict());
const Touched = z.array(z.object({ productId: z.string(), title: z.string().optional(), type: z.string(), at: Iso }).strict());

/** 200 of `GET /v1/users/{id}/profile`. */
export const Profile = z
  .object({
    shop: z.string(),
    userId: z.string(),
    customerId: z.string().optional(),
    eventCount: z.number().int(),
    firstSeen: Iso,
    lastSeen: Iso,
    affinities: z.object({ categories: Weighted, productTypes: Weighted, vendors: Weighted, tags: Weighted }).strict(),
    priceBand: z.object({ low: z.number(), center: z.number(), high: z.number() }).strict().optional().describe('Major units.'),
    session: Touched.describe('The current session, latest first.'),
    recent: Touched.describe('Up to 20 recent products.'),
    purchased: z.array(z.string()).describe('Product ids bought.'),
  })
  .strict();

/** 200 of `POST /v1/catalog/products`. */
export const ImportReport = z
  .object({
    shop: z.string(),
    format: z.enum(['csv', 'json']),
    mode: z.literal('replace').optional().describe('Present for `?mode=replace`.'),
    imported: z.number().int(),
    removed: z.number().int().optional().describe('A replace: how many products the file did not name were removed.'),
    removedIds: z.array(z.string()).optional().describe('A replace: the first 100 removed ids.'),
    catalogSize: z.number().int(),
    errors: z.array(z.object({ line: z.number().int().optional(), index: z.number().int().optional(), message: z.string() }).strict()).describe('Rejected rows (CSV: 1-based line) or items (JSON: 0-based index).'),
  })
  .strict();

/** 200 of `DELETE /v1/catalog/products/{id}`. */
export const ProductRemoved = z
  .object({
    shop: z.string(),
    removed: z.object({ id: z.string().describe("The catalog's id of the product removed."), handle: z.string(), title: z.string() }).strict(),
    catalogSize: z.number().int(),
  })
  .strict();

/** 200 of `POST /v1/admin/catalog/sync`. */
export const CatalogSyncReport = z
  .object({
    shop: z.string(),
    ok: z.boolean(),
    products: z.number().int(),
    pages: z.number().int(),
    complete: z.boolean(),
    strategy: z.enum(['browse', 'wildcard']).optional(),
    matchedByHandle: z.number().int().optional().describe('Synced products matched to a catalog product by handle.'),
    removed: z.number().int().optional().describe('Products removed because this complete sync no longer listed them (an incomplete or failed sync removes nothing).'),
    error: z.string().optional(),
    catalogSize: z.number().int(),
  })
  .strict();

const Money = z.object({ amount: z.number().int(), currency: z.string() }).strict();

/** 200 of `GET /v1/catalog/products/{id}`: a product as Affinity holds it. */
export const Product = z
  .object({
    id: z.string(),
    handle: z.string(),
    title: z.string(),
    description: z.string(),
    vendor: z.string(),
    productType: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    options: z.record(z.string(), z.array(z.string())),
    variants: z.array(
      z
        .object({
          id: z.string(),
          title: z.string(),
          sku: z.string().optional(),
          price: Money,
          compareAtPrice: Money.optional(),
          available: z.boolean(),
          options: z.record(z.string(), z.string()),
        })
        .strict(),
    ),
    images: z.array(z.string()),
    url: z.string().optional(),
    published: z.boolean(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional().describe("When the shop last changed the product (UTC ISO), when a product webhook said it."),
    audiences: z.array(z.enum(['women', 'men', 'kids'])).optional(),
    marketPrices: z.record(z.string(), z.object({ price: z.string().optional(), compareAtPrice: z.string().optional(), included: z.boolean().optional() }).strict()).optional(),
  })
  .strict();

/** 200 of `POST /v1/intent`. */
export const IntentResult = z
  .object({
    type: z.enum(INTENT_TYPES),
    confidence: z.number().describe('Calibrated probability in [0, 1].'),
    language: z.enum(['en', 'es']),
    entities: z
      .object({
        categories: z.array(z.string()),
        purposes: z.array(z.string()).optional(),
        pricePreference: z.enum(['low', 'high']).optional(),
        onSale: z.literal(true).optional().describe('Products on sale were asked for ("anything on sale?", "chaquetas con descuento"): a constraint, relaxed first (constraints.relaxed: "sale").'),
        place: z.enum(['indoor', 'outdoor']).optional().describe('Where the products are for ("a table for the garden", "plantas de interior", "for the bedroom"); a conversation holds it for its next kinds. A product the shop says is for the other place does not meet the kind.'),
        priceRelative: z
          .enum(['below', 'above'])
          .optional()
          .describe('A price said relative to the product discussed, without a number ("cheaper than that", "something cheaper", "más barato que ese" → below; "more expensive than this one" → above). A recommendation request with a productId holds it as a budget below (above) that product\'s price.'),
        howMany: z.number().int().optional().describe('How many products the shopper asked to see ("the 2 cheapest necklaces", "los 3 más baratos", "show me 3 shirts", "muéstrame 3 camisas"): the list has no more (for that turn).'),
        priceFar: z.literal(true).optional().describe('The comparative asks for a large step ("much cheaper", "way more expensive", "mucho más barato"): the far end of the asked side first. Without it, the prices nearest the compared product\'s come first.'),
        brands: z.array(z.string()),
        colours: z.array(z.string()),
        sizes: z.array(z.string()),
        rejections: z.array(z.object({ kind: z.string(), value: z.string() }).loose()),
        isGift: z.boolean(),
        budget: z.object({ min: z.number().optional(), max: z.number().optional(), currency: z.string().optional(), approximate: z.boolean().optional() }).loose().optional(),
        recipient: z.string().optional(),
        recipientSex: z.enum(['female', 'male']).optional().describe('Whether the recipient is a woman or a man where only their word or a pronoun says it ("mi amiga", "my partner, he…"): whom the products are for.'),
        audience: z.enum(['women', 'men', 'kids']).optional(),
        occasion: z.string().optional(),
        terms: z.array(z.string()).optional().describe("Words naming this shop's products by their titles that nothing else here reads (recommendations only: they steer the ranking, never constrain it)."),
        subkinds: z.array(z.string()).optional().describe('Narrower kinds named, as said ("choker", "hoop", "argollas", "tank top"): only products whose type, tags or title say one (in English or Spanish) meet the kind.'),
        soft: z
          .array(z.enum(['colour', 'brand', 'size', 'category']))
          .optional()
          .describe('Kinds said of only one side of a comparison ("the red scarf or the silk one?", "the silk blouse or the floral top?"): they steer the ranking but do not filter, so both options compared stay in the answer.'),
      })
      .loose(),
  })
  .strict();

/** 200 (consent recorded) and 202 (withdrawal: erasure queued) of `POST /v1/consent`. */
export const ConsentOutcome = z
  .object({
    shop: z.string(),
    userId: z.string(),
    market: z.string(),
    regime: z.string(),
    allows: z.object({ persist: z.boolean(), linkIdentity: z.boolean(), shareWithThirdParties: z.boolean(), consolidate: z.boolean() }).strict(),
    erasure: z.object({ jobId: z.string(), status: z.literal('queued') }).strict().nullable(),
  })
  .strict();

/** 200 of `GET /v1/admin/exports`. */
export const ExportList = z
  .object({
    shop: z.string(),
    customerId: z.string(),
    exports: z.array(z.object({ id: z.string().describe('The export id: the job id of the customers/data_request delivery.'), href: z.string() }).strict()).describe('Newest first; exports expire after 30 days.'),
  })
  .strict();

/** 200 of `GET /v1/admin/exports/{id}`. */
export const ExportReady = z.object({ id: z.string(), shop: z.string(), status: z.literal('ready'), export: z.unknown().describe('Everything held about the customer.') }).strict();

/** 202 of `GET /v1/admin/exports/{id}`. */
export const ExportPending = z.object({ id: z.string(), shop: z.string(), status: z.literal('pending'), attempts: z.number().int() }).strict();

/** 200 of `GET /v1/admin/privacy/jobs/{id}`. */
export const PrivacyJobStatus = z
  .object({
    id: z.string(),
    shop: z.string(),
    kind: z.enum(PRIVACY_JOB_KINDS),
    status: z.enum(['pending', 'done']),
    attempts: z.number().int(),
    createdAt: Iso,
    updatedAt: Iso,
    result: z.record(z.string(), z.unknown()).optional().describe('Counts only, never identifiers.'),
    lastError: z.string().optional(),
  })
  .strict();

/** 202 (queued) and 200 (seen before) of the Shopify compliance webhooks. */
export const WebhookReceipt = z.object({ received: z.literal(true), jobId: z.string(), duplicate: z.boolean() }).strict();

/** 200 of a signed delivery of a topic this service does not act on (`app/uninstalled`, docs/decisions/0011). */
export const WebhookAcknowledged = z
  .object({ received: z.literal(true), handled: z.literal(false), topic: z.string().describe('The X-Shopify-Topic delivered (at most 100 characters).') })
  .strict();

/** 200 of a product webhook (`products/create`, `products/update`, `products/delete`) on `POST /webhooks/shopify`. */
export const ProductWebhookReceipt = z
  .object({
    received: z.literal(true),
    shop: z.string(),
    topic: z.enum(['products/create', 'products/update', 'products/delete']),
    outcome: z.enum(['written', 'removed', 'stale', 'ignored']).describe('stale: a newer change of the product is held, nothing changed; ignored: an unreadable payload, nothing changed.'),
    id: z.string().optional().describe("The catalog's id the change was applied under."),
    numericId: z.string().optional(),
    reason: z.string().optional(),
  })
  .strict();

/** 200 of `GET /health/live`. */
export const Live = z.object({ status: z.literal('ok') }).strict();

/** 200 and 503 of `GET /health/ready`. */
export const Ready = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z
      .object({
        store: z
          .object({
            kind: z.string(),
            up: z.boolean(),
            durability: z
              .enum(['durable', 'volatile', 'unknown'])
              .optional()
              .describe('Redis: whether an acknowledged event survives a crash of Redis (AOF on: durable). See docs/reliability.md.'),
            persistence: z
              .object({
                aof: z.enum(['on', 'off']).optional(),
                appendfsync: z.string().optional(),
                rdb: z.string().optional().describe('The RDB snapshot schedule (`save`), or `off`.'),
                source: z.enum(['config', 'info', 'none']).describe('Read with CONFIG GET, or INFO persistence where CONFIG is disabled.'),
                node: z.string().optional().describe('Cluster: the master described (the weakest).'),
                warning: z.string().optional(),
              })
              .strict()
              .optional()
              .describe('Redis: the persistence settings read at connect and at every reconnection.'),
          })
          .strict(),
        projector: z
          .object({
            lag: z.number(),
            failing: z
              .object({ since: z.string().describe('ISO 8601: when the first of the failed drains ended.'), error: z.string().describe("The last failure's message.") })
              .strict()
              .optional()
              .describe("While this process's projector fails every drain (the store, or a fault no single event causes: an event that fails on its own is set aside). Still ready: answers are served."),
          })
          .strict(),
        shopCatalog: z.record(z.string(), z.unknown()).optional().describe('When a Storefront Catalog MCP is configured: its breaker and cache.'),
      })
      .strict(),
  })
  .strict();

/** 200 of `GET /`. */
export const ServiceInfo = z
  .object({
    name: z.literal('affinity'),
    version: z.string(),
    openapi: z.string(),
    health: z.string(),
    metrics: z.string(),
    auth: z.enum(['keys', 'open']).describe('`keys`: requests need an API key (AFFINITY_API_KEYS); `open`: none is configured (development).'),
  })
  .strict();

/** 200 of `GET /openapi.json`. */
export const OpenApiDocument = z.object({ openapi: z.string(), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) }).loose();

const Estimate = z.object({ value: z.number(), low: z.number(), high: z.number() }).strict().describe('Estimate with its 95 % interval.');
const Difference = z.object({ value: z.number(), low: z.number(), high: z.number(), relative: z.number(), pValue: z.number() }).strict();

/** 200 of `GET /v1/analytics`. */
export const Analytics = z
  .object({
    shop: z.string(),
    experiment: z.string().nullable(),
    experimentStatus: z
      .enum(['running', 'ended', 'undeclared'])
      .optional()
      .describe('With `experiment`: `running` or `ended` as declared in AFFINITY_EXPERIMENTS_FILE (an ended one assigns nobody, its results stay readable); `undeclared`: no longer in the file, read from its stored lists (no control or weights known: no uplift, no sample-ratio check).'),
    from: z.string().describe('Start of the period (inclusive), UTC.'),
    to: z.string().describe('End of the period (inclusive), UTC: a date-only `to` is the end of that day.'),
    by: z.string(),
    attributionWindowDays: z.number(),
    currency: z.string().nullable().describe('ISO 4217 currency every amount of the report is in (`revenue`, `influenced`, `revenuePerServed`, `totals`), as integer minor units (cents for USD). The shop’s own (its catalog’s); null when none is known yet.'),
    otherCurrencyLines: z.number().int().describe('Order lines in other currencies no configured market rate converts: their orders count (orders, conversion, uplift) but their amounts are in no `revenue`; each group’s `orderLines.notSummed` says which currencies and how much.'),
    convertedLines: z.number().int().describe('Order lines in other currencies summed converted at a configured market rate (`exchangeRates`): those amounts are estimates (Shopify converts at checkout with its own rate).'),
    exchangeRates: z.record(z.string(), z.number()).describe('The rates used: units of `currency` per unit of each other currency (from the markets’ `exchangeRates`, docs/markets.md).'),
    previewLists: z.number().int().describe('Lists the dashboard’s Preview asked for in the period (agent `dashboard-preview`): in no figure, group, total or sample-ratio check.'),
    totals: z
      .object({
        served: z.number().int(),
        viewed: z.number().int(),
        agentLists: z.number().int().describe('Of `served`, the lists AI agents asked for: no view of them is ever reported.'),
        clicks: z.number().int(),
        addToCarts: z.number().int(),
        orders: z.number().int().describe('Distinct orders with an attributed line: an order with lines from lists of several groups is in each group’s `orders`, once here.'),
        revenue: z.number().int().describe('Minor units of `currency`.'),
        influenced: z.number().int().describe('Minor units of `currency`.'),
        shoppers: z.number().int().describe('Distinct shoppers served: a shopper served in several groups is in each group’s `shoppers.served`, once here.'),
      })
      .strict()
      .describe('The report’s figures counted once: group `orders` and `shoppers` do not add up across groups (an order or shopper of several groups counts in each); the others do.'),
    groups: z.array(
      z
        .object({
          key: z.string(),
          served: z.number().int(),
          viewed: z.number().int().describe('Lists with a view reported (the storefront block publishes one when the list is seen); lists agents asked for never have one: `agentLists`.'),
          agentLists: z.number().int().describe('Of `served`, the lists AI agents asked for (MCP, or a request naming an `agent`): an agent does not report when the shopper saw a list, so `viewed` counts the others only.'),
          clicks: z.number().int(),
          addToCarts: z.number().int(),
          orders: z.number().int().describe('Distinct orders with an attributed line of a list of the group, in any currency. An order with lines from lists of several groups counts in each (see `totals.orders`).'),
          revenue: z.number().int().describe('Attributed order lines, integer minor units of the report’s `currency` (lines in other currencies converted at a configured rate, else left out: `orderLines`). 0 with `orderLines.summed` 0 and `orderLines.notSummed` non-empty means unknown, not zero.'),
          influenced: z.number().int().describe('The unattributed rest of the group’s orders (once per order), integer minor units of the report’s `currency`; same currency rules as `revenue`.'),
          orderLines: z
            .object({
              summed: z.number().int().describe('Order lines whose amounts are in `revenue`.'),
              converted: z.number().int().describe('Of those, lines converted at a configured market rate: `revenue` is then an estimate.'),
              notSummed: z
                .array(
                  z
                    .object({
                      currency: z.string(),
                      lines: z.number().int(),
                      orders: z.number().int(),
                      revenue: z.number().int().describe('Minor units of this entry’s `currency`.'),
                      influenced: z.number().int().describe('Minor units of this entry’s `currency`.'),
                      withoutAmount: z.number().int().describe('Of `lines`, those stating no amount (a storefront pixel price the catalog could not vouch for): unknown, not 0.'),
                    })
                    .strict(),
                )
                .describe('Order lines in currencies no configured rate converts, per currency: in no sum of the report.'),
            })
            .strict()
            .describe('How the group’s order lines entered `revenue` and `influenced`.'),
          clickThroughRate: Estimate,
          conversionRate: Estimate,
          revenuePerServed: Estimate.describe('Revenue per served list, minor units of `currency`, with its 95 % t interval (not clamped at 0).'),
          guardrails: z
            .object({
              errors: z.number().int().describe('Requests that failed after their list was started (not in `served`).'),
              errorRate: Estimate.describe('errors / (served + errors), with its 95 % interval.'),
              degraded: z.number().int().describe('Lists a fallback answered (store, shop catalog or model down).'),
              latencyMs: z
                .object({ samples: z.number().int(), p50: z.number().nullable(), p95: z.number().nullable(), max: z.number().nullable() })
                .strict()
                .describe('Answer time of the lists that recorded one (errors included), ms; null without samples.'),
            })
            .strict()
            .describe('Latency and failures of the group, from what each served list recorded: an uplift only counts if these did not get worse.'),
          shoppers: z
            .object({
              served: z.number().int(),
              clicked: z.number().int(),
              ordered: z.number().int(),
              clickRate: Estimate,
              conversionRate: Estimate,
              switched: z.number().int().optional().describe('By variant: shoppers counted here who were also served another variant (identity linked mid-experiment).'),
            })
            .strict()
            .describe('Distinct shoppers (the unit of randomization): served a list, clicked one, had an attributed order line; per-shopper rates.'),
          reassignedLists: z.number().int().optional().describe("By variant: lists counted here although another variant served them (their shopper's first variant in the period is this one)."),
          viaSharedLinks: z
            .object({ clicks: z.number().int(), addToCarts: z.number().int(), orders: z.number().int(), revenue: z.number().int().describe('Minor units of the report’s `currency`.') })
            .strict()
            .describe(
              "Other visitors who followed a link of the group's storefront lists served to a known shopper (a shared or posted link): their clicks, cart lines, orders and attributed revenue (the report's currency). In none of the group's other figures, rates or uplift. Lists an agent asked for count whoever follows their links.",
            ),
          uplift: z
            .object({ clickThroughRate: Difference, conversionRate: Difference, revenuePerServed: Difference, shopperClickRate: Difference, shopperConversionRate: Difference })
            .strict()
            .optional(),
        })
        .strict(),
    ),
    sampleRatio: z.object({ chiSquare: z.number(), df: z.number().int(), pValue: z.number(), mismatch: z.boolean() }).strict().optional(),
  })
  .strict();
