/**
 * Answers catalog requests from Affinity's own catalog index when the shop cannot: keyword search
 * (`CatalogIndex.search`) or browse, the same category and price filters as UCP, published products
 * only, and lookups by product id or variant GID. Pure functions over the index.
 *
 * The price filter is in minor units of the request's currency (`context.currency`), as in UCP. A
 * product's price (its entry in the configured market's price list, `Product.marketPrices`, when the
 * request names a market; else the cheapest available variant's price, as shown) is compared in that currency
 * ({@link LocalPricing}): as it is when it is in that currency, else converted with a configured
 * exchange rate (an estimate: the answer lists the product in `estimated`). A price no rate converts
 * is never compared with a range in another currency: the product is not filtered on price and is
 * listed in `unchecked`, so that the caller does not call it within the range.
 */
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { minPrice, type Product } from '../../core/catalog/product.ts';
import { normalizeId } from '../../core/ids.ts';
import type { Market } from '../../core/markets/market.ts';
import { isSoldIn, listedPrice } from '../../core/markets/priceFor.ts';
import { convertMoney } from '../../core/money.ts';
import { rateBetween, type ExchangeRate } from '../../core/personalize/hardFilters.ts';
import { inCategory } from '../../core/personalize/intentScoring.ts';
import type { CatalogFilters, CatalogPagination, CatalogSearchRequest } from './storefrontMcpClient.ts';

/** Prefix of cursors issued by the local fallback (shop cursors cannot be continued locally). */
export const LOCAL_CURSOR_PREFIX = 'affinity-local:';

/** How the local fallback prices products for a price filter (without it: prices as they are, no rate). */
export interface LocalPricing {
  /**
   * The configured market of the request: a product on its price list is compared by that price, and a
   * product the list excludes (`Included / <Market>: false`) is not sold there and is left out.
   */
  readonly market?: Market;
  /**
   * The configured market the shopper buys in, when it is not `market` (the request asks for prices in
   * another currency than that market's): what it does not sell is still left out.
   */
  readonly soldIn?: Market;
  /** Exchange rates for prices in another currency than the filter's (`marketRates`; none: those prices are not compared). */
  readonly rate?: ExchangeRate;
}

/** How the products of a local answer were held to its price filter (only when the request had one). */
export interface LocalPriceCheck {
  /** The filter's currency (the request's `context.currency`). */
  readonly currency: string;
  /** Products on the page whose price was converted with a configured rate to be compared: the comparison is estimated. */
  readonly estimated: readonly { readonly id: string; readonly currency: string }[];
  /** Products on the page whose price is in another currency and no rate is known: not filtered on price. */
  readonly unchecked: readonly { readonly id: string; readonly currency: string }[];
}

/** A product's price as the filter compares it. */
/** A product's price held to a range's currency: as it is, converted (`estimated`: from which), not comparable, or none. */
export type Compared = { readonly kind: 'price'; readonly amount: number; readonly estimated?: string } | { readonly kind: 'unchecked'; readonly currency: string } | { readonly kind: 'none' };

/**
 * The price of `p` in minor units of `currency` (undefined: the filter's currency is not known, so prices
 * are taken as they are): the market's price list first, else the price shown (the cheapest available
 * variant's, `minPrice`); converted when
 * in another currency (marked `estimated` with the price's own currency), `unchecked` when no rate is known.
 */
export function comparedPrice(p: Product, currency: string | undefined, pricing: LocalPricing): Compared {
  const price = (pricing.market ? listedPrice(p, pricing.market) : undefined) ?? minPrice(p);
  if (!price) return { kind: 'none' };
  if (currency === undefined || price.currency.toUpperCase() === currency) return { kind: 'price', amount: price.amount };
  const rate = rateBetween(pricing.rate, price.currency.toUpperCase(), currency);
  if (rate === undefined) return { kind: 'unchecked', currency: price.currency.toUpperCase() };
  return { kind: 'price', amount: convertMoney(price, rate, currency).amount, estimated: price.currency.toUpperCase() };
}

/** Whether `p` passes the category filter (see `inCategory`) and is published. */
function matchesCategories(p: Product, f: CatalogFilters | undefined): boolean {
  if (!p.published) return false;
  const cats = (f?.categories ?? []).map((c) => c.trim()).filter((c) => c !== '');
  // As the personalization layer matches a category: the taxonomy path or a part of it, the product type,
  // tags, EN/ES synonyms and plurals ("Necklaces", "Collares", "Jackets" in a CSV without types).
  // A term that names a place ("Outdoor") leaves out what the product says is for the other one.
  return cats.length === 0 || cats.some((c) => inCategory(p, c));
}

/** A search or browse over the local index, paged with local cursors; `priceCheck` when the request filters on price. */
export function searchLocal(
  index: CatalogIndex | undefined,
  req: CatalogSearchRequest,
  pricing: LocalPricing = {},
): { products: Product[]; pagination: CatalogPagination; priceCheck?: LocalPriceCheck } {
  const limit = Math.max(1, req.limit ?? 10);
  let offset = 0;
  if (req.cursor) {
    if (!req.cursor.startsWith(LOCAL_CURSOR_PREFIX)) return { products: [], pagination: { hasNextPage: false } };
    offset = Math.max(0, Number.parseInt(req.cursor.slice(LOCAL_CURSOR_PREFIX.length), 10) || 0);
  }
  if (!index || index.size === 0) return { products: [], pagination: { hasNextPage: false, totalCount: 0 } };
  const query = req.query?.trim() ?? '';
  const candidates: readonly Product[] =
    query === '' || query === '*'
      ? index.all()
      : index.search(query, index.size).flatMap((w) => {
          const p = index.get(w.productId);
          return p ? [p] : [];
        });
  const range = req.filters?.price;
  const priced = range !== undefined && (range.min !== undefined || range.max !== undefined);
  const currency = req.context?.currency?.trim().toUpperCase() || undefined;
  const compared = new Map<Product, Compared>();
  const all = candidates.filter((p) => {
    if (!matchesCategories(p, req.filters)) return false;
    const where = pricing.soldIn ?? pricing.market;
    if (where && !isSoldIn(p, where)) return false;
    if (!priced) return true;
    const c = comparedPrice(p, currency, pricing);
    if (c.kind === 'none') return false;
    compared.set(p, c);
    if (c.kind === 'unchecked') return true;
    return (range.min === undefined || c.amount >= range.min) && (range.max === undefined || c.amount <= range.max);
  });
  const products = all.slice(offset, offset + limit);
  const next = offset + products.length;
  const pagination: CatalogPagination = { hasNextPage: next < all.length, totalCount: all.length, ...(next < all.length ? { cursor: `${LOCAL_CURSOR_PREFIX}${next}` } : {}) };
  if (!priced || currency === undefined) return { products, pagination };
  const estimated: { id: string; currency: string }[] = [];
  const unchecked: { id: string; currency: string }[] = [];
  for (const p of products) {
    const c = compared.get(p);
    if (c?.kind === 'unchecked') unchecked.push({ id: p.id, currency: c.currency });
    else if (c?.kind === 'price' && c.estimated) estimated.push({ id: p.id, currency: c.estimated });
  }
  return { products, pagination, priceCheck: { currency, estimated, unchecked } };
}

/** Products by id (bare product ids or product/variant GIDs), in request order, unknown ids skipped. */
export function lookupLocal(index: CatalogIndex | undefined, ids: readonly string[]): Product[] {
  if (!index) return [];
  const out = new Map<string, Product>();
  for (const raw of ids) {
    const id = normalizeId(raw);
    if (!id) continue;
    let p = raw.startsWith('gid://shopify/ProductVariant/') ? undefined : index.get(id);
    if (!p) p = index.all().find((x) => x.variants.some((v) => v.id === id));
    if (p && !out.has(p.id)) out.set(p.id, p);
  }
  return [...out.values()];
}
