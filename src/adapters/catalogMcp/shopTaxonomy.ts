/**
 * A shop's category ids and their names. On Shopify, `categories[].value` of a catalog product is a
 * Standard Product Taxonomy id (`aa-8-1`) or its GID (`gid://shopify/TaxonomyCategory/aa-8-1`), and a
 * category filter matches those values, not names (docs/shopify.md §0). Affinity speaks names (a CSV
 * export's `Product Category` is a name path, and so are agents' requests), so the client needs to
 * know which id a name stands for. Nothing in the protocol says; the pairs are learned where both are
 * seen for the same product: the catalog sync matches each synced product with Affinity's copy of it
 * (`reconcileSynced`). Pure, per shop, in memory (relearned at every sync).
 */

const GID_PREFIX = 'gid://shopify/TaxonomyCategory/';
/** A Shopify taxonomy id (`aa`, `aa-8`, `aa-8-1`), its GID, or a numeric (Google) category id. */
const ID = /^(?:gid:\/\/shopify\/TaxonomyCategory\/)?[a-z]{2}(?:-\d+)*$|^\d+$/;

/** Whether a category value is an id rather than a name. */
export function isCategoryId(value: string): boolean {
  return ID.test(value.trim());
}

/** A taxonomy id without its GID prefix. */
export function bareCategoryId(value: string): string {
  const v = value.trim();
  return v.startsWith(GID_PREFIX) ? v.slice(GID_PREFIX.length) : v;
}

const lower = (s: string): string => s.trim().toLowerCase();

/** Category ids ↔ names of one shop. */
export class ShopTaxonomy {
  readonly #names = new Map<string, string>();
  #scheme: 'ids' | 'names' = 'ids';

  /**
   * How the shop's category filters work: `ids` (Shopify; the default) or `names` (a UCP server whose
   * products carry category names, seen in its answers).
   */
  get scheme(): 'ids' | 'names' {
    return this.#scheme;
  }

  /** Pairs known. */
  get size(): number {
    return this.#names.size;
  }

  /** Records that `id` is the category named `name` (a path such as `Apparel & Accessories > Shoes`). */
  learn(id: string, name: string): void {
    if (!isCategoryId(id) || name.trim() === '' || isCategoryId(name)) return;
    this.#names.set(bareCategoryId(id), name.trim());
  }

  /** Notes a category value seen in the shop's answers (a name means the shop filters by names). */
  observe(value: string): void {
    if (value.trim() !== '' && !isCategoryId(value)) this.#scheme = 'names';
  }

  /** The name of a category id, when learned. */
  nameOf(id: string): string | undefined {
    return this.#names.get(bareCategoryId(id));
  }

  /**
   * The ids a category filter value stands for: itself when it is an id; for a name, every known id
   * whose name is that path or has it as one of its segments (the same rule as Affinity's own filter).
   */
  idsFor(value: string): string[] {
    if (isCategoryId(value)) return [value.trim()];
    const want = lower(value);
    const out: string[] = [];
    for (const [id, name] of this.#names) {
      const path = lower(name);
      if (path === want || path.split('>').some((s) => s.trim() === want)) out.push(id);
    }
    return out;
  }
}
