/**
 * Typing slips (typos.ts): a word no dictionary has, one slip from one word the rules know, is read as
 * that word; real words, names and the shop's own words are not touched. The dictionary here is a
 * small fixed one, so the rules, not a word list, are what is tested.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correctTypos, shopWords, slipOf } from './typos.ts';

const DICTIONARY = new Set(['coast', 'brings', 'paints', 'stable', 'looking', 'for', 'my', 'a', 'an', 'the', 'east', 'it', 'joy', 'form', 'from', 'cheep', 'case', 'bags', 'regalo']);
const isWord = (w: string): boolean => DICTIONARY.has(w);

describe('slipOf: the word a typing slip is of', () => {
  it('a letter left out, one too many, two swapped, one typed for another in a long word', () => {
    const cases: [string, string][] = [
      ['jaket', 'jacket'],
      ['husbnd', 'husband'],
      ['neckalce', 'necklace'],
      ['braclet', 'bracelet'],
      ['bracelwt', 'bracelet'],
      ['goldd', 'gold'],
      ['wfie', 'wife'],
      ['waterprof', 'waterproof'],
      ['brazalte', 'brazalete'],
      ['zapatilas', 'zapatillas'],
      ['earings', 'earrings'],
    ];
    for (const [typo, word] of cases) assert.equal(slipOf(typo, isWord), word, typo);
  });

  it('a Spanish word written as it sounds: k for qu or c, s for z, v for b, y for ll, no h', () => {
    const cases: [string, string][] = [
      ['chaketa', 'chaqueta'],
      ['sapatos', 'zapatos'],
      ['vufanda', 'bufanda'],
      ['kamiseta', 'camiseta'],
      ['almoada', 'almohada'],
      ['amariyo', 'amarillo'],
    ];
    for (const [typo, word] of cases) assert.equal(slipOf(typo, isWord), word, typo);
    // A word of the dictionary is never changed for its sound ("case" is no "casa"), nor a short one.
    assert.equal(slipOf('case', isWord), undefined);
    assert.equal(slipOf('asul', isWord), undefined);
  });

  it('no real word, no slip at the first letter, no short word, no word of several candidates', () => {
    for (const w of ['coast', 'brings', 'paints', 'stable', 'cheep']) assert.equal(slipOf(w, isWord), undefined, `${w} is a word`);
    assert.equal(slipOf('iphone', isWord), undefined, 'a letter before "phone" is a name, not a slip');
    assert.equal(slipOf('oster', isWord), undefined, 'nor a first letter left out of "poster"');
    assert.equal(slipOf('rng', isWord), undefined, 'three letters');
    assert.equal(slipOf('packet', isWord), undefined, 'a letter typed for another in a short word');
    assert.equal(slipOf('jacket', isWord), undefined, 'a word the rules know');
    // Longer than any known word with a letter too many: no slip, and not scanned (each way of leaving a
    // letter out of an 8,000-letter word would copy 64 million characters: bench/longMessages.ts).
    assert.equal(slipOf('necklacee', isWord), 'necklace');
    assert.equal(slipOf('a'.repeat(8000), isWord), undefined);
    assert.equal(slipOf(`${'x'.repeat(40)}necklace`, isWord), undefined);
  });
});

describe('correctTypos: the text with its slips read as meant', () => {
  it('corrects the slips, keeps the rest as written', () => {
    assert.equal(correctTypos('looking for a jaket for my husbnd, waterprof pls', isWord), 'looking for a jacket for my husband, waterproof pls');
    assert.equal(correctTypos('Neckalce for my gf, goldd', isWord), 'necklace for my gf, gold', 'a capital starting the text is no name');
  });

  it('leaves names (a capital inside, or after the start of a sentence), talk no dictionary has, and the shop\'s own words', () => {
    assert.equal(correctTypos('an iPhone case', isWord), 'an iPhone case');
    assert.equal(correctTypos('from Oster or Jaket', isWord), 'from Oster or Jaket');
    assert.equal(correctTypos('un regalo pa mi compa', isWord), 'un regalo pa mi compa');
    const shop = shopWords({ categories: ['Jackets'], vendors: ['Braclet Co'], tags: [] });
    assert.equal(correctTypos('braclet co bags', isWord, shop), 'braclet co bags');
  });
});
