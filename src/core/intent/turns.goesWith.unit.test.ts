import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goesWith } from './turns.ts';

describe('goesWith', () => {
  it('a request for something to go with a product, EN/ES', () => {
    for (const t of [
      'which shirt goes with it?',
      'what else would go well with it?',
      'something to match my trousers',
      'any shoes that would look good with the dress?',
      'which necklace pairs nicely with these earrings?',
      'what can I wear with it?',
      'something to complete the look',
      '¿qué camisa le combina?',
      'algo que vaya bien con mi pantalón azul',
      '¿qué combina con esto?',
      'un collar a juego',
      'unos pendientes que hagan juego con el collar',
      'a jacket to wear over my tank top',
      'something to layer under it',
      'anything I could wear over it?',
      'una camiseta para llevar debajo del blazer',
      'un cárdigan para ponerme sobre el vestido',
      'algo para ponerme encima',
    ])
      assert.equal(goesWith(t), true, t);
  });

  it('not a choice, nor what a product comes with, nor other requests', () => {
    for (const t of ["I'll go with the navy one", "let's go with it", 'I think we will go with the blue', 'which should I go with?', '¿va con pilas?', 'earrings under 50', 'silver is fine too', 'a gift for my mum', 'what do I wear over there?', 'a shirt under 30', 'something to wear on Sunday']) assert.equal(goesWith(t), false, t);
  });
});
