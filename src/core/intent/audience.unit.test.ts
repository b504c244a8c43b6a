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
  ];
  for (const [text, want] of cases) it(text, () => assert.equal(extractAudience(text), want));

  it('is not a person ("para mi mujer" is my wife: a recipient, gift.ts) nor a word inside another', () => {
    for (const text of ['un regalo para mi mujer', 'female-owned brand email', 'a menswear-inspired hoodie? no: women and men', 'omen necklace', 'human hair wig']) {
      assert.equal(extractAudience(text), text.includes('female') ? 'women' : undefined, text);
    }
  });

  it('names none when the text names several', () => {
    assert.equal(extractAudience("women's and men's sizes"), undefined);
    assert.equal(extractAudience('para hombre o mujer'), undefined);
  });
});
