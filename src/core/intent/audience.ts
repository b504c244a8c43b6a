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

/**
 * Words that may follow "for her" when it is who the product is for: the end of a clause, a mark, or a
 * function word ("for her, please", "for her and …", "for her under 50", "for her?"). Followed by a noun
 * it is a possessive ("for her sister's wedding", "for her birthday"), no audience.
 */
const AFTER_HER = "(?=\\s*(?:$|[?.!,;:)]|(?:and|or|but|please|pls|who|that|which|because|under|below|over|with|from|in|on|at|to|for|y|o)(?![\\p{L}])))";

/**
 * "for" a person of an audience, with an article and one word describing them or not: "for a woman",
 * "for an older man", "for a guy who sails", "for the lady of the house", "for young women" (not "for you
 * guys": the shop's staff).
 */
const FOR_A = "for (?:(?:a|an|the|some|any) )?(?!(?:you|ya|my|your|his|her|our|their) )(?:\\p{L}+ )?(?:\\d{2}[- ]?(?:year|yr)s?[- ]?old )?";

/**
 * Ages: a child is up to 12 ("a 10 year old girl": the kids' section); from 13 a boy or a girl shops
 * in the men's or women's ("a 16 year old girl", "a teenage boy": adult sizes, as shops size them).
 */
const CHILD_AGE = "(?<!\\d)(?:\\d|1[0-2])[- ]?(?:year|yr)s?[- ]?old";
const TEEN = "(?:teen|teenage|teenaged|adolescent|(?<!\\d)1[3-9][- ]?(?:year|yr)s?[- ]?old)";
const TEEN_RE = new RegExp(TEEN, 'u');
/** A teen's age said after them: "a girl turning 16", "a boy who is 14". */
const TEEN_AFTER = " (?:turning|who is|who's|whos|aged) 1[3-9](?!\\d)";

/**
 * A person the products are for, said as who will like, want or wear them, or whom they are got for:
 * "what would a woman like?", "something a guy would wear", "what should I get a 12 year old boy?".
 * Group 1 is the person; {@link personAudience} reads who that is.
 */
const PERSON = "(?:(?:an?|the|some) )(?:(?:\\p{L}+|\\d{1,2}[- ]?(?:year|yr)s?[- ]?old) ){0,2}(women|woman|ladies|lady|girls?|men|man|guys?|boys?|kids?|child|children|toddlers?)";
const PERSON_SAID = new RegExp(
  `(?<![\\p{L}])(?:${PERSON}(?: (?:would|will|might|could|may|should|does|do))?(?: (?:really|actually|definitely|probably|totally))? (?:like|likes|love|loves|want|wants|wear|wears|enjoy|enjoys|appreciate|use)|(?:get|buy|give|gift|getting|buying|giving|gifting|got|bought) ${PERSON})(?![\\p{L}])`,
  'gu',
);

/**
 * A child's age said of the person a gift is for, up to 12 ("my son, he's 6", "she's 2", "mi hija de 8
 * años", "mi nieto que cumple 3 añitos", "my 6 year old"): the kids' section, whoever the relative is.
 */
const CHILD_AGE_SAID = new RegExp(
  [
    `(?<![\\p{L}])(?:he|she)(?:'s|s| is| turns| turned| just turned)\\s+(?:only\\s+|just\\s+)?(?:\\d|1[0-2])(?!\\d|[.,]\\d)(?!\\s*(?:feet|foot|ft|cm|kg|lbs?|months? pregnant))`,
    `(?<![\\p{L}])my (?:little )?${CHILD_AGE}`,
    `(?<![\\p{L}])(?:son|daughter|boy|girl|kid|child|nephew|niece|grandson|granddaughter|baby|toddler)(?:'s| is| turns| just turned)\\s+(?:only\\s+|just\\s+)?(?:\\d|1[0-2])(?!\\d|[.,]\\d)(?!\\s*(?:feet|foot|ft|cm|kg|lbs?))`,
    `(?<![\\p{L}\\d])(?:de|cumple|cumplio|tiene|va a cumplir|que cumple|que tiene)\\s+(?:\\d|1[0-2])\\s+(?:anos|anitos|añitos|años)(?![\\p{L}])`,
  ].join('|'),
  'u',
);

/** Whether the text says the person it is about is a child of 12 or under ({@link CHILD_AGE_SAID}); folded or not. */
export function saysChildAge(text: string): boolean {
  return CHILD_AGE_SAID.test(text.toLowerCase());
}

/** Who a person of {@link PERSON_SAID} is: a boy or a girl by their age (see {@link TEEN}). */
function personAudience(said: string, person: string): Audience {
  if (/^(?:women|woman|ladies|lady)$/.test(person)) return 'women';
  if (/^(?:men|man|guys?)$/.test(person)) return 'men';
  if (/^girls?$/.test(person)) return TEEN_RE.test(said) ? 'women' : 'kids';
  if (/^boys?$/.test(person)) return TEEN_RE.test(said) ? 'men' : 'kids';
  return 'kids';
}

/** English: a possessive or plural audience word before the product, or "for men/women/kids". */
const EN: readonly (readonly [Audience, RegExp])[] = [
  ['women', new RegExp(`(?<![\\p{L}'])(?:(?:women'?s?|womens|womenswear|woman's|ladies'?|lady's|${FOR_A}(?:women|woman|ladies|lady|gals?|lass))(?![\\p{L}])|(?:for|and|or) her${AFTER_HER})`, 'u')],
  ['men', new RegExp(`(?<![\\p{L}'])(?:men'?s?|mens|menswear|man's|gentlemen'?s|${FOR_A}(?:men|man|guys?|gentlem[ae]n|gents?|blokes?|dudes?|fellas?|fellows?|chaps?|lads?)|(?:for|and|or) him)(?![\\p{L}])`, 'u')],
  // "for a girl", "for a little boy", "for a 10 year old girl" (one child, any child: no person named).
  ['kids', new RegExp(`(?<![\\p{L}'])(?:kids'?|kid's|children'?s|childrens|boys'|girls'|toddlers?'?|for (?:kids|children|toddlers|boys|girls)|for an? (?:(?:little|young|small|${CHILD_AGE}) )?(?:kid|child|toddler|boy|girl)(?!${TEEN_AFTER})|(?:an? )?${CHILD_AGE} (?:kids?|child|children|boys?|girls?|toddlers?))(?![\\p{L}])`, 'u')],
  // "a teenage girl", "16 year old boys": adults' sizes (see TEEN).
  ['women', new RegExp(`(?<![\\p{L}'])(?:${TEEN} girls?|girls?${TEEN_AFTER})(?![\\p{L}])`, 'u')],
  ['men', new RegExp(`(?<![\\p{L}'])(?:${TEEN} (?:boys?|guys?|lads?)|boys?${TEEN_AFTER})(?![\\p{L}])`, 'u')],
];

/**
 * People's things named through children, not products for them: a possessive plural after a
 * possessive determiner ("my kids' teacher", "our kids' school") or before people and what they have or
 * do ("the boys' soccer coach", "girls' night out", "kids' party"). Masked before the audience is read.
 * "the kids' shoes" stays an audience: "the" alone is how a shop names its own section.
 */
const PEOPLES_THINGS = new RegExp(
  "(?:(?<![\\p{L}])(?:my|our|your|his|her|their)\\s+(?:\\p{L}+\\s+)?(?:kids|boys|girls|children|childrens|kid|toddlers)'s?(?![\\p{L}])" +
    "|(?<![\\p{L}'])(?:kids|boys|girls|children|childrens)'s?\\s+(?:\\p{L}+\\s+)?(?:night|nights|teacher|teachers|coach|coaches|school|schools|party|parties|trip|weekend|team|class|mom|moms|mum|mums|dad|dads|parents|birthday|event|club|sleepover)(?![\\p{L}]))",
  'gu',
);

/**
 * Spanish: "de/para" + an audience noun, with an indefinite article or not ("para una mujer", "de un
 * señor"; without "mi": "para mi mujer" is a person), or after "y/o" in such a list ("para hombre o
 * mujer"), or an adjective.
 */
const ES: readonly (readonly [Audience, RegExp])[] = [
  ['women', /(?<![\p{L}])(?:(?:de|para|pa|y|o|u|e)\s+(?:unas?\s+)?(?:mujer(?:es)?|dama(?:s)?|senora(?:s)?|muchachas?)|femenin[oa]s?)(?![\p{L}])/u],
  ['men', /(?<![\p{L}])(?:(?:de|para|pa|y|o|u|e)\s+(?:un(?:os)?\s+)?(?:hombre(?:s)?|caballero(?:s)?|senor(?:es)?|muchachos?|varon(?:es)?)|para\s+un\s+(?:tipo|chavo)|masculin[oa]s?)(?![\p{L}])/u],
  ['kids', /(?<![\p{L}])(?:(?:de|para|pa|y|o|u|e)\s+(?:nin[oa]s?|bebes?|chic(?:o|a)s)|(?:para|a)\s+un[oa]?\s+(?:nin[oa]|bebe)|infantil(?:es)?|(?:nin[oa]s?|chic[oa]s?|nen[ea]s?|pib[ea]s?)\s+de\s+(?:\d|1[0-2])\s+anos)(?![\p{L}])/u],
  // "para ella", "para él" (folded "para el"), as "for her" / "for him": the pronoun, not the article before a noun
  // ("para el jardín", "para el que sea barato"): the end of a clause, a mark, or a word that cannot follow an article.
  ['women', /(?<![\p{L}])(?:para|pa)\s+ella(?=\s*(?:$|[?.!,;:)]|(?:y|o|que|porfa|porfis|con|sin|de\s+menos|menos|hasta|por)(?![\p{L}])))/u],
  ['men', /(?<![\p{L}])(?:para|pa)\s+el(?=\s*(?:$|[?.!,;:)]|(?:y|o|porfa|porfis|con|sin|de\s+menos|menos|hasta|por)(?![\p{L}])))/u],
  // "una chica de 16 años", "un chico de 15": adults' sizes from 13, as in English.
  ['women', /(?<![\p{L}])(?:chica|muchacha|jovencita|nina|piba|morra)\s+de\s+1[3-9]\s+anos(?![\p{L}])/u],
  ['men', /(?<![\p{L}])(?:chico|muchacho|jovencito|nino|pibe|morro)\s+de\s+1[3-9]\s+anos(?![\p{L}])/u],
];

/**
 * The one audience the text names, or `undefined` (none, or several: "for men and women" asks for
 * either). Both languages' forms are read: shoppers mix them ("zapatillas women"). Words inside a
 * name are not an audience ("juego de damas chinas", "disfraz de hombre araña": audienceNames.ts).
 */
export function extractAudience(text: string): Audience | undefined {
  return readAudiences(text).audience;
}

/**
 * The audience the text names (as {@link extractAudience}) and the one it refuses: named only after a
 * negation ("not for kids", "que no sea de mujer"), one audience only.
 */
export function readAudiences(text: string): { audience?: Audience; refused?: Audience } {
  const f = maskAudienceNames(fold(text)).replace(/\s+/g, ' ').replace(PEOPLES_THINGS, (m) => ' '.repeat(m.length));
  const found = new Set<Audience>();
  const denied = new Set<Audience>();
  for (const [a, re] of ALL) {
    for (const m of f.matchAll(re)) {
      if (refused(f, m.index ?? 0, m[0].length)) denied.add(a);
      else found.add(a);
    }
  }
  for (const m of f.matchAll(PERSON_SAID)) {
    const person = m[1] ?? m[2];
    if (person !== undefined) found.add(personAudience(m[0], person));
  }
  for (const a of found) denied.delete(a);
  return { ...(found.size === 1 ? { audience: [...found][0] } : {}), ...(denied.size === 1 ? { refused: [...denied][0] } : {}) };
}

/** Every audience form, matched throughout the text. */
const ALL = [...EN, ...ES].map(([a, re]) => [a, new RegExp(re.source, 'gu')] as const);

/**
 * A negation right before an audience form ("a dress, not for kids", "not a kids watch", "no women's
 * shoes", "que no sea de niña", "nada para hombre"): the shopper refuses it, so it holds no audience
 * (it would hold exactly the products refused). "Nothing" / "nada" in a question still asks ("is there
 * nothing for men?", "¿no hay nada para niños?").
 */
const NEGATED_BEFORE = /(?:^|[^\p{L}'])(not|no|never|isnt|isn't|arent|aren't|without|except|nothing|nada|sin|excepto|salvo|que no sean?)(?:\s+(?:a|an|the|really|meant|made|un|una|algo))*\s*$/u;

function refused(f: string, at: number, length: number): boolean {
  const m = NEGATED_BEFORE.exec(f.slice(Math.max(0, at - 32), at));
  if (!m) return false;
  if (m[1] !== 'nothing' && m[1] !== 'nada') return true;
  const rest = f.slice(at + length);
  return !/^[^.!;]*\?/.test(rest);
}

/**
 * The shopper saying who they are: "I'm a guy", "I am a tall woman", "soy mujer", "soy un chico" (not
 * "I'm a girl dad"). What they ask for is then for them, unless they name someone else it is for
 * (entities.ts reads it only without a recipient: "I'm a guy looking for a gift for my girlfriend").
 */
const SELF: readonly (readonly [Audience, RegExp])[] = [
  ['women', /(?<![\p{L}])(?:i'?m|i am|im) an? (?:\p{L}+ )?(?:woman|girl|lady|gal)(?![\p{L}'])(?! (?:dad|mom|mum|father|mother)(?![\p{L}]))/u],
  ['men', /(?<![\p{L}])(?:i'?m|i am|im) an? (?:\p{L}+ )?(?:man|guy|dude|gentleman|bloke)(?![\p{L}'])(?! (?:dad|mom|mum|father|mother)(?![\p{L}]))/u],
  // An agent saying who the shopper is: "User is a woman", "the customer is a man", "shopper: woman, size M".
  ['women', /(?<![\p{L}])(?:the )?(?:user|shopper|customer|client|buyer)(?: is|:) (?:an? )?(?:\p{L}+ )?(?:woman|girl|lady)(?![\p{L}'])/u],
  ['men', /(?<![\p{L}])(?:the )?(?:user|shopper|customer|client|buyer)(?: is|:) (?:an? )?(?:\p{L}+ )?(?:man|guy|gentleman)(?![\p{L}'])/u],
  ['women', /(?<![\p{L}])(?:el |la )?(?:usuari[oa]|client[ea]|compradora?)(?: es|:) (?:una )?(?:mujer|chica|senora)(?![\p{L}])/u],
  ['men', /(?<![\p{L}])(?:el |la )?(?:usuari[oa]|client[ea]|comprador)(?: es|:) (?:un )?(?:hombre|chico|senor|caballero)(?![\p{L}])/u],
  // Regional words too: "soy mina", "soy piba" (Río de la Plata), "soy morra", "soy chava" (Mexico), "soy mamá de dos";
  // "soy morro", "soy chavo", "soy pibe", "soy chabón", "soy papá".
  ['women', /(?<![\p{L}])soy (?:una )?(?:mujer|chica|senora|dama|mina|piba|morra|chava|mama|madre|muchacha)(?![\p{L}])/u],
  ['men', /(?<![\p{L}])soy (?:un )?(?:hombre|chico|varon|caballero|senor|morro|chavo|pibe|chabon|papa|padre|muchacho)(?![\p{L}])/u],
  ['women', /(?<![\p{L}])(?:i'?m|i am|im) (?:a )?(?:mom|mum|mother)(?: of| to)(?![\p{L}])/u],
  ['men', /(?<![\p{L}])(?:i'?m|i am|im) (?:a )?(?:dad|father)(?: of| to)(?![\p{L}])/u],
];

/** The audience the shopper says they are ({@link SELF}), or `undefined` (none, or both). */
export function selfAudience(text: string): Audience | undefined {
  const f = fold(text).replace(/\s+/g, ' ');
  const found = new Set<Audience>();
  for (const [a, re] of SELF) if (re.test(f)) found.add(a);
  return found.size === 1 ? [...found][0] : undefined;
}
