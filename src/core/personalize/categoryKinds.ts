/**
 * The category terms of a request read as kinds, for scoring (intentScoring.ts). A request's terms are
 * the shop's entries for the words the shopper said, plus, for a family word, the shop's entries of
 * the kinds it asks for besides its own ("a top" in a shop named only by titles: Top, and then Tee,
 * Shirt, Blouse, Jumper: synonyms.ts `narrower`). Two things follow, and this module works them out:
 *
 * - Terms naming the same kind (one synonym group: "Shirt" and "Blouse", "Sofa" and "Couch") are one
 *   alternative: a shirt matching both is one match, not two. A kind named by several entries (a
 *   product type "Necklaces" and a tag "Necklace") still ranks a product that has more of them higher.
 * - A kind that another kind of the list names as its narrower kind is a *member* of that family: a
 *   shirt meets "a top", but it is not what was said. Members count once together, below the kind the
 *   shopper named ("Classic Varsity Top" before "Ocean Blue Shirt").
 *
 * When the family word itself has no entry in the shop ("furniture" in a shop typed Sofa, Armchair,
 * Chair, …) no kind of the list names the others, and each is read as said; but as the kinds are all
 * of one family of the table, they are alternatives (`once`): a "Pink Armchair" that is both an
 * armchair and a chair is one match, as a sofa is. Pure.
 */
import { CATEGORY_SYNONYMS } from '../intent/synonyms.ts';
import { categoryParts, phrase } from './productText.ts';

/** How a request's category terms group into kinds. */
export interface CategoryKinds {
  /** Term index → index of its kind. */
  readonly kindOf: readonly number[];
  /** Per kind: how many of the terms name it. */
  readonly size: readonly number[];
  /** Per kind: a narrower kind of another kind of the list (a member of the family said), not the word said. */
  readonly member: readonly boolean[];
  /** How many kinds are not members. */
  readonly said: number;
  /**
   * The said kinds are several narrower kinds of one family the list does not name (its word has no
   * entry in the shop): alternatives, of which a product counts for one.
   */
  readonly once: boolean;
}

/** Synonym phrase key → indexes of its groups. */
const GROUPS = new Map<string, number[]>();
CATEGORY_SYNONYMS.forEach((g, i) => {
  for (const k of new Set([...g.en, ...g.es].map(phrase))) {
    if (k === '') continue;
    const at = GROUPS.get(k) ?? [];
    if (!at.includes(i)) at.push(i);
    GROUPS.set(k, at);
  }
});

/** Group index → every group it asks for through `narrower`, families of families included (not itself). */
const NARROWER: readonly ReadonlySet<number>[] = (() => {
  const byName = new Map(CATEGORY_SYNONYMS.map((g, i) => [g.en[0] as string, i]));
  const direct = CATEGORY_SYNONYMS.map((g) => (g.narrower ?? []).map((n) => byName.get(n)).filter((i): i is number => i !== undefined));
  return direct.map((first, i) => {
    const out = new Set<number>();
    const todo = [...first];
    while (todo.length > 0) {
      const n = todo.shift() as number;
      if (n === i || out.has(n)) continue;
      out.add(n);
      todo.push(...(direct[n] as number[]));
    }
    return out;
  });
})();

/**
 * The synonym groups a term names: its last path part's, or its parts' ("Shirts & Tops": shirts and
 * tops). None for a word of the shop's own the table does not know (then it is a kind of its own).
 */
function groupsOf(term: string): number[] {
  const last = categoryParts(term).at(-1) ?? term;
  const whole = GROUPS.get(phrase(last));
  if (whole) return [...whole].sort((a, b) => a - b);
  const out = new Set<number>();
  for (const sub of last.split(/&|,|\+|\band\b|\by\b/i)) for (const g of GROUPS.get(phrase(sub)) ?? []) out.add(g);
  return [...out].sort((a, b) => a - b);
}

function build(terms: readonly string[]): CategoryKinds {
  const keys: string[] = [];
  const groups: number[][] = [];
  const kindOf: number[] = [];
  const size: number[] = [];
  for (const t of terms) {
    const gs = groupsOf(t);
    // The same groups, the same kind; a term of no group is a kind by its own words.
    const key = gs.length > 0 ? `g:${gs.join(',')}` : `w:${phrase(categoryParts(t).at(-1) ?? t)}`;
    let k = keys.indexOf(key);
    if (k < 0) {
      k = keys.length;
      keys.push(key);
      groups.push(gs);
      size.push(0);
    }
    kindOf.push(k);
    size[k] = (size[k] as number) + 1;
  }
  // A member: every group of it is a narrower kind of some group of another kind of the list.
  const asked = new Set<number>();
  for (const gs of groups) for (const g of gs) for (const n of NARROWER[g] ?? []) asked.add(n);
  let member = groups.map((gs) => gs.length > 0 && gs.every((g) => asked.has(g)));
  // Families that ask for each other leave nothing said: then every kind is read as said.
  if (member.every(Boolean)) member = member.map(() => false);
  const said = groups.filter((_, k) => !member[k]);
  const own = new Set(groups.flat());
  const once = said.length > 1 && said.every((gs) => gs.length > 0) && NARROWER.some((n, f) => !own.has(f) && said.every((gs) => gs.every((g) => n.has(g))));
  return { kindOf, size, member, said: said.length, once };
}

/** Kinds of the terms lists scored (the same entities object scores every candidate of a request). */
const held = new WeakMap<readonly string[], CategoryKinds>();

/** How the category terms group into kinds (see the module doc); worked out once per list. */
export function categoryKinds(terms: readonly string[]): CategoryKinds {
  let k = held.get(terms);
  if (k === undefined) {
    k = build(terms);
    held.set(terms, k);
  }
  return k;
}
