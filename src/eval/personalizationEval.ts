/**
 * `affinity eval-personalization [<dataset dir>...] [--json] [--validation] [--products N] [--shoppers N] [--pool N]`:
 * the personalization layer measured next to the base recommender it wraps, in the same run.
 *
 * 1. Core datasets (YooChoose sessions, Online Retail customers), no intent: the base's top-100 pool
 *    is personalized (profile affinity, season and holidays of the customer's country, recency) and
 *    HR@20 / MRR@20 / variation@10 are compared with the base's own top 20. Personalization must not
 *    cost accuracy where nobody stated an intent.
 * 2. A generated catalog (`generateCatalog`) with simulated traffic (`simulateSessions`) and returning
 *    shoppers with a home department, replayed as pixel events through the real service code (ingest,
 *    SQLite store, projector, hybrid, MCP-aware layer with the local intent classifier): held-out
 *    next-view HR/MRR and variation, then intent sensitivity (the same shopper under different intents:
 *    mean pairwise 1 − Jaccard of top-10 lists, high is good), intent stability (paraphrases of one
 *    intent in English and Spanish: same measure, low is good), intent precision (share of the top 10
 *    in the asked-for category) and constraint compliance (budget, rejections).
 */
import { join, resolve } from 'node:path';
import type { CatalogIndex } from '../core/catalog/catalogIndex.ts';
import { checkDatasetDirs } from './datasetDir.ts';
import { personalize, type PersonalizeCatalog } from '../core/personalize/personalize.ts';
import { temporalContext } from '../core/personalize/seasonal.ts';
import { isOnlineRetailDir, loadOnlineRetail, rankRetail, RETAIL_SPLIT_MS, RETAIL_VALIDATION_SPLIT_MS, trainRetail, type RetailModel } from './onlineRetail.ts';
import { K, methodsFor, POOL, scoresOf, VARIANTS, type Method, type SideBySide } from './personalizationMethods.ts';
import { INTENT_GROUPS, simulationStudy } from './personalizationSim.ts';
import { DEFAULT_HYBRID, isYoochooseDir, loadSessions, rankSession, trainSessions, YOOCHOOSE_FILES, type Click } from './yoochoose.ts';

const EMPTY_CATALOG: PersonalizeCatalog = { get: () => undefined, featureKeys: () => [], priceMajor: () => undefined };

// ---------------------------------------------------------------------------------------------
// YooChoose

/** YooChoose: base vs personalized (no catalog exists, so the layer must leave the ranking as it is). */
export function yoochooseSideBySide(dir: string, validation = false): SideBySide {
  const train = loadSessions(join(dir, validation ? YOOCHOOSE_FILES.trainTr : YOOCHOOSE_FILES.train));
  const test = loadSessions(join(dir, validation ? YOOCHOOSE_FILES.valid : YOOCHOOSE_FILES.test));
  const model = trainSessions(train, DEFAULT_HYBRID);
  const methods = methodsFor(['base', ...VARIANTS.map((v) => v.name)]);
  let cases = 0;
  for (const s of test) {
    for (let i = 1; i < s.clicks.length; i++) {
      const prefix = s.clicks.slice(0, i);
      const target = (s.clicks[i] as Click).item;
      const { items: pool, profile, now } = rankSession(model, prefix, DEFAULT_HYBRID, POOL) as NonNullable<ReturnType<typeof rankSession>>;
      const lists: [string, string[]][] = [['base', pool.slice(0, K).map((x) => x.productId)]];
      for (const v of VARIANTS) {
        const items = personalize({ base: pool, profile, catalog: EMPTY_CATALOG, temporal: temporalContext(now), weights: v.weights, params: v.params, limit: K, now });
        lists.push([v.name, items.map((x) => x.productId)]);
      }
      cases++;
      const last = s.clicks.length >= 3 && i === s.clicks.length - 1;
      for (const [name, list] of lists) {
        const m = methods.get(name) as Method;
        m.hm.add(list, target);
        if (last) m.lists.push(list.slice(0, 10));
      }
    }
  }
  return { dataset: validation ? 'yoochoose-rsc15-100k (validation)' : 'yoochoose-rsc15-100k', cases, methods: scoresOf(methods) };
}

// ---------------------------------------------------------------------------------------------
// Online Retail

/** Online Retail country names → ISO 3166 (for the customer's season and holidays). */
const RETAIL_COUNTRIES: Readonly<Record<string, string>> = {
  'United Kingdom': 'GB', EIRE: 'IE', France: 'FR', Germany: 'DE', Spain: 'ES', Portugal: 'PT', Italy: 'IT', Belgium: 'BE',
  Netherlands: 'NL', Switzerland: 'CH', Austria: 'AT', Norway: 'NO', Sweden: 'SE', Denmark: 'DK', Finland: 'FI', Poland: 'PL',
  Australia: 'AU', 'Channel Islands': 'GB', Cyprus: 'CY', Greece: 'GR', Iceland: 'IS', Israel: 'IL', Japan: 'JP', Canada: 'CA',
  USA: 'US', Brazil: 'BR', 'RSA': 'ZA', Singapore: 'SG', 'United Arab Emirates': 'AE', Lebanon: 'LB', Malta: 'MT', Lithuania: 'LT',
  'Czech Republic': 'CZ', 'Saudi Arabia': 'SA', Bahrain: 'BH',
};

/** Online Retail: base (with the description catalog) vs personalized, per customer at the split. */
export function retailSideBySide(dir: string, validation = false): SideBySide {
  const data = loadOnlineRetail(dir);
  const split = validation ? RETAIL_VALIDATION_SPLIT_MS : RETAIL_SPLIT_MS;
  const model: RetailModel = trainRetail(data, DEFAULT_HYBRID, split, { catalog: true, ...(validation ? { until: RETAIL_SPLIT_MS } : {}) });
  const index = model.index as CatalogIndex;
  const methods = methodsFor(['base', ...VARIANTS.map((v) => v.name)]);
  let cases = 0;
  for (const customer of [...model.targets.keys()].sort()) {
    const targets = model.targets.get(customer) as Set<string>;
    const ranked = rankRetail(model, customer, DEFAULT_HYBRID, POOL);
    if (!ranked) continue;
    const { items: pool, profile, now } = ranked;
    const temporal = temporalContext(now, RETAIL_COUNTRIES[model.countryOf.get(customer) ?? ''] ?? 'GB');
    const lists: [string, string[]][] = [['base', pool.slice(0, K).map((x) => x.productId)]];
    for (const v of VARIANTS) {
      // Purchased items may come back (a wholesaler's customers re-order), as the base allows.
      const items = personalize({ base: pool, profile, catalog: index, temporal, weights: v.weights, params: v.params, limit: K, now });
      lists.push([v.name, items.map((x) => x.productId)]);
    }
    cases++;
    const many = (model.eventsOf.get(customer)?.length ?? 0) >= 3;
    for (const [name, list] of lists) {
      const m = methods.get(name) as Method;
      m.hm.add(list, targets);
      if (many) m.lists.push(list.slice(0, 10));
    }
  }
  return { dataset: validation ? 'online-retail-uci (validation)' : 'online-retail-uci', cases, methods: scoresOf(methods) };
}

// ---------------------------------------------------------------------------------------------
// CLI

function num(args: readonly string[], flag: string): number | undefined {
  const i = args.indexOf(flag);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isFinite(v) ? v : undefined;
}

function fmt(x: number): string {
  return Number.isNaN(x) ? '-' : x.toFixed(4);
}

function table(r: SideBySide): string {
  const lines = [`${r.dataset}: ${r.cases} cases`, `  ${'method'.padEnd(26)}  HR@20   MRR@20  variation@10`];
  for (const [name, s] of Object.entries(r.methods)) lines.push(`  ${name.padEnd(26)}  ${fmt(s.hr)}  ${fmt(s.mrr)}  ${fmt(s.variation)}`);
  return lines.join('\n');
}

/**
 * CLI entry: `runPersonalizationEval(['<dir>', ..., '--json', '--validation', '--products', '2000', '--shoppers', '300', '--no-sim'])`;
 * resolves with the exit code (2: a directory is not a dataset, checked before anything runs).
 */
export async function runPersonalizationEval(args: readonly string[]): Promise<number> {
  const json = args.includes('--json');
  const validation = args.includes('--validation');
  const valued = new Set(['--products', '--shoppers', '--background', '--pool']);
  const dirs = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (!checkDatasetDirs('eval-personalization', dirs, { diginetica: false })) return 2;
  for (const d of dirs) {
    const dir = resolve(d);
    const t0 = performance.now();
    let r: SideBySide;
    if (isYoochooseDir(dir)) r = yoochooseSideBySide(dir, validation);
    else if (isOnlineRetailDir(dir)) r = retailSideBySide(dir, validation);
    else throw new Error(`${dir}: not a known dataset (expected yoochoose-clicks-100k_*.txt or online_retail_YYYY-MM.csv.gz files)`);
    const seconds = (performance.now() - t0) / 1000;
    out(json ? JSON.stringify({ ...r, seconds }) : `${table(r)}\n  (${seconds.toFixed(1)} s)\n`);
  }
  if (args.includes('--no-sim')) return 0;
  const t0 = performance.now();
  const sim = await simulationStudy({
    ...(num(args, '--products') !== undefined ? { products: num(args, '--products') as number } : {}),
    ...(num(args, '--shoppers') !== undefined ? { shoppers: num(args, '--shoppers') as number } : {}),
    ...(num(args, '--background') !== undefined ? { background: num(args, '--background') as number } : {}),
    ...(num(args, '--pool') !== undefined ? { pool: num(args, '--pool') as number } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  if (json) {
    out(JSON.stringify({ dataset: 'generated-catalog', ...sim, seconds }));
    return 0;
  }
  out(table({ dataset: `generated catalog (${sim.products} products), held-out next view of ${sim.shoppers} returning shoppers`, cases: sim.shoppers, methods: sim.heldOut }));
  out(table({ dataset: '\n  same, with the held-out item’s product type stated as the intent (HR@10 / MRR@10 / variation@10)', cases: sim.shoppers, methods: sim.withIntent }));
  out(`\n  intent study: ${INTENT_GROUPS.length} intents × 4 paraphrases (2 EN, 2 ES), 40 shoppers, top 10`);
  out(`  ${'formula'.padEnd(22)}  sensitivity  same-category  stability(dist)  precision  compliance  shared-intent variation`);
  for (const [name, s] of Object.entries(sim.intent)) {
    out(`  ${name.padEnd(22)}  ${fmt(s.sensitivity)}       ${fmt(s.sameCategorySensitivity)}         ${fmt(s.stability)}           ${fmt(s.precision)}     ${fmt(s.compliance)}      ${fmt(s.sharedIntentVariation)}`);
  }
  out(`  category extracted from ${sim.extraction.categoryFound}/${sim.extraction.texts} texts\n  (${seconds.toFixed(1)} s)`);
  return 0;
}

