import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { hasPhrase, mayContain, mayHaveWord, phrase, productText } from './productText.ts';

describe('productText: words for ruling phrases out', () => {
  const p = product({ id: 'b1', title: 'Trail Running Shoes', vendor: 'Alpina', productType: 'Sneakers', category: 'Apparel > Shoes > Running Shoes', tags: ['Waterproof', 'Gore-Tex'], description: 'Suede upper, rubber sole' });
  const t = productText(p);

  it('holds every folded, singular word of every field', () => {
    for (const w of ['trail', 'running', 'shoe', 'alpina', 'sneaker', 'apparel', 'waterproof', 'suede', 'rubber', 'sole']) assert.ok(mayHaveWord(t, w), w);
    assert.ok(!mayHaveWord(t, ''));
  });

  it('rules out nearly every word a long text lacks (a filter of about 10 bits per word)', () => {
    const long = product({ id: 'l1', title: 'Walnut Writing Desk', description: Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ') });
    const lt = productText(long);
    for (let i = 0; i < 300; i++) assert.ok(mayHaveWord(lt, `word${i}`), `word${i}`);
    const passed = Array.from({ length: 2000 }, (_, i) => `absent${i}`).filter((w) => mayHaveWord(lt, w)).length;
    assert.ok(passed < 2000 * 0.05, `${passed} of 2000 absent words not ruled out`);
  });

  it('never rules out a phrase that a field contains', () => {
    for (const key of ['running shoe', 'trail running shoe', 'suede', 'alpina', phrase('Gore-Tex')]) {
      assert.ok(mayContain(t, key), key);
      assert.ok((Object.values(t.fields) as string[]).some((f) => hasPhrase(f, key)), key);
    }
  });

  it('rules out phrases with a word the product lacks', () => {
    for (const key of ['leather', 'hiking boot', 'shoe leather', '']) assert.equal(mayContain(t, key), false, key);
  });
});
