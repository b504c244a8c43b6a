/**
 * Loads the intent corpus shipped in the repository and trains the classifier once at start-up (or reads
 * the model trained on the same corpus and code before: `classifierCache.ts`): the original JSONL corpus
 * (`data/intent/train.jsonl`, source `project`) plus the built-in voices of `src/core/intent/corpus/`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IntentClassifier, type TrainingUtterance, type TrainOptions } from '../../core/intent/classifier.ts';
import { parseCorpus, sourceUtterances } from '../../core/intent/corpus.ts';
import { BUILT_IN_SOURCES } from '../../core/intent/corpus/index.ts';
import { cachedClassifier } from './classifierCache.ts';
import type { LabeledUtterance } from '../../core/intent/types.ts';

/** `data/intent/train.jsonl` of this checkout. */
export const DEFAULT_INTENT_TRAIN_PATH = fileURLToPath(new URL('../../../data/intent/train.jsonl', import.meta.url));

/** Source name given to the lines of the JSONL corpus. */
export const JSONL_SOURCE = 'project';

/** Reads a JSONL corpus file. */
export async function loadIntentCorpus(path: string = DEFAULT_INTENT_TRAIN_PATH): Promise<LabeledUtterance[]> {
  return parseCorpus(await readFile(path, 'utf8'));
}

/**
 * The training corpus: the JSONL file's lines (source `project`) followed by every built-in voice
 * (`builtIn: false` leaves those out). Exact duplicates (case- and space-folded) are kept once.
 */
export function trainingCorpus(jsonl: readonly LabeledUtterance[], builtIn = true): TrainingUtterance[] {
  const out: TrainingUtterance[] = [];
  const seen = new Set<string>();
  for (const u of [...jsonl.map((l) => ({ ...l, source: JSONL_SOURCE })), ...(builtIn ? sourceUtterances(BUILT_IN_SOURCES) : [])]) {
    const key = u.text.trim().toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(u);
  }
  return out;
}

/**
 * The classifier trained on the repository corpus (or `path` plus the built-in voices): a few seconds
 * of CPU on two cores, so with the default options the trained model is kept on disk and read back
 * while nothing it was trained from changed (`classifierCache.ts`).
 */
export async function loadIntentClassifier(path: string = DEFAULT_INTENT_TRAIN_PATH, options?: TrainOptions): Promise<IntentClassifier> {
  const corpus = trainingCorpus(await loadIntentCorpus(path));
  if (options) return IntentClassifier.create(corpus, options);
  return (await cachedClassifier(corpus, () => IntentClassifier.create(corpus))).classifier;
}

/** The repository classifier of this process, once trained (see {@link repositoryIntentClassifier}). */
let repository: Promise<IntentClassifier> | undefined;

/**
 * The classifier trained on the repository corpus, trained once per process: every app wired in the
 * process (the demo, tests that start several nodes, `affinity mcp`) shares it. It holds no per-shop
 * state (its shop vocabularies are compiled per vocabulary object, its memo is keyed by the exact input).
 */
export function repositoryIntentClassifier(): Promise<IntentClassifier> {
  repository ??= loadIntentClassifier().catch((err: unknown) => {
    repository = undefined;
    throw err;
  });
  return repository;
}
