/**
 * Words of the synonym table that also have an everyday sense, and when they name the kind. Reads the
 * word's neighbours only (folded tokens), so it is the same for a shopper's message and a product title:
 * - "light": a lamp as a noun ("a light for the hall", "the copper light?"), not as an adjective ("a
 *   light jacket", "something light for summer", "light grey") nor a feature ("sneakers with lights").
 * - "luz"/"luces": a lamp, not a feature ("zapatillas con luces") nor "dar a luz" / "mucha luz".
 * - "cuarto": a room after a determiner ("el cuarto de los chicos"), not a quarter ("un cuarto de kilo")
 *   nor an ordinal ("el cuarto piso").
 * - "sala", "salón", "living", "baño": the room, not another room or sense ("sala de espera", "hair
 *   salon", "for everyday living", "con baño de oro" is gold plating).
 * - "cómoda": a dresser after a determiner ("una cómoda"), not "comfortable" ("una silla cómoda").
 * - "americana(s)": a blazer after a determiner or first ("una americana azul"), not "American" ("tallas
 *   europeas y americanas", "una marca americana" reads "marca" before it).
 * - "cerca": a fence after a determiner ("una cerca de madera"), not "near" ("cerca de mi casa").
 * - "cuadro(s)": wall art, not a check pattern ("camisa a cuadros").
 * - "drawers": a chest of drawers, not a piece's feature ("a desk with drawers", "3 drawers").
 * - "puff"/"puf": a beanbag after a determiner, not a sleeve ("puff sleeves", "mangas puff").
 * - "lamparita(s)": a light bulb as the River Plate says it ("lamparita LED", "lamparitas de 60 W",
 *   "lamparita E27", "lamparita de bajo consumo"), otherwise the diminutive of lámpara, a small lamp ("una
 *   lamparita para la mesa de luz": diminutives.ts, read by entities.ts).
 * - "cable(s)": not in the Spanish idiom "echar un cable" (to give a hand: "a ver si me echáis un cable",
 *   "échame un cable").
 * - "top(s)", "bottom(s)": garments ("a women's top", "tops under $30", "matching bottoms", "un top de
 *   encaje"), not a rank, a place or a verb ("top quality", "top 10", "the top one", "on top", "at the
 *   bottom", "bottom line", "top it up", "50 bucks tops"), nor a word describing the kind after it ("a top
 *   hat", "a bottom sheet", "top coat"), nor a garment the one sought is worn over or under ("a jacket
 *   to wear over a top", "una chaqueta para ponerme encima de un top": a companion, no wish), nor
 *   Spanish slang for "great" ("está top esa chaqueta", "algo top para mi novia", "lo más top").
 * - "exterior(es)": the outdoors after "de", "para" or "al" ("una mesa de exterior", "muebles para exterior"),
 *   not the outside of something ("the exterior is leather", "el exterior del bolso").
 * - "pendiente(s)": earrings, not "pending" ("el pedido está pendiente", "pagos pendientes", "pendientes
 *   de pago"); the singular only after a determiner ("un pendiente de oro").
 * A word standing alone (the whole message, a whole product type) names the kind.
 */
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import { fold, singular, type Token } from './text.ts';

/**
 * Spanish determiners, possessives and demonstratives; not "esta"/"estas", which fold together with
 * the verb "está" ("está cerca", "está cómoda").
 */
const DET_ES = new Set(['el', 'la', 'los', 'las', 'un', 'una', 'unos', 'unas', 'del', 'al', 'mi', 'mis', 'tu', 'tus', 'su', 'sus', 'nuestro', 'nuestra', 'nuestros', 'nuestras', 'este', 'estos', 'ese', 'esa', 'esos', 'esas', 'otro', 'otra', 'nuevo', 'nueva']);
/** English determiners, possessives and demonstratives. */
const DET_EN = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'my', 'your', 'our', 'his', 'her', 'their', 'one', 'another', 'new']);
/** Words that make the next word a feature of a product named before ("with lights", "con luces"). */
const WITH = new Set(['with', 'without', 'w', 'con', 'sin']);
/** Words before an English adjective ("something light", "too light", "it is light"). */
const BEFORE_ADJECTIVE_EN = new Set([
  'something', 'anything', 'nothing', 'very', 'too', 'so', 'more', 'less', 'most', 'really', 'quite', 'super', 'extra', 'pretty',
  'is', 'are', 'was', 'were', 'be', 'being', 'been', 'feel', 'feels', 'felt', 'look', 'looks', 'stay', 'keep', 'pack', 'travel', 'nice',
  'and', 'or', 'but', 'enough', 'fairly', 'rather', 'relatively', 'it', 'them', 'go', 'dress', 'dressed', 'wear',
]);
/** Words that can follow a noun "light" (prepositions, connectors, politeness). */
const AFTER_NOUN_EN = new Set(['thanks', 'thank', 'thx', 'for', 'to', 'with', 'in', 'on', 'under', 'over', 'at', 'near', 'by', 'from', 'of', 'that', 'which', 'please', 'pls', 'and', 'or', 'i', 'we', 'you', 'is', 'are', 'do', 'does', 'did', 'have', 'has', 'would', 'will', 'should', 'could']);
/** Nouns measured in quarters ("un cuarto de kilo", "cuarto de hora"). */
const MEASURES = new Set(['hora', 'horas', 'kilo', 'kilos', 'kg', 'litro', 'litros', 'libra', 'libras', 'galon', 'taza', 'tazas', 'cucharada', 'siglo', 'milla', 'metro', 'metros', 'pulgada', 'final', 'finales', 'parte', 'vuelta']);
/** Quantities before "light"/"luz" in its sense of light itself ("mucha luz", "more light"). */
const AMOUNT = new Set(['mucha', 'poca', 'mas', 'menos', 'buena', 'mala', 'dar', 'a']);

/**
 * Words before "pendientes" that make it "pending" ("están pendientes", "pagos pendientes", "tengo cosas
 * pendientes"): forms of being and staying, and what is left pending.
 */
const PENDING_BEFORE = new Set([
  'esta', 'estan', 'estamos', 'estoy', 'estas', 'estar', 'queda', 'quedan', 'sigue', 'siguen', 'sigo', 'seguimos', 'quedaron', 'quedaba', 'quedaban',
  'cosas', 'pagos', 'pedidos', 'tareas', 'asuntos', 'temas', 'cuentas', 'facturas', 'ordenes', 'compras', 'envios', 'deudas', 'mensajes', 'cuotas', 'entregas', 'devoluciones', 'reembolsos',
]);
/** Words after "pendientes de" that make it "waiting for" ("pendientes de pago", "pendiente de envío"). */
const PENDING_OF = new Set(['pago', 'pagar', 'envio', 'enviar', 'entrega', 'entregar', 'confirmacion', 'confirmar', 'aprobacion', 'aprobar', 'revision', 'revisar', 'respuesta', 'recibir', 'stock', 'reposicion']);

/** Nouns an ordinal comes before ("el cuarto piso", "cuarto lugar"). */
const ORDINAL_NOUNS = new Set(['piso', 'pisos', 'lugar', 'puesto', 'dia', 'mes', 'ano', 'grado', 'nivel', 'capitulo', 'intento', 'trimestre', 'partido', 'hijo', 'hija', 'round', 'tiempo']);

const isNumber = (w: string | undefined): boolean => w !== undefined && /^\d/.test(w);

/** "cuarto(s)" as a room: after a determiner or "para", not an ordinal before its noun, not a quarter of a measure. */
function isRoomAfter(prev: string | undefined, next: string | undefined, next2: string | undefined): boolean {
  if (prev === undefined || !(DET_ES.has(prev) || prev === 'para')) return false;
  if (next !== undefined && ORDINAL_NOUNS.has(next)) return false;
  return !(next === 'de' && next2 !== undefined && MEASURES.has(next2));
}

/** How each ambiguous word is told apart: given the words before and after it. */
const RULES: Readonly<Record<string, (prev: string | undefined, next: string | undefined, next2: string | undefined) => boolean>> = {
  light: (prev, next) => {
    if (prev !== undefined && (BEFORE_ADJECTIVE_EN.has(prev) || WITH.has(prev))) return false;
    if (next === undefined) return true;
    // "a light and a rug", but "light and airy".
    if (next === 'and' || next === 'or') return prev !== undefined && DET_EN.has(prev);
    return AFTER_NOUN_EN.has(next);
  },
  lights: (prev, next) => !(prev !== undefined && WITH.has(prev)) && next !== 'up' && next !== 'out',
  luz: (prev, next) => !(prev !== undefined && (WITH.has(prev) || AMOUNT.has(prev) || prev === 'de')) && next !== 'natural',
  luces: (prev) => !(prev !== undefined && WITH.has(prev)),
  cuarto: (prev, next, next2) => isRoomAfter(prev, next, next2),
  cuartos: (prev, next, next2) => isRoomAfter(prev, next, next2),
  sala: (_prev, next) => next !== 'de',
  salas: (_prev, next) => next !== 'de',
  salon: (prev, next) => prev !== undefined && (DET_ES.has(prev) || prev === 'de' || prev === 'para') && next !== 'de',
  living: (prev) => prev !== undefined && (DET_ES.has(prev) || prev === 'de' || prev === 'para'),
  bano: (prev, next) => prev !== undefined && (DET_ES.has(prev) || prev === 'de' || prev === 'para') && next !== 'de',
  americana: (prev) => prev === undefined || DET_ES.has(prev),
  americanas: (prev) => prev === undefined || DET_ES.has(prev),
  comoda: (prev) => prev !== undefined && (DET_ES.has(prev) || prev === 'de' || prev === 'para'),
  comodas: (prev) => prev !== undefined && (DET_ES.has(prev) || prev === 'de' || prev === 'para'),
  cerca: (prev) => prev !== undefined && (DET_ES.has(prev) || prev === 'para'),
  cuadro: (prev) => !(prev === 'a' || prev === 'de'),
  cuadros: (prev) => !(prev === 'a' || prev === 'de'),
  drawer: () => false,
  drawers: (prev) => !(prev !== undefined && (WITH.has(prev) || isNumber(prev) || ['two', 'three', 'four', 'five', 'six', 'dos', 'tres', 'cuatro', 'cinco', 'seis'].includes(prev))),
  puff: (prev) => prev !== undefined && (DET_ES.has(prev) || DET_EN.has(prev) || prev === 'de' || prev === 'para'),
  puf: (prev) => prev !== undefined && (DET_ES.has(prev) || DET_EN.has(prev) || prev === 'de' || prev === 'para'),
  pendiente: (prev) => prev !== undefined && DET_ES.has(prev),
  exterior: (prev) => prev === 'de' || prev === 'para' || prev === 'al',
  exteriores: (prev) => prev === 'de' || prev === 'para',
  pendientes: (prev, next, next2) => !(prev !== undefined && PENDING_BEFORE.has(prev)) && !(next === 'de' && next2 !== undefined && PENDING_OF.has(next2)),
};

/**
 * Words after "lamparita(s)" that make it a light bulb: a technology, a socket, a wattage or colour of
 * light ("lamparita led", "lamparita e27", "lamparitas de 60w", "lamparita de bajo consumo", "lamparita luz cálida").
 */
const BULB_AFTER = /^(?:led|leds|e\d\d|gu\d+|mr\d+|g9|g4|\d+w|\d+|bajo|incandescentes?|halogenas?|dicroicas?|fria|frias|calida|calidas|luz|inteligentes?|smart|wifi|rosca|repuesto|filamento|bipin)$/;
/** "lamparita(s)" as a light bulb: a bulb word after it, or after its "de" ("lamparita de 60 w"). */
function bulbAt(next: string | undefined, next2: string | undefined): boolean {
  if (next === undefined) return false;
  return BULB_AFTER.test(next) || (next === 'de' && next2 !== undefined && BULB_AFTER.test(next2));
}

/** "echar un cable" in its forms (folded): "echar", "echas", "echáis", "échame", "echadme", "echarme". */
const ECHAR = /^ech(?:ar|o|as|a|amos|ais|an|e|es|en|emos|eis|ame|adme|anos|adnos|arme|arnos|arle|ale|enme|eme|ado|ando)$/;

/** "top(s)" and "bottom(s)", which name garments only in some places ({@link garmentAt}). */
const GARMENT_WORDS = new Set(['top', 'tops', 'bottom', 'bottoms']);
/** Words after "top"/"bottom" that make it a rank, a part or a verb ("top quality", "top of", "bottom line", "top up", "top ventas"). */
const RANK_AFTER = new Set([
  'of', 'up', 'off', 'it', 'quality', 'notch', 'rated', 'brand', 'brands', 'name', 'names', 'seller', 'sellers', 'selling', 'pick', 'picks',
  'choice', 'choices', 'one', 'ones', 'tier', 'end', 'line', 'price', 'prices', 'deal', 'deals', 'dollar', 'rate', 'range', 'spot', 'level',
  'layer', 'floor', 'shelf', 'drawer', 'half', 'row', 'part', 'side', 'speed', 'priority', 'list', 'rank', 'ranked', 'performing',
  'recommendation', 'recommendations', 'product', 'products', 'item', 'items', 'model', 'models', 'condition', 'shape', 'form', 'most',
  'five', 'ten', 'three', 'twenty', 'hundred', 'ventas', 'venta', 'calidad', 'marca', 'marcas', 'gama', 'modelo', 'modelos', 'precio',
]);
/** Words before them that make a place or a verb ("on top", "from top to bottom", "rock bottom", "to top it off"). */
const PLACE_BEFORE = new Set(['on', 'over', 'at', 'from', 'to', 'rock', 'near', 'towards', 'toward', 'arriba', 'abajo']);
/** Money words a "tops" closes as "at most" ("50 bucks tops"). */
const MONEY = new Set(['bucks', 'dollars', 'dollar', 'euros', 'euro', 'quid', 'pounds', 'pesos', 'usd', 'eur', 'gbp', 'mxn', 'k', 'grand']);
/**
 * Words before a garment that say the one sought is worn over or under it ("a jacket to wear over a
 * top", "encima de un top", "debajo de mi top"): that garment is a companion, not what is sought.
 */
const WORN_WITH = new Set(['over', 'under', 'underneath', 'beneath', 'encima', 'debajo', 'sobre']);
/** Words "worn over" may stand apart from the garment by: determiners, possessives, "de", a colour or a fit. */
const COMPANION_GAP = 3;
/**
 * Whether the words just before the garment named from `i` say the one sought is worn over or under it
 * ({@link WORN_WITH}, at most {@link COMPANION_GAP} words apart and with no number or punctuation
 * between: "over a black top", "encima de un top"; not "under 50 tops").
 * A kind named by several words ("over a tank top") is for the caller to ask of its first word.
 */
export function wornWithAt(toks: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 1 - COMPANION_GAP); j--) {
    const w = toks[j] as Token;
    // Not across a number ("under 50 tops" is a budget) nor across punctuation ("over there, tops").
    if (isNumber(w.w) || (toks[j + 1] as Token).start - w.end > 1) return false;
    if (WORN_WITH.has(w.w)) return true;
  }
  return false;
}

/**
 * Spanish words before "top" that make it slang for "great, the best": an adverb, a verb of being or a
 * pronoun ("está top", "muy top", "lo más top", "algo top", "te queda top"); a garment follows a
 * determiner ("un top", "el top", "este top").
 */
const PRAISE_BEFORE = new Set(['algo', 'muy', 'mas', 'super', 're', 'bien', 'tan', 'bastante', 'esta', 'estan', 'es', 'lo', 'sea', 'sean', 'ser', 'estar', 'queda', 'quedan', 'demasiado', 'mega', 'ultra', 'requete']);

/** One-word names of kinds of the table: a "top"/"bottom" right before one describes it ("top hat", "bottom sheet"). */
const KIND_WORDS = new Set(CATEGORY_SYNONYMS.flatMap((g) => [...g.en, ...g.es]).map((w) => fold(w)).filter((w) => !w.includes(' ')).map(singular));

/**
 * Whether "top(s)"/"bottom(s)" at `i` is a garment: not before a word that makes it a rank or part
 * ({@link RANK_AFTER}), a number ("top 10") or a kind it describes ("top hat"; unless a comma parts
 * them: "tops, jeans"), not after a word that makes it a place ("on top", "at the bottom"), and not
 * "tops" closing an amount ("$50 tops", "50 bucks tops").
 */
function garmentAt(toks: readonly Token[], i: number): boolean {
  const t = toks[i] as Token;
  const prev = toks[i - 1]?.w;
  const next = toks[i + 1];
  if (next !== undefined) {
    // Only a word right after it (no comma between) describes or ranks with it: "a top, one in blue" does not.
    const joined = next.start - t.end <= 1;
    if (joined && (RANK_AFTER.has(next.w) || isNumber(next.w) || (KIND_WORDS.has(singular(next.w)) && !GARMENT_WORDS.has(next.w)))) return false;
  }
  if (prev !== undefined) {
    if (PLACE_BEFORE.has(prev)) return false;
    // "está top esa chaqueta", "algo top para mi novia", "lo más top que tengan": great, the best.
    if (t.w === 'top' && PRAISE_BEFORE.has(prev)) return false;
    // "a jacket to wear over a (black) top", "encima de un top": what the one sought is worn with.
    if (wornWithAt(toks, i)) return false;
    if (prev === 'the' && PLACE_BEFORE.has(toks[i - 2]?.w ?? '')) return false;
    if (t.w === 'tops' && (MONEY.has(prev) || (isNumber(prev) && (next === undefined || next.start - t.end > 1)))) return false;
  }
  return true;
}

/**
 * Whether the one-word category term at `i` names its kind there (true for every word without an
 * everyday sense). A word alone in `toks` always does.
 */
export function namesKindAt(toks: readonly Token[], i: number): boolean {
  const t = toks[i];
  if (!t) return false;
  if (toks.length === 1) return true;
  if (GARMENT_WORDS.has(t.w)) return garmentAt(toks, i);
  if (t.w === 'lamparita' || t.w === 'lamparitas') return bulbAt(toks[i + 1]?.w, toks[i + 2]?.w);
  // "me echáis un cable": a hand, no cable ("echar" a word or two before: "échame un cable", "echar una mano o un cable").
  if ((t.w === 'cable' || t.w === 'cables') && toks.slice(Math.max(0, i - 3), i).some((p) => ECHAR.test(p.w))) return false;
  const rule = RULES[t.w];
  if (!rule) return true;
  return rule(toks[i - 1]?.w, toks[i + 1]?.w, toks[i + 2]?.w);
}

/**
 * Singular keys of the words above; not "lamparita" nor "cable", whose other sense (a lamp, a hand) is
 * never a shop's: an entry holding them ("USB Cables", "Lamparitas LED") names their kind.
 */
const KEYS = new Set([...Object.keys(RULES), ...GARMENT_WORDS].map(singular));

/**
 * Whether a phrase key is one of these words: a shop entry only partly made of it ("Light Jackets",
 * "Tea Light Candles") does not stand for its kind.
 */
export function hasOtherSense(key: string): boolean {
  return KEYS.has(key);
}
