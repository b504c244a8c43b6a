/**
 * A product of the last answer pointed at by its place in the list: "the second one", "show me the
 * 3rd", "number 2", "option 4", "the last one", "el segundo", "la primera opción", "la número 3", "el
 * último". English needs a word after the ordinal that makes it a list's item ("one", "item", "option",
 * "of those", the end of the sentence): "the first time", "my first car", "last year" point at nothing.
 * Spanish needs the article, and no noun of time or place after it ("la primera vez", "el segundo
 * piso"). Read on folded text; the place is 1-based, `-1` the last.
 */
import { fold } from './text.ts';

const EN_ORDINALS: Readonly<Record<string, number>> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5, sixth: 6, '6th': 6, seventh: 7, '7th': 7,
  eighth: 8, '8th': 8, ninth: 9, '9th': 9, tenth: 10, '10th': 10, last: -1,
};
const ES_ORDINALS: Readonly<Record<string, number>> = {
  primero: 1, primera: 1, primer: 1, segundo: 2, segunda: 2, tercero: 3, tercera: 3, tercer: 3, cuarto: 4, cuarta: 4, quinto: 5, quinta: 5, sexto: 6,
  sexta: 6, septimo: 7, septima: 7, octavo: 8, octava: 8, noveno: 9, novena: 9, decimo: 10, decima: 10, ultimo: -1, ultima: -1,
};

const EN_WORDS = Object.keys(EN_ORDINALS).join('|');
const ES_WORDS = Object.keys(ES_ORDINALS).join('|');

/** "the second one", "the 3rd option", "the last of those", "the second?" (a list's item, the sentence ending). */
const EN_ORDINAL = new RegExp(
  `(?:^|[^\\p{L}\\d])(?:the\\s+)(${EN_WORDS})(?:\\s+(?:one|ones|item|option|product|pick|choice|suggestion|result)(?![\\p{L}])|\\s+(?:of|from|on|in)\\s+(?:those|these|them|the\\s+list|your\\s+list|that\\s+list)(?![\\p{L}])|\\s*(?=[?.!,;]|$))` +
    `|(?:^|[^\\p{L}\\d])(${EN_WORDS})\\s+(?:one|option|item)(?![\\p{L}])`,
  'u',
);
/** "number 2", "no. 2", "#2", "option 2", "item 3". */
const NUMBERED = /(?:^|[^\p{L}\d])(?:number|no\.|#|option|item|opcion|numero|la|el)\s*(\d{1,2})(?!\s*(?:[%$€£]|usd|eur|dollars?|euros?|pesos?|bucks|lucas|mil|k\b|años|anos|years?|x\b|para|de\s+\p{L}))(?![\p{L}\d.,])/u;
/** "el segundo", "la primera opción", "el último que me mostraste" (not "la primera vez", "el segundo piso"). */
const ES_ORDINAL = new RegExp(
  `(?:^|[^\\p{L}])(?:el|la|los|las|del|al)\\s+(${ES_WORDS})(?!\\s+(?:vez|veces|dia|dias|piso|pisos|lugar|puesto|mes|ano|semana|hijo|hija|nieto|nieta|cumple|cumpleanos|aniversario|paso|plato|grado|trimestre|semestre|tiempo|round|intento|curso)(?![\\p{L}]))(?![\\p{L}])`,
  'u',
);

/** The place in the last list the text points at (1-based; `-1`: the last), or undefined. */
export function shownOrdinal(text: string): number | undefined {
  const t = fold(text.normalize('NFC'));
  const en = EN_ORDINAL.exec(t);
  if (en) return EN_ORDINALS[(en[1] ?? en[2]) as string];
  const es = ES_ORDINAL.exec(t);
  if (es) return ES_ORDINALS[es[1] as string];
  const n = NUMBERED.exec(t);
  if (n) {
    const k = Number(n[1]);
    return k >= 1 && k <= 20 ? k : undefined;
  }
  return undefined;
}

/** The id at that place of a list shown, if the list has it. */
export function shownAt(ids: readonly string[] | undefined, place: number | undefined): string | undefined {
  if (ids === undefined || place === undefined || ids.length === 0) return undefined;
  return place === -1 ? ids.at(-1) : ids[place - 1];
}

/** "the first two", "the top 2", "los dos primeros", "las primeras dos": the first two of the list. */
const FIRST_TWO = /(?:^|[^\p{L}\d])(?:(?:the|your|those|these)\s+(?:first|top)\s+(?:two|2)(?![\p{L}\d])|^\s*(?:first|top)\s+(?:two|2)(?![\p{L}\d])|(?:los|las)\s+(?:dos|2)\s+primer[oa]s|(?:los|las)\s+primer[oa]s\s+(?:dos|2)(?![\p{L}\d]))/u;
/** "the first and the third", "between the first and second", "la primera o la segunda", "entre el primero y el tercero". */
const TWO_PLACES = new RegExp(
  `(?:^|[^\\p{L}\\d])(?:the\\s+)?(${EN_WORDS})(?:\\s+one)?\\s+(?:and|or|&)\\s+(?:the\\s+)?(${EN_WORDS})(?![\\p{L}\\d])` +
    `|(?:^|[^\\p{L}])(?:el|la)\\s+(${ES_WORDS})\\s+(?:y|o|e|u)\\s+(?:el|la)\\s+(${ES_WORDS})(?![\\p{L}])`,
  'u',
);

/**
 * Two places of the last list the text points at together ("I like the first two, which one is
 * cheaper?", "between the first and the third", "entre el primero y el tercero", "los dos primeros"):
 * 1-based, `-1` the last; or undefined.
 */
export function shownPair(text: string): readonly [number, number] | undefined {
  const t = fold(text.normalize('NFC'));
  if (FIRST_TWO.test(t)) return [1, 2];
  const m = TWO_PLACES.exec(t);
  if (!m) return undefined;
  const a = m[1] !== undefined ? EN_ORDINALS[m[1]] : ES_ORDINALS[m[3] as string];
  const b = m[2] !== undefined ? EN_ORDINALS[m[2]] : ES_ORDINALS[m[4] as string];
  return a !== undefined && b !== undefined && a !== b ? [a, b] : undefined;
}

/** A refusal right before a place in the list ("I don't like the first one", "not the second", "no me gusta el primero", "ni el tercero"). */
const REFUSED_BEFORE = new RegExp(
  `(?:^|[^\\p{L}'])(?:(?:i\\s+)?(?:don'?t|do\\s+not|dont)\\s+(?:like|love|want)|not|no\\s+to|never\\s+mind|nor|neither|no\\s+me\\s+(?:gusta|gustan|convence|convencen|late|copa)|no\\s+quiero|ni|menos|sin)\\s+(?:(?:really|much|so|mucho|tanto)\\s+)?(?:the\\s+|el\\s+|la\\s+)?(${EN_WORDS}|${ES_WORDS})(?:\\s+(?:one|ones|option|item))?(?![\\p{L}])(?!\\s+(?:time|times|day|days|week|year|thing|step|place|floor|round|try|vez|veces|dia|piso|paso|lugar|intento))`,
  'u',
);
/** A place and then "tampoco" / "either" ("el segundo tampoco", "the third one either", "y la última tampoco"). */
const REFUSED_AFTER = new RegExp(`(?:^|[^\\p{L}])(?:the\\s+|el\\s+|la\\s+)(${EN_WORDS}|${ES_WORDS})(?:\\s+(?:one|option))?\\s+(?:tampoco|either|neither)(?![\\p{L}])`, 'u');
/** Two places refused together ("neither of the first two", "ninguno de los dos primeros"). */
const REFUSED_TWO = /(?:^|[^\p{L}])(?:neither\s+of\s+(?:the\s+)?(?:first|top)\s+(?:two|2)|none\s+of\s+(?:the\s+)?(?:first|top)\s+(?:two|2)|ningun[oa]\s+de\s+(?:los|las)\s+(?:dos\s+primer[oa]s|primer[oa]s\s+dos))(?![\p{L}])/u;

/**
 * The places of the last list the text refuses ("I don't like the first one", "not the second one
 * either", "no me gusta el primero", "el segundo tampoco", "neither of the first two"): 1-based, `-1`
 * the last; empty when it refuses none.
 */
export function refusedPlaces(text: string): number[] {
  const t = fold(text.normalize('NFC'));
  if (REFUSED_TWO.test(t)) return [1, 2];
  const m = REFUSED_BEFORE.exec(t) ?? REFUSED_AFTER.exec(t);
  const w = m?.[1];
  const place = w === undefined ? undefined : (EN_ORDINALS[w] ?? ES_ORDINALS[w]);
  return place === undefined ? [] : [place];
}
