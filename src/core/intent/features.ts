/**
 * The classifier's feature layer: stemmed words and word pairs (nlp.js stemmers), negation scope,
 * character n-grams (robust to typos), and hand-written cue features that pool the same signal across
 * English and Spanish (purchase verbs, cart words, urgency, comparison markers, how/what questions,
 * show/browse requests, policy and attribute words) plus entity presence and length buckets.
 */
import { StemmerEn } from '@nlpjs/lang-en-min';
import { StemmerEs } from '@nlpjs/lang-es';
import { expandContractions, fold } from './text.ts';
import type { IntentEntities, IntentLanguage } from './types.ts';

const stemEs = new StemmerEs();
const stemEn = new StemmerEn();

/** Imperative/infinitive stems that take enclitic pronouns in shopping talk (cómpralo, muéstrame, agregalo). */
const CLITIC_HOSTS = new Set([
  'compra', 'agrega', 'anade', 'muestra', 'ensena', 'pide', 'manda', 'envia', 'cobra', 'pasa', 'aparta', 'reserva', 'guarda',
  'recomienda', 'sugiere', 'compara', 'regala', 'envuelve', 'busca', 'trae', 'da', 'di', 'pon', 'ten', 'haz', 'mete',
  'lleva', 'mostra', 'agrega', 'decime', 'conta', 'fija', 'ayuda', 'dej', 'deja', 'cambia', 'quita', 'explica', 'cuenta',
  'dime', 'encarga', 'separa', 'apunta', 'suma', 'mandame', 'cobrame', 'ensenen', 'muestren', 'comparen', 'regale', 'sorprende',
  'inspira', 'recomendame', 'sugerime', 'ayudame', 'compre',
]);
const CLITIC = /(?:melo|mela|melos|melas|selo|sela|selos|selas|telo|tela|noslo|me|te|se|nos|lo|la|los|las|le|les)$/;

function stripClitic(w: string): string {
  if (w.length < 5) return w;
  const m = CLITIC.exec(w);
  if (!m) return w;
  const host = w.slice(0, m.index);
  if (host.length >= 3 && (/(?:ar|er|ir)$/.test(host) || CLITIC_HOSTS.has(host))) return host;
  return w;
}

/** Folded word → stem in the given language (cached). */
const stemCache = new Map<string, string>();
function stem(w: string, lang: IntentLanguage): string {
  const key = `${lang}:${w}`;
  let s = stemCache.get(key);
  if (s === undefined) {
    s = lang === 'es' ? stemEs.stemWord(stripClitic(w)) : stemEn.stemWord(w);
    if (stemCache.size < 50_000) stemCache.set(key, s);
  }
  return s;
}

const NEGATORS = new Set(['not', 'no', 'never', 'nunca', 'jamas', 'tampoco', 'ni', 'nope', 'without']);
const SCOPE = 3;

/** Cue features: one regex per cue, on folded text with English contractions expanded. */
const CUES: readonly (readonly [string, RegExp])[] = [
  ['cart', /\b(?:carts?|basket|checkout|check out|carrito|cesta|canasta|a pagar|proceed to payment|payment link|link de pago|enlace para pagar|ring it up|bag (?:size|[sml]\b)|to (?:my|the) bag|al carro)\b/],
  ['add', /\b(?:add|adding|added|a[nñ]ad[ea]\w*|agreg\w+|meteme|mete|ponme|pon|sumale|suma|throw in|put)\b/],
  ['buyverb', /\b(?:buy\w*|purchas\w+|order(?:ing)?|reorder|compr[oa]\w*|pid[oe]\w*|pedir|encarg\w+|adquirir|subscribe|suscrib\w+|checkout|take my money|cobr\w+|charge|charging|pay|pagar|pago|me lo llevo|me lo quedo|me llevo|me quedo con|lo quiero|i will take|i will get|i will buy|i will order|gonna buy|getting the)\b/],
  ['urgent', /\b(?:today|tonight|tomorrow|asap|right now|now|urgent\w*|overnight|next day|same day|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorrow|the weekend|next week)|before (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|my|the)|this (?:weekend|saturday|sunday|friday)|in (?:two|2|three|3) days|hoy|manana|ya|ahora|urgente|me urge|sin falta|antes del?|para el (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|finde)|esta noche|este (?:finde|fin de semana|sabado)|al dia siguiente|express|expres)\b/],
  ['need', /\b(?:need|needs|needed|must|have to|gotta|necesito|necesita|ocupo|me urge|tengo que|hace falta)\b/],
  ['decide', /\b(?:decided|sold|final answer|that is the one|the one|go ahead|go for it|let us do|lets do|yes|yeah|ok|okay|sounds good|perfect|perfecto|listo|dale|vale|va|andale|adelante|decidido|me decidi|ya (?:me decidi|los compare)|vamos con|si|that one|ese|esa)\b/],
  ['vs', /(?:\bvs\.?|\bversus\b|\bv\.\s|\bcontra\b|\bagainst\b|\bfrente a\b|\bcomparado con\b|\bcompared to\b|\bcompared with\b)/],
  ['compare', /\b(?:compar\w*|difference\w*|differ\w*|diferenc\w+|diferent\w*|better|mejor\w*|best|worse|peor\w*|prefer\w*|decid\w+ between|choose between|pick between|torn|stuck choosing|can not decide|can not pick|no me decido|dudo|dudando|between|entre|alternative|alternativa|similar but|parecido pero|stack up|worth (?:it )?over|rank|ordena)\b/],
  // Whether one thing earns its price (research unless a second option is named).
  ['worth', /\b(?:worth (?:it|the money|paying|spending|the price|buying|the extra|the upgrade|the step up)|is it worth|vale la pena|merece la pena|vale lo que cuesta|compensa|sale a cuenta|conviene|pagar (?:mas|de mas|extra))\b/],
  // How something works / what a term means.
  ['works', /\b(?:how (?:does|do) (?:\w+ ){0,4}work|how it works|what (?:does|do) (?:\S+ ){1,6}(?:mean|do)|what is the point|como (?:funciona\w*|se usa|trabaja)|que (?:significa|quiere decir)|para que sirve)\b/],
  // Whether a product suits a use.
  ['suits', /\b(?:good (?:enough )?for|ok for|okay for|suitable for|suited (?:for|to)|enough for|(?:work|works) (?:for|with|on)|handle|cope with|can (?:it|this|the \w+) (?:go|take|survive)|will (?:it|this|they|these) (?:fit|work|survive|hold|last|help)|would (?:it|this|these|they) (?:be|work|fit|help)|do i (?:really )?need|sirve\w* (?:para|si|de)|me sirve|va bien (?:para|con)|vale para|aguanta\w*|apto para|apta para|funciona (?:para|con|en)|hace falta|cabe|caben|cabria|entra en)\b/],
  // Getting hold of a chosen item: collecting, holding, a delivery date for it.
  ['logistics', /\b(?:pick (?:it |them |one )?up|collect(?:ed|ing)?|swing by|(?:come|go|stop) (?:by|and get|and grab|get|grab)|hold (?:it|one|them|the)|set (?:it|one|them) aside|reserve|deliver\w* (?:by|on|before|tomorrow|today|this)|arrive (?:by|before|on|in time)|(?:reach|be here|get here|get to me) (?:by|before)|dispatch\w*|ship (?:it |them )?(?:today|tomorrow|out)|recog\w+|pas\w+ (?:a )?(?:por|buscar)|retir(?:o|a|as|ar|arlo|arla|alo|ala)|apart(?:a|e|en|ar|ame|eme|amelo|amela|enmelo|enmela|emelo|emela)|separ(?:a|e|en|ar|ame|eme|amelo|amela|enmelo|enmela|emelo|emela)|reserv\w+|guard\w+ (?:hasta|para)|llega\w* (?:el|antes|para|a tiempo)|despach\w+|consign\w+|link (?:de|para) pag\w+)\b/],
  // Paying in parts.
  ['instalments', /\b(?:installments?|instalments?|monthly payments|\d+ (?:monthly )?payments|split (?:the )?payment|pay (?:it )?in \d+|klarna|afterpay|financ\w+|cuotas|meses sin intereses|a plazos|en \d+ (?:cuotas|meses|pagos))\b/],
  // A purchase conditioned on a logistics answer ("if I order now, will it…").
  ['ifibuy', /\b(?:if i (?:order|buy|place|pay|get|purchase)|si (?:lo |la |los |las )?(?:pido|compro|pago|encargo|hago el pedido|ordeno))\b/],
  // An anecdote about what someone owns or owned.
  ['anecdote', /\b(?:my (?:\w+ )?(?:friend|sister|brother|mom|mum|mother|dad|father|husband|wife|partner|neighbou?r|cousin|coworker|colleague|roommate|flatmate|boss|son|daughter|uncle|aunt)s? (?:has|have|had|uses|used|swears|says|loves|bought|got|owns)|i (?:had|have had|used to have|used to own|tried|owned)|we (?:had|used|tried)|mi (?:\w+ )?(?:amig\w+|herman\w+|mama|papa|madre|padre|marido|mujer|espos\w+|pareja|novi\w+|vecin\w+|prim\w+|cunad\w+|suegr\w+|compa\w+|jefe|hij\w+|viej\w+) (?:tiene|tenia|tuvo|usa|uso|dice|jura|compro|se compro)|tuve|tenia un|tuvimos|probe)\b/],
  // Asking someone to pick between options, or who wins ("¿con cuál te quedas?", "which would you go with").
  ['pickone', /\b(?:con cual (?:te|se|me|nos) qued\w+|cual (?:elegir\w*|escog\w+|eliges|escoges|te llevarias|comprarias|le gana)|le gana\w*|sale ganando|quien tiene (?:la )?razon|who is right|which (?:one )?(?:would|should) (?:you|i|we) (?:pick|choose|go with|go for|get|buy|spend on)|which (?:one )?(?:wins|comes out ahead)|what would you (?:pick|choose|go with|go for|spend on))\b/],
  // "Which … more/longer/better": a comparison asked as one question ("¿cuál aguanta más?", "which lasts longer").
  ['whichmore', /\b(?:which|cual|cuales)(?: \w+){0,5} (?:mas|menos|mejor|mejores|peor|longer|more|less|better|worse|faster|cheaper|quieter|lighter|warmer|bigger|smaller|stronger|easier|nicer|toughest|narrowest)\b/],
  // A ranking request ("ordénenme de la más potente a la menos", "from the quietest to the loudest").
  ['rank', /\b(?:orden\w* (?:\w+ ){0,4}del? (?:(?:la|el|los|las|lo) )?(?:mas|menos|mejor)|del? (?:(?:la|el|los|las) )?(?:mas|menos) \w+ al? (?:(?:la|el|los|las) )?(?:mas|menos)|from (?:the )?(?:most|least|best|cheapest|quietest|lightest|\w+est) \w* ?to (?:the )?(?:most|least|worst|\w+est)|rank (?:them|these|those|your)|ranking)\b/],
  // People disagreeing about which option ("my husband wants the big one and I say…", "unos dicen Lenovo y otros HP").
  ['disagree', /\b(?:(?:y|pero) yo (?:digo|creo|pienso|prefiero|quiero)|(?:says|thinks|wants|prefers) .{3,50} (?:but|and|while) i (?:\w+ )?(?:think|say|saying|want|prefer|reckon)|dice que .{3,50} (?:pero|y|mientras) (?:yo|otro|otra)|quiere .{3,50} y yo|otros? (?:dicen|dice|prefieren)|unos dicen|some (?:people )?say|others say|divided|divididos|swear by|swears by|jura por|juran por|no suelta)\b/],
  // Looking after a thing and how long it lasts ("how do I look after it", "¿cada cuánto se limpia?").
  ['care', /\b(?:how (?:do|should|would|can) (?:i|you|we|one) (?:clean|wash|care for|look after|maintain|store|season|descale|sharpen|dry|iron|protect)|how often (?:do|does|should|would|will|must)|how long (?:does|do|will|would|should|until|before|is)|maintenance|upkeep|look after|hold up|holds up|stand up to|wear out|wears out|lasts? (?:long|before)|cada cuanto|cuanto (?:dura|tarda|aguanta)|como (?:se )?(?:limpia|lava|cuida|mantiene|guarda|conserva|plancha)|mantenimiento|se desgasta|se estropea|se pela|se oxida|descalcific\w+|rust\w*)\b/],
  // A yes/no question with its own alternative ("can it go on gravel or are the wheels too small", "¿es impermeable o solo…?").
  ['orclause', /\b(?:or (?:is|are|does|do|will|would|should|can|could|did|does) (?:it|they|the|this|that|these|those|its|their|i|my)|or not|or only|or just|o (?:es|son|solo|nada mas|no|hay que|tengo que|necesita|se puede)|o le|o me)\b/],
  // A purchase named only as a condition of a policy question ("even if I buy it online", "aunque lo compre…").
  ['policyif', /\b(?:(?:even|also|still|only) if (?:i|you|we) (?:buy|order|purchase|get|pay)|aunque (?:lo |la |los |las )?(?:compre|pida|pague)|(?:is|does|will) (?:the|it) (?:warranty|guarantee|return\w*|refund) (?:\w+ ){0,4}if (?:i|you))\b/],
  ['or', /\b(?:or|o|u)\b/],
  ['which', /\b(?:which|whichever|cual|cuales|wich)\b/],
  ['comparative', /\b(?:\w+er than|more \w+ than|less \w+ than|mas \w+ que|menos \w+ que|mejor que|peor que|as good as|tan \w+ como|igual de \w+ que)\b/],
  ['superlative', /\b(?:the (?:best|most|least|cheapest|lightest|warmest|firmest)|el (?:mejor|mas|menos)|la (?:mejor|mas|menos)|los (?:mejores|mas)|las (?:mejores|mas)|top rated|top \d)\b/],
  ['how', /\b(?:how (?:do|does|to|should|can|long|much|many|often|big|heavy|warm|firm|noisy|loud)|how is|hows|como (?:se|elijo|elegir|escoger|escojo|se|mido|funciona|cuido|s[e]|debo|deben|son|vienen|es)|cuanto|cuanta|cuantos|cuantas|que tan)\b/],
  ['whatis', /\b(?:what is|what are|what does|what do .* mean|what size|what material|what age|which size|que es|que son|que significa|que talla|que material|que tamano|para que edad|de que (?:esta|es)|explain|explica\w*)\b/],
  ['attr', /\b(?:waterproof|water resistant|material\w*|made of|made from|fabric|size\w*|sizing|fit|fits|run small|run large|true to size|wash\w*|care|clean\w*|dimension\w*|weigh\w*|heavy|battery|watts?|ingredient\w*|review\w*|rating|ratings|quality|durab\w+|last|lasts|shrink|fade|stretch|compatible|included|include|talla\w*|medida\w*|lava\w*|cuid\w+|limpi\w+|pesa|peso|bateria|ingrediente\w*|resena\w*|opinion\w*|calidad|dura|encoge|destine|impermeable|sumergible|incluye|trae|viene con|sirve|apto|seguro|safe|toxic\w*|vegan\w*|organic|gluten|original|authentic|genuine|specs?|caracteristicas|detalles|details)\b/],
  ['policy', /\b(?:return\w*|refund\w*|exchange|warranty|guarantee|shipping|ship|ships|deliver\w*|arrive|pickup|payment methods?|installments?|plazos|cuotas|meses sin intereses|cash on delivery|contra reembolso|discount\w*|coupon\w*|promo|price match|invoice|factura|devolu\w+|devolver|reembolso|garantia|envio\w*|envian|entrega\w*|llega|descuento\w*|cupon\w*|iva|tax|taxes|store|tienda fisica|stock|existencia|in stock|hay stock|back in stock|disponible\w*|available)\b/],
  ['price', /\b(?:price\w*|cost\w*|how much|precio\w*|cuesta\w*|cuanto (?:sale|es|vale|cobran)|vale|valen)\b|\$|€|£/],
  ['show', /\b(?:show\w*|see|view|browse|browsing|look at|let me see|lemme see|lemme look|let me look|muestra\w*|mostra\w*|ensena\w*|ver|a ver|veo|mirar|mirando|catalogo|collection|coleccion|seccion|section|page|pagina|more|mas)\b/],
  ['have', /\b(?:do you (?:have|sell|carry|guys carry|guys have)|do you guys|got any|have you got|what have you got|whatcha got|what do you (?:have|sell|carry)|tienen|tenes|venden|vendes|hay algo|que hay|que tienen|que venden|manejan)\b/],
  ['ideas', /\b(?:ideas?|suggest\w*|recommend\w*|recomi\w+|recomend\w+|sugier\w+|sugere\w*|inspir\w+|surprise|sorprend\w+|something|anything|algo|alguna? (?:idea|recomendacion|opcion)|options?|opciones|similar|parecid\w+|like this|como este|trending|popular|new arrivals|novedades|nuevo|new|deals|ofertas|sale|rebajas)\b/],
  ['justlooking', /\b(?:just (?:looking|browsing|curious|exploring)|browsing|exploring|no rush|not (?:ready|buying)|not looking for anything|solo (?:estoy )?(?:mirando|viendo|curioseando|explorando|miro)|curioseando|explorando|sin prisa|todavia no|aun no|no busco nada|no voy a comprar|hoy no compro)\b/],
  ['want', /\b(?:i want|i would like|i like|i am looking for|looking for|i wish|quiero|quisiera|me gustaria|busco|buscando|estoy buscando)\b/],
  ['deictic', /\b(?:this one|that one|the (?:first|second|third|last|other|blue|black|red|white|green|grey|gray|pink|cheaper|cheapest|small|medium|large) one|this|that|these|those|it|el primero|el segundo|el ultimo|ese|esa|este|esta|esos|esas|estos|estas|lo|la)\b/],
  ['qty', /\b(?:\d+|two|three|four|five|dos|tres|cuatro|cinco)\s+(?:of (?:those|these|them)|more|de (?:esos|esas|estos|estas)|mas|packs?|pares|pairs|bottles|botellas|kilos|units|unidades)\b|\b(?:pack of|\d+-pack|paquete de|x\d)\b/],
  ['greet', /\b(?:hi|hello|hey|hola|buenas|buenos dias|buenas tardes|good morning)\b/],
  ['thanks', /\b(?:thanks|thank you|gracias)\b/],
];

/** Distinct capitalised words that do not start a sentence ("the Sony or the Bose" → 2; "I" excluded). */
function capitalisedNames(raw: string): number {
  const names = new Set<string>();
  for (const m of raw.matchAll(/(^|[.?!¿¡]\s*|\s)([\p{Lu}][\p{L}\d'-]*|[\p{Ll}][\p{Ll}]*[\p{Lu}][\p{L}\d]*)/gu)) {
    const lead = m[1] ?? '';
    const w = m[2] ?? '';
    if (lead === '' || /[.?!¿¡]/.test(lead) || w === 'I' || /^[\p{Lu}\d]+$/u.test(w) && w.length <= 2) continue;
    names.add(w.toLowerCase());
  }
  return names.size;
}

/**
 * Two short options at the head of a clause, with a use or a question after them ("Canon o Nikon para
 * empezar", "¿la Bosch o la Makita? en casa…", "Oura or Withings for sleep"): an open either-or
 * question inside a longer message, which the whole-message "A or B" cue (`xory`) misses.
 */
const PAIR_HEAD =
  /(?:^|[.?!¿¡,;:] ?)(?:(?:el|la|los|las|un|una|the|a|an) )?[\p{L}\d'-]{2,}(?: [\p{L}\d'-]{2,})? (?:o|or|u|vs\.?|versus) (?:(?:el|la|los|las|un|una|the|a|an) )?[\p{L}\d'-]{2,}(?: [\p{L}\d'-]{2,})?(?= para | pa | for | to | if | si | con | with |[?,.!:;]| ?$)/u;

/** Options for {@link featurize}. */
export interface FeatureOptions {
  /** Weight of character n-gram features relative to word features. */
  readonly charWeight: number;
}

/** Default feature options. */
export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charWeight: 0.15 };

/** A sparse feature vector: names and values (names unique). */
export interface FeatureVector {
  readonly names: string[];
  readonly values: number[];
}

/** The name of the feature a word gives when it is said (not negated): `w:` and its stem. */
export function wordFeature(word: string, lang: IntentLanguage): string {
  return `w:${stem(fold(word.normalize('NFC')), lang)}`;
}

/** Builds the feature vector of one utterance. */
export function featurize(
  text: string,
  lang: IntentLanguage,
  entities: IntentEntities | undefined,
  opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): FeatureVector {
  const feats = new Map<string, number>();
  const put = (name: string, v = 1): void => {
    feats.set(name, Math.max(feats.get(name) ?? 0, v));
  };
  const raw = text.normalize('NFC');
  const f = expandContractions(fold(raw)).replace(/\s+/g, ' ').trim();
  // Words with punctuation boundaries kept for negation scope.
  const parts = f.match(/[\p{L}\p{N}]+(?:['][\p{L}]+)?|[?¿!.,;:]/gu) ?? [];
  const stems: string[] = [];
  let negLeft = 0;
  for (const p of parts) {
    if (/^[?¿!.,;:]$/.test(p)) {
      negLeft = 0;
      stems.push('|');
      continue;
    }
    const s = /^\d/.test(p) ? '<num>' : stem(p, lang);
    if (NEGATORS.has(p)) {
      negLeft = SCOPE;
      stems.push(s);
      put(`w:${s}`);
      continue;
    }
    if (negLeft > 0) {
      put(`neg:${s}`);
      negLeft--;
    } else put(`w:${s}`);
    stems.push(s);
    if (p.length >= 3 && !/^\d/.test(p) && opts.charWeight > 0) {
      const padded = `<${p}>`;
      for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= padded.length; i++) put(`c:${padded.slice(i, i + n)}`, opts.charWeight);
    }
  }
  const words = stems.filter((s) => s !== '|');
  for (let i = 0; i + 1 < stems.length; i++) {
    const a = stems[i] as string;
    const b = stems[i + 1] as string;
    if (a !== '|' && b !== '|') put(`b:${a}_${b}`);
  }
  if (words[0]) put(`s:${words[0]}`);
  if (words.length >= 2) put(`s2:${words[0]}_${words[1]}`);
  const n = words.length;
  put(n <= 1 ? 'len:1' : n === 2 ? 'len:2' : n <= 4 ? 'len:3-4' : n <= 8 ? 'len:5-8' : 'len:9+');
  if (/[?¿]/.test(raw)) put('q');
  for (const [name, re] of CUES) if (re.test(f)) put(`cue:${name}`);
  // Named options: two capitalised names inside the sentence (brands, models), or a short "A or B".
  if (capitalisedNames(raw) >= 2) put('cue:names2');
  if (n <= 8 && /^(?:\S+ ){0,3}\S+ (?:or|o|u|vs\.?|versus) (?:\S+ ){0,3}\S+$/.test(f.replace(/[?¿!.,]/g, '').trim())) put('cue:xory');
  if (PAIR_HEAD.test(f)) put('cue:pairhead');
  if (entities) {
    if (entities.budget) put('ent:budget');
    if (entities.isGift) put('ent:gift');
    if (entities.occasion) put('ent:occasion');
    if (entities.sizes.length > 0) put('ent:size');
    if (entities.colours.length > 0) put('ent:colour');
    if (entities.categories.length > 0) put('ent:category');
    if (entities.categories.length >= 2) put('ent:categories2');
    if (entities.brands.length >= 2) put('ent:brands2');
    if (entities.rejections.length > 0) put('ent:rejection');
  }
  put('bias');
  return { names: [...feats.keys()], values: [...feats.values()] };
}

/**
 * Cue features grouped by the intent they point at (buying, comparing, looking around, finding out);
 * {@link cueConflicts} counts how many groups one utterance touches. Only cues specific to one
 * intent are listed: the broad ones (price, policy, attribute words, "how") appear under every intent.
 */
const CUE_GROUP = new Map<string, number>(
  (
    [
      ['cart', 'buyverb', 'logistics', 'instalments', 'ifibuy', 'add'],
      ['vs', 'compare', 'pickone', 'whichmore', 'names2', 'comparative', 'rank', 'disagree', 'xory', 'superlative'],
      ['show', 'have', 'justlooking', 'ideas'],
      ['worth', 'works', 'suits', 'care', 'whatis', 'orclause', 'policyif'],
    ] as const
  ).flatMap((cues, group) => cues.map((c) => [`cue:${c}`, group] as const)),
);

/**
 * How many intents beyond the first the utterance's intent-specific cues point at (0 when they agree
 * or there are none): the calibration softens answers on utterances whose cues disagree.
 */
export function cueConflicts(x: FeatureVector): number {
  let groups = 0;
  for (const name of x.names) {
    const g = CUE_GROUP.get(name);
    if (g !== undefined) groups |= 1 << g;
  }
  let n = 0;
  for (; groups !== 0; groups &= groups - 1) n++;
  return Math.max(0, n - 1);
}
