/**
 * What one turn of a conversation lets go of from the turns before it. A conversation's context keeps
 * what earlier turns said until a turn says otherwise (personalize/sessionContext.ts); saying nothing
 * of a kind keeps it, so letting go has to be said: in words ("forget the budget", "any price", "el
 * precio da igual"), or by a caller's explicitly empty list (`colours: []`: no colour any more).
 * Rule-based and pure.
 */
import type { Budget, IntentEntities } from './types.ts';
import { canonicalColour } from './colours.ts';
import { escapeRegExp, expandContractions, fold, singular } from './text.ts';
import { CHANGE_OF_MIND, CHANGE_OPENERS } from './rejections.ts';
import { isCategoryTerm } from './catalogVocabulary.ts';
import { recentMemo, RECENT_MESSAGES } from '../boundedMemo.ts';

/** A kind of what a conversation remembers that a turn may clear. */
export type ClearedKind = 'budget' | 'colour' | 'size' | 'brand' | 'category' | 'rejection' | 'sale';

/** The list fields of a structured intent (an API caller's or an agent's), as far as clearing goes. */
export interface StatedLists {
  readonly colours?: readonly unknown[];
  readonly sizes?: readonly unknown[];
  readonly brands?: readonly unknown[];
  readonly categories?: readonly unknown[];
  /** Must-not terms. */
  readonly exclude?: readonly unknown[];
}

const LIST_KINDS: readonly (readonly [keyof StatedLists, ClearedKind])[] = [
  ['colours', 'colour'],
  ['sizes', 'size'],
  ['brands', 'brand'],
  ['categories', 'category'],
  ['exclude', 'rejection'],
];

/**
 * The kinds a structured intent clears: each list given and empty. Absent says nothing (the
 * conversation's value holds); an empty list says "none any more".
 */
export function clearedByInput(input: StatedLists | undefined): ClearedKind[] {
  if (!input) return [];
  return LIST_KINDS.filter(([field]) => Array.isArray(input[field]) && (input[field] as readonly unknown[]).length === 0).map(([, kind]) => kind);
}

/**
 * Words that may open the clause of a change of mind before its verb ("actually, forget the budget",
 * "ok so let's forget the budget", "bueno, olvida el presupuesto").
 */
const OPENER = String.raw`(?:(?:actually|ok|okay|oh|no|nah|wait|so|well|just|let's|lets|let us|please|and|but|hmm|um|then|yeah|yes|sorry|hey|fine|alright|right|also|now|pues|bueno|vale|oye|ah|mira|entonces|y|pero|perdon|espera|mejor|ahora|en realidad|por favor|porfa)\s+){0,4}`;

/** A clause opens at the start of the text or after punctuation. */
const CLAUSE = String.raw`(?:^|[.,;:!?¡¿()\n"]\s*|\s[-–—]\s*)`;

/** What a budget is called: the limit itself, or what it limits (the price, the cost). */
const EN_LIMIT = String.raw`(?:budget|price\s+(?:limit|cap|range|ceiling|max(?:imum)?)|spending\s+(?:limit|cap)|spend\s+(?:limit|cap)|max(?:imum)?\s+price|price|prices|pricing|cost)`;
/** A budget named as a limit only: what a turn may "drop" or "remove" without asking for a discount ("drop the price"). */
const EN_LIMIT_ONLY = String.raw`(?:budget|(?:price|spending|spend)\s+(?:limit|cap|ceiling|max(?:imum)?)|max(?:imum)?\s+price)`;
const ES_LIMIT = String.raw`(?:presupuesto|limite\s+de\s+(?:precio|presupuesto|gasto)|tope(?:\s+de\s+(?:precio|presupuesto|gasto))?|precio\s+maximo|precio|precios|coste|costo)`;
const DET = String.raw`(?:(?:the|my|that|this|our|your|any|a)\s+)?`;
const ES_DET = String.raw`(?:(?:el|la|los|las|del|de|al|mi|ese|eso|lo|lo\s+del|lo\s+de)\s+)*`;
/** The clause ends here: end of text or punctuation. */
const END = String.raw`\s*(?=$|[.,;:!)\n"]|\s[-–—]\s)`;

/**
 * Sentences that let go of the budget, on folded text with English contractions expanded. Each is
 * specific to what a purchase may cost: "I can't forget her birthday", "don't forget it has to be under
 * 50", "price matters a lot to me", "can you drop the price?" or "I have no budget for that" say nothing
 * of the kind.
 */
const BUDGET_DROPS: readonly RegExp[] = [
  // A change of mind opening its clause: "forget (about) the budget", "never mind the price", "nvm the budget", "scrap the price limit".
  new RegExp(`${CLAUSE}${OPENER}(?:forget(?:\\s+about)?|never\\s*mind|nvm|scrap|scratch|ignore|disregard|do\\s+not\\s+worry\\s+about)\\s+${DET}${EN_LIMIT}\\b`, 'u'),
  new RegExp(`${CLAUSE}${OPENER}(?:drop|remove|lose|ditch|skip|lift|no\\s+need\\s+for)\\s+${DET}${EN_LIMIT_ONLY}\\b`, 'u'),
  // What it costs does not matter: "price doesn't matter", "the budget is not an issue", "money is no object".
  new RegExp(`\\b(?:the\\s+)?(?:price|prices|budget|cost|money|pricing)\\s+(?:really\\s+|just\\s+|honestly\\s+)?(?:does|do|is|are|will)\\s+not\\s+(?:really\\s+)?(?:matter|be\\s+(?:an?\\s+)?(?:issue|problem|concern)|an?\\s+(?:issue|problem|concern|object)|important|relevant)\\b(?!\\s+(?:as|so|that|too)?\\s*much)`, 'u'),
  /\b(?:the\s+)?(?:price|prices|budget|cost|money)(?:'s|\s+is|\s+are)\s+(?:no\s+(?:object|issue|problem|concern)|irrelevant|unlimited)\b/u,
  /\b(?:it\s+)?(?:does|do)\s+not\s+matter\s+(?:what\s+it\s+costs|how\s+much\s+it\s+costs|the\s+price|what\s+the\s+price\s+is)\b/u,
  /\b(?:i|we)\s+(?:really\s+)?(?:do\s+not|don't)\s+care\s+(?:about\s+(?:the\s+)?(?:price|prices|budget|cost)|how\s+much\s+it\s+costs|what\s+it\s+costs)\b/u,
  /\b(?:regardless\s+of|no\s+matter)\s+(?:the\s+)?(?:price|cost|budget|what\s+it\s+costs|how\s+much\s+it\s+costs)\b/u,
  /\bwhatever\s+(?:the\s+price|it\s+costs)\b/u,
  // Any price at all: "any price", "at any price", "any price is fine" (not "any price drops?").
  new RegExp(`\\b(?:(?:at|for)\\s+any\\s+price\\b|any\\s+(?:price|budget)(?:\\s+(?:range|point|level))?(?:\\s+(?:is|would\\s+be|will\\s+be)\\s+(?:fine|ok|okay|good|great))?(?:\\s+(?:works|goes|will\\s+do))?${END})`, 'u'),
  // No limit at all: "no budget", "no price limit", "without a spending cap", "no limit on the price", "unlimited budget".
  new RegExp(`${CLAUSE}${OPENER}(?:there\\s+is\\s+|i\\s+have\\s+|we\\s+have\\s+)?(?:no|without(?:\\s+a|\\s+any)?)\\s+budget(?:\\s+limit)?(?!\\s+(?:for|to|left|anymore|any\\s+more))\\b`, 'u'),
  /\b(?:no|without(?:\s+a|\s+any)?)\s+(?:price|spending|spend|budget)\s+(?:limit|cap|ceiling|max(?:imum)?)\b/u,
  /\b(?:no|without(?:\s+a|\s+any)?)\s+(?:limit|cap|ceiling|max(?:imum)?)\s+(?:on|for)\s+(?:the\s+|my\s+)?(?:price|budget|spend|spending|cost)\b/u,
  /\b(?:unlimited\s+budget|not\s+on\s+a\s+budget|no\s+longer\s+on\s+a\s+budget)\b/u,
  // Spanish, folded: "olvida el presupuesto", "olvídate del precio", "deja el presupuesto", "quita el tope".
  new RegExp(`${CLAUSE}${OPENER}(?:olvida|olvidate(?:\\s+de)?|olvidemos|olvidad|olvide|olvidese(?:\\s+de)?|deja|dejemos|ignora|quita|quitale|elimina|borra|no\\s+mires)\\s+${ES_DET}${ES_LIMIT}\\b`, 'u'),
  // "el precio da igual", "el presupuesto no importa", "el precio es lo de menos", "el dinero no es problema".
  /\b(?:el\s+)?(?:precio|precios|presupuesto|coste|costo|dinero)\s+(?:me\s+|nos\s+)?(?:da\s+igual|no\s+(?:me\s+|nos\s+)?importa|es\s+lo\s+de\s+menos|no\s+es\s+(?:un\s+)?(?:problema|importante|impedimento)|es\s+ilimitado)\b(?!\s+(?:tanto|mucho|demasiado))/u,
  // "da igual el precio", "no importa el precio", "no me importa lo que cueste", "sin importar el precio".
  /\b(?:(?:me\s+|nos\s+)?da\s+igual|no\s+(?:me\s+|nos\s+)?importa|sin\s+importar)\s+(?:el\s+|los\s+)?(?:precio|precios|presupuesto|coste|costo|lo\s+que\s+cueste|cuanto\s+cueste)\b/u,
  /\b(?:cueste\s+lo\s+que\s+cueste|(?:a|por)\s+cualquier\s+precio|cualquier\s+precio\s*(?=$|[.,;:!)\n])|presupuesto\s+ilimitado)/u,
  // "sin límite de precio", "sin tope de gasto", "sin presupuesto" (opening its clause: "me quedé sin presupuesto" is no money left).
  /\bsin\s+(?:limite|tope|maximo)(?:\s+(?:de|en\s+el|para\s+el)\s+(?:precio|presupuesto|gasto))?\b(?!\s+(?:de|en|para)\b)/u,
  new RegExp(`${CLAUSE}${OPENER}sin\\s+presupuesto\\b`, 'u'),
];

/**
 * Folded, English contractions expanded, whitespace runs as one space: the form the rules read. A turn
 * is read by several of them (budget, adding, tastes, …), so the last few answers are kept.
 */
const normal = recentMemo((text: string): string => expandContractions(fold(text)).replace(/\s+/g, ' '), 16);

/** {@link BUDGET_DROPS}, each made global once (for every match's end), not once per call. */
const BUDGET_DROPS_ALL = BUDGET_DROPS.map((re) => new RegExp(re.source, `${re.flags}g`));

/** Where the last sentence letting go of the budget ends in `t` (normalised text), or -1. */
function lastBudgetDrop(t: string): number {
  let at = -1;
  for (const re of BUDGET_DROPS_ALL) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m !== null; m = re.exec(t)) {
      at = Math.max(at, m.index + m[0].length);
      if (m[0] === '') re.lastIndex++;
    }
  }
  return at;
}

/** Whether the text lets go of the budget anywhere ("forget the budget", "sin límite de precio"). */
export function dropsBudget(text: string): boolean {
  return dropsIn(normal(text)).budgetAt >= 0;
}

/**
 * Sentences that let go of a colour, size or brand asked for before: "forget the colour", "any colour is
 * fine", "ok any colour then", "the size doesn't matter", "I don't care about the brand", "whatever
 * colour", "olvida el color", "cualquier talla", "la marca da igual", "no importa el color". A question
 * ("in any colour?") or a choice with a condition ("any colour but black") is none.
 */
function listDrops(en: string, es: string): readonly RegExp[] {
  return [
    new RegExp(`${CLAUSE}${OPENER}(?:forget(?:\\s+about)?|never\\s*mind|scrap|scratch|ignore|disregard|drop|do\\s+not\\s+worry\\s+about)\\s+${DET}${en}\\b`, 'u'),
    // "forget the budget and the colour".
    new RegExp(`${CLAUSE}${OPENER}(?:forget(?:\\s+about)?|never\\s*mind|ignore|drop)\\s+(?:[\\p{L}]+\\s+){1,4}(?:and|&)\\s+${DET}${en}\\b`, 'u'),
    new RegExp(`\\b(?:the\\s+)?${en}\\s+(?:really\\s+|just\\s+)?(?:does|do|is|are)\\s+not\\s+(?:really\\s+)?(?:matter|important|an?\\s+issue)\\b`, 'u'),
    new RegExp(`\\b(?:i|we|she|he|they)\\s+(?:really\\s+)?(?:do|does)\\s+not\\s+care\\s+(?:about|what|which)\\s+(?:the\\s+)?${en}\\b`, 'u'),
    new RegExp(`\\b(?:in\\s+)?any\\s+${en}(?:\\s+(?:is|would\\s+be|will\\s+be)\\s+(?:fine|ok|okay|good|great|alright))?(?:\\s+(?:works|will\\s+do|goes))?(?:\\s+(?:then|really|honestly|please|pls))?${END}`, 'u'),
    new RegExp(`\\b(?:whatever|regardless\\s+of(?:\\s+the)?|no\\s+matter\\s+(?:the|what|which))\\s+${en}\\b`, 'u'),
    // "any colour but black": the colour said before goes (black is ruled out: rejections.ts).
    new RegExp(`\\b(?:in\\s+)?any\\s+${en}\\s+(?:but|except|other\\s+than|apart\\s+from)\\b`, 'u'),
    new RegExp(`${CLAUSE}${OPENER}(?:olvida|olvidate(?:\\s+de)?|olvidemos|olvidad|olvide|olvidese(?:\\s+de)?|deja|dejemos|ignora|quita|quitale)\\s+${ES_DET}${es}\\b`, 'u'),
    new RegExp(`${CLAUSE}${OPENER}(?:olvida|olvidate(?:\\s+de)?|olvidemos|olvidese(?:\\s+de)?|ignora|quita)\\s+(?:[\\p{L}]+\\s+){1,4}y\\s+${ES_DET}${es}\\b`, 'u'),
    new RegExp(`\\b(?:el\\s+|la\\s+)?${es}\\s+(?:me\\s+|nos\\s+|le\\s+)?(?:da\\s+igual|no\\s+(?:me\\s+|nos\\s+|le\\s+)?importa|es\\s+lo\\s+de\\s+menos)\\b`, 'u'),
    new RegExp(`\\b(?:(?:me\\s+|nos\\s+|le\\s+)?da\\s+igual|no\\s+(?:me\\s+|nos\\s+|le\\s+)?importa|sin\\s+importar)\\s+(?:el\\s+|la\\s+)?${es}\\b`, 'u'),
    new RegExp(`\\b(?:de\\s+|en\\s+)?(?:cualquier|cualquiera)\\s+${es}(?:\\s+(?:esta\\s+bien|vale|sirve|me\\s+sirve))?(?:\\s+(?:entonces|pues|porfa|por\\s+favor))?${END}`, 'u'),
  ];
}

/** {@link listDrops} of each kind of list a shopper lets go of in words. */
const LIST_DROPS: readonly (readonly [ClearedKind, readonly RegExp[]])[] = [
  ['colour', listDrops('(?:colou?rs?|shades?)', '(?:color|colores|colour)')],
  ['size', listDrops('(?:sizes?)', '(?:talla|tallas|talle|talles|tamano|medida)')],
  ['brand', listDrops('(?:brands?|makers?)', '(?:marca|marcas)')],
];

/** What a message (normalised) lets go of in words: the lists ({@link LIST_DROPS}) and where its last budget drop ends (-1: none). Kept per message. */
const dropsIn = recentMemo((t: string): { readonly lists: readonly ClearedKind[]; readonly budgetAt: number } => {
  const lists = LIST_DROPS.filter(([, res]) => res.some((re) => re.test(t))).map(([kind]) => kind);
  return Object.freeze({ lists: Object.freeze(lists), budgetAt: lastBudgetDrop(t) });
}, RECENT_MESSAGES);

/**
 * The kinds a turn's words clear: `budget` when it lets go of the budget after the budget it states, if
 * any ("under 100 … actually, forget the budget"). A budget stated after it is the new one ("forget the
 * budget, under 80 now": nothing to clear, the new budget replaces the old), as is one whose words the
 * text does not show (a caller's structured budget). `stated`: the budget read from this turn, if any.
 * And `colour`, `size` or `brand` when it lets go of one ({@link listDrops}): what the turn states of
 * it is then all there is ("forget the colour, blue now": blue).
 */
/** A turn that only says the product is chosen: "me lo quedo", "me lo llevo", "lo compro", "I'll take it", "that's the one". */
const CHOSEN = /^(?:(?:ok|okay|vale|bueno|perfecto|perfect|great|genial|listo|dale|yes|si|sure)[\s,!.]*)*(?:me\s+(?:lo|la|los|las)\s+(?:quedo|llevo)|(?:lo|la|los|las)\s+(?:compro|quiero)|i(?:'ll|\s+will)\s+(?:take|get|buy)\s+(?:it|that|this|that\s+one|this\s+one|them)|(?:that|this)(?:'s|\s+is)\s+the\s+one|sold)(?:[\s,!.]+(?:thanks|thank\s+you|gracias|please|porfa))?\s*[!.]*\s*$/u;

/**
 * Any kind at all, said instead of the kind asked before: "anything for women under 40 instead?",
 * "cualquier cosa de mujer por menos de 40", "lo que sea para mi papá". Not "anything cheaper?" nor
 * "something in red": those refine the kind asked; nor "otra cosa", which asks for others of it, as
 * "something else" does (it showed bracelets after gold necklaces: re-probe, 2026-12-07).
 */
const ANY_KIND = /(?:^|[^\p{L}])(?:(?:anything|whatever|something)(?:\s+[\p{L}\p{N}]+){0,6}\s+instead|cualquier\s+cosa|lo\s+que\s+sea|(?:anything|something)\s+else\s+(?:entirely|altogether))(?![\p{L}])/u;

/**
 * Words that let go of "on sale" asked before: "it doesn't need to be on sale", "not necessarily on
 * sale", "sale or not", "forget the sale", "no importa si no está en oferta", "no hace falta que esté en
 * oferta", "en oferta o no" (folded, contractions expanded). The turn's own "on sale" goes with it.
 */
const SALE_DROP =
  /(?:(?:does|do|need)\s+not\s+(?:need\s+|have\s+)?to\s+be\s+on\s+sale|not\s+(?:necessarily|only|just)\s+(?:on\s+)?sale|(?:on\s+)?sale\s+or\s+not|(?:forget|never\s*mind|ignore|drop|scrap)\s+(?:about\s+)?(?:the\s+)?(?:sale|discounts?|deals?|on\s+sale)|(?:no\s+(?:me\s+|nos\s+|le\s+)?importa|da\s+igual)\s+(?:si\s+|que\s+)?(?:no\s+)?(?:esta|estan|este|esten|tiene|tienen|tenga|tengan)\s+(?:en\s+|de\s+)?(?:oferta|rebaja|rebajad[oa]s?|descuento)|no\s+(?:hace\s+falta|tiene\s+que|necesita)\s+(?:que\s+)?(?:estar|este|esten)\s+(?:en\s+|de\s+)?(?:oferta|rebaja|rebajad[oa]s?)|(?:the\s+)?sale\s+(?:is|is\s+not|isn't)\s+(?:not\s+)?(?:required|needed|necessary|a\s+must)|(?:en\s+)?(?:oferta|rebaja)\s+o\s+no)(?![\p{L}])/u;

export function clearedByText(text: string, stated?: Pick<Budget, 'text'>): ClearedKind[] {
  const t = normal(text);
  const { lists, budgetAt: drop } = dropsIn(t);
  const out: ClearedKind[] = [...lists];
  if (ANY_KIND.test(t)) out.push('category');
  if (SALE_DROP.test(t)) out.push('sale');
  // A choice made ("me lo quedo", "I'll take it"): the search is over, and with it the price asked
  // relative to another product (which would anchor on the product chosen: "cheaper than" it).
  if (CHOSEN.test(t) && !stated) return ['budget', ...out];
  if (drop < 0) return out;
  if (stated) {
    const span = normal(stated.text).trim();
    const at = span === '' ? -1 : t.lastIndexOf(span);
    if (at < 0 || at >= drop) return out;
  }
  return ['budget', ...out];
}

/**
 * Asking for other products than the ones just shown: "show me more", "any others?", "different ones",
 * "something else?", "what else do you have?", "more options", "any other candles?", "otros", "¿hay
 * otras?", "más opciones", "algo diferente", "¿algo más?", "¿qué más tienes?". "Other colours" and
 * "other sizes" ask about the product, not for others. Not more of a quantity or a quality ("more expensive", "one
 * more", "more like the first one", "algo más barato", "más grande").
 */
const MORE = [
  /^(?:(?:ok|okay|hmm|and|so|y|vale|bueno|mmm)[\s,]+)?(?:(?:can\s+you\s+)?(?:show|give|send)\s+me\s+|(?:do\s+you\s+have|got|are\s+there|is\s+there|have\s+you\s+got)\s+)?(?:some\s+|any\s+)?(?:more|others|other|another(?:\s+one)?|other\s+ones|other\s+options|different\s+ones|something\s+(?:else|different)|anything\s+else|more\s+options|more\s+of\s+them|other\s+(?:stuff|things|products))(?:\s+(?:please|pls|then|too))?\s*[?!.]*\s*$/u,
  /^(?:(?:ok|okay|and|so)[\s,]+)?what\s+else(?:\s+(?:do\s+you|have\s+you)\s+(?:have|got))?\s*[?!.]*\s*$/u,
  // "any other shoes?", "do you have any other scents?", "other candles?": others of the kind shown.
  /^(?:(?:ok|okay|hmm|and|so)[\s,]+)?(?:(?:do\s+you\s+have|have\s+you\s+got|got|are\s+there)\s+)?(?:any\s+|some\s+)?other\s+(?!than\b|ways?\b|colou?rs?\b|sizes?\b)[\p{L}]+(?:\s+(?!please\b|pls\b|then\b|too\b)[\p{L}]+){0,2}(?:\s+(?:please|pls|then|too))?\s*[?!.]*\s*$/u,
  /^(?:(?:y|vale|bueno|ok|pues)[\s,]+)?(?:(?:me\s+)?(?:muestras|ensenas|ensename|muestrame|mostrame|pasame)\s+|(?:hay|tienes|tienen|tenes|teneis)\s+)?(?:otros|otras|otros\s+modelos|otras\s+opciones|otra\s+(?:cosa|opcion)|otro\s+modelo|otr[oa](?:\s+mas)?|mas\s+opciones|algo\s+(?:diferente|distinto)|alguno\s+(?:diferente|distinto|mas)|alguna\s+(?:diferente|distinta|mas)|algo\s+mas|mas)(?:\s+(?:porfa|por\s+favor|entonces))?\s*[?!.]*\s*$/u,
  /^(?:(?:y|vale|bueno|ok|pues)[\s,]+)?que\s+(?:mas|otros|otras)(?:\s+(?:tienes|tienen|tenes|teneis|hay))?\s*[?!.]*\s*$/u,
];

/** Whether the turn asks for other products than the ones just shown ({@link MORE}). */
export function asksForMore(text: string): boolean {
  const t = normal(text).trim().replace(/^[¿¡]\s*/u, '');
  return MORE.some((re) => re.test(t));
}

/**
 * A request for something not named, in describing words of its own: "something summery and light to
 * wear at the beach", "actually, I need something warm for the winter", "do you have anything for a
 * picnic?", "busco algo fresco para la playa". Read on folded text: the words after "something" /
 * "algo" (`$1`), at the start of a clause or after a verb of asking.
 */
const ANEW = [
  /(?:^|[.,;:!?]\s*|\b(?:need|want|like|looking\s+for|show\s+me|have|got|recommend|suggest|find\s+me|get\s+me|is\s+there)\s+)(?:(?:just|maybe|perhaps|rather)\s+)?(?:something|anything)\s+([^.;!?]+)/u,
  /(?:^|[.,;:!?]\s*|\b(?:busco|buscando|necesito|quiero|gustaria|tienes|tienen|tenes|hay|muestrame|ensename|recomiendas|recomiendame|sugieres)\s+)(?:(?:tal\s+vez|quizas|mejor)\s+)?algo\s+([^.;!?]+)/u,
];

/**
 * The end of the shop's whole price range, asked of the shop, not of what was sought: "what's the
 * cheapest thing you have?", "your most expensive product", "lo más barato que tengas", "¿qué es lo
 * más caro de la tienda?". Read on folded text with contractions expanded.
 */
const OF_THE_WHOLE_SHOP = [
  /\b(?:cheapest|least\s+expensive|most\s+expensive|priciest|dearest)\s+(?:thing|things|item|items|product|products|stuff)\b(?!\s+(?:like|similar))/u,
  /\blo\s+mas\s+(?:barato|economico|caro)\s+(?:que\s+(?:tengas|tienes|tienen|tengan|tenes|hay|haya)|de\s+(?:la\s+tienda|tu\s+tienda|todo))\b/u,
];

/**
 * First words after "something" that refine what is sought rather than ask anew: a comparison
 * ("something cheaper", "something lighter", "algo más barato"), "similar", "like it", "else".
 * Any word ending in -er counts, as most English comparatives do (and "silver" or "leather", an
 * attribute, is a refinement too).
 */
const REFINING = /^(?:[a-z]+er|more|less|similar|like|else|different|along|in|with|without|of|that|which|mas|menos|mejor|peor|parecid[oa]|similar|como|asi|igual|diferente|distint[oa]|otro|otra|en|con|sin|de|que)\b/u;

/** "All the sofas", "every necklace you have", "todos los sofás", "enséñame todas las pulseras" (folded): group 1, the word after. */
const WHOLE_KIND = /(?:^|[^\p{L}])(?:all\s+(?:of\s+)?(?:(?:the|your|ur)\s+)?|every\s+|todos\s+(?:los|sus|tus)\s+|todas\s+(?:las|sus|tus)\s+)(\p{L}+)/gu;

/**
 * Whether the turn asks for the whole of a kind it names ("show me all the sofas", "enséñame todos los
 * sofás"), saying no colour, size, brand or material of it: what was said of the kind before (yellow)
 * does not narrow it.
 */
export function asksWholeKind(text: string, e: IntentEntities): boolean {
  if (e.categories.length === 0 || e.colours.length > 0 || e.sizes.length > 0 || e.brands.length > 0 || (e.materials?.length ?? 0) > 0) return false;
  // The word after it names a kind ("all the sofas", "todas las pulseras"; not "every day", "all the colours").
  const kinds = new Set(e.categories.flatMap((c) => fold(c).split(/\s+/).map(singular)));
  for (const m of normal(text).matchAll(WHOLE_KIND)) {
    const w = singular(m[1] as string);
    if (kinds.has(w) || isCategoryTerm(w)) return true;
  }
  return false;
}

/**
 * Whether the turn asks anew for something it does not name ({@link ANEW}): then the kind sought so far
 * and what was said of it (colours, sizes, brands) do not carry ("do you have sunglasses?" in a shop
 * that has none, then "something summery and light to wear at the beach"). Not when the words after
 * "something" refine ({@link REFINING}) or do not say what it is for ("something fancy" may be said of
 * the kind sought), nor when the turn names a kind, or only states attributes
 * (a colour, size, brand, material, budget, price: "something in blue" keeps the jeans), or refuses
 * one of what was shown ("no leather actually, something warm for winter" after jackets: warm jackets
 * that are not leather), or only a person ("something for my mum"). The end of the shop's whole price range ({@link OF_THE_WHOLE_SHOP}) is
 * asked anew whatever it states.
 */
export function asksAnew(text: string, e: IntentEntities): boolean {
  if (e.categories.length > 0 || e.colours.length > 0 || e.sizes.length > 0 || e.brands.length > 0 || (e.materials?.length ?? 0) > 0) return false;
  // "What's the cheapest thing you have?", "¿qué es lo más barato que tienes?": the shop's, whatever was sought.
  if (OF_THE_WHOLE_SHOP.some((re) => re.test(normal(text)))) return true;
  if (e.budget !== undefined || e.priceRelative !== undefined || e.pricePreference !== undefined || e.rejections.length > 0) return false;
  const t = normal(text).trim();
  for (const re of ANEW) {
    const rest = re.exec(t)?.[1]?.trim();
    // What it is for says it is a request of its own ("to wear at the beach", "for the winter", "para la
    // playa"); a lone describing word may still be said of the kind sought ("something fancy").
    if (rest === undefined || REFINING.test(rest) || !/\b(?:for|to|para|pa)\b/u.test(rest)) continue;
    // "something for my mum": a person, not a description.
    if (e.recipient !== undefined && e.occasion === undefined && /^(?:for|para)\s+(?:my|mi|mis|her|him|his|a|an|el|la|un|una)\b[^,]*$/u.test(rest)) continue;
    return true;
  }
  return false;
}

/**
 * A question whether something is so, opening with its copula: "is the gemstone necklace real silver?",
 * "¿es de plata el collar?". Not whether it is to be had in a look ("is the dreamcatcher necklace
 * available in gold?", "¿está disponible en plata?"): that asks for the look, as "does it come in gold?" does.
 */
const WHETHER_IT_IS = /^(?:(?:and|so|ok|okay|hmm|y|pues|oye)[\s,]+)?(?:is|are|was|es|son|esta|estan)\s(?!there\b|any\b)(?![^?]*\b(?:available|offered|sold|stocked|in stock|disponibles?|a la venta)\b)[^?]*\?\s*$/u;

/**
 * Whether the turn asks whether something is so ({@link WHETHER_IT_IS}): said of a product it names
 * by its title, its colours and materials describe that product, and are no wish for the list.
 */
export function asksWhetherItIs(text: string): boolean {
  const t = normal(text).trim().replace(/^[¿¡]\s*/u, '');
  return WHETHER_IT_IS.test(t) || WHETHER_SUBJECT_FIRST.test(t);
}

/**
 * Whether the product spoken of by a pro-form is to be had in a look or a size: "does it come in
 * silver?", "do you have it in blue?", "is it available in gold?", "¿lo tienen en gris?", "¿viene en
 * talla M?", "¿la hay en negro?". Asked of the product discussed, as "does the second one come in
 * silver?" is of the second (personalizedRecommender.ts): it comes first, said to miss what it lacks.
 * Not whether it is so ("is it gold?", {@link asksWhetherItIs}).
 */
const IT_IN = [
  /\b(?:does|do|will|would|can|could)\s+(?:it|they|this(?:\s+one)?|that(?:\s+one)?|these|those)\s+(?:also\s+|even\s+)?come\s+(?:in|with)\b/u,
  /\b(?:is|are)\s+(?:it|they|this(?:\s+one)?|that(?:\s+one)?|these|those)\s+(?:also\s+)?(?:available|offered|sold|made)\s+in\b/u,
  /\b(?:have|got|get|carry|stock|sell|make|find)\s+(?:it|them|this(?:\s+one)?|that(?:\s+one)?)\s+in\b/u,
  /\b(?:lo|la|los|las)\s+(?:tienen|tenes|teneis|tiene|hay|venden|traen|manejan|hacen|fabrican|consigo|encuentro|puedo\s+(?:pedir|comprar|conseguir))\s+(?:tambien\s+)?(?:en|de)\b/u,
  /(?:^|[\s¿,])(?:y\s+)?(?:viene|vienen|sale|salen|existe|existen)\s+(?:tambien\s+)?(?:en|de)\b/u,
  /\b(?:esta|estan)\s+disponibles?\s+en\b/u,
];

/** Whether the turn asks whether the product spoken of by a pro-form comes in a look or a size ({@link IT_IN}). */
export function asksForItIn(text: string): boolean {
  const t = normal(text);
  return IT_IN.some((re) => re.test(t));
}

/**
 * The same with the subject first, as Spanish says it, or with "have": "el segundo tiene piedras?",
 * "¿la primera es de oro?", "does the first one have stones?" (not whether it is to be had: "is
 * available in", "viene en").
 */
const WHETHER_SUBJECT_FIRST =
  /^(?:(?:y|and|so|pero|ok)[\s,]+)?(?:(?:el|la|los|las)\s+[\p{L}]+\s+(?:es|son|tiene|tienen|lleva|llevan|esta|estan)|(?:does|do)\s+(?:the|this|that)\s+[\p{L}]+(?:\s+ones?)?\s+have)\s(?![^?]*\b(?:disponibles?|available|en stock|in stock|a la venta)\b)[^?]*\?\s*$/u;

/**
 * "X is fine / ok", "I'm fine with X", "X está bien", "X me vale": X is acceptable (`$1`, one or two
 * words). Read on folded text with contractions expanded.
 */
const ALLOWING = [
  /(?<!\p{L})([\p{L}]+(?:\s+[\p{L}]+)?)\s+(?:is|are)\s+(?:(?:totally|actually|also|perfectly|really)\s+)?(?:ok|okay|fine|alright|all\s+right|acceptable)\b/gu,
  /\b(?:i\s+am|we\s+are|she\s+is|he\s+is|they\s+are)\s+(?:ok|okay|fine|good)\s+with\s+([\p{L}]+(?:\s+[\p{L}]+)?)/gu,
  /(?<!\p{L})([\p{L}]+(?:\s+[\p{L}]+)?)\s+(?:(?:esta|estan)\s+bien|(?:me|nos|le)\s+(?:vale|valen|sirve|sirven))\b/gu,
];

/** Words before "X is fine" that are no part of X. */
const NOT_ALLOWED_WORD = new Set([
  'actually', 'ok', 'okay', 'fine', 'but', 'well', 'then', 'so', 'and', 'oh', 'yeah', 'yes', 'the', 'a', 'an', 'any', 'some', 'that', 'this',
  'it', 'everything', 'anything', 'all', 'price', 'budget', 'size', 'one', 'ones', 'both', 'vale', 'bueno', 'pues', 'el', 'la', 'los', 'las',
  'lo', 'eso', 'esto', 'todo', 'si', 'no', 'also', 'too', 'now', 'ahora',
]);

/**
 * The words a turn says are acceptable ({@link ALLOWING}): "fine, leather is ok" → leather; "actually
 * brown is fine, show both" → brown; "I'm fine with gold"; "el cuero está bien". An earlier refusal of
 * one is lifted, and the turn does not ask for it (personalize/sessionContext.ts `TurnSays.allowed`).
 * Pronouns and words of the answer ("that's fine", "the price is ok") name nothing.
 */
export const allowedNow: (text: string) => readonly string[] = recentMemo((t) => Object.freeze(allowedNowNow(t)), RECENT_MESSAGES);

function allowedNowNow(text: string): string[] {
  const t = normal(text);
  const out: string[] = [];
  for (const re of ALLOWING) {
    for (const m of t.matchAll(re)) {
      const words = (m[1] as string).split(/\s+/u).filter((w) => !NOT_ALLOWED_WORD.has(w));
      if (words.length > 0 && !out.includes(words.join(' '))) out.push(words.join(' '));
    }
  }
  return out;
}

/**
 * "Do you have them in a different colour?", "any other colours?", "¿la tienen en otro color?", "en
 * otros tonos": the same things in colours other than those so far (personalize/sessionContext.ts
 * `TurnSays.otherThan`). Not "other colours are fine" (allowing) nor a colour named after it ("another
 * colour, maybe blue": that colour is asked for).
 */
const OTHER_COLOUR = /(?:^|[^\p{L}])(?:(?:a\s+)?(?:different|other|another)\s+(?:colou?rs?|shades?|tones?)|(?:otros?|otras?|distint[oa]s?|diferentes?)\s+(?:colou?r(?:es)?|tonos?))(?![\p{L}])(?!\s+(?:are|is|es|son|esta|estan)\s+(?:fine|ok|okay|bien))/u;

/** Whether the turn asks for the same things in another colour ({@link OTHER_COLOUR}). */
export function asksOtherColour(text: string): boolean {
  return OTHER_COLOUR.test(normal(text));
}

/** Words as a regular-expression alternation, longest first, a space matching any run of white space. */
function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => escapeRegExp(w).replace(/ /g, '\\s+')).join('|');
}

/**
 * A change of mind opening its clause, in the words the refusal rules read it by (rejections.ts
 * `CHANGE_OF_MIND`, after punctuation or one of its `CHANGE_OPENERS`; "let's" is "let us" here, its
 * contraction expanded): "forget the diamonds", "actually, never mind the bedroom", "nvm the gold",
 * "olvida el collar". What it rules out that an earlier turn asked for is then no longer asked for, not
 * refused (personalize/sessionContext.ts `TurnSays.changesMind`). "Mejor no collar" rules out as it
 * always did.
 */
const CHANGING_MIND = new RegExp(
  `(?:^|[.,;:!?]\\s*|\\b(?:${alternation([...CHANGE_OPENERS, 'let us'])})\\s+)(?:${alternation(CHANGE_OF_MIND.filter((w) => w !== 'mejor no'))})\\b`,
  'u',
);

/** Whether the turn changes its mind about something it names ({@link CHANGING_MIND}). */
export const changesMind: (text: string) => boolean = recentMemo(changesMindNow, RECENT_MESSAGES);

function changesMindNow(text: string): boolean {
  return CHANGING_MIND.test(normal(text).trim());
}

/**
 * Words that add this turn's values to the earlier ones instead of replacing them: "silver is fine
 * too", "silver as well", "also silver", "or silver?", "plata también", "además en plata", "o en
 * plata", and a short turn saying only what it comes with ("con turquesa", "with a pendant?": after
 * "un collar de oro", gold or turquoise). Clause-final "too" only: "too expensive", "too big" add nothing.
 */
const ADDS = [
  /(?:^|[^\p{L}])(?:too|as well)\s*(?:then|please|now|then please)?\s*(?=$|[.,;:!?)\n"])/u,
  /(?:^|[^\p{L}])(?:also|tambien|ademas)(?=[^\p{L}]|$)/u,
  /^\s*(?:[¿¡]\s*)?(?:or|o|u)\s+(?!not(?:\s|$)|no(?:\s|$))/u,
  // A stone or a part said of what was asked, and nothing else: "con turquesa", "and with turquoise?" (gold and turquoise).
  /^\s*(?:[¿¡]\s*)?(?:(?:and|y|ok|okay|maybe|quizas|tal vez)\s+)?(?:with|con)\s+(?!(?:my|mi|mis|his|her|your|tu|tus|su|sus|our|nuestra|nuestro|free|envio|me|you|him|them)(?:\s|$))(?:(?:a|an|some|un|una|algo\s+de|algo\s+de\s+la)\s+)?[\p{L}-]+(?:\s+[\p{L}-]+)?\s*[?.!]*\s*$/u,
];

/**
 * Whether the turn adds what it names to what earlier turns asked for ("a gold bracelet", then "ok,
 * silver is fine too then": gold or silver), rather than replacing it ("silver instead"). Read on
 * the folded text with contractions expanded; personalize/sessionContext.ts merges the lists as one.
 */
export function addsToEarlier(text: string): boolean {
  const t = normal(text);
  return ADDS.some((re) => re.test(t));
}

/**
 * Words that put this turn's look in place of the earlier one rather than beside it: "silver instead",
 * "I'd rather have gold", "instead of pearl, silver", "mejor en plata", "en vez de perlas, plata", "en
 * cambio en dorado".
 */
const INSTEAD = [
  /(?:^|[^\p{L}])(?:instead|rather|en\s+cambio|en\s+su\s+lugar|en\s+vez\s+de|en\s+lugar\s+de)(?![\p{L}])/u,
  /^\s*(?:[¿¡]\s*)?(?:(?:ok|okay|vale|bueno|pues|y|no|nah)[\s,]+)?mejor(?![\p{L}])/u,
];
/** A short turn ending in "then": "silver then", "ok gold then", "plata entonces". */
const THEN = /^\s*(?:[¿¡]\s*)?(?:(?:ok|okay|oh|vale|bueno|pues|y|no|nah|hmm)[\s,]+)?(?:[\p{L}-]+\s+){0,2}[\p{L}-]+[\s,]+(?:then|entonces)\s*[?.!]*\s*$/u;

/**
 * Whether the turn's look (colours, materials) takes the place of the earlier one ({@link INSTEAD}:
 * `instead`), or may (`then`: "silver then" after "a pearl necklace" the shop had none of; after "a
 * silk shirt in red", "blue then" is still silk, so personalize/sessionContext.ts lets a `then` turn
 * replace the materials only with a material or a metal of its own); never when it adds ("silver is fine
 * too then"). Read on the folded text with contractions expanded.
 */
export function replacesEarlierLook(text: string): 'instead' | 'then' | undefined {
  if (addsToEarlier(text)) return undefined;
  const t = normal(text);
  return INSTEAD.some((re) => re.test(t)) ? 'instead' : THEN.test(t) ? 'then' : undefined;
}

/**
 * What may follow "start over" or "forget everything" and keep it a fresh start: the end of its clause
 * ("let's start over, a necklace", "forget everything. I need…") or a word opening the new request
 * ("… and show me boots"); not "with", "but", "in", "the same" ("start again with the same one but
 * cheaper", "can we start over with the same budget?", "let's start again but keep the budget", "we
 * start again in school in September": they keep or speak of what came before).
 */
const FRESH_END = String.raw`(?=\s*(?:$|[.,;:!?)\n]|(?:and|now|then|ok|okay|please|i|we|let|y|ahora|entonces|porfa|por\s+favor|quiero|necesito|busco)(?![\p{L}])))`;

/**
 * Words that drop the whole conversation so far and start a new one: "let's start over", "start
 * again", "start from scratch", "forget everything (I said)", "ignore all that", "never mind all
 * that", "new search", "clean slate", "empecemos de nuevo", "empezar desde cero", "volvamos a empezar",
 * "olvida todo (lo anterior)", "borrón y cuenta nueva", "nueva búsqueda". Not what drops one thing
 * ("forget the budget": clearedByText; "forget all the gold ones", "olvida todo lo de oro": a
 * rejection), not "start again" of a product ("the watch won't start again" has no clause of its own).
 */
const STARTS_OVER = [
  new RegExp(String.raw`(?:^|[.,;:!?(]\s*|(?<![\p{L}])(?:let\s+us|let'?s|can\s+we|could\s+we|shall\s+we|i\s+(?:want|would\s+like|need)\s+to|ok|okay|please)\s+)(?:start|begin|restart)(?:\s+(?:all\s+)?(?:over|again|afresh|anew)|\s+(?:again\s+)?from\s+(?:scratch|zero|the\s+(?:beginning|top|start))|\s+fresh)${FRESH_END}`, 'u'),
  new RegExp(String.raw`(?<![\p{L}])(?:forget|ignore|disregard|scrap|drop|never\s*mind)\s+(?:about\s+)?(?:all|everything)(?:\s+(?:of\s+)?(?:that|this|i\s+(?:said|asked\s+for|asked|wrote|told\s+you)|(?:i\s+)?(?:have\s+)?said|we\s+(?:said|talked\s+about)|above|before|so\s+far|until\s+now))*${FRESH_END}`, 'u'),
  new RegExp(String.raw`(?<![\p{L}])(?:new\s+(?:search|conversation|chat)${FRESH_END}|clean\s+slate|reset\s+(?:everything|all|the\s+(?:search|conversation|chat))(?![\p{L}]))`, 'u'),
  /(?:^|[.,;:!?]\s*)reset\s*(?:$|[.,;:!?])/u,
  /(?<![\p{L}])(?:empecemos|empezamos|empezar|empiezo|empieza|empiece|comencemos|comenzamos|comenzar|comienza|arranquemos|volvamos\s+a\s+empezar|volver\s+a\s+empezar|vuelvo\s+a\s+empezar|volvemos\s+a\s+empezar)(?:\s+(?:de\s+nuevo|desde\s+cero|de\s+cero|otra\s+vez|desde\s+el\s+principio)|(?<=(?:volvamos|volver|vuelvo|volvemos)\s+a\s+empezar)(?=\s*(?:$|[.,;:!?])))(?![\p{L}])/u,
  new RegExp(String.raw`(?<![\p{L}])(?:olvida|olvidate\s+de|olvidemos|olvide|olvidese\s+de|olvidad|ignora|borra)\s+(?:todo|todo\s+(?:eso|esto|lo\s+anterior|lo\s+que\s+(?:te\s+)?(?:dije|he\s+dicho|pedi|te\s+pedi|hablamos)))${FRESH_END}`, 'u'),
  /(?<![\p{L}])(?:borron\s+y\s+cuenta\s+nueva|nueva\s+busqueda|otra\s+busqueda\s+distinta)(?![\p{L}])/u,
];

/**
 * Whether the turn drops the conversation so far and starts a new one ({@link STARTS_OVER}): "gold
 * earrings under 50", then "let's start over, a leather wallet for my dad" asks for the wallet alone,
 * with no gold, no budget and no product discussed (personalize/sessionContext.ts `startsOver`).
 */
export const startsOver: (text: string) => boolean = recentMemo(startsOverNow, RECENT_MESSAGES);

function startsOverNow(text: string): boolean {
  const t = normal(text);
  for (const re of STARTS_OVER) {
    const m = re.exec(t);
    // "Let's start over, but keep the budget", "start over, the same size": not everything goes.
    if (m && !KEEPS.test(t.slice(m.index + m[0].length))) return true;
  }
  return false;
}

/** Words after a fresh start that keep something of what came before ({@link startsOver}). */
const KEEPS = /(?<![\p{L}])(?:keep|keeping|same|still|mant[eé]n|mantener|mantenga|mism[oa]s?|igual|sigue|seguimos)(?![\p{L}])/u;

/**
 * Words that carry what was said of the earlier person to the one this turn names: the same again
 * ("same for my mum", "the same size", "she is the same size", "lo mismo para mi madre", "igual para
 * mi hermana", "la misma talla"), or one more of it ("and one for my husband", "another one for my
 * dad", "y otro para mi padre", "otra igual para mi tía"). Not "not the same", "no lo mismo", "the
 * same day", "al mismo tiempo", "me da igual".
 */
const SAME_TASTES = [
  /(?<![\p{L}])(?<!(?:not|no|never|nunca|different\s+from|distinto\s+de|diferente\s+de)\s+(?:the\s+|lo\s+|el\s+|la\s+)?)(?:the\s+)?same(?![\p{L}])(?!\s+(?:day|time|week|night|price|budget|old|thing\s+as\s+always)(?![\p{L}]))/u,
  /(?<![\p{L}])(?<!(?:no|nunca|ni)\s+)(?:lo|el|la|los|las)\s+mism[oa]s?(?![\p{L}])(?!\s+(?:dia|tiempo|precio|presupuesto)(?![\p{L}]))/u,
  /(?<![\p{L}])(?:mism[oa]s?\s+(?:talla|tallas|color|colores|estilo|tipo|numero|medida)|igual(?:es)?\s+(?:para|que)|(?:uno|una|otro|otra|unos|unas)\s+igual(?:es)?)(?![\p{L}])/u,
  // "and one for my husband", "now one for my dad" ("one" opening its clause: not "which one for my mom?"), "another one for".
  /(?:^|[.,;:!?]\s*|(?<![\p{L}])(?:and|also|plus|then|now|ok|okay)\s+)(?:one|one\s+more|a\s+second\s+one)\s+for(?![\p{L}])|(?<![\p{L}])another(?:\s+one)?\s+for(?![\p{L}])/u,
  /(?:^|[^\p{L}])(?:y\s+)?(?:otro|otra|otros|otras|uno\s+mas|una\s+mas)\s+(?:(?:igual|mas)\s+)?para(?![\p{L}])/u,
];

/**
 * Whether the turn carries the earlier person's tastes to the one it names ({@link SAME_TASTES}):
 * "earrings for my wife, no gold", then "same for my mum" still rules gold out; "a jacket in M for my
 * sister", then "actually for my girlfriend, she is the same size" keeps M; "a leather jacket for my
 * wife", then "and one for my husband" keeps leather. Without such words a new person starts without
 * the earlier one's colours, materials and sizes (personalize/sessionContext.ts `isNewPerson`).
 */
export const carriesTastes: (text: string) => boolean = recentMemo(carriesTastesNow, RECENT_MESSAGES);

function carriesTastesNow(text: string): boolean {
  const t = normal(text);
  return SAME_TASTES.some((re) => re.test(t));
}

/**
 * Words asking for others like a product ("what else is similar?", "more like the third one", "something
 * like it", "algo parecido al segundo", "otro como el último"), not "I like the last one" (the verb).
 */
const SIMILAR = /(?<![\p{L}])(?:similar|similares|parecid[oa]s?|(?<!(?:i|we|you|they|she|he|would|really|do|d|also)\s)like\s+(?:the|that|this|it|those|these|them)|more\s+like|(?:otr[oa]s?|algo|uno|una)\s+(?:como|tipo)|del\s+estilo)(?![\p{L}])/u;

/** Whether the turn asks for others like a product ({@link SIMILAR}). */
export function asksSimilar(text: string): boolean {
  return SIMILAR.test(normal(text));
}

/**
 * A turn that only says whom the products are for ("for my mom", "it's for my wife", "para mi suegra",
 * "pa' mi jermu", "for a baby"): of the products asked so far, not a new request. After turns that named
 * nobody, it names the person those were for, not a new one (personalize/sessionContext.ts: "gold
 * necklace", then "for my mom", still gold; "now something for my mother-in-law" is a new request).
 */
const WHOM_ONLY = /^(?:(?:oh|ok|okay|ah|and|y|actually|en\s+realidad|bueno|pues|well|it'?s|its|it\s+is|they'?re|they\s+are|this\s+is|that'?s|es|son|seria|sería|would\s+be)\s*,?\s+)*(?:for|para|pa'?)\s+(?:my|mi|mis|our|nuestr[oa]s?|a|an|the|el|la|los|las|un|una)\s+(?:\d{1,2}[\s-]+(?:years?|yrs?)[\s-]+old\s+)?[\p{L}'-]+(?:\s+[\p{L}'-]+){0,2}(?:\s+de\s+\d{1,2}\s+anos)?\s*[.!?]*$/u;

/** Whether the turn only says whom the products are for ({@link WHOM_ONLY}). */
export function namesWhomOnly(text: string): boolean {
  return WHOM_ONLY.test(normal(text).trim());
}

/**
 * Words that say the tastes are the whole household's, not one person's: "my family only wears
 * silver", "in my family we never wear gold", "we all wear silver", "everything silver please",
 * "nobody in my family wears gold", "en mi familia solo usamos plata", "todos usamos plata", "todo en
 * plata", "nadie en casa usa oro". Not "a gift for my family" (no taste said of it).
 */
const EVERYONE_TASTES = [
  /(?<![\p{L}])(?:my|our)\s+(?:whole\s+|entire\s+)?(?:family|household|folks)\s+(?:all\s+|only\s+|just\s+|always\s+|never\s+|really\s+|mostly\s+)*(?:wears?|likes?|loves?|prefers?|hates?|dislikes?|buys?|is|are|does\s+not|do\s+not|doesn't|don't|can\s*not)(?![\p{L}])/u,
  /(?<![\p{L}])(?:in|for)\s+(?:my|our)\s+(?:whole\s+|entire\s+)?(?:family|household|house)\s*,?\s+(?:we|everyone|everybody|nobody|no\s+one)(?![\p{L}])/u,
  /(?<![\p{L}])(?:we\s+all|all\s+of\s+us|everyone\s+(?:in|at)\s+(?:my|our)|everybody\s+(?:in|at)\s+(?:my|our)|(?:nobody|no\s+one)\s+in\s+(?:my|our))(?![\p{L}])/u,
  /(?<![\p{L}])we\s+(?:only|never|always|just|mostly)\s+(?:wear|buy|use|like)(?![\p{L}])/u,
  /(?<![\p{L}])everything\s+(?:in\s+|made\s+of\s+|must\s+be\s+|should\s+be\s+|has\s+to\s+be\s+)?(?=[\p{L}])(?!(?:else|is|was|you|i|we|they|that|this|here|there|but|except|on|from|under|over|for)(?![\p{L}]))/u,
  /(?<![\p{L}])(?:(?:en|para)\s+)?(?:mi|nuestra)\s+familia\s*,?\s+(?:todos\s+|solo\s+|siempre\s+|nunca\s+|nadie\s+|no\s+)*(?:usa|usan|usamos|lleva|llevan|llevamos|prefiere|prefieren|preferimos|odia|odian|odiamos|compra|compran|compramos|gusta|gustan|le|les|nos)(?![\p{L}])/u,
  /(?<![\p{L}])(?:toda\s+la\s+familia|todos\s+en\s+casa|nadie\s+en\s+(?:mi\s+|la\s+|nuestra\s+)?(?:familia|casa)|en\s+casa\s+(?:todos|nadie|solo|siempre|nunca))(?![\p{L}])/u,
  /(?<![\p{L}])(?:todos|solo|siempre|nunca)\s+(?:usamos|llevamos|compramos)(?![\p{L}])/u,
  /(?<![\p{L}])todo\s+(?:en|de)\s+(?=[\p{L}])/u,
];

/**
 * Whether the turn says its tastes are the whole household's ({@link EVERYONE_TASTES}): "everything
 * silver please, my family only wears silver. earrings for my wife", then "now something for my mum"
 * is still silver. personalize/sessionContext.ts keeps such tastes for every person named later.
 */
export const tastesForEveryone: (text: string) => boolean = recentMemo(tastesForEveryoneNow, RECENT_MESSAGES);

function tastesForEveryoneNow(text: string): boolean {
  const t = normal(text);
  return EVERYONE_TASTES.some((re) => re.test(t));
}

/**
 * Saying the product discussed will be bought: "I will take it", "I'll take the large clay one", "we
 * will buy this one", "me lo llevo", "me quedo con ese", "lo compro".
 */
const BUYS_IT = [
  /\b(?:i|we)\s+(?:will|would like to|am going to|are going to|want to)\s+(?:just\s+)?(?:take|buy|get|order)\s+(?:it|this|that|them|these|those|the\s+(?:[\p{L}-]+\s+){0,3}(?:one|ones))(?:\s+ones?)?\b/u,
  /\b(?:me|nos)\s+(?:lo|la|los|las)\s+(?:llevo|llevamos|quedo|quedamos)\b|\b(?:me|nos)\s+(?:quedo|quedamos)\s+con\s+(?:el|la|los|las|ese|esa|esos|esas|este|esta|estos|estas)\b|(?:^|\s)(?:lo|la|los|las)\s+(?:compro|compramos|quiero)(?=\s*[.!]|\s*$)/u,
];

/**
 * A question about the product discussed, or saying it will be bought, EN/ES, folded: "does it come
 * in silver?", "is it available in large?", "do you have it in blue?", "can I get this one in gold?",
 * "how much is it?", "what sizes does it come in?", "is it real leather?", "I will take the large clay
 * one", "I'll take it"; "¿viene en plata?", "¿lo tienen en azul?", "¿cuánto cuesta?", "¿es de
 * cuero?", "me lo llevo", "me quedo con el grande". Not a request for others: "is there one in
 * silver?", "do you have silver earrings?", "something like it in silver", "show me it in gold" ask
 * for products.
 */
const ABOUT_IT = [
  // English questions whose subject is the product discussed: "does it come in…", "is this one…", "are they…".
  /(?:^|[.,;:!?¿¡]\s*|\b(?:and|so|but|ok|okay|hmm+|well|also|then|oh)\s+)(?:does|do|did|is|are|was|will|would|could|can)\s+(?:it|this|that|they|these|those)(?:\s+(?:one|ones|[\p{L}-]+\s+one))?\s+(?!(?:cheaper|pricier|less|more|the\s+(?:cheap|best)|better|any)(?:\s|$))(?:come|comes|available|made|real|genuine|in|of|from|have|has|fit|fits|run|runs|true|waterproof|washable|handmade|[\p{L}-]+(?:\s+[\p{L}-]+)?\s*(?=\?|$))/u,
  // "do you have it in blue?", "can I get this one in gold?", "is it available in…".
  /\b(?:do|does|can|could|would)\s+(?:you|i|we)\s+(?:have|get|order|buy|find)\s+(?:it|this|that|them|these|those)(?:\s+one|\s+ones)?\s+(?:in|with|for)\b/u,
  // "how much is it", "what does it cost", "what sizes does it come in", "how big is it".
  /\b(?:how\s+(?:much|big|long|large|heavy|tall|wide)|what)\s+(?:[\p{L}]+\s+)?(?:is|are|does|do)\s+(?:it|this|that|they|these|those)(?:\s+one)?\b/u,
  // Spanish: "¿viene en…?", "¿lo tienen en…?", "¿cuánto cuesta?", "¿es de cuero?", "me lo llevo".
  /(?:^|[.,;:!?¿¡]\s*)(?:y\s+)?(?:viene|vienen|esta|estan|lo\s+hay|la\s+hay|(?:lo|la|los|las)\s+(?:tienes|tienen|tiene|hay|venden|vendes))\s+(?:disponibles?\s+)?(?:en|de)\s/u,
  /(?:^|[.,;:!?¿¡]\s*)(?:cuanto|que\s+precio)\s+(?:cuesta|cuestan|vale|valen|sale|salen|tiene)\b/u,
  /(?:^|[¿¡]\s*)(?:es|son)\s+(?:de|real|autentic[oa]s?)\s/u,
  // Buying it ({@link BUYS_IT}), or on a condition ("lo compro si viene en plata").
  ...BUYS_IT,
  /(?:^|\s)(?:lo|la)\s+compro\b/u,
];

/**
 * Whether the turn says the product discussed will be bought, asking for nothing else after it ("great,
 * I'll take it"; not "I'll take it. Now a necklace…"): the answer shows that product first.
 */
export function buysIt(text: string): boolean {
  const said = talkSentences(text);
  const at = said.findIndex((s) => s.kind === 'it' && BUYS_IT.some((re) => re.test(normal(s.text))));
  return at >= 0 && !said.slice(at + 1).some((s) => s.kind === 'request');
}

/**
 * Whether the turn asks about the product discussed or says it will be bought ({@link ABOUT_IT}):
 * what it names ("in silver", "clay") is a question about that product, not something every product
 * shown must be. The caller only reads it when a product is discussed. A turn that goes on to ask for
 * something else ("great, I will take them. Now a nice necklace for my mother-in-law", "me los quedo.
 * Ahora un collar"; {@link talkSentences}) is not only about the product: it is a new request.
 */
export function asksAboutProduct(text: string): boolean {
  const said = talkSentences(text);
  const at = said.findIndex((s) => s.kind === 'it' || (s.kind === 'subject' && s.it));
  return at >= 0 && !said.some((s, i) => i > at && s.kind === 'request');
}

/**
 * One sentence of a turn, as far as talk about a product goes:
 * - `it`: about the product discussed by a pro-form, or buying it ({@link ABOUT_IT}: "does it come in
 *   silver?", "I'll take them", "me los quedo");
 * - `subject`: a question about, or a purchase of, what a noun phrase names ("do the Galaxy Earrings
 *   have any gold in them?", "is the Anchor Bracelet waterproof?", "are the silver ones real silver?",
 *   "¿los Galaxy Earrings llevan algo de oro?", "I'll take the Galaxy Earrings"). `phrase` is the
 *   folded text from the noun phrase to the end of the sentence ("galaxy earrings have any gold in
 *   them?"): whether it names a product is for the caller, who knows the catalog
 *   (personalize/productTalk.ts); `pointing` says the phrase points at products already shown (a
 *   demonstrative, "the silver ones", "las de plata", "los plateados") rather than naming them; `it`
 *   that the sentence also reads as one about the product discussed ("¿cuánto cuestan los pendientes?");
 * - `request`: asks for products ("now a nice necklace for…", "show me…", "I also need…", "ahora un
 *   collar…", "busco…");
 * - `other`: anything else ("thanks!", "it's for my mom").
 */
export type TalkSentence =
  | { readonly kind: 'it' | 'request' | 'other'; readonly text: string }
  | { readonly kind: 'subject'; readonly text: string; readonly phrase: string; readonly pointing: boolean; readonly it: boolean };

/**
 * Sentence boundaries: after . ! ? ; or a line break followed by space (not "37.99"), before ¿ ¡, and
 * before a comma-led "now" / "ahora" that turns to something else ("I'll take them, now a necklace").
 */
const SENTENCE_BREAK = /(?<=[.!?;])\s+|\n+|\s*(?=[¿¡])|,\s*(?=(?:and\s+|y\s+)?(?:now|next|ahora|luego|despues|después)\s)/iu;

/** Words that may open a sentence before what it does: acknowledgements, connectives, "now". */
const LEAD = String.raw`(?:(?:ok|okay|great|thanks|thank\s+you|perfect|cool|nice|awesome|lovely|good|and|so|but|also|then|alright|right|well|oh|hmm+|wait|sorry|one\s+more\s+thing|quick\s+question|genial|gracias|perfecto|vale|listo|bueno|pues|y|pero|oye|entonces|tambien|ademas|por\s+cierto|otra\s+cosa)[\s,!:-]+)*`;

/** Determiners before the noun phrase a question is about; the demonstratives point at what was shown. */
const SUBJECT_DET_EN = String.raw`(the|this|that|these|those|your)`;
const SUBJECT_DET_ES = String.raw`(el|la|los|las|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella|aquellos|aquellas)`;
const DEMONSTRATIVE = /^(?:this|that|these|those|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella|aquellos|aquellas)$/u;

/** Questions about, and purchases of, what a noun phrase names: group 1 the determiner, group 2 the phrase to the sentence's end. */
const SUBJECT_EN: readonly RegExp[] = [
  // "do the Galaxy Earrings have any gold in them?", "is the Anchor Bracelet waterproof?", "are the silver ones real?"
  new RegExp(`^${LEAD}(?:does|do|did|is|are|was|were|will|would|could|can|has|have)\\s+${SUBJECT_DET_EN}\\s+(\\S.*)$`, 'u'),
  // "how much are the Galaxy Earrings?", "what are the Galaxy Earrings made of?", "what metal is the Anchor Bracelet?"
  new RegExp(`^${LEAD}(?:how\\s+(?:much|big|long|large|heavy|tall|wide|small)|what(?:\\s+[\\p{L}]+)?)\\s+(?:is|are|does|do|did)\\s+${SUBJECT_DET_EN}\\s+(\\S.*)$`, 'u'),
  // "do you have the Galaxy Earrings in gold?", "can I get the Anchor Bracelet in silver?"
  new RegExp(`^${LEAD}(?:do|does|can|could|would)\\s+(?:you|i|we)\\s+(?:still\\s+|also\\s+)?(?:have|get|order|buy|find|see)\\s+${SUBJECT_DET_EN}\\s+(\\S.*)$`, 'u'),
  // Buying it: "I'll take the Galaxy Earrings", "we will buy those".
  new RegExp(`^${LEAD}(?:i|we)\\s+(?:will|would like to|am going to|are going to|want to)\\s+(?:just\\s+)?(?:take|buy|get|order)\\s+${SUBJECT_DET_EN}\\s+(\\S.*)$`, 'u'),
];
const SUBJECT_ES: readonly RegExp[] = [
  // "¿los Galaxy Earrings llevan algo de oro?", "¿las de plata tienen cierre?" (a question: "los pendientes de plata" alone asks for them).
  new RegExp(`^${LEAD}${SUBJECT_DET_ES}\\s+(\\S.*\\?.*)$`, 'u'),
  // "¿cuánto cuestan los Galaxy Earrings?", "¿de qué son los Galaxy Earrings?", "¿tienen todavía los Galaxy Earrings en oro?"
  new RegExp(`^${LEAD}(?:(?:cuanto|que\\s+precio)\\s+(?:cuesta|cuestan|vale|valen|sale|salen|tiene|tienen)|de\\s+que\\s+(?:es|son|esta|estan)(?:\\s+hech[oa]s?)?|(?:tienes|tienen|tiene|venden|vendes)\\s+(?:todavia\\s+|aun\\s+)?|(?:es|son)\\s+(?=(?:el|la|los|las)\\s+\\S+.*\\?))\\s*${SUBJECT_DET_ES}\\s+(\\S.*)$`, 'u'),
  // Buying it: "me quedo con los Galaxy Earrings", "me llevo el Anchor Bracelet".
  new RegExp(`^${LEAD}(?:me|nos)\\s+(?:quedo|quedamos|llevo|llevamos)\\s+(?:con\\s+)?${SUBJECT_DET_ES}\\s+(\\S.*)$`, 'u'),
];

/** A phrase pointing at products shown rather than naming them: "silver ones", "the one with…", "de plata", "que me mostraste", "plateados". */
function pointsAtShown(phraseText: string): boolean {
  if (/^(?:[\p{L}-]+\s+){0,3}ones?(?=[^\p{L}]|$)/u.test(phraseText)) return true;
  if (/^(?:de|del|con|que|sin)\s/u.test(phraseText)) return true;
  const first = /^[\p{L}-]+/u.exec(phraseText)?.[0];
  // "los plateados", "las doradas": a colour said as a noun is the shown products of that colour.
  return first !== undefined && /(?:os|as|o|a)$/u.test(first) && canonicalColour(first) !== undefined;
}

/** What words ask for products, after {@link LEAD}: an indefinite, "show me", "I need", "ahora …", "busco". */
const REQUEST = new RegExp(
  `^${LEAD}(?:(?:now|next|ahora|luego|despues)[\\s,:]+\\S|(?:a|an|some|something|anything|another)\\s|(?:show|find|get|send)\\s+me\\b|(?:i|we)\\s+(?:also\\s+|still\\s+)?(?:need|want|would\\s+like|am\\s+looking\\s+for|are\\s+looking\\s+for|am\\s+after|am\\s+shopping\\s+for)\\b|looking\\s+for\\b|(?:what|how)\\s+about\\b|(?:do|does)\\s+(?:you|your\\s+shop|the\\s+shop)\\s+(?:also\\s+)?(?:have|sell|carry)\\b|got\\s+any\\b|can\\s+(?:you|i)\\s+(?:also\\s+)?(?:see|show|find|recommend|suggest)\\b|(?:please\\s+)?(?:recommend|suggest)\\b|(?:un|una|unos|unas|algo|otro|otra)\\s|(?:quiero|quisiera|busco|necesito|muestrame|ensename|buscame|recomiendame|sugiereme)\\b|me\\s+gustaria\\b|(?:tienes|tienen|hay)\\s+(?!(?:el|la|los|las)\\s)|que\\s+tal\\b|(?:estoy|ando)\\s+buscando\\b|me\\s+(?:puedes|podrias)\\s+(?:mostrar|ensenar|recomendar|buscar)\\b)`,
  'u',
);

/**
 * The turn's sentences, each read as talk about a product, a request or neither ({@link TalkSentence}).
 * `text` of each is the original sentence (for reading it again on its own); the rules read it
 * folded, with English contractions expanded.
 */
export const talkSentences: (text: string) => readonly TalkSentence[] = recentMemo((t) => Object.freeze(talkSentencesNow(t)), RECENT_MESSAGES);

function talkSentencesNow(text: string): TalkSentence[] {
  const out: TalkSentence[] = [];
  for (const raw of text.normalize('NFC').split(SENTENCE_BREAK)) {
    const original = raw.trim();
    const t = normal(original).trim().replace(/^[¿¡]\s*/u, '');
    if (t === '') continue;
    const it = ABOUT_IT.some((re) => re.test(t));
    const subject = subjectOf(t);
    // A phrase that may name a product ("¿cuánto cuestan los Galaxy Earrings?") says which; one that
    // only points at what was shown ("does this come in gold?") is read as the pro-forms are.
    if (subject && !(it && subject.pointing)) {
      out.push({ kind: 'subject', text: original, ...subject, it });
      continue;
    }
    if (it) {
      out.push({ kind: 'it', text: original });
      continue;
    }
    out.push({ kind: REQUEST.test(t) ? 'request' : 'other', text: original });
  }
  return out;
}

function subjectOf(t: string): { readonly phrase: string; readonly pointing: boolean } | undefined {
  for (const re of [...SUBJECT_EN, ...SUBJECT_ES]) {
    const m = re.exec(t);
    if (!m) continue;
    const det = m[1] as string;
    const phraseText = (m[2] as string).trim();
    return { phrase: phraseText, pointing: DEMONSTRATIVE.test(det) || pointsAtShown(phraseText) };
  }
  return undefined;
}

/** Words that say what the items should go with, EN/ES, folded: the verb phrase before the companion. */
const GOES_WITH = [
  // "what goes with it", "which shirt would go well with my navy trousers", "pairs nicely with", "to match with".
  /\b(?:go|goes|going|went|pair|pairs|paired|pairing|match|matches|matching|coordinate|coordinates|work|works|combine|combines|wear|wearing|looks?|look\s+(?:good|great|nice|best|better)|looks\s+(?:good|great|nice|best|better))\s+(?:really\s+)?(?:well\s+|nicely\s+|best\s+|better\s+|perfectly\s+|great\s+|good\s+)?(?:together\s+)?with\s+/u,
  // "something to match it", "that complements my jacket", "matching it".
  /\b(?:to\s+match|that\s+match(?:es)?|which\s+match(?:es)?|matching|to\s+complement|that\s+complements?|complementing|to\s+accompany|that\s+accompan(?:y|ies))\s+(?=(?:it|this|that|them|these|those|the|my|our|his|her|their|your)\b)/u,
  // Spanish: "¿qué camisa combina con esto?", "que vaya bien con mi pantalón", "a juego con", "hace juego con".
  /\b(?:combina|combinan|combine|combinen|combinar|combinaria|combinarian|pega|pegan|pegue|peguen|pegaria)\s+(?:muy\s+)?(?:bien\s+|mejor\s+)?con\s+/u,
  // "va con" alone may say what it comes with ("¿va con pilas?"): well, or with the product discussed.
  /\b(?:va|van|vaya|vayan|iria|irian|queda|quedan|quede|queden|quedaria)\s+(?:(?:muy\s+)?(?:bien|mejor)\s+con\s+|con\s+(?=(?:esto|eso|ello|este|esta|ese|esa|mi|mis|tu|tus|su|sus)\b))/u,
  /\b(?:a\s+juego|(?:hace|hacen|haga|hagan|haria)\s+juego|conjunto)\s+con\s+/u,
  // Worn over or under it: "a jacket to wear over my tank top", "something to layer under it", "para llevar debajo del blazer".
  /\b(?:wear|wears|wearing|layer|layers|layering|throw\s+on|goes|go)\s+(?:it\s+|them\s+)?(?:over|under|underneath|beneath|on\s+top\s+of)\s+(?=(?:it|this|that|them|these|those|the|my|our|his|her|their|your|a|an)\b)/u,
  /\b(?:llevar|llevarlo|llevarla|ponerme|ponerse|ponerlo|ponerla|usar|usarlo|usarla|lucir)\s+(?:encima|debajo)\s+(?:de|del)\s+|\b(?:llevar|llevarlo|llevarla|ponerme|ponerse|ponerlo|ponerla|usar|usarlo|usarla|lucir)\s+sobre\s+(?=(?:el|la|los|las|un|una|mi|mis|tu|tus|su|sus|este|esta|ese|esa)\b)/u,
];

/** Clitic Spanish forms whose companion is the product discussed: "¿qué camisa le combina?", "algo que le pegue". */
const GOES_WITH_IT = [
  /\b(?:le|les|lo|la)\s+(?:combina|combinan|combine|combinen|combinaria|combinarian|pega|pegan|pegue|peguen|pegaria|hace\s+juego|haga\s+juego)\b/u,
  /\b(?:(?:que|para)\s+(?:hagan?|haga)\s+juego|a\s+juego|para\s+acompanar(?:lo|la|los|las)?|que\s+(?:lo|la|los|las)\s+acompanen?|para\s+combinar(?:lo|la|los|las)?)\b/u,
  /\b(?:complete|completes|complete\s+the|finish)\s+(?:the|my|this|her|his)\s+(?:look|outfit)\b|\bcompletar\s+(?:el|mi|su)\s+(?:look|conjunto|outfit)\b/u,
  // Said with no object, what it goes with is what was chosen: "a matching necklace", "matching
  // earrings?", "something to match", "y un collar que combine?", "unos pendientes que peguen".
  /\b(?:a|an|some|any|the|also|and)\s+matching\s+(?!with\b|(?:it|this|that|them|these|those|the|my|our|his|her|their|your)\b)[\p{L}]|^\s*matching\s+(?!with\b)[\p{L}]/u,
  /\b(?:to\s+match|that\s+match(?:es)?|to\s+go\s+with\s+(?:it|them|those|these))\s*(?=$|[.,;:!?)\n])/u,
  // Said with no object: "something to wear over it?", "algo para ponerme encima".
  /\b(?:wear|layer|throw\s+on)\s+(?:over|under|underneath)\s*(?=$|[.,;:!?)\n])|\b(?:llevar|ponerme|ponerse|usar)\s+(?:encima|debajo)\s*(?=$|[.,;:!?)\n])/u,
  /\bque\s+(?:le\s+|les\s+)?(?:combine|combinen|pegue|peguen|vaya\s+bien|vayan\s+bien|quede\s+bien|queden\s+bien)\b(?!\s+(?:muy\s+)?(?:bien\s+|mejor\s+)?con\b)/u,
];

/** A first-person subject just before "go with": the shopper choosing ("I think we'll go with…", "which should I go with?"). */
const CHOOSER = /(?:^|[^\p{L}'])(?:i|we|i'?m|we'?re|let'?s|let\s+us|gonna|i'?ll|we'?ll|i'?d|we'?d|me|nos|yo)\s+(?:[\p{L}']+\s+){0,3}$/u;

/** {@link GOES_WITH}, each made global once (`matchAll` takes a global expression and copies it). */
const GOES_WITH_ALL = GOES_WITH.map((re) => new RegExp(re.source, `${re.flags}g`));

/**
 * Whether the turn asks for something to go with a product ("which shirt goes with it?", "what else
 * would go well with it?", "something to match my trousers", "¿qué camisa le combina?", "algo que
 * vaya bien con mi pantalón", "un collar a juego"): it starts a new kind of product, and the colours,
 * materials and kind of the product it goes with are not wishes for the new one
 * (personalize/sessionContext.ts `complements`). What the words after "with" name is the product the
 * items are for (entities.ts reads it as a purpose, not as a wish). Not a choice: "I'll go with the
 * navy one", "let's go with it". Read on folded text.
 */
export const goesWith: (text: string) => boolean = recentMemo(goesWithNow, RECENT_MESSAGES);

function goesWithNow(text: string): boolean {
  const t = fold(text.normalize('NFC'));
  for (const re of GOES_WITH_ALL) {
    for (const m of t.matchAll(re)) {
      // "I'll go with the navy one", "let's go with it": a choice, not something to go with it.
      if (/^(?:go|goes|going|went|va|van|vaya|vayan)\b/u.test(m[0]) && CHOOSER.test(t.slice(Math.max(0, m.index - 40), m.index))) continue;
      return true;
    }
  }
  return GOES_WITH_IT.some((re) => re.test(t));
}

/**
 * Words that point back at the products the conversation compared, as a pair: "the cheaper of the
 * two", "which of the two is warmer?", "between the two, which one?", "both of them", "la más barata de
 * las dos", "¿cuál de los dos?", "entre ambos", "ninguno de los dos". Read on folded text.
 */
const OF_THE_TWO = [
  /\b(?:of|between|from|out\s+of)\s+(?:the|these|those|them|you(?:r)?)?\s*(?:two|2|both)\b/u,
  /\b(?:both\s+of\s+(?:them|those|these)|either\s+(?:one|of\s+(?:them|those|these|the\s+two))|which\s+one\s+of\s+(?:them|those|these))\b/u,
  /\b(?:de|entre)\s+(?:los|las|estos|estas|esos|esas|aquellos|aquellas|ellos|ellas)\s+dos\b|\b(?:de|entre)\s+ambos\b|\b(?:de|entre)\s+ambas\b|\b(?:cual|cuales)\s+de\s+(?:los|las)\s+dos\b/u,
];

/**
 * Whether the turn speaks of the two products the conversation compared ({@link OF_THE_TWO}): then what
 * it asks ("the cheaper", "la más barata") is said of those two, not of the shop's products
 * (personalize/comparedPair.ts, personalizedRecommender.ts).
 */
export function refersToCompared(text: string): boolean {
  const t = normal(text);
  return OF_THE_TWO.some((re) => re.test(t));
}

/**
 * A choice put as a question or with the definite article: "which…", "¿cuál…?", "the cheaper one",
 * "la más barata". Read on folded text.
 */
const CHOOSING = /\b(?:which|cual|cuales)\b|\b(?:the|el|la|los|las)\s+(?:(?:mas|menos)\s+)?(?:cheaper|cheapest|pricier|priciest|dearer|dearest|(?:less|least|more|most)\s+expensive|barat[oa]s?|car[oa]s?|economic[oa]s?)\b/u;

/**
 * Whether the turn picks by price among things already before the shopper, without saying "of the
 * two": "which is cheaper?", "and the more expensive one?", "¿y cuál es la más barata?". Said right
 * after two products were compared (and naming no kind or budget of its own: the caller's check), it
 * speaks of those two, as {@link refersToCompared} does; "something cheaper" (no choice) does not.
 */
export function picksAmongCompared(text: string): boolean {
  return pickByPrice(text) !== undefined && CHOOSING.test(normal(text));
}

/** Where a request joins kinds asked for together: "and", "y", "plus", "as well as", "also", "además", a comma. */
const KIND_JOINT = /\s*,\s*|\s+(?:and(?:\s+also)?|y(?:\s+tambien)?|e|plus|as\s+well\s+as|along\s+with|together\s+with|&|also|ademas|tambien)\s+/u;

/**
 * The parts of a request that may each name a kind asked for together ("a ring and matching earrings
 * for my wife" → "a ring", "matching earrings for my wife"; "una lamparita de noche y una mesita de
 * noche"), on folded text; fewer than two parts: none. Whether each part names a kind, and which, is
 * the reader's (personalize/askedKinds.ts): "black and white shirts" has one.
 */
export const kindClauses: (text: string) => readonly string[] = recentMemo((t) => Object.freeze(kindClausesNow(t)), RECENT_MESSAGES);

function kindClausesNow(text: string): string[] {
  const parts = fold(text.normalize('NFC'))
    .split(KIND_JOINT)
    .map((p) => p.replace(/[¿?¡!.;:]+/gu, ' ').trim())
    .filter((p) => p !== '');
  return parts.length >= 2 ? parts : [];
}

/** Which end of the price range words choose among products already compared: "the cheaper", "la más barata", "the pricier", "la más cara". */
const PICK_LOW = /\b(?:cheaper|cheapest|less\s+expensive|least\s+expensive|lower[\s-]priced|more\s+affordable|most\s+affordable|(?:mas|menos)\s+(?:barat[oa]s?|economic[oa]s?)|menos\s+car[oa]s?|(?:spend|pay|spending|paying)\s+less|(?:gastar|pagar|gasto|pago|gaste|pague)\s+menos|sale\s+menos|cuesta\s+menos)\b/u;
const PICK_HIGH = /\b(?:pricier|priciest|dearer|dearest|(?:more|most)\s+expensive|higher[\s-]priced|mas\s+car[oa]s?)\b/u;

/**
 * The end of the price range a turn picks among the products compared ({@link refersToCompared}): "the
 * cheaper of the two" → `low`, "which of the two is more expensive?" → `high`; none, or both, `undefined`.
 */
export function pickByPrice(text: string): 'low' | 'high' | undefined {
  const t = normal(text);
  const low = PICK_LOW.test(t);
  const high = PICK_HIGH.test(t);
  return low === high ? undefined : low ? 'low' : 'high';
}
