// Whether a variant got worse than the control on a guardrail, from the `guardrails` of two groups of
// a `GET /v1/analytics?by=variant` report (core/attribution/guardrails.ts: errors, degraded lists,
// answer time p50/p95). Pure (no DOM). The verdict (verdict.js) does not declare a variant a winner
// when this finds something: "an uplift only counts if the variant's guardrails did not get worse"
// (docs/decisions/0002).
//
// Failures and fallbacks are counts, so they are tested like conversion (two-sided pooled z-test,
// worse when higher at p < ALPHA). Latency comes only as quantiles, so it is compared with a margin:
// worse when the variant's p50 or p95 is more than LATENCY_RATIO times the control's and more than
// LATENCY_SLACK_MS above it, once both have LATENCY_MIN_SAMPLES timed lists.

export const ALPHA = 0.05;
export const LATENCY_RATIO = 1.2;
export const LATENCY_SLACK_MS = 5;
export const LATENCY_MIN_SAMPLES = 100;

export const GUARDRAIL_RULE =
  `a higher error rate or share of degraded (fallback) lists than the control at p < ${ALPHA}, or a latency p50 or p95 ` +
  `more than ${Math.round((LATENCY_RATIO - 1) * 100)} % and ${LATENCY_SLACK_MS} ms above the control's (with ${LATENCY_MIN_SAMPLES} timed lists each).`;

/** Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z) {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Two-sided p-value of the pooled z-test of k1/n1 against k0/n0 (1 when either is empty or nothing happened). */
export function twoProportionP(k1, n1, k0, n0) {
  if (!(n1 > 0) || !(n0 > 0)) return 1;
  const pool = (k1 + k0) / (n1 + n0);
  const se = Math.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n0));
  if (se === 0) return 1;
  return 2 * (1 - normalCdf(Math.abs(k1 / n1 - k0 / n0) / se));
}

const pct = (x) => `${(x * 100).toFixed(1)} %`;
const pText = (p) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** "fails more (error rate 3.0 % vs 0.2 %, p = 0.001)" when k1/n1 is higher than k0/n0 at p < ALPHA. */
function higherRate(what, label, k1, n1, k0, n0) {
  if (!(n1 > 0) || !(n0 > 0) || k1 / n1 <= k0 / n0) return undefined;
  const p = twoProportionP(k1, n1, k0, n0);
  return p < ALPHA ? `${what} (${label} ${pct(k1 / n1)} vs ${pct(k0 / n0)}, ${pText(p)})` : undefined;
}

/** Whether both groups have enough timed lists for their latency to be compared (older lists carry no time). */
export function latencyComparable(variant, control) {
  const a = variant?.guardrails?.latencyMs;
  const b = control?.guardrails?.latencyMs;
  return Boolean(a && b && a.samples >= LATENCY_MIN_SAMPLES && b.samples >= LATENCY_MIN_SAMPLES);
}

/**
 * The guardrails on which `variant` is worse than `control`, as phrases ("fails more (…)", "is slower
 * (…)"); empty when none, or when either group carries no guardrails (an older report).
 * @param {{served: number, guardrails?: {errors: number, degraded: number, latencyMs: {samples: number, p50: number|null, p95: number|null}}}} variant
 * @param {typeof variant} control
 * @returns {string[]}
 */
export function worseGuardrails(variant, control) {
  const a = variant?.guardrails;
  const b = control?.guardrails;
  if (!a || !b) return [];
  const out = [];
  const errors = higherRate('fails more', 'error rate', a.errors, variant.served + a.errors, b.errors, control.served + b.errors);
  if (errors) out.push(errors);
  const degraded = higherRate('falls back more', 'degraded lists', a.degraded, variant.served, b.degraded, control.served);
  if (degraded) out.push(degraded);
  const la = a.latencyMs;
  const lb = b.latencyMs;
  if (latencyComparable(variant, control)) {
    const slower = ['p50', 'p95'].filter((q) => la[q] !== null && lb[q] !== null && la[q] > lb[q] * LATENCY_RATIO && la[q] - lb[q] > LATENCY_SLACK_MS);
    if (slower.length > 0) out.push(`is slower (${slower.map((q) => `${q} ${Math.round(la[q])} ms vs ${Math.round(lb[q])} ms`).join(', ')})`);
  }
  return out;
}
