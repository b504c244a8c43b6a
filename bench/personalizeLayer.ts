/**
 * The personalization layer alone, in process, on the storefront's generated 10,000-product catalog:
 * CPU per `personalizeList` call and per local classification for the storefront's shopper messages
 * and the project's held-out utterances, with the candidates the service gives it (a base list of 50,
 * catalog search for the stated categories and brands, a profile). No HTTP, no store: what the layer
 * itself costs.
 *
 *   node --import tsx bench/personalizeLayer.ts [--passes 20] [--dump FILE]
 *
 * `--dump FILE` writes every answer (items with scores, components and reasons, constraint outcome)
 * as JSON: two runs compared with `cmp` show a change to the layer left its output as it was.
 * `--intents FILE` personalizes for the intents in FILE when it exists (else writes them there), so
 * that runs compare the layer alone while the classifier's corpus changes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CatalogIndex } from '../src/core/catalog/catalogIndex.ts';
import { generateCatalog } from '../src/core/catalog/demoCatalog.ts';
import { parseCorpus } from '../src/core/intent/corpus.ts';
import type { Intent } from '../src/core/intent/types.ts';
import { vocabularyFromProducts } from '../src/core/intent/vocabularyFromCatalog.ts';
import { intentSearchQueries } from '../src/core/personalize/intentScoring.ts';
import { personalizeList, DEFAULT_PERSONALIZE_PARAMS, type PersonalizeInput } from '../src/core/personalize/personalize.ts';
import { temporalContext } from '../src/core/personalize/seasonal.ts';
import type { ProfileView } from '../src/core/profile/profileView.ts';
import type { RecommendedItem } from '../src/core/recommend/baseRecommender.ts';
import { percentile } from '../src/eval/intentMetrics.ts';
import { loadIntentClassifier } from '../src/features/recommend/intentClassifier.ts';
import { benchArgs } from './args.ts';
import { STOREFRONT_TEXTS_EN, STOREFRONT_TEXTS_ES } from './storefront.ts';

const args = benchArgs({
  run: 'node --import tsx bench/personalizeLayer.ts',
  summary: `The personalization layer alone, in process (no HTTP, no store), on a generated 10,000-product catalog:
CPU per personalizeList call and per local classification for the storefront's shopper messages and the
held-out utterances. Prints the timings.`,
  options: [
    { name: 'passes', value: 'N', number: true, default: '20', help: 'Measured passes over the messages' },
    { name: 'dump', value: 'FILE', help: 'Write every answer (items, scores, reasons, constraint outcome) as JSON to FILE, to compare two runs with cmp' },
    { name: 'intents', value: 'FILE', help: 'Personalize for the intents in FILE when it exists, else write the classified intents there' },
  ],
  writes: 'FILE with --dump; FILE with --intents when FILE does not exist yet; nothing otherwise.',
});
const passes = Number(args.get('passes'));
const NOW = Date.UTC(2026, 11, 3, 12);
const ROOT = join(import.meta.dirname, '..');
const products = generateCatalog({ size: 10_000, seed: 1, currency: 'USD', now: NOW - 30 * 86_400_000 });
const index = CatalogIndex.build(products);
const vocab = vocabularyFromProducts(products);
const clf = await loadIntentClassifier();
const extra = [
  'a silver necklace for my sister under $80, no gold',
  'red running shoes size 42, not Nike',
  'busco botas de cuero negras talla 40',
  'I want a waterproof jacket in navy, nothing over 120 dollars',
  'regalo para mi papá, algo de lana, máximo 60 euros',
];
const texts = [...STOREFRONT_TEXTS_EN, ...STOREFRONT_TEXTS_ES, ...extra, ...parseCorpus(readFileSync(join(ROOT, 'data/intent/heldout.jsonl'), 'utf8')).map((u) => u.text)];

// A base list (50 products spread over the catalog, descending scores, base reasons) and a profile.
const base = (seed: number): RecommendedItem[] =>
  Array.from({ length: 50 }, (_, k) => {
    const p = products[(seed * 7919 + k * 197) % products.length] as (typeof products)[number];
    return { productId: p.id, score: 1 - k / 60, reasons: [{ source: 'cooc', score: 0.6 - k / 200, seed: (products[seed % 100] as (typeof products)[number]).id }, { source: 'popular', score: 0.1 }] } as RecommendedItem;
  });
const profile = (seed: number): ProfileView => {
  const affinities = new Map<string, number>();
  for (let k = 0; k < 12; k++) for (const f of index.featureKeys((products[(seed * 31 + k * 811) % products.length] as (typeof products)[number]).id)) affinities.set(f, 0.05 + ((k * 13) % 7) / 20);
  return { userId: `u${seed}`, affinities, priceBand: { center: 40, low: 20, high: 80 }, recent: [], session: [], purchased: new Set(), eventCount: 20, lastSeen: NOW };
};

/** Freezes an object and everything in it (as `core/intent/classificationMemo.ts` does its answers). */
function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Case {
  readonly intent: Intent;
  readonly input: PersonalizeInput;
}
const cases: Case[] = [];
const intentsFile = args.get('intents');
const given = intentsFile && existsSync(intentsFile) ? (JSON.parse(readFileSync(intentsFile, 'utf8')) as Intent[]) : undefined;
for (const [i, text] of texts.entries()) {
  const country = i % 3 === 0 ? 'MX' : 'US';
  // As the service hands them: the classifier's answers are deep-frozen (its memo) and so are the search candidates.
  const intent = deepFreeze(given?.[i] ?? clf.classify(text, { taxonomy: vocab, currencyHint: country }));
  const candidates = Object.freeze([...new Set(intentSearchQueries(intent.entities).flatMap((q) => index.search(q, 40).map((h) => h.productId)))]);
  cases.push({
    intent,
    input: {
      base: base(i),
      intent,
      ...(i % 4 === 0 ? {} : { profile: profile(i) }),
      catalog: index,
      temporal: temporalContext(NOW, country),
      params: { ...DEFAULT_PERSONALIZE_PARAMS, affinityShare: 0 },
      limit: 10,
      now: NOW,
      candidates,
      exclude: new Set([(products[i] as (typeof products)[number]).id]),
      currency: country === 'MX' ? 'MXN' : 'USD',
      rate: (from, to) => (from === to ? 1 : from === 'USD' && to === 'MXN' ? 17 : from === 'EUR' && to === 'USD' ? 1.1 : undefined),
    },
  });
}
// Warm-up (match features, search answers), then measured passes.
const answers = cases.map((c) => personalizeList(c.input));
const perCall: number[] = [];
const c0 = cpu();
for (let p = 0; p < passes; p++) {
  for (const c of cases) {
    const t = performance.now();
    personalizeList(c.input);
    perCall.push(performance.now() - t);
  }
}
const layerCpu = (cpu() - c0) / (passes * cases.length);
const storefront = cases.slice(0, 10);
const s0 = cpu();
for (let p = 0; p < passes * 20; p++) for (const c of storefront) personalizeList(c.input);
const storefrontCpu = (cpu() - s0) / (passes * 20 * storefront.length);
// Classification again, warm, per utterance.
const warm: number[] = [];
const k0 = cpu();
for (let p = 0; p < 3; p++) {
  for (const [i, text] of texts.entries()) {
    const t = performance.now();
    clf.classify(text, { taxonomy: vocab, currencyHint: i % 3 === 0 ? 'MX' : 'US' });
    warm.push(performance.now() - t);
  }
}
const classifyCpu = (cpu() - k0) / (3 * texts.length);
const candidates = cases.map((c) => (c.input.candidates?.length ?? 0) + c.input.base.length);
process.stdout.write(
  [
    `${cases.length} requests (${texts.length} texts), candidates per request p50 ${percentile(candidates, 0.5)} max ${Math.max(...candidates)}`,
    `personalizeList: ${(1000 * layerCpu).toFixed(0)} µs CPU per call (all), wall p50 ${(1000 * percentile(perCall, 0.5)).toFixed(0)} µs p99 ${(1000 * percentile(perCall, 0.99)).toFixed(0)} µs`,
    `personalizeList, the 10 storefront messages: ${(1000 * storefrontCpu).toFixed(0)} µs CPU per call`,
    `classify (warm, with the shop vocabulary): ${(1000 * classifyCpu).toFixed(0)} µs CPU per utterance, wall p50 ${(1000 * percentile(warm, 0.5)).toFixed(0)} µs p99 ${(1000 * percentile(warm, 0.99)).toFixed(0)} µs`,
  ].join('\n') + '\n',
);
if (intentsFile && !given) writeFileSync(intentsFile, JSON.stringify(cases.map((c) => c.intent)));
const dump = args.get('dump');
if (dump) writeFileSync(dump, JSON.stringify(answers.map((a, i) => ({ text: texts[i], intent: cases[i]?.intent, ...a })), null, 1));
