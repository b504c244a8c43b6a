/**
 * The words of English and Spanish, for telling a typo from a real word (core/intent/typos.ts): the
 * word lists of `an-array-of-english-words` (about 275,000 words) and `an-array-of-spanish-words`
 * (about 637,000, with their inflections), read once, on the first question, into a Bloom filter of
 * at least 16 bits a word (2 MB; about one string in 5,000 that is no word is taken for one, and is
 * then not corrected: wordList.unit.test.ts). The lists themselves (about 50 MB as strings) are not
 * kept. Words are folded (lower case, no accents) as the entity rules read them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fold } from '../../core/intent/text.ts';

const BITS_PER_WORD = 16;
const HASHES = 11;

/** 32-bit FNV-1a. */
function fnv(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A second, independent hash (murmur3's finaliser over FNV with another seed), odd for double hashing. */
function step(w: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x5bd1e995);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) | 1;
}

/** A set of words as a Bloom filter. */
export class WordFilter {
  readonly #bits: Uint32Array;
  readonly #mask: number;

  constructor(words: Iterable<string>, count: number) {
    let bits = 1024;
    while (bits < count * BITS_PER_WORD) bits *= 2;
    this.#bits = new Uint32Array(bits / 32);
    this.#mask = bits - 1;
    for (const w of words) this.#add(w);
  }

  #add(w: string): void {
    const a = fnv(w);
    const b = step(w);
    for (let i = 0; i < HASHES; i++) {
      const bit = (a + Math.imul(i, b)) & this.#mask;
      this.#bits[bit >>> 5] = (this.#bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  has(w: string): boolean {
    const a = fnv(w);
    const b = step(w);
    for (let i = 0; i < HASHES; i++) {
      const bit = (a + Math.imul(i, b)) & this.#mask;
      if (((this.#bits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

const require = createRequire(import.meta.url);

/** The folded words of one package's list (`index.json`, an array of strings). */
function listOf(pkg: string): string[] {
  return (JSON.parse(readFileSync(require.resolve(pkg), 'utf8')) as string[]).map((w) => (/^[a-z]+$/.test(w) ? w : fold(w)));
}

let filter: WordFilter | undefined;

/** Whether a folded word is a word of English or Spanish (the lists are read on the first call). */
export function isDictionaryWord(w: string): boolean {
  if (filter === undefined) {
    const en = listOf('an-array-of-english-words');
    const es = listOf('an-array-of-spanish-words');
    filter = new WordFilter([...en, ...es], en.length + es.length);
  }
  return filter.has(w);
}
