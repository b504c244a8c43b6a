import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anyExperiment, assign, ExperimentsFileSchema, isCustomerId, isRunning, shopperKeyOf } from './experiments.ts';

describe('the shopper key an experiment variant is assigned on', () => {
  it('is the customer id the request knows, or the one the store links to the client id', () => {
    assert.equal(shopperKeyOf({ userId: 'client-a' }, []), 'client-a');
    assert.equal(shopperKeyOf({ userId: 'client-a', customerId: '42' }, []), '42');
    assert.equal(shopperKeyOf({ userId: 'client-a' }, ['order:5001', 'client-a@eu', '42']), '42');
    assert.equal(shopperKeyOf({ userId: '42' }, ['client-a', 'client-b']), '42');
    assert.equal(shopperKeyOf({ userId: 'session:abc' }, ['42']), '42');
    assert.equal(shopperKeyOf({}, []), undefined);
  });

  it('is the same for every id of a linked group, whichever is asked (the smallest customer id)', () => {
    // A device shared by customers 1000 and 999 links them: every id of the group picks 999.
    assert.equal(shopperKeyOf({ userId: '1000' }, ['shared-device', '999']), '999');
    assert.equal(shopperKeyOf({ userId: 'shared-device' }, ['1000', '999']), '999');
    assert.equal(shopperKeyOf({ userId: 'client-x', customerId: '999' }, ['1000']), '999');
  });

  it('knows customer ids by their shape and which surfaces are in an experiment', () => {
    assert.ok(isCustomerId('8800123'));
    for (const id of ['client-1', 'order:1', 'gid://shopify/Customer/1', '', '12a']) assert.equal(isCustomerId(id), false, id);
    const { experiments } = ExperimentsFileSchema.parse({ experiments: [{ id: 'x', shops: ['a'], surfaces: ['mcp'], variants: [{ name: 'v', strategy: 'none', weight: 1 }] }] });
    assert.equal(anyExperiment(experiments, { shop: 'a', surface: 'mcp' }), true);
    assert.equal(anyExperiment(experiments, { shop: 'a', surface: 'product' }), false);
    assert.equal(anyExperiment(experiments, { shop: 'b', surface: 'mcp' }), false);
  });
});

describe('an ended experiment', () => {
  const file = ExperimentsFileSchema.parse({
    experiments: [
      { id: 'old', status: 'ended', variants: [{ name: 'control', strategy: 'popular', weight: 1 }, { name: 'treat', strategy: 'personalized', weight: 1 }] },
      { id: 'next', surfaces: ['cart'], variants: [{ name: 'only', strategy: 'hybrid', weight: 1 }] },
    ],
  });

  it('assigns nobody and makes no surface look experimented; a later running experiment still applies', () => {
    for (let i = 0; i < 50; i++) assert.equal(assign(file.experiments, { shop: 's', surface: 'product', shopperId: `c-${i}` }), undefined);
    assert.equal(anyExperiment(file.experiments, { shop: 's', surface: 'product' }), false);
    assert.deepEqual(assign(file.experiments, { shop: 's', surface: 'cart', shopperId: 'c-1' }), { id: 'next', variant: 'only', strategy: 'hybrid' });
  });

  it('near misses: `running` and no status assign as before; an unknown status is refused', () => {
    const running = ExperimentsFileSchema.parse({ experiments: [{ id: 'r', status: 'running', variants: [{ name: 'v', strategy: 'none', weight: 1 }] }] }).experiments;
    assert.equal(assign(running, { shop: 's', surface: 'home', shopperId: 'x' })?.id, 'r');
    assert.equal(isRunning({}), true);
    assert.equal(ExperimentsFileSchema.safeParse({ experiments: [{ id: 'r', status: 'paused', variants: [{ name: 'v', strategy: 'none', weight: 1 }] }] }).success, false);
  });
});
