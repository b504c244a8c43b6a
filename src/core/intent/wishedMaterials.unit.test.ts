/**
 * Materials and stones asked FOR are read as wishes (`IntentEntities.materials`), in English and
 * Spanish, with the shop's tags naming them never read as kinds of product; "<kind> with/con <stone>"
 * asks for the kind. Near misses: metals that are colours stay colours only, figures of speech, care
 * products, what a product is for, questions about a product, and a material said of one compared option.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

// The tags and types of jewelery.csv and home-and-garden.csv, and a shop that sells a "Leather Care" type.
const jewellery = compileVocabulary({ categories: ['Bracelet', 'Earrings', 'Necklace'], vendors: ['Company 123'], tags: ['Anchor', 'Beads', 'Choker', 'Diamond', 'Gem', 'Gold', 'Leather', 'Silver', 'Turquoise'] });
const home = compileVocabulary({ categories: ['Indoor', 'Outdoor'], vendors: [], tags: ['Wood', 'Garden', 'Leather', 'Black', 'Sofa', 'Pot'] });
const careShop = compileVocabulary({ categories: ['Leather Care', 'Bags'], vendors: [], tags: ['Leather'] });

const read = (text: string, lang: IntentLanguage = 'en', vocabulary = jewellery) => {
  const e = extractEntities(text, lang, { vocabulary });
  return { categories: e.categories, colours: e.colours, materials: e.materials ?? [] };
};

describe('a stone set in a jewel, said in the singular after "with"/"con"', () => {
  it('"a silver necklace with a blue stone": the stone asked for beside the colours, so both must hold', () => {
    assert.deepEqual(read('silver necklace with a blue stone'), { categories: ['Necklace'], colours: ['silver', 'blue'], materials: ['gemstone'] });
    assert.deepEqual(read('collar de plata con una piedra azul', 'es'), { categories: ['Necklace'], colours: ['silver', 'blue'], materials: ['gemstone'] });
    assert.deepEqual(read('a ring with a stone, under 50').materials, ['gemstone']);
  });
  it('not a stone part of something, nor stone as a material of its own', () => {
    assert.deepEqual(read('a planter with a stone base', 'en', home).materials, []);
    assert.deepEqual(read('a stone bench for the garden', 'en', home).materials, []);
  });
});

describe('materials and stones asked for (wishedMaterials.ts)', () => {
  it('reads a material asked for as a wish, never as a kind of product (a shop tag "Leather" is the material)', () => {
    for (const [text, lang, categories, materials] of [
      ['a leather bracelet', 'en', ['Bracelet'], ['leather']],
      ['una pulsera de cuero', 'es', ['Bracelet'], ['leather']],
      ['una pulsera de piel', 'es', ['Bracelet'], ['leather']],
      ['suede bracelets please', 'en', ['Bracelet'], ['suede']],
      ['do you have leather bracelets?', 'en', ['Bracelet'], ['leather']],
      ['necklaces in sterling silver or leather', 'en', ['Necklace'], ['leather']],
      // "for" after a verb of seeking introduces what is sought, not what it is for.
      ["I'm looking for a leather bracelet for my boyfriend, under $60", 'en', ['Bracelet'], ['leather']],
      // An agent's summary: "asked for" introduces what is sought too.
      ['The shopper asked for leather bracelets', 'en', ['Bracelet'], ['leather']],
      ['shopping for suede bracelets', 'en', ['Bracelet'], ['suede']],
    ] as const) {
      assert.deepEqual({ c: read(text, lang).categories, m: read(text, lang).materials }, { c: categories, m: materials }, text);
    }
    assert.deepEqual(read('wooden bowls', 'en', home).materials, ['wood']);
    assert.deepEqual(read('algo de madera', 'es', home), { categories: [], colours: [], materials: ['wood'] });
    assert.deepEqual(read('de barro', 'es', home), { categories: [], colours: [], materials: ['clay'] }, 'barro is clay');
    assert.deepEqual(read('a leather beanbag', 'en', home).materials, ['leather']);
    // Without a shop vocabulary too ("denim" is also the table's word for jeans: here, the jacket's material).
    assert.deepEqual(extractEntities('a denim jacket', 'en').materials, ['denim']);
    assert.deepEqual(extractEntities('una camisa de algodón', 'es').materials, ['cotton']);
  });

  it('reads regional Spanish materials as one material each, and a word that is also something else only where it is the fabric', () => {
    for (const [text, categories, materials, colours] of [
      // Read as "de piel" then "sintética" these were leather and synthetic.
      ['cinturón de piel sintética', ['belts'], ['faux leather'], []],
      ['zapatos de cuero vegano', ['shoes'], ['faux leather'], []],
      ['botines de charol', ['boots'], ['patent leather'], []],
      ['una chompa de alpaca', ['sweaters'], ['alpaca'], []],
      ['camisa de franela a cuadros', ['shirts'], ['flannel'], []],
      // "de jean" is denim in much of Latin America: a jacket of it, not a jacket for jeans.
      ['una campera de jean azul', ['jackets'], ['denim'], ['blue']],
      // "café" after the fabric is brown, as after any product noun.
      ['pantalón de pana café', ['pants'], ['corduroy'], ['brown']],
      // "franela" alone is a T-shirt in Venezuela (the kind asked for), "pana" a friend: neither is a fabric there.
      ['una franela negra talla M', ['t-shirts'], [], ['black']],
      // Spain's "vaquera" after a garment is denim; "unos vaqueros" are the jeans.
      ['una chaqueta vaquera oversize', ['jackets'], ['denim'], []],
      ['un chaleco vaquero talla M', ['vests'], ['denim'], []],
      ['unos vaqueros rectos', ['jeans'], [], []],
      ['un regalo para mi pana', [], [], []],
    ] as const) {
      const e = extractEntities(text, 'es');
      assert.deepEqual({ c: e.categories, m: e.materials ?? [], k: e.colours }, { c: categories, m: materials, k: colours }, text);
    }
    assert.deepEqual(extractEntities('busco jeans', 'es').categories, ['jeans'], 'the trousers alone are still jeans');
    assert.deepEqual(extractEntities('una cartera de gamuza sintética', 'es').materials, ['faux suede']);
    assert.deepEqual(extractEntities('vegan suede loafers', 'en').materials, ['faux suede'], 'not suede');
  });

  it('reads "jean" before an English garment as denim, the garment still the kind: not a garment for jeans', () => {
    for (const [text, categories] of [
      ['a jean jacket', ['jackets']],
      ['jean shorts for the summer', ['shorts']],
      ['a jeans jacket', ['jackets']],
      ['a jean skirt', ['skirts']],
    ] as const) {
      const e = extractEntities(text, 'en');
      assert.deepEqual({ c: e.categories, m: e.materials ?? [], p: e.purposes ?? [] }, { c: categories, m: ['denim'], p: [] }, text);
    }
    // Jeans themselves, and a jacket to wear with them, are what they were.
    assert.deepEqual(extractEntities('black jeans', 'en').categories, ['jeans']);
    const withJeans = extractEntities('a jacket to go with my jeans', 'en');
    assert.deepEqual({ c: withJeans.categories, m: withJeans.materials ?? [], p: withJeans.purposes }, { c: ['jackets'], m: [], p: ['jeans'] });
  });

  it('"<kind> with/con <stone or material>" asks for the kind, with the stone as a wish, not for a second kind', () => {
    for (const [text, lang, categories, materials] of [
      ['earrings with diamonds', 'en', ['Earrings'], ['diamond']],
      ['a ring with a sapphire', 'en', ['rings'], ['sapphire']],
      ['collar con perlas', 'es', ['Necklace'], ['pearl']],
      ['pendientes con diamantes', 'es', ['Earrings'], ['diamond']],
      // "Brillantes" after "con" or "de" are diamonds, as a jeweller sells them.
      ['pendientes con brillantes', 'es', ['Earrings'], ['diamond']],
      ['un collar de brillantes', 'es', ['Necklace'], ['diamond']],
      ['a bracelet with gems', 'en', ['Bracelet'], ['gemstone']],
    ] as const) {
      const v = text.includes('ring with') ? compileVocabulary(undefined) : jewellery;
      const e = extractEntities(text, lang, { vocabulary: v });
      assert.deepEqual({ c: e.categories, m: e.materials }, { c: categories, m: materials }, text);
    }
  });

  it('"brillante(s)" alone is shiny, not a stone: "zapatos brillantes", "un vestido brillante" (near miss)', () => {
    for (const text of ['zapatos brillantes', 'un vestido brillante', 'unos aretes brillantes']) assert.deepEqual(extractEntities(text, 'es').materials ?? [], [], text);
  });

  it('metals that are colours stay colours, read once ("gold", "plata", "dorado", "turquoise")', () => {
    assert.deepEqual(read('silver hoops'), { categories: ['Earrings'], colours: ['silver'], materials: [] });
    assert.deepEqual(read('una pulsera de oro', 'es'), { categories: ['Bracelet'], colours: ['gold'], materials: [] });
    assert.deepEqual(read('collar plateado', 'es'), { categories: ['Necklace'], colours: ['silver'], materials: [] });
    assert.deepEqual(read('a gold and leather bracelet'), { categories: ['Bracelet'], colours: ['gold'], materials: ['leather'] });
  });

  it('near misses: figures of speech, care products, what a product is for, questions, names, no wish', () => {
    for (const [text, lang, vocabulary] of [
      ['gold standard bracelet', 'en', jewellery],
      ['a diamond in the rough', 'en', jewellery],
      ['every cloud has a silver lining', 'en', jewellery],
      ['this shop is a hidden gem', 'en', jewellery],
      ['leather care kit', 'en', home],
      ['wood polish for the table', 'en', home],
      ['limpiador de cuero', 'es', home],
      ['a brush for suede shoes', 'en', home],
      ["I'm looking for a brush for suede", 'en', home],
      ['is it real leather?', 'en', jewellery],
      ['are these diamonds real?', 'en', jewellery],
      ['¿es de cuero?', 'es', jewellery],
      ['a gift for Ruby', 'en', jewellery],
      ['wine glasses', 'en', home],
      ['stepping stones for the garden', 'en', home],
    ] as const) {
      const e = extractEntities(text, lang, { vocabulary });
      assert.deepEqual({ colours: e.colours, materials: e.materials ?? [] }, { colours: [], materials: [] }, text);
      assert.ok(!e.categories.some((c) => ['Leather', 'Diamond', 'Gem', 'Gold', 'Silver', 'Wood'].includes(c)), `${text}: a material word is no kind (${e.categories.join(', ')})`);
    }
    // A shop that sells "Leather Care": the kind asked for, not leather.
    assert.deepEqual(read('leather care kit', 'en', careShop), { categories: ['Leather Care'], colours: [], materials: [] });
  });

  it('a material ruled out, inside a purpose or said of one compared option is no wish', () => {
    assert.deepEqual(read('a necklace, no leather').materials, []);
    assert.deepEqual(extractEntities('a necklace, no leather', 'en', { vocabulary: jewellery }).rejections, [{ kind: 'material', value: 'leather' }]);
    assert.deepEqual(extractEntities('cushions for my leather sofa', 'en').materials ?? [], []);
    assert.deepEqual(extractEntities('is the silk scarf better than the red one?', 'en').materials ?? [], []);
    assert.deepEqual(extractEntities('silk or wool scarf?', 'en').materials, ['silk', 'wool'], 'said of both options: either');
  });
});
