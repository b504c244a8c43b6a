/**
 * A catalog store that holds nothing and accepts every write without keeping it: for tests of parts
 * that need a `CatalogStore` to be built and never read a catalog (the role nodes' shared state).
 */
import type { CatalogStore } from '../core/ports.ts';

export const EMPTY_CATALOG_STORE: CatalogStore = {
  upsertProducts: async () => undefined,
  listProducts: async () => [],
  removeProducts: async () => [],
  applyStampedChanges: async () => [],
  listCatalogShops: async () => [],
  catalogVersions: async () => ({}),
  productLinks: async () => new Map(),
  saveProductLinks: async () => undefined,
  productLinksVersions: async () => ({}),
};
