/**
 * Multinomial logistic regression over sparse named features, trained with AdaGrad SGD and L2
 * regularisation. Deterministic (seeded shuffling); prediction is a handful of array reads.
 */
import type { FeatureVector } from './features.ts';
import { AffinityError } from '../errors.ts';
import { mulberry32 } from '../random.ts';

/** Training hyper-parameters. */
export interface SoftmaxOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty per example step. */
  readonly l2: number;
  readonly seed: number;
}

/** Defaults chosen by cross-validation on the training corpus. */
export const DEFAULT_SOFTMAX_OPTIONS: SoftmaxOptions = { epochs: 20, learningRate: 0.1, l2: 3e-4, seed: 7 };

/** A labelled example: feature vector and class index. */
export interface Example {
  readonly x: FeatureVector;
  readonly y: number;
  /** Gradient weight of the example (default 1). */
  readonly weight?: number;
}

/** Small deterministic PRNG (mulberry32). */
export const prng = mulberry32;

/** Numerically stable softmax of logits divided by a temperature. */
export function softmax(logits: ArrayLike<number>, temperature = 1): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, (logits[i] as number) / temperature);
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) / temperature - max);
    out.push(e);
    sum += e;
  }
  return out.map((e) => e / sum);
}

/** A trained model. */
/** A {@link SoftmaxModel} as plain data: feature names in id order, weights feature-major (`id * classes + k`). */
export interface SoftmaxSnapshot {
  readonly classes: number;
  readonly features: readonly string[];
  readonly weights: readonly number[];
}

export class SoftmaxModel {
  readonly classes: number;
  readonly #index: ReadonlyMap<string, number>;
  readonly #w: Float64Array;

  private constructor(classes: number, index: ReadonlyMap<string, number>, w: Float64Array) {
    this.classes = classes;
    this.#index = index;
    this.#w = w;
  }

  /** Whether training saw the feature. */
  has(feature: string): boolean {
    return this.#index.has(feature);
  }

  /**
   * The mean of several models with the same classes: weights averaged feature by feature (a feature
   * a model never saw counts as 0 in it), so its logits are the mean of theirs.
   */
  static average(models: readonly SoftmaxModel[]): SoftmaxModel {
    const first = models[0];
    if (!first) throw new AffinityError('VALIDATION_FAILED', 'Averaging models needs at least one model.');
    const K = first.classes;
    const index = new Map<string, number>();
    for (const m of models) for (const name of m.#index.keys()) if (!index.has(name)) index.set(name, index.size);
    const w = new Float64Array(index.size * K);
    for (const m of models) {
      for (const [name, id] of m.#index) {
        const to = (index.get(name) as number) * K;
        for (let k = 0; k < K; k++) w[to + k] = (w[to + k] as number) + (m.#w[id * K + k] as number) / models.length;
      }
    }
    return new SoftmaxModel(K, index, w);
  }

  /** Number of known features. */
  get features(): number {
    return this.#index.size;
  }

  /** The model as plain data (JSON numbers round-trip exactly): {@link SoftmaxModel.fromSnapshot} rebuilds it. */
  snapshot(): SoftmaxSnapshot {
    // Ids are given in insertion order, so the keys are in id order.
    return { classes: this.classes, features: [...this.#index.keys()], weights: Array.from(this.#w) };
  }

  /** The model a {@link snapshot} holds, or `undefined` when `s` is no well-formed snapshot. */
  static fromSnapshot(s: unknown): SoftmaxModel | undefined {
    if (typeof s !== 'object' || s === null) return undefined;
    const { classes, features, weights } = s as Partial<SoftmaxSnapshot>;
    if (!Number.isInteger(classes) || (classes as number) < 1 || !Array.isArray(features) || !Array.isArray(weights)) return undefined;
    if (weights.length !== features.length * (classes as number) || !weights.every(Number.isFinite)) return undefined;
    const index = new Map<string, number>();
    for (const f of features) {
      if (typeof f !== 'string' || index.has(f)) return undefined;
      index.set(f, index.size);
    }
    return new SoftmaxModel(classes as number, index, Float64Array.from(weights));
  }

  /** Trains on examples with `classes` classes (an example's `weight`, default 1, scales its gradient). */
  static train(examples: readonly Example[], classes: number, opts: SoftmaxOptions = DEFAULT_SOFTMAX_OPTIONS): SoftmaxModel {
    const index = new Map<string, number>();
    const rows = examples.map((e) => {
      const ids = new Int32Array(e.x.names.length);
      e.x.names.forEach((n, f) => {
        let id = index.get(n);
        if (id === undefined) {
          id = index.size;
          index.set(n, id);
        }
        ids[f] = id;
      });
      return { ids, values: Float64Array.from(e.x.values), y: e.y, weight: e.weight ?? 1 };
    });
    const K = classes;
    const w = new Float64Array(index.size * K);
    const g2 = new Float64Array(index.size * K).fill(1e-8);
    const rand = prng(opts.seed);
    const order = rows.map((_, i) => i);
    const logits = new Float64Array(K);
    const p = new Float64Array(K);
    const lr = opts.learningRate;
    const l2 = opts.l2;
    for (let epoch = 0; epoch < opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      for (const r of order) {
        const row = rows[r] as (typeof rows)[number];
        const { ids, values } = row;
        logits.fill(0);
        for (let f = 0; f < ids.length; f++) {
          const base = (ids[f] as number) * K;
          const v = values[f] as number;
          for (let k = 0; k < K; k++) logits[k] = (logits[k] as number) + (w[base + k] as number) * v;
        }
        let max = -Infinity;
        for (let k = 0; k < K; k++) max = Math.max(max, logits[k] as number);
        let sum = 0;
        for (let k = 0; k < K; k++) {
          const e = Math.exp((logits[k] as number) - max);
          p[k] = e;
          sum += e;
        }
        for (let k = 0; k < K; k++) p[k] = ((p[k] as number) / sum - (k === row.y ? 1 : 0)) * row.weight;
        for (let f = 0; f < ids.length; f++) {
          const base = (ids[f] as number) * K;
          const v = values[f] as number;
          for (let k = 0; k < K; k++) {
            const idx = base + k;
            const grad = (p[k] as number) * v + l2 * (w[idx] as number);
            g2[idx] = (g2[idx] as number) + grad * grad;
            w[idx] = (w[idx] as number) - (lr * grad) / Math.sqrt(g2[idx] as number);
          }
        }
      }
    }
    return new SoftmaxModel(K, index, w);
  }

  /** Raw class scores (logits) of a feature vector; unknown features are ignored. */
  logits(x: FeatureVector): number[] {
    const K = this.classes;
    const out = new Array<number>(K).fill(0);
    for (let f = 0; f < x.names.length; f++) {
      const id = this.#index.get(x.names[f] as string);
      if (id === undefined) continue;
      const v = x.values[f] as number;
      const base = id * K;
      for (let k = 0; k < K; k++) out[k] = (out[k] as number) + (this.#w[base + k] as number) * v;
    }
    return out;
  }

  /**
   * Share of the vector's features whose name starts with `prefix` (e.g. `w:` for words) that the
   * model never saw in training: 0 when every word is known, 1 when none is (or there are none).
   */
  unknownShare(x: FeatureVector, prefix: string): number {
    let all = 0;
    let unknown = 0;
    for (const name of x.names) {
      if (!name.startsWith(prefix)) continue;
      all++;
      if (!this.#index.has(name)) unknown++;
    }
    return all === 0 ? 1 : unknown / all;
  }

  /** The largest-magnitude weights per class (for diagnostics). */
  topFeatures(k: number, n: number): { feature: string; weight: number }[] {
    const out: { feature: string; weight: number }[] = [];
    for (const [name, id] of this.#index) out.push({ feature: name, weight: this.#w[id * this.classes + k] as number });
    return out.sort((a, b) => b.weight - a.weight).slice(0, n);
  }
}
