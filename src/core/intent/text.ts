/**
 * Text normalisation shared by language detection, entity rules and the classifier features.
 */
import { recentMemo, RECENT_MESSAGES } from '../boundedMemo.ts';

/**
 * Invisible format characters dropped from a shopper's text: zero-width space, non-joiner and joiner
 * (U+200B–U+200D), the word joiner and invisible operators (U+2060–U+2064), the byte-order mark /
 * zero-width no-break space (U+FEFF), the soft hyphen (U+00AD), directional marks and embeddings
 * (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) and the Mongolian vowel separator (U+180E).
 */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * Characters NFKC would rewrite into other words, kept as they are: Spanish ordinal indicators ("1º",
 * "nº 5": NFKC makes "nº" the word "no", a negation) and the trade marks ("Nike™" would become one word
 * "NikeTM").
 */
const KEEP_AS_IS = /^[\u00aa\u00ba\u2122\u2120]$/u;
/** Non-ASCII characters, each read through {@link compatChar}. */
const NON_ASCII = /[^\u0000-\u007f]/u;
const NON_ASCII_ALL = /[^\u0000-\u007f]/gu;
const compatCache = new Map<string, string>();

/**
 * One character in its NFKC form, unless that form is other words ({@link KEEP_AS_IS}) or a space or
 * combining mark beside something else: a spacing accent ("´" is NFKC " ́"; as an apostrophe it is read
 * as one: "ISN´T").
 */
function compatChar(c: string): string {
  let f = compatCache.get(c);
  if (f === undefined) {
    const n = c.normalize('NFKC');
    f = KEEP_AS_IS.test(c) || (n.length > 1 && /[\s\p{M}]/u.test(n)) ? c : n;
    if (compatCache.size < 4096) compatCache.set(c, f);
  }
  return f;
}

/**
 * A shopper's text as the intent and entity rules read it: compatibility forms unified (NFKC, character by
 * character: full-width "ｓｉｌｖｅｒ" and styled "𝐬𝐢𝐥𝐯𝐞𝐫" are "silver", the ideographic and no-break spaces
 * are spaces, "ﬁ" is "fi"; but see {@link compatChar}), invisible format characters dropped
 * ({@link INVISIBLE}: "sil\u200bver" is "silver"), then NFC. Applied once where a message is first read
 * (the classifier, the entity rules, the recommender's request); idempotent, and a text of ASCII only is
 * returned as it is.
 */
export function readableText(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.replace(INVISIBLE, '').replace(NON_ASCII_ALL, compatChar).normalize('NFC');
}

const foldCache = new Map<string, string>();

function foldChar(c: string): string {
  let f = foldCache.get(c);
  if (f === undefined) {
    f = c.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    if (/[\u2018\u2019\u02bc`´]/.test(c)) f = "'";
    else if (/[\u2010-\u2015]/.test(c)) f = '-';
    if (f.length !== 1) f = c.length === 1 ? c : ' ';
    if (foldCache.size < 4096) foldCache.set(c, f);
  }
  return f;
}

/**
 * Lower-case, strip diacritics (á→a, ñ→n, ü→u) and unify apostrophes/dashes, keeping punctuation.
 * Applied to NFC text it preserves length, so spans found in the folded text index the NFC original.
 */
export function fold(text: string): string {
  const nfc = text.normalize('NFC');
  // Text already folded (lower-case ASCII) is returned as it is; otherwise from the first character that changes.
  let start = 0;
  while (start < nfc.length) {
    const code = nfc.charCodeAt(start);
    if ((code >= 0x41 && code <= 0x5a) || code >= 0x80) break;
    start++;
  }
  if (start === nfc.length) return nfc;
  let out = nfc.slice(0, start);
  for (let i = start; i < nfc.length; i++) {
    const c = nfc[i] as string;
    const code = c.charCodeAt(0);
    out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : code < 0x80 ? c : foldChar(c);
  }
  return out;
}

/** Expands English contractions (don't → do not, I'm → i am) in folded text (a message's last answers kept: several rules read it). */
export const expandContractions: (folded: string) => string = recentMemo(expandedNow, RECENT_MESSAGES);

function expandedNow(folded: string): string {
  return folded
    .replace(/\bcan'?t\b/g, 'can not')
    .replace(/\bwon'?t\b/g, 'will not')
    .replace(/\b(\w+)n't\b/g, '$1 not')
    .replace(/\b(i)'m\b/g, '$1 am')
    .replace(/\b(\w+)'re\b/g, '$1 are')
    .replace(/\b(\w+)'ll\b/g, '$1 will')
    .replace(/\b(\w+)'ve\b/g, '$1 have')
    .replace(/\b(i|you|we|they|he|she)'d\b/g, '$1 would')
    .replace(/\b(it|that|what|there|here|who|where|how|this)'s\b/g, '$1 is')
    .replace(/\b(dont|doesnt|didnt|isnt|arent|wasnt|havent|wouldnt|shouldnt|cant|wont)\b/g, (m) =>
      m === 'cant' ? 'can not' : m === 'wont' ? 'will not' : `${m.slice(0, -2)} not`,
    )
    .replace(/\bim\b/g, 'i am')
    .replace(/\bgonna\b/g, 'going to')
    .replace(/\bwanna\b/g, 'want to');
}

/** Word tokens of folded text: letters/digits runs, keeping `$`, `€`, `£`, `¥` and `%` as their own tokens. */
export function words(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+(?:['.,][\p{L}\p{N}]+)*|[$€£¥%]/gu) ?? [];
}

/** The maximal runs of letters in a text (a message's last answers kept: several rules read them). */
const letterRuns: (text: string) => ReadonlySet<string> = recentMemo((text) => new Set(text.match(/\p{L}+/gu)), RECENT_MESSAGES);

/**
 * A quick test of whether a text may hold one of `phrases` where a pattern of the shape
 * `(?<![\p{L}])(phrase|phrase|…)(?![\p{L}])` finds them: no letter before or after, the phrases'
 * characters as they are (a space may stand for any run of white space). Every run of letters of a
 * phrase found so is then a whole run of letters of the text, so when the text lacks one of them, the
 * pattern finds nothing there and need not scan the text. The run tested for each phrase is its
 * longest word outside {@link EVERYDAY_WORDS} ("i do not want any": "not"), which few messages hold.
 */
export function mayHoldPhrase(phrases: Iterable<string>): (text: string) => boolean {
  // A word outside EVERYDAY_WORDS before any in it, then the longer.
  const rarity = (w: string): number => (EVERYDAY_WORDS.has(w) ? 0 : 1_000) + w.length;
  const needed = new Set<string>();
  for (const phrase of phrases) {
    const runs = phrase.match(/\p{L}+/gu) ?? [];
    if (runs.length === 0) return () => true;
    needed.add(runs.reduce((best, run) => (rarity(run) > rarity(best) ? run : best)));
  }
  return (text) => {
    for (const run of letterRuns(text)) if (needed.has(run)) return true;
    return false;
  };
}

/** Words most shoppers' messages hold, which {@link mayHoldPhrase} tests for only when a phrase has no other. */
const EVERYDAY_WORDS: ReadonlySet<string> = new Set([
  'i', 'a', 'an', 'the', 'to', 'of', 'in', 'on', 'for', 'with', 'is', 'are', 'do', 'does', 'it', 'my', 'me', 'want', 'need', 'like', 'any',
  'something', 'anything', 'que', 'el', 'la', 'los', 'las', 'de', 'del', 'en', 'un', 'una', 'le', 'y', 'o', 'con', 'para',
]);

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * English/Spanish singular of a folded word for matching ("dresses" → "dress", "botas" → "bota",
 * "camisetas" → "camiseta", "accessories" → "accessory", "pantalones" → "pantalon"). Deliberately
 * conservative: short words and words ending in -ss/-us/-is are left alone.
 */
export function singular(w: string): string {
  if (w.length <= 3 || !w.endsWith('s') || /(ss|us|is|ous)$/.test(w) || /^\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(sses|xes|zes|ches|shes)$/.test(w)) return w.slice(0, -2);
  // Spanish -ones/-ales/-eres/-ores/-ines (pantalones → pantalon, collares → collar).
  if (/[^aeiou](on|al|ar|er|or|in|el|ul|il)es$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

/** A word token with its span in the folded text. */
export interface Token {
  /** Folded word. */
  readonly w: string;
  readonly start: number;
  readonly end: number;
}

/** Word tokens (letters/digits, inner apostrophes, dots and commas kept) with spans; possessive "'s" dropped. */
export function tokens(folded: string): Token[] {
  const out: Token[] = [];
  for (const m of folded.matchAll(/[\p{L}\p{N}]+(?:['.,-][\p{L}\p{N}]+)*/gu)) {
    let w = m[0];
    if (w.endsWith("'s")) w = w.slice(0, -2);
    out.push({ w, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}
