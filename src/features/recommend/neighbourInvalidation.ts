/**
 * The neighbour lists a projected batch changed: the recommenders' caches of co-occurrence lists drop
 * them (in this process, and on other processes and nodes through IPC or the Redis bus).
 */
import type { ProjectionBatch } from '../../core/ports.ts';
import { neighbourKey } from './neighbourLists.ts';

/** The `neighbourKey`s of the co-occurrence lists `batch` changed (empty: none). */
export function changedNeighbourKeys(batch: Pick<ProjectionBatch, 'stats'>): string[] {
  const keys = new Set<string>();
  for (const d of batch.stats) if (d.kind === 'cooc') keys.add(neighbourKey(d.shop, d.from));
  return [...keys];
}
