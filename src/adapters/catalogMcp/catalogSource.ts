/**
 * The shape of a shop's catalog as Affinity asks it (requests, answers) and {@link CatalogSource}, what
 * the resilient catalog and the sync need from it. Implemented by `StorefrontMcpClient`.
 */
import type { Product } from '../../core/catalog/product.ts';

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
  /** A business location id (`context.location`, UCP 2026-08-25: sent only when that version was negotiated). */
  readonly location?: string;
}

/** UCP search filters. */
export interface CatalogFilters {
  /**
   * OR-matched against product category values. Names (`Shoes`, a path) are sent to a Shopify shop as the
   * taxonomy ids learned for them (`ShopTaxonomy`); taxonomy ids and their GIDs go as they are.
   */
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

/**
 * Products or variants by id. Bare numeric ids are taken as product ids; pass GIDs for variants. Other ids
 * (handles, SKUs) are only sent to a shop whose `lookup_catalog` takes handles; otherwise they come back
 * in {@link CatalogPage.unsent}.
 */
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

/** A UCP policy (return terms, warranty…) of an answer (UCP 2026-08-25). */
export interface CatalogPolicy {
  readonly type: string;
  readonly description?: string;
  readonly url?: string;
}

/** One answer of the shop, normalised. */
export interface CatalogPage {
  readonly products: Product[];
  readonly pagination?: CatalogPagination;
  readonly messages: readonly CatalogMessage[];
  /** Raw items that could not be normalised (skipped), with reasons. */
  readonly invalid: readonly string[];
  /** UCP version the shop answered in (`ucp.version`). */
  readonly ucpVersion?: string;
  /** Policies of the answer (UCP 2026-08-25). */
  readonly policies?: readonly CatalogPolicy[];
  /** Lookup ids not sent: the shop does not look up handles or SKUs. */
  readonly unsent?: readonly string[];
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
