/**
 * The Spanish forms of the colours, materials, kinds and things a search query names in English, to
 * search a catalog whose product text is Spanish with them too ("silver necklace" → plata, plateado,
 * plateada, plateados, plateadas, collar, collares, colgante, gargantilla…; "wooden bowl" → madera,
 * cuenco, bol…): the other direction of englishSearchTerms.ts, read from the same tables (colours:
 * `intent/colours.ts`; materials: `intent/materials.ts` and `SEARCH_MATERIALS`; kinds: the category
 * table `intent/synonyms.ts`; things: `SEARCH_NOUNS`), so that the two cannot drift. The query's own
 * words are searched as well: these forms are added, never substituted.
 *
 * What counts is what the entity readers read: a colour of `read.colours` (their context rules: "no
 * silver" names none), a kind of `read.categories` (their word-sense rules: "light" in "light blue" is
 * no lamp), a material `queryMaterials` reads. Colours, kinds and things add their Spanish forms only
 * when the query names them by an English form and reads English: a query with Spanish function words
 * ("de", "una", "para"…) names them in Spanish already, and its English-looking words are Spanish ones
 * ("red de pesca": a net, "cable de red", "algo tan bonito"); and "collar de plata" keeps its own words:
 * adding "colgante" and "gargantilla" to it would put a "Gargantilla con colgante" before the "Collar de
 * plata" it names. Materials, whose forms the table does not split by language, add every one-word form
 * (other numbers and genders: "cerámica" adds "cerámico"). What the query rules out is not searched
 * for, nor a word the query already has. Pure.
 */
import { tokenize } from '../../core/catalog/catalogIndex.ts';
import { phraseKey } from '../../core/intent/catalogVocabulary.ts';
import { COLOURS } from '../../core/intent/colours.ts';
import { MATERIALS } from '../../core/intent/materials.ts';
import { CATEGORY_SYNONYMS, type SynonymGroup } from '../../core/intent/synonyms.ts';
import type { IntentEntities } from '../../core/intent/types.ts';
import { queryMaterials, ruledOut, SEARCH_MATERIALS } from './englishSearchTerms.ts';
import { SEARCH_NOUNS } from './searchNouns.ts';

/**
 * English names of `SEARCH_MATERIALS` that a search means otherwise as often: "felt" (the verb), "iron"
 * (for clothes), "lace" (for shoes), "concrete" (specific).
 */
const OTHER_SENSE = new Set(['felt', 'iron', 'lace', 'concrete']);

/**
 * Spanish function words that English search text does not use: a query with one reads Spanish, and
 * its words that look English are Spanish ("red de pesca": a net; "algo tan bonito": so).
 */
const SPANISH_FUNCTION_WORDS = new Set([
  'de', 'del', 'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'al', 'en', 'con', 'para', 'por', 'que', 'y', 'muy', 'mas', 'algo',
  'quiero', 'busco', 'necesito',
]);

/** {@link SPANISH_FUNCTION_WORDS} that English product text does not use ("la", "el" and "al" it does, in names: "La Mer"). */
const SPANISH_TEXT_WORDS: ReadonlySet<string> = new Set([...SPANISH_FUNCTION_WORDS].filter((w) => w !== 'la' && w !== 'el' && w !== 'al'));

/**
 * Spanish search words that are English words of another meaning, which an English catalog's text uses
 * in that meaning: a shirt's "collar" (Spanish: a necklace), "red" (a net), a football "jersey" (a
 * sweater), a "manta" ray (a blanket), "pie" (a foot), "once", "ante" (suede), "sin", "pan", "mar",
 * "rosa" (pink). Searched only in a catalog that reads Spanish ({@link catalogReadsSpanish}).
 */
const FALSE_FRIENDS = new Set(['collar', 'collares', 'red', 'redes', 'jersey', 'jerseys', 'manta', 'mantas', 'pie', 'once', 'ante', 'sin', 'pan', 'mar', 'rosa', 'top', 'body', 'short']);

/** Whether a catalog's product text reads Spanish, per catalog version (see {@link catalogReadsSpanish}). */
const READS_SPANISH = new WeakMap<readonly object[], boolean>();

/**
 * Whether a catalog's product text reads Spanish: one product in ten whose title and description (its
 * first 300 characters) hold two Spanish function words or more ({@link SPANISH_TEXT_WORDS}). In one
 * that does not, Spanish search words that are English words of another meaning ({@link FALSE_FRIENDS})
 * would find the wrong products ("necklace" → "collar": a shirt's collar). Worked out once per catalog
 * version (`products` is the catalog's own array).
 */
export function catalogReadsSpanish(products: readonly { readonly title: string; readonly description?: string | undefined }[]): boolean {
  const held = READS_SPANISH.get(products);
  if (held !== undefined) return held;
  let spanish = 0;
  for (const p of products) {
    const words = new Set(wordsOf(`${p.title} ${(p.description ?? '').slice(0, 300)}`).filter((w) => SPANISH_TEXT_WORDS.has(w)));
    if (words.size >= 2) spanish++;
  }
  const reads = products.length > 0 && spanish * 10 >= products.length;
  READS_SPANISH.set(products, reads);
  return reads;
}

/** The words of a text, lower-case and without accents, stop words kept (see {@link SPANISH_FUNCTION_WORDS}). */
function wordsOf(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** Whether the index words `form` are a run of `have` (the query's index words). */
function hasRun(have: readonly string[], form: readonly string[]): boolean {
  if (form.length === 0) return false;
  for (let i = 0; i + form.length <= have.length; i++) if (form.every((w, k) => have[i + k] === w)) return true;
  return false;
}

/** Whether the query names something by one of its English `forms` (a run of the query's index words). */
function namedInEnglish(forms: readonly string[], have: readonly string[]): boolean {
  return forms.some((f) => hasRun(have, tokenize(f)));
}

/** One-word forms of a list, or, when it has none, every form (their words are searched). */
function searchForms(forms: readonly string[]): string[] {
  const one = forms.filter((f) => tokenize(f).length === 1);
  return one.length > 0 ? one : [...forms];
}

/** One-word English and Spanish names of the kinds → the first kind each names (see {@link kindWords}). */
const ONE_WORD_NAMES = new Map<string, number>();
CATEGORY_SYNONYMS.forEach((g, i) => {
  for (const f of [...g.en, ...g.es]) {
    const ws = tokenize(f);
    if (ws.length === 1 && !ONE_WORD_NAMES.has(ws[0] as string)) ONE_WORD_NAMES.set(ws[0] as string, i);
  }
});

/**
 * Spanish words to search for a kind: its one-word Spanish forms and, for a kind that has fewer than
 * three of its own, the words of its longer forms that name no other kind ("mesita de noche" gives
 * "mesita" and "noche"; "mesa de luz" nothing: "mesa" is a table, "luz" a lamp; "traje de noche" nothing:
 * "traje" is a suit). A kind with enough one-word names gets no words of phrases ("juego de sábanas").
 */
function kindWords(g: SynonymGroup, at: number): string[] {
  const one = g.es.filter((f) => tokenize(f).length === 1);
  if (new Set(one.flatMap((f) => tokenize(f))).size >= 3) return one;
  const out = [...one];
  for (const f of g.es) {
    const ws = tokenize(f);
    if (ws.length > 1 && ws.every((w) => (ONE_WORD_NAMES.get(w) ?? at) === at && !/^\d+$/.test(w))) out.push(...ws);
  }
  return out;
}

/** Phrase key of every English and Spanish term → the kinds (indexes of the category table) it names. */
const KINDS = new Map<string, number[]>();
CATEGORY_SYNONYMS.forEach((g, i) => {
  for (const t of [...g.en, ...g.es]) {
    const k = phraseKey(t);
    const list = KINDS.get(k) ?? [];
    if (!list.includes(i)) list.push(i);
    KINDS.set(k, list);
  }
});

/** The kinds a category the reader read names: a table name, or the shop's own term or path ("Joyería > Collar"). */
function kindsOf(category: string): number[] {
  const leaf = category.split('>').map((s) => s.trim()).filter((s) => s !== '').at(-1) ?? category;
  return KINDS.get(phraseKey(leaf)) ?? KINDS.get(phraseKey(category)) ?? [];
}

/**
 * The Spanish words to search besides `query`'s own (see the file comment), in this order: colours,
 * materials, kinds, things; each once, none the query already has; in a catalog that does not read
 * Spanish (`spanishCatalog` false), none that is an English word of another meaning ({@link FALSE_FRIENDS}).
 */
export function spanishSearchTerms(query: string | undefined, read: IntentEntities | undefined, spanishCatalog = true): string[] {
  const q = query?.trim() ?? '';
  if (q === '' || q === '*') return [];
  const have = tokenize(q);
  const spanish = wordsOf(q).some((w) => SPANISH_FUNCTION_WORDS.has(w));
  const rejected = ruledOut(read);
  const out: string[] = [];
  const seen = new Set(have);
  const add = (forms: readonly string[]): void => {
    for (const f of forms) {
      const ws = tokenize(f);
      if (ws.length === 0 || ws.every((w) => seen.has(w)) || ws.some((w) => rejected.has(w))) continue;
      if (!spanishCatalog && ws.some((w) => FALSE_FRIENDS.has(w))) continue;
      for (const w of ws) seen.add(w);
      out.push(f);
    }
  };
  const english = (forms: readonly string[]): boolean => !spanish && namedInEnglish(forms, have);
  for (const c of read?.colours ?? []) {
    const forms = COLOURS[c];
    if (forms && english(forms.en)) add(searchForms(forms.es));
  }
  const named = Object.keys(SEARCH_MATERIALS).filter((m) => !OTHER_SENSE.has(m) && english([m]));
  for (const m of new Set([...queryMaterials(q, read), ...named])) {
    if (!tokenize(m).some((w) => rejected.has(w))) add(searchForms([m, ...(MATERIALS[m]?.forms ?? []), ...(SEARCH_MATERIALS[m] ?? [])]));
  }
  for (const i of new Set((read?.categories ?? []).flatMap(kindsOf))) {
    const g = CATEGORY_SYNONYMS[i] as SynonymGroup;
    if (english(g.en)) add(kindWords(g, i));
  }
  for (const [name, forms] of Object.entries(SEARCH_NOUNS)) if (english([name])) add(forms);
  return out;
}
