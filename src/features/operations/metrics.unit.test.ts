/**
 * affinity_projection_lag_events is current when the registry is read (a scrape), not only after a
 * readiness check; its cost is bounded (concurrent scrapes share one count, a count is reused for a
 * second, a store that does not answer leaves the last count). Counts calls, asserts no duration.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Metrics } from './metrics.ts';

const lagIn = (text: string): number => Number(/^affinity_projection_lag_events (\S+)$/m.exec(text)?.[1]);

describe('projection lag gauge', () => {
  it('is counted on scrape: a backlog that grew since the last check shows on the next scrape', async () => {
    const m = new Metrics();
    let backlog = 4_000;
    let counts = 0;
    m.measureLagOnScrape(async () => {
      counts++;
      return backlog;
    });
    assert.equal(lagIn(await m.registry.metrics()), 4_000);
    // Scrapes within the reuse window (and concurrent ones) do not count again.
    backlog = 10;
    const texts = await Promise.all([m.registry.metrics(), m.registry.metrics(), m.registry.metrics()]);
    assert.equal(counts, 1);
    for (const t of texts) assert.equal(lagIn(t), 4_000);
  });

  it('keeps the last count when the store does not answer', async () => {
    const m = new Metrics();
    m.projectionLag.set(7);
    m.measureLagOnScrape(async () => {
      throw new Error('Redis is unreachable');
    });
    assert.equal(lagIn(await m.registry.metrics()), 7);
  });

  it('without a source, shows what was set (the readiness check)', async () => {
    const m = new Metrics();
    m.projectionLag.set(3);
    assert.equal(lagIn(await m.registry.metrics()), 3);
  });
});
