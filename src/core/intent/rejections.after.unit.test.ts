import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage, Rejection } from './types.ts';

/** A home-and-garden shop: planters, vases, lamps; and a jewellery shop. */
const HOME = compileVocabulary({ categories: ['Home > Planters', 'Home > Decor > Vases', 'Home > Lighting > Lamps', 'Garden > Outdoor'], vendors: [], tags: [] });
const JEWELLERY = compileVocabulary({ categories: ['Jewelry > Necklaces', 'Jewelry > Rings', 'Jewelry > Earrings'], vendors: [], tags: [] });

const material = (value: string): Rejection => ({ kind: 'material', value });
const colour = (value: string): Rejection => ({ kind: 'colour', value });

/** The rejections read without a shop and with each shop's vocabulary; they must agree, bar kinds (named by the shop). */
function rejections(text: string, lang: IntentLanguage): Rejection[] {
  const plain = extractEntities(text, lang);
  for (const vocabulary of [HOME, JEWELLERY]) {
    const shop = extractEntities(text, lang, { vocabulary });
    assert.deepEqual(
      shop.rejections.filter((r) => r.kind !== 'category'),
      plain.rejections.filter((r) => r.kind !== 'category'),
      `${text}: same rejections with a shop`,
    );
  }
  return [...plain.rejections];
}

describe('rejections: a "no" said after the thing (Spanish "las de cartón no")', () => {
  const cases: [string, Rejection[]][] = [
    ['macetas, pero las de cartón no', [material('cardboard')]],
    ['macetas pero las de cartón no', [material('cardboard')]],
    ['unas macetas grandes. Las de plástico no, gracias', [material('plastic')]],
    ['los de plástico no por favor', [material('plastic')]],
    ['las de barro sí, las de cartón no', [material('cardboard')]],
    ['las de barro sí las de cartón no', [material('cardboard')]],
    ['el dorado no lo quiero', [colour('gold')]],
    ['un jarrón, y las de plástico tampoco', [material('plastic')]],
    ['el negro y el dorado no', [colour('black'), colour('gold')]],
    ['de plástico mejor no', [material('plastic')]],
    ['collares no, aretes sí', [{ kind: 'category', value: 'necklaces' }]],
  ];
  for (const [text, want] of cases) it(`${text} → ${want.map((r) => r.value).join(', ')}`, () => assert.deepEqual(rejections(text, 'es'), want));

  it('what was refused is no wish ("las de cartón" is not a material asked for)', () => {
    const e = extractEntities('macetas, pero las de cartón no', 'es', { vocabulary: HOME });
    assert.equal(e.materials, undefined);
    assert.deepEqual(e.rejections, [material('cardboard')]);
  });

  const none = [
    'el negro no está mal', // "no" before a verb
    '¿lo tienen en negro no?', // a tag question
    'lo tienen en negro no?',
    'en dorado no, ¿verdad?',
    'si el dorado no, el plateado', // a supposition
    'de plata no tengo',
    'quiero uno de cuero o no', // or not
    'creo que no',
    'el collar no, el anillo', // one product, not every necklace
    'quiero collares de cuero no?',
  ];
  for (const text of none) it(`${text} → nothing ruled out`, () => assert.deepEqual(rejections(text, 'es'), []));
});

describe('rejections: knowing nothing of a thing is no refusal of it', () => {
  const cases: [string, IntentLanguage][] = [
    ['no sé nada de jardinería pero quiero empezar', 'es'],
    ['no se nada de joyeria, busco algo pa mi mama', 'es'],
    ['no entiendo nada de joyas', 'es'],
    ['no conozco nada de relojes, ayúdame', 'es'],
    ['mi marido no sabe nada de plantas', 'es'],
    ['no tengo ni idea de jardinería', 'es'],
    ['I know nothing about jewelry', 'en'],
  ];
  for (const [text, lang] of cases) it(`${text} → nothing ruled out`, () => assert.deepEqual(rejections(text, lang), []));

  it('the thing is then what is sought', () => {
    assert.deepEqual(extractEntities('no sé nada de jardinería pero quiero empezar', 'es').categories, ['garden']);
    assert.deepEqual(extractEntities('no se nada de joyeria, busco algo pa mi mama', 'es').categories, ['jewelry']);
  });

  it('"nada de" still refuses elsewhere', () => {
    assert.deepEqual(rejections('no quiero nada de cuero', 'es'), [material('leather')]);
    assert.deepEqual(rejections('un bolso, nada de cuero', 'es'), [material('leather')]);
  });
});

describe('rejections: "no X?" opening a question asks whether there are none', () => {
  for (const text of ['oh no rings?', 'no rings?', 'so no black ones?', 'wait, no rings in stock?', 'oh, no gold?']) {
    it(`${text} → nothing ruled out`, () => assert.deepEqual(rejections(text, 'en'), []));
  }
  it('the thing asked about is sought', () => assert.deepEqual(extractEntities('oh no rings?', 'en', { vocabulary: JEWELLERY }).categories, ['Jewelry > Rings']));
  it('a "no" after something asked for still refuses ("necklaces, no gold?", "no gold please")', () => {
    assert.deepEqual(rejections('necklaces, no gold?', 'en'), [material('gold')]);
    assert.deepEqual(rejections('no gold please', 'en'), [material('gold')]);
  });
});
