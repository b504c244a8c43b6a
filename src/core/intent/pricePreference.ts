/**
 * A preference for the lower or higher end of the price range, said without a number: "cheap
 * jackets", "the cheapest necklace", "algo barato", "lo más económico", "not too expensive", "nada muy
 * caro", "que no sea carísimo", "no tengo mucha plata" → `low`;
 * "the most expensive", "premium", "high-end", "de lujo", "gama alta" → `high`. A budget with a
 * number is budget.ts's; this only orders what is shown. None is read from a question about price
 * ("is it expensive?", "cheaper than Amazon?"), a negated word ("nothing cheap", "no quiero nada
 * barato": that is a rejection, not the other end), a product's own name ("the Premium Cotton Tee"),
 * or both ends at once.
 *
 * A comparative said of the product the conversation is about ({@link extractPriceComparison}:
 * "cheaper than that", "something cheaper", "algo más barato", "more expensive than this one") is
 * also read here: `below` or `above` that product's price, and the `low` or `high` end. So is saying
 * it costs too much ("that's too expensive", "out of my budget", "es demasiado caro", "se me va de
 * precio"): `below` it.
 */
import { expandContractions, fold } from './text.ts';
import { recentMemo, RECENT_MESSAGES } from '../boundedMemo.ts';

/** Which end of the price range the shopper prefers. */
export type PricePreference = 'low' | 'high';

/** Price words of the high end, as a negation takes them ("not too *pricey*", "nada *carísimo*"). */
const DEAR_EN = '(?:expensive|pricey|pricy|costly|spendy|overpriced)';
const DEAR_ES = '(?:car(?:o|a|os|as|isim[oa]s?)|costos(?:o|a|os|as|isim[oa]s?))';
/** Money, in the words of each market ("plata", "lana", "pasta", "guita", "feria"). */
const MONEY_WORDS = '(?:plata|dinero|lana|pasta|guita|feria|money|cash)';
/**
 * The low end: cheap words, and what keeps a shopper from the high end. A negated dear word ("not too
 * expensive", "nothing too pricey", "nada muy caro", "que no sea carísimo", "I don't want anything too
 * expensive"), not wanting to spend much ("que no cueste mucha plata", "sin gastar mucho", "without
 * breaking the bank"), being short of money ("no tengo mucha plata", "tengo poca plata", "ando corto de
 * plata", "I don't have much money", "money is tight"). A rejection is never read from these
 * (rejections.ts): a price is no word of a title.
 */
const LOW = new RegExp(
  String.raw`(?<![\p{L}])(?:` +
    [
      String.raw`cheap(?:er(?! than)|est)?|inexpensive|affordable|lowest[- ]priced|(?:the )?lowest prices?|(?:el|la|los|las|lo) (?:\p{L}+ ){0,2}de (?:menor|mas bajo) precio|(?:less|least) expensive|lower[- ]priced|budget[- ]friendly|on a (?:tight |limited |small |low )?budget|(?:tight|limited|small|low)[- ]budget|low[- ]cost|low[- ]priced|bargains?`,
      String.raw`(?:not|nothing) (?:too |very |that |so |overly |super |crazy )?${DEAR_EN}`,
      String.raw`(?:do not|don't|dont|does not|doesn't|doesnt) (?:want|need) (?:anything|something) (?:too |very |that |so |overly |super |crazy )?${DEAR_EN}`,
      String.raw`barat(?:o|a|os|as|ito|ita|itos|itas|isimo|isima)|economic(?:o|a|os|as)|asequibles?|low cost`,
      String.raw`(?:nada|tampoco) (?:muy |tan |demasiado |super |re )?${DEAR_ES}`,
      String.raw`que no (?:cueste|cuesten|salga|salgan) (?:mucho|tanto|demasiado|una fortuna|un ojo de la cara|un dineral|un monton|mucha ${MONEY_WORDS}|mucho ${MONEY_WORDS})`,
      String.raw`no (?:sea |sean |salga |salgan )?(?:muy |tan |demasiado |super )?${DEAR_ES}`,
      String.raw`(?:sin|no quiero|no queremos|no puedo|no podemos|no pienso|no quisiera) gastar (?:mucho|tanto|demasiado|una fortuna|un dineral|un monton|mucha ${MONEY_WORDS}|mucho ${MONEY_WORDS})`,
      String.raw`(?:do not|don't|dont|can not|cannot|can't|cant|without) (?:want to |wanna )?(?:spend|spending) (?:too much|that much|much|a lot|a fortune|loads|big)`,
      String.raw`(?:won't|will not|wont|doesn't|does not|not|without) break(?:ing)? the bank`,
      String.raw`(?:no tengo|no tenemos|no traigo) (?:mucha |tanta |demasiada |mucho |tanto )?${MONEY_WORDS}`,
      String.raw`(?:tengo|tenemos) poc[oa] ${MONEY_WORDS}|(?:ando|andamos|estoy|estamos) (?:cort[oa]s?|just[oa]s?|mal|escas[oa]s?) de ${MONEY_WORDS}|(?:ando|andamos|estoy|estamos|me quede|nos quedamos) sin ${MONEY_WORDS}`,
      String.raw`presupuesto (?:ajustado|limitado|corto|bajo|chico|pequeno|justo)`,
      String.raw`(?:do not|don't|dont) have (?:much|a lot of|lots of|that much|a ton of) (?:money|cash)|(?:short|tight|low) on (?:money|cash|funds)|money(?:'s| is) tight|(?:i'm|im|i am|we're|we are) broke`,
    ].join('|') +
    String.raw`)(?![\p{L}])`,
  'gu',
);
/**
 * The high end: dear words, and a cheap word the shopper does not want ("nothing cheap", "not a cheap
 * one", "I don't want anything cheap", "nada barato", "no quiero nada barato", "que no sea barato"; not
 * a remark on a price: "it's not cheap", "no es barato").
 */
const HIGH = new RegExp(
  String.raw`(?<![\p{L}])(?:` +
    [
      String.raw`(?:the )?most expensive|priciest|dearest|costliest|highest[- ]priced|(?:the )?highest prices?|(?:el|la|los|las|lo) (?:\p{L}+ ){0,2}de (?:mayor|mas alto) precio|premium|high[- ]end|luxury|luxurious|top[- ]of[- ]the[- ](?:range|line)|mas car(?:o|a|os|as)|de lujo|lujos(?:o|a|os|as)|gama alta|de alta gama|exclusiv(?:o|a|os|as)`,
      String.raw`(?<!(?:is|it's|its|it is|that's|thats|that is|are|was|were|they're|theyre|seems|looks) )not (?:a |too |so |that )?cheap(?: ones?|[- ]looking)?|nothing (?:too |that |so |super )?cheap(?:[- ]looking)?|(?:do not|don't|dont) (?:want|need) (?:anything|something) (?:too |that |so )?cheap(?:[- ]looking)?`,
      String.raw`nada (?:muy |tan |demasiado )?barat(?:o|a|os|as|ito|ita)|no (?:quiero|queremos|busco|buscamos) (?:nada|algo) (?:muy |tan |demasiado )?barat(?:o|a|os|as|ito|ita)|que no (?:sea|sean|se vea|se vean|parezca|parezcan) (?:muy |tan |demasiado )?barat(?:o|a|os|as)`,
    ].join('|') +
    String.raw`)(?![\p{L}])`,
  'gu',
);
/** A negation just before a price word turns it into something not wanted, not a preference. */
const NEGATED = /(?:^|[^\p{L}])(?:not|no|nothing|nada|ni|don't|dont|never|nunca|sin)(?:\s+\S+){0,2}\s*$/u;
/**
 * A match that holds its own negation ("not too expensive", "nada caro", "no tengo mucha plata"): one
 * before it does not undo it ("no quiero nada muy caro", "I don't want anything too expensive").
 */
const OWN_NEGATION = /^(?:not|no|nothing|nada|tampoco|que no|sin|without|do not|don't|dont|does not|doesn't|doesnt|can not|cannot|can't|cant|won't|will not|wont)\s/u;

/** Whether a regex matches somewhere the shopper means it: not negated, not part of a capitalised name mid-sentence. */
function stated(re: RegExp, folded: string, original: string): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    const at = m.index;
    // A negation counts within the clause: "sin presupuesto, algo premium" is premium.
    if (!OWN_NEGATION.test(m[0]) && NEGATED.test(folded.slice(Math.max(0, at - 30), at).split(/[,;:.!?]/u).at(-1) as string)) continue;
    // "the Premium Cotton Tee": a capitalised word after the sentence has started names a product
    // (not in a text typed all in capitals: "THE CHEAPEST NECKLACE YOU HAVE!!!").
    const first = original[at] ?? '';
    const sentenceStart = /^\s*$|[.!?¿¡]\s*$/.test(original.slice(0, at));
    if (first !== first.toLowerCase() && !sentenceStart && original !== original.toUpperCase()) continue;
    return true;
  }
  return false;
}

/**
 * The price preference the text states, or `undefined` (none, or both: "cheap or premium"). A
 * comparative said of the product discussed ("cheaper than that", "more expensive than this one")
 * states its end too; `comparison` is {@link extractPriceComparison}'s answer when already read.
 */
export function extractPricePreference(text: string, comparison: PriceComparison | undefined = extractPriceComparison(text)): PricePreference | undefined {
  const original = text.normalize('NFC').replace(/\s/g, ' ');
  const f = fold(original);
  const low = stated(LOW, f, original) || comparison === 'below';
  const high = stated(HIGH, f, original) || comparison === 'above';
  return low === high ? undefined : low ? 'low' : 'high';
}

/**
 * The end of the price range itself, asked for: a superlative ("the cheapest", "least expensive", "most
 * expensive", "priciest", "lowest-priced", "el más barato", "lo más económico", "los más caros", "el de
 * menor precio"), or the cheapest or dearest first ("cheapest first", "los más baratos primero").
 */
const SUPERLATIVE = new RegExp(
  String.raw`(?<![\p{L}])(?:` +
    [
      String.raw`cheapest|least (?:expensive|pricey|costly)|most (?:expensive|pricey|costly|affordable)|priciest|dearest|costliest|(?:lowest|highest)[- ]priced|(?:the )?(?:lowest|highest) prices?`,
      // "el arete de menor precio": the article, a word or two, then the lowest or highest price.
      String.raw`(?:el|la|los|las|lo) (?:\p{L}+ ){0,2}de (?:menor|mayor|mas bajo|mas alto) precio`,
      String.raw`(?:el|la|los|las|lo) (?:mas|menos) (?:(?:barat|economic)\p{L}*|car(?:o|a|os|as|isim[oa]s?)|costos(?:o|a|os|as)|accesibles?|asequibles?)`,
      String.raw`(?:el|la|los|las|lo) de (?:menor|mayor|mas bajo|mas alto) precio`,
      // "el collar más barato", "las macetas más económicas": the definite article, one word, the superlative (not "la Nespresso sale más cara").
      String.raw`(?:el|la|los|las) (?:(?:\p{N}{1,2}|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez) )?\p{L}+ mas (?:(?:barat|economic)\p{L}*|car(?:o|a|os|as)|costos(?:o|a|os|as))`,
    ].join('|') +
    String.raw`)(?![\p{L}])`,
  'u',
);
/** A sort by price, and its direction: "sort by price" and "price low to high" (`low`), "de mayor a menor precio" (`high`). */
const SORT_LOW = new RegExp(
  String.raw`(?<![\p{L}])(?:` +
    [
      String.raw`(?:sort|sorted|order|ordered) (?:them |it |these |those )?by price(?!,? (?:high|descending|from (?:the )?(?:highest|most|dearest|priciest)|(?:the )?(?:highest|dearest|priciest|most expensive)(?: ones?)? first))`,
      String.raw`(?:from )?(?:the )?least to (?:the )?most (?:expensive|pricey|costly)|(?:from )?(?:the )?cheapest to (?:the )?(?:most expensive|dearest|priciest)|prices?:? (?:from )?(?:low|lowest) to (?:high|highest)|(?:from )?(?:the )?(?:low|lowest) to (?:the )?(?:high|highest) prices?|(?:lowest|cheapest|least expensive)(?: prices?| ones?)? first`,
      String.raw`(?:ordena|ordenar|ordename|ordenalos|ordenalas|ordenamelos|ordenamelas|ordenados|ordenadas) (?:por|x) precio(?!,? de mayor| del mas caro)|de menor a mayor precio|precio,? de menor a mayor|de(?:l| la| las| los)? mas barat[oa]s? a(?:l| la| las| los)? mas car[oa]s?`,
    ].join('|') +
    String.raw`)(?![\p{L}])`,
  'u',
);
const SORT_HIGH = new RegExp(
  String.raw`(?<![\p{L}])(?:` +
    [
      String.raw`(?:from )?(?:the )?most to (?:the )?least (?:expensive|pricey|costly)|(?:from )?(?:the )?(?:most expensive|dearest|priciest) to (?:the )?(?:cheapest|least expensive)|prices?:? (?:from )?(?:high|highest) to (?:low|lowest)|(?:from )?(?:the )?(?:high|highest) to (?:the )?(?:low|lowest) prices?|(?:highest|dearest|priciest|most expensive)(?: prices?| ones?)? first`,
      String.raw`(?:sort|sorted|order|ordered) (?:them |it |these |those )?by price,? (?:high|descending)`,
      String.raw`de mayor a menor precio|precio,? de mayor a menor|de(?:l| la| las| los)? mas car[oa]s? a(?:l| la| las| los)? mas barat[oa]s?`,
    ].join('|') +
    String.raw`)(?![\p{L}])`,
  'u',
);

/** Every sort by price in a text (to read no comparative in it). */
const SORTS = new RegExp(`${SORT_LOW.source}|${SORT_HIGH.source}`, 'gu');
/** "El arete de menor precio": a superlative, whose "de menor precio" is no comparative. */
const DE_PRICE_SUPERLATIVE = /(?<![\p{L}])(?:el|la|los|las|lo) (?:\p{L}+ ){0,2}de (?:menor|mayor|mas bajo|mas alto) precio(?![\p{L}])/gu;

/**
 * The end of the price range the text asks the list to be ordered by: a superlative of the preference
 * it states ({@link SUPERLATIVE}: "the cheapest", "el más caro"), or a sort by price (its direction;
 * ascending unless said). `undefined` for a preference only ("cheap", "affordable": a nudge, not an
 * order) or a question whether something is the cheapest (no preference is read of it).
 */
export function priceEndAsked(text: string, preference: PricePreference | undefined): PricePreference | undefined {
  const f = expandContractions(fold(text.normalize('NFC'))).replace(/\s+/g, ' ');
  if (SORT_HIGH.test(f)) return 'high';
  if (SORT_LOW.test(f)) return 'low';
  return preference !== undefined && SUPERLATIVE.test(f) ? preference : undefined;
}

/** How many a count says, in figures or in words (two to ten, English and Spanish). */
const COUNT_WORDS: Readonly<Record<string, number>> = { single: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10 };
const COUNT = String.raw`(\p{N}{1,2}|two|three|four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)`;
const SUPERLATIVE_EN = String.raw`cheapest|least (?:expensive|pricey|costly)|most (?:expensive|pricey|costly|affordable)|priciest|dearest|costliest|(?:lowest|highest)[- ]priced`;
/** A count with a price end: "the 2 cheapest", "top 3 cheapest", "the cheapest 3 sofas", "los 3 collares más baratos", "las dos más caras". */
const COUNTED_END = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    [
      String.raw`(?:the|your|top|my|just|only)\s+(?:the\s+)?${COUNT}\s+(?:\p{L}+\s+)?(?:${SUPERLATIVE_EN})`,
      String.raw`(?:${SUPERLATIVE_EN})\s+${COUNT}(?![\p{N}.,]\p{N})`,
      String.raw`(?:los|las|tus|sus|solo los|solo las)\s+${COUNT}\s+(?:\p{L}+\s+){0,2}?(?:mas|menos)\s+(?:barat|economic|car[oa]|costos)\p{L}*`,
      String.raw`top\s+${COUNT}`,
      String.raw`(?:just|only|solo|nomas|nada mas)\s+(?:the\s+|los\s+|las\s+)?${COUNT}`,
      String.raw`(?:los|las)\s+${COUNT}\s+primer(?:os|as)`,
      String.raw`${COUNT}\s+(?:cosas|productos|articulos|things|items|products|of them|de ellos|de ellas)`,
      String.raw`(?:the\s+)?(single)\s+(?:${SUPERLATIVE_EN})`,
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}])`,
  'u',
);

/**
 * How many products a list asked by price names ("the 2 cheapest necklaces", "your three most expensive
 * rings", "the cheapest 3 sofas", "los 3 collares más baratos", "las dos más baratas"): 1 to 50, only
 * when the text asks for a price end ({@link priceEndAsked}). `undefined` without a count.
 */
export function priceEndCount(text: string): number | undefined {
  const f = expandContractions(fold(text.normalize('NFC'))).replace(/\s+/g, ' ');
  const m = COUNTED_END.exec(f);
  const said = m?.slice(1).find((x) => x !== undefined);
  if (said === undefined) return undefined;
  const n = COUNT_WORDS[said] ?? Number(said);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : undefined;
}

/**
 * How many products a request asks to be shown, said as a count after a verb of showing: "show me 3
 * shirts", "give me two options", "muéstrame 3 camisas", "dame dos opciones" (not "I need 3 shirts": how
 * many to buy, nor "show me size 3").
 */
const SHOWN_COUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:show|give|send|list|recommend|suggest|pick|find)(?: me| us)?|(?:muestrame|mostrame|muestreme|ensename|dame|deme|pasame|recomiendame|sugiereme|elegime|eligeme|buscame)) (?:just |only |solo |nomas |unos |unas |about |like )?${COUNT}(?! (?:size|talla|talle|sizes|year|years|anos|dollars?|euros?|pesos|bucks|usd|eur|mxn|x|%))(?![\p{L}\p{N}.,%$€])`,
  'u',
);

/** {@link SHOWN_COUNT}'s count, 1 to 50, or undefined. */
export function shownCount(text: string): number | undefined {
  const said = SHOWN_COUNT.exec(expandContractions(fold(text.normalize('NFC'))).replace(/\s+/g, ' '))?.[1];
  if (said === undefined) return undefined;
  const n = COUNT_WORDS[said] ?? Number(said);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : undefined;
}

/** Which side of the price of the product discussed a comparative asks for. */
export type PriceComparison = 'below' | 'above';

/**
 * Comparatives of price, by side. English and Spanish, folded: "cheaper", "less expensive", "more
 * affordable", "for less", "más barato", "menos caro", "más económico", "a menor precio" → below;
 * "more expensive", "pricier", "higher-end", "más caro", "de mayor precio" → above.
 */
const COMPARATIVE_BELOW = String.raw`cheaper|(?:(?:costs?|costing) less|que (?:cueste|cuesten|salga|salgan|valga|valgan) menos)(?!\s+(?:than|de|que)\s+(?:(?:unos?|about|around|like)\s+)?[\d$€£])|less (?:expensive|pricey|costly)|lower[- ](?:priced|cost)|more (?:affordable|economical|budget[- ]friendly|reasonably priced)|(?:for|at) less(?: money)?(?=\s*$|\s+than\s)|(?:for|at) a lower (?:price|cost)|mas barat(?:o|a|os|as|ito|ita|itos|itas)|menos (?:car(?:o|a|os|as)|costos(?:o|a|os|as))|mas (?:economic(?:o|a|os|as)|asequibles?|accesibles?)|(?:de|a|con) (?:un )?(?:menor|mas bajo) precio|mas baj(?:o|a|os|as) de precio|por menos(?: dinero| plata| lana| pasta)?(?=\s*$|\s+que\s)`;
const COMPARATIVE_ABOVE = String.raw`more (?:expensive|costly|pricey|upscale|premium|luxurious)|pricier|costlier|dearer|higher[- ](?:priced|end)|(?:at|for) a higher price|mas car(?:o|a|os|as)|mas costos(?:o|a|os|as)|menos barat(?:o|a|os|as)|(?:de|a|con) (?:un )?(?:mayor|mas alto) precio|mas (?:exclusiv(?:o|a|os|as)|lujos(?:o|a|os|as)|de lujo)|de (?:gama mas alta|mas alta gama|mayor gama)`;
const COMPARATIVE = new RegExp(`(?<![\\p{L}\\p{N}])(?:(${COMPARATIVE_BELOW})|(${COMPARATIVE_ABOVE}))(?![\\p{L}\\p{N}])`, 'gu');

/** Where a clause ends: punctuation, or a conjunction that starts another thought. */
const CLAUSE_SPLIT = /[.,;:!?¿¡()\n"]|\s(?:but|pero|aunque|though|however|sin embargo)\s/u;

/** Words that only grade a comparative ("a bit cheaper", "un poco más barato", "even cheaper"). */
const INTENSIFIERS = new Set(['a', 'bit', 'little', 'lot', 'much', 'far', 'way', 'even', 'slightly', 'somewhat', 'any', 'still', 'un', 'poco', 'poquito', 'mucho', 'aun', 'todavia', 'bastante', 'algo']);
/** "a bit" / "un poco" / "a lot" read as one intensifier (the article in them is no indefinite). */
const INTENSIFIER_PHRASE = /(?:^|\s)(?:a (?:bit|little|lot|tad)|un (?:poco|poquito)|(?:much|way|far|even|slightly|somewhat|any|still|mucho|aun|todavia|bastante))\s*$/u;

/** A negation right before the comparative: "not cheaper", "no más barato", "isn't cheaper". */
const NEGATORS = new Set(['not', 'no', 'never', 'nunca', 'ni', 'tampoco']);
/**
 * A negated wish to see it: "I don't want anything cheaper", "no quiero nada más barato". Not a
 * negated "have" ("don't you have anything cheaper?", "¿no tienes nada más barato?" ask for it).
 */
const NEGATED_WISH = /(?:^|\s)(?:not|no|never|nunca)\s+(?:(?:i|we|you|me|te|le|les|nos|really|realmente)\s+)?(?:want|need|like|show|looking|quiero|queremos|necesito|necesitamos|busco|buscamos|muestres|muestren|ensenes|ensenen|interesa|gusta)(?:\s|$)/u;

/**
 * A copula: the comparative says what something *is* ("is it cheaper?", "which is cheaper", "¿es más
 * barato?", "¿cuál sale más barato?"): a question or a statement about a product, not a request.
 */
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'es', 'son', 'era', 'eran', 'sera', 'seran', 'seria', 'serian', 'fue', 'sale', 'salen', 'saldria', 'saldrian', 'resulta', 'resultan', 'queda', 'quedan', 'estan']);
/** Words that bring in something sought ("is there *anything* cheaper", "¿hay *algo* más barato?"): not the subject of a copula. */
const SOUGHT = new Set(['there', 'something', 'anything', 'another', 'some', 'any', 'ones', 'options', 'alternatives', 'algo', 'alguno', 'alguna', 'algunos', 'algunas', 'algun', 'uno', 'una', 'unos', 'unas', 'un', 'otro', 'otra', 'otros', 'otras', 'hay', 'nada', 'ninguno', 'ninguna', 'cualquier', 'opciones', 'alternativas']);
/** Verbs that open a request after a copula ("this is lovely, do you *have* one cheaper"): the comparative is the request's. */
const REQUEST_VERBS = new Set(['have', 'has', 'got', 'show', 'see', 'find', 'recommend', 'suggest', 'get', 'want', 'need', 'prefer', 'tienes', 'tienen', 'tiene', 'tendras', 'muestras', 'muestrame', 'ensename', 'recomiendas', 'quiero', 'busco', 'necesito', 'prefiero']);
/** Auxiliaries before a subject pronoun ("would *that* be cheaper?"): "that" is then the subject, not a relative pronoun. */
const AUXILIARIES = new Set(['would', 'will', 'could', 'can', 'should', 'might', 'may', 'is', 'are', 'was', 'were', 'does', 'do', 'did']);
/** A relative pronoun after a noun ("something *that* is cheaper", "algo *que* sea más barato"): the comparative describes what is sought. */
const RELATIVES = new Set(['that', 'which', 'who', 'que']);

/** Determiners that make a Spanish "más …" a superlative ("el más barato", "la pulsera más barata"). */
const ES_DEFINITE = new Set(['el', 'la', 'los', 'las', 'lo']);
/** Verbs of having, showing and selling that an object pronoun goes before ("¿las tenés más baratas?"). */
const CLITIC_VERBS = new Set([
  'tenes', 'tienes', 'tiene', 'tienen', 'tenian', 'mostras', 'muestras', 'muestra', 'muestran', 'mostrarias', 'conseguis', 'consigues',
  'consigo', 'encontras', 'encuentras', 'encuentro', 'vendes', 'vende', 'venden', 'dejas', 'deja', 'dejan', 'dejo', 'podes', 'puedes',
  'quiero', 'queria', 'necesito', 'hay', 'habra', 'traes', 'traen', 'manejas', 'manejan', 'ofreces', 'ofrecen',
]);

/**
 * Object pronouns before a verb ("me *lo* mostrás más barato", "¿las tenés más baratas?"): these are no
 * article. A "lo" not right before "más" is always one; "la", "los", "las" after "me", "te", "se",
 * "nos" or before a verb of {@link CLITIC_VERBS}.
 */
function isClitic(ws: readonly string[], i: number): boolean {
  const w = ws[i] as string;
  return (w === 'lo' && i < ws.length - 1) || (i > 0 && /^(?:me|te|se|nos)$/.test(ws[i - 1] as string)) || CLITIC_VERBS.has(ws[i + 1] ?? '');
}

/** Determiners that keep it a comparative ("uno más barato", "algo más barato", "un collar más barato"). */
const ES_INDEFINITE = new Set(['un', 'una', 'unos', 'unas', 'uno', 'algo', 'alguno', 'alguna', 'algunos', 'algunas', 'algun', 'otro', 'otra', 'otros', 'otras', 'nada', 'ninguno', 'ninguna', 'cualquier', 'tienes', 'tienen', 'hay', 'quiero', 'busco', 'necesito']);

/**
 * What a comparative is compared with when that is the product discussed: a pro-form ("than that",
 * "than this one", "than these earrings", "than the last one", "than the second one", "than what you showed me", "que ese",
 * "que esta pulsera", "que el anterior", "que lo que me mostraste"). Anything else ("than Amazon",
 * "than in the store", "than the gold one", "que en la tienda") is another thing.
 */
const PRO_FORM = new RegExp(
  String.raw`^(?:` +
    [
      String.raw`(?:that|this|these|those)(?: (?!(?:store|shop|site|website|place|brand|one's)(?:\s|$))[\p{L}'-]+)?`,
      // A product of the list shown by its place ("than the second one", "than the 3rd one", "than the
      // first?": intent/ordinals.ts), not a time ("than the first time", "than last year").
      String.raw`it|them|yours|the (?:same|current|last|previous|latest|first|former|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)(?: (?!(?:time|times|day|days|week|weeks|month|months|year|years|visit|order|purchase|store|shop|site|website|place)(?:\s|$))(?:one|ones|[\p{L}-]+)|\s*(?:$|[?.!,;]))`,
      String.raw`the (?:one|ones)(?:$| (?:you|i|we|that|which|here|before|above|shown|on|in|from|we've|i've|you've|i'm|you're))`,
      String.raw`what (?:you|i|we|is shown|was shown)`,
      String.raw`(?:ese|esa|eso|este|esta|esto|esos|esas|estos|estas|aquel|aquella|aquello|aquellos|aquellas)(?:\s|$)`,
      String.raw`(?:el|la|los|las|lo) (?:anterior|anteriores|ultimo|ultima|ultimos|ultimas|primero|primera|segundo|segunda|tercero|tercera|tercer|cuarto|cuarta|quinto|quinta|actual|de antes|mismo|misma|que)(?:\s|$)`,
      String.raw`(?:el|la|los|las) [\p{L}]+ (?:ese|esa|este|esta|esos|esas|estos|estas|anterior|de antes)(?:\s|$)`,
    ].join('|') +
    ')',
  'u',
);
/** "que" opening a relative clause, not a comparand ("algo más barato que tengas", "uno más barato que me guste"). */
const ES_RELATIVE = /^(?:me|te|se|nos|le|les|no|sea|sean|tengas|tengan|tenga|tienes|tienen|haya|hay|puedas|puedan|pueda|puedes|cueste|cuesten|salga|salgan|valga|valgan|sirva|sirvan|quede|queden|combine|combinen|vaya|vayan|este|esten|tambien|igual)(?:\s|$)/u;
/** Said of where it is sold, not of the product: "cheaper on Amazon", "found it cheaper elsewhere", "más barato en otra tienda". */
const ELSEWHERE = /^(?:(?:[\p{L}]+ )?(?:on(?! (?:sale|offer|discount))|at|elsewhere|online|somewhere else|in (?:the |a |another |other )?(?:store|stores|shop|shops|mall|market))(?:\s|$)|(?:en|por) (?:amazon|internet|linea|otr[oa]s? |otro lado|otra parte|la tienda|tiendas?|el centro|mercado ?libre|fuera)|fuera(?:\s|$))/u;
/** What is compared is a service, not the products: "cheaper shipping", "envío más barato". */
const NOT_PRODUCTS = /^(?:shipping|delivery|postage|returns?|envio|envios|entrega)(?:\s|$)/u;
const ES_NOT_PRODUCTS = /(?:^|\s)(?:shipping|delivery|envio|envios|entrega|el envio)\s*$/u;
/** Having seen it for less ("I saw it cheaper", "lo vi más barato", "lo vi mucho más barato", "found it way cheaper"). */
const SEEN_ELSEWHERE = /(?:^|\s)(?:found|saw|seen|seeing|encontre|vi|visto|venden|sells?|sold)(?:\s+(?:it|them|this|that|lo|la|los|las|one|uno|una))?(?:\s+(?:mucho|muchisimo|bastante|harto|algo|un poco|much|way|a lot|a bit|far))?\s*$/u;

/**
 * A comparand named by a noun phrase with a definite article or a possessive ("than the sofa", "than
 * the Dainty Gold Necklace", "than your gold one", "que la mesa", "que el collar de pájaro"): a product,
 * which only the catalog and the conversation can tell (personalize/comparedProduct.ts). Not a shop, a
 * site or the others ("than the store", "than the rest", "que la competencia"): those are elsewhere.
 */
const NAMED = /^(?:the|your|yours|el|la|los|las|tu|su)\s+(?!(?:store|stores|shop|shops|site|website|web|mall|market|internet|competition|competitors?|others?|rest|tienda|tiendas|competencia|demas|otros|otras|resto|web|pagina)(?:\s|$))([\p{L}\p{N}'-]+(?:\s+[\p{L}\p{N}'-]+){0,5})\s*$/u;

/** What a comparative asks to compare with: the product discussed, or one the shopper names ({@link NAMED}). */
type Comparand = { readonly named?: string };

/**
 * Whether the comparative at `at` (ending at `end`) in the clause asks for products on one side of
 * the price of a product: the one discussed (`{}`), or one the shopper names (`{ named }`, the words
 * after the article). `undefined`: it asks for nothing (a question, a negation, a comparison with
 * another shop).
 */
function asksRelative(clause: string, at: number, end: number): Comparand | undefined {
  let before = clause.slice(0, at);
  const after = clause.slice(end).trim();
  if (SEEN_ELSEWHERE.test(before) || ELSEWHERE.test(after) || NOT_PRODUCTS.test(after) || ES_NOT_PRODUCTS.test(before)) return undefined;
  let named: string | undefined;
  // What it is compared with: right after ("than that") or after the noun it qualifies ("cheaper earrings than these").
  const cmp = /^(?:[\p{L}'-]+\s+){0,2}?(than|then|que)(?:\s+(.*))?$/u.exec(after);
  if (cmp) {
    const what = (cmp[2] ?? '').trim();
    // "something cheaper then, I guess": a "then" before no pro-form is no "than".
    const compared = cmp[1] !== 'then' || PRO_FORM.test(what);
    if (compared && !PRO_FORM.test(what) && !(cmp[1] === 'que' && ES_RELATIVE.test(what))) {
      named = cmp[1] === 'then' ? undefined : NAMED.exec(what)?.[1];
      if (named === undefined) return undefined;
    }
  }
  const yes: Comparand = named === undefined ? {} : { named };
  if (NEGATED_WISH.test(before)) return undefined;
  // Grading words next to it say nothing of the reading: "is it a bit cheaper", "algo un poco más barato".
  for (let m = INTENSIFIER_PHRASE.exec(before); m; m = INTENSIFIER_PHRASE.exec(before)) before = before.slice(0, m.index);
  const ws = before.match(/[\p{L}\p{N}']+/gu) ?? [];
  const prev = ws.at(-1) ?? '';
  if (NEGATORS.has(prev)) return undefined;
  // "the cheaper one" (of two), "el más barato", "la pulsera más barata": a choice or a superlative.
  if (prev === 'the') return undefined;
  if (/^(?:mas|menos)\s/u.test(clause.slice(at))) {
    for (let i = ws.length - 1; i >= Math.max(0, ws.length - 4); i--) {
      const w = ws[i] as string;
      if (ES_DEFINITE.has(w) && !isClitic(ws, i)) return undefined;
      if (ES_INDEFINITE.has(w)) break;
    }
  }
  // A copula before it whose subject is no sought thing: "is it cheaper?", "¿cuál es más barato?".
  let k = -1;
  for (let i = ws.length - 1; i >= 0; i--) {
    if (COPULAS.has(ws[i] as string)) {
      k = i;
      break;
    }
  }
  if (k < 0) return yes;
  const subject = ws.slice(k + 1);
  if (subject.some((w) => SOUGHT.has(w) || REQUEST_VERBS.has(w))) return yes;
  if (subject.length > 0) return undefined;
  const head = ws[k - 1];
  if (head === undefined || head === 'which' || head === 'cual' || head === 'cuales') return undefined;
  if (head === 'what' || (head === 'que' && k === 1)) return yes;
  // "something that is cheaper", "algo que sea más barato"; but "would that be cheaper?".
  return RELATIVES.has(head) && k >= 2 && !AUXILIARIES.has(ws[k - 2] as string) ? yes : undefined;
}

/**
 * Saying the price is too high, EN/ES, folded with contractions expanded: "too expensive", "way too
 * pricey", "too much for me", "(a bit) pricey for me", "out of my budget", "over my price range", "more
 * than I want to spend", "over what I wanted to pay", "can not afford it", "overpriced", "the price is
 * too high", "that is a bit steep", "that is a bit much", "kinda pricey"; "demasiado caro", "caro para
 * mí", "carísimo", "se me va de precio", "fuera de mi presupuesto", "se pasa de mi presupuesto", "no me
 * alcanza", "más de lo que quiero gastar", "es demasiado", "es mucha plata", "el precio es muy alto",
 * "está muy caro", "me queda caro", "¡qué caro!". `$` is the end of the clause, `^` its start.
 */
const TOO_DEAR = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:` +
    [
      String.raw`(?:too|overly) (?:expensive|pricey|pricy|costly|steep|dear|spendy)`,
      String.raw`too much(?= *$| for (?:me|us|my|our)(?:\s|$)| money)`,
      String.raw`(?:expensive|pricey|pricy|costly|steep|spendy|much) for (?:me|us|my (?:budget|wallet|pocket)|our budget)`,
      String.raw`(?:out of|over|above|beyond|outside(?: of)?|exceeds?|exceeding|busts?|blows?) (?:my|our|the) (?:budget|price range)|beyond (?:my|our) means`,
      String.raw`more than (?:i|we) (?:want|wanted|would like|would|can|could|planned|was planning|am willing|meant|had in mind)(?: to)?(?: (?:spend|pay|afford))?`,
      String.raw`(?:over|above|more than|beyond) what (?:i|we) (?:want|wanted|would like|was hoping|were hoping|planned|had in mind|can|could)(?: to)?(?: (?:spend|pay))?`,
      String.raw`(?:that|it|this|these|those|they)(?: one| ones)? (?:is|are|was|seems?) (?:a bit much|a little much|a lot of money|so much money)`,
      String.raw`rich for (?:me|us|my blood)`,
      String.raw`(?:can|could) not afford`,
      String.raw`overpriced`,
      String.raw`(?:price|prices|cost) (?:is|are|seems?|looks?) (?:a bit |a little |way |far |kind of |rather |quite |really |pretty |so |very )?(?:too )?(?:high|steep)`,
      String.raw`(?:that|it|this|these|those|they)(?: one| ones)? (?:is|are|was|were|seems?|feels?) (?:a bit |a little |a tad |kind of |kinda |rather |quite |really |pretty |very |so |super |just )?(?:expensive|pricey|pricy|steep|costly|spendy)`,
      String.raw`demasiado car(?:o|a|os|as)`,
      String.raw`car(?:o|a|os|as|isim[oa]s?) para (?:mi|nosotros|mi bolsillo|mi presupuesto|nuestro presupuesto)`,
      String.raw`(?:se me|me|se nos|nos) (?:va|van|sale|salen|pasa|pasan|escapa|escapan|dispara|disparan) (?:de|del) (?:precio|presupuesto|bolsillo)`,
      String.raw`(?:fuera|por encima|mas alla) de (?:mi|nuestro) presupuesto`,
      String.raw`(?:se sale|se salen|se pasa|se pasan|excede|exceden|supera|superan|rebasa|rebasan|sobrepasa|sobrepasan) (?:de )?(?:mi|nuestro) presupuesto`,
      String.raw`no me alcanza`,
      String.raw`no (?:lo |la |los |las )?(?:puedo|podemos) pagar`,
      String.raw`mas de lo que (?:quiero|queria|puedo|podia|pensaba|planeaba|tenia pensado) (?:gastar|pagar)`,
      String.raw`cuesta(?:n)? demasiado`,
      String.raw`(?:es|son) (?:(?:mucho|demasiado)(?: dinero| plata| pasta| lana)?|mucha (?:plata|lana|pasta))(?: para mi)?(?= *$)`,
      String.raw`(?:me|nos) (?:queda|quedan|resulta|resultan|sale|salen) (?:un poco |algo |bastante |muy |medio )?car(?:o|a|os|as)`,
      String.raw`que car(?:o|a|os|as|isim[oa]s?)(?= *$)`,
      String.raw`^(?:a bit|a little|kinda|kind of|so|very|quite|pretty|rather|super|way too|too|muy|bastante|un poco|medio|demasiado) (?:expensive|pricey|pricy|steep|costly|car(?:o|a|os|as))(?= *$)`,
      String.raw`(?:el |su )?precio (?:es|esta|me parece) (?:un poco |algo |bastante |muy |demasiado )?(?:alto|elevado)`,
      String.raw`(?:es|son|esta|estan|me parece|me parecen|lo veo|la veo|sale|salen) (?:un poco |algo |bastante |muy |medio |re |super )?car(?:o|a|os|as|isim[oa]s?)`,
      String.raw`^carisim[oa]s?(?= *$)`,
    ].join('|') +
    String.raw`)(?![\p{L}\p{N}-])`,
  'gu',
);
/** A negation in the few words before it: "not too expensive", "it is not that pricey", "no es demasiado caro", "I do not think it is too much". */
const DEAR_NEGATED = /(?:^|\s)(?:not|no|never|nunca|ni|nothing|nada|hardly|barely|tampoco)(?:\s+\S+){0,3}\s*$/u;
/**
 * Before it in its clause, a thing sought, a hypothesis or someone else's opinion rather than the
 * shopper's of the product discussed: "anything too expensive", "nothing too pricey", "if it is too
 * expensive", "in case it is", "another says it is overpriced", "algo demasiado caro", "si es
 * demasiado caro", "dicen que es carísimo".
 */
const DEAR_NOT_SAID_OF_IT = /(?:^|\s)(?:anything|something|nothing|everything|algo|nada|if|unless|whether|in case|en caso de que|when|whenever|si|cuando|says|said|claims|claimed|reckons|dice|dicen|dijo|dijeron|opina|opinan)(?:\s|$)/u;
/** "Algo" right before it grades it ("lo veo algo caro para mí": somewhat), it is no thing sought. */
const SOMEWHAT = /(?:^|\s)algo\s*$/u;
/** A service, not the product, is dear: "the shipping is too expensive", "el envío es demasiado caro". */
const DEAR_SERVICE = /(?:^|\s)(?:shipping|delivery|postage|returns?|tax|taxes|customs|duties|fees?|envio|envios|entrega|gastos|impuestos|aduana|comision)(?:\s|$)/u;
/** What follows says it is dear to do something to it, or names the service: "too expensive to ship", "for delivery", "demasiado caro para enviar", "está caro el envío". */
const DEAR_TO_DO = /^(?:to|for) (?:ship|send|deliver|post|mail|return|exchange|insure|repair|fix|clean|maintain|resize|engrave|wrap|shipping|delivery|postage|returns?|the shipping|the delivery)(?:\s|$)|^(?:para|de) (?:enviar|mandar|devolver|cambiar|reparar|arreglar|asegurar|grabar|envolver|limpiar|el envio|envio|la entrega)(?:\s|$)|^(?:el |la |los |las )?(?:envio|envios|entrega|gastos de envio|shipping|delivery)(?:\s|$)/u;
/** An English question by word order: "is it too expensive", "would that be too much" (not "can not afford"). */
const DEAR_QUESTION = /^(?:(?:so|and|hmm+|ok|okay|well|wait|um+|uh+|also|but)\s+)*(?:is|are|was|were|would|will|does|do|did|could|can|should|might|may)\s+(?!not(?:\s|$))/u;
/** Said after it, a decision to buy it anyway: "too expensive? no way, I will take it", "worth it", "me lo llevo igual", "vale la pena". */
const DEAR_CONCEDED = /(?:^|\s)(?:worth it|worth the (?:money|price)|(?:i|we) (?:will|would|am going to|are going to) (?:still )?(?:take|buy|get|order|grab) (?:it|them|one)|anyway|anyways|regardless|me (?:lo|la|los|las) llevo|(?:lo|la|los|las) (?:compro|llevo)|vale la pena|(?:lo|la) vale|de todas formas|de todos modos|igual (?:lo|la|los|las) (?:compro|llevo|quiero))(?:\s|$)/u;

/** Where a clause ends, the mark kept: a "?" after it or a "¿" before it makes it a question. */
const CLAUSE_MARK = new RegExp(CLAUSE_SPLIT.source, 'gu');

/**
 * Whether the text says the price of the product discussed is too high for the shopper ("that's too
 * expensive", "too pricey for me", "a bit out of my budget", "es demasiado caro", "se me va de precio",
 * "muy caro para mí"): asking for something cheaper than it, as "cheaper than that" does. Not read from
 * a question ("is it too expensive?", "¿es demasiado caro?", "too expensive? no way, I'll take it"), a
 * negation ("not too expensive", "no es demasiado caro"), something sought or supposed ("nothing too
 * expensive", "if it is too pricey"), a service ("the shipping is too expensive", "too expensive to
 * ship"), a decision to buy it anyway ("too expensive but worth it"), nor the word alone
 * ("expensive-looking jewellery"). `f`: folded, contractions expanded.
 */
function saysTooDear(f: string): boolean {
  const clauses: { at: number; text: string; opener: string; closer: string }[] = [];
  let at = 0;
  let opener = '';
  for (const m of f.matchAll(CLAUSE_MARK)) {
    clauses.push({ at, text: f.slice(at, m.index), opener, closer: m[0].trim() });
    opener = m[0].trim();
    at = m.index + m[0].length;
  }
  clauses.push({ at, text: f.slice(at), opener, closer: '' });
  for (const c of clauses) {
    const clause = c.text.trim();
    if (!clause || c.closer === '?' || c.opener === '¿' || DEAR_QUESTION.test(clause)) continue;
    TOO_DEAR.lastIndex = 0;
    for (let m = TOO_DEAR.exec(clause); m !== null; m = TOO_DEAR.exec(clause)) {
      const before = clause.slice(0, m.index);
      const after = clause.slice(m.index + m[0].length).trim();
      if (DEAR_NEGATED.test(before) || DEAR_NOT_SAID_OF_IT.test(before.replace(SOMEWHAT, ' ')) || DEAR_SERVICE.test(before) || DEAR_TO_DO.test(after)) continue;
      // The rest of the message, from here: "too expensive, but I will take it anyway".
      if (DEAR_CONCEDED.test(f.slice(c.at + c.text.indexOf(clause) + m.index))) continue;
      return true;
    }
  }
  return false;
}

/**
 * The side of the price of the product discussed that a comparative asks for: "cheaper than that",
 * "cheaper than this one", "something cheaper", "anything less expensive?", "a cheaper one", "más
 * barato que ese", "algo más barato", "uno más económico", "menos caro" → `below`; "more expensive
 * than that", "something pricier", "más caro que ese" → `above`. Only what the shopper asks for
 * counts: nothing is read from a comparison with something else ("cheaper than Amazon?", "is it
 * cheaper than in the store?", "cheaper than the gold one"), a question about whether it is cheaper
 * ("is this cheaper than the gold one?", "¿es más barato?"), a negation ("not cheaper", "no más
 * barato", "I don't want anything cheaper"), a superlative or a choice ("the cheapest", "el más
 * barato", "the cheaper one"), the shipping ("cheaper shipping"), or both sides at once. Saying its
 * price is too high ("that's too expensive", "muy caro para mí": {@link saysTooDear}) is `below`. Pure;
 * a number said with it is a budget instead (entities.ts).
 */
export function extractPriceComparison(text: string): PriceComparison | undefined {
  // A sort by price names both ends ("de mayor a menor precio"): no comparative of the product discussed.
  const f = expandContractions(fold(text.normalize('NFC')).replace(/\s+/g, ' ')).replace(SORTS, ' ').replace(DE_PRICE_SUPERLATIVE, ' ');
  let below = false;
  let above = false;
  for (const clause of f.split(CLAUSE_SPLIT)) {
    if (!clause) continue;
    COMPARATIVE.lastIndex = 0;
    for (let m = COMPARATIVE.exec(clause); m !== null; m = COMPARATIVE.exec(clause)) {
      const asked = asksRelative(clause, m.index, m.index + m[0].length);
      if (!asked || asked.named !== undefined) continue;
      if (m[1] !== undefined) below = true;
      else above = true;
    }
  }
  // "That's too expensive": cheaper than it, as asked.
  if (!below && saysTooDear(f)) below = true;
  return below === above ? undefined : below ? 'below' : 'above';
}

/** A large step said with a comparative: "much", "way", "a lot", "far", "mucho", "bastante"… right before it. */
const FAR_STEP = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:much|way|far|a lot|lots|a great deal|a good deal|significantly|considerably|substantially|mucho|muchisimo|bastante|harto|re|mucho mucho)\s+(?:${COMPARATIVE_BELOW}|${COMPARATIVE_ABOVE})(?![\p{L}\p{N}])`,
  'u',
);

/**
 * Whether a comparative of price asks for a large step ("much cheaper", "way more expensive", "a lot
 * cheaper", "mucho más barato", "bastante más caro"): the far end of the asked side first. Without
 * one ("cheaper", "a bit dearer", "algo más barato") the products nearest the compared one's price come
 * first (personalize.ts). Pure.
 */
export function comparesFar(text: string): boolean {
  return FAR_STEP.test(expandContractions(fold(text.normalize('NFC')).replace(/\s+/g, ' ')));
}

/** A comparative of price said of a product the shopper names ({@link extractNamedComparison}). */
export interface NamedComparison {
  readonly side: PriceComparison;
  /** The words naming it, folded, after the article ("sofa", "dainty gold necklace", "collar de pajaro"). */
  readonly named: string;
}

/**
 * The side of the price of a product the shopper names by a noun phrase that a comparative asks for:
 * "anything cheaper than the sofa?", "is there anything cheaper than the Dainty Gold Necklace?", "¿hay
 * algo más barato que la mesa?", "something pricier than your gold one" → `{ side, named }`. The same
 * readings as {@link extractPriceComparison} hold (no question whether it is cheaper, no negation, no
 * superlative, nothing elsewhere: "cheaper than in the store", "than Amazon", "than the store"); which
 * product the words name is the caller's to find (personalize/comparedProduct.ts), and naming none
 * asks for nothing. The first such comparative; `undefined` when there is none, or when the text also
 * compares with the product discussed ("cheaper than that" wins). Pure.
 */
export const extractNamedComparison: (text: string) => NamedComparison | undefined = recentMemo((t) => frozen(namedComparisonNow(t)), RECENT_MESSAGES);

function frozen<T extends object>(v: T | undefined): T | undefined {
  return v === undefined ? undefined : Object.freeze(v);
}

function namedComparisonNow(text: string): NamedComparison | undefined {
  const f = expandContractions(fold(text.normalize('NFC')).replace(/\s+/g, ' '));
  let found: NamedComparison | undefined;
  for (const clause of f.split(CLAUSE_SPLIT)) {
    if (!clause) continue;
    COMPARATIVE.lastIndex = 0;
    for (let m = COMPARATIVE.exec(clause); m !== null; m = COMPARATIVE.exec(clause)) {
      const asked = asksRelative(clause, m.index, m.index + m[0].length);
      if (!asked) continue;
      if (asked.named === undefined) return undefined;
      found ??= { side: m[1] !== undefined ? 'below' : 'above', named: asked.named };
    }
  }
  return found;
}
