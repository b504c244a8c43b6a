/**
 * Spanish diminutives, read as the word they make smaller: "lamparita" is a lámpara, "mesita" a mesa,
 * "tacita" a taza, "collarcito" a collar, "cojincitos" cojines, "lucecita" a luz; "azulito" is azul and
 * "rojita" roja. Shoppers use them everywhere, for endearment more than for size ("una tacita pa mi
 * mamá"), so a kind or a colour said that way is the kind or colour itself.
 *
 * Only the -ito family (-ito/-ita/-itos/-itas, -cito…, -ecito…) is read, by rule, not word by word: the
 * suffix is taken off and the base is rebuilt the ways Spanish spells it (mes-ita → mesa, tac-ita →
 * taza, banqu-ito → banco, amigu-ito → amigo, collar-cito → collar, luc-ecita → luz); the caller says
 * which rebuilt words it knows, so a word merely ending in -ito ("bonito", "favorito", "mosquito") reads
 * as nothing unless its rebuilt base is a word the caller knows. Pure.
 */

/** Suffixes, longest first, and the endings the base may have had: `-ito` replaced a final vowel, `-cito` was added to the whole word. */
const SUFFIXES: readonly { readonly re: RegExp; readonly whole: boolean }[] = [
  { re: /^(\p{L}{2,}?)ecit([oa])(s?)$/u, whole: true },
  { re: /^(\p{L}{3,}?)cit([oa])(s?)$/u, whole: true },
  { re: /^(\p{L}{3,}?)it([oa])(s?)$/u, whole: false },
];

/** The plural of a rebuilt Spanish singular ("mesa" → "mesas", "collar" → "collares", "luz" → "luces"). */
function plural(w: string): string {
  if (/[aeiou]$/.test(w)) return `${w}s`;
  if (w.endsWith('z')) return `${w.slice(0, -1)}ces`;
  return `${w}es`;
}

/**
 * The words a folded Spanish diminutive may be the diminutive of, most likely first, plural when it is
 * ("mesitas" → "mesas", "relojitos" → "relojes"). Empty for a word that is no diminutive in form.
 */
export function diminutiveBases(w: string): string[] {
  const out: string[] = [];
  const add = (b: string, pl: boolean): void => {
    const v = pl ? plural(b) : b;
    if (b.length >= 3 && !out.includes(v) && v !== w) out.push(v);
  };
  for (const { re, whole } of SUFFIXES) {
    const m = re.exec(w);
    if (!m) continue;
    const stem = m[1] as string;
    const g = m[2] as string;
    const pl = m[3] === 's';
    if (whole) {
      // collar-cito, mueble-cito, flor-ecita; luc-ecita → luz, pec-ecito → pez.
      add(stem, pl);
      add(`${stem}e`, pl);
      if (stem.endsWith('c')) add(`${stem.slice(0, -1)}z`, pl);
      continue;
    }
    // The spelling the suffix forced back: banqu-ito → banco, amigu-ito → amigo, tac-ita → taza.
    const stems = [stem];
    if (stem.endsWith('qu')) stems.unshift(`${stem.slice(0, -2)}c`);
    if (stem.endsWith('gu')) stems.unshift(`${stem.slice(0, -2)}g`);
    // The suffix keeps the base's gender ("bolsita" → bolsa, "bolsito" → bolso); never the other vowel
    // ("palito" is a stick, no "pala").
    for (const s of stems) {
      add(`${s}${g}`, pl);
      add(s, pl);
      add(`${s}e`, pl);
    }
    if (stem.endsWith('c')) {
      add(`${stem.slice(0, -1)}z${g}`, pl);
      add(`${stem.slice(0, -1)}z`, pl);
    }
  }
  return out;
}

/** The first base of a diminutive `w` that `known` accepts ({@link diminutiveBases}), if any. */
export function diminutiveOf(w: string, known: (base: string) => boolean): string | undefined {
  if (w.length < 6 || !/(?:it[oa]s?)$/.test(w)) return undefined;
  return diminutiveBases(w).find(known);
}

/** A word token as text.ts gives it (folded word, span in the folded text). */
interface WordToken {
  readonly w: string;
  readonly start: number;
  readonly end: number;
}

/**
 * `toks` with each diminutive of a known word read as that word ("una lamparita" → lampara, "mesitas"
 * → mesas), spans unchanged, so that kind matching finds it; the same array when none is. `named(i)`
 * says the token already names something as it is ("aritos", "mesita de noche", "lamparita LED": a
 * kind of its own), and is then left alone; `known(base)` says which rebuilt words are known.
 */
export function readDiminutives<T extends WordToken>(toks: readonly T[], known: (base: string) => boolean, named: (i: number) => boolean): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as T;
    if (t.w.length < 6 || !/it[oa]s?$/.test(t.w) || named(i)) continue;
    const base = diminutiveOf(t.w, known);
    if (base === undefined) continue;
    out ??= [...toks];
    out[i] = { ...t, w: base };
  }
  return out ?? toks;
}
