import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

const vocabulary = compileVocabulary({ categories: ['Scarves', 'Necklaces', 'Boots', 'Hats'], vendors: ['Acme', 'Zenith'], tags: [] });
const read = (text: string, lang: IntentLanguage) => extractEntities(text, lang, { vocabulary });

describe('comparisons: what is said of one compared option only is a preference (IntentEntities.soft)', () => {
  const soft: [string, IntentLanguage, string[]][] = [
    ['is the red scarf better than the silk one?', 'en', ['colour']],
    ['which is better, the red wool scarf or the silk scarf?', 'en', ['colour']],
    ['red scarf vs silk scarf', 'en', ['colour']],
    ['compare the red scarf with the wool one', 'en', ['colour']],
    ['the red scarf compared to the wool one', 'en', ['colour']],
    ['is the red scarf better than the Zenith one?', 'en', ['colour', 'brand']],
    ["what's the difference between the Acme scarf and the silk one?", 'en', ['brand']],
    ['the red scarf in size M or the silk one, which is warmer?', 'en', ['colour', 'size']],
    ['¿la bufanda roja es mejor que la de seda?', 'es', ['colour']],
    ['¿qué es mejor, el collar dorado o el collar de perlas?', 'es', ['colour']],
    ['¿cuál me recomiendas, la bufanda roja o la de lana?', 'es', ['colour']],
    ['diferencia entre las botas Acme y las de cuero', 'es', ['brand']],
    ["I'm deciding between the Acme scarf and the silk one", 'en', ['brand']],
    ['torn between the red scarf and the wool one', 'en', ['colour']],
    ['estoy dudando entre la bufanda roja y la de lana', 'es', ['colour']],
  ];
  for (const [text, lang, want] of soft) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(read(text, lang).soft, want));

  it('keeps the values themselves (they still steer the ranking)', () => {
    const e = read('is the red scarf better than the Zenith one?', 'en');
    assert.deepEqual([e.colours, e.brands], [['red'], ['Zenith']]);
  });

  it('a kind every option names stays a constraint (any of the values)', () => {
    for (const [text, lang] of [
      ['is the red scarf better than the blue one?', 'en'],
      ['¿qué es mejor, el collar dorado o el plateado?', 'es'],
      ['which is better: the black boots or the brown ones?', 'en'],
      ['is the Acme hat better than the Zenith one?', 'en'],
    ] as const) {
      assert.equal(read(text, lang).soft, undefined, text);
    }
  });

  it('is no comparison of options: a price, a preference, a list of bare words, a person, a kind said outside', () => {
    for (const [text, lang] of [
      ['a red scarf cheaper than $50', 'en'],
      ['red scarves for less than 40 dollars', 'en'],
      ['necesito botas rojas más baratas que 500 pesos', 'es'],
      ['do you have red or blue scarves?', 'en'],
      ['a red scarf for a man or a woman', 'en'],
      ['I want a red scarf rather than a blue one', 'en'],
      ['red scarf, or something similar', 'en'],
      ['bufanda roja o algo parecido', 'es'],
      ['quiero una bufanda roja, o sea algo abrigador', 'es'],
      ['lo mejor que tengan en bufandas rojas', 'es'],
      ['I need red boots. Which is better, the Acme ones or the Zenith ones?', 'en'],
      ['a red scarf or a red hat', 'en'],
      ['Acme scarves in size M', 'en'],
    ] as const) {
      assert.equal(read(text, lang).soft, undefined, text);
    }
  });
});

describe('comparisons: a category named on one side only is a preference (IntentEntities.soft: category)', () => {
  const shop = compileVocabulary({ categories: ['Blouses', 'Scarves', 'Necklaces'], vendors: ['Acme', 'Zenith'], tags: [] });
  const readShop = (text: string, lang: IntentLanguage) => extractEntities(text, lang, { vocabulary: shop });
  const soft: [string, IntentLanguage, string[]][] = [
    ['the striped silk blouse or the floral white kimono?', 'en', ['colour', 'category']],
    ['which is better, the silk blouse or the floral kimono?', 'en', ['category']],
    ['is the blouse better than the cotton kimono?', 'en', ['category']],
    ['is the silk blouse better than the Zenith one?', 'en', ['brand']],
    ['¿qué me recomiendas, la blusa de seda o el kimono floreado?', 'es', ['category']],
    ['the floral white kimono or the striped silk blouse?', 'en', ['colour', 'category']],
    ['el kimono floreado o la blusa de seda, ¿cuál?', 'es', ['category']],
  ];
  for (const [text, lang, want] of soft) it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(readShop(text, lang).soft, want));

  it('keeps the category itself (it still steers the ranking)', () => {
    assert.deepEqual(readShop('the striped silk blouse or the floral white kimono?', 'en').categories, ['Blouses']);
  });

  it('a "top" is a kind of the table: a blouse or a top compares two kinds, both held', () => {
    const tops = compileVocabulary({ categories: ['Blouses', 'Tops'], vendors: [], tags: [] });
    const e = extractEntities('which is better, the silk blouse or the floral top?', 'en', { vocabulary: tops });
    assert.ok(!(e.soft ?? []).includes('category'));
    assert.deepEqual([...e.categories].sort(), ['Blouses', 'Tops']);
  });

  it('is no preference when the other side means the same kind ("one", "la de", "el plateado") or names its own', () => {
    for (const [text, lang] of [
      ['is the red scarf better than the silk one?', 'en'],
      ['¿cuál es mejor, la blusa de seda o la de algodón?', 'es'],
      ['¿qué es mejor, el collar dorado o el plateado?', 'es'],
      ['is the silk blouse better than the cotton scarf?', 'en'],
      ['I need a blouse: the silk one or the linen one?', 'en'],
      ['a silk scarf for a man or a woman', 'en'],
      ['do you have silk or cotton scarves?', 'en'],
      ['silk blouses please', 'en'],
      // The noun both share, said once: after the second option in English, left out in Spanish.
      ['should I go with the gray or the beige rug for a bright room?', 'en'],
      ['not sure whether to go for the black or the brown boots', 'en'],
      ['is polyester or cotton better for workout shirts', 'en'],
      ['is the gold plated or sterling silver necklace a better choice?', 'en'],
      ['¿collar chapado en oro o de plata de ley, cuál es mejor?', 'es'],
      ['¿mejor sábanas de microfibra o de algodón pa clima húmedo?', 'es'],
    ] as const) {
      assert.ok(!(readShop(text, lang).soft ?? []).includes('category'), text);
    }
  });
});
