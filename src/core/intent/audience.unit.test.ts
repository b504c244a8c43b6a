import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractAudience } from './audience.ts';

describe('extractAudience: who the products are made for, said of the products', () => {
  const cases: [string, ReturnType<typeof extractAudience>][] = [
    ["men's running shoes", 'men'],
    ['mens hiking boots', 'men'],
    ['a womens jacket', 'women'],
    ["ladies' watches", 'women'],
    ['a jacket for women', 'women'],
    ['something for him', 'men'],
    ['kids shoes', 'kids'],
    ["children's books", 'kids'],
    ['pulsera de hombre', 'men'],
    ['zapatillas para mujer', 'women'],
    ['chaqueta de caballero', 'men'],
    ['camiseta femenina', 'women'],
    ['ropa de niños', 'kids'],
    ['zapatos para niña', 'kids'],
    ['ropa para chicos de 8 años', 'kids'],
    ['menswear', 'men'],
    ['shoes for a woman', 'women'],
    ["kid's shoes", 'kids'],
    ['pulsera pa hombre', 'men'],
  ];
  for (const [text, want] of cases) it(text, () => assert.equal(extractAudience(text), want));

  it('is not a person ("para mi mujer" is my wife: a recipient, gift.ts) nor a word inside another', () => {
    for (const text of ['un regalo para mi mujer', 'female-owned brand email', 'male to male cable', 'omen necklace', 'human hair wig', 'una mochila mediana o chica']) {
      assert.equal(extractAudience(text), undefined, text);
    }
  });

  it('names none when the text names several', () => {
    assert.equal(extractAudience("women's and men's sizes"), undefined);
    assert.equal(extractAudience('para hombre o mujer'), undefined);
    assert.equal(extractAudience('something for him and her'), undefined);
  });
});
