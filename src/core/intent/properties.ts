/**
 * Properties of a product ("waterproof", "breathable", "portátil") are no kinds of product. A shop may
 * tag its products with one ("Waterproof"), and a few are also Spanish nouns of the synonym table
 * ("un impermeable" is a raincoat, "un portátil" a laptop): read as a kind, "is it waterproof?" or "¿la
 * azul marino es impermeable?" would ask for every waterproof product, or for raincoats, instead of the
 * jacket discussed. A property is a soft nudge (entities.ts: a purpose), never a kind sought.
 *
 * A word that is a property only is one wherever it stands. A word that also names a kind is the
 * property where a noun cannot stand: after a copula ("es impermeable", "is it waterproof"), a word of
 * degree ("muy impermeable"), "algo" / "something", "en" / "in" ("does it come in waterproof?"), another
 * property ("transpirable e impermeable") or the kind it describes ("chaqueta impermeable", "altavoz
 * portátil"); after a determiner or alone it is the kind ("necesito un impermeable", "impermeables para
 * niños").
 */
import { isCategoryTerm, phraseKey, type CompiledVocabulary, type VocabMatch } from './catalogVocabulary.ts';
import type { Token } from './text.ts';

/** A property: its English name and the words for it in English and Spanish (folded). */
interface Property {
  readonly name: string;
  readonly en: readonly string[];
  readonly es: readonly string[];
}

/** The properties shoppers ask about. */
const PROPERTIES: readonly Property[] = [
  { name: 'waterproof', en: ['waterproof', 'water-proof', 'water resistant', 'water-resistant', 'water repellent', 'rainproof', 'weatherproof', 'weather resistant'], es: ['impermeable', 'resistente al agua', 'sumergible', 'repelente al agua'] },
  { name: 'windproof', en: ['windproof', 'wind resistant', 'wind-resistant'], es: ['resistente al viento'] },
  { name: 'breathable', en: ['breathable'], es: ['transpirable'] },
  { name: 'insulated', en: ['insulated', 'thermal'], es: ['termico', 'termica', 'aislante'] },
  { name: 'portable', en: ['portable'], es: ['portatil'] },
  { name: 'wireless', en: ['wireless', 'cordless'], es: ['inalambrico', 'inalambrica'] },
  { name: 'rechargeable', en: ['rechargeable'], es: ['recargable'] },
  { name: 'foldable', en: ['foldable', 'collapsible'], es: ['plegable'] },
  { name: 'adjustable', en: ['adjustable'], es: ['ajustable', 'regulable'] },
  { name: 'washable', en: ['washable', 'machine washable'], es: ['lavable'] },
  { name: 'non-slip', en: ['non-slip', 'nonslip', 'anti-slip'], es: ['antideslizante'] },
  { name: 'reversible', en: ['reversible'], es: [] },
  // Made by hand: a shop says it one way ("Homemade Vanilla Candle", "handcrafted"), a shopper another.
  { name: 'handmade', en: ['handmade', 'hand-made', 'handcrafted', 'hand-crafted', 'homemade', 'home-made', 'artisan', 'artisanal'], es: ['hecho a mano', 'hecha a mano', 'artesanal'] },
];

/** Phrase key (folded, singular) → its property. */
const BY_KEY = new Map<string, Property>(PROPERTIES.flatMap((p) => [...p.en, ...p.es].map((f) => [phraseKey(f), p] as const)));
/**
 * Every one-word form of the property a word (folded, singular) is a form of, in both languages
 * ("impermeable" → waterproof, rainproof, weatherproof, impermeable, sumergible), or none: a shop writes
 * the property in its own language whichever the shopper uses.
 */
export function propertyWords(word: string): readonly string[] {
  const p = BY_KEY.get(phraseKey(word));
  return p === undefined ? [] : ONE_WORD_FORMS.get(p) ?? [];
}

/** Every one-word form of every property (folded): words a shopper's typo may be of ("waterprof"). */
export const PROPERTY_WORDS: readonly string[] = PROPERTIES.flatMap((p) => [...p.en, ...p.es]).filter((f) => !f.includes(' '));

/** Per property, its one-word forms as phrase keys. */
const ONE_WORD_FORMS = new Map<Property, readonly string[]>(PROPERTIES.map((p) => [p, [...p.en, ...p.es].map(phraseKey).filter((f) => !f.includes(' '))]));

/** Phrase keys that also name a kind in the synonym table ("impermeable", "portatil"). */
const ALSO_KINDS = new Set([...BY_KEY.keys()].filter((k) => isCategoryTerm(k)));

/** Copulas: a word right after one (or after one and a word of degree) is said of the subject ("es impermeable"). */
const COPULAS = new Set([
  'es', 'son', 'sea', 'sean', 'esta', 'estan', 'era', 'eran', 'fue', 'sera', 'seria', 'serian', 'parece', 'parecen', 'resulta', 'resultan', 'queda',
  'is', 'are', 'was', 'were', 'be', 'it', 'they', 'seems', 'seem', 'stays', 'stay', 'sound', 'sounds',
]);
/** Words of degree ("muy impermeable", "100% waterproof"). */
const DEGREE = new Set(['muy', 'bastante', 'totalmente', 'completamente', 'realmente', 'super', 'tan', 'mas', 'menos', '100', 'very', 'fully', 'completely', 'totally', 'really', 'more', 'less', 'too', 'also', 'tambien', 'no', 'not']);
/** Words a property describes in place of a noun ("algo impermeable", "something waterproof", "come in waterproof"). */
const BEFORE_ADJECTIVE = new Set(['algo', 'nada', 'alguno', 'alguna', 'algun', 'ninguno', 'ninguna', 'uno', 'otro', 'otra', 'something', 'anything', 'nothing', 'en', 'in']);
const JOINERS = new Set(['y', 'e', 'o', 'u', 'and', 'or', 'pero', 'but']);

/** The phrase key of a match's words. */
function keyOf(toks: readonly Token[], m: VocabMatch): string {
  return phraseKey(toks.slice(m.from, m.to).map((t) => t.w).join(' '));
}

/** Whether a kind match is a word that names a property only, never a kind ("waterproof", "breathable"; not "impermeable"). */
export function propertyOnly(toks: readonly Token[], m: VocabMatch): boolean {
  const key = keyOf(toks, m);
  return BY_KEY.has(key) && !ALSO_KINDS.has(key);
}

/**
 * The property a kind match is, when it is one there (see the module comment): `kindEndsAt(i)` tells
 * whether another kind found ends right before token `i` ("chaqueta| impermeable").
 */
export function propertyAt(toks: readonly Token[], m: VocabMatch, kindEndsAt: (i: number) => boolean): Property | undefined {
  const key = keyOf(toks, m);
  const p = BY_KEY.get(key);
  if (!p || !ALSO_KINDS.has(key)) return p;
  if (kindEndsAt(m.from)) return p;
  let i = m.from - 1;
  while (i >= 0 && DEGREE.has((toks[i] as Token).w)) i--;
  const w = toks[i]?.w;
  if (w === undefined) return undefined;
  if (COPULAS.has(w) || BEFORE_ADJECTIVE.has(w)) return p;
  // "transpirable e impermeable"
  return JOINERS.has(w) && BY_KEY.has(phraseKey(toks[i - 1]?.w ?? '')) ? p : undefined;
}

/**
 * The value a property is read as: the shop's own tag for it (in any of its words: "Waterproof",
 * "Impermeable"), else, with a shop vocabulary, the shopper's word (`said`, as kinds the shop lacks are
 * kept), else its English name.
 */
export function propertyValue(p: Property, vocab: CompiledVocabulary, said: string): string {
  for (const f of [...p.en, ...p.es]) {
    const tag = vocab.tags.get(phraseKey(f))?.[0];
    if (tag !== undefined) return tag;
  }
  return vocab.hasTaxonomy ? said : p.name;
}
