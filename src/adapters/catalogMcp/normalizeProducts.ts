/**
 * Turns catalog products from the shop's MCP into Affinity {@link Product}s. UCP products (integer
 * minor-unit prices, GIDs) go straight through {@link parseCatalogJson}; legacy `search_shop_catalog`
 * products (major-unit decimal strings) are first rewritten into its compact form, so both paths share
 * one set of rules for ids, money, options and handles.
 */
import { parseCatalogJson } from '../../core/catalog/jsonImport.ts';
import type { Product } from '../../core/catalog/product.ts';

/** Normalised products plus how many raw items were unusable. */
export interface NormalizedProducts {
  readonly products: Product[];
  /** Items skipped as invalid (with the reasons, for logs). */
  readonly invalid: readonly string[];
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** UCP catalog products → Products. `currency` is only used by items that are not UCP-shaped. */
export function fromUcpProducts(raw: readonly unknown[], currency = 'USD'): NormalizedProducts {
  const r = parseCatalogJson([...raw], { currency });
  return { products: r.products, invalid: r.errors.map((e) => `item ${e.index}: ${e.message}`) };
}

/**
 * Legacy `search_shop_catalog` products (`product_id`, `price_range{min,max,currency}` and variant
 * `price` as decimal strings) → Products, prices converted to minor units of their currency.
 */
export function fromLegacyProducts(raw: readonly unknown[], defaultCurrency = 'USD'): NormalizedProducts {
  const compact = raw.map((item) => {
    if (!isObj(item)) return item;
    const range = isObj(item.price_range) ? item.price_range : undefined;
    const currency = str(range?.currency) ?? defaultCurrency;
    const variants = Array.isArray(item.variants)
      ? item.variants.filter(isObj).map((v) => ({
          id: v.variant_id ?? v.id,
          title: str(v.title) ?? null,
          price: v.price,
          available: typeof v.available === 'boolean' ? v.available : null,
        }))
      : [];
    const variantCurrency = variants.length > 0 ? str((item.variants as Record<string, unknown>[])[0]?.currency) : undefined;
    const image = str(item.image_url);
    return {
      id: item.product_id ?? item.id,
      title: item.title,
      description: str(item.description) ?? null,
      url: str(item.url) ?? null,
      currency: variantCurrency ?? currency,
      ...(image ? { images: [image] } : {}),
      ...(variants.length > 0 ? { variants } : { price: range?.min ?? null }),
    };
  });
  const r = parseCatalogJson(compact, { currency: defaultCurrency });
  return { products: r.products, invalid: r.errors.map((e) => `item ${e.index}: ${e.message}`) };
}
