import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Intent } from '../core/intent/types.ts';
import { intentOut, isActionable, resolveIntent } from './intent.ts';

const classified: Intent = {
  type: 'browsing',
  confidence: 0.8,
  language: 'en',
  entities: { budget: { max: 100, currency: 'USD', text: 'under 100' }, categories: ['Boots'], brands: [], colours: [], sizes: [], rejections: [{ kind: 'material', value: 'leather' }], isGift: false },
  scores: { high_purchase_intent: 0.1, comparison_shopping: 0.05, browsing: 0.8, research: 0.05 },
};

describe('resolving the intent of a recommendation', () => {
  it('lets the agent win field by field and unites the lists', () => {
    const r = resolveIntent({ type: 'high_purchase_intent', budget: { max: 150 }, brand: 'Alpina', mustNot: ['Leather', 'suede'] }, classified);
    assert.equal(r.source, 'agent+classifier');
    assert.equal(r.type, 'high_purchase_intent');
    assert.equal(r.confidence, undefined, 'the classifier’s confidence is not the agent’s');
    assert.deepEqual(r.budget, { max: 150 });
    assert.deepEqual(r.categories, ['Boots']);
    assert.deepEqual(r.brands, ['Alpina']);
    assert.deepEqual(r.mustNot, ['Leather', 'suede']);
    assert.ok(isActionable(r));
  });

  it('reports no intent as source none, and keeps the personalization layer’s provenance', () => {
    assert.deepEqual(intentOut(undefined), { source: 'none', categories: [], brands: [], must_not: [] });
    assert.equal(isActionable(resolveIntent(undefined, undefined)), false);
    assert.equal(intentOut({ ...classified, source: 'session' }).source, 'session');
    assert.equal(intentOut({ ...classified, source: 'something-else' }).source, 'classifier');
  });
});
