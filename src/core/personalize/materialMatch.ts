/**
 * Whether a product is made of a material, read from its text in English and Spanish: the forms of
 * `intent/materials.ts` as whole words, not negated by a neighbouring word ("vegan leather" and
 * "cuero sintético" are not leather). Worked out once per product for every known material
 * ({@link materialFields}), so a rejection ("no leather") costs a map lookup per candidate.
 */
import type { Product } from '../catalog/product.ts';
import { compoundForms, materialFamily, MATERIALS } from '../intent/materials.ts';
import { mayContain, phrase, productText, type ProductText, type TextField } from './productText.ts';
import { heldMap } from '../sharedEmpty.ts';

/**
 * Canonical material → the forms that say a product is made of it. The canonical name is not added
 * by itself: "down" names the material but, alone in product text, is mostly a direction.
 */
export const MATERIAL_KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(MATERIALS).map(([k, m]) => [k, [...new Set([...m.forms, ...(m.written ?? []), ...compoundForms(m)].map(phrase))]]),
);

/** Words before a material that make it something else ("vegan leather" is not leather). */
const NEGATING_PREFIX: Readonly<Record<string, readonly string[]>> = {
  leather: ['faux', 'vegan', 'pu', 'imitation', 'synthetic', 'fake', 'leather-free', 'sintetico', 'sintetica', 'vegano', 'vegana', 'imitacion'],
  fur: ['faux', 'fake', 'sintetico', 'sintetica'],
  suede: ['faux', 'vegan', 'imitation', 'synthetic', 'fake', 'micro', 'sintetico', 'sintetica', 'vegano', 'vegana', 'imitacion'],
  nubuck: ['faux', 'vegan', 'imitation', 'synthetic', 'fake', 'sintetico', 'sintetica', 'imitacion'],
  'patent leather': ['faux', 'vegan', 'imitation', 'synthetic', 'fake', 'imitacion'],
};
/** Words after a material that make it something else ("cuero sintético", "leather-look"). */
const NEGATING_SUFFIX: Readonly<Record<string, readonly string[]>> = {
  leather: ['look', 'effect', 'free', 'sintetico', 'sintetica', 'vegano', 'vegana', 'ecologico', 'ecologica'],
  // "charol sintético", "gamuza sintética": the finish or the nap on a synthetic.
  'patent leather': ['sintetico', 'sintetica', 'vegano', 'vegana'],
  suede: ['sintetico', 'sintetica', 'vegano', 'vegana'],
};

/** Whether the field contains the key as whole words, not negated by a neighbouring word. */
function containsMaterial(field: string, key: string, material: string): boolean {
  const pre = NEGATING_PREFIX[material] ?? [];
  const post = NEGATING_SUFFIX[material] ?? [];
  const needle = ` ${key} `;
  let at = field.indexOf(needle);
  while (at >= 0) {
    const words = field.slice(0, at).trimEnd().split(' ');
    // A finish between ("faux patent leather") leaves the word before it to say what it is.
    const before = (words.at(-1) === 'patent' ? words.at(-2) : words.at(-1)) ?? '';
    const after = field.slice(at + needle.length).trimStart().split(' ')[0] ?? '';
    if (!pre.includes(before) && !post.includes(after)) return true;
    at = field.indexOf(needle, at + 1);
  }
  return false;
}

/** Fields a material (or a rejected term) is looked for in, in this order. */
export const MATERIAL_TEXT_FIELDS: readonly TextField[] = ['title', 'productType', 'category', 'tags', 'options', 'description'];

/** The first field (in {@link MATERIAL_TEXT_FIELDS} order) that says the product is made of `material`. */
function findMaterial(t: ProductText, material: string): TextField | undefined {
  // Only the forms whose words the product has at all (a set lookup each) are searched for.
  const keys = MATERIAL_KEYS.get(material) ?? [];
  let any = false;
  for (const k of keys) if (mayContain(t, k)) any = true;
  if (!any) return undefined;
  for (const f of MATERIAL_TEXT_FIELDS) for (const k of keys) if (mayContain(t, k) && containsMaterial(t.fields[f], k, material)) return f;
  return undefined;
}

const cache = new WeakMap<Product, ReadonlyMap<string, TextField>>();

/**
 * Every known material the product is made of, with the first field that says so (memoised per
 * product object; catalog products are immutable).
 */
export function materialFields(p: Product): ReadonlyMap<string, TextField> {
  let m = cache.get(p);
  if (m) return m;
  const t = productText(p);
  const found = new Map<string, TextField>();
  for (const material of MATERIAL_KEYS.keys()) {
    const f = findMaterial(t, material);
    if (f) found.set(material, f);
  }
  m = heldMap(found);
  cache.set(p, m);
  return m;
}

/**
 * Where the product says it is made of (or set with) one of the materials asked for, or of a member
 * of its family (`materials.ts` MATERIAL_FAMILIES: "leather" is met by suede, "gemstone" by a
 * diamond): the first field of {@link MATERIAL_TEXT_FIELDS} that does, else `undefined`. Read as
 * a rejection reads it, so "vegan leather" is no leather here either.
 */
export function madeOfAny(p: Product, materials: readonly string[]): TextField | undefined {
  const made = materialFields(p);
  let best: TextField | undefined;
  for (const asked of materials) {
    for (const m of materialFamily(asked)) {
      const f = made.get(m);
      if (f !== undefined && (best === undefined || MATERIAL_TEXT_FIELDS.indexOf(f) < MATERIAL_TEXT_FIELDS.indexOf(best))) best = f;
    }
  }
  return best;
}
