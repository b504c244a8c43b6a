import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeHeapSnapshot } from 'node:v8';
import type { ServedList } from '../../core/attribution/servedList.ts';
import { CatalogIndex } from '../../core/catalog/catalogIndex.ts';
import { product } from '../../testing/productFixture.ts';
import { Metrics } from '../operations/metrics.ts';
import { QualityMonitor } from './qualityMonitor.ts';

const SHOP = 'quality.myshopify.com';
const index = CatalogIndex.build(Array.from({ length: 20 }, (_, i) => product({ id: `p${i}`, title: `P${i}`, vendor: `v${i % 3}`, category: `c${i % 4}` })));

function list(k: number): ServedList {
  return { id: `l${k}`, shop: SHOP, ts: k, surface: 'product', actor: 'human', userId: `u${k % 9}`, items: [`p${k % 20}`, `p${(k * 7) % 20}`, `p${(k * 3 + 1) % 20}`] };
}

/** The variation gauge's value for the shop (undefined: never set). */
async function variation(metrics: Metrics): Promise<number | undefined> {
  const m = await metrics.listVariation.get();
  return m.values.find((v) => v.labels.shop === SHOP)?.value;
}

describe('QualityMonitor: variation between shoppers', () => {
  it('is recomputed every `every` lists of a shop, and at most once a second however busy the shop', async () => {
    let now = 0;
    let draws = 0;
    const metrics = new Metrics();
    const rng = () => {
      draws += 1;
      return (draws * 0.618) % 1;
    };
    const monitor = new QualityMonitor({ metrics, catalog: () => index, rng, every: 200, clock: () => now });
    for (let k = 0; k < 199; k++) monitor.served(list(k));
    assert.equal(await variation(metrics), undefined, 'not before 200 lists');
    monitor.served(list(199));
    const first = await variation(metrics);
    assert.ok(first !== undefined && first >= 0 && first <= 1, String(first));

    // 1,000 more lists within the same second: not recomputed (no random draws either).
    const drawsBefore = draws;
    now += 999;
    for (let k = 200; k < 1200; k++) monitor.served(list(k));
    assert.equal(draws, drawsBefore);

    // Once the second has passed, the next list recomputes it.
    now += 1;
    monitor.served(list(1200));
    assert.ok(draws > drawsBefore);
    // And the count starts again: 199 lists later, still not.
    const drawsAfter = draws;
    now += 5000;
    for (let k = 1201; k < 1400; k++) monitor.served(list(k));
    assert.equal(draws, drawsAfter);
    monitor.served(list(1400));
    assert.ok(draws > drawsAfter);
  });

  it('counts every list by surface and status', async () => {
    const metrics = new Metrics();
    const monitor = new QualityMonitor({ metrics, catalog: () => index });
    monitor.served(list(1));
    monitor.served({ ...list(2), status: 'degraded' });
    monitor.served({ ...list(3), surface: 'cart', items: [], status: 'error' });
    const counted = (await metrics.listsServed.get()).values.map((v) => [v.labels.surface, v.labels.status, v.value]);
    assert.deepEqual(counted.sort(), [['cart', 'error', 1], ['product', 'degraded', 1], ['product', 'ok', 1]]);
  });
});

describe('QualityMonitor: no shopper id kept', () => {
  it('a heap snapshot after 1,000 lists of 9 shoppers holds none of their ids, and shoppers are still told apart', async () => {
    const metrics = new Metrics();
    const monitor = new QualityMonitor({ metrics, catalog: () => index, every: 200, minIntervalMs: 0 });
    // Ids made at run time (not in the source), dropped once served: only the monitor could keep them.
    const secret = randomUUID();
    const idOf = (n: number) => [secret, 'shopper', String(n)].join('~');
    for (let k = 0; k < 1000; k++) monitor.served({ ...list(k), userId: idOf(k % 9) });
    // One id the test itself keeps: the snapshot must show it (a check that strings are readable there).
    const kept = idOf(100);
    const v = await variation(metrics);
    assert.ok(v !== undefined && v > 0, `variation ${v}: lists of different shoppers were compared`);
    // A heap snapshot collects garbage first; what is left is what something still refers to.
    const file = writeHeapSnapshot(join(tmpdir(), `quality-${process.pid}-${Date.now()}.heapsnapshot`));
    try {
      const heap = readFileSync(file, 'utf8');
      assert.ok(heap.includes(kept), 'an id the test holds is in the snapshot');
      for (let n = 0; n < 9; n++) assert.ok(!heap.includes(`"${idOf(n)}"`), `shopper ${n}'s id is still held`);
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe('QualityMonitor: dashboard Preview lists', () => {
  it('counts no Preview list in any online figure (nobody was shown it)', async () => {
    const metrics = new Metrics();
    const monitor = new QualityMonitor({ metrics, catalog: () => index, every: 1, minIntervalMs: 0 });
    for (let k = 0; k < 50; k++) monitor.served({ ...list(k), agent: 'dashboard-preview', surface: 'api' });
    const served = await metrics.listsServed.get();
    assert.deepEqual(served.values.filter((v) => v.value > 0), []);
    assert.equal(await variation(metrics), undefined);
    monitor.served({ ...list(50), surface: 'api' });
    assert.equal((await metrics.listsServed.get()).values.find((v) => v.labels.surface === 'api')?.value, 1);
  });
});
