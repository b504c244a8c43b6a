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
import { recentMemo, RECENT_MESSAGES } from '../boundedMemo.ts';

/** Candidates read from the index's search for a message. */
const CANDIDATES = 20;

/** Most products reported as named in one message. */
const MAX_NAMED = 3;

/** Messages whose named products are kept per catalog index: a turn's rules ask of the same message several times. */
const NAMED = new WeakMap<CatalogIndex, (text: string) => readonly Product[]>();

/**
 * The products whose whole title (two words or more) the message says, best search match first. Kept
 * for the index's last {@link RECENT_MESSAGES} messages (an index never changes: a new catalog brings a
 * new one).
 */
export function namedProducts(text: string, index: CatalogIndex): readonly Product[] {
  let named = NAMED.get(index);
  if (named === undefined) {
    named = recentMemo((t) => Object.freeze(namedNow(t, index)), RECENT_MESSAGES);
    NAMED.set(index, named);
  }
  return named(text);
}

function namedNow(text: string, index: CatalogIndex): Product[] {
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

/**
 * Words that, just before a product's title, make it something other than the product wanted: one to
 * be like, compared with, instead of or without ("something like the Zipped Jacket", "not the Grey
 * Sofa", "en vez del Cream Sofa"), or one the shopper already has ("I bought the Grey Sofa", "ya tengo
 * el Cream Sofa"), in English and Spanish, folded.
 */
const NOT_THE_ONE = new Set([
  'like', 'similar', 'unlike', 'than', 'not', 'no', 'nor', 'never', 'without', 'except', 'instead', 'besides', 'other', 'but', 'dont', 'apart',
  'bought', 'own', 'got', 'purchased', 'ordered', 'already', 'returned',
  'como', 'parecido', 'parecida', 'igual', 'que', 'sin', 'excepto', 'salvo', 'menos', 'vez', 'aparte', 'otro', 'otra', 'ni', 'distinto', 'distinta',
  'tengo', 'tenemos', 'compre', 'compramos', 'compro', 'pedi', 'ya', 'devolvi',
]);

/** Words before a title that are read for {@link NOT_THE_ONE} ("I don't really want the …"). */
const LOOK_BACK = 4;

/** Words before "like" that make it the verb ("I'd like the …", "we would like the …"), not a comparison. */
const LIKE_AS_VERB = new Set(['i', 'we', 'you', 'they', 'she', 'he', 'would', 'really', 'also', 'do', 'did', 'i\'d', 'we\'d', 'she\'d', 'he\'d', 'they\'d', 'you\'d', 'i’d', 'we’d', 'she’d', 'he’d', 'they’d', 'you’d']);

/** Whether the `k`th of `words` makes what follows another product ({@link NOT_THE_ONE}, a negated verb: "don't", "isn’t"). */
function notTheOne(w: string, k: number, words: readonly string[]): boolean {
  if (w === 'like') return !LIKE_AS_VERB.has(words[k - 1] ?? '');
  return NOT_THE_ONE.has(w) || /n['’]t$/u.test(w);
}

/** Words that, just before a title, point at one product ("the", "el", "esa"), folded. */
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'el', 'la', 'los', 'las', 'lo', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'esos', 'esas', 'aquel', 'aquella', 'del', 'al']);

/**
 * The product the message asks for by its whole title ("I want the Zipped Jacket for my girlfriend",
 * "quiero el Grey Sofa", "Moon Charm Bracelet for my sister"): the first named one ({@link
 * namedProducts}) said as a name, after a word that points at one product ({@link DEFINITE}) or
 * written as its title is, and not just after a word that makes it another ({@link notTheOne}).
 * A title that is also a kind, said as one ("a sofa and a bedside table"), names no product.
 * `undefined` when there is none.
 */
export function wantedByName(text: string, index: CatalogIndex): string | undefined {
  const said = ` ${phrase(text)} `;
  for (const p of namedProducts(text, index)) {
    const at = said.indexOf(productText(p).fields.title);
    const words = said.slice(0, at).trim().split(' ');
    if (words.some((w, k) => k >= words.length - LOOK_BACK && notTheOne(w, k, words))) continue;
    if (DEFINITE.has(words.at(-1) ?? '') || text.includes(p.title)) return p.id;
  }
  return undefined;
}
