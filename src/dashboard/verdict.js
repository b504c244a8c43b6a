// Whether an experiment can be concluded, from a `GET /v1/analytics?by=variant` report. Pure (no DOM):
// the page shows its answer and the unit test holds it to the rule written in docs/dashboard.md.
//
// The rule: the primary metric is the conversion rate (lists with an attributed order / served).
// An experiment can be concluded when
//   1. the sample ratio matches the declared weights (no mismatch: chi-square p >= 0.001), and
//   2. every variant has at least MIN_SERVED served lists, and
//   3. a treatment's conversion uplift against the control has p < ALPHA (two-sided pooled z-test),
//      per shopper as well as per list: shoppers are the unit of randomization, so when the per-list and
//      per-shopper conclusions differ the per-shopper one decides (docs/decisions/0002, "The unit of
//      analysis") and the disagreement is said; and
//   4. a treatment that converts better did not get worse on a guardrail (guardrails.js): it is not a
//      winner when it fails more, falls back more or is slower (docs/decisions/0002, "Guardrails").
// Otherwise it keeps collecting (too few lists), is invalid (sample ratio mismatch), has a better
// variant held back by its guardrails, or shows no detectable difference yet (enough lists, no p < ALPHA).

import { ALPHA, GUARDRAIL_RULE, LATENCY_MIN_SAMPLES, latencyComparable, worseGuardrails } from './guardrails.js';

export { ALPHA };
export const MIN_SERVED = 1000;

export const RULE =
  `Conclusive when every variant has at least ${MIN_SERVED.toLocaleString('en-US')} served lists, the split matches the declared weights ` +
  `(sample-ratio check p ≥ 0.001), and a variant's conversion-rate uplift against the control has p < ${ALPHA}; ` +
  'when the per-list and per-shopper conversion disagree, the per-shopper one decides (shoppers are what is randomized). ' +
  `A variant that converts better is not a winner if a guardrail got worse: ${GUARDRAIL_RULE}`;

/** better / worse / no difference of one uplift (a Difference: value, pValue); undefined without it. */
function call(u) {
  if (!u || typeof u.pValue !== 'number') return undefined;
  return u.pValue < ALPHA ? (u.value > 0 ? 'better' : 'worse') : 'no difference';
}

const p3 = (p) => (p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`);

/** "converts better (p = 0.010)" / "shows no difference (p = 0.300)". */
function said(c, u) {
  return `${c === 'no difference' ? 'shows no difference' : `converts ${c}`} (p ${p3(u.pValue)})`;
}

/**
 * @param {{groups: {key: string, served: number, guardrails?: object, uplift?: {conversionRate: {value: number, relative: number, pValue: number}, shopperConversionRate?: {value: number, pValue: number}}}[], sampleRatio?: {mismatch: boolean, pValue: number}}} report
 * @returns {import('./verdict.d.ts').Verdict}
 */
export function verdict(report) {
  const groups = report?.groups ?? [];
  const variants = {};
  const details = {};
  if (groups.length < 2 || !report.sampleRatio) return { state: 'none', text: 'Choose an experiment with at least two variants.', variants, details };
  if (report.sampleRatio.mismatch) {
    return { state: 'invalid', text: `Sample ratio mismatch (p = ${report.sampleRatio.pValue}): the split is not what the weights declare, so assignment or logging is broken. Do not conclude.`, variants, details };
  }
  const control = groups[0];
  const short = groups.filter((g) => g.served < MIN_SERVED);
  const notes = [];
  for (const g of groups.slice(1)) {
    const perList = call(g.uplift?.conversionRate);
    const perShopper = call(g.uplift?.shopperConversionRate);
    const guardrails = worseGuardrails(g, control);
    const latency = latencyComparable(g, control);
    details[g.key] = { perList: perList ?? null, perShopper: perShopper ?? null, guardrails, latencyCompared: latency };
    const decided = perShopper ?? perList;
    if (short.length > 0 || !decided) variants[g.key] = 'collecting';
    else if (decided === 'better' && guardrails.length > 0) variants[g.key] = 'guardrail worse';
    else variants[g.key] = decided;
    if (short.length === 0 && perList && perShopper && perList !== perShopper) {
      notes.push(
        `Per list ${g.key} ${said(perList, g.uplift.conversionRate)}, per shopper it ${said(perShopper, g.uplift.shopperConversionRate)}: the per-shopper figure decides, shoppers being what is randomized.`,
      );
    }
    if (variants[g.key] === 'better' && !latency && g.guardrails && control.guardrails) {
      notes.push(`Latency of ${g.key} not compared: fewer than ${LATENCY_MIN_SAMPLES} timed lists in a variant.`);
    }
    if (guardrails.length > 0) {
      notes.push(
        variants[g.key] === 'guardrail worse'
          ? `${g.key} converts better than ${control.key} but is not a winner: ${guardrails.join('; ')}.`
          : `Guardrail: ${g.key} ${guardrails.join('; ')}.`,
      );
    }
  }
  const tail = notes.length ? ` ${notes.join(' ')}` : '';
  if (short.length > 0) {
    const need = short.map((g) => `${g.key} ${g.served.toLocaleString('en-US')}`).join(', ');
    const none = groups.every((g) => g.served === 0);
    const text = none ? `No lists served yet: every variant needs ${MIN_SERVED.toLocaleString('en-US')} served lists.` : `Not enough data yet: every variant needs ${MIN_SERVED.toLocaleString('en-US')} served lists (${need}).`;
    return { state: 'collecting', text: text + tail, variants, details };
  }
  const winners = Object.entries(variants).filter(([, v]) => v === 'better' || v === 'worse');
  if (winners.length > 0) {
    return { state: 'conclusive', text: `Conclusive: ${winners.map(([k, v]) => `${k} converts ${v} than ${control.key}`).join('; ')} (p < ${ALPHA}).${tail}`, variants, details };
  }
  if (Object.values(variants).includes('guardrail worse')) return { state: 'guardrail', text: `No winner.${tail}`, variants, details };
  return { state: 'no-difference', text: `Enough data, but no variant's conversion rate differs from ${control.key} at p < ${ALPHA}.${tail}`, variants, details };
}
