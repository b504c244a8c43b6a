// Types of verdict.js (the page's plain-JS module) for the TypeScript tests.
export declare const MIN_SERVED: number;
export declare const ALPHA: number;
export declare const RULE: string;
export interface Verdict {
  readonly state: 'none' | 'invalid' | 'collecting' | 'conclusive' | 'no-difference';
  readonly text: string;
  readonly variants: Record<string, 'collecting' | 'better' | 'worse' | 'no difference'>;
}
export declare function verdict(report: unknown): Verdict;
