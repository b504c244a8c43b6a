/**
 * "top" where it names no garment sought: a garment the one sought is worn over or under, and Spanish
 * slang for "great" (wordSense.ts `garmentAt`, read through the entity rules).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractEntities } from './entities.ts';

const kinds = (t: string, lang: 'en' | 'es') => extractEntities(t, lang).categories;

describe('"top" worn with the garment sought is no wish', () => {
  it('"a jacket to wear over a top", "una chaqueta para ponerme encima de un top": jackets only', () => {
    assert.deepEqual(kinds('a jacket to wear over a top', 'en'), ['jackets']);
    assert.deepEqual(kinds('a jacket to wear over a black top', 'en'), ['jackets']);
    assert.deepEqual(kinds('una chaqueta para ponerme encima de un top', 'es'), ['jackets']);
    assert.deepEqual(kinds('un cárdigan para llevar sobre mi top', 'es').includes('tops'), false);
  });
  it('near miss: a top asked for is one ("a top to wear under my jacket", "un top de encaje")', () => {
    assert.ok(kinds('a top to wear under my jacket', 'en').includes('tops'));
    assert.deepEqual(kinds('un top de encaje', 'es'), ['tops']);
  });
});

describe('Spanish "top" as "great, the best" is no garment', () => {
  for (const t of ['está top esa chaqueta', 'algo top para mi novia', 'lo más top que tengan', 'esa chaqueta es muy top']) {
    it(`"${t}"`, () => assert.ok(!kinds(t, 'es').includes('tops'), JSON.stringify(kinds(t, 'es'))));
  }
  it('near miss: a determiner before it is the garment ("quiero un top negro", "este top en rojo")', () => {
    assert.deepEqual(kinds('quiero un top negro', 'es'), ['tops']);
    assert.deepEqual(kinds('este top en rojo', 'es'), ['tops']);
  });
});

describe('"top" after a budget word is still the garment', () => {
  it('"something under 50 tops or tees": tops', () => assert.ok(kinds('something under 50 tops or tees', 'en').includes('tops')));
});
