/**
 * An immutable in-memory index over one shop's catalog: lookup by id, profile feature keys, prices,
 * content-based neighbours and keyword search. Both similarity and search use one field-weighted
 * TF-IDF model over title words, product type, vendor, category path parts and tags, stored as an
 * inverted index so that queries touch only the products that share a term (no O(n²) work at build).
 */
import { toMajor } from '../money.ts';
import { fitAround, spreadOf, type AffinityScorer } from '../profile/affinity.ts';
import type { ProfileView } from '../profile/profileView.ts';
import { sharedString } from '../sharedStrings.ts';
import { isAvailable, minPrice } from './product.ts';
import type { Product } from './product.ts';

/** A product with a similarity or relevance weight in (0, 1]. */
export interface WeightedProduct {
  readonly productId: string;
  readonly weight: number;
}

/** The product facts that profile feature keys are derived from. */
export interface FeatureSource {
  readonly productType?: string;
  readonly vendor?: string;
  readonly category?: string;
  readonly tags?: readonly string[];
}

/** Most content neighbours kept (and returned) per product. */
export const MAX_CONTENT_NEIGHBOURS = 50;

/**
 * Some of a product's content neighbours by catalog position, as {@link CatalogIndex.contentNeighbours}
 * lists them (same order, same weights) but without a list of objects: `docs[i]` and `weights[i]` for
 * `from <= i < to`. The arrays are the index's own: read them, never write.
 */
export interface NeighbourSpan {
  readonly docs: Int32Array;
  readonly weights: Float64Array;
  readonly from: number;
  readonly to: number;
}

/**
 * A weighted list (neighbours, popular, trending) as {@link CatalogIndex.resolveList} reads it once:
 * each item's position (-1 when the catalog does not have it) and weight, in list order, and the
 * largest and the sum of its positive weights (0 when it has none). The arrays are the memo's: read
 * them, never write.
 */
export interface ResolvedList {
  readonly docs: Int32Array;
  readonly weights: Float64Array;
  readonly max: number;
  readonly sum: number;
}

/** Memoised search answers per index (oldest dropped first). */
const SEARCH_CACHE_MAX = 5000;

/** Relative weight of each field in the TF-IDF vectors. */
const FIELD_WEIGHTS = { title: 1, type: 1.5, vendor: 0.75, categoryLeaf: 1.25, categoryPath: 0.5, tag: 1 } as const;

const STOP_WORDS = new Set([
  // English
  'and', 'the', 'for', 'with', 'from', 'into', 'onto', 'of', 'in', 'on', 'at', 'to', 'by', 'or', 'an', 'as', 'is',
  'are', 'be', 'it', 'its', 'this', 'that', 'these', 'those', 'your', 'our', 'you', 'we', 'my', 'all', 'any', 'per',
  'via', 'not', 'no', 'new',
  // Spanish (diacritics already stripped)
  'el', 'la', 'los', 'las', 'lo', 'un', 'una', 'unos', 'unas', 'de', 'del', 'al', 'en', 'con', 'sin', 'por', 'para',
  'que', 'se', 'su', 'sus', 'es', 'son', 'mas', 'muy', 'y',
]);

function stem(t: string): string {
  if (t.length <= 3 || !t.endsWith('s') || /(ss|us|is)$/.test(t) || /^\d+$/.test(t)) return t;
  if (t.endsWith('ies') && t.length > 4) return `${t.slice(0, -3)}y`;
  if (/(sses|xes|zes|ches|shes)$/.test(t)) return t.slice(0, -2);
  return t.slice(0, -1);
}

/**
 * Tokenises text for the index: lower-case, diacritics stripped, split on anything but letters and
 * digits, 1-character tokens and stop words (English and Spanish) dropped, simple plural folding
 * (`boots` → `boot`, `dresses` → `dress`, `accessories` → `accessory`).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const parts = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  for (const p of parts) {
    if (p.length < 2 || STOP_WORDS.has(p)) continue;
    out.push(stem(p));
  }
  return out;
}

function clean(s: string | undefined): string {
  return (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Parts of a category path ("Apparel & Accessories > Shoes > Boots" → three parts, the leaf last). */
function categoryParts(category: string | undefined): string[] {
  return (category ?? '').split('>').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Profile feature keys of a product: `cat:<category leaf>`, `type:<product type>`, `vendor:<vendor>`
 * and `tag:<tag>` for each tag, all lower-case; empty values are skipped and keys are unique.
 */
export function featureKeysOf(p: FeatureSource): string[] {
  const keys: string[] = [];
  const leaf = clean(categoryParts(p.category).at(-1));
  if (leaf !== '') keys.push(`cat:${leaf}`);
  const type = clean(p.productType);
  if (type !== '') keys.push(`type:${type}`);
  const vendor = clean(p.vendor);
  if (vendor !== '') keys.push(`vendor:${vendor}`);
  for (const t of p.tags ?? []) {
    const tag = clean(t);
    const key = `tag:${tag}`;
    if (tag !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Per feature id, `1 − (products with it − 1) / (products − 1)` (see `CatalogIndex.featureSpecificity`);
 * every feature is fully specific in a catalog of one product.
 */
function specificities(featList: Int32Array, features: number, products: number): Float64Array {
  const df = new Int32Array(features);
  for (const f of featList) df[f] = (df[f] as number) + 1;
  const out = new Float64Array(features);
  for (let f = 0; f < features; f++) out[f] = products > 1 ? 1 - ((df[f] as number) - 1) / (products - 1) : 1;
  return out;
}

/** Raw (pre-IDF) field-weighted term frequencies of one product. */
function termWeights(p: Product): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (text: string, w: number): void => {
    for (const t of tokenize(text)) tf.set(t, (tf.get(t) ?? 0) + w);
  };
  add(p.title, FIELD_WEIGHTS.title);
  add(p.productType, FIELD_WEIGHTS.type);
  add(p.vendor, FIELD_WEIGHTS.vendor);
  const parts = categoryParts(p.category);
  parts.forEach((part, i) => add(part, i === parts.length - 1 ? FIELD_WEIGHTS.categoryLeaf : FIELD_WEIGHTS.categoryPath));
  for (const tag of p.tags) add(tag, FIELD_WEIGHTS.tag);
  return tf;
}

/** What the index reads of one product's text: its feature keys and its terms with their raw weights. */
interface PreparedText {
  readonly featureKeys: readonly string[];
  readonly terms: readonly string[];
  readonly weights: readonly number[];
}

/**
 * Per product object, its {@link PreparedText}. Tokenising is most of a build's cost (about 70 % on a
 * 10,000-product CSV catalog), and a rebuild after a few product webhooks keeps every unchanged
 * product's object (see CatalogRegistry), so a rebuild tokenises only what changed. Products are
 * never changed in place (a change is a new object), as every per-product memo here assumes.
 */
const preparedText = new WeakMap<Product, PreparedText>();

/** The product's {@link PreparedText}, worked out once per product object. */
function prepareText(p: Product): PreparedText {
  let t = preparedText.get(p);
  if (!t) {
    const tf = termWeights(p);
    // Words many products share are one string each (sharedStrings.ts): the index keeps them as long as the catalog.
    t = { featureKeys: Object.freeze(featureKeysOf(p).map(sharedString)), terms: [...tf.keys()].map(sharedString), weights: [...tf.values()] };
    preparedText.set(p, t);
  }
  return t;
}

/** Keeps the best `k` (score, doc) pairs, strongest first, ties by lower doc number. */
class TopK {
  readonly docs: number[] = [];
  readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  offer(doc: number, score: number): void {
    const n = this.docs.length;
    if (n === this.k) {
      const lastScore = this.scores[n - 1] as number;
      if (score < lastScore || (score === lastScore && doc > (this.docs[n - 1] as number))) return;
    }
    let i = n;
    while (i > 0) {
      const s = this.scores[i - 1] as number;
      if (s > score || (s === score && (this.docs[i - 1] as number) < doc)) break;
      i--;
    }
    this.docs.splice(i, 0, doc);
    this.scores.splice(i, 0, score);
    if (this.docs.length > this.k) {
      this.docs.pop();
      this.scores.pop();
    }
  }
}

/**
 * {@link CatalogIndex.affinityScorer}'s answer: a class rather than an object of closures (one per
 * request, each named by the TypeScript runner as it is made).
 */
class IndexAffinityScorer implements AffinityScorer {
  constructor(
    /** The profile's affinity per feature id. */
    private readonly weights: Float64Array,
    /** Whether any feature of the index has an affinity. */
    private readonly any: boolean,
    /** The profile's price band: its centre and spread (`spreadOf`), or no band (`hasBand` false). */
    private readonly hasBand: boolean,
    private readonly center: number,
    private readonly spread: number,
    private readonly start: Int32Array,
    private readonly list: Int32Array,
    /** Per doc, its lowest price in major units (NaN: none, which fits nothing). */
    private readonly prices: Float64Array,
    /** Each feature id's key. */
    private readonly names: readonly string[],
    private readonly size: number,
  ) {}

  score(doc: number): number {
    if (!(doc >= 0 && doc < this.size)) return 0;
    let s = 0;
    if (this.any) {
      const { start, list, weights } = this;
      const end = start[doc + 1] as number;
      for (let i = start[doc] as number; i < end; i++) s += weights[list[i] as number] as number;
    }
    return this.hasBand ? s + fitAround(this.center, this.spread, this.prices[doc]) : s;
  }

  /** As `profileAffinity` picks it: the first strongest feature, or the price when it fits better. */
  strongest(doc: number): string | undefined {
    if (!(doc >= 0 && doc < this.size)) return undefined;
    const { start, list, weights } = this;
    const end = start[doc + 1] as number;
    let best = 0;
    let feature: string | undefined;
    for (let i = start[doc] as number; i < end; i++) {
      const f = list[i] as number;
      const a = weights[f] as number;
      if (a > best) {
        best = a;
        feature = this.names[f];
      }
    }
    return this.hasBand && fitAround(this.center, this.spread, this.prices[doc]) > best ? 'price' : feature;
  }
}

/** Immutable in-memory catalog index (build once per catalog version; all answers are derived from it). */
export class CatalogIndex {
  /** Number of products. */
  readonly size: number;
  readonly #products: readonly Product[];
  readonly #byId: ReadonlyMap<string, number>;
  /** Each position's product id, in an array of their own (a ranking reads a hundred per request, not the products). */
  readonly #ids: readonly string[];
  /** Per doc, its lowest available price in major units (NaN: none), what the affinity scorers read per candidate. */
  readonly #prices: Float64Array;
  readonly #termIds: ReadonlyMap<string, number>;
  readonly #idf: Float64Array;
  /** Per doc, its terms and unit-normalised TF-IDF weights (CSR layout). */
  readonly #docStart: Int32Array;
  readonly #docTerms: Int32Array;
  readonly #docWeights: Float64Array;
  /** Per term, the docs containing it and their weights (CSR layout). */
  readonly #postStart: Int32Array;
  readonly #postDocs: Int32Array;
  readonly #postWeights: Float64Array;
  /** Scratch accumulators for queries (single-threaded, never re-entered). */
  readonly #scores: Float64Array;
  readonly #touched: Int32Array;
  /**
   * Every product's content neighbours, worked out on first use (a catalog load warms them all): the
   * product at `doc` has `#nbCount[doc]` of them (-1: not worked out yet) at `doc *
   * MAX_CONTENT_NEIGHBOURS` onwards, positions and similarities. Typed arrays rather than a list of
   * objects per product: a warmed 10,000-product shop held 34 MB and half a million objects in those
   * lists, which every full garbage collection walked (the storefront's slowest answers).
   */
  readonly #nbDocs: Int32Array;
  readonly #nbWeights: Float64Array;
  readonly #nbCount: Int8Array;
  /** See {@link resolveList}. */
  readonly #resolved = new WeakMap<readonly { readonly productId: string; readonly weight: number }[], ResolvedList>();
  readonly #searchCache = new Map<string, readonly WeightedProduct[]>();
  /** {@link affinityScorer}'s answers, per profile view (freed with the view). */
  readonly #scorers = new WeakMap<ProfileView, AffinityScorer>();
  /** Per doc, its profile feature keys, and the same as ids into `#featureIds` (CSR layout). */
  readonly #featureKeys: readonly (readonly string[])[];
  readonly #featureIds: ReadonlyMap<string, number>;
  readonly #featStart: Int32Array;
  readonly #featList: Int32Array;
  /** Each feature id's key (what `#featureIds` maps to it): one small array, read by id. */
  readonly #featureNames: readonly string[];
  /** Per feature id, how much it tells one product from another (see {@link featureSpecificity}). */
  readonly #specificity: Float64Array;
  /** 1 where the product is published and in stock. */
  readonly #recommendable: Uint8Array;
  /** Positions of the recommendable products, newest first (see {@link newestRecommendable}); built on first use. */
  #newest: Int32Array | undefined;

  private constructor(products: readonly Product[]) {
    this.#products = Object.freeze([...products]);
    this.size = products.length;
    const byId = new Map<string, number>();
    products.forEach((p, i) => byId.set(p.id, i));
    this.#byId = byId;
    this.#ids = products.map((p) => p.id);
    this.#prices = Float64Array.from(products, (p) => {
      const m = minPrice(p);
      return m ? toMajor(m) : Number.NaN;
    });
    this.#recommendable = Uint8Array.from(products, (p) => (isAvailable(p) ? 1 : 0));
    const texts = products.map(prepareText);
    this.#featureKeys = texts.map((t) => t.featureKeys);
    const featureIds = new Map<string, number>();
    this.#featStart = new Int32Array(products.length + 1);
    this.#featList = new Int32Array(this.#featureKeys.reduce((n, keys) => n + keys.length, 0));
    let f = 0;
    this.#featureKeys.forEach((keys, doc) => {
      this.#featStart[doc] = f;
      for (const key of keys) {
        let id = featureIds.get(key);
        if (id === undefined) featureIds.set(key, (id = featureIds.size));
        this.#featList[f++] = id;
      }
    });
    this.#featStart[products.length] = f;
    this.#featureIds = featureIds;
    this.#featureNames = [...featureIds.keys()];
    this.#specificity = specificities(this.#featList, featureIds.size, products.length);

    // Each product's terms are distinct (prepareText), so a document's entries are its terms in order.
    const n = products.length;
    const pairs = texts.reduce((sum, t) => sum + t.terms.length, 0);
    const termIds = new Map<string, number>();
    const df: number[] = [];
    this.#docStart = new Int32Array(n + 1);
    this.#docTerms = new Int32Array(pairs);
    this.#docWeights = new Float64Array(pairs);
    let at = 0;
    texts.forEach(({ terms, weights }, doc) => {
      this.#docStart[doc] = at;
      for (let k = 0; k < terms.length; k++, at++) {
        const term = terms[k] as string;
        let id = termIds.get(term);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(term, id);
          df.push(0);
        }
        df[id] = (df[id] as number) + 1;
        this.#docTerms[at] = id;
        this.#docWeights[at] = weights[k] as number;
      }
    });
    this.#docStart[n] = at;
    this.#termIds = termIds;
    const idf = new Float64Array(df.length);
    df.forEach((d, t) => (idf[t] = Math.log(1 + n / d)));
    this.#idf = idf;
    // Raw weights → TF-IDF, each document's vector of unit length.
    for (let doc = 0; doc < n; doc++) {
      const from = this.#docStart[doc] as number;
      const to = this.#docStart[doc + 1] as number;
      let norm = 0;
      for (let i = from; i < to; i++) {
        const w = (this.#docWeights[i] as number) * (idf[this.#docTerms[i] as number] as number);
        this.#docWeights[i] = w;
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      for (let i = from; i < to; i++) this.#docWeights[i] = (this.#docWeights[i] as number) / norm;
    }

    const postStart = new Int32Array(df.length + 1);
    df.forEach((d, t) => (postStart[t + 1] = (postStart[t] as number) + d));
    const fill = Int32Array.from(postStart.subarray(0, df.length));
    this.#postDocs = new Int32Array(pairs);
    this.#postWeights = new Float64Array(pairs);
    for (let doc = 0; doc < n; doc++) {
      for (let i = this.#docStart[doc] as number; i < (this.#docStart[doc + 1] as number); i++) {
        const t = this.#docTerms[i] as number;
        const slot = fill[t] as number;
        this.#postDocs[slot] = doc;
        this.#postWeights[slot] = this.#docWeights[i] as number;
        fill[t] = slot + 1;
      }
    }
    this.#postStart = postStart;
    this.#scores = new Float64Array(n);
    this.#touched = new Int32Array(n);
    this.#nbDocs = new Int32Array(n * MAX_CONTENT_NEIGHBOURS);
    this.#nbWeights = new Float64Array(n * MAX_CONTENT_NEIGHBOURS);
    this.#nbCount = new Int8Array(n).fill(-1);
  }

  /**
   * Builds the index. Products are kept in input order; when an id occurs more than once, the last
   * occurrence wins (at the position of the first).
   */
  static build(products: readonly Product[]): CatalogIndex {
    const byId = new Map<string, Product>();
    for (const p of products) byId.set(p.id, p);
    return new CatalogIndex([...byId.values()]);
  }

  /** The product with this (normalised) id. */
  get(id: string): Product | undefined {
    const i = this.#byId.get(id);
    return i === undefined ? undefined : this.#products[i];
  }

  /** Whether the product is in the catalog. */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /** Every product, in build order. */
  all(): readonly Product[] {
    return this.#products;
  }

  /** Profile feature keys of a product: `cat:<category leaf, lower-case>`, `type:<productType lower>`, `vendor:<vendor lower>`, `tag:<tag lower>` (empty values skipped). */
  featureKeys(id: string): readonly string[] {
    const i = this.#byId.get(id);
    return i === undefined ? [] : (this.#featureKeys[i] as readonly string[]);
  }

  /**
   * How much a profile feature key tells this catalog's products apart, in [0, 1]: 1 for a feature one
   * product has, falling linearly to 0 for one every product has (a shop's only vendor, a tag on the
   * whole catalog), 1 for a key no product has. A shopper's affinity counts times this: liking what
   * every product shares neither orders the products nor explains a recommendation.
   */
  featureSpecificity(key: string): number {
    const f = this.#featureIds.get(key);
    return f === undefined ? 1 : (this.#specificity[f] as number);
  }

  /** Published and in stock (see `isAvailable`). */
  isRecommendable(id: string): boolean {
    const i = this.#byId.get(id);
    return i !== undefined && this.#recommendable[i] === 1;
  }

  /**
   * Position of a product in build order (what `all()` lists, and what the `…At` methods and the
   * affinity scorer take), or -1 when the id is not in the catalog. The ranker resolves each candidate
   * once and works by position from then on.
   */
  indexOf(id: string): number {
    return this.#byId.get(id) ?? -1;
  }

  /**
   * A weighted list as positions and numbers ({@link ResolvedList}: each item's {@link indexOf} and
   * weight, in list order, and the largest and the sum of the positive weights), memoised per list
   * object: the lists a ranker is given (neighbour, popular and trending lists) are cached, immutable
   * objects that come back request after request, so each is read once per index instead of once per
   * request, and a ranking reads two arrays instead of an object per item. A list must not change
   * after it was first asked about.
   */
  resolveList(list: readonly { readonly productId: string; readonly weight: number }[]): ResolvedList {
    let r = this.#resolved.get(list);
    if (!r) {
      const docs = new Int32Array(list.length);
      const weights = new Float64Array(list.length);
      let max = 0;
      let sum = 0;
      for (let i = 0; i < list.length; i++) {
        const it = list[i] as { readonly productId: string; readonly weight: number };
        docs[i] = this.#byId.get(it.productId) ?? -1;
        weights[i] = it.weight;
        if (it.weight > 0) {
          sum += it.weight;
          if (it.weight > max) max = it.weight;
        }
      }
      r = { docs, weights, max, sum };
      this.#resolved.set(list, r);
    }
    return r;
  }

  /** {@link isRecommendable} by position. */
  isRecommendableAt(doc: number): boolean {
    return this.#recommendable[doc] === 1;
  }

  /**
   * Positions (see {@link indexOf}) of the published, in-stock products, newest first by each
   * product's own `createdAt`; products without one come after every dated product, and ties go by
   * id. Worked out once per index (a catalog change builds a new index), so a shop's cold-start list
   * is a walk down this order instead of a scan and sort of the whole catalog per request.
   */
  newestRecommendable(): Int32Array {
    if (this.#newest) return this.#newest;
    const docs: number[] = [];
    for (let i = 0; i < this.size; i++) if (this.#recommendable[i] === 1) docs.push(i);
    const ps = this.#products;
    // The collator of `localeCompare` (same order), made once instead of per comparison.
    const { compare } = new Intl.Collator();
    docs.sort((x, y) => {
      const a = ps[x] as Product;
      const b = ps[y] as Product;
      return compare(b.createdAt ?? '', a.createdAt ?? '') || (a.id < b.id ? -1 : 1);
    });
    this.#newest = Int32Array.from(docs);
    return this.#newest;
  }

  /**
   * Scores this catalog's products, by position, against one profile ({@link AffinityScorer}): the
   * profile's affinities are laid out once in an array indexed by the index's feature ids, so scoring
   * a product adds a few array reads instead of looking its feature keys up.
   */
  affinityScorer(profile: ProfileView): AffinityScorer {
    // A profile view is immutable and reused while the shopper's profile is unchanged, so its scorer is too.
    let scorer = this.#scorers.get(profile);
    if (!scorer) {
      scorer = this.#scorerOf(profile);
      this.#scorers.set(profile, scorer);
    }
    return scorer;
  }

  #scorerOf(profile: ProfileView): AffinityScorer {
    const weights = new Float64Array(this.#featureIds.size);
    let any = false;
    for (const [key, a] of profile.affinities) {
      const f = this.#featureIds.get(key);
      const w = f === undefined ? 0 : a * (this.#specificity[f] as number);
      if (w > 0) {
        weights[f as number] = w;
        any = true;
      }
    }
    const band = profile.priceBand;
    return new IndexAffinityScorer(weights, any, band !== undefined, band?.center ?? 0, band ? spreadOf(band) : 0, this.#featStart, this.#featList, this.#prices, this.#featureNames, this.size);
  }

  /** Lowest available price in major units (for price bands). */
  priceMajor(id: string): number | undefined {
    const i = this.#byId.get(id);
    const price = i === undefined ? Number.NaN : (this.#prices[i] as number);
    return Number.isNaN(price) ? undefined : price;
  }

  /**
   * Content neighbours: most similar products by TF-IDF cosine over title words, product type, vendor,
   * category path parts and tags (field-weighted), excluding itself, similarity in (0,1], strongest
   * first, at most k (k <= 50). The top 50 are computed lazily per product and kept (see
   * {@link contentNeighboursAt}, which reads them without making objects). Availability is not
   * considered (callers filter).
   */
  contentNeighbours(id: string, k: number): readonly WeightedProduct[] {
    const doc = this.#byId.get(id);
    if (doc === undefined || k <= 0) return [];
    const { docs, weights, from, to } = this.contentNeighboursAt(doc, k);
    const out: WeightedProduct[] = [];
    for (let i = from; i < to; i++) out.push({ productId: (this.#products[docs[i] as number] as Product).id, weight: weights[i] as number });
    return out;
  }

  /**
   * {@link contentNeighbours} of the product at position `doc` (see {@link indexOf}), as positions and
   * similarities in the index's own arrays: what the ranker reads on every request, without a list.
   */
  contentNeighboursAt(doc: number, k: number): NeighbourSpan {
    const from = doc * MAX_CONTENT_NEIGHBOURS;
    if (!(doc >= 0 && doc < this.size) || !(k >= 1)) return { docs: this.#nbDocs, weights: this.#nbWeights, from: 0, to: 0 };
    let count = this.#nbCount[doc] as number;
    if (count < 0) {
      const terms: number[] = [];
      const weights: number[] = [];
      for (let i = this.#docStart[doc] as number; i < (this.#docStart[doc + 1] as number); i++) {
        terms.push(this.#docTerms[i] as number);
        weights.push(this.#docWeights[i] as number);
      }
      const top = this.#top(terms, weights, MAX_CONTENT_NEIGHBOURS, doc);
      count = top.docs.length;
      for (let i = 0; i < count; i++) {
        this.#nbDocs[from + i] = top.docs[i] as number;
        this.#nbWeights[from + i] = Math.min(1, top.scores[i] as number);
      }
      this.#nbCount[doc] = count;
    }
    return { docs: this.#nbDocs, weights: this.#nbWeights, from, to: from + Math.min(count, Math.floor(k)) };
  }

  /** The product id at a position (see {@link indexOf}). */
  idAt(doc: number): string {
    return this.#ids[doc] as string;
  }

  /**
   * Simple keyword search over title/type/vendor/tags/category, ranked by TF-IDF cosine, at most
   * `limit`. Answers are memoised (the index is immutable and the same queries recur: category and
   * brand searches of the personalization layer).
   */
  search(query: string, limit: number): readonly WeightedProduct[] {
    if (limit <= 0 || this.size === 0) return [];
    const key = `${Math.floor(limit)}\u0000${query}`;
    const hit = this.#searchCache.get(key);
    if (hit) return hit;
    const found = Object.freeze(this.#search(query, limit));
    if (this.#searchCache.size >= SEARCH_CACHE_MAX) this.#searchCache.delete(this.#searchCache.keys().next().value as string);
    this.#searchCache.set(key, found);
    return found;
  }

  #search(query: string, limit: number): WeightedProduct[] {
    const counts = new Map<string, number>();
    for (const t of tokenize(query)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const terms: number[] = [];
    const weights: number[] = [];
    let norm = 0;
    for (const [term, c] of counts) {
      const t = this.#termIds.get(term);
      // Unknown terms count towards the query norm (as if seen once) but match nothing.
      const w = c * (t === undefined ? Math.log(1 + this.size) : (this.#idf[t] as number));
      norm += w * w;
      if (t !== undefined) {
        terms.push(t);
        weights.push(w);
      }
    }
    if (terms.length === 0) return [];
    const inv = 1 / Math.sqrt(norm);
    return this.#rank(terms, weights.map((w) => w * inv), Math.floor(limit), -1);
  }

  /** Scores every doc sharing a term with the (unit) query vector; best `k`, excluding `self`. */
  #rank(terms: readonly number[], weights: readonly number[], k: number, self: number): WeightedProduct[] {
    if (k <= MAX_CONTENT_NEIGHBOURS) {
      const top = this.#top(terms, weights, k, self);
      return top.docs.map((doc, i) => ({ productId: (this.#products[doc] as Product).id, weight: Math.min(1, top.scores[i] as number) }));
    }
    const scores = this.#scores;
    const n = this.#accumulate(terms, weights);
    const hits: { doc: number; score: number }[] = [];
    for (let i = 0; i < n; i++) {
      const d = this.#touched[i] as number;
      const s = scores[d] as number;
      scores[d] = 0;
      if (d !== self && s > 1e-12) hits.push({ doc: d, score: s });
    }
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    hits.length = Math.min(hits.length, k);
    return hits.map((h) => ({ productId: (this.#products[h.doc] as Product).id, weight: Math.min(1, h.score) }));
  }

  /** The best `k` (k <= {@link MAX_CONTENT_NEIGHBOURS}) docs of {@link #rank}, strongest first, ties by lower doc. */
  #top(terms: readonly number[], weights: readonly number[], k: number, self: number): TopK {
    const scores = this.#scores;
    const n = this.#accumulate(terms, weights);
    const top = new TopK(Math.max(1, k));
    for (let i = 0; i < n; i++) {
      const d = this.#touched[i] as number;
      const s = scores[d] as number;
      scores[d] = 0;
      if (d !== self && s > 1e-12) top.offer(d, s);
    }
    return top;
  }

  /** Adds the query's products' scores into `#scores`; the touched docs are `#touched[0 … n-1]`. */
  #accumulate(terms: readonly number[], weights: readonly number[]): number {
    const scores = this.#scores;
    const touched = this.#touched;
    let nTouched = 0;
    terms.forEach((t, qi) => {
      const qw = weights[qi] as number;
      const end = this.#postStart[t + 1] as number;
      for (let i = this.#postStart[t] as number; i < end; i++) {
        const d = this.#postDocs[i] as number;
        if (scores[d] === 0) touched[nTouched++] = d;
        scores[d] = (scores[d] as number) + qw * (this.#postWeights[i] as number);
      }
    });
    return nTouched;
  }
}
