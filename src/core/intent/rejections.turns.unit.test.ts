import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentEntities, IntentLanguage, Rejection } from './types.ts';

/** A shop of jewelry and home goods whose vendors are companies ("Sterling Ltd", "Rustic LTD"). */
const SHOP = compileVocabulary({
  categories: ['Jewelry > Necklaces', 'Jewelry > Earrings', 'Home > Furniture > Sofas', 'Home > Decor > Candles'],
  vendors: ['Sterling Ltd', 'Rustic LTD', 'Lumen & Co'],
  tags: [],
});
const NECKLACES = 'Jewelry > Necklaces';
const EARRINGS = 'Jewelry > Earrings';

const brand = (value: string): Rejection => ({ kind: 'brand', value });
const category = (value: string): Rejection => ({ kind: 'category', value });
const material = (value: string): Rejection => ({ kind: 'material', value });

const read = (text: string, lang: IntentLanguage): IntentEntities => extractEntities(text, lang, { vocabulary: SHOP });

describe('rejections: "not from <brand>" and its kin rule the brand out', () => {
  const cases: [string, IntentLanguage, string][] = [
    ['necklace not from Sterling Ltd', 'en', 'Sterling Ltd'],
    ['sofa not from Rustic LTD', 'en', 'Rustic LTD'],
    ['a sofa, but not from Rustic LTD please', 'en', 'Rustic LTD'],
    ["a sofa that isn't from Rustic LTD", 'en', 'Rustic LTD'],
    ['earrings that are not sold by Sterling Ltd', 'en', 'Sterling Ltd'],
    ['a candle not by Lumen & Co', 'en', 'Lumen & Co'],
    ['a candle not made by Lumen & Co', 'en', 'Lumen & Co'],
    ['any necklace except Sterling Ltd', 'en', 'Sterling Ltd'],
    ['anything but Rustic LTD', 'en', 'Rustic LTD'],
    ['a sofa, no Rustic LTD please', 'en', 'Rustic LTD'],
    ['un sofá que no sea de Rustic LTD', 'es', 'Rustic LTD'],
    ['un collar excepto Sterling Ltd', 'es', 'Sterling Ltd'],
    ['un sofá menos de Rustic LTD', 'es', 'Rustic LTD'],
    ['una vela, nada de Lumen & Co', 'es', 'Lumen & Co'],
    // A brand the shop does not list, by its capitals, as "not Nike" always was.
    ['running shoes not from Nike', 'en', 'Nike'],
  ];
  for (const [text, lang, value] of cases) {
    it(text, () => {
      const e = read(text, lang);
      assert.deepEqual(e.rejections, [brand(value)]);
      assert.deepEqual(e.brands, [], 'the brand ruled out is not also wanted');
    });
  }

  it('several brands after one "not from"', () => {
    assert.deepEqual(read('a sofa not from Rustic LTD or Nike', 'en').rejections, [brand('Rustic LTD'), brand('Nike')]);
  });

  // Near misses: an origin or an amount is no brand.
  const none: [string, IntentLanguage][] = [
    ['a sofa not from here', 'en'],
    ['is this sofa not from China?', 'en'],
    ["a necklace that isn't from China", 'en'],
    ['nothing from Italy', 'en'],
    ['que no sea de China', 'es'],
    ['un sofá por menos de 50', 'es'],
    ['un sofá por menos de cien euros', 'es'],
    ['algo menos del presupuesto', 'es'],
    ['not from around here, are you?', 'en'],
  ];
  for (const [text, lang] of none) it(`${text}: nothing ruled out`, () => assert.deepEqual(read(text, lang).rejections, []));
  it('a place among the brands is passed over; a place-named kind is still a kind', () => {
    assert.deepEqual(read('a sofa not from Italy or Rustic LTD', 'en').rejections, [brand('Rustic LTD')]);
    assert.deepEqual(read('nothing from China or Rustic LTD', 'en').rejections, [brand('Rustic LTD')]);
    assert.deepEqual(extractEntities("I don't want a Jersey", 'en').rejections, [category('sweaters')]);
  });
  it('"menos de 50" stays a budget', () => assert.equal(read('un sofá por menos de 50', 'es').budget?.max, 50));
  it('"forget the colour, something gold": what is let go ends at the comma; gold is wished, not ruled out', () => {
    for (const text of ['forget the colour, something gold', 'never mind the colour, something gold']) {
      const r = read(text, 'en');
      assert.deepEqual([r.rejections, r.colours], [[], ['gold']], text);
    }
  });
  it('a sentence after the list is no brand ("not leather, I\'m vegan")', () => {
    assert.deepEqual(read("a choker that is not leather, I'm vegan", 'en').rejections, [{ kind: 'material', value: 'leather' }]);
    assert.deepEqual(read('a bag, not Gucci, Thanks', 'en').rejections, [brand('Gucci')]);
  });
});

describe('rejections: discourse words do not end a rejected value', () => {
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ["She doesn't like leather though", 'en', [material('leather')]],
    ["she doesn't like wool anyway", 'en', [material('wool')]],
    ['I hate polyester, really', 'en', [material('polyester')]],
    ["he doesn't like velvet either", 'en', [material('velvet')]],
    ['I hate glitter though', 'en', [{ kind: 'term', value: 'glitter' }]],
    ["don't want plastic at all", 'en', [material('plastic')]],
    ['no me gusta el cuero pues', 'es', [material('leather')]],
    ['nada de poliéster eh', 'es', [material('polyester')]],
    ['sin plástico gracias', 'es', [material('plastic')]],
    ['sin plástico por favor', 'es', [material('plastic')]],
    ['I hate glitter thanks', 'en', [{ kind: 'term', value: 'glitter' }]],
  ];
  for (const [text, lang, want] of cases) it(text, () => assert.deepEqual(read(text, lang).rejections, want));
});

describe('rejections: a change of mind drops the kind named before', () => {
  const cases: [string, IntentLanguage, string[], Rejection[]][] = [
    ["Actually, forget necklaces, let's look at earrings instead.", 'en', [EARRINGS], [category(NECKLACES)]],
    ['Never mind the necklace, show me earrings.', 'en', [EARRINGS], [category(NECKLACES)]],
    ['nevermind the necklaces. earrings', 'en', [EARRINGS], [category(NECKLACES)]],
    ['forget about the necklace, I want earrings', 'en', [EARRINGS], [category(NECKLACES)]],
    ["let's just forget the necklace", 'en', [], [category(NECKLACES)]],
    ['Scrap the necklace, earrings it is', 'en', [EARRINGS], [category(NECKLACES)]],
    ['oh, scratch the sofa. A candle', 'en', ['Home > Decor > Candles'], [category('Home > Furniture > Sofas')]],
    ['No wait, not a necklace, earrings.', 'en', [EARRINGS], [category(NECKLACES)]],
    ['No wait, not a necklace. Earrings.', 'en', [EARRINGS], [category(NECKLACES)]],
    ['Earrings instead of a necklace', 'en', [EARRINGS], [category(NECKLACES)]],
    ['olvida el collar, mejor pendientes', 'es', [EARRINGS], [category(NECKLACES)]],
    ['No, olvídate del collar. Quiero pendientes', 'es', [EARRINGS], [category(NECKLACES)]],
    ['olvidemos los collares, mejor unos pendientes', 'es', [EARRINGS], [category(NECKLACES)]],
    ['mejor no collar, pendientes', 'es', [EARRINGS], [category(NECKLACES)]],
    ['forget the gold, show me silver necklaces', 'en', [NECKLACES], [material('gold')]],
    // "All", "todo" before what is dropped (they were read as wishes for the very thing: only gold shown).
    ['necklaces. forget all the gold ones', 'en', [NECKLACES], [material('gold')]],
    ['collares. olvida todo lo de oro', 'es', [NECKLACES], [material('gold')]],
  ];
  for (const [text, lang, categories, rejections] of cases) {
    it(text, () => {
      const e = read(text, lang);
      assert.deepEqual([e.categories, e.rejections], [categories, rejections]);
    });
  }

  // Near misses: forgetting that is no change of mind, and lists that are lists.
  const kept: [string, IntentLanguage, string[], Rejection[]][] = [
    ["I can't forget her birthday, a necklace please", 'en', [NECKLACES], []],
    ["don't forget the necklace", 'en', [NECKLACES], []],
    ['let’s not forget the earrings', 'en', [EARRINGS], []],
    ['I always forget the necklace size', 'en', [NECKLACES], []],
    ['never mind the price, show me the best necklace', 'en', [NECKLACES], []],
    ['Never mind, show me earrings', 'en', [EARRINGS], []],
    ['a forget-me-not necklace', 'en', [NECKLACES], []],
    ['scratch resistant earrings', 'en', [EARRINGS], []],
    ['no olvides el collar', 'es', [NECKLACES], []],
    ['se me olvida el collar en casa', 'es', [NECKLACES], []],
    ['mejor no, gracias', 'es', [], []],
    ['no necklaces, earrings or rings', 'en', [], [category(NECKLACES), category(EARRINGS), category('rings')]],
    ['algo que no sea ni collar ni pendientes', 'es', [], [category(NECKLACES), category(EARRINGS)]],
  ];
  for (const [text, lang, categories, rejections] of kept) {
    it(`${text}: no change of mind`, () => {
      const e = read(text, lang);
      assert.deepEqual([e.categories, e.rejections], [categories, rejections]);
    });
  }

  it('a comma list of materials or colours after one negation still rules each out', () => {
    assert.deepEqual(read('nothing gold, silver or black', 'en').rejections, [material('gold'), material('silver'), { kind: 'colour', value: 'black' }]);
    assert.deepEqual(read('a necklace, not gold, silver', 'en').rejections, [material('gold'), material('silver')]);
  });
});
