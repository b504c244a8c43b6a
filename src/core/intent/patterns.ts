/**
 * Patterns a fabric or surface is printed or woven with, in English and Spanish, accent-folded: one
 * vocabulary for both ends of a rejection, as `materials.ts` is for materials — the words a shopper
 * rules out ("no stripes", "sin rayas", "nothing floral") and the words that say a product has the
 * pattern ("Striped Silk Blouse", "vestido de lunares"). Keys are the canonical names a rejection
 * carries (kind `term`, value `striped`): "no stripes", "not striped", "sin rayas" are one refusal.
 *
 * `forms` are read in both; `spoken` only in a shopper's words, where they name the pattern but in
 * product text mean the thing itself ("flowers" in "a flower pot", "lunares" a mole, "cuadros" a
 * painting); `written` only in product text ("a rayas", "de lunares": in a request, other words).
 * Forms are matched as whole words in folded, singular text, so one form covers a plural.
 */
export interface PatternForms {
  readonly forms: readonly string[];
  readonly spoken?: readonly string[];
  readonly written?: readonly string[];
}

export const PATTERNS: Readonly<Record<string, PatternForms>> = {
  striped: {
    forms: ['striped', 'stripes', 'stripe', 'stripy', 'stripey', 'pinstripe', 'pinstripes', 'pinstriped', 'rayado', 'rayada', 'rayados', 'rayadas'],
    spoken: ['rayas', 'raya'],
    written: ['a rayas', 'de rayas', 'con rayas'],
  },
  floral: {
    forms: ['floral', 'florals', 'florales', 'flowery', 'flowered', 'flower print', 'flower pattern', 'floral print', 'floreado', 'floreada', 'floreados', 'floreadas', 'florido', 'floridos', 'floridas'],
    spoken: ['flowers', 'flower', 'flores', 'flor', 'flower prints'],
    written: ['estampado de flores', 'print de flores', 'motivos de flores', 'flores estampadas'],
  },
  plaid: {
    forms: ['plaid', 'plaids', 'tartan', 'tartans', 'checked', 'checkered', 'chequered', 'check print', 'cuadriculado', 'cuadriculada', 'cuadriculados', 'cuadriculadas'],
    spoken: ['checks', 'cuadros', 'cuadritos'],
    written: ['a cuadros', 'de cuadros escoceses', 'a cuadritos'],
  },
  gingham: { forms: ['gingham', 'vichy'] },
  houndstooth: { forms: ['houndstooth', 'pata de gallo'] },
  'polka dot': {
    forms: ['polka dot', 'polka dots', 'polka-dot', 'polka dotted', 'dotted', 'spotted', 'spotty'],
    spoken: ['dots', 'spots', 'lunares', 'topos'],
    written: ['de lunares', 'a lunares', 'con lunares', 'de topos', 'a topos'],
  },
  'animal print': {
    forms: ['animal print', 'animal prints', 'estampado animal', 'estampado de animal', 'animal print'],
  },
  leopard: { forms: ['leopard', 'leopard print', 'leopardo', 'estampado de leopardo', 'cheetah print', 'guepardo'] },
  zebra: { forms: ['zebra print', 'zebra stripes', 'estampado de cebra'], spoken: ['zebra', 'cebra'] },
  snakeskin: { forms: ['snakeskin', 'snake print', 'snakeskin print', 'estampado de serpiente', 'piel de serpiente'] },
  camouflage: { forms: ['camo', 'camouflage', 'camuflaje', 'camuflado', 'camuflada', 'camuflados', 'camufladas'] },
  paisley: { forms: ['paisley', 'paisleys', 'estampado de cachemira', 'estampado cachemir', 'estampado paisley'] },
  'tie-dye': { forms: ['tie-dye', 'tie dye', 'tie-dyed', 'tie dyed', 'tie and dye', 'tye dye', 'batik'] },
  pattern: {
    forms: ['patterned', 'estampado', 'estampada', 'estampados', 'estampadas'],
    spoken: ['pattern', 'patterns', 'print', 'prints', 'printed'],
    written: ['all-over print', 'all over print'],
  },
};

/**
 * Patterns that are kinds of another: ruling out the family ("no plaid", "no patterns", "no animal
 * print") rules out its members too ("Gingham Shirt", "Leopard Scarf"); ruling out a member ("no
 * gingham") does not rule out the family.
 */
export const PATTERN_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  plaid: ['gingham', 'houndstooth'],
  'animal print': ['leopard', 'zebra', 'snakeskin'],
  pattern: Object.keys(PATTERNS).filter((k) => k !== 'pattern'),
};

/** The pattern and every pattern of its family (`plaid` → plaid, gingham, houndstooth). */
export function patternFamily(pattern: string): readonly string[] {
  const members = PATTERN_FAMILIES[pattern] ?? [];
  // A family member may head a family of its own ("pattern" holds "animal print" and its members).
  return [...new Set([pattern, ...members.flatMap((m) => (m === pattern ? [m] : [m, ...(PATTERN_FAMILIES[m] ?? [])]))])];
}

/** Folded spoken and shared forms (as written and each word singular) → canonical pattern. */
const SPOKEN = new Map<string, string>();
for (const [k, p] of Object.entries(PATTERNS)) for (const f of [k, ...p.forms, ...(p.spoken ?? [])]) if (!SPOKEN.has(f)) SPOKEN.set(f, k);

/**
 * The canonical pattern a shopper's folded phrase names ("stripes", "rayas", "polka dots" →
 * striped, striped, polka dot), or `undefined`. `singular` makes a plural the form listed.
 */
export function patternOf(folded: string, singular?: (w: string) => string): string | undefined {
  const k = folded.trim().replace(/\s+/g, ' ');
  return SPOKEN.get(k) ?? (singular ? SPOKEN.get(k.split(' ').map(singular).join(' ')) : undefined);
}

/** Every folded word a shopper or a product may use for the pattern or its family (for titleTerms: never a term). */
export function patternWords(pattern: string): readonly string[] {
  const out = new Set<string>();
  for (const m of patternFamily(pattern)) {
    const p = PATTERNS[m];
    if (!p) continue;
    for (const f of [m, ...p.forms, ...(p.spoken ?? []), ...(p.written ?? [])]) for (const w of f.split(/[\s-]+/)) out.add(w);
  }
  return [...out];
}
