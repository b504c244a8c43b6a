import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadIntentCorpus, trainingCorpus } from '../features/recommend/intentClassifier.ts';
import { INTENT_TYPES } from '../core/intent/types.ts';
import { UNSEEN_VOICES_SET } from './intentUnseenSet.ts';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const UNSEEN_FILE = join(SRC, 'eval', 'intentUnseenSet.ts');

/** Every repository file reachable through static or dynamic relative imports from `entry`. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  for (let guard = 0; stack.length > 0 && guard < 5000; guard++) {
    const file = stack.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1] as string);
      if (existsSync(target)) stack.push(target);
    }
  }
  return seen;
}

const words = (t: string): Set<string> => new Set(t.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').match(/[\p{L}\p{N}]+/gu) ?? []);

describe('the unseen-voices held-out set', () => {
  it('is not reachable from the trainer, the corpus or the app that serves /v1/intent', () => {
    for (const entry of ['features/recommend/intentClassifier.ts', 'core/intent/classifier.ts', 'core/intent/corpus/index.ts', 'http/routes/intent.ts']) {
      const graph = importGraph(join(SRC, entry));
      assert.ok(graph.size > 1, `${entry} resolves its imports`);
      assert.ok(!graph.has(UNSEEN_FILE), `${entry} reaches intentUnseenSet.ts`);
    }
    // The walker does find the set where it is used.
    assert.ok(importGraph(join(SRC, 'eval', 'intentEval.ts')).has(UNSEEN_FILE));
  });

  it('has 30 utterances per intent and language', () => {
    for (const lang of ['en', 'es'] as const) {
      for (const t of INTENT_TYPES) assert.equal(UNSEEN_VOICES_SET.filter((u) => u.lang === lang && u.label === t).length, 30, `${lang}/${t}`);
    }
  });

  it('shares no utterance, and no near-copy, with the training corpus', async () => {
    const train = trainingCorpus(await loadIntentCorpus());
    const trainWords = train.map((u) => words(u.text));
    for (const u of UNSEEN_VOICES_SET) {
      const w = words(u.text);
      for (const t of trainWords) {
        let inter = 0;
        for (const x of w) if (t.has(x)) inter++;
        const jaccard = inter / (w.size + t.size - inter);
        assert.ok(jaccard < 0.6, `"${u.text}" is a near-copy of a training line (Jaccard ${jaccard.toFixed(2)})`);
      }
    }
  });
});
