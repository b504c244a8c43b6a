/**
 * Gives the simulator's products the ids a Shopify store would have. A real store names every product
 * and variant by a numeric id (GID `gid://shopify/Product/<n>`) whatever the merchant imported; a
 * catalog parsed from a CSV export has handles for product ids instead (an export carries no id). So
 * products and variants whose id is not numeric get one here, deterministically (same catalog, same
 * ids), never colliding with a numeric id already in the catalog. Pure.
 */
import type { Product } from '../../core/catalog/product.ts';

/** First id handed out to a product without a numeric id (Shopify's product ids have 13 digits). */
const PRODUCT_BASE = 9_100_000_000_000;
/** First id handed out to a variant without a numeric id (Shopify's variant ids have 14 digits). */
const VARIANT_BASE = 49_100_000_000_000;

const NUMERIC = /^\d+$/;

function allocator(base: number, taken: ReadonlySet<string>): () => string {
  let next = base;
  return () => {
    while (taken.has(String(next))) next++;
    return String(next++);
  };
}

/** The products with numeric product and variant ids (already numeric ones are kept). */
export function withShopifyIds(products: readonly Product[]): Product[] {
  const productId = allocator(PRODUCT_BASE, new Set(products.map((p) => p.id).filter((id) => NUMERIC.test(id))));
  const variantId = allocator(VARIANT_BASE, new Set(products.flatMap((p) => p.variants.map((v) => v.id)).filter((id) => NUMERIC.test(id))));
  return products.map((p) => {
    const variants = p.variants.map((v) => (NUMERIC.test(v.id) ? v : { ...v, id: variantId() }));
    return { ...p, id: NUMERIC.test(p.id) ? p.id : productId(), variants };
  });
}
