/**
 * Entity extraction for one utterance: budget, price preference and a price relative to the product
 * discussed, categories, brands, colours, sizes, rejections and gift context. Rule-based and pure.
 * A Spanish diminutive of a kind is the kind ("una lamparita", "unas tacitas": diminutives.ts).
 * Of the kinds named, only those asked for are categories: what they go with or are for is a purpose
 * (purposes.ts, goesWith.ts), and so are a property ("is it waterproof?": properties.ts) and an
 * activity ("he bikes to work": verbUse.ts).
 */
import { extractBudget } from './budget.ts';
import { compileVocabulary, describedKind, findBrands, findCategories, isFamilyOf, phraseKey, type CompiledVocabulary, type VocabMatch } from './catalogVocabulary.ts';
import { PLACES } from './compounds.ts';
import { readDiminutives } from './diminutives.ts';
import { CATEGORY_SYNONYMS, SUBKIND_FORMS } from './synonyms.ts';
import { colourNames } from './colourNames.ts';
import { findColours } from './colours.ts';
import { MATERIALS } from './materials.ts';
import { MONEY_SLANG } from './amountWords.ts';
import { comparedOptions, type Span } from './comparison.ts';
import { readAudiences, saysChildAge, selfAudience } from './audience.ts';
import { extractGift } from './gift.ts';
import { wishesOnSale } from './onSale.ts';
import { isPlaceName, otherPlace, placeNamed, placeRefused, placesSaid } from './places.ts';
import { comparesFar, extractPriceComparison, extractPricePreference, priceEndAsked, priceEndCount, shownCount } from './pricePreference.ts';
import { propertyAt, propertyOnly, propertyValue } from './properties.ts';
import { splitPurposes, type Kinds } from './purposes.ts';
import { findRejections } from './rejections.ts';
import { extractSizes } from './sizes.ts';
import { kindUse } from './verbUse.ts';
import { figurativeSpans, findWishedMaterials, type WishedMaterial } from './wishedMaterials.ts';
import { spaceHyphenatedNames } from './hyphenated.ts';
import { escapeRegExp, fold, readableText, singular, tokens, type Token } from './text.ts';
import type { IntentEntities, IntentLanguage, Rejection, SoftKind } from './types.ts';

const EMPTY_VOCAB = compileVocabulary(undefined);

/**
 * Categories grounded in the shop's vocabulary, without letting a category the shop lacks fall back to
 * a broader one or vanish: "running shoes" in a shop of dress shoes is not "Dress Shoes" (its head word
 * alone matched), and in a shop without shoes it is still "running shoes". A phrase the EN/ES synonym
 * table knows is kept, in the shopper's words (lower case), when the shop matched nothing of it, or only
 * words of it that name *another* category of the table ("shoes" inside "running shoes"). Shop matches
 * of the whole phrase, or of a word that is not a category on its own ("Running" in "Shoes > Running"),
 * stand.
 */
/** Canonical English terms the synonym table gives for the whole token span. */
function canonicalOf(toks: readonly Token[]): string[] {
  return findCategories(toks, EMPTY_VOCAB)
    .filter((m) => m.from === 0 && m.to === toks.length)
    .flatMap((m) => m.values);
}

function groundedCategories(toks: readonly Token[], vocab: CompiledVocabulary, skip: (i: number) => boolean, original: string, lang: IntentLanguage): VocabMatch[] {
  const shop = findCategories(toks, vocab, skip);
  if (!vocab.hasTaxonomy) return shop;
  let out = shop;
  for (const g of findCategories(toks, EMPTY_VOCAB, skip)) {
    const inside = out.filter((m) => m.from >= g.from && m.to <= g.to);
    if (inside.some((m) => m.from === g.from && m.to === g.to)) continue;
    if (out.some((m) => m.from < g.to && m.to > g.from && !(m.from >= g.from && m.to <= g.to))) continue; // overlaps a longer shop match
    // A word on the modifier side of a shop match modifies it: after the noun in Spanish ("chaqueta
    // impermeable"), before it in English ("waterproof jacket"). On the other side it is the head and
    // a category of its own: "garden table" asks for a table, "mesa jardín" for a mesa.
    // A property is no such noun ("hiking boots, waterproof": the boots stand).
    if (inside.length === 0 && out.some((m) => (lang === 'es' ? m.to === g.from : m.from === g.to) && !propertyOnly(toks, m))) continue;
    // A shop match inside the phrase stands when it names the same category, or when the shop's entry is
    // that broader category itself ("Jackets" for "chaqueta impermeable"), not a sibling ("Dress Shoes").
    const broader = inside.every((m) => {
      const own = canonicalOf(toks.slice(m.from, m.to));
      if (own.length === 0 || own.some((v) => g.values.includes(v))) return false;
      return !m.values.some((entry) => canonicalOf(tokens(fold(entry.split(/>|\//).at(-1) ?? entry))).some((v) => own.includes(v)));
    });
    if (!broader) continue;
    // In the shopper's own words ("running shoes", not the table's "sneakers"): the answer quotes it;
    // a kind said by what it is for by its name ("somewhere to sit": seating).
    const said = describedKind(toks.slice(g.from, g.to)) ?? original.slice((toks[g.from] as Token).start, (toks[g.to - 1] as Token).end).toLowerCase();
    out = [...out.filter((m) => !inside.includes(m)), { ...g, values: [said] }].sort((a, b) => a.from - b.from);
  }
  return out;
}

/** Words before a kind that make it one item ("maybe a necklace", "un collar"), not a kind in a list. */
const ONE_ITEM_BEFORE = /(?:^|[^\p{L}])(?:a|an|one|maybe|perhaps|like|such as|un|una|uno|quizas|tal vez|como)\s+(?:\p{L}+\s+){0,2}$/u;

/** A follow-up's opening: "and …?", "what about …", "how about …", "¿y …?", "¿y qué tal …". */
const FOLLOW_UP = /^\s*[¿¡]?\s*(?:(?:and|also|what about|how about|y|e|tambien|y que tal|que tal|y si es)(?![\p{L}])|(?:for|para|pa|de)\s+(?:(?:the|my|our|el|la|los|las|mi|nuestro|nuestra)\s+)?\p{L}+(?:\s+\p{L}+)?\s*[?.!]*\s*$)/u;

/** An amount of 10 or more right before a word ("45 ", "50 mil ", "2k "; budget.ts reads "2 verdes" as no money). */
const AMOUNT_BEFORE = /(?:\d{2,}(?:[.,]\d+)*|\d(?:[.,]\d+)*\s*(?:k|mil))\s*$/;

/** A word read as more kinds than this stands for a set of them (a place, a room), not for one kind. */
const MANY_KINDS = 2;

/** Names of a narrower kind inside a kind ("choker", "hoops"; synonyms.ts `subkinds`), folded and singular as a refusal's words are. */
const SUBKIND_NAMES: ReadonlySet<string> = new Set(CATEGORY_SYNONYMS.flatMap((g) => g.subkinds ?? []).map(phraseKey));
/** The narrower kinds held as the kind when asked for (synonyms.ts `SUBKIND_FORMS`), as phrase keys. */
const HELD_SUBKINDS: ReadonlySet<string> = new Set(SUBKIND_FORMS.flat().map(phraseKey));
/** The names of {@link HELD_SUBKINDS} of several words that hold a refusal ("camiseta sin mangas", "sleeveless top"), by word count. */
const REFUSING_SUBKINDS: readonly (readonly [number, ReadonlySet<string>])[] = (() => {
  const refusing = [...HELD_SUBKINDS].filter((k) => /(?:^| )(?:sin|no)(?: |$)|less(?: |$)/.test(k) && k.includes(' '));
  return [2, 3, 4].map((n) => [n, new Set(refusing.filter((k) => k.split(' ').length === n))] as const);
})();

/**
 * The refusals read, less those inside the name of a narrower kind ("sin mangas" of "camiseta sin
 * mangas", "sleeveless" of "a sleeveless top"): the words name the kind asked for, read as one.
 */
function withoutKindNames<R extends { readonly start: number; readonly end: number }>(read: readonly R[], toks: readonly Token[]): readonly R[] {
  if (read.length === 0) return read;
  const spans: [number, number][] = [];
  for (const [n, names] of REFUSING_SUBKINDS) {
    for (let i = 0; i + n <= toks.length; i++) {
      let key = '';
      for (let k = i; k < i + n; k++) key += (k > i ? ' ' : '') + singular((toks[k] as Token).w);
      if (names.has(key)) spans.push([(toks[i] as Token).start, (toks[i + n - 1] as Token).end]);
    }
  }
  return spans.length === 0 ? read : read.filter((r) => !spans.some(([a, b]) => r.start >= a && r.end <= b));
}

/** Words that name an option without its noun: "the silk *one*", "*la de* seda", "*el más* barato". */
const PRO_FORM = /(?<![\p{L}])(?:ones?|(?:el|la|los|las|lo)\s+(?:de|del|mas|menos|que))(?![\p{L}])/u;

/**
 * Words that describe one option by what it is made of or its pattern ("the silk blouse or the *floral*
 * kimono?", "the wool one or the *cotton* kimono"): a side with one names an option even when its noun is
 * no category of the table ("kimono"). Materials of materials.ts, and the common pattern words.
 */
const DESCRIBES_OPTION = new RegExp(
  `(?<![\\p{L}])(?:${[
    ...Object.values(MATERIALS).flatMap((m) => m.forms),
    'floral', 'flowered', 'flowery', 'striped', 'stripy', 'plaid', 'checked', 'checkered', 'tartan', 'polka dot', 'polka-dot', 'printed', 'patterned',
    'leopard', 'animal print', 'paisley', 'camo', 'tie-dye', 'tie dye', 'floreado', 'floreada', 'de flores', 'rayado', 'rayada', 'de rayas', 'a rayas',
    'a cuadros', 'de cuadros', 'estampado', 'estampada', 'de lunares', 'animal print',
  ]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\\p{L}])`,
  'u',
);

/**
 * Whether a compared side without a kind of its own means the other side's kind, its noun left out:
 * only what describes an option next to the word that splits the two ("the *gray* or the beige rug",
 * "*polyester* or cotton shirts": in English the noun they share comes last; "el collar dorado o *el
 * plateado*", "o *de plata de ley*, ¿cuál es mejor?", "the blouse or *the white*?"). "the silk blouse or
 * the floral *kimono*" has a noun of its own, which the table does not know. `left`: the side before the
 * split word.
 */
function sharesKind(u: Prepared, m: Marks, s: Span, left: boolean): boolean {
  // What describes an option, blanked out.
  let t = u.folded.slice(s[0], s[1]).replace(new RegExp(DESCRIBES_OPTION.source, 'gu'), (x) => ' '.repeat(x.length));
  const within = (x: Span): boolean => x[0] >= s[0] && x[1] <= s[1];
  for (const x of [...m.colours, ...m.brands]) if (within(x)) t = t.slice(0, x[0] - s[0]) + ' '.repeat(x[1] - x[0]) + t.slice(x[1] - s[0]);
  // English puts a describing word before the noun: a left side ending with one shares the noun after.
  if (left && u.lang === 'en') return t.trimEnd().length < u.folded.slice(s[0], s[1]).trimEnd().length;
  // Otherwise the phrase next to the split (up to a comma, a question or a word that starts another
  // phrase: "o de algodón *pa* clima húmedo") has no word but determiners.
  const words = (t.match(/[\p{L}\p{N}]+|[,.;:?!¿¡]/gu) ?? []).map((w) => (/^[,.;:?!¿¡]$/.test(w) ? ',' : w));
  const near = left ? words.reverse() : words;
  const end = near.findIndex((w) => w === ',' || PHRASE_START.has(w));
  return near.slice(0, end < 0 ? near.length : end).every((w) => ELIDED_FILLER.has(w));
}

/** Words that start another phrase after an option ("o de algodón *pa* clima húmedo", "or the white *for* work"). */
const PHRASE_START = new Set(['for', 'para', 'pa', 'por', 'with', 'con', 'que', 'which', 'cual', 'than', 'better', 'best', 'worse', 'mejor', 'peor', 'is', 'es', 'are', 'son', 'should', 'would', 'vs', 'versus']);

/** Words a side may have besides what describes an option and still name no kind of its own ("*el* plateado", "*the* blue *please*"). */
const ELIDED_FILLER = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'esos', 'esas', 'in', 'en', 'de', 'del', 'from', 'by', 'please', 'por', 'favor']);

/** Where the text names a kind, a brand and a colour (char spans of the folded text). */
interface Marks {
  /** Every kind named (sought and purposes). */
  readonly kinds: readonly Span[];
  /** The kinds sought. */
  readonly sought: readonly Span[];
  readonly brands: readonly Span[];
  readonly colours: readonly Span[];
  /** The materials asked for (wishedMaterials.ts). */
  readonly materials: readonly Span[];
}

/**
 * The kinds (colour, brand, size, category) that describe only some of the options the shopper compares
 * (comparison.ts): every mention of the kind is inside the compared options and some option has none
 * ("is the red scarf better than the silk one?": colour; "the red one or the blue one": none, both
 * name a colour). A side names an option when it has a kind, a brand, a colour, a size, a material or
 * pattern ("the floral kimono") or a pro-form ("the silk one", "la de seda"); "a scarf for a man or a
 * woman" compares nothing. A category is one-sided only when the other side has neither a pro-form nor
 * a noun left out ({@link sharesKind}): "the red scarf or the silk *one*" and "the gray or the beige
 * rug" compare two of a kind, "the silk blouse or the floral kimono?" a blouse and a kimono the table has
 * no category for (the blouse is then no constraint: it would drop the kimono). `materials`: whether the
 * materials asked for are one-sided likewise ("the silk scarf or the red one?").
 */
function softKinds(u: Prepared, m: Marks): { readonly kinds: SoftKind[]; readonly materials: boolean } {
  const none = { kinds: [], materials: false };
  if (m.colours.length === 0 && m.brands.length === 0 && u.sizes.length === 0 && m.sought.length === 0 && m.materials.length === 0) return none;
  const within = (s: Span, x: Span): boolean => x[0] >= s[0] && x[1] <= s[1];
  const sizesIn = (s: Span): boolean => u.sizes.length > 0 && extractSizes(u.original.slice(s[0], s[1])).length > 0;
  const namesOption = (s: Span): boolean =>
    [m.kinds, m.brands, m.colours].some((xs) => xs.some((x) => within(s, x))) ||
    PRO_FORM.test(u.folded.slice(s[0], s[1])) ||
    DESCRIBES_OPTION.test(u.folded.slice(s[0], s[1])) ||
    sizesIn(s);
  const sides = comparedOptions(u.folded, namesOption);
  if (!sides) return none;
  const out: SoftKind[] = [];
  const oneSided = (kind: SoftKind, said: readonly boolean[], outside: boolean): void => {
    if (!outside && said.some((x) => x) && !said.every((x) => x)) out.push(kind);
  };
  for (const [kind, spans] of [['colour', m.colours], ['brand', m.brands]] as const) {
    if (spans.length > 0) oneSided(kind, sides.map((s) => spans.some((x) => within(s, x))), spans.some((x) => !sides.some((s) => within(s, x))));
  }
  if (m.sought.length > 0) {
    const said = sides.map((s, i) => m.sought.some((x) => within(s, x)) || PRO_FORM.test(u.folded.slice(s[0], s[1])) || sharesKind(u, m, s, i === 0));
    oneSided('category', said, m.sought.some((x) => !sides.some((s) => within(s, x))));
  }
  if (u.sizes.length > 0) {
    // The text without the options: a size said there is said of every product.
    let rest = u.original;
    for (const [a, b] of sides) rest = rest.slice(0, a) + ' '.repeat(b - a) + rest.slice(b);
    oneSided('size', sides.map(sizesIn), extractSizes(rest).length > 0);
  }
  // Materials, as colours: said of some options only, and nowhere outside them.
  const said = sides.map((s) => m.materials.some((x) => within(s, x)));
  const materials = m.materials.every((x) => sides.some((s) => within(s, x))) && said.some((x) => x) && !said.every((x) => x);
  return { kinds: out, materials };
}

/** Options for {@link extractEntities}. */
export interface EntityOptions {
  /** The shop vocabulary, compiled with `compileVocabulary` (absent: canonical category terms, no brands). */
  readonly vocabulary?: CompiledVocabulary;
  /** ISO 4217 currency or ISO 3166 market resolving "$". */
  readonly currencyHint?: string;
}

/** What entity extraction reads of an utterance whatever the shop's vocabulary (worked out once per utterance). */
interface Prepared {
  readonly original: string;
  readonly folded: string;
  readonly toks: readonly Token[];
  readonly colourMatches: ReturnType<typeof findColours>;
  readonly budget: ReturnType<typeof extractBudget>;
  readonly gift: ReturnType<typeof extractGift>;
  readonly audiences: ReturnType<typeof readAudiences>;
  readonly pricePreference: ReturnType<typeof extractPricePreference>;
  /** The end of the price range the list is ordered by (a superlative or a sort), if asked. */
  readonly priceEnd: ReturnType<typeof priceEndAsked>;
  readonly onSale: boolean;
  /** A comparative said of the product discussed, unless the text gives a number (the budget wins). */
  readonly priceRelative: ReturnType<typeof extractPriceComparison>;
  /** The comparative asks for a large step ("much cheaper"). */
  readonly priceFar: boolean;
  /** How many products a list asked by price names ("the 2 cheapest"). */
  readonly howMany: number | undefined;
  readonly sizes: string[];
  readonly lang: IntentLanguage;
}

function prepare(text: string, lang: IntentLanguage, currencyHint: string | undefined): Prepared {
  // Full-width letters and invisible characters read as the words they show ("ｓｉｌｖｅｒ", "sil\u200bver").
  const original = readableText(text);
  // "rose-gold", "navy-blue", "oro-rosa": a hyphenated colour or material is its spaced name (hyphenated.ts).
  const folded = spaceHyphenatedNames(fold(original));
  const budget = extractBudget(original, currencyHint);
  const comparison = extractPriceComparison(original);
  const preference = extractPricePreference(original, comparison);
  const priceEnd = priceEndAsked(original, preference);
  return {
    lang,
    original,
    folded,
    toks: tokens(folded),
    colourMatches: findColours(folded, lang),
    budget,
    gift: extractGift(original),
    audiences: readAudiences(original),
    pricePreference: priceEnd ?? preference,
    priceEnd,
    onSale: wishesOnSale(original),
    priceRelative: budget ? undefined : comparison,
    priceFar: !budget && comparison !== undefined && comparesFar(original),
    howMany: (priceEnd ? priceEndCount(original) : undefined) ?? shownCount(original),
    sizes: extractSizes(original),
  };
}

/**
 * The tokens with each Spanish diminutive of a kind read as the kind ("una lamparita" → lámpara, "unas
 * tacitas" → tazas; diminutives.ts), unless the word names something as it is, in the table or the
 * shop ("aritos", "mesita de noche", "lamparita LED"). Only a Spanish kind of the table is read so.
 */
function withDiminutives(toks: readonly Token[], vocab: CompiledVocabulary): readonly Token[] {
  if (!toks.some((t) => /it[oa]s?$/.test(t.w))) return toks;
  let covered: Set<number> | undefined;
  const named = (i: number): boolean => {
    covered ??= new Set([...findCategories(toks, vocab), ...findCategories(toks, EMPTY_VOCAB)].flatMap((m) => Array.from({ length: m.to - m.from }, (_, k) => m.from + k)));
    return covered.has(i);
  };
  // "25 luquitas" is money (amountWords.ts), not little lights.
  return readDiminutives(toks, (base) => SPANISH_KINDS.has(base), (i) => MONEY_SLANG.has((toks[i] as Token).w) || named(i));
}

/**
 * The Spanish one-word kinds of the synonym table, folded, as written (singular and plural): the
 * words a diminutive is read back to. Spanish only ("vasito" is no English "vase"), and as written,
 * not as matched ("relojito" is "reloj", not the key "reloje" of "relojes").
 */
const SPANISH_KINDS: ReadonlySet<string> = new Set(CATEGORY_SYNONYMS.flatMap((g) => g.es.map((t) => fold(t))).filter((t) => !t.includes(' ')));

/** The entities of a prepared utterance read against one vocabulary. */
function entitiesOf(u: Prepared, vocab: CompiledVocabulary): IntentEntities {
  const { original, folded, budget, gift } = u;
  const toks = withDiminutives(u.toks, vocab);
  // "Camiseta sin mangas", "a sleeveless top": a refusal inside the name of a narrower kind is that kind's name.
  const read = withoutKindNames(findRejections(folded, original, vocab), toks);
  // A mild dislike the sentence turns ("not crazy about turquoise but I'd take it") is no rejection, and
  // what it names is no wish either: masked like a rejection, left out of the list.
  const rejections = read.filter((r) => !r.weighed && !r.repeated);
  const masked = (start: number, end: number): boolean => read.some((r) => start < r.end && end > r.start);
  const skip = (i: number): boolean => {
    const t = toks[i];
    return t !== undefined && masked(t.start, t.end);
  };
  const brandMatches = findBrands(toks, vocab, original, skip);
  const brands = [...new Set(brandMatches.flatMap((m) => m.values))];
  const brandTokens = new Set(brandMatches.flatMap((m) => Array.from({ length: m.to - m.from }, (_, k) => m.from + k)));
  const skipCategory = (i: number): boolean => skip(i) || brandTokens.has(i);
  // A colour word inside a name or a food ("Earl Grey tea", "Pink Floyd", "red wine") is no colour asked for (colourNames.ts).
  let covered: Set<number> | undefined;
  const describes = (start: number, end: number): boolean => {
    covered ??= new Set([...findCategories(toks, vocab), ...findCategories(toks, EMPTY_VOCAB)].flatMap((m) => Array.from({ length: m.to - m.from }, (_, k) => m.from + k)));
    const i = toks.findIndex((t) => t.start <= start && t.end >= end);
    return i >= 0 && (brandTokens.has(i) || covered.has(i));
  };
  // The kinds a word is part of (the table's canonical terms; none for a kind only the shop knows).
  let tableKinds: VocabMatch[] | undefined;
  let shopKinds: VocabMatch[] | undefined;
  const kindAt = (start: number, end: number): readonly string[] | undefined => {
    const i = toks.findIndex((t) => t.start <= start && t.end >= end);
    if (i < 0) return undefined;
    tableKinds ??= findCategories(toks, EMPTY_VOCAB);
    const table = tableKinds.find((m) => m.from <= i && m.to > i);
    if (table) return table.values;
    shopKinds ??= vocab.hasTaxonomy ? findCategories(toks, vocab) : [];
    return shopKinds.some((m) => m.from <= i && m.to > i) ? [] : undefined;
  };
  // A colour inside a figure of speech ("the gold standard", "a silver lining") is none asked for.
  const figures = figurativeSpans(folded);
  // Nor "verdes" after an amount: Argentina's dollars ("hasta 45 verdes"; budget.ts reads the currency).
  const money = (c: { readonly start: number; readonly end: number }): boolean => /^verd(?:es|olagas)$/.test(folded.slice(c.start, c.end)) && AMOUNT_BEFORE.test(folded.slice(0, c.start));
  const unmasked = u.colourMatches.filter((c) => !masked(c.start, c.end) && !money(c) && !figures.some(([a, b]) => c.start < b && c.end > a));
  const named = colourNames(original, folded, unmasked, { describes, kindAt });
  const colourMatches = named.length === 0 ? unmasked : unmasked.filter((c) => !named.includes(c));
  // A colour word that is also a shop tag ("silver") is the colour, not a category: as a category any
  // silver earring would count as the "silver necklace" asked for. Longer names stand ("Red Wine").
  const isColourWord = (m: VocabMatch): boolean => {
    const a = (toks[m.from] as Token).start;
    const b = (toks[m.to - 1] as Token).end;
    return colourMatches.some((c) => c.start <= a && c.end >= b);
  };
  const colourTok = (i: number): boolean => {
    const t = toks[i] as Token;
    return colourMatches.some((c) => c.start <= t.start && c.end >= t.end);
  };
  // Materials asked for ("a leather bracelet", "earrings with diamonds"; wishedMaterials.ts): a material
  // word inside a longer name of a kind ("Leather Care" of the shop) is part of that name.
  let kindSpans: VocabMatch[] | undefined;
  /** Every kind the shop's words and the table find in the message, read once when first needed. */
  const allKinds = (): readonly VocabMatch[] => (kindSpans ??= [...findCategories(toks, vocab, skipCategory), ...findCategories(toks, EMPTY_VOCAB, skipCategory)]);
  const inLongerKind = (from: number, to: number): boolean => {
    return allKinds().some((m) => m.from <= from && m.to >= to && m.to - m.from > to - from);
  };
  const colourAt = (start: number, end: number): boolean => colourMatches.some((c) => c.start < end && c.end > start);
  const wished = findWishedMaterials(folded, original, { masked, colourAt, inLongerKind }, toks);
  // A material word that is also a shop tag ("Leather", "Diamond", "Wood") is the material, never a
  // kind of product: as a kind any leather product would count as the "leather bracelet" asked for, and
  // a question ("is it real leather?") would hold the list to it.
  // So is a kind word inside a material asked for ("una chaqueta de jean", "a jean jacket": denim, not jeans).
  const isMaterialWord = (m: VocabMatch): boolean => materialWordAt(toks, m.from, m.to) || wished.some((w) => w.from <= m.from && w.to >= m.to);
  // "a short dress", "short sleeves", "nothing too short": English "short" alone is a length, not the shorts;
  // "un chaleco acolchado", "un abrigo acolchado": right after a kind, "acolchado" is padded, not a quilt.
  const grounded = groundedCategories(toks, vocab, skipCategory, original, u.lang);
  const isAdjective = (m: VocabMatch): boolean => {
    if (m.to - m.from !== 1) return false;
    const w = (toks[m.from] as Token).w;
    if (u.lang === 'en') return ADJECTIVES_EN.has(w) && !nounAlone(toks, m.from, original, colourTok);
    return AFTER_A_KIND_ES.has(w) && grounded.some((k) => k !== m && k.to === m.from);
  };
  const said = grounded.filter((m) => !isColourWord(m) && !isMaterialWord(m) && !isAdjective(m));
  // A kind word used as a verb names nothing ("silver suits her"); an activity is what the products are for ("he bikes to work"; verbUse.ts).
  const activities = said.filter((m) => kindUse(toks, m, u.lang) === 'activity');
  const found = said.filter((m) => kindUse(toks, m, u.lang) === undefined);
  // A property ("is it waterproof?", "¿es impermeable?") is no kind sought: a nudge, as a purpose is (properties.ts).
  const properties = found.flatMap((m) => {
    const p = propertyAt(toks, m, (i) => found.some((k) => k !== m && k.to === i));
    return p ? [{ m, value: propertyValue(p, vocab, original.slice((toks[m.from] as Token).start, (toks[m.to - 1] as Token).end).toLowerCase()) }] : [];
  });
  const kinds = namedOverDescribed(toks, splitPurposes(toks, found.filter((m) => !properties.some((x) => x.m === m)), u.lang, colourTok, original));
  // "earrings but not hoops", "a necklace without a pendant", "aretes que no sean argollas": a narrower
  // kind refused of the kind asked for rules out that word, not the whole kind (which stays asked for).
  const wordsAt = (start: number, end: number): string => tokens(folded.slice(start, end)).map((t) => singular(t.w)).join(' ');
  const ruledOut = rejections.flatMap((r): Rejection[] => {
    if (r.kind !== 'category') return [r];
    const refused = wordsAt(r.start, r.end);
    // "a dress, nothing too short": a length, not the shorts; "a jacket but not too light": a weight, not lamps.
    if (u.lang === 'en' && ADJECTIVES_EN.has(folded.slice(r.start, r.end))) return [];
    if (DEGREE_BEFORE[u.lang].test(folded.slice(Math.max(0, r.start - 16), r.start))) return [];
    // Not a word that stands for many kinds ("algo para el jardín, que no sea una maceta": the garden's
    // pots are refused, not a narrower pot).
    const askedElsewhere = kinds.sought.some((m) => {
      const [a, b] = [(toks[m.from] as Token).start, (toks[m.to - 1] as Token).end];
      return m.values.length <= MANY_KINDS && m.values.includes(r.value) && (b <= r.start || a >= r.end) && wordsAt(a, b) !== refused;
    });
    // A narrower kind's own name ("no chokers", "nada de argollas") refuses the products that say it,
    // not the kind it is read as (Necklace), unless the shop names a kind by that very word.
    const narrower = SUBKIND_NAMES.has(refused) && phraseKey(r.value) !== refused;
    return [(askedElsewhere || narrower) && refused !== '' ? { kind: 'term', value: refused } : r];
  });
  // A place said beside one of its kinds is where the kind is for, not more kinds sought ("para la
  // terraza, unas macetas": pots; the place is kept as the place). A family said apart from one of its
  // kinds is what the kind is of: in another sentence ("I really like jewellery. I want a silver
  // necklace") or with the kind as one item ("jewellery, maybe a necklace"); in a list of kinds
  // ("tops, tees and shirts") each is asked for.
  const wordsOf = (m: VocabMatch): string => folded.slice((toks[m.from] as Token).start, (toks[m.to - 1] as Token).end);
  /** The text between two matches. */
  const between = (m: VocabMatch, n: VocabMatch): string => {
    const [a, b] = m.from < n.from ? [m, n] : [n, m];
    return folded.slice((toks[a.to - 1] as Token).end, (toks[b.from] as Token).start);
  };
  const apart = (m: VocabMatch, n: VocabMatch): boolean => /[.!?;¿¡]/.test(between(m, n)) || ONE_ITEM_BEFORE.test(folded.slice(0, (toks[n.from] as Token).start));
  // A room or place said beside any kind that is no place, in its sentence ("unos cojines para el salón",
  // "outdoor string lights") is where that kind is for, too: the cushions, not the room's sofas.
  const isPlaceWord = (m: VocabMatch): boolean => PLACES.has(phraseKey(wordsOf(m)));
  // "¿Y para el salón? Unos cojines…": a sentence that is only where the next kind is for.
  const placeOnlySentence = (m: VocabMatch): boolean => {
    const start = (toks[m.from] as Token).start;
    const end = (toks[m.to - 1] as Token).end;
    const before = folded.slice(0, start).split(/[.!?;¿¡]/).at(-1) ?? '';
    const after = folded.slice(end).split(/[.!?;¿¡]/)[0] ?? '';
    return /^\s*(?:(?:y|and|e|tambien|also)\s+)?(?:(?:y\s+)?(?:para|pa|for)\s+)(?:(?:el|la|los|las|the|my|mi|our|nuestro|nuestra)\s+)?$/u.test(before) && after.trim() === '';
  };
  /** Whether match `m` only says what `n` is of (its family) or where `n` is for (a place), and is no kind sought itself. */
  const frames = (m: VocabMatch, n: VocabMatch): boolean =>
    (isFamilyOf(wordsOf(m), wordsOf(n)) && (isPlaceWord(m) || apart(m, n))) || (isPlaceWord(m) && !isPlaceWord(n) && (!/[.!?;¿¡]/.test(between(m, n)) || placeOnlySentence(m)));
  // "I don't want anything for the garden", "algo que no sea para exterior": a place refused is no kind sought.
  const refusedPlace = (m: VocabMatch): boolean => isPlaceWord(m) && placeRefused(folded, (toks[m.from] as Token).start);
  const sought = kinds.sought.filter((m) => !kinds.sought.some((n) => n !== m && frames(m, n)) && !refusedPlace(m));
  // A kind refused is not sought under a longer name ("for the garden, not pots": no Plant Pot).
  const refusedHeads = ruledOut.filter((r) => r.kind === 'category').map((r) => headWord(r.value));
  const kindsNamed = [...new Set(sought.flatMap((m) => m.values))].filter((c) => !refusedHeads.includes(headWord(c))).slice(0, 20);
  // "Something to throw on over a tank top": no kind named, but a garment worn over it is outerwear or a jumper.
  // "And for outdoors?", "¿y de exterior?", "what about for the garden?": a follow-up naming only a place
  // moves the kinds asked before there (sessionContext.ts holds them); the place's own kinds are not asked.
  const placeOnly = FOLLOW_UP.test(folded) && sought.length > 0 && sought.every((m) => isPlaceName(wordsOf(m)));
  const categories = placeOnly ? [] : kindsNamed.length === 0 && kinds.worn ? [...WORN_KINDS[kinds.worn]] : kindsNamed;
  // "A choker", "unas argollas", "hoop earrings": the narrower kind named, which the kind's products must say
  // (IntentEntities.subkinds). Not when the kind itself is named beside it ("a necklace or a choker": any necklace).
  const isSubkind = (m: VocabMatch): boolean => SUBKIND_NAMES.has(phraseKey(wordsOf(m)));
  const kindMatches = sought.filter((m) => m.values.some((v) => kindsNamed.includes(v)));
  // The kind's own word right after a narrower one of it ("hoop earrings", "choker necklace": the narrower
  // word read as what the kind is for) is named by that one.
  const qualifier = (n: VocabMatch): VocabMatch | undefined =>
    isSubkind(n) ? undefined : [...kindMatches, ...kinds.purposes].find((m) => m !== n && isSubkind(m) && m.to === n.from && m.values.some((v) => n.values.includes(v)));
  // A narrower kind the shop grounds in its broader entry ("coffee table" read as the shop's "Table"):
  // the narrower kind's whole name is what was said.
  const heldAround = (n: VocabMatch): VocabMatch | undefined =>
    allKinds().find((m) => m.from <= n.from && m.to >= n.to && m.to - m.from > n.to - n.from && HELD_SUBKINDS.has(phraseKey(wordsOf(m))));
  const namedBy = kindMatches.map((n) => qualifier(n) ?? heldAround(n) ?? n);
  // As said, accents kept ("pulsera rígida", "lámpara de pie"): the answer quotes them.
  const saidAs = (m: VocabMatch): string => original.slice((toks[m.from] as Token).start, (toks[m.to - 1] as Token).end).toLowerCase();
  const subkinds =
    categories === kindsNamed && namedBy.length > 0 && namedBy.every((m) => HELD_SUBKINDS.has(phraseKey(wordsOf(m)))) ? [...new Map(namedBy.map((m) => [phraseKey(wordsOf(m)), saidAs(m)])).values()] : [];
  // Where the products are for ("for the garden", "mi terraza", "plantas de interior"): a place said as a kind or a purpose.
  // Not a place refused ("a table, not for the garden", "que no sea de exterior").
  // A place refused with no other said is the other one: what is not for the garden is for indoors.
  const placePhrase = (m: VocabMatch): string => toks.slice(m.from, m.to).map((t) => singular(t.w)).join(' ');
  const refusedOne = placeNamed(grounded.filter((m) => placeRefused(folded, (toks[m.from] as Token).start)).map(placePhrase), placesSaid(folded, true));
  const place =
    placeNamed(grounded.filter((m) => !placeRefused(folded, (toks[m.from] as Token).start)).map(placePhrase), placesSaid(folded)) ?? (refusedOne !== undefined ? otherPlace(refusedOne) : undefined);
  // Not what a purpose refused says ("a table, not for the garden": no nudge towards the garden's).
  const forNow = kinds.purposes.filter((m) => !placeRefused(folded, (toks[m.from] as Token).start));
  const purposes = [...new Set([...forNow.flatMap((m) => m.values), ...activities.flatMap((m) => m.values), ...properties.map((x) => x.value)])].filter((v) => !categories.includes(v)).slice(0, 10);
  // A colour inside a purpose describes it ("cushions for my grey sofa"), not the products sought.
  const ofSought = colourMatches.filter((c) => !kinds.spans.some(([a, b]) => c.start >= a && c.end <= b));
  const colours = [...new Set(ofSought.map((c) => c.colour))];
  // A material inside a purpose describes it ("cushions for my leather sofa"), as a colour does.
  const materialsOfSought = wished.filter((x) => !kinds.spans.some(([a, b]) => x.start >= a && x.end <= b));
  const span = (m: VocabMatch): Span => [(toks[m.from] as Token).start, (toks[m.to - 1] as Token).end];
  const soft = softKinds(u, {
    kinds: [...kinds.sought, ...kinds.purposes].map(span),
    sought: kinds.sought.map(span),
    brands: brandMatches.map(span),
    colours: ofSought.map((c): Span => [c.start, c.end]),
    materials: materialsOfSought.map((x): Span => [x.start, x.end]),
  });
  // Said of one compared option only ("the silk scarf or the red one?"): a preference, no constraint.
  const materials = soft.materials ? [] : [...new Set(materialsOfSought.map((x) => x.material))];
  return {
    ...(budget ? { budget } : {}),
    ...(u.pricePreference ? { pricePreference: u.pricePreference } : {}),
    ...(u.priceEnd ? { byPrice: true as const } : {}),
    ...(u.howMany !== undefined ? { howMany: u.howMany } : {}),
    ...(u.onSale ? { onSale: true as const } : {}),
    ...(u.priceRelative ? { priceRelative: u.priceRelative } : {}),
    ...(u.priceRelative && u.priceFar ? { priceFar: true as const } : {}),
    categories,
    ...(subkinds.length > 0 ? { subkinds } : {}),
    ...(purposes.length > 0 ? { purposes } : {}),
    brands,
    colours,
    ...(materials.length > 0 ? { materials } : {}),
    sizes: [...u.sizes],
    ...(soft.kinds.length > 0 ? { soft: soft.kinds } : {}),
    rejections: ruledOut.map((r) => ({ kind: r.kind, value: r.value })),
    ...(gift.recipient ? { recipient: gift.recipient } : {}),
    ...(gift.recipientSex ? { recipientSex: gift.recipientSex } : {}),
    ...(gift.severalRecipients ? { severalRecipients: true as const } : {}),
    // "I'm a guy": for the shopper, unless they name someone else ("…a gift for my girlfriend").
    // A child's age said of the person wins over "for him" / "for her" ("my son is 3, anything for him?").
    ...(childByAge(gift.recipient, u.folded) && (u.audiences.audience === undefined || HIM_OR_HER.test(u.folded))
      ? { audience: 'kids' as const }
      : u.audiences.audience
        ? { audience: u.audiences.audience }
        : !gift.recipient || gift.recipient === 'self'
          ? withAudience(selfAudience(u.original))
          : {}),
    ...(u.audiences.refused ? { notAudience: u.audiences.refused } : {}),
    ...(place ? { place } : {}),
    ...(gift.occasion ? { occasion: gift.occasion } : {}),
    isGift: gift.isGift,
  };
}

/** A match that names a place ("garden", "balcón", a shop's "Outdoor"): where, not what. */
const isPlaceKind = (m: VocabMatch): boolean => m.values.length > 0 && m.values.every((v) => PLACES.has(phraseKey(v)) || isPlaceName(v));

/**
 * A kind said by what it is for ("for watering", "somewhere to sit", "around my neck": synonyms.ts
 * `described`) is what is asked only when no kind is named before it: "a garden hose for watering"
 * asks for the hose (read as what the watering is for, it was a purpose), "a lamp to brighten up the
 * room" for lamps, "a scarf for my neck" for the scarf. What it is used on, after it ("something to
 * water my plants with"), stays a purpose, and so does a place ("algo para regar las plantas en el balcón").
 */
function namedOverDescribed(toks: readonly Token[], kinds: Kinds): Kinds {
  const isDescribed = (m: VocabMatch): boolean => describedKind(toks.slice(m.from, m.to)) !== undefined;
  const described = kinds.sought.filter(isDescribed);
  if (described.length === 0) return kinds;
  const first = Math.min(...described.map((m) => m.from));
  const namedBefore = kinds.purposes.filter((m) => m.to <= first && !isPlaceKind(m));
  // A place is where it is used, no kind named beside it ("algo para regar las plantas en el balcón").
  const named = kinds.sought.filter((m) => !isDescribed(m) && !isPlaceKind(m));
  if (named.length === 0 && namedBefore.length === 0) return kinds;
  return {
    ...kinds,
    sought: [...named, ...namedBefore].sort((a, b) => a.from - b.from),
    purposes: kinds.purposes.filter((m) => !namedBefore.includes(m)),
    spans: kinds.spans.filter(([a, b]) => !namedBefore.some((m) => a <= (toks[m.from] as Token).start && (toks[m.to - 1] as Token).end <= b)),
  };
}

/** A word of degree right before a refused kind makes it a quality ("not too light", "nada muy largo"), not the kind. */
const DEGREE_BEFORE: Readonly<Record<'en' | 'es', RegExp>> = {
  en: /(?:^|[^\p{L}])(?:too|so|very|overly)\s+$/u,
  es: /(?:^|[^\p{L}])(?:muy|demasiado|demasiada|tan)\s+$/u,
};

/** English words a kind's singular shares that, alone, describe rather than name a kind. */
const ADJECTIVES_EN: ReadonlySet<string> = new Set(['short']);
/**
 * Words before an English adjective of {@link ADJECTIVES_EN} that make it a noun when nothing it could
 * describe follows ("a short for running"); so does a colour ("a black short with pockets").
 */
const DETERMINERS_EN: ReadonlySet<string> = new Set(['a', 'one', 'the', 'this', 'that', 'my', 'his', 'her', 'their', 'our', 'your', 'new']);
/** Words that start what follows a noun phrase, not a noun an adjective describes ("a short for running", "a short to run in"). */
const AFTER_A_NOUN_EN: ReadonlySet<string> = new Set(['for', 'with', 'in', 'to', 'that', 'which', 'and', 'or', 'under', 'below', 'from', 'please', 'like', 'made', 'of', 'on', 'at', 'by', 'size', 'but', 'without']);

/**
 * Whether the adjective at `i` is said as a noun: after a word that opens a noun phrase ("a", "the",
 * "my") or a colour (`colourTok`), with no noun after it to describe (the end, a mark, or a word that
 * starts what follows): "a short for running", "I want a short.", "a green short with pockets", against
 * "a short dress" and "nothing too short".
 */
function nounAlone(toks: readonly Token[], i: number, original: string, colourTok: (i: number) => boolean): boolean {
  if (i === 0 || !(DETERMINERS_EN.has((toks[i - 1] as Token).w) || colourTok(i - 1))) return false;
  const next = toks[i + 1];
  if (next === undefined) return true;
  return AFTER_A_NOUN_EN.has(next.w) || /[,.;:!?)]/.test(original.slice((toks[i] as Token).end, next.start));
}
/**
 * Spanish words that name a kind alone but describe the kind right before them: "chaleco acolchado"
 * (padded), "jeans bota recta" / "pantalón bota ancha" (the cut of the leg, not boots), "playera
 * deportiva" / "chaqueta deportiva" (for sport; "unas deportivas" alone are sneakers).
 */
const AFTER_A_KIND_ES: ReadonlySet<string> = new Set(['acolchado', 'acolchados', 'acolchada', 'acolchadas', 'bota', 'deportivo', 'deportiva', 'deportivos', 'deportivas']);

/** Whether tokens `[from, to)` are exactly a material's name ("leather", "diamonds", "de madera"). */
function materialWordAt(toks: readonly Token[], from: number, to: number): boolean {
  const said = findWishedMaterials(
    toks.slice(from, to).map((t) => t.w).join(' '),
    '',
    { masked: () => false, colourAt: () => false, inLongerKind: () => false },
  );
  return said.length === 1 && said[0]?.from === 0 && said[0].to === to - from;
}

/** The last word of a kind's name, folded and singular ("Plant Pots" → "pot"), as English names put the kind last. */
function headWord(kind: string): string {
  return singular(fold(kind).trim().split(/\s+/).at(-1) ?? '');
}

/** Extracts every entity from `text` (in `lang`). Rejected values never appear among the positive entities. */
export function extractEntities(text: string, lang: IntentLanguage, opts: EntityOptions = {}): IntentEntities {
  return entitiesOf(prepare(text, lang, opts.currencyHint), opts.vocabulary ?? EMPTY_VOCAB);
}

/**
 * {@link extractEntities} twice, without and with the shop's vocabulary (the classifier's features
 * read the first, the answer carries the second), reading the vocabulary-free parts (folding, tokens,
 * colours, budget, gift, sizes) once. The same as two calls.
 */
export function extractEntitiesTwice(text: string, lang: IntentLanguage, vocabulary: CompiledVocabulary, currencyHint?: string): { plain: IntentEntities; shop: IntentEntities } {
  const u = prepare(text, lang, currencyHint);
  return { plain: entitiesOf(u, EMPTY_VOCAB), shop: entitiesOf(u, vocabulary) };
}

/** The person's audience said only by a pronoun ("for him", "para ella"), which a child's age overrides. */
const HIM_OR_HER = /(?<![\p{L}])(?:for (?:him|her)|para (?:el|ella))(?![\p{L}])/u;

/** Relatives who may be children: a child's age said of them puts the list in the kids' section. */
const MAY_BE_CHILDREN: ReadonlySet<string> = new Set(['son', 'daughter', 'child', 'baby', 'grandchild', 'niece', 'nephew', 'brother', 'sister', 'cousin', 'godchild']);

/** "A jacket for my son, he's 6", "mi hija de 8 años", "my 6 year old": a child of 12 or under (audience.ts `saysChildAge`). */
function childByAge(recipient: string | undefined, folded: string): boolean {
  return (recipient === undefined || MAY_BE_CHILDREN.has(recipient)) && saysChildAge(folded);
}

/** `{audience}` when there is one. */
function withAudience(a: ReturnType<typeof selfAudience>): { audience?: NonNullable<ReturnType<typeof selfAudience>> } {
  return a ? { audience: a } : {};
}

/** The kinds of garment worn over or under another, when the shopper names none ("something to wear over a tank top"). */
const WORN_KINDS: Readonly<Record<'over' | 'under', readonly string[]>> = { over: ['jackets', 'coats', 'sweaters', 'hoodies'], under: ['tops', 't-shirts', 'shirts'] };
