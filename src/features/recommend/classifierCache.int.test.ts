import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { IntentClassifier, type TrainingUtterance } from '../../core/intent/classifier.ts';
import { parseCorpus } from '../../core/intent/corpus.ts';
import { cachedClassifier } from './classifierCache.ts';

// A part of the repository's corpus: enough to train and calibrate in well under a second.
const corpus: TrainingUtterance[] = parseCorpus(readFileSync(new URL('../../../data/intent/train.jsonl', import.meta.url), 'utf8'))
  .filter((_, i) => i % 4 === 0)
  .map((u) => ({ ...u, source: 'project' }));
const utterances = ['add the blue one to my cart', '¿cuál es mejor, el azul o el negro?', 'just looking', 'how do I wash merino?', 'collar de plata hasta 40 dólares', 'x'];

describe('the trained classifier kept on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-classifier-cache-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let trained = 0;
  const train = async () => {
    trained++;
    return IntentClassifier.create(corpus);
  };

  it('classifies exactly as the classifier it was taken from (probabilities, entities, language)', async () => {
    const original = await IntentClassifier.create(corpus);
    const read = IntentClassifier.fromSnapshot(JSON.parse(JSON.stringify(original.snapshot())));
    assert.ok(read);
    assert.equal(read.trainedOn, original.trainedOn);
    assert.deepEqual(read.calibration, original.calibration);
    for (const u of utterances) assert.deepEqual(read.classify(u), original.classify(u), u);
  });

  it('trains once, then reads the model back while the corpus and the code are the same', async () => {
    const first = await cachedClassifier(corpus, train, dir);
    assert.equal(first.cached, false);
    assert.equal(trained, 1);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 1);
    const second = await cachedClassifier(corpus, train, dir);
    assert.equal(second.cached, true);
    assert.equal(trained, 1, 'not trained again');
    for (const u of utterances) assert.deepEqual(second.classifier.classify(u), first.classifier.classify(u), u);
  });

  it('trains again for another corpus, and when the file is damaged, and rewrites it', async () => {
    const other = await cachedClassifier(corpus.slice(1), train, dir);
    assert.equal(other.cached, false);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.equal(files.length, 2);
    for (const f of files) writeFileSync(join(dir, f), '{"model": {"classes": 4, "features": ["a"], "weights": [1]}}');
    const before = trained;
    const again = await cachedClassifier(corpus, train, dir);
    assert.equal(again.cached, false);
    assert.equal(trained, before + 1);
    assert.equal((await cachedClassifier(corpus, train, dir)).cached, true);
  });

  it('refuses snapshots that are not whole: training is the answer, never a crash', () => {
    for (const bad of [null, 5, {}, { model: { classes: 4, features: ['a', 'a'], weights: [0, 0, 0, 0, 0, 0, 0, 0] } }, { model: { classes: 4, features: ['a'], weights: [0, 0, 0, 'x'] } }]) {
      assert.equal(IntentClassifier.fromSnapshot(bad), undefined, JSON.stringify(bad));
    }
  });

  it('trains when the cache cannot be written, and says so by `cached: false` each time', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, '');
    for (let i = 0; i < 2; i++) assert.equal((await cachedClassifier(corpus, train, join(file, 'cache'))).cached, false);
  });
});
