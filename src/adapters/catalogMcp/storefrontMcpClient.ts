/**
 * Client of a shop's Storefront Catalog MCP (docs/shopify.md §1): `https://{shop}/api/ucp/mcp` with
 * the UCP tools `search_catalog`, `lookup_catalog` and `get_product`, or the legacy `/api/mcp`
 * `search_shop_catalog`. `tools/list` is called once (cached) to find out which one the endpoint
 * speaks; every UCP call carries `meta["ucp-agent"].profile`. Results are read from
 * `structuredContent` (falling back to JSON in a text `content` block) and normalised into Affinity
 * products: ids without the GID prefix, money in integer minor units. No retries or timeouts here:
 * {@link ResilientCatalog} adds them; pass an AbortSignal to bound a call.
 */
import type { Product } from '../../core/catalog/product.ts';
import { normalizeId, toGid } from '../../core/ids.ts';
import { currencyExponent } from '../../core/money.ts';
import { CatalogMcpError } from './errors.ts';
import { JsonRpcHttp } from './jsonRpcHttp.ts';
import { fromLegacyProducts, fromUcpProducts } from './normalizeProducts.ts';

/** Buyer context sent with UCP calls (hints for pricing, availability and relevance). */
export interface CatalogContext {
  /** ISO 3166-1 alpha-2 (`address_country`). */
  readonly country?: string;
  readonly region?: string;
  readonly postalCode?: string;
  /** ISO 4217; price filters are in its minor units. */
  readonly currency?: string;
  /** BCP 47. */
  readonly language?: string;
  /** Free-text shopping intent. */
  readonly intent?: string;
}

/** UCP search filters. */
export interface CatalogFilters {
  /** OR-matched against product category values. */
  readonly categories?: readonly string[];
  /** Minor units of `context.currency`. */
  readonly price?: { readonly min?: number; readonly max?: number };
}

/** A catalog search; with filters and no query it is a browse. */
export interface CatalogSearchRequest {
  readonly query?: string;
  readonly filters?: CatalogFilters;
  readonly context?: CatalogContext;
  /** Page size (server default 10; servers may clamp). */
  readonly limit?: number;
  readonly cursor?: string;
}

/** Products or variants by id. Bare numeric ids are taken as product ids; pass GIDs for variants. */
export interface CatalogLookupRequest {
  readonly ids: readonly string[];
  readonly context?: CatalogContext;
}

/** One product (by product id, or a variant GID) with optional option selections. */
export interface GetProductRequest {
  readonly id: string;
  readonly selected?: readonly { readonly name: string; readonly label: string }[];
  readonly context?: CatalogContext;
}

/** A UCP message (business outcome such as `not_found`). */
export interface CatalogMessage {
  readonly type: string;
  readonly code?: string;
  readonly content?: string;
}

/** Where the next page starts. */
export interface CatalogPagination {
  readonly cursor?: string;
  readonly hasNextPage: boolean;
  readonly totalCount?: number;
}

/** One answer of the shop, normalised. */
export interface CatalogPage {
  readonly products: Product[];
  readonly pagination?: CatalogPagination;
  readonly messages: readonly CatalogMessage[];
  /** Raw items that could not be normalised (skipped), with reasons. */
  readonly invalid: readonly string[];
}

/** Per-call options. */
export interface CatalogCallOptions {
  readonly signal?: AbortSignal;
}

/** What the resilient catalog and the sync need from a shop's catalog. */
export interface CatalogSource {
  search(req: CatalogSearchRequest, opts?: CatalogCallOptions): Promise<CatalogPage>;
  lookup(req: CatalogLookupRequest, opts?: CatalogCallOptions): Promise<CatalogPage>;
  getProduct(req: GetProductRequest, opts?: CatalogCallOptions): Promise<CatalogPage>;
}

/** Which tool set an endpoint speaks. */
export type CatalogProtocol = 'ucp' | 'legacy';

/** Options of {@link StorefrontMcpClient}. */
export interface StorefrontMcpClientOptions {
  /** The MCP endpoint, normally {@link storefrontMcpUrl}(shop domain). */
  readonly url: string;
  /** URL of Affinity's UCP agent profile, sent as `meta["ucp-agent"].profile` on every UCP call. */
  readonly agentProfileUrl: string;
  /** Skip discovery and assume a tool set (default `auto`: ask `tools/list`). */
  readonly protocol?: 'auto' | CatalogProtocol;
  /** Currency for legacy price filters and legacy items without one (default USD). */
  readonly currency?: string;
  /** How long the `tools/list` answer is trusted, ms (default 1 hour). */
  readonly discoveryTtlMs?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
  /** Clock for the discovery TTL (default Date.now). */
  readonly now?: () => number;
}

/** Result of `tools/list` discovery. */
export interface CatalogDiscovery {
  readonly protocol: CatalogProtocol;
  readonly tools: readonly string[];
}

/** Most ids sent in one `lookup_catalog` (the UCP binding allows servers to reject bigger batches). */
export const LOOKUP_BATCH = 50;
/** Text sent as the legacy tool's required `context` when the caller gives no intent. */
const LEGACY_CONTEXT = 'Catalog request from a shopping assistant.';

/** The Storefront Catalog MCP endpoint of a shop domain (`https://{domain}/api/ucp/mcp`). */
export function storefrontMcpUrl(shopDomain: string): string {
  const host = shopDomain.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return `https://${host}/api/ucp/mcp`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function ucpContext(c: CatalogContext | undefined): Obj | undefined {
  if (!c) return undefined;
  const out: Obj = {};
  if (c.country) out.address_country = c.country;
  if (c.region) out.address_region = c.region;
  if (c.postalCode) out.postal_code = c.postalCode;
  if (c.currency) out.currency = c.currency;
  if (c.language) out.language = c.language;
  if (c.intent) out.intent = c.intent;
  return Object.keys(out).length > 0 ? out : undefined;
}

function messagesOf(payload: Obj): CatalogMessage[] {
  if (!Array.isArray(payload.messages)) return [];
  return payload.messages.filter(isObj).map((m) => ({
    type: typeof m.type === 'string' ? m.type : 'info',
    ...(typeof m.code === 'string' ? { code: m.code } : {}),
    ...(typeof m.content === 'string' ? { content: m.content } : {}),
  }));
}

/** The tool's payload: `structuredContent`, else the first text block that holds a JSON object. @throws CatalogMcpError */
function payloadOf(tool: string, result: unknown): Obj {
  if (!isObj(result)) throw new CatalogMcpError('protocol', `${tool}: result is not an object`);
  const blocks = Array.isArray(result.content) ? result.content.filter(isObj) : [];
  const texts = blocks.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => b.text as string);
  if (result.isError === true) throw new CatalogMcpError('tool', `${tool}: ${texts.join(' ').slice(0, 300) || 'tool error'}`);
  if (isObj(result.structuredContent)) return result.structuredContent;
  for (const t of texts) {
    try {
      const v = JSON.parse(t) as unknown;
      if (isObj(v)) return v;
    } catch {
      // not JSON: try the next block
    }
  }
  throw new CatalogMcpError('protocol', `${tool}: no structuredContent and no JSON text content`);
}

/** Talks to one shop's catalog MCP endpoint. */
export class StorefrontMcpClient implements CatalogSource {
  readonly #o: StorefrontMcpClientOptions;
  readonly #rpc: JsonRpcHttp;
  readonly #now: () => number;
  #discovery: { at: number; value: Promise<CatalogDiscovery> } | undefined;

  constructor(opts: StorefrontMcpClientOptions) {
    this.#o = opts;
    this.#now = opts.now ?? Date.now;
    this.#rpc = new JsonRpcHttp({
      url: opts.url,
      ...(opts.headers ? { headers: opts.headers } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    });
  }

  /** The endpoint URL. */
  get url(): string {
    return this.#o.url;
  }

  /**
   * Which tool set the endpoint speaks, from `tools/list` (cached for `discoveryTtlMs`; a failed
   * discovery is not cached). An endpoint that rejects `tools/list` itself is assumed to be UCP.
   */
  discover(opts: CatalogCallOptions = {}): Promise<CatalogDiscovery> {
    const fixed = this.#o.protocol ?? 'auto';
    if (fixed !== 'auto') return Promise.resolve({ protocol: fixed, tools: [] });
    const cached = this.#discovery;
    if (cached && this.#now() - cached.at < (this.#o.discoveryTtlMs ?? 3_600_000)) return cached.value;
    const value = this.#listTools(opts.signal);
    const entry = { at: this.#now(), value };
    this.#discovery = entry;
    value.catch(() => {
      if (this.#discovery === entry) this.#discovery = undefined;
    });
    return value;
  }

  async #listTools(signal?: AbortSignal): Promise<CatalogDiscovery> {
    let result: unknown;
    try {
      // `_meta` carries the agent profile for servers that filter tools by it (not documented by Shopify).
      result = await this.#rpc.request('tools/list', { _meta: { 'ucp-agent': { profile: this.#o.agentProfileUrl } } }, signal);
    } catch (e) {
      if (e instanceof CatalogMcpError && e.kind === 'rpc' && !e.transient) return { protocol: 'ucp', tools: [] };
      throw e;
    }
    const tools = isObj(result) && Array.isArray(result.tools) ? result.tools.filter(isObj).map((t) => String(t.name)) : undefined;
    if (!tools) throw new CatalogMcpError('protocol', 'tools/list: no tools array');
    if (tools.includes('search_catalog')) return { protocol: 'ucp', tools };
    if (tools.includes('search_shop_catalog')) return { protocol: 'legacy', tools };
    throw new CatalogMcpError('unsupported', `${this.#o.url} offers no catalog search tool (tools: ${tools.join(', ') || 'none'})`);
  }

  async #call(tool: string, args: Obj, signal?: AbortSignal): Promise<Obj> {
    const result = await this.#rpc.request('tools/call', { name: tool, arguments: args }, signal);
    return payloadOf(tool, result);
  }

  #ucpArgs(catalog: Obj): Obj {
    return { meta: { 'ucp-agent': { profile: this.#o.agentProfileUrl } }, catalog };
  }

  /** Searches (or, with filters and no query, browses) the catalog. @throws CatalogMcpError */
  async search(req: CatalogSearchRequest, opts: CatalogCallOptions = {}): Promise<CatalogPage> {
    const d = await this.discover(opts);
    if (d.protocol === 'legacy') return this.#legacySearch(req, opts.signal);
    const context = ucpContext(req.context);
    const filters: Obj = {};
    if (req.filters?.categories && req.filters.categories.length > 0) filters.categories = [...req.filters.categories];
    if (req.filters?.price && (req.filters.price.min !== undefined || req.filters.price.max !== undefined)) filters.price = { ...req.filters.price };
    const query = req.query?.trim();
    const payload = await this.#call(
      'search_catalog',
      this.#ucpArgs({
        ...(query ? { query } : {}),
        ...(context ? { context } : {}),
        ...(Object.keys(filters).length > 0 ? { filters } : {}),
        ...(req.limit !== undefined || req.cursor ? { pagination: { ...(req.limit !== undefined ? { limit: req.limit } : {}), ...(req.cursor ? { cursor: req.cursor } : {}) } } : {}),
      }),
      opts.signal,
    );
    return this.#ucpPage('search_catalog', payload);
  }

  #ucpPage(tool: string, payload: Obj): CatalogPage {
    const raw = payload.products;
    if (raw !== undefined && !Array.isArray(raw)) throw new CatalogMcpError('protocol', `${tool}: products is not an array`);
    const { products, invalid } = fromUcpProducts(raw ?? [], this.#o.currency);
    const p = isObj(payload.pagination) ? payload.pagination : undefined;
    const pagination: CatalogPagination | undefined = p
      ? {
          hasNextPage: p.has_next_page === true,
          ...(typeof p.cursor === 'string' && p.cursor !== '' ? { cursor: p.cursor } : {}),
          ...(typeof p.total_count === 'number' ? { totalCount: p.total_count } : {}),
        }
      : undefined;
    return { products, ...(pagination ? { pagination } : {}), messages: messagesOf(payload), invalid };
  }

  async #legacySearch(req: CatalogSearchRequest, signal?: AbortSignal): Promise<CatalogPage> {
    const currency = req.context?.currency ?? this.#o.currency ?? 'USD';
    const major = (minor: number | undefined): number | undefined => (minor === undefined ? undefined : minor / 10 ** currencyExponent(currency));
    const price = req.filters?.price;
    // Category filters have no legacy equivalent (it filters by category id), so they are not sent.
    const filters = price && (price.min !== undefined || price.max !== undefined) ? [{ price: { ...(price.min !== undefined ? { min: major(price.min) } : {}), ...(price.max !== undefined ? { max: major(price.max) } : {}) } }] : [];
    const payload = await this.#call(
      'search_shop_catalog',
      {
        query: req.query?.trim() ?? '',
        context: req.context?.intent ?? LEGACY_CONTEXT,
        ...(req.limit !== undefined ? { limit: Math.min(Math.max(1, req.limit), 250) } : {}),
        ...(req.cursor ? { after: req.cursor } : {}),
        ...(req.context?.country ? { country: req.context.country } : {}),
        ...(req.context?.language ? { language: req.context.language.slice(0, 2) } : {}),
        ...(filters.length > 0 ? { filters } : {}),
      },
      signal,
    );
    const raw = payload.products;
    if (!Array.isArray(raw)) throw new CatalogMcpError('protocol', 'search_shop_catalog: products is not an array');
    const { products, invalid } = fromLegacyProducts(raw, this.#o.currency);
    const p = isObj(payload.pagination) ? payload.pagination : undefined;
    return {
      products,
      ...(p ? { pagination: { hasNextPage: p.hasNextPage === true, ...(typeof p.endCursor === 'string' && p.endCursor !== '' ? { cursor: p.endCursor } : {}) } } : {}),
      messages: [],
      invalid,
    };
  }

  /** Products by id (in batches of {@link LOOKUP_BATCH}); unknown ids are simply absent. @throws CatalogMcpError */
  async lookup(req: CatalogLookupRequest, opts: CatalogCallOptions = {}): Promise<CatalogPage> {
    const d = await this.discover(opts);
    if (d.protocol === 'legacy') throw new CatalogMcpError('unsupported', 'lookup is not available on the legacy endpoint');
    const ids = [...new Set(req.ids.map((id) => (id.startsWith('gid://') ? id : toGid('Product', normalizeId(id) ?? id))))];
    const context = ucpContext(req.context);
    const products: Product[] = [];
    const messages: CatalogMessage[] = [];
    const invalid: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
      const payload = await this.#call('lookup_catalog', this.#ucpArgs({ ids: ids.slice(i, i + LOOKUP_BATCH), ...(context ? { context } : {}) }), opts.signal);
      const page = this.#ucpPage('lookup_catalog', payload);
      for (const p of page.products) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        products.push(p);
      }
      messages.push(...page.messages);
      invalid.push(...page.invalid);
    }
    return { products, messages, invalid };
  }

  /** One product (via `get_product`, or `lookup_catalog` when the endpoint lacks it). @throws CatalogMcpError */
  async getProduct(req: GetProductRequest, opts: CatalogCallOptions = {}): Promise<CatalogPage> {
    const d = await this.discover(opts);
    if (d.protocol === 'legacy') throw new CatalogMcpError('unsupported', 'get_product is not available on the legacy endpoint');
    if (d.tools.length > 0 && !d.tools.includes('get_product')) return this.lookup({ ids: [req.id], ...(req.context ? { context: req.context } : {}) }, opts);
    const id = req.id.startsWith('gid://') ? req.id : toGid('Product', normalizeId(req.id) ?? req.id);
    const context = ucpContext(req.context);
    const payload = await this.#call(
      'get_product',
      this.#ucpArgs({ id, ...(req.selected && req.selected.length > 0 ? { selected: req.selected.map((s) => ({ ...s })) } : {}), ...(context ? { context } : {}) }),
      opts.signal,
    );
    const product = payload.product;
    if (product !== undefined && !isObj(product)) throw new CatalogMcpError('protocol', 'get_product: product is not an object');
    const { products, invalid } = fromUcpProducts(product ? [product] : [], this.#o.currency);
    return { products, messages: messagesOf(payload), invalid };
  }
}
