/**
 * Decodes a shop's stored product records (JSON text, as the SQLite and Redis catalogs keep them),
 * giving back the very object of the shop's last listing for each record whose text is unchanged.
 *
 * Another process's change (a product webhook, an import) makes every process that holds the shop
 * read its whole catalog again. Parsing 10,000 records costs about 0.2 s, and a new object per product
 * would then be tokenised, indexed and warmed afresh (about 0.3 s more, and seconds of warming),
 * though one product changed: everything keyed by the product object (the index's prepared text,
 * match features, the identity's tables; see CatalogIndex, ProductIdentity.withProducts) is kept for
 * the unchanged ones. Costs the last listing's text per shop (about 1.9 KB per product of a CSV export).
 * A decoded product shares its equal parts (prices, titles, paths, tags…) with other products'
 * (core/catalog/productParts.ts).
 */
import type { Product } from '../core/catalog/product.ts';
import { ProductParts } from '../core/catalog/productParts.ts';
import { isTombstone, type Tombstone } from '../core/catalog/stampedChange.ts';

/** The last listing of each shop: catalog id → the record's text and what it decoded to. */
export class StoredProducts {
  readonly #last = new Map<string, Map<string, { readonly text: string; readonly product: Product }>>();
  /** Equal parts of the shops' products (prices, options, titles, types, paths, tags), held once (productParts.ts). */
  readonly #parts = new ProductParts();

  /**
   * The products among a shop's stored records (`[id, text]`, in the order to list them; tombstones
   * left out), each the object of the last listing when its text is the same. `parse` decodes a
   * changed record (an adapter's own, with its error for a record that is not JSON).
   */
  list(shop: string, records: Iterable<readonly [string, string]>, parse: (id: string, text: string) => Product | Tombstone): Product[] {
    const last = this.#last.get(shop);
    const next = new Map<string, { readonly text: string; readonly product: Product }>();
    const out: Product[] = [];
    for (const [id, text] of records) {
      const held = last?.get(id);
      if (held && held.text === text) {
        next.set(id, held);
        out.push(held.product);
        continue;
      }
      const doc = parse(id, text);
      if (isTombstone(doc)) continue;
      const product = this.#parts.share(doc);
      next.set(id, { text, product });
      out.push(product);
    }
    if (next.size > 0) this.#last.set(shop, next);
    else this.#last.delete(shop);
    return out;
  }

  /** Drops what is held of a shop (its catalog was erased). */
  forget(shop: string): void {
    this.#last.delete(shop);
  }
}
