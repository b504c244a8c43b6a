import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShopifyCsv } from '../../core/catalog/csvImport.ts';
import { isAffinityError } from '../../core/errors.ts';
import { readShopifyCsv } from './importCatalog.ts';

const LEGACY = [
  'Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Variant Compare At Price,Image Src,Variant Image,Product Category,Status',
  'trail-boot,Trail Boot 🥾,"<p>Rugged <b>waterproof</b> boot &amp; more</p>",Northpeak,Hiking Boots,"hiking, boots, Hiking",true,Colour,Brown,Size,42,TB-BR-42,shopify,3,deny,129.00,149.00,https://img.test/tb1.jpg,,Apparel & Accessories > Shoes > Boots,active',
  'trail-boot,,,,,,,,Brown,,43,TB-BR-43,shopify,0,deny,129.00,149.00,,,,',
  'trail-boot,,,,,,,,Black,,42,TB-BK-42,shopify,0,continue,119.00,,,https://img.test/tb-black.jpg,,',
  'trail-boot,,,,,,,,,,,,,,,,,https://img.test/tb2.jpg,,,',
  'camp-mug,Camp Mug,Enamel mug,Cairn,Drinkware,camping,true,Title,Default Title,,,,,,deny,12.5,,https://img.test/mug.jpg,,,draft',
].join('\n');

const CURRENT = [
  '\uFEFFTitle,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Option1 name,Option1 value,Option2 name,Option2 value,Price,Compare-at price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Product image URL,Variant image URL,Price / International,Compare-at price / International,Included / International',
  'Trail Boot,trail-boot,"<p>Rugged 🏔️ <b>waterproof</b>\r\nboot &amp; more</p>",Northpeak,Apparel & Accessories > Shoes > Boots,Hiking Boots,"hiking, boots, Hiking",TRUE,Active,TB-BR-42,Color,Brown,Size,42,129.00,149.00,shopify,3,FALSE,https://img.test/tb1.jpg,,139.00,159.00,TRUE',
  ',trail-boot,,,,,,,,TB-BR-43,,Brown,,43,129.00,149.00,shopify,0,FALSE,,,139.00,,',
  ',trail-boot,,,,,,,,TB-BK-42,,Black,,42,119.00,,shopify,0,TRUE,,https://img.test/tb-black.jpg,,,',
  '',
  ',trail-boot,,,,,,,,,,,,,,,,,,https://img.test/tb2.jpg,,,,',
  'Camp Mug,camp-mug,Enamel mug,Cairn,,Drinkware,camping,TRUE,Draft,,Title,Default Title,,,12.5,,,,FALSE,https://img.test/mug.jpg,,,,',
].join('\r\n');

/** Errors on known lines, after multi-line quoted fields, blank lines and lone-CR line ends. */
const MALFORMED = [
  'Handle,Title,Body (HTML),Variant Price,Option1 Name,Option1 Value', // 1
  'a,Product A ✨,"line one', // 2
  'line two', // 3
  'line three",10.00,Size,S', // 4
  'a,,,abc,,M', // 5: invalid price
  ',,,5,,', // 6: neither handle nor title
  'b,Product B,,7.5,Size,S', // 7
  '', // 8: blank
  'b,,,8.5,,S', // 9: duplicate options
  'a,,,11.00,,L', // 10
  'x,X,,oops,,', // 11: all variant rows invalid
].join('\r\n').replace('line two\r\n', 'line two\r');

const SLICES = [1, 2, 3, 5, 7, 64, undefined];

describe('readShopifyCsv (streamed parse)', () => {
  it('gives exactly what parseShopifyCsv gives, whatever the slice size (CRLF, BOM, emoji, quoted newlines on slice edges)', async () => {
    for (const text of [LEGACY, LEGACY.replace(/\n/g, '\r\n'), CURRENT, MALFORMED]) {
      const whole = parseShopifyCsv(text, { currency: 'USD' });
      assert.ok(whole.products.length > 0);
      for (const sliceChars of SLICES) {
        const streamed = await readShopifyCsv(text, { currency: 'USD', ...(sliceChars ? { sliceChars } : {}) });
        assert.deepEqual(streamed, whole, `slices of ${sliceChars ?? 'default'} characters`);
      }
    }
    const malformed = await readShopifyCsv(MALFORMED, { currency: 'USD', sliceChars: 3 });
    assert.deepEqual(malformed.errors.map((e) => e.line), [5, 6, 9, 11, 11]);
    assert.equal(malformed.products[0]?.title, 'Product A ✨');
  });

  it('rejects what parseShopifyCsv rejects, with the same error', async () => {
    const cases = ['', 'foo,bar\n1,2\n', 'Title\nOnly a title\n', 'Handle,Title,Variant Price\na,"A,1\n', 'Handle,Title,Variant Price\na,"A" x,1\nb,"B\n'];
    for (const text of cases) {
      let expected: unknown;
      try {
        parseShopifyCsv(text, { currency: 'USD' });
      } catch (e) {
        expected = e;
      }
      assert.ok(isAffinityError(expected) && expected.code === 'CATALOG_IMPORT_FAILED', `whole-text parse rejects ${JSON.stringify(text)}`);
      for (const sliceChars of [1, 4, undefined]) {
        await assert.rejects(readShopifyCsv(text, { currency: 'USD', ...(sliceChars ? { sliceChars } : {}) }), (e: unknown) => {
          assert.ok(isAffinityError(e));
          assert.equal(e.code, 'CATALOG_IMPORT_FAILED');
          assert.equal(e.message, (expected as Error).message);
          return true;
        });
      }
    }
  });

  it('gives the event loop a turn per slice instead of parsing in one go', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `p${i},Product ${i},${i + 1}.00`);
    const text = ['Handle,Title,Variant Price', ...rows].join('\n');
    let turns = 0;
    let parsing = true;
    const tick = (): void => {
      turns++;
      if (parsing) setImmediate(tick);
    };
    setImmediate(tick);
    const r = await readShopifyCsv(text, { currency: 'USD', sliceChars: 1_000 });
    parsing = false;
    assert.equal(r.products.length, 2_000);
    // One turn per 1,000-character slice (about 48 of them) and per 500 products built; the
    // whole-text parse gives none.
    assert.ok(turns >= Math.floor(text.length / 1_000), `${turns} turns`);
  });
});
