/**
 * Guardrails of a group of served lists: how fast and how reliably they were answered, so an
 * experiment's winner on clicks is not a variant that is slow or fails. From the latency and status
 * recorded with each list (`ServedList.tookMs`, `status`). Pure.
 */
import { proportion, type Estimate } from './stats.ts';
import type { ServedList } from './servedList.ts';

/** Latency and failures of a group. */
export interface Guardrails {
  /** Requests that failed after their list was started (not counted in `served`). */
  readonly errors: number;
  /** errors / (served + errors), Wilson 95 %. */
  readonly errorRate: Estimate;
  /** Lists a fallback answered (store, shop catalog or model down). */
  readonly degraded: number;
  /** Answer time of the lists that recorded one (errors included), ms; null without samples. */
  readonly latencyMs: { readonly samples: number; readonly p50: number | null; readonly p95: number | null; readonly max: number | null };
}

/** The `q`-quantile (0..1) of ascending `sorted` values, nearest rank; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Collects a group's guardrails list by list. */
export class GuardrailAcc {
  #errors = 0;
  #served = 0;
  #degraded = 0;
  readonly #took: number[] = [];

  add(l: ServedList): void {
    if (l.status === 'error') this.#errors += 1;
    else this.#served += 1;
    if (l.status === 'degraded') this.#degraded += 1;
    if (l.tookMs !== undefined && Number.isFinite(l.tookMs)) this.#took.push(l.tookMs);
  }

  result(): Guardrails {
    const took = [...this.#took].sort((a, b) => a - b);
    return {
      errors: this.#errors,
      errorRate: proportion(this.#errors, this.#served + this.#errors),
      degraded: this.#degraded,
      latencyMs: { samples: took.length, p50: quantile(took, 0.5), p95: quantile(took, 0.95), max: took.at(-1) ?? null },
    };
  }
}
