/**
 * What the answering layers (REST, app proxy, MCP) use to make a list attributable: a fresh
 * recommendation id, the shopper's experiment variant (and so the strategy that serves them), and
 * the record of what was served, buffered off the request path (servedRecorder.ts). Nothing is
 * recorded for a shopper whose consent allows session-only memory.
 */
import { randomBytes } from 'node:crypto';
import { anyExperiment, assign, shopperKeyOf, type Assignment, type Experiment } from '../../core/attribution/experiments.ts';
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
  /** The ids the store links to an id (identity links), to find the shopper's customer id. Absent: only the request's ids count. */
  readonly links?: (shop: string, id: string) => Promise<readonly string[]>;
  /** A failed link lookup (the list is then assigned on the request's own ids). */
  readonly onLinksError?: (err: unknown) => void;
}

/** A list about to be served. */
export interface ListStart {
  readonly id: string;
  readonly experiment?: Assignment;
  /** The id the variant was assigned on (recorded with the list when it is not the user id). */
  readonly shopperKey?: string;
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
   * Starts a list: its id and the shopper's variant, assigned on the shopper's key (core
   * `shopperKeyOf`): the customer id the request knows or the store links to its ids, else the user id.
   * The links are looked up only when an experiment applies; a failed lookup assigns on the request's ids.
   */
  async begin(q: { shop: string; surface: Surface; userId?: string | undefined; customerId?: string | undefined }): Promise<ListStart> {
    const experiments = this.o.experiments.experiments;
    if (!q.userId && !q.customerId) return { id: newRecommendationId() };
    let linked: string[] = [];
    if (this.o.links && anyExperiment(experiments, q)) {
      const links = this.o.links;
      try {
        const ids = [...new Set([q.customerId, q.userId].filter((x): x is string => !!x))];
        linked = (await Promise.all(ids.map((id) => links(q.shop, id)))).flat();
      } catch (err) {
        this.o.onLinksError?.(err);
      }
    }
    const shopperKey = shopperKeyOf(q, linked);
    const experiment = assign(experiments, { shop: q.shop, surface: q.surface, shopperId: shopperKey });
    return { id: newRecommendationId(), ...(experiment ? { experiment } : {}), ...(experiment && shopperKey ? { shopperKey } : {}) };
  }

  /** Records a served list (no I/O on this path). */
  served(start: ListStart, l: Omit<ServedList, 'id' | 'ts' | 'experiment'>, want?: IntentWant): void {
    if (l.userId && !this.o.mayStore(l.shop, l.userId)) return;
    const list: ServedList = {
      ...l,
      id: start.id,
      ts: this.o.clock(),
      ...(start.experiment ? { experiment: { id: start.experiment.id, variant: start.experiment.variant } } : {}),
      ...(start.shopperKey && start.shopperKey !== l.userId ? { shopperKey: start.shopperKey } : {}),
    };
    this.o.recorder.record(list);
    this.o.onServed?.(list, want);
  }
}

/** The `experiment` field of an answer. */
export function experimentOut(start: ListStart): { id: string; variant: string } | undefined {
  return start.experiment ? { id: start.experiment.id, variant: start.experiment.variant } : undefined;
}
