/**
 * The proof that the closed loop measures what is true (issue #13, docs/experiments.md): simulated
 * shops run against a live Affinity, and what `GET /v1/analytics` reports is compared with the
 * simulator's ground truth.
 *
 * - Personalized vs popular: one shop, experiment {@link PVP_EXPERIMENT} (control `popular`, treatment
 *   `personalized`); the click model rewards lists that fit hidden tastes, so the uplift must show.
 * - A/A: one shop per seed, experiment {@link AA_EXPERIMENT} (two `personalized` variants); a
 *   difference should be flagged (p < 0.05) in about 5 % of the seeds.
 *
 * In both, every count per variant (served, clicks, add-to-carts, orders, revenue) must equal the
 * simulator's own.
 */
import type { Product } from '../../core/catalog/product.ts';
import { api, runShop, type VariantTruth } from './shopRun.ts';

export const PVP_EXPERIMENT = 'personalized-vs-popular';
export const AA_EXPERIMENT = 'a-a';

/** The counts compared between the simulator and the analytics API. */
export const COMPARED = ['served', 'clicks', 'addToCarts', 'orders', 'revenue'] as const;

/** Shop of the personalized-vs-popular run and of each A/A seed. */
export const pvpShop = (seed: number) => `sim-pvp-${seed}.myshopify.com`;
export const aaShop = (seed: number) => `sim-aa-${seed}.myshopify.com`;

/** The experiments file (`AFFINITY_EXPERIMENTS_FILE`) for a run with these seeds. */
export function experimentsFile(seed: number, aaSeeds: readonly number[]) {
  return {
    experiments: [
      {
        id: PVP_EXPERIMENT,
        shops: [pvpShop(seed)],
        variants: [
          { name: 'popular', strategy: 'popular', weight: 50 },
          { name: 'personalized', strategy: 'personalized', weight: 50 },
        ],
      },
      {
        id: AA_EXPERIMENT,
        shops: aaSeeds.length > 0 ? aaSeeds.map(aaShop) : ['none.myshopify.com'],
        variants: [
          { name: 'a', strategy: 'personalized', weight: 50 },
          { name: 'b', strategy: 'personalized', weight: 50 },
        ],
      },
    ],
  };
}

/** A difference as the analytics API reports it. */
export interface Diff {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly relative: number;
  readonly pValue: number;
}

/** One group of the analytics API's answer (the fields used here). */
export interface AnalyticsGroup {
  readonly key: string;
  readonly served: number;
  readonly clicks: number;
  readonly addToCarts: number;
  readonly orders: number;
  readonly revenue: number;
  readonly clickThroughRate: { value: number; low: number; high: number };
  readonly conversionRate: { value: number; low: number; high: number };
  readonly revenuePerServed: { value: number; low: number; high: number };
  readonly uplift?: { clickThroughRate: Diff; conversionRate: Diff; revenuePerServed: Diff };
}

/** What one simulated shop gave. */
export interface ShopResult {
  readonly shop: string;
  readonly seed: number;
  readonly truth: Readonly<Record<string, VariantTruth>>;
  readonly groups: readonly AnalyticsGroup[];
  readonly sampleRatio: { chiSquare: number; pValue: number; mismatch: boolean };
  /** `variant.count: simulator X, analytics Y` for every count that differs (empty: exact agreement). */
  readonly mismatches: readonly string[];
}

/** Options of {@link simulateExperiment}. */
export interface SimulateOptions {
  readonly base: string;
  readonly settle: () => Promise<void>;
  readonly catalog: readonly Product[];
  readonly seed: number;
  /** Sessions of the personalized-vs-popular shop (0: skip it). */
  readonly sessions: number;
  readonly shoppers: number;
  /** A/A seeds (one shop each); empty: no A/A. */
  readonly aaSeeds: readonly number[];
  readonly aaSessions: number;
  readonly aaShoppers: number;
  readonly background: number;
  /** Called after each shop (progress). */
  readonly onShop?: (r: ShopResult) => void;
}

/** The simulator's counts against the analytics API's, variant by variant. */
export function compareCounts(truth: Readonly<Record<string, VariantTruth>>, groups: readonly AnalyticsGroup[]): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(truth), ...groups.map((g) => g.key)]);
  for (const k of keys) {
    const t = truth[k];
    const g = groups.find((x) => x.key === k);
    for (const c of COMPARED) {
      const a = t?.[c] ?? 0;
      const b = g?.[c] ?? 0;
      if (a !== b) out.push(`${k}.${c}: simulator ${a}, analytics ${b}`);
    }
  }
  return out;
}

async function runOne(o: SimulateOptions, shop: string, experiment: string, seed: number, sessions: number, shoppers: number): Promise<ShopResult> {
  const truth = await runShop({ base: o.base, shop, catalog: o.catalog, seed, shoppers, sessions, background: o.background, settle: o.settle });
  const report = await api.get(o.base, `/v1/analytics?shop=${encodeURIComponent(shop)}&experiment=${experiment}&by=variant`);
  const t = Object.fromEntries(truth);
  const r: ShopResult = { shop, seed, truth: t, groups: report.groups, sampleRatio: report.sampleRatio, mismatches: compareCounts(t, report.groups) };
  o.onShop?.(r);
  return r;
}

/** Runs the personalized-vs-popular shop, then the A/A shops, one after the other. */
export async function simulateExperiment(o: SimulateOptions): Promise<{ pvp?: ShopResult; aa: ShopResult[] }> {
  const pvp = o.sessions > 0 ? await runOne(o, pvpShop(o.seed), PVP_EXPERIMENT, o.seed, o.sessions, o.shoppers) : undefined;
  const aa: ShopResult[] = [];
  for (const s of o.aaSeeds) aa.push(await runOne(o, aaShop(s), AA_EXPERIMENT, s, o.aaSessions, o.aaShoppers));
  return { ...(pvp ? { pvp } : {}), aa };
}
