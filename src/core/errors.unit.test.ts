import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AffinityError, ERROR_CODES, isAffinityError } from './errors.ts';

describe('error registry', () => {
  it('documents every code in docs/errors.md with its status', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../docs/errors.md'), 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      assert.match(doc, new RegExp(`\\| \`${code}\` \\| ${status} \\|`), `${code} missing from docs/errors.md`);
    }
  });

  it('brands errors so the guard works without instanceof', () => {
    const e = new AffinityError('NOT_FOUND', 'x', [{ path: 'a', message: 'b' }]);
    assert.equal(e.status, 404);
    assert.ok(isAffinityError(e));
    assert.ok(!isAffinityError(new Error('x')));
    assert.ok(isAffinityError({ ...e, [Symbol.for('affinity.error')]: true }));
  });
});
