/**
 * Category ids for the simulator's products, in the shape of Shopify's Standard Product Taxonomy: a
 * two-letter vertical code and the position of each level below it (`aa`, `aa-2`, `aa-2-1`). On
 * Shopify a catalog product's `categories[].value` is such an id (or its GID), and category filters
 * match those values, not names (docs/shopify.md §0). The ids are made up here from the catalog's own
 * category paths, deterministically; they have Shopify's shape, not Shopify's numbering. Pure.
 */

/** A two-letter code for a vertical name ("Apparel & Accessories" → `aa`), unique among `used`. */
function verticalCode(name: string, used: ReadonlySet<string>): string {
  const words = name.toLowerCase().split(/[^a-z]+/).filter((w) => w !== '' && w !== 'and');
  const letters = words.join('');
  const candidates = [
    words.length > 1 ? `${words[0]?.[0]}${words[1]?.[0]}` : letters.slice(0, 2),
    ...[...letters.slice(1)].map((c) => `${letters[0] ?? 'x'}${c}`),
  ].filter((c) => /^[a-z]{2}$/.test(c));
  for (const c of candidates) if (!used.has(c)) return c;
  for (let a = 0; a < 26; a++) {
    for (let b = 0; b < 26; b++) {
      const c = String.fromCharCode(97 + a, 97 + b);
      if (!used.has(c)) return c;
    }
  }
  throw new RangeError('more than 676 verticals');
}

/** Taxonomy ids of category paths (`A > B > C`), by path; an empty path has none. */
export function taxonomyIds(paths: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const codes = new Map<string, string>();
  const children = new Map<string, Map<string, string>>();
  for (const path of paths) {
    const parts = path.split('>').map((s) => s.trim()).filter((s) => s !== '');
    if (parts.length === 0 || out.has(path)) continue;
    const top = parts[0] as string;
    let id = codes.get(top.toLowerCase());
    if (!id) {
      id = verticalCode(top, new Set(codes.values()));
      codes.set(top.toLowerCase(), id);
    }
    for (const part of parts.slice(1)) {
      let level = children.get(id);
      if (!level) children.set(id, (level = new Map()));
      let child = level.get(part.toLowerCase());
      if (!child) level.set(part.toLowerCase(), (child = `${id}-${level.size + 1}`));
      id = child;
    }
    out.set(path, id);
  }
  return out;
}
