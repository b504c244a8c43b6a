import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { productPathNames, productPathProblem } from './productPathId.ts';

describe('the product id of a catalog path', () => {
  it('adds the canonical spelling of a loosely written product GID, after the id as sent', () => {
    assert.deepEqual(productPathNames('gid:/shopify/Product/101'), ['gid:/shopify/Product/101', 'gid://shopify/Product/101']);
    assert.deepEqual(productPathNames('GID://SHOPIFY/PRODUCT/8896125829396'), ['GID://SHOPIFY/PRODUCT/8896125829396', 'gid://shopify/Product/8896125829396']);
    assert.deepEqual(productPathNames(' gid://shopify/product/7 '), [' gid://shopify/product/7 ', 'gid://shopify/Product/7']);
  });

  it('looks every other id up as sent only', () => {
    for (const id of ['gid://shopify/Product/101', 'gid:/shopify/ProductVariant/101', 'gid://shopify/Collection/5', '101', 'ridge-boot', 'sku/7', 'gid://shopify/Product/1/2', 'product/101']) {
      assert.deepEqual(productPathNames(id), [id], id);
    }
  });

  it('finds a problem in an id that can name no product', () => {
    for (const id of ['', '   ', 'x'.repeat(201), 'gid://shopify/Product/', 'gid://shopify/Product/1/2', 'gid:shopify/Product/1', 'gid:///shopify/Product/1', 'gid://other/Product/1', 'gid:', '/101', '101/', 'a//b']) {
      assert.ok(productPathProblem(id), JSON.stringify(id));
    }
  });

  it('finds none in a well-formed name, whether a product has it or not', () => {
    for (const id of ['101', 'ridge-boot', 'sku/7', 'a/b', 'x'.repeat(200), 'gid://shopify/Product/101', 'gid:/shopify/Product/101', 'GID://Shopify/ProductVariant/901', 'gid://shopify/Collection/5', 'gidget', 'Über-Tee']) {
      assert.equal(productPathProblem(id), undefined, id);
    }
  });
});
