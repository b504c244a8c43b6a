/**
 * Title terms: the words a shopper uses that name products of this shop by their titles, or describe
 * them in their descriptions and tags, and that no other entity reads ("do you have a fence?", "the
 * classic varsity top", "a trowel", "a waterproof jacket", "a zip-up hoodie"). The entity rules know
 * kinds from the synonym table and the shop's types and tags; a product whose kind is only in its title
 * ("Wooden Fence", "Gardening hand trowel"), a product the shopper names, or a feature only the
 * description states ("waterproof", "zipped", "fleece lining") would otherwise get no intent at all,
 * and the answer would be the shop's best-sellers called satisfied.
 *
 * A word is a term when it is in some product title, or some description or tags, of the shop, in at
 * most half of them (a word most products share says nothing), is not a conversational word ("can you
 * show me…": "can" is in "Yellow watering can"), and is not one the intent already reads (its
 * categories, colours, brands, sizes, purposes, audience, recipient, occasion, budget, and what it rules out, in
 * every form: "no stripes" leaves no term "striped", "sin cuero" none "leather"), nor a word refused that
 * no rule names ("not plain", "nothing too flashy"), nor a colour word the
 * intent did not read as wished ({@link LOOK_WORDS}). A word the shop writes in another English form
 * is the shop's form ("zip" or "zip-up" is the "zipped" of "Zipped Jacket", "hood" the "hooded" of a
 * description; {@link wordForms}), and a property or describing word in Spanish is the English shop's
word for it ("impermeable" is the "waterproof" of an English description, "capucha" its "hooded":
intent/featureWords.ts). Terms steer the ranking (`intentScoring.ts`: a title counts more
 * than tags, tags more than a description); they are never a constraint. Pure; words are folded and
 * singular as `phrase` makes them.
 */
import type { Product } from '../catalog/product.ts';
import { categoryKinds } from './categoryKinds.ts';
import { COLOURS } from '../intent/colours.ts';
import { materialFamily, MATERIALS } from '../intent/materials.ts';
import { patternWords } from '../intent/patterns.ts';
import { englishFeatureWords } from '../intent/featureWords.ts';
import { propertyWords } from '../intent/properties.ts';
import { sizeWordsOf } from '../intent/sizes.ts';
import { slipOf } from '../intent/typos.ts';
import { spanishVerbForm } from '../intent/verbUse.ts';
import { canonicalPattern } from './patternMatch.ts';
import type { IntentEntities } from '../intent/types.ts';
import { categoryParts, phrase, productText } from './productText.ts';

/** How many titles of a catalog have each word, and how many descriptions or tags. */
export interface TitleWords {
  readonly df: ReadonlyMap<string, number>;
  /** Products whose description or tags have the word (a word of a title only is not counted here). */
  readonly described: ReadonlyMap<string, number>;
  readonly size: number;
}

/** The share of titles above which a word names no product in particular. */
const MAX_SHARE = 0.5;

/** Most terms read from one message (a long message names a few products, not a catalog). */
const MAX_TERMS = 6;

/**
 * Words of conversation, English and Spanish, that are in product titles too ("can", "set", "one",
 * "new", "best") or name no product ("looking", "something"): never a term.
 */
const CONVERSATION = new Set(
  [
    'a', 'an', 'the', 'and', 'or', 'but', 'for', 'with', 'without', 'of', 'in', 'on', 'at', 'to', 'from', 'by', 'about', 'my', 'your',
    'our', 'his', 'her', 'their', 'me', 'you', 'it', 'this', 'that', 'these', 'those', 'i', 'we', 'they', 'he', 'she', 'is', 'are', 'was',
    'be', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should', 'may', 'might', 'must', 'have', 'has', 'had', 'get', 'got',
    'want', 'need', 'like', 'love', 'look', 'looking', 'show', 'see', 'find', 'buy', 'order', 'help', 'please', 'thanks', 'thank', 'hi',
    'hello', 'hey', 'some', 'any', 'something', 'anything', 'one', 'ones', 'two', 'set', 'pair', 'new', 'best', 'good', 'great', 'nice',
    'cool', 'cute', 'pretty', 'lovely', 'beautiful', 'perfect', 'really', 'very', 'more', 'most', 'less', 'other', 'another', 'same',
    'what', 'which', 'who', 'how', 'where', 'when', 'why', 'there', 'here', 'now', 'today', 'tomorrow', 'day', 'days', 'week', 'weeks',
    'month', 'months', 'all', 'many', 'much', 'size', 'price', 'cheap',
    'cheaper', 'expensive', 'under', 'over', 'around', 'up', 'not', 'no', 'yes', 'ok', 'also', 'just', 'still', 'only', 'again', 'gift',
    'present', 'idea', 'ideas', 'option', 'options', 'thing', 'things', 'item', 'items', 'product', 'products', 'stock', 'available',
    'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'y', 'o', 'de', 'del', 'para', 'por', 'con', 'sin', 'en', 'mi', 'mis', 'tu',
    'su', 'que', 'quiero', 'busco', 'necesito', 'tienen', 'tiene', 'hay', 'algo', 'alguno', 'alguna', 'regalo', 'precio', 'talla',
    'barato', 'nuevo', 'nueva', 'mejor', 'bonito', 'bonita', 'lindo', 'linda', 'hola', 'gracias', 'favor', 'por favor', 'mas', 'menos',
    // A garment when the intent reads it as one (a category), else a rank or a place ("top sellers",
    // "at the bottom"): never a word naming a product by its title.
    'top', 'bottom',
    // Pointing at a list's item ("number 2", "the second one", "el último": intent/ordinals.ts), and
    // words descriptions are full of that say nothing of one product ("slim fit", "Made in USA"; "usa"
    // is also Spanish "uses": "mi mamá no usa plata").
    'number', 'option', 'choice', 'pick', 'first', 'second', 'third', 'last', 'primero', 'primera', 'segundo', 'segunda', 'tercero',
    'tercera', 'ultimo', 'ultima', 'numero', 'opcion', 'fit', 'usa', 'uso', 'use', 'lleva', 'llevo', 'tiene', 'viene', 'queda', 'gusta',
    // Comparing ("what's the difference between the chokers?", "¿qué diferencia hay entre…?").
    'between', 'difference', 'differences', 'compare', 'versus', 'entre', 'diferencia', 'diferencias', 'comparar',
  ].map(phrase),
);

/** Whether a word of a product's text may be a term (three letters or more, not a number). */
const termLike = (w: string): boolean => w.length >= 3 && !/^\d+$/.test(w);

/** The title, description and tag words of a catalog (build once per catalog version). */
export function titleWords(products: readonly Product[]): TitleWords {
  const df = new Map<string, number>();
  const described = new Map<string, number>();
  for (const p of products) {
    const t = productText(p).fields;
    for (const w of new Set(t.title.split(' '))) if (termLike(w)) df.set(w, (df.get(w) ?? 0) + 1);
    for (const w of new Set(`${t.description}${t.tags}`.split(' '))) if (termLike(w)) described.set(w, (described.get(w) ?? 0) + 1);
  }
  return { df, described, size: products.length };
}

/**
 * The English forms a shop may write a shopper's word in, the word first: its stem and the stem with
 * -ed, -er, -ing, -ered (a final consonant doubled after a short vowel: "zip" → "zipped", "zipper";
 * "hooded" → "hood"; "lined" → "line"), and an adjective's noun ("summery" → "summer"). Folded singular words in, the same out; no dictionary, so some
 * forms are no words, and only those the catalog has are ever used.
 */
export function wordForms(w: string): string[] {
  const stems = new Set([w]);
  for (const suffix of ['ered', 'ed', 'er', 'ing', 'y']) {
    if (!w.endsWith(suffix) || w.length - suffix.length < 3) continue;
    const b = w.slice(0, -suffix.length);
    stems.add(b);
    if (suffix !== 'ing' && suffix !== 'y') stems.add(`${b}e`);
    // "zipped" → "zip", "zipper" → "zip": a doubled final consonant undone.
    if (b.length >= 4 && b.at(-1) === b.at(-2) && !/[aeiouslz]/.test(b.at(-1) as string)) stems.add(b.slice(0, -1));
  }
  const out = new Set([w]);
  for (const b of stems) {
    out.add(b);
    const base = b.endsWith('e') ? b.slice(0, -1) : b;
    const doubled = /[^aeiou][aeiou][bdgkmnprt]$/.test(b) ? `${b}${b.at(-1) as string}` : b;
    for (const ending of ['ed', 'er', 'ing']) out.add(`${b.endsWith('e') ? base : doubled}${ending}`);
    out.add(`${doubled}ered`);
  }
  return [...out];
}

/** A size of a waist and a length, as the entities say it ("32x30"), and the words that say one. */
const WAIST_LENGTH_SIZE = /^\d+x\d+$/;
const WAIST_LENGTH_WORDS: readonly string[] = ['waist', 'length', 'inseam', 'leg', 'cintura', 'largo', 'pierna'];

/** Words of everything the intent already reads (categories, colours in both languages, brands, …). */
export function readWords(e: IntentEntities): Set<string> {
  const out = new Set<string>();
  const add = (v: string | undefined) => {
    if (v) for (const w of phrase(v.split('>').at(-1) ?? v).split(' ')) out.add(w);
  };
  for (const v of [...e.categories, ...(e.purposes ?? []), ...e.brands, ...e.sizes]) add(v);
  // A size read from a word is no title word ("what about large?": L, not "large pockets").
  for (const v of e.sizes) for (const w of sizeWordsOf(v)) add(w);
  for (const c of e.colours) {
    add(c);
    const forms = Object.hasOwn(COLOURS, c) ? COLOURS[c] : undefined;
    for (const f of [...(forms?.en ?? []), ...(forms?.es ?? [])]) add(f);
  }
  // What is ruled out is never a term, in any of its forms: "no stripes" makes no term of the
  // "striped" of a title, "sin cuero" none of "leather" (a refused word is never quoted as a match).
  for (const r of e.rejections) {
    add(r.value);
    const pattern = r.kind === 'term' ? canonicalPattern(r.value) : undefined;
    if (pattern) for (const w of patternWords(pattern)) add(w);
    if (r.kind === 'material' && Object.hasOwn(MATERIALS, r.value)) for (const m of materialFamily(r.value)) for (const f of MATERIALS[m]?.forms ?? []) add(f);
  }
  add(e.audience);
  add(e.recipient);
  add(e.occasion?.replace(/_/g, ' '));
  // The money said: "200 soles" is a budget, not the soles of a shoe title.
  add(e.budget?.text);
  // A waist and a length said in words ("cintura 32 largo 30") are a size, not a long garment.
  if (e.sizes.some((v) => WAIST_LENGTH_SIZE.test(v))) for (const w of WAIST_LENGTH_WORDS) out.add(w);
  return out;
}

/**
 * Words of the category entries that the word said picks among its kind's ("blouses": the shop's Blouse
 * and Shirt entries are one kind, synonyms.ts, and "blouse" is the one said): a title naming that very
 * word is the better match ("Striped Silk Blouse" before "Chequered Red Shirt"), so the word is a term,
 * read or not. An entry alone of its kind, one word naming every entry, or several kinds asked for
 * together ("shirts and jackets": a term would favour one of them) pick nothing.
 */
function pickedWords(categories: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (categories.length < 2) return out;
  const { kindOf } = categoryKinds(categories);
  if (kindOf.some((k) => k !== kindOf[0])) return out;
  const leaves = categories.map((c) => phrase(categoryParts(c).at(-1) ?? c));
  for (let i = 0; i < leaves.length; i++) {
    for (let j = 0; j < leaves.length; j++) {
      if (j !== i && kindOf[j] === kindOf[i] && leaves[j] !== leaves[i] && !(leaves[i] as string).includes(' ')) out.add(leaves[i] as string);
    }
  }
  return out;
}

/**
 * Colour words, metals included (one-word forms, both languages). The entity rules read them: one they
 * did not read as wished was said otherwise ("I don't really like gold but silver is great", "not crazy
 * about grey") and must not come back as a title word that ranks the gold or grey products first.
 * Material words are not among them: "gemstone", "wooden" name products by their titles.
 */
const LOOK_WORDS: ReadonlySet<string> = new Set(
  Object.values(COLOURS)
    .flatMap((f) => [...f.en, ...f.es])
    .map(phrase)
    .filter((w) => !w.includes(' ')),
);

/**
 * Words of who products are made for: the audience rules read them (intent/audience.ts). Never terms:
 * one the rules did not take as the audience was said otherwise ("is it for men or women?" asks which,
 * wishes for neither), and must not rank the products that name one first.
 */
const AUDIENCE_WORDS: ReadonlySet<string> = new Set([
  'men', 'mens', 'man', 'women', 'womens', 'woman', 'ladies', 'lady', 'gentlemen', 'kids', 'kid', 'children', 'childrens', 'boys', 'girls',
  'hombre', 'hombres', 'mujer', 'mujeres', 'dama', 'damas', 'caballero', 'caballeros', 'senora', 'senoras', 'nino', 'nina', 'ninos', 'ninas',
  'guy', 'guys', 'gentleman', 'gent', 'gents', 'bloke', 'blokes', 'dude', 'dudes', 'fella', 'fellas', 'lad', 'lads', 'gal', 'gals', 'lass',
  'muchacho', 'muchachos', 'muchacha', 'muchachas', 'varon', 'varones', 'chavo',
]);

/** Words that refuse what follows ("not", "no", "nothing", "sin", "nada"), folded. */
const NEGATORS: ReadonlySet<string> = new Set(['not', 'no', 'nothing', 'never', 'without', 'nor', 'sin', 'nada', 'ni', 'nunca', "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt']);
/** Words of degree between a negation and the word it refuses ("not *too* heavy", "nada *muy* llamativo"). */
const DEGREE: ReadonlySet<string> = new Set(['too', 'very', 'so', 'that', 'overly', 'super', 'really', 'muy', 'tan', 'demasiado', 'demasiada']);

/** Words a negation may stand apart from the word it refuses by ("not *for the* garden", "sin *el* brillo", "I don't *want anything for the* garden", "que no *sea para* exterior"). */
const REFUSAL_GAP: ReadonlySet<string> = new Set([
  'for', 'the', 'a', 'an', 'my', 'para', 'el', 'la', 'los', 'las', 'mi', 'de', 'del',
  'want', 'need', 'anything', 'any', 'something', 'quiero', 'necesito', 'algo', 'sea', 'sean',
]);

/**
 * Whether the word at `i` of a message's words is refused: a negation up to five words before it, with
 * only words of degree or {@link REFUSAL_GAP} between ("not plain", "not too heavy", "not for the garden",
 * "I don't want anything for the garden").
 */
function negatedAt(words: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 5); j--) {
    const w = words[j] as string;
    if (NEGATORS.has(w)) return true;
    if (!DEGREE.has(w) && !REFUSAL_GAP.has(w)) return false;
  }
  return false;
}

/** Parts a garment is made without, and the word a shop says that with ("sin mangas": "sleeveless"). */
const WITHOUT_PART: ReadonlyMap<string, string> = new Map([
  ['sleeve', 'sleeveless'],
  ['manga', 'sleeveless'],
  ['strap', 'strapless'],
  ['tirante', 'strapless'],
  ['bretel', 'strapless'],
  ['back', 'backless'],
  ['espalda', 'backless'],
]);

/** The words right before a part that say the garment is without it. */
const WITHOUT: ReadonlySet<string> = new Set(['without', 'no', 'sin']);

/**
 * The title terms of a message ({@link titleTerms module doc}), in the order the shopper said them,
 * each in the shop's form: the first of {@link wordForms} a title has, else the first a description or
 * tags have.
 */
export function titleTerms(text: string, e: IntentEntities, words: TitleWords): string[] {
  if (words.size === 0) return [];
  const read = readWords(e);
  for (const w of pickedWords(e.categories)) read.delete(w);
  const most = MAX_SHARE * words.size;
  const usable = (f: string): boolean => !CONVERSATION.has(f) && !LOOK_WORDS.has(f) && !AUDIENCE_WORDS.has(f) && !read.has(f);
  const out: string[] = [];
  // "zip-up", "slip-on": each part is a word of its own.
  const said = phrase(text).split(/[ -]/);
  for (let i = 0; i < said.length; i++) {
    const w = said[i] as string;
    // "sin mangas", "without sleeves": what a shop calls "sleeveless" is wished for ({@link WITHOUT_PART});
    // "de punto": what it calls "knitted".
    const part = WITHOUT.has(said[i - 1] as string) ? WITHOUT_PART.get(w) : said[i - 1] === 'de' && w === 'punto' ? 'knitted' : undefined;
    if (part !== undefined) {
      if ((words.df.has(part) || words.described.has(part)) && !out.includes(part)) out.push(part);
      continue;
    }
    if (!termLike(w) || CONVERSATION.has(w) || LOOK_WORDS.has(w) || AUDIENCE_WORDS.has(w) || read.has(w)) continue;
    // A slip of a word read ("earings" read as Earrings) is that word, not a stem of its own ("ear" of "opal ear detail").
    const slip = slipOf(w, () => false);
    if (slip !== undefined && read.has(phrase(slip))) continue;
    // "te dije que…" says, it names no pendant.
    if (spanishVerbForm(said, i)) continue;
    // "not plain", "nothing too flashy", "sin brillo": a word refused is no word wished for, whether or
    // not the rejection rules could name it.
    if (negatedAt(said, i)) continue;
    // A property or a describing word in the other language is the shop's word for it ("impermeable":
    // "waterproof"; "capucha": "hooded").
    const forms = [...wordForms(w), ...propertyWords(w), ...englishFeatureWords(w)];
    const inTitles = forms.find((f) => (words.df.get(f) ?? Infinity) <= most && usable(f));
    const term = inTitles ?? forms.find((f) => (words.described.get(f) ?? Infinity) <= most && !words.df.has(f) && usable(f));
    if (term === undefined || out.includes(term)) continue;
    out.push(term);
    if (out.length === MAX_TERMS) break;
  }
  return out;
}
