/**
 * The product id of a catalog path (`/v1/catalog/products/<id>`), as clients send it. Many send a GID
 * without percent-encoding it (`/v1/catalog/products/gid://shopify/Product/123`): its `/` are then path
 * separators, a proxy that merges slashes (nginx's default) turns `gid://` into `gid:/`, and some write
 * the scheme in capitals. Each of those still names the product. An id that can name no product at all
 * (empty, longer than any id, a GID that is not `gid://shopify/<Kind>/<id>`, an empty path segment) is a
 * client error the caller can fix (400), never a 404 that reads as "this product does not exist".
 */
import { MAX_ID_LENGTH } from '../core/ids.ts';

/** A GID as it may reach a path: either slash count after `gid:`, any case for the scheme, namespace and kind. */
const LOOSE_GID = /^gid:\/{1,2}shopify\/([A-Za-z]+)\/([^/]+)$/i;

/**
 * The names to look the product up by, in order: the id as sent (a catalog id may itself hold a `/`),
 * then, when it is a product GID written loosely (`gid:/shopify/Product/1`, `GID://Shopify/product/1`),
 * its canonical spelling `gid://shopify/Product/1`.
 */
export function productPathNames(raw: string): string[] {
  const m = LOOSE_GID.exec(raw.trim());
  if (!m || m[1]!.toLowerCase() !== 'product') return [raw];
  const canonical = `gid://shopify/Product/${m[2]}`;
  return canonical === raw ? [raw] : [raw, canonical];
}

/**
 * Why the id of a product path can name no product (the route answers 400 `VALIDATION_FAILED`), or
 * `undefined` when it is a well-formed name (an unknown product is then 404). Read only after the
 * lookup failed: a catalog id that happens to look odd still finds its product.
 */
export function productPathProblem(raw: string): string | undefined {
  const id = raw.trim();
  if (id === '') return 'is empty: name the product by its catalog id, numeric id, handle or GID';
  if (id.length > MAX_ID_LENGTH) return `is longer than any product id (${MAX_ID_LENGTH} characters)`;
  // A GID's own `//` is no empty segment; anything else after `gid:` is no GID.
  if (/^gid:/i.test(id)) return LOOSE_GID.test(id) ? undefined : 'is not a well-formed Shopify GID (gid://shopify/Product/<id>, percent-encoded or not)';
  if (id.split('/').some((segment) => segment === '')) return 'has an empty path segment (a leading, trailing or doubled "/")';
  return undefined;
}
