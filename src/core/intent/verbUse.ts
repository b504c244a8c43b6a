/**
 * A kind word used as a verb or for an activity names no kind sought. English nouns double as verbs
 * ("he *bikes* to work", "silver *suits* her", "who *wins*?", "I want to *watch* it"), and a vehicle
 * named for how someone gets about is their activity ("goes to work *by bike*", "va al trabajo *en
 * bici*", "she rides her *bike*"): as a kind sought it would replace the kind the conversation is about
 * (the jacket a cyclist needs becomes a bike). An activity is still what the products are for, a soft
 * nudge (entities.ts); a mere verb names nothing. Only one-word kinds; after a determiner a word is a
 * noun whatever follows ("the suits her mother liked", "a bike to ride").
 */
import type { VocabMatch } from './catalogVocabulary.ts';
import type { Token } from './text.ts';
import type { IntentLanguage } from './types.ts';

/** Object pronouns: an English kind word right before one is a verb ("silver *suits her* better", "it *dresses him* up"). */
const OBJECT_PRONOUNS = new Set(['her', 'him', 'them', 'us', 'me']);
/** Determiners: a kind word after one is a noun whatever follows ("the suits her mother liked"). */
const NOUN_DETERMINERS = new Set(['the', 'a', 'an', 'some', 'any', 'these', 'those', 'this', 'that', 'my', 'your', 'his', 'her', 'our', 'their', 'its', 'two', 'three', 'no', 'more', 'other', 'which', 'what']);

/**
 * Subjects whose verb ends in -s: a kind word in -s right after one is its verb ("he *bikes* to work",
 * "she *runs*", "who *skis*"). The others ("I", "we", "they") only make an activity a verb ("I *bike* to
 * work"): "I watch TV" is left as it was read (compounds.unit.test.ts).
 */
const SUBJECTS_S = new Set(['he', 'she', 'who']);
const SUBJECTS = new Set(['i', 'we', 'they']);
/** Words before a subject that make what follows it a noun ("are they *rings*?", "is she *bikes*…"). */
const COPULAS = new Set(['is', 'are', 'was', 'were', 'am', 'be']);
/** Adverbs between a subject and its verb ("she *usually* bikes", "he *also* skis"). */
const BETWEEN = new Set(['also', 'usually', 'often', 'always', 'sometimes', 'never', 'just', 'mostly', 'normally', 'still', 'really', 'actually', 'even', 'daily', 'regularly', 'rarely', 'now', 'already']);
/** Verbs before "to" that make the next word a verb ("likes *to* bike", "want *to* watch", "going *to* bed"). */
const BEFORE_INFINITIVE = new Set([
  'like', 'likes', 'love', 'loves', 'want', 'wants', 'wanted', 'need', 'needs', 'going', 'used', 'has', 'have', 'had', 'able', 'trying', 'try', 'tries',
  'plan', 'plans', 'planning', 'learn', 'learning', 'started', 'start', 'starting', 'prefer', 'prefers', 'hate', 'hates', 'enjoy',
]);
/** Verbs whose object is a vehicle ridden ("she rides her bike"). */
const RIDE = new Set(['ride', 'rides', 'riding', 'rode']);
/** English nouns that are also activities, as verbs before where or when ("my son *bikes* to school", "she *skis* every winter"). */
const ACTIVITY_VERBS = new Set(['bike', 'bikes', 'cycle', 'cycles', 'ski', 'skis', 'skate', 'skates', 'surf', 'surfs', 'hike', 'hikes', 'camp', 'camps', 'kayak', 'kayaks', 'snowboard', 'snowboards', 'swim', 'swims', 'run', 'runs']);
/** Words after such a verb that say when ("skis *every* winter"). */
const WHEN_AFTER = new Set(['every', 'each', 'daily', 'twice', 'regularly', 'often', 'weekly']);
/** Where one goes, after "to" ("bikes to *work*", "to *the* office"; not "bikes to ride"). */
const WHERE_AFTER_TO = new Set(['work', 'school', 'class', 'college', 'uni', 'university', 'campus', 'the', 'office', 'town', 'church', 'practice']);

/** Spanish verbs of getting about before "en" ("*va en* bici", "*voy en* bicicleta", "*anda en* bici"). */
const TRAVEL_ES = new Set(['va', 'voy', 'vas', 'van', 'vamos', 'ir', 'iba', 'ibamos', 'anda', 'ando', 'andas', 'andan', 'andamos', 'andar', 'monta', 'monto', 'montas', 'montan', 'montar', 'viaja', 'viajo', 'viajar', 'llega', 'llego']);
/** Places one gets to, before "en" ("al trabajo *en* bici", "a la uni en bici"). */
const DESTINATIONS_ES = new Set(['trabajo', 'oficina', 'escuela', 'colegio', 'cole', 'universidad', 'uni', 'facultad', 'instituto', 'clase', 'clases', 'gimnasio', 'gym', 'ciudad']);
const DETERMINERS_ES = new Set(['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'nuestro', 'nuestra', 'este', 'esta', 'ese', 'esa']);

/**
 * Spanish kind words that are also a common verb form: "dije" is a pendant ("un dije de plata", "algo con
 * dije") and "I said" ("te dije", "como dije", "dije que no"). A noun after a determiner or a
 * preposition; a verb after a pronoun, "ya", "como", "que" or "yo", or before "que"; a noun otherwise.
 */
const VERB_HOMOGRAPHS_ES = new Set(['dije']);
/** "la", "los", "las" are left out: before a verb they are pronouns ("se la dije", "lo dije"). */
const NOUN_BEFORE_ES = new Set(['el', 'un', 'una', 'unos', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'nuestro', 'este', 'ese', 'aquel', 'algun', 'ningun', 'otro', 'cada', 'cualquier', 'con', 'de', 'del', 'sin', 'para', 'pa', 'y', 'e', 'o', 'u']);
const VERB_BEFORE_ES = new Set(['me', 'te', 'le', 'les', 'nos', 'se', 'lo', 'la', 'los', 'las', 'ya', 'como', 'que', 'yo', 'si', 'cuando', 'nunca', 'tambien']);

/** Whether the word at `i` of a message's folded words is such a verb form ({@link VERB_HOMOGRAPHS_ES}). */
export function spanishVerbForm(words: readonly string[], i: number): boolean {
  if (!VERB_HOMOGRAPHS_ES.has(words[i] as string)) return false;
  const prev = words[i - 1];
  if (prev !== undefined && NOUN_BEFORE_ES.has(prev)) return false;
  return (prev !== undefined && VERB_BEFORE_ES.has(prev)) || words[i + 1] === 'que';
}

function verbEs(toks: readonly Token[], i: number): boolean {
  return VERB_HOMOGRAPHS_ES.has((toks[i] as Token).w) && spanishVerbForm(toks.map((t) => t.w), i);
}

/** How the one-word English kind at `i` is used, when not as the noun of a kind sought. */
function useEn(toks: readonly Token[], i: number): KindUse | undefined {
  const w = (toks[i] as Token).w;
  const next = toks[i + 1]?.w;
  const prev = toks[i - 1]?.w;
  const activity = ACTIVITY_VERBS.has(w);
  // After a determiner, a noun: a vehicle only after a verb of riding ("she rides her bike").
  if (prev !== undefined && NOUN_DETERMINERS.has(prev)) return RIDE.has(toks[i - 2]?.w ?? '') ? 'activity' : undefined;
  // "silver suits her better"
  if (next !== undefined && OBJECT_PRONOUNS.has(next)) return activity ? 'activity' : 'verb';
  // "he bikes to work", "she also skis" (not "are they rings?")
  let j = i - 1;
  while (j >= 0 && BETWEEN.has((toks[j] as Token).w)) j--;
  const subject = j >= 0 && !COPULAS.has(toks[j - 1]?.w ?? '') ? (toks[j] as Token).w : '';
  if (SUBJECTS_S.has(subject) && w.endsWith('s')) return activity ? 'activity' : 'verb';
  if (SUBJECTS.has(subject) && activity) return 'activity';
  // "likes to bike", "need to watch"
  if (prev === 'to' && BEFORE_INFINITIVE.has(toks[i - 2]?.w ?? '')) return activity ? 'activity' : 'verb';
  // "goes to work by bike", "rides bikes"
  if (prev === 'by' || (prev !== undefined && RIDE.has(prev))) return 'activity';
  // "my son bikes to school", "she skis every winter"
  if (!activity || next === undefined) return undefined;
  return WHEN_AFTER.has(next) || (next === 'to' && WHERE_AFTER_TO.has(toks[i + 2]?.w ?? '')) ? 'activity' : undefined;
}

/** Whether the one-word kind at `i` is a Spanish vehicle one gets about on ("va en bici", "al trabajo en bici", "monta en bici"). */
function activityEs(toks: readonly Token[], i: number): boolean {
  if (toks[i - 1]?.w !== 'en') return false;
  const before = toks[i - 2]?.w ?? '';
  if (TRAVEL_ES.has(before) || DESTINATIONS_ES.has(before)) return true;
  // One adverb between ("voy *siempre* en bici"), not a noun phrase ("va con *la* bici en…").
  return !DETERMINERS_ES.has(before) && TRAVEL_ES.has(toks[i - 3]?.w ?? '');
}

/** A kind word used as a verb ("silver *suits* her": nothing is sought) or for an activity ("he *bikes* to work"). */
export type KindUse = 'verb' | 'activity';

/**
 * How a one-word kind match is used when it is no kind sought: English right before an object pronoun
 * ("silver suits her"), after a subject ("he bikes"), an infinitive's "to" ("likes to bike"), "by" or a
 * verb of riding ("by bike", "rides her bike"), or an activity before where or when ("bikes to
 * school"); Spanish after a verb of getting about and "en" ("va en bici"), and a verb form after a
 * pronoun ("te dije": {@link VERB_HOMOGRAPHS_ES}). An activity is what the
 * products are for (entities.ts: a purpose, "a jacket, he bikes to work"); a verb names nothing.
 */
export function kindUse(toks: readonly Token[], m: VocabMatch, lang: IntentLanguage): KindUse | undefined {
  if (m.to - m.from !== 1) return undefined;
  if (lang === 'en') return useEn(toks, m.from);
  if (verbEs(toks, m.from)) return 'verb';
  return activityEs(toks, m.from) ? 'activity' : undefined;
}
