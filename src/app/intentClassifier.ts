/**
 * Loads the intent corpus shipped in the repository and trains the classifier once at start-up.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IntentClassifier, type TrainOptions } from '../core/intent/classifier.ts';
import { parseCorpus } from '../core/intent/corpus.ts';
import type { LabeledUtterance } from '../core/intent/types.ts';

/** `data/intent/train.jsonl` of this checkout. */
export const DEFAULT_INTENT_TRAIN_PATH = fileURLToPath(new URL('../../data/intent/train.jsonl', import.meta.url));

/** Reads a JSONL corpus file. */
export async function loadIntentCorpus(path: string = DEFAULT_INTENT_TRAIN_PATH): Promise<LabeledUtterance[]> {
  return parseCorpus(await readFile(path, 'utf8'));
}

/** Trains the classifier on the repository corpus (or `path`); about a second on two cores. */
export async function loadIntentClassifier(path: string = DEFAULT_INTENT_TRAIN_PATH, options?: TrainOptions): Promise<IntentClassifier> {
  return IntentClassifier.create(await loadIntentCorpus(path), options);
}
