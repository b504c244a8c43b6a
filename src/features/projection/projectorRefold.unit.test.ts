/**
 * When the store reports that another projector projected part of a batch first (`stale`), the
 * projector folds only the events still waiting and applies those: nothing is counted twice, nothing
 * is left behind. Fake store (only what the projector calls).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatalogRegistry } from '../catalog/catalogRegistry.ts';
import type { LoggedEvent, ProjectionBatch, ProjectionOutcome, UserEventStore } from '../../core/ports.ts';
import { DEFAULT_EVENT_WEIGHTS } from '../../core/profile/fold.ts';
import { DEFAULT_COOC_PARAMS } from '../../core/recommend/cooccurrence.ts';
import { makeEvent } from '../../testing/userEventStoreContract.ts';
import { Projector } from './projector.ts';

const PARAMS = { fold: { eventWeights: DEFAULT_EVENT_WEIGHTS, halfLifeMs: 30 * 86_400_000 }, cooc: DEFAULT_COOC_PARAMS, popularHalfLifeMs: 86_400_000, trendingHalfLifeMs: 86_400_000 };

describe('projector and a batch another projector partly projected', () => {
  it('folds again only the events still waiting, and applies them once', async () => {
    const log: LoggedEvent[] = [
      { seq: '1', event: makeEvent({ shop: 'refold', userId: 'u1' }) },
      { seq: '2', event: makeEvent({ shop: 'refold', userId: 'u1' }) },
      { seq: '3', event: makeEvent({ shop: 'refold', userId: 'u2' }) },
    ];
    let projectedUpTo = 0;
    const asked: ProjectionBatch[] = [];
    const applied: ProjectionBatch[] = [];
    const store = {
      kind: 'fake',
      readUnprojected: async (limit: number) => log.filter((e) => Number(e.seq) > projectedUpTo).slice(0, limit),
      getRecentItems: async (_shop: string, ids: readonly string[]) => ids.map(() => []),
      applyProjection: async (batch: ProjectionBatch): Promise<ProjectionOutcome> => {
        asked.push(batch);
        // The first time, another projector has just projected events 1 and 2.
        if (asked.length === 1) projectedUpTo = 2;
        const unprojected = batch.seqs.filter((s) => Number(s) > projectedUpTo);
        if (unprojected.length < batch.seqs.length) return { status: 'stale', unprojected };
        applied.push(batch);
        projectedUpTo = Math.max(projectedUpTo, ...batch.seqs.map(Number));
        return { status: 'applied' };
      },
      listProducts: async () => [],
      productLinks: async () => [],
    } as unknown as UserEventStore;
    const seen: ProjectionBatch[] = [];
    await new Projector({ store, catalogs: new CatalogRegistry(store as never), params: PARAMS, onApplied: (b) => seen.push(b) }).flush();
    assert.deepEqual(asked.map((b) => b.seqs), [['1', '2', '3'], ['3']]);
    assert.equal(applied.length, 1);
    assert.deepEqual(applied[0]?.profiles.map((p) => [p.userId, p.events]), [['u2', 1]], 'only u2’s event, once');
    assert.deepEqual(seen, applied, 'onApplied hears of the batch that was written, not of the stale one');
  });
});
