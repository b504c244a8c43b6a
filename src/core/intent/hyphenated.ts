/**
 * Hyphenated names of a colour, metal, material or pattern: "rose-gold", "navy-blue", "oro-rosa",
 * "faux-leather", "white-gold", "polka-dot" are read as their spaced forms ("rose gold", …). Read word
 * by word at the hyphen, "a rose-gold bracelet" asked for gold and "no rose-gold" refused nothing; the
 * entity rules know these names with a space. Only a run of hyphenated words holding such a name has
 * its hyphens read as spaces (those inside the name); "t-shirt", "x-large", "forget-me-not" keep theirs. Length-preserving, so spans in the text returned index the text given. Pure.
 */
import { COLOURS } from './colours.ts';
import { MATERIALS } from './materials.ts';
import { PATTERNS } from './patterns.ts';
import { fold, singular } from './text.ts';

/** Every name of two words or more of a colour, metal, material or pattern, folded, each word singular too. */
const SPACED_NAMES: ReadonlySet<string> = (() => {
  const names = [
    ...Object.values(COLOURS).flatMap((c) => [...c.en, ...c.es]),
    ...Object.values(MATERIALS).flatMap((m) => [...m.forms, ...(m.spoken ?? []), ...(m.written ?? [])]),
    ...Object.values(PATTERNS).flatMap((p) => [...p.forms, ...(p.spoken ?? []), ...(p.written ?? [])]),
  ];
  const out = new Set<string>();
  for (const n of names) {
    const words = fold(n).trim().split(/[\s-]+/);
    if (words.length < 2) continue;
    out.add(words.join(' '));
    out.add(words.map(singular).join(' '));
  }
  return out;
})();

/** The longest name of {@link SPACED_NAMES}, in words. */
const MAX_WORDS = Math.max(2, ...[...SPACED_NAMES].map((n) => n.split(' ').length));

/** A run of words joined by hyphens (folded text: "-" unifies the dashes). */
const HYPHENATED = /(?<![\p{L}\p{N}])[\p{L}]+(?:-[\p{L}]+)+(?![\p{L}\p{N}])/gu;

/**
 * `folded` with the hyphens inside a hyphenated name of a colour, material or pattern read as spaces
 * ("a rose-gold bracelet" → "a rose gold bracelet"). Same length as `folded`.
 */
export function spaceHyphenatedNames(folded: string): string {
  if (!folded.includes('-')) return folded;
  return folded.replace(HYPHENATED, (run) => {
    const parts = run.split('-');
    const spaced = new Array<boolean>(parts.length - 1).fill(false);
    for (let i = 0; i < parts.length - 1; i++) {
      for (let j = Math.min(parts.length, i + MAX_WORDS); j >= i + 2; j--) {
        const words = parts.slice(i, j);
        if (SPACED_NAMES.has(words.join(' ')) || SPACED_NAMES.has(words.map(singular).join(' '))) {
          for (let k = i; k < j - 1; k++) spaced[k] = true;
          break;
        }
      }
    }
    if (!spaced.includes(true)) return run;
    let out = parts[0] as string;
    for (let k = 1; k < parts.length; k++) out += (spaced[k - 1] ? ' ' : '-') + (parts[k] as string);
    return out;
  });
}
