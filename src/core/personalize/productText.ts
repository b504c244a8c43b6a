/**
 * A product's text prepared for matching words and phrases in English and Spanish: every field is
 * folded (lower case, accents stripped), tokenised and singularised, and kept as a space-padded
 * string so that a phrase matches on whole words with one `includes`. Built once per product object.
 */
import type { Product } from '../catalog/product.ts';
import { fold, singular, tokens } from '../intent/text.ts';

/** Product fields a word can be found in. */
export type TextField = 'title' | 'productType' | 'category' | 'tags' | 'vendor' | 'options' | 'description';

/** Matchable text of one product. */
export interface ProductText {
  /** Per field, ` word word … ` (folded, singular), with ` | ` between separate values (tags, path parts). */
  readonly fields: Readonly<Record<TextField, string>>;
  /** Phrase keys of whole values: category path parts, product type, tags (for exact value matches). */
  readonly values: ReadonlySet<string>;
  /** Option values by lower-case option name, as written. */
  readonly options: ReadonlyMap<string, readonly string[]>;
  /** Every word of every field (folded, singular): a phrase can only be in a field if its words are here. */
  readonly words: ReadonlySet<string>;
}

/** Folded, singular words of a text joined by single spaces ("Hiking Boots" → "hiking boot"). */
export function phrase(text: string): string {
  return tokens(fold(text))
    .map((t) => singular(t.w))
    .join(' ');
}

/** ` a b | c d ` for a list of values (whole-word matching never crosses a value boundary). */
function padded(values: readonly string[]): string {
  const parts = values.map(phrase).filter((p) => p !== '');
  return parts.length === 0 ? ' ' : ` ${parts.join(' | ')} `;
}

const cache = new WeakMap<Product, ProductText>();

/** Category path parts ("A > B & C > D" → ["A", "B & C", "D"]). */
export function categoryParts(category: string): string[] {
  return category
    .split('>')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The matchable text of a product (memoised per product object). */
export function productText(p: Product): ProductText {
  let t = cache.get(p);
  if (t) return t;
  const parts = categoryParts(p.category);
  const optionValues = Object.values(p.options).flat();
  const values = new Set<string>();
  for (const v of [...parts, p.productType, ...p.tags]) {
    const k = phrase(v);
    if (k !== '') values.add(k);
  }
  const options = new Map<string, readonly string[]>();
  for (const [name, vs] of Object.entries(p.options)) options.set(name.toLowerCase(), vs);
  const fields = {
    title: padded([p.title]),
    productType: padded([p.productType]),
    category: padded(parts),
    tags: padded(p.tags),
    vendor: padded([p.vendor]),
    options: padded(optionValues),
    description: padded([p.description]),
  };
  const words = new Set<string>();
  for (const f of Object.values(fields)) for (const w of f.split(' ')) if (w !== '' && w !== '|') words.add(w);
  t = { fields, values, options, words };
  cache.set(p, t);
  return t;
}

/**
 * Whether the product's text has every word of the phrase (folded and singular, see {@link phrase})
 * somewhere: a set lookup that rules a phrase out before any field is searched for it. `true` does
 * not mean the phrase occurs (its words may be apart or in other fields).
 */
export function mayContain(t: ProductText, key: string): boolean {
  if (key === '') return false;
  if (key.indexOf(' ') < 0) return t.words.has(key);
  let words = keyWords.get(key);
  if (!words) {
    words = key.split(' ').filter((w) => w !== '');
    if (keyWords.size < 10_000) keyWords.set(key, words);
  }
  for (const w of words) if (!t.words.has(w)) return false;
  return true;
}

/** Words of multi-word phrase keys (the keys come from fixed tables and recur on every request). */
const keyWords = new Map<string, readonly string[]>();

/** Whether the phrase (already folded and singular, see {@link phrase}) occurs as whole words in the field. */
export function hasPhrase(field: string, key: string): boolean {
  return key !== '' && field.includes(` ${key} `);
}

/** First field (in the given order) containing the phrase. */
export function findPhrase(t: ProductText, key: string, order: readonly TextField[]): TextField | undefined {
  if (!mayContain(t, key)) return undefined;
  for (const f of order) if (hasPhrase(t.fields[f], key)) return f;
  return undefined;
}
