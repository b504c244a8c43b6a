/**
 * Rejections: things the shopper rules out ("no leather", "not Nike", "anything but red", "sin cuero",
 * "que no sea de Nike", "nada de poliéster", "excepto rojo", "sugar-free"), also through a negated verb
 * ("a necklace that isn't gold", "jackets that arent leather", "one that doesn't have leather", "I
 * don't wear gold", "una chaqueta que no es de cuero") and "nothing"/"nada" ("nothing black", "pero
 * nada negro"). Rejections are hard filters, so a negation that rules nothing out stays out: a
 * contraction opening a question ("isn't this gold necklace lovely?"), a negation cut off by a comma
 * ("no, black is fine"), what one has ("I have nothing black to wear").
 */
import { compileVocabulary, findBrands, findCategories, type CompiledVocabulary } from './catalogVocabulary.ts';
import { cafeIsBrown, canonicalColour } from './colours.ts';
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
  'en lugar de', 'no soporto', "doesn't like", 'doesnt like', 'does not like', "can't stand", 'cant stand', 'cannot stand',
  'can not stand',
];
/**
 * English negative contractions, with and without the apostrophe (curly ones are folded to "'"):
 * "isn't", "arent", "doesn't", "won't", "can't". They negate like "not".
 */
const NEG_CONTRACTIONS = ['is', 'are', 'was', 'were', 'does', 'do', 'did', 'should', 'would', 'could', 'must', 'ai', 'wo', 'ca', 'has', 'have', 'had']
  .flatMap((aux) => [`${aux}n't`, `${aux}nt`]);
const NEG_CONTRACTION_SET = new Set(NEG_CONTRACTIONS);
/** Bare negators: a known thing right after one (or after a verb of {@link negatedVerb}) is ruled out. */
const NEGATORS = new Set(['not', 'no', 'never', 'nunca', ...NEG_CONTRACTIONS]);
/** "nothing black", "nada negro": a known thing right after "nothing"/"nada" is ruled out. */
const NOTHING = new Set(['nothing', 'nada']);
const KNOWN = ['but not', 'not', 'no', 'ni', 'nor', 'never', 'nunca', 'nothing', 'nada', ...NEG_CONTRACTIONS];
/**
 * Triggers whose value is an attribute of the thing sought, not a thing of its own ("menos los cafés",
 * "ni café", "not brown"): a Spanish "café" after one describes a product named before it.
 */
const ATTRIBUTE_TRIGGERS = new Set([
  ...KNOWN, 'except', 'except for', 'anything but', 'anything except', 'other than', 'excepto', 'salvo', 'menos',
  'cualquier cosa menos', 'cualquier cosa excepto', 'cualquier cosa salvo', 'que no sea', 'que no sean',
]);
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

/** Words that may stand between a subject and its negator ("that does not", "which will never"). */
const AUX = new Set(['do', 'does', 'did', 'will', 'would', 'should', 'could', 'can', 'must', 'may', 'might', 'is', 'are', 'was', 'were', 'has', 'have', 'had']);
/** Words that may open a negative question before its contraction ("so isn't gold nicer?", "why isn't black in stock?"). */
const CLAUSE_OPENERS = new Set(['so', 'but', 'and', 'or', 'well', 'then', 'oh', 'hmm', 'ok', 'okay', 'why', 'also', 'yes', 'yeah']);
/** Relative pronouns: "a jacket *that* doesn't have leather" describes the thing sought. */
const RELATIVE = new Set(['that', 'which', 'who', 'whose', 'que', 'cual', 'cuales']);
/** Words before "nothing"/"nada" that make it a statement of what one has or found ("I have nothing black to wear"). */
const HAVE_NOTHING = new Set([
  'have', 'has', 'had', 'got', 'own', 'owns', 'is', "there's", 'theres', 'found', 'find', 'see', 'saw', 'tengo', 'tenemos',
  'tiene', 'tienen', 'tenia', 'hay', 'habia', 'encuentro', 'encontre', 'veo', 'vi',
]);

/** Copulas a negation may precede the value with ("should not *be* black", "no *es* de cuero", "que no *sean* negros"). */
const NEG_COPULA = /^(?:be|es|son|sea|sean|este|esten|ser|estar|fuera|fueran)(?![\p{L}])[\s-]*/u;
/** Verbs of containing: a rejection only in a relative clause ("one that doesn't have leather", not "I don't have a black sofa"). */
const NEG_CONTAINS =
  /^(?:have|has|contain|contains|include|includes|feature|features|come\s+with|comes\s+with|tenga|tengan|tiene|tienen|contenga|contengan|contiene|contienen|incluya|incluyan|incluye|incluyen)(?![\p{L}])[\s-]*/u;
/** Verbs of wearing and using, said of a person ("I don't wear gold", "she never wears black", "no uso cuero"). */
const NEG_WEARS =
  /^(?:wear|wears|use|uses|buy|buys|uso|usa|usan|usamos|llevo|lleva|llevan|llevamos|compro|me\s+pongo|se\s+pone|se\s+ponen)(?![\p{L}])[\s-]*/u;
/** "made from/out of/with" ("isn't made from plastic"; "made of" is filler). */
const NEG_MADE = /^(?:made|hecho|hecha|hechos|hechas)\s+(?:from|out\s+of|with|con)(?![\p{L}])[\s-]*/u;
/** After "don't want"/"no quiero": "… it to be black", "… que sea negro". */
const WANT_TO_BE = /^(?:(?:(?:it|them|this|that|one|ones)\s+)?to\s+be|que\s+(?:sea|sean|tenga|tengan|lleve|lleven|este|esten))(?![\p{L}])[\s-]*/u;
const WANT_TRIGGERS = new Set(["i do not want any", "i don't want any", 'i dont want any', 'do not want', "don't want", 'dont want', 'no quiero']);

/**
 * How many characters of `rest` (the folded text right after a negator) are verbs between the
 * negation and the thing negated: a copula ("not be", "no es", "isn't made from"), a verb of
 * containing in a relative clause (`relative`: "that doesn't have") or a verb of wearing.
 */
function negatedVerb(rest: string, relative: boolean): number {
  let at = 0;
  for (const re of [NEG_COPULA, NEG_MADE]) {
    const m = re.exec(rest.slice(at));
    if (m) at += m[0].length;
  }
  if (at > 0) return at;
  const m = (relative ? NEG_CONTAINS.exec(rest) : null) ?? NEG_WEARS.exec(rest);
  return m ? m[0].length : 0;
}

/** The synonym table alone, for a kind the shop's vocabulary lacks ("ni collar ni pendientes" in a shop without earrings). */
const TABLE = compileVocabulary(undefined);

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
  folded: string,
  attribute: boolean,
): Rejection | undefined {
  const phrase = toks.map((t) => t.w).join(' ');
  const t0 = toks[0] as Token;
  const brand = findBrands(toks, vocab, original);
  if (brand.length > 0 && brand[0]?.from === 0) return { kind: 'brand', value: brand[0].values[0] as string };
  // "que no sean cafés", "cualquier cojín menos los cafés": the colour brown, not the drink (colours.ts).
  if (toks.length === 1 && /^cafes?$/.test(t0.w) && cafeIsBrown(folded, t0.start, t0.end, attribute)) return { kind: 'colour', value: 'brown' };
  const material = materialOf(phrase);
  if (material) return { kind: 'material', value: material };
  const colour = canonicalColour(phrase);
  if (colour) return { kind: 'colour', value: colour };
  const whole = (v: CompiledVocabulary) => findCategories(toks, v).find((c) => c.from === 0 && c.to === toks.length);
  const cat = whole(vocab);
  if (cat) return { kind: 'category', value: cat.values[0] as string };
  // A kind the shop lacks, in the shopper's words, as positive kinds are (entities.ts groundedCategories).
  if (vocab.hasTaxonomy && whole(TABLE)) return { kind: 'category', value: original.slice(t0.start, (toks.at(-1) as Token).end).toLowerCase() };
  // A capitalised word that is not sentence-initial reads as a brand ("not Nike", "que no sea de Adidas").
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
    const from = m.index ?? 0;
    let at = from + m[0].length;
    if (from < consumedTo) continue;
    // "menos de 50" / "no más de 100" are budgets; "menos" alone only as "anything but".
    const rest = folded.slice(at);
    if (/^(?:de\s+|que\s+)?[\d$€£]/.test(rest) || /^(?:more|mas)\b/.test(rest)) continue;
    const before = folded.slice(0, from);
    let mode: 'any' | 'known' = KNOWN_SET.has(trigger) ? 'known' : 'any';
    if (trigger === 'menos') {
      // "cualquier cosa menos", "todos menos", "cualquier collar menos los dorados": anything but; "collares,
      // menos los dorados": but not the known thing after the article; "menos caro" compares.
      if (/(?:cosa|cosas|todo|todos|todas|color|colores|marca|marcas|lo que sea|cualquiera|cualquier\s+\p{L}+(?:\s+\p{L}+)?)[\s,]*$/u.test(before)) mode = 'any';
      else if (/^(?:el|la|los|las|lo)\s/.test(rest)) mode = 'known';
      else continue;
    }
    if (trigger === 'non' && !/^-?\s*\p{L}/u.test(folded.slice(from + 3))) continue;
    if (mode === 'known') {
      // "no, black is fine", "not sure, maybe gold": a negation cut off by punctuation answers, it rules nothing out.
      if (/^[,.;:!?()]/.test(rest)) continue;
      const prev = [...before.matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?|[.!?;,:¿¡(]/gu)].map((x) => x[0]);
      // "Isn't this gold necklace lovely?", "Don't you have it in black?": a contraction opening a
      // clause asks a question; only after a subject does it negate ("a necklace that isn't gold").
      const last = prev.at(-1);
      if (NEG_CONTRACTION_SET.has(trigger) && (last === undefined || /^[.!?;,:¿¡(]$/.test(last) || CLAUSE_OPENERS.has(last))) continue;
      // "I have nothing black to wear", "no hay nada negro": what one has, not what one refuses.
      if (NOTHING.has(trigger) && last !== undefined && HAVE_NOTHING.has(last)) continue;
      if (NEGATORS.has(trigger)) {
        // The subject before the negation, past auxiliaries ("that does not have" → "that").
        let k = prev.length - 1;
        while (k >= 0 && AUX.has(prev[k] as string)) k--;
        let c = prev.length - 1;
        while (c >= 0 && !/^[.!?;]$/.test(prev[c] as string)) c--;
        // "¿no es de cuero?" asks; "no es de cuero" says.
        at += prev.slice(c + 1).includes('¿') ? 0 : negatedVerb(rest, k >= 0 && RELATIVE.has(prev[k] as string));
      }
    } else if (WANT_TRIGGERS.has(trigger)) {
      const w = WANT_TO_BE.exec(rest);
      if (w) at += w[0].length;
    }
    const attribute = ATTRIBUTE_TRIGGERS.has(trigger);
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
        const r = classify(toks.slice(i, end), vocab, original, first ? mode : 'known', folded, attribute);
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
