/**
 * The products of a catalog that are on sale (an available variant's compare-at price above its price:
 * intentScoring.ts `MatchFeatures.onSale`), in catalog order, for a wish for them ("anything on sale?"):
 * the base list of a request holds the popular products, not necessarily those on sale, and a search's
 * words name none of them. Worked out once per catalog index (an index never changes: a new catalog
 * brings a new one). Pure over the index.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import { matchFeaturesOf } from './intentScoring.ts';

/** Most products on sale a recommendation takes as candidates (the ranking orders them; a shop's whole sale would cost every request). */
export const MAX_ON_SALE_CANDIDATES = 100;

const memo = new WeakMap<CatalogIndex, { readonly all: readonly string[]; readonly candidates: readonly string[] }>();

function onSale(index: CatalogIndex): { readonly all: readonly string[]; readonly candidates: readonly string[] } {
  let held = memo.get(index);
  if (held === undefined) {
    const all = Object.freeze(
      index
        .all()
        .filter((p) => {
          const f = matchFeaturesOf(p);
          return f.available && f.onSale;
        })
        .map((p) => p.id),
    );
    held = { all, candidates: Object.freeze(all.slice(0, MAX_ON_SALE_CANDIDATES)) };
    memo.set(index, held);
  }
  return held;
}

/** Ids of every product on sale and to be had (published, an available variant): a search lists them all. */
export function onSaleProducts(index: CatalogIndex): readonly string[] {
  return onSale(index).all;
}

/** The first {@link MAX_ON_SALE_CANDIDATES} of {@link onSaleProducts}: a recommendation's candidates. */
export function onSaleCandidates(index: CatalogIndex): readonly string[] {
  return onSale(index).candidates;
}
