/**
 * Properties (properties.ts) and activities (verbUse.ts) are no kinds sought: "is it waterproof?" and
 * "he bikes to work" keep the kind the conversation is about (verbUse.unit.test.ts reads the verbs).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeEntities } from '../personalize/sessionContext.ts';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

/** A shop that tags its products with a property. */
const SHOP = compileVocabulary({ categories: ['Apparel > Outerwear > Jackets', 'Sports > Bikes', 'Raincoat'], vendors: [], tags: ['Waterproof', 'men'] });

function kinds(text: string, lang: IntentLanguage, withShop = false): [readonly string[], readonly string[]] {
  const e = extractEntities(text, lang, withShop ? { vocabulary: SHOP } : {});
  return [e.categories, e.purposes ?? []];
}

describe('properties: a soft nudge, never a kind sought', () => {
  it('a property the shop tags ("Waterproof") is no category', () => {
    assert.deepEqual(kinds('is it waterproof?', 'en', true), [[], ['Waterproof']]);
    assert.deepEqual(kinds('does any of those come in waterproof?', 'en', true), [[], ['Waterproof']]);
    assert.deepEqual(kinds('a waterproof jacket', 'en', true), [['Apparel > Outerwear > Jackets'], ['Waterproof']]);
  });

  it('"impermeable" where a noun cannot stand is the property; after a determiner or alone, a raincoat', () => {
    for (const text of ['¿la azul marino es impermeable?', '¿tenéis algo impermeable?', '¿es muy impermeable?', '¿son transpirables e impermeables?']) {
      assert.deepEqual(kinds(text, 'es')[0], [], text);
      assert.ok(kinds(text, 'es')[1].includes('waterproof'), text);
    }
    assert.deepEqual(kinds('¿la azul marino es impermeable?', 'es', true), [[], ['Waterproof']]);
    assert.deepEqual(kinds('chaqueta impermeable', 'es'), [['jackets'], ['waterproof']]);
    assert.deepEqual(kinds('altavoz portátil', 'es'), [['speakers'], ['portable']]);
    assert.deepEqual(kinds('necesito un impermeable', 'es'), [['raincoats'], []]);
    assert.deepEqual(kinds('impermeables para niños', 'es'), [['raincoats'], []]);
    assert.deepEqual(kinds('un portátil para la universidad', 'es'), [['laptops'], []]);
  });
});

describe('the kind remembered from earlier turns stays', () => {
  const jacket = extractEntities('a navy jacket for my husband', 'en', { vocabulary: SHOP });
  for (const [text, lang] of [
    ['does any of those come in waterproof? he bikes to work', 'en'],
    ['¿la azul marino es impermeable?', 'es'],
  ] as const) {
    it(`"${text}" keeps the jacket asked for`, () => {
      const merged = mergeEntities(jacket, extractEntities(text, lang, { vocabulary: SHOP }));
      assert.deepEqual(merged.categories, ['Apparel > Outerwear > Jackets']);
    });
  }
});
