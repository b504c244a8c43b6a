import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import { CATEGORY_SYNONYMS } from './synonyms.ts';

describe('regional names of common kinds', () => {
  it('reads Río de la Plata and Andean words', () => {
    assert.deepEqual(extractEntities('unos aritos para mi novia', 'es').categories, ['earrings']);
    assert.deepEqual(extractEntities('busco ojotas para la playa', 'es').categories, ['sandals']);
    assert.deepEqual(extractEntities('quiero unas zapas blancas', 'es').categories, ['sneakers']);
  });
  it('reads earrings as Colombia, Mexico and Venezuela name them', () => {
    for (const text of ['unas candongas de oro', 'arracadas de plata', 'topitos para mi hija', 'unas dormilonas']) {
      assert.deepEqual(extractEntities(text, 'es').categories, ['earrings'], text);
    }
    for (const text of ['el pedido está pendiente', 'tengo pagos pendientes', 'están pendientes de envío', 'pendiente de pago']) {
      assert.deepEqual(extractEntities(text, 'es').categories, [], `"pendiente" is pending: ${text}`);
    }
    for (const text of ['unos pendientes de plata', 'busco pendientes largos', 'un pendiente de oro', 'pendientes']) {
      assert.deepEqual(extractEntities(text, 'es').categories, ['earrings'], text);
    }
  });
  it('not words that only look alike', () => {
    assert.deepEqual(extractEntities('tengo ojos marrones', 'es').categories, []);
    assert.deepEqual(extractEntities('zapatos de vestir', 'es').categories.includes('sneakers'), false);
  });
});

describe('garments named by one word of their own', () => {
  const cases: [string, 'en' | 'es', string[]][] = [
    ['a beige trench', 'en', ['coats']],
    ['un trench camel', 'es', ['coats']],
    ['a black puffer', 'en', ['jackets']],
    ['a puffer coat', 'en', ['coats']],
    ['un plumífero para la nieve', 'es', ['jackets']],
    ['a bomber', 'en', ['jackets']],
    ['una bomber negra', 'es', ['jackets']],
    ['a windbreaker for running', 'en', ['jackets']],
    ['un cortavientos', 'es', ['jackets']],
    ['unos joggers grises', 'es', ['pants']],
    ['sweatpants for the gym', 'en', ['pants']],
    ['a crossbody in tan', 'en', ['bags']],
    ['a clutch for the wedding', 'en', ['bags']],
    ['una bandolera de cuero', 'es', ['bags']],
    ['ballet flats in beige', 'en', ['ballet flats']],
    ['unas bailarinas negras', 'es', ['ballet flats']],
  ];
  for (const [text, lang, want] of cases) it(`"${text}"`, () => assert.deepEqual(extractEntities(text, lang).categories, want));
  it('ballet flats are shoes: asking for shoes is met by them', () => {
    const shoes = CATEGORY_SYNONYMS.find((g) => g.en[0] === 'shoes');
    assert.ok(shoes?.narrower?.includes('ballet flats'));
  });
  it('not "flat" in its everyday sense', () => {
    assert.deepEqual(extractEntities('a flat sheet for a double bed', 'en').categories, ['bedding']);
    assert.deepEqual(extractEntities('is shipping a flat rate?', 'en').categories, []);
  });
});

describe('down before a padded thing is its filling, the thing still the kind asked for', () => {
  const cases: [string, string[]][] = [
    ['a down jacket', ['jackets']],
    ['a warm down jacket for winter', ['jackets']],
    ['a down vest', ['vests']],
    ['a down comforter', ['bedding']],
  ];
  for (const [text, kinds] of cases) {
    it(`"${text}"`, () => {
      const e = extractEntities(text, 'en');
      assert.deepEqual(e.categories, kinds);
      assert.deepEqual(e.materials, ['down']);
    });
  }
  it('"una chaqueta de plumas" too, and "down" as a direction is no material', () => {
    assert.deepEqual(extractEntities('una chaqueta de plumas', 'es').materials, ['down']);
    assert.equal(extractEntities('I fell down, need a jacket', 'en').materials, undefined);
  });
});

describe('clothes for sport, said as what they are for', () => {
  const cases: [string, 'en' | 'es'][] = [['ropa para hacer deporte', 'es'], ['ropa para el gimnasio', 'es'], ['ropa de entrenamiento', 'es'], ['clothes for the gym', 'en'], ['gym wear for women', 'en'], ['athleisure', 'en']];
  for (const [text, lang] of cases) it(`"${text}" → activewear`, () => assert.deepEqual(extractEntities(text, lang).categories, ['activewear']));
  it('clothes for a person are still clothes', () => assert.deepEqual(extractEntities('ropa para mi hijo', 'es').categories, ['clothing']));
});

describe('home kinds a shopper names', () => {
  const cases: [string, 'en' | 'es', string][] = [
    ['picture frames', 'en', 'frames'], ['marcos de fotos', 'es', 'frames'], ['un portarretratos', 'es', 'frames'],
    ['a wall clock', 'en', 'clocks'], ['un reloj de pared', 'es', 'clocks'],
    ['a basket', 'en', 'baskets'], ['una cesta', 'es', 'baskets'],
    ['blackout curtains', 'en', 'curtains'], ['cortinas opacas', 'es', 'curtains'], ['unas persianas', 'es', 'window blinds'],
    ['a doormat', 'en', 'doormats'], ['un felpudo', 'es', 'doormats'], ['a bath mat', 'en', 'bath mats'], ['una alfombra de baño', 'es', 'bath mats'],
    ['dinner plates', 'en', 'dinnerware'], ['una vajilla', 'es', 'dinnerware'], ['wine glasses', 'en', 'glassware'], ['copas de vino', 'es', 'glassware'],
    ['cutlery', 'en', 'cutlery'], ['cubiertos', 'es', 'cutlery'], ['a coffee table', 'en', 'coffee tables'], ['una mesa de centro', 'es', 'coffee tables'],
  ];
  for (const [text, lang, kind] of cases) it(`"${text}" → ${kind}`, () => assert.deepEqual(extractEntities(text, lang).categories, [kind]));
  it('not the other things those words are', () => {
    assert.deepEqual(extractEntities('un reloj para mi papá', 'es').categories, ['watches']);
    assert.deepEqual(extractEntities('reading glasses', 'en').categories, ['eyeglasses']);
    assert.deepEqual(extractEntities('new glasses frames', 'en').categories, ['eyeglasses']);
    assert.deepEqual(extractEntities('unas monturas de gafas', 'es').categories, ['eyeglasses']);
    assert.deepEqual(extractEntities('unos anteojos de sol', 'es').categories, ['sunglasses']);
    assert.deepEqual(extractEntities('a frame for a photo of my glasses', 'en').categories, ['frames']);
    assert.deepEqual(extractEntities('what a spectacle', 'en').categories, []);
    assert.deepEqual(extractEntities('eyewear for my dad', 'en').categories, ['eyewear']);
    assert.deepEqual(extractEntities('sujetador copa C', 'es').categories, ['underwear']);
    assert.deepEqual(extractEntities('a soap dish', 'en').categories, []);
    assert.deepEqual(extractEntities('a bed frame', 'en').categories, ['beds']);
  });
  it('"busco cortinas opacas para el dormitorio" asks for curtains, the bedroom is what they are for', () => {
    const e = extractEntities('busco cortinas opacas para el dormitorio', 'es');
    assert.deepEqual([e.categories, e.purposes], [['curtains'], ['bedroom']]);
  });
});
