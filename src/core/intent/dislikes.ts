/**
 * Saying one dislikes a thing, in English and Spanish, before or after it: "I'm not sold on the
 * turquoise", "not keen on gold", "she doesn't love leather", "no me convence lo turquesa", "no me late
 * el dorado", "a mi mamá no le gusta el negro" (the thing after), and "turquoise isn't her thing",
 * "gold is a hard no", "the navy one doesn't suit her", "el turquesa no me gusta", "lo dorado no es lo
 * mío", "el negro le choca", "¿dorado? ni loca", and a bare Spanish "no" after it ("las de cartón no",
 * "collares no, aretes sí": {@link POST_NO}) (the thing before). rejections.ts reads both as things
 * ruled out, and, as with any rejection, the colour or material is then not also read as wished.
 *
 * Only a known thing is ruled out this way (a colour, material, pattern or brand; rejections.ts
 * `classify`), or an option named by a pro-form ("the zipped one"): "I'm not sold on the idea", "no me
 * convence el precio" rule nothing out. Said after it, a kind of product is not ruled out either ("the
 * necklace doesn't suit her" is about one product, not every necklace). Indifference is no dislike:
 * "I don't mind black", "no me importa el color", "no me molesta el dorado" are in neither list.
 *
 * What reads like a dislike and is none: who the product is for ("no es para mí, es para mi mamá", "it
 * isn't for me": a recipient, never a taste), a dislike negated ("no me disgusta el dorado", "I don't
 * hate gold") or hedged ("not that I dislike the zipped one"), "no le queda mal" (it looks fine on
 * her), and a mild dislike the same sentence then turns with a contrast ("navy isn't my favourite but it
 * works", "not crazy about turquoise but the boho earrings are cute", "not crazy about turquoise but I'd
 * take it if nothing else", "no me encanta el turquesa, pero…"): the shopper weighs it, they do not rule
 * it out, and a rejection is a hard filter; nor do they wish for it, so the thing is read as neither
 * (rejections.ts marks it `weighed`, entities.ts masks it from the colours and materials asked for). A
 * strong one stays ("gold is a hard no, but …", "she hates gold but …", "el dorado es horrible, pero …").
 */
/** An English negated verb phrase in each way it is written ("doesn't love" → doesn't / doesnt / does not). */
function negated(aux: string, rest: string): string[] {
  return [`${aux}n't ${rest}`, `${aux}nt ${rest}`, `${aux} not ${rest}`];
}

/** Spanish object pronouns of who dislikes it ("no *me* gusta", "no *le* convence"). */
const ES_PRONOUNS = ['me', 'te', 'le', 'les', 'nos'];
/** Spanish verbs of liking, third person, that "no" + a pronoun turns into a dislike ("no me convence", "no me late"). */
const ES_LIKING = [
  'convence', 'convencen', 'late', 'laten', 'agrada', 'agradan', 'encanta', 'encantan', 'cuadra', 'cuadran', 'copa', 'copan',
  'mata', 'matan', 'fascina', 'fascinan', 'llama la atencion', 'llaman la atencion', 'termina de convencer', 'terminan de convencer',
  'gusta mucho', 'gustan mucho', 'gusta tanto', 'gustan tanto', 'gusta nada', 'gustan nada', 'gusta para nada', 'gustan para nada',
  'hace gracia', 'hacen gracia', 'va', 'van',
];

/**
 * Dislikes said before the thing (folded): a known thing right after one is ruled out (rejections.ts
 * reads them like "not"). "no me gusta" and "don't like" themselves are rejections.ts's own triggers.
 */
export const DISLIKE_BEFORE: readonly string[] = [
  'not sold on', 'not keen on', 'not too keen on', 'not very keen on', 'not crazy about', 'not too crazy about', 'not big on',
  'not a big fan of', 'not a huge fan of', 'not the biggest fan of', 'not much of a fan of', 'no fan of', 'not really into',
  'not feeling', 'not loving', 'not digging', 'not liking', "i'm over", 'sick of', 'tired of', 'dislike', 'dislikes', 'hates',
  'never liked', 'rather not have', 'would rather avoid', 'prefer to avoid',
  ...['do', 'does', 'did'].flatMap((aux) => ['love', 'really like', 'really love', 'much like', 'care for', 'really care for', 'dig'].flatMap((v) => negated(aux, v))),
  ...ES_PRONOUNS.flatMap((p) => ES_LIKING.map((v) => `no ${p} ${v}`)),
  ...ES_PRONOUNS.flatMap((p) => [`${p} choca`, `${p} chocan`, `${p} cae mal`, `${p} caen mal`, `${p} disgusta`, `${p} disgustan`]),
  ...ES_PRONOUNS.filter((p) => p !== 'me').flatMap((p) => [`no ${p} gusta`, `no ${p} gustan`]),
  'odia', 'odian', 'odiamos', 'detesto', 'detesta', 'detestan', 'no aguanto', 'no aguanta', 'no soporta', 'no soportan', 'paso de', 'paso del',
];

/** A negation right before a dislike verb undoes it ("no me disgusta", "I don't hate", "doesn't dislike"). */
const NEGATION_BEFORE = /(?<![\p{L}'])(?:no|not|never|nunca|jamas|(?:do|does|did)(?:n'?t|\s+not))\s+$/u;
/** A hedge opening the clause ("not that I dislike the zipped one", "no es que no me guste el negro"). */
const HEDGE_BEFORE = /(?<![\p{L}])(?:not\s+that|no\s+es\s+que|no\s+porque)(?![\p{L}])[^.!?;,:]*$/u;

/**
 * Whether the folded text right `before` a dislike undoes it: a negation just before it ("no me
 * disgusta el dorado", "I don't dislike black") or a hedge opening its clause ("not that I dislike …").
 */
export function dislikeUndone(before: string): boolean {
  return NEGATION_BEFORE.test(before) || HEDGE_BEFORE.test(before);
}

/** A contrast that turns the sentence, followed by more words ("…, but the blouse is lovely"; not a closing "though."). */
const CONTRAST_AFTER = /^[^.!?;\n]*?(?<![\p{L}])(?:but|pero|though|tho|although|aunque|sin\s+embargo|however|mas\s+bien)[\s,]+[\p{L}\p{N}¿¡]/u;
/** Dislikes said before the thing that a contrast does not soften: hatred and not standing it. */
const STRONG_BEFORE = new Set([
  'hates', 'odia', 'odian', 'odiamos', 'detesto', 'detesta', 'detestan', 'no aguanto', 'no aguanta', 'no soporta', 'no soportan',
  'sick of', 'rather not have', 'would rather avoid', 'prefer to avoid',
]);
/** Dislikes said after the thing that a contrast does not soften ("is a hard no", "looks tacky", "es horrible", "me choca"). */
const STRONG_AFTER =
  /(?:a\s+(?:hard\s+|big\s+|firm\s+)?(?:no|nope|no-go|no\s+go|pass)$|ugly|tacky|awful|horrible|hideous|gaudy|garish|cheap-looking|dated|feo|fea|chillon|naco|naca|hortera|choca|chocan|cae\s+mal|caen\s+mal|disgusta|horroriza)/;

/**
 * Whether a mild dislike is turned by a contrast in the rest of its sentence (`after`, folded text from
 * the end of the thing disliked): "I'm not crazy about turquoise but the boho earrings are cute",
 * "navy isn't my favourite but it works". `trigger` is the dislike said before the thing, if it was;
 * a strong one ({@link STRONG_BEFORE}) is never turned.
 */
export function dislikeTurned(after: string, trigger?: string): boolean {
  if (trigger !== undefined && STRONG_BEFORE.has(trigger)) return false;
  return CONTRAST_AFTER.test(after);
}

/** "no le queda mal", "no me queda nada mal", "no le sienta tan mal": it looks fine, no dislike. */
const LOOKS_FINE_AFTER = /^\s+(?:nada\s+|tan\s+|para\s+nada\s+|muy\s+|del\s+todo\s+|nada\s+tan\s+)?mal(?![\p{L}])/u;

/** Who the English predicates below are said of ("her thing", "for me"). */
const WHO_EN = '(?:my|her|his|their|our|your)';
const OBJ_EN = '(?:me|her|him|them|us|you)';
/** English "is not" in its spellings, after the thing ("turquoise isn't", "the gold ones aren't", "leather's not": its "not"). */
const IS_NOT_EN = "(?:(?:is|are|was|were)\\s+not|(?:is|are|was|were)n'?t|not)";
const NOT_DO_EN = "(?:(?:does|do|did)\\s+not|(?:does|do|did)n'?t|never)";
/** Spanish "no es" in its persons ("no es", "no son", "no era"). */
const NO_ES = '(?:no\\s+(?:es|son|era|eran|seria|serian))';

/** Dislikes said after the thing (folded text): "isn't her thing", "no me gusta", "no es lo mío". */
const AFTER = [
  // "turquoise isn't her thing", "gold is not really my style". Never "isn't for me" / "no es para mí":
  // that says who the product is for ("el collar dorado no es para mí, es para mi mamá"), not a dislike.
  `${IS_NOT_EN}\\s+(?:really\\s+|quite\\s+|exactly\\s+|totally\\s+|at\\s+all\\s+)?${WHO_EN}\\s+(?:thing|style|taste|type|vibe|jam|cup\\s+of\\s+tea|favou?rite|fave)`,
  // "the navy one doesn't suit her", "gold never works for me", "silver doesn't do it for me".
  `${NOT_DO_EN}\\s+(?:really\\s+)?(?:suit|suits|flatter|flatters|work\\s+for|works\\s+for|do\\s+it\\s+for|do\\s+anything\\s+for|appeal\\s+to|look\\s+good\\s+on)\\s+${OBJ_EN}`,
  // "gold is a no", "leather is a hard no", "the stripes are a no-go".
  `(?:is|are)\\s+a\\s+(?:hard\\s+|big\\s+|firm\\s+)?(?:no|nope|no-go|no\\s+go|pass)`,
  // "gold looks tacky", "the orange is ugly", "silver seems cheap".
  `(?:is|are|looks?|seems?)\\s+(?:too\\s+|way\\s+too\\s+|a\\s+bit\\s+|kind\\s+of\\s+|kinda\\s+|so\\s+|really\\s+)?(?:ugly|tacky|awful|horrible|hideous|gaudy|garish|cheap-looking|dated)`,
  // "el turquesa no me gusta", "lo dorado no le queda", "el negro no me favorece", "el oro no le va a mi
  // vieja" (not "no le va a gustar": a future, read where its verb is).
  `no\\s+(?:${ES_PRONOUNS.join('|')})\\s+(?:gusta|gustan|convence|convencen|late|laten|agrada|agradan|encanta|encantan|cuadra|cuadran|queda|quedan|sienta|sientan|favorece|favorecen|copa|copan|mata|matan|(?:va|van)(?!\\s+a\\s(?!\\s*(?:mi|mis|tu|tus|su|sus|nuestra|nuestro|ella|el)\\s))|termina\\s+de\\s+convencer|terminan\\s+de\\s+convencer|llama\\s+la\\s+atencion|llaman\\s+la\\s+atencion)`,
  // "lo dorado no es lo mío", "el negro no es de su estilo" (not "no es para ella": who it is for).
  `${NO_ES}\\s+(?:lo\\s+(?:mio|suyo|nuestro|tuyo)|lo\\s+de\\s+(?:ella|el)|(?:de\\s+)?(?:mi|su|tu|nuestro)\\s+(?:estilo|gusto|onda|rollo)|lo\\s+que\\s+(?:busco|buscamos|quiero|queremos|busca|quiere))`,
  `no\\s+(?:va|van)\\s+con(?:migo|\\s+ella|\\s+el|\\s+nosotros)`,
  `(?:${ES_PRONOUNS.join('|')})\\s+(?:choca|chocan|cae\\s+mal|caen\\s+mal|disgusta|disgustan|horroriza|horrorizan)`,
  `(?:es|son|se\\s+ve|se\\s+ven)\\s+(?:muy\\s+|medio\\s+|re\\s+|super\\s+|demasiado\\s+|bastante\\s+)?(?:feo|fea|feos|feas|horrible|horribles|chillon|chillona|chillones|chillonas|naco|naca|nacos|nacas|hortera|horteras)`,
];
/**
 * Answers that refuse what was just named ("gold? no thanks", "¿dorado? ni loca", "leather, hard pass"):
 * only when the thing is all that was said before them ("I love gold, no thanks to silver" refuses no gold).
 */
const ANSWER = ['no\\s+thanks', 'no\\s+thank\\s+you', 'hard\\s+pass', 'no\\s+gracias', 'ni\\s+(?:loca|loco|muerta|muerto|de\\s+broma|hablar)'];
const AFTER_RE = new RegExp(`(?<![\\p{L}])(?:(${AFTER.join('|')})|(${ANSWER.join('|')}))(?![\\p{L}\\p{N}-])`, 'gu');

/** The stretch of folded text before a dislike said after the thing, where the thing disliked is named. */
export interface DislikedStretch {
  /** Char span `[start, end)` of the folded text: from the start of its clause to the predicate. */
  readonly start: number;
  readonly end: number;
  /** An answer ("gold? no thanks"): the stretch must name the thing and nothing else. */
  readonly whole: boolean;
  /**
   * A mild dislike the sentence turns ("navy isn't my favourite but it works"): the thing is weighed,
   * not ruled out, and not wished either (rejections.ts `RejectionMatch.weighed`).
   */
  readonly weighed?: true;
  /**
   * A "no" after the thing that refuses it ({@link POST_NO}: "macetas, pero las de cartón no",
   * "collares no, aretes sí"): a kind of product may be ruled out this way too ("collares no"),
   * unless one product is meant ("el collar no": the one discussed).
   */
  readonly refusal?: true;
}

/**
 * A "no" (or "tampoco", "mejor no") said after the thing it refuses, Spanish style: "macetas, pero *las
 * de cartón no*", "los de plástico no, gracias", "el dorado no lo quiero", "collares no, aretes sí", "y
 * las de plástico tampoco". It ends its clause: a mark, the end, or a word that closes or goes on to
 * another phrase follows it. Never a question ("¿en dorado no?", "tienen en negro no?": a tag asking
 * for agreement), nor "no" before a verb ("el negro no está mal", "de plata no tengo"), nor "o no" (or
 * not). {@link postNoStretches} finds the thing before it.
 */
const POST_NO =
  /(?<![\p{L}])(?:mejor\s+)?(?:no|tampoco)(?=\s*(?:$|[.,;!)\n]|(?:gracias|por\s+favor|porfa|porfis|eh|pero|porque|y|ni|sino|que|please|thanks|thank\s+you|(?:lo|la|los|las)\s+(?:quiero|queremos|busco|buscamos|necesito|necesitamos))(?![\p{L}])))/gu;
/** Words that open the clause of a thing refused by a "no" after it ("… *pero* las de cartón no", "las de barro sí, *y* …"). */
const POST_NO_OPENERS = new Set(['pero', 'sino', 'aunque', 'but', 'though', 'mas', 'ahora', 'bueno', 'vale', 'ok', 'okay']);
/** Words before an "if" ("si el dorado no, el plateado": a supposition, no refusal) at the opening of a clause. */
const IF_OPENS = new Set(['y', 'e', 'o', 'pero', 'and', 'or', 'but']);

/**
 * The stretches of `folded` a post-nominal "no" refuses ({@link POST_NO}): from the opening of its
 * clause (after a mark or an opener such as "pero"; after "sí" said of another thing: "las de barro sí
 * las de cartón no") to the "no". The stretch must then be the thing alone (rejections.ts reads it as an
 * answer, `whole`). "si el dorado no, el plateado" (if not the gold one) supposes, it refuses nothing.
 */
function postNoStretches(folded: string): DislikedStretch[] {
  const out: DislikedStretch[] = [];
  for (const m of folded.matchAll(POST_NO)) {
    const at = m.index ?? 0;
    // "en negro no, ¿verdad?", "de plata no, cierto?": a tag asking for agreement, no refusal.
    if (/^\s*,?\s*¿?\s*(?:[\p{L}]+\s*){0,2}\?/u.test(folded.slice(at + m[0].length))) continue;
    let end = at;
    while (end > 0 && /\s/.test(folded[end - 1] as string)) end--;
    let start = end;
    while (start > 0 && !/[.;:!?¿¡,\n()]/.test(folded[start - 1] as string)) start--;
    // The opening of the clause: after its last opener word, or after a "sí" said of another thing.
    const words = [...folded.slice(start, end).matchAll(/[\p{L}\p{N}]+/gu)];
    let supposes = false;
    for (let k = words.length - 1; k >= 0; k--) {
      const w = (words[k] as RegExpMatchArray)[0];
      if (w === 'si' || w === 'if') {
        // "si" opening the clause (or after "y"/"pero") is "if"; after a thing it is "sí" ("las de barro sí …").
        const prev = k > 0 ? (words[k - 1] as RegExpMatchArray)[0] : undefined;
        if (prev === undefined || IF_OPENS.has(prev) || w === 'if') supposes = true;
      } else if (!POST_NO_OPENERS.has(w)) continue;
      start = start + ((words[k] as RegExpMatchArray).index ?? 0) + w.length;
      break;
    }
    if (supposes) continue;
    while (start < end && /\s/.test(folded[start] as string)) start++;
    if (end > start) out.push({ start, end, whole: true, refusal: true });
  }
  return out;
}

/**
 * The stretches of `folded` that name something disliked by a predicate after it ("turquoise isn't
 * her thing": "turquoise", "gold? no thanks": "gold"), each from the start of its clause (a mark) to
 * the predicate (an answer: to the mark before it). The stretch may hold more than the thing ("I love the shape but gold is a no",
 * "el negro y el dorado no me gustan"): rejections.ts reads the thing back from its end.
 */
export function dislikedStretches(folded: string): DislikedStretch[] {
  const out: DislikedStretch[] = [];
  for (const m of folded.matchAll(AFTER_RE)) {
    const whole = m[2] !== undefined;
    const at = m.index ?? 0;
    const after = folded.slice(at + m[0].length);
    // "el dorado no me disgusta", "el dorado no le queda mal": a negated dislike, or it looks fine.
    if (!whole && (dislikeUndone(folded.slice(0, at)) || LOOKS_FINE_AFTER.test(after))) continue;
    // "navy isn't my favourite but it works": weighed, not ruled out (a strong dislike stays).
    const weighed = !whole && !STRONG_AFTER.test(m[0]) && dislikeTurned(after);
    // An answer follows the thing after a mark ("gold? no thanks"): back over it, then to the start of the clause.
    let end = m.index ?? 0;
    while (end > 0 && /\s/.test(folded[end - 1] as string)) end--;
    if (whole) {
      if (!/[?!,.:]/.test(folded[end - 1] ?? '')) continue;
      while (end > 0 && /[?!,.:\s]/.test(folded[end - 1] as string)) end--;
    }
    let start = end;
    while (start > 0 && !/[.;:!?¿¡,\n()]/.test(folded[start - 1] as string)) start--;
    if (end > start) out.push({ start, end, whole, ...(weighed ? { weighed: true as const } : {}) });
  }
  return [...out, ...postNoStretches(folded)];
}
