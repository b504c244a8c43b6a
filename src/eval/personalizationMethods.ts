/**
 * What the personalization evaluations share: the layer variants compared with the base, and the
 * accumulation of HR/MRR and top-10 lists per method.
 */
import {
  DEFAULT_PERSONALIZE_PARAMS,
  DEFAULT_PERSONALIZE_WEIGHTS,
  type PersonalizeParams,
  type PersonalizeWeights,
} from '../core/personalize/personalize.ts';
import { HitRateMrr, variation } from './metrics.ts';

/** Cut-off of HR and MRR. */
export const K = 20;
/** Base items personalized per request in the dataset evaluations. */
export const POOL = 100;
/** One day, ms. */
export const DAY = 86_400_000;

/** A layer variant compared in the same run. */
export interface Variant {
  readonly name: string;
  readonly weights: PersonalizeWeights;
  readonly params: PersonalizeParams;
}

/** What the MCP-aware layer runs with over the hybrid (which scores affinity itself). */
export const OVER_HYBRID: PersonalizeParams = { ...DEFAULT_PERSONALIZE_PARAMS, affinityShare: 0 };

/** The layer variants compared with the base. */
export const VARIANTS: readonly Variant[] = [
  { name: 'personalized', weights: DEFAULT_PERSONALIZE_WEIGHTS, params: OVER_HYBRID },
  { name: 'personalized_no_context', weights: { ...DEFAULT_PERSONALIZE_WEIGHTS, context: 0 }, params: OVER_HYBRID },
  { name: 'personalized_affinity_0.25', weights: DEFAULT_PERSONALIZE_WEIGHTS, params: DEFAULT_PERSONALIZE_PARAMS },
];

/** Scores of one method on one dataset. */
export interface Score {
  readonly hr: number;
  readonly mrr: number;
  readonly variation: number;
}

/** Side-by-side result on one dataset. */
export interface SideBySide {
  readonly dataset: string;
  readonly cases: number;
  readonly methods: Readonly<Record<string, Score>>;
}

/** One method's accumulators. */
export class Method {
  readonly hm = new HitRateMrr(K);
  readonly lists: string[][] = [];
}

/** HR, MRR and variation of every method. */
export function scoresOf(methods: Map<string, Method>): Record<string, Score> {
  const out: Record<string, Score> = {};
  for (const [name, m] of methods) out[name] = { hr: m.hm.hitRate, mrr: m.hm.mrr, variation: variation(m.lists) };
  return out;
}

/** Fresh accumulators for the named methods. */
export function methodsFor(names: readonly string[]): Map<string, Method> {
  return new Map(names.map((n) => [n, new Method()]));
}

