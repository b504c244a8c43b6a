/**
 * The options a shopper compares, when a message weighs one named product against another: "is the
 * red scarf better than the silk one?", "which is better, the wool scarf or the silk one?", "red scarf
 * vs silk scarf", "compare the Nike shoe with the Adidas one", "deciding between the red scarf and the
 * silk one", "¿qué es mejor, el collar dorado o el
 * plateado?", "¿la bufanda roja es mejor que la de seda?", "diferencia entre X y Y".
 *
 * What is said of one option only (its colour, brand or size) describes that option, not every
 * product wanted: entities.ts makes such a kind a preference (`IntentEntities.soft`), so the other
 * option is not filtered away. Read on folded text (text.ts `fold`: offsets index the original).
 *
 * Not a comparison: a price ("cheaper than $50", "más barato que 500"), "rather than" / "other than"
 * (a preference or a rejection), an "or" that joins bare words ("red or blue", "no leather or
 * suede") unless the message asks to choose ("which", "better", "cuál", "mejor"…), and sides that name no
 * option ("or something similar", "for a man or a woman", "or less").
 */

/** A span of the text: [start, end). */
export type Span = readonly [number, number];

/** Words that start a noun phrase of its own after "or" / "o" ("or *the* silk one", "o *el* plateado"). */
const DETERMINER = /^(?:the|a|an|this|that|these|those|one|ones|el|la|los|las|un|una|uno|unos|unas|este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella)$/;

/** A message that asks to choose between options ("which", "better", "cuál", "mejor", "should I get"…). */
const CHOOSE = /(?<![\p{L}])(?:which|better|best|worse|recommend|prefer|choose|pick|decide|compare|comparing|should i (?:get|buy|go)|cual|cuales|mejor|peor|recomiendas|recomienda|recomendarias|conviene|prefieres|escojo|elijo|me quedo|comparar|compara)(?![\p{L}])/u;

/**
 * "difference between X and Y", "compare X with Y", "I'm deciding between X and Y", "torn between X
 * and Y", "diferencia entre X y Y", "comparar X con Y", "estoy dudando entre X y Y": the word between the two.
 */
const PAIRED = /(?<![\p{L}])(?:(?:difference|differences|diferencia|diferencias|deciding|choosing|torn|picking|hesitating|undecided|dudando|decidiendo|eligiendo|escogiendo|indecis[oa])\s+(?:between|entre)|compare|comparing|comparar|compara|comparame|comparen)(?![\p{L}])[^]*?(?<![\p{L}])(with|to|and|vs\.?|versus|con|y|e|contra)(?![\p{L}])/u;

/** "X compared to Y", "X comparado con Y", "X en comparación con Y": the phrase between the two. */
const COMPARED = /(?<![\p{L}])(?:compared\s+(?:to|with)|as\s+opposed\s+to|comparad[oa]s?\s+con|en\s+comparacion\s+con|frente\s+a)(?![\p{L}])/u;

/** A comparative and its "than" / "que": "better than", "warmer than", "more durable than", "más barato que". */
const COMPARATIVE =
  /(?<![\p{L}])(?:better|worse|(?!(?:rather|other)\s)\p{L}{2,}er|(?:more|less)\s+(?!than\s)\p{L}+|mejor(?:es)?|peor(?:es)?|(?:mas|menos)\s+(?!que\s|de\s)\p{L}+|superior(?:es)?|inferior(?:es)?)\s+(than|que)(?![\p{L}])/u;

/** "X vs Y", "X versus Y". */
const VERSUS = /(?<![\p{L}])(vs\.?|versus)(?![\p{L}])/u;

/** "X or Y", "X o Y" ("o sea" is "I mean"). */
const OR = /(?<![\p{L}])(or|o|u)(?![\p{L}])(?!\s+sea(?![\p{L}]))/u;

/** Clauses of the text: split at sentence ends (a "vs." or a decimal point is not one). */
function clauses(folded: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= folded.length; i++) {
    const c = folded[i];
    const end = i === folded.length || c === '?' || c === '!' || c === ';' || c === '¿' || c === '¡' || c === '\n' || (c === '.' && !/vs$/.test(folded.slice(Math.max(0, i - 2), i)) && !/\d/.test(folded[i + 1] ?? ''));
    if (end) {
      if (i > start) out.push([start, i]);
      start = i + 1;
    }
  }
  return out;
}

/** Words of a span. */
function wordsOf(folded: string, [a, b]: Span): string[] {
  return folded.slice(a, b).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The two sides around a split word at [at, end) of the clause [a, b), when both name an option. */
function sides(c: Span, at: number, end: number, namesOption: (s: Span) => boolean): [Span, Span] | undefined {
  const left: Span = [c[0], at];
  const right: Span = [end, c[1]];
  return namesOption(left) && namesOption(right) ? [left, right] : undefined;
}

/**
 * The spans of the two options compared in the text (folded, see module doc), the first comparison
 * found whose sides both name an option (`namesOption`: the caller knows where the text names a
 * kind, a brand, a colour, or says "the silk *one*"); `undefined` when the text compares no named
 * options ("cheaper than $50": a price is no option).
 */
export function comparedOptions(folded: string, namesOption: (s: Span) => boolean): [Span, Span] | undefined {
  for (const c of clauses(folded)) {
    const [a, b] = c;
    const text = folded.slice(a, b);
    const paired = PAIRED.exec(text);
    if (paired) {
      const at = a + paired.index + paired[0].length - (paired[1] as string).length;
      const s = sides(c, at, at + (paired[1] as string).length, namesOption);
      if (s) return s;
    }
    for (const re of [COMPARED, COMPARATIVE, VERSUS]) {
      const m = re.exec(text);
      if (!m) continue;
      // The split is the word that joins the two: "than" / "que", or the whole "compared to", "vs".
      const joiner = m[1] ?? m[0];
      const at = a + m.index + m[0].length - joiner.length;
      const s = sides(c, re === COMPARATIVE ? a + m.index : at, at + joiner.length, namesOption);
      if (s) return s;
    }
    const or = OR.exec(text);
    if (or) {
      const at = a + or.index;
      const end = at + (or[1] as string).length;
      const next = wordsOf(folded, [end, b])[0] ?? '';
      if (DETERMINER.test(next) || CHOOSE.test(text)) {
        const s = sides(c, at, end, namesOption);
        if (s) return s;
      }
    }
  }
  return undefined;
}
