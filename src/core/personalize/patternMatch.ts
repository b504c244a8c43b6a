/**
 * Whether a product has a pattern, read from its text in English and Spanish as materials are
 * (materialMatch.ts): the forms and written forms of `intent/patterns.ts` as whole words of its title,
 * type, category, tags, options or description ("Striped Silk Blouse", "vestido de lunares", a
 * `Pattern: Floral` option). A refused pattern ("no stripes", "sin rayas") drops the product wherever
 * it says so, and so does a member of its family ("no plaid" drops a gingham shirt; "no patterns"
 * any patterned one). Spoken-only forms ("flowers", "lunares", "cuadros") are never read here: in
 * product text they name a flower pot, a mole, a painting.
 */
import type { Product } from '../catalog/product.ts';
import { PATTERNS, patternFamily, patternOf } from '../intent/patterns.ts';
import { fold } from '../intent/text.ts';
import { MATERIAL_TEXT_FIELDS } from './materialMatch.ts';
import { mayContain, phrase, productText, type TextField } from './productText.ts';

/** Canonical pattern → the folded, singular forms that say a product has it. */
const PATTERN_KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(PATTERNS).map(([k, p]) => [k, [...new Set([...p.forms, ...(p.written ?? [])].map(phrase).filter((f) => f !== ''))]]),
);

/**
 * The canonical pattern a refused word names, in a shopper's or an agent's words ("stripes",
 * "rayas", "Polka Dots", "striped"), or `undefined` when it names none.
 */
export function canonicalPattern(term: string): string | undefined {
  if (PATTERN_KEYS.has(term)) return term;
  const folded = phrase(term);
  return patternOf(fold(term)) ?? patternOf(folded) ?? [...PATTERN_KEYS.keys()].find((k) => PATTERN_KEYS.get(k)?.includes(folded));
}

/** The first field (in {@link MATERIAL_TEXT_FIELDS} order) that says the product has `pattern` itself. */
function findPattern(p: Product, pattern: string): TextField | undefined {
  const t = productText(p);
  const keys = (PATTERN_KEYS.get(pattern) ?? []).filter((k) => mayContain(t, k));
  if (keys.length === 0) return undefined;
  for (const f of MATERIAL_TEXT_FIELDS) for (const k of keys) if (t.fields[f].includes(` ${k} `)) return f;
  return undefined;
}

/**
 * Where the product says it has the pattern or a member of its family: the first field of
 * {@link MATERIAL_TEXT_FIELDS} that does, else `undefined`.
 */
export function patternHit(p: Product, pattern: string): TextField | undefined {
  let best: TextField | undefined;
  for (const m of patternFamily(pattern)) {
    const f = findPattern(p, m);
    if (f !== undefined && (best === undefined || MATERIAL_TEXT_FIELDS.indexOf(f) < MATERIAL_TEXT_FIELDS.indexOf(best))) best = f;
  }
  return best;
}
