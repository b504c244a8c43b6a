/**
 * Rejections: things the shopper rules out ("no leather", "not Nike", "anything but red", "sin cuero",
 * "que no sea de Nike", "nada de poliéster", "excepto rojo", "sugar-free").
 */
import { findBrands, findCategories, type CompiledVocabulary } from './catalogVocabulary.ts';
import { canonicalColour } from './colours.ts';
import { MATERIALS } from './materials.ts';
import { escapeRegExp, singular, tokens, type Token } from './text.ts';
import type { Rejection } from './types.ts';

/** A shopper's words for a material → its canonical name. */
const MATERIAL_FORM = new Map<string, string>();
for (const [k, m] of Object.entries(MATERIALS)) for (const f of [...m.forms, ...(m.spoken ?? [])]) MATERIAL_FORM.set(f, k);

/** Folded words that cannot be a rejected thing ("no rush", "sin embargo", "not sure"). */
const NOT_A_VALUE = new Set([
  'rush', 'hurry', 'prisa', 'problem', 'problems', 'problema', 'problemas', 'embargo', 'duda', 'dudas', 'doubt', 'idea', 'clue',
  'limit', 'limite', 'worries', 'worry', 'question', 'pregunta', 'preguntas', 'falta', 'mas', 'more', 'menos', 'less', 'importar',
  'sure', 'ready', 'yet', 'todavia', 'aun', 'really', 'too', 'so', 'very', 'that', 'this', 'it', 'much', 'mucho', 'mucha', 'muy',
  'thanks', 'thank', 'gracias', 'me', 'te', 'se', 'lo', 'la', 'le', 'nada', 'nothing', 'anything', 'one', 'uno', 'una', 'se',
  'tengo', 'tienen', 'hay', 'se', 'es', 'is', 'are', 'am', 'was', 'matter', 'way', 'manera', 'forma', 'expensive', 'caro', 'cara',
  'gastar', 'pagar', 'esperar', 'pensar', 'salir', 'tener', 'saber', 'comprar', 'pasar', 'usar', 'costar', 'mirar', 'ver',
  'breaking', 'spending', 'paying', 'waiting', 'thinking', 'looking', 'buying', 'knowing', 'being', 'having', 'compromiso',
  'compromise', 'obligation', 'cargo', 'costo', 'coste', 'cost', 'charge', 'fee', 'fees', 'shipping', 'envio', 'interest',
  'intereses', 'intereses', 'exception', 'excepcion', 'receipt', 'recibo', 'ticket', 'stock', 'existencias', 'luck', 'suerte',
  'se', 'si', 'yes', 'ok', 'okay', 'hay', 'puedo', 'can', 'will', 'would', 'should', 'need', 'want', 'quiero', 'necesito',
  'busco', 'se', 'cuanto', 'how', 'what', 'which', 'cual', 'que', 'como', 'where', 'donde', 'when', 'cuando', 'just', 'solo',
]);
/** Folded words that end a rejected phrase. */
const STOP = new Set([
  'but', 'pero', 'because', 'porque', 'please', 'pls', 'plz', 'since', 'thanks', 'thank', 'gracias', 'i', 'yo', 'we', 'for',
  'para', 'that', 'which', 'as', 'so', 'if', 'si', 'then', 'also', 'tambien', 'just', 'only', 'solo', 'por', 'favor', 'it',
  'they', 'ellos', 'in', 'at', 'on', 'under', 'below', 'over', 'around', 'between', 'entre', 'hasta', 'menos', 'mas', 'less',
  'more', 'than', 'with', 'con', 'from', 'desde', 'size', 'talla', 'que', 'ya', 'is', 'are', 'es', 'son', 'this', 'time',
  'vez', 'again', 'otra', 'anymore', 'today', 'hoy', 'tomorrow', 'manana', 'budget', 'presupuesto', 'either', 'tampoco',
  'too', 'esta', 'este', 'estos', 'estas', 'these', 'those', 'my', 'mi', 'mis', 'your', 'tu', 'su', 'to', 'a', 'al',
]);
const CONJ = new Set(['or', 'and', 'nor', 'o', 'y', 'ni', 'u', 'e']);
/** Leading filler dropped from a value ("any leather" → "leather", "de la marca Nike" → "nike"). */
const FILLER = new Set([
  'any', 'anything', 'a', 'an', 'the', 'made', 'of', 'in', 'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'de', 'del',
  'en', 'color', 'colour', 'colored', 'coloured', 'hecho', 'hecha', 'hechos', 'hechas', 'marca', 'brand', 'material', 'nada',
  'ningun', 'ninguna', 'ninguno', 'real', 'genuine', 'stuff', 'cosas', 'cosa', 'products', 'productos', 'items', 'by',
  'ese', 'esa', 'eso', 'tipo', 'kind', 'type', 'much', 'mucho', 'too', 'demasiado', 'so', 'tan', 'lo',
]);

/** Trigger patterns. `any`: any noun phrase after it is rejected; `known`: only a known material/colour/brand/category. */
const ANY = [
  'anything but', 'anything except', 'anything other than', 'everything but', 'everything except', 'except for', 'except',
  'other than', 'apart from', 'instead of', 'rather than', 'nothing in', 'nothing made of', 'nothing made from', 'nothing with',
  'nothing from', 'nothing by', 'nothing that is', 'without any', 'without', 'w/o', "i do not want any", "i don't want any",
  'i dont want any', 'do not want', "don't want", 'dont want', 'do not like', "don't like", 'dont like', 'i hate', 'hate',
  'avoid', 'avoiding', 'allergic to', 'not a fan of', 'not into', 'not looking for', 'not interested in', 'not made of',
  'not made from', 'no more', 'non', 'not in', 'skip the', 'steer clear of', 'keep away from',
  'cualquier cosa menos', 'cualquier cosa excepto', 'cualquier cosa salvo', 'cualquier cosa que no sea', 'todo menos',
  'excepto', 'salvo', 'menos', 'que no sea de', 'que no sean de', 'que no sea', 'que no sean', 'que no tenga', 'que no tengan',
  'que no lleve', 'que no lleven', 'que no este hecho de', 'que no esten hechos de', 'que no este hecha de', 'nada de',
  'nada en', 'nada con', 'nada que sea de', 'nada hecho de', 'sin nada de', 'sin', 'no quiero nada de', 'no quiero',
  'no me gusta el', 'no me gusta la', 'no me gustan los', 'no me gustan las', 'no me gusta', 'no me gustan', 'odio', 'evitar',
  'evito', 'libre de', 'libres de', 'alergico a', 'alergica a', 'alergico al', 'alergica al', 'no busco', 'en vez de',
  'en lugar de', 'no soporto',
];
const KNOWN = ['but not', 'not', 'no', 'ni', 'nor', 'never', 'nunca'];
/** "leather-free", "sugar free", "libre de gluten" (the last handled by ANY). */
const FREE_RE = /(?<![\p{L}])([\p{L}]+)[- ]free(?![\p{L}])/gu;
const FREE_OK = new Set([
  'sugar', 'gluten', 'lactose', 'dairy', 'fragrance', 'scent', 'paraben', 'parabens', 'sulfate', 'sulfates', 'sulphate',
  'plastic', 'bpa', 'nickel', 'alcohol', 'oil', 'nut', 'soy', 'latex', 'leather', 'fur', 'cruelty', 'silicone', 'phthalate',
  'caffeine', 'wheat', 'egg', 'meat', 'animal', 'toxin', 'chemical', 'gmo', 'wool', 'lead', 'perfume',
]);

const TRIGGER_RE = new RegExp(
  `(?<![\\p{L}])(${[...ANY.map((t) => ({ t, k: 'any' })), ...KNOWN.map((t) => ({ t, k: 'known' }))]
    .sort((a, b) => b.t.length - a.t.length)
    .map((x) => escapeRegExp(x.t).replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}])[\\s-]*`,
  'gu',
);
const KNOWN_SET = new Set(KNOWN);

/** A rejection with the folded-text span of its value (to mask it from positive entities). */
export interface RejectionMatch extends Rejection {
  readonly start: number;
  readonly end: number;
}

function materialOf(phrase: string): string | undefined {
  return MATERIAL_FORM.get(phrase) ?? MATERIAL_FORM.get(phrase.split(' ').map(singular).join(' '));
}

/** Types one rejected phrase; undefined when it is not a plausible thing to reject. */
function classify(
  toks: readonly Token[],
  vocab: CompiledVocabulary,
  original: string,
  mode: 'any' | 'known',
): Rejection | undefined {
  const phrase = toks.map((t) => t.w).join(' ');
  const brand = findBrands(toks, vocab, original);
  if (brand.length > 0 && brand[0]?.from === 0) return { kind: 'brand', value: brand[0].values[0] as string };
  const material = materialOf(phrase);
  if (material) return { kind: 'material', value: material };
  const colour = canonicalColour(phrase);
  if (colour) return { kind: 'colour', value: colour };
  const cats = findCategories(toks, vocab);
  if (cats.length > 0 && cats[0]?.from === 0 && cats[0].to === toks.length) return { kind: 'category', value: cats[0].values[0] as string };
  // A capitalised word that is not sentence-initial reads as a brand ("not Nike", "que no sea de Adidas").
  const t0 = toks[0] as Token;
  const first = original.slice(t0.start, t0.start + 1);
  if (first !== first.toLowerCase() && t0.start > 0 && toks.length <= 3) return { kind: 'brand', value: original.slice(t0.start, (toks.at(-1) as Token).end) };
  if (mode === 'known') return undefined;
  if (NOT_A_VALUE.has(phrase) || NOT_A_VALUE.has(t0.w) || /^\d/.test(t0.w) || /(?:ing|ando|iendo)$/.test(t0.w)) return undefined;
  return { kind: 'term', value: phrase };
}

/**
 * Finds rejections in folded text (`original` is the NFC text it was folded from, used for
 * capitalisation). Returns them in order with the spans of the rejected phrases.
 */
export function findRejections(folded: string, original: string, vocab: CompiledVocabulary): RejectionMatch[] {
  const toks = tokens(folded);
  const out: RejectionMatch[] = [];
  const push = (r: Rejection | undefined, from: number, to: number): boolean => {
    if (!r) return false;
    if (!out.some((o) => o.kind === r.kind && o.value === r.value)) {
      out.push({ ...r, start: (toks[from] as Token).start, end: (toks[to - 1] as Token).end });
    }
    return true;
  };
  let consumedTo = 0;
  for (const m of folded.matchAll(TRIGGER_RE)) {
    const trigger = (m[1] as string).replace(/\s+/g, ' ');
    const at = (m.index ?? 0) + m[0].length;
    if ((m.index ?? 0) < consumedTo) continue;
    // "menos de 50" / "no más de 100" are budgets; "menos" alone only as "anything but".
    const rest = folded.slice(at);
    if (/^(?:de\s+|que\s+)?[\d$€£]/.test(rest) || /^(?:more|mas)\b/.test(rest)) continue;
    if (trigger === 'menos' && !/(?:cosa|todo|color|marca|lo que sea|cualquiera)\s+$/.test(folded.slice(0, m.index ?? 0))) continue;
    if (trigger === 'non' && !/^-?\s*\p{L}/u.test(folded.slice((m.index ?? 0) + 3))) continue;
    const mode = KNOWN_SET.has(trigger) ? 'known' : 'any';
    let i = toks.findIndex((t) => t.start >= at);
    if (i < 0) continue;
    // Phrases separated by or/and/ni: the first after the trigger, then more while they are known things.
    let first = true;
    while (i < toks.length) {
      while (i < toks.length && FILLER.has((toks[i] as Token).w)) i++;
      let j = i;
      while (j < toks.length && j - i < 4) {
        const w = (toks[j] as Token).w;
        if (STOP.has(w) || CONJ.has(w)) break;
        // Punctuation between tokens ends the phrase.
        if (j > i && /[,.;:!?()]/.test(folded.slice((toks[j - 1] as Token).end, (toks[j] as Token).start))) break;
        j++;
      }
      if (j === i) break;
      // Shorten to the longest prefix that classifies (e.g. "leather shoes" → category/term as a whole, "Nike please" → Nike).
      let ok = false;
      for (let end = j; end > i && !ok; end--) {
        const r = classify(toks.slice(i, end), vocab, original, first ? mode : 'known');
        if (r && (first || r.kind !== 'term')) {
          ok = push(r, i, end);
          consumedTo = (toks[end - 1] as Token).end;
          j = end;
        }
      }
      if (!ok) break;
      first = false;
      // Continue after "or"/"and"/"ni"/"," to the next phrase.
      const gap = j < toks.length ? folded.slice((toks[j - 1] as Token).end, (toks[j] as Token).start) : '';
      if (j < toks.length && CONJ.has((toks[j] as Token).w)) i = j + 1;
      else if (/^\s*,\s*$/.test(gap)) i = j;
      else break;
    }
  }
  for (const m of folded.matchAll(FREE_RE)) {
    const w = m[1] as string;
    if (!FREE_OK.has(w) && !materialOf(w)) continue;
    const idx = toks.findIndex((t) => t.start === m.index);
    if (idx < 0) continue;
    const material = materialOf(w);
    push(material ? { kind: 'material', value: material } : { kind: 'term', value: w }, idx, idx + 1);
  }
  return out.sort((a, b) => a.start - b.start);
}
