/**
 * A brand asked for that this shop does not sell: "do you have anything by Pandora?", "Nike running
 * shoes", "algo de Zara", "pulseras de la marca Tous". The entity rules know brands from the shop's
 * vendor list only, so a brand the shop lacks was read as nothing, and the answer was the shop's
 * best-sellers called satisfied: an agent would then tell the shopper the shop has Pandora. The answer
 * says instead that the shop sells nothing by it (`constraints.relaxed: ["brand"]`).
 *
 * A brand is read two ways:
 * - a well-known brand by its name ({@link BRANDS}), anywhere in the message; a name that is also an
 *   everyday word ("gap", "coach", "guess", "mango") only capitalised after the first word ("a Coach
 *   bag") or after words that name a brand ("by", "from", "brand", "marca");
 * - any capitalised name after "by", "made by", "brand", "the brand", "marca", "de la marca" ("anything
 *   by Mejuri?", "de la marca Tous"), unless it names a day, a month, a holiday or a carrier ("by
 *   Friday", "by Christmas", "by UPS"). After "from" only a known brand counts ("from Italy" is where).
 *
 * A name is not asked for when it is refused or compared with ("no Nike", "anything but Gucci",
 * "something like Pandora", "better than Zara", "tipo Zara"), or when the shop has the name: one of its
 * vendors, or a word of its titles, descriptions or tags. Pure.
 */
import { escapeRegExp, fold } from '../intent/text.ts';
import type { IntentEntities } from '../intent/types.ts';
import type { ConstraintOutcome } from './constraints.ts';
import { phrase } from './productText.ts';
import type { TitleWords } from './titleTerms.ts';

/** Well-known consumer brands as they write their names, unambiguous as words: read in any case. */
const BRANDS: readonly string[] = [
  // Clothes and shoes.
  'Nike', 'Adidas', 'Reebok', 'New Balance', 'ASICS', 'Under Armour', 'Lululemon', 'Skechers', 'Zara', 'H&M', 'Uniqlo', 'SHEIN', 'Primark',
  'Bershka', 'Pull&Bear', 'Pull and Bear', 'Stradivarius', 'Massimo Dutti', 'Forever 21', 'Abercrombie', 'Hollister', 'Old Navy', 'Levis',
  "Levi's", 'Wrangler', 'Lacoste', 'Tommy Hilfiger', 'Calvin Klein', 'Ralph Lauren', 'Hugo Boss', 'Gucci', 'Prada', 'Louis Vuitton',
  'Chanel', 'Dior', 'Versace', 'Balenciaga', 'Burberry', 'Armani', 'Fendi', 'Hermès', 'Valentino', 'Yves Saint Laurent', 'Givenchy',
  'Dolce & Gabbana', 'Dolce and Gabbana', 'Moncler', 'Patagonia', 'The North Face', 'North Face', 'Columbia Sportswear', 'Quiksilver',
  'Billabong', 'Dr. Martens', 'Dr Martens', 'Doc Martens', 'Birkenstock', 'Crocs', 'UGG', 'UGGs', 'Steve Madden', 'Michael Kors',
  'Kate Spade', 'Tory Burch', 'Benetton', 'Carolina Herrera', 'Tous', 'Loewe',
  // Jewellery and watches.
  'Pandora', 'Tiffany', 'Cartier', 'Swarovski', 'Bvlgari', 'Bulgari', 'Van Cleef', 'Chopard', 'Mejuri', 'Monica Vinader', 'Rolex', 'Casio',
  'Seiko', 'Tissot', 'TAG Heuer', 'Daniel Wellington', 'Garmin', 'Fitbit',
  // Home and garden.
  'IKEA', 'West Elm', 'Pottery Barn', 'Crate & Barrel', 'Crate and Barrel', 'Wayfair', 'Le Creuset', 'KitchenAid', 'Dyson', 'Yankee Candle',
  'Diptyque', 'Zara Home', 'H&M Home', 'MUJI', 'SMEG', 'Weber', 'Husqvarna',
  // Electronics and beauty.
  'Samsung', 'Sony', 'Bose', 'JBL', 'Sennheiser', 'Xiaomi', 'Huawei', 'Lenovo', 'Logitech', 'Nintendo', 'PlayStation', 'Sephora', "L'Oréal",
  'Loreal', 'Maybelline', 'Clinique', 'Estée Lauder', 'Lancôme', 'Nivea', 'MAC Cosmetics', 'Fenty',
];

/** Brands whose name is an everyday word too: read only capitalised after the first word, or after words that name a brand. */
const WORD_BRANDS: readonly string[] = ['gap', 'coach', 'guess', 'vans', 'mango', 'puma', 'converse', 'timberland', 'fossil', 'swatch', 'diesel', 'columbia', 'desigual'];

/** Words after which a capitalised name is a brand ("by Mejuri", "de la marca Tous"). */
const BRAND_CUE = /(?:^|[^\p{L}])(?:made\s+by|by|brand|the\s+brand|marca|la\s+marca|de\s+la\s+marca|de\s+marca)\s+$/u;
/** Words after which a known brand that is an everyday word is the brand ("from Gap", "de Mango"). */
const WORD_BRAND_CUE = /(?:^|[^\p{L}])(?:made\s+by|by|from|brand|the\s+brand|marca|la\s+marca|de\s+la\s+marca|de\s+marca|de|from\s+the)\s+$/u;
/** Words that refuse what follows within a few words ("no Nike", "I don't want anything from Zara", "sin nada de Gucci"). */
const NEGATORS = new Set(['no', 'not', 'nothing', 'never', 'without', 'except', 'dont', "don't", 'sin', 'nada', 'ni', 'nunca', 'excepto', 'salvo']);
/** Words right before a name (articles and cues aside) that compare with it ("like Pandora", "tipo Zara", "better than Nike"). */
const COMPARING = new Set(['like', 'than', 'vs', 'versus', 'tipo', 'como', 'estilo', 'onda', 'similar', 'parecido', 'parecida', 'parecidos', 'parecidas', 'but']);
/** Two-word comparisons ("similar to", "instead of", "en vez"). */
const COMPARING_PAIRS = new Set([
  'similar to', 'instead of', 'compared to', 'comparable to', 'alternative to', 'alternatives to', 'parecido a', 'parecida a', 'en vez', 'en lugar',
  'mejor que', 'peor que', 'mas que', 'menos que', 'alternativa a', 'alternativas a',
]);
/** Words that make a name within the last few a point of comparison ("a cheaper alternative to the Dyson", "alternativa más barata a la Dyson"). */
const ALTERNATIVE = new Set(['alternative', 'alternatives', 'alternativa', 'alternativas', 'dupe', 'dupes', 'knockoff', 'imitation', 'imitacion', 'replica']);
/** Words between a comparison or a cue and the name ("like *the ones by* Pandora", "tipo *los de* Zara"). */
const BETWEEN = new Set(['a', 'an', 'the', 'one', 'ones', 'by', 'from', 'of', 'de', 'del', 'la', 'el', 'los', 'las', 'lo', 'un', 'una', 'marca', 'brand', 'made', 'anything', 'something', 'algo', 'stuff']);

/** Whether the name after `before` (folded) is refused or compared with rather than asked for. */
function notWished(before: string): boolean {
  const clause = before.split(/[.;!?¿¡,]/u).at(-1) ?? '';
  const words = clause.split(/[^\p{L}']+/u).filter((w) => w.length > 0);
  for (let k = words.length - 1; k >= Math.max(0, words.length - 5); k--) {
    const w = words[k] as string;
    if (NEGATORS.has(w) || w.endsWith("n't") || ALTERNATIVE.has(w)) return true;
  }
  let k = words.length - 1;
  while (k >= 0 && BETWEEN.has(words[k] as string)) k--;
  if (k < 0) return false;
  return COMPARING.has(words[k] as string) || (k > 0 && COMPARING_PAIRS.has(`${words[k - 1]} ${words[k]}`));
}

/** Words before "by" that make what follows a way to pay or send, not a maker ("pay by Apple Pay", "shipped by UPS"). */
const NOT_MADE_BY = /(?:^|[^\p{L}])(?:pay|paying|paid|payment|ship|shipped|shipping|sent|send|deliver|delivered|delivery|arrive|arrives|get\s+it|have\s+it|ready|pagar|pago|enviar|envio|enviado|llega|llegar)\s+(?:by|with)\s+$/u;

/** Capitalised names after {@link BRAND_CUE} that say when or how, not who made it. */
const NOT_BRANDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'christmas', 'xmas', 'easter', 'halloween', 'thanksgiving', 'valentine', 'valentines',
  'tomorrow', 'today', 'tonight', 'weekend', 'noon', 'ups', 'dhl', 'fedex', 'usps', 'post', 'mail', 'email', 'paypal', 'visa', 'mastercard',
  'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo', 'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio',
  'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre', 'navidad', 'navidades', 'reyes', 'pascua', 'manana', 'hoy', 'correo',
  'i', 'me', 'my', 'mi', 'the', 'a', 'an', 'el', 'la', 'you', 'usted', 'far', 'size', 'price', 'color', 'colour', 'hand', 'mano',
  // Days of the year and parts of the day ("by Mother's Day", "by Black Friday", "by Next Week", "by Monday Morning").
  'mother', "mother's", 'mothers', 'father', "father's", 'fathers', "valentine's", 'new', 'black', 'cyber', 'boxing', 'labor', 'labour',
  'memorial', 'independence', 'hanukkah', 'diwali', 'eid', 'ramadan', 'dia', 'next', 'this', 'end', 'morning', 'evening', 'midnight',
]);

/** Folded name → as the brand writes it. */
const WRITTEN = new Map(BRANDS.map((b) => [fold(b), b]));
const NAMES = new RegExp(String.raw`(?:^|[^\p{L}\p{N}])(${[...WRITTEN.keys()].map(escapeRegExp).sort((a, b) => b.length - a.length).join('|')})(?![\p{L}\p{N}])`, 'gu');
const WORD_NAMES = new RegExp(String.raw`(?:^|[^\p{L}\p{N}])(${WORD_BRANDS.map(escapeRegExp).join('|')})(?![\p{L}\p{N}])`, 'giu');
/** A capitalised name of one or two words (in the text as written). */
const CAPITALISED = /^(\p{Lu}[\p{L}\p{N}'&.-]*(?:\s+\p{Lu}[\p{L}\p{N}'&.-]*)?)/u;

/** The shop's vendor names, folded, for {@link unknownBrand}. */
export function vendorNames(vendors: Iterable<string | undefined>): Set<string> {
  const out = new Set<string>();
  for (const v of vendors) if (v) out.add(fold(v).trim());
  return out;
}

/**
 * The name of a brand the message asks for that this shop does not sell (see the module doc), as
 * written; or undefined. `e`: what the intent read from the message; `words`: the shop's title,
 * description and tag words; `vendors`: {@link vendorNames} of the shop.
 */
export function unknownBrand(text: string, e: IntentEntities, words: TitleWords, vendors: ReadonlySet<string>): string | undefined {
  if (words.size === 0) return undefined;
  const t = text.normalize('NFC');
  // fold() keeps positions in NFC text (it lower-cases and strips accents character by character).
  const folded = fold(t);
  const candidates: { name: string; at: number }[] = [];
  for (const m of folded.matchAll(NAMES)) candidates.push({ name: m[1] as string, at: (m.index ?? 0) + (m[0].length - (m[1] as string).length) });
  for (const m of t.matchAll(WORD_NAMES)) {
    const at = (m.index ?? 0) + (m[0].length - (m[1] as string).length);
    const written = m[1] as string;
    const capitalised = written[0] !== (written[0] as string).toLowerCase() && /\p{L}/u.test(t.slice(0, at));
    if (capitalised || WORD_BRAND_CUE.test(folded.slice(0, at))) candidates.push({ name: folded.slice(at, at + written.length), at });
  }
  // Any capitalised name after "by", "brand", "marca" ("anything by Mejuri?").
  for (const m of t.matchAll(/(?:made\s+by|by|brand|marca)\s+/giu)) {
    const at = (m.index ?? 0) + m[0].length;
    if (!BRAND_CUE.test(folded.slice(0, at)) || NOT_MADE_BY.test(folded.slice(0, at))) continue;
    const name = CAPITALISED.exec(t.slice(at))?.[1]?.replace(/[.'-]+$/u, '');
    if (name === undefined) continue;
    if (!NOT_BRANDS.has(fold(name).split(/\s+/)[0] as string)) candidates.push({ name: fold(name), at });
  }
  candidates.sort((a, b) => a.at - b.at);
  for (const { name, at } of candidates) {
    if (notWished(folded.slice(0, at)) || sells(name, e, words, vendors)) continue;
    // As written, unless written all in lower case ("nike": Nike).
    const written = t.slice(at, at + name.length);
    return written === written.toLowerCase() ? (WRITTEN.get(name) ?? written) : written;
  }
  return undefined;
}

/** Whether the shop has the name: a vendor read or listed, or every word of it in its titles, descriptions or tags. */
function sells(name: string, e: IntentEntities, words: TitleWords, vendors: ReadonlySet<string>): boolean {
  if (e.brands.some((b) => fold(b).includes(name) || name.includes(fold(b)))) return true;
  for (const v of vendors) if (v === name || v.startsWith(`${name} `) || v.includes(name)) return true;
  const parts = phrase(name).split(' ').filter((w) => w.length > 0);
  return parts.length > 0 && parts.every((w) => words.df.has(w) || words.described.has(w));
}

/**
 * The outcome of a list for a brand the shop does not sell: not satisfied, the brand let go, a sentence
 * saying so (`shown`: whether the list holds any product to say is by other makers).
 */
export function unknownBrandOutcome(c: ConstraintOutcome, name: string, shown = true): ConstraintOutcome {
  const sentence = shown ? `This shop sells nothing by ${name}: the products shown are by other makers.` : `This shop sells nothing by ${name}.`;
  const relaxed = [...new Set([...(c.relaxed ?? []), 'brand' as const])];
  return { ...c, satisfied: false, relaxed, reason: c.reason ? `${sentence} ${c.reason}` : sentence };
}
