/**
 * Typing mistakes in the words the entity rules read: "jaket", "neckalce", "braclet", "goldd",
 * "husbnd", "brazalte" are read as jacket, necklace, bracelet, gold, husband, brazalete. A shopper's
 * chat is typed fast, and a kind, colour or person misspelt is otherwise read as nothing: the answer
 * is the shop's best-sellers, called satisfied.
 *
 * A word is corrected only when it is no word of English or Spanish (`isWord`, a dictionary the
 * caller gives: adapters/intent/wordList.ts) and one typing slip away from exactly one word the rules
 * know (the kinds of the synonym table, colours, materials, properties, recipients and occasions, five letters or
 * more; of four, only a last letter doubled or two swapped after the first: "goldd", "wfie"): a letter left out ("jaket"), one too many
 * ("neckklace"), or two letters swapped ("neckalce"). A letter typed for another is a slip too in
 * words of seven letters or more ("bracelwt"); in shorter ones it makes other words too often. A
 * word written as it sounds in Spanish is read as the one word that sounds so ("chaketa", "sapatos":
 * `soundKey`). A real
 * word is never changed ("coast" is no "coats", "brings" no "rings"), but for the few misspellings that
 * are dictionary words too ("earings"); nor a word with digits, nor one of three letters or fewer.
 * Pure, given `isWord`.
 */
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import { COLOURS } from './colours.ts';
import { MATERIALS } from './materials.ts';
import { GIFT_WORDS } from './gift.ts';
import { PROPERTY_WORDS } from './properties.ts';
import { fold } from './text.ts';
import type { CatalogVocabulary } from './types.ts';

/** Shortest word of the rules a typo is read as. */
const MIN_TARGET = 5;
/** Shortest word a letter typed for another is corrected in. */
const MIN_SUBSTITUTED = 7;

/** The words the rules know, folded: kinds, colours, materials, properties, recipients and occasions. */
const KNOWN: readonly string[] = [
  ...CATEGORY_SYNONYMS.flatMap((g) => [...g.en, ...g.es]),
  ...Object.values(COLOURS).flatMap((c) => [...c.en, ...c.es]),
  ...Object.values(MATERIALS).flatMap((m) => m.forms),
  ...PROPERTY_WORDS,
  ...GIFT_WORDS,
].map((w) => fold(w));

const isLetters = (w: string): boolean => /^\p{L}+$/u.test(w);

/** The words a slip is read as, each word of a name of several ("watering" of "watering can"). */
const TARGETS: ReadonlySet<string> = new Set(KNOWN.flatMap((w) => w.split(/[\s-]+/)).filter((w) => w.length >= MIN_TARGET && isLetters(w)));

/** Longest word a slip is read from: a target with one letter too many (longer words are no slip, and are not scanned). */
const MAX_SLIPPED = Math.max(...[...TARGETS].map((t) => t.length)) + 1;

/** Four-letter words the rules know: only a doubled last letter or two letters swapped after the first are read as a slip of one ("goldd", "wfie"). */
const SHORT_TARGETS: ReadonlySet<string> = new Set(KNOWN.filter((w) => w.length === 4 && isLetters(w)));

/** Misspellings that are words of a dictionary too, and that shoppers mean as the kind ("earings": an earing is a rope). */
const KNOWN_SLIPS: ReadonlyMap<string, string> = new Map([
  ['earings', 'earrings'],
  ['earing', 'earring'],
  ['jewelery', 'jewelry'],
]);

/** Each way of leaving one letter out of `w`. */
function deletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** Target words by each of their one-letter-shorter forms ("jaket" → jacket). */
const BY_DELETION: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const t of TARGETS) for (const d of new Set(deletions(t))) (m.get(d) ?? m.set(d, []).get(d) as string[]).push(t);
  return m;
})();

/**
 * How a Spanish word sounds, spelled one way: "chaketa" and "chaqueta", "sapatos" and "zapatos",
 * "vufanda" and "bufanda", "kamiseta" and "camiseta" sound alike. Shoppers who write as they speak swap
 * these letters (k/qu/c, s/z/c, b/v, y/ll, a silent h), which the one-slip rules miss when the sound
 * is written with a different number of letters ("qu" as "k").
 */
function soundKey(w: string): string {
  return w
    .replace(/ch/g, '#')
    .replace(/h/g, '')
    .replace(/qu(?=[ei])/g, 'k')
    .replace(/gu(?=[ei])/g, 'g')
    .replace(/c(?=[ei])/g, 's')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/v/g, 'b')
    .replace(/ll/g, 'y')
    .replace(/(.)\1+/g, '$1')
    .replace(/#/g, 'ch');
}

/** Target words by how they sound ({@link soundKey}); a sound several targets share names none. */
const BY_SOUND: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const t of TARGETS) (m.get(soundKey(t)) ?? m.set(soundKey(t), []).get(soundKey(t)) as string[]).push(t);
  return m;
})();

/** The one known word `w` is a slip of, or undefined (none, or several). `w` is folded. */
export function slipOf(w: string, isWord: (w: string) => boolean): string | undefined {
  const known = KNOWN_SLIPS.get(w);
  if (known !== undefined) return known;
  if (w.length < 4 || w.length > MAX_SLIPPED || TARGETS.has(w) || !isLetters(w)) return undefined;
  const found = new Set<string>();
  // A key held down on a short word: "goldd".
  if (w.length === 5 && w[4] === w[3] && SHORT_TARGETS.has(w.slice(0, 4))) found.add(w.slice(0, 4));
  // A letter left out: "jaket" (not the first: "oster" is a brand, not a poster).
  for (const t of BY_DELETION.get(w) ?? []) if (t[0] === w[0]) found.add(t);
  const dels = deletions(w);
  // One too many: "neckklace" (not before the word: "iphone" is no phone).
  dels.forEach((d, i) => {
    if (i > 0 && TARGETS.has(d)) found.add(d);
  });
  // Two letters swapped: "neckalce", "wfie" (after the first, in a four-letter word).
  for (let i = 0; i + 1 < w.length; i++) {
    const swapped = w.slice(0, i) + (w[i + 1] as string) + (w[i] as string) + w.slice(i + 2);
    if (swapped !== w && (TARGETS.has(swapped) || (i > 0 && SHORT_TARGETS.has(swapped)))) found.add(swapped);
  }
  // One typed for another, in a long word: "bracelwt".
  if (found.size === 0 && w.length >= MIN_SUBSTITUTED) {
    dels.forEach((d, i) => {
      for (const t of BY_DELETION.get(d) ?? []) if (t.length === w.length && t.slice(0, i) === w.slice(0, i)) found.add(t);
    });
  }
  // Written as it sounds: "chaketa", "sapatos" (the first letter may differ: "kamiseta"). Most words are
  // a slip of nothing and of no sound either: the dictionary first, so that they are not spelled out.
  if (found.size === 0) {
    if (w.length < MIN_TARGET || isWord(w)) return undefined;
    const sounds = BY_SOUND.get(soundKey(w)) ?? [];
    return sounds.length === 1 ? sounds[0] : undefined;
  }
  // The dictionary last: most words are a slip of nothing, and need no look-up.
  return found.size === 1 && !isWord(w) ? [...found][0] : undefined;
}

/** Words of Latin American talk that no dictionary has and that are one slip from a kind ("compa" is a friend, no chompa). */
const SPOKEN: ReadonlySet<string> = new Set(['compa', 'compas', 'parce', 'parcero', 'polola', 'pololo', 'pololos', 'lucas', 'chamba', 'chela', 'chelas', 'morra', 'morro', 'guagua', 'chido', 'chida', 'bacano', 'chevere', 'wey', 'guey']);

/**
 * The text with each slip replaced by the word it is of ({@link slipOf}), in lower case; everything
 * else as written. `isWord` answers for folded words. A word written with a capital inside it or
 * after the start of a sentence is a name ("iPhone", "Oster", "American"), never corrected, nor a
 * word `known` has (the shop's own words: its vendors, types and tags).
 */
export function correctTypos(text: string, isWord: (w: string) => boolean, known?: (w: string) => boolean): string {
  return text.replace(/[\p{L}\p{M}]+/gu, (word, at: number) => {
    if (/\p{Lu}/u.test(word.slice(1)) || (/^\p{Lu}/u.test(word) && !/(?:^|[.!?¿¡]\s*|\n\s*)$/u.test(text.slice(Math.max(0, at - 3), at)))) return word;
    const w = fold(word);
    if (SPOKEN.has(w) || known?.(w)) return word;
    return slipOf(w, isWord) ?? word;
  });
}

const shopWordSets = new WeakMap<CatalogVocabulary, ReadonlySet<string>>();

/** Whether a folded word is one of the shop's own (its vendors, types and tags, each word), kept per vocabulary object. */
export function shopWords(vocabulary: CatalogVocabulary): (w: string) => boolean {
  let set = shopWordSets.get(vocabulary);
  if (set === undefined) {
    set = new Set([...vocabulary.vendors, ...vocabulary.categories, ...(vocabulary.tags ?? [])].flatMap((v) => fold(v).split(/[^\p{L}]+/u)).filter((w) => w !== ''));
    shopWordSets.set(vocabulary, set);
  }
  const words = set;
  return (w) => words.has(w);
}
