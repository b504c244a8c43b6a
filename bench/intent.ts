/**
 * `node --import tsx bench/intent.ts [--passes N] [--products N] [--json]`: latency of
 * `IntentClassifier.classify` per utterance (p50/p99/max) over the held-out and unseen-voices utterances, without and
 * with a shop taxonomy built from a demo catalog (10,000 products by default), plus the one-off
 * training time. Unit tests never time anything; this script is where the p99 < 2 ms budget is checked.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIntentClassifier } from '../src/features/recommend/intentClassifier.ts';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { parseCorpus } from '../src/core/intent/corpus.ts';
import type { ClassifyContext } from '../src/core/intent/types.ts';
import { vocabularyFromProducts } from '../src/core/intent/vocabularyFromCatalog.ts';
import { percentile } from '../src/eval/intentMetrics.ts';
import { UNSEEN_VOICES_SET } from '../src/eval/intentUnseenSet.ts';
import { benchArgs, type BenchArgs, type BenchSpec } from './args.ts';

const ROOT = join(import.meta.dirname, '..');

const SPEC: BenchSpec = {
  run: 'node --import tsx bench/intent.ts',
  summary: `Latency of IntentClassifier.classify per utterance (p50/p99/max) over the held-out and unseen-voices
utterances, without and with a shop taxonomy built from a demo catalog, plus the one-off training time.
Prints a Markdown table (or JSON with --json). The p99 < 2 ms budget is checked here.`,
  options: [
    { name: 'passes', value: 'N', number: true, default: '20', help: 'Measured passes over the utterances, after one warm-up pass' },
    { name: 'products', value: 'N', number: true, default: '10000', help: 'Demo catalog size the taxonomy is built from' },
    { name: 'json', help: 'Print the result as JSON on stdout instead of the table' },
  ],
  writes: 'nothing.',
};

async function main(args: BenchArgs): Promise<void> {
  const passes = Number(args.get('passes'));
  const products = Number(args.get('products'));
  const texts = [...parseCorpus(readFileSync(join(ROOT, 'data/intent/heldout.jsonl'), 'utf8')), ...UNSEEN_VOICES_SET].map((u) => u.text);
  // Long inputs too (the HTTP limit is 2000 characters).
  texts.push('I am looking for a gift for my mother, something in gold or silver, no leather please, under $80. '.repeat(20).slice(0, 2000));

  const t0 = performance.now();
  const clf = await loadIntentClassifier();
  const trainMs = performance.now() - t0;

  const vocabStart = performance.now();
  const taxonomy = vocabularyFromProducts(generateCatalog({ size: products, seed: 42 }));
  const vocabMs = performance.now() - vocabStart;

  const run = (ctx: ClassifyContext) => {
    for (const t of texts) clf.classify(t, ctx); // warm-up (also compiles the taxonomy once)
    const times: number[] = [];
    for (let p = 0; p < passes; p++) {
      for (const t of texts) {
        const s = performance.now();
        clf.classify(t, ctx);
        times.push(performance.now() - s);
      }
    }
    return { calls: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: Math.max(...times) };
  };
  const plain = run({});
  const withTaxonomy = run({ taxonomy, currencyHint: 'US' });
  const result = {
    node: process.version,
    trainMs,
    vocabulary: { products, categories: taxonomy.categories.length, vendors: taxonomy.vendors.length, tags: taxonomy.tags?.length ?? 0, buildMs: vocabMs },
    plain,
    withTaxonomy,
  };
  if (args.has('json')) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(
    [
      `intent classifier on ${process.version}: trained in ${trainMs.toFixed(0)} ms`,
      `taxonomy from ${products} demo products: ${result.vocabulary.categories} categories, ${result.vocabulary.vendors} vendors, ${result.vocabulary.tags} tags (built in ${vocabMs.toFixed(0)} ms)`,
      `| context | calls | p50 ms | p99 ms | max ms |`,
      `|---|---:|---:|---:|---:|`,
      `| no taxonomy | ${plain.calls} | ${f(plain.p50)} | ${f(plain.p99)} | ${f(plain.max)} |`,
      `| shop taxonomy | ${withTaxonomy.calls} | ${f(withTaxonomy.p50)} | ${f(withTaxonomy.p99)} | ${f(withTaxonomy.max)} |`,
      '',
    ].join('\n'),
  );
}

await main(benchArgs(SPEC));
