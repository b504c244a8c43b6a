/**
 * Who the products asked for are made for, when the shopper says so without naming a person: "men's
 * running shoes", "a women's jacket", "pulsera de hombre", "zapatillas para mujer", "ropa de niños".
 * A recipient ("for my husband", gift.ts) says it through the person; this says it through the
 * product. "para mi mujer" is a recipient (my wife), "de mujer" / "para mujer" an audience.
 */
import { maskAudienceNames } from './audienceNames.ts';
import { fold } from './text.ts';

/** The audiences a product can be made for. */
export type Audience = 'women' | 'men' | 'kids';

/** English: a possessive or plural audience word before the product, or "for men/women/kids". */
const EN: readonly (readonly [Audience, RegExp])[] = [
  ['women', /(?<![\p{L}'])(?:women'?s?|womens|womenswear|woman's|ladies'?|lady's|for (?:a )?(?:women|woman|ladies)|(?:for|and|or) her)(?![\p{L}])/u],
  ['men', /(?<![\p{L}'])(?:men'?s?|mens|menswear|man's|gentlemen'?s|for (?:a )?(?:men|man)|(?:for|and|or) him)(?![\p{L}])/u],
  ['kids', /(?<![\p{L}'])(?:kids'?|kid's|children'?s|childrens|boys'|girls'|toddlers?'?|for (?:kids|children|toddlers|boys|girls))(?![\p{L}])/u],
];

/**
 * Spanish: "de/para" + an audience noun (without "mi": "para mi mujer" is a person), or after "y/o" in
 * such a list ("para hombre o mujer"), or an adjective.
 */
const ES: readonly (readonly [Audience, RegExp])[] = [
  ['women', /(?<![\p{L}])(?:(?:de|para|pa|y|o|u|e)\s+(?:mujer(?:es)?|dama(?:s)?|senora(?:s)?)|femenin[oa]s?)(?![\p{L}])/u],
  ['men', /(?<![\p{L}])(?:(?:de|para|pa|y|o|u|e)\s+(?:hombre(?:s)?|caballero(?:s)?|senor(?:es)?)|masculin[oa]s?)(?![\p{L}])/u],
  ['kids', /(?<![\p{L}])(?:(?:de|para|pa|y|o|u|e)\s+(?:nin[oa]s?|bebes?|chic(?:o|a)s)|infantil(?:es)?)(?![\p{L}])/u],
];

/**
 * The one audience the text names, or `undefined` (none, or several: "for men and women" asks for
 * either). Both languages' forms are read: shoppers mix them ("zapatillas women"). Words inside a
 * name are not an audience ("juego de damas chinas", "disfraz de hombre araña": audienceNames.ts).
 */
export function extractAudience(text: string): Audience | undefined {
  const f = maskAudienceNames(fold(text)).replace(/\s+/g, ' ');
  const found = new Set<Audience>();
  for (const [a, re] of [...EN, ...ES]) if (re.test(f)) found.add(a);
  return found.size === 1 ? [...found][0] : undefined;
}
