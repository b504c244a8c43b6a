/**
 * The products of a catalog that are on sale (an available variant's compare-at price above its price:
 * intentScoring.ts `MatchFeatures.onSale`), as candidates for a wish for them ("anything on sale?"):
 * the base list of a request holds the popular products, not necessarily those on sale. At most
 * {@link MAX_ON_SALE}, in catalog order; worked out once per catalog index (an index never changes: a
 * new catalog brings a new one). Pure over the index.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import { matchFeaturesOf } from './intentScoring.ts';

/** Most products on sale added as candidates (the ranking orders them; a shop's whole sale would cost every request). */
export const MAX_ON_SALE = 100;

const memo = new WeakMap<CatalogIndex, readonly string[]>();

/** Ids of up to {@link MAX_ON_SALE} products on sale and to be had (published, an available variant). */
export function onSaleProducts(index: CatalogIndex): readonly string[] {
  let ids = memo.get(index);
  if (ids === undefined) {
    const out: string[] = [];
    for (const p of index.all()) {
      const f = matchFeaturesOf(p);
      if (f.available && f.onSale) out.push(p.id);
      if (out.length === MAX_ON_SALE) break;
    }
    ids = Object.freeze(out);
    memo.set(index, ids);
  }
  return ids;
}
