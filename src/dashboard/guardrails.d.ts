// Types of guardrails.js (the page's plain-JS module) for the TypeScript tests.
export declare const ALPHA: number;
export declare const LATENCY_RATIO: number;
export declare const LATENCY_SLACK_MS: number;
export declare const LATENCY_MIN_SAMPLES: number;
export declare const GUARDRAIL_RULE: string;
export declare function twoProportionP(k1: number, n1: number, k0: number, n0: number): number;
export declare function worseGuardrails(variant: unknown, control: unknown): string[];
export declare function latencyComparable(variant: unknown, control: unknown): boolean;
