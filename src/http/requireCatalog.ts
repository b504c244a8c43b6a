/**
 * A request for a shop Affinity holds no catalog for is answered with 404 `NO_CATALOG` and what to do,
 * not with an empty list that looks like "nothing to recommend": a misspelt shop name or a skipped
 * catalog import then shows at once. A caller allowed to see every shop is told the closest known
 * name; a shop-scoped key learns nothing about other tenants.
 */
import type { CatalogRegistry } from '../app/catalogRegistry.ts';
import { AffinityError } from '../core/errors.ts';
import type { Principal } from './requestGuard.ts';

/** Edit distance between two short strings (shop names), capped at `max + 1`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** @throws AffinityError `NO_CATALOG` when `shop` has no catalog */
export function requireCatalog(catalogs: CatalogRegistry, shop: string, principal: Principal | undefined): void {
  if (catalogs.has(shop)) return;
  const seesAll = principal?.kind === 'open' || (principal?.kind === 'key' && principal.key.shop === '*');
  let hint = '';
  if (seesAll) {
    const max = Math.max(2, Math.floor(shop.length / 4));
    const near = catalogs
      .shops()
      .map((s) => ({ s, d: distance(shop.toLowerCase(), s.toLowerCase(), max) }))
      .filter((x) => x.d <= max)
      .sort((x, y) => x.d - y.d)[0];
    if (near) hint = ` Did you mean ${near.s}?`;
  }
  throw new AffinityError(
    'NO_CATALOG',
    `Shop ${shop} has no catalog in Affinity: import its product CSV export (POST /v1/catalog/products or npx affinity import) or sync it over its catalog MCP first.${hint}`,
  );
}
