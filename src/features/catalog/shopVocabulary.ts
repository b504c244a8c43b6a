/**
 * Per-shop {@link CatalogVocabulary} cache for the intent layer: rebuilt when the shop's catalog index
 * is replaced or changes size, so the classifier (which compiles each vocabulary object once) sees a
 * stable object between catalog updates.
 *
 * Building it reads every product (about 20 ms for 10,000 on this project's machine), and so does the
 * feature index a stated colour is looked up in (`core/personalize/featureIndex.ts`). {@link warmIntentData}
 * does both for a new catalog index in slices of at most a few ms per event-loop turn, so that the first
 * conversational request after a catalog change does not pay for them; `get` uses what it built.
 */
import type { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import type { CatalogVocabulary } from '../../core/intent/types.ts';
import { vocabularySteps } from '../../core/intent/vocabularyFromCatalog.ts';
import { featureIndexSteps } from '../../core/personalize/featureIndex.ts';

/** Most shops kept; the oldest entry is dropped beyond it. */
export const MAX_CACHED_SHOPS = 1000;

/** Longest stretch of warming work per event-loop turn, ms (as the catalog registry's warm-up). */
export const WARM_SLICE_MS = 5;

/** Vocabularies built ahead of requests, per catalog index. */
const warmed = new WeakMap<CatalogIndex, CatalogVocabulary>();

/** Whether {@link warmIntentData} finished for this catalog index (a request then builds nothing). */
export function intentDataWarmed(index: CatalogIndex): boolean {
  return warmed.has(index);
}

/**
 * Builds the vocabulary and the feature index of a catalog index in the background, at most
 * `sliceMs` of work per event-loop turn (at least one step, so it always finishes). Resolves when
 * both are built, or early, unbuilt, once `current()` says the index was replaced. Bounded work, so
 * the turns are not unref'd (a process exiting meanwhile waits for it, a few tens of ms).
 */
export function warmIntentData(index: CatalogIndex, current: () => boolean = () => true, sliceMs = WARM_SLICE_MS): Promise<void> {
  const products = index.all();
  const vocab = vocabularySteps(products);
  const features = featureIndexSteps(products);
  return new Promise((resolve) => {
    const step = (): void => {
      if (!current()) return resolve();
      const until = performance.now() + sliceMs;
      let done = false;
      do {
        const v = vocab.next();
        if (v.done) {
          if (!warmed.has(index)) warmed.set(index, v.value);
          done = features.next().done === true;
        }
      } while (!done && performance.now() < until);
      if (done) resolve();
      else setImmediate(step);
    };
    setImmediate(step);
  });
}

/** Caches one vocabulary per shop, keyed by the index object and its size. */
export class ShopVocabularyCache {
  readonly #byShop = new Map<string, { index: CatalogIndex; size: number; vocab: CatalogVocabulary }>();

  /** The shop's vocabulary, or undefined when its catalog is empty. */
  get(shop: string, index: CatalogIndex): CatalogVocabulary | undefined {
    if (index.size === 0) return undefined;
    const hit = this.#byShop.get(shop);
    if (hit && hit.index === index && hit.size === index.size) return hit.vocab;
    const vocab = warmed.get(index) ?? drain(vocabularySteps(index.all()));
    if (this.#byShop.size >= MAX_CACHED_SHOPS && !this.#byShop.has(shop)) {
      const oldest = this.#byShop.keys().next().value;
      if (oldest !== undefined) this.#byShop.delete(oldest);
    }
    this.#byShop.set(shop, { index, size: index.size, vocab });
    return vocab;
  }
}

function drain<T>(steps: Generator<void, T>): T {
  let s = steps.next();
  while (!s.done) s = steps.next();
  return s.value;
}
