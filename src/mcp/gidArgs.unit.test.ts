import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../core/errors.ts';
import { PRODUCT_GID_KINDS, requireGidKind } from './gidArgs.ts';

describe('GID kinds of id arguments', () => {
  it('refuses a GID of another kind with VALIDATION_FAILED and a sentence naming the argument and the kind', () => {
    for (const [value, kind] of [['gid://shopify/Collection/1', 'Collection'], ['gid://shopify/Customer/7', 'Customer'], [' gid://shopify/Order/9 ', 'Order']]) {
      assert.throws(
        () => requireGidKind('product_id', value, PRODUCT_GID_KINDS),
        (err: unknown) => {
          assert.ok(isAffinityError(err) && err.code === 'VALIDATION_FAILED');
          assert.match((err as Error).message, new RegExp(`^product_id: .* is a ${kind} GID, not a Product or ProductVariant id\\. Pass a numeric id or gid://shopify/Product/<id> or gid://shopify/ProductVariant/<id>\\.$`));
          return true;
        },
        String(value),
      );
    }
  });

  it('accepts the kinds asked for, bare ids and handles (which are no GIDs)', () => {
    for (const value of ['gid://shopify/Product/1', 'gid://shopify/ProductVariant/2', '1', 1, 'choker-with-bead', 'collection-1', undefined]) {
      assert.doesNotThrow(() => requireGidKind('product_id', value, PRODUCT_GID_KINDS), String(value));
    }
    assert.throws(() => requireGidKind('variant_id', 'gid://shopify/Product/1', ['ProductVariant']), /variant_id: .* is a Product GID/);
  });
});
