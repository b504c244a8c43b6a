import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileVocabulary } from './catalogVocabulary.ts';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

/** What is sought and what it is for, without a shop vocabulary. */
function kinds(text: string, lang: IntentLanguage = 'en'): { categories: readonly string[]; purposes: readonly string[] } {
  const e = extractEntities(text, lang);
  return { categories: e.categories, purposes: e.purposes ?? [] };
}

describe('compound nouns: the modifier is what the head is for, never a kind sought (compounds.ts)', () => {
  it('an accessory, container or tool head the table has no kind for: nothing is sought, the modifier is a purpose', () => {
    for (const [text, lang, purpose] of [
      ['a shoe rack for the hall', 'en', 'shoes'],
      ['shoes rack', 'en', 'shoes'],
      ['my watch strap broke, need a new one', 'en', 'watches'],
      ['a jewellery box for my daughter', 'en', 'jewelry'],
      ['ring box', 'en', 'rings'],
      ['coffee makers', 'en', 'coffee'],
      ['do you have bike accessories?', 'en', 'bikes'],
      ['copas para vino', 'es', 'wine'],
      ['un soporte para celular', 'es', 'phones'],
      ['el molinillo de café', 'es', 'coffee'],
      ['una caja para joyas', 'es', 'jewelry'],
      ['a rack for shoes', 'en', 'shoes'],
      ['glasses for wine', 'en', 'wine'],
    ] as const) {
      assert.deepEqual(kinds(text, lang), { categories: [], purposes: [purpose] }, text);
    }
  });

  it('a head the table knows is the kind sought; the kind before it is what it is for', () => {
    for (const [text, category, purpose] of [
      ['a grey tea towel', 'towels', 'tea'],
      ['dress shoes for a wedding', 'shoes', 'dresses'],
      ['phone charger', 'chargers', 'phones'],
      ['sneaker socks', 'socks', 'sneakers'],
      ['a shirt dress with pockets', 'dresses', 'shirts'],
      ['a garden table', 'tables', 'garden'],
    ] as const) {
      assert.deepEqual(kinds(text), { categories: [category], purposes: [purpose] }, text);
    }
  });

  it('a compound the table names as a kind of its own is that kind: wine glasses, copas de vino, a coffee table', () => {
    assert.deepEqual(kinds('wine glasses'), { categories: ['glassware'], purposes: [] });
    assert.deepEqual(kinds('copas de vino', 'es'), { categories: ['glassware'], purposes: [] });
    assert.deepEqual(kinds('a black coffee table'), { categories: ['coffee tables'], purposes: [] });
  });

  it('a material before the kind is what it is made of, not what it is for (wishedMaterials.ts)', () => {
    // "denim" is also the table's word for jeans: before a jacket it is the jacket's material.
    const e = extractEntities('a denim jacket', 'en');
    assert.deepEqual({ categories: e.categories, purposes: e.purposes ?? [], materials: e.materials }, { categories: ['jackets'], purposes: [], materials: ['denim'] });
    // So is "jean(s)" before a garment: a jacket of denim, not a jacket for jeans.
    const jeans = extractEntities('jeans jacket', 'en');
    assert.deepEqual({ categories: jeans.categories, purposes: jeans.purposes ?? [], materials: jeans.materials }, { categories: ['jackets'], purposes: [], materials: ['denim'] });
  });

  it('a colour before the compound is the colour of its head', () => {
    assert.deepEqual(extractEntities('a grey tea towel', 'en').colours, ['grey']);
    assert.deepEqual(extractEntities('a red tea kettle', 'en').colours, ['red']);
  });

  it('no compound across a conjunction, a comma, a preposition, a list of plurals or a verb', () => {
    for (const [text, want] of [
      ['wine and glasses', ['wine']],
      ['shoes, rack included?', ['shoes']],
      ['a watch with a leather strap', ['watches']],
      ['tea and towels', ['tea', 'towels']],
      ['sneakers socks', ['sneakers', 'socks']],
      ['does the rug cover the floor?', ['rugs']],
      ['are percale sheets cooler than sateen?', ['bedding']],
      ['does this serum suit oily skin', ['skincare', 'suits']],
      ['I watch TV a lot', ['watches', 'tvs']],
      ['shoe size 42', ['shoes']],
      // The room beside the lamp is where it is for (entities' `place`), not a kind sought with it.
      ['need a lamp bedroom is dark', ['lamps']],
      ['a box of chocolates', ['chocolate']],
      ['una botella de vino', ['wine']],
      ['una caja de bombones', ['chocolate']],
    ] as const) {
      assert.deepEqual(kinds(text, /una/.test(text) ? 'es' : 'en').categories, want, text);
    }
  });

  it('a shop entry for the whole compound stands; a shop entry for the modifier becomes a purpose', () => {
    const shop = compileVocabulary({ categories: ['Drinks > Wine', 'Home > Storage > Shoe Racks', 'Kitchen > Tea Towels'], vendors: [], tags: [] });
    const of = (text: string) => {
      const e = extractEntities(text, 'en', { vocabulary: shop });
      return { categories: e.categories, purposes: e.purposes ?? [] };
    };
    assert.deepEqual(of('wine glasses'), { categories: [], purposes: ['Drinks > Wine'] });
    assert.deepEqual(of('a shoe rack'), { categories: ['Home > Storage > Shoe Racks'], purposes: [] });
    assert.deepEqual(of('a grey tea towel'), { categories: ['Kitchen > Tea Towels'], purposes: [] });
    assert.deepEqual(of('red wine'), { categories: ['Drinks > Wine'], purposes: [] });
  });
});
