/**
 * Builds a shop's {@link CatalogVocabulary} from its products (category paths, product types, vendors, tags).
 */
import type { Product } from '../catalog/product.ts';
import { phraseKey } from './catalogVocabulary.ts';
import type { CatalogVocabulary } from './types.ts';

/** Most tags kept (the most frequent ones). */
export const MAX_VOCABULARY_TAGS = 2000;

/**
 * Distinct non-empty category paths, product types that are not already a path's leaf ("Running
 * Shoes" next to "… > Running Shoes"), vendors and the most frequent tags, in first-seen order.
 */
export function vocabularyFromProducts(products: readonly Pick<Product, 'category' | 'productType' | 'vendor' | 'tags'>[]): CatalogVocabulary {
  const steps = vocabularySteps(products);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** Products read per step of {@link vocabularySteps}. */
const STEP = 500;

/**
 * {@link vocabularyFromProducts} a step at a time (up to 500 products per step), so a catalog load
 * can build the shop's vocabulary in slices off the request path; the last step returns it.
 */
export function* vocabularySteps(products: readonly Pick<Product, 'category' | 'productType' | 'vendor' | 'tags'>[]): Generator<void, CatalogVocabulary> {
  const categories = new Set<string>();
  const types = new Set<string>();
  const vendors = new Set<string>();
  const tagCounts = new Map<string, number>();
  for (let i = 0; i < products.length; i++) {
    if (i > 0 && i % STEP === 0) yield;
    const p = products[i] as Pick<Product, 'category' | 'productType' | 'vendor' | 'tags'>;
    const c = p.category.trim();
    if (c) categories.add(c);
    const t = p.productType.trim();
    if (t) types.add(t);
    const v = p.vendor.trim();
    if (v) vendors.add(v);
    for (const tag of p.tags) {
      const k = tag.trim();
      if (k) tagCounts.set(k, (tagCounts.get(k) ?? 0) + 1);
    }
  }
  const leaves = new Set([...categories].map((c) => phraseKey(c.split('>').at(-1) ?? '')));
  for (const t of types) if (!leaves.has(phraseKey(t))) categories.add(t);
  const tags = [...tagCounts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_VOCABULARY_TAGS)
    .map(([k]) => k);
  return { categories: [...categories], vendors: [...vendors], tags };
}
