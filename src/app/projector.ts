/**
 * Moved: the projector is `features/projection/projector.ts`, its control port and the remote stand-in
 * `features/projection/projectionControl.ts`. This re-export stays only while files edited elsewhere
 * still import it here (`src/eval/personalizationSim.ts`, `src/roles/storeProjection.ts`); delete it
 * once they import from `features/projection/`.
 */
export { IDLE_LAG_EVERY_MS, Projector, type ProjectorOptions } from '../features/projection/projector.ts';
export { countsBacklog, RemoteProjection, type BacklogCounter, type ProjectionControl } from '../features/projection/projectionControl.ts';
