/**
 * When a Spanish "plata" or "oro" is not the metal. "Plata" is also money across Latin America
 * (Argentina, Chile, Colombia, Perú, Uruguay...): "no tengo mucha plata", "un collar que no cueste
 * mucha plata", "me quedé sin plata", "ahorrar plata", "ando corto de plata". Both words also live in
 * sayings ("bodas de oro", "regla de oro", "fiebre del oro"). In those senses the word is neither a
 * colour asked for (colours.ts) nor a material asked for (wishedMaterials.ts) nor one ruled out
 * (rejections.ts): all three ask this module, so the sense is decided once, the same way.
 *
 * Product phrases stay the metal: "collar de plata", "anillo de oro", "pendientes en plata", "plata de
 * ley", "plata 925", "bañado en oro", "color plata", "collar de plata que cueste poco", "aretes sin
 * plata" (a piece of jewellery without it). The rules read only the few words around the word, in
 * the folded text (text.ts `fold`). Pure.
 */

/**
 * Jewellery nouns that a bare "plata"/"oro" may follow directly, as listings and quick messages write
 * it ("collar plata", "aretes oro 14k", "cadena oro"), and that keep "sin plata" the metal ("aretes sin plata").
 */
export const JEWELLERY_HEADS: ReadonlySet<string> = new Set([
  'collar', 'collares', 'cadena', 'cadenas', 'cadenita', 'cadenitas', 'anillo', 'anillos', 'sortija', 'sortijas', 'arete', 'aretes',
  'aro', 'aros', 'pendiente', 'pendientes', 'pulsera', 'pulseras', 'brazalete', 'brazaletes', 'esclava', 'esclavas', 'dije',
  'dijes', 'medalla', 'medallas', 'argolla', 'argollas', 'arracada', 'arracadas', 'gargantilla', 'gargantillas', 'colgante',
  'colgantes', 'tobillera', 'tobilleras', 'broche', 'broches', 'gemelos', 'reloj', 'relojes', 'alianza', 'alianzas',
]);

/** Nouns of fixed expressions "X de oro/plata" that name no metal ("bodas de oro", "regla de oro", "siglo de oro"). */
const IDIOM_HEADS = new Set([
  'boda', 'bodas', 'aniversario', 'jubileo', 'regla', 'reglas', 'siglo', 'edad', 'era', 'epoca', 'mina', 'fiebre',
  'corazon', 'oportunidad', 'bala', 'huevos', 'balon', 'disco', 'discos', 'globo', 'palma', 'pico', 'generacion',
]);

/**
 * Amount words before "plata" that make it money ("un montón de plata", "poca plata", "mi plata", "por la
 * misma plata"). Not "nada" nor "sin" alone: "nada de plata", "algo sin plata" rule the metal out
 * (rejections.ts); the shopper's having ("no tengo nada de plata") and being without ("estoy sin plata")
 * are read by the verb before them.
 */
const MONEY_AMOUNT = new Set([
  'monton', 'montones', 'poco', 'poca', 'poquita', 'mucho', 'mucha', 'muchisima', 'mas', 'menos', 'tanto', 'tanta',
  'cuanta', 'bastante', 'harta', 'demasiada', 'suficiente', 'toda', 'mi', 'tu', 'su', 'nuestra', 'buena', 'misma',
]);

/** Verbs of being or ending up before "sin plata" ("estoy sin plata", "ando sin plata", "me quedé sin plata"). */
const WITHOUT_STATE = new Set([
  'estoy', 'esta', 'estamos', 'estan', 'estaba', 'estabamos', 'ando', 'anda', 'andamos', 'andan', 'andaba', 'quede', 'quedo', 'quedamos',
  'quedar', 'quedarme', 'quedarnos', 'quedarse', 'sigo', 'seguimos', 'vivo', 'vivimos', 'estar', 'andar',
]);

/**
 * Words of being short of or flush with money before "de plata" ("ando corto de plata", "estoy justo de
 * plata", "andamos mal de plata", "bien de plata"): the one who has it, not a thing made of it.
 */
const MONEY_STATE = new Set([
  'corto', 'corta', 'cortos', 'cortas', 'justo', 'justa', 'justos', 'justas', 'escaso', 'escasa', 'escasos', 'escasas', 'mal', 'bien',
  'apretado', 'apretada', 'pelado', 'pelada', 'limitado', 'limitada', 'falto', 'falta', 'necesitado', 'necesitada', 'cantidad',
]);

/** Verbs of spending and having money (all persons and tenses that matter): "gastar", "cueste", "me sobra". */
const MONEY_VERB =
  /^(?:(?:gast|malgast|derroch|ahorr|pag|gan|prest|sobr|falt|alcanz|junt|cobr)(?:ar|o|as|a|amos|an|e|es|emos|en|ando|ado|aba|aban|aste|aron|ara|aria)|pague|paguen|alcance|alcancen|(?:cuest|cost)(?:a|an|e|en|ar|aria|o))$/;

/**
 * The shopper's own having, first person ("no tengo plata", "tenemos poca plata", "tenía algo de
 * plata"), and what is left ("no me queda plata"): money. The shop's having ("¿tienen plata?", "¿tenés
 * en plata?") asks for the metal, so it is not here.
 */
const MONEY_HAVE = new Set(['tengo', 'tenemos', 'tenia', 'teniamos', 'tuve', 'tuvimos', 'tener', 'queda', 'quedan']);

/** Words that may stand between a money verb and "plata" ("gastar un poco de plata", "ahorrar tiempo y plata"). */
const MONEY_FILLER = new Set([
  ...MONEY_AMOUNT, 'no', 'me', 'te', 'se', 'le', 'nos', 'les', 'un', 'una', 'el', 'la', 'lo', 'de', 'del', 'en', 'algo',
  'tiempo', 'y', 'sus', 'mis', 'tus', 'cantidad', 'todo', 'ya', 'casi', 'nunca', 'tan', 'nada',
]);

/** Words that keep "plata" the metal when right before it ("collar de plata", "en plata", "color plata"). */
const METAL_PREP = new Set(['de', 'del', 'en', 'color', 'tono', 'acabado', 'banado', 'banada', 'chapado', 'chapada']);

/** Words of a folded text, last first ("que no cueste un monton de " → de, monton, un, cueste, ...). */
function wordsBefore(before: string, n: number): string[] {
  return (before.match(/[\p{L}\p{N}]+/gu) ?? []).slice(-n).reverse();
}

/** Words of a folded text from `at` on, in order, up to the end of the clause. */
function wordsAfter(folded: string, at: number, n: number): string[] {
  const clause = /^[^.,;:!?¿¡\n]*/u.exec(folded.slice(at))?.[0] ?? '';
  return (clause.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, n);
}

/**
 * Whether the bare "plata"/"oro" (`word`, folded) at `start` of `folded` is money or part of a saying
 * rather than the metal: "bodas de oro", "regla de oro", "un montón de plata", "poca plata", "gastar
 * plata", "no tengo plata", "ando corto de plata", "me quedé sin plata", "ahorrar tiempo y plata",
 * "plata para gastar", "la plata no me alcanza". Product phrases stay metal (see the module doc).
 */
export function notMetal(folded: string, word: string, start: number): boolean {
  const prev = wordsBefore(folded.slice(0, start), 6);
  // Only the words of its own clause count: "un collar de plata, no tengo mucho" is the metal.
  const clauseStart = Math.max(...['.', ',', ';', ':', '!', '?', '¿', '¡', '\n'].map((c) => folded.lastIndexOf(c, start - 1)));
  const inClause = wordsBefore(folded.slice(clauseStart + 1, start), 6);
  // "bodas de oro", "fiebre del oro", "regla de oro".
  if ((prev[0] === 'de' || prev[0] === 'del') && prev[1] !== undefined && IDIOM_HEADS.has(prev[1])) return true;
  if (word !== 'plata') return false;
  // "aretes sin plata", "collar plata": a piece of jewellery right before (maybe through "sin") has it or lacks it.
  if (JEWELLERY_HEADS.has(inClause[0] ?? '') || (inClause[0] === 'sin' && JEWELLERY_HEADS.has(inClause[1] ?? ''))) return false;
  // "ando corto de plata", "estoy justo de plata", "bien de plata".
  if ((inClause[0] === 'de' || inClause[0] === 'en') && MONEY_STATE.has(inClause[1] ?? '')) return true;
  // "estoy sin plata", "me quedé sin plata"; not "sin plata, por favor" (a refusal of the metal).
  if (inClause[0] === 'sin' && WITHOUT_STATE.has(inClause[1] ?? '')) return true;
  // "un montón de plata", "poca plata", "algo más de plata", "tiempo y plata".
  const amount = inClause.find((w) => w !== 'de' && w !== 'un' && w !== 'una' && w !== 'el' && w !== 'la');
  if (amount !== undefined && MONEY_AMOUNT.has(amount)) return true;
  if (inClause[0] === 'y' && inClause[1] === 'tiempo') return true;
  // A money verb, or the shopper's own having, with only amounts, articles and pronouns between:
  // "gastar plata", "no me alcanza la plata", "no tengo plata", "me quedé sin plata".
  for (const w of inClause) {
    if (MONEY_VERB.test(w) || MONEY_HAVE.has(w)) return true;
    if (!MONEY_FILLER.has(w)) break;
  }
  // "tiempo o plata para gastar", "plata y tiempo": never after "de"/"en" ("collar de plata para pagar a plazos").
  if (METAL_PREP.has(inClause[0] ?? '')) return false;
  const next = wordsAfter(folded, start + word.length, 5);
  if (next[0] === 'y' && next[1] === 'tiempo') return true;
  // "la plata no es problema", "la plata no importa", "la plata da igual", "la plata no es tema": what it costs.
  if (/^(?:no (?:es|sera|seria) (?:problema|tema|un problema|impedimento|lo de menos)|no (?:(?:me|nos|le|les) )?importa|(?:me |nos )?da igual|es lo de menos|sobra|no hay problema)(?: |$)/.test(next.join(' '))) return true;
  // "paso con la plata", "vuelvo con la plata": coming with the money.
  if (inClause[0] === 'la' && inClause[1] === 'con' && /^(?:paso|pasare|vuelvo|volvere|vengo|vendre|voy|ire|llego|regreso)$/.test(inClause[2] ?? '')) return true;
  if (next[0] === 'para' || next[0] === 'pa') return next.slice(1, 3).some((w) => MONEY_VERB.test(w));
  if (next[0] === 'que') return next.slice(1, 4).some((w) => (/^(?:sobr|falt|ahorr|gan|gast|junt)/.test(w) && MONEY_VERB.test(w)) || MONEY_HAVE.has(w));
  // "la plata no me alcanza", "la plata no me queda": the money does or does not reach, is or is not
  // left; but "la plata no me queda bien" says how the metal suits.
  const at = next.findIndex((w) => !MONEY_FILLER.has(w));
  const verb = next[at];
  if (verb === undefined || at > 3) return false;
  return MONEY_VERB.test(verb) || (MONEY_HAVE.has(verb) && next[at + 1] !== 'bien' && next[at + 1] !== 'mal');
}
