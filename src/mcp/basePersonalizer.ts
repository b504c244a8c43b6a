/**
 * The personalizer used when none is wired: the base recommender, steered by the resolved intent.
 * Budget and "must not" are hard filters; the asked-for category and brand add candidates from the
 * catalog search and a boost. A stop-gap with a deliberately small rule set; the personalization
 * layer (`MCPAwareRecommender`) replaces it when the composition root passes one.
 */
import { isAvailable } from '../core/catalog/product.ts';
import type { CatalogRegistry } from '../features/catalog/catalogRegistry.ts';
import type { BaseRecommender } from '../core/recommend/baseRecommender.ts';
import { classify, isActionable, resolveIntent } from './intent.ts';
import { checkIntent, violatesIntent } from '../core/personalize/intentMatch.ts';
import type { IntentService, PersonalizedItem, PersonalizedReason, PersonalizeRequest, PersonalizeResult, Personalizer } from './ports.ts';

/** Weight of a category or brand match relative to the best base score (1). */
export const INTENT_MATCH_WEIGHT = 0.6;
/** Weight of keyword relevance to the intent terms. */
export const INTENT_SEARCH_WEIGHT = 0.4;
/** Most candidates gathered before filtering. */
const MAX_CANDIDATES = 200;

/** Dependencies of {@link BasePersonalizer}. */
export interface BasePersonalizerDeps {
  readonly recommender: BaseRecommender;
  readonly catalogs: CatalogRegistry;
  readonly intent?: IntentService;
}

interface Candidate {
  base: number;
  reasons: PersonalizedReason[];
  search: number;
}

/** Base recommendations with intent filters and boosts. */
export class BasePersonalizer implements Personalizer {
  readonly #d: BasePersonalizerDeps;

  constructor(deps: BasePersonalizerDeps) {
    this.#d = deps;
  }

  async recommend(req: PersonalizeRequest, now: number): Promise<PersonalizeResult> {
    const { recommender, catalogs } = this.#d;
    const index = catalogs.get(req.shop).index;
    const intent = resolveIntent(req.intent, classify(this.#d.intent, req.text, index, req.market?.currency ?? req.market?.country));
    const steer = isActionable(intent);
    const base = await recommender.recommend(
      {
        shop: req.shop,
        ...(req.userId ? { userId: req.userId } : {}),
        ...(req.productId ? { productId: req.productId } : {}),
        ...(req.cart ? { cart: req.cart } : {}),
        limit: steer ? Math.min(MAX_CANDIDATES, req.limit * 5) : req.limit,
      },
      now,
    );
    if (!steer) return { items: base, intent, recommender: recommender.name };

    const top = base[0]?.score ?? 0;
    const cands = new Map<string, Candidate>();
    for (const it of base) cands.set(it.productId, { base: top > 0 ? it.score / top : 0, reasons: [...it.reasons], search: 0 });
    const terms = [...intent.categories, ...intent.brands].join(' ');
    if (terms !== '') {
      for (const hit of index.search(terms, MAX_CANDIDATES)) {
        const c = cands.get(hit.productId) ?? { base: 0, reasons: [], search: 0 };
        c.search = hit.weight;
        cands.set(hit.productId, c);
      }
    }
    const items: PersonalizedItem[] = [];
    for (const [id, c] of cands) {
      const p = index.get(id);
      if (!p || !isAvailable(p) || id === req.productId || req.cart?.includes(id)) continue;
      const checks = checkIntent(p, intent);
      if (violatesIntent(checks)) continue;
      const matched = checks.filter((k) => k.ok && (k.kind === 'category' || k.kind === 'brand'));
      const fits = checks.filter((k) => k.ok && k.kind === 'budget');
      const boost = INTENT_MATCH_WEIGHT * matched.length + INTENT_SEARCH_WEIGHT * c.search;
      // What matched the request leads; a budget fit is only a note after the behavioural reasons.
      const matchReasons: PersonalizedReason[] = matched.map((k) => ({ source: 'intent', score: boost / matched.length, detail: k.detail }));
      const fitReasons: PersonalizedReason[] = fits.map((k) => ({ source: 'intent', score: 0, detail: k.detail }));
      items.push({ productId: id, score: c.base + boost, reasons: [...matchReasons, ...c.reasons, ...fitReasons] });
    }
    items.sort((a, b) => b.score - a.score || (a.productId < b.productId ? -1 : 1));
    return { items: items.slice(0, req.limit), intent, recommender: `${recommender.name}+intent` };
  }
}
