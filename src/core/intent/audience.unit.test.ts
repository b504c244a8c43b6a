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

  it('is not a word inside a name: a game, a character, an event', () => {
    for (const text of [
      'quiero un juego de damas chinas',
      'un tablero de damas',
      'disfraz de hombre araña para mi hijo',
      'disfraz de hombre lobo',
      'taza de la mujer maravilla',
      'figura del niño dios',
      'ladies night candle',
      "a ladies' night gift box",
      'wonder woman mug',
      'man in the moon print',
      'men in black poster',
      'lady grey tea',
    ]) {
      assert.equal(extractAudience(text), undefined, text);
    }
  });

  it('still reads the audience beside a name, or standing on its own (near misses)', () => {
    const cases: [string, ReturnType<typeof extractAudience>][] = [
      ['juego de aretes para dama', 'women'],
      ['disfraz de araña para hombre', 'men'],
      ['disfraz de hombre araña para mujer', 'women'],
      ['ladies watch', 'women'],
      ["women's night gown", 'women'],
      ["a spider-man costume for men", 'men'],
    ];
    for (const [text, want] of cases) assert.equal(extractAudience(text), want, text);
  });

  it('names none when the text names several', () => {
    assert.equal(extractAudience("women's and men's sizes"), undefined);
    assert.equal(extractAudience('para hombre o mujer'), undefined);
    assert.equal(extractAudience('something for him and her'), undefined);
  });
});
