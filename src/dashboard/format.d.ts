// Types of format.js (the page's plain-JS module) for the TypeScript tests.
interface Estimate {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}
export declare const UNKNOWN: string;
export declare function count(n: number | null | undefined): string;
export declare function pct(x: number | null | undefined, digits?: number): string;
export declare function pctInterval(e: Estimate, n: number): string;
export declare function money(minor: number, currency: string | null | undefined): string;
export declare function moneyInterval(e: Estimate, currency: string | null | undefined, n: number): string;
export declare function relative(x: number): string;
export declare function millis(x: number | null | undefined): string;
export declare function viewedText(g: { readonly served: number; readonly viewed: number; readonly agentLists: number }): { text: string; note: string };
