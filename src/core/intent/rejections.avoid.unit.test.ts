/**
 * Refusals said with a verb of avoiding or a word of "none" (QA probe: "evitá el cuero, buscame unas
 * zapatillas", "evita el cuero, unas botas", "unas botas, evitando el cuero", "unas zapatillas de gamuza,
 * cero cuero" asked FOR leather), beside the refusals that already worked ("prefiero evitar la gamuza",
 * "avoid leather", "nada de cuero", "sin cuero").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { rejectionHit } from '../personalize/hardFilters.ts';
import { extractEntities } from './entities.ts';
import { detectLanguage } from './language.ts';
import type { Rejection } from './types.ts';

const LEATHER: Rejection = { kind: 'material', value: 'leather' };

function read(text: string) {
  const e = extractEntities(text, detectLanguage(text));
  return { rejections: e.rejections, materials: e.materials ?? [], colours: e.colours, categories: e.categories };
}

/** Products of the leather family, and one that is none. */
const SUEDE = product({ id: 's', title: 'Suede Chelsea Boots', productType: 'Boots' });
const NUBUCK = product({ id: 'n', title: 'Nubuck Hiking Boots', productType: 'Boots' });
const PATENT = product({ id: 'p', title: 'Patent Leather Heels', productType: 'Heels' });
const LEATHER_BOOT = product({ id: 'l', title: 'Classic Leather Boots', productType: 'Boots' });
const CANVAS = product({ id: 'c', title: 'Cotton Canvas Sneakers', productType: 'Sneakers' });
const FAUX = product({ id: 'f', title: 'Faux Suede Ankle Boots', productType: 'Boots' });

describe('a verb of avoiding rules out what follows, in any of its forms', () => {
  const cases = [
    'evitá el cuero, buscame unas zapatillas',
    'evita el cuero, unas botas',
    'unas botas, evitando el cuero',
    'eviten el cuero, unas botas',
    'evitaría el cuero, unas botas',
    'evite el cuero por favor, unas botas',
    'unas botas que eviten el cuero',
    'evita que sea de cuero, unas botas',
    'avoid leather, I want boots',
    'she avoids leather, boots for her',
    'boots, steer clear of leather',
    'boots but stay clear of leather',
  ];
  for (const text of cases) {
    it(`"${text}": leather refused, not asked for`, () => {
      const e = read(text);
      assert.deepEqual(e.rejections, [LEATHER]);
      assert.deepEqual(e.materials, []);
    });
  }

  it('leather refused so rules out its family (suede, nubuck, patent leather), not faux suede nor canvas', () => {
    const [r] = read('evitá el cuero, buscame unas zapatillas').rejections as [Rejection];
    for (const p of [SUEDE, NUBUCK, PATENT, LEATHER_BOOT]) assert.ok(rejectionHit(p, r) !== undefined, p.title);
    for (const p of [CANVAS, FAUX]) assert.equal(rejectionHit(p, r), undefined, p.title);
  });

  it('what was right stays right', () => {
    assert.deepEqual(read('prefiero evitar la gamuza, unas botas').rejections, [{ kind: 'material', value: 'suede' }]);
    assert.deepEqual(read('avoiding anything in suede, boots').rejections, [{ kind: 'material', value: 'suede' }]);
    const wish = read('unas botas de cuero');
    assert.deepEqual([wish.materials, wish.rejections], [['leather'], []]);
    // What a thing prevents, said of it, is no refusal of a word ("it prevents wrinkles"), nor with its object before it.
    assert.deepEqual(read('una crema que evita las arrugas').rejections, []);
    assert.deepEqual(read('¿el filtro lo evita de verdad?').rejections, []);
    assert.deepEqual(read('a fabric that avoids creases').rejections, []);
  });
});

describe('"cero", "zero", "fuera", "nada de", "ni", "sin nada de", "que no tenga", "no … at all", "anything but"', () => {
  for (const text of [
    'unas zapatillas de gamuza, cero cuero',
    'unas botas, cero cuero',
    'zero leather, boots please',
    'boots, zero leather',
    'unas botas, fuera el cuero',
    'nada de cuero, unas botas',
    'unas botas, ni cuero ni plástico',
    'sin nada de cuero, unas botas',
    'unas botas que no tengan cuero',
    'boots, no leather at all',
    'boots in anything but leather',
  ]) {
    it(`"${text}": leather refused, not asked for`, () => {
      const e = read(text);
      assert.ok(e.rejections.some((r) => r.kind === 'material' && r.value === 'leather'), JSON.stringify(e.rejections));
      assert.ok(!e.materials.includes('leather'), `materials ${JSON.stringify(e.materials)}`);
    });
  }

  it('suede asked for beside "cero cuero" stays asked for, as beside "sin cuero"', () => {
    for (const t of ['unas zapatillas de gamuza, cero cuero', 'unas zapatillas de gamuza, sin cuero']) {
      const e = read(t);
      assert.deepEqual([e.materials, e.rejections], [['suede'], [LEATHER]], t);
    }
  });

  it('a zero that is a number and "fuera" that is outside refuse nothing', () => {
    for (const [t, colours] of [
      ['a size zero black dress', ['black']],
      ['un vestido talla cero negro', ['black']],
      ['quiero empezar de cero, unas botas negras', ['black']],
      ['una chaqueta negra por fuera', ['black']],
      ['algo para usar fuera de casa, negro', ['black']],
      ['un abrigo, si fuera negro mejor', ['black']],
    ] as const) {
      const e = read(t);
      assert.deepEqual([e.rejections, e.colours], [[], colours], t);
    }
    assert.deepEqual(read('unas botas con cero tacón').rejections, [], 'not a known thing');
  });
});
