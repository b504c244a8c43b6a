/**
 * Budget extraction: "under $50", "between 20 and 40", "$20-$40", "around 60", "menos de 50 €",
 * "hasta 800 pesos", "entre 20 y 40 euros", "no más de 100", "50 bucks", "1.299,99 €", and amounts in
 * words or with multipliers ("under fifty dollars", "hasta 50 mil pesos colombianos", "50 lucas":
 * amountWords.ts), amounts said roughly ("a couple hundred dollars max": roughAmounts.ts), and a bare
 * range right after a product ("collar 30 a 50").
 *
 * An approximate amount ("around 60", "about 50 bucks", "unos 40 dólares", "tengo como veinte dólares",
 * "50ish") is the money the shopper has or means to spend, said loosely: an upper bound with a
 * tolerance, `max` = the amount × {@link APPROXIMATE_TOLERANCE} (rounded to cents), with no floor, marked
 * `approximate`. "Around 60 bucks" does not turn down a 65 jacket, nor "unos 40 dólares" a 47.99
 * choker: a cap of exactly the amount did, as a hard filter. It is not a range around the amount (X ±
 * 20 %) either: that hid the cheaper products a shopper with that money would gladly take, and no
 * shopper saying "about 50" turns down a 30 one for being too cheap. Spanish "sobre 60 dólares" ("about
 * 60" in Spain) is such an amount (with a currency: a bare "sobre 50 recetas" is a subject), "por sobre"
 * a floor. A cap said of a loose amount ("máximo unos 150 euros", "at most about 80", "como mucho unos
 * 100") is a hard cap at the amount: the shopper sets the bound themselves. An amount said roughly but with its
 * own bound ("a couple hundred dollars max", roughAmounts.ts) keeps that bound as said. A floor is read
 * only where it is said: an explicit range ("between 30 and 50", "$20-$40") or a lower bound ("at least
 * 30", "más de 30", "50 or more").
 *
 * Currency. "$" and "pesos" name a family, not a currency: the market's (`currencyHint`, an ISO 4217
 * code or an ISO 3166 market) when it is one of the family ("pesos" in CO is COP, "$" in AR is ARS).
 * A nationality settles it whatever the market ("pesos colombianos", "Chilean pesos", "u$s").
 * In a market whose currency is not written with "$" (euros, pounds, soles…), "$" is the US dollar
 * ("a necklace under $15" in Spain: 15 USD, which the answer converts at the market's rates).
 * Without a market "$" stays unknown but "pesos" is MXN, the peso of the largest peso market. That
 * is deliberate: downstream (personalize/hardFilters.ts) a budget without a currency is compared as if
 * in the shop's own currency, so leaving "800 pesos" unknown would filter a dollar shop at 800 dollars,
 * while a named currency the shop does not price in is either converted with a known rate or left
 * unchecked (`budget_currency_unknown`), never compared as it is. Callers that know the market should
 * pass it: then every peso is that market's. An amount without any currency word ("menos de 200 mil")
 * has no currency here; downstream it is read in the market's currency.
 */
import type { Budget } from './types.ts';
import { currencyExponent } from '../money.ts';
import { spellAmounts } from './amountWords.ts';
import { findRoughAmounts } from './roughAmounts.ts';
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import { fold, singular } from './text.ts';

/** Market (ISO 3166 alpha-2) → currency, for resolving "$" and "pesos". */
const MARKET_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD', MX: 'MXN', CA: 'CAD', AU: 'AUD', NZ: 'NZD', GB: 'GBP', UK: 'GBP', JP: 'JPY', AR: 'ARS', CL: 'CLP',
  CO: 'COP', UY: 'UYU', DO: 'DOP', PH: 'PHP', CU: 'CUP', SG: 'SGD', HK: 'HKD', PE: 'PEN', EC: 'USD', PR: 'USD', SV: 'USD', PA: 'USD',
  GT: 'GTQ', CR: 'CRC', PY: 'PYG', BO: 'BOB', HN: 'HNL', NI: 'NIO', VE: 'VES',
  ES: 'EUR', DE: 'EUR', FR: 'EUR', IT: 'EUR', PT: 'EUR', NL: 'EUR', BE: 'EUR', IE: 'EUR', AT: 'EUR', FI: 'EUR', GR: 'EUR',
};
/** Currencies written with "$". */
const DOLLAR_SIGN = new Set(['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'ARS', 'CLP', 'COP', 'UYU', 'DOP', 'CUP', 'SGD', 'HKD']);
/** Currencies called "pesos". */
const PESOS = new Set(['MXN', 'ARS', 'CLP', 'COP', 'UYU', 'DOP', 'PHP', 'CUP']);
/** The nationality that names a peso, English or Spanish (folded, singular). */
const PESO_OF: Readonly<Record<string, string>> = {
  mexicano: 'MXN', mexican: 'MXN', colombiano: 'COP', colombian: 'COP', argentino: 'ARS', argentine: 'ARS', argentinian: 'ARS',
  chileno: 'CLP', chilean: 'CLP', uruguayo: 'UYU', uruguayan: 'UYU', dominicano: 'DOP', dominican: 'DOP', filipino: 'PHP',
  philippine: 'PHP', cubano: 'CUP', cuban: 'CUP',
};
const PESO_NATIONS_ES = 'mexicanos?|colombianos?|argentinos?|chilenos?|uruguayos?|dominicanos?|filipinos?|cubanos?';
const PESO_NATIONS_EN = 'mexican|colombian|argentine|argentinian|chilean|uruguayan|dominican|philippine|cuban';
/** The nationality that names a dollar. */
const DOLLAR_OF: Readonly<Record<string, string>> = {
  us: 'USD', american: 'USD', americano: 'USD', estadounidense: 'USD', canadian: 'CAD', canadiense: 'CAD', australian: 'AUD', australiano: 'AUD',
};
/**
 * The currency a budget said with "$" and no currency is in, given the one it would be read in (the
 * market's, else the price's): that one when it is written with "$" (a dollar, a peso), else the US
 * dollar ("sofa under $100" in a shop priced in euros is not 100 euros).
 */
export function dollarSignIn(currency: string): string {
  const c = currency.toUpperCase();
  return DOLLAR_SIGN.has(c) ? c : 'USD';
}

/** Currencies called "dollars". */
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD']);
/**
 * The other currencies of Spanish-speaking markets, by name (folded) and, where it is not shared, by
 * sign: Peru's soles ("S/ 200", "200 soles"), Guatemala's quetzales, Costa Rica's colones ("₡"),
 * Paraguay's guaraníes ("₲"), Bolivia's bolivianos, Honduras' lempiras, Nicaragua's córdobas and
 * Venezuela's bolívares.
 */
const NAMED_CURRENCY: Readonly<Record<string, string>> = {
  sol: 'PEN', soles: 'PEN', 'nuevos soles': 'PEN', 's/': 'PEN', 's/.': 'PEN', quetzal: 'GTQ', quetzales: 'GTQ', colon: 'CRC', colones: 'CRC', '₡': 'CRC',
  guarani: 'PYG', guaranies: 'PYG', '₲': 'PYG', boliviano: 'BOB', bolivianos: 'BOB', lempira: 'HNL', lempiras: 'HNL', cordoba: 'NIO', cordobas: 'NIO',
  bolivar: 'VES', bolivares: 'VES',
  // Spain's slang for euros ("20 pavos"), as it was for pesetas; nowhere else a currency.
  pavos: 'EUR', pavo: 'EUR',
};

/** Resolves a currency hint that is either an ISO 4217 code or an ISO 3166 market. */
export function hintCurrency(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const h = hint.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(h)) return h;
  return MARKET_CURRENCY[h];
}

/** Currency of one currency token (folded), given the hint. */
function currencyOf(token: string, hint: string | undefined): string | undefined {
  const t = token.trim();
  if (t === '€' || /^eur/.test(t)) return 'EUR';
  if (t === '£' || /^(gbp|pounds?|quid|libras?( esterlinas?)?)$/.test(t)) return 'GBP';
  if (t === '¥' || /^(jpy|yen|yenes)$/.test(t)) return 'JPY';
  // Argentina's "verdes" (and "verdolagas") after an amount: US dollars ("hasta 45 verdes").
  if (/^(usd|us\$|u\$[sd]|verdes|verdolagas)$/.test(t)) return 'USD';
  if (/^(mxn|mx\$)$/.test(t)) return 'MXN';
  if (t === 'col$') return 'COP';
  if (t === 'ar$') return 'ARS';
  if (t === '₱') return 'PHP';
  if (/^(cad|aud|nzd|ars|clp|cop|uyu|dop|pen|gtq|crc|pyg|bob)$/.test(t)) return t.toUpperCase();
  const named = NAMED_CURRENCY[t];
  if (named) return named;
  const nation = /^pesos? (\p{L}+)$/u.exec(t)?.[1] ?? /^(\p{L}+) pesos?$/u.exec(t)?.[1];
  if (nation) return PESO_OF[singular(nation)] ?? PESO_OF[nation];
  if (/^pesos?$/.test(t)) return hint && PESOS.has(hint) ? hint : 'MXN';
  const dollarOf = /^dolares (\p{L}+)$/u.exec(t)?.[1] ?? /^(\p{L}+) dollars?$/u.exec(t)?.[1];
  if (dollarOf) return DOLLAR_OF[singular(dollarOf)] ?? DOLLAR_OF[dollarOf];
  if (/^(dollars?|bucks|dolares|dolar)$/.test(t)) return hint && DOLLARS.has(hint) ? hint : 'USD';
  // "$" is the market's own currency where that is written with "$" (a dollar, a peso); in a market whose
  // currency is not ("under $15" in a euro shop) it is the US dollar, converted as "15 dólares" would be.
  if (t === '$') return hint ? dollarSignIn(hint) : undefined;
  // "¤" (the generic currency sign) is what amountWords.ts writes for "2 grand": money, in the market's currency.
  if (t === '¤') return hint;
  return undefined;
}

/**
 * Parses an amount written with either convention: "1,299.99", "1.299,99", "1299", "49,90", "2k".
 * A group of exactly three digits after a single separator is read as thousands ("1.299" = 1299).
 * An apostrophe separates millions as Colombians write them ("1'500.000" = 1500000).
 */
export function parseAmount(s: string): number | undefined {
  let t = s.trim().replace(/\s+/g, '').replace(/'(?=\d{3})/g, '');
  let mult = 1;
  if (/k$/.test(t)) {
    mult = 1000;
    t = t.slice(0, -1);
  }
  let v: number;
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const thou = dec === '.' ? ',' : '.';
    v = Number(t.split(thou).join('').replace(dec, '.'));
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = t.split(sep);
    const tail = parts.at(-1) ?? '';
    if (parts.length > 2 || tail.length === 3) v = Number(parts.join(''));
    else v = Number(parts.join('.'));
  } else v = Number(t);
  if (!Number.isFinite(v)) return undefined;
  return Math.round(v * mult * 100) / 100;
}

const PRE = '(?:us\\$|mx\\$|col\\$|ar\\$|u\\$[sd]|s\\/\\.?|\\$|€|£|¥|₱|₡|₲|¤|usd|eur|gbp|mxn|jpy|cad|aud|ars|clp|cop|uyu|pen)';
const POST =
  `(?:€|\\$|£|¥|₱|¤|usd|u\\$[sd]|eur|gbp|mxn|jpy|cad|aud|ars|clp|cop|uyu|(?:us|american|canadian|australian) dollars?|dollars?|bucks|dolares (?:americanos|estadounidenses|canadienses|australianos)|dolares|dolar|euros?|pounds?|quid|libras?(?: esterlinas?)?|(?:${PESO_NATIONS_EN}) pesos?|pesos?(?: (?:${PESO_NATIONS_ES}))?|yenes|yen|₡|₲|pen|gtq|crc|pyg|bob|(?:nuevos )?soles|sol|quetzal(?:es)?|colon(?:es)?|guaranies|guarani|bolivianos?|lempiras?|cordobas?|bolivar(?:es)?|pavos?(?! reale?s?)|verdes|verdolagas)`;
const NUM = "\\d{1,3}'\\d{3}(?:[.,]\\d{3})*(?:[.,]\\d{1,2})?|\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?k?";
/** An amount with optional currency before/after; groups: pre, number, post. */
const AMT = `(?:(${PRE})\\s*)?(${NUM})(?:\\s*(${POST})(?![\\p{L}]))?`;
const AMT2 = `(?:(${PRE})\\s*)?(${NUM})(?:\\s*(${POST})(?![\\p{L}]))?`;

/** How far above an approximate amount its cap lies ("around 60" → up to 72). */
export const APPROXIMATE_TOLERANCE = 1.2;

/**
 * Units that make a number something other than money ("under 10 years", "de 2 a 3 dias"). "lucas",
 * "palos" and "barras" are money slang that amountWords.ts rewrites only in a market where they are
 * money; left as words ("hasta 50 lucas" with no market, "2 palos de golf") the amount is not read
 * rather than read as 50 of the shop's currency.
 */
const NON_MONEY_UNIT =
  /^\s*(?:-?\s*)?(?:years?|yrs?|y\/o|anos|meses|months?|weeks?|semanas?|days?|dias?|hours?|horas?|h\b|min|minutes?|minutos?|cm|mm|m\b|metros?|meters?|metres?|centimet(?:er|re)s?|millimet(?:er|re)s?|kilomet(?:er|re)s?|miles?|yards?|km|kg|kilos?|g\b|gr|grams?|gramos?|lbs?|oz|ml|l\b|litros?|liters?|inch(?:es)?|in\b|pulgadas?|"|feet|ft|pies|gb|tb|mb|mah|w\b|watts?|%|x\b|pcs|pieces?|piezas?|units?|unidades?|people|personas?|items?|articulos?|productos?|products?|pairs?|pares|st\b|nd\b|rd\b|th\b|am\b|pm\b|hs\b|hrs\b|times|veces|percent|por ?ciento|reviews?|resenas?|opiniones|stars?|estrellas?|followers?|seguidores|pages?|paginas?|calories|calorias|kcal|mg\b|mcg|spf|lumens?|hz\b|rpm|mph|fps|dpi|mp\b|megapixe?ls?|capsules?|capsulas?|servings?|porciones|lucas?\b|palos?\b|barras?\b|de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))/;
/** Words before a number that make it a size, quantity or model rather than money. */
const NON_MONEY_BEFORE = /(?<![\p{L}])(?:size|talla|talle|numero|no\.|eu|us|uk|model|modelo|iphone|galaxy|series|serie|pack of|paquete de|top|version|v)\s*$/u;

const BETWEEN = new RegExp(
  `(?:between|from|entre|de|desde)\\s+${AMT}\\s*(?:and|to|y|a|hasta|-)\\s*${AMT2}`,
  'gu',
);
const DASH = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}\\s*(?:-|to)\\s*${AMT2}`, 'gu');
const MAX_BEFORE =
  '(?:(?:no|not|never|nothing|nada|\\p{L}+n\'t|dont|cant|wont)(?:\\s+\\p{L}+){0,3}?\\s+(?:more than|mas de|over|above|por encima de|arriba de)|no more than|not more than|nothing more than|not over|no mas de|no mas que|no mas|less than|lower than|cheaper than|less then|no greater than|under|below|beneath|at most|max(?:imum)?|up to|within|tops|<=?|≤|menos de|menos que|por debajo de|hasta|maximo(?: de)?|como maximo|como mucho|que no pase de|que no pasen de|que no supere|que no superen|inferior a|que cueste menos de|que cuesten menos de|no superior a|tope(?: de)?|limite(?: de)?|bajo)';
const MIN_BEFORE =
  '(?:more than|greater than|over|above|at least|min(?:imum)?|starting at|>=?|≥|mas de|mas que|por encima de|por sobre(?: los| las)?|minimo(?: de)?|al menos|a partir de|superior a|arriba de)';
/**
 * Words that say an amount loosely. "sobre" before an amount is "about" in Spain ("sobre 60 euros",
 * "sobre los 60"); where it reads "above" (Chile: "sobre 100 lucas") the shopper still names the money
 * they mean, so it is read as any approximate amount ({@link APPROXIMATE_TOLERANCE}: a cap 20 % above,
 * no floor), never as a hard cap at the amount; "por sobre" (above) is a floor ({@link MIN_BEFORE}).
 */
const ABOUT_WORDS =
  '(?:around|about|approximately|approx\\.?|roughly|circa|~|something like|alrededor de|unos|unas|aproximadamente|aprox\\.?|mas o menos|cerca de|sobre(?: los| las)?|en torno a|como unos|como unas|como)';
const ABOUT_BEFORE = ABOUT_WORDS;
const BUDGET_BEFORE =
  '(?:budget(?: is| of)?|my budget|spend(?: only)?|spending|price range(?: of| is)?|presupuesto(?: de| es)?|gastar|gastarme|pagar|pay|' +
  // A new amount said in a conversation ("make it 60", "raise the budget to 70", "raise it to 60", "I can
  // stretch to 60", "let's say 20", "can we go to 100?", "subo el presupuesto a 60", "subilo a 50", "y si
  // gasto 70?", "digamos 30").
  "make it|(?:go|going|come) back to|back to|(?:raise|increase|up|bump|push|stretch|extend|lower|drop|cut|reduce|change|move)(?:(?: (?:the|my))? (?:budget|limit|max(?:imum)?)| (?:it|that|this))?(?: up| down)? to|let'?s say|lets say|(?:can|could) (?:we|i) go(?: up)? to|(?:i|we) (?:can|could) (?:stretch|go|do|spend)(?: up)? to|" +
  '(?:sub|baj)(?:o|imos|e|amos|ar|irlo|arlo|ilo|elo|alo|anlo|enlo)(?: (?:el|mi) presupuesto)? a|(?:y )?si (?:gast|sub)(?:o|amos|imos|ara|aramos|ase)(?: a| hasta)?|(?:volv|regres)(?:amos|emos|er|o|e) a|vuelve a|gasto|digamos|pongamos|que sean)';
/**
 * A cap said of a loose amount ("máximo unos 150 euros", "como mucho unos 100", "at most about 80",
 * "max around 70 bucks", "hasta unos 200") is still a cap: the shopper bounds the money themselves, so
 * the amount is the hard limit, as "150 euros como máximo" is, not an approximate amount with its
 * tolerance (which read "máximo unos 150" as up to 180).
 */
const MAX_RE = new RegExp(`(?<![\\p{L}])${MAX_BEFORE}\\s*(?:of|de|:)?\\s*(?:${ABOUT_WORDS}\\s*)?${AMT}`, 'gu');
const MIN_RE = new RegExp(`(?<![\\p{L}])${MIN_BEFORE}\\s*(?:of|de|:)?\\s*${AMT}`, 'gu');
const ABOUT_RE = new RegExp(`(?<![\\p{L}])${ABOUT_BEFORE}\\s*${AMT}`, 'gu');
const BUDGET_RE = new RegExp(`(?<![\\p{L}])${BUDGET_BEFORE}\\s*(?:about|around|unos|:)?\\s*${AMT}`, 'gu');
const MAX_AFTER = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}\\s*(?:max(?:imum)?|or less|tops|at most|at the most|como maximo|maximo|o menos|como mucho)(?![\\p{L}])`, 'gu');
const MIN_AFTER = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}\\s*(?:or more|and up|and above|\\+|plus|o mas|en adelante|para arriba|minimo)(?![\\p{L}])`, 'gu');
const ABOUT_AFTER = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}\\s*(?:ish|or so|aprox(?:imadamente)?|mas o menos|o asi)(?![\\p{L}])`, 'gu');
/** A currency right after a number: number words under 20 are amounts only then ("ten dollars"). */
const MONEY_AFTER = new RegExp(`^\\s*${POST}(?![\\p{L}])`, 'u');
const BARE = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}`, 'gu');
/** Any range of two amounts, also joined by Spanish "a"/"al"/"hasta" ("collar 30 a 50"); read only right after a product (`productBefore`). */
const PRODUCT_RANGE = new RegExp(`(?<![\\p{L}\\p{N}.,:/-])${AMT}\\s*(?:-|to|a|al|hasta)\\s*${AMT2}(?![\\p{N}]|[.,:/-]\\d)`, 'gu');
/** Words anywhere in the text that make a bare "20-40" a price range. */
const PRICE_WORD = /(?:price|precio|budget|presupuesto|cost|cuesta|pay|pagar|spend|gastar|between|entre)/;

/**
 * Products whose name right before a bare range ("necklace 30-50", "collar de plata 30 a 50") makes it a
 * price: kinds not usually asked for by a number of their own. Sized or measured kinds are left out
 * (shoes and clothes "38-40", rings, watches in mm, TVs and laptops in inches, backpacks in litres,
 * perfume in ml, sunscreen SPF, chocolate %), and so are shop-specific words this module cannot know.
 */
const RANGE_PRODUCTS: ReadonlySet<string> = new Set([
  ...CATEGORY_SYNONYMS.filter((g) =>
    ['necklaces', 'earrings', 'bracelets', 'jewelry', 'bags', 'wallets', 'sunglasses', 'scarves', 'candles', 'mugs', 'home decor', 'makeup', 'lipstick', 'headphones', 'phone cases', 'toys', 'pet supplies', 'books', 'gift cards'].includes(g.en[0] as string),
  ).flatMap((g) => [...g.en, ...g.es]),
  'gift', 'gifts', 'present', 'presents', 'regalo', 'regalos', 'obsequio', 'obsequios', 'detalle', 'detalles',
]);
/** Words between the product and the range that make the numbers a size, length, age or count. */
const RANGE_BLOCK = new Set([
  'talla', 'tallas', 'talle', 'talles', 'size', 'sizes', 'numero', 'medida', 'medidas', 'largo', 'length', 'long', 'ancho', 'width',
  'edad', 'edades', 'age', 'ages', 'ano', 'anos', 'year', 'years', 'old', 'model', 'modelo', 'pack', 'paquete', 'kids', 'kid', 'boys',
  'girls', 'baby', 'babies', 'nino', 'nina', 'ninos', 'ninas', 'bebe', 'bebes', 'meses', 'months', 'piezas', 'pieces', 'unidades', 'units',
]);

/** Whether a product name stands at most three words before `at` (after `RANGE_BLOCK` words, none). */
function productBefore(folded: string, at: number): boolean {
  const run = /((?:\p{L}+[ \t]+){1,5})$/u.exec(folded.slice(Math.max(0, at - 80), at))?.[1];
  if (!run) return false;
  const words = run.trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    for (let n = 3; n >= 1; n--) {
      if (i + n > words.length) continue;
      const term = words.slice(i, i + n).join(' ');
      if (!RANGE_PRODUCTS.has(term) && !RANGE_PRODUCTS.has(singular(term))) continue;
      const between = words.slice(i + n);
      if (between.length <= 3 && !between.some((w) => RANGE_BLOCK.has(w))) return true;
    }
  }
  return false;
}

/**
 * Whether a bare "lo-hi" after a product reads as prices rather than sizes, lengths or counts: round
 * numbers (multiples of 5) at least 10 apart, from 5 up, or from 0 ("30-50", "100-200", "0-15"; not
 * "38-40", "8-10", "2-3").
 */
function roundRange(lo: number, hi: number): boolean {
  return (lo === 0 || lo >= 5) && hi - lo >= 10 && lo % 5 === 0 && hi % 5 === 0 && (lo === 0 || hi <= lo * 20);
}

/** "US" ending a phrase after a number ("for 90 US", "under 50 US."): US dollars, when the number is no US size. */
const US_AFTER = /^\s*us(?=\s*(?:$|[,.;!?)]))/u;
/** A number right before {@link US_AFTER}. */
const NUMBER_US = new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUM})\\s*us(?=\\s*(?:$|[,.;!?)]))`, 'gu');
/** Words before "90 US" that make it a price: "for 90 US", "por 90 US", "at 90 US" (not "a": "I wear a 9 US"). */
const PRICE_BEFORE = /(?<![\p{L}])(?:for|por|at|cost|costs|cuesta|cuestan|paid|pague)\s*$/u;

/**
 * "US" after an amount: the US dollar, where a size would be another reading ("US 9" and "9 US" are
 * sizes, sizes.ts). A budget read already ("under 50 US") gets the currency; otherwise a number with
 * "US" after it is a price after "for"/"por" or above the US size range (32): "sneakers for 90 US",
 * "chaqueta 120 US". Never after a size word ("size 40 US").
 */
function usDollars(folded: string, found: Found[]): void {
  for (let i = 0; i < found.length; i++) {
    const f = found[i] as Found;
    const us = f.currency === undefined ? US_AFTER.exec(folded.slice(f.end)) : null;
    if (us) found[i] = { ...f, end: f.end + us[0].length, currency: 'USD' };
  }
  if (found.length > 0) return;
  for (const m of folded.matchAll(NUMBER_US)) {
    const start = m.index ?? 0;
    const a = parseAmount(m[1] as string);
    const before = folded.slice(Math.max(0, start - 12), start);
    if (a === undefined || NON_MONEY_BEFORE.test(before) || !(a > 32 || PRICE_BEFORE.test(before))) continue;
    found.push({ start, end: start + m[0].length, max: a, currency: 'USD', explicit: false });
    return;
  }
}

/** A four-digit year (1900–2099): "de 2020 a 2023" without a currency is a span of years. */
function isYear(v: number): boolean {
  return Number.isInteger(v) && v >= 1900 && v <= 2099;
}

interface Found {
  readonly start: number;
  readonly end: number;
  readonly min?: number;
  readonly max?: number;
  readonly approximate?: boolean;
  readonly currency?: string;
  readonly explicit: boolean;
}

function isMoney(folded: string, m: RegExpMatchArray, hasCurrency: boolean): boolean {
  const start = m.index ?? 0;
  const after = folded.slice(start + m[0].length);
  if (!hasCurrency && NON_MONEY_UNIT.test(after)) return false;
  const numberAt = start + Math.max(0, m[0].indexOf(m[2] as string));
  if (NON_MONEY_BEFORE.test(folded.slice(Math.max(0, numberAt - 12), numberAt))) return false;
  return true;
}

/**
 * Words saying an amount is the shopper's own money to spend, not the item's price ({@link Budget.spending}):
 * "my budget is 20-45", "I want to spend 50 to 100", "I have 30 to 50", "20-45 total", "what I can
 * afford", "tengo entre 30 y 50 para gastar", "mi presupuesto", "en total", "dispongo de". Not "pay" nor
 * "cost": "I'd pay 30-50 for earrings" and "it should cost 80 to 120" say what the item may cost.
 */
const SPENDING =
  /(?<![\p{L}])(?:budget|budgets|budgeted|spend|spending|spent|afford|total|altogether|overall|all\s+in|(?:i|we)(?:\s+have|'ve|\s+got)|presupuesto|presupuestos|gastar|gastarme|gastarnos|gastarle|gasto|gastos|tengo|tenemos|dispongo|disponemos|permitirme|permitirnos|my\s+(?:price\s+)?range|mi\s+rango)(?![\p{L}])/u;

/**
 * Where a clause ends: a sentence's or a comma's end (punctuation followed by a space or the text's end,
 * not the point of "1.299"), a line break, or a contrast ("but", "pero", "although", "aunque").
 */
const CLAUSE_END = /[.,;:!?](?=\s|$)|\n|\s(?:but|pero|although|aunque|though)\s/gu;

/** The clause of `folded` holding the span `start`..`end`: from the last clause end before it to the first after it. */
function clauseAround(folded: string, start: number, end: number): string {
  let from = 0;
  let to = folded.length;
  for (const m of folded.matchAll(CLAUSE_END)) {
    const at = m.index ?? 0;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return folded.slice(from, to);
}

/**
 * Reads the shopper's budget from text, or undefined. Amounts are in major units; `currency` is set
 * only when the text or `currencyHint` (ISO 4217 code or ISO 3166 market) makes it unambiguous
 * (a bare "$" without a hint stays undefined, with a hint whose currency is no "$" one it is USD; "pesos" without a hint is MXN, see the file comment;
 * "bucks"/"dollars" USD). Bare amounts need a currency ("50 bucks"); bare numbers without one are not
 * budgets, except a range right after a product ("necklace 30-50"). `text` quotes the input as written
 * ("hasta 50 mil pesos"), also when the amount was read from words. `spending` marks a budget whose
 * clause says it is the shopper's money ({@link SPENDING}: "my budget is 20-45", "tengo entre 30 y 50
 * para gastar"): a range said so is not the item's and goes on to another kind of product. Only a
 * budget with a floor is marked (a cap goes on to another kind anyway).
 */
export function extractBudget(text: string, currencyHint?: string): Budget | undefined {
  const nfc = text.normalize('NFC');
  const hint = hintCurrency(currencyHint);
  const spelled = spellAmounts(fold(nfc), { ...(hint ? { currency: hint } : {}), moneyAfter: MONEY_AFTER });
  const folded = spelled.text;
  // Every rule below reads digits, or "a couple hundred": most utterances have neither, and are done here.
  if (!/\d|couple/.test(folded)) return undefined;
  const found: Found[] = [];
  // Spans of years ("de 2020 a 2023"), which no later rule may read as money ("hasta 2023").
  const years: { start: number; end: number }[] = [];
  const cur = (...toks: (string | undefined)[]): string | undefined => {
    for (const t of toks) if (t) return currencyOf(t, hint);
    return undefined;
  };
  const take = (re: RegExp, kind: 'range' | 'max' | 'min' | 'about' | 'budget' | 'bare'): void => {
    for (const m of folded.matchAll(re)) {
      const start = m.index ?? 0;
      if ([...found, ...years].some((f) => start < f.end && start + m[0].length > f.start)) continue;
      const c1 = m[1] ?? m[3];
      const a = parseAmount(m[2] as string);
      if (a === undefined) continue;
      // "COP" after a number is a currency for real amounts ("50.000 COP"), not in "2 cop cars".
      // Argentina's "verdes" are dollars only as an amount ("45 verdes"); "2 verdes" are two green ones.
      if (/^verd/.test(m[3] ?? '') && a < 10) continue;
      if ((m[3] === 'cop' && a < 1000) || (kind === 'range' && m[6] === 'cop' && (parseAmount(m[5] as string) ?? 0) < 1000)) continue;
      if (kind === 'range') {
        const b = parseAmount(m[5] as string);
        const anyCur = !!(m[1] ?? m[3] ?? m[4] ?? m[6]);
        const currency = cur(m[1], m[3], m[4], m[6]);
        if (b === undefined || !isMoney(folded, m, anyCur)) continue;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        if (!anyCur && isYear(lo) && isYear(hi)) {
          years.push({ start, end: start + m[0].length });
          continue;
        }
        // A bare "30-50" is a price range when the text talks about prices, or right after a product.
        const afterProduct = (): boolean => productBefore(folded, start) && (anyCur || roundRange(lo, hi));
        if (re === DASH && !anyCur && !PRICE_WORD.test(folded) && !afterProduct()) continue;
        if (re === PRODUCT_RANGE && !afterProduct()) continue;
        found.push({ start, end: start + m[0].length, min: lo, max: hi, ...(currency ? { currency } : {}), explicit: true });
        continue;
      }
      const hasCur = !!c1;
      if (kind === 'bare' && !hasCur) continue;
      if (!isMoney(folded, m, hasCur)) continue;
      if (!hasCur && a < 3) continue;
      // "Go back to 2010", "volvamos a 1990": a year, not an amount to go back to.
      if (kind === 'budget' && !hasCur && isYear(a) && /back to|volv|regres|vuelve/u.test(m[0])) continue;
      // A bare "sobre" is most often "on"/"about a subject" ("un libro sobre 50 recetas"): money only with a currency.
      if (kind === 'about' && !hasCur && /^sobre(?!\s*(?:los|las)(?![\p{L}]))/u.test(m[0])) continue;
      const currency = cur(m[1], m[3]);
      const base = { start, end: start + m[0].length, ...(currency ? { currency } : {}), explicit: kind !== 'bare' };
      if (kind === 'max' || kind === 'budget' || kind === 'bare') found.push({ ...base, max: a });
      else if (kind === 'min') found.push({ ...base, min: a });
      // The money the shopper has or means to spend, said loosely: a cap with a tolerance, no floor (see the module doc).
      else found.push({ ...base, max: Math.round(a * APPROXIMATE_TOLERANCE * 100) / 100, approximate: true });
    }
  };
  // "a couple hundred dollars max": read first, so that no rule below reads "100 dollars" of it.
  for (const r of findRoughAmounts(folded)) {
    const currency = r.currency ? currencyOf(r.currency, hint) : undefined;
    found.push({ start: r.start, end: r.end, ...(r.bound === 'min' ? { min: r.amount } : { max: r.amount }), approximate: true, ...(currency ? { currency } : {}), explicit: true });
  }
  take(BETWEEN, 'range');
  take(DASH, 'range');
  take(PRODUCT_RANGE, 'range');
  take(MAX_RE, 'max');
  take(MAX_AFTER, 'max');
  take(MIN_AFTER, 'min');
  take(MIN_RE, 'min');
  take(ABOUT_AFTER, 'about');
  take(ABOUT_RE, 'about');
  take(BUDGET_RE, 'budget');
  take(BARE, 'bare');
  usDollars(folded, found);
  if (found.length === 0) return undefined;
  found.sort((a, b) => a.start - b.start);
  // Combine "over 20 but under 50": one lower and one upper bound; otherwise the first constraint wins.
  const first = found[0] as Found;
  const lower = found.find((f) => f.min !== undefined && f.max === undefined);
  const upper = found.find((f) => f.max !== undefined && f.min === undefined && f.explicit);
  let pick: Found = first;
  if (lower && upper && (lower.min as number) < (upper.max as number)) {
    const start = Math.min(lower.start, upper.start);
    const end = Math.max(lower.end, upper.end);
    const currency = lower.currency ?? upper.currency;
    pick = { start, end, min: lower.min, max: upper.max, ...(currency ? { currency } : {}), explicit: true };
  } else if (!first.explicit) {
    pick = found.find((f) => f.explicit) ?? first;
  }
  const currency = pick.currency ?? found.find((f) => f.currency)?.currency;
  return {
    ...(pick.min !== undefined ? { min: pick.min } : {}),
    ...(pick.max !== undefined ? { max: pick.max } : {}),
    ...(currency ? { currency } : {}),
    ...(pick.approximate ? { approximate: true } : {}),
    // Only a budget with a floor is marked: a cap alone goes on to another kind whoever's it is.
    ...(pick.min !== undefined && SPENDING.test(clauseAround(folded, pick.start, pick.end)) ? { spending: true } : {}),
    text: nfc.slice(...spelled.span(pick.start, pick.end)).trim(),
  };
}

/** A budget restated in another currency with an exchange rate: an estimate, never the checkout price. */
export interface ConvertedBudget extends Budget {
  /** The converted amounts are estimates (the shop converts at checkout with its own rate and rounding). */
  readonly estimated: true;
  /** The budget as the shopper stated it. */
  readonly stated: { readonly min?: number; readonly max?: number; readonly currency: string };
  /** Units of `currency` per unit of the stated currency. */
  readonly rate: number;
}

/**
 * The budget in `to` (e.g. the market's currency) when the shopper named another currency ("under 50
 * euros" in a USD market), converted with `rate(from, to)` and rounded to the minor unit of `to` (whole
 * yen, three decimals of a dinar); `undefined` when the budget names no other currency or the rate is
 * unknown. For display only: products are filtered against `stated` (hardFilters.ts `checkProduct`),
 * so a price in the stated currency is compared exactly, never through a round trip.
 */
export function convertBudget(b: Budget, to: string | undefined, rate: ((from: string, to: string) => number | undefined) | undefined): ConvertedBudget | undefined {
  const from = b.currency?.toUpperCase();
  const target = to?.toUpperCase();
  if (!from || !target || from === target || !rate) return undefined;
  const r = rate(from, target);
  if (r === undefined || !(r > 0) || !Number.isFinite(r)) return undefined;
  const unit = 10 ** currencyExponent(target);
  const conv = (v: number | undefined) => (v === undefined ? undefined : Math.round(v * r * unit) / unit);
  const min = conv(b.min);
  const max = conv(b.max);
  return {
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    currency: target,
    ...(b.approximate ? { approximate: true } : {}),
    text: b.text,
    estimated: true,
    stated: { ...(b.min !== undefined ? { min: b.min } : {}), ...(b.max !== undefined ? { max: b.max } : {}), currency: from },
    rate: r,
  };
}
