/**
 * Client of a shop's Storefront Catalog MCP (docs/shopify.md §0–§1): `https://{shop}/api/ucp/mcp` with
 * the UCP tools `search_catalog`, `lookup_catalog` and `get_product`, or the legacy `/api/mcp`
 * `search_shop_catalog`. Discovery (cached) asks `tools/list` which tool set the endpoint speaks and
 * reads the shop's business profile (`/.well-known/ucp`) to negotiate the UCP version. Every UCP request,
 * `tools/list` included, carries the agent profile in `params.arguments.meta["ucp-agent"]` (where
 * Shopify documents it and `@shopify/ucp-cli` sends it) and in `params._meta`. Lookups go in chunks
 * of at most 10 ids (Shopify's limit) and come back in request order. Results are read from
 * `structuredContent` (falling back to JSON in a text `content` block) and normalised into Affinity
 * products: ids without the GID prefix, money in integer minor units. No retries or timeouts here:
 * {@link ResilientCatalog} adds them; pass an AbortSignal to bound a call.
 */
import { normalizeOptionName } from '../../core/catalog/csvImport.ts';
import type { Product } from '../../core/catalog/product.ts';
import { currencyExponent } from '../../core/money.ts';
import { CatalogMcpError, NothingToAsk } from './errors.ts';
import type {
  CatalogCallOptions,
  CatalogContext,
  CatalogLookupRequest,
  CatalogMessage,
  CatalogPage,
  CatalogPagination,
  CatalogPolicy,
  CatalogSearchRequest,
  CatalogSource,
  GetProductRequest,
} from './catalogSource.ts';
import { JsonRpcHttp } from './jsonRpcHttp.ts';
import { LOOKUP_BATCH, LOOKUP_CONCURRENCY, chunks, correlate, mapBounded, requestOrder, schemaTakesHandles, shopLookupId } from './lookupBatches.ts';
import { fromLegacyProducts, fromUcpProducts } from './normalizeProducts.ts';
import { ShopTaxonomy } from './shopTaxonomy.ts';
import { UCP_2026_08_25, fetchBusinessProfile, negotiateVersion } from './ucpVersions.ts';
import type { BusinessProfile, UcpVersion } from './ucpVersions.ts';

export type {
  CatalogCallOptions,
  CatalogContext,
  CatalogFilters,
  CatalogLookupRequest,
  CatalogMessage,
  CatalogPage,
  CatalogPagination,
  CatalogPolicy,
  CatalogSearchRequest,
  CatalogSource,
  GetProductRequest,
} from './catalogSource.ts';

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
  /** Whether the shop's `lookup_catalog` takes handles (default: what its input schema says). */
  readonly lookupByHandle?: boolean;
  /** The shop's category ids and names (shared with the catalog sync, which learns them). */
  readonly taxonomy?: ShopTaxonomy;
  /** Read the shop's business profile `/.well-known/ucp` to negotiate the UCP version (default true). */
  readonly businessProfile?: boolean;
}

/** Result of discovery. */
export interface CatalogDiscovery {
  readonly protocol: CatalogProtocol;
  readonly tools: readonly string[];
  /** The UCP version negotiated from the shop's business profile (none when it publishes none). */
  readonly ucpVersion?: UcpVersion;
  /** Whether `lookup_catalog` takes handles. */
  readonly lookupByHandle: boolean;
  /** The shop's business profile, when it publishes one. */
  readonly profile?: BusinessProfile;
}

/** Most ids per `lookup_catalog` call (re-exported from lookupBatches.ts). */
export { LOOKUP_BATCH };
/** How long a discovery whose business profile could not be fetched is trusted, ms. */
const PROFILE_RETRY_MS = 60_000;
/** Text sent as the legacy tool's required `context` when the caller gives no intent. */
const LEGACY_CONTEXT = 'Catalog request from a shopping assistant.';

/** The Storefront Catalog MCP endpoint of a shop domain (`https://{domain}/api/ucp/mcp`). */
export function storefrontMcpUrl(shopDomain: string): string {
  const host = shopDomain.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return `https://${host}/api/ucp/mcp`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The UCP `context`; 2026-08-25 fields only when that version was negotiated. */
function ucpContext(c: CatalogContext | undefined, version: UcpVersion | undefined): Obj | undefined {
  if (!c) return undefined;
  const out: Obj = {};
  if (c.country) out.address_country = c.country;
  if (c.region) out.address_region = c.region;
  if (c.postalCode) out.postal_code = c.postalCode;
  if (c.currency) out.currency = c.currency;
  if (c.language) out.language = c.language;
  if (c.intent) out.intent = c.intent;
  if (c.location && version !== undefined && version >= UCP_2026_08_25) out.location = c.location;
  return Object.keys(out).length > 0 ? out : undefined;
}

function policiesOf(payload: Obj): CatalogPolicy[] | undefined {
  if (!Array.isArray(payload.policies)) return undefined;
  return payload.policies.filter(isObj).flatMap((p) => {
    if (typeof p.type !== 'string') return [];
    const d = p.description;
    const description = typeof d === 'string' ? d : isObj(d) ? [d.plain, d.markdown, d.html].find((x) => typeof x === 'string') : undefined;
    return [{ type: p.type, ...(typeof description === 'string' ? { description } : {}), ...(typeof p.url === 'string' ? { url: p.url } : {}) }];
  });
}

/**
 * `p` with the option values its UCP product lists (`options[{name, values[{label}]}]`), not only those of
 * the variants the answer carried (`get_product` returns the featured variant and the ones matching the
 * selection). Names are normalised as the import normalises variant options.
 */
function withProductOptions(p: Product, raw: Obj | undefined): Product {
  if (!raw || !Array.isArray(raw.options)) return p;
  const options: Record<string, string[]> = {};
  for (const o of raw.options) {
    if (!isObj(o) || typeof o.name !== 'string' || !Array.isArray(o.values)) continue;
    const name = normalizeOptionName(o.name);
    const labels = o.values.flatMap((v) => (isObj(v) && typeof v.label === 'string' && v.label.trim() !== '' ? [v.label.trim()] : []));
    if (name === '' || (name === 'title' && labels.every((l) => l.toLowerCase() === 'default title'))) continue;
    const list = (options[name] ??= []);
    for (const l of labels) if (!list.includes(l)) list.push(l);
  }
  for (const [name, labels] of Object.entries(p.options)) {
    const list = (options[name] ??= []);
    for (const l of labels) if (!list.includes(l)) list.push(l);
  }
  return { ...p, options };
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
  readonly #taxonomy: ShopTaxonomy;
  #discovery: { at: number; ttl: number; value: Promise<CatalogDiscovery> } | undefined;

  constructor(opts: StorefrontMcpClientOptions) {
    this.#o = opts;
    this.#now = opts.now ?? Date.now;
    this.#taxonomy = opts.taxonomy ?? new ShopTaxonomy();
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

  /** The shop's category ids and names. */
  get taxonomy(): ShopTaxonomy {
    return this.#taxonomy;
  }

  /**
   * Which tool set the endpoint speaks (`tools/list`), whether its lookups take handles (the
   * `lookup_catalog` input schema), and the UCP version negotiated from its business profile. Cached for
   * `discoveryTtlMs` (a minute when the profile could not be fetched); a failed discovery is not cached.
   * An endpoint that rejects `tools/list` itself is assumed to be UCP. With a fixed `protocol`, nothing is
   * asked.
   */
  discover(opts: CatalogCallOptions = {}): Promise<CatalogDiscovery> {
    const fixed = this.#o.protocol ?? 'auto';
    if (fixed !== 'auto') return Promise.resolve({ protocol: fixed, tools: [], lookupByHandle: this.#o.lookupByHandle ?? false });
    const cached = this.#discovery;
    if (cached && this.#now() - cached.at < cached.ttl) return cached.value;
    const value = Promise.all([this.#listTools(opts.signal), this.#profile(opts.signal)]).then(([tools, profile]): CatalogDiscovery => {
      if (profile === 'failed') entry.ttl = Math.min(entry.ttl, PROFILE_RETRY_MS);
      const known = profile === 'failed' ? undefined : profile;
      const ucpVersion = known ? negotiateVersion(known.mcpVersions) : undefined;
      return { ...tools, lookupByHandle: this.#o.lookupByHandle ?? tools.lookupByHandle, ...(ucpVersion ? { ucpVersion } : {}), ...(known ? { profile: known } : {}) };
    });
    const entry = { at: this.#now(), ttl: this.#o.discoveryTtlMs ?? 3_600_000, value };
    this.#discovery = entry;
    entry.value.catch(() => {
      if (this.#discovery === entry) this.#discovery = undefined;
    });
    return entry.value;
  }

  /** The shop's business profile; `failed` when it could not be fetched (tried again sooner). */
  async #profile(signal?: AbortSignal): Promise<BusinessProfile | undefined | 'failed'> {
    if (this.#o.businessProfile === false) return undefined;
    try {
      return await fetchBusinessProfile(this.#o.url, {
        ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
        ...(signal ? { signal } : {}),
        ...(this.#o.headers ? { headers: this.#o.headers } : {}),
      });
    } catch {
      return 'failed';
    }
  }

  #meta(): Obj {
    return { 'ucp-agent': { profile: this.#o.agentProfileUrl } };
  }

  async #listTools(signal?: AbortSignal): Promise<Pick<CatalogDiscovery, 'protocol' | 'tools' | 'lookupByHandle'>> {
    let result: unknown;
    try {
      // Where Shopify documents the profile (`arguments.meta`; "the returned tools depend on the
      // capabilities your agent advertises"), and in `_meta` for servers that read MCP's own field.
      result = await this.#rpc.request('tools/list', { arguments: { meta: this.#meta() }, _meta: this.#meta() }, signal);
    } catch (e) {
      if (e instanceof CatalogMcpError && e.kind === 'rpc' && !e.transient) return { protocol: 'ucp', tools: [], lookupByHandle: false };
      throw e;
    }
    const listed = isObj(result) && Array.isArray(result.tools) ? result.tools.filter(isObj) : undefined;
    if (!listed) throw new CatalogMcpError('protocol', 'tools/list: no tools array');
    const tools = listed.map((t) => String(t.name));
    const lookupByHandle = schemaTakesHandles(listed.find((t) => t.name === 'lookup_catalog')?.inputSchema);
    if (tools.includes('search_catalog')) return { protocol: 'ucp', tools, lookupByHandle };
    if (tools.includes('search_shop_catalog')) return { protocol: 'legacy', tools, lookupByHandle: false };
    throw new CatalogMcpError('unsupported', `${this.#o.url} offers no catalog search tool (tools: ${tools.join(', ') || 'none'})`);
  }

  async #call(tool: string, args: Obj, signal?: AbortSignal): Promise<Obj> {
    const result = await this.#rpc.request('tools/call', { name: tool, arguments: args, ...('meta' in args ? { _meta: this.#meta() } : {}) }, signal);
    return payloadOf(tool, result);
  }

  #ucpArgs(catalog: Obj): Obj {
    return { meta: this.#meta(), catalog };
  }

  /** Category filter values as the shop matches them (taxonomy ids on Shopify). @throws CatalogMcpError `unsupported` */
  #categories(values: readonly string[]): string[] {
    if (this.#taxonomy.scheme === 'names') return [...values];
    const out = new Set<string>();
    for (const v of values) {
      const ids = this.#taxonomy.idsFor(v);
      if (ids.length === 0) {
        throw new CatalogMcpError('unsupported', `the shop filters categories by taxonomy id, and none is known yet for "${v}" (ids are learned by the catalog sync)`);
      }
      for (const id of ids) out.add(id);
    }
    return [...out];
  }

  /** Searches (or, with filters and no query, browses) the catalog. @throws CatalogMcpError */
  async search(req: CatalogSearchRequest, opts: CatalogCallOptions = {}): Promise<CatalogPage> {
    const d = await this.discover(opts);
    if (d.protocol === 'legacy') return this.#legacySearch(req, opts.signal);
    const context = ucpContext(req.context, d.ucpVersion);
    const filters: Obj = {};
    if (req.filters?.categories && req.filters.categories.length > 0) filters.categories = this.#categories(req.filters.categories);
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
    for (const product of products) this.#taxonomy.observe(product.category);
    const p = isObj(payload.pagination) ? payload.pagination : undefined;
    const pagination: CatalogPagination | undefined = p
      ? {
          hasNextPage: p.has_next_page === true,
          ...(typeof p.cursor === 'string' && p.cursor !== '' ? { cursor: p.cursor } : {}),
          ...(typeof p.total_count === 'number' ? { totalCount: p.total_count } : {}),
        }
      : undefined;
    const version = isObj(payload.ucp) && typeof payload.ucp.version === 'string' ? payload.ucp.version : undefined;
    const policies = policiesOf(payload);
    return {
      products,
      ...(pagination ? { pagination } : {}),
      messages: messagesOf(payload),
      invalid,
      ...(version ? { ucpVersion: version } : {}),
      ...(policies ? { policies } : {}),
    };
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

  /**
   * Products by id, in request order; unknown ids are absent (and named in `not_found` messages). Sent in
   * chunks of {@link LOOKUP_BATCH} ids, at most {@link LOOKUP_CONCURRENCY} chunks at a time; the first
   * chunk to fail cancels the others and fails the lookup. Handles and SKUs go only to a shop whose
   * lookups take them; otherwise they are returned in `unsent`. @throws CatalogMcpError
   */
  async lookup(req: CatalogLookupRequest, opts: CatalogCallOptions = {}): Promise<CatalogPage> {
    const d = await this.discover(opts);
    if (d.protocol === 'legacy') throw new CatalogMcpError('unsupported', 'lookup is not available on the legacy endpoint');
    const sent: string[] = [];
    const unsent: string[] = [];
    for (const id of new Set(req.ids)) {
      const s = shopLookupId(id, d.lookupByHandle);
      if (s === undefined) unsent.push(id);
      else if (!sent.includes(s)) sent.push(s);
    }
    if (sent.length === 0 && unsent.length > 0) throw new NothingToAsk(unsent);
    const context = ucpContext(req.context, d.ucpVersion);
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(opts.signal?.reason);
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let pages: { page: CatalogPage; found: ReadonlyMap<string, string> }[];
    try {
      pages = await mapBounded(chunks(sent, LOOKUP_BATCH), LOOKUP_CONCURRENCY, async (ids) => {
        try {
          const payload = await this.#call('lookup_catalog', this.#ucpArgs({ ids, ...(context ? { context } : {}) }), stop.signal);
          const c = correlate(Array.isArray(payload.products) ? payload.products : []);
          return { page: this.#ucpPage('lookup_catalog', Array.isArray(payload.products) ? { ...payload, products: c.products } : payload), found: c.found };
        } catch (e) {
          stop.abort();
          throw e;
        }
      });
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    const byId = new Map<string, Product>();
    const found = new Map<string, string>();
    for (const { page, found: f } of pages) {
      for (const p of page.products) if (!byId.has(p.id)) byId.set(p.id, p);
      for (const [k, v] of f) if (!found.has(k)) found.set(k, v);
    }
    const version = pages.find((x) => x.page.ucpVersion)?.page.ucpVersion;
    const policies = pages.flatMap((x) => x.page.policies ?? []);
    return {
      products: requestOrder(sent, found, [...byId.keys()]).map((id) => byId.get(id) as Product),
      messages: pages.flatMap((x) => x.page.messages),
      invalid: pages.flatMap((x) => x.page.invalid),
      ...(version ? { ucpVersion: version } : {}),
      ...(policies.length > 0 ? { policies } : {}),
      ...(unsent.length > 0 ? { unsent } : {}),
    };
  }

  /** One product (via `get_product`, or `lookup_catalog` when the endpoint lacks it). @throws CatalogMcpError */
  async getProduct(req: GetProductRequest, opts: CatalogCallOptions = {}): Promise<CatalogPage> {
    const d = await this.discover(opts);
    if (d.protocol === 'legacy') throw new CatalogMcpError('unsupported', 'get_product is not available on the legacy endpoint');
    if (d.tools.length > 0 && !d.tools.includes('get_product')) return this.lookup({ ids: [req.id], ...(req.context ? { context: req.context } : {}) }, opts);
    const id = shopLookupId(req.id, d.lookupByHandle);
    if (id === undefined) throw new CatalogMcpError('unsupported', `get_product takes product and variant ids; "${req.id}" is neither, and this shop does not look up handles`);
    const context = ucpContext(req.context, d.ucpVersion);
    const payload = await this.#call(
      'get_product',
      this.#ucpArgs({ id, ...(req.selected && req.selected.length > 0 ? { selected: req.selected.map((s) => ({ ...s })) } : {}), ...(context ? { context } : {}) }),
      opts.signal,
    );
    const product = payload.product;
    if (product !== undefined && !isObj(product)) throw new CatalogMcpError('protocol', 'get_product: product is not an object');
    const read = fromUcpProducts(product ? [product] : [], this.#o.currency);
    // Only the featured variant and those matching the selection come back: the options are the product's own.
    const products = read.products.map((p) => withProductOptions(p, product));
    for (const p of products) this.#taxonomy.observe(p.category);
    const version = isObj(payload.ucp) && typeof payload.ucp.version === 'string' ? payload.ucp.version : undefined;
    return { products, messages: messagesOf(payload), invalid: read.invalid, ...(version ? { ucpVersion: version } : {}) };
  }
}
