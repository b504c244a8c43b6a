/** Words that carry the earlier person's tastes to a new one, or say they are everyone's (turns.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carriesTastes, namesWhomOnly, tastesForEveryone } from './turns.ts';

describe('carriesTastes', () => {
  for (const t of [
    'same for my mum',
    'actually for my girlfriend, she is the same size',
    'and one for my husband',
    'another one for my dad please',
    'lo mismo para mi madre',
    'igual para mi hermana',
    'y otro para mi padre',
    'Y otra para mi tía?',
    'la misma talla, para mi novia',
  ]) it(`"${t}"`, () => assert.equal(carriesTastes(t), true));
  for (const t of ['now something for my mum', 'not the same as before, for my dad', 'same day delivery for my mum?', 'me da igual, para mi madre', 'igual le gusta el oro', 'which one for my mom?', 'at the same time, a gift for my mom']) {
    it(`near miss: "${t}"`, () => assert.equal(carriesTastes(t), false));
  }
});

describe('tastesForEveryone', () => {
  for (const t of ['everything silver please, my family only wears silver. earrings for my wife', 'we all wear silver', 'en mi familia solo usamos plata', 'todo en plata por favor', 'nobody in my family wears gold']) {
    it(`"${t}"`, () => assert.equal(tastesForEveryone(t), true));
  }
  for (const t of ['a gift for my family', 'show me everything', 'earrings for my wife, silver']) it(`near miss: "${t}"`, () => assert.equal(tastesForEveryone(t), false));
});

describe('namesWhomOnly: a turn that only says whom the products are for', () => {
  for (const t of ['for my mom', "it's for my wife", 'para mi suegra', 'pa mi jermu', 'para un bebé', 'ok, for my sister in law', 'for my 8 year old daughter', 'para mi hija de 10 años']) it(`"${t}"`, () => assert.equal(namesWhomOnly(t), true));
  for (const t of ['now something for my mother-in-law', 'for my mom, she likes silver', 'a necklace for my mom', 'something cheaper for my dad']) {
    it(`near miss: "${t}"`, () => assert.equal(namesWhomOnly(t), false));
  }
});
