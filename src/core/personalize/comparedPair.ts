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
 * type: "the grey one" names nothing alone, "the Moon Charm one" does). The two options are found by
 * intent/comparison.ts. Pure over the catalog index.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import { comparedOptions, type Span } from '../intent/comparison.ts';
import { fold } from '../intent/text.ts';
import { namesProduct } from './comparedProduct.ts';
import { namedProducts } from './namedProducts.ts';
import { phrase } from './productText.ts';

/** Words that open a noun phrase: the option is what follows the last one of its side. */
const DETERMINER = /(?<![\p{L}])(?:the|a|an|this|that|these|those|el|la|los|las|un|una|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella)\s+/gu;

/** Search hits read to find the product a noun phrase names. */
const SEARCHED = 12;

/** The product one side names: its whole title (the longest said), else the one product its noun phrase's words name. */
function productOf(side: string, index: CatalogIndex): string | undefined {
  const whole = namedProducts(side, index);
  if (whole.length > 0) return [...whole].sort((a, b) => phrase(b.title).length - phrase(a.title).length)[0]?.id;
  let from = 0;
  for (const m of side.matchAll(DETERMINER)) from = m.index + m[0].length;
  const np = side.slice(from).replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  if (np === '' || from === 0) return undefined;
  const hits = index
    .search(np, SEARCHED)
    .map((h) => index.get(h.productId))
    .filter((p) => p !== undefined && namesProduct(np, p));
  return hits.length === 1 ? hits[0]?.id : undefined;
}

/**
 * The ids of the two products the text compares by name, in the order said; `undefined` when it
 * compares nothing, or a side names no single product of the shop ("the silk one" of three silk tops),
 * or both sides name the same one.
 */
export function comparedProducts(text: string, index: CatalogIndex): readonly [string, string] | undefined {
  const folded = fold(text);
  const memo = new Map<string, string | undefined>();
  const named = ([a, b]: Span): string | undefined => {
    const side = folded.slice(a, b);
    if (!memo.has(side)) memo.set(side, productOf(side, index));
    return memo.get(side);
  };
  const found = comparedOptions(folded, (s) => named(s) !== undefined);
  if (!found) return undefined;
  const [left, right] = [named(found[0]), named(found[1])];
  return left !== undefined && right !== undefined && left !== right ? [left, right] : undefined;
}
