import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExtractedIntent, IntentExtractor } from '../../core/intent/intentExtractor.ts';
import { loadConfig } from '../../config.ts';
import { ExtractorUnavailableError, chainExtractors } from './intentChain.ts';

const intent = (source: ExtractedIntent['source']): ExtractedIntent => ({
  type: 'browsing',
  confidence: 0.5,
  language: 'en',
  scores: { high_purchase_intent: 0.1, comparison_shopping: 0.1, browsing: 0.5, research: 0.3 },
  entities: { categories: [], brands: [], colours: [], sizes: [], rejections: [], isGift: false },
  source,
  fallbackUsed: false,
});
const ok = (source: ExtractedIntent['source']): IntentExtractor => ({ extract: async () => intent(source) });
const failing = (err: Error): IntentExtractor => ({
  extract: async () => {
    throw err;
  },
});

describe('chainExtractors', () => {
  it('uses the primary when it answers', async () => {
    const r = await chainExtractors(ok('model'), ok('local')).extract('x', { shop: 's' });
    assert.equal(r.source, 'model');
    assert.equal(r.fallbackUsed, false);
  });
  it('is the fallback alone without a primary', async () => {
    const fb = ok('local');
    assert.equal(chainExtractors(undefined, fb), fb);
  });
  it('marks the fallback answer fallbackUsed when the primary fails', async () => {
    const errors: unknown[] = [];
    const r = await chainExtractors(failing(new Error('down')), ok('local'), (e) => errors.push(e)).extract('x', { shop: 's' });
    assert.equal(r.source, 'local');
    assert.equal(r.fallbackUsed, true);
    assert.equal(errors.length, 1);
  });
  it('hands over without fallbackUsed when the primary is unavailable', async () => {
    const r = await chainExtractors(failing(new ExtractorUnavailableError()), ok('local')).extract('x', { shop: 's' });
    assert.equal(r.fallbackUsed, false);
  });
  it('chains three links: a failure two levels up stays marked', async () => {
    const chain = chainExtractors(failing(new Error('sampling down')), chainExtractors(failing(new ExtractorUnavailableError()), ok('local')));
    const r = await chain.extract('x', { shop: 's' });
    assert.equal(r.source, 'local');
    assert.equal(r.fallbackUsed, true);
  });
});

describe('intent model configuration', () => {
  it('is off by default', () => {
    const c = loadConfig({});
    assert.equal(c.intentModel, undefined);
    assert.equal(c.intentSampling, false);
    assert.equal(c.intentModelTimeoutMs, 1500);
  });
  it('reads URL, model, key and timeout', () => {
    const c = loadConfig({
      AFFINITY_INTENT_MODEL_URL: 'http://127.0.0.1:11434/v1',
      AFFINITY_INTENT_MODEL: 'qwen2.5:3b',
      AFFINITY_INTENT_MODEL_KEY: 'k',
      AFFINITY_INTENT_MODEL_TIMEOUT_MS: '900',
      AFFINITY_INTENT_SAMPLING: 'true',
    });
    assert.deepEqual(c.intentModel, { url: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:3b', apiKey: 'k', timeoutMs: 900 });
    assert.equal(c.intentSampling, true);
  });
  it('requires a model name with the URL', () => {
    assert.throws(() => loadConfig({ AFFINITY_INTENT_MODEL_URL: 'http://127.0.0.1:11434/v1' }), /AFFINITY_INTENT_MODEL: required/);
  });
});
