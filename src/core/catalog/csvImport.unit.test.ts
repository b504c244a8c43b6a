import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { htmlToText, normalizeOptionName, parseShopifyCsv } from './csvImport.ts';

const LEGACY = [
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Variant Compare At Price,Image Src,Variant Image,Product Category,Status',
  'trail-boot,Trail Boot,"<p>Rugged <b>waterproof</b> boot &amp; more</p>",Northpeak,Hiking Boots,"hiking, boots, Hiking",true,Colour,Brown,Size,42,TB-BR-42,shopify,3,deny,129.00,149.00,https://img.test/tb1.jpg,,Apparel & Accessories > Shoes > Boots,active',
  'trail-boot,,,,,,,,Brown,,43,TB-BR-43,shopify,0,deny,129.00,149.00,,,,',
  'trail-boot,,,,,,,,Black,,42,TB-BK-42,shopify,0,continue,119.00,,,https://img.test/tb-black.jpg,,',
  'trail-boot,,,,,,,,,,,,,,,,,https://img.test/tb2.jpg,,,',
  'camp-mug,Camp Mug,Enamel mug,Cairn,Drinkware,camping,true,Title,Default Title,,,,,,deny,12.5,,https://img.test/mug.jpg,,,draft',
].join('\n');

const CURRENT = [
  'Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Option2 name,Option2 value,Price,Compare-at price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Product image URL,Variant image URL,Price / International,Compare-at price / International,Included / International',
  'Trail Boot,trail-boot,"<p>Rugged <b>waterproof</b> boot &amp; more</p>",Northpeak,Apparel & Accessories > Shoes > Boots,Hiking Boots,"hiking, boots, Hiking",TRUE,Active,TB-BR-42,Color,Brown,Size,42,129.00,149.00,shopify,3,FALSE,https://img.test/tb1.jpg,,139.00,159.00,TRUE',
  ',trail-boot,,,,,,,,TB-BR-43,,Brown,,43,129.00,149.00,shopify,0,FALSE,,,139.00,,',
  ',trail-boot,,,,,,,,TB-BK-42,,Black,,42,119.00,,shopify,0,TRUE,,https://img.test/tb-black.jpg,,,',
  ',trail-boot,,,,,,,,,,,,,,,,,,https://img.test/tb2.jpg,,,,',
  'Camp Mug,camp-mug,Enamel mug,Cairn,,Drinkware,camping,TRUE,Draft,,Title,Default Title,,,12.5,,,,FALSE,https://img.test/mug.jpg,,,,',
].join('\n');

describe('parseShopifyCsv', () => {
  it('reads the legacy dialect: grouping, options, availability, images, publishing', () => {
    const { products, errors } = parseShopifyCsv(LEGACY, { currency: 'USD' });
    assert.deepEqual(errors, []);
    assert.equal(products.length, 2);
    const boot = products[0];
    assert.ok(boot);
    assert.equal(boot.id, 'trail-boot');
    assert.equal(boot.handle, 'trail-boot');
    assert.equal(boot.title, 'Trail Boot');
    assert.equal(boot.description, 'Rugged waterproof boot & more');
    assert.equal(boot.vendor, 'Northpeak');
    assert.equal(boot.productType, 'Hiking Boots');
    assert.equal(boot.category, 'Apparel & Accessories > Shoes > Boots');
    assert.deepEqual(boot.tags, ['hiking', 'boots']);
    assert.equal(boot.published, true);
    assert.deepEqual(boot.options, { color: ['Brown', 'Black'], size: ['42', '43'] });
    assert.deepEqual(
      boot.variants.map((v) => [v.id, v.title, v.price.amount, v.compareAtPrice?.amount, v.available]),
      [
        ['TB-BR-42', 'Brown / 42', 12900, 14900, true], // in stock
        ['TB-BR-43', 'Brown / 43', 12900, 14900, false], // tracked, 0, deny
        ['TB-BK-42', 'Black / 42', 11900, undefined, true], // 0 but continue selling
      ],
    );
    assert.deepEqual(boot.variants[0]?.options, { color: 'Brown', size: '42' });
    // The image-only continuation row adds an image, not a variant.
    assert.deepEqual(boot.images, ['https://img.test/tb1.jpg', 'https://img.test/tb-black.jpg', 'https://img.test/tb2.jpg']);

    const mug = products[1];
    assert.ok(mug);
    assert.equal(mug.published, false, 'draft status unpublishes');
    assert.deepEqual(mug.options, {});
    assert.equal(mug.variants.length, 1);
    assert.deepEqual(mug.variants[0], {
      id: 'camp-mug:1',
      title: 'Default Title',
      price: { amount: 1250, currency: 'USD' },
      available: true, // inventory not tracked
      options: {},
    });
  });

  it('gives the same products for the current dialect, with Price / <Market> kept apart', () => {
    const legacy = parseShopifyCsv(LEGACY, { currency: 'USD' });
    const current = parseShopifyCsv(CURRENT, { currency: 'USD' });
    assert.deepEqual(current.errors, []);
    assert.deepEqual(current.products, legacy.products);
    assert.deepEqual(legacy.marketPrices, []);
    assert.deepEqual(current.marketPrices, [
      { productId: 'trail-boot', variantId: 'TB-BR-42', market: 'International', price: '139.00', compareAtPrice: '159.00', included: true },
      { productId: 'trail-boot', variantId: 'TB-BR-43', market: 'International', price: '139.00', included: true },
      { productId: 'trail-boot', variantId: 'TB-BK-42', market: 'International', included: true },
    ]);
  });

  it('matches headers case-insensitively and tolerates extra whitespace', () => {
    const csv = '  HANDLE ,  title,variant   PRICE ,Option1 NAME,option1 value\nhat,Sun Hat,20,Colour,Red\nhat,,20,,Blue\n';
    const { products, errors } = parseShopifyCsv(csv, { currency: 'EUR' });
    assert.deepEqual(errors, []);
    assert.deepEqual(products[0]?.options, { color: ['Red', 'Blue'] });
    assert.deepEqual(products[0]?.variants[1]?.price, { amount: 2000, currency: 'EUR' });
  });

  it('reports malformed rows with their file line (after a multi-line quoted field) and imports the rest', () => {
    const csv = [
      'Handle,Title,Body (HTML),Variant Price,Option1 Name,Option1 Value', // 1
      'a,Product A,"line one', // 2
      'line two', // 3
      'line three",10.00,Size,S', // 4
      'a,,,abc,,M', // 5: invalid price
      ',,,5,,', // 6: neither handle nor title
      'b,Product B,,7.5,Size,S', // 7
      '', // 8: blank
      'b,,,8.5,,S', // 9: duplicate options
      'a,,,11.00,,L', // 10
    ].join('\n');
    for (const text of [csv, csv.replace(/\n/g, '\r\n')]) {
      const { products, errors } = parseShopifyCsv(text, { currency: 'USD' });
      assert.deepEqual(errors.map((e) => e.line), [5, 6, 9]);
      assert.match(errors[0]?.message ?? '', /invalid price "abc"/);
      assert.match(errors[2]?.message ?? '', /Duplicate variant .*line 7/);
      assert.deepEqual(products.map((p) => [p.id, p.variants.map((v) => v.title)]), [
        ['a', ['S', 'L']],
        ['b', ['S']],
      ]);
      assert.equal(products[0]?.description, 'line one line two line three');
    }
  });

  it('skips a product whose variant rows are all invalid and says so', () => {
    const csv = 'Handle,Title,Variant Price\nx,X,oops\ny,Y,3\n';
    const { products, errors } = parseShopifyCsv(csv, { currency: 'USD' });
    assert.deepEqual(products.map((p) => p.id), ['y']);
    assert.deepEqual(errors.map((e) => e.line), [2, 2]);
    assert.match(errors.map((e) => e.message).join(' '), /skipped: all its variant rows are invalid/);
  });

  it('derives the handle from the title when the handle is missing, and uses minor units of the currency', () => {
    const csv = 'Title,URL handle,Price\nCafé Crème Set,,1500\n';
    const { products } = parseShopifyCsv(csv, { currency: 'JPY' });
    assert.equal(products[0]?.id, 'cafe-creme-set');
    assert.deepEqual(products[0]?.variants[0]?.price, { amount: 1500, currency: 'JPY' });
  });

  it('treats Published false and archived status as unpublished', () => {
    const csv = 'Handle,Title,Published,Status,Variant Price\np,P,false,active,1\nq,Q,true,archived,1\nr,R,,,1\n';
    const { products } = parseShopifyCsv(csv, { currency: 'USD' });
    assert.deepEqual(products.map((p) => p.published), [false, false, true]);
  });

  it('rejects a file without a recognisable header', () => {
    for (const text of ['', 'foo,bar\n1,2\n', 'Title\nOnly a title\n']) {
      assert.throws(
        () => parseShopifyCsv(text, { currency: 'USD' }),
        (e: unknown) => isAffinityError(e) && e.code === 'CATALOG_IMPORT_FAILED',
      );
    }
  });

  it('rejects text that is not valid CSV (an unclosed quote)', () => {
    assert.throws(
      () => parseShopifyCsv('Handle,Title,Variant Price\na,"A,1\n', { currency: 'USD' }),
      (e: unknown) => isAffinityError(e) && e.code === 'CATALOG_IMPORT_FAILED',
    );
  });
});

describe('normalizeOptionName', () => {
  it('folds spelling and language variants', () => {
    assert.equal(normalizeOptionName(' Colour '), 'color');
    assert.equal(normalizeOptionName('COLOR'), 'color');
    assert.equal(normalizeOptionName('Talla'), 'size');
    assert.equal(normalizeOptionName('Größe'), 'size');
    assert.equal(normalizeOptionName('Tamaño'), 'size');
    assert.equal(normalizeOptionName('Band  Width'), 'band width');
  });
});

describe('htmlToText', () => {
  it('strips tags, scripts and comments and decodes entities', () => {
    const html = '<h2>Fit</h2><ul><li>Slim&nbsp;fit</li><li>It&#39;s &quot;new&quot; &#x2014; 100&percnt;</li></ul><script>alert(1)</script><!-- x -->';
    assert.equal(htmlToText(html), 'Fit Slim fit It\'s "new" — 100&percnt;');
  });
});

describe('parseShopifyCsv: who a product is made for', () => {
  it('reads Google Shopping / Gender and Age Group, and the category metafields of the current dialect', () => {
    const legacy = [
      'Handle,Title,Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant Price,Google Shopping / Gender,Google Shopping / Age Group',
      'anchor,Anchor Bracelet,Solo,Bracelet,,true,Title,Default Title,55,male,adult',
      'tee,Basic Tee,Solo,Tees,,true,Title,Default Title,20,unisex,',
      'kid-tee,Kid Tee,Solo,Tees,,true,Title,Default Title,12,,kids',
      'mug,Mug,Solo,Drinkware,,true,Title,Default Title,9,,',
    ].join('\n');
    const byId = new Map(parseShopifyCsv(legacy, { currency: 'USD' }).products.map((p) => [p.id, p.audiences]));
    assert.deepEqual(Object.fromEntries(byId), { anchor: ['men'], tee: ['women', 'men'], 'kid-tee': ['kids'], mug: undefined });
    const current = [
      'Title,URL handle,Vendor,Type,Price,Target gender (product.metafields.shopify.target-gender),Age group (product.metafields.shopify.age-group)',
      'Silk Blouse,silk-blouse,Solo,Tops,70,female,adults',
    ].join('\n');
    assert.deepEqual(parseShopifyCsv(current, { currency: 'USD' }).products[0]?.audiences, ['women']);
  });
});

describe('parseShopifyCsv: image order', () => {
  const HEAD = 'Handle,Title,Option1 Name,Option1 Value,Variant Price,Image Src,Image Position,Variant Image';
  const images = (rows: readonly string[], head = HEAD) => parseShopifyCsv([head, ...rows].join('\n'), { currency: 'USD' }).products.map((p) => p.images);

  it('orders by Image Position, not by where a variant image comes first (jewelery.csv "gemstone")', () => {
    // The real export: the second variant row names position 4 as its variant image, before the rows of 3 and 4.
    const rows = [
      'gemstone,Gemstone Necklace,Colour,Blue,27.99,https://img.test/blue.jpg,1,https://img.test/blue.jpg',
      'gemstone,,,Purple,27.99,https://img.test/necklace.jpg,2,https://img.test/purple.jpg',
      'gemstone,,,,,https://img.test/womens.jpg,3,',
      'gemstone,,,,,https://img.test/purple.jpg,4,',
    ];
    assert.deepEqual(images(rows), [['https://img.test/blue.jpg', 'https://img.test/necklace.jpg', 'https://img.test/womens.jpg', 'https://img.test/purple.jpg']]);
  });

  it('orders rows listed out of position order; the featured (first) image is position 1', () => {
    const rows = [
      'mug,Mug,Title,Default Title,12,https://img.test/side.jpg,3,',
      'mug,,,,,https://img.test/front.jpg,1,',
      'mug,,,,,https://img.test/back.jpg,2,',
    ];
    assert.deepEqual(images(rows), [['https://img.test/front.jpg', 'https://img.test/back.jpg', 'https://img.test/side.jpg']]);
  });

  it('lists a src once, at its first place in that order; images without a position follow in file order', () => {
    const rows = [
      'mug,Mug,Colour,Red,12,https://img.test/a.jpg,,https://img.test/red.jpg',
      'mug,,,Blue,12,https://img.test/b.jpg,2,https://img.test/b.jpg',
      'mug,,,,,https://img.test/c.jpg,1,',
      'mug,,,,,https://img.test/b.jpg,5,',
      'mug,,,,,https://img.test/d.jpg,x,',
    ];
    assert.deepEqual(images(rows), [['https://img.test/c.jpg', 'https://img.test/b.jpg', 'https://img.test/a.jpg', 'https://img.test/red.jpg', 'https://img.test/d.jpg']]);
  });

  it('ties keep file order, and a file without the column keeps file order', () => {
    assert.deepEqual(images(['mug,Mug,Title,Default Title,12,https://img.test/x.jpg,1,', 'mug,,,,,https://img.test/y.jpg,1,']), [['https://img.test/x.jpg', 'https://img.test/y.jpg']]);
    const noColumn = ['mug,Mug,Title,Default Title,12,https://img.test/z.jpg,', 'mug,,,,,https://img.test/w.jpg,'];
    assert.deepEqual(images(noColumn, 'Handle,Title,Option1 Name,Option1 Value,Variant Price,Image Src,Variant Image'), [['https://img.test/z.jpg', 'https://img.test/w.jpg']]);
  });

  it('reads the current dialect\'s "Image position"', () => {
    const head = 'Title,URL handle,Option1 name,Option1 value,Price,Product image URL,Image position,Variant image URL';
    const rows = ['Mug,mug,Title,Default Title,12,https://img.test/2.jpg,2,', ',mug,,,,https://img.test/1.jpg,1,'];
    assert.deepEqual(images(rows, head), [['https://img.test/1.jpg', 'https://img.test/2.jpg']]);
  });
});
