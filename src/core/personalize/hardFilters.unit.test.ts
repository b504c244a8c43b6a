import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { canonicalColour } from '../intent/colours.ts';
import { convertBudget, type ConvertedBudget } from '../intent/budget.ts';
import type { Budget } from '../intent/types.ts';
import { cheapestAvailablePrice, checkProduct, rejectionHit, rejectionOf } from './hardFilters.ts';
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

  it('never compares across currencies without a rate: keeps and marks the item', () => {
    const r = checkProduct(boot, { budget: { max: 50, currency: 'EUR' } });
    assert.equal(r.keep, true);
    assert.deepEqual(r.keep && r.reasons, [{ source: 'constraint', code: 'budget_currency_unknown', budgetCurrency: 'EUR', priceCurrency: 'USD', score: 0 }]);
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

describe('rejections', () => {
  it('"no leather" drops leather but not vegan leather', () => {
    const leather = { kind: 'material', value: 'leather' } as const;
    assert.equal(rejectionHit(boot, leather), 'title');
    assert.equal(rejectionHit(vegan, leather), undefined);
    assert.equal(checkProduct(boot, { rejections: [leather] }).keep, false);
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
    assert.equal(rejectionHit(product({ id: 'ff', title: 'Faux Fur Collar Coat', price: 90 }), fur), undefined, '"faux fur" is read only in requests');
    const down = { kind: 'material', value: 'down' } as const;
    assert.equal(rejectionHit(product({ id: 'd', title: 'Alpine Down Jacket', price: 200 }), down), 'title');
    assert.equal(rejectionHit(product({ id: 'u', title: 'Slip-On Shoe', description: 'Slide it up and down.', price: 50 }), down), undefined);
    assert.equal(rejectionHit(product({ id: 'w', title: 'Wooden Spoon Set', price: 12 }), { kind: 'material', value: 'wood' }), 'title');
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
