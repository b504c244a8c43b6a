/**
 * Where products are used, indoors or outdoors, as a shop and a shopper say it: a shop's product type,
 * category or tags ("Indoor", "Outdoor", "Garden"), a title ("Wooden Outdoor Table"), and a shopper's
 * place ("for the garden", "mi terraza", "de exterior", "plantas de interior", "for the bedroom").
 * Words are folded and singular as `phrase` makes them (personalize/productText.ts). Pure.
 */

/** Where products are used. */
export type Place = 'indoor' | 'outdoor';

/** The words of each place, folded and singular; rooms are indoors. */
export const PLACE_WORDS: Readonly<Record<Place, ReadonlySet<string>>> = {
  outdoor: new Set(['outdoor', 'outdoors', 'garden', 'gardening', 'patio', 'backyard', 'yard', 'balcony', 'terrace', 'exterior', 'jardin', 'jardineria', 'terraza', 'balcon', 'huerto', 'huerta', 'exteriore']),
  indoor: new Set([
    'indoor', 'indoors', 'interior', 'interiore', 'inside', 'bedroom', 'living room', 'kitchen', 'bathroom', 'dining room', 'dormitorio', 'habitacion',
    'recamara', 'sala', 'sala de estar', 'salon', 'cocina', 'bano', 'comedor', 'living', 'living comedor', 'lounge', 'sitting room', 'family room',
  ]),
};

const PLACES = Object.keys(PLACE_WORDS) as Place[];

/**
 * Words that say the place of the products they describe, in a shopper's words (folded): English
 * "indoor(s)", "outdoor(s)" ("an outdoor table", "indoor plants"), "inside the house", "para adentro de la
 * casa", "para dentro de casa", "para afuera", Spanish "de / para interior(es) /
 * exterior(es)" ("plantas de interior", "una mesa de exterior"). Not Spanish "interior" alone ("un
 * bolsillo interior" is an inner pocket) nor "exterior" alone (the outside of something).
 */
const PLACE_SAID = /(?<![\p{L}])(?:(indoors?|inside the house|inside the home|(?:para|pa)\s+(?:a)?dentro(?:\s+de(?:\s+la)?\s+casa)?|(?:de|para)\s+adentro)|(outdoors?|outside the house|(?:para|pa)\s+afuera|(?:para|pa)\s+fuera(?:\s+de(?:\s+la)?\s+casa)?)|(?:de|para)\s+(?:(interior(?:es)?)|(exterior(?:es)?)))(?![\p{L}])/gu;

/** A negation in the few words before a place ("not for the garden", "que no sea de exterior", "nothing for indoors", "I don't want anything for the garden"). */
const REFUSED_BEFORE = /(?:^|[^\p{L}'])(?:not|no|never|nothing|without|nor|sin|ni|nada|nunca|[\p{L}]+n't|dont|doesnt|didnt)(?:\s+[\p{L}]+){0,4}\s*$/u;

/** Knowing nothing of a place's things is no refusal of them ("no sé nada de jardinería", "I don't know anything about gardening"). */
const KNOWS_NOTHING = /(?:^|[^\p{L}])(?:no\s+(?:se|sabe|sabemos|entiendo|conozco|tengo\s+idea)|(?:don't|dont|do\s+not)\s+know|know\s+nothing|no\s+idea)(?![\p{L}])/u;

/** Whether the place said at `at` of the folded text is refused (a negation in the same clause, up to four words before). */
export function placeRefused(folded: string, at: number): boolean {
  const before = folded.slice(Math.max(0, at - 40), at);
  const clause = before.slice(before.search(/[^,.;:!?]*$/u));
  return REFUSED_BEFORE.test(clause) && !KNOWS_NOTHING.test(clause);
}

/** The places a shopper's folded text says of the products with {@link PLACE_SAID}'s words (`refused`: those refused instead). */
export function placesSaid(folded: string, refused = false): Place[] {
  const out: Place[] = [];
  for (const m of folded.matchAll(PLACE_SAID)) {
    if (placeRefused(folded, m.index) !== refused) continue;
    out.push(m[1] !== undefined || m[3] !== undefined ? 'indoor' : 'outdoor');
  }
  return out;
}

/** The other place: what is not for the garden is for indoors ("I don't want anything for the garden", "que no sea de exterior"). */
export function otherPlace(p: Place): Place {
  return p === 'indoor' ? 'outdoor' : 'indoor';
}

/** The one place the phrases (folded, singular) name, with `also` (places said otherwise); none or both: `undefined`. */
export function placeNamed(phrases: Iterable<string>, also: readonly Place[] = []): Place | undefined {
  const said = new Set<Place>(also);
  for (const w of phrases) for (const k of PLACES) if (PLACE_WORDS[k].has(w)) said.add(k);
  return said.size === 1 ? [...said][0] : undefined;
}

/** Whether a kind's name is only a place ("Indoor", "Outdoor": a shop's product types), no kind of product. */
export function isPlaceName(name: string): boolean {
  const w = name.trim().toLowerCase();
  return PLACES.some((k) => PLACE_WORDS[k].has(w));
}
