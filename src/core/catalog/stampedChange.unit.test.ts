import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TOMBSTONE_PRUNE_LIMIT, TOMBSTONE_RETENTION_MS, tombstonePruning } from './stampedChange.ts';

describe('tombstonePruning', () => {
  it('keeps a tombstone a week by default (Shopify retries for 4 hours), on the wall clock', () => {
    const p = tombstonePruning();
    assert.equal(p.retentionMs, TOMBSTONE_RETENTION_MS);
    assert.equal(TOMBSTONE_RETENTION_MS, 7 * 24 * 3_600_000);
    assert.ok(TOMBSTONE_RETENTION_MS > 4 * 3_600_000);
    assert.equal(p.limit, TOMBSTONE_PRUNE_LIMIT);
    assert.equal(p.now, Date.now);
  });

  it('takes an injected clock, retention and limit, and refuses ones that would prune at once or never bound', () => {
    const now = () => 42;
    assert.deepEqual(tombstonePruning({ now, retentionMs: 1000, limit: 3 }), { now, retentionMs: 1000, limit: 3 });
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => tombstonePruning({ retentionMs: bad }), /retention must be a positive integer/);
      assert.throws(() => tombstonePruning({ limit: bad }), /prune limit must be a positive integer/);
    }
  });
});
