/**
 * Id arguments that carry a Shopify GID of the wrong kind. `normalizeId` keeps only a GID's id part
 * (`gid://shopify/Collection/1` and `gid://shopify/Product/1` both become `"1"`), so a collection's or a
 * customer's GID passed as `product_id` would silently name product 1. The tools refuse it instead, with
 * a stable code and a sentence the model can act on. Bare ids and handles are not GIDs and are not
 * checked here. Pure.
 */
import { AffinityError } from '../core/errors.ts';
import { gidKind } from '../core/ids.ts';

/** What a product id argument may be a GID of (a variant's GID names its product). */
export const PRODUCT_GID_KINDS: readonly string[] = ['Product', 'ProductVariant'];

/**
 * Throws `VALIDATION_FAILED` when `value` (the argument `arg`) is a Shopify GID of a kind not in
 * `kinds`; anything else passes.
 */
export function requireGidKind(arg: string, value: unknown, kinds: readonly string[]): void {
  const kind = gidKind(value);
  if (kind === undefined || kinds.includes(kind)) return;
  const wanted = kinds.map((k) => `gid://shopify/${k}/<id>`).join(' or ');
  throw new AffinityError('VALIDATION_FAILED', `${arg}: ${String(value).slice(0, 200)} is a ${kind} GID, not a ${kinds.join(' or ')} id. Pass a numeric id or ${wanted}.`);
}
