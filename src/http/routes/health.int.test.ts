/**
 * `GET /health/ready` over real HTTP on loopback and the dashboard's operations probe run one
 * readiness check (`features/operations/readiness.ts`): the backlog counted now, the gauges set, and
 * 503 while the store does not answer.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { operationsProbe } from '../../features/operations/readiness.ts';
import { ingestHarness } from '../../testing/ingestHarness.ts';
import { buildApp } from '../app.ts';

describe('readiness', () => {
  const h = ingestHarness();
  let up = true;
  let counted = 0;
  const projection: { kick(): void; lag: number; flush(): Promise<void>; measureLag(): Promise<number>; failing?: { since: number; error: string } } = {
    kick: () => {},
    lag: 2,
    flush: async () => {},
    measureLag: async () => ++counted + 10,
  };
  const store = { ...h.ctx.store, ping: async () => (up ? true : Promise.reject(new Error('down'))) };
  const ctx = { ...h.ctx, store, projector: projection };
  const app = buildApp(ctx);
  after(async () => {
    await app.close();
    h.close();
  });

  const gauges = async () => ({
    up: (await h.metrics.storeUp.get()).values[0]?.value,
    lag: (await h.metrics.projectionLag.get()).values[0]?.value,
  });

  let url = '';

  it('answers with the backlog counted now, and sets the gauges', async () => {
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${url}/health/ready`);
    const body = (await res.json()) as any;
    assert.equal(res.status, 200);
    assert.deepEqual([body.status, body.checks.store.up, body.checks.projector.lag], ['ok', true, 11]);
    assert.deepEqual(await gauges(), { up: 1, lag: 11 });

    up = false;
    const down = await fetch(`${url}/health/ready`);
    assert.equal(down.status, 503);
    assert.equal(((await down.json()) as any).checks.projector.lag, 12);
    assert.deepEqual(await gauges(), { up: 0, lag: 12 });
  });

  it('the operations probe runs the same check', async () => {
    up = true;
    await operationsProbe({ store, projection, metrics: h.metrics })();
    assert.deepEqual(await gauges(), { up: 1, lag: 13 });
  });

  it('shows since when this process’s projector has failed every drain, and why; still ready', async () => {
    projection.failing = { since: Date.UTC(2026, 11, 7, 23, 0), error: 'Redis is unreachable' };
    const res = await fetch(`${url}/health/ready`);
    const body = (await res.json()) as any;
    assert.equal(res.status, 200);
    assert.deepEqual(body.checks.projector.failing, { since: '2026-12-07T23:00:00.000Z', error: 'Redis is unreachable' });
    delete projection.failing;
    assert.equal(((await (await fetch(`${url}/health/ready`)).json()) as any).checks.projector.failing, undefined);
  });
});
