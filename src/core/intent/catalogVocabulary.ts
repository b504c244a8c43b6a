/**
 * Matching utterances against a shop's own vocabulary: category paths, product types and tags (through
 * the English/Spanish synonym table, singular/plural and accent folding) and vendors.
 */
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import { fold, singular, tokens, type Token } from './text.ts';
import type { CatalogVocabulary } from './types.ts';
import { hasOtherSense, namesKindAt } from './wordSense.ts';

/** Longest phrase (in words) looked up. */
const MAX_N = 4;

/**
 * Single words that never identify a category on their own (department words, connectors). Not "top":
 * a garment where wordSense.ts says so ("a women's top"), and a shop entry only partly made of it ("High
 * Tops", "Top Sellers") does not stand for it (`hasOtherSense`).
 */
const GENERIC = new Set([
  'men', 'man', 'mens', 'women', 'woman', 'womens', 'kid', 'kids', 'boy', 'girl', 'baby', 'unisex', 'adult', 'hombre', 'mujer',
  'nino', 'nina', 'ninos', 'ninas', 'bebe', 'other', 'otro', 'misc', 'general', 'new', 'sale', 'de', 'del', 'para', 'y',
  'and', 'for', 'the', 'with', 'con', 'el', 'la', 'los', 'las', 'a', 'accessory', 'accesorio', 'product', 'producto', 'item',
  'set', 'kit', 'pack', 'collection', 'coleccion', 'all', 'todo', 'home', 'casa', 'style', 'estilo', 'basic',
  'basico', 'classic', 'clasico', 'premium', 'original', 'good', 'best', 'size', 'color', 'colour', 'talla', 'gift', 'regalo',
]);

/** Folded, singular word keys of a phrase. */
export function phraseKey(text: string): string {
  return tokens(fold(text)).map((t) => singular(t.w)).join(' ');
}

/** Phrase keys that say a kind by what it is for, and the kind's canonical name (synonyms.ts `described`). */
const DESCRIBED = new Map<string, string>(CATEGORY_SYNONYMS.flatMap((g) => (g.described ?? []).map((t) => [phraseKey(t), g.en[0] as string] as const)));

/** The canonical name of the kind these tokens say by what it is for ("somewhere to sit": seating), if they do. */
export function describedKind(toks: readonly Token[]): string | undefined {
  return DESCRIBED.get(toks.map((t) => singular(t.w)).join(' '));
}

/** Synonym phrase key → indexes of its groups. */
const SYN = new Map<string, number[]>();
/** Group index → keys of its terms. */
const GROUP_KEYS: string[][] = CATEGORY_SYNONYMS.map((g, i) => {
  const keys = [...new Set([...g.en, ...g.es].map(phraseKey))];
  for (const k of keys) {
    const list = SYN.get(k) ?? [];
    if (!list.includes(i)) list.push(i);
    SYN.set(k, list);
  }
  return keys;
});

/** The first word of each phrase key longer than one word. */
function firstWordsOf(keyLists: readonly Iterable<string>[]): Set<string> {
  const out = new Set<string>();
  for (const keys of keyLists) {
    for (const k of keys) {
      const space = k.indexOf(' ');
      if (space > 0) out.add(k.slice(0, space));
    }
  }
  return out;
}

/** The first words of the synonym table's phrase keys longer than one word. */
const SYN_FIRST_WORDS = firstWordsOf([SYN.keys()]);

/**
 * Group index → indexes of every narrower group it asks for, through families of families ("decor" →
 * lighting → lamps), from the table's `narrower` names.
 */
const NARROWER: number[][] = (() => {
  const byName = new Map(CATEGORY_SYNONYMS.map((g, i) => [g.en[0] as string, i]));
  const direct = CATEGORY_SYNONYMS.map((g) => (g.narrower ?? []).map((n) => byName.get(n)).filter((i): i is number => i !== undefined));
  return direct.map((first, i) => {
    const out: number[] = [];
    const todo = [...first];
    while (todo.length > 0) {
      const n = todo.shift() as number;
      if (n === i || out.includes(n)) continue;
      out.push(n);
      todo.push(...(direct[n] as number[]));
    }
    return out;
  });
})();

/**
 * Whether the words `broad` name a family (or a place) whose kinds include what `narrow` names:
 * "jewellery" of "necklace", "terraza" of "macetas"; never the reverse, never a kind of itself.
 */
export function isFamilyOf(broad: string, narrow: string): boolean {
  const outer = SYN.get(phraseKey(broad)) ?? [];
  const inner = SYN.get(phraseKey(narrow)) ?? [];
  return outer.some((g) => inner.some((n) => n !== g && (NARROWER[g] as number[]).includes(n)));
}

/** Whether a folded phrase is a known category term in either language (used by rejection typing and language detection). */
export function isCategoryTerm(phrase: string): boolean {
  return SYN.has(phraseKey(phrase));
}

/** Every synonym-table term of one language (folded), for vocabulary-based language detection. */
export function categoryTerms(lang: 'en' | 'es'): string[] {
  return CATEGORY_SYNONYMS.flatMap((g) => g[lang]);
}

/** A vocabulary prepared for matching. */
export interface CompiledVocabulary {
  readonly hasTaxonomy: boolean;
  /** Phrase key → taxonomy entries whose leaf starts or ends with it. */
  readonly leaf: ReadonlyMap<string, readonly string[]>;
  /** Phrase key → taxonomy entries having it as a non-leaf path part. */
  readonly parent: ReadonlyMap<string, readonly string[]>;
  /** Phrase key → tags equal to it. */
  readonly tags: ReadonlyMap<string, readonly string[]>;
  /** Phrase key (and its space-less form) → vendor. */
  readonly vendors: ReadonlyMap<string, string>;
  /** The first word of every phrase key of `leaf`, `parent` and `tags` longer than one word ({@link findCategories} looks up no longer phrase starting with another word). */
  readonly firstWords: ReadonlySet<string>;
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  if (key === '') return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** Compiles a shop vocabulary (compile once per catalog version; the classifier caches by object identity). */
export function compileVocabulary(v: CatalogVocabulary | undefined): CompiledVocabulary {
  const leaf = new Map<string, string[]>();
  const parent = new Map<string, string[]>();
  const tags = new Map<string, string[]>();
  const vendors = new Map<string, string>();
  for (const entry of v?.categories ?? []) {
    const parts = entry.split(/>|\//).map((s) => s.trim()).filter((s) => s !== '');
    parts.forEach((part, pi) => {
      const isLeaf = pi === parts.length - 1;
      for (const sub of part.split(/&|,|\+|\band\b|\by\b/i)) {
        const toks = phraseKey(sub).split(' ').filter((t) => t !== '');
        if (toks.length === 0) continue;
        const target = isLeaf ? leaf : parent;
        for (let i = 0; i < toks.length; i++) {
          const suffix = toks.slice(i).join(' ');
          const prefix = toks.slice(0, toks.length - i).join(' ');
          for (const k of [suffix, prefix]) if (!(k.indexOf(' ') < 0 && GENERIC.has(k))) add(target, k, entry);
        }
      }
    });
  }
  for (const t of v?.tags ?? []) {
    const k = phraseKey(t);
    if (k !== '' && !GENERIC.has(k)) add(tags, k, t);
  }
  for (const name of v?.vendors ?? []) {
    const k = tokens(fold(name)).map((t) => t.w).join(' ');
    if (k === '') continue;
    if (!vendors.has(k)) vendors.set(k, name);
    const compact = k.replace(/[\s'.-]+/g, '');
    if (compact.length >= 3 && !vendors.has(compact)) vendors.set(compact, name);
  }
  const hasTaxonomy = leaf.size + parent.size + tags.size > 0;
  return { hasTaxonomy, leaf, parent, tags, vendors, firstWords: firstWordsOf([leaf.keys(), parent.keys(), tags.keys()]) };
}

/** A match of vocabulary in a token range [from, to). */
export interface VocabMatch {
  readonly values: readonly string[];
  readonly from: number;
  readonly to: number;
}

/** Candidate keys for a phrase: itself and every term of its synonym groups. */
function expand(key: string): string[] {
  const groups = SYN.get(key);
  if (!groups) return [key];
  const out = [key];
  for (const g of groups) for (const k of GROUP_KEYS[g] as string[]) if (!out.includes(k)) out.push(k);
  return out;
}

/**
 * Entries of `map` for `keys`. A word with an everyday sense ("light", "sala") finds only entries it
 * names whole ("Light", "Lamps & Lights"), not ones it is part of ("Light Jackets", "Tea Light Candles").
 */
function lookup(keys: readonly string[], map: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const k of keys) {
    for (const e of map.get(k) ?? []) if (!out.includes(e) && (!hasOtherSense(k) || namesWhole(e, k))) out.push(e);
  }
  return out;
}

/** Whether a part of an entry ("… > Lamps & Lights") is the phrase key `k` itself. */
function namesWhole(entry: string, k: string): boolean {
  return entry.split(/>|\//).some((part) => part.split(/&|,|\+|\band\b|\by\b/i).some((sub) => phraseKey(sub) === k));
}

/** The shop's entries for candidate keys: leaf matches, else tags, else parent-path matches. */
function grounded(cand: readonly string[], vocab: CompiledVocabulary): string[] {
  let values = lookup(cand, vocab.leaf);
  if (values.length === 0) values = lookup(cand, vocab.tags);
  if (values.length === 0) values = lookup(cand, vocab.parent);
  return values;
}

/** The shop's entries for each narrower group of the phrase's groups (`places`: also those of place groups). */
function narrowerEntries(key: string, vocab: CompiledVocabulary, places: boolean): string[] {
  const out: string[] = [];
  for (const g of SYN.get(key) ?? []) {
    if (CATEGORY_SYNONYMS[g]?.place && !places) continue;
    for (const n of NARROWER[g] as number[]) for (const v of grounded(GROUP_KEYS[n] as string[], vocab)) if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Whether a phrase key belongs to place groups only (a room, the garden). */
function isPlace(key: string): boolean {
  const groups = SYN.get(key);
  return groups !== undefined && groups.every((g) => CATEGORY_SYNONYMS[g]?.place === true);
}

/**
 * Categories in a token list (longest phrases first; a matched word is not reused). With a taxonomy
 * the values are the shop's entries (leaf matches, then tags, then parent-path matches); without one,
 * canonical English terms from the synonym table. `skip(i)` masks tokens (e.g. rejected phrases).
 * A word with an everyday sense counts only where it names the kind (`wordSense.ts`: not "a light
 * jacket"). A family word is also met by the shop's entries of its narrower kinds ("jewelry" in a shop
 * of Necklace / Earrings types); a place ("algo para el dormitorio") by the kinds used there, but only
 * when nothing else is named: next to a kind it says what the kind is for ("a lamp for the bedroom").
 */
export function findCategories(toks: readonly Token[], vocab: CompiledVocabulary, skip?: (i: number) => boolean): VocabMatch[] {
  const keys = wordKeys(toks);
  // A phrase neither the table nor the shop has a key for matches nothing (`expand` gives it alone,
  // `narrowerEntries` nothing), so most spans are answered without building their key.
  const known = (key: string): boolean => SYN.has(key) || vocab.leaf.has(key) || vocab.parent.has(key) || vocab.tags.has(key);
  const pass = (places: boolean): VocabMatch[] =>
    matchSpans(toks.length, skip, (i, n) => {
      if (n > 1 && !SYN_FIRST_WORDS.has(keys[i] as string) && !vocab.firstWords.has(keys[i] as string)) return [];
      const key = spanKey(keys, i, n);
      if (!known(key)) return [];
      if (n === 1 && (GENERIC.has(key) || !namesKindAt(toks, i))) return [];
      if (!vocab.hasTaxonomy) return (SYN.get(key) ?? []).map((g) => CATEGORY_SYNONYMS[g]?.en[0] as string);
      const values = grounded(expand(key), vocab);
      for (const v of narrowerEntries(key, vocab, places)) if (!values.includes(v)) values.push(v);
      return values;
    });
  const narrow = pass(false);
  if (!vocab.hasTaxonomy || narrow.some((m) => !isPlace(spanKey(keys, m.from, m.to - m.from)))) return narrow;
  // A place stands for what is used there only when only places are named (also among kinds the shop lacks).
  const table = matchSpans(toks.length, skip, (i, n) => {
    if (n > 1 && !SYN_FIRST_WORDS.has(keys[i] as string)) return [];
    const key = spanKey(keys, i, n);
    return !SYN.has(key) || (n === 1 && (GENERIC.has(key) || !namesKindAt(toks, i))) ? [] : [key];
  });
  return table.length > 0 && table.every((m) => isPlace(m.values[0] as string)) ? pass(true) : narrow;
}

/**
 * The singular of each token's word, kept for the last token list: an utterance's entities look its
 * categories up several times in a row over the same tokens (with and without the shop's vocabulary,
 * and again where a colour or a material may be part of a kind's name).
 */
let lastKeys: { readonly toks: readonly Token[]; readonly keys: readonly string[] } | undefined;

function wordKeys(toks: readonly Token[]): readonly string[] {
  if (lastKeys?.toks !== toks) lastKeys = { toks, keys: toks.map((t) => singular(t.w)) };
  return lastKeys.keys;
}

/** The phrase key of `n` words from word `i`. */
function spanKey(keys: readonly string[], i: number, n: number): string {
  let key = keys[i] as string;
  for (let k = i + 1; k < i + n; k++) key += ` ${keys[k] as string}`;
  return key;
}

/**
 * Longest-phrase-first matching over `count` tokens: every span of up to {@link MAX_N} tokens, longest
 * first and left to right, that `match` answers values for is taken, and its tokens are not used
 * again; `skip(i)` masks tokens. Matches come back in text order.
 */
function matchSpans(count: number, skip: ((i: number) => boolean) | undefined, match: (from: number, length: number) => string[]): VocabMatch[] {
  const used = new Array<boolean>(count).fill(false);
  const out: VocabMatch[] = [];
  for (let n = Math.min(MAX_N, count); n >= 1; n--) {
    for (let i = 0; i + n <= count; i++) {
      let free = true;
      for (let j = i; j < i + n; j++) if (used[j] || skip?.(j)) free = false;
      if (!free) continue;
      const values = match(i, n);
      if (values.length === 0) continue;
      for (let j = i; j < i + n; j++) used[j] = true;
      out.push({ values, from: i, to: i + n });
    }
  }
  return out.sort((a, b) => a.from - b.from);
}

/** Brand names that are also everyday words: they count as vendors only when capitalised in the text. */
const AMBIGUOUS_BRANDS = new Set([
  'gap', 'coach', 'converse', 'mango', 'apple', 'guess', 'vans', 'next', 'target', 'express', 'fossil', 'new', 'balance',
  'on', 'only', 'boss', 'diesel', 'champion', 'patagonia', 'columbia', 'ugg', 'crocs', 'keen', 'merrell', 'camper',
]);

/**
 * Vendors in a token list (longest first). Single-word vendors that are also everyday words must be
 * capitalised in `original` (the NFC text the folded tokens index) unless they are unambiguous brands.
 */
export function findBrands(toks: readonly Token[], vocab: CompiledVocabulary, original: string, skip?: (i: number) => boolean): VocabMatch[] {
  if (vocab.vendors.size === 0) return [];
  return matchSpans(toks.length, skip, (i, n) => {
    const ws = toks.slice(i, i + n).map((t) => t.w);
    const key = ws.join(' ');
    const vendor = vocab.vendors.get(key) ?? (n > 1 ? vocab.vendors.get(ws.join('')) : undefined);
    if (!vendor) return [];
    if (n === 1 && isEverydayWord(key)) {
      const t = toks[i] as Token;
      const first = original.slice(t.start, t.start + 1);
      if (first === first.toLowerCase()) return [];
    }
    return [vendor];
  });
}

/** An everyday (non-brand) word: ambiguous brand words, function words, category terms. */
function isEverydayWord(w: string): boolean {
  return AMBIGUOUS_BRANDS.has(w) || EVERYDAY.has(w) || SYN.has(singular(w));
}

const EVERYDAY = new Set([
  'the', 'a', 'an', 'and', 'or', 'for', 'to', 'of', 'in', 'on', 'with', 'by', 'my', 'your', 'one', 'love', 'simple', 'true',
  'pure', 'good', 'basic', 'essential', 'everyday', 'natural', 'urban', 'classic', 'modern', 'home', 'house', 'studio',
  'el', 'la', 'de', 'y', 'o', 'para', 'con', 'mi', 'amor', 'casa', 'natural', 'bueno', 'buena', 'sol', 'luna', 'mar',
]);
