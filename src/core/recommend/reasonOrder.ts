/**
 * The order reasons are shown in, one rule for every answer (REST, MCP, the personalization layer):
 * strongest first, so that the first is the one to quote, except two kinds that say nothing about why
 * this product fits:
 * - a catalog filler (`source: 'catalog'`): the shop has little behaviour to go on, and the product
 *   only fills the list. It comes after every reason that says something about the product, however
 *   its score compares (a shop with no behaviour yet scores its fillers by the base list's order,
 *   which would otherwise put "from the shop's catalog" before "matches what you asked for");
 * - a constraint note (`source: 'constraint'`, score 0): what could not be checked. It comes last.
 */

import { sortShort } from '../sortShort.ts';

/** 0: a reason about the product; 1: a catalog filler; 2: a constraint note. */
function tier(r: { readonly source: string }): number {
  return r.source === 'constraint' ? 2 : r.source === 'catalog' ? 1 : 0;
}

/** Comparator of two reasons: by tier, then strongest first (no score: after the scored ones). */
export function quotableFirst(a: { readonly source: string; readonly score?: number }, b: { readonly source: string; readonly score?: number }): number {
  return tier(a) - tier(b) || (b.score ?? -Infinity) - (a.score ?? -Infinity);
}

/**
 * Sorts `rs` in place by {@link quotableFirst} and returns it, stably (`sortShort`: without the sort
 * state `Array#sort` allocates on every call; an answer orders the reasons of each of its items).
 */
export function orderQuotableFirst<T extends { readonly source: string; readonly score?: number }>(rs: T[]): T[] {
  return sortShort(rs, quotableFirst);
}
