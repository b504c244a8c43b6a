/**
 * Size extraction: letter sizes (XS…XXXL), "size 10", "talla 42", "talla M", "EU 42", "in a medium".
 */
import { fold } from './text.ts';

const LETTER = '(?:xxs|xs|s|m|l|xl|xxl|xxxl|[2-5]xl)';
const NUMBER = '\\d{1,2}(?:[.,]5)?';
const WORD_SIZES: Readonly<Record<string, string>> = {
  'extra small': 'XS', 'x-small': 'XS', small: 'S', medium: 'M', large: 'L', 'extra large': 'XL', 'x-large': 'XL',
  'xx-large': 'XXL', 'xx large': 'XXL', 'xxx-large': 'XXXL', 'x large': 'XL', 'x small': 'XS', 'extra extra large': 'XXL', chica: 'S', chico: 'S', pequena: 'S', pequeno: 'S', mediana: 'M', mediano: 'M', grande: 'L',
  'extra grande': 'XL', 'extra chica': 'XS', 'extra pequena': 'XS',
};
const WORDS = Object.keys(WORD_SIZES).sort((a, b) => b.length - a.length).join('|');

/** "size M", "size 10.5", "talla 42", "talla grande", "numero 38", "talle L", "EU 42", "US 9", "42 EU". */
const KEYED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:shoe\\s+)?size|sz|talla|talle|numero|calzo|n[°º]\\.?|no\\.|eu|us|uk)(?![\\p{L}])\\s*[:#]?\\s*(${LETTER}|${NUMBER}|${WORDS})(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}.,])(${NUMBER})\\s*(?:eu|us|uk)(?![\\p{L}])`,
  'gu',
);
/** "in a medium", "in XL", "en talla M" (covered above), "en M". */
const IN_SIZE = new RegExp(`(?<![\\p{L}])(?:in\\s+(?:an?\\s+)?|en\\s+(?:una?\\s+)?)(${WORDS}|${LETTER})(?=\\s*(?:$|[,.;!?]|please|por favor|size|talla|\\)))`, 'gu');
/** Upper-case letter sizes standing alone in the original text ("XL", "M", "2XL"). */
const UPPER = /(?<![\p{L}\p{N}'’])(XXS|XS|XXXL|XXL|XL|[2-5]XL|S|M|L)(?![\p{L}\p{N}'’])/gu;

function normalise(v: string): string {
  const w = WORD_SIZES[v];
  if (w) return w;
  if (/^\d/.test(v)) return v.replace(',', '.');
  return v.toUpperCase();
}

/**
 * The key a size is matched by, whichever way a shop or a shopper writes it: letter sizes in lower case
 * with their spelled-out names folded in ("Large", "L" → `l`; "X-Large", "Extra Large", "XL" → `xl`;
 * "2XL", "XX-Large" → `xxl`; "Grande" → `l`), numbers without trailing zeros ("42.0" → `42`, "10,5" → `10.5`).
 */
export function sizeKey(value: string): string {
  const t = fold(value).trim().replace(/\s+/g, ' ');
  const word = WORD_SIZES[t] ?? WORD_SIZES[t.replace(/-/g, ' ')];
  if (word) return word.toLowerCase();
  const n = /^([2-5])xl$/.exec(t);
  if (n) return `${'x'.repeat(Number(n[1]))}l`;
  const num = t.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(num) ? String(Number.parseFloat(num)) : t;
}

/** Sizes mentioned in text, normalised ("talla m" → "M", "size 10,5" → "10.5"), without repeats. */
export function extractSizes(text: string): string[] {
  const folded = fold(text);
  const out: { at: number; v: string }[] = [];
  for (const m of folded.matchAll(KEYED)) out.push({ at: m.index ?? 0, v: normalise((m[1] ?? m[2]) as string) });
  for (const m of folded.matchAll(IN_SIZE)) out.push({ at: m.index ?? 0, v: normalise(m[1] as string) });
  const nfc = text.normalize('NFC');
  for (const m of nfc.matchAll(UPPER)) {
    const v = m[1] as string;
    const at = m.index ?? 0;
    // A lone "S"/"M"/"L" is not a size as an initial ("M. Smith") or at the start of a sentence, unless a list follows ("S or M").
    const after = nfc.slice(at + 1);
    if (v.length === 1 && (/^[.]/.test(after) || (at === 0 && !/^\s*(?:$|[,/]|or\b|o\b|y\b|and\b)/i.test(after)))) continue;
    out.push({ at, v });
  }
  out.sort((a, b) => a.at - b.at);
  return [...new Set(out.map((o) => o.v))];
}
