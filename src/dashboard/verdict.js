// Whether an experiment can be concluded, from a `GET /v1/analytics?by=variant` report. Pure (no DOM):
// the page shows its answer and the unit test holds it to the rule written in docs/dashboard.md.
//
// The rule: the primary metric is the conversion rate (lists with an attributed order / served).
// An experiment can be concluded when
//   1. the sample ratio matches the declared weights (no mismatch: chi-square p >= 0.001), and
//   2. every variant has at least MIN_SERVED served lists, and
//   3. a treatment's conversion uplift against the control has p < ALPHA (two-sided pooled z-test).
// Otherwise it keeps collecting (too few lists), is invalid (sample ratio mismatch), or shows no
// detectable difference yet (enough lists, no p < ALPHA).

export const MIN_SERVED = 1000;
export const ALPHA = 0.05;

export const RULE =
  `Conclusive when every variant has at least ${MIN_SERVED.toLocaleString('en-US')} served lists, the split matches the declared weights ` +
  `(sample-ratio check p ≥ 0.001), and a variant's conversion-rate uplift against the control has p < ${ALPHA}.`;

/**
 * @param {{groups: {key: string, served: number, uplift?: {conversionRate: {value: number, relative: number, pValue: number}}}[], sampleRatio?: {mismatch: boolean, pValue: number}}} report
 * @returns {{state: 'none'|'invalid'|'collecting'|'conclusive'|'no-difference', text: string, variants: Record<string, string>}}
 */
export function verdict(report) {
  const groups = report?.groups ?? [];
  const variants = {};
  if (groups.length < 2 || !report.sampleRatio) return { state: 'none', text: 'Choose an experiment with at least two variants.', variants };
  if (report.sampleRatio.mismatch) {
    return { state: 'invalid', text: `Sample ratio mismatch (p = ${report.sampleRatio.pValue}): the split is not what the weights declare, so assignment or logging is broken. Do not conclude.`, variants };
  }
  const short = groups.filter((g) => g.served < MIN_SERVED);
  for (const g of groups.slice(1)) {
    const u = g.uplift?.conversionRate;
    if (short.length > 0 || !u) variants[g.key] = 'collecting';
    else if (u.pValue < ALPHA) variants[g.key] = u.value > 0 ? 'better' : 'worse';
    else variants[g.key] = 'no difference';
  }
  if (short.length > 0) {
    const need = short.map((g) => `${g.key} ${g.served.toLocaleString('en-US')}`).join(', ');
    return { state: 'collecting', text: `Not enough data yet: every variant needs ${MIN_SERVED.toLocaleString('en-US')} served lists (${need}).`, variants };
  }
  const winners = Object.entries(variants).filter(([, v]) => v === 'better' || v === 'worse');
  if (winners.length === 0) return { state: 'no-difference', text: `Enough data, but no variant's conversion rate differs from ${groups[0].key} at p < ${ALPHA}.`, variants };
  return { state: 'conclusive', text: `Conclusive: ${winners.map(([k, v]) => `${k} converts ${v} than ${groups[0].key}`).join('; ')} (p < ${ALPHA}).`, variants };
}
