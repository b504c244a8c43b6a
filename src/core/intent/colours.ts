/**
 * Colour extraction (English and Spanish, all gender/number forms), returning canonical English names.
 * A shopper's shade of a colour reads as the colour: "bluish", "reddish", "azulado", "verdoso",
 * "rojizo", and the Spanish diminutives of colour adjectives ("azulito", "rojita", "blanquitos",
 * "verdecito"; not "mi negrito", a term of endearment). Products are matched by {@link COLOURS} alone.
 */
import type { IntentLanguage } from './types.ts';
import { MATERIALS } from './materials.ts';
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import { JEWELLERY_HEADS, notMetal } from './metalSense.ts';
import { escapeRegExp, fold, singular } from './text.ts';

/** Spanish adjective forms: rojo → rojo/roja/rojos/rojas. */
function es4(stem: string): string[] {
  return [`${stem}o`, `${stem}a`, `${stem}os`, `${stem}as`];
}

/**
 * Canonical colour → surface forms (folded). Multi-word forms win over single words. Forms that are
 * also common non-colour words (tan, crema, cafe, vino) only count inside an explicit colour phrase.
 */
export const COLOURS: Readonly<Record<string, { readonly en: readonly string[]; readonly es: readonly string[] }>> = {
  black: { en: ['black', 'jet black'], es: [...es4('negr'), 'azabache'] },
  white: { en: ['white', 'snow white', 'pure white'], es: es4('blanc') },
  red: { en: ['red', 'scarlet', 'crimson'], es: [...es4('roj'), 'escarlata', ...es4('colorad')] },
  blue: { en: ['blue', 'royal blue', 'cobalt'], es: ['azul', 'azules', 'azul rey', 'azul electrico', 'cobalto'] },
  navy: { en: ['navy', 'navy blue', 'dark blue', 'midnight blue', 'indigo'], es: ['azul marino', 'azul oscuro', 'marino oscuro', 'indigo', 'anil'] },
  'light blue': { en: ['light blue', 'sky blue', 'baby blue', 'pale blue'], es: ['azul claro', 'azul cielo', 'celeste', 'celestes', 'azul bebe'] },
  green: { en: ['green', 'emerald', 'emerald green'], es: ['verde', 'verdes', 'verde esmeralda', 'esmeralda'] },
  'dark green': { en: ['dark green', 'forest green', 'bottle green'], es: ['verde oscuro', 'verde botella', 'verde bosque'] },
  olive: { en: ['olive', 'olive green', 'khaki green'], es: ['verde oliva', 'oliva', 'verde militar'] },
  mint: { en: ['mint', 'mint green', 'light green'], es: ['verde menta', 'menta', 'verde claro'] },
  yellow: { en: ['yellow', 'mustard'], es: [...es4('amarill'), 'mostaza'] },
  orange: { en: ['orange'], es: ['naranja', 'naranjas', ...es4('anaranjad')] },
  pink: { en: ['pink', 'hot pink', 'fuchsia', 'magenta'], es: ['rosa', 'rosas', ...es4('rosad'), 'fucsia', 'magenta', 'rosa fuerte'] },
  purple: { en: ['purple', 'violet', 'plum'], es: [...es4('morad'), 'violeta', 'violetas', 'purpura', 'purpuras'] },
  lilac: { en: ['lilac', 'lavender'], es: ['lila', 'lilas', 'lavanda'] },
  brown: { en: ['brown', 'chocolate brown', 'chestnut'], es: ['marron', 'marrones', ...es4('castan'), 'color cafe', 'color chocolate', ...es4('pard')] },
  beige: { en: ['beige', 'nude', 'sand', 'ecru'], es: ['beige', 'beis', 'nude', 'arena', 'crudo', 'cruda'] },
  tan: { en: ['tan', 'camel'], es: ['camel', 'color camel', 'tostado', 'tostada'] },
  grey: { en: ['grey', 'gray', 'charcoal', 'heather grey', 'heather gray'], es: ['gris', 'grises', 'gris oscuro', 'gris claro', 'gris jaspeado', 'marengo'] },
  silver: {
    en: ['silver', 'silver tone', 'silver-tone', 'sterling silver', 'silvery'],
    es: [...es4('platead'), 'plata', 'color plata', 'plata esterlina', 'plata de ley', 'plata 925', 'banado en plata', 'banada en plata'],
  },
  gold: {
    en: ['gold', 'golden', 'gold tone', 'gold-tone', 'gold plated', 'gold-plated', 'yellow gold'],
    es: [...es4('dorad'), 'oro', 'color oro', 'oro amarillo', 'banado en oro', 'banada en oro', 'chapado en oro', 'chapada en oro', 'enchapado en oro'],
  },
  bronze: { en: ['bronze'], es: ['bronce', 'color bronce'] },
  copper: { en: ['copper', 'copper tone'], es: ['cobre', 'color cobre', ...es4('cobriz')] },
  brass: { en: ['brass', 'brass tone', 'brass-tone'], es: ['laton', 'color laton'] },
  'rose gold': { en: ['rose gold'], es: ['oro rosa', 'oro rosado', 'color oro rosa', 'color oro rosado'] },
  'white gold': { en: ['white gold'], es: ['oro blanco'] },
  burgundy: { en: ['burgundy', 'maroon', 'wine red', 'oxblood', 'wine colored', 'wine coloured'], es: ['burdeos', 'granate', 'granates', 'color vino', 'vino tinto', 'bordo'] },
  cream: { en: ['cream colored', 'cream coloured', 'cream color', 'cream colour', 'ivory', 'off white', 'off-white'], es: ['color crema', 'marfil', 'blanco roto', 'hueso'] },
  turquoise: { en: ['turquoise', 'teal', 'aqua'], es: ['turquesa', 'turquesas', 'verde azulado', 'aguamarina'] },
  khaki: { en: ['khaki'], es: ['caqui', 'kaki'] },
  coral: { en: ['coral', 'salmon', 'peach'], es: ['coral', 'salmon', 'melocoton', 'durazno'] },
  multicolour: { en: ['multicolor', 'multicolour', 'multi-color', 'multi colour', 'rainbow', 'colorful', 'colourful'], es: ['multicolor', 'multicolores', 'de colores', 'arcoiris'] },
};

/**
 * The shades a colour ruled out rules out too: "nothing blue" is no navy jacket, "no green" no olive
 * one. Only for what is refused: a wish for blue is met by blue (a shade is a colour of its own there).
 */
export const SHADES_OF: Readonly<Record<string, readonly string[]>> = {
  blue: ['navy', 'light blue'],
  green: ['dark green', 'olive', 'mint'],
  purple: ['lilac'],
  red: ['burgundy'],
  brown: ['tan'],
};

/** A colour and its shades ({@link SHADES_OF}). */
export function withShades(colour: string): readonly string[] {
  return Object.hasOwn(SHADES_OF, colour) ? [colour, ...(SHADES_OF[colour] as readonly string[])] : [colour];
}

interface Form {
  readonly colour: string;
  readonly lang: IntentLanguage;
  /** A Spanish diminutive ("azulito", "negrita"), which a possessive before makes a term of endearment ("mi negrito"). */
  readonly diminutive?: true;
}

/**
 * Spanish words for a shade of a colour ("azulado", "verdoso", "rojizo", "amarillento", "grisáceo"): a
 * closed set of suffixes (-ado, -oso, -izo, -ento, -ecino, -uzco, -áceo) that are not productive the
 * way the diminutive is, so they are listed; each reads as its colour. Shopper's words only: products
 * are matched by {@link COLOURS}.
 */
const SHADES_ES: Readonly<Record<string, readonly string[]>> = {
  blue: [...es4('azulad'), ...es4('azulin')],
  green: [...es4('verdos')],
  red: [...es4('rojiz')],
  yellow: [...es4('amarillent')],
  white: [...es4('blanquecin'), ...es4('blancuzc')],
  black: [...es4('negruzc')],
  grey: [...es4('grisace')],
  pink: [...es4('rosace')],
  purple: [...es4('violace'), ...es4('amoratad')],
  brown: [...es4('pardusc'), ...es4('parduzc'), ...es4('amarronad')],
};

/**
 * English "-ish" forms of a one-word colour ("bluish", "reddish", "greyish", "whitish", "purplish",
 * "orangish"): a shade of it, read as it. The final "e" drops and a final consonant after one vowel doubles.
 */
function ishForms(w: string): string[] {
  if (!/^[a-z]{3,}$/.test(w) || /(?:[aiou]|[^ae]y|ful)$/.test(w)) return [];
  const out = [`${w}ish`];
  if (w.endsWith('e')) out.push(`${w.slice(0, -1)}ish`);
  if (/^[^aeiou][aeiou][bdglmnprt]$/.test(w)) out.push(`${w}${w.at(-1)}ish`);
  return out;
}

/**
 * Spanish diminutives of a one-word colour adjective ("azul" → azulito, "rojo" → rojito, "blanco" →
 * blanquito, "verde" → verdecito/verdito, "marrón" → marroncito, "dorado" → doradito, "azulado" →
 * azuladito), in their four forms: the same rule as diminutives.ts reads kinds by, written forward.
 * Only adjectives: a colour that is first a thing ("rosa", "naranja", "oro", "plata": "platita" is
 * money, "Rosita" a name) has none. Plurals ("azules") are left to their singular.
 */
function diminutiveForms(w: string, isForm: (x: string) => boolean): string[] {
  if (!/^[a-z]{3,}$/.test(w)) return [];
  const four = (stem: string): string[] => [`${stem}o`, `${stem}a`, `${stem}os`, `${stem}as`];
  // An adjective of four forms ("rojo", "roja"): the stem takes -it-, spelled back (blanc → blanqu, g → gu).
  if (/o$/.test(w) && isForm(`${w.slice(0, -1)}a`)) {
    const stem = w.slice(0, -1).replace(/c$/, 'qu').replace(/g$/, 'gu');
    return four(`${stem}it`);
  }
  // Invariable ones: "azul" → azulito, "gris" → grisito, "verde" → verdecito, "marron" → marroncito.
  if (/(?:es|s)$/.test(w) && (isForm(w.slice(0, -1)) || isForm(w.slice(0, -2)))) return [];
  if (/e$/.test(w)) return [...four(`${w.slice(0, -1)}it`), ...four(`${w}cit`)];
  if (/[nr]$/.test(w)) return four(`${w}cit`);
  if (/[ls]$/.test(w)) return four(`${w}it`);
  return [];
}

const FORMS = new Map<string, Form>();
for (const [colour, forms] of Object.entries(COLOURS)) {
  for (const f of forms.en) if (!FORMS.has(f)) FORMS.set(f, { colour, lang: 'en' });
  for (const f of forms.es) if (!FORMS.has(f)) FORMS.set(f, { colour, lang: 'es' });
}
for (const [colour, forms] of Object.entries(SHADES_ES)) for (const f of forms) if (!FORMS.has(f)) FORMS.set(f, { colour, lang: 'es' });
/** Words for things first, whose diminutive is no colour. */
const THINGS_FIRST = new Set(['rosa', 'naranja', 'oro', 'plata', 'violeta', 'lila', 'lavanda', 'menta', 'oliva', 'arena', 'coral', 'salmon', 'durazno', 'melocoton', 'esmeralda', 'turquesa', 'cobre', 'bronce', 'vino', 'hueso', 'crudo', 'cruda', 'mostaza', 'magenta', 'fucsia', 'azabache', 'marfil', 'beige', 'beis', 'nude', 'camel', 'kaki', 'caqui', 'anil', 'indigo', 'cobalto', 'escarlata', 'marengo', 'granate', 'burdeos', 'bordo', 'celeste', 'aguamarina', 'purpura', 'multicolor', 'arcoiris']);
{
  const base = [...FORMS.entries()];
  const isForm = (x: string): boolean => FORMS.has(x);
  for (const [f, form] of base) {
    if (form.lang === 'en') {
      for (const x of ishForms(f)) if (!FORMS.has(x)) FORMS.set(x, { colour: form.colour, lang: 'en' });
    } else if (!THINGS_FIRST.has(f)) {
      for (const x of diminutiveForms(f, isForm)) if (!FORMS.has(x)) FORMS.set(x, { colour: form.colour, lang: 'es', diminutive: true });
    }
  }
}
/** Possessives and articles of endearment before a diminutive ("mi negrito", "mi gordita"): a person, no colour. */
const ENDEARMENT_BEFORE = /(?:^|[^\p{L}])(?:mi|mis|tu|tus|su|sus|nuestro|nuestra|nuestros|nuestras)\s+$/u;

/** A bare "café"/"cafés" (folded), read by {@link cafeIsBrown}. */
const CAFE_RE = /(?<![\p{L}\p{N}])cafes?(?![\p{L}\p{N}])/gu;

const COLOUR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...FORMS.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** What must come before a bare "plata"/"oro" for it to name the colour or metal ("collar de plata", "en oro"). */
const METAL_CONTEXT = /(?:^|[^\p{L}])(?:de|en|del|color|tono|acabado|y|o|u|ni)\s+$/u;

/** Words of a folded text, last first ("que no cueste un monton de " → de, monton, un, cueste, ...). */
function wordsBefore(before: string, n: number): string[] {
  return (before.match(/[\p{L}\p{N}]+/gu) ?? []).slice(-n).reverse();
}

/** Category groups whose nouns a Spanish "café" may follow as the drink or a flavour ("taza café", "proteína café"). */
const COFFEE_SIDE = new Set(['coffee', 'tea', 'chocolate', 'wine', 'mugs', 'dog food', 'garden', 'books', 'gift cards', 'supplements']);

/**
 * Spanish nouns of things a colour can describe (singular and plural, folded): the one-word Spanish
 * terms of the category table (bar {@link COFFEE_SIDE}), the jewellery heads, the materials
 * ("de cuero café") and a few household nouns the table names only in English.
 */
const PRODUCT_NOUNS = new Set<string>([
  ...CATEGORY_SYNONYMS.filter((g) => !COFFEE_SIDE.has(g.en[0] as string)).flatMap((g) => g.es.filter((t) => !t.includes(' '))),
  ...JEWELLERY_HEADS,
  ...Object.entries(MATERIALS).filter(([k]) => k !== 'gold' && k !== 'silver').flatMap(([, m]) => [...m.forms, ...(m.spoken ?? [])].filter((t) => !t.includes(' '))),
  // The material of a product named as written ("de pana", "de jean"): "un pantalón de pana café".
  ...Object.values(MATERIALS).flatMap((m) => (m.written ?? []).flatMap((t) => /^(?:de|en) \S+$/.test(t) ? [t.slice(3)] : [])),
  'sofa', 'sofas', 'mueble', 'muebles', 'cortina', 'cortinas', 'tela', 'telas', 'bolsita', 'zapatito', 'zapatitos', 'tenis',
]);
const isProductNoun = (w: string): boolean => PRODUCT_NOUNS.has(w) || PRODUCT_NOUNS.has(singular(w));

/**
 * Words a "café" can only follow as an adjective: the drink is masculine ("el café", "un café"), so a
 * feminine article names a brown thing ("la café", "una café", "unas cafés"), and "algo"/"nada" take an
 * adjective where the drink needs "de" ("algo café" against "algo de café").
 */
const CAFE_ADJECTIVE_AFTER = new Set(['la', 'las', 'una', 'unas', 'uno', 'algo', 'nada']);
/** Copulas of a requirement ("que sea café", "que no sean cafés"): the colour, unless a coffee follows. */
const CAFE_COPULA = new Set(['sea', 'sean', 'fuera', 'fueran', 'fuese', 'fuesen']);
/** Indicative copulas, read as a requirement only after "no" or "que" ("no es café", "uno que sea café"). */
const CAFE_COPULA_AFTER = new Set(['es', 'son', 'este', 'esten', 'esta', 'estan']);
/** Words that make "café" after a copula the drink ("que sea café de Colombia", "que sea café molido"). */
const COFFEE_AFTER = new Set([
  'de', 'del', 'con', 'molido', 'molida', 'grano', 'soluble', 'instantaneo', 'organico', 'descafeinado', 'expreso', 'espresso',
  'americano', 'colombiano', 'mexicano', 'veracruzano', 'tostado', 'arabica', 'frio', 'caliente',
]);
const COLOUR_CONJ = new Set(['y', 'o', 'u', 'ni', 'e']);

/** English nouns of things a colour can describe: the one-word English terms of the category table. */
const PRODUCT_NOUNS_EN = new Set<string>(CATEGORY_SYNONYMS.flatMap((g) => g.en.filter((t) => !t.includes(' '))));
/**
 * Colour words read in product text only (options, titles: "Oatmeal Marl"), beside a colour's own forms:
 * in a shopper's words they are read only where they describe a thing ({@link foodColourAt}).
 */
export const PRODUCT_COLOUR_FORMS: Readonly<Record<string, readonly string[]>> = { beige: ['oatmeal'], tan: ['cognac'] };
/**
 * English colour words that are also food, drink or a product (hand cream, porridge oats, a bottle of
 * cognac): read only in {@link foodColourAt}'s contexts.
 */
const FOOD_COLOURS: Readonly<Record<string, string>> = { cream: 'cream', oatmeal: 'beige', cognac: 'tan' };
const FOOD_COLOUR_RE = /(?<![\p{L}\p{N}])(cream|oatmeal|cognac)(?![\p{L}\p{N}])/gu;
const COLOUR_CONJ_EN = new Set(['or', 'and']);
/** Spanish "crema" (cream), a colour only where it describes a thing (see findColours). */
const CREMA_RE = /(?<![\p{L}\p{N}])crema(?![\p{L}\p{N}])/gu;
/** One-word material forms, which may stand between a colour and the thing it describes ("cognac leather boots"). */
const MATERIAL_WORDS_EN = new Set<string>(Object.values(MATERIALS).flatMap((m) => m.forms.filter((f) => !f.includes(' '))));

/**
 * Whether English "cream"/"oatmeal"/"cognac" at `start`–`end` is a colour: right before a kind of
 * product ("a cream sweater", "an oatmeal jumper", "cognac boots") or before its material and the kind
 * ("cognac leather boots"), after "in" ending the phrase ("cardigans in cream", "ankle boots in
 * cognac"), or beside another colour ("beige or cream", "oatmeal or cream"). Not "hand cream", "cream
 * for dry skin", "ice cream", "oatmeal cookies", "a bottle of cognac".
 */
function foodColourAt(folded: string, start: number, end: number): boolean {
  const next = wordsAfter(folded, end, 2);
  const sameWord = /^\s*[\p{L}]/u.test(folded.slice(end));
  // "a cream sweater", and with its material between them, "cognac leather boots".
  if (sameWord && (PRODUCT_NOUNS_EN.has(next[0] ?? '') || (MATERIAL_WORDS_EN.has(next[0] ?? '') && PRODUCT_NOUNS_EN.has(next[1] ?? '')))) return true;
  const prev = wordsBefore(folded.slice(0, start), 2);
  if (prev[0] === 'in' && /^\s*(?:$|[?!.,;])/.test(folded.slice(end))) return true;
  const isColour = (w: string | undefined): boolean => w !== undefined && (FORMS.has(w) || Object.hasOwn(FOOD_COLOURS, w));
  return (COLOUR_CONJ_EN.has(prev[0] ?? '') && isColour(prev[1])) || (COLOUR_CONJ_EN.has(next[0] ?? '') && isColour(next[1]));
}

/** Words of a folded text from `at` on, in order. */
function wordsAfter(folded: string, at: number, n: number): string[] {
  return (folded.slice(at).match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, n);
}

/**
 * Whether the Spanish "café"/"cafés" at `start`–`end` of folded text is the colour brown, as Mexico,
 * Colombia and Central America say it of a thing, rather than the drink. Brown right after a product
 * noun ("cojines cafés", "un bolso café", "botas de cuero cafés"), after a feminine article or
 * "algo"/"nada" ("la café", "algo café", see {@link CAFE_ADJECTIVE_AFTER}), after "color"/"tono" ("colores
 * cafés"), after "en" ending the phrase ("¿lo tienen en café?"), as the attribute of a requirement
 * ("que sea café", "que no sean cafés", "uno que no es café", but not "que sea café de Colombia"), and
 * beside another colour ("negro y café", "café o beige"). `excluded` says the caller read the word as
 * the thing a shopper rules out ("menos los cafés", "ni café", "nada café"): then it is brown when a
 * product was named before it ("cualquier collar menos los cafés"), the drink otherwise ("todo menos
 * café"). The drink stays the drink: "una taza de café", "quiero café", "el café", "sin café".
 */
export function cafeIsBrown(folded: string, start: number, end: number, excluded = false): boolean {
  const prev = wordsBefore(folded.slice(0, start), 3);
  const next = wordsAfter(folded, end, 2);
  // Only a word right before it, in the same phrase, can be what it describes ("una mochila, café y galletas").
  const p0 = /[\p{L}\p{N}]\s*$/u.test(folded.slice(0, start)) ? (prev[0] ?? '') : '';
  if (isProductNoun(p0) || CAFE_ADJECTIVE_AFTER.has(p0)) return true;
  if (p0 === 'color' || p0 === 'colour' || p0 === 'colores' || p0 === 'tono' || p0 === 'tonos') return true;
  if (p0 === 'en' && /^\s*(?:$|[?!.,;])/.test(folded.slice(end))) return true;
  if (CAFE_COPULA.has(p0) || (CAFE_COPULA_AFTER.has(p0) && (prev[1] === 'no' || prev[1] === 'que'))) {
    return !COFFEE_AFTER.has(next[0] ?? '');
  }
  if ((COLOUR_CONJ.has(p0) || p0 === 'con') && FORMS.has(prev[1] ?? '')) return true;
  if (COLOUR_CONJ.has(next[0] ?? '') && FORMS.has(next[1] ?? '')) return true;
  if (!excluded) return false;
  return wordsBefore(folded.slice(0, start), 1000).some(isProductNoun);
}

/**
 * Whether "vino tinto" at `start` of folded text is the colour (burgundy) rather than the drink: right
 * after a product noun or a colour word ("un vestido vino tinto", "tono vino tinto") or as the last word
 * after "en" ("¿lo tienen en vino tinto?"). "una botella de vino tinto", "vino tinto para la cena": the drink.
 */
function wineRedOfThing(folded: string, start: number): boolean {
  const p0 = /[\p{L}\p{N}]\s*$/u.test(folded.slice(0, start)) ? (wordsBefore(folded.slice(0, start), 1)[0] ?? '') : '';
  if (isProductNoun(p0) || p0 === 'color' || p0 === 'colour' || p0 === 'colores' || p0 === 'tono' || p0 === 'tonos') return true;
  return p0 === 'en' && /^\s*(?:$|[?!.,;])/.test(folded.slice(start + 'vino tinto'.length));
}

/** Every folded colour surface form (language detection uses them as vocabulary). */
export function colourForms(lang: IntentLanguage): string[] {
  return [...FORMS.entries()].filter(([, f]) => f.lang === lang).map(([w]) => w);
}

/** A colour found in text with its span in the folded text. */
export interface ColourMatch {
  readonly colour: string;
  readonly start: number;
  readonly end: number;
}

/** Words that follow Spanish "tan" (so): how dear, big, long, showy… a thing is ("no tan cara", "tan grande"), not a tan thing. */
const TAN_SO_NEXT = /^\s*(?:car[oa]s?|barat[oa]s?|grandes?|pequen[oa]s?|chic[oa]s?|larg[oa]s?|cort[oa]s?|pesad[oa]s?|livian[oa]s?|liger[oa]s?|llamativ[oa]s?|formal(?:es)?|elegantes?|oscur[oa]s?|clar[oa]s?|fe[oa]s?|bonit[oa]s?|lind[oa]s?|simples?|sencill[oa]s?|ancho|ancha|anchos|anchas|ajustad[oa]s?|holgad[oa]s?|abrigad[oa]s?|grues[oa]s?|fin[oa]s?|delicad[oa]s?|brillantes?|colorid[oa]s?|moderno|moderna|clasic[oa]s?|juvenil(?:es)?|serio|seria|caro|mucho|mucha|bien|mal|rapido|pronto|alto|alta|bajo|baja)(?![\p{L}])/u;

/**
 * Finds colours in folded text. `lang` restricts forms that are colour words in one language only
 * but ordinary words in the other ("tan" = "so" and "red" = "network" in Spanish).
 */
export function findColours(folded: string, lang: IntentLanguage): ColourMatch[] {
  const out: ColourMatch[] = [];
  for (const m of folded.matchAll(COLOUR_RE)) {
    const form = FORMS.get(m[1] as string);
    if (!form) continue;
    if ((m[1] === 'tan' || m[1] === 'red' || m[1] === 'sand') && lang === 'es') continue;
    // "No tan cara", "tan grande": Spanish "so" before a word of how, in a follow-up too short to read as Spanish.
    if (m[1] === 'tan' && TAN_SO_NEXT.test(folded.slice((m.index ?? 0) + m[0].length))) continue;
    if (m[1] === 'orange' && /^\s+(juice|chicken)/.test(folded.slice((m.index ?? 0) + 6))) continue;
    if ((m[1] === 'rosa' || m[1] === 'rosas') && lang === 'en') continue;
    // "vino tinto" is red wine, the drink; the colour only of a thing ("vestido vino tinto", "color vino tinto", "¿en vino tinto?").
    if (m[1] === 'vino tinto' && !wineRedOfThing(folded, m.index ?? 0)) continue;
    // "plata" is also money and "oro" a word of sayings: a colour or metal only after de/en/color/tono/y/o
    // or right after a piece of jewellery ("collar plata", "aretes oro").
    if (
      (m[1] === 'plata' || m[1] === 'oro') &&
      !METAL_CONTEXT.test(folded.slice(0, m.index ?? 0)) &&
      !JEWELLERY_HEADS.has(wordsBefore(folded.slice(0, m.index ?? 0), 1)[0] ?? '')
    ) {
      continue;
    }
    // ... and not money ("un montón de plata", "ahorrar tiempo y plata") nor a saying ("bodas de oro").
    if ((m[1] === 'plata' || m[1] === 'oro') && notMetal(folded, m[1], m.index ?? 0)) continue;
    // "mi negrito", "para mi blanquita": a term of endearment, no colour.
    if (form.diminutive && ENDEARMENT_BEFORE.test(folded.slice(Math.max(0, (m.index ?? 0) - 20), m.index ?? 0))) continue;
    out.push({ colour: form.colour, start: m.index ?? 0, end: (m.index ?? 0) + (m[1] as string).length });
  }
  // English "cream"/"oatmeal"/"cognac" describing a thing, or beside a colour ("a cream sweater", "oatmeal or cream").
  if (lang === 'en') {
    for (const m of folded.matchAll(FOOD_COLOUR_RE)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (out.some((c) => c.start < end && c.end > start) || !foodColourAt(folded, start, end)) continue;
      out.push({ colour: FOOD_COLOURS[m[1] as string] as string, start, end });
    }
  }
  // "Sofá crema", "unos cojines crema", "¿lo tienen en crema?": the colour cream, right after a thing or
  // after "en" ending the phrase; not "crema hidratante", "una crema" (re-probe: "sofá crema" read no colour).
  if (lang === 'es') {
    for (const m of folded.matchAll(CREMA_RE)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const prev = wordsBefore(folded.slice(0, start), 1)[0];
      const ofThing = prev !== undefined && isProductNoun(prev);
      const inIt = prev === 'en' && /^\s*(?:$|[?!.,;])/.test(folded.slice(end));
      if ((ofThing || inIt) && !out.some((c) => c.start < end && c.end > start)) out.push({ colour: 'cream', start, end });
    }
  }
  // "café"/"cafés" describing a thing is brown ("cojines cafés", "que no sea café"); see cafeIsBrown.
  for (const m of folded.matchAll(CAFE_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (out.some((c) => c.start < end && c.end > start) || !cafeIsBrown(folded, start, end)) continue;
    out.push({ colour: 'brown', start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Canonical English colour of a single folded phrase ("roja" → "red", "azul marino" → "navy"), if it is one. */
export function canonicalColour(phrase: string): string | undefined {
  return FORMS.get(fold(phrase).trim())?.colour;
}

/** A colour as said, by its canonical name where it has one ("Plateado" → "silver"), else lower-cased as written. */
export function colourKey(colour: string): string {
  return canonicalColour(colour) ?? colour.toLowerCase();
}

/** Canonical colours mentioned in text, in order of first mention, without repeats. */
export function extractColours(text: string, lang: IntentLanguage): string[] {
  return [...new Set(findColours(fold(text), lang).map((m) => m.colour))];
}
