/**
 * Answers catalog requests from Affinity's own catalog index when the shop cannot: keyword search
 * (`CatalogIndex.search`) or browse, the same category and price filters as UCP, published products
 * only, and lookups by product id or variant GID. Pure functions over the index.
 */
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import { normalizeId } from '../../core/ids.ts';
import type { CatalogFilters, CatalogPagination, CatalogSearchRequest } from './storefrontMcpClient.ts';

/** Prefix of cursors issued by the local fallback (shop cursors cannot be continued locally). */
export const LOCAL_CURSOR_PREFIX = 'affinity-local:';

function matchesFilters(p: Product, f: CatalogFilters | undefined): boolean {
  if (!p.published) return false;
  const cats = (f?.categories ?? []).map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  if (cats.length > 0) {
    const value = p.category.trim().toLowerCase();
    const parts = value.split('>').map((s) => s.trim());
    if (!cats.some((c) => c === value || parts.includes(c))) return false;
  }
  const price = f?.price;
  if (price && (price.min !== undefined || price.max !== undefined)) {
    if (p.variants.length === 0) return false;
    const min = Math.min(...p.variants.map((v) => v.price.amount));
    if (price.min !== undefined && min < price.min) return false;
    if (price.max !== undefined && min > price.max) return false;
  }
  return true;
}

/** A search or browse over the local index, paged with local cursors. */
export function searchLocal(index: CatalogIndex | undefined, req: CatalogSearchRequest): { products: Product[]; pagination: CatalogPagination } {
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
  const all = candidates.filter((p) => matchesFilters(p, req.filters));
  const products = all.slice(offset, offset + limit);
  const next = offset + products.length;
  return {
    products,
    pagination: { hasNextPage: next < all.length, totalCount: all.length, ...(next < all.length ? { cursor: `${LOCAL_CURSOR_PREFIX}${next}` } : {}) },
  };
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
