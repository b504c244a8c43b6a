/**
 * Amounts not written as plain digits, rewritten as digits so the budget patterns (budget.ts) read them
 * like any other number:
 *
 * - English and Spanish number words: "fifty", "a hundred and fifty", "fifteen hundred", "two thousand",
 *   "cien", "doscientos", "treinta y cinco", "dos mil quinientos", "medio millón", "un millón y medio".
 *   Words are only rewritten when they read as an amount: a value of 20 or more, a multiplier, or a
 *   currency right after ("ten dollars"); so "more than once", "menos de cinco minutos", "two for one",
 *   "dos o tres" stay words. An article alone ("a", "un", "una") is never a number.
 * - Multipliers after digits: "50 mil", "50mil", "1,5 millones", "2.5 million", "50 thousand", "2 mil 500".
 *   "2 millones de pesos" drops the "de" so the currency reads as the amount's. In a range the first
 *   bound takes the second's multiplier when it is not bigger: "entre 20 y 30 mil" = 20,000–30,000, but
 *   "de 500 a 2 mil" = 500–2,000.
 * - Money slang, which also says the currency: Argentine/Chilean/Colombian/Uruguayan "lucas" (thousands)
 *   and "palos" (millions) and Colombian "barras" (thousands) only in a market where they are money
 *   (the hint's currency, which they then name); Mexican "varos"/"baros" (pesos, MXN); English "grand"
 *   (thousands, of the hint's currency or unnamed: `¤`, the generic currency sign). Followed by "de …"
 *   (and "palos"/"barras" by "para …", "con …") they are things, not money ("2 palos de golf", "barras
 *   de chocolate"), and "barras" counts from 5 (5,000 COP) so that "2 barras" stays a quantity. Outside
 *   their markets "lucas", "palos" and "barras" are left as words, and budget.ts reads them as not money
 *   rather than guess a currency.
 *
 * The rewrite works on folded text (text.ts `fold`) and keeps a map back to it, so a budget's span
 * still quotes the shopper's own words ("hasta 50 mil pesos", not "hasta 50000 pesos").
 */

/** Folded text with amounts rewritten as digits, and the way back to spans of the input. */
export interface SpelledAmounts {
  readonly text: string;
  /** The span of the input that `text.slice(start, end)` was written from. */
  span(start: number, end: number): readonly [number, number];
}

/** Options for {@link spellAmounts}. */
export interface SpellOptions {
  /** The shopper's currency (ISO 4217, resolved from the market), for slang that means local money. */
  readonly currency?: string;
  /**
   * Matches a currency right after a number ("dollars", "€"): number words under 20 count only then,
   * and any other word after an amount is what it counts ("twenty miles"), so the amount is left alone.
   */
  readonly moneyAfter: RegExp;
}

type Kind = 'unit' | 'teen' | 'tens' | 'tensEn' | 'hund' | 'cien' | 'hundred' | 'scale' | 'article' | 'half';

/** Folded number words → value and role. */
const WORDS: ReadonlyMap<string, { readonly v: number; readonly k: Kind }> = new Map([
  ...(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const).map((w, i) => [w, { v: i + 1, k: 'unit' as Kind }] as const),
  ...(['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'] as const).map((w, i) => [w, { v: i + 10, k: 'teen' as Kind }] as const),
  ...(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'] as const).map((w, i) => [w, { v: (i + 2) * 10, k: 'tensEn' as Kind }] as const),
  ['hundred', { v: 100, k: 'hundred' }],
  ['thousand', { v: 1e3, k: 'scale' }],
  ['million', { v: 1e6, k: 'scale' }],
  ['a', { v: 1, k: 'article' }],
  ['un', { v: 1, k: 'article' }],
  ['una', { v: 1, k: 'article' }],
  ...(['uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'] as const).map((w, i) => [w, { v: i + 1, k: 'unit' as Kind }] as const),
  ...(['diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciseis', 'diecisiete', 'dieciocho', 'diecinueve'] as const).map((w, i) => [w, { v: i + 10, k: 'teen' as Kind }] as const),
  ...(['veintiuno', 'veintidos', 'veintitres', 'veinticuatro', 'veinticinco', 'veintiseis', 'veintisiete', 'veintiocho', 'veintinueve'] as const).map((w, i) => [w, { v: i + 21, k: 'teen' as Kind }] as const),
  ['veintiun', { v: 21, k: 'teen' }],
  ['veintiuna', { v: 21, k: 'teen' }],
  ...(['veinte', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'] as const).map((w, i) => [w, { v: (i + 2) * 10, k: 'tens' as Kind }] as const),
  ['cien', { v: 100, k: 'cien' }],
  ['ciento', { v: 100, k: 'hund' }],
  ...(['dos', 'tres', 'cuatro', 'quinien', 'seis', 'sete', 'ocho', 'nove'] as const).flatMap((stem, i) => {
    const base = stem === 'quinien' ? 'quinient' : `${stem}cient`;
    return [`${base}os`, `${base}as`].map((w) => [w, { v: (i + 2) * 100, k: 'hund' as Kind }] as const);
  }),
  ['mil', { v: 1e3, k: 'scale' }],
  ['millon', { v: 1e6, k: 'scale' }],
  ['millones', { v: 1e6, k: 'scale' }],
  ['medio', { v: 0.5, k: 'half' }],
]);

/** Slang that multiplies an amount and names its currency; `in` lists the currencies where it is money. */
const SLANG: ReadonlyMap<string, { readonly mult: number; readonly in?: ReadonlySet<string>; readonly currency?: string; readonly minimum?: number; readonly things: RegExp }> = (() => {
  const southern = new Set(['ARS', 'CLP', 'COP', 'UYU']);
  const ofThing = /^\s+(?:de|del)\s+(?!pesos\b)\p{L}/u;
  const forThing = /^\s+(?:de|del|para|con|sin|en|of|for)\s+(?!pesos\b)\p{L}/u;
  const grandThing = /^\s+(?!(?:or|max|maximum|tops|ish|at|for|please|and|budget|is|total|dollars?|bucks|pounds?|quid|euros?|range|price|or so)\b)\p{L}/u;
  const m = new Map<string, { mult: number; in?: ReadonlySet<string>; currency?: string; minimum?: number; things: RegExp }>();
  for (const w of ['luca', 'lucas', 'luquita', 'luquitas', 'luka', 'lukas']) m.set(w, { mult: 1e3, in: southern, things: ofThing });
  for (const w of ['palo', 'palos']) m.set(w, { mult: 1e6, in: southern, things: forThing });
  for (const w of ['barra', 'barras']) m.set(w, { mult: 1e3, in: new Set(['COP']), minimum: 5, things: forThing });
  for (const w of ['varo', 'varos', 'baro', 'baros']) m.set(w, { mult: 1, currency: 'MXN', things: ofThing });
  m.set('grand', { mult: 1e3, currency: '¤', things: grandThing });
  return m;
})();

/** The money slang words ("lucas", "luquitas", "palos", "varos"): never read as anything else, a diminutive of a kind included. */
export const MONEY_SLANG: ReadonlySet<string> = new Set(SLANG.keys());

/**
 * Words that may follow an amount without a currency ("under fifty for my mom", "de veinte a treinta").
 * Any other word after it is what is counted ("about twenty miles", "unos veinte aparatos", "un millón
 * de gracias"), and the amount is left as written.
 */
const FOLLOW_OK = new Set([
  'for', 'para', 'or', 'o', 'u', 'and', 'y', 'e', 'to', 'a', 'al', 'hasta', 'please', 'pls', 'porfa', 'por', 'max', 'maximum', 'maximo', 'tops',
  'ish', 'at', 'each', 'apiece', 'cada', 'mas', 'menos', 'but', 'pero', 'con', 'with', 'in', 'en', 'total', 'que', 'if', 'si', 'so', 'como',
  'aprox', 'aproximadamente', 'approx', 'approximately', 'plus', 'minimo', 'minimum', 'then', 'luego', 'is', 'es', 'would', 'will',
]);

/** Words joining the bounds of a range, before a bound that carries a multiplier ("20 y 30 mil"). */
const RANGE_JOIN = new Set(['y', 'a', 'al', 'hasta', 'to', 'and', 'o', 'or']);

interface Tok {
  readonly s: string;
  readonly start: number;
  readonly end: number;
  readonly digits: boolean;
}

/** A number phrase read from tokens `from`..`to` (exclusive). */
interface Phrase {
  readonly from: number;
  readonly to: number;
  readonly value: number;
  /** The multiplier the phrase ends with ("30 mil": 1000) and the amount before it (30). */
  readonly scale?: number;
  readonly preScale?: number;
  readonly hasScale: boolean;
  readonly hasDigits: boolean;
  /** Ends with "millón(es)"/"million" or "millón y medio": "de" may join it to its currency. */
  readonly endsMillion: boolean;
  readonly articleOnly: boolean;
}

/** A simple decimal before a multiplier: "50", "1,5", "2.5" (not "50.000": that is a whole amount). */
function decimal(s: string): number | undefined {
  return /^\d+(?:[.,]\d{1,2})?$/.test(s) ? Number(s.replace(',', '.')) : undefined;
}

/** What may follow an article: "a" reads as one only before an English multiplier, "un"/"una" before a Spanish one. */
const AFTER_ARTICLE: Readonly<Record<string, ReadonlySet<string>>> = {
  a: new Set(['hundred', 'thousand', 'million']),
  un: new Set(['millon']),
  una: new Set([]),
};

/** Reads the longest number phrase starting at token `i`, or undefined. */
function readPhrase(toks: readonly Tok[], i: number, text: string): Phrase | undefined {
  let total = 0;
  let group = 0;
  let stage: 'empty' | 'article' | 'digits' | 'units' | 'tens' | 'tensEn' | 'hund' | 'half' | 'done' = 'empty';
  let lastScale = Infinity;
  let hasScale = false;
  let hasDigits = false;
  let scale: number | undefined;
  let preScale: number | undefined;
  let pending: 'and' | 'y' | undefined;
  let best: Phrase | undefined;
  // The phrase as it stood before a joining "and"/"y" or a group of digits after a multiplier: where to
  // fall back when the next number word shows they began another number ("a hundred and two hundred").
  let fallback: Phrase | undefined;
  for (let j = i; j < toks.length; j++) {
    const t = toks[j] as Tok;
    const w = t.digits ? undefined : WORDS.get(t.s);
    if (j > i) {
      const prev = toks[j - 1] as Tok;
      const gap = text.slice(prev.end, t.start);
      const glued = gap === '' && prev.digits && w?.k === 'scale';
      if (!/^\s+$/.test(gap) && !(gap === '-' && stage === 'tensEn') && !glued) break;
    } else if (t.digits && /[\p{L}\p{N}.,]/u.test(text[t.start - 1] ?? '')) return undefined;
    let ok = true;
    if (stage === 'article' && !(w && AFTER_ARTICLE[(toks[i] as Tok).s]?.has(t.s))) ok = false;
    else if (pending) {
      if (pending === 'y' && stage === 'tens' && (w?.k === 'unit' || t.s === 'un' || t.s === 'una')) {
        group += w?.k === 'unit' ? w.v : 1;
        stage = 'units';
      } else if (pending === 'y' && stage === 'empty' && lastScale === 1e6 && t.s === 'medio') {
        total += 5e5;
        stage = 'done';
      } else if (pending === 'and' && (w?.k === 'unit' || w?.k === 'teen' || w?.k === 'tensEn')) {
        group += w.v;
        stage = w.k === 'tensEn' ? 'tensEn' : 'units';
      } else ok = false;
      if (ok) pending = undefined;
    } else if (t.digits) {
      const v = decimal(t.s);
      if (v !== undefined && j === i) {
        group = v;
        stage = 'digits';
      } else if (v !== undefined && stage === 'empty' && hasScale && /^\d{1,3}$/.test(t.s) && v < lastScale) {
        fallback = best;
        group = v;
        stage = 'digits';
      } else ok = false;
      hasDigits ||= ok;
    } else if (!w) ok = false;
    else {
      switch (w.k) {
        case 'article':
          if (j === i) {
            group = 1;
            stage = 'article';
          } else if (stage === 'hund' && t.s !== 'a') {
            group += 1; // "ciento un mil"
            stage = 'units';
          } else ok = false;
          break;
        case 'unit':
          if (stage === 'empty' || stage === 'hund' || stage === 'tensEn') {
            group += w.v;
            stage = 'units';
          } else ok = false;
          break;
        case 'teen':
        case 'tens':
        case 'tensEn':
          if (stage === 'empty' || stage === 'hund') {
            group += w.v;
            stage = w.k === 'teen' ? 'units' : w.k;
          } else ok = false;
          break;
        case 'hund':
        case 'cien':
          if (stage === 'empty') {
            group += w.v;
            stage = w.k === 'cien' ? 'units' : 'hund';
          } else ok = false;
          break;
        case 'hundred':
          if ((stage === 'article' || stage === 'units' || stage === 'tensEn' || stage === 'digits') && group >= 1 && group < 100 && Number.isInteger(group)) {
            group *= 100;
            stage = 'hund';
            hasScale ||= hasDigits;
          } else if (stage === 'empty' && j === i && !/^(?:couple|few|several|par)$/.test(toks[i - 1]?.s ?? '')) {
            // "hundred dollars", but not "a couple hundred" (a guess, not an amount).
            group = 100;
            stage = 'hund';
          } else ok = false;
          break;
        case 'half':
          if (j === i) {
            group = 0.5;
            stage = 'half';
          } else ok = false;
          break;
        case 'scale':
          if (w.v < lastScale && stage !== 'done' && (stage !== 'half' || w.v === 1e6) && (stage !== 'empty' || j === i || w.v === 1e3)) {
            const mult = stage === 'empty' ? 1 : group;
            total += mult * w.v;
            scale = w.v;
            preScale = mult;
            group = 0;
            stage = 'empty';
            lastScale = w.v;
            hasScale = true;
          } else ok = false;
          break;
      }
    }
    if (!ok) {
      // "and"/"y" join parts of one number ("a hundred and fifty", "treinta y cinco") or two numbers
      // ("between a hundred and two hundred"): a number word that cannot continue the phrase means the latter.
      const joins = (t.s === 'and' && (stage === 'hund' || (stage === 'empty' && hasScale))) || (t.s === 'y' && (stage === 'tens' || (stage === 'empty' && lastScale === 1e6)));
      if (!pending && joins) {
        pending = t.s === 'and' ? 'and' : 'y';
        fallback = best;
        continue;
      }
      if (fallback && (t.digits || WORDS.has(t.s))) return fallback;
      break;
    }
    if (w?.k !== 'scale') scale = undefined;
    if (stage === 'half') continue;
    best = {
      from: i,
      to: j + 1,
      value: total + group,
      ...(scale !== undefined ? { scale, preScale: preScale as number } : {}),
      hasScale,
      hasDigits,
      endsMillion: lastScale === 1e6 && (stage === 'done' || (stage === 'empty' && scale === 1e6)),
      articleOnly: stage === 'article',
    };
  }
  return best;
}

/** A rewrite of the input span [start, end) as `text`. */
interface Edit {
  start: number;
  end: number;
  text: string;
  readonly firstTok: number;
  readonly lastTok: number;
  value: number;
  readonly scale?: number;
  readonly preScale?: number;
}

function digitsOf(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Whether text may hold anything to rewrite: a digit or a number or slang word (articles only lead into those). */
const MAY_HOLD = new RegExp(
  `\\d|(?<!\\p{L})(?:${[...WORDS.keys(), ...SLANG.keys()].filter((w) => WORDS.get(w)?.k !== 'article').join('|')})(?!\\p{L})`,
  'u',
);

/** Rewrites number words, multipliers and money slang in folded text as digits (see the file comment). */
export function spellAmounts(folded: string, opts: SpellOptions): SpelledAmounts {
  if (!MAY_HOLD.test(folded)) return { text: folded, span: (s, e) => [s, e] };
  const toks: Tok[] = [];
  for (const m of folded.matchAll(/\p{L}+|\d+(?:[.,]\d+)*/gu)) {
    const s = m[0];
    toks.push({ s, start: m.index ?? 0, end: (m.index ?? 0) + s.length, digits: /^\d/.test(s) });
  }
  const edits: Edit[] = [];
  for (let i = 0; i < toks.length; ) {
    const p = readPhrase(toks, i, folded);
    if (!p) {
      i++;
      continue;
    }
    const first = toks[p.from] as Tok;
    const last = toks[p.to - 1] as Tok;
    let lastTok = p.to - 1;
    let value = p.value;
    let suffix = '';
    let end = last.end;
    let scale = p.scale;
    let preScale = p.preScale;
    const next = toks[p.to];
    const slang = next && !p.hasScale && /^\s*$/.test(folded.slice(last.end, next.start)) ? SLANG.get(next.s) : undefined;
    const slangCurrency = slang ? (slang.currency ?? (opts.currency && slang.in?.has(opts.currency) ? opts.currency : undefined)) : undefined;
    if (next && slang && slangCurrency && !slang.things.test(folded.slice(next.end)) && value >= (slang.minimum ?? 0)) {
      // "un palo y medio", "luca y media": half as much again.
      const half = /^\s+y\s+medi[oa](?!\p{L})/u.exec(folded.slice(next.end));
      preScale = value + (half ? 0.5 : 0);
      value = preScale * slang.mult;
      scale = slang.mult;
      end = next.end + (half ? half[0].length : 0);
      suffix = ` ${slangCurrency.toLowerCase()}`;
      lastTok = p.to;
    } else {
      // "2 millones de pesos": the currency is the amount's.
      const de = p.endsMillion ? /^\s+de(?=\s+\p{L})/u.exec(folded.slice(end)) : null;
      const rest = folded.slice(end + (de ? de[0].length : 0));
      const money = opts.moneyAfter.test(rest);
      const counted = /^(?:\s+|\s*-\s*)(\p{L}+)/u.exec(rest);
      const amount = p.hasScale || (!p.hasDigits && (value >= 20 || money));
      if (p.articleOnly || !amount || (!money && counted && !FOLLOW_OK.has(counted[1] as string) && !WORDS.has(counted[1] as string))) {
        i++;
        continue;
      }
      if (de) end += de[0].length;
    }
    edits.push({ start: first.start, end, text: digitsOf(value) + suffix, firstTok: p.from, lastTok, value, ...(scale ? { scale, preScale: preScale as number } : {}) });
    i = lastTok + 1;
  }
  // "entre 20 y 30 mil": the first bound shares the second's multiplier when it is not bigger.
  for (const e of [...edits]) {
    if (!e.scale || e.preScale === undefined) continue;
    let k = e.firstTok - 1;
    const gapBefore = (a: number): string => folded.slice((toks[a] as Tok).end, (toks[a + 1] as Tok).start);
    if (k >= 0 && RANGE_JOIN.has((toks[k] as Tok).s) && /^\s+$/.test(gapBefore(k))) k--;
    else if (!(k >= 0 && /^\s*-\s*$/.test(gapBefore(k)))) continue;
    if (k < 0 || !/^\s+$|^\s*-\s*$/.test(gapBefore(k))) continue;
    const prev = edits.find((x) => x.lastTok === k);
    const t = toks[k] as Tok;
    if (prev) {
      if (prev.scale || prev.value > e.preScale || prev.value <= 0) continue;
      prev.value *= e.scale;
      prev.text = digitsOf(prev.value);
    } else {
      // "20 y 30 mil", "dos a tres mil": one token, digits or a word under a hundred.
      const word = WORDS.get(t.s);
      const v = t.digits ? decimal(t.s) : word && ['unit', 'teen', 'tens', 'tensEn'].includes(word.k) ? word.v : undefined;
      if (v === undefined || v > e.preScale || v <= 0 || /[\p{L}\p{N}.,]/u.test(folded[t.start - 1] ?? '')) continue;
      edits.push({ start: t.start, end: t.end, text: digitsOf(v * e.scale), firstTok: k, lastTok: k, value: v * e.scale });
    }
  }
  if (edits.length === 0) return { text: folded, span: (s, e) => [s, e] };
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let pos = 0;
  const keep = (until: number): void => {
    for (; pos < until; pos++) {
      out += folded[pos];
      from.push(pos);
      to.push(pos + 1);
    }
  };
  for (const e of edits) {
    keep(e.start);
    for (const ch of e.text) {
      out += ch;
      from.push(e.start);
      to.push(e.end);
    }
    pos = e.end;
  }
  keep(folded.length);
  return {
    text: out,
    span: (s, e) => [from[s] ?? folded.length, e > s ? (to[e - 1] ?? folded.length) : (from[s] ?? folded.length)],
  };
}
