/**
 * The dataset directories given to `affinity eval` and `affinity eval-personalization`, checked before
 * any of them is evaluated (a typo in the second one used to surface as a stack trace after minutes
 * spent on the first).
 */
import { statSync } from 'node:fs';
import { isOnlineRetailDir } from './onlineRetail.ts';
import { isYoochooseDir } from './yoochoose.ts';

/** Why `dir` is not a dataset directory (one line for the command line), or `undefined` when it is one. */
export function datasetDirProblem(dir: string): string | undefined {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) return `${dir}: no such directory`;
  if (!stat.isDirectory()) return `${dir}: not a directory (give the dataset's directory, not one of its files)`;
  if (isYoochooseDir(dir) || isOnlineRetailDir(dir)) return undefined;
  return `${dir}: not a known dataset (expected yoochoose-clicks-100k_*.txt or online_retail_YYYY-MM.csv.gz files in it)`;
}

/**
 * Writes `affinity <command>: <problem>` to stderr for each directory that is not a dataset.
 * @returns whether every directory is one
 */
export function checkDatasetDirs(command: string, dirs: readonly string[]): boolean {
  const problems = dirs.map(datasetDirProblem).filter((p): p is string => p !== undefined);
  for (const p of problems) process.stderr.write(`affinity ${command}: ${p}\n`);
  return problems.length === 0;
}
