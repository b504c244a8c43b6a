/**
 * A colour or size the shopper asks for picks the variants whose price and availability count: the
 * budget is held to them (hardFilters.ts `budgetPrice`), and a colour offered only in sold-out variants
 * is no match (intentScoring.ts). Near misses: nothing asked of the options, or a colour only a tag or
 * the title names, leave the product as it was (its cheapest available variant).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { extractEntities } from '../intent/entities.ts';
import { DEFAULT_MARKETS, type Market } from '../markets/market.ts';
import type { Product } from '../catalog/product.ts';
import { normalizeOptionName } from '../catalog/csvImport.ts';
import { budgetPrice, checkProduct, keptWishPicks, wantedProduct } from './hardFilters.ts';
import { emptyIntent } from './intentInput.ts';
import { colourField, MEETS_COLOUR, MEETS_SIZE, scoreIntent, scoreIntentInto, wantedVariants, wishOf } from './intentScoring.ts';

const entities = (e: Partial<ReturnType<typeof emptyIntent>['entities']>) => ({ ...emptyIntent().entities, ...e });
const meets = (p: Product, e: ReturnType<typeof entities>) => {
  const out = { score: 0, meets: 0 };
  scoreIntentInto(p, e, out);
  return out.meets;
};
const usd = (major: number) => ({ amount: Math.round(major * 100), currency: 'USD' });

// jewelery.csv: Anchor Bracelet Mens, Color Gold 69.99 / Silver 55, tags Anchor, Gold, Leather, Silver.
const anchor = (goldAvailable = true, silverAvailable = true) =>
  product({ id: 'leather-anchor', title: 'Anchor Bracelet Mens', productType: 'Bracelet', tags: ['Anchor', 'Gold', 'Leather', 'Silver'], variants: [[69.99, goldAvailable, { color: 'Gold' }], [55, silverAvailable, { color: 'Silver' }]] });
// home-and-garden.csv: Clay Plant Pot, Size Regular 9.99 / Large 15.99.
const pot = product({ id: 'clay-plant-pot', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['Pot', 'Plants'], currency: 'EUR', variants: [[9.99, true, { size: 'Regular' }], [15.99, true, { size: 'Large' }]] });
// jewelery.csv: Gemstone Necklace, Colour Blue / Purple (27.99 each), here with Purple sold out and a purple tag.
const gemstone = (purpleAvailable: boolean) =>
  product({ id: 'gemstone', title: 'Gemstone Necklace', productType: 'Necklace', tags: ['Gemstone', 'Purple', 'Blue'], variants: [[27.99, true, { color: 'Blue' }], [27.99, purpleAvailable, { color: 'Purple' }]] });

describe('the budget of the colour or size asked for', () => {
  it('holds "gold bracelet under 60 dollars" to the gold variant, and "pulsera de plata" to the silver one', () => {
    const e = extractEntities('gold bracelet under 60 dollars', 'en');
    const b = { max: 60, currency: 'USD' };
    assert.deepEqual(checkProduct(anchor(), { budget: b, wanted: wishOf(e) }), { keep: false, drop: 'over_budget', detail: '69.99 USD' });
    assert.deepEqual(budgetPrice(anchor(), undefined, wishOf(extractEntities('pulsera dorada de menos de 60 dólares', 'es'))), usd(69.99));
    assert.deepEqual(budgetPrice(anchor(), undefined, wishOf(extractEntities('pulsera de plata', 'es'))), usd(55));
    assert.equal(checkProduct(anchor(), { budget: b, wanted: wishOf(extractEntities('silver bracelet under 60 dollars', 'en')) }).keep, true);
  });

  it('holds a size to that size: Large 15.99 is over 12 EUR, Regular 9.99 is not', () => {
    const b = { max: 12, currency: 'EUR' };
    assert.deepEqual(checkProduct(pot, { budget: b, wanted: { sizes: ['Large'] } }), { keep: false, drop: 'over_budget', detail: '15.99 EUR' });
    assert.equal(checkProduct(pot, { budget: b, wanted: { sizes: ['G'] } }).keep, false, 'G is Large (size charts in Spanish)');
    assert.equal(checkProduct(pot, { budget: b, wanted: { sizes: ['Regular'] } }).keep, true);
  });

  it('near misses: nothing asked of the options, a colour only tags name, or one the options lack, keep the cheapest available variant', () => {
    const b = { max: 60, currency: 'USD' };
    assert.equal(checkProduct(anchor(), { budget: b }).keep, true, 'no colour asked: 55');
    assert.equal(checkProduct(anchor(), { budget: b, wanted: wishOf(extractEntities('bracelet under 60 dollars', 'en')) }).keep, true);
    assert.deepEqual(budgetPrice(anchor(), undefined, { colours: ['red'] }), usd(55), 'no variant is red');
    // Gold named by the tags only (the options are Blue / Black): as before.
    const tagged = product({ id: 't', title: 'Charm Bracelet', tags: ['Gold'], variants: [[70, true, { color: 'Blue' }], [50, true, { color: 'Black' }]] });
    assert.deepEqual(budgetPrice(tagged, undefined, { colours: ['gold'] }), usd(50));
    assert.deepEqual(budgetPrice(pot, undefined, { colours: ['red'] }), { amount: 999, currency: 'EUR' }, 'a colour asked of a product with a size option only');
    // One variant: nothing to pick.
    assert.deepEqual(budgetPrice(product({ id: 'r', title: 'Ring', variants: [[80, true, { color: 'Gold' }]] }), undefined, { colours: ['gold'] }), usd(80));
  });

  it('prices a sold-out colour as the product is sold: the cheapest available variant', () => {
    assert.deepEqual(budgetPrice(anchor(false, true), undefined, { colours: ['gold'] }), usd(55));
    assert.equal(wantedVariants(anchor(false, true), { colours: ['gold'] }), undefined);
  });

  it('reads colour options however the shop names them, with values in English or Spanish', () => {
    for (const given of ['Color', 'Colour', 'Metal', 'Color de metal', 'Tono', 'Couleur']) {
      // As every catalog source names them (csvImport.ts `normalizeOptionName`).
      const name = normalizeOptionName(given);
      const p = product({ id: name, title: 'Pulsera', variants: [[45, true, { [name]: 'Plata' }], [90, true, { [name]: 'Oro amarillo' }]] });
      assert.deepEqual(budgetPrice(p, undefined, wishOf(extractEntities('pulsera dorada', 'es'))), usd(90), name);
      assert.deepEqual(budgetPrice(p, undefined, wishOf(extractEntities('a silver bracelet', 'en'))), usd(45), name);
    }
    // A size option named in Spanish.
    for (const given of ['Tamaño', 'Talla', 'Size']) {
      const name = normalizeOptionName(given);
      const maceta = product({ id: given, title: 'Maceta', variants: [[10, true, { [name]: 'Mediano' }], [20, true, { [name]: 'Grande' }]] });
      assert.deepEqual(budgetPrice(maceta, undefined, { sizes: ['L'] }), usd(20), given);
    }
  });

  it("holds a market's price list only for the variant its lowest price is for", () => {
    const eu = (DEFAULT_MARKETS.markets as readonly Market[]).find((m) => m.currency === 'EUR') as Market;
    const listed: Product = { ...anchor(), marketPrices: { eu: { price: '50.00' } } };
    assert.deepEqual(budgetPrice(listed, eu, { colours: ['silver'] }), { amount: 5000, currency: 'EUR' }, 'silver is the cheapest: the listed price');
    assert.deepEqual(budgetPrice(listed, eu), { amount: 5000, currency: 'EUR' }, 'nothing asked: the listed price');
    assert.deepEqual(budgetPrice(listed, eu, { colours: ['gold'] }), usd(69.99), "gold: the list's lowest price is not its own");
  });

  it('does not read a colour said of one compared option only', () => {
    assert.equal(wishOf(entities({ colours: ['gold'], soft: ['colour'] })), undefined);
    assert.deepEqual(wishOf(entities({ colours: ['gold'], sizes: ['M'], soft: ['size'] })), { colours: ['gold'], sizes: [] });
    assert.equal(wishOf(entities({})), undefined);
  });

  it('shows the product as the shopper who asked would buy it', () => {
    assert.deepEqual(wantedProduct(anchor(), { colours: ['gold'] }).variants.map((v) => v.price), [usd(69.99)]);
    const p = anchor();
    assert.equal(wantedProduct(p, undefined), p);
    assert.equal(wantedProduct(p, { colours: ['red'] }), p);
  });
});

describe('a colour offered only in sold-out variants', () => {
  it('is no match, though a tag names it ("collar morado", "a purple necklace")', () => {
    for (const [text, lang] of [['collar morado', 'es'], ['a purple necklace', 'en']] as const) {
      const e = extractEntities(text, lang);
      assert.equal(meets(gemstone(false), e) & MEETS_COLOUR, 0, text);
      assert.ok(!scoreIntent(gemstone(false), e).reasons.some((r) => r.term === 'purple'), text);
      assert.equal(meets(gemstone(true), e) & MEETS_COLOUR, MEETS_COLOUR, `${text}: purple in stock`);
      assert.ok(scoreIntent(gemstone(true), e).reasons.some((r) => r.term === 'purple' && r.field === 'variant'));
    }
    assert.equal(colourField(gemstone(false), 'purple'), undefined);
    assert.equal(colourField(anchor(true, false), 'silver'), undefined, 'silver sold out: the Silver tag is of it');
    assert.equal(colourField(anchor(true, false), 'gold'), 'variant');
  });

  it('a colour the options do not offer still matches by its tag or title (near misses)', () => {
    assert.equal(colourField(gemstone(false), 'blue'), 'variant');
    const tagged = product({ id: 't', title: 'Charm Bracelet', tags: ['Gold'], variants: [[70, true, { color: 'Blue' }], [50, false, { color: 'Black' }]] });
    assert.equal(colourField(tagged, 'gold'), 'tags');
    assert.equal(colourField(product({ id: 'g', title: 'Gold Hoops', variants: [[10, true, { size: 'S' }], [12, false, { size: 'M' }]] }), 'gold'), 'title');
    // An API caller's own colour word (outside the colour table): sold out in the options, no match; else its tag.
    const own = (available: boolean) => product({ id: 'o', title: 'Mug', tags: ['Seafoam'], variants: [[10, true, { color: 'White' }], [10, available, { color: 'Seafoam' }]] });
    assert.equal(colourField(own(false), 'seafoam'), undefined);
    assert.equal(colourField(own(true), 'seafoam'), 'variant');
    assert.equal(colourField(product({ id: 'o2', title: 'Mug', tags: ['Seafoam'], variants: [[10, true, { color: 'White' }], [10, true, { color: 'Blue' }]] }), 'seafoam'), 'tags');
  });
});

describe('a size asked with a colour', () => {
  const tee = (blackMAvailable: boolean) =>
    product({ id: 'tee', title: 'Tee', variants: [[20, true, { color: 'Black', size: 'S' }], [22, blackMAvailable, { color: 'Black', size: 'M' }], [25, true, { color: 'White', size: 'M' }]] });

  it('is met by an available variant of that colour: not by a white M while a black one is to be had', () => {
    const e = extractEntities('camiseta negra talla M', 'es');
    assert.equal(meets(tee(false), e) & (MEETS_COLOUR | MEETS_SIZE), MEETS_COLOUR);
    assert.equal(meets(tee(true), e) & (MEETS_COLOUR | MEETS_SIZE), MEETS_COLOUR | MEETS_SIZE);
    assert.deepEqual(budgetPrice(tee(true), undefined, wishOf(e)), usd(22));
    assert.deepEqual(budgetPrice(tee(false), undefined, wishOf(e)), usd(20), 'black M sold out: the black one');
  });

  it('near misses: the size alone, or with a colour the options do not offer, is judged on every available variant', () => {
    assert.equal(meets(tee(false), entities({ sizes: ['M'] })) & MEETS_SIZE, MEETS_SIZE);
    assert.equal(meets(tee(false), entities({ sizes: ['M'], colours: ['red'] })) & MEETS_SIZE, MEETS_SIZE);
    // "Is the black tee in M better than the linen one?": black is said of one option only.
    assert.equal(meets(tee(false), entities({ sizes: ['M'], colours: ['black'], soft: ['colour'] })) & MEETS_SIZE, MEETS_SIZE);
  });
});

describe('what a wish picks, kept per wish and product', () => {
  it('is the same product object for the same colours, sizes and rejections, whatever object carries them', () => {
    const p = anchor();
    const silver = wantedProduct(p, { colours: ['silver'], sizes: [] });
    assert.equal(wantedProduct(p, { colours: ['silver'], sizes: [] }), silver);
    assert.deepEqual(silver.variants.map((v) => v.options.color), ['Silver']);
    // Another wish, another pick: the gold one; "not silver" leaves the gold one too, by another key.
    assert.deepEqual(wantedProduct(p, { colours: ['gold'], sizes: [] }).variants.map((v) => v.options.color), ['Gold']);
    assert.deepEqual(wantedProduct(p, { colours: [], sizes: [], rejections: [{ kind: 'colour', value: 'silver' }] }).variants.map((v) => v.options.color), ['Gold']);
    // The same product asked for by size is not the one kept for its colours.
    assert.deepEqual(wantedProduct(pot, { sizes: ['L'] }).variants.map((v) => v.options.size), ['Large']);
    assert.equal(wantedProduct(pot, { sizes: ['XS'] }), pot);
  });

  it('follows the product object: a catalog reload that sells the silver one out is read anew', () => {
    const wish = { colours: ['silver'], sizes: [] };
    assert.deepEqual(budgetPrice(anchor(true, true), undefined, wish), usd(55));
    assert.deepEqual(budgetPrice(anchor(true, false), undefined, wish), usd(69.99));
  });
});

describe('the picks kept', () => {
  it('stay bounded however many wishes and products are seen: the oldest wishes are let go', () => {
    const products = Array.from({ length: 1_000 }, (_, i) => product({ id: `p${i}`, title: `Tee ${i}`, variants: [[10, true, { size: 'S' }], [12, true, { size: 'M' }]] }));
    const sizes = Array.from({ length: 230 }, (_, k) => String(20 + k));
    for (const size of sizes) for (const p of products) wantedProduct(p, { sizes: [size] });
    assert.ok(keptWishPicks() <= 200_000, String(keptWishPicks()));
    // The latest wishes are still kept: asked again, the same product object.
    const p = products[0] as Product;
    assert.equal(wantedProduct(p, { sizes: ['M'] }), wantedProduct(p, { sizes: ['M'] }));
  });
});

describe('a price range with a floor picks the variants inside it', () => {
  const range = (text: string, lang: 'en' | 'es' = 'en') => {
    const e = extractEntities(text, lang);
    return { budget: e.budget as { min?: number; max?: number; currency?: string }, wanted: wishOf(e) };
  };

  it('"a clay pot between 12 and 20 euros" keeps the pot, sold as its 15.99 Large', () => {
    const c = range('a clay pot between 12 and 20 euros');
    assert.equal(checkProduct(pot, c).keep, true);
    assert.deepEqual(wantedProduct(pot, c.wanted).variants.map((v) => v.options.size), ['Large']);
    assert.deepEqual(budgetPrice(pot, undefined, c.wanted), { amount: 1599, currency: 'EUR' });
    // The same in Spanish, and with a floor only.
    assert.equal(checkProduct(pot, range('una maceta de barro entre 12 y 20 euros', 'es')).keep, true);
    assert.deepEqual(wantedProduct(pot, range('a pot over 12 euros').wanted).variants.map((v) => v.options.size), ['Large']);
  });

  it('near misses: a cap alone, a range both variants are in, or none is in, pick nothing by price', () => {
    assert.equal(wishOf(extractEntities('a clay pot under 12 euros', 'en')), undefined, 'a cap holds the cheapest variant');
    const both = range('a clay pot between 5 and 20 euros');
    assert.equal(wantedProduct(pot, both.wanted), pot);
    const none = range('a clay pot between 30 and 50 euros');
    assert.equal(wantedProduct(pot, none.wanted), pot);
    assert.deepEqual(checkProduct(pot, none), { keep: false, drop: 'under_budget', detail: '9.99 EUR' });
  });

  it('a band in another currency than the prices picks nothing (the budget check converts the cheapest)', () => {
    const c = range('a clay pot between 12 and 20 dollars');
    assert.equal(wantedProduct(pot, c.wanted), pot);
  });

  it('with a size asked, the band picks among that size only', () => {
    const band = { min: 5, max: 12, currency: 'EUR' };
    // Large is 15.99: outside the band, so the size's pick stands (and the budget check drops it).
    assert.deepEqual(wantedProduct(pot, { sizes: ['Large'], band }).variants.map((v) => v.options.size), ['Large']);
    assert.equal(checkProduct(pot, { budget: band, wanted: { sizes: ['Large'], band } }).keep, false);
    assert.deepEqual(wantedProduct(pot, { sizes: ['Regular'], band }).variants.map((v) => v.options.size), ['Regular']);
  });
});
