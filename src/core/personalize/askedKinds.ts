/**
 * Kinds of product asked for together: "a ring and matching earrings for my wife", "una lamparita de
 * noche y una mesita de noche", "a shirt and a tie". The intent's `categories` are any-of (a product
 * meets the category constraint with one of them: "a top" is a top, a tee, a shirt…), so a list of
 * earrings alone met "ring and earrings", and the shopper was told nothing of the ring the shop does
 * not have. Read here, each part of the request joined by "and" / "y" (intent/turns.ts `kindClauses`)
 * that names kinds of its own is one group; personalize.ts shows the best product of each group first,
 * and the outcome says which group the shop has nothing for (constraints.ts `kindsOutcome`). Parts
 * that share a kind ("a top and a tee": the family "top" holds tees) are no groups. Pure.
 */

import type { ProductAudience } from './productAudience.ts';
import { recipientAudience } from './wantedAudience.ts';

/** Groups of the intent's categories, one per kind asked for together; `undefined` when fewer than two. */
export type KindGroups = readonly (readonly string[])[];

/** Per group of {@link KindGroups}, whom its part names as the person it is for (a woman's or a man's audience), if anyone. */
export type KindPeople = readonly (ProductAudience | undefined)[];

const low = (v: string): string => v.trim().toLowerCase();

/**
 * The groups of `categories` that each part of the request reads (`perPart`: the categories read from
 * each part alone): at least two non-empty ones sharing no value, else `undefined`.
 */
export function kindGroups(categories: readonly string[], perPart: readonly (readonly string[])[]): KindGroups | undefined {
  const asked = new Map(categories.map((c) => [low(c), c] as const));
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const part of perPart) {
    const g = [...new Set(part.map(low))].filter((c) => asked.has(c));
    if (g.length === 0) continue;
    if (g.some((c) => seen.has(c))) return undefined;
    for (const c of g) seen.add(c);
    groups.push(g.map((c) => asked.get(c) as string));
  }
  return groups.length >= 2 ? groups : undefined;
}

/** The groups while every value of theirs is still among the kinds sought (a later turn naming other kinds lets them go). */
export function keptKinds(groups: KindGroups | undefined, categories: readonly string[]): KindGroups | undefined {
  if (!groups) return undefined;
  const sought = new Set(categories.map(low));
  return groups.every((g) => g.every((c) => sought.has(low(c)))) ? groups : undefined;
}

/**
 * Whom each group is for, when its part of the request names a woman or a man ("a shirt for my wife and a
 * jacket for my husband": the shirt hers, the jacket his); `undefined` when no part names one. A child's
 * recipient names no audience (a son may be an adult), as in wantedAudience.ts.
 */
export function kindPeople(groups: KindGroups, perPart: readonly { readonly categories: readonly string[]; readonly recipient?: string; readonly recipientSex?: 'female' | 'male' }[]): KindPeople | undefined {
  const out = groups.map((g) => {
    const first = low(g[0] ?? '');
    const part = perPart.find((p) => p.categories.some((c) => low(c) === first));
    const a = part?.recipient ? recipientAudience(part.recipient, part.recipientSex) : undefined;
    return a === 'child' ? undefined : a;
  });
  return out.some((a) => a !== undefined) ? out : undefined;
}
