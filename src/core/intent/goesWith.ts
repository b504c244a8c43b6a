/**
 * "Goes with": a kind named as what the products must go with is not a kind sought ("earrings that
 * would go with the crane necklace", "cushions to match the sofa", "unos cojines que peguen con el
 * sofá amarillo"). The shopper has it, or means it as the measure of the look: as a kind sought it
 * would be a hard filter, and the list would hold the necklace or the sofa the shopper already has
 * (entities.ts reads it as a purpose, a soft nudge).
 *
 * The phrase is a verb of going together before "with" / "con" ("go with", "pairs well with", "to
 * wear with", "look good with", "vayan bien con", "que combinen con", "haga juego con"), or a verb that
 * takes what it goes with as its object after a determiner ("to match *the* sofa", "complement *my*
 * dress", "que complemente *el* vestido"), or "with" / "con" before what is someone's own ("with *my*
 * rug", "con *mi* sofá"). Between it and the kind stand determiners, possessives, colours and up to two
 * describing words ("with the *origami crane* necklace"), nothing that starts another phrase.
 *
 * Worn or put over, under or on something is going with it too: a verb of wearing or placing before
 * "over", "under", "on (top of)", "sobre", "encima de", "debajo de" ("a jacket to wear over a tank
 * top", "a rug to put under the sofa", "una camiseta para llevar debajo del blazer"). Without the verb
 * the place word says nothing of the kind ("a jacket over the dress" may be either).
 *
 * "go with" is also choosing ("I'll go with the leather jacket", "should I go with the grey sofa?",
 * "Going with the engagement ring, size 6"): said by the shopper (or asked of the assistant), or
 * starting the sentence, it is no "goes with", and the kind is the one sought.
 */
import type { Token } from './text.ts';

/** Verbs of going together whose object follows "with" / "con" (any form the shopper writes). */
const WITH_VERBS = new Set([
  'go', 'goes', 'going', 'went', 'pair', 'pairs', 'paired', 'pairing', 'wear', 'wears', 'wearing', 'worn', 'coordinate', 'coordinates', 'coordinated',
  'coordinating', 'match', 'matches', 'matched', 'matching', 'combine', 'combines', 'combined', 'combining', 'work', 'works', 'working', 'blend',
  'blends', 'fit', 'fits', 'team', 'teams', 'style', 'styled', 'styling', 'layer', 'layered', 'use', 'used', 'using', 'tie', 'ties',
  'combinen', 'combina', 'combinan', 'combinar', 'combinaria', 'combinarian', 'combinando', 'combinado', 'combinada',
  'pegue', 'peguen', 'pega', 'pegan', 'pegar', 'pegaria', 'pegarian', 'pegando', 'vaya', 'vayan', 'va', 'van', 'ir', 'iria', 'irian', 'conjunte',
  'conjunten', 'conjunta', 'conjuntan', 'conjuntar', 'conjuntaria', 'juego', 'armonice', 'armonicen', 'armonizar', 'llevar', 'llevarlo', 'llevarla',
  'usar', 'usarlo', 'usarla', 'ponerme', 'ponerle', 'ponerse', 'poner', 'lucir', 'coordinar', 'coordine', 'coordinen',
]);

/**
 * Verbs that go with "with" / "con" only with a word of how well between ("look *good* with", "quede
 * *bien* con"): alone they say something else ("me quedo con el gris" is choosing it).
 */
const WITH_VERBS_WELL = new Set([
  'look', 'looks', 'looked', 'looking', 'seem', 'seems', 'quede', 'queden', 'queda', 'quedan', 'quedar', 'quedaria', 'quedarian', 'quedaran', 'vea',
  'vean', 've', 'ven', 'veria', 'verian', 'luzca', 'luzcan', 'luce', 'lucen',
]);

/** Words of how well between the verb and "with" ("pairs *well* with", "vaya *bien* con"). */
const WELL = new Set([
  'well', 'nicely', 'better', 'best', 'good', 'great', 'nice', 'perfectly', 'fine', 'ok', 'okay', 'amazing', 'lovely', 'beautifully', 'together',
  'cute', 'really', 'so', 'bien', 'mejor', 'genial', 'lindo', 'linda', 'bonito', 'bonita', 'perfecto', 'perfecta', 'perfectamente', 'chulo', 'chula',
  'padre', 'guay', 'muy', 'tan', 'mas',
]);

/** Verbs whose object is what the products go with ("to match the sofa", "que complemente mi vestido"). */
const OBJECT_VERBS = new Set([
  'match', 'matches', 'matched', 'matching', 'complement', 'complements', 'complementing', 'compliment', 'compliments', 'complemente', 'complementen',
  'complementa', 'complementan', 'complementar', 'acompane', 'acompanen', 'acompana', 'acompanan', 'acompanar',
]);

/** Determiners and demonstratives: after one, what follows is the verb's object ("to match *the* sofa", "complementar *este* vestido"). */
const DETERMINERS = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'este', 'esta', 'estos', 'estas', 'ese', 'esa',
  'esos', 'esas',
]);

/** Where a thing is worn or put, against what it is worn or put with ("wear *over* a tank top"). */
const PLACES = new Set(['over', 'under', 'underneath', 'beneath', 'atop', 'on', 'onto', 'sobre', 'bajo']);

/** Two-word places ending in "of" / "de" / "del", by their first word: "on top of", "encima de", "debajo del". */
const PLACES_OF = new Map([['top', 'on'], ['encima', ''], ['debajo', ''], ['underneath', '']]);

/** Verbs of wearing or placing before a place ("to *wear* over", "to *put* under", "para *llevar* debajo de"). */
const PLACE_VERBS = new Set([
  'wear', 'wears', 'wearing', 'worn', 'layer', 'layers', 'layered', 'layering', 'throw', 'throwing', 'put', 'putting', 'pop', 'slip', 'place', 'placing',
  'hang', 'hanging', 'set', 'sit', 'sits', 'go', 'goes', 'going', 'fit', 'fits', 'display', 'lay',
  'llevar', 'llevarlo', 'llevarla', 'llevarlos', 'llevarlas', 'lleve', 'lleves', 'llevo', 'usar', 'usarlo', 'usarla', 'uso', 'use', 'ponerme', 'ponerle',
  'ponerse', 'poner', 'ponerlo', 'ponerla', 'ponerlos', 'ponerlas', 'pongo', 'ponga', 'lucir', 'vestir', 'colgar', 'colocar', 'ir', 'va', 'vaya', 'vayan', 'van',
]);

/** Verbs whose "on" is putting clothes on, not a place ("I want to *put on* a dress"). */
const ON_IS_DONNING = new Set(['put', 'putting', 'throw', 'throwing', 'pop', 'slip']);

/** Words that are the object of a verb after them ("*something* to put on the table"). */
const OBJECTS = new Set(['something', 'anything', 'stuff', 'thing', 'things', 'one', 'ones', 'decor', 'decoration', 'decorations']);

/** Whether the verb at `v` has its object before it ("something to put on the table": "on" is then a place, not putting clothes on). */
function objectBefore(toks: readonly Token[], v: number): boolean {
  return toks[v - 1]?.w === 'to' && OBJECTS.has(toks[v - 2]?.w ?? '');
}

/** Words between a verb and its place ("throw *on* over", "wear *it* under"). */
const PARTICLES = new Set(['on', 'it', 'them', 'one', 'just', 'right', 'directly']);

/** "with" and "con". */
const WITH = new Set(['with', 'w', 'con']);

/** Possessives: a kind after one is someone's own ("with *my* rug", "con *mi* sofá"). */
export const POSSESSIVES = new Set(['my', 'your', 'her', 'his', 'our', 'their', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'nuestro', 'nuestra', 'nuestros', 'nuestras']);

/**
 * Words that start another phrase or are no describing word: none stands between "with" and the kind
 * it goes with ("go with the dress *and* which earrings", "con el juego *de* sábanas").
 */
export const NOT_DESCRIBING = new Set([
  'and', 'or', 'but', 'y', 'e', 'o', 'u', 'pero', 'that', 'which', 'who', 'what', 'que', 'cual', 'quien', 'to', 'for', 'from', 'of', 'in', 'on',
  'at', 'by', 'para', 'por', 'de', 'del', 'en', 'al', 'with', 'con', 'sin', 'without', 'also', 'too', 'tambien', 'i', 'you', 'he', 'she', 'we',
  'they', 'it', 'yo', 'is', 'are', 'was', 'be', 'es', 'son', 'do', 'does', 'have', 'has', 'want', 'need', 'quiero', 'necesito', 'busco', 'not', 'no',
  'some', 'any', 'algo', 'something', 'anything', 'one', 'ones', 'uno', 'una', 'me', 'them', 'lo', 'la', 'los', 'las', 'le', 'les',
]);

/** Words before "go" that make it the shopper choosing ("*I'll* go with", "*should I* go with", "*let's* go with"). */
const CHOOSERS = new Set(['i', 'we', 'you', 'u', "i'll", "i'd", "we'll", "we'd", "you'd", "you'll", 'ill', 'id', 'let', 'lets', "i'm", 'im']);
/** Words between a chooser and "go" ("I *would just* go with", "I'm *going to* go with"). */
const BEFORE_GO = new Set(['would', 'will', 'should', 'could', 'might', 'can', 'may', 'must', 'just', 'probably', 'prob', 'definitely', 'def', 'rather', 'to', 'going', 'gonna', 'wanna', 'then', 'maybe', 'also', 'still', 'think', 'guess', 'd', 'll']);
const GO = new Set(['go', 'goes', 'going', 'went']);

/**
 * Whether the "go" at `i` is choosing: its subject is the shopper or the one asked ("I'll go with",
 * "would you go with"), or it starts the sentence ("Going with the engagement ring, size 6").
 */
function choosing(toks: readonly Token[], i: number, original: string): boolean {
  if (i === 0 || !samePhrase(toks, original, i - 1)) return true;
  let j = i - 1;
  while (j >= 0 && BEFORE_GO.has((toks[j] as Token).w)) j--;
  return j >= 0 && CHOOSERS.has((toks[j] as Token).w);
}

/** Whether tokens `a` and `a + 1` are in one phrase (no comma, stop or question mark between them in `original`). */
export function samePhrase(toks: readonly Token[], original: string, a: number): boolean {
  const x = toks[a];
  const y = toks[a + 1];
  return x !== undefined && y !== undefined && !/[,.;:!?¿¡()]/.test(original.slice(x.end, y.start));
}

/**
 * The first token of a place word ending at `j` ("over", "on top of", "encima de", "debajo del"), or
 * undefined.
 */
function placeEndingAt(toks: readonly Token[], original: string, j: number): number | undefined {
  const w = (toks[j] as Token).w;
  if (PLACES.has(w)) return j;
  if (w !== 'of' && w !== 'de' && w !== 'del') return undefined;
  const head = toks[j - 1]?.w;
  const first = head === undefined ? undefined : PLACES_OF.get(head);
  if (first === undefined || !samePhrase(toks, original, j - 1)) return undefined;
  if (first === '') return j - 1;
  return toks[j - 2]?.w === first && samePhrase(toks, original, j - 2) ? j - 2 : undefined;
}

/** Place words of wearing beneath ("under", "debajo de") and over ("over", "encima de"; "on top of"). */
const UNDER = new Set(['under', 'underneath', 'beneath', 'debajo', 'bajo']);
const OVER = new Set(['over', 'atop', 'encima', 'sobre']);

/** Verbs of wearing among {@link PLACE_VERBS} ("to wear over", not "to put under"): what is worn over or under something is a garment. */
const WEAR_VERBS = new Set([
  'wear', 'wears', 'wearing', 'worn', 'layer', 'layers', 'layered', 'layering', 'throw', 'throwing', 'slip', 'go', 'goes', 'going',
  'llevar', 'llevarlo', 'llevarla', 'llevarlos', 'llevarlas', 'lleve', 'lleves', 'llevo', 'usar', 'usarlo', 'usarla', 'uso', 'use', 'ponerme', 'ponerse',
  'lucir', 'vestir',
]);

/**
 * The index of the verb of wearing or placing right before the place at `at` (particles between), or
 * undefined: none, a choosing "go", or "put on" as dressing.
 */
function placeVerbAt(toks: readonly Token[], original: string, at: number): number | undefined {
  let v = at - 1;
  while (v >= 0 && PARTICLES.has((toks[v] as Token).w) && samePhrase(toks, original, v)) v--;
  if (v < 0 || !samePhrase(toks, original, v)) return undefined;
  const verb = (toks[v] as Token).w;
  if (v === at - 1 && (toks[at] as Token).w === 'on' && ON_IS_DONNING.has(verb) && !objectBefore(toks, v)) return undefined;
  return PLACE_VERBS.has(verb) && !(GO.has(verb) && choosing(toks, v, original)) ? v : undefined;
}

/**
 * When the kind starting at token `from` is what the products must go with, the index of the first
 * token of its phrase (right after "with" / "con" or the verb: its colours describe it); otherwise
 * undefined. `skippable(i)`: a determiner, possessive or colour at `i` (entities.ts). `worn`, when
 * given, is told which side a garment worn over or under the kind goes on ("a jacket to wear *over* a
 * top": `over`).
 */
export function goesWithAt(toks: readonly Token[], from: number, original: string, skippable: (i: number) => boolean, worn?: { side?: 'over' | 'under' }): number | undefined {
  let own = false;
  let determined = false;
  let describing = 0;
  let j = from - 1;
  for (; j >= 0; j--) {
    if (!samePhrase(toks, original, j)) return undefined;
    const w = (toks[j] as Token).w;
    if (WITH.has(w) || OBJECT_VERBS.has(w)) break;
    const place = placeEndingAt(toks, original, j);
    if (place !== undefined) {
      const verb = placeVerbAt(toks, original, place);
      if (verb === undefined) return undefined;
      if (worn && WEAR_VERBS.has((toks[verb] as Token).w)) {
        const w = (toks[place] as Token).w;
        const side = UNDER.has(w) ? 'under' : OVER.has(w) || (w === 'on' && toks[place + 1]?.w === 'top') ? 'over' : undefined;
        if (side) worn.side = side;
      }
      return j + 1;
    }
    if (POSSESSIVES.has(w)) own = true;
    if (DETERMINERS.has(w)) determined = true;
    if (POSSESSIVES.has(w) || DETERMINERS.has(w) || skippable(j)) continue;
    if (NOT_DESCRIBING.has(w) || /^\d/.test(w) || describing === 2) return undefined;
    describing++;
  }
  if (j < 0) return undefined;
  const marker = (toks[j] as Token).w;
  const start = j + 1;
  // "to match the sofa", "matching my dress": the verb's object; "matching cushions" is no object.
  if (!WITH.has(marker)) return determined || own ? start : undefined;
  if (own) return start;
  let v = j - 1;
  let well = false;
  while (v >= 0 && WELL.has((toks[v] as Token).w) && samePhrase(toks, original, v)) {
    well = true;
    v--;
  }
  if (v < 0 || !samePhrase(toks, original, v)) return undefined;
  const verb = (toks[v] as Token).w;
  if (WITH_VERBS_WELL.has(verb)) return well ? start : undefined;
  if (!WITH_VERBS.has(verb)) return undefined;
  return GO.has(verb) && choosing(toks, v, original) ? undefined : start;
}
