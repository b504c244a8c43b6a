/**
 * Product facts for profile folding: from the shop's catalog when it knows the product, else from the
 * event payload (pixels carry the product's type, vendor and price), so that events about products
 * not yet imported still teach something.
 */
import { featureKeysOf, type CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { toMajor } from '../../core/money.ts';
import type { FactsLookup } from '../../core/profile/fold.ts';

/** A facts lookup bound to one shop's catalog index. */
export function catalogFactsLookup(index: CatalogIndex): FactsLookup {
  return (productId, item) => {
    if (index.has(productId)) {
      const price = index.priceMajor(productId);
      return { featureKeys: index.featureKeys(productId), ...(price !== undefined ? { priceMajor: price } : {}) };
    }
    const keys = featureKeysOf({ productType: item.productType ?? '', vendor: item.vendor ?? '' });
    if (keys.length === 0 && !item.price) return undefined;
    return { featureKeys: keys, ...(item.price ? { priceMajor: toMajor(item.price) } : {}) };
  };
}
