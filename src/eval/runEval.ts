/**
 * `affinity eval <dataset dir>... [--json] [--validation]`: detects each dataset by its files
 * (YooChoose session split or Online Retail monthly files), runs the hybrid and the baselines, and
 * prints a table, or with `--json` one JSON object per dataset and line (nothing else on stdout).
 * `--validation` scores the earlier split the parameters were tuned on instead of the test split.
 * `--production-ranker` adds, on YooChoose, the learned re-ranker restricted to the inputs production
 * has today (`PRODUCTION_LEARNED`; about two more minutes of CPU).
 */
import { resolve } from 'node:path';
import { checkDatasetDirs } from './datasetDir.ts';
import { isDigineticaDir, loadDiginetica } from './diginetica.ts';
import { learnedYoochoose, PRODUCTION_LEARNED } from './learnedRanker.ts';
import { isOnlineRetailDir, runOnlineRetail } from './onlineRetail.ts';
import type { PairedInterval } from './bootstrap.ts';
import type { EvalResult } from './result.ts';
import { DEFAULT_HYBRID, isYoochooseDir, runYoochoose, sessionResult } from './yoochoose.ts';

/**
 * Evaluates one dataset directory (test split, or the tuning split with `validation`); with
 * `productionRanker`, YooChoose also gets the re-ranker on production's inputs. Throws for an unknown directory.
 */
export function evaluateDir(dir: string, validation = false, productionRanker = false): EvalResult {
  if (isYoochooseDir(dir)) {
    const r = runYoochoose(dir, undefined, validation);
    // The learned re-ranker (issue 14): trained on the training split's last days, see `learnedRanker.ts`.
    const t0 = performance.now();
    const l = learnedYoochoose(dir, validation);
    const p = productionRanker ? learnedYoochoose(dir, validation, PRODUCTION_LEARNED, 'learned_production') : { methods: {}, intervals: {} };
    return {
      ...r,
      methods: { ...r.methods, ...l.methods, ...p.methods },
      intervals: { ...r.intervals, ...l.intervals, ...p.intervals },
      seconds: r.seconds + (performance.now() - t0) / 1000,
    };
  }
  if (isOnlineRetailDir(dir)) return runOnlineRetail(dir, undefined, {}, validation);
  if (isDigineticaDir(dir)) {
    const t0 = performance.now();
    const { train, test } = loadDiginetica(dir, validation);
    return sessionResult(validation ? 'diginetica (validation split)' : 'diginetica', train, test, DEFAULT_HYBRID, t0);
  }
  throw new Error(`${dir}: not a known dataset (expected yoochoose-clicks-100k_*.txt, online_retail_YYYY-MM.csv.gz or train-item-views.csv files)`);
}

/** The `--json` line of a result. */
export function toJson(r: EvalResult): string {
  const methods: Record<string, { 'hr@20': number; 'mrr@20': number }> = {};
  for (const [name, m] of Object.entries(r.methods)) methods[name] = { 'hr@20': round(m.hr), 'mrr@20': round(m.mrr) };
  const intervals: Record<string, Record<string, { diff: number; lo: number; hi: number }>> = {};
  for (const [name, c] of Object.entries(r.intervals ?? {})) {
    intervals[name] = {};
    for (const [metric, i] of [['hr@20', c.hr], ['mrr@20', c.mrr]] as const) intervals[name][metric] = { diff: round(i.diff), lo: round(i.lo), hi: round(i.hi) };
  }
  return JSON.stringify({ dataset: r.dataset, methods, variation: round(r.variation), ...(r.intervals ? { intervals } : {}) });
}

/** A readable table of a result. */
export function toTable(r: EvalResult): string {
  const names = Object.keys(r.methods);
  const w = Math.max(8, ...names.map((n) => n.length));
  const lines = [
    `${r.dataset}: ${r.cases} test cases, ${r.seconds.toFixed(1)} s`,
    `  ${'method'.padEnd(w)}  HR@${r.k}    MRR@${r.k}   variation@10`,
  ];
  for (const n of names) {
    const m = r.methods[n];
    if (!m) continue;
    lines.push(`  ${n.padEnd(w)}  ${m.hr.toFixed(4)}  ${m.mrr.toFixed(4)}   ${Number.isNaN(m.variation) ? '-' : m.variation.toFixed(4)}`);
  }
  const intervals = Object.entries(r.intervals ?? {});
  if (intervals.length > 0) {
    const iw = Math.max(...intervals.map(([n]) => n.length));
    lines.push(`  paired bootstrap, 95 % intervals of the difference:`);
    const fmt = (i: PairedInterval): string => `${sign(i.diff)} [${sign(i.lo)}, ${sign(i.hi)}]`;
    for (const [n, c] of intervals) lines.push(`  ${n.padEnd(iw)}  HR ${fmt(c.hr)}  MRR ${fmt(c.mrr)}`);
  }
  return lines.join('\n');
}

function sign(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(4)}`;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** CLI entry: `runEval(['<dir>', ..., '--json', '--validation'])`; resolves with the exit code (2: bad directories). */
export async function runEval(args: readonly string[]): Promise<number> {
  const json = args.includes('--json');
  const validation = args.includes('--validation');
  const productionRanker = args.includes('--production-ranker');
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0) {
    process.stderr.write('affinity eval: missing <dataset dir>... (see `affinity eval --help`)\n');
    return 2;
  }
  if (!checkDatasetDirs('eval', dirs)) return 2;
  for (const d of dirs) {
    const r = evaluateDir(resolve(d), validation, productionRanker);
    process.stdout.write(json ? `${toJson(r)}\n` : `${toTable(r)}\n\n`);
  }
  return 0;
}
