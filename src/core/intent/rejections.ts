/**
 * Rejections: things the shopper rules out ("no leather", "not Nike", "anything but red", "sin cuero",
 * "que no sea de Nike", "nada de poliéster", "excepto rojo", "sugar-free"), also through a negated verb
 * ("a necklace that isn't gold", "jackets that arent leather", "one that doesn't have leather", "I
 * don't wear gold", "una chaqueta que no es de cuero") and "nothing"/"nada" ("nothing black", "pero
 * nada negro"). Rejections are hard filters, so a negation that rules nothing out stays out: a
 * contraction opening a question ("isn't this gold necklace lovely?"), a negation cut off by a comma
 * ("no, black is fine"), what one has ("I have nothing black to wear"), what one knows ("no sé nada
 * de jardinería": a novice, who wants it), a question whether there are none ("oh no rings?").
 *
 * Dislikes count too, said before or after the thing (dislikes.ts: "I'm not sold on the turquoise",
 * "no me late el dorado", "turquoise isn't her thing", "el turquesa no me gusta"), so does a Spanish
 * "no" after the thing ("macetas, pero las de cartón no", "collares no, aretes sí"), and an option named
 * by a pro-form is ruled out by what names it ("anything but the navy one": navy; "not the zipped one":
 * the term "zipped"). A price is never a rejected term ("que no sea carísimo": pricePreference.ts), nor
 * is "plata" meaning money ("me quedé sin plata": metalSense.ts).
 *
 * A change of mind drops a kind named before ("forget necklaces, earrings instead", "never mind the
 * necklace", "olvida el collar"); "not from"/"menos de" reject a brand only ("not from Nike"), never a
 * place ("not from China?": there is no kind for origin) nor an amount ("menos de 50").
 */
import { compileVocabulary, findBrands, findCategories, isCategoryTerm, type CompiledVocabulary } from './catalogVocabulary.ts';
import { cafeIsBrown, canonicalColour } from './colours.ts';
import { DISLIKE_BEFORE, dislikeTurned, dislikeUndone, dislikedStretches } from './dislikes.ts';
import { MATERIALS } from './materials.ts';
import { notMetal } from './metalSense.ts';
import { isRefusableFeature } from './featureWords.ts';
import { PATTERNS, patternOf } from './patterns.ts';
import { PERSON_WORDS } from './gift.ts';
import { escapeRegExp, fold, mayHoldPhrase, singular, tokens, type Token } from './text.ts';
import type { Rejection } from './types.ts';

/** A shopper's words for a material → its canonical name. */
const MATERIAL_FORM = new Map<string, string>();
for (const [k, m] of Object.entries(MATERIALS)) for (const f of [...m.forms, ...(m.spoken ?? [])]) MATERIAL_FORM.set(f, k);
/** Materials named by a word only with their preposition ("de franela": the fabric; "una franela" is a T-shirt in Venezuela). */
const WRITTEN_MATERIAL = new Map<string, string>();
for (const [k, m] of Object.entries(MATERIALS)) for (const f of m.written ?? []) if (/^(?:de|en) /.test(f)) WRITTEN_MATERIAL.set(f, k);

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
  'intereses', 'interes', 'exception', 'excepcion', 'receipt', 'recibo', 'ticket', 'stock', 'existencias', 'luck', 'suerte',
  'se', 'si', 'yes', 'ok', 'okay', 'hay', 'puedo', 'can', 'will', 'would', 'should', 'need', 'want', 'quiero', 'necesito',
  'busco', 'se', 'cuanto', 'how', 'what', 'which', 'cual', 'que', 'como', 'where', 'donde', 'when', 'cuando', 'just', 'solo',
  'sold', 'available', 'disponible', 'disponibles', 'only',
  // A place in the list refused ("I don't like the first one", "no me gusta el primero"): the product there, not a word.
  'first', 'second', 'third', 'fourth', 'fifth', 'last', 'primero', 'primera', 'primer', 'segundo', 'segunda', 'tercero', 'tercera', 'tercer',
  'cuarto', 'cuarta', 'quinto', 'quinta', 'ultimo', 'ultima',
]);
/**
 * Words of price (folded): a phrase with one is a price said ("que no sea carísimo", "nothing too pricey",
 * "algo no tan costoso"), read by pricePreference.ts, never a term to keep out of titles all session.
 */
const PRICE_WORD =
  /^(?:car(?:o|a|os|as|isim[oa]s?|ito|ita)|costos(?:o|a|os|as|isim[oa]s?)|expensive|pricey|pricy|pricier|priciest|costly|spendy|overpriced|dear|barat\p{L}*|cheap\p{L}*|economic(?:o|a|os|as)|fortuna|dineral|precio|precios|price|prices)$/u;

/**
 * Words a pro-form "one" may follow that name no option by what it is ("not the right one", "anything
 * but the same one", "not the cheap one": price is pricePreference.ts's): they rule nothing out.
 */
const NOT_AN_OPTION = new Set([
  'right', 'wrong', 'same', 'other', 'last', 'first', 'second', 'third', 'next', 'previous', 'only', 'best', 'worst', 'good', 'bad',
  'usual', 'current', 'former', 'latter', 'new', 'old', 'big', 'small', 'little', 'nice', 'pretty', 'ugly', 'real', 'fake', 'exact',
  'original', 'main', 'final', 'single', 'whole', 'every', 'any', 'each', 'another', 'no', 'that', 'this', 'these', 'those',
]);

/** Folded words that end a rejected phrase. */
const STOP = new Set([
  'but', 'pero', 'because', 'porque', 'please', 'pls', 'plz', 'since', 'thanks', 'thank', 'gracias', 'i', 'yo', 'we', 'for',
  'para', 'that', 'which', 'as', 'so', 'if', 'si', 'then', 'also', 'tambien', 'just', 'only', 'solo', 'por', 'favor', 'it',
  'they', 'ellos', 'in', 'at', 'on', 'under', 'below', 'over', 'around', 'between', 'entre', 'hasta', 'menos', 'mas', 'less',
  'more', 'than', 'with', 'con', 'from', 'desde', 'size', 'talla', 'que', 'ya', 'is', 'are', 'es', 'son', 'this', 'time',
  'vez', 'again', 'otra', 'anymore', 'today', 'hoy', 'tomorrow', 'manana', 'budget', 'presupuesto', 'either', 'tampoco',
  'too', 'esta', 'este', 'estos', 'estas', 'these', 'those', 'my', 'mi', 'mis', 'your', 'tu', 'su', 'to', 'a', 'al',
  // Discourse words that close a sentence, never end a rejected thing ("leather though", "cuero pues"), and
  // the words that bring the new choice after a change of mind ("no collar, mejor pendientes", "X instead").
  'though', 'tho', 'anyway', 'anyways', 'really', 'whatsoever', 'honestly', 'actually', 'thx', 'ty', 'cheers', 'ok', 'okay',
  'lol', 'haha', 'pues', 'eh', 'vale', 'porfa', 'porfis', 'instead', 'sino', 'mejor',
  // A negation opens a clause of its own ("¿una blusa sin rayas no hay?": "rayas" is what is ruled out).
  'no', 'not', 'never', 'nunca',
]);
const CONJ = new Set(['or', 'and', 'nor', 'o', 'y', 'ni', 'u', 'e']);
/** Leading filler dropped from a value ("any leather" → "leather", "de la marca Nike" → "nike"). */
const FILLER = new Set([
  'any', 'anything', 'a', 'an', 'the', 'made', 'of', 'in', 'el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'de', 'del',
  'en', 'color', 'colour', 'colored', 'coloured', 'hecho', 'hecha', 'hechos', 'hechas', 'marca', 'brand', 'material', 'nada',
  'ningun', 'ninguna', 'ninguno', 'real', 'genuine', 'stuff', 'cosas', 'cosa', 'products', 'productos', 'items', 'by',
  'ese', 'esa', 'eso', 'tipo', 'kind', 'type', 'much', 'mucho', 'too', 'demasiado', 'so', 'tan', 'lo', 'algo', 'something',
  // "forget all the gold ones", "olvida todo lo de oro": what is ruled out follows.
  'all', 'todo', 'todos', 'todas',
]);

/** Words for things in general that end a refused phrase after its thing ("turquoise stuff", "gold things"). */
const GENERIC_AFTER = new Set(['stuff', 'things', 'thing', 'items', 'products', 'pieces', 'ones']);

/** Negated copulas: "isn't", "aren't" (and "is not", "are not": {@link findRejections}). */
const NEGATED_IS = new Set(["isn't", 'isnt', "aren't", 'arent']);
/**
 * What may follow a negated copula in a relative clause and is no quality refused: a degree ("not too
 * sweet", "isn't very heavy"), where a thing comes from or what it is made of (read as after "isn't":
 * "that isn't from Rustic LTD", "that isn't made from plastic"), an article (a kind: "that is not a candle").
 */
const NOT_A_QUALITY_AFTER = /^\s*(?:too|so|very|overly|that|super|extremely|really|quite|particularly|as|from|sold|made|coming|a|an|the|in|on|for|of|muy|tan|demasiado|de|del|para|un|una|el|la|hecho|hecha|hechos|hechas)(?![\p{L}])/u;

/** The Spanish verb "evitar" (avoid) in the forms a shopper asks with, folded ("evitá" is "evita"). */
const AVOID_ES = [
  'evitar', 'evito', 'evita', 'evitas', 'evite', 'evites', 'eviten', 'evitemos', 'evitamos', 'evitad', 'evitais', 'eviteis', 'evitando', 'evitaria',
  'evitarias', 'evitariamos', 'evitarian', 'evitaremos', 'evitare', 'evitara', 'evitaras',
];

const AVOID_SET: ReadonlySet<string> = new Set([...AVOID_ES, 'avoid', 'avoids', 'avoided', 'avoiding']);
/** The forms of {@link AVOID_SET} after which any phrase is ruled out (the shopper's own "I avoid"); after the others, a known thing only. */
const AVOID_ANY: ReadonlySet<string> = new Set(['evitar', 'evito', 'avoid', 'avoiding']);
/** An object pronoun right before a Spanish verb: its object is said ("lo evita de verdad"). */
const CLITIC_BEFORE = /(?:^|[^\p{L}])(?:lo|la|los|las|le|les|se)\s+$/u;

/** Trigger patterns. `any`: any noun phrase after it is rejected; `known`: only a known material/colour/brand/category. */
const ANY = [
  'anything but', 'anything except', 'anything other than', 'any colour but', 'any color but', 'any colour except', 'any color except',
  'any colour other than', 'any color other than', 'any brand but', 'any brand except', 'everything but', 'everything except', 'except for', 'except',
  'other than', 'apart from', 'instead of', 'rather than', 'nothing in', 'nothing made of', 'nothing made from', 'nothing with',
  'nothing from', 'nothing by', 'nothing that is', 'without any', 'without', 'w/o', "i do not want any", "i don't want any",
  'i dont want any', 'do not want', "don't want", 'dont want', 'does not want', "doesn't want", 'doesnt want', 'do not like',
  "don't like", 'dont like', 'i hate', 'hate',
  'avoid', 'avoiding', 'allergic to', 'not a fan of', 'not into', 'not looking for', 'not interested in', 'not made of',
  'not made from', 'no more', 'non', 'not in', 'skip the', 'steer clear of', 'keep away from', 'stay away from', 'keep it away from',
  'keep them away from', 'alejate de', 'alejate del', 'alejese de', 'alejese del', 'que no huela a', 'que no huelan a', 'no huela a',
  'sin olor a',
  // "I don't want anything with silver in it", "don't want something made of leather".
  ...["don't want", 'dont want', 'do not want', "doesn't want", 'doesnt want', 'does not want'].flatMap((n) => ['anything with', 'something with', 'anything made of', 'something made of', 'anything in', 'stuff with'].map((o) => `${n} ${o}`)),
  // An agent reporting the shopper's refusals: "User now also excludes red", "excluding leather".
  'excludes', 'exclude', 'excluding', 'rules out', 'rule out', 'ruling out',
  'cualquier cosa menos', 'cualquier cosa excepto', 'cualquier cosa salvo', 'cualquier cosa que no sea', 'todo menos',
  'excepto', 'salvo', 'menos', 'que no sea de', 'que no sean de', 'que no sea', 'que no sean', 'que no tenga', 'que no tengan',
  'que no lleve', 'que no lleven', 'que no este hecho de', 'que no esten hechos de', 'que no este hecha de', 'nada de',
  'nada en', 'nada con', 'nada que sea de', 'nada hecho de', 'sin nada de', 'sin', 'no quiero nada de', 'no quiero', 'no quiere',
  'no quieren', 'no queremos',
  'no me gusta el', 'no me gusta la', 'no me gustan los', 'no me gustan las', 'no me gusta', 'no me gustan', 'odio', 'libre de', 'libres de', 'alergico a', 'alergica a', 'alergico al', 'alergica al', 'no busco', 'en vez de',
  'en lugar de', 'no soporto', "doesn't like", 'doesnt like', 'does not like', "can't stand", 'cant stand', 'cannot stand',
  'can not stand', "isn't into", 'isnt into', 'is not into', "aren't into", 'arent into', 'are not into', "isn't a fan of",
  'isnt a fan of', "aren't fans of", 'not big on', "doesn't do", 'doesnt do', 'does not do', "doesn't wear", 'doesnt wear',
  'does not wear', "don't wear", 'dont wear', 'never wears', 'no le gusta el', 'no le gusta la', 'no le gustan los',
  'no le gustan las', 'no le gusta', 'no le gustan', 'no usa', 'no lleva', 'nunca usa', 'nunca lleva',
  // "Avoid" in its forms: "evitá el cuero" (Río de la Plata), "evita el cuero", "unas botas, evitando el cuero",
  // "evitaría el cuero", "eviten el cuero"; "she avoids leather", "stay clear of suede".
  ...AVOID_ES, 'avoids', 'avoided', 'stay clear of', 'steering clear of', 'keep clear of', 'staying away from',
];
/**
 * A change of mind about something named before ("forget necklaces", "never mind the necklace", "scrap
 * the gold", "olvida el collar", "mejor no collar"): a known thing after it is ruled out. Except "mejor
 * no", they count only where they open a clause (after punctuation or {@link CHANGE_OPENERS}), as an
 * imperative: "I can't forget her birthday", "don't forget the necklace", "se me olvida el collar" are
 * no change of mind.
 */
export const CHANGE_OF_MIND = [
  'forget', 'forget about', 'never mind', 'nevermind', 'nvm', 'scrap', 'scratch', 'olvida', 'olvidate de', 'olvidate', 'olvidemos',
  'mejor no',
] as const;
const CHANGE_OF_MIND_SET: ReadonlySet<string> = new Set(CHANGE_OF_MIND);
/** Words that may open the clause of a change of mind ("actually, forget …", "oh never mind …", "let's forget …"). */
export const CHANGE_OPENERS: ReadonlySet<string> = new Set([
  'actually', 'ok', 'okay', 'oh', 'no', 'nah', 'wait', 'so', 'well', 'just', "let's", 'lets', 'please', 'and', 'but', 'hmm',
  'um', 'umm', 'then', 'yeah', 'yes', 'sorry', 'hey', 'fine', 'alright', 'right', 'pues', 'bueno', 'vale', 'oye', 'ah', 'mira',
  'entonces', 'y', 'pero', 'perdon', 'espera', 'mejor', 'en', 'realidad', 'mm', 'nope',
]);
/**
 * Negators followed by where a thing comes from ("not from", "isn't from"), and "menos de" after a
 * kind: only a brand is ruled out there ("not from Rustic LTD", "una lámpara menos de Philips"), since
 * an origin ("not from here", "not from China?") has no kind of its own and "menos de 50" is a budget.
 */
const FROM_RE = /^(?:from|coming\s+from|sold\s+by)(?![\p{L}])[\s-]*/u;

/**
 * Country and region names in English and Spanish, folded ("china", "estados unidos"), from the
 * runtime's ICU data: a capitalised place is not a brand ("nothing from China").
 */
const PLACES: ReadonlySet<string> = (() => {
  const out = new Set(['usa', 'us', 'u.s.', 'uk', 'eu', 'eeuu', 'ee.uu.', 'america', 'europe', 'europa', 'asia', 'africa', 'oceania', 'abroad', 'overseas']);
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const lang of ['en', 'es']) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    } catch {
      continue;
    }
    for (const a of A) {
      for (const b of A) {
        const n = names.of(a + b);
        if (n) out.add(tokens(fold(n)).map((t) => t.w).join(' '));
      }
    }
  }
  return out;
})();

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
/**
 * "Zero leather", "cero cuero", "fuera el cuero": a known thing right after one is ruled out, unless the
 * word is a number or a place ({@link NOT_ZERO_BEFORE}, {@link NOT_OUT_BEFORE}).
 */
const NONE_OF = ['zero', 'cero', 'fuera'];
const KNOWN = ['but not', 'not', 'no', 'ni', 'nor', 'never', 'nunca', 'nothing', 'nada', ...NONE_OF, ...NEG_CONTRACTIONS];
/** Words before "zero"/"cero" that make it a number ("size zero black dress", "talla cero", "empezar de cero", "desde cero"). */
const NOT_ZERO_BEFORE = /(?:^|[^\p{L}])(?:size|sizes|talla|tallas|talle|numero|number|no|n|de|desde|from|a|al|to|en|in|at|con|with|by|por|y|and|o|or|casi|almost|mas|more|menos|less|than|que|es|is|el|the|un|una|a)\s*$/u;
/** Words before "fuera" that make it "outside" or a verb ("por fuera negro", "para usar fuera", "si fuera negro", "que no fuera de cuero"). */
const NOT_OUT_BEFORE = /(?:^|[^\p{L}])(?:por|para|de|desde|hacia|afuera|alla|aqui|ahi|si|que|no|ni|usar|llevar|salir|estar|comer|dormir|vivir|quedar|ir|jugar|ya|mas|tan|como)\s*$/u;
/**
 * Triggers whose value is an attribute of the thing sought, not a thing of its own ("menos los cafés",
 * "ni café", "not brown"): a Spanish "café" after one describes a product named before it.
 */
const ATTRIBUTE_TRIGGERS = new Set([
  ...KNOWN, 'except', 'except for', 'anything but', 'anything except', 'other than', 'excepto', 'salvo', 'menos',
  'cualquier cosa menos', 'cualquier cosa excepto', 'cualquier cosa salvo', 'que no sea', 'que no sean',
]);
/**
 * After "sin"/"without": a short phrase and then a statement that none is to be had ("sin rayas no
 * hay", "sin cuero no tienen nada", "without stripes there are none"): about the shop's stock, no
 * refusal. A question is a wish, though ("¿una blusa sin rayas no hay?").
 */
const SIN_NONE_RE =
  /^(?:[\p{L}\p{N}]+\s+){1,3}(?:no\s+(?:hay|habia|tienen|tiene|teneis|tenian|quedan|queda|encuentro|encontre|veo|vi)|there\s+(?:are|is|were|was)\s+(?:none|no\s+\p{L}+)|there's\s+none|theres\s+none|you\s+have\s+none|nobody\s+has|no\s+one\s+has)(?![\p{L}])/u;
/** "sleeveless", "strapless", "collarless": a part refused in one word (its text says the part: "details on the sleeves"). */
const LESS_RE = /(?<![\p{L}])(sleeve|strap|collar|hood|button|zip|zipper|pocket|heel|lace)less(?![\p{L}])/gu;

/** "leather-free", "sugar free", "libre de gluten" (the last handled by ANY). */
const FREE_RE = /(?<![\p{L}])([\p{L}]+)[- ]free(?![\p{L}])/gu;
const FREE_OK = new Set([
  'sugar', 'gluten', 'lactose', 'dairy', 'fragrance', 'scent', 'paraben', 'parabens', 'sulfate', 'sulfates', 'sulphate',
  'plastic', 'bpa', 'nickel', 'alcohol', 'oil', 'nut', 'soy', 'latex', 'leather', 'fur', 'cruelty', 'silicone', 'phthalate',
  'caffeine', 'wheat', 'egg', 'meat', 'animal', 'toxin', 'chemical', 'gmo', 'wool', 'lead', 'perfume',
]);

/** Dislikes said before the thing (dislikes.ts: "not sold on", "no me convence"): only a known thing after one is ruled out. */
const DISLIKE_SET = new Set(DISLIKE_BEFORE);
/** Triggers that are a verb of disliking, which a negation before undoes ("I don't hate gold", "no me disgusta"). */
const DISLIKE_VERBS = new Set([...DISLIKE_BEFORE, 'hate', 'i hate', 'odio']);
/**
 * A negation that suggests or supposes rather than refuses: "why not the zipped one?", "¿por qué no la
 * de cuero?", "if not the zipped one then the navy one", "si no la azul, la negra".
 */
const NEGATION_ASKS = /(?<![\p{L}])(?:why|how\s+come|por\s+que|if|si|y\s+si|and\s+if)\s+$/u;

/**
 * Saying one knows nothing of a thing: "no sé nada de jardinería", "no entiendo nada de joyas", "no
 * conozco nada de relojes", "no sabe nada de moda": the shopper is a novice, the thing is what they
 * come for ("… pero quiero empezar"), never ruled out. Read before a "nada" trigger (folded: "sé" is "se").
 */
const KNOW_NOTHING_BEFORE =
  /(?<![\p{L}])(?:no|ni|nunca|jamas)\s+(?:(?:me|te|le|nos|les)\s+)?(?:se|sabe|sabes|sabemos|saben|sabia|sabias|sabiamos|sabian|entiendo|entiendes|entiende|entendemos|entienden|conozco|conoces|conoce|conocemos|conocen|controlo|controla|domino|domina|manejo|maneja|cacho|pillo|capto)\s+(?:(?:casi|absolutamente|realmente|mucho)\s+)?$/u;

/**
 * Words that may open a question before its "no" and nothing else ("oh no rings?", "so no black ones?",
 * "wait, no rings?", "¿y no hay…"): the shopper asks whether there are none.
 */
const QUESTION_OPENERS = new Set([
  'oh', 'ohh', 'ah', 'aw', 'aww', 'so', 'wait', 'what', 'hmm', 'hm', 'huh', 'um', 'umm', 'uh', 'wow', 'really', 'and', 'but', 'then',
  'hey', 'ok', 'okay', 'well', 'y', 'pero', 'entonces', 'ay', 'vaya', 'como', 'que', 'osea', 'o', 'sea',
]);
/** A short question after the "no": a few words, then "?" (within its sentence). */
const SHORT_QUESTION_AFTER = /^\s*(?:[\p{L}\p{N}'-]+\s*){1,4}\?/u;

const TRIGGER_RE = new RegExp(
  `(?<![\\p{L}])(${[...ANY.map((t) => ({ t, k: 'any' })), ...KNOWN.map((t) => ({ t, k: 'known' })), ...CHANGE_OF_MIND.map((t) => ({ t, k: 'known' })), ...DISLIKE_BEFORE.map((t) => ({ t, k: 'known' }))]
    .sort((a, b) => b.t.length - a.t.length)
    .map((x) => escapeRegExp(x.t).replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}])[\\s-]*`,
  'gu',
);
const KNOWN_SET = new Set(KNOWN);
/** Whether a text may hold a trigger at all (most messages hold none: `TRIGGER_RE` is not run over them). */
const mayHoldTrigger = mayHoldPhrase([...ANY, ...KNOWN, ...CHANGE_OF_MIND, ...DISLIKE_BEFORE]);

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

/** A word right before an object pronoun after a negation is a verb ("doesn't *suit her*", "never *suits me*"). */
const VERB_BEFORE_OBJECT = /^[\p{L}]+\s+(?:her|him|me|them|us|you)(?![\p{L}])/u;
/** Copulas a negation may precede the value with ("should not *be* black", "no *es* de cuero", "que no *sean* negros"). */
const NEG_COPULA = /^(?:be|es|son|sea|sean|este|esten|ser|estar|fuera|fueran)(?![\p{L}])[\s-]*/u;
/** Verbs of containing: a rejection only in a relative clause ("one that doesn't have leather", not "I don't have a black sofa"). */
const NEG_CONTAINS =
  /^(?:have|has|contain|contains|include|includes|feature|features|come\s+with|comes\s+with|smell\s+(?:of|like)|smells\s+(?:of|like)|taste\s+(?:of|like)|tastes\s+(?:of|like)|tenga|tengan|tiene|tienen|contenga|contengan|contiene|contienen|incluya|incluyan|incluye|incluyen)(?![\p{L}])[\s-]*/u;
/** Verbs of wearing and using, said of a person ("I don't wear gold", "she never wears black", "no uso cuero"). */
const NEG_WEARS =
  /^(?:wear|wears|use|uses|buy|buys|uso|usa|usan|usamos|llevo|lleva|llevan|llevamos|compro|me\s+pongo|se\s+pone|se\s+ponen)(?![\p{L}])[\s-]*/u;
/** "made from/out of/with" ("isn't made from plastic"; "made of" is filler). */
const NEG_MADE = /^(?:made|hecho|hecha|hechos|hechas)\s+(?:from|out\s+of|with|con)(?![\p{L}])[\s-]*/u;
/** After "don't want"/"no quiero": "… it to be black", "… que sea negro". */
const WANT_TO_BE = /^(?:(?:(?:it|them|this|that|one|ones)\s+)?to\s+be|(?:it|them|anything|something)\s+being|que\s+(?:sea|sean|tenga|tengan|lleve|lleven|este|esten))(?![\p{L}])[\s-]*/u;
const WANT_TRIGGERS = new Set([
  "i do not want any", "i don't want any", 'i dont want any', 'do not want', "don't want", 'dont want', 'does not want', "doesn't want", 'doesnt want',
  'no quiero', 'no quiere', 'no quieren', 'no queremos',
]);

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

/** "tampoco" (folded) as a word, and the "no" it is read as, padded to its length ({@link findRejections}). */
const TAMPOCO = /(?<![\p{L}])tampoco(?![\p{L}])/gu;
const TAMPOCO_AS_NO = 'no'.padEnd('tampoco'.length, ' ');

/** The synonym table alone, for a kind the shop's vocabulary lacks ("ni collar ni pendientes" in a shop without earrings). */
const TABLE = compileVocabulary(undefined);

/** A rejection with the folded-text span of its value (to mask it from positive entities). */
export interface RejectionMatch extends Rejection {
  readonly start: number;
  readonly end: number;
  /**
   * A mild dislike the sentence then turns ("not crazy about turquoise but I'd take it if nothing
   * else", "no me encanta el turquesa, pero…"): weighed, not ruled out, so it is no rejection; but the
   * thing disliked is no wish either, so its span is still masked from the positive entities (before,
   * dropping the dislike left "turquoise" read as a colour asked for).
   */
  readonly weighed?: true;
  /**
   * The same thing ruled out again ("que no sean doradas, a ella no le va el dorado"): one rejection,
   * but this span is masked too (before, the second "dorado" was read as a colour asked for).
   */
  readonly repeated?: true;
}

function materialOf(phrase: string): string | undefined {
  return MATERIAL_FORM.get(phrase) ?? MATERIAL_FORM.get(phrase.split(' ').map(singular).join(' '));
}

/** Words that open a sentence, capitalised, and never a brand (folded). */
const NOT_A_NAME: ReadonlySet<string> = new Set(['i', "i'm", 'im', "i've", 'ive', "i'd", "i'll", 'she', "she's", 'he', "he's", 'they', "they're", 'we', "we're", 'it', "it's", 'my', 'our', 'her', 'his', 'their', 'please', 'thanks', 'thank', 'thx', 'ok', 'okay', 'because', 'but', 'and', 'so', 'also', 'yo', 'ella', 'el', 'gracias', 'porque', 'pero', 'es', 'soy']);

/**
 * A capitalised phrase of up to 3 words that is not sentence-initial reads as a brand ("not Nike", "que
 * no sea de Adidas"); a capitalised place is none and nothing else either (`null`: "nothing from China",
 * "que no sea de China"), since origin is no kind of rejection. Undefined: not a capitalised name.
 */
function capitalisedName(toks: readonly Token[], original: string): Rejection | null | undefined {
  const t0 = toks[0] as Token;
  const first = original.slice(t0.start, t0.start + 1);
  if (first === first.toLowerCase() || t0.start === 0 || toks.length > 3) return undefined;
  // A new sentence after the list, not a name: "not leather, I'm vegan", "not gold, Thanks".
  if (NOT_A_NAME.has(t0.w)) return undefined;
  if (PLACES.has(toks.map((t) => t.w).join(' '))) return null;
  return { kind: 'brand', value: original.slice(t0.start, (toks.at(-1) as Token).end) };
}

/**
 * What a trigger rules out: `any` phrase, only a `known` material/colour/brand/category, or only a
 * `brand` (after "not from", "menos de").
 */
type Mode = 'any' | 'known' | 'brand';

/** Types one rejected phrase; undefined when it is not a plausible thing to reject. */
function classify(
  toks: readonly Token[],
  vocab: CompiledVocabulary,
  original: string,
  mode: Mode,
  folded: string,
  attribute: boolean,
): Rejection | undefined {
  const phrase = toks.map((t) => t.w).join(' ');
  const t0 = toks[0] as Token;
  const brand = findBrands(toks, vocab, original);
  if (brand.length > 0 && brand[0]?.from === 0) return { kind: 'brand', value: brand[0].values[0] as string };
  if (mode === 'brand') return capitalisedName(toks, original) ?? undefined;
  // "que no sean cafés", "cualquier cojín menos los cafés": the colour brown, not the drink (colours.ts).
  if (toks.length === 1 && /^cafes?$/.test(t0.w) && cafeIsBrown(folded, t0.start, t0.end, attribute)) return { kind: 'colour', value: 'brown' };
  // "me quedé sin plata", "no quiero gastar nada de plata": money, not the metal (metalSense.ts).
  if (toks.length === 1 && (t0.w === 'plata' || t0.w === 'oro') && notMetal(folded, t0.w, t0.start)) return undefined;
  // "Una camisa que no sea de franela": the fabric, as its preposition writes it.
  const before = folded.slice(Math.max(0, t0.start - 3), t0.start);
  const material = materialOf(phrase) ?? (before === 'de ' || before === 'en ' ? WRITTEN_MATERIAL.get(before + phrase) : undefined);
  if (material) return { kind: 'material', value: material };
  const colour = canonicalColour(phrase);
  if (colour) return { kind: 'colour', value: colour };
  // A pattern ("no stripes", "sin rayas", "nothing floral") is a known thing, named by its canonical
  // name (patterns.ts): every form of it is then one refusal, matched in product text the same way.
  const pattern = patternOf(phrase, singular);
  if (pattern) return { kind: 'term', value: pattern };
  const whole = (v: CompiledVocabulary) => findCategories(toks, v).find((c) => c.from === 0 && c.to === toks.length);
  const cat = whole(vocab);
  if (cat) return { kind: 'category', value: cat.values[0] as string };
  // A kind the shop lacks, in the shopper's words, as positive kinds are (entities.ts groundedCategories).
  if (vocab.hasTaxonomy && whole(TABLE)) return { kind: 'category', value: original.slice(t0.start, (toks.at(-1) as Token).end).toLowerCase() };
  const name = capitalisedName(toks, original);
  if (name !== undefined) return name ?? undefined;
  // A part, trim, motif or scent refused by name ("jacket, no zip", "candles but not vanilla").
  if (toks.length === 1 && isRefusableFeature(singular(t0.w))) return { kind: 'term', value: singular(t0.w) };
  if (mode === 'known') return undefined;
  if (NOT_A_VALUE.has(phrase) || NOT_A_VALUE.has(t0.w) || /^\d/.test(t0.w) || /(?:ing|ando|iendo)$/.test(t0.w)) return undefined;
  // "que no sea carísimo", "nothing overpriced": a price, which pricePreference.ts reads; no word of a title.
  if (toks.some((t) => PRICE_WORD.test(t.w))) return undefined;
  return { kind: 'term', value: phrase };
}

/**
 * The option a pro-form names by one or two words between "the" and it ("not the zipped one" → term
 * "zipped", "anything but the hooded ones"; not "you don't have black ones?"), unless they say nothing
 * of what it is ({@link NOT_AN_OPTION}: "not the right one"), are a price ("not the cheap one") or a
 * number ("not the 2 ones").
 */
function optionTerm(toks: readonly Token[]): Rejection | undefined {
  if (toks.length === 0 || toks.length > 2) return undefined;
  for (const t of toks) {
    if (NOT_AN_OPTION.has(t.w) || NOT_A_VALUE.has(t.w) || PRICE_WORD.test(t.w) || STOP.has(t.w) || /^\d/.test(t.w)) return undefined;
  }
  return { kind: 'term', value: toks.map((t) => t.w).join(' ') };
}

/**
 * The things a dislike said after them rules out (dislikes.ts), read back from the end of tokens
 * `[from, to)` before it: the known thing right before ("turquoise isn't her thing", "honestly, gold is
 * a no", "I love the shape but the navy one doesn't suit her"), and more joined to it by "and"/"y"/"or"
 * when each is a known thing as a whole ("el negro y el dorado no me gustan"). A kind of product is
 * not ruled out this way (the product discussed is meant, not its kind); an option named by a pro-form
 * is ("the zipped one isn't her style"). A negation right before the predicate undoes it ("el dorado
 * no es feo"). `whole`: an answer ("gold? no thanks"), whose stretch must be the thing alone.
 */
function dislikedBefore(
  toks: readonly Token[],
  from: number,
  to: number,
  whole: boolean,
  kinds: boolean,
  vocab: CompiledVocabulary,
  original: string,
  folded: string,
  push: (r: Rejection | undefined, from: number, to: number) => boolean,
): void {
  const w = (i: number): string => (toks[i] as Token).w;
  let end = to;
  let first = true;
  while (end > from) {
    let k = end;
    const proForm = w(k - 1) === 'one' || w(k - 1) === 'ones';
    if (proForm) k--;
    if (k <= from || NEGATORS.has(w(k - 1))) return;
    let a = k;
    while (a > from && k - a < 4 && !STOP.has(w(a - 1)) && !CONJ.has(w(a - 1))) a--;
    // An answer names the thing alone ("gold? no thanks"; not "I love gold, no thanks to silver").
    if (whole && a > from && !CONJ.has(w(a - 1))) return;
    let b = a;
    while (b < k && FILLER.has(w(b))) b++;
    let found: { r: Rejection; at: number } | undefined;
    // The first thing may follow other words of its clause ("honestly turquoise"): its longest known end.
    for (let x = b; x < k && !found && ((first && !whole) || x === b); x++) {
      const r = classify(toks.slice(x, k), vocab, original, 'known', folded, true);
      // A kind refused by a "no" after it ("collares no", "los collares no"), not one product ("el collar no").
      const kind = kinds && (x === a || singular(w(k - 1)) !== w(k - 1));
      if (r && (r.kind !== 'category' || kind)) found = { r, at: x };
    }
    if (!found && proForm && first && k - 1 > from && w(k - 2) === 'the') {
      const r = optionTerm(toks.slice(Math.max(b, k - 1), k));
      if (r) found = { r, at: Math.max(b, k - 1) };
    }
    if (!found) return;
    push(found.r, found.at, k);
    first = false;
    if (a > from && CONJ.has(w(a - 1))) end = a - 1;
    else return;
  }
}

/**
 * How much of the text around a trigger is read (characters, before and after): a clause's worth. A
 * long message then costs time in proportion to its length, however many negations it holds.
 */
const WINDOW_CHARS = 300;
/**
 * Most triggers read in one text: a shopper's message rules out a handful of things; a text made of
 * negations ("no no no …", thousands of them) would otherwise cost a classification per trigger.
 */
const MAX_TRIGGERS = 64;

/**
 * Whether the sentence before a "no" (folded text up to it) holds nothing but openers of a question
 * ({@link QUESTION_OPENERS}, commas, "¿"): "oh no rings?" asks, "necklaces, no gold?" asks for some.
 */
function questionOnly(before: string): boolean {
  const sentence = before.split(/[.!?;\n]/).at(-1) ?? '';
  return (sentence.match(/[\p{L}\p{N}']+/gu) ?? []).every((w) => QUESTION_OPENERS.has(w));
}

/** The index of the first token starting at `pos` or later (`toks.length` when none): tokens are in text order. */
function firstTokenFrom(toks: readonly Token[], pos: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((toks[mid] as Token).start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Finds rejections in folded text (`original` is the NFC text it was folded from, used for
 * capitalisation). Returns them in order with the spans of the rejected phrases, and the mild dislikes
 * a contrast turns marked `weighed` (no rejections: only their spans count, to mask them).
 */
export function findRejections(said: string, original: string, vocab: CompiledVocabulary): RejectionMatch[] {
  // "tampoco" is "no … either": it refuses as "no" does ("ahora para mi madre, tampoco oro", "tampoco le
  // gusta el oro", "ella tampoco quiere oro"). Read as "no" padded to its length, so spans stay the text's.
  const folded = said.replace(TAMPOCO, TAMPOCO_AS_NO);
  const toks = tokens(folded);
  const out: RejectionMatch[] = [];
  const push = (r: Rejection | undefined, from: number, to: number): boolean => {
    if (!r) return false;
    const repeated = out.some((o) => o.kind === r.kind && o.value === r.value);
    out.push({ ...r, start: (toks[from] as Token).start, end: (toks[to - 1] as Token).end, ...(repeated ? { repeated: true as const } : {}) });
    return true;
  };
  /** Mild dislikes turned by a contrast ({@link RejectionMatch.weighed}), each with its span. */
  const weighed: RejectionMatch[] = [];
  const weigh = (r: Rejection | undefined, from: number, to: number): boolean => {
    if (!r) return false;
    weighed.push({ ...r, start: (toks[from] as Token).start, end: (toks[to - 1] as Token).end, weighed: true });
    return true;
  };
  let consumedTo = 0;
  let read = 0;
  for (const m of mayHoldTrigger(folded) ? folded.matchAll(TRIGGER_RE) : []) {
    const trigger = (m[1] as string).replace(/\s+/g, ' ');
    const from = m.index ?? 0;
    let at = from + m[0].length;
    if (from < consumedTo) continue;
    if (++read > MAX_TRIGGERS) break;
    // "menos de 50" / "no más de 100" are budgets; "menos" alone only as "anything but".
    // The few words right after the trigger are all that is read of what follows (a bounded window).
    const rest = folded.slice(at, at + WINDOW_CHARS);
    if (/^(?:de\s+|que\s+)?[\d$€£]/.test(rest) || /^(?:more|mas)\b/.test(rest)) continue;
    // What comes before is read only for the clause the trigger is in (its last words, its opening "¿"):
    // a bounded window keeps a long message linear, however many negations it has.
    const before = folded.slice(Math.max(0, from - WINDOW_CHARS), from);
    // "no me disgusta el dorado", "I don't hate gold", "not that I dislike the zipped one": no dislike.
    if (DISLIKE_VERBS.has(trigger) && dislikeUndone(before)) continue;
    // "why not the zipped one?", "si no la azul, la negra": a suggestion or a supposition, no refusal.
    if (NEGATORS.has(trigger) && NEGATION_ASKS.test(before)) continue;
    // "no sé nada de jardinería", "no entiendo nada de joyas": what one knows, no refusal.
    if (/^nada/.test(trigger) && KNOW_NOTHING_BEFORE.test(before)) continue;
    // "size zero black dress", "empezar de cero": a number, no refusal; "negro por fuera", "fuera de casa": outside.
    if ((trigger === 'zero' || trigger === 'cero') && (NOT_ZERO_BEFORE.test(before) || /^[\s,]*[\d.,]/.test(rest))) continue;
    if (trigger === 'fuera' && (NOT_OUT_BEFORE.test(before) || /^(?:de|del|y|o)(?![\p{L}])/u.test(rest))) continue;
    // "oh no rings?", "so no black ones?", "no rings?": a question whether there are none, no refusal.
    if (trigger === 'no' && SHORT_QUESTION_AFTER.test(rest) && questionOnly(before)) continue;
    const change = CHANGE_OF_MIND_SET.has(trigger);
    let mode: Mode = KNOWN_SET.has(trigger) || change || DISLIKE_SET.has(trigger) ? 'known' : 'any';
    if (trigger === 'menos') {
      // "cualquier cosa menos", "todos menos", "cualquier collar menos los dorados": anything but; "collares,
      // menos los dorados": but not the known thing after the article; "una lámpara menos de Philips": but
      // not that brand ("menos de 50", "menos de cien" are budgets); "menos caro" compares.
      if (/(?:cosa|cosas|todo|todos|todas|color|colores|marca|marcas|lo que sea|cualquiera|cualquier\s+\p{L}+(?:\s+\p{L}+)?)[\s,]*$/u.test(before)) mode = 'any';
      else if (/^(?:el|la|los|las|lo)\s/.test(rest)) mode = 'known';
      // "ropa de mujer menos chaquetas": but not that kind.
      else if (isCategoryTerm(/^\p{L}+/u.exec(rest)?.[0] ?? '')) mode = 'any';
      else if (/^del?\s/.test(rest)) mode = 'brand';
      else continue;
    }
    if (AVOID_SET.has(trigger)) {
      // "¿el filtro lo evita de verdad?", "se evita la cal": a verb with its object before it, no refusal.
      if (CLITIC_BEFORE.test(before)) continue;
      // "evita que sea negro", "avoid it being black".
      const w = WANT_TO_BE.exec(rest);
      if (w) at += w[0].length;
      // "evitá el cuero", "unas botas, evitando el cuero": a known thing is ruled out. The forms that also say
      // what a thing does ("una crema que evita las arrugas", "a fabric that avoids creases") rule out no other word.
      if (!AVOID_ANY.has(trigger) || /(?:^|[^\p{L}])(?:que|which|that|it)\s*$/u.test(before)) mode = 'known';
    }
    if (trigger === 'non' && !/^-?\s*\p{L}/u.test(folded.slice(from + 3))) continue;
    // "sin rayas no hay", "sin cuero no tienen": what the shop lacks, said of a thing without it, rules nothing out.
    // Asked, it is a wish ("¿una blusa sin rayas no hay?": one without stripes is wanted).
    if ((trigger === 'sin' || trigger === 'without') && SIN_NONE_RE.test(rest) && !/^[^.!?]*\?/.test(rest) && !/¿[^.!?]*$/.test(before)) continue;
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
      // "Actually, forget necklaces", "let's just forget the necklace": a change of mind opens its clause;
      // "I can't forget", "don't forget the necklace", "se me olvida", "no olvida el collar" are none.
      if (change && trigger !== 'mejor no') {
        let k = prev.length - 1;
        while (k >= 0 && CHANGE_OPENERS.has(prev[k] as string) && !(k === prev.length - 1 && prev[k] === 'no' && /^olvid/.test(trigger))) k--;
        if (k >= 0 && !/^[.!?;,:¿¡(]$/.test(prev[k] as string)) continue;
      }
      // "forget-me-not": a negator inside a hyphenated word negates nothing.
      if (NEGATORS.has(trigger) && /-$/.test(before)) continue;
      if (NEGATORS.has(trigger)) {
        // The subject before the negation, past auxiliaries ("that does not have" → "that").
        let k = prev.length - 1;
        while (k >= 0 && AUX.has(prev[k] as string)) k--;
        let c = prev.length - 1;
        while (c >= 0 && !/^[.!?;]$/.test(prev[c] as string)) c--;
        // "¿no es de cuero?" asks; "no es de cuero" says.
        const relative = k >= 0 && RELATIVE.has(prev[k] as string);
        at += prev.slice(c + 1).includes('¿') ? 0 : negatedVerb(rest, relative);
        // "candles that are not scented", "jeans which aren't ripped": a quality refused of what is sought,
        // ruled out whatever word it is, as after "without" (not a degree, an origin, a kind: see NOT_A_QUALITY_AFTER).
        const copula = NEGATED_IS.has(trigger) || (trigger === 'not' && (prev.at(-1) === 'is' || prev.at(-1) === 'are')) || (trigger === 'no' && /^(?:es|son)\s/.test(rest));
        // Said of a thing ("that", "which", "que"), not of a person ("my dad, who is not tall", "mi papá que no es alto").
        const ofThing = prev[k] === 'that' || prev[k] === 'which' || (prev[k] === 'que' && trigger === 'no' && !PERSON_WORDS.has(prev[k - 1] ?? ''));
        if (ofThing && copula && !NOT_A_QUALITY_AFTER.test(folded.slice(at, at + WINDOW_CHARS))) mode = 'any';
        // "doesn't suit her", "never suits me": a verb before its object, no kind ruled out.
        if (VERB_BEFORE_OBJECT.test(folded.slice(at, at + WINDOW_CHARS))) continue;
      }
      // "not from Rustic LTD", "isn't from Nike", "but not from Adidas": only a brand comes after.
      const origin = change ? null : FROM_RE.exec(folded.slice(at, at + WINDOW_CHARS));
      if (origin) {
        at += origin[0].length;
        mode = 'brand';
      }
    } else if (WANT_TRIGGERS.has(trigger)) {
      const w = WANT_TO_BE.exec(rest);
      if (w) at += w[0].length;
    }
    const attribute = ATTRIBUTE_TRIGGERS.has(trigger);
    let i = firstTokenFrom(toks, at);
    if (i >= toks.length) continue;
    // Phrases separated by or/and/ni: the first after the trigger, then more while they are known things.
    // A phrase joined by a bare comma with no conjunction after it is a correction, not one more thing
    // ruled out ("not a necklace, earrings", "mejor no collar, pendientes"; but "nothing gold, silver or
    // bronze"): a kind of product, or anything after a change of mind, is then left out.
    const chain: { r: Rejection; from: number; to: number; comma: boolean }[] = [];
    let first = true;
    let comma = false;
    // "sin capucha ni cremallera", "no moons nor birds": "ni"/"nor" carries the refusal on, whatever the word.
    let byNi = false;
    /** Whether a mark stands between token `k - 1` and token `k`. */
    const marked = (k: number): boolean => /[,.;:!?()]/.test(folded.slice((toks[k - 1] as Token).end, (toks[k] as Token).start));
    while (i < toks.length) {
      // "forget the colour, gold now", "forget the colour, something gold": the words let go of ("the
      // colour") end at the comma; what follows is no part of it.
      let ended = false;
      while (i < toks.length && FILLER.has((toks[i] as Token).w)) {
        i++;
        if (i < toks.length && marked(i)) {
          ended = true;
          break;
        }
      }
      if (ended) break;
      let j = i;
      // "the navy one", "the zipped ones": the pro-form ends the phrase, which names an option by what it is.
      let proForm = false;
      while (j < toks.length && j - i < 4) {
        const w = (toks[j] as Token).w;
        if (w === 'one' || w === 'ones') {
          proForm = j > i;
          break;
        }
        if (STOP.has(w) || CONJ.has(w)) break;
        // "turquoise stuff", "cosas doradas" no: a word for things in general after the thing ends it.
        if (j > i && GENERIC_AFTER.has(w)) break;
        // Punctuation between tokens ends the phrase.
        if (j > i && /[,.;:!?()]/.test(folded.slice((toks[j - 1] as Token).end, (toks[j] as Token).start))) break;
        j++;
      }
      if (j === i) break;
      // Shorten to the longest prefix that classifies (e.g. "leather shoes" → category/term as a whole, "Nike please" → Nike).
      let ok = false;
      let opensWanted = false;
      for (let end = j; end > i && !ok; end--) {
        const r = classify(toks.slice(i, end), vocab, original, first || byNi ? mode : mode === 'brand' ? 'brand' : 'known', folded, attribute);
        // "nothing with stones, silver earrings for my grandma": after a bare comma, a colour or material
        // before a kind opens a phrase of what is wanted, not one more thing ruled out.
        if (r && comma && r.kind !== 'category' && end < j && classify(toks.slice(end, j), vocab, original, 'known', folded, attribute)?.kind === 'category') {
          opensWanted = true;
          break;
        }
        if (r && (first || byNi || r.kind !== 'term' || Object.hasOwn(PATTERNS, r.value) || isRefusableFeature(r.value))) {
          // "no le convencen los collares dorados": a kind and what it is, disliked; what it is is ruled
          // out, not every necklace (English puts it first: "not keen on gold necklaces" → gold).
          const what = r.kind === 'category' && end < j ? classify(toks.slice(end, j), vocab, original, 'known', folded, attribute) : undefined;
          // "can't stand leather furniture", "nothing in gold jewellery": a material or colour before a kind, as one
          // phrase no catalog word names, rules out the material, not a phrase no product has.
          const made = r.kind === 'term' && end - i === 2 ? madeOf(toks.slice(i, end), (part) => classify(part, vocab, original, 'known', folded, attribute)) : undefined;
          if (made) {
            chain.push({ r: made, from: i, to: end, comma });
            j = end;
          } else if (what && what.kind !== 'category' && what.kind !== 'brand') chain.push({ r: what, from: end, to: j, comma });
          else {
            chain.push({ r, from: i, to: end, comma });
            j = end;
          }
          ok = true;
        }
      }
      if (opensWanted) break;
      // "not the zipped one": an option named by a word of its own, which its title has.
      const option = !ok && proForm && toks[i - 1]?.w === 'the' ? optionTerm(toks.slice(i, j)) : undefined;
      if (option) {
        chain.push({ r: option, from: i, to: j, comma });
        ok = true;
      }
      // A place among the things ruled out is passed over ("not from Italy or Nike": Nike is still ruled out).
      if (!ok && PLACES.has(toks.slice(i, j).map((t) => t.w).join(' '))) ok = true;
      if (!ok) break;
      first = false;
      // Continue after "or"/"and"/"ni"/"," to the next phrase.
      const gap = j < toks.length ? folded.slice((toks[j - 1] as Token).end, (toks[j] as Token).start) : '';
      // A conjunction after the sentence ended opens another ("No quiero chaquetas. ¿Y camisas?": shirts are asked about).
      if (j < toks.length && CONJ.has((toks[j] as Token).w) && !/[.;:!?¿¡()]/.test(gap)) {
        byNi = (toks[j] as Token).w === 'ni' || (toks[j] as Token).w === 'nor';
        i = j + 1;
        // "X, Y or Z": the commas before a conjunction join a list.
        for (const c of chain) c.comma = false;
        comma = false;
      } else if (/^\s*,\s*$/.test(gap)) {
        byNi = false;
        i = j;
        comma = true;
      } else break;
    }
    // A mild dislike the sentence then turns ("not crazy about turquoise but the earrings are cute"): weighed, not ruled out.
    const last = chain.at(-1);
    if (last && DISLIKE_SET.has(trigger) && dislikeTurned(folded.slice((toks[last.to - 1] as Token).end), trigger)) {
      for (const c of chain) weigh(c.r, c.from, c.to);
      consumedTo = Math.max(consumedTo, (toks[last.to - 1] as Token).end);
      continue;
    }
    for (const c of chain) {
      if (c.comma && (change || trigger === 'mejor no' || c.r.kind === 'category')) continue;
      push(c.r, c.from, c.to);
      consumedTo = Math.max(consumedTo, (toks[c.to - 1] as Token).end);
    }
  }
  for (const d of dislikedStretches(folded)) dislikedBefore(toks, firstTokenFrom(toks, d.start), firstTokenFrom(toks, d.end), d.whole, d.refusal === true, vocab, original, folded, d.weighed ? weigh : push);
  for (const m of folded.matchAll(LESS_RE)) {
    const idx = firstTokenFrom(toks, m.index ?? 0);
    if (idx < toks.length && (toks[idx] as Token).start === m.index) push({ kind: 'term', value: m[1] as string }, idx, idx + 1);
  }
  for (const m of folded.matchAll(FREE_RE)) {
    const w = m[1] as string;
    if (!FREE_OK.has(w) && !materialOf(w)) continue;
    const idx = firstTokenFrom(toks, m.index ?? 0);
    if (idx >= toks.length || (toks[idx] as Token).start !== m.index) continue;
    const material = materialOf(w);
    push(material ? { kind: 'material', value: material } : { kind: 'term', value: w }, idx, idx + 1);
  }
  return [...out, ...weighed].sort((a, b) => a.start - b.start);
}

/** Of two words, a material or colour and then a kind ("leather furniture"), the material or colour; else undefined. */
function madeOf(two: readonly Token[], classifyPart: (part: readonly Token[]) => Rejection | undefined): Rejection | undefined {
  const head = classifyPart(two.slice(0, 1));
  if (head === undefined || (head.kind !== 'material' && head.kind !== 'colour')) return undefined;
  return classifyPart(two.slice(1))?.kind === 'category' ? head : undefined;
}
