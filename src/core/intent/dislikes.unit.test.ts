/**
 * Dislikes said before or after the thing (dislikes.ts) are rejections, and the thing disliked is not
 * also read as a colour or material wished. Indifference, questions of taste about other things and a
 * negated dislike rule nothing out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import type { IntentLanguage, Rejection } from './types.ts';

const colour = (value: string): Rejection => ({ kind: 'colour', value });
const material = (value: string): Rejection => ({ kind: 'material', value });
const term = (value: string): Rejection => ({ kind: 'term', value });

function read(text: string, lang: IntentLanguage) {
  const e = extractEntities(text, lang);
  return { rejections: [...e.rejections], colours: [...e.colours], materials: [...(e.materials ?? [])] };
}

describe('dislikes said before the thing', () => {
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ['no me convence lo turquesa', 'es', [colour('turquoise')]],
    ['no me late el dorado', 'es', [colour('gold')]],
    ['no me gusta el negro', 'es', [colour('black')]],
    ['a mi mamá no le gusta el rosado', 'es', [colour('pink')]],
    ['no me termina de convencer el rojo', 'es', [colour('red')]],
    ['me choca el cuero', 'es', [material('leather')]],
    ["I'm not sold on the turquoise", 'en', [colour('turquoise')]],
    ["she doesn't like gold", 'en', [material('gold')]],
    ['not a fan of leather', 'en', [material('leather')]],
    ['not keen on silver, to be honest', 'en', [material('silver')]],
    ["he doesn't really like stripes", 'en', [term('striped')]],
    ["I don't love the navy", 'en', [colour('navy')]],
    ['anything but the navy one', 'en', [colour('navy')]],
    ['not the zipped one', 'en', [term('zipped')]],
    // Stones, in either language: the gemstones (diamonds, opals…) are ruled out.
    ['simple earrings with no stones please', 'en', [material('gemstone')]],
    ['unos pendientes sencillos, sin piedras', 'es', [material('gemstone')]],
    // Ruled out twice: one rejection, and neither mention is wished.
    ['aretes, que no sean doradas, a ella no le va el dorado', 'es', [colour('gold')]],
    ['no red please, she never wears red', 'en', [colour('red')]],
  ];
  for (const [text, lang, want] of cases) {
    it(text, () => {
      const got = read(text, lang);
      assert.deepEqual(got.rejections, want);
      for (const r of want) assert.ok(!got.colours.includes(r.value) && !got.materials.includes(r.value), `${r.value} also wished`);
    });
  }
});

describe('dislikes said after the thing', () => {
  const cases: [string, IntentLanguage, Rejection[]][] = [
    ['el turquesa no me gusta', 'es', [colour('turquoise')]],
    ['el negro y el dorado no me gustan', 'es', [colour('black'), colour('gold')]],
    ['lo dorado no es lo mío', 'es', [colour('gold')]],
    ['el cuero no es de su estilo', 'es', [material('leather')]],
    ['¿dorado? ni loca', 'es', [colour('gold')]],
    ["turquoise isn't her thing", 'en', [colour('turquoise')]],
    ['the turquoise is not really her thing', 'en', [colour('turquoise')]],
    ['I love the shape but gold is a no', 'en', [material('gold')]],
    ["honestly the navy one doesn't suit her", 'en', [colour('navy')]],
    ["the zipped one isn't her style", 'en', [term('zipped')]],
    ['gold? no thanks', 'en', [material('gold')]],
  ];
  for (const [text, lang, want] of cases) {
    it(text, () => {
      const got = read(text, lang);
      assert.deepEqual(got.rejections, want);
      for (const r of want) assert.ok(!got.colours.includes(r.value) && !got.materials.includes(r.value), `${r.value} also wished`);
    });
  }
});

describe('near misses: nothing ruled out', () => {
  const cases: [string, IntentLanguage, string[]][] = [
    ["I don't mind black", 'en', ['black']],
    ['no me importa el color', 'es', []],
    ['no me molesta el dorado', 'es', ['gold']],
    ['el dorado no es feo', 'es', ['gold']],
    ["I'm not sold on the idea", 'en', []],
    ['no me convence el precio', 'es', []],
    ['this is not my style', 'en', []],
    ['not the right one', 'en', []],
    ['i love gold, no thanks to silver', 'en', ['gold', 'silver']],
    ['gold is a no-brainer', 'en', ['gold']],
    ["the necklace doesn't suit her", 'en', []],
  ];
  for (const [text, lang, colours] of cases) {
    it(text, () => {
      const got = read(text, lang);
      assert.deepEqual(got.rejections, []);
      assert.deepEqual(got.colours, colours);
    });
  }
});

describe('what reads like a dislike and is none', () => {
  const none = (text: string, lang: IntentLanguage) => it(text, () => assert.deepEqual(read(text, lang).rejections, []));

  describe('who the product is for ("no es para mí", "isn\'t for me") is no dislike', () => {
    for (const [text, lang] of [
      ['no es para mí, es para mi mamá', 'es'],
      ['el collar dorado no es para mí', 'es'],
      ['los aretes de plata no son para mí, son para mi hija', 'es'],
      ['el bolso de cuero no es para ella, es para mi tía', 'es'],
      ["the silver bracelet isn't for me, it's for my sister", 'en'],
      ['the gold ones are not for me but for my wife', 'en'],
    ] as const) none(text, lang);
  });

  describe('a negated dislike, or "no le queda mal", is none', () => {
    for (const [text, lang] of [
      ['no me disgusta el dorado', 'es'],
      ['no me disgusta el amarillo', 'es'],
      ['a ella no le disgusta el negro', 'es'],
      ['el dorado no le queda mal', 'es'],
      ['el dorado no me queda nada mal', 'es'],
      ['el negro no le sienta tan mal', 'es'],
      ['el dorado no me disgusta', 'es'],
      ["I don't hate gold", 'en'],
      ["I don't dislike black", 'en'],
      ['she does not hate leather', 'en'],
    ] as const) none(text, lang);
  });

  describe('a mild dislike turned by a contrast in the same sentence is weighed, not ruled out', () => {
    for (const [text, lang] of [
      ["I'm not crazy about turquoise but the boho earrings are cute", 'en'],
      ["black isn't really my thing but the beanbag looks comfy", 'en'],
      ['not a big fan of silk, but the blouse is lovely', 'en'],
      ["navy isn't my favourite but it works", 'en'],
      ["silver's not her favourite but she'd wear it", 'en'],
      ["gold isn't really my thing, but for my mom it's perfect: a gold necklace", 'en'],
      ['no me convence el dorado, aunque el collar es precioso', 'es'],
      ['el turquesa no es lo mío, pero esos aretes están lindos', 'es'],
    ] as const) none(text, lang);
  });

  describe('…and what it names is no wish either (neither wished nor refused)', () => {
    for (const [text, lang] of [
      ["not crazy about turquoise but I'd take it if nothing else", 'en'],
      ["I'm not keen on turquoise, but I'd wear it", 'en'],
      ["turquoise isn't my favourite but it works", 'en'],
      ['no me encanta el turquesa, pero si no hay otra lo llevo', 'es'],
      ['no me convence mucho el turquesa, pero bueno', 'es'],
      ['el turquesa no es lo mío, pero lo llevaría', 'es'],
    ] as const) {
      it(text, () => assert.deepEqual(read(text, lang), { rejections: [], colours: [], materials: [] }));
    }
    it('a material likewise; a colour wished elsewhere in the message still is', () => {
      assert.deepEqual(read('not a big fan of silk, but I could live with it', 'en'), { rejections: [], colours: [], materials: [] });
      assert.deepEqual(read("gold isn't really my thing, but for my mom it's perfect: a gold necklace", 'en').colours, ['gold']);
    });
  });

  it('still reads a plain dislike, a lone "though", a dislike in another sentence and a strong one turned', () => {
    assert.deepEqual(read('me disgusta el dorado', 'es').rejections, [colour('gold')]);
    assert.deepEqual(read('el dorado no le queda', 'es').rejections, [colour('gold')]);
    assert.deepEqual(read("I'm not crazy about turquoise.", 'en').rejections, [colour('turquoise')]);
    assert.deepEqual(read('not keen on black though', 'en').rejections, [colour('black')]);
    assert.deepEqual(read("navy isn't my favourite. But show me jackets", 'en').rejections, [colour('navy')]);
    assert.deepEqual(read('gold is a hard no, but the silver ones are nice', 'en').rejections, [material('gold')]);
    assert.deepEqual(read('she hates black but loves the jacket', 'en').rejections, [colour('black')]);
  });
});
