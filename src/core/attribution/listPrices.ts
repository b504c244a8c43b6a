/**
 * A cart or order line that states no price counts at the variant's list price (docs/dashboard.md,
 * "What the revenue figures are"): an agent's `purchased` without `price`, or a server's order report
 * without amounts, is a sale at the catalog's price, not a sale of nothing. Pure.
 *
 * The variant named by the line, else the product's cheapest available variant (what a line naming no
 * variant most likely bought), else its cheapest. A product the catalog does not know keeps no amount:
 * the line, and its order, still count, with no amount known.
 */
import { minPrice, type Product } from '../catalog/product.ts';
import type { EventItem, UserEvent } from '../events/userEvent.ts';

/** The list price of the line's variant (see the module comment), or `undefined`. */
export function listPriceOf(p: Product, variantId?: string): EventItem['price'] {
  const named = variantId === undefined ? undefined : p.variants.find((v) => v.id === variantId);
  return named ? named.price : minPrice(p);
}

/** The event with each cart or order line that states no price priced at its list price (the same object when none changes). */
export function withListPrices(e: UserEvent, product: (id: string) => Product | undefined): UserEvent {
  if ((e.type !== 'purchase' && e.type !== 'add_to_cart') || e.items.every((it) => it.price !== undefined)) return e;
  let changed = false;
  const items = e.items.map((it) => {
    if (it.price !== undefined) return it;
    const p = product(it.productId);
    const price = p ? listPriceOf(p, it.variantId) : undefined;
    if (!price) return it;
    changed = true;
    return { ...it, price };
  });
  return changed ? { ...e, items } : e;
}
