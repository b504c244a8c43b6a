/**
 * Training of a small gradient-boosted tree ensemble (`core/recommend/boostedTrees.ts`) for the
 * learned re-ranker. Histogram based (features cut at sample quantiles), depth-wise trees with L2
 * leaf regularisation and Newton leaf values. Objectives:
 *
 * - `logloss`: pointwise, each row a candidate labelled 1 (the next click) or 0;
 * - `softmax`: listwise, one softmax per group (one prediction's candidates), cross-entropy against
 *   the target;
 * - `lambdarank`: pairwise logistic loss between the target and every other candidate of its group,
 *   each pair weighted by the change of the target's reciprocal rank if the two swapped (LambdaMART
 *   for MRR).
 *
 * Deterministic (no sampling). Offline only: production reads the resulting data.
 */
import type { BoostedTrees, RegressionTree } from '../core/recommend/boostedTrees.ts';

/** A training set: `n` rows of `features.length` values, row-major. */
export interface TrainingSet {
  readonly features: readonly string[];
  readonly x: Float32Array;
  /** 1 for the target, 0 otherwise. */
  readonly label: Uint8Array;
  /** Group boundaries (length groups + 1) for the listwise and pairwise objectives. */
  readonly groups: Int32Array;
}

export interface GbdtParams {
  readonly objective: 'logloss' | 'softmax' | 'lambdarank';
  readonly trees: number;
  readonly depth: number;
  readonly learningRate: number;
  /** L2 penalty on leaf values. */
  readonly lambda: number;
  /** Smallest hessian sum of a child. */
  readonly minHess: number;
  /** Histogram bins per feature (≤ 256). */
  readonly bins: number;
}

export const DEFAULT_GBDT: GbdtParams = Object.freeze({
  objective: 'lambdarank',
  trees: 100,
  depth: 5,
  learningRate: 0.1,
  lambda: 1,
  minHess: 1,
  bins: 64,
});

/** Quantile cut points of one feature: bin b holds x ≤ edges[b] (the last bin everything above). */
function cutPoints(x: Float32Array, nf: number, f: number, bins: number): Float64Array {
  const n = x.length / nf;
  const step = Math.max(1, Math.floor(n / 50_000));
  const vals: number[] = [];
  for (let i = 0; i < n; i += step) vals.push(x[i * nf + f] as number);
  vals.sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = vals[Math.min(vals.length - 1, Math.floor((b * vals.length) / bins))] as number;
    if (edges.length === 0 || v > (edges[edges.length - 1] as number)) edges.push(v);
  }
  // Make the largest value a bin edge too only when it is above the last cut (keeps "x ≤ edge" exact).
  return Float64Array.from(edges);
}

function binOf(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (edges[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Gradients and hessians of the objective at the current scores. */
function gradients(set: TrainingSet, p: GbdtParams, score: Float64Array, g: Float64Array, h: Float64Array): void {
  const n = score.length;
  if (p.objective === 'logloss') {
    for (let i = 0; i < n; i++) {
      const q = 1 / (1 + Math.exp(-(score[i] as number)));
      g[i] = q - (set.label[i] as number);
      h[i] = Math.max(q * (1 - q), 1e-6);
    }
    return;
  }
  g.fill(0);
  h.fill(0);
  const G = set.groups;
  for (let k = 0; k + 1 < G.length; k++) {
    const a = G[k] as number;
    const b = G[k + 1] as number;
    if (p.objective === 'softmax') {
      let m = -Infinity;
      for (let i = a; i < b; i++) m = Math.max(m, score[i] as number);
      let z = 0;
      for (let i = a; i < b; i++) z += Math.exp((score[i] as number) - m);
      for (let i = a; i < b; i++) {
        const q = Math.exp((score[i] as number) - m) / z;
        g[i] = q - (set.label[i] as number);
        h[i] = Math.max(q * (1 - q), 1e-6);
      }
      continue;
    }
    // LambdaRank for the reciprocal rank of the single target.
    let pos = -1;
    for (let i = a; i < b; i++) if (set.label[i] === 1) pos = i;
    if (pos < 0) continue;
    const sp = score[pos] as number;
    let rp = 1;
    for (let i = a; i < b; i++) if (i !== pos && (score[i] as number) >= sp) rp++;
    // Ranks of the others: only their order relative to the target matters for the swap delta,
    // but the delta needs their own rank; sort once.
    const idx: number[] = [];
    for (let i = a; i < b; i++) idx.push(i);
    idx.sort((u, v) => (score[v] as number) - (score[u] as number) || u - v);
    for (let r = 0; r < idx.length; r++) {
      const j = idx[r] as number;
      if (j === pos) continue;
      const delta = Math.abs(1 / rp - 1 / (r + 1));
      if (delta === 0) continue;
      const rho = 1 / (1 + Math.exp(sp - (score[j] as number)));
      const lam = rho * delta;
      const hes = Math.max(rho * (1 - rho) * delta, 1e-9);
      g[pos] = (g[pos] as number) - lam;
      h[pos] = (h[pos] as number) + hes;
      g[j] = (g[j] as number) + lam;
      h[j] = (h[j] as number) + hes;
    }
  }
}

/** Trains the ensemble on `set`. */
export function trainGbdt(set: TrainingSet, params: Partial<GbdtParams> = {}): BoostedTrees {
  const p: GbdtParams = { ...DEFAULT_GBDT, ...params };
  const nf = set.features.length;
  const n = set.label.length;
  const edges = Array.from({ length: nf }, (_, f) => cutPoints(set.x, nf, f, Math.min(256, p.bins)));
  const nb = Math.min(256, p.bins);
  // Row-major bins: a node's histogram walks its rows once.
  const bins = new Uint8Array(n * nf);
  for (let f = 0; f < nf; f++) {
    const e = edges[f] as Float64Array;
    for (let i = 0; i < n; i++) bins[i * nf + f] = binOf(e, set.x[i * nf + f] as number);
  }
  let base = 0;
  if (p.objective === 'logloss') {
    let pos = 0;
    for (let i = 0; i < n; i++) pos += set.label[i] as number;
    const q = Math.min(1 - 1e-6, Math.max(1e-6, pos / Math.max(1, n)));
    base = Math.log(q / (1 - q));
  }
  const score = new Float64Array(n).fill(base);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: RegressionTree[] = [];
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  /** Gradient and hessian sums per (feature, bin), interleaved. */
  const histogram = (rows: Int32Array): Float64Array => {
    const hist = new Float64Array(nf * nb * 2);
    for (let r = 0; r < rows.length; r++) {
      const i = rows[r] as number;
      const gi = g[i] as number;
      const hi = h[i] as number;
      const o = i * nf;
      for (let f = 0; f < nf; f++) {
        const b = (f * nb + (bins[o + f] as number)) * 2;
        hist[b] = (hist[b] as number) + gi;
        hist[b + 1] = (hist[b + 1] as number) + hi;
      }
    }
    return hist;
  };
  interface Pending {
    readonly node: number;
    readonly rows: Int32Array;
    readonly depth: number;
    readonly hist: Float64Array;
  }

  for (let t = 0; t < p.trees; t++) {
    gradients(set, p, score, g, h);
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const value: number[] = [];
    const leafOf = new Int32Array(n);
    const newNode = (): number => {
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
      value.push(0);
      return feature.length - 1;
    };
    const queue: Pending[] = [{ node: newNode(), rows: all, depth: 0, hist: histogram(all) }];
    for (let q = 0; q < queue.length; q++) {
      const { node, rows, depth, hist } = queue[q] as Pending;
      let G = 0;
      let H = 0;
      for (let b = 0; b < nb; b++) {
        G += hist[b * 2] as number;
        H += hist[b * 2 + 1] as number;
      }
      value[node] = (-G / (H + p.lambda)) * p.learningRate;
      for (let r = 0; r < rows.length; r++) leafOf[rows[r] as number] = node;
      if (depth >= p.depth || H < 2 * p.minHess) continue;
      const parent = (G * G) / (H + p.lambda);
      let best = 1e-9;
      let bf = -1;
      let bb = -1;
      for (let f = 0; f < nf; f++) {
        let gl = 0;
        let hl = 0;
        const ne = (edges[f] as Float64Array).length;
        for (let b = 0; b < ne; b++) {
          gl += hist[(f * nb + b) * 2] as number;
          hl += hist[(f * nb + b) * 2 + 1] as number;
          const hr = H - hl;
          if (hl < p.minHess || hr < p.minHess) continue;
          const gr = G - gl;
          const gain = (gl * gl) / (hl + p.lambda) + (gr * gr) / (hr + p.lambda) - parent;
          if (gain > best) {
            best = gain;
            bf = f;
            bb = b;
          }
        }
      }
      if (bf < 0) continue;
      let nl = 0;
      for (let r = 0; r < rows.length; r++) if ((bins[(rows[r] as number) * nf + bf] as number) <= bb) nl++;
      const lr = new Int32Array(nl);
      const rr = new Int32Array(rows.length - nl);
      let a = 0;
      let c = 0;
      for (let r = 0; r < rows.length; r++) {
        const i = rows[r] as number;
        if ((bins[i * nf + bf] as number) <= bb) lr[a++] = i;
        else rr[c++] = i;
      }
      feature[node] = bf;
      threshold[node] = (edges[bf] as Float64Array)[bb] as number;
      const l = newNode();
      const r = newNode();
      left[node] = l;
      right[node] = r;
      // The smaller child's histogram is counted; the larger one's is the parent's minus it.
      const small = histogram(nl <= rows.length - nl ? lr : rr);
      const large = new Float64Array(hist.length);
      for (let k = 0; k < hist.length; k++) large[k] = (hist[k] as number) - (small[k] as number);
      const [hl, hr] = nl <= rows.length - nl ? [small, large] : [large, small];
      queue.push({ node: l, rows: lr, depth: depth + 1, hist: hl }, { node: r, rows: rr, depth: depth + 1, hist: hr });
    }
    for (let i = 0; i < n; i++) score[i] = (score[i] as number) + (value[leafOf[i] as number] as number);
    for (let k = 0; k < feature.length; k++) if ((feature[k] as number) >= 0) value[k] = 0;
    trees.push({ feature, threshold, left, right, value });
  }
  return { features: [...set.features], base, trees };
}
