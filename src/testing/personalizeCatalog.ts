/**
 * The personalization layer's view of a list of test products (`PersonalizeCatalog`): by id, their
 * feature keys, and the first variant's price in major units, as the catalog index gives them.
 */
import type { Product } from '../core/catalog/product.ts';
import { toMajor } from '../core/money.ts';
import type { PersonalizeCatalog } from '../core/personalize/personalize.ts';
import { featureKeysOf } from '../core/catalog/catalogIndex.ts';

export function personalizeCatalogOf(products: readonly Product[]): PersonalizeCatalog {
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    get: (id) => byId.get(id),
    featureKeys: (id) => {
      const p = byId.get(id);
      return p ? featureKeysOf(p) : [];
    },
    priceMajor: (id) => {
      const v = byId.get(id)?.variants[0];
      return v ? toMajor(v.price) : undefined;
    },
  };
}
