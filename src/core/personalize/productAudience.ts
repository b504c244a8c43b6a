/**
 * Whom a product's own words say it is made for: a title ("Anchor Bracelet Mens", "Women's Parka",
 * "Reloj de Hombre", "Blusa Dama Manga Larga", "Gift for Her") and the shop's labels (tags, product
 * type, category path parts: "women", "Men's Shoes").
 *
 * An audience word counts only where it stands as an audience, never inside a name or fixed phrase
 * (`intent/audienceNames.ts`: "Juego de Damas Chinas", "Disfraz Hombre Araña", "Ladies Night Candle",
 * "Man in the Moon Print" are for nobody in particular). In a title the word must also be one that
 * names an audience and nothing else: a plural or possessive ("Men", "Mens", "Women's", "Ladies",
 * "Kids'"), a Spanish audience noun ("Hombre", "Mujer", "Dama", "Caballero", which marketplace titles
 * put bare anywhere), or a noun after "for" / "para" / "de" ("for Men", "para Mujer", "de Hombre").
 * A singular English "man", "woman", "lady" alone is a name or a thing ("Iron Man Mug", "Lady Grey
 * Tea"), and "female" / "male" are connectors too ("Male to Male Cable"): never read in a title.
 *
 * Two answers: `madeFor`, the audiences a word says the product is made for (a men's bracelet is not
 * for "my mother"), and `said`, those plus weaker words that only say whom it suits ("Gift for Her",
 * "Baby Blanket", "Junior"). Pure.
 */
import { maskAudienceNames } from '../intent/audienceNames.ts';
import { fold } from '../intent/text.ts';

/** Who a product is for (as `intentScoring.ts` names them). */
export type ProductAudience = 'female' | 'male' | 'child';

/** The audiences product words name. */
export interface WordAudiences {
  /** Audiences a word says the product is made for (counted against another audience). */
  readonly madeFor: ReadonlySet<ProductAudience>;
  /** Those and the audiences weaker words say it suits (a match for the audience asked for). */
  readonly said: ReadonlySet<ProductAudience>;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** Audience nouns after "for" / "para" / "de" (Spanish also "pa", "p/"). */
const AFTER_FOR: Readonly<Record<ProductAudience, string>> = {
  female: '(?:for(?:\\s+(?:a|the))?\\s+(?:women|woman|ladies|lady)|(?:para|pa|p/|de)\\s+(?:la\\s+)?(?:mujer(?:es)?|damas?|senoras?))',
  male: '(?:for(?:\\s+(?:a|the))?\\s+(?:men|man|gentlemen|gents)|(?:para|pa|p/|de)\\s+(?:el\\s+)?(?:hombres?|caballeros?|senor(?:es)?))',
  child: '(?:for(?:\\s+(?:a|the))?\\s+(?:kids?|children|child|toddlers?|babies|baby|boys|girls)|(?:para|pa|p/|de)\\s+(?:nin[oa]s?|bebes?|infantes?|chic[oa]s))',
};

/** Words that name an audience and nothing else, wherever a title has them. */
const MADE_FOR: Readonly<Record<ProductAudience, RegExp>> = {
  female: new RegExp(`${B}(?:women'?s?|womens|womenswear|woman's|ladies'?|lady's|mujer(?:es)?|damas?|femenin[oa]s?|senoras?|${AFTER_FOR.female})${E}`, 'u'),
  male: new RegExp(`${B}(?:men'?s?|mens|menswear|gentlemen'?s?|gents|hombres?|caballeros?|masculin[oa]s?|${AFTER_FOR.male})${E}`, 'u'),
  child: new RegExp(`${B}(?:kids'?|kid's|children'?s?|childrens|toddlers?'?|boys'|girls'|infantil(?:es)?|${AFTER_FOR.child})${E}`, 'u'),
};

/** Weaker words: whom a product suits, not whom it is only for ("Gift for Her", "Baby Blanket", "Niño"). */
const SUITS: Readonly<Record<ProductAudience, RegExp>> = {
  female: new RegExp(`${B}(?:for|and|or)\\s+her${E}`, 'u'),
  male: new RegExp(`${B}(?:for|and|or)\\s+him${E}`, 'u'),
  child: new RegExp(`${B}(?:kid|child|baby|babies|junior|youth|nin[oa]s?|bebes?)${E}`, 'u'),
};

/** Singular words that also count in a shop's labels (a tag "woman", a type "Kid"), besides the title's. */
const LABEL: Readonly<Record<ProductAudience, RegExp>> = {
  female: new RegExp(`${B}(?:woman|lady|female|her)${E}`, 'u'),
  male: new RegExp(`${B}(?:man|male|him)${E}`, 'u'),
  child: new RegExp(`${B}(?:kid|child|baby|toddler|junior|youth)${E}`, 'u'),
};

const AUDIENCES: readonly ProductAudience[] = ['female', 'male', 'child'];

/** Text folded, names blanked, spaces collapsed. */
function prepared(text: string): string {
  return maskAudienceNames(fold(text)).replace(/\s+/g, ' ');
}

/** The audiences a product title names (see the module doc). */
export function titleAudiences(title: string): WordAudiences {
  const t = prepared(title);
  const madeFor = new Set<ProductAudience>();
  const said = new Set<ProductAudience>();
  for (const a of AUDIENCES) {
    if (MADE_FOR[a].test(t)) madeFor.add(a);
    if (madeFor.has(a) || SUITS[a].test(t)) said.add(a);
  }
  return { madeFor, said };
}

/**
 * The audiences a shop's label names (one tag, the product type, a category path part): as a title's,
 * and singular words too ("Woman", "Male"): a label is a category, not a name.
 */
export function labelAudiences(label: string): ReadonlySet<ProductAudience> {
  const t = prepared(label);
  const out = new Set<ProductAudience>();
  for (const a of AUDIENCES) if (MADE_FOR[a].test(t) || SUITS[a].test(t) || LABEL[a].test(t)) out.add(a);
  return out;
}
