/**
 * Candidates at an end of a shop's price range, for a list ordered by price ("what's the cheapest thing
 * you have?", "the most expensive necklace": `IntentEntities.byPrice`). The base list of a request holds
 * the popular products and a search's words the most relevant, not the cheapest or the dearest: the
 * shop's own ends, and the ends of what a search finds, are taken instead. Pure over the index; the
 * shop's ends are worked out once per catalog index (an index never changes: a new catalog brings a new one).
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import type { PricePreference } from '../intent/pricePreference.ts';
import { matchFeaturesOf } from './intentScoring.ts';

/** Products at each end of the shop's range a list ordered by price takes as candidates. */
export const PRICE_END_CANDIDATES = 40;

/** How many more hits than it keeps a search ordered by price reads, to keep the cheapest (dearest) of them. */
export const PRICE_END_SEARCH_WIDTH = 10;

const memo = new WeakMap<CatalogIndex, Readonly<Record<PricePreference, readonly string[]>>>();

/** The available products of the shop with a price at the `end` of its range, that end first. */
export function priceEndCandidates(index: CatalogIndex, end: PricePreference): readonly string[] {
  let held = memo.get(index);
  if (held === undefined) {
    const priced = index
      .all()
      .filter((p) => matchFeaturesOf(p).available && index.priceMajor(p.id) !== undefined)
      .map((p) => ({ id: p.id, price: index.priceMajor(p.id) as number }))
      .sort((a, b) => a.price - b.price || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = priced.map((x) => x.id);
    held = Object.freeze({ low: Object.freeze(ids.slice(0, PRICE_END_CANDIDATES)), high: Object.freeze(ids.slice(-PRICE_END_CANDIDATES).reverse()) });
    memo.set(index, held);
  }
  return held[end];
}

/**
 * Two prices in the order of a list asked by price: the `end` first, a missing price after any price,
 * 0 when they are equal (or both missing: the caller's order stands).
 */
export function byPriceEnd(end: PricePreference, a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : 1) : -1;
  return end === 'low' ? a - b : b - a;
}

/** Of the ids a search found, the `n` at the `end` of their prices (unpriced ones last), that end first. */
export function atPriceEnd(index: CatalogIndex, ids: readonly string[], end: PricePreference, n: number): string[] {
  const priced = ids.map((id, at) => ({ id, at, price: index.priceMajor(id) }));
  priced.sort((a, b) => byPriceEnd(end, a.price, b.price) || a.at - b.at);
  return priced.slice(0, n).map((x) => x.id);
}
