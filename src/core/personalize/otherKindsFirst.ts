/**
 * "What goes with it?" naming no kind: the items of other kinds than the product it goes with come
 * first (personalizedRecommender.ts ranks a longer list and keeps the first of these). Pure over the
 * catalog index.
 */
import type { CatalogIndex } from '../catalog/catalogIndex.ts';
import { isPlaceName, placeNamed, type Place } from '../intent/places.ts';
import { phrase } from './productText.ts';

/**
 * The items of other kinds than `companion`'s first, those of its place before those of the other
 * ("what goes with the throw pillows?": the sofa and the candle, not the fence), each part in its order.
 * A product's kind is its product type, else its category's leaf; without either, or where the type is
 * a place ("Indoor", "Outdoor"), the last word of its title's name ("Brown Throw Pillows": pillows; the
 * apparel export's "Soft Winter Jacket", no type: jacket), and such a type is its place.
 */
export function otherKindsFirst<T extends { readonly productId: string }>(items: readonly T[], companion: string, index: Pick<CatalogIndex, 'get'>): T[] {
  const kindOf = (id: string): { readonly kind?: string; readonly place?: Place } => {
    const p = index.get(id);
    if (!p) return {};
    const type = phrase(p.productType || p.category.split('>').at(-1) || '');
    if (type !== '' && !isPlaceName(type)) return { kind: type };
    const head = phrase(p.title.split(/\s+(?:with|for|con|para)\s+/i)[0] ?? '').split(' ').at(-1);
    const place = type === '' ? undefined : placeNamed([type]);
    return { ...(place ? { place } : {}), ...(head ? { kind: head } : {}) };
  };
  const own = kindOf(companion);
  if (own.kind === undefined) return [...items];
  // Other kinds of its place (or of none said), then other kinds of the other place, then its own kind.
  const rank = (x: T): number => {
    const k = kindOf(x.productId);
    return k.kind === own.kind ? 2 : own.place !== undefined && k.place !== undefined && k.place !== own.place ? 1 : 0;
  };
  const ranked = items.map((x) => ({ x, r: rank(x) }));
  return [0, 1, 2].flatMap((r) => ranked.filter((y) => y.r === r).map((y) => y.x));
}
