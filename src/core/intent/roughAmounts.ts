/**
 * Round amounts said roughly, in English: "a couple hundred dollars max", "under a couple hundred
 * bucks", "I've got a couple of hundred quid", "at least a couple thousand". "A couple" is two, so these
 * are 200 and 2,000: the shopper's money, read as budget.ts reads any approximate amount (an upper
 * bound without a floor, or a floor after "at least"). amountWords.ts leaves them as words, since
 * "a couple hundred" alone is a guess; here it counts only with money around it: a currency after it,
 * or a word of spending, capping or having before or after it ("max", "under", "budget", "got").
 * "a couple hundred reviews", "a couple of dollars" (no round unit) are no budget. Pure.
 */

/** An amount said roughly, with its span in the text read. */
export interface RoughAmount {
  readonly start: number;
  readonly end: number;
  readonly amount: number;
  /** The currency word after it, as written (folded): "dollars", "bucks", "quid". */
  readonly currency?: string;
  /** `min` after "at least" / before "or more"; `max` otherwise. */
  readonly bound: 'min' | 'max';
}

/** The round units "a couple" counts, as words or as amountWords.ts may have rewritten them ("a couple of 100"). */
const UNITS: Readonly<Record<string, number>> = { hundred: 100, '100': 100, thousand: 1000, '1000': 1000, grand: 1000, k: 1000 };

const MIN_CUE = '(?:at least|at the least|over|more than|upwards of|no less than|starting at)';
const CAP_CUE =
  '(?:under|below|up to|at most|max(?:imum)?|no more than|less than|within|budget(?: is| of)?|spend|spending|pay|around|about|roughly|maybe|only|just|got)';
const CURRENCY = '(?:dollars?|bucks|quid|pounds?|euros?|pesos?|usd|eur|gbp|cad|aud)';
const AFTER_MAX = '(?:max(?:imum)?|tops|or less|at most|at the most|or so|ish)';
const AFTER_MIN = '(?:or more|and up|and above|plus)';

/** What may follow an amount without a currency: the end of a phrase, or a word that is not what it counts. */
const NOT_COUNTED = /^\s*(?:$|[,.;:!?)]|(?:to|for|on|and|but|please|so|or|i|we|total|in total)(?![\p{L}]))/u;

const ROUGH = new RegExp(
  `(?<![\\p{L}])(?:(${MIN_CUE})|(${CAP_CUE}))?\\s*(?:a\\s+)?couple(?:\\s+of)?\\s+(hundred|thousand|grand|100|1000|k)(?:\\s+(${CURRENCY}))?(?:\\s+(${AFTER_MIN})|\\s+(${AFTER_MAX}))?(?![\\p{L}\\p{N}])`,
  'gu',
);

/** The rough amounts of `folded` (text.ts `fold`, amounts spelled by amountWords.ts) that money surrounds. */
export function findRoughAmounts(folded: string): RoughAmount[] {
  const out: RoughAmount[] = [];
  for (const m of folded.matchAll(ROUGH)) {
    const [, min, cap, unit, currency, minAfter, maxAfter] = m;
    if (!min && !cap && !currency && !minAfter && !maxAfter) continue;
    // Without a currency, what follows must not be what is counted ("under a couple hundred reviews").
    if (!currency && !NOT_COUNTED.test(folded.slice((m.index ?? 0) + m[0].length))) continue;
    const start = (m.index ?? 0) + (m[0].length - m[0].trimStart().length);
    out.push({
      start,
      end: (m.index ?? 0) + m[0].length,
      amount: 2 * (UNITS[unit as string] ?? 0),
      ...(currency ? { currency } : {}),
      bound: min || minAfter ? 'min' : 'max',
    });
  }
  return out;
}
