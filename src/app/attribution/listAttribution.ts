/**
 * What the answering layers (REST, app proxy, MCP) use to make a list attributable: a fresh
 * recommendation id, the shopper's experiment variant (and so the strategy that serves them), and
 * the record of what was served, buffered off the request path (servedRecorder.ts). Nothing is
 * recorded for a shopper whose consent allows session-only memory.
 */
import { randomBytes } from 'node:crypto';
import { assign, type Assignment, type Experiment } from '../../core/attribution/experiments.ts';
import type { ServedList, Surface } from '../../core/attribution/servedList.ts';
import type { IntentWant } from '../../core/quality/listQuality.ts';
import type { ExperimentsFile } from './experimentsFile.ts';
import type { ServedRecorder } from './servedRecorder.ts';

export interface ListAttributionOptions {
  readonly experiments: ExperimentsFile;
  readonly recorder: ServedRecorder;
  readonly clock: () => number;
  /** False when the shopper's consent says nothing about them may be stored (consent ledger). */
  readonly mayStore: (shop: string, userId: string) => boolean;
  /** Sees every recorded list and what its intent asked for (online quality metrics, app/qualityMonitor.ts). */
  readonly onServed?: (list: ServedList, want?: IntentWant) => void;
}

/** A list about to be served. */
export interface ListStart {
  readonly id: string;
  readonly experiment?: Assignment;
}

/** A fresh recommendation id: 96 random bits, base64url (16 characters). */
export function newRecommendationId(): string {
  return randomBytes(12).toString('base64url');
}

export class ListAttribution {
  constructor(private readonly o: ListAttributionOptions) {}

  /** Declared experiments (for analytics). */
  experiment(id: string): Experiment | undefined {
    return this.o.experiments.find(id);
  }

  /**
   * Starts a list: its id and the shopper's variant. The variant hashes the customer id when the
   * request knows one (a logged-in storefront shopper, an agent acting for a linked customer), else the user id.
   */
  begin(q: { shop: string; surface: Surface; userId?: string | undefined; customerId?: string | undefined }): ListStart {
    const experiment = assign(this.o.experiments.experiments, { shop: q.shop, surface: q.surface, shopperId: q.customerId ?? q.userId });
    return { id: newRecommendationId(), ...(experiment ? { experiment } : {}) };
  }

  /** Records a served list (no I/O on this path). */
  served(start: ListStart, l: Omit<ServedList, 'id' | 'ts' | 'experiment'>, want?: IntentWant): void {
    if (l.userId && !this.o.mayStore(l.shop, l.userId)) return;
    const list: ServedList = {
      ...l,
      id: start.id,
      ts: this.o.clock(),
      ...(start.experiment ? { experiment: { id: start.experiment.id, variant: start.experiment.variant } } : {}),
    };
    this.o.recorder.record(list);
    this.o.onServed?.(list, want);
  }
}

/** The `experiment` field of an answer. */
export function experimentOut(start: ListStart): { id: string; variant: string } | undefined {
  return start.experiment ? { id: start.experiment.id, variant: start.experiment.variant } : undefined;
}
