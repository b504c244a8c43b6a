import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { RETENTION_SWEEP_MS, startBackgroundWork } from './backgroundWork.ts';

describe('background work by role', () => {
  const run = (roles: Parameters<typeof startBackgroundWork>[0]['roles']) => {
    const calls = { checkpoints: 0, stopped: 0, sweep: 0, refresh: 0 };
    mock.timers.enable({ apis: ['setInterval'] });
    try {
      const w = startBackgroundWork({
        roles,
        startCheckpoints: () => {
          calls.checkpoints++;
          return { stop: async () => void calls.stopped++ };
        },
        sweep: async () => void calls.sweep++,
        refreshCatalogs: async () => void calls.refresh++,
        catalogRefreshMs: 2000,
        onError: () => {},
      });
      mock.timers.tick(RETENTION_SWEEP_MS);
      w.stop();
      mock.timers.tick(RETENTION_SWEEP_MS);
    } finally {
      mock.timers.reset();
    }
    return calls;
  };

  it('sweeps and checkpoints where the project role runs (the checkpoints stop with the node); every node refreshes catalogs', () => {
    assert.deepEqual(run(['project']), { checkpoints: 1, stopped: 1, sweep: 1, refresh: 1800 });
    assert.deepEqual(run(['ingest', 'recommend']), { checkpoints: 0, stopped: 0, sweep: 0, refresh: 1800 });
  });
});
