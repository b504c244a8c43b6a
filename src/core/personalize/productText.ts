/**
 * A product's text prepared for matching words and phrases in English and Spanish: every field is
 * folded (lower case, accents stripped), tokenised and singularised, and kept as a space-padded
 * string so that a phrase matches on whole words with one `includes`. Built once per product object.
 */
import type { Product } from '../catalog/product.ts';
import { fold, singular, tokens } from '../intent/text.ts';
import { heldMap, heldSet } from '../sharedEmpty.ts';
import { sharedString } from '../sharedStrings.ts';

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
  /**
   * Every word of every field (folded, singular) as a Bloom filter: a phrase can only be in a field if
   * each of its words is set here ({@link mayContain}; a word not in the text is ruled out but for about
   * one in fifty). A set of strings per product held about 25 MB and 800,000 strings per 10,000-product
   * shop, which every full garbage collection walked; this holds 1–2 MB.
   */
  readonly wordBits: Uint32Array;
}

/** Bits set per word (the Bloom filter's hash functions). */
const WORD_HASHES = 3;

/** 32-bit FNV-1a of a word. */
function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The `i`-th bit of a word with hash `h` in a filter of `mask + 1` bits (double hashing, odd step). */
function bitOf(h: number, i: number, mask: number): number {
  const step = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0) | 1;
  return (h + Math.imul(i, step)) & mask;
}

/** A filter of about 10 bits per word (a power of two, at least 64), with every word of `words` set. */
function wordFilter(words: ReadonlySet<string>): Uint32Array {
  let bits = 64;
  while (bits < words.size * 10) bits *= 2;
  const out = new Uint32Array(bits / 32);
  const mask = bits - 1;
  for (const w of words) {
    const h = wordHash(w);
    for (let i = 0; i < WORD_HASHES; i++) {
      const b = bitOf(h, i, mask);
      out[b >>> 5] = (out[b >>> 5] as number) | (1 << (b & 31));
    }
  }
  return out;
}

/** Whether the word with hash `h` may be in the filter (`false`: it is not). */
function mayHave(filter: Uint32Array, h: number): boolean {
  const mask = filter.length * 32 - 1;
  for (let i = 0; i < WORD_HASHES; i++) {
    const b = bitOf(h, i, mask);
    if (((filter[b >>> 5] as number) & (1 << (b & 31))) === 0) return false;
  }
  return true;
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
    if (k !== '') values.add(sharedString(k));
  }
  const options = new Map<string, readonly string[]>();
  for (const [name, vs] of Object.entries(p.options)) options.set(name.toLowerCase(), vs);
  // The fields many products share (a type, a path, a tag list, a vendor) are one string each (sharedStrings.ts).
  const fields = {
    title: padded([p.title]),
    productType: sharedString(padded([p.productType])),
    category: sharedString(padded(parts)),
    tags: sharedString(padded(p.tags)),
    vendor: sharedString(padded([p.vendor])),
    options: sharedString(padded(optionValues)),
    description: padded([p.description]),
  };
  const words = new Set<string>();
  for (const f of Object.values(fields)) for (const w of f.split(' ')) if (w !== '' && w !== '|') words.add(w);
  t = { fields, values: heldSet(values), options: heldMap(options), wordBits: wordFilter(words) };
  cache.set(p, t);
  return t;
}

/**
 * Whether the product's text may have every word of the phrase (folded and singular, see {@link phrase})
 * somewhere: a few bit tests that rule most phrases out before any field is searched for them.
 * `false` means it has not; `true` does not mean the phrase occurs (its words may be apart or in other
 * fields, or a word's bits were set by others).
 */
export function mayContain(t: ProductText, key: string): boolean {
  if (key === '') return false;
  let hashes = keyHashes.get(key);
  if (!hashes) {
    hashes = key.split(' ').filter((w) => w !== '').map(wordHash);
    if (keyHashes.size < 10_000) keyHashes.set(key, hashes);
  }
  for (const h of hashes) if (!mayHave(t.wordBits, h)) return false;
  return true;
}

/** Whether the product's text may have this one word (see {@link mayContain}). */
export function mayHaveWord(t: ProductText, word: string): boolean {
  return word !== '' && mayHave(t.wordBits, wordHash(word));
}

/** Word hashes of phrase keys (the keys come from fixed tables and recur on every request). */
const keyHashes = new Map<string, readonly number[]>();

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
