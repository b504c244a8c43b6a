/**
 * Feature → products of one catalog: for every canonical colour (metals included, EN and ES forms
 * alike, see `intentScoring.ts` `MatchFeatures`), the available products that show it, in catalog
 * order. Built from the per-product match features (worked out once per product), so a stated colour
 * finds its products among thousands: a keyword search for "necklaces" returns 40 hits, which in a
 * shop of many gold necklaces may hold none of its silver ones.
 *
 * One index per catalog (per `all()` array: a catalog reload brings a new one). It can be built in
 * steps ({@link featureIndexSteps}) so a catalog load can pay for it in slices, off the request path;
 * a request that comes first builds it at once (same result).
 */
import type { Product } from '../catalog/product.ts';
import type { IntentEntities } from '../intent/types.ts';
import { matchCategory, matchFeaturesOf } from './intentScoring.ts';

/** Products of one catalog by feature. */
export interface FeatureIndex {
  readonly products: readonly Product[];
  /** Canonical colour → positions (in `products`) of the available products showing it. */
  readonly colours: ReadonlyMap<string, readonly number[]>;
  /** Answers of {@link featureCandidates} kept per colours and categories asked (bounded). */
  readonly answers: Map<string, readonly string[]>;
}

const built = new WeakMap<readonly Product[], FeatureIndex>();

/** Most answers kept per catalog (the same few colour and category combinations recur). */
const MAX_ANSWERS = 1000;

/** Products read per step of {@link featureIndexSteps}. */
const STEP = 200;

/**
 * Builds the index of `products` a step at a time (each step reads up to 200 products' match
 * features); the index is registered for {@link featureIndexOf} when the last step is done. A caller
 * stops early simply by not asking for more steps.
 */
export function* featureIndexSteps(products: readonly Product[]): Generator<void, FeatureIndex> {
  const have = built.get(products);
  if (have) return have;
  const colours = new Map<string, number[]>();
  for (let i = 0; i < products.length; i++) {
    const f = matchFeaturesOf(products[i] as Product);
    if (f.available) {
      for (const c of f.colourFields.keys()) {
        const list = colours.get(c);
        if (list) list.push(i);
        else colours.set(c, [i]);
      }
    }
    if ((i + 1) % STEP === 0 && i + 1 < products.length) yield;
  }
  const index: FeatureIndex = { products, colours, answers: new Map() };
  built.set(products, built.get(products) ?? index);
  return built.get(products) as FeatureIndex;
}

/** The feature index of a catalog's products (built now when no warm-up built it yet). */
export function featureIndexOf(products: readonly Product[]): FeatureIndex {
  const have = built.get(products);
  if (have) return have;
  const steps = featureIndexSteps(products);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Products that show a stated colour and, when categories are stated, are of one of them: the first
 * `limit` in catalog order (available ones only). Empty when no colour is stated.
 */
export function featureCandidates(index: FeatureIndex, e: Pick<IntentEntities, 'colours' | 'categories'>, limit: number): readonly string[] {
  if (e.colours.length === 0 || limit <= 0) return [];
  const key = `${limit}\u0000${e.colours.join('\u0001')}\u0000${e.categories.join('\u0001')}`;
  const hit = index.answers.get(key);
  if (hit) return hit;
  const at = new Set<number>();
  for (const c of e.colours) for (const i of index.colours.get(c) ?? []) at.add(i);
  const out: string[] = [];
  for (const i of [...at].sort((a, b) => a - b)) {
    const p = index.products[i] as Product;
    if (e.categories.length > 0 && !e.categories.some((c) => matchCategory(p, c) !== undefined)) continue;
    out.push(p.id);
    if (out.length >= limit) break;
  }
  if (index.answers.size >= MAX_ANSWERS) index.answers.delete(index.answers.keys().next().value as string);
  index.answers.set(key, out);
  return out;
}
