/**
 * A kind word used as a verb or for getting about (verbUse.ts) names no kind sought.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';
import type { IntentLanguage } from './types.ts';

const categories = (text: string, lang: IntentLanguage): readonly string[] => extractEntities(text, lang).categories;

describe('activities: a kind word used as a verb or for getting about', () => {
  it('"he bikes to work", "va al trabajo en bici": no bikes sought; the activity is what the products are for', () => {
    const cases: [string, IntentLanguage][] = [
      ['he bikes to work', 'en'],
      ['she also bikes every day', 'en'],
      ['my son bikes to school', 'en'],
      ['I bike to work', 'en'],
      ['he goes to work by bike', 'en'],
      ['she rides her bike to work', 'en'],
      ['va al trabajo en bici', 'es'],
      ['voy siempre en bicicleta', 'es'],
    ];
    for (const [text, lang] of cases) {
      const e = extractEntities(text, lang);
      assert.deepEqual([e.categories, e.purposes], [[], ['bikes']], text);
    }
  });

  it('a mere verb names nothing, not even a purpose', () => {
    for (const text of ['Actually scratch the gold, silver suits her better', 'who wins?', 'she rings me every day', 'I want to watch it first']) {
      const e = extractEntities(text, 'en');
      assert.deepEqual([e.categories, e.purposes], [[], undefined], text);
    }
  });

  it('a bike asked for is still sought', () => {
    for (const text of ['I need a new bike', 'do you have bikes', 'a bike for my son', 'bikes to ride around town', 'are they bikes or scooters?']) {
      assert.deepEqual(categories(text, 'en'), ['bikes'], text);
    }
    assert.deepEqual(categories('quiero una bici', 'es'), ['bikes']);
  });
});

describe('a Spanish kind word that is also a verb form ("dije": a pendant, and "I said")', () => {
  it('is the pendant after a determiner or a preposition, or standing alone', () => {
    for (const text of ['algo con dije', 'un dije de plata', 'dije de corazón', 'una cadena con un dije', '¿tienen dijes de letras?']) {
      assert.deepEqual(categories(text, 'es'), ['necklaces'], text);
    }
  });

  it('is the verb after a pronoun, "ya", "como" or "que", or before "que": what follows is still read', () => {
    assert.deepEqual(categories('te dije que quiero aretes', 'es'), ['earrings']);
    assert.deepEqual(categories('como te dije, busco una pulsera', 'es'), ['bracelets']);
    for (const text of ['se la dije a mi hermana', 'ya lo dije', 'dije que sí']) assert.deepEqual(categories(text, 'es'), [], text);
  });
});
