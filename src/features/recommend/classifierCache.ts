/**
 * The repository classifier's training, kept on disk. Training costs seconds of CPU (about 7 on this
 * project's 2-core machine under load) and every process that reads intent did it at start: `affinity
 * serve` and each of its workers, `affinity mcp` (an MCP client waited for it before `initialize` was
 * answered), each test file that starts an app. The trained classifier is written as JSON under
 * `node_modules/.cache/affinity/`, named by a hash of everything training reads: the corpus, the
 * sources of `src/core` (features, entities, training and calibration) and Node's version. A change to
 * any of them is another name, so a stale model is never read back. A missing, unreadable or malformed
 * file means training, as before; a cache that cannot be written is no error.
 *
 * The classifier read back classifies exactly as the one trained (JSON numbers round-trip exactly:
 * `core/intent/classifier.unit.test.ts`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntentClassifier, type TrainingUtterance } from '../../core/intent/classifier.ts';

/** `node_modules/.cache/affinity` of this checkout (the usual place for a tool's cache). */
export const DEFAULT_CLASSIFIER_CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/affinity', import.meta.url));

/** The sources whose change makes another model: all of `src/core` but tests. */
const CORE_DIR = fileURLToPath(new URL('../../core', import.meta.url));

/** Cached models kept in the directory (other checkouts sharing `node_modules`, recent versions). */
const KEEP = 6;

const PREFIX = 'intent-classifier-';

/**
 * The classifier `train` gives for `corpus`, read from the cache when it holds it, else trained and
 * written there. `dir` (tests) defaults to {@link DEFAULT_CLASSIFIER_CACHE_DIR}.
 */
export async function cachedClassifier(
  corpus: readonly TrainingUtterance[],
  train: () => Promise<IntentClassifier>,
  dir: string = DEFAULT_CLASSIFIER_CACHE_DIR,
): Promise<{ readonly classifier: IntentClassifier; readonly cached: boolean }> {
  let file: string | undefined;
  try {
    file = join(dir, `${PREFIX}${await trainingHash(corpus)}.json`);
    const read = IntentClassifier.fromSnapshot(JSON.parse(await readFile(file, 'utf8')));
    if (read) return { classifier: read, cached: true };
  } catch {
    // No cache yet, or one that cannot be read: train.
  }
  const classifier = await train();
  if (file) await write(dir, file, JSON.stringify(classifier.snapshot()));
  return { classifier, cached: false };
}

/** The name of a training: the corpus, the core's sources and Node's version. */
async function trainingHash(corpus: readonly TrainingUtterance[]): Promise<string> {
  const h = createHash('sha256');
  h.update(`affinity-intent-1\0${process.version}\0`);
  h.update(JSON.stringify(corpus));
  const files = (await readdir(CORE_DIR, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  for (const f of files) {
    h.update(`\0${f}\0`);
    h.update(await readFile(join(CORE_DIR, f)));
  }
  return h.digest('hex').slice(0, 32);
}

/** Writes the file whole or not at all (a rename), then keeps the {@link KEEP} newest; never throws. */
async function write(dir: string, file: string, json: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, json);
    await rename(tmp, file);
    const models = (await readdir(dir)).filter((f) => f.startsWith(PREFIX) && f.endsWith('.json'));
    if (models.length <= KEEP) return;
    const dated = await Promise.all(models.map(async (f) => ({ f, at: (await stat(join(dir, f)).catch(() => undefined))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => b.at - a.at);
    await Promise.all(dated.slice(KEEP).map((d) => rm(join(dir, d.f), { force: true })));
  } catch {
    // A read-only checkout trains at each start, as before.
  }
}
