import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { diminutiveBases, diminutiveOf } from './diminutives.ts';
import { extractEntities } from './entities.ts';

const KNOWN = new Set(['lampara', 'mesa', 'mesas', 'taza', 'tazas', 'collar', 'collares', 'cojin', 'luz', 'luces', 'reloj', 'relojes', 'banco', 'bolsa', 'bolso', 'mueble', 'arete', 'aretes']);
const known = (b: string): boolean => KNOWN.has(b);

describe('diminutiveOf: the word a Spanish diminutive makes smaller, by rule', () => {
  const cases: [string, string][] = [
    ['lamparita', 'lampara'],
    ['mesita', 'mesa'],
    ['mesitas', 'mesas'],
    ['tacita', 'taza'],
    ['tacitas', 'tazas'],
    ['collarcito', 'collar'],
    ['collarcitos', 'collares'],
    ['cojincito', 'cojin'],
    ['lucecita', 'luz'],
    ['lucecitas', 'luces'],
    ['relojito', 'reloj'],
    ['relojitos', 'relojes'],
    ['banquito', 'banco'],
    ['bolsita', 'bolsa'],
    ['bolsito', 'bolso'],
    ['mueblecito', 'mueble'],
    ['aretitos', 'aretes'],
  ];
  for (const [w, want] of cases) it(`${w} → ${want}`, () => assert.equal(diminutiveOf(w, known), want));

  it('a word that only ends like one reads as nothing unless its base is known', () => {
    for (const w of ['bonito', 'favorito', 'mosquito', 'ahorita', 'palito', 'cita', 'visita']) assert.equal(diminutiveOf(w, known), undefined, w);
  });
  it('keeps the gender of the suffix (no "pala" for "palito")', () => assert.ok(!diminutiveBases('palito').includes('pala')));
});

describe('entities: a diminutive of a kind is the kind', () => {
  const HOME = compileVocabulary({ categories: ['Home > Lighting > Lamps', 'Home > Lighting > Light Bulbs', 'Kitchen > Mugs', 'Furniture > Nightstands', 'Home > Planters'], vendors: [], tags: [] });
  const cases: [string, string[], string[]][] = [
    ['busco una lamparita', ['lamps'], ['Home > Lighting > Lamps']],
    ['una lamparita para la mesa de luz', ['lamps'], ['Home > Lighting > Lamps']],
    ['unas tacitas para regalar', ['mugs'], ['Kitchen > Mugs']],
    ['unas macetitas de barro', ['planters'], ['Home > Planters']],
    // A word that names a kind as it is stays that kind.
    ['lamparitas led de 9w', ['light bulbs'], ['Home > Lighting > Light Bulbs']],
    ['una lamparita e27', ['light bulbs'], ['Home > Lighting > Light Bulbs']],
    ['una mesita de noche', ['nightstands'], ['Furniture > Nightstands']],
  ];
  for (const [text, plain, shop] of cases) {
    it(`${text} → ${plain.join(', ')}`, () => {
      assert.deepEqual(extractEntities(text, 'es').categories, plain);
      assert.deepEqual(extractEntities(text, 'es', { vocabulary: HOME }).categories, shop);
    });
  }
});

describe('entities: "echar un cable" is a hand, no cable', () => {
  for (const text of ['a ver si me echáis un cable', 'échame un cable con esto', '¿me echas un cable? busco una lámpara']) {
    it(`${text} → no cable`, () => assert.ok(!extractEntities(text, 'es').categories.includes('chargers'), text));
  }
  it('a cable asked for stays one', () => assert.deepEqual(extractEntities('necesito un cable usb', 'es').categories, ['chargers']));
});

describe('money slang is no diminutive of a kind', () => {
  it('"25 luquitas" is a budget in an Argentine conversation, not little lights', () => {
    const e = extractEntities('¿tenés algo lindo por 25 luquitas?', 'es', { currencyHint: 'ARS' });
    assert.deepEqual([e.budget?.max, e.budget?.currency, e.categories], [25000, 'ARS', []]);
    assert.deepEqual(extractEntities('lucecitas para el árbol', 'es').categories, ['lamps'], 'near miss: a real diminutive of a light');
  });
});
