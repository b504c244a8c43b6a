import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

const vocabulary = compileVocabulary({ categories: ['Tea', 'Vinyl', 'DVDs', 'Wine', 'Sneakers', 'Rings', 'Jackets', 'Kitchen > Tea Towels'], vendors: ['Nike', 'Pandora'], tags: [] });
const colours = (text: string, lang: IntentLanguage = 'en') => extractEntities(text, lang, { vocabulary }).colours;
const plainColours = (text: string, lang: IntentLanguage = 'en') => extractEntities(text, lang).colours;

describe('colour words inside names, flavours and drinks are no colour asked for (colourNames.ts)', () => {
  for (const [text, lang] of [
    ['Earl Grey tea', 'en'],
    ['earl grey tea', 'en'],
    ['Lady Grey loose leaf', 'en'],
    ['Men in Black DVD', 'en'],
    ['Pink Floyd vinyl', 'en'],
    ['pink floyd vinyl please', 'en'],
    ['Orange is the New Black box set', 'en'],
    ['do you have the Grey Goose gift set?', 'en'],
    ['Black Sabbath t-shirt', 'en'],
    ['black+decker drill', 'en'],
    ['¿taladro Bosch o Black & Decker?', 'es'],
    ['I love Deep Purple, any vinyl?', 'en'],
    ['a vinyl by Simply Red', 'en'],
    ['the new Paul Green Fields album', 'en'],
    ['green tea', 'en'],
    ['red wine under $20', 'en'],
    ['a white wine for dinner', 'en'],
    ['té verde', 'es'],
    ['un vino blanco para la cena', 'es'],
    ['vino tinto', 'es'],
    ['una botella de vino tinto', 'es'],
    ['pimienta negra molida', 'es'],
  ] as const) {
    it(`${text} → no colour`, () => {
      assert.deepEqual(colours(text, lang), [], text);
      assert.deepEqual(plainColours(text, lang), [], `${text} (no vocabulary)`);
    });
  }

  for (const [text, lang, want] of [
    ['a grey tea towel', 'en', ['grey']],
    ['black jeans', 'en', ['black']],
    ['Black jeans please', 'en', ['black']],
    ['Any Black jeans?', 'en', ['black']],
    ['camisa negra', 'es', ['black']],
    ['Rose gold ring', 'en', ['rose gold']],
    ['Rose Gold Pandora charm', 'en', ['rose gold']],
    ['a deep purple dress', 'en', ['purple']],
    ['Black Leather Jacket For Men Size M', 'en', ['black']],
    ['Looking for a Black Leather Jacket', 'en', ['black']],
    ['BLACK JEANS SIZE 32', 'en', ['black']],
    ['a black coffee table', 'en', ['black']],
    ['a Black & White scarf', 'en', ['black', 'white']],
    ['Navy Blue jacket', 'en', ['navy']],
    ['White sneakers. Nike please', 'en', ['white']],
    ['vestido vino tinto', 'es', ['burgundy']],
    ['bolsa color vino tinto', 'es', ['burgundy']],
    ['¿lo tienen en vino tinto?', 'es', ['burgundy']],
    ['¿te gusta el verde o el azul?', 'es', ['green', 'blue']],
    ['a red tea kettle', 'en', ['red']],
  ] as const) {
    it(`${text} → ${want.join(', ')}`, () => assert.deepEqual(colours(text, lang), want));
  }

  it('a brand between a capitalised colour and a product noun makes no name, known to the shop or not', () => {
    for (const [text, lang, want] of [
      ['Blue Adidas hoodie', 'en', ['blue']],
      ['Black Nike sneakers', 'en', ['black']],
      ['Navy Patagonia jacket, size L', 'en', ['navy']],
      ['Hi! Black North Face jacket please', 'en', ['black']],
      ['a Blue Adidas Hoodie', 'en', ['blue']],
      ['Sudadera Adidas Negra', 'es', ['black']],
    ] as const) {
      assert.deepEqual(plainColours(text, lang), want, text);
    }
  });

  it('names stand: known ones, a colour capitalised inside a sentence, a kind no colour describes, no product after', () => {
    for (const [text, lang] of [
      ['Pink Floyd t-shirt', 'en'],
      ['Black Friday sneakers', 'en'],
      ['Black Sabbath t-shirt', 'en'],
      ['Green Day hoodie', 'en'],
      ['White Castle gift card', 'en'],
      ['Black Opium perfume', 'en'],
      ['I want a Blue Adidas hoodie', 'en'],
      ['White Castle', 'en'],
      ['Blue Moon beer', 'en'],
      ['Earl Grey tea', 'en'],
      ['vino blanco', 'es'],
    ] as const) {
      assert.deepEqual(plainColours(text, lang), [], text);
    }
  });

  it('a brand of the shop beside a capitalised colour makes no name ("Black Nike sneakers")', () => {
    assert.deepEqual(colours('Black Nike sneakers'), ['black']);
    assert.deepEqual(colours('Red Pandora bracelet'), ['red']);
  });
});
