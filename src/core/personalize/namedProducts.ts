/**
 * Products a shopper names by their title ("do you still have the Gold Elephant Earrings?", "¿tienen el
 * Collar de plata?"): the catalog's products whose whole title, folded and singular, is said word for
 * word in the message. An agent answering such a question must be able to say that the product named
 * is not for sale right now, instead of silently showing others (the list never holds an unavailable
 * product). Pure over the catalog index: candidates come from the index's keyword search (memoised,
 * not a scan of the catalog), and a title must have at least two words, so a one-word title ("Cap")
 * said in passing names nothing.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import type { Product } from '../catalog/product.ts';
import { phrase, productText } from './productText.ts';

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
    // The title as a phrase, space-padded (` gold elephant earring `), worked out once per product.
    const title = productText(p).fields.title;
    if (title.trim().includes(' ') && said.includes(title)) out.push(p);
    if (out.length === MAX_NAMED) break;
  }
  return out;
}
