/**
 * `npm run faults` prints its summary; it writes it into docs/reliability.md only when asked
 * (`--write`), so a reader who runs it to check the figures keeps a clean working tree. `--no-docs`
 * (the old way to keep the doc) is still accepted; both at once is a contradiction. The command the
 * report quotes reproduces the figures: the flags that only say where the summary goes are left out.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optionsOf, reproduceCommand } from './faults.ts';

describe('npm run faults: writing docs/reliability.md', () => {
  it('a plain run does not write the doc', () => {
    assert.equal(optionsOf([]).docs, false);
    assert.equal(optionsOf(['--fault-seconds', '2', '--json', '/tmp/f.json']).docs, false);
  });

  it('--write writes it', () => {
    assert.equal(optionsOf(['--write']).docs, true);
    assert.equal(optionsOf(['--clients', '3', '--write']).docs, true);
  });

  it('--no-docs, the old spelling of the default, is accepted and does not write it', () => {
    assert.equal(optionsOf(['--no-docs']).docs, false);
  });

  it('--write with --no-docs is refused', () => {
    assert.throws(() => optionsOf(['--write', '--no-docs']), /contradict/);
  });

  it('the other options keep their defaults and ranges', () => {
    const o = optionsOf([]);
    assert.deepEqual(
      { ...o, docs: undefined },
      { faultSeconds: 6, afterSeconds: 5, baselineSeconds: 8, clients: 6, pauseMs: 15, products: 400, users: 300, appendfsync: 'everysec', maxSeconds: 420, docs: undefined, json: '' },
    );
    assert.throws(() => optionsOf(['--clients', '100']), /--clients must be a number in \[1, 64\]/);
    assert.throws(() => optionsOf(['--appendfsync', 'sometimes']), /not one of everysec, always, no/);
    assert.throws(() => optionsOf(['--writes']), /unknown option --writes \(did you mean --write\?\)/);
  });

  it('the report quotes the command without --write or --no-docs', () => {
    assert.equal(reproduceCommand([]), 'npm run faults');
    assert.equal(reproduceCommand(['--write']), 'npm run faults');
    assert.equal(reproduceCommand(['--fault-seconds', '2', '--write', '--no-docs']), 'npm run faults -- --fault-seconds 2');
    assert.equal(reproduceCommand(['--clients', '3']), 'npm run faults -- --clients 3');
  });
});
