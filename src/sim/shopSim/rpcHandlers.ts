/**
 * The shop simulator's JSON-RPC methods, transport-free: `initialize`, `ping`, `tools/list` and
 * `tools/call` for the UCP catalog tools (`/api/ucp/mcp`) and the legacy `search_shop_catalog`
 * (`/api/mcp`), as strictly as Shopify documents them (docs/shopify.md §0–§1):
 *
 * - Every request to `/api/ucp/mcp` but `initialize`/`ping`, `tools/list` included, needs the agent
 *   profile in `params.arguments.meta["ucp-agent"].profile` (an http(s) URL); without it: -32602.
 * - The UCP version of each answer is negotiated: the newest version the simulator speaks that the
 *   agent's profile declares (`agentVersions`; a profile it does not know is taken to declare the newest).
 * - `lookup_catalog` takes at most 10 ids (more: -32602), product and variant GIDs (handles only with
 *   `lookupByHandle`); each product comes once, with only its matched or featured variant, and every
 *   returned variant carries `inputs`.
 * - `get_product` returns the featured variant and those matching the effective `selected` options, never
 *   every variant; the product's `selected` and its options' `exists`/`available` signals
 *   (`variantSelection.ts`). An unknown id is `ucp.status: "error"` with a `not_found` message.
 * - Products have numeric ids and Shopify-shaped taxonomy ids as categories, which category filters match.
 *
 * Protocol problems are JSON-RPC errors (-32602 Invalid params); business outcomes (an id that does not
 * resolve) are successful results with `messages` (UCP catalog/mcp.md "Error Handling").
 */
import type { Product } from '../../core/catalog/product.ts';
import { normalizeId } from '../../core/ids.ts';
import { currencyExponent } from '../../core/money.ts';
import { SIM_UCP_VERSIONS, businessProfile } from './businessProfile.ts';
import { InvalidCursorError, SimCatalog } from './catalogQuery.ts';
import type { SimQuery, SimResolved } from './catalogQuery.ts';
import { withShopifyIds } from './shopifyIds.ts';
import { taxonomyIds } from './taxonomyIds.ts';
import { LEGACY_TOOLS, MAX_LOOKUP_IDS, UCP_TOOLS, ucpTools } from './toolDefinitions.ts';
import { selectVariants, type SelectedOption } from './variantSelection.ts';
import { toLegacyProduct, toUcpProduct } from './wireShapes.ts';

export { MAX_LOOKUP_IDS };
/** Newest UCP version the simulator speaks by default. */
export const UCP_VERSION = SIM_UCP_VERSIONS[1];

/** JSON-RPC error codes used by the simulator. */
export const RPC = { PARSE: -32700, INVALID_REQUEST: -32600, METHOD_NOT_FOUND: -32601, INVALID_PARAMS: -32602, INTERNAL: -32603 } as const;

/** A JSON-RPC error raised by a handler. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Options of {@link SimRpc}. */
export interface SimRpcOptions {
  readonly products: readonly Product[];
  readonly shopDomain: string;
  /** Also put the JSON of `structuredContent` into `content[0].text` (Shopify sends no `content`). */
  readonly includeTextContent?: boolean;
  /** Include `handle` in UCP products (default false, as observed on Shopify). */
  readonly includeHandle?: boolean;
  /** Server-side clamp of `pagination.limit` (default 100). */
  readonly maxPageSize?: number;
  /** UCP versions spoken (default 2026-04-08 and 2026-08-25). */
  readonly ucpVersions?: readonly string[];
  /** The UCP version each agent profile URL declares (profiles are not fetched; unknown ones declare the newest). */
  readonly agentVersions?: Readonly<Record<string, string>>;
  /** `lookup_catalog` also takes product handles (UCP lets a shop support secondary ids; default false). */
  readonly lookupByHandle?: boolean;
}

const SUPPORTED_PROTOCOLS = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(message: string): RpcError {
  return new RpcError(RPC.INVALID_PARAMS, `Invalid params: ${message}`);
}

function optionalInt(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`${what} must be a non-negative integer`);
  return v;
}

/** The agent profile URL of a request's `meta`. @throws RpcError -32602 when there is none */
function agentProfile(meta: unknown, what: string): string {
  const agent = isObj(meta) ? meta['ucp-agent'] : undefined;
  const profile = isObj(agent) ? agent.profile : undefined;
  if (typeof profile !== 'string' || !/^https?:\/\/\S+$/.test(profile)) {
    throw invalid(`${what}: meta["ucp-agent"].profile (the URL of the agent's UCP profile) is required on every request`);
  }
  return profile;
}

/** JSON-RPC dispatch for both simulated endpoints. */
export class SimRpc {
  readonly #o: SimRpcOptions;
  readonly #catalog: SimCatalog;
  readonly #exp: number;
  readonly #versions: readonly string[];
  readonly #products: readonly Product[];
  readonly #taxonomy: ReadonlyMap<string, string>;

  constructor(opts: SimRpcOptions) {
    this.#o = opts;
    // Storefronts only expose published products, under numeric ids.
    this.#products = withShopifyIds(opts.products.filter((p) => p.published));
    this.#taxonomy = taxonomyIds(this.#products.map((p) => p.category));
    this.#catalog = new SimCatalog(this.#products, (p) => this.#taxonomy.get(p.category));
    this.#exp = currencyExponent(opts.products[0]?.variants[0]?.price.currency ?? 'USD');
    this.#versions = [...(opts.ucpVersions ?? SIM_UCP_VERSIONS)].sort();
  }

  /** The products served, as the shop holds them (numeric ids). */
  get products(): readonly Product[] {
    return this.#products;
  }

  /** Taxonomy id of each category path of the catalog. */
  get taxonomyIds(): ReadonlyMap<string, string> {
    return this.#taxonomy;
  }

  /** The business profile (`/.well-known/ucp`) for the MCP endpoint URL. */
  businessProfile(endpoint: string): Record<string, unknown> {
    return businessProfile(endpoint, this.#versions);
  }

  /** The version answers take for an agent profile. @throws RpcError -32602 when none is shared */
  #negotiate(profile: string): string {
    const declared = this.#o.agentVersions?.[profile] ?? this.#versions.at(-1) ?? UCP_VERSION;
    const version = this.#versions.filter((v) => v <= declared).at(-1);
    if (!version) throw invalid(`version_unsupported: the agent profile declares UCP ${declared}; this shop speaks ${this.#versions.join(', ')}`);
    return version;
  }

  /** Answers one request of `/api/ucp/mcp` (`legacy: false`) or `/api/mcp` (`legacy: true`). @throws RpcError */
  handle(method: string, params: unknown, legacy: boolean): unknown {
    switch (method) {
      case 'initialize': {
        const requested = isObj(params) && typeof params.protocolVersion === 'string' ? params.protocolVersion : '';
        return {
          protocolVersion: SUPPORTED_PROTOCOLS.includes(requested) ? requested : '2025-06-18',
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: legacy ? 'shop-sim-storefront-mcp' : 'shop-sim-storefront-catalog-mcp', version: UCP_VERSION },
        };
      }
      case 'ping':
        return {};
      case 'tools/list': {
        if (legacy) return { tools: LEGACY_TOOLS };
        const args = isObj(params) ? params.arguments : undefined;
        // "The returned tools depend on the capabilities your agent advertises": the profile is required here too.
        this.#negotiate(agentProfile(isObj(args) ? args.meta : undefined, 'tools/list'));
        return { tools: this.#o.lookupByHandle ? ucpTools(true) : UCP_TOOLS };
      }
      case 'tools/call': {
        if (!isObj(params) || typeof params.name !== 'string') throw invalid('params.name is required');
        const args = params.arguments ?? {};
        if (!isObj(args)) throw invalid('params.arguments must be an object');
        return legacy ? this.#legacyCall(params.name, args) : this.#ucpCall(params.name, args);
      }
      default:
        throw new RpcError(RPC.METHOD_NOT_FOUND, `Method not found: ${method}`);
    }
  }

  #result(structured: Obj): Obj {
    return {
      structuredContent: structured,
      ...(this.#o.includeTextContent ? { content: [{ type: 'text', text: JSON.stringify(structured) }] } : {}),
    };
  }

  #envelope(capability: string, version: string): Obj {
    return { version, capabilities: { [capability]: [{ version }] } };
  }

  #ucpCall(name: string, args: Obj): Obj {
    if (!UCP_TOOLS.some((t) => t.name === name)) throw invalid(`unknown tool: ${name}`);
    const version = this.#negotiate(agentProfile(args.meta, name));
    const catalog = args.catalog;
    if (!isObj(catalog)) throw invalid('catalog is required');
    if (catalog.context !== undefined && !isObj(catalog.context)) throw invalid('catalog.context must be an object');
    const render = (p: Product): Obj => {
      const categoryId = this.#taxonomy.get(p.category);
      return toUcpProduct(p, { shopDomain: this.#o.shopDomain, ...(this.#o.includeHandle ? { includeHandle: true } : {}), ...(categoryId ? { categoryId } : {}) });
    };
    switch (name) {
      case 'search_catalog':
        return this.#search(catalog, render, version);
      case 'lookup_catalog':
        return this.#lookup(catalog, render, version);
      default:
        return this.#getProduct(catalog, render, version);
    }
  }

  #filters(raw: unknown): Pick<SimQuery, 'categories' | 'priceMin' | 'priceMax'> & { any: boolean } {
    if (raw === undefined || raw === null) return { any: false };
    if (!isObj(raw)) throw invalid('catalog.filters must be an object');
    const out: { categories?: string[]; priceMin?: number; priceMax?: number; any: boolean } = { any: Object.keys(raw).length > 0 };
    if (raw.categories !== undefined) {
      if (!Array.isArray(raw.categories) || !raw.categories.every((c) => typeof c === 'string')) throw invalid('filters.categories must be an array of strings');
      out.categories = raw.categories as string[];
    }
    if (raw.price !== undefined) {
      if (!isObj(raw.price)) throw invalid('filters.price must be an object');
      const min = optionalInt(raw.price.min, 'filters.price.min');
      const max = optionalInt(raw.price.max, 'filters.price.max');
      if (min !== undefined) out.priceMin = min;
      if (max !== undefined) out.priceMax = max;
    }
    return out;
  }

  #search(catalog: Obj, render: (p: Product) => Obj, version: string): Obj {
    const query = catalog.query;
    if (query !== undefined && typeof query !== 'string') throw invalid('catalog.query must be a string');
    const { any, ...filters } = this.#filters(catalog.filters);
    if ((query === undefined || query.trim() === '') && !any) throw invalid('search_catalog needs a query or filters (filters without a query is a browse)');
    const pagination = catalog.pagination;
    if (pagination !== undefined && !isObj(pagination)) throw invalid('catalog.pagination must be an object');
    const limitRaw = optionalInt(pagination?.limit, 'pagination.limit');
    if (limitRaw === 0) throw invalid('pagination.limit must be at least 1');
    const limit = Math.min(limitRaw ?? 10, this.#o.maxPageSize ?? 100);
    const cursor = pagination?.cursor;
    if (cursor !== undefined && typeof cursor !== 'string') throw invalid('pagination.cursor must be a string');
    const page = this.#page({ ...(query !== undefined ? { query } : {}), ...filters }, limit, cursor);
    return this.#result({
      ucp: this.#envelope('dev.ucp.shopping.catalog.search', version),
      products: page.products.map(render),
      pagination: { ...(page.nextCursor ? { cursor: page.nextCursor } : {}), has_next_page: page.nextCursor !== undefined, total_count: page.total },
      messages: [],
    });
  }

  #page(q: SimQuery, limit: number, cursor: string | undefined): ReturnType<SimCatalog['page']> {
    try {
      return this.#catalog.page(q, limit, cursor);
    } catch (e) {
      if (e instanceof InvalidCursorError) throw invalid(e.message);
      throw e;
    }
  }

  /**
   * `lookup_catalog`: at most {@link MAX_LOOKUP_IDS} ids (duplicates count once), each product once,
   * with only the variants some id resolved to: the exact variant of a variant id, the featured one (the
   * first available, else the first) of a product id or handle. Unresolved ids are `not_found` messages.
   */
  #lookup(catalog: Obj, render: (p: Product) => Obj, version: string): Obj {
    const ids = catalog.ids;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((i) => typeof i === 'string')) throw invalid('catalog.ids must be a non-empty array of strings');
    if (ids.length > MAX_LOOKUP_IDS) throw invalid(`lookup_catalog takes at most ${MAX_LOOKUP_IDS} ids per request (got ${ids.length})`);
    const products = new Map<string, { product: Product; inputs: Map<string, Obj[]> }>();
    const messages: Obj[] = [];
    for (const input of new Set(ids as string[])) {
      const f: SimResolved | undefined = this.#catalog.resolve(input, this.#o.lookupByHandle === true);
      if (!f) {
        messages.push({ type: 'info', code: 'not_found', content: input });
        continue;
      }
      const entry = products.get(f.product.id) ?? { product: f.product, inputs: new Map<string, Obj[]>() };
      products.set(f.product.id, entry);
      const variant = f.variantId ?? (f.product.variants.find((v) => v.available) ?? f.product.variants[0])?.id;
      if (variant === undefined) continue;
      entry.inputs.set(variant, [...(entry.inputs.get(variant) ?? []), { id: input, match: f.variantId ? 'exact' : 'featured' }]);
    }
    const out = [...products.values()].map(({ product, inputs }) => {
      const obj = render(product);
      // Variants without `inputs` must not appear in a lookup answer.
      const variants = (obj.variants as Obj[]).flatMap((v) => {
        const matched = inputs.get(normalizeId(v.id) ?? '');
        return matched ? [{ ...v, inputs: matched }] : [];
      });
      return { ...obj, variants };
    });
    return this.#result({ ucp: this.#envelope('dev.ucp.shopping.catalog.lookup', version), products: out, messages });
  }

  /**
   * `get_product`: one product with the featured variant and the variants matching the effective
   * selections (a variant id decides them; else `selected`, relaxed per `preferences`), the effective
   * `selected`, and options whose values say whether they exist and are available with those selections.
   */
  #getProduct(catalog: Obj, render: (p: Product) => Obj, version: string): Obj {
    if (typeof catalog.id !== 'string' || catalog.id.trim() === '') throw invalid('catalog.id is required');
    const selected = this.#selected(catalog.selected);
    const preferences = catalog.preferences;
    if (preferences !== undefined && (!Array.isArray(preferences) || !preferences.every((n) => typeof n === 'string'))) throw invalid('catalog.preferences must be an array of option names');
    const f = this.#catalog.resolve(catalog.id, this.#o.lookupByHandle === true);
    const ucp = this.#envelope('dev.ucp.shopping.catalog.lookup', version);
    if (!f) return this.#result({ ucp: { ...ucp, status: 'error' }, messages: [{ type: 'error', code: 'not_found', content: catalog.id, severity: 'recoverable' }] });
    const pick = selectVariants(f.product, { ...(f.variantId ? { variantId: f.variantId } : {}), ...(selected ? { selected } : {}), ...(preferences ? { preferences: preferences as string[] } : {}) });
    const obj = render(f.product);
    const rendered = new Map((obj.variants as Obj[]).map((v) => [normalizeId(v.id) ?? '', v]));
    const product = {
      ...obj,
      ...(pick.selected.length > 0 ? { selected: pick.selected.map((o) => ({ ...o })) } : {}),
      options: pick.options.map((o) => ({ name: o.name, values: o.values.map((v) => ({ ...v })) })),
      variants: pick.variants.flatMap((v) => rendered.get(v.id) ?? []),
    };
    return this.#result({ ucp, product, messages: [] });
  }

  /** `catalog.selected`: `[{name, label}]`, each option name at most once. @throws RpcError -32602 */
  #selected(raw: unknown): SelectedOption[] | undefined {
    if (raw === undefined || raw === null) return undefined;
    if (!Array.isArray(raw) || !raw.every((o) => isObj(o) && typeof o.name === 'string' && typeof o.label === 'string')) throw invalid('catalog.selected must be an array of {name, label}');
    const out = (raw as Obj[]).map((o) => ({ name: o.name as string, label: o.label as string }));
    if (new Set(out.map((o) => o.name)).size !== out.length) throw invalid('catalog.selected: each option name may appear at most once');
    return out;
  }

  #legacyCall(name: string, args: Obj): Obj {
    if (name !== 'search_shop_catalog') throw invalid(`unknown tool: ${name}`);
    if (typeof args.query !== 'string') throw invalid('query is required');
    if (typeof args.context !== 'string') throw invalid('context is required');
    const limit = optionalInt(args.limit, 'limit') ?? 10;
    if (limit < 1 || limit > 250) throw invalid('limit must be between 1 and 250');
    if (args.after !== undefined && typeof args.after !== 'string') throw invalid('after must be a string');
    const q: { -readonly [K in keyof SimQuery]: SimQuery[K] } = { query: args.query };
    const filters = args.filters ?? [];
    if (!Array.isArray(filters)) throw invalid('filters must be an array');
    const minor = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10 ** this.#exp) : undefined);
    for (const f of filters) {
      if (!isObj(f)) throw invalid('filters items must be objects');
      if (typeof f.available === 'boolean') q.availableOnly = f.available;
      if (isObj(f.price)) {
        const min = minor(f.price.min);
        const max = minor(f.price.max);
        if (min !== undefined) q.priceMin = min;
        if (max !== undefined) q.priceMax = max;
      }
      if (typeof f.productType === 'string') q.productType = f.productType;
      if (typeof f.productVendor === 'string') q.vendor = f.productVendor;
      if (typeof f.tag === 'string') q.tag = f.tag;
    }
    const page = this.#page(q, limit, args.after as string | undefined);
    const body = {
      products: page.products.map((p) => toLegacyProduct(p, this.#o.shopDomain)),
      pagination: { hasNextPage: page.nextCursor !== undefined, endCursor: page.nextCursor ?? null },
      available_filters: [],
      instructions: 'Use markdown to render product titles as links to their url.',
    };
    return { content: [{ type: 'text', text: JSON.stringify(body) }], isError: false };
  }
}
