/**
 * Builds a shop's {@link CatalogVocabulary} from its products (category paths, product types, vendors,
 * tags, and the kind a title names when the product's type does not name one).
 */
import type { Product } from '../catalog/product.ts';
import { compileVocabulary, findCategories, phraseKey } from './catalogVocabulary.ts';
import { detectLanguage } from './language.ts';
import { CATEGORY_SYNONYMS } from './synonyms.ts';
import { fold, tokens, type Token } from './text.ts';
import type { CatalogVocabulary } from './types.ts';

/** What the vocabulary reads of a product (the title, when given, for its kind). */
type CatalogProduct = Pick<Product, 'category' | 'productType' | 'vendor' | 'tags'> & Partial<Pick<Product, 'title'>>;

/** Most tags kept (the most frequent ones). */
export const MAX_VOCABULARY_TAGS = 2000;

/**
 * Distinct non-empty category paths, product types that are not already a path's leaf ("Running
 * Shoes" next to "… > Running Shoes"), vendors and the most frequent tags, in first-seen order. A
 * product whose type and category name no kind of the synonym table (no type at all, or "Indoor" /
 * "Outdoor") adds the kind its title names ({@link titleKind}) to the tags, unless a tag says it already:
 * the Shopify apparel demo has no types, so "shoes" can only reach "LED High Tops" through its title.
 */
export function vocabularyFromProducts(products: readonly CatalogProduct[]): CatalogVocabulary {
  const steps = vocabularySteps(products);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** The table's vocabulary alone, to read titles and types with. */
const TABLE_ONLY = compileVocabulary(undefined);

/** Phrase keys of the table's place terms (a room, the garden: what products are for, not kinds). */
const PLACE_KEYS = new Set(CATEGORY_SYNONYMS.filter((g) => g.place).flatMap((g) => [...g.en, ...g.es].map(phraseKey)));

/** Kinds (not places) of the synonym table a phrase names, as token spans. */
function kindsIn(toks: readonly Token[]): { from: number; to: number }[] {
  return findCategories(toks, TABLE_ONLY).filter((m) => !PLACE_KEYS.has(phraseKey(toks.slice(m.from, m.to).map((t) => t.w).join(' '))));
}

/** Whether a product type or category leaf names a kind of the table ("Bracelet", "Shirts & Tops"; not "Indoor", "Outdoor"). */
function namesKind(text: string): boolean {
  return text !== '' && kindsIn(tokens(fold(text))).length > 0;
}

/** Where a title's head phrase ends: a connector, a preposition or a separator ("Choker with Bead", "Mesa de Jardín", "Skirt and Top"). */
const TITLE_BREAK = new Set(['with', 'w', 'for', 'in', 'by', 'and', 'con', 'para', 'sin', 'de', 'del', 'en', 'y']);
/** Words that may follow an English title's kind ("Anchor Bracelet Mens"). */
const AUDIENCE_WORDS = new Set(['men', 'mens', 'man', 'women', 'womens', 'woman', 'kids', 'kid', 'boys', 'girls', 'unisex', 'ladies']);

/**
 * The kind a product title names, as written ("Copper Light" → "Light", "LED High Tops" → "High Tops",
 * "Lámpara Cobre" → "Lámpara"), or undefined. Only the head phrase counts (up to the first connector or
 * separator); its head is its last kind in English ("Dark Denim Top" is a Top, not Denim; "Shoe Rack"
 * has none: "Shoe" is followed by a word) and its first in Spanish.
 */
export function titleKind(title: string): string | undefined {
  const nfc = title.normalize('NFC');
  const folded = fold(nfc);
  const all = tokens(folded);
  let end = all.findIndex((t, i) => i > 0 && (TITLE_BREAK.has(t.w) || /[-–|,(/:]/.test(folded.slice((all[i - 1] as Token).end, t.start))));
  if (end < 0) end = all.length;
  const head = all.slice(0, end);
  const kinds = kindsIn(head);
  if (kinds.length === 0) return undefined;
  let pick: { from: number; to: number } | undefined;
  if (detectLanguage(nfc) === 'es') pick = kinds[0];
  else {
    const last = kinds.at(-1) as { from: number; to: number };
    if (head.slice(last.to).every((t) => AUDIENCE_WORDS.has(t.w))) pick = last;
  }
  if (!pick) return undefined;
  return nfc.slice((head[pick.from] as Token).start, (head[pick.to - 1] as Token).end);
}

/** Products read per step of {@link vocabularySteps}. */
const STEP = 500;

/**
 * {@link vocabularyFromProducts} a step at a time (up to 500 products per step), so a catalog load
 * can build the shop's vocabulary in slices off the request path; the last step returns it.
 */
export function* vocabularySteps(products: readonly CatalogProduct[]): Generator<void, CatalogVocabulary> {
  const categories = new Set<string>();
  const types = new Set<string>();
  const vendors = new Set<string>();
  const tagCounts = new Map<string, number>();
  /** Title kinds by phrase key: the first spelling seen and how many products name it. */
  const titleKinds = new Map<string, { text: string; n: number }>();
  /** Whether a type or category leaf names a kind, per distinct text (a shop has few). */
  const kindOf = new Map<string, boolean>();
  const typeNamesKind = (text: string): boolean => {
    let k = kindOf.get(text);
    if (k === undefined) kindOf.set(text, (k = namesKind(text)));
    return k;
  };
  for (let i = 0; i < products.length; i++) {
    if (i > 0 && i % STEP === 0) yield;
    const p = products[i] as CatalogProduct;
    const c = p.category.trim();
    if (c) categories.add(c);
    const t = p.productType.trim();
    if (t) types.add(t);
    const v = p.vendor.trim();
    if (v) vendors.add(v);
    for (const tag of p.tags) {
      const k = tag.trim();
      if (k) tagCounts.set(k, (tagCounts.get(k) ?? 0) + 1);
    }
    if (p.title && !typeNamesKind(t) && !typeNamesKind(c.split(/>|\//).at(-1)?.trim() ?? '')) {
      const kind = titleKind(p.title);
      if (kind !== undefined) {
        const k = phraseKey(kind);
        const held = titleKinds.get(k);
        if (held) held.n++;
        else titleKinds.set(k, { text: kind, n: 1 });
      }
    }
  }
  const leaves = new Set([...categories].map((c) => phraseKey(c.split('>').at(-1) ?? '')));
  for (const t of types) if (!leaves.has(phraseKey(t))) categories.add(t);
  const tags = [...tagCounts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_VOCABULARY_TAGS)
    .map(([k]) => k);
  // A title's kind stands as a tag of the shop (matched as a whole phrase) unless a tag already says it.
  const tagKeys = new Set(tags.map(phraseKey));
  for (const { text } of [...titleKinds.values()].sort((a, b) => b.n - a.n)) if (!tagKeys.has(phraseKey(text))) tags.push(text);
  return { categories: [...categories], vendors: [...vendors], tags };
}
