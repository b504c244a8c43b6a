/**
 * The English and Spanish word lists as a Bloom filter (wordList.ts): real words in either language are
 * words, typos are not, and made-up strings are rarely taken for words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDictionaryWord, loadWordList, WordFilter } from './wordList.ts';

describe('isDictionaryWord', () => {
  it('knows English and Spanish words, folded, and not the typos shoppers make', async () => {
    await loadWordList();
    for (const w of ['jacket', 'necklace', 'coast', 'brings', 'pulsera', 'chamarra', 'camion', 'zapatillas']) assert.equal(isDictionaryWord(w), true, w);
    for (const w of ['jaket', 'neckalce', 'husbnd', 'braclet', 'waterprof']) assert.equal(isDictionaryWord(w), false, w);
  });
});

describe('WordFilter', () => {
  it('has every word put in and few others (16 bits a word)', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `word${i}`);
    const f = new WordFilter(words, words.length);
    assert.ok(words.every((w) => f.has(w)));
    let wrong = 0;
    for (let i = 0; i < 20_000; i++) if (f.has(`other${i}`)) wrong++;
    assert.ok(wrong < 20, `${wrong} of 20,000 absent words taken for words`);
  });
});
