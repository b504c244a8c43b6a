/**
 * Which of the shop's products a turn weighs against each other by name: "which is better for summer,
 * the Red Sports Tee or the Floral White Top?", "the yellow sofa or the grey sofa?", "compare the Boho
 * Bangle Bracelet and the Moon Charm Bracelet", "¿qué es mejor, el Boho Bangle Bracelet o el Moon Charm
 * Bracelet?", "Galaxy Earrings vs Boho Earrings".
 *
 * Such a turn is about those products, not a wish for the list: the colours and kinds their titles say
 * ("red", "tee") are the products' names, and what the conversation asked before (a size, a budget)
 * must not hide one of them. The answer shows the products compared, each with what it misses of what
 * was asked (personalize.ts `named`). A side names a product when it says its whole title, or when the
 * words of its noun phrase name exactly one product of the shop (its kind or words of its title and
 * type: "the grey one" names nothing alone, "the Moon Charm one" does; beside "the cream sofa" it is the
 * grey sofa). The two options are found by intent/comparison.ts. Pure over the catalog index.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import { comparedOptions, type Span } from '../intent/comparison.ts';
import { fold } from '../intent/text.ts';
import { namesProduct, productWithWords, SEARCHED } from './comparedProduct.ts';
import { namedProducts } from './namedProducts.ts';
import { phrase } from './productText.ts';

/** Words that open a noun phrase: the option is what follows the last one of its side. */
const DETERMINER = /(?<![\p{L}])(?:the|a|an|this|that|these|those|el|la|los|las|un|una|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella)\s+/gu;

/** The noun phrase of a side: what follows its last determiner (none without one). */
function nounPhrase(side: string): string | undefined {
  let from = 0;
  for (const m of side.matchAll(DETERMINER)) from = m.index + m[0].length;
  const np = side.slice(from).replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  return np === '' || from === 0 ? undefined : np;
}

/** The product one side names: its whole title (the longest said), else the one product its noun phrase's words name. */
function productOf(side: string, index: CatalogIndex): string | undefined {
  const whole = namedProducts(side, index);
  if (whole.length > 0) return [...whole].sort((a, b) => phrase(b.title).length - phrase(a.title).length)[0]?.id;
  const np = nounPhrase(side);
  return np === undefined ? undefined : productOfWords(np, index);
}

/** The one product of the shop the words of a noun phrase name, if exactly one. */
function productOfWords(np: string, index: CatalogIndex): string | undefined {
  const hits = index
    .search(np, SEARCHED)
    .map((h) => index.get(h.productId))
    .filter((p) => p !== undefined && namesProduct(np, p));
  return hits.length === 1 ? hits[0]?.id : undefined;
}

/** Two products a turn compares by name ({@link comparedProducts}). */
export interface ComparedPair {
  /** Their ids, in the order said. */
  readonly ids: readonly [string, string];
  /** The words of each side, folded ("the cream sofa", "the grey one"): what names them, no wish. */
  readonly sides: readonly [string, string];
}

/**
 * The two products the text compares by name, in the order said; `undefined` when it compares
 * nothing, or a side names no single product of the shop ("the silk one" of three silk tops), or both
 * sides name the same one.
 */
export function comparedProducts(text: string, index: CatalogIndex): ComparedPair | undefined {
  const folded = fold(text);
  const memo = new Map<string, string | undefined>();
  const named = ([a, b]: Span): string | undefined => {
    const side = folded.slice(a, b);
    if (!memo.has(side)) memo.set(side, productOf(side, index));
    return memo.get(side);
  };
  const both = comparedOptions(folded, (s) => named(s) !== undefined);
  const found = both ?? comparedOptions(folded, (s) => named(s) !== undefined || nounPhrase(folded.slice(...s)) !== undefined);
  if (!found) return undefined;
  let [left, right] = [named(found[0]), named(found[1])];
  // "the cream sofa or the grey one", "el sofá crema o el gris": a side that leaves the noun out names
  // the product its words name with the other side's noun.
  if (left === undefined && right !== undefined) left = withNounOf(folded.slice(...found[0]), folded.slice(...found[1]), index);
  else if (right === undefined && left !== undefined) right = withNounOf(folded.slice(...found[1]), folded.slice(...found[0]), index);
  return left !== undefined && right !== undefined && left !== right ? { ids: [left, right], sides: [folded.slice(...found[0]), folded.slice(...found[1])] } : undefined;
}

/** English "one(s)" standing for a noun said before ("the grey *one*"). */
const PRO_FORM = /\s*\bones?$/u;

/**
 * The product a side that leaves its noun out names with the other side's noun: "the grey one" after
 * "the cream sofa" is "grey sofa", "el gris" after "el sofá crema" is "gris sofa": the one product whose
 * title and type have all those words ({@link productWithWords}). Only a side of a word or two besides
 * "one": a longer one says something else.
 */
function withNounOf(side: string, other: string, index: CatalogIndex): string | undefined {
  const np = nounPhrase(side);
  const otherNp = nounPhrase(other);
  if (np === undefined || otherNp === undefined) return undefined;
  const words = np.replace(PRO_FORM, '').split(/\s+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > 2) return undefined;
  const nouns = otherNp.split(/\s+/);
  // English puts the noun last ("the cream sofa"), Spanish first ("el sofá crema").
  for (const noun of new Set([nouns.at(-1), nouns[0]])) {
    if (noun === undefined || words.includes(noun)) continue;
    // Every word in its title (the noun alone would name every product of its kind).
    const id = productWithWords(`${words.join(' ')} ${noun}`, index)?.id;
    if (id !== undefined) return id;
  }
  return undefined;
}
