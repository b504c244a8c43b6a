/**
 * Products a shopper names by their title ("do you still have the Gold Elephant Earrings?", "¿tienen el
 * Collar de plata?"): the catalog's products whose whole title, folded and singular, is said word for
 * word in the message. An agent answering such a question must be able to say that the product named
 * is not for sale right now, instead of silently showing others (the list never holds an unavailable
 * product). Pure over the catalog index: candidates come from the index's keyword search (memoised,
 * not a scan of the catalog), and a title must have at least two words, so a one-word title ("Cap")
 * said in passing names nothing.
 *
 * A shopper also names a product by its distinctive title words alone ("the zipped jacket for my
 * girlfriend", "the varsity top", "the zipped one"): the title terms of the message (titleTerms.ts: words
 * of this shop's titles that nothing else reads) are all in its title, with what else the intent reads
 * they say at least half of its title's words, and only a few of the products considered have them all
 * ({@link singledOut}). personalize.ts puts such a product first: a recipient's taste (a women's jacket
 * "for my girlfriend"), popularity or the season must not rank others above the product asked for by
 * name. A word that is only one of a title's ("something for summer": Silk Summer Top) steers the
 * ranking as a title term, no more.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import type { Product } from '../catalog/product.ts';
import type { IntentEntities } from '../intent/types.ts';
import { phrase, productText } from './productText.ts';
import { readWords } from './titleTerms.ts';

/** Candidates read from the index's search for a message. */
const CANDIDATES = 20;

/** Most products reported as named in one message. */
const MAX_NAMED = 3;

/** The products whose whole title (two words or more) the message says, best search match first. */
export function namedProducts(text: string, index: CatalogIndex): Product[] {
  const said = ` ${phrase(text)} `;
  if (said.trim() === '') return [];
  const out: Product[] = [];
  for (const { productId } of index.search(text, CANDIDATES)) {
    const p = index.get(productId);
    if (!p) continue;
    const title = phrase(p.title);
    if (title.includes(' ') && said.includes(` ${title} `)) out.push(p);
    if (out.length === MAX_NAMED) break;
  }
  return out;
}

/**
 * Most products a message's title words may name: more products with all of them, and the words name a
 * sort of product ("the striped one" in a shop of striped shirts), not one.
 */
export const MAX_SINGLED_OUT = 3;

/** Share of a title's words the intent must say for its title terms to name the product. */
const MIN_TITLE_SHARE = 0.5;

/** A title's words as titleTerms.ts counts them (folded, singular, three letters or more, no numbers). */
function titleWordsOf(p: Product): string[] {
  return [...new Set(phrase(p.title).split(' '))].filter((w) => w.length >= 3 && !/^\d+$/.test(w));
}

/**
 * Whether the intent's title terms name the product: every term is in its title, and the terms with
 * the other words the intent reads (its kind, colour, material…) are at least half of the title's words.
 */
export function namesProduct(p: Product, e: IntentEntities, said: ReadonlySet<string> = saidWords(e)): boolean {
  const terms = e.terms ?? [];
  if (terms.length === 0) return false;
  const title = productText(p).fields.title;
  for (const w of terms) if (!title.includes(` ${w} `)) return false;
  const words = titleWordsOf(p);
  let n = 0;
  for (const w of words) if (said.has(w)) n++;
  return words.length > 0 && n >= MIN_TITLE_SHARE * words.length;
}

/** The words an intent says that a title can have: its title terms and every word it reads. */
function saidWords(e: IntentEntities): Set<string> {
  const out = readWords(e);
  for (const w of e.terms ?? []) out.add(w);
  return out;
}

/**
 * Which of `products` the intent's title terms single out ({@link namesProduct}), when at most
 * {@link MAX_SINGLED_OUT} of them are named (else none). `undefined` entries (products the catalog does
 * not know) are never named. One flag per product.
 */
export function singledOut(products: readonly (Product | undefined)[], e: IntentEntities): boolean[] {
  if (e.terms === undefined || e.terms.length === 0) return products.map(() => false);
  const said = saidWords(e);
  const flags = products.map((p) => p !== undefined && namesProduct(p, e, said));
  let n = 0;
  for (const f of flags) if (f) n++;
  return n > MAX_SINGLED_OUT ? flags.fill(false) : flags;
}
