import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RemoteProjection } from './projectionControl.ts';

describe('RemoteProjection: projection that runs in other processes', () => {
  it('a node without the project role: the lag is the shared store backlog, a kick is sent on', async () => {
    let backlog = 7;
    let sent = 0;
    const p = new RemoteProjection(() => sent++, { backlog: async () => backlog });
    assert.equal(p.lag, 0, 'nothing counted yet');
    assert.equal(await p.measureLag(), 7);
    assert.equal(p.lag, 7);
    backlog = 0;
    assert.equal(await p.measureLag(), 0);
    p.kick();
    assert.equal(sent, 1);
    await assert.rejects(p.flush(), /only available where the projector runs/);
  });

  it('an HTTP worker: the lag is what the projecting primary reported', async () => {
    const p = new RemoteProjection(() => {});
    p.setLag(12);
    assert.equal(p.lag, 12);
    assert.equal(await p.measureLag(), 12, 'no store to count: the reported lag');
    // A store that cannot count its backlog is the same.
    const q = new RemoteProjection(() => {}, {});
    q.setLag(3);
    assert.equal(await q.measureLag(), 3);
  });
});
