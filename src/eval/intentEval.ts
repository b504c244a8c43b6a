/**
 * `affinity eval-intent [--train <jsonl>] [--heldout <jsonl>] [--shared <dir>] [--hint3-split test|train]
 * [--cross-voice] [--train-shared] [--errors] [--json]`: trains the intent classifier on the training
 * corpus (the JSONL file plus the built-in voices) and reports, on the project's held-out set and on
 * the unseen-voices set (`intentUnseenSet.ts`, which the trainer never imports), accuracy,
 * per-class precision/recall, the confusion matrix, calibration (ECE, a reliability table and the
 * error rate among answers given with confidence > 0.9), per-language accuracy, language-detection
 * accuracy and latency p50/p99. `--cross-voice` adds a leave-one-voice-out run: for each training
 * source, a classifier trained (and calibrated) on all the other sources is scored on it. With
 * `--shared`, accuracy on the real chatbot queries of the shared e-commerce intent datasets whose
 * labels map onto the four intents (see `intentDatasets.ts`); `--train-shared` also adds the mapped
 * HINT3 *train* splits as training evidence (an experiment: the shipped classifier does not use them).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_INTENT_TRAIN_PATH, trainingCorpus } from '../features/recommend/intentClassifier.ts';
import { expectedCalibrationError, reliability, type ReliabilityBin } from '../core/intent/calibration.ts';
import { IntentClassifier, voiceOf, type TrainingUtterance, type TrainOptions } from '../core/intent/classifier.ts';
import type { Calibration } from '../core/intent/calibration.ts';
import { parseCorpus } from '../core/intent/corpus.ts';
import { INTENT_TYPES, type IntentType, type LabeledUtterance } from '../core/intent/types.ts';
import { loadBitext, loadHint3, loadSimmc, type MappingTier, type SharedDataset } from './intentDatasets.ts';
import { classificationReport, percentile, type ClassificationReport } from './intentMetrics.ts';
import { UNSEEN_VOICES_SET } from './intentUnseenSet.ts';

/** Confidence above which answers are counted as "high-confidence" (the bar: at most 2 % of them wrong). */
export const HIGH_CONFIDENCE = 0.9;

/** `data/intent/heldout.jsonl` of this checkout. */
export const DEFAULT_INTENT_HELDOUT_PATH = fileURLToPath(new URL('../../data/intent/heldout.jsonl', import.meta.url));

interface Prediction {
  readonly text: string;
  readonly gold: IntentType;
  readonly predicted: IntentType;
  readonly confidence: number;
  readonly language: 'en' | 'es';
  readonly goldLanguage?: 'en' | 'es';
}

/** Evaluation of one labelled set. */
export interface IntentSetResult {
  readonly name: string;
  readonly report: ClassificationReport;
  readonly ece: number;
  readonly reliability: readonly ReliabilityBin[];
  readonly byLanguage: Readonly<Record<string, { n: number; accuracy: number }>>;
  /** Per language, per gold intent: n and recall (accuracy on that intent). */
  readonly byLanguageAndIntent: Readonly<Record<string, Readonly<Record<string, { n: number; accuracy: number }>>>>;
  readonly languageDetectionAccuracy?: number;
  /** Answers given with confidence > {@link HIGH_CONFIDENCE}: how many, and the fraction of them that were wrong. */
  readonly highConfidence: { readonly n: number; readonly errorRate: number };
  readonly errors: readonly { text: string; gold: string; predicted: string; confidence: number }[];
}

/** Leave-one-voice-out result: per held-out voice, and all folds' predictions pooled. */
export interface CrossVoiceResult {
  readonly folds: readonly { readonly voice: string; readonly n: number; readonly accuracy: number; readonly highConfidenceErrorRate: number }[];
  readonly pooled: IntentSetResult;
}

/** Shared-dataset evaluation, per mapping tier. */
export interface SharedResult {
  readonly dataset: string;
  readonly tiers: Readonly<Record<string, IntentSetResult>>;
  /** Per source label: n, mapped intent, tier, and how its utterances were classified. */
  readonly bySourceLabel: Readonly<Record<string, { n: number; intent: string; tier: MappingTier; predicted: Record<string, number>; accuracy: number }>>;
  readonly excluded: Readonly<Record<string, number>>;
}

/** Full evaluation output. */
export interface IntentEvalResult {
  readonly trainSize: number;
  readonly trainSeconds: number;
  readonly temperature: number;
  readonly calibration: Calibration;
  /** Training lines per source. */
  readonly sources: Readonly<Record<string, number>>;
  readonly heldout: IntentSetResult;
  /** The unseen-voices set (written apart from every training source). */
  readonly unseen?: IntentSetResult;
  readonly crossVoice?: CrossVoiceResult;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly mean: number; readonly calls: number };
  readonly shared: readonly SharedResult[];
}

function evaluateSet(name: string, preds: readonly Prediction[]): IntentSetResult {
  const report = classificationReport(preds.map((p) => p.gold), preds.map((p) => p.predicted), INTENT_TYPES);
  const table = reliability(preds.map((p) => p.confidence), preds.map((p) => p.gold === p.predicted));
  const byLanguage: Record<string, { n: number; accuracy: number }> = {};
  for (const lang of ['en', 'es'] as const) {
    const sub = preds.filter((p) => (p.goldLanguage ?? p.language) === lang);
    if (sub.length) byLanguage[lang] = { n: sub.length, accuracy: sub.filter((p) => p.gold === p.predicted).length / sub.length };
  }
  const byLanguageAndIntent: Record<string, Record<string, { n: number; accuracy: number }>> = {};
  for (const lang of Object.keys(byLanguage)) {
    const row: Record<string, { n: number; accuracy: number }> = {};
    for (const t of INTENT_TYPES) {
      const sub = preds.filter((p) => (p.goldLanguage ?? p.language) === lang && p.gold === t);
      if (sub.length) row[t] = { n: sub.length, accuracy: sub.filter((p) => p.predicted === t).length / sub.length };
    }
    byLanguageAndIntent[lang] = row;
  }
  const withLang = preds.filter((p) => p.goldLanguage);
  const confident = preds.filter((p) => p.confidence > HIGH_CONFIDENCE);
  return {
    name,
    report,
    ece: expectedCalibrationError(table),
    reliability: table,
    byLanguage,
    byLanguageAndIntent,
    ...(withLang.length ? { languageDetectionAccuracy: withLang.filter((p) => p.goldLanguage === p.language).length / withLang.length } : {}),
    highConfidence: { n: confident.length, errorRate: confident.length ? confident.filter((p) => p.gold !== p.predicted).length / confident.length : 0 },
    errors: preds.filter((p) => p.gold !== p.predicted).map((p) => ({ text: p.text, gold: p.gold, predicted: p.predicted, confidence: p.confidence })),
  };
}

function predict(clf: IntentClassifier, items: readonly { text: string; intent: IntentType; lang?: 'en' | 'es' }[]): Prediction[] {
  return items.map((u) => {
    const r = clf.classify(u.text);
    return { text: u.text, gold: u.intent, predicted: r.type, confidence: r.confidence, language: r.language, ...(u.lang ? { goldLanguage: u.lang } : {}) };
  });
}

function evaluateShared(clf: IntentClassifier, ds: SharedDataset): SharedResult {
  const preds = predict(clf, ds.utterances.map((u) => ({ ...u, lang: ds.language })));
  const tiers: Record<string, IntentSetResult> = {};
  const core = preds.filter((_, i) => ds.utterances[i]?.tier === 'core');
  const presales = preds.filter((_, i) => ds.utterances[i]?.tier === 'presales');
  const contested = preds.filter((_, i) => ds.utterances[i]?.tier === 'contested');
  if (core.length) tiers.core = evaluateSet(`${ds.name} core`, core);
  if (presales.length) tiers['core+presales'] = evaluateSet(`${ds.name} core+presales`, [...core, ...presales]);
  if (contested.length) tiers.contested = evaluateSet(`${ds.name} contested`, contested);
  const bySourceLabel: Record<string, { n: number; intent: string; tier: MappingTier; predicted: Record<string, number>; accuracy: number }> = {};
  ds.utterances.forEach((u, i) => {
    const e = (bySourceLabel[u.source] ??= { n: 0, intent: u.intent, tier: u.tier, predicted: {}, accuracy: 0 });
    const p = preds[i] as Prediction;
    e.n++;
    e.predicted[p.predicted] = (e.predicted[p.predicted] ?? 0) + 1;
  });
  for (const e of Object.values(bySourceLabel)) e.accuracy = (e.predicted[e.intent] ?? 0) / e.n;
  return { dataset: ds.name, tiers, bySourceLabel, excluded: ds.excluded };
}

const asItems = (set: readonly LabeledUtterance[]) => set.map((u) => ({ text: u.text, intent: u.label, ...(u.lang ? { lang: u.lang } : {}) }));

/**
 * Leave-one-voice-out: for each voice group of `corpus` (a source's family, else the source), trains
 * (and calibrates) on every other group and predicts that one. `onFold` reports progress (the run
 * trains one classifier per group).
 */
export function crossVoice(corpus: readonly TrainingUtterance[], onFold?: (voice: string) => void, options: TrainOptions = {}): CrossVoiceResult {
  const group = (u: TrainingUtterance): string => voiceOf(u) ?? 'unnamed';
  const voices = [...new Set(corpus.map(group))];
  const pooled: Prediction[] = [];
  const folds: CrossVoiceResult['folds'][number][] = [];
  for (const voice of voices) {
    onFold?.(voice);
    const test = corpus.filter((u) => group(u) === voice);
    const clf = IntentClassifier.train(corpus.filter((u) => group(u) !== voice), options);
    const preds = predict(clf, asItems(test));
    pooled.push(...preds);
    const confident = preds.filter((p) => p.confidence > HIGH_CONFIDENCE);
    folds.push({
      voice,
      n: preds.length,
      accuracy: preds.filter((p) => p.gold === p.predicted).length / preds.length,
      highConfidenceErrorRate: confident.length ? confident.filter((p) => p.gold !== p.predicted).length / confident.length : 0,
    });
  }
  return { folds, pooled: evaluateSet('cross-voice', pooled) };
}

/** The HINT3 *train* splits, mapped, as extra training sources (only with `--train-shared`). */
function sharedTrainingSources(dir: string): TrainingUtterance[] {
  return (['sofmattress', 'curekart'] as const).flatMap((bot) =>
    loadHint3(dir, bot, 'train').utterances.map((u) => ({ text: u.text, label: u.intent, lang: 'en' as const, source: `hint3-${bot}-train` })),
  );
}

/** Runs the whole evaluation (exported for tests and scripts). */
export async function evaluateIntents(opts: {
  trainPath: string;
  heldoutPath: string;
  sharedDir?: string;
  hint3Split?: 'test' | 'train';
  latencyPasses?: number;
  /** Score the unseen-voices set (default true). */
  unseen?: boolean;
  /** Leave-one-voice-out over the training sources (slow: one training per source). */
  crossVoice?: boolean;
  /** Add the mapped HINT3 train splits to the training corpus (needs `sharedDir`). */
  trainShared?: boolean;
  /** Leave the built-in voices out (train on the JSONL file only, as before they existed). */
  jsonlOnly?: boolean;
  /** `temperature`: temperature scaling only (the calibration before the novelty term and floor). */
  calibrationMode?: 'full' | 'temperature';
}): Promise<IntentEvalResult> {
  const trainOptions: TrainOptions = opts.calibrationMode ? { calibrationMode: opts.calibrationMode } : {};
  const train: TrainingUtterance[] = trainingCorpus(parseCorpus(readFileSync(opts.trainPath, 'utf8')), !opts.jsonlOnly);
  if (opts.trainShared && opts.sharedDir) train.push(...sharedTrainingSources(opts.sharedDir));
  const heldout: LabeledUtterance[] = parseCorpus(readFileSync(opts.heldoutPath, 'utf8'));
  const t0 = performance.now();
  const clf = await IntentClassifier.create(train, trainOptions);
  const trainSeconds = (performance.now() - t0) / 1000;
  const sources: Record<string, number> = {};
  for (const u of train) sources[u.source ?? 'unnamed'] = (sources[u.source ?? 'unnamed'] ?? 0) + 1;

  const heldoutResult = evaluateSet('heldout', predict(clf, asItems(heldout)));
  const unseen = opts.unseen === false ? undefined : evaluateSet('unseen-voices', predict(clf, asItems(UNSEEN_VOICES_SET)));
  const cross = opts.crossVoice ? crossVoice(train, (v) => process.stderr.write(`eval-intent: cross-voice fold ${v}\n`), trainOptions) : undefined;

  // Latency: one warm-up pass, then timed passes over the held-out utterances.
  const timed = [...heldout, ...(unseen ? UNSEEN_VOICES_SET : [])];
  const times: number[] = [];
  for (const u of timed) clf.classify(u.text);
  for (let pass = 0; pass < (opts.latencyPasses ?? 5); pass++) {
    for (const u of timed) {
      const s = performance.now();
      clf.classify(u.text);
      times.push(performance.now() - s);
    }
  }
  const latencyMs = {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    calls: times.length,
  };

  const shared: SharedResult[] = [];
  if (opts.sharedDir) {
    const dir = opts.sharedDir;
    const split = opts.hint3Split ?? 'test';
    for (const load of [
      () => loadHint3(dir, 'sofmattress', split),
      () => loadHint3(dir, 'curekart', split),
      () => loadSimmc(dir),
      () => loadBitext(dir),
    ]) {
      let ds: SharedDataset;
      try {
        ds = load();
      } catch (e) {
        process.stderr.write(`eval-intent: skipping a shared dataset: ${(e as Error).message}\n`);
        continue;
      }
      shared.push(evaluateShared(clf, ds));
    }
  }
  return {
    trainSize: train.length,
    trainSeconds,
    temperature: clf.temperature,
    calibration: clf.calibration,
    sources,
    heldout: heldoutResult,
    ...(unseen ? { unseen } : {}),
    ...(cross ? { crossVoice: cross } : {}),
    latencyMs,
    shared,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const short: Record<string, string> = { high_purchase_intent: 'purchase', comparison_shopping: 'comparison', browsing: 'browsing', research: 'research' };

function renderSet(r: IntentSetResult, out: string[], full: boolean): void {
  const langs = Object.entries(r.byLanguage).map(([l, v]) => `${l} ${pct(v.accuracy)} (n=${v.n})`).join(', ');
  out.push(
    `accuracy ${pct(r.report.accuracy)} (n=${r.report.n})${langs ? `; by language: ${langs}` : ''}; ECE ${r.ece.toFixed(3)}; ` +
      `confidence > ${HIGH_CONFIDENCE}: ${r.highConfidence.n} answers, ${pct(r.highConfidence.errorRate)} wrong`,
  );
  if (r.languageDetectionAccuracy !== undefined) out.push(`language detection accuracy ${pct(r.languageDetectionAccuracy)}`);
  out.push('', '| intent | n | precision | recall | F1 |', '|---|---:|---:|---:|---:|');
  for (const t of INTENT_TYPES) {
    const c = r.report.perClass[t];
    if (c && (c.support > 0 || full)) out.push(`| ${t} | ${c.support} | ${pct(c.precision)} | ${pct(c.recall)} | ${pct(c.f1)} |`);
  }
  if (!full) return;
  const langs2 = Object.keys(r.byLanguageAndIntent);
  if (langs2.length > 1) {
    out.push('', `| intent | ${langs2.map((l) => `${l} accuracy`).join(' | ')} |`, `|---|${langs2.map(() => '---:').join('|')}|`);
    for (const t of INTENT_TYPES) {
      out.push(`| ${t} | ${langs2.map((l) => { const c = r.byLanguageAndIntent[l]?.[t]; return c ? `${pct(c.accuracy)} (n=${c.n})` : '–'; }).join(' | ')} |`);
    }
  }
  out.push('', `| gold \\ predicted | ${INTENT_TYPES.map((t) => short[t]).join(' | ')} |`, `|---|${INTENT_TYPES.map(() => '---:').join('|')}|`);
  for (const g of INTENT_TYPES) out.push(`| ${short[g]} | ${INTENT_TYPES.map((p) => r.report.confusion[g]?.[p] ?? 0).join(' | ')} |`);
  out.push('', '| confidence bin | n | mean confidence | accuracy |', '|---|---:|---:|---:|');
  for (const b of r.reliability) if (b.count > 0) out.push(`| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${b.confidence.toFixed(3)} | ${b.accuracy.toFixed(3)} |`);
}

/** Renders the result as Markdown. */
export function renderIntentEval(r: IntentEvalResult, showErrors: boolean): string {
  const out: string[] = [];
  out.push(`# Intent evaluation`, '', `trained on ${r.trainSize} utterances in ${r.trainSeconds.toFixed(2)} s; calibration: temperature ${r.temperature.toFixed(3)}, novelty ${r.calibration.novelty}, conflict ${r.calibration.conflict ?? 0}, floor ${r.calibration.floor}`, '');
  out.push(`sources: ${Object.entries(r.sources).map(([k, v]) => `${k} ${v}`).join(', ')}`, '');
  if (r.unseen) {
    out.push('## Unseen-voices set', '');
    renderSet(r.unseen, out, true);
    if (showErrors && r.unseen.errors.length) {
      out.push('', '### Unseen-voices errors', '');
      for (const e of r.unseen.errors) out.push(`- [${short[e.gold]} → ${short[e.predicted]} @${e.confidence.toFixed(2)}] ${e.text}`);
    }
    out.push('');
  }
  if (r.crossVoice) {
    out.push('## Leave-one-voice-out', '', '| held-out voice | n | accuracy | wrong among confidence > 0.9 |', '|---|---:|---:|---:|');
    for (const f of r.crossVoice.folds) out.push(`| ${f.voice} | ${f.n} | ${pct(f.accuracy)} | ${pct(f.highConfidenceErrorRate)} |`);
    out.push('', 'pooled:', '');
    renderSet(r.crossVoice.pooled, out, true);
    out.push('');
  }
  out.push('## Project held-out set', '');
  renderSet(r.heldout, out, true);
  out.push('', `latency per utterance: p50 ${r.latencyMs.p50.toFixed(3)} ms, p99 ${r.latencyMs.p99.toFixed(3)} ms, mean ${r.latencyMs.mean.toFixed(3)} ms (${r.latencyMs.calls} calls)`);
  if (showErrors && r.heldout.errors.length) {
    out.push('', '### Held-out errors', '');
    for (const e of r.heldout.errors) out.push(`- [${short[e.gold]} → ${short[e.predicted]} @${e.confidence.toFixed(2)}] ${e.text}`);
  }
  for (const s of r.shared) {
    out.push('', `## ${s.dataset}`, '');
    for (const [tier, res] of Object.entries(s.tiers)) {
      out.push(`### ${tier}`, '');
      renderSet(res, out, false);
      out.push('');
    }
    out.push('| source label | tier | mapped to | n | accuracy | predicted as |', '|---|---|---|---:|---:|---|');
    for (const [label, e] of Object.entries(s.bySourceLabel).sort((a, b) => b[1].n - a[1].n)) {
      const dist = Object.entries(e.predicted).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${short[k]} ${v}`).join(', ');
      out.push(`| ${label} | ${e.tier} | ${short[e.intent]} | ${e.n} | ${pct(e.accuracy)} | ${dist} |`);
    }
    const ex = Object.entries(s.excluded).sort((a, b) => b[1] - a[1]);
    if (ex.length) out.push('', `excluded (no defensible mapping): ${ex.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * CLI entry: `affinity eval-intent [--train P] [--heldout P] [--shared DIR] [--hint3-split test|train] [--cross-voice]
 * [--train-shared] [--jsonl-only] [--calibration temperature] [--errors] [--json]`;
 * resolves with the exit code (2: a path given does not exist, checked before the classifier is trained).
 */
export async function runIntentEval(args: readonly string[]): Promise<number> {
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const split = flag('hint3-split');
  const sharedDir = flag('shared');
  const paths = [['train', 'file'], ['heldout', 'file'], ['shared', 'directory']] as const;
  for (const [name, kind] of paths) {
    const p = flag(name);
    const stat = p === undefined ? undefined : statSync(p, { throwIfNoEntry: false });
    if (p !== undefined && (!stat || stat.isDirectory() !== (kind === 'directory'))) {
      process.stderr.write(`affinity eval-intent: --${name} ${p}: ${stat ? `not a ${kind}` : `no such ${kind}`}\n`);
      return 2;
    }
  }
  const result = await evaluateIntents({
    trainPath: flag('train') ?? DEFAULT_INTENT_TRAIN_PATH,
    heldoutPath: flag('heldout') ?? DEFAULT_INTENT_HELDOUT_PATH,
    crossVoice: args.includes('--cross-voice'),
    trainShared: args.includes('--train-shared'),
    jsonlOnly: args.includes('--jsonl-only'),
    ...(flag('calibration') === 'temperature' ? { calibrationMode: 'temperature' as const } : {}),
    ...(sharedDir ? { sharedDir } : {}),
    ...(split === 'train' || split === 'test' ? { hint3Split: split } : {}),
  });
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(renderIntentEval(result, args.includes('--errors')));
  return 0;
}
