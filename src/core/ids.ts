/**
 * Identifier normalisation. Shopify sends the same product as a numeric string in pixels
 * ("8896125829396"), as a GID in UCP/Storefront payloads ("gid://shopify/Product/8896125829396")
 * and as a number in REST webhooks. Everything inside Affinity uses the bare id so that all of
 * them join.
 */

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/([^/?#]+)(?:[?#].*)?$/;

/** The kinds of Shopify object whose ids we normalise. */
export type GidKind = 'Product' | 'ProductVariant' | 'Customer' | 'Order' | 'Collection' | 'Market';

/**
 * Normalises a Shopify id: `gid://shopify/Product/123`, `"123"` and `123` all become `"123"`.
 * Non-Shopify ids (a handle, an external SKU) are kept as they are, trimmed.
 * Returns `undefined` for null, undefined, empty strings and non-finite numbers.
 */
export function normalizeId(raw: unknown): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number') {
    return Number.isFinite(raw) && Number.isInteger(raw) && raw >= 0 ? String(raw) : undefined;
  }
  if (typeof raw === 'bigint') return raw >= 0n ? raw.toString() : undefined;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  const m = GID.exec(s);
  if (m) return decodeURIComponent(m[2] as string);
  return s;
}

/** Builds the GID form of a normalised id, for talking back to Shopify surfaces that want GIDs. */
export function toGid(kind: GidKind, id: string): string {
  return /^\d+$/.test(id) ? `gid://shopify/${kind}/${id}` : id;
}
