/**
 * `affinity demo --exit`, as the README's first command runs it (`npm run demo -- --exit`): the four
 * shoppers' picks and their variation, then it stops, and says so instead of an address nothing listens
 * on (a newcomer tried the printed curl after it had exited).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli, show } from './runCli.ts';

describe('affinity demo --exit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'affinity-cli-demo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the picks and the variation, exits 0, and prints no address of an API it stopped', async () => {
    const r = await runCli(['demo', '--exit'], { env: { AFFINITY_DB: join(dir, 'demo.db') } });
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /Variation between the four shoppers' top-10 lists \(mean pairwise 1 − Jaccard\): \d\.\d{3}/);
    assert.match(r.stdout, /--exit: the API was stopped/);
    assert.doesNotMatch(r.stdout, /API: +http|curl -s/);
  });
});
