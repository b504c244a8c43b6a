/**
 * What is sought and what it is for (purposes.ts), and what the list shows for it: the kind asked for
 * comes first, the shopper's own thing (the sofa the cushions go with, the bedside table the lamp is
 * for) is a nudge, never a kind the list holds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { CatalogIndex } from '../catalog/catalogIndex.ts';
import { emptyIntent } from '../personalize/intentInput.ts';
import { intentCandidates } from '../personalize/intentScoring.ts';
import { personalizeList } from '../personalize/personalize.ts';
import { temporalContext } from '../personalize/seasonal.ts';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';
import { vocabularyFromProducts } from './vocabularyFromCatalog.ts';

function kinds(text: string, lang: IntentLanguage): [readonly string[], readonly string[]] {
  const e = extractEntities(text, lang);
  return [e.categories, e.purposes ?? []];
}

describe('purposes: "for" after the kind asked for and a clause of the same request', () => {
  it('"what lamps do you have for the bedside table?": the lamps are sought, the table is what they are for', () => {
    const cases: [string, IntentLanguage][] = [
      ['what lamps do you have for the bedside table?', 'en'],
      ['¿qué lámparas tenéis para la mesita de noche?', 'es'],
      ['any lamps you would recommend for my bedside table?', 'en'],
      ['lámparas que sirvan para la mesita de noche', 'es'],
      ['lampara pa la mesita de noche', 'es'],
    ];
    for (const [text, lang] of cases) assert.deepEqual(kinds(text, lang), [['lamps'], ['nightstands']], text);
  });

  it('not across a list, a new sentence or a verb that takes "for": the kind after it is sought too', () => {
    assert.deepEqual(kinds('I need lamps and I am also looking for a bedside table', 'en'), [['lamps', 'nightstands'], []]);
    assert.deepEqual(kinds('do you have lamps? I need a bedside table for the bedroom', 'en'), [['lamps', 'nightstands'], ['bedroom']]);
    assert.deepEqual(kinds("I'm looking for lamps and searching for a table", 'en'), [['lamps', 'tables'], []]);
    assert.deepEqual(kinds('something for the bedroom', 'en'), [['bedroom'], []]);
    // Nor across a mark: "para mi depa nuevo, decoración" seeks the decoration.
    assert.deepEqual(kinds('busco algo para mi depa nuevo, decoración o lo que sea', 'es'), [['home decor'], []]);
  });

  it('past up to two describing words between "for" and the kind ("for my new dining table")', () => {
    assert.deepEqual(kinds('a vase for my new dining table', 'en'), [['vases'], ['tables']]);
    assert.deepEqual(kinds('cushions for my old sofa', 'en'), [['pillows'], ['sofas']]);
    assert.deepEqual(kinds('a bag for carrying my laptop', 'en'), [['bags'], ['laptops']]);
    assert.deepEqual(kinds('a lamp for reading and a desk', 'en'), [['lamps', 'tables'], []], 'not across "and"');
    assert.deepEqual(kinds('a gift for my son, jeans maybe', 'en'), [['jeans'], []], 'not across a comma');
  });

  it('past a measure between "for" and the kind ("for a 15 inch laptop")', () => {
    assert.deepEqual(kinds('a backpack big enough for a 15 inch laptop', 'en'), [['backpacks'], ['laptops']]);
    assert.deepEqual(kinds('a cover for the 55 inch tv', 'en'), [[], ['tvs']]);
    assert.deepEqual(kinds('¿tenés mochilas para notebook de 15 pulgadas?', 'es'), [['backpacks'], ['laptops']]);
    assert.deepEqual(kinds('a 15 inch laptop', 'en'), [['laptops'], []], 'no "for": the laptop is sought');
  });

  it('a kind after "with" and a describing word, later in the request, is what the kind sought has', () => {
    assert.deepEqual(kinds('boots in size 8 with a low heel', 'en'), [['boots'], ['heels']]);
    assert.deepEqual(kinds('I want a sofa with matching cushions', 'en'), [['sofas', 'pillows'], []], '"matching": both are wanted');
  });

  it('what a thing holds is what it is for ("a bag that fits a phone", "donde quepan el celular")', () => {
    assert.deepEqual(kinds('looking for a crossbody bag that fits a phone and keys, under 60', 'en'), [['bags'], ['phones']]);
    assert.deepEqual(kinds('a backpack that holds a 15 inch laptop', 'en'), [['backpacks'], ['laptops']]);
    assert.deepEqual(kinds('un bolso cruzado donde quepan el celular y las llaves', 'es'), [['bags'], ['phones']]);
    assert.deepEqual(kinds('jeans that fit well', 'en'), [['jeans'], []]);
  });
});

describe('purposes: what a thing not named is for or used on ("something cozy for reading on the couch")', () => {
  it('after "something", "anything", "algo", "cosas": the kind after "for" / "on" / "para" is what it is for', () => {
    assert.deepEqual(kinds('something cozy for reading on the couch', 'en'), [[], ['sofas']]);
    assert.deepEqual(kinds('something to snuggle with on the sofa', 'en'), [[], ['sofas']]);
    assert.deepEqual(kinds('something cute for my desk', 'en'), [[], ['tables']]);
    assert.deepEqual(kinds('algo para el sofá', 'es'), [[], ['sofas']]);
    assert.deepEqual(kinds('¿tienen cosas para bicicleta?', 'es'), [[], ['bikes']]);
  });
  it('not a room (what is used there is sought), what is worn on the body, nor the kind itself', () => {
    assert.deepEqual(kinds('something for the bedroom', 'en')[0], ['bedroom']);
    assert.deepEqual(kinds('algo para la parte de abajo', 'es')[0], ['bottoms']);
    assert.deepEqual(kinds('something like a couch', 'en'), [['sofas'], []]);
    assert.deepEqual(kinds('a couch for the living room', 'en')[0], ['sofas']);
    assert.deepEqual(kinds('something nice, and a lamp for the desk', 'en'), [['lamps'], ['tables']]);
  });
});

describe("purposes: the shopper's own kind, when another is sought", () => {
  it('"my sofa is grey, any cushions?": the cushions are sought, the sofa and its colour are the shopper\'s', () => {
    for (const [text, lang] of [['my sofa is grey, any cushions?', 'en'], ['mi sofá es gris y busco cojines', 'es']] as const) {
      const e = extractEntities(text, lang);
      assert.deepEqual([e.categories, e.purposes, e.colours], [['pillows'], ['sofas'], []], text);
    }
  });

  it('alone, or replaced, it is the kind sought', () => {
    assert.deepEqual(kinds('I want to replace my sofa', 'en'), [['sofas'], []]);
    assert.deepEqual(kinds('quiero cambiar mi colchón y unas almohadas', 'es'), [['mattresses', 'pillows'], []]);
    assert.deepEqual(kinds('a rug for my living room', 'en'), [['rugs'], ['living room']]);
  });
});

describe('the list for a kind asked with the thing it goes with or is for (the agent explorer\'s turns)', () => {
  const NOW = Date.UTC(2025, 0, 15, 12);
  const index = CatalogIndex.build([
    product({ id: 'yellow-sofa', title: 'Yellow Sofa', productType: 'Indoor', tags: ['Sofa', 'Couch'], price: 400 }),
    product({ id: 'brown-pillows', title: 'Brown Throw Pillows', productType: 'Indoor', tags: ['Pillows', 'Throw Pillows'], price: 20 }),
    product({ id: 'yellow-pillows', title: 'Yellow Throw Pillows', productType: 'Indoor', tags: ['Pillows', 'Throw Pillows'], price: 22 }),
    product({ id: 'bedside-table', title: 'Bedside Table', productType: 'Indoor', tags: ['Wood', 'Bedroom'], price: 70 }),
    product({ id: 'copper-light', title: 'Copper Light', productType: 'Indoor', tags: ['Copper', 'Bedroom'], price: 60 }),
    product({ id: 'crane', title: 'Origami Crane Necklace', productType: 'Necklace', tags: ['Silver'], price: 75 }),
    product({ id: 'crane-earrings', title: 'Silver Crane Earrings', productType: 'Earrings', tags: ['Silver'], price: 30 }),
    product({ id: 'hoops', title: 'Gold Hoop Earrings', productType: 'Earrings', tags: ['Gold'], price: 35 }),
  ]);
  const vocabulary = compileVocabulary(vocabularyFromProducts(index.all()));
  const ask = (text: string, lang: IntentLanguage) => {
    const entities = extractEntities(text, lang, { vocabulary });
    const base = emptyIntent(lang);
    const candidates = intentCandidates(entities, (q) => index.search(q, 40).map((h) => h.productId));
    return personalizeList({ base: [], intent: { ...base, entities }, catalog: index, temporal: temporalContext(NOW, 'US'), limit: 5, now: NOW, candidates });
  };

  const cases: [string, IntentLanguage, string[]][] = [
    ['unos cojines que peguen con el sofá amarillo', 'es', ['brown-pillows', 'yellow-pillows']],
    ['any earrings that would go with the crane necklace?', 'en', ['crane-earrings', 'hoops']],
    ['any earrings that would go with my crane necklace?', 'en', ['crane-earrings', 'hoops']],
    ['what lamps do you have for the bedside table?', 'en', ['copper-light']],
    ['¿qué lámparas tenéis para la mesita de noche?', 'es', ['copper-light']],
  ];
  for (const [text, lang, want] of cases) {
    it(`"${text}": ${want.join(', ')}, not the thing it goes with`, () => {
      const list = ask(text, lang);
      assert.deepEqual(list.items.map((i) => i.productId).sort(), want, JSON.stringify(list.items.map((i) => i.productId)));
      assert.deepEqual(list.constraints, { satisfied: true });
    });
  }
});
