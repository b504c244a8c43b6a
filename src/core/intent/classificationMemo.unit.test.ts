import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClassificationMemo } from './classificationMemo.ts';
import { classifierExtractor, type SyncClassifier } from './intentExtractor.ts';
import type { CatalogVocabulary, ClassifyContext, Intent } from './types.ts';

/** A classifier that records what it was asked and answers with the text's length as the confidence. */
function counting(): SyncClassifier & { calls: { text: string; ctx: ClassifyContext | undefined }[] } {
  const calls: { text: string; ctx: ClassifyContext | undefined }[] = [];
  return {
    calls,
    classify(text, ctx): Intent {
      calls.push({ text, ctx });
      return {
        type: 'browsing',
        confidence: text.length / 100,
        language: 'en',
        entities: { categories: ctx?.taxonomy?.categories.slice(0, 1) ?? [], brands: [], colours: [], sizes: [], rejections: [], isGift: false },
        scores: { high_purchase_intent: 0, comparison_shopping: 0, browsing: 1, research: 0 },
      };
    },
  };
}

const vocab = (category: string): CatalogVocabulary => ({ categories: [category], vendors: [], tags: [] });

describe('classification memo', () => {
  it('classifies a text sent again once, for the same vocabulary and currency hint', async () => {
    const clf = counting();
    const v = vocab('Boots');
    const x = classifierExtractor(clf, () => v);
    const a = await x.extract('hiking boots', { shop: 's', currencyHint: 'US' });
    const b = await x.extract('hiking boots', { shop: 's', currencyHint: 'US' });
    assert.equal(clf.calls.length, 1);
    assert.equal(b, a);
    assert.deepEqual(a.entities.categories, ['Boots']);
    assert.equal(a.source, 'local');
  });

  it('classifies again after a catalog change (a new vocabulary object), for another hint or another text', async () => {
    const clf = counting();
    let v = vocab('Boots');
    const x = classifierExtractor(clf, () => v);
    await x.extract('hiking boots', { shop: 's' });
    v = vocab('Hiking Boots');
    const after = await x.extract('hiking boots', { shop: 's' });
    assert.deepEqual(after.entities.categories, ['Hiking Boots']);
    await x.extract('hiking boots', { shop: 's', currencyHint: 'MX' });
    await x.extract('Hiking boots', { shop: 's', currencyHint: 'MX' });
    await x.extract('hiking boots', { shop: 's', market: 'ES' });
    assert.equal(clf.calls.length, 5);
    assert.deepEqual(clf.calls.map((c) => c.ctx?.currencyHint), [undefined, undefined, 'MX', 'MX', 'ES']);
  });

  it('hands out frozen answers (every holder shares one object)', async () => {
    const x = classifierExtractor(counting(), () => vocab('Boots'));
    const a = await x.extract('boots', { shop: 's' });
    assert.ok(Object.isFrozen(a) && Object.isFrozen(a.entities) && Object.isFrozen(a.entities.categories));
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const memo = new ClassificationMemo<string>(2);
    let computed = 0;
    const get = (t: string) => memo.get(undefined, undefined, t, () => `${t}:${++computed}`);
    get('a');
    get('b');
    assert.equal(get('a'), 'a:1'); // a is now the most recent
    get('c'); // drops b
    assert.equal(memo.size, 2);
    assert.equal(get('a'), 'a:1');
    assert.equal(get('b'), 'b:4');
  });

  it('keeps nothing with size 0', async () => {
    const clf = counting();
    const x = classifierExtractor(clf, undefined, { memoSize: 0 });
    await x.extract('boots', { shop: 's' });
    await x.extract('boots', { shop: 's' });
    assert.equal(clf.calls.length, 2);
  });
});
