import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { parseCatalogJson } from './jsonImport.ts';

const UCP_PRODUCT = {
  id: 'gid://shopify/Product/8896125829396',
  title: 'Trail Boot',
  url: 'https://shop.example/products/trail-boot?variant=1',
  description: { html: '<p>Rugged &amp; <em>waterproof</em>.</p>' },
  price_range: { min: { amount: 12900, currency: 'USD' }, max: { amount: 12900, currency: 'USD' } },
  categories: [
    { value: 'Footwear', taxonomy: 'merchant' },
    { value: 'Apparel & Accessories > Shoes > Boots', taxonomy: 'shopify' },
  ],
  media: [{ type: 'image', url: 'https://cdn.example/boot.jpg' }, { type: 'video', url: 'https://cdn.example/boot.mp4' }],
  tags: ['hiking', 'Hiking', 'boots'],
  variants: [
    {
      id: 'gid://shopify/ProductVariant/47000000000001',
      title: 'Brown / 42',
      price: { amount: 12900, currency: 'usd' },
      list_price: { amount: 14900, currency: 'USD' },
      availability: { available: true, status: 'in_stock' },
      options: [{ name: 'Colour', label: 'Brown' }, { name: 'Size', label: '42' }],
    },
    {
      id: 'gid://shopify/ProductVariant/47000000000002',
      title: 'Brown / 43',
      price: { amount: 12900, currency: 'USD' },
      availability: { status: 'out_of_stock' },
      options: [{ name: 'Colour', label: 'Brown' }, { name: 'Size', label: '43' }],
    },
  ],
};

describe('parseCatalogJson', () => {
  it('reads the compact form: numeric and GID ids join, decimal prices become minor units', () => {
    const { products, errors } = parseCatalogJson(
      [
        {
          id: 8000000000001,
          title: 'Wool Beanie',
          description: '<p>Warm &amp; soft</p>',
          type: 'Hats',
          tags: 'winter, wool, Winter',
          price: '29.90',
          compareAtPrice: 35,
          images: ['https://cdn.example/a.jpg', { url: 'https://cdn.example/b.jpg' }],
          createdAt: '2025-01-31T10:00:00Z',
        },
        {
          id: 'gid://shopify/Product/8000000000002',
          title: 'Matcha Set',
          currency: 'JPY',
          vendor: 'Kyoto Tea',
          published: false,
          variants: [
            { id: 'gid://shopify/ProductVariant/45000000000001', price: '1500', options: { Colour: 'Green', Talla: 'S' } },
            { id: 45000000000002, title: 'Big', price: 2500, available: false, options: [{ name: 'Size', value: 'L' }] },
          ],
        },
      ],
      { currency: 'USD' },
    );
    assert.deepEqual(errors, []);
    const [beanie, matcha] = products;
    assert.ok(beanie && matcha);
    assert.deepEqual(beanie, {
      id: '8000000000001',
      handle: 'wool-beanie',
      title: 'Wool Beanie',
      description: 'Warm & soft',
      vendor: '',
      productType: 'Hats',
      category: '',
      tags: ['winter', 'wool'],
      options: {},
      variants: [
        {
          id: '8000000000001:1',
          title: 'Default Title',
          price: { amount: 2990, currency: 'USD' },
          compareAtPrice: { amount: 3500, currency: 'USD' },
          available: true,
          options: {},
        },
      ],
      images: ['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg'],
      published: true,
      createdAt: '2025-01-31T10:00:00.000Z',
    });
    assert.equal(matcha.id, '8000000000002');
    assert.equal(matcha.published, false);
    assert.deepEqual(matcha.variants.map((v) => [v.id, v.title, v.price.amount, v.price.currency, v.available]), [
      ['45000000000001', 'Green / S', 1500, 'JPY', true],
      ['45000000000002', 'Big', 2500, 'JPY', false],
    ]);
    assert.deepEqual(matcha.options, { color: ['Green'], size: ['S', 'L'] });
  });

  it('reads UCP products: GID ids normalised, integer minor-unit money, availability, options, categories, media', () => {
    const { products, errors } = parseCatalogJson({ products: [UCP_PRODUCT] }, { currency: 'EUR' });
    assert.deepEqual(errors, []);
    const p = products[0];
    assert.ok(p);
    assert.equal(p.id, '8896125829396');
    assert.equal(p.handle, 'trail-boot');
    assert.equal(p.description, 'Rugged & waterproof.');
    assert.equal(p.category, 'Apparel & Accessories > Shoes > Boots');
    assert.deepEqual(p.tags, ['hiking', 'boots']);
    assert.deepEqual(p.images, ['https://cdn.example/boot.jpg']);
    assert.equal(p.published, true);
    assert.deepEqual(p.options, { color: ['Brown'], size: ['42', '43'] });
    assert.deepEqual(p.variants[0], {
      id: '47000000000001',
      title: 'Brown / 42',
      price: { amount: 12900, currency: 'USD' },
      compareAtPrice: { amount: 14900, currency: 'USD' },
      available: true,
      options: { color: 'Brown', size: '42' },
    });
    assert.equal(p.variants[1]?.available, false);
  });

  it('falls back to price_range for a UCP product without variants', () => {
    const { products } = parseCatalogJson([{ ...UCP_PRODUCT, variants: [] }], { currency: 'USD' });
    assert.deepEqual(products[0]?.variants.map((v) => [v.id, v.price.amount]), [['8896125829396:1', 12900]]);
  });

  it('reports invalid items by index and imports the rest', () => {
    const { products, errors } = parseCatalogJson(
      [
        { id: 1, title: 'Ok', price: 10 },
        { id: 2, price: 10 }, // no title
        'nope',
        { id: 3, title: 'Bad price', price: 'abc' },
        { id: 4, title: 'No price' },
        { ...UCP_PRODUCT, variants: [{ id: 'gid://shopify/ProductVariant/1', price: { amount: 12.5, currency: 'USD' } }] },
        { id: 'gid://shopify/Product/1', title: 'Same id as the first', price: 5 },
        { id: 5, title: 'Ok too', price: 1, createdAt: 'not a date' },
      ],
      { currency: 'USD' },
    );
    assert.deepEqual(products.map((p) => p.id), ['1', '5']);
    assert.deepEqual(errors.map((e) => e.index), [1, 2, 3, 4, 5, 6, 7]);
    assert.match(errors[0]?.message ?? '', /title/);
    assert.match(errors[2]?.message ?? '', /price: invalid amount "abc"/);
    assert.match(errors[4]?.message ?? '', /invalid UCP product: variants\.0\.price\.amount/);
    assert.match(errors[5]?.message ?? '', /duplicate product id "1"/);
    assert.match(errors[6]?.message ?? '', /createdAt/);
    assert.equal(products[1]?.createdAt, undefined);
  });

  it('refuses, item by item, an id that is a GID of another kind or no GID at all (it would be filed under its bare number)', () => {
    const { products, errors } = parseCatalogJson(
      [
        { id: 'gid://shopify/Collection/5', title: 'A collection', price: '1' },
        { id: 'gid://shopify/Product/abc', title: 'No number', price: '1' },
        { id: 'gid://shopify/ProductVariant/7', title: 'A variant as a product', price: '1' },
        { id: 8, title: 'Variant of an order', variants: [{ id: 'gid://shopify/Order/9', price: '2' }] },
        { id: 'gid://shopify/Product/6', title: 'Fine', variants: [{ id: 'gid://shopify/ProductVariant/61', price: '2' }] },
        { ...UCP_PRODUCT, id: 'gid://shopify/Collection/77' },
        { id: 'handle-like-id', title: 'Also fine', price: '3' },
      ],
      { currency: 'USD' },
    );
    assert.deepEqual(products.map((p) => p.id), ['6', 'handle-like-id']);
    assert.deepEqual(errors.map((e) => e.index), [0, 1, 2, 3, 5]);
    assert.match(errors[0]?.message ?? '', /Collection GID, not a Product id/);
    assert.match(errors[1]?.message ?? '', /not a Shopify GID/);
    assert.match(errors[3]?.message ?? '', /variants\.0\.id: .*Order GID/);
  });

  it('rejects input that is not a product list', () => {
    for (const v of [null, 'x', { items: [] }, 42]) {
      assert.throws(
        () => parseCatalogJson(v, { currency: 'USD' }),
        (e: unknown) => isAffinityError(e) && e.code === 'CATALOG_IMPORT_FAILED',
      );
    }
  });
});

describe('parseCatalogJson: who a product is made for', () => {
  it('reads gender and ageGroup with the CSV columns\' values', () => {
    const { products } = parseCatalogJson(
      [
        { id: 1, title: 'Anchor Bracelet', price: '55', gender: 'male', ageGroup: 'adult' },
        { id: 2, title: 'Basic Tee', price: '20', gender: 'unisex' },
        { id: 3, title: 'Kid Tee', price: '12', ageGroup: 'toddler' },
        { id: 4, title: 'Mug', price: '9' },
      ],
      { currency: 'USD' },
    );
    assert.deepEqual(products.map((p) => p.audiences), [['men'], ['women', 'men'], ['kids'], undefined]);
  });
});
