/**
 * The personalization layer over a fixed list of products, for conversation tests: the base
 * recommender proposes every product in list order (scores 20, 19, …, reason `popular`), intent comes
 * from the local entity rules, and no shopper has a stored profile unless `store` gives one.
 */
import { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import type { Product } from '../core/catalog/product.ts';
import { ProductIdentity } from '../core/catalog/productIdentity.ts';
import { compileVocabulary } from '../core/intent/catalogVocabulary.ts';
import { extractEntities } from '../core/intent/entities.ts';
import type { IntentExtractor } from '../core/intent/intentExtractor.ts';
import { detectLanguage } from '../core/intent/language.ts';
import { vocabularyFromProducts } from '../core/intent/vocabularyFromCatalog.ts';
import { emptyIntent } from '../core/personalize/intentInput.ts';
import type { UserEventStore } from '../core/ports.ts';
import type { BaseRecommender, RecommendRequest } from '../core/recommend/baseRecommender.ts';
import { MCPAwareRecommender } from '../features/recommend/personalizedRecommender.ts';

/** The entity rules as the intent extractor (no classifier). */
export const localExtractor: IntentExtractor = {
  extract: async (text) => {
    const lang = detectLanguage(text);
    return { ...emptyIntent(lang), entities: extractEntities(text, lang), source: 'local', fallbackUsed: false };
  },
};

const NO_PROFILES = { getProfiles: async () => [] } as unknown as Pick<UserEventStore, 'getProfiles'>;

/** The entity rules with the shop's own vocabulary (its types and tags), as a shop's extractor reads. */
export function shopWordsExtractor(products: readonly Product[]): IntentExtractor {
  const vocabulary = compileVocabulary(vocabularyFromProducts(products));
  return {
    extract: async (text) => {
      const lang = detectLanguage(text);
      return { ...emptyIntent(lang), entities: extractEntities(text, lang, { vocabulary }), source: 'local', fallbackUsed: false };
    },
  };
}

/** A fresh layer (its own conversations) over `products`; `extractor`: the local rules without the shop's vocabulary unless given. */
export function conversationLayer(products: readonly Product[], store: Pick<UserEventStore, 'getProfiles'> = NO_PROFILES, extractor: IntentExtractor = localExtractor): MCPAwareRecommender {
  const catalog = { index: CatalogIndex.build(products), identity: ProductIdentity.build(products) };
  const base: BaseRecommender = {
    name: 'stub',
    recommend: async () => [],
    recommendBatch: async (reqs: readonly RecommendRequest[]) => reqs.map(() => products.map((p, i) => ({ productId: p.id, score: 20 - i, reasons: [{ source: 'popular', score: 20 - i }] }))),
  };
  return new MCPAwareRecommender({ base, extractor, catalogs: { get: () => catalog }, store, profile: { halfLifeMs: 30 * 86_400_000, sessionGapMs: 30 * 60_000 } });
}

/** The product ids of an answer, in order. */
export function itemIds(r: { readonly items: readonly { readonly productId: string }[] }): string[] {
  return r.items.map((i) => i.productId);
}
