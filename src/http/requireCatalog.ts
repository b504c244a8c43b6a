/**
 * A request for a shop Affinity holds no catalog for is answered with 404 `NO_CATALOG` and what to do,
 * not with an empty list that looks like "nothing to recommend": a misspelt shop name or a skipped
 * catalog import then shows at once. A caller allowed to see every shop is told the closest known
 * name; a shop-scoped key learns nothing about other tenants.
 */
import type { CatalogRegistry } from '../features/catalog/index.ts';
import { closest } from '../core/closest.ts';
import { AffinityError } from '../core/errors.ts';
import type { Principal } from './requestGuard.ts';

/** @throws AffinityError `NO_CATALOG` when `shop` has no catalog */
export function requireCatalog(catalogs: CatalogRegistry, shop: string, principal: Principal | undefined): void {
  if (catalogs.has(shop)) return;
  const seesAll = principal?.kind === 'open' || (principal?.kind === 'key' && principal.key.shop === '*');
  const near = seesAll ? closest(shop, catalogs.knownShops()) : undefined;
  const hint = near ? ` Did you mean ${near}?` : '';
  throw new AffinityError(
    'NO_CATALOG',
    `Shop ${shop} has no catalog in Affinity: import its product CSV export (POST /v1/catalog/products or npx affinity import) or sync it over its catalog MCP first.${hint}`,
  );
}
