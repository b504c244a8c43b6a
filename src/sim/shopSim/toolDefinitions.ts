/**
 * `tools/list` answers of the shop simulator: the UCP catalog tools of `/api/ucp/mcp` and the legacy
 * `search_shop_catalog` of `/api/mcp`, with JSON-Schema input schemas after the UCP spec
 * (`catalog_search.json`, `catalog_lookup.json`) and the legacy wrapper (docs/shopify.md §1.3–1.4).
 * `lookup_catalog` takes at most {@link MAX_LOOKUP_IDS} ids (Shopify Storefront Catalog's limit); its
 * `ids` description names handles only on a simulator that looks them up.
 * No `outputSchema` is declared: Shopify's is not documented, and declaring one makes MCP SDK clients
 * validate `structuredContent` against it.
 */

const META = {
  type: 'object',
  description: 'UCP request metadata. `ucp-agent.profile` (the URL of the agent profile) is required.',
  properties: {
    'ucp-agent': {
      type: 'object',
      properties: { profile: { type: 'string', format: 'uri' } },
      required: ['profile'],
    },
  },
  required: ['ucp-agent'],
} as const;

/** Most ids one `lookup_catalog` accepts (Shopify Storefront Catalog: "up to 10"); more is -32602. */
export const MAX_LOOKUP_IDS = 10;

const CONTEXT = {
  type: 'object',
  description: 'Provisional buyer context (hints, not authoritative).',
  properties: {
    address_country: { type: 'string', description: 'ISO 3166-1 alpha-2' },
    address_region: { type: 'string' },
    postal_code: { type: 'string' },
    intent: { type: 'string' },
    language: { type: 'string', description: 'BCP 47' },
    currency: { type: 'string', description: 'ISO 4217; price filters are in its minor units' },
    location: { type: 'string', description: 'Business location id (UCP 2026-08-25)' },
  },
} as const;

const FILTERS = {
  type: 'object',
  properties: {
    categories: { type: 'array', items: { type: 'string' }, description: 'OR-matched against product category values (Shopify taxonomy ids such as aa-1-2, or their GIDs)' },
    price: {
      type: 'object',
      properties: { min: { type: 'integer', minimum: 0 }, max: { type: 'integer', minimum: 0 } },
      description: 'Minor units of context.currency',
    },
  },
} as const;

/** Tools of `/api/ucp/mcp`; `lookupByHandle` says whether `lookup_catalog` takes product handles. */
export function ucpTools(lookupByHandle: boolean) {
  return [
    UCP_TOOLS[0],
    {
      ...UCP_TOOLS[1],
      inputSchema: {
        ...UCP_TOOLS[1].inputSchema,
        properties: {
          ...UCP_TOOLS[1].inputSchema.properties,
          catalog: {
            ...UCP_TOOLS[1].inputSchema.properties.catalog,
            properties: {
              ...UCP_TOOLS[1].inputSchema.properties.catalog.properties,
              ids: {
                ...UCP_TOOLS[1].inputSchema.properties.catalog.properties.ids,
                description: lookupByHandle ? 'Product GIDs, variant GIDs or product handles' : 'Product GIDs or variant GIDs',
              },
            },
          },
        },
      },
    },
    UCP_TOOLS[2],
  ];
}

/** Tools of `/api/ucp/mcp` (lookups by GID only). */
export const UCP_TOOLS = [
  {
    name: 'search_catalog',
    description: 'Search the store catalog. A request with filters and no query is a browse.',
    inputSchema: {
      type: 'object',
      properties: {
        meta: META,
        catalog: {
          type: 'object',
          properties: {
            query: { type: 'string' },
            context: CONTEXT,
            filters: FILTERS,
            pagination: {
              type: 'object',
              properties: { cursor: { type: 'string' }, limit: { type: 'integer', minimum: 1, default: 10 } },
            },
          },
        },
      },
      required: ['meta', 'catalog'],
    },
  },
  {
    name: 'lookup_catalog',
    description: 'Look up products or variants by id.',
    inputSchema: {
      type: 'object',
      properties: {
        meta: META,
        catalog: {
          type: 'object',
          properties: {
            ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: MAX_LOOKUP_IDS, description: 'Product GIDs or variant GIDs' },
            context: CONTEXT,
            filters: FILTERS,
          },
          required: ['ids'],
        },
      },
      required: ['meta', 'catalog'],
    },
  },
  {
    name: 'get_product',
    description: 'Get one product (by product or variant id) with option availability.',
    inputSchema: {
      type: 'object',
      properties: {
        meta: META,
        catalog: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            selected: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, label: { type: 'string' } } } },
            preferences: { type: 'array', items: { type: 'string' } },
            context: CONTEXT,
          },
          required: ['id'],
        },
      },
      required: ['meta', 'catalog'],
    },
  },
] as const;

/** Tools of the legacy `/api/mcp`. */
export const LEGACY_TOOLS = [
  {
    name: 'search_shop_catalog',
    description: "Search the store's product catalog.",
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string' },
        context: { type: 'string', description: 'Free text about the shopper' },
        filters: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              available: { type: 'boolean' },
              price: { type: 'object', properties: { min: { type: 'number' }, max: { type: 'number' } } },
              productType: { type: 'string' },
              productVendor: { type: 'string' },
              tag: { type: 'string' },
            },
          },
        },
        country: { type: 'string' },
        language: { type: 'string' },
        limit: { type: 'integer', default: 10, maximum: 250 },
        after: { type: 'string' },
      },
      required: ['query', 'context'],
    },
  },
] as const;
