/**
 * What is sought and what it is for: of the kinds an utterance names, the ones the shopper asks for
 * and the ones that only say what those are for, go with or are used with (purposes: a soft nudge in
 * the ranking, never a filter). "cojines que peguen con el sofá amarillo" asks for cushions, "what lamps
 * do you have for the bedside table?" for lamps, "my sofa is grey, any cushions?" for cushions: the
 * sofa, the bedside table are the shopper's own, and as kinds sought the list would hold them.
 */
import { describedKind, type VocabMatch } from './catalogVocabulary.ts';
import { compoundModifiers, headBeforePreposition, PLACES } from './compounds.ts';
import { goesWithAt, NOT_DESCRIBING, samePhrase } from './goesWith.ts';
import { singular, type Token } from './text.ts';
import type { IntentLanguage } from './types.ts';

/** Prepositions of where a thing said by its use is used ("to read in bed", "para leer en la cama"). */
const USED_IN = new Set(['in', 'on', 'at', 'en', 'sobre']);

/** Words between a purpose preposition and the kind it introduces ("for *my new* bedroom"). */
const PURPOSE_FILLER = new Set(['the', 'my', 'your', 'our', 'a', 'an', 'his', 'her', 'their', 'new', 'el', 'la', 'los', 'las', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'un', 'una', 'unos', 'unas', 'nuestro', 'nuestra', 'nuevo', 'nueva']);

/** Words that stand for a kind not named: "something for the couch", "algo para el sofá". */
const UNNAMED_HEADS = new Set(['something', 'anything', 'stuff', 'things', 'thing', 'algo', 'cosas', 'cosa', 'alguna', 'alguno']);
/** Prepositions of what a thing is for or where it is used ("for the couch", "on the sofa", "para el sofá"). */
const FOR_OR_ON = new Set(['for', 'on', 'onto', 'para', 'pa', 'sobre']);
/** Words that end the request a kind belongs to, scanning back from it. */
const REQUEST_BREAK = new Set(['and', 'but', 'or', 'y', 'pero', 'o']);
/**
 * Words of the body a kind may be named by ("algo para la parte de abajo", "something for my feet"):
 * "something for" them is what is worn there, the kind itself, not what it is used with.
 */
const WORN_ON = new Set(['parte', 'feet', 'foot', 'pie', 'head', 'cabeza', 'hand', 'mano', 'neck', 'cuello', 'wrist', 'muneca', 'ear', 'oreja', 'finger', 'dedo', 'leg', 'pierna', 'body', 'cuerpo']);
/** Words scanned back from a kind, at most, for the request's unnamed head. */
const UNNAMED_REACH = 6;

/** Words after a kind that introduce what it has or comes with ("earrings *with* a pendant", "collar *con* colgante"). */
const WITH_WORDS = new Set(['with', 'w', 'con']);
/** Verbs of what a thing holds, which say what it is for ("a bag that fits a laptop", "un bolso donde quepa el celular"). */
const HOLDS: ReadonlySet<string> = new Set(['fits', 'fit', 'holds', 'hold', 'quepa', 'quepan', 'entra', 'entre', 'entren']);
/** Describing words after "with" that make the kind one more thing wanted, not a part ("a sofa with matching cushions"). */
const ALSO_WANTED = new Set(['matching', 'coordinating', 'coordinated', 'complementary', 'juego', 'combinado', 'combinados', 'combinada', 'combinadas']);

/** "or" between two kinds: the second is what the first is ("for the sofa or armchair"). */
const OR_WORDS = new Set(['or', 'o', 'u']);

/**
 * Verbs of having, said by the shopper of themselves: the kind after one is what they already have
 * ("I have a grey sofa", "we've bought a bed", "ya tengo un sofá", "compré una mesa"). English needs
 * the subject ("do you guys have grey sofas?" asks the shop); Spanish first-person forms carry it
 * ("compré" with its accent: "compre" is also "buy" in "que me compre").
 */
const OWNED_EN = new Set(['have', 'own', 'got', 'bought']);
const OWNED_ES = new Set(['tengo', 'tenemos', 'compre', 'compramos']);
const OWNED_ES_PERFECT = new Set(['comprado', 'comprada']);
const SUBJECT_EN = new Set(['i', 'we', "i've", "we've", 'ive', 'weve']);
/** Adverbs between a subject and its verb ("I already have", "we just bought"). */
const BETWEEN_SUBJECT_AND_VERB = new Set(['already', 'just', 'also', 'recently', 'still', 'ya', 'tambien', 'recien']);

/** The shopper's own: a kind after one of these is theirs ("*my* sofa is grey", "*mi* sofá es gris"). */
const FIRST_PERSON = new Set(['my', 'our', 'mi', 'mis', 'nuestro', 'nuestra', 'nuestros', 'nuestras']);
/** Verbs of replacing: the kind the shopper has is the one sought ("replace my sofa", "cambiar mi colchón"). */
const REPLACE = new Set(['replace', 'replacing', 'upgrade', 'upgrading', 'swap', 'change', 'reemplazar', 'reemplazo', 'sustituir', 'cambiar', 'cambio', 'renovar', 'renuevo']);

/**
 * Words that end the phrase of a kind sought before a purpose preposition: a list or a new request
 * ("lamps *and* a table for…") or a verb whose object "for" introduces ("*looking* for a table",
 * "*searching* for", "*shopping* for": the kind after it is sought).
 */
const CLAUSE_BREAK = new Set(['and', 'y', 'e', 'but', 'pero', 'also', 'tambien', 'plus', 'then', 'luego', 'ademas', 'now', 'ahora']);
const SEARCH_FOR = new Set(['looking', 'look', 'looked', 'search', 'searching', 'searched', 'shop', 'shopping', 'hunting', 'hunt', 'ask', 'asking', 'asked', 'pay', 'paying', 'go', 'going', 'settle', 'opt']);
/** Most words a clause may put between a kind sought and "for" ("lamps *would you recommend* for"). */
const MAX_CLAUSE = 6;

/** Copulas after a purpose: the colour after one is said of it ("my sofa *is* grey", "mi sofá *es* gris"). */
const COPULAS = new Set(['is', 'are', 'was', 'were', 'es', 'son', 'esta', 'estan', 'era', 'eran']);
/** Words of degree between a copula and its colour ("is *quite* grey", "es *muy* claro"). */
const DEGREE = new Set(['quite', 'very', 'really', 'pretty', 'kind', 'kinda', 'sort', 'of', 'like', 'muy', 'bastante', 'medio', 'como']);

/**
 * The text of a purpose's phrase, from token `start` to its kind `m` and its colours: before it or
 * (Spanish) right after it, in the same phrase ("my grey sofa", "mi sofá gris"), or said of it by a
 * copula ("my sofa is grey", "mi sofá es gris"). Its colours describe it, not the kinds sought.
 */
function phraseSpan(toks: readonly Token[], start: number, m: VocabMatch, lang: IntentLanguage, isColour: (i: number) => boolean, original: string): readonly [number, number] {
  const joined = (j: number): boolean => !/[,.;:!?]/.test(original.slice((toks[j - 1] as Token).end, (toks[j] as Token).start));
  let end = m.to;
  while (lang === 'es' && end < toks.length && isColour(end) && joined(end)) end++;
  if (end < toks.length && COPULAS.has((toks[end] as Token).w) && joined(end)) {
    let j = end + 1;
    while (j < toks.length && DEGREE.has((toks[j] as Token).w) && joined(j)) j++;
    if (j < toks.length && isColour(j) && joined(j)) {
      end = j + 1;
      while (end < toks.length && isColour(end) && joined(end)) end++;
    }
  }
  return [(toks[start] as Token).start, (toks[end - 1] as Token).end];
}

/** Kinds split by {@link splitPurposes}, and the text each purpose covers (char offsets: its colours describe it). */
export interface Kinds {
  readonly sought: VocabMatch[];
  readonly purposes: VocabMatch[];
  readonly spans: (readonly [number, number])[];
  /** A garment is to be worn over or under a purpose ("something to throw on over a tank top"; goesWith.ts). */
  readonly worn?: 'over' | 'under';
}

/** Units of a measure that, after its number, describes a kind ("a 15 inch laptop", "un televisor de 55 pulgadas"). */
const MEASURES: ReadonlySet<string> = new Set(['inch', 'inches', 'in', 'pulgadas', 'pulgada', 'cm', 'mm', 'l', 'litre', 'liter', 'litro', 'litros', 'qt', 'quart', 'oz', 'gb', 'tb']);

/**
 * Splits the kinds found into what is sought and what it is for: a kind introduced by "for" /
 * "para" (Spanish also "de") right after a kind ("a table for the garden", "cojines para el sofá",
 * "mesa de jardín": the table, the cushions are sought), or after a kind and a clause of the same
 * request ("what lamps do you have for the bedside table?", "¿qué lámparas tenéis para la mesita de
 * noche?"; not "lamps, and I'm looking for a table") is a purpose, and so is a kind after "with" /
 * "con" right after a kind sought ("earrings with a pendant": the earrings are sought, with one), a
 * kind the products must go with (goesWith.ts: "earrings that would go with the crane necklace",
 * "que peguen con el sofá"), a kind joined to a purpose by "or" ("for the sofa or armchair"), a kind
 * the shopper says they have ("I have a grey sofa and I'm looking for cushions") and, when another kind
 * is sought, a kind that is the shopper's own ("my sofa is grey, any cushions?"; not "replace my
 * sofa"). Anything else is sought: the first kind named otherwise, a kind after another verb ("the bed
 * is oak, looking for a lamp": the lamp), a list ("pillows and a sofa"). Determiners, possessives and
 * colour words between are skipped ("for my grey sofa"). A kind that modifies a noun is what that noun
 * is for too (compounds.ts): in an English compound ("wine glasses", "a grey tea towel": the towel is
 * sought, the grey one), and after an accessory or container and its preposition ("a rack for shoes",
 * "copas de vino").
 */
export function splitPurposes(toks: readonly Token[], matches: readonly VocabMatch[], lang: IntentLanguage, isColour: (i: number) => boolean, original: string): Kinds {
  const sought: VocabMatch[] = [];
  const purposes: VocabMatch[] = [];
  const spans: (readonly [number, number])[] = [];
  const skippable = (i: number): boolean => PURPOSE_FILLER.has((toks[i] as Token).w) || isColour(i);
  /** Whether the word at `i` is the shopper saying they have or bought something. */
  const ownedAt = (i: number): boolean => {
    const t = toks[i];
    if (!t) return false;
    let j = i - 1;
    while (j >= 0 && BETWEEN_SUBJECT_AND_VERB.has((toks[j] as Token).w)) j--;
    const before = j >= 0 ? (toks[j] as Token).w : '';
    if (OWNED_EN.has(t.w)) return SUBJECT_EN.has(before) || (t.w === 'got' && (before === 'have' || before === "'ve"));
    if (t.w === 'compre') return original.slice(t.start, t.end).toLowerCase().endsWith('é') && before !== 'que';
    if (OWNED_ES.has(t.w)) return before !== 'que';
    return OWNED_ES_PERFECT.has(t.w) && (before === 'he' || before === 'hemos');
  };
  /**
   * The word before position `at`, skipping determiners, possessives and colours, and its index; none
   * across a mark ("para mi depa nuevo, decoración": the decoration is sought, not what it is for).
   */
  const before = (at: number): [string, number] => {
    let i = at - 1;
    while (i >= 0 && samePhrase(toks, original, i) && skippable(i)) i--;
    if (i >= 0 && !samePhrase(toks, original, i)) return ['', -1];
    return [i >= 0 ? (toks[i] as Token).w : '', i];
  };
  /**
   * "for" / "para" before up to two describing words and the determiners before the kind ("for my *new
   * dining* table", "for my *old* sofa"): the preposition, as if they were not there; else `found`.
   */
  const forPast = (found: [string, number]): [string, number] => {
    let [w, i] = found;
    for (let describing = 0; describing < 2 && i > 0; describing++) {
      // A measure describes too ("for a *15 inch* laptop", "para una notebook de *15 pulgadas*").
      if (MEASURES.has(w) && /^\d/.test(toks[i - 1]?.w ?? '')) i--;
      else if (NOT_DESCRIBING.has(w) || /^\d/.test(w) || !samePhrase(toks, original, i)) return found;
      const described = w;
      [w, i] = before(i);
      if (w === 'for' || w === 'para' || w === 'pa' || HOLDS.has(w)) return [w, i];
      // "boots with a *low* heel": what the kind has; "a sofa with *matching* cushions" asks for both.
      if (WITH_WORDS.has(w)) return ALSO_WANTED.has(described) ? found : [w, i];
    }
    return found;
  };
  /** Whether only skippable words stand between a kind ending at `to` and position `at`. */
  const rightAfter = (to: number, at: number): boolean => {
    if (to > at) return false;
    for (let j = to; j < at; j++) if (!skippable(j)) return false;
    return true;
  };
  /**
   * Whether a kind ending at `to` and the purpose preposition at `at` are one request: a short clause
   * between in the same sentence ("lamps *do you have* for"), neither a list, a new request nor a
   * verb that takes "for" ("lamps, *looking* for a table").
   */
  const sameRequest = (to: number, at: number): boolean => {
    if (to > at || at - to > MAX_CLAUSE) return false;
    if (SEARCH_FOR.has(toks[at - 1]?.w ?? '')) return false;
    for (let j = to; j < at; j++) if (CLAUSE_BREAK.has((toks[j] as Token).w)) return false;
    const from = toks[to - 1] as Token;
    return !/[.;:!?¿¡]/.test(original.slice(from.end, (toks[at] as Token).start));
  };
  const modifiers = compoundModifiers(toks, original, matches, lang);
  const worn: { side?: 'over' | 'under' } = {};
  for (const m of matches) {
    if (modifiers.has(m)) {
      // Only the modifier itself: a colour before the compound describes its head ("a *grey* tea towel").
      purposes.push(m);
      spans.push([(toks[m.from] as Token).start, (toks[m.to - 1] as Token).end]);
      continue;
    }
    const [w, i] = forPast(before(m.from));
    // "something cozy for reading on the couch", "algo para el sofá": what the thing not named is for
    // or used on (a room is where the kinds used there are sought: findCategories; "algo para la parte
    // de abajo", "something for my feet" name what is worn there).
    const kindWords = toks.slice(m.from, m.to).map((t) => singular(t.w));
    // A kind said by what it is for ("algo para *colgar en la pared*") is what is asked, whatever precedes it.
    const describes = describedKind(toks.slice(m.from, m.to)) !== undefined;
    if (!describes && sought.length === 0 && FOR_OR_ON.has(w) && unnamedHeadBefore(toks, i, original) && !PLACES.has(kindWords.join(' ')) && !kindWords.some((k) => WORN_ON.has(k))) {
      purposes.push(m);
      spans.push(phraseSpan(toks, i + 1, m, lang, isColour, original));
      continue;
    }
    const prep = w === 'for' || w === 'para' || w === 'pa' || (lang === 'es' && w === 'de') || HOLDS.has(w);
    // "earrings with a pendant", "collar con colgante": what the kind sought has, not a second kind.
    const has = WITH_WORDS.has(w) && sought.some((s) => rightAfter(s.to, i) || sameRequest(s.to, i));
    const afterKind = !describes && (has || (prep && (sought.some((s) => rightAfter(s.to, i) || (w !== 'de' && sameRequest(s.to, i))) || headBeforePreposition(toks, i - 1, lang))));
    const orPurpose = OR_WORDS.has(w) && purposes.some((p) => rightAfter(p.to, i));
    // A kind said by what it is for, then a determiner and a kind: what it is used on ("something to water
    // *my plants*", "algo para guardar *la ropa*"; synonyms.ts `described`), not a second kind sought.
    const [said, at] = before(m.from);
    // Also where it is used, after "in" / "on" ("something to read *in bed*", "para leer de noche *en la cama*").
    const [, atIn] = USED_IN.has(said) ? before(at) : [said, -1];
    const describedEnds = (end: number): boolean => matches.some((d) => d.to === end && describedKind(toks.slice(d.from, d.to)) !== undefined);
    const usedOn = (at < m.from - 1 && describedEnds(at + 1)) || (atIn >= 0 && describedEnds(atIn + 1));
    const owned = ownedAt(i);
    // "go with the crane necklace", "to match her necklace", "que peguen con el sofá": what it must go with.
    const goesWith = afterKind || orPurpose || owned || usedOn ? undefined : goesWithAt(toks, m.from, original, skippable, worn);
    if (afterKind || orPurpose || owned || usedOn || goesWith !== undefined) {
      purposes.push(m);
      spans.push(phraseSpan(toks, goesWith ?? i + 1, m, lang, isColour, original));
    } else sought.push(m);
  }
  return withOwnAside(toks, { sought, purposes, spans, ...(worn.side ? { worn: worn.side } : {}) }, skippable, original, lang, isColour);
}

/**
 * Whether the request a kind after the preposition at `at` belongs to has a head that names no kind
 * ({@link UNNAMED_HEADS}: "*something* cozy for reading on the couch"), within {@link UNNAMED_REACH}
 * words back and the same clause.
 */
function unnamedHeadBefore(toks: readonly Token[], at: number, original: string): boolean {
  for (let j = at - 1; j >= 0 && j >= at - UNNAMED_REACH; j--) {
    const t = toks[j] as Token;
    if (UNNAMED_HEADS.has(t.w)) return true;
    if (REQUEST_BREAK.has(t.w) || /[.;:!?¿¡,]/.test(original.slice(t.end, (toks[j + 1] as Token).start))) return false;
  }
  return false;
}

/**
 * The kinds sought that are the shopper's own ("*my sofa* is grey, any cushions?", "*mi sofá* es gris y
 * busco cojines"), made purposes when another kind is sought: what the shopper has is what the others
 * go with. Not what they replace ("I want to replace my sofa, any ideas?").
 */
function withOwnAside(toks: readonly Token[], kinds: Kinds, skippable: (i: number) => boolean, original: string, lang: IntentLanguage, isColour: (i: number) => boolean): Kinds {
  const ownAt = (m: VocabMatch): number | undefined => {
    let i = m.from - 1;
    let own: number | undefined;
    while (i >= 0 && skippable(i)) {
      if (FIRST_PERSON.has((toks[i] as Token).w)) own = i;
      i--;
    }
    return own !== undefined && !REPLACE.has(toks[i]?.w ?? '') ? own : undefined;
  };
  const own = kinds.sought.filter((m) => ownAt(m) !== undefined);
  if (own.length === 0 || own.length === kinds.sought.length) return kinds;
  const spans = [...kinds.spans];
  for (const m of own) spans.push(phraseSpan(toks, ownAt(m) as number, m, lang, isColour, original));
  return { ...kinds, sought: kinds.sought.filter((m) => !own.includes(m)), purposes: [...kinds.purposes, ...own].sort((a, b) => a.from - b.from), spans };
}
