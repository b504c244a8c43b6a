import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_INTENT_TRAIN_PATH } from '../features/recommend/intentClassifier.ts';
import { loadBitext, loadHint3, loadSimmc } from './intentDatasets.ts';
import { crossVoice, DEFAULT_INTENT_HELDOUT_PATH, evaluateIntents, renderIntentEval, type IntentEvalResult } from './intentEval.ts';

/** A miniature copy of the shared dataset layout (unit tests never read /work/shared). */
function fakeShared(dir: string): void {
  mkdirSync(join(dir, 'hint3-v2'));
  writeFileSync(
    join(dir, 'hint3-v2', 'sofmattress_test.csv'),
    'sentence,label\nWhat is the difference between the two mattresses,COMPARISON\nHow much is the king size,MATTRESS_COST\nWhere is my order,ORDER_STATUS\n"Call me, please",LEAD_GEN\n',
  );
  writeFileSync(join(dir, 'hint3-v2', 'curekart_test.csv'), 'sentence,label\nsuggest some protein,RECOMMEND_PRODUCT\nhi,NO_NODES_DETECTED\n');
  mkdirSync(join(dir, 'simmc2.1-mini'));
  writeFileSync(
    join(dir, 'simmc2.1-mini', 'simmc2.1_dials_dstc11_mini.json'),
    JSON.stringify({
      dialogue_data: [
        {
          dialogue: [
            { transcript: 'Do you have any plain jeans?', transcript_annotated: { act: 'REQUEST:GET' } },
            { transcript: 'Add the grey one to my cart.', transcript_annotated: { act: 'REQUEST:ADD_TO_CART' } },
            { transcript: 'The one on the left.', transcript_annotated: { act: 'INFORM:DISAMBIGUATE' } },
          ],
        },
      ],
    }),
  );
  mkdirSync(join(dir, 'bitext-customer-support'));
  writeFileSync(
    join(dir, 'bitext-customer-support', 'Bitext_Sample_Customer_Support_Training_Dataset.csv'),
    'context,role,instruction,intent,entity_type,entity_value,start_offset,end_offset,category,tags,response\n,,I want to buy some items,place_order,,,,,ORDER,,ok\n,,track my order,track_order,,,,,ORDER,,ok\n',
  );
}

describe('shared dataset loaders', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'affinity-intents-'));
    fakeShared(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('maps HINT3 labels by tier and counts the excluded ones', () => {
    const sof = loadHint3(dir, 'sofmattress', 'test');
    assert.deepEqual(
      sof.utterances.map((u) => [u.source, u.intent, u.tier]),
      [
        ['COMPARISON', 'comparison_shopping', 'core'],
        ['MATTRESS_COST', 'research', 'core'],
        ['LEAD_GEN', 'high_purchase_intent', 'contested'],
      ],
    );
    assert.deepEqual(sof.excluded, { ORDER_STATUS: 1 });
    assert.deepEqual(loadHint3(dir, 'curekart', 'test').excluded, { NO_NODES_DETECTED: 1 });
  });

  it('maps SIMMC dialogue acts and Bitext intents', () => {
    assert.deepEqual(loadSimmc(dir).utterances.map((u) => u.intent), ['browsing', 'high_purchase_intent']);
    assert.deepEqual(loadSimmc(dir).excluded, { 'INFORM:DISAMBIGUATE': 1 });
    assert.deepEqual(loadBitext(dir).utterances.map((u) => [u.text, u.intent]), [['I want to buy some items', 'high_purchase_intent']]);
  });

  it('evaluates the held-out set and the shared datasets', async () => {
    const r: IntentEvalResult = await evaluateIntents({
      trainPath: DEFAULT_INTENT_TRAIN_PATH,
      heldoutPath: DEFAULT_INTENT_HELDOUT_PATH,
      sharedDir: dir,
      latencyPasses: 1,
    });
    // The project's accuracy bar on its held-out set, overall and per language.
    assert.ok(r.heldout.report.accuracy >= 0.9, `held-out accuracy ${r.heldout.report.accuracy}`);
    for (const lang of ['en', 'es']) assert.ok((r.heldout.byLanguage[lang]?.accuracy ?? 0) >= 0.85, lang);
    assert.ok(r.heldout.ece >= 0 && r.heldout.ece < 0.15);
    assert.equal(r.heldout.reliability.length, 10);
    assert.equal(r.latencyMs.calls, r.heldout.report.n + (r.unseen?.report.n ?? 0));
    // The unseen-voices set is scored by default, with the high-confidence error rate.
    assert.equal(r.unseen?.report.n, 240);
    assert.ok((r.unseen?.highConfidence.n ?? 0) > 0);
    assert.ok((r.unseen?.highConfidence.errorRate ?? 1) >= 0 && (r.unseen?.highConfidence.errorRate ?? 1) <= 1);
    assert.ok((r.sources.project ?? 0) > 1000 && (r.sources['es-ar'] ?? 0) > 0);
    assert.deepEqual(r.shared.map((s) => s.dataset), ['hint3-v2/sofmattress_test', 'hint3-v2/curekart_test', 'simmc2.1-mini', 'bitext-customer-support']);
    const sof = r.shared[0];
    assert.deepEqual(Object.keys(sof?.tiers ?? {}), ['core', 'contested']);
    assert.equal(sof?.bySourceLabel.COMPARISON?.n, 1);
    const text = renderIntentEval(r, true);
    assert.match(text, /## Unseen-voices set/);
    assert.match(text, /## Project held-out set/);
    assert.match(text, /confidence > 0\.9: \d+ answers/);
    assert.match(text, /\| gold \\ predicted \|/);
    assert.match(text, /## simmc2\.1-mini/);
  });
});

describe('crossVoice', () => {
  it('holds out one voice group at a time and pools the predictions', () => {
    const lines = (source: string, family: string | undefined, texts: Record<string, string[]>) =>
      Object.entries(texts).flatMap(([label, ts]) =>
        ts.map((text) => ({ text, label: label as 'browsing' | 'high_purchase_intent', source, ...(family ? { family } : {}) })),
      );
    const corpus = [
      ...lines('a', 'pair', { browsing: ['show me shoes', 'just looking'], high_purchase_intent: ['buy it now', 'add to cart'] }),
      ...lines('b', 'pair', { browsing: ['what is new', 'show me hats'], high_purchase_intent: ['i will take it', 'checkout please'] }),
      ...lines('c', undefined, { browsing: ['muéstrame vestidos', 'solo miro'], high_purchase_intent: ['lo compro', 'al carrito'] }),
    ];
    const r = crossVoice(corpus);
    assert.deepEqual(r.folds.map((f) => [f.voice, f.n]), [['pair', 8], ['c', 4]]);
    assert.equal(r.pooled.report.n, corpus.length);
    assert.equal(r.pooled.reliability.length, 10);
  });
});
