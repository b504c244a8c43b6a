/**
 * How well a product matches what the shopper said: the intent type's multiplier for the base score,
 * and matches of the intent's entities against the product (categories through the EN/ES synonym
 * table against category, product type, tags and title; brands against the vendor; colours against
 * available variants, title and tags; sizes against available variants; recipient and occasion against
 * audience and occasion words). Every match is a structured reason.
 *
 * A colour the variant options offer is the shopper's only in an available variant: a product whose
 * purple variants are all sold out does not match "purple", whatever its tags or title say. A size
 * asked with a colour is looked for among the available variants of that colour ("a black one in M");
 * a product that lists no sizes at all is not known to miss one (`MEETS_SIZE_UNLISTED`).
 *
 * Categories are scored as kinds (categoryKinds.ts): entries naming one kind count once, and the
 * narrower kinds a family word brings ("a top": tees, shirts, jumpers) count once together, below the
 * kind the shopper said.
 */
import type { Product, Variant } from '../catalog/product.ts';
import { pickVariants, variantHas, type OptionWish } from '../catalog/variantMatch.ts';
import { COLOURS, PRODUCT_COLOUR_FORMS, withShades } from '../intent/colours.ts';
import { ONE_SIZE, sizeKey, sizeKeys, sizeWordKeys, waistLengthOfOptions } from '../intent/sizes.ts';
import type { Money } from '../money.ts';
import { CATEGORY_SYNONYMS, SUBKIND_FORMS, SUBKIND_SAID } from '../intent/synonyms.ts';
import { MATERIALS } from '../intent/materials.ts';
import { placeNamed, type Place } from '../intent/places.ts';
import type { Intent, IntentEntities, IntentType, Rejection } from '../intent/types.ts';
import { categoryParts, mayContain, mayHaveWord, phrase, productText, type ProductText, type TextField } from './productText.ts';
import { materialFields } from './materialMatch.ts';
import { contextSignals, giftWordOf } from './seasonal.ts';
import { labelAudiences, titleAudiences, type ProductAudience, type WordAudiences } from './productAudience.ts';
import { boundedMemo } from '../boundedMemo.ts';
import { heldMap, heldSet } from '../sharedEmpty.ts';
import { sharedString } from '../sharedStrings.ts';
import { categoryKinds } from './categoryKinds.ts';
import { AUDIENCE_WORD, fitsAudience, wantedAudience } from './wantedAudience.ts';

/** Multiplier of the base score per intent type (a buyer trusts what they were looking at; a researcher explores). */
export const INTENT_MULTIPLIERS: Readonly<Record<IntentType, number>> = Object.freeze({
  high_purchase_intent: 1.5,
  comparison_shopping: 1.2,
  browsing: 1.0,
  research: 0.8,
});

/**
 * The base-score multiplier of an intent: the expectation of {@link INTENT_MULTIPLIERS} under the
 * calibrated intent probabilities (so a 55/45 call between two types moves the list half as much as a
 * sure one, which keeps paraphrases close), or the type's multiplier when no scores are given.
 */
export function intentMultiplier(intent: Pick<Intent, 'type' | 'scores'> | undefined): number {
  if (!intent) return 1;
  let sum = 0;
  let mass = 0;
  for (const [t, m] of Object.entries(INTENT_MULTIPLIERS) as [IntentType, number][]) {
    const p = intent.scores?.[t];
    if (typeof p === 'number' && p > 0) {
      sum += p * m;
      mass += p;
    }
  }
  return mass > 0 ? sum / mass : INTENT_MULTIPLIERS[intent.type];
}

/** Where an entity matched. `variant`: an available variant's option (colour, size). */
export type IntentField = TextField | 'variant' | 'price';

/** One entity matched on a product. */
export interface IntentReason {
  readonly source: 'intent';
  /** The entity as stated (category, brand, colour, size, recipient, occasion or `gift`). */
  readonly term: string;
  readonly field: IntentField;
  /**
   * Whom the product is made for, when this is the match of whom it is for (`term` is then the audience
   * said, "men", or the person it is for, "husband"): a reason says "Made for men, for your husband".
   */
  readonly audience?: 'women' | 'men' | 'kids';
  /** Contribution to the final score (filled in by `personalize`; here the match's share of the intent score). */
  readonly score: number;
}

/** The intent score of one product. */
export interface IntentMatch {
  /** In [0, 1]: matched entity weight over stated entity weight (audience mismatches subtract). */
  readonly score: number;
  readonly reasons: readonly IntentReason[];
}

/** Weight of each kind of entity in the intent score. */
export const ENTITY_WEIGHTS = Object.freeze({ category: 1, brand: 1, colour: 0.6, size: 0.6, recipient: 0.5, occasion: 0.3, gift: 0.4, purpose: 0.3, term: 0.8, sale: 0.6 });

/**
 * The weight of a product of a kind kin to the one asked for, where none of that kind is had (a broader
 * kind, or one that stands in for it): a title term's, so that kin comes before a product of another
 * kind whose description has a word of the message.
 */
const KIN_WEIGHT = ENTITY_WEIGHTS.term;

/** Strength of a match by field (a word in the title says less than the category). */
const FIELD_STRENGTH: Readonly<Record<IntentField, number>> = {
  category: 1, productType: 1, tags: 0.9, vendor: 1, variant: 1, options: 0.9, title: 0.8, description: 0.5, price: 1,
};

// --- categories ------------------------------------------------------------------------------

/** A group's names as phrase keys. */
const namesOf = (g: (typeof CATEGORY_SYNONYMS)[number]): string[] => [...new Set([...g.en, ...g.es].map(phrase).filter((k) => k !== ''))];
const GROUP_BY_NAME = new Map(CATEGORY_SYNONYMS.map((g) => [g.en[0] as string, g]));

/**
 * Synonym phrase key → every key of its groups, the words its products are marked by
 * (`SynonymGroup.marks`), and for a room or place its narrower kinds' names: a shop with no word for
 * the living room meets "algo para decorar el living" with its sofas and armchairs, which titles name.
 */
const SYNONYMS = new Map<string, string[]>();
for (const g of CATEGORY_SYNONYMS) {
  const keys = namesOf(g);
  const marks = (g.marks ?? []).map(phrase).filter((k) => k !== '');
  const kindsThere = g.place ? (g.narrower ?? []).flatMap((n) => (GROUP_BY_NAME.get(n) ? namesOf(GROUP_BY_NAME.get(n) as (typeof CATEGORY_SYNONYMS)[number]) : [])) : [];
  for (const k of keys) SYNONYMS.set(k, [...new Set([...(SYNONYMS.get(k) ?? []), ...keys, ...marks, ...kindsThere])]);
}

/** A category term prepared for matching. */
interface CategoryKey {
  /** Full taxonomy path (lower case) when the term is one. */
  readonly path?: string;
  /** Phrase keys (the term's leaf and its synonyms), longest first. */
  readonly keys: readonly string[];
  /** The head noun its synonym group says products of the kind are named by alone (`SynonymGroup.heads`). */
  readonly head?: HeadKey;
  /** The kinds whose products are of this one when they say a word of it (`SynonymGroup.kindWith`), the words padded. */
  readonly with?: { readonly of: readonly string[]; readonly said: readonly string[] };
}

/** The head noun of a term, and the table's names of other kinds with that head. */
interface HeadKey {
  readonly word: string;
  readonly rivals: readonly string[];
}

/** Synonym phrase key → the head nouns its groups name (`SynonymGroup.heads`) with their rival kinds' keys. */
const HEADS = new Map<string, HeadKey>();
for (const g of CATEGORY_SYNONYMS) {
  for (const h of g.heads ?? []) {
    const word = phrase(h);
    const own = new Set([...g.en, ...g.es].map(phrase));
    // Other groups with a name holding the word ("cooking pot", "pots and pans" of cookware): all their names.
    const rivals = CATEGORY_SYNONYMS.filter((o) => o !== g && [...o.en, ...o.es].some((t) => ` ${phrase(t)} `.includes(` ${word} `))).flatMap((o) => [...o.en, ...o.es].map(phrase));
    for (const k of own) HEADS.set(k, { word, rivals: [...new Set(rivals)].filter((r) => r !== '' && !own.has(r)) });
  }
}

/** Synonym phrase key → its group's `kindWith`, the words padded for whole-word matching. */
const KIND_WITH = new Map<string, NonNullable<CategoryKey['with']>>();
for (const g of CATEGORY_SYNONYMS) {
  if (!g.kindWith) continue;
  const w = { of: g.kindWith.of, said: g.kindWith.said.map((s) => ` ${phrase(s)} `) };
  for (const k of namesOf(g)) KIND_WITH.set(k, w);
}

const categoryKeyCache = new Map<string, CategoryKey>();

function categoryKey(term: string): CategoryKey {
  let c = categoryKeyCache.get(term);
  if (c) return c;
  const parts = categoryParts(term);
  const leaf = phrase(parts.at(-1) ?? term);
  const keys = new Set<string>([leaf]);
  for (const k of SYNONYMS.get(leaf) ?? []) keys.add(k);
  // "Shirts & Tops" → "shirt", "top"; "Lotion & Moisturizer" → both.
  for (const sub of (parts.at(-1) ?? term).split(/&|,|\+|\band\b|\by\b/i)) {
    const k = phrase(sub);
    if (k !== '' && k !== leaf) {
      keys.add(k);
      for (const s of SYNONYMS.get(k) ?? []) keys.add(s);
    }
  }
  // The leaf's head word, else a part's ("Shirts & Tops": "top").
  let head = HEADS.get(leaf);
  for (const k of keys) head ??= HEADS.get(k);
  const kindWith = KIND_WITH.get(leaf);
  c = {
    ...(parts.length > 1 ? { path: parts.join(' > ').toLowerCase() } : {}),
    keys: [...keys].filter((k) => k !== '').sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
    ...(head ? { head } : {}),
    ...(kindWith ? { with: kindWith } : {}),
  };
  if (categoryKeyCache.size < 10_000) categoryKeyCache.set(term, c);
  return c;
}

const CATEGORY_FIELDS: readonly TextField[] = ['category', 'productType', 'tags', 'title'];
/** Where what a product is for or is like is found: a description says it too ("waterproof", "perfect on your sofa"). */
const PURPOSE_FIELDS: readonly TextField[] = [...CATEGORY_FIELDS, 'description'];

/**
 * Whether a product matches a category filter ({@link matchCategory}) and is not made for the other
 * place than the one the term names (`category: "Outdoor"` holds the garden's kinds, but not a pot whose
 * type says "Indoor": MCP probe, 2026-12-07).
 */
export function inCategory(p: Product, term: string): boolean {
  if (matchCategory(p, term) === undefined) return false;
  const asked = placeNamed([phrase(term)]);
  const own = matchFeaturesOf(p).place;
  return asked === undefined || own === undefined || own === asked;
}

/**
 * Where a product matches a category term (a taxonomy path, a product type, a tag or a plain word in
 * English or Spanish), or `undefined`. `fields` limits where to look (rejections skip the title).
 */
export function matchCategory(p: Product, term: string, fields: readonly TextField[] = CATEGORY_FIELDS): TextField | undefined {
  return categoryMatch(p, matchFeaturesOf(p), term, fields);
}

/** {@link matchCategory} given the product's match features (looked up once per product scored). */
function categoryMatch(p: Product, mf: MatchFeatures, term: string, fields: readonly TextField[] = CATEGORY_FIELDS): TextField | undefined {
  // Shoppers name the same few categories over and over: the answer is kept per product and term.
  const key = fields === CATEGORY_FIELDS ? term : `${fields.join(',')}\u0000${term}`;
  const hit = mf.categories?.get(key);
  if (hit !== undefined) return hit === null ? undefined : hit;
  const found = findCategory(p, term, fields);
  const memo = (mf.categories ??= new Map());
  if (memo.size < MAX_CATEGORY_MATCHES) memo.set(key, found ?? null);
  return found;
}

/** A narrower kind's names (synonyms.ts `SUBKIND_FORMS`) and the words that say it anywhere (`SUBKIND_SAID`), padded for whole-word matching. */
interface SubkindWords {
  readonly names: readonly string[];
  readonly said: readonly string[];
}

/** Each narrower kind's words ({@link SubkindWords}), by each of its names. */
const SUBKIND_WORDS_OF: ReadonlyMap<string, SubkindWords> = new Map(
  SUBKIND_FORMS.flatMap((forms) => {
    const words: SubkindWords = { names: forms.map((f) => ` ${phrase(f)} `), said: (SUBKIND_SAID.get(forms[0] as string) ?? []).map((w) => ` ${phrase(w)} `) };
    return forms.map((f) => [phrase(f), words] as const);
  }),
);

/**
 * Whether a product says one of the narrower kinds asked for (`IntentEntities.subkinds`): by any of its
 * names in its type, category, tags or title, or by a word that says it (`SUBKIND_SAID`) there or in
 * its description ("Stylish sleeveless white top" is a sleeveless top).
 */
function saysSubkind(p: Product, subkinds: readonly string[]): boolean {
  const t = productText(p);
  for (const s of subkinds) {
    const key = phrase(s);
    const words = SUBKIND_WORDS_OF.get(key);
    for (const name of words?.names ?? [` ${key} `]) for (const f of CATEGORY_FIELDS) if (t.fields[f].includes(name)) return true;
    for (const w of words?.said ?? []) for (const f of PURPOSE_FIELDS) if (t.fields[f].includes(w)) return true;
  }
  return false;
}

/**
 * The head of a product's title: its main part (before a dash, bar, bracket, comma or "for"/"with"
 * clause: "Biodegradable Cardboard Pots (Pack of 10)", "Trowel - Stainless") as folded, singular words.
 * English titles put the kind last ("Cardboard *Pot*", "Boot-Shaped *Mug*").
 */
const titleHeads = new WeakMap<Product, string>();
function titleHead(p: Product): string {
  let h = titleHeads.get(p);
  if (h === undefined) {
    const main = p.title.split(/\s[-–—|:]\s|[([,;]|\s(?:for|with|by|in|from)\s/i)[0] ?? '';
    h = ` ${phrase(main)} `;
    titleHeads.set(p, h);
  }
  return h;
}

/**
 * Whether a product's title ends its main part with the category `term` (any of its names), as
 * "Biodegradable Cardboard Pots" is a pot. What a shopper refuses ("not pots") is refused there too,
 * where the product's type and tags do not say it (a pot typed "Outdoor"); a title that only mentions
 * the word elsewhere ("Pot Holder", "Boot-Shaped Mug") is not of that kind.
 */
export function titleIsOf(p: Product, term: string): boolean {
  const head = titleHead(p);
  if (head.trim() === '') return false;
  const k = categoryKey(term);
  if (k.keys.some((key) => key !== k.head?.word && head.endsWith(` ${key} `))) return true;
  // By its head word ("Plant Pot", "maceta": pots), as asking for the kind finds it, and only for a
  // product that names no rival kind with it ("LED High Tops" is no top).
  return k.head !== undefined && head.endsWith(` ${k.head.word} `) && headOk(productText(p), k.head);
}

/** Category answers kept per product (the first ones asked; a bound on memory per product). */
const MAX_CATEGORY_MATCHES = 16;

function findCategory(p: Product, term: string, fields: readonly TextField[]): TextField | undefined {
  const k = categoryKey(term);
  if (k.path) {
    const own = matchFeaturesOf(p).categoryPath;
    if (own === k.path || own.startsWith(`${k.path} >`)) return 'category';
  }
  const t = productText(p);
  // A head word that is also a name of the kind ("top") is matched as a head only: "LED High Tops" is a
  // sneaker and "Top Quality Jacket" a jacket, neither a top.
  const keys = k.keys.filter((key) => key !== k.head?.word && mayContain(t, key));
  const head = k.head !== undefined && headOk(t, k.head) ? k.head : undefined;
  // Field by field, the strongest first: a tag "Pot" says as much as a tag "Plant Pot".
  if (keys.length > 0 || head !== undefined) {
    for (const f of fields) {
      for (const key of keys) if (t.fields[f].includes(` ${key} `) && !(MATERIAL_NAMES.has(key) && !materialNameIsKind(p, key, f))) return f;
      if (head !== undefined && headIn(p, t, head.word, f)) return f;
    }
  }
  return k.with !== undefined ? kindWithMatch(p, t, k.with, fields) : undefined;
}

/**
 * Where a product of one of the kinds `w.of` names that kind, when its text, description included,
 * says one of `w.said` (`SynonymGroup.kindWith`: a jacket described as "waterproof" is a raincoat).
 */
function kindWithMatch(p: Product, t: ProductText, w: NonNullable<CategoryKey['with']>, fields: readonly TextField[]): TextField | undefined {
  if (!w.said.some((s) => PURPOSE_FIELDS.some((f) => t.fields[f].includes(s)))) return undefined;
  for (const kind of w.of) {
    const f = findCategory(p, kind, fields);
    if (f !== undefined) return f;
  }
  return undefined;
}

/**
 * Names of a kind that are also a material ("denim" of jeans, "mezclilla", "plumón" of bedding): in a
 * title they name the kind only as its head ("Slim Denim", not "Dark Denim Top", a top made of it), in a
 * description never ("a denim jacket"); a type, category or tag names it.
 */
const MATERIAL_NAMES: ReadonlySet<string> = new Set(Object.values(MATERIALS).flatMap((m) => m.forms.map(phrase)));
function materialNameIsKind(p: Product, key: string, f: TextField): boolean {
  if (f === 'description') return false;
  return f !== 'title' || titleHead(p).endsWith(` ${key} `);
}

/**
 * The broader kinds of each kind's words (the table's `narrower`, reversed; not a place's): a choker
 * is a necklace, a tee a top. A product of the broader kind comes before others when the kind asked
 * for is let go ("a choker that is not leather" in a shop whose chokers are all leather: its other
 * necklaces first), though it never meets the kind.
 */
const BROADER: ReadonlyMap<string, readonly string[]> = (() => {
  const byName = new Map(CATEGORY_SYNONYMS.map((g) => [g.en[0] as string, g] as const));
  const out = new Map<string, string[]>();
  for (const g of CATEGORY_SYNONYMS) {
    if (g.place) continue;
    for (const n of g.narrower ?? []) {
      const h = byName.get(n);
      if (!h) continue;
      for (const t of [...h.en, ...h.es]) {
        const k = phrase(t);
        const parents = out.get(k) ?? [];
        if (!parents.includes(g.en[0] as string)) parents.push(g.en[0] as string);
        out.set(k, parents);
      }
    }
  }
  return out;
})();

/**
 * The other kinds of each kind's families whose kinds stand in for one another (`SynonymGroup.substitutes`):
 * a jacket is the closest thing to a coat a shop of jackets has, an armchair to an office chair.
 */
const SIBLINGS: ReadonlyMap<string, readonly string[]> = (() => {
  const byName = new Map(CATEGORY_SYNONYMS.map((g) => [g.en[0] as string, g] as const));
  const out = new Map<string, readonly string[]>();
  for (const [k, parents] of BROADER) {
    const own = CATEGORY_SYNONYMS.filter((g) => namesOf(g).includes(k)).map((g) => g.en[0] as string);
    const others = parents.flatMap((p) => (byName.get(p)?.substitutes ? (byName.get(p)?.narrower ?? []) : [])).filter((n) => !own.includes(n));
    if (others.length > 0) out.set(k, [...new Set(others)]);
  }
  return out;
})();

/**
 * The broader kind of one of the kinds asked for ({@link BROADER}) the product is of, else another kind
 * of the same family ({@link SIBLINGS}), and where; none when it is of none.
 */
function broaderKindOf(p: Product, mf: MatchFeatures, kinds: readonly string[]): { readonly word: string; readonly field: TextField } | undefined {
  for (const c of kinds) {
    for (const parent of BROADER.get(requestPhrase(c)) ?? []) {
      const f = categoryMatch(p, mf, parent);
      if (f !== undefined) return { word: parent, field: f };
    }
  }
  for (const c of kinds) {
    for (const sibling of SIBLINGS.get(requestPhrase(c)) ?? []) {
      const f = categoryMatch(p, mf, sibling);
      if (f !== undefined) return { word: sibling, field: f };
    }
  }
  return undefined;
}

/** The material name of one of the kinds (`MATERIAL_NAMES`) that the product's title, tags or description has, and where. */
function materialNamed(p: Product, kinds: readonly string[]): { readonly word: string; readonly field: TextField } | undefined {
  const t = productText(p);
  for (const c of kinds) {
    for (const key of categoryKey(c).keys) {
      if (!MATERIAL_NAMES.has(key) || !mayContain(t, key)) continue;
      for (const f of ['title', 'tags', 'description'] as const) if (t.fields[f].includes(` ${key} `)) return { word: key, field: f };
    }
  }
  return undefined;
}

/** Whether the product has the head word and names no rival kind with it ("Cooking Pot" of cookware, for "Plant Pot"). */
function headOk(t: ProductText, head: HeadKey): boolean {
  return mayContain(t, head.word) && !head.rivals.some((r) => mayContain(t, r) && PHRASE_FIELDS.some((f) => t.fields[f].includes(` ${r} `)));
}

/**
 * Whether field `f` of the product names the kind by its head word ({@link CategoryKey.head}): a
 * product type, category part or tag ending with it ("Pot", "Garden Pot"), or a title whose main part
 * does ("White Ceramic Pot", "Biodegradable cardboard pots"; not "Pot Holder").
 */
function headIn(p: Product, t: ProductText, word: string, f: TextField): boolean {
  if (f === 'title') return titleHead(p).endsWith(` ${word} `);
  return f !== 'description' && (t.fields[f].includes(` ${word} |`) || t.fields[f].endsWith(` ${word} `));
}
const PHRASE_FIELDS: readonly TextField[] = ['category', 'productType', 'tags', 'title'];

// --- colours and sizes -----------------------------------------------------------------------

const colourKeyCache = new Map<string, readonly string[]>();

/** Phrase keys of a colour in English and Spanish ("navy" → navy, navy blue, dark blue, azul marino, …). */
export function colourKeys(colour: string): readonly string[] {
  let keys = colourKeyCache.get(colour);
  if (keys) return keys;
  const forms = COLOURS[colour];
  keys = [...new Set([phrase(colour), ...(forms ? [...forms.en, ...forms.es, ...(PRODUCT_COLOUR_FORMS[colour] ?? [])].map(phrase) : [])])].filter((k) => k !== '');
  if (colourKeyCache.size < 1000) colourKeyCache.set(colour, keys);
  return keys;
}

const COLOUR_OPTION = /colou?r|shade|metal|finish|tono|farbe|couleur/i;
const SIZE_OPTION = /size|talla|talle|length|waist|inseam|cintura|largo|fit|taille|numero|número/i;
/** Options of a waist and of a length (a jeans' two size options). */
const WAIST_OPTION = /waist|cintura/i;
const LENGTH_OPTION = /length|inseam|largo/i;

/** The size key of a variant sold in a waist option and a length option ("Waist: 32", "Length: 30" → `32x30`); `undefined` for any other. */
function waistLengthOf(v: Variant): string | undefined {
  let waist: string | undefined;
  let length: string | undefined;
  for (const name in v.options) {
    if (WAIST_OPTION.test(name)) waist = v.options[name];
    else if (LENGTH_OPTION.test(name)) length = v.options[name];
  }
  return waist !== undefined && length !== undefined ? waistLengthOfOptions(waist, length) : undefined;
}
const ONE_SIZE_KEY = sizeKey(ONE_SIZE);

/** Option values as padded phrases (` navy blue `); a shop has few distinct values, so they are kept. */
const paddedValues = new Map<string, string>();

/** Whether an option value names the colour (whole words, EN/ES forms). */
export function valueHasColour(value: string, colour: string): boolean {
  let v = paddedValues.get(value);
  if (v === undefined) {
    v = ` ${phrase(value)} `;
    if (paddedValues.size < 50_000) paddedValues.set(value, v);
  }
  const padded = v;
  return colourKeys(colour).some((k) => padded.includes(` ${k} `));
}

/** Colour option values of the product's available variants (worked out once per product). */
export function availableColours(p: Product): readonly string[] {
  return matchFeaturesOf(p).colours;
}

/** What matching reads of a product beyond its text (see {@link matchFeaturesOf}). */
export interface MatchFeatures {
  /** Published with an available variant (`isAvailable`). */
  readonly available: boolean;
  /** The cheapest available variant's price. */
  readonly cheapest: Money | undefined;
  /** Category path, lower case, parts joined by ` > `. */
  readonly categoryPath: string;
  /** The vendor as a phrase (folded, singular words). */
  readonly vendorKey: string;
  /** Colour option values of the available variants, as written, first seen first. */
  readonly colours: readonly string[];
  /** Size keys (see `sizeKeys`) of the available variants' size options; `one size` when they have none. */
  readonly sizes: ReadonlySet<string>;
  /**
   * Whether the product says what sizes it comes in: an available variant has a size option, or its
   * title names a size ("Large Tote Bag"). A CSV export's "Default Title" product says nothing of them.
   */
  readonly sizesListed: boolean;
  /**
   * Canonical colours (`intent/colours.ts`, metals included) the product shows, EN and ES forms
   * alike, with where: an available variant's colour option first, then the title, then the tags.
   */
  readonly colourFields: ReadonlyMap<string, IntentField>;
  /** Colour option values only sold-out variants have (offered, but not to be had now). */
  readonly soldOutColours: readonly string[];
  /**
   * Canonical colours a rejection of which rules the product out, with where: the title or tags
   * name it, or else every available colour variant is that colour (`variant`). A product whose
   * title, tags and options state no colour at all is the colours its description opens with
   * (`description`: "Thick black winter jacket, with …").
   */
  readonly colourRejects: ReadonlyMap<string, 'title' | 'tags' | 'variant' | 'description'>;
  /** Audiences (women, men, children) the product is for, with the first field that says so. */
  readonly audiences: ReadonlyMap<Audience, TextField>;
  /** Audiences named in tags, product type or category (a men's shirt is not for "my mother"). */
  readonly madeFor: ReadonlySet<Audience>;
  /** Known occasions whose words the product has, with the first field. */
  readonly occasions: ReadonlyMap<string, TextField>;
  /**
   * What makes a product a present and where it says so: gift tags, else the word of its kind that does
   * ("candle" in its title): `undefined` when nothing does. Quoted as it is (a candle's reason is not "gift" in its product type).
   */
  readonly gift: { readonly word: string; readonly field: TextField; readonly tagged: boolean } | undefined;
  /** On sale: an available variant's compare-at price is above its price. */
  readonly onSale: boolean;
  /** Where the product says it is used, by its type, category, tags or title ("Indoor", "Outdoor", "Garden"), when it says one only. */
  readonly place: Place | undefined;
  /**
   * Category answers asked so far (term → field or `null`), at most `MAX_CATEGORY_MATCHES`: a memo,
   * made on the first answer (most of a catalog's products are never asked about a category).
   */
  categories: Map<string, TextField | null> | undefined;
}

const featureCache = new WeakMap<Product, MatchFeatures>();


/** Canonical colours a colour option value names (a shop has few distinct values, so they are kept). */
const valueColours = new Map<string, readonly string[]>();
function coloursOfValue(value: string): readonly string[] {
  let cs = valueColours.get(value);
  if (cs) return cs;
  cs = CANONICAL_COLOURS.filter((c) => valueHasColour(value, c));
  if (valueColours.size < 50_000) valueColours.set(value, cs);
  return cs;
}

const CANONICAL_COLOURS = Object.keys(COLOURS);
const COLOUR_TEXT_FIELDS: readonly TextField[] = ['title', 'tags'];

/**
 * A product's match features (availability, cheapest price, category path, vendor, available colours
 * and sizes, the canonical colours it shows, audiences, occasions, gift words), worked out once per
 * product object (catalog products are immutable; a catalog reload brings new objects), so that
 * matching an intent costs a few lookups per candidate instead of walking variants and text.
 */
export function matchFeaturesOf(p: Product): MatchFeatures {
  let f = featureCache.get(p);
  if (f) return f;
  const t = productText(p);
  const colours: string[] = [];
  const sizes = new Set<string>();
  let cheapest: Money | undefined;
  let anyAvailable = false;
  let onSale = false;
  let sized = false;
  const offered: string[] = [];
  for (const v of p.variants) {
    if (!v.available) {
      for (const [name, value] of Object.entries(v.options)) if (COLOUR_OPTION.test(name) && !offered.includes(value)) offered.push(value);
      continue;
    }
    anyAvailable = true;
    if (v.compareAtPrice !== undefined && v.compareAtPrice.amount > v.price.amount) onSale = true;
    if (!cheapest || v.price.amount < cheapest.amount) cheapest = v.price;
    for (const [name, value] of Object.entries(v.options)) {
      if (COLOUR_OPTION.test(name) && !colours.includes(value)) colours.push(value);
      if (SIZE_OPTION.test(name)) {
        sized = true;
        for (const k of sizeKeys(value)) sizes.add(k);
      }
    }
    // Jeans sold in a waist option and a length option: the pair is a size too ("32x30").
    const pair = waistLengthOf(v);
    if (pair !== undefined) sizes.add(pair);
  }
  // A product sold without a size option comes in one size ("one size", "talla única" find it).
  if (anyAvailable && !sized) sizes.add(ONE_SIZE_KEY);
  const colourFields = new Map<string, IntentField>();
  const colourRejects = new Map<string, 'title' | 'tags' | 'variant' | 'description'>();
  const perValue = colours.map(coloursOfValue);
  const soldOutColours = offered.filter((v) => !colours.includes(v));
  const soldOut = soldOutColours.map(coloursOfValue);
  for (const c of CANONICAL_COLOURS) {
    const text = findAny(t, colourKeys(c), COLOUR_TEXT_FIELDS) as 'title' | 'tags' | undefined;
    const onVariant = perValue.some((cs) => cs.includes(c));
    // Offered by the options in sold-out variants only: the title's or tags' word is of those.
    const field = onVariant ? 'variant' : soldOut.some((cs) => cs.includes(c)) ? undefined : text;
    if (field) colourFields.set(c, field);
    const every = perValue.length > 0 && perValue.every((cs) => cs.includes(c));
    const reject = text ?? (every ? 'variant' : undefined);
    if (reject) colourRejects.set(c, reject);
  }
  // The colours the description's first sentence names count too, whatever the title, tags and
  // options say ("Black choker necklace" tagged Silver is black and silver): a product's colours are
  // the union of its fields. A colour only sold-out variants offer is still none.
  const opening = openingSentence(p.description);
  for (const c of opening ? CANONICAL_COLOURS : []) {
    if (soldOut.some((cs) => cs.includes(c)) && !perValue.some((cs) => cs.includes(c))) continue;
    if (colourKeys(c).some((k) => opening.includes(` ${k} `))) {
      if (!colourFields.has(c)) colourFields.set(c, 'description');
      if (!colourRejects.has(c)) colourRejects.set(c, 'description');
    }
  }
  const audiences = new Map<Audience, TextField>();
  const madeFor = new Set<Audience>();
  // The shop's own data first (Google Shopping gender / age group, category metafields), then its words.
  for (const a of p.audiences ?? []) {
    const key = a === 'women' ? 'female' : a === 'men' ? 'male' : 'child';
    audiences.set(key, 'category');
    // A unisex product is made for both, so for neither exclusively: no penalty for either.
    if (!(a !== 'kids' && p.audiences?.includes('women') && p.audiences.includes('men'))) madeFor.add(key);
  }
  // When the data names a gender, it decides both genders (a "women" tag on a product marked male is not read).
  const dataGender = p.audiences?.some((a) => a !== 'kids') === true;
  // Then its words (productAudience.ts), read only when some audience word is there at all.
  const hinted = AUDIENCE_TEXT_FIELDS.some((f) => AUDIENCE_HINT.test(t.fields[f]));
  const words = hinted ? wordAudiences(p) : undefined;
  for (const a of AUDIENCES) {
    if (!words || audiences.has(a) || (dataGender && a !== 'child')) continue;
    // The shop's labels first (tags, product type, category), then the title.
    const label = words.labels.get(a);
    const at = label ?? (words.title.said.has(a) ? 'title' : undefined);
    if (at) audiences.set(a, at);
    if (label !== undefined || words.title.madeFor.has(a)) madeFor.add(a);
  }
  const occasions = new Map<string, TextField>();
  for (const [o, keys] of Object.entries(OCCASION_WORDS)) {
    const at = findAny(t, keys, OCCASION_FIELDS);
    if (at) occasions.set(o, at);
  }
  f = {
    available: p.published && anyAvailable,
    cheapest,
    // Kept for as long as the catalog, and shared by the products of one path or vendor (sharedStrings.ts).
    categoryPath: sharedString(categoryParts(p.category).join(' > ').toLowerCase()),
    vendorKey: sharedString(phrase(p.vendor)),
    colours,
    soldOutColours,
    sizes: heldSet(sizes),
    sizesListed: sized || sizeWordKeys(p.title).length > 0,
    colourFields: heldMap(colourFields),
    colourRejects: heldMap(colourRejects),
    audiences: heldMap(audiences),
    madeFor: heldSet(madeFor),
    occasions: heldMap(occasions),
    gift: giftOf(p, t),
    onSale,
    place: placeOf(p),
    categories: undefined,
  };
  featureCache.set(p, f);
  return f;
}

/**
 * Works out everything matching and context scoring read of a product (its folded text, match
 * features, materials and text signals), so a catalog load can pay for it once, ahead of requests.
 */
export function prepareForMatching(p: Product): void {
  matchFeaturesOf(p);
  materialFields(p);
  contextSignals(p);
}

/** Where the product shows the colour (an available variant, the title or the tags), if it does. */
export function colourField(p: Product, colour: string): IntentField | undefined {
  if (Object.hasOwn(COLOURS, colour)) return matchFeaturesOf(p).colourFields.get(colour);
  // A colour name outside the table (an API caller's own word): looked for as written.
  if (availableColours(p).some((v) => valueHasColour(v, colour))) return 'variant';
  if (matchFeaturesOf(p).soldOutColours.some((v) => valueHasColour(v, colour))) return undefined;
  const t = productText(p);
  const keys = colourKeys(colour).filter((k) => mayContain(t, k));
  if (keys.length === 0) return undefined;
  for (const f of ['title', 'tags'] as const) if (keys.some((k) => t.fields[f].includes(` ${k} `))) return f;
  return undefined;
}

/**
 * The opening phrase of a description (HTML tags dropped), folded and singular as {@link phrase} makes
 * it and space-padded, or `''`: what the product is ("Black high top shoes" of "Black high top shoes
 * with green LED lights…"), up to the first punctuation or a word that starts saying what it has, goes
 * with or is for ("Linen shirt with black buttons", "Set of two red wine glasses", "Goes with your
 * little black dress", "Vela con aroma a naranja" name no colour of their own).
 */
function openingSentence(description: string): string {
  const plain = description.replace(/<[^>]*>/g, ' ');
  const clauses = plain.split(/[.,;:!?()\n]/);
  const upToStop = (words: readonly string[]): string => {
    const stop = words.findIndex((w) => OPENING_STOP.has(w));
    return (stop < 0 ? words : words.slice(0, stop)).join(' ').trim();
  };
  const keys = [upToStop(phrase(clauses[0]?.slice(0, 200) ?? '').split(' '))];
  // A later clause that says what "this" is ("Womens casual varsity top, This grey and black buttoned
  // top is a sport-inspired piece…"): its words up to the verb.
  for (const c of clauses.slice(1, 4)) {
    const words = phrase(c.slice(0, 200)).split(' ').filter((w) => w !== '');
    const self = words[0] === 'this' || words[0] === 'este' || words[0] === 'esta' ? 1 : 0;
    if (self === 0) continue;
    const verb = words.findIndex((w, i) => i > 0 && SELF_VERB.has(w));
    if (verb > 1) keys.push(upToStop(words.slice(self, verb)));
  }
  const key = keys.filter((k) => k !== '').join(' ').trim();
  return key === '' ? '' : ` ${key} `;
}

/** The verb after which a clause opening with "this" says what the product is, or does. */
const SELF_VERB = new Set(['is', 'es', 'was', 'has', 'tiene', 'comes', 'viene', 'features', 'will', 'can']);

/** Words after which a description's opening stops saying what the product itself is. */
const OPENING_STOP = new Set(
  ['with', 'without', 'for', 'of', 'to', 'in', 'on', 'from', 'that', 'which', 'go', 'goes', 'pair', 'pairs', 'match', 'matches', 'scent', 'scented',
   'con', 'sin', 'para', 'de', 'del', 'en', 'que', 'aroma', 'combina'].map(phrase),
);

/** Where a rejection of the colour rules the product out (title or tags, every available colour, or the description of a product nothing else gives a colour), if it does. */
export function colourRejection(p: Product, colour: string): 'title' | 'tags' | 'variant' | 'description' | undefined {
  if (Object.hasOwn(COLOURS, colour)) {
    // "Nothing blue" rules out its shades too: a navy jacket (colours.ts `SHADES_OF`).
    const rejects = matchFeaturesOf(p).colourRejects;
    for (const c of withShades(colour)) {
      const f = rejects.get(c);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  const t = productText(p);
  for (const f of ['title', 'tags'] as const) if (colourKeys(colour).some((k) => t.fields[f].includes(` ${k} `))) return f;
  const colours = availableColours(p);
  if (colours.length > 0 && colours.every((c) => valueHasColour(c, colour))) return 'variant';
  return undefined;
}

/** What a shopper asked of a product's variant options: colours (canonical or own words) and sizes. */
export interface VariantWish {
  readonly colours?: readonly string[];
  readonly sizes?: readonly string[];
  /** Colours and materials ruled out: a variant whose colour option names one is not the one shown (hardFilters.ts `escapingVariants`). */
  readonly rejections?: readonly Rejection[];
  /**
   * A price range with a floor ("between 12 and 20 euros", "over 100", "around 50"): a product whose
   * cheapest variant is under it but which sells variants inside it is sold as those (hardFilters.ts).
   * Without a floor the cheapest variant is the one a cap holds, and nothing is picked by price.
   */
  readonly band?: PriceBand;
}

/** A price range in major units of `currency` (absent: the product's own currency), as a shopper said it. */
export interface PriceBand {
  readonly min: number;
  readonly max?: number;
  readonly currency?: string;
}

/**
 * The colours and sizes of the entities that are wishes of the products' options: not those said of
 * one compared option only (`soft`: "the red scarf or the silk one?" need not be red).
 */
export function wishOf(e: (Pick<IntentEntities, 'colours' | 'sizes' | 'soft'> & Partial<Pick<IntentEntities, 'rejections' | 'budget'>>) | undefined): VariantWish | undefined {
  if (!e) return undefined;
  const soft = e.soft ?? [];
  const colours = soft.includes('colour') ? [] : e.colours;
  const sizes = soft.includes('size') ? [] : e.sizes;
  const rejections = (e.rejections ?? []).filter((r) => r.kind === 'colour' || r.kind === 'material');
  const band = bandOf(e.budget);
  if (colours.length === 0 && sizes.length === 0 && rejections.length === 0 && !band) return undefined;
  return { colours, sizes, ...(rejections.length > 0 ? { rejections } : {}), ...(band ? { band } : {}) };
}

/** The budget's range when it has a floor (see {@link VariantWish.band}). */
export function bandOf(b: { readonly min?: number; readonly max?: number; readonly currency?: string } | undefined): PriceBand | undefined {
  if (b?.min === undefined) return undefined;
  return { min: b.min, ...(b.max !== undefined ? { max: b.max } : {}), ...(b.currency ? { currency: b.currency } : {}) };
}

/** A wish for any of the colours, in colour options (`Color`, `Colour`, `Metal`, `Color de metal`, …), EN/ES names. */
function colourWish(colours: readonly string[]): OptionWish {
  return { names: COLOUR_OPTION, wants: (value) => colours.some((c) => valueHasColour(value, c)) };
}

/** A wish for any of the size keys (`sizeKey`), in size options (`Size`, `Talla`, `Tamaño`, …). */
function sizeWish(keys: ReadonlySet<string>): OptionWish {
  return {
    names: SIZE_OPTION,
    wants: (value) => sizeKeys(value).some((k) => keys.has(k)),
    together: (v) => {
      const pair = waistLengthOf(v);
      return pair !== undefined && keys.has(pair);
    },
  };
}

/**
 * The available variants with the colour and size the shopper asked for, where the product's variant
 * options tell them (`variantMatch.ts` `pickVariants`: colour and size together, else the colour's,
 * else the size's). `undefined` when nothing asked picks a variant: nothing asked of the options, a
 * colour the title or tags name but no option, one variant, or none of what was asked available.
 * A budget and the price shown are those of these variants.
 */
export function wantedVariants(p: Product, w: VariantWish | undefined): readonly Variant[] | undefined {
  if (!w || p.variants.length < 2) return undefined;
  const wishes: OptionWish[] = [];
  if (w.colours && w.colours.length > 0) wishes.push(colourWish(w.colours));
  if (w.sizes && w.sizes.length > 0) wishes.push(sizeWish(new Set(w.sizes.map(statedSizeKey))));
  return pickVariants(p, wishes);
}

const NO_COLOURS: readonly string[] = [];

/**
 * Whether an available variant comes in the size key, among the available variants of an asked
 * colour when the options offer that colour and some is available ("black in M" is not met by a
 * white M while a black one is to be had). `colours`: those asked of the products (not a colour said of
 * one compared option only).
 */
function sizeMet(p: Product, mf: MatchFeatures, key: string, colours: readonly string[]): boolean {
  // Sold in no size option, the size its title says ("Large Tote Bag" is a large tote).
  if (!mf.sizes.has(key)) return mf.sizes.has(ONE_SIZE_KEY) && mf.sizes.size === 1 && sizeWordKeys(p.title).includes(key);
  if (colours.length === 0 || mf.colours.length === 0 || key === ONE_SIZE_KEY) return true;
  const inColour = pickVariants(p, [colourWish(colours)]);
  if (!inColour) return true;
  const size = sizeWish(new Set([key]));
  return inColour.some((v) => variantHas(v, size));
}

function matchSize(p: Product, size: string): IntentField | undefined {
  return hasSize(p, size) ? 'variant' : undefined;
}

/** Whether an available variant comes in the size. */
export function hasSize(p: Product, size: string): boolean {
  return matchFeaturesOf(p).sizes.has(sizeKey(size));
}

// --- recipient and occasion ------------------------------------------------------------------

/** Who a product is for (the words that say so: productAudience.ts). */
type Audience = ProductAudience;
const AUDIENCES: readonly Audience[] = ['female', 'male', 'child'];
/** The word a catalog search for an audience's products uses. */
const AUDIENCE_SEARCH_WORD = AUDIENCE_WORD;

/**
 * Audiences a product's words name ({@link titleAudiences}, {@link labelAudiences}): the first label
 * field (tags, product type, category) naming each, and the title's.
 */
function wordAudiences(p: Product): { readonly labels: ReadonlyMap<Audience, TextField>; readonly title: WordAudiences } {
  const labels = new Map<Audience, TextField>();
  const fields: readonly (readonly [TextField, readonly string[]])[] = [['tags', p.tags], ['productType', [p.productType]], ['category', categoryParts(p.category)]];
  for (const [field, values] of fields) for (const v of values) for (const a of labelAudiences(v)) if (!labels.has(a)) labels.set(a, field);
  return { labels, title: titleAudiences(p.title) };
}

/**
 * Folded, singular words (as `productText` has them) one of which a product's title or labels have
 * when any audience word could be there: the audience rules are read only then (a cheap test per product).
 */
const AUDIENCE_HINT = new RegExp(
  ` (?:${['women', 'woman', 'men', 'man', 'lady', 'gentlemen', 'gent', 'female', 'male', 'her', 'him', 'kid', 'children', 'child', 'baby', 'toddler', 'junior', 'youth', 'boy', 'girl',
    'mujer', 'dama', 'senora', 'senor', 'hombre', 'caballero', 'femenino', 'femenina', 'masculino', 'masculina', 'nino', 'nina', 'bebe', 'infantil', 'infante', 'chico', 'chica', 'womenswear', 'menswear'].join('|')}) `,
);
const AUDIENCE_TEXT_FIELDS: readonly TextField[] = ['title', 'tags', 'productType', 'category'];
const OCCASION_FIELDS: readonly TextField[] = ['tags', 'title', 'productType', 'category'];
const GIFT_KEYS: readonly string[] = ['gift', 'gift idea', 'regalo'];

/** The word of a known occasion's ({@link OCCASION_WORDS}) that field `f` of the product has. */
function occasionWordIn(p: Product, occasion: string, f: TextField): string | undefined {
  const field = productText(p).fields[f];
  return OCCASION_WORDS[occasion]?.find((k) => field.includes(` ${k} `));
}

/** What makes a product a present: a gift tag, else the word of its kind ({@link MatchFeatures} `gift`); undefined when nothing does. */
function giftOf(p: Product, t: ProductText): { readonly word: string; readonly field: TextField; readonly tagged: boolean } | undefined {
  const tagged = findAny(t, GIFT_KEYS, ['tags']);
  if (tagged !== undefined) return { word: 'gift', field: tagged, tagged: true };
  const kind = giftWordOf(p);
  return kind ? { ...kind, tagged: false } : undefined;
}

/** First field (in `fields` order) holding one of the phrase keys; keys whose words the product lacks are skipped (no allocation). */
function findAny(t: ProductText, keys: readonly string[], fields: readonly TextField[]): TextField | undefined {
  let any = false;
  for (const k of keys) if (mayContain(t, k)) any = true;
  if (!any) return undefined;
  for (const f of fields) for (const k of keys) if (mayContain(t, k) && t.fields[f].includes(` ${k} `)) return f;
  return undefined;
}

const OCCASION_WORDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries({
    birthday: 'birthday,cumpleanos,party,fiesta',
    anniversary: 'anniversary,aniversario,romantic,romantico',
    wedding: 'wedding,bridal,bride,boda,novia,formal,evening',
    christmas: 'christmas,xmas,holiday,navidad,navideno,winter',
    valentines: 'valentine,heart,love,romantic,san valentin,corazon,amor',
    mothers_day: 'mom,mum,mother,mama,madre',
    fathers_day: 'dad,father,papa,padre',
    graduation: 'graduation,graduacion',
    baby_shower: 'baby,bebe,newborn',
    housewarming: 'home,decor,candle,kitchen,hogar,casa,vela',
    party: 'party,fiesta,evening,cocktail,sequin,noche',
    interview: 'formal,tailored,blazer,suit,oxford,traje',
    travel: 'travel,viaje,packable,carry-on,portable,compact,ultralight',
    date: 'evening,romantic,noche,romantico',
    halloween: 'halloween,costume,disfraz,pumpkin,calabaza',
    easter: 'easter,pascua',
  }).map(([k, v]) => [k, v.split(',').map(phrase)]),
);

// --- the score -------------------------------------------------------------------------------

/** Whether the entities say anything a product could match (categories, brands, colours, sizes, recipient or audience, occasion, gift). */
export function hasPositiveEntities(e: IntentEntities | undefined): boolean {
  if (!e) return false;
  return (
    e.categories.length > 0 || e.brands.length > 0 || e.colours.length > 0 || e.sizes.length > 0 ||
    (e.recipient !== undefined && e.recipient !== 'self') || e.audience !== undefined || e.pricePreference !== undefined || e.onSale === true || e.occasion !== undefined || e.isGift ||
    (e.terms !== undefined && e.terms.length > 0) || e.place !== undefined
  );
}

/** Where a term is looked for, strongest first: a word of the title names the product, one of its tags or description describes it. */
const TERM_FIELDS = ['title', 'tags', 'description'] as const;
/** A term's share of its weight by the field it is in. */
const TERM_FIELD_SHARE: Readonly<Record<(typeof TERM_FIELDS)[number], number>> = { title: 1, tags: 0.8, description: 0.5 };

/**
 * A colour's share of its weight by where the product shows it: a variant of the colour, or the title
 * naming it ("Dainty Gold Necklace"), says what the product is; a tag says less ("Choker with Bead"
 * tagged Gold, a black cord with a gold bead), a description's opening words less again.
 */
const COLOUR_FIELD_SHARE: Partial<Readonly<Record<IntentField, number>>> = { variant: 1, title: 1, options: 0.9, tags: 0.8, description: 0.5 };

/** Records one matched entity when reasons are asked for; returns its weight (a module function: no closure per product scored). */
function hit(reasons: IntentReason[] | undefined, term: string, field: IntentField, w: number): number {
  const v = w * FIELD_STRENGTH[field];
  reasons?.push({ source: 'intent', term, field, score: v });
  return v;
}

/**
 * Brand names and category terms as phrases (a request names a few; each was folded once per candidate
 * scored).
 */
const requestPhrase = boundedMemo(phrase, 10_000);

/** Size keys of stated sizes (a request names a few; each was normalised once per candidate). */
const statedSizeKey = boundedMemo(sizeKey, 10_000);

/** Whether the product is the brand's (its vendor, as a phrase). */
export function isFromBrand(p: Product, brand: string): boolean {
  const vendor = matchFeaturesOf(p).vendorKey;
  return vendor !== '' && requestPhrase(brand) === vendor;
}

/** Where the product says its place (as {@link placeOf} reads it): its type, category, tags or title. */
function placeField(p: Product, place: Place): TextField {
  const said = (text: string): boolean => placeNamed(phrase(text).split(' ')) === place;
  return said(p.productType) ? 'productType' : said(p.category) ? 'category' : p.tags.some(said) ? 'tags' : 'title';
}

/**
 * The one place a product's type, category, tags or title name ("Wooden Outdoor Table", type "Indoor";
 * intent/places.ts); none or both: `undefined`. Only the product's own words: a room in a description
 * ("perfect for the bedroom") says where it may go, not where it is made for.
 */
function placeOf(p: Product): Place | undefined {
  // Each word, and each type, tag and category part whole ("Living Room").
  const parts = [p.productType, ...categoryParts(p.category), ...p.tags].map(phrase);
  return placeNamed([...phrase([p.productType, p.category, ...p.tags, p.title].join(' ')).split(' '), ...parts]);
}

/** Bits of {@link IntentScore.meets}: the stated kinds a product meets (any named value of the kind). */
export const MEETS_CATEGORY = 1;
export const MEETS_BRAND = 2;
export const MEETS_COLOUR = 4;
export const MEETS_SIZE = 8;
/** Not made only for another audience than the one asked for (wantedAudience.ts). */
export const MEETS_AUDIENCE = 32;
/**
 * A size was asked for and the product does not say what sizes it comes in (`sizesListed`): not known
 * to miss it. Held as meeting the size, after the products known to have it, and said to be unchecked
 * (personalize.ts, constraints.ts `checkedOutcomeFor`).
 */
export const MEETS_SIZE_UNLISTED = 64;
/**
 * Meets the category only through a narrower kind of a family said ("a top": a shirt, not a top;
 * categoryKinds.ts): personalize.ts ranks these after the products of the kind said.
 */
export const MEETS_FAMILY_ONLY = 128;
/** On sale, as asked (`onSale`). */
export const MEETS_SALE = 256;
/**
 * Of the kind asked for, but not the narrower one named (`IntentEntities.subkinds`: a necklace for "a
 * choker") or not for the place asked (an indoor sofa for "an outdoor sofa"): it does not meet the
 * category, but where no product does, personalize.ts still holds the list to these (the necklaces,
 * not the shop's jackets).
 */
export const MEETS_KIND_ONLY = 2048;
/**
 * Of no kind asked for, but of one kin to it (its broader kind, or one that stands in for it: a
 * necklace for "a choker", a jacket for "a coat"): where no product is of the kind, personalize.ts
 * holds the list to these before products of any kind.
 */
export const MEETS_KIN = 4096;
/**
 * Of no kind asked for, nor kin to it, but for the place asked with it (an indoor candle for "a rug for
 * the living room"): where no product is of the kind or kin to it, personalize.ts holds the list to these
 * before products of any place (the garden pots that "cheap" put first).
 */
export const MEETS_PLACE_ONLY = 8192;

/** The term of an intent reason for a product on sale, as asked. */
export const ON_SALE_TERM = 'on sale';

/** The intent score of one product and the stated kinds it meets, written by {@link scoreIntentInto}. */
export interface IntentScore {
  /** As {@link IntentMatch.score}. */
  score: number;
  /** `MEETS_*` bits: a named category, brand, colour or size the product has. */
  meets: number;
}

/** Per kind of the request's categories (categoryKinds.ts), for the product being scored (scratch: scoring is synchronous). */
const kindHits: number[] = [];
const kindTerm: (string | undefined)[] = [];
const kindField: (TextField | undefined)[] = [];
/** Whether the product last scored by {@link categoryScore} is of a kind said (not only of a family's narrower kind). */
let kindSaid = false;

/**
 * Share of the category weight a product of the kinds asked for gets whatever else (see
 * {@link categoryScore}): a product of a family's narrower kind ("a shirt" for "a top") gets this alone.
 */
const KIND_FLOOR = 0.6;

/**
 * The category part of the intent score, with its reasons. The terms are read as kinds
 * (categoryKinds.ts): a product of a kind the shopper said gets `best · (0.6 + 0.4 · share)`, where
 * `best` is the strength of the strongest field it matched in and `share` how much of the said kinds
 * it has: each kind counted once, in part when it is named by several entries and the product has
 * only some (a product type "Necklaces" and a tag "Necklace"); of alternatives of one family
 * (`once`), its best kind only. A product only of a narrower kind of a family said ("a shirt" for "a
 * top") is of the kinds asked for and gets the floor, `best · 0.6`, once however many of the family's
 * kinds it matches: the word the shopper said ranks first. One reason per kind counted (the term
 * matched in the strongest field).
 */
function categoryScore(p: Product, mf: MatchFeatures, terms: readonly string[], reasons: IntentReason[] | undefined): number {
  const k = categoryKinds(terms);
  const kinds = k.size.length;
  for (let i = 0; i < kinds; i++) {
    kindHits[i] = 0;
    kindTerm[i] = undefined;
    kindField[i] = undefined;
  }
  let saidBest = 0;
  let memberBest = 0;
  for (let i = 0; i < terms.length; i++) {
    const c = terms[i] as string;
    const f = categoryMatch(p, mf, c);
    if (!f) continue;
    const kind = k.kindOf[i] as number;
    kindHits[kind] = (kindHits[kind] as number) + 1;
    const was = kindField[kind];
    if (was === undefined || FIELD_STRENGTH[f] > FIELD_STRENGTH[was]) {
      kindTerm[kind] = c;
      kindField[kind] = f;
    }
    if (k.member[kind]) memberBest = Math.max(memberBest, FIELD_STRENGTH[f]);
    else saidBest = Math.max(saidBest, FIELD_STRENGTH[f]);
  }
  // Each said kind's part: all of it when the product has every entry naming it. Alternatives of one
  // family (`once`) count the product's best kind only.
  let share = 0;
  for (let i = 0; i < kinds; i++) {
    if (k.member[i] || kindHits[i] === 0) continue;
    const part = (kindHits[i] as number) / ((k.size[i] as number) * k.said);
    share = k.once ? Math.max(share, part) : share + part;
  }
  const said = saidBest > 0;
  kindSaid = said;
  if (!said && memberBest === 0) return 0;
  const total = ENTITY_WEIGHTS.category * (said ? saidBest * (KIND_FLOOR + (1 - KIND_FLOOR) * Math.min(1, share)) : memberBest * KIND_FLOOR);
  if (reasons) {
    // The said kinds matched, each once; of alternatives of one family, the strongest, once.
    let shown: number[] = [];
    for (let i = 0; i < kinds; i++) if ((kindHits[i] as number) > 0 && k.member[i] !== said) shown.push(i);
    if (!said || k.once) shown = [shown.reduce((a, b) => (FIELD_STRENGTH[kindField[b] as TextField] > FIELD_STRENGTH[kindField[a] as TextField] ? b : a))];
    for (const i of shown) reasons.push({ source: 'intent', term: ownName(p, terms, k.kindOf, i, kindField[i] as TextField) ?? (kindTerm[i] as string), field: kindField[i] as TextField, score: total / shown.length });
  }
  return total;
}

/**
 * Of the terms of kind `kind` (one synonym group: "Shirt", "Blouse"), the one the product's field `f`
 * names itself, to quote ("Striped Silk Blouse" matches "Blouse", not "Shirt"); `undefined` for none.
 */
function ownName(p: Product, terms: readonly string[], kindOf: readonly number[], kind: number, f: TextField): string | undefined {
  const field = productText(p).fields[f];
  for (let i = 0; i < terms.length; i++) {
    if (kindOf[i] !== kind) continue;
    const leaf = requestPhrase(categoryParts(terms[i] as string).at(-1) ?? (terms[i] as string));
    if (leaf !== '' && field.includes(` ${leaf} `)) return terms[i];
  }
  return undefined;
}

/**
 * {@link scoreIntent} without allocating: the score and the kinds met go into `out`, and the reasons,
 * when an array is given, are appended to it (each scaled to its share of the intent score). The one
 * implementation of the score: {@link scoreIntent} calls it.
 */
export function scoreIntentInto(p: Product, e: IntentEntities, out: IntentScore, reasons?: IntentReason[]): void {
  const mf = matchFeaturesOf(p);
  const first = reasons?.length ?? 0;
  let stated = 0;
  let got = 0;
  let meets = 0;

  if (e.categories.length > 0) {
    stated += ENTITY_WEIGHTS.category;
    const v = categoryScore(p, mf, e.categories, reasons);
    if (v > 0) {
      got += v;
      // "A table for the garden": a table the shop says is for indoors is of the kind, but not the one asked
      // for (one that says nothing of its place is).
      const place = mf.place === undefined ? undefined : e.place;
      // "A choker": a necklace that does not say it is one is of the kind, but not the one asked for.
      const narrowOk = e.subkinds === undefined || e.subkinds.length === 0 || saysSubkind(p, e.subkinds);
      // Of the kind but not for the place asked ("an outdoor sofa": an indoor sofa), it is of the kind only, as a necklace is for "a choker".
      if (place === undefined || mf.place === place) meets |= narrowOk ? MEETS_CATEGORY | (kindSaid ? 0 : MEETS_FAMILY_ONLY) : MEETS_KIND_ONLY;
      else meets |= MEETS_KIND_ONLY;
    }
  } else if (e.place !== undefined && (mf.place === undefined || mf.place === e.place)) {
    // "Something for indoors", no kind named: the place is what is sought (constraints.ts), met by a product
    // for that place or one that says nothing of its place.
    meets |= MEETS_CATEGORY;
  }
  // "Algo vaquero", "denim": a product whose title names the kind only as what it is made of ("Dark
  // Denim Top") does not meet it, but says the word, and comes before those that do not.
  // Of the broader kind of the one asked for ("a choker": a necklace), or of a kind that stands in for it
  // (a jacket for "a warm coat"), it comes before the rest when the kind is let go, as a word of the
  // message the product has would ({@link KIN_WEIGHT}: the jacket before the jumper "for keeping warm");
  // no reason says so (a boot quoted as matching "shoes" for "running shoes" would read as a match).
  if (e.categories.length > 0 && (meets & (MEETS_CATEGORY | MEETS_KIND_ONLY)) === 0 && e.place !== undefined && mf.place === e.place) meets |= MEETS_PLACE_ONLY;
  if (e.categories.length > 0 && (meets & MEETS_CATEGORY) === 0) {
    const made = materialNamed(p, e.categories);
    if (made !== undefined) got += hit(reasons, made.word, made.field, ENTITY_WEIGHTS.purpose);
    else {
      const wider = broaderKindOf(p, mf, e.categories);
      if (wider !== undefined) {
        got += hit(undefined, wider.word, wider.field, KIN_WEIGHT);
        meets |= MEETS_KIN;
      }
    }
  }
  // What the products are for ("a table for the garden"): a nudge towards products that say so.
  const purposes = e.purposes;
  let purposeSaid = false;
  if (purposes !== undefined && purposes.length > 0) {
    stated += ENTITY_WEIGHTS.purpose;
    let term: string | undefined;
    let field: TextField | undefined;
    for (const c of purposes) {
      const f = categoryMatch(p, mf, c, PURPOSE_FIELDS);
      if (f && (field === undefined || FIELD_STRENGTH[f] > FIELD_STRENGTH[field])) {
        term = c;
        field = f;
      }
    }
    if (term !== undefined && field !== undefined) {
      got += hit(reasons, term, field, ENTITY_WEIGHTS.purpose);
      purposeSaid = true;
    }
  }
  // Where the products are for, said with no kind ("something for indoors"): those the shop says are for
  // there; one reason only, when a purpose ("Indoor", the shop's type) has not said it already.
  if (e.place !== undefined && e.categories.length === 0) {
    stated += ENTITY_WEIGHTS.purpose;
    if (mf.place === e.place) got += hit(purposeSaid ? undefined : reasons, e.place === 'indoor' ? 'indoors' : 'outdoors', placeField(p, e.place), ENTITY_WEIGHTS.purpose);
  }
  if (e.brands.length > 0) {
    stated += ENTITY_WEIGHTS.brand;
    const vendor = mf.vendorKey;
    const b = vendor === '' ? undefined : e.brands.find((x) => requestPhrase(x) === vendor);
    if (b !== undefined) {
      meets |= MEETS_BRAND;
      got += hit(reasons, b, 'vendor', ENTITY_WEIGHTS.brand);
    }
  }
  if (e.colours.length > 0) {
    stated += ENTITY_WEIGHTS.colour;
    for (const c of e.colours) {
      const f = Object.hasOwn(COLOURS, c) ? mf.colourFields.get(c) : colourField(p, c);
      if (f) {
        meets |= MEETS_COLOUR;
        const v = ENTITY_WEIGHTS.colour * (COLOUR_FIELD_SHARE[f] ?? 1);
        reasons?.push({ source: 'intent', term: c, field: f, score: v });
        got += v;
        break;
      }
    }
  }
  if (e.sizes.length > 0) {
    stated += ENTITY_WEIGHTS.size;
    for (const s of e.sizes) {
      if (sizeMet(p, mf, statedSizeKey(s), e.soft?.includes('colour') ? NO_COLOURS : e.colours)) {
        meets |= MEETS_SIZE;
        got += hit(reasons, s, 'variant', ENTITY_WEIGHTS.size);
        break;
      }
    }
    if ((meets & MEETS_SIZE) === 0 && !mf.sizesListed) meets |= MEETS_SIZE_UNLISTED;
  }
  const audience = wantedAudience(e);
  if (audience) {
    stated += ENTITY_WEIGHTS.recipient;
    const f = mf.audiences.get(audience);
    // Quoted as the shopper put it: the audience ("men"), else the person ("boyfriend"), with whom it is made for.
    if (f) {
      const v = ENTITY_WEIGHTS.recipient * FIELD_STRENGTH[f];
      reasons?.push({ source: 'intent', term: e.audience ?? (e.recipient as string).replace(/_/g, '-'), field: f, audience: AUDIENCE_WORD[audience], score: v });
      got += v;
    }
    else {
      // Made for another audience only (a men's shirt for "my mother"): counts against.
      for (const a of AUDIENCES) {
        if (a !== audience && !(audience === 'child' || a === 'child') && mf.madeFor.has(a)) {
          got -= ENTITY_WEIGHTS.recipient;
          break;
        }
      }
    }
    if (fitsAudience(mf.madeFor, e)) meets |= MEETS_AUDIENCE;
  }
  if (e.occasion) {
    stated += ENTITY_WEIGHTS.occasion;
    const known = Object.hasOwn(OCCASION_WORDS, e.occasion);
    const f = known ? mf.occasions.get(e.occasion) : findAny(productText(p), [phrase(e.occasion)], OCCASION_FIELDS);
    // Quoted by the word the product has ("candle" for a housewarming, not "housewarming" in tags that never say it).
    if (f) got += hit(reasons, known && reasons ? (occasionWordIn(p, e.occasion, f) ?? e.occasion) : e.occasion, f, ENTITY_WEIGHTS.occasion);
  }
  // Words naming products by their titles or describing them ("fence", "the classic varsity top",
  // "waterproof"): the share of them the product has, a word in its title counting most.
  const terms = e.terms;
  if (terms !== undefined && terms.length > 0) {
    stated += ENTITY_WEIGHTS.term;
    const t = productText(p);
    const per = (ENTITY_WEIGHTS.term * FIELD_STRENGTH.title) / terms.length;
    // Each term counts once, in the strongest field that has it.
    let byField: string[][] | undefined;
    for (const w of terms) {
      if (!mayHaveWord(t, w)) continue;
      const f = TERM_FIELDS.findIndex((field) => t.fields[field].includes(` ${w} `));
      if (f < 0) continue;
      byField ??= TERM_FIELDS.map(() => []);
      (byField[f] as string[]).push(w);
    }
    byField?.forEach((found, f) => {
      if (found.length === 0) return;
      const field = TERM_FIELDS[f] as (typeof TERM_FIELDS)[number];
      const v = per * found.length * TERM_FIELD_SHARE[field];
      got += v;
      reasons?.push({ source: 'intent', term: found.join(' '), field, score: v });
    });
  }
  if (e.onSale) {
    stated += ENTITY_WEIGHTS.sale;
    if (mf.onSale) {
      meets |= MEETS_SALE;
      got += hit(reasons, ON_SALE_TERM, 'price', ENTITY_WEIGHTS.sale);
    }
  }
  if (e.isGift && e.recipient !== 'self') {
    stated += ENTITY_WEIGHTS.gift;
    // Gift tags count as tags; a kind that reads like a present counts as a product type does, whichever field says it.
    if (mf.gift) {
      const v = ENTITY_WEIGHTS.gift * FIELD_STRENGTH[mf.gift.tagged ? mf.gift.field : 'productType'];
      reasons?.push({ source: 'intent', term: mf.gift.word, field: mf.gift.field, score: v });
      got += v;
    }
  }
  out.meets = meets;
  if (!(stated > 0)) {
    if (reasons) reasons.length = first;
    out.score = 0;
    return;
  }
  out.score = Math.max(0, Math.min(1, got / stated));
  if (reasons) for (let i = first; i < reasons.length; i++) reasons[i] = { ...(reasons[i] as IntentReason), score: (reasons[i] as IntentReason).score / stated };
}

/** Matches the intent's entities against a product. */
export function scoreIntent(p: Product, e: IntentEntities): IntentMatch {
  const reasons: IntentReason[] = [];
  const out: IntentScore = { score: 0, meets: 0 };
  scoreIntentInto(p, e, out, reasons);
  return { score: out.score, reasons };
}

/**
 * Catalog search queries for a category term: its leaf ("… > Hiking Boots" → "Hiking Boots") plus,
 * for a term of the synonym table, its English names ("botas de montaña" → "boots", "boot", …), so a
 * Spanish request finds an English catalog.
 */
export function categorySearchTerms(term: string): string[] {
  const hit = searchTermCache.get(term);
  if (hit) return [...hit];
  const leaf = categoryParts(term).at(-1) ?? term;
  const out = [leaf];
  for (const en of ENGLISH_NAMES.get(phrase(leaf)) ?? []) if (!out.includes(en)) out.push(en);
  if (searchTermCache.size < 10_000) searchTermCache.set(term, out);
  return [...out];
}

/**
 * Synonym phrase key → the first two English names of every group it belongs to, in table order (what
 * {@link categorySearchTerms} adds), worked out once instead of folding the whole table per request.
 */
const ENGLISH_NAMES = new Map<string, string[]>();
/** The same for the groups' other English names (searched together, as one query). */
const OTHER_ENGLISH_NAMES = new Map<string, string[]>();
for (const g of CATEGORY_SYNONYMS) {
  for (const k of new Set([...g.en, ...g.es].map(phrase))) {
    ENGLISH_NAMES.set(k, [...(ENGLISH_NAMES.get(k) ?? []), ...g.en.slice(0, 2)]);
    OTHER_ENGLISH_NAMES.set(k, [...new Set([...(OTHER_ENGLISH_NAMES.get(k) ?? []), ...g.en.slice(2)])]);
  }
}
const searchTermCache = new Map<string, readonly string[]>();

/**
 * Catalog search queries that find candidates for an intent the base recommender may not propose:
 * the named categories (with English synonyms) and brands, and for a present the gift words with the
 * recipient's audience ("gift women") and the occasion.
 */
export function intentSearchQueries(e: IntentEntities): string[] {
  return searchQueriesOf(e);
}

/**
 * Catalog search candidates for an intent: {@link intentSearchQueries}, and only when they find
 * nothing, each named category's other English names ("do you have sneakers?" in a shop that sells
 * only "LED High Tops"). Only a fallback: those names are looser ("chain", "desk", "tops") and would
 * otherwise bring a chain bracelet to a necklace request. `search` is the catalog's search.
 */
export function intentCandidates(e: IntentEntities, search: (query: string) => Iterable<string>): string[] {
  const out = new Set<string>();
  for (const q of searchQueriesOf(e)) for (const id of search(q)) out.add(id);
  if (out.size === 0) {
    for (const c of e.categories.slice(0, 5)) {
      const leaf = categoryParts(c).at(-1) ?? c;
      const rest = OTHER_ENGLISH_NAMES.get(phrase(leaf)) ?? [];
      if (rest.length > 0) for (const id of search(rest.join(' '))) out.add(id);
    }
  }
  return [...out];
}

function searchQueriesOf(e: IntentEntities): string[] {
  const out = [...e.categories.slice(0, 5).flatMap(categorySearchTerms), ...e.brands.slice(0, 3)];
  const audience = wantedAudience(e);
  if (e.isGift && e.recipient !== 'self') out.push(audience ? `gift ${AUDIENCE_SEARCH_WORD[audience]}` : 'gift');
  else if (audience) out.push(AUDIENCE_SEARCH_WORD[audience]);
  if (e.occasion) out.push(e.occasion.replace(/_/g, ' '));
  if (e.terms !== undefined && e.terms.length > 0) out.push(e.terms.join(' '));
  return [...new Set(out)];
}
