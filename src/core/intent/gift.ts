/**
 * Gift context: recipient ("for my mother", "para mi hijo"), occasion (birthday, anniversary, wedding,
 * christmas, …) and whether the purchase is a gift.
 */
import { escapeRegExp, fold } from './text.ts';

/** Canonical recipient → folded surface forms (EN and ES). */
const RECIPIENTS: Readonly<Record<string, readonly string[]>> = {
  mother: ['mother', 'mom', 'mum', 'mommy', 'mummy', 'mama', 'madre', 'mami', 'mamita', 'vieja', 'ama', 'amita', 'jefecita', 'cucha', 'cuchita', 'stepmother', 'stepmom', 'stepmum', 'madrastra'],
  father: ['father', 'dad', 'daddy', 'papa', 'padre', 'papi', 'old man', 'viejo', 'apa', 'jefecito', 'cucho', 'cuchito', 'stepfather', 'stepdad', 'padrastro'],
  wife: ['wife', 'esposa', 'mujer', 'senora'],
  husband: ['husband', 'hubby', 'esposo', 'marido'],
  girlfriend: ['girlfriend', 'gf', 'novia', 'fiancee', 'prometida', 'polola', 'chica', 'jeva', 'morra', 'pelada', 'chava'],
  boyfriend: ['boyfriend', 'bf', 'novio', 'fiance', 'prometido', 'pololo', 'chico', 'jevo', 'pelado', 'chavo'],
  partner: ['partner', 'pareja', 'significant other', 'other half', 'media naranja'],
  son: ['son', 'hijo', 'boy', 'nino', 'hijito', 'chaval', 'chavalito', 'stepson', 'hijastro'],
  daughter: ['daughter', 'hija', 'girl', 'nina', 'hijita', 'chavala', 'chavalita', 'stepdaughter', 'hijastra'],
  child: ['kid', 'kids', 'child', 'children', 'hijos', 'ninos', 'nene', 'nena', 'toddler', 'chiquito', 'chiquita', 'twins', 'mellizos', 'mellizas'],
  baby: ['baby', 'newborn', 'bebe', 'recien nacido'],
  brother: ['brother', 'bro', 'hermano', 'hermanito'],
  sister: ['sister', 'sis', 'hermana', 'hermanita'],
  grandmother: ['grandmother', 'grandma', 'granny', 'nan', 'nanna', 'nana', 'abuela', 'abuelita'],
  grandfather: ['grandfather', 'grandpa', 'granddad', 'abuelo', 'abuelito'],
  friend: ['friend', 'best friend', 'bestie', 'bff', 'buddy', 'amigo', 'amiga', 'mejor amigo', 'mejor amiga', 'cuate', 'pana', 'compa'],
  parents: ['parents', 'padres', 'papas', 'viejos', 'in-laws', 'suegros'],
  boss: ['boss', 'manager', 'jefe', 'jefa'],
  colleague: ['colleague', 'coworker', 'co-worker', 'compañero de trabajo', 'companero de trabajo', 'companera de trabajo', 'companero', 'companera', 'colega', 'compa de trabajo', 'compa del trabajo', 'compas de trabajo', 'compas del trabajo'],
  teacher: ['teacher', 'profesor', 'profesora', 'maestro', 'maestra', 'profe'],
  niece: ['niece', 'sobrina'],
  nephew: ['nephew', 'sobrino'],
  aunt: ['aunt', 'auntie', 'tia'],
  uncle: ['uncle', 'tio'],
  grandchild: ['grandson', 'granddaughter', 'grandkid', 'grandkids', 'nieto', 'nieta', 'nietos'],
  cousin: ['cousin', 'primo', 'prima'],
  mother_in_law: ['mother-in-law', 'mother in law', 'mum-in-law', 'mom-in-law', 'suegra', 'suegrita'],
  father_in_law: ['father-in-law', 'father in law', 'suegro', 'suegrito'],
  sister_in_law: ['sister-in-law', 'sister in law', 'cunada', 'cunadita'],
  brother_in_law: ['brother-in-law', 'brother in law', 'cunado', 'cunadito'],
  daughter_in_law: ['daughter-in-law', 'daughter in law', 'nuera'],
  son_in_law: ['son-in-law', 'son in law', 'yerno'],
  godmother: ['godmother', 'madrina'],
  godfather: ['godfather', 'padrino'],
  godchild: ['godson', 'goddaughter', 'godchild', 'ahijado', 'ahijada'],
  neighbour: ['neighbour', 'neighbor', 'vecino', 'vecina'],
  self: ['myself', 'me', 'mi', 'mismo', 'misma', 'mi mismo', 'mi misma'],
};

const OCCASIONS: Readonly<Record<string, readonly string[]>> = {
  birthday: ['birthday', 'bday', 'b-day', 'cumpleanos', 'cumple', 'cumpleano'],
  anniversary: ['anniversary', 'aniversario'],
  wedding: ['wedding', 'weddings', 'bridal shower', 'bachelorette', 'boda', 'bodas', 'casamiento', 'matrimonio', 'despedida de soltera'],
  christmas: ['christmas', 'xmas', 'x-mas', 'holiday gift', 'holiday gifts', 'stocking stuffer', 'stocking stuffers', 'secret santa', 'navidad', 'navideno', 'navidena', 'nochebuena', 'reyes', 'dia de reyes', 'amigo invisible', 'amigo secreto'],
  valentines: ["valentine's day", 'valentines day', 'valentine', 'valentines', 'san valentin', 'dia de los enamorados', 'dia del amor y la amistad', '14 de febrero'],
  mothers_day: ["mother's day", 'mothers day', 'mother day', 'dia de la madre', 'dia de las madres', '10 de mayo'],
  fathers_day: ["father's day", 'fathers day', 'dia del padre'],
  graduation: ['graduation', 'grad', 'graduacion', 'graduarse', 'egreso'],
  baby_shower: ['baby shower', 'baby-shower', 'baby showers'],
  housewarming: ['housewarming', 'house warming', 'new home', 'casa nueva', 'estreno de casa', 'inauguracion de casa'],
  retirement: ['retirement', 'jubilacion', 'retiro'],
  quinceanera: ['quinceanera', 'quince anos', 'xv anos', 'fiesta de quince', 'fiesta de 15', 'fiesta de xv', 'los quince', 'los xv', 'sus quince', 'sus xv', 'sweet sixteen', 'sweet 16'],
  communion: ['first communion', 'communion', 'primera comunion', 'comunion', 'bautizo', 'baptism', 'christening'],
  halloween: ['halloween'],
  easter: ['easter', 'pascua', 'semana santa'],
  party: ['party', 'parties', 'fiesta', 'fiestas', 'night out', 'salida', 'cocktail'],
  interview: ['job interview', 'interview', 'entrevista', 'entrevista de trabajo'],
  travel: ['trip', 'vacation', 'holiday trip', 'travel', 'traveling', 'travelling', 'viaje', 'vacaciones', 'honeymoon', 'luna de miel'],
  date: ['date night', 'first date', 'cita', 'primera cita'],
};

function alternation(forms: Iterable<string>): string {
  return [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}

/** Every one-word form of a recipient (folded): a person ("mi papá que no es alto" says something of him). */
export const PERSON_WORDS: ReadonlySet<string> = new Set(Object.values(RECIPIENTS).flat().filter((f) => !/[\s-]/.test(f)));

/** Every one-word form of a recipient and an occasion (folded): words a shopper's typo may be of ("husbnd"). */
export const GIFT_WORDS: readonly string[] = [...Object.values(RECIPIENTS), ...Object.values(OCCASIONS)].flat().filter((f) => !/[\s-]/.test(f));

const RECIPIENT_FORM = new Map<string, string>();
for (const [k, forms] of Object.entries(RECIPIENTS)) for (const f of forms) RECIPIENT_FORM.set(f, k);
const OCCASION_FORM = new Map<string, string>();
for (const [k, forms] of Object.entries(OCCASIONS)) for (const f of forms) OCCASION_FORM.set(f, k);

const R = alternation(RECIPIENT_FORM.keys());
/** An age said before the person, read past: "my 5 year old nephew", "my 10-year-old", "our 3yo". */
const AGE = '(?:\\d{1,2}(?:[\\s-]+(?:years?|yrs?))?[\\s-]+old\\s+|\\d{1,2}\\s?y\\/?o\\s+)?';
/** An age said after the person, in Spanish, read past: "mi hijo de 15 años necesita…", "mi sobrina de 3 años". */
const AGE_AFTER = '(?:\\s+de\\s+\\d{1,2}\\s+anos)?';
/**
 * A possessive written without its apostrophe, before the occasion it is of: "my moms birthday", "for my
 * girlfriends 25th birthday", "my wifes anniversary" (the "s" is read past; "my sisters" alone is not).
 */
const POSSESSIVE_S = '(?:s(?=\\s+(?:\\d{1,2}(?:st|nd|rd|th)\\s+)?(?:birthday|bday|anniversary|graduation|retirement|wedding|party|gift|present|christmas|xmas)(?![\\p{L}])))?';
/** "for my mom", "for mom", "for my little sister", "para mi madre", "a mi hijo", "my wife's", "de mi hermana". */
const RECIPIENT_RE = new RegExp(
  `(?<![\\p{L}])(?:(?:for|to|gift|present|regalo|regalar(?:le)?|regalarle|para|a|pa)\\s+(?:(?:my|our|his|her|their|mi|mis|nuestra|nuestro|su|the|el|la|an|un|una)\\s+)?(?:(?:little|big|older|younger|oldest|eldest|youngest|teenage|teen|new|future|dear|favorite|favourite|wonderful|lovely|sweet|querida|querido|pequena|pequeno|peque|mayor|menor|futura|futuro|nueva|nuevo)\\s+)?${AGE}(${R})${POSSESSIVE_S}(?!'s\\s+(?:wedding|graduation|party|funeral|quinceanera|baby shower))|(?:my|mi|mis|our|his|her|their)\\s+(?:(?:little|big|older|younger|oldest|eldest|youngest|teenage|teen|new|future|pequena|pequeno|mayor|menor)\\s+)?${AGE}(${R})${POSSESSIVE_S}(?='s(?!\\s+(?:wedding|graduation|party|funeral|quinceanera|baby shower))|${AGE_AFTER}\\s+(?:birthday|bday|anniversary|wedding|graduation|loves?|likes?|is|needs?|wants?|would|will|could|might|can|does|wears|plays|hates|prefers|enjoys|collects|cumple|cumpleanos|aniversario|boda|graduacion|quiere|necesita|adora|ama|le gusta|le encanta|usa|lleva|prefiere|odia|colecciona|juega))|(?:cumple|cumpleanos|aniversario|regalo|regalos|santo|dia|jubilacion|graduacion)\\s+(?:de|del|para|con)\\s+(?:mi|mis|nuestra|nuestro)\\s+(${R})|anniversary\\s+with\\s+(?:my|our)\\s+(${R}))(?![\\p{L}])`,
  'gu',
);
const OCCASION_RE = new RegExp(`(?<![\\p{L}])(${alternation(OCCASION_FORM.keys())})(?![\\p{L}])`, 'gu');
const GIFT_RE =
  /(?<![\p{L}])(?:gifts?|gifted|gifting|present|presents|regalos?|regalar(?:le|les)?|regalarselo|regalarsela|obsequios?|obsequiar|detallito|un detalle|gift[- ]?wrap(?:ped|ping)?|envolver para regalo|envuelto para regalo|papel de regalo|stocking stuffers?|secret santa|amigo invisible|amigo secreto|surprise (?:for|him|her)|sorpresa para)(?![\p{L}])/u;
/** A gift denied ("not a gift, it's for me", "it isn't a present", "no es (un|para) regalo", "no es para regalar"). */
const NOT_A_GIFT = /(?<![\p{L}])(?:(?:not|isnt|isn't|no)\s+(?:an?\s+|for\s+a\s+)?(?:gift|present)|no\s+es\s+(?:un\s+|para\s+)?(?:regalo|regalar))(?![\p{L}])/u;
/** "present" as a verb or adjective ("present day", "at present") is not a gift. */
const NOT_A_PRESENT = /(?:at|the) present(?! for)|present (?:day|time|moment|tense)|presents? (?:a|an|the) (?:problem|issue)/u;

/**
 * Forms that name a kind of person as well as a relative: "para mujer" / "para niños" say who the
 * products are made for (audience.ts), "para mi mujer" / "for my kids" name a recipient. Read as a
 * recipient only with a possessive or an article ("for the kids").
 */
const AUDIENCE_FORMS: ReadonlySet<string> = new Set(['mujer', 'senora', 'nino', 'nina', 'ninos', 'boy', 'girl', 'kid', 'kids', 'children', 'hijos']);
const POSSESSIVE = /(?<![\p{L}])(?:my|our|the|mi|mis|nuestra|nuestro|nuestros|nuestras|su|sus|los|las|el|la)\s/u;

/**
 * Regional words for a parent or a partner that are other words without "my": "mi viejo" / "mi vieja"
 * (Río de la Plata, Chile: my dad / my mum; "un reloj viejo" is an old watch), "mi apá" / "mi amá"
 * (Mexico; "ama" is also "loves"), "mi jefecita" (Mexico: mum), "mi chica" / "mi chico" (Spain: my
 * girlfriend / boyfriend; "chica" alone is small in Mexico, "para chica" an audience), "mi jeva", "mi morra"
 * (Mexico: my girlfriend; "una morra" is any girl), "mi pelado" / "mi pelada" (Colombia: my boyfriend /
 * girlfriend; "pelado" alone is bald or broke).
 * Read as a recipient only after "mi" / "nuestro" (the shopper's own). "Mi jefa" / "mi jefe" stay boss:
 * that is what they say in every Spanish-speaking country, and Mexico's "my mum / my dad" is slang the
 * words alone cannot tell from it (a present for a boss or for a mother is a present all the same).
 */
const OWN_ONLY_FORMS: ReadonlySet<string> = new Set(['cucha', 'cucho', 'chaval', 'chavala', 'viejo', 'vieja', 'viejos', 'apa', 'ama', 'amita', 'jefecito', 'jefecita', 'chica', 'chico', 'jeva', 'jevo', 'morra', 'pelado', 'pelada', 'chavo', 'chava', 'compa', 'papas']);
const OWN = /(?<![\p{L}])(?:mi|mis|nuestra|nuestro)\s/u;

/**
 * Words that may follow "para mi" when it is "para mí" (for me) written without its accent: the end of
 * a clause, or a word that cannot follow the possessive "mi" (an article, a conjunction, a preposition,
 * an adverb, a verb: "para mi el de plata", "para mi y para ella", "para mi es mejor"). Before any other
 * word "mi" is "my": "para mi viejo", "para mi cuñada" name someone, not the shopper.
 */
const AFTER_ME = new Set([
  'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'lo', 'y', 'e', 'o', 'u', 'ni', 'que', 'pero', 'porque', 'pues', 'si', 'no', 'ya', 'tambien', 'tampoco',
  'solo', 'sola', 'solito', 'solita', 'nomas', 'mismo', 'misma', 'mejor', 'peor', 'bien', 'mal', 'muy', 'mas', 'menos', 'nada', 'algo', 'esta', 'este', 'eso', 'esto',
  'es', 'son', 'seria', 'sera', 'va', 'queda', 'quedan', 'gusta', 'gustan', 'encanta', 'sirve', 'vale', 'por', 'en', 'de', 'con', 'sin', 'para', 'a', 'al', 'del',
  'como', 'cuando', 'donde', 'ahora', 'hoy', 'please', 'porfa', 'gracias', 'entonces', 'tal', 'vez', 'quiza', 'quizas', 'claro', 'obvio', 'igual',
]);

/** Whether the folded text says "for me" itself: "for me", "for myself", "para mí (misma)" (not "para mi viejo"). */
function saysForMe(f: string): boolean {
  if (/for (?:me|myself)(?![\p{L}])/u.test(f)) return true;
  for (const m of f.matchAll(/(?<![\p{L}])para mi(?: mism[oa])?(?![\p{L}])\s*([\p{L}]*)/gu)) {
    const next = m[1] as string;
    if (next === '' || AFTER_ME.has(next)) return true;
  }
  return false;
}

/** Words of being right before a relative's name: the shopper says who they are ("I'm a mom", "soy papá"). */
const SELF_BEFORE = /(?:^|[^\p{L}'])(?:i'?m|i am|im|soy|as) (?:an? |una? )?(?:(?:proud|new|single|busy|working|first[- ]time|primeriz[oa]|orgullos[oa]) )?$/u;

/**
 * Spanish forms of a recipient whose English word says no sex ("amiga": a friend who is a woman, "mi
 * jefe": a boss who is a man). Forms of recipients that already say it (madre, hijo) are not here.
 */
const SEXED_FORMS: ReadonlyMap<string, 'female' | 'male'> = new Map([
  ...['amiga', 'mejor amiga', 'jefa', 'companera', 'companera de trabajo', 'profesora', 'maestra', 'prima', 'vecina'].map((f) => [f, 'female'] as const),
  ...['amigo', 'mejor amigo', 'jefe', 'companero', 'companero de trabajo', 'profesor', 'maestro', 'primo', 'vecino'].map((f) => [f, 'male'] as const),
]);
/** Pronouns that say a person's sex, after the person is named (folded): "he", "him", "his", "él" (with its accent, or "el" before a verb), "she", "her", "ella". */
const HE = /(?<![\p{L}'])(?:he|him|his|he's|hes|himself)(?![\p{L}'])|(?<![\p{L}])el\s+(?:es|esta|usa|tiene|prefiere|quiere|mide|anda|lleva|trabaja|ama|odia|juega|adora|colecciona|calza|viste)(?![\p{L}])/u;
const SHE = /(?<![\p{L}'])(?:she|her|hers|she's|shes|herself|ella)(?![\p{L}'])/u;
/** The same "él", written with its accent (before folding): a pronoun, never the article. */
const EL_ACCENT = /(?<![\p{L}])él(?![\p{L}])/iu;

/** How far after the person a pronoun is read as theirs ("my partner, he is tall"; not a sentence later). */
const PRONOUN_REACH = 60;
/** Words after which a masculine form names nobody in particular ("un amigo invisible": a secret Santa). */
const NOBODY_AFTER = /^\s*(?:invisible|secreto)(?![\p{L}])/u;
/** Before a masculine form, words that make it one person ("mi jefe", "el profe"); "un compañero" may be anyone (Spanish's generic masculine). */
const ONE_PERSON = /(?:^|[^\p{L}])(?:mi|mis|nuestro|el|al|del)\s+(?:\p{L}+\s+)?$/u;

/**
 * The sex of a recipient whose canonical word says none ({@link SEXED_FORMS}): a feminine form, a
 * masculine one said of one person, else a pronoun soon after them. `before`: the words before the form.
 */
function sexOf(form: string, before: string, after: string, afterOriginal: string): 'female' | 'male' | undefined {
  const sexed = SEXED_FORMS.get(form);
  if (sexed === 'female') return sexed;
  if (sexed === 'male') return ONE_PERSON.test(before) && !NOBODY_AFTER.test(after) ? sexed : undefined;
  const near = after.slice(0, PRONOUN_REACH);
  const he = HE.test(near) || EL_ACCENT.test(afterOriginal.slice(0, PRONOUN_REACH));
  const she = SHE.test(near);
  return he === she ? undefined : he ? 'male' : 'female';
}

/** Whom a canonical recipient's own word says they are: a woman, a man or a child (a friend or a boss: none of them). */
const RECIPIENT_IS: ReadonlyMap<string, 'female' | 'male' | 'child'> = new Map([
  ...['mother', 'wife', 'girlfriend', 'sister', 'grandmother', 'daughter', 'aunt', 'niece', 'mother_in_law', 'sister_in_law', 'daughter_in_law', 'godmother'].map((r) => [r, 'female'] as const),
  ...['father', 'husband', 'boyfriend', 'brother', 'grandfather', 'son', 'uncle', 'nephew', 'father_in_law', 'brother_in_law', 'son_in_law', 'godfather'].map((r) => [r, 'male'] as const),
  ...['child', 'baby', 'grandchild'].map((r) => [r, 'child'] as const),
]);

/** Whom a canonical recipient's word says they are ({@link RECIPIENT_IS}): `mother` → female, `baby` → child, `friend` → undefined. */
export function recipientIs(recipient: string): 'female' | 'male' | 'child' | undefined {
  return RECIPIENT_IS.get(recipient);
}

/** Recipients no sex is read for: their word says who they are, or they are several people or the shopper. */
const SAYS_WHO = new Set([...RECIPIENT_IS.keys(), 'parents', 'self']);

/** Gift context read from an utterance. */
export interface GiftContext {
  readonly recipient?: string;
  /** The recipient's sex where only their form or a pronoun says it (`IntentEntities.recipientSex`). */
  readonly recipientSex?: 'female' | 'male';
  /** More than one person named ("a shirt for my wife and a jacket for my husband", "para mí y para mi mamá"): `recipient` is one of them. */
  readonly severalRecipients?: true;
  readonly occasion?: string;
  readonly isGift: boolean;
}

/**
 * Reads recipient, occasion and gift-ness. A gift is an explicit gift word or a recipient other than
 * the shopper; an occasion alone ("birthday party dress") does not make a gift.
 */
export function extractGift(text: string): GiftContext {
  const original = text.normalize('NFC').replace(/\s+/g, ' ');
  const f = fold(original);
  let recipient: string | undefined;
  let sex: 'female' | 'male' | undefined;
  const named = new Set<string>();
  for (const m of f.matchAll(RECIPIENT_RE)) {
    const form = m[1] ?? m[2] ?? m[3] ?? m[4];
    const r = form ? RECIPIENT_FORM.get(form) : undefined;
    if (!r) continue;
    if (AUDIENCE_FORMS.has(form as string) && !POSSESSIVE.test(m[0])) continue;
    if (OWN_ONLY_FORMS.has(form as string) && !OWN.test(m[0])) continue;
    // "I'm a mom of three", "soy mamá de dos", "as a dad": who the shopper is, not whom it is for.
    if (SELF_BEFORE.test(f.slice(0, (m.index ?? 0) + m[0].lastIndexOf(form as string)))) continue;
    // "for me" / "para mi" only counts as self when nothing else is named.
    if (r === 'self') {
      recipient ??= r;
      continue;
    }
    named.add(r);
    // "para mi" before a noun is "for my", handled by the regex; bare "a mi" is too ambiguous for self.
    if (recipient === undefined || recipient === 'self') {
      recipient = r;
      // fold() keeps positions, so the original's words after the form are at the same place.
      const end = (m.index ?? 0) + m[0].length;
      const at = (m.index ?? 0) + m[0].lastIndexOf(form as string);
      sex = SAYS_WHO.has(r) ? undefined : sexOf(form as string, f.slice(0, at), f.slice(end), original.slice(end));
    }
  }
  // "mi/me" as self only through explicit forms: "para mí", "for me", "for myself".
  const forMe = saysForMe(f);
  if (recipient === 'self' && !forMe) recipient = undefined;
  const several = named.size > 1 || (named.size === 1 && forMe);
  let occasion: string | undefined;
  const om = OCCASION_RE.exec(f);
  OCCASION_RE.lastIndex = 0;
  if (om) occasion = OCCASION_FORM.get(om[1] as string);
  // "Para el día de la madre": a present for a mother, as "for mother's day" reads through its possessive.
  if (recipient === undefined && (occasion === 'mothers_day' || occasion === 'fathers_day')) recipient = occasion === 'mothers_day' ? 'mother' : 'father';
  const giftWord = GIFT_RE.test(f) && !(/present/.test(f) && NOT_A_PRESENT.test(f) && !/gift|regal/.test(f)) && !NOT_A_GIFT.test(f);
  const isGift = giftWord || (recipient !== undefined && recipient !== 'self');
  return {
    ...(recipient ? { recipient } : {}),
    ...(recipient && recipient !== 'self' && sex && !several ? { recipientSex: sex } : {}),
    ...(several ? { severalRecipients: true as const } : {}),
    ...(occasion ? { occasion } : {}),
    isGift,
  };
}
