/**
 * English/Spanish detection that works on short shopping text ("hola", "zapatillas rojas", "red
 * shoes"): function-word and shopping-vocabulary lexicons, orthography (ñ, accents, ¿ ¡, English
 * contractions), word endings, and the @nlpjs trigram profiles of both languages as a tie-breaker.
 */
import { registerTrigrams as registerTrigramsEn } from '@nlpjs/lang-en-min';
import registerTrigramsEs from '@nlpjs/lang-es/src/trigrams.js';
import { categoryTerms } from './catalogVocabulary.ts';
import { colourForms } from './colours.ts';
import { fold, tokens, type Token } from './text.ts';
import type { IntentLanguage } from './types.ts';

const ES_WORDS = `de la el los las un una unos unas y o que en con sin para por del al mi mis tu tus su sus es son esta este
estos estas ese esa eso esos esas hay tienen tiene tengo tenes tienes quiero quisiera queria busco buscando buscaba necesito
necesitas te se le lo les nos muy mas menos pero porque como cual cuales cuanto cuanta cuantos cuantas donde cuando quien
hola buenas buenos dias tardes noches gracias favor porfa porfavor tambien algo alguno alguna algun nada todo todos toda todas
otra otro otros otras mejor peor mejores entre hasta desde sobre cuesta cuestan vale valen precio precios talla tallas envio
envios comprar compro compra compras carrito pedido pedir pagar pago ver mostrar muestrame muestrame ensename enseñame dame
puedo puedes puede pueden podria seria ser estar estoy estan hoy manana ahora ya aqui solo mirando mirar diferencia diferencias
recomiendas recomienda recomiendan recomendacion recomendaciones regalo regalos cumpleanos barato barata baratos baratas caro
cara caros caras calidad bueno buena buenos buenas genial perfecto llevo anade agrega agregar anadir dime sabes saber elegir
escoger comparar opiniones resenas tela lavar lava cuidar sirve sirven funciona duran dura ideas novedades ofertas rebajas
descuento descuentos catalogo nuevo nueva nuevos nuevas bonito bonita bonitos bonitas lindo linda lindos lindas queda quedan
medida medidas cual donde llega llegan entregan entrega semana fin quiero hacer hace tallaje grande grandes pequeno pequena
chico chica tamano tamanos cosas cosa mujer hombre ninos nino nina ninas ropa zapatos vestido vestidos camisa camisas chaqueta
hija hijo madre padre mama papa novia novio esposa esposo amigo amiga hermana hermano abuela abuelo cuero piel lana algodon
tienda pedido ya listo lista sea sean tenga tengan vez veces tipo tipos marca marcas modelo modelos disponible disponibles
stock cuantos existe existen algun alguna ningun ninguna quieren van voy vas va ir lleva llevan estoy mismo misma nos cualquier
usar uso usa material materiales ademas asi bien mal aun todavia ahi alla alli despues antes luego rapido urgente pronto`;

const EN_WORDS = `the an and or of to in on for with without my your i you we it is are am was were be been do does did have
has had what which how where when who why this that these those some any something anything show want need needs looking look
buy get order add cart checkout please thanks thank hi hello hey just only can could would will should better best than
difference between under less more over price prices size sizes cheap cheaper good great nice new like love gift gifts birthday
mom dad store shop shipping return returns reviews review made wash fit fits true run small large big about tell know choose
pick compare one ones worth recommend recommendation suggestions suggest ideas browse browsing see stuff today tomorrow now asap
quick ship deliver delivery there their they them its it's im i'm dont don't doesnt isnt what's whats which's whats much many
cost costs expensive quality durable last lasts long feel feels looks available stock shoes dress shirt jacket boots bag
necklace women men kids girl boy wife husband girlfriend boyfriend sister brother friend leather wool cotton brand brands
model models anyway also too very really other another else options option difference differences versus against compared
comparison instead prefer if but not no yes yeah okay ok wanna gonna gotta checkout purchase purchasing buying ordering
take grab add'em let's lets me our us his her he she him item items thing things kind type types sort style styles
help find finding searching search where's way ways go going come comes came got getting make makes waterproof warm`;

/** Words written the same in both languages carry no signal. */
const NEUTRAL = new Set(['no', 'me', 'a', 'son', 'color', 'material', 'materiales', 'real', 'general', 'top', 'jeans', 'bikini',
  'blazer', 'polo', 'shorts', 'leggings', 'online', 'outlet', 'hotel', 'stock', 'ok', 'okay', 'vs', 'mini', 'sexy', 'kit', 'beige',
  'nude', 'coral', 'magenta', 'camel', 'merino', 'latex', 'chocolate', 'spa', 'tenis', 'sneakers', 'crop', 'look', 'fashion', 'premium',
  'perfume', 'perfumes', 'cardigan', 'hoodie', 'hoodies', 'sale', 'gel', 'spf', 'tv', 'bluetooth', 'laptop', 'laptops', 'tablet', 'jersey',
  'piel', 'ring', 'notebook', 'pijama', 'e', 'u', 'multicolor', 'ipad', 'smartwatch', 'smartphone', 'bf', 'gf', 'lila', 'ante']);

function lexicon(base: string, extra: readonly string[]): Set<string> {
  const s = new Set<string>();
  for (const w of base.split(/\s+/)) if (w) s.add(fold(w));
  for (const phrase of extra) for (const t of tokens(fold(phrase))) s.add(t.w);
  return s;
}

const es = new Set<string>();
const en = new Set<string>();
{
  const esTerms = [...colourForms('es'), ...categoryTerms('es')];
  const enTerms = [...colourForms('en'), ...categoryTerms('en')];
  const esLex = lexicon(ES_WORDS, esTerms);
  const enLex = lexicon(EN_WORDS, enTerms);
  for (const w of esLex) if (!enLex.has(w) && !NEUTRAL.has(w)) es.add(w);
  for (const w of enLex) if (!esLex.has(w) && !NEUTRAL.has(w)) en.add(w);
}

/** nlp.js trigram profiles: trigram → weight in (0, 1] by frequency rank. */
function profile(register: (c: { get(name: string): unknown }) => void): Map<string, number> {
  let model = '';
  register({ get: () => ({ addModel: (_script: string, _lang: string, m: string) => (model = m) }) });
  const out = new Map<string, number>();
  const n = Math.floor(model.length / 3);
  for (let i = 0; i < n; i++) {
    const tri = model.slice(i * 3, i * 3 + 3);
    if (!out.has(tri)) out.set(tri, 1 - i / n);
  }
  return out;
}
const TRI_ES = profile(registerTrigramsEs);
const TRI_EN = profile(registerTrigramsEn);

const ES_SUFFIX = /(?:cion|ciones|dad|dades|illa|illas|ito|ita|itos|itas|ado|ada|ados|adas|ero|era|eros|eras|oso|osa|osos|osas|amos|emos|imos|aron|ieron|arme|arte|arlo|arla|ales|ores|ones)$/;
const EN_SUFFIX = /(?:ing|tion|tions|ness|ful|less|ship|ly|ght|th|ck|sh|w|oo\w*|ee\w*|ies|'s|ed)$/;

/**
 * Tokens inside a name said mid-sentence: two or more capitalised words in a row that do not open a
 * sentence ("Compara la Classic Leather Jacket con la Olive Green Jacket"). A shop's product names are
 * often English in a Spanish conversation (and the other way round): they say nothing of the shopper's
 * language.
 */
function namesInside(original: string, toks: readonly Token[]): Set<number> {
  const out = new Set<number>();
  const capital = (t: Token): boolean => /^\p{Lu}/u.test(original.slice(t.start, t.end));
  const opens = (i: number): boolean => i === 0 || /[.!?¿¡:\n]\s*$/.test(original.slice((toks[i - 1] as Token).end, (toks[i] as Token).start));
  for (let i = 0; i < toks.length; ) {
    let j = i;
    while (j < toks.length && capital(toks[j] as Token) && (j === i || !opens(j))) j++;
    if (j - i >= 2 && !opens(i)) for (let k = i; k < j; k++) out.add(k);
    i = Math.max(j, i + 1);
  }
  return out;
}

/** Per-language evidence for a text (exposed for tests and diagnostics). */
export function languageScores(text: string): { en: number; es: number } {
  const original = text.normalize('NFC');
  let sEs = 0;
  let sEn = 0;
  sEs += Math.min(4, (original.match(/[ñÑáéíóúÁÉÍÓÚ¿¡]/g) ?? []).length * 2);
  sEn += Math.min(3, (original.toLowerCase().match(/\b\w+(?:n't|'s|'m|'re|'ll|'ve|'d)\b/g) ?? []).length * 1.5);
  const toks = tokens(fold(original));
  const named = namesInside(original, toks);
  for (const [i, { w }] of toks.entries()) {
    if (/^\d/.test(w) || named.has(i)) continue;
    const inEs = es.has(w);
    const inEn = en.has(w);
    if (inEs) sEs += 1;
    if (inEn) sEn += 1;
    if (inEs || inEn || NEUTRAL.has(w) || w.length < 4) continue;
    if (ES_SUFFIX.test(w)) sEs += 0.5;
    if (EN_SUFFIX.test(w)) sEn += 0.5;
    const padded = ` ${w} `;
    let tEs = 0;
    let tEn = 0;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const tri = padded.slice(i, i + 3);
      tEs += TRI_ES.get(tri) ?? 0;
      tEn += TRI_EN.get(tri) ?? 0;
    }
    const d = (tEs - tEn) / (padded.length - 2);
    if (d > 0) sEs += Math.min(0.6, d);
    else sEn += Math.min(0.6, -d);
  }
  return { en: sEn, es: sEs };
}

/** Detects whether text is English or Spanish (English unless the Spanish evidence is clearly stronger). */
export function detectLanguage(text: string): IntentLanguage {
  const s = languageScores(text);
  return s.es - s.en > 0.2 ? 'es' : 'en';
}
