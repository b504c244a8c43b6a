/**
 * A thing asked for by a name this shop has no word of: "do you have a barbecue grill?", "a hammock?",
 * "do you sell lawn mowers?", "¿tienen hamacas?". The entity rules know kinds from the synonym table and
 * the shop's types and tags; a kind in neither, whose words are in no title, description or tag of the
 * shop, is a kind the shop does not sell. Read as nothing, the answer would be the shop's best-sellers
 * called satisfied; it says instead that nothing is that (`constraints.relaxed: ["category"]`).
 *
 * Only a thing asked for as such counts: after "do you have / sell / carry", "got any", "I need / want",
 * "looking for", "¿tienen / venden / hay", "busco / necesito / quiero", with a verb of getting or not
 * ("I want to buy a vacuum cleaner", "quiero comprar una aspiradora") (not "¿tiene …?": does *it*
 * have), or a message that is the name alone after an article, asked or not ("a hammock?", "a barbecue
 * grill", "una parrilla para el asado", nothing else read from it: not "a medium", "cheaper?", "¿viene
 * en plateado?"), or the name alone and the place it is for ("a grill for the patio", "una hamaca para el
 * jardín": one word, the place read as its kinds); its first words up to a word that starts another phrase ("for", "under",
 * "para", …). And only when the intent read nothing of a kind, brand or title word from the message,
 * or when the name's last word, the thing itself, is none of the shop's words nor of what was read
 * ("a patio umbrella": the patio is read as the kinds used outdoors, the umbrella is what is asked),
 * and names no sort of things ("garden tools", "outdoor furniture": a family of kinds or a generic word).
 *
 * A message of one word and nothing else ("hammock", "¿paraguas?", "rustic") is {@link unmentionedWord}'s:
 * whether it names a thing or says a look cannot be told from one word, but that no product of the shop
 * mentions it can, and the answer says that instead.
 * Pure.
 */
import { isCategoryTerm, phraseKey } from '../intent/catalogVocabulary.ts';
import type { IntentEntities, IntentType } from '../intent/types.ts';
import { detectLanguage } from '../intent/language.ts';
import { PATTERNS } from '../intent/patterns.ts';
import { fold } from '../intent/text.ts';
import type { ConstraintOutcome } from './constraints.ts';
import { phrase } from './productText.ts';
import { wordForms, type TitleWords } from './titleTerms.ts';

/** Words of asking for a thing, before its name (folded). */
const ASK = new RegExp(
  String.raw`(?:^|[^\p{L}])(?:do\s+(?:you|u|y'all)\s+(?:guys\s+)?(?:have|sell|carry|stock|do)|does\s+(?:the\s+|your\s+)?(?:shop|store)\s+(?:have|sell|carry)|have\s+you\s+got|got\s+any|(?:i|we)\s+(?:need|want|would\s+like|am\s+looking\s+for|are\s+looking\s+for|m\s+looking\s+for)|i'm\s+looking\s+for|looking\s+for|(?:tienen|tenes|tenéis|teneis|venden|vendes|vendeis|hay|manejan|busco|buscamos|necesito|necesitamos|quiero|queremos)|(?:estoy|ando)\s+buscando)\s+(?:(?:to\s+)?(?:buy|get|order|find|purchase|comprar|conseguir|encontrar|pedir|regalar)\s+)?(?:any\s+|some\s+|a\s+|an\s+|un\s+|una\s+|unos\s+|unas\s+|algun\s+|alguna\s+|algunos\s+|algunas\s+)?([\p{L}][\p{L}' -]*)`,
  'u',
);
/** A negation right before the words of asking: "no quiero", "I don't want", "ya no necesito". */
const NOT_ASKED = /(?:^|[^\p{L}'])(?:no|not|don't|dont|do not|never|nunca|ni|tampoco|didn't|didnt|won't|wont)\s*[^\p{L}]?$/u;
/**
 * A message that is only a name after an article, asked or not: "a hammock?", "a barbecue grill", "any
 * curtains?", "¿unas hamacas?", "una parrilla para el asado" (not "cheaper?", "¿viene en plateado?").
 */
const BARE = /^\s*[¿]?\s*(?:(?:and|also|y|tambien)\s+)?(?:any|some|a|an|un|una|unos|unas)\s+([\p{L}][\p{L}' -]*?)\s*[?!.]*\s*$/u;
/**
 * A message that is one name and the place it is for, nothing else: "a grill for the patio", "una hamaca
 * para el jardín", "sombrilla para la terraza" (the article may be left out). The place is read as the
 * kinds used there, so the name is the thing itself.
 */
const NAME_FOR_PLACE = /^\s*[¿]?\s*(?:(?:a|an|some|un|una|unos|unas)\s+)?([\p{L}][\p{L}'-]*)\s+(?:for|para|pa)\s+[^?.!]*[?.!]*\s*$/u;
/** A message that is one word alone: "hammock", "tiaras?", "¿hamacas?" ({@link unmentionedWord}). */
const NAKED = /^\s*[¿¡]?\s*([\p{L}][\p{L}'-]*)\s*[?!.]*\s*$/u;
/**
 * Words that, alone, are chat or a way of shopping, not a thing asked for, and that a classifier taught
 * on shoppers' messages may never have seen ("idk", "jajaja", "browse"): {@link unmentionedWord}.
 */
const NOT_NAMED = new Set([
  // Ways of shopping.
  'browse', 'browsing', 'explore', 'exploring', 'explorar', 'curioseando',
  // Chat, English.
  'sup', 'idk', 'dunno', 'nvm', 'brb', 'tbh', 'imo', 'imho', 'btw', 'omg', 'wtf', 'smh', 'lol', 'lmao', 'rofl', 'haha', 'hahaha', 'hehe', 'ahh', 'ah',
  'oh', 'ooh', 'oops', 'whoa', 'wow', 'ugh', 'meh', 'um', 'umm', 'uh', 'hm', 'hmm', 'hmmm', 'yup', 'nah', 'nope', 'ty', 'tysm', 'thx', 'np', 'agreed',
  'sorry', 'bye', 'goodbye', 'hello', 'hi', 'hey', 'please', 'plz', 'porfavor', 'ok', 'okie', 'yay', 'yea', 'woohoo', 'hurray', 'hooray', 'yikes',
  'congrats', 'cheers', 'bravo', 'fab', 'weird', 'strange', 'wrong', 'correct', 'superb', 'xd', 'bruh', 'test', 'testing', 'asdf',
  // Chat, Spanish.
  'hola', 'adios', 'chau', 'chao', 'perdon', 'disculpa', 'jaja', 'jajaja', 'jeje', 'jejeje', 'jiji', 'ajaja', 'uf', 'uff', 'ufff', 'bah', 'okey', 'oki',
  'sip', 'nop', 'divino', 'divina', 'brutal',
  // The shop's pages and terms, not its products.
  'menu', 'eta', 'rrp', 'msrp', 'vat', 'iva', 'sku', 'faq', 'faqs', 'cod', 'tax', 'undo', 'reset', 'restart', 'exit', 'status', 'wishlist', 'login',
  'logout', 'signin', 'signup', 'register', 'password', 'email', 'contact', 'agent', 'human', 'support', 'chat', 'favorites', 'favourites', 'favoritos',
  // Whom a product is for, not what.
  'unisex',
]);

/**
 * Endings of words that say how a thing is, or how, rather than name one ("beautiful", "amazing",
 * "comfy", "seriously", "hermoso", "espectacular", "rápidamente"), or a Spanish verb ("comprar", "mirar"): a word
 * alone with one of them is no name (a thing with such a name, "swing", is left unsaid, as before).
 */
const NOT_A_NAME_ENDING = /(?:y|ful|ous|ive|ing|able|ible|ish|less|est|oso|osa|osos|osas|mente|isimo|isima|ar|er|ir)$/;

/** A letter said three times or more: a word drawn out in chat ("hiii", "hellooo", "buenasss"), no name. */
const DRAWN_OUT = /(\p{L})\1\1/u;

/** First words of {@link NAME_FOR_PLACE} that are no name: a verb or a joining word ("looking for…", "sirve para…", "and for outdoors?"). */
const NOT_PLACED = new Set([
  'looking', 'look', 'searching', 'search', 'shopping', 'shop', 'browsing', 'browse', 'sirve', 'sirven', 'vale', 'valen', 'and', 'also', 'just', 'only', 'y', 'tambien', 'solo', 'nada', 'todo', 'all', 'go', 'ir', 'voy', 'vamos',
  // A turn moving on ("now for the garden instead", "ahora para el jardín"; MCP probe: "nothing called now").
  'now', 'instead', 'then', 'so', 'ok', 'okay', 'but', 'maybe', 'ahora', 'entonces', 'luego', 'pero', 'mejor', 'bueno', 'pues', 'quizas', 'tal',
]);

/** Words that end a thing's name ("a grill *for* the garden", "hamacas *para* el jardín"). */
const ENDS = new Set([
  'for', 'with', 'without', 'under', 'below', 'over', 'around', 'in', 'on', 'at', 'to', 'that', 'which', 'please', 'pls', 'thanks', 'and', 'or', 'but', 'from',
  'para', 'con', 'sin', 'de', 'en', 'que', 'por', 'y', 'o', 'pero', 'menos', 'hasta', 'porfa',
]);
/**
 * Words that are no name of a product ("do you have *something*", "I need *help*", "busco *algo*"), or
 * name the shop's service ("do you have a *return policy*?", "¿tienen *envío* gratis?"): a name with one
 * of them is asked of no product.
 */
const NO_THING = new Set([
  'something', 'anything', 'one', 'ones', 'it', 'them', 'this', 'that', 'these', 'those', 'help', 'more', 'other', 'others', 'time', 'idea', 'ideas',
  'gift', 'gifts', 'present', 'stock', 'sale', 'sales', 'discount', 'discounts', 'free', 'shipping', 'delivery', 'return', 'returns', 'info',
  'information', 'policy', 'refund', 'refunds', 'exchange', 'exchanges', 'warranty', 'guarantee', 'store', 'shop', 'location', 'hours', 'coupon',
  'code', 'promo', 'size', 'sizes', 'color', 'colors', 'colour', 'colours', 'pickup', 'payment', 'payments', 'installments', 'account', 'order',
  'orders', 'tracking', 'recommendation', 'recommendations', 'suggestion', 'suggestions', 'option', 'options', 'card', 'cards', 'money', 'budget',
  'nothing', 'nada', 'ninguno', 'ninguna', 'algo', 'otro', 'otra', 'otros', 'otras', 'mas', 'ayuda', 'regalo', 'regalos', 'oferta', 'ofertas', 'descuento', 'descuentos', 'envio', 'envios',
  'devolucion', 'devoluciones', 'politica', 'garantia', 'cambio', 'cambios', 'tienda', 'local', 'horario', 'cupon', 'codigo', 'talla', 'tallas',
  'colores', 'pago', 'pagos', 'cuotas', 'pedido', 'pedidos', 'recomendacion', 'recomendaciones', 'opcion', 'opciones', 'tarjeta',
  'tarjetas', 'dinero', 'presupuesto',
  // How a thing compares, not a name ("a lot cheaper?", "¿qué otra cosa hay parecida?").
  'lot', 'bit', 'little', 'tad', 'cheaper', 'dearer', 'pricier', 'cheap', 'expensive', 'similar', 'same', 'different', 'else', 'better', 'bigger', 'smaller',
  'parecido', 'parecida', 'parecidos', 'parecidas', 'similares', 'igual', 'iguales', 'distinto', 'distinta', 'diferente', 'diferentes', 'barato', 'barata',
  'baratos', 'baratas', 'caro', 'cara', 'caros', 'caras', 'mejor', 'cosa', 'cosas',
  // Talk, not a name ("why?", "ok?", "thanks?", "¿qué?").
  'what', 'why', 'how', 'who', 'when', 'where', 'which', 'yes', 'yeah', 'yep', 'no', 'nope', 'ok', 'okay', 'thanks', 'thank', 'hi', 'hello', 'hey',
  'sure', 'really', 'cool', 'great', 'nice', 'perfect', 'awesome', 'lol', 'hmm', 'si', 'vale', 'gracias', 'hola', 'que', 'como', 'cual', 'cuales',
  'donde', 'cuando', 'porque', 'bueno', 'dale', 'listo', 'genial', 'perfecto', 'the', 'el', 'la', 'los', 'las', 'my', 'mi', 'your', 'tu', 'su',
  // Spending, not a thing ("si quiero gastar menos", "I want to spend less").
  'gastar', 'pagar', 'ahorrar', 'invertir', 'spend', 'pay', 'save',
  // "A ver qué tienes", "quiero ver qué hay": seeing, not a thing.
  'ver',
  // A size said alone ("a medium", "una mediana").
  'small', 'medium', 'large', 'petite', 'mediano', 'mediana', 'pequeno', 'pequena',
  // What a gift is, not which thing ("a surprise for the garden party", "un detalle para el jardín").
  'surprise', 'treat', 'detalle', 'detallito', 'detallitos', 'sorpresa', 'obsequio', 'souvenir', 'recuerdo', 'inspiration', 'inspiracion', 'decor', 'decoracion',
]);

/** The words of the patterns a shopper names ("a cuadros", "a rayas", "polka dots"; intent/patterns.ts): a look, not a thing. */
const PATTERN_WORDS: ReadonlySet<string> = new Set(Object.values(PATTERNS).flatMap((p) => [...p.forms, ...(p.spoken ?? [])]).flatMap((f) => fold(f).split(/[\s-]+/)));

/** Whether a word names no thing: {@link NO_THING}'s, or a pattern's. */
const noThing = (w: string): boolean => NO_THING.has(w) || PATTERN_WORDS.has(w);

/**
 * Last words of a name that say what sort of things, not which thing ("garden *tools*", "kitchen
 * *stuff*", "bath *accessories*"): what comes before them is read (the kinds of the garden, the
 * kitchen), and the shop may well have such things under other names.
 */
const GENERIC_HEADS = new Set([
  'tool', 'tools', 'stuff', 'thing', 'things', 'item', 'items', 'supply', 'supplies', 'accessory', 'accessories', 'equipment', 'gear', 'essential',
  'essentials', 'product', 'products', 'good', 'goods', 'set', 'sets', 'kit', 'kits', 'utensil', 'utensils', 'piece', 'pieces', 'ware',
  'cosa', 'cosas', 'articulo', 'articulos', 'herramienta', 'herramientas', 'accesorio', 'accesorios', 'producto', 'productos', 'utensilio', 'utensilios',
]);

/** The name of the thing a message asks for ({@link ASK}, {@link BARE}), up to three words, folded; or undefined. */
export function askedName(text: string): string | undefined {
  return askedThing(text)?.name;
}

/** {@link askedName}, and whether the name was said with nothing else (`bare`: {@link BARE}) rather than after words of asking. */
function askedThing(text: string): { readonly name: string; readonly bare: boolean } | undefined {
  const t = fold(text.normalize('NFC')).replace(/\s+/g, ' ');
  const asked = ASK.exec(t);
  const m = asked ?? BARE.exec(t);
  // Not wanted ("no quiero chaquetas", "I don't need a hammock"): no thing is asked for.
  if (!m || NOT_ASKED.test(t.slice(0, m.index + 1))) return undefined;
  const words: string[] = [];
  for (const w of (m[1] as string).split(/[\s-]+/)) {
    if (w === '' || ENDS.has(w)) break;
    words.push(w);
    if (words.length === 3) break;
  }
  if (words.length === 0 || words.some(noThing)) return undefined;
  return { name: words.join(' '), bare: asked === null };
}

/**
 * Whether the entities read anything of a message besides kinds: a look, a size, a budget, a person, a
 * refusal… A name said alone ({@link askedThing} `bare`) with any of them is no thing asked for ("a
 * medium", "something red", "cheaper ones").
 */
function readsMore(e: IntentEntities): boolean {
  return (
    e.colours.length > 0 ||
    (e.materials?.length ?? 0) > 0 ||
    e.sizes.length > 0 ||
    e.rejections.length > 0 ||
    e.budget !== undefined ||
    e.audience !== undefined ||
    e.recipient !== undefined ||
    e.occasion !== undefined ||
    e.pricePreference !== undefined ||
    e.priceRelative !== undefined ||
    e.onSale === true ||
    e.place !== undefined
  );
}

/** The one-word name of {@link NAME_FOR_PLACE} when the place was read, or undefined. */
function placedName(text: string, e: IntentEntities): string | undefined {
  if (e.place === undefined) return undefined;
  const w = NAME_FOR_PLACE.exec(fold(text.normalize('NFC')).replace(/\s+/g, ' '))?.[1];
  return w === undefined || NOT_PLACED.has(w) || noThing(w) ? undefined : w;
}

/** How a message of one word was read ({@link unmentionedWord}): its intent, and the words the classifier knows. */
export interface ReadAs {
  readonly type: IntentType;
  /** Whether the classifier was taught the word (said by a shopper of its corpus). */
  readonly knownWord: (word: string) => boolean;
}

/** Whether the entities read a thing from the message: a kind, a brand or a word of the shop's products. */
function readSomething(e: IntentEntities): boolean {
  return e.categories.length > 0 || e.brands.length > 0 || (e.terms?.length ?? 0) > 0 || (e.purposes?.length ?? 0) > 0;
}

/**
 * The name of a thing asked for that the shop has no word of (see the module comment), or undefined:
 * `e` is what the intent read from this message, `words` the shop's title, description and tag words.
 */
export function unknownKind(text: string, e: IntentEntities, words: TitleWords): string | undefined {
  if (words.size === 0) return undefined;
  const known = (w: string): boolean => wordForms(w).some((f) => words.df.has(f) || words.described.has(f));
  // One word beside the place it is for ("a grill for the patio"): that word is the thing.
  const placed = placedName(text, e);
  if (placed !== undefined) {
    const key = phrase(placed);
    return key.length < 3 || known(key) || GENERIC_HEADS.has(key) || isCategoryTerm(phraseKey(key)) ? undefined : placed;
  }
  const thing = askedThing(text);
  if (thing === undefined || (thing.bare && readsMore(e))) return undefined;
  const name = thing.name;
  const keys = phrase(name).split(' ').filter((w) => w.length >= 3);
  if (keys.length === 0) return undefined;
  if (!readSomething(e)) return keys.some(known) ? undefined : name;
  // Something else was read ("patio": the kinds used outdoors): a name of two words or more whose last
  // word, the thing itself, is no word of the shop and of nothing read is still a thing the shop lacks
  // ("do you have a patio umbrella?", "I need a garden gnome"). English names end with the thing;
  // Spanish ones start with it ("collares plateados", "macetas baratas"), so none is read so.
  const head = keys.at(-1) as string;
  if (keys.length < 2 || spanishOrder(text, name, keys) || known(head) || GENERIC_HEADS.has(head) || isCategoryTerm(phraseKey(head))) return undefined;
  const read = [...e.categories, ...e.brands, ...(e.terms ?? []), ...(e.purposes ?? [])].flatMap((v) => phrase(v).split(' '));
  return wordForms(head).some((f) => read.includes(f)) ? undefined : name;
}

/**
 * Whether a name of several words puts the thing first, as Spanish does ("collares plateados", "tenis
 * blancos"): the message is Spanish, or the name is, opening with a kind of the synonym table, whatever
 * language the words around it are in ("do you have tenis blancos?": the sneakers were read; the English
 * lead-in made "blancos" the thing, which the shop has nothing called).
 */
function spanishOrder(text: string, name: string, keys: readonly string[]): boolean {
  if (detectLanguage(text) === 'es') return true;
  return isCategoryTerm(phraseKey(keys[0] as string)) && detectLanguage(name) === 'es';
}

/**
 * The word of a message that is one word and nothing else, the first of a conversation ("hammock",
 * "¿paraguas?", "rustic"), when no product of the shop mentions it, or undefined.
 *
 * Only a word asked for counts: read as browsing, or as research (a word asked: "tiaras?"), not as a
 * purchase ("checkout", "cart") or a comparison; one the classifier was never taught, in either language
 * (the talk of the shoppers it learned from is no ask: "thanks", "mom", "verano", "quiero", "cute",
 * "warranty?"); no chat it may not know ("idk", "jajaja", "login", "hiii"), nor a word with the ending of a way
 * of being or a verb ("amazing", "comfy", "hermoso", "comprar"); and nothing else read of it (a kind,
 * a look, a person, a place). `shop`: its title, description and tag words, and its vendors' names
 * (`unknownBrand.ts` `vendorNames`: "rustic" is mentioned by the vendor Rustic LTD).
 */
export function unmentionedWord(text: string, e: IntentEntities, shop: { readonly words: TitleWords; readonly vendors: ReadonlySet<string> }, read: ReadAs): string | undefined {
  const { words, vendors } = shop;
  if (words.size === 0 || (read.type !== 'browsing' && read.type !== 'research') || readSomething(e) || readsMore(e)) return undefined;
  const w = NAKED.exec(fold(text.normalize('NFC')))?.[1];
  if (w === undefined || noThing(w) || NOT_NAMED.has(w) || NOT_PLACED.has(w) || NOT_A_NAME_ENDING.test(w) || DRAWN_OUT.test(w) || read.knownWord(w)) return undefined;
  const key = phrase(w);
  const forms = wordForms(key);
  const known = forms.some((f) => words.df.has(f) || words.described.has(f)) || [...vendors].some((v) => v.split(/[^\p{L}\p{N}]+/u).some((part) => forms.includes(part)));
  return key.length < 3 || known || GENERIC_HEADS.has(key) || isCategoryTerm(phraseKey(key)) ? undefined : w;
}

/** The outcome of a list for a word no product mentions ({@link unmentionedWord}): not satisfied, a sentence saying so. */
export function unmentionedOutcome(c: ConstraintOutcome, word: string): ConstraintOutcome {
  const sentence = `No product of this shop mentions "${word}": the products shown are other products.`;
  const relaxed = [...new Set([...(c.relaxed ?? []), 'category' as const])];
  return { ...c, satisfied: false, relaxed, reason: c.reason ? `${sentence} ${c.reason}` : sentence };
}

/** The outcome of a list for a thing the shop has none of: not satisfied, the kind let go, a sentence saying so. */
export function unknownKindOutcome(c: ConstraintOutcome, name: string): ConstraintOutcome {
  const sentence = `This shop has nothing called "${name}": the products shown are other products, not ${name}.`;
  const relaxed = [...new Set([...(c.relaxed ?? []), 'category' as const])];
  return { ...c, satisfied: false, relaxed, reason: c.reason ? `${sentence} ${c.reason}` : sentence };
}
