import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { canonicalColour } from '../intent/colours.ts';
import { convertBudget, type ConvertedBudget } from '../intent/budget.ts';
import type { Budget } from '../intent/types.ts';
import { DEFAULT_MARKETS, type Market } from '../markets/market.ts';
import { budgetPrice, cheapestAvailablePrice, checkProduct, rejectionHit, rejectionOf, vendorNamed } from './hardFilters.ts';
import { marketRates } from './marketRates.ts';

const boot = product({ id: 'b', title: 'Summit Full-Grain Leather Hiking Boot', vendor: 'Alpina', productType: 'Hiking Boots', price: 149 });
const vegan = product({ id: 'v', title: 'Vegan Leather Wallet', vendor: 'Kind', productType: 'Wallets', price: 39 });
const bolso = product({ id: 'bo', title: 'Bolso de cuero', vendor: 'Piel Sur', productType: 'Bolsos', price: 45 });
const serum = product({ id: 'se', title: 'Sérum para la piel', productType: 'Serums', price: 30 });
const nike = product({ id: 'n', title: 'Air Runner', vendor: 'Nike', productType: 'Running Shoes', price: 120 });
const scarf = product({ id: 'sc', title: 'Scarf', description: 'Made with merino wool.', price: 40 });

describe('budget', () => {
  it('uses the cheapest available variant', () => {
    const p = product({ id: 'x', title: 'Tee', variants: [[40, false], [60, true], [55, true]] });
    assert.deepEqual(cheapestAvailablePrice(p), { amount: 5500, currency: 'USD' });
    const under50 = checkProduct(p, { budget: { max: 50, currency: 'USD' } });
    assert.deepEqual(under50, { keep: false, drop: 'over_budget', detail: '55.00 USD' });
    assert.equal(checkProduct(p, { budget: { max: 55 } }).keep, true, 'a budget without currency is read in the product’s');
    assert.equal(checkProduct(p, { budget: { min: 60 } }).keep, false);
  });

  it('reads "under $100" with no currency in dollars where the prices are not written with "$" (a sofa at 500 EUR was 1:1 "under $100")', () => {
    const sofa = product({ id: 's', title: 'Cream Sofa', productType: 'Sofa', price: 500, currency: 'EUR' });
    const r = checkProduct(sofa, { budget: { max: 100, text: 'under $100' } });
    assert.deepEqual(r.keep && r.reasons, [{ source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: 'USD', priceCurrency: 'EUR', price: '500.00 EUR', score: 0 }]);
    assert.equal(checkProduct(boot, { budget: { max: 100, text: 'under $100' } }).keep, false, 'a dollar price is compared');
    const peso = product({ id: 'p', title: 'Collar', productType: 'Collares', price: 900, currency: 'MXN' });
    assert.equal(checkProduct(peso, { budget: { max: 1000, text: 'menos de $1000' } }, { defaultCurrency: 'MXN' }).keep, true, 'a peso market reads "$" as pesos');
  });

  it('never compares across currencies without a rate: keeps and marks the item', () => {
    const r = checkProduct(boot, { budget: { max: 50, currency: 'EUR' } });
    assert.equal(r.keep, true);
    assert.deepEqual(r.keep && r.reasons, [{ source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: 'EUR', priceCurrency: 'USD', price: '149.00 USD', score: 0 }]);
    // With a rate the comparison is made: 149 USD × 0.9 = 134.1 EUR > 50.
    const rate = (from: string, to: string) => (from === 'USD' && to === 'EUR' ? 0.9 : undefined);
    assert.equal(checkProduct(boot, { budget: { max: 50, currency: 'EUR' } }, { rate }).keep, false);
    assert.equal(checkProduct(boot, { budget: { max: 150, currency: 'EUR' } }, { rate }).keep, true);
    // The market's currency applies to a budget stated without one.
    assert.equal(checkProduct(boot, { budget: { max: 500 } }, { defaultCurrency: 'MXN' }).keep, true);
  });
});

describe('budget stated in another currency than the market’s', () => {
  // A USD market that knows euros and pesos; the shopper says "under 50 euros" / "at least 500 pesos".
  const rate = marketRates([{ currency: 'USD', exchangeRates: { EUR: 1.08, MXN: 0.0512 } }]);
  const opts = { defaultCurrency: 'USD', rate };
  const keep = (price: number, currency: string, budget: Budget) => checkProduct(product({ id: 'p', title: 'Scarf', price, currency }), { budget }, opts);
  const converted = (b: Budget) => convertBudget(b, 'USD', rate) as ConvertedBudget;

  it('compares a price in the stated currency with the stated budget exactly, not through the market’s', () => {
    const under50 = converted({ max: 50, currency: 'EUR', text: 'under 50 euros' });
    assert.equal(under50.max, 54, 'shown in dollars');
    assert.deepEqual(keep(50, 'EUR', under50), { keep: true, reasons: [] });
    assert.deepEqual(keep(50.01, 'EUR', under50), { keep: false, drop: 'over_budget', detail: '50.01 EUR' });
    const over50 = converted({ min: 50, currency: 'EUR', text: 'over 50 euros' });
    assert.deepEqual(keep(50, 'EUR', over50), { keep: true, reasons: [] });
    assert.deepEqual(keep(49.99, 'EUR', over50), { keep: false, drop: 'under_budget', detail: '49.99 EUR' });
  });

  it('converts a price in another currency once, into the stated one', () => {
    // 500 MXN is 25.60 USD; 500.01 MXN (25.6005 USD) used to pass as within 25.60 + a cent of slack.
    const under500 = converted({ max: 500, currency: 'MXN', text: 'menos de 500 pesos' });
    assert.deepEqual(keep(500.01, 'MXN', under500), { keep: false, drop: 'over_budget', detail: '500.01 MXN' });
    assert.equal(keep(500, 'MXN', under500).keep, true);
    // A dollar price is converted into pesos once: 25.60 USD = 500 MXN, 25.61 USD ≈ 500.20 MXN.
    assert.equal(keep(25.6, 'USD', under500).keep, true);
    assert.deepEqual(keep(25.61, 'USD', under500), { keep: false, drop: 'over_budget', detail: '500.20 MXN' });
  });

  it('uses a rate known one way only in the other direction too', () => {
    // The rate turned "under 40 euros" into dollars; the dollar prices are compared in euros with its inverse.
    const oneWay = (from: string, to: string) => (from === 'EUR' && to === 'USD' ? 1.1 : undefined);
    const under40 = convertBudget({ max: 40, currency: 'EUR', text: 'under 40 euros' }, 'USD', oneWay) as ConvertedBudget;
    const at = (price: number) => checkProduct(product({ id: 'p', title: 'Scarf', price }), { budget: under40 }, { defaultCurrency: 'USD', rate: oneWay });
    assert.deepEqual(at(44), { keep: true, reasons: [] });
    assert.deepEqual(at(44.02), { keep: false, drop: 'over_budget', detail: '40.02 EUR' });
  });

  it('shows a converted price with the currency’s decimals', () => {
    const yen = (from: string, to: string) => (from === 'USD' && to === 'JPY' ? 150.123 : undefined);
    const r = checkProduct(product({ id: 'p', title: 'Scarf', price: 40 }), { budget: { max: 5000, currency: 'JPY' } }, { rate: yen });
    assert.deepEqual(r, { keep: false, drop: 'over_budget', detail: '6005 JPY' });
  });
});

describe('budget across currencies no market states together', () => {
  // The EU market knows 0.92 EUR per USD, the GB market 0.79 GBP per USD: GBP and EUR meet through USD.
  const eu = { currency: 'EUR', exchangeRates: { USD: 0.92 } };
  const gb = { currency: 'GBP', exchangeRates: { USD: 0.79 } };
  const rate = marketRates([eu, gb]);
  const scarf = product({ id: 'p', title: 'Scarf', price: 100, currency: 'EUR' });

  it('holds a budget in pounds to a price in euros through the dollar', () => {
    // 100 EUR × 0.79 / 0.92 ≈ 85.87 GBP.
    assert.deepEqual(checkProduct(scarf, { budget: { max: 90, currency: 'GBP' } }, { rate }), { keep: true, reasons: [] });
    assert.deepEqual(checkProduct(scarf, { budget: { max: 85, currency: 'GBP' } }, { rate }), { keep: false, drop: 'over_budget', detail: '85.87 GBP' });
    // "menos de 40 libras" in the EU market: shown in euros (estimated), filtered in pounds.
    const shown = convertBudget({ max: 40, currency: 'GBP', text: 'menos de 40 libras' }, 'EUR', rate) as ConvertedBudget;
    assert.equal(shown.estimated, true);
    assert.equal(shown.max, 46.58, '40 × 0.92 / 0.79');
    assert.deepEqual(shown.stated, { max: 40, currency: 'GBP' });
  });

  it('keeps a pair no pivot joins unknown', () => {
    const r = checkProduct(scarf, { budget: { max: 90, currency: 'GBP' } }, { rate: marketRates([eu]) });
    assert.deepEqual(r, { keep: true, reasons: [{ source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: 'GBP', priceCurrency: 'EUR', price: '100.00 EUR', score: 0 }] });
    assert.equal(convertBudget({ max: 40, currency: 'GBP', text: 'under 40 pounds' }, 'EUR', marketRates([eu])), undefined);
  });
});

describe('budget in a market with a price list', () => {
  // Base prices in USD; the EU market (0.92 EUR per USD) lists its own euro prices for some products.
  const [us, euBase] = DEFAULT_MARKETS.markets as [Market, Market];
  const eu: Market = { ...euBase, exchangeRates: { USD: 0.92 } };
  const gb = { currency: 'GBP', exchangeRates: { USD: 0.79 } };
  const rate = marketRates([us, eu, gb]);
  const listed = (id: string, base: number, euro: string) => ({ ...product({ id, title: 'Scarf', price: base }), marketPrices: { eu: { price: euro } } });
  // 120 USD is 110.40 EUR converted, but the EU price list says 95 EUR; 100 USD is 92 EUR, but the list says 109.
  const cheaperThere = listed('a', 120, '95.00');
  const dearerThere = listed('b', 100, '109.00');
  const unlisted = product({ id: 'c', title: 'Scarf', price: 100 });
  const check = (p: ReturnType<typeof product>, budget: Budget, market?: Market) => checkProduct(p, { budget }, { defaultCurrency: 'EUR', rate, ...(market ? { market } : {}) });
  const under100 = { max: 100, currency: 'EUR', text: 'under 100 euros' };

  it('is held to the market’s price, exactly, not the converted base price', () => {
    assert.deepEqual(budgetPrice(cheaperThere, eu), { amount: 9500, currency: 'EUR' });
    assert.deepEqual(check(cheaperThere, under100, eu), { keep: true, reasons: [] });
    assert.deepEqual(check(dearerThere, under100, eu), { keep: false, drop: 'over_budget', detail: '109.00 EUR' });
    assert.deepEqual(check(listed('d', 200, '100.00'), under100, eu), { keep: true, reasons: [] }, 'exactly the budget, no rate');
    // Without the market, the base price converted, as before.
    assert.deepEqual(check(cheaperThere, under100), { keep: false, drop: 'over_budget', detail: '110.40 EUR' });
    assert.deepEqual(check(dearerThere, under100), { keep: true, reasons: [] });
  });

  it('falls back to the base price for a product the market does not list, and elsewhere', () => {
    assert.deepEqual(budgetPrice(unlisted, eu), { amount: 10000, currency: 'USD' });
    assert.deepEqual(check(unlisted, { max: 91, currency: 'EUR', text: 'under 91 euros' }, eu), { keep: false, drop: 'over_budget', detail: '92.00 EUR' });
    assert.deepEqual(budgetPrice(cheaperThere, us), { amount: 12000, currency: 'USD' }, 'the US market has no list');
  });

  it('converts the market’s price when the budget is in another currency, through a pivot if need be', () => {
    // 95 EUR ≈ 81.58 GBP; 109 EUR ≈ 93.60 GBP (EUR→USD→GBP).
    const under90 = { max: 90, currency: 'GBP', text: 'menos de 90 libras' };
    assert.deepEqual(check(cheaperThere, under90, eu), { keep: true, reasons: [] });
    assert.deepEqual(check(dearerThere, under90, eu), { keep: false, drop: 'over_budget', detail: '93.60 GBP' });
    // Against the base price (USD→GBP is stated) the verdicts were the other way round.
    assert.equal(check(cheaperThere, under90).keep, false);
    assert.equal(check(dearerThere, under90).keep, true);
  });

  it('names the market’s price when no rate lets it be compared', () => {
    const r = check(cheaperThere, { max: 5000, currency: 'JPY', text: 'under 5000 yen' }, eu);
    assert.deepEqual(r, { keep: true, reasons: [{ source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: 'JPY', priceCurrency: 'EUR', price: '95.00 EUR', score: 0 }] });
  });
});

describe('rejections', () => {
  it('"sin mangas" refuses what the English shop calls sleeves, not "sleeveless"', () => {
    const mangas = { kind: 'term', value: 'mangas' } as const;
    assert.equal(rejectionHit(product({ id: 'ls', title: 'Long Sleeve Cotton Top', price: 20 }), mangas), 'title');
    assert.equal(rejectionHit(product({ id: 'sl', title: 'Sleeveless Floral Top', price: 20 }), mangas), undefined);
  });

  it('"no leather" drops leather but not vegan leather', () => {
    const leather = { kind: 'material', value: 'leather' } as const;
    assert.equal(rejectionHit(boot, leather), 'title');
    assert.equal(rejectionHit(vegan, leather), undefined);
    assert.equal(checkProduct(boot, { rejections: [leather] }).keep, false);
  });

  it('"nothing blue" drops its shades too (a navy jacket, a navy variant), and a wish is not widened', () => {
    const blue = { kind: 'colour', value: 'blue' } as const;
    const navy = product({ id: 'nv', title: 'Navy Sports Jacket', price: 60 });
    const olive = product({ id: 'ol', title: 'Olive Green Jacket', price: 60 });
    assert.equal(rejectionHit(navy, blue), 'title');
    assert.equal(rejectionHit(olive, blue), undefined);
    assert.equal(rejectionHit(olive, { kind: 'colour', value: 'green' }), 'title');
    const both = product({ id: 'bt', title: 'Chino', price: 50, variants: [[50, true, { Color: 'Navy' }], [50, true, { Color: 'Sand' }]] });
    const kept = checkProduct(both, { rejections: [blue] });
    assert.equal(kept.keep, true, 'a Sand variant escapes');
    assert.equal(rejectionHit(product({ id: 'nv2', title: 'Chino', price: 50, variants: [[50, true, { Color: 'Navy' }]] }), blue), 'variant');
    assert.equal(rejectionHit(navy, { kind: 'colour', value: 'navy' }), 'title');
    assert.equal(rejectionHit(product({ id: 'bl', title: 'Blue Shirt', price: 20 }), { kind: 'colour', value: 'navy' }), undefined, 'no navy is not no blue');
  });

  it('"sin cuero" drops leather in either language, and "piel" as skin stays', () => {
    const sinCuero = rejectionOf('cuero', [], canonicalColour);
    assert.deepEqual(sinCuero, { kind: 'material', value: 'leather' });
    assert.equal(checkProduct(bolso, { rejections: [sinCuero] }).keep, false);
    assert.equal(checkProduct(boot, { rejections: [sinCuero] }).keep, false);
    assert.equal(checkProduct(serum, { rejections: [sinCuero] }).keep, true);
  });

  it('a shopper\'s words and product text share one material vocabulary, minus the ambiguous forms', () => {
    const fur = { kind: 'material', value: 'fur' } as const;
    assert.equal(rejectionHit(product({ id: 'f', title: 'Real Fur Trapper Hat', price: 90 }), fur), 'title');
    assert.equal(rejectionHit(product({ id: 'ff', title: 'Faux Fur Collar Coat', price: 90 }), fur), undefined, 'faux fur is no fur');
    const down = { kind: 'material', value: 'down' } as const;
    assert.equal(rejectionHit(product({ id: 'd', title: 'Alpine Down Jacket', price: 200 }), down), 'title');
    assert.equal(rejectionHit(product({ id: 'u', title: 'Slip-On Shoe', description: 'Slide it up and down.', price: 50 }), down), undefined);
    assert.equal(rejectionHit(product({ id: 'w', title: 'Wooden Spoon Set', price: 12 }), { kind: 'material', value: 'wood' }), 'title');
  });

  it('"not pots" drops a product whose title is a pot even when its type says otherwise, not one that only names pots', () => {
    const pots = { kind: 'category', value: 'Pot' } as const;
    const typed = (id: string, title: string) => product({ id, title, productType: 'Outdoor', price: 10 });
    assert.equal(rejectionHit(typed('p1', 'Biodegradable Cardboard Pots'), pots), 'title');
    assert.equal(rejectionHit(typed('p2', 'Clay Plant Pot - Terracotta, 20 cm'), pots), 'title');
    assert.equal(rejectionHit(typed('p3', 'Pot Holder Set'), pots), undefined);
    assert.equal(rejectionHit(typed('p4', 'Trowel for Pots'), pots), undefined);
    assert.equal(rejectionHit(typed('p5', 'Boot-Shaped Mug'), { kind: 'category', value: 'boots' }), undefined);
    assert.equal(rejectionHit(typed('p6', 'Leather Hiking Boots (Waterproof)'), { kind: 'category', value: 'boots' }), 'title');
  });

  it('"sin macetas" drops the pots, not the plants', () => {
    const macetas = { kind: 'category', value: 'macetas' } as const;
    assert.equal(rejectionHit(product({ id: 'p', title: 'Monstera', productType: 'Plants', tags: ['Plants'], price: 30 }), macetas), undefined);
    assert.ok(rejectionHit(product({ id: 'q', title: 'Clay Plant Pot', productType: 'Outdoor', tags: ['Plants'], price: 12 }), macetas));
  });

  it('an API caller\'s "gold" refused is the metal, as in the shopper\'s words: a description\'s "14k gold hooks" is gold', () => {
    const noGold = rejectionOf('gold', [], canonicalColour);
    assert.deepEqual(noGold, { kind: 'material', value: 'gold' });
    const boho = product({ id: 'boho', title: 'Boho Earrings', description: 'Turquoise globe earrings on 14k gold hooks.', tags: ['Silver', 'Turquoise'], price: 27.99 });
    assert.equal(checkProduct(boho, { rejections: [noGold] }).keep, false);
    assert.deepEqual(rejectionOf('navy', [], canonicalColour), { kind: 'colour', value: 'navy' });
  });

  it('"not Nike" drops the vendor only', () => {
    const notNike = rejectionOf('nike', ['Nike', 'Alpina'], canonicalColour);
    assert.deepEqual(notNike, { kind: 'brand', value: 'Nike' });
    assert.equal(checkProduct(nike, { rejections: [notNike] }).keep, false);
    assert.equal(checkProduct(boot, { rejections: [notNike] }).keep, true);
  });

  it('reads materials in descriptions and options, accent-folded', () => {
    assert.equal(rejectionHit(scarf, { kind: 'material', value: 'wool' }), 'description');
    assert.equal(rejectionHit(scarf, { kind: 'term', value: 'lana' }), 'description');
  });

  it('drops a colour when the title says it or every available variant is that colour', () => {
    const red = { kind: 'colour', value: 'red' } as const;
    const allRed = product({ id: 'r', title: 'Tee', variants: [[20, true, { color: 'Crimson' }], [20, false, { color: 'Black' }]] });
    const some = product({ id: 's', title: 'Tee', variants: [[20, true, { color: 'Red' }], [20, true, { color: 'Black' }]] });
    assert.equal(rejectionHit(allRed, red), 'variant');
    assert.equal(rejectionHit(some, red), undefined);
    assert.equal(rejectionHit(product({ id: 't', title: 'Camiseta roja' }), red), 'title');
  });

  it('a metal\'s colour ruled out ("sin dorado") rules out the metal a description names; a variant in another metal escapes it', () => {
    const golden = { kind: 'colour', value: 'gold' } as const;
    const boho = product({ id: 'b', title: 'Boho Earrings', description: 'Turquoise globe earrings on 14k gold hooks.', tags: ['Silver', 'Turquoise'] });
    const both = product({ id: 'm', title: 'Moon Earrings', tags: ['Gold', 'Silver'], variants: [[10, true, { Color: 'Gold' }], [10, true, { Color: 'Silver' }]] });
    assert.equal(rejectionHit(boho, golden), 'description');
    assert.equal(rejectionHit(boho, { kind: 'material', value: 'gold' }), 'description');
    assert.equal(rejectionHit(both, golden), undefined);
    assert.equal(rejectionHit(product({ id: 'r', title: 'Red Scarf', description: 'Soft and warm.' }), golden), undefined);
  });

  it('turquoise in a jewel\'s text is a stone: "no stones" rules it out', () => {
    const boho = product({ id: 'b', title: 'Boho Earrings', description: 'Turquoise globe earrings on 14k gold hooks.', tags: ['Silver', 'Turquoise'] });
    assert.equal(rejectionHit(boho, { kind: 'material', value: 'gemstone' }), 'tags');
    assert.equal(rejectionHit(product({ id: 'g', title: 'Guardian Angel Earrings', tags: ['Angel', 'Silver'] }), { kind: 'material', value: 'gemstone' }), undefined);
  });

  it('drops a rejected category through the synonym table', () => {
    assert.equal(checkProduct(boot, { rejections: [{ kind: 'category', value: 'botas' }] }).keep, false);
    assert.equal(checkProduct(nike, { rejections: [{ kind: 'category', value: 'botas' }] }).keep, true);
  });
});

describe('availability', () => {
  it('drops unpublished and sold-out products', () => {
    assert.deepEqual(checkProduct(product({ id: 'u', title: 'x', variants: [[10, false]] }), {}), { keep: false, drop: 'unavailable' });
    assert.equal(checkProduct(product({ id: 'u', title: 'x', published: false }), {}).keep, false);
    assert.equal(checkProduct(product({ id: 'u', title: 'x', variants: [[10, false]] }), { requireAvailable: false }).keep, true);
  });
});

describe('leather and its family', () => {
  const suede = product({ id: 'su', title: 'Suede Chelsea Boot', productType: 'Boots', price: 160 });
  const ante = product({ id: 'an', title: 'Botín de ante', productType: 'Botines', price: 90 });
  const gamuza = product({ id: 'ga', title: 'Mocasín', tags: ['gamuza'], price: 70 });
  const nubuck = product({ id: 'nu', title: 'Desert Boot', description: 'Soft nubuck upper.', price: 140 });
  const fauxSuede = product({ id: 'fs', title: 'Faux Suede Jacket', productType: 'Jackets', price: 80 });
  const canvas = product({ id: 'ca', title: 'Canvas Sneaker', description: 'Ante todo, cómodo.', price: 50 });
  const leather = { kind: 'material', value: 'leather' } as const;

  it('“no leather” / “sin piel” rules out suede, ante, gamuza and nubuck', () => {
    for (const p of [suede, ante, gamuza, nubuck]) assert.ok(rejectionHit(p, leather), `${p.title} is leather`);
    assert.equal(checkProduct(suede, { rejections: [rejectionOf('piel', [], canonicalColour)] }).keep, false);
  });

  it('but not faux suede, nor "ante" the preposition; and “no suede” keeps plain leather', () => {
    assert.equal(rejectionHit(fauxSuede, leather), undefined);
    assert.equal(rejectionHit(canvas, leather), undefined);
    assert.equal(rejectionHit(canvas, { kind: 'material', value: 'suede' }), undefined);
    assert.equal(rejectionHit(boot, { kind: 'material', value: 'suede' }), undefined);
    assert.ok(rejectionHit(ante, { kind: 'material', value: 'suede' }));
  });
});

describe('vendorNamed: a brand given by the first words of the shop\'s vendor', () => {
  it('"Rustic" is "Rustic LTD", "sterling" is "Sterling Ltd"; a word that starts two vendors, or none, names none', () => {
    const vendors = ['Rustic LTD', 'Sterling Ltd', 'Company 123', 'Acme Home', 'Acme Garden'];
    assert.equal(vendorNamed('Rustic', vendors), 'Rustic LTD');
    assert.equal(vendorNamed('sterling', vendors), 'Sterling Ltd');
    assert.equal(vendorNamed('company 123', vendors), 'Company 123');
    assert.equal(vendorNamed('Acme', vendors), undefined);
    assert.equal(vendorNamed('Rust', vendors), undefined);
    assert.deepEqual(rejectionOf('Rustic', vendors, () => undefined), { kind: 'brand', value: 'Rustic LTD' });
  });
});
