/**
 * Readiness: whether the store answers a ping and how many events wait to be projected, written into
 * the `storeUp` and `projectionLag` gauges. One check for `GET /health/ready` and for the operations
 * sampler that feeds the dashboard. Each part gives up after {@link READY_CHECK_MS}, so a frozen store
 * can hold neither.
 */
import type { Metrics } from './metrics.ts';
import { within } from '../../adapters/resilience/within.ts';
import type { ProjectionControl } from '../projection/projectionControl.ts';

/** How long readiness waits for the store (ping, backlog count), ms. */
export const READY_CHECK_MS = 1_000;

/** What readiness reads and where it writes. */
export interface ReadinessDeps {
  readonly store: { readonly kind: string; ping(): Promise<boolean> };
  readonly projection: ProjectionControl;
  readonly metrics: Pick<Metrics, 'storeUp' | 'projectionLag'>;
}

/** What readiness found. */
export interface Readiness {
  /** The store answered a ping within {@link READY_CHECK_MS}. */
  readonly up: boolean;
  /** Events waiting to be projected: counted now where the store can, else the last count. */
  readonly lag: number;
}

/** Checks the store and the projection backlog and sets the gauges. Never rejects. */
export async function checkReadiness(deps: ReadinessDeps, ms: number = READY_CHECK_MS): Promise<Readiness> {
  const { projection } = deps;
  const [up, lag] = await Promise.all([
    within(deps.store.ping(), ms, () => false),
    projection.measureLag ? within(projection.measureLag(), ms, () => projection.lag) : projection.lag,
  ]);
  deps.metrics.storeUp.set({ store: deps.store.kind }, up ? 1 : 0);
  deps.metrics.projectionLag.set(lag);
  return { up, lag };
}

/** The readiness check as the operations sampler's probe (`features/operations/operationsSampler.ts`). */
export function operationsProbe(deps: ReadinessDeps): () => Promise<void> {
  return async () => {
    await checkReadiness(deps);
  };
}
