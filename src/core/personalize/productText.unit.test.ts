import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { product } from '../../testing/productFixture.ts';
import { hasPhrase, mayContain, phrase, productText } from './productText.ts';

describe('productText: words for ruling phrases out', () => {
  const p = product({ id: 'b1', title: 'Trail Running Shoes', vendor: 'Alpina', productType: 'Sneakers', category: 'Apparel > Shoes > Running Shoes', tags: ['Waterproof', 'Gore-Tex'], description: 'Suede upper, rubber sole' });
  const t = productText(p);

  it('holds every folded, singular word of every field', () => {
    for (const w of ['trail', 'running', 'shoe', 'alpina', 'sneaker', 'apparel', 'waterproof', 'suede', 'rubber', 'sole']) assert.ok(t.words.has(w), w);
    assert.ok(!t.words.has('|') && !t.words.has(''));
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
