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
import { RecentLists, type RecentList } from './recentLists.ts';
import type { ServedRecorder } from './servedRecorder.ts';

export interface ListAttributionOptions {
  readonly experiments: ExperimentsFile;
  readonly recorder: ServedRecorder;
  readonly clock: () => number;
  /** False when the shopper's consent says nothing about them may be stored (consent ledger). */
  readonly mayStore: (shop: string, userId: string) => boolean;
  /** Sees every recorded list and what its intent asked for (online quality metrics, features/analytics/qualityMonitor.ts). */
  readonly onServed?: (list: ServedList, want?: IntentWant) => void;
  /**
   * The ids the store links to an id, transitively (identity links, `PrivacyStore.linkedIds`), to find
   * the shopper's customer id. Absent: only the request's ids count.
   */
  readonly links?: (shop: string, id: string) => Promise<readonly string[]>;
  /** A failed link lookup (the list is then assigned on the request's own ids). */
  readonly onLinksError?: (err: unknown) => void;
  /** Lists remembered by id for {@link ListAttribution.servedHere} (default `RECENT_LISTS`). */
  readonly recentLists?: number;
}

/** A list about to be served. */
export interface ListStart {
  readonly id: string;
  readonly experiment?: Assignment;
  /** The id the variant was assigned on (recorded with the list when it is not the user id). */
  readonly shopperKey?: string;
}

/** `T` with its fields writable (records built field by field). */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Ids drawn per call to the random source: one `randomBytes` call (a native round trip) per 512 ids, not per id. */
const IDS_PER_DRAW = 512;
const ID_BYTES = 12;
let pool = Buffer.alloc(0);
let poolAt = 0;

/** A fresh recommendation id: 96 random bits, base64url (16 characters). */
export function newRecommendationId(): string {
  if (poolAt + ID_BYTES > pool.length) {
    pool = randomBytes(ID_BYTES * IDS_PER_DRAW);
    poolAt = 0;
  }
  const id = pool.toString('base64url', poolAt, poolAt + ID_BYTES);
  poolAt += ID_BYTES;
  return id;
}

export class ListAttribution {
  /** Link lookups in flight, shared by the requests that ask for the same id meanwhile (a batch's items, a page's widgets). */
  readonly #pending = new Map<string, Promise<readonly string[]>>();
  readonly #recent: RecentLists;

  constructor(private readonly o: ListAttributionOptions) {
    this.#recent = new RecentLists(o.recentLists);
  }

  /** A list this process recorded lately, by its id (its shop and products), else `undefined` (another node's, older, or none). */
  servedHere(id: string): RecentList | undefined {
    return this.#recent.get(id);
  }

  /** Declared experiments (for analytics). */
  experiment(id: string): Experiment | undefined {
    return this.o.experiments.find(id);
  }

  /**
   * Starts a list: its id and the shopper's variant, assigned on the shopper's key (core
   * `shopperKeyOf`): the customer id the request knows or the store links to its ids, else the user id.
   * The links are looked up only when an experiment applies; a failed lookup assigns on the request's ids.
   * The key is recorded with the list when the variant was assigned on it, and whenever the request
   * names a customer (no lookup then: outside experiments, analytics joins the ids the request links).
   */
  async begin(q: { shop: string; surface: Surface; userId?: string | undefined; customerId?: string | undefined }): Promise<ListStart> {
    const experiments = this.o.experiments.experiments;
    if (!q.userId && !q.customerId) return { id: newRecommendationId() };
    let linked: readonly string[] = [];
    if (this.o.links && anyExperiment(experiments, q)) {
      try {
        linked = await this.#linkedTo(q.shop, q.customerId, q.userId);
      } catch (err) {
        this.o.onLinksError?.(err);
      }
    }
    const shopperKey = shopperKeyOf(q, linked);
    const experiment = assign(experiments, { shop: q.shop, surface: q.surface, shopperId: shopperKey });
    const recordKey = (experiment || q.customerId) && shopperKey ? shopperKey : undefined;
    const start: Mutable<ListStart> = { id: newRecommendationId() };
    if (experiment) start.experiment = experiment;
    if (recordKey) start.shopperKey = recordKey;
    return start;
  }

  /**
   * The ids linked to the request's ids: one lookup when the customer's group already holds the user
   * id (links are transitive, so the user id's group is the same), a second only when it does not.
   */
  async #linkedTo(shop: string, customerId: string | undefined, userId: string | undefined): Promise<readonly string[]> {
    const first = (customerId ?? userId) as string;
    const linked = await this.#links(shop, first);
    if (!userId || userId === first || linked.includes(userId)) return linked;
    return [...linked, ...(await this.#links(shop, userId))];
  }

  /** One id's links; a lookup already in flight for it is shared, and nothing is kept after it settles (a new link counts at once). */
  #links(shop: string, id: string): Promise<readonly string[]> {
    const key = `${shop}\u0000${id}`;
    let p = this.#pending.get(key);
    if (!p) {
      const links = this.o.links as NonNullable<ListAttributionOptions['links']>;
      p = Promise.resolve()
        .then(() => links(shop, id))
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, p);
    }
    return p;
  }

  /**
   * Records a served list (no I/O on this path). The record is built field by field, in one order
   * (one object shape for every list, and no spread of `l` on every answer); fields absent from `l`
   * stay absent.
   */
  served(start: ListStart, l: Omit<ServedList, 'id' | 'ts' | 'experiment'>, want?: IntentWant): void {
    if (l.userId && !this.o.mayStore(l.shop, l.userId)) return;
    const list: Mutable<ServedList> = { id: start.id, shop: l.shop, ts: this.o.clock(), surface: l.surface, actor: l.actor, items: l.items };
    if (l.agent !== undefined) list.agent = l.agent;
    if (start.experiment) list.experiment = { id: start.experiment.id, variant: start.experiment.variant };
    if (l.intent !== undefined) list.intent = l.intent;
    if (l.market !== undefined) list.market = l.market;
    if (l.userId !== undefined) list.userId = l.userId;
    if (start.shopperKey && start.shopperKey !== l.userId) list.shopperKey = start.shopperKey;
    else if (l.shopperKey !== undefined) list.shopperKey = l.shopperKey;
    if (l.tookMs !== undefined) list.tookMs = l.tookMs;
    if (l.status !== undefined) list.status = l.status;
    this.o.recorder.record(list);
    this.#recent.add(list);
    this.o.onServed?.(list, want);
  }
}

/** The `experiment` field of an answer. */
export function experimentOut(start: ListStart): { id: string; variant: string } | undefined {
  return start.experiment ? { id: start.experiment.id, variant: start.experiment.variant } : undefined;
}
