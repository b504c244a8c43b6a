import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { datasetDirProblem } from './datasetDir.ts';

describe('datasetDirProblem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-digi-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'sample_train-item-views.csv'), 'session_id;user_id;item_id;timeframe;eventdate\n');

  it('accepts a Diginetica directory for `eval`, not for commands that cannot score it', () => {
    assert.equal(datasetDirProblem(dir), undefined);
    assert.match(datasetDirProblem(dir, { diginetica: false }) ?? '', /not a known dataset \(expected yoochoose/);
  });

  it('names what it expected for an unknown directory', () => {
    assert.match(datasetDirProblem(tmpdir()) ?? '', /train-item-views\.csv/);
  });
});
