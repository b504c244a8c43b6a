/**
 * A compact product builder for unit tests: one available variant at `price` unless `variants` are
 * given (`[price, available, options]`).
 */
import type { Product, Variant } from '../core/catalog/product.ts';

/** Shorthand fields of a test product. */
export interface ProductSpec {
  readonly id: string;
  readonly title: string;
  readonly vendor?: string;
  readonly productType?: string;
  readonly category?: string;
  readonly tags?: readonly string[];
  readonly description?: string;
  /** Major units. */
  readonly price?: number;
  readonly currency?: string;
  readonly variants?: readonly (readonly [price: number, available: boolean, options?: Record<string, string>])[];
  readonly compareAt?: number;
  readonly createdAt?: string;
  readonly published?: boolean;
}

/** Builds a product. */
export function product(s: ProductSpec): Product {
  const currency = s.currency ?? 'USD';
  const specs = s.variants ?? [[s.price ?? 10, true, {}] as const];
  const variants: Variant[] = specs.map(([price, available, options], i) => ({
    id: `${s.id}-v${i}`,
    title: Object.values(options ?? {}).join(' / ') || 'Default',
    price: { amount: Math.round(price * 100), currency },
    ...(s.compareAt !== undefined ? { compareAtPrice: { amount: Math.round(s.compareAt * 100), currency } } : {}),
    available,
    options: options ?? {},
  }));
  const options: Record<string, string[]> = {};
  for (const v of variants) for (const [k, val] of Object.entries(v.options)) if (!(options[k] ??= []).includes(val)) options[k].push(val);
  return {
    id: s.id,
    handle: s.id,
    title: s.title,
    description: s.description ?? '',
    vendor: s.vendor ?? '',
    productType: s.productType ?? '',
    category: s.category ?? '',
    tags: [...(s.tags ?? [])],
    options,
    variants,
    images: [],
    published: s.published ?? true,
    ...(s.createdAt ? { createdAt: s.createdAt } : {}),
  };
}
