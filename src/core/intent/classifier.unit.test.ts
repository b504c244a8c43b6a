import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { isAffinityError } from '../errors.ts';
import { IntentClassifier } from './classifier.ts';
import { parseCorpus } from './corpus.ts';
import { INTENT_TYPES, type IntentType } from './types.ts';

const train = parseCorpus(readFileSync(new URL('../../../data/intent/train.jsonl', import.meta.url), 'utf8'));

describe('IntentClassifier', () => {
  let clf: IntentClassifier;
  before(async () => {
    clf = await IntentClassifier.create(train);
  });

  const clear: Record<IntentType, string[]> = {
    high_purchase_intent: [
      'add the blue one to my cart',
      'I need running shoes for tomorrow',
      'ok, I will take the black one in size 9',
      'lo compro',
      'quiero comprar estas botas',
      'añádelo al carrito, pago ya',
    ],
    comparison_shopping: [
      'Nike Pegasus vs Adidas Ultraboost',
      'which is better for hiking, the leather or the synthetic boots?',
      "what's the difference between these two jackets?",
      '¿cuál es mejor, el azul o el negro?',
      'diferencia entre el modelo básico y el pro',
      'compara estos dos colchones',
    ],
    browsing: [
      'show me something nice',
      'just looking, thanks',
      'gift ideas for my dad under $50',
      '¿qué tienen en vestidos?',
      'solo estoy mirando',
      'muéstrame las novedades',
    ],
    research: [
      'how do I choose a mattress?',
      'what is merino wool?',
      'how do I wash this sweater?',
      '¿qué talla necesito?',
      '¿de qué material es?',
      '¿cuánto tarda el envío a Madrid?',
    ],
  };
  for (const [type, texts] of Object.entries(clear)) {
    for (const text of texts) it(`"${text}" → ${type}`, () => assert.equal(clf.classify(text).type, type));
  }

  it('returns calibrated probabilities that sum to one, the best as confidence', () => {
    for (const text of ['lo compro', 'which one is better?', 'hola', 'x']) {
      const r = clf.classify(text);
      const total = INTENT_TYPES.reduce((s, t) => s + r.scores[t], 0);
      assert.ok(Math.abs(total - 1) < 1e-9);
      assert.ok(r.confidence >= 0 && r.confidence <= 1);
      assert.equal(r.confidence, Math.max(...INTENT_TYPES.map((t) => r.scores[t])));
      assert.equal(r.scores[r.type], r.confidence);
    }
  });

  it('is more confident on clear utterances than on vague ones', () => {
    assert.ok(clf.classify('add it to my cart and check out').confidence > 0.9);
    assert.ok(clf.classify('hmm').confidence < clf.classify('add it to my cart and check out').confidence);
  });

  it('reports the detected language and entities', () => {
    const r = clf.classify('regalo de cumpleaños para mi madre, menos de 50 €, que no sea de cuero');
    assert.equal(r.language, 'es');
    assert.equal(r.entities.isGift, true);
    assert.equal(r.entities.recipient, 'mother');
    assert.deepEqual(r.entities.budget, { max: 50, currency: 'EUR', text: 'menos de 50 €' });
    assert.deepEqual(r.entities.rejections, [{ kind: 'material', value: 'leather' }]);
    assert.equal(clf.classify('red shoes').language, 'en');
  });

  it('matches entities against the taxonomy when one is given', () => {
    const taxonomy = { categories: ['Footwear > Sneakers'], vendors: ['Nike'] };
    const r = clf.classify('zapatillas Nike rojas talla 42', { taxonomy, currencyHint: 'MX' });
    assert.deepEqual(r.entities.categories, ['Footwear > Sneakers']);
    assert.deepEqual(r.entities.brands, ['Nike']);
    assert.deepEqual(r.entities.colours, ['red']);
    assert.deepEqual(r.entities.sizes, ['42']);
    // The intent does not depend on the taxonomy.
    assert.equal(r.type, clf.classify('zapatillas Nike rojas talla 42').type);
  });

  it('uses the currency hint for "$"', () => {
    assert.equal(clf.classify('algo por menos de $500', { currencyHint: 'MXN' }).entities.budget?.currency, 'MXN');
    assert.equal(clf.classify('algo por menos de $500').entities.budget?.currency, undefined);
  });

  it('handles empty and very long text', () => {
    assert.ok(INTENT_TYPES.includes(clf.classify('').type));
    assert.ok(INTENT_TYPES.includes(clf.classify('which is better? '.repeat(200)).type));
  });

  it('fits a temperature from out-of-fold predictions', () => {
    assert.ok(clf.temperature > 0.25 && clf.temperature < 8);
    assert.equal(clf.trainedOn, train.length);
  });

  it('is deterministic', () => {
    const other = IntentClassifier.train(train, { calibrationFolds: 0, temperature: clf.temperature });
    for (const t of ['lo compro', 'which one?', 'show me boots', 'return policy']) {
      assert.deepEqual(other.classify(t).scores, clf.classify(t).scores);
    }
  });

  it('refuses a corpus without at least two intent types', () => {
    assert.throws(() => IntentClassifier.train([]), (e) => isAffinityError(e) && e.code === 'VALIDATION_FAILED');
    assert.throws(
      () => IntentClassifier.train([{ text: 'a', label: 'browsing' }]),
      (e) => isAffinityError(e) && e.code === 'VALIDATION_FAILED',
    );
  });
});
