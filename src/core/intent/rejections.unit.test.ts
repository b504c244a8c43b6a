import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage, Rejection } from './types.ts';

/** A shop with jackets, necklaces and cushions but no earrings and no coffee. */
const SHOP = compileVocabulary({
  categories: ['Jewelry > Necklaces', 'Apparel > Outerwear > Jackets', 'Home > Decor > Throw Pillows', 'Home > Furniture > Bedside Tables'],
  vendors: ['Nike', 'Adidas'],
  tags: [],
});

const colour = (value: string): Rejection => ({ kind: 'colour', value });
const material = (value: string): Rejection => ({ kind: 'material', value });

/** Rejections and wanted colours, read without and with the shop's vocabulary (both must agree here). */
function read(text: string, lang: IntentLanguage): { rejections: Rejection[]; colours: string[] } {
  const plain = extractEntities(text, lang);
  const shop = extractEntities(text, lang, { vocabulary: SHOP });
  assert.deepEqual(shop.rejections, plain.rejections, `${text}: same rejections with the shop vocabulary`);
  assert.deepEqual(shop.colours, plain.colours, `${text}: same colours with the shop vocabulary`);
  return { rejections: [...plain.rejections], colours: [...plain.colours] };
}

/** Asserts the rejections and that no rejected colour is also wanted. */
function rejects(text: string, lang: IntentLanguage, want: Rejection[], colours: string[] = []): void {
  const got = read(text, lang);
  assert.deepEqual(got.rejections, want, text);
  assert.deepEqual(got.colours, colours, `${text}: wanted colours`);
  for (const r of got.rejections) assert.ok(!got.colours.includes(r.value), `${text}: ${r.value} both rejected and wanted`);
}

describe('rejections: negations that read as the opposite wish', () => {
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ['nothing black please', 'en', [colour('black')]],
    ['Nothing gold or silver', 'en', [material('gold'), material('silver')]],
    ["a necklace that isn't gold", 'en', [material('gold')]],
    ['a necklace that isnt gold', 'en', [material('gold')]],
    ['a necklace that isn’t gold', 'en', [material('gold')]],
    ['a ring that ISN´T GOLD', 'en', [material('gold')]],
    ["a jacket that isn't black", 'en', [colour('black')]],
    ["a sofa that isn't grey or beige", 'en', [colour('grey'), colour('beige')]],
    ["I'd like a jacket that's not black", 'en', [colour('black')]],
    ['una chaqueta pero nada negro', 'es', [colour('black')]],
    ['cualquier collar menos los dorados', 'es', [colour('gold')]],
    ['collares, menos los plateados', 'es', [colour('silver')]],
    ['todos menos los negros', 'es', [colour('black')]],
    ["she isn't into gold", 'en', [material('gold')]],
    ["he doesn't do leather", 'en', [material('leather')]],
    ["my wife doesn't wear silver", 'en', [material('silver')]],
    ['no le gusta el dorado', 'es', [colour('gold')]],
    ['mi mamá no usa plata', 'es', [material('silver')]],
    ['mi esposa no lleva oro, unos aretes', 'es', [material('gold')]],
    ["my partner can't stand leather furniture, we need a beanbag", 'en', [material('leather')]],
    ['nothing in leather furniture', 'en', [material('leather')]],
    ['any colour but black', 'en', [colour('black')]],
    ['a jacket, any color except red', 'en', [colour('red')]],
    // Keeping away from it, and wanting nothing with it (probe 2026-12-06: these were read as wishes).
    ["I'm looking for earrings and I don't want anything with silver in it", 'en', [material('silver')]],
    ["I don't want something with leather, a bracelet", 'en', [material('leather')]],
    ['necklaces please, and stay away from gold', 'en', [material('gold')]],
    ['necklace, please keep it away from turquoise', 'en', [colour('turquoise')]],
    ['collar, y por favor aléjate del dorado', 'es', [colour('gold')]],
    ['unos aretes, el oro no le va a mi vieja', 'es', [material('gold')]],
    ["i dont want turquoise stuff, just show me earrings", 'en', [colour('turquoise')]],
  ];
  for (const [text, lang, want] of cases) it(text, () => rejects(text, lang, want));
});

describe('rejections: a part, trim, motif or scent refused by name, and "ni" carrying the refusal on', () => {
  const term = (value: string): Rejection => ({ kind: 'term', value });
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ['jacket, no zip', 'en', [term('zip')]],
    ['bracelet, no tassels', 'en', [term('tassel')]],
    ['candles but not vanilla', 'en', [term('vanilla')]],
    ['una vela que no huela a vainilla', 'es', [term('vainilla')]],
    ["a candle that doesn't smell of vanilla", 'en', [term('vanilla')]],
    ['a candle that does not smell like vanilla', 'en', [term('vanilla')]],
    // How a piece is made.
    ['cushions, no knitted ones', 'en', [term('knitted')]],
    ['a jacket, not padded', 'en', [term('padded')]],
    ['una chaqueta sin capucha ni cremallera', 'es', [term('capucha'), term('cremallera')]],
    ['collar que no tenga luna ni pájaros', 'es', [term('luna'), term('pajaro')]],
    // A part refused in one word.
    ['a collarless shirt', 'en', [term('collar')]],
    ['a strapless dress', 'en', [term('strap')]],
    // Unless the words name a narrower kind (synonyms.ts SUBKIND_FORMS), held as one: a top said sleeveless.
    ['sleeveless tee please', 'en', []],
    ['una camiseta sin mangas', 'es', []],
    // Not a thing: "no luck", "not sure".
    ['no luck finding a jacket', 'en', []],
    ['¿6 cuotas sin interés?', 'es', []],
    ['not sure, maybe a jacket', 'en', []],
  ];
  for (const [text, lang, want] of cases) it(text, () => rejects(text, lang, want));
});

describe('rejections: "menos" before a kind is "but not" ("ropa de mujer menos chaquetas")', () => {
  const kind = (value: string): Rejection => ({ kind: 'category', value });
  it('rules the kind out, and it is no kind sought', () => {
    for (const text of ['ropa de mujer menos chaquetas', 'ropa menos chaquetas']) {
      const e = extractEntities(text, 'es');
      assert.deepEqual(e.rejections, [kind('jackets')], text);
      assert.ok(!e.categories.includes('jackets'), text);
    }
  });
  it('not an amount or a comparison ("collares menos de 50", "una chaqueta menos cara")', () => {
    assert.deepEqual(extractEntities('collares menos de 50', 'es').rejections, []);
    assert.deepEqual(extractEntities('una chaqueta menos cara', 'es').rejections, []);
  });
});

describe('rejections: negated verbs and contractions', () => {
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ["jackets that aren't leather", 'en', [material('leather')]],
    ['jackets that arent leather or suede', 'en', [material('leather'), material('suede')]],
    ["bedside table that isn't wooden", 'en', [material('wood')]],
    ["a jacket that doesn't have leather", 'en', [material('leather')]],
    ['shoes that dont have leather', 'en', [material('leather')]],
    ['a lamp that does not have glass', 'en', [material('glass')]],
    ["a bag that won't be leather", 'en', [material('leather')]],
    ["it shouldn't be leather", 'en', [material('leather')]],
    ["something that isn't made from plastic", 'en', [material('plastic')]],
    ['jackets that are not made of leather', 'en', [material('leather')]],
    ["sneakers that aren't Nike", 'en', [{ kind: 'brand', value: 'Nike' }]],
    ["I don't wear gold", 'en', [material('gold')]],
    ['she never wears black', 'en', [colour('black')]],
    ["my mom doesn't like gold", 'en', [material('gold')]],
    ["I can't stand polyester", 'en', [material('polyester')]],
    ["I don't want it to be black", 'en', [colour('black')]],
    ['a necklace other than gold', 'en', [material('gold')]],
    ['una chaqueta que no es de cuero', 'es', [material('leather')]],
    ['una mochila que no tiene cuero', 'es', [material('leather')]],
    ['no quiero que sea negro', 'es', [colour('black')]],
    ['mi mamá no usa oro', 'es', [material('gold')]],
    ['una chaqueta que no tenga nada de piel', 'es', [material('leather')]],
    ['collar excepto los dorados', 'es', [colour('gold')]],
    ['collar salvo el plateado', 'es', [colour('silver')]],
    ['una chaqueta sin nada de cuero', 'es', [material('leather')]],
  ];
  for (const [text, lang, want] of cases) it(text, () => rejects(text, lang, want));
});

describe('rejections: “café” is brown when it describes a thing', () => {
  const cases: [string, IntentLanguage, Rejection[], string[]][] = [
    ['cojines que no sean cafés', 'es', [colour('brown')], []],
    ['cojines que no sean cafes', 'es', [colour('brown')], []],
    ['algo que no sea café', 'es', [colour('brown')], []],
    ['cualquier sofá menos los cafés', 'es', [colour('brown')], []],
    ['un cojín que no sea ni café ni negro', 'es', [colour('brown'), colour('black')], []],
    ['cojines, no cafés', 'es', [colour('brown')], []],
    ['no quiero nada café para la sala', 'es', [colour('brown')], []],
    ['zapatos que no sean de color café', 'es', [colour('brown')], []],
    // The drink stays the drink.
    ['todo menos café', 'es', [{ kind: 'category', value: 'coffee' }], []],
    ['un postre sin café', 'es', [{ kind: 'category', value: 'coffee' }], []],
    ['una bolsa que no tenga café', 'es', [{ kind: 'category', value: 'coffee' }], []],
    ['nada de café', 'es', [{ kind: 'category', value: 'coffee' }], []],
    ['una taza de café', 'es', [], []],
  ];
  for (const [text, lang, want, colours] of cases) {
    it(text, () => assert.deepEqual(extractEntities(text, lang).rejections, want, text));
    it(`${text} (wanted colours)`, () => assert.deepEqual(extractEntities(text, lang).colours, colours, text));
  }
  it('the drink is not also wanted when the colour is', () => {
    const e = extractEntities('cojines cafés', 'es');
    assert.deepEqual([e.colours, e.categories], [['brown'], ['pillows']]);
    assert.deepEqual(extractEntities('coffee', 'en').categories, ['coffee']);
  });
});

describe('rejections that already worked keep working', () => {
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ['not gold', 'en', [material('gold')]],
    ["that's not black", 'en', [colour('black')]],
    ['que no sea de oro', 'es', [material('gold')]],
    ['sin cuero', 'es', [material('leather')]],
    ['anything except black', 'en', [colour('black')]],
    ['ni negra ni de cuero', 'es', [colour('black'), material('leather')]],
    ['throw pillows, not brown', 'en', [colour('brown')]],
    ['cualquier color menos el rojo', 'es', [colour('red')]],
    ['a necklace, not gold, not silver', 'en', [material('gold'), material('silver')]],
    // An agent reporting the shopper's refusals.
    ['User now also excludes red.', 'en', [colour('red')]],
    ['tops, excluding black', 'en', [colour('black')]],
  ];
  for (const [text, lang, want] of cases) it(text, () => rejects(text, lang, want));

  it('“ni collar ni pendientes” rules out both, also in a shop without earrings', () => {
    const plain = extractEntities('algo que no sea ni collar ni pendientes', 'es');
    assert.deepEqual(plain.rejections, [{ kind: 'category', value: 'necklaces' }, { kind: 'category', value: 'earrings' }]);
    const shop = extractEntities('algo que no sea ni collar ni pendientes', 'es', { vocabulary: SHOP });
    assert.deepEqual(shop.rejections, [{ kind: 'category', value: 'Jewelry > Necklaces' }, { kind: 'category', value: 'pendientes' }]);
    assert.deepEqual(shop.categories, [], 'a rejected kind is not also sought');
  });
});

describe('near misses: a negation that rules nothing out', () => {
  // "Isn't this gold necklace lovely?": a negative question praises the gold necklace; a contraction
  // opening a clause asks, it does not negate, so gold stays wanted and nothing is ruled out.
  const cases: [string, IntentLanguage, string[]][] = [
    ["isn't this gold necklace lovely?", 'en', ['gold']],
    ["Isn't gold nicer?", 'en', ['gold']],
    ["so isn't black better?", 'en', ['black']],
    ["wasn't the black one cheaper?", 'en', ['black']],
    ["Don't you have it in black?", 'en', ['black']],
    ["I don't mind black", 'en', ['black']],
    ['I dont mind black', 'en', ['black']],
    ['no problem, black is fine', 'en', ['black']],
    ['no, black is fine', 'en', ['black']],
    ['not sure, maybe gold', 'en', ['gold']],
    ['nothing fancy, a black tee', 'en', ['black']],
    ['nothing but black', 'en', ['black']],
    ['I have nothing black to wear to the funeral', 'en', ['black']],
    ["doesn't matter, black or white", 'en', ['black', 'white']],
    ["it doesn't have to be gold", 'en', ['gold']],
    ["you don't have black ones?", 'en', ['black']],
    ["I don't know, maybe black", 'en', ['black']],
    ['no tengo preferencia, negro está bien', 'es', ['black']],
    ['no tengo nada negro para la boda', 'es', ['black']],
    ['nada más que negro', 'es', ['black']],
    ['¿no tienen en negro?', 'es', ['black']],
    ['¿no es de cuero?', 'es', []],
    ['un collar menos caro', 'es', []],
  ];
  for (const [text, lang, colours] of cases) {
    it(text, () => {
      const got = read(text, lang);
      assert.deepEqual(got.rejections, [], `${text}: rejections`);
      assert.deepEqual(got.colours, colours, `${text}: wanted colours`);
    });
  }
});

describe('rejections in long texts', () => {
  it('finds a rejection at the end of a long message, and reads a bounded number of negations in a text made of them', () => {
    const pad = 'I am looking for something nice to wear at the weekend with friends. '.repeat(50);
    assert.deepEqual(extractEntities(`${pad}A jacket, but not leather please.`, 'en').rejections, [{ kind: 'material', value: 'leather' }]);
    // Thousands of negations (a hostile or broken client): the kind asked for is still read, and the
    // negations are read up to a bound, not one classification each (rejections.ts MAX_TRIGGERS).
    const noise = extractEntities(`${'no '.repeat(3000)}a jacket`, 'en');
    assert.deepEqual(noise.categories, ['jackets']);
    const many = Array.from({ length: 100 }, (_, i) => `not brand${i}`).join(', ');
    assert.ok(extractEntities(many, 'en').rejections.length <= 64);
  });
});

describe('rejections: a relative clause refusing a quality ("candles that are not scented")', () => {
  const term = (value: string): Rejection => ({ kind: 'term', value });
  it('the quality after "that are not" / "which isn\'t" / "que no es" is ruled out, as after "without"', () => {
    rejects('candles that are not scented', 'en', [term('scented')]);
    rejects("jeans which aren't ripped", 'en', [term('ripped')]);
    rejects('a shirt that isn’t see-through', 'en', [term('see-through')]);
    rejects('shoes that are not leather', 'en', [material('leather')]);
    rejects('una vela que no es perfumada', 'es', [term('perfumada')]);
    rejects('una chaqueta que no es de cuero', 'es', [material('leather')]);
  });
  it('not a degree of the quality, nor "not only", nor what is sold out, nor a person', () => {
    for (const text of ['a candle that is not too sweet', 'a jacket that is not very heavy', 'a lamp that is not too bright', 'shoes that are not only warm but light', 'is there anything that is not sold out?', 'a sweater for my dad, who is not tall', "the one that isn't on sale"]) rejects(text, 'en', []);
    rejects('una lámpara que no es muy grande', 'es', []);
    rejects('una camisa para mi papá que no es alto', 'es', []);
  });
});

describe('rejections end where what is wanted begins', () => {
  it('a colour or material before a kind after a bare comma is wanted: "nothing with stones, silver earrings" (silver was refused too)', () => {
    rejects('nothing with stones, silver earrings for my grandma', 'en', [material('gemstone')], ['silver']);
    // A list of things ruled out still goes on: "nothing gold, silver or bronze".
    assert.deepEqual(read('nothing gold, silver or bronze', 'en').rejections.map((r) => r.value), ['gold', 'silver', 'bronze']);
  });

  it('a conjunction after the sentence ended asks about another kind: "No quiero chaquetas. ¿Y camisas?", "forget the jackets. And shirts?"', () => {
    for (const [text, lang] of [['No quiero chaquetas. ¿Y camisas?', 'es'], ['forget the jackets. And shirts?', 'en']] as const) {
      const e = extractEntities(text, lang);
      assert.deepEqual(e.rejections.map((r) => r.value), ['jackets'], text);
      assert.deepEqual(e.categories, ['shirts'], text);
    }
    // Within the sentence it is one more thing ruled out.
    assert.deepEqual(extractEntities('no jackets and shirts please', 'en').rejections.map((r) => r.value), ['jackets', 'shirts']);
  });
});

describe('a kind refused among the kinds a place stands for', () => {
  it('"algo para el jardín que no sea una maceta": the pots are refused and no longer sought, as in English (the refusal was a word no product has)', () => {
    const garden = compileVocabulary({ categories: ['Outdoor', 'Indoor', 'Plant Pot'], vendors: ['Company 123'], tags: ['Pot', 'Plants', 'Garden', 'Fence'] });
    for (const [text, lang] of [['algo para el jardín que no sea una maceta', 'es'], ['algo para el jardín, macetas no', 'es'], ['something for the garden, but not a pot', 'en']] as const) {
      const e = extractEntities(text, lang, { vocabulary: garden });
      assert.deepEqual(e.rejections, [{ kind: 'category', value: 'Plant Pot' }], text);
      assert.ok(!e.categories.includes('Plant Pot'), `${text}: ${e.categories.join(', ')}`);
    }
  });
});
