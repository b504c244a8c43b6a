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

/** "with" and "con". */
const WITH = new Set(['with', 'w', 'con']);

/** Possessives: a kind after one is someone's own ("with *my* rug", "con *mi* sofá"). */
export const POSSESSIVES = new Set(['my', 'your', 'her', 'his', 'our', 'their', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'nuestro', 'nuestra', 'nuestros', 'nuestras']);

/**
 * Words that start another phrase or are no describing word: none stands between "with" and the kind
 * it goes with ("go with the dress *and* which earrings", "con el juego *de* sábanas").
 */
const NOT_DESCRIBING = new Set([
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
function samePhrase(toks: readonly Token[], original: string, a: number): boolean {
  const x = toks[a];
  const y = toks[a + 1];
  return x !== undefined && y !== undefined && !/[,.;:!?¿¡()]/.test(original.slice(x.end, y.start));
}

/**
 * When the kind starting at token `from` is what the products must go with, the index of the first
 * token of its phrase (right after "with" / "con" or the verb: its colours describe it); otherwise
 * undefined. `skippable(i)`: a determiner, possessive or colour at `i` (entities.ts).
 */
export function goesWithAt(toks: readonly Token[], from: number, original: string, skippable: (i: number) => boolean): number | undefined {
  let own = false;
  let determined = false;
  let describing = 0;
  let j = from - 1;
  for (; j >= 0; j--) {
    if (!samePhrase(toks, original, j)) return undefined;
    const w = (toks[j] as Token).w;
    if (WITH.has(w) || OBJECT_VERBS.has(w)) break;
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
