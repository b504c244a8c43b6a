/**
 * Size extraction: letter sizes (XS…XXXL), "size 10", "talla 42", "talla M", "EU 42", "in a medium",
 * "en tamaño grande", Mexican letters after a size word ("talla CH", "talla EG"), a person's size ("he's
 * a medium", "she wears a small"), and one size ("one size", "talla única").
 */
import { fold } from './text.ts';
import { boundedMemo } from '../boundedMemo.ts';

const LETTER = '(?:xxs|xs|s|m|l|xl|xxl|xxxl|[2-5]xl)';
/**
 * Letters read only after a size word ("talla G", "size 2X"): Mexican chico / grande / extra grande
 * (CH, G, EG…) and US plus sizes (1X…4X). Alone they are too often something else ("CH", "G", "2x").
 */
const KEYED_LETTER = '(?:xch|ech|ch|eg|xg|eeg|xxg|g|[1-4]x)';
const NUMBER = '\\d{1,2}(?:[.,]5|\\s+1/2|½)?';
const WORD_SIZES: Readonly<Record<string, string>> = {
  'extra small': 'XS', 'x-small': 'XS', small: 'S', medium: 'M', large: 'L', 'extra large': 'XL', 'x-large': 'XL',
  'xx-large': 'XXL', 'xx large': 'XXL', 'xxx-large': 'XXXL', 'x large': 'XL', 'x small': 'XS', 'extra extra large': 'XXL', chica: 'S', chico: 'S', pequena: 'S', pequeno: 'S', mediana: 'M', mediano: 'M', grande: 'L',
  'extra grande': 'XL', 'extra chica': 'XS', 'extra pequena': 'XS',
  xsmall: 'XS', xxsmall: 'XXS', 'xx-small': 'XXS', 'xx small': 'XXS', xlarge: 'XL', xxlarge: 'XXL', xxxlarge: 'XXXL', 'xxx large': 'XXXL',
  extragrande: 'XL', 'extra chico': 'XS', 'doble extra grande': 'XXL',
};
const WORDS = Object.keys(WORD_SIZES).sort((a, b) => b.length - a.length).join('|');

/** The words that say a letter size ("L": large, grande), folded. */
export function sizeWordsOf(size: string): string[] {
  return Object.keys(WORD_SIZES).filter((w) => WORD_SIZES[w] === size);
}

/**
 * Mexican size letters (chico, mediano, grande, extra grande) and US plus sizes, as the letter size
 * they are: CH → S, G → L, EG → XL, 2X → XXL.
 */
const KEYED_LETTERS: Readonly<Record<string, string>> = {
  xch: 'XS', ech: 'XS', ch: 'S', g: 'L', eg: 'XL', xg: 'XL', eeg: 'XXL', xxg: 'XXL', '1x': 'XL', '2x': 'XXL', '3x': 'XXXL', '4x': 'XXXXL',
};

/**
 * "size M", "size 10.5", "talla 42", "talla grande", "talla CH", "numero 38", "talle L", "EU 42", "US 9",
 * "42 EU", "sizes 8", "tallas 38" (not "size 6 months", a baby's: {@link CODED_SIZE}). Groups: 1 the keyword, 2
 * its size; 3 a number, 4 the system after it.
 */
const KEYED = new RegExp(
  `(?<![\\p{L}\\p{N}])((?:shoe\\s+)?sizes?|sz|tallas?|talles?|numeros?|calzo|n[°º]\\.?|no\\.|eu|us|uk)(?![\\p{L}])\\s*[:#]?\\s*(${LETTER}|${KEYED_LETTER}|${NUMBER}|${WORDS})(?![\\p{L}\\p{N}])(?!\\s*(?:months?|mes|meses)(?![\\p{L}]))|(?<![\\p{L}\\p{N}.,])(${NUMBER})\\s*(eu|us|uk)(?![\\p{L}])(?!\\s*(?:dollars?|pounds?|euros?|cents?|pence|\\$|£|€))`,
  'gu',
);

/**
 * The numbers each measuring system has (shoe and clothing sizes, kids' to plus): "US 9", "UK 12",
 * "EU 42" are sizes, "90 US" (a price in US dollars) or "EU 120" are not.
 */
const SYSTEM_RANGE: Readonly<Record<string, readonly [number, number]>> = { us: [0, 32], uk: [0, 32], eu: [15, 62] };

/**
 * Money said right before a number ("for 90 US", "under 50 UK", "$90 US", "por 90 US", "hasta 40 EU"):
 * the number is an amount and the system after it a currency's country, not a size.
 */
const MONEY_BEFORE =
  /(?:(?<![\p{L}])(?:for|under|below|over|above|around|about|less than|more than|up to|max|at most|budget(?: of| is)?|spend|pay|costs?|priced at|por|menos de|mas de|hasta|unos|unas|cuesta|cuestan|pagar|gastar|precio(?: de)?|presupuesto(?: de)?)|[$€£])\s*$/u;

/**
 * A second size the shopper also accepts, right after one: "EU 42 or 43", "size 8 or 9", "talla M o L",
 * "42/43", "size 8, 9 or 10", "sizes 8 and 9", and ranges "size 8 to 9", "talla 38 a 40", "38-40".
 * Groups: 1 the word between, 2 the size.
 */
const ALTERNATIVE = new RegExp(
  `^\\s*(or|o|u|/|,|and|y|to|a|al|hasta|-)\\s*(?:(?:an?|una?)\\s+)?(?:(?:size|talla|eu|us|uk)\\s*)?(${LETTER}|${KEYED_LETTER}|${NUMBER}|${WORDS})(?![\\p{L}\\p{N}])(?!\\s*(?:dollars?|pounds?|euros?|pesos?|bucks|cents?|pence|years?|anos|months?|meses|cm|mm|in\\b|inch|pulgadas?|pairs?|pares|pieces?|piezas?|%|\\$|£|€))`,
  'u',
);
/** The same, before a number whose system follows it: "42 or 43 EU", "8/9 UK". Groups: 1 the size, 2 the word between. */
const ALTERNATIVE_BEFORE = new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUMBER})\\s*(or|o|u|/|to|a|-)\\s*$`, 'u');
/** Words between two numbers that make them the ends of a range of sizes. */
const RANGE_WORDS = new Set(['to', 'a', 'al', 'hasta', '-']);
/** Words between two letter sizes that offer both ("M or L", "S/M"): never a range ("talla M a buen precio"). */
const LETTER_OR = new Set(['or', 'o', 'u', '/', ',']);
/** How far apart two numbers may be to be sizes one shopper accepts ("8 or 9", "38 a 42"; not "size 9 or 20"). */
const MAX_SPAN = 6;

/** Whether a number is a size of the system `system` (eu / us / uk; any other keyword: any number). */
function inRange(system: string, n: number): boolean {
  const r = SYSTEM_RANGE[system];
  return r === undefined || (n >= r[0] && n <= r[1]);
}

/**
 * The sizes from `a` to `b` (normalised numbers) a range asks for, in the steps sizes come in: half
 * sizes between shoe sizes up to 16 ("8 to 9": 8, 8.5, 9), whole numbers above ("38 a 40": 38, 39, 40).
 */
function sizesBetween(a: string, b: string): string[] {
  const lo = Number.parseFloat(a);
  const hi = Number.parseFloat(b);
  const step = hi <= 16 && hi - lo <= 2 ? 0.5 : 1;
  const out: string[] = [];
  for (let n = lo; n <= hi + 1e-9; n += step) out.push(String(n));
  if (!out.includes(String(hi))) out.push(String(hi));
  return out;
}

/**
 * The sizes said together with `first` (normalised, in system `system`) from `rest` on: each next one
 * joined by "or" / "/" / "," / "and", or the end of a range ("to", "a", "-"). Numbers follow numbers
 * (within {@link MAX_SPAN} and the system's range), letters follow letters.
 */
function alternatives(first: string, system: string, rest: string): string[] {
  const out: string[] = [];
  let prev = first;
  let at = 0;
  for (;;) {
    const m = ALTERNATIVE.exec(rest.slice(at));
    if (!m) break;
    const word = m[1] as string;
    const v = normalise(m[2] as string);
    const numeric = /^\d/.test(v);
    if (numeric !== /^\d/.test(prev)) break;
    if (numeric) {
      const a = Number.parseFloat(prev);
      const b = Number.parseFloat(v);
      if (Math.abs(b - a) > MAX_SPAN || b === a || !inRange(system, b)) break;
      // A list ("8, 9", "8 and 9") holds neighbours only: "size 8, 3 colours" is one size.
      if ((word === 'and' || word === 'y' || word === ',') && Math.abs(b - a) > 2) break;
      if (RANGE_WORDS.has(word)) {
        if (b < a) break;
        out.push(...sizesBetween(prev, v));
      } else out.push(v);
    } else {
      if (!LETTER_OR.has(word) && word !== 'and' && word !== 'y') break;
      out.push(v);
    }
    prev = v;
    at += m[0].length;
  }
  return out;
}
/** The US system's letters, which are also the pronoun "us", as the match starts. */
const US_START = /^us/;
/** A size word right before a system ("size US 9", "talla EU 42"). */
const SIZE_WORD_BEFORE = /(?:size|sz|talla|talle|numero|calzo)\s*[:#]?\s*$/;
/** "in a medium", "in XL", "en talla M" (covered above), "en M". */
const IN_SIZE_END = '\\s*(?:$|[,.;!?]|please|por favor|size|talla|\\))|\\s+(?:for|para)\\s+(?:my|his|her|our|your|the|mi|mis|su|sus|tu|tus|el|la|los|las|un|una|him|me|mí|mi)(?![\\p{L}])';
const IN_SIZE = new RegExp(
  `(?<![\\p{L}])(?:in\\s+(?:an?\\s+)?|en\\s+(?:una?\\s+)?)(${WORDS}|${LETTER})(?=${IN_SIZE_END}|\\s+(?:or|o|u)\\s+(?:(?:an?|una?)\\s+)?(?:${WORDS}|${LETTER})${IN_SIZE_END})`,
  'gu',
);
/**
 * A size asked after, alone ("what about large?", "how about a medium?", "¿y la L?", "¿y en grande?",
 * "¿qué tal una M?"): the turn names nothing but the size. Group 1: the size.
 */
const ASKED_AFTER = new RegExp(
  `^\\s*(?:[¿]\\s*)?(?:ok\\s+|okay\\s+|hmm\\s+)?(?:what\\s+about|how\\s+about|and|y|que\\s+tal)\\s+(?:(?:in\\s+)?(?:an?|the|size)\\s+|(?:en\\s+)?(?:una?|la|el|talla|talle)\\s+)?(${WORDS}|${LETTER})\\s*[?.!]*\\s*$`,
  'u',
);

/**
 * A person said to be a size, or to wear or take one: "he's a medium", "I'm a large", "she is an XS",
 * "he wears a large", "she usually takes a small", "my son's a medium in shirts". The size ends its
 * phrase, as with "in a medium" ("she's a small woman", "I'm a large family" say no size); "it's a
 * small" (the product's size) is left out, as the shopper's own size is what is meant. Group 1: the size.
 */
const PERSON_SIZE = new RegExp(
  `(?<![\\p{L}])(?:i'?m|i\\s+am|hes|shes|(?:he|she|they|we|you|son|daughter|husband|wife|boyfriend|girlfriend|partner|mom|mum|dad|brother|sister)(?:'s|'re|\\s+is|\\s+are)|(?:wears?|wearing|takes?|needs?|wants?|fits?\\s+(?:in(?:to)?\\s+)?)|(?:am|is|are)\\s+(?:usually|normally|always|typically)|(?:usually|normally|always|typically)\\s+(?:wears?|takes?|a))\\s+(?:(?:usually|normally|always|typically|generally)\\s+)?(?:(?:an?|size)\\s+)?(${WORDS}|${LETTER})(?=${IN_SIZE_END}|\\s+(?:in|for|or|and|on)(?![\\p{L}]))`,
  'gu',
);

/**
 * A bare number after "in" / "en", as a shopper asks for a size without naming it ("do you have these
 * in 42/43?", "¿lo tienes en 42?", "in a 9.5", "en un 40 o 41", Spain's "en el 42", "en la 40",
 * "zapatillas del 42"). Group 1: the number. A number right before the "in" ("2 in 1", "3 en 1")
 * makes it a product's kind, not a size.
 */
const IN_NUMBER = new RegExp(`(?<![\\p{L}\\p{N}])(?<!\\d[\\s-]*)(?:(?:in|en)\\s+(?:(?:an?|una?|el|la|los|las)\\s+)?|del\\s+)(${NUMBER})(?![\\p{L}\\p{N}]|[.,]\\d)`, 'gu');
/** More numbers said with it ("42/43", "8 or 9", "38 a 40"), read by {@link alternatives}; skipped over to find what follows. */
const MORE_NUMBERS = new RegExp(`^(?:\\s*(?:or|o|u|/|,|and|y|to|a|al|-)\\s*(?:(?:an?|una?)\\s+)?${NUMBER}(?![\\p{L}\\p{N}]|[.,]\\d))*`, 'u');
/**
 * What may follow a bare size: the end of the phrase, politeness, "too", a size word, "for" / "para" +
 * a person, "and" / "y" + another phrase ("los blancos en 25 y los negros en 27"). Anything else makes
 * the number a count, a duration or money ("in 2 days", "in 42 colours", "en 3 cuotas", "in 10 minutes",
 * "in 20%").
 */
const AFTER_BARE_SIZE =
  /^\s*(?:$|[.;!?)]|,(?!\s*\d)|(?:please|pls|plz|thanks|thank you|thx|por favor|porfa|gracias|too|also|as well|tambien|size|talla|wide|ancho|for|para|and|y|or|o)(?![\p{L}\p{N}])(?!\s*[\d$€£]))/u;
/**
 * Words before the "in" / "en" that make the number a duration, a date or a number of payments ("will it
 * arrive in 2?", "pay in 12", "se puede pagar en 6?", "llega en 3?", "mine broke in 2"), in the last four
 * words up to a punctuation mark.
 */
const DURATION_BEFORE =
  /^(?:pay|pays|paid|paying|split|financ\w*|instal\w*|deliver\w*|arriv\w*|ship|ships|shipped|shipping|dispatch\w*|ready|due|expir\w*|died|dies|broke|broken|breaks|lasted|lasts|failed|pag\w*|abon\w*|cuotas?|plazos?|llega\w*|entreg\w*|envi\w*|despach\w*|list[oa]s?|vence\w*|romp\w*|roto|rota|dur[oó]|murio)$/;
/** Units of time anywhere in the clause before it, which make a bare number one more ("lasted 15 years while mine died in 2"). */
const TIME_UNIT = /^(?:years?|months?|weeks?|days?|hours?|minutes?|mins?|anos?|meses|mes|semanas?|dias?|horas?|minutos?)$/;
/** The largest bare number read as a size: EU shoes reach 50, EU suits 62. */
const MAX_BARE_SIZE = 62;

/** Whether the bare number after "in" / "en" at `at` (folded text, `end`: after the number) is a size (see {@link IN_NUMBER}). */
function bareSizeAt(folded: string, at: number, end: number, n: number): boolean {
  if (n > MAX_BARE_SIZE) return false;
  const more = MORE_NUMBERS.exec(folded.slice(end));
  if (!AFTER_BARE_SIZE.test(folded.slice(end + (more?.[0].length ?? 0)))) return false;
  const clause = folded.slice(0, at).split(/[.,;:!?¿¡\n]/).at(-1) ?? '';
  const words = clause.match(/[\p{L}]+/gu) ?? [];
  return !words.slice(-4).some((w) => DURATION_BEFORE.test(w)) && !words.some((w) => TIME_UNIT.test(w));
}

/**
 * "tamaño grande", "en tamaño mediano", "de tamaño chico", "tamaño XL": "tamaño" (size, of a thing more
 * than of clothes) before a size word or letter. Never before a number, which is a measure there
 * ("tamaño 30 x 40", "tamaño 20 cm"); "tamaño único" is one size (above).
 */
const TAMANO = new RegExp(`(?<![\\p{L}\\p{N}])tamanos?\\s*:?\\s*(${WORDS}|${LETTER})(?![\\p{L}\\p{N}])`, 'gu');

/**
 * Upper-case letter sizes standing alone in the original text ("XL", "M", "2XL"); not Peru's sol sign
 * before an amount ("S/ 250", "S/.300"), which budget.ts reads.
 */
const UPPER = /(?<![\p{L}\p{N}'’])(XXS|XS|XXXL|XXL|XL|[2-5]XL|S(?!\/\.?\s*\d)|M|L)(?![\p{L}\p{N}'’])/gu;

/** Words that name a letter as a letter, right before it ("the initial M", "la letra L", "inicial M"). */
const LETTER_NAMED = /(?<![\p{L}])(?:initial|initials|letter|letters|inicial|iniciales|letra|letras|monogram|monograma)\s+$/u;

/** How a size is shown when the product has one size only. */
export const ONE_SIZE = 'One Size';

/**
 * One size, said by a shopper or written as an option value: "one size (fits all)", "OSFA", "talla
 * única", "unitalla", "talle único", "tamaño único", "talla universal", "free size". Not "one size
 * up / bigger / too small" (a size relative to another).
 */
const ONE_SIZE_WORDS = 'one[\\s-]?size(?:[\\s-]fits[\\s-](?:all|most))?|osfa|unitalla|talla\\s+unica|talle\\s+unico|tamano\\s+unico|talla\\s+universal|free\\s+size';
const ONE_SIZE_TEXT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ONE_SIZE_WORDS})(?![\\p{L}\\p{N}])(?!\\s+(?:up|down|bigger|smaller|larger|more|less|too|higher|lower|mayor|menor|mas|menos|arriba|abajo))`,
  'gu',
);
/** Option values that mean one size: the words above, and "OS", "O/S", "Única", "U". */
const ONE_SIZE_VALUE = new RegExp(`^(?:${ONE_SIZE_WORDS}|os|o/s|one|unica|unico|universal|u)$`, 'u');

function normalise(v: string): string {
  const w = WORD_SIZES[v] ?? KEYED_LETTERS[v];
  if (w) return w;
  if (/^\d/.test(v)) return v.replace(',', '.').replace(/\s+1\/2|½/, '.5');
  return v.toUpperCase();
}

/** A measuring system or size word written before or after the size ("EU 42", "42 EU", "Size 8", "Talla 38"). */
const SYSTEM = '(?:eu|eur|us|uk|mx|size|sz|talla|talle|numero|no\\.?)';
const SYSTEM_BEFORE = new RegExp(`^${SYSTEM}(?![\\p{L}])\\s*[:#.]?\\s*(?=[\\p{L}\\p{N}])`, 'u');
const SYSTEM_AFTER = new RegExp(`(?<=\\d)\\s*${SYSTEM}$`, 'u');

/**
 * The key a size is matched by, whichever way a shop or a shopper writes it: letter sizes in lower case
 * with their spelled-out names folded in ("Large", "L" → `l`; "X-Large", "XLarge", "Extra Large", "XL",
 * "1X", "EG" → `xl`; "2XL", "XX-Large", "2X" → `xxl`; "Grande", "G" → `l`; "CH", "Chico" → `s`),
 * numbers without trailing zeros or the system they are in ("42.0", "EU 42", "42 EU", "Talla 42" → `42`;
 * "10,5", "10 1/2" → `10.5`), and one size ("One Size", "OS", "Talla Única" → `one size`).
 */
export function sizeKey(value: string): string {
  let t = fold(value).trim().replace(/\s+/g, ' ');
  if (ONE_SIZE_VALUE.test(t)) return ONE_SIZE.toLowerCase();
  const coded = codedSizeKey(t);
  if (coded !== undefined) return coded;
  const jeans = waistLengthKey(t);
  if (jeans !== undefined) return jeans;
  t = t.replace(SYSTEM_BEFORE, '').replace(SYSTEM_AFTER, '');
  const word = WORD_SIZES[t] ?? WORD_SIZES[t.replace(/-/g, ' ')] ?? KEYED_LETTERS[t];
  if (word) t = word.toLowerCase();
  const n = /^([2-5])xl$/.exec(t);
  if (n) return `${'x'.repeat(Number(n[1]))}l`;
  const num = t.replace(',', '.').replace(/^(\d+)(?: 1\/2|½)$/, '$1.5');
  return /^\d+(\.\d+)?$/.test(num) ? String(Number.parseFloat(num)) : t;
}

/** A toddler size ("4T", "4 T"; toddler shoes to "12T"): the age or shoe size and "T". */
const TODDLER = /^(1[0-2]|[1-9])\s?t$/;
/** A child's size by age ("10 años", "10 years", "10Y"): the age, as a shopper's "talla 10" says it. */
const AGE_SIZE = /^(\d{1,2})\s?(?:anos|ano|years?|yrs?|y)$/;
/** A baby size in months ("6-12M", "6-12 months", "6 a 12 meses", "0-3 mo"). */
const MONTHS = /^(\d{1,2})\s?(?:-|a|to)\s?(\d{1,2})\s?(?:m|mo|mos|mth|mths|months?|meses)$/;
/** A baby size by one month ("3M", "6 months", "12 meses"): the months it fits up to, as "0-3M" does. */
const MONTH = /^(\d{1,2})\s?(?:m|mo|mos|mth|mths|months?|mes|meses)$/;
/** A bra size: a band (inches or centimetres) and a cup ("34B", "34 DD", "85B"). */
const BRA = /^(28|30|32|34|36|38|40|42|44|46|48|60|65|70|75|80|85|90|95|100|105)\s?(aa|a|b|c|d|dd|ddd|e|f|g|h)$/;

/**
 * Jeans sized by waist and length, in inches, as shops write one value ("32x30", "32 x 30", "32/30",
 * "W32 L30", "W32/L30", "32W x 30L"): a waist of 22–54 and a length of 24–40 (EU "42/43" is no pair).
 */
const WAIST_LENGTH = /^(?:w\s?(\d{2})\s?(?:x|×|\/)?\s?l\s?(\d{2})|(\d{2})\s?w\s?(?:x|×|\/)?\s?(\d{2})\s?l|(\d{2})\s?(?:x|×|\/)\s?(\d{2}))$/;

/** A waist and a length as their key ("32x30"), when both are in range. */
function waistLength(waist: string | undefined, length: string | undefined): string | undefined {
  const w = Number(waist);
  const l = Number(length);
  return w >= 22 && w <= 54 && l >= 24 && l <= 40 ? `${w}x${l}` : undefined;
}

/**
 * The key of a variant sold in a waist and a length given as two options ("Waist: 32", "Length: 30";
 * "W32" and "L30"), as one value of both would have it; `undefined` when they are no such pair.
 */
export function waistLengthOfOptions(waist: string, length: string): string | undefined {
  return waistLengthKey(`${fold(waist).trim()}/${fold(length).trim()}`);
}

/** The key of a waist-and-length value ({@link WAIST_LENGTH}); `undefined` for any other (folded). */
function waistLengthKey(t: string): string | undefined {
  const m = WAIST_LENGTH.exec(t);
  return m ? waistLength(m[1] ?? m[3] ?? m[5], m[2] ?? m[4] ?? m[6]) : undefined;
}

/** The key of a toddler, baby or bra size ("4t", "6-12m", "34b"); `undefined` for any other value (folded). */
function codedSizeKey(t: string): string | undefined {
  const toddler = TODDLER.exec(t);
  if (toddler) return `${toddler[1]}t`;
  const months = MONTHS.exec(t);
  if (months) return `${Number(months[1])}-${Number(months[2])}m`;
  const month = MONTH.exec(t);
  if (month) return `${Number(month[1])}m`;
  const bra = BRA.exec(t);
  if (bra) return `${bra[1]}${bra[2]}`;
  const age = AGE_SIZE.exec(t);
  return age ? String(Number(age[1])) : undefined;
}

/**
 * Toddler, baby and bra sizes as a shopper writes them ("a onesie for 6-12 months", "pajamas in 4T",
 * "ropa de 3 a 6 meses", "a bra in 34B"): a bra size written as one word ("talla 38 a 40" is a range),
 * and only where a bra is spoken of or after a size word ("32C" alone is as often a temperature); a
 * baby size by one month written as shops do ("3M", "12m") where a baby's things are spoken of or after a
 * size word, and spelled out only after one ("size 6 months", "talla 3 meses"; "a 3m cable" is metres,
 * "a 6 month old" an age). Groups: 1 the toddler size, 2 the months, 3 the bra size, 4 one month.
 */
const CODED_SIZE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:((?:1[0-2]|[1-9])t)|(\\d{1,2}\\s?(?:-|a|to)\\s?\\d{1,2}\\s?(?:m|mo|mos|mths?|months?|meses))|((?:28|30|32|34|36|38|40|42|44|46|48|60|65|70|75|80|85|90|95|100|105)(?:aa|a|b|c|d|dd|ddd|e|f|g|h))|(\\d{1,2}\\s?(?:m|mo|mos|mths?|months?|mes|meses)))(?![\\p{L}\\p{N}])(?!\\s+(?:old|de edad|de vida))`,
  'gu',
);
/** A size word right before a one-month baby size ("size 3M", "talla 3 meses", "en 6M"). */
const SIZE_WORD_JUST_BEFORE = /(?<![\p{L}])(?:size|sizes|talla|tallas|talle|in|en)\s+$/u;
/** Words that make a band and cup a bra size. */
const BRA_TALK = /(?<![\p{L}])(?:bras?|bralettes?|sports bras?|lingerie|sujetador(?:es)?|brasier(?:es)?|sosten(?:es)?|corpinos?|bra size|cup|copa|size|talla|talle)(?![\p{L}])/u;

/** Words of a baby's things, which make "3 to 6 months" a size. */
const BABY_TALK = /(?<![\p{L}])(?:baby|babies|newborn|infant|onesies?|bodysuits?|rompers?|sleepsuits?|bebes?|recien nacid[oa]s?|bodies|body|mamelucos?|peleles?|enteritos?|ajuares?)(?![\p{L}])/u;
/** Words before a span of months that make it a time ("in", "within", "en", "dentro de", "durante"). */
const TIME_BEFORE = /(?<![\p{L}])(?:in|within|after|every|en|dentro de|durante|cada|tras)\s+$/u;

/** The toddler, baby and bra sizes of folded text, as {@link extractSizes} reads them (see {@link CODED_SIZE}). */
function codedSizes(folded: string): { at: number; v: string }[] {
  const out: { at: number; v: string }[] = [];
  for (const m of folded.matchAll(CODED_SIZE)) {
    if (m[3] !== undefined && !BRA_TALK.test(folded)) continue;
    // Months are a size said with a hyphen ("6-12 months", "0-3M") or of a baby's things, and never a time
    // ("in 2 to 3 months", "dentro de 3 a 6 meses").
    if (m[2] !== undefined && ((!/-/.test(m[2]) && !BABY_TALK.test(folded)) || TIME_BEFORE.test(folded.slice(Math.max(0, (m.index ?? 0) - 16), m.index ?? 0)))) continue;
    if (m[4] !== undefined) {
      const before = folded.slice(Math.max(0, (m.index ?? 0) - 12), m.index ?? 0);
      const sizeWord = SIZE_WORD_JUST_BEFORE.test(before) && !/(?<![\p{L}])in\s+$/u.test(before);
      // "3M" written as shops write it: of a baby's things, or after a size word; spelled out, only after one.
      const compact = /^\d{1,2}m$/.test(m[4]);
      if (!(sizeWord || (compact && (BABY_TALK.test(folded) || SIZE_WORD_JUST_BEFORE.test(before))))) continue;
    }
    const raw = (m[1] ?? m[2] ?? m[3] ?? m[4]) as string;
    // Said back as shops write them: "4T", "6-12M", "34B".
    out.push({ at: m.index ?? 0, v: (codedSizeKey(raw.replace(/\s+/g, ' ')) ?? raw).toUpperCase() });
  }
  return out;
}

/** Keys of sizes {@link sizeKey} recognises: letter sizes, numbers, one size, toddler, baby and bra sizes. */
const KNOWN_KEY = /^(?:x{0,4}s|m|x{0,4}l|one size|\d+(?:\.\d+)?|\d+t|\d+-\d+m|\d+m|\d+[a-h]{1,3})$/;

/**
 * Every key a shop's size option value matches: its {@link sizeKey}, and for a value that names two
 * sizes ("S/M", "EU 42 / US 9") each one's too, so a shopper's "M" or "size 9" finds it. Kept per
 * value: a catalog has few distinct size values, and a size asked for reads them for every candidate.
 */
export const sizeKeys: (value: string) => readonly string[] = boundedMemo((value) => Object.freeze(keysOfSize(value)), 10_000);

function keysOfSize(value: string): string[] {
  const whole = sizeKey(value);
  // Jeans in "32x30" come in waist 32: a shopper's "size 32" finds them (not "size 30", their length).
  const jeans = /^(\d+)x\d+$/.exec(whole);
  if (jeans) return [whole, jeans[1] as string];
  // A baby's "3-6M" is the "6M" of a shop that writes the months it fits up to (US sizing: "3M" is 0–3 months).
  const months = /^\d+-(\d+)m$/.exec(whole);
  if (months) return [whole, `${months[1]}m`];
  const parts = value.split('/');
  if (parts.length < 2) return [whole];
  const keys = parts.map(sizeKey);
  // "O/S" is one value, "10 1/2" one number: a value is read apart only when every part is a size.
  // Bare numbers out of a waist's and a length's ranges ("42/43") are one value, not two sizes.
  const apart = keys.every((k) => KNOWN_KEY.test(k)) && !parts.every((p) => /^\s*\d+(?:[.,]\d+)?\s*$/.test(p));
  return apart ? [...new Set([whole, ...keys])] : [whole];
}

/** Size words said as adjectives: English before the noun, Spanish after it (folded; any gender and number). */
const ADJ_EN = 'extra[\\s-]small|extra[\\s-]large|x-small|x-large|xx-large|small|medium|large';
const ADJ_ES = 'extra\\s+grandes?|grandes?|pequen[oa]s?|median[oa]s?|chic[oa]s?';
/** Words that open a noun phrase a size adjective may describe a product in ("a", "the", "una", "dos"). */
const DET_EN = '(?:a|an|the|one|two|three|some|this|that|these|those|\\d+)';
const DET_ES = '(?:un|una|unos|unas|el|la|los|las|dos|tres|esa|ese|esta|este)';
/** What may end the noun phrase: the end, a mark, or a word that starts what follows ("for my lemon tree", "máximo 12"). */
const PHRASE_END_EN = '(?=\\s*(?:$|[,.;:!?)])|\\s+(?:for|with|without|in|to|under|below|over|around|about|that|which|please|and|or|from|at|by|made|so|too|on|if|is|are|max|maximum|less|up)(?![\\p{L}]))';
const PHRASE_END_ES = '(?=\\s*(?:$|[,.;:!?)])|\\s+(?:para|por|con|sin|que|y|o|hasta|de|a|en|maximo|menos|mas|porfa|si|como)(?![\\p{L}]))';
/** "a large clay pot for…", "the small one", "two medium candles". Groups: 1 the size word, 2 the noun phrase after it. */
const ADJECTIVE_EN = new RegExp(`(?<![\\p{L}\\p{N}])${DET_EN}\\s+(${ADJ_EN})\\s+((?:[\\p{L}]+\\s+){0,2}[\\p{L}]+)${PHRASE_END_EN}`, 'gu');
/** "una maceta grande", "una maceta de barro grande", "un buzo negro chico". Groups: 1 the noun phrase, 2 the size word. */
const ADJECTIVE_ES = new RegExp(`(?<![\\p{L}\\p{N}])${DET_ES}\\s+([\\p{L}]+(?:\\s+(?:de\\s+)?[\\p{L}]+){0,2}?)\\s+(${ADJ_ES})${PHRASE_END_ES}`, 'gu');
/**
 * Nouns a size adjective says something else of than a product's size: how much ("a large selection",
 * "una gran cantidad"), thanks and favours, people and animals, places ("a small kitchen"), a business, a
 * present's worth ("a small gift"), money.
 */
const NOT_SIZED = new Set(
  ('selection,range,variety,choice,number,amount,quantity,order,collection,assortment,stock,inventory,discount,deal,sale,fortune,budget,price,sum,' +
    'difference,problem,issue,mistake,favor,favour,fan,thank,thanks,part,portion,family,group,company,business,shop,store,brand,gift,present,' +
    'token,donation,party,crowd,room,space,area,house,home,apartment,flat,kitchen,bedroom,garden,yard,balcony,patio,office,dog,cat,kid,child,' +
    'baby,boy,girl,man,woman,person,people,guy,lady,bit,while,change,fee,question,request,detail,step,batch,project,world,town,city,print,talk,' +
    'seleccion,variedad,cantidad,numero,surtido,abrazo,beso,saludo,gracias,favor,problema,descuento,pedido,tienda,empresa,negocio,diferencia,' +
    'familia,parte,regalo,fiesta,casa,cuarto,habitacion,cocina,sala,jardin,balcon,departamento,apartamento,espacio,perro,perra,gato,gata,chico,' +
    'chica,nino,nina,hombre,mujer,persona,gente,amigo,amiga,hijo,hija,presupuesto,precio,oferta,marca,rato,cambio,mundo,vez,ayuda,duda,pregunta,' +
    'ciudad,pueblo,grupo,coleccion,stock,talla,numero')
    .split(','),
);
/** Words before the phrase that make it what a product is for or goes with ("for a small kitchen", "con un dije chico"), unless a search ("looking for"). */
const PREPOSITION_BEFORE = /(?<![\p{L}])(?:for|in|into|on|at|of|with|to|from|para|en|con|de|a)\s+$/u;
const SEARCH_BEFORE = /(?:looking|searching|shopping|hunting|look|search)\s+for\s+$/u;

/** Whether a word names what a size adjective does not measure as a product ({@link NOT_SIZED}, singular or plural). */
function notSized(w: string): boolean {
  return NOT_SIZED.has(w) || NOT_SIZED.has(w.replace(/e?s$/, ''));
}

/**
 * Sizes said as adjectives of a product, with where: "a large clay pot", "the small one", "una maceta
 * de barro grande", "un buzo chico". Only in a noun phrase that opens with an article or a number, and
 * that no preposition puts under another thing ("for a small kitchen", "con un dije chico"); never of
 * amounts, people, places, presents or thanks ({@link NOT_SIZED}: "a large selection", "a small gift").
 */
function adjectiveSizes(folded: string): { at: number; v: string }[] {
  const out: { at: number; v: string }[] = [];
  const free = (at: number): boolean => {
    const before = folded.slice(Math.max(0, at - 30), at);
    return !PREPOSITION_BEFORE.test(before) || SEARCH_BEFORE.test(before);
  };
  for (const m of folded.matchAll(ADJECTIVE_EN)) {
    const words = (m[2] as string).split(/\s+/);
    if (!free(m.index ?? 0) || words.some(notSized)) continue;
    out.push({ at: m.index ?? 0, v: normalise((m[1] as string).replace(/[\s-]+/g, ' ').replace(/^x /, 'x-').replace(/^xx /, 'xx-')) });
  }
  for (const m of folded.matchAll(ADJECTIVE_ES)) {
    const head = (m[1] as string).split(/\s+/)[0] as string;
    if (!free(m.index ?? 0) || notSized(head)) continue;
    const w = (m[2] as string).replace(/\s+/g, ' ');
    const base = w.startsWith('extra') ? 'extra grande' : w.startsWith('grande') ? 'grande' : w.startsWith('pequen') ? 'pequena' : w.startsWith('median') ? 'mediana' : 'chica';
    out.push({ at: m.index ?? 0, v: normalise(base) });
  }
  return out;
}

const TITLE_SIZE_WORD = new RegExp(`(?<![\\p{L}\\p{N}])(${WORDS})(?![\\p{L}\\p{N}])`, 'gu');

/** A message that is a size word and nothing else: "large", "la grande", "medium please", "the small one" ({@link sizeSaidAlone}). */
const SIZE_ALONE = new RegExp(`^\\s*[¿¡]?\\s*(?:(?:the|a|la|el|una|un|in|en)\\s+)?(${WORDS})(?:\\s+(?:one|please|pls|porfa|por\\s+favor|then|entonces))?\\s*[?!.]*\\s*$`, 'u');

/**
 * The size a message says alone ("large", "la grande", "medium please"), as sizes are read ("L"), or
 * undefined. Alone, such a word is a size only in a conversation about products sold in sizes: the
 * caller says when (a first message "large" names nothing).
 */
export function sizeSaidAlone(text: string): string | undefined {
  const m = SIZE_ALONE.exec(fold(text).replace(/\s+/g, ' '));
  return m ? normalise(m[1] as string) : undefined;
}

/**
 * Size keys ({@link sizeKey}) of the size words a text says anywhere, as keywords ("Large Tote Bag" →
 * `l`, "clay pot large" → `l`, "Maceta Grande" → `l`): the size a title gives a product sold in no size
 * option ("a large tote" finds the "Large Tote Bag"), and the size a search's keywords wish for.
 */
export function sizeWordKeys(text: string): string[] {
  return [...new Set([...fold(text).matchAll(TITLE_SIZE_WORD)].map((m) => sizeKey(m[1] as string)))];
}

/**
 * A waist and a length as a shopper writes them: "W32 L30", "32W 30L", "waist 32 length 30", "cintura 32
 * largo 30", always; "32x30" or "32 x 30" only where trousers are spoken of or after a size word,
 * "32/30" only where trousers are, and never before a unit ("a 30x30 cm cushion cover", "8x10 frames").
 * Groups: 1–2, 3–4, 5–6 the marked forms, 7–8 the bare one.
 */
const WAIST_LENGTH_TEXT =
  /(?<![\p{L}\p{N}])(?:w\s?(\d{2})\s?(?:x|×|\/|,)?\s?l\s?(\d{2})|(\d{2})\s?w\s?(?:x|×|\/|,)?\s?(\d{2})\s?l|(?:waist|cintura)\s*:?\s*(\d{2})\s*(?:,|and|y|\/)?\s*(?:inseam|length|leg|largo|pierna)\s*:?\s*(\d{2})|(\d{2})\s?(?:x|×|\/)\s?(\d{2}))(?![\p{L}\p{N}])/gu;
/** Words of trousers, which make a bare "32x30" a waist and a length. */
const TROUSERS_TALK = /(?<![\p{L}])(?:jeans?|pants|trousers|chinos|denim|slacks|vaqueros?|tejanos?|pantalon(?:es)?|waist|inseam|cintura)(?![\p{L}])/u;
/** A unit after a pair of numbers: dimensions, not a size. */
const UNIT_AFTER = /^\s*(?:cm|mm|in|inch|inches|"|''|pulgadas|centimetros|ft|feet)(?![\p{L}])/u;

/** The waists and lengths of folded text ({@link WAIST_LENGTH_TEXT}), said back as shops key them ("32x30"). */
function waistLengthSizes(folded: string): { at: number; v: string }[] {
  const out: { at: number; v: string }[] = [];
  for (const m of folded.matchAll(WAIST_LENGTH_TEXT)) {
    const at = m.index ?? 0;
    if (m[7] !== undefined) {
      if (UNIT_AFTER.test(folded.slice(at + m[0].length))) continue;
      const trousers = TROUSERS_TALK.test(folded);
      // "32/34" only of trousers ("talla 38/40" is either size).
      if (/\//.test(m[0]) ? !trousers : !trousers && !SIZE_WORD_BEFORE.test(folded.slice(Math.max(0, at - 12), at))) continue;
    }
    const v = waistLength(m[1] ?? m[3] ?? m[5] ?? m[7], m[2] ?? m[4] ?? m[6] ?? m[8]);
    if (v !== undefined) out.push({ at, v });
  }
  return out;
}

/** Sizes mentioned in text, normalised ("talla m" → "M", "size 10,5" → "10.5", "talla única" → "One Size"), without repeats. */
export function extractSizes(text: string): string[] {
  const folded = fold(text);
  const out: { at: number; v: string }[] = [];
  const whole: (readonly [number, number])[] = [];
  for (const m of folded.matchAll(ONE_SIZE_TEXT)) {
    out.push({ at: m.index ?? 0, v: ONE_SIZE });
    whole.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  // Nothing inside "one size" / "talla única" is another size.
  const inOneSize = (at: number): boolean => whole.some(([a, b]) => at >= a && at < b);
  const nfc = text.normalize('NFC');
  for (const m of folded.matchAll(KEYED)) {
    const at = m.index ?? 0;
    if (inOneSize(at)) continue;
    // "US 9" is a size, "send us 3 scarves" is not: "us" before a size counts in capitals or after a size word.
    if (m[2] !== undefined && US_START.test(m[0]) && nfc.slice(at, at + 2) !== nfc.slice(at, at + 2).toUpperCase() && !SIZE_WORD_BEFORE.test(folded.slice(0, at))) continue;
    const v = normalise((m[2] ?? m[3]) as string);
    const system = (m[1] ?? m[4]) as string;
    // A number the system has no size for ("EU 120", "90 US") is no size; nor is money ("for 90 US").
    if (/^\d/.test(v) && !inRange(system, Number.parseFloat(v))) continue;
    if (m[3] !== undefined && MONEY_BEFORE.test(folded.slice(Math.max(0, at - 20), at))) continue;
    out.push({ at, v });
    // The sizes said with it: "EU 42 or 43", "talla M o L", "size 8 to 9"; before it when the system follows ("42 or 43 EU").
    for (const w of alternatives(v, system, folded.slice(at + m[0].length))) out.push({ at, v: w });
    if (m[3] !== undefined) {
      const b = ALTERNATIVE_BEFORE.exec(folded.slice(Math.max(0, at - 20), at));
      const first = b ? normalise(b[1] as string) : undefined;
      if (b && first !== undefined && !MONEY_BEFORE.test(folded.slice(0, at - b[0].length))) {
        const ok = alternatives(first, system, folded.slice(at - b[0].length + (b[1] as string).length, at + (m[3] as string).length));
        if (ok.length > 0 && inRange(system, Number.parseFloat(first))) out.push({ at: at - b[0].length, v: first }, ...ok.map((w) => ({ at: at - b[0].length, v: w })));
      }
    }
  }
  for (const m of folded.matchAll(IN_SIZE)) {
    const v = normalise(m[1] as string);
    out.push({ at: m.index ?? 0, v }, ...alternatives(v, '', folded.slice((m.index ?? 0) + m[0].length)).map((w) => ({ at: m.index ?? 0, v: w })));
  }
  const asked = ASKED_AFTER.exec(folded);
  if (asked) out.push({ at: asked.index, v: normalise(asked[1] as string) });
  for (const m of folded.matchAll(PERSON_SIZE)) {
    const v = normalise(m[1] as string);
    out.push({ at: m.index ?? 0, v }, ...alternatives(v, '', folded.slice((m.index ?? 0) + m[0].length)).map((w) => ({ at: m.index ?? 0, v: w })));
  }
  for (const m of folded.matchAll(TAMANO)) {
    const v = normalise(m[1] as string);
    out.push({ at: m.index ?? 0, v }, ...alternatives(v, '', folded.slice((m.index ?? 0) + m[0].length)).map((w) => ({ at: m.index ?? 0, v: w })));
  }
  for (const m of folded.matchAll(IN_NUMBER)) {
    const at = m.index ?? 0;
    const v = normalise(m[1] as string);
    if (!bareSizeAt(folded, at, at + m[0].length, Number.parseFloat(v))) continue;
    out.push({ at, v }, ...alternatives(v, '', folded.slice(at + m[0].length)).map((w) => ({ at, v: w })));
  }
  out.push(...adjectiveSizes(folded));
  out.push(...codedSizes(folded));
  out.push(...waistLengthSizes(folded));
  for (const m of nfc.matchAll(UPPER)) {
    const v = m[1] as string;
    const at = m.index ?? 0;
    // A lone "S"/"M"/"L" is not a size as an initial ("M. Smith") or at the start of a sentence, unless a list follows ("S or M").
    const after = nfc.slice(at + 1);
    if (v.length === 1 && (/^[.]/.test(after) || (at === 0 && !/^\s*(?:$|[,/]|or\b|o\b|y\b|and\b)/i.test(after)))) continue;
    // Nor a letter named as one: "la inicial M", "the letter M", "an initial L necklace".
    if (v.length === 1 && LETTER_NAMED.test(folded.slice(0, at))) continue;
    out.push({ at, v });
  }
  out.sort((a, b) => a.at - b.at);
  return [...new Set(out.map((o) => o.v))];
}
