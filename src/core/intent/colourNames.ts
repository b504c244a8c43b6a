/**
 * Colour words that are part of a name or of a kind of food or drink, not a colour the shopper asks
 * for: "Earl Grey tea", "Pink Floyd vinyl", "Men in Black DVD", "Orange is the New Black box set",
 * "green tea", "red wine", "té verde", "vino tinto". Read as colours these become a hard filter that
 * drops what was asked for (a Malbec says no "red", a Pink Floyd record no "pink"), so the rules lean
 * to no colour: a colour missed only steers the ranking less.
 *
 * Three rules, over the original text (case matters) and its fold (same offsets, text.ts `fold`):
 * - **Known names** ({@link NAMES}), in any case: bands, films, series, tea blends, brands; and a few
 *   only as written with capitals ({@link CASED_NAMES}: "Deep Purple", not "deep purple").
 * - **Capitalised names**: a one-word colour written "Grey" / "Pink" beside another capitalised word
 *   ("Earl Grey", "Pink Floyd", "the New Black"), through the small words of a title ("in", "is the",
 *   "de la"). The word beside it must say something other than what a shopper describes products
 *   with: not a kind of product, material, colour, shade, size, audience, brand of the shop, or a
 *   sentence's opening word ("Any Black jeans?"). Off when the capitals say nothing: a text in upper
 *   case or written in Title Case throughout ("Black Leather Jacket For Men"). Colour phrases of
 *   several words stay colours ("Rose Gold", "Navy Blue"). A brand between the colour and a product
 *   noun makes no name either, known to the shop or not ({@link describesBrandedProduct}: "Blue Adidas
 *   hoodie", "Navy Patagonia jacket", "Zapatillas Nike Negras").
 * - **Food and drink**: a colour that names the kind of a drink or food ("green tea", "red wine",
 *   "white chocolate", "té verde", "vino blanco", "pimienta negra"), when the food word ends the phrase
 *   in English (not "a grey tea towel", "a black coffee table"). "vino tinto" and "café" are colours.ts's.
 *
 * Still colours: "a grey tea towel", "black jeans", "camisa negra", "Black Nike sneakers" (a shop brand),
 * "Black jeans" at the start of a sentence, "Rose Gold ring".
 */
import type { ColourMatch } from './colours.ts';
import { MATERIALS } from './materials.ts';

/** Words of a name may be joined by spaces, hyphens or "&" / "and". */
const J = '[\\s-]+';

/** Names holding a colour word, read in any case (folded regular expressions). */
const NAMES: readonly string[] = [
  `(?:earl|lady)${J}gr[ae]y`,
  `pink${J}floyd`,
  `pink${J}panther|pantera${J}rosa`,
  `m[ae]n${J}in${J}black`,
  `orange${J}is${J}the${J}new${J}black`,
  `black${J}(?:sabbath|eyed${J}peas|panther|widow|mirror|mirrors|friday|label|swan)`,
  `(?:the${J})?white${J}stripes`,
  `red${J}hot${J}chili${J}peppers`,
  `red${J}dead${J}redemption`,
  `red${J}bull|grey${J}goose|black\\s*(?:[&+]|and|y)\\s*decker`,
  `green${J}(?:lantern|arrow|goblin|hornet)`,
  `purple${J}rain|yellow${J}submarine`,
  `blanca${J}?nieves|caperucita${J}roja`,
];
const NAME_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${NAMES.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
/**
 * Names read only as written, with capitals, their words being a shade or a description otherwise
 * ("Deep Purple" the band, "deep purple" a colour).
 */
const CASED_NAMES = /(?<![\p{L}\p{N}])(?:Deep[\s-]+Purple|Green[\s-]+Day|Simply[\s-]+Red|White[\s-]+Christmas|Black[\s-]+Eyed)(?![\p{L}\p{N}])/gu;

/**
 * Foods and drinks a colour names the kind of, English (the colour before: "green tea") and Spanish
 * (after: "té verde"). Folded; "té" is checked with its accent (the pronoun "te" is not tea).
 */
const FOOD_EN = ['tea', 'teas', 'wine', 'wines', 'coffee', 'chocolate', 'chocolates', 'pepper', 'peppercorns', 'cheese', 'sugar', 'rice', 'beans', 'lentils', 'quinoa', 'beer', 'ale', 'rum', 'vinegar', 'onion', 'onions', 'bread', 'grapes', 'juice'];
const FOOD_ES = ['te', 'tes', 'vino', 'vinos', 'chocolate', 'chocolates', 'pimienta', 'queso', 'azucar', 'arroz', 'frijoles', 'frijol', 'porotos', 'judias', 'lentejas', 'quinoa', 'quinua', 'cerveza', 'cervezas', 'ron', 'vinagre', 'cebolla', 'cebollas', 'pan', 'uvas', 'jugo', 'zumo'];
/** Words after an English food word that leave it ending its phrase ("green tea for my mum", "red wine under $20"). */
const AFTER_FOOD = new Set([
  'for', 'with', 'from', 'in', 'under', 'below', 'over', 'around', 'about', 'please', 'and', 'or', 'that', 'to', 'as', 'of', 'by', 'without',
  'is', 'are', 'gift', 'gifts', 'bottle', 'bottles', 'blend', 'blends', 'leaves', 'bags', 'pods', 'capsules', 'variety', 'flavour', 'flavor',
  'y', 'o', 'para', 'con', 'de', 'sin',
]);

/** Small words inside a title ("Men *in* Black", "Orange *is the* New Black", "Casa *de la* ..."). */
const TITLE_JOINERS = new Set(['in', 'of', 'is', 'the', 'and', 'on', 'a', 'an', 'de', 'del', 'la', 'el', 'los', 'las', 'y', 'en', '&']);

/**
 * Capitalised words that say what a shopper describes a product with rather than name it: shades and
 * finishes ("Dark Red", "Matte Black"), sizes, and the usual first words of a message.
 */
const DESCRIBING = new Set([
  'dark', 'light', 'bright', 'pale', 'deep', 'soft', 'pastel', 'neon', 'muted', 'dusty', 'hot', 'baby', 'matte', 'matt', 'metallic', 'glossy', 'shiny',
  'oscuro', 'oscura', 'claro', 'clara', 'fuerte', 'mate', 'brillante', 'small', 'medium', 'large', 'size', 'talla', 'color', 'colour',
  'any', 'do', 'does', 'can', 'could', 'have', 'has', 'need', 'looking', 'want', 'show', 'find', 'hi', 'hello', 'hey', 'please', 'some', 'the', 'a',
  'an', 'my', 'our', 'got', 'is', 'are', 'what', 'which', 'where', 'how', 'buy', 'get', 'just', 'also', 'and', 'or', 'not', 'no', 'only', 'new',
  'quiero', 'busco', 'tienen', 'tienes', 'hay', 'necesito', 'una', 'un', 'el', 'la', 'los', 'las', 'unos', 'unas', 'algo', 'hola', 'me', 'mi',
  'para', 'con', 'en', 'y', 'o', 'de', 'sin',
  // Who a product is for: "Black Men's Jacket", "Vestido Rojo Mujer".
  'men', 'man', 'mens', 'women', 'woman', 'womens', 'ladies', 'kids', 'kid', 'boys', 'girls', 'unisex', 'hombre', 'hombres', 'mujer',
  'mujeres', 'dama', 'damas', 'caballero', 'caballeros', 'nino', 'nina', 'ninos', 'ninas', 'bebe',
  // What it is made of: "Black Leather Jacket", "Bolso Negro Cuero".
  ...Object.values(MATERIALS).flatMap((m) => [...m.forms, ...(m.spoken ?? [])]).filter((f) => !f.includes(' ')),
]);

/** Words of {@link DESCRIBING} that are part of a name inside one ("Orange is *The New* Black"). */
const TITLE_INSIDE = new Set(['the', 'a', 'an', 'new']);

/** A word written with a capital and then lower case ("Grey", "Floyd"; not "DVD", "XL", "I"). */
const TITLE_WORD = /^\p{Lu}\p{Ll}/u;

/** A word of the original text with its span (the same offsets in the fold). */
interface Word {
  readonly raw: string;
  readonly w: string;
  readonly start: number;
  readonly end: number;
  /** The text between the word before and this one ("" for the first word). */
  readonly gap: string;
}

function wordsOf(original: string, folded: string): Word[] {
  const out: Word[] = [];
  let last = 0;
  for (const m of original.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?|&/gu)) {
    const start = m.index ?? 0;
    out.push({ raw: m[0], w: folded.slice(start, start + m[0].length).replace(/['’]s$/, ''), start, end: start + m[0].length, gap: out.length === 0 ? '' : original.slice(last, start) });
    last = start + m[0].length;
  }
  return out;
}

/** Whether capitals say nothing in this text: upper case throughout, or Title Case on most words. */
function capitalsSayNothing(words: readonly Word[]): boolean {
  const letters = words.filter((x) => /\p{L}{3,}/u.test(x.raw));
  if (letters.length > 0 && letters.every((x) => x.raw === x.raw.toUpperCase())) return true;
  const mixed = letters.filter((x) => x.raw !== x.raw.toUpperCase());
  return mixed.length >= 4 && mixed.filter((x) => TITLE_WORD.test(x.raw)).length >= 0.75 * mixed.length;
}

/** Options of {@link colourNames}. */
export interface ColourNameOptions {
  /**
   * Whether the word at folded `start`–`end` says what a product is or is made of (a kind, material,
   * colour, audience, or a brand of the shop): such a capitalised neighbour makes no name.
   */
  readonly describes?: (start: number, end: number) => boolean;
  /**
   * The kinds of product the word at folded `start`–`end` is (part of): canonical English terms of the
   * synonym table, `[]` for a kind only the shop's vocabulary knows, `undefined` for no kind. Read by
   * {@link describesBrandedProduct}.
   */
  readonly kindAt?: (start: number, end: number) => readonly string[] | undefined;
}

/**
 * Kinds of product a colour says nothing of (a gift card, a book, a perfume, food and drink): a colour
 * word beside one with a capitalised word between is a name ("White Castle gift card", "Black Opium
 * perfume"), not a colour and a brand. Canonical terms of the synonym table.
 */
const COLOURLESS_KINDS = new Set(['gift cards', 'books', 'wine', 'tea', 'coffee', 'chocolate', 'dog food', 'supplements', 'perfume', 'skincare', 'shampoo', 'sunscreen']);

/** How many capitalised words a brand between a colour and its product may have ("Adidas", "North Face"). */
const MAX_BRAND_WORDS = 2;

/**
 * The colour matches of `matches` (found in `folded`, the fold of `original`) that are part of a name
 * or a kind of food or drink (see the module doc): the caller drops them from the colours asked for.
 */
export function colourNames(original: string, folded: string, matches: readonly ColourMatch[], opts: ColourNameOptions = {}): ColourMatch[] {
  if (matches.length === 0) return [];
  const names = [...folded.matchAll(NAME_RE), ...original.matchAll(CASED_NAMES)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const);
  const words = wordsOf(original, folded);
  const quiet = capitalsSayNothing(words);
  const out: ColourMatch[] = [];
  for (const c of matches) {
    if (names.some(([a, b]) => c.start >= a && c.end <= b)) out.push(c);
    else if (foodKind(words, c)) out.push(c);
    else if (!quiet && capitalisedName(words, c, matches, opts)) out.push(c);
  }
  return out;
}

/** Index of the word that starts at `start`, or -1. */
function wordAt(words: readonly Word[], start: number): number {
  return words.findIndex((x) => x.start === start);
}

/** "green tea", "red wine for dinner", "té verde", "vino blanco" (see the module doc). */
function foodKind(words: readonly Word[], c: ColourMatch): boolean {
  const i = wordAt(words, c.start);
  if (i < 0) return false;
  let j = i;
  while (j < words.length && (words[j] as Word).end < c.end) j++;
  const next = words[j + 1];
  const prev = words[i - 1];
  // English: the colour before the food, which ends the phrase ("grey tea towel" is a towel).
  if (next && FOOD_EN.includes(next.w) && /^\s+$/.test(next.gap)) {
    const after = words[j + 2];
    const joined = after !== undefined && /^\s+$/.test(after.gap);
    if (!joined || AFTER_FOOD.has(after.w) || /^\d/.test(after.w)) return true;
  }
  // Spanish: the food before its colour ("té verde", "vino blanco", "pimienta negra").
  if (prev && FOOD_ES.includes(prev.w) && /^\s+$/.test((words[i] as Word).gap)) {
    return prev.w !== 'te' && prev.w !== 'tes' ? true : /^t[ée]s?$/i.test(prev.raw) && /é/i.test(prev.raw);
  }
  return false;
}

/** "Earl Grey", "Pink Floyd", "Orange is the New Black" (see the module doc). */
function capitalisedName(words: readonly Word[], c: ColourMatch, matches: readonly ColourMatch[], opts: ColourNameOptions): boolean {
  const i = wordAt(words, c.start);
  if (i < 0) return false;
  const w = words[i] as Word;
  // A one-word colour written with a capital ("Grey"); colour phrases ("Rose Gold") stay colours.
  if (w.end !== c.end || !TITLE_WORD.test(w.raw)) return false;
  const endsSentence = (k: number): boolean => /[.!?¿¡\n:;,]/.test((words[k] as Word).gap);
  /** Whether the capitalised word `k` is part of a name rather than a description. */
  const names = (k: number): boolean => {
    const x = words[k] as Word;
    if (!TITLE_WORD.test(x.raw) || matches.some((m) => m.start < x.end && m.end > x.start)) return false;
    // "The" / "New" inside a title name ("Orange is the New Black"); any of these opening a sentence does not.
    const opening = k === 0 || endsSentence(k);
    if (DESCRIBING.has(x.w) && (opening || !TITLE_INSIDE.has(x.w))) return false;
    return !(opts.describes?.(x.start, x.end) ?? false);
  };
  // The nearest capitalised word on each side, through the small words of a title, in the same sentence.
  for (const dir of [-1, 1] as const) {
    if (describesBrandedProduct(words, i, dir, names, opts)) continue;
    let k = i + dir;
    while (k >= 0 && k < words.length && TITLE_JOINERS.has((words[k] as Word).w) && !TITLE_WORD.test((words[k] as Word).raw)) k += dir;
    if (k < 0 || k >= words.length) continue;
    const [from, to] = dir === 1 ? [i + 1, k] : [k + 1, i];
    let broken = false;
    for (let j = from; j <= to; j++) if (endsSentence(j)) broken = true;
    if (!broken && names(k)) return true;
  }
  return false;
}

/**
 * Whether the capitalised colour at word `i` describes a product through a brand on side `dir`: one or
 * two capitalised words that name nothing the shopper describes with (`names`), then, in the same
 * phrase, a noun of a kind that comes in colours ("Blue Adidas hoodie", "Black North Face jacket",
 * "Zapatillas Nike Negras"). Shoppers write a brand with its capital whether the shop sells it or
 * not, so it tells nothing of the colour beside it. Only where the colour's own capital says nothing
 * either: it opens a sentence, or the product noun is capitalised too (a phrase in Title Case: "a Blue
 * Adidas Hoodie", "Sudadera Adidas Negra"). Names stand: the known ones ({@link NAMES}), a colour
 * capitalised inside a sentence ("a Red Sox cap"), and a name before a kind no colour describes ("White
 * Castle gift card", "Black Opium perfume", {@link COLOURLESS_KINDS}).
 */
function describesBrandedProduct(words: readonly Word[], i: number, dir: -1 | 1, names: (k: number) => boolean, opts: ColourNameOptions): boolean {
  const kindAt = opts.kindAt;
  if (!kindAt) return false;
  const joined = (k: number): boolean => /^\s+$/.test((words[k] as Word).gap);
  for (let n = 1; n <= MAX_BRAND_WORDS; n++) {
    const brand = Array.from({ length: n }, (_, j) => i + dir * (j + 1));
    const p = i + dir * (n + 1);
    const product = words[p];
    if (!product || brand.some((k) => k < 0 || k >= words.length || !names(k))) return false;
    // Words in one phrase: only spaces between the colour, the brand and the product.
    if ([...brand, p].some((k) => !joined(dir === 1 ? k : k + 1))) return false;
    const kinds = kindAt(product.start, product.end);
    if (kinds === undefined) continue;
    if (kinds.length > 0 && kinds.every((k) => COLOURLESS_KINDS.has(k))) return false;
    const opensSentence = i === 0 || /[.!?¿¡\n:;,]/.test((words[i] as Word).gap);
    return (dir === 1 && opensSentence) || TITLE_WORD.test(product.raw);
  }
  return false;
}
