/**
 * The English names of the colours and materials a search query names, to search a catalog whose
 * product text is English with them too ("azul" → blue, "madera" → wood, "de oro" → gold), as the
 * query's categories are searched with their English names. The query's own words are searched as
 * well (a Spanish title still matches "azul" itself): these names are added, never substituted.
 *
 * Colours come from what the entity readers read (`IntentEntities.colours`: every form of
 * `intent/colours.ts`, in English and Spanish, with its context rules: "plata" as money is no
 * colour). Materials are read here, from the shopper's forms of `intent/materials.ts` (not its
 * `spoken` forms: "piel" is also skin, "ante" a preposition) and from {@link SEARCH_MATERIALS}, the
 * materials, stones and fabrics the rejection table has no use for ("cerámica", "piedra", "ópalo").
 * Things the category table does not name come from `SEARCH_NOUNS` ("cuenco" → bowl). The other
 * direction, the Spanish forms of English words, is spanishSearchTerms.ts, from the same tables.
 * A thing the query rules out ("sin cuero", "que no sea de cerámica") is not searched for, and a
 * name whose words the query already has adds nothing. Pure.
 */
import { tokenize } from '../../core/catalog/catalogIndex.ts';
import { MATERIALS, materialFamily } from '../../core/intent/materials.ts';
import { escapeRegExp, fold } from '../../core/intent/text.ts';
import type { IntentEntities } from '../../core/intent/types.ts';
import { SEARCH_NOUNS } from './searchNouns.ts';

/**
 * Materials, stones and fabrics products are made of that `intent/materials.ts` does not list:
 * English name(s) → Spanish forms (folded, singular and plural, both genders where an adjective).
 * Only words that, in a search, name the material: "concreto" (also "specific") and "punto" (also
 * "point") are left out.
 */
export const SEARCH_MATERIALS: Readonly<Record<string, readonly string[]>> = {
  ceramic: ['ceramica', 'ceramicas', 'ceramico', 'ceramicos'],
  porcelain: ['porcelana', 'porcelanas'],
  stone: ['piedra', 'piedras'],
  gemstone: ['piedra preciosa', 'piedras preciosas', 'piedra semipreciosa', 'piedras semipreciosas', 'gema', 'gemas'],
  marble: ['marmol', 'marmoles'],
  clay: ['arcilla', 'barro'],
  terracotta: ['terracota'],
  concrete: ['hormigon'],
  cement: ['cemento'],
  brass: ['laton'],
  iron: ['hierro', 'hierro forjado'],
  aluminum: ['aluminio'],
  titanium: ['titanio'],
  platinum: ['platino'],
  pewter: ['peltre'],
  wicker: ['mimbre'],
  rattan: ['ratan', 'rattan'],
  jute: ['yute'],
  cork: ['corcho'],
  paper: ['papel'],
  cardboard: ['carton'],
  felt: ['fieltro'],
  resin: ['resina'],
  wax: ['cera'],
  canvas: ['lona'],
  satin: ['saten', 'raso'],
  lace: ['encaje', 'encajes'],
  tulle: ['tul'],
  corduroy: ['pana'],
  crystal: ['cristal', 'cristales'],
  pearl: ['perla', 'perlas', 'nacar'],
  diamond: ['diamante', 'diamantes'],
  opal: ['opalo', 'opalos'],
  ruby: ['rubi', 'rubies'],
  sapphire: ['zafiro', 'zafiros'],
  amethyst: ['amatista', 'amatistas'],
  quartz: ['cuarzo', 'cuarzos'],
  amber: ['ambar'],
  onyx: ['onix'],
  topaz: ['topacio', 'topacios'],
  shell: ['concha', 'conchas'],
};

/**
 * Forms that name a metal only in context ("collar de plata", but "poca plata" is money and "bodas de
 * oro" a saying): the colour reader decides them; alone as a query ("oro", "oro 14k") they are the metal.
 */
const CONTEXT_FORMS = new Set(['oro', 'plata']);

/** Folded form → English names, from both tables. */
const FORMS = new Map<string, string[]>();
const addForm = (form: string, name: string): void => {
  const f = fold(form).trim();
  const names = FORMS.get(f) ?? [];
  if (!names.includes(name)) names.push(name);
  FORMS.set(f, names);
};
for (const [name, m] of Object.entries(MATERIALS)) for (const f of m.forms) addForm(f, name);
for (const [name, forms] of Object.entries(SEARCH_MATERIALS)) for (const f of forms) addForm(f, name);

/** Any form, longest first, as a whole word or phrase of folded text. */
const FORM_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...FORMS.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Whether every index word of `name` is among `have` (the query says it already). */
function said(name: string, have: ReadonlySet<string>): boolean {
  const ws = tokenize(name);
  return ws.length > 0 && ws.every((w) => have.has(w));
}

/**
 * The index words the query rules out: rejections' values (as "sin cuero" gives "leather"), and for a
 * material the forms of it and its family ("sin piedras" gives gemstone, whose forms hold "piedras").
 */
export function ruledOut(read: IntentEntities | undefined): Set<string> {
  return new Set(
    (read?.rejections ?? []).flatMap((r) => [
      ...tokenize(r.value),
      ...(r.kind === 'material' ? materialFamily(r.value).flatMap((m) => (MATERIALS[m]?.forms ?? []).flatMap((f) => tokenize(f))) : []),
    ]),
  );
}

/**
 * English names of the materials `query` names (see the file comment), in the order it names them.
 * A context form ("oro", "plata") counts only when it is the query's only word besides numbers.
 */
export function queryMaterials(query: string, read?: IntentEntities): string[] {
  const folded = fold(query);
  const out: string[] = [];
  const rejected = ruledOut(read);
  const content = tokenize(query).filter((w) => !/\d/.test(w));
  for (const m of folded.matchAll(FORM_RE)) {
    const form = m[1] as string;
    if (CONTEXT_FORMS.has(form) && !(content.length === 1 && content[0] === form)) continue;
    // "sin cuero" (leather ruled out), "sin piedras" (the term itself ruled out).
    if (tokenize(form).some((w) => rejected.has(w))) continue;
    for (const name of FORMS.get(form) ?? []) {
      if (!tokenize(name).some((w) => rejected.has(w)) && !out.includes(name)) out.push(name);
    }
  }
  return out;
}

/** Folded Spanish form of a thing → its English name ({@link SEARCH_NOUNS}). */
const NOUN_FORMS = new Map<string, string>();
for (const [name, forms] of Object.entries(SEARCH_NOUNS)) for (const f of forms) NOUN_FORMS.set(fold(f), name);

/**
 * English names of the things `query` names in Spanish ({@link SEARCH_NOUNS}: "cuenco" → bowl), in the
 * order it names them; not a thing the query rules out.
 */
export function queryNouns(query: string, read?: IntentEntities): string[] {
  const rejected = ruledOut(read);
  const out: string[] = [];
  for (const w of fold(query).split(/[^\p{L}\p{N}]+/u)) {
    const name = NOUN_FORMS.get(w);
    if (name && !rejected.has(name) && !rejected.has(tokenize(w)[0] as string) && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * The English names to search besides `query`'s own words: the colours the query was read to name
 * (`read.colours`, canonical English), the materials it names ({@link queryMaterials}) and the things
 * ({@link queryNouns}), less those whose words the query has already ("blue" adds nothing to "blue").
 */
export function englishSearchTerms(query: string | undefined, read: IntentEntities | undefined): string[] {
  const q = query?.trim() ?? '';
  if (q === '' || q === '*') return [];
  const have = new Set(tokenize(q));
  const names = [...(read?.colours ?? []), ...queryMaterials(q, read), ...queryNouns(q, read)];
  return [...new Set(names)].filter((n) => !said(n, have));
}
