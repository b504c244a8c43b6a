/**
 * Compound nouns: a kind named only to say what another thing is for. English puts the head of a
 * compound last, so the noun before it is a modifier ("*wine* glasses", "*shoe* rack", "*watch* strap",
 * "*jewelry* box", "a grey *tea* towel", "*coffee* table"); Spanish puts the head first, joined by "de" or
 * "para" ("copas de *vino*", "soporte para *móvil*"). The modifier is what the head is for, a purpose
 * (entities.ts), never a kind sought: as one it would be a hard filter ("wine glasses" would find
 * bottles of wine). The head is the kind sought when the synonym table or the shop knows it ("tea
 * towel": towels); when it is an accessory, a container or a tool the table has no kind for (a rack, a
 * strap, a box), nothing is sought.
 *
 * A compound is two nouns in one phrase (only spaces between): "wine and glasses", "shoes, rack
 * included?" and "a watch with a leather strap" are none; nor is a list of plurals ("sneakers socks"),
 * a verb ("I watch TV", "does the rug cover the floor?") or a kind before a place ("a lamp bedroom is
 * dark": a room modifies, it heads no compound).
 */
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import { fold, singular, tokens, type Token } from './text.ts';

/**
 * English nouns that are accessories, containers, parts or tools of a kind named before them, in the
 * singular ("shoe *rack*", "wine *glasses*", "watch *strap*", "jewelry *box*", "phone *stand*").
 */
const HEADS_EN = new Set([
  'glass', 'rack', 'strap', 'band', 'box', 'case', 'holder', 'stand', 'organizer', 'organiser', 'tray', 'cover', 'protector', 'hanger', 'hook',
  'mount', 'opener', 'cooler', 'chiller', 'stopper', 'decanter', 'caddy', 'infuser', 'strainer', 'kettle', 'pot', 'polish', 'cleaner', 'brush',
  'lace', 'insole', 'tree', 'horn', 'pouch', 'dish', 'display', 'cabinet', 'storage', 'bench', 'lock', 'pump', 'helmet', 'liner', 'refill', 'filter',
  'topper', 'pad', 'sleeve', 'winder', 'maker', 'machine', 'grinder', 'tin', 'jar', 'basket', 'bin', 'carrier', 'rail', 'rod', 'clip', 'accessory',
  'part', 'repair',
]);

/**
 * Spanish nouns that are accessories, containers, parts or tools of a kind named after them with "de" or
 * "para", in the singular ("copas de vino", "estuche para gafas", "soporte para celular").
 */
const HEADS_ES = new Set([
  'copa', 'vaso', 'estuche', 'soporte', 'organizador', 'bandeja', 'abridor', 'enfriador', 'calzador', 'cordon', 'plantilla', 'horma', 'limpiador',
  'cepillo', 'perchero', 'colgador', 'gancho', 'protector', 'forro', 'repuesto', 'expositor', 'exhibidor', 'accesorio', 'portavaso', 'tapa', 'molinillo',
]);
/**
 * Spanish containers that hold an amount of the kind after "de" ("una caja de bombones", "una bolsa de
 * café": the chocolates, the coffee are sought), and are its container only with "para" ("caja para
 * joyas").
 */
const HEADS_ES_PARA = new Set(['caja', 'bolsa', 'botella', 'lata', 'frasco', 'tarro']);

/**
 * English nouns written in the plural whatever their number: one may be the modifier of a compound
 * ("jeans jacket", "sunglasses case"). Another plural before a kind is a list ("sneakers socks").
 */
const PLURAL_ONLY = new Set(['jeans', 'pants', 'trousers', 'shorts', 'leggings', 'tights', 'clothes', 'sunglasses', 'glasses', 'pajamas', 'pyjamas', 'overalls', 'scissors', 'binoculars']);

/**
 * Words after a head noun that make it a verb with its object or an adjective compared ("does the rug
 * *cover the* floor", "the shoe *stands out*", "are percale sheets *cooler than* sateen?").
 */
const NOT_AFTER_NOUN = new Set([
  'the', 'a', 'an', 'my', 'your', 'our', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'it', 'them', 'me', 'you', 'him', 'us',
  'everything', 'all', 'up', 'out', 'down', 'off', 'over', 'well', 'nicely', 'perfectly', 'than',
]);

/**
 * Kinds of the table whose word is also a common verb ("does this serum *suit* oily skin", "I *watch*
 * TV"): as the head of a compound only at the end of its phrase or before a preposition, a conjunction
 * or a size ("a shirt dress", "a shirt dress with pockets", "a sweater dress in black"), and as its
 * modifier not after a subject or a modal.
 */
const VERB_TOO = new Set(['suit', 'dress', 'watch', 'book', 'ring', 'light', 'plant']);
/** Words before such a word that make it the verb ("I *watch* TV", "you need to *book* tables"). */
const BEFORE_VERB = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'to', 'will', 'would', 'can', 'could', 'should', 'might', 'may', 'must', 'dont', "don't", 'not', 'also', 'just']);
/** Words after such a head that leave it a noun. */
const AFTER_NOUN = new Set([
  'for', 'in', 'with', 'without', 'from', 'under', 'below', 'over', 'to', 'of', 'on', 'at', 'by', 'like', 'and', 'or', 'that', 'which', 'please',
  'size', 'sizes', 'is', 'are', 'was', 'were', 'has', 'have', 'i', 'we', 'you', 'but', 'too', 'as',
]);

/**
 * Terms of the table's places (rooms, the garden), as singular word keys. A place is no head of a
 * compound: after a kind it starts another phrase, unpunctuated ("need a lamp bedroom is dark").
 */
/** The phrase keys of places (rooms, the garden): what is used there, not a kind of product (the synonym table's `place`). */
export const PLACES: ReadonlySet<string> = new Set(CATEGORY_SYNONYMS.filter((g) => g.place).flatMap((g) => [...g.en, ...g.es]).map((t) => tokens(fold(t)).map((x) => singular(x.w)).join(' ')));

/** A span of tokens naming a kind ([from, to)), as catalogVocabulary.ts matches it. */
interface KindSpan {
  readonly from: number;
  readonly to: number;
}

/** Whether tokens `a` and `b` (b = a + 1) are in one phrase: only spaces between them in `original`. */
function joined(toks: readonly Token[], original: string, a: number): boolean {
  const x = toks[a];
  const y = toks[a + 1];
  return x !== undefined && y !== undefined && /^\s+$/.test(original.slice(x.end, y.start));
}

/** Whether the English word at `i` is an accessory / container head (singular or plural) used as a noun. */
function headNounEn(toks: readonly Token[], i: number): boolean {
  const t = toks[i];
  if (!t || !HEADS_EN.has(singular(t.w))) return false;
  const next = toks[i + 1];
  return next === undefined || !NOT_AFTER_NOUN.has(next.w);
}

/**
 * The kinds of `kinds` (in text order) that modify the noun right after them in an English compound:
 * a kind directly followed by another kind ("tea towel", "coffee table", "dress shoes") when written in
 * the singular (or a noun with no singular: "jeans jacket"), or by an accessory / container head
 * ("shoe rack", "shoes rack", "wine glasses"). `original`: the text the tokens index (its punctuation
 * splits phrases).
 */
export function compoundModifiers<K extends KindSpan>(toks: readonly Token[], original: string, kinds: readonly K[], lang: 'en' | 'es'): Set<K> {
  const out = new Set<K>();
  if (lang !== 'en') return out;
  for (const m of kinds) {
    const last = toks[m.to - 1];
    if (!last || !joined(toks, original, m.to - 1)) continue;
    // "I watch TV": a verb, not a kind modifying another.
    if (m.to - m.from === 1 && VERB_TOO.has(singular(last.w)) && BEFORE_VERB.has(toks[m.from - 1]?.w ?? '')) continue;
    if (headNounEn(toks, m.to)) {
      out.add(m);
      continue;
    }
    const next = kinds.find((k) => k.from === m.to);
    if (!next || !(singular(last.w) === last.w || PLURAL_ONLY.has(last.w))) continue;
    if (PLACES.has(toks.slice(next.from, next.to).map((t) => singular(t.w)).join(' '))) continue;
    const head = toks[next.to - 1] as Token;
    const after = toks[next.to];
    if (VERB_TOO.has(singular(head.w)) && after !== undefined && joined(toks, original, next.to - 1) && !AFTER_NOUN.has(after.w)) continue;
    out.add(m);
  }
  return out;
}

/**
 * Whether the word at `i`, right before the preposition at `i + 1` ("for", "de", "para"), is an
 * accessory or container head, which makes the kind after the preposition what it is for ("a rack for
 * shoes", "glasses for wine", "copas de vino", "caja para joyas"), not a kind sought.
 */
export function headBeforePreposition(toks: readonly Token[], i: number, lang: 'en' | 'es'): boolean {
  const t = toks[i];
  const prep = toks[i + 1]?.w;
  if (!t) return false;
  const w = singular(t.w);
  if (lang === 'en') return prep === 'for' && HEADS_EN.has(w);
  return (prep === 'de' && HEADS_ES.has(w)) || (prep === 'para' && (HEADS_ES.has(w) || HEADS_ES_PARA.has(w)));
}
