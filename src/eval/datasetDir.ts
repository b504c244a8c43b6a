/**
 * The dataset directories given to `affinity eval` and `affinity eval-personalization`, checked before
 * any of them is evaluated (a typo in the second one used to surface as a stack trace after minutes
 * spent on the first).
 */
import { statSync } from 'node:fs';
import { isDigineticaDir } from './diginetica.ts';
import { isOnlineRetailDir } from './onlineRetail.ts';
import { isYoochooseDir } from './yoochoose.ts';

/** Why `dir` is not a dataset directory (one line for the command line), or `undefined` when it is one. */
export function datasetDirProblem(dir: string, opts: DatasetKinds = {}): string | undefined {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return `${dir}: no such directory`;
  if (!stat.isDirectory()) return `${dir}: not a directory (give the dataset's directory, not one of its files)`;
  const diginetica = opts.diginetica !== false;
  if (isYoochooseDir(dir) || isOnlineRetailDir(dir) || (diginetica && isDigineticaDir(dir))) return undefined;
  const expected = diginetica
    ? 'yoochoose-clicks-100k_*.txt, online_retail_YYYY-MM.csv.gz or (sample_)train-item-views.csv files'
    : 'yoochoose-clicks-100k_*.txt or online_retail_YYYY-MM.csv.gz files';
  return `${dir}: not a known dataset (expected ${expected} in it)`;
}

/** Which dataset kinds a command accepts beyond YooChoose and Online Retail. */
export interface DatasetKinds {
  /** Diginetica views (default true). */
  readonly diginetica?: boolean;
}

/**
 * Writes `affinity <command>: <problem>` to stderr for each directory that is not a dataset.
 * @returns whether every directory is one
 */
export function checkDatasetDirs(command: string, dirs: readonly string[], opts: DatasetKinds = {}): boolean {
  const problems = dirs.map((d) => datasetDirProblem(d, opts)).filter((p): p is string => p !== undefined);
  for (const p of problems) process.stderr.write(`affinity ${command}: ${p}\n`);
  return problems.length === 0;
}
