/**
 * The words of English and Spanish, for telling a typo from a real word (core/intent/typos.ts): the
 * word lists of `an-array-of-english-words` (about 275,000 words) and `an-array-of-spanish-words`
 * (about 637,000, with their inflections), read into a Bloom filter of at least 16 bits a word (2 MB;
 * about one string in 5,000 that is no word is taken for one, and is then not corrected:
 * wordList.unit.test.ts). The lists themselves (about 50 MB as strings) are not kept. Words are folded
 * (lower case, no accents) as the entity rules read them.
 *
 * Reading the lists takes about 0.6 s of CPU. Done at once on the event loop, that stalled every
 * request in flight behind the first shopper's typo; so they are read in slices of
 * {@link WORDS_PER_TURN} words, each in its own event-loop turn (a few milliseconds each), from the
 * first question on (or from {@link loadWordList}, which `affinity serve` calls at start). Until the
 * filter is complete every word counts as a word: a typo is then read as written, never "corrected"
 * against half a dictionary.
 */
import { readFile } from 'node:fs/promises';
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

  /** A filter sized for `count` words, holding `words`. */
  constructor(words: Iterable<string>, count: number) {
    let bits = 1024;
    while (bits < count * BITS_PER_WORD) bits *= 2;
    this.#bits = new Uint32Array(bits / 32);
    this.#mask = bits - 1;
    for (const w of words) this.add(w);
  }

  add(w: string): void {
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

/** Words added per event-loop turn while the lists are read (about 6 ms of CPU). */
export const WORDS_PER_TURN = 10_000;

const LISTS = ['an-array-of-english-words', 'an-array-of-spanish-words'] as const;

/** The words of one list's text (`index.json`: a JSON array of plain strings, no escapes), folded, one slice a turn. */
async function addList(filter: WordFilter, text: string): Promise<void> {
  let at = text.indexOf('"');
  let n = 0;
  while (at >= 0) {
    const end = text.indexOf('"', at + 1);
    if (end < 0) break;
    const w = text.slice(at + 1, end);
    filter.add(/^[a-z]+$/.test(w) ? w : fold(w));
    at = text.indexOf('"', end + 1);
    if (++n % WORDS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** How many words a list's text holds (its commas, plus one). */
function wordCount(text: string): number {
  let n = 1;
  for (let at = text.indexOf(','); at >= 0; at = text.indexOf(',', at + 1)) n++;
  return n;
}

let filter: WordFilter | undefined;
let loading: Promise<void> | undefined;
/** A read failed (the lists are missing): the first question does not start another. */
let failed = false;

/**
 * Reads the word lists in the background, once per process (a second call returns the same promise);
 * resolves when {@link isDictionaryWord} answers from them. A failed read is retried by the next call.
 */
export function loadWordList(): Promise<void> {
  loading ??= (async () => {
    const texts = await Promise.all(LISTS.map(async (pkg) => readFile(require.resolve(pkg), 'utf8')));
    const building = new WordFilter([], texts.reduce((n, t) => n + wordCount(t), 0));
    for (const t of texts) await addList(building, t);
    filter = building;
  })().catch((err: unknown) => {
    loading = undefined;
    failed = true;
    throw err;
  });
  return loading;
}

/**
 * Whether a folded word is a word of English or Spanish. The first call starts reading the lists
 * ({@link loadWordList}); until they are read (or when they could not be), every word is one (nothing
 * is corrected).
 */
export function isDictionaryWord(w: string): boolean {
  if (filter === undefined) {
    if (!failed) loadWordList().catch(() => {});
    return true;
  }
  return filter.has(w);
}
