import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wishesOnSale } from './onSale.ts';

describe('wishesOnSale: a wish for products on sale', () => {
  it('is read in English and Spanish', () => {
    for (const text of [
      'anything on sale?', 'discounted jackets', 'any deals on earrings?', "what's in the sale", 'clearance items', 'do you have any discounts?',
      'show me the sale section', 'something reduced', 'black friday deals', 'algo en oferta', '¿tienen rebajas?', 'chaquetas con descuento',
      'zapatillas rebajadas', '¿hay promociones?', 'qué tienen en liquidación',
    ]) {
      assert.equal(wishesOnSale(text), true, text);
    }
  });
  it('not for sale (sold), a sale refused or denied, a price history asked, nor the shopper\'s own sale', () => {
    for (const text of [
      'is it for sale?', 'está a la venta', 'it does not need to be on sale', 'not on sale please, just nice', 'sin descuento está bien',
      'was it ever on sale?', 'will it go on sale?', 'my garage sale items', 'the deal is done', 'cheap jackets', 'a jacket for my daughter',
    ]) {
      assert.equal(wishesOnSale(text), false, text);
    }
  });
});
