/**
 * A brand asked for that the shop does not sell (unknownBrand.ts): the answer says so, instead of
 * calling other makers' products a match ("anything by Pandora?" answered with the shop's best-sellers,
 * satisfied).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { extractEntities } from '../intent/entities.ts';
import { titleWords } from './titleTerms.ts';
import { unknownBrand, unknownBrandOutcome, vendorNames } from './unknownBrand.ts';

const shop = [
  product({ id: 'b', title: 'Bangle Bracelet', productType: 'Bracelet', vendor: 'Rustic LTD' }),
  product({ id: 't', title: 'Crocs Garden Clogs', productType: 'Shoes', vendor: 'Company 123' }),
  product({ id: 'c', title: 'Gold Chain', productType: 'Necklace', vendor: 'Company 123', description: 'Hand-made in Italy.' }),
];
const words = titleWords(shop);
const vendors = vendorNames(shop.map((p) => p.vendor));
const brand = (text: string): string | undefined => unknownBrand(text, extractEntities(text, /[¿ñáé]|\b(?:algo|de la|pulseras)\b/.test(text) ? 'es' : 'en'), words, vendors);

describe('unknownBrand: a brand asked for that the shop does not sell', () => {
  it('is a well-known brand named anywhere, in any case, written as the brand writes it', () => {
    assert.equal(brand('do you have anything by Pandora?'), 'Pandora');
    assert.equal(brand('pandora bracelets under 50'), 'Pandora', 'lower case: as the brand writes it');
    assert.equal(brand('zapatillas adidas para correr'), 'Adidas');
    assert.equal(brand('algo de Zara'), 'Zara');
    assert.equal(brand('ropa de H&M'), 'H&M');
    assert.equal(brand("Levi's jeans"), "Levi's");
  });

  it('is any capitalised name after "by", "made by", "brand" or "marca"', () => {
    assert.equal(brand('anything by Mejuri?'), 'Mejuri');
    assert.equal(brand('pulseras de la marca Tous'), 'Tous');
    assert.equal(brand('jewelry made by Monica Vinader'), 'Monica Vinader');
  });

  it('is a brand that is an everyday word only capitalised inside the message, or after words that name a maker', () => {
    assert.equal(brand('a Coach bag'), 'Coach');
    assert.equal(brand('una bolsa de Mango'), 'Mango');
    assert.equal(brand('I need a coach for my team'), undefined);
    assert.equal(brand('a gap in the fence'), undefined);
    assert.equal(brand('mango scented candles'), undefined);
  });

  it('is no day, holiday, carrier or way to pay after "by", and no place after "from"', () => {
    for (const t of ['can it arrive by Friday?', 'something by Christmas', "can it get here by Mother's Day?", 'by Black Friday', 'by Next Week', 'can I pay by Apple Pay?', 'shipped by UPS', 'is it made by hand?', 'something from Italy', 'brand new jacket']) {
      assert.equal(brand(t), undefined, t);
    }
  });

  it('is not a brand refused or compared with', () => {
    for (const t of ['no Gucci please', "I don't want anything from Zara", 'something like Pandora', 'tipo Zara', '¿es mejor que Nike?', 'a cheaper alternative to the Dyson', 'sin nada de Gucci']) {
      assert.equal(brand(t), undefined, t);
    }
  });

  it('is not a brand the shop sells: a vendor, or a name its titles, descriptions or tags use', () => {
    assert.equal(brand('anything by Rustic?'), undefined, 'a vendor read by the entity rules');
    assert.equal(brand('crocs for the garden'), undefined, 'in a title, by another vendor');
    assert.equal(brand('a bracelet by Company 123'), undefined);
  });

  it('says the shop sells nothing by it, the brand let go, with what else was relaxed', () => {
    assert.deepEqual(unknownBrandOutcome({ satisfied: true }, 'Pandora'), {
      satisfied: false,
      relaxed: ['brand'],
      reason: 'This shop sells nothing by Pandora: the products shown are by other makers.',
    });
    const both = unknownBrandOutcome({ satisfied: false, relaxed: ['budget'], reason: 'Nothing under 10 USD.' }, 'Zara');
    assert.deepEqual(both.relaxed, ['budget', 'brand']);
    assert.match(both.reason ?? '', /^This shop sells nothing by Zara: .* Nothing under 10 USD\.$/);
  });
});
