/**
 * Per-shop {@link CatalogVocabulary} cache for the intent layer: rebuilt when the shop's catalog index
 * is replaced or changes size, so the classifier (which compiles each vocabulary object once) sees a
 * stable object between catalog updates.
 */
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { CatalogVocabulary } from '../core/intent/types.ts';
import { vocabularyFromProducts } from '../core/intent/vocabularyFromCatalog.ts';

/** Most shops kept; the oldest entry is dropped beyond it. */
export const MAX_CACHED_SHOPS = 1000;

/** Caches one vocabulary per shop, keyed by the index object and its size. */
export class ShopVocabularyCache {
  readonly #byShop = new Map<string, { index: CatalogIndex; size: number; vocab: CatalogVocabulary }>();

  /** The shop's vocabulary, or undefined when its catalog is empty. */
  get(shop: string, index: CatalogIndex): CatalogVocabulary | undefined {
    if (index.size === 0) return undefined;
    const hit = this.#byShop.get(shop);
    if (hit && hit.index === index && hit.size === index.size) return hit.vocab;
    const vocab = vocabularyFromProducts(index.all());
    if (this.#byShop.size >= MAX_CACHED_SHOPS && !this.#byShop.has(shop)) {
      const oldest = this.#byShop.keys().next().value;
      if (oldest !== undefined) this.#byShop.delete(oldest);
    }
    this.#byShop.set(shop, { index, size: index.size, vocab });
    return vocab;
  }
}
