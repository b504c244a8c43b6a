/**
 * "Goes with" (goesWith.ts): the kind the products must go with is a purpose, the kind asked for is
 * sought, in English and Spanish, whatever stands between "with" and it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

function kinds(text: string, lang: IntentLanguage): [readonly string[], readonly string[]] {
  const e = extractEntities(text, lang);
  return [e.categories, e.purposes ?? []];
}

describe('goes with: what the products must go with is no kind sought', () => {
  it('a verb of going together before "with" / "con", with any determiner, not only a possessive', () => {
    const cases: [string, IntentLanguage, string[], string[]][] = [
      ['any earrings that would go with the crane necklace?', 'en', ['earrings'], ['necklaces']],
      ['any earrings that would go with my crane necklace?', 'en', ['earrings'], ['necklaces']],
      ['unos cojines que peguen con el sofá amarillo', 'es', ['pillows'], ['sofas']],
      ['shoes to wear with jeans', 'en', ['shoes'], ['jeans']],
      ['a necklace that pairs well with a black dress', 'en', ['necklaces'], ['dresses']],
      ['what sneakers look good with a black dress?', 'en', ['sneakers'], ['dresses']],
      ['zapatos que vayan bien con un vestido rojo', 'es', ['shoes'], ['dresses']],
      ['unos pendientes que combinen con el collar de plata', 'es', ['earrings'], ['necklaces']],
      ['un bolso que haga juego con las botas', 'es', ['bags'], ['boots']],
      ['a rug that would work with the grey sofa', 'en', ['rugs'], ['sofas']],
    ];
    for (const [text, lang, sought, purposes] of cases) assert.deepEqual(kinds(text, lang), [sought, purposes], text);
  });

  it('a verb whose object it is needs a determiner or possessive ("to match the sofa"; "matching cushions" are sought)', () => {
    assert.deepEqual(kinds('cushions to match the sofa', 'en'), [['pillows'], ['sofas']]);
    assert.deepEqual(kinds('earrings to match her necklace', 'en'), [['earrings'], ['necklaces']]);
    assert.deepEqual(kinds('una pulsera que complemente el reloj', 'es'), [['bracelets'], ['watches']]);
    assert.deepEqual(kinds('I want a sofa with matching cushions', 'en'), [['sofas', 'pillows'], []]);
  });

  it('the colour of what it goes with describes it, not the products sought', () => {
    const e = extractEntities('unos cojines que peguen con el sofá amarillo', 'es');
    assert.deepEqual(e.colours, []);
    assert.deepEqual(extractEntities('yellow cushions to go with the grey sofa', 'en').colours, ['yellow']);
  });

  it('"go with" as choosing is no "goes with": the kind is the one sought', () => {
    assert.deepEqual(kinds("I'll go with the leather jacket", 'en'), [['jackets'], []]);
    assert.deepEqual(kinds('should I go with the grey sofa or the blue one?', 'en'), [['sofas'], []]);
    assert.deepEqual(kinds('me quedaría con el sofá gris', 'es'), [['sofas'], []]);
    assert.deepEqual(kinds('Going with the engagement ring in platinum, size 6', 'en'), [['rings'], []]);
  });

  it('"with" alone is what the kind sought has, or nothing, not a goes-with across another phrase', () => {
    assert.deepEqual(kinds('earrings with a pendant', 'en'), [['earrings'], ['necklaces']]);
    assert.deepEqual(kinds('a sofa that goes with everything, and a rug', 'en'), [['sofas', 'rugs'], []]);
    assert.deepEqual(kinds('a rug to go with the sofa and also a lamp', 'en'), [['rugs', 'lamps'], ['sofas']]);
  });

  it('worn or put over, under or on something: a verb of wearing or placing before the place word', () => {
    const cases: [string, IntentLanguage, string[], string[]][] = [
      ['a jacket to wear over a tank top', 'en', ['jackets'], ['tops']],
      ['a hoodie that goes over a t-shirt', 'en', ['hoodies'], ['t-shirts']],
      ['a cardigan I can throw on over my dress', 'en', ['sweaters'], ['dresses']],
      ['a coat to wear on top of my suit', 'en', ['coats'], ['suits']],
      ['a rug to put under the sofa', 'en', ['rugs'], ['sofas']],
      ['una chaqueta para ponerme encima de una camiseta', 'es', ['jackets'], ['t-shirts']],
      ['una camiseta para llevar debajo del blazer', 'es', ['t-shirts'], ['jackets']],
      ['un cárdigan para usar sobre el vestido', 'es', ['sweaters'], ['dresses']],
    ];
    for (const [text, lang, sought, purposes] of cases) assert.deepEqual(kinds(text, lang), [sought, purposes], text);
  });

  it('without the verb, or with "put on" as dressing, the place word says nothing of the kind', () => {
    assert.deepEqual(kinds('a jacket over the dress', 'en'), [['jackets', 'dresses'], []]);
    assert.deepEqual(kinds('I want to put on a dress for the party', 'en'), [['dresses'], []]);
    assert.deepEqual(kinds('something to put on the table for a dinner with friends', 'en'), [[], ['tables']], 'the object before: "on" is a place');
    assert.deepEqual(kinds('a shirt under $30', 'en'), [['shirts'], []]);
    assert.deepEqual(kinds('sobre el collar, ¿tienen pulseras?', 'es'), [['necklaces', 'bracelets'], []]);
  });

  it('worn over or under something with no kind named: the garments worn so are sought', () => {
    assert.deepEqual(kinds('something to throw on over a tank top when it gets chilly', 'en'), [['jackets', 'coats', 'sweaters', 'hoodies'], ['tops']]);
    assert.deepEqual(kinds('something to wear under my leather jacket', 'en'), [['tops', 't-shirts', 'shirts'], ['jackets']]);
    assert.deepEqual(kinds('algo para ponerme encima del vestido', 'es'), [['jackets', 'coats', 'sweaters', 'hoodies'], ['dresses']]);
    assert.deepEqual(kinds('something to put under the sofa', 'en'), [[], ['sofas']], 'put, not worn');
    assert.deepEqual(kinds('something to wear on my coat', 'en'), [[], ['coats']], 'on it, not over it');
  });
});
