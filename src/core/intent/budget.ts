/**
 * Budget extraction: "under $50", "between 20 and 40", "$20-$40", "around 60", "menos de 50 €",
 * "hasta 800 pesos", "entre 20 y 40 euros", "no más de 100", "50 bucks", "1.299,99 €".
 */
import type { Budget } from './types.ts';
import { currencyExponent } from '../money.ts';
import { fold } from './text.ts';

/** Market (ISO 3166 alpha-2) → currency, for resolving "$" and "pesos". */
const MARKET_CURRENCY: Readonly<Record<string, string>> = {
  US: 'USD', MX: 'MXN', CA: 'CAD', AU: 'AUD', NZ: 'NZD', GB: 'GBP', UK: 'GBP', JP: 'JPY', AR: 'ARS', CL: 'CLP',
  CO: 'COP', UY: 'UYU', DO: 'DOP', PH: 'PHP', SG: 'SGD', HK: 'HKD', PE: 'PEN', EC: 'USD', PR: 'USD', SV: 'USD',
  ES: 'EUR', DE: 'EUR', FR: 'EUR', IT: 'EUR', PT: 'EUR', NL: 'EUR', BE: 'EUR', IE: 'EUR', AT: 'EUR', FI: 'EUR', GR: 'EUR',
};
/** Currencies written with "$". */
const DOLLAR_SIGN = new Set(['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'ARS', 'CLP', 'COP', 'UYU', 'DOP', 'SGD', 'HKD']);
/** Currencies called "pesos". */
const PESOS = new Set(['MXN', 'ARS', 'CLP', 'COP', 'UYU', 'DOP', 'PHP']);
/** Currencies called "dollars". */
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD']);

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
  if (/^(usd|us\$|us dollars?|dolares americanos)$/.test(t)) return 'USD';
  if (/^(mxn|mx\$|pesos? mexicanos?)$/.test(t)) return 'MXN';
  if (/^(cad|aud|nzd|ars|clp|cop)$/.test(t)) return t.toUpperCase();
  if (/^pesos?$/.test(t)) return hint && PESOS.has(hint) ? hint : 'MXN';
  if (/^(dollars?|bucks|dolares|dolar)$/.test(t)) return hint && DOLLARS.has(hint) ? hint : 'USD';
  if (t === '$') return hint && DOLLAR_SIGN.has(hint) ? hint : undefined;
  return undefined;
}

/**
 * Parses an amount written with either convention: "1,299.99", "1.299,99", "1299", "49,90", "2k".
 * A group of exactly three digits after a single separator is read as thousands ("1.299" = 1299).
 */
export function parseAmount(s: string): number | undefined {
  let t = s.trim().replace(/\s+/g, '');
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

const PRE = '(?:us\\$|mx\\$|\\$|€|£|¥|usd|eur|gbp|mxn|jpy|cad|aud)';
const POST =
  "(?:€|\\$|£|¥|usd|eur|gbp|mxn|jpy|cad|aud|us dollars?|dollars?|bucks|dolares americanos|dolares|dolar|euros?|pounds?|quid|libras?(?: esterlinas?)?|pesos?(?: mexicanos?)?|yenes|yen)";
const NUM = '\\d{1,3}(?:[.,]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?k?';
/** An amount with optional currency before/after; groups: pre, number, post. */
const AMT = `(?:(${PRE})\\s*)?(${NUM})(?:\\s*(${POST})(?![\\p{L}]))?`;
const AMT2 = `(?:(${PRE})\\s*)?(${NUM})(?:\\s*(${POST})(?![\\p{L}]))?`;

/** Units that make a number something other than money ("under 10 years", "de 2 a 3 dias"). */
const NON_MONEY_UNIT =
  /^\s*(?:-?\s*)?(?:years?|yrs?|y\/o|anos|meses|months?|weeks?|semanas?|days?|dias?|hours?|horas?|h\b|min|minutes?|minutos?|cm|mm|m\b|metros?|meters?|km|kg|kilos?|g\b|gr|grams?|gramos?|lbs?|oz|ml|l\b|litros?|liters?|inch(?:es)?|in\b|pulgadas?|"|feet|ft|pies|gb|tb|mb|mah|w\b|watts?|%|x\b|pcs|pieces?|piezas?|units?|unidades?|people|personas?|items?|articulos?|productos?|products?|pairs?|pares|st\b|nd\b|rd\b|th\b|am\b|pm\b|de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))/;
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
  '(?:more than|greater than|over|above|at least|min(?:imum)?|starting at|>=?|≥|mas de|mas que|por encima de|minimo(?: de)?|al menos|a partir de|superior a|arriba de)';
const ABOUT_BEFORE =
  '(?:around|about|approximately|approx\\.?|roughly|circa|~|something like|alrededor de|unos|unas|aproximadamente|aprox\\.?|mas o menos|cerca de|sobre los|en torno a|como unos|como)';
const BUDGET_BEFORE =
  '(?:budget(?: is| of)?|my budget|spend(?: only)?|spending|price range(?: of| is)?|presupuesto(?: de| es)?|gastar|gastarme|pagar|pay)';
const MAX_RE = new RegExp(`(?<![\\p{L}])${MAX_BEFORE}\\s*(?:of|de|:)?\\s*${AMT}`, 'gu');
const MIN_RE = new RegExp(`(?<![\\p{L}])${MIN_BEFORE}\\s*(?:of|de|:)?\\s*${AMT}`, 'gu');
const ABOUT_RE = new RegExp(`(?<![\\p{L}])${ABOUT_BEFORE}\\s*${AMT}`, 'gu');
const BUDGET_RE = new RegExp(`(?<![\\p{L}])${BUDGET_BEFORE}\\s*(?:about|around|unos|:)?\\s*${AMT}`, 'gu');
const MAX_AFTER = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}\\s*(?:max(?:imum)?|or less|tops|at most|at the most|como maximo|maximo|o menos|como mucho)(?![\\p{L}])`, 'gu');
const MIN_AFTER = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}\\s*(?:or more|and up|and above|\\+|plus|o mas|en adelante|para arriba|minimo)(?![\\p{L}])`, 'gu');
const ABOUT_AFTER = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}\\s*(?:ish|or so|aprox(?:imadamente)?|mas o menos|o asi)(?![\\p{L}])`, 'gu');
const BARE = new RegExp(`(?<![\\p{L}\\p{N}.,])${AMT}`, 'gu');

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
 * Reads the shopper's budget from text, or undefined. Amounts are in major units; `currency` is set
 * only when the text or `currencyHint` (ISO 4217 code or ISO 3166 market) makes it unambiguous
 * (a bare "$" without a hint stays undefined; "pesos" without a hint is MXN; "bucks"/"dollars" USD).
 * Bare amounts need a currency ("50 bucks"); bare numbers without one are not budgets.
 */
export function extractBudget(text: string, currencyHint?: string): Budget | undefined {
  const nfc = text.normalize('NFC');
  const folded = fold(nfc);
  const hint = hintCurrency(currencyHint);
  const found: Found[] = [];
  const cur = (...toks: (string | undefined)[]): string | undefined => {
    for (const t of toks) if (t) return currencyOf(t, hint);
    return undefined;
  };
  const take = (re: RegExp, kind: 'range' | 'max' | 'min' | 'about' | 'budget' | 'bare'): void => {
    for (const m of folded.matchAll(re)) {
      const start = m.index ?? 0;
      if (found.some((f) => start < f.end && start + m[0].length > f.start)) continue;
      const c1 = m[1] ?? m[3];
      const a = parseAmount(m[2] as string);
      if (a === undefined) continue;
      if (kind === 'range') {
        const b = parseAmount(m[5] as string);
        const currency = cur(m[1], m[3], m[4], m[6]);
        if (b === undefined || !isMoney(folded, m, !!(m[1] ?? m[3] ?? m[4] ?? m[6]))) continue;
        if (re === DASH && !(m[1] ?? m[3] ?? m[4] ?? m[6]) && !/(?:price|precio|budget|presupuesto|cost|cuesta|pay|pagar|spend|gastar|between|entre)/.test(folded)) continue;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        found.push({ start, end: start + m[0].length, min: lo, max: hi, ...(currency ? { currency } : {}), explicit: true });
        continue;
      }
      const hasCur = !!c1;
      if (kind === 'bare' && !hasCur) continue;
      if (!isMoney(folded, m, hasCur)) continue;
      if (!hasCur && a < 3) continue;
      const currency = cur(m[1], m[3]);
      const base = { start, end: start + m[0].length, ...(currency ? { currency } : {}), explicit: kind !== 'bare' };
      if (kind === 'max' || kind === 'budget' || kind === 'bare') found.push({ ...base, max: a });
      else if (kind === 'min') found.push({ ...base, min: a });
      else found.push({ ...base, min: Math.round(a * 80) / 100, max: Math.round(a * 120) / 100, approximate: true });
    }
  };
  take(BETWEEN, 'range');
  take(DASH, 'range');
  take(MAX_RE, 'max');
  take(MAX_AFTER, 'max');
  take(MIN_AFTER, 'min');
  take(MIN_RE, 'min');
  take(ABOUT_AFTER, 'about');
  take(ABOUT_RE, 'about');
  take(BUDGET_RE, 'budget');
  take(BARE, 'bare');
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
    text: nfc.slice(pick.start, pick.end).trim(),
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
