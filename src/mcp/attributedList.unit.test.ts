import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shopLink, withShopLinks } from './attributedList.ts';

describe('links an agent hands to the shopper', () => {
  const shop = 'hx-a.myshopify.com';

  it('puts a storefront path on the shop’s domain, query and fragment kept', () => {
    assert.equal(shopLink('/products/choker-with-bead?aff_rec=AbCdEfGhIjKlMnOp', shop), 'https://hx-a.myshopify.com/products/choker-with-bead?aff_rec=AbCdEfGhIjKlMnOp');
    assert.equal(shopLink('/en-us/products/x#reviews', shop), 'https://hx-a.myshopify.com/en-us/products/x#reviews');
    assert.equal(shopLink('products/x', shop), 'https://hx-a.myshopify.com/products/x');
  });

  it('keeps a URL the catalog gave absolute as it is (another domain too)', () => {
    for (const url of ['https://shop.example.com/products/x?aff_rec=a', 'http://shop.example.com/products/x', 'HTTPS://A.example/x', '//cdn.example.com/products/x']) assert.equal(shopLink(url, shop), url);
  });

  it('makes every url of a tool answer absolute, and only url fields', () => {
    const r = withShopLinks(
      {
        content: [{ type: 'text', text: 'see /products/a' }],
        structuredContent: { items: [{ product_id: 'a', url: '/products/a?aff_rec=x', image: '/cdn/a.png' }], product: { url: 'https://b.example/products/b' }, notes: ['/products/a'] },
      },
      shop,
    );
    assert.deepEqual(r.structuredContent, {
      items: [{ product_id: 'a', url: 'https://hx-a.myshopify.com/products/a?aff_rec=x', image: '/cdn/a.png' }],
      product: { url: 'https://b.example/products/b' },
      notes: ['/products/a'],
    });
    assert.deepEqual(r.content, [{ type: 'text', text: 'see /products/a' }]);
  });

  it('leaves links alone for a shop name that is no domain (default, demo) and for results without structured content', () => {
    const answer = { content: [], structuredContent: { items: [{ url: '/products/a' }] } };
    for (const name of ['default', 'demo', 'localhost', '127.0.0.1']) assert.equal(withShopLinks(answer, name), answer, name);
    const error = { content: [{ type: 'text' as const, text: 'NOT_FOUND' }], isError: true };
    assert.equal(withShopLinks(error, shop), error);
  });
});
