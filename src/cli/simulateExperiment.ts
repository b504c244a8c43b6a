/**
 * `affinity simulate-experiment`: starts Affinity in this process (SQLite on a temporary file, an
 * experiments file it writes, a free loopback port), runs the simulated shops of
 * `src/sim/experimentSim` through the HTTP API and prints what `GET /v1/analytics` reported next to the
 * simulator's ground truth: personalized vs popular (the built-in uplift must show), then the A/A seeds
 * (how many flag a difference at p < 0.05). Exit code 1 when any count disagrees.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { generateCatalog } from '../core/catalog/demoCatalog.ts';
import { createAffinity } from '../main.ts';
import { COMPARED, experimentsFile, simulateExperiment, type AnalyticsGroup, type Diff, type ShopResult } from '../sim/experimentSim/simulateExperiment.ts';
import type { ParsedArgs } from './parseArgs.ts';
import { CliError } from './cliError.ts';

/** Defaults (docs/experiments.md explains the choice: a few minutes on 2 cores). */
export const SIMULATE_DEFAULTS = { seed: 1, sessions: 1600, shoppers: 400, seeds: 20, aaSessions: 400, aaShoppers: 100, products: 600, background: 300 } as const;

function intOption(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const v = args.options.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be an integer from ${min} to ${max}, got ${String(v)}`);
  return n;
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const pp = (d: Diff) => `${(100 * d.value).toFixed(2)} pp [${(100 * d.low).toFixed(2)}, ${(100 * d.high).toFixed(2)}] p=${d.pValue.toFixed(4)}`;
const money = (minor: number) => (minor / 100).toFixed(2);

function table(r: ShopResult): string[] {
  const lines = [`  ${'variant'.padEnd(13)} ${'served'.padStart(6)} ${'clicks'.padStart(6)} ${'carts'.padStart(6)} ${'orders'.padStart(6)} ${'revenue'.padStart(10)}  click-through [95 %]        conversion [95 %]`];
  for (const g of r.groups) {
    const t = r.truth[g.key];
    lines.push(
      `  ${g.key.padEnd(13)} ${String(g.served).padStart(6)} ${String(g.clicks).padStart(6)} ${String(g.addToCarts).padStart(6)} ${String(g.orders).padStart(6)} ${money(g.revenue).padStart(10)}  ` +
        `${pct(g.clickThroughRate.value)} [${pct(g.clickThroughRate.low)}, ${pct(g.clickThroughRate.high)}]  ${pct(g.conversionRate.value)} [${pct(g.conversionRate.low)}, ${pct(g.conversionRate.high)}]`,
    );
    if (t) lines.push(`  ${'  simulator'.padEnd(13)} ${String(t.served).padStart(6)} ${String(t.clicks).padStart(6)} ${String(t.addToCarts).padStart(6)} ${String(t.orders).padStart(6)} ${money(t.revenue).padStart(10)}  mean match of shown items ${(t.matchSum / Math.max(1, t.items)).toFixed(3)}`);
  }
  return lines;
}

function uplift(g: AnalyticsGroup | undefined): string[] {
  const u = g?.uplift;
  if (!u) return [];
  return [
    `  uplift of ${g.key} (analytics): click-through ${pp(u.clickThroughRate)}; conversion ${pp(u.conversionRate)}`,
    `    revenue per served list ${money(u.revenuePerServed.value)} [${money(u.revenuePerServed.low)}, ${money(u.revenuePerServed.high)}] p=${u.revenuePerServed.pValue.toFixed(4)}`,
  ];
}

/** Runs the command; resolves with the exit code. */
/**
 * How many of `n` A/A runs may be flagged at p < 0.05 by chance alone: the smallest k with
 * P(X ≤ k) ≥ 97.5 % for X ~ Binomial(n, 0.05) (3 of 20, 1 of 5).
 */
function falseAlarmsBound(n: number): number {
  let term = 0.95 ** n;
  let cdf = term;
  let k = 0;
  while (cdf < 0.975 && k < n) {
    term *= ((n - k) / (k + 1)) * (0.05 / 0.95);
    cdf += term;
    k += 1;
  }
  return k;
}

export async function runSimulateExperiment(args: ParsedArgs): Promise<number> {
  const seed = intOption(args, 'seed', SIMULATE_DEFAULTS.seed, 0, 2 ** 31 - 1);
  const sessions = intOption(args, 'sessions', SIMULATE_DEFAULTS.sessions, 0, 100_000);
  const shoppers = intOption(args, 'shoppers', SIMULATE_DEFAULTS.shoppers, 1, 100_000);
  const seeds = intOption(args, 'seeds', SIMULATE_DEFAULTS.seeds, 0, 1000);
  const aaSessions = intOption(args, 'aa-sessions', SIMULATE_DEFAULTS.aaSessions, 1, 100_000);
  const products = intOption(args, 'products', SIMULATE_DEFAULTS.products, 50, 20_000);
  const out = (s = '') => process.stdout.write(`${s}\n`);
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

  const dir = mkdtempSync(join(tmpdir(), 'affinity-simexp-'));
  const aaSeeds = Array.from({ length: seeds }, (_, i) => seed + 1000 + i);
  const file = join(dir, 'experiments.json');
  writeFileSync(file, JSON.stringify(experimentsFile(seed, aaSeeds)));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', AFFINITY_STORE: 'sqlite', AFFINITY_DB: join(dir, 'affinity.db'), AFFINITY_EXPERIMENTS_FILE: file, AFFINITY_LOG_LEVEL: process.env.AFFINITY_LOG_LEVEL ?? 'error' });
  const affinity = await createAffinity(config);
  try {
    const base = await affinity.listen();
    const catalog = generateCatalog({ size: products, seed, currency: 'USD' });
    out(`simulate-experiment: Affinity at ${base} (SQLite in ${dir}), ${catalog.length} generated products, seed ${seed}`);
    out(`  personalized vs popular: ${sessions} sessions of ${shoppers} shoppers; A/A: ${seeds} seeds × ${aaSessions} sessions of ${SIMULATE_DEFAULTS.aaShoppers} shoppers`);
    let aaDone = 0;
    const result = await simulateExperiment({
      base,
      settle: () => affinity.projector.flush(),
      catalog,
      seed,
      sessions,
      shoppers,
      aaSeeds,
      aaSessions,
      aaShoppers: SIMULATE_DEFAULTS.aaShoppers,
      background: SIMULATE_DEFAULTS.background,
      onShop: (r) => {
        if (r.shop.startsWith('sim-pvp-')) {
          out(`\nPersonalized vs popular (${r.shop}, ${elapsed()}):`);
          for (const l of table(r)) out(l);
          for (const l of uplift(r.groups.find((g) => g.key === 'personalized'))) out(l);
          out(`  sample ratio: chi² ${r.sampleRatio.chiSquare}, p=${r.sampleRatio.pValue}${r.sampleRatio.mismatch ? ' MISMATCH' : ''}`);
          out(`  simulator vs analytics (${COMPARED.join(', ')} per variant): ${r.mismatches.length === 0 ? 'identical' : `DIFFERENT: ${r.mismatches.join('; ')}`}`);
          if (seeds > 0) out(`\nA/A (two personalized variants), one shop per seed:`);
          return;
        }
        aaDone += 1;
        const b = r.groups.find((g) => g.key === 'b');
        const u = b?.uplift;
        const flag = u && u.clickThroughRate.pValue < 0.05 ? '  <- flagged' : '';
        out(
          `  seed ${String(r.seed).padStart(5)}  served ${r.groups.map((g) => g.served).join('/')}  clicks ${r.groups.map((g) => g.clicks).join('/')}  orders ${r.groups.map((g) => g.orders).join('/')}  ` +
            `p(click-through) ${u?.clickThroughRate.pValue.toFixed(3) ?? '-'}  p(conversion) ${u?.conversionRate.pValue.toFixed(3) ?? '-'}  p(revenue) ${u?.revenuePerServed.pValue.toFixed(3) ?? '-'}  counts ${r.mismatches.length === 0 ? 'identical' : 'DIFFERENT'}${flag}  (${aaDone}/${seeds}, ${elapsed()})`,
        );
      },
    });
    const mismatches = [...(result.pvp?.mismatches ?? []), ...result.aa.flatMap((r) => r.mismatches.map((m) => `${r.shop} ${m}`))];
    if (result.aa.length > 0) {
      const flagged = (k: 'clickThroughRate' | 'conversionRate' | 'revenuePerServed') => result.aa.filter((r) => (r.groups.find((g) => g.key === 'b')?.uplift?.[k].pValue ?? 1) < 0.05).length;
      const srm = result.aa.filter((r) => r.sampleRatio.mismatch).length;
      out(`\nA/A: flagged at p < 0.05 in ${flagged('clickThroughRate')} of ${result.aa.length} seeds on click-through (primary metric; expected about 5 %, i.e. 0-${falseAlarmsBound(result.aa.length)} of ${result.aa.length}), conversion ${flagged('conversionRate')}, revenue per list ${flagged('revenuePerServed')}; sample-ratio mismatch in ${srm}.`);
    }
    out(`\nCounts (served, clicks, add-to-carts, orders, revenue per variant) of every shop: ${mismatches.length === 0 ? 'simulator and analytics identical' : `${mismatches.length} DIFFERENCES`}`);
    for (const m of mismatches) out(`  ${m}`);
    out(`Elapsed: ${elapsed()}`);
    return mismatches.length === 0 ? 0 : 1;
  } finally {
    await affinity.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
