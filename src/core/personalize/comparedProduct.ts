/**
 * Which product a comparative of price names when the shopper names it by a noun phrase ("anything
 * cheaper than the sofa?", "is there anything cheaper than the Dainty Gold Necklace?", "¿algo más
 * barato que la mesa?": intent/pricePreference.ts `extractNamedComparison`). The product discussed
 * (the request's `productId`, else the conversation's) when the words name its kind ("the sofa" of a
 * Yellow Sofa, "la mesa" of a Bedside Table, through the EN/ES synonym table), a word of its title
 * ("the gold one" of a Dainty Gold Necklace) or its whole title; else the one product of the list
 * shown last that the words name so ("the yellow one" of Cream, Grey and Yellow Sofas); else the shop's
 * product whose whole title the words say (namedProducts.ts), or the one whose title and type hold every
 * word ("the dreamcatcher necklace"), or the one of the kind said in the colour said ("el sofá gris").
 * Anything else (a product the shop does not have, a shop) names none: then nothing is capped. Pure
 * over the catalog index.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import type { Product } from '../catalog/product.ts';
import { extractEntities } from '../intent/entities.ts';
import { CATEGORY_SYNONYMS } from '../intent/synonyms.ts';
import { fold } from '../intent/text.ts';
import type { IntentEntities } from '../intent/types.ts';
import { colourField } from './intentScoring.ts';
import { namedProducts } from './namedProducts.ts';
import { phrase } from './productText.ts';
import { relatedKinds } from './sessionContext.ts';

/**
 * The colours a noun phrase names a product by when it says nothing else of it ("the yellow one", "la
 * amarilla", "el gris"): read in English and in Spanish; none when it says more (a kind, a title word).
 */
function saidColours(named: string): string[] {
  for (const lang of ['en', 'es'] as const) {
    const e = extractEntities(named, lang);
    if (e.colours.length === 0 || e.categories.length > 0) continue;
    const rest = namingWords(named).filter((w) => extractEntities(w, lang).colours.length === 0);
    if (rest.length === 0) return [...e.colours];
  }
  return [];
}

/** Words of a noun phrase that name no product ("the one *you showed me*", "*de* oro"). */
const NOT_NAMING = new Set([
  'one', 'ones', 'you', 'i', 'we', 'me', 'u', 'showed', 'show', 'shown', 'sent', 'saw', 'seen', 'have', 'had', 'there', 'here', 'just', 'earlier', 'before', 'that', 'which', 'on', 'in', 'with', 'of', 'for', 'and', 'a', 'an', 'the', 'my', 'your',
  'de', 'del', 'que', 'me', 'mostraste', 'ensenaste', 'vi', 'con', 'en', 'y', 'el', 'la', 'lo', 'los', 'las', 'un', 'una', 'tu', 'su', 'mi', 'ahi', 'aqui', 'antes',
]);

/** The words of a product's title, type and category leaf (folded, singular). */
function ownWords(p: Product): Set<string> {
  return new Set(phrase([p.title, p.productType, p.category.split(/>|\//).at(-1) ?? ''].join(' ')).split(' ').filter((w) => w !== ''));
}

/** The words of a noun phrase that may name a product (folded, singular; not {@link NOT_NAMING}). */
export function namingWords(named: string): string[] {
  return phrase(named).split(' ').filter((w) => w !== '' && !NOT_NAMING.has(w));
}

/** Whether the words name `p`: its whole title, one of its kinds, or (every naming word) words of its title and type. */
export function namesProduct(named: string, p: Product): boolean {
  const said = ` ${phrase(named)} `;
  const title = phrase(p.title);
  if (title !== '' && said.includes(` ${title} `)) return true;
  const own = ownWords(p);
  // A kind of the synonym table, in either language: "mesa" → tables, "collar de pájaro" → necklaces.
  const kinds = new Set([...extractEntities(named, 'en').categories, ...extractEntities(named, 'es').categories].map((k) => phrase(k)));
  if ([...kinds].some((k) => k !== '' && k.split(' ').every((w) => own.has(w)))) return true;
  const words = namingWords(named);
  return words.length > 0 && words.every((w) => own.has(w));
}

/** Search hits read to find the product a noun phrase names. */
export const SEARCHED = 12;

/**
 * The one product of the shop whose title, type and category words hold every naming word of `np`
 * ("dreamcatcher necklace" of the Dreamcatcher Pendant Necklace, "the tuxedo" of a shop's only
 * tuxedo; its kind alone names every product of the kind): `undefined` when none or several do.
 */
export function productWithWords(np: string, index: CatalogIndex): Product | undefined {
  const words = namingWords(np);
  if (words.length === 0) return undefined;
  const hits = index
    .search(words.join(' '), SEARCHED)
    .map((h) => index.get(h.productId))
    .filter((p): p is Product => p !== undefined && words.every((w) => ownWords(p).has(w)));
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * The product a comparative's noun phrase names: `discussed` when the words name it ({@link
 * namesProduct}), else the shop's product whose whole title the words say. `undefined`: none.
 */
export function comparedProduct(named: string, discussed: Product | undefined, index: CatalogIndex, shown: readonly string[] = []): Product | undefined {
  if (discussed && namesProduct(named, discussed)) return discussed;
  // "Cheaper than the yellow one" ("que la amarilla") after a list of sofas: the one product of the list
  // the words name, by its title or by the colour its title says.
  const colours = shown.length > 0 ? saidColours(named) : [];
  const inList = shown.flatMap((id) => {
    const p = index.get(id);
    if (!p || p === discussed) return [];
    return namesProduct(named, p) || (colours.length > 0 && colours.every((c) => colourField(p, c) === 'title')) ? [p] : [];
  });
  if (inList.length === 1) return inList[0];
  return namedProducts(named, index)[0] ?? productWithWords(named, index) ?? byKindAndColour(named, index);
}

/**
 * The one product of the shop of the kind the words say, in the colour they say by its title: "el sofá
 * gris" of the Grey Sofa, "la maceta blanca" of the White Ceramic Pot. `undefined` when none or several.
 */
function byKindAndColour(named: string, index: CatalogIndex): Product | undefined {
  for (const lang of ['en', 'es'] as const) {
    const e = extractEntities(named, lang);
    if (e.categories.length === 0 || e.colours.length === 0) continue;
    // The kind by any English name of its group or the word shops name it by ("planters": "plant pot", "pot").
    const kinds = e.categories.flatMap((k) => {
      const group = CATEGORY_SYNONYMS.find((g) => g.en[0] === k);
      return [k, ...(group?.en ?? []), ...(group?.heads ?? [])].map((n) => phrase(n).split(' ')).filter((ws) => ws.length > 0 && ws[0] !== '');
    });
    const hits = index.all().filter((p) => {
      const own = ownWords(p);
      return kinds.some((ws) => ws.every((w) => own.has(w))) && e.colours.every((c) => colourField(p, c) === 'title');
    });
    if (hits.length === 1) return hits[0];
  }
  return undefined;
}

/**
 * The turn's entities without the kinds, colours and materials said only inside the words that name
 * the compared product: "anything cheaper than the Classic Leather Jacket?" asks for something cheaper,
 * not for leather ("the gold one" names a product, it does not wish for gold), and "¿algo más barato
 * que la regadera?" does not ask for watering cans (the compared product's kind is then a preference
 * only: personalize.ts `withAnchorKind`). A kind, colour or material said elsewhere in the message too
 * ("a leather one cheaper than the Classic Leather Jacket", "a rug cheaper than the sofa") stays. With
 * several names (the products of a pair compared), what is said outside all of them stays. Pure.
 */
export function withoutComparandLook(e: IntentEntities, text: string, named: string | readonly string[]): IntentEntities {
  if (e.colours.length === 0 && (e.materials?.length ?? 0) === 0 && e.categories.length === 0) return e;
  const names = (typeof named === 'string' ? [named] : named).filter((n) => n !== '');
  const look = (t: string) => {
    const both = [extractEntities(t, 'en'), extractEntities(t, 'es')];
    return {
      colours: new Set(both.flatMap((x) => x.colours)),
      materials: new Set(both.flatMap((x) => x.materials ?? [])),
      kinds: both.flatMap((x) => x.categories),
    };
  };
  const inNamed = look(names.join(' . '));
  // Every name taken out of the words (two compared products may share a colour: "the dainty gold
  // necklace or the pretty gold necklace" wishes for no gold).
  let outside = fold(text);
  for (const n of names) outside = outside.split(n).join(' . ');
  const elsewhere = look(outside);
  const colours = e.colours.filter((c) => !inNamed.colours.has(c) || elsewhere.colours.has(c));
  const materials = (e.materials ?? []).filter((m) => !inNamed.materials.has(m) || elsewhere.materials.has(m));
  // A kind the shop's vocabulary spells its own way ("Watering Cans") is the one read in the words when
  // related; one of its own words only (a tag: "Galaxy" of the Galaxy Earrings), where its words are said.
  const namedWords = ` ${phrase(names.join(' . '))} `;
  const outsideWords = ` ${phrase(outside)} `;
  const said = (kinds: readonly string[], words: string, c: string) => kinds.some((k) => relatedKinds(k, c) || phrase(k) === phrase(c)) || words.includes(` ${phrase(c)} `);
  const categories = e.categories.filter((c) => !said(inNamed.kinds, namedWords, c) || said(elsewhere.kinds, outsideWords, c));
  if (colours.length === e.colours.length && materials.length === (e.materials?.length ?? 0) && categories.length === e.categories.length) return e;
  const { materials: _m, soft, purposes, ...rest } = e;
  const keptSoft = categories.length === 0 ? soft?.filter((k) => k !== 'category') : soft;
  return {
    ...rest,
    categories,
    colours,
    ...(materials.length > 0 ? { materials } : {}),
    ...(keptSoft && keptSoft.length > 0 ? { soft: keptSoft } : {}),
    ...(categories.length > 0 && purposes ? { purposes } : {}),
  };
}
