/**
 * Experiments: declared in `AFFINITY_EXPERIMENTS_FILE` (see README), assigned without stored state.
 * An experiment declared `"status": "ended"` assigns no shopper any more (lists are served as outside
 * any experiment) and stays declared for its reports: its variants' order (the control) and weights
 * keep the uplift and the sample-ratio check readable (docs/experiments.md).
 * A shopper's variant is a hash of shop, experiment id and shopper id split by the variants' weights,
 * so it is the same on every node, every restart and every surface that knows the same id. Which id
 * is hashed is {@link shopperKeyOf}'s choice: the shopper's customer id when one is known or linked
 * (storefront, app proxy and agents then agree), otherwise the client/user id.
 */
import { z } from 'zod';
import { SURFACES, type ExperimentAssignment, type Surface } from './servedList.ts';

/** What a variant serves. */
export const STRATEGIES = ['personalized', 'hybrid', 'popular', 'none'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** Whether an experiment still assigns shoppers (`running`, the default) or only keeps its results readable (`ended`). */
export const EXPERIMENT_STATUSES = ['running', 'ended'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

const VariantSchema = z.object({ name: z.string().min(1).max(64), strategy: z.enum(STRATEGIES), weight: z.number().positive() }).strict();

const ExperimentSchema = z
  .object({
    id: z.string().min(1).max(64),
    variants: z.array(VariantSchema).min(1).max(20),
    shops: z.array(z.string().min(1)).optional(),
    surfaces: z.array(z.enum(SURFACES)).optional(),
    /** `running` (the default) assigns shoppers; `ended` assigns none and keeps the experiment's reports readable. */
    status: z.enum(EXPERIMENT_STATUSES).optional(),
  })
  .strict()
  .refine((e) => new Set(e.variants.map((v) => v.name)).size === e.variants.length, { message: 'variant names must be unique' });

/** The experiments file. */
export const ExperimentsFileSchema = z
  .object({ experiments: z.array(ExperimentSchema).max(50) })
  .strict()
  .refine((f) => new Set(f.experiments.map((e) => e.id)).size === f.experiments.length, { message: 'experiment ids must be unique' });

export type Experiment = z.infer<typeof ExperimentSchema>;

/** A shopper's assignment and what it serves. */
export interface Assignment extends ExperimentAssignment {
  readonly strategy: Strategy;
}

/** 32-bit FNV-1a followed by murmur3's finaliser (so nearby ids spread evenly). */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The variant of `shopperId` in one experiment: deterministic, split by weight. */
export function variantOf(e: Experiment, shop: string, shopperId: string): Experiment['variants'][number] {
  const total = e.variants.reduce((s, v) => s + v.weight, 0);
  const u = (hash32(`${shop}\u0000${e.id}\u0000${shopperId}`) / 0x1_0000_0000) * total;
  let acc = 0;
  for (const v of e.variants) {
    acc += v.weight;
    if (u < acc) return v;
  }
  return e.variants[e.variants.length - 1] as Experiment['variants'][number];
}

/** Whether an id has the shape of a Shopify customer id (digits only, as ids are normalised from GIDs). */
export function isCustomerId(id: string): boolean {
  return /^\d{1,30}$/.test(id);
}

/**
 * The id a shopper's variant is assigned on: the smallest customer id among the ids the request knows
 * (the signed customer id, the user id) and the ids the store links to them (identity links: a pixel
 * client id and the customer who checked out or logged in on it, the customer's other devices, an
 * agent's session the events linked); otherwise the customer id, else the user id. The smallest, so
 * that every id of a linked group (a shared device links two customers) picks the same one.
 */
export function shopperKeyOf(known: { readonly customerId?: string | undefined; readonly userId?: string | undefined }, linked: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const id of [known.customerId, known.userId, ...linked]) {
    if (id === undefined || !isCustomerId(id)) continue;
    if (best === undefined || id.length < best.length || (id.length === best.length && id < best)) best = id;
  }
  return best ?? known.customerId ?? known.userId;
}

/** Whether an experiment still assigns shoppers (not declared `ended`). */
export function isRunning(e: Pick<Experiment, 'status'>): boolean {
  return e.status !== 'ended';
}

/** Whether any running experiment applies to the shop and surface (so the shopper's key is worth looking up). */
export function anyExperiment(experiments: readonly Experiment[], q: { shop: string; surface: Surface }): boolean {
  return experiments.some((e) => isRunning(e) && (!e.shops || e.shops.includes(q.shop)) && (!e.surfaces || e.surfaces.includes(q.surface)));
}

/**
 * The first running experiment that applies to the shop and surface, and the shopper's variant in it.
 * Anonymous requests (no shopper id) are not in any experiment: they cannot be followed to an order.
 * An ended experiment assigns nobody (a later running one may then apply).
 */
export function assign(experiments: readonly Experiment[], q: { shop: string; surface: Surface; shopperId: string | undefined }): Assignment | undefined {
  if (!q.shopperId) return undefined;
  for (const e of experiments) {
    if (!isRunning(e)) continue;
    if (e.shops && !e.shops.includes(q.shop)) continue;
    if (e.surfaces && !e.surfaces.includes(q.surface)) continue;
    const v = variantOf(e, q.shop, q.shopperId);
    return { id: e.id, variant: v.name, strategy: v.strategy };
  }
  return undefined;
}
