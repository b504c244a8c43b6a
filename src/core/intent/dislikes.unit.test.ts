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
