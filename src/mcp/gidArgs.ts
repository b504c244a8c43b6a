/**
 * Id arguments that carry a Shopify GID of the wrong kind. `normalizeId` keeps only a GID's id part
 * (`gid://shopify/Collection/1` and `gid://shopify/Product/1` both become `"1"`), so a collection's or a
 * customer's GID passed as `product_id` would silently name product 1. The tools refuse it instead, with
 * a stable code and a sentence the model can act on. Bare ids and handles are not GIDs and are not
 * checked here. Pure.
 */
import { AffinityError } from '../core/errors.ts';
import { gidKindProblem, PRODUCT_GID_KINDS } from '../core/ids.ts';

export { PRODUCT_GID_KINDS };

/**
 * Throws `VALIDATION_FAILED` when `value` (the argument `arg`) is a Shopify GID of a kind not in
 * `kinds`; anything else passes.
 */
export function requireGidKind(arg: string, value: unknown, kinds: readonly string[]): void {
  const problem = gidKindProblem(value, kinds);
  if (problem) throw new AffinityError('VALIDATION_FAILED', `${arg}: ${problem}`);
}
