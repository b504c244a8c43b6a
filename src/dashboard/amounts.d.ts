// Types of amounts.js (the page's plain-JS module) for the TypeScript tests.
interface NotSummed {
  readonly currency: string;
  readonly lines: number;
  readonly orders: number;
  readonly revenue: number;
  readonly influenced: number;
  readonly withoutAmount?: number;
}
interface Group {
  readonly revenue: number;
  readonly influenced: number;
  readonly orderLines?: { readonly summed: number; readonly converted: number; readonly notSummed: readonly NotSummed[] };
}
interface Report {
  readonly currency: string | null;
  readonly otherCurrencyLines: number;
  readonly convertedLines?: number;
  readonly exchangeRates?: Readonly<Record<string, number>>;
  readonly groups: readonly Group[];
}
export declare function plural(n: number, one: string, many: string): string;
export declare function nothingSummed(g: Group): boolean;
export declare function amountText(g: Group, field: 'revenue' | 'influenced', currency: string | null): string;
export declare function notSummedText(g: Group): string;
export declare function convertedText(g: Group): string;
export declare function currencyNote(report: Report): string;
