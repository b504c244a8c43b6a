// Types of verdict.js (the page's plain-JS module) for the TypeScript tests.
export declare const MIN_SERVED: number;
export declare const ALPHA: number;
export declare const RULE: string;
export type VariantCall = 'better' | 'worse' | 'no difference';
export interface Verdict {
  readonly state: 'none' | 'invalid' | 'collecting' | 'conclusive' | 'guardrail' | 'no-difference';
  readonly text: string;
  /** Treatment → its status: `guardrail worse` converts better but got worse on a guardrail (not a winner). */
  readonly variants: Record<string, 'collecting' | 'guardrail worse' | VariantCall>;
  /** Treatment → the per-list and per-shopper conversion calls (null without that uplift), the guardrails it got worse on, whether latency was compared. */
  readonly details: Record<string, { readonly perList: VariantCall | null; readonly perShopper: VariantCall | null; readonly guardrails: readonly string[]; readonly latencyCompared: boolean }>;
}
export declare function verdict(report: unknown): Verdict;
