/**
 * Products a search finds by their descriptions only. The catalog index searches titles, types,
 * vendors, categories and tags, not descriptions: a description's many words ("pairs with black
 * jeans", "a perfect gift") would make every search match half the catalog. But a word no indexed
 * field of the shop holds ("opal", "14k", "hypoallergenic" in "14k gold hooks, opal ear detail") would
 * then find nothing at all although the shop sells it: such a word is looked for in the descriptions,
 * and what it finds comes after every title or tag match (localSearch.ts).
 *
 * Only the query's content words are looked for: not numbers alone ("under 30", a size), not the words
 * of the budget it states, not the conversational words of {@link FILLER}. Pure.
 */
import { tokenize } from '../../core/catalog/catalogIndex.ts';
import type { Product } from '../../core/catalog/product.ts';
import type { IntentEntities } from '../../core/intent/types.ts';

/**
 * Words of a search that name no product, English and Spanish (the index's tokenizer drops the
 * articles and prepositions already): never looked for in descriptions.
 */
const FILLER = new Set(
  [
    'something', 'anything', 'some', 'thing', 'things', 'item', 'items', 'product', 'products', 'stuff', 'under', 'over', 'around', 'below',
    'above', 'less', 'more', 'than', 'cheap', 'cheaper', 'cheapest', 'best', 'good', 'nice', 'pretty', 'cute', 'looking', 'want', 'need',
    'show', 'find', 'buy', 'please', 'have', 'has', 'can', 'could', 'would', 'like', 'one', 'ones', 'gift', 'present', 'idea', 'ideas', 'dollar',
    'dollars', 'euro', 'euros', 'peso', 'pesos', 'price', 'budget', 'algo', 'alguno', 'alguna', 'cosa', 'cosas', 'producto', 'productos', 'menos',
    'barato', 'barata', 'baratos', 'baratas', 'mejor', 'bonito', 'bonita', 'lindo', 'linda', 'quiero', 'busco', 'necesito', 'tienen', 'tiene',
    'hay', 'regalo', 'precio', 'dolares', 'hasta', 'entre', 'como', 'muestrame', 'ensename', 'favor', 'size', 'talla', 'color', 'colour',
    'colores', 'tono',
  ].flatMap((w) => tokenize(w)),
);

/**
 * The words of `query` to look for in descriptions: its content words ({@link FILLER}, numbers and the
 * stated budget's words left out) that `known` says no indexed field of the catalog holds.
 */
export function descriptionWords(query: string, read: IntentEntities | undefined, known: (word: string) => boolean): string[] {
  const budget = new Set(read?.budget?.text ? tokenize(read.budget.text) : []);
  const out: string[] = [];
  for (const w of tokenize(query)) {
    if (/^\d+$/.test(w) || w.length < 2 || FILLER.has(w) || budget.has(w) || out.includes(w)) continue;
    if (!known(w)) out.push(w);
  }
  return out;
}

/** Letters a folded word's letter stands for in raw text (accents, either case: "opalo" finds "ÓPALO"). */
const LOOSE: Readonly<Record<string, string>> = {
  a: 'aáàâäãå', e: 'eéèêë', i: 'iíìîï', o: 'oóòôöõ', u: 'uúùûü', n: 'nñ', c: 'cç', y: 'yý',
};

/**
 * A pattern for the raw text's words that the index reads as `w` (see `tokenize` in catalogIndex.ts:
 * lower-case, without accents, plural folded): the word, with "s"/"es" after it, or "ies" for its "y".
 */
function wordPattern(w: string): string {
  const letters = (s: string) => [...s].map((c) => (LOOSE[c] ? `[${LOOSE[c]}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const plural = w.length > 3 && w.endsWith('y') ? `${letters(w)}|${letters(w.slice(0, -1))}ies` : `${letters(w)}(?:e?s)?`;
  return `(?:${plural})`;
}

/** The regular expression finding any of `words` in raw text, as whole words; built once per word list. */
const patterns = new Map<string, RegExp>();
function wordsRegExp(words: readonly string[]): RegExp {
  const key = words.join(' ');
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(wordPattern).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
    if (patterns.size >= 1000) patterns.delete(patterns.keys().next().value as string);
    patterns.set(key, re);
  }
  return re;
}

/** Whether `text` has one of `words` (index words: folded, plural folded) as a word of its own. */
export function textHas(text: string, words: readonly string[]): boolean {
  return words.length > 0 && text !== '' && wordsRegExp(words).test(text);
}

/** Whether the product's description has one of `words` ({@link textHas}). */
export function descriptionHas(p: Product, words: readonly string[]): boolean {
  return textHas(p.description, words);
}

/** Whether one of the fields the catalog index reads (title, type, vendor, category, tags) has `word` ({@link textHas}). */
export function indexedFieldsHave(p: Product, word: string): boolean {
  return [p.title, p.productType, p.vendor, p.category, ...p.tags].some((f) => textHas(f, [word]));
}
