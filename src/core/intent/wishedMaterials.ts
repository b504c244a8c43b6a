/**
 * Materials and stones a shopper asks FOR ("a leather bracelet", "wooden bowls", "algo de madera",
 * "una pulsera de cuero", "earrings with diamonds", "collar con perlas"): canonical names of
 * `materials.ts`, held as constraints like a colour asked for (entities.ts `materials`).
 *
 * A material word is read as a wish only where it says what the products are made of or set with. Not:
 * - where the shopper rules it out (rejections.ts reads it: "no leather");
 * - where a colour is read (metals that are colours, "gold", "plata", "dorado", "turquoise", stay
 *   colours: the colour machinery holds them, variant by variant, and they are never reported twice);
 * - where "plata" is money or "oro"/"plata" part of a saying (metalSense.ts: "no tengo mucha plata",
 *   "un collar que no cueste mucha plata", "ahorrar plata", "fiebre del oro"), whether or not a colour
 *   was read there;
 * - inside a figure of speech ("the gold standard", "a diamond in the rough": `FIGURATIVE`);
 * - inside a longer name of a kind of product the shop or the synonym table knows (a shop's
 *   "Leather Care" product type: "leather care kit" asks for that kind, not for leather);
 * - as what a product is for: before a care word ("leather care kit", "wood polish"), after one in
 *   Spanish ("limpiador de cuero"), or after "for"/"para" ("a brush for suede");
 * - in a yes/no question about a product ("is it real leather?", "¿es de cuero?"): asked, not wished.
 *
 * The forms read are a material's `forms` and `written` ones ("de piel", "de ante"), and a `compound`
 * word before one of its heads ("a jean jacket": denim, the jacket still the kind): its `spoken` forms
 * alone ("piel" is also skin, "ante" a preposition, "down" a direction) say too little to be a wish. Words are matched as written (folded), so "glasses" is not glass. Pure.
 */
import { CARE_AFTER_EN, CARE_BEFORE_ES, FIGURATIVE, MATERIALS } from './materials.ts';
import { notMetal } from './metalSense.ts';
import { escapeRegExp, mayHoldPhrase, tokens, type Token } from './text.ts';

/** A material asked for, with its span in the folded text. */
export interface WishedMaterial {
  /** Canonical name (`materials.ts` key). */
  readonly material: string;
  readonly start: number;
  readonly end: number;
  /** Token span `[from, to)`. */
  readonly from: number;
  readonly to: number;
}

/** What the caller knows of the same text (spans are char offsets in the folded text). */
export interface WishContext {
  /** A rejection covers the span. */
  readonly masked: (start: number, end: number) => boolean;
  /** A colour was read that overlaps the span. */
  readonly colourAt: (start: number, end: number) => boolean;
  /** A kind of product is named by a longer phrase that covers tokens `[from, to)` ("Leather Care"). */
  readonly inLongerKind: (from: number, to: number) => boolean;
}

/** Folded form (space-joined words) → canonical material; the longest forms are tried first. */
const WISH_FORMS = new Map<string, string>();
for (const [k, m] of Object.entries(MATERIALS)) for (const f of [...m.forms, ...(m.written ?? [])]) if (!WISH_FORMS.has(f)) WISH_FORMS.set(f, k);
const MAX_WORDS = Math.max(...[...WISH_FORMS.keys()].map((f) => f.split(' ').length));
/** A word that is a material only before one of its heads ("jean" + "jacket") → canonical material, per head. */
const COMPOUND_WORDS = new Map<string, Map<string, string>>();
/** The same for a word after its head ("chaqueta vaquera"): word → head → material. */
const AFTER_WORDS = new Map<string, Map<string, string>>();
for (const [k, m] of Object.entries(MATERIALS)) {
  for (const w of m.compound?.words ?? []) for (const h of m.compound?.heads ?? []) COMPOUND_WORDS.set(w, (COMPOUND_WORDS.get(w) ?? new Map()).set(h, k));
  for (const w of m.after?.words ?? []) for (const h of m.after?.heads ?? []) AFTER_WORDS.set(w, (AFTER_WORDS.get(w) ?? new Map()).set(h, k));
}

/** Stones and materials that are also given names ("a gift for Ruby", "Jade's birthday"): read only in lower case. */
const NAME_LIKE = new Set(['ruby', 'jade', 'opal', 'pearl', 'cork']);

/** Whether a text may hold a figure of speech at all (most hold none: `FIGURE` is not run over them). */
const mayHoldFigure = mayHoldPhrase(FIGURATIVE);
const FIGURE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...FIGURATIVE].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/** Spans of the folded text inside a figure of speech ("the gold standard"): neither material nor colour there. */
export function figurativeSpans(folded: string): [number, number][] {
  if (!mayHoldFigure(folded)) return [];
  return [...folded.matchAll(FIGURE)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

/** Determiners and possessives skipped between "for"/"para" and a material ("for *my* suede boots"). */
const FILLER = new Set(['the', 'a', 'an', 'my', 'your', 'our', 'his', 'her', 'their', 'el', 'la', 'los', 'las', 'un', 'una', 'mi', 'mis', 'tu', 'tus', 'su', 'sus']);

/** A yes/no question about a product: an auxiliary and a pronoun or article opening the clause ("is it …?", "are these …?"). */
const QUESTION_EN = /^(?:is|are|was|were|does|do|did|has|have|will|would)\s+(?:it|this|that|they|these|those|the|its|their|this one|that one)\b/;
/** The same in Spanish: a copula opening the clause ("¿es de cuero?", "¿son de plata?", "¿está hecho de madera?"). */
const QUESTION_ES = /^(?:es|son|esta|estan|sera|seran|era|eran)\b/;

/** The clause of the text around `[start, end)` (between sentence marks), and whether it asks a question. */
function clauseAt(folded: string, start: number, end: number): { readonly text: string; readonly question: boolean } {
  let a = start;
  while (a > 0 && !/[.!?;\n¿¡]/.test(folded[a - 1] as string)) a--;
  let b = end;
  while (b < folded.length && !/[.!?;\n]/.test(folded[b] as string)) b++;
  const question = folded[b] === '?' || folded[a - 1] === '¿';
  return { text: folded.slice(a, b).replace(/^[\s,¿¡]+/, ''), question };
}

/** Whether the material at tokens `[from, to)` says what a product is for, not what it is made of. */
function isPurpose(toks: readonly Token[], from: number, to: number): boolean {
  const next = toks[to]?.w;
  if (next !== undefined && CARE_AFTER_EN.has(next)) return true;
  // "limpiador de cuero", "cuidado del cuero", "crema para piel": a care noun, a preposition, maybe an article.
  let i = from - 1;
  if (i >= 0 && FILLER.has((toks[i] as Token).w)) i--;
  const prep = toks[i]?.w;
  if ((prep === 'de' || prep === 'del' || prep === 'para') && CARE_BEFORE_ES.has(toks[i - 1]?.w ?? '')) return true;
  // "a brush for suede", "algo para madera": what it is for; not "looking for a leather bracelet".
  let j = from - 1;
  while (j >= 0 && FILLER.has((toks[j] as Token).w)) j--;
  const before = toks[j]?.w;
  if (before === 'for' && SEEKING.has(toks[j - 1]?.w ?? '')) return false;
  return before === 'for' || before === 'para';
}

/** A stone in the singular, which alone is also a building material ("a stone bench"). */
const STONE_NOUNS = new Set(['stone', 'piedra', 'piedrita', 'piedrota']);
const WITH = new Set(['with', 'con']);
const ONE = new Set(['a', 'an', 'one', 'un', 'una']);

/**
 * A stone set in a jewel, said in the singular after "with"/"con" ("a silver necklace with a blue
 * stone", "con una piedra azul", "with a stone"): at most an article and one word between, and nothing
 * after it but a colour or the end of its phrase.
 */
function setStoneAt(toks: readonly Token[], i: number, folded: string, colourAt: WishContext['colourAt']): boolean {
  if (!STONE_NOUNS.has((toks[i] as Token).w)) return false;
  // Not a stone part of something ("with a stone base"): the word ends its phrase, or a colour follows ("piedra azul").
  const next = toks[i + 1];
  if (next !== undefined && !/[,.;:!?()]/.test(folded.slice((toks[i] as Token).end, next.start)) && !colourAt(next.start, next.end) && !/^(?:and|or|y|o|for|para|in|en|please|porfa|under|hasta|menos|less)$/.test(next.w)) return false;
  let j = i - 1;
  if (j >= 0 && !WITH.has((toks[j] as Token).w) && !ONE.has((toks[j] as Token).w)) j--;
  if (j >= 0 && ONE.has((toks[j] as Token).w)) j--;
  return j >= 0 && WITH.has((toks[j] as Token).w);
}

/** Words before "for" that make what follows the thing sought ("looking for", "shopping for", "go for"). */
const SEEKING = new Set(['looking', 'look', 'looks', 'looked', 'searching', 'search', 'searched', 'shopping', 'shop', 'shopped', 'hunting', 'asking', 'ask', 'asks', 'asked', 'hoping', 'wishing', 'market', 'go', 'going', 'went', 'opt', 'opting', 'opted', 'settle', 'settling', 'settled', 'after']);

/**
 * The materials asked for in `folded` (the NFC text folded; `original` the NFC text, for the case of
 * name-like words), in text order, each read as {@link WishedMaterial}.
 */
/** Words after a material that allow it rather than ask for it ("is fine", "or not", "me da igual"). */
const ALLOWED_AFTER =
  /^\s*(?:(?:is|'s|are|would be|will be)\s+(?:fine|ok|okay|alright|all right|acceptable|allowed)|(?:works|works too|is also fine)(?![\p{L}])|or not(?![\p{L}])|(?:either way|whatever)(?![\p{L}])|(?:does not|doesn't|doesnt) matter|(?:esta|estaria)\s+bien|(?:me|nos)?\s*da igual|o no(?![\p{L}])|no importa|vale tambien|(?:tambien )?sirve)/u;

export function findWishedMaterials(folded: string, original: string, ctx: WishContext, toks: readonly Token[] = tokens(folded)): WishedMaterial[] {
  const figures = figurativeSpans(folded);
  const out: WishedMaterial[] = [];
  for (let i = 0; i < toks.length; ) {
    let found: WishedMaterial | undefined;
    for (let n = Math.min(MAX_WORDS, toks.length - i); n >= 1 && !found; n--) {
      const key = toks.slice(i, i + n).map((t) => t.w).join(' ');
      const material = WISH_FORMS.get(key);
      if (material === undefined) continue;
      found = { material, start: (toks[i] as Token).start, end: (toks[i + n - 1] as Token).end, from: i, to: i + n };
    }
    // "a jean jacket": the first word is the material, the head stays the kind asked for; "una chaqueta
    // vaquera": the word after the head.
    const compound = found ? undefined : (COMPOUND_WORDS.get((toks[i] as Token).w)?.get(toks[i + 1]?.w ?? '') ?? AFTER_WORDS.get((toks[i] as Token).w)?.get(toks[i - 1]?.w ?? ''));
    if (compound !== undefined) found = { material: compound, start: (toks[i] as Token).start, end: (toks[i] as Token).end, from: i, to: i + 1 };
    if (!found && setStoneAt(toks, i, folded, ctx.colourAt)) found = { material: 'gemstone', start: (toks[i] as Token).start, end: (toks[i] as Token).end, from: i, to: i + 1 };
    if (!found) {
      i++;
      continue;
    }
    i = found.to;
    const { start, end, from, to } = found;
    const head = toks[from] as Token;
    if (NAME_LIKE.has(head.w) && /^\p{Lu}/u.test(original.slice(head.start, head.end))) continue;
    if (ctx.masked(start, end) || ctx.colourAt(start, end)) continue;
    if (to - from === 1 && (head.w === 'plata' || head.w === 'oro') && notMetal(folded, head.w, start)) continue;
    if (figures.some(([a, b]) => start < b && end > a)) continue;
    if (ctx.inLongerKind(from, to) || isPurpose(toks, from, to)) continue;
    const clause = clauseAt(folded, start, end);
    if (clause.question && (QUESTION_EN.test(clause.text) || QUESTION_ES.test(clause.text))) continue;
    // Allowed, not wished: "leather is fine", "leather or not, doesn't matter", "el cuero me da igual".
    if (ALLOWED_AFTER.test(folded.slice(end, end + 40))) continue;
    out.push(found);
  }
  return out;
}
