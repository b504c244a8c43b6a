/**
 * What the operations sampler refreshes before each read: whether the store answers a ping and how
 * many events wait to be projected, written into the same gauges `/health/ready` sets. Each check
 * gives up after a second, so a frozen store cannot hold the sampler.
 */
import type { Metrics } from './metrics.ts';
import type { ProjectionControl } from './projector.ts';

const PROBE_MS = 1_000;

function within<T>(p: Promise<T>, otherwise: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.catch(() => otherwise),
    new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(otherwise), PROBE_MS);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A probe for {@link OperationsSampler}. */
export function operationsProbe(deps: { store: { readonly kind: string; ping(): Promise<boolean> }; projection: ProjectionControl; metrics: Metrics }): () => Promise<void> {
  return async () => {
    const [up, lag] = await Promise.all([
      within(deps.store.ping(), false),
      deps.projection.measureLag ? within(deps.projection.measureLag(), deps.projection.lag) : deps.projection.lag,
    ]);
    deps.metrics.storeUp.set({ store: deps.store.kind }, up ? 1 : 0);
    deps.metrics.projectionLag.set(lag);
  };
}
