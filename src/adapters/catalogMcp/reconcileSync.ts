/**
 * Reconciles the products a catalog sync brought with the ones Affinity already holds, so that one
 * product stays one product. A shop's CSV export keys products by handle (it carries no id); the
 * Storefront Catalog MCP names them by GID (normalised to the numeric id) and gives the handle in
 * `handle` or `url`. Without this, every CSV-imported product would come back from a sync as a second
 * product under its numeric id.
 *
 * A synced product whose id the catalog has is that product. Otherwise one whose handle matches a
 * catalog product is that product: it keeps the catalog's id (and handle) and the numeric id is linked
 * to the handle (`p:<numeric id>` → handle, the link `ProductIdentity` resolves). The shop's live data
 * wins (title, description, variants and prices, availability, images, url, tags); what the catalog
 * answer does not carry is kept (vendor, product type, creation date, market prices, and the category
 * name where the shop gives only a taxonomy id, which also teaches the id's name). Pure.
 */
import type { Product } from '../../core/catalog/product.ts';
import { bareCategoryId, isCategoryId } from './shopTaxonomy.ts';

/** What {@link reconcileSynced} returns. */
export interface Reconciled {
  /** The synced products, ready to upsert (catalog ids where a product was matched by handle). */
  readonly products: Product[];
  /** Links to record: `p:<numeric id>` → handle. */
  readonly links: [string, string][];
  /** Category ids whose name was learned: taxonomy id → name path. */
  readonly categories: [string, string][];
  /** Synced products matched to a catalog product by handle. */
  readonly matchedByHandle: number;
}

function merge(existing: Product, synced: Product, category: string): Product {
  const createdAt = existing.createdAt ?? synced.createdAt;
  const url = synced.url ?? existing.url;
  return {
    ...synced,
    id: existing.id,
    handle: existing.handle,
    description: synced.description || existing.description,
    vendor: synced.vendor || existing.vendor,
    productType: synced.productType || existing.productType,
    category,
    tags: synced.tags.length > 0 ? synced.tags : existing.tags,
    images: synced.images.length > 0 ? synced.images : existing.images,
    ...(url ? { url } : {}),
    ...(createdAt ? { createdAt } : {}),
    ...(existing.marketPrices ? { marketPrices: existing.marketPrices } : {}),
  };
}

/**
 * Matches `synced` products with `existing` ones (by id, else by handle) and merges them. `nameOf`
 * gives names already known for taxonomy ids (from earlier syncs).
 */
export function reconcileSynced(existing: readonly Product[], synced: readonly Product[], nameOf: (id: string) => string | undefined = () => undefined): Reconciled {
  const byId = new Map(existing.map((p) => [p.id, p]));
  const byHandle = new Map<string, Product>();
  for (const p of existing) if (p.handle && !byHandle.has(p.handle.toLowerCase())) byHandle.set(p.handle.toLowerCase(), p);

  const twinOf = (s: Product): { twin?: Product; byHandle: boolean } => {
    const h = byHandle.get(s.handle.toLowerCase());
    // A handle twin under another id wins over a same-id product: an earlier sync may have made that one.
    if (h && h.id !== s.id) return { twin: h, byHandle: true };
    const same = byId.get(s.id);
    return same ? { twin: same, byHandle: false } : { byHandle: false };
  };

  const learned = new Map<string, string>();
  const pairs = synced.map((s) => ({ s, ...twinOf(s) }));
  for (const { s, twin } of pairs) {
    if (twin && isCategoryId(s.category) && twin.category.trim() !== '' && !isCategoryId(twin.category)) learned.set(bareCategoryId(s.category), twin.category.trim());
  }
  const named = (category: string): string | undefined => (isCategoryId(category) ? (learned.get(bareCategoryId(category)) ?? nameOf(category)) : undefined);

  const links: [string, string][] = [];
  let matchedByHandle = 0;
  const products = pairs.map(({ s, twin, byHandle: viaHandle }) => {
    if (!twin) {
      const name = named(s.category);
      return name ? { ...s, category: name } : s;
    }
    if (viaHandle) {
      matchedByHandle++;
      if (/^\d+$/.test(s.id)) links.push([`s:${s.id}`, twin.handle.toLowerCase()]);
    }
    const category = named(s.category) ?? (s.category || twin.category);
    return merge(twin, s, category);
  });
  return { products, links, categories: [...learned], matchedByHandle };
}
