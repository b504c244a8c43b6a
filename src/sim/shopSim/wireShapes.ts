/**
 * How the shop simulator renders Affinity products on the wire: UCP catalog products (Storefront
 * Catalog MCP on `/api/ucp/mcp`, prices as integer minor units) and legacy `search_shop_catalog`
 * products (`/api/mcp`, prices as major-unit decimal strings). See docs/shopify.md §1.3 and §1.4.
 */
import type { Product } from '../../core/catalog/product.ts';
import { currencyExponent, toMajor } from '../../core/money.ts';
import type { Money } from '../../core/money.ts';

/** The GID Shopify would use for an id (the simulator's ids are numeric; others are URI-encoded into the same shape). */
export function gidOf(kind: 'Product' | 'ProductVariant', id: string): string {
  return `gid://shopify/${kind}/${encodeURIComponent(id)}`;
}

/** Storefront URL of a product. */
export function productUrl(p: Product, shopDomain: string): string {
  if (p.url && /^https?:\/\//.test(p.url)) return p.url;
  return `https://${shopDomain}${p.url?.startsWith('/') ? p.url : `/products/${encodeURIComponent(p.handle)}`}`;
}

function priceRange(prices: readonly Money[]): { min: Money; max: Money } | undefined {
  let min: Money | undefined;
  let max: Money | undefined;
  for (const m of prices) {
    if (!min || m.amount < min.amount) min = m;
    if (!max || m.amount > max.amount) max = m;
  }
  return min && max ? { min, max } : undefined;
}

/** Options of {@link toUcpProduct}. */
export interface UcpRenderOptions {
  readonly shopDomain: string;
  /** Include `handle` (observed Shopify responses carried none; the handle is still in `url`). */
  readonly includeHandle?: boolean;
  /** The product's category as Shopify gives it: a taxonomy id (none: no `categories`). */
  readonly categoryId?: string;
}

/** A product as a UCP catalog product object (`types/product.json`). */
export function toUcpProduct(p: Product, opts: UcpRenderOptions): Record<string, unknown> {
  const range = priceRange(p.variants.map((v) => v.price));
  const listPrices = p.variants.flatMap((v) => (v.compareAtPrice ? [v.compareAtPrice] : []));
  return {
    id: gidOf('Product', p.id),
    ...(opts.includeHandle ? { handle: p.handle } : {}),
    title: p.title,
    description: { plain: p.description },
    url: productUrl(p, opts.shopDomain),
    ...(range ? { price_range: range } : {}),
    ...(listPrices.length > 0 ? { list_price_range: priceRange(p.variants.map((v) => v.compareAtPrice ?? v.price)) } : {}),
    variants: p.variants.map((v) => ({
      id: gidOf('ProductVariant', v.id),
      title: v.title,
      description: { plain: v.title },
      price: v.price,
      ...(v.compareAtPrice ? { list_price: v.compareAtPrice } : {}),
      availability: { available: v.available, status: v.available ? 'in_stock' : 'out_of_stock' },
      options: Object.entries(v.options).map(([name, label]) => ({ name, label })),
      ...(v.sku ? { sku: v.sku } : {}),
    })),
    categories: opts.categoryId ? [{ value: opts.categoryId, taxonomy: 'shopify' }] : [],
    media: p.images.map((url) => ({ type: 'image', url })),
    options: Object.entries(p.options).map(([name, values]) => ({ name, values: values.map((label) => ({ label })) })),
    tags: [...p.tags],
  };
}

function decimal(m: Money): string {
  return toMajor(m).toFixed(currencyExponent(m.currency));
}

/** A product as a legacy `search_shop_catalog` product (decimal-string prices). */
export function toLegacyProduct(p: Product, shopDomain: string): Record<string, unknown> {
  const range = priceRange(p.variants.map((v) => v.price));
  return {
    product_id: gidOf('Product', p.id),
    title: p.title,
    description: p.description,
    url: productUrl(p, shopDomain),
    image_url: p.images[0] ?? null,
    price_range: range ? { min: decimal(range.min), max: decimal(range.max), currency: range.min.currency } : null,
    variants: p.variants.map((v) => ({
      variant_id: gidOf('ProductVariant', v.id),
      title: v.title,
      price: decimal(v.price),
      currency: v.price.currency,
      available: v.available,
    })),
  };
}
